"""Text measured in the font the app's pictures fall back on (DejaVu Sans, shipped with
matplotlib and with Debian's Chromium): label boxes on maps, source lines wrapped to a
chart's width. Measuring with DejaVu Sans, a wide face, keeps boxes large enough when a
narrower face (Source Sans, Arial) draws them."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"
_FONTS = Path(__import__("matplotlib").get_data_path()) / "fonts" / "ttf"


@lru_cache(maxsize=8)
def _font(size: float, bold: bool):
    from PIL import ImageFont

    return ImageFont.truetype(str(_FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size=size)


@lru_cache(maxsize=8192)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """The advance width of ``text`` in DejaVu Sans at ``size`` pixels."""
    return float(_font(round(size * 4) / 4, bold).getlength(text))


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width`` pixels at ``size`` (a word longer
    than the width is cut, so that no line ever runs past it)."""
    lines: list[str] = []
    line = ""
    for word in str(text or "").split():
        while text_width(word, size, bold) > width and len(word) > 1:  # a long address or title word
            cut = max(1, int(len(word) * width / text_width(word, size, bold)) - 1)
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{line} {word}".strip()
        if line and text_width(candidate, size, bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return lines + ([line] if line else [])
