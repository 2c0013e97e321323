"""The published table contract (see DESIGN.md) and its validation.

Every table is listed with its columns in file order: the contract's required
columns first, in the contract's order, then the columns this project adds.
Other tools read these files, so a column may be added but never renamed.
"""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

INDICATORS = (
    "people_in_need", "affected", "targeted", "reached", "idps", "refugees",
    "returnees", "food_insecure", "funding_required", "funding_received",
    "count", "duration", "percentage", "deaths", "other",
)
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "unquantified")
DATE_PRECISIONS = ("day", "month", "year", "day_no_year", "unknown")
DECISION_KINDS = ("decision", "commitment", "objective", "recommendation")
EVENT_KINDS = ("meeting", "launch", "forum", "visit", "ceremony", "other")
ACTOR_KINDS = ("person", "organization", "facility")
PLACE_KINDS = ("country", "capital", "city", "town", "commune", "prefecture", "region", "facility", "other")
ARTICLE_STATUSES = ("ok", "error")
SOURCE_KINDS = ("article", "import")
ADMIN_LEVELS = ("0", "1", "2", "site")

TABLES: dict[str, list[str]] = {
    "articles": [
        "article_id", "source_file", "title", "language", "published_date", "n_chars",
        "sha256", "status", "error",
        "published_precision", "url", "source", "duplicate_of", "n_words", "text_file", "warnings",
        "story_id",
    ],
    "figures": [
        "figure_id", "article_id", "country_iso3", "place", "indicator", "value", "unit",
        "qualifier", "label", "reference_date", "quote", "char_start", "char_end",
        "admin1", "place_id", "reference_precision", "source_kind", "source_name", "value_max",
        "reference_end_date", "admin_level", "origin_iso3",
    ],
    "decisions": [
        "decision_id", "article_id", "kind", "text", "theme", "announced_date", "quote",
        "char_start", "char_end",
        "announced_precision", "country_iso3", "lead_in", "decided_by", "ministry", "rule",
    ],
    "events": [
        "event_id", "article_id", "kind", "title", "date_start", "date_end", "date_precision",
        "place", "country_iso3", "lat", "lon", "quote",
        "place_id", "char_start", "char_end",
    ],
    "actors": [
        "actor_id", "name", "kind", "role", "country_iso3",
        "acronym", "aliases", "n_articles", "n_mentions",
    ],
    "actor_mentions": [
        "actor_id", "article_id", "quote", "char_start", "char_end",
        "mention", "role",
    ],
    "places": [
        "place_id", "name", "kind", "country_iso3", "admin1", "admin2", "lat", "lon",
        "resolved", "match_source", "parent_place_id",
    ],
    "place_mentions": [
        "place_id", "article_id", "mention", "quote", "char_start", "char_end",
    ],
}

ISO3 = r"^[A-Z]{3}$"
ISO_DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$"


def empty_table(name: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="float64" if c in NUMERIC[name] else "object") for c in TABLES[name]})


def conform(name: str, rows) -> pd.DataFrame:
    """Rows (dicts or a frame) → a frame with exactly the contract's columns, in order."""
    df = pd.DataFrame(rows) if not isinstance(rows, pd.DataFrame) else rows.copy()
    for col in TABLES[name]:
        if col not in df.columns:
            df[col] = None
    df = df[TABLES[name]]
    for col in TABLES[name]:
        if col in NUMERIC[name]:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
        else:
            df[col] = df[col].astype("object").where(df[col].notna(), None)
    return df.reset_index(drop=True)


def _text(*checks, nullable=True, **kw):
    return pa.Column(object, checks=list(checks), nullable=nullable, coerce=False, **kw)


def _num(*checks, nullable=True):
    return pa.Column(float, checks=list(checks), nullable=nullable, coerce=True)


def _isin(values):
    return pa.Check.isin(list(values))


def _match(pattern):
    return pa.Check.str_matches(pattern)


