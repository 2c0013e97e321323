"""Pure plotly builders: a table in, a go.Figure out (title and source caption included,
so an exported PNG carries them). No Streamlit here.

Every chart fits its box (``width``: its CSS pixels at 1920×1080): the source caption is
wrapped to that width (dashboard.textfit), a legend sits in its own band between the title
and the plot (never on the title), very unequal values get a cut scale (the tallest bar
marked as cut, its value written) or small multiples (one panel per indicator or country,
each with its own scale). A figure with no country reads "Région / plusieurs pays".

Plotly reads ``<b>``, ``<br>`` and ``<a>`` in text, so every value from an article goes
through ``ptext`` (``<``, ``>``, ``&`` escaped; plotly shows the entities as characters).
"""
from __future__ import annotations

import html
import math
import re
import textwrap
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from dashboard.textfit import text_width, wrap
from presentation.dates import date_interval
from presentation.formatting import (
    fmt_country,
    fmt_date,
    fmt_figure,
    fmt_indicator,
    fmt_kind,
    fmt_number,
    fmt_period,
    fmt_short_date,
    fmt_source,
    is_missing,
    truncate,
)
from presentation.i18n import t, tn

FONT = "Source Sans, Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"
INK = "#14213d"
MUTED = "#5b6475"
BLUE = "#1f5fa8"
ORANGE = "#e07b39"
UNQUANTIFIED = "#b07aa1"
PALETTE = ("#1f5fa8", "#e07b39", "#3a923a", "#b07aa1", "#c0392b", "#17becf", "#8c6d31", "#7f7f7f")
PRECISION_COLORS = {"day": "#1f5fa8", "month": "#e07b39", "year": "#3a923a"}
PEOPLE_INDICATORS = ("people_in_need", "affected", "targeted", "reached", "idps", "refugees",
                     "returnees", "food_insecure")
OTHER_PEOPLE_INDICATORS = PEOPLE_INDICATORS[1:]  # the second Besoins chart: all but people in need
DEFAULT_WIDTH = 1460  # a full-width chart's box at 1920×1080 (dashboard.ui.FULL_WIDTH)
MARGIN_L, MARGIN_R = 10, 30
PANEL_BARS = 8  # the largest countries of each small-multiple panel
CUT = 4.0  # a bar more than CUT times the next one is cut (its value written, the scale kept for the others)


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
SOURCE_SIZE = 11
TITLE_SIZE = 17
LEGEND_SIZE = 13


def country_label(iso3, lang: str) -> str:
    """A country's name; a figure about no single country reads "Région / plusieurs pays"."""
    return t("chart.multi_country", lang) if is_missing(iso3) else fmt_country(iso3, lang)


def source_lines(source: str, width: int) -> list[str]:
    """The source caption broken to the chart's width (never cut on the right)."""
    return wrap(_SPACES.sub(" ", str(source or "")).strip(), width - MARGIN_L - MARGIN_R - 6, SOURCE_SIZE) or [""]


def legend_rows(names: list[str], width: int) -> int:
    """How many rows a horizontal legend of ``names`` takes in a chart ``width`` pixels wide."""
    if not names:
        return 0
    rows, x, room = 1, 0.0, width - MARGIN_L - MARGIN_R
    for name in names:
        item = text_width(html.unescape(re.sub(r"<[^>]+>", "", name)), LEGEND_SIZE) + 46
        if x and x + item > room:
            rows, x = rows + 1, 0.0
        x += item
    return rows


def _legend_names(fig: go.Figure) -> list[str]:
    names, seen = [], set()
    for trace in fig.data:
        if trace.showlegend is False or not trace.name:
            continue
        key = trace.legendgroup or trace.name
        if key not in seen:
            seen.add(key)
            names.append(trace.name)
    return names


TITLE_BAND = 46  # pixels from the top of the chart taken by its title


