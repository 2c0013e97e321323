"""The Décisions page's parts: sign-in, table and bulk editor, decision detail, conflicts, exports.

The tracker database is read fresh on every run (never cached: an edit must show at
once, also one made from another instance). Pure helpers come first and are tested
without Streamlit; the render functions below them only read widgets and call
tracker.service, which does every check (permissions, versions, values) itself.

No edit is lost: the bulk editor's rows and each detail form are pinned to the
version the editor started from, and a refused save (conflict, bad value) keeps the
editor's values on screen until they are saved or explicitly dropped.
"""
from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import lru_cache
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from dashboard import ui
from dashboard.html import cards_html, sort_key_column
from dashboard.intake_views import correction_note
from dashboard.reader import browser_timezone
from etl import overrides
from etl.principals import SYSTEM, PermissionDenied, Principal, may_write
from etl.text import fold
from presentation.formatting import (
    display_timezone,
    fmt_country,
    fmt_date,
    fmt_kind,
    fmt_number,
    fmt_short_date,
    fmt_theme,
    local_time,
    truncate,
    zone_label,
)
from presentation.i18n import LANGS, t, tn
from presentation.safe import esc, esc_multiline
from tracker import auth, db, export, service
from tracker.errors import Conflict, InvalidInput, NotFound, SignInFailed, SignInRateLimited
from tracker.vocab import EDITABLE_FIELDS, STATUSES

PRINCIPAL_KEY = "tracker_principal"
CONFLICTS_KEY = "tracker_conflicts"
FLASH_KEY = "tracker_flash"
BULK_NONCE_KEY = "tracker_bulk_nonce"
BULK_BASE_KEY = "tracker_bulk_base"
FORM_BASE_KEY = "tracker_form_base"
SORTS = ("announced_desc", "due_asc", "status", "progress_desc", "updated_desc")
SEARCH_COLUMNS = ("text", "quote", "theme", "responsible", "notes", "decision_id", "article_title", "lead_in")
HISTORY_SHOWN = 500
_synced: dict[str, tuple] = {}


# --------------------------------------------------------------------------- pure helpers

def status_label(code: str | None, lang: str) -> str:
    return t(f"tracker.status.{code}", lang) if code in STATUSES else (code or "—")


def field_label(field: str, lang: str) -> str:
    return t(f"tracker.field.{field}", lang)


def source_url(article_id, char_start, char_end) -> str | None:
    """Link to the Sources page, highlighting the sentence the decision came from."""
    return source_urls([article_id], [char_start], [char_end])[0]


def source_urls(article_ids, starts, ends) -> list[str | None]:
    """source_url of every row, the article's part encoded once per article (thousands of rows)."""
    prefixes: dict = {}
    out = []
    for article_id, start, end in zip(article_ids, starts, ends):
        if not article_id or article_id != article_id:
            out.append(None)
            continue
        prefix = prefixes.get(article_id)
        if prefix is None:
            prefix = prefixes[article_id] = "./sources?" + urlencode({"article": article_id})
        if start is None or end is None or pd.isna(start) or pd.isna(end):
            out.append(prefix)
        else:
            out.append(f"{prefix}&span={int(start)}-{int(end)}")
    return out


@lru_cache(maxsize=100_000)
def _fold_cached(text: str) -> str:
    return fold(text)


def _folded(value) -> str:
    """fold() of a cell, remembered across reruns: folding thousands of texts each time is slow."""
    return _fold_cached(value) if isinstance(value, str) else ""


@lru_cache(maxsize=1024)
def _theme_words(theme) -> str:
    """A theme as a search finds it: its code and its names in every language ("santé", "health")."""
    if not isinstance(theme, str):
        return ""
    return fold(" ".join(dict.fromkeys([theme, *(fmt_theme(theme, lang) for lang in LANGS)])))


def search_mask(frame: pd.DataFrame, query: str) -> pd.Series:
    """Rows where every word of the query appears (accent- and case-insensitive) in some text column."""
    words = fold(query).split()
    if not words:
        return pd.Series(True, index=frame.index)
    columns = [c for c in SEARCH_COLUMNS if c in frame.columns]
    folded = [frame[c].map(_theme_words if c == "theme" else _folded) for c in columns]
    haystack = folded[0].str.cat(folded[1:], sep=" ") if len(folded) > 1 else folded[0]
    mask = pd.Series(True, index=frame.index)
    for word in words:
        mask &= haystack.str.contains(word, regex=False)
    return mask


def filter_rows(frame: pd.DataFrame, *, query: str = "", themes=(), kinds=(), statuses=(),
                show_orphaned: bool = True) -> pd.DataFrame:
    mask = search_mask(frame, query)
    if themes:
        mask &= frame["theme"].isin(themes)
    if kinds:
        mask &= frame["kind"].isin(kinds)
    if statuses:
        mask &= frame["status"].isin(statuses)
    if not show_orphaned:
        mask &= ~frame["orphaned"].astype(bool)
    return frame[mask]


def sort_rows(frame: pd.DataFrame, sort: str) -> pd.DataFrame:
    """Sort by a SORTS key; ties broken by decision_id so the order is stable across reruns."""
    out = frame.assign(_status_rank=frame["status"].map({s: i for i, s in enumerate(STATUSES)}))
    by, ascending = {
        "announced_desc": (["announced_date", "decision_id"], [False, True]),
        "due_asc": (["due_date", "decision_id"], [True, True]),
        "status": (["_status_rank", "decision_id"], [True, True]),
        "progress_desc": (["progress", "decision_id"], [False, True]),
        "updated_desc": (["updated_at", "decision_id"], [False, True]),
    }.get(sort, (["decision_id"], [True]))
    return out.sort_values(by, ascending=ascending, na_position="last", kind="stable").drop(columns="_status_rank")


