"""Read-only tables drawn as HTML (dashboard.html.table_parts): the display tables' columns and
column config, every cell escaped, links kept to safe targets, numbers localised, dates
sorted by their hidden key, and the real display tables (figures, events, articles, actors)."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest
import streamlit as st
from dashboard_fixtures import XSS, expanded, hostile_articles, html_tables, read_tables, views_of, write_tables

from dashboard import components, tables
from dashboard import html as H
from dashboard.filters import Filters


def drawn(frame, config, lang="fr"):
    return H.as_html(H.table_parts(frame, config, lang, element_id="t-1", height=300))


def raw_payload(out: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="t-1-data">(.*?)</script>', out, re.S).group(1))


def payload(out: str) -> dict:
    """The payload with each column's values one per row (see test_repeated_values_travel_once)."""
    data = raw_payload(out)
    return data | {"columns": [expanded(c) for c in data["columns"]]}


def test_repeated_values_travel_once_and_rows_point_at_them():
    frame = pd.DataFrame({"Pays": ["Niger", "Mali", "Niger", "Niger"], "Texte": ["a", "b", "c", "d"],
                          "Date": ["2 mars", "2 mars", "3 mars", "2 mars"],
                          H.sort_key_column("Date"): ["2024-03-02", "2024-03-02", "2024-03-03", "2024-03-02"],
                          "Lien": ["./sources?article=a&span=1-2"] * 4})
    out = drawn(frame, {H.sort_key_column("Date"): None,
                        "Lien": st.column_config.LinkColumn("Lien", display_text="Phrase source")})
    country, text, date, link = raw_payload(out)["columns"]
    assert country["text"] == {"values": ["Niger", "Mali"], "codes": [0, 1, 0, 0]}
    assert text["text"] == ["a", "b", "c", "d"]  # nothing repeats: one value per row, as before
    assert date["text"]["values"] == ["2 mars", "3 mars"] and date["keys"]["values"] == ["2024-03-02", "2024-03-03"]
    assert link["text"] == {"values": ["Phrase source"], "codes": [0, 0, 0, 0]}
    assert link["hrefs"] == ["./sources?article=a&span=1-2"] * 4  # a target is never shared: it is checked per row
    table = html_tables(out)[0]
    assert list(table["Pays"]) == ["Niger", "Mali", "Niger", "Niger"] and list(table["Date"]) == list(frame["Date"])


def test_cells_travel_as_inert_json_and_unsafe_links_stay_text():
    frame = pd.DataFrame({f"Titre {XSS}": [f"Alerte {XSS}\u2028"], "Lien": ["javascript:window.__xss=1"],
                          "Passage": ["sources?article=a&span=1-4"]})
    config = {"Lien": st.column_config.LinkColumn("Lien"),
              "Passage": st.column_config.LinkColumn("Passage", display_text="↗ passage")}
    out = drawn(frame, config)
    data = out.split('id="t-1-data">')[1].split("</script>")[0]
    assert "<" not in data and ">" not in data and "\u2028" not in data  # cannot close its element
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in out.split("<tbody>")[0]  # the header, escaped
    title, link, passage = payload(out)["columns"]
    assert title["text"] == [f"Alerte {XSS}\u2028"]  # the same text back, written by textContent
    assert link["hrefs"] == [None] and link["text"] == ["javascript:window.__xss=1"]  # shown, not linked
    assert passage["hrefs"] == ["sources?article=a&span=1-4"] and passage["text"] == ["↗ passage"]
    table = html_tables(out)[0]
    assert table.iloc[0, 0] == f"Alerte {XSS}\u2028" and table.iloc[0, 2] == "sources?article=a&span=1-4"


def test_the_script_holds_no_data_and_writes_text_only():
    frame = pd.DataFrame({"Titre": [f"x {XSS} '); alert(1); ('"]})
    data = H.table_parts(frame, {}, "fr", element_id="t-1", height=300)
    assert "alert" not in data["html"] and "__xss" not in data["html"]  # the cells travel as JSON only
    script = (components.FOLDER / "table.js").read_text(encoding="utf-8")  # the table's own code: no data in it
    assert "alert" not in script and "__xss" not in script and "t-1" not in script
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "textContent" in script


@pytest.mark.parametrize("lang, shown", [("fr", "8\u202f400\u202f000"), ("en", "8,400,000")])
def test_numbers_are_localised_and_sorted_by_value(lang, shown):
    frame = pd.DataFrame({"Valeur": [8_400_000, 950.5, None, float("inf")]})
    out = drawn(frame, {"Valeur": st.column_config.NumberColumn(format="localized")}, lang)
    column = payload(out)["columns"][0]
    assert column["num"] is True and column["text"][0].replace("\u00a0", "\u202f") == shown
    assert column["keys"][:3] == [8_400_000.0, 950.5, None] and column["keys"][3] is None  # valid JSON
    assert '<th class="num" aria-sort="none">' in out


