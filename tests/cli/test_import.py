"""tracker import: a return made by tracker template, filled as Excel, WPS or LibreOffice leave it, taken in
with the rules of tracker record; any bad row refuses the lot, and nothing is taken in twice."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.conftest import SHIPPED
from tracker.cli.app import app
from tracker.load.form import COLUMNS, HEADER_ROW

runner = CliRunner()
AS_OF = "2025-09-30"


def run(folder: Path, *args: str) -> Any:
    return runner.invoke(app, ["--root", str(folder), *args])


def make_form(folder: Path, tmp_path: Path, unit: str = "emergency", name: str = "form.xlsx") -> Path:
    out = tmp_path / name
    result = run(folder, "template", "--unit", unit, "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def fill(path: Path, rows: dict[str, dict[str, Any]], out: Path | None = None) -> Path:
    """Type ``rows`` (task id -> column key -> value) into the form, as a user would."""
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    where = {str(ws.cell(r, 1).value): r for r in range(HEADER_ROW + 1, ws.max_row + 1)}
    for task, cells in rows.items():
        for key, value in cells.items():
            ws.cell(where[task], COLUMNS.index(key) + 1).value = value
    target = out or path
    wb.save(target)
    return target


def pairs(folder: Path) -> dict[str, dict[str, Any]]:
    result = run(folder, "report", "--as-of", AS_OF, "--unit", "emergency", "--format", "json")
    assert result.exit_code == 0, result.output
    return {p["item"]: p for p in json.loads(result.stdout)["pairs"] if p["unit"] == "emergency"}


def progress_lines(folder: Path, unit: str = "emergency") -> list[dict[str, Any]]:
    path = folder / "progress" / f"{unit}.yaml"
    if not path.exists():
        return []
    return [json.loads(line[2:]) for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("- {")]


GOOD = {
    "15": {"status": "推进中 ", "percent": "８０％", "note": "三季度带队检查3次  ",
           "evidence": "检查记录.pdf；照片.zip", "date": "2025年9月26日"},
    "G2": {"status": "推进中", "percent": 70, "value": 96.5, "date": dt.datetime(2025, 9, 20)},
    "17": {"status": "已完成", "date": "2025/9/28"},
    "38": {"status": "受阻", "percent": 20, "note": "演练场地未落实", "date": "2025.9.1"},
}


def test_round_trip_template_fill_import_report(folder: Path, tmp_path: Path) -> None:
    form = fill(make_form(folder, tmp_path), GOOD)
    result = run(folder, "import", str(form), "--by", "张三")
    assert result.exit_code == 0, result.output
    assert "新增4条" in result.output
    got = pairs(folder)
    assert (got["15"]["status"], got["15"]["percent"], got["15"]["latest_date"]) == ("in-progress", 80, "2025-09-26")
    assert got["15"]["latest_note"] == "三季度带队检查3次"
    assert (got["G2"]["percent"], got["G2"]["value"], got["G2"]["latest_date"]) == (70, 96.5, "2025-09-20")
    assert (got["17"]["status"], got["17"]["percent"], got["17"]["latest_date"]) == ("done", 100, "2025-09-28")
    assert (got["38"]["status"], got["38"]["latest_date"]) == ("blocked", "2025-09-01")
    recs = {r["task"]: r for r in progress_lines(folder)}
    assert recs[15]["evidence"] == ["检查记录.pdf", "照片.zip"] and recs[15]["by"] == "张三"
    assert all(r["source"].startswith("sheet:") for r in recs.values())
    assert run(folder, "validate").exit_code == 0


def test_importing_the_same_sheet_again_adds_nothing(folder: Path, tmp_path: Path) -> None:
    form = fill(make_form(folder, tmp_path), GOOD)
    assert run(folder, "import", str(form)).exit_code == 0
    before = (folder / "progress" / "emergency.yaml").read_bytes()
    again = run(folder, "import", str(form))
    assert again.exit_code == 0, again.output
    assert "新增0条，跳过4条" in again.output
    assert (folder / "progress" / "emergency.yaml").read_bytes() == before
    changed = fill(form, {"15": {"percent": 90}}, tmp_path / "changed.xlsx")
    third = run(folder, "import", str(changed))
    assert "新增1条，跳过3条" in third.output
    assert pairs(folder)["15"]["percent"] == 90


def test_an_undated_row_is_not_new_again_the_next_day(folder: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.core.dates

    form = fill(make_form(folder, tmp_path), {"15": {"status": "推进中", "percent": 30}})
    monkeypatch.setattr(tracker.core.dates, "today_cst", lambda: dt.date(2025, 10, 1))
    assert run(folder, "import", str(form)).exit_code == 0
    monkeypatch.setattr(tracker.core.dates, "today_cst", lambda: dt.date(2025, 10, 2))
    again = run(folder, "import", str(form))
    assert "新增0条，跳过1条" in again.output
    assert [r["date"] for r in progress_lines(folder)] == ["2025-10-01"]


def test_dry_run_writes_nothing(folder: Path, tmp_path: Path) -> None:
    form = fill(make_form(folder, tmp_path), GOOD)
    result = run(folder, "import", "--dry-run", str(form))
    assert result.exit_code == 0 and "新增4条" in result.output and "试运行" in result.output
    assert progress_lines(folder) == []


BAD_ROWS = [
    ({"status": "完工"}, "status", "无法识别的状态"),
    ({"percent": 50}, "status", "未选择本次状态"),
    ({"status": "推进中", "percent": "八十"}, "percent", "应为数字"),
    ({"status": "推进中", "percent": 120}, "percent", "进度 120 超出范围 0–100"),
    ({"status": "已完成", "percent": 90}, "percent", "状态为已完成，进度却是 90"),
    ({"status": "推进中"}, "percent", "状态为推进中时需要填写进度"),
    ({"status": "受阻", "percent": 10}, "note", "受阻的记录必须在说明中写明原因"),
    ({"status": "推进中", "percent": 10, "value": 5}, "value", "任务 15 没有量化目标"),
    ({"status": "推进中", "percent": 10, "date": "2025.13.1"}, "date", "无法识别的日期"),
    ({"status": "推进中", "percent": 10, "date": "2099-01-01"}, "date", "不在计划期内（2025-01-01 至 2026-12-31）"),
    ({"status": "推进中", "percent": 10, "date": "2025-10-20"}, "date", "在未来（今天是 2025-10-01）"),
    ({"status": "推进中", "percent": "=1+"}, "percent", "公式没有计算结果"),
]


@pytest.mark.parametrize(("cells", "key", "words"), BAD_ROWS)
def test_every_bad_row_is_refused_at_its_cell(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              cells: dict[str, Any], key: str, words: str) -> None:
    import tracker.core.dates

    monkeypatch.setattr(tracker.core.dates, "today_cst", lambda: dt.date(2025, 10, 1))
    form = fill(make_form(folder, tmp_path), {"G2": {"status": "推进中", "percent": 10}, "15": cells})
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    row = next(r for r in range(HEADER_ROW + 1, ws.max_row + 1) if str(ws.cell(r, 1).value) == "15")
    cell = ws.cell(row, COLUMNS.index(key) + 1).coordinate
    result = run(folder, "import", str(form))
    assert result.exit_code == 1
    assert f"{form}:填报表!{cell}: " in result.output and words in result.output, result.output
    assert "未导入任何记录" in result.output
    assert progress_lines(folder) == []  # the good row (G2) is not written either


def test_every_problem_of_every_file_is_reported_at_once(folder: Path, tmp_path: Path) -> None:
    one = fill(make_form(folder, tmp_path), {"15": {"status": "完工"}, "17": {"status": "推进中", "percent": 101}})
    two = fill(make_form(folder, tmp_path, "fire-rescue", "two.xlsx"), {"15": {"status": "推进中"}})
    result = run(folder, "--lang", "en", "import", str(one), str(two))
    assert result.exit_code == 1
    assert result.output.count("form.xlsx:Return!") + result.output.count("form.xlsx:填报表!") == 2
    assert "two.xlsx:填报表!" in result.output and "3 problem(s); nothing was imported" in result.output
    assert 'unknown status "完工"' in result.output


def test_a_sheet_of_another_unit_is_refused(folder: Path, tmp_path: Path) -> None:
    form = fill(make_form(folder, tmp_path, "fire-rescue"), {"15": {"status": "推进中", "percent": 10}})
    result = run(folder, "import", "--unit", "市应急局", str(form))
    assert result.exit_code == 1
    assert "这是市消防救援局的填报表，不是市应急局的" in result.output
    assert not (folder / "progress" / "fire-rescue.yaml").exists()
    assert run(folder, "import", "--unit", "fire-rescue", str(form)).exit_code == 0


def test_a_sheet_made_from_an_older_task_list_is_refused(folder: Path, tmp_path: Path) -> None:
    form = fill(make_form(folder, tmp_path), {"15": {"status": "推进中", "percent": 10}})
    tasks = folder / "tasks.yaml"
    tasks.write_bytes(tasks.read_bytes() + b"# a later edit of the list\n")
    result = run(folder, "import", str(form))
    assert result.exit_code == 1 and "任务清单已变化" in result.output
    assert progress_lines(folder) == []


def test_a_workbook_not_made_by_template_is_refused(folder: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    stray = tmp_path / "stray.xlsx"
    Workbook().save(stray)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    result = run(folder, "import", str(stray), str(broken), str(old), str(tmp_path / "missing.xlsx"))
    assert result.exit_code == 1
    assert f"{old}: 不能导入.xls文件\n    提示：请在 WPS 或 Excel 中另存为 .xlsx" in result.output
    assert f"{tmp_path / 'missing.xlsx'}: 无法读取：No such file or directory" in result.output
    assert f"{stray}: 不是 tracker template 生成的填报表" in result.output
    assert f"{broken}: 无法读取" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", ["return.csv", "return.xls", "return.XLSM", "return"])
def test_a_return_under_any_name_but_xlsx_is_refused_and_nothing_written(folder: Path, tmp_path: Path,
                                                                        name: str) -> None:
    out = tmp_path / "out"
    result = run(folder, "template", "--unit", "emergency", "--as-of", AS_OF, "-o", str(out / name))
    assert result.exit_code == 2
    assert f"{out / name} 应以 .xlsx 结尾，未写入任何内容" in result.output
    english = run(folder, "--lang", "en", "template", "--unit", "emergency", "-o", str(out / name))
    assert english.exit_code == 2 and "must end in .xlsx" in english.output
    assert not out.exists()
    make_form(folder, out, name="RETURN.XLSX")  # the suffix in any case
    every = run(folder, "template", "--all", "--as-of", AS_OF, "-o", str(out / "returns.xlsx"))
    assert every.exit_code == 2 and "-o 应是文件夹" in every.output
    assert [p.name for p in out.iterdir()] == ["RETURN.XLSX"]


def test_a_workbook_named_csv_is_refused_as_such(folder: Path, tmp_path: Path) -> None:
    misnamed = make_form(folder, tmp_path).rename(tmp_path / "return.csv")
    result = run(folder, "import", "--unit", "emergency", str(misnamed))
    assert result.exit_code == 1
    said = f"{misnamed}: 文件名以 .csv 结尾，内容却是 Excel 工作簿（.xlsx）\n    提示：把文件改名为 .xlsx"
    assert said in result.output
    assert progress_lines(folder) == []


def test_merged_hidden_and_empty_rows_and_excel_percent_cells(folder: Path, tmp_path: Path) -> None:
    form = make_form(folder, tmp_path)
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    where = {str(ws.cell(r, 1).value): r for r in range(HEADER_ROW + 1, ws.max_row + 1)}
    col = {k: COLUMNS.index(k) + 1 for k in COLUMNS}
    r15 = where["15"]
    r17 = r15 + 1  # the next item of the unit
    nxt = str(ws.cell(r17, 1).value)
    for r in (r15, r17):
        ws.cell(r, col["status"]).value = "推进中"
        ws.cell(r, col["date"]).value = "2025-09-15"
    ws.cell(r15, col["percent"]).value = 0.6
    ws.cell(r15, col["percent"]).number_format = "0%"  # typed as 60% in Excel
    ws.cell(r17, col["percent"]).value = 40
    ws.cell(r17, col["date"]).value = 45915  # an Excel date serial left in a General cell: 2025-09-15
    ws.cell(r15, col["note"]).value = "两项合并说明"
    ws.merge_cells(start_row=r15, start_column=col["note"], end_row=r17, end_column=col["note"])
    ws.row_dimensions[r17].hidden = True
    ws.title = "市应急局9月"  # renamed, as people do
    ws.insert_rows(ws.max_row + 1, 3)  # trailing empty rows
    ws.cell(ws.max_row + 2, col["note"]).value = " "  # a stray space below the list
    wb.save(form)
    result = run(folder, "import", str(form))
    assert result.exit_code == 0, result.output
    got = pairs(folder)
    assert (got["15"]["percent"], got["15"]["latest_note"]) == (60, "两项合并说明")
    assert (got[nxt]["percent"], got[nxt]["latest_note"]) == (40, "两项合并说明")
    assert got[nxt]["latest_date"] == "2025-09-15"


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """A CSV of the form's columns, each row's 任务内容 the list's (as a form saved as CSV has it)."""
    import csv
    import io

    from tracker.load.catalog import load_catalog

    cat = load_catalog(SHIPPED / "tasks.yaml", SHIPPED / "units.yaml").catalog
    assert cat is not None
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row[0], cat.items[row[0]].text if row[0] in cat.items else "", *row[2:]])
    return buf.getvalue()