def with_corrections(tracked: pd.DataFrame, decisions: pd.DataFrame, lang: str, *,
                     show_rejected: bool = False) -> pd.DataFrame:
    """The tracker rows with a ``correction`` note ("corrigée : texte (awa)", "rejetée") from the
    ETL decisions with their overrides (etl.overrides; the corrected and rejected ones suffice,
    see loaders.corrected_rows); rows rejected as false extractions are left out unless asked
    for. Their tracker data is kept either way."""
    out = tracked.copy()
    marked = overrides.marked(decisions)
    notes = {r["decision_id"]: correction_note(r, lang) for r in marked.to_dict("records")}
    if not show_rejected and "rejected" in marked.columns:  # no table yet: nothing corrected, nothing rejected
        rejected = set(marked.loc[marked["rejected"].fillna(False).astype(bool), "decision_id"])
        out = out[~out["decision_id"].isin(rejected)]
    out["correction"] = out["decision_id"].map(notes).fillna("").astype(object)
    return out


def table_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What the read-only table shows: labels in `lang`, dates as written, a source link, and a
    correction note when any shown decision was corrected or rejected by an editor."""
    table = pd.DataFrame({
        "decision_id": frame["decision_id"],
        "status": _labels(frame["status"], lambda s: status_label(s, lang)),
        "text": frame["text"],
        "kind": _labels(frame["kind"], lambda k: fmt_kind("decisions", k, lang)),
        "theme": _labels(frame["theme"], lambda th: fmt_theme(th, lang)),
        "country": _labels(frame["country_iso3"], lambda c: fmt_country(c, lang)),
        "announced": _dates(frame["announced_date"], frame["announced_precision"], lang),
        "responsible": frame["responsible"],
        "due_date": pd.to_datetime(frame["due_date"], errors="coerce"),
        "progress": pd.to_numeric(frame["progress"], errors="coerce"),
        "orphaned": frame["orphaned"].astype(bool),
        "source": source_urls(frame["article_id"], frame["char_start"], frame["char_end"]),
    })
    notes = frame["correction"] if "correction" in frame.columns else pd.Series("", index=frame.index)
    if notes.fillna("").astype(bool).any():
        table.insert(3, "correction", notes.fillna("").to_numpy())
    return table


def list_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """table_frame as the HTML list draws it (dashboard.ui.table): the announced date sorts by
    its ISO key, the due date is ISO text, progress a number, an orphaned row ticked."""
    shown = table_frame(frame, lang)
    shown.insert(shown.columns.get_loc("announced") + 1, sort_key_column("announced"),
                 frame["announced_date"].fillna("").astype(str).to_numpy())
    due = shown["due_date"]
    shown["due_date"] = ["" if pd.isna(d) else fmt_short_date(d.date().isoformat(), "day", lang) for d in due]
    shown.insert(shown.columns.get_loc("due_date") + 1, sort_key_column("due_date"),
                 ["" if pd.isna(d) else d.date().isoformat() for d in due])
    shown["orphaned"] = ["✓" if o else "" for o in shown["orphaned"]]
    return shown


def _list_config(lang: str) -> dict:
    cc = st.column_config
    return _column_config(lang) | {
        sort_key_column("announced"): None,
        sort_key_column("due_date"): None,
        "due_date": cc.TextColumn(t("tracker.field.due_date", lang), width="small"),
        "progress": cc.NumberColumn(t("tracker.field.progress", lang), format="%d"),
        "orphaned": cc.TextColumn(t("tracker.field.orphaned", lang), width="small")}


def _labels(codes: pd.Series, label) -> list:
    """label() of each code, called once per distinct code (a few statuses for thousands of rows)."""
    names = {code: label(code) for code in dict.fromkeys(codes)}
    return [names[code] for code in codes]


def _dates(dates: pd.Series, precisions: pd.Series, lang: str, *, short: bool = False) -> list[str]:
    """fmt_date (fmt_short_date) of each row, computed once per distinct (date, precision): babel is slow per call."""
    cache: dict = {}
    out = []
    write = fmt_short_date if short else fmt_date
    for d, p in zip(dates, precisions):
        key = (d, p)
        if key not in cache:
            cache[key] = write(d, p, lang) if isinstance(d, str) and d else "—"
        out.append(cache[key])
    return out


def source_label(title, outlet) -> str:
    """« Titre de l'article (Média) »: the article a decision comes from, as the grid names it."""
    title = title if isinstance(title, str) and title.strip() else ""
    outlet = outlet if isinstance(outlet, str) and outlet.strip() else ""
    return f"{title} ({outlet})" if title and outlet else (title or outlet or "—")


def editor_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows for the bulk editor: what the editor started from (kept with its version), and what
    tells one decision from another (country, theme, announcement, source article and outlet)."""
    due = pd.to_datetime(frame["due_date"], errors="coerce")
    column = lambda name: frame[name] if name in frame.columns else pd.Series(None, index=frame.index)  # noqa: E731
    return pd.DataFrame({
        "decision_id": frame["decision_id"].astype(str),
        "version": frame["version"].astype(int),
        "announced_date": frame["announced_date"],
        "read": False,
        "text": frame["text"].fillna(""),
        "country": _labels(frame["country_iso3"], lambda c: fmt_country(c, lang)),
        "theme": _labels(frame["theme"], lambda th: fmt_theme(th, lang)),
        "announced": _dates(frame["announced_date"], frame["announced_precision"], lang, short=True),
        "source": [source_label(a, b) for a, b in zip(column("article_title"), column("article_source"))],
        "status": frame["status"].map(lambda s: status_label(s, lang)),
        "responsible": frame["responsible"].astype(object).where(frame["responsible"].notna(), None),
        "due_date": [d.date() if not pd.isna(d) else None for d in due],
        "progress": pd.to_numeric(frame["progress"], errors="coerce").astype(float),
        "notes": frame["notes"].astype(object).where(frame["notes"].notna(), None),
        "correction": (frame["correction"].fillna("") if "correction" in frame.columns else ""),
    }).reset_index(drop=True)


def _norm(value):
    """Comparable form of a cell: blanks, NaN and NaT are None; timestamps are days."""
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def _same(a, b) -> bool:
    return _norm(a) == _norm(b)


def status_codes() -> dict[str, str]:
    """label (in every language: a language switch mid-edit must not turn a label into an unknown
    status) or code → status code."""
    return {status_label(s, other): s for s in STATUSES for other in LANGS} | {s: s for s in STATUSES}


def editor_changes(base: pd.DataFrame, edited: pd.DataFrame, lang: str) -> dict[str, tuple[int, dict]]:
    """{decision_id: (version started from, {field: new value})} for the rows the editor changed."""
    codes = status_codes()
    differs = {f: [not _same(a, b) for a, b in zip(base[f], edited[f])] for f in EDITABLE_FIELDS}
    changes: dict[str, tuple[int, dict]] = {}
    for i in (i for i in range(len(base)) if any(differs[f][i] for f in EDITABLE_FIELDS)):
        diff = {}
        for field in (f for f in EDITABLE_FIELDS if differs[f][i]):
            value = _norm(edited[field].iloc[i])
            if field == "status":
                value = codes.get(value, value)
            elif field == "progress" and value is not None:
                value = float(value)
            diff[field] = value
        changes[base["decision_id"].iloc[i]] = (int(base["version"].iloc[i]), diff)
    return changes


def display_value(field: str, value, lang: str) -> str:
    """A stored value (history, conflicts) as the reader writes it: labels, days in the locale, percents."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return "—"
    if field == "status":
        return status_label(str(value), lang)
    if field == "orphaned":
        return t("tracker.yes" if str(value) == "true" else "tracker.no", lang)
    if field == "due_date":
        return fmt_date(str(value)[:10], "day", lang)
    if field == "progress":
        try:
            return f"{fmt_number(float(value), lang)}\u00a0%"
        except ValueError:
            return str(value)
    return str(value)


