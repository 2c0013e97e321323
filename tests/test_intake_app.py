"""The pages' intake parts under Streamlit's AppTest, on tables a real build made from the seed
articles: an editor pastes an article, previews it and adds it; a viewer cannot; an editor
corrects and rejects rows; official figures are imported (a malformed file refused); the
discrepancy section names both sources."""
from __future__ import annotations

import shutil
from datetime import date

import pytest
import streamlit as st
import tables_backend
from conftest import FIXTURES, ROOT
from dashboard_fixtures import html_bodies, page_table
from streamlit.testing.v1 import AppTest

from etl.principals import Principal
from tracker import corrections, db

EDITOR = Principal(username="awa.diallo", role="editor", display_name="Awa Diallo")
VIEWER = Principal(username="lecteur", role="viewer")
CHAD = """Tchad : 3,4 millions de personnes dans le besoin

N'Djamena, le 12 mars 2024 – Selon le bureau de coordination humanitaire, le Tchad compte 3,4 millions \
de personnes dans le besoin d'assistance humanitaire cette année. Le gouvernement s'est engagé à ouvrir \
de nouveaux centres de santé avant la fin de l'année.
"""


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    from etl.pipeline import build

    base = tmp_path_factory.mktemp("seeds")
    shutil.copytree(ROOT / "data" / "articles", base / "articles")
    with tables_backend.publishing_into(base / "tables"):
        build(base / "articles", base / "tables", log=None, progress=False, today=date.today())
    return base


@pytest.fixture
def site(seeds, tmp_path, monkeypatch):
    shutil.copytree(seeds / "articles", tmp_path / "articles")
    tables_backend.copy_tables(seeds / "tables", tmp_path / "tables")
    url = f"sqlite:///{tmp_path / 'tracker.sqlite'}"
    for key, value in {"SAHEL_ARTICLES_DIR": tmp_path / "articles", "SAHEL_TABLES_DIR": tmp_path / "tables",
                       "SAHEL_DATA_DIR": tmp_path / "data", "SAHEL_IMPORTS_DIR": tmp_path / "imports",
                       "DATABASE_URL": url, "TRACKER_SECRETS_FILE": tmp_path / "absent.toml"}.items():
        monkeypatch.setenv(key, str(value))
    monkeypatch.delenv("TRACKER_USERS", raising=False)
    st.cache_data.clear()
    yield tmp_path, url
    st.cache_data.clear()
    db.dispose_engines()


def open_page(page: str, principal=None, **state) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
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


def test_an_editor_pastes_previews_and_adds_an_article(site):
    folder, _url = site
    at = open_page("sources", EDITOR, intake_mode="paste")
    at.text_area(key="intake_text").input(CHAD)
    at.text_input(key="intake_title").input("Tchad : les besoins humanitaires")
    at.text_input(key="intake_source").input("Journal d'essai")
    at.text_input(key="intake_url").input("https://example.org/tchad")
    at.button(key="intake_preview").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "Aperçu : Tchad-les-besoins-humanitaires.txt" in shown
    assert 'class="sp sp-figure"' in shown and "3,4 millions" in shown  # spans highlighted by the viewer
    assert not (folder / "articles" / "Tchad-les-besoins-humanitaires.txt").exists()  # nothing saved yet
    at.button(key="intake_accept").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Article ajouté (Tchad-les-besoins-humanitaires.txt)" in s.value for s in at.success)
    saved = folder / "articles" / "Tchad-les-besoins-humanitaires.txt"
    assert saved.read_text(encoding="utf-8") == CHAD
    figures = tables_backend.read_table(folder / "tables", "figures")
    assert 3_400_000 in set(figures.loc[figures["article_id"] == "tchad-les-besoins-humanitaires", "value"])
    assert at.session_state["source_article"] == "tchad-les-besoins-humanitaires"
    # the new figure is on the Besoins page (every page reads the same loaders)
    needs = open_page("needs", EDITOR)
    assert "Tchad" in page_table(needs).to_string()


def test_a_duplicate_paste_is_refused_and_nothing_is_saved(site):
    folder, _url = site
    existing = sorted((folder / "articles").iterdir())[0]
    at = open_page("sources", EDITOR, intake_mode="paste")
    at.text_area(key="intake_text").input(existing.read_text(encoding="utf-8"))
    at.text_input(key="intake_title").input("Copie")
    at.button(key="intake_preview").click().run()
    errors = [e.value for e in at.error]
    assert errors == [f"Copie.txt : doublon de {existing.name}, même contenu : rien n'est enregistré "
                      f"(duplicate of {existing.name}: same content, nothing saved)"]
    assert not (folder / "articles" / "Copie.txt").exists()


def test_viewers_see_no_intake_form(site):
    at = open_page("sources", VIEWER)
    assert "Réservé aux éditeurs : connectez-vous dans le panneau latéral pour ajouter un article." in texts(at)
    with pytest.raises(KeyError):
        at.text_area(key="intake_text")
    anonymous = open_page("sources")
    assert "Réservé aux éditeurs" in texts(anonymous)


