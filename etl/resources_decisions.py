"""Word lists and patterns for decisions, events and dates that complement etl/resources.py.

Every list is a general French news or communiqué formula, never the wording of one article. The
decision rules (etl/decisions.py) match verbs on the parse by their stems: the lemmatizer is not run.
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
    # "les inondations survenues en 2020", "la réforme intervenue en 2005", "la rencontre a eu lieu le …"
    # a report's publication: "le rapport publié le 3 mars", "le bulletin publié en mars dernier"
    ("other", re.compile(r"\b(?:publi[ée]e?s?|paru(?:e|s)?|rendue?s?\s+publi(?:c|que)s?)\b", re.I), True),
    ("other", re.compile(r"\b(?:survenue?s?|intervenue?s?|(?:a|ont|avait|avaient|aura|auront)\s+eu\s+lieu)\b", re.I), True),
]
# A verb in a past or future tense: what happened or will happen on the day written in its sentence.
DATED_ACTION_RE = re.compile(
    r"\b(?:a|ont|avait|avaient|aura|auront|s['’]est|se\s+sont|s['’][ée]tait|est|sont|sera|seront|vient\s+de|viennent\s+de)"
    r"\s+(?:(?:également|aussi|déjà|officiellement|notamment|conjointement|enfin)\s+)?(?:été\s+)?"
    r"[a-zà-ÿ]{3,}(?:é|ée|és|ées|i|ie|is|ies|it|u|ue|us|ert|erte|int|er|ir|re)\b"
    r"|\b[a-zà-ÿ]{3,}(?:era|eront|ira|iront)\b", re.I)
PUBLISHED_ON_RE = re.compile(r"\b(?:publi[ée]e?s?|paru(?:e|s)?|mis\s+en\s+ligne|rendu\s+public)\s+(?:vers\s+|au\s+plus\s+tard\s+)?"
                             r"(?:le|ce|l['’])?\s*$", re.I)
# "sont réunis depuis mardi", "se tient depuis hier": the day an ongoing meeting began.
SINCE_DAY_RE = re.compile(r"\bdepuis\s*$", re.I)
# A date something is moved or set to: "a été reportée au jeudi 14 novembre", "la session est fixée au 3 mai".
SET_TO_BEFORE_RE = re.compile(r"\b(?:report[ée]e?s?|renvoy[ée]e?s?|fix[ée]e?s?|programm[ée]e?s?|pr[ée]vue?s?)"
                              r"\s+(?:au|pour\s+le|le)\s*$", re.I)
# Present-tense verbs of something taking effect or (re)opening: "entre en vigueur à compter du 1er mars",
# "rouvre son consulat dès le 12 octobre", "prend effet le …".
TAKES_EFFECT_RE = re.compile(r"\b(?:entr(?:e|ent|era|eront)\s+en\s+vigueur|pren(?:d|nent|dra|dront)\s+effet|"
                             r"(?:r?ouvr|ferm|reprend|reprenn|d[ée]marr|commenc|d[ée]but)(?:e|ent|era|eront)?)\b", re.I)

# ---------------------------------------------------------------- decisions: verbs, by stem
# Acts of an institution or an official: what they adopted, created, allocated, signed… (stem → kind).
ACT_STEMS = {
    "adopt": "decision", "approuv": "decision", "valid": "decision", "entérin": "decision", "enterin": "decision",
    "ratifi": "decision", "autoris": "decision", "décid": "decision", "decid": "decision", "arrêt": "decision",
    "nomm": "decision", "désign": "decision", "design": "decision", "cré": "decision", "institu": "decision",
    "instaur": "decision", "dissou": "decision", "dissol": "decision", "révoqu": "decision", "revoqu": "decision",
    "limog": "decision", "relev": "decision", "suspend": "decision", "suspendu": "decision", "lev": "decision",
    "prorog": "decision", "prolong": "decision", "reconduit": "decision", "reconduir": "decision",
    "proclam": "decision", "décrét": "decision", "decret": "decision", "abrog": "decision", "modifi": "decision",
    "fix": "decision", "allou": "decision", "octroy": "decision", "accord": "decision", "débloqu": "decision",
    "debloqu": "decision", "décaiss": "decision", "mobilis": "decision", "sign": "decision", "paraph": "decision",
    "conclu": "decision", "conven": "decision", "confi": "decision", "transmi": "decision", "transmett": "decision",
    "vot": "decision", "officialis": "decision", "lanc": "decision", "ferm": "decision", "rouvr": "decision", "ouvr": "decision",
    "interdi": "decision", "transfér": "decision", "transfer": "decision", "dot": "decision", "fourn": "decision",
    "distribu": "decision", "envoy": "decision", "déploy": "decision", "deploy": "decision", "remi": "decision",
    "remett": "decision", "offr": "decision", "financ": "decision", "construi": "decision", "instal": "decision",
    "réhabilit": "decision", "rehabilit": "decision", "accueill": "decision", "organis": "decision",
    "sanctionn": "decision", "exig": "decision", "retir": "decision", "rejet": "decision",
    "augment": "decision", "rédui": "decision", "reduis": "decision", "réduit": "decision", "soumi": "decision",
    "soumett": "decision", "examin": "decision", "pris": "decision", "prend": "decision", "procéd": "decision",
    "proced": "decision", "saisi": "decision", "recevr": "decision", "reç": "decision", "recev": "decision",
    "élabor": "decision", "elabor": "decision", "présent": "decision", "annonc": "commitment",
    "engag": "commitment", "promi": "commitment", "promet": "commitment", "réitér": "commitment",
    "reiter": "commitment",
    "donn": "decision", "formul": "recommendation",
    "instrui": "decision", "charg": "decision", "enjoi": "decision", "mandat": "decision", "demand": "decision",
    "invit": "recommendation", "exhort": "recommendation", "recommand": "recommendation", "appel": "recommendation",
    "encourag": "recommendation", "insist": "recommendation", "plaid": "recommendation",
    "réclam": "recommendation", "reclam": "recommendation", "préconis": "recommendation",
    "dépêch": "decision", "depech": "decision", "redéploy": "decision",
}
# Stems that need a complement saying what is done ("a pris des mesures", "a présenté un projet de loi"): too
# common otherwise. A directive verb needs an infinitive or a clause ("a demandé au ministre de …").
NEEDS_INSTRUMENT = {"donn", "formul", "pris", "prend", "présent", "examin", "soumi", "soumett", "transmi", "transmett", "procéd", "proced",
                    "élabor", "elabor", "saisi", "recevr", "reç", "recev", "organis", "accueill", "ouvr", "lanc",
                    "relev", "lev", "accord", "fix", "modifi", "augment", "rédui", "reduis", "réduit", "retir"}
DIRECTIVE_STEMS = {"réclam", "reclam", "préconis", "instrui", "charg", "enjoi", "mandat", "demand", "invit", "exhort", "recommand", "appel", "encourag",
                   "insist", "plaid"}
# Support verbs whose complement names the act: "procéder à la signature", "permettre l'adoption", "marquer son accord".
SUPPORT_VERB_STEMS = ("procéd", "proced", "permi", "permett", "marqu", "donn", "émi", "émet", "emi", "emet", "abouti",
                      "consacr", "act", "entérin", "officialis", "annonc", "décid", "decid")
# Nouns of acts: "la signature de", "l'adoption de", "la création de", "son accord", "un avis favorable".
NOMINAL_ACT_STEMS = ("signature", "adoption", "création", "creation", "validation", "ratification", "approbation",
                     "nomination", "transmission", "prorogation", "levée", "suspension", "octroi", "allocation",
                     "déblocage", "deblocage", "mise", "lancement", "ouverture", "fermeture", "dissolution",
                     "interdiction", "institution", "instauration", "accord", "avis", "décision", "decision",
                     "reconduction", "révision", "revision", "abrogation", "autorisation", "affectation")
ACCORD_FOR_RE = re.compile(r"(?:son|leur|un|l['’])\s*(?:accord|avis\s+favorable)\s+(?:pour|sur|à)\s+", re.I)
_NOMINAL_ACTS = "|".join(NOMINAL_ACT_STEMS[:-3] + ("autorisation", "affectation"))
NOMINAL_ACT_PHRASE_RE = re.compile(
    rf"(?:\b(?:a|ont|avait|avaient)\s+(?:[a-zéè]+ment\s+|également\s+|aussi\s+|notamment\s+|,\s*)*"
    rf"(?:permis|proc[ée]d[ée]\s+(?:à|au|aux)|abouti\s+(?:à|au|aux)|(?:marqu[ée]|donn[ée])\s+(?:son|leur)\s+accord\s+(?:pour|sur|à))"
    # "La principale décision est la création du Fonds …"
    rf"|\bd[ée]cisions?\b[^.;:]{{0,40}}?\b(?:est|sont|a\s+[ée]t[ée]|porte(?:nt)?\s+sur|concerne(?:nt)?))"
    rf"[\s,]*(?:également|aussi|notamment)?[\s,]*(?P<act>(?:la|l{_APOS}|le|les|une?|sa|son|leur)?\s*(?:{_NOMINAL_ACTS})\w*\b)",
    re.I)
# Obligations and insistence: recommendations in prose. Group "after" marks a cue whose statement follows it.
OBLIGATION_RE = re.compile(
    rf"(?P<after>\bil\s+(?:faut|faudra(?:it)?|(?:est|sera|serait)\s+(?:n[ée]cessaire|urgent|indispensable|imp[ée]ratif|"
    rf"important|essentiel)|importe)\s+(?:de\s+|d{_APOS}|que\s+|qu{_APOS})"
    rf"|\b(?:rappel[ée]|soulign[ée]|insist[ée]\s+sur)\s+(?:[^.;]{{0,60}}?\s)?(?:l{_APOS}importance|la\s+n[ée]cessit[ée]|l{_APOS}urgence)"
    rf"\s+(?:de\s+|d{_APOS}|du\s+|des\s+))"
    rf"|\b(?:doi(?:t|vent)|devr(?:a|ont|ait|aient))\s+(?:(?:également|aussi|désormais|notamment)\s+)?[êe]tre\s+[a-zéèêàâîôûç]+[ée]e?s?\b"
    rf"|\b(?:chaque|les|tous\s+les)\s+(?:[ÉE]tats?|pays|gouvernements?|partenaires|acteurs)\s+(?:membres?\s+)?"
    rf"(?:doi(?:t|vent)|devr(?:a|ont))\s+[a-zà-ÿ]+(?:er|ir|re)\b",
    re.I)
# "a recommandé au Gouvernement de ne pas recourir …": the infinitive a directive asks for.
DIRECTIVE_INFINITIVE_RE = re.compile(
    rf"\b(?:de|d{_APOS}|à)\s*(?P<what>(?:ne\s+(?:pas|plus)\s+)?(?:s{_APOS}|se\s+)?[a-zà-ÿ]+(?:er|ir|re|oir)\b)", re.I)
# "a procédé au redéploiement de …": an action named by a noun.
# A line that opens on a noun of action names an act: "Réalisation des études …", "Mise en place d'un comité …".
ACTION_NOUN_HEAD_RE = re.compile(
    r"\W*(?:(?:[A-ZÀ-Ý][a-zà-ÿ]+(?:tion|sion|ment|age|ure))|Mise\s+en\s+(?:place|œuvre|oeuvre|service)|Prise\s+en\s+charge|"
    r"Octroi|Recrutement|Report|Relèvement|Renouvellement|Transfert|Retrait|Rachat|Achat|Don)"
    r"\s+(?:des?|du|d['’]|de\s+la|de\s+l['’]|aux?)\b")
NOMINALIZATION_RE = re.compile(r"\W*(?:à|au|aux)?\s*(?:la|le|les|l['’]|une?|des)?\s*[a-zà-ÿœ]+(?:tion|sion|ment|age|ure)s?\b", re.I)
# "lance un appel aux bailleurs pour qu'ils …", "un appel international en vue de mobiliser …": an appeal to act.
APPEAL_TO_ACT_RE = re.compile(
    r"\bappels?\b[^.;]{0,120}?(?:pour\s+qu|afin\s+(?:qu|de|d['’])|en\s+vue\s+d|\bà\s+[a-zà-ÿ]+(?:er|ir|re)\b|"
    r"\bde\s+[a-zà-ÿ]+(?:er|ir|re)\b|\bpour\s+(?:mobiliser|financer|soutenir|obtenir|lever))", re.I)
# "par 152 voix pour et 3 contre", "à l'unanimité des 95 votants": how a text was voted, not what it decides.
VOTE_RE = re.compile(r"\s*,?\s*(?:(?:par\s+\d+\s+voix(?:\s+pour)?|pour)(?:\s*,?\s*(?:et\s+)?\d+\s+(?:contre|abstentions?))+"
                     r"|par\s+\d+\s+voix(?:\s+pour)?"
                     r"|à\s+l['’]unanimit[ée](?:\s+des\s+\d+\s+\w+(?:\s+\w+)?)?)\s*,?\s*", re.I)
ANNOUNCED_THAT_RE = re.compile(r"(?:que|qu['’])\s", re.I)
# Intention verbs with an infinitive: "entend renforcer", "ont dit vouloir poursuivre", "va porter".
INTENT_STEMS = ("veu", "voul", "entend", "compt", "souhait", "envisag", "prévoi", "prevoi", "prévoy", "prevoy", "projet", "ambitionn",
                "s'engag", "engag", "promet", "promi", "va", "vont", "allon", "allait", "allaient", "ir", "entendent")
# The agents of decisions: institutions and officials (head nouns of a subject), in lower case.
AGENT_NOUNS = {
    "conseil", "gouvernement", "président", "presidente", "présidente", "president", "ministre", "ministres",
    "ministère", "ministere", "chef", "chefs", "assemblée", "assemblee", "parlement", "députés", "deputes", "député",
    "sénat", "conférence", "conference", "commission", "commissaire", "sommet", "état", "états", "etat", "etats",
    "pays", "partie", "parties", "banque", "bailleur", "bailleurs", "partenaire", "partenaires", "union", "organisation",
    "organisations", "agence", "programme", "fonds", "haut-commissariat", "haut-commissaire", "onu", "nations",
    "communauté", "communaute", "autorités", "autorites", "autorité", "direction", "directeur", "directrice",
    "secrétaire", "secretaire", "coordonnateur", "coordonnatrice", "coordinateur", "représentant", "representant",
    "représentante", "délégation", "delegation", "comité", "comite", "cellule", "institution", "institutions",
    "mairie", "maire", "gouverneur", "préfet", "prefet", "primature", "premier", "cnt", "alt", "collège", "college",
    "session", "réunion", "reunion", "instance", "instances", "cour", "tribunal", "ambassade", "ambassadeur",
    "coopération", "cooperation", "ong", "croix-rouge", "équipe", "equipe", "opération", "operation", "force",
    "forces", "armée", "armee", "administration", "municipalité", "collectivité", "collectivités", "région", "conseils",
    "ordonnateur", "garde", "haut", "commandement", "bureau", "plénière", "pleniere", "élus", "elus", "élu",
    "nous", "je", "il", "elle", "ils", "elles", "on", "celui-ci", "celle-ci",
}
# Acts a passive reports as decided ("l'état d'urgence a été proclamé", "des instructions ont été données"); the
# others ("a été organisé", "est financé à 17 %", "sont accueillis") describe, they do not decide.
PASSIVE_ACT_STEMS = {"adopt", "approuv", "valid", "entérin", "enterin", "ratifi", "autoris", "décid", "decid", "arrêt",
                     "nomm", "désign", "design", "cré", "institu", "instaur", "dissou", "dissol", "révoqu", "revoqu",
                     "limog", "relev", "suspend", "suspendu", "prorog", "prolong", "reconduit", "proclam", "décrét",
                     "decret", "abrog", "allou", "octroy", "accord", "débloqu", "debloqu", "décaiss", "mobilis", "sign",
                     "paraph", "conclu", "confi", "vot", "ferm", "interdi", "transfér", "transfer", "déploy", "deploy",
                     "remi", "pris", "donn", "formul", "instrui", "charg", "mandat", "fix", "lev", "dot", "élabor", "elabor"}
# A passive of these needs no instrument for its subject: people are named, relieved, dismissed.
PERSON_ACT_STEMS = {"nomm", "désign", "design", "relev", "limog", "révoqu", "revoqu", "confi"}
# "a pris note", "a pris part", "a pris la parole": expressions, not acts; "a présenté une communication": the agenda.
NOT_AN_OBJECT_RE = re.compile(r"^(?:note|acte|part|connaissance|la\s+parole|la\s+mesure\s+de|le\s+temps|"
                              # "a présenté une communication sur …": an item of the agenda, not an act
                              r"(?:une|des|deux|trois|sa|leur)\s+communications?\b|"
                              r"(?:le|ce)\s+(?:texte|projet|document|budget|rapport)(?:\s+de\s+(?:loi|d[ée]cret))?\b(?![^.;]{20}))",
                              re.I)
# Subjects that are people in need, not agents: their plans are not decisions.
POPULATION_NOUNS = {
    "ménages", "menages", "déplacés", "deplaces", "réfugiés", "refugies", "personnes", "habitants", "familles",
    "populations", "population", "migrants", "retournés", "rapatriés", "sinistrés", "jeunes", "femmes", "enfants",
    "éleveurs", "agriculteurs", "producteurs", "commerçants", "victimes", "élèves", "malades", "patients",
}
# Legal and financial instruments: what a council adopts, signs or ratifies.
INSTRUMENT_NOUN_RE = re.compile(
    r"\b(?:projets?\s+de\s+(?:lois?|d[ée]crets?|textes?|ordonnances?|r[èe]glements?|r[ée]solutions?|conventions?|accords?)|"
    r"avant-projets?|d[ée]crets?|lois?|ordonnances?|arr[êe]t[ée]s?|r[ée]solutions?|d[ée]cisions?|accords?|conventions?|"
    r"protocoles?|trait[ée]s?|m[ée]morandums?|contrats?|march[ée]s?|plans?|programmes?|projets?|strat[ée]gies?|"
    r"politiques?|budgets?|collectifs?\s+budg[ée]taires?|rapports?|statuts?|r[èe]glements?|codes?|mesures?|"
    r"instructions?|directives?|dispositions?|financements?|pr[êe]ts?|dons?|subventions?|enveloppes?|fonds|"
    r"appui|aide|assistance|montants?|sommes?|lignes?\s+de\s+cr[ée]dit|[ée]tat\s+d['’]urgence|couvre-feu|"
    r"sanctions?|feuille\s+de\s+route|charte|cadre|m[ée]canisme|comit[ée]|agence|fonds|commission|missions?|"
    r"appels?|d[ée]cisions?|recommandations?|mesures?|[ée]quipes?|kits?|vivres|tonnes|camions?|engagements?)\b", re.I)
# Agendas counted and meetings described are not decisions: "a délibéré sur les dossiers inscrits à son ordre du
# jour, entendu des communications orales, procédé à des nominations et autorisé des missions à l'étranger".
AGENDA_OBJECT_RE = re.compile(
    r"^\W*(?:(?:et|puis)\s+)?(?:à\s+)?(?:(?:des|les|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|plusieurs|\d+)"
    r"(?:\s*\(\d+\))?\s+)?(?:projets?\s+de\s+textes?|textes?|nominations?|communications?(?:\s+orales?)?|missions?"
    r"(?:\s+à\s+l['’][ée]tranger)?|dossiers?(?:\s+inscrits)?|mesures\s+individuelles|rapports?|projets?\s+de\s+"
    r"(?:lois?|d[ée]crets?|ordonnances?)|d[ée]crets?|points?\s+inscrits|divers)\b[^,;:]{0,40}?\s*[.;,]?\s*$", re.I)
# Adverbials between an act verb and its object, set off by commas: "ce jeudi,", "à l'unanimité,", "mardi dernier,".
ADVERBIAL_LEAD_RE = re.compile(
    r"(?:(?:(?:ce|le)\s+)?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?:\s+(?:dernier|matin|soir))?"
    r"(?:\s+\d{1,2}(?:er)?\s+[a-zéû]+(?:\s+\d{4})?)?|(?:le\s+)?\d{1,2}(?:er)?\s+[a-zéû]+(?:\s+\d{4})?|"
    r"à\s+l['’]\s*unanimité(?:\s+des?\s+[^,;]{0,60})?|en\s+(?:séance\s+)?plénière|également|par\s+ailleurs|en\s+outre|"
    r"hier|avant-hier|aujourd['’]hui|enfin|ainsi)\s*,\s*", re.I)
# The parts of a meeting's description: "à des nominations ; et entendu une communication".
AGENDA_PART_SPLIT_RE = re.compile(r"\s*[,;]\s*(?:et\s+)?|\s+et\s+")
# Statements that say only that something was decided or met: "plusieurs décisions ont été prises".
GENERIC_STATEMENT_RE = re.compile(
    r"^\W*(?:(?:plusieurs|des|de\s+nombreuses|d['’]importantes|les)\s+(?:d[ée]cisions|mesures)\s+(?:ont\s+été\s+|ont\s+|sont\s+)?"
    r"pris(?:es)?(?:\s+par\s+[^,;]{0,40})?|une?\s+(?:r[ée]union|rencontre|s[ée]ance)(?:\s+[a-zé]+)?)\s*[.;]?\s*$", re.I)
# Lead-ins that only announce a list: "le Conseil a :", "a adopté les projets de décrets suivants :".
LIST_INTRO_WORD_RE = re.compile(r"\b(?:suivant(?:e?s)?|ci-apr[èe]s|ci-dessous|comme\s+suit)\b", re.I)
# "a adopté les résultats … et formule les recommandations suivantes :": the part before " et " is a
# decision of its own, the rest only introduces the list.
LIST_INTRO_TAIL_RE = re.compile(
    r"\s+et\s+(?=[^.;:]{0,120}\b(?:suivant(?:e?s)?|ci-apr[èe]s|ci-dessous)\b[^.;]{0,40}$)", re.I)
# Addressees heading a block of recommendations: "Aux États :", "À la CEDEAO et à l'UEMOA :".
ADDRESSEE_LINE_RE = re.compile(
    r"^\W*(?:aux?|à|a|en\s+direction\s+d(?:es?|u)|à\s+l['’](?:endroit|intention|attention)\s+d(?:es?|u)|"
    r"s['’]agissant\s+d(?:es?|u)|concernant|pour|envers)\b[^.;]{1,120}:\s*$", re.I)
# A list is about decisions when its lead-in or heading says so.
DECISION_CONTEXT_RE = re.compile(
    r"\b(?:adopt[ée]e?s?|approuv[ée]e?s?|d[ée]cid[ée]|d[ée]cide(?:nt)?|d[ée]cisions?|arr[êe]t[ée]|arr[êe]te(?:nt)?|"
    r"convenu|retenu|r[ée]solu|mesures?|recommandations?|recommande(?:nt)?|r[ée]solutions?|engagements?|"
    r"s['’]engage(?:nt)?|nominations?|nomm[ée]e?s?|instructions?|directives?|sanctions?|textes?|d[ée]crets?|"
    r"projets?\s+de\s+(?:lois?|d[ée]crets?|textes?|ordonnances?)|d[ée]lib[ée]rations?|examin[ée]|autoris[ée]|"
    r"ratifi\w*|vot[ée]e?s?|sign[ée]e?s?|priorit[ée]s|actions?\s+prioritaires|feuille\s+de\s+route|plan\s+d['’]actions?|"
    r"exhorte(?:nt)?|invite(?:nt)?|appelle(?:nt)?|demande(?:nt)?|instrui\w*|conclusions?)\b", re.I)
RECOMMENDATION_CONTEXT_RE = re.compile(r"recommand|exhort|invit|appel|plaidoyer|sugg[èe]r", re.I)
COMMITMENT_CONTEXT_RE = re.compile(r"engag|promet|promis|s['’]obligent", re.I)
OBJECTIVE_CONTEXT_RE = re.compile(r"objectifs?|vis(?:e|ent|ait|ant)\b|a\s+pour\s+but|ambition|contribuer(?:a|ont)?\b", re.I)
# Headings of a communiqué that name a ministry, and "Sur le rapport du ministre de …".
MINISTRY_HEADING_RE = re.compile(
    rf"^\W*(?:[IVX\d]+(?:[.\-]\d+)*[.\-)]?\s*)?(?:au\s+titre\s+d[ue]s?\s+|au\s+titre\s+de\s+la\s+|au\s+titre\s+de\s+l{_APOS})"
    rf"(?P<ministry>(?:minist[èe]re|pr[ée]sidence|primature|secr[ée]tariat)[^:;\n]{{0,200}}?)\s*[:;.]?\s*$", re.I)
MINISTRY_IN_TEXT_RE = re.compile(
    # a heading in capitals run into its paragraph: "AU TITRE DU MINISTERE DE L'ECONOMIE, DES FINANCES Le Conseil a …"
    rf"\b(?-i:AU\s+TITRE\s+D[UE]S?\s+(?:LA\s+|L{_APOS})?)(?P<shouted>(?-i:(?:MINIST[EÈ]RE|PR[EÉ]SIDENCE|PRIMATURE|SECR[EÉ]TARIAT)"
    rf"[A-ZÀ-Ý'’,\-\s]{{3,200}}?))(?-i:(?=\s+[A-ZÀ-Ý][a-zà-ÿ]|\s*$))"
    rf"|\b(?:sur\s+(?:le\s+)?rapport\s+d[ue]\s+|sur\s+proposition\s+d[ue]\s+|au\s+titre\s+d[ue]\s+)"
    rf"(?P<ministry>(?:minist[èe]re|ministre)\b[^,;:.]{{3,160}})", re.I)
# Section headings of a communiqué: context, never decisions ("I- MESURES NORMATIVES", "AU CHAPITRE DES …").
SECTION_HEADING_RE = re.compile(
    r"^\W*(?:[IVX]+|[A-Z]|\d+)?\s*[.\-/–)]*\s*[-–]?\s*(?:au\s+chapitre\s+d|au\s+titre\s+d|mesures?\b|d[ée]lib[ée]rations?|"
    r"communications?|nominations?|divers|projets?\s+de\s+(?:lois?|d[ée]crets?)|textes?\s+l[ée]gislatifs|"
    r"mesures\s+(?:g[ée]n[ée]rales|individuelles|normatives|l[ée]gislatives))", re.I)
# Council communiqués: the body that decides when the text names no subject.
COUNCIL_RE = re.compile(r"\bconseil\s+(?:des\s+ministres|de\s+cabinet|extraordinaire|ordinaire|du\s+gouvernement)\b", re.I)
# "Le premier rapport est relatif à …", "Le second projet de loi porte sur …", "Une première convention porte sur …".
ORDINAL_ITEM_RE = re.compile(
    r"^\W*(?:le|la|l['’]|une?)\s*(?:premi(?:er|ère)|deuxi[èe]me|second(?:e)?|troisi[èe]me|quatri[èe]me|cinqui[èe]me|"
    r"sixi[èe]me|septi[èe]me|huiti[èe]me|neuvi[èe]me|dixi[èe]me|dernier|derni[èe]re|autre|\d+(?:e|er|ème|ère))\s+"
    r"(?P<noun>[^,;:]{2,60}?)(?:\s*,[^,;:]{1,60},)?\s+(?:est\s+(?:relatif|relative|consacr[ée]e?)\s+(?:à|au|aux)|"
    r"porte(?:\s+sur)?|concerne|est\s+celui|vise|autorise|a\s+trait\s+(?:à|au|aux)|est\s+un|est\s+une|comprend|"
    r"s['’]inscrit|servira(?:\s*,\s*\w+\s*,)?\s+(?:à|au|aux)|financera|permettra\s+de|"
    r"est\s+destin[ée]e?\s+(?:à|au|aux))\s*", re.I)
# "Il s'agit des projets de protocole relatif à X, relatif à Y": the texts a previous sentence says were adopted.
NAMED_INSTRUMENTS_RE = re.compile(
    r"\W*(?:il|ce)\s+s['’]agi(?:t|ssait)\s+(?:de\s+la\s+|de\s+l['’]|des\s+|du\s+|de\s+|d['’])(?=(?:(?:avant-)?projets?\s+d['’e]\s*)?"
    r"(?:lois?|d[ée]crets?|ordonnances?|arr[êe]t[ée]s?|protocoles?|accords?|conventions?|trait[ée]s?|r[ée]solutions?|"
    r"r[èe]glements?|textes?|statuts?|codes?)\b)", re.I)
# ", relatif à X, relatif à Y": one instrument's title repeated over several texts, each its own row.
REPEATED_ATTRIBUTE_RE = re.compile(r"(?:\s*,\s*(?:et\s+)?|\s+et\s+)(?=(?:relati(?:f|ve|fs|ves)\s+(?:à|au|aux)|portant)\b)", re.I)
# A legal instrument named as a list item or heading: "Projet de décret portant …", "Décret n° … portant …".
INSTRUMENT_TITLE_RE = re.compile(
    r"^\W*(?:\(?[\dIVXa-z]{1,4}[.)°\-]\s*)*(?:le\s+|la\s+|l['’]|un\s+|une\s+)?(?:(?:avant-)?projets?\s+d['’e]\s*"
    r"(?:lois?|d[ée]crets?|ordonnances?|textes?|arr[êe]t[ée]s?)|d[ée]crets?|lois?|ordonnances?|arr[êe]t[ée]s?)\b"
    r"(?=[^.;]{0,80}\b(?:portant|relatif|relative|autorisant|fixant|modifiant|cr[ée]ant|instituant|d[ée]terminant|"
    r"approuvant|abrogeant|ratifiant|r[ée]glementant|organisant|d[ée]finissant|de\s+finances|sur\s+l[ae]|n°))", re.I)
# Verbs of saying and judging: a statement, not an act ("a salué", "se félicite", "a rappelé").
NOT_ACT_PREFIXES = ("signal", "signif", "levé", "lever", "accueillant", "salu", "félicit", "felicit", "réjou", "rejou", "remerci", "exprim", "not", "constat", "soulign",
                    "rappel", "indiqu", "déclar", "declar", "affirm", "estim", "expliqu", "précis", "precis",
                    "ajout", "inform", "dénonc", "deplor", "déplor", "regrett", "apprécié", "apprecie")
# A verb that attributes a quotation just closed: "« … », a insisté le ministre", "» plaide le coordinateur": the
# speaker follows, not what was decided (the quotation itself is read as its own unit).
QUOTE_ATTRIBUTION_BEFORE_RE = re.compile(r"[»”\"]\s*,?\s*(?:(?:a|ont|avait|avaient)\s+(?:[a-zà-ÿ]+ment\s+)?)?$")
# "a procédé ce lundi au lancement officiel de la campagne", "a procédé à l'inauguration du centre": a
# ceremony (an event), not a decision.
CEREMONY_AFTER_VERB_RE = re.compile(
    r"[^.;]{0,80}?\b(?:au\s+(?:lancement|d[ée]marrage)|à\s+l['’](?:inauguration|ouverture\s+officielle)|"
    r"à\s+la\s+(?:pose\s+de\s+la\s+premi[èe]re\s+pierre|c[ée]r[ée]monie))\b", re.I)
# Cut a statement before a second subject's own statement: ", tandis que Bamako entend …".
STATEMENT_TAIL_RE = re.compile(r",?\s+(?:tandis\s+qu|alors\s+qu|pendant\s+qu)(?:e\s|['’])", re.I)
# Signed instruments: the decision is the instrument ("une convention de financement …").
SIGNED_INSTRUMENT_RE = re.compile(
    rf"\b(?:un|une|le|la|les|l{_APOS}|deux|trois|quatre|cinq)\s*(?:protocoles?|accords?|conventions?|m[ée]morandums?|"
    rf"contrats?|d[ée]clarations?|chartes?|MoU|feuilles?\s+de\s+route)\b", re.I)
# People, not institutions, "envisage a new departure" or "wish to go home": intentions, not policy objectives.
POPULATION_SUBJECT_RE = re.compile(
    r"\b(?:ménages|d[ée]plac[ée]e?s|r[ée]fugi[ée]e?s|personnes|habitants|familles|populations|migrants|retourn[ée]e?s|"
    r"rapatri[ée]e?s|sinistr[ée]e?s|jeunes|femmes|enfants|[ée]leveurs|agriculteurs|producteurs|commer[çc]ants|"
    r"r[ée]pondants|enqu[êe]t[ée]e?s|m[èe]res|parents)\b(?:\s+[\wà-ÿ'’-]+){0,4}\s*$", re.I)
POPULATION_INTENT_TRIGGER_RE = re.compile(r"^(?:envisag|souhait|veu|aspir|compt|esp[èe]r)", re.I)
# Objectives after an intent verb and an adverbial phrase that resources.OBJECTIVE_RE does not allow:
# "entend par ailleurs porter …", "compte désormais étendre …".
EXTRA_OBJECTIVE_RE = re.compile(
    rf"(?P<trigger>\b(?:entend|entendent|compte|comptent|souhaite|souhaitent|veut|veulent|ambitionne|ambitionnent|prévoit|prévoient)"
    rf"\s+(?:par\s+ailleurs|en\s+outre|d[ée]sormais|d{_APOS}ailleurs|toutefois|cependant|pour\s+sa\s+part|pour\s+leur\s+part|"
    rf"de\s+son\s+c[ôo]t[ée]|de\s+leur\s+c[ôo]t[ée]|quant\s+à\s+(?:lui|elle|eux)|maintenant|enfin|surtout|bien|ainsi|aussi|également|notamment)"
    rf"\s+(?:(?:de|d{_APOS}|à)\s*)?"
    # "le projet contribuera à : (i) …", "va contribuer à la fluidité du trafic": what it will help bring about
    rf"|\b(?:contribuera|contribueront|va\s+contribuer|vont\s+contribuer|devra\s+contribuer|devront\s+contribuer)\s+(?:à|au|aux)\b\s*:?\s*"
    # "un projet pour renforcer les moyens d'existence …": an initiative named with its purpose
    rf"|\b(?:projets?|programmes?|initiatives?)\b(?:\s+[^\s.;:,]+){{0,6}}?\s+(?:pour|afin\s+de|afin\s+d{_APOS})\s*(?=[a-zà-ÿœ-]+(?:er|ir|re)\b))",
    re.I,
)

# ---------------------------------------------------------------- decisions: prose formulas (regex fallback)
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
