"""bench/README.md: each bench owns one section between its own markers, replaced on each run."""
from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parent / "README.md"


def write_section(name: str, text: str, *, heading: str, intro: str = "") -> None:
    """Put ``text`` between ``<!-- {name}:start -->`` and ``<!-- {name}:end -->``; the first time, append
    the section under ``heading`` (and ``intro``) at the end of the README."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    section = f"{start}\n{text}\n{end}"
    current = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    if start in current and end in current:
        head, rest = current.split(start, 1)
        current = head + section + rest.split(end, 1)[1]
    else:
        current = (current.rstrip("\n") + f"\n\n## {heading}\n\n" + (f"{intro}\n\n" if intro else "")
                   + section + "\n")
    README.write_text(current, encoding="utf-8")
