"""Shared fixtures. Under CI=true, browser and database tests must run, not skip."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def scale_corpus(request, tmp_path_factory):
    """At least 150 articles (the fixture corpora, the real-article corpus when present) and
    imported official figures through the real ETL, built once per session (tests/scale_corpus.py)."""
    from scale_corpus import MINIMUM, build

    corpus = build(_cache_dir(request, tmp_path_factory, "scale-corpus"))
    assert corpus.n_articles >= MINIMUM, corpus
    return corpus


@pytest.fixture(scope="session")
def scale_tables(scale_corpus) -> Path:
    return scale_corpus.tables


@pytest.fixture(scope="session")
def seed_scale_tables(request, tmp_path_factory) -> Path:
    """The seed articles (data/articles) through the real ETL, built once per session."""
    from scale_corpus import build_seed

    return build_seed(_cache_dir(request, tmp_path_factory, "seed-scale"))
