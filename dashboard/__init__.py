"""Streamlit-side support: cached loaders, chart and map builders, page parts.

Pure presentation (catalogue, formatting, exports) lives in the ``presentation`` package.
Importing this package makes the catalogue follow the session's language (dashboard.reader).
"""
from dashboard.reader import session_language
from presentation.i18n import use_language_source

use_language_source(session_language)
