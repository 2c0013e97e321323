"""Exports: CSV (BOM) and XLSX round-trips, HXL read and validated by libhxl, GeoJSON layers,
and formula injection neutralised end to end (an article built by the real ETL whose title
and decisions start like spreadsheet formulas)."""
from __future__ import annotations

import io
import json
from datetime import datetime

import hxl
import openpyxl
import pandas as pd
import pytest
from conftest import ROOT
from dashboard_fixtures import read_tables, views_of, write_tables
from shapely.geometry import shape
from tables_backend import publishing_into

from dashboard import geojson, views
from presentation import exports

TRIGGERS = exports.FORMULA_TRIGGERS


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    return read_tables(write_tables(tmp_path_factory.mktemp("tables")))


@pytest.fixture(scope="module")
def seen(tables):
    return views_of(tables)


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as a CSV reader gets them back: missing → '', numbers without a useless .0."""
    def cell(v):
        if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
            return ""
        return str(v)
    return frame.astype(object).map(cell)


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """What a round-trip must give back: the input, formula-like text behind an apostrophe
    (a date without year, --03-02, included: Excel would compute it)."""
    return as_text(exports.neutralize_frame(frame))


def read_back_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


# --------------------------------------------------------------------------- sanitiser

@pytest.mark.parametrize("value, expected", [
    ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("Ministère = santé", "Ministère = santé"),
    (-5.0, -5.0),
    (None, None),
])
def test_neutralize_formula(value, expected):
    assert exports.neutralize_formula(value) == expected


def test_tracker_export_uses_the_same_sanitiser():
    """The tracker writes its files through presentation.exports, the one sanitiser; no copy of its own."""
    from tracker import export

    assert export.exports is exports
    assert not hasattr(export, "neutralize_formula") and not hasattr(export, "neutralize_frame")


# --------------------------------------------------------------------------- CSV and XLSX

def test_csv_round_trip_with_bom_and_accents(seen):
    frame = exports.export_frame(seen["figures"], "figures", "fr")
    data = exports.csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = read_back_csv(data)
    pd.testing.assert_frame_equal(back, neutralised(frame), check_dtype=False)
    assert (back == as_text(frame)).all().all()  # nothing here looks like a formula: all of it intact
    assert "Tillabéri" in set(back["admin1"])
    assert "personnes en détresse" in set(back["label"])
    assert set(back.loc[back["country_iso3"] == "MLI", "value"]) == {"4800000"}  # no "4800000.0"


@pytest.mark.parametrize("table, view", [("figures", "figures"), ("decisions", "decisions"), ("events", "events"),
                                         ("actors", "actors"), ("articles", "articles")])
def test_csv_round_trip_of_every_table(seen, table, view):
    frame = exports.export_frame(seen[view], table, "fr")
    assert len(frame) == len(seen[view]) > 0
    back = read_back_csv(exports.csv_bytes(frame))
    pd.testing.assert_frame_equal(back, neutralised(frame), check_dtype=False)
    changed = back != as_text(frame)
    assert all(back[c][changed[c]].str.startswith("'").all() for c in back.columns)


def test_xlsx_round_trip_with_openpyxl_and_pandas(seen):
    frame = exports.export_frame(seen["events"], "events", "fr")
    data = exports.xlsx_bytes({"Événements": frame}, lang="fr")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Événements"]
    sheet = book["Événements"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0])[:4] == ["Identifiant de l'événement", "Code du type", "Type", "Titre"]  # in French
    assert list(rows[1]) == list(frame.columns)  # the codes, under them
    dated = exports.DATE_COLUMNS
    for written, expected in zip(rows[2:], exports.neutralize_frame(frame).itertuples(index=False, name=None)):
        for column, v, e in zip(frame.columns, written, expected):
            e = None if (e is None or e is pd.NA or (isinstance(e, float) and pd.isna(e))) else e
            if column in dated and isinstance(v, datetime):  # a full date: a real Excel date
                assert v.date().isoformat() == e
            else:
                assert v == e, column
    assert sheet.freeze_panes == "A3"
    back = pd.read_excel(io.BytesIO(data), sheet_name="Événements", dtype=object, header=1)
    assert back["title"].tolist() == frame["title"].tolist()
    assert "Lancement du programme à Kara" in set(back["title"])
    assert "'--03-02" in set(back["date_start"])  # Excel would compute --03-02 as 1
    assert "2023" in set(back["date_start"].astype(str))  # a year alone stays text: no "1 janvier 2023"
    assert pd.Timestamp("2024-04-23") in set(back["date_start"])
    assert back["lat"].dropna().astype(float).tolist() == frame["lat"].dropna().tolist()


def test_export_columns_are_formatted_as_the_app_formats_them(seen):
    from presentation.formatting import fmt_country, fmt_date, fmt_figure

    figures = exports.export_frame(seen["figures"], "figures", "en")
    mli = figures[figures["country_iso3"] == "MLI"].iloc[0]
    assert mli["country_name"] == fmt_country("MLI", "en") == "Mali"
    assert mli["figure_text"] == fmt_figure(4800000, "people", "exact", "en", compact=False) == "4,800,000 people"
    ner = figures[(figures["country_iso3"] == "NER") & (figures["qualifier"] == "unquantified")].iloc[0]
    assert ner["figure_text"] == "figure not specified" and pd.isna(ner["value"])
    events = exports.export_frame(seen["events"], "events", "fr")
    kara = events[events["place"] == "Kara"].iloc[0]
    assert kara["date_text"] == fmt_date("--03-02", "day_no_year", "fr")


def test_xlsx_drops_characters_xml_cannot_hold():
    frame = pd.DataFrame({"title": ["bad\x00bell\x07 é"], "n": [3]})
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(frame))).active
    assert [c.value for c in sheet[3]] == ["badbell é", 3]


def test_unknown_table_is_refused(seen):
    with pytest.raises(KeyError, match="unknown export table"):
        exports.export_frame(seen["figures"], "nope")


# --------------------------------------------------------------------------- HXL

def hxl_read(data: bytes):
    return hxl.data(io.BytesIO(data))


def validate_hxl(data: bytes, rules: list[list[str]]) -> list[str]:
    errors: list[str] = []
    schema = hxl.schema([["#valid_tag", "#valid_required", "#valid_value+regex", "#valid_datatype"], *rules],
                        callback=lambda e: errors.append(f"{e.rule.tag_pattern}: {e.message} ({e.value})"))
    schema.validate(hxl_read(data))
    return errors


FIGURE_RULES = [
    ["#country+code", "true", "^[A-Z]{3}$", ""],
    ["#meta+id", "true", "", ""],
    ["#indicator+code", "true", "", ""],
    ["#indicator+value+num", "", "", "number"],
    ["#inneed", "", "", "number"],
    ["#affected", "", "", "number"],
    ["#meta+char_start+num", "true", "", "number"],
    ["#date+reported", "", "", "date"],
]


def test_hxl_figures_read_by_libhxl_with_hdx_tags(seen):
    data = exports.hxl_csv_bytes(seen["figures"], "figures", "fr")
    assert not data.startswith(b"\xef\xbb\xbf")  # HXL tools keep a BOM in the first header
    source = hxl_read(data)
    tags = {c.header: c.display_tag for c in source.columns}
    assert tags["country_iso3"] == "#country+code"
    assert tags["admin1"] == "#adm1+name"
    assert tags["value_people_in_need"] == "#inneed"
    assert tags["value_affected"] == "#affected"
    assert tags["value_idps"] == "#affected+idps"
    assert tags["article_date"] == "#date+reported"
    assert tags["article_source"] == "#meta+source"
    assert tags["article_url"] == "#meta+url"
    rows = list(hxl_read(data))
    assert len(rows) == len(seen["figures"])
    in_need = {r.get("#country+code"): float(r.get("#inneed")) for r in rows if r.get("#inneed")}
    expected = seen["figures"][seen["figures"]["indicator"] == "people_in_need"]
    assert in_need == dict(zip(expected["country_iso3"], expected["value"]))
    assert {r.get("#adm1+name") for r in rows} >= {"Tillabéri"}
    assert validate_hxl(data, FIGURE_RULES) == []


def test_hxl_validation_catches_a_bad_column(seen):
    broken = seen["figures"].copy()
    broken.loc[broken.index[0], "country_iso3"] = "Mali"
    errors = validate_hxl(exports.hxl_csv_bytes(broken, "figures"), FIGURE_RULES)
    assert any("#country+code" in e and "Mali" in e for e in errors)


@pytest.mark.parametrize("table, view, expected", [
    ("decisions", "decisions", {"decision_id": "#meta+id", "text": "#description", "country_iso3": "#country+code",
                                "announced_date": "#date+announced", "article_title": "#meta+source+title"}),
    ("events", "events", {"title": "#event+name", "date_start": "#date+start", "lat": "#geo+lat", "lon": "#geo+lon",
                          "place": "#loc+name"}),
    ("actors", "actors", {"name": "#org+name", "role": "#org+role", "country_iso3": "#country+code"}),
    ("articles", "articles", {"title": "#meta+source+title", "published_date": "#date+reported",
                              "source": "#meta+source", "url": "#meta+url"}),
])
def test_hxl_tags_of_each_table(seen, table, view, expected):
    data = exports.hxl_csv_bytes(seen[view], table, "fr")
    source = hxl_read(data)
    tags = {c.header: c.display_tag for c in source.columns}
    assert {k: tags[k] for k in expected} == expected
    assert all(tag.startswith("#") for tag in tags.values())
    assert len(list(hxl_read(data))) == len(seen[view])


def test_hxl_tracker_columns(seen):
    tracked = seen["decisions"].assign(status="stalled", due_date=pd.Timestamp("2025-01-31"), responsible="Ministère",
                                       progress=40.0)
    data = exports.hxl_csv_bytes(tracked, "decisions", "fr")
    rows = list(hxl_read(data))
    assert {r.get("#status+code") for r in rows} == {"stalled"}
    assert {r.get("#status+name") for r in rows} == {"Bloquée"}
    assert {r.get("#date+due") for r in rows} == {"2025-01-31"}
    assert {r.get("#org+responsible") for r in rows} == {"Ministère"}
    assert validate_hxl(data, [["#date+due", "true", "", "date"], ["#indicator+progress+pct", "", "", "number"]]) == []


# --------------------------------------------------------------------------- GeoJSON

@pytest.fixture(scope="module")
def layers():
    from etl import places

    return {"countries": places.load_country_layer(), "admin1": places.load_admin1_layer(),
            "corridors": places.load_corridors()}


def unquantified_niger(figures: pd.DataFrame) -> pd.DataFrame:
    """The seed-like figures with Niger's unquantified statement read as people in need."""
    out = figures.copy()
    out.loc[(out["country_iso3"] == "NER") & (out["qualifier"] == "unquantified"), "indicator"] = "people_in_need"
    return out


