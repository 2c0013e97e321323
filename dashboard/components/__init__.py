"""The dashboard's browser code, as Streamlit custom components (``st.components.v2``, no iframe).

Each script is a real JavaScript module in this folder (table.js, chart.js, map.js, svg.js,
preload.js; bundle.js holds the two helpers they share and is prepended to each, a component
being one module). The markup (escaped by dashboard.html) and the data travel as the
component's data, never written into the code: ``{"id", "digest", "html", "json": {name: JSON
text}}``. The components mount in the page's own DOM (``isolate_styles=False``), so the app's
style sheet applies, and everything stays offline: the scripts ship with the app and load the
bundles in static/ (plotly.js basic, deck.gl).
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

FOLDER = Path(__file__).resolve().parent
SCRIPTS = ("table", "chart", "map", "svg", "preload")


def source(name: str) -> str:
    """The module for component ``name``: bundle.js, then ``name``.js."""
    return "\n".join((FOLDER / f"{part}.js").read_text(encoding="utf-8") for part in ("bundle", name))


_COMPONENTS = {name: st.components.v2.component(f"sahel_{name}", js=source(name), isolate_styles=False)
               for name in SCRIPTS}


def mount(name: str, data: dict, *, key: str) -> None:
    """Draw component ``name`` (one of SCRIPTS) with ``data`` (dashboard.html.parts, plus what it needs)."""
    _COMPONENTS[name](data=data, key=f"sd-{name}-{key}")
