"""Drive the app in Debian Chromium: start `streamlit run app.py` on a free port, open
pages, record console errors and every request that leaves 127.0.0.1, and wait until a
page is fully drawn. Shared by tests/browser/ and bench/page_bench.py.
"""
from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
import tables_backend

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 # WebGL for deck.gl without a GPU (software rasteriser)
                 "--enable-unsafe-swiftshader", "--use-angle=swiftshader"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}
# Opening a page's own URL (/map) makes Streamlit's frontend probe /map/_stcore/health and
# /map/_stcore/host-config to find its base path before falling back to /: two local 404s
# by design, not errors of the app.
BASE_PATH_PROBE = re.compile(r"^https?://127\.0\.0\.1:\d+/[^/?#]+/_stcore/(health|host-config)$")
PAGES = ("overview", "map", "needs", "decisions", "timeline", "actors", "sources")
VIEWPORT = {"width": 1920, "height": 1080}

# A page is drawn when the script has stopped, no skeleton or spinner remains, the page
# has its header (or the empty state), every plotly chart has its SVG (or is shown as its
# picture, dashboard.static_charts; LIVE_JS waits for the live chart), every deck.gl map
# its sized canvas, every static map its <svg>, and every dataframe its canvas.
DRAWN_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') === 'running') return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main) return false;
  if (main.querySelector('[data-testid="stSkeleton"], [data-testid="stSpinner"]')) return false;
  if (!main.querySelector('.page-head, [data-testid="stAlert"], h1')) return false;
  for (const el of main.querySelectorAll('[data-testid="stPlotlyChart"], .pb-chart')) {
    const still = el.querySelector('img.pb-static');  // shown as its picture until it goes live
    if (still && still.complete && still.naturalWidth > 0) continue;
    if (!el.querySelector('.main-svg .plot, .main-svg .infolayer')) return false;
  }
  for (const el of main.querySelectorAll('.pb-map')) {  // the map's picture, until deck.gl has drawn it live
    const still = el.querySelector('img.pb-static');
    if (still && still.complete && still.naturalWidth > 0) continue;
    const c = el.querySelector('canvas');
    if (!el.dataset.live || !c || c.width === 0 || c.height === 0) return false;
  }
  for (const el of main.querySelectorAll('[data-testid="stDeckGlJsonChart"]')) {
    const c = el.querySelector('canvas');
    if (!c || c.width === 0 || c.height === 0) return false;
  }
  for (const el of main.querySelectorAll('.svg-map'))
    if (!el.querySelector('svg')) return false;
  for (const el of main.querySelectorAll('[data-testid="stDataFrame"]'))
    if (!el.querySelector('canvas, table')) return false;
  return true;
}
"""


# every deck.gl map drawn live (not only its picture): pan, zoom and tooltips work
MAP_LIVE_JS = """
() => {
  const maps = Array.from(document.querySelectorAll('[data-testid="stMain"] .pb-map'));
  if (!maps.length) return !!document.querySelector('[data-testid="stMain"] [data-testid="stDeckGlJsonChart"] canvas');
  return maps.every(el => el.dataset.live && !el.querySelector('img.pb-static') && el.querySelector('canvas'));
}
"""


# every plotly chart drawn live by plotly.js (not only its picture): tooltips and image button work
LIVE_JS = """
() => Array.from(document.querySelectorAll('[data-testid="stMain"] .pb-chart, [data-testid="stMain"] [data-testid="stPlotlyChart"]'))
  .every(el => !el.querySelector('img.pb-static') && el.querySelector('.main-svg .plot, .main-svg .infolayer'))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chromium_available() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return CHROMIUM.exists()


