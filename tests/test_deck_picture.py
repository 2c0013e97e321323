"""The Carte page's first picture (dashboard.deck_picture): pydeck's spec drawn as SVG in
deck.gl's Web Mercator view, each layer in order, pydeck's accessors evaluated without eval,
sizes clamped as deck.gl clamps them, and article text kept as text."""
from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET

import pytest
from dashboard_fixtures import XSS, read_tables, views_of, write_tables
from test_maps import COUNTRIES

from dashboard import maps, views
from dashboard.deck_picture import Viewport, accessor, deck_svg

SVG = "{http://www.w3.org/2000/svg}"


def spec_of(deck) -> dict:
    return json.loads(deck.to_json())


def layer_groups(markup: str) -> dict[str, ET.Element]:
    root = ET.fromstring(markup)  # well formed, or a browser draws nothing
    return {g.get("data-layer"): g for g in root.iter(f"{SVG}g")}


@pytest.mark.parametrize("lon, lat", [(1.0, 13.0), (-17.4, 14.7), (13.5, 4.0)])
def test_viewport_centre_and_scale_follow_web_mercator(lon, lat):
    view = Viewport({"longitude": lon, "latitude": lat, "zoom": 4.0}, 1400, 700)
    assert view.project(lon, lat) == pytest.approx((700, 350))
    x, _ = view.project(lon + 1, lat)  # a degree of longitude: 512 × 2^zoom / 360 pixels, at any latitude
    assert x - 700 == pytest.approx(512 * 16 / 360)
    _, y = view.project(lon, lat + 1)  # northwards is up, and a degree of latitude is longer than one of longitude
    assert y < 350 and 350 - y > 512 * 16 / 360
    assert view.pixels_per_metre(60) == pytest.approx(2 * view.pixels_per_metre(0))


@pytest.mark.parametrize("value, row, expected", [
    ([1, 2, 3], {}, [1, 2, 3]),
    ("@@=properties.fill", {"properties": {"fill": [9, 8, 7, 255]}}, [9, 8, 7, 255]),
    ("@@=radius", {"radius": 7000.5}, 7000.5),
    ("@@=3500 + 2500 * count", {"count": 3}, 11000),
    ("@@=label", {}, None),
    ("@@=3500 + 2500 * count", {"count": "trois"}, None),
    (None, {}, "default"),
])
def test_accessors_read_constants_fields_and_arithmetic(value, row, expected):
    assert accessor(value, "default")(row) == expected


@pytest.mark.parametrize("expression", ["@@=__import__('os').system('true')", "@@=label.upper()",
                                        "@@=[x for x in label]", "@@=label if count else 0"])
def test_accessors_refuse_anything_else(expression):
    with pytest.raises(ValueError):
        accessor(expression)({"label": "x", "count": 1})


def test_points_clamped_to_their_pixel_bounds_and_labels_kept_as_text():
    spec = {"initialViewState": {"longitude": 0, "latitude": 0, "zoom": 3}, "layers": [
        {"@@type": "ScatterplotLayer", "id": "dots", "data": [
            {"position": [0, 0], "radius": 1}, {"position": [1, 1], "radius": 10_000_000}, {"position": ["x", 1]}],
         "getPosition": "@@=position", "getRadius": "@@=radius", "radiusMinPixels": 6, "radiusMaxPixels": 22,
         "getFillColor": [58, 146, 58, 235]},
        {"@@type": "TextLayer", "id": "names", "data": [{"position": [0, 0], "label": f"Bamako {XSS}"}],
         "getPosition": "@@=position", "getText": "@@=label", "getSize": 12, "getPixelOffset": [0, -16],
         "background": True, "backgroundPadding": [4, 2, 4, 2], "getBackgroundColor": [255, 255, 255, 215]},
        {"@@type": "HexagonLayer", "id": "unknown", "data": []},
        {"@@type": "ScatterplotLayer", "id": "unreadable", "data": [{"position": [0, 0]}],
         "getPosition": "@@=position", "getRadius": "@@=size.upper()"},
    ]}
    markup = deck_svg(spec, 800, 400)
    groups = layer_groups(markup)
    assert list(groups) == ["dots", "names"]  # an unknown layer type, or an unreadable one, is left out
    radii = [float(c.get("r")) for c in groups["dots"].iter(f"{SVG}circle")]
    assert radii == [6.0, 22.0]  # a point without a position is not drawn
    circle = next(groups["dots"].iter(f"{SVG}circle"))
    assert circle.get("fill") == "rgb(58,146,58)" and circle.get("fill-opacity") == f"{235 / 255:.3f}"
    text = next(groups["names"].iter(f"{SVG}text"))
    assert text.text == f"Bamako {XSS}" and float(text.get("y")) == pytest.approx(200 - 16)
    assert "<script" not in markup and "<img" not in markup
    assert next(groups["names"].iter(f"{SVG}rect")) is not None  # the label's light box


def test_the_map_page_deck_drawn_layer_by_layer(tmp_path):
    frames = views_of(read_tables(write_tables(tmp_path / "tables")))
    needs = views.needs_by_country(frames["figures"])
    events = maps.event_points(frames["events"], "fr", countries=COUNTRIES)
    spec = spec_of(maps.map_deck(COUNTRIES, "fr", needs=needs, events=events, height=720, width=1460))
    groups = layer_groups(deck_svg(spec, 1460, 720, title="Carte"))
    assert list(groups) == [layer["id"] for layer in spec["layers"]]
    need_fills = {p.get("fill") for p in groups["needs-country"].iter(f"{SVG}path")}
    r, g, b, _ = maps.need_color(4_800_000)
    assert f"rgb({r},{g},{b})" in need_fills  # Mali's class, as deck.gl fills it
    view = Viewport(spec["initialViewState"], 1460, 720)
    for circle in groups["events"].iter(f"{SVG}circle"):  # every event inside the box
        assert 0 <= float(circle.get("cx")) <= 1460 and 0 <= float(circle.get("cy")) <= 720
    first = events.iloc[0]["position"]
    x, y = view.project(*first)
    assert any(math.hypot(float(c.get("cx")) - x, float(c.get("cy")) - y) < 0.2
               for c in groups["events"].iter(f"{SVG}circle"))
    labels = {t.text for t in groups["country-labels"].iter(f"{SVG}text")}
    assert {"Mali", "Burkina Faso", "Niger"} <= labels