def test_csv_with_the_same_columns(folder: Path, tmp_path: Path) -> None:
    from tracker.core.i18n import Lang
    from tracker.load.form import headers

    rows = [["15", "", "", "", "", "", "", "", "推进中", "６５％", "", "“带队检查”", "a.pdf", "2025年9月1日"],
            ["16", *[""] * 13]]
    csv = tmp_path / "return.csv"
    csv.write_bytes(csv_text(list(headers(Lang.ZH)), rows).encode("gb18030"))  # as WPS saves it on Windows
    refused = run(folder, "import", str(csv))
    assert refused.exit_code == 1 and "--unit" in refused.output
    result = run(folder, "import", "--unit", "emergency", str(csv))
    assert result.exit_code == 0, result.output
    assert pairs(folder)["15"]["percent"] == 65


def test_a_csv_row_is_bound_to_its_task_text_too(folder: Path, tmp_path: Path) -> None:
    from tracker.core.i18n import Lang
    from tracker.load.form import headers

    head = ",".join(headers(Lang.ZH))
    csv = tmp_path / "return.csv"
    csv.write_text(f"{head}\n15,,,,,,,,推进中,10,,,,2025-09-01\n", encoding="utf-8")
    result = run(folder, "import", "--unit", "emergency", str(csv))
    assert result.exit_code == 1 and f"{csv}!A2: 编号 \"15\" 与本行的任务内容不符" in result.output


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(libreoffice() is None, reason="LibreOffice is not installed")
def test_round_trip_through_libreoffice(folder: Path, tmp_path: Path) -> None:
    """The filled form saved again by headless LibreOffice (as a unit without Excel would) imports the same."""
    filled = fill(make_form(folder, tmp_path), GOOD)
    wb = load_workbook(filled)
    ws = wb.worksheets[0]
    where = {str(ws.cell(r, 1).value): r for r in range(HEADER_ROW + 1, ws.max_row + 1)}
    ws.cell(where["G3"], COLUMNS.index("status") + 1).value = "推进中"
    ws.cell(where["G3"], COLUMNS.index("percent") + 1).value = "=20+30"  # LibreOffice computes it on save
    ws.cell(where["G3"], COLUMNS.index("date") + 1).value = "2025-09-29"
    wb.save(filled)
    out = tmp_path / "lo"
    out.mkdir()
    profile = tmp_path / "lo-profile"
    done = subprocess.run([libreoffice() or "", f"-env:UserInstallation=file://{profile}", "--headless",
                           "--convert-to", "xlsx", "--outdir", str(out), str(filled)],
                          capture_output=True, timeout=180)
    converted = out / filled.name
    assert done.returncode == 0 and converted.exists(), done.stderr
    assert converted.read_bytes() != filled.read_bytes()
    result = run(folder, "import", str(converted))
    assert result.exit_code == 0, result.output
    got = pairs(folder)
    assert (got["15"]["percent"], got["15"]["latest_date"]) == (80, "2025-09-26")
    assert (got["G2"]["value"], got["G2"]["latest_date"]) == (96.5, "2025-09-20")
    assert got["G3"]["percent"] == 50
    assert "新增0条，跳过5条" in run(folder, "import", str(converted)).output
    unsaved = run(folder, "import", str(filled))  # openpyxl leaves the formula without a computed value
    assert unsaved.exit_code == 1 and "公式没有计算结果（=20+30）" in unsaved.output


