"""Figures stated in an article: value, unit, qualifier, indicator, label, country.

A number becomes a figure only when something is counted: people, money, a
percentage, a duration or a plural noun. Dates, years, ordinals, law and
article numbers, phone numbers, ages, temperatures and times are not figures.
An unquantified statement ("des millions d'autres au Niger") is kept with an
empty value, never dropped and never invented.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from etl import resources as R
from etl.countries import CountryMention
from etl.dates import DateMention
from etl.numbers import NumberSpan, find_numbers, parse_number
from etl.segment import Document, clauses
from etl.text import fold, stable_id

_WORD_AFTER_RE = re.compile(rf"^{R.SP}*(?:(?P<de>de{R.SP}+|d{R.APOS}{R.SP}*))?(?P<word>[^\W\d_][\w\-]*)", re.UNICODE)
_ADJ_BEFORE_NOUN = {"nouveaux", "nouvelles", "autres", "petites", "petits", "grandes", "grands", "principales", "principaux",
                    "différents", "différentes", "anciens", "anciennes", "vrais", "véritables", "jeunes", "millions"}
_DEFINITE_BEFORE_RE = re.compile(rf"\b(?:les|des|ces|ses|leurs|nos|vos|aux|tous{R.SP}+les|toutes{R.SP}+les){R.SP}+$", re.I)
_DIRECT_UNIT_RE = re.compile(r"^(?P<u>[hH])(?![\w])")
_PHONE_RE = re.compile(r"(?:\+\d{2,3}[\s.]?)?(?:\d{2}[\s.]){3,}\d{2}\b")
_INVARIABLE_UNITS = {"mois", "fois"}
_RANGE_TAIL_RE = re.compile(rf"\d+(?:[,.]\d+)?{R.SP}*(?:à|-|–|et|au){R.SP}*$")


@dataclass
class FigureContext:
    article_id: str
    countries: list[CountryMention]
    dominant_country: str | None
    dates: list[DateMention]
    published_date: str | None
    published_precision: str | None
    places: list[tuple[int, str]] = ()     # (offset, iso3) of towns, regions and facilities named in the text

    def locations(self, start: int, end: int, *, refugees: bool = False) -> list[tuple[int, str, str]]:
        """Where things happen in text[start:end]: (offset, iso3, kind) of countries (not donors) and places.

        For refugees a demonym names where they fled from, not where they are ("réfugiés soudanais").
        """
        found = [(m.start, m.iso3, m.kind) for m in self.countries if start <= m.start < end and not m.donor
                 and not (refugees and m.kind == "demonym")]
        found += [(pos, iso3, "place") for pos, iso3 in self.places if start <= pos < end]
        return sorted(found)


def extract_figures(doc: Document, ctx: FigureContext) -> list[dict]:
    text = doc.text
    rows: list[dict] = []
    last_count: dict | None = None   # the last count of people or households, for "en compte", "ce nombre"
    for sent in doc.sentences:
        if sent.kind not in ("prose", "list_item"):
            continue
        in_paragraph = [r for r in rows if r["paragraph_line"] == sent.line and r["value"] is not None]
        earlier = in_paragraph[-1] if in_paragraph else None   # what "d'entre eux", "d'autres" refer to
        # what "en compte", "ce nombre" may point back to when a paragraph opens with them
        back = last_count if last_count is not None and sent.start - last_count["char_end"] < 600 else None
        lead = _lead_of(doc, sent)
        previous: dict | None = None
        blocked = [(m.start(), m.end()) for m in _PHONE_RE.finditer(text, sent.start, sent.end)]
        blocked += [(d.start, d.end) for d in ctx.dates if sent.start <= d.start < sent.end]
        skip_to = -1
        numbers = find_numbers(text, sent.start, sent.end)
        for i, number in enumerate(numbers):
            if number.start < skip_to or any(a <= number.start < b for a, b in blocked):
                continue
            number = _with_restatement(text, number, numbers[i + 1] if i + 1 < len(numbers) else None)
            number = _with_currency_scale(text, number)
            change = _change_between(text, number, numbers[i + 1:], sent.start, sent.end, previous or earlier or back)
            if change:                 # "est passé de 1 902 150 à 1 520 012": two figures of one count
                for row in change:
                    row["paragraph_line"] = sent.line
                    rows.append(row)
                previous = change[-1]
                skip_to = change[-1]["number_end"]
                continue
            row = _figure_from_number(text, number, sent.start, sent.end, previous, earlier, lead=lead, back=back)
            if row is None:
                continue
            row["paragraph_line"] = sent.line
            if row["unit"] in ("people", "households"):
                last_count = row
            skip_to = row["number_end"]
            previous = row
            rows.append(row)
        for m in R.VAGUE_QUANTITY_RE.finditer(text, sent.start, sent.end):
            row = _unquantified(text, m, sent.start, sent.end, previous or earlier)
            if row is not None:
                row["paragraph_line"] = sent.line
                rows.append(row)
    rows.extend(_table_figures(doc))
    rows = [r for r in rows if not _not_a_reported_figure(text, r)]
    rows.sort(key=lambda r: r["char_start"])
    return _finish(rows, doc, ctx)


def _distance(text: str, row: dict) -> bool:
    """"à 920 kilomètres de Niamey", "long de 35 kilomètres": distances and lengths are not needs."""
    return row["unit"] in ("km", "kilomètres", "mètres", "m")


def _instruments_counted(text: str, row: dict) -> bool:
    """"ont signé trois conventions", "deux projets de loi", "les 2 parties": the count of the instruments or the
    parties is not a figure; what they are worth is."""
    value = row["value"]
    return value is not None and value <= 20 and row["unit"] in R.COUNTED_INSTRUMENTS


def _elapsed_time(text: str, row: dict) -> bool:
    """"depuis plus de dix ans", "il y a deux mois", "en quinze ans": time gone by, not a duration of an action."""
    if row["unit"] not in ("years", "months", "days", "weeks"):
        return False
    before = text[max(row["sentence"][0], row["number_start"] - 40): row["number_start"]]
    return bool(R.ELAPSED_BEFORE_RE.search(before))


def _personal_detail(text: str, row: dict) -> bool:
    """"mère de trois enfants", "son enfant d'à peine six mois": a person's life, not a count of people."""
    before = text[max(row["sentence"][0], row["number_start"] - 40): row["number_start"]]
    return bool(R.PERSONAL_BEFORE_RE.search(before))


