"""The commands of issue 2 end to end through Typer's CliRunner, on the shipped data; and the entry point run in
its own process, as an office runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from tests.conftest import REPO, golden
from tracker.cli.app import app

runner = CliRunner()


def run(folder: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--root", str(folder), *args])


def test_validate_shipped_data_passes_with_warnings(folder: Path) -> None:
    result = run(folder, "validate")
    assert result.exit_code == 0, result.output
    assert "0 个错误，6 个警告" in result.output  # Chinese by default
    assert "tasks.yaml:" in result.output and "警告 duplicate-text: 任务27的内容与任务24相同" in result.output
    english = run(folder, "validate", "--lang", "en")
    assert "0 error(s), 6 warning(s)" in english.output
    assert "warning duplicate-text: task 27 has the same text as task 24" in english.output


def test_validate_strict_fails_on_warnings(folder: Path) -> None:
    assert run(folder, "validate", "--strict").exit_code == 1


def test_validate_json(folder: Path) -> None:
    result = run(folder, "validate", "--format", "json")
    data = json.loads(result.stdout)
    assert data["errors"] == 0 and data["warnings"] == 6
    assert {"path", "line", "col", "level", "code", "message", "hint"} <= set(data["problems"][0])


def test_validate_reports_every_broken_file_with_positions(folder: Path) -> None:
    units = folder / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("kind: bureau", "kind: bureau\n    kind: x", 1),
                     encoding="utf-8")
    tasks = folder / "tasks.yaml"
    tasks.write_bytes(tasks.read_bytes().replace(b"year: 2025", b"year: \xff"))
    result = run(folder, "validate", "--lang", "en")
    assert result.exit_code == 1
    assert "units.yaml:16:5: error duplicate-key" in result.output
    assert "tasks.yaml:10:9: error encoding" in result.output
    assert "Traceback" not in result.output


def test_tasks_json_lists_all_sixty(folder: Path) -> None:
    result = run(folder, "tasks", "--format", "json")
    assert result.exit_code == 0
    tasks = json.loads(result.stdout)
    assert [t["id"] for t in tasks] == [str(n) for n in range(1, 61)]
    t15 = tasks[14]
    assert t15["action"] == {"id": 4, "numeral": "四", "title": "重大事故隐患动态清零行动"}
    assert t15["work"]["title"] == "持续推进企业开展隐患自查自改"
    assert t15["cadence"] == {"every": "quarterly", "high_risk": "monthly"}
    assert t15["deadline"] == "2025-12-31"
    assert tasks[5]["target"] == {"metric": "普及率", "value": 100.0, "unit": "%"}
    assert tasks[8]["units"] == ["econ-info", "culture-tourism", "fire-rescue"]


def test_tasks_goals_flag_adds_goals(folder: Path) -> None:
    tasks = json.loads(run(folder, "tasks", "--goals", "-f", "json").stdout)
    assert len(tasks) == 66 and tasks[0]["id"] == "G0"


@pytest.mark.parametrize("name", ["市市场监督管理局", "market-regulation", "市市场监管局"])
def test_tasks_by_unit_accepts_any_name(folder: Path, name: str) -> None:
    tasks = json.loads(run(folder, "tasks", "--unit", name, "-f", "json").stdout)
    ids = [t["id"] for t in tasks]
    assert "10" in ids and "31" in ids and "35" in ids


def test_tasks_by_unknown_unit_suggests(folder: Path) -> None:
    result = run(folder, "tasks", "--unit", "市应急")
    assert result.exit_code == 1
    assert "未知单位" in result.output and "市应急局" in result.output


def test_tasks_by_action_markdown_golden(folder: Path) -> None:
    result = run(folder, "tasks", "--action", "3", "--format", "md")
    assert result.exit_code == 0
    golden("tasks-action3.md", result.stdout)


def test_tasks_csv_has_bom_for_excel(folder: Path) -> None:
    result = run(folder, "tasks", "--action", "10", "--format", "csv")
    assert result.stdout.startswith("\ufeff编号,行动,")
    assert result.stdout_bytes.count(b"\r\n") == 2


def test_units_json(folder: Path) -> None:
    units = json.loads(run(folder, "units", "--format", "json").stdout)
    by_id = {u["id"]: u for u in units}
    assert by_id["districts"]["members"] == ["echeng", "huarong", "liangzihu", "gedian", "linkong"]
    assert by_id["committees"]["aliases"] == ["市20个专委会"]
    assert by_id["housing-construction"]["ambiguous"]
    assert by_id["safety-office"]["items"] == ["19", "20", "21", "22", "24", "55", "57", "60"]


def test_show_task_golden(folder: Path) -> None:
    result = run(folder, "show", "58", "--as-of", "2025-09-30")
    assert result.exit_code == 0
    golden("show-58.txt", result.stdout)


def test_show_goal_json(folder: Path) -> None:
    data = json.loads(run(folder, "show", "g2", "-f", "json").stdout)
    assert data["target"] == {"metric": "查处率", "value": 100.0, "unit": "%"}
    assert data["kind"] == "stage"


def test_show_unknown_task(folder: Path) -> None:
    result = run(folder, "show", "61")
    assert result.exit_code == 1
    assert '没有任务 "61"' in result.output


def test_root_is_found_upward(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deep = folder / "progress" / "sub"
    deep.mkdir()
    monkeypatch.chdir(deep)
    result = runner.invoke(app, ["tasks", "--action", "10", "-f", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["id"] == "60"


def test_no_root_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
    assert "没有找到 tasks.yaml" in result.output


def test_commands_refuse_a_broken_list(folder: Path) -> None:
    (folder / "units.yaml").write_text("units:\n  - id: x\n", encoding="utf-8")
    result = run(folder, "tasks")
    assert result.exit_code == 1
    assert "units.yaml:2:5: 错误 missing-field: 单位缺少字段 kind" in result.output


def test_every_command_has_help() -> None:
    root: Any = typer.main.get_command(app)
    ctx = typer.Context(root, info_name="tracker")
    names = root.list_commands(ctx)
    assert {"record", "report", "tasks", "levels"} <= set(names) and len(names) == len(set(names)) == 25
    for name in names:  # made when asked for: each command's function and its docstring, a group's commands too
        command = root.get_command(ctx, name)
        subs = [command.get_command(ctx, n) for n in command.list_commands(ctx)] if name in ("tasks", "levels") else []
        for made in [command, *subs]:
            assert made is not None and (made.callback is not None or subs), name
            assert made.callback is None or made.callback.__doc__, name


def tracker_process(folder: Path, *args: str, **kwargs: Any) -> subprocess.Popen[bytes]:
    """The installed entry point in its own process: how an office runs it."""
    return subprocess.Popen([sys.executable, "-m", "tracker", "--root", str(folder), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def test_the_entry_point_prints_everything_before_it_leaves(folder: Path) -> None:
    proc = tracker_process(folder, "report", "--as-of", "2025-10-15", "-f", "json")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    assert out.decode("utf-8") == run(folder, "report", "--as-of", "2025-10-15", "-f", "json").stdout
    assert json.loads(out)["schema"] == "tracker-report/1"


def test_the_entry_point_keeps_the_exit_status_and_message_of_a_failure(folder: Path) -> None:
    proc = tracker_process(folder, "show", "99")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and out == b"" and "没有任务 \"99\"" in err.decode("utf-8")
    assert err.decode("utf-8").startswith("tracker: ") and "Traceback" not in err.decode("utf-8")



FAILING = """
import sys
import tracker.cli.app as cli

