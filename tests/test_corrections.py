"""Corrections of extracted rows: applied on top of the tables (pure), stored with history in the
tracker database (SQLite and PostgreSQL), refused for viewers at the storage layer, conflicts
detected, and a correction that survives a real rebuild of the tables."""
from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest
import streamlit as st
import tables_backend
from conftest import ROOT
from sqlalchemy import select
from tracker_support import *  # noqa: F401,F403  (fixtures: tracker_url, engine, EDITOR, OTHER_EDITOR, VIEWER, NOW)
from tracker_support import EDITOR, NOW, OTHER_EDITOR, VIEWER

from etl.overrides import apply_overrides, marked, precision_of, unmatched_overrides, validate_changes, visible
from etl.principals import PermissionDenied
from etl.schema import conform
from tracker import corrections, db
from tracker.errors import InvalidInput
from tracker.models import Correction

FIGURES = conform("figures", [
    {"figure_id": "fig_a", "article_id": "art", "country_iso3": "BFA", "indicator": "people_in_need", "value": 8_400_000,
     "unit": "people", "qualifier": "exact", "reference_date": "2024", "reference_precision": "year", "quote": "q"},
    {"figure_id": "fig_b", "article_id": "art", "country_iso3": "MLI", "indicator": "affected", "value": None,
     "unit": "people", "qualifier": "unquantified", "quote": "q2"},
])


# --------------------------------------------------------------------------- pure: apply and validate

def test_apply_overrides_replaces_fields_marks_rows_and_keeps_rejected_ones():
    overrides = [
        {"table_name": "figures", "row_id": "fig_a", "changes": {"value": 6_300_000.0, "reference_date": "2024-03"},
         "rejected": False, "updated_by": "awa"},
        {"table_name": "figures", "row_id": "fig_b", "changes": "{}", "rejected": True, "updated_by": "ousmane"},
        {"table_name": "figures", "row_id": "fig_gone", "changes": {"value": 1}, "rejected": False},
        {"table_name": "decisions", "row_id": "fig_a", "changes": {"text": "autre table"}, "rejected": True},
        {"table_name": "figures", "row_id": "fig_a", "changes": {"quote": "injected", "figure_id": "x"}, "rejected": False},
    ]
    out = apply_overrides(FIGURES, overrides).set_index("figure_id")
    assert out.loc["fig_a", "value"] == 6_300_000 and out["value"].dtype == "float64"
    assert (out.loc["fig_a", "reference_date"], out.loc["fig_a", "reference_precision"]) == ("2024-03", "month")
    assert out.loc["fig_a", "quote"] == "q"  # only editable fields can change
    assert bool(out.loc["fig_a", "corrected"]) and not bool(out.loc["fig_a", "rejected"])
    assert out.loc["fig_a", "corrected_fields"] == "value,reference_date" and out.loc["fig_a", "corrected_by"] == "awa"
    assert out.loc["fig_a", "original_values"] == "value=8400000; reference_date=2024"
    assert bool(out.loc["fig_b", "rejected"]) and not bool(out.loc["fig_b", "corrected"])
    assert list(visible(out.reset_index())["figure_id"]) == ["fig_a"]
    assert list(visible(out.reset_index(), show_rejected=True)["figure_id"]) == ["fig_a", "fig_b"]
    assert list(marked(out.reset_index())["figure_id"]) == ["fig_a", "fig_b"]  # corrected or rejected
    assert marked(FIGURES).empty  # no override columns: nothing marked
    assert [o["row_id"] for o in unmatched_overrides(FIGURES, overrides)] == ["fig_gone"]
    assert FIGURES.loc[0, "value"] == 8_400_000  # the input is not modified


def test_no_override_still_adds_the_columns():
    out = apply_overrides(FIGURES, [])
    assert {"corrected", "rejected", "corrected_fields"} <= set(out.columns)
    assert not out["corrected"].any() and not out["rejected"].any()


