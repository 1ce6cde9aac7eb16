"""The chasing ladder (催办梯次): where a unit stands after its reminders, as of a date.

A unit reminded for the first time is at the ladder's first step (提醒). Reminders are taken in rounds, as
escalation takes them (``state.spaced``): a round opens with a reminder dated at least the reply period after
the one that opened the last round, and a notice sent before that joins the open round. Each round whose
reply-by dates have passed without a reply (签收/回复) in time to any of its reminders moves the unit one step
up (督办, 专函督办, 约谈 by default; the office's own steps from tasks.yaml's ``ladder:``), up to the last step;
a reply in time keeps it where it is. So two notices on one day never climb two steps.
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


def chase(reminders: Iterable[Reminder], as_of: dt.date, steps: int, reply_days: int) -> Chase:
    """The standing of a unit with these reminders (any order; each once) on a ladder of ``steps`` steps, its
    reminders taken in rounds ``reply_days`` (the reply period) apart."""
    known = sorted({r.id: r for r in reminders if r.date <= as_of}.values(), key=lambda r: (r.date, r.line))
    if not known:
        return Chase()
    rounds: list[list[Reminder]] = []
    for r in known:
        if not rounds or (r.date - rounds[-1][0].date).days >= reply_days:
            rounds.append([r])
        else:
            rounds[-1].append(r)
    missed = [rs for rs in rounds if not any(r.answered(as_of) for r in rs)
              and all((r.reply_by or r.date) < as_of for r in rs)]
    unanswered = tuple(r for rs in missed for r in rs)
    settled = {r.id for rs in rounds if any(r.answered(as_of) for r in rs) for r in rs}
    awaiting = tuple(r for r in known if (r.reply_by or r.date) >= as_of and r.id not in settled)
    return Chase(min(max(steps, 1), 1 + len(missed)), unanswered, awaiting)


def reply_by(day: dt.date, reply_days: int, records_until: dt.date) -> dt.date:
    """The reply-by date of a reminder issued on ``day``: ``reply_days`` later, but no later than the last date
    a record may carry (a reminder in the campaign's last week asks for a reply by its end)."""
    return max(day, min(day + dt.timedelta(days=reply_days), records_until))
