"""The dashboard in Debian Chromium, on tables the ETL builds from the seed articles:
every page draws fully with no console error and no request leaving 127.0.0.1 (a
1920×1080 screenshot of each is saved to artifacts/screenshots/), and an article whose
title, quotes and decisions hold <script> and <img onerror> shows them as text everywhere,
pydeck tooltips included, without running them."""
from __future__ import annotations

import shutil

import pytest
import tables_backend
from conftest import ROOT, skip_or_fail
from harness import (
    PAGES,
    Guard,
    build_tables,
    chromium_available,
    live_map_canvas,
    map_tooltip,
    new_context,
    one_browser,
    page_url,
    serve_app,
    wait_drawn,
)

from presentation.i18n import t

pytestmark = pytest.mark.browser
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
PAYLOAD_SCRIPT = "<script>window.__xss=1</script>"
PAYLOAD_IMG = '<img src=x onerror="window.__xss=1">'
HOSTILE_ARTICLE = f"""Alerte {PAYLOAD_SCRIPT} au Mali {PAYLOAD_IMG}

Le Mali compte 2,5 millions de personnes dans le besoin {PAYLOAD_IMG}, selon OCHA.

Le 3 mai 2024, le ministre {PAYLOAD_SCRIPT} Moussa Diarra a lancé à Bamako un plan de réponse. Le gouvernement \
s'est engagé à financer <b>les écoles</b> {PAYLOAD_IMG} avant la fin de l'année. [lien](https://example.org/x) \
![image](https://example.org/i.png)
"""
# shipped plotly.js (live, or its picture: dashboard.static_charts), or Streamlit's
CHART = '.pb-chart .main-svg, .pb-chart img.pb-static, [data-testid="stPlotlyChart"] .main-svg'
# what each page must show once drawn (beyond the checks in harness.DRAWN_JS)
EXPECTED = {
    "overview": ['.kf-card', '.svg-map svg path.needs-country', '.svg-map svg circle.marker.events', '.brief-list li'],
    "map": ['.pb-map img.pb-static, .pb-map canvas', '.map-legend'],  # its picture, until deck.gl draws it live
    "needs": [CHART, '.ht tbody tr'],
    "decisions": ['[data-testid="stMain"] h1, .page-head'],
    "timeline": [CHART, '.ht tbody tr'],
    "actors": [CHART, '.ht tbody tr'],
    "sources": ['.article-view a.sp', '.rows-list .row', '.ht tbody tr'],
}


@pytest.fixture(scope="module")
def chromium():
    if not chromium_available():
        skip_or_fail("Playwright or /usr/bin/chromium missing")


@pytest.fixture(scope="module")
def seed_tables(tmp_path_factory, chromium):
    return build_tables(ROOT / "data" / "articles", tmp_path_factory.mktemp("seed") / "tables")


