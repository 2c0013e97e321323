"""The overview's static SVG map: same classes and tooltips as the Carte page, framed on
the countries with a figure, markup in article text kept as text, labels off the markers."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from dashboard_fixtures import XSS, hostile_articles, read_tables, views_of, write_tables
from test_maps import COUNTRIES

from dashboard import maps, svgmap, views

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return views_of(read_tables(write_tables(tmp_path_factory.mktemp("seed"))))


def parse(markup: str) -> ET.Element:
    """The map as XML: it must be well formed (a browser would drop broken SVG silently)."""
    return ET.fromstring(markup)


def need_groups(root: ET.Element) -> dict[str, ET.Element]:
    return {g.get("data-iso3"): g for g in root.iter(f"{SVG}g") if g.get("class") == "need"}


def test_choropleth_classes_and_tooltips_match_the_map_page(seed):
    needs = views.needs_by_country(seed["figures"])
    root = parse(svgmap.need_map_svg(COUNTRIES, "fr", needs=needs, label="Carte"))
    groups = need_groups(root)
    assert set(groups) == {"MLI", "BFA", "NER"}
    mali = groups["MLI"].find(f"{SVG}path")
    r, g, b, _ = maps.need_color(4_800_000)
    assert mali.get("fill") == f"rgb({r},{g},{b})"
    page_tips = {f["properties"]["tooltip"].split("\n")[0]: f["properties"]["tooltip"]
                 for f in maps.need_features(COUNTRIES, needs, "fr")["features"]}
    assert mali.find(f"{SVG}title").text == page_tips["Mali"]
    # Niger has only an unquantified statement: its own colour and a hatch, and the label says so
    niger_paths = groups["NER"].findall(f"{SVG}path")
    r, g, b, _ = maps.UNQUANTIFIED_COLOR
    assert niger_paths[0].get("fill") == f"rgb({r},{g},{b})"
    assert niger_paths[1].get("fill") == f"url(#{svgmap.HATCH_ID})"
    labels = ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("class") == "country-label"]
    assert any("Niger" in text and "chiffre non précisé" in text for text in labels)
    assert any(text.replace("\u00a0", " ") == "Mali4,8 M" for text in labels)
    # countries without a figure are drawn as the basemap, without a class
    assert len(root.findall(f".//{SVG}path")) >= len(COUNTRIES["features"])


def test_english_labels(seed):
    root = parse(svgmap.need_map_svg(COUNTRIES, "en", needs=views.needs_by_country(seed["figures"])))
    labels = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "figure not specified" in labels and "4.8 M" in labels.replace("\u00a0", " ")


def test_frame_follows_the_countries_with_figures(seed):
    needs = views.needs_by_country(seed["figures"])
    only_togo = svgmap.need_map_svg(COUNTRIES, "fr", needs=needs.iloc[0:0], focus=["TGO"], width=700, height=540)
    # Senegal (west of 11°W) is outside a frame around Togo alone, inside one around Mali
    assert only_togo.count("<path") == 4  # Senegal (west of 11°W) is outside a frame around Togo
    assert svgmap.need_map_svg(COUNTRIES, "fr", needs=needs, width=700, height=540).count("<path") == 6
    west, south, east, north, stretch = svgmap.frame_box([(-0.2, 6, 1.8, 11)], 700, 540)
    assert west < -0.2 and east > 1.8 and south < 6 and north > 11
    assert (east - west) / ((north - south) * stretch) == pytest.approx(700 / 540)


def test_events_are_markers_with_tooltips_and_dates(seed):
    points = maps.event_points(seed["events"], "fr", countries=COUNTRIES)
    root = parse(svgmap.need_map_svg(COUNTRIES, "fr", needs=views.needs_by_country(seed["figures"]),
                                     events=points))
    circles = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "event"]
    assert len(circles) == len(points)
    tips = [c.find(f"{SVG}title").text for c in circles]
    assert sorted(tips) == sorted(points["tooltip"])
    dates = {t.text for t in root.iter(f"{SVG}text") if t.get("class") == "event-label"}
    assert "23 avr. 2024" in {d.split(" (+")[0] for d in dates}


def test_markup_in_article_text_stays_text(tmp_path):
    hostile = views_of(read_tables(write_tables(tmp_path, hostile_articles())))
    markup = svgmap.need_map_svg(COUNTRIES, "fr", needs=views.needs_by_country(hostile["figures"]),
                                 events=maps.event_points(hostile["events"], "fr", countries=COUNTRIES))
    assert "<script" not in markup and "<img" not in markup
    root = parse(markup)
    titles = [t.text or "" for t in root.iter(f"{SVG}title")]
    assert any(XSS in title for title in titles)  # shown verbatim, as text
    assert not [el for el in root.iter() if el.tag.endswith(("script", "img", "foreignObject"))]


def test_country_label_moves_off_an_event_marker():
    # a marker at the label's spot: the label goes elsewhere, still inside its country
    inside = lambda x, y: 100 <= x <= 500 and 100 <= y <= 400  # noqa: E731
    x, y = svgmap.clear_of(300, 250, [(300, 255)], inside)
    assert (x, y) != (300, 250)
    assert not (abs(x - 300) < 70 and -50 < 255 - y < 34)
    assert all(inside(x + dx, y + dy) for dx in (-50, 50) for dy in (-16, 16))
    # nothing in the way: the label stays
    assert svgmap.clear_of(300, 250, [(480, 120)], inside) == (300, 250)


def test_payload_is_small_for_the_shipped_layer(seed):
    import json

    from etl.paths import SHAPES_DIR

    countries = json.loads((SHAPES_DIR / "countries.geojson").read_text(encoding="utf-8"))
    markup = svgmap.need_map_svg(countries, "fr", needs=views.needs_by_country(seed["figures"]))
    assert len(markup.encode()) < 120_000
    assert re.search(r'viewBox="0 0 700 540"', markup)


def test_page_markup_carries_the_svg_as_inert_json():
    from dashboard.html import svg_html

    markup = svg_html(f'<svg xmlns="http://www.w3.org/2000/svg"><title>{XSS}</title></svg>', "svg-x")
    payload = re.search(r'<script type="application/json" id="svg-x-svg">(.*?)</script>', markup).group(1)
    assert "<" not in payload and "</script" not in payload.lower()  # cannot close its element
    loader = markup.split("</script>")[1]
    assert "__xss" not in loader and "DOMParser" in loader  # the running script holds no data
