"""Exports of the tracker with current statuses, and of its history: CSV (UTF-8 with BOM, so
Excel opens accents right) and XLSX. Pure functions: frames in, bytes out.

Every text cell goes through neutralize_formula (presentation.exports, the project's one
sanitiser): article text is untrusted, and a cell starting with = + - @ would run as a
formula in a spreadsheet.
"""
from __future__ import annotations

import pandas as pd

from presentation import exports
from presentation.i18n import t

DECISION_EXPORT_COLUMNS = (
    "decision_id", "kind", "kind_label", "text", "theme", "theme_label", "country_iso3", "announced_date", "status",
    "status_label",
    "responsible", "due_date", "progress", "notes", "orphaned", "version", "updated_at", "updated_by",
    "article_id", "quote", "char_start", "char_end",
)
HISTORY_EXPORT_COLUMNS = ("history_id", "decision_id", "changed_at", "editor", "field", "old_value", "new_value", "version")


def _missing(value) -> bool:
    return value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and pd.isna(value))


def iso_day(value) -> str | None:
    """A date (or the day of a timestamp) as YYYY-MM-DD; missing as None."""
    return None if _missing(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def iso_utc(value) -> str | None:
    """A timestamp as 'YYYY-MM-DD HH:MM:SS' in UTC; missing as None."""
    if _missing(value):
        return None
    stamp = pd.Timestamp(value)
    stamp = stamp.tz_convert("UTC") if stamp.tzinfo else stamp
    return stamp.strftime("%Y-%m-%d %H:%M:%S")


def decisions_export_frame(frame: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """The tracker frame (service.tracker_frame) as exported: fixed columns, status label in `lang`."""
    from presentation.formatting import fmt_kind, fmt_theme

    out = frame.copy()
    out["status_label"] = out["status"].map(lambda s: t(f"tracker.status.{s}", lang))
    out["kind_label"] = [None if _missing(k) else fmt_kind("decisions", k, lang) for k in out["kind"]]
    out["theme_label"] = [None if _missing(th) or not th else fmt_theme(th, lang) for th in out["theme"]]
    out = out.reindex(columns=list(DECISION_EXPORT_COLUMNS))
    out["due_date"] = out["due_date"].map(iso_day).astype(object)
    out["updated_at"] = out["updated_at"].map(iso_utc).astype(object)
    out["progress"] = pd.to_numeric(out["progress"], errors="coerce").astype("Int64")
    for col in ("char_start", "char_end", "version"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
    return out


def history_export_frame(history: pd.DataFrame) -> pd.DataFrame:
    out = history.reindex(columns=list(HISTORY_EXPORT_COLUMNS)).copy()
    out["changed_at"] = out["changed_at"].map(iso_utc).astype(object)
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, comma-separated, formulas neutralised."""
    return exports.csv_bytes(frame)


def to_xlsx_bytes(sheets: dict[str, pd.DataFrame], lang: str = "fr") -> bytes:
    """One sheet per frame, headers in ``lang`` over the codes, dates as dates, formulas neutralised
    (presentation.exports.xlsx_bytes; streamed: 50,000 rows take seconds)."""
    return exports.xlsx_bytes(sheets, lang=lang)


def tracker_workbook(frame: pd.DataFrame, history: pd.DataFrame, lang: str = "fr") -> bytes:
    return to_xlsx_bytes({
        t("tracker.export.sheet_decisions", lang): decisions_export_frame(frame, lang),
        t("tracker.export.sheet_history", lang): history_export_frame(history),
    }, lang)
