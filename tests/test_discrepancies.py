"""Discrepancy flags on constructed figures: tolerance edges, period overlap, qualifiers,
publication-date fallback, and the figures view the pages read (dashboard.intake_views)."""
from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from dashboard.discrepancies import (
    DEFAULT_TOLERANCE,
    find_discrepancies,
    flags_by_figure,
    reference_period,
    relative_gap,
    value_bounds,
)
from dashboard.intake_views import discrepancy_note, label_imports, with_discrepancies


def fig(figure_id, value, *, country="BFA", indicator="people_in_need", qualifier="exact", unit="people",
        reference_date=None, reference_precision=None, article_date="2024-05-14", article_id="art_a",
        source_kind="article", source_name=None, end=None, admin1=None, value_max=None, title="Article A",
        rejected=None):
    return {"figure_id": figure_id, "value": value, "country_iso3": country, "indicator": indicator,
            "qualifier": qualifier, "unit": unit, "reference_date": reference_date,
            "reference_precision": reference_precision, "reference_end_date": end, "article_date": article_date,
            "article_date_precision": "day" if article_date and len(article_date) == 10 else None,
            "article_id": article_id if source_kind == "article" else None, "article_title": title,
            "source_kind": source_kind, "source_name": source_name, "admin1": admin1, "value_max": value_max,
            "rejected": rejected}


def hno(figure_id, value, start="2024-01-01", end="2024-12-31", **kw):
    return fig(figure_id, value, reference_date=start, reference_precision="day", end=end, article_date=None,
               source_kind="import", source_name="Aperçu des besoins 2024", title=None, **kw)


def pairs_of(*rows, tolerance=DEFAULT_TOLERANCE):
    found = find_discrepancies(pd.DataFrame(rows), tolerance=tolerance)
    return {frozenset((a, b)) for a, b in zip(found["figure_id_a"], found["figure_id_b"])}


# --------------------------------------------------------------------------- tolerance edges

def test_exactly_at_tolerance_is_not_flagged_just_above_is():
    assert pairs_of(fig("a", 100), fig("b", 110)) == set()                      # 10 % exactly
    assert pairs_of(fig("a", 100), fig("b", 110.01)) == {frozenset("ab")}       # just above
    assert pairs_of(fig("a", 100), fig("b", 90.91)) == set()                    # 9.999 % below
    assert pairs_of(fig("a", 100), fig("b", 90.9)) == {frozenset("ab")}         # 100/90.9 − 1 = 10.01 %


def test_tolerance_edge_holds_for_large_binary_unfriendly_numbers():
    # 8.4 M and 9.24 M are exactly 10 % apart although 0.1 * 8.4e6 is not exact in binary
    assert pairs_of(fig("a", 8_400_000), fig("b", 9_240_000)) == set()
    assert pairs_of(fig("a", 8_400_000), fig("b", 9_240_001)) == {frozenset("ab")}


def test_custom_tolerance_and_zero():
    assert pairs_of(fig("a", 100), fig("b", 104), tolerance=0.05) == set()
    assert pairs_of(fig("a", 100), fig("b", 106), tolerance=0.05) == {frozenset("ab")}
    assert pairs_of(fig("a", 100), fig("b", 100), tolerance=0.0) == set()
    assert pairs_of(fig("a", 0), fig("b", 5)) == {frozenset("ab")}
    assert pairs_of(fig("a", 0), fig("b", 0)) == set()
    with pytest.raises(ValueError):
        find_discrepancies(pd.DataFrame([fig("a", 1)]), tolerance=-0.1)


def test_relative_gap_is_measured_against_the_smaller_value():
    assert relative_gap((100, 100), (125, 125)) == pytest.approx(0.25)
    assert relative_gap((125, 125), (100, 100)) == pytest.approx(0.25)
    assert math.isinf(relative_gap((0, 0), (1, 1)))


# --------------------------------------------------------------------------- periods

