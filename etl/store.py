"""The table store: the one owner of the published tables (reading, writing, staging, publishing).

Every reader of the tables goes through a store: the ETL (etl.pipeline: the previous build's
articles, the read-back check of a staged build), the app (dashboard.loaders), the intake's
duplicate check (etl.intake), the feed watch (etl.fetch), the tracker's ``sync`` and, through the
loaders, the briefing pack. Two back ends, one behaviour:

- ``CsvStore`` (default): a tables folder of versioned build folders and one ``current``
  symbolic link, swapped with ``os.replace`` (layout in etl.published).
- ``PostgresStore``: when ``SAHEL_TABLES_URL`` names a PostgreSQL database
  (``postgresql+psycopg://user:password@host/db``; ``postgres://`` and ``postgresql://`` are
  accepted), so several app instances on several machines share one set of tables. Each build is
  a schema of its own, ``<ns>_b_<build id>`` (``ns``: ``SAHEL_TABLES_SCHEMA``, default
  ``sahel``), holding the eight tables and ``texts``; the schema ``<ns>`` holds the pointer (which
  build is current) and the list of builds. A publish creates the new schema, writes, reads back
  and checks every table, and moves the pointer, all in ONE transaction: until it commits no
  reader sees anything of it, after it every reader that pins sees the whole new build.

Why not ``DATABASE_URL``: that setting is the tracker's (``make run`` points it at an SQLite file
per tables folder); the tables are another thing with other writers (only the ETL) and readers
(every app instance), and may live in another database or none: a separate setting keeps
pointing the tracker at PostgreSQL from silently moving the tables too.

**Readers pin a build** (``store.pin()``), then read every table and text from it: a publish
in between never mixes builds. ``Build.signature(name)`` is a change signature for caches
(``(where, version, size)``, version -1 when the table is absent): it changes with every build.

**One rule for empty cells.** An empty cell (CSV) or NULL (PostgreSQL) is missing: None in a text
column, NaN in a number column; nothing else is missing (« NA », « null », « None » are text).
Writing, a missing value becomes an empty cell or NULL, and so does an empty text. Columns and
types come from etl.schema (the pandera schemas: float64 numbers, text otherwise), through
``etl.schema.conform``.
"""
from __future__ import annotations

import contextlib
import math
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from etl import files, published
from etl.schema import NUMERIC, TABLES, conform, empty_table

TABLES_URL_ENV = "SAHEL_TABLES_URL"
TABLES_SCHEMA_ENV = "SAHEL_TABLES_SCHEMA"
DEFAULT_NAMESPACE = "sahel"
TEXTS_DIRNAME = "texts"
# Tables written in this order (into the staging folder or schema; the whole build is published at once).
WRITE_ORDER = ("figures", "decisions", "events", "actors", "actor_mentions", "places", "place_mentions", "articles")
# The CSV publish, step by step. After each, a reader sees either the previous build or this one.
# "adopt_*" steps run once, when a folder of the older flat layout is first built into.
# The PostgreSQL publish passes "clean", "tables", "check", "switch" and "prune".
PUBLISH_STEPS = ("clean", "adopt_stage", "adopt_seal", "adopt_switch", "links_before", "texts", "tables",
                 "check", "seal", "switch", "links", "prune")
# Test hook: the process exits at once (os._exit, like a kill -9) right after the named step.
KILL_AFTER_ENV = "SAHEL_ETL_KILL_AFTER"
KILL_EXIT_CODE = 137
# A PostgreSQL build replaced less than this long ago is kept (besides the previous one) for
# readers on other machines that pinned it a moment before the swap.
RETIRED_GRACE_SECONDS = 300
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,200}$")

Signature = tuple[str, int, int]
Check = Callable[[dict[str, pd.DataFrame], dict[str, str]], None]


class StoreError(RuntimeError):
    """A table could not be read or the build could not be published; the message says why."""


class TableMissing(StoreError):
    """The build has no such table (a folder written by hand, or nothing built yet)."""


class BuildGone(StoreError):
    """The pinned build was removed (two newer builds were published since): pin again."""


class PublishError(StoreError):
    """The build could not be written or published; the previous build is untouched."""


# ---------------------------------------------------------------- one rule for cells

def typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Raw cells (strings, None for missing) → the contract's columns and types (etl.schema)."""
    if len(frame.columns):
        frame = frame.astype(object).where(frame.notna() & (frame != ""), None)
    return conform(name, frame)


