# provisional: minimal stand-in so the pipeline runs; the lead replaces this module.
"""Merging actor mentions across articles into distinct actors."""
from __future__ import annotations

from etl.text import fold, stable_id


def merge_actor_mentions(mentions: list[dict]) -> tuple[list[dict], list[dict]]:
    """Mentions (article_id, name, kind, role, country_iso3, quote, char_start, char_end, mention)
    → (actors rows, actor_mentions rows). Provisional: merges exact folded names only."""
    actors: dict[str, dict] = {}
    rows: list[dict] = []
    for m in mentions:
        kind = m.get("kind") or "person"
        actor_id = stable_id("act", fold(m.get("name") or ""), kind)
        actor = actors.setdefault(actor_id, {
            "actor_id": actor_id, "name": m.get("name"), "kind": kind, "role": None,
            "country_iso3": None, "aliases": None, "_articles": set(), "n_mentions": 0,
        })
        actor["role"] = actor["role"] or m.get("role")
        actor["country_iso3"] = actor["country_iso3"] or m.get("country_iso3")
        actor["_articles"].add(m.get("article_id"))
        actor["n_mentions"] += 1
        rows.append({
            "actor_id": actor_id, "article_id": m.get("article_id"), "quote": m.get("quote"),
            "char_start": m.get("char_start"), "char_end": m.get("char_end"),
            "mention": m.get("mention") or m.get("name"), "role": m.get("role"),
        })
    out = []
    for actor in actors.values():
        actor["n_articles"] = len(actor.pop("_articles"))
        out.append(actor)
    return out, rows
