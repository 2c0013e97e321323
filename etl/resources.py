"""Compiled patterns and word lists for extraction, in one place.

Everything here is general French news vocabulary or reference data (months,
units, titles, site furniture). Nothing names the content of a particular
article: the ETL is judged on articles it has never seen.
"""
from __future__ import annotations

import re

from etl.text import SPACE_CHARS

SP = f"[ \\t{SPACE_CHARS}]"          # one horizontal space of any kind
APOS = "['’‘ʼ`´]"                     # any apostrophe
DASH = "[-‐‑‒–—―]"

# ---------------------------------------------------------------- calendar
MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    # abbreviations seen in datelines
    "janv.": 1, "févr.": 2, "fevr.": 2, "avr.": 4, "juil.": 7, "sept.": 9, "oct.": 10, "nov.": 11, "déc.": 12, "dec.": 12,
    "janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "déc": 12,
}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
WEEKDAY_RE = "|".join(WEEKDAYS)

# ---------------------------------------------------------------- numbers
# Cardinal number words (text2num converts sequences of them).
NUMBER_WORDS = (
    "zéro un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
    "quinze seize vingt vingts trente quarante cinquante soixante septante huitante nonante "
    "cent cents mille"
).split()
SCALE_WORDS = {
    "mille": 1e3, "millier": 1e3, "milliers": 1e3,
    "million": 1e6, "millions": 1e6, "m": 1e6, "mio": 1e6,
    "milliard": 1e9, "milliards": 1e9, "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9,
    "k": 1e3,
}
# Vague quantities: "des millions d'autres", "plusieurs milliers de déplacés".
VAGUE_QUANTITY_RE = re.compile(
    rf"\b(?:des|plusieurs|de\s+nombreux|de\s+nombreuses|quelques|des\s+dizaines\s+de|des\s+centaines\s+de)"
    rf"{SP}+(?:(?:dizaines|centaines){SP}+de{SP}+)?(?P<scale>milliers|millions|milliards|centaines|dizaines)\b",
    re.IGNORECASE,
)
DIGITS_RE = re.compile(
    rf"(?<![\w.,/\-])(?:"
    rf"\d{{1,3}}(?:{SP}\d{{3}})+(?:,\d+)?"     # 1 049 767 / 1 049 767,5 (any space)
    rf"|\d{{1,3}}(?:\.\d{{3}})+(?!\d)(?:,\d+)?"  # 1.049.767 / 913.000
    rf"|\d+,\d+"                               # 4,8 / 08,63
    rf"|\d+\.\d+"                              # 32.1 (decimal point)
    rf"|\d+"
    rf")(?![\d/])(?![^\W\d_hHkKM])"  # "72H", "5k", "3,7M" keep their unit letter; "2e", "1er" are ordinals
)
# "une centaine de cases", "une vingtaine de villages": a round number, approximately
APPROX_NOUNS = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
                "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000}
APPROX_NOUN_RE = re.compile(rf"\b(?:une|la|quelque){SP}+(?P<noun>{'|'.join(APPROX_NOUNS)})(?={SP}+d(?:e{SP}|{APOS}))", re.I)
HALF_SCALE_RE = re.compile(rf"\b(?:un|le){SP}+demi-?{SP}*(?P<scale>million|milliard)(?={SP}+d(?:e{SP}|{APOS}))", re.I)
APPROX_SURFACE_RE = re.compile(rf"^(?:une|la|quelque){SP}+(?:{'|'.join(APPROX_NOUNS)})$", re.I)
SCALE_AFTER_RE = re.compile(
    rf"^{SP}*(?P<scale>milliards?|millions?|milliers|mille|mds?|mrds?|md|mio|m|k)(?![\w])\.?",
    re.IGNORECASE,
)

# ---------------------------------------------------------------- qualifiers
QUALIFIER_BEFORE = [
    ("approx", re.compile(rf"(?:près{SP}+d{APOS}?e?|environ|quelque|approximativement|autour{SP}+d{APOS}?e?|"
                          rf"à{SP}+peu{SP}+près|estimée?s?{SP}+à|évaluée?s?{SP}+à|avoisinant|~|≈|"
                          rf"de{SP}+l{APOS}ordre{SP}+d{APOS}?e?|presque|quasiment|pratiquement){SP}*$", re.I)),
    ("at_least", re.compile(rf"(?:plus{SP}+d{APOS}?e?|au{SP}+moins|pas{SP}+moins{SP}+d{APOS}?e?|au-delà{SP}+d{APOS}?e?|"
                            rf"au{SP}+minimum|minimum|dépassant|supérieure?s?{SP}+à|over|more{SP}+than|"
                            rf"at{SP}+least|dépasse(?:nt)?|franchi(?:t|ssent)?{SP}+la{SP}+barre{SP}+des?){SP}*$", re.I)),
    ("at_most", re.compile(rf"(?:moins{SP}+d{APOS}?e?|jusqu{APOS}{SP}*à|jusqu{APOS}{SP}*aux?|au{SP}+plus|au{SP}+maximum|"
                           rf"maximum|pas{SP}+plus{SP}+d{APOS}?e?|inférieure?s?{SP}+à|up{SP}+to|"
                           rf"less{SP}+than){SP}*$", re.I)),
]

# ---------------------------------------------------------------- units
PERCENT_RE = re.compile(rf"^{SP}*(?:%|pour{SP}*cent\b|pourcents?\b|p\.{SP}?c\.|points?{SP}+de{SP}+pourcentage)", re.I)
CURRENCY_AFTER = [
    ("USD", re.compile(rf"^{SP}*(?:(?:de{SP}+|d{APOS})?(?:dollars?(?:{SP}+(?:américains?|us|usd))?|\$(?:{SP}?us)?|us{SP}?\$|usd)\b|\$)", re.I)),
    ("XOF", re.compile(rf"^{SP}*(?:de{SP}+|d{APOS})?(?:francs?{SP}+cfa|f{SP}?cfa|fcfa|xof|cfa)\b", re.I)),
    ("EUR", re.compile(rf"^{SP}*(?:(?:de{SP}+|d{APOS})?(?:euros?|eur)\b|€)", re.I)),
    # neighbours' own currencies: Guinea, Nigeria, Ghana, Mauritania
    ("GNF", re.compile(rf"^{SP}*(?:de{SP}+|d{APOS})?(?:francs?{SP}+guin[ée]ens|gnf)\b", re.I)),
    ("NGN", re.compile(rf"^{SP}*(?:de{SP}+|d{APOS})?(?:nairas?|ngn)\b", re.I)),
    ("GHS", re.compile(rf"^{SP}*(?:de{SP}+|d{APOS})?(?:cedis?|ghs)\b", re.I)),
    ("MRU", re.compile(rf"^{SP}*(?:de{SP}+|d{APOS})?(?:ouguiyas?|mru)\b", re.I)),
]
CURRENCY_AFTER += [
    ("CNY", re.compile(rf"^{SP}*(?:de{SP}+|d{APOS})?(?:renminbis?|yuans?|rmb|cny)\b", re.I)),
    ("CHF", re.compile(rf"^{SP}*(?:de{SP}+|d{APOS})?(?:francs?{SP}+suisses|chf)\b", re.I)),
]
MONEY_UNITS = {code for code, _ in CURRENCY_AFTER}
# "15 500 MFCFA", "2 Mds FCFA" written glued: the scale is in the currency's name.
SCALED_CURRENCY_RE = re.compile(rf"^{SP}*(?P<scale>M|Mds?|Md)(?={SP}?F{SP}?CFA\b|{SP}?FCFA\b)", re.I)
SCALED_CURRENCY_FACTORS = {"m": 1e6, "md": 1e9, "mds": 1e9}
# Instruments and parties whose count is not a figure: "ont signé trois conventions", "les deux parties".
COUNTED_INSTRUMENTS = {"accords", "conventions", "protocoles", "décrets", "textes", "rapports", "financements", "parties",
                       "institutions", "communications", "ministres", "points", "projects", "programmes", "mémorandums",
                       "contrats", "ordonnances", "lois", "dossiers", "articles", "chapitres", "sessions", "panels",
                       "thèmes", "axes", "volets", "composantes", "phases", "éditions", "délégations", "pays membres"}
