"""The app's only cached reads. The tables come from the table store (etl.store: CSV build
folders, or PostgreSQL with SAHEL_TABLES_URL), and every cache is keyed on the store's change
signatures (``Build.signature``: a table file's path, mtime and size, or a PostgreSQL build's
schema), so a rebuild is picked up on the next rerun and nothing is read or recomputed while
the tables stay the same.

One build per script run: app.py pins the published build (``pin_build``, etl.store) at the
top of each run, and every table and text of that run is read from that build, so a rebuild
published mid-run never mixes old tables with new texts. The build is in each signature, so
caches are per build and shared by every session.

Editors' corrections (tracker.corrections) are applied on top of figures, decisions and
events by ``load_table`` (etl.overrides.apply_overrides); the corrections' signature and the
"show rejected rows" choice are part of every view's cache key, and rejected rows are left
out of the views unless that choice is on.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import views
from dashboard.filters import apply_filters, filter_view
from etl import overrides, paths
from etl.schema import TABLES, empty_table
from etl.store import Build, StoreError, TableStore, open_store

log = logging.getLogger(__name__)
Signature = tuple[str, int, int]
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,200}$")


PIN_KEY = "_tables_build"


def _in_script_run() -> bool:
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        return get_script_run_ctx(suppress_warning=True) is not None
    except Exception:
        return False


def table_store() -> TableStore:
    """The store the settings name (etl.store.open_store: SAHEL_TABLES_URL, else SAHEL_TABLES_DIR)."""
    return open_store(paths.tables_dir())


def pin_build() -> Build:
    """Resolve the published build once for this script run (app.py calls it first)."""
    tables = table_store()
    build = tables.pin()
    if _in_script_run():
        st.session_state[PIN_KEY] = (tables.key, build.ref)
    return build


def current_build() -> Build:
    """The build this run reads: the one pinned by pin_build (while it can be read), else the
    current one (outside a script run, or a page run without app.py)."""
    tables = table_store()
    if _in_script_run():
        pinned = st.session_state.get(PIN_KEY)
        if pinned and pinned[0] == tables.key:
            build = tables.open(pinned[1])
            if build.alive():
                return build
    return tables.pin()


def _signature(path: Path) -> Signature:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def table_signature(name: str) -> Signature:
    return current_build().signature(name)


def tables_signature(*names: str) -> tuple[Signature, ...]:
    files = tuple(table_signature(n) for n in (names or tuple(TABLES)))
    if set(names or TABLES) & set(overrides.ID_COLUMNS):  # corrected tables: corrections are part of the key
        return (*files, ("corrections", corrections_signature(), show_rejected()))
    return files


# --- editors' corrections (tracker database) -------------------------------------------

SHOW_REJECTED_KEY = "_show_rejected"


def show_rejected() -> bool:
    """Whether this session asked to see rows rejected as false extractions."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        if get_script_run_ctx(suppress_warning=True) is None:
            return False
        return bool(st.session_state.get(SHOW_REJECTED_KEY, False))
    except Exception:
        return False


@st.cache_data(show_spinner=False, ttl=5, max_entries=4)
def _corrections(url: str) -> tuple[tuple, list[dict]]:
    """(signature, override records) from the tracker; re-read at most every 5 s (edits made in
    this session clear it at once, see refresh_corrections). An unreachable tracker means none."""
    try:
        from tracker import corrections, db

        engine = db.get_engine(url)
        frame = corrections.overrides_frame(engine=engine)
        return corrections.signature(engine=engine), frame.to_dict("records")
    except Exception as exc:  # a tracker outage must not take the pages down
        log.warning("corrections unavailable: %s", exc)
        return ("unavailable",), []


def _tracker_url() -> str:
    from tracker.db import default_url

    return default_url()


def corrections_signature() -> tuple:
    return _corrections(_tracker_url())[0]


def correction_records() -> list[dict]:
    return _corrections(_tracker_url())[1]


def refresh_corrections() -> None:
    """After a correction is saved: the next reads see it."""
    _corrections.clear()


@st.cache_data(show_spinner=False, max_entries=16)
def _corrected(name: str, signature: Signature, corrections: tuple) -> pd.DataFrame:
    frame, _problem = _read_table(name, signature)
    return overrides.apply_overrides(frame, correction_records(), name=name)