def _vote_or_score(text: str, row: dict) -> bool:
    """"0 contre et 0 abstention", "37 buts et 5 passes décisives en 28 matchs": votes and sport results."""
    return row["unit"] in R.VOTE_AND_SCORE_UNITS


FIGURE_FILTERS = [("distance", _distance), ("instruments_counted", _instruments_counted),
                  ("elapsed_time", _elapsed_time), ("personal_detail", _personal_detail),
                  ("vote_or_score", _vote_or_score)]


def _not_a_reported_figure(text: str, row: dict) -> bool:
    return any(rule(text, row) for _, rule in FIGURE_FILTERS)


_RESTATED_RE = re.compile(rf"^{R.SP}*\({R.SP}*0*(?P<digits>\d{{1,4}}){R.SP}*\)")


def _with_restatement(text: str, n: NumberSpan, following: NumberSpan | None) -> NumberSpan:
    """"quatre (04) barrages", "douze (12)": one number written twice; the figure reads past the parenthesis."""
    m = _RESTATED_RE.match(text[n.end: n.end + 12])
    if not m or following is None or following.value != n.value or not n.words:
        return n
    return NumberSpan(n.start, n.end + m.end(), n.value, text[n.start: n.end + m.end()], n.words, n.scaled)


def _with_currency_scale(text: str, n: NumberSpan) -> NumberSpan:
    """"15 500 MFCFA", "30 Mds FCFA" (already scaled by numbers): a currency written with its scale."""
    m = R.SCALED_CURRENCY_RE.match(text[n.end: n.end + 20])
    if not m or n.scaled:
        return n
    end = n.end + m.end()
    return NumberSpan(n.start, end, n.value * R.SCALED_CURRENCY_FACTORS[m.group("scale").lower()], text[n.start:end],
                      n.words, True)


def _change_between(text: str, n: NumberSpan, following: list[NumberSpan], s_start: int, s_end: int,
                    source: dict | None) -> list[dict] | None:
    """"le nombre de déplacés est passé de 1 902 150 à 1 520 012", "passant de 1,571 à 1,676 milliard":
    the value before and the value after, each a figure counted as the sentence says."""
    before = text[max(s_start, n.start - 200): n.start]
    if not _CHANGE_FROM_RE.search(before) or not following:
        return None
    upper = following[0]
    link = text[n.end: upper.start]
    if not re.fullmatch(rf"{R.SP}*(?:à|a){R.SP}*", link) and not re.search(r"\b(?:pass[ée]e?s?|pass[ée]|port[ée]e?)\s+à\s*$", link):
        return None
    if upper.scaled and not n.scaled:
        n = _with_scale_of(n, upper)
    unit, unit_end, label_start = _unit(upper, text[n.start: upper.start], text[upper.end: s_end])
    label = None
    if unit is None:
        counted = _NUMBER_OF_LOOSE_RE.search(text, s_start, n.start) or _NUMBER_OF_CHANGE_RE.search(text, s_start, n.start)
        if counted:
            unit, label = _counted_unit(counted.group("label").split()[0].lower()), counted.group("label").strip()
        elif source is not None and source.get("unit"):
            unit, label = source["unit"], source["label"]
        else:
            return None
    rows = []
    for number in (n, upper):
        row = _row(text, number, s_start, s_end, unit, 0, 0, text[max(s_start, number.start - 60): number.start])
        row["char_start"], row["char_end"] = _clause_of(text, s_start, s_end, n.start)[0], _clause_of(text, s_start, s_end, upper.start)[1]
        row["label"] = label or _label(text, upper.end + label_start, row["char_end"], unit)
        row["label_before"] = label is not None
        rows.append(row)
    return rows


_CHANGE_FROM_RE = re.compile(rf"\b(?:pass(?:é|ée|és|ées|e|ent|ant|ait|aient)|[ée]volu[ée]?|augment[ée]e?|diminu[ée]e?|"
                             rf"baiss[ée]e?|grimp[ée]e?|chut[ée]e?|ramen[ée]e?)\b[^.;:]{{0,80}}?\bde{R.SP}*$|^{R.SP}*de{R.SP}*$", re.I)
_NUMBER_OF_CHANGE_RE = re.compile(rf"\b(?:le|la){R.SP}+(?:nombre|total|effectif|chiffre){R.SP}+d(?:e{R.SP}+|{R.APOS})"
                                  rf"(?P<label>[^\W\d_][^,.;:()\d]{{1,90}}?){R.SP}+(?:est|a|avait|était|s{R.APOS}est)\b", re.I)


def _lead_of(doc: Document, sent) -> str | None:
    """The line introducing a list ("Personnes retournées par région :") for its items."""
    if sent.kind != "list_item":
        return None
    for ln in reversed(doc.lines[:sent.line]):
        if ln.kind != "list_item":
            return ln.text if ln.text.rstrip().endswith(":") else None
    return None


