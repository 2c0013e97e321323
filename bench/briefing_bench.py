"""Briefing pack speed at seed scale: the seed articles through the real ETL, a tracker
synced with them, then the pack (PowerPoint + PDF) built in French and in English.

    .venv/bin/python bench/briefing_bench.py [--repeat 3] [--no-readme]

"cold" is the first pack of a process: it starts Chromium for kaleido (the app's server
process pays this once); "warm" packs reuse it. Times are wall-clock seconds per step
(content, map, chart, pptx, pdf; the chart is drawn while the map is) and in total.
Goal: under 15 s. Results go to the briefing section of bench/README.md and to
bench/out/briefing_bench.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
README = BENCH / "README.md"
RESULTS = BENCH / "out" / "briefing_bench.json"
import readme  # noqa: E402  (bench/readme.py: this bench's section of bench/README.md)

INTRO = """`bench/briefing_bench.py` builds the briefing pack (PowerPoint and PDF, dashboard/briefing_pack.py)
from the seed articles (real ETL, tracker synced). "cold" is the first pack of a process
(Chromium starts for kaleido); "warm" packs reuse it, as the app's server does after its
first pack. Goal: under 15 s."""
STEPS = ("content", "map", "chart", "pptx", "pdf")


def build_inputs(folder: Path):
    from dashboard_fixtures import read_tables, views_of

    from etl import places
    from etl.pipeline import build
    from tracker import db, service

    build(ROOT / "data" / "articles", folder / "tables", log=None, progress=False)
    tables = read_tables(folder / "tables")
    url = f"sqlite:///{folder / 'tracker.sqlite'}"
    db.upgrade(url)
    engine = db.make_engine(url)
    service.sync_decisions(tables["decisions"], engine=engine)
    seen = views_of(tables)
    pack_tables = {"figures": seen["figures"], "decisions": seen["decisions"], "events": seen["events"],
                   "articles": tables["articles"]}
    counts = {name: len(tables[name]) for name in ("articles", "figures", "decisions", "events")}
    return pack_tables, places.load_country_layer(), engine, counts


def run(repeat: int) -> dict:
    from dashboard import briefing_pack

    with tempfile.TemporaryDirectory() as tmp:
        tables, countries, engine, counts = build_inputs(Path(tmp))
        runs = []
        for i in range(1 + repeat):
            for lang in ("fr", "en"):
                if i == 0 and lang == "en":
                    continue  # one cold run: the first pack of the process
                begun = time.perf_counter()
                pack = briefing_pack.build_briefing(tables, lang=lang, today=date.today(), countries=countries,
                                                    engine=engine)
                runs.append({"kind": "cold" if i == 0 else "warm", "lang": lang,
                             "total": round(time.perf_counter() - begun, 3), **pack.step_seconds,
                             "pptx_kb": len(pack.pptx) // 1024, "pdf_kb": len(pack.pdf) // 1024,
                             "slides": len(pack.slides)})
        engine.dispose()
    return {"date": date.today().isoformat(), "machine": platform.node(), "cpus": os.cpu_count(),
            "python": platform.python_version(), "load": round(os.getloadavg()[0], 1), "counts": counts,
            "repeat": repeat, "runs": runs}


def table(result: dict) -> str:
    c = result["counts"]
    lines = [f"Run {result['date']} on {result['machine']} ({result['cpus']} CPUs, Python {result['python']}), "
             f"load average at start {result['load']}; command: `python bench/briefing_bench.py --repeat "
             f"{result['repeat']}`. Seed: {c['articles']} articles, {c['figures']} figures, {c['decisions']} "
             f"decisions, {c['events']} events.", "",
             "| run | total (s) | " + " | ".join(STEPS) + " | slides | PPTX / PDF |",
             "|---|---:|" + "---:|" * len(STEPS) + "---:|---:|"]
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in result["runs"]:
        groups.setdefault((r["kind"], r["lang"]), []).append(r)
    for (kind, lang), runs in groups.items():
        med = {k: statistics.median(r[k] for r in runs) for k in ("total", *STEPS)}
        label = f"{kind} {lang.upper()}" + (f" (median of {len(runs)})" if len(runs) > 1 else "")
        flag = "" if med["total"] < 15 else " ⚠"
        lines.append(f"| {label} | {med['total']:.2f}{flag} | " + " | ".join(f"{med[k]:.2f}" for k in STEPS)
                     + f" | {runs[0]['slides']} | {runs[0]['pptx_kb']} KB / {runs[0]['pdf_kb']} KB |")
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme.write_section('briefing-bench', text, heading="Briefing pack", intro=INTRO)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="warm runs per language")
    parser.add_argument("--no-readme", action="store_true", help="do not update bench/README.md")
    args = parser.parse_args(argv)
    result = run(args.repeat)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    text = table(result)
    print(text)
    if not args.no_readme:
        write_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
