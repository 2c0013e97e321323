"""Places: find place names in article text, resolve them, and load the map layers.

- ``find_place_mentions(text, spans)``: gazetteer-driven detection (accent- and
  case-insensitive, with aliases), Togo communes written "<prefecture> <n>", regions
  and prefectures when a cue says so ("région du Sahel", "préfecture de la Kozah").
- ``resolve_place_mentions(mentions, boundaries=...)``: rows for places.csv and
  place_mentions.csv; what cannot be resolved is listed with resolved=False.
- ``lookup(name, country_iso3)``: one name → one place row, or None.
- ``load_country_layer()``, ``load_admin1_layer()``, ``load_corridors()``: the
  committed shapes/ layers as GeoJSON dicts (or GeoDataFrames), for the maps.
"""
from __future__ import annotations

import json
import logging
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from etl import boundaries as B
from etl import gazetteer as G
from etl import resources_places as R
from etl.paths import SHAPES_DIR
from etl.schema import PLACE_KINDS
from etl.text import fold, stable_id

log = logging.getLogger(__name__)

# Between entries of one name: a facility, then a commune, a country ("Djibouti"), a settlement,
# a prefecture, a region. Between settlements: population, and the article's countries.
KIND_PRIORITY = {"facility": 0, "commune": 1, "country": 2, "capital": 3, "city": 3, "town": 3,
                 "prefecture": 4, "region": 5}
CONTEXT_BONUS = 0.6  # in log10 of population: an article's own country beats a 4× larger namesake
ALIAS_PENALTY = 0.5  # a short form ("Fada") yields to a place of that very name
PERSON_RULE_MAX_POPULATION = 100_000
SEPARATOR = re.compile(r"^[ \t\u00a0\u202f\-']{0,3}\n?[ \t\u00a0\u202f\-']{0,3}$")
SENTENCE_START = re.compile(r"(?:^|[.!?:;«»\"“”(\n]\s*)$")
_WORD = re.compile(r"[^\W_]+")


# --------------------------------------------------------------------------- normalisation

@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    """One character → one lowercase unaccented character (offsets never move)."""
    if c in "’‘ʼ`´′":
        return "'"
    if c in "‐‑‒–—―−":
        return "-"
    base = "".join(ch for ch in unicodedata.normalize("NFKD", c) if not unicodedata.combining(ch)).lower()
    return base[0] if base else c.lower()[:1] or " "


def normalize_keep_offsets(text: str) -> str:
    return "".join(_fold_char(c) for c in text)


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    key: str


def _tokens(norm: str) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(norm)]


@lru_cache(maxsize=1)
def _name_index() -> dict[str, list[tuple[tuple[str, ...], str, tuple[G.Entry, ...]]]]:
    """first folded token → [(tokens, form, entries)], longest first. Communes are read by rule."""
    out: dict[str, list] = {}
    for key, entries in G.index().items():
        entries = tuple(e for e in entries if e.kind != "commune")
        if not entries:
            continue
        toks = tuple(key.split())
        out.setdefault(toks[0], []).append((toks, key, entries))
    for lst in out.values():
        lst.sort(key=lambda t: -len(t[0]))
    return out


# --------------------------------------------------------------------------- detection

def find_place_mentions(text: str, spans: list[tuple[int, int]] | None = None) -> list[dict]:
    """Place names in ``text`` (only inside ``spans`` when given), in text order.

    Each mention: name (surface form), char_start, char_end, quote (== text[start:end]),
    kind, country_iso3, canonical (official name), admin1, admin2.
    """
    if not text:
        return []
    norm = normalize_keep_offsets(text)
    tokens = _tokens(norm)
    windows = sorted(spans) if spans else [(0, len(text))]
    candidates = []
    i = 0
    while i < len(tokens):
        window = _window_of(tokens[i], windows)
        if window is None:
            i += 1
            continue
        found = _commune_at(text, norm, tokens, i, window) or _names_at(text, norm, tokens, i, window)
        if found is None:
            i += 1
            continue
        candidates.append(found)
        i = found["_next"]
    context = _country_context(candidates)
    mentions = []
    previous = None
    for cand in candidates:
        chosen = _choose(cand, text, norm, context, previous)
        if chosen is None:
            continue
        mentions.append(chosen)
        previous = chosen
    return mentions


