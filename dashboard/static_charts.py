"""Charts drawn once on the server as SVG pictures, so a page shows them at once.

plotly.js takes 0.3–0.6 s of the browser's time to load and lay out a page's charts. A chart
whose picture is ready is shown as that picture (an inert ``<img>``: nothing in it can run);
plotly.js loads once the page is idle and draws the live chart, with its tooltips and image
button, as soon as a user points at, touches or focuses it (dashboard.html.plotly_parts).
Pictures are made by kaleido in a background thread after the first time a chart is shown
live, and kept per figure and size, so no page ever waits for them. No Streamlit here.

Off when no Chromium is found (dashboard.kaleido_export.find_chromium) or when
``SAHEL_STATIC_CHARTS=0``.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor

from dashboard.kaleido_export import chart_image, find_chromium

ENV = "SAHEL_STATIC_CHARTS"
MAX_PICTURES = 128  # a few KB each
log = logging.getLogger(__name__)

_lock = threading.Lock()
_pictures: OrderedDict[tuple, str] = OrderedDict()
_pending: dict[tuple, Future] = {}
_failed: set[tuple] = set()
_executor: ThreadPoolExecutor | None = None


def enabled() -> bool:
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "false", "no", "off") and find_chromium() is not None


def picture_key(spec_json: str, width: int, height: int) -> tuple:
    return hashlib.sha256(spec_json.encode("utf-8")).hexdigest(), int(width), int(height)


def export_svg(spec_json: str, width: int, height: int, chromium: str) -> str:
    """The chart as an SVG document, drawn by plotly.js in Chromium (kaleido), ``width`` ×
    ``height`` CSS pixels."""
    svg = chart_image(json.loads(spec_json), chromium, format="svg", width=int(width), height=int(height))
    text = svg.decode("utf-8") if isinstance(svg, bytes) else str(svg)
    if not text.lstrip().startswith("<svg"):
        raise ValueError("kaleido returned no SVG")
    return text


def _export(key: tuple, spec_json: str, chromium: str) -> None:
    try:
        svg = export_svg(spec_json, key[1], key[2], chromium)
    except Exception as exc:  # a picture is an optimisation: the live chart still draws
        log.warning("static chart %s×%s not drawn: %s: %s", key[1], key[2], type(exc).__name__, exc)
        with _lock:
            _failed.add(key)
            _pending.pop(key, None)
        return
    with _lock:
        _pictures[key] = svg
        while len(_pictures) > MAX_PICTURES:
            _pictures.popitem(last=False)
        _pending.pop(key, None)


def picture(spec_json: str, width: int, height: int, *, schedule: bool = True) -> str | None:
    """The chart's SVG if it has been drawn; otherwise None, and (``schedule``) it is drawn in
    the background for the next time."""
    key = picture_key(spec_json, width, height)
    with _lock:
        found = _pictures.get(key)
        if found is not None:
            _pictures.move_to_end(key)
            return found
        if not schedule or key in _pending or key in _failed:
            return None
    if not enabled():
        return None
    global _executor
    with _lock:
        if key in _pending:
            return None
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="static-charts")
        _pending[key] = _executor.submit(_export, key, spec_json, find_chromium())
    return None


def wait(timeout: float = 60.0) -> None:
    """Wait for the pictures being drawn (tests and benchmarks)."""
    with _lock:
        futures = list(_pending.values())
    for future in futures:
        future.result(timeout=timeout)


def clear() -> None:
    wait()
    with _lock:
        _pictures.clear()
        _failed.clear()
