"""Adding an article from the app: check an upload, preview its extraction, save it, rebuild.

No Streamlit here; the Sources page (dashboard.intake_ui) calls these in order:

1. ``check_upload(name, data, meta=…, articles_dir=…, tables_dir=…)`` reads the upload exactly
   as the build will (etl.reading: formats, encodings, size limits) in a scratch folder, and
   returns its text or its problems — each naming the file: unsupported type, empty or blank,
   binary or mis-encoded, too large (``reading.MAX_BYTES`` for .txt/.md/.html, ``MAX_PDF_BYTES``
   for .pdf, ``MAX_CHARS`` of text), a duplicate of an article already there (same bytes, or the
   same text once spaces and case are normalised, as the build compares them), or bad metadata.
2. ``preview(check)`` runs ``etl.extract.extract_article`` on that text.
3. ``save_article(check, principal=…, articles_dir=…)`` writes the file under a name no other article uses,
   with its sidecar ``NAME.meta.json`` (title, source, url, published), each atomically
   (temporary file, then a link that never overwrites); ``accept`` saves, rebuilds
   incrementally (``etl.pipeline.build``) and, if the build cannot take the article, removes
   it again, so a failed acceptance leaves nothing behind.

The writes (``save_article``, ``accept``) take the Principal they act for and refuse a viewer or
nobody (etl.principals.PermissionDenied) before anything is written: the check is here, where
the write happens, not only in the page that hides the button.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from etl import reading, store
from etl.files import write_new_atomic
from etl.principals import Principal, require_writer
from etl.reading import message
from etl.schema import conform, empty_table
from etl.text import normalize_spaces, strip_accents

PASTED_SUFFIX = ".txt"
TITLE_MAX = 300
SOURCE_MAX = 200
URL_MAX = 2000
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass
class ArticleInput:
    """What the editor typed next to the upload. Empty fields are left to the file itself."""

    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | date | None = None  # ISO date (or a date)
    fetched_at: str | None = None        # articles fetched from the web (etl.fetch): when, ISO UTC
    feed: str | None = None              # and the watched feed that brought it (etl.feeds)

    def sidecar(self) -> dict:
        data = {"title": _one_line(self.title), "source": _one_line(self.source), "url": _one_line(self.url),
                "published": self.published.isoformat() if isinstance(self.published, date) else _one_line(self.published),
                "fetched_at": _one_line(self.fetched_at), "feed": _one_line(self.feed)}
        return {k: v for k, v in data.items() if v}


@dataclass
class UploadCheck:
    name: str                      # as the editor named it (messages use it)
    data: bytes
    meta: ArticleInput = field(default_factory=ArticleInput)
    text: str | None = None        # the text the build will index, when readable
    kind: str | None = None        # text / html / pdf
    found_meta: reading.ArticleMeta | None = None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sha256: str = ""
    duplicate_of: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and self.text is not None

    @property
    def title(self) -> str | None:
        return _one_line(self.meta.title) or (self.found_meta.title if self.found_meta else None)

    @property
    def published_date(self) -> str | None:
        mine = self.meta.sidecar().get("published")
        if mine:
            parsed = reading.parse_published(mine)
            return parsed[0] if parsed else None
        return self.found_meta.published_date if self.found_meta else None


@dataclass
class SavedArticle:
    path: Path
    sidecar: Path | None
    article_id: str


def _one_line(value) -> str | None:
    text = " ".join(str(value).split()) if value not in (None, "") else ""
    return text or None


# ---------------------------------------------------------------- names

def safe_file_name(name: str, *, default_stem: str = "article") -> str:
    """The upload's base name, ASCII, no folders, no leading dot (hidden files are not articles)."""
    base = Path(str(name or "").replace("\\", "/")).name
    suffix = Path(base).suffix.lower()
    stem = base[: -len(suffix)] if suffix else base
    stem = _UNSAFE.sub("-", strip_accents(stem)).strip("-._")[:80] or default_stem
    return f"{stem}{suffix}"


