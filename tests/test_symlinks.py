"""Articles are regular files inside the articles folder. A symbolic link — to a file outside
(e.g. the secrets file), to a file inside, or dangling — gets an error row naming it and is never
read: its target's content appears in no table, text or cache. The same holds for sidecars,
the intake's duplicate check, the imports store and the Sources reader's texts."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
import tables_backend

from etl import files, imports, intake, reading
from etl.pipeline import build

SECRET = "SECRET-7f3a9c"
SECRET_TEXT = (
    "Mali : note interne sur les comptes des éditeurs\n\n"
    f"Bamako, le 3 juin 2024 – Le ministère a recensé plus de 120 000 personnes déplacées, {SECRET}, "
    "selon une note interne diffusée aux partenaires humanitaires de la région de Mopti.\n"
)
INSIDE_MARK = "MARQUE-INTERIEURE-55"
GOOD = (
    "Niger : plus de 350 000 sinistrés après les inondations\n\n"
    "Niamey, le 14 septembre – Le ministre de l'Action humanitaire a lancé jeudi un plan de réponse "
    f"d'urgence ({INSIDE_MARK}). Selon les chiffres officiels, plus de 350 000 personnes ont été affectées par les "
    "pluies diluviennes depuis juin dans les régions de Tillabéri, Dosso et Maradi.\n"
)
TODAY = date(2025, 1, 31)


def every_output(folder: Path) -> str:
    """Every file the build wrote (tables, texts, cache), followed through the tables' own links,
    and every table and text it published (either back end: tests/tables_backend.py)."""
    out = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            out.append(path.read_bytes().decode("utf-8", errors="replace"))
    out += tables_backend.snapshot(folder).values()
    out += tables_backend.saved_texts(folder).values()
    return "\n".join(out)


@pytest.fixture
def linked(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secrets.txt"
    secret.write_text(SECRET_TEXT, encoding="utf-8")
    (outside / "meta.json").write_text(f'{{"title": "{SECRET} titre"}}', encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "niamey.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(secret, articles / "lien_dehors.txt")
    os.symlink("niamey.txt", articles / "lien_dedans.txt")  # relative: to a regular file inside
    os.symlink(outside / "absent.txt", articles / "lien_casse.txt")
    os.symlink(outside / "meta.json", articles / "niamey.meta.json")  # a linked sidecar
    return tmp_path, articles, secret


def test_links_in_the_articles_folder_are_refused_and_never_read(linked):
    tmp_path, articles, _secret = linked
    out = tmp_path / "tables"
    summary = build(articles, out, progress=False, log=None, today=TODAY)
    table = tables_backend.read_csv(out, "articles", dtype=str, keep_default_na=False).set_index("source_file")
    for name in ("lien_dehors.txt", "lien_dedans.txt", "lien_casse.txt"):
        row = table.loc[name]
        assert row["status"] == "error", name
        assert row["error"].startswith(f"{name} : lien symbolique refusé"), row["error"]
        assert "symbolic link refused" in row["error"]
        assert row["text_file"] == "" and row["sha256"] == ""  # not even hashed
    assert table.loc["niamey.txt", "status"] == "ok"
    assert summary.n_failed == 3
    # the linked sidecar is refused with a warning; the article keeps its own title
    assert any(w.startswith("niamey.meta.json : métadonnées : lien symbolique refusé") for w in summary.warnings)
    published = every_output(out)
    assert SECRET not in published
    # the inside target is published once, as itself: the link added no second copy of it
    assert published.count(INSIDE_MARK) >= 1
    assert sorted(tables_backend.saved_texts(out)) == ["niamey"]


def test_read_article_refuses_a_link_even_when_called_directly(linked):
    _tmp, articles, secret = linked
    for name in ("lien_dehors.txt", "lien_dedans.txt", "lien_casse.txt"):
        result = reading.read_article(articles / name, root=articles)
        assert result.error and "lien symbolique refusé" in result.error and result.text == ""
        with pytest.raises(files.NotARegularFile):
            reading.file_sha256(articles / name)
    # a path that resolves outside the folder (here: through "..") is refused as well
    escaped = articles / ".." / "outside" / secret.name
    result = reading.read_article(escaped, root=articles)
    assert "hors du dossier" in result.error and SECRET not in result.text


def test_intake_never_reads_a_linked_article(linked):
    tmp_path, articles, secret = linked
    out = tmp_path / "tables"
    build(articles, out, progress=False, log=None, today=TODAY)
    # the upload has the secret's exact bytes: were the link followed, it would be "a duplicate of lien_dehors.txt"
    check = intake.check_upload("note.txt", secret.read_bytes(), articles_dir=articles, tables_dir=out, today=TODAY)
    assert check.duplicate_of is None and check.ok, check.problems
    raw, texts = intake.existing_fingerprints(articles, out)
    assert set(raw.values()) == {"niamey.txt"} and set(texts.values()) == {"niamey.txt"}


def test_a_linked_import_is_ignored_with_a_warning(tmp_path, fixtures_dir):
    store = tmp_path / "imports"
    store.mkdir()
    os.symlink(fixtures_dir / "imports" / "needs_hapi_example.csv", store / "lien.csv")
    assert imports.stored_files(store) == []
    rows, warnings = imports.load_imports(store)
    assert rows == [] and warnings and warnings[0].startswith("lien.csv : import ignoré : lien symbolique refusé")


@pytest.mark.csv_tables  # a link planted in a CSV build's texts folder: PostgreSQL holds no files
def test_the_sources_reader_refuses_a_linked_text(tmp_path, monkeypatch):
    from dashboard import loaders

    tables = tmp_path / "tables"
    (tables / "texts").mkdir(parents=True)
    (tables / "texts" / "vrai.txt").write_text(GOOD, encoding="utf-8")
    secret = tmp_path / "secrets.toml"
    secret.write_text(SECRET, encoding="utf-8")
    os.symlink(secret, tables / "texts" / "piege.txt")
    monkeypatch.setenv("SAHEL_TABLES_DIR", str(tables))
    loaders.refresh()
    assert loaders.load_article_text("vrai") == GOOD
    assert loaders.load_article_text("piege") is None
