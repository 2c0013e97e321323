"""Front-end code the app serves from ``static/`` that comes from an installed package
rather than from the repository: deck.gl's bundle as pydeck ships it (for the Carte page,
dashboard.html.deck_parts). ``make install`` runs ``python -m dashboard.assets``; without the
file the Carte page falls back on st.pydeck_chart.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
DECK_JS = STATIC_DIR / "deckgl.min.js"


def pydeck_bundle() -> Path:
    """deck.gl's browser bundle inside the installed pydeck (its Jupyter widget: deck.gl, its
    JSON converter and ``createDeck``; no basemap is fetched when the spec names no provider)."""
    import pydeck

    return Path(pydeck.__file__).resolve().parent / "nbextension" / "static" / "index.js"


def install_deck_bundle(target: Path = DECK_JS) -> Path:
    """Copy pydeck's bundle to ``target`` (atomically: a page never reads half a file);
    nothing is written when the copy is already the same."""
    source = pydeck_bundle()
    data = source.read_bytes()
    if target.exists() and target.read_bytes() == data:
        target.touch()  # up to date: make sees it newer than the install
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


if __name__ == "__main__":
    try:
        print(f"deck.gl bundle: {install_deck_bundle()}")
    except (ImportError, OSError) as exc:
        sys.exit(f"deck.gl bundle not installed ({exc}); the Carte page will use st.pydeck_chart")
