"""`etl` never imports streamlit: the app depends on the ETL, never the other way round."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ETL = ROOT / "etl"
STREAMLIT_IMPORT = re.compile(r"^\s*(import\s+streamlit|from\s+streamlit[\s.])|import_module\(\s*['\"]streamlit",
                              re.MULTILINE)


def test_importing_every_etl_module_loads_no_streamlit():
    code = (
        "import importlib, pkgutil, sys, etl\n"
        "names = [m.name for m in pkgutil.walk_packages(etl.__path__, 'etl.') if m.name != 'etl.__main__']\n"
        "for name in names: importlib.import_module(name)\n"
        "print(len(names), 'streamlit' in sys.modules, sorted(m for m in sys.modules if m.startswith('streamlit'))[:3])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    count, loaded, _names = done.stdout.split(maxsplit=2)
    assert int(count) >= 8  # reading, pipeline, cli, schema, text, paths, extract, …
    assert loaded == "False", done.stdout


def test_no_etl_source_file_mentions_a_streamlit_import():
    offenders = [
        str(path.relative_to(ROOT)) for path in sorted(ETL.rglob("*.py"))
        if STREAMLIT_IMPORT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_scan_would_catch_an_import():
    assert STREAMLIT_IMPORT.search("import os\nfrom streamlit import cache_data\n")
    assert STREAMLIT_IMPORT.search("    import streamlit as st\n")
    assert not STREAMLIT_IMPORT.search("# etl never imports streamlit\n")


def test_the_command_line_starts_without_spacy_or_pandas():
    """`python -m etl --help` and reading files stay light: heavy libraries load on demand."""
    code = "import sys, etl.cli, etl.reading; print(sorted({'spacy', 'pandas', 'trafilatura'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
