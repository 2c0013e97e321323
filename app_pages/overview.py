"""Vue d'ensemble: a one-slide briefing — key figures, a small map, latest events, recent decisions."""
from functools import partial

import streamlit as st

from dashboard.preload import start_run

start_run()  # modules imported once for all sessions, one published build for this run

from dashboard import briefing, feeds_ui, geojson, loaders, maps, ui, views  # noqa: E402
from dashboard.downloads import briefing_button, download_buttons  # noqa: E402
from dashboard.filters import current_filters  # noqa: E402
from dashboard.html import brief_list_html  # noqa: E402
from presentation.i18n import current_language, t  # noqa: E402

lang = current_language()
ui.require_articles(t("overview.title", lang), lang)
filters = current_filters()
statuses = loaders.decision_statuses(filters)  # re-read whenever the tracker changed
countries = loaders.load_layer("country_layer")


def listed(items: list[dict]) -> str:
    return brief_list_html(items) if items else ""


def brief() -> dict:
    """Everything the slide shows, built once per tables × filters × language × tracker counts:
    a new session opening the same view reads it instead of recomputing it."""
    figures = loaders.filtered("figures", filters)
    decisions = loaders.filtered("decisions", filters)
    events = loaders.filtered("events", filters)
    needs = views.needs_by_country(figures)
    places = loaders.load_table("places")
    spec = maps.build_map(countries, lang, needs=needs, local=maps.local_points(views.local_needs(figures), lang,
                                                                               places=places),
                          events=maps.event_points(events, lang, places=places, countries=countries),
                          focus=filters.countries, width=700, min_height=320, max_height=560,
                          event_labels=4) if countries else None
    return {
        "subtitle": briefing.subtitle(loaders.load_table("articles"), filters, lang),
        "cards": briefing.need_cards(needs, lang, limit=3) + [briefing.decisions_card(decisions, lang, statuses),
                                                               briefing.events_card(events, lang)],
        "map": maps.map_svg(spec, label=t("overview.map_title", lang)) if spec else None,
        "events": listed(briefing.event_items(events, lang, n=6, filters=filters)),
        "decisions": listed(briefing.decision_items(decisions, lang, n=6, filters=filters)),
        "needs": needs,
    }


status_key = () if statuses is None else tuple(map(tuple, statuses.itertuples(index=False)))
parts = loaders.memo("overview", ("figures", "decisions", "events", "places", "articles"), (filters, lang, status_key),
                     brief)
ui.page_header(t("overview.title", lang), parts["subtitle"])
ui.cards(parts["cards"])

left, middle, right = st.columns([5.2, 3.4, 3.4], gap="medium")
with left:
    ui.section(t("overview.map_title", lang))
    if parts["map"]:
        ui.svg(parts["map"], key="overview_map")  # legend, numbered list and caption inside (dashboard.maps)
    else:
        st.info(t("map.no_shapes", lang))
for column, title, markup in ((middle, "overview.latest_events", parts["events"]),
                              (right, "overview.recent_decisions", parts["decisions"])):
    with column:
        ui.section(t(title, lang))
        if markup:
            st.html(markup)
        else:
            ui.caption(t("empty.filtered", lang))
feeds_ui.freshness_line(lang)
briefing_button(filters)
download_buttons(parts["needs"], name=t("exports.file_needs", lang), hxl_table="figures",
                 geojson=partial(geojson.needs_geojson, countries, parts["needs"], lang))