def read_csv_table(name: str, path: Path) -> pd.DataFrame:
    """A table file: every cell as text, an empty cell (and only that) missing, then typed."""
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8")
    except FileNotFoundError as exc:
        raise TableMissing(f"{Path(path).name}: absent (missing)") from exc
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise StoreError(f"{Path(path).name}: {type(exc).__name__}: {exc}") from exc
    return typed(name, raw)


def _number(value) -> float | None:
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def _format_number(value) -> str:
    number = _number(value)
    if number is None:
        return ""
    return str(int(number)) if number.is_integer() and abs(number) < 1e16 else repr(number)


def _csv_ready(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Numbers written plainly: 4800000 not 4800000.0; missing values as empty cells."""
    out = conform(name, df)
    for col in NUMERIC[name]:
        out[col] = [_format_number(v) for v in out[col]]
    return out


def write_csv_table(name: str, df: pd.DataFrame, path: Path) -> None:
    _csv_ready(name, df).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def _after(step: str) -> None:
    """Test hook (KILL_AFTER_ENV): exit as a kill would, right after ``step``."""
    if os.environ.get(KILL_AFTER_ENV) == step:
        os._exit(KILL_EXIT_CODE)


def new_build_id() -> str:
    return time.strftime("%Y%m%dT%H%M%S") + f"-{secrets.token_hex(4)}"


# ---------------------------------------------------------------- the interface

class Build:
    """One published build, pinned: every read comes from it, whatever is published meanwhile."""

    ref: str  # reopens this build: TableStore.open(ref)
    id: str | None

    def has(self, name: str) -> bool:
        raise NotImplementedError

    def read(self, name: str) -> pd.DataFrame:
        """The table, typed (see the module doc); TableMissing, BuildGone or StoreError."""
        raise NotImplementedError

    def read_or_empty(self, name: str) -> pd.DataFrame:
        try:
            return self.read(name)
        except TableMissing:
            return empty_table(name)

    def read_all(self) -> dict[str, pd.DataFrame]:
        return {name: self.read_or_empty(name) for name in TABLES}

    def signature(self, name: str) -> Signature:
        raise NotImplementedError

    def text(self, article_id: str) -> str | None:
        """The article's text exactly as its offsets index it, or None."""
        raise NotImplementedError

    def text_signature(self, article_id: str) -> Signature:
        raise NotImplementedError

    def published_at(self) -> datetime | None:
        raise NotImplementedError

    def alive(self) -> bool:
        """Whether the build can still be read (False once pruned)."""
        return True

    def __str__(self) -> str:
        return self.ref


class TableStore:
    key: str  # names the store in caches and pins (no password)

    def pin(self) -> Build:
        """The current build, resolved once."""
        raise NotImplementedError

    def open(self, ref: str) -> Build:
        """A build pinned earlier (``Build.ref``)."""
        raise NotImplementedError

    def read(self, name: str) -> pd.DataFrame:
        """One table of the current build (pin first to read several)."""
        return self.pin().read(name)

    def signature(self) -> tuple:
        """Changes whenever another build is published (for caches of whole-store results)."""
        build = self.pin()
        return (self.key, build.ref, build.signature("articles"))

    def publish(self, tables: Mapping[str, pd.DataFrame], texts: Mapping[str, str], *,
                check: Check | None = None) -> str:
        """Stage the whole build, read it back, run ``check(tables, texts)`` on what was read
        (it raises to refuse the build), then publish it at once; returns the build id.
        Raises PublishError (or check's exception) with the previous build untouched."""
        raise NotImplementedError


# ---------------------------------------------------------------- CSV back end

class CsvBuild(Build):
    def __init__(self, folder: Path, *, build_id: str | None):
        self.folder = Path(folder)
        self.ref = str(self.folder)
        self.id = build_id

    def _path(self, name: str) -> Path:
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}; expected one of {', '.join(TABLES)}")
        return self.folder / f"{name}.csv"

    def has(self, name: str) -> bool:
        return self._path(name).is_file()

    def read(self, name: str) -> pd.DataFrame:
        try:
            return read_csv_table(name, self._path(name))
        except TableMissing:
            if self.id is not None and not self.folder.is_dir():
                raise BuildGone(f"{self.folder}: build removed") from None
            raise

    def signature(self, name: str) -> Signature:
        return _file_signature(self._path(name))

    def _text_path(self, article_id: str) -> Path | None:
        if not article_id or not _SAFE_ID.match(str(article_id)):
            return None
        return self.folder / TEXTS_DIRNAME / f"{article_id}.txt"

    def text(self, article_id: str) -> str | None:
        """A text the build wrote; a symbolic link planted in the texts folder is never followed."""
        path = self._text_path(article_id)
        if path is None:
            return None
        try:
            return files.read_regular(path).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def text_signature(self, article_id: str) -> Signature:
        path = self._text_path(article_id)
        return _file_signature(path) if path is not None else ("", -1, -1)

    def published_at(self) -> datetime | None:
        try:
            return datetime.fromtimestamp(self._path("articles").stat().st_mtime, tz=UTC)
        except OSError:
            return None

    def alive(self) -> bool:
        return self.id is None or self.folder.is_dir()


