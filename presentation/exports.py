"""Exports of what a page shows: CSV, XLSX and HXL-tagged CSV. Pure functions (frames in,
bytes or frames out); no Streamlit. GeoJSON, built on the map's shapes, is dashboard.geojson.

- **CSV**: UTF-8 *with* BOM (Excel then reads French accents right), comma-separated, the same
  in every language.
- **CSV (Excel)**: what Excel opens by a double click in the reader's language: in French ``;``
  between fields and ``,`` before decimals (French Excel reads ``,`` as a decimal mark and
  ``4.8`` as a date), in English ``,`` and ``.``; UTF-8 with BOM in both.
- **XLSX**: one sheet per frame; the first header row names the columns in the chosen language,
  the second keeps their codes (both frozen); full dates and timestamps are real Excel dates
  (partial dates such as ``2024-03`` stay text); columns sized to their content.
- **HXL**: a CSV whose second row holds HXL hashtags (https://hxlstandard.org), as HDX
  reads them. UTF-8 *without* BOM: HXL tools (libhxl, the HXL Proxy) keep a BOM as part
  of the first header. The mapping per table is ``HXL_TAGS`` (documented in README.md).

Article text is untrusted. A cell that starts with ``= + - @`` (or a tab or carriage
return) would run as a formula in a spreadsheet (OWASP "CSV injection"); every text cell
of the CSV, HXL and XLSX outputs goes through ``neutralize_formula``, the project's one
sanitiser (tracker.export uses it too).
"""
from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping

import pandas as pd

from presentation.formatting import (
    fmt_country,
    fmt_date,
    fmt_figure,
    fmt_indicator,
    fmt_kind,
    fmt_qualifier,
    fmt_theme,
    fmt_unit,
)
from presentation.i18n import has_key, t

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# --------------------------------------------------------------------------- formula neutralising

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 (hence XLSX) cannot hold; openpyxl refuses a cell containing one.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralize_formula(value):
    """A text that a spreadsheet would read as a formula gets a leading apostrophe; the rest is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralize_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell through ``neutralize_formula``; numbers, dates and booleans untouched."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralize_formula).astype(object)
    return out


# --------------------------------------------------------------------------- plain cells

def missing_cell(value) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def plain_value(value):
    """Lists become '; '-joined text, timestamps ISO text; everything else as is."""
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, pd.Timestamp):
        if value.tzinfo is not None:
            value = value.tz_convert("UTC").tz_localize(None)
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.strftime("%Y-%m-%d %H:%M:%S")
    return value


def _whole_numbers(series: pd.Series) -> bool:
    values = series.dropna()
    return bool(len(values)) and bool(((values % 1) == 0).all()) and bool((values.abs() < 2**53).all())


def plain_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame any file format can hold: datetimes as ISO text (UTC), lists joined."""
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_float_dtype(series) and _whole_numbers(series):
            out[col] = series.astype("Int64")  # 4800000, not 4800000.0
        elif pd.api.types.is_datetime64_any_dtype(series):
            out[col] = series.map(lambda v: None if missing_cell(v) else plain_value(pd.Timestamp(v))).astype(object)
        elif series.dtype == object:
            out[col] = series.map(plain_value)
    return out


# --------------------------------------------------------------------------- CSV and XLSX

