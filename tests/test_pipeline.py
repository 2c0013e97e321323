"""The build: every table written, incremental, atomic, validated, stable ids."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import tables_backend

import etl.extract
from etl import pipeline
from etl.extract import Extraction
from etl.pipeline import BuildError, article_id_for, assign_article_ids, build, locate_rows
from etl.schema import TABLES
from etl.text import stable_id

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "articles"

ARTICLES = {
    "niamey.txt": (
        "Niger : plus de 350 000 sinistrés après les inondations\n\n"
        "Niamey, le 14 septembre – Le ministre de l'Action humanitaire a lancé jeudi un plan de réponse "
        "d'urgence. Selon les chiffres officiels, plus de 350 000 personnes ont été affectées par les pluies "
        "diluviennes depuis juin dans les régions de Tillabéri, Dosso et Maradi.\n"
    ),
    "lome.txt": (
        "Togo : un atelier sur l'alerte précoce s'ouvre à Lomé\n\n"
        "Les experts de la CEDEAO se réunissent depuis lundi à Lomé pour harmoniser les systèmes d'alerte "
        "précoce. Les participants ont convenu de partager leurs données sur les crises climatiques.\n"
    ),
    "ouaga.txt": (
        "Burkina Faso : près de 45 000 enfants vaccinés dans les zones sous blocus\n\n"
        "Le ministère de la Santé annonce que les équipes mobiles ont vacciné près de 45 000 enfants dans les "
        "communes de Djibo et d'Arbinda, ravitaillées par voie aérienne.\n"
    ),
}
NEW_ARTICLE = (
    "Mali : les bailleurs s'engagent à financer le plan de réponse\n\n"
    "Réunis à Bamako, les bailleurs se sont engagés à mobiliser 200 millions de dollars pour la réponse "
    "humanitaire, selon un communiqué publié à l'issue de la rencontre.\n"
)
TODAY = date(2025, 1, 31)


def write_articles(folder: Path, articles: dict[str, str] = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(articles: Path, out: Path, **kw):
    return build(articles, out, progress=False, log=None, today=TODAY, **kw)


def snapshot(out: Path) -> dict[str, str]:
    """What a reader sees: the current build's tables (as CSV) and texts, by name (either back end)."""
    return tables_backend.snapshot(out)


@pytest.fixture
def spy(monkeypatch):
    """Counts calls to the real extractor (it still runs)."""
    calls: list[str] = []
    real = etl.extract.extract_article

    def counting(text, **kw):
        calls.append(kw["article_id"])
        return real(text, **kw)

    monkeypatch.setattr(etl.extract, "extract_article", counting)
    return calls


def first_sentence_figure(text, *, article_id, published_date=None, title=None):
    """A stand-in extractor emitting one traceable figure row per article (tests the assembly only)."""
    start = text.index("\n\n") + 2
    end = text.index(".", start) + 1
    quote = text[start:end]
    return Extraction(
        title=title or text[: text.index("\n")], published_date=published_date, language="fr",
        figures=[{
            "figure_id": stable_id("fig", article_id, quote), "country_iso3": "NER", "place": "Niamey",
            "indicator": "affected", "value": 350000.0, "unit": "people", "qualifier": "at_least",
            "label": "personnes affectées", "quote": quote, "char_start": start, "char_end": end,
        }],
        events=[{
            "event_id": stable_id("evt", article_id, quote), "kind": "launch", "title": "lancement",
            "date_precision": "unknown", "place": "Niamey", "country_iso3": "NER", "quote": quote,
            "char_start": start, "char_end": end,
        }],
    )


# ---------------------------------------------------------------- tables and texts

def test_every_contract_table_is_written_with_its_header(tmp_path):
    summary = run(write_articles(tmp_path / "a"), tmp_path / "t")
    assert summary.exit_code == 0 and summary.n_ok == 3
    for name, columns in TABLES.items():
        header = tables_backend.table_csv(tmp_path / "t", name).splitlines()[0]
        assert header.split(",") == columns
    articles = tables_backend.read_csv(tmp_path / "t", "articles", dtype=str, keep_default_na=False)
    assert list(articles["article_id"]) == ["lome", "niamey", "ouaga"]
    assert set(articles["status"]) == {"ok"}