def _file_signature(path: Path) -> Signature:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), stat.st_mtime_ns, stat.st_size)


class CsvStore(TableStore):
    """Tables folder of build folders and a ``current`` link (etl.published)."""

    def __init__(self, tables_dir: Path):
        self.tables_dir = Path(tables_dir)
        self.key = f"csv:{self.tables_dir}"

    def pin(self) -> CsvBuild:
        folder = published.current_build(self.tables_dir)
        return CsvBuild(folder, build_id=folder.name if folder != self.tables_dir else None)

    def open(self, ref: str) -> CsvBuild:
        folder = Path(ref)
        return CsvBuild(folder, build_id=folder.name if folder != self.tables_dir else None)

    def publish(self, tables, texts, *, check=None) -> str:
        """Stage the whole build, read it back, check it, then publish it with one pointer swap.

        Any failure before the swap leaves the folder as it was (and no staging folder). A kill at
        any moment leaves either the previous build or this one published (PUBLISH_STEPS)."""
        out_dir = self.tables_dir
        builds = out_dir / published.BUILDS_DIRNAME
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            _clean_stale(out_dir)
            _after("clean")
            _adopt_flat_layout(out_dir)
            _ensure_entry_links(out_dir)  # a repair: a kill before "links" on an earlier build, or a hand edit
            _after("links_before")
            previous = published.current_build(out_dir) if (out_dir / published.CURRENT_NAME).is_symlink() else None
            builds.mkdir(exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=builds, prefix=published.STAGING_PREFIX))
        except OSError as exc:
            raise PublishError(f"écriture des tables impossible (cannot write tables: {exc})") from exc
        try:
            try:
                (staging / TEXTS_DIRNAME).mkdir()
                old_texts = previous / TEXTS_DIRNAME if previous is not None else None
                changed = set(_changed_texts(texts, old_texts)) if old_texts is not None else set(texts)
                for article_id, text in texts.items():
                    target = staging / TEXTS_DIRNAME / f"{article_id}.txt"
                    if article_id not in changed:
                        try:  # the published file, identical: shared, not copied
                            os.link(old_texts / f"{article_id}.txt", target)
                            continue
                        except OSError:
                            pass
                    target.write_text(text, encoding="utf-8", newline="")
                _after("texts")
                for name in WRITE_ORDER:
                    write_csv_table(name, tables[name], staging / f"{name}.csv")
                _after("tables")
                staged = {name: read_csv_table(name, staging / f"{name}.csv") for name in WRITE_ORDER}
                # What the offsets are checked against: the staged files that were written anew
                # (the linked ones were just compared equal to the text).
                staged_texts = dict(texts)
                for article_id in changed:
                    staged_texts[article_id] = (staging / TEXTS_DIRNAME / f"{article_id}.txt").read_text(
                        encoding="utf-8")
            except (OSError, StoreError) as exc:
                raise PublishError(f"écriture des tables impossible (cannot write tables: {exc})") from exc
            if check is not None:
                check(staged, staged_texts)
            _after("check")
            build_dir = builds / new_build_id()
            try:
                os.rename(staging, build_dir)
            except OSError as exc:
                raise PublishError(f"écriture des tables impossible (cannot write tables: {exc})") from exc
            _after("seal")
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        try:
            switch(out_dir, build_dir)
        except OSError as exc:
            shutil.rmtree(build_dir, ignore_errors=True)
            raise PublishError(f"publication des tables impossible (cannot publish tables: {exc})") from exc
        _after("switch")
        # From here on the build is published; what follows only tidies.
        with contextlib.suppress(OSError):
            _ensure_entry_links(out_dir)
        _after("links")
        _prune_builds(out_dir, keep={build_dir.name} | ({previous.name} if previous is not None else set()))
        _after("prune")
        return build_dir.name


