"""Run deploy/nginx.conf for real: the site file with its upstream ports and listen address
replaced, inside a minimal nginx.conf under a temporary prefix (no root files touched).
Shared by tests/test_deploy.py and bench/load_bench.py."""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "deploy" / "nginx.conf"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def render_site(upstream_ports: list[int], listen_port: int, site: Path = SITE) -> str:
    """deploy/nginx.conf with these upstream ports and 127.0.0.1:listen_port (everything else as shipped)."""
    text = site.read_text(encoding="utf-8")
    servers = "".join(f"    server 127.0.0.1:{port};\n" for port in upstream_ports)
    text, n = re.subn(r"(?m)^\s*server 127\.0\.0\.1:\d+;\n(?:\s*server 127\.0\.0\.1:\d+;\n)*", servers, text, count=1)
    if n != 1:
        raise ValueError(f"{site}: no upstream server lines")
    text = re.sub(r"(?m)^\s*listen \[::\]:80;\n", "", text)
    text, n = re.subn(r"(?m)^(\s*)listen 80;", rf"\1listen 127.0.0.1:{listen_port};", text)
    if n != 1:
        raise ValueError(f"{site}: no 'listen 80;'")
    return text


def main_conf(prefix: Path, site: str) -> str:
    user = "user root;\n" if os.geteuid() == 0 else ""
    temps = "".join(f"    {name}_temp_path {prefix / name};\n"
                    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"{user}worker_processes auto;\npid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'} warn;\n"
            "events { worker_connections 4096; }\n"
            "http {\n"
            "    log_format upstream '$remote_addr $upstream_addr $status $request_uri';\n"
            f"    access_log {prefix / 'access.log'} upstream;\n{temps}{site}\n}}\n")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def nginx(upstream_ports: list[int], *, timeout: float = 20.0):
    """nginx in front of ``upstream_ports``; yields (base URL, prefix folder with access.log)."""
    binary = nginx_binary()
    if binary is None:
        raise FileNotFoundError("nginx not installed (apt-get install nginx)")
    prefix = Path(tempfile.mkdtemp(prefix="nginx-"))
    port = _free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(main_conf(prefix, render_site(upstream_ports, port)), encoding="utf-8")
    check = subprocess.run([binary, "-t", "-p", str(prefix), "-c", str(conf)], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"nginx -t: {check.stderr}")
    proc = subprocess.Popen([binary, "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"nginx exited: {proc.stderr.read().decode(errors='replace')}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if time.monotonic() > deadline:
                raise TimeoutError("nginx did not start")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", prefix
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        shutil.rmtree(prefix, ignore_errors=True)


def upstreams_used(prefix: Path) -> dict[str, int]:
    """Requests per upstream address in the access log (which process answered)."""
    counts: dict[str, int] = {}
    log = prefix / "access.log"
    for line in log.read_text(encoding="utf-8").splitlines() if log.exists() else []:
        parts = line.split()
        if len(parts) >= 2 and parts[1] != "-":
            counts[parts[1]] = counts.get(parts[1], 0) + 1
    return counts
