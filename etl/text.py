"""Small pure string functions shared by the ETL and the app (textacy style).

String in, string out, keyword-only options. None of them changes the length
of an article's text in place: offsets always refer to the text as decoded.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

# Spaces that French typography uses inside numbers and before « » : ; ! ?
SPACE_CHARS = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000"
APOSTROPHES = "’‘ʼ`´′"
_SPACE_RE = re.compile(f"[\\s{SPACE_CHARS}]+")
_APOS_TABLE = str.maketrans({c: "'" for c in APOSTROPHES})
_DASH_TABLE = str.maketrans({c: "-" for c in "‐‑‒–—―−"})
_PUNCT_RE = re.compile(r"[^\w]+")


def normalize_spaces(text: str) -> str:
    """Collapse every kind of whitespace (no-break, narrow no-break…) to one space."""
    return _SPACE_RE.sub(" ", text).strip()


def normalize_apostrophes(text: str) -> str:
    return text.translate(_APOS_TABLE)


def normalize_dashes(text: str) -> str:
    return text.translate(_DASH_TABLE)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Key for accent-, case-, apostrophe- and dash-insensitive matching.

    >>> fold("Agoè-Nyivé") == fold("AGOE NYIVE")
    True
    """
    text = strip_accents(normalize_dashes(normalize_apostrophes(text or ""))).casefold()
    return normalize_spaces(_PUNCT_RE.sub(" ", text))


def stable_id(prefix: str, *parts: object, length: int = 12) -> str:
    """A short id that depends only on the normalised parts, never on row order."""
    key = "\x1f".join(fold(str(p)) if isinstance(p, str) else str(p) for p in parts)
    return f"{prefix}_{hashlib.blake2b(key.encode('utf-8'), digest_size=16).hexdigest()[:length]}"
