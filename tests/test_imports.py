"""Official figures from HXL / HDX HAPI needs CSV files: a good file imported (library and CLI),
malformed files rejected with the file, the line and the problem named and nothing stored,
imports merged into figures.csv by every build."""
from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
import tables_backend
from conftest import FIXTURES, ROOT

from etl import imports
from etl.pipeline import build
from etl.principals import PermissionDenied, Principal

EDITOR = Principal(username="awa.diallo", role="editor")
VIEWER = Principal(username="lecteur", role="viewer")
IMPORTS = FIXTURES / "imports"
HAPI = IMPORTS / "needs_hapi_example.csv"
WIDE = IMPORTS / "needs_hxl_wide_example.csv"


def parse(path, **kw):
    return imports.parse_figures_csv(path.read_bytes(), file_name=path.name, **kw)


# --------------------------------------------------------------------------- good files

def test_hapi_style_file_with_hxl_row_keeps_the_totals():
    result = parse(HAPI)
    assert result.ok and result.problems == []
    rows = {(r["country_iso3"], r["admin1"], r["indicator"]): r for r in result.rows}
    assert set(rows) == {("BFA", None, "people_in_need"), ("BFA", None, "targeted"), ("MLI", None, "people_in_need"),
                         ("MLI", "Tombouctou", "people_in_need"), ("NER", None, "affected")}
    bfa = rows[("BFA", None, "people_in_need")]
    assert bfa["value"] == 6_300_000 and bfa["unit"] == "people" and bfa["qualifier"] == "exact"
    assert (bfa["reference_date"], bfa["reference_precision"], bfa["reference_end_date"]) == ("2024-01-01", "day", "2024-12-31")
    assert bfa["source_kind"] == "import" and bfa["source_name"] == "Aperçu des besoins (exemple)"
    assert bfa["article_id"] is None and bfa["quote"] is None
    # a sector other than intersectoral, a population category and the whole population are skipped, counted
    assert result.skipped == {"breakdown": 2, "whole_population": 1}
    assert "2 lignes ventilées" in result.skipped_text()
    # stable ids: the same file gives the same ids; another source gives others
    assert [r["figure_id"] for r in parse(HAPI).rows] == [r["figure_id"] for r in result.rows]
    other = imports.parse_figures_csv(HAPI.read_bytes().replace(b"(exemple)", b"(autre)"), file_name="x.csv")
    assert not {r["figure_id"] for r in other.rows} & {r["figure_id"] for r in result.rows}


def test_wide_hxl_file_needs_a_source_and_takes_it_from_the_argument():
    missing = parse(WIDE)
    assert missing.rows == [] and len(missing.problems) == 1
    assert missing.problems[0].startswith("needs_hxl_wide_example.csv : colonnes obligatoires manquantes : source")
    result = parse(WIDE, source="Plan de réponse (exemple)")
    assert result.ok
    values = {(r["admin1"], r["indicator"]): r["value"] for r in result.rows}
    assert values == {(None, "people_in_need"): 450_000, (None, "targeted"): 300_000,
                      ("Savanes", "people_in_need"): 320_000, ("Savanes", "targeted"): 210_000}
    first = result.rows[0]
    assert first["country_iso3"] == "TGO" and first["source_name"] == "Plan de réponse (exemple)"
    assert (first["reference_date"], first["reference_precision"], first["reference_end_date"]) == ("2024-01", "month", "2024-12")


@pytest.mark.parametrize("text, value", [("1234567", 1234567), ("1 234 567", 1234567), ("1\u202f234\u202f567", 1234567),
                                         ("1,234,567", 1234567), ("1.234.567", 1234567), ("1234567.0", 1234567),
                                         ("1,000", 1000), ("0", 0)])
def test_population_formats(text, value):
    assert imports.parse_population(text) == value


@pytest.mark.parametrize("text", ["", "abc", "-5", "1,5", "12 34", "1e6", "sept millions"])
def test_population_rejects(text):
    assert imports.parse_population(text) is None