def test_reference_period_rules():
    assert reference_period(fig("a", 1, reference_date="2024-03-05", reference_precision="day")) == (
        date(2024, 3, 5), date(2024, 3, 5))
    assert reference_period(fig("a", 1, reference_date="2024-03", reference_precision="month")) == (
        date(2024, 3, 1), date(2024, 3, 31))
    assert reference_period(fig("a", 1, reference_date="2024", reference_precision="year")) == (
        date(2024, 1, 1), date(2024, 12, 31))
    # no date of its own, or a day without a year: the article's publication date
    assert reference_period(fig("a", 1)) == (date(2024, 5, 14), date(2024, 5, 14))
    assert reference_period(fig("a", 1, reference_date="--01-22", reference_precision="day_no_year")) == (
        date(2024, 5, 14), date(2024, 5, 14))
    # nothing at all: unknown, never compared
    assert reference_period(fig("a", 1, article_date=None)) is None
    # an import: start of its period to the end of its period
    assert reference_period(hno("h", 1, start="2023-10-01", end="2024-09-30")) == (date(2023, 10, 1), date(2024, 9, 30))


def test_overlapping_periods_are_compared_disjoint_ones_are_not():
    # an article published inside the overview's year disagrees with it
    assert pairs_of(fig("art", 8_400_000), hno("imp", 6_300_000)) == {frozenset(("art", "imp"))}
    # the same article a year later: periods do not overlap
    late = fig("late", 8_400_000, article_date="2025-02-01")
    assert pairs_of(late, hno("imp", 6_300_000)) == set()
    # month precision: March vs 1 April does not overlap, March vs 31 March does
    march = fig("m", 100, reference_date="2024-03", reference_precision="month")
    assert pairs_of(march, fig("apr1", 200, reference_date="2024-04-01", reference_precision="day")) == set()
    assert pairs_of(march, fig("mar31", 200, reference_date="2024-03-31", reference_precision="day")) == {
        frozenset(("m", "mar31"))}
    # periods touching on one shared day overlap
    assert pairs_of(hno("h1", 100, start="2024-01-01", end="2024-06-30"),
                    hno("h2", 200, start="2024-06-30", end="2024-12-31", admin1=None)) == {frozenset(("h1", "h2"))}
    # a figure without any date is never compared
    assert pairs_of(fig("nodate", 1, article_date=None), hno("imp", 6_300_000)) == set()


def test_only_same_place_indicator_and_unit_are_compared():
    base = hno("imp", 6_300_000)
    assert pairs_of(base, fig("mli", 1_000, country="MLI")) == set()
    assert pairs_of(base, fig("tgt", 1_000, indicator="targeted")) == set()
    assert pairs_of(base, fig("reg", 1_000, admin1="Sahel")) == set()
    assert pairs_of(fig("r1", 1_000, admin1="Sahel"), fig("r2", 5_000, admin1="SAHEL ")) == {frozenset(("r1", "r2"))}
    assert pairs_of(fig("usd", 1_000, unit="USD"), fig("ppl", 5_000)) == set()


# --------------------------------------------------------------------------- qualifiers

def test_qualifiers_bound_the_values_a_figure_allows():
    assert value_bounds(fig("a", 8e6, qualifier="at_least")) == (8e6, math.inf)
    assert value_bounds(fig("a", 8e6, qualifier="at_most")) == (0.0, 8e6)
    assert value_bounds(fig("a", 2e6, value_max=3e6)) == (2e6, 3e6)
    assert value_bounds(fig("a", None, qualifier="unquantified")) is None
    # "plus de 8 millions" agrees with 9 millions, not with 7 millions
    assert pairs_of(fig("a", 8e6, qualifier="at_least"), fig("b", 9e6)) == set()
    assert pairs_of(fig("a", 8e6, qualifier="at_least"), fig("b", 7e6)) == {frozenset("ab")}
    # "jusqu'à 1 000" agrees with 500, not with 1 200
    assert pairs_of(fig("a", 1000, qualifier="at_most"), fig("b", 500)) == set()
    assert pairs_of(fig("a", 1000, qualifier="at_most"), fig("b", 1200)) == {frozenset("ab")}
    # a range 2–3 M agrees with 3.2 M (within 10 % of its upper end), not with 3.5 M
    assert pairs_of(fig("a", 2e6, value_max=3e6), fig("b", 3.2e6)) == set()
    assert pairs_of(fig("a", 2e6, value_max=3e6), fig("b", 3.5e6)) == {frozenset("ab")}
    # unquantified statements are never compared
    assert pairs_of(fig("a", None, qualifier="unquantified"), fig("b", 3.5e6)) == set()