def _table_figures(doc: Document) -> list[dict]:
    """One figure per number cell of a flattened table, counted as its column header says."""
    from etl.segment import RULE_CELLS_RE, table_cells

    text = doc.text
    rows: list[dict] = []
    header = None
    for idx, ln in enumerate(doc.lines):
        if ln.kind == "table_header":
            header = table_cells(ln.text)
            continue
        if ln.kind != "table_row":
            if not RULE_CELLS_RE.match(ln.text.strip()):
                header = None
            continue
        cells = table_cells(ln.text)
        if re.match(r"(?i)^(?:total|ensemble|sous-total)", cells[0]):
            continue          # the total restates the rows
        if header is None or len(header) != len(cells):
            continue
        first_number = next((i for i, c in enumerate(cells) if i and find_numbers(c)), len(cells))
        place = cells[first_number - 1] if first_number else cells[0]
        cursor = ln.start
        for col, cell in enumerate(cells):
            pos = text.find(cell, cursor, ln.end) if cell else -1
            if pos < 0:
                continue
            cursor = pos + len(cell)
            if col < first_number or not cell:
                continue
            numbers = find_numbers(text, pos, pos + len(cell))
            if len(numbers) != 1:
                continue
            head = header[col].lower()
            word = _WORD_AFTER_RE.match(" " + head)
            if "%" in cell or "%" in head:
                unit = "percent"
            elif word and word.group("word") in R.PEOPLE_NOUNS:
                unit = "people"
            elif word and word.group("word") in R.HOUSEHOLD_NOUNS:
                unit = "households"
            elif word and word.group("word").endswith(("s", "x")):
                unit = R.UNIT_NAMES.get(word.group("word"), word.group("word"))
            elif any(pattern.search(header[col]) for indicator, pattern in R.INDICATOR_CUES
                     if indicator not in ("count", "percentage", "other")) and float(numbers[0].value).is_integer():
                unit = "people"   # "Phase 3 à 5", "Déplacés internes": a column of people in that status
            else:
                continue
            n = numbers[0]
            rows.append({
                "value": n.value, "unit": unit, "qualifier": "exact", "label": header[col],
                "char_start": ln.start, "char_end": ln.end, "number_start": n.start, "number_end": n.end,
                "sentence": (ln.start, ln.end), "inherited": None, "surface": n.surface + f"#{col}",
                "place": place, "table_header": header[col], "paragraph_line": idx,
            })
    return rows


def _figure_from_number(text: str, n: NumberSpan, s_start: int, s_end: int, previous: dict | None,
                        earlier: dict | None = None, lead: str | None = None, back: dict | None = None) -> dict | None:
    before = text[max(s_start, n.start - 60): n.start]
    after = text[n.end: s_end]
    if _is_not_a_figure(n, before, after):
        return None
    unit, unit_end, label_start = _unit(n, before, after)
    emphasis = _EMPHASIS_CLOSE_RE.match(after)
    if unit is None and emphasis:   # "**216 350** enfants": Markdown bold around the number only
        unit, unit_end, label_start = _unit(n, before, after[emphasis.end():])
        unit_end, label_start = unit_end + emphasis.end(), label_start + emphasis.end()
    if unit is None:
        partitive = _PARTITIVE_RE.match(after)
        if partitive:          # "Quatorze des 38 districts": fourteen districts
            total = find_numbers(text, n.end + partitive.end(), s_end)
            if total and total[0].start == n.end + partitive.end():
                t_unit, t_end, t_label = _unit(total[0], "", text[total[0].end: s_end])
                if t_unit is not None:
                    return _row(text, n, s_start, s_end, t_unit, total[0].end - n.end + t_end, total[0].end - n.end + t_label, before)
        counted = _NUMBER_OF_RE.match(after)
        if counted:            # "porter à 150 le nombre de lits"
            word = counted.group("word").lower()
            unit = _counted_unit(word)
            return _row(text, n, s_start, s_end, unit, counted.end(), counted.start("word"), before)
        upper = _range_upper(text, n, s_end)
        if upper is not None:
            if R.AGE_BEFORE_RE.search(before) or R.AGE_BEFORE_RE.search(text[max(s_start, n.start - 60): upper.start]):
                return None   # "âgés de 6 à 59 mois": an age bracket
            if _HAVE_BETWEEN_RE.search(before) and R.AGE_UNIT_AFTER_RE.match(text[upper.end: s_end]):
                return None   # "les malades ont entre 15 et 45 ans"
            up_unit, up_end, up_label = _unit(upper, text[n.start: upper.start], text[upper.end: s_end])
            counted = _NUMBER_OF_RE.match(text[upper.end: s_end]) if up_unit is None else None
            if counted:        # "entre 12 000 et 15 000 le nombre de personnes arrivées"
                word = counted.group("word").lower()
                up_unit = _counted_unit(word)
                up_label = counted.start("word")
            if up_unit is not None:
                if not n.scaled and upper.scaled:
                    n = _with_scale_of(n, upper)
                # one figure for the range: the lower bound, at least; the upper bound in value_max
                row = _row(text, n, s_start, s_end, up_unit, 0, 0, before)
                row["label"] = _label(text, upper.end + up_label, _clause_of(text, s_start, s_end, upper.start)[1], up_unit)
                row["qualifier"] = "at_least"
                row["value_max"] = upper.value
                row["number_end"] = upper.end
                return row
            return None
        number_of = _NUMBER_OF_BEFORE_RE.search(text[max(s_start, n.start - 160): n.start])
        if number_of:          # "le nombre de personnes déplacées internes a atteint 176 300"
            word = number_of.group("label").split()[0].lower()
            unit = _counted_unit(word)
            row = _row(text, n, s_start, s_end, unit, 0, 0, before)
            row["label"] = number_of.group("label").strip()
            row["label_before"] = True    # "le nombre de réfugiés … : 8 300": the label says who they are
            return row
        # a duration says how long, never what is counted: "triplé en quinze ans, … que 5 200" counts the people before
        carried = earlier if previous is not None and previous.get("unit") in _DURATION_UNITS else previous
        if carried is not None and carried.get("unit") and carried["value"] is not None and (n.scaled or _is_bare(after)):
            # "le Mali 330 713, le Niger 507 438": the unit and what is counted carry over
            row = _row(text, n, s_start, s_end, carried["unit"], n.end, n.end, before, inherited=carried)
            row["own_cues_first"] = True
            return row
        labelled = _labelled_value(text, n, s_start, s_end, before, lead)
        if labelled is not None:
            return labelled
        paren = _PAREN_NOUN_BEFORE_RE.search(before)
        if paren and after.lstrip(" \u00a0\u202f").startswith(")"):
            word = paren.group("word").lower()
            if word in R.PEOPLE_NOUNS or word in R.HOUSEHOLD_NOUNS:   # "le plus grand nombre de PDI (486 905)"
                row = _row(text, n, s_start, s_end, _counted_unit(word), 0, 0, before)
                row["label"] = paren.group("word")
                row["label_before"] = True
                return row
        if previous is None and n.scaled and _is_bare(after) and _ends_with_country(text, s_start, n.start):
            # "le nombre de personnes en insécurité alimentaire atteint le Niger 3,2 millions, le Mali …":
            # millions named by country and nothing else are people
            counted = _NUMBER_OF_LOOSE_RE.search(text, s_start, n.start)
            row = _row(text, n, s_start, s_end, "people", 0, 0, before)
            row["label"] = counted.group("label").strip() if counted else "personnes"
            row["label_before"] = bool(counted)
            return row
        source = previous or earlier or back
        if source is not None and source.get("unit") and source["value"] is not None and _THIS_NUMBER_BEFORE_RE.search(before):
            # "Ce nombre pourrait atteindre 47,2 millions": the same count, another value
            row = _row(text, n, s_start, s_end, source["unit"], n.end, n.end, before, inherited=source)
            return row
        if source is not None and source.get("unit") and source["value"] is not None and _EN_PRONOUN_BEFORE_RE.search(before):
            # "Le Bounkani en compte à lui seul environ 9 800": "en" stands for what was just counted
            row = _row(text, n, s_start, s_end, source["unit"], n.end, n.end, before, inherited=source)
            row["own_cues_first"] = True
            return row
        if source is not None and source.get("unit") and source["value"] is not None and _SUBJECT_AFTER_RE.match(after):
            # "1 203 ont rouvert leurs portes", "9 400 d'entre eux vivent …": a subject standing for the noun before
            row = _row(text, n, s_start, s_end, source["unit"], n.end, n.end, before, inherited=source)
            row["own_cues_first"] = True
            return row
        return None
    if unit == "years" and R.AGE_APPOSITION_RE.match(after) and re.search(r"[,(]\s*$", before) and n.value < 120:
        return None           # "Tiémoko Sylla, 61 ans, a plaidé": an age in apposition
    if unit in ("years", "months") and (R.AGE_BEFORE_RE.search(before)
                                        or _HAVE_BETWEEN_RE.search(_RANGE_TAIL_RE.sub("", before))):
        return None           # an age ("âgés de 45 ans", "enfants de moins de 5 ans"), not a duration
    if unit == "hours" and n.value <= 24 and R.CLOCK_BEFORE_RE.search(before):
        return None           # a time of day ("à 10 heures", "le journal de 13 heures")
    return _row(text, n, s_start, s_end, unit, unit_end, label_start, before)


