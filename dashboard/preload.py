"""Import the modules the pages use once, one thread at a time, before any page runs.

Streamlit runs each session's script in its own thread. When many sessions arrive at once
on a freshly started process, their first runs import the dashboard's modules concurrently,
and Python's import locks, meeting the package's import cycles from several threads, hand a
thread a half-initialised module: "ImportError: cannot import name 'ui' from 'dashboard'"
(seen with 12 sessions opened together, tests/test_deploy.py). app.py calls ``import_all()``
first: the first run imports everything under one lock, the others wait, then find every
module complete. Nothing here imports a dashboard module at import time.

Every page calls ``start_run()`` first too, so that
a page file run on its own (tests/test_tracker_page.py) still gets it. The page files live
in app_pages/, not pages/: Streamlit would read a pages/ folder as its legacy multipage mode
and serve a page URL without app.py's st.navigation. ``start_run`` also pins the published
build for the run (dashboard.loaders.pin_build).
"""
from __future__ import annotations

import importlib
import threading

# What app.py and app_pages/*.py import at their top, and what those import lazily on every run
# (tests/test_deploy.py checks that every module a page imports is listed).
MODULES = (
    "presentation.i18n", "dashboard.reader", "presentation.safe", "presentation.dates", "presentation.formatting", "dashboard.html",
    "dashboard.filters", "dashboard.views", "dashboard.discrepancies", "dashboard.intake_views",
    "dashboard.loaders", "dashboard.tables", "dashboard.static_charts", "dashboard.components", "dashboard.ui",
    "dashboard.charts", "dashboard.maps", "dashboard.textfit", "dashboard.briefing", "presentation.exports",
    "dashboard.geojson",
    "dashboard.downloads", "dashboard.tracker_views", "dashboard.intake_ui", "dashboard.feeds_ui",
    "etl.principals", "tracker.errors", "tracker.db", "tracker.auth", "tracker.service", "tracker.corrections",
    "etl.paths", "etl.files", "etl.published", "etl.store", "etl.schema", "etl.overrides", "etl.intake", "etl.imports",
)

_lock = threading.Lock()
_done = False


def import_all() -> None:
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        for name in MODULES:
            importlib.import_module(name)
        _done = True


def start_run() -> None:
    """First thing of app.py and of every page: modules imported, one published build pinned."""
    import_all()
    from dashboard import loaders

    loaders.pin_build()
