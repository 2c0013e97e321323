"""One map spec (dashboard.maps), drawn as SVG and handed to deck.gl: national figures on the
countries, regions and local figures at their place, one colour rule, labels that never
overlap each other or a marker, a frame that fits the data, a legend for every layer drawn
and a caption naming the kinds of sources."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from conftest import SHARED, skip_or_fail
from dashboard_fixtures import PLACES, XSS, hostile_articles, read_tables, views_of, write_tables

from dashboard import maps, views
from etl.text import fold

SVG = "{http://www.w3.org/2000/svg}"


def square(x0, y0, x1, y1):
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


COUNTRIES = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"iso3": "MLI", "name_fr": "Mali"}, "geometry": square(-12, 10, 4, 25)},
    {"type": "Feature", "properties": {"iso3": "BFA", "name_fr": "Burkina Faso"}, "geometry": square(-5, 9, 2, 15)},
    {"type": "Feature", "properties": {"iso3": "NER", "name_fr": "Niger"}, "geometry": square(0, 11, 16, 23)},
    {"type": "Feature", "properties": {"iso3": "TGO", "name_fr": "Togo"}, "geometry": square(-0.2, 6, 1.8, 11)},
    {"type": "Feature", "properties": {"iso3": "SEN", "name_fr": "Sénégal"}, "geometry": square(-17, 12, -11, 16)},
    {"type": "Feature", "properties": {"iso3": "EGY", "name_fr": "Égypte"}, "geometry": square(25, 22, 35, 31)},
]}
ADMIN1 = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"country_iso3": "NER", "admin1": "Tillaberi"}, "geometry": square(0, 12, 4, 16)},
    {"type": "Feature", "properties": {"country_iso3": "MLI", "admin1": "Mopti"}, "geometry": square(-5, 13, -1, 16)},
]}
CORRIDORS = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"name": "Lomé – Ouagadougou", "length_km": 980.4},
     "geometry": {"type": "LineString", "coordinates": [[1.22, 6.13], [1.19, 9.55], [-1.52, 12.37]]}},
    {"type": "Feature", "properties": {"name": "Port de Lomé"},
     "geometry": {"type": "Point", "coordinates": [1.28, 6.14]}},
]}
MAP_PLACES = pd.DataFrame([
    dict(place_id="plc_matam", name="Matam", kind="prefecture", country_iso3="SEN", lat=15.6, lon=-13.3),
    dict(place_id="plc_niamey", name="Niamey", kind="capital", country_iso3="NER", lat=13.51, lon=2.11),
])


def figure(**row) -> dict:
    base = dict(article_id="a1", unit="people", qualifier="exact", label="personnes dans le besoin",
                reference_date="2025", reference_precision="year", source_kind="article", place=None, admin1=None,
                place_id=None, quote="…", article_title="Titre", article_source="Studio Tamani",
                article_date="2025-10-09", article_date_precision="day", when="2025", when_precision="year")
    return {**base, **row}


def scoped_figures() -> pd.DataFrame:
    """Mali's national figure, Mopti's (a region), Matam's (a department) and an official figure."""
    rows = pd.DataFrame([
        figure(figure_id="mli", country_iso3="MLI", indicator="people_in_need", value=6_400_000, admin_level="0"),
        figure(figure_id="mopti", country_iso3="MLI", indicator="people_in_need", value=1_300_000, admin_level="1",
               admin1="Mopti"),
        figure(figure_id="matam", country_iso3="SEN", indicator="people_in_need", value=55_600, admin_level="2",
               place="Matam", place_id="plc_matam", label="personnes affectées"),
        figure(figure_id="ner_hno", country_iso3="NER", indicator="people_in_need", value=4_300_000, admin_level="0",
               source_kind="import", source_name="OCHA, Aperçu des besoins 2025", reference_date="2025-01-01",
               reference_precision="day", reference_end_date="2025-12-31", article_id=None),
        figure(figure_id="ner", country_iso3="NER", indicator="people_in_need", value=4_500_000, admin_level="0"),
    ])
    return rows.assign(origin_iso3=None, population_group="people")


