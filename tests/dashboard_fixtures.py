"""Small, realistic contract tables for the dashboard's tests (UI fixtures, hand-written).

``write_tables(folder, articles)`` publishes articles, figures… and the texts through the table
store (etl.store: the CSV folder, or PostgreSQL on the suite's postgres pass, tests/tables_backend.py)
after etl.schema.conform(); offsets are computed from each row's quote, so provenance
(text[char_start:char_end] == quote) holds as in a real build.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from etl.schema import TABLES, conform

SAHEL_TEXT = (
    "Rencontre humanitaire des ministres de l'AES à Niamey\n\n"
    "Le Mali compte 4,8 millions de personnes en détresse, le Burkina Faso 8,4 millions "
    "et des millions d'autres au Niger sont affectées par les conflits.\n\n"
    "Le 23 avril 2024, les ministres se sont réunis à Niamey. Ils se sont engagés à créer "
    "un fonds humanitaire commun avant la fin de l'année. Près de 300 000 personnes déplacées "
    "internes vivent dans la région de Tillabéri, selon OCHA.\n\n"
    "La ministre Aminata Traoré a salué la coopération des agences onusiennes."
)
TOGO_TEXT = (
    "Diplomatie locale : le Togo active 20 communes\n\n"
    "Réunis le 2 mars à Kara, des responsables communaux ont lancé un programme destiné à "
    "accompagner 20 communes. Le projet s'étendra sur 18 mois.\n\n"
    "Les communes bénéficiaires sont : Blitta 3 ; Tchamba 3 ; Kloto 3.\n\n"
    "La Faîtière des communes du Togo pilote le projet."
)
FORUM_TEXT = (
    "Lomé accueille le forum sur la paix\n\n"
    "La première édition du forum s'est tenue en 2023 à Lomé. Le ministre Robert Dussey a "
    "annoncé la création d'une alliance pour la paix et la sécurité."
)


def seed_like_articles() -> list[dict]:
    """Three articles modelled on the seed articles (figures, unquantified statement,
    a day/year/day-without-year mix of dates, communes, actors)."""
    return [
        {
            "article_id": "a_sahel", "title": "Les ministres de l'AES face aux crises humanitaires",
            "published_date": "2024-04-25", "published_precision": "day", "source": "Sahel Info",
            "url": "https://example.org/aes", "text": SAHEL_TEXT,
            "figures": [
                dict(country_iso3="MLI", indicator="people_in_need", value=4800000, unit="people",
                     qualifier="exact", label="personnes en détresse",
                     quote="Le Mali compte 4,8 millions de personnes en détresse"),
                dict(country_iso3="BFA", indicator="people_in_need", value=8400000, unit="people",
                     qualifier="exact", label="personnes en détresse", quote="le Burkina Faso 8,4 millions"),
                dict(country_iso3="NER", indicator="affected", value=None, unit="people",
                     qualifier="unquantified", label="affectées par les conflits",
                     quote="des millions d'autres au Niger sont affectées"),
                dict(country_iso3="NER", indicator="idps", value=300000, unit="people", qualifier="approx",
                     label="personnes déplacées internes", admin1="Tillabéri",
                     quote="Près de 300 000 personnes déplacées internes"),
            ],
            "decisions": [
                dict(kind="commitment", text="créer un fonds humanitaire commun avant la fin de l'année",
                     theme="financement", country_iso3="NER",
                     quote="créer un fonds humanitaire commun avant la fin de l'année"),
            ],
            "events": [
                dict(kind="meeting", title="Réunion des ministres de l'AES à Niamey", date_start="2024-04-23",
                     date_precision="day", place="Niamey", country_iso3="NER", lat=13.51, lon=2.11,
                     quote="Le 23 avril 2024, les ministres se sont réunis à Niamey"),
            ],
            "actors": [
                dict(actor_id="act_traore", name="Aminata Traoré", kind="person", role="ministre",
                     country_iso3="MLI", quote="Aminata Traoré"),
                dict(actor_id="act_ocha", name="OCHA", kind="organization", role=None, country_iso3=None,
                     quote="OCHA"),
            ],
        },
        {
            "article_id": "a_togo", "title": "Diplomatie locale : le Togo active 20 communes",
            "published_date": None, "published_precision": "unknown", "source": "Togo Presse",
            "url": None, "text": TOGO_TEXT,
            "figures": [
                dict(country_iso3="TGO", indicator="count", value=20, unit="communes", qualifier="exact",
                     label="communes accompagnées", quote="accompagner 20 communes"),
                dict(country_iso3="TGO", indicator="duration", value=18, unit="months", qualifier="exact",
                     label="durée du projet", quote="s'étendra sur 18 mois"),
            ],
            "decisions": [
                dict(kind="objective", text="accompagner 20 communes", theme="décentralisation",
                     country_iso3="TGO", quote="accompagner 20 communes"),
            ],
            "events": [
                dict(kind="launch", title="Lancement du programme à Kara", date_start="--03-02",
                     date_precision="day_no_year", place="Kara", country_iso3="TGO",
                     quote="Réunis le 2 mars à Kara"),
            ],
            "actors": [
                dict(actor_id="act_fct", name="Faîtière des communes du Togo", kind="organization",
                     role=None, country_iso3="TGO", quote="Faîtière des communes du Togo"),
            ],
        },
        {
            "article_id": "a_forum", "title": "Lomé accueille le forum sur la paix",
            "published_date": "2024-11-28", "published_precision": "day", "source": "République togolaise",
            "url": None, "text": FORUM_TEXT,
            "figures": [],
            "decisions": [
                dict(kind="decision", text="création d'une alliance pour la paix et la sécurité",
                     theme="paix", country_iso3="TGO",
                     quote="la création d'une alliance pour la paix et la sécurité"),
            ],
            "events": [
                dict(kind="forum", title="Forum de Lomé sur la paix et la sécurité", date_start="2023",
                     date_precision="year", place="Lomé", country_iso3="TGO",
                     quote="La première édition du forum s'est tenue en 2023 à Lomé"),
            ],
            "actors": [
                dict(actor_id="act_dussey", name="Robert Dussey", kind="person",
                     role="ministre des Affaires étrangères", country_iso3="TGO", quote="Robert Dussey"),
            ],
        },
    ]


PLACES = [
    dict(place_id="plc_kara", name="Kara", kind="city", country_iso3="TGO", admin1="Kara", lat=9.55, lon=1.19),
    dict(place_id="plc_blitta", name="Blitta", kind="prefecture", country_iso3="TGO", admin1="Centrale",
         lat=8.32, lon=0.98),
    dict(place_id="plc_blitta3", name="Blitta 3", kind="commune", country_iso3="TGO", admin1="Centrale",
         admin2="Blitta", parent_place_id="plc_blitta"),
    dict(place_id="plc_tchamba3", name="Tchamba 3", kind="commune", country_iso3="TGO", admin1="Centrale",
         admin2="Tchamba", lat=9.03, lon=1.42),
    dict(place_id="plc_kloto3", name="Kloto 3", kind="commune", country_iso3="TGO", admin1="Plateaux",
         admin2="Kloto", lat=6.90, lon=0.63),
]


def _span(text: str, quote: str) -> dict:
    start = text.index(quote)
    return {"quote": quote, "char_start": start, "char_end": start + len(quote)}


def write_tables(folder: Path, articles: list[dict] | None = None, *, places: list[dict] | None = None) -> Path:
    """Publish the contract tables and texts for ``articles`` "into" ``folder`` through the table
    store (etl.store.open_store: the CSV folder, or PostgreSQL when SAHEL_TABLES_URL is set; see
    tests/tables_backend.py); returns the folder."""
    articles = seed_like_articles() if articles is None else articles
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    texts: dict[str, str] = {}
    actors: dict[str, dict] = {}
    for art in articles:
        aid, text = art["article_id"], art["text"]
        texts[aid] = text
        rows["articles"].append({
            "article_id": aid, "source_file": f"{aid}.txt", "title": art.get("title"), "language": "fr",
            "published_date": art.get("published_date"), "published_precision": art.get("published_precision"),
            "n_chars": len(text), "sha256": hashlib.sha256(text.encode()).hexdigest(),
            "status": art.get("status", "ok"), "error": art.get("error"), "source": art.get("source"),
            "url": art.get("url"), "text_file": f"texts/{aid}.txt", "n_words": len(text.split())})
        for i, f in enumerate(art.get("figures", [])):
            rows["figures"].append({**f, **_span(text, f["quote"]), "figure_id": f"fig_{aid}_{i}",
                                    "article_id": aid, "source_kind": "article"})
        for i, d in enumerate(art.get("decisions", [])):
            rows["decisions"].append({**d, **_span(text, d["quote"]), "decision_id": f"dec_{aid}_{i}",
                                      "article_id": aid})
        for i, e in enumerate(art.get("events", [])):
            rows["events"].append({**e, **_span(text, e["quote"]), "event_id": f"evt_{aid}_{i}",
                                   "article_id": aid})
        for a in art.get("actors", []):
            actors.setdefault(a["actor_id"], {k: a.get(k) for k in ("actor_id", "name", "kind", "role",
                                                                     "country_iso3")})
            rows["actor_mentions"].append({"actor_id": a["actor_id"], "article_id": aid,
                                           "mention": a["quote"], **_span(text, a["quote"])})
    rows["actors"] = list(actors.values())
    rows["places"] = PLACES if places is None else places
    tables = {}
    for name, table_rows in rows.items():
        table = conform(name, pd.DataFrame(table_rows) if table_rows else pd.DataFrame())
        if name == "figures":  # the scope and origin columns figures.csv carries (dashboard.views.admin_levels)
            table["admin_level"] = [r.get("admin_level", _level_of(r)) for r in table_rows] if table_rows else []
            table["origin_iso3"] = [r.get("origin_iso3") for r in table_rows] if table_rows else []
        tables[name] = table
    publish_tables(folder, tables, texts)
    return folder


def publish_tables(folder: Path, tables: dict[str, pd.DataFrame], texts: dict[str, str]) -> str:
    """Publish a whole build "into" ``folder`` through the table store (tests/tables_backend.py):
    the CSV folder, the test's PostgreSQL namespace when SAHEL_TABLES_URL is set, or (postgres pass,
    outside a test: module fixtures) a namespace of the session's; returns the build id."""
    import tables_backend

    from etl import store

    tables = {name: conform(name, tables[name] if name in tables else pd.DataFrame()) for name in TABLES}
    with tables_backend.publishing_into(folder):
        return store.open_store(Path(folder)).publish(tables, texts)


