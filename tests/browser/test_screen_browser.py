"""What lands in a screenshot or a shared link, in Debian Chromium, on the seed articles built by the ETL:
the presentation mode's exit link is in no screenshot (yet a pointer or the keyboard still find it),
/overview opens the overview without Streamlit's "Page not found" dialog, and the multiselect's own
words (« Select all »…) are French on a French page."""
from __future__ import annotations

import io
import re

import pytest
from conftest import ROOT
from harness import (
    Guard,
    browser_fixture,  # noqa: F401  (the module's "browser" fixture)
    build_tables,
    new_context,
    page_url,
    serve_app,
    wait_drawn,
)

pytestmark = pytest.mark.browser
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def base(browser, tmp_path_factory):
    tables = build_tables(ROOT / "data" / "articles", tmp_path_factory.mktemp("seed") / "tables")
    with serve_app(tables, tmp_path_factory.mktemp("data"), static_charts=False) as url:
        yield url


def pixels(png: bytes):
    from PIL import Image

    with Image.open(io.BytesIO(png)) as img:
        return list(img.convert("RGB").getdata())


def test_presentation_exit_link_is_in_no_screenshot(browser, base):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = new_context(browser)
    guard = Guard().attach(context)
    page = context.new_page()
    page.goto(page_url(base, "overview", "present=1"))
    wait_drawn(page)
    link = page.locator("a.present-exit")
    assert link.count() == 1 and link.inner_text() == "Quitter le mode présentation"
    box = link.bounding_box()
    assert box and box["width"] > 0  # there, at the bottom right, for whoever looks for it
    page.mouse.move(5, 5)
    page.wait_for_timeout(300)
    shot = page.screenshot(path=str(SCREENSHOTS / "overview_presentation_exit_hidden.png"))
    clip = {"x": box["x"] - 4, "y": box["y"] - 4, "width": box["width"] + 8, "height": box["height"] + 8}
    with_link = page.screenshot(clip=clip)
    link.evaluate("a => a.style.setProperty('display', 'none', 'important')")
    without_link = page.screenshot(clip=clip)
    link.evaluate("a => a.style.removeProperty('display')")
    assert pixels(with_link) == pixels(without_link), "the exit link shows in the screenshot"
    assert len(shot) > 10_000
    assert page.evaluate("() => matchMedia('print').matches") is False
    page.emulate_media(media="print")
    assert link.evaluate("a => getComputedStyle(a).display") == "none"  # never printed either
    page.emulate_media(media="screen")
    # still a way out: pointing at it, or reaching it with Tab, shows it
    link.hover()
    page.wait_for_timeout(300)
    assert link.evaluate("a => getComputedStyle(a).opacity") == "1"
    page.mouse.move(5, 5)
    link.focus()
    page.wait_for_timeout(300)
    assert link.evaluate("a => getComputedStyle(a).opacity") == "1"
    assert pixels(page.screenshot(clip=clip)) != pixels(without_link)
    link.click()
    page.wait_for_url(re.compile(r"^(?!.*present=1).*$"))
    wait_drawn(page)
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    assert guard.problems() == []
    context.close()


def test_overview_address_opens_the_overview_without_page_not_found(browser, base):
    context = new_context(browser)
    guard = Guard().attach(context)
    page = context.new_page()
    for query, title in (("", "Vue d'ensemble"), ("lang=en&countries=MLI", "Overview")):
        page.goto(f"{base}/overview" + (f"?{query}" if query else ""))
        wait_drawn(page)
        page.wait_for_timeout(1_000)  # the dialog, when there was one, came after the first drawing
        assert page.get_by_text("Page not found").count() == 0
        assert page.get_by_role("dialog").count() == 0
        assert page.locator(".page-title").inner_text() == title
        assert page.locator('[data-testid="stException"]').count() == 0
        if query:
            assert "lang=en" in page.url and "countries=MLI" in page.url  # the link's view, kept
            assert "Burkina" not in page.locator(".kf-card").first.inner_text()
    assert guard.problems() == []
    context.close()


def test_the_multiselect_speaks_the_pages_language(browser, base):
    from playwright.sync_api import expect

    context = new_context(browser)
    guard = Guard().attach(context)
    page = context.new_page()
    page.goto(page_url(base, "needs"))
    wait_drawn(page)
    countries = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Pays")
    countries.locator("input").click()
    expect(page.get_by_role("option", name="Tout sélectionner")).to_be_visible(timeout=15_000)
    assert page.get_by_text("Select all", exact=True).count() == 0
    page.screenshot(path=str(SCREENSHOTS / "multiselect_fr.png"))
    countries.locator("input").fill("a")  # a filter: « Select 3 matches » in Streamlit's words
    option = page.get_by_role("option", name=re.compile(r"^Sélectionner les \d+ résultats$"))
    expect(option).to_be_visible(timeout=15_000)
    assert page.get_by_text(re.compile(r"^Select \d+ matches$")).count() == 0
    countries.locator("input").fill("zzz")
    expect(page.get_by_text("Aucun résultat")).to_be_visible(timeout=15_000)
    countries.locator("input").fill("")
    page.get_by_role("option", name="Tout sélectionner").click()  # still works: every country chosen
    wait_drawn(page)
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"countries=([A-Z]{3}(%2C|,)){3}[A-Z]{3}"))  # the four seed countries
    wait_drawn(page)
    assert countries.locator('[aria-label="Retirer Burkina Faso"]').count() == 1  # each chosen one's button
    assert countries.locator('[aria-label^="Remove "]').count() == 0
    page.goto(page_url(base, "needs", "lang=en"))  # an English page keeps Streamlit's English
    wait_drawn(page)
    english = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Countries")
    english.locator("input").click()
    expect(page.get_by_role("option", name="Select all")).to_be_visible(timeout=15_000)
    assert guard.problems() == []
    context.close()
