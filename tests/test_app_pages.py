"""Every page under Streamlit's AppTest: no exception, key elements present, FR/EN switch,
filters and language kept in the URL, presentation mode, empty state."""
from __future__ import annotations

import json
import re

import pytest
import streamlit as st
from conftest import ROOT
from dashboard_fixtures import html_bodies, html_tables, page_table, read_text, write_tables
from streamlit.testing.v1 import AppTest

PAGES = ("overview", "map", "needs", "decisions", "timeline", "actors", "sources")
OWN_PAGES = tuple(p for p in PAGES if p != "decisions")  # the Décisions page is tested by its owner


@pytest.fixture
def tables(tmp_path, monkeypatch):
    folder = write_tables(tmp_path / "tables")
    monkeypatch.setenv("SAHEL_TABLES_DIR", str(folder))
    monkeypatch.setenv("SAHEL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tracker.sqlite'}")
    st.cache_data.clear()
    yield folder
    st.cache_data.clear()


@pytest.fixture
def no_tables(tmp_path, monkeypatch):
    monkeypatch.setenv("SAHEL_TABLES_DIR", str(tmp_path / "nothing"))
    monkeypatch.setenv("SAHEL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tracker.sqlite'}")
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def open_page(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def html(at: AppTest) -> str:
    return "\n".join(html_bodies(at))


def svg_maps(at: AppTest) -> list[str]:
    """The static SVG maps of the page (their markup travels as JSON, see dashboard.html.svg_parts)."""
    found = re.findall(r'<script type="application/json" id="svg-[^"]*-svg">(.*?)</script>', html(at))
    return [json.loads(payload) for payload in found]


def map_specs(at: AppTest) -> list[str]:
    """The deck.gl specs (pydeck JSON) of the page's maps: drawn by the shipped deck.gl bundle
    (dashboard.html.deck_parts, what ``make install`` sets up), else by st.pydeck_chart."""
    found = re.findall(r'<script type="application/json" id="map-[^"]+-spec">(.*?)</script>', html(at))
    return [json.dumps(json.loads(m)) for m in found] + [c.proto.json for c in at.get("deck_gl_json_chart")]


def plotly_titles(at: AppTest) -> list[str]:
    """Chart titles, whichever way the chart is drawn (shipped plotly.js bundle or st.plotly_chart)."""
    import json
    import re

    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    specs += [json.loads(m) for m in re.findall(r'<script type="application/json" id="chart-[^"]+-spec">(.*?)</script>',
                                               html(at), flags=re.S)]
    return [spec["layout"]["title"]["text"] for spec in specs]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(tables, page):
    at = open_page(page)
    assert html_bodies(at) or at.title  # something was drawn


def test_overview_briefing(tables):
    at = open_page("overview")
    body = html(at)
    assert "Vue d&#x27;ensemble" in body or "Vue d'ensemble" in body
    assert "8,4\u00a0M" in body and "4,8\u00a0M" in body  # people in need by country
    # each card: what it counts, its reference year, its source as media, title, date (never a file name)
    assert "personnes dans le besoin, 2024 · Sahel Info, Les ministres de l&#x27;AES face aux crises" in body
    assert "a_sahel.txt" not in body
    assert "Décisions et engagements" in body and "Derniers événements" in body and "Décisions récentes" in body
    assert "2 mars (année non précisée)" in body  # a date without a year says so
    svg = svg_maps(at)  # the small map, with the choropleth and the events
    assert len(svg) == 1 and 'class="needs-country"' in svg[0] and 'class="marker events"' in svg[0]
    assert "Sources : articles de presse." in svg[0]  # legend and caption inside the picture
    assert not map_specs(at)  # static: no WebGL bundle on the one-slide briefing


def test_map_page_layers_and_legend(tables):
    at = open_page("map")
    assert len(map_specs(at)) == 1
    body = html(at)
    assert "personnes dans le besoin" in body and "Événements datés" in body  # the legend names every layer
    assert "Sources : articles de presse." in body  # the caption names the kinds of sources
    pills = at.get("button_group")
    layers = next(p for p in pills if p.key == "map_layers")
    assert set(layers.value) == {"needs", "admin1", "local", "corridors", "events"}
    layers.set_value(["communes"]).run()
    assert not at.exception
    spec = map_specs(at)[0]
    assert '"communes-points"' in spec and '"needs-country"' not in spec


def test_needs_page_charts_and_table(tables):
    at = open_page("needs")
    titles = plotly_titles(at)
    assert any("Personnes dans le besoin par pays" in t for t in titles) and len(titles) == 3
    assert any("Évolution dans le temps : personnes dans le besoin" in t for t in titles)  # the trends
    frame = page_table(at)  # the first tab: needs and funding, people in need first
    assert "Qualificatif" in frame.columns and "près de" in set(frame["Qualificatif"])
    assert "Passage" in frame.columns and frame["Passage"].str.startswith("sources?article=").all()
    assert list(frame["Indicateur"])[:2] == ["personnes dans le besoin"] * 2
    assert "effectif" not in set(frame["Indicateur"]) and "durée" not in set(frame["Indicateur"])
    assert [tab.label for tab in at.tabs] == ["Besoins et financements", "Autres chiffres (comptes, durées, pourcentages)"]
    assert len(html_tables(html(at))) == 1  # a hidden tab's table is not sent with the page
    other = page_table(open_needs_tab(at, at.tabs[1].label))  # the second tab: counts and durations apart
    assert set(other["Indicateur"]) == {"effectif", "durée"}
    assert "Passage" in other.columns and len(html_tables(html(at))) == 1


def open_needs_tab(at: AppTest, label: str) -> AppTest:
    """Besoins after a user opened its figures tab ``label`` (the tabs rerun the page)."""
    at.session_state["needs_table_tab"] = label
    return at.run()


def test_timeline_page_keeps_undated_apart(tables):
    at = open_page("timeline")
    assert any("Événements dans le temps" in t for t in plotly_titles(at))
    body = html(at)
    assert "Non placés sur l" in body and "2 mars (année non précisée)" in body


def test_actors_page_picks_an_actor_from_the_list_or_a_link(tables):
    at = open_page("actors")
    frame = page_table(at)
    assert {"Acteur", "Rôle", "Pays", "Articles qui le citent", "Mentions citées"} <= set(frame.columns)
    assert "Robert Dussey" in set(frame["Acteur"])
    link = frame.loc[frame["Acteur"] == "Robert Dussey", "Mentions citées"].iloc[0]
    assert link.startswith("actors?actor=")
    assert "Mentions de Robert Dussey" not in html(at)
    actor_id = link.split("actor=")[1]
    at.selectbox(key="actor_pick").set_value(actor_id).run()  # picked: mentions open, the URL names the actor
    assert "Mentions de Robert Dussey" in html(at) and "sources?article=" in html(at)
    assert at.query_params["actor"] in (actor_id, [actor_id])
    linked = open_page("actors", actor=actor_id)  # the row's link opens the same view
    assert linked.selectbox(key="actor_pick").value == actor_id
    assert "Mentions de Robert Dussey" in html(linked)


def test_sources_page_viewer_from_link(tables):
    text = read_text(tables, "a_sahel")
    quote = "Le Mali compte 4,8 millions de personnes en détresse"
    start = text.index(quote)
    at = open_page("sources", article="a_sahel", span=f"{start}-{start + len(quote)}")
    body = html(at)
    assert f'id="span-{start}-{start + len(quote)}"' in body
    assert "sp-focus" in body and "sp-figure" in body and "sp-decision" in body and "sp-actor" in body
    assert "row-figure-" in body  # each span links to its row, each row to its span
    assert at.selectbox(key="source_article").value == "a_sahel"


def test_article_lists_offer_the_newest_and_any_article_asked_for(tables, monkeypatch):
    from dashboard import filters

    monkeypatch.setattr(filters, "ARTICLE_CHOICES", 2)  # three articles: the undated a_togo is the oldest
    at = open_page("sources")
    sidebar_list = at.sidebar.multiselect(key="filter_articles")
    assert sidebar_list.options == ["Lomé accueille le forum sur la paix",
                                    "Les ministres de l'AES face aux crises humanitaires"]
    assert "2 articles les plus récents sur 3" in sidebar_list.help
    assert at.selectbox(key="source_article").options == sidebar_list.options
    table = page_table(at)  # newest first, every row opens its article or filters every page on it
    assert list(table["Titre"]) == ["Lomé accueille le forum sur la paix",
                                    "Les ministres de l'AES face aux crises humanitaires",
                                    "Diplomatie locale : le Togo active 20 communes"]
    togo = table.iloc[2]
    assert togo["Lire"] == "sources?article=a_togo"
    assert togo["Filtrer les pages"] == "sources?articles=a_togo&article=a_togo"

    at = open_page("sources", articles="a_togo", article="a_togo")  # following that link
    sidebar_list = at.sidebar.multiselect(key="filter_articles")
    assert sidebar_list.value == ["a_togo"] and len(sidebar_list.options) == 3
    assert at.selectbox(key="source_article").value == "a_togo"
    assert list(page_table(at)["Titre"]) == ["Diplomatie locale : le Togo active 20 communes"]
    at = open_page("sources", article="a_togo")  # the "Lire" link: the old article in the viewer, unfiltered
    assert at.selectbox(key="source_article").value == "a_togo"
    assert len(at.selectbox(key="source_article").options) == 3


@pytest.mark.parametrize("page", OWN_PAGES)
def test_language_switch(tables, page):
    at = open_page(page)
    assert at.query_params.get("lang") in (None, [], "")
    at.sidebar.button_group[0].set_value("en").run()
    assert not at.exception
    assert at.session_state["lang"] == "en"
    assert at.query_params["lang"] in ("en", ["en"])
    english = html(at)
    titles = {"overview": "Overview", "map": "Map", "needs": "Needs", "timeline": "Timeline",
              "actors": "Actors", "sources": "Sources"}
    assert f">{titles[page]}</h1>" in english
    assert at.sidebar.multiselect(key="filter_countries").label == "Countries"


def test_language_from_url(tables):
    at = open_page("overview", lang="en")
    body = html(at)
    assert "8.4\u00a0M" in body and "People in need" in body.replace("people in need", "People in need")
    assert "Latest events" in body


def test_filters_from_url_apply_and_stay_in_url(tables):
    at = open_page("overview", countries="MLI")
    cards = re.search(r'<div class="kf-row">.*?</div></div></div>', html(at), re.S).group(0)
    assert "Mali" in cards and "Burkina Faso" not in cards
    assert at.sidebar.multiselect(key="filter_countries").value == ["MLI"]
    assert at.query_params["countries"] in ("MLI", ["MLI"])
    at.switch_page("app_pages/needs.py").run()  # switching pages keeps the filters
    assert at.sidebar.multiselect(key="filter_countries").value == ["MLI"]
    assert set(page_table(at)["Pays"]) == {"Mali"}


def test_filter_widget_writes_url(tables):
    at = open_page("needs")
    at.sidebar.multiselect(key="filter_indicators").set_value(["people_in_need"]).run()
    assert at.query_params["indicators"] in ("people_in_need", ["people_in_need"])
    assert set(page_table(at)["Indicateur"]) == {"personnes dans le besoin"}


def test_presentation_mode_hides_chrome(tables):
    at = open_page("overview", present="1")
    styles = html(at)
    assert 'data-testid="stSidebar"' in styles and "display: none" in styles
    assert "Quitter le mode présentation" in styles
    assert at.query_params["present"] in ("1", ["1"])


@pytest.mark.parametrize("page", PAGES)
def test_empty_state_says_how_to_add_articles(no_tables, page):
    """A clean start, before any table is built: every page (the Décisions page too, which once
    failed with KeyError: 'rejected') draws its header and says, in French, what to do."""
    at = open_page(page)  # asserts no exception
    assert [info.value for info in at.info if "Aucun article" in info.value] == [
        "Aucun article n'est encore chargé : il n'y a rien à afficher."]
    howto = " ".join(md.value for md in at.markdown)
    assert "data/articles/" in howto and "make run ARTICLES=" in howto  # the folder this app reads
    assert 'class="page-title"' in html(at)
    assert "0 article chargé" in " ".join(c.value for c in at.sidebar.caption)


def test_empty_state_in_english(no_tables):
    at = open_page("decisions", lang="en")
    assert any("No article has been loaded yet" in info.value for info in at.info)


def test_map_communes_as_polygons_with_user_boundaries(tables, tmp_path, monkeypatch):
    import json

    from conftest import SHARED, skip_or_fail

    shapes = SHARED / "shapes" / "tgo_adm2_cod.geojson"
    if not shapes.exists():
        skip_or_fail(f"test boundaries missing: {shapes}")
    setting = tmp_path / "boundaries.toml"
    setting.write_text(f'[[boundaries]]\npath = "{shapes}"\nlevel = "adm2"\ncountry_iso3 = "TGO"\n'
                       'name_column = "ADM2_FR"\n', encoding="utf-8")
    monkeypatch.setenv("SAHEL_BOUNDARIES", str(setting))
    at = open_page("map")
    next(p for p in at.get("button_group") if p.key == "map_layers").set_value(["communes"]).run()
    assert not at.exception
    spec = json.loads(map_specs(at)[0])
    communes = next(layer for layer in spec["layers"] if layer["id"] == "communes")
    assert communes["@@type"] == "GeoJsonLayer"  # polygons, not points
    tips = sorted(f["properties"]["tooltip"].split("\n")[0] for f in communes["data"]["features"])
    assert tips == ["Préfecture : Blitta", "Préfecture : Kloto", "Préfecture : Tchamba"]


def test_map_reports_a_broken_boundary_setting(tables, tmp_path, monkeypatch):
    setting = tmp_path / "boundaries.toml"
    setting.write_text('[[boundaries]]\npath = "absent.geojson"\nlevel = "adm2"\ncountry_iso3 = "TGO"\n'
                       'name_column = "ADM2_FR"\n', encoding="utf-8")
    monkeypatch.setenv("SAHEL_BOUNDARIES", str(setting))
    at = open_page("map")
    next(p for p in at.get("button_group") if p.key == "map_layers").set_value(["communes"]).run()
    assert not at.exception
    assert any("absent.geojson" in w.value for w in at.warning)
    spec = map_specs(at)[0]
    assert '"ScatterplotLayer"' in spec  # communes still drawn, as points


def test_needs_page_lists_the_figures_that_disagree_between_sources(tmp_path, monkeypatch):
    from dashboard_fixtures import seed_like_articles

    articles = seed_like_articles()
    text = "Selon une autre source, le Mali compte 7 millions de personnes dans le besoin."
    articles.append({
        "article_id": "a_other", "title": "Un autre décompte", "published_date": "2024-04-25",
        "published_precision": "day", "source": "Autre média", "url": "https://example.org/autre", "text": text,
        "figures": [dict(country_iso3="MLI", indicator="people_in_need", value=7000000, unit="people",
                         qualifier="exact", label="personnes dans le besoin",
                         quote="le Mali compte 7 millions de personnes dans le besoin")]})
    folder = write_tables(tmp_path / "tables", articles)
    monkeypatch.setenv("SAHEL_TABLES_DIR", str(folder))
    monkeypatch.setenv("SAHEL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tracker.sqlite'}")
    st.cache_data.clear()
    at = open_page("needs")
    assert "Écarts entre sources (1)" in html(at)
    gaps = page_table(at, 1)  # under the open tab's figures table: the group, every source named
    assert len(gaps) == 1 and {"Chiffres et sources", "Période", "Population"} <= set(gaps.columns)
    assert "Autre média, Un autre décompte, 25 avr. 2024" in gaps.iloc[0]["Chiffres et sources"]
    assert gaps.iloc[0]["Période"] == "25 avr. 2024"
    st.cache_data.clear()


@pytest.mark.parametrize("lang, tabs", [
    ("fr", ["Besoins et financements", "Décès", "Autres chiffres (comptes, durées, pourcentages)"]),
    ("en", ["Needs and funding", "Deaths", "Other figures (counts, durations, percentages)"])])
def test_needs_page_gives_deaths_a_tab_of_their_own(tmp_path, monkeypatch, lang, tabs):
    from dashboard_fixtures import seed_like_articles

    articles = seed_like_articles()
    text = "Au Mali, les inondations ont fait 42 morts dans la région de Mopti."
    articles.append({
        "article_id": "a_deaths", "title": "Inondations", "published_date": "2024-08-20",
        "published_precision": "day", "source": "Studio Tamani", "url": "https://example.org/inondations",
        "text": text, "figures": [dict(country_iso3="MLI", indicator="deaths", value=42, unit="deaths",
                                       qualifier="exact", label="morts", quote="ont fait 42 morts")]})
    folder = write_tables(tmp_path / "tables", articles)
    monkeypatch.setenv("SAHEL_TABLES_DIR", str(folder))
    monkeypatch.setenv("SAHEL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tracker.sqlite'}")
    st.cache_data.clear()
    at = open_page("needs", lang=lang)
    assert [tab.label for tab in at.tabs] == tabs
    needs, deaths, other = (page_table(open_needs_tab(at, label)) for label in tabs)
    indicator = "Indicateur" if lang == "fr" else "Indicator"
    death = "décès" if lang == "fr" else "deaths"
    assert set(deaths[indicator]) == {death} and len(deaths) == 1
    assert death not in set(other[indicator]) and death not in set(needs[indicator])
    assert len(other) >= 2  # the counts and durations stay in the last tab
    st.cache_data.clear()


@pytest.mark.parametrize("page, marker", [("needs", "plotly-basic-js"), ("timeline", "plotly-basic-js"),
                                          ("map", None), ("overview", None)])
def test_chart_and_map_pages_start_loading_their_bundle_from_the_sidebar(tables, page, marker):
    at = open_page(page)
    sidebar = "\n".join(html_bodies(at.sidebar))
    if marker is None:
        assert "plotly-basic-js" not in sidebar and "modulepreload" not in sidebar
    else:
        assert marker in sidebar


@pytest.mark.parametrize("page", ["overview", "map", "needs", "decisions", "timeline", "actors", "sources"])
def test_every_page_mounts_a_component_first_in_its_sidebar(tables, page):
    # Streamlit's component code then loads with the sidebar's widgets, not after the page's first table
    at = open_page(page)
    first = at.sidebar.children[0]
    assert first.type == "bidi_component" and "sahel_preload" in first.proto.component_name


def map_picture(at: AppTest) -> str:
    import base64

    data = re.search(r'<div id="map-map" class="pb-map"[^>]*>.*?<img class="pb-static" alt="[^"]*" '
                     r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', html(at), re.S)
    assert data, "the map's picture"
    return base64.b64decode(data.group(1)).decode("utf-8")


@pytest.mark.parametrize("present, width", [(False, 1460), (True, 1760)])
def test_map_page_shows_its_picture_then_the_shipped_deck_gl(tables, present, width):
    from dashboard.assets import DECK_JS

    if not DECK_JS.exists():
        from conftest import skip_or_fail

        skip_or_fail("static/deckgl.min.js missing: run `make install`")
    at = open_page("map", **({"present": "1"} if present else {}))
    assert not at.get("deck_gl_json_chart")
    spec = json.loads(map_specs(at)[0])
    assert "mapStyle" not in spec and spec["initialViewState"]["zoom"] > 2
    svg = map_picture(at)  # the same spec, drawn in the box the map has at 1920×1080
    assert svg.startswith("<svg") and f'width="{width}"' in svg
    drawn = list(dict.fromkeys(re.findall(r'<(?:path|circle) class="(?:marker )?([a-z0-9-]+)"', svg)))
    assert drawn == [layer["id"].removesuffix("-points") for layer in spec["layers"] if layer["id"] != "labels"]
    assert "needs-country" in drawn and "events" in drawn and svg.count("<circle") >= 3
    tooltip = json.loads(re.search(r'id="map-map-tooltip">(.*?)</script>', html(at)).group(1))
    assert tooltip["text"] == "{tooltip}" and "html" not in tooltip  # shown as text, never as markup
    assert "deckgl-js" in html(at) and "modulepreload" not in html(at)


def test_map_page_falls_back_on_st_pydeck_chart_without_the_bundle(tables, tmp_path, monkeypatch):
    from dashboard import assets

    monkeypatch.setattr(assets, "DECK_JS", tmp_path / "absent.js")
    at = open_page("map")
    assert len(at.get("deck_gl_json_chart")) == 1 and 'class="pb-map"' not in html(at)
    assert "modulepreload" not in "\n".join(html_bodies(at.sidebar))  # no guess at Streamlit's chunks


def test_chart_pages_leave_plotly_for_later_when_charts_come_as_pictures(tables, monkeypatch):
    from conftest import skip_or_fail

    from dashboard.kaleido_export import find_chromium

    if find_chromium() is None:
        skip_or_fail("Chromium missing: no chart pictures")
    monkeypatch.setenv("SAHEL_STATIC_CHARTS", "1")
    at = open_page("needs")
    assert "plotly-basic-js" not in "\n".join(html_bodies(at.sidebar))
    assert "plotly-basic-js" in html(at)  # each chart's own script still loads it, once the page is idle
