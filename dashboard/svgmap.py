"""The overview's small map as inline SVG: the people-in-need choropleth and the events,
from the shipped country layer. Pure: GeoJSON and tables in, an SVG string out.

Why not pydeck here: the overview is a one-slide briefing; a static map needs no WebGL and
no deck.gl bundle (the page is drawn about 0.5–0.8 s sooner, see bench/README.md), and it stays sharp
in screenshots. The Carte page keeps the interactive pydeck map. Same classes, colours and
tooltip texts as the Carte page (dashboard.maps); tooltips are SVG ``<title>`` elements
holding escaped text, so article text never becomes markup. The result is an XML document
(``<svg>`` root); dashboard.html.svg_html puts it on a page.
"""
from __future__ import annotations

import math

import pandas as pd
from shapely.geometry import Point, shape

from dashboard import maps
from dashboard.formatting import fmt_country, fmt_figure
from dashboard.safe import esc

DEFAULT_BOX = (-18.0, 4.0, 16.0, 24.0)  # lon/lat of the Sahel and coastal West Africa
SEA = "#EAF1F8"
HATCH_ID = "svgmap-unquantified"


def _rgb(color) -> tuple[str, float]:
    r, g, b, *a = color
    return f"rgb({r},{g},{b})", round((a[0] if a else 255) / 255, 3)


def _polygons(geometry: dict) -> list:
    """A geometry's polygons as lists of rings (lists of (lon, lat))."""
    kind, coords = (geometry or {}).get("type"), (geometry or {}).get("coordinates") or []
    if kind == "Polygon":
        return [coords]
    if kind == "MultiPolygon":
        return list(coords)
    return []


