"""Find the article inside a page: title, dateline, content lines, sentences, clauses.

Scraped news text carries site furniture: menus, breadcrumbs, share buttons,
"Articles récents" lists of other stories, comment forms, weather and
registration lines, "À lire aussi" links, ad markers, photo credits, bylines.
Nothing is deleted: every span keeps its offsets in the text as decoded, and
the extractors only look inside content spans. The rules are general layout
heuristics, never the strings of a particular site.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl import resources as R
from etl.dates import DateMention, date_only_line, find_dates, parse_iso

_WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
_END_PUNCT_RE = re.compile(r"[.!?…:;»\"”)]\s*$")
# Abbreviations after which a period does not end a sentence.
_ABBREV_RE = re.compile(
    r"(?:\b(?:M|MM|Mme|Mmes|Mlle|Dr|Pr|Prof|Me|Mgr|St|Ste|cf|etc|env|av|apr|J\.-C|vol|no|n°|p|pp|art|al|Cie|Ets|Hon|S\.E|"
    r"janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec|Col|Gén|Gen|Cdt|Lt|Sgt)|\b[A-ZÀ-Ý])\.$"
)
_SENTENCE_END_RE = re.compile(r"[.!?…]+[»\"”’)]*(?=\s+[«\"“(]?\s*[A-ZÀ-ÝÉ0-9])")
_CLAUSE_SEP_RE = re.compile(r"(?<!\d)[,;](?!\d)|,(?=\s)|;|:(?!\d)|\s[–—]\s|\(|\)")


@dataclass
class Line:
    start: int
    end: int
    text: str
    kind: str = "prose"          # prose, list_item, heading, furniture, dateline, title, trailer, byline
    content_start: int = 0       # after a list marker
    marker: str | None = None
    blank_before: bool = False   # an empty line separates it from the previous line


@dataclass
class Sentence:
    start: int
    end: int
    line: int                    # index into Document.lines
    kind: str                    # prose, list_item, heading


@dataclass
class Document:
    text: str
    lines: list[Line]
    title: Line | None = None
    dateline: DateMention | None = None
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def content_lines(self) -> list[Line]:
        return [ln for ln in self.lines if ln.kind in ("prose", "list_item", "heading", "table_row", "table_header")]

    def content_spans(self) -> list[tuple[int, int]]:
        return [(ln.content_start, ln.end) for ln in self.content_lines]

    def masked_text(self) -> str:
        """The text with everything but content replaced by spaces: same length, same offsets."""
        chars = [c if c == "\n" else " " for c in self.text]
        for s, e in self.content_spans():
            chars[s:e] = self.text[s:e]
        return "".join(chars)

    def sentence_at(self, pos: int) -> Sentence | None:
        return next((s for s in self.sentences if s.start <= pos < s.end), None)


def split_lines(text: str) -> list[Line]:
    lines = []
    pos = 0
    blank = False
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        stripped = body.strip()
        if stripped:
            s = pos + lead
            lines.append(Line(s, s + len(stripped), stripped, content_start=s, blank_before=blank and bool(lines)))
            blank = False
        else:
            blank = True
        pos += len(raw)
    return _join_wrapped(text, lines)


# A line ends a paragraph when it ends like a sentence, a list lead-in or a quotation.
_PARAGRAPH_END_RE = re.compile(r"[.!?…:;»\"”]\s*$")
_DANGLING_WORD_RE = re.compile(
    r"(?:,|\b(?:de|du|des|la|le|les|l['’]|d['’]|à|au|aux|et|ou|en|par|pour|sur|entre|dans|avec|un|une|sous|que|qui))\s*$", re.I)


def _join_wrapped(text: str, lines: list[Line]) -> list[Line]:
    """Lines a PDF or a mail client broke inside a sentence are one line: "…, dans sa salle" + "de délibérations …".

    A line is continued by the next when it does not end like a paragraph, the next is not a list item,
    and the next starts in lower case or the line ends on a comma or a function word ("… entre le" + "Gouvernement").
    Offsets stay those of the text; the joined line's text keeps its line break.
    """
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (prev is not None and not ln.blank_before and not _PARAGRAPH_END_RE.search(prev.text)
                and word_count(prev.text) >= 6 and len(prev.text) >= 40 and not R.LIST_MARKER_RE.match(ln.text)
                and not date_only_line(ln.text)
                and (ln.text[:1].islower() or _DANGLING_WORD_RE.search(prev.text))):
            out[-1] = Line(prev.start, ln.end, text[prev.start: ln.end], content_start=prev.start,
                           blank_before=prev.blank_before)
            continue
        out.append(ln)
    return out


def word_count(text: str) -> int:
    return len(_WORD_RE.findall(text))


_CELL_NUMBER_RE = re.compile(r"^\s*[~≈]?\s*\d[\d\s\u00a0\u202f.,]*\s*%?\s*$")


def table_cells(text: str) -> list[str]:
    """Cells of a table flattened to text, separated by '|' or tabs."""
    sep = "|" if text.count("|") >= 2 else "\t"
    return [c.strip() for c in text.strip().strip("|").split(sep)]


def classify_line(line: Line) -> str:
    t = line.text
    words = word_count(t)
    if R.TRAILER_MARKER_RE.match(t):
        return "trailer"
    cells = table_cells(t) if (t.count("|") >= 2 or "\t" in t) else []
    if len(cells) >= 2 and any(_CELL_NUMBER_RE.match(c) for c in cells[1:]):
        return "table_row"       # a table flattened to text: "Tône | 6 214 | 3 105"
    if date_only_line(t):
        return "dateline"
    if R.PUBLISHED_LINE_RE.match(t) and find_dates(t):
        return "furniture"       # "Publié le : 18/04/2025 - 08:12 Modifié le : …"
    if _is_site_furniture(t) or (R.CODE_LINE_RE.match(t) and words <= 4) or words == 0:
        return "furniture"
    if words <= 20 and R.RELATED_LINK_LINE_RE.search(t) and not _END_PUNCT_RE.search(t):
        return "furniture"       # "- Football : X quitte la RS Berkane - vendredi le 8 août 2025": a related article
    marker = R.LIST_MARKER_RE.match(t)
    if marker and (word_count(t[marker.end():]) >= 2 or _FIGURE_BULLET_RE.match(t[marker.end():])):
        line.marker = marker.group("marker") or marker.group("glued")
        line.content_start = line.start + marker.end()
        return "list_item"
    if _MONEY_LINE_RE.match(t):
        return "list_item"       # "Montant : 30 000 MFCFA.", "Coût total : 12 milliards FCFA": a figure line
    if words <= 1:
        # a one-word line is furniture, unless it heads a list of decisions ("NOMINATIONS", "Recommandations")
        return "heading" if R.DECISION_LEAD_RE.fullmatch(t.strip(" :.").lower()) else "furniture"
    # Headlines rarely end with punctuation; paragraphs almost always do.
    # (a line ending on a comma is a paragraph cut by a PDF's line breaks)
    if words >= 25 or (words >= 6 and (_END_PUNCT_RE.search(t) or t.rstrip().endswith(","))):
        return "prose"
    return "heading"


_MONEY_LINE_RE = re.compile(
    r"^\W*(?:montant|co[ûu]t(?:\s+total)?|budget|financement|enveloppe|pr[êe]t|don|subvention|contribution)s?\b[^:\d]{0,40}:"
    r"\s*(?:environ\s+|près\s+de\s+)?\d[\d\s\u00a0\u202f.,]*\s*(?:M|Mds?|milliards?|millions?)?\s*"
    r"(?:F\s?CFA|FCFA|francs?\s+CFA|XOF|dollars?|USD|\$|euros?|EUR|€|UC)\b", re.I)
_FIGURE_BULLET_RE = re.compile(r"^\s*\d[\d\s\u00a0\u202f.,]*\s*[^\W\d_]{3,}")  # "• 47 décès": a key figure


# Key-figure blocks of reports and updates, one figure per line and no verb:
# "446 905 réfugiés et demandeurs d'asile", "86 M$ requis", "Ménages déplacés : 302 107".
_KEY_FIGURE_LINE_RE = re.compile(
    r"^\s*(?:environ\s+|près\s+de\s+|plus\s+de\s+|quelque\s+)?\d[\d\s\u00a0\u202f.,]*"
    r"(?:\s*(?:millions?|milliards?|M|Mds?)\b)?\s*(?:%|\$|€|M\$|[^\W\d_]{3,})", re.I)
_LABEL_VALUE_LINE_RE = re.compile(
    r"^\s*(?P<label>[^\W\d_][^:\d|]{0,80}?)\s*:\s*(?:environ\s+|près\s+de\s+|plus\s+de\s+)?"
    r"\d[\d\u00a0\u202f .,]*(?:\s*(?:%|millions?|milliards?))?(?:(?:\s*[,;(]|\s+(?:dans|à|au|en|pour|sur))\s.{0,100})?\s*$",
    re.I)


def _is_key_figure_line(line: Line) -> bool:
    t = line.text
    if line.kind == "prose":   # a "Label : N dans …" paragraph line belongs to the block around it
        return bool(_LABEL_VALUE_LINE_RE.match(t))
    if (line.kind not in ("heading", "furniture") or word_count(t) > 12 or _is_site_furniture(t)
            or R.PUBLISHED_LINE_RE.match(t) or R.TRAILER_MARKER_RE.match(t) or date_only_line(t)):
        return False
    return bool(_KEY_FIGURE_LINE_RE.match(t) or _LABEL_VALUE_LINE_RE.match(t))


def _is_site_furniture(t: str) -> bool:
    """Menus, share and ad lines, timestamps, weather, paywall teasers, breadcrumbs."""
    return bool(R.FURNITURE_LINE_RE.match(t) or R.RELATIVE_TIMESTAMP_RE.match(t) or R.WEATHER_LINE_RE.match(t)
                or R.PAYWALL_LINE_RE.match(t) or is_breadcrumb(t))


def _counts_people(text: str) -> bool:
    words = [w.lower() for w in _WORD_RE.findall(text)]
    return any(w in R.PEOPLE_NOUNS or w in R.HOUSEHOLD_NOUNS for w in words)


def _mark_key_figure_lines(lines: list[Line]) -> None:
    """Runs of two or more verbless figure lines become list items (content) when they count
    people or households: a report's key figures, not a sidebar of prices or scores."""
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _is_key_figure_line(lines[j]) and (j == i or not lines[j].blank_before):
            j += 1
        run = lines[i:j]
        lead = lines[i - 1].text if i > 0 else ""
        if len(run) >= 2 and (sum(_counts_people(ln.text) for ln in run) >= 2
                              or (lead.rstrip().endswith(":") and _counts_people(lead))):
            for ln in run:
                if ln.kind != "prose":
                    ln.kind = "list_item"
                    ln.content_start = ln.start
        i = max(j, i + 1)


