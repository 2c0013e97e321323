"""Pure table joins the pages share (article titles, dates, counts, spans).

Each function takes contract tables and returns a new frame; dashboard.loaders caches
them keyed on the tables' file signatures, so nothing here runs on every rerun.
"""
from __future__ import annotations

import pandas as pd

from etl import schema
from etl.resources_places import WEST_CENTRAL_AFRICA
from presentation.dates import effective_precision, sort_key

SPAN_TYPES = ("figure", "decision", "event", "actor")


def _titles(articles: pd.DataFrame) -> pd.DataFrame:
    cols = ["article_id", "title", "published_date", "published_precision", "source", "url"]
    # an article without a title stays without one: pages name it by its media and date
    # (formatting.fmt_source), never by its file name
    out = articles[[c for c in cols if c in articles.columns]].drop_duplicates("article_id").copy()
    return out.rename(columns={"title": "article_title", "published_date": "article_date",
                               "published_precision": "article_date_precision",
                               "source": "article_source", "url": "article_url"})


def with_article(df: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Add the source article's title, date, source name and URL to each row."""
    if "article_id" not in df.columns:
        return df
    return df.merge(_titles(articles), on="article_id", how="left")


def _dated(df: pd.DataFrame, date_col: str, precision_col: str | None) -> pd.DataFrame:
    """``when``/``when_precision``: the row's own date, else its article's publication date."""
    out = df.copy()
    own = out[date_col] if date_col in out.columns else pd.Series([None] * len(out), index=out.index)
    own_prec = out[precision_col] if precision_col and precision_col in out.columns else pd.Series(
        [None] * len(out), index=out.index)
    art = out.get("article_date", pd.Series([None] * len(out), index=out.index))
    art_prec = out.get("article_date_precision", pd.Series([None] * len(out), index=out.index))
    when, when_prec = [], []
    for d, p, ad, ap in zip(own, own_prec, art, art_prec):
        prec = effective_precision(d, p)
        if prec in ("day", "month", "year"):
            when.append(d)
            when_prec.append(prec)
        else:
            aprec = effective_precision(ad, ap)
            when.append(ad if aprec in ("day", "month", "year") else d)
            when_prec.append(aprec if aprec in ("day", "month", "year") else prec)
    out["when"] = when
    out["when_precision"] = when_prec
    out["when_key"] = [sort_key(d, p) for d, p in zip(when, when_prec)]
    return out


def figures_view(figures: pd.DataFrame, articles: pd.DataFrame, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """Figures with their article, their date (``when``), their scope (``admin_level``, see
    admin_levels) and their population group (``population_group``)."""
    out = _dated(with_article(figures, articles), "reference_date", "reference_precision")
    out["admin_level"] = admin_levels(out, places)
    if "origin_iso3" not in out.columns:
        out["origin_iso3"] = None
    out["population_group"] = [population_group(label, unit) for label, unit in
                               zip(out.get("label", pd.Series(index=out.index)), out.get("unit", pd.Series(index=out.index)))]
    return out


def decisions_view(decisions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    return _dated(with_article(decisions, articles), "announced_date", "announced_precision")


def events_view(events: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    out = with_article(events, articles)
    out["precision"] = [effective_precision(d, p) for d, p in zip(out["date_start"], out["date_precision"])]
    out["date_key"] = [sort_key(d, p) for d, p in zip(out["date_start"], out["precision"])]
    return out


def actors_view(actors: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per actor with the articles that mention it (ids and titles) and counts."""
    out = actors.copy()
    if mentions.empty:
        out["article_ids"] = [[] for _ in range(len(out))]
        out["mention_count"] = 0
        out["article_count"] = 0
        return out
    titles = pd.Series(dtype=object)
    if not articles.empty:  # the title, else the media (never the file name or the article's id)
        named = _titles(articles).set_index("article_id")
        media = named["article_source"] if "article_source" in named.columns else pd.Series(None, index=named.index)
        titles = named["article_title"].where(named["article_title"].notna(), media)
    grouped = mentions.groupby("actor_id")
    ids = grouped["article_id"].agg(lambda s: list(dict.fromkeys(s.dropna())))
    counts = grouped.size()
    out["article_ids"] = out["actor_id"].map(ids).apply(lambda v: v if isinstance(v, list) else [])
    out["mention_count"] = out["actor_id"].map(counts).fillna(0).astype(int)
    out["article_count"] = out["article_ids"].apply(len)
    out["article_titles"] = out["article_ids"].apply(lambda v: [str(titles.get(a) or "—") for a in v])
    return out


def articles_view(articles: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Articles with how many rows each table draws from them, newest first."""
    out = articles.copy()
    for name in ("figures", "decisions", "events", "actor_mentions"):
        df = tables.get(name)
        counts = df.groupby("article_id").size() if df is not None and not df.empty else pd.Series(dtype=int)
        out[f"n_{name}"] = out["article_id"].map(counts).fillna(0).astype(int)
    out["date_key"] = [sort_key(d, p) for d, p in zip(out["published_date"], out["published_precision"])]
    return out.sort_values(["date_key", "title"], ascending=[False, True], na_position="last").reset_index(drop=True)


def spans_view(figures: pd.DataFrame, decisions: pd.DataFrame, events: pd.DataFrame,
               mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Every extracted span: ``span_type``, ``row_id``, ``article_id``, ``start``, ``end``, ``label``."""
    parts = []

    def add(df, span_type, id_col, label_col):
        if df.empty or "char_start" not in df.columns:
            return
        part = pd.DataFrame({
            "span_type": span_type,
            "row_id": df[id_col].astype(str),
            "article_id": df["article_id"],
            "start": df["char_start"],
            "end": df["char_end"],
            "label": df[label_col] if label_col in df.columns else None,
            "quote": df["quote"] if "quote" in df.columns else None,
        })
        parts.append(part)

    add(figures, "figure", "figure_id", "label")
    add(decisions, "decision", "decision_id", "text")
    add(events, "event", "event_id", "title")
    if not mentions.empty:
        names = actors.set_index("actor_id")["name"] if not actors.empty else pd.Series(dtype=object)
        m = mentions.copy()
        m["name"] = m["actor_id"].map(names)
        m["row_id"] = m["actor_id"]
        add(m, "actor", "row_id", "name")
    if not parts:
        return pd.DataFrame(columns=["span_type", "row_id", "article_id", "start", "end", "label", "quote"])
    spans = pd.concat(parts, ignore_index=True)
    spans = spans.dropna(subset=["start", "end"])
    spans["start"] = spans["start"].astype(int)
    spans["end"] = spans["end"].astype(int)
    return spans[spans["end"] > spans["start"]].reset_index(drop=True)


# --- scope: what territory a figure is about --------------------------------------------

# admin_level as figures.csv writes it (etl.schema.ADMIN_LEVELS): national, region,
# province/cercle/département/préfecture, a site (commune, town, camp, facility); "" when the
# figure is about no territory
ADMIN_LEVELS = schema.ADMIN_LEVELS
_PLACE_KIND_LEVEL = {"country": "0", "region": "1", "prefecture": "2", "capital": "site", "city": "site",
                     "town": "site", "commune": "site", "facility": "site", "other": "site"}


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() in ("", "nan", "None")


def _level(value) -> str:
    text = str(value).strip().lower()
    if text.endswith(".0"):
        text = text[:-2]
    return text if text in ADMIN_LEVELS else ""


def admin_levels(figures: pd.DataFrame, places: pd.DataFrame | None = None) -> pd.Series:
    """Each figure's ``admin_level``: figures.csv's own column (the ETL writes it for every
    figure with a country or a place, imports too); only for older tables, whose column is
    empty once read (etl.schema.conform adds it), it is inferred: a figure with a country and no place (or the country itself as place)
    is national ("0"), one naming a region (``admin1``) or a place is sub-national (the
    place's kind in ``places`` when known, else "site"), one without a country "".
    """
    if figures.empty:
        return pd.Series([], index=figures.index, dtype=object)
    if "admin_level" in figures.columns and figures["admin_level"].notna().any():
        return pd.Series([_level(v) if not _blank(v) else "" for v in figures["admin_level"]], index=figures.index,
                         dtype=object)
    from etl.text import fold
    from presentation.formatting import fmt_country

    kinds = {}
    if places is not None and not places.empty:
        kinds = dict(zip(places["place_id"], places["kind"]))
    levels = []
    for country, place, admin1, place_id in zip(figures["country_iso3"], figures.get("place", pd.Series(index=figures.index)),
                                                figures.get("admin1", pd.Series(index=figures.index)),
                                                figures.get("place_id", pd.Series(index=figures.index))):
        if _blank(country):
            levels.append("")
            continue
        names = {fold(fmt_country(country, "fr")), fold(fmt_country(country, "en")), fold(str(country))}
        if not _blank(place) and fold(str(place)) not in names:
            kind = kinds.get(place_id) if not _blank(place_id) else None
            if kind in _PLACE_KIND_LEVEL:
                levels.append(_PLACE_KIND_LEVEL[kind])
            elif not _blank(admin1) and fold(str(admin1)) == fold(str(place)):
                levels.append("1")
            else:
                levels.append("site")
        elif not _blank(admin1):
            levels.append("1")
        else:
            levels.append("0")
    return pd.Series(levels, index=figures.index, dtype=object)


# population groups a count may be about (folded words of its label or unit); "people" otherwise
_GROUP_WORDS = (
    ("households", ("menage", "famille", "foyer", "household", "family")),
    ("children", ("enfant", "eleve", "ecolier", "fille", "garcon", "nourrisson", "bebe", "moins de cinq ans",
                  "moins de 5 ans", "children", "child", "pupil")),
    ("women", ("femme", "mere", "enceinte", "allaitante", "women", "mother")),
    ("population", ("habitant", "population totale", "inhabitant")),
)


def population_group(label, unit) -> str:
    """``children``, ``women``, ``households``, ``population`` (a whole population) or ``people``:
    whom a figure counts, from its unit and the words of its label. Two figures about
    different groups are never compared (dashboard.discrepancies) nor mixed on the map."""
    from etl.text import fold

    unit_text = "" if _blank(unit) else str(unit)
    if unit_text and unit_text not in ("people", "households"):
        return unit_text  # a counted noun (deaths, cases…) or a currency: its own group
    words = f" {fold(unit_text)} {fold('' if _blank(label) else str(label))} "
    for group, cues in _GROUP_WORDS:
        if any(f" {cue}" in words for cue in cues):
            return group
    return "people"


def is_national(figures: pd.DataFrame) -> pd.Series:
    return figures["admin_level"].fillna("") == "0" if "admin_level" in figures.columns else pd.Series(
        False, index=figures.index)


REGION = frozenset(WEST_CENTRAL_AFRICA)  # the countries the dashboard covers (its maps' focus)
DEATH_INDICATORS = ("deaths",)  # the Besoins table's deaths tab: neither a need nor a mere count
NEED_INDICATORS = ("people_in_need", "affected")  # in order of preference for the needs map and cards
OFFICIAL_COLUMNS = ("official_value", "official_qualifier", "official_source", "official_reference_date",
                    "official_reference_precision", "official_reference_end_date", "official_figure_id")


def need_indicator(figures: pd.DataFrame) -> str | None:
    """The one indicator the map and the country cards compare across countries: people in
    need when some national figure states it, else people affected (never a mix of both)."""
    rows = _need_rows(figures, NEED_INDICATORS)
    if rows.empty:
        return None
    quantified = rows[rows["value"].notna() & (rows["qualifier"] != "unquantified")]
    for indicator in NEED_INDICATORS:
        if (quantified["indicator"] == indicator).any():
            return indicator
    return next(i for i in NEED_INDICATORS if (rows["indicator"] == i).any())


def in_region(figures: pd.DataFrame) -> pd.DataFrame:
    """The rows of a country the dashboard covers (REGION), or of none (the region, several
    countries): a donor's or another continent's country named by the press is no row of a
    chart comparing countries of the region."""
    if figures.empty:
        return figures
    country = figures["country_iso3"]
    return figures[country.isin(REGION) | country.isna() | (country == "")]


def _need_rows(figures: pd.DataFrame, indicators, levels=("0",)) -> pd.DataFrame:
    if figures.empty:
        return figures
    level = admin_levels(figures)   # the column as written, inferred only where a table left it empty
    group = figures["population_group"] if "population_group" in figures.columns else pd.Series(
        [population_group(lb, u) for lb, u in zip(figures["label"], figures["unit"])], index=figures.index)
    unit = figures["unit"].fillna("people")
    return figures[figures["indicator"].isin(indicators) & level.isin(levels) & group.isin(("people",))
                   & unit.isin(("people",)) & figures["country_iso3"].isin(REGION)]


def needs_by_country(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per country: its latest *national* figure (admin level 0, people, the general
    population) of the one indicator need_indicator picks, a press figure first; an official
    (imported) figure of the same indicator is carried beside it (``official_*`` columns) or
    stands alone where the press has none. A country with only unquantified statements keeps
    one of them (drawn as "chiffre non précisé", never as a number)."""
    indicator = need_indicator(figures)
    rows = _need_rows(figures, (indicator,)) if indicator else figures.iloc[0:0]
    return _with_official(rows, ["country_iso3"])


def needs_by_admin1(figures: pd.DataFrame) -> pd.DataFrame:
    """Like needs_by_country, one row per (country, region) for region-level figures (admin
    level 1) of the same indicator; the region is ``admin1``, else the figure's place."""
    indicator = need_indicator(figures) or NEED_INDICATORS[0]
    rows = _need_rows(figures, (indicator,), levels=("1",))
    if rows.empty:
        return rows.assign(admin1=pd.Series(dtype=object))
    rows = rows.assign(admin1=rows["admin1"].where(rows["admin1"].notna() & (rows["admin1"] != ""), rows["place"]))
    return _with_official(rows[rows["admin1"].notna()], ["country_iso3", "admin1"])


def local_needs(figures: pd.DataFrame) -> pd.DataFrame:
    """Sub-national figures below the region (admin level 2 and sites) of the need indicators,
    one per place (the latest): the map shows them as markers named after their place."""
    rows = _need_rows(figures, NEED_INDICATORS, levels=("2", "site"))
    rows = rows[rows["place"].notna() & (rows["place"] != "")] if not rows.empty else rows
    if rows.empty:
        return rows
    return _best_need(rows.assign(_place=rows["place"].str.casefold()), ["country_iso3", "_place", "indicator"]
                      ).drop(columns="_place")


def official_of(row: dict) -> dict | None:
    """The official (imported) figure carried beside a national figure (needs_by_country), as a figure row."""
    value = row.get("official_value")
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return {"value": value, "qualifier": row.get("official_qualifier"), "unit": "people", "source_kind": "import",
            "source_name": row.get("official_source"), "reference_date": row.get("official_reference_date"),
            "reference_precision": row.get("official_reference_precision"),
            "reference_end_date": row.get("official_reference_end_date"), "indicator": row.get("indicator"),
            "figure_id": row.get("official_figure_id")}


def _with_official(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The best press figure per key with the best official (imported) one beside it; an
    official figure alone where the press states none."""
    if rows.empty:
        return rows.assign(**{c: pd.Series(dtype=object) for c in OFFICIAL_COLUMNS})
    imported = (rows["source_kind"].fillna("article") == "import" if "source_kind" in rows.columns
                else pd.Series(False, index=rows.index))
    press, official = _best_need(rows[~imported], keys), _best_need(rows[imported], keys)
    lookup = {tuple(k): r for k, r in zip(official[keys].itertuples(index=False, name=None),
                                          official.to_dict("records"))}
    covered = set(press[keys].itertuples(index=False, name=None))
    alone = official[[k not in covered for k in official[keys].itertuples(index=False, name=None)]]
    out = pd.concat([press, alone], ignore_index=True) if not alone.empty else press.copy()
    beside = [None if own else lookup.get(k) for k, own in
              zip(out[keys].itertuples(index=False, name=None),
                  out.get("source_kind", pd.Series("", index=out.index)).fillna("") == "import")]
    for column, source in (("official_value", "value"), ("official_qualifier", "qualifier"),
                           ("official_source", "source_name"), ("official_reference_date", "reference_date"),
                           ("official_reference_precision", "reference_precision"),
                           ("official_reference_end_date", "reference_end_date"), ("official_figure_id", "figure_id")):
        out[column] = pd.Series([r.get(source) if r else None for r in beside], index=out.index, dtype=object)
    return out.sort_values("value", ascending=False, na_position="last").reset_index(drop=True)


def _best_need(figures: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    rows = figures[figures["indicator"].isin(NEED_INDICATORS) & figures["country_iso3"].notna()
                   & (figures["country_iso3"] != "")] if not figures.empty else figures
    if rows.empty:
        return rows
    work = rows.copy()
    work["_quantified"] = work["value"].notna() & (work["qualifier"] != "unquantified")
    work["_priority"] = work["indicator"].map({ind: i for i, ind in enumerate(NEED_INDICATORS)})
    work["_when"] = work["when_key"].fillna("") if "when_key" in work.columns else ""
    work = work.sort_values(["_quantified", "_priority", "_when", "value"],
                            ascending=[False, True, False, False], na_position="last")
    best = work.drop_duplicates(keys).drop(columns=["_quantified", "_priority", "_when"])
    return best.sort_values("value", ascending=False, na_position="last").reset_index(drop=True)
