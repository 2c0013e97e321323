"""User-supplied boundary files (OCHA COD-AB and the like): load, check, match by name.

A setting lists the files (see README, « Limites administratives de l'utilisateur »):
a TOML file, ``data/boundaries.toml`` by default or the path in the environment
variable ``SAHEL_BOUNDARIES``::

    [[boundaries]]
    path = "../user_shapes/tgo_adm2_cod.geojson"   # relative to the TOML file
    level = "adm2"                                  # adm1 (regions) or adm2 (prefectures)
    country_iso3 = "TGO"
    name_column = "ADM2_FR"
    code_column = "ADM2_PCODE"                      # optional
    # layer = "tgo_admbnda_adm2"                    # GeoPackage layer, optional
    # crs = "EPSG:32631"                            # only for a file that declares none

GeoJSON, shapefile and GeoPackage are read with pyogrio. Every problem (missing
or unreadable file, no name column, no or wrong coordinate system) raises
``BoundaryError`` with a message naming the file and the problem, in French and
English. Layers are reprojected to EPSG:4326. Pure functions: no streamlit.
"""
from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import shapely

from etl import resources_places as R
from etl.paths import SHAPES_DIR, data_dir
from etl.text import fold
from etl.wording import counted

LEVELS = ("adm1", "adm2")
FORMATS = {".geojson": "GeoJSON", ".json": "GeoJSON", ".shp": "shapefile", ".gpkg": "GeoPackage", ".zip": "zipped shapefile"}
ENV_VAR = "SAHEL_BOUNDARIES"
# share of a layer's units that must fall in (or near) its country once in EPSG:4326
MIN_SHARE_IN_COUNTRY = 0.5
COUNTRY_MARGIN_DEGREES = 0.5


class BoundaryError(ValueError):
    """A boundary file or its setting is unusable; the message names the file and the problem."""


def _error(where: str | Path, fr: str, en: str) -> BoundaryError:
    name = where.name if isinstance(where, Path) else where
    return BoundaryError(f"{name} : {fr} / {en}")


@dataclass(frozen=True)
class LayerSpec:
    path: Path
    level: str
    country_iso3: str
    name_column: str
    code_column: str | None = None
    layer: str | None = None
    crs: str | None = None


@dataclass
class BoundaryLayer:
    """A checked boundary layer in EPSG:4326 with columns name, code, canonical, geometry."""
    spec: LayerSpec
    frame: gpd.GeoDataFrame
    warnings: list[str] = field(default_factory=list)

    @property
    def country_iso3(self) -> str:
        return self.spec.country_iso3

    @property
    def level(self) -> str:
        return self.spec.level

    def unit_names(self) -> list[str]:
        return list(self.frame["name"])

    def geometry_for(self, name: str):
        """Union of the units a reference name designates (e.g. Golfe = Golfe + Lome Commune), or None."""
        key = canonical_key(name, self.country_iso3)
        hits = self.frame[self.frame["canonical"] == key]
        if hits.empty:
            return None
        return shapely.union_all(hits.geometry.values)

    def point_for(self, name: str) -> tuple[float, float] | None:
        """(lat, lon) of a point surely inside the unit(s) a name designates."""
        geom = self.geometry_for(name)
        if geom is None or geom.is_empty:
            return None
        p = geom.representative_point()
        return round(p.y, 5), round(p.x, 5)

    def unit_at(self, lat: float, lon: float) -> str | None:
        """Name of the unit holding a point, or None."""
        hits = self.frame[self.frame.contains(shapely.Point(lon, lat))]
        return None if hits.empty else hits.iloc[0]["name"]

    def to_geojson(self, tolerance: float = 0.005) -> dict:
        """Simplified GeoJSON for a map (shared borders kept), properties name/code/level/country_iso3."""
        frame = self.frame.copy()
        frame["geometry"] = shapely.coverage_simplify(frame.geometry.values, tolerance)
        frame["geometry"] = shapely.set_precision(frame.geometry.values, 0.001)
        frame = frame[~frame.geometry.is_empty]
        frame["level"] = self.level
        frame["country_iso3"] = self.country_iso3
        return json.loads(frame[["name", "code", "level", "country_iso3", "geometry"]].to_json(drop_id=True))


