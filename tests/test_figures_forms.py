"""Figures: the forms numbers take on real pages (compound amounts, counts before or after their number, ranges, key-
figure bullets and blocks, "Label : N" lines, Markdown tables and bold, words for numbers, "en" and "ce nombre"),
and numbers that are not figures (ages, fractions). Sentences written for the tests."""
import pytest

from etl.extract import extract_article
from etl.numbers import find_numbers


def extract(text, published="2025-05-20"):
    return extract_article(text, article_id="t", published_date=published)


def extract_june(text, published="2025-06-12"):
    return extract_article(text, article_id="t", published_date=published)


def by_value(text, published="2025-06-12"):
    return {f["value"]: f for f in extract_june(text, published).figures}


UPDATE = """Agence X – Tchad
BULLETIN DE SITUATION
Juin 2025

CHIFFRES CLÉS (au 31 mai 2025)
612 480 réfugiés et demandeurs d'asile au Tchad
215 300 personnes déplacées internes
54 M$ requis pour la réponse en 2025

POPULATIONS
Réfugiés soudanais : 498 200 dans la province du Ouaddaï et 72 600 dans la province du Wadi Fira.
Demandeurs d'asile : 3 115, principalement à N'Djamena.

Le Tchad accueille l'une des plus grandes populations de réfugiés de la région, selon le rapport.
"""


REPORT = """Tableau de bord n°7 – Suivi des déplacements
Date de collecte : du 1er au 30 avril 2025
CHIFFRES CLÉS
Personnes déplacées internes (PDI) : 640 120
Ménages déplacés : 118 402
Personnes retournées : 75 300
APERÇU
Les équipes ont évalué 412 localités dans cinq régions du Mali.
Personnes retournées par région :
Ségou : 31 200
Mopti : 24 050
Tombouctou : 20 050
Les retours restent fragiles selon les informateurs clés.
"""


@pytest.mark.parametrize("text, surface, value", [
    ("un budget de 4 milliards 275 millions de FCFA", "4 milliards 275 millions", 4_275_000_000),
    ("soit 1 milliard et 20 millions de francs", "1 milliard et 20 millions", 1_020_000_000),
    ("12 millions 300 mille", "12 millions 300 mille", 12_300_000),
])
def test_compound_amounts_are_one_number(text, surface, value):
    first = find_numbers(text)[0]
    assert (first.surface, first.value) == (surface, value)


def test_amounts_side_by_side_stay_apart():
    assert [n.value for n in find_numbers("3 millions 2 millions, puis 5 milliards, 400 millions")] == \
        [3_000_000, 2_000_000, 5_000_000_000, 400_000_000]


@pytest.mark.parametrize("sentence, value, unit, qualifier, label", [
    ("Au Tchad, le nombre de réfugiés soudanais a atteint 612 450, selon le HCR.",
     612_450, "people", "exact", "réfugiés soudanais"),
    ("Au Mali, le nombre de ménages sinistrés s'élève désormais à près de 8 300.",
     8_300, "households", "approx", "ménages sinistrés"),
    ("Au Burkina Faso, le total de personnes déplacées est estimé à 1 940 000.",
     1_940_000, "people", "approx", "personnes déplacées"),
])
def test_what_is_counted_can_come_before_the_number(sentence, value, unit, qualifier, label):
    rows = [f for f in extract(sentence).figures if f["value"] == value]
    assert len(rows) == 1, extract(sentence).figures
    assert (rows[0]["unit"], rows[0]["qualifier"], rows[0]["label"]) == (unit, qualifier, label)


def test_a_range_counted_after_it_is_one_figure_at_least_its_lower_bound():
    rows = extract("Au Niger, les autorités comptent entre 4 500 et 6 000 le nombre de personnes arrivées à Ayorou.").figures
    assert [(f["value"], f["value_max"], f["qualifier"], f["unit"]) for f in rows] == [(4_500, 6_000, "at_least", "people")]


