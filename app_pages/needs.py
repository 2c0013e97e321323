"""Besoins: national figures by country (one measure, the press figure with the official one
beside it), other people counts in small multiples, trends over time per country (press and
official apart, each point linked to its passage), then every figure — needs and funding first,
deaths and other counts in tabs of their own —, the figures that disagree, and (editors) the import of
official figures."""
import streamlit as st

from dashboard.preload import start_run

start_run()  # modules imported once for all sessions, one published build for this run

from dashboard import charts, intake_ui, loaders, ui, views  # noqa: E402
from dashboard.briefing import sources_href  # noqa: E402
from dashboard.downloads import download_buttons  # noqa: E402
from dashboard.filters import current_filters  # noqa: E402
from presentation.formatting import fmt_indicator  # noqa: E402
from presentation.i18n import current_language, t, tn  # noqa: E402

lang = current_language()
ui.require_articles(t("needs.title", lang), lang)
principal = intake_ui.editor(lang)
filters = current_filters()
ui.page_header(t("needs.title", lang), tn("needs.subtitle", loaders.filtered_count("figures", filters), lang))
intake_ui.flash(lang)
filters = intake_ui.figure_sources(filters, lang, key="needs_figure_sources")
figures = loaders.filtered("figures", filters)

others = views.in_region(figures)
others = others[others["indicator"].isin(charts.OTHER_PEOPLE_INDICATORS) & (others["unit"] == "people")
                & others["value"].notna()]
need_chart = dict(title=t("needs.chart_need", lang))
name_need, name_other = (("besoins_par_pays", "chiffres_par_indicateur") if lang == "fr"
                         else ("people_in_need_by_country", "figures_by_indicator"))
if others.empty:  # nothing for a second chart: the first takes the width
    ui.plot(lambda: charts.needs_by_country_figure(views.needs_by_country(figures), lang, **need_chart,
                                                   width=ui.FULL_WIDTH[0]),
            name_need, key="chart_need", views=("figures",), params=(filters, lang), width=ui.FULL_WIDTH)
else:
    left, right = st.columns(2, gap="medium")
    with left:
        ui.plot(lambda: charts.needs_by_country_figure(views.needs_by_country(figures), lang, **need_chart,
                                                       width=ui.HALF_WIDTH[0]),
                name_need, key="chart_need_half", views=("figures",), params=(filters, lang), width=ui.HALF_WIDTH)
    with right:
        ui.plot(lambda: charts.indicators_by_country_figure(others, lang, title=t("needs.chart_other", lang),
                                                            width=ui.HALF_WIDTH[0]),
                name_other, key="chart_other", views=("figures",), params=(filters, lang), width=ui.HALF_WIDTH)

ui.section(t("trend.section", lang))
measures = [i for i in charts.PEOPLE_INDICATORS if i in set(figures["indicator"])] or [charts.PEOPLE_INDICATORS[0]]
default = views.need_indicator(figures)
indicator = st.selectbox(t("trend.pick", lang), measures, index=measures.index(default) if default in measures else 0,
                         format_func=lambda i: fmt_indicator(i, lang), key="trend_indicator", help=t("trend.help", lang))
ui.plot(lambda: charts.trends_figure(charts.trend_points(figures, indicator, lang, href=lambda r: sources_href(
    r["article_id"], r.get("char_start"), r.get("char_end"), filters=filters, lang=lang)), lang,
    title=t("trend.title", lang, indicator=fmt_indicator(indicator, lang)), width=ui.FULL_WIDTH[0]),
    "tendances" if lang == "fr" else "trends", key="chart_trends", views=("figures",), params=(filters, lang, indicator),
    width=ui.FULL_WIDTH)

ui.section(t("needs.table_title", lang))
if figures.empty:
    ui.caption(t("empty.filtered", lang))
else:
    # deaths in a tab of their own, shown when some figure counts them (dashboard.tables.figures_part)
    parts = ("needs", "deaths", "other") if figures["indicator"].isin(views.DEATH_INDICATORS).any() else ("needs", "other")
    tabs = st.tabs([t(f"needs_tabs.{part}", lang) for part in parts], key="needs_table_tab", on_change="rerun")
    for tab, part in zip(tabs, parts):
        if not tab.open:  # a hidden tab's table is sent when it is opened (a rerun), not with the page
            continue
        with tab:
            frame, config, total = loaders.display_table(f"figures:{part}", filters, lang)
            ui.table(frame, config, lang, key=f"figures_{part}", height=420, views=("figures",), params=(filters,))
            if total > len(frame):
                ui.caption(t("common.rows_shown", lang, shown=len(frame), total=total))
    download_buttons(figures, name=t("exports.file_figures", lang), hxl_table="figures")
intake_ui.rejected_toggle(lang)
intake_ui.discrepancy_section(filters, lang)
intake_ui.import_panel(lang, principal)
