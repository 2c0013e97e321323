"""The briefing pack: one click, a PowerPoint and a PDF of the same slides, in French or English.

Slides: title (date, active filters), people in need (map and key figures), people in need
by country (the Besoins page's chart, as a native PowerPoint chart a reader can restyle), decision
tracker (counts by status, overdue and stalled items, recent decisions), recent events, and the
sources (every article the pack draws on). Each slide's speaker notes name the sources of what it
shows (title, outlet, date, address); the file's properties name the pack and the app. Names, numbers and dates come from the app's own builders and formatters
(dashboard.briefing, presentation.formatting, dashboard.charts), so the pack reads exactly
like the screens.

Images are drawn offline by kaleido 1.x in Debian Chromium (its sync server is started once per
process, with MathJax off: nothing is fetched): the chart, and the map, laid out by
dashboard.maps (the same spec and colour rule as the app's maps) with its legend, numbered
list and caption. No Streamlit here; ``build_briefing`` reports progress
through a callback and raises ``BriefingError`` with a message saying what failed.
"""
from __future__ import annotations

import io
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard import briefing, charts, maps, views
from dashboard.filters import Filters, filter_view

# CHROMIUM_ENV and find_chromium stay importable from here (the pack's API)
from dashboard.kaleido_export import CHROMIUM_ENV, chart_image, find_chromium, svg_png  # noqa: F401
from dashboard.slides import (
    BLUE,
    CARD,
    INK,
    MARGIN,
    MUTED,
    SLIDE_H,
    SLIDE_W,
    Chart,
    DeckInfo,
    Grid,
    Picture,
    Rect,
    Slide,
    TextBox,
    para,
    pdf_bytes,
    pptx_bytes,
)
from presentation.formatting import fmt_country, fmt_date, fmt_figure, fmt_kind, fmt_number, is_missing, truncate
from presentation.i18n import t, tn

Progress = Callable[[float, str], None]
BODY_W = SLIDE_W - 2 * MARGIN
BODY_TOP = 1.35
N_CARDS, N_ATTENTION, N_DECISIONS, N_EVENTS, N_SOURCES = 4, 4, 4, 8, 11
N_SOURCE_SLIDES = 4  # a pack over 2,000 articles stays a briefing: the newest sources, then a count of the rest


class BriefingError(RuntimeError):
    """The pack could not be produced; the message says what failed, in the pack's language."""


@dataclass
class BriefingPack:
    pptx: bytes
    pdf: bytes
    slides: list[Slide]
    file_stem: str
    seconds: float
    step_seconds: dict[str, float] = field(default_factory=dict)
    article_ids: list[str] = field(default_factory=list)
    map_svg: str | None = None  # the slide's map as drawn (dashboard.maps), before it became a PNG


# --------------------------------------------------------------------------- content (pure)

def filtered_views(tables: Mapping[str, pd.DataFrame], filters: Filters) -> dict[str, pd.DataFrame]:
    """The views the pack shows, filtered exactly as the overview page filters them."""
    return {
        "figures": filter_view("figures", tables["figures"], filters),
        "decisions": filter_view("decisions", tables["decisions"], filters),
        "events": filter_view("events", tables["events"], filters),
        "articles": tables["articles"],
    }


def used_articles(articles: pd.DataFrame, *frames: pd.DataFrame) -> pd.DataFrame:
    """The articles the rows of ``frames`` come from, newest first (undated last), then by title."""
    ids = set()
    for frame in frames:
        if frame is not None and "article_id" in frame.columns:
            ids.update(frame["article_id"].dropna())
    used = articles[articles["article_id"].isin(ids)].copy()
    if used.empty:
        return used
    from presentation.dates import sort_key

    used["_key"] = [sort_key(d, p) for d, p in zip(used["published_date"], used["published_precision"])]
    used["_title"] = used["title"].fillna(used["source_file"]).fillna("")
    return used.sort_values(["_key", "_title"], ascending=[False, True]).drop(columns=["_key", "_title"])


