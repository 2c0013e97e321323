"""Which table back end the suite runs on: ``pytest --tables-backend={csv,postgres}`` (or
``SAHEL_TEST_TABLES_BACKEND``), set up in tests/conftest.py.

On ``csv`` (the default) nothing changes: tables go to folders. On ``postgres`` every test runs
with ``SAHEL_TABLES_URL`` (``TEST_DATABASE_URL``) and a namespace of its own in
``SAHEL_TABLES_SCHEMA`` (dropped after the test), so ``etl.store.open_store`` and every reader
and writer behind it, in the test process and in the subprocesses it starts, use PostgreSQL.
Tables built outside a test (session builds of tests/scale_corpus.py, module fixtures calling
dashboard_fixtures.write_tables) get namespaces of their own, dropped at the end of the session;
``namespace_of(folder)`` tells which namespace holds what was published "into" a folder.
"""
from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

BACKEND_ENV = "SAHEL_TEST_TABLES_BACKEND"
BACKENDS = ("csv", "postgres")
URL_ENV = "SAHEL_TABLES_URL"  # etl.store.TABLES_URL_ENV
SCHEMA_ENV = "SAHEL_TABLES_SCHEMA"  # etl.store.TABLES_SCHEMA_ENV

_NAMESPACES: dict[str, str] = {}  # folder → the namespace its tables were published into
_SESSION_OWNED: list[str] = []  # namespaces made outside a test: dropped at the session's end


def backend() -> str:
    return os.environ.get(BACKEND_ENV) or "csv"


def postgres_mode() -> bool:
    return backend() == "postgres"


def database_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL", "")
    return url if url.startswith(("postgresql", "postgres:")) else None


def new_namespace() -> str:
    return f"t_{secrets.token_hex(8)}"


def _key(folder) -> str:
    return str(Path(folder).resolve())


def register(folder, namespace: str) -> None:
    _NAMESPACES[_key(folder)] = namespace


def namespace_of(folder) -> str | None:
    """The namespace the tables of ``folder`` were published into (postgres mode), else None."""
    return _NAMESPACES.get(_key(folder)) if postgres_mode() else None


def point_at(monkeypatch, folder) -> None:
    """The app and the CLI read the tables published into ``folder``: SAHEL_TABLES_DIR, and in
    postgres mode SAHEL_TABLES_SCHEMA when they were published outside this test's namespace."""
    monkeypatch.setenv("SAHEL_TABLES_DIR", str(folder))
    namespace = namespace_of(folder)
    if namespace is not None:
        monkeypatch.setenv(SCHEMA_ENV, namespace)


def store_for(folder):
    """The store holding the tables published "into" ``folder``: its PostgreSQL namespace
    (postgres mode), else the store the settings name (etl.store.open_store)."""
    from etl import store

    namespace = namespace_of(folder)
    if namespace is not None:
        return store.PostgresStore(database_url(), namespace=namespace)
    return store.open_store(Path(folder))


@contextlib.contextmanager
def tables_env(namespace: str):
    """os.environ names ``namespace`` of the test database while inside (restored after)."""
    saved = {name: os.environ.get(name) for name in (URL_ENV, SCHEMA_ENV)}
    os.environ[URL_ENV] = database_url()
    os.environ[SCHEMA_ENV] = namespace
    try:
        yield namespace
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def publishing_into(folder):
    """Tables published inside (etl.store.open_store) land where the tests will read them as
    ``folder``'s: the folder itself (csv), the test's namespace (postgres, in a test), or, outside a
    test (a module fixture), a namespace of the session's; postgres mode registers it under ``folder``."""
    if not postgres_mode():
        yield
        return
    if os.environ.get(URL_ENV):
        register(folder, os.environ.get(SCHEMA_ENV) or "sahel")
        yield
        return
    namespace = session_namespace()
    register(folder, namespace)
    with tables_env(namespace):
        yield


def build_published(articles, out, **options):
    """``etl.pipeline.build`` of ``articles`` published "into" ``out`` on the back end under test
    (publishing_into); ``options`` go to build (force=…)."""
    from etl.pipeline import build

    with publishing_into(out):
        build(Path(articles), Path(out), log=lambda *a, **k: None, **options)
    return Path(out)


def session_namespace() -> str:
    """A namespace for tables built outside a test, dropped at the end of the session."""
    namespace = new_namespace()
    _SESSION_OWNED.append(namespace)
    return namespace


def drop(namespace: str) -> None:
    from etl import store

    store.PostgresStore(database_url(), namespace=namespace).drop_everything()


def drop_session_namespaces() -> None:
    while _SESSION_OWNED:
        drop(_SESSION_OWNED.pop())


def pin(folder):
    """The current build of the tables published into ``folder`` (either back end)."""
    return store_for(folder).pin()


