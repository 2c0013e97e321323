"""Corrections of extracted rows, stored in the tracker database (tables ``corrections`` and
``correction_history``), keyed by the rows' stable ids so they survive every rebuild.

Reads are open; every write takes the Principal it acts for, goes through a session that
refuses it unless that principal may write (tracker.db), checks the values
(etl.overrides.validate_changes) and the version the editor started from, and leaves one
history row per changed field naming the editor. Nothing is ever deleted: restoring a
rejected row or setting a field back to the ETL's value is one more change in the history.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from etl.overrides import EDITABLE, validate_changes
from etl.principals import PermissionDenied, Principal, may_write
from tracker import db
from tracker.errors import InvalidInput, TrackerError
from tracker.models import Correction, CorrectionHistory

CORRECTION_COLUMNS = ("table_name", "row_id", "article_id", "changes", "rejected", "reason", "original",
                      "version", "created_at", "updated_at", "updated_by")
HISTORY_COLUMNS = ("history_id", "table_name", "row_id", "changed_at", "editor", "field", "old_value", "new_value",
                   "version")
REASON_MAX = 500


class CorrectionConflict(TrackerError):
    """Someone else changed this row's correction after the editor opened it. Nothing was written."""

    key = "correct.error.conflict"

    def __init__(self, table_name: str, row_id: str, theirs: list[dict], current: dict | None):
        self.table_name, self.row_id, self.theirs, self.current = table_name, row_id, theirs, current
        editors = ", ".join(sorted({r["editor"] for r in theirs})) or "?"
        changes = "; ".join(f"{r['field']}: {r.get('old_value') or '∅'} → {r.get('new_value') or '∅'}" for r in theirs)
        super().__init__(row_id=row_id, editors=editors, changes=changes or "—")


def utcnow() -> datetime:
    return datetime.now(UTC)


def _engine(engine: Engine | None) -> Engine:
    return engine if engine is not None else db.get_engine()


