"""One story, several sites: agency stories reprinted with small changes (another headline, an
intro, a signature, a paragraph cut) are linked, so their figures and decisions count once.

Pure functions, used by the build (etl.pipeline):

- ``shingles(text)`` — the text's sampled word 5-grams (hashed, case and accents ignored);
- ``link_stories(docs)`` — ``{article_id: story_id}``: two texts are one story when they share
  half of their shingles (Jaccard ≥ ``STORY_JACCARD``), or when 80 % of the shorter is in the
  longer and the shorter is at least half as long (a reprint that cut or added paragraphs).
  Links are transitive (union-find). ``story_id`` is the article id of the story's *first*
  version: the earliest publication date, then the smallest article id.

Exact duplicates (the same text) are not stories: the build refuses them (``duplicate_of``).
The build keeps every article of a story in ``articles.csv`` (``story_id`` names the first
version) and publishes the extracted rows (figures, decisions, events, mentions) of the first
version only.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from etl import resources_web as rw
from etl.text import fold


@dataclass(frozen=True)
class StoryDoc:
    article_id: str
    shingles: frozenset[int]
    published: str | None = None   # ISO date, for choosing the first version


def shingles(text: str, *, size: int = rw.SHINGLE_WORDS, sample: int = rw.SHINGLE_SAMPLE) -> frozenset[int]:
    """Hashes of the text's ``size``-word windows, keeping one in ``sample`` (by hash, so two texts
    keep the same windows)."""
    words = rw.WORD_RE.findall(fold(text or ""))
    out = set()
    for i in range(len(words) - size + 1):
        digest = hashlib.blake2b(" ".join(words[i:i + size]).encode(), digest_size=8).digest()
        value = int.from_bytes(digest, "big")
        if value % sample == 0:
            out.add(value)
    return frozenset(out)


def same_story(a: frozenset[int], b: frozenset[int]) -> bool:
    if len(a) < rw.MIN_SHINGLES or len(b) < rw.MIN_SHINGLES:
        return False
    common = len(a & b)
    small, large = sorted((len(a), len(b)))
    if common / (small + large - common) >= rw.STORY_JACCARD:
        return True
    return common / small >= rw.STORY_CONTAINMENT and small / large >= rw.STORY_SIZE_RATIO


def link_stories(docs: list[StoryDoc]) -> dict[str, str]:
    """{article_id: story_id} for every doc (a story of one article is its own story)."""
    by_id = {d.article_id: d for d in docs}
    postings: dict[int, list[str]] = defaultdict(list)
    for doc in docs:
        if len(doc.shingles) >= rw.MIN_SHINGLES:
            for h in doc.shingles:
                postings[h].append(doc.article_id)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for ids in postings.values():
        if 1 < len(ids) <= rw.COMMON_SHINGLE_POSTINGS:
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    shared[(a, b) if a < b else (b, a)] += 1
    parent = {d.article_id: d.article_id for d in docs}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (a, b), n in shared.items():
        small = min(len(by_id[a].shingles), len(by_id[b].shingles))
        if n / small < min(rw.STORY_JACCARD, rw.STORY_CONTAINMENT) * 0.9:
            continue  # cannot pass either test: skip the set operations
        if same_story(by_id[a].shingles, by_id[b].shingles):
            parent[root(a)] = root(b)
    groups: dict[str, list[StoryDoc]] = defaultdict(list)
    for doc in docs:
        groups[root(doc.article_id)].append(doc)
    out = {}
    for members in groups.values():
        first = min(members, key=lambda d: (d.published or "9999", d.article_id))
        for doc in members:
            out[doc.article_id] = first.article_id
    return out
