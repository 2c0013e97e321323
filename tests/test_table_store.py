"""The table store (etl.store) on both back ends: CSV build folders and PostgreSQL.

Each test runs on both. PostgreSQL comes from TEST_DATABASE_URL (skipped locally without it,
required under CI=true); each test gets a namespace of its own, dropped afterwards, so several
checkouts may run the suite against one database.
"""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest
from conftest import ROOT, skip_or_fail

from etl import pipeline, store
from etl.schema import NUMERIC, TABLES, conform

pytestmark = pytest.mark.both_backends  # each test runs on CSV and PostgreSQL itself (tables_store)

TEST_URL = os.environ.get("TEST_DATABASE_URL", "")


def _postgres_store(namespace: str) -> store.PostgresStore:
    if not TEST_URL.startswith(("postgresql", "postgres:")):
        skip_or_fail("TEST_DATABASE_URL is not set to a PostgreSQL database")
    tables = store.PostgresStore(TEST_URL, namespace=namespace)
    try:
        tables.pin()
    except store.StoreError as exc:
        skip_or_fail(f"PostgreSQL unreachable: {exc}")
    return tables


@pytest.fixture(params=["csv", pytest.param("postgres", marks=pytest.mark.postgres)])
def tables_store(request, tmp_path):
    if request.param == "csv":
        yield store.CsvStore(tmp_path / "tables")
        return
    tables = _postgres_store(f"t_{secrets.token_hex(5)}")
    try:
        yield tables
    finally:
        tables.drop_everything()


def corpus(marker: str, n_articles: int = 3, n_figures: int = 40) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """A small valid build whose every row names ``marker``: quotes are slices of texts that say it."""
    texts, articles, figures, decisions, mentions, actors = {}, [], [], [], [], []
    for a in range(n_articles):
        article_id = f"art{a}"
        sentences = [f"Build {marker} : {1000 + i} personnes déplacées à Gao ({marker}/{i})." for i in range(n_figures)]
        text = " ".join(sentences)
        texts[article_id] = text
        articles.append({"article_id": article_id, "source_file": f"{article_id}.txt", "title": f"Titre {marker}",
                         "status": "ok", "published_date": f"2024-06-0{a + 1}", "published_precision": "day",
                         "n_chars": len(text), "n_words": len(text.split()), "text_file": f"texts/{article_id}.txt",
                         "sha256": "0" * 64, "language": "fr", "error": "", "warnings": None})
        at = 0
        for i, sentence in enumerate(sentences):
            start = at
            figures.append({"figure_id": f"{article_id}-f{i}", "article_id": article_id, "country_iso3": "MLI",
                            "place": "Gao", "indicator": "idps", "value": 1000 + i, "unit": "people",
                            "qualifier": "exact", "label": marker, "quote": sentence, "char_start": start,
                            "char_end": start + len(sentence), "source_kind": "article", "value_max": None})
            at += len(sentence) + 1
        decisions.append({"decision_id": f"{article_id}-d", "article_id": article_id, "kind": "decision",
                          "text": f"Décision {marker}", "quote": sentences[0], "char_start": 0,
                          "char_end": len(sentences[0]), "theme": "other"})
        mentions.append({"actor_id": "act1", "article_id": article_id, "quote": sentences[0], "char_start": 0,
                         "char_end": len(sentences[0]), "mention": marker})
    actors.append({"actor_id": "act1", "name": f"Acteur {marker}", "kind": "organization", "n_articles": n_articles,
                   "n_mentions": n_articles})
    tables = {
        "articles": conform("articles", articles), "figures": conform("figures", figures),
        "decisions": conform("decisions", decisions), "events": conform("events", []),
        "actors": conform("actors", actors), "actor_mentions": conform("actor_mentions", mentions),
        "places": conform("places", []), "place_mentions": conform("place_mentions", []),
    }
    return tables, texts