# --------------------------------------------------------------------------- names

def canonical_key(name: str, country_iso3: str | None) -> str:
    """fold() of the official name a unit name stands for, through the alias tables."""
    key = fold(name)
    for table in (R.NAME_ALIASES, R.BOUNDARY_ALIASES):
        for alias, official in table.get(country_iso3 or "", {}).items():
            if fold(alias) == key:
                return fold(official)
    return key


def match_units(names, layer: BoundaryLayer) -> tuple[dict[str, list[str]], list[str]]:
    """Reference names → the layer's units bearing them (accent/case-insensitive, with aliases).

    Returns (matched: name → unit names, unmatched: names no unit bears), in input order.
    """
    matched: dict[str, list[str]] = {}
    unmatched: list[str] = []
    for name in names:
        hits = layer.frame.loc[layer.frame["canonical"] == canonical_key(name, layer.country_iso3), "name"]
        if hits.empty:
            unmatched.append(name)
        else:
            matched[name] = list(hits)
    return matched, unmatched


def unmatched_units(layer: BoundaryLayer, names) -> list[str]:
    """The layer's units that none of the reference names designates."""
    keys = {canonical_key(n, layer.country_iso3) for n in names}
    return [n for n, c in zip(layer.frame["name"], layer.frame["canonical"]) if c not in keys]


