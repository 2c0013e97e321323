"""The seed articles, built fresh, against their hand-checked annotation (issue 2's proof).

Uses the repository's copy of the seeds (data/articles) and of the annotation and
scorer (tests/fixtures/seeds, copied from ../shared), so it runs on a clean clone. The scorer reads
the build as the table store returns it (tests/tables_backend.py): on the postgres pass, from PostgreSQL.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest
import tables_backend

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"


@pytest.fixture(scope="module")
def seed_tables(tmp_path_factory):
    # postgres pass: into a namespace of the session's
    return tables_backend.build_published(ROOT / "data" / "articles", tmp_path_factory.mktemp("seed_tables"))


@pytest.fixture(scope="module")
def seed_score(seed_tables, tmp_path_factory):
    scored = tables_backend.export_csv_folder(seed_tables, tmp_path_factory.mktemp("seed_scored"))
    result = subprocess.run(
        [sys.executable, str(SEEDS / "score.py"), "--tables", str(scored), "--articles", str(ROOT / "data" / "articles"),
         "--gold", str(SEEDS / "gold.json"), "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_scored_build_is_read_from_the_backend_under_test(seed_tables, seed_score):
    tables_backend.check_read_from_backend_under_test(seed_tables)


def test_seed_figures(seed_score):
    assert seed_score["files_seen"] == 5
    assert seed_score["fig_recall"] == 1.0
    assert seed_score["fig_precision"] >= 0.9
    assert seed_score["indicator_acc"] >= 0.9 and seed_score["country_acc"] >= 0.9


def test_seed_decisions_and_objectives(seed_score):
    assert seed_score["dec_recall"] == 1.0
    assert seed_score["objective_recall"] >= 0.8


def test_seed_events_and_boilerplate(seed_score):
    assert seed_score["event_date_recall"] == 1.0
    assert seed_score["boilerplate_leaks"] == 0
