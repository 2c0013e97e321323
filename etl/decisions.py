"""Decisions, commitments, recommendations and objectives stated in an article.

The article is read in units: each sentence of its prose, each item of its lists. An ordered list of
small named rules (``RULES``) turns units into typed candidates (``Candidate``); the first rule that
finds something in a unit speaks for it, and a unit can hold several statements (a list item's
decrees, "a décidé de X et de créer Y"). Rules read structure (list items under a lead-in, a heading
that names a ministry, instrument titles) and syntax: spaCy's ``DependencyMatcher`` finds an act verb
with its subject (active "le Conseil a adopté …", passive "l'état d'urgence a été proclamé …",
directive "a demandé au ministre de …", intention "entend renforcer …"). No rule names the content of
a particular article.

Each row quotes what was decided (``quote`` = text[char_start:char_end], inside its sentence or list item) and
gives it in ``text`` with its spaces tidied, who decided in ``decided_by`` and the ministry heading in ``ministry``.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from etl import resources as R
from etl import resources_decisions as RD
from etl.segment import Document
from etl.text import fold, stable_id

_THEMES = [(name, weight, re.compile(rf"\b(?:{pattern})", re.I)) for name, weight, pattern in R.THEMES]


# ------------------------------------------------------------------ typed units and candidates
@dataclass(frozen=True)
class Lead:
    """The line that introduces a list of items ("Le Conseil a adopté les décrets suivants :")."""
    start: int
    end: int
    text: str
    kind: str                  # the kind of its items
    decided_by: str | None


@dataclass(frozen=True)
class Unit:
    """A sentence of prose or an item of a list: where statements are read."""
    start: int
    end: int
    kind: str                  # prose, list_item, heading
    line: int                  # index into Document.lines
    lead: Lead | None = None   # the lead-in of a list item
    ministry: str | None = None


@dataclass
class Candidate:
    rule: str
    kind: str                  # decision, commitment, recommendation, objective
    unit: Unit
    start: int                 # what was decided: text[start:end]
    end: int
    decided_by: str | None = None
    anchor: int | None = None  # where the act's verb or cue is: a later statement of the unit starts after it


@dataclass
class Context:
    doc: Document
    parsed: object | None      # spaCy Doc over the masked text, or None (no parse: structure rules only)
    default_body: str | None   # who decides when no subject is named (a council communiqué: its council)
    units: list[Unit] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.doc.text

    def tokens(self, unit: Unit):
        if self.parsed is None:
            return None
        return self.parsed.char_span(unit.start, unit.end, alignment_mode="expand")


Rule = Callable[[Context, Unit], list[Candidate]]


# ------------------------------------------------------------------ public entry point
def extract_decisions(doc: Document, *, article_id: str, announced_date: str | None,
                      announced_precision: str | None, country_iso3: str | None, parsed=None) -> list[dict]:
    ctx = Context(doc, parsed, _default_body(doc))
    ctx.units = units_of(doc)
    found: list[Candidate] = []
    for unit in ctx.units:
        for name, rule in RULES:
            got = rule(ctx, unit)
            if got:
                found.extend(got)
                break
    return _rows(ctx, found, article_id=article_id, announced_date=announced_date,
                 announced_precision=announced_precision, country_iso3=country_iso3)


def theme_of(text: str) -> str:
    """The best-scoring theme of the lexicon, or 'other'."""
    best, best_score = "other", 0
    head = max(30, len(text) // 3)
    for name, weight, pattern in _THEMES:
        # words at the head of a statement ("Création d'un fonds …") say more than its complements
        score = sum(weight * (2 if m.start() < head else 1) for m in pattern.finditer(text))
        if score > best_score:
            best, best_score = name, score
    return best


# ------------------------------------------------------------------ units
def units_of(doc: Document) -> list[Unit]:
    """Sentences of prose lines and whole list items, each with its list's lead-in and its ministry heading."""
    text = doc.text
    council = _default_body(doc) is not None
    out: list[Unit] = []
    ministry: str | None = None
    lead: Lead | None = None
    lead_ministry: str | None = None
    for idx, ln in enumerate(doc.lines):
        if ln.kind in ("title", "furniture", "trailer", "byline", "dateline"):
            continue
        heading = RD.MINISTRY_HEADING_RE.match(ln.text)
        if heading:
            ministry = _clean_ministry(heading.group("ministry"))
        elif ln.kind == "heading" and RD.SECTION_HEADING_RE.match(ln.text):
            ministry = None
        if ln.kind not in ("prose", "list_item", "heading"):
            continue
        own = RD.MINISTRY_IN_TEXT_RE.search(ln.text)
        line_ministry = _ministry_of(own) if own else ministry
        if ln.kind == "list_item" and ln.text.rstrip().endswith(":"):
            # "7. Au regard de ce qui précède, la Conférence DÉCIDE :" numbers a paragraph that leads a list
            nested = _lead_of(doc, idx, council)
            if nested is not None:
                out.extend(Unit(sent.start, sent.end, "prose", idx, None, line_ministry)
                           for sent in doc.sentences if sent.line == idx)
                lead, lead_ministry = nested, line_ministry
                continue
        if ln.kind == "list_item" or (lead is not None and _is_unmarked_item(doc, idx, lead)):
            item_ministry = line_ministry if own else lead_ministry
            sentences = [s for s in doc.sentences if s.line == idx]
            if len(sentences) <= 1 or ln.end - ln.content_start < 300:
                out.append(Unit(ln.content_start, ln.end, "list_item", idx, lead, item_ministry))
                continue
            # a long item is a paragraph: its first sentence is the item, the others explain it
            out.append(Unit(sentences[0].start, sentences[0].end, "list_item", idx, lead, item_ministry))
            for sent in sentences[1:]:
                heading = RD.MINISTRY_IN_TEXT_RE.search(text, sent.start, sent.end)
                item_ministry = _ministry_of(heading) if heading else item_ministry
                out.append(Unit(sent.start, sent.end, "prose", idx, None, item_ministry))
            ministry = item_ministry
            continue
        lead = _lead_of(doc, idx, council)
        lead_ministry = line_ministry
        for sent in (s for s in doc.sentences if s.line == idx):
            out.append(Unit(sent.start, sent.end, ln.kind, idx, None, line_ministry))
    return out


def _is_heading_text(text: str) -> bool:
    """"AU TITRE DU MINISTERE DE …", "I- MESURES NORMATIVES": a section heading, context for the items under it."""
    letters = [c for c in text if c.isalpha()]
    shouting = len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return bool(RD.MINISTRY_HEADING_RE.match(text)) or (shouting and len(text) < 160) or (
        bool(RD.SECTION_HEADING_RE.match(text)) and len(text) < 80 and not text.rstrip().endswith((".", ";")))


def _ministry_of(match: re.Match) -> str:
    return _clean_ministry(match.group("ministry") or match.group("shouted"))


