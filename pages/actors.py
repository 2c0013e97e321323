"""Acteurs: people and organisations, their roles and countries, and the articles that
mention them (select a row to read the mentions, each linking to its passage)."""
import streamlit as st

from dashboard import charts, loaders, tables, ui
from dashboard.briefing import source_of, sources_href
from dashboard.downloads import download_buttons
from dashboard.filters import apply_filters, current_filters
from dashboard.html import brief_list_html
from dashboard.i18n import current_language, t

lang = current_language()
ui.require_articles(t("actors.title", lang), lang)
filters = current_filters()
actors = loaders.load_view("actors")
mentions = apply_filters(loaders.load_table("actor_mentions"), filters)
if filters.article_ids:  # keep the actors the selected articles mention
    actors = actors[actors["actor_id"].isin(set(mentions["actor_id"]))]
actors = apply_filters(actors, filters)
ui.page_header(t("actors.title", lang), t("actors.subtitle", lang, n=len(actors)), charts=True)

left, right = st.columns([1, 1.6], gap="medium")
with left:
    ui.plot(charts.actors_figure(actors, lang, title=t("actors.chart", lang), top=15),
            "acteurs" if lang == "fr" else "actors", key="chart_actors")
with right:
    if actors.empty:
        ui.caption(t("empty.filtered", lang))
        st.stop()
    frame, actor_ids, config = tables.actors_table(actors, lang)
    ui.caption(t("actors.select_help", lang))
    picked = st.dataframe(frame, column_config=config, hide_index=True, height=min(38 + 35 * len(frame), 640),
                          on_select="rerun", selection_mode="single-row", key="actors_table")
    download_buttons(actors, name=t("exports.file_actors", lang), hxl_table="actors")
    rows = picked.selection.rows if picked else []
    if rows:
        actor_id = actor_ids[rows[0]]
        chosen = mentions[mentions["actor_id"] == actor_id].merge(
            loaders.load_view("articles")[["article_id", "title", "published_date", "published_precision"]].rename(
                columns={"title": "article_title", "published_date": "article_date",
                         "published_precision": "article_date_precision"}), on="article_id", how="left")
        ui.section(t("actors.mentions_title", lang, name=frame.iloc[rows[0], 0]))
        st.html(brief_list_html([{
            "when": source_of(r, lang, 80), "text": f"« {r.get('quote') or r.get('mention') or ''} »",
            "meta": r.get("role") or "", "href": sources_href(r["article_id"], r.get("char_start"),
                                                              r.get("char_end"), filters=filters, lang=lang)}
            for r in chosen.to_dict("records")]))
