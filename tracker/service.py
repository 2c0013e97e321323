"""The tracker's API: what the pages, the CLI and the tests call.

Reads are open to everyone. Every write takes the Principal it acts for and goes
through a session that refuses it unless that principal may write (tracker.db).
Edits are keyed by decision_id, use optimistic locking (`expected_version`) and
leave one history row per changed field. Pass `engine` to use another database
than the default one (DATABASE_URL or data/tracker.sqlite), and `now`/`today`
to fix the clock.
"""
from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import case, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from etl.principals import SYSTEM, PermissionDenied, Principal, may_write
from tracker import db
from tracker.errors import Conflict, InvalidInput, NotFound
from tracker.models import ETL_COLUMNS, Comment, HistoryEntry, SyncState, TrackedDecision
from tracker.vocab import (
    CLOSED_STATUSES,
    COMMENT_MAX,
    DEFAULT_STATUS,
    EDITABLE_FIELDS,
    NOTES_MAX,
    PROGRESS_RANGES,
    RESPONSIBLE_MAX,
    STATUSES,
)

TRACKER_COLUMNS = (
    "decision_id", *ETL_COLUMNS, "orphaned", "first_seen_at", "last_seen_at",
    "status", "responsible", "due_date", "progress", "notes", "version", "updated_at", "updated_by",
)
HISTORY_COLUMNS = ("history_id", "decision_id", "changed_at", "editor", "field", "old_value", "new_value", "version")
COMMENT_COLUMNS = ("comment_id", "decision_id", "author", "body", "created_at")
_CHUNK = 500


def utcnow() -> datetime:
    return datetime.now(UTC)


def _engine(engine: Engine | None) -> Engine:
    return engine if engine is not None else db.get_engine()


def _require_writer(principal: Principal | None) -> None:
    if not may_write(principal):
        raise PermissionDenied(principal)


# --------------------------------------------------------------------------- validation (pure)

def announcement_floor(announced_date: str | None) -> date | None:
    """Earliest day an announcement can have been made: '2024-03' → 2024-03-01; '--01-22' → None."""
    value = (announced_date or "").strip()
    try:
        if len(value) == 10 and value[4] == "-":
            return date.fromisoformat(value)
        if len(value) == 7 and value[4] == "-":
            return date(int(value[:4]), int(value[5:7]), 1)
        if len(value) == 4 and value.isdigit():
            return date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def _clean_text(value, field: str, limit: int, problems: list) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    if len(text) > limit:
        problems.append(("tracker.invalid.too_long", {"field": field, "limit": limit}))
        return None
    return text or None


def _clean_status(value, problems: list) -> str | None:
    code = str(value).strip() if value is not None else ""
    if code not in STATUSES:
        problems.append(("tracker.invalid.status", {"value": value}))
        return None
    return code


def _clean_progress(value, problems: list) -> int | None:
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        number = None
    else:
        try:
            number = float(str(value).replace(",", ".").strip().rstrip("%").strip())
        except ValueError:
            number = None
    if number is None or not math.isfinite(number) or number != int(number) or not 0 <= number <= 100:
        problems.append(("tracker.invalid.progress", {"value": value}))
        return None
    return int(number)


def parse_day(value) -> date | None:
    """A day typed as ISO (2025-03-31) or as the French and British write it (31/03/2025); None if neither."""
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    parts = text.replace(".", "/").replace("-", "/").split("/")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
        try:
            return date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            return None
    return None


def _clean_due_date(value, announced_date: str | None, problems: list) -> date | None:
    if value is None or value == "" or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, datetime):
        due = value.date()
    elif isinstance(value, date):
        due = value
    else:
        due = parse_day(value)
        if due is None:
            problems.append(("tracker.invalid.due_date_format", {"value": value}))
            return None
    floor = announcement_floor(announced_date)
    if floor is not None and due < floor:
        problems.append(("tracker.invalid.due_before_announced", {"due": due.isoformat(), "announced": announced_date}))
        return None
    return due


def progress_agrees(status: str | None, progress) -> bool:
    """Whether a progress (%) fits a status (tracker.vocab.PROGRESS_RANGES); no progress always does."""
    if progress is None or status not in PROGRESS_RANGES:
        return True
    low, high = PROGRESS_RANGES[status]
    return low <= progress <= high


