"""tracker template: the return form a unit fills in Excel or WPS, checked as openpyxl reads it back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from tracker.cli.app import app
from tracker.load.form import COLUMNS, HEADER_ROW, STATUS_CHOICES, list_hash

runner = CliRunner()


def run(folder: Path, *args: str) -> Any:
    return runner.invoke(app, ["--root", str(folder), *args])


def col(key: str) -> int:
    return COLUMNS.index(key) + 1


@pytest.fixture
def form(folder: Path, tmp_path: Path) -> Path:
    """市应急局's form as of 2025-09-30, after one entry on task 15."""
    result = run(folder, "record", "15", "--unit", "emergency", "--status", "推进中", "--percent", "40",
                 "--date", "2025-09-01", "--by", "张三")
    assert result.exit_code == 0, result.output
    out = tmp_path / "填报表.xlsx"
    result = run(folder, "template", "--unit", "市应急局", "--as-of", "2025-09-30", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def rows_by_id(ws: Any) -> dict[str, int]:
    return {str(ws.cell(r, 1).value): r for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, 1).value}


def test_form_lists_the_units_items_with_their_state(form: Path, folder: Path) -> None:
    from tracker.load.catalog import load_catalog

    cat = load_catalog(folder / "tasks.yaml", folder / "units.yaml").catalog
    assert cat is not None
    wb = load_workbook(form)
    ws = wb["填报表"]
    assert [c.value for c in ws[HEADER_ROW]][:3] == ["编号", "任务内容", "截止日期"]
    rows = rows_by_id(ws)
    assert list(rows) == [i.id for i in cat.items_of("emergency")]
    r15 = rows["15"]
    assert ws.cell(r15, col("status_now")).value == "推进中"
    assert ws.cell(r15, col("percent_now")).value == 40
    assert ws.cell(r15, col("latest")).value == "2025-09-01"
    assert ws.cell(r15, col("cadence")).value.startswith("每季度")
    assert ws.cell(rows["G2"], col("target")).value == "查处率 100%"
    assert "鄂州市应急管理局" in ws["A2"].value and "2025-09-30" in ws["A2"].value


def test_form_metadata_is_very_hidden_and_names_unit_hash_and_version(form: Path, folder: Path) -> None:
    wb = load_workbook(form)
    assert wb["_meta"].sheet_state == "veryHidden"
    assert wb["填报说明"].sheet_state == "visible" and "下拉列表" in wb["填报说明"]["A5"].value
    meta = {k: v for k, v in wb["_meta"].values}
    assert meta["unit"] == "emergency" and meta["version"] == "1" and meta["form"] == "tracker-return"
    assert meta["list_hash"] == list_hash((folder / "tasks.yaml").read_bytes())


def test_inputs_are_unlocked_and_validated_the_rest_locked(form: Path) -> None:
    ws = load_workbook(form)["填报表"]
    rows = rows_by_id(ws)
    assert ws.protection.sheet
    assert load_workbook(form).security.lockStructure
    r = rows["15"]
    for key in ("status", "percent", "note", "evidence", "date"):
        assert not ws.cell(r, col(key)).protection.locked, key
    for key in ("id", "text", "deadline", "status_now", "percent_now", "latest"):
        assert ws.cell(r, col(key)).protection.locked, key
    assert ws.cell(r, col("value")).protection.locked  # task 15 has no target
    assert not ws.cell(rows["G2"], col("value")).protection.locked
    checks = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    letter = {k: get_column_letter(col(k)) for k in COLUMNS}
    status = next(dv for ref, dv in checks.items() if ref.startswith(letter["status"]))
    assert status.type == "list" and status.formula1 == '"' + ",".join(STATUS_CHOICES) + '"'
    assert f"{letter['status']}{HEADER_ROW + 1}:{letter['status']}{ws.max_row}" == str(status.sqref)
    percent = next(dv for ref, dv in checks.items() if ref.startswith(letter["percent"]))
    assert (percent.type, percent.formula1, percent.formula2) == ("whole", "0", "100")


def test_form_prints_on_a4_landscape(form: Path) -> None:
    ws = load_workbook(form)["填报表"]
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    rows = rows_by_id(ws)
    long, short = rows["9"], rows["1"]  # task 9's text runs to several lines; task 1's fits on one
    assert ws.row_dimensions[long].height > 2 * ws.row_dimensions[short].height