def test_admin1_code_alone_gives_the_country_and_dates_in_several_forms():
    data = (b"admin1_code,admin1_name,population_status,population,reference_period_start,reference_period_end\n"
            b"ML06,Tombouctou,in need,850000,2024-01-01T00:00:00,31/12/2024\n"
            b"BFA001,Boucle du Mouhoun,AFF,1000,2024,\n")
    result = imports.parse_figures_csv(data, file_name="codes.csv", source="Exemple")
    assert result.ok, result.problems
    first, second = result.rows
    assert (first["country_iso3"], first["admin1"], first["indicator"]) == ("MLI", "Tombouctou", "people_in_need")
    assert (first["reference_date"], first["reference_end_date"]) == ("2024-01-01", "2024-12-31")
    assert (second["country_iso3"], second["indicator"], second["reference_date"], second["reference_precision"],
            second["reference_end_date"]) == ("BFA", "affected", "2024", "year", "2024-12-31")


def test_semicolon_separated_file_with_a_bom():
    data = ("\ufefflocation_code;population_status;population;reference_period_start;source\n"
            "NER;INN;4 300 000;2024-01-01;Exemple\n").encode("utf-8")
    result = imports.parse_figures_csv(data, file_name="ner.csv")
    assert result.ok and result.rows[0]["value"] == 4_300_000


# --------------------------------------------------------------------------- malformed files

def test_file_without_header_is_rejected():
    result = parse(IMPORTS / "bad_no_header.csv")
    assert result.rows == []
    assert result.problems == ["bad_no_header.csv : pas de ligne d'en-tête reconnue : noms de colonnes (HDX HAPI) ou "
                               "hashtags HXL attendus en première ligne (no header row: HDX HAPI column names or HXL "
                               "hashtags expected)"]


def test_missing_required_columns_are_named():
    result = parse(IMPORTS / "bad_missing_columns.csv")
    assert result.rows == [] and len(result.problems) == 1
    assert "statut de population (population_status / #indicator+code)" in result.problems[0]
    assert "source" in result.problems[0] and result.problems[0].startswith("bad_missing_columns.csv : ")


def test_every_bad_row_is_named_with_its_line_and_problem_and_nothing_is_kept():
    result = parse(IMPORTS / "bad_rows.csv")
    assert result.rows == []  # line 2 is good, but one bad row rejects the file
    assert result.problems == [
        "bad_rows.csv : ligne 3 : population non numérique « sept millions » (line 3: population is not a number: 'sept millions')",
        "bad_rows.csv : ligne 4 : code pays « XYZ » inconnu (code ISO 3166 alpha-3 attendu, p. ex. MLI) "
        "(line 4: unknown country code 'XYZ' (ISO 3166 alpha-3 expected, e.g. MLI))",
        "bad_rows.csv : ligne 5 : code admin-1 « BF46 » invalide (NE… ou NER…) (line 5: invalid admin-1 code 'BF46' for NER)",
        "bad_rows.csv : ligne 6 : date de début de période invalide « 2024-13-45 » (AAAA-MM-JJ attendu) "
        "(line 6: invalid reference period start '2024-13-45' (YYYY-MM-DD expected))",
        "bad_rows.csv : ligne 7 : période inversée : fin 2024-01-01 avant début 2024-06-01 "
        "(line 7: period ends (2024-01-01) before it starts (2024-06-01))",
    ]


@pytest.mark.parametrize("data, problem", [
    (b"", "fichier vide"),
    (b"   \n\n", "fichier vide"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "fichier binaire"),
    (b"location_code,population_status,population,reference_period_start,source\n"
     b"BFA,INN,100,2024,S\nBFA,INN,200,2024,S\n", "ligne 3 : même lieu, statut et période que la ligne 2"),
    (b"location_code,population_status,population,reference_period_start,source\nBFA,people,100,2024,S\n",
     "ligne 2 : statut de population « people » inconnu"),
    (b"location_code,population_status,population,reference_period_start,source\nBFA,INN,,2024,S\n",
     "ligne 2 : population non numérique « vide »"),
    (b"location_code,population_status,population,reference_period_start,source\nBFA,INN,100,,S\n",
     "ligne 2 : date de début de période invalide « vide »"),
    (b"location_code,population_status,population,reference_period_start\nBFA,INN,100,2024\n",
     "colonnes obligatoires manquantes : source"),
    (b"location_code,population_status,population,reference_period_start,source\nBFA,POP,100,2024,S\n",
     "aucune ligne de chiffre à importer"),
])
def test_malformed_content(data, problem):
    result = imports.parse_figures_csv(data, file_name="besoins.csv")
    assert result.rows == [] and not result.ok
    assert any(p.startswith("besoins.csv : ") and problem in p for p in result.problems), result.problems