def test_needs_geojson_joins_figures_to_country_shapes(seen, layers):
    assert set(views.needs_by_country(seen["figures"])["country_iso3"]) == {"MLI", "BFA"}  # people in need only
    needs = views.needs_by_country(unquantified_niger(seen["figures"]))
    collection = json.loads(geojson.geojson_bytes(geojson.needs_geojson(layers["countries"], needs, "fr")))
    by_iso = {f["properties"]["country_iso3"]: f for f in collection["features"]}
    assert set(by_iso) == set(needs["country_iso3"]) == {"MLI", "BFA", "NER"}
    assert by_iso["MLI"]["properties"]["value"] == 4800000
    assert by_iso["NER"]["properties"]["value"] is None
    assert by_iso["NER"]["properties"]["figure_text"] == "chiffre non précisé"
    for feature in collection["features"]:
        geometry = shape(feature["geometry"])
        assert geometry.geom_type in ("Polygon", "MultiPolygon") and geometry.is_valid
    assert shape(by_iso["MLI"]["geometry"]).contains(shape({"type": "Point", "coordinates": [-8.0, 12.64]}))


def test_admin1_geojson_matches_names_without_accents(seen, layers):
    figures = seen["figures"].copy()
    figures.loc[figures["admin1"] == "Tillabéri", "admin1"] = "TILLABERI"
    collection = geojson.admin1_needs_geojson(layers["admin1"], figures[figures["admin1"].notna()], "fr")
    assert [f["properties"]["shape_name"] for f in collection["features"]] == ["Tillabéri"]
    assert collection["features"][0]["properties"]["value"] == 300000


