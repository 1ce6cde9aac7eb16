"""The list commands end to end: a folder from the fictional 2026 list (Word), the 2025 list into a folder, and
carry-over from examples/2025 into the 2026 folder: exactly the unfinished pairs of the 2025 report as of the
last day of its plan, each starting from its last state, idempotent, shown apart and followed by show."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import REPO, golden
from tracker.actions.lists import CarryOver, ListImport, Refusal, carry_over, import_tasks, init_from
from tracker.cli.app import app
from tracker.core.i18n import Lang
from tracker.folder.root import Root
from tracker.render.listfile import import_report

TODAY = dt.date(2026, 3, 1)
runner = CliRunner()


def list_2026(tmp: Path) -> Path:
    spec = importlib.util.spec_from_file_location("make_2026_list", REPO / "examples" / "make_2026_list.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path: Path = module.build(tmp / "示例-2026年重点工作清单.docx")
    return path


def folder_2026(tmp: Path) -> Path:
    done = init_from(tmp / "2026", list_2026(tmp), campaign_end=dt.date(2026, 12, 31))
    assert isinstance(done, ListImport)
    return tmp / "2026"


def test_the_fictional_2026_list_imports_from_word_with_its_problems_listed(tmp_path: Path) -> None:
    done = init_from(tmp_path / "2026", list_2026(tmp_path), campaign_end=dt.date(2026, 12, 31))
    assert isinstance(done, ListImport)
    assert [f.code for f in done.imported.findings] == [
        "list-unit-run-together", "list-cadence-unstated", "list-unit-new", "list-cadence-finer",
        "list-deadline-campaign"]
    assert (tmp_path / "2026" / "schemas" / "tasks.schema.json").is_file()
    assert (tmp_path / "2026" / ".vscode" / "settings.json").is_file()
    tasks = (tmp_path / "2026" / "tasks.yaml").read_text(encoding="utf-8")
    assert tasks.startswith("# yaml-language-server: $schema=schemas/tasks.schema.json\n")
    units = (tmp_path / "2026" / "units.yaml").read_text(encoding="utf-8")
    assert "  - id: new-1\n    name: 市数据局\n" in units
    result = runner.invoke(app, ["--root", str(tmp_path / "2026"), "validate"])
    assert result.exit_code == 0, result.output
    again = init_from(tmp_path / "2026", list_2026(tmp_path))
    assert isinstance(again, Refusal) and again.problems[0].code == "folder-exists"


def test_the_import_report_in_both_languages() -> None:
    from tests.load.test_faithful import catalog
    from tracker.load.published import Options, read_list

    imp = read_list(REPO / "docs" / "source" / "2025-07-23-reminder.txt", Options(catalog().units))
    golden("import-2025-zh.txt", import_report(imp, Lang.ZH))
    golden("import-2025-en.txt", import_report(imp, Lang.EN))


def test_a_list_that_would_break_records_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    shutil.copytree(REPO / "examples" / "2025", folder, ignore=shutil.ignore_patterns(".tracker-cache"))
    before = (folder / "tasks.yaml").read_bytes()
    refused = import_tasks(Root(folder), list_2026(tmp_path), TODAY)
    assert isinstance(refused, Refusal) and refused.problems[0].code == "list-breaks-records"
    assert (folder / "tasks.yaml").read_bytes() == before
    same = import_tasks(Root(folder), REPO / "docs" / "source" / "2025-07-23-reminder.txt", TODAY,
                        campaign_end=dt.date(2026, 12, 31))
    assert isinstance(same, ListImport) and same.written == (folder / "tasks.yaml", folder / "units.yaml")
    assert runner.invoke(app, ["--root", str(folder), "validate"]).exit_code == 0


def test_carry_over_brings_exactly_the_unfinished_pairs_and_again_changes_nothing(tmp_path: Path) -> None:
    new = folder_2026(tmp_path)
    old = tmp_path / "2025"
    shutil.copytree(REPO / "examples" / "2025", old, ignore=shutil.ignore_patterns(".tracker-cache"))
    report = json.loads(runner.invoke(app, ["--root", str(old), "report", "--as-of", "2025-12-31", "-f", "json"]
                                      ).stdout)
    tasks = {r["id"] for r in report["by_task"]}
    unfinished = {(p["item"], p["unit"]): p for p in report["pairs"] if p["item"] in tasks and p["status"] != "done"}
    done = carry_over(Root(new), old, TODAY)
    assert isinstance(done, CarryOver) and done.as_of == dt.date(2025, 12, 31)
    carried = {(c.item, p.unit): p for c in done.items for p in c.pairs}
    assert set(carried) == set(unfinished) and done.added == len(done.items)
    for key, pair in carried.items():
        assert (pair.status.value, pair.percent) == (unfinished[key]["status"], unfinished[key]["percent"])
    text = (new / "carried.yaml").read_bytes()
    again = carry_over(Root(new), old, TODAY)
    assert isinstance(again, CarryOver) and again.written == () and again.added == 0
    assert (new / "carried.yaml").read_bytes() == text
    assert (new / "tasks.yaml").read_text(encoding="utf-8").count("2025#") == 0  # the published list stays as it is
    other = carry_over(Root(new), old, TODAY, as_of=dt.date(2025, 9, 30))
    assert isinstance(other, Refusal) and other.problems[0].code == "carry-mismatch"
    late = carry_over(Root(new), old, TODAY, as_of=dt.date(2026, 1, 1))
    assert isinstance(late, Refusal) and late.problems[0].code == "carry-after-start"


def test_carried_items_are_reported_apart_start_from_their_state_and_show_follows_them(tmp_path: Path) -> None:
    new = folder_2026(tmp_path)
    old = tmp_path / "2025"
    shutil.copytree(REPO / "examples" / "2025", old, ignore=shutil.ignore_patterns(".tracker-cache"))
    result = runner.invoke(app, ["--root", str(new), "carry-over", "--from", str(old)])
    assert result.exit_code == 0, result.output
    assert "2025-12-31" in result.output
    report = json.loads(runner.invoke(app, ["--root", str(new), "report", "--as-of", "2026-03-01", "-f", "json"]
                                      ).stdout)
    assert report["overall"]["expected"] == 36  # this year's list alone
    assert report["carried_overall"]["expected"] == sum(r["expected"] for r in report["by_carried"]) > 0
    shown = json.loads(runner.invoke(app, ["--root", str(new), "show", "2025#15", "--as-of", "2026-03-01",
                                           "-f", "json"]).stdout)
    assert shown["kind"] == "carried" and shown["origin"]["item"] == "15" and shown["deadline"] == "2026-12-31"
    starts = {p["unit"]: p for p in shown["origin"]["pairs"]}
    for state in shown["states"]:
        assert (state["status"], state["percent"]) == (starts[state["unit"]]["status"],
                                                       starts[state["unit"]]["percent"])
    assert {h["unit"] for h in shown["history"]} == set(starts)
    own = json.loads(runner.invoke(app, ["--root", str(new), "show", "2025#44", "-f", "json"]).stdout)
    assert own["deadline"] == "2026-12-31"
    text = runner.invoke(app, ["--root", str(new), "show", "2025#15", "--as-of", "2026-03-01"]).stdout
    assert "上年记录" in text and "上年结转：2025#15" in text
    record = runner.invoke(app, ["--root", str(new), "record", "2025#15", "--unit", "市应急局", "--status", "done",
                                 "--date", "2026-02-01", "--by", "测试"])
    assert record.exit_code == 0, record.output
    after = json.loads(runner.invoke(app, ["--root", str(new), "report", "--as-of", "2026-03-01", "-f", "json"]
                                     ).stdout)
    assert after["carried_overall"]["done"] == 1 and after["overall"]["done"] == 0