def editor_names() -> dict[str, str]:
    """user name (as auth keys it) → display name, from the accounts configuration; {} if unreadable."""
    try:
        users = auth.load_users()
    except auth.UserConfigError:
        return {}
    return {key: record.display_name for key, record in users.items() if record.display_name}


def editor_name(username, lang: str, names: dict[str, str] | None = None) -> str:
    """Who made a change, as people know them: the account's display name, the ETL sync in words,
    else the user name as stored (an account since removed)."""
    if not isinstance(username, str) or not username:
        return "—"
    if username == SYSTEM.label:
        return t("tracker.system_editor", lang)
    names = editor_names() if names is None else names
    return names.get(auth.user_key(username)) or username


def history_display(history: pd.DataFrame, lang: str, texts: dict | None = None, *,
                    names: dict[str, str] | None = None, tz: ZoneInfo | None = None) -> pd.DataFrame:
    """History rows for reading: when (the reader's local time), who (display name), field label,
    old → new in words. Versions and ids are for the exports, not for readers."""
    names = editor_names() if names is None else names
    tz = tz or display_timezone(browser_timezone())
    out = pd.DataFrame({
        "changed_at": [local_time(v, lang, tz) for v in history["changed_at"]],
        "editor": [editor_name(e, lang, names) for e in history["editor"]],
        "field": history["field"].map(lambda f: field_label(f, lang)),
        "old_value": [display_value(f, v, lang) for f, v in zip(history["field"], history["old_value"])],
        "new_value": [display_value(f, v, lang) for f, v in zip(history["field"], history["new_value"])],
    })
    if texts is not None:
        out.insert(1, "decision", history["decision_id"].map(lambda d: truncate(texts.get(d, d), 80)))
    return out


# --------------------------------------------------------------------------- database, sync, sign-in

def engine_or_stop(lang: str):
    try:
        return db.get_engine()
    except Exception as exc:  # unreachable server, bad URL: say so instead of a traceback
        st.error(t("tracker.db_error", lang, error=f"{type(exc).__name__}: {exc}"))
        st.stop()


def sync_tables(load_decisions: Callable[[], pd.DataFrame], signature: tuple, engine, lang: str) -> None:
    """Bring the tracker in line with decisions.csv once per version of the file (per process).
    ``load_decisions`` is called only when a sync is due."""
    if signature[1] < 0:  # no build yet: show what the tracker holds, orphan nothing
        return
    url = engine.url.render_as_string(hide_password=True)
    if _synced.get(url) == signature:
        return
    try:
        report = service.sync_decisions(load_decisions(), engine=engine)
    except Exception as exc:
        st.error(t("tracker.sync_error", lang, error=f"{type(exc).__name__}: {exc}"))
        return
    _synced[url] = signature
    if report.duplicates:
        st.warning(tn("tracker.sync_duplicates", report.duplicates, lang))


def current_principal() -> Principal | None:
    return st.session_state.get(PRINCIPAL_KEY)


def signin_panel(engine, lang: str) -> Principal | None:
    """Sidebar: who is signed in, or the sign-in form folded in an "Espace éditeurs" popover
    (readers need no account, and a folded form costs a page nothing to draw). A failed
    sign-in is reported in the sidebar itself, where it stays visible."""
    principal = current_principal()
    if principal is not None:
        with st.sidebar.container(border=True):
            role = t(f"tracker.role.{principal.role}", lang)
            st.markdown(t("tracker.signed_in_as", lang, name=esc(principal.display_name or principal.username), role=role))
            if st.button(t("tracker.sign_out", lang), key="tracker_sign_out", icon=":material/logout:"):
                st.session_state.pop(PRINCIPAL_KEY, None)
                st.rerun()
        return principal
    try:
        users = auth.load_users()
        auth.trusted_proxies()  # a malformed TRACKER_TRUSTED_PROXIES is said here, not ignored
    except auth.UserConfigError as exc:
        st.sidebar.error(t("tracker.users_error", lang, error=str(exc)))
        return None
    with st.sidebar.popover(t("tracker.editor_space", lang), icon=":material/login:", width="stretch"):
        with st.form("tracker_sign_in", clear_on_submit=True, border=False):
            st.caption(t("tracker.sign_in_help", lang) if users else t("tracker.no_users", lang))
            username = st.text_input(t("tracker.username", lang), key="tracker_username")
            password = st.text_input(t("tracker.password", lang), type="password", key="tracker_password")
            submitted = st.form_submit_button(t("tracker.sign_in", lang), icon=":material/login:",
                                              key="tracker_sign_in_submit")
    if submitted:
        try:
            principal = auth.sign_in(username, password, users=users, now=datetime.now(UTC),
                                     client=_client_address(), engine=engine)
        except (SignInFailed, SignInRateLimited) as exc:
            st.sidebar.error(exc.message(lang))
            return None
        st.session_state[PRINCIPAL_KEY] = principal
        st.rerun()
    return None


