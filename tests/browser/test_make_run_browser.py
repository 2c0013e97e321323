"""`make run ARTICLES=DIR` serves the app over any folder of articles: the tables are built into a
folder of their own (data/tables-<hash of DIR>, or TABLES=), with a tracker database of their own,
and the pages show that folder's articles and nothing else."""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
import urllib.request

import pandas as pd
import pytest
from conftest import ROOT, skip_or_fail
from harness import Guard, chromium_available, free_port, launch, new_context, page_url, wait_drawn

from presentation.i18n import tn

HELDOUT = ROOT / "tests" / "fixtures" / "heldout" / "articles"


def make_paths(**settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SAHEL_TABLES_DIR", "SAHEL_ARTICLES_DIR")}
    result = subprocess.run(["make", "-s", "paths", *(f"{k}={v}" for k, v in settings.items())], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60, check=True)
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in result.stdout.strip().splitlines())}


def test_each_folder_of_articles_gets_its_own_tables_and_tracker(tmp_path):
    default = make_paths()
    assert default["tables"] == str(ROOT / "data" / "tables")
    one = make_paths(ARTICLES="tests/fixtures/heldout/articles")
    again = make_paths(ARTICLES=str(HELDOUT))  # the same folder, written another way
    other = make_paths(ARTICLES="tests/fixtures/heldout2/articles")
    assert one["articles"] == str(HELDOUT)
    assert one["tables"] == again["tables"] != other["tables"]
    assert one["tables"].startswith(str(ROOT / "data" / "tables-")) and len(one["tables"].rsplit("-", 1)[1]) == 10
    assert one["tracker"] == f"sqlite:///{one['tables']}.tracker.sqlite" != default["tracker"]
    chosen = make_paths(ARTICLES=str(HELDOUT), TABLES=str(tmp_path / "mine"))
    assert chosen["tables"] == str(tmp_path / "mine")


@pytest.mark.browser
@pytest.mark.csv_tables  # `make run TABLES=DIR` builds into the CSV folder it names, which the test reads
def test_make_run_serves_a_folder_of_articles(tmp_path):
    if not chromium_available():
        skip_or_fail("Playwright or /usr/bin/chromium missing")
    from playwright.sync_api import sync_playwright

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in sorted(p.name for p in HELDOUT.glob("*.txt"))[:2]:
        shutil.copy(HELDOUT / name, corpus / name)
    tables, port = tmp_path / "tables", free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SAHEL_TABLES_DIR", "SAHEL_ARTICLES_DIR")}
    log = (tmp_path / "make.log").open("w")
    proc = subprocess.Popen(["make", "run", f"ARTICLES={corpus}", f"TABLES={tables}", f"PORT={port}"], cwd=ROOT,
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            assert proc.poll() is None, (tmp_path / "make.log").read_text()[-3000:]
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            assert time.monotonic() < deadline, (tmp_path / "make.log").read_text()[-3000:]
            time.sleep(0.5)
        titles = pd.read_csv(tables / "articles.csv")["title"].tolist()
        assert len(titles) == 2
        with sync_playwright() as pw:
            browser = launch(pw)
            context = new_context(browser)
            guard = Guard().attach(context)
            page = context.new_page()
            page.goto(page_url(base, "sources"))
            wait_drawn(page)
            assert tn("app.data_status", 2, "fr").split(".")[0] in page.locator('[data-testid="stSidebar"]').inner_text()
            listed = page.locator(".ht").first.inner_text()
            assert all(title in listed for title in titles)
            page.goto(page_url(base, "decisions"))
            wait_drawn(page)
            assert page.locator('[data-testid="stException"]').count() == 0
            assert guard.problems() == []
            browser.close()
        assert (tmp_path / "tables.tracker.sqlite").exists()  # this folder's own tracker, not data/tracker.sqlite
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)
        log.close()
