"""Pure HTML builders: article text escaped everywhere, spans highlighted by type with
links both ways, charts' JSON unable to close its script element."""
from __future__ import annotations

import json
import re

import pandas as pd
from dashboard_fixtures import XSS, hostile_articles, read_tables, read_text, views_of, write_tables

from dashboard import html as H
from dashboard.briefing import sources_href
from dashboard.filters import Filters

TEXT = "Le Mali compte 4,8 millions de personnes. Robert Dussey a annoncé un fonds."


def spans():
    figure = TEXT.index("4,8 millions de personnes")
    actor = TEXT.index("Robert Dussey")
    decision = TEXT.index("Robert Dussey a annoncé un fonds")
    return [
        {"span_type": "figure", "row_id": "fig_1", "start": figure, "end": figure + 25, "label": "besoin",
         "quote": "4,8 millions de personnes"},
        {"span_type": "decision", "row_id": "dec_1", "start": decision, "end": len(TEXT) - 1, "label": "fonds",
         "quote": TEXT[decision:-1]},
        {"span_type": "actor", "row_id": "act_1", "start": actor, "end": actor + 13, "label": "Robert Dussey",
         "quote": "Robert Dussey"},
        {"span_type": "figure", "row_id": "bad", "start": 10, "end": 5000, "label": "outside the text"},
        {"span_type": "unknown", "row_id": "x", "start": 0, "end": 3},
    ]


def test_viewer_highlights_each_span_by_type_and_links_both_ways():
    out = H.article_html(TEXT, spans(), "fr", focus=None)
    assert re.sub(r"<[^>]+>", "", out.split('<div class="article-view">')[1]) == TEXT  # text intact
    figure = TEXT.index("4,8")
    assert f'id="span-{figure}-{figure + 25}"' in out
    assert 'class="sp sp-figure"' in out and "sp-actor" in out and "sp-decision" in out
    assert 'href="#row-figure-fig_1-' in out
    # the actor inside the decision is marked on the innermost span, the decision underlines it
    assert re.search(r'class="sp sp-actor sp-nested"[^>]*>Robert Dussey</a>', out)
    assert "outside the text" not in out and "row-unknown" not in out
    rows = H.rows_html(H.clean_spans(spans(), len(TEXT)), "fr")
    assert f'href="#span-{figure}-{figure + 25}"' in rows and 'id="row-figure-fig_1-' in rows
    assert rows.index("Chiffre") < rows.index("Décision") < rows.index("Acteur")  # grouped by type


def test_focus_from_a_link():
    actor = TEXT.index("Robert Dussey")
    out = H.article_html(TEXT, spans(), "en", focus=(actor, actor + 13))
    assert out.count("sp-focus") == 1 and "Figure" in out and "Actor" in out
    assert H.parse_span_param("12-40") == (12, 40)
    assert H.parse_span_param("40-12") is None and H.parse_span_param("x-1") is None
    assert H.parse_span_param(None) is None


def test_article_text_is_escaped(tmp_path):
    text = f"Début {XSS} fin"
    start = text.index(XSS)
    hostile = [{"span_type": "decision", "row_id": 'r"><script>', "start": start, "end": start + len(XSS),
                "label": XSS, "quote": XSS}]
    out = H.article_html(text, hostile, "fr") + H.rows_html(hostile, "fr")
    assert "<script" not in out and "<img" not in out and "&lt;script&gt;" in out
    assert 'row-decision-rscript-' in out  # ids are cleaned, not escaped into attributes


def test_cards_lists_legend_escape():
    cards = H.cards_html([{"label": XSS, "value": "<b>1</b>", "note": "n", "css": '"><script>'}])
    items = H.brief_list_html([{"when": XSS, "text": XSS, "meta": XSS, "pill": XSS,
                                "href": 'javascript:alert(1)" onclick="x'}])
    legend = H.legend_html([([1, 2, 3], XSS)], title=XSS)
    for out in (cards, items, legend):
        assert "<script" not in out and "<img" not in out and "<b>1" not in out
    assert 'onclick="x' not in items and "javascript:" not in items
    assert 'href="sources?article=a"' in H.brief_list_html([{"text": "t", "href": "sources?article=a"}])


def test_sources_links_keep_filters_and_language():
    href = sources_href("a_1", 10.0, 42.0, filters=Filters(countries=("MLI",)), lang="en")
    assert href == "sources?countries=MLI&lang=en&article=a_1&span=10-42"
    assert sources_href("a_1", None, None) == "sources?article=a_1"
    assert sources_href("a 1&x", float("nan"), 3) == "sources?article=a+1%26x"


def test_plotly_spec_cannot_close_its_script():
    spec = json.dumps({"data": [{"type": "bar", "text": [f"</script>{XSS}\u2028"]}], "layout": {}})
    data = H.plotly_parts(spec, {"toImageButtonOptions": {"filename": "x</script>"}}, 'chart-a"b', 300)
    assert "<script" not in data["html"] and data["id"] == "chart-a-b" and 'id="chart-a-b"' in data["html"]
    assert json.loads(data["json"]["spec"])["data"][0]["text"][0] == f"</script>{XSS}\u2028"  # data, not code
    out = H.as_html(data)  # as the tests read it: the JSON texts cannot close their script
    body = out.split('-spec">', 1)[1].split("</script>", 1)[0]
    assert json.loads(body)["data"][0]["text"][0] == f"</script>{XSS}\u2028"  # same data back
    assert "<" not in body and ">" not in body
    assert out.count("</script>") == 2  # spec, config: no code


def test_chart_pages_start_loading_the_same_bundle_the_charts_wait_for():
    from dashboard import components

    chart = H.plotly_parts("{}", {}, "chart-x", 300)
    assert H.PLOTLY_BUNDLE["url"] == chart["url"] == H.PLOTLY_JS_URL
    assert H.PLOTLY_BUNDLE["script_id"] == chart["script_id"] == "plotly-basic-js"
    # the chart's loader reuses the script element the header created, rather than adding a second one
    for name in ("chart", "preload"):
        assert "getElementById(scriptId)" in components.source(name) and "loadBundle(data.url, data.script_id" in \
            components.source(name)


def test_spans_view_from_tables(tmp_path):
    views = views_of(read_tables(write_tables(tmp_path, hostile_articles())))
    spans_ = views["spans"]
    assert set(spans_["span_type"]) == {"figure", "decision", "event", "actor"}
    text = read_text(tmp_path, "a_xss")
    for row in spans_[spans_["article_id"] == "a_xss"].itertuples():
        assert text[row.start:row.end] == row.quote  # provenance holds for every span
    out = H.article_html(text, spans_[spans_["article_id"] == "a_xss"].to_dict("records"), "fr")
    assert "<script" not in out and out.count("&lt;script&gt;") == text.count("<script>")
    assert isinstance(spans_, pd.DataFrame)
