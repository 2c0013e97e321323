"""The pages at realistic scale: a corpus of at least 150 articles built by the real ETL.

``scale_articles(folder)`` gathers the seed articles, every held-out fixture set, the real-article
corpus when it is there (tests/fixtures/real/*/articles), and fills the rest up to ``n`` with the
bench's generated articles (bench/etl_corpus.py, fixed seed); one example file of imported
official figures comes along. ``build_tables(folder, out)`` builds them (incremental: unchanged
articles are not extracted again, so a persistent ``out`` rebuilds in seconds).

Fixtures: ``seed_scale_tables`` (data/articles) and ``scale_tables`` (≥ 150 articles), built once
per test session into pytest's cache folder. Import them with ``from scale_corpus import *``.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

__all__ = ["scale_articles", "build_tables", "scale_tables", "seed_scale_tables", "SCALE_MIN"]

SCALE_MIN = 150
IMPORT_EXAMPLE = FIXTURES / "imports" / "needs_hapi_example.csv"
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")


def _copy_set(source: Path, folder: Path, prefix: str) -> int:
    """Copy a folder of articles (with their sidecars) under a prefix, so sets never collide."""
    n = 0
    for path in sorted(source.iterdir()):
        if path.is_file():
            shutil.copy(path, folder / f"{prefix}{path.name}")
            n += path.suffix.lower() in ARTICLE_SUFFIXES
    return n


def scale_articles(folder: Path, n: int = SCALE_MIN) -> int:
    """Fill ``folder`` with at least ``n`` articles; returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    count = _copy_set(ROOT / "data" / "articles", folder, "seed_")
    sets = sorted(FIXTURES.glob("heldout*/articles")) + sorted(FIXTURES.glob("real/*/articles"))
    for source in sets:
        count += _copy_set(source, folder, f"{source.parent.name}_")
    if count < n:
        sys.path.insert(0, str(ROOT / "bench"))
        try:
            from etl_corpus import generate_corpus
        finally:
            sys.path.remove(str(ROOT / "bench"))
        generate_corpus(folder, n - count, seed=2024, start=90_000)
        count = n
    return count


def build_tables(articles: Path, out: Path, *, imports: Path | None = None) -> Path:
    from etl.pipeline import build

    summary = build(articles, out, progress=False, log=None, jobs=2, imports_dir=imports)
    assert (out / "articles.csv").exists(), summary
    return out


def _cache_dir(request, name: str, tmp_path_factory) -> Path:
    try:
        return Path(request.config.cache.mkdir(name))
    except AttributeError:  # -p no:cacheprovider
        return tmp_path_factory.mktemp(name)


@pytest.fixture(scope="session")
def seed_scale_tables(request, tmp_path_factory) -> Path:
    """The seed articles (data/articles) built by the ETL."""
    out = _cache_dir(request, "seed-scale", tmp_path_factory) / "tables"
    return build_tables(ROOT / "data" / "articles", out, imports=tmp_path_factory.mktemp("no_imports"))


@pytest.fixture(scope="session")
def scale_tables(request, tmp_path_factory) -> Path:
    """At least 150 articles (fixtures, the real corpus when present, generated ones) and one
    file of imported official figures, built by the ETL."""
    base = _cache_dir(request, "scale-corpus", tmp_path_factory)
    articles, imports = base / "articles", base / "imports"
    shutil.rmtree(articles, ignore_errors=True)  # the sets may have changed: copied afresh, extracted if changed
    shutil.rmtree(imports, ignore_errors=True)
    n = scale_articles(articles)
    imports.mkdir()
    shutil.copy(IMPORT_EXAMPLE, imports / IMPORT_EXAMPLE.name)
    tables = build_tables(articles, base / "tables", imports=imports)
    assert n >= SCALE_MIN
    return tables
