"""Page loads under concurrent sessions: one app process, then N processes behind nginx
(deploy/nginx.conf, as README "Plusieurs instances" deploys them), sharing one tracker on
PostgreSQL and one tables folder.

    .venv/bin/python bench/load_bench.py [--sessions 1,20,50] [--instances 4] [--rounds 2]
                                         [--tables DIR] [--database-url URL] [--no-readme]

Client: websocket sessions (tests/browser/ws_session.py), each doing what a browser's first
visit asks of the server: GET the page's HTML, open /_stcore/stream, ask for the page, and wait
until its script has finished and every message has arrived. No browser draws the pages: on a
2-core machine, 50 Chromium tabs would measure Chromium, not the app. The first page load of a
new session is the one measured (the heaviest: a new session state, every widget new).

Sessions: `1` = one session at a time, each page `--rounds` × 2 times; `20`, `50` = that many
sessions opened at the same instant, each loading one page (the 7 pages in turn), `--rounds`
bursts. Behind nginx each session connects from its own loopback address (127.<i>.0.1), so
ip_hash spreads them as it would spread users; the access log says which process answered.
Before measuring, every process loads every page once (a user has been there: shared caches
and chart pictures exist).

Memory: resident set (VmRSS) of each app process, and the proportional set size (PSS: shared
pages split between the processes sharing them) of its process tree (with the Chromium that
draws chart pictures), idle after warm-up and the peak seen during the bursts (sampled every
0.2 s).

Goal (issue 17): p95 at 50 sessions no worse than 3x a single session's load.
Results: bench/out/load_bench.json and the "Several app instances under load" section of
bench/README.md.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import date
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

import harness  # noqa: E402
import proxy  # noqa: E402
import ws_session  # noqa: E402

README = BENCH / "README.md"
OUT = BENCH / "out"
RESULTS = OUT / "load_bench.json"
import readme  # noqa: E402  (bench/readme.py: this bench's section of bench/README.md)

PAGES = ["", "map", "needs", "decisions", "timeline", "actors", "sources"]
GOAL = 3.0
PICTURE_WAIT = 5.0


# ---------------------------------------------------------------- setup

def seed_tables() -> Path:
    out = OUT / "load" / "tables"
    if not (out / "articles.csv").exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([sys.executable, "-m", "etl", "build", "--out", str(out), "--quiet"], cwd=ROOT,
                              capture_output=True, text=True)
        if done.returncode not in (0, 1):
            raise SystemExit(f"ETL build failed: {done.stdout}{done.stderr}")
    return out


@contextlib.contextmanager
def tracker_database(url: str | None):
    """A fresh schema on the PostgreSQL server (dropped after), or a temporary SQLite file."""
    if not url:
        folder = OUT / "load" / f"sqlite-{uuid.uuid4().hex[:6]}"
        folder.mkdir(parents=True)
        yield f"sqlite:///{folder / 'tracker.sqlite'}", "SQLite (no PostgreSQL given)"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield (make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
               .render_as_string(hide_password=False)), "PostgreSQL"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


# ---------------------------------------------------------------- memory

def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kb(pid: int) -> int:
    """Proportional set size: shared pages (Chromium's processes share most) counted once overall."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def memory(pids: list[int]) -> list[dict]:
    """[{pid, rss_mb (the app process), tree_mb (PSS of it and its children)}] per app process."""
    tree = _children()
    out = []
    for pid in pids:
        todo, total = [pid], 0
        while todo:
            p = todo.pop()
            total += _pss_kb(p)
            todo += tree.get(p, [])
        out.append({"pid": pid, "rss_mb": round(_rss_kb(pid) / 1024, 1), "tree_mb": round(total / 1024, 1)})
    return out


class PeakMemory:
    """Highest RSS per app process (and tree) while the block runs."""

    def __init__(self, pids: list[int]):
        self.pids, self.peak = pids, {pid: {"rss_mb": 0.0, "tree_mb": 0.0} for pid in pids}
        self._stop = threading.Event()

    def __enter__(self):
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self):
        while not self._stop.is_set():
            for sample in memory(self.pids):
                peak = self.peak[sample["pid"]]
                peak["rss_mb"] = max(peak["rss_mb"], sample["rss_mb"])
                peak["tree_mb"] = max(peak["tree_mb"], sample["tree_mb"])
            self._stop.wait(0.2)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