def switch(out_dir: Path, build_dir: Path) -> None:
    """Point ``out_dir/current`` at ``build_dir`` in one step: a new link, renamed over the old."""
    tmp = out_dir / f".{published.CURRENT_NAME}.{secrets.token_hex(4)}.tmp"
    os.symlink(f"{published.BUILDS_DIRNAME}/{build_dir.name}", tmp)
    try:
        os.replace(tmp, out_dir / published.CURRENT_NAME)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _ensure_entry_links(out_dir: Path) -> None:
    """``out_dir/<table>.csv`` → ``current/<table>.csv`` and ``out_dir/texts`` → ``current/texts``,
    each made (or remade) by one rename, so other tools keep reading ``out_dir/<table>.csv``."""
    if not (out_dir / published.CURRENT_NAME).is_symlink():
        return
    wanted = {f"{name}.csv": f"{published.CURRENT_NAME}/{name}.csv" for name in WRITE_ORDER}
    wanted[TEXTS_DIRNAME] = f"{published.CURRENT_NAME}/{TEXTS_DIRNAME}"
    for entry_name, target in wanted.items():
        entry = out_dir / entry_name
        if entry.is_symlink() and os.readlink(entry) == target:
            continue
        tmp = out_dir / f".{entry_name}.{secrets.token_hex(4)}.link-tmp"
        os.symlink(target, tmp)
        try:
            if entry.is_dir() and not entry.is_symlink():  # the flat layout's texts folder
                _exchange(tmp, entry)
                shutil.rmtree(tmp, ignore_errors=True)  # the old folder, now under the temporary name
            else:
                os.replace(tmp, entry)
        except BaseException:
            with contextlib.suppress(OSError):
                if tmp.is_symlink():
                    tmp.unlink()
            raise


def _exchange(a: Path, b: Path) -> None:
    """Swap two names in one step (Linux renameat2 RENAME_EXCHANGE); elsewhere two renames."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        renameat2 = None
    if renameat2 is not None:
        at_fdcwd, rename_exchange = -100, 2
        if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
            return
    aside = b.with_name(f"{b.name}.{secrets.token_hex(4)}.old")
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)


def _adopt_flat_layout(out_dir: Path) -> None:
    """A folder of the older flat layout (tables and texts/ directly in it) becomes a build of its
    own, hard-linked, before anything changes: readers see the same content before and after."""
    if (out_dir / published.CURRENT_NAME).is_symlink():
        return
    flat = out_dir / "articles.csv"
    if not flat.is_file() or flat.is_symlink():
        return
    builds = out_dir / published.BUILDS_DIRNAME
    builds.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=builds, prefix=published.STAGING_PREFIX))
    try:
        (staging / TEXTS_DIRNAME).mkdir()
        for name in WRITE_ORDER:
            source = out_dir / f"{name}.csv"
            if source.is_file() and not source.is_symlink():
                _link_or_copy(source, staging / f"{name}.csv")
        texts_dir = out_dir / TEXTS_DIRNAME
        if texts_dir.is_dir() and not texts_dir.is_symlink():
            for text in texts_dir.glob("*.txt"):
                if text.is_file() and not text.is_symlink():
                    _link_or_copy(text, staging / TEXTS_DIRNAME / text.name)
        _after("adopt_stage")
        build_dir = builds / new_build_id()
        os.rename(staging, build_dir)
        _after("adopt_seal")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    current = out_dir / published.CURRENT_NAME
    if current.exists() and not current.is_symlink():
        # a copy that followed the links (shutil.copytree, cp -L) made `current` a plain folder:
        # out of the way (readers of a folder without the link read the flat files meanwhile)
        os.rename(current, builds / f"{published.STAGING_PREFIX}{secrets.token_hex(4)}")
    switch(out_dir, build_dir)
    _after("adopt_switch")


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _clean_stale(out_dir: Path) -> None:
    """What killed builds left: staging folders (this layout's, and the older layout's
    ``.<name>.staging-*`` beside out_dir), half-made links. Runs under the build lock."""
    builds = out_dir / published.BUILDS_DIRNAME
    stale = list(builds.glob(f"{published.STAGING_PREFIX}*")) if builds.is_dir() else []
    stale += list(out_dir.parent.glob(f".{out_dir.name}.staging-*"))
    for path in stale:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
    for pattern in (f".{published.CURRENT_NAME}.*.tmp", ".*.link-tmp", f"{TEXTS_DIRNAME}.*.old"):
        for path in out_dir.glob(pattern):
            with contextlib.suppress(OSError):
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()


def _prune_builds(out_dir: Path, *, keep: set[str]) -> None:
    """Builds other than the current and the previous one (a reader may have pinned it just
    before the swap): removed, as are complete builds a kill left unpublished."""
    builds = out_dir / published.BUILDS_DIRNAME
    for path in builds.iterdir() if builds.is_dir() else []:
        if path.name in keep or path.name.startswith(published.STAGING_PREFIX) or path.is_symlink():
            continue
        shutil.rmtree(path, ignore_errors=True)


def _changed_texts(texts: Mapping[str, str], texts_dir: Path) -> list[str]:
    """Articles whose saved text differs from (or is missing in) the published texts folder."""
    changed = []
    for article_id, text in texts.items():
        try:
            same = files.read_regular(texts_dir / f"{article_id}.txt").decode("utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            changed.append(article_id)
    return changed


# ---------------------------------------------------------------- PostgreSQL back end

def normalize_url(url: str) -> str:
    """SQLAlchemy URL with the psycopg (3) driver spelled out."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


