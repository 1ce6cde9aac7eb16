"""A report as an Excel workbook: one sheet per view, numbers in numeric cells, percents formatted as such,
each sheet printing on A4 as a reader would want it (see ``print_setup``)."""

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
    counts are numbers and dates are dates (the overview's as-of date too); each sheet has a title row
    naming the as-of date, a frozen header with an autofilter, long text wrapped in columns fitted to their
    content, and prints on A4 (``print_setup``). Warning rows are shaded from the one palette, with the
    legend under the table."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "tracker"
    first = wb.active
    assert first is not None
    taken: set[str] = set()
    first.title = sheet_name(summary_rows[0][1] if summary_rows else "Summary", taken)
    if heading:
        first.append([heading])
        first["A1"].font = Font(bold=True, size=14)
    for key, value in summary_rows[1:]:
        day = _ISO_DAY.fullmatch(value)
        first.append([xlsx_text(key), dt.date.fromisoformat(value) if day else xlsx_text(value)])
        _as_strings(first[first.max_row])
        cell = first.cell(first.max_row, 2)
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        if day:
            cell.number_format = "yyyy-mm-dd"
        first.row_dimensions[first.max_row].height = _height([str(value)], [_OVERVIEW[1]])
    for col, width in zip("AB", _OVERVIEW, strict=True):
        first.column_dimensions[col].width = width
    if legend:
        _legend(first, legend, legend_title)
    print_setup(first, list(_OVERVIEW), header_row=0)
    for table in tables:
        ws = wb.create_sheet(sheet_name(table.title, taken))
        ws.append([xlsx_text(f"{heading} — {table.title}" if heading else table.title)])
        ws["A1"].font = Font(bold=True, size=14)
        ws.append(table.headers)
        for cell in ws[2]:
            cell.font = Font(bold=True)
        dates = date_columns(table)
        styles = table.styles or [""] * len(table.rows)
        widths = column_widths(table)
        for cell in ws[2]:
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.row_dimensions[2].height = _height([str(h) for h in table.headers], widths)
        wrap = Alignment(wrap_text=True, vertical="top")
        for row, style in zip(table.rows, styles, strict=False):
            ws.append([_value(v, table.kind(i), dates[i]) for i, v in enumerate(row)])
            _as_strings(ws[ws.max_row])
            ws.row_dimensions[ws.max_row].height = _height([_shown(v) for v in row], widths)
            fill = tone(style).fill
            for i, cell in enumerate(ws[ws.max_row]):
                cell.alignment = wrap
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
        for i, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        print_setup(ws, widths)
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


def _shown(v: object) -> str:
    return "" if v is None else f"{v:.1f}%" if isinstance(v, float) else str(v)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_OVERVIEW = (16.0, 90.0)  # the overview's columns: what, and the words
_PAGE_UNITS = {False: 102.0, True: 148.0}  # A4 portrait and landscape, 10 mm margins, in width units at 100%
MIN_SCALE = 0.82  # 11 pt cells print no smaller than 9 pt
_NUMERIC = ("int", "pct", "bar", "delta")


def column_widths(table: Table) -> list[float]:
    """Widths fitted to each column's longest cell (numbers and dates never cut), free text (tasks, notes)
    wrapping past 40 units and other text past 20; when the sheet would print below ``MIN_SCALE`` on
    landscape A4, the widest text columns give way until it does not, down to ten units."""
    widths = []
    for i, header in enumerate(table.headers):
        longest = max([_width(w) for w in str(header).split()] + [_width(_shown(r[i])) for r in table.rows])
        cap = 40.0 if table.kind(i) == "long" else 20.0
        natural = float(max(6, longest + 2))
        widths.append(natural if table.kind(i) in _NUMERIC else min(natural, cap))
    room = _PAGE_UNITS[True] / MIN_SCALE
    text = [i for i in range(len(widths)) if table.kind(i) not in _NUMERIC]
    while sum(widths) > room and text:
        widest = max(text, key=lambda i: widths[i])
        if widths[widest] <= 10:
            break
        widths[widest] = max(10.0, widths[widest] - (sum(widths) - room))
    return widths


def _height(values: list[str], widths: list[float]) -> float:
    """A row as tall as its most wrapped cell: spreadsheets do not grow rows for text they did not type."""
    lines = max((max(1, -(-_width(v) // max(int(w) - 1, 1))) for v, w in zip(values, widths, strict=False)),
                default=1)
    return 15.0 * lines


def print_setup(ws: Any, widths: list[float], *, header_row: int = 2) -> None:
    """A4, portrait when the columns fit it at ``MIN_SCALE`` and landscape otherwise, fitted to the page's
    width only (never shrunk to one page), the header row on every page, the page number at the foot."""
    landscape = sum(widths) > _PAGE_UNITS[False] / MIN_SCALE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.7
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "&P / &N"
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"


# What a sheet's name cannot hold, each put as its full-width form (a plan title "…: …" stays readable)
_SHEET_FORBIDDEN = str.maketrans({":": "：", "\\": "＼", "/": "／", "?": "？", "*": "＊", "[": "［", "]": "］"})
SHEET_NAME_MAX = 31


def sheet_name(title: str, taken: set[str]) -> str:
    """A title as a sheet's name, which Excel restricts: none of ``: \\ / ? * [ ]`` (shown full-width), no
    quote at either end, no control character (shown escaped), at most 31 characters, and none equal to one
    already ``taken`` whatever the case (a number added). ``taken`` gets the name, lower-cased."""
    from tracker.core.escape import terminal

    name = terminal(title).replace("\n", " ").translate(_SHEET_FORBIDDEN).strip().strip("'").strip()
    name = name[:SHEET_NAME_MAX].rstrip().rstrip("'") or "Sheet"
    unique, n = name, 1
    while unique.lower() in taken or unique.lower() == "history":  # "History" is Excel's own
        n += 1
        suffix = f" ({n})"
        unique = name[:SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
    taken.add(unique.lower())
    return unique


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
