"""Reading one article file into text, with clear messages for bad input.

``read_article(path)`` never raises for a bad file: it returns an ``ArticleText``
whose ``error`` names the file and the problem (French, English in brackets),
so a batch can go on. The text it returns is the reference for every offset in
the tables (``text[char_start:char_end] == quote``); the pipeline saves it as
``texts/<article_id>.txt``.

What "the text" is, per format:
- ``.txt`` / ``.md``: the bytes decoded (UTF-8 with or without BOM, UTF-16 with
  BOM, else cp1252/Latin-1 detected with charset-normalizer), line ends turned
  into ``\\n`` and Unicode put in NFC form (so "é" is one character whatever
  the editor wrote).
- ``.html`` / ``.htm``: the main text as trafilatura extracts it (menus, share
  buttons, comments and related-story lists dropped).
- ``.pdf``: the text layer (pypdf), lines of a paragraph re-joined.

Size limits (bytes on disk, then characters of text): see ``MAX_BYTES``,
``MAX_PDF_BYTES`` and ``MAX_CHARS``. Work limit: a web page of more than
``MAX_HTML_NODES`` elements is refused before its main text is looked for
(counting stops at the limit), which bounds the time a page can take.

An optional sidecar ``NAME.meta.json`` ({"url", "published", "source", "title"})
adds metadata; a broken sidecar only yields a warning.

Only regular files inside the articles folder are read (``etl.files.open_regular``): a
symbolic link (to a file outside, to a file inside, or dangling), or a path that resolves
outside the folder, is an error naming the file, and the link's target is never opened.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from etl import files

# Largest .txt/.md/.html file read (a long news article is ~50 KB; 5 MB is a book).
MAX_BYTES = 5_000_000
# PDFs carry images and fonts, so the file may be larger than its text.
MAX_PDF_BYTES = 30_000_000
# Largest text kept after decoding or extraction (spaCy's default max_length).
MAX_CHARS = 1_000_000

# A web page whose extracted text has no line of this many words holds no article.
MIN_PROSE_WORDS = 8
# Most elements an HTML page may have. A news page has 1,000-10,000. Finding the main text
# (trafilatura) grows with the elements: 20,000 elements of text took 4-6 s on a busy 2-core
# machine (load average 5). A 4.9 MB page of 445,000 empty tags took 27-53 s; it is now
# refused in 0.1 s, counting stopping at the limit.
MAX_HTML_NODES = 20_000

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
PDF_SUFFIXES = (".pdf",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES
SIDECAR_SUFFIX = ".meta.json"
MAX_SIDECAR_BYTES = 100_000

# Bumped when the text a reader returns for the same bytes changes (the cache key uses it).
READER_VERSION = "1"

# Legacy single-byte encodings a French text may come in when it is not UTF-8.
# Restricting detection to them avoids e.g. cp1250 turning "près" into "prčs".
LEGACY_ENCODINGS = ["cp1252", "latin_1", "iso8859_15"]

# File signatures of formats people upload by mistake (checked on .txt/.md).
MAGIC_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP / DOCX / XLSX"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word/Excel 97-2003"),
    (b"\x89PNG\r\n\x1a\n", "image PNG"),
    (b"\xff\xd8\xff", "image JPEG"),
    (b"GIF87a", "image GIF"),
    (b"GIF89a", "image GIF"),
    (b"RIFF", "RIFF (WebP/WAV/AVI)"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!", "RAR"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"ID3", "audio MP3"),
    (b"{\\rtf", "RTF"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# Bytes that never occur in text files (tab, newlines, form feed excepted).
_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 32), 127])
# UTF-8 read as cp1252/Latin-1: "Ã©" for "é", "â€™" for "’", "Â " for a no-break space.
_MOJIBAKE_RE = re.compile(
    "[ÃÂâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_HTML_START_RE = re.compile(rb"^\s*(<!doctype\s+html|<html[\s>])", re.IGNORECASE)
_BULLET_START_RE = re.compile(r"^\s*([-•*–—▪►✓✔➢➤]|\d{1,3}[.)°]|[a-z][.)]\s)")
_SENTENCE_END = tuple(".!?:;»”\"")

FRENCH_MONTHS = {
    "janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12, "décembre": 12,
}
_ISO_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")
_DMY_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_FR_DATE_RE = re.compile(r"^(?:\w+\s+)?(\d{1,2})(?:er)?\s+([^\W\d_]+)\s+(\d{4})$")


@dataclass
class ArticleMeta:
    """Metadata from the sidecar (wins) or the file itself (HTML/PDF metadata)."""

    url: str | None = None
    published_date: str | None = None
    published_precision: str | None = None
    source: str | None = None
    title: str | None = None


@dataclass
class ArticleText:
    source_file: str
    path: Path
    text: str = ""
    raw_sha256: str | None = None
    encoding: str | None = None
    kind: str | None = None  # "text", "html" or "pdf"
    n_bytes: int = 0
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    sidecar_sha256: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


class ReadError(ValueError):
    """A file cannot be read as an article; the message says why (without the file name)."""


# ---------------------------------------------------------------- messages

def message(source_file: str, french: str, english: str) -> str:
    return f"{source_file} : {french} ({english})"


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def _mb(n_bytes: int, *, french: bool) -> str:
    value = f"{n_bytes / 1_000_000:.1f}"
    return f"{value.replace('.', ',')} Mo" if french else f"{value} MB"


# ---------------------------------------------------------------- public API

def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def is_candidate(path: Path) -> bool:
    """Files the pipeline considers articles: every visible file except sidecars.

    Unsupported formats are kept (they get a clear error row) so that a wrong
    upload is reported rather than silently ignored; so are symbolic links, even
    dangling ones (they are refused, with a message, and never followed).
    """
    name = path.name
    return (
        files.is_link_or_file(path)
        and not name.startswith((".", "~$"))
        and not name.endswith("~")
        and not is_sidecar(path)
    )


def sidecar_path(path: Path) -> Path | None:
    """``foo.meta.json`` (or ``foo.txt.meta.json``) next to ``foo.txt``, if present."""
    for candidate in (path.with_name(path.stem + SIDECAR_SUFFIX), path.with_name(path.name + SIDECAR_SUFFIX)):
        if files.is_link_or_file(candidate):  # a linked sidecar is found, then refused with a warning
            return candidate
    return None


def file_sha256(path: Path, *, root: Path | None = None) -> str:
    """sha256 of a regular file (never of a link's target: NotARegularFile, an OSError)."""
    digest = hashlib.sha256()
    with files.open_regular(path, root=root) as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_article(
    path: Path,
    *,
    source_file: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_pdf_bytes: int = MAX_PDF_BYTES,
    max_chars: int = MAX_CHARS,
    today: date | None = None,
    root: Path | None = None,
) -> ArticleText:
    """Read one article file. Never raises for bad content: see ``ArticleText.error``.

    ``today`` bounds dates found in HTML metadata (a page cannot be published
    in the future); it is passed in, never read from the clock. ``root`` is the
    folder the file must be a regular file of (default: its own folder).
    """
    path = Path(path)
    source_file = source_file or path.name
    article = ArticleText(source_file=source_file, path=path)
    _read_sidecar(article, root=root)
    suffix = path.suffix.lower()
    try:
        with files.open_regular(path, root=root) as fh:
            size = os.fstat(fh.fileno()).st_size
            limit = max_pdf_bytes if suffix in PDF_SUFFIXES else max_bytes
            digest = hashlib.sha256()
            kept: list[bytes] = []
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
                if size <= limit:
                    kept.append(chunk)
        article.n_bytes = size
        article.raw_sha256 = digest.hexdigest()
        if suffix not in SUPPORTED_SUFFIXES:
            shown = suffix or "sans extension / no extension"
            raise ReadError(
                f"format non pris en charge « {shown} », formats acceptés : .txt, .md, .html, .htm, .pdf"
                f" (unsupported file type {shown}; accepted: .txt, .md, .html, .htm, .pdf)"
            )
        if size > limit:
            raise ReadError(
                f"fichier trop volumineux : {_mb(size, french=True)}, limite {_mb(limit, french=True)}"
                f" (file too large: {_mb(size, french=False)}, limit {_mb(limit, french=False)})"
            )
        if size == 0:
            raise ReadError("fichier vide (empty file)")
        raw = b"".join(kept)
        if suffix in PDF_SUFFIXES:
            text, meta = pdf_to_text(raw)
            article.kind, article.encoding = "pdf", None
        elif suffix in HTML_SUFFIXES:
            text, meta = html_to_text(raw, today=today)
            article.kind, article.encoding = "html", None
        elif raw.startswith(b"%PDF-"):
            article.warnings.append(message(
                source_file, "contenu PDF dans un fichier texte, lu comme PDF",
                "PDF content in a text file, read as PDF"))
            text, meta = pdf_to_text(raw)
            article.kind = "pdf"
        elif _HTML_START_RE.match(raw[:1000].lstrip(b"\xef\xbb\xbf")):
            article.warnings.append(message(
                source_file, "page HTML dans un fichier texte, lue comme HTML",
                "HTML page in a text file, read as HTML"))
            text, meta = html_to_text(raw, today=today)
            article.kind = "html"
        else:
            text, article.encoding = decode_text(raw)
            meta = ArticleMeta()
            article.kind = "text"
        if not text.strip():
            raise ReadError("fichier sans texte, seulement des espaces (blank file: whitespace only)")
        if len(text) > max_chars:
            raise ReadError(
                f"texte trop long : {_thousands(len(text))} caractères, limite {_thousands(max_chars)}"
                f" (text too long: {len(text):,} characters, limit {max_chars:,})"
            )
    except ReadError as exc:
        article.error = message(source_file, *_split_bilingual(str(exc)))
        return article
    except files.NotARegularFile as exc:
        article.error = message(source_file, exc.french, exc.english)
        return article
    except OSError as exc:
        article.error = message(source_file, "fichier illisible", f"cannot read file: {exc.strerror or exc}")
        return article
    article.text = text
    _merge_meta(article.meta, meta)
    return article


def _split_bilingual(msg: str) -> tuple[str, str]:
    """"fr (en)" → ("fr", "en"), so every error reads "file : fr (en)"."""
    if msg.endswith(")") and " (" in msg:
        head, _, tail = msg.rpartition(" (")
        return head, tail[:-1]
    return msg, msg


def _merge_meta(target: ArticleMeta, found: ArticleMeta) -> None:
    """Sidecar values (already in ``target``) win over values found in the file."""
    for name in ("url", "source", "title"):
        if not getattr(target, name) and getattr(found, name):
            setattr(target, name, getattr(found, name))
    if not target.published_date and found.published_date:
        target.published_date, target.published_precision = found.published_date, found.published_precision


# ---------------------------------------------------------------- plain text

def decode_text(raw: bytes) -> tuple[str, str]:
    """Bytes of a .txt/.md file → (text, encoding name). Raises ReadError."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(
                    f"texte mal encodé : marque {encoding} mais octets invalides à la position {exc.start}"
                    f" (mis-encoded text: {encoding} byte-order mark but invalid bytes at {exc.start})"
                ) from None
            return _checked(normalize_text(text)), encoding
    utf16 = _utf16_without_bom(raw)
    if utf16:
        return _checked(normalize_text(raw.decode(utf16))), utf16
    _reject_binary(raw)
    try:
        return _checked(normalize_text(raw.decode("utf-8"))), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    from charset_normalizer import from_bytes  # only needed for legacy files

    best = from_bytes(raw, cp_isolation=LEGACY_ENCODINGS).best()
    if best is None:
        raise ReadError(
            f"texte mal encodé : ni UTF-8 (octet invalide à la position {first_bad}) ni Windows-1252/Latin-1"
            f" (mis-encoded text: neither UTF-8, invalid byte at {first_bad}, nor Windows-1252/Latin-1)"
        )
    encoding = best.encoding
    return _checked(normalize_text(raw.decode(encoding))), encoding


def normalize_text(text: str) -> str:
    """Line ends → \\n, Unicode → NFC. Nothing else: offsets refer to this text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _utf16_without_bom(raw: bytes) -> str | None:
    """Windows tools sometimes write UTF-16 without a BOM: every other byte is NUL."""
    sample = raw[:4000]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for encoding, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) > 0.9 * len(zeros) and other.count(0) < 0.05 * len(other):
            try:
                raw.decode(encoding)
            except UnicodeDecodeError:
                return None
            return encoding
    return None