def _window_of(token: _Token, windows) -> tuple[int, int] | None:
    for start, end in windows:
        if start <= token.start and token.end <= end:
            return start, end
    return None


def _joined(norm: str, tokens: list[_Token], i: int, n: int, window) -> bool:
    if i + n > len(tokens) or tokens[i + n - 1].end > window[1]:
        return False
    return all(SEPARATOR.match(norm[tokens[j].end:tokens[j + 1].start]) for j in range(i, i + n - 1))


def _commune_at(text, norm, tokens, i, window) -> dict | None:
    """A Togo commune: a prefecture name, a space and its number ("Blitta 3", "Mô II")."""
    for toks, _key, entries in _name_index().get(tokens[i].key, ()):
        prefectures = [e for e in entries if e.kind == "prefecture" and e.country_iso3 == "TGO"]
        if not prefectures or tuple(t.key for t in tokens[i:i + len(toks)]) != toks:
            continue
        if not _joined(norm, tokens, i, len(toks), window):
            continue
        name_end = tokens[i + len(toks) - 1].end
        m = R.COMMUNE_NUMBER.match(text, name_end)
        if not m or m.end() > window[1] or not text[tokens[i].start].isupper():
            continue
        raw = m.group(1)
        if R.COMMUNE_NUMBER_REJECT.match(text, m.end()):
            continue
        number = int(raw) if raw.isdigit() else R.ROMAN.get(raw, 0)
        pref = prefectures[0]
        start, end = tokens[i].start, m.end()
        n_tokens = len(toks) + 1
        return {"_next": i + n_tokens, "start": start, "end": end, "commune": (pref, number),
                "entries": (), "form": f"{pref.name} {number}"}
    return None


def _names_at(text, norm, tokens, i, window) -> dict | None:
    options = []
    for toks, key, entries in _name_index().get(tokens[i].key, ()):
        n = len(toks)
        if tuple(t.key for t in tokens[i:i + n]) != toks or not _joined(norm, tokens, i, n, window):
            continue
        start, end = tokens[i].start, tokens[i + n - 1].end
        if not _case_ok(text[start:end], entries):
            continue
        options.append({"_next": i + n, "start": start, "end": end, "entries": entries, "form": key})
    return options[0] if options else None  # longest first


def _case_ok(surface: str, entries) -> bool:
    """Written like a proper noun: a word capitalised in the official name is capitalised here;
    a name of one or two letters must be written exactly as in the gazetteer."""
    if len(fold(surface).replace(" ", "")) < 3:
        return any(surface in (e.name, *e.aliases) for e in entries)
    words = surface.replace("-", " ").replace("'", " ").split()
    return any(w[:1].isupper() for w in words)


def _country_context(candidates) -> Counter:
    """How strongly the article is about each country: unambiguous mentions count."""
    weights: Counter = Counter()
    for cand in candidates:
        if "commune" in cand:
            weights["TGO"] += 1
            continue
        countries = {e.country_iso3 for e in cand["entries"] if not e.needs_cue}
        if len(countries) == 1:
            weights[next(iter(countries))] += 1
    return weights


