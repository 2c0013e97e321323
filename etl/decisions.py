"""Decisions, commitments, recommendations and objectives stated in an article.

Three shapes are found:
- list items under a decision lead-in ("ont arrêté ce qui suit :", "Recommandations"),
  whatever the list marker, and "; "-separated items after such a lead-in;
- decisions in running prose ("ont décidé de …", "s'engagent à …");
- objectives ("vise à …", "a pour but de …", "L'objectif … est de …").
Each gets a theme from the lexicon in etl.resources.THEMES.
"""
from __future__ import annotations

import re

from etl import resources as R
from etl import resources_decisions as RD
from etl.segment import Document, Line
from etl.text import fold, stable_id

_THEMES = [(name, weight, re.compile(rf"\b(?:{pattern})", re.I)) for name, weight, pattern in R.THEMES]
_CONTINUES_WITH_INFINITIVE = {"souhaite", "souhaitent", "entend", "entendent", "veut", "veulent", "compte", "comptent",
                              "prévoit", "prévoient", "projette", "projettent", "ambitionne", "ambitionnent", "aspire",
                              "aspirent", "vont", "va", "allons", "devront", "devra", "destiné", "destinée", "destinés",
                              "destinées"}
_NOT_AN_AIM_RE = re.compile(r"^(?:se\s+tenir|avoir\s+lieu|se\s+d[ée]rouler|falloir|[êe]tre\s+|se\s+poursuivre|durer|"
                            r"co[ûu]ter|permettre\s+de\s+dire|dire)\b", re.I)
_INCIDENTAL_RE = re.compile(r"^,[^,]{1,80},\s*")
_ITEM_SPLIT_RE = re.compile(r"\s*;\s*|\s+(?=\(?\d{1,2}[.)]\s)")
_COORD_RE = re.compile(r"(?:,?\s+et\s+|,\s*|\s+ainsi\s+que\s+)(?P<elided>de\s+|d['’]|à\s+)?(?P<word>[a-zà-ÿœ-]+)", re.I)
_NOT_INFINITIVES = {"entre", "contre", "notre", "votre", "autre", "autres", "centre", "titre", "membre", "ordre", "nombre",
                    "cadre", "libre", "propre", "sûre", "sur", "leur", "leurs", "pour", "par", "hier", "cher", "fer", "mer",
                    "hiver", "père", "mère", "frère", "lettre", "mètre", "chiffre", "offre", "œuvre", "oeuvre", "matière",
                    "lumière", "manière", "filière", "frontière", "rivière", "première", "dernière", "carrière", "barrière",
                    "prière", "bière", "pierre", "guerre", "terre", "verre", "air", "désir", "avenir", "plaisir", "loisir",
                    "soir", "espoir", "devoir", "pouvoir", "savoir", "trottoir", "couloir", "miroir", "mémoire", "histoire",
                    "victoire", "territoire", "gloire", "foire", "poire", "noire", "ivoire", "dire", "faire"}


def is_infinitive(word: str) -> bool:
    w = word.lower()
    return (w.endswith(("er", "ir", "re", "oir")) and len(w) > 3 and w not in _NOT_INFINITIVES) or w in ("faire", "dire")


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


def extract_decisions(doc: Document, *, article_id: str, announced_date: str | None,
                      announced_precision: str | None, country_iso3: str | None) -> list[dict]:
    found = [(*f, True) for f in _list_items(doc)] + [(*f, False) for f in _prose_decisions(doc) + _objectives(doc)]
    rows, seen = [], set()
    found.sort(key=lambda f: (f[1], not f[4], -(f[2] - f[1])))
    for kind, start, end, lead, from_list in found:
        start, end = _trim(doc.text, start, end)
        text = doc.text[start:end]
        if len(re.findall(r"\w+", text)) < 3:
            continue
        key = fold(text)
        if key in seen or any(_contains(r, start, end, kind) for r in rows) or any(_overlaps_item(r, start, end) for r in rows):
            continue
        seen.add(key)
        rows.append({
            "decision_id": stable_id("dec", article_id, text),
            "article_id": article_id,
            "kind": kind,
            "text": text,
            "theme": theme_of(text),
            "announced_date": announced_date,
            "quote": text,
            "char_start": start,
            "char_end": end,
            "announced_precision": announced_precision if announced_date else None,
            "country_iso3": country_iso3,
            "lead_in": lead,
            "from_list": from_list,
        })
    for row in rows:
        row.pop("from_list")
    return rows


