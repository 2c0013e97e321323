"""A deck.gl map spec (pydeck's JSON) drawn as an SVG picture: what deck.gl will draw, in
the same Web Mercator view, so that the Carte page shows its map at once and deck.gl (a
4 MB bundle and WebGL shaders) takes over once the page is drawn (dashboard.html.deck_html).

Pure: a spec dict in, an SVG document out. Knows the layers dashboard.maps builds
(GeoJsonLayer, ScatterplotLayer, TextLayer) and pydeck's accessors: constants, ``@@=`` field
paths and arithmetic on fields. Text is escaped: article text never becomes markup.
"""
from __future__ import annotations

import ast
import logging
import math
import operator

from dashboard.safe import esc

log = logging.getLogger(__name__)

TILE_SIZE = 512  # deck.gl's world size at zoom 0, in pixels
EARTH_CIRCUMFERENCE = 40_075_016.686  # metres, deck.gl's constant
TEXT_WIDTH = 0.5  # average glyph width of the label font, in ems (for label boxes)
LABEL_FONT = "Source Sans, Helvetica, Arial, sans-serif"
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def _evaluate(node: ast.AST, row: dict):
    """A pydeck accessor expression on one row: field names, dotted paths, numbers and + - * /."""
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, row)
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return row.get(node.id)
    if isinstance(node, ast.Attribute):
        parent = _evaluate(node.value, row)
        return parent.get(node.attr) if isinstance(parent, dict) else None
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        left, right = _evaluate(node.left, row), _evaluate(node.right, row)
        if isinstance(left, (int, float)) and isinstance(right, (int, float)):
            return _OPERATORS[type(node.op)](left, right)
        return None
    if isinstance(node, ast.List):
        return [_evaluate(item, row) for item in node.elts]
    raise ValueError(f"unsupported accessor: {ast.dump(node)}")


def accessor(value, default=None):
    """A function of a row: ``value`` is a constant or a pydeck ``@@=`` expression."""
    if isinstance(value, str) and value.startswith("@@="):
        tree = ast.parse(value[3:], mode="eval")
        return lambda row: _evaluate(tree, row)
    constant = default if value is None else value
    return lambda row: constant


class Viewport:
    """deck.gl's Web Mercator viewport: longitude/latitude to CSS pixels in a width × height box."""

    def __init__(self, view: dict, width: int, height: int):
        self.width, self.height = width, height
        self.zoom = float(view.get("zoom", 0))
        self.scale = TILE_SIZE * 2 ** self.zoom
        self.center = self._world(float(view.get("longitude", 0)), float(view.get("latitude", 0)))

    def _world(self, lon: float, lat: float) -> tuple[float, float]:
        lat = max(min(lat, 85.0511), -85.0511)
        x = (lon + 180) / 360 * self.scale
        y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * self.scale
        return x, y

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self._world(lon, lat)
        return x - self.center[0] + self.width / 2, y - self.center[1] + self.height / 2

    def pixels_per_metre(self, lat: float) -> float:
        return self.scale / (EARTH_CIRCUMFERENCE * max(math.cos(math.radians(lat)), 0.01))


def _paint(color, kind: str) -> str:
    """``fill="…" fill-opacity="…"`` (or stroke) for a deck.gl [r, g, b, a] colour."""
    if not isinstance(color, (list, tuple)) or len(color) < 3:
        return f'{kind}="none"'
    r, g, b = (int(c) for c in color[:3])
    alpha = (color[3] if len(color) > 3 else 255) / 255
    opacity = f' {kind}-opacity="{alpha:.3f}"' if alpha < 1 else ""
    return f'{kind}="rgb({r},{g},{b})"{opacity}'


def _rings(geometry: dict) -> tuple[list, list]:
    """(polygon rings, line strings) of a GeoJSON geometry, as lists of [lon, lat]."""
    kind, coords = (geometry or {}).get("type"), (geometry or {}).get("coordinates") or []
    if kind == "Polygon":
        return list(coords), []
    if kind == "MultiPolygon":
        return [ring for polygon in coords for ring in polygon], []
    if kind == "LineString":
        return [], [coords]
    if kind == "MultiLineString":
        return [], list(coords)
    if kind == "GeometryCollection":
        rings, lines = [], []
        for part in (geometry or {}).get("geometries") or []:
            more_rings, more_lines = _rings(part)
            rings += more_rings
            lines += more_lines
        return rings, lines
    return [], []


def _path(viewport: Viewport, line: list, *, closed: bool) -> str:
    points = [viewport.project(float(p[0]), float(p[1])) for p in line if len(p) >= 2]
    if len(points) < 2:
        return ""
    head, *rest = points
    return (f"M{head[0]:.1f} {head[1]:.1f}" + "".join(f"L{x:.1f} {y:.1f}" for x, y in rest)
            + ("Z" if closed else ""))


