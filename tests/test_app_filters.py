"""Shared filters: URL round trip and what each filter keeps."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard.filters import Filters, apply_filters, article_choices, filters_from_query, filters_to_query


def test_query_round_trip():
    f = filters_from_query({"countries": "mli, BFA", "indicators": "people_in_need", "from": "2024",
                            "to": "2025-06", "articles": "a1,a2,a1", "lang": "en"})
    assert f == Filters(("MLI", "BFA"), ("people_in_need",), ("2024", "2025-06"), ("a1", "a2"))
    assert filters_from_query(filters_to_query(f)) == f
    assert filters_to_query(Filters()) == {}
    assert filters_from_query({"from": "hier", "to": ""}).period == (None, None)  # junk is ignored


def test_repeated_parameters():
    class Params(dict):
        def get_all(self, key):
            return {"countries": ["MLI", "NER"]}.get(key, [])

    assert filters_from_query(Params()).countries == ("MLI", "NER")


ROWS = pd.DataFrame({
    "article_id": ["a", "a", "b", "c", "d"],
    "country_iso3": ["MLI", "BFA", "MLI", None, "NER"],
    "indicator": ["people_in_need", "idps", "people_in_need", "count", "affected"],
    "date": ["2024-04-23", "2023", "--01-22", "2025-02", None],
    "precision": ["day", "year", "day_no_year", "month", "unknown"],
})


def test_country_indicator_article_filters():
    assert list(apply_filters(ROWS, Filters(countries=("MLI",)))["article_id"]) == ["a", "b"]
    assert list(apply_filters(ROWS, Filters(indicators=("idps", "count")))["article_id"]) == ["a", "c"]
    assert list(apply_filters(ROWS, Filters(article_ids=("b", "d")))["article_id"]) == ["b", "d"]
    assert apply_filters(ROWS, Filters()) is ROWS


def test_period_keeps_overlapping_dates_only():
    kept = apply_filters(ROWS, Filters(period=("2023-06", "2024")), date_column="date", precision_column="precision")
    # 2024-04-23 is inside; "2023" (the whole year) overlaps; a day without a year and an
    # unknown date cannot be placed, so they are left out while a period is set
    assert list(kept["date"]) == ["2024-04-23", "2023"]
    only_2025 = apply_filters(ROWS, Filters(period=("2025", None)), date_column="date", precision_column="precision")
    assert list(only_2025["date"]) == ["2025-02"]


def test_filters_ignore_columns_a_table_does_not_have():
    actors = pd.DataFrame({"actor_id": ["x"], "name": ["OCHA"]})
    assert len(apply_filters(actors, Filters(countries=("MLI",), indicators=("idps",)))) == 1


NEWEST_FIRST = {"n5": "Cinq", "n4": "Quatre", "n3": "Trois", "n2": "Deux", "n1": "Un"}


@pytest.mark.parametrize("selected, expected", [
    (None, ["n5", "n4"]),
    ([], ["n5", "n4"]),
    (["n4"], ["n5", "n4"]),                      # already offered: not repeated
    (["n1", "n2", "n1"], ["n5", "n4", "n1", "n2"]),  # older ones asked for: offered, in the asked order, once
    (["gone", "n3"], ["n5", "n4", "n3"]),          # an id no longer in the tables is dropped
])
def test_article_choices_offer_the_newest_and_every_selected_article(selected, expected):
    assert article_choices(NEWEST_FIRST, selected, limit=2) == expected


def test_article_choices_default_to_the_module_limit(monkeypatch):
    from dashboard import filters

    monkeypatch.setattr(filters, "ARTICLE_CHOICES", 3)
    assert article_choices(NEWEST_FIRST, ["n1"]) == ["n5", "n4", "n3", "n1"]
    assert len(article_choices({f"a{i}": "" for i in range(500)}, None, limit=None)) == 3