def is_breadcrumb(text: str) -> bool:
    parts = [p for p in re.split(r"\s*(?:>|»|›|\||/)\s*", text) if p]
    if len(parts) >= 3 and all(word_count(p) <= 4 for p in parts):
        return True
    # "AccueilRubriqueTitre": menu items glued together by a scraper
    return bool(re.match(r"^(?:Accueil|Home)(?=[A-ZÀ-Ý])", text))


def segment(text: str) -> Document:
    """Split an article's text into title, dateline, content lines and sentences."""
    lines = split_lines(text)
    for ln in lines:
        ln.kind = classify_line(ln)
    _mark_key_figure_lines(lines)
    doc = Document(text, lines)
    body_start = next((i for i, ln in enumerate(lines) if ln.kind in ("prose", "list_item", "table_row")), None)
    if body_start is None:
        body_start = next((i for i, ln in enumerate(lines) if ln.kind == "heading"), len(lines))
    _mark_read_also(lines)
    _mark_teasers(lines)
    _mark_table_headers(lines)
    _mark_header(doc, body_start)
    _mark_trailer(lines, body_start)
    for ln in [ln for ln in lines[body_start:] if ln.kind == "prose"][:3]:
        tag = R.SOURCE_TAG_RE.match(ln.text)
        if tag and ln.content_start == ln.start:
            ln.content_start = ln.start + tag.end()      # an outlet's tag: "(Le Journal 6 déc)Encore …"
    stored = _cut_stored_date(lines)
    doc.dateline = _publication_date(doc, body_start)
    if stored is not None and (doc.dateline is None or (stored.precision == "day" and doc.dateline.precision != "day")):
        doc.dateline = stored
    doc.sentences = split_sentences(doc)
    return doc


