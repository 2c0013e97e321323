"""Reading article files: encodings, HTML main text, PDF text layer, sidecars."""
from __future__ import annotations

import json
import unicodedata

import pytest

from etl import reading
from etl.reading import (
    MIN_PROSE_WORDS,
    parse_published,
    read_article,
    unwrap_lines,
)

ARTICLE = (
    "Mali : 1,3 million de personnes déplacées selon le HCR\n\n"
    "Bamako, le 3 mars – Le Haut-Commissariat des Nations unies pour les réfugiés (HCR) estime à près de "
    "1,3 million le nombre de personnes déplacées internes au Mali. « La situation reste préoccupante », "
    "a déclaré la représentante de l’agence, qui appelle à une mobilisation de 120 millions de dollars.\n\n"
    "Les autorités de Ségou et de Mopti ont convenu de renforcer l’accueil des familles.\n"
)

NEWS_PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Burkina Faso : 2 millions de déplacés internes, alerte le CONASUR | Sahel Infos</title>
<meta property="og:title" content="Burkina Faso : 2 millions de déplacés internes, alerte le CONASUR">
<meta property="og:site_name" content="Sahel Infos">
<meta property="article:published_time" content="2024-06-18T08:15:00+00:00">
<link rel="canonical" href="https://sahel-infos.example/2024/06/18/deplaces-burkina">
</head>
<body>
<div class="topbar">Ouagadougou 36°C · Mardi 18 juin 2024 · <a href="/inscription">S'inscrire à la newsletter</a></div>
<header><nav class="menu"><ul>
<li><a href="/">Accueil</a></li><li><a href="/politique">Politique</a></li>
<li><a href="/economie">Économie</a></li><li><a href="/societe">Société</a></li><li><a href="/sport">Sport</a></li>
</ul></nav></header>
<div class="breadcrumb"><a href="/">Accueil</a> » <a href="/societe">Société</a> » Déplacés</div>
<main>
<article class="post">
<h1 class="entry-title">Burkina Faso : 2 millions de déplacés internes, alerte le CONASUR</h1>
<div class="meta">Publié le 18 juin 2024 par La Rédaction</div>
<div class="share-buttons"><a href="#">Partager sur Facebook</a> <a href="#">Partager sur X</a> <a href="#">Envoyer par WhatsApp</a></div>
<div class="entry-content">
<p>Le Conseil national de secours d'urgence et de réhabilitation (CONASUR) a publié lundi à Ouagadougou son dernier bilan : plus de deux millions de personnes ont quitté leur foyer en raison de l'insécurité dans le nord et l'est du pays.</p>
<p>Selon le secrétaire permanent du CONASUR, les régions du Centre-Nord et du Sahel accueillent à elles seules plus de la moitié des personnes déplacées internes. Les besoins en abris, en eau potable et en vivres restent très élevés.</p>
<p>Les partenaires humanitaires ont convenu de mutualiser leurs moyens logistiques afin d'atteindre les communes sous blocus, où l'accès par la route reste impossible depuis plusieurs mois.</p>
<figure><img src="/img/camp.jpg"><figcaption>Photo : DR</figcaption></figure>
</div>
<div class="share-buttons bottom"><a href="#">Partager sur Facebook</a> <a href="#">Tweeter</a></div>
</article>
<section class="related-posts"><h3>À lire aussi</h3><ul>
<li><a href="/a">Niger : la campagne agricole menacée par la sécheresse dans la région de Tahoua</a></li>
<li><a href="/b">Mali : les enseignants en grève pour réclamer le paiement de leurs primes</a></li>
</ul></section>
<section id="comments" class="comments-area">
<h3 class="comments-title">2 commentaires sur « Burkina Faso : 2 millions de déplacés internes »</h3>
<ol class="comment-list">
<li class="comment"><div class="comment-author">Issouf K.</div><div class="comment-content"><p>Que Dieu protège notre pays et ramène la paix dans toutes les régions du Burkina.</p></div></li>
<li class="comment"><div class="comment-author">Awa</div><div class="comment-content"><p>Il faut que les autorités fassent beaucoup plus pour nos frères et sœurs déplacés.</p></div></li>
</ol>
<div id="respond"><h3>Laisser un commentaire</h3><form><textarea name="comment"></textarea>
<input name="author" placeholder="Nom"><button>Publier le commentaire</button></form></div>
</section>
</main>
<aside class="sidebar"><h3>Articles récents</h3><ul>
<li><a href="/c">Togo : le port de Lomé enregistre un trafic record de conteneurs en transit vers le Sahel</a></li>
<li><a href="/d">Côte d'Ivoire : ouverture du salon international de l'agriculture à Abidjan</a></li>
</ul><div class="ad">Publicité</div></aside>
<footer><p>© 2024 Sahel Infos. Tous droits réservés. Contact : +226 25 00 00 00</p></footer>
</body>
</html>
"""


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# ---------------------------------------------------------------- text files

def test_utf8_text_is_read_as_is(tmp_path):
    article = read_article(write(tmp_path, "mali.txt", ARTICLE))
    assert article.ok, article.error
    assert article.text == ARTICLE
    assert article.encoding == "utf-8"
    assert article.kind == "text"
    assert len(article.raw_sha256) == 64


def test_utf8_bom_is_dropped_from_the_text(tmp_path):
    article = read_article(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8")))
    assert article.ok, article.error
    assert article.text == ARTICLE
    assert not article.text.startswith("\ufeff")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_windows_encodings_are_detected(tmp_path, encoding):
    text = ARTICLE.replace("’", "'").replace("–", "-") if encoding == "latin-1" else ARTICLE
    article = read_article(write(tmp_path, "ancien.txt", text.encode(encoding)))
    assert article.ok, article.error
    assert article.text == text
    assert article.encoding in ("cp1252", "latin_1", "iso8859_15")


def test_utf16_with_and_without_bom(tmp_path):
    with_bom = read_article(write(tmp_path, "a.txt", ARTICLE.encode("utf-16")))
    without = read_article(write(tmp_path, "b.txt", ARTICLE.encode("utf-16-le")))
    assert with_bom.text == ARTICLE and without.text == ARTICLE


def test_line_ends_and_unicode_forms_are_normalised(tmp_path):
    decomposed = unicodedata.normalize("NFD", ARTICLE).replace("\n", "\r\n")
    article = read_article(write(tmp_path, "mac.md", decomposed))
    assert article.text == ARTICLE  # one "é", "\n" line ends: offsets agree with what people see


# ---------------------------------------------------------------- HTML

def test_html_main_text_without_site_boilerplate(tmp_path):
    article = read_article(write(tmp_path, "page.html", NEWS_PAGE))
    assert article.ok, article.error
    assert article.kind == "html"
    text = article.text
    assert "plus de deux millions de personnes ont quitté leur foyer" in text
    assert "ont convenu de mutualiser leurs moyens logistiques" in text
    for boilerplate in ("Partager sur Facebook", "Tweeter", "Laisser un commentaire", "Que Dieu protège",
                        "Issouf K.", "Articles récents", "port de Lomé", "campagne agricole",
                        "Tous droits réservés", "S'inscrire", "Publicité", "Économie"):
        assert boilerplate not in text, boilerplate
    assert article.meta.title == "Burkina Faso : 2 millions de déplacés internes, alerte le CONASUR"
    assert article.meta.published_date == "2024-06-18"
    assert article.meta.published_precision == "day"
    assert article.meta.url == "https://sahel-infos.example/2024/06/18/deplaces-burkina"
    assert article.meta.source == "Sahel Infos"


def test_html_saved_with_a_txt_name_is_read_as_html(tmp_path):
    article = read_article(write(tmp_path, "page.txt", NEWS_PAGE))
    assert article.ok, article.error
    assert article.kind == "html"
    assert "<p>" not in article.text and "Partager sur Facebook" not in article.text
    assert any("page.txt" in w and "HTML" in w for w in article.warnings)


def test_menu_only_page_is_not_an_article(tmp_path):
    page = "<html><body><nav><a href='/'>Accueil</a> <a href='/p'>Politique</a></nav><img src='x.png'></body></html>"
    article = read_article(write(tmp_path, "menu.html", page))
    assert article.error == "menu.html : page HTML sans texte d'article (HTML page without article text)"
    assert MIN_PROSE_WORDS > 2


# ---------------------------------------------------------------- PDF

def _pdf(path, paragraphs, *, title="Note humanitaire", encrypt=None):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=title, encrypt=encrypt)
    doc.build([Paragraph(paragraphs[0], styles["Title"])] + [Paragraph(p, styles["Normal"]) for p in paragraphs[1:]])
    return path


def test_pdf_text_layer_with_wrapped_lines_rejoined(tmp_path):
    body = [
        "Note sur la situation humanitaire au Niger",
        "Selon le Bureau de la coordination des affaires humanitaires, 4,3 millions de personnes auront besoin "
        "d'une assistance humanitaire au Niger cette année, dont une majorité de femmes et d'enfants vivant dans "
        "les régions de Tillabéri, Tahoua et Diffa.",
        "Les ministres ont décidé de renforcer la coordination entre les services techniques déconcentrés et les "
        "organisations non gouvernementales présentes dans les communes les plus touchées par la crise.",
    ]
    article = read_article(_pdf(tmp_path / "note.pdf", body))
    assert article.ok, article.error
    assert article.kind == "pdf"
    assert article.meta.title == "Note humanitaire"
    for sentence in body:
        assert sentence in article.text  # each paragraph comes back on one line
    assert article.text.index(body[1]) < article.text.index(body[2])


def test_unwrap_keeps_titles_list_items_and_sentence_ends():
    wrapped = (
        "Titre court\n"
        "Une longue ligne de texte qui remplit la colonne et continue\n"
        "sur la ligne suivante jusqu'au point final du paragraphe.\n"
        "- premier point de la liste des décisions retenues ce jour\n"
        "- second point"
    )
    assert unwrap_lines(wrapped) == (
        "Titre court\n"
        "Une longue ligne de texte qui remplit la colonne et continue sur la ligne suivante jusqu'au point "
        "final du paragraphe.\n"
        "- premier point de la liste des décisions retenues ce jour\n"
        "- second point"
    )


def test_encrypted_pdf_is_an_error(tmp_path):
    article = read_article(_pdf(tmp_path / "secret.pdf", ["Titre", "Texte confidentiel."], encrypt="motdepasse"))
    assert article.error == "secret.pdf : PDF protégé par un mot de passe (encrypted PDF: password required)"


def test_scanned_pdf_without_text_layer_is_an_error(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path))
    page.rect(50, 50, 400, 600, fill=1)  # an image-like page: shapes, no text
    page.save()
    article = read_article(path)
    assert article.error.startswith("scan.pdf : PDF sans couche texte")
    assert "without a text layer" in article.error


def test_damaged_pdf_is_an_error(tmp_path):
    article = read_article(write(tmp_path, "casse.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n% tronque"))
    assert article.error.startswith("casse.pdf : PDF")
    assert not article.text


# ---------------------------------------------------------------- sidecars and dates

def test_sidecar_metadata_is_read_and_wins_over_the_page(tmp_path):
    write(tmp_path, "page.html", NEWS_PAGE)
    write(tmp_path, "page.meta.json", json.dumps({
        "url": "https://autre.example/x", "published": "19/06/2024", "source": "Agence X", "title": "Titre du flux",
    }))
    article = read_article(tmp_path / "page.html")
    assert article.ok and not article.warnings
    assert (article.meta.url, article.meta.source, article.meta.title) == (
        "https://autre.example/x", "Agence X", "Titre du flux")
    assert (article.meta.published_date, article.meta.published_precision) == ("2024-06-19", "day")
    assert article.sidecar_sha256 is not None


def test_sidecar_named_after_the_full_file_name(tmp_path):
    write(tmp_path, "mali.txt", ARTICLE)
    write(tmp_path, "mali.txt.meta.json", json.dumps({"published": "2024-03"}))
    article = read_article(tmp_path / "mali.txt")
    assert (article.meta.published_date, article.meta.published_precision) == ("2024-03", "month")


@pytest.mark.parametrize("content, problem", [
    (b'{"url": "https://x.example", "published": ', "JSON invalide"),
    (b'["2024-01-01"]', "objet JSON"),
    (b'\xff\xfe\x00garbage', "UTF-8"),
])
def test_broken_sidecar_is_a_warning_not_a_failure(tmp_path, content, problem):
    write(tmp_path, "mali.txt", ARTICLE)
    write(tmp_path, "mali.meta.json", content)
    article = read_article(tmp_path / "mali.txt")
    assert article.ok and article.text == ARTICLE
    assert len(article.warnings) == 1
    assert article.warnings[0].startswith("mali.meta.json : ")
    assert problem in article.warnings[0] and "ignored" in article.warnings[0]


def test_unrecognised_sidecar_date_is_a_warning(tmp_path):
    write(tmp_path, "mali.txt", ARTICLE)
    write(tmp_path, "mali.meta.json", json.dumps({"published": "hier soir", "source": "Radio Y"}))
    article = read_article(tmp_path / "mali.txt")
    assert article.ok and article.meta.source == "Radio Y" and article.meta.published_date is None
    assert "hier soir" in article.warnings[0]


@pytest.mark.parametrize("value, expected", [
    ("2024-11-28", ("2024-11-28", "day")),
    ("2024-11-28T10:30:00Z", ("2024-11-28", "day")),
    ("2024-11", ("2024-11", "month")),
    ("2024", ("2024", "year")),
    ("28/11/2024", ("2024-11-28", "day")),
    ("28 novembre 2024", ("2024-11-28", "day")),
    ("jeudi 1er août 2024", ("2024-08-01", "day")),
    ("31/02/2024", None),
    ("2024-13", None),
    ("la semaine dernière", None),
])
def test_parse_published(value, expected):
    assert parse_published(value) == expected


def test_a_page_of_empty_tags_is_refused_at_the_element_budget_quickly(tmp_path):
    """4.9 MB of empty tags (445,000 elements) took 27 s to preview: now refused at the budget."""
    import time

    from etl import intake

    raw = b"<html><body>" + b"<div></div>" * 445_000 + b"</body></html>"
    assert 4_800_000 < len(raw) < reading.MAX_BYTES
    path = tmp_path / "lourde.html"
    path.write_bytes(raw)
    started = time.perf_counter()
    article = reading.read_article(path)
    elapsed = time.perf_counter() - started
    assert article.error.startswith("lourde.html : page HTML trop lourde : plus de 20\u202f000 éléments")
    assert "HTML page too heavy: over 20,000 elements" in article.error
    assert elapsed < 10, elapsed  # counting stops at the budget (0.1 s here); trafilatura never runs
    # the intake's preview reads it the same way
    check = intake.check_upload("lourde.html", raw, articles_dir=tmp_path / "articles")
    assert not check.ok and "page HTML trop lourde" in check.problems[0]


def test_the_element_budget_counts_elements_and_stops_at_the_limit():
    page = b"<html><body>" + b"<p>mot</p>" * 50 + b"</body></html>"
    assert reading.count_html_elements(page, limit=1000) == 52  # html, body and 50 paragraphs
    assert reading.count_html_elements(page, limit=10) == 11
    prose = "Le gouvernement du Niger a lancé un plan de réponse pour les sinistrés des inondations."
    with pytest.raises(reading.ReadError, match="plus de 10 éléments"):
        reading.html_to_text(f"<html><body>{('<p>' + prose + '</p>') * 20}</body></html>".encode(), max_nodes=10)
    text, _meta = reading.html_to_text(f"<html><body><article><p>{prose}</p></article></body></html>".encode())
    assert prose in text
