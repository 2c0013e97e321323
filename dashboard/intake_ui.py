"""The pages' parts for adding articles, correcting rows, importing official figures and showing
discrepancies. Thin: every check and every write happens in etl.intake, etl.imports,
tracker.corrections (which refuses a non-editor's write itself) and dashboard.discrepancies.

Editors sign in with the tracker's sign-in box (dashboard.tracker_views.signin_panel).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pandas as pd
import streamlit as st

from dashboard import intake_views, loaders, ui
from dashboard.filters import Filters
from dashboard.html import article_html, rows_html
from dashboard.views import spans_view
from etl import imports, intake, paths
from etl.overrides import EDITABLE, ID_COLUMNS
from etl.principals import PermissionDenied
from etl.schema import DECISION_KINDS, INDICATORS, QUALIFIERS, empty_table
from presentation.formatting import (
    fmt_country,
    fmt_date,
    fmt_figure,
    fmt_indicator,
    fmt_kind,
    fmt_number,
    fmt_theme,
    truncate,
)
from presentation.i18n import t, tn
from presentation.safe import esc

PENDING_KEY = "intake_pending"
URL_QUEUE_KEY = "intake_url_queue"
MAX_URLS = 10  # per submit: each page has its own time limit (etl.resources_web.TOTAL_TIMEOUT)
FLASH_KEY = "intake_flash"
FIGURE_SOURCES_KEY = "_figure_sources"
FIGURE_SOURCES_QUERY = "figsrc"
CORRECTION_BASE_KEY = "correct_base"
UPLOAD_TYPES = ("txt", "md", "html", "htm", "pdf")


# --------------------------------------------------------------------------- who

def editor(lang: str):
    """The signed-in editor (the tracker's sign-in box is shown in the sidebar), or None."""
    from dashboard import tracker_views as tv
    from etl.principals import may_write
    from tracker import db

    try:
        engine = db.get_engine()
    except Exception as exc:  # no tracker database: nobody can sign in, pages still read
        st.sidebar.warning(t("tracker.db_error", lang, error=f"{type(exc).__name__}: {exc}"))
        return None
    principal = tv.signin_panel(engine, lang)
    return principal if may_write(principal) else None


def flash(lang: str) -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")


# --------------------------------------------------------------------------- add an article

def add_article_panel(lang: str, principal, *, expanded: bool = False) -> None:
    """Upload or paste an article with its metadata, preview its extraction, accept it."""
    pending = st.session_state.get(PENDING_KEY)
    with st.expander(t("intake.title", lang), expanded=expanded or pending is not None, icon=":material/note_add:"):
        if principal is None:
            st.info(t("intake.editors_only", lang), icon=":material/lock:")
            return
        st.caption(t("intake.limits", lang, text_mb=fmt_number(intake.reading.MAX_BYTES / 1e6, lang),
                     pdf_mb=fmt_number(intake.reading.MAX_PDF_BYTES / 1e6, lang),
                     chars=fmt_number(intake.reading.MAX_CHARS, lang),
                     nodes=fmt_number(intake.reading.MAX_HTML_NODES, lang)))
        mode = st.segmented_control(t("intake.mode", lang), ("file", "paste"), default="file", key="intake_mode",
                                    format_func=lambda m: t(f"intake.mode.{m}", lang))
        with st.form("intake_form", border=False):
            if mode == "paste":
                pasted = st.text_area(t("intake.paste", lang), key="intake_text", height=220)
                upload = None
            else:
                upload = st.file_uploader(t("intake.file", lang), key="intake_file",
                                          help=t("intake.file_help", lang, types=", ".join(f".{x}" for x in UPLOAD_TYPES)))
                pasted = None
            left, right = st.columns(2)
            title = left.text_input(t("intake.meta.title", lang), key="intake_title", max_chars=intake.TITLE_MAX)
            source = right.text_input(t("intake.meta.source", lang), key="intake_source", max_chars=intake.SOURCE_MAX)
            url = left.text_input(t("intake.meta.url", lang), key="intake_url", placeholder="https://…")
            published = right.date_input(t("intake.meta.published", lang), value=None, key="intake_published",
                                         min_value=date(1990, 1, 1), max_value=date.today(), format="DD/MM/YYYY")
            submitted = st.form_submit_button(t("intake.preview", lang), icon=":material/visibility:",
                                              key="intake_preview")
        if submitted:
            st.session_state.pop(PENDING_KEY, None)
            meta = intake.ArticleInput(title=title, source=source, url=url, published=published)
            if mode == "paste":
                if not (pasted or "").strip():
                    st.error(t("intake.empty_paste", lang))
                    return
                name, data = intake.pasted_name(title), pasted.encode("utf-8")
            elif upload is None:
                st.error(t("intake.no_file", lang))
                return
            else:
                name, data = upload.name, upload.getvalue()
            check = intake.check_upload(name, data, meta=meta, articles_dir=paths.articles_dir(),
                                        tables_dir=paths.tables_dir(), today=date.today())
            if not check.ok:
                for problem in check.problems:
                    st.error(problem, icon=":material/error:")
                st.caption(t("intake.nothing_saved", lang))
                return
            with st.spinner(t("intake.extracting", lang)):
                pending = {"check": check, "preview": intake.preview(check)}
            st.session_state[PENDING_KEY] = pending
        if pending is not None and pending.get("origin") != "url":
            _pending_view(pending, lang, principal)


def add_by_url_panel(lang: str, principal) -> None:
    """Paste one or more addresses: each page is fetched (etl.fetch: http/https only, no local
    address, size and time limits, duplicates refused), then previewed and accepted one by one as
    an upload. Only the extracted text is shown, never the page's HTML."""
    from datetime import UTC

    from etl import fetch

    pending = st.session_state.get(PENDING_KEY)
    queue = st.session_state.get(URL_QUEUE_KEY) or []
    mine = pending is not None and pending.get("origin") == "url"
    with st.expander(t("intake_url.title", lang), expanded=mine or bool(queue), icon=":material/link:"):
        if principal is None:
            st.info(t("intake_url.editors_only", lang), icon=":material/lock:")
            return
        st.caption(t("intake_url.help", lang, n=MAX_URLS, mb=fmt_number(fetch.rw.MAX_PAGE_BYTES / 1e6, lang),
                     seconds=fmt_number(fetch.rw.TOTAL_TIMEOUT, lang)))
        with st.form("intake_url_form", border=False):
            pasted = st.text_area(t("intake_url.urls", lang), key="intake_urls", height=100,
                                  placeholder="https://…")
            submitted = st.form_submit_button(t("intake_url.fetch", lang), icon=":material/download:",
                                              key="intake_url_fetch")
        if submitted:
            urls = list(dict.fromkeys(u.strip() for u in (pasted or "").split() if u.strip()))
            if not urls:
                st.error(t("intake_url.none", lang))
                return
            if len(urls) > MAX_URLS:
                st.error(t("intake_url.too_many", lang, n=MAX_URLS))
                return
            if mine:
                st.session_state.pop(PENDING_KEY, None)
            settings = fetch.FetchSettings.from_env()
            articles_dir, tables_dir = paths.articles_dir(), paths.tables_dir()
            known = fetch.corpus_urls(articles_dir, tables_dir)
            fingerprints = intake.existing_fingerprints(articles_dir, tables_dir)
            ready = []
            with st.spinner(tn("intake_url.fetching", len(urls), lang)):
                for url in urls:
                    result = fetch.prepare(url, articles_dir=articles_dir, tables_dir=tables_dir,
                                           now=datetime.now(UTC), today=date.today(), settings=settings,
                                           known_urls=known, fingerprints=fingerprints)
                    if result.ok:
                        ready.append(result)
                        known[result.canonical] = result.check.name  # the same page twice in one paste
                        fingerprints[1][intake.text_key(result.check.text)] = result.check.name
                    else:
                        st.error(result.line(), icon=":material/error:")
            if not ready:
                st.caption(t("intake.nothing_saved", lang))
                return
            queue = [{"check": r.check, "url": r.url, "canonical": r.canonical} for r in ready]
            st.session_state[URL_QUEUE_KEY] = queue
            pending, mine = None, False
        if not mine and queue:
            item = queue.pop(0)
            st.session_state[URL_QUEUE_KEY] = queue
            with st.spinner(t("intake.extracting", lang)):
                pending = {"check": item["check"], "preview": intake.preview(item["check"]), "origin": "url",
                           "url": item["canonical"]}
            st.session_state[PENDING_KEY] = pending
            mine = True
        if mine:
            if queue:
                ui.caption(tn("intake_url.queue", len(queue), lang))
            ui.caption(t("intake_url.address", lang, url=pending.get("url") or "—"))
            _pending_view(pending, lang, principal)


def preview_spans(preview: intake.Preview) -> list[dict]:
    """The preview's rows as spans for the Sources viewer's highlighter."""
    mentions = pd.DataFrame(preview.actor_mentions)
    if mentions.empty:
        mentions, actors = empty_table("actor_mentions"), empty_table("actors")
    else:
        mentions["actor_id"] = [f"m{i}" for i in range(len(mentions))]
        actors = mentions[["actor_id", "name"]]
    return spans_view(preview.figures, preview.decisions, preview.events, mentions, actors).to_dict("records")


def preview_figures_table(figures: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("col.country", lang): [fmt_country(c, lang) if c else "—" for c in figures["country_iso3"]],
        t("col.indicator", lang): [fmt_indicator(i, lang) for i in figures["indicator"]],
        t("col.figure", lang): [fmt_figure(v, u, q, lang, compact=False, label=lb) for v, u, q, lb in
                                zip(figures["value"], figures["unit"], figures["qualifier"], figures["label"])],
        t("col.date", lang): [fmt_date(d, p, lang) for d, p in zip(figures["reference_date"], figures["reference_precision"])],
        t("col.quote", lang): figures["quote"].fillna("").to_numpy(),
    })


