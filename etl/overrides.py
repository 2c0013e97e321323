"""Editors' corrections applied on top of the ETL's tables (pure: no database, no Streamlit).

An override names a row by its stable id (``figure_id``, ``decision_id``, ``event_id``) and
either replaces some of its fields or rejects the row as a false extraction. The tracker
database stores them (tracker.corrections); the app's loaders apply them to every build
with ``apply_overrides``, so a correction survives any rebuild that yields the same id.

``apply_overrides`` adds these columns to the table it returns:
    corrected         True when at least one field was replaced
    rejected          True when an editor rejected the row (rows are kept: pages hide them)
    corrected_fields  the replaced fields, comma-separated ("value,indicator")
    corrected_by      who made the last change
    original_values   "field=old value; …" of the replaced fields, as the ETL gave them
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping

import pandas as pd

from etl.schema import DECISION_KINDS, INDICATORS, ISO3, ISO_DATE, NUMERIC, QUALIFIERS

ID_COLUMNS = {"figures": "figure_id", "decisions": "decision_id", "events": "event_id"}
# What an editor may correct, per table.
EDITABLE = {
    "figures": ("value", "indicator", "country_iso3", "reference_date", "unit", "qualifier"),
    "decisions": ("text", "kind", "theme"),
    "events": ("date_start", "date_end"),
}
# A corrected date brings its precision along (derived from the ISO shape).
PRECISION_OF = {"reference_date": "reference_precision", "date_start": "date_precision"}
MARK_COLUMNS = ("corrected", "rejected", "corrected_fields", "corrected_by", "original_values")
TEXT_MAX = 2000
UNIT_MAX = 60
_ISO3 = re.compile(ISO3)
_ISO_DATE = re.compile(ISO_DATE)
_UNIT = re.compile(r"^[^\W\d_][\w \-'’]{0,59}$")


def table_of(frame: pd.DataFrame) -> str:
    for name, id_column in ID_COLUMNS.items():
        if id_column in frame.columns:
            return name
    raise KeyError("no figure_id, decision_id or event_id column: not a correctable table")


def precision_of(iso: str | None) -> str | None:
    """Precision an ISO date carries by its shape: 2024 → year, 2024-03 → month, --03-05 → day_no_year."""
    text = (iso or "").strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return "day"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return "month"
    if re.fullmatch(r"\d{4}", text):
        return "year"
    if re.fullmatch(r"--\d{2}-\d{2}", text):
        return "day_no_year"
    return "unknown"


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or (isinstance(value, str) and not value.strip())


def parse_value(value) -> float | None:
    """An editor's number: 8400000, "8 400 000", "8,4e6", "8,4" (decimal comma). Raises ValueError."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = re.sub(r"[\s\u00a0\u202f]", "", str(value))
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        elif re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text):
            text = text.replace(",", "")
        number = float(text)
    if not math.isfinite(number) or number < 0:
        raise ValueError(value)
    return number


def _valid_date(text: str) -> bool:
    from datetime import date

    if not _ISO_DATE.match(text):
        return False
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            date.fromisoformat(text)
        elif re.fullmatch(r"\d{4}-\d{2}", text):
            date(int(text[:4]), int(text[5:7]), 1)
        elif text.startswith("--"):
            date(2000, int(text[2:4]), int(text[5:7]))  # 2000 is a leap year: 29 February is allowed
    except ValueError:
        return False
    return True


def validate_changes(table: str, changes: Mapping, current: Mapping | None = None,
                     *, themes: Iterable[str] | None = None) -> tuple[dict, list[tuple[str, dict]]]:
    """Clean an editor's changes → (changes with proper types, problems as (message key, params)).

    ``current`` is the row as it stands (after earlier corrections), to check the result as a
    whole: a quantified qualifier needs a value, "unquantified" has none; a date range ends
    after it starts. Problems keys live in presentation/locales/intake.toml (``correct.invalid.*``).
    """
    if table not in EDITABLE:
        raise KeyError(table)
    clean: dict = {}
    problems: list[tuple[str, dict]] = []
    for field, raw in changes.items():
        if field not in EDITABLE[table]:
            problems.append(("correct.invalid.field", {"field": field}))
            continue
        if field == "value":
            if _blank(raw):
                clean[field] = None
                continue
            try:
                clean[field] = parse_value(raw)
            except (TypeError, ValueError):
                problems.append(("correct.invalid.value", {"value": raw}))
            continue
        text = "" if _blank(raw) else " ".join(str(raw).split())
        if field == "indicator" and text not in INDICATORS:
            problems.append(("correct.invalid.indicator", {"value": raw}))
        elif field == "qualifier" and text not in QUALIFIERS:
            problems.append(("correct.invalid.qualifier", {"value": raw}))
        elif field == "kind" and text not in DECISION_KINDS:
            problems.append(("correct.invalid.kind", {"value": raw}))
        elif field == "country_iso3" and text and not (_ISO3.match(text.upper()) and _known_iso3(text.upper())):
            problems.append(("correct.invalid.country", {"value": raw}))
        elif field in ("reference_date", "date_start", "date_end") and text and not _valid_date(text):
            problems.append(("correct.invalid.date", {"value": raw}))
        elif field == "unit" and not (text and _UNIT.match(text)):
            problems.append(("correct.invalid.unit", {"value": raw}))
        elif field == "text" and not 3 <= len(text) <= TEXT_MAX:
            problems.append(("correct.invalid.text", {"limit": TEXT_MAX}))
        elif field == "theme" and (not text or (themes is not None and text not in set(themes))):
            problems.append(("correct.invalid.theme", {"value": raw}))
        else:
            clean[field] = (text.upper() if field == "country_iso3" else text) or None
    if not problems:
        problems += _coherence(table, {**dict(current or {}), **clean})
    return clean, problems