def _clean_ministry(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,;:.")
    letters = [c for c in name if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        name = name.lower()           # a heading in capitals
        name = re.sub(r"^(minist[eè]re)", "ministère", name)
    if name.lower().startswith("ministre "):
        name = "ministère " + name[len("ministre "):]
    return name[:1].lower() + name[1:] if name[:1].isupper() and not name[:2].isupper() else name


def _lead_of(doc: Document, idx: int, council: bool = False) -> Lead | None:
    """The lead-in that line ``idx`` is, if the lines after it are the items of a list of statements.

    In a council communiqué every list under a lead-in ending with ":" details what the council decided
    (a decree's innovations, a programme's components)."""
    lines = doc.lines
    ln = lines[idx]
    nxt = next((lines[j] for j in range(idx + 1, len(lines)) if lines[j].kind not in ("furniture",)), None)
    if nxt is None:
        return None
    ends_colon = ln.text.rstrip().endswith((":", "…", "..."))
    if not (nxt.kind == "list_item" or (ends_colon and nxt.kind in ("prose", "heading"))):
        return None
    context = ln.text
    if not ends_colon and ln.kind != "heading":
        return None
    if ln.kind == "heading" and not ends_colon:
        # a section heading right above a list: "Recommandations", "MESURES INDIVIDUELLES"
        if not RD.DECISION_CONTEXT_RE.search(context):
            return None
    prev = lines[idx - 1] if idx > 0 else None
    if prev is not None and prev.kind == "heading" and not RD.DECISION_CONTEXT_RE.search(context):
        context = prev.text + " " + context     # "Recommandations" above "Aux États :"
    if RD.ADDRESSEE_LINE_RE.match(ln.text):
        # "Aux gouvernements :" after "… formule les recommandations suivantes :": the block's lead-in says what they are
        block = next((lines[j].text for j in range(idx - 1, max(-1, idx - 40), -1)
                      if lines[j].text.rstrip().endswith(":") and RD.DECISION_CONTEXT_RE.search(lines[j].text)
                      and not RD.ADDRESSEE_LINE_RE.match(lines[j].text)), None)
        if block is not None:
            context = block + " " + context
    if not (RD.DECISION_CONTEXT_RE.search(context) or RD.ADDRESSEE_LINE_RE.match(ln.text)
            or (ends_colon and RD.OBJECTIVE_CONTEXT_RE.search(ln.text))
            or (council and ends_colon and ln.kind == "prose")):
        return None
    return Lead(ln.start, ln.end, ln.text[:300], _kind_of_lead(context), None)


def _kind_of_lead(lead: str) -> str:
    if re.search(r"d[ée]cid|arr[êe]t|instrui|adopt|nomm|nomination", lead, re.I) and not RD.RECOMMENDATION_CONTEXT_RE.search(lead):
        return "decision"
    if RD.RECOMMENDATION_CONTEXT_RE.search(lead):
        return "recommendation"
    if RD.COMMITMENT_CONTEXT_RE.search(lead):
        return "commitment"
    if RD.OBJECTIVE_CONTEXT_RE.search(lead):
        return "objective"
    return "decision"


def _is_unmarked_item(doc: Document, idx: int, lead: Lead) -> bool:
    """Lines under a lead-in ending with ":" that read like items: short, one statement each, until a blank line
    or a line that is plainly a new paragraph."""
    ln = doc.lines[idx]
    lead_line = next((i for i, l in enumerate(doc.lines) if l.start == lead.start), None)
    if lead_line is None or idx <= lead_line:
        return False
    if not doc.text[lead.start: lead.end].rstrip().endswith(":"):
        return False
    between = doc.lines[lead_line + 1: idx]
    if any(b.kind == "list_item" for b in between):
        return False          # a marked list ends at its first unmarked line
    if any(b.kind not in ("prose", "heading", "furniture") for b in between):
        return False
    if any(b.kind == "prose" and len(b.text) >= 300 for b in between):
        return False
    text = ln.text.rstrip()
    if len(text) >= 300 or (ln.blank_before and idx != lead_line + 1 and not doc.lines[idx - 1].text.rstrip().endswith(";")):
        return False
    return text[:1].isupper() or bool(re.match(r"(?:la|le|les|l['’]|un|une|des|du|[a-zà-ÿ]+(?:er|ir|re)\b)", text))


def _default_body(doc: Document) -> str | None:
    """The council of a council communiqué decides what its text leaves without a subject."""
    head = " ".join(ln.text for ln in doc.lines[:8])
    m = RD.COUNCIL_RE.search(head)
    return "Conseil des ministres" if m else None


# ------------------------------------------------------------------ rules
def rule_list_item(ctx: Context, unit: Unit) -> list[Candidate]:
    """An item of a list under a lead-in about decisions ("a adopté :", "Recommandations", "a nommé :")."""
    if unit.kind != "list_item" or unit.lead is None or _is_heading_text(ctx.text[unit.start: unit.end]):
        return []
    start, end = _trim(ctx.text, unit.start, unit.end)
    item = ctx.text[start:end]
    if RD.AGENDA_OBJECT_RE.match(_without_participle(item)) or not _substantial(item):
        return []               # "– adopté des projets de texte ;": the agenda, counted
    decided_by = _subject_of_lead(ctx, unit.lead) or ctx.default_body
    return [Candidate("list_item", unit.lead.kind, unit, start, end, decided_by)]


def rule_inline_list(ctx: Context, unit: Unit) -> list[Candidate]:
    """Items after a colon in one sentence: "a adopté les décisions suivantes : la création de … ; la révision de …"."""
    text = ctx.text
    colon = text.find(":", unit.start, unit.end)
    if colon < 0 or colon >= unit.end - 3:
        return []
    head = text[unit.start: colon]
    if not (RD.DECISION_CONTEXT_RE.search(head) or RD.INSTRUMENT_NOUN_RE.search(head)) or _is_heading_text(head):
        return []
    items = _items_after(text, colon + 1, unit.end)
    if len(items) < 2 and not RD.LIST_INTRO_WORD_RE.search(head) and not re.search(r"\bportant\s+sur\s*$", head):
        return []
    kind = "objective" if RD.OBJECTIVE_CONTEXT_RE.search(head) and not RD.DECISION_CONTEXT_RE.search(head) else _kind_of_lead(head)
    lead = Lead(unit.start, colon + 1, text[unit.start: colon + 1], kind, None)
    decided_by = _subject_of_lead(ctx, lead) or ctx.default_body
    items = [(a + _marker_length(text[a:b]), b) for a, b in items]   # "(i) l'accroissement …", "(ii) la …"
    return [Candidate("inline_list", kind, unit, a, b, decided_by) for a, b in items if _substantial(text[a:b])]


def _items_after(text: str, start: int, end: int) -> list[tuple[int, int]]:
    sep = ";" if text.count(";", start, end) else None
    if sep is None:
        return [_trim(text, start, end)]
    out, cursor = [], start
    for m in re.finditer(r";", text[start:end]):
        out.append(_trim(text, cursor, start + m.start()))
        cursor = start + m.end()
    out.append(_trim(text, cursor, end))
    return [(a, b) for a, b in out if b > a]


def rule_instrument_title(ctx: Context, unit: Unit) -> list[Candidate]:
    """A legal instrument named on its own: "Projet de décret portant création de …", "1.1 Projet de loi …"."""
    if not RD.INSTRUMENT_TITLE_RE.match(ctx.text[unit.start: unit.end]):
        return []
    start, end = _trim(ctx.text, unit.start, unit.end)
    start += _marker_length(ctx.text[start:end])
    return [Candidate("instrument_title", "decision", unit, start, _first_sentence_end(ctx.text, start, end),
                      ctx.default_body)]


def rule_named_instruments(ctx: Context, unit: Unit) -> list[Candidate]:
    """"Il s'agit des projets de protocole relatif à X, relatif à Y": after a sentence saying texts were
    adopted, the sentence that names them; each repeated "relatif à …" is a text of its own."""
    m = RD.NAMED_INSTRUMENTS_RE.match(ctx.text, unit.start, unit.end)
    if not m:
        return []
    previous = next((u for u in reversed(ctx.units) if u.end <= unit.start), None)
    if previous is None or not RD.DECISION_CONTEXT_RE.search(ctx.text, previous.start, previous.end):
        return []
    start, end = _trim(ctx.text, m.end(), unit.end)
    whole = Candidate("named_instruments", "decision", unit, start, end, ctx.default_body)
    return [c for c in _split_attributes(ctx.text, whole) if _substantial(ctx.text[c.start: c.end])]


def _split_attributes(text: str, cand: Candidate) -> list[Candidate]:
    """One row per repeated attribute: "… relatif à X, relatif à Y et relatif à Z" (at least two repeats)."""
    cuts = list(RD.REPEATED_ATTRIBUTE_RE.finditer(text, cand.start, cand.end))
    if len(cuts) < 2:
        return [cand]
    bounds = [cand.start] + [c.end() for c in cuts]
    ends = [c.start() for c in cuts] + [cand.end]
    return [replace(cand, start=a, end=_trim(text, a, b)[1]) for a, b in zip(bounds, ends)]


def rule_ordinal_item(ctx: Context, unit: Unit) -> list[Candidate]:
    """"Le premier rapport est relatif à …", "Le second projet de loi porte sur …": an item of a counted agenda."""
    m = RD.ORDINAL_ITEM_RE.match(ctx.text[unit.start: unit.end])
    if not m or not RD.INSTRUMENT_NOUN_RE.search(m.group("noun")):
        return []
    start, end = _trim(ctx.text, unit.start + m.end(), unit.end)
    if not _substantial(ctx.text[start:end]):
        return []
    return [Candidate("ordinal_item", "decision", unit, start, _first_sentence_end(ctx.text, start, end), ctx.default_body)]


def rule_act(ctx: Context, unit: Unit) -> list[Candidate]:
    """An act verb with its agent, read on the parse: active, passive, directive, intention or future."""
    span = ctx.tokens(unit)
    if span is None or unit.kind == "heading":
        return []
    text = ctx.text
    lead_in = text[unit.start: unit.end].rstrip().endswith(":")
    found: list[Candidate] = []
    for match_id, verb, subject, complement in _act_matches(span):
        cand = _act_candidate(ctx, unit, match_id, verb, subject, complement)
        if cand is not None:
            cand.anchor = verb.idx
            found.append(cand)
    found.sort(key=lambda c: c.anchor)
    for cand, nxt in zip(found, found[1:]):
        # "a décidé de X et a instruit le ministre de Y": the first statement ends where the second's clause begins
        if cand.start < nxt.anchor < cand.end:
            cut = max((m.start() for m in _CLAUSE_BREAK_RE.finditer(text, cand.start, nxt.anchor)), default=nxt.anchor)
            cand.end = cut
    out: list[Candidate] = []
    for cand in found:
        if not _substantial(text[cand.start: cand.end]):
            continue
        if cand.kind == "commitment" and RD.ANNOUNCED_THAT_RE.match(text, cand.start, cand.end) and any(
                o is not cand and cand.start <= o.anchor for o in found):
            continue          # "a annoncé que le gouvernement allait recruter …": the inner statement is the one
        if lead_in:
            # a lead-in's items are the decisions: only "a adopté X et formule les … suivantes :" holds one more
            cut = RD.LIST_INTRO_TAIL_RE.search(text, cand.start, cand.end)
            if cut is None or RD.LIST_INTRO_WORD_RE.search(text, cand.start, cut.start()):
                continue
            cand.end = cut.start()
        out.extend(_split_statement(ctx, cand))
    return _without_nested(out)


_CLAUSE_BREAK_RE = re.compile(r",\s|\s+et\s+|;\s|\s+puis\s+|\s+avant\s+d", re.I)


def rule_prose_formula(ctx: Context, unit: Unit) -> list[Candidate]:
    """Decision formulas read on the words, for sentences the small parser gets wrong ("Le gouvernement annonce la
    création …" tagged as a noun, "a également promis de …" as a passive): trigger, then what is decided."""
    text = ctx.text
    lead_in = text[unit.start: unit.end].rstrip().endswith(":")
    matches = sorted(list(R.PROSE_DECISION_RE.finditer(text, unit.start, unit.end))
                     + list(RD.EXTRA_PROSE_DECISION_RE.finditer(text, unit.start, unit.end)), key=lambda m: m.start())
    out = []
    for m in matches:
        trigger = m.group("trigger").lower()
        link = m.group("link")
        start = m.end("link") if link.strip().lower() in ("de", "d'", "d’", "à", "a", "que", "qu'", "qu’") else m.start("link")
        end = _aim_end(text, start, unit.end)
        later = [o.start() for o in matches if start < o.start() < end and _COORDINATED_VERB_RE.search(text, start, o.start())]
        if later:         # "… d'ici juin, et a instruit la direction de …": a second statement of its own
            end = start + len(_COORDINATED_VERB_RE.sub("", text[start:min(later)]))
        if _formula_is_not_a_statement(text, unit.start, m, start, end):
            continue
        if "annon" in trigger and any(start <= o.start() < end and "," not in text[start:o.start()] for o in matches if o is not m):
            continue      # "a annoncé que le conseil a décidé d'allouer …": the inner statement is the decision
        if RD.SIGN_TRIGGER_RE.search(trigger):
            instrument = RD.SIGNED_INSTRUMENT_RE.search(text, start, end)
            if instrument is None or RD.PURPOSE_CLAUSE_RE.search(text, instrument.end(), end):
                continue  # a signature is an event; what a convention is "destinée à" is its objective
            start = instrument.start()
        if lead_in:
            cut = RD.LIST_INTRO_TAIL_RE.search(text, start, end)
            if cut is None:
                continue
            end = cut.start()
            if RD.LIST_INTRO_WORD_RE.search(text, start, end):
                continue
        complement = text[start:end]
        if R.TRIVIAL_COMPLEMENT_RE.match(complement) or not _substantial(complement):
            continue
        if "annon" in trigger and R.FORECAST_COMPLEMENT_RE.search(complement):
            continue      # a forecast, not a commitment
        if re.search(r"instruit|charg[ée]|enjoint|mandat[ée]|d[ée]cret|ordonnance|arr[êe]t[ée]|accord|autoris", trigger):
            kind = "decision"
        elif R.RECOMMENDATION_CUE_RE.search(trigger) or re.search(r"exhort|invit|appel", trigger):
            kind = "recommendation"
        elif R.COMMITMENT_CUE_RE.search(trigger) or re.search(r"annon|allai", trigger):
            kind = "commitment"
        else:
            kind = "decision"
        first = complement.split()[0].strip("’'") if complement.split() else ""
        parts = _split_coordinated(text, start, end) if is_infinitive(first) else [(start, end)]
        for a, b in parts:
            if _substantial(text[a:b]):
                out.append(Candidate("prose_formula", kind, unit, a, b, ctx.default_body, anchor=m.start()))
    return out


_COORDINATED_VERB_RE = re.compile(r"(?:,\s*|\s+)et\s*$|,\s*$")


def _formula_is_not_a_statement(text: str, sent_start: int, m: re.Match, start: int, end: int) -> bool:
    """A council's agenda counted ("a adopté deux (02) décrets"), the noun "annonce" ("Cette annonce fait
    suite …"), or the speaker of a reported statement ("…, a annoncé la Commission nationale (CNRM).")."""
    trigger = m.group("trigger").lower()
    complement = text[start:end]
    if "adopt" in trigger and RD.AGENDA_COUNT_RE.match(complement):
        return True
    if trigger.startswith("annonce") and RD.NOUN_ANNOUNCE_BEFORE_RE.search(text, sent_start, m.start()):
        return True
    return ("annon" in trigger and RD.ATTRIBUTION_BEFORE_RE.search(text, sent_start, m.start()) is not None
            and RD.SPEAKER_RE.match(complement) is not None and len(complement.split()) <= 15
            and not text[end:].lstrip(" »”\"").startswith((",", ":")))


def rule_prose(ctx: Context, unit: Unit) -> list[Candidate]:
    """Acts read on the parse, completed by the formulas read on the words; where both read one statement, the
    tighter reading (the later start) is kept."""
    found = rule_act(ctx, unit) + rule_prose_formula(ctx, unit)
    kept: list[Candidate] = []
    for c in sorted(found, key=lambda c: (not c.rule.startswith("act"), -c.start)):
        clash = next((k for k in kept if k.start < c.end and c.start < k.end), None)
        if clash is None:
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def rule_objective(ctx: Context, unit: Unit) -> list[Candidate]:
    """An initiative's stated aim: "vise à …", "a pour objectif de …", "L'objectif … est de …"."""
    if unit.kind == "heading":
        return []
    text = ctx.text
    out = []
    matches = list(R.OBJECTIVE_RE.finditer(text, unit.start, unit.end)) + \
        list(RD.EXTRA_OBJECTIVE_RE.finditer(text, unit.start, unit.end))
    for m in matches:
        start = m.end()
        trigger = m.group("trigger").strip().lower()
        first = trigger.split()[0] if trigger else ""
        if first in ("vont", "va", "allons") and "contribuer" not in trigger:
            continue          # "va porter": an intention, read by rule_act
        if RD.POPULATION_INTENT_TRIGGER_RE.match(first) and RD.POPULATION_SUBJECT_RE.search(text, unit.start, m.start()):
            continue          # "40 % des ménages envisagent un nouveau départ": people's intentions, not a policy aim
        rest = text[start: unit.end]
        incidental = _INCIDENTAL_RE.match(rest)
        if incidental:                         # "entend, par le biais de X, impulser …"
            start += incidental.end()
            rest = text[start: unit.end]
        if first in _CONTINUES_WITH_INFINITIVE or trigger.startswith("envisag"):
            needs_infinitive = not trigger.startswith("envisag")
            if needs_infinitive and not R.INFINITIVE_RE.match(rest):
                continue
            if not needs_infinitive and not (R.INFINITIVE_RE.match(rest) or R.NOMINAL_AIM_RE.match(rest)):
                continue
        if _NOT_AN_AIM_RE.match(rest):
            continue
        end = _aim_end(text, start, unit.end)
        if not _substantial(text[start:end]):
            continue
        # "Le HCR entend étendre …" states what an actor will do: a commitment, as "promet de"
        kind = "commitment" if first in ("entend", "entendent") else "objective"
        out.append(Candidate("objective", kind, unit, start, end, None))
    return out


def rule_nominal_act(ctx: Context, unit: Unit) -> list[Candidate]:
    """"a permis l'adoption de …", "a procédé à la signature de …" when the parse misses the support verb's object."""
    m = RD.NOMINAL_ACT_PHRASE_RE.search(ctx.text, unit.start, unit.end)
    if not m:
        return []
    start, end = _trim(ctx.text, m.start("act"), unit.end)
    if not _substantial(ctx.text[start:end]):
        return []
    return [Candidate("nominal_act", "decision", unit, start, end, ctx.default_body)]


def rule_titled_act(ctx: Context, unit: Unit) -> list[Candidate]:
    """A council's item written as a line of its own, a noun of action and no verb: "Réalisation des études et
    travaux de requalification de l’esplanade …", "Réparation des dommages commis lors des événements du …"."""
    if ctx.default_body is None or unit.kind != "prose":
        return []
    line = ctx.doc.lines[unit.line]
    if (unit.start, unit.end) != (line.content_start, line.end) and ctx.text[unit.end: line.end].strip():
        return []             # one sentence filling its line
    span = ctx.tokens(unit)
    if span is None or len(span) > 45 or not RD.ACTION_NOUN_HEAD_RE.match(ctx.text, unit.start):
        return []
    if any("Fin" in t.morph.get("VerbForm") for t in span):
        return []             # a finite verb: a sentence that reports, read by the other rules
    start, end = _trim(ctx.text, unit.start, unit.end)
    if not _substantial(ctx.text[start:end]):
        return []
    return [Candidate("titled_act", "decision", unit, start, end, ctx.default_body)]


def rule_obligation(ctx: Context, unit: Unit) -> list[Candidate]:
    """What must be done: "il faut mener …", "des actions doivent être entreprises …", "chaque État devra …",
    "a rappelé au Gouvernement l'importance d'assurer …", "a insisté sur la nécessité de …"."""
    out = []
    for m in RD.OBLIGATION_RE.finditer(ctx.text, unit.start, unit.end):
        start = m.end() if m.group("after") else m.start()
        if RD.POPULATION_SUBJECT_RE.search(ctx.text, unit.start, m.start()):
            continue          # "les déplacés doivent parcourir …": what people must endure
        start, end = _trim(ctx.text, start, unit.end)
        end = _aim_end(ctx.text, start, end)
        if _substantial(ctx.text[start:end]):
            out.append(Candidate("obligation", "recommendation", unit, start, end, None))
    return out[:1]


RULES: list[tuple[str, Rule]] = [
    ("list_item", rule_list_item),
    ("inline_list", rule_inline_list),
    ("instrument_title", rule_instrument_title),
    ("named_instruments", rule_named_instruments),
    ("ordinal_item", rule_ordinal_item),
    ("prose", rule_prose),
    ("nominal_act", rule_nominal_act),
    ("titled_act", rule_titled_act),
    ("obligation", rule_obligation),
    ("objective", rule_objective),
]


# ------------------------------------------------------------------ the parse: act verbs and their agents
def _stem_regex(stems) -> str:
    return "^(?:" + "|".join(sorted((re.escape(s) for s in stems), key=len, reverse=True)) + ")"


@functools.lru_cache(maxsize=4)
def _matcher(vocab):
    from spacy.matcher import DependencyMatcher

    act = {"POS": {"IN": ["VERB", "AUX"]}, "LOWER": {"REGEX": _stem_regex(RD.ACT_STEMS)}}
    intent = {"POS": {"IN": ["VERB", "AUX"]}, "LOWER": {"REGEX": _stem_regex(RD.INTENT_STEMS) + "\\w*$"}}
    matcher = DependencyMatcher(vocab)
    matcher.add("active", [[{"RIGHT_ID": "verb", "RIGHT_ATTRS": act},
                            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "subject", "RIGHT_ATTRS": {"DEP": "nsubj"}}]])
    matcher.add("passive", [[{"RIGHT_ID": "verb", "RIGHT_ATTRS": act},
                             {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "subject", "RIGHT_ATTRS": {"DEP": "nsubj:pass"}}]])
    # "le Conseil a examiné et adopté …": the second verb shares the first one's subject
    matcher.add("coordinated", [[{"RIGHT_ID": "first", "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX"]}}},
                                 {"LEFT_ID": "first", "REL_OP": ">", "RIGHT_ID": "subject", "RIGHT_ATTRS": {"DEP": "nsubj"}},
                                 {"LEFT_ID": "first", "REL_OP": ">", "RIGHT_ID": "verb", "RIGHT_ATTRS": {**act, "DEP": "conj"}}]])
    # "viennent de signer", "a décidé de créer" read on the inner act, with the outer verb's subject
    matcher.add("periphrastic", [[{"RIGHT_ID": "first", "RIGHT_ATTRS": {"LOWER": {"REGEX": "^(?:vien|venon|venai|venez)"}}},
                                  {"LEFT_ID": "first", "REL_OP": ">", "RIGHT_ID": "subject", "RIGHT_ATTRS": {"DEP": "nsubj"}},
                                  {"LEFT_ID": "first", "REL_OP": ">", "RIGHT_ID": "verb", "RIGHT_ATTRS": {**act, "DEP": "xcomp"}}]])
    # "a procédé à la signature de …", "a permis l'adoption de …", "a marqué son accord pour la transmission de …"
    matcher.add("nominal", [[{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX"]},
                                                                  "LOWER": {"REGEX": _stem_regex(RD.SUPPORT_VERB_STEMS)}}},
                             {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "complement",
                              "RIGHT_ATTRS": {"DEP": {"IN": ["obj", "obl:arg", "obl:mod", "nsubj"]},
                                              "LOWER": {"REGEX": _stem_regex(RD.NOMINAL_ACT_STEMS)}}}]])
    # "entend renforcer", "ont dit vouloir poursuivre", "va porter", "s'engage à appuyer"
    matcher.add("intent", [[{"RIGHT_ID": "verb", "RIGHT_ATTRS": intent},
                            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "complement",
                             "RIGHT_ATTRS": {"DEP": {"IN": ["xcomp", "ccomp", "obl:arg"]}, "POS": {"IN": ["VERB", "AUX"]}}}]])
    # "accueillera la prochaine session", "fournira une aide": what an agent will do
    matcher.add("future", [[{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB", "MORPH": {"IS_SUPERSET": ["Tense=Fut"]}}},
                            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "subject", "RIGHT_ATTRS": {"DEP": "nsubj"}}]])
    return matcher