def _reject_binary(raw: bytes) -> None:
    for signature, name in MAGIC_SIGNATURES:
        if raw.startswith(signature):
            raise ReadError(f"fichier binaire ({name}), pas du texte (binary file: {name}, not text)")
    sample = raw[:65536]
    if b"\x00" in sample:
        raise ReadError("fichier binaire : octets nuls, pas du texte (binary file: NUL bytes, not text)")
    controls = sum(sample.count(bytes([b])) for b in _CONTROL_BYTES)
    if controls > max(2, 0.01 * len(sample)):
        raise ReadError(
            f"fichier binaire : {controls} caractères de contrôle, pas du texte"
            f" (binary file: {controls} control bytes, not text)"
        )


def _checked(text: str) -> str:
    """Reject text that decoded but reads as garbage (mojibake, control or unassigned characters)."""
    mojibake = _MOJIBAKE_RE.findall(text)
    if len(mojibake) >= 3:
        sample = " ".join(dict.fromkeys(mojibake[:20]))
        raise ReadError(
            f"texte mal encodé : séquences « {sample} » d'un UTF-8 relu en Windows-1252/Latin-1"
            f" (mis-encoded text: mojibake « {sample} », UTF-8 read as Windows-1252/Latin-1)"
        )
    bad = sum(
        1 for ch in text
        if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs") and ch not in "\t\n\f\v")
    )
    if bad > max(2, 0.002 * len(text)):
        raise ReadError(
            f"texte mal encodé : {bad} caractères illisibles ou de contrôle"
            f" (mis-encoded text: {bad} unreadable or control characters)"
        )
    return text