def pasted_name(title: str | None) -> str:
    """A file name for pasted text, from its title."""
    return safe_file_name((title or "article")[:80].replace(".", " ").replace("/", " ") + PASTED_SUFFIX)


def unused_name(name: str, articles_dir: Path) -> str:
    """``name``, or ``stem-2.ext``, ``stem-3.ext``… so that neither the file, its sidecar nor its
    article id is already taken by another file of the folder."""
    from etl.pipeline import article_id_for

    articles_dir = Path(articles_dir)
    existing = [p for p in articles_dir.iterdir()] if articles_dir.is_dir() else []
    taken_names = {p.name.casefold() for p in existing}
    taken_ids = {article_id_for(p) for p in existing if reading.is_candidate(p)}
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, n = name, 2
    while (candidate.casefold() in taken_names or f"{Path(candidate).stem}{reading.SIDECAR_SUFFIX}".casefold() in taken_names
           or article_id_for(Path(candidate)) in taken_ids):
        candidate, n = f"{stem}-{n}{suffix}", n + 1
    return candidate


# ---------------------------------------------------------------- checks

def validate_meta(meta: ArticleInput, file_name: str, *, today: date | None = None) -> list[str]:
    problems = []
    title, source, url = _one_line(meta.title), _one_line(meta.source), _one_line(meta.url)
    if title and len(title) > TITLE_MAX:
        problems.append(message(file_name, f"titre trop long ({len(title)} caractères, limite {TITLE_MAX})",
                                f"title too long ({len(title)} characters, limit {TITLE_MAX})"))
    if source and len(source) > SOURCE_MAX:
        problems.append(message(file_name, f"source trop longue (limite {SOURCE_MAX} caractères)",
                                f"source too long (limit {SOURCE_MAX} characters)"))
    if url:
        parsed = urlparse(url)
        if len(url) > URL_MAX or parsed.scheme not in ("http", "https") or not parsed.netloc or " " in url:
            problems.append(message(file_name, f"adresse web invalide « {url[:80]} » : http:// ou https:// attendu",
                                    f"invalid URL {url[:80]!r}: http:// or https:// expected"))
    published = meta.published.isoformat() if isinstance(meta.published, date) else _one_line(meta.published)
    if published:
        parsed_date = reading.parse_published(published)
        if parsed_date is None:
            problems.append(message(file_name, f"date de publication « {published} » non reconnue (AAAA-MM-JJ attendu)",
                                    f"unrecognised publication date {published!r} (YYYY-MM-DD expected)"))
        elif today is not None and parsed_date[0][:10] > today.isoformat():
            problems.append(message(file_name, f"date de publication {parsed_date[0]} dans le futur",
                                    f"publication date {parsed_date[0]} is in the future"))
    return problems


def text_key(text: str) -> str:
    """How the build recognises two files with the same text (etl.pipeline._flag_duplicates)."""
    return hashlib.sha256(normalize_spaces(text).casefold().encode()).hexdigest()


def existing_fingerprints(articles_dir: Path, tables_dir: Path | None) -> tuple[dict[str, str], dict[str, str]]:
    """({raw sha256: file name}, {text key: file name}) of the articles already there."""
    raw: dict[str, str] = {}
    texts: dict[str, str] = {}
    articles_dir = Path(articles_dir)
    if articles_dir.is_dir():
        for path in sorted(articles_dir.iterdir()):
            if reading.is_candidate(path):
                with contextlib.suppress(OSError):
                    raw.setdefault(reading.file_sha256(path), path.name)
    if tables_dir is not None:
        build = store.open_store(tables_dir).pin()  # one build: its articles and its texts
        try:
            rows = build.read("articles")
        except store.StoreError:
            rows = empty_table("articles")
        present = {p.name for p in articles_dir.iterdir()} if articles_dir.is_dir() else set()
        for row in rows.itertuples(index=False):
            if row.status != "ok" or not row.text_file or row.source_file not in present:
                continue
            text = build.text(row.article_id)
            if text is not None:
                texts.setdefault(text_key(text), row.source_file)
    return raw, texts