_PAREN_NOUN_BEFORE_RE = re.compile(rf"\b(?P<word>[^\W\d_][\w\-]*){R.SP}*\({R.SP}*$")
_THIS_NUMBER_BEFORE_RE = re.compile(
    rf"\b(?:ce|cet){R.SP}+(?:m[êe]me{R.SP}+)?(?:nombre|chiffre|total|effectif)\b[^.;:\d]{{0,50}}$", re.I)
_COUNTRY_ITEM_BEFORE_RE = re.compile(
    rf"(?:^|[\s,:;])(?:le|la|les|l{R.APOS})\s*(?P<name>[A-ZÀ-Ý][\w\-]*(?:{R.SP}+(?:d{R.APOS})?[A-ZÀ-Ý][\w\-]*){{0,2}}){R.SP}*$")


def _ends_with_country(text: str, s_start: int, pos: int) -> bool:
    """The text before ``pos`` ends with "le Niger", "la Côte d'Ivoire": an item of a list by country."""
    from etl.countries import find_countries

    m = _COUNTRY_ITEM_BEFORE_RE.search(text[max(s_start, pos - 60): pos])
    if not m:
        return False
    start = max(s_start, pos - 60) + m.start("name")
    return any(c.start == start and c.kind == "name" and not c.donor for c in find_countries(text, start, pos))


_HAVE_BETWEEN_RE = re.compile(rf"\b(?:ont|a|avaient|avait|ayant){R.SP}+(?:entre|de){R.SP}*$", re.I)
_EMPHASIS_CLOSE_RE = re.compile(r"(?:\*{1,2}|_{1,2})(?=[ \u00a0\u202f])")
_BARE_AFTER_RE = re.compile(
    rf"^{R.SP}*(?:[,;.)]|$|»|(?:à|au|aux|en|dans|pour|contre|chez|sur|vers){R.SP}+(?:l[ea]s?{R.SP}+|l{R.APOS}|d[eu]s?{R.SP}+)?\w"
    rf"|et{R.SP}+(?:l[ea]s?{R.SP}+|l{R.APOS})?[A-ZÀ-Ý])"
)
_SUBJECT_AFTER_RE = re.compile(
    rf"^{R.SP}*(?:d{R.APOS}{R.SP}*entre{R.SP}+(?:eux|elles)|(?:ont|sont|a|est|avaient|étaient|seront|auront|vivent|"
    rf"restent|attendent|demeurent|se{R.SP}+trouvent|sont{R.SP}+arrivée?s|ont{R.SP}+été|pourraient|devraient|"
    rf"y{R.SP}+(?:vivent|sont|seraient|restent))\b|sous{R.SP}+(?:sa|leur){R.SP}+forme)", re.I)
_EN_PRONOUN_BEFORE_RE = re.compile(
    rf"\ben{R.SP}+(?:compt\w*|accueill\w*|abrit\w*|h[ée]berg\w*|d[ée]nombr\w*|recens\w*|re[çc]oi\w*|"
    rf"(?:a|ont|avait|avaient){R.SP}+(?:re[çc]u|accueilli|enregistr[ée]|recens[ée]|d[ée]nombr[ée]|h[ée]berg[ée]))\b"
    rf"[^.;:\d]{{0,40}}$", re.I)
