"""The dashboard at realistic scale (at least 150 articles through the real ETL, official
figures imported beside them: tests/scale_corpus.py) and at seed scale, in Debian Chromium,
in French and in English: every page draws with no exception and no console error, no label
of any map overlaps another or a marker (measured as Chromium draws the text), charts keep
their legend off their title and their source lines inside the chart, and sources are never
file names. A screenshot of every page at scale, 1920 pixels wide and as tall as the whole
page, is kept in artifacts/screenshots/scale/<lang>/ (git-ignored), with the Carte page's
live map as map_live.png."""
from __future__ import annotations

import base64
import re

import pytest
import tables_backend
from conftest import ROOT, skip_or_fail
from harness import (
    CHART_FIT_JS,
    PAGES,
    Guard,
    chromium_available,
    live_map_canvas,
    map_label_problems,
    new_context,
    one_browser,
    page_url,
    serve_app,
    wait_drawn,
    whole_page_screenshot,
)

from presentation.i18n import t

pytestmark = pytest.mark.browser
SCREENSHOTS = ROOT / "artifacts" / "screenshots" / "scale"
FILE_NAME = re.compile(r"\b[0-9a-z_]+_[0-9a-f]{16}\.txt\b|\ba_\d+_[a-z0-9-]+\.txt\b")
# The cells of the Sources list's « Fichier » column: the one place that names an article's
# file on purpose (a register of the articles), never as its source; left out of the check.
FILE_CELLS_JS = """
(names) => {
  const cells = [];
  for (const table of document.querySelectorAll('[data-testid="stMain"] table')) {
    const heads = Array.from(table.querySelectorAll('thead th'));
    const at = heads.findIndex(th => names.includes(th.innerText.trim()));
    if (at < 0) continue;
    for (const row of table.querySelectorAll('tbody tr')) if (row.children[at]) cells.push(row.children[at].innerText);
  }
  return cells;
}
"""


@pytest.fixture(scope="module")
def chromium():
    if not chromium_available():
        skip_or_fail("Playwright or /usr/bin/chromium missing")


@pytest.fixture(scope="module")
def browser(chromium):
    with one_browser() as instance:
        yield instance


def serve(tables, tmp_path_factory):
    return serve_app(tables, tmp_path_factory.mktemp("data"), static_charts=False)


def map_picture(page) -> str:
    """The Carte page's picture (an <img> of dashboard.maps.map_svg), as SVG markup."""
    src = page.locator(".pb-map img.pb-static").first.get_attribute("src")
    return base64.b64decode(src.split(",", 1)[1]).decode("utf-8")


