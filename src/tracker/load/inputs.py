"""What people type, made plain: full-width digits and percent signs from Chinese input methods, Chinese
status words. Each normaliser returns the plain value and, when it changed something, a notice to show."""

from __future__ import annotations

import datetime as dt
import math
import re

from tracker.core.i18n import Lang, Msg, both
from tracker.core.model import Status
from tracker.core.problems import shown

_FULLWIDTH = str.maketrans("０１２３４５６７８９．－＋％，／", "0123456789.-+%,/")

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
    "办结": Status.DONE,
    "已办结": Status.DONE,
    "受阻": Status.BLOCKED,
    "暂停": Status.BLOCKED,
}
# The words staff type, as messages list them: (zh, en).
STATUS_CHOICES = ("未启动（未开始）、推进中（进行中）、已完成（完成、办结）、受阻（暂停），"
                  "或 not-started、in-progress、done、blocked",
                  "not-started, in-progress, done, blocked (or 未启动, 推进中, 已完成, 受阻)")


class BadInput(ValueError):
    """A typed value that cannot be read; ``msg`` says what was expected, in either language."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(msg.text(Lang.EN))
        self.msg = msg


def number(text: str, what: str, *, allow_percent_sign: bool = True) -> tuple[int | float, Msg | None]:
    """'８０％' -> (80, notice): whole numbers come back as int, so files say 80, not 80.0.
    Raises BadInput for anything that is not a finite number."""
    raw = text.strip()
    plain = raw.translate(_FULLWIDTH)
    if allow_percent_sign and plain.endswith("%"):
        plain = plain[:-1].strip()
    try:
        value = float(plain)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise BadInput(Msg.of("input.not-number", what=both(f"field.{what}"), text=shown(text)))
    notice = Msg.of("input.read-as", what=both(f"field.{what}"), text=shown(text), value=f"{value:g}") \
        if plain != raw else None
    return (int(value) if value.is_integer() else value), notice


def status(text: str) -> Status:
    word = text.strip().lower()
    if word in STATUS_WORDS:
        return STATUS_WORDS[word]
    raise BadInput(Msg.of("input.bad-status", text=shown(text), choices=STATUS_CHOICES))


_TYPED_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def date(text: str) -> dt.date:
    """A date as people type it: 2025-07-30, 2025/7/30, 2025.7.30 or 2025年7月30日 (full-width digits too)."""
    m = _TYPED_DATE.fullmatch(text.translate(_FULLWIDTH).strip())
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    raise BadInput(Msg.of("input.bad-date", text=shown(text)))