def test_rule_problems_in_english_and_rows_of_items_the_unit_does_not_own(folder: Path, tmp_path: Path) -> None:
    from tracker.core.i18n import Lang
    from tracker.load.form import headers

    csv = tmp_path / "return.csv"
    rows = [["19", "", "", "", "", "", "", "", "推进中", "10", "", "", "", "2025-09-01"],
            ["15", "", "", "", "", "", "", "", "in-progress", "120", "", "", "", "2025-09-01"]]
    csv.write_text(csv_text(list(headers(Lang.EN)), rows), encoding="utf-8-sig")
    result = run(folder, "--lang", "en", "import", "--unit", "emergency", str(csv))
    assert result.exit_code == 1
    assert f"{csv}!A2: 市应急局 is not responsible for task 19\n    hint: task 19 is reported by: " \
        in result.output
    assert f"{csv}!J3: percent 120 is outside 0–100" in result.output


def test_a_row_with_an_unreadable_cell_is_still_checked_for_the_rest(folder: Path, tmp_path: Path) -> None:
    form = fill(make_form(folder, tmp_path), {"15": {"status": "受阻", "percent": "八十", "value": 3}})
    result = run(folder, "import", str(form))
    assert result.exit_code == 1
    for words in ("应为数字", "受阻的记录必须在说明中写明原因", "任务 15 没有量化目标"):
        assert words in result.output, words
    assert "共3个问题" in result.output  # the unreadable percent is not reported again as missing