def test_key_figure_bullets_of_two_words_are_figures():
    text = ("Bilan des pluies au Niger\n\nNiamey, le 3 septembre 2025 – Les pluies ont frappé huit régions du pays.\n\n"
            "EN BREF\n• 210 400 personnes sinistrées\n• 63 décès\n• 9 blessés\n\n"
            "Le gouvernement a lancé un appel à la solidarité nationale pour les familles.")
    values = {f["value"]: f["unit"] for f in extract(text).figures}
    assert values.get(63) == "deaths" and values.get(9) == "injured" and values.get(210_400) == "people"


def test_markdown_table_header_above_its_rule_and_status_columns():
    text = ("Analyse régionale\n\nPublié le 4 mars 2025\n\nLe tableau suivant résume la projection pour la soudure.\n\n"
            "| Pays | Population analysée | Phase 3 à 5 |\n|---|---:|---:|\n"
            "| Mali | 22 100 000 | 1 210 000 |\n| Niger | 25 800 000 | 2 640 000 |\n\n"
            "Les partenaires appellent à renforcer l'assistance dans les zones frontalières.")
    rows = [f for f in extract(text).figures if f["unit"] == "people"]
    got = {(f["country_iso3"], f["value"], f["indicator"]) for f in rows}
    assert {("MLI", 1_210_000, "food_insecure"), ("NER", 2_640_000, "food_insecure")} <= got
    assert not any("---" in (f["label"] or "") for f in extract(text).figures)


def test_ages_in_apposition_and_age_brackets_are_not_figures():
    text = ("Au Niger, le maire, Issoufou Garba, 58 ans, a reçu la délégation. "
            "Au total, **96 000 enfants** de 6 à 59 mois seront dépistés, pour une campagne de 2 ans.")
    rows = {(f["value"], f["unit"]) for f in extract(text).figures}
    assert (58, "years") not in rows and (59, "months") not in rows and (6, "months") not in rows
    assert (96_000, "people") in rows and (2, "years") in rows


@pytest.mark.parametrize("sentence, value, unit", [
    ("Au Mali, une centaine de cases ont été détruites à Bankass.", 100, "huts"),
    ("Au Niger, une cinquantaine de familles sont arrivées à Ayorou.", 50, "households"),
    ("Au Tchad, quelque vingtaine de villages restent isolés.", 20, "villages"),
])
def test_round_numbers_in_words_are_approximate_figures(sentence, value, unit):
    rows = extract(sentence).figures
    assert [(f["value"], f["unit"], f["qualifier"]) for f in rows] == [(value, unit, "approx")]


def test_a_pronoun_en_carries_what_was_counted_before():
    text = "Au Mali, la région de Mopti accueille 48 100 réfugiés. Le cercle de Koro en compte à lui seul environ 6 700."
    rows = {f["value"]: f for f in extract(text).figures}
    assert rows[6_700]["unit"] == "people" and rows[6_700]["indicator"] == "refugees"
    assert rows[6_700]["qualifier"] == "approx"


def test_a_key_figure_block_without_markers_is_content():
    rows = by_value(UPDATE)
    assert rows[612_480]["indicator"] == "refugees" and rows[612_480]["country_iso3"] == "TCD"
    assert rows[215_300]["indicator"] == "idps"
    assert rows[54_000_000]["unit"] == "USD" and rows[54_000_000]["indicator"] == "funding_required"


def test_label_colon_lines_say_what_is_counted_and_the_next_number_inherits():
    rows = by_value(UPDATE)
    for value in (498_200, 72_600, 3_115):
        assert rows[value]["unit"] == "people" and rows[value]["indicator"] == "refugees", rows[value]


def test_report_lines_take_their_label_or_the_lead_line_above():
    rows = by_value(REPORT)
    assert rows[640_120]["indicator"] == "idps"
    assert rows[118_402]["unit"] == "households"
    assert rows[75_300]["indicator"] == "returnees"
    for value in (31_200, 24_050, 20_050):
        assert rows[value]["indicator"] == "returnees" and rows[value]["unit"] == "people", rows[value]


