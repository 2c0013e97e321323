"""Titles: the headline, cleaned; never a breadcrumb, a caption or a Markdown mark; else the first sentence, shortened."""
import pytest

from etl.extract import extract_article
from etl.titles import clean_headline, first_sentence_title, shorten


@pytest.mark.parametrize("line, expected", [
    ("# Niger : 4,3 millions de personnes dans le besoin", "Niger : 4,3 millions de personnes dans le besoin"),
    (" date 2023-10 Tchad : compte rendu du conseil des ministres", "Tchad : compte rendu du conseil des ministres"),
    (">> Tchad : l'armée annonce un bilan", "Tchad : l'armée annonce un bilan"),
    ("**Mali : le plan de réponse lancé**", "Mali : le plan de réponse lancé"),
    ("Vous êtes ici : Accueil » Santé » Article", None),
    ("Accueil > Actualités > Politique > Société", None),
    ("Patrice Talon préside le conseil des ministres/Ph:DR", None),
    ("Le ministre de l’Économie, des Finances. © DR", None),
    ("Dernière mise à jour à 09h00 le 06/07", None),
    ("", None),
])
def test_clean_headline(line, expected):
    assert clean_headline(line) == expected


@pytest.mark.parametrize("text, limit, expected", [
    ("Court titre", 90, "Court titre"),
    ("Le Conseil des ministres s’est tenu à Ouagadougou, le mercredi 7 février 2024", 40,
     "Le Conseil des ministres s’est tenu à…"),
    ("Un\u00a0mot  et\u202fdes espaces", 90, "Un mot et des espaces"),
])
def test_shorten_cuts_at_a_word(text, limit, expected):
    assert shorten(text, limit=limit) == expected


def test_first_sentence_drops_the_crawler_date_and_full_stop():
    assert first_sentence_title(" date 2024-02 Le Conseil des ministres s’est réuni.") == "Le Conseil des ministres s’est réuni"


def test_an_article_without_headline_is_titled_by_its_first_sentence():
    text = (" date 2024-02 Le Conseil des ministres s’est tenu à Ouagadougou, le mercredi 7 février 2024, en séance "
            "ordinaire, sous la présidence du Chef de l’État.\n\nLe Conseil a adopté un décret portant organisation du "
            "ministère de la Santé.\n")
    title = extract_article(text, article_id="t").title
    assert title.startswith("Le Conseil des ministres s’est tenu à Ouagadougou") and title.endswith("…")
    assert "date 2024" not in title and len(title) <= 91


def test_a_breadcrumb_above_the_text_is_not_the_title():
    text = ("Vous êtes ici : Accueil » Santé » Actualités\n\n"
            "Au Niger, près de 4,3 millions de personnes ont besoin d’une assistance humanitaire cette année.\n")
    assert extract_article(text, article_id="t").title.startswith("Au Niger, près de 4,3 millions")


@pytest.mark.parametrize("sentence, expected", [
    ("Leguideinfo.net : la rencontre s’est tenue au siège de l’institution.", "la rencontre s’est tenue au siège de l’institution"),
    ("(Les Échos du Niger 6 déc) Encore du soutien pour le programme.", "Encore du soutien pour le programme"),
])
def test_a_site_name_or_an_agency_dateline_is_not_part_of_the_title(sentence, expected):
    assert first_sentence_title(sentence) == expected


def test_a_title_given_with_the_article_is_kept_even_where_it_looks_like_no_headline():
    """The sidecar's title is the page's own: a user's title with a slash or a formula sign is shown, not replaced."""
    text = "Le Conseil des ministres s’est réuni à Niamey.\n\nIl a adopté un décret."
    given = "Photo : le Premier ministre au Conseil des ministres"
    assert extract_article(text, article_id="a1", title=given).title == given
    assert extract_article(text, article_id="a1", title="  ").title == "Le Conseil des ministres s’est réuni à Niamey"
