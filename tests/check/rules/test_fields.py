"""A record's shape, its id and its plain values."""

from __future__ import annotations

from tests.check.rules import record, where
from tracker.check.rules import fields


def test_the_shape_of_a_record_and_its_id() -> None:
    c = record({"type": "verify", "date": "2025-09-01", "task": 15, "verdict": "ok", "note": "x"})
    fields.reads(c)
    assert where(c)[0] == (6, 40, "unknown-field") and set(where(c)[1:]) == {(6, 3, "missing-field")}
    assert c.rid == "" and not c.ok  # no id: the record is not made
    c = record({"id": "v1", "type": "verify", "date": "2025-09-01", "task": 15})
    fields.reads(c)
    assert c.out.problems == [] and c.rid == "v1" and c.ok


def test_a_record_of_no_known_type() -> None:
    c = record({"id": "x", "type": "progres"})
    fields.unknown_type(c, ("progress", "milestone"))
    assert where(c) == [(6, 20, "bad-value")] and "progress" in str(c.out.problems[0].hint())
    c = record({"id": "x"})
    fields.unknown_type(c, ("progress",))
    assert where(c) == [(6, 3, "missing-field")]


def test_texts_numbers_and_ranges() -> None:
    c = record({"note": 5, "by": "", "percent": "80", "value": float("inf"), "big": 150.0})
    assert fields.text(c, "note") == "" and fields.text(c, "by") == "" and fields.text(c, "absent") == ""
    assert fields.text(c, "by", required=True) == ""
    assert fields.number(c, "percent") is None and fields.number(c, "value") is None
    assert fields.in_range(c, "big", 150.0) is False and fields.in_range(c, "big", 100.0) is True
    assert [code for _, _, code in where(c)] == ["wrong-type", "missing-field", "wrong-type", "wrong-type",
                                                 "out-of-range"]
    assert c.out.problems[-1].message() == "big 150 超出范围 0–100"