def _pending_view(pending: dict, lang: str, principal) -> None:
    check, preview = pending["check"], pending["preview"]
    spans = preview_spans(preview)
    st.html(f'<div class="section-title">{esc(t("intake.preview_title", lang, name=check.name))}</div>')
    ui.caption(t("intake.preview_meta", lang, title=preview.title or "—",
                 published=fmt_date(preview.published_date, None, lang) if preview.published_date else "—",
                 figures=tn("count.figures", len(preview.figures), lang),
                 decisions=tn("count.decisions", len(preview.decisions), lang),
                 events=tn("count.events", len(preview.events), lang)))
    for warning in check.warnings:
        st.warning(warning)
    viewer, listing = st.columns([1.7, 1], gap="medium")
    with viewer, st.container(height=420, key="intake_article_view"):
        st.html(article_html(check.text, spans, lang))
    with listing, st.container(height=420, key="intake_rows_view"):
        st.html(rows_html(spans, lang) if spans else f'<div class="src-caption">{esc(t("sources.no_rows", lang))}</div>')
    if not preview.figures.empty:
        st.dataframe(preview_figures_table(preview.figures, lang), hide_index=True, key="intake_figures")
    accept, cancel = st.columns([1, 1])
    if accept.button(t("intake.accept", lang), type="primary", icon=":material/add_task:", key="intake_accept"):
        with st.spinner(t("intake.building", lang)):
            try:
                result = intake.accept(check, principal=principal, articles_dir=paths.articles_dir(),
                                       tables_dir=paths.tables_dir(), imports_dir=paths.imports_dir(),
                                       today=date.today())
            except PermissionDenied as exc:
                st.error(exc.message(lang), icon=":material/lock:")
                return
        if not result.ok:
            for problem in result.problems:
                st.error(problem, icon=":material/error:")
            st.caption(t("intake.nothing_saved", lang))
            return
        st.session_state.pop(PENDING_KEY, None)
        loaders.refresh()
        st.session_state["source_article"] = result.saved.article_id
        st.query_params["article"] = result.saved.article_id
        st.query_params.pop("span", None)
        st.session_state[FLASH_KEY] = t("intake.added", lang, name=result.saved.path.name,
                                        figures=tn("count.figures", len(preview.figures), lang),
                                        decisions=tn("count.decisions", len(preview.decisions), lang))
        st.rerun()
    if cancel.button(t("intake.cancel", lang), icon=":material/close:", key="intake_cancel"):
        st.session_state.pop(PENDING_KEY, None)
        st.rerun()


