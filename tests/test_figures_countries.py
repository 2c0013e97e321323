"""Figures: where a figure applies. Origins and donors are not locations; refugees going home are at home; a government
spending at home keeps its country. Sentences written for the tests."""
import pytest

from etl.countries import find_countries
from etl.extract import extract_article


def extract(text, published="2025-05-20"):
    return extract_article(text, article_id="t", published_date=published)


def extract_june(text, published="2025-06-12"):
    return extract_article(text, article_id="t", published_date=published)


@pytest.mark.parametrize("text, located, elsewhere", [
    ("Le Ghana accueille 9 000 réfugiés burkinabè.", {"GHA"}, {"BFA"}),
    ("Ils sont arrivés du Nigeria en mars, au Cameroun.", {"CMR"}, {"NGA"}),
    ("une contribution de 3 millions de dollars du gouvernement allemand au Tchad", {"TCD"}, {"DEU"}),
])
def test_origins_and_donors_are_not_locations(text, located, elsewhere):
    mentions = find_countries(text)
    assert {m.iso3 for m in mentions if not m.donor} == located
    assert {m.iso3 for m in mentions if m.donor} == elsewhere


def test_refugees_going_home_are_located_at_home():
    mentions = find_countries("4 100 réfugiés ivoiriens ont été rapatriés depuis le Liberia.")
    assert any(m.iso3 == "CIV" and not m.donor for m in mentions)


def test_origin_demonyms_do_not_decide_what_the_article_is_about():
    text = ("Réfugiés maliens : la Mauritanie sollicite ses partenaires\n\nNouakchott, le 5 mai 2025 – Les réfugiés "
            "maliens continuent d'arriver au camp de Mbera, où vivent 110 000 personnes. Les réfugiés maliens "
            "récemment arrivés sont 4 200. Les autorités ont demandé un appui pour 7 000 ménages.")
    countries = {f["value"]: f["country_iso3"] for f in extract(text).figures}
    assert countries.get(7_000) == "MRT"


@pytest.mark.parametrize("sentence", [
    "Au Niger, parmi les contributions figurent 7,5 millions de dollars de l'Allemagne et 3,2 millions de dollars du Japon.",
    "Au Niger, la Suède a contribué à hauteur de 7,5 millions d'euros et la Norvège de 3,2 millions d'euros.",
    "Au Niger, le Danemark a offert 7,5 millions de dollars, et l'Irlande a fait un don de 3,2 millions de dollars.",
])
def test_donors_named_with_their_amount_are_not_where_it_goes(sentence):
    money = [f for f in extract_june(sentence).figures if f["unit"] in ("USD", "EUR")]
    assert len(money) == 2
    assert {f["country_iso3"] for f in money} == {"NER"}


def test_a_government_spending_at_home_keeps_its_country():
    rows = extract_june("Le Mali a débloqué 4 milliards de FCFA pour la riposte contre les inondations.").figures
    assert [(f["country_iso3"], f["indicator"]) for f in rows] == [("MLI", "funding_received")]


def test_millions_named_by_country_after_the_count_they_share():
    rows = extract_june("Sur le plan alimentaire, le nombre de personnes en insécurité alimentaire aiguë atteint, selon "
                   "les mêmes sources, le Tchad 2,8 millions, le Niger 1,7 million et la Côte d'Ivoire 0,9 million.").figures
    got = {(f["country_iso3"], f["value"], f["indicator"]) for f in rows}
    assert got == {("TCD", 2_800_000, "food_insecure"), ("NER", 1_700_000, "food_insecure"),
                   ("CIV", 900_000, "food_insecure")}


def test_a_paragraph_naming_the_articles_country_among_others_keeps_it():
    text = ("Nigeria : 17 millions de personnes en insécurité alimentaire\n\n"
            "Au Nigeria, ils seront au moins 17 millions à être en insécurité alimentaire, selon le Cadre harmonisé.\n\n"
            "Le conflit, parti du Nigeria, a débordé au Niger et au Tchad voisins. Au moins 2,6 millions "
            "de personnes sont déplacées depuis le début de l’insurrection.\n\n"
            "Le Nigeria reste le pays le plus touché de la région, selon les autorités nigérianes.\n")
    rows = {r["value"]: r for r in extract_article(text, article_id="t").figures}
    assert rows[2_600_000]["country_iso3"] == "NGA"
    # a paragraph about other countries only does not take the article's
    other = text.replace("Le conflit, parti du Nigeria, a débordé", "Le conflit a débordé")
    rows = {r["value"]: r for r in extract_article(other, article_id="t").figures}
    assert rows[2_600_000]["country_iso3"] is None


@pytest.mark.parametrize("text", [
    "Les députés de l’Assemblée nationale du Bénin ont voté un budget de 3 200 milliards de francs CFA.",
    "Un accord de prêt a été signé entre la République Islamique de Mauritanie et le Fonds africain de "
    "développement. Le programme bénéficiera à 434 000 personnes.",
])
def test_a_country_named_in_its_own_institution_is_what_the_article_is_about(text):
    figures = extract(text).figures
    assert figures and {f["country_iso3"] for f in figures} == {"BEN" if "Bénin" in text else "MRT"}


