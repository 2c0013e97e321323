"""A small web site on 127.0.0.1 for the fetch and watch tests (http.server in a thread): pages
made from real article texts, RSS and Atom feeds, a sitemap, redirects, a 404, a slow page, a
huge page, robots.txt, ETag / Last-Modified with 304 answers. No internet is used.

    with LocalSite() as site:
        site.page("/a.html", html)                       # 200 text/html, with an ETag
        site.redirect("/old", "/a.html")
        site.url("/a.html")                              # http://127.0.0.1:PORT/a.html
        site.hits["/a.html"], site.requests              # what was asked, with its headers
"""
from __future__ import annotations

import hashlib
import html
import json
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REAL_DEV = Path(__file__).resolve().parent / "fixtures" / "real" / "dev" / "articles"


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0            # seconds before answering (a slow page)
    trickle: float = 0.0          # seconds between 1 KB chunks (a page that never ends in time)
    stream_bytes: int = 0         # a huge body generated on the fly
    conditional: bool = True      # ETag / Last-Modified and 304


class LocalSite:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.requests: list[tuple[str, dict]] = []
        self.lock = threading.Lock()
        self.server = None

    # ---------------------------------------------------------------- content
    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def page(self, path: str, body: str | bytes, **kw) -> str:
        self.routes[path] = Route(body=body.encode("utf-8") if isinstance(body, str) else body, **kw)
        return self.url(path)

    def redirect(self, path: str, target: str, status: int = 301) -> str:
        self.routes[path] = Route(status=status, headers={"Location": target}, conditional=False)
        return self.url(path)

    def feed(self, path: str, body: str, kind: str = "rss") -> str:
        ctype = {"rss": "application/rss+xml", "atom": "application/atom+xml", "xml": "application/xml"}[kind]
        return self.page(path, body, content_type=f"{ctype}; charset=utf-8")

    # ---------------------------------------------------------------- serving
    def __enter__(self) -> LocalSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802
                path = self.path
                with site.lock:
                    site.hits[path] = site.hits.get(path, 0) + 1
                    site.requests.append((path, dict(self.headers)))
                route = site.routes.get(path) or site.routes.get(path.split("?")[0])
                if route is None:
                    return self._answer(404, b"<html><body>introuvable</body></html>", "text/html", {})
                if route.delay:
                    time.sleep(route.delay)
                headers = dict(route.headers)
                if route.conditional and route.status == 200 and not route.stream_bytes:
                    etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
                    modified = formatdate(1_700_000_000, usegmt=True)
                    headers.update({"ETag": etag, "Last-Modified": modified})
                    if self.headers.get("If-None-Match") == etag or (
                            not self.headers.get("If-None-Match") and self.headers.get("If-Modified-Since") == modified):
                        return self._answer(304, b"", None, headers)
                if route.stream_bytes:
                    return self._stream(route)
                if route.trickle:
                    return self._trickle(route)
                return self._answer(route.status, route.body, route.content_type, headers)

            def _answer(self, status, body, ctype, headers):
                self.send_response(status)
                if ctype:
                    self.send_header("Content-Type", ctype)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)

            def _stream(self, route):  # no Content-Length: the reader must stop by itself
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Connection", "close")
                self.end_headers()
                chunk = b"<p>" + b"x" * 65_000 + b"</p>\n"
                sent = 0
                try:
                    while sent < route.stream_bytes:
                        self.wfile.write(chunk)
                        sent += len(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

            def _trickle(self, route):
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for i in range(0, len(route.body), 1024):
                        self.wfile.write(route.body[i:i + 1024])
                        self.wfile.flush()
                        time.sleep(route.trickle)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


# ---------------------------------------------------------------- pages and feeds

def real_texts(n: int = 6) -> list[tuple[str, str]]:
    """(title, text) of the first ``n`` real dev articles (the fixtures are not modified)."""
    out = []
    for path in sorted(REAL_DEV.glob("*.txt"))[:n]:
        text = path.read_text(encoding="utf-8")
        site, topic = path.stem.split("_")[2:4]
        out.append((f"{topic.replace('-', ' ').capitalize()} ({site.replace('-', '.')})", text))
    return out


def article_html(title: str, text: str, *, canonical: str | None = None, published: str = "2024-05-16",
                 site: str = "Journal d'essai", extra_head: str = "") -> str:
    """A plain news page around ``text``: header, menu, the article, a footer."""
    paragraphs = "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n") if p.strip())
    link = f'<link rel="canonical" href="{html.escape(canonical)}">' if canonical else ""
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{html.escape(title)} - {html.escape(site)}</title>
<meta property="og:site_name" content="{html.escape(site)}">
<meta property="article:published_time" content="{published}T09:00:00+00:00">
{link}{extra_head}</head>
<body><header><nav><a href="/">Accueil</a> <a href="/politique">Politique</a></nav></header>
<article><h1>{html.escape(title)}</h1><p class="date">Publié le {published}</p>
{paragraphs}
</article><footer>© {html.escape(site)} — Tous droits réservés</footer></body></html>"""


def rss(items: list[tuple[str, str]], title: str = "Flux d'essai") -> str:
    """An RSS 2.0 feed of (title, link) items."""
    entries = "\n".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link><guid>{html.escape(link)}</guid>"
        f"<pubDate>{formatdate(1_700_000_000 + i * 3600, usegmt=True)}</pubDate></item>"
        for i, (t, link) in enumerate(items))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{html.escape(title)}</title>'
            f"<link>http://127.0.0.1/</link><description>essai</description>{entries}</channel></rss>")


def atom(items: list[tuple[str, str]], title: str = "Flux Atom d'essai") -> str:
    entries = "\n".join(
        f'<entry><title>{html.escape(t)}</title><link href="{html.escape(link)}"/><id>{html.escape(link)}</id>'
        f"<updated>2024-05-{10 + i:02d}T10:00:00Z</updated></entry>" for i, (t, link) in enumerate(items))
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{html.escape(title)}</title><id>urn:essai</id><updated>2024-05-20T10:00:00Z</updated>{entries}</feed>")


def sitemap(links: list[str]) -> str:
    urls = "".join(f"<url><loc>{html.escape(link)}</loc><lastmod>2024-05-16</lastmod></url>" for link in links)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)