def test_rows_are_assembled_traceable_and_numbers_written_plainly(tmp_path, monkeypatch):
    monkeypatch.setattr(etl.extract, "extract_article", first_sentence_figure)
    run(write_articles(tmp_path / "a"), tmp_path / "t")
    figures = tables_backend.read_csv(tmp_path / "t", "figures", dtype=str, keep_default_na=False)
    articles = tables_backend.read_csv(tmp_path / "t", "articles", dtype=str,
                                       keep_default_na=False).set_index("article_id")
    assert len(figures) == 3
    assert set(figures["value"]) == {"350000"}  # not 350000.0
    for row in figures.itertuples():
        assert articles.loc[row.article_id, "text_file"] == f"texts/{row.article_id}.txt"
        text = tables_backend.text(tmp_path / "t", row.article_id)
        assert text[int(row.char_start):int(row.char_end)] == row.quote
    assert articles.loc["niamey", "title"] == "Niger : plus de 350 000 sinistrés après les inondations"
    assert articles.loc["niamey", "n_words"] == str(len(ARTICLES["niamey.txt"].split()))


def test_ids_are_identical_across_two_builds(tmp_path):
    """The real extractor on the seed articles: two fresh builds write byte-identical files."""
    articles = tmp_path / "a"
    shutil.copytree(SEEDS, articles)
    write_articles(articles)
    run(articles, tmp_path / "t1")
    first = snapshot(tmp_path / "t1")  # before the next build (on PostgreSQL both publish into one namespace)
    run(articles, tmp_path / "t2", force=True)
    second = snapshot(tmp_path / "t2")
    assert first.keys() == second.keys() and "figures.csv" in first
    for name in first:
        assert first[name] == second[name], name


# ---------------------------------------------------------------- incremental