_DRAFT_TEXTS_RE = re.compile(rf"^{R.SP}*(?:avant-)?projets?{R.SP}+d(?:e{R.SP}+(?:loi|décret|d[ée]cret|résolution)|{R.APOS}ordonnance)", re.I)
_PARTITIVE_RE = re.compile(rf"^{R.SP}+(?:des|d{R.APOS}entre{R.SP}+les|sur{R.SP}+les){R.SP}+", re.I)
_NUMBER_OF_RE = re.compile(rf"^{R.SP}+(?:le|la){R.SP}+(?:nombre|total|effectif|capacité){R.SP}+d(?:e{R.SP}+|{R.APOS})(?P<word>[^\W\d_][\w\-]*)", re.I)
_NUMBER_OF_LABEL = (rf"\b(?:le|la|du){R.SP}+(?:nombre|total|effectif){R.SP}+(?:total{R.SP}+)?d(?:e{R.SP}+|{R.APOS})"
                    rf"(?P<label>[^\W\d_][^,.;:()\d]{{1,90}}?)")  # "le nombre de personnes déplacées"
_DURATION_UNITS = frozenset(R.DURATION_UNITS.values())
_NUMBER_OF_BEFORE_RE = re.compile(
    rf"{_NUMBER_OF_LABEL}"
    rf"{R.SP}+(?:a{R.SP}+atteint|atteint|atteignait|atteindrait|s{R.APOS}[ée]l(?:[èe]ve(?:rait)?|evait)(?:{R.SP}+(?:d[ée]sormais|aujourd{R.APOS}hui|maintenant|d[ée]j[àa]))?{R.SP}+[àa]|"
    rf"est{R.SP}+(?:de|estim[ée]{R.SP}+[àa]|pass[ée]{R.SP}+[àa]|d[ée]sormais{R.SP}+de)|passe{R.SP}+[àa]|a{R.SP}+[ée]t[ée]{R.SP}+port[ée]{R.SP}+[àa]|"
    rf"se{R.SP}+chiffr(?:e|ait){R.SP}+[àa]|avoisin(?:e|ait)|[^.:;\d]{{0,40}}:|"
    rf"(?:est{R.SP}+rest[ée]e?|reste|demeure|est{R.SP}+demeur[ée]e?)(?:{R.SP}+stable)?{R.SP}+[àa])"
    rf"{R.SP}*(?:(?:d[ée]sormais|aujourd{R.APOS}hui|maintenant|d[ée]j[àa]){R.SP}+)?"
    rf"(?:(?:pr[èe]s{R.SP}+de|environ|plus{R.SP}+de|au{R.SP}+moins|quelque){R.SP}+)?$", re.I)
_NUMBER_OF_LOOSE_RE = re.compile(   # the same, anywhere before the number ("… atteint, selon …, le Niger 3,2 millions")
    rf"{_NUMBER_OF_LABEL}{R.SP}+(?=(?:a{R.SP}+|est{R.SP}+|pourrait{R.SP}+)?"
    rf"(?:atteint|atteindr|s{R.APOS}[ée]l[èe]v|est|pass|se{R.SP}+chiffr|avoisin|se{R.SP}+r[ée]partit))", re.I)
_RANGE_AFTER_RE = re.compile(rf"^{R.SP}*(?:à|et|-|–|au){R.SP}*(?=\d|[a-zà-ÿ])")


_LABEL_COLON_RE = re.compile(
    rf"^{R.SP}*(?P<label>[^\W\d_][^:\d|]{{0,80}}?){R.SP}*:{R.SP}*"
    rf"(?:(?:pr[èe]s{R.SP}+de|environ|plus{R.SP}+de|au{R.SP}+moins|quelque){R.SP}+)?$", re.I)
_LABEL_NOUN_RE = re.compile(r"[^\W\d_][\w\-]*")


def _labelled_value(text: str, n: NumberSpan, s_start: int, s_end: int, before: str, lead: str | None) -> dict | None:
    """"Ménages déplacés : 302 107", "Réfugiés maliens : environ 61 800 dans la région de …": the
    line's label says what is counted; a region label ("Nord : 98 517") takes it from the lead
    line above ("Personnes retournées par région :")."""
    m = _LABEL_COLON_RE.match(text[s_start: n.start])
    if not m:
        return None
    own = m.group("label").strip()
    for source in (own, (lead or "").strip(" :")):
        nouns = [w.lower() for w in _LABEL_NOUN_RE.findall(source)]
        if nouns and (nouns[0] in R.PEOPLE_NOUNS or nouns[0] in R.HOUSEHOLD_NOUNS):
            row = _row(text, n, s_start, s_end, _counted_unit(nouns[0]), 0, 0, before)
            row["label"] = source if source == own else f"{source} – {own}"
            row["label_before"] = True
            return row
    return None


def _counted_unit(word: str) -> str:
    """The unit of "le nombre de <word>": people, households, or the counted noun."""
    if word in R.UNIT_NAMES:
        return R.UNIT_NAMES[word]
    if word in R.PEOPLE_NOUNS:
        return "people"
    return "households" if word in R.HOUSEHOLD_NOUNS else word


def _is_bare(after: str) -> bool:
    return bool(_BARE_AFTER_RE.match(after))


def _range_upper(text: str, n: NumberSpan, s_end: int) -> NumberSpan | None:
    """The upper bound when n opens a range ("entre 1,8 et 2,1 millions", "de 6 à 59 mois")."""
    m = _RANGE_AFTER_RE.match(text[n.end: s_end])
    if not m:
        return None
    following = find_numbers(text, n.end + m.end(), min(s_end, n.end + m.end() + 40))
    if not following or following[0].start != n.end + m.end():
        return None
    upper = following[0]
    return upper


def _with_scale_of(n: NumberSpan, upper: NumberSpan) -> NumberSpan:
    bare = parse_number(re.sub(r"\s*(?:milliards?|millions?|milliers|mille|mds?|M|k|K)\.?$", "", upper.surface))
    factor = upper.value / bare if bare else 1
    return NumberSpan(n.start, n.end, n.value * factor, n.surface, n.words, True)


