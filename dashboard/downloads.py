"""Download buttons for what a page shows (CSV, XLSX, HXL, GeoJSON) and the one-click
briefing pack. One call per page:

    download_buttons(figures, name="chiffres", hxl_table="figures", geojson=layers)
    briefing_button(filters)

The files are built only when a button is clicked (deferred data), so a page that is
merely viewed pays nothing. Hidden in presentation mode: slides show no chrome.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from dashboard.filters import Filters
from dashboard.geojson import GEOJSON_MIME, geojson_bytes
from presentation import exports
from presentation.formatting import fmt_number
from presentation.i18n import current_language, t, tn


@dataclass(frozen=True)
class DownloadSpec:
    fmt: str
    label: str
    file_name: str
    mime: str
    data: Callable[[], bytes]
    icon: str
    help: str | None = None


def _slug(name: str) -> str:
    import re

    from etl.text import fold

    return re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_") or "export"


def _once(make: Callable[[], object]) -> Callable[[], object]:
    """``make`` run at most once, on first call (the CSV and XLSX share one export frame)."""
    done: list = []

    def get():
        if not done:
            done.append(make())
        return done[0]
    return get


def download_specs(df: pd.DataFrame, *, name: str, lang: str, hxl_table: str | None = None,
                   geojson: dict | Callable[[], dict] | None = None) -> list[DownloadSpec]:
    """The downloads of one frame: CSV and XLSX always, HXL when the frame is a known table,
    GeoJSON when map layers (a FeatureCollection, or a function making one) are given.
    Nothing is built here: each ``data`` builds its bytes when called."""
    frame = df.copy()
    stem = _slug(name)
    table = _once(lambda: exports.export_frame(frame, hxl_table, lang) if hxl_table else frame)
    specs = [
        DownloadSpec("csv_excel", t("exports.csv", lang), f"{t('exports.file_excel', lang, name=stem)}.csv",
                     exports.CSV_MIME, lambda: exports.excel_csv_bytes(table(), lang), ":material/table_view:",
                     t("exports.csv_excel_help", lang)),
        DownloadSpec("csv", t("exports.csv_plain", lang), f"{stem}.csv", exports.CSV_MIME,
                     lambda: exports.csv_bytes(table()), ":material/data_object:", t("exports.csv_plain_help", lang)),
        DownloadSpec("xlsx", t("exports.xlsx", lang), f"{stem}.xlsx", exports.XLSX_MIME,
                     lambda: exports.xlsx_bytes({name: table()}, lang=lang), ":material/grid_on:",
                     t("exports.xlsx_help", lang)),
    ]
    if hxl_table:
        specs.append(DownloadSpec("hxl", t("exports.hxl", lang), f"{stem}_hxl.csv", exports.CSV_MIME,
                                  lambda: exports.hxl_csv_bytes(frame, hxl_table, lang), ":material/tag:",
                                  t("exports.hxl_help", lang)))
    if geojson is not None:
        layers = geojson if callable(geojson) else (lambda: geojson)
        specs.append(DownloadSpec("geojson", t("exports.geojson", lang), f"{stem}.geojson", GEOJSON_MIME,
                                  lambda: geojson_bytes(layers()), ":material/map:"))
    return specs


def _presenting() -> bool:
    return bool(st.session_state.get("present"))


def download_buttons(df: pd.DataFrame, *, name: str, hxl_table: str | None = None,
                     geojson: dict | Callable[[], dict] | None = None, key: str | None = None,
                     more: Callable[[], None] | None = None) -> None:
    """A "Télécharger" menu with the CSV, XLSX, HXL and GeoJSON of ``df`` (as the page shows it,
    filters applied). ``name`` names the files and the sheet; ``hxl_table`` is one of
    exports.EXPORT_TABLES; ``geojson`` may be a function (called in the download's thread:
    give it values, not Streamlit calls, e.g. functools.partial with loaded layers). ``more``
    draws a page's own downloads in the same menu, after these (one menu per page: a closed
    menu costs the page nothing to draw)."""
    if _presenting():
        return
    lang = current_language()
    key = key or f"dl_{_slug(name)}"
    with st.popover(t("exports.menu", lang), icon=":material/download:", help=t("exports.menu_help", lang),
                    key=f"{key}_menu"):
        st.caption(tn("exports.rows", len(df), lang))
        for spec in download_specs(df, name=name, lang=lang, hxl_table=hxl_table, geojson=geojson):
            st.download_button(spec.label, spec.data, file_name=spec.file_name, mime=spec.mime, icon=spec.icon,
                               key=f"{key}_{spec.fmt}", on_click="ignore", width="stretch", help=spec.help)
        if more is not None:
            more()


# --------------------------------------------------------------------------- briefing pack

def _pack_tables() -> dict[str, pd.DataFrame]:
    from dashboard import loaders

    return {"figures": loaders.load_view("figures"), "decisions": loaders.load_view("decisions"),
            "events": loaders.load_view("events"), "articles": loaders.load_table("articles"),
            "places": loaders.load_table("places")}


def briefing_button(filters: Filters, *, today: date | None = None, key: str = "briefing_pack") -> None:
    """One click: the briefing pack (PowerPoint and PDF) for the current filters and language,
    with a progress bar; then one download button per file. A failure says what failed."""
    if _presenting():
        return
    from dashboard import briefing_pack, loaders

    lang = current_language()
    wanted = (filters, lang)
    if st.button(t("briefing_pack.button", lang), key=key, icon=":material/slideshow:",
                 help=t("briefing_pack.button_help", lang)):
        bar = st.progress(0.0, text=t("briefing_pack.progress_content", lang))
        try:
            pack = briefing_pack.build_briefing(
                _pack_tables(), lang=lang, today=today or date.today(), filters=filters,
                countries=loaders.load_layer("country_layer"),
                progress=lambda fraction, message: bar.progress(min(max(fraction, 0.0), 1.0), text=message))
        except briefing_pack.BriefingError as exc:
            bar.empty()
            st.session_state.pop(f"{key}_result", None)
            st.error(t("briefing_pack.error", lang, error=str(exc)), icon=":material/error:")
            return
        bar.empty()
        st.session_state[f"{key}_result"] = (wanted, pack.file_stem, pack.pptx, pack.pdf, pack.seconds)
    result = st.session_state.get(f"{key}_result")
    if not result or result[0] != wanted:  # made for other filters or another language
        return
    _, stem, pptx, pdf, seconds = result
    st.caption(t("briefing_pack.ready", lang, seconds=fmt_number(round(seconds, 1), lang)))
    left, right = st.columns(2)
    left.download_button(t("briefing_pack.download_pptx", lang), pptx, file_name=f"{stem}.pptx",
                         mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                         icon=":material/co_present:", key=f"{key}_pptx", on_click="ignore", width="stretch")
    right.download_button(t("briefing_pack.download_pdf", lang), pdf, file_name=f"{stem}.pdf", mime="application/pdf",
                          icon=":material/picture_as_pdf:", key=f"{key}_pdf", on_click="ignore", width="stretch")
