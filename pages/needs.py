"""Besoins: people in need and other figures by country and indicator, each bar with its
source, then every figure in a table with its qualifier ("près de", "plus de"), the figures
that disagree between sources, and (editors) the import of official figures."""
import streamlit as st

from dashboard.preload import start_run

start_run()  # modules imported once for all sessions, one published build for this run

from dashboard import charts, intake_ui, loaders, ui, views  # noqa: E402
from dashboard.downloads import download_buttons  # noqa: E402
from dashboard.filters import current_filters  # noqa: E402
from dashboard.i18n import current_language, t  # noqa: E402

lang = current_language()
ui.require_articles(t("needs.title", lang), lang)
principal = intake_ui.editor(lang)
filters = current_filters()
ui.page_header(t("needs.title", lang), t("needs.subtitle", lang, n=loaders.filtered_count("figures", filters)))
intake_ui.flash(lang)
filters = intake_ui.figure_sources(filters, lang, key="needs_figure_sources")
figures = loaders.filtered("figures", filters)

others = figures[figures["indicator"].isin(charts.OTHER_PEOPLE_INDICATORS) & (figures["unit"] == "people")
                 & figures["value"].notna()]
need_chart = dict(title=t("needs.chart_need", lang))
name_need, name_other = (("besoins_par_pays", "chiffres_par_indicateur") if lang == "fr"
                         else ("people_in_need_by_country", "figures_by_indicator"))
if others.empty:  # nothing for a second chart: the first takes the width
    ui.plot(lambda: charts.needs_by_country_figure(views.needs_by_country(figures), lang, **need_chart), name_need,
            key="chart_need", views=("figures",), params=(filters, lang), width=ui.FULL_WIDTH)
else:
    left, right = st.columns(2, gap="medium")
    with left:
        ui.plot(lambda: charts.needs_by_country_figure(views.needs_by_country(figures), lang, wrap=60, **need_chart),
                name_need, key="chart_need_half", views=("figures",), params=(filters, lang), width=ui.HALF_WIDTH)
    with right:
        ui.plot(lambda: charts.indicators_by_country_figure(others, lang, title=t("needs.chart_other", lang), wrap=90),
                name_other, key="chart_other", views=("figures",), params=(filters, lang), width=ui.HALF_WIDTH)

ui.section(t("needs.table_title", lang))
if figures.empty:
    ui.caption(t("empty.filtered", lang))
else:
    frame, config, total = loaders.display_table("figures", filters, lang)
    ui.table(frame, config, lang, key="figures", height=420, views=("figures",), params=(filters,))
    if total > len(frame):
        ui.caption(t("common.rows_shown", lang, shown=len(frame), total=total))
    download_buttons(figures, name=t("exports.file_figures", lang), hxl_table="figures")
intake_ui.rejected_toggle(lang)
intake_ui.discrepancy_section(filters, lang)
intake_ui.import_panel(lang, principal)