@pytest.mark.parametrize("sidebar", [
    "MARCHÉS\nBRVM Composite : 312,45\nEuro : 655,957\nDollar : 598,20\n",
    "Vues : 1 204\nCommentaires : 12\nPartages : 48\n",
    "RÉSULTATS\nASEC : 2\nStade : 1\n",
])
def test_a_run_of_label_value_lines_that_counts_no_people_is_not_content(sidebar):
    text = sidebar + "\nLe Mali compte 1 200 000 personnes dans le besoin, selon OCHA, qui a publié son rapport.\n"
    assert [f["value"] for f in extract_june(text).figures] == [1_200_000]


def test_bold_around_the_number_only():
    text = ("Au Niger, **84 300** enfants ont été admis en traitement depuis janvier. "
            "Par ailleurs, **2,1 millions** d'enfants ont besoin d'aide et **1 450** écoles restent fermées.")
    rows = by_value(text)
    assert rows[84_300]["unit"] == "people"
    assert rows[2_100_000]["indicator"] == "people_in_need"
    assert rows[1_450]["unit"] == "schools"


@pytest.mark.parametrize("surface, value", [("2,5 Mds", 2.5e9), ("1,2 Md", 1.2e9), ("3 MDS", 3e9)])
def test_mds_in_capitals(surface, value):
    assert find_numbers(f"une enveloppe de {surface} FCFA")[0].value == value


@pytest.mark.parametrize("sentence, indicator", [
    ("Le Burkina Faso compte 2 millions de personnes dans le besoin, pour un financement requis de 410 millions "
     "de dollars, dont 31 % seulement ont été mobilisés.", "funding_required"),
    ("Le ministre a remis aux autorités du Niger des vivres d'une valeur de 620 millions de FCFA.", "funding_received"),
    ("Le Conseil a autorisé le déblocage d'une enveloppe de 2,4 milliards de FCFA pour le Togo.", "funding_received"),
    ("Le conseil régional a décidé d'allouer une enveloppe de 90 millions de FCFA aux forages du Mali.",
     "funding_received"),
])
def test_money_given_or_asked_for_by_its_own_clause_first(sentence, indicator):
    money = [f for f in extract_june(sentence).figures if f["unit"] in ("USD", "XOF")]
    assert [f["indicator"] for f in money] == [indicator]


def test_a_bare_number_after_a_name_that_is_not_a_country_is_not_counted_as_people():
    rows = extract_june("Au classement des abonnés, le Real 2,5 millions, la Juventus 1,2 million.").figures
    assert [f for f in rows if f["unit"] == "people"] == []


def test_counts_in_parentheses_after_the_people_they_count():
    rows = extract_june("Au Niger, la région de Tillabéri accueille le plus grand nombre de PDI (221 400), suivie "
                   "de Diffa (118 900) et de Maradi (64 300).").figures
    assert [(f["value"], f["indicator"]) for f in rows] == [(221_400, "idps"), (118_900, "idps"), (64_300, "idps")]


def test_this_number_and_en_compte_point_back_to_the_last_count():
    text = ("Au Mali, 1,9 million de personnes sont en phase crise à pire. Ce nombre pourrait atteindre 2,6 millions "
            "en période de soudure.\n\nLa région de Mopti en compte à elle seule 410 000, contre 95 000 pour Ségou.")
    rows = by_value(text)
    assert rows[2_600_000]["indicator"] == rows[1_900_000]["indicator"] == "food_insecure"
    assert rows[410_000]["unit"] == rows[95_000]["unit"] == "people"


def test_a_count_that_stayed_stable():
    rows = extract_june("Au Niger, le nombre de personnes déplacées internes est resté stable à environ 507 000.").figures
    assert [(f["value"], f["qualifier"], f["indicator"]) for f in rows] == [(507_000, "approx", "idps")]


