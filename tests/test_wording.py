"""The ETL's own messages count with CLDR plurals (etl.wording), never « fichier(s) »."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from etl.wording import counted

ETL = Path(__file__).resolve().parents[1] / "etl"


@pytest.mark.parametrize(("n", "lang", "expected"), [
    (0, "fr", "0 fichier"), (1, "fr", "1 fichier"), (1.5, "fr", "1.5 fichier"), (2, "fr", "2 fichiers"),
    (1000, "fr", "1000 fichiers"), (0, "en", "0 files"), (1, "en", "1 file"), (2, "en", "2 files"),
])
def test_counted_follows_cldr(n, lang, expected):
    one, other = ("fichier", "fichiers") if lang == "fr" else ("file", "files")
    assert counted(n, one, other, lang=lang) == expected


def test_no_parenthesised_plural_in_etl_messages():
    """A string literal such as « fichier(s) » in etl/ is a message that should use counted()."""
    found = []
    for path in ETL.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and (body := node.body)
                      and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                for match in re.finditer(r"\w+\(s\)", node.value):
                    if match.group() != "http(s)":
                        found.append(f"{path.name}: {match.group()}")
    assert found == []


def test_build_summary_counts_in_words(tmp_path):
    from etl import pipeline

    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "vide.txt").write_bytes(b"")
    (articles / "a.txt").write_text("Bamako, le 3 mai 2024. Le gouvernement a adopté un décret.", encoding="utf-8")
    text = pipeline.build(articles, tmp_path / "tables", log=None).format()
    assert "(s)" not in text
    assert "0 inchangé, 1 extrait " in text, text