def _act_matches(span):
    """(rule, verb, subject, complement) for every act in the span, in text order."""
    doc = span.doc
    matcher = _matcher(doc.vocab)
    found = []
    for match_id, ids in matcher(span.as_doc() if False else doc[span.start: span.end]):
        name = doc.vocab.strings[match_id]
        pattern = matcher.get(name)[1][0]
        tokens = {p["RIGHT_ID"]: span[i] for p, i in zip(pattern, ids)}
        found.append((name, tokens.get("verb"), tokens.get("subject"), tokens.get("complement")))
    order = {"passive": 0, "active": 1, "coordinated": 2, "periphrastic": 3, "nominal": 4, "intent": 5, "future": 6}
    found.sort(key=lambda f: (f[1].i, order[f[0]]))
    seen, out = set(), []
    for f in found:
        if f[1].i in seen:
            continue
        seen.add(f[1].i)
        out.append(f)
    return out


def _stem_of(word: str) -> str | None:
    w = word.lower()
    for stem in _STEMS_BY_LENGTH:
        if w.startswith(stem):
            return stem
    return None


_STEMS_BY_LENGTH = sorted(RD.ACT_STEMS, key=len, reverse=True)


def _is_agent(token) -> bool:
    head = token
    word = head.lower_
    if word in RD.POPULATION_NOUNS:
        return False
    if word in RD.AGENT_NOUNS or word.rstrip("sx") in RD.AGENT_NOUNS or head.ent_type_ in ("ORG", "PER", "LOC", "MISC"):
        return True
    if head.pos_ == "PROPN" or (head.text[:1].isupper() and head.pos_ == "NOUN"):
        return True
    return any(t.lower_ in RD.AGENT_NOUNS for t in head.subtree if t.i - head.i < 4 and t.dep_ in ("nmod", "amod", "flat:name", "appos"))