def app():
    raise {error}

cli.app = app
cli.main()
"""


@pytest.mark.parametrize(("error", "status", "message"), [
    ("RuntimeError('boom')", 3, "tracker: 内部错误：RuntimeError: boom"),
    ("KeyboardInterrupt()", 130, "tracker: 已中断，没有做任何改动"),
    ("__import__('tracker.folder.store').folder.store.InterruptedAfterWriting()", 130,
     "tracker: 已中断；但记录在中断前已写入"),
    ("__import__('tracker.folder.workers').folder.workers.WorkerDied('gone')", 3,
     "TRACKER_WORKERS=1 可只用一个进程检查"),
    ("__import__('tracker.folder.workers').folder.workers.WorkerStopped(4242)", 3, "工作进程（4242）被暂停"),
    ("SystemExit('tracker: stopped')", 1, "tracker: stopped"),
])
def test_the_entry_point_turns_every_ending_into_a_status_and_a_line(error: str, status: int, message: str) -> None:
    done = subprocess.run([sys.executable, "-c", FAILING.format(error=error)], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "TRACKER_DEBUG": ""})
    assert done.returncode == status
    assert message in done.stderr and "Traceback" not in done.stderr


def test_tracker_debug_shows_the_traceback_of_an_internal_error() -> None:
    done = subprocess.run([sys.executable, "-c", FAILING.format(error="RuntimeError('boom')")],
                          capture_output=True, text=True, timeout=60, env={**os.environ, "TRACKER_DEBUG": "1"})
    assert done.returncode == 1 and "Traceback" in done.stderr and "RuntimeError: boom" in done.stderr


IMPORTS = """
import sys
from tracker.cli.app import app
sys.argv = ["tracker", *sys.argv[1:]]
try:
    app()