@pytest.mark.parametrize("sentence", [
    "Le gouverneur a souligné que deux tiers des déplacés de la région sont des enfants.",
    "Un quart des ménages n'a pas accès à l'eau potable, selon la mairie de Kaya.",
    "Plus de la moitié des malades ont entre 15 et 45 ans, selon le district sanitaire.",
])
def test_fractions_and_age_brackets_are_not_counts(sentence):
    assert [f for f in extract_june(sentence).figures if f["unit"] not in ("percent",)] == []


def test_deaths_named_after_the_noun_and_other_currencies():
    rows = by_value("Au Niger, au moins 18 civils ont été tués lors d'attaques contre des sites de déplacés. "
                    "En Guinée, le gouvernement a débloqué 3 milliards de francs guinéens pour la riposte.")
    assert rows[18]["indicator"] == "deaths"
    assert (rows[3e9]["unit"], rows[3e9]["indicator"]) == ("GNF", "funding_received")


def test_emoji_bullets_glued_to_their_number_are_key_figures():
    text = ("Le plan de réponse est lancé au Niger\n\nLe plan de réponse humanitaire 2022 est lancé au Niger ce mardi.\n\n"
            "👉3,7 M personnes ont besoin d’assistance et protection\n\n👉Plus de 549 000 personnes sont déplacées dans le pays\n")
    rows = extract(text).figures
    assert [(r["value"], r["indicator"]) for r in rows if r["value"] in (3_700_000, 549_000)] == [
        (3_700_000, "people_in_need"), (549_000, "idps")]


def test_the_same_count_for_two_places_in_one_sentence_is_two_figures():
    rows = extract("Bilan du choléra\n\nLes cas se répartissent ainsi : Fria, 10 cas dont 1 décès ; Boffa, 30 cas dont "
                   "1 décès.\n").figures
    assert [r["value"] for r in rows if r["indicator"] == "deaths"] == [1, 1]
    assert len({r["figure_id"] for r in rows}) == len(rows)


@pytest.mark.parametrize("sentence, value, qualifier", [
    ("Au Nigeria, près d’un demi-million d’enfants souffrent de malnutrition sévère dans le bassin.", 500_000, "approx"),
    ("La région compte 400 000 déplacés, alors que 360 000 de personnes ayant fui vivent dans des camps.", 360_000, "exact"),
])
def test_half_a_million_and_a_stray_de_after_a_large_count(sentence, value, qualifier):
    rows = [r for r in extract("Titre du jour\n\n" + sentence + "\n").figures if r["value"] == value]
    assert [(r["unit"], r["qualifier"]) for r in rows] == [("people", qualifier)]


def test_a_small_count_of_these_things_is_not_a_figure():
    assert extract("Titre du jour\n\nTrois de ces pays ont signé l’accord régional sur la transhumance.\n").figures == []


@pytest.mark.parametrize("sentence, values", [
    ("Le Togo accueille plus du double du nombre de réfugiés présents dix ans plus tôt.", []),
    ("Deux jours après, 300 familles avaient regagné leurs villages.", [300]),
    ("La riposte a duré trois mois dans la région des Savanes.", [3]),
])
def test_a_time_that_says_when_is_not_a_duration(sentence, values):
    assert [f["value"] for f in extract_article(sentence, article_id="t", published_date="2025-05-20").figures] == values


def test_a_count_after_a_colon_is_the_number_of_and_a_duration_is_never_carried_over():
    text = ("Le pays accueille le double du nombre de réfugiés présents dix ans plus tôt : 8 300 en 2014. "
            "Le nombre de réfugiés a triplé en quinze ans, puisqu’ils n’étaient que 5 200 en 2010.")
    rows = [(f["value"], f["unit"], f["indicator"]) for f in extract(text).figures]
    assert rows == [(8300, "people", "refugees"), (5200, "people", "refugees")]
