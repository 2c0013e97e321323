"""Finding and resolving places: the seed gold's places, Togo communes, hard cases."""
from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, SHARED, skip_or_fail

from etl import gazetteer as G
from etl import resources_places as R
from etl.places import find_place_mentions, lookup, resolve_place_mentions
from etl.schema import PLACE_KINDS, TABLES, conform, validate
from etl.text import fold

ARTICLES = ROOT / "data" / "articles"
REGION_OF = {pref: region for pref, region, _seat, _n in R.TOGO_PREFECTURES}


@pytest.fixture(scope="module")
def gold() -> dict:
    path = SHARED / "gold" / "seeds.json"
    if not path.is_file():
        skip_or_fail(f"seed gold missing: {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def _text(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


def _resolve(text: str, article_id: str = "a1", boundaries=()):
    mentions = [{**m, "article_id": article_id} for m in find_place_mentions(text)]
    return mentions, *resolve_place_mentions(mentions, boundaries=list(boundaries))


def _names(text: str) -> list[tuple[str, str, str | None]]:
    return [(m["name"], m["kind"], m["country_iso3"]) for m in find_place_mentions(text)]


# --------------------------------------------------------------------------- seed gold

def test_every_commune_of_the_seed_article_is_found_and_resolved(gold):
    article = "003_71088401261733f3.txt"
    text = _text(article)
    communes = gold[article]["communes"]
    assert len(communes) == 20
    mentions, places, rows = _resolve(text)
    by_id = {p["place_id"]: p for p in places}
    found = {m["name"]: m for m in mentions if m["kind"] == "commune"}
    assert sorted(found) == sorted(communes)
    for name in communes:
        m = found[name]
        assert text[m["char_start"]:m["char_end"]] == m["quote"] == name
        row = next(r for r in rows if r["char_start"] == m["char_start"])
        place = by_id[row["place_id"]]
        prefecture_name = re.sub(r"\s+\d+$", "", name)
        assert place["resolved"] is True and place["kind"] == "commune" and place["country_iso3"] == "TGO"
        assert fold(place["admin2"]) == fold(prefecture_name), name
        assert place["admin1"] == REGION_OF[place["admin2"]]
        prefecture = by_id[place["parent_place_id"]]
        assert prefecture["kind"] == "prefecture" and prefecture["name"] == place["admin2"]
        region = by_id[prefecture["parent_place_id"]]
        assert region["kind"] == "region" and region["name"] == place["admin1"]


def test_blitta_3_is_in_blitta_prefecture_centrale_region_at_its_seat():
    place = lookup("Blitta 3")
    assert (place["kind"], place["admin2"], place["admin1"], place["country_iso3"]) == (
        "commune", "Blitta", "Centrale", "TGO")
    seat = lookup("Blitta", "TGO")
    assert (place["lat"], place["lon"]) == (seat["lat"], seat["lon"])


def test_event_places_of_the_gold_resolve_with_their_country(gold):
    events = [e for article in gold.values() for e in article.get("events", []) if e.get("place")]
    assert {e["place"] for e in events} >= {"Lomé", "Kara", "Ouagadougou"}
    for event in events:
        place = lookup(event["place"], event["country_iso3"])
        assert place is not None, event["place"]
        assert place["country_iso3"] == event["country_iso3"] and place["resolved"]
        assert place["kind"] in ("capital", "city") and place["lat"] is not None
        # and the place is found in the event's own sentence, with its country
        names = _names(event["quote"])
        assert any(fold(n) == fold(event["place"]) and c == event["country_iso3"] for n, _k, c in names), names


def test_gold_facilities_are_found_in_their_article(gold):
    for article, annotation in gold.items():
        for expected in annotation.get("places") or []:
            mentions = [m for m in find_place_mentions(_text(article)) if m["canonical"] == expected["name"]]
            assert mentions, expected["name"]
            assert mentions[0]["kind"] == "facility" and mentions[0]["country_iso3"] == expected["country_iso3"]
            place = lookup(expected["name"])
            assert place["kind"] == "facility" and place["lat"] is not None


def test_seed_articles_yield_valid_places_tables():
    mentions = []
    for i, path in enumerate(sorted(ARTICLES.glob("*.txt"))):
        mentions += [{**m, "article_id": f"a{i}"} for m in find_place_mentions(path.read_text(encoding="utf-8"))]
    places, rows = resolve_place_mentions(mentions, boundaries=[])
    assert set(places[0]) == set(TABLES["places"])
    assert set(rows[0]) == set(TABLES["place_mentions"])
    validate("places", conform("places", places))
    validate("place_mentions", conform("place_mentions", rows))
    assert len(rows) == len(mentions)
    ids = {p["place_id"] for p in places}
    assert all(p["parent_place_id"] in ids for p in places if p["parent_place_id"])


# --------------------------------------------------------------------------- communes

def test_all_117_togo_communes_follow_the_prefecture_number_rule():
    n = 0
    for pref, region, _seat, count in R.TOGO_PREFECTURES:
        for i in range(1, count + 1):
            place = lookup(f"{pref} {i}")
            assert place and place["kind"] == "commune" and place["admin2"] == pref and place["admin1"] == region
            n += 1
        assert lookup(f"{pref} {count + 1}") is None
    assert n == 117


def test_a_commune_number_beyond_the_prefecture_is_reported_unresolved():
    mentions, places, rows = _resolve("Les communes Golfe 8 et Blitta 2 au Togo.")
    golfe8 = next(p for p in places if p["name"] == "Golfe 8")
    assert golfe8["resolved"] is False and golfe8["match_source"] == "unresolved"
    assert golfe8["kind"] == "commune" and golfe8["lat"] is None
    assert any(p["name"] == "Blitta 2" and p["resolved"] for p in places)
    assert len(rows) == len(mentions) == 3


@pytest.mark.parametrize("text, expected", [
    ("Les maires de Mô II et d'Agoènyivé 3.", ["Mô 2", "Agoè-Nyivé 3"]),
    ("AGOÉ-NYIVÉ 1, Golfe\u00a07 et Tone 4", ["Agoè-Nyivé 1", "Golfe 7", "Tône 4"]),
])
def test_commune_spellings(text, expected):
    assert [m["canonical"] for m in find_place_mentions(text) if m["kind"] == "commune"] == expected


@pytest.mark.parametrize("text", [
    "Dans les Lacs 4 500 personnes sont sinistrées.",
    "Zio 3 % des ménages",
    "Golfe 2 millions de francs",
    "les lacs 2 et 3",
])
def test_numbers_after_a_prefecture_name_that_are_quantities(text):
    assert not [m for m in find_place_mentions(text) if m["kind"] == "commune"]


# --------------------------------------------------------------------------- hard cases

@pytest.mark.parametrize("text, expected", [
    ("Réunis à Kara, les maires de la région de la Kara", [("Kara", "city", "TGO"), ("Kara", "region", "TGO")]),
    ("Au Togo, la région Centrale et la banque centrale", [("Togo", "country", "TGO"), ("Centrale", "region", "TGO")]),
    ("Au Mali, les régions de Mopti, de Ségou et de Tombouctou", [
        ("Mali", "country", "MLI"), ("Mopti", "region", "MLI"), ("Ségou", "region", "MLI"),
        ("Tombouctou", "region", "MLI")]),
    ("Au Burkina Faso, la région du Sahel compte des déplacés.", [
        ("Burkina Faso", "country", "BFA"), ("Sahel", "region", "BFA")]),
    ("la préfecture de la Kozah et la préfecture de Blitta", [
        ("Kozah", "prefecture", "TGO"), ("Blitta", "prefecture", "TGO")]),
    ("Il est passé par Blitta.", [("Blitta", "town", "TGO")]),
    ("Le Port autonome de Lomé dessert Ouagadougou.", [
        ("Port autonome de Lomé", "facility", "TGO"), ("Ouagadougou", "capital", "BFA")]),
    ("À N'Djaména et à Tillabéry", [("N'Djaména", "capital", "TCD"), ("Tillabéry", "town", "NER")]),
    ("LOMÉ, le 3 mars", [("LOMÉ", "capital", "TGO")]),
    ("Il est allé à Manga, au Burkina Faso.", [("Manga", "town", "BFA"), ("Burkina Faso", "country", "BFA")]),
])
def test_places_found_with_their_kind(text, expected):
    assert _names(text) == expected


@pytest.mark.parametrize("text", [
    "La Stratégie pour le Sahel et l'Alliance des États du Sahel.",
    "La crise dans la région du Sahel s'aggrave au Tchad.",
    "Le golfe de Guinée, le fleuve Niger et la boucle du Niger.",
    "Air France et Radio France Internationale, Save the Children.",
    "Thomas Boni Yayi a parlé avec M. Kaya.",
    "Manga est un genre de bande dessinée.",
    "L'Afrique centrale, le Centre et l'Est du pays, les plateaux.",
    "lome et ouagadougou en minuscules",
])
def test_no_false_hits_on_zones_rivers_names_and_common_words(text):
    assert [n for n in _names(text) if n[0] != "Tchad"] == []


def test_only_inside_the_given_spans():
    text = "Lomé\nmercredi\n\nLe texte parle de Niamey. Pied de page : Bamako."
    body = (text.index("Le texte"), text.index(" Pied"))
    assert [m["name"] for m in find_place_mentions(text, [body])] == ["Niamey"]
    assert [m["name"] for m in find_place_mentions(text)] == ["Lomé", "Niamey", "Bamako"]
    assert find_place_mentions("") == [] and find_place_mentions("Niamey", []) != []


def test_offsets_survive_typographic_spaces_and_accents():
    text = "« À\u202fOuagadougou », l’équipe de Tillabéri et de Bobo\u2011Dioulasso"
    for m in find_place_mentions(text):
        assert text[m["char_start"]:m["char_end"]] == m["quote"] == m["name"]
    assert [m["canonical"] for m in find_place_mentions(text)] == ["Ouagadougou", "Tillabéri", "Bobo-Dioulasso"]


# --------------------------------------------------------------------------- lookup and resolution

@pytest.mark.parametrize("name", ["Lomé", "LOME", "lome", "Lome", "  Lomé "])
def test_lookup_ignores_accents_and_case(name):
    place = lookup(name)
    assert place["name"] == "Lomé" and place["kind"] == "capital" and place["country_iso3"] == "TGO"


def test_alias_resolves_to_the_official_name():
    place = lookup("Sinkassé")
    assert place["name"] == "Cinkassé" and place["match_source"] == "alias" and place["admin1"] == "Savanes"
    assert lookup("Timbuktu")["name"] == "Tombouctou"
    assert lookup("Genève")["country_iso3"] == "CHE"


def test_ambiguous_zone_names_need_a_country():
    assert lookup("Sahel") is None and lookup("Centrale") is None
    assert lookup("Sahel", "BFA")["kind"] == "region"
    assert lookup("Centrale", "TGO")["admin1"] == "Centrale"
    assert lookup("Gao")["country_iso3"] == "MLI"  # the Malian city, not the Burkinabè village
    assert lookup("Gao", "BFA")["admin1"] == "Centre-Ouest"


def test_an_unknown_place_is_listed_unresolved_never_dropped_or_guessed():
    mentions = [
        {"article_id": "a1", "name": "Zorglubville", "kind": "town", "country_iso3": "TGO",
         "quote": "Zorglubville", "char_start": 10, "char_end": 22},
        {"article_id": "a1", "name": "Lomé", "kind": None, "country_iso3": None,
         "quote": "Lomé", "char_start": 30, "char_end": 34},
    ]
    places, rows = resolve_place_mentions(mentions, boundaries=[])
    unknown = next(p for p in places if p["name"] == "Zorglubville")
    assert unknown["resolved"] is False and unknown["match_source"] == "unresolved"
    assert unknown["lat"] is None and unknown["admin1"] is None and unknown["country_iso3"] == "TGO"
    assert len(rows) == 2 and rows[0]["place_id"] == unknown["place_id"]
    assert lookup("Zorglubville") is None


def test_place_ids_are_stable_and_order_free():
    text = _text("003_71088401261733f3.txt")
    _m1, places1, _r1 = _resolve(text, "x")
    mentions = [{**m, "article_id": "y"} for m in reversed(find_place_mentions(text))]
    places2, _r2 = resolve_place_mentions(mentions, boundaries=[])
    assert {p["place_id"]: p["name"] for p in places1} == {p["place_id"]: p["name"] for p in places2}
    assert lookup("Kara")["place_id"] == G.place_id("TGO", "city", "Kara")


def test_every_kind_is_in_the_schema_vocabulary():
    assert {e.kind for e in G.entries()} <= set(PLACE_KINDS)


def test_homonyms_follow_size_and_the_articles_countries():
    assert _names("Au Tchad, la ville de Fada.") == [("Tchad", "country", "TCD"), ("Fada", "town", "TCD")]
    assert _names("Le convoi est arrivé à Fada.")[0][2] == "BFA"  # Fada N'Gourma, the larger
    assert _names("Au Burkina Faso, des attaques près de Gao.")[-1] == ("Gao", "city", "MLI")
    assert lookup("Djibouti")["kind"] == "country"
