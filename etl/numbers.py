"""French number expressions: find them in text and turn them into plain numbers.

"4,8 millions" → 4800000, "1 049 767" (any space) → 1049767, "1.049.767" → 1049767,
"913.000" → 913000, "08,63" → 8.63, "3,7 M" → 3700000, "dix-huit mille" → 18000.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from etl import resources as R
from etl.text import SPACE_CHARS

_SPACES = re.compile(f"[\\s{SPACE_CHARS}]")
_NW = "|".join(sorted(R.NUMBER_WORDS, key=len, reverse=True))
_NUMBER_WORDS_RE = re.compile(
    rf"(?<![\w-])(?:{_NW})(?:(?:{R.SP}+|-)(?:et(?:{R.SP}+|-))?(?:{_NW}|millions?|milliards?))*(?![\w-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberSpan:
    start: int
    end: int
    value: float
    surface: str
    words: bool       # written in words ("trois")
    scaled: bool      # carries a scale word ("millions", "M")


def parse_number(surface: str) -> float | None:
    """Parse one French number expression; None when it is not one.

    >>> parse_number("4,8 millions")
    4800000.0
    >>> parse_number("1\u202f049\u202f767")
    1049767.0
    """
    s = _SPACES.sub(" ", surface.strip())
    scale = 1.0
    m = re.search(r"\s*((?i:milliards?|millions?|milliers|mille|mds?|mrds?|md|mio)|M|k|K)\.?$", s)  # "3,5 Mds"
    if m and re.search(r"\d", s[: m.start()]):
        scale = R.SCALE_WORDS[m.group(1).lower()] if m.group(1) not in ("M",) else 1e6
        s = s[: m.start()].strip()
    if re.fullmatch(r"\d{1,3}(?: \d{3})+(?:,\d+)?|\d+(?:,\d+)?", s):
        value = float(s.replace(" ", "").replace(",", "."))
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        value = float(s.replace(".", "").replace(",", "."))
    elif re.fullmatch(r"\d+\.\d+", s):
        value = float(s)
    elif re.fullmatch(r"[a-zà-ÿ\- ]+", s, re.IGNORECASE):
        value = words_to_number(s)
        if value is None:
            return None
    else:
        return None
    return value * scale


def words_to_number(words: str) -> float | None:
    """'dix-huit mille' → 18000.0; words that are not a number → None."""
    cleaned = normalize_number_words(words)
    if not cleaned or cleaned in ("un", "une", "et"):
        return None
    try:
        return float(text2num(cleaned, "fr"))
    except ValueError:
        # "quatre millions": text2num wants no plural on scale words in some versions
        try:
            return float(text2num(re.sub(r"(million|milliard)s\b", r"\1", cleaned), "fr"))
        except ValueError:
            return None


def normalize_number_words(words: str) -> str:
    s = _SPACES.sub(" ", words.strip().lower())
    s = re.sub(r"\bune\b", "un", s)
    return s


def _joins_compound(previous: NumberSpan, between: str, value: float) -> bool:
    """A scaled amount followed by a smaller scaled one with only a space (or "et") between."""
    big = re.search(r"(milliards?|millions?)$", previous.surface, re.I)
    if not (previous.scaled and big and re.fullmatch(r"\s+(?:et\s+)?", between)):
        return False
    unit = 1e9 if big.group(1).lower().startswith("milliard") else 1e6
    return 0 < value < unit


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberSpan]:
    """Every number expression in text[start:end], with its scale word attached."""
    end = len(text) if end is None else end
    window = text[start:end]
    found: list[NumberSpan] = []
    taken: list[tuple[int, int]] = []
    for m in R.DIGITS_RE.finditer(window):
        s, e = m.start(), m.end()
        scaled = False
        sm = R.SCALE_AFTER_RE.match(window[e:])
        if sm:
            word = sm.group("scale")
            after = window[e + sm.end(): e + sm.end() + 2]
            # "M"/"k" only as scale when written so ("3,7 M", "5k"), not "3 m" (metres) or "M." (Monsieur)
            single = word.lower() in ("m", "k")
            # "M"/"k" only as written for millions/thousands: not "3 m" (metres), not "M." (Monsieur)
            ok = not single or (word in ("M", "k", "K") and not after.startswith(".") and not after[:1].isalpha())
            if ok:
                e += sm.end() - (1 if sm.group(0).endswith(".") and not single else 0)
                e = s + len(window[s:e].rstrip(". "))
                scaled = True
        surface = window[s:e]
        value = parse_number(surface)
        if value is None:
            continue
        bare = parse_number(m.group(0)) if scaled else None
        if bare is not None and bare >= 1e9:
            value = bare        # "12.450.300.000 milliards de F CFA": the digits say it all, the scale word repeats it
        previous = found[-1] if found else None
        if previous is not None and scaled and _joins_compound(previous, window[previous.end - start: s], value):
            # "8 milliards 450 millions": one amount written in two parts
            found[-1] = NumberSpan(previous.start, start + e, previous.value + value, window[previous.start - start: e],
                                   False, True)
            taken[-1] = (previous.start - start, e)
            continue
        found.append(NumberSpan(start + s, start + e, value, surface, False, scaled))
        taken.append((s, e))
    for m in _NUMBER_WORDS_RE.finditer(window):
        s, e = m.start(), m.end()
        if any(a < e and s < b for a, b in taken):
            continue
        surface = m.group(0)
        first = normalize_number_words(surface).split(" ")[0].split("-")[0]
        if first in ("un", "une") and not re.search(r"mill", surface, re.I):
            continue   # the article "un"/"une", not the number one
        if first == "cent" and re.search(r"\bpour\s*$", window[:s], re.I):
            continue   # "45 pour cent" is a percent sign in words
        value = words_to_number(surface)
        if value is None:
            continue
        found.append(NumberSpan(start + s, start + e, value, surface, True, bool(re.search(r"mill", surface, re.I))))
    for m in R.APPROX_NOUN_RE.finditer(window):
        s, e = m.start(), m.end()
        if not any(a < e and s < b for a, b in taken):
            # like "millions", "centaine" is followed by "de" and the counted noun: a scale word
            found.append(NumberSpan(start + s, start + e, float(R.APPROX_NOUNS[m.group("noun").lower()]), m.group(0),
                                    True, True))
    for m in R.HALF_SCALE_RE.finditer(window):
        s, e = m.start(), m.end()
        if not any(a < e and s < b for a, b in taken):   # "un demi-million d'enfants"
            found.append(NumberSpan(start + s, start + e, 5e5 if m.group("scale").lower() == "million" else 5e8,
                                    m.group(0), True, True))
    found.sort(key=lambda n: n.start)
    return found
