"""Watching news feeds: RSS/Atom feeds and site maps listed in ``data/feeds.toml``.

No Streamlit here. ``python -m etl watch`` (once, for cron or a systemd timer, or ``--every 30m``)
calls ``watch_once``, which for each feed:

1. fetches the feed politely (``etl.fetch``: the address checks, size and time limits; a
   conditional GET with the ETag / Last-Modified of the last answer; robots.txt; one request per
   site every ``delay`` seconds, or the site's Crawl-delay; retries with backoff);
2. lists its items (feedparser for RSS/Atom; ``<urlset>``/``<sitemapindex>`` for site maps) and
   keeps those never seen;
3. fetches each new item as ``etl.fetch.prepare`` does for an address typed by an editor
   (duplicates by address and by text are reported, never saved), keeps it if it passes the
   feed's filter (countries, keywords) and is about the region, and saves it
   (``etl.intake.save_article``, acting for the command line's principal);
4. records each item and, once every item of the feed is done, the feed's ETag and success
   time in the state (``WatchState``, SQLite: each record is committed at once, so a run killed
   at any moment leaves a state the next run completes without saving anything twice).

The tables are then rebuilt once, incrementally. A feed that fails is reported by name and the
others go on. A failure changes nothing in the state: offline, the watch says so in one line per
feed and writes nothing.
"""
from __future__ import annotations

import contextlib
import fcntl
import sqlite3
import statistics
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from etl import fetch, intake
from etl import resources_web as rw
from etl.text import fold
from etl.wording import counted

REGION_ISO3 = ("BEN", "BFA", "CIV", "CMR", "CPV", "GHA", "GIN", "GMB", "GNB", "LBR", "MLI", "MRT", "NER", "NGA",
               "SEN", "SLE", "TCD", "TGO")
FEED_KINDS = ("auto", "rss", "atom", "sitemap")


class FeedsConfigError(ValueError):
    """feeds.toml cannot be used; the message names every problem."""


# ---------------------------------------------------------------- configuration

@dataclass(frozen=True)
class FeedConfig:
    name: str
    url: str
    kind: str = "auto"
    countries: tuple[str, ...] = ()       # ISO3: keep an item that names one of them
    keywords: tuple[str, ...] = ()        # keep an item whose text holds one of them (case, accents ignored)
    every: timedelta | None = None        # expected interval between new articles (else learned)
    delay: float | None = None            # seconds between two requests to this feed's site


@dataclass(frozen=True)
class WatchConfig:
    feeds: tuple[FeedConfig, ...] = ()
    delay: float = rw.SITE_DELAY
    max_items: int = rw.MAX_ITEMS_PER_FEED
    region: tuple[str, ...] = REGION_ISO3
    user_agent: str = rw.USER_AGENT