def validate_changes(changes: dict, *, announced_date: str | None, current: dict | None = None) -> dict:
    """Raw edits → clean values, or InvalidInput listing every problem (then nothing is written).

    When the status or the progress changes, the two must agree (``progress_agrees``), the other
    one taken from ``current`` (the decision as stored) when the edit leaves it as it is."""
    problems: list[tuple[str, dict]] = []
    clean: dict = {}
    for field, value in changes.items():
        if field == "status":
            clean[field] = _clean_status(value, problems)
        elif field == "progress":
            clean[field] = _clean_progress(value, problems)
        elif field == "due_date":
            clean[field] = _clean_due_date(value, announced_date, problems)
        elif field == "responsible":
            clean[field] = _clean_text(value, field, RESPONSIBLE_MAX, problems)
        elif field == "notes":
            clean[field] = _clean_text(value, field, NOTES_MAX, problems)
        else:
            problems.append(("tracker.invalid.field", {"field": field, "allowed": ", ".join(EDITABLE_FIELDS)}))
    if not problems and ({"status", "progress"} & set(changes)):
        current = current or {}
        status = clean["status"] if "status" in clean else current.get("status")
        progress = clean["progress"] if "progress" in clean else _stored_progress(current.get("progress"))
        if not progress_agrees(status, progress):
            problems.append(("tracker.invalid.progress_status", {"progress": progress, "status": status}))
    if problems:
        raise InvalidInput(problems)
    return clean