def _choose(cand: dict, text: str, norm: str, context: Counter, previous: dict | None) -> dict | None:
    start, end = cand["start"], cand["end"]
    surface = text[start:end]
    if "commune" in cand:
        pref, number = cand["commune"]
        valid = 1 <= number <= pref.n_communes
        return _mention(surface, start, end, "commune", "TGO",
                        f"{pref.name} {number}" if valid else None, pref.admin1 if valid else None,
                        pref.name if valid else None)
    before = norm[max(0, start - 60):start]
    cue_region = bool(R.REGION_CUE.search(before) or R.REGION_CUE_AFTER.match(text, end))
    cue_prefecture = bool(R.PREFECTURE_CUE.search(before))
    continuing = (previous is not None and previous["kind"] in ("region", "prefecture")
                  and R.LIST_CONTINUATION.match(norm[previous["char_end"]:start] or "x") is not None)
    if continuing:
        cue_region = cue_region or previous["kind"] == "region"
        cue_prefecture = cue_prefecture or previous["kind"] == "prefecture"
    entries = list(cand["entries"])
    if cue_region:
        entries = [e for e in entries if e.kind == "region"] or entries
    elif cue_prefecture:
        entries = [e for e in entries if e.kind == "prefecture"] or entries
    cued = {e for e in entries if (e.kind == "region" and cue_region) or (e.kind == "prefecture" and cue_prefecture)}
    entries = [e for e in entries if not e.needs_cue or e in cued]
    entries = [e for e in entries if _context_ok(e, e in cued, text, norm, start, end, context)]
    if not entries:
        return None
    best = min(entries, key=lambda e: _rank(e, context, alias=fold(e.name) != cand["form"]))
    return _mention(surface, start, end, best.kind, best.country_iso3, best.name, best.admin1, best.admin2)


def _rank(e: G.Entry, context: Counter, *, alias: bool = False) -> tuple[int, float]:
    score = math.log10(e.population + 10) + (CONTEXT_BONUS if context.get(e.country_iso3) else 0.0)
    score -= ALIAS_PENALTY if alias else 0.0
    return KIND_PRIORITY.get(e.kind, 9), -score


def _context_ok(e: G.Entry, cued: bool, text: str, norm: str, start: int, end: int, context: Counter) -> bool:
    before = norm[max(0, start - 60):start]
    if e.kind != "facility" and R.NOT_A_PLACE_BEFORE.search(before):
        return False
    if R.TITLE_BEFORE.search(text[max(0, start - 8):start]):
        return False
    if cued and e.kind == "region" and e.needs_cue:
        # "région du Sahel" is the zone unless the article is about that country
        if context[e.country_iso3] == 0 or (fold(e.name) in R.ZONE_NAMES
                                            and not _country_in_sentence(e.country_iso3, text, start)):
            return False
    prev_word = _previous_word(text, start)
    next_word = _next_word(text, end)
    if e.kind in ("capital", "city", "town", "country", "region", "prefecture") and not cued:
        if prev_word and _is_name_word(prev_word):
            return False  # part of a person's or organisation's name ("Air France", "Thomas Boni")
    if e.kind in ("city", "town") and e.population < PERSON_RULE_MAX_POPULATION:
        if next_word and (_is_name_word(next_word) or next_word.lower() in R.ENGLISH_FUNCTION_WORDS):
            return False  # "Boni Yayi", "Save the Children"
    ambiguous = fold(e.name) in R.AMBIGUOUS_COUNTRY_NAMES or (e.common_word and e.kind != "country")
    if ambiguous and not cued:
        at_sentence_start = start == 0 or bool(SENTENCE_START.search(text[max(0, start - 3):start]))
        if at_sentence_start or (prev_word and _is_name_word(prev_word)):
            return False  # "Manga", "Sucre" opening a sentence are words, "à Manga" is the town
    return True


def _previous_word(text: str, start: int) -> str | None:
    """The word just before, on the same line with only spaces between, or None."""
    i = start
    while i > 0 and text[i - 1] in " \t\u00a0\u202f":
        i -= 1
    if i == start or i == 0 or not text[i - 1].isalnum():
        return None
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "-'’"):
        j -= 1
    return text[j:i] or None


def _next_word(text: str, end: int) -> str | None:
    m = re.match(r"[ \t\u00a0\u202f]+([^\W\d_][\w'’-]*)", text[end:end + 40])
    return m.group(1) if m else None


