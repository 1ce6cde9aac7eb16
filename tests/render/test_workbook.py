"""Printouts that fit: the report's workbook and the return form on the example folder print on A4 no smaller
than 9 pt, wrapped, the header on every page."""

from __future__ import annotations

import io

import pytest

from tests.conftest import published
from tracker.core.i18n import Lang
from tracker.render.workbook import _PAGE_UNITS, MIN_SCALE, workbook


@pytest.fixture(scope="module")
def book(example):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    cat, report = example
    return load_workbook(io.BytesIO(published("xlsx", cat, report)))


def test_every_sheet_prints_no_smaller_than_9_pt(book) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.utils import get_column_letter

    for ws in book.worksheets:
        widths = [ws.column_dimensions[get_column_letter(c)].width for c in range(1, ws.max_column + 1)]
        landscape = ws.page_setup.orientation == "landscape"
        fitted = min(1.0, _PAGE_UNITS[landscape] / sum(widths))  # the scale fitting to the width gives
        assert fitted * 11 >= 9 - 0.05, (ws.title, fitted)
        assert ws.page_setup.fitToHeight == 0  # never squeezed onto one page
        if not landscape:
            assert sum(widths) <= _PAGE_UNITS[False] / MIN_SCALE, ws.title


def test_long_text_wraps_in_rows_tall_enough(book) -> None:  # type: ignore[no-untyped-def]
    ws = next(s for s in book.worksheets if s.title.startswith("黄色预警（"))
    headers = [c.value for c in ws[2]]
    task = headers.index("年度量化目标任务") + 1
    from openpyxl.utils import get_column_letter

    width = ws.column_dimensions[get_column_letter(task)].width
    long_rows = [r for r in range(3, ws.max_row + 1)  # at least twice as wide as the column
                 if isinstance(ws.cell(r, task).value, str) and len(ws.cell(r, task).value) > width]
    assert long_rows
    for r in long_rows:
        assert ws.cell(r, task).alignment.wrap_text and ws.row_dimensions[r].height >= 30
    summary = book["概览"]
    headline = next(r for r in range(1, summary.max_row + 1) if str(summary.cell(r, 2).value).startswith("截至"))
    assert summary.cell(headline, 2).alignment.wrap_text and summary.row_dimensions[headline].height >= 30


def test_the_return_form_prints_no_smaller_than_9_pt(example) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from tracker.render.form import template_workbook
    from tracker.views.form import build_form

    cat, report = example
    form = template_workbook(build_form(cat, "transport", report.pairs, report.as_of, "0" * 64, Lang.ZH))
    ws = load_workbook(io.BytesIO(form)).worksheets[0]
    widths = [d.width for d in ws.column_dimensions.values() if d.width]
    assert ws.page_setup.scale is None and ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert _PAGE_UNITS[True] / sum(widths) * 11 >= 9 and ws.oddFooter.center.text == "&P / &N"


def test_any_title_makes_a_valid_sheet_name() -> None:
    """A sheet's name is a title cleaned as Excel requires: no ``: \\ / ? * [ ]``, no quote at either end, no
    control character, at most 31 characters, unique whatever the case. Any plan title with ':' used to end
    the command as an internal error."""
    import datetime as dt

    from openpyxl import load_workbook

    from tracker.views.tables import Table

    titles = ["Progress return: 鄂州", "a/b\\c?d*e[f]g", "'quoted'", "\x1b[31mred", "x" * 40, "PROGRESS RETURN: 鄂州",
              ""]
    tables = [Table(["h"], [[1]], [{}], [""], ["int"], t) for t in titles]
    data = workbook([("Summary: all", "Summary: all")], tables, dt.datetime(2025, 9, 30))
    names = load_workbook(io.BytesIO(data)).sheetnames
    assert names[0] == "Summary： all"
    assert names[1] == "Progress return： 鄂州"
    assert names[2] == "a／b＼c？d＊e［f］g"
    assert names[3] == "quoted"
    assert names[4] == "＼x1b［31mred"  # the control shown escaped, its backslash full-width
    assert names[5] == "x" * 31
    assert names[6] != names[1] and names[6].lower() != names[1].lower() and len(names[6]) <= 31
    assert names[7] and len(set(n.lower() for n in names)) == len(names)
