"""Pure pydeck builders: tables and GeoJSON in, pdk.Deck out. No Streamlit, no network.

The basemap is the shipped country layer (``map_provider=None``: no tile server).
Tooltips are plain text (``{"text": "{tooltip}"}``), so article text in them cannot
become markup.
"""
from __future__ import annotations

import copy
import json
import math

import pandas as pd
import pydeck as pdk

from dashboard.formatting import (fmt_country, fmt_date, fmt_figure, fmt_indicator, fmt_number,
                                  fmt_short_date, truncate)
from dashboard.i18n import t
from dashboard.intake_views import row_notes
from etl.text import fold

# people-in-need classes (lower bounds) and their fills, light to dark
NEED_BREAKS = (0, 100_000, 500_000, 1_000_000, 2_500_000, 5_000_000)
NEED_COLORS = ([222, 235, 247, 230], [189, 215, 238, 230], [140, 186, 220, 235],
               [82, 146, 200, 240], [33, 102, 172, 245], [8, 48, 107, 250])
UNQUANTIFIED_COLOR = [176, 122, 161, 200]
BASE_FILL = [244, 241, 234, 255]
FOCUS_FILL = [236, 231, 220, 255]
BORDER = [150, 150, 150, 255]
PORT_COLOR = [200, 60, 40, 255]
CORRIDOR_COLOR = [214, 96, 39, 220]
EVENT_COLOR = [58, 146, 58, 235]
COMMUNE_COLOR = [128, 76, 160, 210]
TOOLTIP_FIELDS = ("tooltip",)
# Plain-text tooltips: deck.gl sets them as text, so a title or quote holding markup stays
# text whatever the Streamlit version (older ones pasted raw values into an HTML template,
# newer ones escape them, so pre-escaped values would show as "&lt;").
TOOLTIP = {
    "text": "{tooltip}",
    "style": {"backgroundColor": "white", "color": "#14213d", "fontSize": "13px", "whiteSpace": "pre-line",
              "maxWidth": "380px", "border": "1px solid #c9d1dd", "borderRadius": "4px", "padding": "8px",
              "lineHeight": "1.35", "fontFamily": "Source Sans, Helvetica, Arial, sans-serif"},
}
# pydeck reads unquoted strings as JS expressions: literal strings go in quotes
LABEL_FONT = '"Source Sans, Helvetica, Arial, sans-serif"'
# labels on a light box so they read on any fill
OUTLINE = {"background": True, "get_background_color": [255, 255, 255, 215], "background_padding": [4, 2, 4, 2]}
DEFAULT_VIEW = {"latitude": 13.0, "longitude": 1.0, "zoom": 4.3}
_ISO3_KEYS = ("iso3", "ISO3", "iso_a3", "ISO_A3", "ADM0_A3", "adm0_a3", "country_iso3", "shapeGroup", "ADM0_ISO3")
_NAME_KEYS = ("name_fr", "NAME_FR", "ADM1_FR", "ADM2_FR", "shapeName", "name", "NAME")


# --- small helpers ---------------------------------------------------------------------

def tooltip(title="", body="", source="", quote="") -> dict:
    """The tooltip field: plain text lines (shown as text, never parsed as HTML)."""
    lines = [str(title or ""), str(body or ""), str(source or ""),
             f"« {truncate(quote, 220)} »" if quote else ""]
    return {"tooltip": "\n".join(line for line in lines if line.strip())}


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


def need_color(value) -> list[int]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return UNQUANTIFIED_COLOR
    index = max(i for i, low in enumerate(NEED_BREAKS) if value >= low) if value >= 0 else 0
    return NEED_COLORS[index]


def need_legend(lang: str) -> list[tuple[list[int], str]]:
    """Legend entries for the choropleth, the unquantified class last."""
    items = []
    for i, low in enumerate(NEED_BREAKS):
        high = NEED_BREAKS[i + 1] if i + 1 < len(NEED_BREAKS) else None
        label = (f"{fmt_number(low, lang, compact=True)} – {fmt_number(high, lang, compact=True)}" if high
                 else f"≥ {fmt_number(low, lang, compact=True)}")
        items.append((NEED_COLORS[i], label))
    items.append((UNQUANTIFIED_COLOR, t("map.legend_unquantified", lang)))
    return items


