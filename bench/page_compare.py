"""Two checkouts of the app side by side, page by page: is any page slower after a change?

    .venv/bin/python bench/page_compare.py --before /path/to/old/checkout [--after .] [--repeat 9]

Each checkout builds the seed articles (data/articles) with its own ETL and is served by its own
Streamlit server; one Chromium loads each page from the two servers in turns (before, after,
then after, before…), each load in a fresh browser context (cold, as a first visit), so that the
load on this machine weighs on both alike. Per page: the median time until drawn (harness.DRAWN_JS,
as bench/page_bench.py) on each side and the median of the paired differences (after − before),
with how many of the pairs were slower after. Sequential runs of page_bench.py moved by ±0.3 s
from one run to the next here, more than the differences being looked for; pairs taken in
turns do not share that drift.

The older checkout (a `git worktree add --detach` of the commit before the change) needs
static/deckgl.min.js copied in, as `make install` makes it. Writes the "page-compare" section of
bench/README.md unless ``--no-readme``.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH)]

import page_bench  # noqa: E402  (its path set-up, harness, DRAWN_AT_JS, machine())
import readme  # noqa: E402

harness = page_bench.harness


def git_label(checkout: Path) -> str:
    result = subprocess.run(["git", "-C", str(checkout), "log", "-1", "--format=%h %s"], capture_output=True, text=True)
    return result.stdout.strip()[:90] or str(checkout)


def load_time(browser, url: str) -> float:
    context = harness.new_context(browser)
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit")
        return float(page.wait_for_function(page_bench.DRAWN_AT_JS, timeout=180_000, polling=25).json_value()) / 1000
    finally:
        context.close()


def url(base: str, page: str) -> str:
    return base if page == "hello" else harness.page_url(base, page)


def compare(browser, bases: dict[str, str], pages: list[str], repeat: int) -> dict[str, dict[str, list[float]]]:
    times = {page: {side: [] for side in bases} for page in pages}
    for page in pages:  # each page's first view on each server, not timed (its chart pictures are drawn then)
        for base in bases.values():
            load_time(browser, url(base, page))
    time.sleep(page_bench.PICTURE_WAIT)
    for turn in range(repeat):
        for page in pages:
            for side in (("before", "after") if turn % 2 == 0 else ("after", "before")):
                times[page][side].append(load_time(browser, url(bases[side], page)))
    return times


def markdown(times: dict, labels: dict[str, str], repeat: int, load: tuple[float, float]) -> str:
    machine = page_bench.machine().rsplit(", load average", 1)[0]
    lines = [f"Run {date.today().isoformat()} on {machine}, load average {load[0]:.1f} at the start, "
             f"{load[1]:.1f} at the end; seed articles; cold loads in turns, {repeat} pairs per page.",
             "", f"- before: `{labels['before']}`", f"- after: `{labels['after']}`", "",
             "| page | before (s) | after (s) | after − before, median of pairs (s) | pairs slower after |",
             "|---|---:|---:|---:|---:|"]
    for page, sides in times.items():
        before, after = sides["before"], sides["after"]
        diffs = [a - b for a, b in zip(after, before)]
        lines.append(f"| {page} | {statistics.median(before):.2f} | {statistics.median(after):.2f} | "
                     f"{statistics.median(diffs):+.2f} | {sum(d > 0 for d in diffs)} of {len(diffs)} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="checkout of the code before the change")
    parser.add_argument("--after", type=Path, default=page_bench.ROOT, help="checkout after it (default: this one)")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--pages", default=",".join(["hello", *harness.PAGES]))
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args(argv)
    if not harness.chromium_available():
        print("Playwright or /usr/bin/chromium missing", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    checkouts = {"before": args.before.resolve(), "after": args.after.resolve()}
    work = Path(tempfile.mkdtemp(prefix="page-compare-"))
    hello = work / "hello.py"
    hello.write_text(page_bench.HELLO, encoding="utf-8")
    pages = [p for p in args.pages.split(",") if p]
    load_start = os.getloadavg()[0]
    with contextlib.ExitStack() as stack, sync_playwright() as pw:
        bases = {}
        for side, checkout in checkouts.items():
            data = work / side
            tables = page_bench.etl_build(checkout / "data" / "articles", data / "tables", checkout=checkout)
            env = {"DATABASE_URL": f"sqlite:///{data / 'tracker.sqlite'}", "PYTHONPATH": str(checkout)}
            bases[side] = stack.enter_context(harness.streamlit_server(checkout / "app.py", tables_dir=tables,
                                                                       data_dir=data, env=env))
        hello_base = stack.enter_context(harness.streamlit_server(hello, data_dir=work / "hello"))
        browser = harness.launch(pw)
        # hello-world is the same page on both sides: served once, it shows what the pairs' noise is
        times = compare(browser, bases, [p for p in pages if p != "hello"], args.repeat)
        if "hello" in pages:
            times = {"hello": compare(browser, {"before": hello_base, "after": hello_base}, ["hello"], args.repeat)
                     ["hello"], **times}
        browser.close()
    text = markdown(times, {side: git_label(path) for side, path in checkouts.items()}, args.repeat,
                    (load_start, os.getloadavg()[0]))
    print(text)
    if not args.no_readme:
        readme.write_section("page-compare", text, heading="Dashboard pages before and after a change (`bench/page_compare.py`)",
                             intro="Two checkouts served side by side, each page loaded from both in turns "
                                   "(see the script's docstring).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