def _level_of(figure: dict) -> str:
    """A hand-written figure's admin level when the fixture does not state it: national
    unless it names a region (1) or a place (site); none without a country."""
    if not figure.get("country_iso3"):
        return ""
    if figure.get("place"):
        return "site"
    return "1" if figure.get("admin1") else "0"


XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">'


def hostile_articles() -> list[dict]:
    """The seed-like articles plus one whose title, quotes, names and decision hold markup."""
    text = (f"Titre {XSS}\n\nLe Mali compte {XSS} 2 millions de personnes dans le besoin {XSS}.\n"
            f"Le 3 mai 2024 {XSS} réunion à Bamako. Décision {XSS} de financer les écoles. "
            f"Selon {XSS} Moussa, tout va bien. [lien](https://example.org/x) ![img](https://example.org/i.png)")
    figure_quote = f"Le Mali compte {XSS} 2 millions de personnes dans le besoin {XSS}"
    return seed_like_articles() + [{
        "article_id": "a_xss", "title": f"Alerte {XSS} ![img](https://example.org/i.png)",
        "published_date": "2024-05-03", "published_precision": "day", "source": f"Média {XSS}",
        "url": "javascript:window.__xss=1", "text": text,
        "figures": [dict(country_iso3="MLI", indicator="people_in_need", value=2000000, unit="people",
                         qualifier="exact", label=f"besoin {XSS}", place=f"Bamako {XSS}", quote=figure_quote)],
        "decisions": [dict(kind="decision", text=f"Décision {XSS} de financer les écoles", theme=XSS,
                           country_iso3="MLI", quote=f"Décision {XSS} de financer les écoles")],
        "events": [dict(kind="meeting", title=f"Réunion {XSS}", date_start="2024-05-03", date_precision="day",
                        place=f"Bamako {XSS}", country_iso3="MLI", lat=12.64, lon=-8.0,
                        quote=f"Le 3 mai 2024 {XSS} réunion à Bamako")],
        "actors": [dict(actor_id="act_xss", name=f"Moussa {XSS}", kind="person", role=XSS, country_iso3="MLI",
                        quote=f"Selon {XSS} Moussa")],
    }]