def scoped_spec(lang="fr", **kw) -> maps.MapSpec:
    rows = scoped_figures()
    return maps.build_map(COUNTRIES, lang, needs=views.needs_by_country(rows), admin1=ADMIN1,
                          admin1_needs=views.needs_by_admin1(rows),
                          local=maps.local_points(views.local_needs(rows), lang, places=MAP_PLACES), **kw)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def label_boxes(svg: str) -> list[tuple[float, float, float, float]]:
    root = parse(svg)
    boxes = []
    for group in root.iter(f"{SVG}g"):
        if "map-label" in (group.get("class") or ""):
            rect = group.find(f"{SVG}rect")
            x, y, w, h = (float(rect.get(k)) for k in ("x", "y", "width", "height"))
            boxes.append((x, y, x + w, y + h))
    return boxes


def marker_boxes(svg: str) -> list[tuple[float, float, float, float]]:
    out = []
    for circle in parse(svg).iter(f"{SVG}circle"):
        if "marker" in (circle.get("class") or ""):
            x, y, r = (float(circle.get(k)) for k in ("cx", "cy", "r"))
            out.append((x - r, y - r, x + r, y + r))
    return out


def assert_no_overlap(svg: str) -> None:
    labels, markers = label_boxes(svg), marker_boxes(svg)
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not maps.boxes_intersect(a, b), (a, b)
        for m in markers:
            assert not maps.boxes_intersect(a, m), (a, m)


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    folder = write_tables(tmp_path_factory.mktemp("seed"))
    return {**views_of(read_tables(folder)), "places": read_tables(folder)["places"]}


def test_one_colour_rule_for_countries_regions_and_local_figures():
    spec = scoped_spec()
    fills = {s.data.get("iso3") or s.data.get("admin1") or s.layer: s.fill for s in spec.shapes
             if s.layer in ("needs-country", "needs-admin1", "local")}
    assert fills["MLI"] == maps.need_color(6_400_000) == maps.NEED_COLORS[-1]
    assert fills["Mopti"] == maps.need_color(1_300_000) == maps.NEED_COLORS[3]
    assert fills["local"] == maps.need_color(55_600) == maps.NEED_COLORS[0]
    assert maps.need_color(None) == maps.UNQUANTIFIED_COLOR
    assert [c for c, _ in maps.need_classes("fr")] == [*maps.NEED_COLORS, maps.UNQUANTIFIED_COLOR]
    # the legend lists every class with the indicator as its title, and the admin-1 and local layers
    assert spec.legend_title == "personnes dans le besoin"
    assert [item[1] for item in spec.legend if item[0] == "fill"] == [*maps.NEED_COLORS, maps.UNQUANTIFIED_COLOR]
    kinds = {item[0]: item[2] for item in spec.legend}
    assert "région (admin 1)" in kinds["admin1"] and "chiffre local" in kinds["ring"]


def test_country_layer_takes_only_national_figures():
    """Matam's department figure does not colour Senegal; Mopti's region figure goes to the
    region, not to Mali (which keeps its national 6,4 M); both are on the map at their place."""
    spec = scoped_spec()
    countries = {s.data["iso3"] for s in spec.shapes if s.layer == "needs-country"}
    assert countries == {"MLI", "NER"}
    senegal = next(s for s in spec.shapes if s.layer == "basemap" and s.fill == maps.BASE_FILL
                   and s.geometry == COUNTRIES["features"][4]["geometry"])
    assert senegal.tooltip == ""
    regions = [s for s in spec.shapes if s.layer == "needs-admin1"]
    assert [s.data["admin1"] for s in regions] == ["Mopti"] and "1 300 000" in regions[0].tooltip.replace("\u202f", " ")
    local = [s for s in spec.shapes if s.layer == "local"]
    assert len(local) == 1 and local[0].geometry == (-13.3, 15.6) and local[0].tooltip.startswith("Matam (Sénégal)")
    texts = [" ".join(label.lines) for label in spec.labels] + [text for _n, text in spec.listed]
    assert any(text.startswith("Matam : 55") for text in texts)
    assert any("Mopti" in text and "1,3" in text for text in texts)
    mali = next(s for s in spec.shapes if s.data.get("iso3") == "MLI")
    assert "6 400 000" in mali.tooltip.replace("\u202f", " ") and "1 300 000" not in mali.tooltip.replace("\u202f", " ")


