"""GeoJSON (RFC 7946, WGS84 lon/lat) of what a map shows: figures joined to country and admin-1
shapes, events, places, corridors and communes, each feature carrying its source article. Pure
functions (frames and GeoJSON dicts in, dicts or bytes out), built on the map's shape helpers
(dashboard.maps); the rows are presentation.exports' export frames.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

import pandas as pd

from dashboard.maps import centroid, commune_groups, feature_iso3, feature_name
from etl.text import fold
from presentation.exports import export_frame, missing_cell, plain_value

GEOJSON_MIME = "application/geo+json"


def _json_value(value):
    value = plain_value(value)
    if missing_cell(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _properties(row: Mapping, columns: Iterable[str]) -> dict:
    return {c: _json_value(row.get(c)) for c in columns if c in row}


def feature_collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def _iso3_of(feature: dict) -> str | None:
    return feature_iso3(feature)


def needs_geojson(countries: dict | None, needs: pd.DataFrame, lang: str = "fr") -> dict:
    """Country polygons carrying their people-in-need figure (one row per country, as
    dashboard.views.needs_by_country gives); countries without a figure are left out."""
    rows = export_frame(needs, "figures", lang) if len(needs) else pd.DataFrame()
    by_iso = {}
    for row in rows.to_dict("records"):
        if row.get("country_iso3"):
            by_iso.setdefault(row["country_iso3"], row)
    features = []
    for feature in (countries or {}).get("features", []):
        row = by_iso.get(_iso3_of(feature))
        if row:
            features.append({"type": "Feature", "geometry": feature.get("geometry"),
                             "properties": _properties(row, rows.columns)})
    return feature_collection(features)


def admin1_needs_geojson(admin1: dict | None, needs: pd.DataFrame, lang: str = "fr") -> dict:
    """Admin-1 polygons whose name matches a figure's ``admin1`` (accent- and case-insensitively,
    within the figure's country)."""
    rows = export_frame(needs, "figures", lang) if len(needs) else pd.DataFrame()
    by_key = {}
    for row in rows.to_dict("records"):
        if row.get("admin1"):
            by_key.setdefault((row.get("country_iso3"), fold(row["admin1"])), row)
    features = []
    for feature in (admin1 or {}).get("features", []):
        name = feature_name(feature, ("admin1", "ADM1_FR", "shapeName", "name_fr", "name"))
        key = fold(name or "")
        iso3 = _iso3_of(feature)
        row = by_key.get((iso3, key)) or next(
            (r for (c, k), r in by_key.items() if k == key and (not iso3 or not c)), None)
        if row:
            props = {"shape_name": name, **_properties(row, rows.columns)}
            features.append({"type": "Feature", "geometry": feature.get("geometry"), "properties": props})
    return feature_collection(features)


def _point(lon, lat) -> dict:
    return {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}


def events_geojson(events: pd.DataFrame, lang: str = "fr", *, places: pd.DataFrame | None = None,
                   countries: dict | None = None) -> dict:
    """Events as points: their own position, else their place's, else the centre of their
    country (``position: approximate``); events with none of these are left out."""
    place_xy = {}
    if places is not None and len(places):
        known = places.dropna(subset=["lat", "lon"])
        place_xy = {pid: (lon, lat) for pid, lon, lat in zip(known["place_id"], known["lon"], known["lat"])}
    country_xy = {}
    for feature in (countries or {}).get("features", []):
        point = centroid(feature)
        if _iso3_of(feature) and point:
            country_xy[_iso3_of(feature)] = point
    rows = export_frame(events, "events", lang) if len(events) else pd.DataFrame()
    features = []
    for row in rows.to_dict("records"):
        position = "exact"
        if not missing_cell(row.get("lat")) and not missing_cell(row.get("lon")):
            xy = (row["lon"], row["lat"])
        elif row.get("place_id") in place_xy:
            xy, position = place_xy[row["place_id"]], "place"
        elif row.get("country_iso3") in country_xy:
            xy, position = country_xy[row["country_iso3"]], "approximate"
        else:
            continue
        props = {**_properties(row, rows.columns), "position": position}
        features.append({"type": "Feature", "geometry": _point(*xy), "properties": props})
    return feature_collection(features)


