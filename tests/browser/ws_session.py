"""A Streamlit session without a browser: open the app's websocket (/_stcore/stream) as the
frontend does, ask for one page, and time until its script has finished and every message of
the page has arrived. What the server does for a page load (run the page script, send the
page) without a browser's drawing, so that many sessions can be opened at once from a small
machine. Shared by tests/test_deploy.py and bench/load_bench.py.
"""
from __future__ import annotations

import asyncio
import http.client
import time
from dataclasses import dataclass
from urllib.parse import urlparse


@dataclass
class PageLoad:
    page: str
    seconds: float          # index.html fetched, websocket opened, page script finished
    script_seconds: float   # from the rerun request to the script's end
    bytes_received: int
    messages: int
    deltas: int
    status: str             # "ok", or what went wrong
    exception: str | None = None  # an exception the page script showed (st.exception)


def _fetch(url: str, headers: dict, source: str | None) -> int:
    parsed = urlparse(url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=120,
                                      source_address=(source, 0) if source else None)
    try:
        conn.request("GET", parsed.path or "/", headers=headers)
        resp = conn.getresponse()
        body = resp.read()
        if resp.status != 200:
            raise OSError(f"GET {url}: HTTP {resp.status}")
        return len(body)
    finally:
        conn.close()


async def load_page(base: str, page: str = "", *, query: str = "", headers: dict | None = None,
                    timeout: float = 180.0, fetch_index: bool = True, source: str | None = None) -> PageLoad:
    """One page load: ``base`` is ``http://host:port``; ``page`` the page's URL path ("" = default).
    ``source``: the local address to connect from (e.g. 127.3.0.1: another client for ip_hash)."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    headers = dict(headers or {})
    started = time.perf_counter()
    received = messages = deltas = 0
    exception = None
    try:
        if fetch_index:
            loop = asyncio.get_running_loop()
            received += await loop.run_in_executor(None, _fetch, f"{base}/{page}", headers, source)
        parsed = urlparse(base)
        uri = f"ws://{parsed.netloc}/_stcore/stream"
        async with websockets.connect(uri, subprotocols=["streamlit"], origin=f"{parsed.scheme}://{parsed.netloc}",
                                      additional_headers=headers, max_size=None, open_timeout=timeout,
                                      ping_interval=None, local_addr=(source, 0) if source else None) as ws:
            back = BackMsg()
            back.rerun_script.query_string = query
            back.rerun_script.page_name = page
            requested = time.perf_counter()
            await ws.send(back.SerializeToString())
            deadline = requested + timeout
            while True:
                remaining = deadline - time.perf_counter()
                if remaining <= 0:
                    raise TimeoutError(f"no end of script after {timeout:.0f} s")
                data = await asyncio.wait_for(ws.recv(), timeout=remaining)
                received += len(data)
                messages += 1
                msg = ForwardMsg()
                msg.ParseFromString(data)
                kind = msg.WhichOneof("type")
                if kind == "delta":
                    deltas += 1
                    element = msg.delta.new_element
                    if msg.delta.WhichOneof("type") == "new_element" and element.WhichOneof("type") == "exception":
                        exception = (f"{element.exception.type}: {element.exception.message} @ "
                                     + " | ".join(line.strip() for line in element.exception.stack_trace[-6:]))
                elif kind == "page_not_found":
                    return PageLoad(page, time.perf_counter() - started, time.perf_counter() - requested, received,
                                    messages, deltas, f"page not found: {page}")
                elif kind == "script_finished":
                    status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                    if status == "FINISHED_EARLY_FOR_RERUN":
                        continue  # the page asked for a rerun (st.rerun, a query parameter): wait for it
                    done = time.perf_counter()
                    ok = status == "FINISHED_SUCCESSFULLY"
                    return PageLoad(page, done - started, done - requested, received, messages, deltas,
                                    "ok" if ok else status, exception)
    except Exception as exc:  # a failed load is a result of the bench, not a crash of it
        return PageLoad(page, time.perf_counter() - started, float("nan"), received, messages, deltas,
                        f"{type(exc).__name__}: {exc}")


def load_page_sync(base: str, page: str = "", **kwargs) -> PageLoad:
    return asyncio.run(load_page(base, page, **kwargs))


def client_address(i: int) -> str:
    """A distinct loopback address per simulated client, differing in the second octet: nginx's
    ip_hash hashes IPv4 clients on their first three octets."""
    return f"127.{1 + i % 250}.{i // 250}.1"


async def load_many(base: str, pages: list[str], **kwargs) -> list[PageLoad]:
    """One session per entry of ``pages``, all started at the same instant, session i
    connecting from client_address(i)."""
    return await asyncio.gather(*(load_page(base, page, source=client_address(i), **kwargs)
                                  for i, page in enumerate(pages)))