@pytest.mark.parametrize("table, changes, current, key", [
    ("figures", {"value": "beaucoup"}, {"qualifier": "exact"}, "correct.invalid.value"),
    ("figures", {"value": "-5"}, {"qualifier": "exact"}, "correct.invalid.value"),
    ("figures", {"indicator": "needy"}, {}, "correct.invalid.indicator"),
    ("figures", {"qualifier": "maybe"}, {}, "correct.invalid.qualifier"),
    ("figures", {"country_iso3": "XYZ"}, {}, "correct.invalid.country"),
    ("figures", {"reference_date": "2024-02-30"}, {}, "correct.invalid.date"),
    ("figures", {"reference_date": "mars 2024"}, {}, "correct.invalid.date"),
    ("figures", {"unit": ""}, {}, "correct.invalid.unit"),
    ("figures", {"qualifier": "unquantified"}, {"value": 5.0}, "correct.invalid.unquantified_value"),
    ("figures", {"value": ""}, {"qualifier": "exact"}, "correct.invalid.missing_value"),
    ("figures", {"quote": "x"}, {}, "correct.invalid.field"),
    ("decisions", {"text": "ok"}, {}, "correct.invalid.text"),
    ("decisions", {"kind": "wish"}, {}, "correct.invalid.kind"),
    ("events", {"date_end": "2024-03-01"}, {"date_start": "2024-03-05"}, "correct.invalid.date_order"),
])
def test_bad_corrections_are_named(table, changes, current, key):
    _clean, problems = validate_changes(table, changes, current)
    assert [k for k, _params in problems] == [key]


def test_good_corrections_are_cleaned():
    clean, problems = validate_changes("figures", {"value": "6 300 000", "country_iso3": "bfa", "reference_date": "--01-22"},
                                       {"qualifier": "exact"})
    assert problems == [] and clean == {"value": 6_300_000.0, "country_iso3": "BFA", "reference_date": "--01-22"}
    assert precision_of("--01-22") == "day_no_year" and precision_of("2024-02-29") == "day"
    assert validate_changes("decisions", {"theme": "health"}, {}, themes=["health"])[1] == []
    assert validate_changes("decisions", {"theme": "astrology"}, {}, themes=["health"])[1][0][0] == "correct.invalid.theme"


# --------------------------------------------------------------------------- storage (SQLite and PostgreSQL)

ORIGINAL = {"value": 8_400_000.0, "indicator": "people_in_need", "country_iso3": "BFA", "reference_date": "2024",
            "unit": "people", "qualifier": "exact"}


def test_a_correction_is_stored_with_history_naming_the_editor(engine):
    saved = corrections.save_correction("figures", "fig_a", original=ORIGINAL, expected_version=0, editor=EDITOR,
                                        changes={"value": "6 300 000", "reference_date": "2024-03"},
                                        reason="chiffre de l'aperçu des besoins", article_id="art", now=NOW,
                                        engine=engine)
    assert saved["version"] == 1 and saved["changes"] == {"value": 6_300_000.0, "reference_date": "2024-03"}
    assert saved["updated_by"] == EDITOR.username and saved["original"]["value"] == 8_400_000.0
    history = corrections.history_frame("figures", "fig_a", engine=engine)
    assert sorted(zip(history["field"], history["old_value"], history["new_value"])) == [
        ("reason", None, "chiffre de l'aperçu des besoins"), ("reference_date", "2024", "2024-03"),
        ("value", "8400000", "6300000")]
    assert set(history["editor"]) == {EDITOR.username}
    # a second editor rejects it, then it is restored: both kept in the history
    corrections.reject_row("figures", "fig_a", original=ORIGINAL, expected_version=1, editor=OTHER_EDITOR,
                           now=NOW + timedelta(minutes=1), engine=engine)
    restored = corrections.restore_row("figures", "fig_a", original=ORIGINAL, expected_version=2, editor=EDITOR,
                                       now=NOW + timedelta(minutes=2), engine=engine)
    assert restored["version"] == 3 and restored["rejected"] is False
    rejections = corrections.history_frame("figures", "fig_a", engine=engine).query("field == 'rejected'")
    assert list(zip(rejections["editor"], rejections["new_value"])) == [(EDITOR.username, "false"),
                                                                        (OTHER_EDITOR.username, "true")]
    # setting a value back to the ETL's drops it from the correction
    back = corrections.save_correction("figures", "fig_a", original=ORIGINAL, expected_version=3, editor=EDITOR,
                                       changes={"value": 8_400_000}, engine=engine)
    assert back["changes"] == {"reference_date": "2024-03"}
    # no change at all writes nothing
    same = corrections.save_correction("figures", "fig_a", original=ORIGINAL, expected_version=4, editor=EDITOR,
                                       changes={"reference_date": "2024-03"}, engine=engine)
    assert same["version"] == 4
    assert corrections.signature(engine=engine)[0] == 1
    frame = corrections.overrides_frame(engine=engine)
    applied = apply_overrides(FIGURES, frame).set_index("figure_id")
    assert applied.loc["fig_a", "reference_date"] == "2024-03" and applied.loc["fig_a", "value"] == 8_400_000


