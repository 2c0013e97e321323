"""User boundary files: the OCHA COD-AB-style files of ../shared/shapes (read at test
time, never committed), name matching, communes in their prefecture, bad files."""
from __future__ import annotations

import hashlib
import json
import re
import subprocess

import geopandas as gpd
import pytest
import shapely
from conftest import ROOT, SHARED, require_shared, skip_or_fail

from etl import boundaries as B
from etl import gazetteer as G
from etl import resources_places as R
from etl.places import find_place_mentions, lookup, resolve_place_mentions

SHAPES = SHARED / "shapes"
FILES = {
    "tgo_adm1": ("tgo_adm1_cod.geojson", "adm1", "TGO", "ADM1_FR", "ADM1_PCODE"),
    "tgo_adm2": ("tgo_adm2_cod.geojson", "adm2", "TGO", "ADM2_FR", "ADM2_PCODE"),
    "mli_adm1": ("mli_adm1_cod.geojson", "adm1", "MLI", "ADM1_FR", "ADM1_PCODE"),
    "ner_adm1": ("ner_adm1_cod.geojson", "adm1", "NER", "ADM1_FR", "ADM1_PCODE"),
    "bfa_adm1": ("bfa_adm1_geoboundaries.geojson", "adm1", "BFA", "shapeName", "shapeISO"),
}
# COD-AB unit(s) each seed prefecture lies in, written out by hand (independent of the alias table)
COD_UNITS = {"Golfe": {"Golfe", "Lome Commune"}, "Agoè-Nyivé": {"Agoe-Nyive"}, "Mô": {"Plaine du Mo"},
             "Tône": {"Tone"}, "Kéran": {"Keran"}, "Anié": {"Anie"}, "Cinkassé": {"Cinkasse"}}


def _path(key: str):
    path = SHAPES / FILES[key][0]
    require_shared(path)
    return path


def _entry(key: str, **overrides) -> dict:
    _name, level, iso3, name_col, code_col = FILES[key]
    return {"path": str(_path(key)), "level": level, "country_iso3": iso3, "name_column": name_col,
            "code_column": code_col, **overrides}


@pytest.fixture(scope="module")
def layers() -> dict[str, B.BoundaryLayer]:
    return {key: B.load_boundaries([_entry(key)])[0] for key in FILES}


def _config(tmp_path, *entries) -> str:
    lines = []
    for e in entries:
        lines.append("[[boundaries]]")
        lines += [f'{k} = "{v}"' for k, v in e.items()]
    path = tmp_path / "boundaries.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- settings

def test_toml_setting_with_relative_paths(tmp_path):
    local = tmp_path / "user_shapes"
    local.mkdir()
    (local / "tgo.geojson").write_bytes(_path("tgo_adm1").read_bytes())
    config = _config(tmp_path, {**_entry("tgo_adm1"), "path": "user_shapes/tgo.geojson"})
    [layer] = B.load_boundaries(config)
    assert layer.level == "adm1" and layer.country_iso3 == "TGO" and len(layer.frame) == 5
    assert str(layer.frame.crs) == "EPSG:4326"


def test_environment_variable_names_the_setting(tmp_path, monkeypatch):
    config = _config(tmp_path, _entry("tgo_adm2"), _entry("mli_adm1"))
    monkeypatch.setenv(B.ENV_VAR, str(config))
    layers = B.load_boundaries()
    assert [(lay.country_iso3, lay.level) for lay in layers] == [("TGO", "adm2"), ("MLI", "adm1")]
    monkeypatch.setenv(B.ENV_VAR, str(tmp_path / "absent.toml"))
    assert B.load_boundaries() == []  # no setting file: no user boundaries


def test_a_bad_layer_is_reported_and_the_others_still_load(tmp_path):
    config = _config(tmp_path, _entry("tgo_adm2"), {**_entry("mli_adm1"), "path": str(tmp_path / "nope.geojson")})
    layers, errors = B.load_configured_boundaries(config)
    assert len(layers) == 1 and layers[0].country_iso3 == "TGO"
    assert len(errors) == 1 and "nope.geojson" in errors[0]


# --------------------------------------------------------------------------- names