HEADER = "location_code,population_status,population,reference_period_start,source\n"


@pytest.mark.parametrize("value, problem", [
    ("-5", "ligne 3 : population négative « -5 » : un effectif est positif ou nul"),
    ("− 1 200", "ligne 3 : population négative « − 1 200 »"),
    ("100000000000000000000000", "ligne 3 : population invraisemblable « 100000000000000000000000 » : plus de "
                                 "10 000 000 000 personnes"),
    ("12000000001", "ligne 3 : population invraisemblable"),
    ("beaucoup", "ligne 3 : population non numérique « beaucoup »"),
])
def test_populations_out_of_range_are_named_and_nothing_is_imported(value, problem):
    data = (HEADER + "MLI,INN,1000,2024,OCHA\n" + f'BFA,INN,"{value}",2024,OCHA\n').encode()
    result = imports.parse_figures_csv(data, file_name="besoins.csv")
    assert not result.ok and result.rows == []
    assert len(result.problems) == 1 and result.problems[0].startswith(f"besoins.csv : {problem}"), result.problems
    assert imports.parse_figures_csv((HEADER + "MLI,INN,10000000000,2024,OCHA\n").encode(), file_name="x.csv").ok
    assert imports.parse_figures_csv((HEADER + "MLI,INN,0,2024,OCHA\n").encode(), file_name="x.csv").ok


def test_a_file_over_the_row_limit_is_refused_with_its_count(tmp_path):
    n = imports.MAX_IMPORT_ROWS + 1
    data = (HEADER + "".join(f"MLI,INN,{i},2024,Source {i}\n" for i in range(n))).encode()
    store = tmp_path / "imports"
    result = imports.import_figures(data, principal=EDITOR, file_name="enorme.csv", imports_dir=store)
    assert not result.ok and result.rows == []
    assert result.problems == ["enorme.csv : trop de lignes : 50 001, limite 50 000 ; découpez le fichier ou "
                               "gardez les totaux (too many rows: 50,001, limit 50,000; split the file or keep the totals)"]
    assert not store.exists()


# --------------------------------------------------------------------------- the store

def test_import_stores_a_canonical_copy_that_reads_back_to_the_same_rows(tmp_path):
    store = tmp_path / "imports"
    result = imports.import_figures(HAPI.read_bytes(), principal=EDITOR, file_name="Besoins HNO 2024.csv", imports_dir=store)
    assert result.ok and result.saved_path == store / "besoins_hno_2024.csv"
    assert [p.name for p in store.iterdir()] == ["besoins_hno_2024.csv"]  # no temporary file left
    lines = result.saved_path.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("#country+code,#adm1+code,#adm1+name,#indicator+code,#population")
    again = imports.parse_figures_csv(result.saved_path.read_bytes(), file_name=result.saved_path.name)
    columns = ["figure_id", "country_iso3", "admin1", "indicator", "value", "reference_date", "reference_end_date",
               "source_name", "label"]
    assert [{c: r[c] for c in columns} for r in again.rows] == [{c: r[c] for c in columns} for r in result.rows]
    # the same file name replaces its earlier import; the same figures under another name are refused
    assert imports.import_figures(HAPI.read_bytes(), principal=EDITOR, file_name="Besoins HNO 2024.csv", imports_dir=store).ok
    clash = imports.import_figures(HAPI.read_bytes(), principal=EDITOR, file_name="copie.csv", imports_dir=store)
    assert not clash.ok and "déjà importés depuis besoins_hno_2024.csv" in clash.problems[0]
    assert sorted(p.name for p in store.iterdir()) == ["besoins_hno_2024.csv"]