def _negated(verb) -> bool:
    return any(c.lower_ in ("pas", "jamais", "guère", "plus") and c.dep_ == "advmod" for c in verb.children) or \
        any(c.lower_ in ("ne", "n'", "n’") for c in verb.children)


def _complement_span(verb, unit_end: int) -> tuple[int, int] | None:
    """From the verb's first complement to the end of the unit: the small model often attaches the tail of a
    long complement ("un projet de loi constitutionnelle portant révision …") to the verb, so the parse's own
    right edge would cut it. A second statement in the unit is cut off by ``rule_act``."""
    parts = [c for c in verb.children if c.i > verb.i and c.dep_ in (
        "obj", "xcomp", "ccomp", "obl:arg", "iobj", "obl:mod", "obl", "nsubj")]
    if parts:
        start = min(p.left_edge.idx for p in parts)
    else:
        nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
        if nxt is None or nxt.idx >= unit_end:
            return None
        start = nxt.idx
    return (start, unit_end) if start < unit_end else None


def _act_candidate(ctx: Context, unit: Unit, match_id: str, verb, subject, complement) -> Candidate | None:
    text = ctx.text
    if verb.lower_.startswith(RD.NOT_ACT_PREFIXES) or _negated(verb):
        return None
    if RD.QUOTE_ATTRIBUTION_BEFORE_RE.search(text, max(0, verb.idx - 40), verb.idx):
        return None           # "« … », a insisté le ministre": who spoke, not what was decided
    if verb.lower_.startswith(("procéd", "proced")) and RD.CEREMONY_AFTER_VERB_RE.match(text, verb.idx + len(verb.text)):
        return None           # "a procédé au lancement officiel de …": a ceremony, an event
    morph = verb.morph
    if match_id in ("active", "coordinated", "passive") and "Inf" in morph.get("VerbForm") and verb.dep_ not in ("ROOT",):
        return None           # "pour adopter …", "afin de renforcer …": a purpose, not an act
    if match_id in ("active", "coordinated") and "Part" in morph.get("VerbForm") \
            and not any(c.dep_.startswith("aux") for c in verb.children) and verb.dep_ in ("acl", "amod"):
        return None           # "le projet de loi adopté participe …": an attribute
    stem = _stem_of(verb.text) if match_id != "intent" else None
    kind = RD.ACT_STEMS.get(stem, "commitment") if stem else "commitment"
    decided_by = None
    if match_id == "passive":
        if subject.lower_ == "il" and _impersonal(verb):
            inner = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.i > verb.i), None)
            if inner is None:
                return None   # "il a été décidé de mettre fin aux contrats": what was decided follows
            start, end = _trim(text, inner.idx, unit.end)
            if not _substantial(text[start:end]):
                return None
            return Candidate("act:impersonal", "decision", unit, start, end, ctx.default_body)
        if subject.lower_ in ("il", "ce", "cela") or subject.pos_ == "PRON":
            return None       # "cela a été fait" says nothing
        if stem not in RD.PASSIVE_ACT_STEMS:
            return None       # "a été organisé", "est financé à 17 %": described, not decided
        if stem not in RD.PERSON_ACT_STEMS and not RD.INSTRUMENT_NOUN_RE.search(
                text, subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text)):
            return None       # "des passeurs ont été arrêtés", "l'alerte a été donnée": events, not decisions
        if _anaphoric(subject):
            return None       # "Ce projet a été adopté par le Conseil": the decision stated before, restated
        if any(t.lower_ in RD.POPULATION_NOUNS for t in subject.subtree) and stem not in (
                "nomm", "désign", "design", "relev", "limog", "révoqu", "revoqu"):
            return None       # "des personnes ont été transférées …" reports what happened to people
        agent = next((c for c in verb.children if c.dep_ in ("obl:agent",)), None)
        decided_by = _phrase(text, agent) if agent is not None else None
        start = subject.left_edge.idx
        end = max(verb.right_edge.idx + len(verb.right_edge.text), verb.idx + len(verb.text))
        start, end = max(start, unit.start), min(end, unit.end)
    elif match_id == "nominal":
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) or _inherited_subject(verb)
        if complement.dep_ == "nsubj":
            subject = None    # "La principale décision est la création du Fonds": the act is the subject
        start, end = complement.left_edge.idx, unit.end
        # "a marqué son accord pour la transmission de …": the act is what the accord is for
        purpose = RD.ACCORD_FOR_RE.match(text, start, end)
        if complement.lower_ in ("accord", "avis"):
            if purpose is None:
                return None
            start = purpose.end()
        decided_by = _phrase(text, subject) if subject is not None and subject.pos_ != "PRON" else None
        kind = "decision"
    elif match_id == "intent":
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) or _inherited_subject(verb)
        if subject is None or not _is_agent(subject):
            return None
        if _NOT_AN_AIM_RE.match(text[complement.idx: unit.end]) or complement.lower_ in ("tenir", "dérouler", "avoir"):
            return None       # "va se tenir à Bamako": an event, not an intention
        span = _complement_span(verb, unit.end)
        if span is None:
            return None
        start, end = _infinitive_start(complement), span[1]
        decided_by = _phrase(text, subject)
        kind = "commitment"
    else:
        if match_id in ("coordinated", "periphrastic") or subject is None:
            subject = subject or _inherited_subject(verb)
        if match_id == "future":
            if subject is None or not _is_agent(subject) or verb.lower_.startswith(_FUTURE_NOT_ACTS):
                return None
            kind = "commitment"
        elif subject is None or not _is_agent(subject):
            if not (subject is not None and subject.lower_ == "il" and _impersonal(verb)):
                return None
        span = _complement_span(verb, unit.end)
        if span is None:
            return None
        start, end = span
        infinitive = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and c.pos_ in ("VERB", "AUX")
                           and "Inf" in c.morph.get("VerbForm")), None)
        if infinitive is not None and stem not in RD.DIRECTIVE_STEMS:
            start = _infinitive_start(infinitive)
        elif kind == "commitment" and stem not in ("annonc",):
            # "se sont engagés, à l'issue de la réunion, à reconstituer …": the parse may not tie the infinitive
            found = RD.DIRECTIVE_INFINITIVE_RE.search(text, verb.idx + len(verb.text), min(unit.end, verb.idx + 200))
            if found is not None:
                start = found.start("what")
        if stem in RD.DIRECTIVE_STEMS:
            inner = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.i > verb.i), None)
            if inner is not None and inner.pos_ in ("VERB", "AUX"):
                start = _infinitive_start(inner)
            else:
                # "a recommandé au Gouvernement de ne pas recourir …": the parse may miss the infinitive
                infinitive = RD.DIRECTIVE_INFINITIVE_RE.search(text, verb.idx + len(verb.text), min(unit.end, verb.idx + 200))
                if infinitive is not None:
                    start = infinitive.start("what")
                elif not (stem in ("appel", "invit", "exhort", "plaid", "insist") and _substantial(text[start:end])):
                    return None
        needs = stem in RD.NEEDS_INSTRUMENT and not (match_id == "future" and stem not in ("pris", "prend", "présent"))
        if needs and not (RD.INSTRUMENT_NOUN_RE.search(text, start, end) or (
                stem in ("procéd", "proced") and RD.NOMINALIZATION_RE.match(text, start, end))):
            return None       # "a pris la parole", "a présenté ses condoléances"
        if stem == "lanc" and not RD.APPEAL_TO_ACT_RE.search(text, start, end):
            return None       # a launch is an event, "un appel à la solidarité" a wish; "un appel … pour que …" asks
        if match_id == "future" and stem is None:
            return None       # "fournira", "accueillera": an act in the future; other futures describe
        if RD.NOT_AN_OBJECT_RE.match(text[start:end].lstrip(" ,")):
            return None       # "a pris note de …", "a adopté le texte à l'unanimité": no new act
        decided_by = _phrase(text, subject) if subject is not None and subject.pos_ != "PRON" else None
    start, end = _trim(text, max(start, unit.start), min(end, unit.end))
    end = _aim_end(text, start, end)
    content = text[start:end]
    if not _substantial(content) or RD.AGENDA_OBJECT_RE.match(content) or RD.AGENDA_COUNT_RE.match(content) \
            or R.TRIVIAL_COMPLEMENT_RE.match(content):
        return None
    if stem in ("sign", "paraph", "conclu"):
        instrument = RD.SIGNED_INSTRUMENT_RE.search(text, start, end)
        if instrument is None or RD.PURPOSE_CLAUSE_RE.search(text, instrument.end(), end):
            return None       # a signature is an event; what a convention is "destinée à" is its objective
        start = instrument.start()
    if kind == "commitment" and R.FORECAST_COMPLEMENT_RE.search(content):
        return None           # "annoncent des températures de 38 °C": a forecast
    tail = RD.STATEMENT_TAIL_RE.search(text, start, end)
    if tail:
        end = tail.start()
    return Candidate(f"act:{match_id}", kind, unit, start, end, decided_by or ctx.default_body)


