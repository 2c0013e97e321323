"""One catalogue, two languages: every key in both, none defined twice, French by default."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from presentation import i18n
from presentation.i18n import LANGS, catalogue, catalogue_problems, has_key, is_plural, read_catalogue_files, t, tn

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
    assert t("exports.file_excel", "fr", name="carte") == "carte_excel"
    assert t("no.such.key", "en") == "no.such.key"
    assert has_key("nav.map") and not has_key("no.such.key")


def test_every_key_used_in_code_exists():
    """Literal keys passed to t() in the app's own code exist in the catalogue."""
    sources = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py")),
               *(path for folder in ("dashboard", "presentation", "tracker") for path in sorted((ROOT / folder).glob("*.py")))]
    pattern = re.compile(r"""\bt\(\s*["']([a-z_]+(?:\.[a-z_0-9]+)+)["']""")
    keys = {key for path in sources for key in pattern.findall(path.read_text("utf-8"))}
    assert len(keys) > 50
    missing = sorted(k for k in keys if k not in catalogue()["fr"] or k not in catalogue()["en"])
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_translations_are_not_blank(lang):
    texts = [text for entry in catalogue()[lang].values() for text in (entry.values() if is_plural(entry) else [entry])]
    assert all(text.strip() for text in texts)


def test_t_works_without_streamlit(tmp_path):
    """Exports reuse t(): importing presentation.i18n must not import streamlit."""
    code = ("import sys; import presentation.i18n as i; assert i.t('nav.map', lang='en') == 'Map'; "
            "assert 'streamlit' not in sys.modules; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "ok", out.stderr


def test_current_language_outside_streamlit_is_french():
    assert i18n.current_language() == "fr"
    assert i18n.normalize_language("EN") == "en" and i18n.normalize_language("de") is None


# --------------------------------------------------------------------------- plurals

@pytest.mark.parametrize("lang, count, expected", [
    ("fr", 0, "0 article"), ("fr", 1, "1 article"), ("fr", 2, "2 articles"), ("fr", 1.5, "1,5 article"),
    ("fr", 1000, "1\u202f000 articles"), ("fr", 1_000_000, "1\u202f000\u202f000 articles"),  # CLDR "many": reads "other"
    ("en", 0, "0 articles"), ("en", 1, "1 article"), ("en", 2, "2 articles"), ("en", 1.5, "1.5 articles"),
    ("en", 1000, "1,000 articles"),
])
def test_tn_picks_the_cldr_plural_form(lang, count, expected):
    """French "one" is 0 and 1 (and 1,5: i = 1), English "one" 1 only (CLDR, through Babel)."""
    assert tn("count.articles", count, lang) == expected


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("count", [0, 1, 2, 1.5, 1000])
def test_every_plural_entry_reads_for_any_count(lang, count):
    plural = [key for key, entry in catalogue()[lang].items() if is_plural(entry)]
    assert len(plural) >= 30
    for key in plural:
        text = tn(key, count, lang, names="a, b", name="x.csv", total=9, shown=5, minutes=count, orphaned="0",
                  places="Gao")
        assert text != key and "{" not in text and "(s)" not in text, (key, text)


def test_tn_gives_the_form_and_keeps_other_arguments():
    assert tn("tracker.saved_n", 1, "fr") == "1 modification enregistrée."
    assert tn("tracker.saved_n", 3, "fr") == "3 modifications enregistrées."
    assert tn("tracker.saved_n", 0, "en") == "0 changes saved."
    assert tn("map.communes_body", 2, "en", names="A, B") == "2 communes of the programme: A, B"
    assert tn("briefing_pack.days_late", 20, "fr", n="20") == "20 jours de retard"  # n given: written as given
    assert tn("nav.map", 3, "en") == "Map"  # a plain text, whatever the count
    assert t("count.articles", "en", n=2) == "2 articles"  # t() on a plural entry: "other", logged


def test_no_catalogue_text_writes_a_plural_with_parentheses():
    """No « article(s) », « lieu(x) »: a counted text is a plural entry, a text without a count is
    worded without one."""
    marks = re.compile(r"\w\((s|x|es|e|e\)s)\)")
    found = [(lang, key, text) for lang in LANGS for key, entry in catalogue()[lang].items()
             for text in (entry.values() if is_plural(entry) else [entry]) if marks.search(text)]
    assert found == []


def test_plural_entries_need_the_forms_of_their_language(tmp_path):
    (tmp_path / "p.toml").write_text('[fr]\n"a.b" = { other = "{n} x" }\nc = { one = "1", other = "2" }\n'
                                     '[en]\n"a.b" = { one = "{n} x", other = "{n} xs" }\nc = "text"\n', "utf-8")
    problems = catalogue_problems(tmp_path)
    assert any("[fr] a.b lacks the plural form(s) one" in p for p in problems)
    assert any(p.startswith("c: a plural entry in one language") for p in problems)


def test_plural_entries_are_read_with_tn_and_texts_with_t():
    """A literal key given to t() is not a plural entry; one given to tn() is (and exists)."""
    sources = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")),
               *(path for folder in ("dashboard", "presentation", "tracker") for path in sorted((ROOT / folder).glob("*.py")))]
    text = "\n".join(path.read_text("utf-8") for path in sources)
    with_t = set(re.findall(r"""\bt\(\s*["']([a-z_]+(?:\.[a-z_0-9]+)+)["']""", text))
    with_tn = set(re.findall(r"""\btn\(\s*["']([a-z_]+(?:\.[a-z_0-9]+)+)["']""", text))
    assert len(with_tn) >= 25
    fr = catalogue()["fr"]
    assert sorted(k for k in with_t if is_plural(fr.get(k))) == []
    assert sorted(k for k in with_tn if not is_plural(fr.get(k))) == []
