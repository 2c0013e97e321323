"""No code and no English word in the French interface, at seed scale and at 150 articles.

Every page is rendered under AppTest in French and in English, on the seed articles and on a
corpus of at least 150 articles (tests/scale_corpus.py), both built by the real ETL, and what a
reader sees (tests/page_text.py) is searched for vocabulary codes (``peace_security``,
``people_in_need``, ``households``…) and, in French, for English words of the interface
("Select all", "households", "Not started"…). The Décisions page is read as a viewer (list)
and as a signed-in editor (the editing grid)."""
from __future__ import annotations

import re

import pytest
import streamlit as st
from conftest import ROOT
from page_text import found, page_texts
from scale_corpus import *  # noqa: F401,F403  (fixtures)
from streamlit.testing.v1 import AppTest
from tables_backend import pin, point_at

from etl import resources, schema
from tracker import auth, db
from tracker.vocab import STATUSES

PAGES = ("overview", "map", "needs", "decisions", "timeline", "actors", "sources")
PASSWORD = "mot-de-passe-editeur"

# Codes of the vocabularies. Those that are French words as well (protection, forum, exact…)
# are left out: a French page may say them.
FRENCH_TOO = {"protection", "migration", "coordination", "exact", "forum", "article", "villages", "communes",
              "cantons", "sites", "hectares", "tonnes", "km", "centres", "kits", "cases", "ok", "percent", "USD",
              "EUR", "XOF", "GNF", "NGN", "GHS", "MRU"}
CODES = sorted({
    *schema.INDICATORS, *schema.QUALIFIERS, *schema.DATE_PRECISIONS, *schema.DECISION_KINDS, *schema.EVENT_KINDS,
    *schema.ACTOR_KINDS, *schema.SOURCE_KINDS, *(name for name, *_ in resources.THEMES), *STATUSES,
    *resources.UNIT_NAMES.values(), *resources.PEOPLE_UNIT_NAMES.values(), *resources.DURATION_UNITS.values(),
    "people", "households", "error",
} - FRENCH_TOO)
# Codes that can never be words: what an English page must not show either.
MACHINE_CODES = [c for c in CODES if "_" in c] + ["idps"]
# English words of the interface a French reader must never meet (compared without regard to case).
ENGLISH = [
    "Select all", "matches", "No results", "Choose an option", "Drag and drop", "Browse files",
    "people", "households", "boreholes", "schools", "wells", "houses", "shelters", "huts", "localities", "classrooms",
    "beds", "livestock", "cattle", "sheep", "goats", "facilities", "projects", "jobs", "committees", "deaths",
    "injured", "students", "teachers", "weeks", "days", "months", "hours", "years",
    "Not started", "In progress", "Substantially done", "Completed", "Stalled", "Dropped",
    "Decision", "Commitment", "Objective", "Recommendation", "Meeting", "Launch", "Visit", "Ceremony", "Person",
    "Organization", "Facility", "about", "more than", "up to", "figure not specified", "in need", "affected",
    "targeted", "reached", "refugees", "returnees", "internally displaced", "food insecure", "funding", "count",
    "duration", "percentage", "Other", "Health", "Education", "Financing", "Peace", "Security", "Knowledge",
    "sharing", "Early warning", "Capacity building", "Durable solutions", "Community engagement", "Theme",
    "Status", "Country", "Search", "Download", "Filters", "Overview", "Needs", "Timeline", "Actors", "Map",
    "Exact day", "Month only", "Year only", "Unknown date", "unknown", "Version", "UTC",
]