# ---------------------------------------------------------------- reading what a build published, either back end

def read_table(folder, name: str):
    """One table of the current build published into ``folder``, typed (etl.store)."""
    return pin(folder).read(name)


def table_csv(folder, name: str) -> str:
    """``<name>.csv`` as a reader of the folder sees it: the file itself (csv), or the PostgreSQL
    table written out exactly as the CSV back end writes it (etl.store.write_csv_table)."""
    if namespace_of(folder) is None and not os.environ.get(URL_ENV):
        return (Path(folder) / f"{name}.csv").read_text(encoding="utf-8")
    import io

    from etl import store

    out = io.StringIO()
    store._csv_ready(name, read_table(folder, name)).to_csv(out, index=False, lineterminator="\n")
    return out.getvalue()


def read_csv(folder, name: str, **kwargs):
    """``pd.read_csv(folder / f"{name}.csv", **kwargs)`` on either back end (table_csv)."""
    import io

    import pandas as pd

    return pd.read_csv(io.StringIO(table_csv(folder, name)), **kwargs)


def text(folder, article_id: str) -> str | None:
    """An article's saved text in the current build (``texts/<id>.txt``), or None."""
    return pin(folder).text(article_id)


def published(folder) -> bool:
    """Whether any build was published into ``folder``."""
    return pin(folder).has("articles")


def stored_builds(folder) -> list[str]:
    """Every build kept (published or not): the build folders (csv) or build schemas (postgres)."""
    from etl import published as layout
    from etl import store

    tables = store_for(folder)
    if isinstance(tables, store.PostgresStore):
        with tables.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT nspname FROM pg_namespace WHERE nspname LIKE %s ORDER BY nspname",
                                        (tables.namespace.replace("_", r"\_") + r"\_b\_%",)).fetchall()
        return [name for (name,) in rows]
    builds = Path(folder) / layout.BUILDS_DIRNAME
    return sorted(p.name for p in builds.iterdir()) if builds.is_dir() else []


def build_name(folder) -> str | None:
    """The current build as stored_builds names it."""
    from etl import store

    tables = store_for(folder)
    build = tables.pin()
    if build.id is None:
        return None
    return tables.schema_of(build.id) if isinstance(tables, store.PostgresStore) else build.id


def snapshot(folder) -> dict[str, str]:
    """What a reader sees of the current build: every table as CSV text and every saved text."""
    from etl.schema import TABLES

    build = pin(folder)
    out = {f"{name}.csv": table_csv(folder, name) for name in TABLES if build.has(name)}
    if out:
        for article_id in build.read("articles")["article_id"].dropna():
            saved = build.text(article_id)
            if saved is not None:
                out[f"texts/{article_id}.txt"] = saved
    return out


def export_csv_folder(folder, target) -> Path:
    """The current build published into ``folder`` written out to ``target`` as a flat folder
    (``<name>.csv`` as table_csv reads it, ``texts/<id>.txt``), for readers that want a folder of
    CSVs (the shared scorer, ../shared/tools/score.py): on the postgres pass, what PostgreSQL returns."""
    target = Path(target)
    for name, content in snapshot(folder).items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return target


def check_read_from_backend_under_test(folder) -> None:
    """Fails unless the current build of ``folder`` is read from the back end under test: on the
    postgres pass, the namespace it was published into, with no CSV table left under ``folder``
    to read by mistake; else a CSV build of ``folder``."""
    build = pin(folder)
    assert build.id is not None, f"nothing published into {folder}"
    if postgres_mode():
        assert getattr(build, "store", None) is not None and build.store.namespace == namespace_of(folder), build
        assert not [p for p in Path(folder).rglob("*.csv")], f"CSV tables under {folder} on the postgres pass"
    else:
        assert Path(build.folder).resolve().is_relative_to(Path(folder).resolve()), build


def copy_tables(source, target) -> None:
    """A private copy of the tables published into ``source``: the folder (extraction cache, CSV
    builds) and, in postgres mode, its current build published again where this test's go."""
    import shutil

    shutil.copytree(source, target)
    if not postgres_mode():
        return
    from etl import store

    build = pin(source)
    tables = build.read_all()
    texts = {aid: build.text(aid) for aid in tables["articles"]["article_id"].dropna()}
    with publishing_into(target):
        store.open_store(Path(target)).publish(tables, {aid: t for aid, t in texts.items() if t is not None})


def saved_texts(folder) -> dict[str, str]:
    """Every text the current build holds, by article id: the files of its texts folder (csv) or
    the rows of its texts table (postgres)."""
    build = pin(folder)
    if hasattr(build, "texts"):  # etl.store.PostgresBuild
        return dict(build.texts())
    texts_dir = Path(build.folder) / "texts"
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(texts_dir.glob("*.txt"))} if texts_dir.is_dir() else {}
