"""The list commands through the command line: tracker init --from and tracker tasks import (the import report on
stdout in the format asked for, the files said on stderr, a refusal naming each place in the source), tracker
carry-over, report --by carried in every format the table gives the report, show following a carried item, and
tracker tasks listing carried items apart."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.actions.test_lists import folder_2025, list_2026
from tests.conftest import REPO
from tracker.cli.app import app

runner = CliRunner()
TEXT = REPO / "docs" / "source" / "2025-07-23-reminder.txt"
AS_OF = "2026-03-01"


def run(*args: str, folder: Path | None = None) -> Any:
    return runner.invoke(app, [*(["--root", str(folder)] if folder else []), *args])


@pytest.fixture(scope="module")
def years(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fictional 2026 folder (from Word) with examples/2025's unfinished pairs carried over; read only."""
    tmp = tmp_path_factory.mktemp("years")
    old = folder_2025(tmp)
    made = run("init", str(tmp / "2026"), "--from", str(list_2026(tmp)), "--campaign-end", "2026-12-31", "--no-git")
    assert made.exit_code == 0, made.output
    carried = run("carry-over", "--from", str(old), folder=tmp / "2026")
    assert carried.exit_code == 0, carried.output
    return tmp / "2026", old


def test_init_from_prints_the_import_report_and_says_each_file(tmp_path: Path) -> None:
    result = run("--lang", "en", "init", str(tmp_path / "f"), "--from", str(TEXT), "--no-git")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Read 2025-07-23-reminder.txt (web page text): 6 goal(s), 10 action(s), "
                                    "28 key work(s), 60 task(s)")
    assert "  2025-07-23-reminder.txt:line 307:responsible: warning list-unit-run-together: " in result.stdout
    assert f"created {tmp_path / 'f' / 'tasks.yaml'}" in result.stderr and "next: " in result.stderr
    assert run("validate", folder=tmp_path / "f").exit_code == 0
    again = run("--lang", "en", "init", str(tmp_path / "f"), "--from", str(TEXT), "--no-git")
    assert again.exit_code == 1 and "already has tasks.yaml" in again.stderr and again.stdout == ""
    assert "tracker tasks import" in again.stderr


def test_units_and_campaign_end_go_with_from(tmp_path: Path) -> None:
    result = run("--lang", "en", "init", str(tmp_path / "f"), "--units", str(TEXT), "--no-git")
    assert result.exit_code == 2 and "--units goes with --from" in result.stderr
    assert not (tmp_path / "f").exists()
    bad = run("init", str(tmp_path / "f"), "--from", str(TEXT), "--campaign-end", "明年", "--no-git")
    assert bad.exit_code == 2 and "--campaign-end" in bad.stderr and not (tmp_path / "f").exists()