def test_events_places_and_corridors_geojson(seen, tables, layers):
    events = geojson.events_geojson(seen["events"], "fr", places=tables["places"], countries=layers["countries"])
    by_title = {f["properties"]["title"]: f for f in events["features"]}
    assert by_title["Réunion des ministres de l'AES à Niamey"]["geometry"]["coordinates"] == [2.11, 13.51]
    assert by_title["Réunion des ministres de l'AES à Niamey"]["properties"]["position"] == "exact"
    forum = by_title["Forum de Lomé sur la paix et la sécurité"]
    assert forum["properties"]["position"] == "approximate"
    togo = next(f for f in layers["countries"]["features"] if f["properties"]["iso3"] == "TGO")
    assert shape(togo["geometry"]).buffer(0.5).contains(shape(forum["geometry"]))

    places = geojson.places_geojson(tables["places"], "fr")
    assert {f["properties"]["name"] for f in places["features"]} == {"Kara", "Blitta", "Tchamba 3", "Kloto 3"}

    corridors = geojson.corridors_geojson(layers["corridors"], "en")
    assert len(corridors["features"]) == 3
    assert all(f["geometry"]["type"] == "LineString" and f["properties"]["schematic"] for f in corridors["features"])
    assert all("corridor" in f["properties"]["name"].lower() for f in corridors["features"])

    merged = geojson.merge_layers({"events": events, "corridors": corridors, "empty": None})
    assert [f["properties"]["layer"] for f in merged["features"]].count("corridors") == 3
    assert len(merged["features"]) == len(events["features"]) + 3
    json.loads(geojson.geojson_bytes(merged))  # valid JSON, no NaN


