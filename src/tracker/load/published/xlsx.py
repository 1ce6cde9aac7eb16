"""A list published as an Excel or WPS sheet (.xlsx): the first sheet with the list's header.

A cell merged down several rows gives its value to each of them, marked as merged; so does a 内容 or 重点工作
cell that repeats the one above (offices copy the action down its rows instead of merging); a cell's line breaks
are its paragraphs; formulas are read by the value Excel saved. The archive's parts are checked for size and
DTDs before openpyxl opens it.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from tracker.load.published.safe import Archive
from tracker.load.published.source import CONTENT, WORK, Cell, Findings, Place, Row, Source
from tracker.load.published.tables import header_columns

MAX_ROWS = 5000
MAX_COLUMNS = 30


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_xlsx(data: bytes, file: str) -> Source:
    findings = Findings()
    try:
        archive = Archive(data)
        for name in archive.names():
            archive.part(name)  # each within its limit, no DTD
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 - whatever a damaged archive makes zipfile or openpyxl raise
        findings.add(Place(file), "list-unreadable", reason=f"{type(exc).__name__}: {exc}")
        return Source(file, "xlsx", [], [], findings)
    for sheet in book.worksheets:
        if sheet.max_row > MAX_ROWS * 4:
            findings.add(Place(file, sheet.title), "list-too-large", limit=f"{MAX_ROWS} rows")
            continue
        merged: dict[tuple[int, int], tuple[int, int]] = {}
        for rng in sheet.merged_cells.ranges:
            for r in range(rng.min_row, min(rng.max_row, MAX_ROWS) + 1):
                for c in range(rng.min_col, min(rng.max_col, MAX_COLUMNS) + 1):
                    merged[(r, c)] = (rng.min_row, rng.min_col)
        values = [[_text(v) for v in row[:MAX_COLUMNS]]
                  for row in sheet.iter_rows(max_row=min(sheet.max_row, MAX_ROWS), values_only=True)]
        for n, row in enumerate(values[:20]):
            columns = header_columns(row)
            if columns is not None:
                return _source(file, sheet.title, values, n, columns, merged, findings)
    findings.add(Place(file), "list-no-table", columns="内容、重点工作、年度量化目标任务、责任单位")
    return Source(file, "xlsx", [], [], findings)


def _source(file: str, title: str, values: list[list[str]], head: int, columns: dict[int, str],
            merged: dict[tuple[int, int], tuple[int, int]], findings: Findings) -> Source:
    preamble = [Cell(t, Place(file, title, n + 1)) for n, row in enumerate(values[:head]) for t in row if t]
    rows: list[Row] = []
    above: dict[str, str] = {}
    for r in range(head + 1, len(values)):
        place = Place(file, title, r + 1)
        cells: dict[str, Cell] = {}
        for i, key in columns.items():
            top = merged.get((r + 1, i + 1))
            continued = top is not None and top != (r + 1, i + 1)
            text = values[top[0] - 1][top[1] - 1] if continued and top is not None else \
                values[r][i] if i < len(values[r]) else ""
            repeated = key in (CONTENT, WORK) and bool(text) and above.get(key) == text
            cells[key] = Cell(text, place.at(key), continued or repeated)
            above[key] = text
        if any(c.text for c in cells.values()):
            rows.append(Row(cells, place))
    return Source(file, "xlsx", preamble, rows, findings)