def test_the_39_prefectures_match_the_cod_units_by_name(layers):
    prefectures = [e.name for e in G.by_kind("prefecture", "TGO")]
    matched, unmatched = B.match_units(prefectures, layers["tgo_adm2"])
    assert unmatched == [] and len(matched) == 39
    assert sorted(matched["Golfe"]) == ["Golfe", "Lome Commune"]
    assert matched["Mô"] == ["Plaine du Mo"] and matched["Kpendjal-Ouest"] == ["Naki-Ouest"]
    assert matched["Tandjouaré"] == ["Tandjoare"] and matched["Agoè-Nyivé"] == ["Agoe-Nyive"]
    assert B.unmatched_units(layers["tgo_adm2"], prefectures) == []


@pytest.mark.parametrize("key, iso3, missing", [
    ("tgo_adm1", "TGO", []),
    ("ner_adm1", "NER", []),
    ("bfa_adm1", "BFA", []),          # "Plateau Central" = Plateau-Central
    ("mli_adm1", "MLI", ["Taoudénit"]),  # COD-AB 2021 has no Taoudénit yet
])
def test_regions_match_by_name(layers, key, iso3, missing):
    names = [n for n, _capital in R.ADMIN1[iso3]]
    matched, unmatched = B.match_units(names, layers[key])
    assert unmatched == missing
    assert len(matched) == len(names) - len(missing)
    assert B.unmatched_units(layers[key], names) == []


def test_a_mismatch_is_reported_by_name(layers):
    names = ["Kayes", "Tombouctou", "Atlantide", "Gao"]
    matched, unmatched = B.match_units(names, layers["mli_adm1"])
    assert unmatched == ["Atlantide"] and matched["Tombouctou"] == ["Tombouctou"]
    report = B.mismatch_report(names, layers["mli_adm1"])
    assert "Atlantide" in report and "mli_adm1_cod.geojson" in report
    for unit in ("Bamako", "Kidal", "Koulikoro", "Menaka", "Mopti", "Sikasso", "Ségou"):
        assert unit in report  # the file's units no name claimed are listed too
    assert B.mismatch_report(["Kayes"], layers["mli_adm1"]).count("Atlantide") == 0


def test_names_match_whatever_the_accents_and_case(layers):
    matched, unmatched = B.match_units(["TILLABERI", "tahoua", "Tillabéry"], layers["ner_adm1"])
    assert unmatched == [] and matched["TILLABERI"] == matched["Tillabéry"] == ["Tillabéri"]


# --------------------------------------------------------------------------- communes and regions

def test_every_commune_of_the_seed_article_lands_in_its_prefecture_polygon(layers):
    text = (ROOT / "data" / "articles" / "003_71088401261733f3.txt").read_text(encoding="utf-8")
    mentions = [{**m, "article_id": "a3"} for m in find_place_mentions(text)]
    places, _rows = resolve_place_mentions(mentions, boundaries=[layers["tgo_adm2"]])
    communes = [p for p in places if p["kind"] == "commune"]
    assert len(communes) == 20
    cod = gpd.read_file(_path("tgo_adm2"))  # read independently of etl.boundaries
    for place in communes:
        units = COD_UNITS.get(place["admin2"], {place["admin2"]})
        polygon = shapely.union_all(cod[cod["ADM2_FR"].isin(units)].geometry.values)
        assert not polygon.is_empty, place["admin2"]
        assert polygon.contains(shapely.Point(place["lon"], place["lat"])), place["name"]
        assert place["match_source"] == "boundary"
    # without boundaries, the communes whose chef-lieu has no cited point have no coordinates
    plain, _ = resolve_place_mentions(mentions, boundaries=[])
    assert {p["name"] for p in plain if p["kind"] == "commune" and p["lat"] is None} == {
        "Agoè-Nyivé 1", "Est-Mono 3", "Oti-Sud 1"}


def test_prefecture_seat_points_lie_in_their_cod_prefecture(layers):
    layer = layers["tgo_adm2"]
    prefectures = [e for e in G.by_kind("prefecture", "TGO") if e.has_point]
    matched, _ = B.match_units([e.name for e in prefectures], layer)
    for e in prefectures:
        assert layer.unit_at(e.lat, e.lon) in matched[e.name], e.name


