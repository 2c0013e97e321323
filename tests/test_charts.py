"""Plotly builders: titles, source captions, honest figures and dates, inert article text."""
from __future__ import annotations

import html
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


def row_ticks(fig, trace=0) -> list[str]:
    """The country tick (name over source) of each point of a needs-chart trace: rows are at
    y = 0, 1, … (the press bar and the official diamond in lanes around it)."""
    ticks = list(fig.layout.yaxis.ticktext)
    return [ticks[round(y)] for y in fig.data[trace].y]


def row_names(fig, trace=0) -> list[str]:
    return [tick.split("</b>")[0].removeprefix("<b>") for tick in row_ticks(fig, trace)]


def niger_in_need(figures: pd.DataFrame) -> pd.DataFrame:
    """The seed-like figures with Niger's unquantified statement read as people in need."""
    out = figures.copy()
    out.loc[(out["country_iso3"] == "NER") & (out["qualifier"] == "unquantified"), "indicator"] = "people_in_need"
    return out


def test_needs_chart_one_bar_per_country_with_source(seed):
    needs = views.needs_by_country(niger_in_need(seed["figures"]))
    fig = charts.needs_by_country_figure(needs, "fr", title="Personnes dans le besoin par pays")
    bar = fig.data[0]
    assert len(bar.y) == 3  # Mali, Burkina Faso, Niger
    by_country = dict(zip(row_names(fig), bar.x))
    assert by_country["Burkina Faso"] == 8_400_000 and by_country["Mali"] == 4_800_000
    assert by_country["Niger"] == 0  # unquantified: no bar …
    assert any("chiffre non précisé" in a for a in annotations(fig))  # … but said in words
    # the source under every country: media, title, date (never the file name)
    assert all("Sahel Info, Les ministres de l'AES" in tick and ".txt" not in tick for tick in row_ticks(fig))
    assert "Personnes dans le besoin par pays" in fig.layout.title.text
    assert any(a.startswith("Sources : ") for a in annotations(fig))
    texts = list(bar.text)
    assert "8,4\u00a0M" in texts and "4,8\u00a0M" in texts


def test_needs_chart_english_and_empty(seed):
    fig = charts.needs_by_country_figure(views.needs_by_country(niger_in_need(seed["figures"])), "en",
                                         title="People in need")
    assert "8.4\u00a0M" in list(fig.data[0].text)
    assert any("figure not specified" in a for a in annotations(fig))
    empty = charts.needs_by_country_figure(seed["figures"].iloc[0:0], "fr", title="Vide")
    assert any("Aucun chiffre" in a for a in annotations(empty)) and "Vide" in empty.layout.title.text


def test_needs_compares_one_indicator_across_countries_latest_first():
    base = dict(unit="people", qualifier="exact", article_title="A", article_date="2024-01-01", label="personnes",
                admin_level="0")
    rows = pd.DataFrame([
        dict(base, country_iso3="MLI", indicator="affected", value=9e6, when_key="2025-01-01"),
        dict(base, country_iso3="MLI", indicator="people_in_need", value=4e6, when_key="2023-01-01"),
        dict(base, country_iso3="MLI", indicator="people_in_need", value=5e6, when_key="2024-01-01"),
        dict(base, country_iso3="NER", indicator="people_in_need", value=None, qualifier="unquantified",
             when_key="2025-01-01"),
        dict(base, country_iso3="NER", indicator="affected", value=2e6, when_key="2020-01-01"),
        dict(base, country_iso3="SEN", indicator="people_in_need", value=55_600, when_key="2025-01-01",
             admin_level="2", place="Matam"),
    ])
    needs = views.needs_by_country(rows).set_index("country_iso3")
    assert needs.loc["MLI", "value"] == 5e6 and set(needs["indicator"]) == {"people_in_need"}
    # like indicators only: Niger's affected figure is not set against Mali's people in need
    assert pd.isna(needs.loc["NER", "value"])
    assert "SEN" not in needs.index  # a department's figure is not Senegal's national number
    only_affected = views.needs_by_country(rows[rows["indicator"] == "affected"]).set_index("country_iso3")
    assert dict(only_affected["value"]) == {"MLI": 9e6, "NER": 2e6}


