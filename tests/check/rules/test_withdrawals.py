"""A withdrawal names an earlier record of the file, which then counts nowhere."""

from __future__ import annotations

import datetime as dt

from tests.check.rules import CAT, TODAY, check, record, where
from tests.check.test_records import entry
from tracker.check.checked import Progress, Withdrawal
from tracker.check.context import FileCheck
from tracker.check.rules import dates, fields, withdrawals
from tracker.core.model import Entry, Status
from tracker.core.problems import Collector
from tracker.load.progress import RawFile


def test_a_withdrawal_is_made_from_its_record() -> None:
    c = record({"id": "w1", "type": "withdraw", "date": "2025-09-02", "withdraws": "e1", "note": "录错"})
    fields.reads(c)
    dates.reads(c)
    assert withdrawals.make(c) == Withdrawal("w1", "emergency", "e1", dt.date(2025, 9, 2), "录错", "", 6)
    c = record({"id": "w1", "type": "withdraw", "date": "2025-09-02", "withdraws": "e1", "note": "录错", "task": 61})
    assert withdrawals.make(c) is None and where(c) == [(6, 60, "unknown-task")]


def file_check() -> FileCheck:
    return FileCheck(CAT, RawFile("p"), "emergency", TODAY, Collector("p"), Progress("p", "emergency"))


def test_what_a_withdrawal_may_name() -> None:
    f = file_check()
    f.seen.update({"e1": 6, "w1": 7, "w2": 8, "w3": 9, "w4": 10, "later": 12})
    for rid, named, line in (("w1", "e1", 7), ("w2", "e1", 8), ("w3", "w1", 9), ("w4", "later", 10),
                             ("w5", "w5", 11)):
        w = Withdrawal(rid, "emergency", named, dt.date(2025, 9, 2), "录错", "", line)
        withdrawals.made(f, record({"withdraws": named}), w)
    assert [p.code for p in f.out.problems] == ["withdrawn-twice", "bad-withdraw", "unknown-withdrawn",
                                                "unknown-withdrawn"]
    assert list(f.withdrawn) == ["e1"]


def test_a_withdrawn_record_counts_nowhere() -> None:
    f = file_check()
    keep = Entry("e2", "emergency", "15", dt.date(2025, 9, 2), Status.IN_PROGRESS, 50.0)
    gone = keep._replace(id="e1")
    f.progress.entries = [gone, keep]
    f.withdrawn["e1"] = Withdrawal("w1", "emergency", "e1", dt.date(2025, 9, 3), "录错", "", 9)
    withdrawals.check(f)
    assert f.progress.entries == [keep]
    prog = check(entry(id="e1"), {"id": "w1", "type": "withdraw", "date": "2025-09-02", "withdraws": "e1",
                                  "note": "录错"})
    assert prog.entries == [] and prog.problems == []  # through the runner: the same


def test_a_withdrawal_is_final_whether_or_not_it_took_effect() -> None:
    """The reported case: e1 withdrawn twice (w1, then w2, which counts for nothing), then w3 withdrawing w2.
    w2 is an error, and so is w3, though w2 never took effect: no withdrawal may be withdrawn."""
    f = file_check()
    f.seen.update({"e1": 6, "w1": 7, "w2": 8, "w3": 9})
    for rid, named, line in (("w1", "e1", 7), ("w2", "e1", 8), ("w3", "w2", 9)):
        w = Withdrawal(rid, "emergency", named, dt.date(2025, 9, 2), "录错", "", line)
        withdrawals.made(f, record({"withdraws": named}), w)
    assert [(p.code, p.level) for p in f.out.problems] == [("withdrawn-twice", "error"), ("bad-withdraw", "error")]
    assert list(f.withdrawn) == ["e1"]
