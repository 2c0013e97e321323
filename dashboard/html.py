"""Pure HTML builders for what Streamlit has no element for (cards, lists, legends, the
article viewer). Every piece of article text is escaped here; tests check it.
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from pathlib import Path

from presentation.formatting import fmt_number, is_missing
from presentation.i18n import t
from presentation.safe import esc

SPAN_ORDER = ("figure", "decision", "event", "actor")
_SPAN_PARAM = re.compile(r"^(\d{1,9})-(\d{1,9})$")


def cards_html(items: list[dict]) -> str:
    """Key-figure cards from dicts with ``label``, ``value``, ``note`` and optional ``extra`` (a second
    note: the official figure beside the press one) and ``css``."""
    parts = "".join(
        f'<div class="kf-card {esc(item.get("css", ""))}"><div class="kf-label">{esc(item["label"])}</div>'
        f'<div class="kf-value">{esc(item["value"])}</div><div class="kf-note">{esc(item.get("note", ""))}</div>'
        + (f'<div class="kf-extra">{esc(item["extra"])}</div>' if item.get("extra") else "") + "</div>"
        for item in items)
    return f'<div class="kf-row">{parts}</div>'


def legend_html(items, title: str | None = None) -> str:
    """A map legend from (colour, text) pairs or (kind, colour, text) triples (dashboard.maps:
    ``fill``, ``dot``, ``ring``, ``line``, ``admin1``)."""
    def rgba(color):
        alpha = (color[3] if len(color) > 3 else 255) / 255
        return f"rgba({int(color[0])},{int(color[1])},{int(color[2])},{alpha:.2f})"

    swatches = []
    for item in items:
        kind, color, label = item if len(item) == 3 else ("fill", *item)
        swatches.append(f'<span class="lg-item"><span class="lg-swatch lg-{esc(kind)}" style="background:{rgba(color)};'
                        f'--lg-c:{rgba(color)}"></span>{esc(label)}</span>')
    head = f'<span class="lg-title">{esc(title)}</span>' if title else ""
    return f'<div class="map-legend">{head}{"".join(swatches)}</div>'


def map_notes_html(listed: list[tuple[int, str]], caption: str) -> str:
    """Under the live map: the numbered labels that found no place on it, then its caption."""
    numbered = "".join(f'<li value="{int(n)}">{esc(text)}</li>' for n, text in listed if n)
    other = "".join(f"<div>{esc(text)}</div>" for n, text in listed if not n)
    return (f'<div class="map-notes">{f"<ol>{numbered}</ol>" if numbered else ""}{other}'
            f'<div class="src-caption">{esc(caption)}</div></div>')


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


PLOTLY_BUNDLE = {"url": PLOTLY_JS_URL, "script_id": "plotly-basic-js", "global": "Plotly"}


def _component_id(element_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", element_id)


def parts(element_id: str, markup: str, **json_texts: str) -> dict:
    """The data of one of the dashboard's components (dashboard.components): its markup (escaped
    here), the id of its root element in it, JSON texts by name (figures, table cells: data,
    never code), and a digest of them all (the script redraws only when it changes)."""
    digest = hashlib.blake2b(digest_size=12)
    for piece in (element_id, markup, *(f"{k}\0{v}" for k, v in sorted(json_texts.items()))):
        digest.update(piece.encode("utf-8"))
        digest.update(b"\1")
    return {"id": element_id, "digest": digest.hexdigest(), "html": markup, "json": json_texts}


def as_html(data: dict) -> str:
    """A component's data (parts) as one piece of markup, each JSON text in a
    ``type="application/json"`` script named ``<id>-<name>``: what the tests read."""
    scripts = "".join(f'<script type="application/json" id="{data["id"]}-{name}">{json_for_html(text)}</script>'
                      for name, text in (data.get("json") or {}).items())
    return f'{data.get("html", "")}{scripts}'


def plotly_parts(spec_json: str, config: dict, element_id: str, height: int, *, picture: str | None = None,
                 alt: str = "") -> dict:
    """A plotly chart drawn by the shipped plotly.js basic bundle: the data of the ``chart``
    component (dashboard/components/chart.js, see dashboard.components.parts).

    The figure and config travel as JSON texts in the component's data (never executed); the
    script loads the bundle once per page and draws the chart.

    With ``picture`` (the same chart as an SVG document, dashboard.static_charts), the chart is
    first shown as that picture, an ``<img>`` (inert: nothing in it runs or loads), laid over
    the chart's box; plotly.js loads once the page is idle, and draws the live chart (tooltips,
    image button) under the picture, which is then removed, as soon as a user points at,
    touches or focuses the chart.
    """
    safe_id = _component_id(element_id)
    still, focusable = "", ""
    if picture:  # focusable, so a keyboard user can bring the live chart too
        focusable = ' tabindex="0"'
        data = base64.b64encode(picture.encode("utf-8")).decode("ascii")
        still = f'<img class="pb-static" alt="{esc(alt)}" src="data:image/svg+xml;base64,{data}">'
    markup = (f'<div id="{safe_id}" class="pb-chart" style="width:100%;height:{int(height)}px"'
              f'{focusable}>{still}</div>')
    return {**parts(safe_id, markup, spec=spec_json, config=json.dumps(config)),
            "url": PLOTLY_BUNDLE["url"], "script_id": PLOTLY_BUNDLE["script_id"]}


DECK_JS_URL = "app/static/deckgl.min.js"


def deck_parts(spec_json: str, tooltip: dict, element_id: str, height: int, *, picture: str, alt: str = "") -> dict:
    """A deck.gl map drawn by deck.gl's own bundle as pydeck ships it (copied into static/ by
    ``make install``, see dashboard.assets), first shown as its ``picture`` (dashboard.maps.map_svg:
    the same map as SVG, an inert ``<img>``, not scaled: deck.gl keeps the zoom and shows more
    or less around the centre in a wider or narrower box).

    The data of the ``map`` component (dashboard/components/map.js): the spec and tooltip
    travel as JSON texts in it (never executed); the script loads deck.gl once the page is drawn and idle, or at
    once when a user points at, touches or focuses the map, and swaps the picture for the live
    map after its first frame. Tooltips are deck.gl's ``text`` tooltips: set as text, never
    parsed as markup."""
    safe_id = _component_id(element_id)
    data = base64.b64encode(picture.encode("utf-8")).decode("ascii")
    markup = (f'<div id="{safe_id}" class="pb-map" style="height:{int(height)}px" tabindex="0" role="img"'
              f' aria-label="{esc(alt)}"><div class="pb-deck"></div>'
              f'<img class="pb-static" alt="{esc(alt)}" src="data:image/svg+xml;base64,{data}"></div>')
    return {**parts(safe_id, markup, spec=spec_json, tooltip=json.dumps(tooltip)),
            "url": DECK_JS_URL, "script_id": "deckgl-js"}


def svg_parts(svg_markup: str, element_id: str) -> dict:
    """An SVG document (dashboard.maps.map_svg) on a page: the data of the ``svg`` component
    (dashboard/components/svg.js). The markup travels as a JSON text; the script parses it as
    XML (DOMParser: nothing in it runs) and inserts the <svg> element only."""
    safe_id = _component_id(element_id)
    return parts(safe_id, f'<div id="{safe_id}" class="svg-map"></div>', svg=json.dumps(svg_markup))


SORT_KEY_PREFIX = "_sort:"  # a hidden column "_sort:<name>" holds the sort key of column <name>
_WIDTH_CLASS = {"small": "w-s", "medium": "w-m", "large": "w-l"}


def sort_key_column(name: str) -> str:
    return SORT_KEY_PREFIX + name


def _config_type(spec) -> str | None:
    return ((spec or {}).get("type_config") or {}).get("type") if isinstance(spec, dict) else None


ROW_MIN_PX = 28  # a one-line row: .ht td padding and line height (style.css)


def rows_per_draw(height: int) -> int:
    """Rows drawn at first and at each scroll step: the box's height in one-line rows, and a
    few more so that it can scroll. Each row drawn costs layout time on every page load
    (80 rows took 0.3 s on the Besoins page in headless Chromium), so no more than that."""
    return max(12, math.ceil(int(height) / ROW_MIN_PX) + 8)


def table_parts(frame, config: dict, lang: str, *, element_id: str, height: int) -> dict:
    """A read-only table drawn by the ``table`` component (dashboard/components/table.js)
    instead of a canvas grid: the same
    columns and column config as st.dataframe (labels, widths, link columns, localised
    numbers, columns hidden by ``None``). The cells travel as inert JSON and are written
    with textContent (nothing in them is ever read as markup); links keep to the app's pages
    and http(s). The script draws the rows a screen at a time as the table scrolls, sorts by
    a click on a header (numbers by value, dates by their ``_sort:`` key column, text in the
    language's order) and filters as a user types (case and accents ignored)."""

    safe_id = _component_id(element_id)
    config = config or {}
    shown = [c for c in frame.columns if not str(c).startswith(SORT_KEY_PREFIX)
             and not (c in config and config[c] is None)]
    columns, head = [], []
    for name in shown:
        spec = config.get(name) if isinstance(config.get(name), dict) else {}
        kind = _config_type(spec)
        numeric = kind == "number" or (kind is None and frame[name].dtype.kind in "iuf")
        classes = " ".join(filter(None, [_WIDTH_CLASS.get(spec.get("width")), "num" if numeric else ""]))
        class_attr = f' class="{classes}"' if classes else ""
        head.append(f'<th{class_attr} aria-sort="none"><button type="button">{esc(spec.get("label") or name)}</button></th>')
        values = frame[name].tolist()
        key_name = sort_key_column(name)
        keys = (["" if is_missing(k) else str(k) for k in frame[key_name].tolist()]
                if key_name in frame.columns else None)
        texts = ["" if is_missing(v) else fmt_number(v, lang) if numeric else str(v) for v in values]
        column = {"num": numeric, "text": texts, "keys": keys}
        if kind == "link":  # the link's text is what a search reads; an unsafe target stays plain text
            link_text = (spec.get("type_config") or {}).get("display_text")
            hrefs = [text if text and safe_href(text) else None for text in texts]
            column.update(hrefs=hrefs, link_text=link_text,
                          text=[(link_text or text) if href else text for text, href in zip(texts, hrefs)])
        if numeric and keys is None:
            column["keys"] = [float(v) if not is_missing(v) and math.isfinite(float(v)) else None for v in values]
        columns.append(_shared_values(column))
    total = fmt_number(len(frame), lang)
    payload = json.dumps({"lang": lang, "n": len(frame), "columns": columns, "step": rows_per_draw(height),
                          "count": t("table.count", lang, n="{n}", total=total)},
                         ensure_ascii=False, separators=(",", ":"))
    markup = (
        f'<div id="{safe_id}" class="ht-wrap">'
        f'<div class="ht-tools"><input type="search" class="ht-search" placeholder="{esc(t("table.search", lang))}"'
        f' aria-label="{esc(t("table.search", lang))}"><span class="ht-count">'
        f'{esc(t("table.count", lang, n=total, total=total))}</span>'
        f'<span class="ht-hint">{esc(t("table.sort_hint", lang))}</span></div>'
        f'<div class="ht-scroll" style="max-height:{int(height)}px"><table class="ht">'
        f'<thead><tr>{"".join(head)}</tr></thead><tbody></tbody></table></div></div>'
    )
    return parts(safe_id, markup, data=payload)


def _shared_values(column: dict) -> dict:
    """A column's lists of repeated values (countries, statuses, kinds, dates, link labels…) sent
    once each, with each row's index into them: the payload every page load parses shrinks."""
    out = dict(column)
    for name in ("text", "keys"):
        values = column.get(name)
        if not values:
            continue
        index: dict = {}
        codes = [index.setdefault(v, len(index)) for v in values]
        if len(index) * 2 <= len(values):
            out[name] = {"values": list(index), "codes": codes}
    return out


# --------------------------------------------------------------------------- Streamlit's own words

def widget_words_html(lang: str) -> str:
    """Streamlit's front end writes a few words of its own in English whatever the page's language:
    the multiselect's « Select all » and « Select 3 matches », « No results », the « Clear all »
    and « Remove … » buttons' labels. This script, in the page once, rewrites them in ``lang``
    (catalogue keys widgets.*) as they appear, and stops when the page is in English."""
    words = {"select_all": t("widgets.select_all", lang), "select_matches": t("widgets.select_matches", lang, n="$1"),
             "no_results": t("widgets.no_results", lang), "clear_all": t("widgets.clear_all", lang),
             "remove": t("widgets.remove", lang, name="$1")}
    payload = json_for_html(json.dumps({"lang": lang, "words": words}, ensure_ascii=False))
    return (f'<script type="application/json" id="widget-words">{payload}</script>'
            + _WIDGET_WORDS_SCRIPT)


_WIDGET_WORDS_SCRIPT = "<script>" + (Path(__file__).resolve().parent / "components" / "widget_words.js").read_text(
    encoding="utf-8") + "</script>"