def _cut_stored_date(lines: list[Line]) -> DateMention | None:
    """The crawler's date at the head of the page: its date (day or month precision), cut from the content."""
    if not lines:
        return None
    first = lines[0]
    m = R.STORED_DATE_PREFIX_RE.match(first.text)
    if not m:
        return None
    value = m.group("date")
    offset = first.start + m.start("date")
    first.content_start = first.start + m.end()
    if first.content_start >= first.end:
        first.kind = "furniture"
    precision = "day" if len(value) == 10 else "month"
    if precision == "day" and parse_iso(value) is None:
        return None
    return DateMention(offset, offset + len(value), value, value, None, precision)


def _publication_date(doc: Document, body_start: int) -> DateMention | None:
    """The page's own date, best evidence first.

    1. "Publié le …" lines before the article; 2. a line that is only a date; 3. a byline with a date
    ("Par Maliweb - 13 février 2025"); 4. an agency dateline opening the first paragraph
    ("Ouagadougou, 5 févr. 2025 (AIB) –"); 5. "Publié le …" anywhere but in other stories' lists;
    6. the signature line of a communiqué ("Fait à Niamey, le 10 juillet 2025").
    Registration lines ("Récépissé N°… du 15 mars 2016") and breadcrumbs are never the page's date.
    """
    lines = doc.lines
    header = [ln for ln in lines[:body_start] if ln.kind != "title" and not _REGISTRATION_RE.search(ln.text)]
    # the agency's dateline is not part of the story: out of the content even when another line dates the page
    agency_date = _cut_agency_dateline(lines[body_start] if body_start < len(lines) else None)

    def single_day(text: str) -> DateMention | None:
        days = [d for d in find_dates(text) if d.precision == "day"]
        return days[0] if len(days) == 1 else None

    for ln in header:
        if R.PUBLISHED_LINE_RE.match(ln.text):
            days = [d for d in find_dates(ln.text) if d.precision == "day"]
            if days:
                return days[0]    # "Publié le : 18/04/2025 - 08:12 Modifié le : …": the first is the publication
    for ln in header:
        if ln.kind == "dateline":
            found = date_only_line(ln.text)
            if found and found.precision == "day":
                return found
    for ln in header:
        if re.search(r"(?:^|\s)(?:Par|By)\s|[|•·]|\s[-–—]\s", ln.text) and not is_breadcrumb(ln.text) \
                and word_count(ln.text) <= 14 and single_day(ln.text):
            return single_day(ln.text)
    if agency_date is not None:
        return agency_date
    for ln in lines:
        if ln.kind in ("furniture", "byline", "dateline") and R.PUBLISHED_LINE_RE.match(ln.text):
            days = [d for d in find_dates(ln.text) if d.precision == "day"]
            if days:
                return days[0]
    for ln in reversed(lines):  # a communiqué's signature: "Fait à Niamey, le 10 juillet 2025"
        if R.SIGNED_AT_RE.match(ln.text) and word_count(ln.text) <= 14 and single_day(ln.text):
            return single_day(ln.text)
    return None


