"""Where things live. Paths come from this file's location, never the working directory.

Environment variables override the defaults, so tests, benchmarks and several app
instances can point at other folders without touching the repository.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHAPES_DIR = ROOT / "shapes"


def _dir(env: str, default: Path) -> Path:
    value = os.environ.get(env)
    return Path(value).expanduser().resolve() if value else default


def data_dir() -> Path:
    return _dir("SAHEL_DATA_DIR", ROOT / "data")


def articles_dir() -> Path:
    return _dir("SAHEL_ARTICLES_DIR", data_dir() / "articles")


def tables_dir() -> Path:
    return _dir("SAHEL_TABLES_DIR", data_dir() / "tables")


def imports_dir() -> Path:
    """Imported official figures (etl.imports): next to the articles folder unless set."""
    return _dir("SAHEL_IMPORTS_DIR", articles_dir().parent / "imports")


def feeds_file() -> Path:
    """The watched feeds (etl.feeds): data/feeds.toml unless set."""
    return _dir("SAHEL_FEEDS", data_dir() / "feeds.toml")


def feeds_state() -> Path:
    """The feed watch's state (seen items, ETags, last success per feed), SQLite."""
    return _dir("SAHEL_FEEDS_STATE", data_dir() / "feeds_state.sqlite")
