"""Lead units (牵头): a task's ``lead:`` in tasks.yaml, on tests/data/mini as of 2025-10-15."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tracker.cli.app import app

runner = CliRunner()


def lead(folder: Path, task: str, unit: str) -> None:
    tasks = folder / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    head = f"          - id: {task}\n"
    tasks.write_text(text.replace(head, f"{head}            lead: {unit}\n", 1), encoding="utf-8")


def report(folder: Path, *args: str) -> str:
    result = runner.invoke(app, ["--root", str(folder), "report", "--as-of", "2025-10-15", *args])
    assert result.exit_code == 0, result.output
    return str(result.output)


def test_a_lead_is_shown_and_changes_no_figure(mini: Path) -> None:
    """Task 2 (quarterly, 甲局 and 乙局) led by 甲局: the by-task row names the lead and its status; every
    count, every pair and the by-unit view are as without a lead (the supporting unit is still held to its
    own reports)."""
    before = json.loads(report(mini, "--format", "json"))
    lead(mini, "2", "a")
    after = json.loads(report(mini, "--format", "json"))
    row = next(r for r in after["by_task"] if r["id"] == "2")
    assert (row["lead"], row["lead_status"]) == ("a", "in-progress")
    assert row["expected"] == 2 and row["red"] == 2
    assert after["pairs"] == before["pairs"]
    assert after["overall"] == before["overall"] and after["by_unit"] == before["by_unit"]


def test_a_lead_in_good_standing_lifts_the_task_row(mini: Path) -> None:
    """Task 2 led by 甲局 is red from 甲局 itself; lead 乙局 is red too. So make the point with a lead whose
    pair is better than a supporter's: 乙局 records task 2 in every quarter up to 10-15, so its pair has no
    missed period (yellow at worst), while 甲局 stays red. Led by 乙局 the row takes 乙局's level; without a
    lead the row is red."""
    for day in ("2025-03-01", "2025-06-01", "2025-09-01", "2025-10-14"):
        result = runner.invoke(app, ["--root", str(mini), "record", "2", "--unit", "b", "--status", "in-progress",
                                     "--percent", "80", "--date", day])
        assert result.exit_code == 0, result.output
    unled = next(r for r in json.loads(report(mini, "--format", "json"))["by_task"] if r["id"] == "2")
    assert unled["level"] == "red" and unled["lead"] is None
    lead(mini, "2", "b")
    data = json.loads(report(mini, "--format", "json"))
    led = next(r for r in data["by_task"] if r["id"] == "2")
    b2 = next(p for p in data["pairs"] if p["item"] == "2" and p["unit"] == "b")
    assert led["level"] == b2["level"] != "red"
    assert led["red"] == 1  # 甲局's red pair still counts
    md = report(mini, "--by", "task", "--format", "md")
    header = next(line for line in md.splitlines() if line.startswith("|"))
    assert "牵头单位" in header
    assert any("| 乙局 " in line and "推进中" in line for line in md.splitlines() if line.startswith("| 2 "))


def test_without_leads_the_views_are_unchanged(mini: Path) -> None:
    assert "牵头单位" not in report(mini, "--by", "task", "--format", "md")


def test_a_lead_must_report_on_the_task(mini: Path) -> None:
    lead(mini, "1", "b")  # task 1 is 甲局's alone
    result = runner.invoke(app, ["--root", str(mini), "--lang", "en", "validate"])
    assert result.exit_code == 1
    line = 1 + (mini / "tasks.yaml").read_text(encoding="utf-8").splitlines().index("            lead: b")
    assert f"tasks.yaml:{line}:19: error lead-not-reporter" in result.output


def test_show_names_the_lead(mini: Path) -> None:
    lead(mini, "2", "a")
    result = runner.invoke(app, ["--root", str(mini), "show", "2"])
    assert "牵头单位          甲局" in result.output and "a（甲局）" not in result.output