def test_one_huge_bar_does_not_flatten_the_others():
    base = dict(unit="people", qualifier="exact", indicator="people_in_need", article_title="A",
                article_date="2024-01-01", when_key="2024-01-01")
    rows = pd.DataFrame([dict(base, country_iso3=c, value=v) for c, v in
                         (("NGA", 30e6), ("MLI", 2e6), ("BFA", 1.5e6), ("NER", 1e6))])
    fig = charts.needs_by_country_figure(rows, "fr", title="t")
    end = fig.layout.xaxis.range[1]
    bars = dict(zip(row_names(fig), fig.data[0].x))
    assert end < 10e6 and bars["Niger"] / end > 0.2  # the others read
    assert bars["Nigeria"] < end and bars["Nigeria"] > bars["Mali"]  # still the longest, drawn inside the frame
    texts = dict(zip(row_names(fig), fig.data[0].text))
    assert texts["Nigeria"] == "30\u00a0M ▸"  # its value written in full
    assert fig.data[0].marker.pattern.shape[list(bars).index("Nigeria")] == "/"
    assert any("Barre coupée" in a for a in annotations(fig))
    even = charts.needs_by_country_figure(rows[rows["country_iso3"] != "NGA"], "fr", title="t")
    assert not any("Barre coupée" in a for a in annotations(even)) and even.layout.xaxis.range[1] == 2e6 * 1.22


def test_a_figure_without_country_is_region_or_several_countries():
    base = dict(unit="people", qualifier="exact", article_title="A", article_date="2024-01-01",
                when_key="2024-01-01", quote="q")
    rows = pd.DataFrame([dict(base, country_iso3=None, indicator="idps", value=2e6),
                         dict(base, country_iso3="MLI", indicator="idps", value=3e5)])
    fig = charts.indicators_by_country_figure(rows, "fr", title="t")
    assert list(fig.data[0].y) == ["Mali", "Région / plusieurs pays"]
    assert charts.country_label(None, "en") == "Region / several countries"
    assert "/" not in [charts.country_label(c, "fr") for c in (None, "", float("nan"))]


def test_other_indicators_are_small_multiples_each_with_its_own_scale(seed):
    base = dict(unit="people", qualifier="exact", article_title="A", article_date="2024-01-01",
                when_key="2024-01-01", quote="q")
    rows = pd.DataFrame([dict(base, country_iso3="BFA", indicator="idps", value=2e6),
                         dict(base, country_iso3="MLI", indicator="idps", value=1.2e6),
                         dict(base, country_iso3="MLI", indicator="returnees", value=5_000),
                         dict(base, country_iso3="NER", indicator="returnees", value=3_000)])
    fig = charts.indicators_by_country_figure(rows, "fr", title="Autres")
    assert [trace.name for trace in fig.data] == ["personnes déplacées internes", "retournés"] or len(fig.data) == 2
    assert fig.layout.xaxis.range[1] > 2e6 and fig.layout.xaxis2.range[1] < 10_000  # one scale per panel
    titles = [a.text for a in fig.layout.annotations]
    assert "personnes déplacées internes" in titles[0] and fig.layout.showlegend is False
    others = seed["figures"][seed["figures"]["indicator"].isin(charts.OTHER_PEOPLE_INDICATORS)]
    seeded = charts.indicators_by_country_figure(others, "fr", title="Autres")
    assert list(seeded.data[0].y) == ["Niger"] and list(seeded.data[0].x) == [300_000]
    assert "près de" in seeded.data[0].text[0]


def test_trends_one_line_per_source_kind_points_linked_to_their_passage():
    base = dict(unit="people", qualifier="exact", indicator="people_in_need", admin_level="0",
                population_group="people", article_source="Studio Tamani", article_title="Mali",
                article_date_precision="day", quote="q")
    rows = pd.DataFrame([
        dict(base, figure_id="a", article_id="art1", country_iso3="MLI", value=6.4e6, article_date="2025-10-09",
             source_kind="article", char_start=3, char_end=9),
        dict(base, figure_id="b", article_id="art2", country_iso3="MLI", value=7.1e6, reference_date="2024",
             reference_precision="year", article_date="2024-03-01", source_kind="article", char_start=1, char_end=4),
        dict(base, figure_id="c", article_id=None, country_iso3="MLI", value=7.1e6, reference_date="2024-01-01",
             reference_precision="day", reference_end_date="2024-12-31", source_kind="import",
             source_name="OCHA, Aperçu des besoins 2024"),
        dict(base, figure_id="d", article_id="art3", country_iso3="MLI", value=1.3e6, article_date="2025-10-09",
             source_kind="article", admin_level="1", admin1="Mopti"),  # a region: not a national trend
        dict(base, figure_id="e", article_id="art4", country_iso3="BFA", value=6.3e6, article_date="2024-06-01",
             source_kind="article", population_group="children"),  # children only: not the same measure
    ])
    from dashboard.briefing import sources_href

    points = charts.trend_points(rows, "people_in_need", "fr",
                                 href=lambda r: sources_href(r["article_id"], r.get("char_start"), r.get("char_end")))
    assert list(points["kind"]) == ["article", "import", "article"] and set(points["country_iso3"]) == {"MLI"}
    assert list(points["period"]) == ["2024", "2024", "9 oct. 2025"]
    fig = charts.trends_figure(points, "fr", title="Tendances")
    press = [tr for tr in fig.data if tr.name == "Presse (articles)"]
    official = [tr for tr in fig.data if tr.name == "Chiffres officiels (importés)"]
    assert len(press) == 1 and len(official) == 1  # one line per source kind
    assert list(press[0].customdata) == ["sources?article=art2&span=1-4", "sources?article=art1&span=3-9"]
    assert list(official[0].customdata) == [None]  # an imported figure has no passage
    assert list(press[0].y) == [7.1e6, 6.4e6] and press[0].x[0] == "2024-07-01"
    band = next(tr for tr in fig.data if tr.legendgroup == "import" and tr.mode == "lines")
    assert list(band.x[:2]) == ["2024-01-01", "2024-12-31"]  # the official figure spans its year
    assert "Cliquer : lire le passage" in press[0].hovertext[0]
    empty = charts.trends_figure(points.iloc[0:0], "en", title="Trends")
    assert any("No dated national figure" in a for a in annotations(empty))


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
    hover = " ".join(h for trace in figs[2].data for h in trace.hovertext)
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


