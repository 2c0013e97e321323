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
        reference_date=None, reference_precision=None, article_date="2024-05-14", article_id=None,
        source_kind="article", source_name=None, end=None, admin1=None, value_max=None, title="Article A",
        rejected=None):
    return {"figure_id": figure_id, "value": value, "country_iso3": country, "indicator": indicator,
            "qualifier": qualifier, "unit": unit, "reference_date": reference_date,
            "reference_precision": reference_precision, "reference_end_date": end, "article_date": article_date,
            "article_date_precision": "day" if article_date and len(article_date) == 10 else None,
            "article_id": (article_id or f"art_{figure_id}") if source_kind == "article" else None,
            "article_title": title,
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
    assert pairs_of(fig("r1", 1_000, admin1="Sahel"), fig("r2", 5_000, admin1="SAHEL ", article_id="art_b")) == {
        frozenset(("r1", "r2"))}
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

def test_two_sources_are_compared_two_figures_of_one_article_are_not():
    found = find_discrepancies(pd.DataFrame([
        fig("a1", 8_400_000, title="Burkina : les besoins", article_id="art_a"),
        fig("a2", 6_000_000, title="Burkina : les besoins", article_id="art_a"),
        hno("imp", 6_300_000)]))
    pairs = {frozenset((a, b)): row for a, b, row in zip(found["figure_id_a"], found["figure_id_b"],
                                                           found.to_dict("records"))}
    # a1 vs a2: one article states both on purpose; a2 vs imp: 6.0 M vs 6.3 M, 5 %, fine
    assert set(pairs) == {frozenset(("a1", "imp"))}
    row = pairs[frozenset(("a1", "imp"))]
    assert {row["source_a"], row["source_b"]} == {"Burkina : les besoins", "Aperçu des besoins 2024"}
    assert {row["source_kind_a"], row["source_kind_b"]} == {"article", "import"}
    assert row["relative_gap"] == pytest.approx(8.4 / 6.3 - 1)
    flags = flags_by_figure(found).set_index("figure_id")
    assert flags.loc["a1", "n_discrepancies"] == 1 and flags.loc["imp", "n_discrepancies"] == 1
    two_articles = find_discrepancies(pd.DataFrame([fig("x", 8_400_000, article_id="art_x"),
                                                    fig("y", 6_000_000, article_id="art_y")]))
    assert len(two_articles) == 1 and two_articles["relative_gap"].is_monotonic_decreasing


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


# --------------------------------------------------------------------------- like for like, grouped

def like(figure_id, value, **kw):
    """A figure of the figures view with its scope and population group (dashboard.views)."""
    row = fig(figure_id, value, **{k: v for k, v in kw.items() if k not in ("admin_level", "place", "group", "origin",
                                                                           "label", "article_source")})
    row.update(article_source=kw.get("article_source"), admin_level=kw.get("admin_level", "0"), place=kw.get("place"), population_group=kw.get("group", "people"),
               origin_iso3=kw.get("origin"), label=kw.get("label", "personnes"))
    return row


MUST = {
    "two articles, same national figure, same day": (like("a", 6_400_000), like("b", 8_000_000)),
    "press vs official, the year holds the article's day": (like("a", 8_400_000), {**hno("b", 6_300_000),
                                                                                   "admin_level": "0"}),
    "same region named two ways": (like("a", 1_300_000, admin_level="1", admin1="Mopti", place="Mopti"),
                                   like("b", 900_000, admin_level="1", admin1="MOPTI ", place=None)),
    "same refugees, same origin": (like("a", 20_000, indicator="refugees", origin="SDN"),
                                   like("b", 35_000, indicator="refugees", origin="SDN")),
}
MUST_NOT = {
    "a region's figure vs the national one": (like("a", 1_300_000, admin_level="1", admin1="Mopti"),
                                              like("b", 6_400_000)),
    "a department vs the country": (like("a", 55_600, admin_level="2", place="Matam"), like("b", 1_200_000)),
    "two different places of one level": (like("a", 5_000, admin_level="site", place="Djibo"),
                                          like("b", 90_000, admin_level="site", place="Kaya")),
    "23 vs 1 200 000 of different groups": (like("a", 23, group="households", unit="households"),
                                            like("b", 1_200_000)),
    "children vs everyone": (like("a", 1_700_000, group="children"), like("b", 2_900_000)),
    "refugees from two countries": (like("a", 20_000, indicator="refugees", origin="SDN"),
                                    like("b", 200_000, indicator="refugees", origin="NGA")),
    "in need vs targeted": (like("a", 6_300_000), like("b", 3_500_000, indicator="targeted")),
    "generic counts": (like("a", 20, indicator="count", unit="communes"),
                       like("b", 50, indicator="count", unit="communes")),
    "periods that do not overlap": (like("a", 6_400_000, reference_date="2024", reference_precision="year"),
                                    like("b", 8_000_000, reference_date="2025", reference_precision="year")),
    "about no territory": (like("a", 6_400_000, admin_level=""), like("b", 8_000_000, admin_level="")),
    "one article states both": (like("a", 2_900_000, article_id="same"), like("b", 1_700_000, article_id="same")),
}


@pytest.mark.parametrize("case", list(MUST))
def test_like_figures_that_disagree_are_flagged(case):
    assert pairs_of(*MUST[case]) == {frozenset("ab")}, case


@pytest.mark.parametrize("case", list(MUST_NOT))
def test_unlike_figures_are_never_compared(case):
    assert pairs_of(*MUST_NOT[case]) == set(), case


def test_groups_are_ranked_by_size_and_written_for_people():
    from dashboard.discrepancies import group_discrepancies
    from dashboard.intake_views import discrepancy_table

    rows = [like("m1", 6_400_000, country="MLI", article_source="Studio Tamani", title="Mali : les besoins"),
            like("m2", 7_100_000, country="MLI", title="Plan de réponse"),
            {**hno("m3", 8_500_000, country="MLI"), "admin_level": "0", "population_group": "people"},
            like("t1", 300, country="TGO", admin_level="site", place="Dapaong"),
            like("t2", 900, country="TGO", admin_level="site", place="Dapaong")]
    figures = label_imports(pd.DataFrame(rows))
    groups = group_discrepancies(find_discrepancies(figures))
    assert list(groups["country_iso3"]) == ["MLI", "TGO"]  # the largest gap first
    mali = groups.iloc[0]
    assert mali["n_figures"] == 3 and (mali["low"], mali["high"]) == (6_400_000, 8_500_000)
    assert (mali["period_start"], mali["period_end"]) == ("2024-05-14", "2024-05-14")
    table = discrepancy_table(groups, figures, "fr")
    first = table.iloc[0].to_dict()
    assert first["Lieu"] == "Mali" and first["Mesure"] == "personnes dans le besoin"
    assert first["Population"] == "personnes" and first["Période"] == "14 mai 2024"
    shown = first["Chiffres et sources"].replace("\u202f", " ")
    assert shown.startswith("8 500 000 — chiffre officiel : Aperçu des besoins 2024, 2024")
    assert "6 400 000 — Studio Tamani, Mali : les besoins, 14 mai 2024" in shown
    assert "∩" not in " ".join(table.astype(str).to_numpy().ravel()) and "2024-01-01" not in shown
    assert table.iloc[1]["Lieu"] == "Togo — Dapaong (localité)"
    assert table.iloc[1]["Écart"].replace("\u202f", " ") == "200 % (600 personnes)"
    english = discrepancy_table(groups, figures, "en").iloc[0]
    assert english["Period"] == "14 May 2024" and english["Population"] == "people"
