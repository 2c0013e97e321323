"""What lands on a French page in Debian Chromium, on the seed articles built by the ETL: the
multiselect's own words (« Select all »…) are French on a French page, English on an English one."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT, skip_or_fail
from harness import Guard, chromium_available, launch, new_context, page_url, streamlit_server, wait_drawn

pytestmark = pytest.mark.browser
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    if not chromium_available():
        skip_or_fail("Playwright or /usr/bin/chromium missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = launch(pw)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def base(browser, tmp_path_factory):
    tables = tmp_path_factory.mktemp("seed") / "tables"
    result = subprocess.run([sys.executable, "-m", "etl", "build", "--articles", str(ROOT / "data" / "articles"),
                             "--out", str(tables), "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    data = tmp_path_factory.mktemp("data")
    with streamlit_server(ROOT / "app.py", tables_dir=tables, data_dir=data,
                          env={"DATABASE_URL": f"sqlite:///{data / 'tracker.sqlite'}"}) as url:
        yield url


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