@st.cache_data(show_spinner=False, max_entries=64)
def _read_table(name: str, signature: Signature) -> tuple[pd.DataFrame, str | None]:
    """The table of this run's build (``signature`` is its signature: the cache key)."""
    try:
        return current_build().read(name), None
    except StoreError as exc:
        problem = str(exc)
        log.warning("table unreadable: %s", problem)  # once per version of the table
        return empty_table(name), problem


def load_table(name: str) -> pd.DataFrame:
    """A contract table with all its columns; an empty frame (with columns) when missing or unreadable."""
    if name not in TABLES:
        raise KeyError(f"unknown table {name!r}; expected one of {', '.join(TABLES)}")
    signature = table_signature(name)
    if signature[1] < 0:
        return empty_table(name)
    if name in overrides.ID_COLUMNS:  # corrected/rejected columns, rejected rows kept (see visible)
        return _corrected(name, signature, corrections_signature())
    return _read_table(name, signature)[0]  # each cached read is a copy: one per call, not two


def corrected_rows(name: str) -> pd.DataFrame:
    """The rows of a table that an editor corrected or rejected (etl.overrides), with their
    overrides applied: a few rows, where load_table would copy thousands out of the cache."""
    signature = table_signature(name)
    if signature[1] < 0 or name not in overrides.ID_COLUMNS:
        return empty_table(name)
    return _corrected_only(name, signature, corrections_signature())


@st.cache_data(show_spinner=False, max_entries=16)
def _corrected_only(name: str, signature: Signature, corrections: tuple) -> pd.DataFrame:
    return overrides.marked(_corrected(name, signature, corrections))


def raw_table(name: str) -> pd.DataFrame:
    """A contract table exactly as the build wrote it (no correction applied)."""
    signature = table_signature(name)
    if signature[1] < 0:
        return empty_table(name)
    return _read_table(name, signature)[0]


def visible_table(name: str) -> pd.DataFrame:
    """``load_table`` without the rows rejected as false extractions (unless this session shows them)."""
    return overrides.visible(load_table(name), show_rejected=show_rejected())


@st.cache_data(show_spinner=False, max_entries=8)
def _problems(signature: tuple[Signature, ...]) -> list[str]:
    problems = []
    for name, table_sig in zip(TABLES, signature):
        if table_sig[1] >= 0:
            _frame, problem = _read_table(name, table_sig)
            if problem:
                problems.append(problem)
    return problems


def table_problems() -> list[str]:
    """Tables that exist but could not be read, each named with the reason (cached: the
    frames themselves are not copied out of the cache for this)."""
    return _problems(tables_signature())


@st.cache_data(show_spinner=False, max_entries=8)
def _article_count(signature: Signature) -> int:
    return len(load_table("articles"))


def article_count() -> int:
    return _article_count(table_signature("articles"))


def refresh() -> None:
    """Forget every cached read (after the app itself rebuilt the tables or imported figures).
    The file signatures would notice too; this makes it immediate and frees the old frames."""
    for cached in (_read_table, _problems, _article_count, _read_text, _view, _filter_options, _filtered, _display,
                   _corrected, _corrected_only, _corrections, _discrepancies, _statuses, _count):
        cached.clear()


@st.cache_data(show_spinner=False, max_entries=256)
def _read_text(article_id: str, signature: Signature) -> str | None:
    """A text the build wrote (etl.store: a link planted among the texts is never followed)."""
    return current_build().text(article_id)


def load_article_text(article_id: str) -> str | None:
    """The article's text exactly as the char offsets index it, or None if absent."""
    if not article_id or not _SAFE_ID.match(str(article_id)):
        return None
    signature = current_build().text_signature(article_id)
    if signature[1] < 0:
        return None
    return _read_text(article_id, signature)


# --- derived views (pure builders in dashboard.views) ---------------------------------

_VIEWS = {
    "figures": (("figures", "articles", "places"), views.figures_view),
    "decisions": (("decisions", "articles"), views.decisions_view),
    "events": (("events", "articles"), views.events_view),
    "actors": (("actors", "actor_mentions", "articles"), views.actors_view),
    "spans": (("figures", "decisions", "events", "actor_mentions", "actors"), views.spans_view),
}


@st.cache_data(show_spinner=False, max_entries=32)
def _view(name: str, signature: tuple[Signature, ...]) -> pd.DataFrame:
    if name == "articles":
        tables = {n: visible_table(n) for n in ("figures", "decisions", "events", "actor_mentions")}
        return views.articles_view(load_table("articles"), tables)
    table_names, builder = _VIEWS[name]
    view = builder(*(visible_table(n) for n in table_names))
    if name == "figures":
        from dashboard import intake_views

        view = intake_views.with_discrepancies(intake_views.label_imports(view))
    return view


