"""What the Streamlit session knows about its reader: language and time zone.

The pure side (presentation.i18n, presentation.formatting) never imports Streamlit; it asks
here. dashboard/__init__.py registers ``session_language`` as the catalogue's language source,
so importing any dashboard module makes ``t(key)`` follow the session. Streamlit is imported
lazily, when a function is called.
"""
from __future__ import annotations

from presentation.i18n import DEFAULT_LANG, normalize_language

SESSION_KEY = "lang"
QUERY_KEY = "lang"


def session_language() -> str:
    """The language of this session: session state, then the ``lang`` query parameter, then French."""
    try:
        import streamlit as st
        from streamlit.runtime.scriptrunner import get_script_run_ctx
    except ImportError:
        return DEFAULT_LANG
    if get_script_run_ctx(suppress_warning=True) is None:
        return DEFAULT_LANG
    lang = normalize_language(st.session_state.get(SESSION_KEY))
    if lang:
        return lang
    return normalize_language(st.query_params.get(QUERY_KEY)) or DEFAULT_LANG


def browser_timezone() -> str | None:
    """The reader's browser time zone name, None outside a session or when the browser did not say."""
    try:
        import streamlit as st

        return st.context.timezone
    except Exception:  # outside a session
        return None
