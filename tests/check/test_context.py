"""What a rule is handed, and what checking gives."""

from __future__ import annotations

import datetime as dt

from tests.check.test_records import CAT, TODAY
from tracker.check.checked import Progress, Withdrawal
from tracker.check.context import RecordCheck, field_word, finite
from tracker.core.model import Entry, Milestone, Reminder, Status
from tracker.core.problems import Collector, Pos
from tracker.load.progress import RawRecord


def test_a_problem_is_filed_at_the_value_and_the_record_is_not_made() -> None:
    c = RecordCheck(CAT, "emergency", RawRecord({"percent": 1}, Pos(6, 3), value_pos={"percent": Pos(6, 40)}),
                    TODAY, Collector("p"))
    assert c.ok and c.unit_name() == "市应急局"  # the unit as people name it, never its id
    c.bad("percent", "out-of-range", field="percent", value="1", low="2", high="3")
    c.bad("note", "blocked-without-note")
    assert [(p.line, p.col) for p in c.out.problems] == [(6, 40), (6, 3)] and not c.ok
    assert RecordCheck(CAT, "nobody", RawRecord({}, Pos(1, 1)), TODAY, Collector("p")).unit_name() == "nobody"


def test_words_for_fields_and_numbers_a_report_can_use() -> None:
    assert field_word("percent") == ("进度", "percent") and field_word("zzz") == "zzz"
    assert finite(1.5) and not finite(float("nan")) and not finite(float("inf")) and not finite(10 ** 400)


def test_a_checked_file_keeps_each_record_by_kind() -> None:
    prog = Progress("p", "emergency")
    day = dt.date(2025, 9, 1)
    e = Entry("e", "emergency", "15", day, Status.IN_PROGRESS, 40.0)
    m = Milestone("m", "emergency", "15", day, dt.date(2025, 12, 1), "x")
    r = Reminder("r", "emergency", dt.date(2025, 9, 5), ("15",))
    for record in (e, m, r, Withdrawal("w", "emergency", "e", dt.date(2025, 9, 9), "", "", 9)):
        prog.file(record)
    assert (prog.entries, prog.milestones, prog.reminders) == ([e], [m], [r])  # a withdrawal is the file's
    assert prog.latest() == dt.date(2025, 9, 5) and prog.ids() == {"e", "m", "r"}
    assert Progress("p", None).latest() is None