def label_margin(labels, size: float = 13, *, bold: bool = False, small: list[str] | None = None) -> int:
    """The left margin that holds the y-axis ``labels`` (and the ``small`` 11 px lines under them)."""
    widest = max([text_width(html.unescape(str(x)), size, bold) for x in labels] or [0])
    if small:
        widest = max(widest, max(text_width(html.unescape(str(x)), 11) for x in small))
    return int(MARGIN_L + widest + 14)


def _layout(fig: go.Figure, title: str, source: str, *, height: int, width: int = DEFAULT_WIDTH,
            bottom: int = 40, lang: str = "fr", panel_titles: bool = False, left: int | None = None) -> go.Figure:
    """Title at the top, the legend (if any) in its own band under it, the plot (``height``
    pixels, plus the legend's band), then the x-axis labels and the source caption wrapped to
    the chart's ``width`` from its left edge. ``panel_titles``: small multiples carry a title
    above their top row; ``left``: the left margin holding the y-axis labels (label_margin),
    measured so that the caption, placed from the plot's left edge, starts at the chart's."""
    left = left or MARGIN_L
    if left > MARGIN_L:
        fig.update_yaxes(automargin=False)
    lines = source_lines(source, width)
    bottom = max(bottom, 36 + 15 * len(lines))
    names = _legend_names(fig) if fig.layout.showlegend is not False else []
    rows = legend_rows(names, width)
    band = 24 * rows + 8 if rows else 0
    top = TITLE_BAND + 6 + band + (22 if panel_titles else 0)
    total = height + top - 50
    fig.update_layout(
        title=dict(text=f"<b>{ptext(title)}</b>", x=0, xanchor="left", xref="container", y=1, yref="container",
                   yanchor="top", pad=dict(t=12, l=MARGIN_L), font=dict(size=TITLE_SIZE, color=INK)),
        font=dict(family=FONT, size=13, color=INK),
        template="plotly_white", height=total,
        margin=dict(l=left, r=MARGIN_R, t=top, b=bottom),
        paper_bgcolor="white", plot_bgcolor="white",
        hoverlabel=dict(bgcolor="white", font=dict(family=FONT, size=12), align="left"),
        separators=SEPARATORS.get(lang, SEPARATORS["fr"]),
    )
    if rows:  # under the title, above the plot (and its panels' titles)
        fig.update_layout(showlegend=True, legend=dict(
            orientation="h", x=0, xanchor="left", xref="container", y=1 - TITLE_BAND / total, yanchor="top",
            yref="container", font=dict(size=LEGEND_SIZE), bgcolor="rgba(255,255,255,0)"))
    fig.add_annotation(text="<br>".join(html.escape(line, quote=False) for line in lines), xref="paper",
                       yref="paper", x=0, y=0, xshift=-(left - MARGIN_L), yshift=-bottom + 8, xanchor="left",
                       yanchor="bottom", showarrow=False, align="left", font=dict(size=SOURCE_SIZE, color=MUTED),
                       name="source")
    return fig


def empty_figure(title: str, message: str, source: str, *, height: int = 320, width: int = DEFAULT_WIDTH) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=ptext(message), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=14, color=MUTED))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(showlegend=False)
    return _layout(fig, title, source, height=height, width=width)


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
    """*media, title, date* for captions and bar labels (not escaped; never a file name)."""
    return fmt_source(row, lang, limit=limit)


def sources_note(rows: pd.DataFrame, lang: str, limit: int = 4) -> str:
    labels = list(dict.fromkeys(source_label(r, lang) for r in rows.to_dict("records")))
    more = tn("common.and_more", len(labels) - limit, lang) if len(labels) > limit else ""
    return t("common.sources", lang, sources="; ".join(labels[:limit]) + more) if labels else t(
        "common.sources", lang, sources="—")