def test_region_mentions_take_the_point_of_the_user_polygon(layers):
    text = "Au Mali, la région de Mopti et au Niger la région de Tillabéri."
    mentions = [{**m, "article_id": "a"} for m in find_place_mentions(text)]
    places, _ = resolve_place_mentions(mentions, boundaries=[layers["mli_adm1"], layers["ner_adm1"]])
    regions = {p["name"]: p for p in places if p["kind"] == "region"}
    assert set(regions) == {"Mopti", "Tillabéri"}
    mopti = layers["mli_adm1"].geometry_for("Mopti")
    assert regions["Mopti"]["match_source"] == "boundary"
    assert mopti.contains(shapely.Point(regions["Mopti"]["lon"], regions["Mopti"]["lat"]))


def test_a_town_gets_its_prefecture_from_the_user_polygons(layers):
    elavagnon = lookup("Elavagnon")
    assert elavagnon["admin2"] is None
    places, _ = resolve_place_mentions([{"article_id": "a", "name": "Elavagnon", "kind": "town",
                                         "country_iso3": "TGO", "quote": "Elavagnon",
                                         "char_start": 0, "char_end": 9}], boundaries=[layers["tgo_adm2"]])
    assert places[0]["admin2"] == "Danyi"


def test_boundary_layer_geojson_for_the_map(layers):
    data = layers["tgo_adm2"].to_geojson()
    assert len(data["features"]) == 40
    assert {"name", "code", "level", "country_iso3"} <= set(data["features"][0]["properties"])
    assert len(json.dumps(data)) < 500 * 1024


# --------------------------------------------------------------------------- bad input

def _message(config) -> str:
    with pytest.raises(B.BoundaryError) as info:
        B.load_boundaries(config)
    return str(info.value)


def test_missing_file(tmp_path):
    msg = _message([{**_entry("tgo_adm1"), "path": str(tmp_path / "tgo_adm9.geojson")}])
    assert "tgo_adm9.geojson" in msg and "introuvable" in msg and "not found" in msg


def test_invalid_file(tmp_path):
    bad = tmp_path / "broken.geojson"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n not a geojson at all \x00\xff")
    msg = _message([{**_entry("tgo_adm1"), "path": str(bad)}])
    assert msg.startswith("broken.geojson") and "invalid" in msg
    empty = tmp_path / "empty.geojson"
    empty.write_bytes(b"")
    assert "vide" in _message([{**_entry("tgo_adm1"), "path": str(empty)}])
    wrong = tmp_path / "notes.txt"
    wrong.write_text("hello", encoding="utf-8")
    assert "unsupported format" in _message([{**_entry("tgo_adm1"), "path": str(wrong)}])


def test_missing_name_column():
    msg = _message([_entry("tgo_adm1", name_column="NAME_FR")])
    assert "tgo_adm1_cod.geojson" in msg and "NAME_FR" in msg and "ADM1_FR" in msg  # lists the real columns
    assert "ADM9_PCODE" in _message([_entry("tgo_adm1", code_column="ADM9_PCODE")])


def test_bad_settings(tmp_path):
    assert "level" in _message([{k: v for k, v in _entry("tgo_adm1").items() if k != "level"}])
    assert "adm3" in _message([_entry("tgo_adm1", level="adm3")])
    broken = tmp_path / "boundaries.toml"
    broken.write_text("[[boundaries]\npath = ", encoding="utf-8")
    assert "boundaries.toml" in _message(broken) and "TOML" in _message(broken)


def _projected(tmp_path, name: str, crs_written: str | None, driver: str = "GeoJSON"):
    """Togo regions reprojected to UTM 31N (metres), then written declaring another CRS."""
    frame = gpd.read_file(_path("tgo_adm1")).to_crs("EPSG:32631")
    if crs_written is None:
        frame = frame.set_crs(None, allow_override=True)
    elif crs_written != "EPSG:32631":
        frame = frame.set_crs(crs_written, allow_override=True)
    path = tmp_path / name
    frame.to_file(path, driver=driver)
    if driver == "ESRI Shapefile" and crs_written is None:
        path.with_suffix(".prj").unlink(missing_ok=True)
    return path


