"""The feed watch (etl.feeds, `python -m etl watch`) against a local web site: RSS, Atom and a site
map; new items only; conditional GET; robots.txt; filters; a failed feed that leaves the others
going; offline; the state surviving a kill -9 mid-run; freshness."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from conftest import ROOT
from local_web import LocalSite, article_html, atom, real_texts, rss, sitemap

from etl import feeds, fetch
from etl.principals import Principal

TODAY = date(2025, 1, 15)
EDITOR = Principal("veille@cli", "editor")
SETTINGS = fetch.FetchSettings(allow_private=True, total_timeout=3.0, connect_timeout=2.0, retries=0)
FRANCE = ("Lyon : le conseil municipal adopte son budget\n\nLe conseil municipal de Lyon, en France, a adopté "
          "mardi son budget pour l'année prochaine après un long débat sur les transports et les écoles de la ville. "
          "Les élus ont voté les crédits des nouvelles lignes de tramway et la rénovation de trois groupes scolaires.")


class Clock:
    def __init__(self, start=datetime(2025, 1, 15, 8, 0, tzinfo=UTC)):
        self.now = start

    def __call__(self):
        return self.now


@pytest.fixture(scope="module")
def texts():
    return real_texts(12)


@pytest.fixture
def site(texts):
    with LocalSite() as s:
        for i, (title, text) in enumerate(texts):
            s.page(f"/news/{i}.html", article_html(title, text))
        s.page("/news/france.html", article_html("Lyon adopte son budget", FRANCE))
        s.page("/robots.txt", "User-agent: *\nDisallow: /prive/\n", content_type="text/plain")
        s.page("/prive/0.html", article_html(*texts[0]))
        yield s


def _config(site, text: str) -> feeds.WatchConfig:
    import tomllib

    return feeds.parse_config(tomllib.loads(text.replace("BASE", site.url("/"))))


def _watch(config, tmp_path, clock=None, **kw):
    return feeds.watch_once(config, state_path=tmp_path / "state.sqlite", articles_dir=tmp_path / "articles",
                            tables_dir=None, now=clock or Clock(), today=TODAY, principal=EDITOR, settings=SETTINGS,
                            sleep=lambda s: None, **kw)


# ---------------------------------------------------------------- configuration

def test_durations():
    assert feeds.parse_duration("30m") == timedelta(minutes=30)
    assert feeds.parse_duration("1h30m") == timedelta(minutes=90)
    assert feeds.parse_duration("2d") == timedelta(days=2)
    assert feeds.parse_duration(45) == timedelta(seconds=45)
    for bad in ("", "soon", "0m"):
        with pytest.raises(ValueError):
            feeds.parse_duration(bad)


def test_config_problems_are_all_named():
    with pytest.raises(feeds.FeedsConfigError) as err:
        feeds.parse_config({"feeds": [{"name": "A", "url": "ftp://x/"}, {"name": "A", "url": "https://e.org/rss",
                                                                          "countries": ["Mali"], "every": "bientôt"},
                                      {"url": "https://e.org/b", "kind": "json"}]})
    text = str(err.value)
    assert "http:// et https://" in text and "en double" in text and "ISO3" in text and "every" in text
    assert "name" in text and "kind" in text


def test_shipped_example_is_valid():
    config = feeds.load_config(ROOT / "data" / "feeds.example.toml")
    assert config.feeds and all(f.url.startswith("https://") for f in config.feeds)


# ---------------------------------------------------------------- one run, then the next

def test_watch_rss_atom_sitemap_new_items_only(site, texts, tmp_path):
    site.feed("/rss.xml", rss([(texts[i][0], site.url(f"/news/{i}.html?utm_source=rss")) for i in range(3)]
                              + [("Lyon", site.url("/news/france.html")), ("Privé", site.url("/prive/0.html"))]))
    site.feed("/atom.xml", atom([(texts[i][0], site.url(f"/news/{i}.html")) for i in (2, 3, 4)]), kind="atom")
    site.feed("/sitemap.xml", sitemap([site.url(f"/news/{i}.html") for i in (5, 6)]), kind="xml")
    config = _config(site, """
