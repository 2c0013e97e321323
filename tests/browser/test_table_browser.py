"""The read-only HTML table's script (dashboard/components/table.js) in Debian Chromium, on a long
table: it draws a screenful of rows at first and more as the box scrolls, while sorting and
searching work on every row, drawn or not."""
from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st
from harness import (
    browser_fixture,  # noqa: F401  (the module's "browser" fixture)
    new_context,
)

from dashboard import components
from dashboard import html as H
from dashboard.ui import STYLE
from presentation.i18n import t

ROWS = 300
HEIGHT = 420


@pytest.fixture
def page(browser):
    """A page holding one long table, mounted as Streamlit mounts the ``table`` component
    (dashboard/components: its module imported from a blob URL, its default function called
    with the data and the element to draw in), with the app's style sheet."""
    frame = pd.DataFrame({"Lieu": [f"Commune {i:03d}" for i in range(ROWS)],
                          "Pays": ["Niger" if i % 3 else "Mali" for i in range(ROWS)],  # sent once each
                          "Valeur": [float((i * 37) % ROWS) for i in range(ROWS)]})
    frame.loc[250, "Lieu"] = "Tillabéri"  # far below the first screenful
    data = H.table_parts(frame, {"Valeur": st.column_config.NumberColumn("Valeur")}, "fr",
                         element_id="long", height=HEIGHT)
    context = new_context(browser)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.set_content(f"<!doctype html><html><head><style>{STYLE}</style></head><body><div id=host></div></body></html>")
    tab.evaluate("""async ([source, data]) => {
        const url = URL.createObjectURL(new Blob([source], {type: 'text/javascript'}));
        const module = await import(url);
        module.default({data, parentElement: document.getElementById('host')});
    }""", [components.source("table"), data])
    yield tab
    context.close()
    assert errors == []


def drawn_rows(page) -> int:
    return page.locator("#long tbody tr").count()


def test_a_long_table_draws_a_screenful_then_more_as_it_scrolls(page):
    step = H.rows_per_draw(HEIGHT)
    assert step < ROWS
    assert drawn_rows(page) == step
    box = page.locator("#long .ht-scroll")
    assert box.evaluate("el => el.scrollHeight > el.clientHeight")  # the box can scroll, so more can come
    assert page.locator("#long .ht-count").inner_text() == t("table.count", "fr", n=ROWS, total=ROWS)
    box.evaluate("el => { el.scrollTop = el.scrollHeight; }")
    page.wait_for_function(f"() => document.querySelectorAll('#long tbody tr').length > {step}")
    box.evaluate("el => { el.scrollTop = el.scrollHeight; }")
    for _ in range(ROWS):  # scrolling to the end draws every row, in order
        if drawn_rows(page) == ROWS:
            break
        box.evaluate("el => { el.scrollTop = el.scrollHeight; }")
        page.wait_for_timeout(20)
    assert drawn_rows(page) == ROWS
    assert page.locator("#long tbody tr").last.locator("td").first.inner_text() == f"Commune {ROWS - 1:03d}"


def test_sort_and_search_reach_rows_not_drawn_yet(page):
    step = H.rows_per_draw(HEIGHT)
    page.locator("#long thead th").nth(2).locator("button").click()
    page.locator("#long thead th").nth(2).locator("button").click()  # descending: the largest first
    values = page.locator("#long tbody tr td:nth-child(3)").evaluate_all("els => els.map(e => Number(e.dataset.v))")
    assert len(values) == step and values[0] == ROWS - 1 and values == sorted(values, reverse=True)
    page.locator("#long .ht-search").fill("tillaberi")  # accents and case ignored
    assert page.locator("#long tbody tr").all_inner_texts() == [page.locator("#long tbody tr").first.inner_text()]
    assert page.locator("#long tbody tr td").first.inner_text() == "Tillabéri"
    assert page.locator("#long .ht-count").inner_text() == t("table.count", "fr", n=1, total=ROWS)
    page.locator("#long .ht-search").fill("mali")  # a value sent once, shared by a third of the rows
    assert page.locator("#long .ht-count").inner_text() == t("table.count", "fr", n=ROWS // 3, total=ROWS)
    assert set(page.locator("#long tbody tr td:nth-child(2)").all_inner_texts()) == {"Mali"}