def test_an_english_form_is_read_by_its_headers(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "return.xlsx"
    made = run(folder, "--lang", "en", "template", "--unit", "emergency", "--as-of", AS_OF, "-o", str(out))
    assert made.exit_code == 0, made.output
    ws = load_workbook(out).worksheets[0]
    assert (ws.title, ws.cell(HEADER_ROW, COLUMNS.index("status") + 1).value) == ("Return", "New status")
    fill(out, {"15": {"status": "in-progress", "percent": 35, "date": "2025-09-02"}})
    result = run(folder, "import", str(out))
    assert result.exit_code == 0, result.output
    assert pairs(folder)["15"]["percent"] == 35


@pytest.mark.parametrize(("key", "value", "words"), [
    ("version", "2", "填报表版本 2 比本工具支持的版本 1 新"),
    ("version", "一", "填报表的元数据无法识别"),
    ("form", "something-else", "填报表的元数据无法识别"),
    ("unit", "nobody", '填报表所属单位 "nobody" 不在 units.yaml 中'),
])
def test_a_return_with_metadata_this_tool_cannot_trust_is_refused(folder: Path, tmp_path: Path, key: str,
                                                                  value: str, words: str) -> None:
    form = fill(make_form(folder, tmp_path), {"15": {"status": "推进中", "percent": 10}})
    wb = load_workbook(form)
    meta = wb["_meta"]
    row = next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == key)
    meta.cell(row, 2).value = value
    wb.save(form)
    result = run(folder, "import", str(form))
    assert result.exit_code == 1 and f"{form}: {words}" in result.output, result.output
    assert progress_lines(folder) == []


