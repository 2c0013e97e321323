"""Numbers, dates, qualifiers, units and country names for the reader's locale.

Pure functions (babel + the i18n catalogue); no Streamlit. French: ``4,8 M``,
``8 400 000`` (narrow no-break spaces), ``22 janvier 2024``; English: ``4.8 M``,
``8,400,000``, ``January 22, 2024``.
"""
from __future__ import annotations

import math
import os
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
from babel import Locale
from babel.core import get_global
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from presentation.dates import date_interval, effective_precision, month_day
from presentation.i18n import LANGS, has_key, t

_BABEL_LOCALE = {"fr": "fr_FR", "en": "en_GB"}
MISSING = "—"
# (threshold, catalogue key of the suffix); below the smallest the number is written in full
_COMPACT_STEPS = ((1e9, "num.billion"), (1e6, "num.million"))


@lru_cache(maxsize=8)
def _locale(lang: str | None) -> Locale:
    """A parsed babel Locale (parsing on every call costs more than the formatting)."""
    return Locale.parse(_BABEL_LOCALE.get(lang if lang in LANGS else "fr", "fr_FR"))


def is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:  # nullable columns hold pd.NA, float() refuses it
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return str(value).strip() == ""


def fmt_number(value, lang: str | None, *, compact: bool = False) -> str:
    """``4800000`` → ``4,8 M`` (fr, compact) / ``4.8 M`` (en); ``8 400 000`` / ``8,400,000`` in full."""
    if is_missing(value):
        return MISSING
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    locale = _locale(lang)
    if compact:
        for threshold, suffix_key in _COMPACT_STEPS:
            if abs(number) >= threshold:
                scaled = format_decimal(number / threshold, format="#,##0.#", locale=locale)
                return f"{scaled}\u00a0{t(suffix_key, lang)}"
    pattern = "#,##0" if float(number).is_integer() else "#,##0.##"
    return format_decimal(number, format=pattern, locale=locale)


def fmt_qualifier(qualifier: str | None, lang: str | None) -> str:
    """``approx`` → ``près de`` / ``about``; ``exact`` and unknown qualifiers → ``""``."""
    if not qualifier or qualifier == "exact":
        return ""
    key = f"qualifier.{qualifier}"
    return t(key, lang) if has_key(key) else ""


@lru_cache(maxsize=1)
def _article_nouns() -> dict[str, frozenset[str]]:
    """unit code → the French nouns the ETL counts under it ("households": ménages, familles, foyers…)."""
    from etl import resources as R

    nouns: dict[str, set[str]] = {}
    for word, unit in (*R.UNIT_NAMES.items(), *R.PEOPLE_UNIT_NAMES.items()):
        nouns.setdefault(unit, set()).add(word)
    nouns.setdefault("households", set()).update(R.HOUSEHOLD_NOUNS)
    return {unit: frozenset(words) for unit, words in nouns.items()}


def own_word(unit: str | None, label: str | None) -> str | None:
    """The article's own noun for a counted unit, where the figure's label keeps it: unit
    ``households`` with label ``familles déplacées`` → ``familles``; None otherwise."""
    if not unit or not isinstance(label, str) or not label.strip():
        return None
    first = label.split()[0].strip(",.;:()«»\"'").lower()
    return first if first in _article_nouns().get(unit, ()) else None


def fmt_unit(unit: str | None, lang: str | None, value=None, label: str | None = None) -> str:
    """Known units from the catalogue (singular when the value is 1); in French, a counted noun
    the label keeps as the article wrote it ("familles", "salles"); other nouns as written."""
    if not unit:
        return ""
    if lang != "en":
        own = own_word(unit, label)
        if own:
            return own
    key = f"unit.{unit}"
    if not has_key(key):
        return str(unit)
    if value is not None and not is_missing(value) and float(value) == 1 and has_key(f"unit_one.{unit}"):
        return t(f"unit_one.{unit}", lang)
    return t(key, lang)


def fmt_figure(value, unit: str | None, qualifier: str | None, lang: str | None, *, compact: bool = True,
               label: str | None = None) -> str:
    """``près de 4,8 M personnes``; an unquantified statement reads ``chiffre non précisé``.
    ``label``: the figure's label, whose first word may be the article's own noun (fmt_unit)."""
    if qualifier == "unquantified" or is_missing(value):
        return t("qualifier.unquantified", lang)
    number = fmt_number(value, lang, compact=compact)
    unit_text = fmt_unit(unit, lang, value, label)
    if unit == "percent":
        body = f"{number}\u00a0%" if lang != "en" else f"{number}%"
    else:
        body = f"{number} {unit_text}".strip()
    prefix = fmt_qualifier(qualifier, lang)
    return f"{prefix} {body}".strip()


def _format_day(value: date, lang: str | None) -> str:
    return format_date(value, format="long", locale=_locale(lang))


