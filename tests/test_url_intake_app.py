"""The Sources page's "Ajouter par adresse (URL)" under Streamlit's AppTest, against a local web
site: an editor pastes addresses, a duplicate and a refused one are reported, the page is
previewed (extracted text only, never its HTML) and accepted; viewers get no form. Freshness of
the watched feeds on Sources and the overview; the other sites of a story on Sources."""
from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest
import streamlit as st
import tables_backend
from conftest import ROOT
from dashboard_fixtures import html_bodies
from local_web import LocalSite, article_html, real_texts
from streamlit.testing.v1 import AppTest

from dashboard import feeds_ui
from etl import feeds
from etl.principals import Principal
from tracker import db

EDITOR = Principal(username="awa.diallo", role="editor", display_name="Awa Diallo")
VIEWER = Principal(username="lecteur", role="viewer")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    from etl.pipeline import build

    base = tmp_path_factory.mktemp("seeds")
    shutil.copytree(ROOT / "data" / "articles", base / "articles")
    with tables_backend.publishing_into(base / "tables"):
        build(base / "articles", base / "tables", log=None, progress=False, today=date.today())
    return base


@pytest.fixture
def app_env(seeds, tmp_path, monkeypatch):
    shutil.copytree(seeds / "articles", tmp_path / "articles")
    tables_backend.copy_tables(seeds / "tables", tmp_path / "tables")
    for key, value in {"SAHEL_ARTICLES_DIR": tmp_path / "articles", "SAHEL_TABLES_DIR": tmp_path / "tables",
                       "SAHEL_DATA_DIR": tmp_path / "data", "SAHEL_IMPORTS_DIR": tmp_path / "imports",
                       "DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.sqlite'}",
                       "TRACKER_SECRETS_FILE": tmp_path / "absent.toml", "SAHEL_FETCH_ALLOW_PRIVATE": "127.0.0.1"}.items():
        monkeypatch.setenv(key, str(value))
    monkeypatch.delenv("TRACKER_USERS", raising=False)
    st.cache_data.clear()
    yield tmp_path
    st.cache_data.clear()
    db.dispose_engines()


def open_page(page: str, principal=None, **state) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    if principal is not None:
        at.session_state["tracker_principal"] = principal
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = html_bodies(at)
    for kind in ("error", "success", "info", "warning", "caption", "markdown"):
        parts += [e.value for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def test_editor_adds_by_url_preview_then_accept(app_env):
    title, text = real_texts(6)[5]
    with LocalSite() as site:
        hostile = article_html(title, text, extra_head='<script>alert("x")</script>').replace(
            "<article>", '<article><img src=x onerror="alert(1)">')
        url = site.page("/news/conseil.html", hostile)
        seeded = tables_backend.read_csv(app_env / "tables", "articles", dtype=str, keep_default_na=False)
        known = next((u for u in seeded["url"] if u.startswith("http")), None)  # an address already in the corpus
        at = open_page("sources", EDITOR)
        pasted = "\n".join([url + "?utm_source=whatsapp", "file:///etc/passwd"] + ([known] if known else []))
        at.text_area(key="intake_urls").input(pasted)
        at.button(key="intake_url_fetch").click().run()
        assert not at.exception, [e.value for e in at.exception]
        errors = "\n".join(e.value for e in at.error)
        assert "file:///etc/passwd : seules les adresses http:// et https://" in errors
        if known:
            assert "doublon" in errors
        shown = texts(at)
        assert "Aperçu : 127.0.0.1-conseil.html" in shown and f"Adresse : {url}" in shown
        assert 'onerror="alert(1)"' not in shown and '<script>alert("x")' not in shown  # text only, escaped
        assert not (app_env / "articles" / "127.0.0.1-conseil.html").exists()  # nothing saved before acceptance
        at.button(key="intake_accept").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert any("Article ajouté (127.0.0.1-conseil.html)" in s.value for s in at.success)
    saved = app_env / "articles" / "127.0.0.1-conseil.html"
    assert saved.read_bytes() == hostile.encode("utf-8")
    assert json.loads(saved.with_suffix(".meta.json").read_text(encoding="utf-8"))["url"] == url
    rows = tables_backend.read_csv(app_env / "tables", "articles", dtype=str, keep_default_na=False)
    assert "127.0.0.1-conseil.html" in set(rows["source_file"])


def test_viewers_get_no_url_form(app_env):
    at = open_page("sources", VIEWER)
    assert "Réservé aux éditeurs : connectez-vous dans le panneau latéral pour ajouter un article par son adresse." \
        in texts(at)
    with pytest.raises(KeyError):
        at.text_area(key="intake_urls")


def test_freshness_on_sources_and_overview(app_env):
    state = app_env / "data" / "feeds_state.sqlite"
    now = datetime.now(UTC)
    with _state(state) as ws:
        feed = feeds.FeedConfig(name="Agence Essai", url="https://agence.example/rss")
        for days in (9, 8, 7, 6):
            ws.record_item(feed.name, f"k{days}", f"https://agence.example/{days}", "added", f"{days}.html",
                           now - timedelta(days=days))
        ws.record_success(feed, etag=None, last_modified=None, at=now - timedelta(hours=1))
    at = open_page("sources")
    shown = texts(at)
    assert "Fraîcheur du corpus" in str([e.label for e in at.expander])
    frame = [d.value for d in at.dataframe if "Flux" in d.value.columns][0]
    assert list(frame["Flux"]) == ["Agence Essai"]
    assert frame["État"].iloc[0].startswith("⚠ silencieux")
    assert "Corpus mis à jour le" in shown
    overview = open_page("overview")
    assert "1 flux silencieux : Agence Essai" in texts(overview)


class _state:
    def __init__(self, path):
        self.path = path

    def __enter__(self):
        self.ws = feeds.WatchState(self.path)
        return self.ws

    def __exit__(self, *exc):
        self.ws.close()


def test_story_sites():
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "story_id": ["a", "a", "c"],
                             "source": ["Agence", None, "X"], "url": [None, "https://journal-b.example/x", None],
                             "source_file": ["a.txt", "b.html", "c.txt"], "title": ["Dépêche", "Reprise", "Autre"]})
    first, others = feeds_ui.story_sites(articles, "b")
    assert first["article_id"] == "a" and [o["article_id"] for o in others] == ["a"]
    assert feeds_ui.site_label(others[0]) == "Agence"
    first, others = feeds_ui.story_sites(articles, "a")
    assert feeds_ui.site_label(others[0]) == "journal-b.example"
    assert feeds_ui.story_sites(articles, "c") == (None, [])


def test_freshness_frame_and_intervals(monkeypatch):
    monkeypatch.delenv("SAHEL_TIMEZONE", raising=False)   # outside a session, no browser zone: UTC
    rows = [feeds.FeedFreshness("A", None, None, None, None, False),
            feeds.FeedFreshness("B", None, datetime(2025, 1, 2, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC),
                                timedelta(hours=6), True)]
    frame = feeds_ui.freshness_frame(rows, "fr")
    assert list(frame["Dernier article apporté"]) == ["jamais", "1 janv. 2025 00:00"]
    monkeypatch.setenv("SAHEL_TIMEZONE", "Africa/Lagos")   # the server's setting: UTC+1
    frame = feeds_ui.freshness_frame(rows, "fr")
    assert list(frame["Dernier article apporté"]) == ["jamais", "1 janv. 2025 01:00"]
    assert list(frame["Intervalle habituel"]) == ["—", "6 h"]
    assert frame["État"].iloc[1].startswith("⚠")
    assert feeds_ui.fmt_interval(timedelta(days=1, hours=12), "fr") == "1,5 j"
