"""Rebuilds never lose an edit: sync with changed decision frames and with the real ETL build."""
from __future__ import annotations

import shutil
from datetime import date, timedelta

import pandas as pd
import tables_backend
from conftest import ROOT, skip_or_fail
from tracker_support import *  # noqa: F401,F403  (fixtures)
from tracker_support import EDITOR, NOW, decisions_frame

from etl import pipeline
from tracker import service
from tracker.vocab import PROGRESS_RANGES


def _edit_everything(engine, ids) -> dict[str, dict]:
    """Give every decision a distinct status, owner, due date, progress (within its status's range,
    tracker.vocab.PROGRESS_RANGES) and note, plus a comment."""
    statuses = ("in_progress", "substantially_done", "completed", "stalled", "dropped")
    edits = {}
    for i, decision_id in enumerate(ids):
        status = statuses[i % len(statuses)]
        low, high = PROGRESS_RANGES[status]
        edit = {"status": status, "responsible": f"Agence n° {i}", "due_date": date(2030, 1, 1) + timedelta(days=i),
                "progress": low + (7 * i) % (high - low + 1), "notes": f"note {i}"}
        current = service.get_decision(decision_id, engine=engine)
        service.update_decision(decision_id, edit, expected_version=current["version"], editor=EDITOR, now=NOW,
                                engine=engine)
        service.add_comment(decision_id, f"commentaire {i}", editor=EDITOR, now=NOW, engine=engine)
        edits[decision_id] = edit
    return edits


def _assert_kept(engine, edits: dict[str, dict]) -> None:
    for decision_id, edit in edits.items():
        stored = service.get_decision(decision_id, engine=engine)
        assert {f: stored[f] for f in edit} == edit, decision_id
        assert len(service.comments_frame(decision_id, engine=engine)) == 1
        assert len(service.history_frame(decision_id, engine=engine).query("editor == @EDITOR.username")) == 6


def test_resync_with_changed_frame_keeps_edits_orphans_and_restores(engine):
    first = decisions_frame(6)
    report = service.sync_decisions(first, now=NOW, engine=engine)
    assert (report.added, report.orphaned) == (6, 0)
    edits = _edit_everything(engine, first["decision_id"])

    # Rules changed: two decisions disappear, one's wording changes, two new ones appear; rows reordered.
    second = first.drop(index=[1, 4]).copy()
    second.loc[second["decision_id"] == "dec_0002", "text"] = "Nouvelle formulation de l'action n° 2."
    second = pd.concat([decisions_frame(2, prefix="neu"), second]).iloc[::-1]
    later = NOW + timedelta(days=1)
    report = service.sync_decisions(second, now=later, engine=engine)
    assert (report.added, report.updated, report.orphaned, report.restored) == (2, 1, 2, 0)
    _assert_kept(engine, edits)
    frame = service.tracker_frame(engine=engine).set_index("decision_id")
    assert len(frame) == 8  # nothing deleted
    assert frame.loc[["dec_0001", "dec_0004"], "orphaned"].all()
    assert not frame.drop(index=["dec_0001", "dec_0004"])["orphaned"].any()
    assert frame.loc["dec_0002", "text"] == "Nouvelle formulation de l'action n° 2."
    assert frame.loc["dec_0001", "text"] == first.loc[1, "text"]  # an orphan keeps its last text
    assert frame.loc[["neu_0000", "neu_0001"], "status"].eq("not_started").all()
    orphan_rows = service.history_frame("dec_0001", engine=engine).query("field == 'orphaned'")
    assert list(orphan_rows[["editor", "old_value", "new_value"]].itertuples(index=False, name=None)) == [
        ("etl-sync", "false", "true")]
    # the versions editors hold are untouched by the sync: no spurious conflict after a rebuild
    assert service.get_decision("dec_0002", engine=engine)["version"] == 1

    # The article comes back: the orphans are restored, still with their edits.
    report = service.sync_decisions(first, now=later + timedelta(days=1), engine=engine)
    assert (report.restored, report.orphaned) == (2, 2)  # neu_* are orphaned now
    _assert_kept(engine, edits)
    assert not service.tracker_frame(engine=engine).set_index("decision_id").loc[list(edits), "orphaned"].any()


def test_an_unchanged_frame_is_not_synced_twice_and_an_empty_build_orphans_without_deleting(engine):
    frame = decisions_frame(3)
    assert not service.sync_decisions(frame, now=NOW, engine=engine).skipped
    assert service.sync_decisions(frame.sample(frac=1, random_state=1), now=NOW, engine=engine).skipped
    report = service.sync_decisions(decisions_frame(0), now=NOW, engine=engine)
    assert report.orphaned == 3
    assert len(service.tracker_frame(engine=engine)) == 3


def test_duplicate_ids_in_a_frame_are_counted_and_synced_once(engine):
    frame = pd.concat([decisions_frame(2), decisions_frame(2)])
    report = service.sync_decisions(frame, now=NOW, engine=engine)
    assert (report.added, report.duplicates) == (2, 2)


def test_real_etl_rebuild_keeps_every_edit(engine, tmp_path):
    """Build the seed articles with the real pipeline, edit every decision, rebuild (forced, then with an
    article removed): every edit is still there; the removed article's decisions are orphaned, not deleted."""
    articles = tmp_path / "articles"
    shutil.copytree(ROOT / "data" / "articles", articles)
    out = tmp_path / "tables"
    pipeline.build(articles, out, log=None, progress=False, today=date(2025, 3, 1))
    decisions = tables_backend.read_csv(out, "decisions", dtype=str)
    if decisions.empty:
        skip_or_fail("the ETL produced no decisions from the seed articles")
    service.sync_decisions(decisions, now=NOW, engine=engine)
    edits = _edit_everything(engine, decisions["decision_id"])

    pipeline.build(articles, out, force=True, log=None, progress=False, today=date(2025, 3, 1))
    rebuilt = tables_backend.read_csv(out, "decisions", dtype=str)
    assert set(rebuilt["decision_id"]) == set(decisions["decision_id"])  # stable ids
    service.sync_decisions(rebuilt, now=NOW + timedelta(days=1), engine=engine, force=True)
    _assert_kept(engine, edits)

    victim = decisions["article_id"].value_counts().index[0]
    source = tables_backend.read_csv(out, "articles", dtype=str).set_index("article_id").loc[victim, "source_file"]
    (articles / source).unlink()
    pipeline.build(articles, out, log=None, progress=False, today=date(2025, 3, 1))
    service.sync_decisions(tables_backend.read_csv(out, "decisions", dtype=str), now=NOW + timedelta(days=2), engine=engine)
    _assert_kept(engine, edits)
    frame = service.tracker_frame(engine=engine).set_index("decision_id")
    assert set(frame.index) == set(decisions["decision_id"])
    assert frame["orphaned"].to_dict() == {d: a == victim for d, a in zip(decisions["decision_id"], decisions["article_id"])}

