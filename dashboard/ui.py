"""Small Streamlit rendering helpers shared by the pages (headers, cards, empty state).

HTML comes from dashboard.html (pure, escaped); untrusted text never goes through
st.markdown/st.caption, which would read it as Markdown (links, images).
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import streamlit as st

from dashboard import components
from dashboard import html as H
from dashboard.charts import slide_config
from presentation.i18n import t
from presentation.safe import esc

STYLE = (Path(__file__).resolve().parent / "style.css").read_text(encoding="utf-8")
PRESENT_STYLE = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpandSidebarButton"] { display: none !important; }
.block-container { padding-top: 1.2rem !important; }
"""


def inject_style(presentation: bool, lang: str = "fr") -> None:
    """The app's style, and the script that puts Streamlit's own widget words (« Select all »…)
    in the page's language (dashboard.html.widget_words_html)."""
    st.html(f"<style>{STYLE}{PRESENT_STYLE if presentation else ''}</style>" + H.widget_words_html(lang),
            unsafe_allow_javascript=True)


PAGE_BUNDLES = {"needs": "plotly", "timeline": "plotly", "actors": "plotly"}


def preload_bundle(page: str) -> None:
    """A component at the top of the sidebar on every page, so that Streamlit's own code for
    components is fetched with the sidebar's widgets, not after the page's first table or chart
    (it held the page's first paint back by 0.1–0.3 s). For a page that draws plotly charts, it
    also starts loading plotly.js, unless charts are first shown as pictures
    (dashboard.static_charts): plotly.js then loads when a chart goes live, off the page's first
    drawing. The deck.gl map loads its shipped bundle once its picture is shown
    (dashboard.html.deck_parts)."""
    from dashboard import static_charts

    bundle = PAGE_BUNDLES.get(page)
    if bundle == "plotly" and _shipped_plotly() and not static_charts.enabled():
        components.mount("preload", H.PLOTLY_BUNDLE, key="plotly")
    else:
        components.mount("preload", {}, key="none")


def page_header(title: str, subtitle: str | None = None) -> None:
    """The page's title line (the code its charts or map need is already loading, see preload_bundle)."""
    sub = f'<div class="page-sub">{esc(subtitle)}</div>' if subtitle else ""
    st.html(f'<div class="page-head"><h1 class="page-title">{esc(title)}</h1>{sub}</div>')


def section(title: str) -> None:
    st.html(f'<div class="section-title">{esc(title)}</div>')


def caption(text: str) -> None:
    """A caption holding untrusted text."""
    st.html(f'<div class="src-caption">{esc(text)}</div>')


def empty_state(lang: str) -> None:
    """What to do when no article has been loaded yet: the folder the app reads its articles
    from (``make run ARTICLES=DIR`` serves another one) and the command that builds it."""
    folder, command = articles_howto(lang)
    st.info(t("empty.title", lang), icon=":material/inbox:")
    st.markdown(t("empty.howto", lang, folder=folder, command=command))


def articles_howto(lang: str) -> tuple[str, str]:
    """(the articles folder as a user would type it, the command that builds its tables)."""
    from etl import paths

    folder = paths.articles_dir()
    try:
        shown = f"{folder.relative_to(paths.ROOT)}/"
    except ValueError:
        shown = f"{folder}/"
    if folder == paths.ROOT / "data" / "articles":
        return shown, f"`make run` {t('empty.or', lang)} `python -m etl build`"
    return shown, f"`make run ARTICLES={shown.rstrip('/')}`"


def has_articles() -> bool:
    from dashboard import loaders

    return loaders.article_count() > 0


def require_articles(title: str, lang: str) -> None:
    """Header, then stop the page with the empty state when no article is loaded."""
    if not has_articles():
        page_header(title)
        empty_state(lang)
        st.stop()


PLOTLY_JS = Path(__file__).resolve().parents[1] / "static" / "plotly-basic.min.js"


def _shipped_plotly() -> bool:
    return PLOTLY_JS.exists() and bool(st.get_option("server.enableStaticServing"))


def _shipped_deck() -> bool:
    from dashboard.assets import DECK_JS

    return DECK_JS.exists() and bool(st.get_option("server.enableStaticServing"))


