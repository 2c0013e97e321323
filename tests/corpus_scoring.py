"""Score a build of the real-article corpus against its gold (tests/fixtures/real/README.md).

The matching is that of ``tests/fixtures/seeds/score.py`` (the shared scorer), so the common
measures agree with it; on top of it this scores what the issue asks to see apart:
- decisions without objectives (recall and precision), objectives on their own;
- figure scope (``admin_level``) and refugees' origin (``origin_iso3``) where the gold gives them;
- actors that are function words, lone particles or headings ("DE", "TITRE").

``python tests/corpus_scoring.py SPLIT_DIR [--verbose]`` builds the split into a temporary folder and prints
the scores; ``--tables DIR`` scores an existing build instead.
"""
from __future__ import annotations

import csv
import json
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import tables_backend

GOLD_CLASS = {"people_in_need": "people_in_need", "affected": "affected", "idps": "idps", "refugees": "refugees",
              "food_insecure": "food_insecure", "funding": "funding", "funding_required": "funding",
              "funding_received": "funding", "funding_gap": "funding"}
# An actor whose name is one of these words, or only capitals of two letters or fewer, is junk.
JUNK_ACTOR_WORDS = {"de", "des", "du", "au", "aux", "et", "la", "le", "les", "l", "d", "en", "un", "une", "titre",
                    "us", "ou", "par", "pour", "sur", "dans", "avec", "a", "à", "ce", "cette", "ces", "son", "sa", "ses",
                    "article", "chapitre", "section", "titre", "communiqué", "conseil", "accueil", "actualité",
                    "actualités", "politique", "société", "économie", "international", "mesures", "nominations",
                    "délibérations", "communications", "divers"}


def gold_class(indicator: str | None) -> str:
    return GOLD_CLASS.get((indicator or "").strip().lower(), "other")


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").replace("’", "'").lower()
    s = re.sub(r"^[\s\-–•*·\d.)]+", "", s)
    return re.sub(r"[\s;.,:]+", " ", s).strip()


def number(x) -> float | None:
    if x is None:
        return None
    x = str(x).strip()
    if x == "" or x.lower() in ("nan", "none", "null"):
        return None
    try:
        return float(x)
    except ValueError:
        return None


def span_of(text: str, quote: str | None, start=None, end=None) -> tuple[int, int] | None:
    s, e = number(start), number(end)
    if s is not None and e is not None and 0 <= s < e <= len(text) and (not quote or text[int(s):int(e)] == quote):
        return int(s), int(e)
    if quote:
        i = text.find(quote)
        if i >= 0:
            return i, i + len(quote)
    return None


def overlap(a, b) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def load_gold(split: Path) -> dict[str, dict]:
    if (split / "gold.json").exists():
        return json.loads((split / "gold.json").read_text(encoding="utf-8"))
    return {p.stem + ".txt": json.loads(p.read_text(encoding="utf-8")) for p in sorted((split / "gold").glob("*.json"))}


def read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def is_junk_actor(name: str) -> bool:
    words = re.findall(r"[\w’']+", name or "")
    if not words:
        return True
    if all(w.lower().strip("’'") in JUNK_ACTOR_WORDS for w in words):
        return True
    return len(words) == 1 and len(words[0]) <= 2


@dataclass
class Counts:
    hit: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.hit += bool(ok)

    @property
    def rate(self) -> float | None:
        return round(self.hit / self.total, 3) if self.total else None


@dataclass
class Score:
    fig_recall: Counts = field(default_factory=Counts)
    fig_precision: Counts = field(default_factory=Counts)
    indicator: Counts = field(default_factory=Counts)
    country: Counts = field(default_factory=Counts)
    admin_level: Counts = field(default_factory=Counts)
    origin: Counts = field(default_factory=Counts)
    dec_recall: Counts = field(default_factory=Counts)
    dec_precision: Counts = field(default_factory=Counts)
    objective_recall: Counts = field(default_factory=Counts)
    objective_precision: Counts = field(default_factory=Counts)
    decided_by: Counts = field(default_factory=Counts)
    event_dates: Counts = field(default_factory=Counts)
    leaks: list = field(default_factory=list)
    junk_actors: list = field(default_factory=list)
    misses: list = field(default_factory=list)
    false_positives: list = field(default_factory=list)

    def summary(self) -> dict:
        out = {name: getattr(self, name).rate for name in (
            "fig_recall", "fig_precision", "indicator", "country", "admin_level", "origin", "dec_recall",
            "dec_precision", "objective_recall", "objective_precision", "decided_by", "event_dates")}
        out.update(fig_key=self.fig_recall.total, dec_total=self.dec_recall.total, dec_pred=self.dec_precision.total,
                   leaks=len(self.leaks), junk_actors=len(self.junk_actors))
        return out