def _client_address() -> str | None:
    """The connection's address, or the client's behind a proxy named in TRACKER_TRUSTED_PROXIES
    (tracker.auth.client_address); Streamlit reports None for localhost, counted as 127.0.0.1."""
    try:
        peer, headers = st.context.ip_address, dict(st.context.headers)
    except Exception:
        peer, headers = None, {}
    try:
        trusted = auth.trusted_proxies()
    except auth.UserConfigError:
        trusted = []  # a bad setting trusts no header (signin_panel shows the error)
    return auth.client_address(peer, headers, trusted=trusted)


# --------------------------------------------------------------------------- controls and table

MENU_KEYS = {"themes": "tracker_themes", "kinds": "tracker_kinds", "statuses": "tracker_statuses",
             "show_orphaned": "tracker_show_orphaned"}  # the "Filtres et tri" widgets' session keys


def controls(frame: pd.DataFrame, lang: str) -> dict:
    """The search box, and the other filters and the sort folded in a "Filtres et tri" menu whose
    label counts the active ones (a closed menu costs the page nothing to draw; active_filters
    says which apply, under the cards)."""
    search, menu = st.columns([4, 1], vertical_alignment="bottom")
    query = search.text_input(t("tracker.search", lang), key="tracker_search", placeholder=t("tracker.search_hint", lang))
    as_set = {name: st.session_state.get(key, name == "show_orphaned") for name, key in MENU_KEYS.items()}
    active = len(_filter_parts(as_set, lang))  # the widgets' values as this run will read them
    label = t("tracker.filters", lang) + (f" ({active})" if active else "")
    with menu.popover(label, icon=":material/filter_list:", help=t("tracker.filters_help", lang), width="stretch",
                      key="tracker_filters"):
        themes = st.multiselect(t("tracker.theme", lang), sorted(frame["theme"].dropna().unique(),
                                                                 key=lambda th: fold(fmt_theme(th, lang))),
                                key=MENU_KEYS["themes"], placeholder=t("tracker.all", lang),
                                format_func=lambda th: fmt_theme(th, lang))
        kinds = st.multiselect(t("tracker.kind", lang), sorted(frame["kind"].dropna().unique()), key=MENU_KEYS["kinds"],
                               format_func=lambda k: fmt_kind("decisions", k, lang), placeholder=t("tracker.all", lang))
        statuses = st.multiselect(t("tracker.field.status", lang), list(STATUSES), key=MENU_KEYS["statuses"],
                                  format_func=lambda s: status_label(s, lang), placeholder=t("tracker.all", lang))
        sort = st.selectbox(t("tracker.sort", lang), SORTS, key="tracker_sort",
                            format_func=lambda s: t(f"tracker.sort_by.{s}", lang))
        show_orphaned = st.toggle(t("tracker.show_orphaned", lang), value=True, key=MENU_KEYS["show_orphaned"],
                                  help=t("tracker.orphaned_help", lang))
    return {"query": query, "themes": themes, "kinds": kinds, "statuses": statuses, "sort": sort,
            "show_orphaned": show_orphaned}


def _filter_parts(choice: dict, lang: str) -> list[str]:
    """One phrase per filter of the menu that applies ("Thème : santé, eau", "orphelines masquées")."""
    names = {"themes": ("tracker.theme", lambda th: fmt_theme(th, lang)),
             "kinds": ("tracker.kind", lambda k: fmt_kind("decisions", k, lang)),
             "statuses": ("tracker.field.status", lambda s: status_label(s, lang))}
    parts = [t("common.labelled", lang, label=t(label, lang), value=", ".join(name(v) for v in choice[key]))
             for key, (label, name) in names.items() if choice[key]]
    return parts + ([] if choice["show_orphaned"] else [t("tracker.hide_orphaned", lang)])


def active_filters(choice: dict, lang: str) -> str:
    """The filters of the menu that apply, in words ("Filtres : Thème : santé · Statut : Bloquée."),
    or "" when none does: the menu is closed, the list must still say what it leaves out."""
    parts = _filter_parts(choice, lang)
    return t("tracker.active_filters", lang, parts=" · ".join(parts)) if parts else ""


def status_cards(frame: pd.DataFrame, lang: str) -> None:
    counts = service.count_statuses(frame)
    st.html(cards_html([{"label": status_label(s, lang), "value": str(n), "note": t(f"tracker.status_help.{s}", lang)}
                        for s, n in zip(counts["status"], counts["n"])]))


def _column_config(lang: str) -> dict:
    cc = st.column_config
    return {
        "decision_id": None,
        "status": cc.TextColumn(t("tracker.field.status", lang), width="small"),
        "text": cc.TextColumn(t("tracker.col.text", lang), width="large"),
        "kind": cc.TextColumn(t("tracker.kind", lang), width="small"),
        "theme": cc.TextColumn(t("tracker.theme", lang), width="small"),
        "country": cc.TextColumn(t("tracker.col.country", lang), width="small"),
        "announced": cc.TextColumn(t("tracker.col.announced", lang), width="small"),
        "responsible": cc.TextColumn(t("tracker.field.responsible", lang)),
        "due_date": cc.DateColumn(t("tracker.field.due_date", lang), format="YYYY-MM-DD"),
        "progress": cc.ProgressColumn(t("tracker.field.progress", lang), min_value=0, max_value=100, format="%d %%"),
        "orphaned": cc.CheckboxColumn(t("tracker.field.orphaned", lang), help=t("tracker.orphaned_help", lang)),
        "correction": cc.TextColumn(t("correct.column", lang), width="small"),
        "source": cc.LinkColumn(t("tracker.col.source", lang), display_text=t("tracker.source_link", lang)),
    }