_FUTURE_NOT_ACTS = ("ser", "aur", "pourr", "devr", "permettr", "contribuer", "tiendr", "dérouler", "derouler", "fer",
                    "rest", "demeur", "concern", "coût", "cout", "dur", "s'ét", "étend")


_ANAPHORIC_DETERMINERS = {"ce", "cet", "cette", "ces", "ledit", "ladite", "lesdits", "lesdites", "tous", "toutes",
                          "son", "sa", "ses", "leur", "leurs", "présent", "présente"}
_ORDINALS = {"premier", "première", "second", "seconde", "deuxième", "troisième", "dernier", "dernière", "autre"}


def _anaphoric(subject) -> bool:
    """"ce projet", "ces textes", "tous ces projets", "le premier projet": a reference back to a decision stated before."""
    words = [t.lower_ for t in subject.subtree if t.i <= subject.i]
    return any(w in _ANAPHORIC_DETERMINERS for w in words) or (len(words) <= 3 and any(w in _ORDINALS for w in words))


def _impersonal(verb) -> bool:
    return verb.lower_.startswith(("décid", "decid", "convenu", "retenu", "recommand", "arrêt", "demand", "préconis"))


def _infinitive_start(verb) -> int:
    """Where an infinitive's phrase starts: its clitics ("se réunir", "les aider", "ne pas recourir"), not its "de"/"à"."""
    first = verb
    for t in sorted(verb.children, key=lambda t: t.i):
        if t.i < verb.i and (t.dep_ in ("expl:comp", "expl:pv", "expl", "obj", "iobj", "advmod") or t.lower_ in ("ne", "pas", "se", "s'", "s’")):
            first = t if t.i < first.i else first
    return first.idx


