"""Adding articles by URL (etl.fetch, `python -m etl fetch`), against a local web site: the page and
its sidecar saved, redirects, canonical addresses, tracking parameters, duplicates by address and by
text, size and time limits, offline, and refused addresses (SSRF)."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
import tables_backend
from conftest import ROOT
from local_web import LocalSite, article_html, real_texts

from etl import fetch, intake
from etl.principals import PermissionDenied, Principal

NOW = datetime(2025, 1, 15, 10, 0, tzinfo=UTC)
TODAY = date(2025, 1, 15)
ALLOW = fetch.FetchSettings(allow_private=True, total_timeout=3.0, connect_timeout=2.0, retries=0)


@pytest.fixture(scope="module")
def texts():
    return real_texts(4)


@pytest.fixture
def site(texts):
    with LocalSite() as s:
        for i, (title, text) in enumerate(texts):
            s.page(f"/articles/{i}.html", article_html(title, text))
        yield s


def _prepare(url, tmp_path, **kw):
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    kw.setdefault("settings", ALLOW)
    return fetch.prepare(url, articles_dir=folder, tables_dir=tmp_path / "tables", now=NOW, today=TODAY,
                         sleep=lambda s: None, **kw)


def _save(result, tmp_path):
    editor = Principal("awa", "editor")
    return intake.save_article(result.check, principal=editor, articles_dir=tmp_path / "articles",
                               name=result.check.name)


# ---------------------------------------------------------------- pure parts

def test_canonical_url_strips_tracking_and_normalises():
    assert fetch.canonical_url("HTTPS://WWW.Example.org:443/a/b?utm_source=x&id=3&fbclid=abc&gclid=z#top") == \
        "https://www.example.org/a/b?id=3"
    assert fetch.canonical_url("http://example.org") == "http://example.org/"
    assert fetch.canonical_url("http://example.org:8080/x?utm_medium=mail") == "http://example.org:8080/x"
    assert fetch.canonical_url("https://e.org/caf%C3%A9?mc_cid=1&page=2") == "https://e.org/caf%C3%A9?page=2"


def test_page_canonical_link_and_og_url():
    body = b'<html><head><meta property="og:url" content="https://e.org/og"><link href="/c?utm_source=x" rel="canonical">'
    assert fetch.page_canonical(body, "https://e.org/a") == "https://e.org/c"
    assert fetch.page_canonical(b'<meta property="og:url" content="https://e.org/og">', "https://e.org/") == "https://e.org/og"
    assert fetch.page_canonical(b'<link rel="canonical" href="javascript:alert(1)">', "https://e.org/") is None


def test_file_name_from_address():
    assert fetch.file_name_for("https://www.lefaso.net/spip.php?article123") == "lefaso.net-spip.html"
    assert fetch.file_name_for("https://sidwaya.info/conseil-des-ministres-du-7/") == "sidwaya.info-conseil-des-ministres-du-7.html"


# ---------------------------------------------------------------- SSRF and schemes

@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "javascript:alert(1)",
                                 "data:text/html,<p>x</p>", "gopher://example.org/", "//example.org/a", "example.org/a",
                                 "http://user:pass@example.org/", "http:///nohost"])
def test_only_http_and_https_addresses(url, tmp_path):
    result = _prepare(url, tmp_path)
    assert result.status == "refused" and not result.ok, result.problems
    assert not any((tmp_path / "articles").iterdir())


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://127.1.2.3:8080/x", "http://10.1.2.3/", "http://192.168.1.1/",
                                 "http://172.16.0.5/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
                                 "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/",
                                 "http://100.64.0.1/", "http://localhost/", "http://[fd00::1]/"])
def test_private_and_local_addresses_refused_without_the_setting(url, tmp_path):
    settings = fetch.FetchSettings.from_env({})  # the setting absent
    assert not settings.allow_private
    with pytest.raises(fetch.FetchError) as err:
        fetch.resolve(url, settings)
    assert err.value.kind == "refused"
    assert fetch.ALLOW_PRIVATE_ENV in err.value.line()
    result = _prepare(url, tmp_path, settings=settings)
    assert result.status == "refused"


def test_a_name_resolving_to_a_local_address_is_refused(site, tmp_path):
    """``localhost`` is a name, not an address: it is resolved, then refused."""
    port = site.server.server_address[1]
    result = _prepare(f"http://localhost:{port}/articles/0.html", tmp_path, settings=fetch.FetchSettings.from_env({}))
    assert result.status == "refused"
    assert site.hits == {}  # never connected


def test_setting_values():
    assert fetch.FetchSettings.from_env({"SAHEL_FETCH_ALLOW_PRIVATE": "1"}).allow_private
    listed = fetch.FetchSettings.from_env({"SAHEL_FETCH_ALLOW_PRIVATE": "127.0.0.1, 10.0.0.0/8"})
    assert not listed.allow_private
    import ipaddress
    assert listed.address_allowed(ipaddress.ip_address("127.0.0.1"))
    assert listed.address_allowed(ipaddress.ip_address("10.9.9.9"))
    assert not listed.address_allowed(ipaddress.ip_address("192.168.0.1"))
    assert fetch.FetchSettings.from_env({"SAHEL_FETCH_ALLOW_PRIVATE": ""}).allowed_networks == ()


def test_redirect_to_a_refused_address_is_refused(site, tmp_path):
    site.redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/", status=302)
    site.redirect("/to-file", "file:///etc/passwd", status=302)
    only_here = fetch.FetchSettings.from_env({"SAHEL_FETCH_ALLOW_PRIVATE": "127.0.0.1"}, retries=0)
    for path in ("/to-metadata", "/to-file"):
        result = _prepare(site.url(path), tmp_path, settings=only_here)
        assert result.status == "refused", result.problems
        assert "redirection refusée" in result.problems[0]


# ---------------------------------------------------------------- fetching and reading

def test_page_fetched_read_and_saved_with_its_sidecar(site, texts, tmp_path):
    url = site.url("/articles/0.html")
    result = _prepare(url + "?utm_source=whatsapp&utm_medium=social", tmp_path)
    assert result.ok, result.problems
    assert result.canonical == url  # tracking parameters stripped
    assert result.check.title and texts[0][0][:20] in result.check.title
    headers = site.requests[-1][1]
    assert headers["User-Agent"].startswith("SahelDashboardBot/")
    saved = _save(result, tmp_path)
    assert saved.path.read_bytes() == site.routes["/articles/0.html"].body  # the raw HTML
    sidecar = json.loads(saved.sidecar.read_text(encoding="utf-8"))
    assert sidecar["url"] == url and sidecar["fetched_at"] == "2025-01-15T10:00:00+00:00"
    assert sidecar["published"] == "2024-05-16" and sidecar["source"] == "Journal d'essai"
    assert sidecar["title"] == result.check.title


def test_redirects_followed_and_canonical_link_honoured(site, texts, tmp_path):
    canonical = "https://journal.example.org/2024/05/conseil.html"
    site.page("/amp/1", article_html(*texts[1], canonical=canonical + "?utm_campaign=rss"))
    site.redirect("/short", "/hop")
    site.redirect("/hop", "/amp/1", status=307)
    result = _prepare(site.url("/short"), tmp_path)
    assert result.ok, result.problems
    assert result.page.redirects == [site.url("/hop"), site.url("/amp/1")]
    assert result.canonical == canonical
    assert result.check.meta.url == canonical
    assert result.check.name == "journal.example.org-conseil.html"


def test_too_many_redirects(site, tmp_path):
    site.redirect("/loop-a", "/loop-b")
    site.redirect("/loop-b", "/loop-a")
    result = _prepare(site.url("/loop-a"), tmp_path)
    assert not result.ok and "trop de redirections" in result.problems[0]


def test_404_huge_slow_and_not_an_article(site, tmp_path):
    site.page("/huge.html", b"", stream_bytes=50_000_000)
    site.page("/slow.html", "<p>lent</p>", delay=5)
    site.page("/trickle.html", "<p>" + "mot " * 20_000 + "</p>", trickle=0.2)
    site.page("/menu.html", "<html><body><nav>Accueil</nav><nav>Politique</nav></body></html>")
    site.page("/data.json", '{"a": 1}', content_type="application/json")
    cases = {"/missing.html": "le site a répondu 404", "/huge.html": "page trop volumineuse",
             "/slow.html": "délai dépassé", "/trickle.html": "délai dépassé",
             "/menu.html": "sans texte d'article", "/data.json": "pas une page d'article"}
    for path, expected in cases.items():
        result = _prepare(site.url(path), tmp_path)
        assert not result.ok and expected in result.problems[0], (path, result.problems)
        assert result.problems[0].startswith(site.url(path))
    assert not any((tmp_path / "articles").iterdir())


def test_transient_errors_are_retried_with_backoff(site, texts, tmp_path):
    site.page("/busy.html", "occupé", status=503, conditional=False)
    waits = []
    settings = fetch.FetchSettings(allow_private=True, retries=2, backoff=0.5)
    with pytest.raises(fetch.FetchError) as err:
        fetch.fetch(site.url("/busy.html"), settings, sleep=waits.append)
    assert err.value.status == 503 and waits == [0.5, 1.0] and site.hits["/busy.html"] == 3


def test_conditional_get_gives_304(site):
    first = fetch.fetch(site.url("/articles/0.html"), ALLOW)
    assert first.etag and first.last_modified
    again = fetch.fetch(site.url("/articles/0.html"), ALLOW, etag=first.etag)
    assert again.not_modified and again.body == b""
    assert site.requests[-1][1]["If-None-Match"] == first.etag


# ---------------------------------------------------------------- duplicates

def test_duplicate_by_address_even_with_tracking_parameters(site, tmp_path):
    first = _prepare(site.url("/articles/0.html"), tmp_path)
    _save(first, tmp_path)
    hits = dict(site.hits)
    again = _prepare(site.url("/articles/0.html") + "?fbclid=XYZ&utm_source=mail#comments", tmp_path)
    assert again.status == "duplicate" and "même adresse" in again.problems[0]
    assert site.hits == hits  # known address: not even fetched


def test_duplicate_after_redirect_or_canonical(site, texts, tmp_path):
    _save(_prepare(site.url("/articles/0.html"), tmp_path), tmp_path)
    site.redirect("/moved", "/articles/0.html?utm_source=rss")
    assert _prepare(site.url("/moved"), tmp_path).status == "duplicate"
    site.page("/mirror.html", article_html("Autre titre", "Un court texte différent pour ce miroir de page, "
                                           "avec assez de mots pour être un article.",
                                           canonical=site.url("/articles/0.html")))
    mirror = _prepare(site.url("/mirror.html"), tmp_path)
    assert mirror.status == "duplicate" and mirror.duplicate_of.endswith(".html")


def test_duplicate_by_text_under_another_address(site, texts, tmp_path):
    (tmp_path / "articles").mkdir()
    fingerprints = intake.existing_fingerprints(tmp_path / "articles", None)  # kept across checks, as the CLI does
    first = _prepare(site.url("/articles/2.html"), tmp_path, fingerprints=fingerprints)
    saved = _save(first, tmp_path)
    fingerprints[1][intake.text_key(first.check.text)] = saved.path.name
    # the same article on another site: other markup, other title tag, same text
    site.page("/elsewhere/story.html", article_html(*texts[2], site="Autre journal").replace("<footer>", "<aside>x</aside><footer>"))
    result = _prepare(site.url("/elsewhere/story.html"), tmp_path, fingerprints=fingerprints)
    assert result.status == "duplicate", result.problems
    assert "même texte sous une autre adresse" in result.problems[0]
    assert len(list((tmp_path / "articles").glob("*.html"))) == 1


def test_viewer_cannot_save(site, tmp_path):
    result = _prepare(site.url("/articles/1.html"), tmp_path)
    with pytest.raises(PermissionDenied):
        intake.save_article(result.check, principal=Principal("moussa", "viewer"), articles_dir=tmp_path / "articles")
    with pytest.raises(PermissionDenied):
        intake.accept(result.check, principal=None, articles_dir=tmp_path / "articles", tables_dir=tmp_path / "tables")
    assert not any((tmp_path / "articles").iterdir())


# ---------------------------------------------------------------- offline

def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_offline_one_line_per_address_nothing_changed(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "old.txt").write_text("Un article déjà là, avec assez de mots pour être lu par la chaîne.", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    urls = ["http://nulle-part.invalid/article", f"http://127.0.0.1:{_closed_port()}/a"]
    env = {**os.environ, "SAHEL_FETCH_ALLOW_PRIVATE": "1"}
    run = subprocess.run([sys.executable, "-m", "etl", "fetch", *urls, "--articles", str(folder),
                          "--out", str(tmp_path / "tables")], cwd=ROOT, capture_output=True, text=True, env=env,
                         timeout=120)
    lines = run.stdout.strip().splitlines()
    assert run.returncode == 1, run.stderr
    assert len(lines) == 2, lines
    assert "pas de réseau" in lines[0] and lines[0].startswith(urls[0])
    assert "pas de réseau" in lines[1] and lines[1].startswith(urls[1])
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing written, no tables built


# ---------------------------------------------------------------- the command line, end to end

def test_cli_fetch_adds_builds_and_reports_duplicates(site, texts, tmp_path):
    folder, tables = tmp_path / "articles", tmp_path / "tables"
    folder.mkdir()
    env = {**os.environ, "SAHEL_FETCH_ALLOW_PRIVATE": "127.0.0.1"}
    urls = [site.url("/articles/0.html") + "?utm_source=x", site.url("/articles/1.html"), site.url("/articles/0.html"),
            "ftp://example.org/a"]
    run = subprocess.run([sys.executable, "-m", "etl", "fetch", *urls, "--articles", str(folder), "--out", str(tables)],
                         cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    lines = run.stdout.strip().splitlines()
    assert run.returncode == 1, run.stderr[-2000:]
    assert "ajouté" in lines[0] and "ajouté" in lines[1], lines
    assert "doublon" in lines[2] and "http:// et https://" in lines[3], lines
    articles = tables_backend.read_csv(tables, "articles", dtype=str, keep_default_na=False)
    assert sorted(articles["source_file"]) == ["127.0.0.1-0.html", "127.0.0.1-1.html"]
    assert set(articles["status"]) == {"ok"}
    assert set(articles["url"]) == {site.url("/articles/0.html"), site.url("/articles/1.html")}
    figures = tables_backend.read_csv(tables, "figures", dtype=str, keep_default_na=False)
    decisions = tables_backend.read_csv(tables, "decisions", dtype=str, keep_default_na=False)
    assert len(figures) + len(decisions) > 0
    # the same command again: both known, nothing fetched, nothing saved
    hits = dict(site.hits)
    again = subprocess.run([sys.executable, "-m", "etl", "fetch", *urls[:2], "--articles", str(folder),
                            "--out", str(tables)], cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    assert again.returncode == 1 and again.stdout.count("doublon") == 2
    assert site.hits == hits
    # the same text under another address: found in the built tables' texts
    site.page("/reprint/conseil.html", article_html(*texts[1], site="Autre journal"))
    third = subprocess.run([sys.executable, "-m", "etl", "fetch", site.url("/reprint/conseil.html"), "--articles",
                            str(folder), "--out", str(tables)], cwd=ROOT, capture_output=True, text=True, env=env,
                           timeout=600)
    assert third.returncode == 1 and "même texte sous une autre adresse" in third.stdout, third.stdout
    assert len(list(folder.glob("*.html"))) == 2