SHOWN_ROWS = 1000  # rows sent to the browser in the list and the editor; exports have them all
PICK_CHOICES = 200  # the picker offers the first rows of the list (search narrows it): 1,000 labels weigh on every draw


def content_key(frame: pd.DataFrame) -> tuple[int, str]:
    """A fingerprint of a frame's rows, values and row order, for building its markup once."""
    try:
        rows = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    except TypeError:  # a column of unhashable values (lists, dicts): hash their text
        rows = pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy()
    return len(frame), hashlib.blake2b(rows.tobytes(), digest_size=16).hexdigest()


def decisions_table(rows: pd.DataFrame, principal: Principal | None, engine, lang: str) -> None:
    if rows.empty:
        st.caption(t("tracker.no_match", lang))
        return
    if len(rows) > SHOWN_ROWS:  # thousands of rows take seconds to draw: the first ones, in the chosen order
        st.caption(t("common.rows_shown", lang, shown=SHOWN_ROWS, total=len(rows)))
        rows = rows.head(SHOWN_ROWS)
    if may_write(principal):
        bulk_editor(rows, principal, engine, lang)
    else:  # HTML, not st.dataframe's canvas grid: on screen with the page (sort and search in the browser)
        # keyed on the rows' content: a new session on the same view reuses the markup
        ui.table(lambda: list_frame(rows, lang), _list_config(lang), lang, key="tracker_table",
                 height=min(35 * len(rows) + 45, 560), views=(), params=(content_key(rows),))


def bulk_editor(rows: pd.DataFrame, principal: Principal, engine, lang: str) -> None:
    """Keyed data_editor. While it holds unsaved edits, its rows stay pinned to what was loaded."""
    nonce = st.session_state.setdefault(BULK_NONCE_KEY, 0)
    key = f"tracker_bulk_{nonce}"
    state = st.session_state.get(key) or {}
    base = st.session_state.get(BULK_BASE_KEY)
    if base is None or not state.get("edited_rows"):
        base = st.session_state[BULK_BASE_KEY] = editor_frame(rows, lang)
    elif list(base["decision_id"]) != list(rows["decision_id"].astype(str)):
        st.info(t("tracker.bulk.pinned", lang))
    cc = st.column_config
    edited = st.data_editor(
        base, key=key, hide_index=True, num_rows="fixed",
        column_order=("read", "text", "country", "theme", "announced",
                      *(("correction",) if base["correction"].astype(bool).any() else ()),
                      "status", "responsible", "due_date", "progress", "notes", "source"),
        disabled=("decision_id", "version", "announced_date", "text", "country", "theme", "announced", "source",
                  "correction"),
        column_config={
            "read": cc.CheckboxColumn(t("tracker.full_text", lang), help=t("tracker.full_text_help", lang),
                                      width="small"),
            "text": cc.TextColumn(t("tracker.col.text", lang), width="large"),
            "country": cc.TextColumn(t("tracker.col.country", lang), width="small"),
            "theme": cc.TextColumn(t("tracker.col.theme", lang), width="small"),
            "announced": cc.TextColumn(t("tracker.col.announced", lang), width="small"),
            "source": cc.TextColumn(t("tracker.col.article", lang), width="medium"),
            "correction": cc.TextColumn(t("correct.column", lang), width="small"),
            "status": cc.SelectboxColumn(t("tracker.field.status", lang), options=[status_label(s, lang) for s in STATUSES],
                                         required=True),
            "responsible": cc.TextColumn(t("tracker.field.responsible", lang), max_chars=200),
            "due_date": cc.DateColumn(t("tracker.field.due_date", lang), format=t("tracker.date_format", lang)),
            "progress": cc.NumberColumn(t("tracker.field.progress", lang), min_value=0, max_value=100, step=1,
                                        format="%d", help=t("tracker.progress_help", lang)),
            "notes": cc.TextColumn(t("tracker.field.notes", lang)),
        },
        height=min(35 * len(base) + 40, 560), placeholder="—",
    )
    full_texts(base[edited["read"].fillna(False).astype(bool).to_numpy()], rows, lang)
    changes = editor_changes(base, edited, lang)
    left, right, _ = st.columns([2, 2, 6])
    save = left.button(t("tracker.bulk.save", lang, n=len(changes)), type="primary", disabled=not changes,
                       key="tracker_bulk_save", icon=":material/save:")
    if right.button(t("tracker.bulk.discard", lang), disabled=not changes, key="tracker_bulk_discard"):
        _reset_bulk()
        st.rerun()
    if save:
        _save_bulk(changes, base, principal, engine, lang)


def full_texts(ticked: pd.DataFrame, rows: pd.DataFrame, lang: str) -> None:
    """The whole text, quote and source of the decisions ticked in the grid's "Lire" column."""
    if ticked.empty:
        return
    by_id = rows.assign(decision_id=rows["decision_id"].astype(str)).set_index("decision_id")
    parts = []
    for row in ticked.to_dict("records"):
        found = by_id.loc[row["decision_id"]] if row["decision_id"] in by_id.index else None
        quote = found.get("quote") if found is not None else None
        meta = " · ".join(x for x in (row["country"], row["theme"], row["announced"], row["source"]) if x and x != "—")
        parts.append(f'<div class="tracker-full"><div class="tracker-full-text">{esc_multiline(row["text"])}</div>'
                     f'<div class="src-caption">{esc(meta)}</div>'
                     + (f'<blockquote class="src-caption">« {esc(quote)} »</blockquote>' if isinstance(quote, str)
                        and quote else "") + "</div>")
    with st.container(border=True, key="tracker_full_texts"):
        st.html(f'<div class="section-title">{esc(t("tracker.full_text_title", lang))}</div>' + "".join(parts))


def _reset_bulk() -> None:
    st.session_state[BULK_NONCE_KEY] = st.session_state.get(BULK_NONCE_KEY, 0) + 1
    st.session_state.pop(BULK_BASE_KEY, None)


