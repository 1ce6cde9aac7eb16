"""What people type, made plain: full-width digits and percent signs from Chinese input methods, Chinese
status words. Each normaliser returns the plain value and, when it changed something, a notice to show."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from tracker.model import Status

_FULLWIDTH = str.maketrans("０１２３４５６７８９．－＋％，", "0123456789.-+%,")

STATUS_WORDS: dict[str, Status] = {
    **{s.value: s for s in Status},
    "not_started": Status.NOT_STARTED,
    "in_progress": Status.IN_PROGRESS,
    "未启动": Status.NOT_STARTED,
    "未开始": Status.NOT_STARTED,
    "推进中": Status.IN_PROGRESS,
    "进行中": Status.IN_PROGRESS,
    "已完成": Status.DONE,
    "完成": Status.DONE,
    "受阻": Status.BLOCKED,
}


class BadInput(ValueError):
    """A typed value that cannot be read; the message says what was expected."""


def number(text: str, what: str, *, allow_percent_sign: bool = True) -> tuple[int | float, str]:
    """'８０％' -> (80, notice): whole numbers come back as int, so files say 80, not 80.0.
    Raises BadInput for anything that is not a finite number."""
    raw = text.strip()
    plain = raw.translate(_FULLWIDTH)
    if allow_percent_sign and plain.endswith("%"):
        plain = plain[:-1].strip()
    try:
        value = float(plain)
    except ValueError:
        raise BadInput(f"{what} must be a number, not {text!r}") from None
    if not math.isfinite(value):
        raise BadInput(f"{what} must be a number, not {text!r}")
    notice = f"read {what} {text!r} as {value:g}" if plain != raw else ""
    return (int(value) if value.is_integer() else value), notice


def status(text: str) -> Status:
    word = text.strip().lower()
    if word in STATUS_WORDS:
        return STATUS_WORDS[word]
    choices = ", ".join(f"{s.value}" for s in Status) + " (未启动, 推进中, 已完成, 受阻)"
    raise BadInput(f"unknown status {text!r}; one of {choices}")


_DATE_WORDS = str.maketrans({"/": "-", ".": "-", "年": "-", "月": "-", "日": None})


def date(text: str) -> dt.date:
    """A typed date: 2025-09-30, and as people write it in spreadsheets, 2025/9/30, 2025.9.30, 2025年9月30日."""
    from tracker.dates import parse_date

    parsed = parse_date(text.translate(_FULLWIDTH).translate(_DATE_WORDS).replace(" ", ""))
    if parsed is None:
        raise BadInput(f"{text!r} is not a date; write YYYY-MM-DD, e.g. 2025-09-30")
    return parsed


def progress_values(item: Any, st: Status, percent: str | None, value: str | None, note: str | None,
                    evidence: list[str], day: dt.date, by: str | None) -> tuple[dict[str, object], list[str]]:
    """A progress record from what was typed, with plain numbers, and the notices about what was read
    differently (``８０％`` as 80). Done means 100 and not started 0 when no percent is given."""
    notices: list[str] = []
    values: dict[str, object] = {"type": "progress", "date": day.isoformat(), "task": item.number or item.id,
                                 "status": st.value}
    if percent is not None:
        values["percent"], notice = number(percent, "percent")
        notices.append(notice)
    elif st in (Status.DONE, Status.NOT_STARTED):
        values["percent"] = 100 if st is Status.DONE else 0
    if value is not None:
        values["value"], notice = number(value, "value")
        notices.append(notice)
    values.update(note=note or "", evidence=list(evidence))
    if by:
        values["by"] = by
    return values, [n for n in notices if n]