ELAPSED_BEFORE_RE = re.compile(rf"\b(?:depuis|il{SP}+y{SP}+a|en{SP}+seulement|en|au{SP}+bout{SP}+d[e']|voilà|cela{SP}+fait|"
                               rf"font{SP}+plus{SP}+de|fait{SP}+plus{SP}+de)(?:{SP}+(?:plus{SP}+de|près{SP}+de|environ|"
                               rf"presque|bientôt|déjà))?{SP}*$", re.I)
PERSONAL_BEFORE_RE = re.compile(rf"\b(?:m[èe]re|p[èe]re|veuve|veuf|parents?){SP}+d[e']{SP}*$|\b(?:son|sa|ses|mon|ma|mes|leur)"
                                rf"{SP}+(?:enfant|fille|fils|b[ée]b[ée])s?{SP}+d['’]{SP}*(?:à{SP}+peine{SP}+)?$|"
                                rf"\b(?:ses|leurs|mes|nos){SP}*$", re.I)
VOTE_AND_SCORE_UNITS = {"abstention", "abstentions", "contre", "voix", "buts", "passes", "matchs", "points"}
# Percentages of a funding requirement: "financé à 17 %", "taux de financement de 35 %", "déficit de 60 %".
FUNDING_SHARE_RE = re.compile(r"\b(?:financée?s?|couverte?s?)\s+(?:qu['’]\s*)?(?:à\s+(?:hauteur\s+de\s+)?|pour\s+)?$|"
                              r"\btaux\s+de\s+(?:financement|mobilisation|décaissement)\b|"
                              r"\b(?:financement|mobilisation)\b\D{0,60}?\b(?:à\s+hauteur\s+de|atteint|est\s+de|de)\s*$",
                              re.I)
FUNDING_GAP_RE = re.compile(r"\b(?:d[ée]ficit|manque|gap|reste\s+à\s+(?:mobiliser|financer)|non\s+financ\w*)\b", re.I)
# "en provenance du Nigeria", "venus du Mali", "fuyant le Burkina Faso": where people come from.
ORIGIN_BEFORE_RE = re.compile(r"\b(?:en\s+provenance|venue?s?|originaires?|fuyant|ayant\s+fui|chassée?s?|arrivée?s?)\s+"
                              r"(?:du|de\s+la|des|de|d['’])\s*(?:l['’])?$", re.I)
# Where a figure is within a country: the cue word names the level ("dans la région de Mopti": 1).
SCOPE_CUES = [
    (1, re.compile(r"\br[ée]gions?\s+(?:de\s+|du\s+|des\s+|d['’])?(?P<name>[A-ZÀ-Ý][\w'’\-]+(?:[\s\-][A-ZÀ-Ý][\w'’\-]+)?)")),
    (2, re.compile(r"\b(?:provinces?|d[ée]partements?|cercles?|pr[ée]fectures?|districts?)\s+(?:de\s+|du\s+|des\s+|d['’])?"
                   r"(?P<name>[A-ZÀ-Ý][\w'’\-]+(?:[\s\-][A-ZÀ-Ý][\w'’\-]+)?)")),
    ("site", re.compile(r"\b(?:communes?|villes?|villages?|camps?|sites?|localités?|quartiers?|arrondissements?)\s+"
                        r"(?:de\s+|du\s+|des\s+|d['’])?(?P<name>[A-ZÀ-Ý][\w'’\-]+(?:[\s\-][A-ZÀ-Ý][\w'’\-]+)?)")),
]
# Countries whose first administrative level is called a province (elsewhere a province is the second).
PROVINCE_IS_FIRST_LEVEL = {"TCD", "CMR", "GAB", "COD", "COG", "RWA", "BDI"}
PLACE_KIND_LEVELS = {"country": 0, "region": 1, "prefecture": 2, "commune": "site", "city": "site", "town": "site",
                     "capital": "site", "facility": "site"}
# Short unit words the plural-noun rule would refuse.
SHORT_UNITS = {"ha": "hectares", "m3": "m3", "m³": "m3", "kg": "kg", "mw": "MW", "mwc": "MW", "gwh": "GWh", "kwh": "kWh"}
CURRENCY_BEFORE = [
    ("USD", re.compile(rf"(?:\$|us{SP}?\$|usd){SP}*$", re.I)),
    ("EUR", re.compile(rf"(?:€|eur){SP}*$", re.I)),
]
DURATION_UNITS = {
    "jour": "days", "jours": "days", "journée": "days", "journées": "days", "j": "days",
    "semaine": "weeks", "semaines": "weeks",
    "mois": "months",
    "an": "years", "ans": "years", "année": "years", "années": "years",
    "heure": "hours", "heures": "hours", "h": "hours",
}
# Nouns that count people: the unit is "people", the noun is the label.
PEOPLE_NOUNS = set("""
personne personnes individu individus habitant habitants gens âme âmes
déplacé déplacés déplacée déplacées réfugié réfugiés réfugiée réfugiées rapatrié rapatriés rapatriées
retourné retournés migrant migrants migrante migrantes demandeur demandeurs
enfant enfants femme femmes homme hommes fille filles garçon garçons jeune jeunes adulte adultes
victime victimes blessé blessés mort morts décès tué tués civil civils survivant survivants
élève élèves écolier écoliers étudiant étudiants apprenant apprenants
bénéficiaire bénéficiaires patient patients malade malades cas
agriculteur agriculteurs éleveur éleveurs pêcheur pêcheurs producteur producteurs
travailleur travailleurs employé employés agent agents volontaire volontaires
membre membres participant participants délégué délégués expert experts
mère mères nourrisson nourrissons vie vies âgé âgés pdi pdis idp idps
sinistré sinistrés sinistrée sinistrées rescapé rescapés évacué évacués
""".split())
HOUSEHOLD_NOUNS = {"ménage", "ménages", "famille", "familles", "foyer", "foyers"}
# Words that, right after a number, show it is not a count of anything.
NOT_A_UNIT = set("""
de du des d le la les l un une et ou à au aux en pour par sur sous dans avec sans vers chez entre
qui que quoi dont où ce cet cette ces se sa son ses leur leurs mon ma mes notre nos votre vos
est sont a ont été être avait avaient sera seront était étaient fait font
il ils elle elles on nous vous je tu y ne pas plus moins très
selon contre après avant depuis pendant lors dès jusqu afin ainsi alors donc car mais or ni
premier première premiers premières dernier dernière derniers dernières prochain prochaine
fois ème e er ère eme è nd nde
pages page mo ko go octets buts voix photos vidéos partages vues likes abonnés followers minutes secondes
communications dossiers textes rapports communiqués ordonnances décrets résolutions recommandations décisions
""".split())

