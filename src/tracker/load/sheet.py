"""Reading a filled return back: an .xlsx workbook (Excel, WPS, LibreOffice) or a .csv with the same
columns -> raw rows whose cells keep their positions, and the form's visible title. No checks beyond the
file's shape: ``check.sheet`` decides what the rows mean.

A return comes from outside, so it is read within limits fixed before anything is read: only a regular file
(never a FIFO, a device or what a link points at that is not a file), of at most ``MAX_FILE`` bytes; a
workbook through ``load.xlsx``, which streams each part within its own limits; no value beyond ``MAX_ROW``
rows or ``MAX_COL`` columns, no cell longer than Excel's own 32,767 characters. The form is the visible sheet
``_meta`` names (a hidden or very hidden one is refused, never read instead); its columns are found by their
headers, in either language, wherever they stand, and a header that appears twice is refused rather than one
of the two taking the other's place. Reading is linear in the rows: past the header only its columns are
kept.

What real spreadsheets hold and how it is read: formula cells by their computed value (a formula saved
without one is flagged for the checks); a cell merged down several rows gives its value to each of them,
and a cell a merged range covers is read as the empty cell every spreadsheet shows there (its stored value
is never seen); empty rows are skipped; hidden rows and columns are read like any other (hiding is a view,
not a deletion).
"""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import Any, NamedTuple

from tracker.core.i18n import Lang, both
from tracker.core.problems import Collector, Pos, Problem, shown
from tracker.load.form import INPUTS, META_SHEET, header_keys
from tracker.load.xlsx import Limits, Refused, Sheet, Workbook, cell_name

NO_POS = Pos(0, 0)  # a problem of the whole file
_WORKBOOK = b"PK\x03\x04"  # how every .xlsx file begins (it is a zip archive)

MAX_FILE = 16 << 20  # bytes of a return on disk: a 60-row return is some 30 KB, 20,000 rows about 2 MB
MAX_PART = 64 << 20  # bytes of one part of a workbook, unpacked
MAX_ROW = 100_000  # the last row a value may stand in
MAX_COL = 256  # the last column a value may stand in (IV, Excel 2003's last)
MAX_TEXT = 32_767  # characters in a cell, as in Excel
MAX_STRINGS = 1_000_000  # distinct texts of a workbook
MAX_MERGED = 10_000  # merged ranges of a sheet
MAX_SPREAD = 1_000_000  # cells merged ranges cover in the columns read
HEADER_ROWS = 30  # the header row stands within the first rows
_META_ROWS = 50
READ = ("id", "text", *INPUTS)  # the columns a return is read by (the others show the list and its state)
_OVERLAP = ("合并单元格相互重叠", "merged ranges overlap")


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
    cells: dict[str, RawCell]  # by column key (``READ``)


class RawSheet(NamedTuple):
    """One file's rows. ``where`` names the file (and sheet) in messages; ``meta`` is None for a CSV;
    ``title`` is the form's visible title (the first text above its header row; "" for a CSV)."""

    file: str
    where: str
    meta: dict[str, str] | None
    rows: list[RawRow]
    problems: list[Problem]
    title: str = ""


class _Stop(Exception):
    """A refusal while reading: its code, arguments and cell (``NO_POS`` for the whole file)."""

    def __init__(self, code: str, pos: Pos = NO_POS, **args: str | tuple[str, str]) -> None:
        super().__init__(code)
        self.code, self.pos, self.args_ = code, pos, args


def read_sheet(path: Path, shown_as: str, lang: Lang) -> RawSheet:
    """The rows of a filled return; a file that cannot be read comes back with its problem and no rows."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        return _failed(shown_as, shown_as, _Stop("import-format", suffix=suffix or "?"))
    try:
        data = _file_bytes(path)
    except _Stop as stop:
        return _failed(shown_as, shown_as, stop)
    if suffix == ".csv":
        return _read_csv(data, shown_as)
    return _read_xlsx(data, shown_as)


def _failed(file: str, where: str, stop: _Stop) -> RawSheet:
    out = Collector(file if stop.pos == NO_POS else where)
    out.add(stop.pos, stop.code, **stop.args_)
    return RawSheet(file, where, None, [], out.problems)


# ---------------------------------------------------------------- the file

def _file_bytes(path: Path) -> bytes:
    """A regular file's bytes, at most ``MAX_FILE`` of them, read as ``load.sent`` reads what someone sent."""
    from tracker.load.sent import NotRead, read_sent

    try:
        return read_sent(path, MAX_FILE)
    except NotRead as exc:
        if exc.why == "not-file":
            raise _Stop("import-not-file", NO_POS, **exc.args_) from None
        if exc.why == "too-large":
            raise _Stop("import-file-size", NO_POS, **exc.args_) from None
        raise _Stop("import-unreadable", NO_POS, **exc.args_) from None


# ---------------------------------------------------------------- a workbook

