"""Figures that disagree: same place, same indicator, overlapping periods, values too far apart.

Pure functions on the figures view (no Streamlit); the Besoins page and the map show the result.

**Reference period of a figure** (``reference_period``):
- an imported figure: from the first day of ``reference_date`` to the last day of
  ``reference_end_date`` (its file's reference period);
- an article figure with its own date: the whole span that date states — a day is that day,
  a month (``2024-03``) the whole month, a year (``2024``) the whole year;
- an article figure without a date of its own (or with a day and month but no year): the
  article's publication date, at its precision (a day, a month or a year);
- otherwise the period is unknown and the figure is never compared.

**When two figures disagree** (``find_discrepancies``): same ``country_iso3``, same ``admin1``
(both empty for a national figure), same ``indicator`` and ``unit``, periods that share at
least one day, both quantified (``unquantified`` statements are never compared), and their
values further apart than the tolerance. Each figure stands for the values its qualifier
allows: ``exact``/``approx`` the value itself, ``at_least`` ("plus de") the value or more,
``at_most`` ("jusqu'à") the value or less, a range (``value_max``) its two ends. The gap is
the distance between those two sets; it is measured against the smaller of the two values
that face each other:

    relative gap = gap / min(a, b)          flagged when relative gap > tolerance

Default tolerance ``DEFAULT_TOLERANCE`` = 0.10 (10 %): 100 vs 110 is exactly 10 % and is
not flagged; 100 vs 110.01 is. Zero against a positive value is always flagged. Pairs are
any two figures (two sources, two articles, or two figures of one article), rejected rows
excluded by the caller.
"""
from __future__ import annotations

import math
from datetime import date

import pandas as pd

from dashboard.dates import date_interval, effective_precision

DEFAULT_TOLERANCE = 0.10
# relative slack for binary floating point: 0.1 * 8_400_000 is not exactly 840_000
_EPSILON = 1e-9
PAIR_COLUMNS = ("figure_id_a", "figure_id_b", "country_iso3", "admin1", "indicator", "unit",
                "value_a", "value_b", "qualifier_a", "qualifier_b", "relative_gap",
                "source_a", "source_b", "source_kind_a", "source_kind_b", "article_id_a", "article_id_b",
                "period_a", "period_b", "overlap_start", "overlap_end")


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def reference_period(row: dict) -> tuple[date, date] | None:
    """(first day, last day) a figure refers to, or None when it cannot be placed (see module doc)."""
    if row.get("source_kind") == "import" and not _blank(row.get("reference_date")):
        start = date_interval(row.get("reference_date"), row.get("reference_precision"))
        end = date_interval(row.get("reference_end_date")) if not _blank(row.get("reference_end_date")) else start
        if start and end:
            return start[0], max(end[1], start[0])
    own = row.get("reference_date")
    if not _blank(own) and effective_precision(own, row.get("reference_precision")) in ("day", "month", "year"):
        return date_interval(own, row.get("reference_precision"))
    published = row.get("article_date", row.get("published_date"))
    precision = row.get("article_date_precision", row.get("published_precision"))
    if not _blank(published):
        return date_interval(published, precision)
    return None


def value_bounds(row: dict) -> tuple[float, float] | None:
    """The values a figure allows: [v, v], [v, ∞) for at_least, [0, v] for at_most, [v, max] for a range."""
    value = row.get("value")
    if _blank(value) or row.get("qualifier") == "unquantified":
        return None
    value = float(value)
    high = row.get("value_max")
    if not _blank(high) and float(high) >= value:
        return value, float(high)
    qualifier = row.get("qualifier")
    if qualifier == "at_least":
        return value, math.inf
    if qualifier == "at_most":
        return 0.0, value
    return value, value


