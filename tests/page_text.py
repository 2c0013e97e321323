"""What a reader sees on a page run under AppTest, as text, and the checks that no vocabulary code
and no English word is in a French page.

``page_texts(at)`` walks every element of the run: labels, options (as format_func shows them),
help, placeholders, captions and alerts, the cells of data frames and editors, and in the HTML
elements what a browser shows: text, alt/title/aria-label/placeholder attributes, the cells of the
HTML tables (dashboard.html.table_parts, link cells by their text), the text of the SVG maps, the
visible strings of plotly charts (titles, axis labels, trace names, bar texts, hover texts) and the
tooltips of deck.gl maps. Script code, CSS, URLs and widget ids are left out: a reader never sees them.
"""
from __future__ import annotations

import html as html_lib
import json
import re

from google.protobuf.json_format import MessageToDict

# proto fields that are not shown (ids, wiring, formats, icons)
HIDDEN_FIELDS = {"id", "form_id", "deferred_file_id", "icon", "type", "format", "label_visibility", "element_type",
                 "autocomplete", "raw_values", "data", "set_value", "width_config", "height_config", "gap_config",
                 "url", "page_script_hash", "page_name", "url_path", "script_hash", "json", "spec", "columns",
                 "column_order", "selection_mode", "editing_mode", "placeholder_text", "key", "body", "arrow_data",
                 "disabled", "selection_state", "selection_default"}
# keys of plotly figures and deck.gl specs whose strings a reader sees
PLOTLY_SHOWN = {"text", "name", "hovertext", "ticktext", "title", "x", "y", "labels"}
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>|<style\b[^>]*>.*?</style>", re.S | re.I)
_JSON_SCRIPT = re.compile(r'<script type="application/json" id="([^"]+)">(.*?)</script>', re.S)
_ATTRS = re.compile(r'\s(?:alt|title|aria-label|placeholder)="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")


def _strings(value, keys: set[str] | None = None, under: bool = False) -> list[str]:
    """Strings of a JSON value: all of them, or only those under one of ``keys``."""
    if isinstance(value, str):
        return [value] if (keys is None or under) else []
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, keys, under or (keys is not None and k in keys))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v, keys, under)]
    return []


def _strip(markup: str) -> str:
    return html_lib.unescape(_TAG.sub(" ", markup))


def html_texts(body: str) -> list[str]:
    """What a browser shows of one st.html element."""
    out = []
    for element_id, payload in _JSON_SCRIPT.findall(body):
        data = json.loads(payload)
        if element_id.endswith("-data"):  # an HTML table: cells, link texts, the row count
            for column in data.get("columns", []):
                text = column.get("text")
                text = text["values"] if isinstance(text, dict) else text
                out += [x for x in text or [] if isinstance(x, str)]
                if column.get("link_text"):
                    out.append(column["link_text"])
        elif element_id.startswith("chart-") and element_id.endswith("-spec"):
            out += [_strip(s) for s in _strings(data.get("data", []), PLOTLY_SHOWN)]
            out += [_strip(s) for s in _strings(data.get("layout", {}), PLOTLY_SHOWN)]
        elif element_id.startswith("map-") and element_id.endswith("-spec"):
            out += _strings(data, {"tooltip"})
        elif element_id.endswith("-svg") and isinstance(data, str):
            out.append(_strip(_SCRIPT.sub(" ", data)))
            out += [html_lib.unescape(a) for a in _ATTRS.findall(data)]
    visible = _SCRIPT.sub(" ", body)
    out += [html_lib.unescape(a) for a in _ATTRS.findall(visible)]
    for image in re.findall(r'<img [^>]*src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', visible):
        import base64

        out.append(_strip(base64.b64decode(image).decode("utf-8", "replace")))  # a chart or map picture
    out.append(_strip(visible))
    return out


def _nodes(node):
    children = getattr(node, "children", None)
    for child in (children.values() if isinstance(children, dict) else children or []):
        yield child
        yield from _nodes(child)


def page_texts(at) -> list[str]:
    """Every text a reader sees on the page of an AppTest run (see the module's docstring)."""
    out: list[str] = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        if type(node).__name__ == "Html":
            out += html_texts(proto.body)
            continue
        if getattr(proto, "component_name", "").startswith("sahel_"):  # dashboard.components: markup and JSON texts
            from dashboard.html import as_html

            out += html_texts(as_html(json.loads(proto.json or "{}")))
            continue
        fields = MessageToDict(proto, preserving_proto_field_name=True)
        out += [s for k, v in fields.items() if k not in HIDDEN_FIELDS for s in _strings(v)]
        if "body" in fields:  # markdown, captions, alerts
            out.append(fields["body"])
        config = json.loads(fields["columns"]) if fields.get("columns") else {}
        if config:  # a data frame's or editor's column config: labels, help, select options
            out += _strings(config, {"label", "help", "options", "display_text"})
        if type(node).__name__ == "Dataframe":  # the columns shown (column_order), by their label or name
            frame = node.value
            shown = list(fields.get("column_order") or frame.columns)
            labelled = {str(k).removeprefix("name:").removeprefix("col:") for k, v in config.items()
                        if isinstance(v, dict) and v.get("label")}
            out += [str(c) for c in shown if str(c) not in labelled]
            out += [v for c in shown if c in frame.columns for v in frame[c].tolist() if isinstance(v, str)]
    return out


def found(texts: list[str], words: list[str], *, ignore_case: bool) -> dict[str, str]:
    """{word: the text it was found in} for every word standing alone in one of ``texts``."""
    hits = {}
    for word in words:
        pattern = re.compile(rf"(?<![\w/.=&?-]){re.escape(word)}(?![\w/=&…-])", re.I if ignore_case else 0)
        for text in texts:
            match = pattern.search(text)
            if match:
                hits[word] = text[max(0, match.start() - 60): match.end() + 60]
                break
    return hits
