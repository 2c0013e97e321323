"""Pure HTML builders for what Streamlit has no element for (cards, lists, legends, the
article viewer). Every piece of article text is escaped here; tests check it.
"""
from __future__ import annotations

import base64
import json
import math
import re

from dashboard.formatting import fmt_number, is_missing
from dashboard.i18n import t
from dashboard.safe import esc

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


# loads a shipped bundle once per page (one <script id="__SCRIPT_ID__">), then runs ``then``
# once ``__READY__`` (the global the bundle defines) exists
_BUNDLE_JS = """function bundle(then) {
    if (__READY__) { if (then) then(); return; }
    let script = document.getElementById('__SCRIPT_ID__');
    if (!script) {
      script = document.createElement('script');
      script.id = '__SCRIPT_ID__';
      script.async = true;
      script.src = new URL('__URL__', document.baseURI).href;
      document.head.appendChild(script);
    }
    if (then) script.addEventListener('load', then);
  }"""


def bundle_loader(url: str, script_id: str, ready: str) -> str:
    """The ``bundle(then)`` function for the shipped script at ``url`` (fixed values, no data)."""
    return _BUNDLE_JS.replace("__READY__", ready).replace("__SCRIPT_ID__", script_id).replace("__URL__", url)


_PLOTLY_BUNDLE_JS = bundle_loader(PLOTLY_JS_URL, "plotly-basic-js", "window.Plotly")


def plotly_preload_html() -> str:
    """Start loading the shipped plotly.js bundle now (a chart page's header), so that it is
    parsed while the page's other elements arrive; plotly_html draws once it has loaded."""
    return f"<script>(function () {{\n  {_PLOTLY_BUNDLE_JS}\n  bundle(null);\n}})();</script>"


def plotly_html(spec_json: str, config: dict, element_id: str, height: int, *, picture: str | None = None,
                alt: str = "") -> str:
    """A plotly chart drawn by the shipped plotly.js basic bundle.

    The figure travels as JSON in a ``type="application/json"`` script (never executed,
    escaped so article text cannot close it); a fixed loader script (no data in it) loads
    the bundle once per page and draws every chart waiting for it.

    With ``picture`` (the same chart as an SVG document, dashboard.static_charts), the chart is
    first shown as that picture, an ``<img>`` (inert: nothing in it runs or loads), laid over
    the chart's box; plotly.js loads once the page is idle, and draws the live chart (tooltips,
    image button) under the picture, which is then removed, as soon as a user points at,
    touches or focuses the chart.
    """
    safe_id = re.sub(r"[^A-Za-z0-9_-]", "-", element_id)
    config_json = json_for_html(json.dumps(config))
    still, focusable = "", ""
    if picture:  # focusable, so a keyboard user can bring the live chart too
        focusable = ' tabindex="0"'
        data = base64.b64encode(picture.encode("utf-8")).decode("ascii")
        still = f'<img class="pb-static" alt="{esc(alt)}" src="data:image/svg+xml;base64,{data}">'
    return (
        f'<div id="{safe_id}" class="pb-chart" style="width:100%;height:{int(height)}px"'
        f'{focusable}>{still}</div>'
        f'<script type="application/json" id="{safe_id}-spec">{json_for_html(spec_json)}</script>'
        f'<script type="application/json" id="{safe_id}-config">{config_json}</script>'
        + _PLOTLY_SCRIPT.replace("__BUNDLE__", _PLOTLY_BUNDLE_JS).replace("__ID__", safe_id)
    )


