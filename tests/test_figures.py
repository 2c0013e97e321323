"""Figures: values, units, qualifiers, indicators and per-clause countries, on sentences written for the tests."""
import pytest

from etl.extract import extract_article


def figures(text, published=None):
    return extract_article(text, article_id="t", published_date=published).figures


def one(text, **kw):
    rows = figures(text, **kw)
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize("sentence, value, unit, qualifier, indicator", [
    ("Au Niger, près de 4,3 millions de personnes ont besoin d’une assistance humanitaire.", 4_300_000, "people", "approx", "people_in_need"),
    ("Le pays compte plus de 2 062 534 personnes déplacées internes.", 2_062_534, "people", "at_least", "idps"),
    ("Le Tchad accueille environ 1.200.000 réfugiés soudanais.", 1_200_000, "people", "approx", "refugees"),
    ("Quelque 913.000 rapatriés sont revenus au Burkina Faso.", 913_000, "people", "approx", "returnees"),
    ("Au Mali, 1,4 million de personnes sont en insécurité alimentaire.", 1_400_000, "people", "exact", "food_insecure"),
    ("Le plan de réponse du Burkina Faso requiert 935,7 millions de dollars.", 935_700_000, "USD", "exact", "funding_required"),
    ("Le Japon a octroyé au Niger un don de 2,3 milliards de FCFA.", 2_300_000_000, "XOF", "exact", "funding_received"),
    ("Au Mali, le plan n’est financé qu’à hauteur de 08,63 %.", 8.63, "percent", "exact", "funding_received"),
    ("Au Mali, le taux de scolarisation atteint 62 %.", 62, "percent", "exact", "percentage"),
    ("Au Togo, l'inondation a touché au moins 12 000 personnes.", 12_000, "people", "at_least", "affected"),
    ("Au Niger, l'opération vise jusqu'à dix-huit mille ménages.", 18_000, "households", "at_most", "targeted"),
    ("Au Bénin, la campagne a permis de vacciner 3,7 M d’enfants.", 3_700_000, "people", "exact", "count"),
    ("Au Sénégal, le programme durera 24 mois.", 24, "months", "exact", "duration"),
    ("Au Togo, le projet couvre 35 cantons.", 35, "cantons", "exact", "count"),
])
def test_figure_values(sentence, value, unit, qualifier, indicator):
    row = one(sentence)
    assert row["value"] == pytest.approx(value)
    assert (row["unit"], row["qualifier"], row["indicator"]) == (unit, qualifier, indicator)


def test_country_per_clause_and_ellipsis():
    rows = figures("Le Niger compte 4,3 millions de personnes dans le besoin, le Mali 7,1 millions, "
                   "et des milliers d’autres au Tchad sont touchées par les inondations.")
    got = [(r["country_iso3"], r["value"], r["indicator"], r["qualifier"]) for r in rows]
    assert got == [("NER", 4_300_000, "people_in_need", "exact"), ("MLI", 7_100_000, "people_in_need", "exact"),
                   ("TCD", None, "affected", "unquantified")]


@pytest.mark.parametrize("sentence", [
    "Le décret n°2024-0456 du 12 mars 2024 a été signé à Lomé.",
    "L’article 12 de la loi 2019-006 prévoit cette mesure.",
    "La 2e édition du forum s’est tenue en 2023.",
    "Les enfants de moins de 5 ans sont les plus exposés.",
    "Âgé de 45 ans, le maire de Dapaong a été installé.",
    "Il faisait 42°C à Niamey mercredi.",
    "La séance a débuté à 10h30 au palais des congrès.",
    "Contact : +228 90 12 34 56 ou www.exemple.tg/article/2024/1234.",
    "Les deux pays ont signé un accord en présence des trois ministres.",
    "La lutte contre la Covid-19 et le G5 Sahel étaient à l’ordre du jour.",
])
def test_not_figures(sentence):
    assert figures(sentence) == []


def test_provenance_quote_matches_offsets():
    text = "Titre du jour\n\nAu Niger, près de 4,3 millions de personnes ont besoin d’aide, selon OCHA.\n"
    (row,) = figures(text)
    assert text[row["char_start"]:row["char_end"]] == row["quote"]
    assert "4,3 millions" in row["quote"]


