"""An atomic publish: the build is killed (os._exit, as kill -9 would) right after each step of
the publish, in a real subprocess. After every kill, a reader sees the previous build or the new
one whole — every quote matches its text, read through the pinned build and through the folder's
own `<table>.csv` and `texts/` links — and the next build publishes and leaves no staging folder.

The subprocesses run the real pipeline with a stand-in extractor (one traceable figure per
article) so that each build takes a second instead of loading spaCy."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from etl import pipeline, published
from etl.pipeline import read_table
from etl.schema import TABLES

# The CSV publish's own steps, build folders and links (the PostgreSQL publish killed midway and
# pinned reads during publishes: tests/test_table_store.py).
pytestmark = pytest.mark.csv_tables

ROOT = Path(__file__).resolve().parents[1]
OLD = {
    "niamey.txt": "Niger : les inondations\n\nPlus de 350 000 personnes ont été affectées par les pluies à Niamey. "
                  "Le plan de réponse est lancé.\n",
    "lome.txt": "Togo : atelier à Lomé\n\nLes experts de la CEDEAO se réunissent à Lomé depuis lundi. "
                "Ils harmonisent l'alerte précoce.\n",
    "ouaga.txt": "Burkina Faso : vaccination\n\nPrès de 45 000 enfants ont été vaccinés à Djibo. "
                 "Les équipes mobiles continuent.\n",
}
# Every text changes so that every old offset is wrong in the new texts (and the reverse):
# a reader mixing builds would find quotes that do not match.
NEW = {name: "Mise à jour du soir — " + text.replace("\n\n", "\n\nSelon nos sources, ") for name, text in OLD.items()}
NEW["mali.txt"] = "Mali : financement\n\nLes bailleurs mobilisent 200 millions de dollars à Bamako. Fin.\n"


def first_sentence(text, *, article_id, published_date=None, title=None):
    """The stand-in extractor: the first sentence of the body as one figure."""
    from etl.extract import Extraction
    from etl.text import stable_id

    start = text.index("\n\n") + 2
    end = text.index(".", start) + 1
    quote = text[start:end]
    return Extraction(title=title or text[: text.index("\n")], published_date=published_date, language="fr",
                      figures=[{"figure_id": stable_id("fig", article_id, quote), "country_iso3": "NER",
                                "indicator": "affected", "value": 1000.0, "unit": "people", "qualifier": "exact",
                                "quote": quote, "char_start": start, "char_end": end}])


BUILD_SCRIPT = f"""
import sys
from pathlib import Path

import etl.extract
from etl.pipeline import build

sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
from test_publish_kill import first_sentence

etl.extract.extract_article = first_sentence
build(Path(sys.argv[1]), Path(sys.argv[2]), progress=False, log=None)
"""


def run_build(articles: Path, out: Path, *, kill_after: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != pipeline.KILL_AFTER_ENV}
    if kill_after:
        env[pipeline.KILL_AFTER_ENV] = kill_after
    return subprocess.run([sys.executable, "-c", BUILD_SCRIPT, str(articles), str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def build_here(articles: Path, out: Path, monkeypatch) -> None:
    """The next build, completed in this process (same stand-in extractor, same cache)."""
    import etl.extract

    monkeypatch.setattr(etl.extract, "extract_article", first_sentence)
    pipeline.build(articles, out, progress=False, log=None)


def write_articles(folder: Path, articles: dict[str, str]) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")


def reader_view(base: Path) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Every table and every text of one folder, as a reader opening them in turn sees them."""
    tables = {name: read_table(name, base / f"{name}.csv") for name in TABLES}
    texts = {}
    for row in tables["articles"].itertuples():
        if row.status == "ok":
            texts[row.article_id] = (base / row.text_file).read_text(encoding="utf-8")
    return tables, texts


def assert_one_whole_build(out: Path, *, allowed: tuple[dict[str, str], ...]) -> str:
    """Pinned and unpinned readers both see a complete build, quotes matching texts; returns which."""
    seen = []
    for base in (published.current_build(out), out):
        tables, texts = reader_view(base)
        assert len(tables["figures"]) > 0
        assert pipeline.provenance_problems(tables, texts) == [], base
        files = set(tables["articles"]["source_file"])
        match = [i for i, corpus in enumerate(allowed) if files == set(corpus)
                 and all(texts[pipeline.article_id_for(Path(n))] == t for n, t in corpus.items())]
        assert match, f"{base}: neither the old build nor the new one ({sorted(files)})"
        seen.append(match[0])
    assert seen[0] == seen[1], "the pinned build and the folder's links show different builds"
    return ("old", "new")[seen[0]]


def assert_no_leftovers(out: Path) -> None:
    builds = out / published.BUILDS_DIRNAME
    assert not [p.name for p in builds.iterdir() if p.name.startswith(published.STAGING_PREFIX)]
    assert not [p.name for p in out.parent.iterdir() if ".staging-" in p.name]
    assert not [p.name for p in out.iterdir() if p.name.endswith((".tmp", ".link-tmp", ".old"))]
    assert len(list(builds.iterdir())) <= 2  # the current build and the one before it


