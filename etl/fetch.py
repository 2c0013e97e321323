"""Adding an article by its address: fetch one page safely, then hand it to the upload's checks.

No Streamlit here. The Sources page (dashboard.intake_ui) and ``python -m etl fetch URL...``
call, for each address:

1. ``prepare(url, …)`` → ``UrlCheck``: the address is checked (http/https only, no user name,
   no address on the local network or the machine itself unless ``SAHEL_FETCH_ALLOW_PRIVATE``
   allows it), compared with the corpus (same address once tracking parameters are stripped),
   fetched (redirects followed and each hop checked again, size and time limits, retries with
   backoff), its canonical address read, and the page read exactly as an upload
   (``etl.intake.check_upload``: same text as an article already there = duplicate). Nothing
   is written.
2. the upload's ``etl.intake.preview`` / ``save_article`` / ``accept`` on ``UrlCheck.check``:
   the raw HTML is saved under ``data/articles/`` with its ``.meta.json`` sidecar (url,
   fetched_at, published, source, title). Those refuse a viewer, as for an upload.

The network is reached only through ``http_get`` (one request, the connection pinned to the
address that was checked, so a name cannot resolve to a public address for the check and to a
private one for the connection). ``now``/``today`` are passed in; sleeping and the clock are
parameters for the tests.
"""
from __future__ import annotations

import contextlib
import errno
import http.client
import ipaddress
import json
import os
import re
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

from etl import reading
from etl import resources_web as rw
from etl.reading import message

ALLOW_PRIVATE_ENV = "SAHEL_FETCH_ALLOW_PRIVATE"
REDIRECT_CODES = (301, 302, 303, 307, 308)
TRANSIENT_CODES = (408, 425, 429, 500, 502, 503, 504)


# ---------------------------------------------------------------- settings and errors

@dataclass(frozen=True)
class FetchSettings:
    user_agent: str = rw.USER_AGENT
    allow_private: bool = False                       # every address allowed (tests, an intranet)
    allowed_networks: tuple = ()                      # or only these networks (ipaddress objects)
    max_bytes: int = rw.MAX_PAGE_BYTES
    connect_timeout: float = rw.CONNECT_TIMEOUT
    total_timeout: float = rw.TOTAL_TIMEOUT
    max_redirects: int = rw.MAX_REDIRECTS
    retries: int = rw.RETRIES
    backoff: float = rw.BACKOFF

    @classmethod
    def from_env(cls, environ: dict | None = None, **overrides) -> FetchSettings:
        """Settings with ``SAHEL_FETCH_ALLOW_PRIVATE`` read: ``1``/``true``/``yes`` allows every
        address; a comma-separated list of addresses or networks (``127.0.0.1,10.0.0.0/8``)
        allows those only; empty or absent: public addresses only."""
        value = (environ if environ is not None else os.environ).get(ALLOW_PRIVATE_ENV, "").strip()
        settings = cls(**overrides)
        if value.lower() in ("1", "true", "yes", "oui", "all"):
            return replace(settings, allow_private=True)
        networks = []
        for part in filter(None, (p.strip() for p in value.split(","))):
            with contextlib.suppress(ValueError):
                networks.append(ipaddress.ip_network(part, strict=False))
        return replace(settings, allowed_networks=tuple(networks))

    def address_allowed(self, ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        if self.allow_private or is_public_ip(ip):
            return True
        return any(ip in net for net in self.allowed_networks if net.version == ip.version)


class FetchError(Exception):
    """A page that could not be fetched. ``kind``: refused (address), offline (no network, name
    not resolved, connection refused), timeout, too_large, http (status), not_article, redirects,
    robots. ``transient`` errors are worth a retry later."""

    def __init__(self, url: str, kind: str, french: str, english: str, *, transient: bool = False,
                 status: int | None = None):
        self.url, self.kind, self.french, self.english = url, kind, french, english
        self.transient, self.status = transient, status
        super().__init__(message(url, french, english))

    def line(self) -> str:
        return message(self.url, self.french, self.english)


def _refused(url: str, french: str, english: str) -> FetchError:
    return FetchError(url, "refused", french, english)


# ---------------------------------------------------------------- addresses

def is_public_ip(ip) -> bool:
    """A globally routable address: not loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7),
    link-local (169.254/16, fe80::/10), shared (100.64/10), multicast, reserved or unspecified.
    An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as IPv4."""
    if isinstance(ip, str):
        ip = ipaddress.ip_address(ip)
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str) -> str:
    """The address, trimmed, if it may be fetched at all (http/https, a host, no credentials);
    else FetchError(kind=refused). Addresses are checked after resolution by ``resolve``."""
    url = (url or "").strip()
    shown = url[:120] or "(vide)"
    if len(url) > 2000 or any(c.isspace() for c in url):
        raise _refused(shown, "adresse invalide", "invalid address")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise _refused(shown, f"seules les adresses http:// et https:// sont acceptées (« {parts.scheme or '?'}: » refusé)",
                       f"only http:// and https:// addresses are accepted ({parts.scheme or '?'}: refused)")
    if not parts.hostname:
        raise _refused(shown, "adresse sans nom de site", "address without a host")
    if parts.username or parts.password:
        raise _refused(shown, "adresse avec identifiants refusée", "address with credentials refused")
    try:
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError:
        raise _refused(shown, "port invalide", "invalid port") from None
    return url