def _is_name_word(word: str) -> bool:
    """A capitalised word that is no function word, cue or known place: likely part of a name."""
    if not word[:1].isupper():
        return False
    key = fold(word)
    if key in R.FUNCTION_WORDS or key in R.PLACE_CUE_WORDS:
        return False
    return key not in G.index()


def _country_in_sentence(iso3: str, text: str, pos: int) -> bool:
    left = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos)) + 1
    right_candidates = [k for k in (text.find(".", pos), text.find("\n", pos)) if k != -1]
    right = min(right_candidates) if right_candidates else len(text)
    sentence = fold(text[left:right])
    names = {fold(n) for e in G.index().get(fold(_country_name(iso3)), ()) if e.kind == "country"
             for n in (e.name, *e.aliases)}
    return any(re.search(rf"\b{re.escape(n)}\b", sentence) for n in names if n)


@lru_cache(maxsize=64)
def _country_name(iso3: str) -> str:
    for e in G.entries():
        if e.kind == "country" and e.country_iso3 == iso3:
            return e.name
    return iso3


def _mention(surface, start, end, kind, iso3, canonical, admin1, admin2) -> dict:
    return {"name": surface, "char_start": start, "char_end": end, "quote": surface, "kind": kind,
            "country_iso3": iso3, "canonical": canonical, "admin1": admin1, "admin2": admin2}


# --------------------------------------------------------------------------- resolution

SETTLEMENTS = set(G.SETTLEMENT_KINDS)


def _candidates(name: str, country_iso3: str | None, kind: str | None) -> tuple[list[G.Entry], bool]:
    """Gazetteer entries a name designates, and whether an alias (not the official name) matched."""
    key = fold(name)
    found = list(G.index().get(key, ()))
    if country_iso3:
        found = [e for e in found if e.country_iso3 == country_iso3]
    if kind:
        group = SETTLEMENTS if kind in SETTLEMENTS else {kind}
        found = [e for e in found if e.kind in group] or ([] if kind in ("commune", "region", "prefecture",
                                                                          "facility", "country") else found)
    via_alias = bool(found) and all(fold(e.name) != key for e in found)
    return found, via_alias


def _commune_entry(name: str) -> tuple[G.Entry | None, bool]:
    """A commune written "<prefecture> <n>": its gazetteer entry, or None with known=False."""
    m = re.match(r"^\s*(.+?)[ \u00a0\u202f]+(\d{1,2}|[IVX]{1,4})\s*$", name or "")
    if not m:
        return None, False
    pref = G.togo_prefecture(m.group(1))
    if pref is None:
        return None, False
    raw = m.group(2)
    number = int(raw) if raw.isdigit() else R.ROMAN.get(raw, 0)
    if not 1 <= number <= pref.n_communes:
        return None, True
    for e in G.index().get(fold(f"{pref.name} {number}"), ()):
        if e.kind == "commune":
            return e, True
    return None, True


def _best(entries: list[G.Entry], *, allow_cued: bool) -> G.Entry | None:
    if not allow_cued:
        entries = [e for e in entries if not e.needs_cue and fold(e.name) not in R.AMBIGUOUS_COUNTRY_NAMES]
    if not entries:
        return None
    return min(entries, key=lambda e: _rank(e, Counter()))


def _resolve(name: str, kind: str | None, country_iso3: str | None, *, strict: bool) -> tuple[G.Entry | None, str]:
    """(entry, match_source) for one name; (None, 'unresolved') when nothing fits."""
    if kind == "commune" or (kind is None and re.search(r"\d\s*$", name or "")):
        entry, looked_like = _commune_entry(name)
        if entry is not None:
            return entry, "gazetteer"
        if kind == "commune" or looked_like:
            return None, "unresolved"
    entries, via_alias = _candidates(name, country_iso3, kind)
    best = _best(entries, allow_cued=bool(kind) or not strict or bool(country_iso3))
    if best is None:
        return None, "unresolved"
    return best, "alias" if via_alias else "gazetteer"


