"""Sources: every article with its metadata, and a viewer that highlights each extracted
span by type (figure, decision, event, actor), with links both ways between row and span.
Reachable as ``sources?article=<article_id>&span=<start>-<end>``. Editors add articles and
correct or reject extracted rows here (dashboard.intake_ui)."""
import streamlit as st

from dashboard.preload import start_run

start_run()  # modules imported once for all sessions, one published build for this run

from dashboard import feeds_ui, intake_ui, loaders, ui  # noqa: E402
from dashboard.downloads import download_buttons  # noqa: E402
from dashboard.filters import ARTICLE_CHOICES, article_choices, current_filters  # noqa: E402
from presentation.formatting import fmt_date, fmt_number  # noqa: E402
from dashboard.html import article_html, parse_span_param, rows_html, span_anchor  # noqa: E402
from presentation.i18n import current_language, t, tn  # noqa: E402
from presentation.safe import safe_url  # noqa: E402

lang = current_language()
principal = intake_ui.editor(lang)
if not ui.has_articles():  # the empty state, and the way to add the first article
    ui.page_header(t("sources.title", lang))
    ui.empty_state(lang)
    intake_ui.add_article_panel(lang, principal, expanded=True)
    intake_ui.add_by_url_panel(lang, principal)
    st.stop()
filters = current_filters()
articles = loaders.filtered("articles", filters)
ui.page_header(t("sources.title", lang), tn("sources.subtitle", len(articles), lang))
intake_ui.flash(lang)
intake_ui.add_article_panel(lang, principal)
intake_ui.add_by_url_panel(lang, principal)
feeds_ui.freshness_panel(lang)
frame, config, total = loaders.display_table("articles", filters, lang)
ui.table(frame, config, lang, key="articles", height=250, views=("articles",), params=(filters,))
if total > len(frame):
    ui.caption(t("common.rows_shown", lang, shown=len(frame), total=total))
download_buttons(articles, name=t("exports.file_articles", lang), hxl_table="articles")

ids = articles["article_id"].tolist()  # newest first, as the articles view is
titles = dict(zip(ids, articles["title"].fillna(articles["source_file"])))
wanted = st.query_params.get("article")
if wanted in ids and st.session_state.get("_sources_from_url") != wanted:
    st.session_state["source_article"] = wanted  # a link names the article: show it
    st.session_state["_sources_from_url"] = wanted
if not ids:
    ui.caption(t("empty.filtered", lang))
    st.stop()
choices = article_choices(titles, [wanted, st.session_state.get("source_article")])  # the newest, and the one asked
newest_only = t("sources.pick_newest", lang, n=fmt_number(ARTICLE_CHOICES, lang), total=fmt_number(len(ids), lang))
article_id = st.selectbox(t("sources.pick", lang), choices, key="source_article", format_func=lambda a: titles.get(a) or a,
                          help=newest_only if len(ids) > len(choices) else None)
focus = parse_span_param(st.query_params.get("span")) if article_id == wanted else None
if article_id != wanted:
    st.query_params["article"] = article_id
    st.query_params.pop("span", None)

text = loaders.load_article_text(article_id)
if text is None:
    st.warning(t("sources.no_text", lang, article=article_id))
    st.stop()
meta = articles[articles["article_id"] == article_id].iloc[0]
ui.caption(t("sources.meta", lang, published=fmt_date(meta["published_date"], meta["published_precision"], lang),
             source=meta["source"] or "—", file=meta["source_file"] or "—", n=fmt_number(len(text), lang),
             url=safe_url(meta["url"]) or "—"))
feeds_ui.story_note(loaders.load_table("articles"), article_id, lang)
spans = loaders.load_view("spans")
spans = spans[spans["article_id"] == article_id].to_dict("records")
viewer, listing = st.columns([1.7, 1], gap="medium")
with viewer:
    ui.section(t("sources.viewer", lang))
    with st.container(height=620, key="article_view"):
        st.html(article_html(text, spans, lang, focus=focus))
with listing:
    ui.section(t("sources.rows", lang, n=len(spans)))
    with st.container(height=620, key="rows_view"):
        if spans:
            st.html(rows_html(spans, lang, focus=focus))
        else:
            ui.caption(t("sources.no_rows", lang))
intake_ui.rejected_toggle(lang)
intake_ui.correction_panel(article_id, principal, lang)
if focus:  # our own script (no article text in it): bring the linked span into view
    st.html(f"<script>setTimeout(() => document.getElementById('{span_anchor(*focus)}')"
            "?.scrollIntoView({block: 'center'}), 300);</script>", unsafe_allow_javascript=True)