def _read_xlsx(data: bytes, file: str) -> RawSheet:
    where = file
    try:
        book = Workbook(data, Limits(MAX_PART, MAX_ROW, MAX_COL, MAX_TEXT, MAX_STRINGS, MAX_MERGED))
        meta_sheet = next((s for s in book.sheets if s.name == META_SHEET), None)
        if meta_sheet is None:
            raise _Stop("import-no-meta")
        where = f"{file}:{META_SHEET}"
        meta = _meta(book, meta_sheet)
        form = _form_sheet(book.sheets, meta)
        where = f"{file}:{form.name}"
        grid = _Grid()
        formats = book.formats()
        rows = book.rows(form)
        for number, cells in rows:
            line = []
            for c in cells:
                if not grid.wants(c.col):
                    continue
                fmt = formats[c.style] if 0 <= c.style < len(formats) else None
                line.append(RawCell(c.value, Pos(c.row, c.col), fmt is not None and fmt.percent,
                                    hasattr(c.value, "year"), c.formula))
            if not grid.add(number, line):
                break
        else:
            grid.merge(rows.merged)
    except Refused as refused:
        return _failed(file, where, _Stop(refused.code, Pos(*refused.at), **refused.args_))
    except _Stop as stop:
        return _failed(file, where, stop)
    return grid.sheet(file, where, meta)


def _meta(book: Workbook, sheet: Sheet) -> dict[str, str]:
    """The ``key | value`` rows of the metadata sheet; a key given twice is refused (which would count?)."""
    meta: dict[str, str] = {}
    for number, cells in book.rows(sheet):
        if number > _META_ROWS:
            break
        by_col = {c.col: c.value for c in cells}
        if by_col.get(1) is None:
            continue
        key = str(by_col[1]).strip()
        if key in meta:
            raise _Stop("import-bad-meta", what=f"{shown(key)} ×2")
        meta[key] = "" if by_col.get(2) is None else str(by_col[2]).strip()
    return meta


def _form_sheet(sheets: list[Sheet], meta: dict[str, str]) -> Sheet:
    """The sheet the form is on: the one ``_meta`` names, which must be visible; if none has that name (a
    sheet renamed by hand), the first visible sheet. A hidden sheet is never read in its place."""
    name = meta.get("sheet", "")
    named = [s for s in sheets if s.name == name]
    if named:
        if named[0].state != "visible":
            raise _Stop("import-hidden-form", sheet=shown(name))
        return named[0]
    visible = [s for s in sheets if s.state == "visible" and s.name != META_SHEET]
    if not visible:
        raise _Stop("import-hidden-form", sheet=shown(name))
    return visible[0]


# ---------------------------------------------------------------- a CSV

def _read_csv(data: bytes, file: str) -> RawSheet:
    """A CSV as Excel or WPS saves it: UTF-8 (with or without BOM) or, from a Chinese Windows, GB18030."""
    import csv
    import io

    if data.startswith(_WORKBOOK):  # a workbook saved under a .csv name: read as text it has no header row
        return _failed(file, file, _Stop("import-workbook-as-csv"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        text = data.decode("utf-8", "replace")
    grid = _Grid()
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, MAX_FILE))  # the file's own limit holds; each cell's is checked below
    try:
        for r, record in enumerate(csv.reader(io.StringIO(text, newline="")), 1):
            for c, value in enumerate(record, 1):
                if len(value) > MAX_TEXT:
                    raise _Stop("import-cell-too-long", Pos(r, c), n=f"{len(value):,}", limit=str(MAX_TEXT))
                if value.strip() and (r > MAX_ROW or c > MAX_COL):
                    raise _Stop("import-out-of-bounds", Pos(r, c), rows=f"{MAX_ROW:,}", cols=f"{MAX_COL:,}")
            if not grid.add(r, [RawCell(v, Pos(r, c)) for c, v in enumerate(record, 1) if c <= MAX_COL]):
                break
    except _Stop as stop:
        return _failed(file, file, stop)
    except csv.Error as exc:
        return _failed(file, file, _Stop("import-unreadable", error=str(exc)))
    finally:
        csv.field_size_limit(limit)
    return grid.sheet(file, file, None)


# ---------------------------------------------------------------- rows

def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