def tracker_rows(decisions: pd.DataFrame, *, engine=None) -> tuple[pd.DataFrame | None, str | None]:
    """The tracker's rows for these decisions (not orphaned), or (None, why) when the
    tracker cannot be read: the pack then counts decisions by kind."""
    try:
        from tracker import service

        return service.tracker_frame(decisions, include_orphaned=False, engine=engine), None
    except Exception as exc:  # a tracker outage must not stop the briefing
        return None, f"{type(exc).__name__}: {exc}"


def recent_decisions(decisions: pd.DataFrame, n: int) -> pd.DataFrame:
    """Most recent first, in the order of the overview's "recent decisions"."""
    if decisions.empty:
        return decisions
    return decisions.sort_values(["when_key", "article_date"], ascending=False, na_position="last").head(n)


def status_of(tracked: pd.DataFrame | None) -> dict[str, str]:
    if tracked is None or tracked.empty:
        return {}
    return dict(zip(tracked["decision_id"], tracked["status"]))


# --------------------------------------------------------------------------- images

MAP_BOX = (7.6, 5.55)  # inches on the slide: the map with its legend, numbered list and caption
MAP_WIDTH = 800  # CSS pixels the map is laid out in (about 105 per inch on the slide)


def need_map(countries: dict, shown: Mapping[str, pd.DataFrame], lang: str, *, focus=(),
             places: pd.DataFrame | None = None) -> maps.MapSpec:
    """The overview's map for the slide: national figures, local figures and events from the
    same spec and colour rule as every map of the app (dashboard.maps)."""
    figures = shown["figures"]
    return maps.build_map(countries, lang, needs=views.needs_by_country(figures),
                          local=maps.local_points(views.local_needs(figures), lang, places=places),
                          events=maps.event_points(shown["events"], lang, places=places, countries=countries),
                          focus=focus, width=MAP_WIDTH, min_height=380,
                          max_height=int(MAP_WIDTH * MAP_BOX[1] / MAP_BOX[0]) - 150, event_labels=4)


def map_png_of(spec: maps.MapSpec, chromium: str, *, scale: int = 3) -> tuple[bytes, str]:
    """(PNG, SVG) of the map with its legend, list and caption, drawn by Chromium (kaleido)."""
    import re

    svg = maps.map_svg(spec, label=spec.title)
    width, height = (int(v) for v in re.search(r'width="(\d+)" height="(\d+)"', svg).groups())
    return svg_png(svg, chromium, width=width, height=height, scale=scale), svg


CHART_WIDTH = 1000  # CSS pixels of the slide's chart (its source lines are wrapped to this width)


def chart_png(fig, chromium: str, *, width: int = CHART_WIDTH, height: int | None = None, scale: int = 3) -> bytes:
    """A plotly figure as PNG (see chart_image), at its own height unless told."""
    return chart_image(fig, chromium, format="png", width=width, height=height or int(fig.layout.height or 430),
                       scale=scale)


def needs_chart(needs: pd.DataFrame, lang: str):
    """The Besoins page's chart, without its title (the slide carries it)."""
    fig = charts.needs_by_country_figure(needs, lang, title="", height=430, width=CHART_WIDTH)
    # the slide writes the sources under the chart (the PowerPoint's native chart has none)
    fig.layout.annotations = [a for a in fig.layout.annotations if a.name != "source"]
    top, bottom = int(fig.layout.margin.t), int(fig.layout.margin.b)
    fig.update_layout(title=None, margin=dict(t=14, b=40), height=int(fig.layout.height) - top + 14 - bottom + 40)
    return fig


# --------------------------------------------------------------------------- slides

def _footer(lang: str, today: date) -> str:
    return t("briefing_pack.footer", lang, app=t("app.title", lang), date=fmt_date(today.isoformat(), "day", lang))