def test_incremental_builds_extract_only_what_changed(tmp_path, spy):
    articles, out = write_articles(tmp_path / "a"), tmp_path / "t"
    assert run(articles, out).n_extracted == 3
    assert len(spy) == 3

    again = run(articles, out)
    assert (again.n_extracted, again.n_unchanged, len(spy)) == (0, 3, 3)

    (articles / "mali.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    added = run(articles, out)
    assert (added.n_extracted, added.n_unchanged) == (1, 3)
    assert spy[3:] == ["mali"]

    (articles / "lome.txt").write_text(ARTICLES["lome.txt"] + "\nMise à jour : l'atelier est prolongé.\n",
                                       encoding="utf-8")
    changed = run(articles, out)
    assert (changed.n_extracted, changed.n_unchanged) == (1, 3)
    assert spy[4:] == ["lome"]
    assert "prolongé" in tables_backend.text(out, "lome")

    (articles / "ouaga.txt").unlink()
    removed = run(articles, out)
    assert (removed.n_extracted, removed.n_removed, removed.n_files) == (0, 1, 3)
    ids = set(tables_backend.read_csv(out, "articles", dtype=str)["article_id"])
    assert ids == {"lome", "mali", "niamey"}
    assert tables_backend.text(out, "ouaga") is None
    assert len(list((out / ".cache").glob("*.json"))) == 3  # stale entries dropped


def test_force_extracts_everything_again(tmp_path, spy):
    articles, out = write_articles(tmp_path / "a"), tmp_path / "t"
    run(articles, out)
    summary = run(articles, out, force=True)
    assert summary.n_extracted == 3 and len(spy) == 6


def test_corrupt_cache_entry_is_extracted_again(tmp_path, spy):
    articles, out = write_articles(tmp_path / "a"), tmp_path / "t"
    run(articles, out)
    for entry in (out / ".cache").glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
        break
    summary = run(articles, out)
    assert (summary.n_extracted, summary.n_unchanged) == (1, 2)


def test_unchanged_build_does_not_import_the_extractors(tmp_path):
    """Adding one article to thousands must not pay for loading spaCy when nothing changed."""
    articles, out = write_articles(tmp_path / "a"), tmp_path / "t"
    code = (
        "import sys; from pathlib import Path; from etl.pipeline import build;"
        f"s = build(Path({str(articles)!r}), Path({str(out)!r}), progress=False, log=None);"
        "print(s.n_extracted, 'etl.extract' in sys.modules, 'spacy' in sys.modules)"
    )
    assert run(articles, out).n_extracted == 3  # in this process: spaCy loads once per session
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert again.stdout.split() == ["0", "False", "False"]


def test_extractor_version_follows_extraction_code_only(tmp_path, monkeypatch):
    copy = tmp_path / "etl"
    shutil.copytree(pipeline.ETL_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(pipeline, "ETL_DIR", copy)
    before = pipeline.extractor_version()
    (copy / "cli.py").write_text("# the command line changes nothing extracted\n", encoding="utf-8")
    assert pipeline.extractor_version() == before
    with open(copy / "extract.py", "a", encoding="utf-8") as fh:
        fh.write('\nEXTRACTOR_VERSION = "7"\n')
    after = pipeline.extractor_version()
    assert after != before and after.startswith("7+")


# ---------------------------------------------------------------- atomic failure and validation

def test_invalid_row_fails_the_build_and_keeps_previous_tables(tmp_path, monkeypatch):
    articles, out = write_articles(tmp_path / "a"), tmp_path / "t"
    run(articles, out)
    before, current = snapshot(out), tables_backend.build_name(out)

    def invalid_indicator(text, **kw):
        extraction = first_sentence_figure(text, **kw)
        extraction.figures[0]["indicator"] = "not_an_indicator"
        return extraction

    monkeypatch.setattr(etl.extract, "extract_article", invalid_indicator)
    (articles / "mali.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    with pytest.raises(BuildError) as failure:
        run(articles, out, force=True)
    message = str(failure.value)
    assert "previous tables kept" in message
    assert "figures.csv figure_id=fig_" in message and "article mali" in message
    assert "indicator" in message and "not_an_indicator" in message
    assert snapshot(out) == before
    assert tables_backend.build_name(out) == current  # not even a new build was published
    assert tables_backend.stored_builds(out) == [current]  # no staging folder (or schema) left


def test_quote_not_at_its_offsets_fails_the_build(tmp_path, monkeypatch):
    def shifted(text, **kw):
        extraction = first_sentence_figure(text, **kw)
        extraction.figures[0]["char_start"] += 1
        return extraction

    monkeypatch.setattr(etl.extract, "extract_article", shifted)
    out = tmp_path / "t"
    with pytest.raises(BuildError) as failure:
        run(write_articles(tmp_path / "a"), out)
    assert "quote does not match its offsets" in str(failure.value)
    assert "figures.csv figure_id=fig_" in str(failure.value) and "article lome" in str(failure.value)
    assert not tables_backend.published(out)


def test_extractor_crash_fails_only_that_article(tmp_path, monkeypatch):
    def fragile(text, **kw):
        if kw["article_id"] == "lome":
            raise ValueError("phrase impossible à segmenter")
        return first_sentence_figure(text, **kw)

    monkeypatch.setattr(etl.extract, "extract_article", fragile)
    summary = run(write_articles(tmp_path / "a"), tmp_path / "t")
    table = tables_backend.read_csv(tmp_path / "t", "articles", dtype=str, keep_default_na=False).set_index("article_id")
    assert (summary.n_ok, summary.n_failed, summary.exit_code) == (2, 1, 1)
    assert table.loc["lome", "error"] == (
        "lome.txt : échec de l'extraction : ValueError: phrase impossible à segmenter "
        "(extraction failed: ValueError: phrase impossible à segmenter)")
    figures = tables_backend.read_csv(tmp_path / "t", "figures", dtype=str)
    assert set(figures["article_id"]) == {"niamey", "ouaga"}


def test_missing_articles_folder_is_a_build_error(tmp_path):
    with pytest.raises(BuildError, match="dossier des articles introuvable"):
        run(tmp_path / "nowhere", tmp_path / "t")


# ---------------------------------------------------------------- ids and places

@pytest.mark.parametrize("name, expected", [
    ("000_ff183b1a11138987.txt", "000_ff183b1a11138987"),
    ("Réunion à Lomé (2024).HTML", "reunion_a_lome_2024"),
    ("???.txt", "article"),
])
def test_article_id_is_the_sanitised_stem(name, expected):
    assert article_id_for(Path(name)) == expected


def test_second_file_with_the_same_id_gets_an_error():
    paths = [Path("x.html"), Path("x.txt"), Path("X.md"), Path("y.txt")]
    assigned = assign_article_ids(paths)
    assert [(p.name, i) for p, i, _ in assigned] == [
        ("x.html", "x"), ("x.txt", "x__txt"), ("X.md", "x__md"), ("y.txt", "y")]
    assert [e is None for _, _, e in assigned] == [True, False, False, True]
    assert assigned[1][2].startswith("x.txt : même identifiant d'article « x » que x.html")


def test_locate_rows_uses_resolved_places_then_the_gazetteer():
    places = [{"place_id": "plc_lome", "name": "Lomé", "country_iso3": "TGO", "lat": 6.13, "lon": 1.22}]
    gazetteer = {"mopti": {"place_id": "plc_mopti", "name": "Mopti", "country_iso3": "MLI", "lat": 14.5,
                           "lon": -4.2, "kind": "city"}}
    events = [{"place": "LOME", "country_iso3": "TGO"}, {"place": "Mopti"}, {"place": "Nulle-part"}, {}]
    locate_rows(events, places, lookup=lambda name, iso3=None: gazetteer.get(name.lower()), with_coordinates=True)
    assert events[0] == {"place": "LOME", "country_iso3": "TGO", "place_id": "plc_lome", "lat": 6.13, "lon": 1.22}
    assert (events[1]["place_id"], events[1]["lat"]) == ("plc_mopti", 14.5)
    assert "place_id" not in events[2] and events[3] == {}
    assert [p["place_id"] for p in places] == ["plc_lome", "plc_mopti"]  # the gazetteer hit joins places.csv


def test_summary_is_bilingual_and_counts_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(etl.extract, "extract_article", first_sentence_figure)
    summary = run(write_articles(tmp_path / "a"), tmp_path / "t")
    text = summary.format()
    assert "Articles : 3 — 3 ok, 0 en échec" in text and "(articles: 3 ok, 0 failed" in text
    assert "Lignes : 3 chiffres, 0 décisions, 3 événements" in text
    assert summary.rows["figures"] == 3 and summary.rows["events"] == 3
    assert json.loads(json.dumps(summary.rows)) == summary.rows


def test_parallel_extraction_writes_the_same_tables(tmp_path, monkeypatch):
    articles = write_articles(tmp_path / "a")
    run(articles, tmp_path / "one")
    one = snapshot(tmp_path / "one")  # before the next build (on PostgreSQL both publish into one namespace)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_ARTICLES", 2)
    summary = run(articles, tmp_path / "two", jobs=2)
    assert summary.n_extracted == 3
    assert snapshot(tmp_path / "two") == one


def test_parallel_workers_do_not_run_the_parents_script(tmp_path, monkeypatch):
    """Inside Streamlit, __main__ is the page script: a spawned worker must not run it again."""
    import sys
    import types

    marker = tmp_path / "script_ran"
    script = tmp_path / "page.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\nraise SystemExit('the page ran in a worker')\n")
    page = types.ModuleType("__main__")
    page.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", page)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_ARTICLES", 2)
    summary = run(write_articles(tmp_path / "a"), tmp_path / "t", jobs=2)
    assert summary.n_extracted == 3
    assert not marker.exists()
    assert sys.modules["__main__"] is page


def test_progress_bar_goes_to_stderr_only_when_asked(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(etl.extract, "extract_article", first_sentence_figure)
    articles = write_articles(tmp_path / "a")
    run(articles, tmp_path / "quiet")  # progress=False
    assert capsys.readouterr().err == ""
    build(articles, tmp_path / "shown", progress=True, log=None, today=TODAY)
    captured = capsys.readouterr()
    assert "Lecture:" in captured.err and "Extraction:" in captured.err and "/3 [" in captured.err
    assert captured.out == ""


@pytest.mark.csv_tables  # edits the files of a CSV build by hand
def test_a_saved_text_edited_by_hand_is_restored(tmp_path):
    articles, out = write_articles(tmp_path / "a"), tmp_path / "t"
    run(articles, out)
    (out / "texts" / "niamey.txt").write_text("modifié à la main", encoding="utf-8")
    (out / "texts" / "lome.txt").unlink()
    run(articles, out)
    assert (out / "texts" / "niamey.txt").read_text(encoding="utf-8") == ARTICLES["niamey.txt"]
    assert (out / "texts" / "lome.txt").read_text(encoding="utf-8") == ARTICLES["lome.txt"]