# "**DAKAR/NIAMEY, 18 juin 2025** –", "NIAMEY/OUAGADOUGOU, le 3 juin 2025 –": a dateline naming several
# cities, or set in bold or italics (Markdown), which the agency pattern does not read.
_EMPHASIS_DATELINE_RE = re.compile(
    rf"^(?P<em>\*{{1,2}}|_{{1,2}})?\s*[A-ZÀ-Ý][\w'’\- ]{{1,40}}(?:/[A-ZÀ-Ý][\w'’\- ]{{1,40}}){{0,3}},\s*(?:le\s+)?"
    rf"(?:(?:{R.WEEKDAY_RE})\s+)?(?P<date>(?:1er|[0-3]?\d)\s+(?:{R.MONTH_RE})(?:\s+(?:19|20)\d{{2}})?)\s*"
    rf"(?:\([^)]{{2,40}}\))?\s*(?P=em)?\s*(?:\([^)]{{2,40}}\))?\s*[-–—:]\s*",
    re.I,
)


def _cut_agency_dateline(body: Line | None) -> DateMention | None:
    """Start the first paragraph's content after its agency dateline ("Niamey, 28 août (ANP) –"),
    and return the dateline's date when it names one day."""
    if body is None or body.kind != "prose":
        return None
    source = R.SITE_NAME_PREFIX_RE.match(body.text)
    if source:
        body.content_start = body.start + source.end()   # "Monjournal.net : la rencontre …"
    m = R.AGENCY_DATELINE_RE.match(body.text) or _EMPHASIS_DATELINE_RE.match(body.text)
    if not m:
        return None
    body.content_start = body.start + m.end()
    days = [d for d in find_dates(m.group("date")) if d.precision == "day"]
    return days[0] if len(days) == 1 else None


_REGISTRATION_RE = re.compile(r"\b(?:n[°º]|r[ée]c[ée]piss[ée]|agr[ée]ment|d[ée]cret|loi|arr[êe]t[ée]|rccm|ifu)\b", re.I)