def resolve(url: str, settings: FetchSettings) -> list[str]:
    """The IP addresses ``url``'s host resolves to, every one allowed by ``settings``; else
    FetchError: refused (a local or private address), offline (the name does not resolve)."""
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(url, "offline", f"nom de site introuvable ou pas de réseau ({host})",
                         f"host not found or no network: {exc}", transient=True) from None
    ips = list(dict.fromkeys(info[4][0].split("%")[0] for info in infos))
    for ip in ips:
        if not settings.address_allowed(ipaddress.ip_address(ip)):
            raise _refused(url, f"adresse du réseau local ou de la machine refusée ({host} → {ip}) ; "
                                f"voir {ALLOW_PRIVATE_ENV}",
                           f"local-network or loopback address refused ({host} → {ip}); see {ALLOW_PRIVATE_ENV}")
    return ips


# ---------------------------------------------------------------- canonical addresses

def canonical_url(url: str) -> str:
    """One spelling per page: scheme and host in lower case, default port and fragment dropped,
    tracking parameters (utm_*, fbclid, gclid…) removed, empty path as ``/``."""
    parts = urlsplit((url or "").strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    port = parts.port if parts.port not in (None, 80 if scheme == "http" else 443 if scheme == "https" else None) else None
    netloc = f"{host}:{port}" if port else host
    path = quote(unquote(parts.path or "/"), safe="/:@!$&'()*+,;=-._~%")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not rw.TRACKING_PARAM_RE.match(k)]
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def page_canonical(body: bytes, base_url: str) -> str | None:
    """The page's own canonical address (``<link rel=canonical>``, else ``og:url``), absolute and
    canonicalised, if it is an http(s) address."""
    head = body[:300_000].decode("latin-1")
    for pattern in (rw.CANONICAL_LINK_RE, rw.OG_URL_RE):
        found = pattern.search(head)
        if found:
            target = urljoin(base_url, found.group(1).strip().replace("&amp;", "&"))
            if urlsplit(target).scheme in ("http", "https") and urlsplit(target).hostname:
                return canonical_url(target)
    return None


def file_name_for(url: str, suffix: str = ".html") -> str:
    """A readable file name for a page: its site and the last part of its path."""
    parts = urlsplit(url)
    host = (parts.hostname or "page").removeprefix("www.")
    last = [p for p in unquote(parts.path).split("/") if p]
    stem = re.sub(r"\.(?:s?html?|php|aspx?)$", "", last[-1], flags=re.I) if last else "accueil"
    from etl.intake import safe_file_name

    return safe_file_name(f"{host}-{stem}"[:90] + suffix, default_stem="page")


# ---------------------------------------------------------------- one request

