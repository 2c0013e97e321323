"""Shared fixtures. Under CI=true, browser and database tests must run, not skip."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
import tables_backend

ROOT = Path(__file__).resolve().parents[1]


def _shared_dir() -> Path:
    """The workplace's shared folder (boundary files a user brings): never part of the repository."""
    for candidate in (os.environ.get("SAHEL_SHARED_DIR"), ROOT.parent / "shared", "/work/shared"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return ROOT.parent / "shared"


SHARED = _shared_dir()
FIXTURES = Path(__file__).resolve().parent / "fixtures"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# AppTest page runs in this process do not draw chart pictures in the background (one more
# Chromium per test run); tests/test_static_charts.py and the browser tests' servers do.
os.environ.setdefault("SAHEL_STATIC_CHARTS", "0")


def require_shared(path: Path) -> None:
    """Files of ../shared are outside the repository: skip (even under CI) when a checkout has none."""
    if not SHARED.is_dir():
        pytest.skip(f"no shared folder next to the checkout ({SHARED}); set SAHEL_SHARED_DIR")
    if not path.exists():
        skip_or_fail(f"shared file missing: {path}")


def skip_or_fail(reason: str) -> None:
    """Skip locally when a system dependency is missing; fail under CI=true."""
    if IN_CI:
        pytest.fail(f"required under CI=true: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


def _cache_dir(request, tmp_path_factory, name: str) -> Path:
    """A folder in pytest's cache (kept between sessions: the ETL rebuilds incrementally)."""
    try:
        return Path(request.config.cache.mkdir(name))
    except AttributeError:  # -p no:cacheprovider
        return tmp_path_factory.mktemp(name)


# ---------------------------------------------------------------- the table back end

def pytest_addoption(parser):
    parser.addoption(
        "--tables-backend", choices=tables_backend.BACKENDS,
        default=os.environ.get(tables_backend.BACKEND_ENV) or "csv",
        help="table store the tests run on: csv (folders, default) or postgres (TEST_DATABASE_URL, a namespace "
             f"per test; tests marked csv_tables are left out). Also ${tables_backend.BACKEND_ENV}.")


def pytest_configure(config):
    # in os.environ, so that tests/dashboard_fixtures.py and tests/scale_corpus.py see it too
    os.environ[tables_backend.BACKEND_ENV] = config.getoption("--tables-backend")


def pytest_collection_modifyitems(config, items):
    """The postgres pass leaves out what inspects the CSV layout itself (csv_tables) and what
    already runs on both back ends (both_backends)."""
    if not tables_backend.postgres_mode():
        return
    kept, left_out = [], []
    for item in items:
        (left_out if item.get_closest_marker("csv_tables") or item.get_closest_marker("both_backends")
         else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def pytest_sessionfinish(session, exitstatus):
    if tables_backend.postgres_mode() and tables_backend.database_url():
        tables_backend.drop_session_namespaces()


def _require_database() -> str:
    url = tables_backend.database_url()
    if url is None:
        skip_or_fail("--tables-backend=postgres needs TEST_DATABASE_URL (a PostgreSQL database)")
    return url


# session builds → which session namespace they publish into (postgres mode)
SESSION_BUILDS = {"scale_corpus": "scale", "scale_tables": "scale", "seed_scale_tables": "seed"}
_SESSION_BUILD_NAMESPACES: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _tables_backend(request):
    """Postgres mode: SAHEL_TABLES_URL and SAHEL_TABLES_SCHEMA for this test (subprocesses inherit
    them): a fresh namespace dropped afterwards, or the namespace of the session build the test
    reads (scale_corpus, scale_tables, seed_scale_tables), left for the session's end."""
    if not tables_backend.postgres_mode():
        yield
        return
    _require_database()
    builds = {SESSION_BUILDS[name] for name in request.fixturenames if name in SESSION_BUILDS}
    shared = _SESSION_BUILD_NAMESPACES.get(builds.pop()) if len(builds) == 1 else None
    namespace = shared or tables_backend.new_namespace()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(tables_backend.URL_ENV, tables_backend.database_url())
        mp.setenv(tables_backend.SCHEMA_ENV, namespace)
        try:
            yield namespace
        finally:
            if shared is None:
                tables_backend.drop(namespace)


@contextlib.contextmanager
def _session_build(kind: str):
    """Postgres mode: the session build runs with its own namespace in os.environ (whatever the
    test that first asked for it has set) and is registered under its tables folder."""
    if not tables_backend.postgres_mode():
        yield None
        return
    _require_database()
    namespace = _SESSION_BUILD_NAMESPACES.setdefault(kind, tables_backend.session_namespace())
    with tables_backend.tables_env(namespace):
        yield namespace


@pytest.fixture(scope="session")
def scale_corpus(request, tmp_path_factory):
    """At least 150 articles (the fixture corpora, the real-article corpus when present) and
    imported official figures through the real ETL, built once per session (tests/scale_corpus.py)."""
    from scale_corpus import MINIMUM, build

    with _session_build("scale") as namespace:
        corpus = build(_cache_dir(request, tmp_path_factory, "scale-corpus"))
    if namespace is not None:
        tables_backend.register(corpus.tables, namespace)
    assert corpus.n_articles >= MINIMUM, corpus
    return corpus


@pytest.fixture(scope="session")
def scale_tables(scale_corpus) -> Path:
    return scale_corpus.tables


@pytest.fixture(scope="session")
def seed_scale_tables(request, tmp_path_factory) -> Path:
    """The seed articles (data/articles) through the real ETL, built once per session."""
    from scale_corpus import build_seed

    with _session_build("seed") as namespace:
        tables = build_seed(_cache_dir(request, tmp_path_factory, "seed-scale"))
    if namespace is not None:
        tables_backend.register(tables, namespace)
    return tables
