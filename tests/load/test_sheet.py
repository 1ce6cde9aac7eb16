"""Reading a filled return: only the visible form sheet, by headers that are not ambiguous, within sizes
fixed before anything is read (the file, each part of a workbook, rows, columns, a cell's text), from a
regular file only. Every refusal is a problem with a code and a place, never an exception."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from tracker.cli.app import app
from tracker.core.i18n import Lang
from tracker.load.form import COLUMNS, HEADER_ROW, META_SHEET, headers
from tracker.load.sheet import RawSheet, read_sheet

runner = CliRunner()


def make_form(folder: Path, tmp_path: Path, name: str = "form.xlsx") -> Path:
    out = tmp_path / name
    result = runner.invoke(app, ["--root", str(folder), "template", "--unit", "emergency", "--as-of", "2025-09-30",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def col(key: str) -> int:
    return COLUMNS.index(key) + 1


def row_of(ws: Any, task: str) -> int:
    return next(r for r in range(HEADER_ROW + 1, ws.max_row + 1) if str(ws.cell(r, 1).value) == task)


def opened(folder: Path, tmp_path: Path) -> tuple[Path, Any, Any, int]:
    """A new form, its workbook as openpyxl opens it, the form's sheet and task 15's row."""
    form = make_form(folder, tmp_path)
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    return form, wb, ws, row_of(ws, "15")


def read(path: Path) -> RawSheet:
    return read_sheet(path, str(path), Lang.ZH)


def codes(sheet: RawSheet) -> list[str]:
    return [p.code for p in sheet.problems]


def filled(sheet: RawSheet) -> dict[str, tuple[Any, Any]]:
    return {str(r.cells["id"].value): (r.cells["status"].value, r.cells["percent"].value) for r in sheet.rows}


def test_the_form_is_read_with_its_title(folder: Path, tmp_path: Path) -> None:
    form = make_form(folder, tmp_path)
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    ws.cell(row_of(ws, "15"), col("status")).value = "推进中"
    ws.cell(row_of(ws, "15"), col("percent")).value = 40
    wb.save(form)
    sheet = read(form)
    assert sheet.problems == []
    assert sheet.title == "安全生产治本攻坚三年行动重点工作进度填报表（市应急局）"
    assert filled(sheet) == {"15": ("推进中", 40)}
    assert sheet.meta is not None and sheet.meta["unit"] == "emergency"


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_copy_of_the_form_named_by_meta_is_never_read(folder: Path, tmp_path: Path, state: str) -> None:
    """The visible form left empty, a hidden copy saying "done 100%", _meta pointing at the copy."""
    form = make_form(folder, tmp_path)
    wb = load_workbook(form)
    wb.security = None
    copy = wb.copy_worksheet(wb.worksheets[0])
    copy.title = "副本"
    copy.cell(row_of(copy, "15"), col("status")).value = "已完成"
    copy.cell(row_of(copy, "15"), col("percent")).value = 100
    copy.sheet_state = state
    meta = wb["_meta"]
    next(r for r in meta.iter_rows() if r[0].value == "sheet")[1].value = "副本"
    wb.save(form)
    sheet = read(form)
    assert codes(sheet) == ["import-hidden-form"] and sheet.rows == []
    assert "副本" in sheet.problems[0].message(Lang.ZH)


def test_a_hidden_form_is_not_replaced_by_another_sheet(folder: Path, tmp_path: Path) -> None:
    """_meta names a sheet that is not there: the form is the first visible sheet, never a hidden one."""
    form = make_form(folder, tmp_path)
    wb = load_workbook(form)
    wb.security = None
    ws = wb.worksheets[0]
    ws.cell(row_of(ws, "15"), col("status")).value = "已完成"
    ws.cell(row_of(ws, "15"), col("percent")).value = 100
    ws.title = "改名"
    ws.sheet_state = "hidden"
    wb.active = 1
    wb.save(form)
    sheet = read(form)
    assert sheet.rows == [] and codes(sheet) == ["import-no-header"]  # the instructions sheet has none


def test_a_duplicate_header_in_a_hidden_column_is_refused(folder: Path, tmp_path: Path) -> None:
    form = make_form(folder, tmp_path)
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    extra = len(COLUMNS) + 1
    ws.cell(HEADER_ROW, extra).value = "本次状态"
    ws.cell(row_of(ws, "15"), extra).value = "已完成"
    ws.cell(row_of(ws, "15"), col("status")).value = "推进中"
    ws.cell(row_of(ws, "15"), col("percent")).value = 100
    ws.column_dimensions["O"].hidden = True
    wb.save(form)
    sheet = read(form)
    assert codes(sheet) == ["import-duplicate-header"] and sheet.rows == []
    p = sheet.problems[0]
    assert (p.line, p.col) == (HEADER_ROW, extra)
    assert "I3" in p.message(Lang.ZH)  # the first of the two


def test_a_header_in_either_language_counts_once(folder: Path, tmp_path: Path) -> None:
    form = make_form(folder, tmp_path)
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    ws.cell(HEADER_ROW, len(COLUMNS) + 2).value = " New status "
    wb.save(form)
    assert codes(read(form)) == ["import-duplicate-header"]


def test_a_cell_far_outside_the_form_is_refused_at_once(folder: Path, tmp_path: Path) -> None:
    """A 16 KB workbook with one cell at XFD1048576: refused by its place, never a grid of 17 billion cells."""
    form = make_form(folder, tmp_path)
    wb = load_workbook(form)
    wb.worksheets[0]["XFD1048576"] = "x"
    wb.save(form)
    assert form.stat().st_size < 32_000
    sheet = read(form)
    assert codes(sheet) == ["import-out-of-bounds"]
    p = sheet.problems[0]
    assert (p.line, p.col) == (1048576, 16384) and p.path == f"{form}:填报表"


def test_rows_and_columns_are_capped(folder: Path, tmp_path: Path) -> None:
    from tracker.load import sheet as module

    form = make_form(folder, tmp_path)
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    ws.cell(module.MAX_ROW + 1, 1).value = "15"
    wb.save(form)
    assert codes(read(form)) == ["import-out-of-bounds"]
    wb = load_workbook(make_form(folder, tmp_path, "wide.xlsx"))
    ws = wb.worksheets[0]
    ws.cell(HEADER_ROW + 1, module.MAX_COL + 1).value = "a note"
    wb.save(tmp_path / "wide.xlsx")
    assert codes(read(tmp_path / "wide.xlsx")) == ["import-out-of-bounds"]
    wb = load_workbook(make_form(folder, tmp_path, "empty-far.xlsx"))
    ws = wb.worksheets[0]
    ws.cell(module.MAX_ROW + 5, module.MAX_COL + 5).number_format = "0%"  # styled but empty: nothing to read
    wb.save(tmp_path / "empty-far.xlsx")
    assert codes(read(tmp_path / "empty-far.xlsx")) == []


def test_a_cell_longer_than_excel_allows_is_refused(folder: Path, tmp_path: Path) -> None:
    """Excel and openpyxl never write more than 32,767 characters in a cell; a hand-made file can."""
    form, wb, ws, r = opened(folder, tmp_path)
    ws.cell(r, col("status")).value = "推进中"
    ws.cell(r, col("note")).value = "@@note@@"
    wb.save(form)
    _rewrite(form, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"@@note@@", "很长".encode() * 20_000))
    sheet = read(form)
    assert codes(sheet) == ["import-cell-too-long"]
    assert (sheet.problems[0].line, sheet.problems[0].col) == (r, col("note"))


@pytest.mark.parametrize("size", [40_000, 200_000])
def test_a_csv_cell_over_the_limit_is_refused_at_its_line(tmp_path: Path, size: int) -> None:
    """Over csv's own 128 KB field limit it used to be an internal error (exit 3)."""
    head = ",".join(headers(Lang.ZH))
    path = tmp_path / "return.csv"
    path.write_text(f"{head}\n15,,,,,,,,推进中,10,,{'x' * size},,\n", encoding="utf-8")
    sheet = read(path)
    assert codes(sheet) == ["import-cell-too-long"]
    assert sheet.problems[0].line == 2