def source_text(row: dict, lang: str) -> str:
    title = row.get("article_title") or row.get("article_id") or ""
    when = row.get("article_date")
    suffix = f" ({fmt_short_date(when, row.get('article_date_precision'), lang)})" if when else ""
    return t("common.source_item", lang, source=truncate(title, 90) + suffix)


def _collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


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
    """Centre of the feature's bounding box (lon, lat): good enough to pin a country-level marker."""
    b = _bounds(feature.get("geometry"))
    return ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) if b else None


def view_for(collection: dict | None, iso3s, *, width: int = 1400, height: int = 620,
             extra: list[tuple[float, float, float, float]] = ()) -> dict:
    """A view framing the given countries (and ``extra`` boxes: corridors, markers) in a
    map of ``width`` × ``height`` pixels; all of the collection when nothing is given."""
    if not collection:
        return dict(DEFAULT_VIEW)
    wanted = set(iso3s or ())
    boxes = [_bounds(f.get("geometry")) for f in collection.get("features", [])
             if not wanted or feature_iso3(f) in wanted]
    boxes = [b for b in boxes if b] + list(extra)
    if not boxes:
        return dict(DEFAULT_VIEW)
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    # web-mercator: 512·2^zoom pixels for 360° of longitude; 10 % margin on each side
    lon_span = max(east - west, 0.5) * 1.2
    lat_span = max(north - south, 0.5) * 1.2 * 1.08  # mercator stretch at Sahel latitudes
    zoom = math.log2(min(width * 360 / (512 * lon_span), height * 360 / (512 * lat_span)))
    return {"latitude": (south + north) / 2, "longitude": (west + east) / 2,
            "zoom": round(max(1.5, min(9.0, zoom)), 2)}


def collection_bounds(collection: dict | None) -> list[tuple[float, float, float, float]]:
    return [b for b in (_bounds(f.get("geometry")) for f in (collection or {}).get("features", [])) if b]


def points_bounds(points: pd.DataFrame | None) -> list[tuple[float, float, float, float]]:
    if points is None or points.empty:
        return []
    return [(p[0], p[1], p[0], p[1]) for p in points["position"]]


# --- layers ----------------------------------------------------------------------------

def basemap_layer(countries: dict, *, focus: set[str] | None = None) -> pdk.Layer:
    """The shipped country layer drawn as basemap (not pickable: no tooltip)."""
    features = []
    for feature in countries.get("features", []):
        f = {"type": "Feature", "geometry": feature.get("geometry"),
             "properties": {"fill": FOCUS_FILL if focus and feature_iso3(feature) in focus else BASE_FILL}}
        features.append(f)
    return pdk.Layer("GeoJsonLayer", _collection(features), id="basemap", stroked=True, filled=True,
                     get_fill_color="properties.fill", get_line_color=BORDER, line_width_min_pixels=0.6,
                     pickable=False)


def country_labels_layer(countries: dict, lang: str, iso3s) -> pdk.Layer:
    rows = []
    for feature in countries.get("features", []):
        iso3 = feature_iso3(feature)
        point = centroid(feature)
        if iso3 in set(iso3s) and point:
            rows.append({"position": list(point), "label": fmt_country(iso3, lang)})
    return pdk.Layer("TextLayer", rows, id="country-labels", get_position="position", get_text="label",
                     get_size=14, get_color=[20, 33, 61, 255], character_set="'auto'", **OUTLINE,
                     font_family=LABEL_FONT, get_text_anchor="'middle'",
                     get_alignment_baseline="'center'", font_weight=600)