except SystemExit:
    pass
heavy = ("yaml", "tabulate", "openpyxl", "docx", "rich", "wcwidth", "tracker.load.catalog", "tracker.folder.pipeline",
         "tracker.render.page", "tracker.render.workbook", "tracker.git.run")
sys.stderr.write(" ".join(m for m in heavy if m in sys.modules))
"""


def heavy_imports(*args: str) -> set[str]:
    """The heavy modules a command imports, run as the office runs it."""
    done = subprocess.run([sys.executable, "-c", IMPORTS, *args], capture_output=True, text=True, timeout=60)
    return set(done.stderr.split())


def test_help_imports_nothing_heavy() -> None:
    assert heavy_imports("--help") == set()
    assert heavy_imports("report", "--help") == set()
    assert heavy_imports("record", "--help", "--lang", "en") == set()
    assert heavy_imports("levels", "return", "--help") == set()


LOADED = """
import sys
import typer.main
from tracker.cli.app import app
if sys.argv[1:]:
    sys.argv = ["tracker", *sys.argv[1:]]
    try:
        app()
    except SystemExit:
        pass
else:
    typer.main.get_command(app)  # the app made, as every run makes it, and no command run
sys.stderr.write("\\nloaded: " + " ".join(sorted(sys.modules)))
"""
COMMAND_MODULES = {f"tracker.cli.{m}" for m in ("checking", "listing", "recording", "reporting", "deciding",
                                                "reminding", "reviewing", "returns", "levels", "lists", "setup")}
LIBRARIES = {"rich", "tabulate", "openpyxl", "docx", "wcwidth", "yaml", "json", "hashlib", "csv"}


def loaded(*args: str) -> set[str]:
    """Every module a run of ``tracker args`` has imported (none: the app only made), run as the office runs it."""
    done = subprocess.run([sys.executable, "-c", LOADED, *args], capture_output=True, text=True, timeout=60)
    said, found, modules = done.stderr.rpartition("\nloaded: ")
    return set(modules.split()) if found else {"failed: " + said[-2000:]}


def test_the_app_is_made_without_any_commands_module_or_library() -> None:
    modules = loaded()
    assert "tracker.cli.app" in modules
    assert modules & (COMMAND_MODULES | LIBRARIES) == set()
    assert not any(m.startswith(("tracker.actions", "tracker.folder", "tracker.render")) for m in modules)


def test_help_lists_every_command_without_importing_them() -> None:
    for args in (["--help"], ["--help", "--lang", "en"]):
        modules = loaded(*args)
        assert "tracker.cli.help" in modules and modules & (COMMAND_MODULES | LIBRARIES) == set(), args
    assert loaded("record", "--help") & COMMAND_MODULES == {"tracker.cli.recording"}


def test_a_record_imports_its_own_command_and_no_renderer(folder: Path) -> None:
    modules = loaded("--root", str(folder), "record", "15", "--unit", "emergency", "--status", "in-progress",
                     "--percent", "50", "--date", "2025-09-30", "--by", "张三")
    assert (folder / "progress" / "emergency.yaml").exists()
    assert modules & COMMAND_MODULES == {"tracker.cli.recording"}
    assert "yaml" in modules  # a new folder: its task list is read
    assert modules & {"rich", "tabulate", "openpyxl", "docx", "wcwidth"} == set()
    assert not any(m.startswith("tracker.render") for m in modules)


def test_a_report_on_the_shipped_data_imports_its_own_command_and_no_drawing_library(tmp_path: Path) -> None:
    import shutil

    example = tmp_path / "2025"
    shutil.copytree(REPO / "examples" / "2025", example, ignore=shutil.ignore_patterns(".tracker-cache"))
    args = ("--root", str(example), "report", "--as-of", "2025-09-30")
    assert "yaml" in loaded(*args)  # the first report reads the folder
    modules = loaded(*args)
    assert modules & COMMAND_MODULES == {"tracker.cli.reporting"}
    assert modules & {"rich", "tabulate", "openpyxl", "docx", "wcwidth", "yaml"} == set()


def test_help_is_chinese_by_default() -> None:
    result = runner.invoke(app, ["--help"], prog_name="tracker", env={"TRACKER_LANG": ""})
    assert result.exit_code == 0
    assert result.output.startswith("用法：tracker [选项] 命令 [参数]...\n")
    assert "选项：" in result.output and "命令：" in result.output and "显示此帮助并退出。" in result.output
    assert "  record         记录单位在一项任务上的进展。" in result.output
    assert "[环境变量：TRACKER_LANG；默认：zh]" in result.output
    assert "Usage" not in result.output and "Show this message" not in result.output


def test_help_of_a_command_in_chinese() -> None:
    result = runner.invoke(app, ["record", "--help"], prog_name="tracker")
    assert result.exit_code == 0
    assert result.output.startswith("用法：tracker record [选项] 任务\n")
    assert "参数：\n  任务  任务编号（1–60）或目标编号（G0–G5）。  [必填]\n" in result.output
    assert "  --unit <文本>      本单位：编号、名称或别名。\n" in result.output
    golden("help-record.zh.txt", result.output)
    levels = runner.invoke(app, ["levels", "return", "--help"], prog_name="tracker")
    assert "向上级的上报，含所有下级。" in levels.output and "md、xlsx 或 docx" in levels.output


@pytest.mark.parametrize(("args", "env"), [
    (["--lang", "en", "--help"], {}),
    (["--help", "--lang", "en"], {}),
    (["--lang=en", "record", "--help"], {}),
    (["record", "--help", "--lang", "en"], {}),
    (["levels", "fetch", "--help"], {"TRACKER_LANG": "en"}),
    (["report", "--help"], {"TRACKER_LANG": "en"}),
])
def test_help_in_english_with_lang_en_anywhere_or_tracker_lang(args: list[str], env: dict[str, str]) -> None:
    result = runner.invoke(app, args, prog_name="tracker", env=env)
    assert result.exit_code == 0
    assert result.output.startswith("Usage: tracker") and "Show this message and exit." in result.output
    assert "用法" not in result.output and "选项" not in result.output


def test_report_help_in_english_says_what_each_option_does() -> None:
    result = runner.invoke(app, ["report", "--help", "--lang", "en"], prog_name="tracker")
    assert "  --as-of <text>                  Date to report at (default: today).\n" in result.output
    assert "  --action <integer>              Only this action (1–10).\n" in result.output


def test_tracker_alone_prints_the_help_in_the_reader_s_language() -> None:
    result = runner.invoke(app, [], prog_name="tracker")
    assert result.exit_code == 2 and result.output.startswith("用法：tracker [选项] 命令 [参数]...")
    assert "tracker: 用法" not in result.output and "提示" not in result.output
    levels = runner.invoke(app, ["levels", "--lang", "en"], prog_name="tracker")
    assert levels.exit_code == 2 and levels.output.startswith("Usage: tracker levels [OPTIONS] COMMAND")


def test_a_bad_argument_is_named_as_the_help_names_it(folder: Path) -> None:
    result = run(folder, "init", str(folder / "tasks.yaml"))
    assert result.exit_code == 2
    assert result.output.startswith(f"tracker: 目录 的值无效：{folder / 'tasks.yaml'} 是文件，不是目录\n")


def test_a_missing_argument_is_named_as_the_help_names_it(folder: Path) -> None:
    assert run(folder, "withdraw", "--note", "x").output.startswith("tracker: 缺少参数 记录编号\n")
    assert run(folder, "record", "--lang", "en").output.startswith("tracker: missing argument task\n")
    assert run(folder, "check-authors", "--lang", "en").output.startswith("tracker: missing argument range\n")


def test_a_report_on_unchanged_files_imports_only_what_its_format_needs(folder: Path) -> None:
    assert "yaml" in heavy_imports("--root", str(folder), "report")  # the first run parses the task list
    # git is asked where the repository is (the cache lives in it), and nothing else; the table's widths of
    # Chinese text need no wcwidth
    assert heavy_imports("--root", str(folder), "report") == {"tracker.folder.pipeline", "tracker.git.run"}
    assert heavy_imports("--root", str(folder), "report", "-f", "json") == {"tracker.folder.pipeline",
                                                                           "tracker.git.run"}


@pytest.mark.parametrize(("args", "words"), [
    (["report", "--bogus"], "没有选项 --bogus"),
    (["reprot"], "没有命令 reprot；你是不是要写 'report'？"),
    (["report", "--by", "foo"], "--by 的值无效：'foo' 不是可选值（'task', 'unit', 'action', 'goal', 'carried'）"),
    (["record"], "缺少参数 任务"),
    (["report", "--as-of"], "选项 --as-of 需要一个值"),
    (["report", "extra"], "多余的参数：extra"),
    (["--no-cache"], "缺少命令"),
])
def test_usage_errors_are_said_in_chinese_with_where_to_look(folder: Path, args: list[str], words: str) -> None:
    result = run(folder, *args)
    assert result.exit_code == 2
    assert result.output.startswith(f"tracker: {words}\n") and "--help` 列出用法" in result.output
    assert "Usage:" not in result.output and "Error:" not in result.output


def test_usage_errors_in_english(folder: Path) -> None:
    result = run(folder, "report", "--bogs", "--lang", "en")
    assert result.exit_code == 2 and result.output.startswith("tracker: no such option: --bogs (possible options")


@pytest.mark.parametrize(("args", "words"), [
    (["overdue", "--within", "-5"], "--within 的值无效：-5 不在允许的范围（x>=0）内"),
    (["report", "--action", "x"], "--action 的值无效：'x' 不是整数"),
    (["report", "--lang", "fr"], "--lang 的值无效：'fr' 不是可选值（'zh', 'en'）"),
])
def test_more_usage_errors_in_chinese(folder: Path, args: list[str], words: str) -> None:
    result = run(folder, *args)
    assert result.exit_code == 2 and result.output.startswith(f"tracker: {words}\n")


def test_a_unit_name_cannot_send_a_notice_outside_its_folder(folder: Path, tmp_path: Path) -> None:
    units = folder / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("short: 市应急局", 'short: "../../../escaped"'),
                     encoding="utf-8")
    out = tmp_path / "notices"
    result = run(folder, "remind", "--as-of", "2025-09-30", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert not list(tmp_path.glob("escaped*")) and all(p.parent == out for p in out.rglob("*"))


def test_bytes_that_are_not_utf8_on_the_command_line_are_refused_before_anything(folder: Path) -> None:
    """A terminal in GBK hands Python lone surrogates (\\udcff) for the bytes it cannot read as UTF-8."""
    before = sorted(p.name for p in (folder / "progress").iterdir())
    result = runner.invoke(app, ["--root", str(folder), "record", "15", "--unit", "emergency", "--status",
                                 "in-progress", "--percent", "10", "--note", "\udcff\udcfe坏", "--by", "x"])
    assert result.exit_code == 2 and "0xff" in result.stderr and "UTF-8" in result.stderr
    assert sorted(p.name for p in (folder / "progress").iterdir()) == before


HOSTILE = "\x1b]0;owned\x07\x9b2J\u202e"


def _inert(text: str) -> None:
    """No control character a person did not put there as colour (rich's own ``ESC [ … m``) is left."""
    import re

    left = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert not any(ch in left for ch in "\x1b\x07\x9b\u202e"), repr(text)


def test_no_message_or_terminal_table_carries_a_control_character(folder: Path, monkeypatch: Any,
                                                                  capsys: Any) -> None:
    """The plan's title, a level's name and source, and an internal error's text reach the terminal escaped,
    drawn by rich (FORCE_COLOR) or not."""
    tasks = folder / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace(
        "  title: 鄂州市安全生产治本攻坚三年行动2025年重点工作清单",
        '  title: "鄂州市\\e]0;owned\\a\\x9b2J\\u202e清单"', 1), encoding="utf-8")
    (folder / "levels.yaml").write_text('levels:\n  - name: "区\\e]0;owned\\a\\u202e"\n'
                                        '    source: "../nowhere\\e]0;owned\\a"\n', encoding="utf-8")
    monkeypatch.setenv("FORCE_COLOR", "1")
    for args in (("report", "--as-of", "2025-06-30"), ("levels", "fetch"), ("levels", "status"),
                 ("report", "--levels", "--as-of", "2025-06-30")):
        result = runner.invoke(app, ["--root", str(folder), *args])
        assert "owned" in result.output, args
        _inert(result.output)
    monkeypatch.delenv("FORCE_COLOR")

    import tracker.cli.app as cli

    def broken() -> None:
        raise RuntimeError(HOSTILE)

    monkeypatch.setattr(cli, "app", broken)
    assert cli._run() == 3
    err = capsys.readouterr().err
    assert "owned" in err
    _inert(err)