# ---------------------------------------------------------------- HTML

def count_html_elements(raw: bytes, *, limit: int = MAX_HTML_NODES) -> int:
    """Elements of a page, counted while it is parsed; parsing stops once ``limit`` is passed
    (the count returned is then ``limit + 1``)."""
    import io

    from lxml import etree

    count = 0
    try:
        for _event, _element in etree.iterparse(io.BytesIO(raw), events=("start",), html=True, recover=True,
                                                no_network=True, huge_tree=False):
            count += 1
            if count > limit:
                break
    except etree.LxmlError:
        pass  # broken markup: trafilatura says what it can
    return count


def html_to_text(raw: bytes, *, today: date | None = None, max_nodes: int = MAX_HTML_NODES) -> tuple[str, ArticleMeta]:
    """Main text of a web page (trafilatura), without menus, share buttons or comments.
    A page of more than ``max_nodes`` elements is refused first (ReadError)."""
    if count_html_elements(raw, limit=max_nodes) > max_nodes:
        raise ReadError(
            f"page HTML trop lourde : plus de {_thousands(max_nodes)} éléments, limite de lecture ; "
            f"enregistrez la page allégée ou collez son texte"
            f" (HTML page too heavy: over {max_nodes:,} elements, the reading limit; save a lighter page or"
            f" paste its text)"
        )
    import trafilatura  # imported on demand: most corpora are plain text

    date_params = {"extensive_search": False, "original_date": True}
    if today is not None:
        date_params["max_date"] = today.isoformat()
    try:
        document = trafilatura.bare_extraction(
            raw,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            date_extraction_params=date_params,
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        raise ReadError(f"page HTML illisible (unreadable HTML: {type(exc).__name__}: {exc})") from None
    text = normalize_text(getattr(document, "text", None) or "") if document is not None else ""
    # Without an article, trafilatura falls back to menu labels ("Accueil\nPolitique"):
    # a page is an article only if some line reads as a sentence.
    if not any(len(line.split()) >= MIN_PROSE_WORDS for line in text.split("\n")):
        raise ReadError("page HTML sans texte d'article (HTML page without article text)")
    meta = ArticleMeta(
        url=document.url or None,
        source=document.sitename or None,
        title=document.title or None,
    )
    if document.date:
        meta.published_date, meta.published_precision = parse_published(document.date) or (None, None)
    return text, meta


# ---------------------------------------------------------------- PDF

def pdf_to_text(raw: bytes) -> tuple[str, ArticleMeta]:
    """Text layer of a PDF, lines of a paragraph re-joined; scanned or encrypted PDFs are errors."""
    import io

    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("PDF protégé par un mot de passe (encrypted PDF: password required)")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = None
        if reader.metadata is not None and reader.metadata.title:
            title = str(reader.metadata.title).strip() or None
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise ReadError(f"PDF illisible ou endommagé (unreadable or damaged PDF: {exc})") from None
    except Exception as exc:  # pypdf may raise anything on crafted files (e.g. missing crypto backend)
        raise ReadError(f"PDF illisible (unreadable PDF: {type(exc).__name__}: {exc})") from None
    text = "\n\n".join(unwrap_lines(normalize_text(page)).strip() for page in pages if page.strip())
    if not text.strip():
        raise ReadError(
            "PDF sans couche texte, probablement scanné : faites-le passer par un OCR"
            " (PDF without a text layer, probably scanned: run OCR first)"
        )
    return text, ArticleMeta(title=title)


def unwrap_lines(text: str) -> str:
    """Re-join lines a PDF wrapped inside a paragraph.

    A line is joined to the next when it is nearly as wide as the widest line
    (a wrapped line fills the column), does not end a sentence, and the next
    line does not start a list item. Short lines (titles, last lines) stay.
    """
    lines = text.split("\n")
    widths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(widths) < 2:
        return text
    column = widths[int(0.9 * (len(widths) - 1))]
    out: list[str] = []
    for i, line in enumerate(lines):
        stripped = line.rstrip()
        nxt = lines[i + 1].lstrip() if i + 1 < len(lines) else ""
        wrapped = (
            nxt
            and len(stripped) >= 0.7 * column
            and not stripped.endswith(_SENTENCE_END)
            and not _BULLET_START_RE.match(nxt)
        )
        if not wrapped:
            out.append(stripped + "\n")
        elif stripped.endswith("-") and len(stripped) > 1 and stripped[-2].isalpha() and nxt[:1].islower():
            out.append(stripped[:-1])  # hyphenated word cut at the line end
        else:
            out.append(stripped + " ")
    return "".join(out).rstrip("\n") + ("\n" if text.endswith("\n") else "")


# ---------------------------------------------------------------- sidecar and dates

def parse_published(value: str) -> tuple[str, str] | None:
    """A publication date as people write it → (ISO date, precision), or None.

    Accepts ISO (2024-11-28, 2024-11-28T10:00Z, 2024-11, 2024), 28/11/2024 and
    "28 novembre 2024" / "jeudi 28 novembre 2024".
    """
    value = " ".join(str(value).split())
    m = _ISO_DATE_RE.match(value)
    if m:
        year, month, day = m.groups()
        if day:
            return _valid(int(year), int(month), int(day))
        if month:
            return (f"{year}-{month}", "month") if 1 <= int(month) <= 12 else None
        return year, "year"
    m = _DMY_RE.match(value)
    if m:
        return _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = _FR_DATE_RE.match(value.lower())
    if m and m.group(2) in FRENCH_MONTHS:
        return _valid(int(m.group(3)), FRENCH_MONTHS[m.group(2)], int(m.group(1)))
    return None


def _valid(year: int, month: int, day: int) -> tuple[str, str] | None:
    try:
        return date(year, month, day).isoformat(), "day"
    except ValueError:
        return None


def _read_sidecar(article: ArticleText, *, root: Path | None = None) -> None:
    path = sidecar_path(article.path)
    if path is None:
        return
    name = path.name

    def warn(french: str, english: str) -> None:
        article.warnings.append(message(name, f"{french}, ignorées", f"{english}, ignored"))

    try:
        raw = files.read_regular(path, root=root)
    except files.NotARegularFile as exc:
        warn(f"métadonnées : {exc.french}", f"sidecar: {exc.english}")
        return
    except OSError as exc:
        warn("métadonnées illisibles", f"unreadable sidecar: {exc.strerror or exc}")
        return
    article.sidecar_sha256 = hashlib.sha256(raw).hexdigest()
    if len(raw) > MAX_SIDECAR_BYTES:
        warn("métadonnées trop volumineuses", f"sidecar too large: {len(raw)} bytes")
        return
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        warn("métadonnées mal encodées, UTF-8 attendu", "sidecar is not UTF-8")
        return
    except json.JSONDecodeError as exc:
        warn(f"JSON invalide ligne {exc.lineno}", f"invalid JSON at line {exc.lineno}: {exc.msg}")
        return
    if not isinstance(data, dict):
        warn("un objet JSON {…} est attendu", "a JSON object is expected")
        return
    meta = article.meta
    for key in ("url", "source", "title"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            setattr(meta, key, " ".join(value.split()))
        elif value not in (None, ""):
            article.warnings.append(message(name, f"champ « {key} » ignoré : texte attendu",
                                            f"field {key!r} ignored: text expected"))
    published = data.get("published", data.get("published_date"))
    if published not in (None, ""):
        parsed = parse_published(str(published)) if isinstance(published, str) else None
        if parsed is None:
            article.warnings.append(message(
                name, f"date de publication « {published} » non reconnue, ignorée",
                f"unrecognised publication date {published!r}, ignored"))
        else:
            meta.published_date, meta.published_precision = parsed
