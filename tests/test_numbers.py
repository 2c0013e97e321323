"""French number expressions → plain numbers, including the hard cases of real pages."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.numbers import find_numbers, parse_number

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize("surface, expected", [
    ("4,8 millions", 4_800_000),
    ("1 049 767", 1_049_767),
    (f"1{NNBSP}049{NNBSP}767", 1_049_767),
    (f"1{NBSP}049{NBSP}767", 1_049_767),
    ("1.049.767", 1_049_767),
    ("913.000", 913_000),
    ("2,3 milliards", 2_300_000_000),
    ("08,63", 8.63),
    ("3,7 M", 3_700_000),
    ("552,6 M", 552_600_000),
    ("trois", 3),
    ("dix-huit mille", 18_000),
    ("vingt et un", 21),
    ("un million", 1_000_000),
    ("32.1", 32.1),
])
def test_parse_number_hard_cases(surface, expected):
    assert parse_number(surface) == pytest.approx(expected)


@pytest.mark.parametrize("text, expected", [
    ("Le Mali compte 4,8 millions de personnes, le Burkina Faso 8,4 millions", [4_800_000, 8_400_000]),
    ("2,3 milliards de FCFA et 552,6 M $", [2_300_000_000, 552_600_000]),
    ("72H de visite sur trois jours", [72, 3]),
    ("Il y a 5k morts", [5_000]),
    # a scale word after a number already written in full repeats it: not 2.9 × 10¹⁹
    ("un budget de 12.450.300.000 milliards de F CFA, contre 950 millions", [12_450_300_000, 950_000_000]),
])
def test_find_numbers_in_text(text, expected):
    assert [n.value for n in find_numbers(text)] == pytest.approx(expected)


@pytest.mark.parametrize("text", [
    "un programme ambitieux",        # the article "un", not the number one
    "le 2e jour et le 1er janvier",  # ordinals
    "M. Diallo a parlé",             # "M." is Monsieur, not millions
])
def test_find_numbers_ignores_non_numbers(text):
    assert find_numbers(text) == []


def test_offsets_point_at_the_number():
    text = f"Environ 1{NNBSP}049{NNBSP}767 déplacés."
    (n,) = find_numbers(text)
    assert text[n.start:n.end] == n.surface == f"1{NNBSP}049{NNBSP}767"


def _format_fr(value: int, sep: str) -> str:
    digits = f"{value:,}".replace(",", sep)
    return digits


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([" ", NBSP, NNBSP, "."]))
def test_property_grouped_integers_round_trip(value, sep):
    surface = _format_fr(value, sep)
    assert parse_number(surface) == value
    found = find_numbers(f"soit {surface} personnes")
    assert [n.value for n in found] == [value]


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9),
       st.sampled_from([("millions", 10**6), ("milliards", 10**9), ("M", 10**6)]))
def test_property_decimal_comma_with_scale_round_trip(whole, tenth, scale):
    word, factor = scale
    surface = f"{whole},{tenth} {word}"
    assert parse_number(surface) == pytest.approx((whole + tenth / 10) * factor)
    (n,) = find_numbers(f"Au total, {surface} de dollars.")
    assert n.value == pytest.approx((whole + tenth / 10) * factor)