def test_same_date_gives_same_bytes(form: Path, folder: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.xlsx"
    assert run(folder, "template", "--unit", "emergency", "--as-of", "2025-09-30", "-o", str(again)).exit_code == 0
    assert again.read_bytes() == form.read_bytes()


def test_all_writes_one_form_per_reporting_unit(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "forms"
    result = run(folder, "template", "--all", "--as-of", "2025-09-30", "-o", str(out))
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert "填报表-市应急局.xlsx" in files and "填报表-鄂城区.xlsx" in files
    units = {load_workbook(out / f)["_meta"]["B3"].value for f in files}
    assert len(units) == len(files)


@pytest.mark.parametrize("args", [[], ["--all", "--unit", "emergency"]])
def test_unit_or_all_is_required(folder: Path, args: list[str]) -> None:
    result = run(folder, "template", *args)
    assert result.exit_code == 2 and "--unit" in result.output


def test_text_that_looks_like_a_formula_stays_text(folder: Path, tmp_path: Path) -> None:
    tasks = folder / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    assert "text: 建立《全员安全生产责任清单\n" in text
    tasks.write_text(text.replace("text: 建立《全员安全生产责任清单\n", 'text: "=HYPERLINK(\\"http://x\\")"\n'),
                     encoding="utf-8")
    out = tmp_path / "f.xlsx"
    assert run(folder, "template", "--unit", "emergency", "-o", str(out)).exit_code == 0
    ws = load_workbook(out)["填报表"]
    cell = ws.cell(rows_by_id(ws)["1"], col("text"))
    assert (cell.value, cell.data_type) == ('\'=HYPERLINK("http://x")', "s")  # as every workbook does


def test_a_collective_name_gets_no_form(folder: Path, tmp_path: Path) -> None:
    result = run(folder, "template", "--unit", "各区", "-o", str(tmp_path / "g.xlsx"))
    assert result.exit_code == 1 and "各区没有应报送的事项" in result.output
    assert not (tmp_path / "g.xlsx").exists()


# ---------------------------------------------------------------- the renderer itself, on a form built here

def test_the_workbook_is_the_form_and_reads_back_as_one(tmp_path: Path) -> None:
    import dataclasses
    import datetime as dt

    from tests.compute.test_report import load
    from tracker.compute.report import stream_pairs
    from tracker.core.i18n import Lang
    from tracker.load.sheet import read_sheet
    from tracker.render.form import template_workbook
    from tracker.views.form import build_form

    cat, progress = load()
    day = dt.date(2025, 10, 15)
    items = dict(cat.items)
    items["6"] = items["6"]._replace(text="=HYPERLINK(\"http://x\")")  # user text that looks like a formula
    cat = dataclasses.replace(cat, items=items)
    form = build_form(cat, "b", stream_pairs(cat, progress, day), day, "abc123", Lang.ZH)
    data = template_workbook(form)
    assert data == template_workbook(form)  # the same form, the same bytes
    path = tmp_path / "b.xlsx"
    path.write_bytes(data)
    wb = load_workbook(path)
    ws = wb[form.sheet]
    rows = {ws.cell(r, 1).value: r for r in range(HEADER_ROW + 1, ws.max_row + 1)}
    assert list(rows) == [row.cells[0] for row in form.rows]
    text = ws.cell(rows["6"], col("text"))
    assert text.data_type == "s" and not str(text.value).startswith("=")  # made inert: never a formula
    assert str(text.value).endswith('=HYPERLINK("http://x")')
    assert ws.cell(rows["4"], col("value")).protection.locked is False  # a target: a value may be given
    assert ws.cell(rows["6"], col("value")).protection.locked is True
    assert ws.cell(rows["6"], col("status")).protection.locked is False
    back = read_sheet(path, "b.xlsx", Lang.ZH)
    assert back.problems == [] and back.rows == []  # nothing filled in yet
    assert back.meta == dict(form.meta) and wb["_meta"].sheet_state == "veryHidden"


def test_the_written_file_is_named_escaped_at_the_terminal(folder: Path, tmp_path: Path) -> None:
    """A file name holding an escape sequence or a bidi override is shown, never acted on."""
    out = tmp_path / "re\x1b[31mturn\u202e.xlsx"
    result = run(folder, "template", "--unit", "市应急局", "--as-of", "2025-09-30", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.exists() and "re\\x1b[31mturn\\u202e.xlsx" in result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output