def test_map_geojson_holds_the_layers_shown(seen, tables, layers):
    needs = views.needs_by_country(unquantified_niger(seen["figures"]))
    collection = geojson.map_geojson("fr", countries=layers["countries"], needs=needs, corridors=layers["corridors"],
                                     events=seen["events"], places=tables["places"], communes=tables["places"])
    kinds = pd.Series([f["properties"]["layer"] for f in collection["features"]]).value_counts().to_dict()
    assert kinds == {"needs": 3, "corridors": 3, "events": 3, "communes": 3}
    communes = {f["properties"]["prefecture"]: f for f in collection["features"] if f["properties"]["layer"] == "communes"}
    assert communes["Blitta"]["properties"]["communes"] == "Blitta 3"  # placed at its prefecture
    assert communes["Blitta"]["geometry"]["coordinates"] == [0.98, 8.32]
    only_needs = geojson.map_geojson("fr", countries=layers["countries"], needs=needs)
    assert {f["properties"]["layer"] for f in only_needs["features"]} == {"needs"}


# --------------------------------------------------------------------------- injection, end to end

HOSTILE_TITLE = '=HYPERLINK("http://example.org/x","Cliquez ici")'
ARTICLE = """Réunion des ministres à Niamey

Niamey, le 3 mai 2024 – Les ministres de la région se sont réunis à Niamey. Le Niger compte 2,1 millions de personnes dans le besoin selon OCHA.

À l'issue de la réunion, les ministres ont décidé de :
- +cmd|' /C calc'!A0 financer les écoles du Sahel ;
- @SUM(1+1) renforcer la coordination humanitaire ;
- créer un fonds commun pour les réfugiés.
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Tables built by the real ETL from an article whose title (sidecar) and decisions start like formulas."""
    from etl.pipeline import build

    folder = tmp_path_factory.mktemp("hostile")
    articles = folder / "articles"
    articles.mkdir()
    (articles / "piege.txt").write_text(ARTICLE, encoding="utf-8")
    (articles / "piege.meta.json").write_text(json.dumps(
        {"title": HOSTILE_TITLE, "source": "-Le Canard", "url": "https://example.org/piege", "published": "2024-05-03"}),
        encoding="utf-8")
    with publishing_into(folder / "tables"):
        build(articles, folder / "tables", log=None, progress=False)
    tables = read_tables(folder / "tables")
    assert tables["articles"]["title"].tolist() == [HOSTILE_TITLE]
    texts = tables["decisions"]["text"].tolist()
    assert any(x.startswith("+cmd") for x in texts) and any(x.startswith("@SUM") for x in texts), texts
    return tables


def starts_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(TRIGGERS)


def test_hostile_title_and_decisions_neutralised_in_csv_hxl_and_xlsx(hostile):
    seen = views_of(hostile)
    outputs = {
        "articles": exports.export_frame(seen["articles"], "articles"),
        "decisions": exports.export_frame(seen["decisions"], "decisions"),
        "figures": exports.export_frame(seen["figures"], "figures"),
    }
    for name, frame in outputs.items():
        back = read_back_csv(exports.csv_bytes(frame))
        assert not back.map(starts_like_formula).any().any(), name
        hxl_back = pd.read_csv(io.BytesIO(exports.hxl_csv_bytes(seen[name], name)), dtype=str, keep_default_na=False)
        assert not hxl_back.iloc[1:].map(starts_like_formula).any().any(), name
        sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(frame))).active
        cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
        assert all(c.data_type != "f" for c in cells), name
        assert not any(starts_like_formula(c.value) for c in cells), name

    articles = read_back_csv(exports.csv_bytes(outputs["articles"]))
    assert articles.loc[0, "title"] == "'" + HOSTILE_TITLE  # kept, readable, inert
    assert articles.loc[0, "source"] == "'-Le Canard"
    decisions = read_back_csv(exports.csv_bytes(outputs["decisions"]))
    assert any(x.startswith("'+cmd|' /C calc'!A0") for x in decisions["text"])
    assert set(decisions["article_title"]) == {"'" + HOSTILE_TITLE}
    figures = read_back_csv(exports.csv_bytes(outputs["figures"]))
    assert set(figures["article_title"]) == {"'" + HOSTILE_TITLE}