def _save_bulk(changes: dict, base: pd.DataFrame, principal: Principal, engine, lang: str) -> None:
    announced = dict(zip(base["decision_id"], base["announced_date"]))
    codes = status_codes()
    stored = {d: {"status": codes.get(s, s), "progress": None if pd.isna(p) else int(p)}
              for d, s, p in zip(base["decision_id"], base["status"], base["progress"])}
    problems = []
    for decision_id, (_version, diff) in changes.items():
        try:  # the status and the progress must agree, the one not edited as loaded
            service.validate_changes(diff, announced_date=announced.get(decision_id), current=stored.get(decision_id))
        except InvalidInput as exc:
            problems.append(f"{truncate(_text_of(base, decision_id), 60)} : " + " ".join(exc.messages(lang)))
    if problems:  # nothing is written; the editor keeps every value to fix
        st.error(t("tracker.bulk.invalid", lang) + "\n\n" + "\n".join(f"- {esc(p)}" for p in problems))
        return
    saved = 0
    for decision_id, (version, diff) in changes.items():
        saved += _save(decision_id, diff, version, principal, engine, lang)
    _reset_bulk()
    st.session_state[FLASH_KEY] = tn("tracker.saved_n", saved, lang)
    st.rerun()


def _text_of(base: pd.DataFrame, decision_id: str) -> str:
    match = base.loc[base["decision_id"] == decision_id, "text"]
    return str(match.iloc[0]) if len(match) else decision_id


def _save(decision_id: str, diff: dict, version: int, principal: Principal, engine, lang: str) -> int:
    """1 if saved; a conflict is kept (with the editor's values) for the conflicts panel."""
    try:
        service.update_decision(decision_id, diff, expected_version=version, editor=principal,
                                now=datetime.now(UTC), engine=engine)
        return 1
    except Conflict as exc:
        st.session_state.setdefault(CONFLICTS_KEY, {})[decision_id] = exc
    except (InvalidInput, NotFound, PermissionDenied) as exc:
        st.session_state.setdefault(FLASH_KEY + "_errors", []).append(exc.message(lang))
    return 0


def flash(lang: str) -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")
    for error in st.session_state.pop(FLASH_KEY + "_errors", []):
        st.error(error)


# --------------------------------------------------------------------------- conflicts

def conflicts_panel(principal: Principal | None, engine, lang: str) -> None:
    """Every refused save, with the other editor's change and the editor's own values, until resolved."""
    conflicts: dict[str, Conflict] = st.session_state.get(CONFLICTS_KEY, {})
    for decision_id, conflict in list(conflicts.items()):
        with st.container(border=True):
            editors = sorted({editor_name(r["editor"], lang) for r in conflict.theirs})
            st.error(t("tracker.conflict.title", lang, editors=esc(", ".join(editors) or "?")),
                     icon=":material/sync_problem:")
            theirs = pd.DataFrame(conflict.theirs) if conflict.theirs else pd.DataFrame(
                columns=["changed_at", "editor", "field", "old_value", "new_value", "version"])
            st.caption(t("tracker.conflict.theirs", lang))
            st.dataframe(_history_columns(history_display(theirs, lang), lang), hide_index=True,
                         key=f"tracker_conflict_theirs_{decision_id}")
            st.caption(t("tracker.conflict.mine", lang))
            st.dataframe(pd.DataFrame({
                "field": [field_label(f, lang) for f in conflict.mine],
                "current": [display_value(f, service.history_text(conflict.current.get(f)), lang) for f in conflict.mine],
                "mine": [display_value(f, service.history_text(v), lang) for f, v in conflict.mine.items()],
            }).rename(columns={"field": t("tracker.col.field", lang), "current": t("tracker.col.current", lang),
                               "mine": t("tracker.col.mine", lang)}), hide_index=True, key=f"tracker_conflict_mine_{decision_id}")
            apply, drop, _ = st.columns([3, 2, 5])
            if apply.button(t("tracker.conflict.apply_mine", lang), key=f"tracker_conflict_apply_{decision_id}",
                            type="primary", disabled=not may_write(principal)):
                conflicts.pop(decision_id)
                if _save(decision_id, conflict.mine, conflict.current_version, principal, engine, lang):
                    st.session_state.get(FORM_BASE_KEY, {}).pop(decision_id, None)
                    st.session_state[FLASH_KEY] = tn("tracker.saved_n", 1, lang)
                st.rerun()
            if drop.button(t("tracker.conflict.drop_mine", lang), key=f"tracker_conflict_drop_{decision_id}"):
                conflicts.pop(decision_id)
                st.session_state.get(FORM_BASE_KEY, {}).pop(decision_id, None)
                st.rerun()


# --------------------------------------------------------------------------- attention view

def attention_view(rows: pd.DataFrame, today: date, lang: str) -> None:
    late = service.attention_frame(rows, today=today)
    st.caption(t("tracker.attention.summary", lang, overdue=int(late["overdue"].sum()), stalled=tn("tracker.attention.stalled", int(late["stalled"].sum()), lang),
                 today=fmt_date(today.isoformat(), "day", lang)))
    if late.empty:
        return
    shown = list_frame(late, lang)
    shown.insert(1, "days_late", late["days_late"].to_numpy())
    config = _list_config(lang) | {"days_late": st.column_config.NumberColumn(t("tracker.col.days_late", lang), format="%d")}
    ui.table(shown, config, lang, key="tracker_attention", height=min(35 * len(shown) + 45, 560))


# --------------------------------------------------------------------------- detail: fields, comments, history