_span = {"char_start": _num(pa.Check.ge(0)), "char_end": _num(pa.Check.ge(0))}

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "articles": pa.DataFrameSchema({
        "article_id": _text(nullable=False, unique=True),
        "source_file": _text(nullable=False),
        "status": _text(_isin(ARTICLE_STATUSES), nullable=False),
        "published_date": _text(_match(ISO_DATE)),
        "published_precision": _text(_isin(DATE_PRECISIONS)),
        "sha256": _text(_match(r"^[0-9a-f]{64}$")),
        "n_chars": _num(pa.Check.ge(0)),
        "n_words": _num(pa.Check.ge(0)),
    }),
    "figures": pa.DataFrameSchema({
        "figure_id": _text(nullable=False, unique=True),
        "article_id": _text(),
        "country_iso3": _text(_match(ISO3)),
        "indicator": _text(_isin(INDICATORS), nullable=False),
        "qualifier": _text(_isin(QUALIFIERS), nullable=False),
        "value": _num(),
        "value_max": _num(),
        "reference_date": _text(_match(ISO_DATE)),
        "reference_precision": _text(_isin(DATE_PRECISIONS)),
        "reference_end_date": _text(_match(ISO_DATE)),
        "source_kind": _text(_isin(SOURCE_KINDS)),
        "admin_level": _text(_isin(ADMIN_LEVELS)),
        "origin_iso3": _text(_match(ISO3)),
        **_span,
    }),
    "decisions": pa.DataFrameSchema({
        "decision_id": _text(nullable=False, unique=True),
        "article_id": _text(nullable=False),
        "kind": _text(_isin(DECISION_KINDS), nullable=False),
        "text": _text(pa.Check.str_length(min_value=3), nullable=False),
        "announced_date": _text(_match(ISO_DATE)),
        "announced_precision": _text(_isin(DATE_PRECISIONS)),
        "country_iso3": _text(_match(ISO3)),
        **_span,
    }),
    "events": pa.DataFrameSchema({
        "event_id": _text(nullable=False, unique=True),
        "article_id": _text(nullable=False),
        "kind": _text(_isin(EVENT_KINDS), nullable=False),
        "date_start": _text(_match(ISO_DATE)),
        "date_end": _text(_match(ISO_DATE)),
        "date_precision": _text(_isin(DATE_PRECISIONS), nullable=False),
        "country_iso3": _text(_match(ISO3)),
        "lat": _num(pa.Check.in_range(-90, 90)),
        "lon": _num(pa.Check.in_range(-180, 180)),
        **_span,
    }),
    "actors": pa.DataFrameSchema({
        "actor_id": _text(nullable=False, unique=True),
        "name": _text(nullable=False),
        "kind": _text(_isin(ACTOR_KINDS), nullable=False),
        "country_iso3": _text(_match(ISO3)),
        "n_articles": _num(pa.Check.ge(0)),
        "n_mentions": _num(pa.Check.ge(0)),
    }),
    "actor_mentions": pa.DataFrameSchema({
        "actor_id": _text(nullable=False),
        "article_id": _text(nullable=False),
        **_span,
    }),
    "places": pa.DataFrameSchema({
        "place_id": _text(nullable=False, unique=True),
        "name": _text(nullable=False),
        "kind": _text(_isin(PLACE_KINDS), nullable=False),
        "country_iso3": _text(_match(ISO3)),
        "lat": _num(pa.Check.in_range(-90, 90)),
        "lon": _num(pa.Check.in_range(-180, 180)),
    }),
    "place_mentions": pa.DataFrameSchema({
        "place_id": _text(nullable=False),
        "article_id": _text(nullable=False),
        **_span,
    }),
}


def _numeric_columns(name: str) -> tuple[str, ...]:
    columns = SCHEMAS[name].columns
    return tuple(c for c in TABLES[name] if c in columns and str(columns[c].dtype).startswith("float"))


# Columns holding numbers (float64, NaN = missing), read off the pandera schemas above: the schemas
# are the one statement of every table's types (the table store reads and writes by them).
# Every other column is text (None = missing).
NUMERIC: dict[str, tuple[str, ...]] = {name: _numeric_columns(name) for name in TABLES}


class SchemaViolation(ValueError):
    """A table breaks the contract; the message lists what and where, readably."""


def validate(name: str, df: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in TABLES[name] if c not in df.columns]
    if missing:
        raise SchemaViolation(f"{name}.csv: colonnes manquantes / missing columns: {', '.join(missing)}")
    try:
        return SCHEMAS[name].validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        lines = [
            f"  - column {row.column!r}: check {row.check} failed for {row.failure_case!r} (row {row.index})"
            for row in cases.head(20).itertuples()
        ]
        more = f"\n  … and {len(cases) - 20} more" if len(cases) > 20 else ""
        raise SchemaViolation(f"{name}.csv breaks the table contract:\n" + "\n".join(lines) + more) from None
