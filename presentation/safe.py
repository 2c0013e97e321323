"""Article text is untrusted: escape it before it meets HTML (pages, tooltips, cards).

pydeck tooltips interpolate raw values into their HTML template, so map builders pass
only values that went through ``esc``.
"""
from __future__ import annotations

import html
import math

import pandas as pd


def esc(value) -> str:
    """HTML-escaped text (quotes included); None/NaN → empty string."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def esc_multiline(value) -> str:
    return esc(value).replace("\n", "<br>")


def esc_columns(df: pd.DataFrame, columns) -> pd.DataFrame:
    out = df.copy()
    for col in columns:
        if col in out.columns:
            out[col] = out[col].map(esc)
    return out


def safe_url(value) -> str | None:
    """The URL if it is plain http(s), else None (no javascript:, data: or relative tricks)."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) and " " not in text else None