def test_older_tables_without_admin_level_read_places_as_sub_national():
    rows = scoped_figures().drop(columns=["admin_level"])
    rows["admin_level"] = views.admin_levels(rows, MAP_PLACES)
    assert dict(zip(rows["figure_id"], rows["admin_level"])) == {
        "mli": "0", "mopti": "1", "matam": "2", "ner_hno": "0", "ner": "0"}
    same_country = pd.DataFrame([figure(figure_id="x", country_iso3="MLI", indicator="people_in_need",
                                        value=1, place="Mali"), figure(figure_id="y", country_iso3="MLI",
                                                                      indicator="people_in_need", value=1,
                                                                      place="Kidal")])
    assert list(views.admin_levels(same_country)) == ["0", "site"]  # the country named as its own place
    assert list(views.admin_levels(pd.DataFrame([figure(figure_id="z", country_iso3=None, indicator="count",
                                                        value=3)]))) == [""]


def test_national_figure_carries_its_value_and_the_official_figure_beside_it():
    spec = scoped_spec()
    niger = next(s for s in spec.shapes if s.data.get("iso3") == "NER")
    tip = niger.tooltip.replace("\u202f", " ")
    assert tip.startswith("Niger\n4 500 000 personnes — personnes dans le besoin, 2025")
    assert "Chiffre officiel : 4 300 000 personnes (OCHA, Aperçu des besoins 2025, 2025)" in tip
    assert "Source : Studio Tamani, Titre, 9 oct. 2025" in tip
    # each country with a figure carries it: a label inside it (or a number inside it and a line of the list)
    for iso3, name, value in (("MLI", "Mali", "6,4\u00a0M"), ("NER", "Niger", "4,5\u00a0M")):
        polygon = maps._projected_polygon(next(f["geometry"] for f in COUNTRIES["features"]
                                               if f["properties"]["iso3"] == iso3), spec.viewport)
        label = next(lb for lb in spec.labels if lb.lines == (name, value))
        from shapely.geometry import Point

        assert polygon.contains(Point(label.x + label.w / 2, label.y + label.h / 2))


def test_caption_names_the_kinds_of_sources_shown():
    assert "Sources : articles de presse et chiffres officiels importés." in scoped_spec().caption
    press = scoped_figures()
    press = press[press["source_kind"] == "article"]
    spec = maps.build_map(COUNTRIES, "en", needs=views.needs_by_country(press))
    assert "Sources: press articles." in spec.caption and "official" not in spec.caption


def test_frame_fits_the_data():
    """The countries with a figure fill the frame: at most a thin margin on the side that
    follows the data (the height follows their shape), never a blank band of the map."""
    rows = scoped_figures()
    rows = rows[rows["admin_level"] == "0"]
    spec = maps.build_map(COUNTRIES, "fr", needs=views.needs_by_country(rows), width=1400)
    v = spec.viewport
    x0, y1 = v.project(-12, 10)
    x1, y0 = v.project(16, 25)
    covered = (min(x1, v.width) - max(x0, 0)) * (min(y1, v.height) - max(y0, 0)) / (v.width * v.height)
    assert covered > 0.6, covered
    assert (x1 - x0) >= 0.95 * (v.width - 2 * maps.PAD) or (y1 - y0) >= 0.95 * (v.height - 2 * maps.PAD)
    # Togo alone is framed closer than the Sahel; a far event (Egypt) does not zoom the map out
    togo = maps.build_map(COUNTRIES, "fr", needs=views.needs_by_country(rows), focus=["TGO"], width=700)
    assert togo.viewport.zoom > spec.viewport.zoom
    far = pd.DataFrame({"position": [(30.0, 27.0)], "label": ["1 mai 2025"], "where": ["Le Caire"], "title": ["x"],
                        "sort_key": ["2025-05-01"], "tooltip": ["x"], "count": [1]})
    with_far = maps.build_map(COUNTRIES, "fr", needs=views.needs_by_country(rows), events=far, width=1400)
    assert with_far.viewport.zoom == pytest.approx(spec.viewport.zoom)
    assert any("Le Caire" in text for _n, text in with_far.listed)


