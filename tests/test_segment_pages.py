"""Page structure: comment threads, paywalls and read-also lists are not the article; a PDF line cut after a comma is
still prose; a headline starting with a number stays a title."""
import pytest

from etl.extract import extract_article
from etl.segment import segment


def extract(text, published="2025-05-20"):
    return extract_article(text, article_id="t", published_date=published)


def extract_june(text, published="2025-06-12"):
    return extract_article(text, article_id="t", published_date=published)


@pytest.mark.parametrize("heading", ["Vos commentaires", "Commentaires (12)", "12 réactions", "Réactions (3)"])
def test_comment_threads_are_not_the_article(heading):
    text = ("Sécurité alimentaire au Burkina\n\nOuagadougou, le 2 avril 2025 – Au Burkina Faso, 2,1 millions de "
            f"personnes sont en phase crise, selon le gouvernement.\n\n{heading}\n\n"
            "Posté par Lecteur le 3 avril 2025 à 08:10\nDans mon village, 450 familles attendent toujours, depuis 5 mois.\n"
            "Répondre à ce message")
    values = [f["value"] for f in extract(text).figures]
    assert values == [2_100_000]


def test_a_headline_starting_with_a_number_stays_a_title():
    text = ("3 millions de personnes menacées par la faim au Sahel\n\nNiamey, 4 juin 2025 – Le Niger compte "
            "3 millions de personnes en insécurité alimentaire, selon le Cadre harmonisé publié ce mardi.\n")
    doc = segment(text)
    assert doc.title is not None and doc.title.text.startswith("3 millions")
    assert len([f for f in extract_june(text).figures if f["value"] == 3_000_000]) == 1


def test_paywall_and_read_also_lists_are_furniture():
    text = ("Au Mali, 2 400 ménages ont été relogés après les pluies, selon la protection civile.\n"
            "Il vous reste 71 % à lire.\n\nÀ lire aussi\n- Bamako : la foire attire 45 000 visiteurs\n"
            "- Sikasso : 12 000 tonnes de coton livrées\n")
    assert [f["value"] for f in extract_june(text).figures] == [2_400]


def test_a_pdf_line_cut_after_a_comma_is_still_prose():
    text = ("CONDITIONS DE VIE\nQuelque 64 % des ménages déplacés vivent en familles d'accueil,\n"
            "22 % sur des sites spontanés et 14 % sur des sites planifiés au Burkina Faso.\n")
    assert {f["value"] for f in extract_june(text).figures} == {64, 22, 14}