def mismatch_report(names, layer: BoundaryLayer) -> str:
    """A readable report of names and units that do not match, or '' when all match."""
    _matched, missing = match_units(names, layer)
    extra = unmatched_units(layer, names)
    lines = []
    if missing:
        lines.append(f"{layer.spec.path.name} : sans unité correspondante / no matching unit: {', '.join(missing)}")
    if extra:
        lines.append(f"{layer.spec.path.name} : unités non reconnues / unrecognised units: {', '.join(extra)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- settings

def config_path() -> Path:
    """The boundaries setting file: $SAHEL_BOUNDARIES, else data/boundaries.toml."""
    value = os.environ.get(ENV_VAR)
    return Path(value).expanduser().resolve() if value else data_dir() / "boundaries.toml"


def read_config(path: Path) -> list[LayerSpec]:
    """Layer specs from a TOML setting file; relative paths are relative to that file."""
    path = Path(path)
    if not path.is_file():
        raise _error(path, "fichier de configuration introuvable", "settings file not found")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _error(path, f"configuration TOML illisible ({exc})", f"unreadable TOML settings ({exc})") from None
    entries = data.get("boundaries")
    if not isinstance(entries, list) or not entries:
        raise _error(path, "aucune section [[boundaries]]", "no [[boundaries]] section")
    return [spec_from_dict(entry, base=path.parent, where=f"{path.name} [[boundaries]] n° {i}")
            for i, entry in enumerate(entries, 1)]


def spec_from_dict(entry: dict, *, base: Path | None = None, where: str = "boundaries") -> LayerSpec:
    missing = [k for k in ("path", "level", "country_iso3", "name_column") if not entry.get(k)]
    if missing:
        raise _error(where, f"{'clé manquante' if len(missing) == 1 else 'clés manquantes'} : {', '.join(missing)}",
                     f"missing {'key' if len(missing) == 1 else 'keys'}: {', '.join(missing)}")
    level = str(entry["level"]).lower()
    if level not in LEVELS:
        raise _error(where, f"niveau « {entry['level']} » inconnu (adm1 ou adm2)",
                     f"unknown level {entry['level']!r} (adm1 or adm2)")
    iso3 = str(entry["country_iso3"]).upper()
    if len(iso3) != 3 or not iso3.isalpha():
        raise _error(where, f"code pays « {entry['country_iso3']} » invalide (ISO3 attendu)",
                     f"invalid country code {entry['country_iso3']!r} (ISO3 expected)")
    path = Path(str(entry["path"])).expanduser()
    if not path.is_absolute() and base is not None:
        path = (base / path).resolve()
    return LayerSpec(path=path, level=level, country_iso3=iso3, name_column=str(entry["name_column"]),
                     code_column=entry.get("code_column") or None, layer=entry.get("layer") or None,
                     crs=entry.get("crs") or None)


def _specs(config) -> list[LayerSpec]:
    if config is None:
        path = config_path()
        return read_config(path) if path.is_file() else []
    if isinstance(config, (str, Path)):
        return read_config(Path(config))
    if isinstance(config, LayerSpec):
        return [config]
    if isinstance(config, dict):
        return _specs(config.get("boundaries", [config]))
    return [c if isinstance(c, LayerSpec) else spec_from_dict(c) for c in config]


# --------------------------------------------------------------------------- loading

def load_boundaries(config=None) -> list[BoundaryLayer]:
    """Load and check every configured layer; the first problem raises BoundaryError.

    config: None (the setting: $SAHEL_BOUNDARIES or data/boundaries.toml, none → []),
    a TOML path, a dict or list of dicts with the TOML keys, or LayerSpec objects.
    """
    return [load_layer(spec) for spec in _specs(config)]


def load_configured_boundaries(config=None) -> tuple[list[BoundaryLayer], list[str]]:
    """Like load_boundaries, but a bad layer is reported and the others are still loaded."""
    try:
        specs = _specs(config)
    except BoundaryError as exc:
        return [], [str(exc)]
    layers, errors = [], []
    for spec in specs:
        try:
            layers.append(load_layer(spec))
        except BoundaryError as exc:
            errors.append(str(exc))
    return layers, errors


def load_layer(spec: LayerSpec) -> BoundaryLayer:
    path = spec.path
    try:
        stat = path.stat()
    except OSError:
        raise _error(path, f"fichier introuvable ({path})", f"file not found ({path})") from None
    return _load_layer_cached(spec, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _load_layer_cached(spec: LayerSpec, _mtime: int, _size: int) -> BoundaryLayer:
    path = spec.path
    if path.is_dir():
        raise _error(path, "c'est un dossier, pas un fichier", "is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise _error(path, f"format « {suffix or '?'} » non pris en charge (GeoJSON, shapefile, GeoPackage)",
                     f"unsupported format {suffix or '?'!r} (GeoJSON, shapefile, GeoPackage)")
    if path.stat().st_size == 0:
        raise _error(path, "fichier vide", "empty file")
    frame = _read(path, spec.layer)
    warnings: list[str] = []
    if frame.empty:
        raise _error(path, "aucune entité", "no features")
    if spec.name_column not in frame.columns:
        cols = ", ".join(c for c in frame.columns if c != "geometry")
        raise _error(path, f"colonne de noms « {spec.name_column} » absente (colonnes : {cols})",
                     f"name column {spec.name_column!r} not found (columns: {cols})")
    if spec.code_column and spec.code_column not in frame.columns:
        cols = ", ".join(c for c in frame.columns if c != "geometry")
        raise _error(path, f"colonne de codes « {spec.code_column} » absente (colonnes : {cols})",
                     f"code column {spec.code_column!r} not found (columns: {cols})")
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    kinds = set(frame.geom_type)
    if not kinds or not kinds <= {"Polygon", "MultiPolygon"}:
        raise _error(path, f"géométries non polygonales ({', '.join(sorted(kinds)) or 'aucune'})",
                     f"geometries are not polygons ({', '.join(sorted(kinds)) or 'none'})")
    frame = _to_wgs84(frame, spec, warnings)
    _check_country(frame, spec)
    names = frame[spec.name_column].astype("string").fillna("").str.strip()
    if (names == "").any():
        unnamed = int((names == '').sum())
        warnings.append(f"{path.name} : {counted(unnamed, 'unité sans nom', 'unités sans nom')}"
                        f" / {counted(unnamed, 'unit without a name', 'units without a name', lang='en')}")
    out = gpd.GeoDataFrame({
        "name": names.astype(object),
        "code": frame[spec.code_column].astype("string").astype(object) if spec.code_column else None,
        "canonical": [canonical_key(n, spec.country_iso3) for n in names],
    }, geometry=frame.geometry.make_valid().values, crs="EPSG:4326")
    out = out[out["name"] != ""].reset_index(drop=True)
    return BoundaryLayer(spec=spec, frame=out, warnings=warnings)


def _read(path: Path, layer: str | None) -> gpd.GeoDataFrame:
    try:
        return gpd.read_file(path, layer=layer) if layer else gpd.read_file(path)
    except Exception as exc:  # pyogrio raises DataSourceError, DataLayerError, ValueError…
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise _error(path, f"fichier illisible ou invalide ({detail})", f"unreadable or invalid file ({detail})") from None


def _degrees(bounds) -> bool:
    minx, miny, maxx, maxy = bounds
    return -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


def _to_wgs84(frame: gpd.GeoDataFrame, spec: LayerSpec, warnings: list[str]) -> gpd.GeoDataFrame:
    path = spec.path
    if frame.crs is None:
        if spec.crs:
            frame = frame.set_crs(spec.crs, allow_override=True)
        elif path.suffix.lower() in (".geojson", ".json") and _degrees(frame.total_bounds):
            frame = frame.set_crs("EPSG:4326")  # RFC 7946: GeoJSON is WGS 84 unless said otherwise
        else:
            raise _error(path, "aucun système de coordonnées (CRS) déclaré : ajoutez le fichier .prj "
                               "ou « crs = \"EPSG:…\" » dans la configuration",
                         "no coordinate reference system (CRS): add the .prj file or crs = \"EPSG:…\" in the settings")
    try:
        if frame.crs.to_epsg() != 4326:
            frame = frame.to_crs("EPSG:4326")
    except Exception as exc:
        raise _error(path, f"reprojection en EPSG:4326 impossible ({exc})",
                     f"cannot reproject to EPSG:4326 ({exc})") from None
    if not _degrees(frame.total_bounds):
        raise _error(path, "coordonnées hors des bornes en degrés après reprojection : le CRS déclaré "
                           f"({frame.crs.srs if frame.crs else '?'}) est sans doute faux",
                     "coordinates out of degree bounds after reprojection: the declared CRS is probably wrong")
    return frame


def _check_country(frame: gpd.GeoDataFrame, spec: LayerSpec) -> None:
    """Most units must lie in (or next to) the configured country: catches a wrong CRS or country."""
    country = _country_geometry(spec.country_iso3)
    if country is None:
        return
    zone = country.buffer(COUNTRY_MARGIN_DEGREES)
    points = frame.geometry.representative_point()
    share = float(points.within(zone).mean())
    if share < MIN_SHARE_IN_COUNTRY:
        minx, miny, maxx, maxy = (round(v, 2) for v in frame.total_bounds)
        raise _error(spec.path,
                     f"après reprojection en EPSG:4326 le fichier tombe hors de {spec.country_iso3} "
                     f"(emprise {minx}, {miny}, {maxx}, {maxy}) : CRS ou pays erroné ?",
                     f"after reprojection to EPSG:4326 the file lies outside {spec.country_iso3} "
                     f"(bounds {minx}, {miny}, {maxx}, {maxy}): wrong CRS or wrong country?")


@lru_cache(maxsize=64)
def _country_geometry(iso3: str):
    path = SHAPES_DIR / "countries.geojson"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    for feature in data["features"]:
        if feature["properties"].get("iso3") == iso3:
            return shapely.geometry.shape(feature["geometry"])
    return None


def layer_for(layers: list[BoundaryLayer], country_iso3: str | None, level: str) -> BoundaryLayer | None:
    for layer in layers:
        if layer.country_iso3 == country_iso3 and layer.level == level:
            return layer
    return None