def _overlaps_item(row: dict, start: int, end: int) -> bool:
    """A statement inside a list item already kept (same sentence found twice by two rules)."""
    return row["lead_in"] is not None and row.get("from_list") and row["char_start"] <= start < row["char_end"]


def _contains(row: dict, start: int, end: int, kind: str) -> bool:
    return row["kind"] == kind and row["char_start"] <= start and end <= row["char_end"]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t,;:–—-«\"“":
        start += 1
    lead = re.match(r"(?:à|de|d['’])\s*", text[start:end])
    if lead and is_infinitive(text[start + lead.end():end].split()[0] if text[start + lead.end():end].split() else ""):
        start += lead.end()       # "➢ à fournir une assistance …" under "vise :"
    while end > start and text[end - 1] in " \t,;:«\"“(":
        end -= 1
    # a closing guillemet without its opening one is not part of the statement
    if text[start:end].rstrip().endswith(("»", "”")) and "«" not in text[start:end] and "“" not in text[start:end]:
        end = start + len(text[start:end].rstrip().rstrip("»”").rstrip())
    return start, end


def _kind_from_lead(lead: str) -> str:
    if re.search(r"d[ée]cid|arr[êe]t|instrui", lead, re.I) and not re.search(r"recommand", lead, re.I):
        return "decision"
    if R.RECOMMENDATION_CUE_RE.search(lead):
        return "recommendation"
    if R.COMMITMENT_CUE_RE.search(lead):
        return "commitment"
    if R.OBJECTIVE_CUE_RE.search(lead) and not re.search(r"d[ée]cid|arr[êe]t|convenu|adopt|retenu", lead, re.I):
        return "objective"
    return "decision"


def _list_items(doc: Document) -> list[tuple[str, int, int, str]]:
    out = []
    lines = doc.content_lines
    for i, ln in enumerate(lines):
        lead_text = _lead_in(lines, i)
        if lead_text is None:
            continue
        kind = _kind_from_lead(lead_text)
        lead_short = ln.text[:200]
        # items on the lead-in line itself: "ont décidé : la création de … ; la mise en place de …"
        colon = ln.text.rfind(":")
        tail_start = ln.start + colon + 1
        if colon >= 0 and doc.text[tail_start: ln.end].count(";") >= 1:
            for s, e in _split_items(doc.text, tail_start, ln.end):
                out.append((kind, s, e, lead_short))
        elif colon >= 0 and _inline_infinitives(ln.text):
            for s, e in _split_coordinated(doc.text, tail_start + (len(doc.text[tail_start:ln.end]) - len(doc.text[tail_start:ln.end].lstrip())), ln.end):
                out.append((kind, s, e, lead_short))
        j = i + 1
        marked = j < len(lines) and lines[j].kind == "list_item"
        style = _marker_style(lines[j].marker) if marked else None
        # items end where the markers change: "a) b) c)" under "7. … DÉCIDE :" stop at "8."
        while (j < len(lines) and _is_item(lines[j], ln, first=j == i + 1) and (lines[j].kind == "list_item") == marked
               and (not marked or _marker_style(lines[j].marker) == style)):
            item = lines[j]
            for s, e in _split_items(doc.text, item.content_start, item.end) if item.text.count(";") > 1 else [(item.content_start, item.end)]:
                out.append((kind, s, e, lead_short))
            j += 1
    return out


def _lead_in(lines: list[Line], i: int) -> str | None:
    """The lead-in text when line i introduces a list of decisions, else None.

    Sub-headings inside a list block ("À l'endroit des États membres :") inherit the
    block's lead-in ("les participants ont formulé les recommandations suivantes :").
    """
    ln = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    heading_lead = ln.kind == "heading" and nxt is not None and nxt.kind == "list_item"
    addressee = bool(RD.ADDRESSEE_LINE_RE.match(ln.text))
    if heading_lead and not R.DECISION_LEAD_RE.search(ln.text) and not addressee and not (
            i > 0 and lines[i - 1].kind == "heading" and R.DECISION_LEAD_RE.search(lines[i - 1].text)):
        return None
    opens_list = nxt is not None and (
        (ln.text.rstrip().endswith(":") and _is_item(nxt, ln, first=True)) or heading_lead)
    inline = ln.kind == "prose" and ":" in ln.text and (ln.text.count(";") >= 1 or _inline_infinitives(ln.text))
    if not (opens_list or inline):
        return None
    context = [ln.text]
    j = i - 1
    # the block of one addressee ("Aux États :") follows the block of another: walk back through them all
    while j >= 0 and i - j <= (40 if addressee else 12):
        prev = lines[j]
        if prev.text.rstrip().endswith((":", ";")) or (prev.kind == "list_item" and ln.kind != "list_item") \
                or (prev.kind == "heading" and ln.kind == "heading"):
            context.insert(0, prev.text)
            if prev.text.rstrip().endswith(":") and R.DECISION_LEAD_RE.search(prev.text):
                break
            j -= 1
            continue
        if prev.kind == "heading" and j == i - 1:
            context.insert(0, prev.text)    # a section heading right above ("Recommandations") opens the block
        break
    joined = " ".join(context)
    return joined if R.DECISION_LEAD_RE.search(joined) else None


