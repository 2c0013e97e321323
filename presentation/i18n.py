"""Interface text in French and English from one catalogue.

Catalogues are the TOML files in ``presentation/locales/``; each holds a ``[fr]`` and an
``[en]`` table of ``key = "text"`` (nested tables are flattened to dotted keys). All
files are merged. French is the default and the fallback.

A text that depends on a count is a plural entry, a table of CLDR plural categories:
``"count.articles" = { one = "{n} article", other = "{n} articles" }``. ``tn(key, count)`` picks
the form with Babel (``Locale(lang).plural_form``): in French "one" covers 0, 1 and 1,5, in
English 1 only; a category the entry does not give ("many", French millions) reads "other".

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


PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})
Entry = str | dict[str, str]  # a text, or a plural entry {category: text}


def is_plural(value: object) -> bool:
    """A table whose keys are CLDR plural categories, "other" among them."""
    return isinstance(value, dict) and "other" in value and set(value) <= PLURAL_CATEGORIES


def _flatten(table: dict, prefix: str = "") -> dict[str, Entry]:
    flat: dict[str, Entry] = {}
    for key, value in table.items():
        full = f"{prefix}{key}"
        if is_plural(value):
            flat[full] = {category: str(text) for category, text in value.items()}
        elif isinstance(value, dict):
            flat.update(_flatten(value, f"{full}."))
        else:
            flat[full] = str(value)
    return flat


def read_catalogue_files(directory: Path = LOCALES_DIR) -> list[tuple[str, str, dict[str, Entry]]]:
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
    """Keys defined twice, missing in a language, languages that should not be there, plural entries
    without the forms their language needs (or a plural entry in one language, a text in the other)."""
    problems: list[str] = []
    seen: dict[tuple[str, str], str] = {}
    keys_by_lang: dict[str, set[str]] = {lang: set() for lang in LANGS}
    for file_name, lang, table in read_catalogue_files(directory):
        if lang not in LANGS:
            problems.append(f"{file_name}: unknown language table [{lang}]")
            continue
        for key, value in table.items():
            if is_plural(value):
                missing = sorted(plural_categories(lang) - set(value))
                if missing:
                    problems.append(f"{file_name}: [{lang}] {key} lacks the plural form(s) {', '.join(missing)}")
            if (lang, key) in seen:
                problems.append(f"{file_name}: [{lang}] {key} already defined in {seen[(lang, key)]}")
            seen[(lang, key)] = file_name
            keys_by_lang[lang].add(key)
    for lang in LANGS:
        for other in LANGS:
            for key in sorted(keys_by_lang[other] - keys_by_lang[lang]):
                problems.append(f"[{lang}] missing {key} (defined in [{other}])")
    plural_keys = {lang: {key for _f, lg, table in read_catalogue_files(directory) if lg == lang
                          for key, value in table.items() if is_plural(value)} for lang in LANGS}
    for key in sorted(set.union(*plural_keys.values()) - set.intersection(*plural_keys.values())):
        problems.append(f"{key}: a plural entry in one language, a plain text in the other")
    return problems


@lru_cache(maxsize=8)
def plural_categories(lang: str) -> frozenset[str]:
    """The categories a plural entry must give in ``lang``: "one" and "other" in fr and en ("many",
    French millions, may be left out: it then reads "other")."""
    from babel import Locale

    return frozenset({"other"} | (Locale.parse(lang).plural_form.tags - {"many"}))


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, Entry]]:
    merged: dict[str, dict[str, Entry]] = {lang: {} for lang in LANGS}
    for _file_name, lang, table in read_catalogue_files():
        merged.setdefault(lang, {}).update(table)
    return merged


def t(key: str, lang: str | None = None, **fmt) -> str:
    """The text for ``key`` in ``lang`` (default: the current language), formatted with ``fmt``.

    Falls back to French, then to the key itself, so a missing entry shows up on screen
    instead of breaking the page.
    """
    lang = lang if lang in LANGS else current_language()
    text = _entry(key, lang)
    if text is None:
        return key
    if isinstance(text, dict):
        log.warning("i18n: %s is a plural entry, read with t() instead of tn()", key)
        text = text["other"]
    return _format(key, text, fmt)


def tn(key: str, count: float, lang: str | None = None, **fmt) -> str:
    """The form of plural entry ``key`` for ``count`` in ``lang``, formatted with ``fmt``; ``{n}`` is
    the count written in the language (``1 000`` / ``1,000``) unless ``fmt`` gives ``n``.

    ``tn("count.articles", 1, "fr")`` → ``1 article``; ``tn("count.articles", 0, "en")`` → ``0 articles``.
    A plain text entry is used whatever the count.
    """
    from babel import Locale
    from babel.numbers import format_decimal

    lang = lang if lang in LANGS else current_language()
    entry = _entry(key, lang)
    if entry is None:
        return key
    locale = Locale.parse(lang)
    if isinstance(entry, dict):
        entry = entry.get(locale.plural_form(abs(count)), entry["other"])
    fmt.setdefault("n", format_decimal(count, locale=locale))
    return _format(key, entry, fmt)


def _entry(key: str, lang: str) -> Entry | None:
    texts = catalogue()
    entry = texts.get(lang, {}).get(key)
    if entry is None:
        entry = texts[DEFAULT_LANG].get(key)
        if entry is None:
            log.warning("i18n: missing key %s", key)
    return entry


def _format(key: str, text: str, fmt: dict) -> str:
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
