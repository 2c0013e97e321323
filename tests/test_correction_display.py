"""Corrected and rejected rows shown as such beside the data: the figures and events tables,
map tooltips (choropleth and event markers) and the decision tracker's list and editor."""
from __future__ import annotations

import pandas as pd

from dashboard import maps, tables, views
from dashboard import tracker_views as tv
from dashboard.intake_views import row_notes
from etl.overrides import apply_overrides
from etl.schema import conform

SQUARE = {"type": "Polygon", "coordinates": [[[-5, 9], [2, 9], [2, 15], [-5, 15], [-5, 9]]]}
COUNTRIES = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"iso3": "BFA", "name_fr": "Burkina Faso"}, "geometry": SQUARE}]}

FIGURES = conform("figures", [
    {"figure_id": "fig_a", "article_id": "art", "country_iso3": "BFA", "indicator": "people_in_need",
     "value": 8_400_000, "unit": "people", "qualifier": "exact", "reference_date": "2024",
     "reference_precision": "year", "quote": "8,4 millions"},
])
EVENTS = conform("events", [
    {"event_id": "evt_a", "article_id": "art", "kind": "meeting", "title": "Réunion des ministres",
     "date_start": "2024-03-02", "date_precision": "day", "place": "Ouagadougou", "country_iso3": "BFA",
     "lat": 12.37, "lon": -1.52, "quote": "Réunis le 2 mars"},
    {"event_id": "evt_b", "article_id": "art", "kind": "forum", "title": "Forum", "date_start": "2024-04-10",
     "date_precision": "day", "place": "Ouagadougou", "country_iso3": "BFA", "lat": 13.0, "lon": 0.5,
     "quote": "Forum"},
])
DECISIONS = conform("decisions", [
    {"decision_id": f"dec_{k}", "article_id": "art", "kind": "decision", "text": f"Décision {k}",
     "theme": "coordination", "country_iso3": "BFA", "announced_date": "2024-03-02", "announced_precision": "day",
     "char_start": 0, "char_end": 5, "quote": "q"} for k in "abc"])


def corrected(table: str, frame: pd.DataFrame, overrides: list[dict]) -> pd.DataFrame:
    return apply_overrides(frame, [{"table_name": table, **o} for o in overrides], name=table)


def _view(frame: pd.DataFrame, **extra) -> pd.DataFrame:
    out = frame.assign(article_title="Article d'essai", article_source="Journal", article_date="2024-03-05",
                       article_date_precision="day", **extra)
    return out


def test_row_notes_name_the_correction_and_the_editor():
    fig = corrected("figures", FIGURES, [{"row_id": "fig_a", "changes": {"value": 6_300_000.0},
                                          "rejected": False, "updated_by": "awa"}]).iloc[0].to_dict()
    assert row_notes(fig, "fr") == "corrigée : Valeur (awa)"
    assert row_notes(fig, "en").startswith("corrected: ") and "(awa)" in row_notes(fig, "en")
    plain = corrected("figures", FIGURES, []).iloc[0].to_dict()
    assert row_notes(plain, "fr") == ""


def test_map_tooltip_of_a_corrected_figure_says_so():
    rows = _view(corrected("figures", FIGURES, [{"row_id": "fig_a", "changes": {"value": 6_300_000.0},
                                                  "rejected": False, "updated_by": "awa"}]))
    def country_tooltip(figures):
        spec = maps.build_map(COUNTRIES, "fr", needs=views.needs_by_country(figures))
        return next(s.tooltip for s in spec.shapes if s.layer == "needs-country")

    tip = country_tooltip(rows)
    assert "6 300 000" in tip.replace("\u202f", " ").replace("\u00a0", " ")
    assert "corrigée : Valeur (awa)" in tip
    assert "corrigée" not in country_tooltip(_view(corrected("figures", FIGURES, [])))


def test_event_marker_and_events_table_show_a_corrected_date():
    events = corrected("events", EVENTS, [{"row_id": "evt_a", "changes": {"date_start": "2024-03-03"},
                                           "rejected": False, "updated_by": "kofi"}])
    view = _view(events, precision=["day", "day"], date_key=["2024-03-03", "2024-04-10"])
    points = maps.event_points(view, "fr")
    tips = dict(zip([round(p[1], 2) for p in points["position"]], points["tooltip"]))
    assert "corrigée" in tips[12.37] and "(kofi)" in tips[12.37] and "3 mars 2024" in tips[12.37]
    assert "corrigée" not in tips[13.0]
    frame, _config = tables.events_table(view, "fr")
    assert list(frame["Correction"]) == ["corrigée : Date de début (kofi)", ""]
    uncorrected, _ = tables.events_table(_view(corrected("events", EVENTS, []), precision=["day", "day"],
                                               date_key=["a", "b"]), "fr")
    assert "Correction" not in uncorrected.columns  # no empty column


def test_tracker_list_marks_corrected_decisions_and_hides_rejected_ones_unless_asked():
    decisions = corrected("decisions", DECISIONS, [
        {"row_id": "dec_a", "changes": {"text": "Décision a, corrigée"}, "rejected": False, "updated_by": "awa"},
        {"row_id": "dec_b", "changes": {}, "rejected": True, "updated_by": "awa"}])
    tracked = DECISIONS.assign(status="in_progress", responsible=None, due_date=None, progress=None, notes=None,
                               version=1, orphaned=False, updated_at=None)
    shown = tv.with_corrections(tracked, decisions, "fr")
    assert list(shown["decision_id"]) == ["dec_a", "dec_c"]
    assert list(shown["correction"]) == ["corrigée : Texte (awa)", ""]
    everything = tv.with_corrections(tracked, decisions, "fr", show_rejected=True)
    assert dict(zip(everything["decision_id"], everything["correction"]))["dec_b"] == "rejetée (awa)"
    table = tv.table_frame(shown, "fr")
    assert list(table["correction"]) == ["corrigée : Texte (awa)", ""]
    assert list(tv.editor_frame(shown, "fr")["correction"]) == ["corrigée : Texte (awa)", ""]
    untouched = tv.with_corrections(tracked, corrected("decisions", DECISIONS, []), "fr")
    assert len(untouched) == 3 and "correction" not in tv.table_frame(untouched, "fr").columns