# ---------------------------------------------------------------- indicators
# (indicator, pattern) checked in order on the words describing a figure; first match wins.
INDICATOR_CUES = [
    ("returnees", re.compile(r"\b(?:rapatriée?s?|retournée?s?|returnees?|revenus?\s+chez\s+eux|rentrée?s?\s+chez\s+eux|"
                             r"regagn\w+\s+leurs?\s+(?:localités?|villages?|foyers?))\b", re.I)),
    ("refugees", re.compile(r"\b(?:trouvé\s+refuge|réfugiée?s?\s+dans\s+(?:un|les)\s+pays)\b", re.I)),
    ("idps", re.compile(r"\b(?:déplacée?s?\s+internes?|pdi|idps?|personnes?\s+déplacées?|déplacée?s?|ont\s+fui\s+leurs?)\b", re.I)),
    ("refugees", re.compile(r"\b(?:réfugiée?s?|demandeurs?\s+d.asile|refugees?|nouveaux\s+arrivants|en\s+exil|exilée?s)\b", re.I)),
    ("food_insecure", re.compile(r"\b(?:insécurité\s+alimentaire|crise\s+alimentaire|urgence\s+alimentaire|"
                                 r"phases?\s+(?:d['’]\s*|de\s+)?(?:3|4|5|trois|quatre|cinq|crise|urgence|catastrophe|famine)|"
                                 r"faim|famine|cadre\s+harmonisé|soudure|food\s+insecur\w*)\b", re.I)),
    ("people_in_need", re.compile(r"(?:\bdans\s+le\s+besoin|\ben\s+détresse|\bont\s+besoin|\bauront\s+besoin|"
                                  r"\bnécessit\w+\s+(?:une\s+|d.une\s+)?(?:aide|assistance)|\bbesoin\s+d.(?:une\s+)?(?:aide|assistance)|"
                                  r"\bbesoins?\s+humanitaires?|\bin\s+need|\bvulnérables?\b)", re.I)),
    ("targeted", re.compile(r"\b(?:ciblée?s?|cibles?|cibler|ciblage|visée?s?|vise(?:nt)?|viser|à\s+atteindre|bénéficieront|"
                            r"seront\s+(?:assistée?s|appuyée?s|pris(?:es)?\s+en\s+charge)|targeted)\b", re.I)),
    ("reached", re.compile(r"\b(?:atteinte?s?|assistée?s?|secourue?s?|pris(?:es)?\s+en\s+charge|ont\s+reçu|ont\s+bénéficié|"
                           r"bénéficiaires?|servie?s?|soignée?s?|vaccinée?s?|reached)\b", re.I)),
    ("affected", re.compile(r"\b(?:affectée?s?|touchée?s?|sinistrée?s?|impactée?s?|frappée?s?|victimes?|malnutri\w*|privant|privée?s?\s+d|(?:pas|plus|non|dé)\s*scolarisée?s|"
                            r"souffr\w+\s+de|sous\s+blocus|assiégée?s?|affected)\b", re.I)),
]
# A verb of aiming or delivering before the number decides the indicator ("le projet vise 18 000 ménages déplacés").
INTENT_BEFORE_CUES = [
    ("targeted", re.compile(r"\b(?:vise(?:nt|ra)?|viser|visant|cible(?:nt|ra)?|cibler|ciblant|a\s+pour\s+(?:but|objectif)|"
                            r"ont\s+pour\s+(?:but|objectif)|au\s+profit\s+d|prévoi\w+\s+d.(?:assister|appuyer|aider|toucher|atteindre)|"
                            r"pour\s+(?:assister|appuyer|aider|toucher|atteindre)|afin\s+d.(?:assister|appuyer|aider|atteindre))\b", re.I)),
    ("reached", re.compile(r"\b(?:ont\s+(?:reçu|bénéficié)|a\s+(?:assisté|secouru|pris\s+en\s+charge|permis\s+d.assister)|"
                           r"assiste(?:nt)?|prend\s+en\s+charge|prennent\s+en\s+charge|"
                           r"ont\s+été\s+(?:assistée?s|secourue?s|prise?s\s+en\s+charge)|a\s+distribué)\b", re.I)),
]
UNIT_NAMES = {
    # counted nouns → the English unit HDX/HXL users expect; others keep their French plural
    "écoles": "schools", "classes": "classrooms", "salles": "classrooms", "forages": "boreholes", "puits": "wells",
    "habitations": "houses", "maisons": "houses", "logements": "houses", "abris": "shelters", "cases": "huts",
    "villages": "villages", "localités": "localities", "communes": "communes", "cantons": "cantons", "sites": "sites",
    "hectares": "hectares", "ha": "hectares", "tonnes": "tonnes", "kilomètres": "km", "km": "km", "lits": "beds",
    "têtes": "head of livestock", "bovins": "cattle", "ovins": "sheep", "caprins": "goats",
    "centres": "centres", "formations": "health facilities", "structures": "facilities", "kits": "kits",
    "projets": "projects", "emplois": "jobs", "comités": "committees",
}
# Prices and wages: money that is neither asked for nor given.
PRICE_RE = re.compile(r"\b(?:prix|co[ûu]te|co[ûu]tait|s.[ée]change|se\s+n[ée]gocie|vendue?s?|le\s+(?:sac|kilo|kg|litre|tas)|la\s+(?:tonne|mesure)|"
                      r"salaires?|par\s+mois\s+et\s+par|l['’]unit[ée])\b", re.I)
# People nouns that say nothing of who the people are.
GENERIC_PEOPLE_NOUNS = {"personne", "personnes", "individus", "habitants", "gens", "âmes", "ménages", "familles", "foyers",
                        "enfants", "femmes", "hommes", "filles", "garçons", "adultes", "jeunes", "élèves", "vies"}
# People counted as staff or participants: never given a humanitarian status.
STAFF_NOUNS = set("""agent agents employé employés travailleur travailleurs volontaire volontaires expert experts
participant participants délégué délégués membre membres enseignant enseignants enseignantes médecin médecins
infirmier infirmiers infirmières soldat soldats militaires policiers gendarmes fonctionnaires secrétaires conseillers
élus maires formateurs animateurs relais""".split())
# Beyond these words a clause gives causes or circumstances, not what is counted.
CAUSE_RE = re.compile(r"\b(?:en\s+raison\s+d|à\s+cause\s+d|du\s+fait\s+d|suite\s+à|à\s+la\s+suite\s+d|face\s+à|"
                      r"consécutivement\s+à|après\s+(?:l|la|le|les)\b|depuis\s+(?:l|la|le|les)\b)", re.I)
ANAPHORIC_STATUS_RE = re.compile(r"\b(?:concernée?s|dans\s+(?:la\s+même|cette)\s+situation|dans\s+ce\s+cas)\b", re.I)
# People nouns whose count is better reported under its own unit.
PEOPLE_UNIT_NAMES = {"cas": "cases", "décès": "deaths", "morts": "deaths", "tués": "deaths", "blessés": "injured",
                     "élèves": "students", "enseignants": "teachers"}
FUNDING_RECEIVED_RE = re.compile(
    r"\b(?:reçue?s?|re[çc]u|mobilisée?s?|décaissée?s?|versée?s?|allou\w*|octroy\w*|accordée?s?|débloqu\w*|d[ée]blocage|"
    r"financée?s?|dégagée?s?|apporte|apporté|remise?s?|offerte?s?|don|dons|subventions?|contribu\w*|received|disbursed)\b", re.I)
FUNDING_REQUIRED_RE = re.compile(
    r"\b(?:besoins?|nécessaires?|requise?s?|sollicitée?s?|appel|plan\s+de\s+réponse|budget|coût\w*|"
    r"estimée?s?|lever|rechercher|manque|déficit|gap|required|requested)\b", re.I)

# Regional scope: figures said of a region or a group of countries belong to no single country.
REGIONAL_SCOPE_RE = re.compile(
    r"\b(?:CEDEAO|ECOWAS|UEMOA|AES|Alliance\s+des\s+[ÉE]tats\s+du\s+Sahel|Sahel(?:\s+central)?|sous-r[ée]gion\w*|"
    r"Afrique\s+de\s+l['’]Ouest|Afrique\s+centrale|ouest-africain\w*|Liptako[- ]Gourma|[ÉE]tats\s+membres|pays\s+membres|"
    r"G5\s+Sahel|bassin\s+du\s+lac\s+Tchad|trois\s+pays|espace\s+(?:AES|CEDEAO|communautaire|sah[ée]lien)|r[ée]gion\s+ouest-africaine|"
    r"pays\s+côtiers|pays\s+voisins|pays\s+d['’]accueil)\b"
)
# Groups of countries: a figure said of them belongs to none, even when one is named alongside.
COUNTRY_GROUP_RE = re.compile(r"\b(?:(?:\w+\s+)?pays\s+(?:côtiers|membres|voisins|d['’]accueil|du\s+Sahel)|[ÉE]tats\s+membres|"
                              r"trois\s+pays|cinq\s+pays|quatre\s+pays|ensemble\s+des\s+pays|l['’]ensemble\s+de\s+la\s+r[ée]gion)\b", re.I)

