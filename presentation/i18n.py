"""Interface text in French and English from one catalogue.

Catalogues are the TOML files in ``presentation/locales/``; each holds a ``[fr]`` and an
``[en]`` table of ``key = "text"`` (nested tables are flattened to dotted keys). All
files are merged. French is the default and the fallback.

No Streamlit here. ``t(key)`` without a language asks ``current_language()``, which is French
unless the app registered where the session's language lives (``use_language_source``, done
by dashboard.reader when it is imported).
"""
from __future__ import annotations

import logging
import tomllib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"

log = logging.getLogger(__name__)


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{full}."))
        else:
            flat[full] = str(value)
    return flat


def read_catalogue_files(directory: Path = LOCALES_DIR) -> list[tuple[str, str, dict[str, str]]]:
    """[(file name, language, {key: text})] for every locale file and language table."""
    entries = []
    for path in sorted(directory.glob("*.toml")):
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for lang in sorted(data):
            if isinstance(data[lang], dict):
                entries.append((path.name, lang, _flatten(data[lang])))
    return entries


def catalogue_problems(directory: Path = LOCALES_DIR) -> list[str]:
    """Keys defined twice, missing in a language, or languages that should not be there."""
    problems: list[str] = []
    seen: dict[tuple[str, str], str] = {}
    keys_by_lang: dict[str, set[str]] = {lang: set() for lang in LANGS}
    for file_name, lang, table in read_catalogue_files(directory):
        if lang not in LANGS:
            problems.append(f"{file_name}: unknown language table [{lang}]")
            continue
        for key in table:
            if (lang, key) in seen:
                problems.append(f"{file_name}: [{lang}] {key} already defined in {seen[(lang, key)]}")
            seen[(lang, key)] = file_name
            keys_by_lang[lang].add(key)
    for lang in LANGS:
        for other in LANGS:
            for key in sorted(keys_by_lang[other] - keys_by_lang[lang]):
                problems.append(f"[{lang}] missing {key} (defined in [{other}])")
    return problems


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
    for _file_name, lang, table in read_catalogue_files():
        merged.setdefault(lang, {}).update(table)
    return merged


def t(key: str, lang: str | None = None, **fmt) -> str:
    """The text for ``key`` in ``lang`` (default: the current language), formatted with ``fmt``.

    Falls back to French, then to the key itself, so a missing entry shows up on screen
    instead of breaking the page.
    """
    lang = lang if lang in LANGS else current_language()
    texts = catalogue()
    text = texts.get(lang, {}).get(key)
    if text is None:
        text = texts[DEFAULT_LANG].get(key)
        if text is None:
            log.warning("i18n: missing key %s", key)
            return key
    if fmt:
        try:
            return text.format(**fmt)
        except (KeyError, IndexError, ValueError):
            log.warning("i18n: bad format arguments for %s", key)
    return text


def has_key(key: str, lang: str | None = None) -> bool:
    """Whether the catalogue defines ``key`` (in ``lang``, or in French when no language is given)."""
    return key in catalogue().get(lang if lang in LANGS else DEFAULT_LANG, {})


def normalize_language(value: object) -> str | None:
    value = str(value or "").strip().lower()[:2]
    return value if value in LANGS else None


_language_source: Callable[[], str | None] | None = None


def use_language_source(source: Callable[[], str | None] | None) -> None:
    """Where ``current_language()`` reads the reader's language (the app's session); None: French."""
    global _language_source
    _language_source = source


def current_language() -> str:
    """The reader's language, from the registered source; French without one (exports, the CLI)."""
    lang = normalize_language(_language_source()) if _language_source is not None else None
    return lang or DEFAULT_LANG
