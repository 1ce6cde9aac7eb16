"""A report as an Excel workbook: one sheet per view, numbers in numeric cells, percents formatted as such."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from tracker.escape import xlsx_text
from tracker.palette import tone
from tracker.views import Cell, Table


def _cells(row: list[Cell]) -> list[Cell]:
    """A row as cells: numbers stay numbers, text is made formula-safe and writable (tracker.escape)."""
    return [xlsx_text(v) if isinstance(v, str) else v for v in row]


def workbook(summary_rows: list[tuple[str, str]], tables: list[Table], stamp: dt.datetime) -> bytes:
    """Bytes of an .xlsx file; imported only by the command that writes one (openpyxl is heavy).
    ``stamp`` fixes the document's dates, so the same report gives the same bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "tracker"
    first = wb.active
    assert first is not None
    first.title = summary_rows[0][1][:31] if summary_rows else "Summary"
    for key, value in summary_rows[1:]:
        first.append(_cells([key, value]))
        _as_strings(first[first.max_row])
    first.column_dimensions["A"].width = 16
    first.column_dimensions["B"].width = 100
    for table in tables:
        ws = wb.create_sheet(table.title[:31])
        ws.append(table.headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        styles = table.styles or [""] * len(table.rows)
        for row, style in zip(table.rows, styles, strict=False):
            ws.append(_cells(row))
            _as_strings(ws[ws.max_row])
            fill = tone(style).fill
            for i, cell in enumerate(ws[ws.max_row]):
                kind = table.kind(i)
                if kind in ("pct", "bar") and isinstance(cell.value, (int, float)):
                    cell.number_format = '0.0"%"'
                if fill:
                    cell.fill = PatternFill("solid", fgColor=fill)
        for i, header in enumerate(table.headers, 1):
            longest = max([len(str(header))] + [len(str(r[i - 1] or "")) for r in table.rows])
            ws.column_dimensions[get_column_letter(i)].width = min(max(8, longest * 1.6), 60)
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return stable_zip(buf.getvalue(), stamp)


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
