"""Engine, sessions and migrations.

The database is PostgreSQL when DATABASE_URL is set (several app instances share
one tracker), otherwise an SQLite file data/tracker.sqlite. Sessions carry the
principal they act for; a write through a session whose principal may not write
is refused here, below the service functions, whatever the caller forgot.
"""
from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.elements import TextClause

from etl.paths import data_dir
from etl.principals import PermissionDenied, Principal, may_write
from tracker.models import SignInAttempt, SyncState

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Tables any visitor may write to (a failed sign-in is recorded before anyone is known).
_PUBLIC_WRITE_TABLES = {SignInAttempt.__tablename__}
_SYSTEM_TABLES = {SyncState.__tablename__}

_engines: dict[str, Engine] = {}
_migrated: set[str] = set()
_lock = threading.Lock()


def default_url() -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        # Heroku-style URLs name the driver "postgres"; SQLAlchemy 2 wants psycopg spelled out.
        if url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url[len("postgres://"):]
        elif url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        return url
    return f"sqlite:///{data_dir() / 'tracker.sqlite'}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """A new engine (no migration). Prefer get_engine() in the app."""
    url = url or default_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def get_engine(url: str | None = None, *, migrate: bool = True) -> Engine:
    """One engine per URL per process, migrated to head on first use."""
    url = url or default_url()
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = make_engine(url)
        if migrate and url not in _migrated:
            upgrade(url, engine=engine)
            _migrated.add(url)
    return engine


def dispose_engines() -> None:
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _migrated.clear()


def alembic_config(url: str):
    """Alembic configuration built in code: works from any working directory."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str | None = None, revision: str = "head", *, engine: Engine | None = None) -> None:
    """`alembic upgrade head` for this database. On PostgreSQL an advisory lock keeps
    two app instances starting together from migrating at once."""
    from alembic import command

    url = url or default_url()
    own = engine is None
    engine = engine or make_engine(url)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(727274)"))
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        if own:
            engine.dispose()


def downgrade(url: str, revision: str = "base") -> None:
    from alembic import command

    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    finally:
        engine.dispose()


_Session = sessionmaker(expire_on_commit=False)


@contextmanager
def session_scope(principal: Principal | None, engine: Engine | None = None) -> Iterator[Session]:
    """A transaction acting for `principal` (None = anonymous viewer). Commits on success."""
    session = _Session(bind=engine or get_engine())
    session.info["principal"] = principal
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _refuse_unless_writer(session: Session, tables: set[str]) -> None:
    principal = session.info.get("principal", None)
    restricted = tables - _PUBLIC_WRITE_TABLES
    if not restricted:
        return
    if restricted & _SYSTEM_TABLES and not (principal and principal.is_system):
        raise PermissionDenied(principal)
    if not may_write(principal):
        raise PermissionDenied(principal)


@event.listens_for(Session, "before_flush")
def _guard_flush(session: Session, _context, _instances) -> None:
    if "principal" not in session.info:
        return
    objects = list(session.new) + list(session.dirty) + list(session.deleted)
    tables = {obj.__table__.name for obj in objects if hasattr(obj, "__table__")}
    if tables:
        _refuse_unless_writer(session, tables)


_SQL_COMMENT = re.compile(r"--[^\n]*|/\*.*?\*/", re.DOTALL)
_SQL_READ_VERBS = {"select", "values", "show", "explain", "pragma_read"}
_SQL_TARGET = re.compile(
    r"\b(?:insert\s+(?:or\s+\w+\s+)?into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from|merge\s+into|"
    r"truncate(?:\s+table)?|(?:create|drop|alter)\s+(?:table|index|view)(?:\s+if\s+(?:not\s+)?exists)?)"
    r"\s+(?:only\s+)?\"?([A-Za-z_][\w.]*)\"?", re.IGNORECASE)


def text_write_tables(sql: str) -> set[str] | None:
    """The tables a raw SQL statement writes (None: it only reads). Conservative: a statement
    that is not a plain read and names no table it writes counts as writing "?" (restricted)."""
    body = _SQL_COMMENT.sub(" ", sql or "").strip().lower()
    verb = body.split(None, 1)[0] if body else ""
    if verb in _SQL_READ_VERBS and not re.search(r"\b(insert|update|delete|merge)\b", body.split("for update")[0]):
        return None
    targets = {name.split(".")[-1] for name in _SQL_TARGET.findall(body)}
    return targets or {"?"}


@event.listens_for(Session, "do_orm_execute")
def _guard_statements(state) -> None:
    if "principal" not in state.session.info:
        return
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        _refuse_unless_writer(state.session, {getattr(table, "name", "?")})
    elif isinstance(state.statement, TextClause):  # raw text() SQL: guarded by what it says it writes
        tables = text_write_tables(state.statement.text)
        if tables is not None:
            _refuse_unless_writer(state.session, tables)