def title_slide(lang: str, today: date, filters: Filters, articles: pd.DataFrame, counts: dict) -> Slide:
    lines = [para(t("briefing_pack.title", lang), 24, bold=True, color=BLUE, space_after=10),
             para(t("briefing_pack.as_of", lang, date=fmt_date(today.isoformat(), "day", lang)), 20, space_after=18),
             para(briefing.subtitle(articles, filters, lang), 16, space_after=6)]
    if filters.is_empty:
        lines.append(para(t("briefing_pack.no_filters", lang), 16, space_after=6))
    lines.append(para(t("briefing_pack.counts", lang, **{k: tn(f"count.{k}", v, lang, n=fmt_number(v, lang))
                                                        for k, v in counts.items()}), 14,
                      color=MUTED))
    notes = t("briefing_pack.notes_title", lang, app=t("app.title", lang), date=fmt_date(today.isoformat(), "day", lang),
              articles=tn("count.articles", counts["articles"], lang, n=fmt_number(counts["articles"], lang)))
    return Slide(t("app.title", lang), [Rect(MARGIN, 1.6, 0.12, 3.6, BLUE),
                                        TextBox(MARGIN + 0.4, 1.6, BODY_W - 0.4, 4.6, tuple(lines))], kind="title",
                 notes=notes)


def _card(x: float, y: float, w: float, h: float, card: dict) -> TextBox:
    return TextBox(x, y, w, h, (
        para(card["label"], 12, bold=True, color=MUTED, space_after=2),
        para(card["value"], 24, bold=True, color=BLUE if card.get("css") != "unq" else "8A4F7D", space_after=2),
        para(card.get("note") or "", 10, color=MUTED, space_after=0),
        *((para(card["extra"], 10, color=INK, space_after=0),) if card.get("extra") else ())), fill=CARD, padding=0.12)


def map_slide(lang: str, map_png: bytes | None, needs: pd.DataFrame) -> Slide:
    blocks: list = []
    if map_png:
        from PIL import Image

        width, height = Image.open(io.BytesIO(map_png)).size
        w = min(MAP_BOX[0], MAP_BOX[1] * width / height)  # the picture keeps its proportions
        blocks.append(Picture(MARGIN, BODY_TOP, w, w * height / width, map_png, name="needs_map"))
    else:
        blocks.append(TextBox(MARGIN, BODY_TOP, MAP_BOX[0], 5.0,
                              (para(t("briefing_pack.no_map", lang), 14, color=MUTED),)))
    x, w = MARGIN + 7.9, BODY_W - 7.9
    cards = briefing.need_cards(needs, lang, limit=N_CARDS)
    if not cards:
        blocks.append(TextBox(x, BODY_TOP, w, 1.0, (para(t("briefing_pack.no_needs", lang), 14, color=MUTED),)))
    height = min(1.22, (5.55 - 0.12 * (len(cards) - 1)) / max(len(cards), 1))
    for i, card in enumerate(cards):
        blocks.append(_card(x, BODY_TOP + i * (height + 0.12), w, height, card))
    return Slide(t("briefing_pack.map_slide", lang), blocks, kind="map",
                 notes=figure_notes(chart_rows(needs).head(N_CARDS), lang))


def chart_rows(needs: pd.DataFrame) -> pd.DataFrame:
    """The chart's bars: the latest figure per country, largest first, unquantified ones last."""
    if needs.empty:
        return needs
    latest = charts.latest_by(needs, ["country_iso3"])
    return latest.assign(_v=latest["value"].where(latest["qualifier"] != "unquantified")).sort_values(
        "_v", ascending=False, na_position="last").drop(columns="_v")


def needs_chart_block(needs: pd.DataFrame, lang: str, png: bytes | None, h: float) -> Chart:
    """People in need by country as a native chart: one bar per country; a country with only an
    unquantified statement is named with the words "chiffre non précisé" and gets no bar."""
    rows = chart_rows(needs).to_dict("records")
    unquantified = [r.get("qualifier") == "unquantified" or pd.isna(r.get("value")) for r in rows]
    categories = tuple(fmt_country(r["country_iso3"], lang) + (f" ({t('qualifier.unquantified', lang)})" if u else "")
                       for r, u in zip(rows, unquantified))
    values = tuple(None if u else float(r["value"]) for r, u in zip(rows, unquantified))
    series = [(t("indicator.people_in_need", lang), values)]
    official = tuple(None if is_missing(r.get("official_value")) else float(r["official_value"]) for r in rows)
    if any(v is not None for v in official):  # the imported official figure beside the press one
        series.append((t("trend.official", lang), official))
    return Chart(MARGIN, BODY_TOP, BODY_W, h, categories, tuple(series), png=png, name="needs_chart")