def bar_scale(values: list[float]) -> tuple[float, list[float], list[bool]]:
    """(axis end, lengths drawn, cut?) for bars of ``values``: when the largest is more than
    ``CUT`` times the next, the axis ends a little beyond the next one and the largest is drawn
    to the end, marked as cut, so that one 30 M bar does not flatten the rest."""
    quantified = sorted((v for v in values if v and v > 0), reverse=True)
    top = quantified[0] if quantified else 0
    if len(quantified) >= 2 and quantified[1] > 0 and top > CUT * quantified[1]:
        length = quantified[1] * 1.8  # clearly the longest, and room after it for its value
        return length * 1.3, [min(v, length) for v in values], [v > length for v in values]
    end = (top or 1) * 1.22
    return end, list(values), [False] * len(values)


def _country_tick(country: str, source: str) -> str:
    return f"<b>{ptext(country)}</b><br><span style='font-size:11px;color:{MUTED}'>{ptext(source)}</span>"


PRESS_LANE, OFFICIAL_LANE = 0.15, -0.27  # with official figures: each country's row holds two lanes
PRESS_LABEL_SIZE, OFFICIAL_LABEL_SIZE, DIAMOND_SIZE = 14, 12, 15


def needs_by_country_figure(rows: pd.DataFrame, lang: str, *, title: str, height: int | None = None,
                            width: int = DEFAULT_WIDTH) -> go.Figure:
    """Horizontal bars, one per country (its national figure, dashboard.views.needs_by_country),
    the source under each country name. A country with only an unquantified statement gets no
    bar but the words "chiffre non précisé"; a bar far taller than the others is cut.

    Where an official (imported) figure exists, each country's row holds two lanes: the press
    bar and its value label above, the official diamond and its value below, so that a diamond
    never sits on a value label whatever the two figures. Rows are at y = 0, 1, … (the country
    names as tick labels), bars at y + PRESS_LANE, diamonds at y + OFFICIAL_LANE."""
    if rows.empty:
        return empty_figure(title, t("needs.no_figures", lang), t("common.sources", lang, sources="—"),
                            height=height or 380, width=width)
    latest = latest_by(rows, ["country_iso3"])
    latest = latest.assign(_v=latest["value"].fillna(-1)).sort_values("_v")
    records = latest.to_dict("records")
    unquantified = [r["qualifier"] == "unquantified" or pd.isna(r["value"]) for r in records]
    ticks = [_country_tick(country_label(r["country_iso3"], lang), source_label(r, lang, 52)) for r in records]
    values = [0 if u else float(r["value"]) for r, u in zip(records, unquantified)]
    end, drawn, cut = bar_scale(values)
    official = [(k, r) for k, r in enumerate(records) if not is_missing(r.get("official_value"))]
    lanes = bool(official)
    press_y = [k + (PRESS_LANE if lanes else 0) for k in range(len(records))]
    hover = [
        "<b>{}</b><br>{}<br>{}: {}<br>{}: {}<br><i>« {} »</i>".format(
            ptext(country_label(r["country_iso3"], lang)),
            ptext(fmt_figure(r["value"], r["unit"], r["qualifier"], lang, compact=False)),
            ptext(t("common.indicator", lang)), ptext(fmt_indicator(r["indicator"], lang)),
            ptext(t("common.source", lang)), ptext(source_label(r, lang, 70)), ptext(r.get("quote"), 70))
        for r in records]
    fig = go.Figure(go.Bar(
        x=drawn, y=press_y, orientation="h", marker_color=BLUE, width=0.42 if lanes else 0.62,
        marker_pattern_shape=["/" if c else "" for c in cut], marker_pattern_fgcolor="white",
        text=["" if u else ptext(fmt_figure(r["value"], None, r["qualifier"], lang)) + (" ▸" if c else "")
              for r, u, c in zip(records, unquantified, cut)],
        textposition="outside", cliponaxis=False, textfont=dict(size=PRESS_LABEL_SIZE, color=INK), hovertext=hover,
        hoverinfo="text"))
    if official:  # the imported official figure in its own lane under the press bar, on the same scale
        fig.data[0].update(name=ptext(t("trend.press", lang)), showlegend=True)
        xs = [min(float(r["official_value"]), end * 0.97) for _k, r in official]
        labels = [ptext(fmt_figure(r["official_value"], None, r.get("official_qualifier"), lang))
                  + (" ▸" if float(r["official_value"]) > x else "") for x, (_k, r) in zip(xs, official)]  # beyond the scale
        plot_width = width - label_margin_of(records, lang) - MARGIN_R
        fig.add_scatter(
            x=xs, y=[k + OFFICIAL_LANE for k, _r in official], text=labels,
            # the value beside its diamond, on the side with room for it
            textposition=["middle left" if x / end * plot_width + DIAMOND_SIZE + text_width(html.unescape(lb),
                          OFFICIAL_LABEL_SIZE) > plot_width else "middle right" for x, lb in zip(xs, labels)],
            textfont=dict(size=OFFICIAL_LABEL_SIZE, color=ORANGE), cliponaxis=False,
            mode="markers+text", name=ptext(t("trend.official", lang)), showlegend=True,
            marker=dict(symbol="diamond", size=DIAMOND_SIZE, color=ORANGE, line=dict(color="white", width=1.5)),
            hovertext=["<b>{}</b><br>{}<br>{}".format(
                ptext(country_label(r["country_iso3"], lang)),
                ptext(fmt_figure(r["official_value"], "people", r.get("official_qualifier"), lang, compact=False)),
                ptext(t("scope.official_source", lang, source=fmt_source(
                    {"source_kind": "import", "source_name": r.get("official_source"),
                     "reference_date": r.get("official_reference_date"),
                     "reference_precision": r.get("official_reference_precision"),
                     "reference_end_date": r.get("official_reference_end_date")}, lang))))
                for _k, r in official], hoverinfo="text")
    for y, u in zip(press_y, unquantified):
        if u:
            fig.add_annotation(x=0, y=y, text=f"<i>{ptext(t('qualifier.unquantified', lang))}</i>", showarrow=False,
                               xanchor="left", xshift=6, font=dict(color=UNQUANTIFIED, size=14))
    fig.update_xaxes(range=[0, end], showgrid=True, gridcolor="#eef1f5", zeroline=True, tickformat="~s", title=None)
    fig.update_yaxes(title=None, automargin=True, tickmode="array", tickvals=list(range(len(records))),
                     ticktext=ticks, range=[-0.5, len(records) - 0.5], showgrid=False, zeroline=False)
    fig.update_layout(showlegend=bool(official))
    note = sources_note(latest, lang)
    if any(cut):
        note = t("chart.scale_cut", lang) + " " + note
    row = 74 if lanes else 62
    return _layout(fig, title, note, height=height or max(300, 120 + row * len(records)), width=width, lang=lang,
                   left=label_margin_of(records, lang))