def republish(folder: Path, **replaced: pd.DataFrame) -> str:
    """Publish again the build published into ``folder``, with the ``replaced`` tables (a rebuild)."""
    import tables_backend

    build = tables_backend.pin(folder)
    tables = {**build.read_all(), **replaced}
    texts = {aid: build.text(aid) for aid in tables["articles"]["article_id"].dropna()}
    return publish_tables(folder, tables, {aid: text for aid, text in texts.items() if text is not None})


def read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """The tables published into ``folder`` as the app's loader reads them (text as text, numbers as
    floats), through the table store (tests/tables_backend.py: the CSV folder or PostgreSQL)."""
    import tables_backend

    return tables_backend.pin(folder).read_all()


def read_text(folder: Path, article_id: str) -> str | None:
    """An article's text published into ``folder`` (either back end)."""
    import tables_backend

    return tables_backend.pin(folder).text(article_id)


def views_of(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    from dashboard import views

    return {
        "figures": views.figures_view(tables["figures"], tables["articles"], tables["places"]),
        "decisions": views.decisions_view(tables["decisions"], tables["articles"]),
        "events": views.events_view(tables["events"], tables["articles"]),
        "actors": views.actors_view(tables["actors"], tables["actor_mentions"], tables["articles"]),
        "articles": views.articles_view(tables["articles"], tables),
        "spans": views.spans_view(tables["figures"], tables["decisions"], tables["events"],
                                  tables["actor_mentions"], tables["actors"]),
    }


def expanded(column: dict) -> dict:
    """A table_parts column with its shared values expanded back to one per row, as its script does."""
    out = dict(column)
    for name in ("text", "keys"):
        if isinstance(out.get(name), dict):
            out[name] = [out[name]["values"][i] for i in out[name]["codes"]]
    return out


def html_tables(body: str) -> list[pd.DataFrame]:
    """Every dashboard.html.table_parts table in ``body``, as a DataFrame of what its cells show
    (the target for a link cell, as st.dataframe's LinkColumn held it)."""
    import html as html_lib
    import json
    import re

    found = []
    for table_id, head in re.findall(r'<div id="([^"]+)" class="ht-wrap">.*?<thead><tr>(.*?)</tr></thead>', body,
                                     flags=re.S):
        labels = [html_lib.unescape(x) for x in re.findall(r'<button type="button">(.*?)</button>', head)]
        payload = re.search(rf'<script type="application/json" id="{re.escape(table_id)}-data">(.*?)</script>',
                            body, flags=re.S).group(1)
        columns = [expanded(c) for c in json.loads(payload)["columns"]]
        found.append(pd.DataFrame({label: [h if h else x for h, x in zip(c.get("hrefs") or [None] * len(c["text"]),
                                                                           c["text"])]
                                   for label, c in zip(labels, columns)}))
    return found


def html_bodies(node) -> list[str]:
    """The markup of every st.html element, then of every component (dashboard.components: its
    markup and JSON texts as dashboard.html.as_html writes them, its other settings in a comment)
    under an AppTest node (the app, its sidebar…)."""
    import json

    from dashboard.html import as_html

    out = [h.proto.body for h in node.get("html")]
    for element in node.get("bidi_component"):
        data = json.loads(element.proto.json or "{}")
        settings = {k: v for k, v in data.items() if k not in ("id", "digest", "html", "json")}
        out.append(as_html(data) + (f"<!-- {json.dumps(settings)} -->" if settings else ""))
    return out


def page_table(at, index: int = 0) -> pd.DataFrame:
    """The ``index``-th read-only table an AppTest run drew (dashboard.ui.table)."""
    return html_tables("\n".join(html_bodies(at)))[index]