# ---------------------------------------------------------------- not figures
DATEISH_BEFORE_RE = re.compile(
    rf"(?:\b(?:{MONTH_RE})|\b(?:{WEEKDAY_RE})|\ben|\bdepuis|\bdès|\bdepuis{SP}+l{APOS}an|\bl{APOS}an|\bannée|\bexercice|"
    rf"\bhorizon|\bd{APOS}ici|\bà{SP}+partir{SP}+de|\bfin|\bdébut|\bmi-?|\bcourant|\bjusqu{APOS}{SP}*en|\bau{SP}+titre{SP}+de|"
    rf"\bpériode|\bentre|\bde|\bet|\bà|\bau|\bdu|\bce|\bcet|\bcette|\bpour|\bsur|\ble){SP}*[,]?{SP}*$",
    re.I,
)
REFERENCE_NUMBER_BEFORE_RE = re.compile(
    rf"(?:\b(?:loi|décret|decret|arrêté|arrete|ordonnance|résolution|resolution|article|art\.|alinéa|chapitre|titre|"
    rf"page|p\.|pp\.|numéro|numero|no\.|n°|nº|n°{SP}*|réf\.|ref\.|code|lot|rue|avenue|bp|b\.p\.|boîte{SP}+postale|"
    rf"quartier|km|kilomètre|route{SP}+nationale|rn|tél\.?|tel\.?|téléphone|telephone|whatsapp|fax|cel\.?|"
    rf"édition|edition|promotion|session|phases?|niveaux?|catégories?|numéro{SP}+vert|mle|matricule|classe|échelon|grade)|[#№°]|\+){SP}*[:.]?{SP}*$",
    re.I,
)
ORDINAL_AFTER_RE = re.compile(r"^(?:er|re|ère|ere|e|è|ème|eme|nd|nde|ieme|ième|°)\b", re.I)
# Clock times: "à 10 heures", "vers 14 h", "le journal de 13 heures", "de 9 h à 13 h".
CLOCK_BEFORE_RE = re.compile(rf"(?:\b(?:à|vers|dès|jusqu{APOS}{SP}*à|avant|après|depuis)|\b(?:journal|édition|bulletin|flash|JT)(?:\s+\w+)?\s+de|"
                             rf"\d{{1,2}}{SP}*h(?:eures?)?{SP}*(?:\d{{2}})?{SP}*(?:à|-|–)){SP}*$", re.I)
# "23 civils ont été tués": deaths counted after the noun
KILLED_AFTER_RE = re.compile(r"^[\s\u00a0\u202f]*(?:[^\W\d_][\w\-]*\s+){1,2}(?:ont\s+été\s+tué|ont\s+p[ée]ri|sont\s+morts|"
                             r"ont\s+perdu\s+la\s+vie|ont\s+été\s+abattu)", re.I)
KILLED_BEFORE_RE = re.compile(r"\b(?:tué|tuant|tués|coûté\s+la\s+vie\s+à|fait|causé)\s+(?:au\s+moins\s+|plus\s+de\s+|près\s+de\s+)?$", re.I)
# Ages: "âgés de 6 à 59 mois", "enfants de moins de 5 ans" (but "depuis plus de 10 ans" is a duration).
# "le préfet, Tiémoko Sylla, 61 ans, a plaidé": an age in apposition
AGE_APPOSITION_RE = re.compile(rf"^{SP}*ans{SP}*[,)]")
AGE_BEFORE_RE = re.compile(
    rf"(?:\b(?:âgée?s?|agée?s?|âge|age){SP}+(?:de{SP}+|d{APOS})?(?:[\w,]+{SP}+(?:[\w]+{SP}+)?(?:à|et|-){SP}*)?"
    rf"|\b(?:enfants?|filles?|garçons?|personnes?|jeunes|adultes|femmes|hommes|nourrissons){SP}+(?:de{SP}+|d{APOS})?(?:moins|plus){SP}+d{APOS}?e?{SP}*"
    rf"|\b(?:enfants?|filles?|garçons?|nourrissons)[*_]{{0,2}}{SP}+(?:âgés{SP}+)?de{SP}+(?:\d+{SP}*(?:à|et|-){SP}*)?)$",
    re.I,
)
TEMPERATURE_AFTER_RE = re.compile(rf"^{SP}*(?:°|º|degrés?\b|c\b(?!{SP}*[a-zà-ÿ]))", re.I)
TIME_AFTER_RE = re.compile(rf"^{SP}*(?:h|heures?){SP}*\d{{2}}\b|^{SP}*:\d{{2}}\b|^[hj]{SP}*/{SP}*\d", re.I)

# ---------------------------------------------------------------- boilerplate
# Lines that are site furniture wherever they appear.
FURNITURE_LINE_RE = re.compile(
    r"^\W*(?:a\s+la\s+une|à\s+la\s+une|accueil\b.*|home\b.*|partager(?:\s+(?:sur|cet\s+article|l.article))?.*|share\b.*|"
    r"tweet(?:er)?|facebook|twitter|whatsapp|linkedin|telegram|imprimer|print|e-?mail|envoyer|copier\s+le\s+lien|"
    r"publicit[ée]s?|advertisement|annonce|sponsoris[ée]|spot_img|img|ads?|pub|"
    r"[ée]tiquettes?|tags?|mots?[- ]cl[ée]s|rubriques?|cat[ée]gories?|sections?|th[èe]mes?|"
    r"menu|navigation|rechercher|recherche|search|connexion|se\s+connecter|s.inscrire|inscription|abonnez-vous.*|newsletter.*|"
    r"communaut[ée]\s+whatsapp|rejoignez.*|suivez-nous.*|follow\s+us.*|"
    r"signaler(?:\s+(?:un|ce))?\s+contenu|signaler|lire\s+la\s+suite|read\s+more|voir\s+plus|en\s+savoir\s+plus|"
    r"cr[ée]dits?(?:\s+photo)?\s*:.*|photo\s*:.*|©.*|\(photo.*\)|source\s*:\s*lien\s+source|"
    r"notre\s+r[ée]gion|actualit[ée]s?|international|monde|politique|soci[ée]t[ée]|[ée]conomie|sports?|culture|"
    r"non\s+class[ée]|vid[ée]os?|podcasts?|contact(?:ez-nous)?|[àa]\s+propos|mentions\s+l[ée]gales|"
    r"laisser\s+un\s+commentaire|leave\s+a\s+(?:comment|reply)|commentaires?|comments?|r[ée]pondre|reply|"
    r".*\bcookies?\b.*|[\d,.\s]+k?\s+(?:partages?|shares?|vues|views|likes|commentaires?)\b.*|"
    r".*\((?:pdf|doc|docx|xlsx?|pptx?)[^)]*\)|t[ée]l[ée]charger\b.*"
    r")\W*$",
    re.I,
)
# Lines that open a trailing block of site furniture: everything after them is not the article.
TRAILER_MARKER_RE = re.compile(
    r"^\W*(?:recent\s+posts|articles?\s+r[ée]cents?|derniers?\s+articles?|articles?\s+similaires|"
    r"sur\s+le\s+m[êe]me\s+(?:sujet|th[èe]me)|dans\s+la\s+m[êe]me\s+rubrique|les\s+plus\s+lus?|plus\s+lus|"
    r"related\s+(?:posts|articles)|you\s+may\s+also\s+like|vous\s+aimerez\s+aussi|[àa]\s+voir\s+aussi|"
    r"laisser\s+un\s+commentaire|leave\s+a\s+(?:comment|reply)|un\s+message,?\s+un\s+commentaire\s*\??|"
    r"(?:\d+\s+)?commentaires?|r[ée]agir|votre\s+r[ée]action|ajouter\s+un\s+commentaire|"
    r"(?:vos|les|nos|\d+)\s+(?:commentaires?|r[ée]actions?)|(?:commentaires?|r[ée]actions?|comments?)\s*\(\d+\)|"
    r"votre\s+adresse\s+(?:e-?mail|de\s+messagerie)\s+ne\s+sera\s+pas\s+publi[ée]e.*|"
    r"s.il\s+vous\s+pla[îi]t\s+entrez\s+votre\s+(?:commentaire|nom).*|"
    r"articles?\s+li[ée]s|lire\s+[ée]galement|dans\s+la\s+m[êe]me\s+cat[ée]gorie|"
    r"newsletter|abonnez-vous.*|copyright.*|tous\s+droits\s+r[ée]serv[ée]s.*|"
    r"[àa]\s+propos(?:\s+(?:de|d['’]|du|des)\s*[\w'’ \-]{0,40})?|about\s+[\w \-]{1,40}|contacts?\s+(?:presse|m[ée]dias?)\b.*|"
    r"notes?\s+aux\s+(?:r[ée]dactions|r[ée]dacteurs|[ée]diteurs).*|pour\s+plus\s+d['’]informations.*|dans\s+la\s+m[êe]me\s+rubrique"
    r")\W*$",
    re.I,
)
# "À lire aussi" and friends: the marker and the linked headline are not the article.
# "Il vous reste 62 % à lire.": a paywall's teaser, not the story's figure
PAYWALL_LINE_RE = re.compile(r"^\W*(?:il\s+vous\s+reste\s+\d+\s*%|cet\s+article\s+est\s+r[ée]serv[ée]\s+aux\s+abonn[ée]s|"
                             r"(?:d[ée]j[àa]\s+abonn[ée]|abonnez-vous|je\s+m.abonne)\b)", re.I)
