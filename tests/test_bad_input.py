"""Bad input in one batch: each bad file gets status=error and a clear message, the rest goes on."""
from __future__ import annotations

import json
from datetime import date

import pytest
import tables_backend

from etl.pipeline import build

GOOD = {
    "01_bon.txt": (
        "Niger : plus de 350 000 sinistrés après les inondations\n\n"
        "Niamey, le 14 septembre – Le ministre de l'Action humanitaire a lancé jeudi un plan de réponse "
        "d'urgence. Selon les chiffres officiels, plus de 350 000 personnes ont été affectées par les pluies "
        "diluviennes depuis juin dans les régions de Tillabéri, Dosso et Maradi.\n"
    ),
    "09_windows.txt": (
        "Togo : un atelier sur l'alerte précoce s'ouvre à Lomé\n\n"
        "Les experts de la Communauté économique des États de l'Afrique de l'Ouest se réunissent depuis lundi "
        "à Lomé pour harmoniser les systèmes d'alerte précoce face aux crises climatiques et sécuritaires.\n"
    ),
    "10_bom.txt": (
        "Burkina Faso : la campagne de vaccination atteint les zones sous blocus\n\n"
        "Le ministère de la Santé annonce que les équipes mobiles ont vacciné près de 45 000 enfants "
        "dans les communes de Djibo et d'Arbinda, ravitaillées par voie aérienne.\n"
    ),
    "11_meta.txt": (
        "Mali : les partenaires s'engagent à financer le plan de réponse\n\n"
        "Réunis à Bamako, les bailleurs se sont engagés à mobiliser 200 millions de dollars pour la réponse "
        "humanitaire, selon un communiqué publié à l'issue de la rencontre.\n"
    ),
    "15_note.html": (
        "Sénégal : Dakar accueille le forum régional sur la migration\n\n"
        "Le forum réunit pendant trois jours des représentants de huit pays de la région autour de la "
        "protection des migrants et des solutions durables pour les rapatriés.\n"
    ),
}
MENU_ONLY_PAGE = (
    "<!DOCTYPE html><html><head><title>Accueil</title></head><body>"
    "<nav><a href='/'>Accueil</a> <a href='/politique'>Politique</a> <a href='/sport'>Sport</a></nav>"
    "<script>var tracker = 1;</script><img src='/logo.png'></body></html>"
)