@pytest.mark.parametrize("who", [VIEWER, None], ids=["viewer", "nobody"])
def test_a_viewer_or_nobody_cannot_import_or_remove_an_import(tmp_path, who):
    """Called directly, past any page: refused where the write happens, the store untouched."""
    store = tmp_path / "imports"
    with pytest.raises(PermissionDenied) as refused:
        imports.import_figures(HAPI.read_bytes(), principal=who, file_name="hno.csv", imports_dir=store)
    assert "droit de lecture" in str(refused.value)
    assert not store.exists()
    assert imports.import_figures(HAPI.read_bytes(), principal=EDITOR, file_name="hno.csv", imports_dir=store).ok
    with pytest.raises(PermissionDenied):
        imports.remove_import("hno.csv", store, principal=who)
    assert [p.name for p in store.iterdir()] == ["hno.csv"]


def test_a_rejected_file_stores_nothing(tmp_path):
    store = tmp_path / "imports"
    result = imports.import_figures((IMPORTS / "bad_rows.csv").read_bytes(), principal=EDITOR, file_name="bad_rows.csv",
                                    imports_dir=store)
    assert not result.ok and result.saved_path is None
    assert not store.exists() or list(store.iterdir()) == []


def test_a_broken_file_in_the_store_is_skipped_with_a_warning(tmp_path):
    store = tmp_path / "imports"
    imports.import_figures(HAPI.read_bytes(), principal=EDITOR, file_name="hno.csv", imports_dir=store)
    (store / "abime.csv").write_bytes((IMPORTS / "bad_rows.csv").read_bytes())
    rows, warnings = imports.load_imports(store)
    assert len(rows) == 5
    assert len(warnings) == 1 and warnings[0].startswith("abime.csv : import ignoré")


# --------------------------------------------------------------------------- builds

def test_every_build_merges_the_imports_into_figures_csv(tmp_path):
    articles, tables, store = tmp_path / "articles", tmp_path / "tables", tmp_path / "imports"
    articles.mkdir()
    imports.import_figures(HAPI.read_bytes(), principal=EDITOR, file_name="hno.csv", imports_dir=store)
    build(articles, tables, log=None, progress=False, today=date(2025, 1, 1))  # default: imports/ next to articles/
    figures = tables_backend.read_table(tables, "figures")
    assert len(figures) == 5 and set(figures["source_kind"]) == {"import"}
    assert set(figures["source_name"]) == {"Aperçu des besoins (exemple)"}
    assert set(figures["reference_end_date"]) == {"2024-12-31"}
    raw = tables_backend.read_csv(tables, "figures", dtype=str, keep_default_na=False)
    assert "6300000" in set(raw["value"])  # plain numbers in the file
    build(articles, tables, log=None, progress=False, today=date(2025, 1, 1), force=True)
    assert len(tables_backend.read_table(tables, "figures")) == 5  # a rebuild keeps them
    imports.remove_import("hno.csv", store, principal=EDITOR)
    build(articles, tables, log=None, progress=False, today=date(2025, 1, 1))
    assert tables_backend.read_table(tables, "figures").empty


def test_cli_imports_a_good_file_and_refuses_a_malformed_one(tmp_path):
    articles, tables, store = tmp_path / "articles", tmp_path / "tables", tmp_path / "store"
    articles.mkdir()

    def run(*args):
        return subprocess.run([sys.executable, "-m", "etl", "import-figures", *args, "--imports", str(store),
                               "--articles", str(articles), "--out", str(tables)],
                              cwd=tmp_path, capture_output=True, text=True, timeout=300)

    bad = run(str(IMPORTS / "bad_rows.csv"), "--source", "Exemple")
    assert bad.returncode == 2
    assert "bad_rows.csv : ligne 3 : population non numérique « sept millions »" in bad.stderr
    assert "rien n'a été importé" in bad.stderr
    assert not store.exists() and not tables_backend.published(tables)

    good = run(str(WIDE), "--source", "Plan de réponse (exemple)")
    assert good.returncode == 0, good.stderr
    assert "4 chiffres importés" in good.stdout
    figures = tables_backend.read_table(tables, "figures")
    assert len(figures) == 4 and set(figures["country_iso3"]) == {"TGO"}
    assert set(figures["source_name"]) == {"Plan de réponse (exemple)"}
    assert str(ROOT) not in str(tmp_path)