@pytest.fixture(params=["seed", "scale"])
def corpus(request, tmp_path, monkeypatch):
    tables = request.getfixturevalue("seed_scale_tables" if request.param == "seed" else "scale_tables")
    point_at(monkeypatch, tables)  # in the postgres pass, the session build's namespace
    monkeypatch.setenv("SAHEL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tracker.sqlite'}")
    monkeypatch.setenv("TRACKER_SECRETS_FILE", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("TRACKER_USERS", f"awa:editor:{auth.hash_password(PASSWORD, rounds=4)}")
    st.cache_data.clear()
    yield {"name": request.param, "tables": tables}
    st.cache_data.clear()
    db.dispose_engines()


@pytest.fixture(scope="session")
def english_words(scale_tables, seed_scale_tables) -> list[str]:
    """ENGLISH, less any word the articles themselves use (a quote may hold it: the interface did not
    put it there). Most of the list must remain, or the check would say little."""
    texts = ""
    for tables in (scale_tables, seed_scale_tables):  # either table back end (tests/tables_backend.py)
        build = pin(tables)
        read = {name: build.read(name) for name in ("articles", "actors", "places")}
        texts += " ".join(t for t in map(build.text, read["articles"]["article_id"]) if t)
        texts += " ".join(frame.to_csv(index=False) for frame in read.values())
    kept = [w for w in ENGLISH if not found([texts], [w], ignore_case=True)]
    assert len(kept) >= 0.85 * len(ENGLISH), sorted(set(ENGLISH) - set(kept))
    return kept


def render(page: str, lang: str, *, editor: bool = False) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params["lang"] = lang
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    if editor:
        at.sidebar.text_input(key="tracker_username").input("awa")
        at.sidebar.text_input(key="tracker_password").input(PASSWORD)
        at.button(key="tracker_sign_in_submit").click().run()
        assert at.session_state["tracker_principal"].username == "awa"
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_checks_find_codes_and_english_words():
    texts = ["Thème : peace_security", "2 376 households", "Select all", "https://x.org/?i=people_in_need"]
    assert set(found(texts, CODES, ignore_case=False)) == {"peace_security", "households"}
    assert set(found(texts, ["households", "Select all", "people"], ignore_case=True)) == {"households", "Select all"}
    assert not found(["Paix et sécurité · 2 376 ménages · Décision"], CODES + ENGLISH, ignore_case=True)


# what each page must show in French: proof that the check read the page's content
SHOWN = {
    "overview": ["Vue d'ensemble"], "map": ["personnes dans le besoin"], "needs": ["personnes"],  # map: its legend's title
    "decisions": ["Non commencée"],
    "timeline": ["Chronologie"], "actors": ["Acteurs les plus cités"], "sources": ["Lignes extraites"],
}
SHOWN_AT_SCALE = {"needs": ["ménages", "Financement requis"], "decisions": ["Financement", "Solutions durables"]}


@pytest.mark.parametrize("page", PAGES)
def test_french_pages_hold_no_code_and_no_english(corpus, english_words, page):
    at = render(page, "fr")
    texts = page_texts(at)
    assert found(texts, CODES, ignore_case=False) == {}
    assert found(texts, english_words, ignore_case=True) == {}
    expected = SHOWN[page] + (SHOWN_AT_SCALE.get(page, []) if corpus["name"] == "scale" else [])
    assert all(any(word.lower() in x.lower() for x in texts) for word in expected), expected


@pytest.mark.parametrize("page", PAGES)
def test_english_pages_hold_no_code(corpus, page):
    texts = page_texts(render(page, "en"))
    assert found(texts, MACHINE_CODES, ignore_case=False) == {}
    assert not found(texts, ["Non commencée", "Vue d'ensemble", "Filtres et tri", "Tous les chiffres"], ignore_case=True)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_editing_grid_holds_no_code(corpus, english_words, lang):
    at = render("decisions", lang, editor=True)
    assert [d for d in at.dataframe if d.proto.editing_mode], "the editor's grid"
    texts = page_texts(at)
    assert found(texts, CODES if lang == "fr" else MACHINE_CODES, ignore_case=False) == {}
    if lang == "fr":
        assert found(texts, english_words, ignore_case=True) == {}
        assert any(re.search(r"\bThème\b", x) for x in texts)