# --------------------------------------------------------------------------- rejected rows

def rejected_toggle(lang: str) -> None:
    """Show the rows rejected as false extractions (kept per session, on every page)."""
    def remember():
        st.session_state[loaders.SHOW_REJECTED_KEY] = st.session_state["show_rejected_toggle"]

    st.session_state["show_rejected_toggle"] = bool(st.session_state.get(loaders.SHOW_REJECTED_KEY, False))
    st.toggle(t("correct.show_rejected", lang), key="show_rejected_toggle", on_change=remember,
              help=t("correct.show_rejected_help", lang))


# --------------------------------------------------------------------------- corrections

def _row_label(table: str, row: dict, lang: str) -> str:
    if table == "figures":
        text = (f"{fmt_figure(row.get('value'), row.get('unit'), row.get('qualifier'), lang, compact=False, label=row.get('label'))} — "
                f"{fmt_indicator(row.get('indicator'), lang)} — {fmt_country(row.get('country_iso3'), lang) if row.get('country_iso3') else '—'}")
    elif table == "decisions":
        text = truncate(str(row.get("text") or ""), 90)
    else:
        text = f"{fmt_date(row.get('date_start'), row.get('date_precision'), lang)} — {truncate(str(row.get('title') or ''), 70)}"
    note = intake_views.correction_note(row, lang)
    return f"{t(f'correct.table.{table}', lang)} · {text}" + (f" [{note}]" if note else "")


