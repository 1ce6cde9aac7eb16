"""tracker record / plan / status / init through the CLI: refusals leave the file byte-identical."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli.app import app

runner = CliRunner()
BASE = ["--unit", "emergency", "--date", "2025-09-01", "--by", "张三"]


def run(folder: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--root", str(folder), *args])


@pytest.fixture
def recorded(folder: Path) -> Path:
    """A folder where 市应急局 has one entry already."""
    result = run(folder, "record", "15", *BASE, "--status", "in-progress", "--percent", "40", "--note", "已部署")
    assert result.exit_code == 0, result.output
    return folder / "progress" / "emergency.yaml"


def test_record_then_validate(recorded: Path, folder: Path) -> None:
    lines = recorded.read_text(encoding="utf-8").splitlines()
    assert lines[3] == "unit: emergency" and lines[4] == "entries:"
    rec = json.loads(lines[5][2:])
    assert rec["task"] == 15 and rec["status"] == "in-progress" and rec["percent"] == 40
    assert rec["by"] == "张三" and rec["date"] == "2025-09-01" and rec["note"] == "已部署"
    result = run(folder, "validate")
    assert result.exit_code == 0, result.output
    assert "0 个错误" in result.output


def test_record_accepts_chinese_status_and_fullwidth_numbers(recorded: Path, folder: Path) -> None:
    result = run(folder, "record", "G2", *BASE, "--status", "推进中", "--percent", "８０％", "--value", "９６.５")
    assert result.exit_code == 0, result.output
    assert '已将进度 "８０％" 读作 80' in result.output
    rec = json.loads(recorded.read_text(encoding="utf-8").splitlines()[-1][2:])
    assert (rec["status"], rec["percent"], rec["value"], rec["task"]) == ("in-progress", 80, 96.5, "G2")


def test_record_by_unit_alias_and_evidence(folder: Path) -> None:
    result = run(folder, "record", "31", "--unit", "市市场监督管理局", "--status", "done", "--date", "2025-09-01",
                 "--evidence", "电梯检查报告.pdf", "--evidence", "https://example.org/x")
    assert result.exit_code == 0, result.output
    rec = json.loads((folder / "progress" / "market-regulation.yaml").read_text(encoding="utf-8")
                     .splitlines()[-1][2:])
    assert rec["evidence"] == ["电梯检查报告.pdf", "https://example.org/x"] and rec["percent"] == 100


REFUSALS = [
    (["61", *BASE, "--status", "done"], '没有任务 "61"'),
    (["19", *BASE, "--status", "done"], "不是任务 19 的责任单位"),
    (["15", "--unit", "市应急", "--status", "done"], "未知单位"),
    (["15", *BASE, "--status", "in-progress", "--percent", "120"], "超出范围 0–100"),
    (["15", *BASE, "--status", "done", "--percent", "90"], "状态为已完成，进度却是 90"),
    (["G2", *BASE, "--status", "in-progress", "--percent", "50", "--value", "很高"], "数值必须是数字"),
    (["15", *BASE, "--status", "blocked", "--percent", "50", "--note", " "], "缺少 --note"),
    (["15", *BASE, "--status", "blocked", "--percent", "50"], "缺少 --note"),
    (["15", "--unit", "emergency", "--date", "2099-01-01", "--status", "done"], "不在计划期内"),
    (["15", "--unit", "emergency", "--date", "2024-06-01", "--status", "done"], "不在计划期内"),
    (["15", *BASE, "--status", "finished"], "未知状态"),
    (["15", "--unit", "emergency", "--date", "2025-9-x", "--status", "done"], "不是日期"),
    (["15", *BASE], "缺少 --status"),
    (["15", "--status", "done"], "缺少 --unit"),
    (["15", *BASE, "--status", "done", "--lang", "en", "--percent", "90"], "status done with percent 90"),
    (["15", "--unit", "emergency", "--date", "2099-01-01", "--status", "done", "--lang", "en"],
     "outside the plan's period"),
]


@pytest.mark.parametrize(("args", "message"), REFUSALS, ids=[m for _, m in REFUSALS])
def test_refusals_leave_the_file_byte_identical(recorded: Path, folder: Path, args: list[str],
                                                message: str) -> None:
    before = recorded.read_bytes()
    result = run(folder, "record", *args)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert recorded.read_bytes() == before


def test_future_date_is_refused(recorded: Path, folder: Path) -> None:
    from tracker.core.dates import today_cst

    before = recorded.read_bytes()
    tomorrow = today_cst().toordinal() + 1
    import datetime as dt

    result = run(folder, "record", "44", "--unit", "emergency", "--status", "done",
                 "--date", dt.date.fromordinal(tomorrow).isoformat())
    assert result.exit_code == 1
    assert "在未来" in result.output or "不在计划期内" in result.output
    assert recorded.read_bytes() == before


def test_record_into_a_broken_file_is_refused(recorded: Path, folder: Path) -> None:
    recorded.write_bytes(recorded.read_bytes() + b'- {"id": "x", "type": "progress", "task": 15}\n')
    before = recorded.read_bytes()
    result = run(folder, "record", "15", *BASE, "--status", "done")
    assert result.exit_code == 1
    assert "已有错误" in result.output
    assert "progress/emergency.yaml:7:" in result.output
    assert recorded.read_bytes() == before


def test_record_keeps_comments_and_permissions(recorded: Path, folder: Path) -> None:
    recorded.write_bytes(recorded.read_bytes() + b"# \xe6\x89\x8b\xe5\x86\x99\xe6\xb3\xa8\xe9\x87\x8a  hand note\n")
    recorded.chmod(0o640)
    before = recorded.read_bytes()
    assert run(folder, "record", "15", *BASE, "--status", "done").exit_code == 0
    after = recorded.read_bytes()
    assert after.startswith(before) and after.count(b"\n") == before.count(b"\n") + 1
    assert stat.S_IMODE(recorded.stat().st_mode) == 0o640


def test_plan_adds_a_milestone(recorded: Path, folder: Path) -> None:
    result = run(folder, "plan", "15", "--unit", "emergency", "--due", "2025-12-20", "--milestone", "完成四季度检查",
                 "--percent", "100", "--date", "2025-09-02", "--by", "李四")
    assert result.exit_code == 0, result.output
    rec = json.loads(recorded.read_text(encoding="utf-8").splitlines()[-1][2:])
    assert rec["type"] == "milestone" and rec["due"] == "2025-12-20" and rec["milestone"] == "完成四季度检查"
    assert rec["date"] == "2025-09-02"
    assert run(folder, "validate").exit_code == 0


def test_plan_refuses_a_due_date_outside_the_plan(recorded: Path, folder: Path) -> None:
    before = recorded.read_bytes()
    result = run(folder, "plan", "15", "--unit", "emergency", "--due", "2027-03-01", "--milestone", "x",
                 "--date", "2025-09-02")
    assert result.exit_code == 1 and "不在计划期内" in result.output
    assert recorded.read_bytes() == before


def test_plan_replaces_only_an_earlier_milestone_of_the_same_task(recorded: Path, folder: Path) -> None:
    def plan(task: str, *more: str) -> object:
        return run(folder, "plan", task, "--unit", "emergency", "--due", "2025-12-20", "--milestone", "节点",
                   "--date", "2025-09-02", "--by", "李四", *more)

    def last_id() -> str:
        return str(json.loads(recorded.read_text(encoding="utf-8").splitlines()[-1][2:])["id"])

    entry = last_id()
    assert plan("17").exit_code == 0
    other = last_id()
    assert plan("15").exit_code == 0
    first = last_id()
    before = recorded.read_bytes()
    for named, said in ((entry, f'"{entry}" 是第 6 行的进度记录（任务 15），不是本单位任务 15 更早的时间节点'),
                        (other, f'"{other}" 是第 7 行的时间节点记录（任务 17），不是本单位任务 15 更早的时间节点'),
                        ("nothing", '时间节点替换的记录 "nothing" 不存在')):
        result = plan("15", "--replaces", named)
        assert result.exit_code == 1 and said in result.output, result.output
        assert "没有写入任何内容" in result.output and recorded.read_bytes() == before
    assert plan("15", "--replaces", first).exit_code == 0
    again = plan("15", "--replaces", first, "--lang", "en")
    assert again.exit_code == 1 and f'milestone "{first}" was already replaced by the milestone of line 9' \
        in again.output
    assert run(folder, "validate").exit_code == 0


def test_status_shows_the_units_tasks(recorded: Path, folder: Path) -> None:
    result = run(folder, "status", "--unit", "市应急局", "--as-of", "2025-09-15", "-f", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["unit"] for r in rows} == {"emergency"}
    t15 = next(r for r in rows if r["item"] == "15")
    assert (t15["status"], t15["percent"], t15["latest_note"]) == ("in-progress", 40, "已部署")
    assert t15["missed_periods"] == ["2025-03-31", "2025-06-30"]
    assert t15["level"] == "red"
    assert "19" not in {r["item"] for r in rows}


def test_status_as_of_before_the_entry(recorded: Path, folder: Path) -> None:
    rows = json.loads(run(folder, "status", "--unit", "emergency", "--as-of", "2025-08-31", "-f", "json").stdout)
    t15 = next(r for r in rows if r["item"] == "15")
    assert t15["status"] == "not-started" and t15["latest_date"] is None


def test_init_creates_a_working_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "office")])
    assert result.exit_code == 0, result.output
    office = tmp_path / "office"
    assert (office / "progress").is_dir()
    assert "merge=union" in (office / ".gitattributes").read_text()
    assert "*.lock" in (office / ".gitignore").read_text()
    assert "tracker validate" in (office / ".pre-commit-config.yaml").read_text()
    assert runner.invoke(app, ["--root", str(office), "validate"]).exit_code == 0


def test_init_never_overwrites(folder: Path) -> None:
    before = (folder / "tasks.yaml").read_bytes()
    result = runner.invoke(app, ["init", str(folder)])
    assert result.exit_code == 1 and "中已有 tasks.yaml" in result.output
    assert (folder / "tasks.yaml").read_bytes() == before
    assert not (folder / ".gitattributes").exists()


def test_missing_fields_are_asked_at_a_terminal(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.cli.prompt

    monkeypatch.setattr(tracker.cli.prompt, "interactive", lambda: True)
    result = runner.invoke(app, ["--root", str(folder), "record", "15", "--date", "2025-09-01", "--by", "x"],
                           input="市应急局\nfinished\n受阻\n30\n等待资金\n")
    assert result.exit_code == 0, result.output
    assert "市消防救援局" in result.output  # the unit prompt names who reports on task 15 as people name them
    assert '未知状态 "finished"' in result.output and "请重新输入" in result.output  # said, then asked again
    rec = json.loads((folder / "progress" / "emergency.yaml").read_text(encoding="utf-8").splitlines()[-1][2:])
    assert (rec["status"], rec["percent"], rec["note"]) == ("blocked", 30, "等待资金")


def test_the_end_of_the_input_at_a_prompt_cancels_in_the_readers_language(folder: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.cli.prompt

    monkeypatch.setattr(tracker.cli.prompt, "interactive", lambda: True)
    result = runner.invoke(app, ["--root", str(folder), "record", "15", "--unit", "市应急局", "--by", "x"],
                           input="")
    assert result.exit_code == 1 and "已取消，没有写入任何内容" in result.output and "Aborted" not in result.output
    assert not (folder / "progress" / "emergency.yaml").exists()


def test_every_option_given_is_checked_before_anything_is_asked(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.cli.prompt

    monkeypatch.setattr(tracker.cli.prompt, "interactive", lambda: True)
    result = runner.invoke(app, ["--root", str(folder), "record", "17", "--unit", "市发改委", "--date", "2025-13-40",
                                 "--status", "受阻"], input="")
    assert result.exit_code == 1 and "不是日期" in result.output
    assert "进度（0–100）" not in result.output and "受阻原因" not in result.output  # nothing was asked
    assert not (folder / "progress" / "development-reform.yaml").exists()


def test_a_blocked_entry_is_asked_for_its_reason_in_chinese(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.cli.prompt

    monkeypatch.setattr(tracker.cli.prompt, "interactive", lambda: True)
    result = runner.invoke(app, ["--root", str(folder), "record", "17", "--unit", "市发改委", "--date", "2025/7/30",
                                 "--status", "暂停", "--by", "x"], input="20\n等待资金\n")
    assert result.exit_code == 0, result.output
    assert "进度（0–100）" in result.output and "受阻原因（必填）" in result.output
    rec = json.loads((folder / "progress" / "development-reform.yaml").read_text(encoding="utf-8")
                     .splitlines()[-1][2:])
    assert (rec["date"], rec["status"], rec["percent"], rec["note"]) == ("2025-07-30", "blocked", 20, "等待资金")


@pytest.mark.parametrize(("typed", "stored"), [("2025-07-30", "2025-07-30"), ("2025/7/30", "2025-07-30"),
                                               ("2025.7.30", "2025-07-30"), ("2025年7月30日", "2025-07-30"),
                                               ("２０２５年７月３日", "2025-07-03")])
def test_dates_as_people_type_them_are_stored_as_iso(folder: Path, typed: str, stored: str) -> None:
    result = run(folder, "record", "15", "--unit", "emergency", "--status", "推进中", "--percent", "10",
                 "--date", typed, "--by", "x")
    assert result.exit_code == 0, result.output
    rec = json.loads((folder / "progress" / "emergency.yaml").read_text(encoding="utf-8").splitlines()[-1][2:])
    assert rec["date"] == stored


@pytest.mark.parametrize(("word", "status"), [("完成", "done"), ("已完成", "done"), ("办结", "done"),
                                              ("推进中", "in-progress"), ("进行中", "in-progress"),
                                              ("未开始", "not-started"), ("未启动", "not-started"),
                                              ("受阻", "blocked"), ("暂停", "blocked")])
def test_the_status_words_staff_type(folder: Path, word: str, status: str) -> None:
    extra = ["--percent", "10", "--note", "原因"] if status in ("in-progress", "blocked") else []
    result = run(folder, "record", "15", *BASE, "--status", word, *extra)
    assert result.exit_code == 0, result.output
    rec = json.loads((folder / "progress" / "emergency.yaml").read_text(encoding="utf-8").splitlines()[-1][2:])
    assert rec["status"] == status


def test_what_validate_would_warn_about_is_said_at_once(recorded: Path, folder: Path) -> None:
    falls = run(folder, "record", "15", *BASE, "--status", "推进中", "--percent", "30")
    assert falls.exit_code == 0 and "percent-falls" in falls.output and "进度从 40" in falls.output
    run(folder, "record", "15", *BASE, "--status", "已完成")
    reopened = run(folder, "record", "15", *BASE, "--status", "推进中", "--percent", "90")
    assert "reopened" in reopened.output
    late = run(folder, "plan", "15", "--unit", "emergency", "--due", "2026-03-01", "--milestone", "x",
               "--date", "2025-09-02")
    assert late.exit_code == 0 and "milestone-late" in late.output and "晚于任务截止日期 2025-12-31" in late.output


def test_a_non_iso_date_in_a_file_is_an_error_with_the_iso_form_as_hint(recorded: Path, folder: Path) -> None:
    recorded.write_text(recorded.read_text(encoding="utf-8").replace('"2025-09-01"', '"2025-9-1"'), encoding="utf-8")
    result = run(folder, "validate")
    assert result.exit_code == 1 and "non-iso-date" in result.output and "写成 2025-09-01" in result.output


def test_status_and_show_give_the_offices_reason_for_a_rejection(recorded: Path, folder: Path) -> None:
    assert run(folder, "record", "15", *BASE, "--status", "done").exit_code == 0
    assert run(folder, "verify", "15", "--unit", "emergency", "--reject", "--note", "佐证材料不全",
               "--date", "2025-09-05").exit_code == 0
    status = run(folder, "status", "--unit", "emergency", "--as-of", "2025-09-10")
    assert "退回（2025-09-05）：佐证材料不全" in status.stdout
    show = run(folder, "show", "15", "--as-of", "2025-09-10")
    assert show.exit_code == 0 and "退回（2025-09-05）：佐证材料不全" in show.stdout and "市消防救援局" in show.stdout


def test_the_language_is_chosen_after_the_command_or_by_the_environment(folder: Path) -> None:
    after = run(folder, "record", "61", *BASE, "--status", "done", "--lang", "en")
    assert "no task \"61\"" in after.output
    env = runner.invoke(app, ["--root", str(folder), "record", "61", *BASE, "--status", "done"],
                        env={"TRACKER_LANG": "en"})
    assert "no task \"61\"" in env.output
    note = run(folder, "record", "15", *BASE, "--status", "done", "--note", "--lang")  # a value, not an option
    assert note.exit_code == 0, note.output


def test_init_can_make_a_git_repository_and_says_where_maintainers_go(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "office"), "--git"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "office" / ".git").is_dir()
    assert "maintainers" in result.output and "units.yaml" in result.output
    plain = runner.invoke(app, ["init", str(tmp_path / "plain"), "--no-git"])
    assert plain.exit_code == 0 and not (tmp_path / "plain" / ".git").exists()


def test_codeowners_warns_when_no_unit_has_maintainers(folder: Path) -> None:
    result = run(folder, "codeowners")
    assert result.exit_code == 0 and "没有任何单位填写维护人" in result.output


def test_the_rules_a_given_option_can_meet_alone_are_checked_before_anything_is_asked(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.cli.prompt

    monkeypatch.setattr(tracker.cli.prompt, "interactive", lambda: True)
    result = runner.invoke(app, ["--root", str(folder), "record", "15", "--unit", "市妇联", "--percent", "50",
                                 "--value", "3", "--date", "2030-01-01"], input="")
    assert result.exit_code == 1
    assert "状态（" not in result.output  # the status was never asked
    for code in ("not-responsible", "out-of-period", "no-target"):
        assert code in result.output


def test_a_percent_outside_0_to_100_is_said_and_asked_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.cli.prompt

    monkeypatch.setattr(tracker.cli.prompt, "interactive", lambda: True)
    result = runner.invoke(app, ["--root", str(folder), "record", "15", *BASE, "--status", "推进中"],
                           input="150\n60\n")
    assert result.exit_code == 0, result.output
    assert "进度 150 不在 0–100 之间" in result.output and "请重新输入" in result.output


def test_the_unit_prompt_suggests_and_the_date_is_asked_and_said(folder: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The reported case: 应急局 at the unit prompt gave "未知单位…请重新输入" without the suggestion the command
    line gives (市应急局); a record made through prompts was dated today silently, and the confirmation showed
    neither the date nor the values. Now the prompt suggests, the date is asked (Enter: today), and the
    confirmation repeats unit, task, status, percent and date."""
    import tracker.cli.prompt
    from tracker.core.dates import today_cst

    monkeypatch.setattr(tracker.cli.prompt, "interactive", lambda: True)
    today = today_cst().isoformat()
    result = runner.invoke(app, ["--root", str(folder), "record", "15", "--by", "x"],
                           input="应急局\n市应急局\n推进中\n80\n\n")
    assert result.exit_code == 0, result.output
    assert '你是不是要写 "市应急局"？），请重新输入' in result.output
    assert f"进展日期（直接回车即今天 {today}）" in result.output
    assert f"已记录：市应急局 任务15 推进中 80%，日期 {today}（编号 " in result.output
    result = runner.invoke(app, ["--root", str(folder), "record", "15", "--unit", "市应急局", "--by", "x"],
                           input="推进中\n85\n2025年9月1日\n")
    assert result.exit_code == 0, result.output
    assert "已记录：市应急局 任务15 推进中 85%，日期 2025-09-01" in result.output
    result = runner.invoke(app, ["--root", str(folder), "--lang", "en", "record", "15", "--unit", "市应急局",
                                 "--status", "推进中", "--percent", "90"], input="\n")  # Enter at the date: today
    assert f"recorded: 市应急局, task 15, in progress 90%, dated {today}" in result.output


def test_a_record_in_a_git_folder_says_how_to_commit_it(tmp_path: Path) -> None:
    import shlex
    import subprocess

    from tests.git.test_review import git, make_repo

    repo = make_repo(tmp_path)
    result = runner.invoke(app, ["--root", str(repo), "record", "15", *BASE, "--status", "推进中", "--percent", "40"])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("请提交到 git："))
    command = line.removeprefix("请提交到 git：")
    assert "progress/emergency.yaml" in command
    env = {"GIT_AUTHOR_NAME": "x", "GIT_AUTHOR_EMAIL": "x@x", "GIT_COMMITTER_NAME": "x", "GIT_COMMITTER_EMAIL": "x@x",
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run(["sh", "-c", command], check=True, env=env, cwd=tmp_path)
    assert git(repo, "status", "--porcelain") == "" and shlex.split(command)[0] == "git"
    outside = tmp_path / "plain"
    assert runner.invoke(app, ["init", str(outside), "--no-git"]).exit_code == 0
    result = runner.invoke(app, ["--root", str(outside), "record", "15", *BASE, "--status", "推进中",
                                 "--percent", "40"])
    assert result.exit_code == 0 and "git" not in result.output
