"""Freshness of the corpus and its watched feeds (as HDX shows data freshness), and the other
sites of a story reprinted by several sites. Reads local files only (the watch's SQLite state,
the tables folder, feeds.toml): the app never waits for the network."""
from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta

import pandas as pd
import streamlit as st

from dashboard import ui
from dashboard.reader import browser_timezone
from etl import feeds, paths
from etl import resources_web as rw
from etl.store import StoreError, open_store
from presentation.formatting import display_timezone, local_time
from presentation.i18n import t, tn

FRESHNESS_TTL = 60  # seconds: the state changes at most once per watch cycle


# ---------------------------------------------------------------- pure parts

def fmt_when(moment: datetime | None, lang: str) -> str:
    """In the reader's time zone and locale, as the tracker writes times: « 7 déc. 2026 14:04 »."""
    if moment is None:
        return t("freshness.never", lang)
    return local_time(moment, lang, display_timezone(browser_timezone()))


def fmt_interval(value: timedelta | None, lang: str) -> str:
    if value is None:
        return "—"
    seconds = value.total_seconds()
    if seconds >= 86_400:
        return t("freshness.every.days", lang, n=f"{seconds / 86_400:.3g}".replace(".", "," if lang == "fr" else "."))
    if seconds >= 3_600:
        return t("freshness.every.hours", lang, n=f"{seconds / 3_600:.3g}".replace(".", "," if lang == "fr" else "."))
    return t("freshness.every.minutes", lang, n=f"{seconds / 60:.0f}")


def freshness_frame(rows: list[feeds.FeedFreshness], lang: str) -> pd.DataFrame:
    """One row per feed, in the interface language; silent feeds marked."""
    def status(row: feeds.FeedFreshness) -> str:
        if row.silent:
            return t("freshness.silent", lang, factor=f"{rw.SILENT_FACTOR:g}")
        return t("freshness.ok", lang) if row.usual else t("freshness.unknown", lang)

    return pd.DataFrame({
        t("freshness.col.feed", lang): [r.name for r in rows],
        t("freshness.col.last_article", lang): [fmt_when(r.last_article, lang) for r in rows],
        t("freshness.col.last_read", lang): [fmt_when(r.last_success, lang) for r in rows],
        t("freshness.col.usual", lang): [fmt_interval(r.usual, lang) for r in rows],
        t("freshness.col.status", lang): [status(r) for r in rows],
    })


def story_sites(articles: pd.DataFrame, article_id: str) -> tuple[dict | None, list[dict]]:
    """(the story's first version, the other articles of the story) for ``article_id``; ``(None,
    [])`` when it is a story of one article."""
    if "story_id" not in articles.columns or articles.empty:
        return None, []
    row = articles[articles["article_id"] == article_id]
    story = row["story_id"].iloc[0] if not row.empty else None
    if not story or (isinstance(story, float) and pd.isna(story)):
        return None, []
    members = articles[articles["story_id"] == story]
    if len(members) < 2:
        return None, []
    first = members[members["article_id"] == story]
    others = members[members["article_id"] != article_id]
    return (first.iloc[0].to_dict() if not first.empty else None), others.to_dict("records")


def site_label(row: dict) -> str:
    from urllib.parse import urlsplit

    source = row.get("source")
    if isinstance(source, str) and source:
        return source
    url = row.get("url")
    host = urlsplit(url).hostname if isinstance(url, str) and url else None
    return host or str(row.get("source_file") or row.get("article_id"))


# ---------------------------------------------------------------- cached reads (local files only)

@st.cache_data(show_spinner=False, ttl=FRESHNESS_TTL)
def _freshness(state_path: str, feeds_path: str, minute: str) -> tuple[list[feeds.FeedFreshness], datetime | None]:
    configured: tuple = ()
    with contextlib.suppress(feeds.FeedsConfigError, OSError):
        configured = feeds.load_config(feeds_path).feeds
    rows = feeds.freshness(state_path, configured, now=datetime.fromisoformat(minute))
    updated = None
    with contextlib.suppress(StoreError):
        updated = open_store(paths.tables_dir()).pin().published_at()
    return rows, updated


def current_freshness() -> tuple[list[feeds.FeedFreshness], datetime | None]:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    return _freshness(str(paths.feeds_state()), str(paths.feeds_file()), now.isoformat())


def _last_article(rows: list[feeds.FeedFreshness]) -> datetime | None:
    moments = [r.last_article for r in rows if r.last_article]
    return max(moments) if moments else None


# ---------------------------------------------------------------- page parts

def freshness_line(lang: str) -> None:
    """One caption for the overview: corpus update, last article brought, silent feeds."""
    rows, updated = current_freshness()
    text = (t("freshness.corpus", lang, when=fmt_when(updated, lang), article=fmt_when(_last_article(rows), lang))
            if updated else t("freshness.corpus_unknown", lang))
    silent = [r.name for r in rows if r.silent]
    if silent:
        text += " · " + tn("freshness.silent_summary", len(silent), lang, names=", ".join(silent))
    ui.caption(text)


def freshness_panel(lang: str) -> None:
    """The Sources page's table: each watched feed's last article and last read, silent ones marked."""
    rows, updated = current_freshness()
    with st.expander(t("freshness.title", lang), icon=":material/schedule:",
                     expanded=any(r.silent for r in rows)):
        ui.caption(t("freshness.corpus", lang, when=fmt_when(updated, lang), article=fmt_when(_last_article(rows), lang))
                   if updated else t("freshness.corpus_unknown", lang))
        if not rows:
            ui.caption(t("freshness.no_feeds", lang))
            return
        st.dataframe(freshness_frame(rows, lang), hide_index=True, key="feeds_freshness")


def story_note(articles: pd.DataFrame, article_id: str, lang: str) -> None:
    """On Sources, under the article: the other sites that published the same story."""
    first, others = story_sites(articles, article_id)
    if not others:
        return
    sites = ", ".join(dict.fromkeys(site_label(o) for o in others))
    if first is not None and first["article_id"] == article_id:
        ui.caption(t("story.primary_note", lang, sites=sites))
    else:
        primary = (first or {}).get("title") or (first or {}).get("source_file") or "—"
        ui.caption(t("story.others", lang, sites=sites, primary=primary))