AGE_UNIT_AFTER_RE = re.compile(r"^[\s\u00a0\u202f]*(?:ans|years)\b", re.I)
# "deux tiers des déplacés": a share written as a fraction, not a count
FRACTION_AFTER_RE = re.compile(r"^[\s\u00a0\u202f]*(?:tiers|quarts?|cinqui[èe]mes?|sixi[èe]mes?|dixi[èe]mes?|centi[èe]mes?)\b", re.I)
READ_ALSO_RE = re.compile(r"^\W*(?:[àa]\s+lire\s+(?:aussi|[ée]galement)|lire\s+(?:aussi|[ée]galement)|voir\s+aussi|"
                          r"read\s+also|see\s+also|lire\s+la\s+suite)\b\s*[:>»\-–—]*\s*(?P<rest>.*)$", re.I)
RELATIVE_TIMESTAMP_RE = re.compile(
    r"^\W*(?:\d+\s+(?:minutes?|heures?|hours?|jours?|days?|semaines?|weeks?|mois|months?|ans?|years?)\s+ago|"
    r"il\s+y\s+a\s+\d+\s+(?:minutes?|heures?|jours?|semaines?|mois|ans?)|"
    r"(?:publi[ée]|mis\s+[àa]\s+jour|updated|posted)\b.{0,60})\W*$",
    re.I,
)
# Agency datelines opening the first paragraph: "Ouagadougou, 5 févr. 2025 (AIB) –", "Niamey, le 3 juin 2024 –".
AGENCY_DATELINE_RE = re.compile(
    rf"^(?:\([^)]{{2,40}}\)\s*[-–—]\s*)?[A-ZÀ-Ý][\w'’\- ]{{1,40}},\s*(?:le\s+)?(?:(?:{WEEKDAY_RE})\s+)?"
    rf"(?P<date>(?:1er|[0-3]?\d)\s+(?:{MONTH_RE})(?:\s+(?:19|20)\d{{2}})?)\s*(?:\([^)]{{2,40}}\))?\s*[-–—:]\s*",
    re.I,
)
# The date something starts from: "à compter du 1er mars", "dès le 12 octobre", "depuis juillet 2022".
_START_FROM = r"(?:à\s+compter|à\s+partir)\s+(?:de\s+la\s+date\s+)?du|dès\s+le|depuis\s+le|depuis|since"
START_FROM_BEFORE_RE = re.compile(rf"\b(?:{_START_FROM})\s*$", re.I)
# "Au 15 mars", "à la date du 31 janvier", "loi n°… du 13 juillet 2024": reference dates, not events (start dates
# too, unless something starts then: etl.events).
AS_OF_BEFORE_RE = re.compile(
    r"(?:\b(?:au|à\s+la\s+date\s+du|en\s+date\s+du|arrêtée?s?\s+au|à\s+fin|fin|jusqu.au|d.ici\s+(?:le|au|fin)|avant\s+le|"
    rf"au\s+plus\s+tard\s+le|{_START_FROM})|"
    r"\b(?:loi|décret|ordonnance|arrêté|décision|convention|accord|résolution|circulaire|note)\b[^.;]{0,60}\bdu)\s*$",
    re.I,
)
SIGNED_AT_RE = re.compile(r"^\W*(?:fait|donn[ée]|sign[ée])\s+[àa]\s+[A-ZÀ-Ý][\w'’\- ]{1,40},?\s+le\s+", re.I)
# "Publié le …", and the "Date de publication : 30/09/2025" of reports and PDF dashboards
PUBLISHED_LINE_RE = re.compile(r"^\W*(?:publi[ée]e?\s+le|mis\s+en\s+ligne\s+le|posted\s+on|publi[ée]e?\s*:|"
                               r"date\s+de\s+(?:publication|parution|diffusion)\b)", re.I)
# Registration / catalogue codes such as "N°0119/ HAAC/02-2024/pl/p".
CODE_LINE_RE = re.compile(r"^[\W\d_]*(?:n[°º]\s*)?[\w\-]*\d[\w\-]*(?:\s*/\s*[\w\-]+)+\W*$", re.I)
WEATHER_LINE_RE = re.compile(r"^\s*-?\d{1,2}(?:[.,]\d)?\s*°?\s*[CF]\s*$")
LIST_MARKER_RE = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?P<marker>[-–—•·▪▫◦‣⁃*+►▶➢➤→✓✔✅☑️🔹🔸🔷🔶👉📌⭐◆◇■□●○]+\ufe0f?|\(?\d{1,2}[.)°]|\d{1,2}\s?[-–](?=\s)|\(?[a-z][.)]|\(?[A-Z]\)|[ivx]{1,4}[.)]|[IVX]{1,4}[.)](?=\s+[A-ZÀ-Ý]))[ \t\u00a0]+(?=\S)"
    # "-Apporter une assistance …": a dash glued to the item's capital
    r"|(?P<glued>[-–—•](?=[A-ZÀ-Ý][a-zà-ÿ])|[👉📌✅➢➤►▶🔹🔸🔷🔶]\ufe0f?(?=[A-ZÀ-Ý0-9])))"   # "👉3,7 M personnes …"
)

