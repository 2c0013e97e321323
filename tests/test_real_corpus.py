"""The real-article corpus (tests/fixtures/real): 179 French pages from 131 West African and Sahel sites, kept as the
store returned them and annotated by people who had not read etl/. Both splits are built and scored here.

The floors are the scores reached so far (README, "Real articles"), a little below them so that an honest
improvement elsewhere may cost a point here; they are not the issue's targets, which are not all met yet:
figures 0.95/0.95, decisions 0.9/0.85, event dates 0.9, indicator and country 0.9 on real/test.
Each split is scored as the table store returns its build (on the postgres pass, from PostgreSQL).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus_scoring  # noqa: E402
import tables_backend  # noqa: E402

REAL = HERE / "fixtures" / "real"

FLOORS = {
    "dev": {"fig_recall": 0.91, "fig_precision": 0.92, "indicator": 0.9, "country": 0.9, "dec_recall": 0.63,
            "dec_precision": 0.76, "objective_recall": 0.59, "event_dates": 0.89},
    "test": {"fig_recall": 0.82, "fig_precision": 0.87, "indicator": 0.86, "country": 0.92, "dec_recall": 0.54,
             "dec_precision": 0.7, "objective_recall": 0.52, "event_dates": 0.8},
}


@pytest.fixture(scope="module", params=["dev", "test"])
def scored(request, tmp_path_factory):
    split = REAL / request.param
    out = corpus_scoring.build_split(split, tmp_path_factory.mktemp(f"real_{request.param}"))
    return request.param, out, corpus_scoring.score_build(out, split)


def test_the_scored_build_is_read_from_the_backend_under_test(scored):
    tables_backend.check_read_from_backend_under_test(scored[1])


def test_every_article_of_the_split_is_scored(scored):
    name, _, score = scored
    n_gold = len(corpus_scoring.load_gold(REAL / name))
    assert n_gold >= (100 if name == "dev" else 50)
    assert score.fig_recall.total > 0 and score.dec_recall.total > 0


def test_scores_stay_above_their_floors(scored):
    name, _, score = scored
    summary = score.summary()
    below = {k: (summary[k], floor) for k, floor in FLOORS[name].items() if summary[k] is None or summary[k] < floor}
    assert not below, f"real/{name}: {below}"


def test_no_actor_is_a_function_word_a_particle_or_a_heading(scored):
    name, _, score = scored
    assert score.junk_actors == [], f"real/{name}: {score.junk_actors}"


# Boilerplate the annotators marked must-not-extract that still reaches a row (target 0; see README).
LEAK_CEILINGS = {"dev": 7, "test": 4}


def test_boilerplate_leaks_do_not_grow(scored):
    name, _, score = scored
    assert len(score.leaks) <= LEAK_CEILINGS[name], f"real/{name}: {score.leaks}"
