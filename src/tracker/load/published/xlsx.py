"""A list published as an Excel or WPS sheet (.xlsx): the first sheet with the list's header.

A cell merged down several rows gives its value to each of them, marked as merged; so does a 内容 or 重点工作
cell that repeats the one above (offices copy the action down its rows instead of merging); a cell's line breaks
are its paragraphs; formulas are read by the value Excel saved. The workbook is read by the streaming reader a
return is read by (``load.xlsx``): each part within its limit, no DTD, a cost linear in the cells it stores.
A sheet with a value beyond ``MAX_ROWS`` rows is refused, never cut short; columns past ``MAX_COLUMNS`` hold
nothing of the list and are not kept.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tracker.load.package import Refused as Unread
from tracker.load.published import safe
from tracker.load.published.source import CONTENT, WORK, Cell, Findings, Place, Row, Source
from tracker.load.published.tables import header_columns
from tracker.load.xlsx import Limits, Sheet, Workbook

MAX_ROWS = 5000
MAX_COLUMNS = 30
HEADER_ROWS = 20  # the header stands within a sheet's first rows


def limits() -> Limits:
    """A list's limits: each part within ``safe.MAX_PART``, Excel's own bounds (a value anywhere costs one cell,
    not a grid up to it), Excel's longest cell."""
    return Limits(safe.MAX_PART, 1_048_576, 16_384, 32_767, 1_000_000, 10_000)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _Grid:
    """A sheet's values as rows of text (1-based row r is ``values[r - 1]``) and its merged cells."""

    def __init__(self, book: Workbook, sheet: Sheet) -> None:
        self.values: list[list[str]] = []
        self.too_long = False
        rows = book.rows(sheet)
        for r, cells in rows:
            if r > MAX_ROWS:
                self.too_long = True
                break
            self.values += [[] for _ in range(r - len(self.values))]
            line = self.values[r - 1]
            for cell in cells:
                if cell.col <= MAX_COLUMNS:
                    line += [""] * (cell.col - 1 - len(line))
                    line.append(_text(cell.value))
        self.merged: dict[tuple[int, int], tuple[int, int]] = {}
        for r1, c1, r2, c2 in rows.merged:
            for r in range(r1, min(r2, len(self.values)) + 1):
                for c in range(c1, min(c2, MAX_COLUMNS) + 1):
                    self.merged[(r, c)] = (r1, c1)


def read_xlsx(data: bytes, file: str) -> Source:
    findings = Findings()
    try:
        book = Workbook(data, limits())
        for sheet in book.sheets:
            grid = _Grid(book, sheet)
            if grid.too_long:
                findings.add(Place(file, sheet.name), "list-too-large", limit=(f"{MAX_ROWS} 行", f"{MAX_ROWS} rows"))
                continue
            for n, row in enumerate(grid.values[:HEADER_ROWS]):
                columns = header_columns(row)
                if columns is not None:
                    return _source(file, sheet.name, grid, n, columns, findings)
    except Unread as exc:
        why = safe.refused(exc)
        findings.add(Place(file), why.code, **dict(why.args))
        return Source(file, "xlsx", [], [], findings)
    if not findings.errors:
        findings.add(Place(file), "list-no-table", columns="内容、重点工作、年度量化目标任务、责任单位")
    return Source(file, "xlsx", [], [], findings)


def _source(file: str, title: str, grid: _Grid, head: int, columns: dict[int, str], findings: Findings) -> Source:
    values, merged = grid.values, grid.merged
    preamble = [Cell(t, Place(file, title, n + 1)) for n, row in enumerate(values[:head]) for t in row if t]
    rows: list[Row] = []
    above: dict[str, str] = {}
    for r in range(head + 1, len(values)):
        place = Place(file, title, r + 1)
        cells: dict[str, Cell] = {}
        for i, key in columns.items():
            top = merged.get((r + 1, i + 1))
            continued = top is not None and top != (r + 1, i + 1)
            if continued and top is not None:
                source = values[top[0] - 1]
                text = source[top[1] - 1] if top[1] - 1 < len(source) else ""
            else:
                text = values[r][i] if i < len(values[r]) else ""
            repeated = key in (CONTENT, WORK) and bool(text) and above.get(key) == text
            cells[key] = Cell(text, place.at(key), continued or repeated)
            above[key] = text
        if any(c.text for c in cells.values()):
            rows.append(Row(cells, place))
    return Source(file, "xlsx", preamble, rows, findings)