def check_upload(name: str, data: bytes, *, meta: ArticleInput | None = None, articles_dir: Path,
                 tables_dir: Path | None = None, today: date | None = None,
                 fingerprints: tuple[dict[str, str], dict[str, str]] | None = None) -> UploadCheck:
    """Read an upload as the build will, and say everything wrong with it (see the module doc).
    ``fingerprints``: ``existing_fingerprints(articles_dir, tables_dir)`` when the caller keeps
    them across several checks (the feed watch), else they are read here."""
    meta = meta or ArticleInput()
    shown = Path(str(name or "").replace("\\", "/")).name or "texte collé"
    check = UploadCheck(name=shown, data=data or b"", meta=meta)
    check.sha256 = hashlib.sha256(check.data).hexdigest()
    suffix = Path(shown).suffix.lower()
    if suffix not in reading.SUPPORTED_SUFFIXES:
        shown_suffix = suffix or "sans extension / no extension"
        check.problems.append(message(
            shown, f"format non pris en charge « {shown_suffix} », formats acceptés : .txt, .md, .html, .htm, .pdf",
            f"unsupported file type {shown_suffix}; accepted: .txt, .md, .html, .htm, .pdf"))
        return check
    limit = reading.MAX_PDF_BYTES if suffix in reading.PDF_SUFFIXES else reading.MAX_BYTES
    if len(check.data) > limit:
        check.problems.append(message(
            shown, f"fichier trop volumineux : {len(check.data) / 1e6:.1f} Mo, limite {limit / 1e6:.0f} Mo".replace(".", ","),
            f"file too large: {len(check.data) / 1e6:.1f} MB, limit {limit / 1e6:.0f} MB"))
        return check
    check.problems += validate_meta(meta, shown, today=today)
    with tempfile.TemporaryDirectory(prefix="intake-") as scratch:
        path = Path(scratch) / (safe_file_name(shown) or f"article{suffix}")
        path.write_bytes(check.data)
        article = reading.read_article(path, source_file=shown, today=today)
    check.warnings = list(article.warnings)
    if article.error:
        check.problems.insert(0, article.error)
        return check
    check.text, check.kind, check.found_meta = article.text, article.kind, article.meta
    raw, texts = fingerprints if fingerprints is not None else existing_fingerprints(articles_dir, tables_dir)
    original = raw.get(check.sha256) or texts.get(text_key(article.text))
    if original:
        check.duplicate_of = original
        check.problems.insert(0, message(shown, f"doublon de {original}, même contenu : rien n'est enregistré",
                                         f"duplicate of {original}: same content, nothing saved"))
    return check


# ---------------------------------------------------------------- preview

@dataclass
class Preview:
    title: str | None
    published_date: str | None
    figures: pd.DataFrame
    decisions: pd.DataFrame
    events: pd.DataFrame
    actor_mentions: list[dict]


def preview(check: UploadCheck, *, article_id: str = "apercu") -> Preview:
    """What the ETL extracts from the upload, before anything is saved."""
    from etl.extract import extract_article  # spaCy loads here, once per process

    if not check.ok:
        raise ValueError("preview of an upload with problems: " + "; ".join(check.problems))
    result = extract_article(check.text, article_id=article_id, published_date=check.published_date, title=check.title)
    return Preview(title=result.title, published_date=result.published_date,
                   figures=conform("figures", result.figures), decisions=conform("decisions", result.decisions),
                   events=conform("events", result.events), actor_mentions=list(result.actor_mentions))


# ---------------------------------------------------------------- saving

