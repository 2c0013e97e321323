"""Filters shared by every page and kept in the URL, so a link reproduces a view.

``Filters`` is a plain value; ``apply_filters`` is pure. ``sidebar_filters`` (rendered
once by app.py's shared sidebar) reads the query parameters when a session starts,
keeps the widgets' values in session state, and writes them back to the URL on every
run, so switching pages (which clears the URL) keeps both the filters and the link.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from presentation.dates import date_interval

QUERY = {"countries": "countries", "indicators": "indicators", "articles": "articles",
         "from": "from", "to": "to"}
WIDGET = {"countries": "filter_countries", "indicators": "filter_indicators",
          "articles": "filter_articles", "years": "filter_years"}
# The sidebar lists the newest articles only: 2,000 titles would be sent to, and drawn on,
# every page; an older article is chosen from the Sources table (its "filter" link).
ARTICLE_CHOICES = 200
SESSION_KEY = "_filters"
SEEDED_KEY = "_filters_seeded"


@dataclass(frozen=True)
class Filters:
    countries: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    period: tuple[str | None, str | None] = (None, None)  # ISO dates, inclusive
    article_ids: tuple[str, ...] = field(default=())
    # figures' source_kind ("article", "import"); empty = both. Set by the Besoins and Carte pages.
    source_kinds: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not (self.countries or self.indicators or self.article_ids or any(self.period) or self.source_kinds)

    def period_dates(self) -> tuple[date | None, date | None]:
        start = date_interval(self.period[0]) if self.period[0] else None
        end = date_interval(self.period[1]) if self.period[1] else None
        return (start[0] if start else None, end[1] if end else None)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, (list, tuple)) else [value]
    items: list[str] = []
    for item in values:
        items.extend(part.strip() for part in str(item).split(",") if part.strip())
    return list(dict.fromkeys(items))


def _as_period_bound(value) -> str | None:
    values = _as_list(value)
    if not values:
        return None
    return values[0] if date_interval(values[0]) else None


def filters_from_query(params: Mapping) -> Filters:
    """Parse ``?countries=MLI,BFA&indicators=people_in_need&from=2024&to=2025&articles=a,b``."""
    def get(key):
        if hasattr(params, "get_all"):
            return params.get_all(key) or None
        return params.get(key)

    return Filters(
        countries=tuple(c.upper() for c in _as_list(get(QUERY["countries"]))),
        indicators=tuple(_as_list(get(QUERY["indicators"]))),
        period=(_as_period_bound(get(QUERY["from"])), _as_period_bound(get(QUERY["to"]))),
        article_ids=tuple(_as_list(get(QUERY["articles"]))),
    )


def filters_to_query(filters: Filters) -> dict[str, str]:
    """Only the filters that are set, so an unfiltered view has a clean URL."""
    query = {
        QUERY["countries"]: ",".join(filters.countries),
        QUERY["indicators"]: ",".join(filters.indicators),
        QUERY["articles"]: ",".join(filters.article_ids),
        QUERY["from"]: filters.period[0] or "",
        QUERY["to"]: filters.period[1] or "",
    }
    return {key: value for key, value in query.items() if value}


# Which date of each view (dashboard.views) the period filter reads: figures and decisions their
# own date, else their article's ("when"); the one statement of it (loaders, briefing pack).
PERIOD_COLUMNS: dict[str, tuple[str, str]] = {
    "figures": ("when", "when_precision"),
    "decisions": ("when", "when_precision"),
    "events": ("date_start", "precision"),
    "articles": ("published_date", "published_precision"),
}


def filter_view(name: str, view: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """``apply_filters`` on a view, its period read on the view's own date (PERIOD_COLUMNS)."""
    date_column, precision_column = PERIOD_COLUMNS.get(name, (None, None))
    return apply_filters(view, filters, date_column=date_column, precision_column=precision_column)


def apply_filters(df: pd.DataFrame, filters: Filters, *, date_column: str | None = None,
                  precision_column: str | None = None) -> pd.DataFrame:
    """Rows matching every filter that applies to this table's columns.

    A period keeps the rows whose date (as precise as stated) overlaps it; rows whose
    date cannot be placed (no year, unknown) are left out while a period is set.
    """
    if df.empty or filters.is_empty:
        return df
    mask = pd.Series(True, index=df.index)
    if filters.countries and "country_iso3" in df.columns:
        mask &= df["country_iso3"].isin(filters.countries)
    if filters.indicators and "indicator" in df.columns:
        mask &= df["indicator"].isin(filters.indicators)
    if filters.article_ids and "article_id" in df.columns:
        mask &= df["article_id"].isin(filters.article_ids)
    if filters.source_kinds and "source_kind" in df.columns:
        mask &= df["source_kind"].fillna("article").isin(filters.source_kinds)
    start, end = filters.period_dates()
    if (start or end) and date_column and date_column in df.columns:
        precisions = df[precision_column] if precision_column and precision_column in df.columns else [None] * len(df)
        keep = []
        for iso, precision in zip(df[date_column], precisions):
            interval = date_interval(iso, precision)
            keep.append(bool(interval) and (start is None or interval[1] >= start)
                        and (end is None or interval[0] <= end))
        mask &= pd.Series(keep, index=df.index)
    return df[mask]