def test_a_projected_file_is_reprojected_to_wgs84(tmp_path):
    path = _projected(tmp_path, "tgo_utm.gpkg", "EPSG:32631", driver="GPKG")
    [layer] = B.load_boundaries([{**_entry("tgo_adm1"), "path": str(path)}])
    assert str(layer.frame.crs) == "EPSG:4326"
    minx, miny, maxx, maxy = layer.frame.total_bounds
    assert -0.2 < minx < maxx < 1.9 and 6.0 < miny < maxy < 11.2
    matched, unmatched = B.match_units(["Centrale", "Kara", "Maritime"], layer)
    assert unmatched == []


def test_wrong_projection_is_caught(tmp_path):
    labelled_degrees = _projected(tmp_path, "tgo_metres.geojson", "EPSG:4326")
    msg = _message([{**_entry("tgo_adm1"), "path": str(labelled_degrees)}])
    assert "tgo_metres.geojson" in msg and "CRS" in msg
    wrong_zone = _projected(tmp_path, "tgo_zone30.shp", "EPSG:32630", driver="ESRI Shapefile")
    msg = _message([{**_entry("tgo_adm1"), "path": str(wrong_zone)}])
    assert "tgo_zone30.shp" in msg and "outside TGO" in msg


def test_missing_projection_is_caught_and_can_be_given(tmp_path):
    no_prj = _projected(tmp_path, "tgo_noprj.shp", None, driver="ESRI Shapefile")
    assert not no_prj.with_suffix(".prj").exists()
    msg = _message([{**_entry("tgo_adm1"), "path": str(no_prj)}])
    assert "tgo_noprj.shp" in msg and "no coordinate reference system" in msg
    [layer] = B.load_boundaries([{**_entry("tgo_adm1"), "path": str(no_prj), "crs": "EPSG:32631"}])
    assert len(layer.frame) == 5 and str(layer.frame.crs) == "EPSG:4326"


# --------------------------------------------------------------------------- nothing committed

def test_nothing_from_the_shared_shapes_is_committed():
    if not SHAPES.is_dir():
        skip_or_fail(f"shared shapes missing: {SHAPES}")
    shared = {hashlib.sha256(p.read_bytes()).hexdigest() for p in SHAPES.iterdir() if p.is_file()}
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert files, "not a git checkout"
    for name in files:
        path = ROOT / name
        assert not re.search(r"_cod\.geojson$|geoboundaries", name), name
        if path.is_file() and path.stat().st_size < 5_000_000:
            assert hashlib.sha256(path.read_bytes()).hexdigest() not in shared, name
    committed = "\n".join((ROOT / "shapes" / n).read_text(encoding="utf-8") for n in
                          ("countries.geojson", "admin1.geojson", "gazetteer.csv"))
    assert "ADM2_PCODE" not in committed and "TG0309" not in committed  # no COD-AB attribute or P-code


def test_the_example_setting_parses():
    specs = B.read_config(ROOT / "data" / "boundaries.example.toml")
    assert [(s.country_iso3, s.level, s.name_column) for s in specs] == [
        ("TGO", "adm2", "ADM2_FR"), ("MLI", "adm1", "ADM1_FR")]
    assert all(s.path.is_absolute() and s.path.parent.name == "user_shapes" for s in specs)


def test_the_etl_uses_the_configured_setting_and_skips_a_bad_layer(tmp_path, monkeypatch, caplog):
    config = _config(tmp_path, _entry("tgo_adm2"), {**_entry("ner_adm1"), "path": str(tmp_path / "ner_gone.shp")})
    monkeypatch.setenv(B.ENV_VAR, str(config))
    mention = {"article_id": "a", "name": "Oti-Sud 1", "kind": "commune", "country_iso3": "TGO",
               "quote": "Oti-Sud 1", "char_start": 0, "char_end": 9}
    with caplog.at_level("WARNING"):
        places, _ = resolve_place_mentions([mention])
    commune = next(p for p in places if p["name"] == "Oti-Sud 1")
    assert commune["match_source"] == "boundary" and commune["lat"] is not None
    assert "ner_gone.shp" in caplog.text
    monkeypatch.delenv(B.ENV_VAR)
    monkeypatch.setenv("SAHEL_DATA_DIR", str(tmp_path / "no_data"))
    places, _ = resolve_place_mentions([mention])
    assert next(p for p in places if p["name"] == "Oti-Sud 1")["lat"] is None  # no setting: no polygon
