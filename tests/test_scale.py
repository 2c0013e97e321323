"""At realistic scale (at least 150 articles and imported official figures through the real
ETL, tests/scale_corpus.py), without a browser: every map the app draws (the Carte at its
normal and presentation sizes, the overview's, the briefing pack's) in both languages keeps
its label boxes apart and off the markers; the country layer and the cards hold national
figures only; the discrepancy list is short and like for like; no source is a file name."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from dashboard_fixtures import read_tables, views_of
from test_charts import intersect, needs_chart_boxes
from test_maps import assert_no_overlap, label_boxes, marker_boxes

from dashboard import briefing, briefing_pack, charts, discrepancies, maps, views

FILE_NAME = re.compile(r"\.txt\b|\.html?\b|\.md\b|\.pdf\b")


@pytest.fixture(scope="module")
def scale(scale_tables):
    from etl import places

    tables = read_tables(scale_tables)
    return {"tables": tables, **views_of(tables), "countries": places.load_country_layer(),
            "admin1": places.load_admin1_layer(), "corridors": places.load_corridors()}


def carte(scale, lang: str, width: int) -> maps.MapSpec:
    """The Carte page's map with its default layers (app_pages/map.py)."""
    figures, places = scale["figures"], scale["tables"]["places"]
    return maps.build_map(scale["countries"], lang, needs=views.needs_by_country(figures), admin1=scale["admin1"],
                          admin1_needs=views.needs_by_admin1(figures), corridors=scale["corridors"],
                          local=maps.local_points(views.local_needs(figures), lang, places=places),
                          events=maps.event_points(scale["events"], lang, places=places, countries=scale["countries"]),
                          width=width, min_height=460, max_height=760)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("which", ["carte", "carte_presentation", "overview", "pack"])
def test_no_two_map_labels_intersect_at_scale(scale, lang, which):
    assert len(scale["tables"]["articles"]) >= 150
    if which.startswith("carte"):
        spec = carte(scale, lang, 1760 if which.endswith("presentation") else 1460)
    elif which == "overview":
        spec = maps.build_map(scale["countries"], lang, needs=views.needs_by_country(scale["figures"]),
                              local=maps.local_points(views.local_needs(scale["figures"]), lang,
                                                      places=scale["tables"]["places"]),
                              events=maps.event_points(scale["events"], lang, places=scale["tables"]["places"],
                                                       countries=scale["countries"]),
                              width=700, min_height=320, max_height=560, event_labels=4)
    else:
        spec = briefing_pack.need_map(scale["countries"], {"figures": scale["figures"], "events": scale["events"]},
                                      lang, places=scale["tables"]["places"])
    svg = maps.map_svg(spec)
    assert len(marker_boxes(svg)) >= 20 and len(label_boxes(svg)) >= 5  # a crowded map, labelled
    assert_no_overlap(svg)
    # the frame fits the data: the countries with a figure reach the frame on one side at least
    national = [f for f in scale["countries"]["features"]
                if maps.feature_iso3(f) in set(views.needs_by_country(scale["figures"])["country_iso3"])]
    polygons = [maps._projected_polygon(f["geometry"], spec.viewport) for f in national]
    x0 = min(p.bounds[0] for p in polygons if p)
    y0 = min(p.bounds[1] for p in polygons if p)
    x1 = max(p.bounds[2] for p in polygons if p)
    y1 = max(p.bounds[3] for p in polygons if p)
    assert (x1 - x0) >= 0.9 * (spec.width - 2 * maps.PAD) or (y1 - y0) >= 0.9 * (spec.height - 2 * maps.PAD)
    # every country with a figure carries it: its label, or its number and a line of the list
    texts = [" ".join(lb.lines) for lb in spec.labels] + [text for _n, text in spec.listed]
    for iso3 in views.needs_by_country(scale["figures"])["country_iso3"]:
        if any(maps.feature_iso3(f) == iso3 for f in national):
            from presentation.formatting import fmt_country

            assert any(text.startswith(fmt_country(iso3, lang)) for text in texts), iso3
    # the legend covers every layer drawn; the caption names both kinds of sources
    layers = {s.layer for s in spec.shapes}
    kinds = {item[0] for item in spec.legend}
    assert "fill" in kinds and ("events" not in layers or "dot" in kinds) and ("local" not in layers or "ring" in kinds)
    assert ("needs-admin1" not in layers) or "admin1" in kinds
    assert ("chiffres officiels importés" if lang == "fr" else "imported official figures") in spec.caption


def test_country_layer_and_cards_hold_national_figures_only(scale):
    needs = views.needs_by_country(scale["figures"])
    assert not needs.empty and set(needs["admin_level"]) == {"0"}
    assert needs["indicator"].nunique() == 1  # one measure compared across countries
    assert set(needs["population_group"]) == {"people"}
    for card in briefing.need_cards(needs, "fr", limit=6):
        if "note" in card and card["label"] != "":
            assert not FILE_NAME.search(card["note"]), card
    # the imported official figures stand beside the press figures (or alone)
    assert needs["official_value"].notna().any() or (needs["source_kind"] == "import").any()
    local = views.local_needs(scale["figures"])
    assert local.empty or set(local["admin_level"]) <= {"2", "site"}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("width", [1460, 714])
def test_the_needs_chart_at_scale_keeps_diamonds_off_the_labels_and_donors_out(scale, lang, width):
    needs = views.needs_by_country(scale["figures"])
    assert set(needs["country_iso3"]) <= views.REGION  # no donor country's row
    fig = charts.needs_by_country_figure(needs, lang, title="t", width=width)
    boxes = needs_chart_boxes(fig, width)
    assert boxes["diamonds"]  # the imported official figures are drawn
    for diamond in boxes["diamonds"]:
        assert not any(intersect(diamond, label) for label in boxes["labels"] + boxes["official_labels"]), diamond
    for official in boxes["official_labels"]:
        assert not any(intersect(official, label) for label in boxes["labels"]), official


def test_tooltips_and_sources_never_name_a_file(scale):
    spec = carte(scale, "fr", 1460)
    deck = json.loads(maps.to_deck(spec).to_json())
    tips = [s.tooltip for s in spec.shapes if s.tooltip]
    assert tips and not any(FILE_NAME.search(tip) for tip in tips)
    assert not FILE_NAME.search(json.dumps(deck["layers"][-1]))


def test_discrepancies_at_scale_are_a_short_like_for_like_list(scale):
    pairs = discrepancies.find_discrepancies(scale["figures"])
    groups = discrepancies.group_discrepancies(pairs)
    assert len(groups) <= 15, groups
    figures = scale["figures"].set_index("figure_id")
    for pair in pairs.to_dict("records"):
        a, b = figures.loc[pair["figure_id_a"]], figures.loc[pair["figure_id_b"]]
        assert discrepancies.like_key(a.to_dict()) == discrepancies.like_key(b.to_dict())
        assert (a["article_id"] != b["article_id"]) or pd.isna(a["article_id"])
