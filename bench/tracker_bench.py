"""Decision tracker speed: the Décisions page and its history view at seed scale and at
5,000 decisions with 50,000 history rows.

    .venv/bin/python bench/tracker_bench.py [--decisions 5000] [--history 50000] [--repeat 5]
                                            [--database-url URL] [--no-browser] [--no-readme]

For each scale, a fresh tracker database (SQLite in a temporary folder, or a throwaway
schema of --database-url, e.g. PostgreSQL) is filled: the decisions synced from a
decisions.csv, every one given a status, owner, due date and progress, and history rows
spread over them (seed scale: the seed articles built by the real ETL, 3 edits each).

Measured (best of --repeat runs, seconds):
- service calls: tracker_frame, history of one decision, history of all, status counts,
  sync with nothing changed (fingerprint skip) and forced, CSV and XLSX export;
- the page as Streamlit runs it (AppTest, server side): list as a viewer, list as an editor
  (bulk editor), one decision open (detail + its history), and the History tab;
- in headless Chromium (unless --no-browser): time until the page is fully drawn, for the
  list and for one decision opened by link (?decision=…), against the seed-scale page.

Results go to the tracker section of bench/README.md and to bench/out/tracker_bench.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "browser")]
README = BENCH / "README.md"
RESULTS = BENCH / "out" / "tracker_bench.json"
import readme  # noqa: E402  (bench/readme.py: this bench's section of bench/README.md)

PAGE = ROOT / "pages" / "decisions.py"
NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
THEMES = ("santé", "éducation", "eau et assainissement", "sécurité alimentaire", "protection", "logistique",
          "gouvernance", "énergie")
VERBS = ("construire", "réhabiliter", "financer", "équiper", "former", "distribuer", "recruter", "évaluer")
OBJECTS = ("des écoles", "des centres de santé", "des forages", "des pistes rurales", "des enseignants",
           "des vivres", "des abris", "des semences")


def median_time(fn, repeat: int) -> float:
    """Best of `repeat` runs: on a shared machine other processes only ever add time, so the
    fastest run is the closest to the code's own cost (the name stays for the callers)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


# ---------------------------------------------------------------- data

def seed_tables(folder: Path) -> Path:
    """decisions.csv and articles.csv of the seed articles, built by the real ETL."""
    from etl.pipeline import build

    build(ROOT / "data" / "articles", folder, log=None, progress=False, today=date(2025, 3, 1))
    return folder


def large_tables(folder: Path, n: int, n_articles: int, rng: random.Random) -> Path:
    """n synthetic decisions over n_articles articles, through the table contract."""
    from etl.schema import conform
    from etl.text import stable_id

    folder.mkdir(parents=True, exist_ok=True)
    articles, decisions = [], []
    for a in range(n_articles):
        article_id = f"{a:04d}_{stable_id('art', a)[4:]}"
        articles.append({"article_id": article_id, "source_file": f"{article_id}.txt", "title": f"Article {a}",
                         "language": "fr", "published_date": f"2024-{1 + a % 12:02d}-{1 + a % 28:02d}",
                         "published_precision": "day", "status": "ok", "n_chars": 3000})
    for i in range(n):
        text = (f"Le ministère s'engage à {rng.choice(VERBS)} {rng.randint(2, 500)} {rng.choice(OBJECTS)} "
                f"dans la région n° {i % 40} d'ici {2025 + i % 4}.")
        article = articles[i % n_articles]
        decisions.append({"decision_id": stable_id("dec", article["article_id"], text), "article_id": article["article_id"],
                          "kind": ("decision", "commitment", "objective", "recommendation")[i % 4], "text": text,
                          "theme": THEMES[i % len(THEMES)], "announced_date": article["published_date"],
                          "announced_precision": "day", "quote": text, "char_start": 100, "char_end": 100 + len(text),
                          "country_iso3": ("MLI", "BFA", "NER", "TGO")[i % 4]})
    conform("decisions", decisions).to_csv(folder / "decisions.csv", index=False)
    conform("articles", articles).to_csv(folder / "articles.csv", index=False)
    return folder


def read_decisions(folder: Path):
    """decisions.csv read exactly as dashboard.loaders reads it (same frame, same fingerprint)."""
    import pandas as pd

    from etl.schema import conform

    return conform("decisions", pd.read_csv(folder / "decisions.csv", dtype=str, keep_default_na=False, na_values=[""]))