# ---------------------------------------------------------------- measuring

def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * q
    lo, hi = math.floor(k), math.ceil(k)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def summary(loads: list[ws_session.PageLoad]) -> dict:
    ok = [load.seconds for load in loads if load.status == "ok" and not load.exception]
    return {"n": len(loads), "ok": len(ok), "failed": [f"{l.page or 'overview'}: {l.status} {l.exception or ''}".strip()
                                                      for l in loads if l.status != "ok" or l.exception][:5],
            "p50": round(percentile(ok, 0.5), 2), "p95": round(percentile(ok, 0.95), 2),
            "max": round(max(ok), 2) if ok else float("nan"),
            "mean_kb": round(statistics.mean(l.bytes_received for l in loads) / 1024, 1) if loads else 0}


def warm(bases: list[str]) -> None:
    for base in bases:
        for page in PAGES:
            ws_session.load_page_sync(base, page, timeout=300)
    time.sleep(PICTURE_WAIT)
    for base in bases:  # the second view: chart pictures drawn meanwhile are used
        for page in PAGES:
            ws_session.load_page_sync(base, page, timeout=300)


def run_levels(front: str, pids: list[int], levels: list[int], rounds: int, log) -> dict:
    results = {"idle_memory": memory(pids), "levels": {}}
    for level in levels:
        loads: list[ws_session.PageLoad] = []
        with PeakMemory(pids) as peak:
            if level == 1:
                for _round in range(rounds * 2):
                    for i, page in enumerate(PAGES):
                        loads.append(ws_session.load_page_sync(front, page, source=ws_session.client_address(i),
                                                               timeout=300))
            else:
                for _round in range(rounds):
                    pages = [PAGES[i % len(PAGES)] for i in range(level)]
                    loads += asyncio.run(ws_session.load_many(front, pages, timeout=300))
                    time.sleep(2)
        stats = summary(loads)
        stats["peak_memory"] = [{"pid": pid, **values} for pid, values in peak.peak.items()]
        stats["after_memory"] = memory(pids)
        results["levels"][str(level)] = stats
        log(f"  {level:>3} session(s): p50 {stats['p50']:.2f} s, p95 {stats['p95']:.2f} s, max {stats['max']:.2f} s, "
            f"{stats['ok']}/{stats['n']} ok, peak RSS {', '.join(str(p['rss_mb']) for p in stats['peak_memory'])} MB")
    return results


