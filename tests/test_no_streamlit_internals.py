"""The app keeps to Streamlit's public API: no first-party file imports or patches Streamlit's
private modules, and none reads or names the hashed files of its front-end build (their names
change with every Streamlit release). Public modules are fine: ``streamlit.testing.v1``
(AppTest), ``streamlit.components.v1``/``v2`` (custom components), ``streamlit.column_config``.

The few uses left are listed in ALLOWED, each with the reason no public API does it; a new one
fails here until it is either replaced or listed with its reason."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

FOLDERS = ("dashboard", "app_pages", "tracker", "etl", "tests", "bench", "scripts", "deploy")
THIS = Path(__file__).resolve()

# Streamlit's private modules and the internals this app used to patch
PRIVATE = re.compile(
    r"streamlit\.(?:runtime|web|elements|proto|commands|delta_generator|navigation|watcher|vendor|hello)\b"
    r"|\b_mpa_v1\b|\bPagesManager\b|\bpages_manager\b|\bscript_runner\b|\bscript_run_context\b"
    r"|\bst\._[a-z]\w*"  # st._bidi_component, st._main…
)
# Streamlit's own front-end build: its folder, and chunk names with a build hash (index.CE4SdmW3.js)
STATIC_FOLDER = re.compile(r"static/(?:js|css)/|static\" */ *\"(?:js|css)|\"static\" */ *\"static\"")
HASHED = re.compile(r"\b\w+\.([A-Za-z0-9_-]{8})\.(?:js|css)\b")

ALLOWED = {
    # "is a script run under way in this thread?": the reader (language, zone) and the loaders are also called from
    # exports, the ETL and background threads, where session state does not exist; Streamlit
    # has no public test for it (st.runtime.exists() is true in any thread of the server).
    ("dashboard/reader.py", "from streamlit.runtime.scriptrunner import get_script_run_ctx"),
    ("dashboard/loaders.py", "from streamlit.runtime.scriptrunner import get_script_run_ctx"),
    # the download tests check what each deferred download button would send on a click;
    # AppTest shows a deferred button's URL, not the callable behind it
    ("tests/test_downloads.py", "from streamlit.runtime.media_file_manager import MediaFileManager"),
    # the load test opens many sessions at once over Streamlit's websocket, speaking its
    # protocol (BackMsg/ForwardMsg); there is no public client
    ("tests/browser/ws_session.py", "from streamlit.proto.BackMsg_pb2 import BackMsg"),
    ("tests/browser/ws_session.py", "from streamlit.proto.ForwardMsg_pb2 import ForwardMsg"),
}


def first_party_files() -> list[Path]:
    files = [ROOT / "app.py"]
    for folder in FOLDERS:
        files += sorted((ROOT / folder).rglob("*.py"))
    files += sorted((ROOT / "dashboard" / "components").glob("*.js"))
    return [f for f in files if f.resolve() != THIS and ".venv" not in f.parts and "out" not in f.parts]


def hashed(line: str) -> bool:
    """A file name carrying a build hash: 8 characters mixing letters with digits or capitals."""
    return any(re.search(r"[a-z]", h) and re.search(r"[0-9A-Z]", h) and not h.isdigit()
               for h in HASHED.findall(line))


def findings() -> list[str]:
    found = []
    for path in first_party_files():
        name = path.relative_to(ROOT).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if (name, line.strip()) in ALLOWED:
                continue
            if PRIVATE.search(line) or STATIC_FOLDER.search(line) or hashed(line):
                found.append(f"{name}:{number}: {line.strip()}")
    return found


def test_first_party_code_uses_no_streamlit_internals_nor_hashed_assets():
    assert findings() == []


def test_every_allowed_use_still_exists():
    """An allowance whose line is gone is removed from ALLOWED."""
    lines = {(p.relative_to(ROOT).as_posix(), line.strip()) for p in first_party_files()
             for line in p.read_text(encoding="utf-8", errors="replace").splitlines()}
    assert ALLOWED - lines == set()


def test_the_check_catches_what_it_is_for():
    for line in ("from streamlit.runtime.pages_manager import PagesManager",
                 'monkeypatch.setattr(script_runner, "_mpa_v1", run)',
                 "from streamlit.web.server import Server",
                 "from streamlit.elements.lib.layout_utils import Height",
                 "st._bidi_component('x')",
                 "document.querySelector('script[src*=\"static/js/index.\"]')",
                 'Path(st.__file__).parent / "static" / "static" / "js"'):
        assert PRIVATE.search(line) or STATIC_FOLDER.search(line), line
    assert hashed("DeckGlJsonChart.Bk-DBRSw.js") and hashed("index.CE4SdmW3.js")
    for line in ("from streamlit.testing.v1 import AppTest", "st.components.v2.component('x', js=src)",
                 "import streamlit.components.v1 as components", "app/static/plotly-basic.min.js",
                 "static/deckgl.min.js", "st.column_config.LinkColumn('x')"):
        assert not (PRIVATE.search(line) or STATIC_FOLDER.search(line) or hashed(line)), line