def test_figure_in_headline_and_related_posts_is_ignored():
    text = ("Niger : 4,3 millions de personnes dans le besoin\n\n"
            "Au Niger, 4,3 millions de personnes sont dans le besoin cette année, selon le plan de réponse.\n\n"
            "Articles similaires\nMali : 900 000 déplacés selon le HCR\n")
    rows = figures(text)
    assert [r["value"] for r in rows] == [4_300_000]
    assert rows[0]["char_start"] > text.index("\n\n")


def test_reference_date_from_sentence_or_publication():
    rows = figures("En mars 2025, le Mali comptait 400 000 déplacés internes. Le Niger compte 500 000 réfugiés.",
                   published="2025-06-02")
    assert [(r["reference_date"], r["reference_precision"]) for r in rows] == [("2025-03", "month"), ("2025-06-02", "day")]


def test_ids_are_stable_and_unique():
    text = "Le Mali compte 400 000 déplacés. Le Niger compte 400 000 réfugiés."
    first, second = figures(text), figures(text)
    assert [r["figure_id"] for r in first] == [r["figure_id"] for r in second]
    assert len({r["figure_id"] for r in first}) == 2


def test_a_sentence_repeated_with_other_apostrophes_keeps_unique_ids():
    # pages that repeat their teaser at the end, typeset once with ’ and once with '
    # and the second copy sits in a paragraph naming a country, so it is not merged with the first
    text = ("Un programme d’urgence de 260 millions d’euros sera destiné à l’eau.\n\n"
            "Les bailleurs se sont réunis à Nouakchott pour le Sahel.\n\n"
            "Au Niger aussi. Un programme d'urgence de 260 millions d'euros sera destiné à l'eau.")
    rows = figures(text)
    assert len({r["figure_id"] for r in rows}) == len(rows) >= 1


def test_range_is_one_figure_with_both_bounds():
    (row,) = figures("Au Niger, entre 1,8 et 2,1 millions de personnes seront en insécurité alimentaire.")
    assert (row["value"], row["value_max"], row["qualifier"]) == (1_800_000, 2_100_000, "at_least")
    assert row["indicator"] == "food_insecure" and row["country_iso3"] == "NER"


def test_flattened_table_gives_one_figure_per_cell():
    text = ("Au Togo, la situation par préfecture se présente comme suit.\n"
            "Préfecture | Réfugiés | Déplacés\n"
            "Kpendjal | 4 987 | 4 420\n"
            "Tône | 6 214 | 3 105\n")
    rows = figures(text)
    got = {(r["place"], r["value"], r["indicator"]) for r in rows}
    assert got == {("Kpendjal", 4987, "refugees"), ("Kpendjal", 4420, "idps"),
                   ("Tône", 6214, "refugees"), ("Tône", 3105, "idps")}
    assert all(r["country_iso3"] == "TGO" and text[r["char_start"]:r["char_end"]] == r["quote"] for r in rows)


@pytest.mark.parametrize("text, value, unit", [
    ("Sur les 5 319 écoles fermées au Mali, 1 203 ont rouvert leurs portes.", 1_203, "schools"),
    ("Le Tchad accueille 900 000 réfugiés. Quelque 9 400 d’entre eux vivent sur les sites.", 9_400, "people"),
    ("MSF s'engage à porter à 150 le nombre de lits au Tchad.", 150, "beds"),
])
def test_numbers_standing_for_a_noun(text, value, unit):
    rows = [r for r in figures(text) if r["value"] == value]
    assert len(rows) == 1 and rows[0]["unit"] == unit


def test_prices_are_not_funding_and_deaths_have_their_indicator():
    rows = figures("Au Niger, le sac de mil s'échange désormais à 35 000 FCFA. Les pluies ont fait 47 décès au Niger.")
    assert [(r["value"], r["indicator"], r["unit"]) for r in rows] == [(35_000, "other", "XOF"), (47, "deaths", "deaths")]


@pytest.mark.parametrize("sentence, value, indicator", [
    ("Au Burkina Faso, les assaillants ont tué 12 personnes.", 12, "deaths"),
    ("Le plan de réponse du Niger n'est couvert qu'à 23 %.", 23, "funding_received"),
    ("Au Tchad, le déficit de financement atteint 60 %.", 60, "funding_required"),
    ("Au Niger, 4 210 personnes en exil attendent de rentrer.", 4210, "refugees"),
])
def test_indicators_of_deaths_funding_coverage_and_exile(sentence, value, indicator):
    row = one(sentence)
    assert (row["value"], row["indicator"]) == (value, indicator)


