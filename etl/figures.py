"""Figures stated in an article: value, unit, qualifier, indicator, label, country.

A number becomes a figure only when something is counted: people, money, a
percentage, a duration or a plural noun. Dates, years, ordinals, law and
article numbers, phone numbers, ages, temperatures and times are not figures.
An unquantified statement ("des millions d'autres au Niger") is kept with an
empty value, never dropped and never invented.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from etl import resources as R
from etl.countries import CountryMention
from etl.dates import DateMention
from etl.numbers import NumberSpan, find_numbers
from etl.segment import Document, clauses
from etl.text import stable_id

_WORD_AFTER_RE = re.compile(rf"^{R.SP}*(?:(?P<de>de{R.SP}+|d{R.APOS}{R.SP}*))?(?P<word>[^\W\d_][\w\-]*)", re.UNICODE)
_ADJ_BEFORE_NOUN = {"nouveaux", "nouvelles", "autres", "petites", "petits", "grandes", "grands", "principales", "principaux",
                    "différents", "différentes", "anciens", "anciennes", "vrais", "véritables", "jeunes", "millions"}
_DEFINITE_BEFORE_RE = re.compile(rf"\b(?:les|des|ces|ses|leurs|nos|vos|aux|tous{R.SP}+les|toutes{R.SP}+les){R.SP}+$", re.I)
_DIRECT_UNIT_RE = re.compile(r"^(?P<u>[hH])(?![\w])")
_PHONE_RE = re.compile(r"(?:\+\d{2,3}[\s.]?)?(?:\d{2}[\s.]){3,}\d{2}\b")
_INVARIABLE_UNITS = {"mois", "fois"}


@dataclass
class FigureContext:
    article_id: str
    countries: list[CountryMention]
    dominant_country: str | None
    dates: list[DateMention]
    published_date: str | None
    published_precision: str | None


def extract_figures(doc: Document, ctx: FigureContext) -> list[dict]:
    text = doc.text
    rows: list[dict] = []
    for sent in doc.sentences:
        if sent.kind not in ("prose", "list_item"):
            continue
        previous: dict | None = None
        blocked = [(m.start(), m.end()) for m in _PHONE_RE.finditer(text, sent.start, sent.end)]
        blocked += [(d.start, d.end) for d in ctx.dates if sent.start <= d.start < sent.end]
        for number in find_numbers(text, sent.start, sent.end):
            if any(a <= number.start < b for a, b in blocked):
                continue
            row = _figure_from_number(text, number, sent.start, sent.end, previous)
            if row is None:
                continue
            previous = row
            rows.append(row)
        for m in R.VAGUE_QUANTITY_RE.finditer(text, sent.start, sent.end):
            row = _unquantified(text, m, sent.start, sent.end, previous)
            if row is not None:
                rows.append(row)
    rows.sort(key=lambda r: r["char_start"])
    return _finish(rows, doc, ctx)


def _figure_from_number(text: str, n: NumberSpan, s_start: int, s_end: int, previous: dict | None) -> dict | None:
    before = text[max(s_start, n.start - 60): n.start]
    after = text[n.end: s_end]
    if _is_not_a_figure(n, before, after):
        return None
    unit, unit_end, label_start = _unit(n, before, after)
    if unit is None:
        if n.scaled and previous is not None and previous.get("unit") and previous["value"] is not None:
            return _row(text, n, s_start, s_end, previous["unit"], n.end, n.end, before, inherited=previous)
        return None
    if unit == "years" and R.AGE_BEFORE_RE.search(before):
        return None           # an age ("âgés de 45 ans", "moins de 5 ans"), not a duration
    return _row(text, n, s_start, s_end, unit, unit_end, label_start, before)


def _is_not_a_figure(n: NumberSpan, before: str, after: str) -> bool:
    if R.ORDINAL_AFTER_RE.match(after) or R.TEMPERATURE_AFTER_RE.match(after) or R.TIME_AFTER_RE.match(after):
        return True
    if R.REFERENCE_NUMBER_BEFORE_RE.search(before):
        return True
    if not n.words and not n.scaled and re.fullmatch(r"(?:19|20)\d{2}", n.surface):
        word = _WORD_AFTER_RE.match(after)
        if not (word and word.group("word").lower() in R.PEOPLE_NOUNS):
            return True       # a year
    if n.words and n.value <= 10 and _DEFINITE_BEFORE_RE.search(before):
        return True           # "les deux pays": a reference back, not a new figure
    if after.startswith(("/", "-")) and after[1:2].isdigit():
        return True           # codes and ranges of ids
    if before.endswith(("/", "-", "_")) or before.rstrip().endswith("n°"):
        return True
    return False


def _unit(n: NumberSpan, before: str, after: str) -> tuple[str | None, int, int]:
    """(unit, end offset of the unit in `after`, start of the label in `after`)."""
    m = R.PERCENT_RE.match(after)
    if m:
        return "percent", m.end(), m.end()
    for code, pattern in R.CURRENCY_AFTER:
        m = pattern.match(after)
        if m:
            return code, m.end(), m.end()
    for code, pattern in R.CURRENCY_BEFORE:
        if pattern.search(before):
            return code, 0, 0
    m = _DIRECT_UNIT_RE.match(after)
    if m:
        return "hours", m.end(), m.end()
    m = _WORD_AFTER_RE.match(after)
    if not m:
        return None, 0, 0
    word = m.group("word")
    if m.group("de") and not n.scaled:
        return None, 0, 0      # "3 de ces pays"
    lower = word.lower()
    if lower in _ADJ_BEFORE_NOUN:
        nxt = _WORD_AFTER_RE.match(after[m.end():])
        if nxt and not nxt.group("de"):
            m2_word = nxt.group("word").lower()
            if m2_word in R.PEOPLE_NOUNS or m2_word.endswith(("s", "x")):
                return _classify_noun(m2_word, m.end() + nxt.end(), m.start("word"), n)
    return _classify_noun(lower, m.end(), m.start("word"), n)


def _classify_noun(word: str, end: int, label_start: int, n: NumberSpan) -> tuple[str | None, int, int]:
    if word in R.DURATION_UNITS:
        return R.DURATION_UNITS[word], end, label_start
    if word in R.PEOPLE_NOUNS:
        return "people", end, label_start
    if word in R.HOUSEHOLD_NOUNS:
        return "households", end, label_start
    if word in R.MONTHS or word in R.NOT_A_UNIT or len(word) < 3 or not word.isalpha() and "-" not in word:
        return None, 0, 0
    plural = word.endswith(("s", "x", "z")) or word in _INVARIABLE_UNITS
    if n.value > 1 and not plural:
        return None, 0, 0      # "2 mars", "4 juillet": a counted noun agrees in number
    return word, end, label_start


def _row(text: str, n: NumberSpan, s_start: int, s_end: int, unit: str, unit_end: int, label_start: int,
         before: str, inherited: dict | None = None) -> dict:
    clause = _clause_of(text, s_start, s_end, n.start)
    qualifier = _qualifier(before)
    if inherited is not None:
        label = inherited["label"]
    else:
        label = _label(text, n.end + label_start, clause[1], unit)
    return {
        "value": n.value, "unit": unit, "qualifier": qualifier, "label": label,
        "char_start": clause[0], "char_end": clause[1], "number_start": n.start, "number_end": n.end,
        "sentence": (s_start, s_end), "inherited": inherited, "surface": n.surface,
    }


def _unquantified(text: str, m: re.Match, s_start: int, s_end: int, previous: dict | None) -> dict | None:
    after = text[m.end(): s_end]
    word = _WORD_AFTER_RE.match(after)
    unit = None
    label_from = m.end()
    if word:
        w = word.group("word").lower()
        if w in R.PEOPLE_NOUNS:
            unit = "people"
            label_from = m.end() + word.start("word")
        elif w in ("autres",) and previous is not None and previous.get("unit") == "people":
            unit = "people"
    if unit is None:
        return None
    clause = _clause_of(text, s_start, s_end, m.start())
    return {
        "value": None, "unit": unit, "qualifier": "unquantified",
        "label": _label(text, label_from, clause[1], unit),
        "char_start": clause[0], "char_end": clause[1], "number_start": m.start(), "number_end": m.end(),
        "sentence": (s_start, s_end), "inherited": None, "surface": m.group(0),
    }


def _clause_of(text: str, s_start: int, s_end: int, pos: int) -> tuple[int, int]:
    for a, b in clauses(text, s_start, s_end):
        if a <= pos < b:
            return a, b
    return s_start, s_end


def _qualifier(before: str) -> str:
    for name, pattern in R.QUALIFIER_BEFORE:
        if pattern.search(before):
            return name
    return "exact"


def _label(text: str, start: int, end: int, unit: str) -> str:
    words = re.findall(r"[^\s]+", text[start:end])[:8]
    label = " ".join(words).strip(" ,;:.()«»\"")
    if unit in ("percent",) and not label:
        return "%"
    return label


def _indicator(text: str, row: dict) -> str:
    unit = row["unit"]
    if row.get("inherited") is not None:
        return row["inherited"]["indicator"]
    if unit == "percent":
        return "percentage"
    if unit in ("days", "weeks", "months", "years", "hours"):
        return "duration"
    clause_text = text[row["char_start"]: row["char_end"]]
    sentence_text = text[row["sentence"][0]: row["sentence"][1]]
    if unit in ("USD", "XOF", "EUR"):
        if R.FUNDING_RECEIVED_RE.search(clause_text) or R.FUNDING_RECEIVED_RE.search(sentence_text):
            return "funding_received"
        return "funding_required"
    if unit in ("people", "households"):
        label_window = text[row["number_start"]: row["char_end"]]
        for window in (label_window, clause_text):
            for indicator, pattern in R.INDICATOR_CUES:
                if pattern.search(window):
                    return indicator
        return "count"
    return "count"


def _country(row: dict, ctx: FigureContext) -> str | None:
    a, b = row["char_start"], row["char_end"]
    in_clause = [m for m in ctx.countries if a <= m.start < b]
    isos = {m.iso3 for m in in_clause}
    if len(isos) == 1:
        return isos.pop()
    if len(isos) > 1:
        before = [m for m in in_clause if m.start < row["number_start"]]
        return before[-1].iso3 if before and len({m.iso3 for m in before}) == 1 else None
    s, e = row["sentence"]
    in_sentence = {m.iso3 for m in ctx.countries if s <= m.start < e}
    if len(in_sentence) == 1:
        return in_sentence.pop()
    if ctx.dominant_country and (not in_sentence or ctx.dominant_country in in_sentence):
        return ctx.dominant_country
    return None


def _reference_date(row: dict, ctx: FigureContext) -> tuple[str | None, str | None]:
    s, e = row["sentence"]
    in_sentence = [d for d in ctx.dates if s <= d.start < e and d.date_start]
    if in_sentence:
        return in_sentence[0].date_start, in_sentence[0].precision
    return ctx.published_date, ctx.published_precision


def _finish(rows: list[dict], doc: Document, ctx: FigureContext) -> list[dict]:
    text = doc.text
    out: list[dict] = []
    seen: set[tuple] = set()
    occurrences: dict[tuple, int] = {}
    for row in rows:
        row["indicator"] = _indicator(text, row)
        row["country_iso3"] = _country(row, ctx)
        key = (row["value"], row["unit"], row["indicator"], row["country_iso3"])
        if row["value"] is not None and key in seen:
            continue          # the same figure restated later in the article
        seen.add(key)
        ref, precision = _reference_date(row, ctx)
        sentence = text[row["sentence"][0]: row["sentence"][1]]
        id_key = (sentence, row["surface"])
        occurrences[id_key] = occurrences.get(id_key, 0) + 1
        out.append({
            "figure_id": stable_id("fig", ctx.article_id, sentence, row["surface"], occurrences[id_key]),
            "article_id": ctx.article_id,
            "country_iso3": row["country_iso3"],
            "place": None,
            "indicator": row["indicator"],
            "value": row["value"],
            "unit": row["unit"],
            "qualifier": row["qualifier"],
            "label": row["label"],
            "reference_date": ref,
            "reference_precision": precision if ref else None,
            "quote": text[row["char_start"]: row["char_end"]],
            "char_start": row["char_start"],
            "char_end": row["char_end"],
            "source_kind": "article",
        })
    return out
