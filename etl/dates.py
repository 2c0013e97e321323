"""French date expressions → ISO 8601 with an honest precision.

"le 28 novembre 2024" → 2024-11-28/day; "en 2023" → 2023/year; "en mars 2024" →
2024-03/month; "le 22 janvier dernier" → 2025-01-22 when the publication date
fixes the year, else --01-22/day_no_year; "vendredi dernier" needs the
publication date, else its date stays unknown. "Today" is never read from the
clock: the publication date is passed in.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from etl import resources as R

SP = R.SP
_DAY = r"(?P<day>1er|[0-3]?\d)"
_MONTH = rf"(?P<month>{R.MONTH_RE})"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WD = rf"(?:(?P<weekday>{R.WEEKDAY_RE}),?{SP}+)?"

_RANGE_RE = re.compile(
    rf"\b(?:du|entre{SP}+le)?{SP}*(?:{R.WEEKDAY_RE})?{SP}*(?P<d1>1er|[0-3]?\d)(?:{SP}+(?P<m1>{R.MONTH_RE}))?(?:{SP}+(?P<y1>(?:19|20)\d{{2}}))?"
    rf"{SP}+(?:au|et|à|-|–){SP}+(?:{R.WEEKDAY_RE})?{SP}*(?P<d2>1er|[0-3]?\d){SP}+(?P<m2>{R.MONTH_RE})(?:{SP}+(?P<y2>(?:19|20)\d{{2}}))?\b",
    re.I,
)
_DAY_MONTH_RE = re.compile(
    rf"{_WD}\b{_DAY}{SP}+{_MONTH}(?:{SP}*,?{SP}*{_YEAR})?(?P<rel>{SP}+(?:dernier|passé|prochain|écoulé))?(?![\w])", re.I
)
_MONTH_DAY_YEAR_RE = re.compile(rf"{_WD}\b{_MONTH}{SP}+{_DAY},?{SP}+{_YEAR}\b", re.I)   # "mars 4, 2026"
_MONTH_YEAR_RE = re.compile(rf"\b(?:(?:en|de|d.|depuis|dès|début|fin|mi-?|courant|au\s+mois\s+de|mois\s+de){SP}*)?{_MONTH}{SP}+{_YEAR}\b", re.I)
_NUMERIC_RE = re.compile(r"\b(?P<day>[0-3]?\d)(?P<sep>[/.\-])(?P<month>[01]?\d)(?P=sep)(?P<year>(?:19|20)\d{2})\b|\b(?P<iy>(?:19|20)\d{2})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b")
# "en septembre", "prévue en septembre à Parakou": the month of the publication year (never a bare "mai")
_MONTH_ALONE_RE = re.compile(rf"\b(?:en|au\s+mois\s+d['’]|au\s+mois\s+de|courant|fin|début|mi-?|d[èe]s)\s*(?P<month>{R.MONTH_RE})(?!{SP}*(?:19|20)\d{{2}})(?:{SP}+(?P<rel>dernier|prochain|passé))?\b", re.I)
_YEAR_RE = re.compile(
    rf"\b(?P<cue>en|depuis|dès|d.ici|à{SP}+l.horizon|horizon|l.an|l.année|année|au{SP}+cours{SP}+de{SP}+l.année|in|courant|fin|début|mi-?){SP}*(?P<year>(?:19|20)\d{{2}})(?![\d,.]\d)\b",
    re.I,
)
_RELATIVE_WEEKDAY_RE = re.compile(rf"\b(?:(?:le|ce){SP}+)?(?P<weekday>{R.WEEKDAY_RE})(?:{SP}+(?P<rel>dernier|passé|prochain))?\b", re.I)
# "le 14 courant", "le 3 du mois courant": a day of the publication's month
_DAY_CURRENT_MONTH_RE = re.compile(r"\b(?P<day>1er|[0-3]?\d)\s+(?:courant|du\s+mois\s+(?:courant|en\s+cours)|de\s+ce\s+mois)\b", re.I)
_RELATIVE_DAY_RE = re.compile(r"\b(?P<word>avant-hier|hier|aujourd.hui|demain|après-demain)\b", re.I)
_RELATIVE_OFFSETS = {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "aujourd’hui": 0, "demain": 1, "après-demain": 2}


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    surface: str
    date_start: str | None     # ISO: YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD
    date_end: str | None
    precision: str             # day, month, year, day_no_year, unknown


def parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _mid_month(value) -> dt.date | None:
    """"2019-10" → 15 October 2019: a reference to choose a year by, not a day."""
    if not isinstance(value, str) or not re.fullmatch(r"(?:19|20)\d{2}-[01]\d", value):
        return None
    return _safe(int(value[:4]), int(value[5:7]), 15)


def _month(word: str) -> int:
    return R.MONTHS[word.lower()]


def _day(word: str) -> int:
    return 1 if word.lower() == "1er" else int(word)


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_day_month(day: int, month: int, *, published: dt.date | None, relation: str | None) -> tuple[str | None, str]:
    """A day and month with no year: the publication date fixes the year, or it stays day_no_year."""
    if published is None:
        return (f"--{month:02d}-{day:02d}", "day_no_year") if _safe(2000, month, day) else (None, "unknown")
    rel = (relation or "").lower()
    candidates = [d for d in (_safe(published.year + k, month, day) for k in (-1, 0, 1)) if d]
    if not candidates:
        return None, "unknown"
    if rel in ("dernier", "passé", "écoulé"):
        past = [d for d in candidates if d <= published]
        chosen = max(past) if past else min(candidates, key=lambda d: abs((d - published).days))
    elif rel == "prochain":
        future = [d for d in candidates if d >= published]
        chosen = min(future) if future else min(candidates, key=lambda d: abs((d - published).days))
    else:
        chosen = min(candidates, key=lambda d: abs((d - published).days))
    return chosen.isoformat(), "day"


def find_dates(text: str, start: int = 0, end: int | None = None, *, published: str | dt.date | None = None) -> list[DateMention]:
    """Every date expression in text[start:end], most specific first where they overlap."""
    end = len(text) if end is None else end
    pub = parse_iso(published) if isinstance(published, str) else published
    # a month of publication ("2019-10") fixes the year of "le 3 octobre", never the day of "mardi" or "hier"
    year_ref = pub or _mid_month(published)
    window = text[start:end]
    out: list[DateMention] = []

    def add(s: int, e: int, ds: str | None, de: str | None, precision: str) -> None:
        s += len(window[s:e]) - len(window[s:e].lstrip())
        if any(m.start - start < e and s < m.end - start for m in out):
            return
        out.append(DateMention(start + s, start + e, window[s:e], ds, de, precision))

    for m in _RANGE_RE.finditer(window):
        m2 = _month(m.group("m2"))
        m1 = _month(m.group("m1")) if m.group("m1") else m2
        y = m.group("y2") or m.group("y1")
        d1, d2 = _day(m.group("d1")), _day(m.group("d2"))
        if y:
            a, b = _safe(int(m.group("y1") or y), m1, d1), _safe(int(y), m2, d2)
            if a and b and a <= b:
                add(m.start(), m.end(), a.isoformat(), b.isoformat(), "day")
        else:
            a, pa = resolve_day_month(d1, m1, published=year_ref, relation=None)
            b, _ = resolve_day_month(d2, m2, published=year_ref, relation=None)
            if a:
                add(m.start(), m.end(), a, b, pa)
    for m in _MONTH_DAY_YEAR_RE.finditer(window):
        d = _safe(int(m.group("year")), _month(m.group("month")), _day(m.group("day")))
        if d:
            add(m.start(), m.end(), d.isoformat(), None, "day")
    for m in _DAY_MONTH_RE.finditer(window):
        day, month = _day(m.group("day")), _month(m.group("month"))
        if m.group("year"):
            d = _safe(int(m.group("year")), month, day)
            if d:
                add(m.start(), m.end(), d.isoformat(), None, "day")
        else:
            iso, precision = resolve_day_month(day, month, published=year_ref, relation=(m.group("rel") or "").strip())
            if iso:
                add(m.start(), m.end(), iso, None, precision)
    for m in _NUMERIC_RE.finditer(window):
        if m.group("iy"):
            d = _safe(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        else:
            d = _safe(int(m.group("year")), int(m.group("month")), int(m.group("day")))
        if d:
            add(m.start(), m.end(), d.isoformat(), None, "day")
    if pub is not None:
        for m in _DAY_CURRENT_MONTH_RE.finditer(window):
            d = _safe(pub.year, pub.month, _day(m.group("day")))
            if d:
                add(m.start(), m.end(), d.isoformat(), None, "day")
    for m in _MONTH_YEAR_RE.finditer(window):
        s = m.start("month")
        add(s, m.end(), f"{int(m.group('year')):04d}-{_month(m.group('month')):02d}", None, "month")
    if year_ref is not None:
        pub_month = year_ref
        for m in _MONTH_ALONE_RE.finditer(window):
            month = _month(m.group("month"))
            rel = (m.group("rel") or "").lower()
            year = pub_month.year
            if rel == "prochain" or (not rel and month < pub_month.month - 6):
                year += 1 if month <= pub_month.month else 0
            elif rel in ("dernier", "passé") and month >= pub_month.month:
                year -= 1
            add(m.start("month"), m.end(), f"{year:04d}-{month:02d}", None, "month")
    for m in _YEAR_RE.finditer(window):
        add(m.start(), m.end(), m.group("year"), None, "year")
    for m in _RELATIVE_DAY_RE.finditer(window):
        word = m.group("word").lower().replace("’", "'")
        if pub:
            add(m.start(), m.end(), (pub + dt.timedelta(days=_RELATIVE_OFFSETS.get(word, 0))).isoformat(), None, "day")
    for m in _RELATIVE_WEEKDAY_RE.finditer(window):
        rel = (m.group("rel") or "").lower()
        bare = not rel and not m.group(0).lower().startswith(("ce ", "le "))
        aside = re.search(r"[,(]\s*$", window[: m.start()]) and re.match(r"\s*[,)]", window[m.end():])
        after_verb = re.search(r"\b\w+(?:é|ée|és|ées|i|is|it|u|us|ue)\s+$|\b(?:visite|réunion|rencontre)\s+$", window[: m.start()], re.I)
        since = re.search(r"\bdepuis\s+$", window[: m.start()], re.I)   # "réunis depuis mardi"
        if bare and not (aside or after_verb or since):
            continue          # a weekday on its own is a date only as an aside (", mardi,") or after a verb ("inaugurée dimanche")
        if pub is None:
            if rel or m.group(0).lower().startswith("ce "):
                add(m.start(), m.end(), None, None, "unknown")
            continue
        target = R.WEEKDAYS[m.group("weekday").lower()]
        delta = (pub.weekday() - target) % 7
        if rel == "prochain":
            d = pub + dt.timedelta(days=(target - pub.weekday()) % 7 or 7)
        else:
            d = pub - dt.timedelta(days=delta or (7 if rel else 0))
        add(m.start(), m.end(), d.isoformat(), None, "day")
    out.sort(key=lambda d: d.start)
    return out


def complete_years(dates: list[DateMention]) -> list[DateMention]:
    """Without a publication date, "le 27 février" takes its year from the article's own dates: the day date nearest
    before it (else after it) stands for the publication date; a weekday ("mardi 13 juillet") picks, among the years
    the article names and those around that date, the one where the day falls on that weekday; with no day date, the
    one year the article names, if it names only one."""
    days = [d for d in dates if d.precision == "day" and d.date_start and len(d.date_start) == 10]
    named_years = {int(d.date_start[:4]) for d in dates if d.date_start and d.date_start[:4].isdigit()}
    out = []
    for d in dates:
        if d.precision != "day_no_year" or not d.date_start:
            out.append(d)
            continue
        month, day = int(d.date_start[2:4]), int(d.date_start[5:7])
        words = d.surface.lower().replace(",", " ").split()
        weekday = R.WEEKDAYS.get(words[0]) if words else None
        relation = words[-1] if words and words[-1] in ("dernier", "passé", "prochain", "écoulé") else None
        anchor = min(days, key=lambda a: (a.start > d.start, abs(a.start - d.start)), default=None)
        base = parse_iso(anchor.date_start) if anchor else None
        chosen = None
        if weekday is not None:
            years = named_years | ({base.year - 1, base.year, base.year + 1} if base else set())
            fits = [x for x in (_safe(y, month, day) for y in years) if x and x.weekday() == weekday]
            if len(fits) == 1 or (fits and base):
                chosen = min(fits, key=lambda x: abs((x - base).days) if base else 0).isoformat()
        if chosen is None and base is not None:
            chosen, _ = resolve_day_month(day, month, published=base, relation=relation)
        if chosen is None and len(named_years) == 1 and relation is None and weekday is None:
            only = _safe(next(iter(named_years)), month, day)      # no day date, one year named: the article's year
            chosen = only.isoformat() if only else None
        if not chosen:
            out.append(d)
            continue
        end = d.date_end
        if end and end.startswith("--"):
            year = int(chosen[:4])
            end_day = _safe(year, int(end[2:4]), int(end[5:7]))
            end = end_day and (end_day if end_day.isoformat() >= chosen else _safe(year + 1, end_day.month, end_day.day))
            end = end.isoformat() if end else None
        out.append(replace(d, date_start=chosen, date_end=end, precision="day"))
    return out


# "Publié le", "Date de publication :", "Date de parution :" (reports and PDF dashboards): labels of the page's own date
_DATE_LINE_LABEL_RE = re.compile(
    r"^\W*(?:publi[ée]e?\s+le|mis\s+en\s+ligne\s+le|mis\s+à\s+jour\s+le|date\s+de\s+(?:publication|parution|diffusion)"
    r"|paru\s+le|le)\s*:?\s*", re.I)


def date_only_line(line: str) -> DateMention | None:
    """A line that is only a date (a dateline: "jeudi 25 avril 2024", "Publié le 3 mars 2025 à 10h",
    "Bruxelles, 3 juin 2025")."""
    stripped = _DATE_LINE_LABEL_RE.sub("", line.strip())
    stripped = re.sub(r"^[A-ZÀ-Ý][\w'’\- ]{1,30},\s*(?:le\s+)?(?=(?:\w+\s+)?\d)", "", stripped)   # "Bruxelles, 3 juin 2025"
    stripped = re.sub(r"\s*(?:à|-|,)?\s*\d{1,2}\s*[h:]\s*\d{0,2}\s*(?:min)?\W*$", "", stripped, flags=re.I)
    found = [d for d in find_dates(stripped) if d.precision == "day"]
    if len(found) != 1:
        return None
    d = found[0]
    rest = (stripped[: d.start] + stripped[d.end:]).strip(" ,.-–|\t")
    if rest and not re.fullmatch(rf"(?:{R.WEEKDAY_RE})?[\s,]*(?:le)?\s*", rest, re.I) \
            and not (d.start <= 1 and R.SOURCE_NAME_AFTER_DATE_RE.fullmatch(rest)) \
            and not R.DATE_LINE_LEAD_WORD_RE.fullmatch(rest):
        return None      # "03.05.2021, Agence X", "Édition - samedi le 4 octobre 2025" are datelines too
    return d


# "Le lendemain", "la veille": a day counted from the date mentioned just before.
# "la veille de la session" counts from the session, which may not be the date just before: left alone.
_NEXT_DAY_RE = re.compile(r"\b(?P<word>le\s+lendemain|la\s+veille|le\s+surlendemain|l['’]avant-veille)\b"
                          r"(?!\s+(?:de|du|des|d['’]|au)\b)", re.I)
_NOW_WORD_RE = re.compile(r"aujourd['’]hui", re.I)
_NEXT_DAY_OFFSETS = {"le lendemain": 1, "la veille": -1, "le surlendemain": 2, "l'avant-veille": -2}


# "au lendemain du sommet du 8 mars", "à la veille de l'ouverture, le 3 juin": a day counted from the date that follows.
_AROUND_DATE_RE = re.compile(r"\b(?P<word>au\s+lendemain|à\s+la\s+veille|au\s+surlendemain)\s+(?:de|du|des|d['’])", re.I)
_AROUND_OFFSETS = {"au lendemain": 1, "à la veille": -1, "au surlendemain": 2}
# "dans la nuit de samedi à dimanche": the night starts on the first day.
_NIGHT_RE = re.compile(rf"\bnuit\s+(?:du|de)\s+(?P<weekday>{R.WEEKDAY_RE})\s+(?:à|au)\s+(?:{R.WEEKDAY_RE})\b", re.I)


def anchored_dates(text: str, dates: list[DateMention], start: int = 0, end: int | None = None,
                   *, published: str | None = None) -> list[DateMention]:
    """Dates written relative to the previous one ("Le lendemain, le ministre a présidé…"), each
    resolved from the closest day date before it in ``dates`` (within 3,000 characters, "aujourd'hui"
    excepted: it says "now" more often than it dates an event); none without one."""
    end = len(text) if end is None else end
    days = sorted((d for d in dates if d.precision == "day" and d.date_start), key=lambda d: d.start)
    out = []
    for m in _NEXT_DAY_RE.finditer(text, start, end):
        anchor = next((d for d in reversed(days) if d.end <= m.start() and m.start() - d.end <= 3000
                       and not _NOW_WORD_RE.fullmatch(d.surface.strip())), None)
        base = parse_iso(anchor.date_start) if anchor else None
        if base is None:
            continue
        word = re.sub(r"\s+", " ", m.group("word").lower()).replace("’", "'")
        shifted = base + dt.timedelta(days=_NEXT_DAY_OFFSETS[word])
        out.append(DateMention(m.start(), m.end(), m.group(0), shifted.isoformat(), None, "day"))
    for m in _AROUND_DATE_RE.finditer(text, start, end):
        target = next((d for d in days if m.end() <= d.start <= m.end() + 80 and "." not in text[m.end(): d.start]), None)
        base = parse_iso(target.date_start) if target else None
        if base is None:
            continue
        word = re.sub(r"\s+", " ", m.group("word").lower())
        shifted = base + dt.timedelta(days=_AROUND_OFFSETS[word])
        out.append(DateMention(m.start(), m.end(), m.group(0), shifted.isoformat(), None, "day"))
    pub = parse_iso(published)
    if pub is not None:
        for m in _NIGHT_RE.finditer(text, start, end):
            target = R.WEEKDAYS[m.group("weekday").lower()]
            night = pub - dt.timedelta(days=(pub.weekday() - target) % 7 or 7)
            out.append(DateMention(m.start(), m.end(), m.group(0), night.isoformat(), None, "day"))
    return out
