"""Dates and events: publication dates from datelines and labels, relative days ("le N courant", "le lendemain",
"avant-hier", "depuis jeudi"), signatures dating a communiqué, results presented on a day. Sentences written for the
tests."""
import pytest

from etl.dates import find_dates
from etl.extract import extract_article
from etl.segment import segment


def extract(text, published="2025-05-20"):
    return extract_article(text, article_id="t", published_date=published)


def events_of(text, published=None):
    return [(e["date_start"], e["date_precision"], e["kind"]) for e in extract(text, published).events]


@pytest.mark.parametrize("text, published, iso", [
    ("Publié le : 07-10-2025 | Par la rédaction", None, "2025-10-07"),
    ("la réunion du 9 courant à Dosso", "2025-06-20", "2025-06-09"),
    ("le 21 du mois en cours", "2025-03-02", "2025-03-21"),
])
def test_more_date_forms(text, published, iso):
    assert [d.date_start for d in find_dates(text, published=published)] == [iso]


def test_signature_line_dates_a_communique():
    text = ("COMMUNIQUÉ FINAL\n\nLes ministres se sont réunis à Niamey pour examiner la situation humanitaire "
            "et ont adopté une feuille de route commune.\n\nFait à Niamey, le 14 octobre 2025\n\nLe Président de séance")
    assert segment(text).dateline.date_start == "2025-10-14"


def test_the_next_day_counts_from_the_date_before_and_now_is_not_a_second_event():
    text = ("Le ministre au camp de Goudoubo\n\nDori, le 9 mars 2025 – Le ministre de l'Action humanitaire a visité le 7 mars "
            "le camp de Goudoubo, au Burkina Faso, qui compte aujourd'hui 11 200 réfugiés.\n\nLes besoins en eau restent "
            "importants selon les responsables du camp.\n\nLe lendemain, le ministre a présidé à Dori une réunion du "
            "comité régional de crise.\n\nLa veille de la réunion, le conseil régional avait voté son budget.")
    events = sorted((e["date_start"], e["kind"]) for e in extract(text, published="2025-03-09").events)
    assert events == [("2025-03-07", "visit"), ("2025-03-08", "meeting")]


def test_results_presented_on_a_day_are_an_event():
    text = ("Niamey, le 12 mars 2025 – Le dispositif national de prévention a présenté ce mardi 11 mars 2025 à Niamey "
            "les résultats de l'analyse de la vulnérabilité, en présence des partenaires.")
    assert [(e["date_start"], e["place"]) for e in extract(text, published="2025-03-12").events] == [("2025-03-11", "Niamey")]


# ---------------------------------------------------------------- publication dates
@pytest.mark.parametrize("first_line", [
    "**OUAGADOUGOU/BAMAKO, 12 mars 2025** – Les agences humanitaires ont lancé un appel de fonds pour la saison sèche.",
    "_ABIDJAN, 12 mars 2025_ – Les agences humanitaires ont lancé un appel de fonds pour la saison sèche.",
    "NIAMEY/DAKAR, le 12 mars 2025 – Les agences humanitaires ont lancé un appel de fonds pour la saison sèche.",
])
def test_dateline_in_bold_or_naming_two_cities_dates_the_page(first_line):
    text = f"# Appel humanitaire\n\n*Communiqué de presse*\n\n{first_line}\n\nLa réunion suivante se tiendra le 4 avril à Lomé.\n"
    doc = segment(text)
    assert doc.dateline is not None and doc.dateline.date_start == "2025-03-12"
    ex = extract_article(text, article_id="t")
    assert ex.published_date == "2025-03-12"
    # the day without a year is resolved against it, not left as --04-04
    assert ("2025-04-04", "day", "meeting") in [(e["date_start"], e["date_precision"], e["kind"]) for e in ex.events]


def test_dateline_is_cut_from_the_story_even_when_a_published_line_dates_the_page():
    text = ("Publié le 14 mai 2025 | Par la rédaction\n\n"
            "Dosso, 14 mai (ANP) – Le comité régional de crise s'est réuni hier à Dosso pour faire le point.\n")
    doc = segment(text)
    body = next(ln for ln in doc.lines if ln.kind == "prose")
    assert text[body.content_start:].startswith("Le comité régional")
    ex = extract_article(text, article_id="t")
    assert [(e["date_start"], e["kind"]) for e in ex.events] == [("2025-05-13", "meeting")]


@pytest.mark.parametrize("label", ["Date de publication : 07/11/2025", "Date de parution : 7 novembre 2025"])
def test_date_of_publication_line_dates_a_report(label):
    text = (f"Programme alimentaire mondial (PAM)\nBulletin de suivi des marchés – Niger\n{label}\n"
            "Période couverte : du 1er au 31 octobre 2025\n"
            "Au 31 octobre 2025, les prix du mil ont augmenté dans la plupart des marchés suivis.\n")
    assert extract_article(text, article_id="t").published_date == "2025-11-07"


def test_date_of_collection_is_not_the_publication_date():
    text = ("Bulletin de suivi – Mali\nDate de collecte : 03/10/2025\n"
            "Au 30 septembre 2025, les prix du mil ont augmenté dans la plupart des marchés suivis.\n")
    assert extract_article(text, article_id="t").published_date is None