def places_geojson(places: pd.DataFrame, lang: str = "fr") -> dict:
    """Places with coordinates as points."""
    rows = export_frame(places, "places", lang) if len(places) else pd.DataFrame()
    features = [{"type": "Feature", "geometry": _point(r["lon"], r["lat"]), "properties": _properties(r, rows.columns)}
                for r in rows.to_dict("records") if not missing_cell(r.get("lat")) and not missing_cell(r.get("lon"))]
    return feature_collection(features)


def corridors_geojson(corridors: dict | None, lang: str = "fr") -> dict:
    """The shipped corridor lines, named in ``lang``, flagged schematic."""
    features = []
    for feature in (corridors or {}).get("features", []):
        props = dict(feature.get("properties") or {})
        name = props.get(f"name_{lang}") or props.get("name_fr") or props.get("name")
        note = props.get(f"note_{lang}") or props.get("note_fr")
        clean = {"corridor_id": props.get("corridor_id"), "name": name, "via": props.get("via"),
                 "destination": props.get("destination"), "schematic": bool(props.get("schematic", False)),
                 "note": note}
        features.append({"type": "Feature", "geometry": feature.get("geometry"),
                         "properties": {k: _json_value(v) for k, v in clean.items()}})
    return feature_collection(features)


def communes_geojson(places: pd.DataFrame) -> dict:
    """The communes named in the articles, one point per prefecture (as the Carte page draws
    them without user boundaries): prefecture, country, the communes' names and count."""
    groups = commune_groups(places) if len(places) else pd.DataFrame()
    features = []
    for row in groups.to_dict("records"):
        if missing_cell(row.get("lon")) or missing_cell(row.get("lat")):
            continue
        props = {"prefecture": row["prefecture"], "country_iso3": _json_value(row.get("country_iso3")),
                 "communes": "; ".join(row["communes"]), "n_communes": len(row["communes"])}
        features.append({"type": "Feature", "geometry": _point(row["lon"], row["lat"]), "properties": props})
    return feature_collection(features)


def map_geojson(lang: str = "fr", *, countries: dict | None = None, needs: pd.DataFrame | None = None,
                admin1: dict | None = None, admin1_needs: pd.DataFrame | None = None, corridors: dict | None = None,
                events: pd.DataFrame | None = None, places: pd.DataFrame | None = None,
                communes: pd.DataFrame | None = None) -> dict:
    """The layers a map shows, in one file (``layer``: needs, admin1_needs, corridors, events,
    communes); a layer left as None is not shown, hence not exported."""
    layers: dict[str, dict] = {}
    if needs is not None:
        layers["needs"] = needs_geojson(countries, needs, lang)
    if admin1_needs is not None:
        layers["admin1_needs"] = admin1_needs_geojson(admin1, admin1_needs, lang)
    if corridors is not None:
        layers["corridors"] = corridors_geojson(corridors, lang)
    if events is not None:
        layers["events"] = events_geojson(events, lang, places=places, countries=countries)
    if communes is not None:
        layers["communes"] = communes_geojson(communes)
    return merge_layers(layers)


def merge_layers(layers: Mapping[str, dict | None]) -> dict:
    """Several collections in one file, each feature tagged with its ``layer`` name
    (GIS tools split them by layer or geometry type)."""
    features = []
    for name, collection in layers.items():
        for feature in (collection or {}).get("features", []):
            features.append({**feature, "properties": {"layer": name, **(feature.get("properties") or {})}})
    return feature_collection(features)


def geojson_bytes(collection: dict) -> bytes:
    """UTF-8 GeoJSON (accents kept as characters)."""
    return json.dumps(collection, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