def _inherited_subject(verb):
    """The subject of the verb this one is coordinated with, or that governs it ("a dit vouloir")."""
    head = verb
    for _ in range(3):
        if head.dep_ not in ("conj", "xcomp", "ccomp") or head.head is head:
            break
        head = head.head
        subject = next((c for c in head.children if c.dep_ in ("nsubj",)), None)
        if subject is not None:
            return subject
    return None


def _phrase(text: str, token) -> str | None:
    """The noun phrase of a subject or an agent, without its article or preposition."""
    if token is None:
        return None
    start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
    phrase = text[start:end]
    phrase = re.sub(r"^(?:par\s+)?(?:(?:le|la|les|un|une|des|du|de|ce|cette|ces)\b|l['’])\s*", "", phrase, flags=re.I)
    phrase = re.split(r",\s|\s+\(|\s+qui\s", phrase)[0]
    phrase = " ".join(phrase.split())
    return phrase[:120] or None


def _subject_of_lead(ctx: Context, lead: Lead) -> str | None:
    span = ctx.parsed.char_span(lead.start, lead.end, alignment_mode="expand") if ctx.parsed is not None else None
    if span is None:
        return None
    for token in span:
        if token.dep_ == "nsubj" and token.head.pos_ in ("VERB", "AUX") and _is_agent(token) and token.pos_ != "PRON":
            return _phrase(ctx.text, token)
    return None


