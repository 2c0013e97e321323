"""Where the published tables are, for readers: versioned build folders and one pointer.

A tables folder written by ``etl.pipeline.build`` looks like this::

    tables/
      builds/<build_id>/      one complete build: <table>.csv and texts/<article_id>.txt,
                              never changed once published
      builds/.staging-*       a build being written (a killed build's is removed by the next)
      current -> builds/<build_id>      THE pointer: a symbolic link, replaced in one os.replace
      figures.csv -> current/figures.csv  (one entry link per table, and texts -> current/texts,
      texts -> current/texts               for other tools: `DIR/<table>.csv` stays readable)
      .cache/  .build.lock

A publish writes and checks a whole new build folder, then swaps ``current``: a reader sees the
old build or the new one, never a mix, whatever the moment a build is killed.

**Readers pin a build.** Each open of ``tables/figures.csv`` follows ``current`` at that moment,
so a reader that opens several files (a table, then another, then an article's text) must
resolve ``current`` once and read everything from that folder: ``current_build(tables_dir)``.
The project's own readers do (dashboard.loaders once per script run, etl.intake, the tracker's
sync, the briefing pack through the loaders). A folder without ``current`` (tables written by
hand or by tests, or an older layout) is its own build.

The previous build is kept beside the current one, so a reader that pinned it just before a
swap can finish; older builds are removed by the next publish.
"""
from __future__ import annotations

import os
from pathlib import Path

BUILDS_DIRNAME = "builds"
CURRENT_NAME = "current"
STAGING_PREFIX = ".staging-"


def current_build(tables_dir: Path) -> Path:
    """The folder holding the current build's tables and texts (resolve once, then read from it)."""
    tables_dir = Path(tables_dir)
    try:
        target = os.readlink(tables_dir / CURRENT_NAME)
    except OSError:  # no pointer: a flat folder of tables
        return tables_dir
    return tables_dir / target


def build_id(tables_dir: Path) -> str | None:
    """The current build's id (its folder name), or None for a flat folder."""
    build = current_build(tables_dir)
    return build.name if build != Path(tables_dir) else None
