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


def test_other_stories_teasers_cut_by_an_ellipsis_are_not_the_article():
    text = ("Niger : 4 000 réfugiés arrivés à Ayorou\n\nLe HCR a enregistré 4 000 réfugiés à Ayorou le 3 mai 2025.\n"
            "L’ouverture officielle de la saison de football s’est tenue ce samedi sur…\n"
            "Le système de santé engage une course contre la montre pour vacciner 30 000 enfants avant la…\n")
    ex = extract(text)
    assert [f["value"] for f in ex.figures] == [4_000]
    assert all("football" not in e["quote"] for e in ex.events)


def test_one_sentence_ending_with_an_ellipsis_is_still_prose():
    lines = segment("Titre de l’article\n\nLe ministre a déclaré que la situation reste difficile et que…\n").lines
    assert [ln.kind for ln in lines if "ministre" in ln.text] == ["prose"]


@pytest.mark.parametrize("paragraph, starts", [
    ("(Le Journal du Niger 6 déc)Encore du soutien pour le programme de résilience du gouvernement.", "Encore du soutien"),
    ("Monjournal.net : la rencontre s’est tenue au siège de l’institution à Abuja.", "la rencontre"),
    ("(Re)construire les écoles détruites reste la priorité du ministère.", "(Re)construire"),
])
def test_an_outlets_tag_opening_the_text_is_not_its_content(paragraph, starts):
    doc = segment("Le Niger reçoit un appui de la Chine pour ses écoles\n\n" + paragraph + "\n")
    assert doc.text[doc.sentences[0].start:].startswith(starts)