def test_hidden_columns_and_sort_keys():
    frame = pd.DataFrame({"Date": ["12 mars 2025", "2 janv. 2024"], H.sort_key_column("Date"): ["2025-03-12", "2024-01-02"],
                          "Interne": ["a", "b"]})
    out = drawn(frame, {"Interne": None, H.sort_key_column("Date"): None})
    assert list(html_tables(out)[0].columns) == ["Date"]  # the key and the hidden column are not shown
    assert payload(out)["columns"] == [{"num": False, "text": ["12 mars 2025", "2 janv. 2024"],
                                        "keys": ["2025-03-12", "2024-01-02"]}]


def test_labels_widths_and_row_count():
    frame = pd.DataFrame({"a": ["x"] * 1200})
    out = drawn(frame, {"a": st.column_config.TextColumn("Colonne A", width="large")})
    assert '<th class="w-l" aria-sort="none"><button type="button">Colonne A</button></th>' in out
    assert ">Lignes : 1\u202f200 sur 1\u202f200<" in out.replace("\u00a0", "\u202f")
    assert payload(out)["count"].replace("\u00a0", "\u202f") == "Lignes : {n} sur 1\u202f200"
    assert 'placeholder="Rechercher dans le tableau"' in out
    english = drawn(frame, {}, "en")
    assert ">Rows: 1,200 of 1,200<" in english and 'placeholder="Search the table"' in english


def test_empty_frame_draws_an_empty_table():
    out = drawn(pd.DataFrame({"a": []}), {})
    assert html_tables(out)[0].empty and payload(out)["n"] == 0


@pytest.fixture(scope="module")
def hostile_views(tmp_path_factory):
    folder = write_tables(tmp_path_factory.mktemp("tables"), hostile_articles())
    return views_of(read_tables(folder))


@pytest.mark.parametrize("kind", ["figures", "events", "articles", "actors"])
def test_display_tables_draw_safely_with_every_column(hostile_views, kind):
    view = hostile_views[kind]
    builder = getattr(tables, f"{kind}_table")
    built = builder(view, "fr", filters=Filters()) if kind in ("figures", "events", "actors") else builder(view, "fr")
    frame, config = built[0], built[-1]
    out = drawn(frame, config)
    before_script = out.split("<script>(function")[0]
    assert "<script>window" not in before_script and not re.search(r"<img\b", before_script)
    assert all(href is None or H.safe_href(href) for c in payload(out)["columns"] for href in c.get("hrefs") or [])
    table = html_tables(out)[0]
    assert len(table) == len(frame)
    assert list(table.columns) == [config[c]["label"] if config.get(c) and config[c].get("label") else c
                                   for c in frame.columns if not c.startswith(H.SORT_KEY_PREFIX)]
    assert any(XSS in str(v) for v in table.to_numpy().ravel())  # the hostile text is shown as text


def test_dates_sort_by_their_iso_key(hostile_views):
    frame, config = tables.events_table(hostile_views["events"], "fr", filters=Filters())
    date = payload(drawn(frame, config))["columns"][0]
    assert date["text"] and len(date["keys"]) == len(date["text"])
    assert all(k == "" or re.match(r"^\d{4}(-\d{2}){0,2}$", k) for k in date["keys"])
    assert any(k for k in date["keys"])


@pytest.mark.parametrize("lang, n_titles, expected", [
    ("fr", 2, "Article 0; Article 1"),
    ("fr", 3, "Article 0; Article 1; Article 2"),
    ("fr", 4, "Article 0; Article 1; Article 2 … et 1 autre (↗ mentions)"),
    ("fr", 1504, "Article 0; Article 1; Article 2 … et 1\u202f501 autres (↗ mentions)"),
    ("en", 5, "Article 0; Article 1; Article 2 … and 2 more (↗ mentions)"),
])
def test_actors_table_names_three_articles_and_counts_the_others(lang, n_titles, expected):
    actors = pd.DataFrame([{"actor_id": "act_1", "name": "OCHA", "kind": "organisation", "role": None,
                            "country_iso3": None, "article_count": n_titles, "mention_count": n_titles,
                            "article_titles": [f"Article {i}" for i in range(n_titles)]}])
    frame, ids, _config = tables.actors_table(actors, lang)
    label = "Articles qui le citent" if lang == "fr" else "Articles mentioning it"
    assert ids == ["act_1"] and frame[label].tolist() == [expected]