def _is_item(line: Line, lead: Line, *, first: bool = False) -> bool:
    if line.kind == "list_item":
        return True
    # Unmarked items after a colon: short lines that read like an action. The first may follow an
    # empty line; later ones end at the first empty line unless they end like list items (";").
    text = line.text.rstrip()
    if not (lead.text.rstrip().endswith(":") and line.kind in ("prose", "heading") and len(text) < 300):
        return False
    if not (text[:1].isupper() or R.INFINITIVE_RE.match(text) or re.match(r"(?:la|le|les|l['’]|un|une|des|du)\b", text)):
        return False
    if line.blank_before and not first and not text.endswith(";"):
        return False
    return text.endswith((".", ";", ","))


def _marker_style(marker: str | None) -> str:
    m = (marker or "").strip("().")
    if m.isdigit() or re.fullmatch(r"\d+\s?[-–°]?", m):
        return "number"
    if re.fullmatch(r"(?:[a-z]|[ivxIVX]+)\)?", m):
        return "letter"        # a), b) … and i., ii. … (an "i" opens either)
    return "bullet:" + m


def _inline_infinitives(text: str) -> bool:
    """'… décisions suivantes : renforcer X, interdire Y et procéder à Z.' — infinitives after the colon."""
    tail = text[text.rfind(":") + 1:].strip()
    return bool(R.INFINITIVE_RE.match(tail)) and len(_split_coordinated(tail, 0, len(tail))) >= 2


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


def _split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, cursor = [], start
    for m in _ITEM_SPLIT_RE.finditer(text, start, end):
        spans.append((cursor, m.start()))
        cursor = m.end()
    spans.append((cursor, end))
    out = []
    for s, e in spans:
        marker = R.LIST_MARKER_RE.match(text[s:e])
        if marker:
            s += marker.end()
        out.append((s, e))
    return out


