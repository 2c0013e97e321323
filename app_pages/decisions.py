"""Décisions: every decision and commitment with its status, owner, due date, progress and history.

Anyone reads; signed-in editors change statuses (tracker.service checks every write).
Parts live in dashboard.tracker_views; the tracker is re-read whenever it changed (loaders.tracked_decisions).
"""
from datetime import date

import streamlit as st

from dashboard.preload import start_run

start_run()  # modules imported once for all sessions, one published build for this run

from dashboard import loaders, ui  # noqa: E402
from dashboard import tracker_views as tv  # noqa: E402
from dashboard.downloads import download_buttons  # noqa: E402
from dashboard.filters import apply_filters, current_filters  # noqa: E402
from presentation.i18n import current_language, t, tn  # noqa: E402

lang = current_language()
ui.page_header(t("tracker.title", lang), t("tracker.subtitle", lang))
engine = tv.engine_or_stop(lang)
tv.sync_tables(lambda: loaders.load_table("decisions"), loaders.table_signature("decisions"), engine, lang)
principal = tv.signin_panel(engine, lang)

titles = (loaders.load_table("articles")[["article_id", "title", "source"]]
          .drop_duplicates("article_id").rename(columns={"title": "article_title", "source": "article_source"}))
tracked = loaders.tracked_decisions(engine).merge(titles, on="article_id", how="left")
tracked = apply_filters(tracked, current_filters(), date_column="announced_date", precision_column="announced_precision")
tracked = tv.with_corrections(tracked, loaders.corrected_rows("decisions"), lang, show_rejected=loaders.show_rejected())
if tracked.empty:
    ui.empty_state(lang)
    st.stop()

tv.flash(lang)
tv.conflicts_panel(principal, engine, lang)
choice = tv.controls(tracked, lang)
rows = tv.sort_rows(tv.filter_rows(tracked, query=choice["query"], themes=choice["themes"], kinds=choice["kinds"],
                                   statuses=choice["statuses"], show_orphaned=choice["show_orphaned"]), choice["sort"])
tv.status_cards(rows, lang)
st.caption(" ".join(part for part in (
    tn("tracker.count", len(rows), lang, total=len(tracked),
       orphaned=tn("tracker.orphaned_count", int(rows["orphaned"].sum()), lang)),
    tv.active_filters(choice, lang), "" if principal else t("tracker.read_only", lang)) if part))

list_tab, attention_tab, history_tab = st.tabs(
    [t("tracker.tab.list", lang), t("tracker.tab.attention", lang), t("tracker.tab.history", lang)],
    key="tracker_tab", on_change="rerun")
if list_tab.open:
    with list_tab:
        tv.decisions_table(rows, principal, engine, lang)
if attention_tab.open:
    with attention_tab:
        tv.attention_view(rows, date.today(), lang)
if history_tab.open:
    with history_tab:
        tv.history_view(rows, engine, lang)

download_buttons(rows, name=t("exports.file_decisions", lang), hxl_table="decisions",
                 more=lambda: tv.export_buttons(rows, engine, lang))
picked = tv.pick_decision(rows, lang)
if picked:
    tv.decision_detail(picked, principal, engine, lang,
                       suggested=tv.suggested_responsible(loaders.load_table("decisions"), picked))