[settings]
delay = 0
[[feeds]]
name = "Flux RSS"
url = "BASErss.xml"
[[feeds]]
name = "Flux Atom"
url = "BASEatom.xml"
[[feeds]]
name = "Plan du site"
url = "BASEsitemap.xml"
kind = "sitemap"
""")
    report = _watch(config, tmp_path)
    by = {f.name: f for f in report.feeds}
    assert all(f.ok for f in report.feeds), [f.line() for f in report.feeds]
    assert len(by["Flux RSS"].added) == 3 and by["Flux RSS"].filtered == 1 and by["Flux RSS"].robots == 1
    assert len(by["Flux Atom"].added) == 2 and by["Flux Atom"].duplicates == 1  # item 2 came through RSS
    assert len(by["Plan du site"].added) == 2
    assert report.build_needed
    saved = sorted(p.name for p in (tmp_path / "articles").glob("*.html"))
    assert len(saved) == 7
    assert site.hits.get("/prive/0.html") is None  # robots.txt forbids it: never asked
    assert site.hits["/robots.txt"] == 1           # once per site and run
    assert "Flux RSS : 3 nouveaux articles" in by["Flux RSS"].line()
    # the sidecar names the feed
    import json
    sidecar = json.loads((tmp_path / "articles" / saved[0]).with_suffix(".meta.json").read_text(encoding="utf-8"))
    assert sidecar["feed"] in {"Flux RSS", "Flux Atom", "Plan du site"} and sidecar["fetched_at"]

    # the next run: every feed answers 304 to the conditional GET, no page is fetched again
    pages_before = {p: n for p, n in site.hits.items() if p.startswith("/news/")}
    again = _watch(config, tmp_path)
    assert [f.not_modified for f in again.feeds] == [True, True, True]
    assert {p: n for p, n in site.hits.items() if p.startswith("/news/")} == pages_before
    conditional = [h for p, h in site.requests if p == "/rss.xml"][-1]
    assert conditional.get("If-None-Match")
    assert "inchangé" in again.feeds[0].line()

    # a new item in the feed: only it is fetched
    site.feed("/rss.xml", rss([(texts[i][0], site.url(f"/news/{i}.html")) for i in (0, 1, 2, 7)]))
    third = _watch(config, tmp_path)
    assert third.feeds[0].added and len(third.feeds[0].added) == 1
    assert site.hits["/news/7.html"] == 1
    assert "/news/0.html" not in site.hits  # other guid, same address once utm_* is gone: known, not fetched
    assert third.feeds[0].duplicates == 3
    assert len(list((tmp_path / "articles").glob("*.html"))) == 8


def test_filters_countries_and_keywords(site, texts, tmp_path):
    from etl.countries import find_countries

    mali = [i for i, (_t, text) in enumerate(texts) if "MLI" in {m.iso3 for m in find_countries(text)}
            and "BFA" not in {m.iso3 for m in find_countries(text)}]
    assert mali, "fixture: a Malian article"
    items = [(texts[i][0], site.url(f"/news/{i}.html")) for i in range(len(texts))]
    site.feed("/all.xml", rss(items))
    config = _config(site, """
[settings]
delay = 0
[[feeds]]
name = "Mali seulement"
url = "BASEall.xml"
countries = ["MLI"]
keywords = ["conseil des ministres"]
""")
    report = _watch(config, tmp_path)
    kept = report.feeds[0].added
    assert kept and report.feeds[0].filtered
    for name in kept:
        text = (tmp_path / "articles" / name).read_text(encoding="utf-8")
        assert "Mali" in text or "Bamako" in text


def test_a_failing_feed_is_named_and_the_others_go_on(site, texts, tmp_path):
    site.feed("/ok.xml", rss([(texts[0][0], site.url("/news/0.html"))]))
    site.page("/broken.xml", "<html><body>pas un flux</body></html>")
    site.page("/busy.xml", "erreur", status=503, conditional=False)
    config = _config(site, """