def scenario(name: str, *, instances: int, behind_proxy: bool, tables: Path, url: str, levels, rounds, log) -> dict:
    log(f"{name}: {instances} process(es){' behind nginx' if behind_proxy else ''}")
    env = {"DATABASE_URL": url, "TRACKER_TRUSTED_PROXIES": "127.0.0.1,::1",
           "STREAMLIT_SERVER_COOKIE_SECRET": uuid.uuid4().hex, "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}
    with contextlib.ExitStack() as stack:
        procs: list = []
        bases = [stack.enter_context(harness.streamlit_server(ROOT / "app.py", tables_dir=tables, env=env,
                                                              procs=procs, timeout=180))
                 for _ in range(instances)]
        pids = [proc.pid for proc in procs]
        warm(bases)
        front, prefix = bases[0], None
        if behind_proxy:
            front, prefix = stack.enter_context(proxy.nginx([int(b.rsplit(":", 1)[1]) for b in bases]))
        result = run_levels(front, pids, levels, rounds, log)
        if prefix is not None:
            result["requests_per_process"] = proxy.upstreams_used(prefix)
        return result


# ---------------------------------------------------------------- report

def ratio(result: dict, level: int) -> tuple[float, float]:
    one, many = result["levels"]["1"], result["levels"][str(level)]
    return many["p95"] / one["p50"], many["p95"] / one["p95"]


def report(results: dict) -> str:
    meta = results["meta"]
    lines = [f"Run {meta['date']}, {meta['machine']}, Python {meta['python']}, tracker on {meta['database']}, "
             f"{meta['articles']} articles; load average {meta['load_before']} before, {meta['load_after']} after "
             f"(other work on the machine). Seconds per page load (HTML + websocket to the end of the page's "
             "script), first view of a new session, pages in turn.", "",
             "| setup | sessions | p50 | p95 | max | ok | p95 / single p50 | p95 / single p95 | "
             "RSS per app process, idle → peak (MB) | PSS with its Chromium, peak (MB) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for name, label in (("single", "1 process"), ("proxied", f"{meta['instances']} processes + nginx")):
        result = results[name]
        idle = result["idle_memory"]
        for level, stats in result["levels"].items():
            r50, r95 = ratio(result, int(level))
            peaks = stats["peak_memory"]
            lines.append(
                f"| {label} | {level} | {stats['p50']:.2f} | {stats['p95']:.2f} | {stats['max']:.2f} | "
                f"{stats['ok']}/{stats['n']} | {r50:.1f}× | {r95:.1f}× | "
                + ", ".join(f"{i['rss_mb']:.0f} → {p['rss_mb']:.0f}" for i, p in zip(idle, peaks)) + " | "
                + ", ".join(f"{p['tree_mb']:.0f}" for p in peaks) + " |")
    per = results["proxied"].get("requests_per_process", {})
    lines += ["", f"Requests per process behind nginx (ip_hash over {len(per)} processes): "
              + ", ".join(f"{addr.rsplit(':', 1)[1]}: {n}" for addr, n in sorted(per.items())) + "."]
    goal = {name: ratio(results[name], max(int(k) for k in results[name]["levels"]))[0] for name in ("single", "proxied")}
    top = max(int(k) for k in results["single"]["levels"])
    lines += ["", f"Goal: p95 at {top} sessions ≤ {GOAL:g}× a single session's load (p50). "
              f"1 process: {goal['single']:.1f}× — {'met' if goal['single'] <= GOAL else 'not met'}; "
              f"{meta['instances']} processes behind nginx: {goal['proxied']:.1f}× — "
              f"{'met' if goal['proxied'] <= GOAL else 'not met'}."]
    failures = [f for name in ("single", "proxied") for stats in results[name]["levels"].values() for f in stats["failed"]]
    if failures:
        lines += ["", "Failed loads (first ones): " + "; ".join(failures[:5])]
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme.write_section('load-bench', text, heading="Several app instances under load (`bench/load_bench.py`)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", default="1,20,50")
    parser.add_argument("--instances", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--tables", type=Path, default=None, help="a built tables folder (default: the seed articles)")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL"))
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args(argv)
    levels = sorted({int(x) for x in args.sessions.split(",")} | {1})
    if proxy.nginx_binary() is None:
        raise SystemExit("nginx is not installed (apt-get install nginx)")
    tables = args.tables or seed_tables()
    from etl.published import current_build

    articles = sum(1 for _ in open(current_build(tables) / "articles.csv", encoding="utf-8")) - 1
    OUT.mkdir(exist_ok=True)
    results = {"meta": {"date": date.today().isoformat(), "machine": f"{os.cpu_count()} cores, {platform.machine()}",
                        "python": platform.python_version(), "instances": args.instances, "articles": articles,
                        "load_before": " ".join(f"{x:.1f}" for x in os.getloadavg())}}
    with tracker_database(args.database_url) as (url, kind):
        results["meta"]["database"] = kind
        results["single"] = scenario("single", instances=1, behind_proxy=False, tables=tables, url=url, levels=levels,
                                     rounds=args.rounds, log=print)
        results["proxied"] = scenario("proxied", instances=args.instances, behind_proxy=True, tables=tables, url=url,
                                      levels=levels, rounds=args.rounds, log=print)
    results["meta"]["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    RESULTS.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    text = report(results)
    print(text)
    if not args.no_readme:
        write_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
