"""Countries from names (French, English), demonyms and capitals, offline."""
import pytest

from etl.countries import country_name, dominant_country, find_countries, iso3_from_name


@pytest.mark.parametrize("text, expected", [
    ("Le Niger et le Nigeria", ["NER", "NGA"]),
    ("la Côte d’Ivoire et la Guinée-Bissau", ["CIV", "GNB"]),
    ("des réfugiés maliens et burkinabè", ["MLI", "BFA"]),
    ("une délégation nigérienne à Ouagadougou", ["NER", "BFA"]),
    ("à Lomé puis à Niamey", ["TGO", "NER"]),
    ("COTE D'IVOIRE", ["CIV"]),
    ("la RDC et le Tchad", ["COD", "TCD"]),
    ("Burkina Faso, Mali", ["BFA", "MLI"]),
])
def test_find_countries(text, expected):
    assert [m.iso3 for m in find_countries(text)] == expected


@pytest.mark.parametrize("text", ["le golfe de Guinée", "le fleuve Niger", "un document en français", "Maurice Koffi"])
def test_not_a_country_mention(text):
    assert find_countries(text) == []


def test_iso3_from_name_and_display_name():
    assert iso3_from_name("Burkina Faso") == "BFA"
    assert iso3_from_name("burkinabè") == "BFA"
    assert iso3_from_name("Ouagadougou") == "BFA"
    assert iso3_from_name("Atlantide") is None
    assert country_name("CIV", "fr") == "Côte d’Ivoire"
    assert country_name("CIV", "en") == "Côte d’Ivoire" or country_name("CIV", "en").startswith("C")


def test_dominant_country():
    ms = find_countries("Le Togo, le Togo et encore le Togo, avec la France.")
    assert dominant_country(ms) == "TGO"
    assert dominant_country(find_countries("le Mali et le Niger")) is None
