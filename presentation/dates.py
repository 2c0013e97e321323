"""Dates as the tables hold them: ISO 8601 strings with a precision.

A date is only placed on a calendar as precisely as the article states it: a year
covers the whole year, a month the whole month, and a day without a year
(``--01-22``) cannot be placed at all.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

import pandas as pd

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_NO_YEAR = re.compile(r"^--(\d{2})-(\d{2})$")


def _clean(iso: object) -> str:
    if iso is None or (isinstance(iso, float) and pd.isna(iso)):
        return ""
    return str(iso).strip()


def infer_precision(iso: object) -> str:
    """The precision an ISO string carries by its shape alone."""
    text = _clean(iso)
    if _DAY.match(text):
        return "day"
    if _MONTH.match(text):
        return "month"
    if _YEAR.match(text):
        return "year"
    if _NO_YEAR.match(text):
        return "day_no_year"
    return "unknown"


def effective_precision(iso: object, precision: object) -> str:
    """The stated precision, never finer than what the string holds."""
    shape = infer_precision(iso)
    stated = _clean(precision)
    order = ("day", "month", "year")
    if shape in order and stated in order:
        return order[max(order.index(stated), order.index(shape))]
    return shape


def date_interval(iso: object, precision: object = None) -> tuple[date, date] | None:
    """First and last day the date may mean, or None when it cannot be placed."""
    text = _clean(iso)
    prec = effective_precision(text, precision)
    try:
        if prec == "day":
            year, month, day = (int(p) for p in _DAY.match(text).groups())
            value = date(year, month, day)
            return value, value
        if prec == "month":
            year, month = (int(p) for p in text[:7].split("-"))
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if prec == "year":
            year = int(text[:4])
            return date(year, 1, 1), date(year, 12, 31)
    except (ValueError, AttributeError):
        return None
    return None


def month_day(iso: object) -> tuple[int, int] | None:
    """(month, day) of a day_no_year date such as ``--01-22``."""
    match = _NO_YEAR.match(_clean(iso))
    if not match:
        return None
    month, day = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return month, day


def sort_key(iso: object, precision: object = None) -> str:
    """A string that sorts dated rows chronologically; unplaceable dates sort first ("")."""
    interval = date_interval(iso, precision)
    return interval[0].isoformat() if interval else ""


def sort_keys(dates: pd.Series, precisions: pd.Series | None = None) -> pd.Series:
    if precisions is None:
        precisions = pd.Series([None] * len(dates), index=dates.index)
    return pd.Series([sort_key(d, p) for d, p in zip(dates, precisions)], index=dates.index, dtype="object")