def article_choices(articles: Mapping[str, str], selected, *, limit: int | None = None) -> list[str]:
    """The ids an article list offers: the first ``limit`` (default ARTICLE_CHOICES) of
    ``articles`` (id → title, newest first) and every selected id that exists, whatever its age."""
    chosen = list(articles)[:ARTICLE_CHOICES if limit is None else limit]
    shown = set(chosen)
    return chosen + [a for a in dict.fromkeys(selected or ()) if a in articles and a not in shown]


# --- Streamlit side -------------------------------------------------------------------

def current_filters() -> Filters:
    """The filters of this run (set by the sidebar; read from the URL if it has not run)."""
    import streamlit as st

    filters = st.session_state.get(SESSION_KEY)
    if isinstance(filters, Filters):
        return filters
    return filters_from_query(st.query_params)


def _seed_widgets(st, options: dict, initial: Filters) -> None:
    st.session_state[WIDGET["countries"]] = [c for c in initial.countries if c in options["countries"]]
    st.session_state[WIDGET["indicators"]] = [i for i in initial.indicators if i in options["indicators"]]
    st.session_state[WIDGET["articles"]] = [a for a in initial.article_ids if a in options["articles"]]
    years = options["years"]
    if years:
        start, end = initial.period_dates()
        low = max(years[0], start.year) if start else years[0]
        high = min(years[-1], end.year) if end else years[-1]
        st.session_state[WIDGET["years"]] = (min(low, high), max(low, high))


def sidebar_filters(options: dict, *, lang: str) -> Filters:
    """Render the filter widgets; ``options`` holds the ``countries``, ``indicators``,
    ``articles`` (id → title) and sorted ``years`` present in the tables."""
    import streamlit as st

    from presentation.formatting import fmt_country, fmt_indicator, fmt_number, truncate
    from presentation.i18n import t

    if not st.session_state.get(SEEDED_KEY):
        _seed_widgets(st, options, filters_from_query(st.query_params))
        st.session_state[SEEDED_KEY] = True

    countries = st.multiselect(
        t("filters.countries", lang), sorted(options["countries"], key=lambda c: fmt_country(c, lang)),
        key=WIDGET["countries"],
        format_func=lambda code: fmt_country(code, lang), placeholder=t("filters.all", lang))
    indicators = st.multiselect(
        t("filters.indicators", lang), sorted(options["indicators"], key=lambda i: fmt_indicator(i, lang)),
        key=WIDGET["indicators"],
        format_func=lambda code: fmt_indicator(code, lang), placeholder=t("filters.all", lang))
    years = options["years"]
    period: tuple[str | None, str | None] = (None, None)
    if len(years) > 1:
        low, high = st.slider(t("filters.period", lang), years[0], years[-1], key=WIDGET["years"])
        period = (str(low) if low > years[0] else None, str(high) if high < years[-1] else None)
    choices = article_choices(options["articles"], st.session_state.get(WIDGET["articles"]))
    older = len(options["articles"]) > ARTICLE_CHOICES
    articles = st.multiselect(
        t("filters.articles", lang), choices, key=WIDGET["articles"],
        format_func=lambda a: truncate(options["articles"].get(a) or a, 60),
        placeholder=t("filters.all", lang),
        help=t("filters.articles_newest", lang, n=fmt_number(ARTICLE_CHOICES, lang),
               total=fmt_number(len(options["articles"]), lang)) if older else None)
    filters = Filters(tuple(countries), tuple(indicators), period, tuple(articles))
    st.session_state[SESSION_KEY] = filters
    write_query(st.query_params, filters)
    return filters


def write_query(query_params, filters: Filters) -> None:
    """Set the filter keys in the URL, leaving page-specific keys (``article``, ``span``…) alone."""
    wanted = filters_to_query(filters)
    for key in QUERY.values():
        if key in wanted:
            if query_params.get(key) != wanted[key]:
                query_params[key] = wanted[key]
        elif key in query_params:
            del query_params[key]
