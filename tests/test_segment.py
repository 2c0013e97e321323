"""Finding the article inside a scraped page: furniture never reaches the extractors."""
from etl.segment import clauses, segment

PAGE = """Accueil > Actualités > Société
Niamey 38°C
Récépissé N°0123/MCN/DL/2021
samedi 8 mars 2025
Partager
Inondations : 12 000 sinistrés dans la région de Dosso

Les pluies diluviennes qui se sont abattues sur la région de Dosso ont fait 12 000 sinistrés, selon un bilan officiel publié vendredi.

À lire aussi :
Tillabéri : 300 000 déplacés selon le HCR

Le gouverneur a annoncé la distribution de vivres à plus de 2 000 ménages dans les prochains jours.

Photo : DR
Ibrahim SALEY
Articles similaires
Agadez : 45 migrants secourus dans le désert
il y a 2 jours
Laisser un commentaire
Votre adresse e-mail ne sera pas publiée.
"""


def test_page_furniture_is_not_content():
    doc = segment(PAGE)
    content = " ".join(doc.text[s:e] for s, e in doc.content_spans())
    assert "12 000 sinistrés, selon un bilan" in content
    assert "2 000 ménages" in content
    for furniture in ("Accueil", "38°C", "N°0123", "Partager", "300 000 déplacés", "Photo : DR", "SALEY",
                      "45 migrants", "il y a 2 jours", "commentaire", "e-mail"):
        assert furniture not in content, furniture


def test_title_and_dateline():
    doc = segment(PAGE)
    assert doc.title.text == "Inondations : 12 000 sinistrés dans la région de Dosso"
    assert doc.dateline.date_start == "2025-03-08"


def test_masked_text_keeps_offsets():
    doc = segment(PAGE)
    masked = doc.masked_text()
    assert len(masked) == len(PAGE)
    start = PAGE.index("Le gouverneur")
    assert masked[start:start + 13] == "Le gouverneur"
    assert "Articles similaires" not in masked


def test_list_items_and_sentences():
    text = ("Les ministres ont arrêté ce qui suit :\n"
            "• Création d’un fonds commun.\n"
            "🔹 Mise en place d’un comité de suivi.\n"
            "1) Tenue d’une session annuelle.\n\n"
            "M. Diallo a parlé. Le Dr Kaboré aussi. La séance a été levée à 13h.")
    doc = segment(text)
    kinds = [ln.kind for ln in doc.lines]
    assert kinds == ["prose", "list_item", "list_item", "list_item", "prose"]
    assert doc.lines[2].marker == "🔹"
    sentences = [text[s.start:s.end] for s in doc.sentences]
    assert sentences[-3:] == ["M. Diallo a parlé.", "Le Dr Kaboré aussi.", "La séance a été levée à 13h."]


def test_clauses_never_split_decimals():
    text = "Le Mali compte 4,8 millions de personnes, le Niger 4,3 millions; et le Tchad : 2,1 millions"
    parts = [text[a:b] for a, b in clauses(text, 0, len(text))]
    assert parts == ["Le Mali compte 4,8 millions de personnes", "le Niger 4,3 millions", "et le Tchad", "2,1 millions"]


import pytest  # noqa: E402


@pytest.mark.parametrize("header, date", [
    ("Publié le : 18/04/2025 - 08:12 Modifié le : 18/04/2025 - 10:40", "2025-04-18"),
    ("Bruxelles, 3 juin 2025", "2025-06-03"),
    ("Par Maliweb - 13 février 2025", "2025-02-13"),
    ("Récépissé N°0123/MI/SP du 15 mars 2016\nPublié le 14 avril 2025 à 10h30 | Par Ibrahim MAÏGA", "2025-04-14"),
])
def test_publication_dates_in_headers(header, date):
    text = f"Site\n{header}\n\nLe ministre a lancé le programme de soutien aux déplacés dans la région hier matin.\n"
    assert segment(text).dateline.date_start == date


def test_agency_dateline_is_the_publication_date_and_not_content():
    text = "Dapaong, 14 mai 2025 (ATOP) - La ministre a effectué lundi dernier une visite de terrain à Dapaong.\n"
    doc = segment(text)
    assert doc.dateline.date_start == "2025-05-14"
    assert doc.masked_text().strip().startswith("La ministre")


def test_cookie_banner_about_box_and_downloads_are_furniture():
    text = ("Nous utilisons des cookies pour vous garantir la meilleure expérience sur notre site. J'accepte\n\n"
            "Le ministre a lancé le programme de soutien aux déplacés dans la région hier matin.\n\n"
            "Fiche d'information (PDF, 2 pages, 1,2 Mo)\n\n"
            "À propos de MSF\nMSF intervient dans plus de 70 pays.\n")
    content = " ".join(text[s:e] for s, e in segment(text).content_spans())
    assert "cookies" not in content and "70 pays" not in content and "2 pages" not in content


def test_a_sentence_broken_by_hard_line_breaks_is_one_line():
    text = ("Le Conseil des Ministres s’est réuni en session ordinaire, le mercredi 20 mars 2024, dans sa salle\n"
            "de délibérations au Palais de Koulouba, sous la présidence du Colonel Assimi GOITA, Président\n"
            "de la Transition.\n"
            "AU CHAPITRE DES MESURES LEGISLATIVES\n"
            "a. des projets de texte relatifs à la ratification de la convention signée entre le\n"
            "Gouvernement du Mali et le Gouvernement de Guinée ;\n")
    doc = segment(text)
    kinds = [(ln.kind, ln.text.split()[0]) for ln in doc.lines]
    assert kinds[0] == ("prose", "Le") and kinds[-1] == ("list_item", "a.")
    assert doc.lines[0].text.endswith("de la Transition.") and doc.lines[-1].text.endswith("Guinée ;")
    assert len(doc.lines) == 3
    for ln in doc.lines:
        assert text[ln.start:ln.end] == ln.text


def test_a_dash_glued_to_a_capital_marks_a_list_item():
    doc = segment("L’atelier du Cadre harmonisé s’est achevé vendredi à Lomé après trois jours de travaux.\n"
                  "Le rapport recommande :\n-Apporter une assistance humanitaire aux populations.\n"
                  "-Mettre en œuvre le plan de riposte agricole.\n")
    assert [ln.kind for ln in doc.lines][-2:] == ["list_item", "list_item"]
    assert doc.text[doc.lines[-2].content_start:].startswith("Apporter")
