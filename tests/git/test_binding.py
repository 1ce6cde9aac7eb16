"""Decisions bind what they decide, and append-only means appended: a record a unit inserts above the office's
verification or rejection inherits nothing, and check-authors refuses the insertion; a commit that passes
check-authors never makes validate fail. Real repositories, the office's decisions written by the tool."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.git.test_review import OFFICE, ZHANG, commit, git, make_repo, tracker

DONE_90 = ["record", "G2", "--unit", "emergency", "--status", "done", "--value", "90", "--date", "2025-06-01",
           "--by", "张三"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path)
    git(repo, "config", "user.name", OFFICE[0])
    git(repo, "config", "user.email", OFFICE[1])
    return repo


def progress(repo: Path) -> Path:
    return repo / "progress" / "emergency.yaml"


def pair(repo: Path, item: str, as_of: str = "2025-06-30") -> dict[str, Any]:
    data = json.loads(tracker(repo, "report", "--as-of", as_of, "-f", "json").stdout)
    found: dict[str, Any] = next(p for p in data["pairs"] if p["item"] == item and p["unit"] == "emergency")
    return found


def insert_above_last(repo: Path, line: str) -> None:
    """What a hostile unit does: a record inserted above the office's last line, not appended after it."""
    lines = progress(repo).read_text(encoding="utf-8").splitlines(keepends=True)
    progress(repo).write_text("".join([*lines[:-1], line, lines[-1]]), encoding="utf-8")


def test_a_done_inserted_above_a_verification_inherits_nothing(repo: Path) -> None:
    """张三 claims G2 done at 90, the office verifies, 张三 inserts a done at 100 above the verification. It
    used to pass check-authors, validate and diff and read {done, 100, verified}."""
    assert tracker(repo, *DONE_90).exit_code == 0
    commit(repo, "claim", ZHANG)
    verified = tracker(repo, "verify", "G2", "--unit", "emergency", "--date", "2025-06-05", "--note", "材料齐全")
    assert verified.exit_code == 0, verified.output
    base = commit(repo, "verified", OFFICE)
    line = progress(repo).read_text(encoding="utf-8").splitlines()[-1]
    decision = json.loads(line[2:])
    claim = json.loads(progress(repo).read_text(encoding="utf-8").splitlines()[-2][2:])
    assert decision["decides"] == claim["id"] and len(decision["digest"]) == 32  # the binding the tool wrote
    before = pair(repo, "G2")
    assert (before["status"], before["value"], before["verified"]) == ("done", 90, True)

    insert_above_last(repo, '- {"id": "20250602-bbbbbb", "type": "progress", "date": "2025-06-02", "task": "G2", '
                            '"status": "done", "percent": 100, "value": 100, "by": "张三"}\n')
    after = pair(repo, "G2")
    assert (after["status"], after["value"], after["verified"]) == ("done", 100, False)  # a claim, not verified
    diff = tracker(repo, "diff", "-f", "json")
    assert diff.exit_code == 1
    assert [c["kind"] for c in json.loads(diff.stdout)["changes"]] == ["inserted"]
    commit(repo, "inserted", ZHANG)
    refused = tracker(repo, "check-authors", f"{base}..HEAD")
    assert refused.exit_code == 1 and "只能追加在文件末尾" in refused.stdout
    assert tracker(repo, "validate").exit_code == 0  # nothing stops the reports either


def test_a_done_inserted_above_a_rejection_neither_escapes_it_nor_stops_the_reports(repo: Path) -> None:
    """Inserting above a rejection used to pass check-authors and then stop every report (decision-predates)."""
    assert tracker(repo, *DONE_90).exit_code == 0
    commit(repo, "claim", ZHANG)
    rejected = tracker(repo, "verify", "G2", "--unit", "emergency", "--reject", "--note", "佐证不足", "--date",
                       "2025-06-05")
    assert rejected.exit_code == 0, rejected.output
    base = commit(repo, "rejected", OFFICE)
    insert_above_last(repo, '- {"id": "20250606-cccccc", "type": "progress", "date": "2025-06-06", "task": "G2", '
                            '"status": "in-progress", "percent": 95, "value": 95, "by": "张三"}\n')
    commit(repo, "inserted", ZHANG)
    assert tracker(repo, "check-authors", f"{base}..HEAD").exit_code == 1
    assert tracker(repo, "validate").exit_code == 0
    assert tracker(repo, "report", "--as-of", "2025-06-30").exit_code == 0