def _coherence(table: str, row: Mapping) -> list[tuple[str, dict]]:
    if table == "figures":
        qualifier, value = row.get("qualifier"), row.get("value")
        if qualifier == "unquantified" and not _blank(value):
            return [("correct.invalid.unquantified_value", {})]
        if qualifier != "unquantified" and _blank(value):
            return [("correct.invalid.missing_value", {})]
    if table == "events":
        start, end = row.get("date_start"), row.get("date_end")
        if not _blank(start) and not _blank(end) and precision_of(start) == precision_of(end) == "day" and end < start:
            return [("correct.invalid.date_order", {"start": start, "end": end})]
    return []


def _known_iso3(code: str) -> bool:
    from etl.imports import known_iso3

    return known_iso3(code)


# ---------------------------------------------------------------- applying

def _changes(value) -> dict:
    if isinstance(value, Mapping):
        return dict(value)
    if _blank(value):
        return {}
    try:
        loaded = json.loads(value)
    except (TypeError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _records(overrides) -> list[dict]:
    if overrides is None:
        return []
    if isinstance(overrides, pd.DataFrame):
        return overrides.to_dict("records")
    return [dict(o) for o in overrides]


def _shown(value) -> str:
    if _blank(value):
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def apply_overrides(table: pd.DataFrame, overrides, *, name: str | None = None) -> pd.DataFrame:
    """``table`` with each override applied to the row of the same id (see the module doc).

    ``overrides``: records or a frame with ``row_id``, ``changes`` (dict or JSON), ``rejected``
    and optionally ``table_name`` (rows for other tables are ignored) and ``updated_by``.
    Overrides whose id is not in the table are ignored (see ``unmatched_overrides``).
    Fields outside ``EDITABLE`` are ignored too: a stored override cannot touch ids or quotes.
    """
    name = name or table_of(table)
    id_column = ID_COLUMNS[name]
    out = table.copy()
    out["corrected"] = False
    out["rejected"] = False
    out["corrected_fields"] = None
    out["corrected_by"] = None
    out["original_values"] = None
    records = [r for r in _records(overrides) if r.get("table_name", name) == name]
    if not records or out.empty:
        return out
    position = {row_id: i for i, row_id in enumerate(out[id_column])}
    numeric = set(NUMERIC.get(name, ()))
    updates: dict[str, dict[int, object]] = {}
    marks = {col: {} for col in MARK_COLUMNS}
    for record in records:
        i = position.get(record.get("row_id"))
        if i is None:
            continue
        changes = {f: v for f, v in _changes(record.get("changes")).items() if f in EDITABLE[name]}
        rejected = bool(record.get("rejected")) and not _blank(record.get("rejected"))
        if not changes and not rejected:
            continue
        originals = []
        for field, value in changes.items():
            if field in numeric:
                value = None if _blank(value) else float(value)
            originals.append(f"{field}={_shown(out[field].iat[i])}")
            updates.setdefault(field, {})[i] = value
            if field in PRECISION_OF:
                updates.setdefault(PRECISION_OF[field], {})[i] = precision_of(value)
        marks["corrected"][i] = bool(changes)
        marks["rejected"][i] = rejected
        marks["corrected_fields"][i] = ",".join(changes) or None
        marks["corrected_by"][i] = record.get("updated_by")
        marks["original_values"][i] = "; ".join(originals) or None
    for column, values in {**updates, **marks}.items():
        if not values:
            continue
        if column in ("corrected", "rejected"):
            cells = out[column].to_numpy(dtype=bool, copy=True)
        else:
            cells = out[column].to_numpy(dtype="float64" if column in numeric else object, copy=True)
        for i, value in values.items():
            cells[i] = value
        out[column] = cells
    return out


def unmatched_overrides(table: pd.DataFrame, overrides, *, name: str | None = None) -> list[dict]:
    """Overrides of this table whose row the current build no longer yields (kept, not applied)."""
    name = name or table_of(table)
    ids = set(table[ID_COLUMNS[name]])
    return [r for r in _records(overrides) if r.get("table_name", name) == name and r.get("row_id") not in ids]


def marked(table: pd.DataFrame) -> pd.DataFrame:
    """The rows an editor corrected or rejected (after apply_overrides); none without its columns."""
    if "corrected" not in table.columns:
        return table.head(0)
    return table[table["corrected"].fillna(False).astype(bool) | table["rejected"].fillna(False).astype(bool)]


def visible(table: pd.DataFrame, *, show_rejected: bool = False) -> pd.DataFrame:
    """Rows a page shows: rejected ones only when asked for."""
    if show_rejected or "rejected" not in table.columns or table.empty:
        return table
    return table[~table["rejected"].fillna(False).astype(bool)]
