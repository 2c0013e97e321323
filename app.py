"""Router: page config, navigation, and the shared sidebar (language, filters, presentation mode).

Run with ``streamlit run app.py``. Language, presentation mode and filters live in the
URL (``?lang=en&present=1&countries=MLI,BFA…``) so a link reproduces a view.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from dashboard.preload import start_run

start_run()  # before any other dashboard import (concurrent first sessions); one published build per run

from dashboard import loaders, ui  # noqa: E402
from dashboard.filters import sidebar_filters  # noqa: E402
from presentation.i18n import LANGS, normalize_language, t, tn  # noqa: E402

PAGES = Path(__file__).resolve().parent / "app_pages"
ICON = str(Path(__file__).resolve().parent / "dashboard" / "icon.png")  # local file: a material icon favicon is fetched from Google
TRUE = ("1", "true", "yes", "on")

# First run of a session: the URL decides; afterwards the widgets (in session state) do.
if "lang" not in st.session_state:
    st.session_state["lang"] = normalize_language(st.query_params.get("lang")) or "fr"
if "present" not in st.session_state:
    st.session_state["present"] = str(st.query_params.get("present", "")).lower() in TRUE
lang = normalize_language(st.session_state["lang"]) or "fr"
present = bool(st.session_state["present"])

st.set_page_config(page_title=t("app.title", lang), page_icon=ICON, layout="wide",
                   initial_sidebar_state="collapsed" if present else "expanded")


def page(file: str, key: str, icon: str, url_path: str, default: bool = False) -> st.Page:
    return st.Page(PAGES / file, title=t(f"nav.{key}", lang), icon=icon, url_path=url_path, default=default)


# The overview is served at the root; its own name, "home", appears in no URL (a default page's
# path is always ""), so that /overview, the address people type or share, can be a page of its
# own that opens the root, filters kept, instead of Streamlit's "Page not found" dialog.
overview = page("overview.py", "overview", ":material/dashboard:", "home", default=True)


def overview_address() -> None:
    st.switch_page(overview, query_params=st.query_params.to_dict())


navigation = st.navigation([
    overview,
    st.Page(overview_address, title=t("nav.overview", lang), url_path="overview", visibility="hidden"),
    page("map.py", "map", ":material/map:", "map"),
    page("needs.py", "needs", ":material/bar_chart:", "needs"),
    page("decisions.py", "decisions", ":material/task_alt:", "decisions"),
    page("timeline.py", "timeline", ":material/timeline:", "timeline"),
    page("actors.py", "actors", ":material/groups:", "actors"),
    page("sources.py", "sources", ":material/article:", "sources"),
], position="hidden" if present else "sidebar")

ui.inject_style(present, lang)
with st.sidebar:
    ui.preload_bundle(navigation.url_path)
    st.segmented_control(t("app.language", lang), LANGS, key="lang", required=True, format_func=str.upper)
    st.toggle(t("app.presentation", lang), key="present", help=t("app.presentation_help", lang))
    st.html(f'<div class="section-title">{t("filters.title", lang)}</div>')
    sidebar_filters(loaders.filter_options(), lang=lang)
    for problem in loaders.table_problems():
        st.warning(t("app.table_problem", lang, problem=problem))
    st.caption(tn("app.data_status", loaders.article_count(), lang))

if lang != "fr":
    st.query_params["lang"] = lang
elif "lang" in st.query_params:
    del st.query_params["lang"]
if present:
    st.query_params["present"] = "1"
    exit_query = urlencode({k: v for k, v in st.query_params.to_dict().items() if k != "present"})
    st.html(f'<a class="present-exit" href="?{exit_query}" target="_self">{t("app.presentation_exit", lang)}</a>')
elif "present" in st.query_params:
    del st.query_params["present"]

navigation.run()
