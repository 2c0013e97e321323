"""Pure HTML builders for what Streamlit has no element for (cards, lists, legends, the
article viewer). Every piece of article text is escaped here; tests check it.
"""
from __future__ import annotations

import json
import re

from dashboard.i18n import t
from dashboard.safe import esc

SPAN_ORDER = ("figure", "decision", "event", "actor")
_SPAN_PARAM = re.compile(r"^(\d{1,9})-(\d{1,9})$")


def cards_html(items: list[dict]) -> str:
    """Key-figure cards from dicts with ``label``, ``value``, ``note`` and optional ``css``."""
    parts = "".join(
        f'<div class="kf-card {esc(item.get("css", ""))}"><div class="kf-label">{esc(item["label"])}</div>'
        f'<div class="kf-value">{esc(item["value"])}</div><div class="kf-note">{esc(item.get("note", ""))}</div></div>'
        for item in items)
    return f'<div class="kf-row">{parts}</div>'


def legend_html(items: list[tuple[list[int], str]], title: str | None = None) -> str:
    def rgba(color):
        alpha = (color[3] if len(color) > 3 else 255) / 255
        return f"rgba({int(color[0])},{int(color[1])},{int(color[2])},{alpha:.2f})"

    swatches = "".join(f'<span class="lg-item"><span class="lg-swatch" style="background:{rgba(c)}"></span>'
                       f"{esc(label)}</span>" for c, label in items)
    head = f'<span class="lg-title">{esc(title)}</span>' if title else ""
    return f'<div class="map-legend">{head}{swatches}</div>'


_SCHEME = re.compile(r"^\s*[a-zA-Z][a-zA-Z0-9+.\-]*:")


def safe_href(href: str) -> bool:
    """Relative links (the app's own pages) and http(s) only: no javascript:, data:…"""
    href = str(href or "")
    return not _SCHEME.match(href) or href.lower().startswith(("http://", "https://"))


def brief_list_html(items: list[dict]) -> str:
    """A compact list: dicts with ``when``, ``text``, ``meta`` and optional ``pill`` and ``href``."""
    lis = []
    for item in items:
        pill = f'<span class="pill">{esc(item["pill"])}</span>' if item.get("pill") else ""
        text = esc(item["text"])
        if item.get("href") and safe_href(item["href"]):
            text = f'<a href="{esc(item["href"])}" target="_self">{text}</a>'
        lis.append(f'<li><span class="when">{esc(item.get("when", ""))}</span> {pill}<br>{text}'
                   f'<br><span class="meta">{esc(item.get("meta", ""))}</span></li>')
    return f'<ul class="brief-list">{"".join(lis)}</ul>'


def parse_span_param(value) -> tuple[int, int] | None:
    """``"120-154"`` → (120, 154); anything else → None."""
    match = _SPAN_PARAM.match(str(value or "").strip())
    if not match:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    return (start, end) if end > start else None


def span_anchor(start: int, end: int) -> str:
    return f"span-{int(start)}-{int(end)}"


def row_anchor(span: dict) -> str:
    return f"row-{span['span_type']}-{re.sub(r'[^A-Za-z0-9_-]', '', str(span['row_id']))}-{int(span['start'])}"


def clean_spans(spans: list[dict], text_length: int) -> list[dict]:
    """Spans inside the text, with a known type, start < end; sorted by position."""
    kept = []
    for span in spans:
        try:
            start, end = int(span["start"]), int(span["end"])
        except (TypeError, ValueError, KeyError):
            continue
        if span.get("span_type") in SPAN_ORDER and 0 <= start < end <= text_length:
            kept.append({**span, "start": start, "end": end})
    return sorted(kept, key=lambda s: (s["start"], -(s["end"] - s["start"]), SPAN_ORDER.index(s["span_type"])))


def article_html(text: str, spans: list[dict], lang: str, *, focus: tuple[int, int] | None = None) -> str:
    """The article text, escaped, with each extracted span highlighted by type.

    Each span starts with an anchor ``span-<start>-<end>`` (what ``?span=`` names) and
    links to its row in the list (``row-…``); overlapping spans are marked on the
    innermost one and underlined for the outer ones.
    """
    spans = clean_spans(spans, len(text))
    bounds = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    type_label = {k: t(f"sources.span.{k}", lang) for k in SPAN_ORDER}
    out: list[str] = []
    anchored: set[str] = set()
    for a, b in zip(bounds, bounds[1:]):
        for span in spans:
            anchor = span_anchor(span["start"], span["end"])
            if span["start"] == a and anchor not in anchored:
                anchored.add(anchor)
                out.append(f'<span class="sp-anchor" id="{anchor}"></span>')
        segment = esc(text[a:b])
        covering = [s for s in spans if s["start"] <= a and s["end"] >= b]
        if not covering:
            out.append(segment)
            continue
        primary = min(covering, key=lambda s: (s["end"] - s["start"], SPAN_ORDER.index(s["span_type"])))
        classes = ["sp", f"sp-{primary['span_type']}"]
        if len(covering) > 1:
            classes.append("sp-nested")
        if focus and any((s["start"], s["end"]) == tuple(focus) for s in covering):
            classes.append("sp-focus")
        title = " · ".join(dict.fromkeys(type_label[s["span_type"]] for s in covering))
        out.append(f'<a class="{" ".join(classes)}" href="#{row_anchor(primary)}" title="{esc(title)}">{segment}</a>')
    legend = "".join(f'<span class="sp-{k}">{esc(type_label[k])}</span>' for k in SPAN_ORDER)
    return f'<div class="span-legend">{legend}</div><div class="article-view">{"".join(out)}</div>'