def _stored_progress(value) -> int | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def history_text(value) -> str | None:
    """How a value is written in history and exports: ISO dates, plain numbers, codes."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


# --------------------------------------------------------------------------- reads

def _row_dict(row: TrackedDecision) -> dict:
    return {col: getattr(row, col) for col in TRACKER_COLUMNS}


def get_decision(decision_id: str, *, engine: Engine | None = None) -> dict:
    with db.session_scope(None, _engine(engine)) as session:
        row = session.get(TrackedDecision, decision_id)
        if row is None:
            raise NotFound(decision_id=decision_id)
        return _row_dict(row)


def _read_frame(statement, engine: Engine, columns: Iterable[str]) -> pd.DataFrame:
    with db.session_scope(None, engine) as session:
        rows = [tuple(row) for row in session.execute(statement)]  # plain tuples: pandas probes Row objects slowly
    return pd.DataFrame(rows, columns=list(columns))


def _frame_from_etl(decisions: pd.DataFrame) -> pd.DataFrame:
    """ETL rows not yet synced, as tracker rows with default tracking values."""
    frame = decisions.reindex(columns=["decision_id", *ETL_COLUMNS]).copy()
    frame["orphaned"] = False
    for col, default in (("first_seen_at", pd.NaT), ("last_seen_at", pd.NaT), ("status", DEFAULT_STATUS),
                         ("responsible", None), ("due_date", None), ("progress", None), ("notes", None),
                         ("version", 0), ("updated_at", pd.NaT), ("updated_by", None)):
        frame[col] = default
    return frame


def change_token(*, engine: Engine | None = None) -> tuple[str, ...]:
    """A cheap fingerprint of the tracker that changes whenever a row does: every edit bumps a
    row's version (versions only grow, so their sum does too), a sync moves last_seen_at and
    the orphaned flags. Readers cache tracker_frame on it instead of re-reading every row."""
    td = TrackedDecision
    statement = select(func.count(), func.coalesce(func.sum(td.version), 0), func.max(td.updated_at),
                       func.max(td.last_seen_at), func.coalesce(func.sum(case((td.orphaned, 1), else_=0)), 0))
    with _engine(engine).connect() as connection:
        return tuple(str(value) for value in connection.execute(statement).one())


def tracker_frame(decisions: pd.DataFrame | None = None, *, include_orphaned: bool = True,
                  engine: Engine | None = None, columns: Iterable[str] = TRACKER_COLUMNS) -> pd.DataFrame:
    """One row per decision: ETL columns + status, owner, due date, progress, notes, version.

    With `decisions` (an ETL frame, possibly filtered), only those decisions are returned, and
    any not synced yet appear as 'not_started' at version 0; orphaned ones are added unless
    include_orphaned is False. Without it, everything in the tracker. `columns` narrows the
    read (decision_id and orphaned are always there).
    """
    columns = list(dict.fromkeys(["decision_id", "orphaned", *columns]))
    statement = select(*[getattr(TrackedDecision, c) for c in columns]).order_by(TrackedDecision.decision_id)
    stored = _read_frame(statement, _engine(engine), columns)
    stored["orphaned"] = stored["orphaned"].astype(bool)
    if decisions is not None:
        wanted = set(decisions["decision_id"].dropna())
        in_frame = stored["decision_id"].isin(wanted)
        keep = in_frame | (stored["orphaned"] if include_orphaned else False)
        missing = decisions[~decisions["decision_id"].isin(set(stored["decision_id"]))]
        parts = [stored[keep]]
        if len(missing):
            parts.append(_frame_from_etl(missing.drop_duplicates("decision_id"))[columns])
        stored = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)
    if not include_orphaned:
        stored = stored[~stored["orphaned"]].reset_index(drop=True)
    if "version" in stored:
        stored["version"] = stored["version"].astype(int)
    if "progress" in stored:
        stored["progress"] = pd.to_numeric(stored["progress"], errors="coerce").astype("Float64")
    if "due_date" in stored:
        stored["due_date"] = pd.to_datetime(stored["due_date"], errors="coerce")
    return stored


def history_frame(decision_ids: str | Iterable[str] | None = None, *, limit: int | None = None,
                  engine: Engine | None = None) -> pd.DataFrame:
    """History rows, newest first: who, when, field, old → new, resulting version.

    `decision_ids`: one id, several, or None for all; `limit`: only the newest rows.
    """
    engine = _engine(engine)
    statement = select(*[getattr(HistoryEntry, c) for c in HISTORY_COLUMNS]).order_by(HistoryEntry.history_id.desc())
    if limit is not None:
        statement = statement.limit(limit)
    if decision_ids is None:
        return _read_frame(statement, engine, HISTORY_COLUMNS)
    ids = [decision_ids] if isinstance(decision_ids, str) else list(dict.fromkeys(decision_ids))
    if len(ids) > _CHUNK and len(ids) >= _count_decisions(engine) and set(ids) >= _all_ids(engine):
        return _read_frame(statement, engine, HISTORY_COLUMNS)  # every decision: no filter needed
    # IN lists of bounded length (SQLite caps bound parameters); each chunk newest first, then merged.
    parts = [_read_frame(statement.where(HistoryEntry.decision_id.in_(ids[i:i + _CHUNK])), engine, HISTORY_COLUMNS)
             for i in range(0, len(ids), _CHUNK)]
    if len(parts) == 1:
        return parts[0]
    frame = pd.concat([p for p in parts if len(p)] or parts[:1], ignore_index=True)
    frame = frame.sort_values("history_id", ascending=False, ignore_index=True)
    return frame.head(limit) if limit is not None else frame


def _count_decisions(engine: Engine) -> int:
    with db.session_scope(None, engine) as session:
        return int(session.scalar(select(func.count()).select_from(TrackedDecision)))


def _all_ids(engine: Engine) -> set[str]:
    with db.session_scope(None, engine) as session:
        return set(session.scalars(select(TrackedDecision.decision_id)))


def history_count(decision_ids: Iterable[str] | None = None, *, engine: Engine | None = None) -> int:
    statement = select(func.count()).select_from(HistoryEntry)
    with db.session_scope(None, _engine(engine)) as session:
        if decision_ids is None:
            return int(session.scalar(statement))
        ids = list(dict.fromkeys(decision_ids))
        return sum(int(session.scalar(statement.where(HistoryEntry.decision_id.in_(ids[i:i + _CHUNK]))))
                   for i in range(0, len(ids), _CHUNK))


def comments_frame(decision_id: str, *, engine: Engine | None = None) -> pd.DataFrame:
    statement = (select(*[getattr(Comment, c) for c in COMMENT_COLUMNS])
                 .where(Comment.decision_id == decision_id).order_by(Comment.comment_id))
    return _read_frame(statement, _engine(engine), COMMENT_COLUMNS)


def changes_since(decision_id: str, version: int, *, engine: Engine | None = None) -> list[dict]:
    """The edits saved after `version`: what a conflicting editor needs to see."""
    statement = (select(*[getattr(HistoryEntry, c) for c in HISTORY_COLUMNS])
                 .where(HistoryEntry.decision_id == decision_id, HistoryEntry.version > version,
                        HistoryEntry.field.in_(EDITABLE_FIELDS))
                 .order_by(HistoryEntry.history_id))
    with db.session_scope(None, _engine(engine)) as session:
        return [dict(row._mapping) for row in session.execute(statement)]


# --------------------------------------------------------------------------- counts and views (pure on a frame)

def count_statuses(frame: pd.DataFrame) -> pd.DataFrame:
    """status, n for every status of the scale (zeros included), in scale order."""
    counts = frame["status"].value_counts() if len(frame) else pd.Series(dtype=int)
    return pd.DataFrame({"status": list(STATUSES), "n": [int(counts.get(s, 0)) for s in STATUSES]})


def count_themes(frame: pd.DataFrame) -> pd.DataFrame:
    """Tidy theme, status, n (zeros included for every theme present); theme '' when missing."""
    if not len(frame):
        return pd.DataFrame({"theme": pd.Series(dtype=object), "status": pd.Series(dtype=object),
                             "n": pd.Series(dtype=int)})
    themes = frame["theme"].fillna("").astype(str)
    grid = pd.MultiIndex.from_product([sorted(set(themes)), list(STATUSES)], names=["theme", "status"])
    counts = frame.assign(theme=themes).groupby(["theme", "status"]).size().reindex(grid, fill_value=0)
    return counts.rename("n").reset_index().astype({"n": int})


def attention_frame(frame: pd.DataFrame, *, today: date) -> pd.DataFrame:
    """Decisions that need a look: overdue (due date passed, not completed or dropped) or stalled.

    Adds `overdue` (bool), `stalled` (bool) and `days_late` (days past the due date).
    """
    due = pd.to_datetime(frame["due_date"], errors="coerce")
    open_ = ~frame["status"].isin(CLOSED_STATUSES)
    overdue = open_ & due.notna() & (due < pd.Timestamp(today))
    stalled = frame["status"].eq("stalled")
    out = frame.assign(overdue=overdue, stalled=stalled,
                       days_late=(pd.Timestamp(today) - due).dt.days.where(overdue).astype("Int64"))
    out = out[overdue | stalled]
    return out.sort_values(["days_late", "decision_id"], ascending=[False, True], na_position="last").reset_index(drop=True)


def status_counts(decisions: pd.DataFrame | None = None, *, include_orphaned: bool = False,
                  engine: Engine | None = None) -> pd.DataFrame:
    """For the overview page: status, n over the tracker (or over the decisions of an ETL frame)."""
    return count_statuses(tracker_frame(decisions, include_orphaned=include_orphaned, engine=engine,
                                        columns=("status",)))


def theme_counts(decisions: pd.DataFrame | None = None, *, include_orphaned: bool = False,
                 engine: Engine | None = None) -> pd.DataFrame:
    """For the overview page: tidy theme, status, n."""
    return count_themes(tracker_frame(decisions, include_orphaned=include_orphaned, engine=engine,
                                      columns=("status", "theme")))


# --------------------------------------------------------------------------- writes

def _history_rows(decision_id: str, before: dict, after: dict, *, editor: str, now: datetime, version: int) -> list[dict]:
    return [
        {"decision_id": decision_id, "changed_at": now, "editor": editor, "field": field,
         "old_value": history_text(before.get(field)), "new_value": history_text(after[field]), "version": version}
        for field in EDITABLE_FIELDS if field in after
    ]


def _conflict(decision_id: str, expected_version: int, mine: dict, engine: Engine) -> Conflict:
    current = get_decision(decision_id, engine=engine)
    theirs = changes_since(decision_id, expected_version, engine=engine)
    return Conflict(decision_id, expected_version, current["version"], theirs, mine,
                    {f: current[f] for f in EDITABLE_FIELDS})


def update_decision(decision_id: str, changes: dict, *, expected_version: int, editor: Principal | None,
                    now: datetime | None = None, engine: Engine | None = None) -> dict:
    """Apply an editor's changes to one decision if nobody saved it since `expected_version`.

    Returns the decision as stored afterwards. Raises PermissionDenied (viewer), NotFound,
    InvalidInput (bad values) or Conflict (someone else saved first): in each case nothing
    is written. Unchanged fields are ignored; no change at all writes nothing.
    """
    _require_writer(editor)
    engine = _engine(engine)
    now = now or utcnow()
    with db.session_scope(editor, engine) as session:
        row = session.get(TrackedDecision, decision_id)
        if row is None:
            raise NotFound(decision_id=decision_id)
        current = _row_dict(row)
        if current["version"] != expected_version:
            stale = True
        else:
            stale = False
            clean = validate_changes(changes, announced_date=current["announced_date"], current=current)
            diff = {f: v for f, v in clean.items() if v != current[f]}
            if not diff:
                return current
            new_version = expected_version + 1
            result = session.execute(
                update(TrackedDecision)
                .where(TrackedDecision.decision_id == decision_id, TrackedDecision.version == expected_version)
                .values(**diff, version=new_version, updated_at=now, updated_by=editor.label)
                .execution_options(synchronize_session=False)
            )
            if result.rowcount != 1:  # saved by someone else between our read and our write
                stale = True
                session.rollback()
            else:
                session.execute(insert(HistoryEntry),
                                _history_rows(decision_id, current, diff, editor=editor.label, now=now,
                                              version=new_version))
                current.update(diff, version=new_version, updated_at=now, updated_by=editor.label)
    if stale:
        # bad values are reported first; whether status and progress agree depends on the other
        # editor's change, which the conflict shows
        validate_changes(changes, announced_date=current["announced_date"])
        raise _conflict(decision_id, expected_version, dict(changes), engine)
    return current


def add_comment(decision_id: str, body: str, *, editor: Principal | None, now: datetime | None = None,
                engine: Engine | None = None) -> dict:
    """Append a comment to a decision's thread (comments never conflict). Also a history row."""
    _require_writer(editor)
    text = (body or "").strip()
    if not text:
        raise InvalidInput([("tracker.invalid.comment_empty", {})])
    if len(text) > COMMENT_MAX:
        raise InvalidInput([("tracker.invalid.too_long", {"field": "comment", "limit": COMMENT_MAX})])
    now = now or utcnow()
    with db.session_scope(editor, _engine(engine)) as session:
        row = session.get(TrackedDecision, decision_id)
        if row is None:
            raise NotFound(decision_id=decision_id)
        comment = Comment(decision_id=decision_id, author=editor.label, body=text, created_at=now)
        session.add(comment)
        session.add(HistoryEntry(decision_id=decision_id, changed_at=now, editor=editor.label, field="comment",
                                 old_value=None, new_value=text, version=row.version))
        session.flush()
        return {c: getattr(comment, c) for c in COMMENT_COLUMNS}


