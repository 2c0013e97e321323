"""Two editors, one decision: optimistic locking detects the conflict, shows the other change, loses nothing."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from tracker_support import *  # noqa: F401,F403  (fixtures)
from tracker_support import EDITOR, NOW, OTHER_EDITOR, decisions_frame

from tracker import db, service
from tracker.errors import Conflict


@pytest.fixture
def synced(engine):
    service.sync_decisions(decisions_frame(2), now=NOW, engine=engine)
    return engine


def test_second_editor_gets_a_conflict_showing_the_first_change_and_nothing_is_lost(synced):
    # Both open the decision at version 0.
    seen_by_a = service.get_decision("dec_0000", engine=synced)
    seen_by_b = service.get_decision("dec_0000", engine=synced)
    assert seen_by_a["version"] == seen_by_b["version"] == 0

    service.update_decision("dec_0000", {"status": "in_progress", "progress": 30}, expected_version=seen_by_a["version"],
                            editor=EDITOR, now=NOW, engine=synced)
    with pytest.raises(Conflict) as info:
        service.update_decision("dec_0000", {"status": "stalled", "notes": "Financement suspendu"},
                                expected_version=seen_by_b["version"],
                                editor=OTHER_EDITOR, now=NOW + timedelta(minutes=1), engine=synced)
    conflict = info.value
    # The message names the other editor and the change; the details carry old → new of each field.
    assert EDITOR.username in str(conflict) and "in_progress" in str(conflict)
    assert {(r["editor"], r["field"], r["old_value"], r["new_value"]) for r in conflict.theirs} == {
        (EDITOR.username, "status", "not_started", "in_progress"), (EDITOR.username, "progress", None, "30")}
    assert conflict.mine == {"status": "stalled", "notes": "Financement suspendu"}
    assert conflict.current_version == 1 and conflict.current["status"] == "in_progress"

    # No silent overwrite: A's values are in place, B's are not.
    stored = service.get_decision("dec_0000", engine=synced)
    assert (stored["status"], stored["progress"], stored["notes"], stored["version"]) == ("in_progress", 30, None, 1)

    # B, having seen A's change, applies their values on top: both edits are in the history.
    service.update_decision("dec_0000", conflict.mine, expected_version=conflict.current_version, editor=OTHER_EDITOR,
                            now=NOW + timedelta(minutes=2), engine=synced)
    stored = service.get_decision("dec_0000", engine=synced)
    assert (stored["status"], stored["progress"], stored["notes"], stored["version"]) == (
        "stalled", 30, "Financement suspendu", 2)
    history = service.history_frame("dec_0000", engine=synced)
    assert set(history["editor"]) == {EDITOR.username, OTHER_EDITOR.username}
    assert list(history.sort_values("history_id")["new_value"]) == ["in_progress", "30", "stalled", "Financement suspendu"]


def test_a_conflict_on_another_decision_does_not_block(synced):
    service.update_decision("dec_0000", {"status": "stalled"}, expected_version=0, editor=EDITOR, engine=synced)
    service.update_decision("dec_0001", {"status": "stalled"}, expected_version=0, editor=OTHER_EDITOR, engine=synced)
    assert service.status_counts(engine=synced).set_index("status").loc["stalled", "n"] == 2


def test_simultaneous_saves_exactly_one_wins_each_round(synced, tracker_url):
    """Threads with their own connections race on the same version: one write, one Conflict, every round."""
    engines = [db.make_engine(tracker_url), db.make_engine(tracker_url)]
    rounds = 8
    outcomes: list[list[str]] = [[] for _ in range(rounds)]
    barrier = threading.Barrier(2)

    def editor(index: int, principal) -> None:
        for r in range(rounds):
            barrier.wait()
            try:
                service.update_decision("dec_0001", {"notes": f"{principal.username} round {r}"}, expected_version=r,
                                        editor=principal, now=NOW, engine=engines[index])
                outcomes[r].append("saved")
            except Conflict:
                outcomes[r].append("conflict")
            barrier.wait()  # next round starts from version r + 1

    threads = [threading.Thread(target=editor, args=(0, EDITOR)), threading.Thread(target=editor, args=(1, OTHER_EDITOR))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for engine in engines:
        engine.dispose()
    assert all(sorted(o) == ["conflict", "saved"] for o in outcomes), outcomes
    assert service.get_decision("dec_0001", engine=synced)["version"] == rounds
    notes = service.history_frame("dec_0001", engine=synced)["new_value"]
    assert len(notes) == rounds  # one history row per saved edit, none for refused ones
