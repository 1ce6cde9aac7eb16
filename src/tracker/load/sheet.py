"""Reading a filled return back: an .xlsx workbook (Excel, WPS, LibreOffice) or a .csv with the same
columns -> raw rows whose cells keep their positions. No checks beyond the file's shape: ``sheet_check``
decides what the rows mean.

What real spreadsheets hold and how it is read: formula cells by their computed value (a formula saved
without one is flagged for the checks); a cell merged down several rows gives its value to each of them;
empty rows are skipped; hidden rows are read like any other (hiding is a view, not a deletion); columns are
found by their headers, in either language, wherever they stand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from tracker.core.i18n import Lang, both
from tracker.core.problems import Collector, Pos, Problem
from tracker.load.form import COLUMNS, INPUTS, META_SHEET, header_keys

NO_POS = Pos(0, 0)  # a problem of the whole file
_WORKBOOK = b"PK\x03\x04"  # how every .xlsx file begins (it is a zip archive)


class RawCell(NamedTuple):
    """A cell as stored: its value (str, int, float, datetime or None), where it stands, and what the
    checks need to read it right."""

    value: Any
    pos: Pos  # row, column (1-based)
    percent_format: bool = False  # shown as a percent: 0.8 means 80
    date_format: bool = False  # an Excel date serial shown as a date
    formula: str = ""  # the formula, when the cell holds one


class RawRow(NamedTuple):
    row: int
    cells: dict[str, RawCell]  # by column key (sheet_form.COLUMNS)


class RawSheet(NamedTuple):
    """One file's rows. ``where`` names the file (and sheet) in messages; ``meta`` is None for a CSV."""

    file: str
    where: str
    meta: dict[str, str] | None
    rows: list[RawRow]
    problems: list[Problem]


def read_sheet(path: Path, shown: str, lang: Lang) -> RawSheet:
    """The rows of a filled return; a file that cannot be read comes back with its problem and no rows."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path, shown, lang)
    if suffix not in (".xlsx", ".xlsm"):
        return _failed(shown, "import-format", suffix=suffix or "?")
    return _read_xlsx(path, shown, lang)


def _failed(shown: str, code: str, **args: str) -> RawSheet:
    out = Collector(shown)
    out.add(NO_POS, code, **args)
    return RawSheet(shown, shown, None, [], out.problems)


def _read_xlsx(path: Path, shown: str, lang: Lang) -> RawSheet:
    from openpyxl import load_workbook

    try:
        values = load_workbook(path, data_only=True)
        formulas = load_workbook(path, data_only=False)
    except OSError as exc:
        return _failed(shown, "import-unreadable", error=exc.strerror or str(exc))
    except Exception as exc:  # noqa: BLE001 - whatever a damaged file makes openpyxl raise (zip, XML, …)
        return _failed(shown, "import-unreadable", error=str(exc))
    if META_SHEET not in values.sheetnames:
        return _failed(shown, "import-no-meta")
    meta: dict[str, str] = {}
    for row in values[META_SHEET].iter_rows(values_only=True):
        if row and row[0] is not None:
            meta[str(row[0]).strip()] = "" if len(row) < 2 or row[1] is None else str(row[1]).strip()
    name = meta.get("sheet", "")
    if name not in values.sheetnames:  # renamed by hand: the form is the first sheet
        name = values.sheetnames[0]
    ws: Any = values[name]
    wf: Any = formulas[name]
    grid: dict[tuple[int, int], RawCell] = {}
    for row in ws.iter_rows():
        for cell in row:
            r, c = cell.row, cell.column
            if r is None or c is None:
                continue
            fmt = str(cell.number_format or "")
            raw = wf.cell(r, c).value
            formula = raw if isinstance(raw, str) and raw.startswith("=") else ""
            grid[(r, c)] = RawCell(cell.value, Pos(r, c), "%" in fmt, bool(getattr(cell, "is_date", False)),
                                   formula)
    for merged in ws.merged_cells.ranges:  # merged down a column: every row of it carries the value
        if merged.min_col == merged.max_col and merged.max_row > merged.min_row:
            top = grid.get((merged.min_row, merged.min_col))
            if top is not None:
                for r in range(merged.min_row + 1, merged.max_row + 1):
                    grid[(r, merged.min_col)] = top._replace(pos=Pos(r, merged.min_col))
    rows = [[grid.get((r, c), RawCell(None, Pos(r, c))) for c in range(1, ws.max_column + 1)]
            for r in range(1, ws.max_row + 1)]
    return _rows(shown, f"{shown}:{name}", meta, rows, lang)


def _read_csv(path: Path, shown: str, lang: Lang) -> RawSheet:
    """A CSV as Excel or WPS saves it: UTF-8 (with or without BOM) or, from a Chinese Windows, GB18030."""
    import csv
    import io

    try:
        data = path.read_bytes()
    except OSError as exc:
        return _failed(shown, "import-unreadable", error=exc.strerror or str(exc))
    if data.startswith(_WORKBOOK):  # a workbook saved under a .csv name: read as text it has no header row
        return _failed(shown, "import-workbook-as-csv")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        text = data.decode("utf-8", "replace")
    rows = [[RawCell(v, Pos(r, c)) for c, v in enumerate(record, 1)]
            for r, record in enumerate(csv.reader(io.StringIO(text, newline="")), 1)]
    return _rows(shown, shown, None, rows, lang)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _header(grid: list[list[RawCell]]) -> tuple[int, dict[str, int]] | None:
    """The header row's index and each column key's index in it: the first row naming the id and status."""
    known = header_keys()
    for index, line in enumerate(grid[:30]):
        names = [_text(c.value).replace(" ", "").lower() for c in line]
        columns = {known[n]: i for i, n in enumerate(names) if n in known}
        if "id" in columns and "status" in columns:
            return index, columns
    return None


def _rows(shown: str, where: str, meta: dict[str, str] | None, grid: list[list[RawCell]],
          lang: Lang) -> RawSheet:
    """Find the header row, map columns by their headers, and keep every row below it that holds something."""
    out = Collector(where)
    found = _header(grid)
    if found is None:
        out.add(NO_POS, "import-no-header")
        return RawSheet(shown, where, meta, [], out.problems)
    index, columns = found
    missing = [k for k in ("id", *INPUTS) if k not in columns]
    for key in missing:
        out.add(NO_POS, "import-missing-column", column=both(f"form.col.{key}"))
    if missing:
        return RawSheet(shown, where, meta, [], out.problems)
    rows = []
    for line in grid[index + 1:]:
        if not line:
            continue
        row = line[0].pos.line
        cells = {k: line[i] if i < len(line) else RawCell(None, Pos(row, i + 1)) for k, i in columns.items()}
        if all(_text(cells[k].value) == "" and not cells[k].formula for k in INPUTS):
            continue  # nothing entered: the item had no news
        rows.append(RawRow(row, {k: cells[k] for k in COLUMNS if k in cells}))
    return RawSheet(shown, where, meta, rows, out.problems)
