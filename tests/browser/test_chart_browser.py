"""The chart's script (dashboard/components/chart.js) in Debian Chromium: a chart first shown as its
picture goes live when a user points at it, also when the pointer was already resting on the
picture before the script ran (the picture is drawn with the page, the component's module comes
after it, so no pointer event follows)."""
from __future__ import annotations

import plotly.graph_objects as go
import pytest
from conftest import ROOT
from harness import (
    browser_fixture,  # noqa: F401  (the module's "browser" fixture)
    new_context,
)

from dashboard import components
from dashboard import html as H

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"><rect width="600" height="300" fill="#ddd"/></svg>'


@pytest.mark.parametrize("before_script", ["pointer", "focus", "nothing"])
def test_a_chart_shown_as_its_picture_goes_live_when_pointed_at(browser, before_script):
    spec = go.Figure(go.Bar(x=["Mali", "Niger"], y=[3, 4])).to_json()
    data = H.plotly_parts(spec, {}, "chart-t", 300, picture=SVG, alt="chiffres")
    markup, data = data["html"], {**data, "html": ""}  # the picture drawn apart, as dashboard.ui.plot does
    context = new_context(browser)
    # the shipped plotly.js, from the app's static folder, as the served page gets it
    context.route("**/app/static/plotly-basic.min.js", lambda route: route.fulfill(
        path=str(ROOT / "static" / "plotly-basic.min.js"), content_type="text/javascript"))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.route("http://app.test/", lambda route: route.fulfill(
        body=f"<!doctype html><html><body style='margin:0'><div id=host>{markup}</div></body></html>",
        content_type="text/html"))
    page.goto("http://app.test/")
    chart = page.locator(".pb-chart")
    if before_script == "pointer":
        chart.hover()
    elif before_script == "focus":
        chart.focus()
    page.evaluate("""async ([source, data]) => {
        const url = URL.createObjectURL(new Blob([source], {type: 'text/javascript'}));
        const module = await import(url);
        module.default({data, parentElement: document.getElementById('host')});
    }""", [components.source("chart"), data])
    if before_script == "nothing":
        page.wait_for_timeout(300)
        assert chart.locator("img.pb-static").count() == 1  # no one pointed: still the picture
        chart.hover()
    chart.locator(".main-svg .infolayer").first.wait_for(state="attached", timeout=30_000)  # drawn live
    assert chart.locator("img.pb-static").count() == 0
    assert errors == []
    context.close()
