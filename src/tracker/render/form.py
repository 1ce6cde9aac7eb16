"""A unit's return form (填报表) as an .xlsx workbook that Excel and WPS fill in safely.

The list's columns are locked (sheet protection without a password: it stops slips, not people); the input
cells are unlocked and validated where a spreadsheet can (a status dropdown, whole percents 0–100); the value
cell is locked where the item has no target. A very hidden sheet names the unit, the task list's hash and
the form's version, so ``tracker import`` knows what it reads.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from tracker.load.form import COLUMNS, HEADER_ROW, INPUTS, META_SHEET, READ_ONLY, STATUS_CHOICES
from tracker.render.workbook import print_setup, stable_zip
from tracker.views.form import Form

_WIDTHS = {"id": 5, "text": 36, "deadline": 11, "cadence": 9, "target": 12, "status_now": 9,
           "percent_now": 9, "latest": 11, "status": 9, "percent": 9, "value": 8, "note": 24,
           "evidence": 16, "date": 11}
_GREY, _INPUT, _HEAD = "EDEDED", "FFFDE7", "D9E2F3"


def _put(ws: Any, row: int, col: int, value: Any) -> Any:
    """Write a cell; user text is data (tracker.core.escape): never a formula, control characters shown escaped."""
    from tracker.core.escape import xlsx_text

    if isinstance(value, str):
        value = xlsx_text(value)
    cell = ws.cell(row, col, value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _height(cells: tuple[object, ...]) -> float:
    """A row tall enough for its wrapped text: spreadsheets do not grow rows for text they did not type."""
    lines = 1
    for key, value in zip(READ_ONLY, cells, strict=True):
        wide = sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(value or ""))  # CJK characters take two columns
        lines = max(lines, -(-wide // (_WIDTHS[key] - 1)))
    return 15.0 * lines


def template_workbook(form: Form) -> bytes:
    """Bytes of the form's workbook; the same form gives the same bytes (dated by its as-of day)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    stamp = dt.datetime.combine(form.as_of, dt.time(0, 0))
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "tracker"
    ws = wb.active
    assert ws is not None
    ws.title = form.sheet
    last = get_column_letter(len(COLUMNS))
    _put(ws, 1, 1, form.title)
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells(f"A1:{last}1")
    _put(ws, 2, 1, form.subtitle)
    ws.merge_cells(f"A2:{last}2")
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    for col, (key, header) in enumerate(zip(COLUMNS, form.headers, strict=True), 1):
        cell = _put(ws, HEADER_ROW, col, header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEAD)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = border
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS[key]
    first = HEADER_ROW + 1
    unlocked = Protection(locked=False)
    grey, yellow = PatternFill("solid", fgColor=_GREY), PatternFill("solid", fgColor=_INPUT)
    for r, row in enumerate(form.rows, first):
        for c, value in enumerate(row.cells, 1):
            cell = _put(ws, r, c, value)
            cell.fill, cell.border, cell.alignment = grey, border, wrap
            if READ_ONLY[c - 1] == "percent_now":
                cell.number_format = "0.#"
        ws.row_dimensions[r].height = _height(row.cells)
        for c, key in enumerate(INPUTS, len(READ_ONLY) + 1):
            cell = ws.cell(r, c)
            cell.border, cell.alignment = border, wrap
            if key == "value" and not row.has_target:
                cell.fill = grey  # locked: the item has no target to report a value against
                continue
            cell.fill, cell.protection = yellow, unlocked
            if key in ("note", "evidence", "date"):
                cell.number_format = "@"  # text: a typed date or number stays as typed
    end = first + max(len(form.rows), 1) - 1
    letter = {key: get_column_letter(i) for i, key in enumerate(COLUMNS, 1)}
    status = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle=form.headers[COLUMNS.index("status")],
                            error="、".join(STATUS_CHOICES))
    percent = DataValidation(type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
                             showErrorMessage=True, errorTitle=form.headers[COLUMNS.index("percent")],
                             error="0–100")
    number = DataValidation(type="decimal", allow_blank=True, showErrorMessage=True, operator="between",
                            formula1="-1000000000", formula2="1000000000")
    for dv, key in ((status, "status"), (percent, "percent"), (number, "value")):
        ws.add_data_validation(dv)
        dv.add(f"{letter[key]}{first}:{letter[key]}{end}")
    ws.freeze_panes = f"C{first}"
    # every column on the page's width (about 83 %: no smaller than 9 pt), rows running on to further pages
    print_setup(ws, [float(_WIDTHS[key]) for key in COLUMNS], header_row=HEADER_ROW)
    ws.protection.sheet = True
    ws.protection.formatColumns = ws.protection.formatRows = False  # widths and heights stay adjustable

    help_ws = wb.create_sheet(form.instructions_title)
    help_ws["A1"] = form.instructions_title
    help_ws["A1"].font = Font(bold=True, size=14)
    for i, line in enumerate(form.instructions, 3):
        _put(help_ws, i, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
    help_ws.column_dimensions["A"].width = 110
    print_setup(help_ws, [110.0], header_row=0)
    help_ws.protection.sheet = True

    meta = wb.create_sheet(META_SHEET)
    for key, text in form.meta:
        meta.append([key, text])  # plain ids, dates and hex: never formulas
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)  # no sheet renamed, deleted or added by a slip
    buf = io.BytesIO()
    wb.save(buf)
    return stable_zip(buf.getvalue(), stamp)