def _encrypted_pdf(path):
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), encrypt="secret")
    page.drawString(72, 720, "Rapport confidentiel sur la situation alimentaire.")
    page.save()


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    articles = tmp_path_factory.mktemp("articles")
    out = tmp_path_factory.mktemp("tables") / "tables"
    (articles / "01_bon.txt").write_text(GOOD["01_bon.txt"], encoding="utf-8")
    (articles / "02_vide.txt").write_bytes(b"")
    (articles / "03_image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (articles / "04_octets_nuls.md").write_bytes(b"Texte puis des octets nuls \x00\x00\x00\x01\x02 et la suite")
    (articles / "05_mojibake.txt").write_bytes(
        GOOD["01_bon.txt"].replace("Niger", "Tchad").encode("utf-8").decode("cp1252").encode("utf-8"))
    (articles / "06_enorme.txt").write_bytes(((GOOD["01_bon.txt"].encode("utf-8") + b"\n") * 60_000)[:20_000_000])
    (articles / "07_sans_texte.html").write_text(MENU_ONLY_PAGE, encoding="utf-8")
    # Same text as 01_bon.txt, re-typed with other spacing and case: still a duplicate.
    (articles / "08_doublon.txt").write_text("  " + GOOD["01_bon.txt"].upper().replace("\n\n", "\n"), encoding="utf-8")
    (articles / "09_windows.txt").write_bytes(GOOD["09_windows.txt"].encode("cp1252"))
    (articles / "10_bom.txt").write_bytes(b"\xef\xbb\xbf" + GOOD["10_bom.txt"].encode("utf-8"))
    (articles / "11_meta.txt").write_text(GOOD["11_meta.txt"], encoding="utf-8")
    (articles / "11_meta.meta.json").write_text('{"url": "https://x.example/a", "published": ', encoding="utf-8")
    (articles / "12_espaces.txt").write_text(" \n\t \n\u00a0\n", encoding="utf-8")
    (articles / "13_rapport.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    _encrypted_pdf(articles / "14_chiffre.pdf")
    # Two files, one stem: the first in name order ("15_note.html") keeps the id "15_note".
    (articles / "15_note.html").write_text("<html><body><article>" + "".join(
        f"<p>{para}</p>" for para in GOOD["15_note.html"].split("\n\n")) + "</article></body></html>", encoding="utf-8")
    (articles / "15_note.txt").write_text(GOOD["11_meta.txt"].replace("Mali", "Guinée"), encoding="utf-8")
    logged: list[str] = []
    with tables_backend.publishing_into(out):
        summary = build(articles, out, progress=False, log=logged.append, today=date(2025, 1, 31))
    table = tables_backend.read_csv(out, "articles", dtype=str, keep_default_na=False).set_index("source_file")
    return summary, table, logged, out


EXPECTED_ERRORS = {
    "02_vide.txt": ("fichier vide", "empty file"),
    "03_image.txt": ("fichier binaire (image PNG)", "binary file"),
    "04_octets_nuls.md": ("fichier binaire", "NUL bytes"),
    "05_mojibake.txt": ("texte mal encodé", "mojibake"),
    "06_enorme.txt": ("fichier trop volumineux : 20,", "file too large: 20."),
    "07_sans_texte.html": ("page HTML sans texte d'article", "HTML page without article text"),
    "08_doublon.txt": ("doublon de 01_bon.txt", "duplicate of 01_bon.txt"),
    "12_espaces.txt": ("seulement des espaces", "whitespace only"),
    "13_rapport.docx": ("format non pris en charge « .docx »", "unsupported file type"),
    "14_chiffre.pdf": ("PDF protégé par un mot de passe", "encrypted PDF"),
    "15_note.txt": ("même identifiant d'article « 15_note » que 15_note.html", "article id collision"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED_ERRORS))
def test_each_bad_file_gets_an_error_naming_file_and_problem(batch, name):
    _summary, table, logged, _out = batch
    row = table.loc[name]
    french, english = EXPECTED_ERRORS[name]
    assert row["status"] == "error"
    assert row["error"].startswith(f"{name} : ")
    assert french in row["error"] and english in row["error"]
    assert row["error"] in logged  # told as it happens, not only in the table


@pytest.mark.parametrize("name", sorted(GOOD))
def test_the_rest_of_the_batch_goes_on(batch, name):
    _summary, table, _logged, out = batch
    row = table.loc[name]
    assert row["status"] == "ok" and row["error"] == ""
    assert row["text_file"] == f"texts/{row['article_id']}.txt"
    text = tables_backend.text(out, row["article_id"])
    expected = GOOD[name].strip().replace("\n\n", "\n") if name.endswith(".html") else GOOD[name]
    assert text == expected  # decoded from cp1252 / without BOM, exactly the article
    assert int(row["n_chars"]) == len(expected)


def test_every_file_has_one_row_with_its_sha256(batch):
    _summary, table, _logged, _out = batch
    assert len(table) == len(GOOD) + len(EXPECTED_ERRORS)
    assert table["article_id"].is_unique
    assert table["sha256"].str.fullmatch(r"[0-9a-f]{64}").all()
    assert "11_meta.meta.json" not in table.index  # a sidecar is not an article


def test_duplicate_points_to_the_original(batch):
    _summary, table, _logged, _out = batch
    assert table.loc["08_doublon.txt", "duplicate_of"] == table.loc["01_bon.txt", "article_id"]
    assert table.loc["01_bon.txt", "duplicate_of"] == ""


def test_huge_file_message_gives_its_size_and_the_limit(batch):
    _summary, table, _logged, _out = batch
    error = table.loc["06_enorme.txt", "error"]
    assert "20,0 Mo" in error and "20.0 MB" in error
    assert "limite 5,0 Mo" in error and "limit 5.0 MB" in error


def test_broken_sidecar_is_a_warning_on_an_ok_article(batch):
    summary, table, logged, _out = batch
    row = table.loc["11_meta.txt"]
    assert row["status"] == "ok"
    assert "11_meta.meta.json : JSON invalide" in row["warnings"]
    assert any("11_meta.meta.json" in w for w in summary.warnings)
    assert any("11_meta.meta.json" in line for line in logged)


def test_summary_counts_failures_and_duplicates(batch):
    summary, _table, _logged, _out = batch
    assert summary.n_files == len(GOOD) + len(EXPECTED_ERRORS)
    assert summary.n_ok == len(GOOD)
    assert summary.n_failed == len(EXPECTED_ERRORS)
    assert summary.n_duplicates == 1
    assert summary.exit_code == 1
    text = summary.format()
    assert f"{len(EXPECTED_ERRORS)} en échec (dont 1 doublon)" in text
    for name in EXPECTED_ERRORS:
        assert f"  - {name} : " in text


def test_sidecar_fix_is_picked_up_without_touching_the_article(batch, tmp_path):
    """Repairing a sidecar changes the cache key: the article is read again with its metadata."""
    _summary, _table, _logged, out = batch
    articles = tmp_path / "a"
    articles.mkdir()
    (articles / "11_meta.txt").write_text(GOOD["11_meta.txt"], encoding="utf-8")
    (articles / "11_meta.meta.json").write_text("{oops", encoding="utf-8")
    build(articles, tmp_path / "t", progress=False, log=None)
    (articles / "11_meta.meta.json").write_text(json.dumps({"published": "2024-05-02", "source": "ABC"}),
                                                encoding="utf-8")
    summary = build(articles, tmp_path / "t", progress=False, log=None)
    row = tables_backend.read_csv(tmp_path / "t", "articles", dtype=str, keep_default_na=False).iloc[0]
    assert summary.n_extracted == 1
    assert (row["published_date"], row["source"], row["warnings"]) == ("2024-05-02", "ABC", "")
