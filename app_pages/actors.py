"""Acteurs: people and organisations, their roles and countries, and the articles that
mention them (pick an actor, or follow the link in its row, to read the mentions, each
linking to its passage). Reachable as ``actors?actor=<actor_id>``."""
import streamlit as st

from dashboard.preload import start_run

start_run()  # modules imported once for all sessions, one published build for this run

from dashboard import charts, loaders, tables, ui  # noqa: E402
from dashboard.briefing import source_of, sources_href  # noqa: E402
from dashboard.downloads import download_buttons  # noqa: E402
from dashboard.filters import current_filters  # noqa: E402
from dashboard.html import brief_list_html  # noqa: E402
from presentation.i18n import current_language, t, tn  # noqa: E402

ACTOR_VIEWS = ("actors", "actor_mentions")
lang = current_language()
ui.require_articles(t("actors.title", lang), lang)
filters = current_filters()
actors = loaders.actors_shown(filters)  # built once per tables × filters (cached), not on every rerun
ui.page_header(t("actors.title", lang), tn("actors.subtitle", len(actors), lang))

left, right = st.columns([1, 1.6], gap="medium")
with left:
    box = (546, 661)  # its column's box at 1920×1080 (normal, presentation)
    ui.plot(lambda: charts.actors_figure(actors, lang, title=t("actors.chart", lang), top=15, width=box[0]),
            "acteurs" if lang == "fr" else "actors", key="chart_actors", views=ACTOR_VIEWS, params=(filters, lang),
            width=box)
with right:
    if actors.empty:
        ui.caption(t("empty.filtered", lang))
        st.stop()
    frame, actor_ids, config = loaders.memo("actors_table", ACTOR_VIEWS, (filters, lang),
                                            lambda: tables.actors_table(actors, lang, filters=filters))
    names = dict(zip(actor_ids, frame[t("col.actor", lang)]))
    wanted = st.query_params.get("actor")
    if wanted in names and st.session_state.get("_actors_from_url") != wanted:
        st.session_state["actor_pick"] = wanted  # a link names the actor: open their mentions
        st.session_state["_actors_from_url"] = wanted
    actor_id = st.selectbox(t("actors.pick", lang), [None, *actor_ids], key="actor_pick", help=t(
        "actors.select_help", lang), format_func=lambda a: names.get(a, t("actors.pick_none", lang)))
    if actor_id != wanted:  # the URL names the actor shown, so a copied link opens the same view
        if actor_id:
            st.query_params["actor"] = actor_id
        else:
            st.query_params.pop("actor", None)
    if actor_id:
        chosen = loaders.actor_mentions(actor_id, filters)
        ui.section(t("actors.mentions_title", lang, name=names[actor_id]))
        with st.container(height=300 if len(chosen) > 4 else "content", key="actor_mentions"):
            st.html(brief_list_html([{
                "when": source_of(r, lang, 80), "text": f"« {r.get('quote') or r.get('mention') or ''} »",
                "meta": r.get("role") or "", "href": sources_href(r["article_id"], r.get("char_start"),
                                                                  r.get("char_end"), filters=filters, lang=lang)}
                for r in chosen.to_dict("records")]))
    ui.table(frame, config, lang, key="actors", height=480 if actor_id else 560, views=ACTOR_VIEWS, params=(filters,))
    download_buttons(actors, name=t("exports.file_actors", lang), hxl_table="actors")