def crowded_events(n: int = 60) -> pd.DataFrame:
    """Many event places close together (capitals and towns of the Sahel), the newest labelled."""
    rows = []
    for i in range(n):
        lon, lat = -8 + (i % 10) * 1.3, 11 + (i // 10) * 0.9
        rows.append({"position": (lon, lat), "label": f"{i + 1} mai 2025", "where": f"Lieu {i}", "title": f"Réunion {i}",
                     "sort_key": f"2025-05-{(i % 28) + 1:02d}", "tooltip": f"Réunion {i}", "count": 1 + i % 4})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("width", [700, 1400])
def test_labels_never_overlap_each_other_or_a_marker(width):
    rows = scoped_figures()
    spec = maps.build_map(COUNTRIES, "fr", needs=views.needs_by_country(rows), admin1=ADMIN1,
                          admin1_needs=views.needs_by_admin1(rows), corridors=CORRIDORS,
                          local=maps.local_points(views.local_needs(rows), "fr", places=MAP_PLACES),
                          events=crowded_events(), width=width, event_labels=12)
    svg = maps.map_svg(spec)
    assert len(label_boxes(svg)) >= 5 and len(marker_boxes(svg)) >= 40
    assert_no_overlap(svg)
    # labels that found no place are numbered on the map and listed under it
    numbered = [lb for lb in spec.labels if lb.number is not None]
    assert {lb.number for lb in numbered} <= {n for n, _text in spec.listed}
    for n, text in spec.listed:
        if n:
            assert f"{n}. " in svg and text.split(" ")[0] in svg
    # every label box lies inside the map frame
    for box in label_boxes(svg):
        assert 0 <= box[0] and box[2] <= spec.width and 0 <= box[1] and box[3] <= spec.height


def test_label_width_is_measured_with_the_svg_font():
    narrow, wide = maps.text_width("iiii", 12), maps.text_width("MMMM", 12)
    assert wide > 2 * narrow
    assert maps.text_width("Burkina Faso", 12.5, True) > maps.text_width("Burkina Faso", 12.5)
    assert maps.FONT_FAMILY.startswith("DejaVu Sans")


def test_svg_is_escaped_and_tooltips_are_plain_text(tmp_path):
    folder = write_tables(tmp_path, hostile_articles())
    hostile = views_of(read_tables(folder))
    spec = maps.build_map(COUNTRIES, "fr", needs=views.needs_by_country(hostile["figures"]),
                          events=maps.event_points(hostile["events"], "fr", countries=COUNTRIES))
    svg = maps.map_svg(spec)
    root = parse(svg)  # well-formed XML: the markup in the article stays text
    assert XSS not in svg and "&lt;script&gt;" in svg
    assert not [el for el in root.iter() if el.tag in (f"{SVG}script", f"{SVG}foreignObject", f"{SVG}image")]
    deck = maps.to_deck(spec)
    assert set(deck._tooltip) == {"text", "style"} and deck._tooltip["text"] == "{tooltip}"
    data = json.loads(deck.to_json())
    assert any(XSS in (row.get("tooltip") or "") for layer in data["layers"] if isinstance(layer.get("data"), list)
               for row in layer["data"])  # kept verbatim: deck.gl shows it as text


def test_deck_draws_the_same_spec_in_the_same_view():
    spec = scoped_spec(corridors=CORRIDORS)
    deck = json.loads(maps.frozen(maps.to_deck(spec)).to_json())
    assert "mapProvider" not in deck or deck["mapProvider"] is None
    assert deck.get("mapStyle") == "__MAP_STYLE__"  # pydeck's sentinel: no basemap fetched
    assert "cartocdn" not in json.dumps(deck) and "mapbox" not in json.dumps(deck)
    view = deck["initialViewState"]
    assert (view["longitude"], view["latitude"], view["zoom"]) == pytest.approx(
        (spec.viewport.lon, spec.viewport.lat, spec.viewport.zoom), abs=1e-3)
    ids = [layer["id"] for layer in deck["layers"]]
    assert ids[0] == "basemap" and ids.index("needs-country") < ids.index("needs-admin1") < ids.index("labels")
    assert next(lyr for lyr in deck["layers"] if lyr["id"] == "basemap")["pickable"] is False
    texts = next(lyr for lyr in deck["layers"] if lyr["id"] == "labels")["data"]
    assert len(texts) == len(spec.labels)
    for label, text in zip(spec.labels, texts):  # each label at its place of the picture
        x, y = spec.viewport.project(*text["position"])
        assert (x, y) == pytest.approx((label.x + label.w / 2, label.y + label.h / 2), abs=0.5)


def test_viewport_round_trips():
    v = maps.Viewport(1.0, 13.0, 4.3, 1400, 700)
    assert v.project(1.0, 13.0) == pytest.approx((700, 350))
    for lon, lat in ((-12, 10), (16, 23), (1.2, 6.1)):
        assert v.unproject(*v.project(lon, lat)) == pytest.approx((lon, lat), abs=1e-6)


def test_corridors_and_port():
    spec = maps.build_map(COUNTRIES, "fr", corridors=CORRIDORS)
    line = next(s for s in spec.shapes if s.layer == "corridors")
    assert "Lomé – Ouagadougou" in line.tooltip and "980" in line.tooltip
    port = next(s for s in spec.shapes if s.layer == "ports")
    assert port.geometry == (1.28, 6.14)
    assert any(label.lines == ("Port de Lomé",) for label in spec.labels)
    assert {item[2] for item in spec.legend} >= {"Port de Lomé et corridors", "Port de Lomé"}


def test_port_derived_from_the_corridors_common_start():
    lines = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name_fr": "Corridor A (schématique)", "name_en": "Corridor A (schematic)",
                                           "via": "Port autonome X – Y – Z", "note_en": "Schematic."},
         "geometry": {"type": "LineString", "coordinates": [[1.28, 6.14], [1.0, 9.0], [-1.5, 12.4]]}},
        {"type": "Feature", "properties": {"name_fr": "Corridor B", "via": "Port autonome X – W"},
         "geometry": {"type": "LineString", "coordinates": [[1.28, 6.14], [2.1, 13.5]]}}]}
    corridor_lines, ports = maps._corridor_shapes(lines, "en")
    assert ports[0][:2] == ((1.28, 6.14), "Port autonome X")
    assert corridor_lines[0].tooltip.startswith("Corridor A (schematic)") and "Schematic." in corridor_lines[0].tooltip