class _Grid:
    """A sheet's rows as they come, in order: the rows down to the header row whole (the title stands above
    it), then of each later row only the cells under a known header."""

    def __init__(self) -> None:
        self.top: list[tuple[int, dict[int, RawCell]]] = []
        self.header = 0  # the header row, once found
        self.columns: dict[str, int] = {}  # column key -> column
        self._wanted: set[int] = set()  # the header's columns
        self.body: dict[int, dict[int, RawCell]] = {}

    def add(self, row: int, cells: list[RawCell]) -> bool:
        """Take one row; False when reading can stop (no header within the first rows)."""
        if self.header:
            kept = {c.pos.col: c for c in cells if c.pos.col in self._wanted}
            if kept:
                self.body[row] = kept
            return True
        if row > HEADER_ROWS:
            return False
        line = {c.pos.col: c for c in cells}
        self.top.append((row, line))
        columns = self._header(line)
        if "id" in columns and "status" in columns:
            self.header, self.columns = row, columns
            self._wanted = {columns[k] for k in READ if k in columns}
        return True

    def wants(self, col: int) -> bool:
        """Whether a cell of this column is kept: every one down to the header row, then the header's."""
        return not self.header or col in self._wanted

    @staticmethod
    def _header(line: dict[int, RawCell]) -> dict[str, int]:
        """Column key -> column of a row's header cells. In the header row (the first naming the id and the
        status), a key named twice is refused: neither of the two columns may stand for it."""
        known = header_keys()
        found = [(key, col) for col in sorted(line)
                 if (key := known.get(_text(line[col].value).replace(" ", "").lower())) is not None]
        columns: dict[str, int] = {}
        for key, col in found:
            columns.setdefault(key, col)
        if "id" in columns and "status" in columns:
            for key, col in found:
                if columns[key] != col:
                    raise _Stop("import-duplicate-header", line[col].pos, column=both(f"form.col.{key}"),
                                first=cell_name(line[col].pos.line, columns[key]))
        return columns

    def merge(self, ranges: list[tuple[int, int, int, int]]) -> None:
        """Read merged ranges as a spreadsheet shows them: a covered cell is empty, and a range one column
        wide gives its top cell's value to every row of it. A header cell a range covers is refused (the
        column would be found where nothing shows); so are ranges that overlap, which no spreadsheet opens."""
        if not self.header:
            return
        wanted = sorted(self._wanted)
        rows = sorted(self.body)
        seen: dict[tuple[int, int], int] = {}
        budget = MAX_SPREAD
        spreads: list[tuple[int, int, int, RawCell]] = []
        for n, (r1, c1, r2, c2) in enumerate(ranges):
            if (r1, c1) == (r2, c2):
                continue
            top = self._at(r1, c1)
            if r1 > self.header and c1 in self._wanted and seen.setdefault((r1, c1), n) != n:
                raise _Stop("import-bad-workbook", Pos(r1, c1), what=_OVERLAP)
            cols = wanted[bisect.bisect_left(wanted, c1):bisect.bisect_right(wanted, c2)]
            for row, line in self.top:
                if r1 <= row <= r2:
                    for col in [col for col in line if c1 <= col <= c2 and (row, col) != (r1, c1)]:
                        if row == self.header and col in self._wanted:
                            span = f"{cell_name(r1, c1)}:{cell_name(r2, c2)}"
                            raise _Stop("import-merged-header", Pos(row, col), range=span)
                        del line[col]
            present = rows[bisect.bisect_left(rows, r1):bisect.bisect_right(rows, r2)]
            spread = c1 == c2 and top is not None and _text(top.value) != "" and bool(cols)
            budget -= len(cols) * (r2 - r1 if spread else len(present))
            if budget < 0:
                raise _Stop("import-too-many", what=("合并单元格", "merged cells"), limit=f"{MAX_SPREAD:,}")
            if spread and r2 > MAX_ROW:
                raise _Stop("import-out-of-bounds", Pos(r2, c2), rows=f"{MAX_ROW:,}", cols=f"{MAX_COL:,}")
            for row in range(r1 + 1, r2 + 1) if spread else present:
                for col in cols:
                    if seen.setdefault((row, col), n) != n:
                        raise _Stop("import-bad-workbook", Pos(row, col), what=_OVERLAP)
                    if (row, col) != (r1, c1) and row in self.body:
                        self.body[row].pop(col, None)
            if spread:
                assert top is not None
                spreads.append((r1, r2, c1, top))
        for r1, r2, col, top in spreads:
            for row in range(r1 + 1, r2 + 1):
                self.body.setdefault(row, {})[col] = top._replace(pos=Pos(row, col))

    def _at(self, row: int, col: int) -> RawCell | None:
        if row in self.body:
            return self.body[row].get(col)
        return next((line.get(col) for r, line in self.top if r == row), None)

    def sheet(self, file: str, where: str, meta: dict[str, str] | None) -> RawSheet:
        """The rows below the header that hold something, by column key."""
        out = Collector(where)
        if not self.header:
            out.add(NO_POS, "import-no-header")
            return RawSheet(file, where, meta, [], out.problems)
        missing = [k for k in READ if k not in self.columns]
        for key in missing:
            out.add(NO_POS, "import-missing-column", column=both(f"form.col.{key}"))
        if missing:
            return RawSheet(file, where, meta, [], out.problems)
        title = next((_text(line[col].value) for row, line in self.top if row < self.header
                      for col in sorted(line) if _text(line[col].value)), "")
        rows = []
        for row in sorted(self.body):
            line = self.body[row]
            cells = {k: line.get(col) or RawCell(None, Pos(row, col)) for k, col in self.columns.items() if k in READ}
            if all(_text(cells[k].value) == "" and not cells[k].formula for k in INPUTS):
                continue  # nothing entered: the item had no news
            rows.append(RawRow(row, cells))
        return RawSheet(file, where, meta, rows, out.problems, title)