def test_a_refused_list_names_each_error_at_its_place_and_writes_nothing(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("今天开会\n", encoding="utf-8")
    result = run("init", str(tmp_path / "f"), "--from", str(notes), "--no-git")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines()[:2] == [
        "tracker: 清单有 1 个错误，未写入任何文件",
        "  notes.txt: 错误 list-no-table: 找不到清单的表头（内容、重点工作、年度量化目标任务、责任单位）"]
    assert not (tmp_path / "f").exists()


def test_tasks_import_is_a_change_to_review_in_text_or_json(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    shutil.copytree(REPO / "examples" / "2025", folder, ignore=shutil.ignore_patterns(".tracker-cache"))
    before = (folder / "tasks.yaml").read_bytes()
    dry = run("tasks", "import", str(TEXT), "--campaign-end", "2026-12-31", "--dry-run", "-f", "json",
              folder=folder)
    assert dry.exit_code == 0, dry.output
    data = json.loads(dry.stdout)
    assert (data["schema"], data["form"], data["tasks"], data["written"]) == ("tracker-import/1", "text", 60, [])
    assert len(data["confirm"]) == 8  # records_until: the campaign's end, as given
    assert "2025-07-23-reminder.txt:第307行:责任单位" in [c["place"] for c in data["confirm"]]
    assert "试运行" in dry.stderr and (folder / "tasks.yaml").read_bytes() == before
    done = run("tasks", "import", str(TEXT), "--campaign-end", "2026-12-31", folder=folder)
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("从 2025-07-23-reminder.txt（网页文本）读取") and "待确认 8 项" in done.stdout
    assert done.stderr.splitlines() == ["已写入 tasks.yaml", "已写入 units.yaml",
                                        "请用 git diff 查看改动，确认后提交。"]
    broken = run("tasks", "import", str(list_2026(tmp_path)), folder=folder)
    assert broken.exit_code == 1 and broken.stdout == ""
    assert broken.stderr.startswith("tracker: 新清单会使已有的进度记录失效，未写入任何文件\n"
                                    "  错误 list-breaks-records: ")
    assert "  progress/agriculture.yaml:16:79: 错误 unknown-task: " in broken.stderr  # the first, where it stands


def test_tasks_alone_still_lists_and_a_wrong_command_under_it_is_said(years: tuple[Path, Path]) -> None:
    new, _ = years
    listed = run("tasks", "--action", "1", "-f", "json", folder=new)
    assert listed.exit_code == 0 and [r["id"] for r in json.loads(listed.stdout)] == ["1", "2", "3"]
    wrong = run("tasks", "imprt", "x", folder=new)
    assert wrong.exit_code == 2 and "import" in wrong.stderr
    unknown = run("tasks", "--action", "9", folder=new)
    assert unknown.exit_code == 2 and "没有行动 9" in unknown.stderr


def test_tasks_lists_carried_items_apart_and_labelled(years: tuple[Path, Path]) -> None:
    new, _ = years
    text = run("--lang", "en", "tasks", folder=new).stdout
    this_year, _, apart = text.partition("\nCarried over from last year\n")
    assert "2025#" not in this_year and "│ 7 " in this_year
    assert "│ 2025#15 │ carried over │" in apart and "│ 1 " not in apart
    records = json.loads(run("tasks", "-f", "json", folder=new).stdout)
    assert [r["kind"] for r in records[:7]] == ["task"] * 7 and {r["kind"] for r in records[7:]} == {"carried"}
    md = run("tasks", "-f", "md", folder=new).stdout
    assert "\n## 上年结转事项\n\n| 编号" in md and r"| 2025\#15 | 上年结转 |" in md
    own = json.loads(run("tasks", "--unit", "市数据局", "-f", "json", folder=new).stdout)
    assert [r["id"] for r in own] == ["5"]  # a new unit: nothing of last year's


def test_carry_over_says_what_it_carried_and_again_that_nothing_changed(years: tuple[Path, Path]) -> None:
    new, old = years
    again = run("--lang", "en", "carry-over", "--from", str(old), folder=new)
    assert again.exit_code == 0 and again.stdout == ""
    assert again.stderr.splitlines()[-1] == "carried.yaml is up to date; nothing changed."
    assert again.stderr.startswith("Carried from ../2025 what was unfinished as of 2025-12-31: 60 item(s)")
    late = run("--lang", "en", "carry-over", "--from", str(old), "--as-of", "2026-01-05", folder=new)
    assert late.exit_code == 1 and "is not before this plan's start, 2026-01-01" in late.stderr
    nowhere = run("carry-over", "--from", str(new / "progress"), folder=new)
    assert nowhere.exit_code == 1 and "不是上一年度的跟踪目录" in nowhere.stderr


@pytest.mark.parametrize("fmt", ["table", "md", "csv"])
def test_report_by_carried_shows_last_year_s_items_apart(years: tuple[Path, Path], fmt: str) -> None:
    new, _ = years
    result = run("report", "--by", "carried", "--as-of", AS_OF, "-f", fmt, folder=new)
    assert result.exit_code == 0, result.output
    assert ("2025\\#15" if fmt == "md" else "2025#15") in result.stdout
    if fmt != "csv":  # a CSV is the one table
        assert "上年结转事项应报576项" in result.stdout and "以上60项上年结转事项不计入本年完成率" in result.stdout
    by_unit = run("report", "--as-of", AS_OF, "-f", fmt, folder=new).stdout
    assert "2025#15" not in by_unit.replace("\\", "")  # the units' rates are this year's list alone


def test_the_carried_view_in_html_xlsx_and_json_once_each(years: tuple[Path, Path], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    new, _ = years
    data = json.loads(run("report", "--as-of", AS_OF, "-f", "json", folder=new).stdout)
    assert data["overall"]["expected"] == 36  # this year's list alone
    assert data["carried_overall"]["expected"] == sum(r["expected"] for r in data["by_carried"]) > 0
    for by in ("carried", "unit"):
        page = run("report", "--as-of", AS_OF, "--by", by, "-f", "html", folder=new).stdout
        assert page.count("<h2>上年结转事项</h2>") == 1, by
        out = tmp_path / f"{by}.xlsx"
        assert run("report", "--as-of", AS_OF, "--by", by, "-o", str(out), folder=new).exit_code == 0
        names = load_workbook(io.BytesIO(out.read_bytes())).sheetnames
        assert names.count("上年结转事项") == 1 and (names[1] == "上年结转事项") == (by == "carried"), names


def test_show_follows_a_carried_item_to_last_year_s_folder(years: tuple[Path, Path], tmp_path: Path) -> None:
    new, _ = years
    shown = json.loads(run("show", "2025#15", "--as-of", AS_OF, "-f", "json", folder=new).stdout)
    assert shown["kind"] == "carried" and shown["deadline"] == "2026-12-31"
    assert {h["unit"] for h in shown["history"]} == {p["unit"] for p in shown["origin"]["pairs"]}
    text = run("show", "2025#15", "--as-of", AS_OF, folder=new).stdout
    assert "上年记录（../2025）" in text and "上年结转：2025#15" in text
    assert "## 上年记录（../2025）" in run("show", "2025#15", "-f", "md", folder=new).stdout
    copy = tmp_path / "2026"
    shutil.copytree(new, copy)
    record = run("record", "2025#15", "--unit", "市应急局", "--status", "done", "--date", "2026-02-01", "--by", "测试",
                 folder=copy)
    assert record.exit_code == 0, record.output
    after = json.loads(run("report", "--as-of", AS_OF, "-f", "json", folder=copy).stdout)
    assert after["carried_overall"]["done"] == 1 and after["overall"]["done"] == 0
    lost = run("--lang", "en", "show", "2025#15", folder=copy)  # ../2025 is not there from the copy
    assert lost.exit_code == 0 and "last year's folder ../2025 cannot be read" in lost.stderr