def _row(entry: G.Entry, match_source: str) -> dict:
    parent = None
    if entry.kind == "commune" and entry.parent:
        parent = G.place_id("TGO", "prefecture", entry.parent)
    elif entry.kind == "prefecture" and entry.parent:
        parent = G.place_id(entry.country_iso3, "region", entry.parent)
    return {
        "place_id": entry.place_id, "name": entry.name, "kind": entry.kind, "country_iso3": entry.country_iso3,
        "admin1": entry.admin1, "admin2": entry.admin2, "lat": entry.lat, "lon": entry.lon,
        "resolved": True, "match_source": match_source, "parent_place_id": parent,
    }


def _unresolved_row(name: str, kind: str | None, country_iso3: str | None) -> dict:
    kind = kind if kind in PLACE_KINDS else "other"
    return {
        "place_id": stable_id("plc", country_iso3 or "", "unresolved", fold(name)), "name": name,
        "kind": kind, "country_iso3": country_iso3 if country_iso3 and re.fullmatch(r"[A-Z]{3}", country_iso3) else None,
        "admin1": None, "admin2": None, "lat": None, "lon": None,
        "resolved": False, "match_source": "unresolved", "parent_place_id": None,
    }


def _apply_boundaries(row: dict, layers: list) -> dict:
    """Coordinates from user polygons: communes and prefectures from adm2, regions from adm1;
    a town's admin2 from the adm2 polygon holding it."""
    if not layers or not row["resolved"]:
        return row
    kind, iso3 = row["kind"], row["country_iso3"]
    if kind in ("commune", "prefecture"):
        layer = B.layer_for(layers, iso3, "adm2")
        point = layer.point_for(row["admin2"]) if layer and row["admin2"] else None
    elif kind == "region":
        layer = B.layer_for(layers, iso3, "adm1")
        point = layer.point_for(row["name"]) if layer else None
    else:
        layer = B.layer_for(layers, iso3, "adm2")
        if layer and not row["admin2"] and row["lat"] is not None:
            unit = layer.unit_at(row["lat"], row["lon"])
            if unit:
                pref = G.togo_prefecture(unit) if iso3 == "TGO" else None
                row = {**row, "admin2": pref.name if pref else unit}
        return row
    if point is None:
        return row
    return {**row, "lat": point[0], "lon": point[1], "match_source": "boundary"}


def _layers(boundaries) -> list:
    if boundaries is not None:
        return list(boundaries)
    path = B.config_path()
    if not path.is_file():
        return []
    try:
        specs = B.read_config(path)
    except B.BoundaryError:
        specs = []
    stamp = tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in (path, *(s.path for s in specs)))
    return list(_configured_layers(str(path), stamp))


@lru_cache(maxsize=4)
def _configured_layers(path: str, _stamp: tuple) -> tuple:
    """The configured user layers, read once per version of the setting file; problems logged once."""
    layers, errors = B.load_configured_boundaries(path)
    for message in errors:
        log.warning("limites utilisateur ignorées / user boundaries skipped: %s", message)
    return tuple(layers)


