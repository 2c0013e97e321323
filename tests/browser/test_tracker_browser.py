"""In Debian Chromium: an editor signs in, edits a decision, reloads the page, and the edit is still there."""
from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from conftest import ROOT, skip_or_fail
from dashboard_fixtures import publish_tables
from harness import Guard, chromium_available, launch, new_context, page_url, sign_in, streamlit_server, wait_drawn
from tracker_support import decisions_frame

from etl.schema import conform
from presentation.i18n import tn
from tracker import auth, db, service

pytestmark = pytest.mark.browser
PASSWORD = "mot-de-passe-navigateur"
TEXT_X = 75 + 60  # x of the grid's text column: after the « Lire » checkboxes (a "small" column, 75 px)
ARTIFACTS = ROOT / "artifacts"


@pytest.fixture
def served(tmp_path):
    if not chromium_available():
        skip_or_fail("Playwright or /usr/bin/chromium missing")
    tables = tmp_path / "tables"
    tables.mkdir()
    publish_tables(tables, {"decisions": decisions_frame(3), "articles": conform(
        "articles", [{"article_id": "art_a", "source_file": "a.txt", "title": "Article A", "status": "ok"}])}, {})
    url = f"sqlite:///{tmp_path / 'tracker.sqlite'}"
    env = {"DATABASE_URL": url, "TRACKER_SECRETS_FILE": str(tmp_path / "absent.toml"),
           "TRACKER_USERS": f"awa:editor:{auth.hash_password(PASSWORD, rounds=4)}"}
    with streamlit_server(ROOT / "app.py", tables_dir=tables, data_dir=tmp_path, env=env) as base:
        yield base, url
    db.dispose_engines()