def load_view(name: str) -> pd.DataFrame:
    """``figures``/``decisions``/``events`` with their article's title and date, ``actors``
    with mentioning articles, ``articles`` with row counts, ``spans`` for the viewer."""
    if name == "articles":
        return _view(name, tables_signature("articles", "figures", "decisions", "events", "actor_mentions"))
    return _view(name, tables_signature(*_VIEWS[name][0]))


@st.cache_data(show_spinner=False, max_entries=8)
def _filter_options(signature: tuple[Signature, ...]) -> dict:
    from presentation.dates import date_interval

    countries: set[str] = set()
    years: set[int] = set()
    for name, date_col, prec_col in (("figures", "reference_date", "reference_precision"),
                                     ("decisions", "announced_date", "announced_precision"),
                                     ("events", "date_start", "date_precision"),
                                     ("articles", "published_date", "published_precision")):
        df = load_table(name)
        if "country_iso3" in df.columns:
            countries.update(c for c in df["country_iso3"].dropna().unique() if c)
        for iso, prec in zip(df[date_col], df[prec_col]):
            interval = date_interval(iso, prec)
            if interval:
                years.add(interval[0].year)
    figures = load_table("figures")
    articles = load_view("articles")  # newest first: the sidebar offers the newest
    articles = articles[articles["status"].fillna("ok") == "ok"]
    return {
        "countries": sorted(countries),
        "indicators": sorted(set(figures["indicator"].dropna())),
        "articles": dict(zip(articles["article_id"], articles["title"].fillna(articles["source_file"]))),
        "years": sorted(years),
    }


def filter_options() -> dict:
    return _filter_options(tables_signature("figures", "decisions", "events", "articles"))


# --- boundaries and corridors (shipped shapes/, loaded through etl.places) -------------

def _shapes_signature() -> tuple[Signature, ...]:
    folder = paths.SHAPES_DIR
    if not folder.exists():
        return ()
    return tuple(_signature(p) for p in sorted(folder.iterdir()) if p.is_file())


def _to_geojson(obj) -> dict | None:
    """GeoJSON dict from a dict, a GeoDataFrame (WGS84) or anything with __geo_interface__."""
    if obj is None or isinstance(obj, dict):
        return obj
    if hasattr(obj, "to_crs") and getattr(obj, "crs", None) is not None and obj.crs.to_epsg() != 4326:
        obj = obj.to_crs(4326)
    if hasattr(obj, "to_json"):
        import json

        return json.loads(obj.to_json(drop_id=True))
    return getattr(obj, "__geo_interface__", None)


# shipped file per layer, read directly when etl.places has no loader for it
_SHIPPED = {"country_layer": "countries.geojson", "admin1_layer": "admin1.geojson",
            "corridors": "corridors.geojson"}


@st.cache_data(show_spinner=False, max_entries=8)
def _layer(name: str, signature: tuple[Signature, ...]) -> dict | None:
    from etl import places  # here, not at the top: geopandas loads only for a page with a map

    loader = getattr(places, f"load_{name}", None)
    try:
        if loader is not None:
            return _to_geojson(loader())
        path = paths.SHAPES_DIR / _SHIPPED.get(name, f"{name}.geojson")
        if path.exists():
            import json

            return json.loads(path.read_text(encoding="utf-8"))
    except Exception as exc:  # a broken shape file must not take the page down
        log.warning("shapes: %s: %s", name, exc)
    return None


def load_layer(name: str) -> dict | None:
    """GeoJSON of a shipped layer: ``country_layer``, ``admin1_layer``, ``corridors``… (None if absent)."""
    return _layer(name, _shapes_signature())


# --- tracker (optional) ----------------------------------------------------------------

def tracked_decisions(engine) -> pd.DataFrame:
    """service.tracker_frame of the ETL decisions, re-read only when the decisions table or
    the tracker changed (service.change_token: one aggregate query per run, so an edit made
    in any session or app instance shows on the next rerun)."""
    from tracker import service

    return _tracked(table_signature("decisions"), service.change_token(engine=engine), str(engine.url), engine)


@st.cache_data(show_spinner=False, max_entries=4)
def _tracked(signature: Signature, token: tuple, url: str, _engine) -> pd.DataFrame:
    from tracker import service

    return service.tracker_frame(load_table("decisions"), engine=_engine)