def need_features(countries: dict, rows: pd.DataFrame, lang: str) -> dict:
    """Country polygons carrying the latest people-in-need figure (or an unquantified mark)."""
    by_iso: dict[str, dict] = {}
    for row in rows.to_dict("records"):
        if row.get("country_iso3"):
            by_iso.setdefault(row["country_iso3"], row)
    features = []
    for feature in countries.get("features", []):
        row = by_iso.get(feature_iso3(feature))
        if not row:
            continue
        unquantified = row.get("qualifier") == "unquantified" or pd.isna(row.get("value"))
        props = {"country_iso3": row["country_iso3"],
                 "fill": UNQUANTIFIED_COLOR if unquantified else need_color(row["value"]),
                 **tooltip(fmt_country(row["country_iso3"], lang),
                           f"{fmt_figure(row.get('value'), row.get('unit'), row.get('qualifier'), lang, compact=False)}"
                           f" — {fmt_indicator(row.get('indicator'), lang)}"
                           + (f"\n{note}" if (note := row_notes(row, lang)) else ""),
                           source_text(row, lang), row.get("quote"))}
        features.append({"type": "Feature", "geometry": feature.get("geometry"), "properties": props})
    return _collection(features)


def admin1_need_features(admin1: dict, rows: pd.DataFrame, lang: str) -> dict:
    """Admin-1 polygons whose name matches (accent/case-insensitively) a figure's ``admin1``."""
    by_key: dict[tuple[str | None, str], dict] = {}
    for row in rows.to_dict("records"):
        if row.get("admin1"):
            by_key.setdefault((row.get("country_iso3"), fold(row["admin1"])), row)
    features = []
    for feature in admin1.get("features", []):
        name = feature_name(feature, ("admin1", "ADM1_FR", "shapeName", "name_fr", "name"))
        iso3 = feature_iso3(feature)
        key = fold(name or "")
        row = by_key.get((iso3, key)) or next((r for (c, k), r in by_key.items() if k == key and (not iso3 or not c)), None)
        if not row:
            continue
        unquantified = row.get("qualifier") == "unquantified" or pd.isna(row.get("value"))
        props = {"country_iso3": row["country_iso3"],
                 "fill": UNQUANTIFIED_COLOR if unquantified else need_color(row["value"]),
                 **tooltip(f"{name} ({fmt_country(row.get('country_iso3') or iso3, lang)})",
                           f"{fmt_figure(row.get('value'), row.get('unit'), row.get('qualifier'), lang, compact=False)}"
                           f" — {fmt_indicator(row.get('indicator'), lang)}"
                           + (f"\n{note}" if (note := row_notes(row, lang)) else ""),
                           source_text(row, lang), row.get("quote"))}
        features.append({"type": "Feature", "geometry": feature.get("geometry"), "properties": props})
    return _collection(features)


def fill_layer(collection: dict, layer_id: str, *, line_color=(255, 255, 255, 255)) -> pdk.Layer:
    return pdk.Layer("GeoJsonLayer", collection, id=layer_id, stroked=True, filled=True, pickable=True,
                     auto_highlight=True, get_fill_color="properties.fill", get_line_color=list(line_color),
                     line_width_min_pixels=1)


def _localized(props: dict, key: str, lang: str) -> str:
    return str(props.get(f"{key}_{lang}") or props.get(f"{key}_fr") or props.get(key) or "")


def corridor_layers(corridors: dict, lang: str) -> list[pdk.Layer]:
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
            lines.append({"type": "Feature", "geometry": geometry,
                          "properties": tooltip(name, via or body, _localized(props, "note", lang)
                                                or t("map.corridor_source", lang))})
            first = geometry["coordinates"][0] if geometry.get("type") == "LineString" else geometry["coordinates"][0][0]
            starts.setdefault((round(first[0], 3), round(first[1], 3)), via.split(" – ")[0].strip())
        elif geometry.get("type") == "Point":
            ports.append({"position": geometry["coordinates"][:2], "label": name,
                          **tooltip(name, t("map.port_body", lang), t("map.corridor_source", lang))})
    if not ports and len(starts) == 1 and len(lines) > 0:
        (position, stop), = starts.items()
        label = stop or t("map.port", lang)
        ports.append({"position": list(position), "label": label,
                      **tooltip(label, t("map.port_body", lang), t("map.corridor_source", lang))})
    layers = []
    if lines:
        layers.append(pdk.Layer("GeoJsonLayer", _collection(lines), id="corridors", stroked=True, filled=False,
                                pickable=True, get_line_color=CORRIDOR_COLOR, line_width_min_pixels=3,
                                get_line_width=4000, auto_highlight=True))
    if ports:
        layers.append(pdk.Layer("ScatterplotLayer", ports, id="ports", get_position="position",
                                get_fill_color=PORT_COLOR, get_line_color=[255, 255, 255, 255], stroked=True,
                                line_width_min_pixels=2, get_radius=9000, radius_min_pixels=7, pickable=True))
        layers.append(pdk.Layer("TextLayer", ports, id="port-labels", get_position="position", get_text="label",
                                get_size=13, get_color=[150, 40, 25, 255], get_pixel_offset=[0, 18], **OUTLINE,
                                character_set="'auto'", font_weight=700, font_family=LABEL_FONT))
    return layers


