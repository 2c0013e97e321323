"""The documented deployment runs: deploy/nginx.conf (its upstream ports and listen address
replaced, nothing else) in front of two app processes sharing one tracker on PostgreSQL and
one tables folder. Pages load through the proxy's websocket, each client address stays with
one process (ip_hash) and the clients spread over both. Needs nginx and PostgreSQL (required
under CI=true, installed by .ci/run)."""
from __future__ import annotations

import contextlib
import sys

import pytest
from conftest import ROOT, skip_or_fail
from dashboard_fixtures import write_tables
from tracker_support import fresh_postgres_schema, postgres_base_url

sys.path.insert(0, str(ROOT / "tests" / "browser"))
import harness  # noqa: E402
import proxy  # noqa: E402
import ws_session  # noqa: E402

pytestmark = pytest.mark.postgres


def test_the_shipped_site_config_has_sticky_sessions_websockets_and_client_headers():
    site = proxy.SITE.read_text(encoding="utf-8")
    for directive in ("ip_hash;", "proxy_set_header Upgrade $http_upgrade;", "proxy_set_header Host $http_host;",
                      "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
                      "proxy_set_header X-Real-IP $remote_addr;", "proxy_http_version 1.1;"):
        assert directive in site, directive
    assert [line.split()[1] for line in site.splitlines() if line.strip().startswith("server 127.0.0.1:")] == [
        "127.0.0.1:8501;", "127.0.0.1:8502;", "127.0.0.1:8503;", "127.0.0.1:8504;"]
    env = (ROOT / "deploy" / "sahel-dashboard.env").read_text(encoding="utf-8")
    assert "TRACKER_TRUSTED_PROXIES=127.0.0.1,::1" in env and "DATABASE_URL=postgresql" in env
    rendered = proxy.render_site([9001, 9002], 9000)
    assert "server 127.0.0.1:9001;\n    server 127.0.0.1:9002;\n" in rendered and "listen 127.0.0.1:9000;" in rendered
    assert "8501" not in rendered and "ip_hash;" in rendered


def test_two_processes_behind_nginx_serve_pages_with_sticky_clients(tmp_path):
    if proxy.nginx_binary() is None:
        skip_or_fail("nginx is not installed (apt-get install nginx)")
    tables = write_tables(tmp_path / "tables")
    with fresh_postgres_schema(postgres_base_url()) as url, contextlib.ExitStack() as stack:
        env = {"DATABASE_URL": url, "TRACKER_TRUSTED_PROXIES": "127.0.0.1,::1", "SAHEL_STATIC_CHARTS": "0",
               "STREAMLIT_SERVER_COOKIE_SECRET": "test-secret-shared-by-both"}
        bases = [stack.enter_context(harness.streamlit_server(ROOT / "app.py", tables_dir=tables, env=env,
                                                              data_dir=tmp_path / f"data{i}"))
                 for i in range(2)]
        ports = [int(base.rsplit(":", 1)[1]) for base in bases]
        front, prefix = stack.enter_context(proxy.nginx(ports))
        pages = ["", "decisions", "needs", "sources", "", "decisions", "timeline", "actors", "", "needs", "sources", ""]
        import asyncio

        loads = asyncio.run(ws_session.load_many(front, pages, timeout=240))
        assert [load.status for load in loads] == ["ok"] * len(pages), [(l.page, l.status) for l in loads]
        assert all(load.exception is None and load.deltas > 5 for load in loads), [(l.page, l.exception, l.deltas) for l in loads]
        # the same client again: the same process (every request of one address to one upstream)
        again = asyncio.run(ws_session.load_page(front, "decisions", source=ws_session.client_address(0)))
        assert again.status == "ok"
        answered_by: dict[str, set[str]] = {}
        for line in (prefix / "access.log").read_text(encoding="utf-8").splitlines():
            client, upstream = line.split()[:2]
            answered_by.setdefault(client, set()).add(upstream)
        assert len(answered_by) == len(pages)
        assert all(len(upstreams) == 1 for upstreams in answered_by.values()), answered_by
        assert {u for ups in answered_by.values() for u in ups} == {f"127.0.0.1:{p}" for p in ports}


def test_every_module_a_page_imports_is_preloaded_before_sessions_run():
    """dashboard.preload imports these once, under a lock, before any page runs: concurrent
    first sessions then never see a half-imported module (the race test_two_processes… met)."""
    import ast

    from dashboard import preload

    FIRST_PARTY = ("dashboard", "tracker", "etl", "presentation")
    wanted = set()
    for path in [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in FIRST_PARTY:
                if node.module in FIRST_PARTY:
                    wanted |= {f"{node.module}.{alias.name}" for alias in node.names}
                else:
                    wanted.add(node.module)
    wanted.discard("dashboard.preload")
    assert wanted <= set(preload.MODULES), sorted(wanted - set(preload.MODULES))
