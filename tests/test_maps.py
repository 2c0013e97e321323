"""pydeck builders: no basemap fetched, choropleth honest about unquantified figures,
tooltips as plain text with figure, source and quote; communes at their prefecture."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import SHARED, skip_or_fail
from dashboard_fixtures import PLACES, XSS, hostile_articles, read_tables, views_of, write_tables

from dashboard import maps, views
from etl.text import fold


def square(x0, y0, x1, y1):
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


COUNTRIES = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"iso3": "MLI", "name_fr": "Mali"}, "geometry": square(-12, 10, 4, 25)},
    {"type": "Feature", "properties": {"iso3": "BFA", "name_fr": "Burkina Faso"}, "geometry": square(-5, 9, 2, 15)},
    {"type": "Feature", "properties": {"iso3": "NER", "name_fr": "Niger"}, "geometry": square(0, 11, 16, 23)},
    {"type": "Feature", "properties": {"iso3": "TGO", "name_fr": "Togo"}, "geometry": square(-0.2, 6, 1.8, 11)},
    {"type": "Feature", "properties": {"iso3": "SEN", "name_fr": "Sénégal"}, "geometry": square(-17, 12, -11, 16)},
]}
ADMIN1 = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"country_iso3": "NER", "admin1": "Tillaberi"}, "geometry": square(0, 12, 4, 16)},
    {"type": "Feature", "properties": {"country_iso3": "NER", "admin1": "Agadez"}, "geometry": square(5, 16, 15, 23)},
]}
CORRIDORS = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"name": "Lomé – Ouagadougou", "length_km": 980.4},
     "geometry": {"type": "LineString", "coordinates": [[1.22, 6.13], [1.19, 9.55], [-1.52, 12.37]]}},
    {"type": "Feature", "properties": {"name": "Port de Lomé"},
     "geometry": {"type": "Point", "coordinates": [1.28, 6.14]}},
]}


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return views_of(read_tables(write_tables(tmp_path_factory.mktemp("seed"))))


def deck_json(deck) -> dict:
    return json.loads(deck.to_json())


def layer(spec: dict, layer_id: str) -> dict:
    return next(lyr for lyr in spec["layers"] if lyr["id"] == layer_id)


def test_no_basemap_provider_and_own_country_layer(seed):
    spec = deck_json(maps.map_deck(COUNTRIES, "fr", needs=views.needs_by_country(seed["figures"])))
    assert "mapProvider" not in spec or spec["mapProvider"] is None
    # pydeck's sentinel: Streamlit then draws no basemap (None or "" would load Carto's)
    assert spec.get("mapStyle") == "__MAP_STYLE__"
    assert "cartocdn" not in json.dumps(spec) and "mapbox" not in json.dumps(spec)
    basemap = layer(spec, "basemap")
    assert basemap["@@type"] == "GeoJsonLayer" and len(basemap["data"]["features"]) == len(COUNTRIES["features"])
    assert basemap["pickable"] is False


def test_choropleth_marks_unquantified_countries(seed):
    needs = views.needs_by_country(seed["figures"])
    features = maps.need_features(COUNTRIES, needs, "fr")["features"]
    by_name = {f["properties"]["tooltip"].split("\n")[0]: f["properties"] for f in features}
    assert set(by_name) == {"Mali", "Burkina Faso", "Niger"}
    assert by_name["Niger"]["fill"] == maps.UNQUANTIFIED_COLOR
    assert by_name["Mali"]["fill"] == maps.need_color(4_800_000) != maps.UNQUANTIFIED_COLOR
    assert maps.need_color(8_400_000) != maps.need_color(4_800_000)
    tip = by_name["Mali"]["tooltip"].replace("\u202f", " ")
    assert "4 800 000 personnes" in tip
    assert "Source : Les ministres de l'AES face aux crises humanitaires (25 avr. 2024)" in tip
    assert "« Le Mali compte 4,8 millions de personnes en détresse »" in tip
    assert "chiffre non précisé" in by_name["Niger"]["tooltip"]
    assert (maps.UNQUANTIFIED_COLOR, "chiffre non précisé") in maps.need_legend("fr")
    assert (maps.UNQUANTIFIED_COLOR, "figure not specified") in maps.need_legend("en")


def test_admin1_matches_names_without_accents(seed):
    rows = views.needs_by_admin1(seed["figures"].assign(indicator="people_in_need"))
    features = maps.admin1_need_features(ADMIN1, rows, "fr")["features"]
    assert len(features) == 1
    assert features[0]["properties"]["tooltip"].startswith("Tillaberi (Niger)")
    assert "près de 300" in features[0]["properties"]["tooltip"]


def test_tooltips_are_plain_text_so_markup_stays_text(tmp_path):
    hostile = views_of(read_tables(write_tables(tmp_path, hostile_articles())))
    deck = maps.map_deck(COUNTRIES, "fr", needs=views.needs_by_country(hostile["figures"]),
                         events=maps.event_points(hostile["events"], "fr", countries=COUNTRIES))
    assert set(deck._tooltip) == {"text", "style"}  # never an "html" template
    assert deck._tooltip["text"] == "{tooltip}"
    spec = deck_json(deck)
    events = layer(spec, "events")["data"]
    hostile_tip = next(e["tooltip"] for e in events if "Bamako" in e["tooltip"])
    assert XSS in hostile_tip  # kept verbatim: deck.gl shows it as text


def test_frozen_deck_sends_the_same_spec_compact_and_once(tmp_path):
    hostile = views_of(read_tables(write_tables(tmp_path, hostile_articles())))
    deck = maps.map_deck(COUNTRIES, "fr", needs=views.needs_by_country(hostile["figures"]),
                         events=maps.event_points(hostile["events"], "fr", countries=COUNTRIES))
    expected = deck_json(deck)
    frozen = maps.frozen(deck)
    sent = frozen.to_json()
    assert json.loads(sent) == expected                 # the same spec, markup still plain text in it
    assert '\n  ' not in sent and '": ' not in sent    # no indentation, no space after a key
    assert len(sent) < 0.6 * len(json.dumps(expected, indent=2))
    assert frozen.to_json() is sent                     # written once, not on each rerun


def test_corridors_and_port():
    layers = {lyr.id: lyr for lyr in maps.corridor_layers(CORRIDORS, "fr")}
    assert set(layers) == {"corridors", "ports", "port-labels"}
    line = layers["corridors"].data["features"][0]["properties"]["tooltip"]
    assert "Lomé – Ouagadougou" in line and "980" in line
    assert layers["ports"].data[0]["position"] == [1.28, 6.14]


def test_event_positions_fall_back_to_place_then_country(seed):
    places = pd.DataFrame(PLACES).reindex(columns=["place_id", "name", "lat", "lon"])
    events = seed["events"].copy()
    events.loc[events["title"].str.contains("Kara"), "place_id"] = "plc_kara"
    points = maps.event_points(events, "fr", places=places, countries=COUNTRIES)
    tips = dict(zip(points["label"], points["tooltip"]))
    assert len(points) == 3
    niamey = points[points["tooltip"].str.contains("Niamey")].iloc[0]
    assert niamey["position"] == [2.11, 13.51]  # its own coordinates
    kara = points[points["tooltip"].str.contains("Kara")].iloc[0]
    assert kara["position"] == [1.19, 9.55] and kara["label"] == "2 mars (année ?)"
    forum = points[points["tooltip"].str.contains("Forum")].iloc[0]
    assert forum["position"] == [0.8, 8.5]  # centre of Togo, and said so
    assert "position approximative" in forum["tooltip"]
    assert "23 avr. 2024" in tips


def test_communes_grouped_at_their_prefecture():
    groups = maps.commune_groups(pd.DataFrame(PLACES).reindex(columns=[
        "place_id", "name", "kind", "country_iso3", "admin1", "admin2", "lat", "lon", "parent_place_id"]))
    assert list(groups["prefecture"]) == ["Blitta", "Kloto", "Tchamba"]
    blitta = groups.set_index("prefecture").loc["Blitta"]
    assert (blitta["lon"], blitta["lat"]) == (0.98, 8.32)  # the parent prefecture's point
    points = maps.commune_layer(groups, "fr")
    assert points.type == "ScatterplotLayer" and len(points.data) == 3
    assert "Blitta 3" in points.data[0]["tooltip"]
    boundaries = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"ADM2_FR": "BLITTA"}, "geometry": square(0.5, 8, 1.5, 8.8)},
        {"type": "Feature", "properties": {"ADM2_FR": "Kloto"}, "geometry": square(0.4, 6.8, 0.9, 7.2)}]}
    polygons = maps.commune_layer(groups, "fr", boundaries=boundaries)
    assert polygons.type == "GeoJsonLayer" and len(polygons.data["features"]) == 2


def test_communes_on_real_user_boundaries():
    path = SHARED / "shapes" / "tgo_adm2_cod.geojson"
    if not path.exists():
        skip_or_fail(f"test boundaries missing: {path}")
    boundaries = json.loads(path.read_text("utf-8"))
    groups = pd.DataFrame({"prefecture": ["Agoè-Nyivé", "Mô", "Tône", "Kozah"], "country_iso3": "TGO",
                           "communes": [["Agoè-Nyivé 1"], ["Mô 2"], ["Tône 3"], ["Kozah 1"]],
                           "lon": [1.2, 0.8, 0.3, 1.1], "lat": [6.2, 8.7, 10.8, 9.5]})
    aliases = {fold("Mô"): fold("Plaine du Mo")}
    polygons = maps.commune_layer(groups, "fr", boundaries=boundaries,
                                  key=lambda name, _iso3: aliases.get(fold(name), fold(name)))
    names = sorted(f["properties"]["tooltip"].split("\n")[0] for f in polygons.data["features"])
    assert names == ["Préfecture : Agoè-Nyivé", "Préfecture : Kozah", "Préfecture : Mô", "Préfecture : Tône"]


def test_view_frames_the_countries_for_the_map_size():
    wide = maps.view_for(COUNTRIES, ["MLI", "NER"], width=1600, height=700)
    narrow = maps.view_for(COUNTRIES, ["MLI", "NER"], width=600, height=500)
    assert narrow["zoom"] < wide["zoom"]
    assert -12 < wide["longitude"] < 16 and 10 < wide["latitude"] < 25
    togo = maps.view_for(COUNTRIES, ["TGO"], width=600, height=500)
    assert togo["zoom"] > wide["zoom"] and 0 < togo["longitude"] < 1.6
    assert maps.view_for(None, []) == maps.DEFAULT_VIEW


def test_port_derived_from_the_corridors_common_start():
    lines = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name_fr": "Corridor A (schématique)", "name_en": "Corridor A (schematic)",
                                           "via": "Port autonome X – Y – Z", "note_en": "Schematic."},
         "geometry": {"type": "LineString", "coordinates": [[1.28, 6.14], [1.0, 9.0], [-1.5, 12.4]]}},
        {"type": "Feature", "properties": {"name_fr": "Corridor B", "via": "Port autonome X – W"},
         "geometry": {"type": "LineString", "coordinates": [[1.28, 6.14], [2.1, 13.5]]}}]}
    layers = {lyr.id: lyr for lyr in maps.corridor_layers(lines, "en")}
    assert layers["ports"].data[0]["position"] == [1.28, 6.14]
    assert layers["ports"].data[0]["label"] == "Port autonome X"
    tip = layers["corridors"].data["features"][0]["properties"]["tooltip"]
    assert tip.startswith("Corridor A (schematic)") and "Port autonome X – Y – Z" in tip and "Schematic." in tip


def test_nearby_event_labels_are_merged():
    points = pd.DataFrame({"position": [[1.19, 9.55], [1.2, 9.5], [2.11, 13.51]],
                           "label": ["2 mars 2026", "2023", "23 avr. 2024"],
                           "sort_key": ["2026-03-02", "2023-01-01", "2024-04-23"]})
    labels = maps.label_groups(points)
    assert sorted(labels["label"]) == ["2 mars 2026 (+1)", "23 avr. 2024"]


def test_only_the_most_recent_clusters_are_labelled():
    points = pd.DataFrame({"position": [[float(i * 3), 10.0] for i in range(20)],
                           "label": [f"L{i}" for i in range(20)],
                           "sort_key": [f"2024-01-{i + 1:02d}" for i in range(20)]})
    labels = maps.label_groups(points, cell=1.0, max_labels=5)
    assert list(labels["label"]) == ["L19", "L18", "L17", "L16", "L15"]


def test_events_at_the_same_place_share_one_marker():
    events = pd.DataFrame([dict(event_id=f"e{i}", article_id="a", kind="meeting", title=f"Réunion {i}",
                                date_start=f"2024-0{i + 1}-10", precision="day", date_precision="day",
                                place="Niamey", country_iso3="NER", lat=13.51, lon=2.11, quote="q",
                                date_key=f"2024-0{i + 1}-10", article_title="A", article_date=None)
                           for i in range(3)])
    points = maps.event_points(events, "fr")
    assert len(points) == 1 and points.iloc[0]["count"] == 3
    assert points.iloc[0]["tooltip"].startswith("Réunion 2")  # the most recent leads
    assert "2 autre(s) événement(s) au même endroit" in points.iloc[0]["tooltip"]
    assert list(maps.label_groups(points)["label"]) == ["10 mars 2024 (+2)"]
