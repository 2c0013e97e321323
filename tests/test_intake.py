"""Adding an article (etl.intake): uploads read as the build reads them, bad uploads named with
their problem and nothing saved, safe file names, atomic save with sidecar, acceptance rebuilds
the tables and the new rows are there."""
from __future__ import annotations

import io
import json
import shutil
from datetime import date

import pytest
import tables_backend
from conftest import ROOT

from etl import intake
from etl.principals import PermissionDenied, Principal

TODAY = date(2025, 1, 15)
CHAD = """Tchad : 3,4 millions de personnes dans le besoin

N'Djamena, le 12 mars 2024 – Selon le bureau de coordination humanitaire, le Tchad compte 3,4 millions \
de personnes dans le besoin d'assistance humanitaire cette année. Le gouvernement s'est engagé à ouvrir \
de nouveaux centres de santé avant la fin de l'année.
"""
EDITOR = Principal(username="awa.diallo", role="editor")
VIEWER = Principal(username="lecteur", role="viewer")
META = intake.ArticleInput(title="Tchad : les besoins humanitaires", source="Journal d'essai",
                           url="https://example.org/tchad", published="2024-03-12")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    """The seed articles and their tables, built once (a real ETL run)."""
    from etl.pipeline import build

    base = tmp_path_factory.mktemp("seeds")
    shutil.copytree(ROOT / "data" / "articles", base / "articles")
    with tables_backend.publishing_into(base / "tables"):
        build(base / "articles", base / "tables", log=None, progress=False, today=TODAY)
    return base


@pytest.fixture
def folders(seeds, tmp_path):
    """A private copy of the built seeds (each test may add articles)."""
    shutil.copytree(seeds / "articles", tmp_path / "articles")
    tables_backend.copy_tables(seeds / "tables", tmp_path / "tables")
    return tmp_path / "articles", tmp_path / "tables"


def check(name, data, folders, meta=None):
    articles, tables = folders
    return intake.check_upload(name, data, meta=meta or intake.ArticleInput(), articles_dir=articles,
                               tables_dir=tables, today=TODAY)


def _pdf(paragraphs) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    out = io.BytesIO()
    styles = getSampleStyleSheet()
    SimpleDocTemplate(out, pagesize=A4, title="Note").build([Paragraph(p, styles["BodyText"]) for p in paragraphs])
    return out.getvalue()


# --------------------------------------------------------------------------- bad uploads