def test_viewers_and_anonymous_visitors_cannot_write(engine):
    for who in (VIEWER, None):
        with pytest.raises(PermissionDenied):
            corrections.save_correction("figures", "fig_a", original=ORIGINAL, expected_version=0, editor=who,
                                        rejected=True, engine=engine)
        with pytest.raises(PermissionDenied):
            corrections.save_correction("figures", "fig_a", original=ORIGINAL, expected_version=0, editor=who,
                                        changes={"value": "1"}, engine=engine)
        with pytest.raises(PermissionDenied):
            corrections.reject_row("figures", "fig_a", original=ORIGINAL, expected_version=0, editor=who,
                                   reason="faux", engine=engine)
    # a row an editor rejected cannot be restored by a viewer or nobody either
    corrections.reject_row("figures", "fig_a", original=ORIGINAL, expected_version=0, editor=EDITOR, engine=engine)
    for who in (VIEWER, None):
        with pytest.raises(PermissionDenied):
            corrections.restore_row("figures", "fig_a", original=ORIGINAL, expected_version=1, editor=who, engine=engine)
    assert corrections.get_correction("figures", "fig_a", engine=engine)["rejected"] is True
    assert list(corrections.history_frame(engine=engine)["editor"]) == [EDITOR.username]
    # below the service: a session acting for a viewer refuses the write itself
    with pytest.raises(PermissionDenied):
        with db.session_scope(VIEWER, engine) as session:
            session.add(Correction(table_name="figures", row_id="fig_a", changes="{}", rejected=True, version=1,
                                   created_at=NOW, updated_at=NOW, updated_by="lecteur"))
    with db.session_scope(None, engine) as session:
        assert [row.updated_by for row in session.scalars(select(Correction))] == [EDITOR.username]


def test_bad_values_write_nothing(engine):
    with pytest.raises(InvalidInput) as caught:
        corrections.save_correction("figures", "fig_a", original=ORIGINAL, expected_version=0, editor=EDITOR,
                                    changes={"value": "beaucoup", "country_iso3": "XX"}, engine=engine)
    assert [k for k, _ in caught.value.problems] == ["correct.invalid.value", "correct.invalid.country"]
    assert "Valeur « beaucoup »" in caught.value.messages("fr")[0]
    assert "Country “XX”" in caught.value.messages("en")[1]
    assert corrections.overrides_frame(engine=engine).empty
    assert corrections.history_frame(engine=engine).empty


