"""Atomic file writes shared by the build, the imports and the uploads: a temporary file in the
target's folder, then one rename (or link) so a reader never sees half a file."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) at ``path``, replacing any file there in one step."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_new_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` at ``path`` atomically, never replacing an existing file (FileExistsError)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.link(tmp, path)  # fails if the name was taken meanwhile: nothing is overwritten
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
