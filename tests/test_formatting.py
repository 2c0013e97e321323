"""Numbers, dates, qualifiers and country names per locale."""
from __future__ import annotations

import pandas as pd
import pytest

from presentation.dates import date_interval, effective_precision, sort_key
from presentation.formatting import (
    fmt_country,
    fmt_date,
    fmt_figure,
    fmt_indicator,
    fmt_kind,
    fmt_number,
    fmt_qualifier,
    fmt_short_date,
    fmt_unit,
    truncate,
)

NNBSP = "\u202f"


def plain(text: str) -> str:
    """French typography uses (narrow) no-break spaces; compare with ordinary spaces."""
    return text.replace(NNBSP, " ").replace("\u00a0", " ")


@pytest.mark.parametrize("value, lang, compact, expected", [
    (4_800_000, "fr", True, "4,8 M"),
    (4_800_000, "en", True, "4.8 M"),
    (8_400_000, "fr", False, "8 400 000"),
    (8_400_000, "en", False, "8,400,000"),
    (8_000_000, "fr", True, "8 M"),
    (1_049_767, "fr", False, "1 049 767"),
    (2_500_000_000, "fr", True, "2,5 Md"),
    (2_500_000_000, "en", True, "2.5 bn"),
    (300_000, "fr", True, "300 000"),
    (20, "en", True, "20"),
    (12.5, "fr", False, "12,5"),
])
def test_numbers_per_locale(value, lang, compact, expected):
    assert plain(fmt_number(value, lang, compact=compact)) == expected


def test_french_uses_no_break_spaces():
    assert " " not in fmt_number(8_400_000, "fr") and NNBSP in fmt_number(8_400_000, "fr")
    assert fmt_number(4_800_000, "fr", compact=True) == "4,8\u00a0M"


@pytest.mark.parametrize("value", [None, float("nan"), ""])
def test_missing_number(value):
    assert fmt_number(value, "fr") == "—"


@pytest.mark.parametrize("iso, precision, lang, expected", [
    ("2024-01-22", "day", "fr", "22 janvier 2024"),
    ("2024-01-22", "day", "en", "22 January 2024"),
    ("2024-01", "month", "fr", "janvier 2024"),
    ("2024-01", "month", "en", "January 2024"),
    ("2023", "year", "fr", "2023"),
    ("--01-22", "day_no_year", "fr", "22 janvier (année non précisée)"),
    ("--01-22", "day_no_year", "en", "22 January (year not specified)"),
    (None, "unknown", "fr", "date non précisée"),
    ("", None, "en", "date not specified"),
    ("n'importe quoi", "day", "fr", "date non précisée"),
])
def test_dates_per_locale_and_precision(iso, precision, lang, expected):
    assert fmt_date(iso, precision, lang) == expected


def test_a_date_is_never_shown_more_precise_than_stated():
    # a day string stated with year precision shows the year only
    assert fmt_date("2024-03-02", "year", "fr") == "2024"
    assert fmt_date("2024-03-02", "month", "fr") == "mars 2024"
    # a precision finer than the string is ignored
    assert fmt_date("2024", "day", "en") == "2024"
    assert effective_precision("2024-03", "day") == "month"


def test_short_dates():
    assert fmt_short_date("2024-04-25", "day", "fr") == "25 avr. 2024"
    assert fmt_short_date("2024-04-25", "day", "en") == "25 Apr 2024"
    assert fmt_short_date("--03-02", "day_no_year", "fr") == "2 mars (année ?)"


def test_date_intervals():
    from datetime import date

    assert date_interval("2024-02", "month") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_interval("2023", "year") == (date(2023, 1, 1), date(2023, 12, 31))
    assert date_interval("--01-22", "day_no_year") is None
    assert date_interval("2024-02-30", "day") is None
    assert sort_key("2024-05", "month") == "2024-05-01" and sort_key("--05-01", None) == ""


@pytest.mark.parametrize("qualifier, lang, expected", [
    ("approx", "fr", "près de"), ("at_least", "fr", "plus de"), ("at_most", "fr", "jusqu'à"),
    ("approx", "en", "about"), ("at_least", "en", "more than"), ("exact", "fr", ""), (None, "fr", ""),
    ("unquantified", "fr", "chiffre non précisé"), ("weird", "en", ""),
])
def test_qualifiers(qualifier, lang, expected):
    assert fmt_qualifier(qualifier, lang) == expected


def test_figures_read_as_sentences():
    assert plain(fmt_figure(4_800_000, "people", "approx", "fr")) == "près de 4,8 M personnes"
    assert plain(fmt_figure(4_800_000, "people", "at_least", "en", compact=False)) == "more than 4,800,000 people"
    assert fmt_figure(None, "people", "unquantified", "fr") == "chiffre non précisé"
    assert fmt_figure(5, "people", "unquantified", "en") == "figure not specified"
    assert plain(fmt_figure(20, "percent", "exact", "fr")) == "20 %"
    assert fmt_figure(20, "percent", "exact", "en") == "20%"
    assert fmt_figure(1, "days", "exact", "fr") == "1 jour"
    assert fmt_figure(20, "communes", "exact", "en") == "20 communes"  # a noun unit is kept as written


def test_units_and_vocabularies():
    assert fmt_unit("months", "en") == "months" and fmt_unit("months", "fr") == "mois"
    assert fmt_unit("XOF", "fr") == "FCFA"
    assert fmt_indicator("people_in_need", "fr") == "personnes dans le besoin"
    assert fmt_indicator("idps", "en") == "internally displaced people"
    assert fmt_indicator("new_indicator", "en") == "new_indicator"
    assert fmt_kind("decision", "commitment", "fr") == "Engagement"
    assert fmt_kind("decisions", "commitment", "en") == "Commitment"
    assert fmt_kind("event", None, "fr") == "—"


@pytest.mark.parametrize("iso3, lang, expected", [
    ("MLI", "fr", "Mali"), ("TCD", "fr", "Tchad"), ("TCD", "en", "Chad"), ("CIV", "fr", "Côte d’Ivoire"),
    ("BFA", "en", "Burkina Faso"), ("SEN", "fr", "Sénégal"), ("XXX", "fr", "XXX"), (None, "fr", "—"),
])
def test_country_names(iso3, lang, expected):
    assert fmt_country(iso3, lang) == expected


def test_truncate():
    assert truncate("  un   deux  ", 20) == "un deux"
    assert truncate("abcdefghij", 5) == "abcd…"


@pytest.mark.parametrize("value, missing", [
    (None, True), (float("nan"), True), (pd.NA, True), (pd.NaT, True), ("", True), ("  ", True),
    (0, False), (0.0, False), ("0", False), ("texte", False),
])
def test_is_missing_knows_every_kind_of_blank(value, missing):
    from presentation.formatting import is_missing

    assert is_missing(value) is missing