def test_event_positions_fall_back_to_place_then_country(seed):
    places = pd.DataFrame(PLACES).reindex(columns=["place_id", "name", "lat", "lon"])
    events = seed["events"].copy()
    events.loc[events["title"].str.contains("Kara"), "place_id"] = "plc_kara"
    points = maps.event_points(events, "fr", places=places, countries=COUNTRIES)
    assert len(points) == 3
    niamey = points[points["tooltip"].str.contains("Niamey")].iloc[0]
    assert niamey["position"] == (2.11, 13.51)  # its own coordinates
    kara = points[points["tooltip"].str.contains("Kara")].iloc[0]
    assert kara["position"] == (1.19, 9.55) and kara["label"] == "2 mars (année ?)"
    forum = points[points["tooltip"].str.contains("Forum")].iloc[0]
    assert forum["position"] == (0.8, 8.5)  # centre of Togo, and said so
    assert "position approximative" in forum["tooltip"]
    assert "Source : Togo Presse" not in forum["tooltip"] and "Source : République togolaise" in forum["tooltip"]


def test_events_at_the_same_place_share_one_marker():
    events = pd.DataFrame([dict(event_id=f"e{i}", article_id="a", kind="meeting", title=f"Réunion {i}",
                                date_start=f"2024-0{i + 1}-10", precision="day", date_precision="day",
                                place="Niamey", country_iso3="NER", lat=13.51, lon=2.11, quote="q",
                                date_key=f"2024-0{i + 1}-10", article_title="A", article_date=None)
                           for i in range(3)])
    points = maps.event_points(events, "fr")
    assert len(points) == 1 and points.iloc[0]["count"] == 3
    assert points.iloc[0]["tooltip"].startswith("Réunion 2")  # the most recent leads
    assert "2 autres événements au même endroit" in points.iloc[0]["tooltip"]
    spec = maps.build_map(COUNTRIES, "fr", events=points)
    assert [lb.lines for lb in spec.labels if lb.layer == "events"] == [("10 mars 2024 (+2)",)]