def fmt_date(iso: str | None, precision: str | None, lang: str | None) -> str:
    """A date written as precisely as it is known, never more (see _fmt_date)."""
    return _fmt_date(_key(iso), _key(precision), lang)


def _key(value):
    """Hashable, NaN-free cache key for a cell value (NaN and None both mean missing)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value if isinstance(value, (str, int, float)) else str(value)


@lru_cache(maxsize=16384)
def _fmt_date(iso: str | None, precision: str | None, lang: str | None) -> str:
    """A date written as precisely as it is known, never more.

    ``2024-01-22``/day → ``22 janvier 2024``; ``2024-01``/month → ``janvier 2024``;
    ``2024``/year → ``2024``; ``--01-22``/day_no_year → ``22 janvier (année non précisée)``.
    """
    prec = effective_precision(iso, precision)
    locale = _locale(lang)
    interval = date_interval(iso, prec)
    if prec == "day" and interval:
        return _format_day(interval[0], lang)
    if prec == "month" and interval:
        return format_skeleton("yMMMM", interval[0], locale=locale)
    if prec == "year" and interval:
        return str(interval[0].year)
    if prec == "day_no_year":
        parts = month_day(iso)
        if parts:
            # 2000 is a leap year, so 29 February is valid; only day and month are shown
            shown = format_skeleton("MMMMd", date(2000, *parts), locale=locale)
            return t("date.no_year", lang, date=shown)
    return t("date.unknown", lang)


def fmt_short_date(iso: str | None, precision: str | None, lang: str | None) -> str:
    """Compact form for tables and axis labels: ``22 janv. 2024``, ``janv. 2024``, ``2024``."""
    return _fmt_short_date(_key(iso), _key(precision), lang)


@lru_cache(maxsize=16384)
def _fmt_short_date(iso: str | None, precision: str | None, lang: str | None) -> str:
    prec = effective_precision(iso, precision)
    locale = _locale(lang)
    interval = date_interval(iso, prec)
    if prec == "day" and interval:
        return format_date(interval[0], format="medium", locale=locale)
    if prec == "month" and interval:
        return format_skeleton("yMMM", interval[0], locale=locale)
    if prec == "day_no_year" and month_day(iso):
        shown = format_skeleton("MMMd", date(2000, *month_day(iso)), locale=locale)
        return t("date.no_year_short", lang, date=shown)
    return fmt_date(iso, prec, lang)


@lru_cache(maxsize=1024)
def fmt_country(iso3: str | None, lang: str | None) -> str:
    """``CIV`` → ``Côte d’Ivoire``; unknown codes are returned as given, missing ones as ``—``."""
    if not iso3 or (isinstance(iso3, float) and math.isnan(iso3)):
        return MISSING
    code = str(iso3).upper()
    aliases = get_global("territory_aliases").get(code)
    alpha2 = aliases[0] if aliases else code
    names = _locale(lang).territories
    return names.get(alpha2, code)


def fmt_indicator(indicator: str | None, lang: str | None) -> str:
    if not indicator:
        return MISSING
    key = f"indicator.{indicator}"
    return t(key, lang) if has_key(key) else str(indicator)


def fmt_theme(theme: str | None, lang: str | None) -> str:
    """A decision theme (etl/resources.py THEMES) in words; a theme outside the vocabulary as written."""
    if theme is None or is_missing(theme):
        return MISSING
    key = f"theme.{theme}"
    return t(key, lang) if has_key(key) else str(theme)


def fmt_kind(table: str, kind: str | None, lang: str | None) -> str:
    """Labels of vocabularies (decision kinds, event kinds, actor kinds…)."""
    if not kind:
        return MISSING
    for name in (table, table.removesuffix("s")):  # "decisions" and "decision" both work
        key = f"kind.{name}.{kind}"
        if has_key(key):
            return t(key, lang)
    return str(kind)


def truncate(text: str | None, limit: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "…"


def _month(day: date, lang: str | None, *, year: bool) -> str:
    return format_skeleton("yMMM" if year else "MMM", day, locale=_locale(lang))


def _day(day: date, lang: str | None, *, month: bool = True, year: bool = True) -> str:
    skeleton = ("yMMMd" if year else "MMMd") if month else "d"
    return format_skeleton(skeleton, day, locale=_locale(lang))


def fmt_period(start: str | None, start_precision: str | None, lang: str | None, *, end: str | None = None,
               end_precision: str | None = None) -> str:
    """A reference period written for people: ``2024``, ``2023–2024``, ``mars 2025``,
    ``janv.–juin 2025``, ``nov. 2024–févr. 2025``, ``9 oct. 2025``, ``1–15 mars 2025``;
    never "1 janvier 2024" for a whole year. ``end`` (an ISO date at any precision) closes
    the period; without it the period is what ``start`` states."""
    first = date_interval(_key(start), _key(start_precision))
    if first is None:
        return fmt_date(start, start_precision, lang)
    last = date_interval(_key(end), _key(end_precision)) if not is_missing(end) else None
    begin, finish = first[0], max((last or first)[1], first[0])
    whole_years = begin.month == 1 and begin.day == 1 and finish.month == 12 and finish.day == 31
    whole_months = begin.day == 1 and (finish + pd.Timedelta(days=1)).day == 1
    dash = "\u2013"
    if whole_years:
        return str(begin.year) if begin.year == finish.year else f"{begin.year}{dash}{finish.year}"
    if whole_months:
        if (begin.year, begin.month) == (finish.year, finish.month):
            return format_skeleton("yMMMM", begin, locale=_locale(lang))
        if begin.year == finish.year:
            return f"{_month(begin, lang, year=False)}{dash}{_month(finish, lang, year=True)}"
        return f"{_month(begin, lang, year=True)}{dash}{_month(finish, lang, year=True)}"
    if begin == finish:
        return _day(begin, lang)
    if (begin.year, begin.month) == (finish.year, finish.month) and lang != "en":
        return f"{begin.day}{dash}{_day(finish, lang)}"
    if begin.year == finish.year:
        return f"{_day(begin, lang, year=False)}{dash}{_day(finish, lang)}"
    return f"{_day(begin, lang)}{dash}{_day(finish, lang)}"


def url_host(url) -> str:
    """``https://www.studiotamani.org/x`` → ``studiotamani.org`` (empty for anything else)."""
    from urllib.parse import urlparse

    if is_missing(url):
        return ""
    try:
        host = urlparse(str(url)).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def fmt_source(row: dict, lang: str | None, *, limit: int = 60, title: bool = True) -> str:
    """Who says it, as *media, title, date*: ``Studio Tamani, Mali : 6,4 millions…, 9 oct. 2025``.

    The media is the article's ``source`` (its sidecar), else its web address's host; an
    imported figure names its file's source and period. Never a file name: an article with
    neither media, title nor address reads "article sans titre"."""
    if row.get("source_kind") == "import":
        name = row.get("source_name") or row.get("article_source") or row.get("article_title")
        period = fmt_period(row.get("reference_date"), row.get("reference_precision"), lang,
                            end=row.get("reference_end_date"))
        return ", ".join(x for x in (truncate(str(name or t("source.official", lang)), limit), period) if x)
    media = "" if is_missing(row.get("article_source")) else str(row["article_source"]).strip()
    media = media or url_host(row.get("article_url"))
    heading = "" if is_missing(row.get("article_title")) else str(row["article_title"]).strip()
    when = row.get("article_date")
    day = "" if is_missing(when) else fmt_short_date(when, row.get("article_date_precision"), lang)
    parts = [truncate(media, 40)] if media else []
    if title and heading and heading != media:
        parts.append(truncate(heading, max(limit - len(media), 24)))
    if not parts:
        parts.append(t("source.untitled", lang))
    if day and day != fmt_date(None, None, lang):
        parts.append(day)
    return ", ".join(parts)


