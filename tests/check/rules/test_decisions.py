"""The office's decision on a "done": a verification, or a rejection saying why."""

from __future__ import annotations

from typing import Any

from tests.check.rules import made_by
from tracker.check.rules import decisions


def made(**values: Any) -> Any:
    return made_by(decisions.make, {"id": "v1", "date": "2025-09-01", "task": 15, **values})


def test_a_verification_and_a_rejection() -> None:
    review, c = made(type="verify")
    assert c.out.problems == [] and (review.verdict, review.task, review.note) == ("verify", "15", "")
    review, c = made(type="reject", note="材料不全")
    assert review.verdict == "reject" and review.note == "材料不全"


def test_a_rejection_must_say_why() -> None:
    for values in (dict(type="reject"), dict(type="reject", note="")):
        review, c = made(**values)
        assert review is None and [p.code for p in c.out.problems] == ["missing-field"], values
