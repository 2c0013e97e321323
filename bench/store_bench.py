"""The table store's two back ends at 2,000 articles: publishing a build, and loading it as the app does.

    .venv/bin/python bench/store_bench.py [--articles 2000] [--repeat 5] [--database-url URL] [--no-readme]

The tables are page_bench's large scale (bench/out/pages/large_<n>: generated articles built by
the real ETL, replicated with new ids), published once into a CSV tables folder and once into a
throwaway namespace of the PostgreSQL server (``--database-url``, else ``BENCH_DATABASE_URL`` or
``TEST_DATABASE_URL``), dropped afterwards. Measured, median of ``--repeat``:

- publish: the whole build written, read back, checked and made current (etl.store ``publish``);
- load: what an app process does on its first page: open the store, pin the current build, read
  every table (typed by the schemas) — in a fresh Python process each time, so the connection is
  set up as a new app instance sets it up (timed from the store module imported to the last table
  read: the interpreter's start and imports are not counted);
- signature: pin and the eight tables' change signatures, what every later page run checks
  before it uses its cached tables;
- one text: one article's text, as the passage viewer reads it.

Results go to the « Table store » section of bench/README.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from etl import store  # noqa: E402
from etl.schema import TABLES  # noqa: E402

README = Path(__file__).resolve().parent / "README.md"
import readme  # noqa: E402  (bench/readme.py: this bench's section of bench/README.md)

LOAD_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from etl import store
imported = time.perf_counter()
tables = store.PostgresStore({url!r}, namespace={namespace!r}) if {url!r} else store.CsvStore(__import__('pathlib').Path({folder!r}))
build = tables.pin()
frames = build.read_all()
done = time.perf_counter()
print(json.dumps({{"import": imported - t0, "load": done - imported, "rows": sum(len(f) for f in frames.values())}}))
"""


def source_tables(n_articles: int) -> tuple[dict, dict]:
    from page_bench import large_tables

    folder = large_tables(n_articles, 60)
    tables = {name: store.read_csv_table(name, folder / f"{name}.csv") for name in TABLES
              if (folder / f"{name}.csv").exists()}
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (folder / "texts").glob("*.txt")}
    return tables, texts


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def load_in_fresh_process(*, url: str, namespace: str, folder: str) -> dict:
    script = LOAD_SCRIPT.format(root=str(ROOT), url=url, namespace=namespace, folder=folder)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          env={**os.environ, store.TABLES_URL_ENV: ""})
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(name: str, tables_store, tables: dict, texts: dict, repeat: int, *, url: str, namespace: str,
            folder: str) -> dict:
    publish = [timed(lambda: tables_store.publish(tables, texts)) for _ in range(repeat)]
    loads = [load_in_fresh_process(url=url, namespace=namespace, folder=folder) for _ in range(repeat)]
    signature = [timed(lambda: [tables_store.pin().signature(t) for t in TABLES]) for _ in range(repeat)]
    article_id = sorted(texts)[len(texts) // 2]
    one_text = [timed(lambda: tables_store.pin().text(article_id)) for _ in range(repeat)]
    return {"back end": name, "publish": statistics.median(publish),
            "load": statistics.median(x["load"] for x in loads), "rows": loads[0]["rows"],
            "signature": statistics.median(signature), "one text": statistics.median(one_text)}


def markdown(report: dict) -> str:
    lines = [f"Run {report['date']} on {report['machine']}; command: `{report['command']}`. "
             f"{report['articles']} articles, {report['rows']:,} rows in the eight tables, "
             f"{report['texts']} texts. Median seconds of {report['repeat']}.", "",
             "| back end | publish | load (fresh process) | signature check | one text |", "|---|---|---|---|---|"]
    for r in report["results"]:
        lines.append(f"| {r['back end']} | {r['publish']:.2f} | {r['load']:.2f} | {r['signature'] * 1000:.1f} ms "
                     f"| {r['one text'] * 1000:.1f} ms |")
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme.write_section('store-bench', text, heading="Table store: CSV and PostgreSQL (`bench/store_bench.py`)", intro=(__doc__.split("\n\n", 2)[2].split("\nResults go")[0]).strip())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url",
                        default=os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL"))
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args(argv)
    if not args.database_url:
        print("no PostgreSQL: give --database-url (or BENCH_DATABASE_URL / TEST_DATABASE_URL)", file=sys.stderr)
        return 2
    tables, texts = source_tables(args.articles)
    load = os.getloadavg()
    report = {"date": date.today().isoformat(), "articles": len(tables["articles"]),
              "rows": sum(len(t) for t in tables.values()), "texts": len(texts), "repeat": args.repeat,
              "machine": f"{os.cpu_count()} CPUs, Python {platform.python_version()}, load {load[0]:.1f}",
              "command": "python bench/store_bench.py " + " ".join(argv if argv is not None else sys.argv[1:]),
              "results": []}
    namespace = f"bench_{secrets.token_hex(4)}"
    postgres = store.PostgresStore(args.database_url, namespace=namespace)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            csv = store.CsvStore(Path(tmp) / "tables")
            report["results"].append(measure("CSV folder", csv, tables, texts, args.repeat, url="",
                                             namespace="", folder=str(Path(tmp) / "tables")))
        report["results"].append(measure("PostgreSQL", postgres, tables, texts, args.repeat,
                                         url=args.database_url, namespace=namespace, folder=""))
    finally:
        postgres.drop_everything()
    text = markdown(report)
    print(text)
    if not args.no_readme:
        write_readme(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