def build_marker(build: store.Build) -> str:
    """The one marker of everything a pinned build holds; fails on any mix of builds."""
    markers = set()
    tables = {name: build.read(name) for name in TABLES}
    markers |= {title.split()[-1] for title in tables["articles"]["title"]}
    markers |= set(tables["figures"]["label"])
    markers |= {text.split()[-1] for text in tables["decisions"]["text"]}
    markers |= {name.split()[-1] for name in tables["actors"]["name"]}
    texts = {article_id: build.text(article_id) for article_id in tables["articles"]["article_id"]}
    assert pipeline.provenance_problems(tables, texts) == []  # every quote is its own text's slice
    markers |= {text.split()[1] for text in texts.values()}
    assert len(markers) == 1, f"a read mixed builds: {sorted(markers)}"
    return markers.pop()


def test_nothing_published_reads_as_missing(tables_store):
    build = tables_store.pin()
    assert not build.has("figures")
    with pytest.raises(store.TableMissing):
        build.read("figures")
    assert build.read_or_empty("figures").columns.tolist() == TABLES["figures"]
    assert build.signature("figures")[1] < 0
    assert build.text("art0") is None


def test_round_trip_keeps_values_types_order_and_the_empty_cell_rule(tables_store):
    tables, texts = corpus("A")
    tables["articles"].loc[0, "title"] = ""  # an empty text is missing, like None
    tables["articles"].loc[1, "error"] = "NA"  # only an empty cell is missing: "NA" is text
    tables["figures"].loc[0, "value"] = 4800000.0
    tables["figures"].loc[1, "value"] = 2.5
    tables_store.publish(tables, texts, check=pipeline.check_tables)
    build = tables_store.pin()
    for name in TABLES:
        read = build.read(name)
        assert read.columns.tolist() == TABLES[name]
        for col in TABLES[name]:
            assert str(read[col].dtype) == ("float64" if col in NUMERIC[name] else "object"), (name, col)
    articles = build.read("articles")
    assert articles.loc[0, "title"] is None and articles.loc[1, "error"] == "NA"
    assert articles["warnings"].isna().all() and all(v is None for v in articles["warnings"])
    figures = build.read("figures")
    assert figures["figure_id"].tolist() == tables["figures"]["figure_id"].tolist()  # order kept
    assert figures.loc[0, "value"] == 4800000.0 and figures.loc[1, "value"] == 2.5
    assert figures["value_max"].isna().all()
    assert build.text("art1") == texts["art1"] and build.text("nope") is None and build.text("../x") is None


def test_signatures_change_with_each_build_and_pins_hold(tables_store):
    tables_store.publish(*corpus("A"))
    first = tables_store.pin()
    signature = first.signature("figures")
    assert signature[1] >= 0 and tables_store.pin().signature("figures") == signature
    store_signature = tables_store.signature()
    tables_store.publish(*corpus("B"))
    assert tables_store.pin().signature("figures") != signature
    assert tables_store.signature() != store_signature
    assert build_marker(first) == "A"  # the build pinned before the publish is still whole
    assert build_marker(tables_store.open(first.ref)) == "A"
    assert build_marker(tables_store.pin()) == "B"


def test_a_refused_build_leaves_the_previous_one(tables_store):
    tables_store.publish(*corpus("A"))
    bad_tables, bad_texts = corpus("B")
    bad_tables["figures"].loc[0, "char_end"] = 3  # quote no longer matches its offsets
    with pytest.raises(pipeline.BuildError):
        tables_store.publish(bad_tables, bad_texts, check=pipeline.check_tables)
    assert build_marker(tables_store.pin()) == "A"


def test_a_reader_during_publishes_sees_one_whole_build_each_time(tables_store):
    """A reader thread pins and reads every table and text in a loop while builds are published:
    each read is wholly one build (never a mix), and it sees both old and new ones."""
    builds = [corpus(marker, n_articles=4, n_figures=150) for marker in ("A", "B", "C", "D", "E", "F")]
    tables_store.publish(*builds[0])
    seen: list[str] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            try:
                seen.append(build_marker(tables_store.pin()))
            except store.BuildGone:
                continue  # pruned after two newer publishes: not a mix, pin again
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
                return

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for tables, texts in builds[1:]:
            time.sleep(0.05)
            tables_store.publish(tables, texts)
        deadline = time.monotonic() + 60
        while not (seen and seen[-1] == "F") and not errors and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)  # until the reader has read the last build
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not errors, errors[0]
    assert len(seen) >= 5 and seen[-1] == "F"
    assert len(set(seen)) >= 2, seen  # the reader did read across publishes