# --------------------------------------------------------------------------- sync with the ETL

@dataclass(frozen=True)
class SyncReport:
    n_decisions: int
    added: int = 0
    updated: int = 0
    orphaned: int = 0
    restored: int = 0
    skipped: bool = False
    duplicates: int = 0


def _etl_value(col: str, value):
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if col in ("char_start", "char_end"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return None
        return int(number) if math.isfinite(number) else None
    return str(value)


def _etl_records(decisions: pd.DataFrame) -> dict[str, dict]:
    frame = decisions.reindex(columns=["decision_id", *ETL_COLUMNS])
    frame = frame[frame["decision_id"].notna()]
    records: dict[str, dict] = {}
    for row in frame.itertuples(index=False):
        values = row._asdict()
        decision_id = str(values.pop("decision_id"))
        records.setdefault(decision_id, {c: _etl_value(c, values[c]) for c in ETL_COLUMNS})
    return records


def fingerprint(decisions: pd.DataFrame) -> str:
    """Hash of the ETL frame's content, order-independent."""
    frame = decisions.reindex(columns=["decision_id", *ETL_COLUMNS]).sort_values("decision_id", kind="stable")
    return hashlib.sha256(frame.to_csv(index=False).encode("utf-8")).hexdigest()


def sync_decisions(decisions: pd.DataFrame, *, now: datetime | None = None, engine: Engine | None = None,
                   force: bool = False) -> SyncReport:
    """Bring the tracker in line with the ETL's decisions table, never losing an edit.

    New decision_ids are added as 'not_started'; known ones get the ETL's current text;
    ones the ETL no longer produces are marked orphaned (and un-marked if they come back),
    with a history row by 'etl-sync'. Editors' fields and versions are never touched.
    Skips the work when the frame is the one synced last time (unless `force`).
    """
    engine = _engine(engine)
    now = now or utcnow()
    digest = fingerprint(decisions)
    try:
        return _sync(decisions, digest, now=now, engine=engine, force=force)
    except IntegrityError:  # another instance inserted the same new decisions at the same moment
        return _sync(decisions, digest, now=now, engine=engine, force=True)


def _sync(decisions: pd.DataFrame, digest: str, *, now: datetime, engine: Engine, force: bool) -> SyncReport:
    records = _etl_records(decisions)
    duplicates = int(decisions["decision_id"].notna().sum()) - len(records) if "decision_id" in decisions else 0
    with db.session_scope(SYSTEM, engine) as session:
        state = session.get(SyncState, "decisions")
        if state is not None and state.fingerprint == digest and not force:
            return SyncReport(n_decisions=len(records), skipped=True, duplicates=duplicates)
        stored = {r.decision_id: r for r in session.execute(
            select(TrackedDecision.decision_id, TrackedDecision.orphaned, TrackedDecision.version,
                   *[getattr(TrackedDecision, c) for c in ETL_COLUMNS]))}
        new_rows, changed_rows, history, seen = [], [], [], []
        restored = orphaned = 0
        for decision_id, values in records.items():
            old = stored.get(decision_id)
            if old is None:
                new_rows.append({"decision_id": decision_id, **values, "orphaned": False, "first_seen_at": now,
                                 "last_seen_at": now, "status": DEFAULT_STATUS, "version": 0})
                continue
            seen.append(decision_id)
            if old.orphaned:
                restored += 1
                history.append(_orphan_history(decision_id, False, now, old.version))
            if old.orphaned or any(getattr(old, c) != values[c] for c in ETL_COLUMNS):
                changed_rows.append({"decision_id": decision_id, **values, "orphaned": False, "last_seen_at": now})
        gone = [r for d, r in stored.items() if d not in records and not r.orphaned]
        for r in gone:
            orphaned += 1
            history.append(_orphan_history(r.decision_id, True, now, r.version))
        if new_rows:
            for start in range(0, len(new_rows), _CHUNK):
                session.execute(insert(TrackedDecision), new_rows[start:start + _CHUNK])
        if changed_rows:
            session.execute(update(TrackedDecision), changed_rows)
        if gone:
            session.execute(update(TrackedDecision), [{"decision_id": r.decision_id, "orphaned": True} for r in gone])
        unchanged = sorted(set(seen) - {r["decision_id"] for r in changed_rows})
        for start in range(0, len(unchanged), _CHUNK):
            session.execute(update(TrackedDecision).where(TrackedDecision.decision_id.in_(unchanged[start:start + _CHUNK]))
                            .values(last_seen_at=now).execution_options(synchronize_session=False))
        if history:
            session.execute(insert(HistoryEntry), history)
        n_orphaned = session.scalar(select(func.count()).select_from(TrackedDecision)
                                    .where(TrackedDecision.orphaned.is_(True)))
        if state is None:
            session.add(SyncState(name="decisions", fingerprint=digest, synced_at=now,
                                  n_decisions=len(records), n_orphaned=n_orphaned))
        else:
            state.fingerprint, state.synced_at = digest, now
            state.n_decisions, state.n_orphaned = len(records), n_orphaned
    return SyncReport(n_decisions=len(records), added=len(new_rows), updated=len(changed_rows) - restored,
                      orphaned=orphaned, restored=restored, duplicates=duplicates)


def _orphan_history(decision_id: str, orphaned: bool, now: datetime, version: int) -> dict:
    return {"decision_id": decision_id, "changed_at": now, "editor": SYSTEM.label, "field": "orphaned",
            "old_value": history_text(not orphaned), "new_value": history_text(orphaned), "version": version}