[settings]
delay = 0
[[feeds]]
name = "Absent"
url = "BASEmissing.xml"
[[feeds]]
name = "Cassé"
url = "BASEbroken.xml"
[[feeds]]
name = "Surchargé"
url = "BASEbusy.xml"
[[feeds]]
name = "Bon"
url = "BASEok.xml"
""")
    report = _watch(config, tmp_path)
    lines = [f.line() for f in report.feeds]
    assert lines[0].startswith("Absent : échec") and "404" in lines[0]
    assert lines[1].startswith("Cassé : échec") and "flux" in lines[1]
    assert lines[2].startswith("Surchargé : échec") and "503" in lines[2]
    assert lines[3].startswith("Bon : 1 nouvel article")
    assert report.exit_code == 1
    with sqlite3.connect(tmp_path / "state.sqlite") as db:  # failures are not recorded as successes
        assert [r[0] for r in db.execute("SELECT name FROM feeds WHERE last_success IS NOT NULL")] == ["Bon"]


def test_politeness_delay_and_crawl_delay(site):
    site.page("/robots.txt", "User-agent: *\nCrawl-delay: 5\nDisallow: /prive/\n", content_type="text/plain")
    waits, now = [], [100.0]
    polite = feeds.Polite(SETTINGS, delay=1.0, sleep=lambda s: (waits.append(round(s, 3)), now.__setitem__(0, now[0] + s)),
                          clock=lambda: now[0])
    assert polite.allowed(site.url("/news/0.html")) and not polite.allowed(site.url("/prive/x.html"))
    polite.wait(site.url("/news/0.html"))
    polite.wait(site.url("/news/1.html"))
    assert waits[-1] == 5.0  # the site's Crawl-delay is longer than ours


# ---------------------------------------------------------------- offline

def test_offline_watch_one_line_per_feed_changes_nothing(site, texts, tmp_path):
    site.feed("/rss.xml", rss([(texts[0][0], site.url("/news/0.html"))]))
    config = _config(site, '[settings]\ndelay = 0\n[[feeds]]\nname = "Local"\nurl = "BASErss.xml"\n')
    _watch(config, tmp_path)
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text('[[feeds]]\nname = "Nulle part"\nurl = "http://nulle-part.invalid/rss"\n'
                          '[[feeds]]\nname = "Local"\nurl = "http://127.0.0.1:9/rss.xml"\n', encoding="utf-8")
    state = tmp_path / "state.sqlite"
    with sqlite3.connect(state) as db:
        before = list(db.execute("SELECT * FROM feeds")) + list(db.execute("SELECT * FROM items"))
    files_before = sorted(p.name for p in (tmp_path / "articles").iterdir())
    env = {**os.environ, "SAHEL_FETCH_ALLOW_PRIVATE": "1"}
    run = subprocess.run([sys.executable, "-m", "etl", "watch", "--feeds", str(feeds_file), "--state", str(state),
                          "--articles", str(tmp_path / "articles"), "--out", str(tmp_path / "tables"), "--no-build"],
                         cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    lines = run.stdout.strip().splitlines()
    assert run.returncode == 1 and len(lines) == 2, (run.stdout, run.stderr)
    assert lines[0].startswith("Nulle part : échec") and "pas de réseau" in lines[0] and "rien n'est changé" in lines[0]
    assert lines[1].startswith("Local : échec") and "pas de réseau" in lines[1]
    with sqlite3.connect(state) as db:
        assert list(db.execute("SELECT * FROM feeds")) + list(db.execute("SELECT * FROM items")) == before
    assert sorted(p.name for p in (tmp_path / "articles").iterdir()) == files_before
    assert not (tmp_path / "tables").exists()


# ---------------------------------------------------------------- kill -9 mid-run

def test_state_survives_kill_9_mid_run(site, texts, tmp_path):
    for i in range(8):  # every page slow: the run is killed while it fetches
        site.routes[f"/news/{i}.html"].delay = 0.6
    site.feed("/rss.xml", rss([(texts[i][0], site.url(f"/news/{i}.html")) for i in range(8)]))
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(f'[settings]\ndelay = 0\n[[feeds]]\nname = "Local"\nurl = "{site.url("/rss.xml")}"\n',
                          encoding="utf-8")
    state, articles = tmp_path / "state.sqlite", tmp_path / "articles"
    cmd = [sys.executable, "-m", "etl", "watch", "--feeds", str(feeds_file), "--state", str(state),
           "--articles", str(articles), "--out", str(tmp_path / "tables"), "--no-build"]
    env = {**os.environ, "SAHEL_FETCH_ALLOW_PRIVATE": "127.0.0.1"}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(articles.glob("*.html"))) < 3:
        time.sleep(0.05)
    time.sleep(0.3)  # somewhere inside the next item
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    partial = sorted(p.name for p in articles.glob("*.html"))
    assert 3 <= len(partial) < 8, partial
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    saved = sorted(p.name for p in articles.glob("*.html"))
    assert len(saved) == 8 and len(set(saved)) == 8
    assert not list(articles.glob(".*.tmp"))  # no half-written file left visible
    assert not [p for p in articles.iterdir() if p.name.startswith(".") and not p.name.endswith(".tmp")]
    with sqlite3.connect(state) as db:
        rows = list(db.execute("SELECT url, status FROM items"))
        pending = db.execute("SELECT value FROM meta WHERE key='build_pending'").fetchone()
    assert len(rows) == 8 and {s for _u, s in rows} <= {"added", "duplicate"}
    assert pending is not None  # --no-build: the tables still need the articles; the next build clears it
    for i in range(8):  # each page fetched at most twice (the one being fetched at the kill)
        assert site.hits[f"/news/{i}.html"] <= 2


# ---------------------------------------------------------------- freshness

def test_freshness_usual_interval_and_silence(site, texts, tmp_path):
    clock = Clock(datetime(2025, 1, 1, 8, 0, tzinfo=UTC))
    config = _config(site, """
