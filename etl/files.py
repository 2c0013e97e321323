"""Atomic file writes shared by the build, the imports and the uploads: a temporary file in the
target's folder, then one rename (or link) so a reader never sees half a file. And the one way
the project reads an input file: a regular file inside its folder, never through a symbolic link
(``open_regular``)."""
from __future__ import annotations

import contextlib
import errno
import os
import stat
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


# ---------------------------------------------------------------- reading: regular files only

class NotARegularFile(OSError):
    """A path the project refuses to read: a symbolic link, something other than a regular file
    (a folder, a pipe, a device), or a path that resolves outside the folder it must be in.
    ``french`` / ``english`` say which, without the file name (callers add it)."""

    def __init__(self, path: Path, french: str, english: str):
        self.path, self.french, self.english = Path(path), french, english
        super().__init__(f"{french} ({english})")


def _refusal(kind: str) -> tuple[str, str]:
    return {
        "symlink": ("lien symbolique refusé : seuls les fichiers ordinaires du dossier sont lus",
                    "symbolic link refused: only regular files inside the folder are read"),
        "outside": ("chemin hors du dossier refusé", "path outside the folder refused"),
        "special": ("pas un fichier ordinaire (dossier, tube ou périphérique), refusé",
                    "not a regular file (folder, pipe or device), refused"),
    }[kind]


@contextlib.contextmanager
def open_regular(path: Path, *, root: Path | None = None):
    """Open ``path`` for binary reading only if it is a regular file inside ``root`` (default: its
    own folder) and not a symbolic link; else raise NotARegularFile. The final check is made on the
    opened descriptor (O_NOFOLLOW, then fstat), so a link swapped in after the checks is refused too."""
    path = Path(path)
    root = Path(root) if root is not None else path.parent
    if path.is_symlink():
        raise NotARegularFile(path, *_refusal("symlink"))
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop in the folders above
        inside = False
    if not inside:
        raise NotARegularFile(path, *_refusal("outside"))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotARegularFile(path, *_refusal("symlink")) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotARegularFile(path, *_refusal("special"))
        fh = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with fh:
        yield fh


def read_regular(path: Path, *, root: Path | None = None) -> bytes:
    """The bytes of a regular file inside ``root`` (see open_regular)."""
    with open_regular(path, root=root) as fh:
        return fh.read()


def is_link_or_file(path: Path) -> bool:
    """A regular file, or a symbolic link (even dangling): what a folder listing must report, so
    that a link gets a refusal message instead of being silently read or silently skipped."""
    return Path(path).is_symlink() or Path(path).is_file()