RULE_CELLS_RE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-{0,}:?\s*\|?$")  # "|----|:---:|": a Markdown table rule


def _mark_table_headers(lines: list[Line]) -> None:
    """The line above a table's first row, with as many cells and no numbers, is its header
    (above the rule line of a Markdown table, which is not content)."""
    for i, ln in enumerate(lines[1:], start=1):
        prev = lines[i - 1]
        if RULE_CELLS_RE.match(prev.text.strip()) and i >= 2:
            prev.kind = "furniture"
            prev = lines[i - 2]
        if ln.kind == "table_row" and prev.kind not in ("table_row", "table_header") and (prev.text.count("|") >= 2 or "\t" in prev.text):
            if len(table_cells(prev.text)) == len(table_cells(ln.text)):
                prev.kind = "table_header"


def _mark_read_also(lines: list[Line]) -> None:
    for i, ln in enumerate(lines):
        m = R.READ_ALSO_RE.match(ln.text)
        if not m or ln.kind == "trailer":
            continue
        ln.kind = "furniture"
        if not m.group("rest").strip() and i + 1 < len(lines) and lines[i + 1].kind != "trailer":
            lines[i + 1].kind = "furniture"      # the linked headline
            for nxt in lines[i + 2:]:            # or a list of them
                if nxt.kind != "list_item" or nxt.blank_before or nxt.marker != lines[i + 1].marker:
                    break
                nxt.kind = "furniture"


_TEASER_END_RE = re.compile(r"[^\W\d_](?:…|\.\.\.)\s*$")   # "… s'est tenue ce samedi sur…": cut mid-sentence


def _mark_teasers(lines: list[Line]) -> None:
    """Other stories' teasers under the article: two or more lines in a row, each cut off mid-word-run by "…"."""
    def teaser(ln: Line) -> bool:
        return ln.kind in ("prose", "heading") and word_count(ln.text) <= 30 and bool(_TEASER_END_RE.search(ln.text))

    run: list[Line] = []
    for ln in lines + [None]:
        if ln is not None and teaser(ln):
            run.append(ln)
            continue
        if len(run) >= 2:
            for t in run:
                t.kind = "furniture"
        run = []


def _mark_header(doc: Document, body_start: int) -> None:
    header = doc.lines[:body_start]
    candidates = [ln for ln in header if ln.kind == "heading" and word_count(ln.text) >= 3 and "|" not in ln.text
                  and not re.match(r"^(?:Par|By)\s", ln.text)]
    if candidates:
        title = max(candidates, key=lambda ln: word_count(ln.text))
        title.kind = "title"
        doc.title = title
    for ln in header:
        if ln.kind == "heading":
            ln.kind = "furniture"


def _mark_trailer(lines: list[Line], body_start: int) -> None:
    cut = next((i for i in range(body_start, len(lines)) if lines[i].kind == "trailer"), len(lines))
    for ln in lines[cut:]:
        ln.kind = "trailer"
    last_body = max((i for i in range(body_start, cut) if lines[i].kind in ("prose", "list_item", "table_row")), default=None)
    if last_body is None:
        return
    for ln in lines[last_body + 1: cut]:
        if ln.kind in ("heading", "dateline"):
            ln.kind = "byline"       # signatures, credits and captions after the last paragraph


def split_sentences(doc: Document) -> list[Sentence]:
    out = []
    for idx, ln in enumerate(doc.lines):
        if ln.kind not in ("prose", "list_item", "heading"):
            continue
        start = ln.content_start
        body = doc.text[start: ln.end]
        cursor = 0
        for m in _SENTENCE_END_RE.finditer(body):
            if _ABBREV_RE.search(body[: m.start() + 1]):
                continue
            end = m.end()
            _append(out, doc.text, start + cursor, start + end, idx, ln.kind)
            cursor = end
        _append(out, doc.text, start + cursor, ln.end, idx, ln.kind)
    return out


def _append(out: list[Sentence], text: str, s: int, e: int, line: int, kind: str) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append(Sentence(s, e, line, kind))


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] at commas, semicolons, colons, parentheses and spaced dashes (never inside a number)."""
    spans = []
    cursor = start
    for m in _CLAUSE_SEP_RE.finditer(text, start, end):
        if m.group(0) == "," and m.start() > 0 and text[m.start() - 1].isdigit() and m.end() < len(text) and text[m.end()].isdigit():
            continue
        spans.append((cursor, m.start()))
        cursor = m.end()
    spans.append((cursor, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
