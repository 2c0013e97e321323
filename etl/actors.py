"""People and organisations: mentions in one article, then merged across articles.

People are found by spaCy's French NER and by layout patterns it misses: titles
("Prof.", "Monsieur", "colonel Major"), roles in apposition ("X, ministre de …",
"Le Secrétaire général de …, X") and names written in capitals, which the model
labels as organisations. Organisations come with their acronyms ("Nom long
(SIGLE)"), from institutional head nouns ("Ambassade de …", "Commission …") and
from stand-alone acronyms. Variants of one name ("Akossiwa Zinsou-Klassou" /
"Kossiwa ZINSOU-KLASSOU") are merged.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from etl import resources as R
from etl.countries import CountryMention
from etl.segment import Document
from etl.text import fold, stable_id

_UP = "A-ZÀ-ÖØ-ÝŒ"
_LOW = "a-zà-öø-ÿœ"
# Hyphens, apostrophes and the slash of married names ("OUÉDRAOGO/ZONGO") join parts of one name.
_NAME_TOKEN = rf"(?:[{_UP}][{_LOW}]+(?:[-'’/][{_UP}]?[{_LOW}]+)*|[{_UP}]{{2,}}(?:[-'’/][{_UP}]{{2,}})*|[{_UP}]\.(?:-[{_UP}]\.)?)"
_PARTICLE = r"(?:de|da|dos|du|ben|bin|ould|ag|el|al|van|von|le|la)"
_NAME_RE = re.compile(rf"{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_TOKEN}){{1,4}}")
_TITLE_RE = re.compile(rf"\b{R.PERSON_TITLES_RE}\s+$")
_TITLE_START_RE = re.compile(rf"^{R.PERSON_TITLES_RE}\s+")
_ROLE_HEADS_ALT = "|".join(sorted((re.escape(h).replace("'", "['’]") for h in R.ROLE_HEADS), key=len, reverse=True))
_ROLE_HEAD_RE = re.compile(rf"\b(?:{_ROLE_HEADS_ALT})\b", re.I)
_ROLE_RIGHT_BEFORE_RE = re.compile(rf"(?:^|\s)(?:le\s+|la\s+|l['’])?(?P<role>{_ROLE_HEADS_ALT})\s+$", re.I)
_ROLE_CONTINUES_RE = re.compile(r"^(?:de|du|des|d['’]|et\s+(?:de|du|des|d['’]|la|le|l['’])|chargée?\s+d|en\s+charge|pour\s+l|auprès)", re.I)
_ACRONYM_RE = re.compile(rf"(?<![\w-])[{_UP}][{_UP}0-9&]{{1,9}}(?![\w-])")
_PAREN_ACRONYM_RE = re.compile(rf"\((?P<acr>(?:[{_UP}][\w&\-]*\s?){{1,3}})\)")
_ORG_HEAD_RE = re.compile(r"\b(?:" + "|".join(sorted((re.escape(h) for h in R.ORG_HEADS), key=len, reverse=True)) + r")\b")
_FACILITY_HEAD_RE = re.compile(r"\b(?:" + "|".join(sorted((re.escape(h) for h in R.FACILITY_HEADS), key=len, reverse=True)) + r")\b")
_STOP_AFTER_NAME = re.compile(r"^\s*(?:,|\.|;|:|\)|«|»|\bqui\b|\bque\b|\ba\b|\bont\b|\best\b|\bsont\b|\bavec\b|\bdans\b|\bsur\b|"
                              r"\bpour\s+(?!la\b|le\b|les\b|l['’])|\bpar\b|\bvers\b|\bafin\b|\bau\s+cours\b|\blors\b|$)")
_SPEECH_VERB_BEFORE_RE = re.compile(r"(?:a\s+d[ée]clar[ée]|a\s+soulign[ée]|a\s+indiqu[ée]|a\s+affirm[ée]|a\s+expliqu[ée]|"
                                    r"a\s+pr[ée]cis[ée]|a\s+ajout[ée]|selon|d['’]apr[èe]s|pour|a\s+rappel[ée]|explique|souligne|indique)\s+$", re.I)
_NATIONAL_ROLE_RE = re.compile(r"\b(?:ministre|premier\s+ministre|pr[ée]sident|secr[ée]taire\s+g[ée]n[ée]ral\s+du\s+gouvernement|"
                               r"porte-parole\s+du\s+gouvernement|chef\s+de\s+l['’][ée]tat|d[ée]put[ée])", re.I)
_NOT_NAME_WORDS = set(w.lower() for w in (list(R.MONTHS) + list(R.WEEKDAYS) + [
    "Le", "La", "Les", "Un", "Une", "Des", "Ce", "Cette", "Ces", "Selon", "Pour", "Avec", "Dans", "Grâce", "Parlant",
    "Lors", "Depuis", "Ainsi", "Mais", "Et", "En", "Au", "Aux", "Du", "De", "Il", "Elle", "Ils", "Elles", "Nous", "Vous",
    "Etat", "État", "États", "Etats", "Afrique", "Europe", "Amérique", "Asie", "Sahel", "Nord", "Sud", "Est", "Ouest",
    "Centre", "Région", "Gouvernement", "République", "Ministère", "Ministre", "Président", "Forum", "Alliance",
    "Programme", "Projet", "Initiative", "Stratégie", "Plan", "Accueil", "Partager", "Publicité", "Monde", "International",
    "Conseil", "Commission", "Assemblée", "Nations", "Unies", "Union", "Fonds", "Agence", "Ambassade", "Port", "Peace",
    "Security", "Global", "Forum", "Primature", "Coordination", "Mécanisme", "Communauté", "Climat", "Sécurité", "Paix",
    "Développement", "Action", "Affaires", "Justice", "Santé", "Économie", "Finances", "Intérieur", "Défense",
]))


@dataclass
class Mention:
    name: str
    kind: str
    start: int
    end: int
    role: str | None = None
    acronym: str | None = None
    country_iso3: str | None = None


def spacy_people(parsed) -> list[tuple[int, int]]:
    """Spans spaCy labels as people, plus ORG spans shaped like 'Prénom NOM' (``parsed``: etl.parse.parse of the text)."""
    spans = []
    for ent in parsed.ents:
        if ent.label_ == "PER" or (ent.label_ in ("ORG", "MISC", "LOC") and _looks_like_capitalised_name(ent.text)):
            spans.append((ent.start_char, ent.end_char))
    return spans


def _looks_like_capitalised_name(text: str) -> bool:
    tokens = _TITLE_START_RE.sub("", text).split()
    return (2 <= len(tokens) <= 5 and any(t.isupper() and len(t) > 2 for t in tokens)
            and any(t[:1].isupper() and not t.isupper() for t in tokens))


def find_mentions(doc: Document, *, countries: list[CountryMention], dominant_country: str | None,
                  person_spans: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Actor mentions inside the article's content (never in site furniture)."""
    text = doc.text
    spans = doc.content_spans()
    country_spans = [(m.start, m.end) for m in countries]
    people = _people(text, spans, person_spans or [], country_spans)
    taken = [(p.start, p.end) for p in people]
    orgs = _organisations(text, spans, taken, country_spans)
    for m in people + orgs:
        m.country_iso3 = m.country_iso3 or _country_of(m, text, countries, dominant_country)
    return sorted(people + orgs, key=lambda m: m.start)


