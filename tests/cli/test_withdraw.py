"""Corrections never delete: the office withdraws a record with a new one, which reports honour and diff and
log show; only the office may, at the terminal and in check-authors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.git.test_review import OFFICE, ZHANG, commit, git, make_repo, record, tracker

STATUS = ["status", "--unit", "emergency", "--as-of", "2025-07-01", "-f", "json"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = make_repo(tmp_path)
    set_identity(folder, OFFICE)
    return folder


def set_identity(repo: Path, who: tuple[str, str]) -> None:
    git(repo, "config", "user.name", who[0])
    git(repo, "config", "user.email", who[1])


def ids(repo: Path) -> list[str]:
    rows = json.loads(tracker(repo, "log", "--unit", "emergency", "-f", "json").stdout)
    return [r["record"]["id"] for r in rows]


def latest(repo: Path, *extra: str) -> dict[str, object]:
    rows = json.loads(tracker(repo, *extra, *STATUS).stdout)
    return next(r for r in rows if r["item"] == "15")  # type: ignore[no-any-return]


def test_a_withdrawn_record_no_longer_counts_and_nothing_is_deleted(repo: Path) -> None:
    record(repo, "15", "emergency", "2025-05-01", "30")
    before = latest(repo)
    record(repo, "15", "emergency", "2025-06-01", "90", "typed 90 for 9")
    wrong = ids(repo)[-1]
    path = repo / "progress" / "emergency.yaml"
    old = path.read_bytes()
    assert latest(repo)["percent"] == 90
    result = tracker(repo, "withdraw", wrong, "--note", "录入错误：应为9%")
    assert result.exit_code == 0, result.output
    new = path.read_bytes()
    assert new.startswith(old) and new.count(b"\n") == old.count(b"\n") + 1
    line = json.loads(new.decode().splitlines()[-1][2:])
    assert line["type"] == "withdraw" and line["withdraws"] == wrong and line["note"] == "录入错误：应为9%"
    assert latest(repo) == before == latest(repo, "--no-cache")
    assert tracker(repo, "validate").exit_code == 0


def test_only_the_office_may_withdraw(repo: Path) -> None:
    record(repo, "15", "emergency", "2025-06-01", "90")
    set_identity(repo, ZHANG)
    path = repo / "progress" / "emergency.yaml"
    old = path.read_bytes()
    result = tracker(repo, "withdraw", ids(repo)[-1], "--note", "x")
    assert result.exit_code == 1 and "只有市安防办可以撤回记录" in result.output
    assert path.read_bytes() == old


def test_an_unknown_record_cannot_be_withdrawn(repo: Path) -> None:
    record(repo, "15", "emergency", "2025-06-01", "90")
    old = (repo / "progress" / "emergency.yaml").read_bytes()
    result = tracker(repo, "--lang", "en", "withdraw", "20250601-ffffff", "--note", "x")
    assert result.exit_code == 1 and "no record with id 20250601-ffffff" in result.output
    assert (repo / "progress" / "emergency.yaml").read_bytes() == old


def test_validate_checks_what_a_withdrawal_names(repo: Path) -> None:
    record(repo, "15", "emergency", "2025-06-01", "90")
    path = repo / "progress" / "emergency.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    + '- {"id": "w1", "type": "withdraw", "date": "2025-06-02", "withdraws": "nope", "note": "x"}\n'
                    + '- {"id": "w2", "type": "withdraw", "date": "2025-06-02", "withdraws": "w1", "note": "x"}\n'
                    + '- {"id": "w3", "type": "withdraw", "date": "2025-06-02", "withdraws": "w2"}\n',
                    encoding="utf-8")
    out = tracker(repo, "validate").output
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert f"progress/emergency.yaml:{n - 2}:" in out and "unknown-withdrawn" in out
    assert "missing-field" in out


def test_diff_log_and_check_authors_show_a_withdrawal(repo: Path) -> None:
    record(repo, "15", "emergency", "2025-06-01", "90")
    base = commit(repo, "entry", ZHANG)
    wrong = ids(repo)[-1]
    assert tracker(repo, "withdraw", wrong, "--note", "录入错误").exit_code == 0
    diff = tracker(repo, "diff", "--as-of", "2025-07-01")
    assert diff.exit_code == 0, diff.output
    assert "撤回" in diff.stdout and wrong in diff.stdout and "录入错误" in diff.stdout
    assert "撤回" in tracker(repo, "log", "--unit", "emergency").stdout
    commit(repo, "withdraw", OFFICE)
    assert tracker(repo, "check-authors", f"{base}..HEAD").exit_code == 0
    git(repo, "reset", "-q", "--hard", base)
    assert tracker(repo, "withdraw", wrong, "--note", "by a unit").exit_code == 0
    commit(repo, "withdraw as a unit", ZHANG)
    result = tracker(repo, "check-authors", f"{base}..HEAD")
    assert result.exit_code == 1 and "只有市安防办可以审批延期、登记提醒和撤回记录" in result.stdout