# --------------------------------------------------------------------------- sources and results

def test_two_figures_in_one_article_and_both_sources_are_returned():
    found = find_discrepancies(pd.DataFrame([
        fig("a1", 8_400_000, title="Burkina : les besoins"), fig("a2", 6_000_000, title="Burkina : les besoins"),
        hno("imp", 6_300_000)]))
    pairs = {frozenset((a, b)): row for a, b, row in zip(found["figure_id_a"], found["figure_id_b"],
                                                           found.to_dict("records"))}
    assert set(pairs) == {frozenset(("a1", "a2")), frozenset(("a1", "imp"))}  # 6.0 M vs 6.3 M: 5 %, fine
    row = pairs[frozenset(("a1", "imp"))]
    assert {row["source_a"], row["source_b"]} == {"Burkina : les besoins", "Aperçu des besoins 2024"}
    assert {row["source_kind_a"], row["source_kind_b"]} == {"article", "import"}
    assert row["relative_gap"] == pytest.approx(8.4 / 6.3 - 1)
    assert found["relative_gap"].is_monotonic_decreasing
    flags = flags_by_figure(found).set_index("figure_id")
    assert flags.loc["a1", "n_discrepancies"] == 2 and flags.loc["imp", "n_discrepancies"] == 1


def test_rejected_rows_are_not_compared():
    assert pairs_of(fig("a", 8_400_000, rejected=True), hno("imp", 6_300_000)) == set()
    assert pairs_of(fig("a", 8_400_000, rejected=False), hno("imp", 6_300_000)) == {frozenset(("a", "imp"))}


def test_many_figures_of_one_country_stay_fast_and_correct():
    rows = [fig(f"d{i}", 1000 + (i // 84 % 2) * 500, article_date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                article_id=f"art{i}") for i in range(3000)]
    found = find_discrepancies(pd.DataFrame(rows))
    # same day pairs only (periods are days), and 1000 vs 1500 always disagree
    by_day: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_day.setdefault(r["article_date"], []).append(i)
    expected = sum(sum(1 for a in ids for b in ids if a < b and (a // 84 % 2) != (b // 84 % 2)) for ids in by_day.values())
    assert len(found) == expected > 0


def test_figures_view_carries_the_note_shown_beside_each_figure():
    view = label_imports(pd.DataFrame([fig("art", 8_400_000), hno("imp", 6_300_000), fig("ok", 1, country="MLI")]))
    assert view.set_index("figure_id").loc["imp", "article_title"] == "Aperçu des besoins 2024"
    flagged = with_discrepancies(view).set_index("figure_id")
    assert flagged.loc["art", "n_discrepancies"] == 1 and flagged.loc["ok", "n_discrepancies"] == 0
    assert flagged.loc["art", "discrepancy_value"] == 6_300_000
    note_fr = discrepancy_note(flagged.loc["art"].to_dict(), "fr")
    note_en = discrepancy_note(flagged.loc["imp"].to_dict(), "en")
    assert "6 300 000" in note_fr.replace("\u202f", " ") and "Aperçu des besoins 2024" in note_fr and "33 %" in note_fr
    assert "8,400,000" in note_en and "Article A" in note_en
    assert discrepancy_note(flagged.loc["ok"].to_dict(), "fr") == ""
