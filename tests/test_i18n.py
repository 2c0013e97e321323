"""One catalogue, two languages: every key in both, none defined twice, French by default."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import i18n
from dashboard.i18n import LANGS, catalogue, catalogue_problems, has_key, read_catalogue_files, t

ROOT = Path(__file__).resolve().parents[1]


def test_catalogue_has_no_problems():
    assert catalogue_problems() == []


def test_every_locale_file_has_both_languages():
    seen: dict[str, set[str]] = {}
    for file_name, lang, _table in read_catalogue_files():
        seen.setdefault(file_name, set()).add(lang)
    assert seen, "no locale file found"
    assert "core.toml" in seen
    for file_name, langs in seen.items():
        assert langs == set(LANGS), f"{file_name} has {sorted(langs)}"


def test_problems_are_reported(tmp_path):
    (tmp_path / "a.toml").write_text('[fr]\n"x.one" = "un"\n"x.two" = "deux"\n[en]\n"x.one" = "one"\n', "utf-8")
    (tmp_path / "b.toml").write_text('[fr]\n"x.one" = "encore"\n[en]\n"x.one" = "again"\n[de]\n"x" = "y"\n',
                                     "utf-8")
    problems = catalogue_problems(tmp_path)
    assert any("missing x.two" in p and "[en]" in p for p in problems)
    assert any("x.one already defined in a.toml" in p for p in problems)
    assert any("unknown language table [de]" in p for p in problems)


def test_nested_tables_flatten_to_dotted_keys(tmp_path):
    (tmp_path / "n.toml").write_text('[fr.tracker.status]\nok = "Bon"\n[en.tracker.status]\nok = "Good"\n', "utf-8")
    [(_, _, fr), (_, _, en)] = sorted(read_catalogue_files(tmp_path), key=lambda e: e[1], reverse=True)
    assert fr == {"tracker.status.ok": "Bon"} and en == {"tracker.status.ok": "Good"}


def test_french_is_default_and_english_differs():
    assert t("nav.overview") == "Vue d'ensemble"  # no Streamlit session: French
    assert t("nav.overview", lang="en") == "Overview"
    assert t("nav.overview", lang="xx") == "Vue d'ensemble"


def test_format_arguments_and_missing_keys():
    assert t("sources.subtitle", "fr", n=3) == "3 article(s)"
    assert t("sources.subtitle", "en", n=1) == "1 article(s)"
    assert t("no.such.key", "en") == "no.such.key"
    assert has_key("nav.map") and not has_key("no.such.key")


def test_every_key_used_in_code_exists():
    """Literal keys passed to t() in the app's own code exist in the catalogue."""
    sources = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "dashboard").glob("*.py"))]
    pattern = re.compile(r"""\bt\(\s*["']([a-z_]+(?:\.[a-z_0-9]+)+)["']""")
    keys = {key for path in sources for key in pattern.findall(path.read_text("utf-8"))}
    assert len(keys) > 50
    missing = sorted(k for k in keys if k not in catalogue()["fr"] or k not in catalogue()["en"])
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_translations_are_not_blank(lang):
    assert all(text.strip() for text in catalogue()[lang].values())


def test_t_works_without_streamlit(tmp_path):
    """Exports reuse t(): importing dashboard.i18n must not import streamlit."""
    code = ("import sys; import dashboard.i18n as i; assert i.t('nav.map', lang='en') == 'Map'; "
            "assert 'streamlit' not in sys.modules; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "ok", out.stderr


def test_current_language_outside_streamlit_is_french():
    assert i18n.current_language() == "fr"
    assert i18n.normalize_language("EN") == "en" and i18n.normalize_language("de") is None