def chart_slide(lang: str, chart: bytes | None, needs: pd.DataFrame) -> Slide:
    """The Besoins chart: native in the PowerPoint (its data opens in PowerPoint's sheet), its
    picture in the PDF; the sources under it, in full in the speaker notes."""
    rows = chart_rows(needs)
    if rows.empty:
        blocks = [TextBox(MARGIN, BODY_TOP, BODY_W, 1.0, (para(t("briefing_pack.no_needs", lang), 14, color=MUTED),))]
    else:
        sources = "; ".join(dict.fromkeys(briefing.source_of(r, lang, 60) for r in rows.to_dict("records")))
        blocks = [needs_chart_block(needs, lang, chart, 4.95),
                  TextBox(MARGIN, BODY_TOP + 5.0, BODY_W, 0.5, (para(
                      truncate(t("common.sources", lang, sources=sources), 330), 9.5, color=MUTED, space_after=0),),
                          padding=0)]
    return Slide(t("briefing_pack.chart_slide", lang), blocks, kind="chart",
                 notes=figure_notes(rows, lang))


# --------------------------------------------------------------------------- speaker notes

def source_line(row: dict, lang: str) -> str:
    """Where a row comes from, in full: « Titre — Média, 9 octobre 2025 — https://… »."""
    title = row.get("article_title") or row.get("source_name") or row.get("article_id") or "—"
    when = row.get("article_date")
    dated = fmt_date(when, row.get("article_date_precision"), lang) if isinstance(when, str) and when else ""
    outlet = ", ".join(x for x in (row.get("article_source"), dated) if isinstance(x, str) and x)
    url = row.get("article_url")
    return " — ".join(x for x in (str(title), outlet, url if isinstance(url, str) else "") if x)


def _notes(heading: str, lines: list[str]) -> str:
    return "\n".join([heading, *(f"• {line}" for line in dict.fromkeys(lines))]) if lines else heading


def figure_notes(rows: pd.DataFrame, lang: str) -> str:
    """« Mali, 6 400 000 personnes : Titre — Média, date — adresse », one line per figure shown."""
    lines = []
    for r in rows.to_dict("records"):
        figure = fmt_figure(r.get("value"), r.get("unit"), r.get("qualifier"), lang, compact=False, label=r.get("label"))
        lines.append(t("common.labelled", lang, label=f"{fmt_country(r['country_iso3'], lang)}, {figure}",
                       value=source_line(r, lang)))
    return _notes(t("briefing_pack.notes_figures", lang), lines)


def row_notes(heading_key: str, rows: list[dict], lang: str, text) -> str:
    labelled = [t("common.labelled", lang, label=truncate(text(r), 90), value=source_line(r, lang)) for r in rows]
    return _notes(t(heading_key, lang), labelled)


def _item(head: str, text: str, meta: str) -> tuple:
    return (para(head, 11, bold=True, color=MUTED, space_after=1), para(text, 12.5, space_after=1),
            para(meta, 10, color=MUTED, space_after=9))


