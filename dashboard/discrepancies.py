"""Figures that disagree, like for like only: the same territory, measure, population and
period, values too far apart; grouped and ranked so that a reader sees a short list worth questioning.

Pure functions on the figures view (no Streamlit); the Besoins page and the map show the result.

**Reference period of a figure** (``reference_period``):
- an imported figure: from the first day of ``reference_date`` to the last day of
  ``reference_end_date`` (its file's reference period);
- an article figure with its own date: the whole span that date states — a day is that day,
  a month (``2024-03``) the whole month, a year (``2024``) the whole year;
- an article figure without a date of its own (or with a day and month but no year): the
  article's publication date, at its precision (a day, a month or a year);
- otherwise the period is unknown and the figure is never compared.

**Like for like** (``like_key``): two figures are compared only when they have the same
``country_iso3``, the same admin level (``admin_level``: national, region, province, site;
dashboard.views.admin_levels) and the same place (the region for level 1, the place for
levels 2 and sites; accents, case and spaces aside), the same ``indicator`` and ``unit``, the
same population group (``population_group``: people, children, women, households, a whole
population; dashboard.views.population_group) and, for refugees, the same country of origin
(``origin_iso3``). Only the indicators of needs and funding are compared (``COMPARED``):
generic counts, durations and percentages count different things under one name. Figures
about no territory (no country, or an empty admin level) are never compared.

**When two like figures disagree** (``find_discrepancies``): they come from two sources (two
articles, an article and an import, two imports; never two figures of one article, which
states them side by side on purpose), their periods share at least one day, both are
quantified, and their values are further apart than the tolerance. Each figure stands for
the values its qualifier allows: ``exact``/``approx`` the value itself, ``at_least`` ("plus
de") the value or more, ``at_most`` ("jusqu'à") the value or less, a range (``value_max``) its
two ends. The gap is the distance between those two sets, against the smaller of the two
values that face each other:

    relative gap = gap / min(a, b)          flagged when relative gap > tolerance

Default tolerance ``DEFAULT_TOLERANCE`` = 0.10 (10 %): 100 vs 110 is exactly 10 % and is
not flagged; 100 vs 110.01 is. Zero against a positive value is always flagged. Rejected
rows are excluded.

**Groups** (``group_discrepancies``): the figures linked by flagged pairs under one key form
one group (a country's people in need in 2024 stated as 6,4 M, 7,1 M and 8 M by three
sources is one line, not three); groups are ranked by size, the largest gap first in the
figures' own unit.
"""
from __future__ import annotations

import math
from datetime import date

import pandas as pd

from presentation.dates import date_interval, effective_precision

DEFAULT_TOLERANCE = 0.10
# relative slack for binary floating point: 0.1 * 8_400_000 is not exactly 840_000
_EPSILON = 1e-9
COMPARED = ("people_in_need", "affected", "targeted", "reached", "idps", "refugees", "returnees", "food_insecure",
            "funding_required", "funding_received")