def populate(engine, decisions, n_history: int, rng: random.Random) -> str:
    """Sync, give every decision tracking values, spread n_history history rows; returns the busiest id."""
    from sqlalchemy import insert, update

    from etl.principals import Principal
    from tracker import db, service
    from tracker.models import HistoryEntry, TrackedDecision
    from tracker.vocab import STATUSES

    service.sync_decisions(decisions, now=NOW, engine=engine)
    editor = Principal("bench", "editor")
    ids = list(decisions["decision_id"])
    per = max(1, n_history // len(ids))
    busiest = ids[0]
    with db.session_scope(editor, engine) as session:
        session.execute(update(TrackedDecision), [
            {"decision_id": d, "status": rng.choice(STATUSES), "responsible": f"Ministère n° {i % 25}",
             "due_date": date(2025, 1, 1) + timedelta(days=i % 900), "progress": rng.randint(0, 100),
             "notes": "Suivi trimestriel." if i % 3 == 0 else None, "version": per}
            for i, d in enumerate(ids)])
        rows = []
        for k in range(n_history):
            decision_id = busiest if k < 40 else ids[k % len(ids)]
            rows.append({"decision_id": decision_id, "changed_at": NOW - timedelta(minutes=n_history - k),
                         "editor": f"editeur{k % 12}", "field": ("status", "progress", "responsible", "notes")[k % 4],
                         "old_value": str(k), "new_value": str(k + 1), "version": 1 + k // len(ids)})
            if len(rows) == 5000:
                session.execute(insert(HistoryEntry), rows)
                rows = []
        if rows:
            session.execute(insert(HistoryEntry), rows)
    return busiest


# ---------------------------------------------------------------- measurements

def service_times(engine, decisions, busiest: str, repeat: int) -> dict:
    from tracker import export, service

    ids = list(decisions["decision_id"])
    frame = service.tracker_frame(decisions, engine=engine)
    history = service.history_frame(ids, engine=engine)
    return {
        "tracker_frame": median_time(lambda: service.tracker_frame(decisions, engine=engine), repeat),
        "history_one_decision": median_time(lambda: service.history_frame(busiest, engine=engine), repeat),
        "history_all": median_time(lambda: service.history_frame(ids, engine=engine), repeat),
        "status_counts": median_time(lambda: service.status_counts(decisions, engine=engine), repeat),
        "sync_unchanged": median_time(lambda: service.sync_decisions(decisions, engine=engine), repeat),
        "sync_forced": median_time(lambda: service.sync_decisions(decisions, engine=engine, force=True), max(1, repeat // 2)),
        "export_csv": median_time(lambda: export.to_csv_bytes(export.decisions_export_frame(frame)), repeat),
        "export_xlsx": median_time(lambda: export.tracker_workbook(frame, history), max(1, repeat // 2)),
        "n_history": len(history),
    }


def apptest_times(busiest: str, repeat: int) -> dict:
    """Server-side script runs of the page (AppTest), each a fresh session."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from etl.principals import Principal

    def run(**state):
        at = AppTest.from_file(str(PAGE), default_timeout=300)
        for key, value in state.items():
            at.session_state[key] = value
        at.run()
        assert not at.exception, at.exception

    def hello():
        AppTest.from_string("import streamlit as st\nst.write('bonjour')", default_timeout=300).run()

    run()  # warm: imports, cached table reads, the once-per-file sync
    editor = Principal("bench", "editor")
    # AppTest itself costs time on every run (it scans installed packages for components):
    # a hello-world run measured alongside is subtracted, leaving the page's own time.
    baseline = median_time(hello, repeat)
    times = {
        "apptest_hello": baseline,
        "page_viewer": median_time(run, repeat) - baseline,
        "page_editor_bulk": median_time(lambda: run(tracker_principal=editor), repeat) - baseline,
        "page_decision_open": median_time(lambda: run(tracker_pick=busiest), repeat) - baseline,
        "page_history_tab": median_time(lambda: run(tracker_tab="Historique"), repeat) - baseline,
    }
    st.cache_data.clear()
    return times


HELLO = "import streamlit as st\nst.title('Bonjour')\nst.write('Une page minimale, mesurée pour comparaison.')\n"


def browser_hello(repeat: int) -> float:
    """Time until a hello-world Streamlit page is drawn, same browser and harness: the floor."""
    from harness import launch, new_context, streamlit_server, wait_drawn
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="tracker-bench-hello-"))
    script = folder / "hello.py"
    script.write_text(HELLO, encoding="utf-8")
    try:
        with streamlit_server(script, data_dir=folder) as base, sync_playwright() as pw:
            browser = launch(pw)

            def load() -> None:
                context = new_context(browser)
                page = context.new_page()
                page.goto(base)
                wait_drawn(page)
                context.close()

            load()
            best = median_time(load, repeat)
            browser.close()
            return best
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def browser_times(tables: Path, url: str, busiest: str, repeat: int) -> dict:
    from harness import launch, new_context, page_url, streamlit_server, wait_drawn
    from playwright.sync_api import sync_playwright

    results = {"browser_hello": browser_hello(repeat)}
    with streamlit_server(ROOT / "app.py", tables_dir=tables, env={"DATABASE_URL": url}) as base:
        with sync_playwright() as pw:
            browser = launch(pw)

            def load(query: str = "") -> None:
                context = new_context(browser)
                page = context.new_page()
                page.goto(page_url(base, "decisions", query))
                wait_drawn(page, timeout_ms=300_000)
                context.close()

            load()  # warm: the router has run, tables are cached, the tracker is synced
            results["browser_list"] = median_time(load, repeat)
            results["browser_decision_open"] = median_time(lambda: load(f"decision={busiest}"), repeat)
            browser.close()
    return results


def run_scale(name: str, tables: Path, n_history: int, args, rng: random.Random) -> dict:
    from tracker import db

    decisions = read_decisions(tables)
    url, cleanup = database(args, Path(tables).parent / f"{name}.sqlite")
    try:
        db.upgrade(url)
        engine = db.make_engine(url)
        busiest = populate(engine, decisions, n_history, rng)
        result = {"decisions": len(decisions), **service_times(engine, decisions, busiest, args.repeat)}
        engine.dispose()
        os.environ["SAHEL_TABLES_DIR"], os.environ["DATABASE_URL"] = str(tables), url
        result |= apptest_times(busiest, args.repeat)
        if not args.no_browser:
            result |= browser_times(tables, url, busiest, args.repeat)
    finally:
        db.dispose_engines()
        cleanup()
    return result


def database(args, sqlite_path: Path):
    if not args.database_url:
        return f"sqlite:///{sqlite_path}", lambda: None
    from tracker_support import fresh_postgres_schema

    schema = fresh_postgres_schema(args.database_url)
    url = schema.__enter__()
    return url, lambda: schema.__exit__(None, None, None)


# ---------------------------------------------------------------- report

ROWS = (
    ("tracker_frame", "service: tracker_frame (all decisions + status)"),
    ("history_one_decision", "service: history of one decision"),
    ("history_all", "service: history of all decisions"),
    ("status_counts", "service: status_counts (overview)"),
    ("sync_unchanged", "service: sync, decisions.csv unchanged"),
    ("sync_forced", "service: sync forced (after a rebuild)"),
    ("export_csv", "export CSV"),
    ("export_xlsx", "export XLSX (decisions + history)"),
    ("apptest_hello", "AppTest hello-world run (subtracted from page runs)"),
    ("page_viewer", "page run, viewer (list)"),
    ("page_editor_bulk", "page run, editor (bulk editor)"),
    ("page_decision_open", "page run, one decision open (detail + history)"),
    ("page_history_tab", "page run, History tab"),
    ("browser_hello", "Chromium: hello-world page drawn (floor)"),
    ("browser_list", "Chromium: page drawn, list"),
    ("browser_decision_open", "Chromium: page drawn, decision opened by link"),
)


def report(results: dict, args) -> str:
    seed, large = results["seed"], results["large"]
    lines = [
        f"Run {date.today().isoformat()} on {platform.node() or 'this machine'} ({platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}), database: "
        f"{'PostgreSQL' if args.database_url else 'SQLite'}; command: "
        f"`.venv/bin/python bench/tracker_bench.py --decisions {args.decisions} --history {args.history} "
        f"--repeat {args.repeat}{' --no-browser' if args.no_browser else ''}`.",
        "",
        f"Seed scale: {seed['decisions']} decisions, {seed['n_history']} history rows. "
        f"Large: {large['decisions']} decisions, {large['n_history']} history rows. Seconds, best of {args.repeat} "
        f"runs (load average {os.getloadavg()[0]:.1f} at the end of the run).",
        "",
        "| measure | seed | large | large / seed |",
        "|---|---:|---:|---:|",
    ]
    for key, label in ROWS:
        if key in seed and key in large:
            ratio = large[key] / seed[key] if seed[key] else float("nan")
            lines.append(f"| {label} | {seed[key]:.3f} | {large[key]:.3f} | {ratio:.1f}× |")
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme.write_section('tracker-bench', text, heading="Decision tracker", intro=TRACKER_INTRO)


TRACKER_INTRO = """`bench/tracker_bench.py` times the Décisions page and its history view at seed scale
(the seed articles through the real ETL) and at 5,000 decisions with 50,000 history rows,
on a fresh tracker database filled for the run. "page run" is the Streamlit script run
on the server (AppTest, a fresh session each time, minus an AppTest hello-world run); "Chromium" is the time until the page
is fully drawn in headless Chromium (tests/browser/harness.py). Re-run it after changing
the tracker; it rewrites the table below."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--decisions", type=int, default=5000)
    parser.add_argument("--history", type=int, default=50000)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", help="PostgreSQL server to use instead of SQLite (a throwaway schema)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-readme", action="store_true")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    try:
        seed = seed_tables(work / "seed")
        n_seed = len(read_decisions(seed))
        results = {
            "seed": run_scale("seed", seed, 3 * n_seed, args, rng),
            "large": run_scale("large", large_tables(work / "large", args.decisions, args.articles, rng),
                               args.history, args, rng),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report(results, args)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"date": date.today().isoformat(), "args": vars(args), "results": results}, indent=2))
    if not args.no_readme:
        write_readme(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