# ---------------------------------------------------------------- decisions
DECISION_LEAD_RE = re.compile(
    r"(?:vis(?:e|ent|ait)|a\s+pour\s+(?:but|objectifs?)|objectifs?|arr[êe]t[ée]\s+ce\s+qui\s+suit|"
    r"(?:ont|a)\s+(?:(?:en\s+outre|par\s+ailleurs|[a-zé]+ment|aussi|enfin|donc|ensuite)\s+)?(?:convenu|d[ée]cid[ée])|"
    r"d[ée]cisions?|recommandations?|r[ée]solutions?|engagements?|mesures?|conclusions?|"
    r"ont\s+adopt[ée]|a\s+adopt[ée]|ont\s+retenu|a\s+retenu|recommandent|recommande|s.engagent|"
    r"d[ée]cide(?:nt)?\b|d[ée]cr[èe]te(?:nt)?\b|arr[êe]te(?:nt)?\b|instrui\w*|exhort\w*|appel(?:le|lent|ons|ent)?\b|lance(?:nt)?\s+un\s+appel|invit\w*|demande(?:nt)?\b|actions?\s+prioritaires|priorit[ée]s|feuille\s+de\s+route|plan\s+d.actions?|"
    r"nominations?|nomm[ée]s?|mesures\s+individuelles|r[ée]solu|arr[êe]te)",
    re.I,
)
RECOMMENDATION_CUE_RE = re.compile(r"recommand|exhort|appel|invit|demande", re.I)
COMMITMENT_CUE_RE = re.compile(r"engag|promet|promis|s.obligent|pledge|commit", re.I)
OBJECTIVE_CUE_RE = re.compile(r"objectif|vis(?:e|ent|ant)|but|ambition|priorit[ée]s", re.I)
# Decisions in running prose: trigger, then the decided thing.
PROSE_DECISION_RE = re.compile(
    rf"\b(?P<trigger>"
    rf"(?:ont|a|avons|avaient|avait)\s+(?:(?:notamment|également|aussi|donc|enfin|en\s+outre|par\s+ailleurs|ensuite|unanimement|conjointement|aujourd['’]hui|hier|déjà|officiellement|formellement|solennellement|publiquement)\s+){{0,2}}"
    rf"(?:(?:examin[ée]|[ée]tudi[ée]|discut[ée]|analys[ée])\s+et\s+)?"
    rf"(?:d[ée]cid[ée]|convenu|r[ée]solu|arr[êe]t[ée]|adopt[ée]|approuv[ée]|valid[ée]|entérin[ée]|recommand[ée]|"
    rf"pris\s+l.engagement|pris\s+la\s+d[ée]cision|marqu[ée]\s+(?:son|leur)\s+accord\s+(?:pour|sur)|donn[ée]\s+(?:son|leur)\s+accord\s+(?:pour|sur)|autoris[ée])"
    rf"|(?:d[ée]cide(?:nt)?|convien(?:t|nent)|recommande(?:nt)?|s.engage(?:nt)?|nous\s+engageons|se\s+sont\s+engag[ée]s|"
    rf"s.est\s+engag[ée]e?|promet(?:tent)?|a\s+promis|ont\s+promis|exhorte(?:nt)?|appelle(?:nt)?|invite(?:nt)?|"
    rf"(?:(?:a|ont|avons)\s+(?:(?:notamment|également|aussi|donc|enfin|en\s+outre|par\s+ailleurs|ensuite|unanimement|conjointement|aujourd['’]hui|hier|déjà|officiellement|formellement|solennellement|publiquement)\s+){{0,2}})?(?:instruit|instruisent|chargé|enjoint|enjoignent|mandaté)(?:\s+en\s+outre)?\s+(?:le|la|les|l.)\s*[^,.;]{{2,80}}?(?=\s+(?:de\s+|d['’]|à\s+)[a-zà-ÿ]+(?:er|ir|re|oir)\b)|"
    rf"(?:ont|a|avons)\s+(?:(?:notamment|également|aussi|officiellement|hier|aujourd['’]hui)\s+)?(?:sign[ée]|paraph[ée]|conclu)"
    rf"(?:\s+[^,.;]{{0,50}}?(?=\s(?:un|une|le|la|les|l['’])\s*(?:protocole|accord|convention|m[ée]morandum|contrat|d[ée]claration|charte|MoU|feuille)))?|"
    rf"(?:a|ont)\s+conduit\s+(?:le|la|les|l['’])\s*(?:gouvernement|autorit[ée]s|minist[èe]re|[ÉE]tat|conseil)[^,.;]{{0,30}}?(?=\s+à\s)|"
    rf"(?:a|ont)\s+(?:(?:notamment|également|aussi|par\s+ailleurs|ensuite|enfin)\s+)?(?:exhort[ée]|invit[ée]|appel[ée])|"
    rf"(?:allait|allaient)\s+(?=[a-zà-ÿ]+(?:er|ir|re)\b)|"
    rf"(?:(?:a|ont)\s+(?:(?:notamment|également|aussi|donc|enfin|en\s+outre|par\s+ailleurs|ensuite|unanimement|conjointement|aujourd['’]hui|hier|déjà|officiellement|formellement|solennellement|publiquement)\s+){{0,2}})?annoncé|annonçant|annonce(?:nt)?|"
    rf"(?:d[ée]cret|projet\s+de\s+(?:loi|d[ée]cret)|ordonnance|arr[êe]t[ée]|texte)s?\s+(?:port(?:e|ent|ant)|fixe(?:nt)?|d[ée]termine(?:nt)?|"
    rf"d[ée]finit|d[ée]finissent|cr[ée]e(?:nt)?|institue(?:nt)?|approuve(?:nt)?|modifie(?:nt)?|abroge(?:nt)?|r[ée]glemente(?:nt)?|organise(?:nt)?)\s+(?=[a-zà-ÿ])|"
    rf"il\s+a\s+[ée]t[ée]\s+(?:d[ée]cid[ée]|convenu|retenu|recommand[ée]))"
    rf")\s*(?:(?:notamment|également|aussi|donc|enfin|en\s+outre|par\s+ailleurs|ensuite|unanimement|conjointement|aujourd['’]hui|hier|déjà|officiellement|formellement|solennellement|publiquement)\s+){{0,2}}(?:,[^,.;]{{2,80}},\s*)?(?P<link>de\s+|d{APOS}|à\s+|a\s+|que\s+|qu{APOS}|l{APOS}|la\s+|le\s+|les\s+|des\s+|un\s+|une\s+|aux\s+|au\s+|(?=[a-zà-ÿ]{{4,}}))",
    re.I,
)
# What services "announce" that nobody decided: weather forecasts ("annoncent des températures de 38°C").
FORECAST_COMPLEMENT_RE = re.compile(
    r"^(?:des|de|les|la|le|l['’]|une?|du)?\s*(?:(?:nouvelles?|fortes?|grosses?|importantes?)\s+)?"
    r"(?:temp[ée]ratures?|pluies?|pr[ée]cipitations?|averses?|orages?|vents?|chaleurs?|canicules?|vagues?\s+de\s+chaleur|"
    r"crues?|brumes?|s[ée]cheresses?)\b|\d\s*°\s*C\b",
    re.I,
)
# Objectives: trigger, then the aim.
OBJECTIVE_RE = re.compile(
    rf"(?P<trigger>"
    rf"\bvis(?:e|ent|ait|aient|ant)\s+(?:notamment\s+|également\s+|aussi\s+|principalement\s+|essentiellement\s+|"
    rf"(?:dans|au\s+cours\s+d[eu']|d{APOS}ici|à\s+terme|en)\s+[^,.;:]{{1,30}}?\s+)?(?:à|a)\s+"
    rf"|\b(?:a|ont|avait|aura)\s+pour\s+(?:but|objectif|objet|mission|vocation|ambition|finalité)s?(?:\s+(?:principal|premier|général|essentiel))?\s+(?:de\s+|d{APOS})"
    rf"|\bdans\s+le\s+but\s+(?:de\s+|d{APOS})"
    rf"|\bl{APOS}objectif(?:\s+(?:est|était))?\s*(?:clair|simple|double|affiché|annoncé|premier|principal)?\s*:\s*"
    rf"|\bl{APOS}objectif(?:\s+(?:principal|premier|général|global|globale|spécifique|essentiel|ultime|final|visé))?(?:\s+(?:de|du|des)\s+[^.;:]{{1,90}}?)?\s+(?:est|était|sera|reste|demeure|consiste\s+à)\s+(?:de\s+|d{APOS}|à\s+)?"
    rf"|\bobjectifs?(?:\s+(?:principal|premier|général|essentiel))?\s+qui\s+(?:est|sont)\s+(?:de\s+|d{APOS})"
    rf"|\bambitionne(?:nt)?\s+(?:de\s+|d{APOS})"
    rf"|\bdestinée?s?\s+(?:à|a)\s+"
    rf"|\b(?:souhaite|souhaitent|entend|entendent|veut|veulent|compte|comptent|envisage|envisagent|"
    rf"prévoit|prévoient|projette|projettent|ambitionne|aspire|aspirent)\s+(?:également\s+|aussi\s+|notamment\s+|donc\s+|ainsi\s+)?(?:(?:de|d{APOS}|à)\s*)?"
    rf"|\b(?:met|mettent|mettra|mettront)\s+(?:également\s+|aussi\s+|notamment\s+)?l{APOS}accent\s+sur\s+"
    rf"|\bvolonté\s+(?:[\wÀ-ÿ'’-]+\s+){{0,5}}?(?:de\s+|d{APOS})"
    rf"|\b(?:vont|va|allons)\s+"
    rf"|\b(?:devrait|devraient|doit|doivent|permettra|permettront)\s+(?:également\s+|aussi\s+|notamment\s+)?permettre\s+(?:de\s+|d{APOS}|aux?\s+|à\s+)"
    rf"|\bpermettra(?:ient|it)?\s+(?:également\s+|aussi\s+)?(?:de\s+|d{APOS})"
    rf"|\b(?:notre|leur|son|sa|cet|mon)\s+objectif(?:\s+(?:principal|premier|général))?\s+(?:est|sera|reste)\s+(?:de\s+|d{APOS})"
    rf")",
    re.I,
)
# Cut an aim before a trailing consequence clause (", contribuant ainsi à …").
OBJECTIVE_TAIL_RE = re.compile(r"\s+par\s+\d+\s+voix\b|,\s+(?:\w+ant\s+ainsi|ce\s+qui|afin\s+que|a-t-(?:il|elle)|a\s+(?:indiqué|souligné|déclaré|précisé|ajouté|expliqué))\b|\s+»|\s*«", re.I)
# Decisions to merely meet or talk are events, not commitments.
TRIVIAL_COMPLEMENT_RE = re.compile(
    r"^(?:de\s+|d.)?(?:nous|se|vous)?\s*(?:(?:r[ée]unir|rencontrer|retrouver|revoir)(?![^.;]{0,60}\b(?:tous\s+les|chaque|r[ée]guli[èe]rement|"
    r"annuellement|trimestriellement|semestriellement|une\s+fois\s+par|p[ée]riodiquement|en\s+alternance|en\s+session))|voir|parler|dire|[ée]changer|discuter|"
    r"saluer|remercier|f[ée]liciter|rappeler|souligner|noter|poursuivre\s+les\s+[ée]changes|"
    r"ce\s+qui\s+suit|(?:les?|des)\s+(?:points|mesures|d[ée]cisions|recommandations|engagements|actions)\s+suivant)",
    re.I,
)
INFINITIVE_RE = re.compile(r"^(?:(?:ne\s+pas|ne\s+plus|se|s'|s’|les|la|le|l'|l’|leur|lui|y|en|en\s+faire|mieux|davantage|plus|notamment|également|aussi|rapidement|pleinement|durablement|progressivement|ensemble)\s+)*[a-zà-ÿœ-]+(?:er|ir|re|oir|dre|ire)\b", re.I)
NOMINAL_AIM_RE = re.compile(r"^(?:l[ae]s?\s+|l.|une?\s+|des\s+|du\s+)?[a-zà-ÿœ]{4,}", re.I)

