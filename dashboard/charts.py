"""Pure plotly builders: a table in, a go.Figure out (title and source caption included,
so an exported PNG carries them). No Streamlit here.

Plotly reads ``<b>``, ``<br>`` and ``<a>`` in text, so every value from an article goes
through ``ptext`` (``<``, ``>``, ``&`` escaped; plotly shows the entities as characters).
"""
from __future__ import annotations

import html
import re
import textwrap
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from dashboard.dates import date_interval
from dashboard.formatting import (fmt_country, fmt_date, fmt_figure, fmt_indicator, fmt_kind,
                                  fmt_number, fmt_short_date, truncate)
from dashboard.i18n import t

FONT = "Source Sans, Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"
INK = "#14213d"
MUTED = "#5b6475"
BLUE = "#1f5fa8"
UNQUANTIFIED = "#b07aa1"
PALETTE = ("#1f5fa8", "#e07b39", "#3a923a", "#b07aa1", "#c0392b", "#17becf", "#8c6d31", "#7f7f7f")
PRECISION_COLORS = {"day": "#1f5fa8", "month": "#e07b39", "year": "#3a923a"}
PEOPLE_INDICATORS = ("people_in_need", "affected", "targeted", "reached", "idps", "refugees",
                     "returnees", "food_insecure")
OTHER_PEOPLE_INDICATORS = PEOPLE_INDICATORS[1:]  # the second Besoins chart: all but people in need


_SPACES = re.compile(r"[ \t\r\n]+")


def ptext(value, width: int | None = None) -> str:
    """Untrusted text made inert for plotly; optionally wrapped with <br>."""
    text = _SPACES.sub(" ", str(value or "")).strip()  # keeps no-break spaces (8 400 000)
    if width:
        return "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(text, width) or [""])
    return html.escape(text, quote=False)


def slide_config(filename: str) -> dict:
    """Plotly config for slides: PNG at 1600×900 ×2, named after the chart, no logo."""
    return {
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "filename": filename, "width": 1600,
                                 "height": 900, "scale": 2},
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
    }


SEPARATORS = {"fr": ",\u202f", "en": ".,"}  # plotly's decimal and thousands marks per language


def _layout(fig: go.Figure, title: str, source: str, *, height: int, bottom: int = 70, wrap: int = 150,
            lang: str = "fr") -> go.Figure:
    # room under the plot for the x-axis labels and every line of the source caption
    bottom = max(bottom, 34 + 15 * len(textwrap.wrap(_SPACES.sub(" ", str(source or "")).strip(), wrap) or [""]))
    fig.update_layout(
        title=dict(text=f"<b>{ptext(title)}</b>", x=0, xanchor="left", font=dict(size=17, color=INK)),
        font=dict(family=FONT, size=13, color=INK),
        template="plotly_white", height=height,
        margin=dict(l=10, r=30, t=56, b=bottom),
        paper_bgcolor="white", plot_bgcolor="white",
        hoverlabel=dict(bgcolor="white", font=dict(family=FONT, size=12), align="left"),
        separators=SEPARATORS.get(lang, SEPARATORS["fr"]),
    )
    fig.add_annotation(text=ptext(source, wrap), xref="paper", yref="paper", x=0, y=0, yshift=-bottom + 8,
                       xanchor="left", yanchor="bottom", showarrow=False, align="left",
                       font=dict(size=11, color=MUTED))
    return fig


def empty_figure(title: str, message: str, source: str, *, height: int = 320) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=ptext(message), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=14, color=MUTED))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title, source, height=height)


