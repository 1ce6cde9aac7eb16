"""The reminder register."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.check.rules import made_by
from tracker.check.rules import reminders


def made(**values: Any) -> Any:
    return made_by(reminders.make, {"id": "r1", "type": "reminder", "date": "2025-10-10", **values})


def test_a_reminder_names_the_unit_s_items_and_a_reply_date() -> None:
    r, c = made(items=[15, "g2"], number="鄂安办〔2025〕1号", reply_by="2025-10-17")
    assert c.out.problems == [] and (r.items, r.reply_by) == (("15", "G2"), dt.date(2025, 10, 17))


def test_what_a_reminder_cannot_be() -> None:
    for values, codes in ((dict(items=[15, 61, 19]), ["unknown-task", "not-responsible"]),
                          (dict(items=[]), ["wrong-type"]), (dict(items="15"), ["wrong-type"]),
                          (dict(items=[15], reply_by="2025-10-01"), ["reply-before-date"])):
        r, c = made(**values)
        assert r is None and [p.code for p in c.out.problems] == codes, values