def test_returns_of_two_units_are_taken_in_all_or_nothing(folder: Path, tmp_path: Path) -> None:
    """When one unit's file refuses its rows, the other unit's rows are not written either."""
    one = fill(make_form(folder, tmp_path), {"15": {"status": "推进中", "percent": 10}})
    two = fill(make_form(folder, tmp_path, "fire-rescue", "two.xlsx"), {"15": {"status": "推进中", "percent": 20}})
    broken = folder / "progress" / "fire-rescue.yaml"
    broken.write_text("unit: fire-rescue\nentries:\n- {\"id\": \"x\", \"type\": \"progress\"}\n", encoding="utf-8")
    result = run(folder, "import", str(one), str(two))
    assert result.exit_code == 1 and "已有错误" in result.output
    assert not (folder / "progress" / "emergency.yaml").exists()


def test_the_same_undated_row_in_next_months_return_is_a_new_report(folder: Path, tmp_path: Path) -> None:
    row = {"15": {"status": "推进中", "percent": 60}}
    first = fill(make_form(folder, tmp_path), row)
    assert run(folder, "import", str(first)).exit_code == 0
    later = tmp_path / "later.xlsx"
    made = run(folder, "template", "--unit", "emergency", "--as-of", "2025-10-31", "-o", str(later))
    assert made.exit_code == 0, made.output
    result = run(folder, "import", str(fill(later, row)))
    assert result.exit_code == 0 and "新增1条" in result.output