# Themes: (theme, weight, pattern). Documented in README ("Thèmes des décisions").
THEMES = [
    ("anticipatory_action", 3, r"anticipat\w*|action\s+pr[ée]coce"),
    ("early_warning", 3, r"alerte\s+pr[ée]coce|syst[èe]mes?\s+d.alerte|veille|surveillance|pr[ée]vention\s+des\s+(?:risques|crises|conflits)"),
    ("climate_security_nexus", 3, r"climat\w*|nexus|s[ée]curit[ée]\s*[-–—]\s*paix|paix\s+et\s+d[ée]veloppement|environnement\w*|r[ée]silience"),
    ("durable_solutions", 3, r"solutions?\s+durables?|r[ée]int[ée]gration|r[ée]installation|retour\s+volontaire|d[ée]plac[ée]s|r[ée]fugi[ée]s|rapatri[ée]s"),
    ("financing", 3, r"financ\w*|fonds|budg[ée]t\w*|ressources\s+financi[èe]res|mobilisation\s+(?:conjointe\s+)?(?:de|des)\s+ressources|secteur\s+priv[ée]|diaspora|bailleurs?|investissement\w*|mutualiser\s+les\s+ressources"),
    ("principles_sovereignty", 3, r"principes?\s+humanitaires?|souverainet[ée]|neutralit[ée]|impartialit[ée]|ind[ée]pendance|droit\s+international\s+humanitaire"),
    ("protection", 2, r"protection|traite|trafic|droits?\s+(?:des|de\s+l|humains)|violences?|femmes\s+et\s+(?:les\s+)?enfants|vuln[ée]rables?|exploitation"),
    ("migration", 2, r"migra\w*|mobilit[ée]|fronti[èe]res?|passeurs?"),
    ("community_engagement", 3, r"communautaire|communaut[ée]s|implication\s+des\s+populations|participation\s+(?:des\s+)?(?:populations|citoyens)|approche\s+participative|leaders?\s+locaux"),
    ("knowledge_sharing", 2, r"partage|bonnes\s+pratiques|capitalisation|[ée]change\s+d.exp[ée]riences|exp[ée]riences|le[çc]ons\s+apprises|connaissances|recherche"),
    ("coordination", 2, r"coordin\w*|coordonner|concertation|cadre\s+de\s+concertation|harmonis\w*|mutualis\w*|plateforme|synergie|collaboration|coop[ée]ration"),
    ("decentralisation", 3, r"d[ée]centralis\w*|collectivit[ée]s|communes?\b|coop[ée]ration\s+d[ée]centralis[ée]e|maires?|territori\w*"),
    ("peace_security", 2, r"paix|s[ée]curit[ée]|conflits?|terroris\w*|d[ée]fense|stabilit[ée]|extr[ée]misme"),
    ("capacity_building", 2, r"renforcement\s+des\s+capacit[ée]s|formation|outils|comp[ée]tences|capacit[ée]s"),
    ("food_security", 3, r"s[ée]curit[ée]\s+alimentaire|insécurité\s+alimentaire|nutrition|agricul\w*|vivres"),
    ("health", 3, r"sant[ée]|sanitaires?|[ée]pid[ée]mies?|vaccin\w*|m[ée]dic\w*"),
    ("education", 3, r"[ée]ducation|[ée]coles?|scolari\w*|enseignement"),
]

# ---------------------------------------------------------------- events
EVENT_CUES = [
    # (kind, pattern, strong?) — strong cues can make an event on their own.
    ("launch", re.compile(r"\b(?:lancement|lanc[ée]e?s?|lance(?:nt)?|inaugur\w*|d[ée]marrage|d[ée]marr\w*|d[ée]butera|commencera|"
                          r"mise\s+en\s+service|officiellement\s+ouvert|campagnes?)\b", re.I), True),
    ("forum", re.compile(r"\b(?:forum|sommet|conf[ée]rence|colloque|symposium|salon|congr[èe]s|festival|foire|[ée]dition)\b", re.I), True),
    ("ceremony", re.compile(r"\b(?:c[ée]r[ée]monie|sign[ée]e?s?|signature|remise|investiture|prestation\s+de\s+serment|c[ée]l[ée]br[ée]e?)\b", re.I), True),
    ("meeting", re.compile(r"\b(?:r[ée]union|rencontre|session|atelier|s[ée]minaire|concertation|table\s+ronde|assembl[ée]e|"
                           r"conseil\s+des\s+ministres|travaux|r[ée]unie?s|se\s+sont\s+r[ée]unis|s.est\s+tenue?|se\s+sont\s+tenus|"
                           r"s.est\s+d[ée]roul[ée]e?|consultations?|dialogue|audience|entretien|pourparlers|webinaire|s[ée]ance|"
                           r"point\s+de\s+(?:presse|situation)|conf[ée]rence\s+de\s+presse|briefing|valid[ée]e?s?|"
                           # "a présenté ce lundi … les résultats de l'analyse": a presentation to the press or partners
                           r"(?:pr[ée]sent[ée]|restitu[ée]|d[ée]voil[ée]|rendu\s+publics?)(?=[^.;]{0,80}\b(?:r[ée]sultats|rapport|bilan|conclusions)\b)|"
                           r"restitution|pr[ée]sentation\s+(?:des|du)\s+(?:r[ée]sultats|rapport|bilan))\b", re.I), True),
    ("visit", re.compile(r"\b(?:visite|en\s+visite|s.est\s+rendue?|se\s+sont\s+rendus|a\s+visit[ée]|tourn[ée]e|missions?)\b", re.I), True),
    ("launch", re.compile(r"\b(?:projet|programme|initiative|plan|strat[ée]gie|alliance|plateforme)\b", re.I), False),
]
EVENT_KIND_PRIORITY = ("launch", "forum", "ceremony", "meeting", "visit")

