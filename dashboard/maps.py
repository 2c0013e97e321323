"""Every map of the app from one spec: tables and GeoJSON in, a ``MapSpec`` out, drawn as SVG
by ``map_svg`` (the Carte page's picture, the overview's map, the briefing pack's map) and
handed to deck.gl by ``to_deck`` (the Carte page's live map: pan, zoom, tooltips). Pure: no
Streamlit, no network (no tile server: the basemap is the shipped country layer).

One colour rule (``need_color``: classes of people in need) for countries, regions and
local figures alike, and one legend (``MapSpec.legend``) naming every layer drawn.

The spec is laid out in pixels for its box, in deck.gl's Web Mercator view, framed on the
data (the countries and regions with a figure, the markers, the corridors), its height
following the data's shape. Labels are placed, never on top of each other or of a marker:
a country's name and value inside it, a marker's label beside it; a label with no free
place becomes a number beside its country or marker and a line of the list under the map
(``MapSpec.listed``). Label boxes are measured with the font the SVG names first (DejaVu
Sans, shipped with matplotlib and Debian), so the picture keeps the boxes it was laid out with.

Text is escaped where it is drawn: article text never becomes markup. deck.gl's tooltips
are plain text (``{"text": "{tooltip}"}``).
"""
from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass, field

import pandas as pd

from dashboard.intake_views import row_notes
from dashboard.textfit import FONT_FAMILY, text_width, wrap
from dashboard.views import official_of
from etl.text import fold
from presentation.formatting import (
    fmt_country,
    fmt_date,
    fmt_figure,
    fmt_indicator,
    fmt_number,
    fmt_short_date,
    fmt_source,
    is_missing,
    reference_year,
    truncate,
)
from presentation.i18n import t, tn
from presentation.safe import esc

# --- the colour rule: people-in-need classes (lower bounds) and their fills, light to dark ---
NEED_BREAKS = (0, 100_000, 500_000, 1_000_000, 2_500_000, 5_000_000)
NEED_COLORS = ((222, 235, 247, 230), (189, 215, 238, 230), (140, 186, 220, 235),
               (82, 146, 200, 240), (33, 102, 172, 245), (8, 48, 107, 250))
UNQUANTIFIED_COLOR = (176, 122, 161, 200)
BASE_FILL = (244, 241, 234, 255)
FOCUS_FILL = (236, 231, 220, 255)
SEA = (234, 241, 248, 255)
BORDER = (150, 150, 150, 255)
ADMIN1_LINE = (60, 60, 60, 255)
LOCAL_LINE = (20, 33, 61, 255)
PORT_COLOR = (200, 60, 40, 255)
CORRIDOR_COLOR = (214, 96, 39, 220)
EVENT_COLOR = (58, 146, 58, 235)
COMMUNE_COLOR = (128, 76, 160, 210)
INK = (20, 33, 61, 255)
MUTED = (91, 100, 117, 255)

TILE_SIZE = 512  # deck.gl's world size at zoom 0, in pixels
PAD = 14  # pixels kept free around the data
# layers bottom to top (the SVG and deck.gl draw them in this order)
LAYER_ORDER = ("basemap", "needs-country", "needs-admin1", "communes", "corridors", "ports", "local", "events")
EVENT_LABELS = 6  # the most recent event places get a date label; every event keeps its marker
LOCAL_LABELS = 12
TOOLTIP = {
    "text": "{tooltip}",
    "style": {"backgroundColor": "white", "color": "#14213d", "fontSize": "13px", "whiteSpace": "pre-line",
              "maxWidth": "380px", "border": "1px solid #c9d1dd", "borderRadius": "4px", "padding": "8px",
              "lineHeight": "1.35", "fontFamily": "Source Sans, Helvetica, Arial, sans-serif"},
}
_ISO3_KEYS = ("iso3", "ISO3", "iso_a3", "ISO_A3", "ADM0_A3", "adm0_a3", "country_iso3", "shapeGroup", "ADM0_ISO3")
_NAME_KEYS = ("name_fr", "NAME_FR", "ADM1_FR", "ADM2_FR", "shapeName", "name", "NAME")


def need_color(value) -> tuple[int, int, int, int]:
    """The fill of a people-in-need figure (countries, regions and local markers alike)."""
    if is_missing(value):
        return UNQUANTIFIED_COLOR
    value = float(value)
    index = max(i for i, low in enumerate(NEED_BREAKS) if value >= low) if value >= 0 else 0
    return NEED_COLORS[index]


def need_classes(lang: str) -> list[tuple[tuple, str]]:
    """(fill, "100 000 – 500 000") for each class, the unquantified class last."""
    items = []
    for i, low in enumerate(NEED_BREAKS):
        high = NEED_BREAKS[i + 1] if i + 1 < len(NEED_BREAKS) else None
        label = (f"{fmt_number(low, lang, compact=True)} – {fmt_number(high, lang, compact=True)}" if high
                 else f"≥ {fmt_number(low, lang, compact=True)}")
        items.append((NEED_COLORS[i], label))
    items.append((UNQUANTIFIED_COLOR, t("map.legend_unquantified", lang)))
    return items


# --- GeoJSON helpers (also used by presentation.exports) ------------------------------------

def feature_iso3(feature: dict) -> str | None:
    props = feature.get("properties") or {}
    for key in _ISO3_KEYS:
        value = props.get(key)
        if isinstance(value, str) and len(value) == 3 and value.isalpha():
            return value.upper()
    return None


def feature_name(feature: dict, keys=_NAME_KEYS) -> str | None:
    props = feature.get("properties") or {}
    for key in keys:
        if props.get(key):
            return str(props[key])
    return None


def _bounds(geometry: dict) -> tuple[float, float, float, float] | None:
    xs, ys = [], []

    def walk(coords):
        if coords and isinstance(coords[0], (int, float)):
            xs.append(coords[0])
            ys.append(coords[1])
        else:
            for c in coords:
                walk(c)

    walk((geometry or {}).get("coordinates") or [])
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def centroid(feature: dict) -> tuple[float, float] | None:
    """Centre of the feature's bounding box (lon, lat): where a country-level event is pinned."""
    b = _bounds(feature.get("geometry"))
    return ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) if b else None


def tooltip(title="", body="", source="", quote="") -> str:
    """A tooltip's plain-text lines (shown as text, never parsed as HTML)."""
    lines = [str(title or ""), str(body or ""), str(source or ""),
             f"« {truncate(quote, 220)} »" if not is_missing(quote) and quote else ""]
    return "\n".join(line for line in lines if line.strip())