def test_communes_grouped_at_their_prefecture():
    groups = maps.commune_groups(pd.DataFrame(PLACES).reindex(columns=[
        "place_id", "name", "kind", "country_iso3", "admin1", "admin2", "lat", "lon", "parent_place_id"]))
    assert list(groups["prefecture"]) == ["Blitta", "Kloto", "Tchamba"]
    blitta = groups.set_index("prefecture").loc["Blitta"]
    assert (blitta["lon"], blitta["lat"]) == (0.98, 8.32)  # the parent prefecture's point
    points = maps._commune_shapes(groups, "fr", None)
    assert [s.kind for s in points] == ["point"] * 3 and "Blitta 3" in points[0].tooltip
    boundaries = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"ADM2_FR": "BLITTA"}, "geometry": square(0.5, 8, 1.5, 8.8)},
        {"type": "Feature", "properties": {"ADM2_FR": "Kloto"}, "geometry": square(0.4, 6.8, 0.9, 7.2)}]}
    shapes = maps._commune_shapes(groups, "fr", boundaries)
    assert [s.kind for s in shapes].count("polygon") == 2
    spec = maps.build_map(COUNTRIES, "fr", communes=groups, boundaries=boundaries)
    assert ("dot", maps.COMMUNE_COLOR, "Communes (coopération décentralisée)") in spec.legend


def test_communes_on_real_user_boundaries():
    path = SHARED / "shapes" / "tgo_adm2_cod.geojson"
    if not path.exists():
        skip_or_fail(f"test boundaries missing: {path}")
    boundaries = json.loads(path.read_text("utf-8"))
    groups = pd.DataFrame({"prefecture": ["Agoè-Nyivé", "Mô", "Tône", "Kozah"], "country_iso3": "TGO",
                           "communes": [["Agoè-Nyivé 1"], ["Mô 2"], ["Tône 3"], ["Kozah 1"]],
                           "lon": [1.2, 0.8, 0.3, 1.1], "lat": [6.2, 8.7, 10.8, 9.5]})
    aliases = {fold("Mô"): fold("Plaine du Mo")}
    shapes = maps._commune_shapes(groups, "fr", boundaries, lambda name, _iso3: aliases.get(fold(name), fold(name)))
    names = sorted(s.tooltip.split("\n")[0] for s in shapes if s.kind == "polygon")
    assert names == ["Préfecture : Agoè-Nyivé", "Préfecture : Kozah", "Préfecture : Mô", "Préfecture : Tône"]


def test_seed_like_map_in_english(seed):
    spec = maps.build_map(COUNTRIES, "en", needs=views.needs_by_country(seed["figures"]),
                          events=maps.event_points(seed["events"], "en", places=seed["places"], countries=COUNTRIES))
    svg = maps.map_svg(spec, label="People in need")
    assert_no_overlap(svg)
    assert "Burkina Faso" in svg and "8.4" in svg and "people in need" in svg
    assert re.search(r"Sources: press articles\.", svg)
    assert 'aria-label="People in need"' in svg