def parse_duration(text: str | int | float) -> timedelta:
    """``30m``, ``2h``, ``1d``, ``1h30m``, ``45s`` (or a number of seconds) → timedelta."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return timedelta(seconds=float(text))
    found = rw.DURATION_RE.match(str(text or ""))
    if not found or not any(found.groups()):
        raise ValueError(f"durée non reconnue « {text} » (30m, 2h, 1d attendus) (unrecognised duration {text!r})")
    d, h, m, s = (int(g or 0) for g in found.groups())
    value = timedelta(days=d, hours=h, minutes=m, seconds=s)
    if value <= timedelta(0):
        raise ValueError(f"durée nulle « {text} » (zero duration)")
    return value


def parse_config(data: dict, *, source: str = "feeds.toml") -> WatchConfig:
    """A parsed feeds.toml → WatchConfig, or FeedsConfigError naming every problem."""
    problems: list[str] = []
    settings = data.get("settings") or {}
    feeds: list[FeedConfig] = []
    names: set[str] = set()
    for i, raw in enumerate(data.get("feeds") or [], start=1):
        where = f"{source} : flux n° {i}"
        if not isinstance(raw, dict):
            problems.append(f"{where} : table [[feeds]] attendue")
            continue
        name, url = str(raw.get("name") or "").strip(), str(raw.get("url") or "").strip()
        if not name:
            problems.append(f"{where} : « name » manquant (name missing)")
        elif name in names:
            problems.append(f"{where} : nom « {name} » en double (duplicate name)")
        names.add(name)
        try:
            fetch.check_url(url)
        except fetch.FetchError as exc:
            problems.append(f"{where} ({name}) : {exc.line()}")
        kind = str(raw.get("kind") or "auto").lower()
        if kind not in FEED_KINDS:
            problems.append(f"{where} ({name}) : kind « {kind} » inconnu ({', '.join(FEED_KINDS)})")
        countries = tuple(str(c).upper() for c in raw.get("countries") or ())
        bad = [c for c in countries if len(c) != 3 or not c.isalpha()]
        if bad:
            problems.append(f"{where} ({name}) : codes pays ISO3 attendus, pas {', '.join(bad)}")
        every = None
        if raw.get("every") not in (None, ""):
            try:
                every = parse_duration(raw["every"])
            except ValueError as exc:
                problems.append(f"{where} ({name}) : every : {exc}")
        delay = raw.get("delay")
        feeds.append(FeedConfig(name=name, url=url, kind=kind, countries=countries,
                                keywords=tuple(str(k) for k in raw.get("keywords") or () if str(k).strip()),
                                every=every, delay=float(delay) if isinstance(delay, (int, float)) else None))
    if problems:
        raise FeedsConfigError("\n".join(problems))
    return WatchConfig(feeds=tuple(feeds), delay=float(settings.get("delay", rw.SITE_DELAY)),
                       max_items=int(settings.get("max_items", rw.MAX_ITEMS_PER_FEED)),
                       region=tuple(settings.get("region") or REGION_ISO3),
                       user_agent=str(settings.get("user_agent") or rw.USER_AGENT))


def load_config(path: Path) -> WatchConfig:
    try:
        with Path(path).open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise FeedsConfigError(f"{path} : fichier des flux introuvable (feeds file not found)") from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise FeedsConfigError(f"{path} : fichier des flux illisible (unreadable feeds file: {exc})") from None
    return parse_config(data, source=Path(path).name)


# ---------------------------------------------------------------- feeds and site maps

@dataclass(frozen=True)
class FeedItem:
    key: str            # the entry's id, else its link
    url: str
    title: str = ""
    summary: str = ""


def parse_items(body: bytes, base_url: str, kind: str = "auto") -> tuple[list[FeedItem], list[str]]:
    """(items, child site maps) of a feed or site map. Raises ValueError when it is neither."""
    if kind == "sitemap" or (kind == "auto" and _looks_like_sitemap(body)):
        return parse_sitemap(body)
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        raise ValueError("ni flux RSS/Atom ni plan de site (neither an RSS/Atom feed nor a sitemap)")
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link:
            continue
        items.append(FeedItem(key=str(entry.get("id") or link), url=link, title=str(entry.get("title") or ""),
                              summary=str(entry.get("summary") or "")[:2000]))
    return items, []


def _looks_like_sitemap(body: bytes) -> bool:
    head = body[:2000].decode("utf-8", "replace")
    return "<urlset" in head or "<sitemapindex" in head


def parse_sitemap(body: bytes) -> tuple[list[FeedItem], list[str]]:
    """A site map's pages (newest ``lastmod`` first) and a site map index's children."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"plan de site illisible (unreadable sitemap: {exc})") from None
    if root is None:
        raise ValueError("plan de site vide (empty sitemap)")
    entries = []
    for node in root:
        loc = next((c.text for c in node if isinstance(c.tag, str) and c.tag.endswith("loc")), None)
        mod = next((c.text for c in node if isinstance(c.tag, str) and c.tag.endswith("lastmod")), None) or ""
        if loc and loc.strip():
            entries.append((mod.strip(), loc.strip()))
    entries.sort(key=lambda e: e[0], reverse=True)
    if str(root.tag).endswith("sitemapindex"):
        return [], [loc for _mod, loc in entries]
    return [FeedItem(key=loc, url=loc) for _mod, loc in entries], []


