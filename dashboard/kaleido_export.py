"""Plotly figures as pictures through kaleido 1.x and a local Chromium (Debian's
/usr/bin/chromium): one sync server per process, shared by the briefing pack (PNG) and the
pages' static charts (SVG, dashboard.static_charts). Nothing here leaves the machine."""
from __future__ import annotations

import atexit
import os
import shutil
import threading
from pathlib import Path

CHROMIUM_ENV = "SAHEL_CHROMIUM"
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """Chromium for kaleido: $SAHEL_CHROMIUM if set (and only then), else the first on PATH."""
    wanted = os.environ.get(CHROMIUM_ENV, "").strip()
    if wanted:
        return wanted if Path(wanted).is_file() and os.access(wanted, os.X_OK) else None
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


_kaleido_lock = threading.Lock()
_kaleido_browser: list[str] = []  # the browser the running sync server uses


def _stop_kaleido() -> None:
    import kaleido

    if _kaleido_browser:
        kaleido.stop_sync_server(silence_warnings=True)
        _kaleido_browser.clear()


def chart_image(fig, chromium: str, *, format: str = "png", width: int = 1000, height: int = 430,
                scale: int = 1) -> bytes:
    """A plotly figure (go.Figure or its dict) as PNG or SVG through kaleido's sync server (one
    Chromium per process, shared with dashboard.static_charts)."""
    import kaleido

    with _kaleido_lock:
        if _kaleido_browser and _kaleido_browser[0] != chromium:
            _stop_kaleido()
        if not _kaleido_browser:
            kaleido.start_sync_server(path=chromium, mathjax=False, silence_warnings=True)
            if not getattr(chart_image, "_atexit", False):
                atexit.register(_stop_kaleido)
                chart_image._atexit = True
            _kaleido_browser.append(chromium)
        return kaleido.calc_fig_sync(fig, opts=dict(format=format, width=width, height=height, scale=scale))


def svg_png(svg: str, chromium: str, *, width: int, height: int, scale: int = 2) -> bytes:
    """An SVG document (dashboard.maps.map_svg) as PNG, drawn by the same Chromium: the SVG is
    the only thing on an empty plotly figure of its size (a layout image), which kaleido draws."""
    import base64

    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    figure = {"data": [], "layout": {
        "width": width, "height": height, "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "xaxis": {"visible": False}, "yaxis": {"visible": False}, "paper_bgcolor": "white", "plot_bgcolor": "white",
        "images": [{"source": source, "xref": "paper", "yref": "paper", "x": 0, "y": 1, "sizex": 1, "sizey": 1,
                    "xanchor": "left", "yanchor": "top", "sizing": "stretch", "layer": "above"}]}}
    return chart_image(figure, chromium, format="png", width=width, height=height, scale=scale)