def decision_statuses(filters) -> pd.DataFrame | None:
    """Status counts from the decision tracker for the decisions the filters keep, or None when
    the tracker is not installed or its database cannot be reached (the overview then counts by
    kind). Re-counted only when the decisions or the tracker changed (service.change_token: one
    aggregate query per run), so a status edited in any session shows on the next rerun."""
    from tracker import db, service

    try:
        engine = db.get_engine()
        token = service.change_token(engine=engine)
        return _statuses(_view_signature("decisions"), filters, token,
                         engine.url.render_as_string(hide_password=True), engine)
    except Exception as exc:  # a tracker outage must not take the briefing down
        log.warning("tracker unavailable for status counts: %s", exc)
        return None


@st.cache_data(show_spinner=False, max_entries=16)
def _statuses(signature: tuple[Signature, ...], filters, token: tuple, url: str, _engine) -> pd.DataFrame:
    from tracker import service

    return service.status_counts(filtered("decisions", filters), engine=_engine)


def load_user_boundaries(level: str) -> tuple[dict | None, list[str]]:
    """The user's own boundary layers at ``level`` (``adm1``/``adm2``), configured through
    etl.boundaries (data/boundaries.toml or $SAHEL_BOUNDARIES), merged as one GeoJSON whose
    features carry ``name``, ``country_iso3`` and ``canonical`` (the alias-resolved key);
    (None, []) when none is configured, and the problems, each naming its file."""
    signature = boundaries_signature()
    return _user_boundaries(level, signature) if signature else (None, [])


def boundaries_signature() -> tuple[Signature, ...]:
    """The signature of the boundaries setting and of every file it names."""
    from etl import boundaries

    config = boundaries.config_path()
    files: list[Path] = [config]
    if config.is_file():
        try:
            files += [spec.path for spec in boundaries.read_config(config)]
        except Exception as exc:  # reported by _user_boundaries
            log.warning("boundaries setting unreadable: %s", exc)
    return tuple(_signature(f) for f in files)


@st.cache_data(show_spinner=False, max_entries=8)
def _user_boundaries(level: str, signature: tuple[Signature, ...]) -> tuple[dict | None, list[str]]:
    from etl import boundaries

    layers, errors = boundaries.load_configured_boundaries()
    features = []
    for layer in layers:
        if layer.level != level:
            continue
        for feature in layer.to_geojson()["features"]:
            props = feature["properties"]
            props["canonical"] = boundaries.canonical_key(props.get("name") or "", layer.country_iso3)
            features.append(feature)
    collection = {"type": "FeatureCollection", "features": features} if features else None
    return collection, errors


def boundary_key(name: str, country_iso3: str | None) -> str:
    """The key user boundaries are matched on (accents, case and known aliases ignored)."""
    from etl import boundaries

    return boundaries.canonical_key(name, country_iso3)


# --- filtered views and display tables (cached per tables × filters × language) --------

DISPLAY_LIMIT = 1000  # rows sent to the browser in a table; the CSV export has them all


def _view_signature(name: str) -> tuple[Signature, ...]:
    if name == "articles":
        return tables_signature("articles", "figures", "decisions", "events", "actor_mentions")
    return tables_signature(*_VIEWS[name][0])


@st.cache_data(show_spinner=False, max_entries=64)
def _filtered(name: str, signature: tuple[Signature, ...], filters) -> pd.DataFrame:
    return filter_view(name, load_view(name), filters)


@st.cache_data(show_spinner=False, max_entries=8)
def _has_imports(signature: tuple[Signature, ...]) -> bool:
    figures = load_view("figures")
    return bool(not figures.empty and (figures["source_kind"] == "import").any())


def has_imported_figures() -> bool:
    """Whether any figure comes from an imported file: a yes/no kept per table change, so a page
    asking it does not copy the whole figures view out of the cache on every run."""
    return _has_imports(_view_signature("figures"))


ACTOR_TABLES = ("actors", "actor_mentions", "articles")


@st.cache_data(show_spinner=False, max_entries=32)
def _actors_shown(signature: tuple[Signature, ...], filters) -> pd.DataFrame:
    actors = load_view("actors")
    if filters.article_ids:  # keep the actors the selected articles mention
        mentions = apply_filters(load_table("actor_mentions"), filters)
        actors = actors[actors["actor_id"].isin(set(mentions["actor_id"]))]
    return apply_filters(actors, filters)


