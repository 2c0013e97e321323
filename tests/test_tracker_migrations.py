"""Migrations from empty: `alembic upgrade head` builds exactly the models' schema, on SQLite and PostgreSQL."""
from __future__ import annotations

import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from conftest import ROOT
from sqlalchemy import inspect
from tracker_support import *  # noqa: F401,F403  (fixtures)

from tracker import db
from tracker.models import Base

TRACKER_TABLES = {t.name for t in Base.metadata.sorted_tables}


def _tables(url: str) -> set[str]:
    engine = db.make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_from_empty_matches_the_models_then_downgrades_cleanly(tracker_url):
    assert _tables(tracker_url) == set()
    db.upgrade(tracker_url)
    assert _tables(tracker_url) == TRACKER_TABLES | {"alembic_version"}
    engine = db.make_engine(tracker_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert context.get_current_revision() == ScriptDirectory.from_config(db.alembic_config(tracker_url)).get_current_head()
            assert compare_metadata(context, Base.metadata) == []  # models and database agree
    finally:
        engine.dispose()
    db.upgrade(tracker_url)  # idempotent
    db.downgrade(tracker_url, "base")
    assert _tables(tracker_url) == {"alembic_version"}
    db.upgrade(tracker_url)
    assert TRACKER_TABLES <= _tables(tracker_url)


def test_one_linear_history():
    script = ScriptDirectory.from_config(db.alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1
    assert all(len(rev.nextrev) <= 1 for rev in script.walk_revisions())


def test_upgrade_works_from_any_directory_and_the_cli(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    result = subprocess.run([sys.executable, "-m", "tracker", "--database-url", url, "upgrade"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert TRACKER_TABLES <= _tables(url)
    assert str(ROOT) not in str(tmp_path)


def test_get_engine_migrates_a_new_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'auto.sqlite'}"
    try:
        db.get_engine(url)
        assert TRACKER_TABLES <= _tables(url)
    finally:
        db.dispose_engines()
