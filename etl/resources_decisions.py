"""Word lists and patterns for decisions, events and dates that complement etl/resources.py.

Kept apart so the figure rules in resources.py and these can change independently. Every
pattern is a general French news or communiqué formula, never the wording of one article.
"""
from __future__ import annotations

import re

# ---------------------------------------------------------------- events
# Meeting verbs missing from resources.EVENT_CUES: "s'est réuni avant-hier", "se réunira lundi",
# "sont réunis depuis mardi". (kind, pattern, strong?) as there.
EXTRA_EVENT_CUES = [
    ("meeting", re.compile(r"\b(?:s['’]est\s+r[ée]unie?|se\s+r[ée]uni(?:ra|ront|ssent|ssait|ssaient)|"
                           r"(?:sont|[ée]tait|[ée]taient|seront)\s+r[ée]unie?s?)\b", re.I), True),
]
# "sont réunis depuis mardi", "se tient depuis hier": the day an ongoing meeting began.
SINCE_DAY_RE = re.compile(r"\bdepuis\s*$", re.I)

# ---------------------------------------------------------------- dates
# "Date de publication : 30/09/2025" (reports, PDF dashboards): the document's own date, wherever the line is.
PUBLICATION_DATE_LABEL_RE = re.compile(r"^\W*date\s+de\s+(?:publication|parution|diffusion)\b", re.I)

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