def label_margin_of(records: list[dict], lang: str) -> int:
    """The left margin of the people-in-need chart: its country names (bold) over their sources."""
    return label_margin([country_label(r["country_iso3"], lang) for r in records], bold=True,
                        small=[source_label(r, lang, 52) for r in records])


def indicators_by_country_figure(rows: pd.DataFrame, lang: str, *, title: str, height: int | None = None,
                                 width: int = DEFAULT_WIDTH) -> go.Figure:
    """Small multiples: one panel per indicator (people counts other than people in need), a bar
    per country, each panel with its own scale, so that 2 M displaced people and 5 000
    returnees both read."""
    from plotly.subplots import make_subplots

    rows = rows[rows["value"].notna() & (rows["qualifier"] != "unquantified")] if not rows.empty else rows
    if rows.empty:
        return empty_figure(title, t("needs.no_other_figures", lang), t("common.sources", lang, sources="—"),
                            height=height or 380, width=width)
    latest = latest_by(rows, ["country_iso3", "indicator"])
    order = [i for i in PEOPLE_INDICATORS if i in set(latest["indicator"])] + sorted(
        set(latest["indicator"]) - set(PEOPLE_INDICATORS))
    panels = [latest[latest["indicator"] == i].sort_values("value").tail(PANEL_BARS) for i in order]
    hidden = sum(max((latest["indicator"] == i).sum() - PANEL_BARS, 0) for i in order)
    sizes = [len(p) for p in panels]
    fig = make_subplots(rows=len(order), cols=1, subplot_titles=[ptext(fmt_indicator(i, lang)) for i in order],
                        row_heights=[n + 1.2 for n in sizes], vertical_spacing=min(0.12, 0.5 / len(order)))
    for k, (indicator, panel) in enumerate(zip(order, panels), start=1):
        records = panel.to_dict("records")
        end, drawn, cut = bar_scale([float(r["value"]) for r in records])
        fig.add_bar(
            row=k, col=1, x=drawn, y=[ptext(country_label(r["country_iso3"], lang)) for r in records], orientation="h",
            marker_color=PALETTE[k % len(PALETTE)], width=0.6, showlegend=False, name=ptext(fmt_indicator(indicator, lang)),
            marker_pattern_shape=["/" if c else "" for c in cut], marker_pattern_fgcolor="white",
            text=[ptext(fmt_figure(r["value"], None, r["qualifier"], lang)) + (" ▸" if c else "")
                  for r, c in zip(records, cut)],
            textposition="outside", cliponaxis=False, textfont=dict(size=12, color=INK),
            hovertext=["<b>{}</b><br>{}<br>{}: {}<br><i>« {} »</i>".format(
                ptext(country_label(r["country_iso3"], lang)),
                ptext(fmt_figure(r["value"], r["unit"], r["qualifier"], lang, compact=False)),
                ptext(t("common.source", lang)), ptext(source_label(r, lang, 70)), ptext(r.get("quote"), 70))
                for r in records],
            hoverinfo="text")
        fig.update_xaxes(row=k, col=1, range=[0, end], tickformat="~s", gridcolor="#eef1f5", title=None)
        fig.update_yaxes(row=k, col=1, automargin=True, title=None)
    for annotation in fig.layout.annotations:  # panel titles: left, above their panel
        annotation.update(x=0, xanchor="left", font=dict(size=13, color=INK))
    fig.update_layout(showlegend=False)
    left = label_margin([country_label(c, lang) for c in latest["country_iso3"]])
    note = sources_note(latest, lang)
    if hidden:
        note = t("chart.panel_capped", lang, n=PANEL_BARS,
                 hidden=tn("count.others", hidden, lang, n=fmt_number(hidden, lang))) + " " + note
    return _layout(fig, title, note, height=height or 60 + sum(46 + 30 * n for n in sizes),
                   width=width, lang=lang, panel_titles=True, left=left)