def test_the_pipeline_publishes_through_the_store(tables_store, tmp_path, monkeypatch):
    from test_publish_kill import first_sentence

    import etl.extract

    monkeypatch.setattr(etl.extract, "extract_article", first_sentence)
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("Mali : Gao\n\n1 200 personnes ont fui Gao. Suite.\n", encoding="utf-8")
    summary = pipeline.build(articles, tmp_path / "work", progress=False, log=None, tables_store=tables_store)
    assert summary.n_ok == 1
    build = tables_store.pin()
    figures = build.read("figures")
    assert pipeline.provenance_problems(build.read_all(), {"a": build.text("a")}) == []
    assert len(figures) == 1
    (articles / "b.txt").write_text("Niger : Niamey\n\n300 ménages touchés. Fin.\n", encoding="utf-8")
    summary = pipeline.build(articles, tmp_path / "work", progress=False, log=None, tables_store=tables_store)
    assert summary.n_unchanged == 1 and set(tables_store.read("articles")["article_id"]) == {"a", "b"}


def test_the_postgres_store_is_chosen_by_its_own_setting(tmp_path, monkeypatch):
    monkeypatch.delenv(store.TABLES_URL_ENV, raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@h/db")  # the tracker's: not the tables'
    assert isinstance(store.open_store(tmp_path), store.CsvStore)
    monkeypatch.setenv(store.TABLES_URL_ENV, "postgres://u:secret@h:5432/db")
    chosen = store.open_store(tmp_path)
    assert isinstance(chosen, store.PostgresStore) and "secret" not in chosen.key
    monkeypatch.setenv(store.TABLES_URL_ENV, "sqlite:///x.db")
    with pytest.raises(store.StoreError):
        store.open_store(tmp_path)


KILLED_PUBLISH = """
import sys
from etl import store
from test_table_store import corpus
tables = store.PostgresStore(sys.argv[1], namespace=sys.argv[2])
tables.publish(*corpus("B"))
"""


@pytest.mark.postgres
@pytest.mark.parametrize("step", ["tables", "check"])
def test_a_postgres_publish_killed_midway_leaves_the_previous_build(step):
    tables = _postgres_store(f"t_{secrets.token_hex(5)}")
    try:
        tables.publish(*corpus("A"))
        env = {**os.environ, store.KILL_AFTER_ENV: step,
               "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT)])}
        killed = subprocess.run([sys.executable, "-c", KILLED_PUBLISH, TEST_URL, tables.namespace], env=env,
                                cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert killed.returncode == store.KILL_EXIT_CODE, killed.stderr
        assert build_marker(tables.pin()) == "A"
        tables.publish(*corpus("C"))  # the next publish is not blocked by what the kill left
        assert build_marker(tables.pin()) == "C"
    finally:
        tables.drop_everything()


@pytest.mark.postgres
def test_postgres_prunes_retired_builds_after_the_grace_but_keeps_the_previous(tmp_path):
    tables = _postgres_store(f"t_{secrets.token_hex(5)}")
    try:
        refs = []
        for marker in "ABCD":
            tables.publish(*corpus(marker, n_articles=1, n_figures=2))
            refs.append(tables.pin().ref)
        assert all(tables.open(ref).read("articles") is not None for ref in refs)  # within the grace: all kept
        tables.prune(grace_seconds=0)
        assert build_marker(tables.open(refs[2])) == "C" and build_marker(tables.pin()) == "D"
        with pytest.raises(store.BuildGone):
            tables.open(refs[0]).read("articles")
        # a reader holding a pruned build learns it before reading (dashboard.loaders.current_build re-pins)
        assert not tables.open(refs[0]).alive() and tables.open(refs[2]).alive() and tables.pin().alive()
    finally:
        tables.drop_everything()