PAIR_COLUMNS = ("figure_id_a", "figure_id_b", "country_iso3", "admin_level", "place", "admin1", "indicator", "unit",
                "population_group", "origin_iso3",
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
    """Who says it, in no particular language: the import's source name, else the article's
    media (its ``source``, else its address's host) and title; "" when none is known (the page
    then says "article sans titre"). Never a file name."""
    if row.get("source_kind") == "import":
        return _text(row.get("source_name"))
    from presentation.formatting import url_host

    media = _text(row.get("article_source")).strip() or url_host(row.get("article_url"))
    title = _text(row.get("article_title")).strip()
    return ", ".join(x for x in (media, title if title != media else "") if x)


def _text(value) -> str:
    return "" if _blank(value) else str(value)


def _fold(value) -> str:
    from etl.text import fold

    return " ".join(fold(_text(value)).split())


def like_key(row: dict) -> tuple | None:
    """What a figure is about (see the module doc), or None when it is never compared."""
    if _blank(row.get("country_iso3")) or row.get("indicator") not in COMPARED:
        return None
    level = _text(row.get("admin_level"))
    if not level and "admin_level" in row:
        return None  # about no territory
    if not level:  # a row without the column: views.admin_levels' rule for older tables
        level = "1" if not _blank(row.get("admin1")) and _blank(row.get("place")) else (
            "site" if not _blank(row.get("place")) else "0")
    place = "" if level == "0" else _fold(row.get("admin1") if level == "1" and not _blank(row.get("admin1"))
                                          else row.get("place") or row.get("admin1"))
    group = _text(row.get("population_group"))
    if not group:
        from dashboard.views import population_group

        group = population_group(row.get("label"), row.get("unit"))
    origin = _text(row.get("origin_iso3")) if row.get("indicator") == "refugees" else ""
    return (row.get("country_iso3"), level, place, row.get("indicator"), _text(row.get("unit")), group, origin)


def _source_key(row: dict) -> tuple:
    """Two figures of one source (one article, or one imported file) are not a discrepancy."""
    if row.get("source_kind") == "import":
        return ("import", _text(row.get("source_name")), _text(row.get("figure_id")))
    return ("article", _text(row.get("article_id")) or _text(row.get("figure_id")))


def find_discrepancies(figures: pd.DataFrame, *, tolerance: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """Every pair of like figures from two sources that disagree (see the module doc), largest gap first."""
    if figures is None or figures.empty:
        return pd.DataFrame(columns=list(PAIR_COLUMNS))
    if tolerance < 0:
        raise ValueError("tolerance must be ≥ 0")
    groups: dict[tuple, list[tuple[dict, tuple, tuple]]] = {}
    for row in figures.to_dict("records"):
        if not _blank(row.get("rejected")) and bool(row.get("rejected")):
            continue
        key = like_key(row)
        if key is None:
            continue
        bounds = value_bounds(row)
        period = reference_period(row) if bounds else None
        if bounds and period:
            groups.setdefault(key, []).append((row, bounds, period))
    pairs = []
    for key, members in groups.items():
        for a, bounds_a, period_a, b, bounds_b, period_b in _overlapping(members):
            if a.get("figure_id") == b.get("figure_id") or _source_key(a) == _source_key(b):
                continue
            gap = relative_gap(bounds_a, bounds_b)
            if gap <= tolerance * (1 + _EPSILON):
                continue
            start, end = max(period_a[0], period_b[0]), min(period_a[1], period_b[1])
            pairs.append({
                "figure_id_a": a.get("figure_id"), "figure_id_b": b.get("figure_id"),
                "country_iso3": a.get("country_iso3"), "admin_level": key[1],
                "place": _text(a.get("admin1") if key[1] == "1" and not _blank(a.get("admin1"))
                               else a.get("place") or a.get("admin1")) or None,
                "admin1": _text(a.get("admin1")) or None, "indicator": a.get("indicator"), "unit": a.get("unit"),
                "population_group": key[5], "origin_iso3": key[6] or None,
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


GROUP_COLUMNS = ("group", "country_iso3", "admin_level", "place", "indicator", "unit", "population_group",
                 "origin_iso3", "figure_ids", "n_figures", "low", "high", "absolute_gap", "relative_gap",
                 "period_start", "period_end")


def group_discrepancies(pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per group of figures that disagree (the figures linked by flagged pairs under one
    key), ranked by size: the largest gap between two of its figures, in their unit, first.
    ``low``/``high`` are the values of the pair furthest apart, ``period_start``/``period_end``
    the days those two share."""
    if pairs is None or pairs.empty:
        return pd.DataFrame(columns=list(GROUP_COLUMNS))
    parent: dict[str, str] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in zip(pairs["figure_id_a"], pairs["figure_id_b"]):
        parent[find(a)] = find(b)
    components: dict[str, set[str]] = {}
    for figure_id in list(parent):
        components.setdefault(find(figure_id), set()).add(figure_id)
    rows = []
    for root, ids in components.items():
        inside = pairs[pairs["figure_id_a"].isin(ids) & pairs["figure_id_b"].isin(ids)]
        widest = inside.assign(_abs=(inside["value_a"] - inside["value_b"]).abs()).sort_values(
            ["_abs", "relative_gap"], ascending=False).iloc[0]
        rows.append({
            "group": root, "country_iso3": widest["country_iso3"], "admin_level": widest["admin_level"],
            "place": widest["place"], "indicator": widest["indicator"], "unit": widest["unit"],
            "population_group": widest["population_group"], "origin_iso3": widest["origin_iso3"],
            "figure_ids": sorted(ids), "n_figures": len(ids),
            "low": min(widest["value_a"], widest["value_b"]), "high": max(widest["value_a"], widest["value_b"]),
            "absolute_gap": float(widest["_abs"]), "relative_gap": float(widest["relative_gap"]),
            "period_start": widest["overlap_start"], "period_end": widest["overlap_end"]})
    out = pd.DataFrame(rows, columns=list(GROUP_COLUMNS))
    return out.sort_values(["absolute_gap", "relative_gap"], ascending=False, kind="stable").reset_index(drop=True)


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
