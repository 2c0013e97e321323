"""Plotly builders: titles, source captions, honest figures and dates, inert article text."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from dashboard_fixtures import hostile_articles, read_tables, views_of, write_tables

from dashboard import charts, views


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return views_of(read_tables(write_tables(tmp_path_factory.mktemp("seed"))))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return views_of(read_tables(write_tables(tmp_path_factory.mktemp("xss"), hostile_articles())))


def annotations(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def test_slide_config_is_ready_for_slides():
    config = charts.slide_config("besoins_par_pays")
    assert config["toImageButtonOptions"]["filename"] == "besoins_par_pays"
    assert config["toImageButtonOptions"]["scale"] == 2
    assert config["toImageButtonOptions"]["format"] == "png"
    assert config["displaylogo"] is False


def test_needs_chart_one_bar_per_country_with_source(seed):
    needs = views.needs_by_country(seed["figures"])
    fig = charts.needs_by_country_figure(needs, "fr", title="Personnes dans le besoin par pays")
    bar = fig.data[0]
    assert len(bar.y) == 3  # Mali, Burkina Faso, Niger
    by_country = {tick.split("</b>")[0].removeprefix("<b>"): x for tick, x in zip(bar.y, bar.x)}
    assert by_country["Burkina Faso"] == 8_400_000 and by_country["Mali"] == 4_800_000
    assert by_country["Niger"] == 0  # unquantified: no bar …
    assert any("chiffre non précisé" in a for a in annotations(fig))  # … but said in words
    assert all("Les ministres de l'AES" in tick for tick in bar.y)  # the source under every country
    assert "Personnes dans le besoin par pays" in fig.layout.title.text
    assert any(a.startswith("Sources : ") for a in annotations(fig))
    texts = list(bar.text)
    assert "8,4\u00a0M" in texts and "4,8\u00a0M" in texts


def test_needs_chart_english_and_empty(seed):
    fig = charts.needs_by_country_figure(views.needs_by_country(seed["figures"]), "en", title="People in need")
    assert "8.4\u00a0M" in list(fig.data[0].text)
    assert any("figure not specified" in a for a in annotations(fig))
    empty = charts.needs_by_country_figure(seed["figures"].iloc[0:0], "fr", title="Vide")
    assert any("Aucun chiffre" in a for a in annotations(empty)) and "Vide" in empty.layout.title.text


def test_needs_prefers_people_in_need_then_latest():
    base = dict(unit="people", qualifier="exact", article_title="A", article_date="2024-01-01")
    rows = pd.DataFrame([
        dict(base, country_iso3="MLI", indicator="affected", value=9e6, when_key="2025-01-01"),
        dict(base, country_iso3="MLI", indicator="people_in_need", value=4e6, when_key="2023-01-01"),
        dict(base, country_iso3="MLI", indicator="people_in_need", value=5e6, when_key="2024-01-01"),
        dict(base, country_iso3="NER", indicator="people_in_need", value=None, qualifier="unquantified",
             when_key="2025-01-01"),
        dict(base, country_iso3="NER", indicator="affected", value=2e6, when_key="2020-01-01"),
    ])
    needs = views.needs_by_country(rows).set_index("country_iso3")
    assert needs.loc["MLI", "value"] == 5e6 and needs.loc["MLI", "indicator"] == "people_in_need"
    # a stated number beats an unquantified statement, whatever the indicator
    assert needs.loc["NER", "value"] == 2e6


def test_other_indicators_chart_groups_by_indicator(seed):
    others = seed["figures"][seed["figures"]["indicator"].isin(charts.OTHER_PEOPLE_INDICATORS)]
    fig = charts.indicators_by_country_figure(others, "fr", title="Autres")
    names = [trace.name for trace in fig.data]
    assert names == ["personnes déplacées internes"]  # the unquantified 'affected' row draws no bar
    assert list(fig.data[0].x) == ["Niger"] and list(fig.data[0].y) == [300_000]
    assert "près de" in fig.data[0].text[0]


def test_timeline_places_dates_only_as_precisely_as_known(seed):
    events = seed["events"]
    placed, unplaced = charts.timeline_lanes(events)
    assert set(unplaced["precision"]) == {"day_no_year"}
    assert len(placed) == 2
    fig = charts.timeline_figure(events, "fr", title="Chronologie")
    kinds = {trace.name: trace for trace in fig.data}
    assert set(kinds) == {"Jour exact", "Année seulement"}
    day = kinds["Jour exact"]
    assert day.type == "scatter" and str(day.x[0]) == "2024-04-23"
    year = kinds["Année seulement"]
    assert year.type == "bar" and year.base[0] == "2023-01-01"
    assert year.x[0] == 365 * 86_400_000  # spans the whole year, not a point on 1 January
    labels = " ".join(str(y) for trace in fig.data for y in trace.y)
    assert "Kara" not in labels  # the day without a year is not on the axis
    assert any(ticks in ("janv. 2023", "2023") for ticks in fig.layout.xaxis.ticktext)


def test_timeline_month_precision_and_english_ticks():
    events = pd.DataFrame([dict(event_id="e1", article_id="a", kind="meeting", title="Réunion",
                                date_start="2024-02", date_end=None, precision="month", date_key="2024-02-01",
                                article_title="A", article_date=None, place=None, country_iso3=None, quote="q")])
    fig = charts.timeline_figure(events, "en", title="Timeline")
    assert fig.data[0].name == "Month only" and fig.data[0].x[0] == 29 * 86_400_000
    assert all("janv" not in t for t in fig.layout.xaxis.ticktext)


def test_date_ticks_are_localised():
    from datetime import date

    values, labels = charts.date_ticks(date(2024, 1, 1), date(2024, 6, 30), "fr")
    assert labels[:3] == ["janv. 2024", "févr. 2024", "mars 2024"] and values[0] == "2024-01-01"
    _, yearly = charts.date_ticks(date(2000, 1, 1), date(2024, 1, 1), "en")
    assert all(len(label) == 4 for label in yearly)


def test_actors_chart(seed):
    fig = charts.actors_figure(seed["actors"], "fr", title="Acteurs les plus cités")
    assert {trace.name for trace in fig.data} == {"Personne", "Organisation"}
    assert sum(len(trace.y) for trace in fig.data) == 4
    assert "Acteurs les plus cités" in fig.layout.title.text


def test_article_text_is_inert_in_every_chart(hostile):
    figs = [
        charts.needs_by_country_figure(views.needs_by_country(hostile["figures"]), "fr", title="t"),
        charts.indicators_by_country_figure(hostile["figures"], "fr", title="t"),
        charts.timeline_figure(hostile["events"], "fr", title="t"),
        charts.actors_figure(hostile["actors"], "fr", title="t"),
    ]
    for fig in figs:
        payload = json.dumps(fig.to_plotly_json(), default=str)
        assert "<script" not in payload and "<img" not in payload
    hover = " ".join(figs[0].data[0].hovertext)
    assert "&lt;script&gt;" in hover  # shown as text, not dropped


def test_timeline_keeps_the_most_recent_lanes():
    events = pd.DataFrame([dict(event_id=f"e{i}", article_id="a", kind="meeting", title=f"Réunion {i}",
                                date_start=f"20{10 + i // 12:02d}-{i % 12 + 1:02d}-01", date_end=None,
                                precision="day", article_title="A", article_date=None, place=None,
                                country_iso3=None, quote="q") for i in range(50)])
    fig = charts.timeline_figure(events, "fr", title="T", max_events=30)
    labels = list(fig.data[0].y)
    assert len(labels) == 30 and "Réunion 49" in labels and "Réunion 0" not in labels
    assert any("30 événements datés les plus récents sur 50" in a for a in annotations(fig))


@pytest.mark.parametrize("wrap", [150, 60, 30])
def test_the_source_caption_gets_room_for_all_its_lines_under_the_axis(seed, wrap):
    import textwrap

    fig = charts.needs_by_country_figure(views.needs_by_country(seed["figures"]), "fr", title="Besoins", wrap=wrap)
    caption = fig.layout.annotations[-1].text
    lines = caption.count("<br>") + 1
    plain = charts.sources_note(charts.latest_by(views.needs_by_country(seed["figures"]), ["country_iso3"]), "fr")
    assert lines == len(textwrap.wrap(plain, wrap)) and (wrap > 100 or lines > 1)
    assert fig.layout.margin.b >= 34 + 15 * lines  # the axis labels, then every caption line
    assert fig.layout.annotations[-1].yshift == -fig.layout.margin.b + 8
