"""Exports of the tracker with current statuses: CSV with BOM, XLSX, and no formula injection."""
from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pandas as pd
import pytest
from tracker_support import *  # noqa: F401,F403  (fixtures)
from tracker_support import EDITOR, NOW, decisions_frame

from presentation.exports import neutralize_formula
from tracker import export, service


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+33 1 23", "'+33 1 23"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("Ministère = santé", "Ministère = santé"),
    ("", ""),
    (-5, -5),
    (None, None),
])
def test_neutralize_formula(value, expected):
    assert neutralize_formula(value) == expected


@pytest.fixture
def tracked(engine):
    frame = decisions_frame(3)
    frame.loc[0, "text"] = "=cmd|' /C calc'!A0"
    frame.loc[1, "text"] = "Accès à l'eau potable à Ségou"
    service.sync_decisions(frame, now=NOW, engine=engine)
    service.update_decision("dec_0001", {"status": "substantially_done", "progress": 80, "due_date": "2025-12-31",
                                         "responsible": "@Ministère de l'Eau"},
                            expected_version=0, editor=EDITOR, now=NOW, engine=engine)
    return engine


def test_csv_export_has_bom_current_statuses_and_no_formulas(tracked):
    data = export.to_csv_bytes(export.decisions_export_frame(service.tracker_frame(engine=tracked), "fr"))
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str).set_index("decision_id")
    assert list(frame.columns) == list(export.DECISION_EXPORT_COLUMNS[1:])
    row = frame.loc["dec_0001"]
    assert (row["status"], row["status_label"], row["progress"], row["due_date"]) == (
        "substantially_done", "Largement réalisée", "80", "2025-12-31")
    assert row["text"] == "Accès à l'eau potable à Ségou"
    assert row["responsible"] == "'@Ministère de l'Eau"
    assert frame.loc["dec_0000", "text"].startswith("'=")
    assert frame.loc["dec_0000", "status_label"] == "Non commencée"
    english = pd.read_csv(io.BytesIO(export.to_csv_bytes(export.decisions_export_frame(
        service.tracker_frame(engine=tracked), "en"))), encoding="utf-8-sig", dtype=str)
    assert "Substantially done" in set(english["status_label"])


def test_xlsx_export_has_decisions_and_history_sheets_and_text_cells_only(tracked):
    data = export.tracker_workbook(service.tracker_frame(engine=tracked), service.history_frame(engine=tracked), "fr")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Décisions", "Historique"]
    sheet = book["Décisions"]
    assert [c.value for c in sheet[1]][:4] == ["Identifiant de la décision", "Code du type", "Type", "Texte"]
    header = [c.value for c in sheet[2]]
    assert header == list(export.DECISION_EXPORT_COLUMNS)
    rows = {r[0]: dict(zip(header, r)) for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["dec_0001"]["status"] == "substantially_done" and rows["dec_0001"]["progress"] == 80
    assert rows["dec_0001"]["due_date"] == datetime(2025, 12, 31)  # a real date, shown the French way
    due_cell = next(c for c in sheet[3 + list(rows).index("dec_0001")] if c.column == header.index("due_date") + 1)
    assert due_cell.is_date and due_cell.number_format == "dd/mm/yyyy"
    assert isinstance(rows["dec_0001"]["updated_at"], datetime)
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    assert rows["dec_0000"]["text"].startswith("'=")
    history = list(book["Historique"].iter_rows(min_row=3, values_only=True))
    assert {(r[3], r[4], r[6]) for r in history} >= {(EDITOR.username, "status", "substantially_done")}
    assert len(history) == 4


def test_history_export_is_complete(tracked):
    frame = export.history_export_frame(service.history_frame(engine=tracked))
    assert list(frame.columns) == list(export.HISTORY_EXPORT_COLUMNS)
    assert set(frame["field"]) == {"status", "progress", "due_date", "responsible"}
    assert set(frame["changed_at"]) == {"2025-03-01 09:30:00"}