# --------------------------------------------------------------------------- trends

TREND_COLUMNS = ("country_iso3", "indicator", "value", "qualifier", "start", "end", "x", "kind", "href", "source",
                 "period", "quote")


def trend_points(figures: pd.DataFrame, indicator: str, lang: str, *, href=None) -> pd.DataFrame:
    """The national figures of ``indicator`` (people counted as a whole, a stated number and a
    reference period): one point per figure at the middle of its period, ``kind`` press
    (``article``) or official (``import``), ``href`` its passage (``href(row)``)."""
    from dashboard.discrepancies import reference_period

    if figures.empty:
        return pd.DataFrame(columns=list(TREND_COLUMNS))
    rows = figures[(figures["indicator"] == indicator) & figures["value"].notna()
                   & (figures["qualifier"] != "unquantified")]
    if "admin_level" in rows.columns:
        rows = rows[rows["admin_level"].fillna("") == "0"]
    if "population_group" in rows.columns:
        rows = rows[rows["population_group"].fillna("people") == "people"]
    out = []
    for r in rows.to_dict("records"):
        period = reference_period(r)
        if period is None or is_missing(r.get("country_iso3")):
            continue
        start, end = period
        kind = "import" if r.get("source_kind") == "import" else "article"
        out.append({"country_iso3": r["country_iso3"], "indicator": indicator, "value": float(r["value"]),
                    "qualifier": r.get("qualifier"), "start": start, "end": end, "x": start + (end - start) / 2,
                    "kind": kind, "href": href(r) if href and kind == "article" else None,
                    "source": fmt_source(r, lang, limit=80),
                    "period": fmt_period(start.isoformat(), "day", lang, end=end.isoformat()),
                    "quote": r.get("quote")})
    return pd.DataFrame(out, columns=list(TREND_COLUMNS)).sort_values(["country_iso3", "x"]).reset_index(drop=True)


