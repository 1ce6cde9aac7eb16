"""Whether the office's decisions on an item follow its claims."""

from __future__ import annotations

import datetime as dt

from tests.check.rules import check
from tests.check.test_records import codes, entry
from tracker.check.rules.claims import overrides_later, repeats, without_claim
from tracker.core.i18n import Lang
from tracker.core.model import Review
from tracker.core.problems import Collector

VERIFY = Review("v2", "emergency", "15", dt.date(2025, 9, 10), "verify", line=9)


def test_each_question_of_a_decision_against_the_last_mark() -> None:
    out = Collector("p")
    assert overrides_later((7, dt.date(2025, 9, 12), "done"), VERIFY, out)  # dated before the done it judges
    assert not overrides_later((7, dt.date(2025, 9, 10), "done"), VERIFY, out)
    assert repeats((8, dt.date(2025, 9, 9), "verify"), VERIFY, out)
    assert not repeats((8, dt.date(2025, 9, 9), "done"), VERIFY, out)
    assert without_claim(None, VERIFY, out) and without_claim((8, dt.date(2025, 9, 9), "reject"), VERIFY, out)
    assert not without_claim((8, dt.date(2025, 9, 9), "done"), VERIFY, out)
    assert [(p.code, p.level) for p in out.problems] == [("decision-predates", "error"), ("decided-again", "warning"),
                                                         ("decision-without-claim", "warning"),
                                                         ("decision-without-claim", "warning")]
    assert "line 8" in out.problems[-1].message(Lang.EN)


def test_a_back_dated_decision_does_not_count() -> None:
    done = entry(status="done", percent=100, date="2025-09-01")
    prog = check(done, {"id": "v1", "type": "verify", "date": "2025-09-10", "task": 15, "decides": "e1"},
                 {"id": "r1", "type": "reject", "date": "2025-09-05", "task": 15, "note": "补充材料", "decides": "e1"})
    assert codes(prog) == [(8, "decision-predates")] and [r.id for r in prog.reviews] == ["v1"]
