"""Extraction of one article's text into contract rows.

This is the seam between reading files (etl.reading / etl.pipeline) and the
extractors (figures, decisions, events, actors, places). It works on a string
and knows nothing of files, so the app's preview can call it directly.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

# Bump when a change of rules must re-extract every cached article (the pipeline also hashes the code).
EXTRACTOR_VERSION = "1"


@dataclass
class Extraction:
    """What one article yields. Row dicts use the contract's column names.

    Offsets (char_start, char_end) index ``text`` exactly as it was passed in.
    ``actor_mentions`` rows carry name/kind/role/country_iso3 of the mention;
    the pipeline merges them across articles into actors.csv.
    ``place_mentions`` rows carry name/kind/country_iso3 hints; the pipeline
    resolves them into places.csv.
    """

    title: str | None = None
    published_date: str | None = None
    published_precision: str | None = None
    language: str = "fr"
    figures: list[dict] = field(default_factory=list)
    decisions: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    actor_mentions: list[dict] = field(default_factory=list)
    place_mentions: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract_article(
    text: str,
    *,
    article_id: str,
    published_date: str | None = None,
    title: str | None = None,
) -> Extraction:
    """Extract figures, decisions, events, actors and places from one article.

    ``published_date`` (ISO, from a sidecar or HTML metadata) wins over a
    dateline found in the text. Relative dates are resolved against it.
    """
    from etl import actors, places
    from etl import resources as R
    from etl.countries import find_countries
    from etl.dates import anchored_dates, complete_years, find_dates
    from etl.decisions import extract_decisions
    from etl.events import extract_events
    from etl.figures import FigureContext, extract_figures
    from etl.parse import parse
    from etl.segment import segment

    doc = segment(text)
    precision = None
    if published_date:
        precision = "day" if len(published_date) == 10 else ("month" if len(published_date) == 7 else "year")
    elif doc.dateline is not None and doc.dateline.date_start:
        published_date, precision = doc.dateline.date_start, doc.dateline.precision
    spans = doc.content_spans()
    countries = [m for s, e in spans for m in find_countries(text, s, e)]
    dates = [d for s, e in spans for d in find_dates(text, s, e, published=published_date)]
    dates = sorted(dates + [d for s, e in spans for d in anchored_dates(text, dates, s, e, published=published_date)],
                   key=lambda d: d.start)
    dates = complete_years(dates)
    parsed = parse(doc.masked_text())
    person_spans = actors.spacy_people(parsed)
    first_pass = actors.find_mentions(doc, countries=countries, dominant_country=None, person_spans=person_spans)
    people = [(m.start, m.end) for m in first_pass if m.kind == "person"]
    # "Conseil norvégien pour les réfugiés", "Croix-Rouge française": a country in a name is not where things happen;
    # a state's own institution ("Assemblée nationale du Bénin") is that country
    orgs = [(m.start, m.end) for m in first_pass if m.kind != "person"]
    countries = [replace(c, donor=True) if any(a <= c.start < b for a, b in orgs)
                 and not R.STATE_OF_BEFORE_RE.search(text, max(0, c.start - 40), c.start) else c for c in countries]
    # "Mme Rasmata OUÉDRAOGO/ZONGO" is a person, whatever town shares her name
    place_mentions = [p for p in places.find_place_mentions(text, spans)
                      if not any(a < p["char_end"] and p["char_start"] < b for a, b in people)]
    # a capital the country finder set aside (a donor's, a foreign meeting's venue) is no place where things happen
    set_aside = [(c.start, c.end) for c in countries if c.donor]
    located_places = [(p["char_start"], p["country_iso3"]) for p in place_mentions
                      if p.get("kind") != "country" and p.get("country_iso3")
                      and not any(a <= p["char_start"] < b for a, b in set_aside)]
    dominant = _dominant_country(doc, countries, located_places)

    figures = extract_figures(doc, FigureContext(article_id, countries, dominant, dates, published_date, precision,
                                                 located_places))
    _attach_places(figures, [p for p in place_mentions if not any(a <= p["char_start"] < b for a, b in set_aside)],
                   text)

    def place_finder(_text: str, s: int, e: int) -> list[dict]:
        return [p for p in place_mentions if s <= p["char_start"] < e]

    events = extract_events(doc, article_id=article_id, dates=dates, countries=countries,
                            dominant_country=dominant, place_finder=place_finder)
    dated = [ev for ev in events if ev["date_precision"] in ("day", "month") and ev["date_start"]]
    announced, announced_precision = ((dated[0]["date_start"], dated[0]["date_precision"]) if dated
                                      else (published_date, precision))
    decisions = extract_decisions(doc, article_id=article_id, announced_date=announced,
                                  announced_precision=announced_precision, country_iso3=dominant,
                                  parsed=parsed)
    mentions = actors.find_mentions(doc, countries=countries, dominant_country=dominant, person_spans=person_spans)
    place_rows = []
    for p in place_mentions:
        sent = doc.sentence_at(p["char_start"])
        place_rows.append({**p, "article_id": article_id,
                           "context_start": sent.start if sent else p["char_start"],
                           "context_end": sent.end if sent else p["char_end"]})
    return Extraction(
        title=_title(doc, title),
        published_date=published_date,
        published_precision=precision,
        language=detect_language(doc.masked_text()),
        figures=figures,
        decisions=decisions,
        events=events,
        actor_mentions=actors.mention_rows(doc, mentions, article_id=article_id),
        place_mentions=place_rows,
    )


def _title(doc, given: str | None) -> str | None:
    """The headline (the page's own, else the heading above the text); with none, the first sentence, shortened."""
    from etl.titles import clean_headline, first_sentence_title

    # A title given with the article (its sidecar) is the page's own: cleaned, never thrown away.
    headline = (clean_headline(given) or (given or "").strip()) or clean_headline(doc.title.text if doc.title else None)
    if headline:
        return headline
    first = next((s for s in doc.sentences if s.kind == "prose"), None) or (doc.sentences[0] if doc.sentences else None)
    return first_sentence_title(doc.text[first.start: first.end]) if first else None


def _dominant_country(doc, countries, located_places) -> str | None:
    """The country the article is about, weighing its title, its text and the places it names.

    None when the article is about a region: several countries and regional words (AES, CEDEAO, Sahel…).
    """
    from collections import Counter

    from etl import places
    from etl import resources as R
    from etl.countries import dominant_country, find_countries

    evidence: Counter = Counter()
    for m in countries:
        if not m.donor:
            evidence[m.iso3] += 1
    for _, iso3 in located_places:
        evidence[iso3] += 1
    if doc.title is not None:
        title_span = [(doc.title.start, doc.title.end)]
        # the headline names what the article is about: it outweighs passing mentions
        # (a donor or a foreign meeting's venue in the headline says where the money or the meeting comes from)
        in_title = find_countries(doc.text, doc.title.start, doc.title.end)
        set_aside = [(m.start, m.end) for m in in_title if m.donor]
        for m in in_title:
            if not m.donor:
                evidence[m.iso3] += 3
        for p in places.find_place_mentions(doc.text, title_span):
            if (p.get("kind") != "country" and p.get("country_iso3")
                    and not any(a <= p["char_start"] < b for a, b in set_aside)):
                evidence[p["country_iso3"]] += 3
    top = evidence.most_common(1)[0] if evidence else None
    if top and top[1] >= 0.5 * sum(evidence.values()) and top[1] >= 3:
        return top[0]         # half the evidence or more: the article is about it, whatever else it mentions
    regional_words = sum(len(R.REGIONAL_SCOPE_RE.findall(doc.text, s, e)) for s, e in doc.content_spans())
    if regional_words >= 2 and len(evidence) >= 3:
        return None
    return dominant_country(evidence)


def _attach_places(figures: list[dict], place_mentions: list[dict], text: str = "") -> None:
    """A sub-national place named in a figure's clause ("dans la région de X, …") becomes its place, and the figure
    its scope: admin_level 0 (national), 1, 2 or "site", from the place's kind or the word that names it."""
    from etl import resources as R

    for fig in figures:
        inside = [p for p in place_mentions
                  if fig["char_start"] <= p["char_start"] < fig["char_end"] and p.get("kind") not in ("country", None)]
        level = None
        if inside and not fig.get("place"):
            fig["place"] = inside[0]["name"]
            level = R.PLACE_KIND_LEVELS.get(inside[0].get("kind"))
            if not fig.get("country_iso3") and inside[0].get("country_iso3"):
                fig["country_iso3"] = inside[0]["country_iso3"]
        cue = _scope_cue(text, fig) if text else None
        if cue is not None:
            cue_level, name = cue
            level = cue_level if level is None or level == "site" and cue_level != "site" else level
            fig["place"] = fig.get("place") or name
        if level is None and fig.get("place"):
            level = 1         # a place with no known kind: a table's row names a region
        if level is None and fig.get("country_iso3"):
            level = 0
        fig["admin_level"] = None if level is None else str(level)


def _scope_cue(text: str, fig: dict) -> tuple[object, str] | None:
    """"dans la région de Mopti" (1), "le département de Matam" (2), "la commune de Gaya" (site) in the figure's clause."""
    from etl import resources as R

    start = fig["char_start"]
    lead = text[max(0, start - 100): start]
    cut = max(lead.rfind(c) for c in ".!?\n;")
    if not any(ch.isdigit() for ch in lead[cut + 1:]):
        start -= len(lead) - cut - 1     # "Au Mali, dans la région de Mopti, 1,3 million …": the clause before names it
    for level, pattern in R.SCOPE_CUES:
        m = pattern.search(text, start, fig["char_end"])
        if m:
            if level == 2 and m.group(0).lower().startswith("province") and fig.get("country_iso3") in R.PROVINCE_IS_FIRST_LEVEL:
                level = 1
            return level, m.group("name")
    return None


_FR_WORDS = {"le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "qui", "que", "sur", "au", "aux", "avec"}
_EN_WORDS = {"the", "and", "of", "to", "in", "is", "for", "that", "with", "on", "by", "was", "are", "from"}


def detect_language(text: str) -> str:
    """'fr', 'en' or 'und' from function-word counts: enough to flag an article that is not French."""
    words = [w.lower() for w in text.split()[:2000]]
    fr = sum(w in _FR_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    if fr + en < 5:
        return "und"
    return "fr" if fr >= en else "en"
