"""Tracker tables (SQLAlchemy 2). The Alembic migrations in tracker/migrations build exactly these.

One row per decision_id: a copy of the ETL columns (so an orphaned decision keeps
its text after the ETL stops producing it) plus the fields ministry staff edit.
`version` is the optimistic lock: every edit bumps it and an UPDATE only matches
the version the editor started from.
"""
from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Deterministic constraint names so migrations and models compare equal on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The ETL columns copied onto each tracked decision (see etl.schema.TABLES["decisions"]).
ETL_COLUMNS = (
    "article_id", "kind", "text", "theme", "announced_date", "quote", "char_start", "char_end",
    "announced_precision", "country_iso3", "lead_in",
)
# The columns editors change; each change is one history row.
TRACKED_FIELDS = ("status", "responsible", "due_date", "progress", "notes")


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC on the way out, whatever the backend stores (SQLite keeps naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the tracker: pass an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class TrackedDecision(Base):
    __tablename__ = "tracker_decisions"

    decision_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # ETL snapshot
    article_id: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str | None] = mapped_column(Text)
    theme: Mapped[str | None] = mapped_column(String(120))
    announced_date: Mapped[str | None] = mapped_column(String(16))
    quote: Mapped[str | None] = mapped_column(Text)
    char_start: Mapped[int | None] = mapped_column(Integer)
    char_end: Mapped[int | None] = mapped_column(Integer)
    announced_precision: Mapped[str | None] = mapped_column(String(16))
    country_iso3: Mapped[str | None] = mapped_column(String(3))
    lead_in: Mapped[str | None] = mapped_column(Text)
    orphaned: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    # edited by ministry staff
    status: Mapped[str] = mapped_column(String(32), default="not_started", nullable=False)
    responsible: Mapped[str | None] = mapped_column(String(200))
    due_date: Mapped[date | None] = mapped_column(Date)
    progress: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_by: Mapped[str | None] = mapped_column(String(120))

    comments: Mapped[list[Comment]] = relationship(back_populates="decision", order_by="Comment.comment_id")

    __table_args__ = (
        Index("ix_tracker_decisions_status", "status"),
        Index("ix_tracker_decisions_due_date", "due_date"),
    )


class Comment(Base):
    __tablename__ = "tracker_comments"

    comment_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    decision_id: Mapped[str] = mapped_column(ForeignKey("tracker_decisions.decision_id"), nullable=False)
    author: Mapped[str] = mapped_column(String(120), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    decision: Mapped[TrackedDecision] = relationship(back_populates="comments")

    __table_args__ = (Index("ix_tracker_comments_decision", "decision_id", "comment_id"),)


class HistoryEntry(Base):
    """One changed field: who, when, old → new. Never updated, never deleted."""

    __tablename__ = "tracker_history"

    history_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    decision_id: Mapped[str] = mapped_column(ForeignKey("tracker_decisions.decision_id"), nullable=False)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    editor: Mapped[str] = mapped_column(String(120), nullable=False)
    field: Mapped[str] = mapped_column(String(32), nullable=False)
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __table_args__ = (
        Index("ix_tracker_history_decision", "decision_id", "history_id"),
        Index("ix_tracker_history_changed_at", "changed_at"),
    )


class SignInAttempt(Base):
    """Persisted so that restarts and several app instances share the rate limit."""

    __tablename__ = "tracker_sign_in_attempts"

    attempt_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(200), nullable=False)
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    succeeded: Mapped[bool] = mapped_column(Boolean, nullable=False)

    __table_args__ = (Index("ix_tracker_sign_in_attempts_key", "key", "attempted_at"),)


class SyncState(Base):
    """Fingerprint of the last decisions frame synced, so a page rerun skips an unchanged sync."""

    __tablename__ = "tracker_sync_state"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False)
    synced_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    n_decisions: Mapped[int] = mapped_column(Integer, nullable=False)
    n_orphaned: Mapped[int] = mapped_column(Integer, nullable=False)


class Correction(Base):
    """An editor's override of one extracted row (figure, decision or event), keyed by its stable
    id: replaced fields (JSON) or a rejection. Applied on top of every build (etl.overrides)."""

    __tablename__ = "corrections"

    table_name: Mapped[str] = mapped_column(String(16), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    article_id: Mapped[str | None] = mapped_column(String(120))
    changes: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    rejected: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    reason: Mapped[str | None] = mapped_column(Text)
    original: Mapped[str | None] = mapped_column(Text)  # the row's fields as the ETL gave them (JSON)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    updated_by: Mapped[str] = mapped_column(String(120), nullable=False)

    __table_args__ = (Index("ix_corrections_article", "article_id"),)


class CorrectionHistory(Base):
    """One changed field of a correction: who, when, old → new. Never updated, never deleted."""

    __tablename__ = "correction_history"

    history_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(16), nullable=False)
    row_id: Mapped[str] = mapped_column(String(64), nullable=False)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    editor: Mapped[str] = mapped_column(String(120), nullable=False)
    field: Mapped[str] = mapped_column(String(32), nullable=False)
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __table_args__ = (Index("ix_correction_history_row", "table_name", "row_id", "history_id"),)