def _plain(value):
    """JSON-safe and comparable: NaN → None, numpy scalars → Python, whole floats stay floats."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return value


def _text(value) -> str | None:
    value = _plain(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _same(a, b) -> bool:
    a, b = _plain(a), _plain(b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return float(a) == float(b)
    return (a if a not in ("",) else None) == (b if b not in ("",) else None)


def _record(row: Correction) -> dict:
    out = {c: getattr(row, c) for c in CORRECTION_COLUMNS}
    out["changes"] = json.loads(row.changes or "{}")
    out["original"] = json.loads(row.original) if row.original else {}
    return out


# --------------------------------------------------------------------------- reads

def overrides_frame(table_name: str | None = None, *, article_id: str | None = None,
                    engine: Engine | None = None) -> pd.DataFrame:
    """Every stored correction (``changes`` and ``original`` as dicts), optionally of one table or article."""
    statement = select(Correction)
    if table_name:
        statement = statement.where(Correction.table_name == table_name)
    if article_id:
        statement = statement.where(Correction.article_id == article_id)
    with db.session_scope(None, _engine(engine)) as session:
        rows = [_record(r) for r in session.scalars(statement.order_by(Correction.table_name, Correction.row_id))]
    return pd.DataFrame(rows, columns=list(CORRECTION_COLUMNS))


def get_correction(table_name: str, row_id: str, *, engine: Engine | None = None) -> dict | None:
    with db.session_scope(None, _engine(engine)) as session:
        row = session.get(Correction, (table_name, row_id))
        return _record(row) if row is not None else None


def signature(*, engine: Engine | None = None) -> tuple[int, int]:
    """(number of corrections, last history id): changes whenever any correction does."""
    with db.session_scope(None, _engine(engine)) as session:
        count = session.scalar(select(func.count()).select_from(Correction)) or 0
        last = session.scalar(select(func.max(CorrectionHistory.history_id))) or 0
    return int(count), int(last)


def history_frame(table_name: str | None = None, row_id: str | None = None, *, limit: int | None = None,
                  engine: Engine | None = None) -> pd.DataFrame:
    """Who changed what, newest first."""
    statement = select(*[getattr(CorrectionHistory, c) for c in HISTORY_COLUMNS])
    if table_name:
        statement = statement.where(CorrectionHistory.table_name == table_name)
    if row_id:
        statement = statement.where(CorrectionHistory.row_id == row_id)
    statement = statement.order_by(CorrectionHistory.history_id.desc())
    if limit:
        statement = statement.limit(limit)
    with db.session_scope(None, _engine(engine)) as session:
        rows = [tuple(r) for r in session.execute(statement)]
    frame = pd.DataFrame(rows, columns=list(HISTORY_COLUMNS))
    for column in ("old_value", "new_value"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


# --------------------------------------------------------------------------- writes

def save_correction(table_name: str, row_id: str, *, original: Mapping, expected_version: int,
                    editor: Principal | None, changes: Mapping | None = None, rejected: bool | None = None,
                    reason: str | None = None, article_id: str | None = None, themes=None,
                    now: datetime | None = None, engine: Engine | None = None) -> dict:
    """Correct fields of one extracted row and/or (un)reject it, if nobody changed its correction
    since ``expected_version`` (0 for a row never corrected).

    ``original`` is the row as the ETL gives it (its editable fields). A field set back to its
    original value is dropped from the correction. Returns the stored correction. Raises
    PermissionDenied (not an editor), InvalidInput (bad values) or CorrectionConflict; in
    each case nothing is written. No change at all writes nothing.
    """
    if not may_write(editor):
        raise PermissionDenied(editor)
    if table_name not in EDITABLE:
        raise InvalidInput([("correct.invalid.table", {"value": table_name})])
    now = now or utcnow()
    engine = _engine(engine)
    reason = " ".join(str(reason).split()) if reason else None
    if reason and len(reason) > REASON_MAX:
        raise InvalidInput([("correct.invalid.reason", {"limit": REASON_MAX})])
    base = {f: _plain(original.get(f)) for f in EDITABLE[table_name]}
    try:
        with db.session_scope(editor, engine) as session:
            row = session.get(Correction, (table_name, row_id))
            stored = _record(row) if row is not None else None
            version = stored["version"] if stored else 0
            if version != expected_version:
                raise _Stale()
            base = stored["original"] or base if stored else base
            before = {**base, **(stored["changes"] if stored else {})}
            clean: dict = {}
            if changes:
                clean, problems = validate_changes(table_name, changes, before, themes=themes)
                if problems:
                    raise InvalidInput(problems)
            merged = {**(stored["changes"] if stored else {}), **clean}
            merged = {f: v for f, v in merged.items() if not _same(v, base.get(f))}
            after = {**base, **merged}
            was_rejected = bool(stored and stored["rejected"])
            now_rejected = was_rejected if rejected is None else bool(rejected)
            history = [(f, before.get(f), after.get(f)) for f in EDITABLE[table_name]
                       if not _same(before.get(f), after.get(f))]
            if now_rejected != was_rejected:
                history.append(("rejected", was_rejected, now_rejected))
            if reason and reason != (stored or {}).get("reason"):
                history.append(("reason", (stored or {}).get("reason"), reason))
            if not history:
                return stored or {}
            new_version = version + 1
            values = dict(changes=json.dumps(merged, ensure_ascii=False, sort_keys=True), rejected=now_rejected,
                          reason=reason or (stored or {}).get("reason"), version=new_version, updated_at=now,
                          updated_by=editor.label)
            if stored is None:
                session.add(Correction(table_name=table_name, row_id=row_id, article_id=article_id,
                                       original=json.dumps(base, ensure_ascii=False, sort_keys=True),
                                       created_at=now, **values))
                session.flush()
            else:
                result = session.execute(
                    update(Correction)
                    .where(Correction.table_name == table_name, Correction.row_id == row_id,
                           Correction.version == expected_version)
                    .values(**values).execution_options(synchronize_session=False))
                if result.rowcount != 1:
                    raise _Stale()
            session.add_all(CorrectionHistory(table_name=table_name, row_id=row_id, changed_at=now,
                                              editor=editor.label, field=field, old_value=_text(old),
                                              new_value=_text(new), version=new_version)
                            for field, old, new in history)
    except (_Stale, IntegrityError):
        raise _conflict(table_name, row_id, expected_version, engine) from None
    return get_correction(table_name, row_id, engine=engine)


class _Stale(Exception):
    pass


def _conflict(table_name: str, row_id: str, expected_version: int, engine: Engine) -> CorrectionConflict:
    history = history_frame(table_name, row_id, engine=engine)
    theirs = history[history["version"] > expected_version].sort_values("history_id").to_dict("records")
    return CorrectionConflict(table_name, row_id, theirs, get_correction(table_name, row_id, engine=engine))


def reject_row(table_name: str, row_id: str, *, original: Mapping, expected_version: int, editor: Principal | None,
               reason: str | None = None, article_id: str | None = None, now: datetime | None = None,
               engine: Engine | None = None) -> dict:
    """Mark a row as a false extraction (pages hide it unless asked to show rejected rows)."""
    return save_correction(table_name, row_id, original=original, expected_version=expected_version, editor=editor,
                           rejected=True, reason=reason, article_id=article_id, now=now, engine=engine)


def restore_row(table_name: str, row_id: str, *, original: Mapping, expected_version: int, editor: Principal | None,
                now: datetime | None = None, engine: Engine | None = None) -> dict:
    """Undo a rejection (the history keeps both)."""
    return save_correction(table_name, row_id, original=original, expected_version=expected_version, editor=editor,
                           rejected=False, now=now, engine=engine)