def tracker_slide(lang: str, today: date, decisions: pd.DataFrame, tracked: pd.DataFrame | None,
                  tracker_error: str | None) -> Slide:
    from tracker import service

    blocks: list = []
    statuses = status_of(tracked)
    if tracked is not None:
        counts = service.count_statuses(tracked)
        boxes = [(t(f"tracker.status.{s}", lang), n) for s, n in zip(counts["status"], counts["n"])]
        note = tn("briefing_pack.tracker_total", len(tracked), lang, n=fmt_number(len(tracked), lang))
    else:
        by_kind = decisions["kind"].value_counts() if not decisions.empty else pd.Series(dtype=int)
        boxes = [(fmt_kind("decision_plural", k, lang), n) for k, n in by_kind.items()]
        note = t("briefing_pack.tracker_unavailable", lang, error=tracker_error or "—")
    width = (BODY_W - 0.15 * (max(len(boxes), 1) - 1)) / max(len(boxes), 1)
    for i, (label, n) in enumerate(boxes):
        blocks.append(TextBox(MARGIN + i * (width + 0.15), BODY_TOP, width, 0.85, (
            para(fmt_number(n, lang), 24, bold=True, color=BLUE, space_after=0, align="center"),
            para(label, 12, color=INK, space_after=0, align="center")), fill=CARD, padding=0.08, anchor="middle"))
    blocks.append(TextBox(MARGIN, BODY_TOP + 0.92, BODY_W, 0.35, (para(note, 11, color=MUTED, space_after=0),),
                          padding=0))
    top, col_w = BODY_TOP + 1.32, (BODY_W - 0.4) / 2
    # overdue and stalled (left)
    late = service.attention_frame(tracked, today=today) if tracked is not None else pd.DataFrame()
    sources = {r["decision_id"]: briefing.source_of(r, lang, 60) for r in decisions.to_dict("records")}
    left = [para(t("briefing_pack.attention", lang, n=fmt_number(len(late), lang)), 15, bold=True, space_after=8)]
    if tracked is not None and late.empty:
        left.append(para(t("briefing_pack.attention_none", lang, date=fmt_date(today.isoformat(), "day", lang)), 12,
                         color=MUTED))
    for row in late.head(N_ATTENTION).to_dict("records"):
        head = [t(f"tracker.status.{row['status']}", lang)]
        if row.get("overdue"):
            head.append(tn("briefing_pack.days_late", row["days_late"], lang, n=fmt_number(row["days_late"], lang)))
        if not pd.isna(row.get("due_date")):
            head.append(t("briefing_pack.due", lang, date=fmt_date(pd.Timestamp(row["due_date"]).date().isoformat(),
                                                                     "day", lang)))
        meta = [row.get("responsible"), sources.get(row["decision_id"])]
        left.extend(_item(" · ".join(head), truncate(row.get("text"), 110),
                          " · ".join(str(m) for m in meta if isinstance(m, str) and m)))
    blocks.append(TextBox(MARGIN, top, col_w, SLIDE_H - top - 0.55, tuple(left), padding=0))
    # recent decisions (right)
    right = [para(t("briefing_pack.top_decisions", lang), 15, bold=True, space_after=8)]
    recent = recent_decisions(decisions, N_DECISIONS)
    if recent.empty:
        right.append(para(t("briefing_pack.no_decisions", lang), 12, color=MUTED))
    for row in recent.to_dict("records"):
        head = [fmt_date(row.get("when"), row.get("when_precision"), lang), fmt_kind("decision", row.get("kind"), lang)]
        if row["decision_id"] in statuses:
            head.append(t(f"tracker.status.{statuses[row['decision_id']]}", lang))
        right.extend(_item(" · ".join(head), truncate(row.get("text"), 110), briefing.source_of(row, lang, 70)))
    blocks.append(TextBox(MARGIN + col_w + 0.4, top, col_w, SLIDE_H - top - 0.55, tuple(right), padding=0))
    by_id = {r["decision_id"]: r for r in decisions.to_dict("records")}
    shown = [by_id[d] for d in late.head(N_ATTENTION).get("decision_id", pd.Series(dtype=object)) if d in by_id]
    shown += recent.to_dict("records")
    return Slide(t("briefing_pack.tracker_slide", lang), blocks, kind="tracker",
                 notes=row_notes("briefing_pack.notes_decisions", shown, lang, lambda r: r.get("text") or ""))