# ---------------------------------------------------------------- relative days of meetings
@pytest.mark.parametrize("sentence, published, expected", [
    ("Le conseil régional de sécurité s'est réuni avant-hier à Tahoua sous la présidence du gouverneur.",
     "2025-06-12", "2025-06-10"),
    ("Le cadre de concertation humanitaire s'est réunie hier à Kara.", "2025-06-12", "2025-06-11"),
    # "depuis jeudi": the most recent Thursday on or before publication (2025-06-14 is a Saturday)
    ("Les gouverneurs des régions frontalières sont réunis depuis jeudi à Dori pour une session extraordinaire.",
     "2025-06-14", "2025-06-12"),
    ("Les experts des trois pays sont réunis depuis hier à Bobo-Dioulasso.", "2025-06-14", "2025-06-13"),
])
def test_meetings_dated_by_a_relative_day(sentence, published, expected):
    assert (expected, "day", "meeting") in events_of(sentence + "\n", published)


def test_since_weekday_is_a_date_only_after_depuis():
    found = find_dates("Les travaux se poursuivent depuis lundi à Lomé.", published="2025-06-14")
    assert [(d.surface, d.date_start) for d in found] == [("lundi", "2025-06-09")]
    assert find_dates("Lundi sera consacré aux visites de terrain.", published="2025-06-14") == []


def test_since_a_weekday_without_a_meeting_is_no_event():
    assert events_of("Les prix du mil augmentent depuis mardi sur le marché de Kaya.\n", "2025-06-14") == []


def test_a_sentence_opening_with_reunie_is_a_meeting():
    assert events_of("Réunie lundi dernier à Mopti sous la présidence du gouverneur, la cellule de crise a fait le point.\n",
                     "2025-06-14") == [("2025-06-09", "day", "meeting")]


def test_a_month_that_dates_an_act_is_an_event_but_a_period_is_not():
    def months(text):
        return [e["date_start"] for e in extract(text, "2023-05-24").events]

    assert months("Titre du communiqué de presse\n\nEn septembre 2022, le nombre de déplacés internes avait été "
                  "revu à la baisse après une révision du fichier.\n") == ["2022-09"]
    assert months("Titre du communiqué de presse\n\nLe nombre de déplacés internes reste élevé depuis septembre 2022 "
                  "dans les régions du nord du pays.\n") == []


# ---------------------------------------------------------------- a day without its year, in an article without a date
def _mention(text, surface, iso, precision, end=None):
    from etl.dates import DateMention
    at = text.index(surface)
    return DateMention(at, at + len(surface), surface, iso, end, precision)


@pytest.mark.parametrize("anchor, anchor_iso, surface, stored, expected", [
    ("le 26 février 2025", "2025-02-26", "le 27 février", "--02-27", "2025-02-27"),    # the day date before it
    ("le 20 décembre 2025", "2025-12-20", "le 5 janvier prochain", "--01-05", "2026-01-05"),  # next year
    ("le 20 décembre 2025", "2025-12-20", "mardi 13 juillet", "--07-13", "2021-07-13"),  # a Tuesday in 2021 only
])
def test_a_day_without_year_takes_it_from_the_articles_own_dates(anchor, anchor_iso, surface, stored, expected):
    from etl.dates import complete_years
    text = f"Le Conseil s'est réuni {anchor} à Dakar. Il a évoqué la rencontre de 2021 et {surface}."
    dates = [_mention(text, anchor, anchor_iso, "day"), _mention(text, "2021", "2021", "year"),
             _mention(text, surface, stored, "day_no_year")]
    got = complete_years(dates)[-1]
    assert (got.date_start, got.precision) == (expected, "day")


def test_a_day_without_year_stays_so_when_the_article_dates_nothing():
    from etl.dates import complete_years
    text = "Les ministres se sont réunis le 27 février à Niamey."
    dates = [_mention(text, "le 27 février", "--02-27", "day_no_year")]
    assert complete_years(dates) == dates


def test_a_range_without_year_gets_the_year_at_both_ends():
    from etl.dates import complete_years
    text = "Réunion du 10 décembre 2024. Les journées se tiennent du 30 décembre au 2 janvier."
    dates = [_mention(text, "10 décembre 2024", "2024-12-10", "day"),
             _mention(text, "du 30 décembre au 2 janvier", "--12-30", "day_no_year", end="--01-02")]
    got = complete_years(dates)[-1]
    assert (got.date_start, got.date_end) == ("2024-12-30", "2025-01-02")


def test_with_no_day_date_the_one_year_named_gives_the_year_but_two_years_do_not():
    from etl.dates import complete_years
    text = "La convention de 2018 a été signée le 30 mars à Bamako."
    one = [_mention(text, "2018", "2018", "year"), _mention(text, "le 30 mars", "--03-30", "day_no_year")]
    assert complete_years(one)[-1].date_start == "2018-03-30"
    text2 = "Le plan 2018-2020 : la convention de 2018, révisée en 2020, a été signée le 30 mars."
    two = [_mention(text2, "2018", "2018", "year"), _mention(text2, "2020", "2020", "year"),
           _mention(text2, "le 30 mars", "--03-30", "day_no_year")]
    assert complete_years(two)[-1].date_start == "--03-30"
