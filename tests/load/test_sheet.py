"""Reading a filled return back as raw rows whose cells keep their positions: columns found by their headers
in either language, empty rows skipped, merged cells and formulas read as the spreadsheet shows them."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from tracker.core.i18n import Lang
from tracker.load.form import META_SHEET, headers
from tracker.load.sheet import read_sheet


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
    assert code(csv_file(tmp_path, ["编号,本次状态", "15,推进中"])) == ["import-missing-column"] * 5
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
