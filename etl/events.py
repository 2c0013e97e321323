"""Events (meetings, launches, forums, visits, ceremonies) with an honest date and a place.

A sentence with a date becomes an event when it names one ("lancement",
"rencontre", "forum", "visite"…) or opens with the date ("Le 28 novembre 2024,
…"). Year- and month-only dates need an explicit event word. Dates without a
year keep the day_no_year precision unless the publication date fixes them.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from etl import resources as R
from etl import resources_decisions as RD
from etl.countries import CountryMention
from etl.dates import DateMention, date_only_line
from etl.segment import Document
from etl.text import stable_id

_PLACE_AFTER_A_RE = re.compile(r"\b(?:à|au|en|dans\s+la\s+ville\s+de)\s+(?P<name>[A-ZÀ-Ý][\w'’\-]+(?:[\s\-][A-ZÀ-Ý][\w'’\-]+){0,3})")
_YEAR_EVENT_CUE_RE = re.compile(r"^(?:en|in|courant|au\s+cours\s+de)", re.I)
_MONTH_EVENT_LEAD_RE = re.compile(r"(?:^|[\s,(])(?:en|courant|au\s+cours\s+du\s+mois\s+de|d[ée]but|fin|mi-?)\s*$", re.I)
_STRONG_UNDATED = re.compile(r"\b(?:rencontre|r[ée]union|session|forum|atelier|sommet|conf[ée]rence|s[ée]minaire|"
                             r"table\s+ronde|c[ée]r[ée]monie|lancement|visite)\b", re.I)

PlaceFinder = Callable[[str, int, int], list[dict]]


def extract_events(doc: Document, *, article_id: str, dates: list[DateMention], countries: list[CountryMention],
                   dominant_country: str | None, place_finder: PlaceFinder | None = None) -> list[dict]:
    text = doc.text
    rows: list[dict] = []
    seen: set[tuple] = set()
    for sent in doc.sentences:
        if sent.kind not in ("prose", "list_item"):
            continue          # numbered paragraphs of communiqués are prose too
        sentence = text[sent.start: sent.end]
        if date_only_line(sentence) is not None:
            continue          # "… 03.05.2021, Agence X" after a teaser: a dateline, not an event
        cues = _cues(sentence)
        in_sentence = [d for d in dates if sent.start <= d.start < sent.end]
        written = [d for d in in_sentence if not _NOW_RE.fullmatch(d.surface.strip())
                   and _is_event_date(d, sentence, sent.start, cues)]
        for d in in_sentence:
            if written and _NOW_RE.fullmatch(d.surface.strip()):
                continue      # "a visité le 14 courant le camp, qui abrite aujourd'hui …": "now", not a second event
            if not _is_event_date(d, sentence, sent.start, cues):
                continue
            kind = _kind(cues)
            key = (d.date_start, kind)
            if key in seen:
                continue
            seen.add(key)
            rows.append(_row(doc, article_id, sent.start, sent.end, d, kind, cues, countries, dominant_country, place_finder))
    if not rows:
        undated = _undated_event(doc, article_id, countries, dominant_country, place_finder)
        if undated:
            rows.append(undated)
    return rows


_NOW_RE = re.compile(r"aujourd['’]hui", re.I)
_DIGIT_RE = re.compile(r"\d")
_RELATIVE_SURFACE_RE = re.compile(rf"(?:(?:le|ce)\s+)?(?:{R.WEEKDAY_RE}|hier|avant-hier)(?:\s+dernier)?", re.I)


def _cues(sentence: str) -> list[tuple[str, int, bool, str]]:
    found = []
    for kind, pattern, strong in R.EVENT_CUES + RD.EXTRA_EVENT_CUES:
        for m in pattern.finditer(sentence):
            found.append((kind, m.start(), strong, m.group(0)))
    return sorted(found, key=lambda c: c[1])


def _is_event_date(d: DateMention, sentence: str, s_start: int, cues: list) -> bool:
    strong = any(c[2] for c in cues)
    before = sentence[: d.start - s_start].strip().lower()
    if RD.SINCE_DAY_RE.search(sentence[: d.start - s_start]) and d.precision == "day" and _RELATIVE_SURFACE_RE.fullmatch(d.surface):
        return strong             # "réunis depuis mardi": an ongoing meeting, dated by the day it began
    start_from = R.START_FROM_BEFORE_RE.search(sentence[: d.start - s_start])
    if start_from and d.precision in ("day", "day_no_year", "month"):
        # the day something starts from is an event's when something starts then: "entre en vigueur à compter du
        # 1er mars", "réunis depuis le 4 mars"; or the onset of a state a sentence opens on ("Depuis juillet
        # 2022, le pays fait face à …"), unless it counts what happened since ("Depuis le 1er mai, 1 312 cas …")
        clause = _clause_around(sentence, d.start - s_start, d.end - s_start)
        opens = not sentence[: start_from.start()].strip(" \t\n«\"(") and not _DIGIT_RE.search(sentence, d.end - s_start)
        return (any(c[2] and clause[0] <= c[1] < clause[1] for c in cues) or opens
                or bool(RD.TAKES_EFFECT_RE.search(sentence, 0, start_from.start())))
    if RD.SET_TO_BEFORE_RE.search(sentence[: d.start - s_start]) and d.precision in ("day", "day_no_year"):
        return True               # "reporté au jeudi 14 novembre": the day it will take place
    if R.AS_OF_BEFORE_RE.search(sentence[: d.start - s_start]):
        return False              # "au 31 janvier", "la loi … du 13 juillet 2024", "depuis 2021": reference dates
    if RD.PUBLISHED_ON_RE.search(sentence[: d.start - s_start]):
        return True               # "le rapport publié le 3 mars", "sera publié le 19 septembre": a report's publication
    if d.precision in ("year", "month"):
        surface = d.surface.lower()
        if d.precision == "year" and not _YEAR_EVENT_CUE_RE.match(surface):
            return False          # "depuis 2021", "d'ici 2030": periods and targets, not events
        # the event word must govern the date: same clause, or just before it ("se tiendra à Niamey, en décembre")
        clause = _clause_around(sentence, d.start - s_start, d.end - s_start)
        rel = d.start - s_start
        if any(c[2] and (clause[0] <= c[1] < clause[1] or -60 <= rel - c[1] <= 100) for c in cues):
            return True
        # "En septembre 2022, le nombre de déplacés avait été …": a month that dates an act in its sentence
        return (d.precision == "month" and _MONTH_EVENT_LEAD_RE.search(sentence[: d.start - s_start]) is not None
                and bool(RD.DATED_ACTION_RE.search(sentence[clause[0]:])))
    if d.precision == "unknown":
        return strong
    opens_sentence = before in ("", "le", "ce", "c'est le", "depuis le") or len(before.split()) <= 1
    # "a alerté mardi l'agence", "ont commencé à arriver le 28 mars": a day that dates something done
    return bool(cues) or opens_sentence or bool(RD.DATED_ACTION_RE.search(sentence))


def _clause_around(sentence: str, start: int, end: int) -> tuple[int, int]:
    left = max(sentence.rfind(sep, 0, start) for sep in (",", ";", ":", "("))
    rights = [i for i in (sentence.find(sep, end) for sep in (",", ";", ":", ")")) if i >= 0]
    return left + 1, min(rights) if rights else len(sentence)


def _kind(cues: list) -> str:
    strong = {c[0] for c in cues if c[2]}
    for kind in R.EVENT_KIND_PRIORITY:
        if kind in strong:
            return kind
    return "launch" if any(c[0] == "launch" for c in cues) else "other"


def _row(doc: Document, article_id: str, s: int, e: int, d: DateMention, kind: str, cues: list,
         countries: list[CountryMention], dominant: str | None, place_finder: PlaceFinder | None) -> dict:
    text = doc.text
    place, place_country = _place(text, s, e, d, countries, place_finder)
    in_sentence = {m.iso3 for m in countries if s <= m.start < e}
    country = place_country or (next(iter(in_sentence)) if len(in_sentence) == 1 else None) or dominant
    sentence = text[s:e]
    return {
        "event_id": stable_id("evt", article_id, sentence, d.surface),
        "article_id": article_id,
        "kind": kind,
        "title": _title(sentence, kind, cues),
        "date_start": d.date_start,
        "date_end": d.date_end,
        "date_precision": d.precision if d.date_start else "unknown",
        "place": place,
        "country_iso3": country,
        "lat": None,
        "lon": None,
        "quote": sentence,
        "char_start": s,
        "char_end": e,
    }


def _title(sentence: str, kind: str, cues: list) -> str:
    chosen = next((c for c in cues if c[0] == kind and c[2]), None) or (cues[0] if cues else None)
    if chosen is None:
        words = sentence.split()
        return " ".join(words[:14]) + (" …" if len(words) > 14 else "")
    start = chosen[1]
    tail = re.split(r"[,;:.!?«»]", sentence[start:])[0]
    words = tail.split()
    title = " ".join(words[:14]) + (" …" if len(words) > 14 else "")
    return title[:1].upper() + title[1:]


def _place(text: str, s: int, e: int, d: DateMention, countries: list[CountryMention],
           place_finder: PlaceFinder | None) -> tuple[str | None, str | None]:
    """The place nearest the date in the sentence: a gazetteer place, a capital, or "à <Nom>"."""
    candidates: list[tuple[int, str, str | None]] = []
    if place_finder is not None:
        for p in place_finder(text, s, e):
            if p.get("kind") != "country":
                candidates.append((p["char_start"], p["name"], p.get("country_iso3")))
    for m in countries:
        if s <= m.start < e and m.kind == "capital":
            candidates.append((m.start, m.surface, m.iso3))
    if not candidates:
        for m in _PLACE_AFTER_A_RE.finditer(text, s, e):
            name = m.group("name")
            if not any(c.start <= m.start("name") < c.end for c in countries):
                candidates.append((m.start("name"), name, None))
    if not candidates:
        return None, None
    best = min(candidates, key=lambda c: abs(c[0] - d.start))
    return best[1], best[2]


def _undated_event(doc: Document, article_id: str, countries: list[CountryMention], dominant: str | None,
                   place_finder: PlaceFinder | None) -> dict | None:
    """An article about a meeting that never dates it: keep the meeting, with an unknown date."""
    for sent in [s for s in doc.sentences if s.kind == "prose"][:4]:
        sentence = doc.text[sent.start: sent.end]
        m = _STRONG_UNDATED.search(sentence)
        if not m:
            continue
        cues = _cues(sentence)
        kind = _kind(cues)
        none = DateMention(sent.start, sent.start, "", None, None, "unknown")
        row = _row(doc, article_id, sent.start, sent.end, none, kind, cues, countries, dominant, place_finder)
        row["event_id"] = stable_id("evt", article_id, sentence, "undated")
        return row
    return None