_PLOTLY_SCRIPT = """<script>(function () {
  const id = '__ID__';
  const el = document.getElementById(id);
  if (!el || el.dataset.started) return;
  el.dataset.started = '1';
  function draw() {
    const spec = JSON.parse(document.getElementById(id + '-spec').textContent);
    const config = JSON.parse(document.getElementById(id + '-config').textContent);
    const still = el.querySelector('img.pb-static');
    Promise.resolve(window.Plotly.react(el, spec.data, spec.layout, config)).then(() => {
      if (still) still.remove();
      el.removeAttribute('tabindex');
      // a point whose customdata is a passage of the app (sources?…) opens it when clicked
      el.on('plotly_click', (event) => {
        const href = event && event.points && event.points[0] && event.points[0].customdata;
        if (typeof href === 'string' && /^sources\\?[A-Za-z0-9_.~%&=+-]*$/.test(href)) window.location.assign(href);
      });
    });
  }
  __BUNDLE__
  if (!el.querySelector('img.pb-static')) { bundle(draw); return; }
  let live = false;
  const goLive = () => { if (!live) { live = true; bundle(draw); } };
  for (const name of ['pointerenter', 'touchstart', 'focusin'])
    el.addEventListener(name, goLive, {once: true, passive: true});
  // load plotly.js once the page is drawn and idle, so that pointing at a chart is quick
  const idle = window.requestIdleCallback || (f => setTimeout(f, 200));
  setTimeout(() => idle(() => bundle(null), {timeout: 3000}), 800);
})();</script>"""


DECK_JS_URL = "app/static/deckgl.min.js"


def deck_html(spec_json: str, tooltip: dict, element_id: str, height: int, *, picture: str, alt: str = "") -> str:
    """A deck.gl map drawn by deck.gl's own bundle as pydeck ships it (copied into static/ by
    ``make install``, see dashboard.assets), first shown as its ``picture`` (dashboard.maps.map_svg:
    the same map as SVG, an inert ``<img>``, not scaled: deck.gl keeps the zoom and shows more
    or less around the centre in a wider or narrower box).

    The spec and tooltip travel as ``type="application/json"`` scripts (never executed); a
    fixed loader script (no data in it) loads deck.gl once the page is drawn and idle, or at
    once when a user points at, touches or focuses the map, and swaps the picture for the live
    map after its first frame. Tooltips are deck.gl's ``text`` tooltips: set as text, never
    parsed as markup."""
    safe_id = re.sub(r"[^A-Za-z0-9_-]", "-", element_id)
    data = base64.b64encode(picture.encode("utf-8")).decode("ascii")
    return (
        f'<div id="{safe_id}" class="pb-map" style="height:{int(height)}px" tabindex="0" role="img"'
        f' aria-label="{esc(alt)}"><div class="pb-deck"></div>'
        f'<img class="pb-static" alt="{esc(alt)}" src="data:image/svg+xml;base64,{data}"></div>'
        f'<script type="application/json" id="{safe_id}-spec">{json_for_html(spec_json)}</script>'
        f'<script type="application/json" id="{safe_id}-tooltip">{json_for_html(json.dumps(tooltip))}</script>'
        + _DECK_SCRIPT.replace("__BUNDLE__", bundle_loader(DECK_JS_URL, "deckgl-js", "window.createDeck"))
        .replace("__ID__", safe_id)
    )


_DECK_SCRIPT = """<script>(function () {
  const id = '__ID__';
  const el = document.getElementById(id);
  if (!el || el.dataset.started) return;
  el.dataset.started = '1';
  let live = false;
  function draw() {
    performance.mark('deckgl-loaded');  // for bench/page_bench.py and the browser tests
    const spec = JSON.parse(document.getElementById(id + '-spec').textContent);
    const tooltip = JSON.parse(document.getElementById(id + '-tooltip').textContent);
    const still = el.querySelector('img.pb-static');
    const deck = window.createDeck({container: el.querySelector('.pb-deck'), jsonInput: spec, tooltip: tooltip});
    let shown = false;
    deck.setProps({onAfterRender: () => {
      if (shown) return;
      shown = true;
      requestAnimationFrame(() => {
        if (still) still.remove();
        el.removeAttribute('tabindex'); el.removeAttribute('role'); el.removeAttribute('aria-label');
        el.dataset.live = '1';
        performance.mark('deckgl-live');
      });
    }});
  }
  __BUNDLE__
  function goLive() {
    if (!live) { live = true; bundle(draw); }
  }
  for (const name of ['pointerenter', 'touchstart', 'focusin'])
    el.addEventListener(name, goLive, {once: true, passive: true});
  // deck.gl loads once the page is drawn and idle: the live map follows without a click
  const idle = window.requestIdleCallback || (f => setTimeout(f, 200));
  setTimeout(() => idle(goLive, {timeout: 3000}), 300);
})();</script>"""