@pytest.mark.parametrize("width", [1460, 714, 400])
def test_the_source_caption_is_wrapped_to_the_chart_width(seed, width):
    from dashboard.textfit import text_width

    fig = charts.needs_by_country_figure(views.needs_by_country(seed["figures"]), "fr", title="Besoins", width=width)
    caption = fig.layout.annotations[-1]
    lines = [html.unescape(line) for line in caption.text.split("<br>")]
    assert all(text_width(line, charts.SOURCE_SIZE) <= width - charts.MARGIN_L - charts.MARGIN_R for line in lines)
    assert (len(lines) > 1) == (width < 700)
    assert fig.layout.margin.b >= 36 + 15 * len(lines)  # the axis labels, then every caption line
    assert caption.yshift == -fig.layout.margin.b + 8
    assert caption.xshift == -(fig.layout.margin.l - charts.MARGIN_L)  # from the chart's left edge


def test_a_legend_gets_its_own_band_under_the_title(seed):
    fig = charts.timeline_figure(seed["events"], "fr", title="Chronologie", width=546)
    assert fig.layout.legend.yref == "container" and fig.layout.legend.yanchor == "top"
    assert fig.layout.title.yref == "container"
    band_top = (1 - fig.layout.legend.y) * fig.layout.height
    assert band_top == pytest.approx(charts.TITLE_BAND) and fig.layout.margin.t >= band_top + 24


def test_an_official_figure_stands_beside_the_press_figure():
    base = dict(unit="people", qualifier="exact", indicator="people_in_need", admin_level="0", label="personnes",
                when_key="2024-05-01", article_date="2024-05-01", article_source="Studio Tamani", article_title="Mali")
    rows = pd.DataFrame([
        dict(base, figure_id="p", country_iso3="MLI", value=6.4e6, source_kind="article"),
        dict(base, figure_id="o", country_iso3="MLI", value=7.1e6, source_kind="import",
             source_name="OCHA, Aperçu des besoins 2024", reference_date="2024-01-01", reference_precision="day",
             reference_end_date="2024-12-31"),
        dict(base, figure_id="b", country_iso3="BFA", value=6.3e6, source_kind="article")])
    fig = charts.needs_by_country_figure(views.needs_by_country(rows), "fr", title="t")
    bars, marks = fig.data
    assert list(bars.x) == [6.3e6, 6.4e6] and bars.name == "Presse (articles)"
    assert marks.name == "Chiffres officiels (importés)" and list(marks.x) == [7.1e6]
    assert row_names(fig, 1) == ["Mali"] and "Aperçu des besoins 2024, 2024" in marks.hovertext[0]
    assert fig.layout.showlegend and fig.layout.legend.yref == "container"  # in its band, under the title