# ---------------------------------------------------------------- a return is bound to its unit and its form

def set_meta(form: Path, key: str, value: str) -> None:
    wb = load_workbook(form)
    meta = wb["_meta"]
    next(r for r in meta.iter_rows() if r[0].value == key)[1].value = value
    wb.save(form)


def test_a_return_whose_hidden_unit_was_changed_is_refused(folder: Path, tmp_path: Path) -> None:
    """市应急局's return with _meta's unit set to fire-rescue: the README's routine used to write its rows into
    progress/fire-rescue.yaml. The visible title names the unit too, and both must agree."""
    form = fill(make_form(folder, tmp_path), {"15": {"status": "已完成"}})
    set_meta(form, "unit", "fire-rescue")
    result = run(folder, "import", str(form), "--by", "张三")
    assert result.exit_code == 1, result.output
    assert f"{form}: 标题" in result.output and "市消防救援局" in result.output and "市应急局" in result.output
    assert not (folder / "progress" / "fire-rescue.yaml").exists()
    assert progress_lines(folder) == []
    english = run(folder, "--lang", "en", "import", str(form))
    assert english.exit_code == 1 and "title" in english.output


def test_a_title_edited_to_another_unit_is_refused(folder: Path, tmp_path: Path) -> None:
    form = fill(make_form(folder, tmp_path), {"15": {"status": "已完成"}})
    wb = load_workbook(form)
    wb.worksheets[0]["A1"].value = "安全生产治本攻坚三年行动重点工作进度填报表（市消防救援局）"
    wb.save(form)
    result = run(folder, "import", str(form))
    assert result.exit_code == 1 and "标题" in result.output
    assert progress_lines(folder) == []


def test_an_edited_task_id_does_not_move_a_row_to_another_task(folder: Path, tmp_path: Path) -> None:
    """The 编号 column is locked by a protection without a password; removed, 编号 15 typed over with 16 must
    not report task 16: the row's 任务内容 is still task 15's."""
    form = fill(make_form(folder, tmp_path), {"15": {"status": "已完成"}})
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    ws.protection.sheet = False
    row = next(r for r in range(HEADER_ROW + 1, ws.max_row + 1) if str(ws.cell(r, 1).value) == "15")
    ws.cell(row, 1).value = "16"
    wb.save(form)
    result = run(folder, "import", str(form))
    assert result.exit_code == 1, result.output
    assert f"{form}:填报表!A{row}: " in result.output and "任务内容" in result.output
    assert progress_lines(folder) == []