def test_refugees_take_the_host_country_and_keep_their_origin():
    row = one("Le Niger accueille sur son sol 250 000 réfugiés maliens.")
    assert (row["indicator"], row["country_iso3"], row["origin_iso3"]) == ("refugees", "NER", "MLI")
    row = one("Au Niger, le camp de réfugiés accueille désormais 4 210 Maliens.")
    assert (row["unit"], row["country_iso3"], row["origin_iso3"]) == ("people", "NER", "MLI")
    row = one("Au Mali, 1,4 million de personnes sont en insécurité alimentaire.")
    assert row["origin_iso3"] is None


@pytest.mark.parametrize("sentence, level", [
    ("Au Mali, 1,4 million de personnes sont en insécurité alimentaire.", "0"),
    ("Au Mali, dans la région de Mopti, 1,3 million de personnes ont besoin d'aide.", "1"),
    ("Au Sénégal, plus de 55 600 personnes ont été affectées dans le département de Matam.", "2"),
    ("Au Niger, 3 000 personnes ont été affectées dans la commune de Gaya.", "site"),
])
def test_scope_of_a_figure_is_its_admin_level(sentence, level):
    row = one(sentence)
    assert row["admin_level"] == level, row


def test_a_province_is_the_first_level_in_chad_and_the_second_in_burkina_faso():
    assert one("Au Tchad, 12 000 personnes ont été affectées dans la province du Ouaddaï.")["admin_level"] == "1"
    assert one("Au Burkina Faso, 12 000 personnes ont été affectées dans la province du Soum.")["admin_level"] == "2"


def test_locative_clause_gives_the_country():
    rows = figures("La faim progresse. Au Mali, 1,5 million de personnes sont touchées, tandis qu'en Mauritanie, "
                   "environ 320 000 sont dans la même situation.")
    assert [(r["country_iso3"], r["value"]) for r in rows] == [("MLI", 1_500_000), ("MRT", 320_000)]


def test_country_in_an_organisation_name_is_not_a_location():
    (row,) = figures("Selon le Conseil norvégien pour les réfugiés (NRC), au moins 8 300 écoles sont fermées au Sahel central.")
    assert row["country_iso3"] is None


@pytest.mark.parametrize("text, expected", [
    # a number written twice is one figure, counted by the noun after the parenthesis
    ("Au Niger, le projet construira quatre (04) barrages collinaires.", [(4, "barrages")]),
    ("Au Mali, douze (12) régions sont touchées par les inondations.", [(12, "régions")]),
    # currencies written with their scale or by their name
    ("Le Conseil a approuvé le prêt au Niger pour la construction de routes.\nMontant : 15 500 MFCFA.\n",
     [(15_500_000_000, "XOF")]),
    ("Au Burkina Faso, le coût total est de 355 090 000 Renminbi (RMB).", [(355_090_000, "CNY")]),
    # short units and counts glued to their digits
    ("Au Togo, le projet aménagera 1 000 ha de rizières.", [(1000, "hectares")]),
    ("Au Sénégal, le projet prévoit la formation de 18000 jeunes.", [(18000, "people")]),
])
def test_more_number_forms(text, expected):
    assert [(r["value"], r["unit"]) for r in figures(text)] == expected


def test_a_count_that_changed_gives_both_values():
    rows = figures("Au Burkina Faso, le nombre de déplacés internes est passé de 1 902 150 à 1 520 012 en un an.")
    assert [(r["value"], r["unit"], r["indicator"]) for r in rows] == [(1_902_150, "people", "idps"),
                                                                      (1_520_012, "people", "idps")]


@pytest.mark.parametrize("sentence", [
    "Mentes est situé à environ 920 kilomètres de Niamey.",                     # a distance
    "Au Niger, les deux parties ont signé trois conventions de partenariat.",  # instruments counted
    "La crise sécuritaire dure depuis plus de dix ans au Mali.",                # time gone by
    "Aïssata, mère de trois enfants, vit à Dapaong depuis janvier.",            # a person's life
    "Le texte a été adopté par 95 voix pour, 0 contre et 0 abstention.",        # a vote
])
def test_numbers_that_are_not_reported_figures(sentence):
    assert [(r["value"], r["unit"]) for r in figures(sentence)] == []