def needs_chart_boxes(fig, width: int) -> dict[str, list[tuple[float, float, float, float]]]:
    """Pixel boxes (x0, y0, x1, y1; y down) of the people-in-need chart drawn at ``width``: the
    press bars, their value labels, the official diamonds and their value labels. Text widths
    are measured in DejaVu Sans (dashboard.textfit, wider than the app's face), text height
    taken as 1.2 × its size; a category axis (names as y) counts its rows from 0."""
    from dashboard.textfit import text_width

    m, height = fig.layout.margin, fig.layout.height
    x_end = fig.layout.xaxis.range[1]
    bars = fig.data[0]
    rows = list(bars.y)

    def row(y):
        return rows.index(y) if isinstance(y, str) else y

    y_lo, y_hi = fig.layout.yaxis.range or (-0.5, len(rows) - 0.5)

    def px(x):
        return m.l + x / x_end * (width - m.l - m.r)

    def py(y):
        return m.t + (y_hi - row(y)) / (y_hi - y_lo) * (height - m.t - m.b)

    def text_box(x0, y, text, size, side="right"):
        w = text_width(html.unescape(text), size)
        x0, x1 = (x0, x0 + w) if side == "right" else (x0 - w, x0)
        return (x0, py(y) - 0.6 * size, x1, py(y) + 0.6 * size)

    half_bar = (bars.width or 0.8) / 2 * (height - m.t - m.b) / (y_hi - y_lo)
    out = {"bars": [], "labels": [], "diamonds": [], "official_labels": []}
    for x, y, text in zip(bars.x, bars.y, bars.text):
        out["bars"].append((px(0), py(y) - half_bar, px(x), py(y) + half_bar))
        if text:
            out["labels"].append(text_box(px(x) + 3, y, text, bars.textfont.size))
    for trace in fig.data[1:]:
        r = (trace.marker.size + 3) / 2  # the diamond and its white outline
        positions = trace.textposition if isinstance(trace.textposition, tuple) else [trace.textposition] * len(trace.x)
        for x, y, text, pos in zip(trace.x, trace.y, trace.text or [""] * len(trace.x), positions):
            out["diamonds"].append((px(x) - r, py(y) - r, px(x) + r, py(y) + r))
            if text:
                side = "left" if pos and "left" in pos else "right"
                out["official_labels"].append(text_box(px(x) + (r + 2) * (1 if side == "right" else -1), y, text,
                                                       trace.textfont.size, side))
    return out


def intersect(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def official_beside_press(n: int, seed: int) -> pd.DataFrame:
    """``n`` countries of the region, a press figure each and, for most, an official one placed
    where a diamond is most in the way: on the press value label, just past it, far beyond the
    scale (drawn at its end), inside the bar."""
    import random

    rng = random.Random(seed)
    iso3 = ["MLI", "BFA", "NER", "TCD", "NGA", "CMR", "MRT", "SEN", "TGO", "BEN", "GHA", "CIV", "GIN", "CAF", "COD"]
    base = dict(unit="people", qualifier="exact", indicator="people_in_need", admin_level="0", label="personnes",
                article_date="2024-05-01", article_source="Studio Tamani", article_title="Besoins")
    rows = []
    for k, country in enumerate(iso3[:n]):
        press = rng.choice([4e5, 1.3e6, 2.4e6, 3.1e6, 6.4e6, 7.7e6])
        when = f"2024-05-{k + 1:02d}"
        rows.append(dict(base, figure_id=f"p{k}", country_iso3=country, value=press, source_kind="article",
                         when_key=when))
        factor = [1.04, 1.12, 1.25, 40.0, 0.5, None][k % 6]
        if factor:
            rows.append(dict(base, figure_id=f"o{k}", country_iso3=country, value=press * factor,
                             source_kind="import", source_name="OCHA, Aperçu des besoins 2024", when_key=when,
                             reference_date="2024-01-01", reference_precision="day", reference_end_date="2024-12-31"))
    return pd.DataFrame(rows)


@pytest.mark.parametrize("width", [1460, 714])
@pytest.mark.parametrize("n, seed", [(3, 1), (6, 2), (15, 3)])
def test_official_diamonds_never_sit_on_a_value_label(n, seed, width):
    fig = charts.needs_by_country_figure(views.needs_by_country(official_beside_press(n, seed)), "fr", title="t",
                                         width=width)
    boxes = needs_chart_boxes(fig, width)
    assert len(boxes["labels"]) == n and len(boxes["diamonds"]) >= n * 2 // 3
    for diamond in boxes["diamonds"]:
        assert not any(intersect(diamond, label) for label in boxes["labels"] + boxes["official_labels"]), diamond
        assert not any(intersect(diamond, bar) for bar in boxes["bars"]), diamond
    for official in boxes["official_labels"]:
        assert not any(intersect(official, label) for label in boxes["labels"]), official
        assert fig.layout.margin.l <= official[0] and official[2] <= width  # within the chart
    assert len(boxes["official_labels"]) == len(boxes["diamonds"])  # each official figure's value written


def test_the_needs_chart_holds_countries_of_the_region_only():
    base = dict(unit="people", qualifier="exact", indicator="people_in_need", admin_level="0", label="personnes",
                article_title="A", article_date="2024-01-01", when_key="2024-01-01", source_kind="article")
    rows = pd.DataFrame([dict(base, figure_id="m", country_iso3="MLI", value=6.4e6),
                         dict(base, figure_id="d", country_iso3="DEU", value=2.5e6),  # a donor named by the press
                         dict(base, figure_id="r", country_iso3=None, value=9e6)])    # the region: no country row
    needs = views.needs_by_country(rows)
    assert list(needs["country_iso3"]) == ["MLI"]
    assert row_names(charts.needs_by_country_figure(needs, "fr", title="t")) == ["Mali"]
    assert set(views.in_region(rows)["figure_id"]) == {"m", "r"}  # the other-people chart keeps the region's row