@pytest.fixture(scope="module")
def hostile_tables(tmp_path_factory, chromium):
    articles = tmp_path_factory.mktemp("hostile_articles")
    for path in (ROOT / "data" / "articles").iterdir():
        if path.is_file():
            shutil.copy(path, articles / path.name)
    (articles / "alerte.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    return build_tables(articles, tmp_path_factory.mktemp("hostile") / "tables")


@pytest.fixture(scope="module")
def browser(chromium):
    with one_browser() as instance:
        yield instance


def serve(tables, tmp_path_factory):
    return serve_app(tables, tmp_path_factory.mktemp("data"), static_charts=True)  # as served: charts get pictures


def test_every_page_draws_offline_without_errors(seed_tables, browser, tmp_path_factory):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with serve(seed_tables, tmp_path_factory) as base:
        context = new_context(browser)
        guard = Guard().attach(context)
        page = context.new_page()
        for name in PAGES:
            page.goto(page_url(base, name))  # a shared link opened on its own
            wait_drawn(page)
            for selector in EXPECTED[name]:
                assert page.locator(selector).count() > 0, f"{name}: nothing matches {selector}"
            assert page.locator('[data-testid="stException"]').count() == 0, name
            assert page.locator('[data-testid="stSidebarNav"]').inner_text().count("\n") >= 6, name
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
        assert guard.problems() == []
        context.close()


def test_english_and_presentation_mode(seed_tables, browser, tmp_path_factory):
    with serve(seed_tables, tmp_path_factory) as base:
        context = new_context(browser)
        guard = Guard().attach(context)
        page = context.new_page()
        page.goto(page_url(base, "needs", "lang=en"))
        wait_drawn(page)
        assert page.locator(".page-title").inner_text() == "Needs"
        assert "People in need by country" in page.locator(".pb-chart, [data-testid=\"stPlotlyChart\"]").first.text_content()
        assert "Vue d'ensemble" not in page.locator('[data-testid="stSidebarNav"]').inner_text()
        page.goto(page_url(base, "overview", "present=1"))
        wait_drawn(page)
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        assert not page.locator('header[data-testid="stHeader"]').is_visible()
        assert page.locator(".kf-card").count() >= 3
        page.screenshot(path=str(SCREENSHOTS / "overview_presentation.png"))
        assert guard.problems() == []
        context.close()


def test_sources_link_focuses_the_span(seed_tables, browser, tmp_path_factory):

    figures = tables_backend.read_csv(seed_tables, "figures")
    row = figures.dropna(subset=["char_start"]).iloc[0]
    span = f"{int(row.char_start)}-{int(row.char_end)}"
    with serve(seed_tables, tmp_path_factory) as base:
        context = new_context(browser)
        page = context.new_page()
        page.goto(page_url(base, "sources", f"article={row.article_id}&span={span}"))
        wait_drawn(page)
        focus = page.locator(".article-view a.sp-focus").first
        assert focus.inner_text() in row.quote
        page.wait_for_timeout(600)  # the page scrolls the span into view
        box, view = focus.bounding_box(), page.locator(".st-key-article_view").bounding_box()
        assert view["y"] <= box["y"] <= view["y"] + view["height"]
        # row → span and span → row links point at each other
        href = focus.get_attribute("href")
        assert href.startswith("#row-figure-") and page.locator(href).count() == 1
        assert page.locator(href).locator(f'a[href="#span-{span}"]').count() == 1
        context.close()


def test_markup_in_articles_is_shown_as_text_and_never_runs(hostile_tables, browser, tmp_path_factory):
    with serve(hostile_tables, tmp_path_factory) as base:
        context = new_context(browser)
        context.add_init_script("window.__xss = 0;")
        guard = Guard().attach(context)
        bad_requests = []
        context.on("request", lambda r: bad_requests.append(r.url) if r.url.rstrip("/").endswith("/x") else None)
        page = context.new_page()

        def check(where: str):
            assert page.evaluate("window.__xss") == 0, f"script ran on {where}"
            # the title as the ETL cleans it (Markdown's __ dropped, etl.titles) carries window.xss=1
            assert page.evaluate("typeof window.xss") == "undefined", f"script ran on {where}"
            assert page.locator('img[src="x"]').count() == 0, f"<img> injected on {where}"
            # executable scripts never carry article text; chart data (type application/json, never
            # run) carries it with < and > escaped, so it cannot close its element
            assert page.locator('[data-testid="stMain"] script:not([type="application/json"])').evaluate_all(
                "els => els.filter(e => e.textContent.includes('xss=')).length") == 0, where
            assert page.locator('script[type="application/json"]').evaluate_all(
                "els => els.filter(e => e.textContent.includes('<')).length") == 0, where

        for name in PAGES:
            page.goto(page_url(base, name))
            wait_drawn(page)
            check(name)
        # the hostile article in the viewer: its title and quotes are there, as text
        page.goto(page_url(base, "sources", "article=alerte"))
        wait_drawn(page)
        check("sources viewer")
        viewer = page.locator(".article-view").inner_text()
        assert PAYLOAD_SCRIPT in viewer and PAYLOAD_IMG in viewer and "<b>les écoles</b>" in viewer
        listed = page.locator(".ht").first.inner_text()  # the articles table shows the title as text
        title = tables_backend.read_csv(hostile_tables, "articles").set_index("article_id").at["alerte", "title"]
        assert "<script>" in title and "<img src=x" in title  # the headline, cleaned by etl.titles, keeps its markup
        assert title in listed
        assert "![image](https://example.org/i.png)" in viewer  # Markdown is not rendered either
        # the overview lists the hostile decision as text
        page.goto(page_url(base, "overview", "articles=alerte"))
        wait_drawn(page)
        check("overview filtered")
        assert PAYLOAD_IMG in page.locator(".brief-list").last.inner_text()
        # pydeck tooltip over Mali, whose only figure (this filter) comes from the hostile article
        page.goto(page_url(base, "map", "articles=alerte&countries=MLI"))
        wait_drawn(page)
        text = map_tooltip(page, "Mali")
        assert "Mali" in text and PAYLOAD_IMG in text, text
        assert page.locator(".deck-tooltip").first.locator("img, script, b").count() == 0
        check("map tooltip")
        assert bad_requests == []
        assert guard.problems() == []
        context.close()


def test_tables_sort_filter_and_link_to_passages_and_mentions(seed_tables, browser, tmp_path_factory):
    """Besoins: sort by a header, search; a row's passage link opens the Sources viewer with its
    span highlighted. Acteurs: a row's link opens the actor's mentions."""
    with serve(seed_tables, tmp_path_factory) as base:
        context = new_context(browser)
        guard = Guard().attach(context)
        page = context.new_page()
        page.goto(page_url(base, "needs"))
        wait_drawn(page)
        table = page.locator(".ht").first
        headers = table.locator("thead th").all_inner_texts()
        value_col = headers.index("Valeur")

        def values():
            cells = table.locator(f"tbody tr td:nth-child({value_col + 1})")
            return [float(v) if v else None for v in cells.evaluate_all("els => els.map(e => e.dataset.v || '')")]

        table.locator("thead th").nth(value_col).locator("button").click()
        ascending = [v for v in values() if v is not None]
        assert len(ascending) >= 2 and ascending == sorted(ascending)
        assert values()[-1] is None or None not in values()  # blanks last
        table.locator("thead th").nth(value_col).locator("button").click()
        descending = [v for v in values() if v is not None]
        assert descending == sorted(descending, reverse=True)
        assert table.locator("thead th").nth(value_col).get_attribute("aria-sort") == "descending"
        total = table.locator("tbody tr").count()
        page.locator(".ht-search").first.fill("burkina")  # case and accents ignored
        shown = table.locator("tbody tr")
        assert 0 < shown.count() < total
        assert all("Burkina" in row for row in shown.all_inner_texts())
        assert page.locator(".ht-count").first.inner_text() == t("table.count", "fr", n=shown.count(), total=total)
        page.locator(".ht-search").first.fill("")
        assert table.locator("tbody tr").count() == total
        # a hidden tab's table comes when the tab is opened (a rerun), and the first one comes back
        tabs = page.get_by_role("tab")
        assert tabs.count() >= 2 and page.locator(".ht").count() == 1
        indicator_col = headers.index("Indicateur") + 1
        tabs.last.click()
        other = page.locator('[role="tabpanel"]:visible .ht tbody tr')
        other.first.wait_for(timeout=30_000)
        assert "personnes dans le besoin" not in other.locator(f"td:nth-child({indicator_col})").all_inner_texts()
        tabs.first.click()
        page.locator('[role="tabpanel"]:visible .ht tbody tr').first.wait_for(timeout=30_000)
        wait_drawn(page)
        assert page.locator(".ht tbody tr").count() == total
        link = page.locator(".ht tbody tr").first.locator('a[href^="sources?"]')
        assert link.inner_text() == "↗ passage"
        link.click()
        page.wait_for_url("**/sources?**")
        assert "article=" in page.url and "span=" in page.url
        wait_drawn(page)
        assert page.locator(".article-view a.sp-focus").count() >= 1
        # the Acteurs table links each actor to their mentions
        page.goto(page_url(base, "actors"))
        wait_drawn(page)
        first = page.locator(".ht tbody tr").first
        name = first.locator("td").first.inner_text()
        first.locator('a[href^="actors?actor="]').click()
        page.wait_for_url("**/actors?actor=**")
        wait_drawn(page)
        assert page.get_by_text(f"Mentions de {name}").count() == 1
        assert page.locator('.brief-list a[href^="sources?article="]').count() >= 1
        assert guard.problems() == []
        context.close()


def test_charts_shown_as_their_picture_then_live_on_pointing(hostile_tables, browser, tmp_path_factory):
    """A chart seen before is first shown as its picture, drawn on the server (an inert <img>),
    then drawn live by plotly.js, with its image button, as soon as a user points at it."""
    with serve(hostile_tables, tmp_path_factory) as base:
        context = new_context(browser)
        context.add_init_script("window.__xss = 0;")
        guard = Guard().attach(context)
        page = context.new_page()
        url = page_url(base, "needs", "articles=alerte")  # the hostile article's figure in the chart
        page.goto(url)
        wait_drawn(page)
        assert page.locator(".pb-chart .main-svg").count() > 0  # first time: drawn live
        for _ in range(60):  # the server draws the picture in the background
            page.wait_for_timeout(500)
            page.goto(url)
            wait_drawn(page)
            if page.locator(".pb-chart img.pb-static").count():
                break
        chart = page.locator(".pb-chart").first
        picture = chart.locator("img.pb-static")
        assert picture.count() == 1 and chart.locator(".main-svg").count() == 0, "no picture after 30 s"
        assert picture.get_attribute("src").startswith("data:image/svg+xml;base64,")
        assert picture.evaluate("img => img.complete && img.naturalWidth") > 0
        assert "Personnes dans le besoin" in picture.get_attribute("alt")
        assert chart.get_attribute("tabindex") == "0"  # a keyboard user can bring the live chart too
        assert page.evaluate("window.__xss") == 0
        chart.hover()
        chart.locator(".main-svg .plot, .main-svg .infolayer").first.wait_for(timeout=30_000)  # this chart, live
        assert chart.locator("img.pb-static").count() == 0
        assert page.locator(".pb-chart img.pb-static").count() >= 1  # the others stay pictures until pointed at
        chart.hover()
        assert chart.locator('.modebar-btn[data-title="Download plot as a PNG"]').count() == 1
        assert page.evaluate("window.__xss") == 0
        assert guard.problems() == []
        context.close()


def test_map_shown_as_its_picture_then_live_with_text_tooltips(hostile_tables, browser, tmp_path_factory):
    """Carte: the map is on screen as its picture (an inert <img>) before deck.gl's bundle has
    loaded; deck.gl then draws it live on its own, and its tooltips show article text as text."""
    with serve(hostile_tables, tmp_path_factory) as base:
        context = new_context(browser)
        context.add_init_script("window.__xss = 0;")
        guard = Guard().attach(context)
        page = context.new_page()
        held = []
        page.route("**/app/static/deckgl.min.js", lambda route: held.append(route))  # deck.gl waits until released
        page.goto(page_url(base, "map", "articles=alerte&countries=MLI"))
        wait_drawn(page)
        picture = page.locator(".pb-map img.pb-static")
        assert picture.count() == 1 and picture.evaluate("img => img.complete && img.naturalWidth") > 0
        assert picture.get_attribute("src").startswith("data:image/svg+xml;base64,")
        assert page.locator(".pb-map canvas").count() == 0
        page.wait_for_timeout(1_500)  # the page is idle: deck.gl was asked for
        assert [r.request.url.rsplit("/", 1)[-1] for r in held] == ["deckgl.min.js"]
        held[0].continue_()
        canvas = live_map_canvas(page)
        box = page.locator(".pb-map").bounding_box()  # its height follows the data (dashboard.maps.fit)
        assert page.locator(".pb-map img.pb-static").count() == 0 and canvas.bounding_box()["height"] == box["height"]
        assert 460 <= box["height"] <= 760
        text = map_tooltip(page, "Mali")
        assert "Mali" in text and PAYLOAD_IMG in text, text
        assert page.locator(".deck-tooltip").first.locator("img, script, b").count() == 0
        assert page.evaluate("window.__xss") == 0
        assert guard.problems() == []
        context.close()