def relative_gap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance between two value sets over the smaller of the two facing values (0 when they meet)."""
    if a[1] < b[0]:
        low, high = a[1], b[0]
    elif b[1] < a[0]:
        low, high = b[1], a[0]
    else:
        return 0.0
    if low <= 0:
        return math.inf
    return (high - low) / low


def source_label(row: dict) -> str:
    """Who says it: the import's source name, else the article's title (and outlet)."""
    if row.get("source_kind") == "import":
        return _text(row.get("source_name")) or "import"
    title = _text(row.get("article_title")) or _text(row.get("article_id"))
    outlet = _text(row.get("article_source"))
    return f"{title} — {outlet}" if outlet and outlet not in title else title


def _text(value) -> str:
    return "" if _blank(value) else str(value)


def _key(row: dict) -> tuple:
    return (row.get("country_iso3"), " ".join(_text(row.get("admin1")).split()).casefold(), row.get("indicator"),
            _text(row.get("unit")))


def find_discrepancies(figures: pd.DataFrame, *, tolerance: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """Every pair of figures that disagree (see the module doc), largest gap first."""
    if figures is None or figures.empty:
        return pd.DataFrame(columns=list(PAIR_COLUMNS))
    if tolerance < 0:
        raise ValueError("tolerance must be ≥ 0")
    groups: dict[tuple, list[tuple[dict, tuple, tuple]]] = {}
    for row in figures.to_dict("records"):
        if _blank(row.get("country_iso3")) or _blank(row.get("indicator")):
            continue
        if not _blank(row.get("rejected")) and bool(row.get("rejected")):
            continue
        bounds = value_bounds(row)
        period = reference_period(row) if bounds else None
        if bounds and period:
            groups.setdefault(_key(row), []).append((row, bounds, period))
    pairs = []
    for members in groups.values():
        for a, bounds_a, period_a, b, bounds_b, period_b in _overlapping(members):
            start, end = max(period_a[0], period_b[0]), min(period_a[1], period_b[1])
            if a.get("figure_id") == b.get("figure_id"):
                continue
            gap = relative_gap(bounds_a, bounds_b)
            if gap <= tolerance * (1 + _EPSILON):
                continue
            pairs.append({
                "figure_id_a": a.get("figure_id"), "figure_id_b": b.get("figure_id"),
                "country_iso3": a.get("country_iso3"), "admin1": _text(a.get("admin1")) or None,
                "indicator": a.get("indicator"), "unit": a.get("unit"),
                "value_a": float(a["value"]), "value_b": float(b["value"]),
                "qualifier_a": a.get("qualifier"), "qualifier_b": b.get("qualifier"),
                "relative_gap": gap,
                "source_a": source_label(a), "source_b": source_label(b),
                "source_kind_a": _text(a.get("source_kind")) or "article",
                "source_kind_b": _text(b.get("source_kind")) or "article",
                "article_id_a": a.get("article_id"), "article_id_b": b.get("article_id"),
                "period_a": _period_text(period_a), "period_b": _period_text(period_b),
                "overlap_start": start.isoformat(), "overlap_end": end.isoformat(),
            })
    out = pd.DataFrame(pairs, columns=list(PAIR_COLUMNS))
    return out.sort_values("relative_gap", ascending=False, kind="stable").reset_index(drop=True)


def _overlapping(members: list[tuple[dict, tuple, tuple]]):
    """Pairs whose periods share a day: sorted by start, each compared only with those starting
    before it ends (thousands of figures of one country and indicator stay fast)."""
    members = sorted(members, key=lambda m: m[2][0])
    for i, (a, bounds_a, period_a) in enumerate(members):
        for b, bounds_b, period_b in members[i + 1:]:
            if period_b[0] > period_a[1]:
                break
            yield a, bounds_a, period_a, b, bounds_b, period_b


def _period_text(period: tuple[date, date]) -> str:
    return period[0].isoformat() if period[0] == period[1] else f"{period[0].isoformat()}/{period[1].isoformat()}"


def flags_by_figure(pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per flagged figure: ``figure_id``, ``n_discrepancies`` and the other figures' ids."""
    if pairs.empty:
        return pd.DataFrame(columns=["figure_id", "n_discrepancies", "other_figure_ids"])
    both = pd.concat([
        pairs[["figure_id_a", "figure_id_b"]].rename(columns={"figure_id_a": "figure_id", "figure_id_b": "other"}),
        pairs[["figure_id_b", "figure_id_a"]].rename(columns={"figure_id_b": "figure_id", "figure_id_a": "other"}),
    ], ignore_index=True)
    grouped = both.groupby("figure_id")["other"]
    return pd.DataFrame({"n_discrepancies": grouped.size(), "other_figure_ids": grouped.agg(list)}).reset_index()