def latest_by(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The most recent row per key (by ``when_key``, then the larger value), quantified first.

    An unquantified statement is kept only where no number exists for the same key.
    """
    if df.empty:
        return df
    work = df.copy()
    work["_quantified"] = work["value"].notna() & (work["qualifier"] != "unquantified")
    work["_when"] = work.get("when_key", pd.Series("", index=work.index)).fillna("")
    work = work.sort_values(["_quantified", "_when", "value"], ascending=[False, False, False],
                            na_position="last")
    return work.drop_duplicates(keys).drop(columns=["_quantified", "_when"])


def source_label(row, lang: str, limit: int = 48) -> str:
    """``Titre de l'article (25 avr. 2024)`` for captions and bar labels (not escaped)."""
    title = truncate(row.get("article_title") or row.get("article_id") or "", limit)
    when = row.get("article_date")
    return f"{title} ({fmt_short_date(when, row.get('article_date_precision'), lang)})" if when else title


def sources_note(rows: pd.DataFrame, lang: str, limit: int = 4) -> str:
    labels = list(dict.fromkeys(source_label(r, lang) for r in rows.to_dict("records")))
    more = t("common.and_more", lang, n=len(labels) - limit) if len(labels) > limit else ""
    return t("common.sources", lang, sources="; ".join(labels[:limit]) + more) if labels else t(
        "common.sources", lang, sources="—")


def _country_tick(country: str, source: str) -> str:
    return f"<b>{ptext(country)}</b><br><span style='font-size:11px;color:{MUTED}'>{ptext(source)}</span>"


def needs_by_country_figure(rows: pd.DataFrame, lang: str, *, title: str, height: int | None = None,
                            wrap: int = 150) -> go.Figure:
    """Horizontal bars, one per country (its latest figure), the source article under each
    country name. A country with only an unquantified statement gets no bar but the words
    "chiffre non précisé": it is never drawn as a number."""
    if rows.empty:
        return empty_figure(title, t("needs.no_figures", lang), t("common.sources", lang, sources="—"),
                            height=height or 380)
    latest = latest_by(rows, ["country_iso3"])
    latest = latest.assign(_v=latest["value"].fillna(-1)).sort_values("_v")
    records = latest.to_dict("records")
    unquantified = [r["qualifier"] == "unquantified" or pd.isna(r["value"]) for r in records]
    ticks = [_country_tick(fmt_country(r["country_iso3"], lang), source_label(r, lang, 52)) for r in records]
    values = [0 if u else r["value"] for r, u in zip(records, unquantified)]
    hover = [
        "<b>{}</b><br>{}<br>{}: {}<br>{}: {}<br><i>« {} »</i>".format(
            ptext(fmt_country(r["country_iso3"], lang)),
            ptext(fmt_figure(r["value"], r["unit"], r["qualifier"], lang, compact=False)),
            ptext(t("common.indicator", lang)), ptext(fmt_indicator(r["indicator"], lang)),
            ptext(t("common.source", lang)), ptext(source_label(r, lang, 70)), ptext(r.get("quote"), 70))
        for r in records]
    fig = go.Figure(go.Bar(
        x=values, y=ticks, orientation="h", marker_color=BLUE, width=0.62,
        text=["" if u else ptext(fmt_figure(r["value"], None, r["qualifier"], lang)) for r, u in zip(records, unquantified)],
        textposition="outside", cliponaxis=False, textfont=dict(size=14, color=INK),
        hovertext=hover, hoverinfo="text"))
    for tick, u in zip(ticks, unquantified):
        if u:
            fig.add_annotation(x=0, y=tick, text=f"<i>{ptext(t('qualifier.unquantified', lang))}</i>", showarrow=False,
                               xanchor="left", xshift=6, font=dict(color=UNQUANTIFIED, size=14))
    top = max(values) if values else 0
    fig.update_xaxes(range=[0, (top or 1) * 1.18], showgrid=True, gridcolor="#eef1f5", zeroline=True,
                     tickformat="~s", title=None)
    fig.update_yaxes(title=None, automargin=True)
    fig.update_layout(showlegend=False)
    return _layout(fig, title, sources_note(latest, lang), height=height or max(300, 120 + 62 * len(records)),
                   wrap=wrap, lang=lang)


def indicators_by_country_figure(rows: pd.DataFrame, lang: str, *, title: str, height: int = 380,
                                 wrap: int = 150) -> go.Figure:
    """Grouped bars: country × indicator (people counts other than people in need)."""
    rows = rows[rows["value"].notna() & (rows["qualifier"] != "unquantified")] if not rows.empty else rows
    if rows.empty:
        return empty_figure(title, t("needs.no_other_figures", lang), t("common.sources", lang, sources="—"),
                            height=height)
    latest = latest_by(rows, ["country_iso3", "indicator"])
    fig = go.Figure()
    for i, (indicator, group) in enumerate(latest.groupby("indicator", sort=True)):
        records = group.to_dict("records")
        fig.add_bar(
            name=ptext(fmt_indicator(indicator, lang)),
            x=[fmt_country(r["country_iso3"], lang) for r in records],
            y=[r["value"] for r in records],
            text=[ptext(fmt_figure(r["value"], None, r["qualifier"], lang)) for r in records],
            textposition="outside", cliponaxis=False, marker_color=PALETTE[i % len(PALETTE)],
            hovertext=["<b>{}</b><br>{}<br>{}: {}<br><i>« {} »</i>".format(
                ptext(fmt_country(r["country_iso3"], lang)),
                ptext(fmt_figure(r["value"], r["unit"], r["qualifier"], lang, compact=False)),
                ptext(t("common.source", lang)), ptext(source_label(r, lang, 70)), ptext(r.get("quote"), 70))
                for r in records],
            hoverinfo="text",
        )
    fig.update_layout(barmode="group", legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"))
    fig.update_yaxes(tickformat="~s", gridcolor="#eef1f5", title=None)
    return _layout(fig, title, sources_note(latest, lang), height=height, wrap=wrap, lang=lang)


def timeline_lanes(events: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(placed, unplaced): events with a calendar interval, and those without (no year, unknown)."""
    if events.empty:
        return events, events
    intervals = [date_interval(d, p) for d, p in zip(events["date_start"], events["precision"])]
    placed_mask = pd.Series([i is not None for i in intervals], index=events.index)
    placed = events[placed_mask].copy()
    placed["start"] = [i[0] for i in intervals if i is not None]
    placed["end"] = [i[1] for i in intervals if i is not None]
    # an explicit end date widens the interval (multi-day forums)
    ends = [date_interval(e, None) for e in placed["date_end"]]
    placed["end"] = [max(end, e[1]) if e else end for end, e in zip(placed["end"], ends)]
    return placed.sort_values("start"), events[~placed_mask]


def date_ticks(start: date, end: date, lang: str, *, max_ticks: int = 12) -> tuple[list[str], list[str]]:
    """Tick positions and labels for a date axis, written in the reader's language
    (plotly's own month names are English)."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60, 120) if months / s <= max_ticks)
    current = date(start.year, 1 if step >= 12 else ((start.month - 1) // step) * step + 1, 1)
    values, labels = [], []
    while current <= end + timedelta(days=31):
        if current >= start - timedelta(days=31):
            values.append(current.isoformat())
            labels.append(str(current.year) if step >= 12 else
                          fmt_short_date(current.strftime("%Y-%m"), "month", lang))
        month = current.month - 1 + step
        current = date(current.year + month // 12, month % 12 + 1, 1)
    return values, labels


def timeline_figure(events: pd.DataFrame, lang: str, *, title: str, height: int = 460,
                    max_events: int = 30) -> go.Figure:
    """Events on a time axis, each drawn as precisely as its date is known:
    a dot for a day, a bar across the month or year otherwise (legend says which).
    At most ``max_events`` lanes (the most recent); the caption says how many are left out."""
    placed, _unplaced = timeline_lanes(events)
    if placed.empty:
        return empty_figure(title, t("timeline.no_dated", lang), t("common.sources", lang, sources="—"),
                            height=height)
    total = len(placed)
    placed = placed.sort_values("start", ascending=False).head(max_events).sort_values("start").reset_index(drop=True)
    names = [ptext(truncate(r.get("title") or fmt_kind("event", r.get("kind"), lang), 46))
             for r in placed.to_dict("records")]
    # unique y labels even when two events share a title
    seen: dict[str, int] = {}
    ylabels = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        ylabels.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    fig = go.Figure()
    for precision in ("day", "month", "year"):
        idx = [i for i, p in enumerate(placed["precision"]) if p == precision]
        if not idx:
            continue
        label = t(f"timeline.precision.{precision}", lang)
        hover = []
        for i in idx:
            r = placed.iloc[i]
            hover.append("<b>{}</b><br>{}<br>{}<br>{}: {}<br><i>« {} »</i>".format(
                ptext(r.get("title") or fmt_kind("event", r.get("kind"), lang), 70),
                ptext(fmt_date(r["date_start"], r["precision"], lang)),
                ptext(", ".join(x for x in (r.get("place") or "", fmt_country(r.get("country_iso3"), lang)
                                            if r.get("country_iso3") else "") if x)),
                ptext(t("common.source", lang)), ptext(source_label(r, lang, 60)), ptext(r.get("quote"), 70)))
        if precision == "day":
            fig.add_scatter(x=[placed.loc[i, "start"] for i in idx], y=[ylabels[i] for i in idx],
                            mode="markers+text", textposition="top center", cliponaxis=False,
                            text=[ptext(fmt_short_date(placed.loc[i, "date_start"], "day", lang)) for i in idx],
                            textfont=dict(size=11, color=MUTED), name=label, marker=dict(size=13, color=PRECISION_COLORS[precision],
                                                    line=dict(color="white", width=1.5)),
                            hovertext=hover, hoverinfo="text")
        else:
            fig.add_bar(
                base=[placed.loc[i, "start"].isoformat() for i in idx],
                x=[(placed.loc[i, "end"] - placed.loc[i, "start"] + timedelta(days=1)).days * 86400000 for i in idx],
                y=[ylabels[i] for i in idx], orientation="h", name=label, width=0.45,
                marker=dict(color=PRECISION_COLORS[precision], opacity=0.45,
                            line=dict(color=PRECISION_COLORS[precision], width=1.5)),
                hovertext=hover, hoverinfo="text")
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(ylabels)), title=None, automargin=True,
                     showgrid=True, gridcolor="#f1f3f7")
    first, last = min(placed["start"]), max(placed["end"])
    pad = timedelta(days=max(20, (last - first).days // 20))
    tickvals, ticktext = date_ticks(first - pad, last + pad, lang)
    fig.update_xaxes(type="date", title=None, gridcolor="#e6eaf0", tickvals=tickvals, ticktext=ticktext,
                     range=[(first - pad).isoformat(), (last + pad).isoformat()])
    fig.update_layout(legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"),
                      barmode="overlay")
    note = sources_note(placed, lang)
    if total > len(placed):
        note = t("timeline.capped", lang, shown=len(placed), total=fmt_number(total, lang)) + " " + note
    return _layout(fig, title, note, height=height, lang=lang)


def actors_figure(actors: pd.DataFrame, lang: str, *, title: str, top: int = 12, height: int | None = None) -> go.Figure:
    """The most mentioned actors: number of articles (then mentions), one colour per kind."""
    if actors.empty:
        return empty_figure(title, t("actors.none", lang), t("common.sources", lang, sources="—"), height=height or 320)
    ranked = actors.sort_values(["article_count", "mention_count", "name"], ascending=[False, False, True]).head(top)
    ranked = ranked.assign(_label=[ptext(truncate(n, 38)) for n in ranked["name"]])
    order = list(reversed(ranked["_label"].tolist()))
    fig = go.Figure()
    for i, kind in enumerate(("person", "organization", "facility")):
        part = ranked[ranked["kind"] == kind]
        if part.empty:
            continue
        fig.add_bar(
            x=part["article_count"], y=part["_label"], orientation="h", name=ptext(fmt_kind("actor", kind, lang)),
            marker_color=PALETTE[i], width=0.62,
            text=[ptext(t("actors.bar_label", lang, articles=fmt_number(a, lang), mentions=fmt_number(m, lang)))
                  for a, m in zip(part["article_count"], part["mention_count"])],
            textposition="outside", cliponaxis=False,
            hovertext=["<b>{}</b><br>{}<br>{}".format(ptext(n, 60), ptext(fmt_kind("actor", k, lang)),
                                                      ptext(r or "", 60))
                       for n, k, r in zip(part["name"], part["kind"], part["role"])],
            hoverinfo="text")
    fig.update_xaxes(title=None, gridcolor="#eef1f5", range=[0, max(ranked["article_count"].max(), 1) * 2.1],
                     dtick=1 if ranked["article_count"].max() <= 10 else None)
    fig.update_yaxes(title=None, automargin=True, categoryorder="array", categoryarray=order)
    fig.update_layout(barmode="overlay",
                      legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"))
    return _layout(fig, title, t("actors.source_note", lang, n=fmt_number(len(actors), lang)),
                   height=height or max(300, 140 + 40 * len(ranked)), wrap=90, lang=lang)