# ---------------------------------------------------------------- filters

def passes_filter(text: str, feed: FeedConfig, region: tuple[str, ...]) -> tuple[bool, str]:
    """(kept, why not): the feed's countries and keywords, and at least one country of the region."""
    from etl.countries import find_countries

    found = {m.iso3 for m in find_countries(text)}
    if feed.countries and not found & set(feed.countries):
        return False, "pays du filtre absents (filter countries absent)"
    if feed.keywords:
        folded = fold(text)
        if not any(fold(k) in folded for k in feed.keywords):
            return False, "mots-clés du filtre absents (filter keywords absent)"
    if region and not found & set(region):
        return False, "hors de la région (not about the region)"
    return True, ""


# ---------------------------------------------------------------- state (SQLite)

SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (name TEXT PRIMARY KEY, url TEXT, etag TEXT, last_modified TEXT,
    last_success TEXT, last_article TEXT);
CREATE TABLE IF NOT EXISTS items (feed TEXT, item_key TEXT, url TEXT, status TEXT, file TEXT, at TEXT,
    attempts INTEGER DEFAULT 1, PRIMARY KEY (feed, item_key));
CREATE TABLE IF NOT EXISTS arrivals (feed TEXT, at TEXT);
CREATE INDEX IF NOT EXISTS arrivals_feed ON arrivals (feed, at);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""
MAX_ATTEMPTS = 3  # an item that failed for a passing reason is tried again, at most this many runs


class WatchState:
    """Seen items, ETags / Last-Modified, last success and articles per feed. Every write is its own
    committed transaction (SQLite, synchronous=FULL): a run killed at any moment loses at most the
    item being fetched, which the next run fetches again."""

    def __init__(self, path: Path, *, readonly: bool = False):
        self.path = Path(path)
        if readonly:
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=2, isolation_level=None)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def feed(self, name: str) -> dict:
        row = self.db.execute("SELECT etag, last_modified, last_success, last_article FROM feeds WHERE name=?",
                              (name,)).fetchone()
        return dict(zip(("etag", "last_modified", "last_success", "last_article"), row or (None,) * 4))

    def is_seen(self, feed: str, key: str) -> bool:
        row = self.db.execute("SELECT status, attempts FROM items WHERE feed=? AND item_key=?", (feed, key)).fetchone()
        return row is not None and (row[0] != "retry" or row[1] >= MAX_ATTEMPTS)

    def record_item(self, feed: str, key: str, url: str, status: str, file: str | None, at: datetime) -> None:
        self.db.execute(
            "INSERT INTO items (feed, item_key, url, status, file, at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (feed, item_key) DO UPDATE SET status=excluded.status, file=excluded.file, at=excluded.at, "
            "attempts=items.attempts + 1", (feed, key, url, status, file, at.isoformat(timespec="seconds")))
        if status == "added":
            self.db.execute("INSERT INTO arrivals (feed, at) VALUES (?, ?)", (feed, at.isoformat(timespec="seconds")))
            self.db.execute("INSERT INTO feeds (name, last_article) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET "
                            "last_article=excluded.last_article", (feed, at.isoformat(timespec="seconds")))

    def record_success(self, feed: FeedConfig, *, etag: str | None, last_modified: str | None, at: datetime) -> None:
        self.db.execute(
            "INSERT INTO feeds (name, url, etag, last_modified, last_success) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET url=excluded.url, etag=excluded.etag, "
            "last_modified=excluded.last_modified, last_success=excluded.last_success",
            (feed.name, feed.url, etag, last_modified, at.isoformat(timespec="seconds")))

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str | None) -> None:
        if value is None:
            self.db.execute("DELETE FROM meta WHERE key=?", (key,))
        else:
            self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value=excluded.value",
                            (key, value))

    def arrivals(self, feed: str, limit: int = 50) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT at FROM arrivals WHERE feed=? ORDER BY at DESC LIMIT ?", (feed, limit))]

    def items(self) -> list[tuple]:
        return list(self.db.execute("SELECT feed, item_key, url, status, file FROM items ORDER BY feed, item_key"))