def pick_decision(rows: pd.DataFrame, lang: str) -> str | None:
    if rows.empty:
        return None
    wanted = st.query_params.get("decision")
    picked_before = st.session_state.get("tracker_pick")
    # the labels of the first rows and of a linked or open decision only (not of thousands of rows)
    offered = rows.head(PICK_CHOICES)
    kept = rows[rows["decision_id"].isin([d for d in (wanted, picked_before) if d])]
    texts = dict(zip(pd.concat([offered, kept])["decision_id"], pd.concat([offered, kept])["text"].fillna("")))
    ids = list(offered["decision_id"])
    for kept_id in (wanted, picked_before):  # a linked or open decision stays pickable beyond the first rows
        if kept_id in texts and kept_id not in ids:
            ids.append(kept_id)
    if wanted in texts and picked_before not in texts:
        st.session_state["tracker_pick"] = wanted
    first_only = len(rows) > PICK_CHOICES
    picked = st.selectbox(t("tracker.pick", lang), ids, index=None, key="tracker_pick",
                          format_func=lambda d: truncate(texts.get(d) or d, 110), placeholder=t("tracker.pick_hint", lang),
                          help=t("tracker.pick_first", lang, n=fmt_number(PICK_CHOICES, lang),
                                 total=fmt_number(len(rows), lang)) if first_only else None)
    if picked:
        st.query_params["decision"] = picked
    elif "decision" in st.query_params:
        del st.query_params["decision"]
    return picked


def suggested_responsible(decisions: pd.DataFrame, decision_id: str) -> str | None:
    """Who decided, as the ETL read it (``decided_by``): offered to the editor as the responsible body, never saved
    without them."""
    if "decided_by" not in decisions.columns:
        return None
    found = decisions.loc[decisions["decision_id"] == decision_id, "decided_by"].dropna()
    value = str(found.iloc[0]).strip() if len(found) else ""
    return value or None


def decision_detail(decision_id: str, principal: Principal | None, engine, lang: str, *,
                    suggested: str | None = None) -> None:
    try:
        current = service.get_decision(decision_id, engine=engine)
    except NotFound:  # not synced yet: the ETL row exists but the tracker has not seen it
        st.info(t("tracker.not_synced", lang))
        return
    with st.container(border=True):
        _decision_header(current, lang)
        if may_write(principal):
            _edit_form(current, principal, engine, lang, suggested)
        else:
            _read_only_fields(current, lang, suggested)
        comments_col, history_col = st.columns(2)
        with comments_col:
            _comments(decision_id, principal, engine, lang)
        with history_col:
            _history(decision_id, engine, lang)


def _decision_header(current: dict, lang: str) -> None:
    meta = " · ".join(x for x in (fmt_kind("decisions", current["kind"], lang),
                                   fmt_theme(current["theme"], lang) if current["theme"] else "",
                                   fmt_country(current["country_iso3"], lang) if current["country_iso3"] else "",
                                   fmt_date(current["announced_date"], current["announced_precision"], lang)
                                   if current["announced_date"] else "") if x)
    st.html(f'<div class="section-title">{esc(current["text"])}</div><div class="src-caption">{esc(meta)}</div>'
            + (f'<blockquote class="src-caption">« {esc(current["quote"])} »</blockquote>' if current["quote"] else ""))
    url = source_url(current["article_id"], current["char_start"], current["char_end"])
    if url:
        query = {"article": current["article_id"]}
        if "span=" in url:
            query["span"] = url.split("span=")[1]
        try:
            st.page_link("app_pages/sources.py", label=t("tracker.source_link", lang), icon=":material/format_quote:",
                         query_params=query)
        except Exception:  # page not registered (page run on its own): a plain link does the same
            st.markdown(f"[{t('tracker.source_link', lang)}]({url})")
    if current["orphaned"]:
        st.warning(t("tracker.orphaned_warning", lang), icon=":material/link_off:")


def _read_only_fields(current: dict, lang: str, suggested: str | None = None) -> None:
    cols = st.columns(3)  # what a reader follows; the version is the editors' lock, never shown
    cols[0].metric(t("tracker.field.status", lang), status_label(current["status"], lang))
    cols[1].metric(t("tracker.field.due_date", lang), display_value("due_date", current["due_date"], lang))
    cols[2].metric(t("tracker.field.progress", lang), display_value("progress", current["progress"], lang))
    responsible = esc(current["responsible"]) if current["responsible"] else (
        f'— <span class="src-caption">({esc(t("tracker.suggested_responsible", lang, name=suggested))})</span>'
        if suggested else "—")
    st.html(f'<div><b>{esc(t("tracker.field.responsible", lang))}</b> : {responsible}</div>'
            f'<div><b>{esc(t("tracker.field.notes", lang))}</b> : {esc_multiline(current["notes"] or "—")}</div>')


def _edit_form(current: dict, principal: Principal, engine, lang: str, suggested: str | None = None) -> None:
    decision_id = current["decision_id"]
    bases = st.session_state.setdefault(FORM_BASE_KEY, {})
    base = bases.setdefault(decision_id, {f: current[f] for f in (*EDITABLE_FIELDS, "version")})
    if current["version"] != base["version"] and decision_id not in st.session_state.get(CONFLICTS_KEY, {}):
        st.warning(t("tracker.changed_meanwhile", lang, editor=esc(editor_name(current["updated_by"], lang))),
                   icon=":material/update:")
    suffix = f"{decision_id}_{base['version']}"
    with st.form(f"tracker_form_{suffix}", border=False):
        a, b, c = st.columns(3)
        status = a.selectbox(t("tracker.field.status", lang), STATUSES, index=STATUSES.index(base["status"]),
                             format_func=lambda s: status_label(s, lang), key=f"tracker_f_status_{suffix}")
        due = b.date_input(t("tracker.field.due_date", lang), value=base["due_date"], min_value=date(1990, 1, 1),
                           max_value=date(2100, 12, 31), format=t("tracker.date_format", lang),
                           key=f"tracker_f_due_{suffix}")
        progress = c.number_input(t("tracker.field.progress", lang), min_value=0, max_value=100, step=1,
                                  value=base["progress"], key=f"tracker_f_progress_{suffix}",
                                  help=t("tracker.progress_help", lang))
        responsible = st.text_input(t("tracker.field.responsible", lang), value=base["responsible"] or "",
                                    max_chars=200, key=f"tracker_f_responsible_{suffix}",
                                    placeholder=suggested if suggested and not base["responsible"] else None)
        take_suggestion = (st.checkbox(t("tracker.take_suggestion", lang, name=suggested),
                                       key=f"tracker_f_take_suggestion_{suffix}")
                           if suggested and not base["responsible"] else False)
        notes = st.text_area(t("tracker.field.notes", lang), value=base["notes"] or "", key=f"tracker_f_notes_{suffix}")
        submitted = st.form_submit_button(t("tracker.save", lang), type="primary", icon=":material/save:",
                                          key=f"tracker_save_{suffix}")
    if submitted:
        if take_suggestion and not responsible.strip():
            responsible = suggested[:200]     # the editor confirmed who the article says decided
        values = {"status": status, "due_date": due, "progress": progress, "responsible": responsible, "notes": notes}
        diff = {f: v for f, v in values.items() if not _same(v, base[f])}
        if not diff:
            st.info(t("tracker.nothing_changed", lang))
            return
        try:
            service.update_decision(decision_id, diff, expected_version=base["version"], editor=principal,
                                    now=datetime.now(UTC), engine=engine)
        except Conflict as exc:
            st.session_state.setdefault(CONFLICTS_KEY, {})[decision_id] = exc
            st.rerun()
        except (InvalidInput, PermissionDenied, NotFound) as exc:
            st.error(exc.message(lang))  # the form keeps the values to correct
            return
        bases.pop(decision_id, None)
        st.session_state[FLASH_KEY] = tn("tracker.saved_n", 1, lang)
        st.rerun()