def events_slide(lang: str, events: pd.DataFrame) -> Slide:
    items = briefing.event_items(events, lang, n=N_EVENTS)
    if not items:
        return Slide(t("briefing_pack.events_slide", lang), [TextBox(MARGIN, BODY_TOP, BODY_W, 1.0, (
            para(t("briefing_pack.no_events", lang), 14, color=MUTED),))], kind="events")
    rows = tuple((i["when"], i["pill"], truncate(i["text"], 95), truncate(i["meta"], 80)) for i in items)
    header = (t("col.date", lang), t("col.kind", lang), t("col.event", lang), t("col.place", lang) + " · "
              + t("col.source", lang))
    notes = row_notes("briefing_pack.notes_events", briefing.latest_events(events, N_EVENTS).to_dict("records"), lang,
                      lambda r: r.get("title") or r.get("quote") or "")
    return Slide(t("briefing_pack.events_slide", lang),
                 [Grid(MARGIN, BODY_TOP, BODY_W, header, rows, (1.9, 1.2, 5.0, 4.0), size=11.5, row_h=0.6)],
                 kind="events", notes=notes)


def source_rows(used: pd.DataFrame, lang: str) -> list[tuple[str, ...]]:
    rows = []
    for n, row in enumerate(used.to_dict("records"), start=1):
        title = row.get("title") or t("source.untitled", lang)  # never a file name
        reference = row.get("url") or "—"
        rows.append((str(n), truncate(title, 90), truncate(row.get("source") or "—", 30),
                     fmt_date(row.get("published_date"), row.get("published_precision"), lang)
                     if row.get("published_date") else "—", truncate(reference, 55)))
    return rows


def source_slides(lang: str, used: pd.DataFrame) -> list[Slide]:
    """Every article the pack draws on, newest first, N_SOURCES per slide; beyond
    N_SOURCE_SLIDES slides the last row counts the others and says where the full list is."""
    capacity = N_SOURCES * N_SOURCE_SLIDES
    rows = source_rows(used.head(capacity if len(used) <= capacity else capacity - 1), lang)
    if len(used) > capacity:
        rest = len(used) - len(rows)
        rows.append(("…", tn("briefing_pack.sources_rest", rest, lang, n=fmt_number(rest, lang)), "", "", ""))
    header = (t("briefing_pack.col_n", lang), t("briefing_pack.col_title", lang), t("briefing_pack.col_media", lang),
              t("briefing_pack.col_published", lang), t("briefing_pack.col_reference", lang))
    intro = TextBox(MARGIN, BODY_TOP, BODY_W, 0.4, (para(
        t("briefing_pack.sources_intro", lang, n=fmt_number(len(used), lang)) if rows
        else t("briefing_pack.no_sources", lang), 12, color=MUTED, space_after=0),), padding=0)
    slides = []
    for start in range(0, max(len(rows), 1), N_SOURCES):
        chunk = tuple(rows[start:start + N_SOURCES])
        blocks = [intro] if start == 0 else []
        if chunk:
            blocks.append(Grid(MARGIN, BODY_TOP + (0.45 if start == 0 else 0), BODY_W, header, chunk,
                               (0.5, 5.6, 1.7, 1.8, 3.3), size=10.5, row_h=0.4))
        title = t("briefing_pack.sources_slide" if start == 0 else "briefing_pack.sources_more", lang)
        chunk_rows = used.iloc[start:start + N_SOURCES]
        listed = chunk_rows.assign(title=chunk_rows["title"].fillna(chunk_rows["source_file"])).rename(columns={
            "title": "article_title", "source": "article_source", "published_date": "article_date",
            "published_precision": "article_date_precision", "url": "article_url"}).to_dict("records")
        notes = _notes(t("briefing_pack.notes_sources", lang),
                       [f"{start + i}. {source_line(r, lang)}" for i, r in enumerate(listed, start=1)])
        slides.append(Slide(title, blocks, kind="sources", notes=notes))
    return slides


# --------------------------------------------------------------------------- the pack