def test_a_country_in_a_foreign_organisation_name_still_does_not_locate_a_figure():
    text = ("Le Conseil norvégien pour les réfugiés vient en aide à 12 000 déplacés. "
            "Il intervient au Burkina Faso depuis 2019.")
    assert {f["country_iso3"] for f in extract(text).figures} == {"BFA"}


def test_money_in_a_sentence_naming_donor_countries_goes_to_the_articles_country():
    text = ("La Guinée a présenté son plan national aux bailleurs. La Guinée attendait 14 milliards d’euros.\n\n"
            "Parmi les bailleurs réunis avec le Japon et l’Italie, la Banque islamique a annoncé 250 millions USD.\n\n"
            "Pour la Guinée, c’est un succès.")
    money = [f for f in extract(text).figures if f["value"] == 250_000_000]
    assert [f["country_iso3"] for f in money] == ["GIN"]


def test_people_counted_in_a_sentence_naming_several_countries_stay_unplaced():
    text = ("Le Niger accueille des réfugiés. Au total, 12 000 personnes ont fui entre le Mali et le Burkina Faso.\n\n"
            "Le Niger appelle à l’aide.")
    people = [f for f in extract(text).figures if f["value"] == 12000]
    assert [f["country_iso3"] for f in people] == [None]


@pytest.mark.parametrize("text, expected", [
    ("Le Bénin a signé deux accords de financement d’un montant de 40 milliards de FCFA à Washington, lors des "
     "Assemblées annuelles de la Banque mondiale.", "BEN"),
    ("Deux accords ont été signés mardi, au siège de la banque à Abidjan, entre l’institution et le gouvernement du "
     "Niger. Le premier financement porte sur un montant de 42 millions de dollars.", "NER"),
])
def test_money_signed_in_a_foreign_town_goes_to_the_country_that_signs(text, expected):
    money = [f for f in extract(text).figures if f["unit"] in ("USD", "XOF")]
    assert money and {f["country_iso3"] for f in money} == {expected}


def test_a_town_still_locates_people_counted_there():
    rows = extract("Le Niger a signé l’accord. À Abidjan, 3 000 réfugiés ont été enregistrés.").figures
    assert [(f["value"], f["country_iso3"]) for f in rows] == [(3000, "CIV")]


@pytest.mark.parametrize("sentence", [
    "Au Burkina Faso, la Belgique a accordé 4 millions d'euros pour assister 250 000 personnes dans le besoin.",
    "Au Burkina Faso, le Canada vient de débloquer 6 millions de dollars en faveur de 250 000 personnes dans le besoin.",
    "Au Burkina Faso, grâce à la Suisse, 250 000 personnes dans le besoin recevront des vivres.",
    "Au Burkina Faso, l'Italie finance l'assistance de 250 000 personnes dans le besoin.",
    "Au Burkina Faso, la Norvège a annoncé une nouvelle enveloppe pour 250 000 personnes dans le besoin.",
])
def test_a_foreign_country_giving_money_is_not_where_people_are_in_need(sentence):
    rows = extract_june(sentence).figures
    people = [f for f in rows if f["unit"] == "people"]
    assert [(f["value"], f["country_iso3"]) for f in people] == [(250_000, "BFA")]
    assert {f["country_iso3"] for f in rows} <= {"BFA", None}  # nothing, the money included, goes to the giver


@pytest.mark.parametrize("sentence, iso3", [
    ("Le Tchad a débloqué 2 milliards de FCFA pour 40 000 personnes sinistrées.", "TCD"),  # a region government at home
    ("En Belgique, 40 000 personnes ont besoin d'une aide humanitaire.", "BEL"),  # no giving: where they are
])
def test_only_foreign_givers_are_donors(sentence, iso3):
    people = [f for f in extract_june(sentence).figures if f["unit"] == "people"]
    assert [f["country_iso3"] for f in people] == [iso3]


def test_a_foreign_meeting_venue_is_not_where_people_are_in_need():
    text = ("Le sommet de Rome sur le Sahel s'est tenu mardi. Selon les participants au sommet de Rome, "
            "3,5 millions de personnes ont besoin d'une aide d'urgence. Les délégations du Mali, du Niger et "
            "du Tchad y ont présenté leurs plans, avant la conférence de Rome prévue en 2026.")
    assert all(m.donor for m in find_countries(text) if m.iso3 == "ITA")
    people = [f for f in extract_june(text).figures if f["unit"] == "people"]
    assert [f["value"] for f in people] == [3_500_000] and people[0]["country_iso3"] != "ITA"
    # a meeting in the region is an event there: its city keeps its country
    assert [m.donor for m in find_countries("la réunion de Niamey sur les déplacés")] == [False]


def test_a_foreign_meeting_in_the_headline_does_not_make_the_article_about_its_host():
    text = ("Sommet de Rome sur le Sahel\n\nLes bailleurs réunis au sommet de Rome ont rappelé que 3,5 millions de "
            "personnes ont besoin d'une aide d'urgence. Les délégations du Mali, du Niger et du Tchad ont présenté "
            "leurs plans.")
    people = [f for f in extract_june(text).figures if f["unit"] == "people"]
    assert [f["value"] for f in people] == [3_500_000] and people[0]["country_iso3"] != "ITA"
    assert people[0].get("place") in (None, "")  # the venue is not the figure's place either