def correction_panel(article_id: str, principal, lang: str) -> None:
    """Correct a row of this article (figure, decision, event) or reject it as a false extraction."""
    from tracker import corrections

    with st.expander(t("correct.title", lang), icon=":material/edit_note:"):
        if principal is None:
            st.info(t("correct.editors_only", lang), icon=":material/lock:")
            return
        candidates: list[tuple[str, str]] = []
        rows: dict[tuple[str, str], dict] = {}
        for table in ("figures", "decisions", "events"):
            frame = loaders.load_table(table)
            frame = frame[frame["article_id"] == article_id]
            for row in frame.to_dict("records"):
                key = (table, row[ID_COLUMNS[table]])
                candidates.append(key)
                rows[key] = row
        if not candidates:
            ui.caption(t("sources.no_rows", lang))
            return
        picked = st.selectbox(t("correct.pick", lang), candidates, key=f"correct_pick_{article_id}",
                              format_func=lambda k: _row_label(k[0], rows[k], lang))
        table, row_id = picked
        raw = loaders.raw_table(table)
        raw = raw[raw[ID_COLUMNS[table]] == row_id]
        original = raw.iloc[0].to_dict() if not raw.empty else rows[picked]
        stored = corrections.get_correction(table, row_id)
        base_key = f"{CORRECTION_BASE_KEY}_{table}_{row_id}"
        version = st.session_state.setdefault(base_key, stored["version"] if stored else 0)
        current = rows[picked]
        ui.caption(t("correct.quote", lang, quote=truncate(str(current.get("quote") or ""), 300)))
        if stored and stored.get("reason"):
            ui.caption(t("correct.reason_was", lang, reason=stored["reason"]))
        with st.form(f"correct_form_{table}_{row_id}", border=False):
            values = _fields(table, current, row_id, lang)
            reason = st.text_input(t("correct.reason", lang), key=f"correct_reason_{table}_{row_id}",
                                   max_chars=corrections.REASON_MAX)
            save_col, reject_col = st.columns(2)
            save = save_col.form_submit_button(t("correct.save", lang), type="primary", icon=":material/save:",
                                               key=f"correct_save_{table}_{row_id}")
            is_rejected = bool(stored and stored["rejected"])
            toggle = reject_col.form_submit_button(t("correct.restore" if is_rejected else "correct.reject", lang),
                                                   icon=":material/undo:" if is_rejected else ":material/block:",
                                                   key=f"correct_toggle_{table}_{row_id}")
        if save or toggle:
            changes = {f: v for f, v in values.items() if not _same_input(v, current.get(f))} if save else None
            _save(table, row_id, original, version, principal, lang, changes=changes,
                  rejected=(not is_rejected) if toggle else None, reason=reason, base_key=base_key,
                  article_id=article_id)
        history = corrections.history_frame(table, row_id, limit=50)
        if not history.empty:
            st.dataframe(_history_display(history, lang), hide_index=True, key=f"correct_history_{row_id}")


def _same_input(new, old) -> bool:
    if new in (None, "") and (old is None or (isinstance(old, float) and pd.isna(old)) or old == ""):
        return True
    if isinstance(old, float) and not pd.isna(old):
        try:
            return float(str(new).replace(" ", "").replace("\u202f", "").replace(",", ".")) == old
        except ValueError:
            return False
    return str(new) == str(old)