def test_an_editor_corrects_then_rejects_a_figure_and_every_page_follows(site):
    folder, url = site
    figures = tables_backend.read_table(folder / "tables", "figures")
    target = figures[figures["value"].notna()].iloc[0]
    article_id, figure_id = target["article_id"], target["figure_id"]
    at = open_page("sources", EDITOR, source_article=article_id)
    pick = at.selectbox(key=f"correct_pick_{article_id}")
    pick.set_value(("figures", figure_id)).run()
    at.text_input(key=f"correct_figures_{figure_id}_value").input("1234567")
    at.text_input(key=f"correct_reason_figures_{figure_id}").input("erreur de lecture")
    at.button(key=f"correct_save_figures_{figure_id}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Correction enregistrée" in s.value for s in at.success), texts(at)
    engine = db.get_engine(url)
    stored = corrections.get_correction("figures", figure_id, engine=engine)
    assert stored["changes"] == {"value": 1234567.0} and stored["updated_by"] == EDITOR.username
    needs = open_page("needs", EDITOR)
    table = page_table(needs)
    assert "1 234 567" in table.to_string().replace("\u202f", " ")
    assert any("corrigée : Valeur (awa.diallo)" in str(v) for v in table["Correction"])
    # rejected: gone from the pages, back with the toggle
    at = open_page("sources", EDITOR, source_article=article_id)
    at.selectbox(key=f"correct_pick_{article_id}").set_value(("figures", figure_id)).run()
    at.button(key=f"correct_toggle_figures_{figure_id}").click().run()
    assert corrections.get_correction("figures", figure_id, engine=engine)["rejected"] is True
    needs = open_page("needs", EDITOR)
    assert "1 234 567" not in page_table(needs).to_string().replace("\u202f", " ")
    shown = open_page("needs", EDITOR, _show_rejected=True)
    assert any("rejetée (awa.diallo)" in str(v) for v in page_table(shown)["Correction"])


def test_import_on_the_needs_page_refuses_a_malformed_file_and_the_discrepancies_show(site):
    """The import form's file uploader cannot be driven by AppTest: the browser test uploads; here the
    CLI imports (the same etl.imports) and the page shows the result."""
    import subprocess
    import sys

    folder, _url = site

    def source_control(page) -> list:
        return [b for b in page.get("button_group") if b.key == "needs_figure_sources"]

    assert source_control(open_page("needs", EDITOR)) == []  # nothing imported yet: no articles/imports choice
    bad = subprocess.run([sys.executable, "-m", "etl", "import-figures", str(FIXTURES / "imports" / "bad_rows.csv"),
                          "--no-build"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "ligne 3" in bad.stderr
    good = subprocess.run([sys.executable, "-m", "etl", "import-figures",
                           str(FIXTURES / "imports" / "needs_hapi_example.csv")], capture_output=True, text=True,
                          timeout=300)
    assert good.returncode == 0, good.stderr
    assert [p.name for p in (folder / "imports").iterdir()] == ["needs_hapi_example.csv"]
    st.cache_data.clear()
    needs = open_page("needs", EDITOR)
    assert len(source_control(needs)) == 1  # the tables changed: the choice appears
    table = page_table(needs).to_string()
    assert "Aperçu des besoins (exemple)" in table
    only_imports = open_page("needs", EDITOR, _figure_sources="import")
    # an official figure names its file and its period written for people, never "1 janv. 2024"
    assert set(page_table(only_imports)["Source"]) == {"Aperçu des besoins (exemple), 2024"}
    shown = texts(needs)
    assert "Écarts entre sources" in shown


def test_a_corrected_decision_is_marked_on_the_decisions_page_and_a_rejected_one_hidden(site):
    folder, url = site
    decisions = tables_backend.read_table(folder / "tables", "decisions")
    first, second = decisions.iloc[0], decisions.iloc[1]
    engine = db.get_engine(url)
    corrections.save_correction("decisions", first["decision_id"], original=first.to_dict(), expected_version=0,
                                editor=EDITOR, changes={"text": "Texte corrigé par l'éditrice."}, engine=engine)
    corrections.reject_row("decisions", second["decision_id"], original=second.to_dict(), expected_version=0,
                           editor=EDITOR, reason="fausse extraction", engine=engine)
    def notes(page) -> dict:  # source link of each listed decision (its span) → its correction note
        table = page_table(page)
        return dict(zip(table["Source"].str.extract(r"span=(\d+-\d+)")[0], table["Correction"]))

    def span(row) -> str:
        return f"{int(row['char_start'])}-{int(row['char_end'])}"

    table = notes(open_page("decisions", VIEWER))
    assert table[span(first)] == "corrigée : Texte (awa.diallo)"
    assert span(second) not in table and len(table) == len(decisions) - 1
    shown = notes(open_page("decisions", VIEWER, _show_rejected=True))
    assert shown[span(second)] == "rejetée (awa.diallo)"
