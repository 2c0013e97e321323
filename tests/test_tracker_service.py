"""Tracker service on SQLite and PostgreSQL: edits, history, bad input, comments, counts, views."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from tracker_support import *  # noqa: F401,F403  (fixtures)
from tracker_support import EDITOR, NOW, OTHER_EDITOR, decisions_frame

from tracker import service
from tracker.errors import InvalidInput, NotFound
from tracker.vocab import STATUSES


@pytest.fixture
def synced(engine):
    service.sync_decisions(decisions_frame(4), now=NOW, engine=engine)
    return engine


def test_edit_is_stored_with_one_history_row_per_field_naming_the_editor(synced):
    after = service.update_decision("dec_0001", {"status": "in_progress", "progress": 40, "responsible": "Ministère de la Santé",
                                                 "due_date": "2025-06-30"},
                                    expected_version=0, editor=EDITOR, now=NOW, engine=synced)
    assert after["version"] == 1 and after["updated_by"] == EDITOR.username
    stored = service.get_decision("dec_0001", engine=synced)
    assert (stored["status"], stored["progress"], stored["responsible"], stored["due_date"]) == (
        "in_progress", 40, "Ministère de la Santé", date(2025, 6, 30))
    history = service.history_frame("dec_0001", engine=synced)
    assert sorted(history["field"]) == ["due_date", "progress", "responsible", "status"]
    assert set(history["editor"]) == {EDITOR.username}
    assert set(history["version"]) == {1}
    status_row = history[history["field"] == "status"].iloc[0]
    assert (status_row["old_value"], status_row["new_value"]) == ("not_started", "in_progress")
    assert status_row["changed_at"] == NOW


def test_unchanged_values_write_nothing(synced):
    service.update_decision("dec_0000", {"status": "stalled"}, expected_version=0, editor=EDITOR, now=NOW, engine=synced)
    again = service.update_decision("dec_0000", {"status": "stalled", "notes": ""}, expected_version=1, editor=EDITOR,
                                    now=NOW, engine=synced)
    assert again["version"] == 1
    assert len(service.history_frame("dec_0000", engine=synced)) == 1


@pytest.mark.parametrize("changes, problem_key", [
    ({"status": "done"}, "tracker.invalid.status"),
    ({"status": None}, "tracker.invalid.status"),
    ({"progress": 101}, "tracker.invalid.progress"),
    ({"progress": -1}, "tracker.invalid.progress"),
    ({"progress": "beaucoup"}, "tracker.invalid.progress"),
    ({"progress": 12.5}, "tracker.invalid.progress"),
    ({"progress": True}, "tracker.invalid.progress"),
    ({"due_date": "2024-03-04"}, "tracker.invalid.due_before_announced"),
    ({"due_date": "fin 2025"}, "tracker.invalid.due_date_format"),
    ({"version": 7}, "tracker.invalid.field"),
    ({"responsible": "x" * 201}, "tracker.invalid.too_long"),
])
def test_bad_input_gets_a_clear_message_and_changes_nothing(synced, changes, problem_key):
    before = service.get_decision("dec_0002", engine=synced)
    with pytest.raises(InvalidInput) as info:
        service.update_decision("dec_0002", {"notes": "valide", **changes}, expected_version=0, editor=EDITOR,
                                now=NOW, engine=synced)
    assert [key for key, _ in info.value.problems] == [problem_key]
    message = info.value.message("fr")
    assert message.startswith("Rien n'a été enregistré")
    assert service.get_decision("dec_0002", engine=synced) == before
    assert service.history_frame("dec_0002", engine=synced).empty


def test_status_message_lists_the_french_labels(synced):
    with pytest.raises(InvalidInput) as info:
        service.update_decision("dec_0000", {"status": "terminé"}, expected_version=0, editor=EDITOR, engine=synced)
    text = info.value.message("fr")
    assert "« terminé »" in text and "Largement réalisée (substantially_done)" in text
    assert "Substantially done" in info.value.message("en")


def test_several_problems_are_reported_together(synced):
    with pytest.raises(InvalidInput) as info:
        service.update_decision("dec_0000", {"status": "x", "progress": 150, "due_date": "2020-01-01"},
                                expected_version=0, editor=EDITOR, engine=synced)
    assert len(info.value.problems) == 3


def test_due_date_is_checked_against_the_announcement_as_precisely_as_it_is_known():
    assert service.announcement_floor("2024-03") == date(2024, 3, 1)
    assert service.announcement_floor("2024") == date(2024, 1, 1)
    assert service.announcement_floor("--01-22") is None
    assert service.announcement_floor(None) is None
    clean = service.validate_changes({"due_date": "2024-03-02", "progress": "80 %"}, announced_date="2024-03")
    assert clean == {"due_date": date(2024, 3, 2), "progress": 80}
    assert service.validate_changes({"due_date": "1999-01-01"}, announced_date="--01-22")["due_date"] == date(1999, 1, 1)


def test_clearing_fields_is_an_edit(synced):
    service.update_decision("dec_0003", {"status": "in_progress", "progress": 30, "notes": "à suivre"}, expected_version=0,
                            editor=EDITOR, engine=synced)
    after = service.update_decision("dec_0003", {"progress": None, "notes": "  "}, expected_version=1, editor=EDITOR,
                                    engine=synced)
    assert after["progress"] is None and after["notes"] is None
    cleared = service.history_frame("dec_0003", engine=synced).query("version == 2")
    assert set(cleared["field"]) == {"progress", "notes"} and cleared["new_value"].isna().all()


def test_unknown_decision_is_not_found(synced):
    with pytest.raises(NotFound):
        service.update_decision("dec_nope", {"status": "completed"}, expected_version=0, editor=EDITOR, engine=synced)


def test_comment_thread_keeps_order_author_and_a_history_row(synced):
    service.add_comment("dec_0000", "Réunion de suivi prévue.", editor=EDITOR, now=NOW, engine=synced)
    service.add_comment("dec_0000", "Budget confirmé.", editor=OTHER_EDITOR, now=NOW + timedelta(hours=1), engine=synced)
    comments = service.comments_frame("dec_0000", engine=synced)
    assert list(comments["body"]) == ["Réunion de suivi prévue.", "Budget confirmé."]
    assert list(comments["author"]) == [EDITOR.username, OTHER_EDITOR.username]
    history = service.history_frame("dec_0000", engine=synced)
    assert list(history["field"]) == ["comment", "comment"]
    with pytest.raises(InvalidInput):
        service.add_comment("dec_0000", "   ", editor=EDITOR, engine=synced)
    # a comment does not move the version: it never conflicts with a field edit
    assert service.get_decision("dec_0000", engine=synced)["version"] == 0


def test_status_and_theme_counts_for_the_overview(synced):
    service.update_decision("dec_0000", {"status": "completed"}, expected_version=0, editor=EDITOR, engine=synced)
    service.update_decision("dec_0001", {"status": "stalled"}, expected_version=0, editor=EDITOR, engine=synced)
    counts = service.status_counts(engine=synced)
    assert list(counts["status"]) == list(STATUSES)
    assert dict(zip(counts["status"], counts["n"])) == {
        "not_started": 2, "in_progress": 0, "substantially_done": 0, "completed": 1, "stalled": 1, "dropped": 0}
    themes = service.theme_counts(engine=synced)
    assert set(themes.columns) == {"theme", "status", "n"}
    by = themes.set_index(["theme", "status"])["n"]
    assert by[("santé", "completed")] == 1 and by[("éducation", "stalled")] == 1 and by[("santé", "not_started")] == 1
    assert themes["n"].sum() == 4
    # restricted to an ETL frame (e.g. the overview's filtered decisions), unsynced rows count as not started
    subset = pd.concat([decisions_frame(4).iloc[[0]], decisions_frame(1, prefix="new")])
    assert dict(zip(*service.status_counts(subset, engine=synced).T.values))["not_started"] == 1
    assert service.status_counts(subset, engine=synced)["n"].sum() == 2


def test_overdue_and_stalled_view(synced):
    service.update_decision("dec_0000", {"due_date": "2025-01-31", "status": "in_progress"}, expected_version=0,
                            editor=EDITOR, engine=synced)
    service.update_decision("dec_0001", {"due_date": "2025-01-31", "status": "completed"}, expected_version=0,
                            editor=EDITOR, engine=synced)
    service.update_decision("dec_0002", {"status": "stalled"}, expected_version=0, editor=EDITOR, engine=synced)
    service.update_decision("dec_0003", {"due_date": "2025-12-31"}, expected_version=0, editor=EDITOR, engine=synced)
    view = service.attention_frame(service.tracker_frame(engine=synced), today=date(2025, 3, 1))
    assert list(view["decision_id"]) == ["dec_0000", "dec_0002"]
    assert list(view["overdue"]) == [True, False] and list(view["stalled"]) == [False, True]
    assert view.loc[0, "days_late"] == 29


def test_tracker_frame_shows_unsynced_etl_rows_as_not_started(engine):
    frame = service.tracker_frame(decisions_frame(2), engine=engine)
    assert list(frame["status"]) == ["not_started", "not_started"] and list(frame["version"]) == [0, 0]


def test_history_of_many_decisions_is_read_in_chunks_with_a_limit(engine):
    """More ids than one IN list holds: same rows as filtering everything, newest first."""
    frame = decisions_frame(1200)
    service.sync_decisions(frame, now=NOW, engine=engine)
    service.sync_decisions(decisions_frame(0), now=NOW, engine=engine)  # one 'orphaned' history row each
    ids = list(frame["decision_id"])[::-1][:1100]
    everything = service.history_frame(engine=engine)
    expected = everything[everything["decision_id"].isin(ids)]
    got = service.history_frame(ids, engine=engine)
    assert list(got["history_id"]) == list(expected["history_id"]) and len(got) == 1100
    newest = service.history_frame(ids, limit=10, engine=engine)
    assert list(newest["history_id"]) == list(expected["history_id"][:10])
    assert service.history_count(ids, engine=engine) == 1100 and service.history_count(engine=engine) == 1200


def test_change_token_moves_with_every_edit_and_sync_and_only_then(synced):
    """The Décisions page caches the tracker on this token: a missed change would hide an edit."""
    before = service.change_token(engine=synced)
    assert service.change_token(engine=synced) == before  # reading changes nothing
    service.update_decision("dec_0001", {"notes": "relancé"}, expected_version=0, editor=EDITOR, now=NOW, engine=synced)
    after_edit = service.change_token(engine=synced)
    assert after_edit != before
    # the same field edited back: the value is as before, the token is not (versions only grow)
    service.update_decision("dec_0001", {"notes": None}, expected_version=1, editor=EDITOR, now=NOW, engine=synced)
    assert service.change_token(engine=synced) not in (before, after_edit)
    # a rebuild without dec_0003: it is orphaned, and the token says so
    settled = service.change_token(engine=synced)
    service.sync_decisions(decisions_frame(3), now=NOW, engine=synced)
    assert service.get_decision("dec_0003", engine=synced)["orphaned"]
    assert service.change_token(engine=synced) != settled


def test_progress_and_status_must_agree(synced):
    """40 % on a decision « Non commencée » is refused with a message naming both, and nothing is
    written; the status or the progress not edited is taken as stored."""
    with pytest.raises(InvalidInput) as info:
        service.update_decision("dec_0000", {"progress": 40}, expected_version=0, editor=EDITOR, now=NOW, engine=synced)
    assert [key for key, _ in info.value.problems] == ["tracker.invalid.progress_status"]
    assert info.value.message("fr") == ("Rien n'a été enregistré (1 problème) : Un avancement de 40 % ne correspond pas"
                                        " au statut « Non commencée » : une décision non commencée est à 0 % (ou sans "
                                        "avancement).")
    assert "A progress of 40 % does not fit the status “Not started”" in info.value.message("en")
    assert service.get_decision("dec_0000", engine=synced)["version"] == 0
    assert service.history_frame("dec_0000", engine=synced).empty

    service.update_decision("dec_0000", {"status": "in_progress", "progress": 40}, expected_version=0, editor=EDITOR,
                            now=NOW, engine=synced)
    for status in ("not_started", "completed", "substantially_done"):  # the stored 40 % fits none of these
        with pytest.raises(InvalidInput) as info:
            service.update_decision("dec_0000", {"status": status}, expected_version=1, editor=EDITOR, engine=synced)
        assert info.value.problems == [("tracker.invalid.progress_status", {"progress": 40, "status": status})]
    with pytest.raises(InvalidInput):
        service.update_decision("dec_0000", {"progress": 100}, expected_version=1, editor=EDITOR, engine=synced)
    done = service.update_decision("dec_0000", {"status": "completed", "progress": 100}, expected_version=1,
                                   editor=EDITOR, engine=synced)
    assert (done["status"], done["progress"], done["version"]) == ("completed", 100, 2)
    cleared = service.update_decision("dec_0000", {"status": "not_started", "progress": None}, expected_version=2,
                                      editor=EDITOR, engine=synced)  # no progress agrees with any status
    assert (cleared["status"], cleared["progress"]) == ("not_started", None)
    assert service.update_decision("dec_0000", {"notes": "sans rapport"}, expected_version=3, editor=EDITOR,
                                   engine=synced)["version"] == 4  # other fields are not held to the rule


@pytest.mark.parametrize("status, fits, does_not_fit", [
    ("not_started", [None, 0], [1, 40, 100]),
    ("in_progress", [None, 0, 40, 99], [100]),
    ("substantially_done", [None, 50, 99], [0, 49, 100]),
    ("completed", [None, 100], [0, 99]),
    ("stalled", [None, 0, 60], [100]),
    ("dropped", [None, 0, 60], [100]),
])
def test_the_progress_each_status_allows(status, fits, does_not_fit):
    assert all(service.progress_agrees(status, p) for p in fits)
    assert not any(service.progress_agrees(status, p) for p in does_not_fit)
    for progress in does_not_fit:
        with pytest.raises(InvalidInput):
            service.validate_changes({"status": status, "progress": progress}, announced_date=None)


def test_due_dates_typed_the_french_way():
    assert service.validate_changes({"due_date": "31/12/2025"}, announced_date="2024-03-05")["due_date"] == date(2025, 12, 31)
    assert service.parse_day("2025-12-31") == date(2025, 12, 31) and service.parse_day("31.12.2025") == date(2025, 12, 31)
    assert service.parse_day("31/02/2025") is None and service.parse_day("fin 2025") is None
    with pytest.raises(InvalidInput) as info:
        service.validate_changes({"due_date": "01/03/2024"}, announced_date="2024-03-05")
    assert "L'échéance du 1 mars 2024 précède l'annonce de la décision (5 mars 2024)." in info.value.message("fr")
