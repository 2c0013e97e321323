"""Counted nouns in the ETL's own messages.

The CLI and the build reports speak both languages on one line and do not use the app's
catalogue (etl imports nothing of the project), so the plural comes from Babel's CLDR rules
here: « 0 fichier », « 1,5 fichier », « 2 fichiers »; « 1 file », « 0 files ».
"""
from __future__ import annotations

from functools import cache

from babel import Locale


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def counted(n: float, one: str, other: str, *, lang: str = "fr") -> str:
    """``n`` and the noun phrase in the form CLDR gives ``n`` in ``lang`` (« many » reads as ``other``)."""
    form = _locale(lang).plural_form(abs(n))
    return f"{n} {one if form == 'one' else other}"