@contextmanager
def decisions_page(base: str):
    """A fresh browser on the Décisions page, with a Guard watching it. The home page is
    opened first, then the Décisions page, as a user would."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch(pw)
        context = new_context(browser)
        guard = Guard().attach(context)
        page = context.new_page()
        page.goto(base)
        wait_drawn(page)
        page.goto(page_url(base, "decisions"))
        wait_drawn(page)
        try:
            yield page, guard
        finally:
            browser.close()


def _pick(page, text: str) -> None:
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Ouvrir une décision")
    box.locator("input").click()
    box.locator("input").fill(text)
    page.get_by_role("option").filter(has_text=text).first.click()


def test_sign_in_edit_reload_and_the_edit_is_still_there(served):
    from playwright.sync_api import expect

    base, url = served
    with decisions_page(base) as (page, guard):
        expect(page.locator('[data-testid="stSidebarNav"]')).to_contain_text("Vue d'ensemble")

        sign_in(page, "awa", PASSWORD)

        _pick(page, "action n° 1")
        form = page.locator('[data-testid="stForm"]').filter(has_text="Responsable")
        expect(form).to_be_visible(timeout=30_000)
        form.get_by_label("Responsable (ministère ou agence)").fill("Ministère de l'Eau et de l'Assainissement")
        form.locator('[data-testid="stSelectbox"]').filter(has_text="Statut").locator("input").click()
        page.get_by_role("option", name="En cours").click()  # 55 % would not fit « Non commencée »
        form.get_by_label("Avancement (%)", exact=True).fill("55")
        form.get_by_label("Avancement (%)", exact=True).press("Tab")
        form.get_by_role("button", name="Enregistrer").click()
        expect(page.get_by_text(tn("tracker.saved_n", 1, "fr"))).to_be_visible(timeout=30_000)

        page.reload()
        wait_drawn(page)
        assert re.search(r"decision=dec_0001", page.url)  # the link reopens the decision
        detail = page.locator('[data-testid="stMain"]')
        expect(detail.get_by_text(re.compile(r"Responsable \(ministère ou agence\) : Ministère de l'Eau et de "
                                             r"l'Assainissement")).first).to_be_visible(timeout=30_000)
        expect(detail.get_by_text("55 %").first).to_be_visible()
        expect(detail.get_by_text("Lecture seule", exact=False)).to_be_visible()  # a reload is a new session
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "tracker_after_reload.png"))
        problems = guard.problems()

    stored = service.get_decision("dec_0001", engine=db.get_engine(url))
    assert (stored["status"], stored["responsible"], stored["progress"], stored["updated_by"]) == (
        "in_progress", "Ministère de l'Eau et de l'Assainissement", 55, "awa")
    assert set(service.history_frame("dec_0001", engine=db.get_engine(url))["editor"]) == {"awa"}
    assert problems == []


def test_bulk_editor_keeps_every_edit_until_saved(served):
    """Two cells edited one after the other in the grid (each edit reruns the page), then one save:
    both values are stored. A keyless data_editor would drop every second edit."""
    from playwright.sync_api import expect

    base, url = served
    with decisions_page(base) as (page, guard):
        sign_in(page, "awa", PASSWORD)

        grid = page.locator('[data-testid="stDataFrame"]').first
        expect(grid.locator("canvas").first).to_be_visible(timeout=30_000)
        expect(page.get_by_role("button", name="Enregistrer (0)")).to_be_disabled(timeout=30_000)
        box = grid.bounding_box()

        def to_responsible(row: int) -> None:
            # the text column (read-only, after the narrow « Lire » one), then right past country, theme,
            # announcement and status to "Responsable"
            page.mouse.click(box["x"] + TEXT_X, box["y"] + 35 * (row + 1) + 18)
            for _ in range(5):
                page.keyboard.press("ArrowRight")

        for row, value in ((0, "Direction de l'eau"), (1, "Agence des routes")):
            to_responsible(row)
            overlay = page.locator("#portal textarea, #portal input").first  # the grid's cell editor
            for _ in range(3):  # the grid may still be settling after the previous rerun
                page.keyboard.press("Enter")
                try:
                    overlay.wait_for(state="visible", timeout=3_000)
                    break
                except Exception:
                    to_responsible(row)
            overlay.fill(value)
            page.keyboard.press("Enter")
            # the edit reached the server: the save button counts it
            try:
                expect(page.get_by_role("button", name=f"Enregistrer ({row + 1})")).to_be_enabled(timeout=30_000)
            except AssertionError:
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"tracker_bulk_failed_row{row}.png"))
                raise
            wait_drawn(page)
        page.get_by_role("button", name="Enregistrer (2)").click()
        expect(page.get_by_text(tn("tracker.saved_n", 2, "fr"))).to_be_visible(timeout=30_000)
        problems = guard.problems()

    engine = db.get_engine(url)
    stored = service.tracker_frame(engine=engine).set_index("decision_id")["responsible"].to_dict()
    shown_order = sorted(stored)  # the grid lists decisions by announcement date, then id: same date here
    assert [stored[d] for d in shown_order[:2]] == ["Direction de l'eau", "Agence des routes"]
    assert problems == []


def test_filters_menu_narrows_the_list_and_says_what_applies(served):
    """The theme, kind and status filters are folded in « Filtres et tri »: a reader opens it,
    picks a theme, and the list, the menu's label and the caption follow; the menu stays open
    for the next choice."""
    from playwright.sync_api import expect

    base, _url = served
    with decisions_page(base) as (page, guard):
        rows = page.locator("#table-tracker_table tbody tr")
        expect(rows).to_have_count(3)
        expect(page.get_by_label("Thème")).to_have_count(0)  # folded: not drawn until asked for
        page.get_by_role("button", name=re.compile("^Filtres et tri")).click()
        theme = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Thème")
        theme.locator("input").click()
        page.get_by_role("option", name="santé").click()
        expect(rows).to_have_count(2, timeout=30_000)
        menu = page.get_by_role("dialog", name="Filtres et tri (1)")  # still open, its label counting
        expect(menu.get_by_role("combobox", name="Statut")).to_be_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "tracker_filters_menu.png"))
        page.keyboard.press("Escape")  # the theme's option list
        page.keyboard.press("Escape")  # the menu
        expect(menu).to_have_count(0)
        expect(page.get_by_role("button", name=re.compile(r"^Filtres et tri \(1\)"))).to_be_visible()
        expect(page.get_by_text("Filtres : Thème : santé.", exact=False)).to_be_visible()
        expect(rows).to_have_count(2)
        assert not guard.problems(), guard.problems()


def test_the_grid_opens_a_decisions_whole_text_on_demand(served):
    """An editor ticks « Lire » on a row of the grid: its whole text, quote and source show under it."""
    from playwright.sync_api import expect

    base, _url = served
    with decisions_page(base) as (page, guard):
        sign_in(page, "awa", PASSWORD)
        grid = page.locator('[data-testid="stDataFrame"]').first
        expect(grid.locator("canvas").first).to_be_visible(timeout=30_000)
        full = page.locator(".st-key-tracker_full_texts")
        expect(full).to_have_count(0)
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 37, box["y"] + 35 * 2 + 18)  # the second row's checkbox
        expect(full).to_be_visible(timeout=30_000)
        expect(full).to_contain_text("Texte complet des décisions cochées")
        expect(full).to_contain_text("Le gouvernement s'engage à réaliser l'action n° 1.")
        expect(full).to_contain_text("« réaliser l'action n° 1 »")
        expect(full).to_contain_text("Article A")
        expect(page.get_by_role("button", name="Enregistrer (0)")).to_be_disabled()  # reading is not an edit
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "tracker_grid_full_text.png"))
        assert not guard.problems(), guard.problems()