def frame_box(boxes: list[tuple[float, float, float, float]], width: int, height: int
              ) -> tuple[float, float, float, float, float]:
    """(west, south, east, north, stretch): the boxes padded and widened to the map's
    proportions; ``stretch`` is how much longer a degree of latitude is drawn than a degree
    of longitude (1° of longitude is cos(latitude) of a degree of latitude on the ground)."""
    boxes = boxes or [DEFAULT_BOX]
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad_x, pad_y = max((east - west) * 0.12, 1.5), max((north - south) * 0.12, 1.5)
    x0, x1, y0, y1 = west - pad_x, east + pad_x, south - pad_y, north + pad_y
    stretch = 1 / max(math.cos(math.radians((y0 + y1) / 2)), 0.2)
    ratio = width / height
    if (x1 - x0) / ((y1 - y0) * stretch) < ratio:
        grow = ((y1 - y0) * stretch * ratio - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = ((x1 - x0) / ratio / stretch - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    return x0, y0, x1, y1, stretch


def need_map_svg(countries: dict, lang: str, *, needs: pd.DataFrame | None = None,
                 events: pd.DataFrame | None = None, focus=(), width: int = 700, height: int = 540,
                 label: str = "") -> str:
    """The choropleth of ``needs`` (one row per country, as views.needs_by_country) with the
    ``events`` markers (maps.event_points), framed on the countries with a figure or in focus."""
    rows = {}
    if needs is not None and not needs.empty:
        for row in needs.to_dict("records"):
            if row.get("country_iso3"):
                rows.setdefault(row["country_iso3"], row)
    tips = {maps.feature_iso3(f): (f.get("properties") or {}).get("tooltip", "")
            for f in maps.need_features(countries, needs, lang)["features"]} if rows else {}
    features = [f for f in (countries or {}).get("features", []) if f.get("geometry")]
    wanted = set(rows) | set(focus or ())
    boxes = [b for f in features if maps.feature_iso3(f) in wanted and (b := maps._bounds(f["geometry"]))]
    x0, y0, x1, y1, _ = frame_box(boxes, width, height)

    def xy(lon: float, lat: float) -> str:
        return f"{(lon - x0) / (x1 - x0) * width:.1f},{(y1 - lat) / (y1 - y0) * height:.1f}"

    def visible(b) -> bool:
        return b is not None and b[2] >= x0 and b[0] <= x1 and b[3] >= y0 and b[1] <= y1

    shapes, labels = [], []
    for feature in features:
        bounds = maps._bounds(feature["geometry"])
        if not visible(bounds):
            continue
        iso3 = maps.feature_iso3(feature)
        path = " ".join("M" + "L".join(xy(lon, lat) for lon, lat, *_ in ring) + "Z"
                        for polygon in _polygons(feature["geometry"]) for ring in polygon if len(ring) > 2)
        row = rows.get(iso3)
        if row is None:
            # basemap: no tooltip, as on the Carte page (it is not what the map reports)
            fill, opacity = _rgb(maps.FOCUS_FILL if iso3 in wanted else maps.BASE_FILL)
            shapes.append(f'<path d="{path}" fill="{fill}" fill-opacity="{opacity}" stroke="#9a9a9a" '
                          f'stroke-width="0.6"/>')
            continue
        unquantified = row.get("qualifier") == "unquantified" or pd.isna(row.get("value"))
        fill, opacity = _rgb(maps.UNQUANTIFIED_COLOR if unquantified else maps.need_color(row["value"]))
        hatch = (f'<path d="{path}" fill="url(#{HATCH_ID})" stroke="none" pointer-events="none"/>'
                 if unquantified else "")
        shapes.append(f'<g class="need" data-iso3="{esc(iso3)}"><path d="{path}" fill="{fill}" '
                      f'fill-opacity="{opacity}" stroke="#fff" stroke-width="1">'
                      f'<title>{esc(tips.get(iso3, ""))}</title></path>{hatch}</g>')
        geometry = shape(feature["geometry"])
        point = geometry.representative_point()
        figure = fmt_figure(row.get("value"), None, row.get("qualifier"), lang)
        labels.append((geometry, point.x, point.y, fmt_country(iso3, lang), figure))

    markers, marker_xy = [], []
    if events is not None and not events.empty:
        for r in events.to_dict("records"):
            lon, lat = r["position"]
            if not (x0 <= lon <= x1 and y0 <= lat <= y1):
                continue
            radius = min(5 + 2 * math.sqrt(max(int(r.get("count") or 1), 1) - 1), 12)
            cx, cy = xy(lon, lat).split(",")
            marker_xy.append((float(cx), float(cy)))
            color, opacity = _rgb(maps.EVENT_COLOR)
            markers.append(f'<circle class="event" cx="{cx}" cy="{cy}" r="{radius:.1f}" fill="{color}" '
                           f'fill-opacity="{opacity}" stroke="#fff" stroke-width="1.5">'
                           f'<title>{esc(r.get("tooltip", ""))}</title></circle>')
        for r in maps.label_groups(events, cell=60 * (x1 - x0) / width).to_dict("records"):
            cx, cy = xy(*r["position"]).split(",")
            markers.append(f'<text class="event-label" x="{cx}" y="{float(cy) - 11:.1f}" text-anchor="middle">'
                           f'{esc(r["label"])}</text>')

    def inside(geometry):
        def test(px: float, py: float) -> bool:
            return geometry.contains(Point(x0 + px / width * (x1 - x0), y1 - py / height * (y1 - y0)))
        return test

    placed = []
    for geometry, lon, lat, name, figure in labels:
        px, py = (float(v) for v in xy(lon, lat).split(","))
        placed.append(_label(*clear_of(px, py, marker_xy, inside(geometry)), name, figure))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{esc(label)}" preserveAspectRatio="xMidYMid meet">'
        f'<defs><pattern id="{HATCH_ID}" width="7" height="7" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="7" stroke="#fff" stroke-width="2.2" '
        f'stroke-opacity="0.8"/></pattern></defs>'
        f'<rect width="{width}" height="{height}" fill="{SEA}"/>'
        f'{"".join(shapes)}{"".join(placed)}{"".join(markers)}</svg>'
    )


def clear_of(x: float, y: float, markers: list[tuple[float, float]], inside=lambda x, y: True, *,
             half_width: float = 50.0) -> tuple[float, float]:
    """A country label's anchor (pixels) moved off the event markers and their date labels,
    with the label's corners inside its country when possible (a capital often sits near a
    country's centre); the first candidate that clears the markers otherwise."""
    def clear(cx: float, cy: float) -> bool:
        return not any(abs(mx - cx) < half_width + 20 and -50 < my - cy < 34 for mx, my in markers)

    def fits(cx: float, cy: float) -> bool:
        return all(inside(cx + dx, cy + dy) for dx in (-half_width, 0, half_width) for dy in (-16, 16))

    candidates = [(dx, dy) for dy in (0, 30, -30, 60, -60, 90) for dx in (0, 45, -45, 90, -90)]
    free = [(x + dx, y + dy) for dx, dy in candidates if clear(x + dx, y + dy)]
    return next((p for p in free if fits(*p)), free[0] if free else (x, y))


def _label(x: float, y: float, name: str, figure: str) -> str:
    x, y = f"{x:.1f}", f"{y:.1f}"
    return (f'<text class="country-label" x="{x}" y="{y}" text-anchor="middle">'
            f'<tspan x="{x}" dy="-0.2em">{esc(name)}</tspan>'
            f'<tspan x="{x}" dy="1.15em" class="figure">{esc(figure)}</tspan></text>')