# ------------------------------------------------------------------ splitting and trimming
_ENUM_SPLIT_RE = re.compile(r"\s*(?:,|;|\bet\b|\bainsi\s+que\b)\s+(?=(?:de\s+la|de\s+l['’]|du|des|de|d['’]|la|le|les|l['’])\s*"
                            r"[a-zà-ÿœ]+(?:tion|sion|ment|age|ure|ance|ence|ité|té|ise|ie)s?\b)", re.I)
_COORD_RE = re.compile(r"(?:,?\s+et\s+|,\s*|\s+ainsi\s+que\s+)(?P<elided>de\s+|d['’]|à\s+)?(?P<word>[a-zà-ÿœ-]+)", re.I)


def _split_statement(ctx: Context, cand: Candidate) -> list[Candidate]:
    """One row per coordinated act: "de prolonger X et de créer Y", "la création de X, l'établissement de Y et …"."""
    text = ctx.text
    content = text[cand.start: cand.end]
    first = content.split()[0].strip("’'") if content.split() else ""
    if is_infinitive(first):
        parts = _split_coordinated(text, cand.start, cand.end)
    elif re.match(r"(?:de\s+la|de\s+l['’]|du|des|la|le|les|l['’])\s*[a-zà-ÿœ]+(?:tion|sion|ment|age|ure|ance|ence)s?\b",
                  content, re.I) and len(_ENUM_SPLIT_RE.findall(content)) >= 1:
        parts, cursor = [], cand.start
        for m in _ENUM_SPLIT_RE.finditer(text, cand.start, cand.end):
            parts.append((cursor, m.start()))
            cursor = m.end()
        parts.append((cursor, cand.end))
    else:
        parts = [(cand.start, cand.end)]
    out = []
    for a, b in parts:
        a, b = _trim(text, a, b)
        if _substantial(text[a:b]):
            out.append(Candidate(cand.rule, cand.kind, cand.unit, a, b, cand.decided_by))
    return out or [cand]


def _without_nested(cands: list[Candidate]) -> list[Candidate]:
    """A statement inside another of the same unit ("a décidé que le Conseil adopte …") is kept once: the outer."""
    out = []
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if any(o.start <= c.start and c.end <= o.end for o in out):
            continue
        out.append(c)
    return out


_CONTINUES_WITH_INFINITIVE = {"souhaite", "souhaitent", "entend", "entendent", "veut", "veulent", "compte", "comptent",
                              "prévoit", "prévoient", "projette", "projettent", "ambitionne", "ambitionnent", "aspire",
                              "aspirent", "devront", "devra", "destiné", "destinée", "destinés", "destinées"}
_NOT_AN_AIM_RE = re.compile(r"^(?:se\s+tenir|avoir\s+lieu|se\s+d[ée]rouler|falloir|[êe]tre\s+|se\s+poursuivre|durer|"
                            r"co[ûu]ter|permettre\s+de\s+dire|dire)\b", re.I)
