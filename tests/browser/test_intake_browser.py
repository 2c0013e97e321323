"""In Debian Chromium, on tables a real build made from the seed articles: an editor signs in,
uploads an article on the Sources page, previews it (spans highlighted), accepts it, and its
figure is on the map (tooltip); then imports official figures on the Besoins page, a malformed
file refused with its line and problem, a good one shown beside the article figures."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT, skip_or_fail
from harness import (
    Guard,
    chromium_available,
    launch,
    map_tooltip,
    new_context,
    page_url,
    sign_in,
    streamlit_server,
    wait_drawn,
)

from presentation.i18n import tn
from tracker import auth, db

pytestmark = pytest.mark.browser
PASSWORD = "mot-de-passe-navigateur"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHAD = """Tchad : 3,4 millions de personnes dans le besoin

N'Djamena, le 12 mars 2024 – Selon le bureau de coordination humanitaire, le Tchad compte 3,4 millions \
de personnes dans le besoin d'assistance humanitaire cette année. Le gouvernement s'est engagé à ouvrir \
de nouveaux centres de santé avant la fin de l'année.
"""
TITLE = "Tchad : les besoins humanitaires en 2024"


@pytest.fixture
def served(tmp_path):
    if not chromium_available():
        skip_or_fail("Playwright or /usr/bin/chromium missing")
    articles, tables = tmp_path / "articles", tmp_path / "tables"
    shutil.copytree(ROOT / "data" / "articles", articles)
    result = subprocess.run([sys.executable, "-m", "etl", "build", "--articles", str(articles), "--out", str(tables)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    env = {"SAHEL_ARTICLES_DIR": str(articles), "SAHEL_IMPORTS_DIR": str(tmp_path / "imports"),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.sqlite'}",
           "TRACKER_SECRETS_FILE": str(tmp_path / "absent.toml"),
           "TRACKER_USERS": f"awa:editor:{auth.hash_password(PASSWORD, rounds=4)}"}
    with streamlit_server(ROOT / "app.py", tables_dir=tables, data_dir=tmp_path / "data", env=env) as base:
        yield base, tmp_path
    db.dispose_engines()


def _open_expander(page, title: str):
    expander = page.locator('[data-testid="stExpander"]').filter(has_text=title).first
    expander.locator("summary").click()
    return expander


def _uploaded(region, name: str) -> None:
    """Wait until the uploader shows the file's size: the upload is finished, not only started."""
    from playwright.sync_api import expect

    expect(region.get_by_role("button", name=f"Remove {name}")).to_be_visible(timeout=30_000)
    expect(region.locator('[data-testid="stFileUploader"]')).to_contain_text(re.compile(r"\d+(\.\d+)?\s?[KMG]?B"),
                                                                           timeout=30_000)


def _submit(page, button, expected: str, timeout_ms: int = 120_000) -> None:
    """Click a form button and wait for its result. A click can be dropped by the front end on a
    slow machine (seen once in CI: no spinner, no result, no error); a user would click again, so
    the test does too, but only once the app is idle, never while the first click is running."""
    from playwright.sync_api import expect

    wait_drawn(page)
    for _ in range(3):
        button.click()
        page.wait_for_timeout(1_000)
        wait_drawn(page, timeout_ms=timeout_ms)  # the rerun it started, if any, has finished
        result = page.get_by_text(expected, exact=False).first
        if result.count() and result.is_visible():
            return
    expect(page.get_by_text(expected, exact=False).first).to_be_visible(timeout=1_000)


def test_upload_preview_accept_then_on_the_map_and_imports(served):
    from playwright.sync_api import expect, sync_playwright

    base, folder = served
    upload = folder / "upload" / "tchad.txt"
    upload.parent.mkdir()
    upload.write_text(CHAD, encoding="utf-8")
    with sync_playwright() as pw:
        browser = launch(pw)
        context = new_context(browser)
        guard = Guard().attach(context)
        page = context.new_page()
        page.goto(base)  # the router first (see test_tracker_browser)
        wait_drawn(page)
        page.goto(page_url(base, "sources"))
        wait_drawn(page)
        sign_in(page, "awa", PASSWORD)

        # upload → preview
        intake = _open_expander(page, "Ajouter un article")
        intake.locator('input[type="file"]').set_input_files(str(upload))
        _uploaded(intake, "tchad.txt")
        intake.get_by_label("Titre").fill(TITLE)
        intake.get_by_label("Source (journal, agence)").fill("Journal d'essai")
        intake.get_by_label("Adresse web (URL)").fill("https://example.org/tchad")
        _submit(page, intake.get_by_role("button", name="Prévisualiser l'extraction"), "Aperçu : tchad.txt")
        wait_drawn(page)
        preview = page.locator('[data-testid="stVerticalBlock"].st-key-intake_article_view, .st-key-intake_article_view')
        expect(preview.locator("a.sp-figure").first).to_be_visible()
        assert "3,4 millions" in preview.locator("a.sp-figure").first.inner_text()
        assert not (folder / "articles" / "tchad.txt").exists()  # nothing saved before acceptance
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "intake_preview.png"))

        # accept → saved, rebuilt, shown
        _submit(page, page.get_by_role("button", name="Ajouter l'article"), "Article ajouté (tchad.txt)")
        wait_drawn(page)
        assert (folder / "articles" / "tchad.txt").read_text(encoding="utf-8") == CHAD
        assert (folder / "articles" / "tchad.meta.json").exists()

        # visible on the map: Chad carries the new figure, its source and quote in the tooltip
        page.goto(page_url(base, "map", "articles=tchad&countries=TCD"))
        wait_drawn(page)
        text = map_tooltip(page, "Tchad")
        assert "Tchad" in text and TITLE in text, text
        assert "3 400 000" in text.replace("\u202f", " ").replace("\u00a0", " "), text
        page.screenshot(path=str(SCREENSHOTS / "intake_map.png"))

        # official figures on the Besoins page: a malformed file refused, a good one imported
        page.goto(page_url(base, "needs"))  # a new page load is a new session: sign in again
        wait_drawn(page)
        sign_in(page, "awa", PASSWORD)
        panel = _open_expander(page, "Importer des chiffres officiels")
        panel.locator('input[type="file"]').set_input_files(str(FIXTURES / "imports" / "bad_rows.csv"))
        _uploaded(panel, "bad_rows.csv")
        _submit(page, panel.get_by_role("button", name="Vérifier et importer"),
                "bad_rows.csv : ligne 3 : population non numérique « sept millions »")
        expect(page.get_by_text("Rien n'a été importé.")).to_be_visible()
        assert not (folder / "imports").exists() or not any((folder / "imports").iterdir())
        panel = _open_expander(page, "Importer des chiffres officiels") if not panel.locator(
            'input[type="file"]').count() else panel
        panel.locator('input[type="file"]').set_input_files(str(FIXTURES / "imports" / "needs_hapi_example.csv"))
        _uploaded(panel, "needs_hapi_example.csv")
        _submit(page, panel.get_by_role("button", name="Vérifier et importer"),
                tn("import.done", 5, "fr", name="needs_hapi_example.csv").split(" :")[0])
        wait_drawn(page)
        assert [p.name for p in (folder / "imports").iterdir()] == ["needs_hapi_example.csv"]
        page.goto(page_url(base, "map", "countries=BFA&figsrc=import"))
        wait_drawn(page)
        text = map_tooltip(page, "Burkina")
        assert "Aperçu des besoins (exemple)" in text and "6 300 000" in text.replace("\u202f", " "), text
        assert guard.problems() == []
        context.close()
        browser.close()