def test_a_csv_with_too_many_rows_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.load import sheet as module

    monkeypatch.setattr(module, "MAX_ROW", 10)
    head = ",".join(headers(Lang.ZH))
    path = tmp_path / "return.csv"
    path.write_text(head + "\n" + "15,,,,,,,,推进中,10,,,,\n" * 20, encoding="utf-8")
    sheet = read(path)
    assert codes(sheet) == ["import-out-of-bounds"] and sheet.problems[0].line == 11


def test_a_file_larger_than_the_limit_is_refused_unread(tmp_path: Path) -> None:
    from tracker.load import sheet as module

    for name in ("big.csv", "big.xlsx"):
        path = tmp_path / name
        with path.open("wb") as f:
            f.truncate(module.MAX_FILE + 1)  # sparse: nothing is written, nothing need be read
        assert codes(read(path)) == ["import-file-size"]


def test_a_workbook_part_that_unpacks_beyond_the_limit_is_refused(folder: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A zip bomb: the part's declared size is checked before it is unpacked, and enforced while it is."""
    from tracker.load import sheet as module

    form = make_form(folder, tmp_path)
    sheet_xml = zipfile.ZipFile(form).read("xl/worksheets/sheet1.xml")
    monkeypatch.setattr(module, "MAX_PART", len(sheet_xml) - 1)
    sheet = read(form)
    assert codes(sheet) == ["import-part-size"] and "xl/worksheets/sheet1.xml" in sheet.problems[0].message(Lang.EN)


def test_a_value_under_a_merged_range_is_not_read(folder: Path, tmp_path: Path) -> None:
    """LibreOffice can keep the contents of the cells a merge covers; no spreadsheet shows them, so neither
    are they imported: the merged range's value (its top cell) is what every row of it says."""
    form = make_form(folder, tmp_path)
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    r = row_of(ws, "15")
    for row in (r, r + 1):
        ws.cell(row, col("status")).value = "推进中"
        ws.cell(row, col("percent")).value = 10
    ws.cell(r, col("note")).value = "看得见"
    ws.merge_cells(start_row=r, start_column=col("note"), end_row=r + 1, end_column=col("note"))
    wb.save(form)
    cover(form, f"L{r + 1}", "看不见")
    sheet = read(form)
    assert sheet.problems == []
    assert [row.cells["note"].value for row in sheet.rows] == ["看得见", "看得见"]


def test_a_header_under_a_merged_range_is_refused(folder: Path, tmp_path: Path) -> None:
    """A header no one sees (covered by a merge, its text kept in the file) names no column."""
    form = make_form(folder, tmp_path)
    wb = load_workbook(form)
    wb.worksheets[0].merge_cells(start_row=HEADER_ROW, start_column=col("status") - 1, end_row=HEADER_ROW,
                                 end_column=col("status"))
    wb.save(form)
    cover(form, f"I{HEADER_ROW}", "本次状态")
    sheet = read(form)
    assert codes(sheet) == ["import-merged-header"]
    assert (sheet.problems[0].line, sheet.problems[0].col) == (HEADER_ROW, col("status"))


def test_overlapping_merged_ranges_are_refused(folder: Path, tmp_path: Path) -> None:
    """No spreadsheet opens them, so what they show is undefined: refused rather than guessed."""
    form, wb, ws, r = opened(folder, tmp_path)
    ws.cell(r, col("status")).value = "推进中"
    ws.cell(r, col("note")).value = "说明"
    ws.merge_cells(start_row=r, start_column=col("note"), end_row=r + 2, end_column=col("note"))
    ws.merge_cells(start_row=r + 1, start_column=col("note") - 1, end_row=r + 1, end_column=col("note"))
    wb.save(form)
    assert codes(read(form)) == ["import-bad-workbook"]


def cover(form: Path, ref: str, text: str) -> None:
    """Put ``text`` back into the cell ``ref`` a merged range covers (openpyxl writes it with its style only),
    as LibreOffice does when asked to keep the covered cells' contents."""
    import re

    empty = re.compile(rb'<c r="%s"[^>]*>(</c>)?' % ref.encode())
    covered = f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()
    _rewrite(form, "xl/worksheets/sheet1.xml", lambda xml: empty.sub(covered, xml, count=1))
    assert text.encode() in zipfile.ZipFile(form).read("xl/worksheets/sheet1.xml")


def _rewrite(path: Path, part: str, change: Any) -> None:
    """Replace one part of a workbook (as a hand-made or hostile file would have it)."""
    with zipfile.ZipFile(path) as old:
        items = [(info, old.read(info)) for info in old.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in items:
            new.writestr(info, change(data) if info.filename == part else data)
    path.write_bytes(buf.getvalue())


def test_a_document_type_declaration_is_refused(folder: Path, tmp_path: Path) -> None:
    """No part of an xlsx has a DTD; one that does (entity expansion, external entities) is not parsed."""
    form = make_form(folder, tmp_path)
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>')
    _rewrite(form, "xl/workbook.xml", lambda xml: bomb + xml)
    sheet = read(form)
    assert codes(sheet) == ["import-bad-workbook"]


def test_a_damaged_part_is_a_problem_not_a_crash(folder: Path, tmp_path: Path) -> None:
    form = make_form(folder, tmp_path)
    _rewrite(form, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    assert codes(read(form)) == ["import-bad-workbook"]
    form = make_form(folder, tmp_path, "two.xlsx")
    _rewrite(form, "xl/styles.xml", lambda xml: b"")
    assert codes(read(form)) == ["import-bad-workbook"]


def test_rows_out_of_order_are_refused(folder: Path, tmp_path: Path) -> None:
    """Excel writes rows in order and calls a file that does not damaged; a later row 2 would otherwise
    replace what the header row was read from."""
    form = make_form(folder, tmp_path)
    _rewrite(form, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>",
                                                                       b'<row r="2"><c r="A2" t="inlineStr"><is>'
                                                                       b"<t>x</t></is></c></row></sheetData>"))
    assert codes(read(form)) == ["import-bad-workbook"]


def test_an_encrypted_workbook_part_is_a_problem_not_a_crash(folder: Path, tmp_path: Path) -> None:
    """A zip entry marked as encrypted makes Python's zip reader raise RuntimeError when it is opened."""
    form = make_form(folder, tmp_path)
    data = bytearray(form.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        data[at + 8] |= 0x01  # the central directory's flag: encrypted
        at = data.find(b"PK\x01\x02", at + 4)
    form.write_bytes(bytes(data))
    sheet = read(form)
    assert codes(sheet) == ["import-bad-workbook"] and "encrypted" in sheet.problems[0].message(Lang.EN)


# ---------------------------------------------------------------- columns by header, encodings, what is no return

def csv_file(tmp_path: Path, lines: list[str], encoding: str = "utf-8-sig", name: str = "r.csv") -> Path:
    path = tmp_path / name
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def test_a_csv_is_read_by_its_headers_wherever_they_stand(tmp_path: Path) -> None:
    head = ",".join(reversed(headers(Lang.EN)))  # any order, the other language
    path = csv_file(tmp_path, ["某单位填报表", head, ",,,,,,,,,,,,,", "2025-10-01,,,,80,推进中,,,,,,,,15",
                               ",,,,,,,,,,,,,16"])
    sheet = read_sheet(path, "r.csv", Lang.ZH)
    assert sheet.problems == [] and sheet.meta is None and sheet.where == "r.csv"
    [row] = sheet.rows  # the empty row is skipped, and the one with nothing in the input columns
    assert row.row == 4
    assert (row.cells["id"].value, row.cells["status"].value, row.cells["percent"].value) == ("15", "推进中", "80")
    assert tuple(row.cells["percent"].pos) == (4, 5) and row.cells["date"].value == "2025-10-01"


def test_a_csv_from_a_chinese_windows_is_read_as_gb18030(tmp_path: Path) -> None:
    path = csv_file(tmp_path, [",".join(headers(Lang.ZH)), "15,,,,,,,,已完成,,,按期完成,,"], encoding="gb18030")
    [row] = read_sheet(path, "r.csv", Lang.ZH).rows
    assert row.cells["status"].value == "已完成" and row.cells["note"].value == "按期完成"


def test_what_is_no_return_says_so(tmp_path: Path) -> None:
    def code(path: Path) -> list[str]:
        return [p.code for p in read_sheet(path, path.name, Lang.ZH).problems]

    assert code(csv_file(tmp_path, ["a,b", "1,2"])) == ["import-no-header"]
    # 任务内容 too: each row must name its task as the list does
    assert code(csv_file(tmp_path, ["编号,本次状态", "15,推进中"])) == ["import-missing-column"] * 6
    (tmp_path / "r.xls").write_bytes(b"\xd0\xcf")
    assert code(tmp_path / "r.xls") == ["import-format"]
    (tmp_path / "w.csv").write_bytes(b"PK\x03\x04rest")
    assert code(tmp_path / "w.csv") == ["import-workbook-as-csv"]
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04not a zip")
    assert code(tmp_path / "broken.xlsx") == ["import-unreadable"]
    wb = Workbook()
    wb.save(tmp_path / "plain.xlsx")
    assert code(tmp_path / "plain.xlsx") == ["import-no-meta"]


def test_a_workbook_gives_its_metadata_merged_cells_and_formulas(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "填报"
    ws.append(["标题"])
    ws.append(["单位"])
    ws.append(list(headers(Lang.ZH)))
    ws.append(["15", *[None] * 7, "推进中", 0.8, None, "两行共用的说明", None, None])
    ws.append(["16", *[None] * 7, "推进中", "=A4*2", None, None, None, None])
    ws.merge_cells("L4:L5")
    ws.cell(4, 10).number_format = "0%"
    meta = wb.create_sheet(META_SHEET)
    for key, value in (("form", "tracker-return"), ("unit", "emergency"), ("sheet", "填报")):
        meta.append([key, value])
    wb.save(tmp_path / "r.xlsx")
    sheet = read_sheet(tmp_path / "r.xlsx", "r.xlsx", Lang.ZH)
    assert sheet.problems == [] and sheet.where == "r.xlsx:填报"
    assert sheet.meta == {"form": "tracker-return", "unit": "emergency", "sheet": "填报"}
    first, second = sheet.rows
    assert first.cells["percent"].percent_format and first.cells["percent"].value == 0.8
    assert second.cells["note"].value == "两行共用的说明" and tuple(second.cells["note"].pos) == (5, 12)
    assert second.cells["percent"].formula == "=A4*2" and second.cells["percent"].value is None  # never computed