def event_points(events: pd.DataFrame, lang: str, *, places: pd.DataFrame | None = None,
                 countries: dict | None = None) -> pd.DataFrame:
    """Events with a position: their own lat/lon, else their place's, else (approximately,
    and the tooltip says so) the centre of their country."""
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
    for r in events.to_dict("records"):
        approx = False
        if pd.notna(r.get("lat")) and pd.notna(r.get("lon")):
            xy = (r["lon"], r["lat"])
        elif r.get("place_id") in place_xy:
            xy = place_xy[r["place_id"]]
        elif r.get("country_iso3") in country_xy:
            xy, approx = country_xy[r["country_iso3"]], True
        else:
            continue
        when = fmt_short_date(r.get("date_start"), r.get("precision") or r.get("date_precision"), lang)
        where = ", ".join(x for x in (r.get("place") or "", fmt_country(r.get("country_iso3"), lang)
                                       if r.get("country_iso3") else "") if x)
        body = f"{fmt_date(r.get('date_start'), r.get('precision') or r.get('date_precision'), lang)} — {where}"
        if approx:
            body += f" ({t('map.approx_position', lang)})"
        if note := row_notes(r, lang):
            body += f"\n{note}"
        rows.append({"position": [float(xy[0]), float(xy[1])], "label": when,
                     "sort_key": r.get("date_key") or r.get("article_date") or "",
                     **tooltip(r.get("title") or r.get("kind") or "", body, source_text(r, lang), r.get("quote"))})
    return merge_same_place(pd.DataFrame(rows, columns=["position", "label", "sort_key", *TOOLTIP_FIELDS]), lang)