def deck_map(build, *, key: str, views: tuple[str, ...], params: tuple, alt: str = "",
             width: tuple[int, int] | None = None):
    """The map ``build(width)`` lays out (a dashboard.maps.MapSpec for a box ``width`` CSS pixels
    wide at 1920×1080: ``width`` is (normal, presentation mode)), built once per change of
    ``views`` × ``params`` (dashboard.loaders.memo). Shown at once as its picture (maps.map_svg),
    then live, drawn by the shipped deck.gl bundle from the same spec (maps.to_deck,
    dashboard.html.deck_parts); without that bundle, by st.pydeck_chart. Returns the spec: the
    page shows its legend, numbered list and caption."""
    from dashboard import loaders, maps

    box = (width or FULL_WIDTH)[1 if st.session_state.get("present") else 0]
    spec = loaders.memo(key, views, (*params, box), lambda: build(box))
    if not _shipped_deck():
        st.pydeck_chart(maps.to_deck(spec), height=spec.height)
        return spec

    def parts() -> tuple[str, dict, str]:
        deck_spec = json.loads(maps.to_deck(spec).to_json())
        deck_spec.pop("mapStyle", None)  # pydeck's "no style" sentinel: no provider, no basemap
        return (json.dumps(deck_spec, separators=(",", ":"), ensure_ascii=False), maps.TOOLTIP,
                maps.map_svg(spec, furniture=False))

    deck_json, tooltip, picture = loaders.memo(f"{key}:live", views, (*params, box), parts)
    components.mount("map", H.deck_parts(deck_json, tooltip, f"map-{key}", spec.height, picture=picture, alt=alt),
                     key=key)
    return spec


def map_notes(spec) -> None:
    """The numbered labels a map could not place, and its caption (dashboard.maps.MapSpec)."""
    st.html(H.map_notes_html(spec.listed, spec.caption))


# A chart's box in CSS pixels at 1920×1080, the briefing resolution (normal, presentation
# mode): the size its picture is drawn at (dashboard.static_charts); at other sizes the
# picture is shown scaled until the live chart replaces it.
FULL_WIDTH = (1460, 1760)
HALF_WIDTH = (714, 864)  # st.columns(2, gap="medium")


def plot(fig, filename: str, *, key: str, views: tuple[str, ...] | None = None, params: tuple = (),
         width: tuple[int, int] | None = None) -> None:
    """A chart with its slide export settings. Drawn by the shipped plotly.js basic bundle
    (a quarter of Streamlit's full one: pages draw faster), else by st.plotly_chart.
    With ``views``, ``fig`` is a function building the figure: it runs once per change of
    those views × ``params`` (dashboard.loaders.memo), not on every rerun.
    ``width``: the chart's box in CSS pixels at 1920×1080 (normal, presentation mode); the chart
    is then first shown as its picture once dashboard.static_charts has drawn it at that size."""
    import plotly.io as pio

    def serialise(figure) -> tuple[str, int, str]:
        title = (figure.layout.title.text or "") if figure.layout.title else ""
        return pio.to_json(figure, validate=False), int(figure.layout.height or 450), re.sub(r"<[^>]+>", "", title)

    if views is not None:
        from dashboard import loaders

        spec, height, title = loaders.memo(f"chart:{key}", views, params, lambda: serialise(fig()))
    else:
        spec, height, title = serialise(fig)
    if _shipped_plotly():
        picture = None
        if width:
            from dashboard import static_charts

            picture = static_charts.picture(spec, width[1] if st.session_state.get("present") else width[0], height)
        data = H.plotly_parts(spec, slide_config(filename), f"chart-{key}", height, picture=picture,
                              alt=html.unescape(title))
        if picture:  # the picture in the page's first paint; the component adopts it (chart.js, adoptMarkup)
            st.html(data["html"])
            data = {**data, "html": ""}
        components.mount("chart", data, key=key)
    else:
        st.plotly_chart(pio.from_json(spec), config=slide_config(filename), key=key, theme=None)


def table(frame, config: dict, lang: str, *, key: str, height: int = 420, views: tuple[str, ...] | None = None,
          params: tuple = ()) -> None:
    """A read-only table drawn as HTML (dashboard.html.table_parts, the ``table`` component): on screen with the page,
    where an st.dataframe first loads its grid; sorting and search run in the browser. With
    ``views``, the markup is built once per change of those views × ``params``, and ``frame``
    may be a function making the frame (called only then)."""
    def build():
        return H.table_parts(frame() if callable(frame) else frame, config, lang, element_id=f"table-{key}",
                             height=height)

    if views is not None:
        from dashboard import loaders

        data = loaders.memo(f"table:{key}", views, (lang, height, *params), build)
    else:
        data = build()
    components.mount("table", data, key=key)


def svg(markup: str, *, key: str) -> None:
    """A static SVG map or figure (dashboard.maps.map_svg)."""
    components.mount("svg", H.svg_parts(markup, f"svg-{key}"), key=key)


def cards(items: list[dict]) -> None:
    st.html(H.cards_html(items))


def legend(items, *, title: str | None = None) -> None:
    st.html(H.legend_html(items, title))