def _is_not_a_figure(n: NumberSpan, before: str, after: str) -> bool:
    if R.ORDINAL_AFTER_RE.match(after) or R.TEMPERATURE_AFTER_RE.match(after) or R.TIME_AFTER_RE.match(after):
        return True
    if R.REFERENCE_NUMBER_BEFORE_RE.search(before) or R.REFERENCE_NUMBER_BEFORE_RE.search(_RANGE_TAIL_RE.sub("", before)):
        return True           # "loi n° 12", and the end of "phases 3 à 5"
    if not n.words and not n.scaled and re.fullmatch(r"(?:19|20)\d{2}", n.surface):
        word = _WORD_AFTER_RE.match(after)
        if not (word and word.group("word").lower() in R.PEOPLE_NOUNS):
            return True       # a year
    if R.FRACTION_AFTER_RE.match(after):
        return True           # "deux tiers des déplacés"
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
    if m.group("de") and not n.scaled and (n.value or 0) < 1000:
        return None, 0, 0      # "3 de ces pays"
    if word[:1].isupper() and word.endswith("s") and _demonym_iso3(word):
        return "people", m.end(), m.start("word")   # "4 210 Maliens": people, named by where they come from
    if _DRAFT_TEXTS_RE.match(after):
        return None, 0, 0      # "deux projets de décret": the council's agenda, not a figure
    lower = word.lower()
    if lower in _ADJ_BEFORE_NOUN:
        nxt = _WORD_AFTER_RE.match(after[m.end():])
        if nxt and not nxt.group("de"):
            m2_word = nxt.group("word").lower()
            if m2_word in R.PEOPLE_NOUNS or m2_word.endswith(("s", "x")):
                found = _classify_noun(m2_word, m.end() + nxt.end(), m.start("word"), n)
                if found[0] is not None:
                    return found   # "nouveaux déplacés"; "18000 jeunes dans …" counts the jeunes themselves
    return _classify_noun(lower, m.end(), m.start("word"), n, after)


def _demonym_iso3(word: str) -> str | None:
    from etl.countries import find_countries

    found = find_countries(word)
    return found[0].iso3 if len(found) == 1 and found[0].kind == "demonym" and found[0].end - found[0].start == len(word) else None


def _classify_noun(word: str, end: int, label_start: int, n: NumberSpan, after: str = "") -> tuple[str | None, int, int]:
    if word in R.DURATION_UNITS:
        if R.RELATIVE_TIME_AFTER_RE.match(after[end:]):
            return None, 0, 0  # "dix ans plus tôt", "deux jours après": when, not how long
        return R.DURATION_UNITS[word], end, label_start
    if word in R.PEOPLE_UNIT_NAMES:
        return R.PEOPLE_UNIT_NAMES[word], end, label_start
    if word in R.PEOPLE_NOUNS:
        return "people", end, label_start
    if word in R.HOUSEHOLD_NOUNS:
        return "households", end, label_start
    if word in R.SHORT_UNITS:
        return R.SHORT_UNITS[word], end, label_start     # "1 000 ha", "21 772 199 m3"
    if word in R.MONTHS or word in R.NOT_A_UNIT or len(word) < 3 or not word.isalpha() and "-" not in word:
        return None, 0, 0
    plural = word.endswith(("s", "x", "z")) or word in _INVARIABLE_UNITS
    if n.value > 1 and not plural:
        return None, 0, 0      # "2 mars", "4 juillet": a counted noun agrees in number
    return R.UNIT_NAMES.get(word, word), end, label_start


