"""An article's title: its headline, cleaned of what a crawler or a site put around it; else its first sentence, shortened.

Small pure functions, string in and string out; the patterns live in etl.resources.
"""
from __future__ import annotations

import re

from etl import resources as R
from etl.segment import is_breadcrumb


def clean_headline(text: str | None) -> str | None:
    """The headline without a crawler's date, Markdown marks or a trailing site name; None when the line is not a
    headline at all (a breadcrumb, a photo caption, an update stamp)."""
    if not text:
        return None
    t = R.STORED_DATE_PREFIX_RE.sub("", text)
    t = R.SITE_NAME_PREFIX_RE.sub("", re.sub(r"^\s*#{1,6}\s*", "", t))
    t = re.sub(r"\*\*|__", "", t).strip(" \t-–—|>»")
    if not t or R.NOT_A_HEADLINE_RE.search(t) or R.BREADCRUMB_LEAD_RE.match(t) or is_breadcrumb(t):
        return None
    return t


def shorten(text: str, *, limit: int = 90) -> str:
    """Cut at the last word boundary before `limit` characters, with an ellipsis."""
    t = " ".join(text.split())
    if len(t) <= limit:
        return t
    cut = t.rfind(" ", 0, limit)
    return t[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def first_sentence_title(sentence: str, *, limit: int = 90) -> str:
    """With no headline, the first sentence stands for it: crawler's date cut, trailing full stop dropped."""
    t = R.STORED_DATE_PREFIX_RE.sub("", sentence)
    t = R.SOURCE_TAG_RE.sub("", R.SITE_NAME_PREFIX_RE.sub("", t)).strip()
    return shorten(t.rstrip("."), limit=limit)