_INCIDENTAL_RE = re.compile(r"^,[^,]{1,80},\s*")
_NOT_INFINITIVES = {"entre", "contre", "notre", "votre", "autre", "autres", "centre", "titre", "membre", "ordre", "nombre",
                    "cadre", "libre", "propre", "sûre", "sur", "leur", "leurs", "pour", "par", "hier", "cher", "fer", "mer",
                    "hiver", "père", "mère", "frère", "lettre", "mètre", "chiffre", "offre", "œuvre", "oeuvre", "matière",
                    "lumière", "manière", "filière", "frontière", "rivière", "première", "dernière", "carrière", "barrière",
                    "prière", "bière", "pierre", "guerre", "terre", "verre", "air", "désir", "avenir", "plaisir", "loisir",
                    "soir", "espoir", "devoir", "pouvoir", "savoir", "trottoir", "couloir", "miroir", "mémoire", "histoire",
                    "victoire", "territoire", "gloire", "foire", "poire", "noire", "ivoire", "dire", "faire"}
_FUNCTION_WORDS = {"à", "a", "de", "d", "des", "du", "le", "la", "les", "l", "pour", "et", "en", "au", "aux", "par", "sur",
                   "que", "qu", "qui", "un", "une", "avec", "dans"}


def is_infinitive(word: str) -> bool:
    w = word.lower()
    return (w.endswith(("er", "ir", "re", "oir")) and len(w) > 3 and w not in _NOT_INFINITIVES) or w in ("faire", "dire")


def _split_coordinated(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split 'transférer X et d'instituer Y' / 'renforcer X, interdire Y et procéder à Z' at each new infinitive."""
    spans, cursor = [], start
    for m in _COORD_RE.finditer(text, start, end):
        if is_infinitive(m.group("word")):
            spans.append((cursor, m.start()))
            cursor = m.start("elided") if m.group("elided") else m.start("word")
    spans.append((cursor, end))
    out = []
    for a, b in spans:
        while b > a and text[b - 1] in " .;,":
            b -= 1
        m = re.match(r"(?:de\s+|d['’]|à\s+)", text[a:b])
        if m and a != start:
            a += m.end()          # "d'instituer …" → "instituer …"
        out.append((a, b))
    return out


def _substantial(text: str) -> bool:
    """At least three words, and not cut off on a function word ("les donateurs à")."""
    words = re.findall(r"[\w’']+", text)
    return len(words) >= 3 and words[-1].lower() not in _FUNCTION_WORDS


def _only_agenda(statement: str) -> bool:
    """Every part of the statement is an item of a council's agenda ("des projets de texte", "entendu une
    communication", "sept projets de textes et suivi une communication …") or says only that decisions were taken."""
    if RD.GENERIC_STATEMENT_RE.match(statement):
        return True
    parts = [p for p in RD.AGENDA_PART_SPLIT_RE.split(statement) if p and p.strip()]
    return bool(parts) and all(RD.AGENDA_OBJECT_RE.match(_without_participle(p)) or RD.AGENDA_COUNT_RE.match(p.strip())
                               or RD.AGENDA_OBJECT_RE.match(p) for p in parts)


def _without_participle(item: str) -> str:
    return re.sub(r"^\W*(?:et\s+)?(?:[a-zé]+[ée]s?|suivi|pris\s+acte\s+d[eu]s?|entendu)\s+", "", item, flags=re.I)


def _marker_length(text: str) -> int:
    m = re.match(r"^\W*(?:\(?[\dIVXa-z]{1,4}(?:\.\d{1,2})*[.)°\-]\s*)+", text)
    return m.end() if m else 0


def _first_sentence_end(text: str, start: int, end: int) -> int:
    m = re.search(r"\.\s+(?=[A-ZÀ-Ý])", text[start:end])
    return start + m.start() if m else end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n,;:–—-«\"“":
        start += 1
    while (adverbial := RD.ADVERBIAL_LEAD_RE.match(text, start, end)) and adverbial.end() > start:
        start = adverbial.end()   # "ont voté, ce jeudi, à l'unanimité, leur budget": the time and the vote are not the act
    vote = RD.VOTE_RE.match(text, start, end)
    if vote and vote.end() > start:
        start = vote.end()    # "a adopté par 152 voix pour et 3 contre la loi …": the count is not the decision
    lead = re.match(r"(?:à|de|d['’])\s*", text[start:end])
    if lead and is_infinitive(text[start + lead.end():end].split()[0] if text[start + lead.end():end].split() else ""):
        start += lead.end()       # "➢ à fournir une assistance …" under "vise :"
    while end > start and text[end - 1] in " \t\n,;:«\"“(":
        end -= 1
    # a closing guillemet without its opening one is not part of the statement
    if text[start:end].rstrip().endswith(("»", "”")) and "«" not in text[start:end] and "“" not in text[start:end]:
        end = start + len(text[start:end].rstrip().rstrip("»”").rstrip())
    return start, end


def _aim_end(text: str, start: int, sent_end: int) -> int:
    second = RD.STATEMENT_TAIL_RE.search(text, start, sent_end)
    end = second.start() if second else sent_end
    sent_end = end
    skip_close = -1
    for m in R.OBJECTIVE_TAIL_RE.finditer(text, start, sent_end):
        if "»" in m.group(0) and m.end() - 1 <= skip_close:
            continue
        if "«" in m.group(0):
            close = text.find("»", m.end(), sent_end)
            if close > 0 and len(text[m.end():close].split()) <= 5 and text[close + 1: sent_end].strip(" .;"):
                skip_close = close  # a word or two quoted inside the statement
                continue
        end = m.start()
        break
    while end > start and text[end - 1] in " .;:,!":
        end -= 1
    return end


# ------------------------------------------------------------------ rows
def _rows(ctx: Context, found: list[Candidate], *, article_id: str, announced_date, announced_precision,
          country_iso3) -> list[dict]:
    text = ctx.text
    rows, seen = [], set()
    for c in found:
        statement = " ".join(text[c.start: c.end].split())
        if c.unit.kind != "list_item":
            statement = statement.rstrip(" .")
        if len(re.findall(r"\w+", statement)) < 3:
            continue
        if c.unit.kind != "list_item" and _only_agenda(statement):
            continue          # "à des nominations, et autorisé des missions à l'étranger": the meeting described
        key = fold(statement)
        if key in seen:
            continue          # a decision stated twice (a headline and its body, a teaser repeated)
        seen.add(key)
        rows.append({
            "decision_id": stable_id("dec", article_id, statement),
            "article_id": article_id,
            "kind": c.kind,
            "text": statement,
            "theme": theme_of(statement),
            "announced_date": announced_date,
            "quote": text[c.start: c.end],
            "char_start": c.start,
            "char_end": c.end,
            "announced_precision": announced_precision if announced_date else None,
            "country_iso3": country_iso3,
            "lead_in": c.unit.lead.text if c.unit.lead is not None else None,
            "decided_by": c.decided_by,
            "ministry": c.unit.ministry,
            "rule": c.rule,
        })
    return rows