_ENGINES: dict[str, object] = {}
_ENGINES_LOCK = threading.Lock()


def _engine(url: str):
    from sqlalchemy import create_engine

    with _ENGINES_LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            engine = _ENGINES[url] = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
        return engine


def _q(identifier: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", identifier):
        raise ValueError(f"unsafe identifier {identifier!r}")
    return f'"{identifier}"'


def _columns_sql(name: str) -> str:
    columns = [f'{_q(c)} {"double precision" if c in NUMERIC[name] else "text"}' for c in TABLES[name]]
    return ", ".join(['"_row" integer PRIMARY KEY', *columns])


def _cell(value, numeric: bool):
    if value is None:
        return None
    if numeric:
        return _number(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    value = str(value)
    return value if value != "" else None


class PostgresBuild(Build):
    def __init__(self, store: PostgresStore, build_id: str | None, published: datetime | None = None):
        self.store = store
        self.id = build_id
        self.ref = build_id or ""
        self.schema = store.schema_of(build_id) if build_id else None
        self._published = published

    def has(self, name: str) -> bool:
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}; expected one of {', '.join(TABLES)}")
        return self.schema is not None

    def read(self, name: str) -> pd.DataFrame:
        if not self.has(name):
            raise TableMissing(f"{name}: aucune table publiée (no published tables in {self.store.key})")
        columns = ", ".join(_q(c) for c in TABLES[name])
        sql = f"SELECT {columns} FROM {_q(self.schema)}.{_q(name)} ORDER BY _row"
        rows = self.store._fetch(sql, gone=f"{name}: build {self.id} removed")
        return typed(name, pd.DataFrame(rows, columns=list(TABLES[name]), dtype=object))

    def alive(self) -> bool:
        """Whether the build's schema still exists (False once prune() dropped it)."""
        if self.schema is None:
            return True
        try:
            rows = self.store._fetch("SELECT to_regnamespace(%s) IS NOT NULL", (self.schema,), gone="schema")
        except StoreError:
            return False
        return bool(rows and rows[0][0])

    def signature(self, name: str) -> Signature:
        if name not in TABLES:
            raise KeyError(name)
        if self.schema is None:
            return (f"{self.store.key}/-/{name}", -1, -1)
        return (f"{self.store.key}/{self.schema}/{name}", 0, 0)

    def text(self, article_id: str) -> str | None:
        if self.schema is None or not article_id or not _SAFE_ID.match(str(article_id)):
            return None
        try:
            rows = self.store._fetch(f"SELECT text FROM {_q(self.schema)}.texts WHERE article_id = %s",
                                     (str(article_id),), gone="texts")
        except StoreError:
            return None
        return rows[0][0] if rows else None

    def texts(self) -> dict[str, str]:
        if self.schema is None:
            return {}
        return dict(self.store._fetch(f"SELECT article_id, text FROM {_q(self.schema)}.texts", gone="texts"))

    def text_signature(self, article_id: str) -> Signature:
        if self.schema is None:
            return (f"{self.store.key}/-/texts/{article_id}", -1, -1)
        return (f"{self.store.key}/{self.schema}/texts/{article_id}", 0, 0)

    def published_at(self) -> datetime | None:
        return self._published


class PostgresStore(TableStore):
    """Builds as schemas ``<ns>_b_<id>``, a pointer in ``<ns>.pointer`` moved in the publishing transaction."""

    def __init__(self, url: str, *, namespace: str | None = None):
        from sqlalchemy.engine import make_url

        self.url = normalize_url(url)
        self.namespace = (namespace or os.environ.get(TABLES_SCHEMA_ENV) or DEFAULT_NAMESPACE).lower()
        _q(self.namespace + "_b_" + "x" * 24)  # refuses a namespace that would make unsafe or too long names
        self.key = f"{make_url(self.url).render_as_string(hide_password=True)}#{self.namespace}"

    def schema_of(self, build_id: str) -> str:
        return f"{self.namespace}_b_{build_id.lower().replace('-', '_')}"

    @property
    def engine(self):
        return _engine(self.url)

    def _fetch(self, sql: str, params: tuple = (), *, gone: str) -> list[tuple]:
        from sqlalchemy.exc import DBAPIError, ProgrammingError

        try:
            with self.engine.connect() as conn:
                return [tuple(row) for row in conn.exec_driver_sql(sql, params).fetchall()]
        except ProgrammingError as exc:  # undefined table or schema: pruned
            if getattr(exc.orig, "sqlstate", None) in ("42P01", "3F000"):
                raise BuildGone(gone) from exc
            raise StoreError(f"{gone}: {exc.orig}") from exc
        except DBAPIError as exc:
            raise StoreError(f"{self.key}: {type(exc.orig).__name__}: {exc.orig}") from exc

    def pin(self) -> PostgresBuild:
        meta = _q(self.namespace)
        rows = self._fetch(f"SELECT to_regclass('{meta}.pointer') IS NOT NULL", gone="pointer")
        if not rows[0][0]:
            return PostgresBuild(self, None)
        rows = self._fetch(f"SELECT build_id, published_at FROM {meta}.pointer WHERE id = 1", gone="pointer")
        if not rows:
            return PostgresBuild(self, None)
        return PostgresBuild(self, rows[0][0], rows[0][1])

    def open(self, ref: str) -> PostgresBuild:
        return PostgresBuild(self, ref or None)

    def _ensure_meta(self, conn) -> None:
        meta = _q(self.namespace)
        conn.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {meta}")
        conn.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {meta}.pointer (id integer PRIMARY KEY CHECK (id = 1), "
                             "build_id text NOT NULL, published_at timestamptz NOT NULL)")
        conn.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {meta}.builds (build_id text PRIMARY KEY, "
                             "schema_name text NOT NULL, published_at timestamptz NOT NULL, retired_at timestamptz)")

    def _lock_key(self) -> int:
        import zlib

        return zlib.crc32(f"sahel-tables:{self.namespace}".encode())

    def publish(self, tables, texts, *, check=None) -> str:
        from sqlalchemy.exc import DBAPIError

        build_id = new_build_id()
        schema = _q(self.schema_of(build_id))
        meta = _q(self.namespace)
        try:
            with self.engine.begin() as conn:  # ONE transaction: nothing of the build is seen before it commits
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (self._lock_key(),))  # one publisher
                self._ensure_meta(conn)
                _after("clean")
                conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
                cursor = conn.connection.driver_connection.cursor()
                for name in WRITE_ORDER:
                    conn.exec_driver_sql(f"CREATE TABLE {schema}.{_q(name)} ({_columns_sql(name)})")
                    frame = conform(name, tables[name])
                    numeric = [c in NUMERIC[name] for c in TABLES[name]]
                    columns = ", ".join(["_row", *(_q(c) for c in TABLES[name])])
                    with cursor.copy(f"COPY {schema}.{_q(name)} ({columns}) FROM STDIN") as copy:
                        for i, row in enumerate(frame.itertuples(index=False, name=None)):
                            copy.write_row((i, *(_cell(v, n) for v, n in zip(row, numeric))))
                conn.exec_driver_sql(f"CREATE TABLE {schema}.texts (article_id text PRIMARY KEY, text text NOT NULL)")
                with cursor.copy(f"COPY {schema}.texts (article_id, text) FROM STDIN") as copy:
                    for article_id, text in texts.items():
                        copy.write_row((article_id, text))
                _after("tables")
                staged = {}
                for name in WRITE_ORDER:  # read back, in the transaction, exactly as readers will
                    rows = conn.exec_driver_sql(
                        f"SELECT {', '.join(_q(c) for c in TABLES[name])} FROM {schema}.{_q(name)} ORDER BY _row")
                    staged[name] = typed(name, pd.DataFrame([tuple(r) for r in rows], columns=list(TABLES[name]),
                                                            dtype=object))
                staged_texts = dict(tuple(r) for r in conn.exec_driver_sql(f"SELECT article_id, text FROM {schema}.texts"))
                if check is not None:
                    check(staged, staged_texts)
                _after("check")
                conn.exec_driver_sql(f"UPDATE {meta}.builds SET retired_at = now() WHERE retired_at IS NULL")
                conn.exec_driver_sql(f"INSERT INTO {meta}.builds (build_id, schema_name, published_at) "
                                     "VALUES (%s, %s, now())", (build_id, self.schema_of(build_id)))
                conn.exec_driver_sql(f"INSERT INTO {meta}.pointer (id, build_id, published_at) VALUES (1, %s, now()) "
                                     "ON CONFLICT (id) DO UPDATE SET build_id = excluded.build_id, "
                                     "published_at = excluded.published_at", (build_id,))
        except DBAPIError as exc:
            raise PublishError(f"publication des tables impossible (cannot publish tables: {exc.orig})") from exc
        _after("switch")
        with contextlib.suppress(DBAPIError):
            self.prune()
        _after("prune")
        return build_id

    def prune(self, *, grace_seconds: float = RETIRED_GRACE_SECONDS) -> list[str]:
        """Drop the builds retired longer than ``grace_seconds`` ago, except the previous one."""
        meta = _q(self.namespace)
        dropped = []
        with self.engine.begin() as conn:
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (self._lock_key(),))
            rows = conn.exec_driver_sql(
                f"SELECT build_id, schema_name, retired_at < now() - make_interval(secs => %s) FROM {meta}.builds "
                "WHERE retired_at IS NOT NULL ORDER BY retired_at DESC", (float(grace_seconds),)).fetchall()
            for i, (build_id, schema_name, expired) in enumerate(rows):
                if i == 0 or not expired:  # the previous build, and any a reader may still hold
                    continue
                conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {_q(schema_name)} CASCADE")
                conn.exec_driver_sql(f"DELETE FROM {meta}.builds WHERE build_id = %s", (build_id,))
                dropped.append(build_id)
        return dropped

    def drop_everything(self) -> None:
        """Remove every build and the pointer of this namespace (tests, or starting over)."""
        meta = _q(self.namespace)
        with self.engine.begin() as conn:
            rows = conn.exec_driver_sql(
                "SELECT nspname FROM pg_namespace WHERE nspname = %s OR nspname LIKE %s",
                (self.namespace, self.namespace.replace("_", r"\_") + r"\_b\_%")).fetchall()
            for (name,) in rows:
                if name != self.namespace:
                    conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {_q(name)} CASCADE")
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {meta} CASCADE")