def test_two_editors_on_one_row_conflict_and_nothing_is_lost(engine):
    corrections.save_correction("figures", "fig_a", original=ORIGINAL, expected_version=0, editor=EDITOR,
                                changes={"value": 6_300_000}, engine=engine)
    with pytest.raises(corrections.CorrectionConflict) as caught:  # started from version 0 too
        corrections.save_correction("figures", "fig_a", original=ORIGINAL, expected_version=0, editor=OTHER_EDITOR,
                                    changes={"value": 7_000_000}, engine=engine)
    conflict = caught.value
    assert EDITOR.username in conflict.message("fr") and "value: 8400000 → 6300000" in conflict.message("fr")
    assert conflict.current["changes"] == {"value": 6_300_000.0}
    # the second editor applies the value on top of the current version
    final = corrections.save_correction("figures", "fig_a", original=ORIGINAL, expected_version=1, editor=OTHER_EDITOR,
                                        changes={"value": 7_000_000}, engine=engine)
    assert final["changes"] == {"value": 7_000_000.0} and final["version"] == 2
    history = corrections.history_frame("figures", "fig_a", engine=engine)
    assert list(history["new_value"])[::-1] == ["6300000", "7000000"]


# --------------------------------------------------------------------------- a real rebuild

@pytest.fixture
def built(tmp_path):
    """The seed articles built into tables (a real ETL run)."""
    from etl.pipeline import build

    articles = tmp_path / "articles"
    shutil.copytree(ROOT / "data" / "articles", articles)
    tables = tmp_path / "tables"
    build(articles, tables, log=None, progress=False, today=date(2025, 1, 1))
    return articles, tables


def test_a_correction_survives_a_real_rebuild_through_the_loaders(built, tracker_url, monkeypatch):
    from dashboard import loaders
    from etl.pipeline import build

    articles, tables = built
    monkeypatch.setenv("SAHEL_TABLES_DIR", str(tables))
    monkeypatch.setenv("DATABASE_URL", tracker_url)
    st.cache_data.clear()
    engine = db.get_engine(tracker_url)
    figures = tables_backend.read_table(tables, "figures")
    target = figures[figures["value"].notna()].iloc[0].to_dict()
    wrong = figures[figures["figure_id"] != target["figure_id"]].iloc[0].to_dict()
    decisions = tables_backend.read_table(tables, "decisions")
    decision = decisions.iloc[0].to_dict()
    corrections.save_correction("figures", target["figure_id"], original=target, expected_version=0, editor=EDITOR,
                                changes={"value": target["value"] + 12_345, "indicator": "targeted"}, engine=engine)
    corrections.reject_row("figures", wrong["figure_id"], original=wrong, expected_version=0, editor=EDITOR,
                           reason="fausse extraction", engine=engine)
    corrections.save_correction("decisions", decision["decision_id"], original=decision, expected_version=0,
                                editor=EDITOR, changes={"text": "Texte corrigé par l'éditrice."}, engine=engine)

    build(articles, tables, log=None, progress=False, today=date(2025, 1, 1), force=True)  # every article again
    st.cache_data.clear()
    rebuilt = tables_backend.read_table(tables, "figures").set_index("figure_id")
    assert rebuilt.loc[target["figure_id"], "value"] == target["value"]  # the files hold the ETL's values…
    loaded = loaders.load_table("figures").set_index("figure_id")       # …the app shows the corrected ones
    assert loaded.loc[target["figure_id"], "value"] == target["value"] + 12_345
    assert loaded.loc[target["figure_id"], "indicator"] == "targeted" and bool(loaded.loc[target["figure_id"], "corrected"])
    assert bool(loaded.loc[wrong["figure_id"], "rejected"])
    shown = loaders.load_view("figures")
    assert wrong["figure_id"] not in set(shown["figure_id"]) and target["figure_id"] in set(shown["figure_id"])
    corrected_decision = loaders.load_table("decisions").set_index("decision_id").loc[decision["decision_id"]]
    assert corrected_decision["text"] == "Texte corrigé par l'éditrice."
    st.cache_data.clear()