@contextlib.contextmanager
def _run_lock(state_path: Path):
    """One watch at a time on a state (a cron run while a loop runs waits for nothing: it stops)."""
    lock_path = Path(state_path).with_name(Path(state_path).name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FeedsConfigError(f"{state_path} : une veille est déjà en cours (another watch is running)") from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# ---------------------------------------------------------------- politeness

class Polite:
    """robots.txt per site (cached for the run) and a delay between two requests to one site."""

    def __init__(self, settings: fetch.FetchSettings, *, delay: float, sleep: Callable[[float], None],
                 clock: Callable[[], float]):
        self.settings, self.delay, self.sleep, self.clock = settings, delay, sleep, clock
        self.robots: dict[str, RobotFileParser | fetch.FetchError] = {}
        self.last: dict[str, float] = {}

    def _site(self, url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme.lower()}://{parts.netloc.lower()}"

    def wait(self, url: str, delay: float | None = None) -> None:
        site = self._site(url)
        robots = self.robots.get(site)
        crawl = robots.crawl_delay(self.settings.user_agent) if isinstance(robots, RobotFileParser) else None
        gap = max(delay if delay is not None else self.delay, min(float(crawl or 0), rw.MAX_CRAWL_DELAY))
        if site in self.last:
            remaining = self.last[site] + gap - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self.last[site] = self.clock()

    def allowed(self, url: str, delay: float | None = None) -> bool:
        """robots.txt of the site lets our user agent read ``url``. A missing robots.txt (4xx) allows
        everything; a site whose robots.txt cannot be read (5xx, network) is not read this run:
        its FetchError is raised (for every address of the site)."""
        site = self._site(url)
        if site not in self.robots:
            self.wait(url, delay)
            parser = RobotFileParser()
            try:
                page = fetch.fetch(site + "/robots.txt", self.settings, sleep=self.sleep, max_bytes=500_000)
                parser.parse(page.body.decode("utf-8", "replace").splitlines())
            except fetch.FetchError as exc:
                if exc.kind == "http" and exc.status and 400 <= exc.status < 500:
                    parser.allow_all = True
                else:
                    parser = exc
            self.robots[site] = parser
        parser = self.robots[site]
        if isinstance(parser, fetch.FetchError):
            raise parser
        return parser.can_fetch(self.settings.user_agent, url)


# ---------------------------------------------------------------- one run

@dataclass
class FeedReport:
    name: str
    error: str | None = None
    offline: bool = False
    not_modified: bool = False
    listed: int = 0
    added: list[str] = field(default_factory=list)
    duplicates: int = 0
    filtered: int = 0
    robots: int = 0
    failed: int = 0
    left: int = 0          # new items left for the next run (max_items)

    @property
    def ok(self) -> bool:
        return self.error is None

    def line(self) -> str:
        if self.error:
            tail = " ; rien n'est changé (nothing changed)" if self.offline else ""
            return f"{self.name} : échec : {self.error}{tail}"
        if self.not_modified:
            return f"{self.name} : inchangé depuis la dernière lecture (not modified)"
        parts = [counted(len(self.added), "nouvel article", "nouveaux articles")]
        for n, one, other in ((self.duplicates, "doublon", "doublons"), (self.filtered, "hors filtre", "hors filtre"),
                              (self.robots, "interdit par robots.txt", "interdits par robots.txt"),
                              (self.failed, "en échec", "en échec"),
                              (self.left, "pour la prochaine fois", "pour la prochaine fois")):
            if n:
                parts.append(counted(n, one, other))
        return f"{self.name} : " + ", ".join(parts) + f" ({len(self.added)} new, {self.listed} listed)"


@dataclass
class WatchReport:
    feeds: list[FeedReport] = field(default_factory=list)
    build_needed: bool = False

    @property
    def added(self) -> list[str]:
        return [name for f in self.feeds for name in f.added]

    @property
    def exit_code(self) -> int:
        return 0 if all(f.ok for f in self.feeds) else 1


BUILD_PENDING = "build_pending"


def watch_once(config: WatchConfig, *, state_path: Path, articles_dir: Path, tables_dir: Path | None,
               now: Callable[[], datetime], today: date, principal, settings: fetch.FetchSettings | None = None,
               sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic,
               on_feed: Callable[[FeedReport], None] | None = None) -> WatchReport:
    """Read every feed once and save its new articles (see the module doc). ``now`` gives the
    time to record; the tables are not rebuilt here: ``report.build_needed`` says whether they
    must be (an article saved now or by a run killed before its build)."""
    from dataclasses import replace

    settings = replace(settings or fetch.FetchSettings.from_env(), user_agent=config.user_agent)
    articles_dir = Path(articles_dir)
    report = WatchReport()
    with _run_lock(state_path):
        state = WatchState(state_path)
        try:
            polite = Polite(settings, delay=config.delay, sleep=sleep, clock=clock)
            corpus: dict | None = None
            for feed in config.feeds:
                feed_report, corpus = _watch_feed(feed, config, state=state, polite=polite, settings=settings,
                                                  articles_dir=articles_dir, tables_dir=tables_dir, now=now,
                                                  today=today, principal=principal, corpus=corpus)
                report.feeds.append(feed_report)
                if on_feed:
                    on_feed(feed_report)
            report.build_needed = state.get_meta(BUILD_PENDING) is not None
        finally:
            state.close()
    return report


def mark_built(state_path: Path) -> None:
    """The tables now include every saved article."""
    with contextlib.closing(WatchState(state_path)) as state:
        state.set_meta(BUILD_PENDING, None)


def _load_corpus(articles_dir: Path, tables_dir: Path | None) -> dict:
    articles_dir.mkdir(parents=True, exist_ok=True)
    return {"urls": fetch.corpus_urls(articles_dir, tables_dir),
            "fingerprints": intake.existing_fingerprints(articles_dir, tables_dir)}


def _watch_feed(feed: FeedConfig, config: WatchConfig, *, state: WatchState, polite: Polite, settings, articles_dir,
                tables_dir, now, today, principal, corpus) -> tuple[FeedReport, dict | None]:
    out = FeedReport(name=feed.name)
    known = state.feed(feed.name)
    try:
        if not polite.allowed(feed.url, feed.delay):
            raise fetch.FetchError(feed.url, "robots", "robots.txt interdit ce flux", "robots.txt forbids this feed")
        polite.wait(feed.url, feed.delay)
        page = fetch.fetch(feed.url, settings, etag=known["etag"], last_modified=known["last_modified"],
                           max_bytes=rw.MAX_FEED_BYTES, sleep=polite.sleep,
                           accept="application/rss+xml,application/atom+xml,application/xml,text/xml;q=0.9,*/*;q=0.5")
        if page.not_modified:
            out.not_modified = True
            state.record_success(feed, etag=page.etag, last_modified=page.last_modified, at=now())
            return out, corpus
        items, children = parse_items(page.body, page.final_url, feed.kind)
        for child in children[: rw.MAX_SITEMAP_CHILDREN]:
            polite.wait(child, feed.delay)
            child_page = fetch.fetch(child, settings, max_bytes=rw.MAX_FEED_BYTES, sleep=polite.sleep)
            items += parse_items(child_page.body, child_page.final_url, "sitemap")[0]
    except fetch.FetchError as exc:
        out.error, out.offline = f"{exc.french} ({exc.english})", exc.kind == "offline"
        return out, corpus
    except ValueError as exc:
        out.error = str(exc)
        return out, corpus
    out.listed = len(items)
    new = [item for item in dict((i.key, i) for i in items).values() if not state.is_seen(feed.name, item.key)]
    out.left = max(0, len(new) - config.max_items)
    for item in new[: config.max_items]:
        if corpus is None:
            corpus = _load_corpus(articles_dir, tables_dir)
        _watch_item(item, feed, config, state=state, polite=polite, settings=settings, articles_dir=articles_dir,
                    tables_dir=tables_dir, now=now, today=today, principal=principal, corpus=corpus, out=out)
    # only now: a run killed above re-reads the whole feed next time instead of getting a 304
    state.record_success(feed, etag=page.etag, last_modified=page.last_modified, at=now())
    return out, corpus


def _watch_item(item: FeedItem, feed: FeedConfig, config: WatchConfig, *, state, polite, settings, articles_dir,
                tables_dir, now, today, principal, corpus, out: FeedReport) -> None:
    try:
        fetch.check_url(item.url)
    except fetch.FetchError:
        state.record_item(feed.name, item.key, item.url, "refused", None, now())
        out.failed += 1
        return
    if fetch.canonical_url(item.url) in corpus["urls"]:  # known: no request at all
        state.record_item(feed.name, item.key, item.url, "duplicate", corpus["urls"][fetch.canonical_url(item.url)], now())
        out.duplicates += 1
        return
    try:
        if not polite.allowed(item.url, feed.delay):
            state.record_item(feed.name, item.key, item.url, "robots", None, now())
            out.robots += 1
            return
        polite.wait(item.url, feed.delay)
        page = fetch.fetch(item.url, settings, sleep=polite.sleep)
    except fetch.FetchError as exc:
        state.record_item(feed.name, item.key, item.url, "retry" if exc.transient else "error", None, now())
        out.failed += 1
        return
    result = fetch.prepare(item.url, articles_dir=articles_dir, tables_dir=tables_dir, now=now(), today=today,
                           settings=settings, known_urls=corpus["urls"], fingerprints=corpus["fingerprints"],
                           feed=feed.name, page=page)
    if result.status == "duplicate":
        state.record_item(feed.name, item.key, item.url, "duplicate", result.duplicate_of, now())
        out.duplicates += 1
        return
    if not result.ok:
        state.record_item(feed.name, item.key, item.url, "error", None, now())
        out.failed += 1
        return
    kept, _why = passes_filter(f"{result.check.title or ''}\n{result.check.text}", feed, config.region)
    if not kept:
        state.record_item(feed.name, item.key, item.url, "filtered", None, now())
        out.filtered += 1
        return
    state.set_meta(BUILD_PENDING, now().isoformat(timespec="seconds"))  # before the files: a kill leaves it set
    try:
        saved = intake.save_article(result.check, principal=principal, articles_dir=articles_dir,
                                    name=result.check.name, fingerprints=corpus["fingerprints"])
    except ValueError:  # the same text saved since (another feed this run)
        state.record_item(feed.name, item.key, item.url, "duplicate", None, now())
        out.duplicates += 1
        return
    for address in {result.canonical, fetch.canonical_url(item.url), fetch.canonical_url(page.final_url)} - {None}:
        corpus["urls"][address] = saved.path.name
    corpus["fingerprints"][0][result.check.sha256] = saved.path.name
    corpus["fingerprints"][1][intake.text_key(result.check.text)] = saved.path.name
    state.record_item(feed.name, item.key, item.url, "added", saved.path.name, now())
    out.added.append(saved.path.name)


# ---------------------------------------------------------------- freshness

@dataclass(frozen=True)
class FeedFreshness:
    name: str
    url: str | None
    last_success: datetime | None    # last time the feed was read
    last_article: datetime | None    # last time it brought an article
    usual: timedelta | None          # its usual interval (configured, else median of past arrivals)
    silent: bool                     # no article for longer than SILENT_FACTOR × usual


def usual_interval(arrivals: list[datetime]) -> timedelta | None:
    """The median gap between a feed's past articles (None with too few)."""
    moments = sorted(set(arrivals))
    if len(moments) < rw.MIN_ARRIVALS_FOR_INTERVAL:
        return None
    gaps = [(b - a).total_seconds() for a, b in zip(moments, moments[1:])]
    return timedelta(seconds=statistics.median(gaps)) if gaps else None


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    with contextlib.suppress(ValueError):
        moment = datetime.fromisoformat(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return None


def freshness(state_path: Path, feeds: tuple[FeedConfig, ...] = (), *, now: datetime) -> list[FeedFreshness]:
    """Per feed (configured ones first, then any other the state knows): last read, last article,
    usual interval and whether it is silent. Reads the state file only (no network); an absent
    or unreadable state gives the configured feeds with nothing known."""
    rows: dict[str, tuple] = {}
    arrivals: dict[str, list[datetime]] = {}
    state = None
    with contextlib.suppress(sqlite3.Error, OSError):
        if Path(state_path).is_file():
            state = WatchState(state_path, readonly=True)
            for name, url, success, article in state.db.execute(
                    "SELECT name, url, last_success, last_article FROM feeds"):
                rows[name] = (url, success, article)
            for name, at in state.db.execute("SELECT feed, at FROM arrivals ORDER BY at"):
                arrivals.setdefault(name, []).append(_when(at))
    if state is not None:
        state.close()
    configured = {f.name: f for f in feeds}
    out = []
    for name in list(configured) + sorted(set(rows) - set(configured)):
        url, success, article = rows.get(name, (None, None, None))
        feed = configured.get(name)
        usual = (feed.every if feed and feed.every else None) or usual_interval([a for a in arrivals.get(name, []) if a])
        last_article = _when(article)
        reference = last_article or _when(success)
        silent = bool(usual and reference and now - reference > usual * rw.SILENT_FACTOR)
        out.append(FeedFreshness(name=name, url=(feed.url if feed else url), last_success=_when(success),
                                 last_article=last_article, usual=usual, silent=silent))
    return out


# ---------------------------------------------------------------- command line

def run_cli(args, *, print_line: Callable[[str], None], rebuild: Callable[[object], int]) -> int:
    """``python -m etl watch``: one cycle, or one every ``--every``. Exit 0 every feed read, 1 a
    feed failed, 2 bad configuration or failed build, 130 interrupted."""
    from etl import paths
    from etl.principals import command_line

    feeds_path = args.feeds or paths.feeds_file()
    state_path = args.state or paths.feeds_state()
    try:
        every = parse_duration(args.every) if args.every else None
        config = load_config(feeds_path)
    except (ValueError, FeedsConfigError) as exc:
        print_line(str(exc))
        return 2
    principal = command_line()
    while True:
        started = time.monotonic()
        try:
            report = watch_once(config, state_path=state_path, articles_dir=args.articles, tables_dir=args.out,
                                now=lambda: datetime.now(UTC), today=args.today if every is None else date.today(),
                                principal=principal, on_feed=lambda f: print_line(f.line()))
        except FeedsConfigError as exc:
            print_line(str(exc))
            return 2
        except KeyboardInterrupt:
            print_line("Interrompu : l'état est conservé, la prochaine veille reprend (interrupted: state kept)")
            return 130
        code = report.exit_code
        if report.build_needed and not args.no_build:
            built = rebuild(args)
            if built == 2:
                code = 2
            else:
                mark_built(state_path)
                print_line(f"Tables reconstruites : {counted(len(report.added), 'nouvel article', 'nouveaux articles')} "
                           f"(tables rebuilt: {len(report.added)} new)")
        if every is None:
            return code
        try:
            time.sleep(max(0.0, every.total_seconds() - (time.monotonic() - started)))
        except KeyboardInterrupt:
            return 130
