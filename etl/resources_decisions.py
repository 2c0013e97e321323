"""Word lists and patterns for decisions, events and dates that complement etl/resources.py.

Kept apart so the figure rules in resources.py and these can change independently. Every
pattern is a general French news or communiqué formula, never the wording of one article.
"""
from __future__ import annotations

import re

from etl.resources import APOS as _APOS

# ---------------------------------------------------------------- events
# Meeting verbs missing from resources.EVENT_CUES: "s'est réuni avant-hier", "se réunira lundi",
# "sont réunis depuis mardi". (kind, pattern, strong?) as there.
EXTRA_EVENT_CUES = [
    ("meeting", re.compile(r"\b(?:s['’]est\s+r[ée]unie?|se\s+r[ée]uni(?:ra|ront|ssent|ssait|ssaient)|"
                           r"(?:sont|[ée]tait|[ée]taient|seront)\s+r[ée]unie?s?|"
                           # "Réunie mardi dernier à Kankan, la cellule de crise a …": the participle opening a sentence
                           r"^\W*r[ée]unie?s?(?=\s+(?:en|à|au|le|ce|du|depuis|mardi|lundi|mercredi|jeudi|vendredi|samedi|dimanche|hier|avant-hier)\b))\b",
                           re.I), True),
]
# "sont réunis depuis mardi", "se tient depuis hier": the day an ongoing meeting began.
SINCE_DAY_RE = re.compile(r"\bdepuis\s*$", re.I)

# ---------------------------------------------------------------- decisions
# Addressees heading a block of recommendations: "Aux États :", "À la CEDEAO et à l'UEMOA :",
# "Aux partenaires techniques et financiers :", "À l'endroit des gouvernements :".
ADDRESSEE_LINE_RE = re.compile(
    r"^\W*(?:aux?|à|a|en\s+direction\s+d(?:es?|u)|à\s+l['’](?:endroit|intention|attention)\s+d(?:es?|u)|"
    r"s['’]agissant\s+d(?:es?|u)|concernant|pour|envers)\b[^.;]{1,120}:\s*$", re.I)
# "a adopté les résultats … et formule les recommandations suivantes :": the part before " et " is a
# decision of its own, the rest only introduces the list.
LIST_INTRO_TAIL_RE = re.compile(
    r"\s+et\s+(?=[^.;:]{0,120}\b(?:suivant(?:e?s)?|ci-apr[èe]s|ci-dessous)\b[^.;]{0,40}$)", re.I)
LIST_INTRO_WORD_RE = re.compile(r"\b(?:suivant(?:e?s)?|ci-apr[èe]s|ci-dessous)\b", re.I)

_ADVERBS = (r"(?:notamment|également|aussi|donc|enfin|en\s+outre|par\s+ailleurs|ensuite|d[ée]j[àa]|officiellement|"
            r"formellement|solennellement|publiquement|de\s+nouveau|encore)")
# Prose triggers missing from resources.PROSE_DECISION_RE (same groups: trigger, then link):
# "a également promis de …", "avant d'inviter les partenaires à …", "en appelant les États à …".
EXTRA_PROSE_DECISION_RE = re.compile(
    rf"\b(?P<trigger>(?:a|ont|avait|avaient)\s+(?:{_ADVERBS}\s+){{1,2}}promis"
    rf"|(?:s{_APOS}est|se\s+sont|s{_APOS}[ée]tait|s{_APOS}[ée]taient)\s+(?:{_ADVERBS}\s+){{1,2}}engag[ée]e?s?"
    rf"|s{_APOS}engage(?:nt)?\s+(?:{_ADVERBS}\s+){{1,2}}(?=à\s)"
    rf"|(?:avant|apr[èe]s)\s+d{_APOS}(?:inviter|appeler|exhorter|encourager|enjoindre)"
    rf"|en\s+(?:invitant|appelant|exhortant|encourageant)"
    # "LANCE UN APPEL aux partenaires pour qu'ils accroissent …": an appeal to someone to act (not "un appel à la solidarité")
    rf"|(?:lance(?:nt)?|(?:a|ont)\s+lanc[ée])\s+un\s+(?:[a-zà-ÿ]+\s+)?appel\s+(?=(?:aux?|à\s+l{_APOS}endroit\s+d(?:es?|u)|à\s+l[ae]|à\s+l{_APOS})\s*"
    rf"[^.;]{{2,120}}?\s(?:pour\s+qu|afin\s+qu|à\s+[a-zà-ÿ]+(?:er|ir|re)\b|de\s+[a-zà-ÿ]+(?:er|ir|re)\b)))"
    rf"\s*(?P<link>de\s+|d{_APOS}|à\s+|(?=[a-zà-ÿ]{{2,}}))",
    re.I,
)
# Objectives after an intent verb and an adverbial phrase that resources.OBJECTIVE_RE does not allow:
# "entend par ailleurs porter …", "compte désormais étendre …", "souhaite pour sa part renforcer …".
EXTRA_OBJECTIVE_RE = re.compile(
    rf"(?P<trigger>\b(?:entend|entendent|compte|comptent|souhaite|souhaitent|veut|veulent|ambitionne|ambitionnent|prévoit|prévoient)"
    rf"\s+(?:par\s+ailleurs|en\s+outre|d[ée]sormais|d{_APOS}ailleurs|toutefois|cependant|pour\s+sa\s+part|pour\s+leur\s+part|"
    rf"de\s+son\s+c[ôo]t[ée]|de\s+leur\s+c[ôo]t[ée]|quant\s+à\s+(?:lui|elle|eux)|maintenant|enfin|surtout|bien|ainsi|aussi|également|notamment)"
    rf"\s+(?:(?:de|d{_APOS}|à)\s*)?)",
    re.I,
)
# People, not institutions, "envisage a new departure" or "wish to go home": intentions, not policy objectives.
POPULATION_SUBJECT_RE = re.compile(
    r"\b(?:ménages|d[ée]plac[ée]e?s|r[ée]fugi[ée]e?s|personnes|habitants|familles|populations|migrants|retourn[ée]e?s|"
    r"rapatri[ée]e?s|sinistr[ée]e?s|jeunes|femmes|enfants|[ée]leveurs|agriculteurs|producteurs|commer[çc]ants|"
    r"r[ée]pondants|enqu[êe]t[ée]e?s|m[èe]res|parents)\b(?:\s+[\wà-ÿ'’-]+){0,4}\s*$", re.I)
