"""Date expressions → ISO 8601 with an honest precision; "today" is the publication date passed in."""
import pytest

from etl.dates import date_only_line, find_dates


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
