"""Pure display helpers for added articles, corrections, imported figures and discrepancies.

No Streamlit here: dashboard.loaders applies ``label_imports`` and ``with_discrepancies`` to the
cached figures view; the pages and dashboard.tables/maps format with the ``*_note`` functions.
"""
from __future__ import annotations

import math

import pandas as pd

from dashboard.discrepancies import DEFAULT_TOLERANCE, find_discrepancies
from presentation.formatting import fmt_country, fmt_figure, fmt_indicator, fmt_number, fmt_unit, truncate
from presentation.i18n import has_key, t, tn

SOURCE_KINDS = ("article", "import")
FIGURE_SOURCE_CHOICES = ("all", "article", "import")


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def label_imports(figures: pd.DataFrame) -> pd.DataFrame:
    """Imported figures come from no article: their source name stands where pages show the
    article's title and outlet, and their reference start where they show its date."""
    if figures.empty or "source_kind" not in figures.columns:
        return figures
    imported = figures["source_kind"].fillna("article") == "import"
    if not imported.any():
        return figures
    out = figures.copy()
    for column, value in (("article_title", out["source_name"]), ("article_source", out["source_name"]),
                          ("article_date", out["reference_date"]),
                          ("article_date_precision", out["reference_precision"])):
        if column not in out.columns:
            out[column] = None
        out[column] = out[column].astype(object).where(~imported, value)
    return out


def with_discrepancies(figures: pd.DataFrame, *, tolerance: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """Add ``n_discrepancies`` and, for the figure it disagrees with most, ``discrepancy_value``,
    ``discrepancy_source`` and ``discrepancy_gap`` (relative)."""
    out = figures.copy()
    out["n_discrepancies"] = 0
    out["discrepancy_value"] = float("nan")
    out["discrepancy_source"] = None
    out["discrepancy_gap"] = float("nan")
    if figures.empty:
        return out
    pairs = find_discrepancies(figures, tolerance=tolerance)
    if pairs.empty:
        return out
    counts: dict[str, int] = {}
    worst: dict[str, tuple[float, float, str]] = {}
    for p in pairs.itertuples(index=False):  # sorted by gap, largest first
        for me, value, source in ((p.figure_id_a, p.value_b, p.source_b), (p.figure_id_b, p.value_a, p.source_a)):
            counts[me] = counts.get(me, 0) + 1
            worst.setdefault(me, (value, p.relative_gap, source))
    ids = out["figure_id"]
    out["n_discrepancies"] = ids.map(counts).fillna(0).astype(int)
    out["discrepancy_value"] = ids.map({k: v[0] for k, v in worst.items()}).astype("float64")
    out["discrepancy_gap"] = ids.map({k: v[1] for k, v in worst.items()}).astype("float64")
    out["discrepancy_source"] = ids.map({k: v[2] for k, v in worst.items()}).astype(object)
    return out


def gap_text(gap: float, lang: str) -> str:
    if gap is None or math.isinf(gap):
        return "∞"
    return f"{fmt_number(round(gap * 100), lang)} %"


def discrepancy_note(row: dict, lang: str) -> str:
    """"⚠ autre source : 7 100 000 (OCHA…), écart 18 %" — empty when the figure agrees with all others."""
    n = row.get("n_discrepancies")
    if _blank(n) or int(n) == 0:
        return ""
    text = t("discrepancy.note", lang, value=fmt_figure(row.get("discrepancy_value"), None, "exact", lang, compact=False),
             source=truncate(str(row.get("discrepancy_source") or t("source.untitled", lang)), 60),
             gap=gap_text(row.get("discrepancy_gap"), lang))
    return text + (f" {tn('discrepancy.more', int(n) - 1, lang)}" if int(n) > 1 else "")


def correction_note(row: dict, lang: str) -> str:
    """"rejeté" / "corrigé : valeur, indicateur (awa)" / ""."""
    fields = row.get("corrected_fields")
    by = row.get("corrected_by")
    suffix = f" ({by})" if not _blank(by) else ""
    if not _blank(row.get("rejected")) and bool(row.get("rejected")):
        return t("correct.status.rejected", lang) + suffix
    if not _blank(row.get("corrected")) and bool(row.get("corrected")) and not _blank(fields):
        names = ", ".join(t(f"correct.field.{f}", lang) for f in str(fields).split(","))
        return t("correct.status.corrected", lang, fields=names) + suffix
    return ""


def row_notes(row: dict, lang: str) -> str:
    """The lines shown under a row's value in tooltips: another source disagrees, an editor
    corrected or rejected it. Empty when neither."""
    return "\n".join(note for note in (discrepancy_note(row, lang), correction_note(row, lang)) if note)


def source_kind_filter(choice: str | None) -> tuple[str, ...]:
    """The Filters.source_kinds for a page's choice: all → (), article → ("article",)…"""
    return (choice,) if choice in SOURCE_KINDS else ()


def discrepancy_table(groups: pd.DataFrame, figures: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Localised table of the groups of like figures that disagree (dashboard.discrepancies.
    group_discrepancies), largest first: where, what, for whom, when (written for people),
    each figure with its source (media, title, date, or the official file), and the gap."""
    from presentation.formatting import fmt_period, fmt_source

    by_id = {r["figure_id"]: r for r in figures.to_dict("records")} if not figures.empty else {}
    rows = []
    for g in groups.to_dict("records"):
        place = fmt_country(g["country_iso3"], lang)
        if g.get("admin_level") not in ("0", None) and not _blank(g.get("place")):
            place += f" — {g['place']} ({t('level.' + str(g['admin_level']), lang)})"
        members = sorted((by_id[i] for i in g["figure_ids"] if i in by_id), key=lambda r: -(r.get("value") or 0))
        stated = [f"{fmt_figure(r.get('value'), None, r.get('qualifier'), lang, compact=False)} — "
                  + (t("scope.official_source", lang, source=fmt_source(r, lang))
                     if r.get("source_kind") == "import" else fmt_source(r, lang, limit=70)) for r in members]
        group = str(g.get("population_group") or "people")
        rows.append({
            t("col.place", lang): place,
            t("discrepancy.col.what", lang): fmt_indicator(g["indicator"], lang),
            t("discrepancy.col.population", lang): t(f"group.{group}", lang) if has_key(f"group.{group}")
            else fmt_unit(group, lang),
            t("discrepancy.col.period", lang): fmt_period(g["period_start"], "day", lang, end=g["period_end"]),
            t("discrepancy.col.figures", lang): " · ".join(stated),
            t("discrepancy.col.gap", lang): t("discrepancy.gap", lang, relative=gap_text(g["relative_gap"], lang),
                                              absolute=fmt_figure(g["absolute_gap"], g.get("unit"), "exact", lang)),
        })
    return pd.DataFrame(rows)


def _source(name: str, kind: str, lang: str) -> str:
    return t("common.labelled", lang, label=t(f"figures_source.kind.{kind}", lang), value=truncate(str(name or ""), 80))