def save_article(check: UploadCheck, *, principal: Principal | None, articles_dir: Path,
                 tables_dir: Path | None = None, name: str | None = None,
                 fingerprints: tuple[dict[str, str], dict[str, str]] | None = None) -> SavedArticle:
    """Write the checked upload (and its sidecar) into ``articles_dir`` for ``principal`` (an editor).
    Raises PermissionDenied for a viewer or nobody, ValueError when the upload has problems, or
    became a duplicate since it was checked; nothing is written then. ``fingerprints``: kept up
    to date by a caller saving many articles (the feed watch), instead of reading the folder again."""
    from etl.pipeline import article_id_for

    require_writer(principal)
    if not check.ok:
        raise ValueError("; ".join(check.problems) or "upload not checked")
    articles_dir = Path(articles_dir)
    articles_dir.mkdir(parents=True, exist_ok=True)
    raw, texts = fingerprints if fingerprints is not None else existing_fingerprints(articles_dir, tables_dir)
    original = raw.get(check.sha256) or texts.get(text_key(check.text))
    if original:
        raise ValueError(message(check.name, f"doublon de {original}, même contenu : rien n'est enregistré",
                                 f"duplicate of {original}: same content, nothing saved"))
    sidecar_data = check.meta.sidecar()
    for _attempt in range(20):
        file_name = unused_name(name or safe_file_name(check.name), articles_dir)
        path = articles_dir / file_name
        sidecar = path.with_name(path.stem + reading.SIDECAR_SUFFIX) if sidecar_data else None
        try:
            if sidecar is not None:  # the sidecar first: a build never sees the article without it
                write_new_atomic(sidecar, json.dumps(sidecar_data, ensure_ascii=False, indent=2).encode("utf-8"))
            try:
                write_new_atomic(path, check.data)
            except BaseException:
                if sidecar is not None:
                    with contextlib.suppress(OSError):
                        sidecar.unlink()
                raise
        except FileExistsError:  # another editor took the name this instant: try the next one
            continue
        return SavedArticle(path=path, sidecar=sidecar, article_id=article_id_for(path))
    raise OSError(message(check.name, "aucun nom de fichier libre", "no free file name"))


def remove_saved(saved: SavedArticle) -> None:
    for path in (saved.path, saved.sidecar):
        if path is not None:
            with contextlib.suppress(OSError):
                path.unlink()


@dataclass
class Acceptance:
    saved: SavedArticle | None
    summary: object | None     # etl.pipeline.BuildSummary
    problems: list[str]

    @property
    def ok(self) -> bool:
        return self.saved is not None and not self.problems


def accept(check: UploadCheck, *, principal: Principal | None, articles_dir: Path, tables_dir: Path,
           imports_dir: Path | None = None, today: date | None = None, name: str | None = None) -> Acceptance:
    """Save the article for ``principal`` (an editor), rebuild the tables incrementally; undo the
    save when the build fails or cannot read the article (its error is returned), rebuilding again
    so the tables match. A viewer or nobody: PermissionDenied, nothing saved or built."""
    from etl.pipeline import BuildError, build

    require_writer(principal)
    try:
        saved = save_article(check, principal=principal, articles_dir=articles_dir, tables_dir=tables_dir, name=name)
    except (ValueError, OSError) as exc:
        return Acceptance(None, None, [str(exc)])
    try:
        summary = build(articles_dir, tables_dir, progress=False, log=None, today=today, imports_dir=imports_dir)
    except BuildError as exc:
        remove_saved(saved)
        return Acceptance(None, None, [message(check.name, "la reconstruction des tables a échoué, l'article "
                                                           "n'est pas ajouté", "rebuild failed, article not added"),
                                       str(exc)])
    failure = next((f for f in summary.failures if f.startswith(f"{saved.path.name} :")), None)
    if failure:
        remove_saved(saved)
        with contextlib.suppress(BuildError):
            build(articles_dir, tables_dir, progress=False, log=None, today=today, imports_dir=imports_dir)
        return Acceptance(None, summary, [failure])
    return Acceptance(saved, summary, [])
