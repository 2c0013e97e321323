"""Charts first shown as their picture (dashboard.static_charts): drawn by kaleido in Debian
Chromium in the background, kept per figure and size, shown as an inert <img> that plotly.js
replaces when a user points at the chart (dashboard.html.plotly_parts)."""
from __future__ import annotations

import base64
import json
import re

import plotly.graph_objects as go
import plotly.io as pio
import pytest
from conftest import skip_or_fail
from dashboard_fixtures import XSS, html_bodies

from dashboard import charts, static_charts
from dashboard import html as H
from dashboard.kaleido_export import find_chromium

CONFIG = charts.slide_config("besoins_par_pays")


def pictures(body: str) -> list[str]:
    """The SVG documents of a page's chart pictures."""
    return [base64.b64decode(data).decode("utf-8")
            for data in re.findall(r'<img class="pb-static"[^>]* src="data:image/svg\+xml;base64,([^"]+)"', body)]


def figure_json(title: str = "Personnes dans le besoin") -> str:
    fig = go.Figure(go.Bar(x=[4_800_000, 8_400_000], y=["Mali", "Burkina Faso"], orientation="h"))
    fig.update_layout(title=dict(text=f"<b>{charts.ptext(title)}</b>"), height=320)
    return pio.to_json(fig, validate=False)


@pytest.fixture
def kaleido_chromium(monkeypatch):
    if find_chromium() is None:
        skip_or_fail("Chromium missing: kaleido cannot draw pictures")
    monkeypatch.delenv(static_charts.ENV, raising=False)
    static_charts.clear()
    yield
    static_charts.clear()


def test_a_chart_with_its_picture_shows_an_inert_image_over_the_live_chart_box():
    svg = '<svg class="main-svg" xmlns="http://www.w3.org/2000/svg" width="700" height="320"></svg>'
    out = H.as_html(H.plotly_parts(figure_json(), CONFIG, "chart-need", 320, picture=svg, alt=f"Besoins {XSS}"))
    img = re.search(r'<img class="pb-static" alt="([^"]*)" src="data:image/svg\+xml;base64,([^"]+)">', out)
    assert img and base64.b64decode(img.group(2)).decode() == svg
    assert "<script" not in img.group(1) and "&lt;script&gt;" in img.group(1)  # the alt text is escaped
    assert '<div id="chart-need" class="pb-chart" style="width:100%;height:320px" tabindex="0"><img' in out
    assert "<svg" not in out  # the picture travels encoded, never as markup of the page
    spec = re.search(r'<script type="application/json" id="chart-need-spec">(.*?)</script>', out).group(1)
    assert json.loads(spec)["layout"]["height"] == 320  # the live chart's figure is there for plotly.js
    from dashboard import components

    assert "pointerenter" in components.source("chart") and "focusin" in components.source("chart")


def test_a_chart_without_picture_is_drawn_live_at_once():
    out = H.as_html(H.plotly_parts(figure_json(), CONFIG, "chart-need", 320))
    assert "pb-static" not in out.split("<script")[0] and "tabindex" not in out.split("<script")[0]
    assert '<div id="chart-need" class="pb-chart" style="width:100%;height:320px"></div>' in out


def test_the_picture_is_drawn_in_the_background_once_per_figure_and_size(kaleido_chromium):
    spec = figure_json(f"Alerte {XSS}")
    assert static_charts.picture(spec, 700, 320) is None  # not drawn yet: the page draws live
    assert static_charts.picture(spec, 700, 320) is None  # asked again: still one job
    static_charts.wait()
    svg = static_charts.picture(spec, 700, 320)
    assert svg.startswith("<svg") and 'width="700"' in svg and 'height="320"' in svg
    assert "Burkina Faso" in svg and "<script" not in svg and "<img" not in svg
    assert re.search(r"&(#60|lt);script&(#62|gt);window.__xss", svg)  # the hostile title, as text
    assert static_charts.picture(spec, 860, 320) is None  # another size, another picture
    assert static_charts.picture(spec, 700, 320, schedule=False) == svg


def test_no_picture_when_turned_off_or_when_drawing_fails(kaleido_chromium, monkeypatch, caplog):
    monkeypatch.setenv(static_charts.ENV, "0")
    assert not static_charts.enabled()
    assert static_charts.picture(figure_json(), 700, 320) is None
    static_charts.wait()
    assert static_charts.picture(figure_json(), 700, 320, schedule=False) is None  # nothing was drawn
    monkeypatch.delenv(static_charts.ENV)
    assert static_charts.picture("{not json", 700, 320) is None
    static_charts.wait()
    assert static_charts.picture("{not json", 700, 320) is None  # failed once: not tried on every rerun
    assert static_charts._pending == {} and "static chart 700×320 not drawn" in caplog.text


def test_pictures_kept_are_bounded(kaleido_chromium, monkeypatch):
    monkeypatch.setattr(static_charts, "MAX_PICTURES", 1)
    first, second = figure_json("Premier"), figure_json("Second")
    static_charts.picture(first, 400, 320)
    static_charts.picture(second, 400, 320)
    static_charts.wait()
    assert static_charts.picture(second, 400, 320, schedule=False) is not None
    assert static_charts.picture(first, 400, 320, schedule=False) is None  # the older one made room


def test_the_needs_page_shows_the_picture_drawn_for_its_chart_box(kaleido_chromium, tmp_path, monkeypatch):
    import streamlit as st
    from conftest import ROOT
    from dashboard_fixtures import write_tables
    from streamlit.testing.v1 import AppTest

    from dashboard import ui

    monkeypatch.setenv("SAHEL_TABLES_DIR", str(write_tables(tmp_path / "tables")))
    monkeypatch.setenv("SAHEL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tracker.sqlite'}")
    st.cache_data.clear()

    def needs_page(**query) -> str:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        at.switch_page("app_pages/needs.py").run()
        assert not at.exception
        return "\n".join(html_bodies(at))

    assert "img class=\"pb-static\"" not in needs_page()  # first time: live, the picture is being drawn
    static_charts.wait()
    body = needs_page()
    # the trends chart is always there; the needs chart shares the width when a chart of other counts sits beside it
    normal, presentation = ui.HALF_WIDTH if body.count('class="pb-chart"') == 3 else ui.FULL_WIDTH
    assert '<img class="pb-static" alt="Personnes dans le besoin par pays"' in body
    assert f'width="{normal}"' in pictures(body)[0]  # drawn for the chart's box at 1920×1080
    assert "<img class=\"pb-static\"" not in needs_page(present="1")  # presentation mode: a wider box, another picture
    static_charts.wait()
    assert f'width="{presentation}"' in pictures(needs_page(present="1"))[0]
    st.cache_data.clear()