@contextlib.contextmanager
def streamlit_server(script: Path, *, tables_dir: Path | None = None, data_dir: Path | None = None,
                     env: dict | None = None, timeout: float = 90.0, procs: list | None = None):
    """Serve ``script`` on a free 127.0.0.1 port; yields the base URL. Logs go to a temp file.
    ``procs``, if given, receives the server's Popen (its pid: memory, the process tree)."""
    port = free_port()
    environ = {**os.environ, **(env or {})}
    if tables_dir is not None:
        environ["SAHEL_TABLES_DIR"] = str(tables_dir)
    if data_dir is not None:
        environ["SAHEL_DATA_DIR"] = str(data_dir)
    environ.setdefault("DATABASE_URL", f"sqlite:///{Path(data_dir or tempfile.mkdtemp()) / 'tracker.sqlite'}")
    log = tempfile.NamedTemporaryFile("w+", prefix="streamlit-", suffix=".log", delete=False)
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true",
           "--browser.gatherUsageStats", "false", "--global.developmentMode", "false"]
    proc = subprocess.Popen(cmd, cwd=str(script.parent), env=environ, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    if procs is not None:
        procs.append(proc)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited ({proc.returncode}): {Path(log.name).read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"streamlit did not start: {Path(log.name).read_text()[-3000:]}")
            time.sleep(0.2)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


@contextlib.contextmanager
def one_browser():
    """Playwright and one Chromium for a module's tests (a module fixture yields from it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = launch(pw)
        yield instance
        instance.close()


@pytest.fixture(scope="module", name="browser")
def browser_fixture():
    """One Chromium for a module's tests, as fixture ``browser``: a test file takes it with
    ``from harness import browser_fixture``; skipped without Chromium, except under CI=true."""
    from conftest import skip_or_fail

    if not chromium_available():
        skip_or_fail("Playwright or /usr/bin/chromium missing")
    with one_browser() as instance:
        yield instance


def build_tables(articles_dir: Path, out_dir: Path) -> Path:
    """``python -m etl build`` of ``articles_dir`` published "into" ``out_dir`` on the back end under
    test (--tables-backend=postgres: a namespace of the session's when called from a module fixture)."""
    with tables_backend.publishing_into(out_dir):
        result = subprocess.run([sys.executable, "-m", "etl", "build", "--articles", str(articles_dir),
                                 "--out", str(out_dir)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode in (0, 1), result.stdout[-2000:] + result.stderr[-2000:]
    assert tables_backend.published(out_dir), result.stdout[-2000:] + result.stderr[-2000:]
    return out_dir


def serve_app(tables: Path, data_dir: Path, *, static_charts: bool):
    """The app over ``tables`` with its own tracker in ``data_dir``; ``static_charts``: charts shown as their
    pictures first, as served (else live at once)."""
    env = {"DATABASE_URL": f"sqlite:///{data_dir / 'tracker.sqlite'}", "SAHEL_STATIC_CHARTS": "1" if static_charts else "0"}
    namespace = tables_backend.namespace_of(tables)  # --tables-backend=postgres: the tables' own namespace
    if namespace is not None:
        env |= {tables_backend.URL_ENV: tables_backend.database_url(), tables_backend.SCHEMA_ENV: namespace}
    return streamlit_server(ROOT / "app.py", tables_dir=tables, data_dir=data_dir, env=env)


@dataclass
class Guard:
    """What a page did that it should not: console errors, uncaught exceptions, outside requests."""
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def attach(self, context) -> Guard:
        def route(route):
            url = route.request.url
            host = urlparse(url).hostname or ""
            if urlparse(url).scheme in ("http", "https", "ws", "wss") and host not in LOCAL_HOSTS:
                self.outside_requests.append(url)
                return route.abort()
            return route.continue_()

        context.route("**/*", route)
        context.on("page", self._watch)
        for page in context.pages:
            self._watch(page)
        return self

    def _watch(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        page.on("websocket", lambda ws: self.outside_requests.append(ws.url)
                if (urlparse(ws.url).hostname or "") not in LOCAL_HOSTS else None)

    def _console(self, msg) -> None:
        if msg.type != "error":
            return
        url = (msg.location or {}).get("url", "")
        if msg.text.startswith("Failed to load resource") and "404" in msg.text and BASE_PATH_PROBE.match(url):
            return
        self.console_errors.append(f"{msg.text} @ {url}")

    def problems(self) -> list[str]:
        return ([f"console: {e}" for e in self.console_errors] + [f"page error: {e}" for e in self.page_errors]
                + [f"outside request: {u}" for u in self.outside_requests])


def new_context(browser, **kwargs):
    return browser.new_context(viewport=VIEWPORT, device_scale_factor=1, locale="fr-FR",
                               timezone_id="Africa/Lome", service_workers="block", **kwargs)


def wait_drawn(page, timeout_ms: int = 60_000, settle_ms: int = 150) -> None:
    """Wait until the page is fully drawn (see DRAWN_JS), then for it to stay so briefly."""
    page.wait_for_function(DRAWN_JS, timeout=timeout_ms, polling=50)
    page.wait_for_timeout(settle_ms)
    page.wait_for_function(DRAWN_JS, timeout=timeout_ms, polling=50)


# Streamlit scrolls its main area inside the window, so Playwright's full_page screenshot
# stops at the viewport; the page's whole height is what its scrolling containers hold.
PAGE_HEIGHT_JS = """
() => Math.max(document.documentElement.scrollHeight,
  ...Array.from(document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"], '
                                          + '[data-testid="stSidebarContent"]'), el => el.scrollHeight))
"""


def whole_page_screenshot(page, path, max_height: int = 16_000) -> tuple[int, int]:
    """A screenshot of the whole page, not only the first screen: the window is made as tall
    as the page for the shot (up to ``max_height`` pixels), then given back its size; returns
    the picture's size."""
    size = page.viewport_size or VIEWPORT
    height = min(max(int(page.evaluate(PAGE_HEIGHT_JS)), size["height"]), max_height)
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": height})
        wait_drawn(page, settle_ms=400)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    if height > size["height"]:
        page.set_viewport_size(size)
        wait_drawn(page)
    return size["width"], height


def live_map_canvas(page, timeout_ms: int = 60_000):
    """The page's deck.gl canvas once the map is live (the shipped deck.gl draws it after its
    picture, see dashboard.html.deck_parts; st.pydeck_chart draws it at once)."""
    page.wait_for_function(MAP_LIVE_JS, timeout=timeout_ms, polling=50)
    return page.locator('.pb-map canvas, [data-testid="stDeckGlJsonChart"] canvas').first


def map_tooltip(page, wanted: str) -> str:
    """Move the pointer over the live map (see live_map_canvas) until deck.gl's tooltip shows
    ``wanted``; the tooltip's text (the last one shown if never)."""
    box = live_map_canvas(page).bounding_box()
    tooltip = page.locator(".deck-tooltip")
    # the centre first, then the whole frame: the frame fits every layer shown (the port and its corridors too), so a
    # country may lie off centre
    steps = (0.5, 0.45, 0.55, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9)
    for dx in steps:
        for dy in steps[:9]:
            page.mouse.move(box["x"] + box["width"] * dx, box["y"] + box["height"] * dy)
            page.wait_for_timeout(250)
            if tooltip.count() and tooltip.first.is_visible() and wanted in tooltip.first.inner_text():
                return tooltip.first.inner_text()
    return tooltip.first.inner_text() if tooltip.count() else ""


def sign_in(page, username: str, password: str) -> None:
    """Sign in from the sidebar's editors' popover (French labels) and wait until the page is drawn again."""
    from playwright.sync_api import expect

    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("button", name="Espace éditeurs").click()  # the form is folded in a popover
    form = page.locator('[data-testid="stPopoverBody"]')
    form.get_by_label("Nom d'utilisateur").fill(username)
    form.get_by_label("Mot de passe", exact=True).fill(password)
    form.get_by_role("button", name="Se connecter").click()
    expect(sidebar.get_by_text("Connecté")).to_be_visible(timeout=30_000)
    wait_drawn(page)


def page_url(base: str, page: str, query: str = "") -> str:
    path = "" if page == "overview" else page
    return f"{base}/{path}" + (f"?{query}" if query else "")


# Label boxes of a map drawn by dashboard.maps.map_svg, measured as Chromium draws them: each
# label's text must lie inside its box (so the box is the label), and no two boxes, nor a box
# and a marker, may intersect. Returns the problems found (empty when none), and counts.
MAP_LABELS_JS = """
(root) => {
  const box = (b) => ({x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height});
  const hit = (a, b, gap) => a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap;
  const problems = [];
  const labels = Array.from(root.querySelectorAll('g.map-label')).map(g => ({
    rect: box(g.querySelector('rect.label-box').getBBox()), text: g.textContent,
    glyphs: Array.from(g.querySelectorAll('text')).map(t => box(t.getBBox()))}));
  const markers = Array.from(root.querySelectorAll('circle.marker')).map(c => box(c.getBBox()));
  for (const l of labels)
    for (const g of l.glyphs)
      if (g.x0 < l.rect.x0 - 0.5 || g.x1 > l.rect.x1 + 0.5 || g.y0 < l.rect.y0 - 1.5 || g.y1 > l.rect.y1 + 1.5)
        problems.push(`text outside its box: ${l.text}`);
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++)
      if (hit(labels[i].rect, labels[j].rect, 0)) problems.push(`labels overlap: ${labels[i].text} / ${labels[j].text}`);
    for (const m of markers)
      if (hit(labels[i].rect, m, -0.5)) problems.push(`label on a marker: ${labels[i].text}`);
  }
  return {problems, labels: labels.length, markers: markers.length};
}
"""


def map_label_problems(page, svg_markup: str | None = None, selector: str = "svg") -> dict:
    """MAP_LABELS_JS on the map ``selector`` of the page, or on ``svg_markup`` (a map picture)
    drawn alone in the page."""
    if svg_markup is not None:
        page.set_content(f"<!doctype html><html><body style='margin:0'>{svg_markup}</body></html>")
    return page.locator(selector).first.evaluate(MAP_LABELS_JS)


# Each plotly chart of the page: its legend does not touch its title nor its plot, and its
# source caption stays inside the chart (wrapped, never cut on the right or at the bottom).
CHART_FIT_JS = """
() => Array.from(document.querySelectorAll('[data-testid="stMain"] .pb-chart, [data-testid="stMain"] [data-testid="stPlotlyChart"]')).map(el => {
  const r = (n) => n ? n.getBoundingClientRect() : null;
  const hit = (a, b) => a && b && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const chart = r(el.querySelector('.main-svg'));
  const title = r(el.querySelector('.gtitle'));
  const legend = el.querySelector('.legend') ? r(el.querySelector('.legend .bg') || el.querySelector('.legend')) : null;
  const plots = Array.from(el.querySelectorAll('.draglayer .nsewdrag')).map(r);
  const notes = Array.from(el.querySelectorAll('.annotation'));
  const caption = r(notes[notes.length - 1]);
  const panelTitles = notes.slice(0, -1).map(r).filter(b => b && plots.length > 1);
  const problems = [];
  const name = (el.querySelector('.gtitle') || {}).textContent || el.id;
  if (hit(title, legend)) problems.push(`${name}: legend on the title`);
  for (const p of plots) if (legend && legend.bottom > p.top + 1) problems.push(`${name}: legend on the plot`);
  for (const p of panelTitles) if (hit(legend, p)) problems.push(`${name}: legend on a panel title`);
  if (caption && (caption.right > chart.right + 1 || caption.bottom > chart.bottom + 1 || caption.left < chart.left - 1))
    problems.push(`${name}: source line cut (${Math.round(caption.right - chart.right)} px right, ${Math.round(caption.bottom - chart.bottom)} px below)`);
  return {name, problems, legend: !!legend};
})
"""
