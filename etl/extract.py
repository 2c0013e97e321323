"""Extraction of one article's text into contract rows.

This is the seam between reading files (etl.reading / etl.pipeline) and the
extractors (figures, decisions, events, actors, places). It works on a string
and knows nothing of files, so the app's preview can call it directly.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Extraction:
    """What one article yields. Row dicts use the contract's column names.

    Offsets (char_start, char_end) index ``text`` exactly as it was passed in.
    ``actor_mentions`` rows carry name/kind/role/country_iso3 of the mention;
    the pipeline merges them across articles into actors.csv.
    ``place_mentions`` rows carry name/kind/country_iso3 hints; the pipeline
    resolves them into places.csv.
    """

    title: str | None = None
    published_date: str | None = None
    published_precision: str | None = None
    language: str = "fr"
    figures: list[dict] = field(default_factory=list)
    decisions: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    actor_mentions: list[dict] = field(default_factory=list)
    place_mentions: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract_article(
    text: str,
    *,
    article_id: str,
    published_date: str | None = None,
    title: str | None = None,
) -> Extraction:
    """Extract figures, decisions, events, actors and places from one article.

    ``published_date`` (ISO, from a sidecar) wins over a date found in the text.
    """
    # Provisional: the extractors land module by module (issue 2).
    return Extraction(title=title, published_date=published_date,
                      published_precision="day" if published_date else None)