def _comments(decision_id: str, principal: Principal | None, engine, lang: str) -> None:
    st.html(f'<div class="section-title">{esc(t("tracker.comments", lang))}</div>')
    comments = service.comments_frame(decision_id, engine=engine)
    if comments.empty:
        st.caption(t("tracker.no_comments", lang))
    names, tz = editor_names(), display_timezone(browser_timezone())
    for row in comments.itertuples():
        st.html(f'<div class="tracker-comment"><div class="src-caption"><b>{esc(editor_name(row.author, lang, names))}</b>'
                f' · {esc(local_time(row.created_at, lang, tz))}</div><div>{esc_multiline(row.body)}</div></div>')
    if not may_write(principal):
        return
    with st.form(f"tracker_comment_{decision_id}", clear_on_submit=False, border=False):
        body = st.text_area(t("tracker.new_comment", lang), key=f"tracker_comment_body_{decision_id}", height=80)
        if st.form_submit_button(t("tracker.add_comment", lang), icon=":material/add_comment:",
                                 key=f"tracker_comment_submit_{decision_id}"):
            try:
                service.add_comment(decision_id, body, editor=principal, now=datetime.now(UTC), engine=engine)
            except (InvalidInput, PermissionDenied, NotFound) as exc:
                st.error(exc.message(lang))
                return
            st.session_state.pop(f"tracker_comment_body_{decision_id}", None)
            st.rerun()


def _history(decision_id: str, engine, lang: str) -> None:
    st.html(f'<div class="section-title">{esc(t("tracker.history", lang))}</div>')
    history = service.history_frame(decision_id, engine=engine)
    if history.empty:
        st.caption(t("tracker.no_history", lang))
        return
    st.dataframe(_history_columns(history_display(history, lang), lang), hide_index=True, key="tracker_history_one",
                 height=min(38 * len(history) + 40, 320))
    st.download_button(t("tracker.export.history_csv", lang), lambda: export.to_csv_bytes(
        export.history_export_frame(service.history_frame(decision_id, engine=engine))),
        file_name=f"historique_{decision_id}.csv", mime="text/csv", on_click="ignore", key="tracker_dl_history_one",
        icon=":material/download:")


def _history_columns(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    zone = zone_label(display_timezone(browser_timezone()), lang)
    return frame.rename(columns={c: t(f"tracker.col.{c}", lang, zone=zone) for c in frame.columns})


def history_view(rows: pd.DataFrame, engine, lang: str) -> None:
    """The latest changes to the decisions shown; the export button gives all of them."""
    ids = list(rows["decision_id"])
    history = service.history_frame(ids, limit=HISTORY_SHOWN, engine=engine)
    st.caption(tn("tracker.history_summary", service.history_count(ids, engine=engine), lang, shown=len(history)))
    if not history.empty:
        texts = dict(zip(rows["decision_id"], rows["text"].fillna("")))
        st.dataframe(_history_columns(history_display(history, lang, texts), lang), hide_index=True,
                     key="tracker_history_all", placeholder="—")


# --------------------------------------------------------------------------- exports

def export_buttons(rows: pd.DataFrame, engine, lang: str) -> None:
    """CSV (UTF-8 with BOM) and XLSX of the decisions shown with their current statuses, and their
    history, one under the other (in the page's download menu, see downloads.download_buttons).

    The files are built when clicked, from the database as it is then.
    """
    ids = list(rows["decision_id"])

    def fresh() -> pd.DataFrame:
        frame = service.tracker_frame(engine=engine)
        return frame[frame["decision_id"].isin(set(ids))]

    stamp = datetime.now(UTC).strftime("%Y%m%d")
    st.caption(t("tracker.export.caption", lang))
    st.download_button(t("tracker.export.csv", lang),
                       lambda: export.to_csv_bytes(export.decisions_export_frame(fresh(), lang)),
                       file_name=f"suivi_decisions_{stamp}.csv", mime="text/csv", on_click="ignore",
                       key="tracker_dl_csv", icon=":material/download:", width="stretch")
    st.download_button(t("tracker.export.xlsx", lang),
                       lambda: export.tracker_workbook(fresh(), service.history_frame(ids, engine=engine), lang),
                       file_name=f"suivi_decisions_{stamp}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
                       key="tracker_dl_xlsx", icon=":material/download:", width="stretch")
    st.download_button(t("tracker.export.history_csv", lang),
                       lambda: export.to_csv_bytes(export.history_export_frame(service.history_frame(ids, engine=engine))),
                       file_name=f"historique_decisions_{stamp}.csv", mime="text/csv", on_click="ignore",
                       key="tracker_dl_history", icon=":material/download:", width="stretch")