def rows_html(spans: list[dict], lang: str, *, focus: tuple[int, int] | None = None) -> str:
    """The extracted rows of one article, grouped by type, each linking to its span."""
    blocks = []
    for span_type in SPAN_ORDER:
        rows = [s for s in spans if s["span_type"] == span_type]
        if not rows:
            continue
        items = []
        for s in rows:
            is_focus = focus is not None and (s["start"], s["end"]) == tuple(focus)
            items.append(
                f'<div class="row{" focus" if is_focus else ""}" id="{row_anchor(s)}">'
                f'<span class="kind sp-{span_type}">{esc(t(f"sources.span.{span_type}", lang))}</span> '
                f'{esc(s.get("label") or "")}<br>'
                f'<a href="#{span_anchor(s["start"], s["end"])}">{esc(t("sources.to_span", lang))}</a> '
                f'<span class="meta">« {esc(s.get("quote") or "")} »</span></div>')
        blocks.append("".join(items))
    return f'<div class="rows-list">{"".join(blocks)}</div>'


PLOTLY_JS_URL = "app/static/plotly-basic.min.js"
_JSON_IN_HTML = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                               "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_for_html(payload: str) -> str:
    """JSON text that cannot end its <script> element or open markup (<, >, & as \\u escapes)."""
    return payload.translate(_JSON_IN_HTML)


def plotly_preload_html() -> str:
    """Start loading the shipped plotly.js bundle now (a chart page's header), so that it is
    parsed while the page's other elements arrive; plotly_html draws once it has loaded."""
    return (
        "<script>(function () {"
        "  if (window.Plotly || document.getElementById('plotly-basic-js')) return;"
        "  const script = document.createElement('script');"
        "  script.id = 'plotly-basic-js';"
        f"  script.src = new URL('{PLOTLY_JS_URL}', document.baseURI).href;"
        "  document.head.appendChild(script);"
        "})();</script>"
    )


def plotly_html(spec_json: str, config: dict, element_id: str, height: int) -> str:
    """A plotly chart drawn by the shipped plotly.js basic bundle.

    The figure travels as JSON in a ``type="application/json"`` script (never executed,
    escaped so article text cannot close it); a fixed loader script (no data in it) loads
    the bundle once per page and draws every chart waiting for it.
    """
    safe_id = re.sub(r"[^A-Za-z0-9_-]", "-", element_id)
    config_json = json_for_html(json.dumps(config))
    return (
        f'<div id="{safe_id}" class="pb-chart" style="width:100%;height:{int(height)}px"></div>'
        f'<script type="application/json" id="{safe_id}-spec">{json_for_html(spec_json)}</script>'
        f'<script type="application/json" id="{safe_id}-config">{config_json}</script>'
        "<script>(function () {"
        f"  const id = '{safe_id}';"
        "  function draw() {"
        "    const el = document.getElementById(id);"
        "    if (!el) return;"
        "    const spec = JSON.parse(document.getElementById(id + '-spec').textContent);"
        "    const config = JSON.parse(document.getElementById(id + '-config').textContent);"
        "    window.Plotly.react(el, spec.data, spec.layout, config);"
        "  }"
        "  if (window.Plotly) { draw(); return; }"
        "  let script = document.getElementById('plotly-basic-js');"
        "  if (!script) {"
        "    script = document.createElement('script');"
        "    script.id = 'plotly-basic-js';"
        f"    script.src = new URL('{PLOTLY_JS_URL}', document.baseURI).href;"
        "    document.head.appendChild(script);"
        "  }"
        "  script.addEventListener('load', draw);"
        "})();</script>"
    )


def svg_html(svg_markup: str, element_id: str) -> str:
    """An SVG document (dashboard.svgmap) on a page. st.html's sanitiser keeps only HTML
    (it drops <svg>), so the markup travels as inert JSON and a fixed script (no data in it)
    parses it as XML (DOMParser: nothing in it runs) and inserts the <svg> element."""
    safe_id = re.sub(r"[^A-Za-z0-9_-]", "-", element_id)
    return (
        f'<div id="{safe_id}" class="svg-map"></div>'
        f'<script type="application/json" id="{safe_id}-svg">{json_for_html(json.dumps(svg_markup))}</script>'
        "<script>(function () {"
        f"  const el = document.getElementById('{safe_id}');"
        "  if (!el) return;"
        f"  const markup = JSON.parse(document.getElementById('{safe_id}-svg').textContent);"
        "  const svg = new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement;"
        "  if (svg.namespaceURI !== 'http://www.w3.org/2000/svg' || svg.localName !== 'svg') return;"
        "  el.replaceChildren(document.importNode(svg, true));"
        "})();</script>"
    )
