"""The chasing ladder (催办梯次): where a unit stands after its reminders, as of a date.

A unit reminded for the first time is at the ladder's first step (提醒). Each reminder whose reply-by date has
passed without a reply (签收/回复) dated by then moves it one step up (督办, 专函督办, 约谈 by default; the
office's own steps from tasks.yaml's ``ladder:``), up to the last step; a reply in time keeps it where it is.
Steps are derived from the reminder register and the replies, never stored, so a merge cannot disagree with
them. A unit's next notice is written at its step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from tracker.core.model import Reminder

DEFAULT_STEPS = 4  # 提醒 → 督办 → 专函督办 → 约谈, worded in core.i18n (``ladder.N``)


class Chase(NamedTuple):
    """A unit's standing on the ladder as of a date: ``step`` (0: never reminded; else 1 up to the ladder's
    length), the reminders whose reply-by date passed without a reply (``unanswered``), and those still
    within their reply period with none yet (``awaiting``)."""

    step: int = 0
    unanswered: tuple[Reminder, ...] = ()
    awaiting: tuple[Reminder, ...] = ()


def chase(reminders: Iterable[Reminder], as_of: dt.date, steps: int) -> Chase:
    """The standing of a unit with these reminders (any order; each once) on a ladder of ``steps`` steps."""
    known = sorted({r.id: r for r in reminders if r.date <= as_of}.values(), key=lambda r: (r.date, r.line))
    if not known:
        return Chase()
    unanswered = tuple(r for r in known if (r.reply_by or r.date) < as_of and not r.answered(as_of))
    awaiting = tuple(r for r in known if (r.reply_by or r.date) >= as_of and not r.answered(as_of))
    return Chase(min(max(steps, 1), 1 + len(unanswered)), unanswered, awaiting)


def reply_by(day: dt.date, reply_days: int, records_until: dt.date) -> dt.date:
    """The reply-by date of a reminder issued on ``day``: ``reply_days`` later, but no later than the last date
    a record may carry (a reminder in the campaign's last week asks for a reply by its end)."""
    return max(day, min(day + dt.timedelta(days=reply_days), records_until))