def reference_year(row: dict, lang: str | None) -> str:
    """The year a figure refers to (its own date, else its article's: the view's ``when``); an
    imported figure's whole period, written for people ("2024", "janv.–juin 2025")."""
    if row.get("source_kind") == "import":
        return fmt_period(row.get("reference_date"), row.get("reference_precision"), lang,
                          end=row.get("reference_end_date"))
    when = row.get("when") if "when" in row else row.get("reference_date")
    interval = date_interval(_key(when), _key(row.get("when_precision", row.get("reference_precision"))))
    return str(interval[0].year) if interval else ""


# --------------------------------------------------------------------------- times

def display_timezone(browser: str | None = None) -> ZoneInfo:
    """The reader's time zone: ``browser``'s (dashboard.reader.browser_timezone), else
    SAHEL_TIMEZONE, else UTC."""
    names = [browser, os.environ.get("SAHEL_TIMEZONE"), "UTC"]
    for name in names:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def local_time(value, lang: str, tz: ZoneInfo) -> str:
    """A stored UTC timestamp in the reader's time zone and locale: « 24 nov. 2026 10:32 »."""
    from babel.dates import format_datetime

    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return "—"
    stamp = pd.Timestamp(value)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
    return format_datetime(stamp.to_pydatetime(), "d MMM y HH:mm", tzinfo=tz, locale="en_GB" if lang == "en" else "fr_FR")


def zone_label(tz: ZoneInfo, lang: str, when: datetime | None = None) -> str:
    """« heure locale, UTC+1 » / « local time, UTC+1 »: the offset the times are shown at."""
    offset = (when or datetime.now(UTC)).astimezone(tz).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    text = f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
    return ("local time, " if lang == "en" else "heure locale, ") + text
