"""Broken data is never silent: a report that would leave records out stops and names the files, unless
--allow-errors, and then every output says which units' figures are incomplete; a bad record line costs that
record only; validate reports every problem of a file in one run, where a person can find it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.compute.test_report import MINI
from tracker.cli.app import app
from tracker.load.progress import read_progress

runner = CliRunner()
AS_OF = ["--as-of", "2025-10-15"]
A_LINE = '- {"id": "a7", "type": "progress", "date": "2025-10-10", "task": 7, "status": "in-progress", "percent": 98'


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The hand-worked folder, with a tab typed into one of 甲局's record lines."""
    shutil.copytree(MINI, tmp_path / "mini", ignore=shutil.ignore_patterns(".tracker-cache"))
    path = tmp_path / "mini" / "progress" / "a.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(A_LINE, "\t" + A_LINE), encoding="utf-8")
    return tmp_path / "mini"


def run(folder: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--root", str(folder), *args])


@pytest.mark.parametrize("command", [["report"], ["report", "-f", "json"], ["overdue"], ["status"],
                                     ["status", "--unit", "甲局"], ["show", "1"]])
def test_figures_that_would_miss_records_are_refused_naming_the_file(broken: Path, command: list[str]) -> None:
    result = run(broken, *command, *AS_OF)
    assert result.exit_code == 1
    assert "progress/a.yaml 有 1 个错误" in result.output and "--allow-errors" in result.output
    assert result.stdout == ""


def test_remind_is_refused_too_and_writes_nothing(broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "notices"
    result = run(broken, "remind", *AS_OF, "-o", str(out))
    assert result.exit_code == 1 and not out.exists()


def test_a_unit_whose_own_file_is_clean_still_gets_its_status(broken: Path) -> None:
    assert run(broken, "status", "--unit", "乙局", *AS_OF).exit_code == 0


def test_allow_errors_marks_the_unit_and_the_headline_in_every_format(broken: Path, tmp_path: Path) -> None:
    data = json.loads(run(broken, "report", *AS_OF, "-f", "json", "--allow-errors").stdout)
    assert data["overall"]["errors"] == 1
    rows = {r["id"]: r for r in data["by_unit"]}
    assert rows["a"]["errors"] == 1 and rows["b"]["errors"] == 0
    table = run(broken, "report", *AS_OF, "--allow-errors")
    assert table.exit_code == 0
    assert "甲局（数据有误）" in table.stdout and "注意：甲局的进度文件有 1 个错误" in table.stdout
    md = run(broken, "report", *AS_OF, "--allow-errors", "-f", "md").stdout
    assert "甲局（数据有误）" in md and "以下数字不完整" in md
    html = tmp_path / "r.html"
    assert run(broken, "report", *AS_OF, "--allow-errors", "-o", str(html)).exit_code == 0
    assert "以下数字不完整" in html.read_text(encoding="utf-8")
    english = run(broken, "report", *AS_OF, "--allow-errors", "--lang", "en").stdout
    assert "甲局 (data errors)" in english
    assert "figures below are incomplete" in english
    notices = tmp_path / "n"
    assert run(broken, "remind", *AS_OF, "--allow-errors", "-o", str(notices)).exit_code == 0
    assert "以下数字不完整" in (notices / "通报.md").read_text(encoding="utf-8")


def test_score_with_errors_marks_the_unit_in_md_json_and_xlsx(broken: Path, tmp_path: Path) -> None:
    """The assessment under --allow-errors says so as the report does: the unit's row reads 甲局（数据有误）, the
    summary warns that the figures are incomplete, and the JSON counts the errors of each unit."""
    import openpyxl

    md = run(broken, "score", *AS_OF, "--allow-errors", "-f", "md")
    assert md.exit_code == 0
    assert "甲局（数据有误）" in md.stdout and "以下数字不完整" in md.stdout and "乙局（数据有误）" not in md.stdout
    data = json.loads(run(broken, "score", *AS_OF, "--allow-errors", "-f", "json").stdout)
    assert {u["unit"]: u["errors"] for u in data["units"]} == {"solo": 0, "a": 1, "b": 0}
    book = tmp_path / "s.xlsx"
    assert run(broken, "score", *AS_OF, "--allow-errors", "-o", str(book)).exit_code == 0
    cells = [c.value for sheet in openpyxl.load_workbook(book) for row in sheet.iter_rows() for c in row]
    assert "甲局（数据有误）" in cells and any("以下数字不完整" in str(c) for c in cells)


def test_a_bad_record_line_costs_that_record_only(broken: Path) -> None:
    raw = read_progress((broken / "progress" / "a.yaml").read_bytes(), "progress/a.yaml")
    assert [r.values["id"] for r in raw.records] == ["a1", "a2", "a3", "a4", "a5", "a6"]  # a7 is left out
    assert [(p.line, p.col, p.code) for p in raw.problems] == [(9, 1, "tab")]
    data = json.loads(run(broken, "report", *AS_OF, "-f", "json", "--allow-errors").stdout)
    a2 = next(p for p in data["pairs"] if (p["item"], p["unit"]) == ("2", "a"))
    assert a2["percent"] == 50  # the unit's other records still count


SEVEN = """unit: a
entries:
- {"id": "p1", "type": "progress", "date": "2025-07-01", "task": 2, "status": "in-progress", "percent": 10}
\t- {"id": "p2", "type": "progress", "date": "2025-07-02", "task": 2, "status": "in-progress", "percent": 20}
- {"id": "p3", "type": "progres", "date": "2025-07-03", "task": 2, "status": "in-progress", "percent": 30}
- {"id": "p4", "type": "progress", "date": "2025-7-4", "task": 2, "status": "in-progress", "percent": 40}
- {"id": "p5", "type": "progress", "date": "2025-07-05", "task": 2, "status": "in-progress", "note": "未闭合}
- {"id": "p6", "type": "progress", "date": "2025-07-06", "task": 2, "status": "in-progress", "percent": 101}
- {"id": "p7", "type": "progress", "date": "2025-07-07", "task": 2, "status": "blocked", "percent": 50}
- {"id": "p8", "type": "progress", "date": "2025-07-08", "task": 2, "stat
"""


def test_validate_reports_every_problem_of_a_file_in_one_run(broken: Path) -> None:
    (broken / "progress" / "a.yaml").write_text(SEVEN, encoding="utf-8")
    result = run(broken, "validate", "-f", "json")
    found = [(p["line"], p["code"]) for p in json.loads(result.stdout)["problems"] if p["path"] == "progress/a.yaml"]
    assert found == [(4, "tab"), (5, "bad-value"), (6, "non-iso-date"), (7, "syntax"), (8, "out-of-range"),
                     (9, "blocked-without-note"), (10, "syntax")]
    assert "None" not in result.stdout


def test_positions_count_characters_and_point_where_a_quote_opens(broken: Path) -> None:
    path = broken / "progress" / "a.yaml"
    path.write_text('unit: a\nentries:\n# 说明\n- {"id": "n1", "note": "中文说明\x00", "type": "progress"}\n',
                    encoding="utf-8")
    problems = json.loads(run(broken, "validate", "-f", "json").stdout)["problems"]
    nul = next(p for p in problems if p["code"] == "bad-character")
    assert (nul["line"], nul["col"]) == (4, 29) and "U+0000" in nul["message"]
    path.write_text('unit: a\nentries:\n  - id: h1\n    note: "说明没有闭合\n    type: progress\n\n\n',
                    encoding="utf-8")
    problems = json.loads(run(broken, "validate", "-f", "json").stdout)["problems"]
    quote = next(p for p in problems if p["code"] == "syntax")
    assert (quote["line"], quote["col"]) == (4, 11) and "引号没有闭合" in quote["message"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_validate_output_golden_in_both_languages(broken: Path, lang: str) -> None:
    from tests.conftest import golden

    (broken / "progress" / "a.yaml").write_text(SEVEN, encoding="utf-8")
    result = run(broken, "validate", "--lang", lang)
    assert result.exit_code == 1
    golden(f"validate-{lang}.txt", result.stdout)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_with_errors_golden_in_both_languages(broken: Path, lang: str) -> None:
    from tests.conftest import golden

    result = run(broken, "report", *AS_OF, "--allow-errors", "--lang", lang)
    assert result.exit_code == 0
    golden(f"report-errors-{lang}.txt", result.stdout)


def test_show_overdue_and_the_units_own_reminder_mark_the_unit_whose_data_has_errors(broken: Path,
                                                                                      tmp_path: Path) -> None:
    show = run(broken, "show", "2", *AS_OF, "--allow-errors")
    assert show.exit_code == 0 and "甲局（数据有误）" in show.stdout
    states = json.loads(run(broken, "show", "2", *AS_OF, "--allow-errors", "-f", "json").stdout)["states"]
    assert {s["unit"]: s["errors"] for s in states}["a"] == 1
    assert "甲局（数据有误）" in run(broken, "overdue", *AS_OF, "--allow-errors").stdout
    out = tmp_path / "n"
    assert run(broken, "remind", *AS_OF, "--allow-errors", "-o", str(out)).exit_code == 0
    reminder = (out / "提醒-甲局.md").read_text(encoding="utf-8")
    assert "你单位的进度文件有 1 个错误" in reminder
