"""The download menu and the briefing-pack button under Streamlit's AppTest: localised labels,
the files a click produces (deferred downloads, read back), presentation mode, failures,
and a download menu on every page."""
from __future__ import annotations

import io
import json

import hxl
import openpyxl
import pandas as pd
import pytest
import streamlit as st
from conftest import ROOT, skip_or_fail
from dashboard_fixtures import write_tables
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

TIMEOUT = 180


@pytest.fixture
def deferred(monkeypatch):
    """What each deferred download button would send on click: {file name: (mime, callable)}.
    Wraps MediaFileManager.add_deferred (the real one still runs)."""
    files: dict[str, tuple[str, object]] = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        files[file_name] = (mimetype, data_callable)
        return original(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return files


@pytest.fixture
def tables(tmp_path, monkeypatch):
    folder = write_tables(tmp_path / "tables")
    monkeypatch.setenv("SAHEL_TABLES_DIR", str(folder))
    monkeypatch.setenv("SAHEL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tracker.sqlite'}")
    st.cache_data.clear()
    yield folder
    st.cache_data.clear()


def menu_app(folder: str, hxl_table=None, with_geojson=False, lang=None, present=False):
    import streamlit as st
    from dashboard_fixtures import read_tables, views_of

    from dashboard import geojson
    from dashboard.downloads import download_buttons
    from etl import places

    if lang:
        st.session_state["lang"] = lang
    st.session_state["present"] = present
    figures = views_of(read_tables(folder))["figures"]
    layers = geojson.merge_layers({"corridors": geojson.corridors_geojson(places.load_corridors())}) if with_geojson else None
    st.write("page")
    download_buttons(figures, name="Chiffres affichés", hxl_table=hxl_table, geojson=layers)


def run_menu(folder, **kwargs) -> AppTest:
    at = AppTest.from_function(menu_app, kwargs={"folder": str(folder), **kwargs}, default_timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def menus(at: AppTest) -> list[str]:
    """The page's download menus (neither the sidebar's « Espace éditeurs » popover nor the
    Décisions « Filtres et tri » menu is one)."""
    return [p.proto.popover.label for p in at.main.get("popover") if p.get("download_button")]


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.get("download_button")]


def test_menu_offers_every_format_and_the_files_are_right(tables, deferred):
    at = run_menu(tables, hxl_table="figures", with_geojson=True)
    assert menus(at) == ["Télécharger"]
    assert labels(at) == ["CSV (Excel)", "CSV", "Classeur Excel (XLSX)", "CSV balisé HXL (HDX)",
                          "GeoJSON (couches de la carte)"]
    assert set(deferred) == {"chiffres_affiches_excel.csv", "chiffres_affiches.csv", "chiffres_affiches.xlsx",
                             "chiffres_affiches_hxl.csv", "chiffres_affiches.geojson"}
    excel = deferred["chiffres_affiches_excel.csv"][1]()  # French Excel: ";" between fields, "," before decimals
    assert excel.startswith(b"\xef\xbb\xbf") and excel.decode("utf-8-sig").splitlines()[0].startswith("figure_id;")
    excel_frame = pd.read_csv(io.BytesIO(excel), encoding="utf-8-sig", sep=";", decimal=",", dtype=str,
                              keep_default_na=False)
    assert len(excel_frame) == 6 and "Tillabéri" in set(excel_frame["admin1"])
    mime, make = deferred["chiffres_affiches.csv"]
    csv = make()
    assert mime == "text/csv" and csv.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(frame) == 6 and "Tillabéri" in set(frame["admin1"])
    book = openpyxl.load_workbook(io.BytesIO(deferred["chiffres_affiches.xlsx"][1]()))
    assert book.active.max_row == 8  # labels, codes, six figures
    assert (book.active["A1"].value, book.active["A2"].value) == ("Identifiant du chiffre", "figure_id")
    source = hxl.data(io.BytesIO(deferred["chiffres_affiches_hxl.csv"][1]()))
    assert "#inneed" in [c.display_tag for c in source.columns]
    mime, make = deferred["chiffres_affiches.geojson"]
    assert mime == "application/geo+json"
    assert {f["properties"]["layer"] for f in json.loads(make())["features"]} == {"corridors"}


def test_menu_in_english_and_without_hxl_or_map(tables, deferred):
    at = run_menu(tables, lang="en")
    assert menus(at) == ["Download"]
    assert labels(at) == ["CSV (Excel)", "CSV", "Excel workbook (XLSX)"]
    assert deferred["chiffres_affiches_excel.csv"][1]().decode("utf-8-sig").splitlines()[0].startswith("figure_id,")
    assert "6 rows, current filters applied." in [c.value for c in at.caption]


def test_menu_hidden_in_presentation_mode(tables):
    at = run_menu(tables, hxl_table="figures", present=True)
    assert not at.get("popover") and not labels(at)


# --------------------------------------------------------------------------- briefing button

def pack_app():
    from datetime import date

    from dashboard.downloads import briefing_button
    from dashboard.filters import Filters

    briefing_button(Filters(), today=date(2026, 6, 30))


def test_briefing_button_builds_the_pack(tables, deferred):
    from dashboard import briefing_pack

    if not briefing_pack.find_chromium():
        skip_or_fail("chromium not found (apt-get install chromium)")
    at = AppTest.from_function(pack_app, default_timeout=TIMEOUT).run()
    assert [b.label for b in at.button] == ["Préparer la note de synthèse (PowerPoint et PDF)"]
    assert not labels(at)  # nothing to download before the click
    at.button[0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert labels(at) == ["Note de synthèse (PowerPoint)", "Note de synthèse (PDF)"]
    assert any(c.value.startswith("Note prête en ") for c in at.caption)
    at.run()  # a rerun keeps the pack
    assert labels(at) == ["Note de synthèse (PowerPoint)", "Note de synthèse (PDF)"]
    at.session_state["lang"] = "en"
    at.run()  # made in French: not offered in English
    assert not labels(at)


def test_briefing_button_says_what_failed(tables, monkeypatch):
    monkeypatch.setenv("SAHEL_CHROMIUM", "/nonexistent/chromium")
    at = AppTest.from_function(pack_app, default_timeout=TIMEOUT).run()
    at.button[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "La note de synthèse n'a pas pu être produite : chromium introuvable : installez-le avec "
        "« apt-get install chromium » (ou donnez son chemin dans la variable SAHEL_CHROMIUM)"]
    assert not labels(at)


def test_specs_build_nothing_until_clicked():
    from dashboard.downloads import download_specs

    calls = []

    def layers():
        calls.append(1)
        return {"type": "FeatureCollection", "features": []}

    frame = pd.DataFrame({"country_iso3": ["MLI"], "indicator": ["people_in_need"], "value": [4.8e6],
                          "unit": ["people"], "qualifier": ["exact"]})
    specs = download_specs(frame, name="Besoins par pays", lang="en", hxl_table="figures", geojson=layers)
    assert [s.file_name for s in specs] == ["besoins_par_pays_excel.csv", "besoins_par_pays.csv",
                                            "besoins_par_pays.xlsx", "besoins_par_pays_hxl.csv",
                                            "besoins_par_pays.geojson"]
    assert not calls
    assert json.loads(specs[4].data()) == {"type": "FeatureCollection", "features": []} and calls == [1]
    assert b"4,800,000 people" in specs[1].data()  # figure_text in the reader's language


# --------------------------------------------------------------------------- every page

def open_page(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page, files", [
    ("overview", {"besoins_par_pays_excel.csv", "besoins_par_pays.csv", "besoins_par_pays.xlsx", "besoins_par_pays_hxl.csv",
                  "besoins_par_pays.geojson"}),
    ("map", {"carte_excel.csv", "carte.csv", "carte.xlsx", "carte_hxl.csv", "carte.geojson"}),
    ("needs", {"chiffres_excel.csv", "chiffres.csv", "chiffres.xlsx", "chiffres_hxl.csv"}),
    ("decisions", {"decisions_excel.csv", "decisions.csv", "decisions.xlsx", "decisions_hxl.csv"}),
    ("timeline", {"evenements_excel.csv", "evenements.csv", "evenements.xlsx", "evenements_hxl.csv", "evenements.geojson"}),
    ("actors", {"acteurs_excel.csv", "acteurs.csv", "acteurs.xlsx", "acteurs_hxl.csv"}),
    ("sources", {"articles_sources_excel.csv", "articles_sources.csv", "articles_sources.xlsx", "articles_sources_hxl.csv"}),
])
def test_every_page_offers_its_downloads(tables, deferred, page, files):
    at = open_page(page)
    assert "Télécharger" in menus(at)
    assert files <= set(deferred)
    for name in files:  # each file builds, from what the page shows
        data = deferred[name][1]()
        assert len(data) > 100, name
    if page == "map":  # the layers shown by default: needs, corridors, events
        layers = {f["properties"]["layer"] for f in json.loads(deferred["carte.geojson"][1]())["features"]}
        assert layers == {"needs", "corridors", "events"}
    if page == "overview":
        assert "Préparer la note de synthèse (PowerPoint et PDF)" in [b.label for b in at.button]


def test_decisions_menu_also_holds_the_tracker_exports(tables, deferred):
    """Décisions: one menu holds the table's formats and the tracker's own files (statuses as saved,
    history), built when clicked, for the decisions the page lists."""
    at = open_page("decisions")
    assert menus(at) == ["Télécharger"]
    assert labels(at)[-3:] == ["Suivi à jour (CSV)", "Suivi et historique (XLSX)", "Historique des changements (CSV)"]
    assert "Suivi tel qu'enregistré au moment du clic :" in [c.value for c in at.caption]
    tracker_files = {name for name in deferred if name.startswith(("suivi_decisions_", "historique_decisions_"))}
    assert {name.rsplit("_", 1)[0] + "." + name.rsplit(".", 1)[1] for name in tracker_files} == {
        "suivi_decisions.csv", "suivi_decisions.xlsx", "historique_decisions.csv"}
    shown = pd.read_csv(io.BytesIO(deferred["decisions.csv"][1]()), encoding="utf-8-sig", dtype=str,
                        keep_default_na=False)
    csv_name = next(n for n in tracker_files if n.startswith("suivi_") and n.endswith(".csv"))
    tracker = pd.read_csv(io.BytesIO(deferred[csv_name][1]()), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(tracker) == len(shown) > 0
    assert set(tracker["decision_id"]) == set(shown["decision_id"])
    assert set(tracker["status_label"]) <= {"Non commencée", "En cours", "Largement réalisée", "Achevée", "Bloquée", "Abandonnée"}
    book = openpyxl.load_workbook(io.BytesIO(deferred[csv_name.replace(".csv", ".xlsx")][1]()))
    assert book.sheetnames == ["Décisions", "Historique"]
    assert book["Décisions"].max_row == len(tracker) + 2  # labels, codes, the decisions


def test_page_downloads_follow_filters_and_language(tables, deferred):
    at = open_page("timeline", countries="TGO", lang="en")
    assert "Download" in menus(at)
    frame = pd.read_csv(io.BytesIO(deferred["events.csv"][1]()), encoding="utf-8-sig", dtype=str,
                        keep_default_na=False)
    assert set(frame["country_iso3"]) == {"TGO"} and len(frame) == 2
    assert "Launch" in set(frame["kind_label"])
    features = json.loads(deferred["events.geojson"][1]())["features"]
    assert {f["properties"]["place"] for f in features} == {"Kara", "Lomé"}


def test_presentation_mode_hides_downloads(tables):
    at = open_page("needs", present="1")
    assert not menus(at) and not labels(at)