def resolve_place_mentions(mentions: list[dict], *, boundaries=None) -> tuple[list[dict], list[dict]]:
    """Mentions (article_id, name, kind, country_iso3, quote, char_start, char_end) →
    (places rows, place_mentions rows), columns as etl.schema.TABLES.

    boundaries: list of etl.boundaries.BoundaryLayer; None reads the configured setting
    (a bad file is logged and skipped), [] uses none. Communes and prefectures then get
    the point of their prefecture polygon, regions of their region polygon.
    A mention that cannot be resolved is listed with resolved=False, never dropped.
    """
    layers = _layers(boundaries)
    places: dict[str, dict] = {}
    rows: list[dict] = []
    for m in mentions:
        name = (m.get("name") or m.get("quote") or "").strip()
        if not name:
            continue
        kind = m.get("kind") if m.get("kind") in PLACE_KINDS and m.get("kind") != "other" else None
        lookup_name = m.get("canonical") or name
        entry, source = _resolve(lookup_name, kind, m.get("country_iso3"), strict=False)
        if entry is None and lookup_name != name:
            entry, source = _resolve(name, kind, m.get("country_iso3"), strict=False)
        if entry is None:
            row = _unresolved_row(name, kind, m.get("country_iso3"))
        else:
            row = _apply_boundaries(_row(entry, source), layers)
            for parent in _parents(entry):
                places.setdefault(parent.place_id, _apply_boundaries(_row(parent, "gazetteer"), layers))
        known = places.get(row["place_id"])
        if known is None or (known["match_source"] == "alias" and row["match_source"] != "alias"):
            places[row["place_id"]] = row
        rows.append({
            "place_id": row["place_id"], "article_id": m.get("article_id"), "mention": name,
            "quote": m.get("quote"), "char_start": m.get("char_start"), "char_end": m.get("char_end"),
        })
    return list(places.values()), rows


def _parents(entry: G.Entry) -> list[G.Entry]:
    out = []
    current = entry
    while current.kind in ("commune", "prefecture") and current.parent:
        kind = "prefecture" if current.kind == "commune" else "region"
        parent = next((e for e in G.index().get(fold(current.parent), ())
                       if e.kind == kind and e.country_iso3 == current.country_iso3), None)
        if parent is None:
            break
        out.append(parent)
        current = parent
    return out


def lookup(name: str, country_iso3: str | None = None) -> dict | None:
    """One name (town, capital, country, commune "Blitta 3", prefecture, region, facility) →
    a places row (name, kind, country_iso3, admin1, admin2, lat, lon, place_id…), or None.

    Names that are also common words or broad zones ("Sahel", "Centrale") are found
    only when the country is given.
    """
    if not name or not name.strip():
        return None
    entry, source = _resolve(name.strip(), None, country_iso3, strict=True)
    if entry is None:
        return None
    return _apply_boundaries(_row(entry, source), _layers(None))


# --------------------------------------------------------------------------- map layers

def _geojson(name: str) -> dict:
    return json.loads(_read_layer(name))


@lru_cache(maxsize=8)
def _read_layer(name: str) -> str:
    path = SHAPES_DIR / name
    if not path.is_file():
        raise FileNotFoundError(f"{path} : couche introuvable, lancez scripts/build_shapes.py "
                                f"(layer missing: run scripts/build_shapes.py)")
    return path.read_text(encoding="utf-8")


def _frame(data: dict):
    import geopandas as gpd  # noqa: PLC0415

    return gpd.GeoDataFrame.from_features(data["features"], crs="EPSG:4326")


def load_country_layer(*, focus_only: bool = False, as_frame: bool = False):
    """Countries of West and Central Africa (+ neighbours for context): iso3, name_fr, name_en,
    focus (one of the 24 countries of OCHA's West and Central Africa region)."""
    data = _geojson("countries.geojson")
    if focus_only:
        data["features"] = [f for f in data["features"] if f["properties"]["focus"]]
    return _frame(data) if as_frame else data


def load_admin1_layer(country_iso3: str | list[str] | None = None, *, as_frame: bool = False):
    """Admin-1 regions (Mali, Burkina Faso, Niger, Togo): country_iso3, admin1 (official
    French name), name_ne (Natural Earth name), code, place_id."""
    data = _geojson("admin1.geojson")
    if country_iso3:
        wanted = {country_iso3} if isinstance(country_iso3, str) else set(country_iso3)
        data["features"] = [f for f in data["features"] if f["properties"]["country_iso3"] in wanted]
    return _frame(data) if as_frame else data


def load_corridors(*, as_frame: bool = False):
    """Schematic corridor lines from the Port autonome de Lomé to Ouagadougou, Niamey and
    Bamako: corridor_id, name_fr, name_en, via, schematic=True, note_fr, note_en."""
    data = _geojson("corridors.geojson")
    return _frame(data) if as_frame else data