def _decision_hits(text: str, pred: dict, gold: list[dict]) -> list[int]:
    ptxt = norm(pred.get("text") or pred.get("quote"))
    ps = span_of(text, pred.get("quote") or pred.get("text"), pred.get("char_start"), pred.get("char_end"))
    hits = []
    for i, g in enumerate(gold):
        gs = span_of(text, g.get("text") or g["quote"])
        ratio = SequenceMatcher(None, ptxt, norm(g.get("text") or g["quote"])).ratio()
        covered = (max(0, min(ps[1], gs[1]) - max(ps[0], gs[0])) / (gs[1] - gs[0])) if ps and gs else 0
        if ratio >= 0.85 or covered >= 0.5:
            hits.append(i)
    return hits


def score_tables(tables: Path, split: Path) -> Score:
    """Score the tables of a build of ``split/articles`` against ``split``'s gold."""
    gold = load_gold(split)
    articles = read_csv(tables / "articles.csv")
    file_of = {r["article_id"]: Path(r["source_file"]).name for r in articles}
    text_of = {}
    for r in articles:
        name = file_of[r["article_id"]]
        if r.get("text_file") and (tables / r["text_file"]).exists():
            text_of[name] = (tables / r["text_file"]).read_text(encoding="utf-8")
        elif (split / "articles" / name).exists():
            text_of[name] = (split / "articles" / name).read_text(encoding="utf-8")

    def by_file(rows):
        out: dict[str, list[dict]] = {}
        for r in rows:
            out.setdefault(file_of.get(r.get("article_id"), ""), []).append(r)
        return out

    figures, decisions, events = (by_file(read_csv(tables / f"{t}.csv")) for t in ("figures", "decisions", "events"))
    score = Score()
    for name, g in gold.items():
        text = text_of.get(name)
        if text is None:
            score.misses.append((name, "ARTICLE NOT BUILT", ""))
            continue
        _score_figures(score, name, text, g.get("figures", []), figures.get(name, []))
        _score_decisions(score, name, text, g.get("decisions", []), decisions.get(name, []))
        for x in g.get("events", []):
            if x.get("date"):
                want = x["date"].lstrip("-")
                ok = any(want in (r.get("date_start") or "") for r in events.get(name, []))
                score.event_dates.add(ok)
                if not ok:
                    score.misses.append((name, "EVENT", f"{x['date']} {x['quote'][:60]}"))
        for s in g.get("must_not_extract", []):
            for rows in (figures.get(name, []), decisions.get(name, []), events.get(name, [])):
                if any(s in " ".join(str(v) for v in r.values()) for r in rows):
                    score.leaks.append((name, s))
    mentioned = {r["actor_id"] for r in read_csv(tables / "actor_mentions.csv")
                 if file_of.get(r["article_id"]) in gold}
    score.junk_actors = [r["name"] for r in read_csv(tables / "actors.csv")
                         if r["actor_id"] in mentioned and is_junk_actor(r["name"])]
    return score


