"""Carte: people in need by country (national figures), by region and at their place (local
figures), the port of Lomé and its corridors, dated events, and the communes of the
decentralised-cooperation programme — one spec (dashboard.maps) drawn as a picture, then live."""
from functools import partial

import streamlit as st

from dashboard.preload import start_run

start_run()  # modules imported once for all sessions, one published build for this run

from dashboard import geojson, intake_ui, loaders, maps, ui, views  # noqa: E402
from dashboard.downloads import download_buttons  # noqa: E402
from dashboard.filters import apply_filters, current_filters  # noqa: E402
from presentation.i18n import current_language, t  # noqa: E402

LAYERS = ("needs", "admin1", "local", "corridors", "events", "communes")
lang = current_language()
ui.require_articles(t("map.title", lang), lang)
filters = current_filters()
countries = loaders.load_layer("country_layer")
ui.page_header(t("map.title", lang), t("map.subtitle", lang))
if not countries:
    st.warning(t("map.no_shapes", lang))
    st.stop()

shown = st.pills(t("map.layers", lang), LAYERS, selection_mode="multi",
                 default=["needs", "admin1", "local", "corridors", "events"],
                 format_func=lambda k: t(f"map.layer.{k}", lang), key="map_layers")
figure_filters = intake_ui.figure_sources(filters, lang, key="map_figure_sources")
figures = loaders.filtered("figures", figure_filters)
events = loaders.filtered("events", filters)
places = loaders.load_table("places")
needs = views.needs_by_country(figures) if "needs" in shown else None
admin1_needs = views.needs_by_admin1(figures) if "admin1" in shown else None
boundaries, boundary_errors = loaders.load_user_boundaries("adm2") if "communes" in shown else (None, [])


def build(width: int) -> maps.MapSpec:
    return maps.build_map(
        countries, lang, needs=needs, admin1=loaders.load_layer("admin1_layer") if "admin1" in shown else None,
        admin1_needs=admin1_needs, corridors=loaders.load_layer("corridors") if "corridors" in shown else None,
        local=maps.local_points(views.local_needs(figures), lang, places=places) if "local" in shown else None,
        events=maps.event_points(events, lang, places=places, countries=countries) if "events" in shown else None,
        communes=maps.commune_groups(apply_filters(places, filters)) if "communes" in shown else None,
        boundaries=boundaries, boundary_key=loaders.boundary_key, focus=filters.countries, width=width,
        min_height=460, max_height=760, title=t("map.title", lang))


legend = st.empty()  # above the map, once its spec says what it shows
spec = ui.deck_map(build, key="map", views=("figures", "events", "places"), alt=t("map.title", lang),
                   params=(tuple(shown), figure_filters, filters, lang,
                           loaders.boundaries_signature() if "communes" in shown else ()))
with legend.container():
    ui.legend(spec.legend, title=spec.legend_title)
ui.map_notes(spec)
if admin1_needs is not None and admin1_needs.empty:
    ui.caption(t("map.no_admin1", lang))
download_buttons(figures, name=t("exports.file_map", lang), hxl_table="figures", geojson=partial(
    geojson.map_geojson, lang, countries=countries, needs=needs, admin1=loaders.load_layer("admin1_layer"),
    admin1_needs=admin1_needs, corridors=loaders.load_layer("corridors") if "corridors" in shown else None,
    events=events if "events" in shown else None, places=places,
    communes=apply_filters(places, filters) if "communes" in shown else None))
for problem in boundary_errors:
    st.warning(t("map.boundary_problem", lang, problem=problem))
