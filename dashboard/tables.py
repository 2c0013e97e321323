"""Display tables: contract rows → localised columns + st.column_config, drawn by
dashboard.html.table_parts (or st.dataframe). A hidden ``_sort:<column>`` column carries the
sort key of a formatted column (a date's ISO key), hidden by its ``None`` config.

Cells are escaped where they are drawn (table_parts), never read as Markdown, so no escaping here;
downloads go through presentation.exports, whose neutralize_formula keeps a cell from becoming a
spreadsheet formula.
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import views
from dashboard.briefing import actor_href, page_href, source_of, sources_href
from dashboard.charts import country_label
from dashboard.filters import Filters
from dashboard.html import SORT_KEY_PREFIX, sort_key_column
from dashboard.intake_views import correction_note, discrepancy_note
from presentation.formatting import (
    fmt_country,
    fmt_date,
    fmt_figure,
    fmt_indicator,
    fmt_kind,
    fmt_number,
    fmt_period,
    fmt_qualifier,
    fmt_unit,
    truncate,
)
from presentation.i18n import t, tn


def _hide_sort_keys(frame: pd.DataFrame, config: dict) -> dict:
    return {**config, **{c: None for c in frame.columns if str(c).startswith(SORT_KEY_PREFIX)}}


def _link_config(lang: str) -> st.column_config.LinkColumn:
    return st.column_config.LinkColumn(t("common.passage", lang), display_text=t("common.see_passage", lang),
                                       width="small")


# the Besoins table's first tab: people counts and funding, people in need first
NEED_ORDER = ("people_in_need", "affected", "food_insecure", "idps", "refugees", "returnees", "targeted", "reached",
              "funding_required", "funding_received")


def figures_part(figures: pd.DataFrame, part: str = "") -> pd.DataFrame:
    """``needs``: the figures of needs and funding (NEED_ORDER), people in need first, then by
    country and newest first; ``deaths``: the deaths (views.DEATH_INDICATORS); ``other``: every other
    figure (counts, durations, percentages); "": all, needs first."""
    rank = figures["indicator"].map({k: i for i, k in enumerate(NEED_ORDER)}).fillna(len(NEED_ORDER))
    work = figures.assign(_rank=rank, _country=figures["country_iso3"].fillna("~"),
                          _when=figures["when_key"].fillna("") if "when_key" in figures.columns else "")
    if part == "needs":
        work = work[work["_rank"] < len(NEED_ORDER)]
    elif part == "deaths":
        work = work[work["indicator"].isin(views.DEATH_INDICATORS)]
    elif part == "other":
        work = work[(work["_rank"] >= len(NEED_ORDER)) & ~work["indicator"].isin(views.DEATH_INDICATORS)]
    work = work.sort_values(["_rank", "indicator", "_country", "_when"], ascending=[True, True, True, False],
                            kind="stable")
    return work.drop(columns=["_rank", "_country", "_when"])


def figures_table(figures: pd.DataFrame, lang: str, *, filters: Filters | None = None, ordered: bool = False):
    rows = figures if ordered else figures_part(figures)
    records = rows.to_dict("records")
    frame = pd.DataFrame({
        t("col.country", lang): [country_label(c, lang) for c in rows["country_iso3"]],
        t("col.indicator", lang): [fmt_indicator(i, lang) for i in rows["indicator"]],
        t("col.figure", lang): [fmt_figure(v, u, q, lang, compact=False, label=lb) for v, u, q, lb in
                                zip(rows["value"], rows["unit"], rows["qualifier"], rows["label"])],
        t("col.qualifier", lang): [fmt_qualifier(q, lang) or t("qualifier.exact", lang) for q in rows["qualifier"]],
        # beside the figure: another source disagrees (dashboard.discrepancies), an editor corrected it
        t("discrepancy.column", lang): [discrepancy_note(r, lang) for r in records],
        t("correct.column", lang): [correction_note(r, lang) for r in records],
        t("col.place", lang): [p or a or "" for p, a in zip(rows["place"].fillna(""), rows["admin1"].fillna(""))],
        # an official figure's whole period ("2024", "janv.–juin 2025"), an article's figure its date
        t("col.date", lang): [fmt_period(r.get("reference_date"), r.get("reference_precision"), lang,
                                         end=r.get("reference_end_date")) if r.get("source_kind") == "import"
                              else fmt_date(r.get("when"), r.get("when_precision"), lang) for r in records],
        sort_key_column(t("col.date", lang)): rows["when_key"].fillna("").to_numpy(),
        t("common.passage", lang): [sources_href(a, s, e, filters=filters, lang=lang) if a else None for a, s, e in
                                    zip(rows["article_id"], rows["char_start"], rows["char_end"])],
        t("col.source", lang): [source_of(r, lang, 70) for r in records],
        t("col.quote", lang): rows["quote"].fillna("").to_numpy(),
        t("col.value", lang): rows["value"].to_numpy(),
        t("col.unit", lang): [fmt_unit(u, lang, label=lb) for u, lb in zip(rows["unit"], rows["label"])],
        t("col.label", lang): rows["label"].fillna("").to_numpy(),
    })
    notes = [t("discrepancy.column", lang), t("correct.column", lang)]
    frame = frame.drop(columns=[c for c in notes if not frame[c].astype(bool).any()])  # no empty columns
    config = {t("common.passage", lang): _link_config(lang),
              t("col.value", lang): st.column_config.NumberColumn(format="localized"),
              t("col.qualifier", lang): st.column_config.TextColumn(width="medium"),
              t("col.place", lang): st.column_config.TextColumn(width="medium"),
              t("col.source", lang): st.column_config.TextColumn(width="large"),
              t("discrepancy.column", lang): st.column_config.TextColumn(width="medium"),
              t("col.quote", lang): st.column_config.TextColumn(width="large")}
    return frame, _hide_sort_keys(frame, config)


def events_table(events: pd.DataFrame, lang: str, *, filters: Filters | None = None):
    frame = pd.DataFrame({
        t("col.date", lang): [fmt_date(d, p, lang) for d, p in zip(events["date_start"], events["precision"])],
        sort_key_column(t("col.date", lang)): events["date_key"].fillna("").to_numpy(),
        t("col.precision", lang): [t(f"timeline.precision.{p}", lang) for p in events["precision"]],
        t("col.event", lang): events["title"].fillna("").to_numpy(),
        t("col.kind", lang): [fmt_kind("event", k, lang) for k in events["kind"]],
        t("col.place", lang): events["place"].fillna("").to_numpy(),
        t("col.country", lang): [fmt_country(c, lang) if c else "—" for c in events["country_iso3"]],
        t("common.passage", lang): [sources_href(a, s, e, filters=filters, lang=lang) for a, s, e in
                                    zip(events["article_id"], events["char_start"], events["char_end"])],
        t("col.source", lang): [source_of(r, lang, 70) for r in events.to_dict("records")],
        t("col.quote", lang): events["quote"].fillna("").to_numpy(),
        t("correct.column", lang): [correction_note(r, lang) for r in events.to_dict("records")],
    })
    if not frame[t("correct.column", lang)].astype(bool).any():  # no empty column
        frame = frame.drop(columns=t("correct.column", lang))
    return frame, _hide_sort_keys(frame, {t("common.passage", lang): _link_config(lang),
                                          t("col.place", lang): st.column_config.TextColumn(width="medium"),
                                          t("col.event", lang): st.column_config.TextColumn(width="large"),
                                          t("col.quote", lang): st.column_config.TextColumn(width="large")})


def actors_table(actors: pd.DataFrame, lang: str, *, filters: Filters | None = None):
    rows = actors.sort_values(["article_count", "mention_count", "name"], ascending=[False, False, True])
    frame = pd.DataFrame({
        t("col.actor", lang): rows["name"].to_numpy(),
        t("col.read_mentions", lang): [actor_href(a, filters=filters, lang=lang) for a in rows["actor_id"]],
        t("col.kind", lang): [fmt_kind("actor", k, lang) for k in rows["kind"]],
        t("col.role", lang): rows["role"].fillna("").to_numpy(),
        t("col.country", lang): [fmt_country(c, lang) if c else "—" for c in rows["country_iso3"]],
        t("col.n_articles", lang): rows["article_count"].to_numpy(),
        t("col.n_mentions", lang): rows["mention_count"].to_numpy(),
        t("col.articles", lang): [_some_titles(titles, lang)
                                  for titles in rows.get("article_titles", pd.Series([[]] * len(rows)))],
    })
    return frame, rows["actor_id"].tolist(), {
        t("col.actor", lang): st.column_config.TextColumn(width="medium"),
        t("col.read_mentions", lang): st.column_config.LinkColumn(display_text=t("actors.see_mentions", lang),
                                                                  width="small"),
        t("col.role", lang): st.column_config.TextColumn(width="large"),
        t("col.articles", lang): st.column_config.TextColumn(width="large")}


ACTOR_TITLES_SHOWN = 3  # an actor cited by hundreds of articles: the rest is one click away (↗ mentions)


def _some_titles(titles, lang: str) -> str:
    titles = list(titles)
    shown = "; ".join(truncate(x, 60) for x in titles[:ACTOR_TITLES_SHOWN])
    hidden = len(titles) - ACTOR_TITLES_SHOWN
    return shown + (" " + tn("actors.more_articles", hidden, lang, n=fmt_number(hidden, lang)) if hidden > 0 else "")


def articles_table(articles: pd.DataFrame, lang: str, *, filters: Filters | None = None):
    """In the order given (the articles view is newest first); each row opens its article in the
    viewer ("↗ lire") or filters every page on it ("↗ filtrer"): the way to an article the
    sidebar's list of the newest does not offer."""
    kept = filters or Filters()
    frame = pd.DataFrame({
        # an article without a title (etl.titles found no headline) is never named by its file here
        t("col.title", lang): articles["title"].fillna(t("source.untitled", lang)).to_numpy(),
        t("col.read_article", lang): [sources_href(a, filters=kept, lang=lang) for a in articles["article_id"]],
        t("col.filter_article", lang): [page_href("sources", filters=replace(kept, article_ids=(a,)), lang=lang,
                                                  article=a) for a in articles["article_id"]],
        t("col.published", lang): [fmt_date(d, p, lang) for d, p in
                                   zip(articles["published_date"], articles["published_precision"])],
        sort_key_column(t("col.published", lang)): articles["published_date"].fillna("").astype(str).to_numpy(),
        t("col.source_name", lang): articles["source"].fillna("").to_numpy(),
        t("col.file", lang): articles["source_file"].fillna("").to_numpy(),
        t("col.status", lang): [t(f"sources.status.{s}", lang) if s in ("ok", "error") else (s or "")
                                for s in articles["status"]],
        t("col.n_figures", lang): articles["n_figures"].to_numpy(),
        t("col.n_decisions", lang): articles["n_decisions"].to_numpy(),
        t("col.n_events", lang): articles["n_events"].to_numpy(),
        t("col.n_mentions", lang): articles["n_actor_mentions"].to_numpy(),
        t("col.error", lang): articles["error"].fillna("").to_numpy(),
    })
    return frame, _hide_sort_keys(frame, {
        t("col.title", lang): st.column_config.TextColumn(width="large"),
        t("col.read_article", lang): st.column_config.LinkColumn(display_text=t("sources.read", lang), width="small"),
        t("col.filter_article", lang): st.column_config.LinkColumn(display_text=t("sources.filter", lang),
                                                                   width="small")})
