"""A clean start in Debian Chromium: the app served before any table is built. Every page draws,
with no exception, no console error and no request leaving 127.0.0.1, and says in French that no
article is loaded yet and what to do (a screenshot of each is saved to artifacts/screenshots/)."""
from __future__ import annotations

import pytest
from conftest import ROOT
from harness import (
    PAGES,
    Guard,
    browser_fixture,  # noqa: F401  (the module's "browser" fixture)
    new_context,
    page_url,
    streamlit_server,
    wait_drawn,
)

pytestmark = pytest.mark.browser
SCREENSHOTS = ROOT / "artifacts" / "screenshots" / "clean_start"


def test_every_page_works_before_any_table_is_built(browser, tmp_path):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    data = tmp_path / "data"
    data.mkdir()
    tables = tmp_path / "tables-not-built"
    with streamlit_server(ROOT / "app.py", tables_dir=tables, data_dir=data,
                          env={"DATABASE_URL": f"sqlite:///{data / 'tracker.sqlite'}"}) as base:
        context = new_context(browser)
        guard = Guard().attach(context)
        page = context.new_page()
        for name in PAGES:
            page.goto(page_url(base, name))
            wait_drawn(page)
            main = page.locator('[data-testid="stMain"]')
            assert page.locator('[data-testid="stException"]').count() == 0, name
            assert main.get_by_text("Aucun article n'est encore chargé : il n'y a rien à afficher.").is_visible(), name
            assert "déposez des fichiers" in main.inner_text(), name
            assert main.locator(".page-title").count() == 1, name
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
        assert not tables.exists()  # serving built nothing behind the user's back
        assert guard.problems() == []
        context.close()
