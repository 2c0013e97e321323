"""Chronologie: events on a time axis, each as precise as its date — a dot for a day, a
bar across the month or year — and dates without a year listed apart, never placed."""
from functools import partial

import streamlit as st

from dashboard.preload import start_run

start_run()  # modules imported once for all sessions, one published build for this run

from dashboard import charts, geojson, loaders, ui  # noqa: E402
from dashboard.downloads import download_buttons  # noqa: E402
from dashboard.filters import current_filters  # noqa: E402
from dashboard.html import brief_list_html  # noqa: E402
from dashboard.briefing import event_items  # noqa: E402
from presentation.i18n import current_language, t, tn  # noqa: E402

lang = current_language()
ui.require_articles(t("timeline.title", lang), lang)
filters = current_filters()
events = loaders.filtered("events", filters)
placed, unplaced = loaders.memo("timeline_lanes", ("events",), (filters,), lambda: charts.timeline_lanes(events))
ui.page_header(t("timeline.title", lang), t("timeline.subtitle", lang, placed=tn("timeline.placed", len(placed), lang), unplaced=len(unplaced)))

main, side = st.columns([3.2, 1], gap="medium")
with main:
    height = max(320, min(660, 140 + 34 * min(len(placed), 30)))
    box = (1096, 1325)  # its column's box at 1920×1080 (normal, presentation)
    ui.plot(lambda: charts.timeline_figure(events, lang, title=t("timeline.chart", lang), height=height,
                                           width=box[0]),
            "chronologie" if lang == "fr" else "timeline", key="chart_timeline", views=("events",),
            params=(filters, lang), width=box)
with side:
    ui.section(t("timeline.unplaced_title", lang))
    ui.caption(t("timeline.unplaced_help", lang))
    if unplaced.empty:
        ui.caption(t("timeline.unplaced_none", lang))
    else:
        st.html(brief_list_html(event_items(unplaced, lang, n=12, filters=filters)))
        if len(unplaced) > 12:
            ui.caption(t("common.rows_shown", lang, shown=12, total=len(unplaced)))

ui.section(t("timeline.table_title", lang))
if events.empty:
    ui.caption(t("empty.filtered", lang))
else:
    frame, config, total = loaders.display_table("events", filters, lang)
    ui.table(frame, config, lang, key="events", height=380, views=("events",), params=(filters,))
    if total > len(frame):
        ui.caption(t("common.rows_shown", lang, shown=len(frame), total=total))
    download_buttons(events, name=t("exports.file_events", lang), hxl_table="events", geojson=partial(
        geojson.events_geojson, events, lang, places=loaders.load_table("places"),
        countries=loaders.load_layer("country_layer")))
