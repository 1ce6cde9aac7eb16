"""Calendar rules: deadlines are whole days in China Standard Time (UTC+8)."""

from __future__ import annotations

import datetime as dt
import re

CST = dt.timezone(dt.timedelta(hours=8), "CST")


def today_cst() -> dt.date:
    """Today in China Standard Time, whatever the machine's own time zone."""
    return dt.datetime.now(CST).date()


_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(text: str) -> dt.date | None:
    """ISO date YYYY-MM-DD (single-digit month or day accepted, as YAML 1.1 does); None if invalid."""
    if len(text) == 10 and text[4] == text[7] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    m = _DATE.fullmatch(text.strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def date_text(day: dt.date, chinese: bool) -> str:
    """A date in running text as GB/T 9704 writes 成文日期: Arabic numerals, the year in full, no padding
    (2025年9月30日); in English, ISO."""
    return f"{day.year}年{day.month}月{day.day}日" if chinese else day.isoformat()