# --- the view: deck.gl's Web Mercator ---------------------------------------------------

class Viewport:
    """Longitude/latitude to pixels in a width × height box centred on ``(lon, lat)`` at ``zoom``,
    exactly as deck.gl's MapView draws its initial view."""

    def __init__(self, lon: float, lat: float, zoom: float, width: int, height: int):
        self.lon, self.lat, self.zoom = float(lon), float(lat), float(zoom)
        self.width, self.height = int(width), int(height)
        self.scale = TILE_SIZE * 2 ** self.zoom
        self.cx, self.cy = world(self.lon, self.lat, self.scale)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = world(lon, lat, self.scale)
        return x - self.cx + self.width / 2, y - self.cy + self.height / 2

    def unproject(self, x: float, y: float) -> tuple[float, float]:
        wx, wy = x - self.width / 2 + self.cx, y - self.height / 2 + self.cy
        lon = wx / self.scale * 360 - 180
        lat = math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * wy / self.scale))) - math.pi / 2)
        return lon, lat

    def view_state(self) -> dict:
        return {"longitude": round(self.lon, 5), "latitude": round(self.lat, 5), "zoom": round(self.zoom, 4)}


def world(lon: float, lat: float, scale: float = TILE_SIZE) -> tuple[float, float]:
    lat = max(min(lat, 85.0511), -85.0511)
    x = (lon + 180) / 360 * scale
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * scale
    return x, y


def fit(boxes: list[tuple[float, float, float, float]], width: int, *, min_height: int, max_height: int,
        pad: int = PAD, max_zoom: float = 8.0) -> Viewport:
    """The view framing ``boxes`` (lon/lat) in a box ``width`` wide: the zoom at which they fill
    the width or the tallest allowed height, the height then following their shape."""
    if not boxes:
        boxes = [(-18.0, 4.0, 16.0, 24.0)]  # the Sahel and coastal West Africa
    x0, y1 = world(min(b[0] for b in boxes), min(b[1] for b in boxes))
    x1, y0 = world(max(b[2] for b in boxes), max(b[3] for b in boxes))
    span_x, span_y = max(x1 - x0, 1e-3), max(y1 - y0, 1e-3)
    zoom = min(math.log2(min((width - 2 * pad) / span_x, (max_height - 2 * pad) / span_y)), max_zoom)
    height = int(min(max(span_y * 2 ** zoom + 2 * pad, min_height), max_height))
    wx, wy = (x0 + x1) / 2, (y0 + y1) / 2  # the centre, in world pixels at zoom 0
    lon = wx / TILE_SIZE * 360 - 180
    lat = math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * wy / TILE_SIZE))) - math.pi / 2)
    return Viewport(lon, lat, zoom, width, height)


# --- the spec ----------------------------------------------------------------------------

@dataclass
class Shape:
    """One thing drawn: a polygon, a line or a point (lon/lat), its paint and its tooltip."""
    layer: str
    kind: str  # "polygon" | "line" | "point"
    geometry: dict | tuple  # GeoJSON geometry, or (lon, lat) for a point
    fill: tuple | None = None
    stroke: tuple | None = None
    stroke_width: float = 1.0
    radius: float = 0.0  # points, in pixels
    tooltip: str = ""
    data: dict = field(default_factory=dict)  # data-* attributes in the SVG (iso3…)


@dataclass
class Label:
    """A placed label: its box (pixels, top-left and size) and its lines of text."""
    layer: str
    lines: tuple[str, ...]
    x: float
    y: float
    w: float
    h: float
    size: float
    bold: tuple[bool, ...]
    color: tuple = INK
    number: int | None = None  # a numbered badge standing for a line of the list

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.x, self.y, self.x + self.w, self.y + self.h


@dataclass
class MapSpec:
    viewport: Viewport
    shapes: list[Shape]
    labels: list[Label]
    listed: list[tuple[int, str]]  # (number, text): labels that found no place, and what lies off the map
    legend: list[tuple[str, tuple, str]]  # (kind: fill/ring/dot/line/admin1, colour, text)
    legend_title: str
    caption: str
    title: str = ""

    @property
    def width(self) -> int:
        return self.viewport.width

    @property
    def height(self) -> int:
        return self.viewport.height