def test_a_commit_check_authors_passes_never_makes_validate_fail(repo: Path) -> None:
    """An approval written after a duplicate "type" key reads as a unit's progress record to a line-by-line
    look, and as an error to validate: check-authors runs the checks on the result and refuses it."""
    assert tracker(repo, "extend", "15", "--unit", "emergency", "--until", "2026-03-31", "--note", "设备延迟",
                   "--date", "2025-10-10", "--by", "张三").exit_code == 0
    base = commit(repo, "request", ZHANG)
    request = json.loads(progress(repo).read_text(encoding="utf-8").splitlines()[-1][2:])
    with progress(repo).open("a", encoding="utf-8") as f:
        f.write('- {"id": "20251011-dddddd", "type": "progress", "date": "2025-10-11", "task": 15, '
                f'"type": "approve", "request": "{request["id"]}", "by": "张三"}}\n')
    commit(repo, "approved by the unit", ZHANG)
    result = tracker(repo, "check-authors", f"{base}..HEAD")
    assert result.exit_code == 1 and "duplicate-key" in result.stdout
    assert tracker(repo, "validate").exit_code == 1  # which is what check-authors spared the main branch


def test_union_merges_of_two_clones_still_pass(repo: Path, tmp_path: Path) -> None:
    """Append-only per parent: each parent's bytes, less what they share, stand whole in the merge."""
    unit = tmp_path / "unit"
    git(tmp_path, "clone", "-q", str(repo), str(unit))
    git(repo, "config", "receive.denyCurrentBranch", "ignore")
    assert tracker(repo, *DONE_90).exit_code == 0
    base = commit(repo, "claim", ZHANG)
    git(unit, "pull", "-q", "--no-rebase", "origin", "main", who=ZHANG)
    assert tracker(unit, "record", "15", "--unit", "emergency", "--status", "in-progress", "--percent", "40",
                   "--date", "2025-06-03", "--by", "张三").exit_code == 0
    commit(unit, "unit entry", ZHANG)
    assert tracker(repo, "verify", "G2", "--unit", "emergency", "--date", "2025-06-05").exit_code == 0
    commit(repo, "verified", OFFICE)
    git(unit, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main", who=ZHANG)  # the unit's lines first
    assert len(git(unit, "log", "-1", "--format=%P").split()) == 2
    result = tracker(unit, "check-authors", f"{base}..HEAD")
    assert result.exit_code == 0, result.output
    assert pair(unit, "G2")["verified"] is True


def test_a_change_to_the_units_that_breaks_a_progress_file_is_refused(repo: Path) -> None:
    """The office may change units.yaml, but not so that validate fails: the checks run on the whole folder as
    the commit leaves it (a unit taken out whose progress file stays is an error there)."""
    assert tracker(repo, *DONE_90).exit_code == 0
    base = commit(repo, "claim", ZHANG)
    units = repo / "units.yaml"
    text = units.read_text(encoding="utf-8")
    start = text.index("  - id: emergency\n")
    end = text.index("  - id: ", start + 1)
    units.write_text(text[:start] + text[end:], encoding="utf-8")
    commit(repo, "emergency taken out", OFFICE)
    git(repo, "checkout", base, "--", "units.yaml")  # the working tree as it was, so the current list loads
    result = tracker(repo, "check-authors", f"{base}..HEAD")
    assert result.exit_code == 1
    assert "units.yaml" in result.stdout and "tracker validate 会因此失败" in result.stdout
