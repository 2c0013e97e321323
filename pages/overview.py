"""Vue d'ensemble: a one-slide briefing — key figures, a small map, latest events, recent decisions."""
from functools import partial

import streamlit as st

from dashboard import briefing, exports, loaders, maps, svgmap, ui, views
from dashboard.downloads import briefing_button, download_buttons
from dashboard.filters import current_filters
from dashboard.html import brief_list_html
from dashboard.i18n import current_language, t

lang = current_language()
ui.require_articles(t("overview.title", lang), lang)
filters = current_filters()
figures = loaders.filtered("figures", filters)
decisions = loaders.filtered("decisions", filters)
events = loaders.filtered("events", filters)
needs = views.needs_by_country(figures)

ui.page_header(t("overview.title", lang), briefing.subtitle(loaders.load_table("articles"), filters, lang))
ui.cards(briefing.need_cards(needs, lang, limit=3) + [
    briefing.decisions_card(decisions, lang, loaders.decision_statuses(filters)),
    briefing.events_card(events, lang)])

left, middle, right = st.columns([5.2, 3.4, 3.4], gap="medium")
with left:
    ui.section(t("overview.map_title", lang))
    countries = loaders.load_layer("country_layer")
    if countries:
        def draw_map() -> str:
            points = maps.event_points(events, lang, places=loaders.load_table("places"), countries=countries)
            return svgmap.need_map_svg(countries, lang, needs=needs, events=points, focus=filters.countries,
                                       width=700, height=540, label=t("overview.map_title", lang))
        ui.svg(loaders.memo("overview_map", ("figures", "events", "places"), (filters, lang), draw_map),
               key="overview_map")
        ui.legend(maps.need_legend(lang) + [(maps.EVENT_COLOR, t("map.layer.events", lang))])
        ui.caption(t("overview.map_caption", lang))
    else:
        st.info(t("map.no_shapes", lang))
with middle:
    ui.section(t("overview.latest_events", lang))
    items = briefing.event_items(events, lang, n=6, filters=filters)
    if items:
        st.html(brief_list_html(items))
    else:
        ui.caption(t("empty.filtered", lang))
with right:
    ui.section(t("overview.recent_decisions", lang))
    items = briefing.decision_items(decisions, lang, n=6, filters=filters)
    if items:
        st.html(brief_list_html(items))
    else:
        ui.caption(t("empty.filtered", lang))
briefing_button(filters)
download_buttons(needs, name=t("exports.file_needs", lang), hxl_table="figures",
                 geojson=partial(exports.needs_geojson, loaders.load_layer("country_layer"), needs, lang))