def _prose_decisions(doc: Document) -> list[tuple[str, int, int, str]]:
    out = []
    for sent in doc.sentences:
        if sent.kind not in ("prose", "list_item"):
            continue
        lead_in = doc.text[sent.start: sent.end].rstrip().endswith(":")
        matches = sorted(list(R.PROSE_DECISION_RE.finditer(doc.text, sent.start, sent.end))
                         + list(RD.EXTRA_PROSE_DECISION_RE.finditer(doc.text, sent.start, sent.end)), key=lambda m: m.start())
        for m in matches:
            trigger = m.group("trigger").lower()
            link = m.group("link")
            start = m.end("link") if link.strip().lower() in ("de", "d'", "d’", "à", "a", "que", "qu'", "qu’") else m.start("link")
            end = _aim_end(doc.text, start, sent.end)
            later = [o.start() for o in matches if start < o.start() < end and _COORDINATED_VERB_RE.search(doc.text, start, o.start())]
            if later:         # "… d'ici juin, et a instruit la direction de …": a second statement of its own
                end = start + len(_COORDINATED_VERB_RE.sub("", doc.text[start:min(later)]))
            if _not_a_statement(doc.text, sent.start, m, start, end):
                continue
            if "annon" in trigger and any(start <= o.start() < end and "," not in doc.text[start:o.start()]
                                          for o in matches if o is not m):
                continue      # "a annoncé que le conseil a décidé d'allouer …": the inner statement is the decision
            if RD.SIGN_TRIGGER_RE.search(trigger):
                instrument = RD.SIGNED_INSTRUMENT_RE.search(doc.text, start, end)
                if instrument is None or RD.PURPOSE_CLAUSE_RE.search(doc.text, instrument.end(), end):
                    continue  # a signature is an event; what a convention is "destinée à" is its objective
                start = instrument.start()
            if lead_in:
                # a lead-in's items are the decisions; only "a adopté X et formule les … suivantes :" holds one more
                cut = RD.LIST_INTRO_TAIL_RE.search(doc.text, start, end)
                if cut is None:
                    continue
                end = cut.start()
                if RD.LIST_INTRO_WORD_RE.search(doc.text, start, end):
                    continue
            complement = doc.text[start:end]
            if R.TRIVIAL_COMPLEMENT_RE.match(complement) or not _substantial(complement):
                continue
            if "annon" in trigger and R.FORECAST_COMPLEMENT_RE.search(complement):
                continue  # a forecast, not a commitment
            if re.search(r"instruit|charg[ée]|enjoint|mandat[ée]|d[ée]cret|ordonnance|arr[êe]t[ée]|accord|autoris", trigger):
                kind = "decision"
            elif R.RECOMMENDATION_CUE_RE.search(trigger) or re.search(r"exhort|invit|appel", trigger):
                kind = "recommendation"
            elif R.COMMITMENT_CUE_RE.search(trigger) or re.search(r"annon|allai", trigger):
                kind = "commitment"
            else:
                kind = "decision"
            lead = doc.text[sent.start: m.end("trigger")][-120:]
            parts = _split_coordinated(doc.text, start, end) if is_infinitive(complement.split()[0].strip("’'")) else [(start, end)]
            for a, b in parts:
                if _substantial(doc.text[a:b]):
                    out.append((kind, a, b, lead))
    return out


def _not_a_statement(text: str, sent_start: int, m: re.Match, start: int, end: int) -> bool:
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


_COORDINATED_VERB_RE = re.compile(r"(?:,\s*|\s+)et\s*$|,\s*$")


def _substantial(text: str) -> bool:
    """At least three words, and not cut off on a function word ("les donateurs à")."""
    words = re.findall(r"[\w’']+", text)
    return len(words) >= 3 and words[-1].lower() not in _FUNCTION_WORDS


_FUNCTION_WORDS = {"à", "a", "de", "d", "des", "du", "le", "la", "les", "l", "pour", "et", "en", "au", "aux", "par", "sur",
                   "que", "qu", "qui", "un", "une", "avec", "dans"}


def _objectives(doc: Document) -> list[tuple[str, int, int, str]]:
    out = []
    for sent in doc.sentences:
        if sent.kind not in ("prose", "list_item"):
            continue
        matches = list(R.OBJECTIVE_RE.finditer(doc.text, sent.start, sent.end)) + \
            list(RD.EXTRA_OBJECTIVE_RE.finditer(doc.text, sent.start, sent.end))
        for m in matches:
            start = m.end()
            trigger = m.group("trigger").strip().lower()
            first = trigger.split()[0] if trigger else ""
            if RD.POPULATION_INTENT_TRIGGER_RE.match(first) and RD.POPULATION_SUBJECT_RE.search(doc.text, sent.start, m.start()):
                continue      # "40 % des ménages envisagent un nouveau départ": people's intentions, not a policy aim
            rest = doc.text[start: sent.end]
            incidental = _INCIDENTAL_RE.match(rest)
            if incidental:                         # "entend, par le biais de X, impulser …"
                start += incidental.end()
                rest = doc.text[start: sent.end]
            if first in _CONTINUES_WITH_INFINITIVE or trigger.startswith(("envisag",)):
                needs_infinitive = not trigger.startswith("envisag")
                if needs_infinitive and not R.INFINITIVE_RE.match(rest):
                    continue
                if not needs_infinitive and not (R.INFINITIVE_RE.match(rest) or R.NOMINAL_AIM_RE.match(rest)):
                    continue
            if _NOT_AN_AIM_RE.match(rest):
                continue
            end = _aim_end(doc.text, start, sent.end)
            if not _substantial(doc.text[start:end]):
                continue
            # objectives stay whole ("faire X et proposer Y" is one aim); decisions are split to be tracked.
            # "Le HCR entend étendre …" states what an actor will do: a commitment, as "promet de"
            kind = "commitment" if first in ("entend", "entendent") else "objective"
            out.append((kind, start, end, doc.text[sent.start: m.end()][-120:]))
    return out


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