def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, comma-separated, formulas neutralised."""
    return neutralize_frame(plain_frame(frame)).to_csv(index=False).encode("utf-8-sig")


EXCEL_CSV = {"fr": (";", ","), "en": (",", ".")}  # field separator, decimal mark, as Excel reads them


def excel_csv_bytes(frame: pd.DataFrame, lang: str = "fr") -> bytes:
    """CSV as Excel opens it in ``lang`` (EXCEL_CSV): UTF-8 with BOM, formulas neutralised."""
    sep, decimal = EXCEL_CSV.get(lang, EXCEL_CSV["fr"])
    return neutralize_frame(plain_frame(frame)).to_csv(index=False, sep=sep, decimal=decimal).encode("utf-8-sig")


def _xlsx_cell(value):
    """openpyxl takes Python scalars; missing values become empty cells; XML-illegal characters go."""
    if missing_cell(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    return value


def _width(frame: pd.DataFrame, col) -> float:
    sample = frame[col].head(200).map(lambda v: 0 if missing_cell(v) else len(str(v)))
    longest = max([len(str(col)), *sample.tolist()]) if len(sample) else len(str(col))
    return float(min(max(longest + 2, 8), 60))


# Columns holding a day (ISO text: a full date becomes an Excel date, a partial one stays text)
# and a moment (UTC, "YYYY-MM-DD HH:MM:SS": an Excel date and time, UTC).
DATE_COLUMNS = frozenset({"reference_date", "reference_end_date", "article_date", "announced_date", "due_date",
                          "date_start", "date_end", "published_date"})
DATETIME_COLUMNS = frozenset({"updated_at", "changed_at", "first_seen_at", "last_seen_at", "created_at"})
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$")
XLSX_DATE_FORMAT = {"fr": "dd/mm/yyyy", "en": "dd mmm yyyy"}
XLSX_MOMENT_FORMAT = {"fr": "dd/mm/yyyy hh:mm", "en": "dd mmm yyyy hh:mm"}


def column_label(column: str, lang: str) -> str:
    """An export column's name in words (exports.col.* in the catalogue); its code when it has none."""
    key = f"exports.col.{column}"
    return t(key, lang) if has_key(key) else str(column)


