"""record and plan: what is given is checked first, what is missing is asked (and only that), what was read
differently is said, and a refused record changes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.actions.conftest import Said, scope_of
from tracker.actions.recording import plan, record
from tracker.core.refusal import Refused

BASE = {"unit": "emergency", "date": "2025-09-01", "by": "张三"}


class Answers:
    """An ``Ask`` that answers from a table and keeps what it was asked."""

    def __init__(self, **answers: str) -> None:
        self.answers = answers
        self.asked: list[tuple[str, tuple[str, str]]] = []

    def __call__(self, option: str, prompt: str, read: Callable[[str], Any],
                 choices: tuple[str, str] = ("", ""), default: str | None = None) -> Any:
        if option not in self.answers and default is not None:
            return read(default)  # as in a script: the default, nothing asked
        self.asked.append((option, choices))
        return read(self.answers[option])


def last(folder: Path, unit: str) -> dict[str, Any]:
    return json.loads((folder / "progress" / f"{unit}.yaml").read_text(encoding="utf-8").splitlines()[-1][2:])


def test_a_record_given_whole_asks_nothing_and_says_what_it_read_differently(folder: Path, said: Said) -> None:
    ask = Answers()
    written = record(scope_of(folder, said), ask, "G2", status="推进中", percent="８０％", value="96.5", **BASE)
    assert ask.asked == [] and written.record.id == last(folder, "emergency")["id"]
    assert (last(folder, "emergency")["percent"], last(folder, "emergency")["status"]) == (80, "in-progress")
    assert said.texts() == ['note: read percent "８０％" as 80']


def test_only_what_is_missing_is_asked(folder: Path) -> None:
    ask = Answers(unit="市应急局", status="受阻", percent="30", note="等待资金")
    record(scope_of(folder), ask, "15", date="2025-09-01", by="x")
    assert [option for option, _ in ask.asked] == ["unit", "status", "percent", "note"]
    assert "市消防救援局" in ask.asked[0][1][0]  # the unit is asked by the names of those who report on the task
    assert (last(folder, "emergency")["status"], last(folder, "emergency")["note"]) == ("blocked", "等待资金")
    done = Answers()
    record(scope_of(folder), done, "15", status="done", **BASE)
    assert done.asked == [] and last(folder, "emergency")["percent"] == 100


def test_what_is_given_is_refused_before_anything_is_asked(folder: Path) -> None:
    ask = Answers()
    with pytest.raises(Refused) as exc:
        record(scope_of(folder), ask, "15", unit="市妇联", percent="50", value="3", date="2030-01-01")
    assert ask.asked == [] and {p.code for p in exc.value.problems} == {"not-responsible", "out-of-period",
                                                                         "no-target"}
    assert not (folder / "progress" / "women-federation.yaml").exists()


def test_a_unit_typed_at_a_prompt_is_read_by_the_same_lookup(folder: Path) -> None:
    with pytest.raises(Refused) as exc:
        record(scope_of(folder), Answers(unit="市应急"), "15", status="done", date="2025-09-01")
    assert exc.value.problems[0].code == "no-such-unit"


def test_a_milestone_asks_for_its_date_and_text_and_says_how_its_percent_was_read(folder: Path, said: Said) -> None:
    import datetime as dt

    ask = Answers(due="2025年12月20日", milestone="完成检查")
    plan(scope_of(folder, said), ask, "15", unit="emergency", percent="５０", date=dt.date(2025, 9, 2), by="x")
    assert [option for option, _ in ask.asked] == ["due", "milestone"]
    line = last(folder, "emergency")
    assert (line["type"], line["due"], line["milestone"], line["percent"]) == \
        ("milestone", "2025-12-20", "完成检查", 50)
    assert len(said) == 1
