"""Layers that point one way. Every .py file is parsed with ``ast`` (nothing is imported), its
imports of the project's own packages collected (top-level and inside functions, ``from . import``
resolved, ``importlib.import_module("…")`` with a literal name included), and checked against
this table of allowed directions:

=====================  ==============================================  ===========================
importer               may import                                      why
=====================  ==============================================  ===========================
``etl``                nothing of the project                          the bottom layer: reads,
                                                                       parses, writes the tables;
                                                                       its messages are bilingual
                                                                       by themselves
``presentation``       ``etl``                                         the catalogue, formatting
                                                                       and writers; knows the
                                                                       ETL's vocabulary and tables
``tracker``            ``etl``, ``presentation``                       decisions database; reads
                                                                       the tables, says its errors
                                                                       through the catalogue
``dashboard``          ``etl``, ``presentation``, ``tracker``          Streamlit-side parts
``app.py, app_pages``  ``dashboard``, ``etl``, ``presentation``,       the app itself
                       ``tracker``
``scripts, bench``     anything                                        tools, not imported
``tests``              anything
=====================  ==============================================  ===========================

Whoever acts (``Principal``) and the one write check (``require_writer``, ``PermissionDenied``)
live in ``etl.principals``: the ETL's writes and the tracker both need them, and the tracker may
import the ETL, never the reverse.

Streamlit belongs to the app: ``etl``, ``presentation`` and ``tracker`` never import it
(tests/test_etl_imports.py also imports every etl module and checks streamlit stayed out).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIRST_PARTY = ("etl", "presentation", "tracker", "dashboard", "app_pages")
ANYTHING = frozenset(FIRST_PARTY)
ALLOWED: dict[str, frozenset[str]] = {
    "etl": frozenset(),
    "presentation": frozenset({"etl"}),
    "tracker": frozenset({"etl", "presentation"}),
    "dashboard": frozenset({"etl", "presentation", "tracker"}),
    "app_pages": frozenset({"dashboard", "etl", "presentation", "tracker"}),
    "app.py": frozenset({"dashboard", "etl", "presentation", "tracker"}),
    "scripts": ANYTHING,
    "bench": ANYTHING,
    "tests": ANYTHING,
}
NO_STREAMLIT = ("etl", "presentation", "tracker")
SKIP = {".venv", ".git", "__pycache__", "fixtures", "node_modules", "build"}


def layer_of(path: Path, root: Path = ROOT) -> str:
    """``etl/cli.py`` → ``etl``; ``app.py`` → ``app.py``."""
    return path.relative_to(root).parts[0]


def python_files(root: Path = ROOT) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if not SKIP & set(p.relative_to(root).parts))


def imported_modules(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """(line, dotted module name) for every import in ``path``, relative ones made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = list(path.relative_to(root).parent.parts)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            if node.module is None:  # `from . import x`: x may be a module
                found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.append((node.lineno, node.args[0].value))
    return found


def violations(root: Path = ROOT) -> list[str]:
    """'tracker/x.py:3 imports dashboard.i18n (tracker may import etl, presentation)' for each import
    against the table; files outside the table's layers are not checked."""
    problems = []
    for path in python_files(root):
        layer = layer_of(path, root)
        if layer not in ALLOWED:
            continue
        for line, module in imported_modules(path, root):
            top = module.split(".")[0]
            if top in FIRST_PARTY and top != layer and top not in ALLOWED[layer]:
                allowed = ", ".join(sorted(ALLOWED[layer])) or "nothing of the project"
                problems.append(f"{path.relative_to(root)}:{line} imports {module} ({layer} may import {allowed})")
    return problems


def streamlit_imports(root: Path = ROOT, layers=NO_STREAMLIT) -> list[str]:
    return [f"{path.relative_to(root)}:{line} imports {module}"
            for path in python_files(root) if layer_of(path, root) in layers
            for line, module in imported_modules(path, root) if module.split(".")[0] == "streamlit"]


def test_every_import_points_the_allowed_way():
    assert violations() == []


def test_the_scan_sees_the_layers_it_checks():
    layers = {layer_of(p) for p in python_files()}
    assert {"etl", "presentation", "tracker", "dashboard", "app_pages", "app.py"} <= layers
    assert set(FIRST_PARTY) - {"app_pages"} <= {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()}


@pytest.mark.parametrize("layer", NO_STREAMLIT)
def test_pure_layers_never_import_streamlit(layer):
    assert streamlit_imports(layers=(layer,)) == []


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("name, source", [
    ("tracker/bad.py", "from dashboard import ui\n"),
    ("tracker/bad.py", "def f():\n    from dashboard.html import table_html\n"),
    ("tracker/bad.py", "import dashboard.maps\n"),
    ("etl/bad.py", "from tracker.service import update_decision\n"),
    ("etl/bad.py", "from presentation.i18n import t\n"),
    ("etl/bad.py", "import importlib\nimportlib.import_module('tracker.db')\n"),
    ("presentation/bad.py", "from dashboard.reader import session_language\n"),
    ("presentation/bad.py", "from tracker import errors\n"),
    ("dashboard/bad.py", "from app_pages import overview\n"),
])
def test_the_scan_would_catch_a_wrong_way_import(tmp_path, name, source):
    root = _tree(tmp_path, {name: source, "etl/ok.py": "import pandas\nfrom etl import paths\n"})
    found = violations(root)
    assert len(found) == 1 and found[0].startswith(name), found


def test_relative_imports_are_resolved(tmp_path):
    root = _tree(tmp_path, {"tracker/sub/bad.py": "from ...dashboard import ui\n", "tracker/ok.py": "from . import db\n"})
    assert [v.split(" ")[2] for v in violations(root)] == ["dashboard"]


def test_the_streamlit_scan_would_catch_an_import(tmp_path):
    root = _tree(tmp_path, {"presentation/x.py": "def f():\n    import streamlit as st\n",
                                "etl/y.py": "from streamlit.components.v1 import html\n", "dashboard/z.py": "import streamlit\n"})
    assert len(streamlit_imports(root)) == 2


def test_importing_every_presentation_module_loads_no_streamlit():
    import subprocess
    import sys

    code = ("import importlib, pkgutil, sys, presentation\n"
            "names = [m.name for m in pkgutil.walk_packages(presentation.__path__, 'presentation.')]\n"
            "for name in names: importlib.import_module(name)\n"
            "print(len(names), 'streamlit' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["5", "False"], done.stdout