# ------------------------------------------------------------------ people
def _people(text: str, spans, person_spans, country_spans) -> list[Mention]:
    out: list[Mention] = []
    candidates: dict[tuple[int, int], bool] = {}
    for s, e in spans:
        for m in _NAME_RE.finditer(text, s, e):
            candidates[(m.start(), m.end())] = False
    for s, e in person_spans:
        if any(a <= s < b for a, b in spans):
            candidates[(s, e)] = True
    for (s, e), from_model in sorted(candidates.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        s, e = _strip_title(text, s, e)
        name = text[s:e]
        tokens = name.split()
        if len(tokens) < 2 or any(_overlaps((s, e), c) for c in country_spans) or _has_non_name_word(tokens):
            continue
        if text[max(0, s - 1): s] == "(":
            continue          # "(Migration MPTF)": an acronym after a name, not a person
        role_before = _role_before(text, s, spans)
        role_after = _role_after(text, e, spans)
        titled = bool(_TITLE_RE.search(text[max(0, s - 40): s]))
        speech = bool(_SPEECH_VERB_BEFORE_RE.search(text[max(0, s - 30): s]))
        if not (from_model or titled or role_before or role_after or speech):
            continue
        if any(_overlaps((s, e), (p.start, p.end)) for p in out):
            continue
        title = _title_role(text, s)
        roles = [r for r in (title, role_after, role_before) if r]
        role = ", ".join(roles) if (role_after or role_before) else title
        out.append(Mention(name, "person", s, e, role=role))
    return out


def _has_non_name_word(tokens: list[str]) -> bool:
    words = [t.strip(",.;:()«»") for t in tokens]
    return any(w.lower() in _NOT_NAME_WORDS for w in words) or all(w.isupper() for w in words) and len(words) > 3


def _strip_title(text: str, s: int, e: int) -> tuple[int, int]:
    m = _TITLE_START_RE.match(text[s:e])
    while m:
        s += m.end()
        m = _TITLE_START_RE.match(text[s:e])
    return s, e


def _title_role(text: str, s: int) -> str | None:
    m = _TITLE_RE.search(text[max(0, s - 40): s])
    if not m:
        return None
    title = m.group(0).strip()
    if re.fullmatch(r"(?:M\.|Mme\.?|Monsieur|Madame|Mademoiselle|Mlle)", title):
        return None         # civilities are not roles
    return title


def _role_after(text: str, e: int, spans) -> str | None:
    """'X, ministre de l'Action sociale, de la solidarité …, a déclaré' → the role."""
    end = _span_end(e, spans)
    rest = text[e:end]
    m = re.match(r"^\s*,\s*(?:le\s+|la\s+|l['’])?", rest)
    if not m:
        return None
    cursor = e + m.end()
    head = _ROLE_HEAD_RE.match(text, cursor)
    if not head:
        return None
    segments = []
    pos = cursor
    while pos < end:
        comma = text.find(",", pos, end)
        stop = min([i for i in (comma, text.find(".", pos, end), text.find(";", pos, end)) if i >= 0], default=end)
        segments.append(text[pos:stop])
        if stop == comma and _ROLE_CONTINUES_RE.match(text[comma + 1: end].lstrip()):
            pos = comma + 1
            continue
        break
    role = ",".join(segments).strip()
    return _clean_role(role)


def _role_before(text: str, s: int, spans) -> str | None:
    """'Le Secrétaire général de la Primature du Burkina Faso, X' or 'le ministre X' → the role."""
    start = _span_start(s, spans)
    before = _TITLE_RE.sub("", text[start:s])
    m = re.search(r",\s*$", before)
    if m:
        clause_start = max(before.rfind(",", 0, m.start()), before.rfind(".", 0, m.start()), before.rfind(":", 0, m.start()))
        clause = before[clause_start + 1: m.start()]
        head = _ROLE_HEAD_RE.search(clause)
        if head:
            return _clean_role(clause[head.start():])
        return None
    m = _ROLE_RIGHT_BEFORE_RE.search(before)
    if m:
        return _clean_role(m.group("role"))
    return None


def _clean_role(role: str) -> str | None:
    role = re.sub(r"\s+", " ", role).strip(" ,;:")
    role = _TITLE_START_RE.sub("", role) if not _ROLE_HEAD_RE.match(role) else role
    if not role or len(role) > 200:
        return None
    return role[:1].lower() + role[1:] if role[:1].isupper() and not role[:2].isupper() else role


def _span_start(pos: int, spans) -> int:
    return next((a for a, b in spans if a <= pos <= b), pos)


def _span_end(pos: int, spans) -> int:
    return next((b for a, b in spans if a <= pos <= b), pos)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# ------------------------------------------------------------------ organisations
def _organisations(text: str, spans, taken, country_spans) -> list[Mention]:
    out: list[Mention] = []

    def add(m: Mention) -> None:
        if any(_overlaps((m.start, m.end), t) for t in taken) or any(_overlaps((m.start, m.end), (o.start, o.end)) for o in out):
            return
        out.append(m)

    parentheticals = []
    for s, e in spans:
        for m in _PAREN_ACRONYM_RE.finditer(text, s, e):
            parentheticals.append((m.start(), m.end()))
            acronym = m.group("acr").strip()
            if acronym in R.ACRONYM_STOPLIST or not re.search(rf"[{_UP}]{{2,}}", acronym):
                continue
            name_start = _long_name_start(text, s, m.start())
            if name_start is None:
                continue
            name = text[name_start: m.start()].strip()
            kind = "facility" if _FACILITY_HEAD_RE.match(name) else "organization"
            add(Mention(name, kind, name_start, name_start + len(name), acronym=acronym))
        for m in _FACILITY_HEAD_RE.finditer(text, s, e):
            end = _phrase_end(text, m.end(), e)
            name = text[m.start(): end].strip()
            if len(name.split()) >= 2 and re.search(rf"\s[{_UP}]", name):
                add(Mention(name, "facility", m.start(), m.start() + len(name)))
        for m in _ORG_HEAD_RE.finditer(text, s, e):
            end = _phrase_end(text, m.end(), e)
            name = text[m.start(): end].strip()
            sentence_initial = m.start() == s or text[max(s, m.start() - 2): m.start()].strip() in (".", "!", "?")
            if sentence_initial and not re.search(rf"\s[{_UP}]", name):
                continue
            if len(name.split()) < 2 and name not in ("Primature", "Présidence"):
                continue
            add(Mention(name, "organization", m.start(), m.start() + len(name)))
    for s, e in spans:
        for m in _ACRONYM_RE.finditer(text, s, e):
            acronym = m.group(0)
            if (acronym in R.ACRONYM_STOPLIST or acronym.lower() in R.NOT_AN_ACTOR_WORDS
                    or re.fullmatch(r"[IVXLC]+", acronym) or len(acronym) < 3):
                continue          # two letters alone ("SE", "UC", "G5") name nothing a reader could look up
            if _capitals_line(text, m.start()):
                continue          # "AU TITRE DU MINISTERE DE L’ECONOMIE": a heading, not acronyms
            if any(_overlaps((m.start(), m.end()), c) for c in country_spans + parentheticals):
                continue
            if _shouting(text, m.start(), m.end()) or text[m.start() - 1: m.start()] == "/" or text[m.end(): m.end() + 1] == "/":
                continue          # "n° 2017-112/PR": part of a reference, not an organisation
            add(Mention(acronym, "organization", m.start(), m.end(), acronym=acronym))
    return out


def _capitals_line(text: str, pos: int) -> bool:
    """The line around pos is written in capitals (a heading): its words are not acronyms."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    words = re.findall(r"[^\W\d_]{2,}", text[start: end if end >= 0 else len(text)])
    caps = [w for w in words if w.isupper()]
    return len(caps) >= 3 and len(caps) >= 0.7 * len(words)


def _shouting(text: str, s: int, e: int) -> bool:
    """An all-capitals word inside an all-capitals line or name is not an acronym."""
    window = text[max(0, s - 25): e + 25]
    words = re.findall(r"[^\W\d_]{2,}", window)
    caps = [w for w in words if w.isupper()]
    if len(caps) >= 3 and len(caps) >= len(words) - 1:
        return True
    before = text[max(0, s - 30): s]
    return bool(re.search(rf"[{_UP}][{_LOW}]+\s+$", before)) and len(text[s:e]) > 5


def _long_name_start(text: str, floor: int, paren: int) -> int | None:
    """Start of 'Nom de l'organisation' right before '(SIGLE)'."""
    before = text[floor:paren]
    # English-style or capitalised names: a run of capitalised words and linkers
    tokens = list(re.finditer(r"[\w'’\-]+", before))
    i = len(tokens) - 1
    start = None
    caps = 0
    while i >= 0:
        tok = tokens[i].group(0)
        bare = re.sub(r"^[dl]['’]", "", tok, flags=re.I)
        if bare[:1].isupper():
            start = tokens[i].start()
            caps += 1
        elif tok.lower() not in R.NAME_LINKERS and not re.match(r"^[dl]['’]$", tok, re.I):
            break
        i -= 1
    if start is not None and caps >= 2 and before[start:].strip():
        return floor + start + _skip_elided_article(before[start:])
    head = None
    for m in _ORG_HEAD_RE.finditer(before):
        head = m
    if head is not None and len(before[head.start():].split()) <= 16:
        return floor + head.start()
    return None


def _skip_elided_article(name: str) -> int:
    m = re.match(r"^(?:l['’]|d['’])", name, re.I)
    return m.end() if m else 0


def _phrase_end(text: str, pos: int, limit: int) -> int:
    """End of an institutional name: continues over 'de/des/du/pour/la/au …' and names, stops at verbs and punctuation."""
    end = pos
    words = 0
    prev, last_end = "", 0
    for m in re.finditer(r"\s*(?P<tok>[\w'’\-]+|[^\w\s])", text[pos:limit]):
        tok = m.group("tok")
        if not re.match(r"[\w'’]", tok) or words >= 14 or re.match(r"^(?:s|n|qu)['’]", tok, re.I):
            break         # "s'est tenu": a verb follows the name
        low = tok.lower()
        if low == "et":
            nxt = re.match(r"\s*([\w'’\-]+)", text[pos + m.end(): limit])
            if not nxt or not (nxt.group(1).lower() in R.NAME_LINKERS or nxt.group(1)[:1].isupper()
                              or re.match(r"^[dl]['’]", nxt.group(1), re.I)):
                break
            if re.match(r"^(?:l['’]|(?:le|la|les)$)", nxt.group(1), re.I):
                break     # "… et le Fonds …": a second name; a name's own parts join with "et de / et des"
        elif (words > 0 and re.match(r"^(?:pour|de|à)$", prev) and tok[:1].islower() and re.search(r"(?:er|ir|oir|re)$", low)
              and not re.match(rf"^[dl]['’][{_UP}]", tok)):  # "de l’Agriculture" is a name going on, not "de faire"
            end = pos + last_end
            break
        elif low in ("qui", "que", "a", "ont", "est", "sont", "avec", "dans", "sur", "par", "lors", "afin", "mais", "ou",
                     "se", "s'", "s’", "y", "ne", "il", "elle", "ils", "elles", "le", "les") and words > 0 and low not in ("le", "les") \
                or re.match(r"^(?:a|ont|est|sont|va|vont|sera)$", low):
            break
        last_end = end - pos
        end = pos + m.end()
        words += 1
        prev = low
    name = text[pos:end]
    # no trailing linkers
    trimmed = re.sub(r"(?:\s+(?:de|des|du|d['’]|la|le|les|l['’]|pour|et|au|aux|en|à))+\s*$", "", name, flags=re.I)
    return pos + len(trimmed)


# ------------------------------------------------------------------ countries of actors
def _country_of(m: Mention, text: str, countries: list[CountryMention], dominant: str | None) -> str | None:
    inside = [c for c in countries if m.start <= c.start < m.end]
    if m.kind != "person" and inside:
        # "Ambassade de France au Togo": the first country names the owner
        return inside[0].iso3
    if m.role:
        in_role = [c.iso3 for c in countries if c.surface in m.role]
        if in_role:
            return in_role[-1]
    after = text[m.end: m.end + 25]
    follow = re.match(r"^\s*(?:\([^)]*\)\s*)?(?:du|de\s+la|de\s+l['’]|des|au)\s+", after)
    if follow:
        near = [c for c in countries if m.end <= c.start <= m.end + len(follow.group(0)) + 2]
        if near:
            return near[0].iso3
    if m.kind == "person" and m.role and _NATIONAL_ROLE_RE.search(m.role):
        return dominant
    if m.kind == "organization" and re.search(r"\bnational", m.name, re.I):
        return dominant
    return None


# ------------------------------------------------------------------ rows and merging
def is_actor_name(name: str) -> bool:
    """A name a reader could look up: not only function words or heading words ("DE", "AU TITRE DU"), not a lone
    particle or two capitals."""
    words = re.findall(r"[\w’']+", name or "")
    if not words or all(w.lower().strip("’'") in R.NOT_AN_ACTOR_WORDS for w in words):
        return False
    return not (len(words) == 1 and len(words[0]) <= 2)


def mention_rows(doc: Document, mentions: list[Mention], *, article_id: str) -> list[dict]:
    """One row per mention, with the sentence it came from as the quote."""
    rows = []
    for m in mentions:
        if not is_actor_name(m.name):
            continue
        sent = doc.sentence_at(m.start)
        s, e = (sent.start, sent.end) if sent else (m.start, m.end)
        rows.append({
            "article_id": article_id, "name": m.name, "kind": m.kind, "role": m.role, "acronym": m.acronym,
            "country_iso3": m.country_iso3, "mention": m.name, "quote": doc.text[s:e], "char_start": s, "char_end": e,
        })
    return rows


def display_name(name: str) -> str:
    """'Kossiwa ZINSOU-KLASSOU' → 'Kossiwa Zinsou-Klassou' (organisation acronyms untouched)."""
    def fix(tok: str) -> str:
        if tok.isupper() and len(tok) > 2:
            return "-".join(p.capitalize() for p in tok.split("-"))
        return tok
    return " ".join(fix(t) for t in name.split())


def _person_key(name: str) -> tuple[str, str]:
    tokens = fold(display_name(name)).split()
    return tokens[-1] if tokens else "", " ".join(tokens[:-1])


def _compatible(first_a: str, first_b: str) -> bool:
    if not first_a or not first_b:
        return True
    a, b = first_a.replace(" ", ""), first_b.replace(" ", "")
    return a == b or a.endswith(b) or b.endswith(a) or a.startswith(b) or b.startswith(a) or a[0] == b[0] and len(min(a, b, key=len)) <= 2


def merge_actor_mentions(mentions: list[dict]) -> tuple[list[dict], list[dict]]:
    """Merge mentions from every article into distinct actors → (actors rows, actor_mentions rows)."""
    groups: list[dict] = []
    by_acronym: dict[str, dict] = {}
    by_org_name: dict[str, dict] = {}
    by_surname: dict[str, list[dict]] = defaultdict(list)
    by_key: dict[tuple[str, str], dict] = {}
    assignment: list[dict] = []
    ordered = sorted(range(len(mentions)), key=lambda i: (mentions[i]["kind"] != "person", mentions[i].get("acronym") is None
                                                          or mentions[i]["name"] == mentions[i].get("acronym")))
    slots: list[dict | None] = [None] * len(mentions)
    for i in ordered:
        m = mentions[i]
        if m["kind"] == "person":
            surname, first = _person_key(m["name"])
            group = next((g for g in by_surname[surname] if _compatible(g["first"], first)), None)
            if group is None:
                group = {"kind": "person", "key": surname + "|" + first, "first": first, "mentions": []}
                by_surname[surname].append(group)
                groups.append(group)
            elif len(first) > len(group["first"]):
                group["first"] = first
        else:
            acronym = m.get("acronym")
            name_key = fold(m["name"])
            group = (by_acronym.get(acronym) if acronym else None) or by_org_name.get(name_key)
            if group is None:
                key = acronym if acronym and m["name"] != acronym else name_key
                # "ONU" alone and "Organisation des Nations unies (ONU)" are one actor: one key, one id
                group = by_key.get((m["kind"], fold(key)))
                if group is None:
                    group = {"kind": m["kind"], "key": key, "mentions": []}
                    by_key[(m["kind"], fold(key))] = group
                    groups.append(group)
            if acronym:
                by_acronym.setdefault(acronym, group)
                for part in acronym.split():      # "(Migration MPTF)" is also cited as "MPTF"
                    if part.isupper() and len(part) > 1:
                        by_acronym.setdefault(part, group)
            by_org_name.setdefault(name_key, group)
        group["mentions"].append(m)
        slots[i] = group
    actors = []
    for g in groups:
        ms = g["mentions"]
        names = [x["name"] for x in ms if not (x.get("acronym") and x["name"] == x["acronym"])] or [ms[0]["name"]]
        best_name = max(names, key=lambda n: (not n.isupper(), any(t.isupper() and len(t) > 2 for t in n.split()) is False, len(n)))
        name = display_name(best_name) if g["kind"] == "person" else best_name
        roles = [x["role"] for x in ms if x.get("role")]
        countries = Counter(x["country_iso3"] for x in ms if x.get("country_iso3"))
        acronyms = Counter(x["acronym"] for x in ms if x.get("acronym"))
        g["actor_id"] = stable_id("act", g["kind"], g["key"])
        aliases = sorted({x["name"] for x in ms} - {name})
        actors.append({
            "actor_id": g["actor_id"], "name": name, "kind": g["kind"],
            "role": max(roles, key=len) if roles else None,
            "country_iso3": countries.most_common(1)[0][0] if countries else None,
            "acronym": acronyms.most_common(1)[0][0] if acronyms else None,
            "aliases": " | ".join(aliases) if aliases else None,
            "n_articles": len({x["article_id"] for x in ms}), "n_mentions": len(ms),
        })
    seen = set()
    for i, m in enumerate(mentions):
        g = slots[i]
        key = (g["actor_id"], m["article_id"], m["char_start"], m["char_end"])
        if key in seen:
            continue
        seen.add(key)
        assignment.append({
            "actor_id": g["actor_id"], "article_id": m["article_id"], "quote": m["quote"],
            "char_start": m["char_start"], "char_end": m["char_end"], "mention": m["mention"], "role": m.get("role"),
        })
    return actors, assignment
