"""Calendar rules: deadlines are whole days in China Standard Time (UTC+8)."""

from __future__ import annotations

import datetime as dt

CST = dt.timezone(dt.timedelta(hours=8), "CST")


def today_cst() -> dt.date:
    """Today in China Standard Time, whatever the machine's own time zone."""
    return dt.datetime.now(CST).date()