def _xlsx_dated(sheet, column: str, value, lang: str):
    """A cell of a date column: a real date (or date and time) when the text is a full one."""
    from datetime import date as Date
    from datetime import datetime as DateTime

    from openpyxl.cell import WriteOnlyCell

    if not isinstance(value, str):
        return _xlsx_cell(value)
    if column in DATE_COLUMNS and _ISO_DAY.match(value):
        try:
            cell = WriteOnlyCell(sheet, value=Date.fromisoformat(value))
        except ValueError:
            return _xlsx_cell(value)
        cell.number_format = XLSX_DATE_FORMAT.get(lang, XLSX_DATE_FORMAT["fr"])
        return cell
    if column in DATETIME_COLUMNS and _ISO_MOMENT.match(value):
        cell = WriteOnlyCell(sheet, value=DateTime.fromisoformat(value.replace(" ", "T")))
        cell.number_format = XLSX_MOMENT_FORMAT.get(lang, XLSX_MOMENT_FORMAT["fr"])
        return cell
    return _xlsx_cell(value)


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame] | pd.DataFrame, *, lang: str = "fr", sheet_name: str = "data") -> bytes:
    """One sheet per frame (names cut to Excel's 31 characters): a header row in ``lang``
    (column_label), a second one with the columns' codes, both frozen; full dates as Excel
    dates (DATE_COLUMNS, DATETIME_COLUMNS); text cells neutralised. Write-only mode streams
    rows: 50,000 rows take seconds, not tens of seconds."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    if isinstance(sheets, pd.DataFrame):
        sheets = {sheet_name: sheets}
    book = Workbook(write_only=True)
    for name, frame in sheets.items():
        frame = neutralize_frame(plain_frame(frame))
        sheet = book.create_sheet(title=_sheet_title(name))
        sheet.freeze_panes = "A3"
        columns = [str(c) for c in frame.columns]
        dated = [c in DATE_COLUMNS or c in DATETIME_COLUMNS for c in columns]
        for i, col in enumerate(frame.columns, start=1):
            width = max(_width(frame, col), min(len(column_label(str(col), lang)) + 2, 60))
            sheet.column_dimensions[get_column_letter(i)].width = max(width, 12.0) if dated[i - 1] else width
        labels = []
        for col in columns:
            cell = WriteOnlyCell(sheet, value=_xlsx_cell(column_label(col, lang)))
            cell.font = Font(bold=True)
            labels.append(cell)
        sheet.append(labels)
        codes = []
        for col in columns:
            cell = WriteOnlyCell(sheet, value=_xlsx_cell(col))
            cell.font = Font(italic=True, color="5B6475")
            codes.append(cell)
        sheet.append(codes)
        for row in frame.itertuples(index=False, name=None):
            sheet.append([_xlsx_dated(sheet, c, v, lang) if d else _xlsx_cell(v)
                          for c, d, v in zip(columns, dated, row)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_title(name: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", "_", str(name)).strip("'") or "data"
    return cleaned[:31]


# --------------------------------------------------------------------------- export frames

def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame.columns else pd.Series([None] * len(frame), index=frame.index, dtype=object)


def _label(prefix: str, code, lang: str) -> str | None:
    if missing_cell(code) or code == "":
        return None
    key = f"{prefix}.{code}"
    return t(key, lang) if has_key(key) else str(code)


def _derived(frame: pd.DataFrame, lang: str) -> dict[str, pd.Series]:
    """Readable columns next to the codes, formatted exactly as the app shows them."""
    idx = frame.index
    out: dict[str, list] = {}
    if "country_iso3" in frame.columns:
        out["country_name"] = [None if missing_cell(c) or not c else fmt_country(c, lang) for c in frame["country_iso3"]]
    if "indicator" in frame.columns:
        out["indicator_label"] = [None if missing_cell(i) else fmt_indicator(i, lang) for i in frame["indicator"]]
    if "value" in frame.columns and "qualifier" in frame.columns:
        out["figure_text"] = [fmt_figure(v, u, q, lang, compact=False, label=lb) for v, u, q, lb in
                              zip(frame["value"], _col(frame, "unit"), frame["qualifier"], _col(frame, "label"))]
        out["qualifier_label"] = [None if missing_cell(q) else (fmt_qualifier(q, lang) or t("qualifier.exact", lang))
                                  for q in frame["qualifier"]]
    if "unit" in frame.columns:
        out["unit_label"] = [None if missing_cell(u) or not u else fmt_unit(u, lang, label=lb)
                             for u, lb in zip(frame["unit"], _col(frame, "label"))]
    if "theme" in frame.columns:
        out["theme_label"] = [None if missing_cell(th) or not th else fmt_theme(th, lang) for th in frame["theme"]]
    if "status" in frame.columns:
        out["status_label"] = [_label("tracker.status", s, lang) for s in frame["status"]]
    return {k: pd.Series(v, index=idx, dtype=object) for k, v in out.items()}


def _kind_labels(frame: pd.DataFrame, table: str, lang: str) -> pd.Series:
    return pd.Series([None if missing_cell(k) else fmt_kind(table, k, lang) for k in _col(frame, "kind")],
                     index=frame.index, dtype=object)


def _date_text(frame: pd.DataFrame, date_col: str, precision_col: str, lang: str) -> pd.Series:
    return pd.Series([fmt_date(d, p, lang) if not missing_cell(d) else None
                      for d, p in zip(_col(frame, date_col), _col(frame, precision_col))],
                     index=frame.index, dtype=object)


_ARTICLE = ["article_id", "article_title", "article_date", "article_source", "article_url"]
_SPAN = ["quote", "char_start", "char_end"]

# Columns of each export, in order; a column the input lacks is left out.
EXPORT_COLUMNS: dict[str, list[str]] = {
    "figures": ["figure_id", "country_iso3", "country_name", "admin1", "place", "indicator", "indicator_label",
                "value", "value_max", "unit", "unit_label", "qualifier", "qualifier_label", "figure_text", "label",
                "reference_date", "reference_precision", *_SPAN, *_ARTICLE],
    "decisions": ["decision_id", "kind", "kind_label", "text", "theme", "theme_label", "country_iso3", "country_name",
                  "announced_date", "announced_precision", "status", "status_label", "responsible", "due_date",
                  "progress", "notes", "orphaned", "version", "updated_at", "updated_by", *_SPAN, *_ARTICLE],
    "events": ["event_id", "kind", "kind_label", "title", "date_start", "date_end", "date_precision", "date_text",
               "place", "place_id", "country_iso3", "country_name", "lat", "lon", *_SPAN, *_ARTICLE],
    "actors": ["actor_id", "name", "kind", "kind_label", "role", "acronym", "country_iso3", "country_name",
               "article_count", "mention_count", "article_ids", "article_titles"],
    "articles": ["article_id", "title", "source", "url", "published_date", "published_precision", "language",
                 "source_file", "status", "error", "n_chars", "n_words", "n_figures", "n_decisions", "n_events",
                 "n_actor_mentions", "sha256"],
    "places": ["place_id", "name", "kind", "country_iso3", "country_name", "admin1", "admin2", "lat", "lon"],
}
EXPORT_TABLES = tuple(EXPORT_COLUMNS)


def export_frame(frame: pd.DataFrame, table: str, lang: str = "fr") -> pd.DataFrame:
    """The rows of ``frame`` (a contract table or a dashboard view of it) as exported for
    ``table``: fixed columns in a fixed order, codes next to their labels in ``lang``."""
    if table not in EXPORT_COLUMNS:
        raise KeyError(f"unknown export table {table!r}; expected one of {', '.join(EXPORT_COLUMNS)}")
    work = frame.reset_index(drop=True)
    extra = _derived(work, lang)
    if table in ("decisions", "events", "actors"):
        extra["kind_label"] = _kind_labels(work, table, lang)
    if table == "events":
        precision = "precision" if "precision" in work.columns else "date_precision"
        extra["date_text"] = _date_text(work, "date_start", precision, lang)
    columns = {}
    for name in EXPORT_COLUMNS[table]:
        if name in extra:
            columns[name] = extra[name]
        elif name in work.columns:
            columns[name] = work[name]
    return plain_frame(pd.DataFrame(columns, index=work.index))


# --------------------------------------------------------------------------- HXL

# People indicators get their HDX column: one row per figure, the value in the column of its
# indicator (and always in #indicator+value+num), so HDX tools can sum #inneed by country.
PEOPLE_HXL = {
    "people_in_need": "#inneed",
    "affected": "#affected",
    "targeted": "#targeted",
    "reached": "#reached",
    "idps": "#affected+idps",
    "refugees": "#affected+refugees",
    "returnees": "#affected+returnees",
    "food_insecure": "#affected+food",
}
MONEY_HXL = {
    "funding_required": "#value+funding+required",
    "funding_received": "#value+funding+received",
}
_PEOPLE_UNITS = ("people", "", None)

_ARTICLE_TAGS = {
    "article_id": "#meta+source+id",
    "article_title": "#meta+source+title",
    "article_date": "#date+reported",
    "article_source": "#meta+source",
    "article_url": "#meta+url",
}
_SPAN_TAGS = {"quote": "#meta+quote", "char_start": "#meta+char_start+num", "char_end": "#meta+char_end+num"}

HXL_TAGS: dict[str, dict[str, str]] = {
    "figures": {
        "figure_id": "#meta+id",
        "country_iso3": "#country+code",
        "country_name": "#country+name",
        "admin1": "#adm1+name",
        "place": "#loc+name",
        "indicator": "#indicator+code",
        "indicator_label": "#indicator+name",
        "value": "#indicator+value+num",
        "value_max": "#indicator+value+max+num",
        "unit": "#indicator+unit",
        "unit_label": "#indicator+unit+name",
        "qualifier": "#indicator+qualifier",
        "qualifier_label": "#indicator+qualifier+name",
        "figure_text": "#indicator+text",
        "label": "#description",
        "reference_date": "#date",
        "reference_precision": "#date+precision",
        **_SPAN_TAGS, **_ARTICLE_TAGS,
    },
    "decisions": {
        "decision_id": "#meta+id",
        "kind": "#meta+kind+code",
        "kind_label": "#meta+kind+name",
        "text": "#description",
        "theme": "#sector+theme",
        "theme_label": "#sector+theme+name",
        "country_iso3": "#country+code",
        "country_name": "#country+name",
        "announced_date": "#date+announced",
        "announced_precision": "#date+announced+precision",
        "status": "#status+code",
        "status_label": "#status+name",
        "responsible": "#org+responsible",
        "due_date": "#date+due",
        "progress": "#indicator+progress+pct",
        "notes": "#meta+notes",
        "orphaned": "#meta+orphaned",
        "version": "#meta+version+num",
        "updated_at": "#date+updated",
        "updated_by": "#contact+editor",
        **_SPAN_TAGS, **_ARTICLE_TAGS,
    },
    "events": {
        "event_id": "#meta+id",
        "kind": "#event+type+code",
        "kind_label": "#event+type+name",
        "title": "#event+name",
        "date_start": "#date+start",
        "date_end": "#date+end",
        "date_precision": "#date+precision",
        "date_text": "#date+text",
        "place": "#loc+name",
        "place_id": "#loc+code",
        "country_iso3": "#country+code",
        "country_name": "#country+name",
        "lat": "#geo+lat",
        "lon": "#geo+lon",
        **_SPAN_TAGS, **_ARTICLE_TAGS,
    },
    "actors": {
        "actor_id": "#meta+id",
        "name": "#org+name",
        "kind": "#org+type+code",
        "kind_label": "#org+type+name",
        "role": "#org+role",
        "acronym": "#org+acronym",
        "country_iso3": "#country+code",
        "country_name": "#country+name",
        "article_count": "#meta+articles+num",
        "mention_count": "#meta+mentions+num",
        "article_ids": "#meta+source+id+list",
        "article_titles": "#meta+source+title+list",
    },
    "articles": {
        "article_id": "#meta+source+id",
        "title": "#meta+source+title",
        "source": "#meta+source",
        "url": "#meta+url",
        "published_date": "#date+reported",
        "published_precision": "#date+reported+precision",
        "language": "#meta+lang",
        "source_file": "#meta+file",
        "status": "#status+code",
        "error": "#meta+error",
        "n_chars": "#meta+chars+num",
        "n_words": "#meta+words+num",
        "n_figures": "#meta+figures+num",
        "n_decisions": "#meta+decisions+num",
        "n_events": "#meta+events+num",
        "n_actor_mentions": "#meta+mentions+num",
        "sha256": "#meta+checksum",
    },
    "places": {
        "place_id": "#loc+code",
        "name": "#loc+name",
        "kind": "#loc+type",
        "country_iso3": "#country+code",
        "country_name": "#country+name",
        "admin1": "#adm1+name",
        "admin2": "#adm2+name",
        "lat": "#geo+lat",
        "lon": "#geo+lon",
    },
}


def _indicator_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Figures: the value copied into the HDX column of its indicator (people counts in
    people only; funding in money), one column per indicator present, vocabulary order."""
    out = frame.copy()
    if "indicator" not in out.columns or "value" not in out.columns:
        return out
    units = _col(out, "unit").map(lambda u: None if missing_cell(u) else u)
    for indicator in list(PEOPLE_HXL) + list(MONEY_HXL):
        is_it = out["indicator"].eq(indicator)
        if indicator in PEOPLE_HXL:
            is_it &= units.isin(_PEOPLE_UNITS) | units.isna()
        if is_it.any():
            out[f"value_{indicator}"] = out["value"].where(is_it)
    return out


