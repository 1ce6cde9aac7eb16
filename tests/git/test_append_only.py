"""Progress records are append-only as a sequence: diff and check-authors flag reordered, duplicated, edited
and deleted records, and judge a merge against every parent. Real repositories, real merges, merge=union."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.git.test_review import OFFICE, ZHANG, commit, git, make_repo, record, tracker


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def lines(repo: Path) -> list[str]:
    return (repo / "progress" / "emergency.yaml").read_text(encoding="utf-8").splitlines(keepends=True)


def write(repo: Path, text: list[str]) -> None:
    (repo / "progress" / "emergency.yaml").write_text("".join(text), encoding="utf-8")


def test_swapping_two_same_day_records_is_flagged(repo: Path) -> None:
    record(repo, "15", "emergency", "2025-06-01", "30")
    record(repo, "15", "emergency", "2025-06-01", "70")
    base = commit(repo, "two entries", ZHANG)
    before = json.loads(tracker(repo, "status", "--unit", "emergency", "--as-of", "2025-06-02", "-f", "json").stdout)
    text = lines(repo)
    write(repo, [*text[:-2], text[-1], text[-2]])
    after = json.loads(tracker(repo, "status", "--unit", "emergency", "--as-of", "2025-06-02", "-f", "json").stdout)
    assert before != after  # the order decides the state: this is why order matters
    result = tracker(repo, "diff", "-f", "json")
    assert result.exit_code == 1
    assert [c["kind"] for c in json.loads(result.stdout)["changes"]] == ["moved"]
    table = tracker(repo, "diff")
    assert "顺序变动（！）" in table.stdout and "只能追加" in table.stdout
    commit(repo, "swap", ZHANG)
    result = tracker(repo, "check-authors", f"{base}..HEAD")
    assert result.exit_code == 1 and "调换了已有记录的顺序" in result.stdout


def test_a_duplicated_record_is_flagged(repo: Path) -> None:
    record(repo, "15", "emergency", "2025-06-01", "30")
    base = commit(repo, "entry", ZHANG)
    write(repo, [*lines(repo), lines(repo)[-1]])
    result = tracker(repo, "diff", "-f", "json")
    assert result.exit_code == 1
    assert [c["kind"] for c in json.loads(result.stdout)["changes"]] == ["duplicated"]
    commit(repo, "twice", ZHANG)
    result = tracker(repo, "check-authors", f"{base}..HEAD")
    assert result.exit_code == 1 and "重复了 1 行记录" in result.stdout


def test_deleting_a_record_is_a_violation_even_for_the_office(repo: Path) -> None:
    record(repo, "15", "emergency", "2025-06-01", "30")
    base = commit(repo, "entry", ZHANG)
    write(repo, lines(repo)[:-1])
    commit(repo, "office deletes", OFFICE)
    result = tracker(repo, "check-authors", f"{base}..HEAD")
    assert result.exit_code == 1 and "修改或删除了 1 行已有记录" in result.stdout
    assert tracker(repo, "diff", base, "HEAD").exit_code == 1


def test_a_merge_that_drops_a_record_of_one_parent_is_flagged(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-qb", "side")
    record(repo, "16", "emergency", "2025-03-21", "10")
    commit(repo, "side entry", ZHANG)
    git(repo, "checkout", "-q", "main")
    record(repo, "17", "emergency", "2025-03-22", "10")
    commit(repo, "main entry", ZHANG)
    git(repo, "merge", "-q", "--no-commit", "side", who=ZHANG)
    write(repo, [line for line in lines(repo) if '"task": 16' not in line])
    commit(repo, "merge that drops the side's entry", ZHANG)
    assert len(git(repo, "log", "-1", "--format=%P").split()) == 2
    result = tracker(repo, "check-authors", f"{base}..HEAD")
    assert result.exit_code == 1 and "删除了 1 行已有记录" in result.stdout
    diff = json.loads(tracker(repo, "diff", "HEAD^2", "HEAD", "-f", "json").stdout)
    assert [c["kind"] for c in diff["changes"]] == ["added", "deleted"]


def test_two_clones_appending_merge_cleanly_with_union(repo: Path, tmp_path: Path) -> None:
    unit = tmp_path / "unit"
    git(tmp_path, "clone", "-q", str(repo), str(unit))
    git(repo, "config", "receive.denyCurrentBranch", "ignore")
    record(repo, "15", "emergency", "2025-03-20", "30")
    base = commit(repo, "first entry", ZHANG)
    git(unit, "pull", "-q", "--no-rebase", "origin", "main", who=ZHANG)
    record(unit, "15", "emergency", "2025-06-20", "60")
    commit(unit, "unit entry", ZHANG)
    record(repo, "G2", "emergency", "2025-06-21", "40")
    commit(repo, "office clone entry", ZHANG)
    git(unit, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main", who=ZHANG)  # a real union merge
    assert len(git(unit, "log", "-1", "--format=%P").split()) == 2
    result = tracker(unit, "check-authors", f"{base}..HEAD")
    assert result.exit_code == 0, result.output
    assert "检查了 3 个提交" in result.stdout
    diff = json.loads(tracker(unit, "diff", base, "HEAD", "-f", "json").stdout)
    assert sorted(c["kind"] for c in diff["changes"]) == ["added", "added"]


def test_a_union_merge_cannot_resurrect_a_deletion_unseen(repo: Path) -> None:
    record(repo, "15", "emergency", "2025-03-20", "30")
    base = commit(repo, "entry", ZHANG)
    git(repo, "checkout", "-qb", "unit")
    record(repo, "16", "emergency", "2025-03-21", "10")
    commit(repo, "unit entry", ZHANG)
    git(repo, "checkout", "-q", "main")
    write(repo, lines(repo)[:-1])
    commit(repo, "office deletes the entry", OFFICE)
    git(repo, "merge", "-q", "--no-edit", "unit", who=OFFICE)
    result = tracker(repo, "check-authors", f"{base}..HEAD")
    assert result.exit_code == 1
    assert result.stdout.count("修改或删除了") == 1  # the deletion itself, named at its commit


@pytest.mark.parametrize("written", [
    '- {"id": "w9", "type": "withdr\\u0061w", "date": "2025-03-25", "task": 15, "withdraws": "x", "note": "n"}',
    '- id: w9\n  type: withdraw\n  date: 2025-03-25\n  withdraws: x\n  note: n',
    '- {"id": "v9", "type": "verify", "date": "2025-03-25", "task": 15}',
])
def test_no_way_of_writing_an_office_record_hides_it_from_check_authors(written: str) -> None:
    from tracker.check.authors import change

    base = b'unit: emergency\nentries:\n'
    assert change("progress/emergency.yaml", [base], base + written.encode() + b"\n").types & {"withdraw", "verify"}