@pytest.fixture(scope="module")
def published_old(tmp_path_factory):
    """A tables folder holding one complete build of OLD."""
    base = tmp_path_factory.mktemp("published")
    write_articles(base / "articles", OLD)
    done = run_build(base / "articles", base / "tables")
    assert done.returncode == 0, done.stderr
    return base / "tables"


STEPS_OF_A_BUILD = [s for s in pipeline.PUBLISH_STEPS if not s.startswith("adopt_")]


@pytest.mark.parametrize("step", STEPS_OF_A_BUILD)
def test_a_build_killed_after_each_publish_step_leaves_one_whole_build(step, published_old, tmp_path, monkeypatch):
    out = tmp_path / "tables"
    shutil.copytree(published_old, out, symlinks=True)
    write_articles(tmp_path / "articles", NEW)
    killed = run_build(tmp_path / "articles", out, kill_after=step)
    assert killed.returncode == pipeline.KILL_EXIT_CODE, killed.stderr  # it was killed there
    shown = assert_one_whole_build(out, allowed=(OLD, NEW))
    # before the pointer swap the old build is what readers see, from it on the new one
    swapped = STEPS_OF_A_BUILD.index(step) >= STEPS_OF_A_BUILD.index("switch")
    assert shown == ("new" if swapped else "old")
    # the next build publishes the new articles and removes what the kill left
    build_here(tmp_path / "articles", out, monkeypatch)
    assert assert_one_whole_build(out, allowed=(OLD, NEW)) == "new"
    assert_no_leftovers(out)


def flat_folder(published_old: Path, target: Path) -> Path:
    """The older layout: tables and texts/ as plain files in the folder, and a stale staging
    folder beside it from a build killed under the older publish."""
    build = published.current_build(published_old)
    target.mkdir()
    for name in TABLES:
        shutil.copyfile(build / f"{name}.csv", target / f"{name}.csv")
    shutil.copytree(build / "texts", target / "texts")
    stale = target.parent / f".{target.name}.staging-abc123"
    stale.mkdir()
    (stale / "figures.csv").write_text("half a table", encoding="utf-8")
    return target


# the steps where a first build over the flat layout differs from any other build
MIGRATION_STEPS = [s for s in pipeline.PUBLISH_STEPS if s.startswith("adopt_")] + ["links_before", "switch", "links"]


@pytest.mark.parametrize("step", MIGRATION_STEPS)
def test_the_first_build_over_the_older_flat_layout_is_atomic_too(step, published_old, tmp_path, monkeypatch):
    out = flat_folder(published_old, tmp_path / "tables")
    assert_one_whole_build(out, allowed=(OLD,))
    write_articles(tmp_path / "articles", NEW)
    killed = run_build(tmp_path / "articles", out, kill_after=step)
    assert killed.returncode == pipeline.KILL_EXIT_CODE, killed.stderr
    assert_one_whole_build(out, allowed=(OLD, NEW))
    build_here(tmp_path / "articles", out, monkeypatch)
    assert assert_one_whole_build(out, allowed=(OLD, NEW)) == "new"
    assert_no_leftovers(out)
    assert (out / "texts").is_symlink() and (out / "figures.csv").is_symlink()  # migrated


def test_a_reader_that_pinned_a_build_keeps_it_while_the_next_is_published(published_old, tmp_path):
    out = tmp_path / "tables"
    shutil.copytree(published_old, out, symlinks=True)
    pinned = published.current_build(out)
    before = reader_view(pinned)
    write_articles(tmp_path / "articles", NEW)
    assert run_build(tmp_path / "articles", out).returncode == 0
    assert published.current_build(out) != pinned
    after = reader_view(pinned)  # the pinned build is still whole (kept as the previous build)
    assert after[1] == before[1] and pipeline.provenance_problems(*after) == []


def _pinned_page(tables: str, other: str) -> None:
    """A script run that pins its build, sees another published meanwhile, and reads on."""
    import os
    from pathlib import Path

    import streamlit as st

    from dashboard import loaders
    from etl import pipeline

    os.environ["SAHEL_TABLES_DIR"] = tables
    first = loaders.pin_build()
    pipeline._switch(Path(tables), Path(other))  # a rebuild is published while this run goes on
    st.text(str(first))
    st.text(str(loaders.current_build()))  # tables and texts of this run: etl.store.CsvBuild.folder
    st.text(str(loaders.current_build().folder))


def test_the_app_reads_one_build_per_script_run(published_old, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    out = tmp_path / "tables"
    shutil.copytree(published_old, out, symlinks=True)
    first = published.current_build(out)
    other = out / published.BUILDS_DIRNAME / "autre"
    shutil.copytree(first, other)
    monkeypatch.setenv("SAHEL_TABLES_DIR", str(out))
    at = AppTest.from_function(_pinned_page, args=(str(out), str(other))).run()
    assert not at.exception
    pinned, tables_from, texts_from = (t.value for t in at.text)
    assert pinned == tables_from == texts_from == str(first)  # the whole run reads the build it pinned
    assert published.current_build(out) == other
    at.run()  # the next run pins the newly published build
    assert at.text[0].value == str(other)