# ---------------------------------------------------------------- actors
PERSON_TITLES_RE = (
    r"(?:Prof\.?|Pr\.?|Professeur|Professeure|Dr\.?|Docteur|Docteure|Me\.?|Maître|M\.|MM\.|Mme\.?|Mmes|Mlle|Monsieur|Madame|Mademoiselle|"
    r"S\.?E\.?|Son\s+Excellence|Excellence|Honorable|Hon\.|El\s+Hadj|Elhadj|Hadja|Abbé|Père|Sœur|Mgr|Monseigneur|Imam|Pasteur|"
    r"(?:[Gg][ée]n[ée]ral|[Cc]olonel|[Cc]olonel[- ][Mm]ajor|[Cc]ommandant|[Cc]apitaine|[Ll]ieutenant(?:[- ][Cc]olonel)?|[Gg][ée]n[ée]ral\s+de\s+(?:brigade|division)|[Aa]miral|[Ss]ergent|[Aa]djudant|[Mm]ajor)(?:\s+[Mm]ajor)?)"
)
ROLE_HEADS = (
    "ministre", "ministre délégué", "ministre déléguée", "premier ministre", "président", "présidente", "vice-président",
    "vice-présidente", "secrétaire général", "secrétaire générale", "secrétaire permanent", "secrétaire permanente",
    "secrétaire exécutif", "secrétaire exécutive", "secrétaire d'état", "directeur", "directrice", "directeur général",
    "directrice générale", "représentant", "représentante", "coordonnateur", "coordonnatrice", "coordinateur", "coordinatrice",
    "ambassadeur", "ambassadrice", "chef", "cheffe", "maire", "préfet", "préfète", "gouverneur", "gouverneure",
    "haut-commissaire", "haut commissaire", "commissaire", "délégué", "déléguée", "conseiller", "conseillère",
    "porte-parole", "chargé d'affaires", "chargée d'affaires", "administrateur", "administratrice", "responsable",
    "point focal", "chef de mission", "chef d'état", "chef de l'état", "chef du gouvernement", "député", "députée",
    "sénateur", "sénatrice", "recteur", "rectrice", "doyen", "doyenne", "expert", "experte", "chercheur", "chercheuse",
    "fondateur", "fondatrice", "envoyé spécial", "envoyée spéciale", "médiateur", "médiatrice", "procureur", "juge",
    "chef de village", "chef canton", "chef de canton", "roi", "reine", "colonel", "général", "commandant", "capitaine",
)
ORG_HEADS = (
    "Ambassade", "Ministère", "Commission", "Fonds", "Agence", "Organisation", "Office", "Centre", "Conseil", "Comité",
    "Banque", "Union", "Alliance", "Association", "Fédération", "Faîtière", "Institut", "Direction", "Haut-Commissariat",
    "Haut Commissariat", "Croix-Rouge", "Croissant-Rouge", "Secrétariat", "Autorité", "Assemblée", "Cour", "Tribunal",
    "Université", "Société", "Caisse", "Observatoire", "Réseau", "Coalition", "Communauté", "Programme", "Bureau",
    "Délégation", "Mission", "Cellule", "Département", "Service", "Gouvernement", "Primature", "Présidence", "Mairie",
    "Préfecture", "Parlement", "Sénat", "Syndicat", "Ordre", "Chambre", "Collectif", "Plateforme", "Groupe", "Groupement",
    "Coopérative", "Fondation", "Forces", "Armée", "Police", "Gendarmerie", "Garde", "Compagnie", "Entreprise",
)
FACILITY_HEADS = (
    "Port autonome", "Port", "Aéroport", "Hôpital", "CHU", "Centre hospitalier", "Clinique", "Barrage", "Gare", "Stade",
    "Palais", "Camp", "Site", "Marché", "Corridor", "Route nationale", "Pont",
)
# Lower-case linking words allowed inside organisation names.
NAME_LINKERS = {"de", "des", "du", "d", "la", "le", "les", "l", "pour", "et", "en", "au", "aux", "sur", "contre", "à", "of", "the", "and", "for"}
# Acronyms that are not organisations (or too generic to be actors).
# A dateline's other words: the outlet after the date ("03.05.2021, Agence X"), a label before it.
SOURCE_NAME_AFTER_DATE_RE = re.compile(r"(?:[A-ZÀ-Ý][\w'’.\-]*\s*){1,4}")
DATE_LINE_LEAD_WORD_RE = re.compile(r"(?:Édition|Edition|Mis\s+à\s+jour|Date)\s*[-–:]?\s*(?:\w+di|dimanche)?\s*(?:le)?", re.I)
# A related article listed under the story: its headline, a dash, its date.
RELATED_LINK_LINE_RE = re.compile(r"\s[-–]\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?:le\s+)?"
                                  r"\d{1,2}(?:er)?\s+[a-zéû]+\s+\d{4}\s*$", re.I)
# Pages kept by a crawler open with their capture date (" date 2025-11-06 Le Conseil …", " date 2019-10 …");
# titles: that date before the headline, and lines that sit where a headline would but are not one.
STORED_DATE_PREFIX_RE = re.compile(r"^\s*date\s+(?P<date>(?:19|20)\d{2}-[01]\d(?:-[0-3]\d)?)\b\s*")
SITE_NAME_PREFIX_RE = re.compile(r"^\s*[\w\-]+\.(?:[a-z]{2,6})\s*[:\-–]\s*", re.I)   # "Leguideinfo.net : …"
# An outlet's tag opening a paragraph or a title: "(Le Journal du Niger 6 déc)Encore du soutien …", "(AIB) Le ministre …"
SOURCE_TAG_RE = re.compile(r"^\s*\((?=[^()]*[A-ZÀ-Ý])[^()]{2,60}\)\s*(?=[A-ZÀ-Ý«\"“])")
NOT_A_HEADLINE_RE = re.compile(r"©|/\s*Ph\s*:|\b(?:Ph|Photo|Crédit(?:\s+photo)?)\s*:|^\s*(?:Dernière\s+mise\s+à\s+jour|"
                               r"Mis\s+à\s+jour|Publié\s+le|Posted|Lire\s+aussi|Vous\s+êtes\s+ici)\b", re.I)
BREADCRUMB_LEAD_RE = re.compile(r"^\s*(?:Vous\s+êtes\s+ici|Accueil|Home)\s*(?::|»|>|›|/|\||$)", re.I)
# Words that are never an actor on their own: function words and the headings of communiqués ("AU TITRE DU …").
# After a duration: it says when, not how long ("dix ans plus tôt", "deux jours après", "trois mois auparavant").
RELATIVE_TIME_AFTER_RE = re.compile(r"\s*(?:plus\s+t[ôo]t|plus\s+tard|auparavant|apr[èe]s|avant|"
                                    r"d[’']avance|de\s+cela)\b", re.I)
# A state's own institution ("l'Assemblée nationale du Bénin", "la République islamique de Mauritanie", "… et le
# gouvernement du Niger"): the country in its name is that country, never a foreign donor.
STATE_OF_BEFORE_RE = re.compile(
    r"\b(?:r[ée]publique|assembl[ée]e\s+nationale|gouvernement|pr[ée]sidence|minist[èe]re|parlement|s[ée]nat|[ée]tat|"
    r"arm[ée]e|forces\s+arm[ée]es|primature|cour\s+(?:supr[êe]me|constitutionnelle)|autorit[ée]s)"
    r"(?:\s+\w+)?\s+(?:du|de\s+la|de\s+l['’]|des|de|d['’])\s*$", re.I)
NOT_AN_ACTOR_WORDS = {"de", "des", "du", "au", "aux", "et", "la", "le", "les", "en", "un", "une", "ou", "par", "pour",
                      "sur", "dans", "avec", "ce", "cette", "ces", "son", "sa", "ses", "us", "titre", "article", "chapitre",
                      "section", "communiqué", "mesures", "nominations", "délibérations", "deliberations",
                      "communications", "divers", "projet", "projets", "decret", "décret", "loi", "ordonnance", "accueil",
                      "actualité", "actualités", "politique", "société", "economie", "économie", "international"}
ACRONYM_STOPLIST = {
    "FCFA", "CFA", "XOF", "USD", "EUR", "PIB", "TVA", "COVID", "VIH", "SIDA", "ONG", "ONGs", "PDI", "BAC", "BEPC", "CEPD",
    "RDC", "USA", "UK", "UE", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XX", "XXI", "AM", "PM", "TV", "FM",
    "OK", "NB", "PS", "CV", "PDF", "URL", "HTML", "GMT", "UTC", "KM", "HT", "TTC", "RN", "BP", "N°", "ID", "SMS", "PME",
}
INTERNATIONAL_ORG_HINTS = re.compile(r"\b(?:nations\s+unies|onu|unicef|pnud|undp|ocha|hcr|unhcr|pam|wfp|oms|who|fao|oim|iom|"
                                     r"unesco|unfpa|banque\s+mondiale|fmi|union\s+africaine|union\s+européenne|cedeao|ecowas|"
                                     r"uemoa|mptf|multi-?partenaires?|pluri-?partenaires?|international\w*|mondial\w*|global)\b", re.I)