@pytest.mark.parametrize("name, data, problem", [
    ("vide.txt", b"", "vide.txt : fichier vide (empty file)"),
    ("blanc.txt", b" \n\t\n", "blanc.txt : fichier sans texte"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image.txt : "),
    ("rapport.docx", b"PK\x03\x04", "rapport.docx : format non pris en charge « .docx »"),
    ("sans_extension", b"du texte", "sans_extension : format non pris en charge"),
    ("casse.pdf", b"%PDF-1.4\nrien de plus", "casse.pdf : PDF illisible ou endommagé"),
    ("menu.html", b"<html><body><nav>Accueil</nav></body></html>", "menu.html : "),
])
def test_bad_uploads_are_named_with_their_problem(folders, name, data, problem):
    result = check(name, data, folders)
    assert not result.ok and result.text is None
    assert result.problems and result.problems[0].startswith(problem), result.problems


def test_files_over_the_size_limits(folders):
    big_text = check("long.txt", b"a" * (intake.reading.MAX_BYTES + 1), folders)
    assert big_text.problems == ["long.txt : fichier trop volumineux : 5,0 Mo, limite 5 Mo (file too large: 5.0 MB, limit 5 MB)"]
    big_pdf = check("scan.pdf", b"%PDF-" + b"0" * intake.reading.MAX_PDF_BYTES, folders)
    assert big_pdf.problems[0].startswith("scan.pdf : fichier trop volumineux : 30,0 Mo, limite 30 Mo")
    many_chars = check("roman.txt", ("mot " * 260_000).encode(), folders)  # 1,040,000 characters, 1 MB
    assert many_chars.problems[0].startswith("roman.txt : texte trop long")


def test_duplicates_of_an_existing_article_same_bytes_or_same_text(folders):
    articles, _tables = folders
    first = sorted(articles.iterdir())[0]
    same_bytes = check("copie.txt", first.read_bytes(), folders)
    assert same_bytes.problems == [f"copie.txt : doublon de {first.name}, même contenu : rien n'est enregistré "
                                   f"(duplicate of {first.name}: same content, nothing saved)"]
    # same text once spaces and case are normalised, saved in another encoding with other line ends
    text = first.read_text(encoding="utf-8")
    respaced = text.replace("\n", "\r\n").replace(" ", "  ").upper().lower()
    assert check("autre.txt", respaced.encode("utf-16"), folders).duplicate_of == first.name


def test_bad_metadata_is_named(folders):
    meta = intake.ArticleInput(title="x" * 400, url="javascript:alert(1)", published="2031-02-30")
    problems = check("tchad.txt", CHAD.encode(), folders, meta).problems
    assert any(p.startswith("tchad.txt : titre trop long") for p in problems)
    assert any(p.startswith("tchad.txt : adresse web invalide « javascript:alert(1) »") for p in problems)
    assert any("date de publication « 2031-02-30 » non reconnue" in p for p in problems)
    future = check("tchad.txt", CHAD.encode(), folders, intake.ArticleInput(published="2030-01-01")).problems
    assert future == ["tchad.txt : date de publication 2030-01-01 dans le futur (publication date 2030-01-01 is in the future)"]


# --------------------------------------------------------------------------- good uploads and preview

def test_text_html_and_pdf_uploads_are_read_and_previewed(folders):
    text = check("tchad.txt", CHAD.encode("cp1252"), folders, META)  # a Windows-1252 file
    assert text.ok and "N'Djamena" in text.text and text.title == META.title
    assert text.published_date == "2024-03-12"
    preview = intake.preview(text)
    chad = preview.figures[preview.figures["country_iso3"] == "TCD"]
    assert 3_400_000 in set(chad["value"]) and set(chad["indicator"]) >= {"people_in_need"}
    for row in preview.figures.to_dict("records"):  # provenance holds in the preview too
        assert text.text[int(row["char_start"]):int(row["char_end"])] == row["quote"]
    assert not preview.decisions.empty

    page = ("<html><head><title>Tchad</title></head><body><nav>Accueil | Monde</nav><article><h1>Tchad</h1>"
            + "".join(f"<p>{p}</p>" for p in CHAD.split("\n\n")[1:]) + "</article></body></html>")
    html = check("tchad.html", page.encode(), folders)
    assert html.ok and html.kind == "html" and "3,4 millions" in html.text and "Accueil" not in html.text

    pdf = check("tchad.pdf", _pdf(CHAD.split("\n\n")), folders)
    assert pdf.ok and pdf.kind == "pdf" and "3,4 millions" in pdf.text
    with pytest.raises(ValueError):
        intake.preview(check("vide.txt", b"", folders))


@pytest.mark.parametrize("name, safe", [
    ("../../etc/passwd.txt", "passwd.txt"), (".cache.txt", "cache.txt"), ("C:\\Users\\awa\\Été 2024.TXT", "Ete-2024.txt"),
    ("rapport final (v2).pdf", "rapport-final-v2.pdf"), ("...", "article"),
])
def test_safe_file_names(name, safe):
    assert intake.safe_file_name(name) == safe


def test_pasted_text_gets_a_name_from_its_title():
    assert intake.pasted_name("Tchad : 3,4 millions de personnes") == "Tchad-3-4-millions-de-personnes.txt"
    assert intake.pasted_name("") == "article.txt"


def test_unused_name_avoids_files_sidecars_and_article_ids(tmp_path):
    (tmp_path / "note.txt").write_text("a")
    (tmp_path / "rapport.meta.json").write_text("{}")
    (tmp_path / "bilan.html").write_text("<p>b</p>")
    assert intake.unused_name("note.txt", tmp_path) == "note-2.txt"
    assert intake.unused_name("rapport.pdf", tmp_path) == "rapport-2.pdf"
    assert intake.unused_name("Bilan.txt", tmp_path) == "Bilan-2.txt"  # same article id as bilan.html
    assert intake.unused_name("neuf.txt", tmp_path) == "neuf.txt"


# --------------------------------------------------------------------------- saving and accepting

def test_save_writes_the_article_and_its_sidecar_without_leftovers(folders):
    articles, tables = folders
    before = set(p.name for p in articles.iterdir())
    saved = intake.save_article(check("tchad.txt", CHAD.encode(), folders, META), principal=EDITOR, articles_dir=articles,
                                tables_dir=tables)
    assert saved.path == articles / "tchad.txt" and saved.article_id == "tchad"
    assert saved.path.read_bytes() == CHAD.encode()
    assert json.loads(saved.sidecar.read_text(encoding="utf-8")) == {
        "title": META.title, "source": META.source, "url": META.url, "published": "2024-03-12"}
    assert set(p.name for p in articles.iterdir()) - before == {"tchad.txt", "tchad.meta.json"}  # no temp files
    # the same upload again is a duplicate now: refused, nothing written
    again = check("tchad.txt", CHAD.encode(), folders, META)
    assert again.duplicate_of == "tchad.txt"
    with pytest.raises(ValueError):
        intake.save_article(again, principal=EDITOR, articles_dir=articles, tables_dir=tables)
    assert set(p.name for p in articles.iterdir()) - before == {"tchad.txt", "tchad.meta.json"}


def test_accept_rebuilds_and_the_new_rows_are_in_the_tables(folders):
    articles, tables = folders
    n_before = len(tables_backend.read_table(tables, "articles"))
    upload = check("Tchad besoins.txt", CHAD.encode(), folders, META)
    result = intake.accept(upload, principal=EDITOR, articles_dir=articles, tables_dir=tables, today=TODAY)
    assert result.ok, result.problems
    assert result.summary.n_extracted == 1 and result.summary.n_unchanged == n_before  # incremental
    table = tables_backend.read_table(tables, "articles").set_index("article_id")
    row = table.loc[result.saved.article_id]
    assert (row["title"], row["source"], row["url"], row["published_date"], row["status"]) == (
        META.title, META.source, META.url, "2024-03-12", "ok")
    figures = tables_backend.read_table(tables, "figures")
    mine = figures[figures["article_id"] == result.saved.article_id]
    assert 3_400_000 in set(mine["value"]) and "TCD" in set(mine["country_iso3"])


def test_accept_undoes_the_save_when_the_build_fails(folders, tmp_path):
    articles, _tables = folders
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the tables folder should be")
    upload = check("tchad.txt", CHAD.encode(), folders, META)
    before = sorted(p.name for p in articles.iterdir())
    result = intake.accept(upload, principal=EDITOR, articles_dir=articles, tables_dir=blocker / "tables", today=TODAY)
    assert not result.ok and result.saved is None
    assert result.problems[0].startswith("tchad.txt : la reconstruction des tables a échoué")
    assert "impossible de créer le dossier des tables" in result.problems[1]
    assert sorted(p.name for p in articles.iterdir()) == before  # nothing left behind


def test_accept_never_takes_an_article_id_another_file_holds(folders):
    """Two files with one article id would make the build refuse the second: the new file is
    named aside instead."""
    articles, tables = folders
    upload = check("tchad.txt", CHAD.encode(), folders, META)
    (articles / "tchad.html").write_bytes(b"")  # an empty file (an error row) holding the id "tchad"
    result = intake.accept(upload, principal=EDITOR, articles_dir=articles, tables_dir=tables, today=TODAY, name="Tchad.md")
    assert result.ok, result.problems
    assert result.saved.path.name == "Tchad-2.md" and result.saved.article_id == "tchad-2"
    ids = set(tables_backend.read_table(tables, "articles")["article_id"])
    assert {"tchad", "tchad-2"} <= ids


@pytest.mark.parametrize("who", [VIEWER, None], ids=["viewer", "nobody"])
def test_a_viewer_or_nobody_cannot_save_or_accept_an_article(folders, who):
    """Called directly, past any page: refused where the write happens, nothing written or built."""
    articles, tables = folders
    before_articles = sorted(p.name for p in articles.iterdir())
    before_tables = tables_backend.table_csv(tables, "articles")
    upload = check("tchad.txt", CHAD.encode(), folders, META)
    assert upload.ok
    with pytest.raises(PermissionDenied) as refused:
        intake.accept(upload, principal=who, articles_dir=articles, tables_dir=tables, today=TODAY)
    assert "droit de lecture" in str(refused.value) and "may only read" in refused.value.message("en")
    with pytest.raises(PermissionDenied):
        intake.save_article(upload, principal=who, articles_dir=articles, tables_dir=tables)
    assert sorted(p.name for p in articles.iterdir()) == before_articles
    assert tables_backend.table_csv(tables, "articles") == before_tables
