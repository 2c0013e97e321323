"""Carte: people in need by country and admin-1, the port of Lomé and its corridors,
dated events, and the communes of the decentralised-cooperation programme."""
from functools import partial

import streamlit as st

from dashboard.preload import start_run

start_run()  # modules imported once for all sessions, one published build for this run

from dashboard import exports, intake_ui, loaders, maps, ui, views  # noqa: E402
from dashboard.downloads import download_buttons  # noqa: E402
from dashboard.filters import apply_filters, current_filters  # noqa: E402
from dashboard.i18n import current_language, t  # noqa: E402

LAYERS = ("needs", "admin1", "corridors", "events", "communes")
lang = current_language()
ui.require_articles(t("map.title", lang), lang)
filters = current_filters()
countries = loaders.load_layer("country_layer")
ui.page_header(t("map.title", lang), t("map.subtitle", lang))
if not countries:
    st.warning(t("map.no_shapes", lang))
    st.stop()

shown = st.pills(t("map.layers", lang), LAYERS, selection_mode="multi", default=["needs", "corridors", "events"],
                 format_func=lambda k: t(f"map.layer.{k}", lang), key="map_layers")
figure_filters = intake_ui.figure_sources(filters, lang, key="map_figure_sources")
figures = loaders.filtered("figures", figure_filters)
events = loaders.filtered("events", filters)
places = apply_filters(loaders.load_table("places"), filters)
needs = views.needs_by_country(figures) if "needs" in shown else None
admin1_needs = figures[figures["admin1"].fillna("") != ""] if "admin1" in shown else None
admin1_needs = views.needs_by_admin1(admin1_needs) if admin1_needs is not None else None
boundaries, boundary_errors = loaders.load_user_boundaries("adm2") if "communes" in shown else (None, [])
communes = (maps.commune_layer(maps.commune_groups(places), lang, boundaries=boundaries, key=loaders.boundary_key)
            if "communes" in shown else None)


def build_deck():
    points = (maps.event_points(events, lang, places=loaders.load_table("places"), countries=countries)
              if "events" in shown else None)
    return maps.frozen(maps.map_deck(
        countries, lang, needs=needs, admin1=loaders.load_layer("admin1_layer") if "admin1" in shown else None,
        admin1_needs=admin1_needs, corridors=loaders.load_layer("corridors") if "corridors" in shown else None,
        events=points, communes=communes, focus=filters.countries, height=720, width=1560))


legend = []
if needs is not None or admin1_needs is not None:
    legend += maps.need_legend(lang)
legend += [(color, t(f"map.layer.{key}", lang)) for key, color in (
    ("corridors", maps.CORRIDOR_COLOR), ("events", maps.EVENT_COLOR), ("communes", maps.COMMUNE_COLOR))
    if key in shown]
ui.legend(legend, title=t("map.legend", lang))
ui.deck_map(build_deck, key="map", views=("figures", "events", "places"), height=720, alt=t("map.title", lang),
            params=(tuple(shown), figure_filters, filters, lang,
                    loaders.boundaries_signature() if "communes" in shown else ()))
notes = [t("map.caption", lang)]
if admin1_needs is not None and admin1_needs.empty:
    notes.append(t("map.no_admin1", lang))
if "communes" in shown and communes is None:
    notes.append(t("map.no_communes", lang))
ui.caption(" ".join(notes))
download_buttons(figures, name=t("exports.file_map", lang), hxl_table="figures", geojson=partial(
    exports.map_geojson, lang, countries=countries, needs=needs, admin1=loaders.load_layer("admin1_layer"),
    admin1_needs=admin1_needs, corridors=loaders.load_layer("corridors") if "corridors" in shown else None,
    events=events if "events" in shown else None, places=loaders.load_table("places"),
    communes=places if "communes" in shown else None))
for problem in boundary_errors:
    st.warning(t("map.boundary_problem", lang, problem=problem))