def merge_same_place(points: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One marker per position: the most recent event's label and tooltip, with how many
    other events happened there (2,000 articles hold many meetings in the same capitals)."""
    if points.empty:
        return points.assign(count=pd.Series(dtype=int))
    work = points.assign(_at=[(round(p[0], 3), round(p[1], 3)) for p in points["position"]])
    work = work.sort_values("sort_key", ascending=False, kind="stable")
    counts = work.groupby("_at", sort=False).size()
    first = work.drop_duplicates("_at").copy()
    first["count"] = first["_at"].map(counts).astype(int)
    first["tooltip"] = [tip if n == 1 else f"{tip}\n{t('map.more_events_here', lang, n=n - 1)}"
                        for tip, n in zip(first["tooltip"], first["count"])]
    return first.drop(columns="_at").reset_index(drop=True)


def label_groups(points: pd.DataFrame, *, cell: float = 0.75, max_labels: int = 10) -> pd.DataFrame:
    """One label per cluster of nearby markers (``cell`` degrees): the most recent event's
    date, with "+n" for the others, so labels of neighbouring events do not overprint;
    only the ``max_labels`` most recent clusters are labelled (every marker stays drawn)."""
    if points.empty:
        return pd.DataFrame(columns=["position", "label"])
    work = points.assign(_cell=[(round(p[0] / cell), round(p[1] / cell)) for p in points["position"]])
    work = work.sort_values("sort_key", ascending=False) if "sort_key" in work.columns else work
    rows = []
    for _cell, group in work.groupby("_cell", sort=False):
        first = group.iloc[0]
        n = int(group["count"].sum()) if "count" in group.columns else len(group)
        extra = f" (+{n - 1})" if n > 1 else ""
        rows.append({"position": first["position"], "label": f"{first['label']}{extra}",
                     "sort_key": first.get("sort_key", "")})
    labels = pd.DataFrame(rows)
    if "sort_key" in labels.columns:
        labels = labels.sort_values("sort_key", ascending=False)
    return labels.head(max_labels)[["position", "label"]]


def event_layers(points: pd.DataFrame, *, label_cell: float = 0.75) -> list[pdk.Layer]:
    if points.empty:
        return []
    counts = points["count"] if "count" in points.columns else pd.Series(1, index=points.index)
    points = points.assign(radius=[7000 * math.sqrt(max(int(n), 1)) for n in counts])
    return [
        pdk.Layer("ScatterplotLayer", points, id="events", get_position="position", get_fill_color=EVENT_COLOR,
                  get_line_color=[255, 255, 255, 255], stroked=True, line_width_min_pixels=1.5,
                  get_radius="radius",
                  radius_min_pixels=6, radius_max_pixels=22, pickable=True, auto_highlight=True),
        pdk.Layer("TextLayer", label_groups(points, cell=label_cell), id="event-labels", get_position="position", get_text="label",
                  get_size=12, get_color=[30, 90, 30, 255], get_pixel_offset=[0, -16], **OUTLINE,
                  character_set="'auto'", font_weight=600, font_family=LABEL_FONT),
    ]


def commune_groups(places: pd.DataFrame) -> pd.DataFrame:
    """Communes grouped by their prefecture (``admin2``, else the parent place): one row per
    prefecture with the commune names and a position (the prefecture's, else the communes')."""
    if places.empty:
        return pd.DataFrame(columns=["prefecture", "country_iso3", "communes", "lon", "lat"])
    communes = places[places["kind"] == "commune"].copy()
    if communes.empty:
        return pd.DataFrame(columns=["prefecture", "country_iso3", "communes", "lon", "lat"])
    by_id = places.set_index("place_id")
    prefectures, lons, lats = [], [], []
    for r in communes.to_dict("records"):
        parent = by_id.loc[r["parent_place_id"]] if r.get("parent_place_id") in by_id.index else None
        prefectures.append(r.get("admin2") or (parent["name"] if parent is not None else None) or r["name"])
        lon = r.get("lon") if pd.notna(r.get("lon")) else (parent["lon"] if parent is not None else None)
        lat = r.get("lat") if pd.notna(r.get("lat")) else (parent["lat"] if parent is not None else None)
        lons.append(lon)
        lats.append(lat)
    communes["prefecture"], communes["lon"], communes["lat"] = prefectures, lons, lats
    grouped = communes.groupby(["prefecture"], sort=True).agg(
        country_iso3=("country_iso3", "first"), communes=("name", lambda s: sorted(set(s))),
        lon=("lon", "mean"), lat=("lat", "mean")).reset_index()
    return grouped


def commune_layer(groups: pd.DataFrame, lang: str, *, boundaries: dict | None = None,
                  name_keys=("ADM2_FR", "admin2", "name", "shapeName"), key=None) -> pdk.Layer | None:
    """Communes at their prefecture: polygons from user boundaries when a prefecture's name
    matches a unit (``key(name, country_iso3)``: accent/case-insensitive by default; a
    feature's ``canonical`` property is used when present), points otherwise."""
    if groups.empty:
        return None
    key = key or (lambda name, _iso3: fold(name))

    def fields(r):
        names = ", ".join(r["communes"])
        return tooltip(t("map.prefecture", lang, name=r["prefecture"]),
                       t("map.communes_body", lang, n=len(r["communes"]), names=truncate(names, 300)),
                       t("map.communes_source", lang))

    if boundaries:
        shapes = {}
        for feature in boundaries.get("features", []):
            props = feature.get("properties") or {}
            name = feature_name(feature, name_keys)
            if name:
                shapes[props.get("canonical") or key(name, feature_iso3(feature))] = feature
        features = []
        for r in groups.to_dict("records"):
            feature = shapes.get(key(r["prefecture"], r.get("country_iso3")))
            if feature:
                features.append({"type": "Feature", "geometry": feature["geometry"],
                                 "properties": {"fill": COMMUNE_COLOR, **fields(r)}})
        if features:
            return pdk.Layer("GeoJsonLayer", _collection(features), id="communes", stroked=True, filled=True,
                             pickable=True, auto_highlight=True, get_fill_color=COMMUNE_COLOR[:3] + [120],
                             get_line_color=COMMUNE_COLOR, line_width_min_pixels=1.5)
    points = [{"position": [float(r["lon"]), float(r["lat"])], "count": len(r["communes"]), **fields(r)}
              for r in groups.to_dict("records") if pd.notna(r["lon"]) and pd.notna(r["lat"])]
    if not points:
        return None
    return pdk.Layer("ScatterplotLayer", points, id="communes", get_position="position",
                     get_fill_color=COMMUNE_COLOR, get_line_color=[255, 255, 255, 255], stroked=True,
                     line_width_min_pixels=1, get_radius="3500 + 2500 * count", radius_min_pixels=5,
                     pickable=True, auto_highlight=True)


def deck(layers: list[pdk.Layer], view: dict, *, height: int = 620) -> pdk.Deck:
    """A deck with no basemap provider: nothing is fetched from a tile server."""
    return pdk.Deck(layers=[layer for layer in layers if layer is not None],
                    # map_provider=None and pydeck's default map_style sentinel: Streamlit then
                    # draws no basemap at all (map_style=None would make it fetch Carto's)
                    initial_view_state=pdk.ViewState(**view), map_provider=None,
                    tooltip=copy.deepcopy(TOOLTIP), height=height,
                    views=[pdk.View(type="MapView", controller=True)])


def frozen(deck_obj: pdk.Deck) -> pdk.Deck:
    """The same deck with its JSON written once: a cached deck is then sent on each rerun
    without serialising its layers again (pydeck's to_json is most of a map page's time at
    2,000 articles). Table data become records first, as Streamlit would do on every call."""
    for layer in deck_obj.layers:
        data = getattr(layer, "data", None)
        if isinstance(data, pd.DataFrame):
            layer.data = data.to_dict(orient="records")
    # pydeck indents its JSON by two spaces: at 2,000 articles 0.84 MB instead of 0.18 MB
    # for the browser to receive and parse
    spec = json.dumps(json.loads(deck_obj.to_json()), separators=(",", ":"), ensure_ascii=False)
    deck_obj.to_json = lambda: spec
    return deck_obj


def map_deck(countries: dict, lang: str, *, needs: pd.DataFrame | None = None,
             admin1: dict | None = None, admin1_needs: pd.DataFrame | None = None,
             corridors: dict | None = None, events: pd.DataFrame | None = None,
             communes: pdk.Layer | None = None, focus=(), height: int = 620, width: int = 1400) -> pdk.Deck:
    """Assemble the layers bottom to top: basemap, choropleths, communes, corridors, events, labels."""
    focus = set(focus or ())
    layers: list[pdk.Layer | None] = [basemap_layer(countries, focus=focus)]
    labelled = set(focus)
    if needs is not None and not needs.empty:
        layers.append(fill_layer(need_features(countries, needs, lang), "needs-country"))
        labelled |= set(needs["country_iso3"].dropna())
    if admin1 and admin1_needs is not None and not admin1_needs.empty:
        layers.append(fill_layer(admin1_need_features(admin1, admin1_needs, lang), "needs-admin1",
                                 line_color=(90, 90, 90, 255)))
    layers.append(communes)
    if corridors:
        layers.extend(corridor_layers(corridors, lang))
    if events is not None and not events.empty:
        # label clusters about 60 px wide at this map's zoom
        zoom = view_for(countries, focus or labelled, width=width, height=height)["zoom"]
        layers.extend(event_layers(events, label_cell=60 * 360 / (512 * 2 ** zoom)))
    if labelled:
        layers.append(country_labels_layer(countries, lang, labelled))
    extra = [] if focus else collection_bounds(corridors) + points_bounds(events)
    return deck(layers, view_for(countries, focus or labelled, width=width, height=height, extra=extra), height=height)
