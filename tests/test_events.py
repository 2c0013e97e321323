"""Events with honest dates and their places."""
import pytest

from etl.extract import extract_article


def events(text, published=None):
    return extract_article(text, article_id="t", published_date=published).events


@pytest.mark.parametrize("text, published, kind, date, precision", [
    ("Le ministre a procédé le jeudi 6 mars 2025 à Dosso au lancement du projet d’irrigation.", None, "launch", "2025-03-06", "day"),
    ("La rencontre s’est tenue du 10 au 12 mars 2025 à Bamako.", None, "meeting", "2025-03-10", "day"),
    ("Le 9 juin dernier, une délégation a effectué une visite de terrain à Kaya.", None, "visit", "--06-09", "day_no_year"),
    ("Le 9 juin dernier, une délégation a effectué une visite de terrain à Kaya.", "2025-07-01", "visit", "2025-06-09", "day"),
    ("Le pays a accueilli en 2022 la 2e édition du forum régional sur la résilience.", None, "forum", "2022", "year"),
    ("Vendredi dernier, la cérémonie de signature de l’accord a eu lieu à Accra.", "2025-05-12", "ceremony", "2025-05-09", "day"),
])
def test_event_dates_and_kinds(text, published, kind, date, precision):
    (ev,) = events(text, published)
    assert (ev["kind"], ev["date_start"], ev["date_precision"]) == (kind, date, precision)
    assert text[ev["char_start"]:ev["char_end"]] == ev["quote"]


def test_range_has_an_end_date():
    (ev,) = events("La rencontre s’est tenue du 10 au 12 mars 2025 à Bamako.")
    assert ev["date_end"] == "2025-03-12"
    assert ev["place"] == "Bamako" and ev["country_iso3"] == "MLI"


@pytest.mark.parametrize("text", [
    "Le pays a développé une stratégie nationale depuis 2021.",
    "D’ici 2030, le gouvernement veut réduire la pauvreté de moitié.",
    "Le Mali compte 4,8 millions de personnes dans le besoin.",
])
def test_not_events(text):
    assert events(text) == []


def test_undated_meeting_is_kept_with_unknown_precision():
    (ev,) = events("La rencontre réunit ministres, agences onusiennes et ONG pour définir une stratégie commune.")
    assert ev["date_start"] is None and ev["date_precision"] == "unknown" and ev["kind"] == "meeting"


@pytest.mark.parametrize("text, published, date", [
    ("Les deux parties ont signé, mardi, à Abidjan, un protocole d’accord.", "2025-05-15", "2025-05-13"),
    ("La 3e session du cadre de concertation est prévue en septembre à Parakou.", "2025-06-02", "2025-09"),
    ("Le ministre a présenté samedi dernier le point de situation des inondations.", "2024-09-02", "2024-08-31"),
])
def test_dates_resolved_against_publication(text, published, date):
    (ev,) = events(text, published)
    assert ev["date_start"] == date


def test_as_of_dates_are_not_events():
    assert events("Depuis le 1er mai, nos équipes ont pris en charge 1 312 cas de rougeole.", "2025-06-20") == []


@pytest.mark.parametrize("text, published, date", [
    ("La mesure entre en vigueur à compter du 1er mars 2023 sur tout le territoire.", "2023-02-20", "2023-03-01"),
    ("Le pays rouvre son consulat à Kayes dès le 12 octobre.", "2024-10-01", "2024-10-12"),
    ("Depuis juillet 2022, la région fait face à une insécurité grandissante.", "2024-01-10", "2022-07"),
    ("Les élus sont réunis depuis le 4 mars en session extraordinaire à Lomé.", "2024-03-06", "2024-03-04"),
    ("La séance prévue ce jour a été reportée au jeudi 14 novembre.", "2024-11-08", "2024-11-14"),
])
def test_start_and_set_dates_are_events(text, published, date):
    assert date in [ev["date_start"] for ev in events(text, published)]


@pytest.mark.parametrize("text", [
    "Les prix à la pompe restent inchangés depuis le 1er janvier.",
    "Depuis le 1er mai, nos équipes ont pris en charge 1 312 cas de rougeole.",
    "Le rapport de situation est arrêté au 31 mars 2024.",
])
def test_start_dates_of_states_and_counts_are_not_events(text):
    assert events(text, "2024-06-20") == []


@pytest.mark.parametrize("text, published, date, kind", [
    ("Le bulletin publié le 9 mars 2019 fait état de 1 500 arrivées.", "2019-03-11", "2019-03-09", "other"),
    ("Par rapport au bulletin publié en mars dernier, le nombre a augmenté.", "2021-06-10", "2021-03", "other"),
    ("Malgré la réforme intervenue en 2005, rien n'a changé.", "2024-08-21", "2005", "other"),
    ("La mesure entre en vigueur à compter de la date du 2 avril 2019.", "2019-03-20", "2019-04-02", "other"),
])
def test_publications_and_happenings_are_other_events(text, published, date, kind):
    """ANNOTATION.md: a report's publication is an `other` event; so is what « survint » or « intervint »."""
    assert (date, kind) in [(ev["date_start"], ev["kind"]) for ev in events(text, published)]


def test_publication_line_of_the_article_is_no_event():
    assert events("Titre\n\nPublié le 3 mars 2024 par Rédaction\n\nLe gouvernement a adopté un décret.\n") == []
