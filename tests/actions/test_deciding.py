"""The office's decisions: who may make them, whether there is anything to decide (in the words validate uses
for such a decision in a file), where a record to withdraw lives, one extension request open at a time."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.actions.conftest import DAY, scope_of
from tests.git.test_review import OFFICE, ZHANG, git, make_repo
from tracker.actions.deciding import extend, verify, withdraw
from tracker.actions.recording import record
from tracker.core.i18n import Lang
from tracker.core.refusal import Refused


def _done(folder: Path, day: str = "2025-10-12") -> None:
    record(scope_of(folder), lambda *a: None, "7", unit="a", status="done", date=day, by="甲")  # type: ignore[arg-type]


def test_a_decision_with_no_claim_is_refused_as_validate_words_it_in_a_file(mini: Path) -> None:
    path = mini / "progress" / "a.yaml"
    before = path.read_bytes()
    with pytest.raises(Refused) as exc:
        verify(scope_of(mini), "5", "a", DAY)
    [p] = exc.value.problems
    assert p.code == "decision-without-claim"
    assert p.message() == "任务 5：所判定的记录 a6（第 8 行）不是“已完成”，这次销号不改变任何结果"
    assert path.read_bytes() == before
    # the same decision typed into the file, naming the record it decides: validate says it with the same words
    path.write_bytes(before + b'- {"id": "v9", "type": "verify", "date": "2025-10-15", "task": 5, "decides": "a6"}\n')
    from tracker.actions.checking import validate

    [found] = validate(scope_of(mini)).problems
    assert (found.code, found.message()) == (p.code, p.message())


def test_a_claim_rejected_and_not_made_again_cannot_be_judged_again(mini: Path) -> None:
    _done(mini)
    verify(scope_of(mini), "7", "a", dt.date(2025, 10, 13), reject=True, note="缺少佐证", by="办公室")
    line = len((mini / "progress" / "a.yaml").read_text(encoding="utf-8").splitlines())
    for reject in (False, True):
        with pytest.raises(Refused) as exc:
            verify(scope_of(mini), "7", "a", DAY, reject=reject, note="x")
        assert f"task 7 was rejected on 2025-10-13 (line {line})" in exc.value.problems[0].message(Lang.EN)
    _done(mini, "2025-10-14")
    assert verify(scope_of(mini), "7", "a", DAY, by="办公室").record.verdict == "verify"


def test_only_the_office_decides(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    git(repo, "config", "user.name", ZHANG[0])
    git(repo, "config", "user.email", ZHANG[1])
    with pytest.raises(Refused) as exc:
        withdraw(scope_of(repo), "nothing", "x", DAY)
    [p] = exc.value.problems
    assert p.code == "not-office" and "张三 <zs@example.org>" in p.message() and "office@example.org" in p.hint()
    git(repo, "config", "user.name", OFFICE[0])
    git(repo, "config", "user.email", OFFICE[1])
    with pytest.raises(Refused) as exc:
        withdraw(scope_of(repo), "nothing", "x", DAY)
    assert exc.value.problems[0].code == "unknown-record"


def test_a_withdrawal_goes_to_the_file_that_holds_the_record_and_names_its_task(mini: Path) -> None:
    done = withdraw(scope_of(mini), "b3", "录入错误", DAY, by="办公室")
    line = json.loads((mini / "progress" / "b.yaml").read_text(encoding="utf-8").splitlines()[-1][2:])
    assert done.written.record.withdraws == "b3" and line["withdraws"] == "b3" and "task" in line
    assert done.target["id"] == "b3" and done.target["type"] == "progress"  # what the message names


def test_an_id_in_two_units_files_needs_the_unit(mini: Path) -> None:
    """An id two files hold (copied by hand) was withdrawn from the first file found, without a word: refused
    naming both files, and taken from the unit named with --unit. Validate warns of the id."""
    from tracker.actions.checking import validate

    a = mini / "progress" / "a.yaml"
    b_line = next(x for x in (mini / "progress" / "b.yaml").read_text(encoding="utf-8").splitlines() if '"b3"' in x)
    a.write_text(a.read_text(encoding="utf-8") + b_line.replace('"task": "G1"', '"task": 5') + "\n", encoding="utf-8")
    found = [p for p in validate(scope_of(mini)).problems if p.code == "id-in-two-files"]
    assert [(p.path, p.level) for p in found] == [("progress/b.yaml", "warning")]
    with pytest.raises(Refused) as exc:
        withdraw(scope_of(mini), "b3", "录入错误", DAY, by="办公室")
    assert exc.value.problems[0].code == "record-ambiguous"
    assert "progress/a.yaml、progress/b.yaml" in exc.value.problems[0].message()
    done = withdraw(scope_of(mini), "b3", "录入错误", DAY, by="办公室", unit="乙局")
    assert done.written.path.name == "b.yaml"


def test_a_claim_a_decision_judged_is_withdrawn_only_after_the_decision(mini: Path) -> None:
    """b2 rejected b1: withdrawing b1 first would leave b2 judging nothing (validate's decided-withdrawn, an
    error), so it is refused naming b2's line; withdrawing b2 first, then b1, is accepted."""
    from tracker.actions.checking import validate

    path = mini / "progress" / "b.yaml"
    before = path.read_bytes()
    with pytest.raises(Refused) as exc:
        withdraw(scope_of(mini), "b1", "录入错误", DAY, by="办公室")
    assert [(p.code, p.line) for p in exc.value.problems] == [("decided-withdrawn", 4)]
    assert path.read_bytes() == before
    path.write_bytes(before + b'- {"id": "w1", "type": "withdraw", "date": "2025-10-15", "withdraws": "b1", '
                              b'"note": "x"}\n')
    assert [p.code for p in validate(scope_of(mini)).problems if p.level == "error"] == ["decided-withdrawn"]
    path.write_bytes(before)
    withdraw(scope_of(mini), "b2", "误退回", DAY, by="办公室")
    assert withdraw(scope_of(mini), "b1", "录入错误", DAY, by="办公室").target["id"] == "b1"


def test_one_extension_request_open_at_a_time_and_a_decision_needs_one(mini: Path) -> None:
    with pytest.raises(Refused) as exc:
        extend(scope_of(mini), "5", "a", DAY, approve=True)
    assert exc.value.problems[0].code == "no-open-request"
    asked = extend(scope_of(mini), "5", "a", dt.date(2025, 10, 10), until=dt.date(2026, 1, 31), note="资金未到位",
                   by="甲")
    with pytest.raises(Refused) as exc:
        extend(scope_of(mini), "5", "a", DAY, until=dt.date(2026, 2, 28), note="再延")
    assert exc.value.problems[0].code == "extension-pending" and asked.record.id in exc.value.problems[0].message()
    approved = extend(scope_of(mini), "5", "a", DAY, approve=True, by="办公室")
    assert approved.record.request == asked.record.id