def trends_figure(points: pd.DataFrame, lang: str, *, title: str, width: int = DEFAULT_WIDTH,
                  max_countries: int = 6) -> go.Figure:
    """Figures over time, one panel per country (those with the most points), each with its own
    scale: one line for the press, one for official figures (an official figure spans its
    period), each point linked to its passage (``customdata``: clicked, the live chart opens it)."""
    from plotly.subplots import make_subplots

    if points.empty:
        return empty_figure(title, t("trend.none", lang), t("common.sources", lang, sources="—"), height=300,
                            width=width)
    counts = points.groupby("country_iso3").size().sort_values(ascending=False, kind="stable")
    countries = list(counts.index[:max_countries])
    cols = 3 if width >= 1100 and len(countries) >= 3 else (2 if len(countries) >= 2 else 1)
    n_rows = math.ceil(len(countries) / cols)
    fig = make_subplots(rows=n_rows, cols=cols, subplot_titles=[ptext(country_label(c, lang)) for c in countries],
                        horizontal_spacing=0.08, vertical_spacing=0.22 if n_rows > 1 else 0.1)
    first, last = min(points["start"]), max(points["end"])
    pad = timedelta(days=max(30, (last - first).days // 15))
    tickvals, ticktext = date_ticks(first - pad, last + pad, lang, max_ticks=max(3, 10 // cols))
    styles = {"article": dict(name=t("trend.press", lang), color=BLUE, symbol="circle", dash="solid"),
              "import": dict(name=t("trend.official", lang), color=ORANGE, symbol="diamond", dash="dot")}
    shown_in_legend: set[str] = set()
    for k, country in enumerate(countries):
        row, col = k // cols + 1, k % cols + 1
        here = points[points["country_iso3"] == country]
        for kind, style in styles.items():
            part = here[here["kind"] == kind]
            if part.empty:
                continue
            hover = ["<b>{}</b><br>{}<br>{}<br><i>« {} »</i>{}".format(
                ptext(fmt_figure(r["value"], "people", r["qualifier"], lang, compact=False)), ptext(r["period"]),
                ptext(r["source"]), ptext(r["quote"], 70), f"<br>{ptext(t('trend.click', lang))}" if r["href"] else "")
                for r in part.to_dict("records")]
            fig.add_scatter(row=row, col=col, x=[d.isoformat() for d in part["x"]], y=list(part["value"]),
                            mode="lines+markers", name=ptext(style["name"]), legendgroup=kind,
                            showlegend=kind not in shown_in_legend,
                            customdata=[h if isinstance(h, str) else None for h in part["href"]],
                            line=dict(color=style["color"], dash=style["dash"], width=2),
                            marker=dict(color=style["color"], symbol=style["symbol"], size=9,
                                        line=dict(color="white", width=1)),
                            hovertext=hover, hoverinfo="text")
            shown_in_legend.add(kind)
            if kind == "import":  # an official figure covers its period: drawn across it
                xs, ys = [], []
                for r in part.to_dict("records"):
                    xs += [r["start"].isoformat(), r["end"].isoformat(), None]
                    ys += [r["value"], r["value"], None]
                fig.add_scatter(row=row, col=col, x=xs, y=ys, mode="lines", showlegend=False, legendgroup=kind,
                                line=dict(color=style["color"], width=5), opacity=0.35, hoverinfo="skip")
        top = here["value"].max()
        fig.update_yaxes(row=row, col=col, range=[0, top * 1.25], tickformat="~s", gridcolor="#eef1f5", title=None)
        fig.update_xaxes(row=row, col=col, type="date", range=[(first - pad).isoformat(), (last + pad).isoformat()],
                         tickvals=tickvals, ticktext=ticktext, gridcolor="#f1f3f7", title=None)
    for annotation in fig.layout.annotations:
        annotation.update(font=dict(size=14, color=INK))
    sources = list(dict.fromkeys(points["source"]))
    note = t("trend.note", lang) + " " + t("common.sources", lang, sources="; ".join(sources[:4]) + (
        tn("common.and_more", len(sources) - 4, lang) if len(sources) > 4 else ""))
    return _layout(fig, title, note, height=80 + 250 * n_rows, width=width, lang=lang, panel_titles=True,
                   left=MARGIN_L + 46)


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
                    max_events: int = 30, width: int = DEFAULT_WIDTH) -> go.Figure:
    """Events on a time axis, each drawn as precisely as its date is known:
    a dot for a day, a bar across the month or year otherwise (legend says which).
    At most ``max_events`` lanes (the most recent); the caption says how many are left out."""
    placed, _unplaced = timeline_lanes(events)
    if placed.empty:
        return empty_figure(title, t("timeline.no_dated", lang), t("common.sources", lang, sources="—"),
                            height=height, width=width)
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
                            mode="markers+text", textposition="middle right", cliponaxis=False,
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
    fig.update_layout(barmode="overlay")
    note = sources_note(placed, lang)
    if total > len(placed):
        note = t("timeline.capped", lang, shown=len(placed), total=fmt_number(total, lang)) + " " + note
    return _layout(fig, title, note, height=height, width=width, lang=lang, left=label_margin(ylabels))


def actors_figure(actors: pd.DataFrame, lang: str, *, title: str, top: int = 12, height: int | None = None,
                  width: int = DEFAULT_WIDTH) -> go.Figure:
    """The most mentioned actors: number of articles (then mentions), one colour per kind."""
    if actors.empty:
        return empty_figure(title, t("actors.none", lang), t("common.sources", lang, sources="—"), height=height or 320,
                            width=width)
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
            text=[ptext(t("actors.bar_label", lang, articles=fmt_number(a, lang),
                             mentions=tn("count.mentions", m, lang, n=fmt_number(m, lang))))
                  for a, m in zip(part["article_count"], part["mention_count"])],
            textposition="outside", cliponaxis=False,
            hovertext=["<b>{}</b><br>{}<br>{}".format(ptext(n, 60), ptext(fmt_kind("actor", k, lang)),
                                                      ptext(r or "", 60))
                       for n, k, r in zip(part["name"], part["kind"], part["role"])],
            hoverinfo="text")
    fig.update_xaxes(title=None, gridcolor="#eef1f5", range=[0, max(ranked["article_count"].max(), 1) * 2.1],
                     dtick=1 if ranked["article_count"].max() <= 10 else None)
    fig.update_yaxes(title=None, automargin=True, categoryorder="array", categoryarray=order)
    fig.update_layout(barmode="overlay")
    return _layout(fig, title, t("actors.source_note", lang, n=fmt_number(len(actors), lang)),
                   height=height or max(300, 140 + 40 * len(ranked)), width=width, lang=lang,
                   left=label_margin(ranked["_label"]))
