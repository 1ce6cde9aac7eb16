"""A report as an Excel workbook: one sheet per view, numbers in numeric cells, percents formatted as such."""

from __future__ import annotations

import datetime as dt
import io
import re
from fractions import Fraction
from typing import Any

from tracker.core.escape import xlsx_text
from tracker.views.palette import tone
from tracker.views.tables import Table, date_columns


def workbook(summary_rows: list[tuple[str, str]], tables: list[Table], stamp: dt.datetime, *, heading: str = "",
             legend: list[tuple[str, str]] | None = None, legend_title: str = "") -> bytes:
    """Bytes of an .xlsx file; imported only by the command that writes one (openpyxl is heavy).
    ``stamp`` fixes the document's dates, so the same report gives the same bytes.

    Made to compute with: rates are fractions formatted as percents (a formula on them is not off by 100),
    counts are numbers and dates are dates; each sheet has a title row naming the as-of date, a frozen
    header with an autofilter, and prints on A4 landscape, fitted to the width, the header on every page.
    Warning rows are shaded from the one palette, with the legend under the table."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "tracker"
    first = wb.active
    assert first is not None
    first.title = summary_rows[0][1][:31] if summary_rows else "Summary"
    if heading:
        first.append([heading])
        first["A1"].font = Font(bold=True, size=14)
    for key, value in summary_rows[1:]:
        first.append([xlsx_text(key), xlsx_text(value)])
        _as_strings(first[first.max_row])
    first.column_dimensions["A"].width = 16
    first.column_dimensions["B"].width = 100
    first["B3" if heading else "B2"].alignment = Alignment(wrap_text=True, vertical="top")
    if legend:
        _legend(first, legend, legend_title)
    _print_setup(first, title_row=False)
    for table in tables:
        ws = wb.create_sheet(table.title[:31])
        ws.append([f"{heading} — {table.title}" if heading else table.title])
        ws["A1"].font = Font(bold=True, size=14)
        ws.append(table.headers)
        for cell in ws[2]:
            cell.font = Font(bold=True)
        dates = date_columns(table)
        styles = table.styles or [""] * len(table.rows)
        for row, style in zip(table.rows, styles, strict=False):
            ws.append([_value(v, table.kind(i), dates[i]) for i, v in enumerate(row)])
            _as_strings(ws[ws.max_row])
            fill = tone(style).fill
            for i, cell in enumerate(ws[ws.max_row]):
                kind = table.kind(i)
                if kind in ("pct", "bar") and isinstance(cell.value, (int, float)):
                    cell.number_format = "0.0%"
                elif kind == "delta":
                    cell.number_format = "+0.0;-0.0;0.0"
                elif dates[i] and cell.value is not None:
                    cell.number_format = "yyyy-mm-dd"
                if fill:
                    cell.fill = PatternFill("solid", fgColor=fill)
        last = get_column_letter(len(table.headers))
        ws.auto_filter.ref = f"A2:{last}{max(ws.max_row, 2)}"
        ws.freeze_panes = "A3"
        for i, header in enumerate(table.headers, 1):
            longest = max([_width(str(header))] + [_width(str(r[i - 1] or "")) for r in table.rows])
            ws.column_dimensions[get_column_letter(i)].width = min(max(8, longest + 2), 60)
        _print_setup(ws)
        if legend and any(styles):
            ws.append([])
            _legend(ws, legend, legend_title)
    buf = io.BytesIO()
    wb.save(buf)
    return stable_zip(buf.getvalue(), stamp)


def _value(v: object, kind: str, date: bool) -> object:
    """A cell's value as a spreadsheet computes with it: 12.5 (a percent) as 0.125, an ISO date as a date."""
    if kind in ("pct", "bar") and isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(Fraction(repr(v)) / 100)
    if date and isinstance(v, str) and v:
        return dt.date.fromisoformat(v)
    if v == "" and date:
        return None
    return xlsx_text(v) if isinstance(v, str) else v


def _width(text: str) -> int:
    """Column width in Excel's units (a digit's width): Chinese characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _print_setup(ws: Any, *, title_row: bool = True) -> None:
    """A4 landscape, fitted to one page wide, the header row printed on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_row:
        ws.print_title_rows = "2:2"


def _legend(ws: Any, legend: list[tuple[str, str]], title: str) -> None:
    from openpyxl.styles import Font, PatternFill

    ws.append([title])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    for style, meaning in legend:
        ws.append(["", meaning])
        ws.cell(ws.max_row, 1).fill = PatternFill("solid", fgColor=tone(style).fill)


def _as_strings(cells: Any) -> None:
    """Text cells stored as strings, never as formulas, whatever they begin with."""
    for cell in cells:
        if isinstance(cell.value, str):
            cell.data_type = "s"


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def stable_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """The same zip (xlsx, docx) with every member dated ``stamp``, so equal reports give equal bytes."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving here
                when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = _MODIFIED.sub(rb"\g<1>" + when + rb"\g<2>", data)
            dst.writestr(fixed, data)
    return out.getvalue()