def git_identity(folder: Path, name: str, email: str) -> None:
    for args in (["init", "-q"], ["config", "user.name", name], ["config", "user.email", email]):
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def with_maintainers(folder: Path, entries: dict[str, str]) -> None:
    units = folder / "units.yaml"
    text = units.read_text(encoding="utf-8")
    for short, who in entries.items():
        head = f"    short: {short}\n"
        assert head in text
        text = text.replace(head, f"{head}    maintainers: [{who}]\n", 1)
    units.write_text(text, encoding="utf-8")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_only_the_units_maintainers_and_the_office_import_its_return(folder: Path, tmp_path: Path) -> None:
    with_maintainers(folder, {"市安防办": "办公室 <office@example.org>", "市应急局": "张三 <zs@example.org>",
                              "市消防救援局": "李四 <ls@example.org>"})
    ours = fill(make_form(folder, tmp_path), {"15": {"status": "推进中", "percent": 10}})
    theirs = fill(make_form(folder, tmp_path, "fire-rescue", "theirs.xlsx"),
                  {"15": {"status": "推进中", "percent": 20}})
    git_identity(folder, "李四", "ls@example.org")
    refused = run(folder, "import", str(ours), "--by", "张三")
    assert refused.exit_code == 1
    assert f"{ours}: 李四 <ls@example.org> 不是市应急局的维护人" in refused.output, refused.output
    assert run(folder, "import", "--unit", "emergency", str(ours)).exit_code == 1
    assert progress_lines(folder) == []
    git_identity(folder, "张三", "zs@example.org")
    assert run(folder, "import", str(theirs)).exit_code == 1
    assert run(folder, "import", str(ours)).exit_code == 0
    git_identity(folder, "办公室", "office@example.org")
    done = run(folder, "import", str(theirs))
    assert done.exit_code == 0, done.output
    assert [r["percent"] for r in progress_lines(folder, "fire-rescue")] == [20]


def test_every_message_is_escaped_for_the_terminal(folder: Path, tmp_path: Path) -> None:
    """Cell text, _meta and file names reach the terminal only as visible escapes: no ESC, no C1 CSI (U+009B),
    no bidi override."""
    form = fill(make_form(folder, tmp_path, name="re\x1b[31mturn.xlsx"),
                {"15": {"status": "完\u009b2J工\u202e"}})
    odd = make_form(folder, tmp_path, name="meta\u202e.xlsx")
    set_meta(odd, "form", "x\u009b31m")
    empty = make_form(folder, tmp_path, name="empty\u009b.xlsx")
    result = run(folder, "import", str(form), str(odd))
    assert result.exit_code == 1
    assert "\\x1b[31m" in result.output and "\\x9b2J" in result.output and "\\u202e" in result.output
    assert "\\x9b31m" in result.output
    nothing = run(folder, "import", str(empty))
    assert nothing.exit_code == 0 and "empty\\x9b.xlsx" in nothing.output
    for output in (result.output, nothing.output):
        assert not any(ch in output for ch in "\x1b\u009b\u202e"), output


def tracker_process(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """``tracker`` in a process of its own, with 2 GB of memory and a minute at most."""
    import resource
    import sys

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    return subprocess.run([sys.executable, "-m", "tracker", "--root", str(folder), *args], capture_output=True,
                          timeout=60, preexec_fn=limit)


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo") or not Path("/dev/zero").exists(),
                    reason="no FIFOs or /dev/zero here")
def test_a_fifo_or_a_device_is_refused_without_waiting_or_reading(folder: Path, tmp_path: Path) -> None:
    """A FIFO used to hang the import and a .csv link to /dev/zero to read until memory ran out (exit 3)."""
    import os

    fifo = tmp_path / "return.csv"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.csv"
    zero.symlink_to("/dev/zero")
    book = tmp_path / "zero.xlsx"
    book.symlink_to("/dev/zero")
    done = tracker_process(folder, "import", "--unit", "emergency", str(fifo), str(zero), str(book))
    err = done.stderr.decode("utf-8")
    assert done.returncode == 1, err
    assert f"{fifo}: 不是普通文件（命名管道）" in err and f"{zero}: 不是普通文件（设备）" in err
    assert f"{book}: 不是普通文件（设备）" in err


def test_a_huge_cell_in_a_csv_is_a_problem_not_an_internal_error(folder: Path, tmp_path: Path) -> None:
    from tracker.core.i18n import Lang
    from tracker.load.form import headers

    csv = tmp_path / "return.csv"
    csv.write_text(",".join(headers(Lang.ZH)) + "\n15,,,,,,,,推进中,10,," + "x" * 200_000 + ",,\n", encoding="utf-8")
    result = run(folder, "import", "--unit", "emergency", str(csv))
    assert result.exit_code == 1, result.output
    assert f"{csv}!L2: " in result.output and "32767" in result.output
