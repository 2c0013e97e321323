"""One story, several sites (etl.stories and the build): an agency story reprinted with another
headline, an intro and a paragraph cut is linked to its first version; its figures and decisions
are published once; articles.csv names the story of every article."""
from __future__ import annotations

import json

import pytest
import tables_backend
from local_web import real_texts

from etl import stories
from etl.pipeline import build


@pytest.fixture(scope="module")
def story():
    title, text = real_texts(6)[5]
    paragraphs = [p for p in text.split("\n") if p.strip()]
    return title, paragraphs


def _reprint(paragraphs: list[str]) -> str:
    """Another site's copy: its own headline and intro, the last paragraph cut, a signature."""
    return "\n\n".join(["Gouvernement : ce qu'il faut retenir du Conseil des ministres",
                        "Nous publions ci-dessous le communiqué transmis à notre rédaction."]
                       + paragraphs[:-1] + ["(Avec l'Agence d'information)"])


def test_shingles_are_stable_and_case_insensitive():
    a = stories.shingles("Le Conseil des ministres s'est tenu à Ouagadougou le mercredi " * 5)
    b = stories.shingles("LE CONSEIL DES MINISTRES S'EST TENU À OUAGADOUGOU LE MERCREDI " * 5)
    assert a == b


def test_reprint_linked_unrelated_not(story):
    _title, paragraphs = story
    original = "\n\n".join(paragraphs)
    other = "\n\n".join(p for _t, text in real_texts(3) for p in text.split("\n")[:40] if p.strip())
    docs = [stories.StoryDoc("b-reprint", stories.shingles(_reprint(paragraphs)), "2024-05-17"),
            stories.StoryDoc("a-original", stories.shingles(original), "2024-05-16"),
            stories.StoryDoc("c-other", stories.shingles(other), "2024-05-16"),
            stories.StoryDoc("d-short", stories.shingles("Trop court."), None)]
    links = stories.link_stories(docs)
    assert links == {"a-original": "a-original", "b-reprint": "a-original", "c-other": "c-other",
                     "d-short": "d-short"}
    # the first version is the earliest published, whatever the order or the ids
    docs[0] = stories.StoryDoc("b-reprint", docs[0].shingles, "2024-05-01")
    assert stories.link_stories(docs)["a-original"] == "b-reprint"


def test_two_different_council_communiques_are_not_one_story():
    """Same outlet, same template ("Le Conseil des ministres s'est tenu…"), other decisions."""
    texts = [text for _t, text in real_texts(12)]
    docs = [stories.StoryDoc(f"a{i}", stories.shingles(t), None) for i, t in enumerate(texts)]
    links = stories.link_stories(docs)
    assert len(set(links.values())) == len(texts)


def test_build_publishes_a_story_once(story, tmp_path):
    title, paragraphs = story
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "agence.txt").write_text(title + "\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    (articles / "agence.meta.json").write_text(json.dumps({"published": "2024-05-16", "source": "Agence",
                                                           "url": "https://agence.example/a"}), encoding="utf-8")
    (articles / "reprise.txt").write_text(_reprint(paragraphs), encoding="utf-8")
    (articles / "reprise.meta.json").write_text(json.dumps({"published": "2024-05-17", "source": "Journal B",
                                                            "url": "https://journal-b.example/a"}), encoding="utf-8")
    summary = build(articles, tmp_path / "tables", progress=False, log=None)
    assert summary.n_failed == 0, summary.failures
    rows = tables_backend.read_csv(tmp_path / "tables", "articles", dtype=str, keep_default_na=False)
    by_file = dict(zip(rows["source_file"], rows["story_id"]))
    ids = dict(zip(rows["source_file"], rows["article_id"]))
    assert by_file == {"agence.txt": ids["agence.txt"], "reprise.txt": ids["agence.txt"]}
    assert set(rows["status"]) == {"ok"} and set(rows["duplicate_of"]) == {""}
    for table in ("figures", "decisions"):
        frame = tables_backend.read_csv(tmp_path / "tables", table, dtype=str, keep_default_na=False)
        assert len(frame) > 0, table
        assert set(frame["article_id"]) == {ids["agence.txt"]}, table  # counted once
    # the reprint's text is kept for the reader
    assert tables_backend.text(tmp_path / "tables", ids["reprise.txt"]) is not None
