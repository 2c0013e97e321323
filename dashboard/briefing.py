"""Pure builders of the overview's content (card data, list items, subtitle) and of
links to the Sources page. Text here is plain: dashboard.html escapes it."""
from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd

from dashboard import views
from dashboard.filters import Filters, filters_to_query
from presentation.formatting import (
    fmt_country,
    fmt_date,
    fmt_figure,
    fmt_indicator,
    fmt_kind,
    fmt_number,
    fmt_source,
    reference_year,
    truncate,
)
from presentation.i18n import t, tn


def page_href(page: str, *, filters: Filters | None = None, lang: str = "fr", **params) -> str:
    """Relative link to one of the app's pages, keeping the filters and the language."""
    query = dict(filters_to_query(filters)) if filters else {}
    if lang != "fr":
        query["lang"] = lang
    query.update({k: str(v) for k, v in params.items() if v is not None})
    return f"{page}?" + urlencode(query)


def sources_href(article_id, start=None, end=None, *, filters: Filters | None = None, lang: str = "fr") -> str:
    """Relative link to the Sources page showing an article, its span highlighted."""
    span = (f"{int(start)}-{int(end)}" if start is not None and end is not None
            and not (pd.isna(start) or pd.isna(end)) else None)
    return page_href("sources", filters=filters, lang=lang, article=article_id, span=span)


def actor_href(actor_id, *, filters: Filters | None = None, lang: str = "fr") -> str:
    """Relative link to the Acteurs page with one actor's mentions open."""
    return page_href("actors", filters=filters, lang=lang, actor=actor_id)


def source_of(row: dict, lang: str, limit: int = 60) -> str:
    """Who says it, as *media, title, date* (formatting.fmt_source): never a file name."""
    return fmt_source(row, lang, limit=limit)


def need_cards(needs: pd.DataFrame, lang: str, *, limit: int = 4) -> list[dict]:
    """One card per country (largest first): its national figure, what it counts and the year
    it refers to, its source as *media, title, date*, and the official figure beside it when
    one was imported (« 6,4 M — personnes dans le besoin, 2025 · Studio Tamani, 9 oct. 2025 »).
    Unquantified statements are marked as such."""
    cards = []
    for row in needs.head(limit).to_dict("records"):
        unquantified = row.get("qualifier") == "unquantified" or pd.isna(row.get("value"))
        year = reference_year(row, lang) or t("scope.year_unknown", lang)
        what = f"{fmt_indicator(row['indicator'], lang)}, {year}"
        source = fmt_source(row, lang, limit=70)
        if row.get("source_kind") == "import":
            source = t("scope.official_source", lang, source=source)
        card = {"label": fmt_country(row["country_iso3"], lang),
                "value": fmt_figure(row.get("value"), None, row.get("qualifier"), lang),
                "note": f"{what} · {source}", "css": "unq" if unquantified else ""}
        if official := views.official_of(row):
            card["extra"] = t("scope.official_beside", lang, figure=fmt_figure(official["value"], None,
                                                                               official["qualifier"], lang),
                              source=fmt_source(official, lang, limit=60))
        cards.append(card)
    if len(needs) > limit:
        rest = needs.iloc[limit:]
        cards.append({"label": t("overview.more_countries", lang, n=len(rest)),
                      "value": f"+{len(rest)}",
                      "note": ", ".join(fmt_country(c, lang) for c in rest["country_iso3"].head(6))})
    return cards


def decisions_card(decisions: pd.DataFrame, lang: str, statuses: pd.DataFrame | None = None) -> dict:
    """Count of decisions, broken down by tracker status when available, else by kind."""
    if statuses is not None and not statuses.empty:
        parts = [t("common.labelled", lang, label=t(f"tracker.status.{s}", lang), value=fmt_number(n, lang))
                 for s, n in zip(statuses["status"], statuses["n"]) if n]
        note_key = "overview.by_status"
    else:
        counts = decisions["kind"].value_counts() if not decisions.empty else pd.Series(dtype=int)
        parts = [f"{fmt_number(n, lang)} {fmt_kind('decision_plural', k, lang)}" for k, n in counts.items()]
        note_key = "overview.by_kind"
    return {"label": t("overview.decisions_card", lang), "value": fmt_number(len(decisions), lang),
            "note": t(note_key, lang, parts=" · ".join(parts) if parts else "—")}


def events_card(events: pd.DataFrame, lang: str) -> dict:
    latest = latest_events(events, 1)
    note = "—"
    if not latest.empty:
        row = latest.iloc[0]
        note = t("overview.latest_event", lang, when=fmt_date(row["date_start"], row["precision"], lang),
                 where=row.get("place") or fmt_country(row.get("country_iso3"), lang))
    return {"label": t("overview.events_card", lang), "value": fmt_number(len(events), lang), "note": note}


def latest_events(events: pd.DataFrame, n: int) -> pd.DataFrame:
    """Most recent first; dates that cannot be placed (no year) ordered by their article's date, after."""
    if events.empty:
        return events
    work = events.assign(_placed=events["date_key"] != "", _art=events["article_date"].fillna(""))
    work = work.sort_values(["_placed", "date_key", "_art"], ascending=[False, False, False])
    return work.head(n).drop(columns=["_placed", "_art"])


def event_items(events: pd.DataFrame, lang: str, *, n: int = 6, filters: Filters | None = None) -> list[dict]:
    items = []
    for row in latest_events(events, n).to_dict("records"):
        where = ", ".join(x for x in (row.get("place") or "", fmt_country(row.get("country_iso3"), lang)
                                       if row.get("country_iso3") else "") if x)
        items.append({
            "when": fmt_date(row["date_start"], row["precision"], lang),
            "pill": fmt_kind("event", row.get("kind"), lang),
            "text": truncate(row.get("title") or row.get("quote") or "", 100),
            "meta": " · ".join(x for x in (where, source_of(row, lang, 50)) if x),
            "href": sources_href(row["article_id"], row.get("char_start"), row.get("char_end"),
                                 filters=filters, lang=lang),
        })
    return items


def decision_items(decisions: pd.DataFrame, lang: str, *, n: int = 6, filters: Filters | None = None) -> list[dict]:
    if decisions.empty:
        return []
    recent = decisions.sort_values(["when_key", "article_date"], ascending=False, na_position="last").head(n)
    items = []
    for row in recent.to_dict("records"):
        items.append({
            "when": fmt_date(row.get("when"), row.get("when_precision"), lang),
            "pill": fmt_kind("decision", row.get("kind"), lang),
            "text": truncate(row.get("text") or "", 120),
            "meta": source_of(row, lang, 70),
            "href": sources_href(row["article_id"], row.get("char_start"), row.get("char_end"),
                                 filters=filters, lang=lang),
        })
    return items


def subtitle(articles: pd.DataFrame, filters: Filters, lang: str) -> str:
    ok = articles[articles["status"].fillna("ok") == "ok"] if not articles.empty else articles
    text = tn("overview.subtitle", len(ok), lang, n=fmt_number(len(ok), lang))
    if not filters.is_empty:
        parts = [fmt_country(c, lang) for c in filters.countries]
        parts += [fmt_indicator(i, lang) for i in filters.indicators]
        if any(filters.period):
            parts.append("–".join(p or "…" for p in filters.period))
        if filters.article_ids:
            parts.append(tn("overview.n_articles_selected", len(filters.article_ids), lang))
        text += " · " + t("overview.filtered", lang, parts=", ".join(parts))
    return text
