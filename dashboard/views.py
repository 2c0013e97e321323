"""Pure table joins the pages share (article titles, dates, counts, spans).

Each function takes contract tables and returns a new frame; dashboard.loaders caches
them keyed on the tables' file signatures, so nothing here runs on every rerun.
"""
from __future__ import annotations

import pandas as pd

from dashboard.dates import effective_precision, sort_key

SPAN_TYPES = ("figure", "decision", "event", "actor")


def _titles(articles: pd.DataFrame) -> pd.DataFrame:
    cols = ["article_id", "title", "published_date", "published_precision", "source", "url"]
    out = articles[[c for c in cols if c in articles.columns]].drop_duplicates("article_id").copy()
    if "source_file" in articles.columns:  # an article without a title is named by its file
        files = articles.drop_duplicates("article_id").set_index("article_id")["source_file"]
        out["title"] = out["title"].where(out["title"].fillna("").str.strip() != "", out["article_id"].map(files))
    return out.rename(columns={"title": "article_title", "published_date": "article_date",
                               "published_precision": "article_date_precision",
                               "source": "article_source", "url": "article_url"})


def with_article(df: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Add the source article's title, date, source name and URL to each row."""
    if "article_id" not in df.columns:
        return df
    return df.merge(_titles(articles), on="article_id", how="left")


def _dated(df: pd.DataFrame, date_col: str, precision_col: str | None) -> pd.DataFrame:
    """``when``/``when_precision``: the row's own date, else its article's publication date."""
    out = df.copy()
    own = out[date_col] if date_col in out.columns else pd.Series([None] * len(out), index=out.index)
    own_prec = out[precision_col] if precision_col and precision_col in out.columns else pd.Series(
        [None] * len(out), index=out.index)
    art = out.get("article_date", pd.Series([None] * len(out), index=out.index))
    art_prec = out.get("article_date_precision", pd.Series([None] * len(out), index=out.index))
    when, when_prec = [], []
    for d, p, ad, ap in zip(own, own_prec, art, art_prec):
        prec = effective_precision(d, p)
        if prec in ("day", "month", "year"):
            when.append(d)
            when_prec.append(prec)
        else:
            aprec = effective_precision(ad, ap)
            when.append(ad if aprec in ("day", "month", "year") else d)
            when_prec.append(aprec if aprec in ("day", "month", "year") else prec)
    out["when"] = when
    out["when_precision"] = when_prec
    out["when_key"] = [sort_key(d, p) for d, p in zip(when, when_prec)]
    return out


def figures_view(figures: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    return _dated(with_article(figures, articles), "reference_date", "reference_precision")


def decisions_view(decisions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    return _dated(with_article(decisions, articles), "announced_date", "announced_precision")


def events_view(events: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    out = with_article(events, articles)
    out["precision"] = [effective_precision(d, p) for d, p in zip(out["date_start"], out["date_precision"])]
    out["date_key"] = [sort_key(d, p) for d, p in zip(out["date_start"], out["precision"])]
    return out


def actors_view(actors: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per actor with the articles that mention it (ids and titles) and counts."""
    out = actors.copy()
    if mentions.empty:
        out["article_ids"] = [[] for _ in range(len(out))]
        out["mention_count"] = 0
        out["article_count"] = 0
        return out
    titles = _titles(articles).set_index("article_id")["article_title"] if not articles.empty else pd.Series(dtype=object)
    grouped = mentions.groupby("actor_id")
    ids = grouped["article_id"].agg(lambda s: list(dict.fromkeys(s.dropna())))
    counts = grouped.size()
    out["article_ids"] = out["actor_id"].map(ids).apply(lambda v: v if isinstance(v, list) else [])
    out["mention_count"] = out["actor_id"].map(counts).fillna(0).astype(int)
    out["article_count"] = out["article_ids"].apply(len)
    out["article_titles"] = out["article_ids"].apply(lambda v: [str(titles.get(a) or a) for a in v])
    return out


def articles_view(articles: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Articles with how many rows each table draws from them, newest first."""
    out = articles.copy()
    for name in ("figures", "decisions", "events", "actor_mentions"):
        df = tables.get(name)
        counts = df.groupby("article_id").size() if df is not None and not df.empty else pd.Series(dtype=int)
        out[f"n_{name}"] = out["article_id"].map(counts).fillna(0).astype(int)
    out["date_key"] = [sort_key(d, p) for d, p in zip(out["published_date"], out["published_precision"])]
    return out.sort_values(["date_key", "title"], ascending=[False, True], na_position="last").reset_index(drop=True)


def spans_view(figures: pd.DataFrame, decisions: pd.DataFrame, events: pd.DataFrame,
               mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Every extracted span: ``span_type``, ``row_id``, ``article_id``, ``start``, ``end``, ``label``."""
    parts = []

    def add(df, span_type, id_col, label_col):
        if df.empty or "char_start" not in df.columns:
            return
        part = pd.DataFrame({
            "span_type": span_type,
            "row_id": df[id_col].astype(str),
            "article_id": df["article_id"],
            "start": df["char_start"],
            "end": df["char_end"],
            "label": df[label_col] if label_col in df.columns else None,
            "quote": df["quote"] if "quote" in df.columns else None,
        })
        parts.append(part)

    add(figures, "figure", "figure_id", "label")
    add(decisions, "decision", "decision_id", "text")
    add(events, "event", "event_id", "title")
    if not mentions.empty:
        names = actors.set_index("actor_id")["name"] if not actors.empty else pd.Series(dtype=object)
        m = mentions.copy()
        m["name"] = m["actor_id"].map(names)
        m["row_id"] = m["actor_id"]
        add(m, "actor", "row_id", "name")
    if not parts:
        return pd.DataFrame(columns=["span_type", "row_id", "article_id", "start", "end", "label", "quote"])
    spans = pd.concat(parts, ignore_index=True)
    spans = spans.dropna(subset=["start", "end"])
    spans["start"] = spans["start"].astype(int)
    spans["end"] = spans["end"].astype(int)
    return spans[spans["end"] > spans["start"]].reset_index(drop=True)


NEED_INDICATORS = ("people_in_need", "affected")  # in order of preference for the needs map and cards


def needs_by_country(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per country: its people-in-need figure (else people affected), the most
    recent stated number first; a country with only unquantified statements keeps one of
    them (drawn as "chiffre non précisé", never as a number)."""
    return _best_need(figures, ["country_iso3"])


def needs_by_admin1(figures: pd.DataFrame) -> pd.DataFrame:
    """Like needs_by_country, one row per (country, admin-1 unit) for figures that name one."""
    if figures.empty:
        return figures
    return _best_need(figures[figures["admin1"].fillna("") != ""], ["country_iso3", "admin1"])


def _best_need(figures: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    rows = figures[figures["indicator"].isin(NEED_INDICATORS) & figures["country_iso3"].notna()
                   & (figures["country_iso3"] != "")] if not figures.empty else figures
    if rows.empty:
        return rows
    work = rows.copy()
    work["_quantified"] = work["value"].notna() & (work["qualifier"] != "unquantified")
    work["_priority"] = work["indicator"].map({ind: i for i, ind in enumerate(NEED_INDICATORS)})
    work["_when"] = work["when_key"].fillna("") if "when_key" in work.columns else ""
    work = work.sort_values(["_quantified", "_priority", "_when", "value"],
                            ascending=[False, True, False, False], na_position="last")
    best = work.drop_duplicates(keys).drop(columns=["_quantified", "_priority", "_when"])
    return best.sort_values("value", ascending=False, na_position="last").reset_index(drop=True)