POPULATION_INTENT_TRIGGER_RE = re.compile(r"^(?:envisag|souhait|veu|aspir|compt|esp[èe]r)", re.I)
# Cut a statement before a second subject's own statement: ", tandis que Bamako entend …".
STATEMENT_TAIL_RE = re.compile(r",?\s+(?:tandis\s+qu|alors\s+qu|pendant\s+qu)(?:e\s|['’])", re.I)
# Signed instruments: the decision is the instrument ("une convention de financement …"), not the date
# and place written between the verb and it.
SIGNED_INSTRUMENT_RE = re.compile(
    rf"\b(?:un|une|le|la|les|l{_APOS})\s*(?:protocoles?|accords?|conventions?|m[ée]morandums?|contrats?|d[ée]clarations?|"
    rf"chartes?|MoU|feuilles?\s+de\s+route)\b", re.I)
# "une convention … destinée à moderniser …": the instrument's purpose is the objective; the signature
# itself is an event.
PURPOSE_CLAUSE_RE = re.compile(
    r"\b(?:destin[ée]e?s?\s+à|visant\s+à|qui\s+vise(?:nt)?\s+à|ayant\s+pour\s+(?:objet|objectif|but)\s+de|afin\s+de|pour\s+"
    r"(?=[a-zà-ÿ]+(?:er|ir|re)\b))", re.I)
SIGN_TRIGGER_RE = re.compile(r"sign|paraph|conclu", re.I)
# "Le Conseil a adopté deux (02) décrets", "a adopté un projet de loi et deux projets de décret, écouté quatre
# communications": the agenda of a council, counted; the texts themselves come later.
_COUNT = r"(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|plusieurs|\d{1,2})(?:\s*\(\d{1,2}\))?"
_TEXTS = (r"(?:projets?\s+de\s+(?:lois?|d[ée]crets?|ordonnances?)|d[ée]crets?|lois?|ordonnances?|arr[êe]t[ée]s?|communications?|"
          r"dossiers?|textes?|accords?|conventions?|rapports?|mesures\s+individuelles|divers)")
AGENDA_COUNT_RE = re.compile(
    rf"^{_COUNT}\s+{_TEXTS}(?:\s*(?:,|\bet\b)\s*(?:[a-zé]+\s+)?(?:(?:{_COUNT}|des|les)\s+)?{_TEXTS})*\s*[.;]?\s*$", re.I)
# "Cette annonce fait suite …": the noun, not the verb.
NOUN_ANNOUNCE_BEFORE_RE = re.compile(rf"\b(?:cette|l{_APOS}|une|son|sa|leur|la|cette|nouvelle|derni[èe]re)\s*$", re.I)
# "…, a annoncé la Commission nationale (CNRM).", "…, a annoncé le ministre.": who said it, not what was announced.
ATTRIBUTION_BEFORE_RE = re.compile(r",\s*$")
SPEAKER_RE = re.compile(r"^(?:le|la|les|l['’])\s*(?:[A-ZÀ-Ý]|(?:ministre|pr[ée]sident|directeur|directrice|gouverneur|pr[ée]fet|"
                        r"porte-parole|secr[ée]taire|repr[ée]sentant|coordonnat|chef|responsable|maire|haut-commissaire|commissaire)\w*\b)")
