# provisional: minimal stand-in so the pipeline runs; the "places" helper replaces this module.
"""Resolving place mentions into distinct places."""
from __future__ import annotations

from etl.schema import PLACE_KINDS
from etl.text import fold, stable_id


def resolve_place_mentions(mentions: list[dict]) -> tuple[list[dict], list[dict]]:
    """Mentions (article_id, name, kind, country_iso3, quote, char_start, char_end)
    → (places rows, place_mentions rows). Provisional: no gazetteer, no coordinates."""
    places: dict[str, dict] = {}
    rows: list[dict] = []
    for m in mentions:
        country = m.get("country_iso3")
        place_id = stable_id("plc", fold(m.get("name") or ""), country or "")
        kind = m.get("kind") if m.get("kind") in PLACE_KINDS else "other"
        places.setdefault(place_id, {
            "place_id": place_id, "name": m.get("name"), "kind": kind, "country_iso3": country,
            "resolved": False, "match_source": None,
        })
        rows.append({
            "place_id": place_id, "article_id": m.get("article_id"), "mention": m.get("name"),
            "quote": m.get("quote"), "char_start": m.get("char_start"), "char_end": m.get("char_end"),
        })
    return list(places.values()), rows


def lookup(name: str, country_iso3: str | None = None) -> dict | None:
    """A place row for a name, or None. Provisional: knows no places."""
    return None
