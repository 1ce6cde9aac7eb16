"""Decisions bind what they decide: by the record's id and a digest of its content."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.check.test_records import CAT, TODAY, check, codes, entry
from tracker.check.records import check_progress
from tracker.check.rules.binding import bind, digest
from tracker.compute.report import collect
from tracker.compute.state import pair_state
from tracker.load.progress import header, read_progress, record_line

DONE = entry(id="d1", status="done", percent=100, date="2025-09-01")


def decided(kind: str, named: str, record: dict[str, Any] | None, **more: Any) -> dict[str, Any]:
    key = {"verify": "decides", "reject": "decides", "approve": "request", "withdraw": "withdraws"}[kind]
    out: dict[str, Any] = {"id": f"{kind}-1", "type": kind, "date": "2025-10-12", "task": 15, key: named, **more}
    if record is not None:
        out["digest"] = digest(record)
    return out


def test_the_digest_is_the_content_whatever_the_writing() -> None:
    assert digest(DONE) == digest(dict(reversed(list(DONE.items()))))  # key order is no content
    assert digest(DONE) != digest({**DONE, "percent": 100.0}) != digest({**DONE, "note": "x"})
    assert len(digest(DONE)) == 32


def test_a_record_inserted_above_with_the_decided_id_takes_nothing() -> None:
    """A record put above the decided one with its id is read in its stead (the later one is a duplicate):
    the decision's digest no longer matches, so it decides nothing, whatever its kind."""
    impostor = {**DONE, "note": "插入的", "percent": 100}
    verify = decided("verify", "d1", DONE, note="材料齐全")
    assert check(DONE, verify).problems == []
    prog = check(impostor, DONE, verify)
    assert ("decision-digest" in [c for _, c in codes(prog)]) and prog.reviews == []
    request = {"id": "x1", "type": "extend", "date": "2025-10-10", "task": 15, "until": "2026-03-31", "note": "延后"}
    approve = decided("approve", "x1", request)
    assert [x.kind for x in check(request, approve).extensions] == ["extend", "approve"]
    later = {**request, "until": "2026-12-31"}
    assert [x.kind for x in check(later, request, approve).extensions] == ["extend"]
    withdraw = decided("withdraw", "d1", DONE, note="录入错误")
    assert check(DONE, withdraw).entries == []
    assert [e.id for e in check(impostor, DONE, withdraw).entries] == ["d1"]  # the impostor stays


def test_a_verification_naming_no_record_decides_nothing() -> None:
    """Written before decisions named their record: it would be inherited by a record inserted above it."""
    prog = check(DONE, {"id": "v1", "type": "verify", "date": "2025-10-12", "task": 15})
    assert codes(prog) == [(7, "decision-unbound")] and prog.problems[0].level == "warning"
    assert prog.reviews == []


def test_a_verification_verifies_the_record_it_names_and_no_later_one() -> None:
    verify = decided("verify", "d1", DONE)
    more = entry(id="d2", status="done", percent=100, date="2025-09-05", value=None, note="再报")

    def state(*records: dict[str, Any]) -> tuple[str, bool]:
        recs = collect([check(*records)])[("15", "emergency")]
        p = pair_state(CAT, CAT.items["15"], "emergency", recs, dt.date(2025, 10, 31))
        return p.status.value, p.verified

    assert state(DONE, verify) == ("done", True)
    assert state(DONE, verify, more) == ("done", False)  # a later done is a new claim
    assert state(DONE, more, verify) == ("done", False)  # one above it too: it verified d1, not d2
    reject = decided("reject", "d1", DONE, note="佐证不足")
    assert state(DONE, reject) == ("in-progress", False)
    assert state(DONE, reject, more) == ("done", False)  # claimed again


def test_the_tool_binds_a_new_decision_to_the_latest_record_as_of_its_date() -> None:
    text = header("emergency", "x") + "".join(record_line(r) for r in (
        DONE, entry(id="e2", percent=50, date="2025-10-20")))
    raw = read_progress(text.encode(), "progress/emergency.yaml")
    checked = check_progress(CAT, raw, "emergency", TODAY)
    bound = bind({"type": "verify", "date": "2025-10-12", "task": 15}, checked, raw)
    assert bound["decides"] == "d1" and bound["digest"] == digest(DONE)
    assert bind({"type": "withdraw", "withdraws": "e2"}, checked, raw)["digest"] == digest(raw.records[1].values)
    assert bind({"type": "progress", "task": 15}, checked, raw) == {"type": "progress", "task": 15}
