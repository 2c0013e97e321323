"""Feed watch speed: one watch cycle over 20 feeds of 50 items each, served by a local web site
(tests/local_web.py, http.server in a thread; no internet).

    .venv/bin/python bench/watch_bench.py [--feeds 20] [--items 50] [--new 10] [--repeat 3] [--no-readme]

Measured (seconds, etl.feeds.watch_once, without the table build):
- first cycle: every item new (fetched, read, filtered, saved);
- a cycle with no new item, the feeds answering 304 to the conditional GET;
- a cycle with no new item, the feeds sent again in full (changed ETag: parsed, every item seen);
- a cycle with ``--new`` new items spread over the feeds (fetched, read and saved);
the table build that follows new items is not included (bench/etl_bench.py times builds).
The per-site delay is 0 here (every feed is on one local site); with the default delay
(2 s between two requests to one site) a real cycle waits that long per request on each site.
Results go to the watch section of bench/README.md.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from local_web import LocalSite, article_html, rss  # noqa: E402

from etl import feeds, fetch  # noqa: E402
from etl.principals import Principal  # noqa: E402

README = ROOT / "bench" / "README.md"
START, END = "<!-- watch-bench:start -->", "<!-- watch-bench:end -->"
TOWNS = ("Niamey", "Bamako", "Ouagadougou", "Dori", "Mopti", "Zinder", "Kaya", "Gao", "Tillabéri", "Djibo")


def article_text(feed: int, item: int) -> tuple[str, str]:
    town = TOWNS[(feed + item) % len(TOWNS)]
    n = 1000 + feed * 97 + item * 13
    title = f"{town} : {n} ménages touchés par les inondations (flux {feed}, article {item})"
    body = (f"{town}, le {1 + item % 28} août 2024 – Les inondations ont touché {n} ménages dans la région, selon les "
            f"services de l'action humanitaire du Niger et du Mali. Le gouverneur a annoncé la distribution de "
            f"{n * 3} kits alimentaires et l'ouverture de {feed + 2} sites d'accueil pour les familles sinistrées.\n"
            f"Le comité régional s'est engagé à recenser les besoins avant la fin du mois (référence {feed}-{item}). "
            f"Les partenaires ont demandé {n * 1000} francs CFA pour la réponse d'urgence dans les communes touchées.")
    return title, body


def serve(site: LocalSite, n_feeds: int, n_items: int, extra: dict[int, int]) -> None:
    """Feeds 0..n-1 with n_items each, plus ``extra[f]`` newer items on feed f."""
    for f in range(n_feeds):
        total = n_items + extra.get(f, 0)
        items = []
        for i in range(total):
            title, body = article_text(f, i)
            path = f"/f{f}/a{i}.html"
            if path not in site.routes:
                site.page(path, article_html(title, body, published="2024-08-20", site=f"Site {f}"))
            items.append((title, site.url(path)))
        site.feed(f"/f{f}/rss.xml", rss(list(reversed(items)), title=f"Flux {f}"))


def config(site: LocalSite, n_feeds: int) -> feeds.WatchConfig:
    return feeds.WatchConfig(feeds=tuple(feeds.FeedConfig(name=f"Flux {f}", url=site.url(f"/f{f}/rss.xml"))
                                         for f in range(n_feeds)), delay=0.0, max_items=10_000)


def cycle(cfg, folder: Path) -> tuple[float, feeds.WatchReport]:
    started = time.perf_counter()
    report = feeds.watch_once(cfg, state_path=folder / "state.sqlite", articles_dir=folder / "articles",
                              tables_dir=folder / "tables", now=lambda: datetime.now(UTC), today=date(2024, 9, 1),
                              principal=Principal("bench@cli", "editor"),
                              settings=fetch.FetchSettings(allow_private=True, retries=0))
    return time.perf_counter() - started, report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--new", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="watch-bench-") as tmp, LocalSite() as site:
        folder = Path(tmp)
        serve(site, args.feeds, args.items, {})
        cfg = config(site, args.feeds)
        first, report = cycle(cfg, folder)
        rows.append(("first cycle: every item new", first, len(report.added)))
        feeds.mark_built(folder / "state.sqlite")  # the build is not timed here (see bench/etl_bench.py)
        best = min(cycle(cfg, folder)[0] for _ in range(args.repeat))
        rows.append(("no new item, feeds answer 304 (conditional GET)", best, 0))
        times = []
        for r in range(args.repeat):  # new ETags: every feed parsed again, all items already seen
            for f in range(args.feeds):
                site.routes[f"/f{f}/rss.xml"].body += f"<!-- {r} -->".encode()
            times.append(cycle(cfg, folder)[0])
        rows.append(("no new item, feeds sent again in full (200)", min(times), 0))
        extra = {f % args.feeds: 0 for f in range(args.new)}
        for k in range(args.new):
            extra[k % args.feeds] += 1
        serve(site, args.feeds, args.items, extra)
        seconds, report = cycle(cfg, folder)
        rows.append((f"{args.new} new items over {len(extra)} feeds", seconds, len(report.added)))
        n_articles = len(list((folder / "articles").glob("*.html")))
    load = os.getloadavg()[0]
    lines = [f"Run {date.today().isoformat()} on {platform.node()} ({platform.machine()}, {os.cpu_count()} CPUs, "
             f"Python {platform.python_version()}); command: `.venv/bin/python bench/watch_bench.py --feeds "
             f"{args.feeds} --items {args.items} --new {args.new} --repeat {args.repeat}`.", "",
             f"{args.feeds} feeds × {args.items} items on one local site, per-site delay 0; corpus after the run: "
             f"{n_articles} articles. Seconds (best of {args.repeat} for the no-new-item cycles; load average "
             f"{load:.1f} at the end).", "",
             "| watch cycle | seconds | articles saved |", "|---|---:|---:|"]
    lines += [f"| {name} | {seconds:.2f} | {n} |" for name, seconds, n in rows]
    table = "\n".join(lines)
    print(table)
    if not args.no_readme:
        text = README.read_text(encoding="utf-8")
        section = f"{START}\n{table}\n{END}"
        if START in text:
            text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda m: section, text, flags=re.S)
        else:
            text += ("\n## Feed watch\n\n`bench/watch_bench.py` times one `python -m etl watch` cycle (etl.feeds.watch_once, "
                     "without the build) over 20 feeds of 50 items served by a local web site: the first cycle, a cycle "
                     "with no new item (304 answers, and feeds sent again in full), and a cycle with 10 new items; the "
                     "build that follows is not included.\n\n" + section + "\n")
        README.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