def boxes_intersect(a, b, gap: float = 0.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


class Layout:
    """Greedy label placement: a label takes the first candidate position whose box stays in
    the frame and touches no placed label and no marker."""

    def __init__(self, width: int, height: int, markers: list[tuple[float, float, float]]):
        self.width, self.height = width, height
        self.placed: list[tuple[float, float, float, float]] = []
        self.obstacles = [(x - r - 1, y - r - 1, x + r + 1, y + r + 1) for x, y, r in markers]

    def free(self, box) -> bool:
        if box[0] < 2 or box[1] < 2 or box[2] > self.width - 2 or box[3] > self.height - 2:
            return False
        return not any(boxes_intersect(box, other, 1.5) for other in self.placed) and not any(
            boxes_intersect(box, other) for other in self.obstacles)

    def take(self, box) -> None:
        self.placed.append(box)


def _label_size(lines: tuple[str, ...], size: float, bold: tuple[bool, ...]) -> tuple[float, float]:
    pad_x, pad_y = 4, 2
    width = max(text_width(line, size, b) for line, b in zip(lines, bold)) + 2 * pad_x
    return width, len(lines) * size * 1.2 + 2 * pad_y


def _around(x: float, y: float, r: float, w: float, h: float):
    """Candidate boxes beside a marker at (x, y) of radius r: right, left, above, below, corners."""
    gap = r + 3
    for dx, dy in ((gap, -h / 2), (-gap - w, -h / 2), (-w / 2, -gap - h), (-w / 2, gap),
                   (gap, -gap - h + 4), (gap, gap - 4), (-gap - w, -gap - h + 4), (-gap - w, gap - 4),
                   (gap + 10, -h / 2), (-gap - w - 10, -h / 2), (-w / 2, -gap - h - 10), (-w / 2, gap + 10)):
        yield x + dx, y + dy


def _inside_candidates(polygon, w: float, h: float):
    """Boxes around a polygon's pole of inaccessibility (pixels), nearest first."""
    from shapely.ops import polylabel

    try:
        centre = polylabel(polygon, tolerance=1.0)
    except Exception:  # a degenerate ring
        centre = polygon.representative_point()
    cx, cy = centre.x, centre.y
    steps = [(0, 0)] + [(dx, dy) for ring in (8, 16, 26, 38, 52) for dx, dy in
                        ((ring, 0), (-ring, 0), (0, ring), (0, -ring), (ring, ring), (-ring, ring),
                         (ring, -ring), (-ring, -ring))]
    for dx, dy in steps:
        yield cx + dx - w / 2, cy + dy - h / 2


# --- building the spec -------------------------------------------------------------------

def _projected_polygon(geometry: dict, viewport: Viewport):
    """The geometry's largest polygon part in pixels, clipped to the frame (shapely), or None."""
    from shapely.geometry import box, shape
    from shapely.ops import transform

    try:
        geom = shape(geometry)
    except Exception:
        return None
    pixels = transform(lambda xs, ys, zs=None: tuple(zip(*(viewport.project(x, y) for x, y in zip(xs, ys)))), geom)
    pixels = pixels.buffer(0).intersection(box(0, 0, viewport.width, viewport.height))
    parts = [p for p in getattr(pixels, "geoms", [pixels]) if p.geom_type == "Polygon" and not p.is_empty]
    return max(parts, key=lambda p: p.area) if parts else None


def _figure_text(row: dict, lang: str, *, compact: bool = True) -> str:
    return fmt_figure(row.get("value"), None if compact else row.get("unit"), row.get("qualifier"), lang,
                      compact=compact)


def _year(row: dict, lang: str) -> str:
    """A figure's reference year (an official figure's period, written for people)."""
    return reference_year(row, lang)


def _figure_tooltip(title: str, row: dict, lang: str) -> str:
    body = f"{_figure_text(row, lang, compact=False)} — {fmt_indicator(row.get('indicator'), lang)}"
    if year := _year(row, lang):
        body += f", {year}"
    if official := official_of(row):
        body += "\n" + t("scope.official_beside", lang, figure=_figure_text(official, lang, compact=False),
                         source=fmt_source(official, lang))
    if note := row_notes(row, lang):
        body += f"\n{note}"
    return tooltip(title, body, t("common.source_item", lang, source=fmt_source(row, lang, limit=90)),
                   row.get("quote"))


def event_points(events: pd.DataFrame, lang: str, *, places: pd.DataFrame | None = None,
                 countries: dict | None = None) -> pd.DataFrame:
    """One row per place where events happened (their own lat/lon, else their place's, else,
    approximately and said so, their country's centre): the most recent event's date and
    tooltip, with how many others happened there."""
    place_xy = {}
    if places is not None and not places.empty:
        known = places.dropna(subset=["lat", "lon"])
        place_xy = {pid: (lon, lat) for pid, lon, lat in zip(known["place_id"], known["lon"], known["lat"])}
    country_xy = {}
    for feature in (countries or {}).get("features", []):
        iso3, point = feature_iso3(feature), centroid(feature)
        if iso3 and point:
            country_xy[iso3] = point
    rows = []
    for r in events.to_dict("records") if events is not None else []:
        approx = False
        if not is_missing(r.get("lat")) and not is_missing(r.get("lon")):
            xy = (r["lon"], r["lat"])
        elif r.get("place_id") in place_xy:
            xy = place_xy[r["place_id"]]
        elif r.get("country_iso3") in country_xy:
            xy, approx = country_xy[r["country_iso3"]], True
        else:
            continue
        precision = r.get("precision") or r.get("date_precision")
        where = ", ".join(x for x in (r.get("place") or "", fmt_country(r.get("country_iso3"), lang)
                                       if r.get("country_iso3") else "") if x)
        body = f"{fmt_date(r.get('date_start'), precision, lang)} — {where}"
        if approx:
            body += f" ({t('map.approx_position', lang)})"
        if note := row_notes(r, lang):
            body += f"\n{note}"
        rows.append({"position": (float(xy[0]), float(xy[1])), "label": fmt_short_date(r.get("date_start"), precision, lang),
                     "where": r.get("place") or fmt_country(r.get("country_iso3"), lang),
                     "title": r.get("title") or "", "sort_key": r.get("date_key") or r.get("article_date") or "",
                     "tooltip": tooltip(r.get("title") or "", body,
                                        t("common.source_item", lang, source=fmt_source(r, lang, limit=90)),
                                        r.get("quote"))})
    points = pd.DataFrame(rows, columns=["position", "label", "where", "title", "sort_key", "tooltip"])
    if points.empty:
        return points.assign(count=pd.Series(dtype=int))
    points = points.assign(_at=[(round(p[0], 3), round(p[1], 3)) for p in points["position"]])
    points = points.sort_values("sort_key", ascending=False, kind="stable")
    counts = points.groupby("_at", sort=False).size()
    first = points.drop_duplicates("_at").copy()
    first["count"] = first["_at"].map(counts).astype(int)
    first["tooltip"] = [tip if n == 1 else f"{tip}\n{tn('map.more_events_here', n - 1, lang)}"
                        for tip, n in zip(first["tooltip"], first["count"])]
    return first.drop(columns="_at").reset_index(drop=True)


def local_points(local: pd.DataFrame, lang: str, *, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sub-national figures (dashboard.views.local_needs) at their place: the place's position
    (``place_id``, else a place of that name in the country); those that cannot be placed are
    left out (they stay in the Besoins table)."""
    by_id, by_name = {}, {}
    if places is not None and not places.empty:
        known = places.dropna(subset=["lat", "lon"])
        for r in known.to_dict("records"):
            by_id[r["place_id"]] = (float(r["lon"]), float(r["lat"]))
            by_name.setdefault((r.get("country_iso3"), fold(str(r["name"]))), (float(r["lon"]), float(r["lat"])))
    rows = []
    for r in local.to_dict("records") if local is not None else []:
        xy = by_id.get(r.get("place_id")) or by_name.get((r.get("country_iso3"), fold(str(r.get("place") or ""))))
        if xy is None:
            continue
        title = f"{r['place']} ({fmt_country(r.get('country_iso3'), lang)})"
        rows.append({"position": xy, "place": str(r["place"]), "row": r, "value": r.get("value"),
                     "tooltip": _figure_tooltip(title, r, lang)})
    return pd.DataFrame(rows, columns=["position", "place", "row", "value", "tooltip"])


def commune_groups(places: pd.DataFrame) -> pd.DataFrame:
    """Communes grouped by their prefecture (``admin2``, else the parent place): one row per
    prefecture with the commune names and a position (the prefecture's, else the communes')."""
    empty = pd.DataFrame(columns=["prefecture", "country_iso3", "communes", "lon", "lat"])
    if places is None or places.empty:
        return empty
    communes = places[places["kind"] == "commune"].copy()
    if communes.empty:
        return empty
    by_id = places.set_index("place_id")
    prefectures, lons, lats = [], [], []
    for r in communes.to_dict("records"):
        parent = by_id.loc[r["parent_place_id"]] if r.get("parent_place_id") in by_id.index else None
        prefectures.append(r.get("admin2") or (parent["name"] if parent is not None else None) or r["name"])
        lons.append(r.get("lon") if pd.notna(r.get("lon")) else (parent["lon"] if parent is not None else None))
        lats.append(r.get("lat") if pd.notna(r.get("lat")) else (parent["lat"] if parent is not None else None))
    communes["prefecture"], communes["lon"], communes["lat"] = prefectures, lons, lats
    return communes.groupby(["prefecture"], sort=True).agg(
        country_iso3=("country_iso3", "first"), communes=("name", lambda s: sorted(set(s))),
        lon=("lon", "mean"), lat=("lat", "mean")).reset_index()


def _localized(props: dict, key: str, lang: str) -> str:
    return str(props.get(f"{key}_{lang}") or props.get(f"{key}_fr") or props.get(key) or "")


def _corridor_shapes(corridors: dict, lang: str) -> tuple[list[Shape], list[tuple[tuple[float, float], str, str]]]:
    """Corridor lines, and the port they leave from: Point features if the file has them,
    else the first vertex the lines share (named after the first stop of their ``via``)."""
    lines, ports = [], []
    starts: dict[tuple[float, float], str] = {}
    for feature in corridors.get("features", []):
        geometry = feature.get("geometry") or {}
        props = feature.get("properties") or {}
        name = _localized(props, "name", lang) or feature_name(feature) or ""
        if geometry.get("type") in ("LineString", "MultiLineString"):
            km = props.get("length_km")
            body = t("map.corridor_body", lang, km=fmt_number(round(float(km)), lang)) if km not in (None, "") else ""
            via = props.get("via") or ""
            lines.append(Shape("corridors", "line", geometry, stroke=CORRIDOR_COLOR, stroke_width=3,
                               tooltip=tooltip(name, via or body, _localized(props, "note", lang)
                                               or t("map.corridor_source", lang))))
            first = geometry["coordinates"][0] if geometry.get("type") == "LineString" else geometry["coordinates"][0][0]
            starts.setdefault((round(first[0], 3), round(first[1], 3)), via.split(" – ")[0].strip())
        elif geometry.get("type") == "Point":
            ports.append((tuple(geometry["coordinates"][:2]), name,
                          tooltip(name, t("map.port_body", lang), t("map.corridor_source", lang))))
    if not ports and len(starts) == 1 and lines:
        (position, stop), = starts.items()
        label = stop or t("map.port", lang)
        ports.append((position, label, tooltip(label, t("map.port_body", lang), t("map.corridor_source", lang))))
    return lines, ports


def _boxes_of(collection_features) -> list:
    return [b for b in (_bounds(f.get("geometry")) for f in collection_features) if b]


def build_map(countries: dict, lang: str, *, needs: pd.DataFrame | None = None, admin1: dict | None = None,
              admin1_needs: pd.DataFrame | None = None, local: pd.DataFrame | None = None,
              corridors: dict | None = None, events: pd.DataFrame | None = None,
              communes: pd.DataFrame | None = None, boundaries: dict | None = None, boundary_key=None,
              focus=(), width: int = 1400, min_height: int = 380, max_height: int = 760,
              title: str = "", event_labels: int = EVENT_LABELS) -> MapSpec:
    """The map of ``needs`` (national figures, views.needs_by_country), ``admin1_needs``
    (regions, views.needs_by_admin1) and ``local`` (maps.local_points), with ``events``
    (maps.event_points), ``corridors`` and ``communes`` (maps.commune_groups), framed on them
    (or on the ``focus`` countries) in a box ``width`` pixels wide."""
    focus = set(focus or ())
    features = [f for f in (countries or {}).get("features", []) if f.get("geometry")]
    national = {r["country_iso3"]: r for r in (needs.to_dict("records") if needs is not None else [])
                if r.get("country_iso3")}
    regions = _admin1_rows(admin1, admin1_needs)
    local = local if local is not None else pd.DataFrame(columns=["position", "place", "row", "value", "tooltip"])
    events = events if events is not None else pd.DataFrame(columns=["position", "label", "count", "tooltip"])
    corridor_lines, ports = _corridor_shapes(corridors, lang) if corridors else ([], [])
    commune_shapes = _commune_shapes(communes, lang, boundaries, boundary_key) if communes is not None else []

    # the frame: countries and regions with a figure (or in focus), local markers, corridors;
    # events only where they fall near those (an event in Brussels does not zoom the map out)
    boxes = _boxes_of(f for f in features if feature_iso3(f) in (focus or set(national)))
    boxes += _boxes_of(feature for feature, _row in regions)
    boxes += [(p[0], p[1], p[0], p[1]) for p in local["position"]]
    boxes += _boxes_of({"geometry": s.geometry} for s in corridor_lines)
    boxes += _boxes_of({"geometry": s.geometry} for s in commune_shapes if s.kind == "polygon")
    boxes += [(s.geometry[0], s.geometry[1]) * 2 for s in commune_shapes if s.kind == "point"]
    points = [tuple(p) for p in events["position"]]
    if boxes and not focus:
        near = _grown(boxes, 0.25)
        boxes += [(x, y, x, y) for x, y in points if near[0] <= x <= near[2] and near[1] <= y <= near[3]]
    elif not boxes:
        boxes = [(x, y, x, y) for x, y in _core(points)]
    viewport = fit(boxes, width, min_height=min_height, max_height=max_height)
    in_frame = (lambda x, y: 0 <= x <= viewport.width and 0 <= y <= viewport.height)

    shapes: list[Shape] = []
    # basemap, then the countries with their figure
    for feature in features:
        iso3 = feature_iso3(feature)
        row = national.get(iso3)
        if row is None:
            shapes.append(Shape("basemap", "polygon", feature["geometry"], fill=FOCUS_FILL if iso3 in focus else BASE_FILL,
                                stroke=BORDER, stroke_width=0.6))
        else:
            shapes.append(Shape("needs-country", "polygon", feature["geometry"], fill=need_color(_value(row)),
                                stroke=(255, 255, 255, 255), stroke_width=1.0, data={"iso3": iso3},
                                tooltip=_figure_tooltip(fmt_country(iso3, lang), row, lang)))
    region_of = {}
    for feature, row in regions:
        name = row.get("admin1")
        region_of[id(feature["geometry"])] = row
        shapes.append(Shape("needs-admin1", "polygon", feature["geometry"], fill=need_color(_value(row)),
                            stroke=ADMIN1_LINE, stroke_width=1.2, data={"admin1": str(name)},
                            tooltip=_figure_tooltip(f"{name} ({fmt_country(row.get('country_iso3'), lang)})", row, lang)))
    shapes += [s for s in commune_shapes if s.kind == "polygon"]
    shapes += corridor_lines

    # markers: communes, ports, local figures, events (pixel radius)
    markers: list[tuple[float, float, float]] = []
    off_map: list[str] = []

    def add_point(layer, xy, radius, fill, stroke, tip, width=1.5, data=None):
        x, y = viewport.project(*xy)
        if not in_frame(x, y):
            return None
        shapes.append(Shape(layer, "point", tuple(xy), fill=fill, stroke=stroke, stroke_width=width, radius=radius,
                            tooltip=tip, data=data or {}))
        markers.append((x, y, radius))
        return x, y, radius

    for s in commune_shapes:
        if s.kind == "point":
            add_point("communes", s.geometry, s.radius, s.fill, s.stroke, s.tooltip, 1.0)
    port_at = [(add_point("ports", xy, 7, PORT_COLOR, (255, 255, 255, 255), tip, 2), name) for xy, name, tip in ports]
    local_at = []
    for r in local.to_dict("records"):
        value = _value(r["row"])
        radius = 6 if is_missing(value) else min(5 + 1.6 * math.log10(max(float(value), 10)), 14)
        at = add_point("local", r["position"], radius, need_color(value), LOCAL_LINE, r["tooltip"], 1.6)
        if at:
            local_at.append((at, r))
    event_at = []
    for r in events.to_dict("records"):
        n = int(r.get("count") or 1)
        at = add_point("events", r["position"], min(5 + 2 * math.sqrt(n - 1), 12), EVENT_COLOR,
                       (255, 255, 255, 255), r["tooltip"], 1.5)
        if at:
            event_at.append((at, r))
        else:
            off_map.append(str(r.get("where") or ""))

    # labels, most important first
    layout = Layout(viewport.width, viewport.height, markers)
    labels: list[Label] = []
    listed: list[tuple[int, str]] = []

    def place(layer, lines, size, bold, candidates, color=INK) -> bool:
        w, h = _label_size(lines, size, bold)
        for x, y in candidates(w, h):
            box = (x, y, x + w, y + h)
            if layout.free(box):
                layout.take(box)
                labels.append(Label(layer, lines, x, y, w, h, size, bold, color))
                return True
        return False

    def number(layer, text, candidates) -> None:
        n = len(listed) + 1
        listed.append((n, text))
        w, h = _label_size((str(n),), 10, (True,))
        for x, y in candidates(w, h):
            box = (x, y, x + w, y + h)
            if layout.free(box):
                layout.take(box)
                labels.append(Label(layer, (str(n),), x, y, w, h, 10, (True,), INK, number=n))
                return

    polygons = {}
    for shape_ in shapes:
        if shape_.layer in ("needs-country", "needs-admin1"):
            polygons[id(shape_)] = _projected_polygon(shape_.geometry, viewport)
    for shape_ in sorted((s for s in shapes if s.layer == "needs-country"),
                         key=lambda s: -(_value(national[s.data["iso3"]]) or 0)):
        polygon = polygons.get(id(shape_))
        if polygon is None:
            continue
        row = national[shape_.data["iso3"]]
        name, value = fmt_country(row["country_iso3"], lang), _figure_text(row, lang)
        # inside the country, else with its centre in the country, else a number and a line of the list
        if not (place("needs-country", (name, value), 12.5, (True, False),
                      lambda w, h, p=polygon: _fully_inside(p, w, h))
                or place("needs-country", (name, value), 12.5, (True, False),
                         lambda w, h, p=polygon: _centre_inside(p, w, h))):
            year = _year(row, lang)
            number("needs-country", f"{name} — {value}" + (f" ({year})" if year else ""),
                   lambda w, h, p=polygon: _centre_inside(p, w, h))
    for shape_ in (s for s in shapes if s.layer == "needs-admin1"):
        polygon = polygons.get(id(shape_))
        if polygon is None:
            continue
        region = region_of[id(shape_.geometry)]
        lines = (str(region.get("admin1")), _figure_text(region, lang))
        if not place("needs-admin1", lines, 10.5, (True, False), lambda w, h, p=polygon: _centre_inside(p, w, h)):
            number("needs-admin1", " — ".join(lines), lambda w, h, p=polygon: _centre_inside(p, w, h))
    for at, name in port_at:
        if at and name:
            place("ports", (name,), 11, (True,), lambda w, h, a=at: _around(*a, w, h), color=(150, 40, 25, 255))
    ranked_local = sorted(local_at, key=lambda item: -(_value(item[1]["row"]) or 0))
    for k, (at, r) in enumerate(ranked_local):
        lines = (f"{truncate(r['place'], 28)} : {_figure_text(r['row'], lang)}" if lang != "en"
                 else f"{truncate(r['place'], 28)}: {_figure_text(r['row'], lang)}",)
        if k >= LOCAL_LABELS or not place("local", lines, 11, (False,), lambda w, h, a=at: _around(*a, w, h)):
            number("local", lines[0], lambda w, h, a=at: _around(*a, w, h))
    recent = sorted(event_at, key=lambda item: str(item[1].get("sort_key") or ""), reverse=True)[:event_labels]
    for at, r in recent:
        n = int(r.get("count") or 1)
        text = r["label"] + (f" (+{n - 1})" if n > 1 else "")
        if not place("events", (text,), 11, (False,), lambda w, h, a=at: _around(*a, w, h), color=(30, 90, 30, 255)):
            number("events", f"{text} — {truncate(r.get('title') or '', 60)} ({r.get('where') or ''})",
                   lambda w, h, a=at: _around(*a, w, h))
    # names of the other countries in view, where there is room (orientation only)
    for feature in features:
        iso3 = feature_iso3(feature)
        if iso3 in national or iso3 is None:
            continue
        polygon = _projected_polygon(feature["geometry"], viewport)
        if polygon is None or polygon.area < 2500:
            continue
        place("basemap", (fmt_country(iso3, lang),), 10, (False,), lambda w, h, p=polygon: _fully_inside(p, w, h),
              color=MUTED)
    if off_map:
        listed.append((0, tn("mapview.off_map", len(off_map), lang,
                            places=", ".join(dict.fromkeys(p for p in off_map if p)))))

    shapes.sort(key=lambda s: LAYER_ORDER.index(s.layer))  # stable: bottom to top, each layer in its order
    legend, legend_title = _legend(shapes, lang, national, regions)
    return MapSpec(viewport, shapes, labels, listed, legend, legend_title, _caption(shapes, national, regions, local,
                                                                                  lang), title=title)


def _value(row: dict):
    if row is None or row.get("qualifier") == "unquantified" or is_missing(row.get("value")):
        return None
    return float(row["value"])


def _fully_inside(polygon, w: float, h: float):
    from shapely.geometry import box

    for x, y in _inside_candidates(polygon, w, h):
        if polygon.contains(box(x, y, x + w, y + h)):
            yield x, y


def _centre_inside(polygon, w: float, h: float):
    from shapely.geometry import Point

    for x, y in _inside_candidates(polygon, w, h):
        if polygon.contains(Point(x + w / 2, y + h / 2)):
            yield x, y


def _grown(boxes, fraction: float):
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    dx, dy = max((east - west) * fraction, 1.0), max((north - south) * fraction, 1.0)
    return west - dx, south - dy, east + dx, north + dy


def _core(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Points without the far outliers (beyond 3 medians' distance from the median point)."""
    if len(points) < 4:
        return points
    mx = sorted(p[0] for p in points)[len(points) // 2]
    my = sorted(p[1] for p in points)[len(points) // 2]
    distance = [math.hypot(x - mx, y - my) for x, y in points]
    limit = max(sorted(distance)[len(points) // 2] * 3, 4.0)
    return [p for p, d in zip(points, distance) if d <= limit]


def _admin1_rows(admin1: dict | None, rows: pd.DataFrame | None) -> list[tuple[dict, dict]]:
    """(admin-1 feature, figure) for each region whose name matches (accents and case aside) a figure's ``admin1``."""
    if not admin1 or rows is None or rows.empty:
        return []
    by_key: dict[tuple, dict] = {}
    for row in rows.to_dict("records"):
        if row.get("admin1"):
            by_key.setdefault((row.get("country_iso3"), fold(str(row["admin1"]))), row)
    out = []
    for feature in admin1.get("features", []):
        name = feature_name(feature, ("admin1", "ADM1_FR", "shapeName", "name_fr", "name"))
        iso3, key = feature_iso3(feature), fold(name or "")
        row = by_key.get((iso3, key)) or next((r for (c, k), r in by_key.items() if k == key and (not iso3 or not c)),
                                              None)
        if row and feature.get("geometry"):
            out.append((feature, {**row, "admin1": name}))
    return out


def _commune_shapes(groups: pd.DataFrame, lang: str, boundaries: dict | None, key=None) -> list[Shape]:
    """Communes at their prefecture: the prefecture's polygon from user boundaries when its name
    matches a unit (``key(name, iso3)``; accents and case aside by default), a point otherwise."""
    if groups is None or groups.empty:
        return []
    key = key or (lambda name, _iso3: fold(name))

    def tip(r):
        names = ", ".join(r["communes"])
        return tooltip(t("map.prefecture", lang, name=r["prefecture"]),
                       tn("map.communes_body", len(r["communes"]), lang, names=truncate(names, 300)),
                       t("map.communes_source", lang))

    units = {}
    for feature in (boundaries or {}).get("features", []):
        name = feature_name(feature, ("ADM2_FR", "admin2", "name", "shapeName"))
        if name:
            units[(feature.get("properties") or {}).get("canonical") or key(name, feature_iso3(feature))] = feature
    out = []
    for r in groups.to_dict("records"):
        feature = units.get(key(r["prefecture"], r.get("country_iso3")))
        if feature:
            out.append(Shape("communes", "polygon", feature["geometry"], fill=COMMUNE_COLOR[:3] + (120,),
                             stroke=COMMUNE_COLOR, stroke_width=1.5, tooltip=tip(r)))
        elif not is_missing(r.get("lon")) and not is_missing(r.get("lat")):
            out.append(Shape("communes", "point", (float(r["lon"]), float(r["lat"])), fill=COMMUNE_COLOR,
                             stroke=(255, 255, 255, 255), radius=min(4 + len(r["communes"]), 10), tooltip=tip(r)))
    return out


def _legend(shapes: list[Shape], lang: str, national: dict, regions: list) -> tuple[list, str]:
    layers = {s.layer for s in shapes}
    indicator = next((r.get("indicator") for r in [*national.values(), *(r for _f, r in regions)]), None)
    title = fmt_indicator(indicator, lang) if indicator else t("map.legend", lang)
    items = []
    if layers & {"needs-country", "needs-admin1", "local"}:
        items += [("fill", color, label) for color, label in need_classes(lang)]
    if "needs-admin1" in layers:
        items.append(("admin1", ADMIN1_LINE, t("mapview.legend_admin1", lang)))
    if "local" in layers:
        items.append(("ring", LOCAL_LINE, t("mapview.legend_local", lang)))
    for layer, kind, color, key in (("events", "dot", EVENT_COLOR, "map.layer.events"),
                                    ("corridors", "line", CORRIDOR_COLOR, "map.layer.corridors"),
                                    ("ports", "dot", PORT_COLOR, "map.port"),
                                    ("communes", "dot", COMMUNE_COLOR, "map.layer.communes")):
        if layer in layers:
            items.append((kind, color, t(key, lang)))
    return items, title


def _caption(shapes: list[Shape], national: dict, regions: list, local: pd.DataFrame, lang: str) -> str:
    """What the map shows and from which kinds of sources (articles, official figures)."""
    rows = [*national.values(), *(r for _f, r in regions), *(local["row"] if not local.empty else [])]
    kinds = []
    if any((r.get("source_kind") or "article") == "article" for r in rows):
        kinds.append(t("mapview.kind_article", lang))
    if any(r.get("source_kind") == "import" or not is_missing(r.get("official_value")) for r in rows):
        kinds.append(t("mapview.kind_import", lang))
    layers = {s.layer for s in shapes}
    parts = []
    if rows:
        parts.append(t("mapview.caption_figures", lang, kinds=f" {t('mapview.and', lang)} ".join(kinds)))
    if "events" in layers:
        parts.append(t("mapview.caption_events", lang))
    if "corridors" in layers:
        parts.append(t("mapview.caption_corridors", lang))
    parts.append(t("mapview.caption_basemap", lang))
    return " ".join(parts)


# --- the one renderer: SVG ---------------------------------------------------------------

def _rgb(color) -> tuple[str, float]:
    r, g, b, *a = color
    return f"rgb({int(r)},{int(g)},{int(b)})", round((a[0] if a else 255) / 255, 3)


def _paint(color, kind: str) -> str:
    if color is None:
        return f'{kind}="none"'
    rgb, alpha = _rgb(color)
    return f'{kind}="{rgb}"' + (f' {kind}-opacity="{alpha}"' if alpha < 1 else "")


def _rings(geometry: dict) -> tuple[list, list]:
    kind, coords = (geometry or {}).get("type"), (geometry or {}).get("coordinates") or []
    if kind == "Polygon":
        return list(coords), []
    if kind == "MultiPolygon":
        return [ring for polygon in coords for ring in polygon], []
    if kind == "LineString":
        return [], [coords]
    if kind == "MultiLineString":
        return [], list(coords)
    return [], []


def _path(viewport: Viewport, line, closed: bool) -> str:
    points = [viewport.project(float(p[0]), float(p[1])) for p in line if len(p) >= 2]
    if len(points) < 2:
        return ""
    out, last = [], None
    for x, y in points:
        here = (round(x, 1), round(y, 1))
        if here != last:
            out.append(f"{here[0]:g} {here[1]:g}")
            last = here
    return "M" + "L".join(out) + ("Z" if closed else "")


def _visible(viewport: Viewport, geometry) -> bool:
    b = _bounds(geometry) if isinstance(geometry, dict) else (geometry[0], geometry[1], geometry[0], geometry[1])
    if not b:
        return False
    x0, y1 = viewport.project(b[0], b[1])
    x1, y0 = viewport.project(b[2], b[3])
    return x1 >= 0 and x0 <= viewport.width and y1 >= 0 and y0 <= viewport.height


def _shape_svg(shape_: Shape, viewport: Viewport) -> str:
    title = f"<title>{esc(shape_.tooltip)}</title>" if shape_.tooltip else ""
    data = "".join(f' data-{k}="{esc(v)}"' for k, v in shape_.data.items())
    if shape_.kind == "point":
        x, y = viewport.project(*shape_.geometry)
        return (f'<circle class="marker {esc(shape_.layer)}" cx="{x:.1f}" cy="{y:.1f}" r="{shape_.radius:.1f}" '
                f'{_paint(shape_.fill, "fill")} {_paint(shape_.stroke, "stroke")} '
                f'stroke-width="{shape_.stroke_width:g}"{data}>{title}</circle>')
    rings, lines = _rings(shape_.geometry)
    if rings:
        d = "".join(_path(viewport, ring, True) for ring in rings)
        return (f'<path class="{esc(shape_.layer)}" d="{d}" fill-rule="evenodd" {_paint(shape_.fill, "fill")} '
                f'{_paint(shape_.stroke, "stroke")} stroke-width="{shape_.stroke_width:g}" stroke-linejoin="round"'
                f'{data}>{title}</path>')
    d = "".join(_path(viewport, line, False) for line in lines)
    return (f'<path class="{esc(shape_.layer)}" d="{d}" fill="none" {_paint(shape_.stroke, "stroke")} '
            f'stroke-width="{shape_.stroke_width:g}" stroke-linecap="round" stroke-linejoin="round"{data}>'
            f'{title}</path>')


def _label_svg(label: Label) -> str:
    css = "map-label badge" if label.number is not None else "map-label"
    rx = label.h / 2 if label.number is not None else 3
    out = [f'<g class="{css}" data-layer="{esc(label.layer)}">'
           f'<rect class="label-box" x="{label.x:.1f}" y="{label.y:.1f}" width="{label.w:.1f}" height="{label.h:.1f}" '
           f'rx="{rx:.1f}" fill="#ffffff" fill-opacity="{0.95 if label.number is not None else 0.86}"'
           + (' stroke="#14213d" stroke-width="1"' if label.number is not None else "") + "/>"]
    fill = _rgb(label.color)[0]
    for i, (line, bold) in enumerate(zip(label.lines, label.bold)):
        baseline = label.y + 2 + label.size * (1.2 * i + 0.95)
        out.append(f'<text x="{label.x + label.w / 2:.1f}" y="{baseline:.1f}" text-anchor="middle" '
                   f'font-size="{label.size:g}" font-weight="{"bold" if bold else "normal"}" fill="{fill}">'
                   f'{esc(line)}</text>')
    return "".join(out) + "</g>"


LEGEND_ROW = 20


def _legend_rows(spec: MapSpec, width: int) -> list[list[tuple[float, tuple]]]:
    """Legend items flowed into rows of the picture's width: [(x, item)]."""
    rows, row, x = [], [], 10 + text_width(spec.legend_title, 11.5, True) + 12
    for item in spec.legend:
        w = 22 + text_width(item[2], 11) + 14
        if row and x + w > width - 10:
            rows.append(row)
            row, x = [], 10
        row.append((x, item))
        x += w
    if row:
        rows.append(row)
    return rows


def map_svg(spec: MapSpec, *, furniture: bool = True, label: str = "") -> str:
    """The map as an SVG document: the map itself, and (``furniture``) its legend, the
    numbered list of labels that found no place on the map, and its caption under it."""
    v = spec.viewport
    body = [f'<rect class="sea" width="{v.width}" height="{v.height}" fill="{_rgb(SEA)[0]}"/>']
    for shape_ in spec.shapes:
        if shape_.kind != "point" and _visible(v, shape_.geometry):
            body.append(_shape_svg(shape_, v))
    body += [_shape_svg(s, v) for s in spec.shapes if s.kind == "point"]
    body += [_label_svg(label_) for label_ in spec.labels]
    height, extra = v.height, []
    if furniture:
        y = v.height + 8
        for row in _legend_rows(spec, v.width):
            if y == v.height + 8:
                extra.append(f'<text class="legend-title" x="10" y="{y + 13:.1f}" font-size="11.5" font-weight="bold" '
                             f'fill="{_rgb(INK)[0]}">{esc(spec.legend_title)}</text>')
            for x, (kind, color, text) in row:
                extra.append(_swatch(kind, color, x, y + 3) + f'<text class="legend-item" x="{x + 22:.1f}" '
                             f'y="{y + 13:.1f}" font-size="11" fill="{_rgb(INK)[0]}">{esc(text)}</text>')
            y += LEGEND_ROW
        for number, text in spec.listed:
            head = f"{number}. " if number else ""
            for i, line in enumerate(wrap(head + text, v.width - 20, 11)):
                extra.append(f'<text class="listed" x="10" y="{y + 13:.1f}" font-size="11" fill="{_rgb(INK)[0]}">'
                             f'{esc(line)}</text>')
                y += 16
        for line in wrap(spec.caption, v.width - 20, 10.5):
            extra.append(f'<text class="caption" x="10" y="{y + 13:.1f}" font-size="10.5" fill="{_rgb(MUTED)[0]}">'
                         f'{esc(line)}</text>')
            y += 15
        height = int(y + 8)
    title = f"<title>{esc(label or spec.title)}</title>" if (label or spec.title) else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{v.width}" height="{height}" '
            f'viewBox="0 0 {v.width} {height}" role="img" aria-label="{esc(label or spec.title)}" '
            f'font-family="{FONT_FAMILY}">{title}<rect width="{v.width}" height="{height}" fill="#ffffff"/>'
            f'<svg class="map" x="0" y="0" width="{v.width}" height="{v.height}" viewBox="0 0 {v.width} {v.height}" '
            f'overflow="hidden">{"".join(body)}</svg>{"".join(extra)}</svg>')


def _swatch(kind: str, color, x: float, y: float) -> str:
    paint = _rgb(color)[0]
    if kind == "fill":
        return f'<rect class="swatch" x="{x:.1f}" y="{y:.1f}" width="16" height="12" {_paint(color, "fill")} stroke="#bbbbbb"/>'
    if kind == "admin1":
        return f'<rect class="swatch" x="{x:.1f}" y="{y:.1f}" width="16" height="12" fill="#ffffff" stroke="{paint}" stroke-width="2"/>'
    if kind == "ring":
        return f'<circle class="swatch" cx="{x + 8:.1f}" cy="{y + 6:.1f}" r="5" fill="#ffffff" stroke="{paint}" stroke-width="2"/>'
    if kind == "line":
        return f'<line class="swatch" x1="{x:.1f}" y1="{y + 6:.1f}" x2="{x + 16:.1f}" y2="{y + 6:.1f}" stroke="{paint}" stroke-width="3"/>'
    return f'<circle class="swatch" cx="{x + 8:.1f}" cy="{y + 6:.1f}" r="5" {_paint(color, "fill")}/>'


# --- the same spec for deck.gl (the Carte page's live map) ------------------------------

def to_deck(spec: MapSpec):
    """The spec as a pydeck Deck drawing the same shapes and labels in the same view (deck.gl
    keeps the labels at their places' coordinates when a user pans or zooms)."""
    import pydeck as pdk

    layers = []
    for layer in LAYER_ORDER:
        members = [s for s in spec.shapes if s.layer == layer]
        polys = [s for s in members if s.kind != "point"]
        points = [s for s in members if s.kind == "point"]
        if polys:
            features = [{"type": "Feature", "geometry": s.geometry,
                         "properties": {"fill": list(s.fill or (0, 0, 0, 0)), "line": list(s.stroke or (0, 0, 0, 0)),
                                        "width": s.stroke_width, "tooltip": s.tooltip}} for s in polys]
            layers.append(pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id=layer,
                                    stroked=True, filled=layer != "corridors", pickable=layer != "basemap",
                                    auto_highlight=layer != "basemap", get_fill_color="properties.fill",
                                    get_line_color="properties.line", get_line_width="properties.width",
                                    line_width_units="'pixels'"))
        if points:
            rows = [{"position": list(s.geometry), "fill": list(s.fill), "line": list(s.stroke or (255, 255, 255, 255)),
                     "radius": s.radius, "width": s.stroke_width, "tooltip": s.tooltip} for s in points]
            layers.append(pdk.Layer("ScatterplotLayer", rows, id=f"{layer}-points", get_position="position",
                                    get_fill_color="fill", get_line_color="line", get_radius="radius",
                                    radius_units="'pixels'", stroked=True, get_line_width="width",
                                    line_width_units="'pixels'", pickable=True, auto_highlight=True))
    texts = []
    for label_ in spec.labels:
        lon, lat = spec.viewport.unproject(label_.x + label_.w / 2, label_.y + label_.h / 2)
        texts.append({"position": [lon, lat], "text": "\n".join(label_.lines), "size": label_.size,
                      "color": list(label_.color)})
    if texts:
        layers.append(pdk.Layer("TextLayer", texts, id="labels", get_position="position", get_text="text",
                                get_size="size", get_color="color", size_units="'pixels'", character_set="'auto'",
                                font_family=f'"{FONT_FAMILY}"', get_text_anchor="'middle'",
                                get_alignment_baseline="'center'", background=True,
                                get_background_color=[255, 255, 255, 220], background_padding=[4, 2, 4, 2],
                                line_height=1.2))
    return pdk.Deck(layers=layers, initial_view_state=pdk.ViewState(**spec.viewport.view_state()),
                    # map_provider=None with pydeck's default map_style sentinel: no basemap is
                    # fetched (map_style=None would make Streamlit fetch Carto's)
                    map_provider=None, tooltip=copy.deepcopy(TOOLTIP), height=spec.height,
                    views=[pdk.View(type="MapView", controller=True)])


def frozen(deck_obj):
    """The same deck with its JSON written once, compact: a cached deck is then sent on each
    rerun without serialising its layers again."""
    spec = json.dumps(json.loads(deck_obj.to_json()), separators=(",", ":"), ensure_ascii=False)
    deck_obj.to_json = lambda: spec
    return deck_obj