def actors_shown(filters) -> pd.DataFrame:
    """The Acteurs page's actors (the actors view, the shared filters applied), built once per
    tables × filters: a rerun reads this small frame instead of copying every actor and every
    mention out of the cache and filtering them again."""
    return _actors_shown(tables_signature(*ACTOR_TABLES), filters)


@st.cache_data(show_spinner=False, max_entries=64)
def _actor_mentions(signature: tuple[Signature, ...], filters, actor_id: str) -> pd.DataFrame:
    mentions = apply_filters(load_table("actor_mentions"), filters)
    mine = mentions[mentions["actor_id"] == actor_id]
    return mine.merge(views.with_article(pd.DataFrame({"article_id": mine["article_id"].unique()}),
                                         load_table("articles")), on="article_id", how="left")


def actor_mentions(actor_id: str, filters) -> pd.DataFrame:
    """The shown mentions of one actor, each with its article's title and date (the Acteurs
    page's list), built once per tables × filters × actor."""
    return _actor_mentions(tables_signature(*ACTOR_TABLES), filters, actor_id)


@st.cache_data(show_spinner=False, max_entries=64)
def _count(name: str, signature: tuple[Signature, ...], filters) -> int:
    return len(filtered(name, filters))


def filtered_count(name: str, filters) -> int:
    """len(filtered(name, filters)) without copying the rows out of the cache."""
    return _count(name, _view_signature(name), filters)


def filtered(name: str, filters) -> pd.DataFrame:
    """A view (see load_view) with the shared filters applied; the period filter uses the
    view's own date (figures and decisions fall back on their article's date)."""
    return _filtered(name, _view_signature(name), filters)


@st.cache_data(show_spinner=False, max_entries=64)
def _display(kind: str, signature: tuple[Signature, ...], filters, lang: str, limit: int | None):
    from dashboard import tables

    if kind.startswith("figures"):  # "figures", or one tab of the Besoins table: "figures:needs" / "figures:deaths" / "figures:other"
        rows = tables.figures_part(filtered("figures", filters), kind.partition(":")[2])
        frame, config = tables.figures_table(rows.head(limit) if limit else rows, lang, filters=filters, ordered=True)
    elif kind == "events":
        rows = filtered("events", filters).sort_values(["date_key", "article_date"], ascending=False,
                                                       na_position="last")
        frame, config = tables.events_table(rows.head(limit) if limit else rows, lang, filters=filters)
    elif kind == "articles":
        rows = filtered("articles", filters)  # newest first, as the articles view is
        frame, config = tables.articles_table(rows.head(limit) if limit else rows, lang, filters=filters)
    else:
        raise KeyError(kind)
    return frame, config, len(rows)


def display_table(kind: str, filters, lang: str, *, limit: int | None = DISPLAY_LIMIT):
    """(frame, column_config, total rows) for ``figures`` (or its needs, deaths or other part:
    ``figures:needs``, ``figures:deaths``, ``figures:other``, dashboard.tables.figures_part), ``events`` or ``articles``:
    localised, at most ``limit`` rows, built once per tables × filters × language."""
    return _display(kind, _view_signature(kind.partition(":")[0]), filters, lang, limit)


@st.cache_data(show_spinner=False, max_entries=32)
def _discrepancies(signature: tuple[Signature, ...], filters) -> pd.DataFrame:
    from dashboard.discrepancies import find_discrepancies, group_discrepancies

    return group_discrepancies(find_discrepancies(filtered("figures", filters)))


def discrepancy_groups(filters) -> pd.DataFrame:
    """Groups of shown like figures that disagree, largest first (dashboard.discrepancies), built
    once per tables × filters."""
    return _discrepancies(_view_signature("figures"), filters)


# --- built once: chart JSON, table markup, the map's deck ------------------------------

@st.cache_resource(show_spinner=False, max_entries=48)
def _memo(name: str, params: tuple, signature: tuple, _build):
    return _build()


def memo(name: str, views: tuple[str, ...], params: tuple, build):
    """``build()`` once per name × params × the signatures of the views it reads (their table
    files and the editors' corrections) and of the shipped shapes, shared by all sessions:
    for what a rerun would otherwise rebuild (chart JSON, table markup, the map's deck). The
    result is shared, not copied: it must be read-only (a string, a frozen deck)."""
    signature = tuple(_view_signature(v) if v in _VIEWS or v == "articles" else table_signature(v) for v in views)
    return _memo(name, params, (signature, _shapes_signature()), build)