@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, ip, timeout):
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self):
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, ip, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip

    def connect(self):
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _network_error(url: str, exc: BaseException) -> FetchError:
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return FetchError(url, "timeout", "délai dépassé", "timed out", transient=True)
    if isinstance(exc, ssl.SSLError):
        return FetchError(url, "network", f"connexion sécurisée impossible ({exc.__class__.__name__})",
                          f"TLS error: {exc}")
    code = getattr(exc, "errno", None)
    if isinstance(exc, ConnectionRefusedError) or code in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ECONNREFUSED,
                                                           errno.ENETDOWN):
        return FetchError(url, "offline", "site injoignable ou pas de réseau", f"unreachable or no network: {exc}",
                          transient=True)
    return FetchError(url, "network", f"erreur réseau ({exc.__class__.__name__})", f"network error: {exc}",
                      transient=True)


def http_get(url: str, settings: FetchSettings, *, headers: dict[str, str] | None = None,
             max_bytes: int | None = None, clock: Callable[[], float] = time.monotonic) -> Response:
    """One GET, no redirect followed, the body read up to ``max_bytes`` within
    ``settings.total_timeout`` seconds. Raises FetchError."""
    check_url(url)
    ips = resolve(url, settings)
    parts = urlsplit(url)
    limit = settings.max_bytes if max_bytes is None else max_bytes
    https = parts.scheme.lower() == "https"
    port = parts.port or (443 if https else 80)
    deadline = clock() + settings.total_timeout
    target = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    conn_type = _PinnedHTTPS if https else _PinnedHTTP
    conn = conn_type(parts.hostname, port, ips[0], timeout=min(settings.connect_timeout, settings.total_timeout))
    try:
        conn.putrequest("GET", target, skip_accept_encoding=True)
        sent = {"User-Agent": settings.user_agent, "Accept-Encoding": "identity",
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
                "Accept-Language": "fr,en;q=0.5", **(headers or {})}
        for key, value in sent.items():
            conn.putheader(key, value)
        conn.endheaders()
        answer = conn.getresponse()
        got = {k.lower(): v for k, v in answer.getheaders()}
        length = got.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise _too_large(url, int(length), limit)
        chunks, size = [], 0
        while True:
            remaining = deadline - clock()
            if remaining <= 0:
                raise FetchError(url, "timeout", f"délai dépassé ({settings.total_timeout:g} s par page)",
                                 f"timed out ({settings.total_timeout:g} s per page)", transient=True)
            if conn.sock is not None:
                conn.sock.settimeout(min(settings.connect_timeout, remaining))
            chunk = answer.read1(65536) if hasattr(answer, "read1") else answer.read(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise _too_large(url, size, limit)
            chunks.append(chunk)
        return Response(url=url, status=answer.status, headers=got, body=b"".join(chunks))
    except FetchError:
        raise
    except (OSError, http.client.HTTPException) as exc:
        raise _network_error(url, exc) from None
    finally:
        conn.close()


def _too_large(url: str, size: int, limit: int) -> FetchError:
    return FetchError(url, "too_large", f"page trop volumineuse (plus de {limit / 1e6:g} Mo)".replace(".", ","),
                      f"page too large (over {limit / 1e6:g} MB, {size} bytes read)")


# ---------------------------------------------------------------- redirects, retries, conditional GET

@dataclass
class Page:
    url: str                        # as asked
    final_url: str                  # after redirects
    status: int                     # 200, or 304 (not modified)
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def fetch(url: str, settings: FetchSettings, *, etag: str | None = None, last_modified: str | None = None,
          max_bytes: int | None = None, accept: str | None = None,
          sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> Page:
    """GET ``url`` following redirects (each hop checked as the first), retrying transient failures
    (timeouts, resets, 5xx, 429) ``settings.retries`` times with doubling waits. With ``etag`` /
    ``last_modified``, a conditional GET: an unchanged resource gives ``Page(status=304)``.
    Raises FetchError (kind http for a 4xx/5xx that stays)."""
    attempt = 0
    while True:
        try:
            return _follow(url, settings, etag=etag, last_modified=last_modified, max_bytes=max_bytes, accept=accept,
                           clock=clock)
        except FetchError as exc:
            if not exc.transient or attempt >= settings.retries or exc.kind == "offline" and attempt >= 1:
                raise
            sleep(settings.backoff * (2 ** attempt))
            attempt += 1


def _follow(url, settings, *, etag, last_modified, max_bytes, accept, clock) -> Page:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    if accept:
        headers["Accept"] = accept
    current, hops = check_url(url), []
    while True:
        try:
            answer = http_get(current, settings, headers=headers, max_bytes=max_bytes, clock=clock)
        except FetchError as exc:
            if exc.kind != "refused" or not hops:
                raise
            raise FetchError(url, "refused", f"redirection refusée vers {current[:100]} : {exc.french}",
                             f"redirect refused to {current[:100]}: {exc.english}") from None
        if answer.status in REDIRECT_CODES and answer.header("location"):
            if len(hops) >= settings.max_redirects:
                raise FetchError(url, "redirects", f"trop de redirections (plus de {settings.max_redirects})",
                                 f"too many redirects (over {settings.max_redirects})")
            nxt = urljoin(current, answer.header("location").strip())
            try:
                check_url(nxt)
            except FetchError as exc:
                raise FetchError(url, "refused", f"redirection refusée vers {nxt[:100]} : {exc.french}",
                                 f"redirect refused to {nxt[:100]}: {exc.english}") from None
            hops.append(nxt)
            current = nxt
            continue
        if answer.status == 304:
            return Page(url, current, 304, etag=answer.header("etag") or etag,
                        last_modified=answer.header("last-modified") or last_modified, redirects=hops)
        if answer.status >= 400 or answer.status < 200:
            raise FetchError(url, "http", f"le site a répondu {answer.status}", f"the site answered {answer.status}",
                             transient=answer.status in TRANSIENT_CODES, status=answer.status)
        return Page(url, current, answer.status, body=answer.body,
                    content_type=(answer.header("content-type") or "").split(";")[0].strip().lower(),
                    etag=answer.header("etag"), last_modified=answer.header("last-modified"), redirects=hops)


# ---------------------------------------------------------------- the corpus's addresses

def corpus_urls(articles_dir: Path, tables_dir: Path | None = None) -> dict[str, str]:
    """{canonical address: file name} of the articles already there: their sidecars' ``url``
    and, for pages that named their own address, the current build's ``articles.url``."""
    from etl import files

    known: dict[str, str] = {}
    articles_dir = Path(articles_dir)
    if articles_dir.is_dir():
        entries = sorted(articles_dir.iterdir())
        by_stem = {p.stem: p.name for p in entries if reading.is_candidate(p)}  # the article beside each sidecar
        for path in entries:
            if not reading.is_sidecar(path) or path.is_symlink():
                continue
            with contextlib.suppress(OSError, ValueError, UnicodeDecodeError):
                data = json.loads(files.read_regular(path, root=articles_dir)[: reading.MAX_SIDECAR_BYTES])
                url = data.get("url") if isinstance(data, dict) else None
                if isinstance(url, str) and url.strip():
                    stem = path.name[: -len(reading.SIDECAR_SUFFIX)]
                    known.setdefault(canonical_url(url), by_stem.get(stem, path.name))
    if tables_dir is not None:
        from etl import store

        with contextlib.suppress(store.StoreError):
            rows = store.open_store(tables_dir).read("articles")
            present = {p.name for p in articles_dir.iterdir()} if articles_dir.is_dir() else set()
            for source_file, url in zip(rows["source_file"], rows["url"]):
                if url and source_file in present:
                    known.setdefault(canonical_url(url), source_file)
    return known


# ---------------------------------------------------------------- one address → a checked upload

@dataclass
class UrlCheck:
    url: str                                   # as given
    status: str = "error"                      # ok, duplicate, refused, offline, error
    canonical: str | None = None
    page: Page | None = None
    check: object | None = None                # etl.intake.UploadCheck, when the page was read
    problems: list[str] = field(default_factory=list)
    duplicate_of: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok" and self.check is not None and self.check.ok

    def line(self) -> str:
        """One line for the command line and the page."""
        if self.ok:
            title = self.check.title or "—"
            return message(self.url, f"prêt : « {title[:90]} »", f"ready: {title[:90]!r}")
        return self.problems[0] if self.problems else message(self.url, "échec", "failed")


SUFFIX_BY_TYPE = {"text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf",
                  "text/plain": ".txt", "": ".html"}


def prepare(url: str, *, articles_dir: Path, tables_dir: Path | None, now: datetime, today: date,
            settings: FetchSettings | None = None, known_urls: dict[str, str] | None = None,
            fingerprints: tuple[dict, dict] | None = None, feed: str | None = None,
            page: Page | None = None, sleep: Callable[[float], None] = time.sleep) -> UrlCheck:
    """Check, fetch and read one address (see the module doc); nothing is written. ``known_urls``
    (``corpus_urls``) and ``fingerprints`` (``intake.existing_fingerprints``) may be kept by a
    caller checking many pages; ``page`` is an already fetched page (the feed watch)."""
    from etl import intake

    settings = settings or FetchSettings.from_env()
    result = UrlCheck(url=(url or "").strip())
    try:
        check_url(result.url)
    except FetchError as exc:
        result.status, result.problems = "refused", [exc.line()]
        return result
    known = known_urls if known_urls is not None else corpus_urls(articles_dir, tables_dir)
    asked = canonical_url(result.url)
    if asked in known:
        return _duplicate(result, known[asked], asked)
    if page is None:
        try:
            page = fetch(result.url, settings, sleep=sleep)
        except FetchError as exc:
            result.status = "refused" if exc.kind == "refused" else "offline" if exc.kind == "offline" else "error"
            result.problems = [exc.line() + (" : rien n'est enregistré (nothing saved)" if exc.kind == "offline" else "")]
            return result
    result.page = page
    suffix = SUFFIX_BY_TYPE.get(page.content_type)
    if suffix is None:
        result.problems = [message(result.url, f"pas une page d'article (type « {page.content_type} »)",
                                   f"not an article page (type {page.content_type!r})")]
        return result
    final = canonical_url(page.final_url)
    result.canonical = (page_canonical(page.body, page.final_url) if suffix == ".html" else None) or final
    for candidate in (final, result.canonical):
        if candidate in known:
            return _duplicate(result, known[candidate], candidate)
    meta = intake.ArticleInput(url=result.canonical, fetched_at=now.isoformat(timespec="seconds"), feed=feed)
    name = file_name_for(result.canonical, suffix)
    check = intake.check_upload(name, page.body, meta=meta, articles_dir=articles_dir, tables_dir=tables_dir,
                                today=today, fingerprints=fingerprints)
    found = check.found_meta
    if found is not None:  # the sidecar carries what the page says, so the corpus keeps it without the page
        meta.title = (found.title or "")[: intake.TITLE_MAX] or None
        meta.source = (found.source or "")[: intake.SOURCE_MAX] or urlsplit(result.canonical).hostname
        meta.published = found.published_date if found.published_date and len(found.published_date) == 10 else None
    result.check = check
    if check.duplicate_of:
        result.status, result.duplicate_of = "duplicate", check.duplicate_of
        result.problems = [message(result.url, f"doublon de {check.duplicate_of} (même texte sous une autre adresse) : "
                                               "rien n'est enregistré",
                                   f"duplicate of {check.duplicate_of} (same text under another address): nothing saved")]
        return result
    if check.problems:
        result.problems = [p.replace(f"{name} :", f"{result.url} :", 1) for p in check.problems]
        return result
    result.status = "ok"
    return result


def _duplicate(result: UrlCheck, original: str, address: str) -> UrlCheck:
    result.status, result.duplicate_of, result.canonical = "duplicate", original, address
    result.problems = [message(result.url, f"doublon de {original} (même adresse) : rien n'est enregistré",
                               f"duplicate of {original} (same address): nothing saved")]
    return result