def hxl_tag_for(table: str, column: str) -> str:
    """The HXL hashtag of an exported column ('' when the column has none)."""
    if column.startswith("value_"):
        indicator = column.removeprefix("value_")
        return PEOPLE_HXL.get(indicator) or MONEY_HXL.get(indicator, "")
    return HXL_TAGS.get(table, {}).get(column, "")


def hxl_frame(frame: pd.DataFrame, table: str, lang: str = "fr") -> tuple[pd.DataFrame, list[str]]:
    """The export frame of ``table`` with its HXL hashtags; untagged columns are left out."""
    out = export_frame(frame, table, lang)
    if table == "figures":
        out = _indicator_columns(out)
    columns = [c for c in out.columns if hxl_tag_for(table, c)]
    return out[columns], [hxl_tag_for(table, c) for c in columns]


def hxl_csv_bytes(frame: pd.DataFrame, table: str, lang: str = "fr") -> bytes:
    """HXL-tagged CSV: header row, hashtag row, data; UTF-8 without BOM; formulas neutralised."""
    out, tags = hxl_frame(frame, table, lang)
    body = neutralize_frame(out)
    buffer = io.StringIO()
    header = pd.DataFrame([tags], columns=body.columns)
    pd.concat([header, body.astype(object)], ignore_index=True).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")