def _text(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _fields(table: str, row: dict, row_id: str, lang: str) -> dict:
    """The form's widgets for the editable fields of ``table``, filled with the row's current values."""
    from etl.resources import THEMES

    key = f"correct_{table}_{row_id}"
    values: dict = {}
    if table == "figures":
        a, b, c = st.columns(3)
        values["value"] = a.text_input(t("correct.field.value", lang), _text(row.get("value")), key=f"{key}_value")
        values["qualifier"] = b.selectbox(t("correct.field.qualifier", lang), QUALIFIERS, key=f"{key}_qualifier",
                                          index=QUALIFIERS.index(row["qualifier"]) if row.get("qualifier") in QUALIFIERS else 0,
                                          format_func=lambda q: t(f"correct.qualifier.{q}", lang))
        values["unit"] = c.text_input(t("correct.field.unit", lang), _text(row.get("unit")), key=f"{key}_unit")
        values["indicator"] = a.selectbox(t("correct.field.indicator", lang), INDICATORS, key=f"{key}_indicator",
                                          index=INDICATORS.index(row["indicator"]) if row.get("indicator") in INDICATORS else 0,
                                          format_func=lambda i: fmt_indicator(i, lang))
        values["country_iso3"] = b.text_input(t("correct.field.country_iso3", lang), _text(row.get("country_iso3")),
                                              key=f"{key}_country", max_chars=3, help=t("correct.country_help", lang))
        values["reference_date"] = c.text_input(t("correct.field.reference_date", lang),
                                                _text(row.get("reference_date")), key=f"{key}_date",
                                                help=t("correct.date_help", lang))
    elif table == "decisions":
        values["text"] = st.text_area(t("correct.field.text", lang), _text(row.get("text")), key=f"{key}_text")
        a, b = st.columns(2)
        values["kind"] = a.selectbox(t("correct.field.kind", lang), DECISION_KINDS, key=f"{key}_kind",
                                     index=DECISION_KINDS.index(row["kind"]) if row.get("kind") in DECISION_KINDS else 0,
                                     format_func=lambda k: fmt_kind("decisions", k, lang))
        themes = [name for name, *_rest in THEMES] + ["other"]
        if row.get("theme") and row["theme"] not in themes:
            themes.append(row["theme"])
        values["theme"] = b.selectbox(t("correct.field.theme", lang), themes, key=f"{key}_theme",
                                      index=themes.index(row["theme"]) if row.get("theme") in themes else len(themes) - 1,
                                      format_func=lambda th: fmt_theme(th, lang))
    else:
        a, b = st.columns(2)
        values["date_start"] = a.text_input(t("correct.field.date_start", lang), _text(row.get("date_start")),
                                            key=f"{key}_start", help=t("correct.date_help", lang))
        values["date_end"] = b.text_input(t("correct.field.date_end", lang), _text(row.get("date_end")),
                                          key=f"{key}_end", help=t("correct.date_help", lang))
    return {f: v for f, v in values.items() if f in EDITABLE[table]}


def _save(table, row_id, original, version, principal, lang, *, changes, rejected, reason, base_key, article_id):
    from etl.resources import THEMES
    from tracker import corrections
    from tracker.errors import InvalidInput

    themes = [name for name, *_rest in THEMES] + ["other"] + ([original.get("theme")] if original.get("theme") else [])
    try:
        corrections.save_correction(table, row_id, original=original, expected_version=version, editor=principal,
                                    changes=changes or None, rejected=rejected, reason=reason or None,
                                    article_id=article_id, themes=themes, now=datetime.now(UTC))
    except InvalidInput as exc:
        for text in exc.messages(lang):
            st.error(text, icon=":material/error:")
        return
    except corrections.CorrectionConflict as exc:
        st.error(exc.message(lang), icon=":material/sync_problem:")
        st.session_state.pop(base_key, None)  # the next save starts from the other editor's version
        return
    except PermissionDenied as exc:
        st.error(exc.message(lang))
        return
    st.session_state.pop(base_key, None)
    loaders.refresh_corrections()
    st.session_state[FLASH_KEY] = t("correct.saved", lang)
    st.rerun()


def _history_display(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("correct.history.when", lang): [pd.Timestamp(v).strftime("%Y-%m-%d %H:%M") for v in history["changed_at"]],
        t("correct.history.editor", lang): history["editor"].to_numpy(),
        t("correct.history.field", lang): [t(f"correct.field.{f}", lang) for f in history["field"]],
        t("correct.history.old", lang): history["old_value"].fillna("—").to_numpy(),
        t("correct.history.new", lang): history["new_value"].fillna("—").to_numpy(),
    })