def _geojson_layer(layer: dict, viewport: Viewport) -> list[str]:
    features = (layer.get("data") or {}).get("features") or []
    fill, line = accessor(layer.get("getFillColor"), [0, 0, 0, 255]), accessor(layer.get("getLineColor"), [0, 0, 0, 255])
    filled, stroked = layer.get("filled", True), layer.get("stroked", True)
    metres = accessor(layer.get("getLineWidth"), 1)
    out = []
    for feature in features:
        rings, lines = _rings(feature.get("geometry"))
        centre_lat = float(rings[0][0][1] if rings and rings[0] else lines[0][0][1] if lines and lines[0] else 0)
        width = max(float(layer.get("lineWidthMinPixels") or 0),
                    (metres(feature) or 0) * viewport.pixels_per_metre(centre_lat))
        stroke = f'{_paint(line(feature), "stroke")} stroke-width="{width:.2f}" stroke-linejoin="round"'
        if rings:
            d = "".join(_path(viewport, ring, closed=True) for ring in rings)
            if d:
                paint = _paint(fill(feature), "fill") if filled else 'fill="none"'
                out.append(f'<path d="{d}" fill-rule="evenodd" {paint} {stroke if stroked else ""}/>')
        for part in lines:
            d = _path(viewport, part, closed=False)
            if d and stroked:
                out.append(f'<path d="{d}" fill="none" {stroke} stroke-linecap="round"/>')
    return out


def _rows(layer: dict) -> list[dict]:
    data = layer.get("data")
    if isinstance(data, dict):
        return data.get("features") or []
    return [row for row in data or [] if isinstance(row, dict)]


def _position(layer: dict):
    get = accessor(layer.get("getPosition"), None)

    def position(row):
        value = get(row)
        if isinstance(value, (list, tuple)) and len(value) >= 2 and all(isinstance(v, (int, float)) for v in value[:2]):
            return float(value[0]), float(value[1])
        return None
    return position


def _scatterplot_layer(layer: dict, viewport: Viewport) -> list[str]:
    position, radius = _position(layer), accessor(layer.get("getRadius"), 1)
    fill, line = accessor(layer.get("getFillColor"), [0, 0, 0, 255]), accessor(layer.get("getLineColor"), [0, 0, 0, 255])
    low, high = float(layer.get("radiusMinPixels") or 0), float(layer.get("radiusMaxPixels") or math.inf)
    line_width = float(layer.get("lineWidthMinPixels") or 1)
    out = []
    for row in _rows(layer):
        where = position(row)
        if where is None:
            continue
        x, y = viewport.project(*where)
        r = min(max((float(radius(row) or 0)) * viewport.pixels_per_metre(where[1]), low), high)
        # deck.gl draws the outline inside the disc's radius
        stroke = (f' {_paint(line(row), "stroke")} stroke-width="{line_width:.2f}"' if layer.get("stroked") else "")
        r_drawn = r - line_width / 2 if layer.get("stroked") else r
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{max(r_drawn, 0.5):.1f}" {_paint(fill(row), "fill")}{stroke}/>')
    return out


def _text_layer(layer: dict, viewport: Viewport) -> list[str]:
    position, text = _position(layer), accessor(layer.get("getText"), "")
    size, color = accessor(layer.get("getSize"), 32), accessor(layer.get("getColor"), [0, 0, 0, 255])
    offset = accessor(layer.get("getPixelOffset"), [0, 0])
    anchor = {"start": "start", "middle": "middle", "end": "end"}.get(layer.get("getTextAnchor") or "middle", "middle")
    background = accessor(layer.get("getBackgroundColor"), [255, 255, 255, 255])
    pad_left, pad_top, pad_right, pad_bottom = (list(layer.get("backgroundPadding") or [0, 0, 0, 0]) + [0] * 4)[:4]
    weight = esc(str(layer.get("fontWeight") or "normal"))
    family = esc(str(layer.get("fontFamily") or LABEL_FONT))
    out = []
    for row in _rows(layer):
        where, label = position(row), str(text(row) or "")
        if where is None or not label:
            continue
        x, y = viewport.project(*where)
        dx, dy = (list(offset(row) or [0, 0]) + [0, 0])[:2]
        x, y, px = x + float(dx or 0), y + float(dy or 0), float(size(row) or 12)
        if layer.get("background"):
            width = len(label) * px * TEXT_WIDTH
            left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            out.append(f'<rect x="{left - pad_left:.1f}" y="{y - px / 2 - pad_top:.1f}" '
                       f'width="{width + pad_left + pad_right:.1f}" height="{px + pad_top + pad_bottom:.1f}" '
                       f'{_paint(background(row), "fill")}/>')
        out.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" dominant-baseline="central" '
                   f'font-size="{px:g}" font-weight="{weight}" font-family="{family}" '
                   f'{_paint(color(row), "fill")}>{esc(label)}</text>')
    return out


_LAYERS = {"GeoJsonLayer": _geojson_layer, "ScatterplotLayer": _scatterplot_layer, "TextLayer": _text_layer}


def deck_svg(spec: dict, width: int, height: int, *, title: str = "") -> str:
    """The map ``spec`` (pydeck's JSON, as a dict) as deck.gl draws it in a ``width`` × ``height``
    box at its initial view, layers bottom to top; a layer of an unknown type, or with an
    accessor this module cannot read, is left out (deck.gl still draws it once live)."""
    viewport = Viewport(spec.get("initialViewState") or {}, int(width), int(height))
    parts = []
    for layer in spec.get("layers") or []:
        draw = _LAYERS.get(layer.get("@@type"))
        if draw is None or not layer.get("visible", True):
            continue
        try:
            shapes = draw(layer, viewport)
        except (ValueError, TypeError, AttributeError) as exc:  # an accessor this picture cannot read
            log.warning("map picture: layer %s left out: %s", layer.get("id"), exc)
            continue
        parts.append(f'<g data-layer="{esc(str(layer.get("id", "")))}">{"".join(shapes)}</g>')
    label = f"<title>{esc(title)}</title>" if title else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{int(width)}" height="{int(height)}" '
            f'viewBox="0 0 {int(width)} {int(height)}">{label}{"".join(parts)}</svg>')