def _score_figures(score: Score, name: str, text: str, gold: list[dict], predicted: list[dict]) -> None:
    spans = [span_of(text, x.get("quote")) for x in gold]
    used: set[int] = set()
    for p in predicted:
        ps = span_of(text, p.get("quote"), p.get("char_start"), p.get("char_end"))
        pv = number(p.get("value"))
        match = None
        for i, x in enumerate(gold):
            gv = x.get("value")
            same = (gv is None and pv is None) or (gv is not None and pv is not None
                                                   and abs(pv - gv) <= 0.005 * max(1.0, abs(gv)))
            if same and (ps is None or spans[i] is None or overlap(ps, spans[i])):
                if i not in used:
                    match = i
                    break
                match = match if match is not None else -1
        score.fig_precision.add(match is not None)
        if match is None:
            score.false_positives.append((name, "FIGURE", f"{p.get('value')} {p.get('unit')} | {(p.get('quote') or '')[:70]}"))
            continue
        if match < 0:
            continue
        used.add(match)
        x = gold[match]
        if x.get("optional"):
            continue
        allowed = {gold_class(i) for i in [x.get("indicator")] + list(x.get("indicator_alt") or [])}
        ok = gold_class(p.get("indicator")) in allowed or (
            x.get("indicator") == "affected" and gold_class(p.get("indicator")) == "people_in_need")
        score.indicator.add(ok)
        if not ok:
            score.misses.append((name, "INDICATOR", f"{p.get('indicator')} != {x.get('indicator')} | {x['quote'][:60]}"))
        if x.get("country_iso3"):
            ok = (p.get("country_iso3") or "").upper() == x["country_iso3"]
            score.country.add(ok)
            if not ok:
                score.misses.append((name, "COUNTRY", f"{p.get('country_iso3')} != {x['country_iso3']} | {x['quote'][:60]}"))
        if "admin_level" in x and x["admin_level"] is not None and "admin_level" in p:
            score.admin_level.add(str(p.get("admin_level")) == str(x["admin_level"]))
        if x.get("origin_iso3") and "origin_iso3" in p:
            score.origin.add((p.get("origin_iso3") or "") == x["origin_iso3"])
    for i, x in enumerate(gold):
        if x.get("optional"):
            continue
        score.fig_recall.add(i in used)
        if i not in used:
            score.misses.append((name, "FIGURE", f"{x.get('value')} {x.get('unit')} | {x['quote'][:70]}"))


def _score_decisions(score: Score, name: str, text: str, gold: list[dict], predicted: list[dict]) -> None:
    decisions = [x for x in gold if x.get("kind", "decision") != "objective"]
    objectives = [x for x in gold if x.get("kind", "decision") == "objective"]
    found_dec: set[int] = set()
    found_obj: set[int] = set()
    for p in predicted:
        if p.get("kind") == "objective":
            hits = _decision_hits(text, p, objectives)
            found_obj.update(hits)
            if objectives:
                score.objective_precision.add(bool(hits))
            continue
        hits = _decision_hits(text, p, decisions)
        # a predicted decision that is a gold objective is neither right nor a junk row
        if not hits and _decision_hits(text, p, objectives):
            continue
        found_dec.update(hits)
        score.dec_precision.add(bool(hits))
        if not hits:
            score.false_positives.append((name, "DECISION", f"[{p.get('rule')}] {(p.get('text') or '')[:90]}"))
        elif p.get("decided_by") is not None and any(decisions[i].get("decided_by") for i in hits):
            want = [norm(decisions[i].get("decided_by")) for i in hits if decisions[i].get("decided_by")]
            got = norm(p.get("decided_by"))
            score.decided_by.add(any(w and got and (w in got or got in w) for w in want))
    for i, x in enumerate(decisions):
        score.dec_recall.add(i in found_dec)
        if i not in found_dec:
            score.misses.append((name, "DECISION", (x.get("text") or x["quote"])[:90]))
    for i, x in enumerate(objectives):
        score.objective_recall.add(i in found_obj)
        if i not in found_obj:
            score.misses.append((name, "OBJECTIVE", (x.get("text") or x["quote"])[:90]))


def build_split(split: Path, out: Path) -> Path:
    """Build ``split/articles`` "into" ``out`` through the table store: the back end under test
    (tests/tables_backend.py; on the postgres pass, a namespace of PostgreSQL)."""
    return tables_backend.build_published(split / "articles", out, force=True)


def score_build(out: Path, split: Path) -> Score:
    """Score the build published into ``out`` as the table store returns it: written out to a
    temporary folder of CSVs first (tests/tables_backend.py export_csv_folder), which score_tables reads."""
    with tempfile.TemporaryDirectory(prefix="real_corpus_scored_") as scored:
        return score_tables(tables_backend.export_csv_folder(out, scored), split)


def build_and_score(split: Path, out: Path | None = None) -> Score:
    out = out or Path(tempfile.mkdtemp(prefix="real_corpus_"))
    return score_build(build_split(split, out), split)


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", type=Path)
    parser.add_argument("--tables", type=Path)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--only", help="show misses and false positives of this kind only (FIGURE, DECISION, ...)")
    args = parser.parse_args(argv)
    score = score_tables(args.tables, args.split) if args.tables else build_and_score(args.split)
    if args.verbose:
        for tag, rows in (("MISS", score.misses), ("FP  ", score.false_positives)):
            for row in rows:
                if not args.only or row[1] == args.only:
                    print(tag, *row)
        for leak in score.leaks:
            print("LEAK", *leak)
        for actor in score.junk_actors:
            print("JUNK", actor)
    print(json.dumps(score.summary()))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main(sys.argv[1:]))
