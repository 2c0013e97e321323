"""Date expressions → ISO 8601 with an honest precision; "today" is the publication date passed in."""
import pytest

from etl.dates import date_only_line, find_dates
from etl.extract import extract_article


@pytest.mark.parametrize("text, published, iso, iso_end, precision", [
    ("Le 14 février 2025, la mission", None, "2025-02-14", None, "day"),
    ("ce lundi 3 mars 2025 à Dosso", None, "2025-03-03", None, "day"),
    ("le 1er octobre 2024", None, "2024-10-01", None, "day"),
    ("Le 9 juin dernier, le comité", None, "--06-09", None, "day_no_year"),
    ("Le 9 juin dernier, le comité", "2025-08-01", "2025-06-09", None, "day"),
    ("Le 9 décembre dernier", "2025-01-10", "2024-12-09", None, "day"),      # "dernier" looks back across the new year
    ("le 20 janvier prochain", "2024-12-28", "2025-01-20", None, "day"),
    ("Réunis le 5 mai à Kara", "2025-05-07", "2025-05-05", None, "day"),
    ("du 10 au 12 mars 2025", None, "2025-03-10", "2025-03-12", "day"),
    ("du 28 février au 2 mars 2024", None, "2024-02-28", "2024-03-02", "day"),
    ("en septembre 2023, les pluies", None, "2023-09", None, "month"),
    ("organisé en 2022 la 3e édition", None, "2022", None, "year"),
    ("le 12/03/2024 à Niamey", None, "2024-03-12", None, "day"),
    ("vendredi dernier", "2025-09-08", "2025-09-05", None, "day"),
    ("hier à Bamako", "2024-05-02", "2024-05-01", None, "day"),
])
def test_find_dates(text, published, iso, iso_end, precision):
    (d,) = [d for d in find_dates(text, published=published) if d.date_start or d.precision == "unknown"]
    assert (d.date_start, d.date_end, d.precision) == (iso, iso_end, precision)
    assert text[d.start:d.end] == d.surface


def test_relative_weekday_without_publication_date_stays_unknown():
    (d,) = find_dates("vendredi dernier, les ministres")
    assert d.date_start is None and d.precision == "unknown"


@pytest.mark.parametrize("text", ["4,8 millions de personnes", "Le décret n°2024-0456", "1 049 767 déplacés"])
def test_numbers_are_not_dates(text):
    assert find_dates(text) == []


@pytest.mark.parametrize("line, iso", [
    ("jeudi 25 avril 2024", "2024-04-25"),
    ("mardi, juin 3, 2025", "2025-06-03"),
    ("Publié le 3 mars 2025 à 10h30", "2025-03-03"),
    ("12 janvier 2025", "2025-01-12"),
])
def test_datelines(line, iso):
    assert date_only_line(line).date_start == iso


def test_sentence_with_a_date_is_not_a_dateline():
    assert date_only_line("Le 28 novembre 2024, le projet a été lancé") is None


@pytest.mark.parametrize("text, published, iso", [
    # a month of publication fixes the year of a day written without one, never the day of "mardi"
    ("ce jeudi 3 octobre à Abéché", "2019-10", "2019-10-03"),
    ("le 5 janvier, les ministres", "2020-01", "2020-01-05"),
    ("le 28 décembre, la mission", "2021-01", "2020-12-28"),
])
def test_a_month_of_publication_fixes_the_year(text, published, iso):
    days = [d for d in find_dates(text, published=published) if d.precision == "day"]
    assert [d.date_start for d in days] == [iso]
    assert not [d for d in find_dates("mardi dernier, le ministre", published="2019-10") if d.date_start]


@pytest.mark.parametrize("text, published, iso", [
    ("Au lendemain du sommet du 8 mars 2025, les ministres se sont réunis.", None, "2025-03-09"),
    ("À la veille de l'ouverture du forum, le 3 juin 2025, les délégations sont arrivées.", None, "2025-06-02"),
    ("Dans la nuit de samedi à dimanche, des pluies ont inondé Dosso.", "2025-03-12", "2025-03-08"),
])
def test_days_counted_from_another_day(text, published, iso):
    from etl.dates import anchored_dates

    found = find_dates(text, published=published)
    assert iso in [d.date_start for d in anchored_dates(text, found, published=published)]


def test_a_crawlers_date_line_dates_the_page_and_is_not_content():
    from etl.segment import segment

    doc = segment(" date 2019-10 Un conseil ordinaire des ministres s’est tenu ce jeudi 3 octobre à Abéché.")
    assert (doc.dateline.date_start, doc.dateline.precision) == ("2019-10", "month")
    content = " ".join(doc.text[s:e] for s, e in doc.content_spans())
    assert "2019-10" not in content and content.startswith("Un conseil")


def test_a_council_meeting_dated_by_the_crawlers_month_is_an_event_with_its_day():
    from etl.extract import extract_article

    x = extract_article(" date 2019-10 Un conseil ordinaire des ministres s’est tenu ce jeudi 3 octobre à Abéché.",
                        article_id="t")
    assert [(e["kind"], e["date_start"]) for e in x.events] == [("meeting", "2019-10-03")]


def test_a_reports_publication_day_is_an_other_event():
    """ANNOTATION.md: a report's publication is an `other` event, beside the visit."""
    from etl.extract import extract_article

    x = extract_article("Le ministre a visité le camp le 12 septembre 2025. Le prochain bulletin sera publié le 19 "
                        "septembre 2025.", article_id="t")
    assert [(e["kind"], e["date_start"]) for e in x.events] == [("visit", "2025-09-12"), ("other", "2025-09-19")]


@pytest.mark.parametrize("line", ["18.02.2022, Sputnik France", "Édition - samedi le 4 octobre 2025",
                                  "samedi le 4 octobre 2025"])
def test_datelines_with_an_outlet_or_a_label(line):
    assert date_only_line(line) is not None


def test_a_related_article_with_its_date_is_not_an_event():
    text = ("Le Premier ministre en visite à Niamey\n\n"
            "Le Premier ministre est arrivé le 3 octobre 2025 à Niamey pour une visite de travail de deux jours.\n\n"
            "- UACO 2025: clap de fin sur la 14e édition - samedi le 4 octobre 2025\n\n"
            "La visite doit renforcer la coopération entre les deux pays de l’AES.\n")
    events = extract_article(text, article_id="t", published_date="2025-10-05").events
    assert [e["date_start"] for e in events] == ["2025-10-03"]