def svg_html(svg_markup: str, element_id: str) -> str:
    """An SVG document (dashboard.maps.map_svg) on a page. st.html's sanitiser keeps only HTML
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


def table_html(frame, config: dict, lang: str, *, element_id: str, height: int) -> str:
    """A read-only table drawn by a small fixed script instead of a canvas grid: the same
    columns and column config as st.dataframe (labels, widths, link columns, localised
    numbers, columns hidden by ``None``). The cells travel as inert JSON and are written
    with textContent (nothing in them is ever read as markup); links keep to the app's pages
    and http(s). The script draws the rows a screen at a time as the table scrolls, sorts by
    a click on a header (numbers by value, dates by their ``_sort:`` key column, text in the
    language's order) and filters as a user types (case and accents ignored)."""

    safe_id = re.sub(r"[^A-Za-z0-9_-]", "-", element_id)
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
    return (
        f'<div id="{safe_id}" class="ht-wrap">'
        f'<div class="ht-tools"><input type="search" class="ht-search" placeholder="{esc(t("table.search", lang))}"'
        f' aria-label="{esc(t("table.search", lang))}"><span class="ht-count">'
        f'{esc(t("table.count", lang, n=total, total=total))}</span>'
        f'<span class="ht-hint">{esc(t("table.sort_hint", lang))}</span></div>'
        f'<div class="ht-scroll" style="max-height:{int(height)}px"><table class="ht">'
        f'<thead><tr>{"".join(head)}</tr></thead><tbody></tbody></table></div></div>'
        f'<script type="application/json" id="{safe_id}-data">{json_for_html(payload)}</script>'
        + _TABLE_SCRIPT.replace("__ID__", safe_id)
    )


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


_TABLE_SCRIPT = """<script>(function () {
  const root = document.getElementById('__ID__');
  if (!root || root.dataset.ready) return;
  root.dataset.ready = '1';
  const spec = JSON.parse(document.getElementById('__ID__-data').textContent);
  const lang = spec.lang, cols = spec.columns, STEP = spec.step;
  for (const c of cols) for (const name of ['text', 'keys'])  /* repeated values come once, rows point at them */
    if (c[name] && !Array.isArray(c[name])) c[name] = c[name].codes.map(i => c[name].values[i]);
  const body = root.querySelector('tbody'), scroller = root.querySelector('.ht-scroll');
  const count = root.querySelector('.ht-count'), search = root.querySelector('.ht-search');
  const heads = Array.from(root.querySelectorAll('thead th'));
  const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLocaleLowerCase(lang);
  const collator = new Intl.Collator(lang, {numeric: true, sensitivity: 'base'});
  let order = Array.from({length: spec.n}, (_, i) => i), shown = order, drawn = 0, haystack = null;
  function cell(c, i) {
    const td = document.createElement('td');
    if (c.num) td.className = 'num';
    const key = c.keys ? c.keys[i] : null;
    if (key !== null && key !== undefined) td.dataset.v = key;
    const href = c.hrefs ? c.hrefs[i] : null;
    if (href) {
      const a = document.createElement('a');
      a.href = href; a.target = '_self'; a.textContent = c.link_text || href;
      td.appendChild(a);
    } else td.textContent = c.text[i];
    return td;
  }
  function more() {  /* the next screenful of rows */
    const rows = document.createDocumentFragment(), end = Math.min(shown.length, drawn + STEP);
    for (; drawn < end; drawn++) {
      const tr = document.createElement('tr');
      for (const c of cols) tr.appendChild(cell(c, shown[drawn]));
      rows.appendChild(tr);
    }
    body.appendChild(rows);
  }
  function redraw() {
    body.replaceChildren(); drawn = 0; more();
    count.textContent = spec.count.replace('{n}', shown.length.toLocaleString(lang));
  }
  scroller.addEventListener('scroll', () => {  /* a jump to the end draws until the box is full */
    while (drawn < shown.length && scroller.scrollTop + scroller.clientHeight > scroller.scrollHeight - 300) more();
  });
  heads.forEach((th, col) => th.querySelector('button').addEventListener('click', () => {
    const dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
    heads.forEach(h => h.setAttribute('aria-sort', 'none'));
    th.setAttribute('aria-sort', dir);
    const c = cols[col], sign = dir === 'ascending' ? 1 : -1;
    const key = i => { const k = c.keys ? c.keys[i] : c.text[i]; return k === null || k === undefined ? '' : k; };
    order = order.slice().sort((a, b) => {
      const x = key(a), y = key(b);
      if (x === '' || y === '') return (x === '') - (y === '');  /* blanks last either way */
      return sign * (c.num ? x - y : collator.compare(String(x), String(y)));
    });
    filter();
  }));
  function filter() {
    const q = fold(search.value.trim());
    if (q && !haystack) haystack = new Array(spec.n).fill(null);  /* per row, folded on first search */
    shown = !q ? order : order.filter(i => {
      if (!haystack[i]) haystack[i] = fold(cols.map(c => c.text[i]).join(' '));
      return haystack[i].includes(q);
    });
    redraw();
  }
  search.addEventListener('input', filter);
  redraw();
})();</script>"""


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


_WIDGET_WORDS_SCRIPT = """<script>(function () {
  const spec = JSON.parse(document.getElementById('widget-words').textContent);
  window.__widgetWords = spec;  /* each run says the page's language; the observer is set up once */
  if (window.__widgetWordsObserver) { window.__widgetWordsObserver.rewrite(document.body); return; }
  const TEXT = [[/^Select all$/, 'select_all'], [/^Select (\\d+) matches$/, 'select_matches'],
                [/^No results$/, 'no_results']];
  const ATTR = [[/^Clear all$/, 'clear_all'], [/^Remove (.+)$/, 'remove']];
  const WHERE = ['[data-baseweb="popover"]', '[role="listbox"]', '[data-testid="stMultiSelect"]',
                 '[data-testid="stMultiSelectDropdown"]', '[data-testid="stSelectbox"]',
                 '[data-testid="stSelectboxDropdown"]'].join(', ');
  function swap(value, rules) {
    const words = window.__widgetWords.words;
    for (const [pattern, key] of rules) {
      const m = value.match(pattern);
      if (m) return words[key].replace('$1', m[1] || '');
    }
    return null;
  }
  function rewrite(root) {
    if (!window.__widgetWords || window.__widgetWords.lang === 'en' || !root || root.nodeType !== 1) return;
    const scopes = root.matches(WHERE) || root.closest(WHERE) ? [root] : root.querySelectorAll(WHERE);
    for (const scope of scopes) {
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const swapped = swap(node.nodeValue.trim(), TEXT);
        if (swapped !== null) node.nodeValue = swapped;
      }
      for (const el of [scope, ...scope.querySelectorAll('[aria-label], [title]')]) {
        for (const name of ['aria-label', 'title']) {
          const value = el.getAttribute(name);
          const swapped = value && swap(value, ATTR);
          if (swapped) el.setAttribute(name, swapped);
        }
      }
    }
  }
  const observer = new MutationObserver(records => {
    for (const record of records) {
      if (record.type === 'characterData') rewrite(record.target.parentElement);
      else for (const node of record.addedNodes) rewrite(node.nodeType === 1 ? node : node.parentElement);
    }
  });
  observer.observe(document.body, {childList: true, subtree: true, characterData: true});
  observer.rewrite = rewrite;
  window.__widgetWordsObserver = observer;
  rewrite(document.body);
})();</script>"""