# ---------------------------------------------------------------- which store

def tables_url() -> str | None:
    """``SAHEL_TABLES_URL`` when it names a database, else None (the CSV folder)."""
    url = (os.environ.get(TABLES_URL_ENV) or "").strip()
    return url or None


_STORES: dict[tuple, TableStore] = {}


def open_store(tables_dir: Path | None = None, *, url: str | None = None) -> TableStore:
    """The store the settings name: PostgreSQL when ``url`` or ``SAHEL_TABLES_URL`` is set, else the
    CSV tables folder ``tables_dir`` (default: etl.paths.tables_dir(), i.e. ``SAHEL_TABLES_DIR``)."""
    url = url or tables_url()
    if url:
        if not normalize_url(url).startswith("postgresql"):
            raise StoreError(f"{TABLES_URL_ENV}: only PostgreSQL is supported ({url.split(':', 1)[0]}:…)")
        key = ("pg", normalize_url(url), os.environ.get(TABLES_SCHEMA_ENV) or DEFAULT_NAMESPACE)
        store = _STORES.get(key)
        if store is None:
            store = _STORES[key] = PostgresStore(url)
        return store
    if tables_dir is None:
        from etl import paths

        tables_dir = paths.tables_dir()
    return CsvStore(Path(tables_dir))
