"""Fixtures shared by the tracker tests: one migrated database per test, on SQLite and on
PostgreSQL (TEST_DATABASE_URL, each test in its own schema), plus small decision frames.

Import the fixtures into a test module with `from tracker_support import *`.
"""
from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime

import pytest
from conftest import skip_or_fail
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from etl.principals import Principal
from etl.schema import conform
from tracker import db

__all__ = ["tracker_url", "engine", "decisions_frame", "EDITOR", "OTHER_EDITOR", "VIEWER", "NOW",
           "postgres_base_url", "fresh_postgres_schema"]

EDITOR = Principal(username="awa.diallo", role="editor", display_name="Awa Diallo")
OTHER_EDITOR = Principal(username="ousmane.traore", role="editor")
VIEWER = Principal(username="lecteur", role="viewer")
NOW = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def postgres_base_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not url:
        skip_or_fail("TEST_DATABASE_URL is not set (PostgreSQL tracker tests)")
    return url


class fresh_postgres_schema:
    """A throwaway schema on the test server; the URL's search_path points into it."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.schema = f"trk_{uuid.uuid4().hex[:12]}"

    def __enter__(self) -> str:
        try:
            admin = create_engine(self.base_url)
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{self.schema}"'))
            admin.dispose()
        except Exception as exc:  # server down or role missing
            skip_or_fail(f"PostgreSQL at TEST_DATABASE_URL unreachable: {type(exc).__name__}: {exc}")
        url = make_url(self.base_url).update_query_dict({"options": f"-csearch_path={self.schema}"})
        return url.render_as_string(hide_password=False)

    def __exit__(self, *exc) -> None:
        db.dispose_engines()
        admin = create_engine(self.base_url)
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def tracker_url(request, tmp_path):
    """An empty database URL, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker.sqlite'}"
        db.dispose_engines()
        return
    with fresh_postgres_schema(postgres_base_url()) as url:
        yield url


@pytest.fixture
def engine(tracker_url):
    """A migrated database."""
    db.upgrade(tracker_url)
    engine = db.make_engine(tracker_url)
    yield engine
    engine.dispose()


def decisions_frame(n: int = 3, *, prefix: str = "dec", article_id: str = "art_a", theme_cycle=("santé", "éducation"),
                    announced_date: str = "2024-03-05"):
    rows = [
        {
            "decision_id": f"{prefix}_{i:04d}",
            "article_id": article_id,
            "kind": ("decision", "commitment", "objective", "recommendation")[i % 4],
            "text": f"Le gouvernement s'engage à réaliser l'action n° {i}.",
            "theme": theme_cycle[i % len(theme_cycle)],
            "announced_date": announced_date,
            "announced_precision": "day",
            "quote": f"réaliser l'action n° {i}",
            "char_start": 100 * i,
            "char_end": 100 * i + 30,
            "country_iso3": "MLI",
        }
        for i in range(n)
    ]
    return conform("decisions", rows)