# --------------------------------------------------------------------------- imported figures

def figure_sources(filters: Filters, lang: str, *, key: str) -> Filters:
    """Articles, imports or both (kept per session and in the URL as ``figsrc``); no control
    while no official figure has been imported."""
    if not loaders.has_imported_figures():
        return filters
    if FIGURE_SOURCES_KEY not in st.session_state:
        wanted = st.query_params.get(FIGURE_SOURCES_QUERY)
        st.session_state[FIGURE_SOURCES_KEY] = wanted if wanted in intake_views.FIGURE_SOURCE_CHOICES else "all"

    def remember():
        st.session_state[FIGURE_SOURCES_KEY] = st.session_state[key] or "all"

    st.session_state[key] = st.session_state[FIGURE_SOURCES_KEY]
    choice = st.segmented_control(t("figures_source.label", lang), intake_views.FIGURE_SOURCE_CHOICES, key=key,
                                  on_change=remember, format_func=lambda c: t(f"figures_source.{c}", lang)) or "all"
    if choice == "all":
        st.query_params.pop(FIGURE_SOURCES_QUERY, None)
    else:
        st.query_params[FIGURE_SOURCES_QUERY] = choice
    return replace(filters, source_kinds=intake_views.source_kind_filter(choice))


def import_panel(lang: str, principal) -> None:
    """Import an HXL / HDX HAPI needs CSV: checked as a whole, stored, tables rebuilt."""
    with st.expander(t("import.title", lang), icon=":material/upload_file:"):
        st.caption(t("import.help", lang))
        stored = imports.stored_files(paths.imports_dir())
        if stored:
            ui.caption(t("import.stored", lang, files=", ".join(p.name for p in stored)))
        if principal is None:
            st.info(t("import.editors_only", lang), icon=":material/lock:")
            return
        with st.form("import_form", border=False):
            upload = st.file_uploader(t("import.file", lang), key="import_file")
            source = st.text_input(t("import.source", lang), key="import_source",
                                   help=t("import.source_help", lang))
            submitted = st.form_submit_button(t("import.submit", lang), icon=":material/publish:", type="primary",
                                              key="import_submit")
        if not submitted:
            return
        if upload is None:
            st.error(t("intake.no_file", lang))
            return
        try:
            result = imports.import_figures(upload.getvalue(), principal=principal, file_name=upload.name,
                                            imports_dir=paths.imports_dir(), source=source or None)
        except PermissionDenied as exc:
            st.error(exc.message(lang), icon=":material/lock:")
            return
        if not result.ok:
            for problem in result.problems:
                st.error(problem, icon=":material/error:")
            st.caption(t("import.nothing", lang))
            return
        _rebuild(lang)
        st.session_state[FLASH_KEY] = tn("import.done", len(result.rows), lang, name=upload.name) + (
            f" — {result.skipped_text()}" if result.skipped else "")
        st.rerun()


def _rebuild(lang: str) -> None:
    from etl.pipeline import BuildError, build

    with st.spinner(t("intake.building", lang)):
        try:
            build(paths.articles_dir(), paths.tables_dir(), progress=False, log=None, today=date.today(),
                  imports_dir=paths.imports_dir())
        except BuildError as exc:
            st.error(str(exc))
            st.stop()
    loaders.refresh()


# --------------------------------------------------------------------------- discrepancies

def discrepancy_section(filters: Filters, lang: str) -> None:
    """Groups of shown like figures that disagree, every source named, largest first (dashboard.discrepancies)."""
    from dashboard.discrepancies import DEFAULT_TOLERANCE

    groups = loaders.discrepancy_groups(filters)
    ui.section(t("discrepancy.title", lang, n=len(groups)))
    if groups.empty:
        ui.caption(t("discrepancy.none", lang, tolerance=fmt_number(DEFAULT_TOLERANCE * 100, lang)))
        return
    ui.caption(t("discrepancy.help", lang, tolerance=fmt_number(DEFAULT_TOLERANCE * 100, lang)))
    ui.table(lambda: intake_views.discrepancy_table(groups.head(200), loaders.filtered("figures", filters), lang), {},
             lang, key="discrepancies", height=320, views=("figures",), params=(filters,))
    if len(groups) > 200:
        ui.caption(t("common.rows_shown", lang, shown=200, total=len(groups)))