def test_hostile_decision_neutralised_in_the_tracker_export(hostile, tmp_path):
    from tracker import db, export, service

    url = f"sqlite:///{tmp_path / 'tracker.sqlite'}"
    db.upgrade(url)
    engine = db.make_engine(url)
    try:
        service.sync_decisions(hostile["decisions"], engine=engine)
        frame = export.decisions_export_frame(service.tracker_frame(engine=engine), "fr")
        back = read_back_csv(export.to_csv_bytes(frame))
        assert any(x.startswith("'+cmd") for x in back["text"])
        assert not back.map(starts_like_formula).any().any()
        sheet = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes({"d": frame}))).active
        assert not any(c.data_type == "f" or starts_like_formula(c.value) for row in sheet.iter_rows() for c in row)
    finally:
        engine.dispose()


def test_export_and_pack_modules_do_not_import_streamlit():
    import subprocess
    import sys

    code = ("import sys, presentation.exports, dashboard.briefing_pack, dashboard.slides; "
            "sys.exit('streamlit' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


# --------------------------------------------------------------------------- for a briefing author

def test_csv_for_excel_in_french_uses_semicolons_and_decimal_commas(seen):
    frame = exports.export_frame(seen["events"], "events", "fr")
    french = exports.excel_csv_bytes(frame, "fr")
    assert french.startswith(b"\xef\xbb\xbf")
    text = french.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("event_id;kind;kind_label;title;")
    assert "13,51" in text and "13.51" not in text  # Niamey's latitude, as French Excel reads a number
    back = pd.read_csv(io.BytesIO(french), encoding="utf-8-sig", sep=";", decimal=",", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(back.drop(columns=["lat", "lon"]), neutralised(frame).drop(columns=["lat", "lon"]),
                                  check_dtype=False)
    english = exports.excel_csv_bytes(frame, "en").decode("utf-8-sig")
    assert english.splitlines()[0].startswith("event_id,kind,kind_label,title,") and "13.51" in english
    assert exports.csv_bytes(frame) == exports.csv_bytes(frame.copy())  # plain CSV: commas and points, any language
    assert exports.csv_bytes(frame).decode("utf-8-sig").splitlines()[0].startswith("event_id,kind,")


def test_every_export_column_has_a_header_in_both_languages():
    from presentation.i18n import has_key
    from tracker import export as tracker_export

    columns = {c for table in exports.EXPORT_COLUMNS.values() for c in table}
    columns |= set(tracker_export.DECISION_EXPORT_COLUMNS) | set(tracker_export.HISTORY_EXPORT_COLUMNS)
    missing = sorted(c for c in columns for lang in ("fr", "en") if not has_key(f"exports.col.{c}", lang))
    assert missing == []
    assert exports.column_label("theme_label", "fr") == "Thème" and exports.column_label("theme_label", "en") == "Theme"
    assert exports.column_label("not_a_column", "fr") == "not_a_column"


def test_exports_label_themes_units_and_qualifiers_in_the_chosen_language():
    figures = pd.DataFrame({"figure_id": ["f1", "f2"], "country_iso3": ["BFA", "TGO"], "indicator": ["affected", "count"],
                            "value": [2376.0, 12.0], "unit": ["households", "boreholes"],
                            "qualifier": ["approx", "exact"], "label": ["familles sinistrées", "forages réhabilités"]})
    fr = exports.export_frame(figures, "figures", "fr")
    assert list(fr["unit_label"]) == ["familles", "forages"]  # the article's own noun
    assert list(fr["qualifier_label"]) == ["près de", "exact"]
    assert fr.loc[0, "figure_text"] == "près de 2\u202f376 familles"
    en = exports.export_frame(figures, "figures", "en")
    assert list(en["unit_label"]) == ["households", "boreholes"] and en.loc[0, "figure_text"] == "about 2,376 households"
    decisions = pd.DataFrame({"decision_id": ["d1", "d2"], "kind": ["commitment", "decision"], "text": ["x", "y"],
                              "theme": ["peace_security", "knowledge_sharing"]})
    assert list(exports.export_frame(decisions, "decisions", "fr")["theme_label"]) == [
        "Paix et sécurité", "Partage de connaissances"]
    assert list(exports.export_frame(decisions, "decisions", "en")["theme_label"]) == [
        "Peace and security", "Knowledge sharing"]