def check_pages(base, browser, lang: str, *, screenshots: bool) -> dict:
    """Every page in ``lang``; the maps' label measurements and the charts' fit, per page."""
    context = new_context(browser)
    guard = Guard().attach(context)
    page = context.new_page()
    found: dict = {"maps": {}, "charts": []}
    query = "lang=en" if lang == "en" else ""
    held = []  # deck.gl's bundle waits until the map's picture is read, then draws the live map
    page.route("**/app/static/deckgl.min.js", lambda route: held.append(route))
    for name in PAGES:
        page.goto(page_url(base, name, query))
        wait_drawn(page, timeout_ms=120_000)
        errors = page.locator('[data-testid="stException"]')
        assert errors.count() == 0, f"{name} ({lang}): {errors.first.inner_text()[:3000]}"
        main = page.locator('[data-testid="stMain"]').inner_text()
        for cell in page.evaluate(FILE_CELLS_JS, [t("col.file", "fr"), t("col.file", "en")]):
            main = main.replace(cell, "") if cell.strip() else main
        assert not FILE_NAME.search(main), f"{name} ({lang}) names a file: {FILE_NAME.search(main).group(0)}"
        for chart in page.evaluate(CHART_FIT_JS):
            assert chart["problems"] == [], chart
            found["charts"].append(chart["name"])
        if name == "overview":
            found["maps"]["overview"] = map_label_problems(page, selector=".svg-map svg")
        if screenshots:
            found.setdefault("shots", {})[name] = whole_page_screenshot(page, SCREENSHOTS / lang / f"{name}.png")
        if name == "map":
            picture = map_picture(page)
            page.wait_for_timeout(1_500)  # the page is idle: deck.gl was asked for
            for route in held:
                route.continue_()
            page.unroute("**/app/static/deckgl.min.js")
            live_map_canvas(page, timeout_ms=120_000)  # deck.gl draws the same spec live
            assert page.locator('[data-testid="stException"]').count() == 0
            if screenshots:
                page.screenshot(path=str(SCREENSHOTS / lang / "map_live.png"))
            found["maps"]["map"] = map_label_problems(context.new_page(), picture)
            found["map_notes"] = page.locator(".map-notes").inner_text()
    assert guard.problems() == [], guard.problems()
    context.close()
    return found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_at_scale_draws_and_no_map_label_overlaps(browser, scale_corpus, tmp_path_factory, lang):
    with serve(scale_corpus.tables, tmp_path_factory) as base:
        found = check_pages(base, browser, lang, screenshots=True)
    for where, measured in found["maps"].items():
        assert measured["problems"] == [], (where, measured["problems"])
        assert measured["labels"] >= 5 and measured["markers"] >= 20, (where, measured)  # a map at scale
    assert len(found["charts"]) >= 5  # Besoins (3), Chronologie, Acteurs
    official = "chiffres officiels importés" if lang == "fr" else "imported official figures"
    assert official in found["map_notes"]  # the caption names the kinds of sources shown
    for name in PAGES:  # every page, whole: Besoins and Sources run well below the first screen
        assert (SCREENSHOTS / lang / f"{name}.png").stat().st_size > 50_000
    assert set(found["shots"]) == set(PAGES)
    assert found["shots"]["needs"][1] > 1080, found["shots"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_at_seed_scale_and_its_maps(browser, seed_scale_tables, tmp_path_factory, lang):
    with serve(seed_scale_tables, tmp_path_factory) as base:
        found = check_pages(base, browser, lang, screenshots=False)
    for where, measured in found["maps"].items():
        assert measured["problems"] == [], (where, measured["problems"])
        assert measured["labels"] >= 2, (where, measured)


def test_a_trend_point_opens_its_passage(browser, scale_corpus, tmp_path_factory):
    """Besoins: clicking a press point of the trends chart opens its passage in the Sources viewer."""
    figures = tables_backend.read_csv(scale_corpus.tables, "figures")
    national = figures[(figures["indicator"] == "people_in_need") & figures["value"].notna()
                       & figures["country_iso3"].notna()]
    assert len(national) >= 3
    with serve(scale_corpus.tables, tmp_path_factory) as base:
        context = new_context(browser)
        guard = Guard().attach(context)
        page = context.new_page()
        page.goto(page_url(base, "needs"))
        wait_drawn(page, timeout_ms=120_000)
        chart = page.locator("#chart-chart_trends")
        chart.scroll_into_view_if_needed()
        point = chart.locator(".scatterlayer .trace .points path").first
        point.wait_for(timeout=30_000)
        box = point.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(300)
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_url("**/sources?**", timeout=30_000)
        assert "article=" in page.url and "span=" in page.url
        wait_drawn(page, timeout_ms=120_000)
        assert page.locator(".article-view a.sp-focus").count() >= 1
        assert guard.problems() == []
        context.close()


def test_briefing_pack_at_scale_renders_and_its_map_labels_stay_apart(browser, scale_corpus, tmp_path):
    """The pack built from the scale corpus: its PDF rendered to PNG pages (kept in
    artifacts/briefing/scale_fr_pages/), its map picture a real PNG of the map laid out by
    dashboard.maps, whose labels, drawn by Chromium, overlap neither each other nor a marker."""
    import io
    import shutil
    import subprocess
    from datetime import date

    from dashboard_fixtures import read_tables, views_of
    from PIL import Image
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from dashboard import briefing_pack
    from etl import places
    from tracker import db

    if not (shutil.which("pdftoppm")):
        skip_or_fail("pdftoppm not found (apt-get install poppler-utils)")
    tables = read_tables(scale_corpus.tables)
    seen = views_of(tables)
    url = f"sqlite:///{tmp_path / 'tracker.sqlite'}"
    db.upgrade(url)
    pack = briefing_pack.build_briefing(
        {"figures": seen["figures"], "decisions": seen["decisions"], "events": seen["events"],
         "articles": tables["articles"], "places": tables["places"]},
        lang="fr", today=date(2026, 12, 1), countries=places.load_country_layer(), engine=db.make_engine(url))
    deck = Presentation(io.BytesIO(pack.pptx))
    picture = next(shape for slide in deck.slides for shape in slide.shapes
                   if shape.shape_type == MSO_SHAPE_TYPE.PICTURE and shape.name == "needs_map")
    width, height = (int(v) for v in re.search(r'width="(\d+)" height="(\d+)"', pack.map_svg).groups())
    with Image.open(io.BytesIO(picture.image.blob)) as img:
        assert img.size == (3 * width, 3 * height)  # the SVG drawn at 3× for the slide
    context = new_context(browser)
    measured = map_label_problems(context.new_page(), pack.map_svg)
    context.close()
    assert measured["problems"] == [] and measured["labels"] >= 5 and measured["markers"] >= 20, measured
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(pack.pdf)
    subprocess.run(["pdftoppm", "-r", "110", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=300)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(pack.slides) >= 6
    out = ROOT / "artifacts" / "briefing" / "scale_fr_pages"
    out.mkdir(parents=True, exist_ok=True)
    for page in pages:
        shutil.copy(page, out / page.name)
    with Image.open(pages[1]) as img:  # the map slide: the map is drawn, not blank
        colours = img.convert("RGB").getcolors(img.width * img.height)
        assert len(colours) > 200
