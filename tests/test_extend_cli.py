"""tracker extend (延期申请) and tracker remind --record (the reminder register) through the CLI, on
tests/data/mini, with the answers worked out by hand in each test's docstring."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tracker.cli import app

from .test_report import MINI

runner = CliRunner()


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "mini", ignore=shutil.ignore_patterns(".tracker-cache"))
    return tmp_path / "mini"


def run(folder: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--root", str(folder), *args])


def ok(folder: Path, *args: str) -> str:
    result = run(folder, *args)
    assert result.exit_code == 0, result.output
    return str(result.output)


def pair(folder: Path, item: str, unit: str, as_of: str) -> dict[str, Any]:
    data = json.loads(ok(folder, "report", "--as-of", as_of, "--format", "json"))
    found: dict[str, Any] = next(p for p in data["pairs"] if p["item"] == item and p["unit"] == unit)
    return found


def test_an_approved_extension_moves_the_deadline_and_keeps_the_original(mini: Path) -> None:
    """甲局's task 7 is due 2025-10-25. It asks on 10-10 for 11-30; the office approves on 10-12. As of 10-11
    the request is pending and the deadline unmoved; as of 10-26 the pair is not overdue (due 11-30), while
    the original deadline stays 10-25 and the request is on time."""
    ok(mini, "extend", "7", "--unit", "甲局", "--until", "2025-11-30", "--note", "设备到货延迟", "--date", "2025-10-10",
       "--by", "张三")
    before = pair(mini, "7", "a", "2025-10-11")
    assert (before["deadline"], before["extensions"][0]["decision"]) == ("2025-10-25", "pending")
    ok(mini, "extend", "7", "--unit", "a", "--approve", "--date", "2025-10-12", "--by", "办公室")
    after = pair(mini, "7", "a", "2025-10-26")
    assert after["deadline"] == "2025-11-30"
    assert after["original_deadline"] == "2025-10-25"
    assert after["overdue"] is False
    [ext] = after["extensions"]
    assert ext["requested_on"] == "2025-10-10" and ext["until"] == "2025-11-30"
    assert (ext["reason"], ext["late"], ext["decision"], ext["decided_on"]) == ("设备到货延迟", False, "approved",
                                                                                "2025-10-12")
    lines = (mini / "progress" / "a.yaml").read_text(encoding="utf-8").splitlines()
    assert '"type": "extend"' in lines[-2] and '"until": "2025-11-30"' in lines[-2]
    assert '"type": "approve"' in lines[-1] and f'"request": "{ext["id"]}"' in lines[-1]


def test_a_refused_extension_leaves_the_deadline(mini: Path) -> None:
    """乙局's task 6 is due 2025-09-30 and never reported. It asks on 09-20 for 10-31; the office refuses on
    09-25 with a reason. As of 10-15 the pair is still overdue against 09-30."""
    ok(mini, "extend", "6", "--unit", "b", "--until", "2025-10-31", "--note", "人手不足", "--date", "2025-09-20")
    path = mini / "progress" / "b.yaml"
    before = path.read_bytes()
    assert run(mini, "extend", "6", "--unit", "b", "--refuse", "--date", "2025-09-25").exit_code == 1
    assert path.read_bytes() == before  # a refusal needs its reason
    ok(mini, "extend", "6", "--unit", "b", "--refuse", "--note", "理由不充分", "--date", "2025-09-25")
    p = pair(mini, "6", "b", "2025-10-15")
    assert (p["deadline"], p["original_deadline"], p["overdue"]) == ("2025-09-30", "2025-09-30", True)
    assert [(e["decision"], e["decision_note"], e["late"]) for e in p["extensions"]] == [
        ("refused", "理由不充分", False)]
    assert "overdue" in p["reasons"]


def test_a_late_extension_is_marked_late_even_when_approved(mini: Path) -> None:
    """乙局 asks on 2025-10-05, after task 6's deadline (09-30): the request is late. Approved on 10-06 for
    10-31, the pair is no longer overdue as of 10-15, and the late request stays marked."""
    ok(mini, "extend", "6", "--unit", "b", "--until", "2025-10-31", "--note", "补报", "--date", "2025-10-05")
    ok(mini, "extend", "6", "--unit", "b", "--approve", "--date", "2025-10-06")
    p = pair(mini, "6", "b", "2025-10-15")
    assert (p["deadline"], p["overdue"]) == ("2025-10-31", False)
    assert [(e["late"], e["decision"]) for e in p["extensions"]] == [(True, "approved")]


@pytest.mark.parametrize(("args", "code"), [
    (["--approve"], 1),  # nothing to decide
    (["--until", "2025-10-20", "--note", "x"], 1),  # not after the deadline (10-25)
    (["--until", "2025-11-30"], 1),  # a request needs its reason
    (["--until", "2025-11-30", "--note", "x", "--approve"], 2),  # a request or a decision, not both
    ([], 2),
])
def test_refused_extensions_change_nothing(mini: Path, args: list[str], code: int) -> None:
    path = mini / "progress" / "a.yaml"
    before = path.read_bytes()
    result = run(mini, "extend", "7", "--unit", "a", "--date", "2025-10-10", *args)
    assert result.exit_code == code, result.output
    assert path.read_bytes() == before


def test_a_second_request_waits_for_the_first_decision(mini: Path) -> None:
    ok(mini, "extend", "7", "--unit", "a", "--until", "2025-11-30", "--note", "x", "--date", "2025-10-10")
    result = run(mini, "--lang", "en", "extend", "7", "--unit", "a", "--until", "2025-12-15", "--note", "y",
                 "--date", "2025-10-11")
    assert result.exit_code == 1
    assert "awaiting a decision" in result.output


def test_validate_refuses_a_decision_on_no_request(mini: Path) -> None:
    path = mini / "progress" / "a.yaml"
    with path.open("a", encoding="utf-8") as f:
        f.write('- {"id": "x1", "type": "approve", "date": "2025-10-12", "task": 7, "request": "nope"}\n')
    result = run(mini, "--lang", "en", "validate")
    assert result.exit_code == 1
    assert "unknown-request" in result.output and "a.yaml:" in result.output