def _row(text: str, n: NumberSpan, s_start: int, s_end: int, unit: str, unit_end: int, label_start: int,
         before: str, inherited: dict | None = None) -> dict:
    clause = _clause_of(text, s_start, s_end, n.start)
    qualifier = "approx" if R.APPROX_SURFACE_RE.match(n.surface) else _qualifier(before)
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
    inherited = None
    label_from = m.end()
    if word:
        w = word.group("word").lower()
        if w in R.PEOPLE_NOUNS:
            unit = "people"
            label_from = m.end() + word.start("word")
        elif w == "autres":
            nxt = _WORD_AFTER_RE.match(after[word.end():])
            noun = nxt.group("word").lower() if nxt and not nxt.group("de") else None
            if noun in R.PEOPLE_NOUNS:
                unit, label_from = "people", m.end() + word.end() + nxt.start("word")
            elif noun in R.HOUSEHOLD_NOUNS:
                unit, label_from = "households", m.end() + word.end() + nxt.start("word")
            elif previous is not None and previous.get("unit") in ("people", "households"):
                unit = previous["unit"]
            inherited = previous
        elif w in R.HOUSEHOLD_NOUNS:
            unit, label_from = "households", m.end() + word.start("word")
    if unit is None:
        return None
    clause = _clause_of(text, s_start, s_end, m.start())
    return {
        "value": None, "unit": unit, "qualifier": "unquantified",
        "label": _label(text, label_from, clause[1], unit),
        "char_start": clause[0], "char_end": clause[1], "number_start": m.start(), "number_end": m.end(),
        "sentence": (s_start, s_end), "inherited": inherited, "own_cues_first": True, "surface": m.group(0),
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


def _indicator(text: str, row: dict, previous: dict | None) -> str:
    unit = row["unit"]
    if row.get("inherited") is not None and not row.get("own_cues_first"):
        return row["inherited"]["indicator"]
    if unit == "percent":
        clause = text[row["char_start"]: row["window"][1]]
        if R.FUNDING_SHARE_RE.search(text[max(row["char_start"], row["number_start"] - 90): row["number_start"]]):    # "le plan n'est financé qu'à 17 %": funding coverage
            return "funding_required" if R.FUNDING_GAP_RE.search(clause) else "funding_received"
        return "percentage"
    if unit in _DURATION_UNITS:
        return "duration"
    clause_text = text[row["char_start"]: row["char_end"]]
    sentence_text = text[row["sentence"][0]: row["sentence"][1]]
    if unit in R.MONEY_UNITS:
        window = text[row["char_start"]: row["window"][1]]
        if R.PRICE_RE.search(window):
            return "other"    # "le sac de mil s'échange à 35 000 FCFA"
        # the figure's own clause first: "un financement requis de 771 M$, dont 28 % ont été mobilisés"
        if R.FUNDING_RECEIVED_RE.search(clause_text):
            return "funding_received"
        if R.FUNDING_REQUIRED_RE.search(clause_text):
            return "funding_required"
        if R.FUNDING_RECEIVED_RE.search(sentence_text):
            return "funding_received"
        return "funding_required"
    if row.get("table_header") is not None:
        for indicator, pattern in R.INDICATOR_CUES:
            if pattern.search(row["table_header"]):
                return indicator
        return "count" if unit != "percent" else "percentage"
    if row.get("label_before"):   # "Personnes retournées : 389 412": the label says who they are
        for indicator, pattern in R.INDICATOR_CUES:
            if pattern.search(row["label"]):
                return indicator
    if unit in ("people", "households") or unit in R.PEOPLE_UNIT_NAMES.values():
        noun = _WORD_AFTER_RE.match(text[row["number_end"]: row["char_end"]])
        noun_word = noun.group("word").lower() if noun else ""
        if (R.KILLED_BEFORE_RE.search(text[max(row["char_start"], row["number_start"] - 30): row["number_start"]])
                or R.KILLED_AFTER_RE.match(text[row["number_end"]: row["char_end"]])):
            return "deaths"   # "tué 576 personnes" (HXL #affected+killed)
        if unit == "deaths":
            return "deaths"
        if noun_word in R.STAFF_NOUNS or unit in ("injured", "cases"):
            return "count"    # staff and participants, deaths, injuries, cases: counted, not a humanitarian status
        before_number = text[row["char_start"]: row["number_start"]]
        for indicator, pattern in R.INTENT_BEFORE_CUES:
            if pattern.search(before_number):
                return indicator
        # what follows the number, up to the next figure, says what is counted
        label_window = text[row["number_start"]: row["window"][1]]
        for window in (label_window, text[row["char_start"]: row["window"][1]]):
            for indicator, pattern in R.INDICATOR_CUES:
                if pattern.search(window):
                    return indicator
        if previous is not None and previous.get("indicator") not in (None, "count") and R.ANAPHORIC_STATUS_RE.search(clause_text):
            return previous["indicator"]   # "… seraient concernées": the status of the figure before
        if row.get("inherited") is not None:
            return row["inherited"].get("indicator") or "count"
        if noun_word in R.GENERIC_PEOPLE_NOUNS or unit == "households":
            # "le camp de réfugiés abrite 200 000 personnes": one status in the sentence says who they are
            statuses = {ind for ind, pattern in R.INDICATOR_CUES
                        if ind not in ("targeted", "reached") and pattern.search(sentence_text)}
            if len(statuses) == 1:
                return statuses.pop()
            # "… projette 52,7 millions de personnes en phase 3 à 5. Le Nigeria concentre 30,6 millions de personnes":
            # the paragraph goes on counting the same people
            if (not statuses and previous is not None and previous.get("paragraph_line") == row.get("paragraph_line")
                    and previous.get("unit") == unit and previous.get("indicator") not in (None, "count", "targeted", "reached")):
                return previous["indicator"]
        return "count"
    return "count"


def _country(text: str, row: dict, ctx: FigureContext) -> str | None:
    """The country a figure is about: its stretch of clause, its sentence, its paragraph, then the article's.

    Donors never count; a demonym ("réfugiés maliens") gives way to where people are, except for returnees.
    """
    a, b = row["window"]
    money = (row.get("indicator") or "").startswith("funding")
    # money: a town of another country than those the paragraph names is where it was signed ("le Bénin a signé …
    # à Washington", "au siège de la banque à Abidjan … avec le gouvernement du Niger"), not where it goes
    towns = ("place", "capital")
    named = {iso3 for _, iso3, kind in ctx.locations(*row["paragraph"]) if kind not in towns} if money else set()

    def where(start: int, end: int, **kw) -> list[tuple[int, str, str]]:
        return [f for f in ctx.locations(start, end, **kw) if not (named and f[2] in towns and f[1] not in named)]

    if R.REGIONAL_SCOPE_RE.search(text, a, b) and not ctx.locations(a, b):
        return None           # "52 millions de personnes en Afrique de l'Ouest"
    if R.COUNTRY_GROUP_RE.search(text, a, b):
        return None           # "dans les cinq pays côtiers et en Mauritanie"
    found = where(a, b, refugees=row.get("indicator") == "refugees")
    if not found:
        lead = _locative_clause_before(text, row)
        if lead is not None:
            found = where(*lead)
    follows = [f for f in found if row["number_end"] <= f[0] <= row["number_end"] + 30
               and re.search(r"\b(?:au|aux|en|à|dans)\s+(?:l[ae]\s+|l['’])?$", text[row["number_end"]: f[0]])]
    if follows:
        return follows[0][1]  # "850 000 au Niger"
    chosen = _pick(found, row)
    if chosen:
        return chosen
    s, e = row["sentence"]
    refugees = row.get("indicator") == "refugees"
    chosen = _pick(where(s, e, refugees=refugees), row, whole=True)
    if chosen:
        return chosen
    in_sentence = where(s, e, refugees=refugees)
    if in_sentence and money and ctx.dominant_country:
        return ctx.dominant_country   # donor countries named around the amount: the money is for the article's country
    if in_sentence:
        return None           # several countries and nothing ties the figure to one
    if R.REGIONAL_SCOPE_RE.search(text, s, e):
        return None           # said of a region or a group of countries
    paragraph = {iso3 for _, iso3, _ in where(*row["paragraph"], refugees=refugees)}
    if len(paragraph) == 1:
        return paragraph.pop()
    if paragraph and ctx.dominant_country not in paragraph:
        return None           # the paragraph is about other countries than the article
    return ctx.dominant_country   # the article's country, named in the paragraph among others or not at all


def _origin(text: str, row: dict, ctx: FigureContext) -> str | None:
    """Where refugees, asylum seekers or migrants come from: "réfugiés maliens", "4 210 Maliens", "en provenance du
    Nigeria". The country_iso3 of a refugee figure is its host; this is the other end of the journey."""
    if row.get("indicator") not in ("refugees", "returnees", "idps"):
        return None
    a, b = row["window"]
    a = min(a, row["number_start"])
    demonyms = [m.iso3 for m in ctx.countries if a <= m.start < max(b, row["number_end"] + 40) and m.kind == "demonym"]
    coming = [m.iso3 for m in ctx.countries if a <= m.start < b and m.kind == "name"
              and R.ORIGIN_BEFORE_RE.search(text[max(a, m.start - 40): m.start])]
    found = [iso for iso in demonyms + coming if iso != row.get("country_iso3")]
    if row.get("indicator") == "returnees":
        return None       # returnees are home: their country is where they are
    return found[0] if found else None


def _locative_clause_before(text: str, row: dict) -> tuple[int, int] | None:
    """'Au Mali, 1,5 million …': the short clause before the figure's own clause, when it only names a place."""
    s, _ = row["sentence"]
    parts = clauses(text, s, row["sentence"][1])
    for prev, cur in zip(parts, parts[1:]):
        if cur[0] == row["char_start"]:
            words = text[prev[0]: prev[1]].split()
            if len(words) <= 7 and _LOCATIVE_RE.match(text[prev[0]: prev[1]]):
                return prev
    return None


_LOCATIVE_RE = re.compile(r"^(?:(?:et|mais|tandis\s+qu['’]|alors\s+qu['’]|quant\s+à)\s*)?(?:au|aux|en|à|dans|pour|du\s+côté|chez)\b", re.I)


def _pick(found: list[tuple[int, str, str]], row: dict, whole: bool = False) -> str | None:
    isos = {iso3 for _, iso3, _ in found}
    if len(isos) == 1:
        return isos.pop()
    if not isos:
        return None
    demonyms = {iso3 for _, iso3, kind in found if kind == "demonym"}
    places = {iso3 for _, iso3, kind in found if kind != "demonym"}
    if row.get("indicator") == "returnees" and len(demonyms) == 1:
        return next(iter(demonyms))
    if len(places) == 1:
        return next(iter(places))
    if whole:
        return None
    before = [iso3 for pos, iso3, kind in found if pos < row["number_start"] and kind != "demonym"]
    return before[-1] if before else None


def _reference_date(row: dict, ctx: FigureContext) -> tuple[str | None, str | None]:
    s, e = row["sentence"]
    in_sentence = [d for d in ctx.dates if s <= d.start < e and d.date_start]
    if in_sentence:
        return in_sentence[0].date_start, in_sentence[0].precision
    return ctx.published_date, ctx.published_precision


def _table_statuses(rows: list[dict]) -> None:
    """A table column that says only "personnes": the people the article is about (its most frequent status)."""
    statuses = Counter(r["indicator"] for r in rows if r.get("table_header") is None and r["unit"] == "people"
                       and r["indicator"] not in ("count", "targeted", "reached"))
    if not statuses:
        return
    main = statuses.most_common(1)[0][0]
    for r in rows:
        if r.get("table_header") is not None and r["unit"] == "people" and r["indicator"] == "count":
            r["indicator"] = main


def _set_windows(rows: list[dict], i: int, doc: Document) -> None:
    """The stretch of its clause that belongs to a figure: from the figure before it to the one after."""
    row = rows[i]
    start, end = row["char_start"], row["char_end"]
    prev = rows[i - 1] if i else None
    nxt = rows[i + 1] if i + 1 < len(rows) else None
    if prev is not None and prev["char_start"] == start and prev["number_end"] <= row["number_start"]:
        start = prev["number_end"]
    if nxt is not None and nxt["char_start"] == row["char_start"] and nxt["number_start"] >= row["number_end"]:
        end = nxt["number_start"]
    cause = R.CAUSE_RE.search(doc.text, row["number_end"], end)
    if cause:
        end = cause.start()
    row["window"] = (start, end)
    sent = doc.sentence_at(row["char_start"])
    line = doc.lines[sent.line] if sent else None
    row["paragraph"] = (line.start, line.end) if line else row["sentence"]


def _finish(rows: list[dict], doc: Document, ctx: FigureContext) -> list[dict]:
    text = doc.text
    out: list[dict] = []
    seen: dict[tuple, tuple] = {}     # figure → the sentence that first stated it
    occurrences: dict[tuple, int] = {}
    for i, row in enumerate(rows):
        _set_windows(rows, i, doc)
        row["indicator"] = _indicator(text, row, rows[i - 1] if i else None)
    _table_statuses(rows)
    for i, row in enumerate(rows):
        row["country_iso3"] = _country(text, row, ctx)
        row["origin_iso3"] = _origin(text, row, ctx)
        key = (row["value"], row["unit"], row["indicator"], row["country_iso3"])
        if row["value"] is not None and key in seen and seen[key] != row["sentence"]:
            continue          # the same figure restated later in the article (within one sentence: another place)
        seen.setdefault(key, row["sentence"])
        ref, precision = _reference_date(row, ctx)
        sentence = text[row["sentence"][0]: row["sentence"][1]]
        id_key = (fold(sentence), row["surface"])   # as stable_id sees it: ’ and ' are one sentence
        occurrences[id_key] = occurrences.get(id_key, 0) + 1
        out.append({
            "figure_id": stable_id("fig", ctx.article_id, sentence, row["surface"], occurrences[id_key]),
            "article_id": ctx.article_id,
            "country_iso3": row["country_iso3"],
            "place": row.get("place"),
            "indicator": row["indicator"],
            "value": row["value"],
            "value_max": row.get("value_max"),
            "unit": row["unit"],
            "qualifier": row["qualifier"],
            "label": row["label"],
            "reference_date": ref,
            "reference_precision": precision if ref else None,
            "quote": text[row["char_start"]: row["char_end"]],
            "char_start": row["char_start"],
            "char_end": row["char_end"],
            "source_kind": "article",
            "origin_iso3": row.get("origin_iso3"),
        })
    return out