[settings]
delay = 0
[[feeds]]
name = "Quotidien"
url = "BASEdaily.xml"
[[feeds]]
name = "Hebdo déclaré"
url = "BASEweekly.xml"
every = "7d"
""")
    for day in range(4):  # one new article a day
        site.feed("/daily.xml", rss([(texts[i][0], site.url(f"/news/{i}.html")) for i in range(day + 1)]))
        site.feed("/weekly.xml", rss([]))
        clock.now = datetime(2025, 1, 1 + day, 8, 0, tzinfo=UTC)
        _watch(config, tmp_path, clock=clock)
    state = tmp_path / "state.sqlite"
    fresh = {f.name: f for f in feeds.freshness(state, config.feeds, now=datetime(2025, 1, 4, 20, 0, tzinfo=UTC))}
    assert fresh["Quotidien"].usual == timedelta(days=1) and not fresh["Quotidien"].silent
    assert fresh["Quotidien"].last_article == datetime(2025, 1, 4, 8, 0, tzinfo=UTC)
    assert fresh["Hebdo déclaré"].usual == timedelta(days=7) and fresh["Hebdo déclaré"].last_article is None
    later = {f.name: f for f in feeds.freshness(state, config.feeds, now=datetime(2025, 1, 7, 9, 0, tzinfo=UTC))}
    assert later["Quotidien"].silent            # three days without an article, usually one a day
    assert not later["Hebdo déclaré"].silent    # read on the 4th, expected weekly
    assert feeds.freshness(tmp_path / "absent.sqlite", config.feeds, now=clock.now)[0].last_success is None


def test_usual_interval_needs_history():
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    assert feeds.usual_interval([t0, t0 + timedelta(hours=1)]) is None
    assert feeds.usual_interval([t0, t0 + timedelta(hours=2), t0 + timedelta(hours=4), t0 + timedelta(hours=30)]) == \
        timedelta(hours=2)