def build_briefing(tables: Mapping[str, pd.DataFrame], *, lang: str, today: date, filters: Filters | None = None,
                   countries: dict | None = None, tracked: pd.DataFrame | None = None, engine=None,
                   progress: Progress | None = None, chromium: str | None = None) -> BriefingPack:
    """The pack for the views ``tables`` (figures, decisions, events with their articles, as
    dashboard.views builds them, and the articles table) under ``filters``.

    ``tracked``: the tracker rows of these decisions (read through tracker.service when not
    given); ``countries``: the shipped country layer (GeoJSON) for the map; ``chromium``:
    the browser for kaleido (found on PATH or through $SAHEL_CHROMIUM when not given).
    """
    filters = filters or Filters()
    report = progress or (lambda fraction, message: None)
    steps: dict[str, float] = {}
    started = time.perf_counter()

    def guarded(name: str, error_key: str | None, work):
        begun = time.perf_counter()
        try:
            return work()
        except BriefingError:
            raise
        except Exception as exc:
            if error_key is None:
                raise
            raise BriefingError(t(error_key, lang, error=f"{type(exc).__name__}: {exc}")) from exc
        finally:
            steps[name] = round(time.perf_counter() - begun, 3)

    def step(name: str, fraction: float, error_key: str | None, work):
        report(fraction, t(f"briefing_pack.progress_{name}", lang))
        return guarded(name, error_key, work)

    def content():
        shown = filtered_views(tables, filters)
        rows = tracked
        error = None
        if rows is None:
            rows, error = tracker_rows(shown["decisions"], engine=engine)
        return shown, rows, error

    shown, rows, tracker_error = step("content", 0.05, None, content)
    needs = views.needs_by_country(shown["figures"])
    browser = chromium or find_chromium()
    if not browser or not Path(browser).is_file():
        raise BriefingError(t("briefing_pack.error_chromium", lang))
    spec = step("map", 0.2, "briefing_pack.error_map",
                lambda: need_map(countries, shown, lang, focus=filters.countries, places=tables.get("places"))
                if countries else None)
    report(0.3, t("briefing_pack.progress_chart", lang))
    chart = guarded("chart", "briefing_pack.error_chart", lambda: chart_png(needs_chart(needs, lang), browser))
    map_png, map_svg = guarded("map_picture", "briefing_pack.error_map",
                               lambda: map_png_of(spec, browser) if spec else (None, None))

    used = used_articles(shown["articles"], shown["figures"], shown["decisions"], shown["events"])
    counts = {"articles": len(used), "figures": len(shown["figures"]), "decisions": len(shown["decisions"]),
              "events": len(shown["events"])}
    slides = [title_slide(lang, today, filters, shown["articles"], counts), map_slide(lang, map_png, needs),
              chart_slide(lang, chart, needs), tracker_slide(lang, today, shown["decisions"], rows, tracker_error),
              events_slide(lang, shown["events"]), *source_slides(lang, used)]
    for page, slide in enumerate(slides, start=1):
        slide.footer, slide.page = _footer(lang, today), f"{page} / {len(slides)}"

    app = t("app.title", lang)
    document_title = f"{t('briefing_pack.title', lang)} — {app}"
    info = DeckInfo(title=document_title, author=app, language="en-GB" if lang == "en" else "fr-FR",
                    subject=t("briefing_pack.as_of", lang, date=fmt_date(today.isoformat(), "day", lang)))
    pptx = step("pptx", 0.7, "briefing_pack.error_pptx", lambda: pptx_bytes(slides, info))
    pdf = step("pdf", 0.85, "briefing_pack.error_pdf",
               lambda: pdf_bytes(slides, title=document_title, lang=lang, author=app))
    report(1.0, t("briefing_pack.progress_done", lang))
    return BriefingPack(pptx=pptx, pdf=pdf, slides=slides, map_svg=map_svg,
                        file_stem=f"{t('briefing_pack.file_stem', lang)}_{today.isoformat()}",
                        seconds=round(time.perf_counter() - started, 3), step_seconds=steps,
                        article_ids=used["article_id"].tolist())
