"""In Debian Chromium: an editor pastes an address served by a local web site on the Sources
page, previews the fetched article (its text, spans highlighted; the page's own HTML and scripts
never run), accepts it, and reads it in the Sources table and viewer."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, skip_or_fail
from harness import Guard, chromium_available, launch, new_context, page_url, sign_in, streamlit_server, wait_drawn
from local_web import LocalSite, article_html, real_texts
from test_intake_browser import _open_expander, _submit

from tracker import auth, db

pytestmark = pytest.mark.browser
PASSWORD = "mot-de-passe-navigateur"


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
           "DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.sqlite'}", "SAHEL_FETCH_ALLOW_PRIVATE": "127.0.0.1",
           "TRACKER_SECRETS_FILE": str(tmp_path / "absent.toml"),
           "TRACKER_USERS": f"awa:editor:{auth.hash_password(PASSWORD, rounds=4)}"}
    with LocalSite() as site, streamlit_server(ROOT / "app.py", tables_dir=tables, data_dir=tmp_path / "data",
                                               env=env) as base:
        yield base, tmp_path, site
    db.dispose_engines()


def test_add_by_url_preview_accept_visible(served):
    from playwright.sync_api import expect, sync_playwright

    base, folder, site = served
    title, text = real_texts(6)[5]
    url = site.page("/news/conseil.html", article_html(title, text, extra_head="<script>window.pwned = 1</script>"))
    with sync_playwright() as pw:
        browser = launch(pw)
        context = new_context(browser)
        Guard().attach(context)
        page = context.new_page()
        page.goto(base)
        wait_drawn(page)
        page.goto(page_url(base, "sources"))
        wait_drawn(page)
        sign_in(page, "awa", PASSWORD)
        panel = _open_expander(page, "Ajouter par adresse (URL)")
        panel.get_by_label("Adresses des articles (une par ligne)").fill(url + "?utm_source=whatsapp")
        _submit(page, panel.get_by_role("button", name="Télécharger et prévisualiser"),
                "Aperçu : 127.0.0.1-conseil.html")
        wait_drawn(page)
        preview = page.locator(".st-key-intake_article_view")
        expect(preview).to_contain_text("Conseil des ministres")
        assert page.evaluate("() => window.pwned === undefined")  # the page's script never ran
        assert not (folder / "articles" / "127.0.0.1-conseil.html").exists()
        _submit(page, page.get_by_role("button", name="Ajouter l'article"), "Article ajouté (127.0.0.1-conseil.html)")
        wait_drawn(page)
        assert (folder / "articles" / "127.0.0.1-conseil.html").exists()
        assert (folder / "articles" / "127.0.0.1-conseil.meta.json").exists()
        # visible on the page: the viewer shows the new article, its address in the metadata line
        page.goto(page_url(base, "sources", "article=127_0_0_1-conseil"))
        wait_drawn(page)
        expect(page.get_by_text(url, exact=False).first).to_be_visible()
        browser.close()
