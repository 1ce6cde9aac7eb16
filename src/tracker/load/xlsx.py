"""An .xlsx workbook read as a stream, within limits fixed before anything is unpacked.

A return comes from outside the office, so its workbook is read as hostile data, as a package
(``load.package``, which Word documents are read through too): each part's unpacked size is checked against
its limit before the part is opened (and the zip reader stops at the size it declared); the XML is parsed by
expat event by event, with no document type declaration allowed (no entity can expand, none can point
outside); a worksheet is a stream of rows, each holding only the cells it stores, so a cell
at XFD1048576 costs one cell, not a grid up to it; a value beyond the rows or columns a return may have, a
text longer than Excel itself allows, rows out of order or a shared string that is not there is a
``Refused`` with its code and place. Only the parts a return needs are opened: the workbook, its
relationships, the shared strings, the styles (which cells show percents or dates) and the sheets asked for.

What a cell holds is what a spreadsheet shows: the computed value of a formula (with the formula itself, so
a formula saved without a value can be named), numbers as int or float, booleans, error words (#N/A), text,
and a number in a date format as the date it shows (1900 or 1904 date system).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from tracker.load.package import Package, Parser, bad, expat_parser, feed, split
from tracker.load.package import Refused as Refused  # the readers of workbooks catch it from here

_MAIN = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
_RELS = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
         "http://purl.oclc.org/ooxml/officeDocument/relationships")
_CELL = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
# Excel's built-in number formats that show a date or time (14–22, 45–47; 27–36 and 50–58 in Chinese,
# Japanese and Korean Excel) or a percent (9, 10)
_DATE_IDS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])
_PERCENT_IDS = frozenset([9, 10])
_NOT_FORMAT = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')  # quoted text, escapes, paddings, [Red] and [$-409]


class Limits(NamedTuple):
    part: int  # bytes of one unpacked part
    rows: int  # the last row a value may stand in
    cols: int  # the last column a value may stand in
    text: int  # characters in one cell
    strings: int  # shared strings in the workbook
    merged: int  # merged ranges in a sheet


class Sheet(NamedTuple):
    name: str
    state: str  # visible, hidden or veryHidden
    part: str  # the worksheet's path inside the zip


class Cell(NamedTuple):
    row: int
    col: int
    value: Any  # str, int, float, bool, datetime or None
    style: int  # index into the workbook's cell formats
    formula: str  # "=..." when the cell holds one


class Format(NamedTuple):
    percent: bool
    date: bool


def column_number(letters: str) -> int:
    """Column C as a number: 3."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def cell_name(row: int, col: int) -> str:
    """Row 7, column 3 as a spreadsheet names it: C7."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"


class Workbook(Package):
    """The parts of one workbook a return needs, each read when first asked for."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        super().__init__(data, limits.part)
        self.limits = limits
        path = self.office_document("xl/workbook.xml")
        self.sheets, self.date1904, parts = self._workbook(path)
        self._strings_part, self._styles_part = parts
        self._strings: list[str] | None = None
        self._formats: list[Format] | None = None

    # -- parts

    def _workbook(self, path: str) -> tuple[list[Sheet], bool, tuple[str | None, str | None]]:
        rels = self.relations(path)
        sheets: list[Sheet] = []
        date1904 = [False]

        def start(ns: str, tag: str, attrs: dict[str, str]) -> None:
            if ns not in _MAIN:
                return
            if tag == "workbookPr":
                date1904[0] = attrs.get("date1904", "").lower() in ("1", "true")
            elif tag == "sheet":
                rid = next((v for k, v in attrs.items() if split(k) in ((r, "id") for r in _RELS)), "")
                kind, target = rels.get(rid, ("", ""))
                if kind.endswith("/worksheet"):  # a chart sheet or a dialog sheet holds no cells
                    sheets.append(Sheet(attrs.get("name", ""), attrs.get("state", "visible"), target))

        self.parse(path, Parser(start, lambda ns, tag: None))
        parts: dict[str, str] = {}
        for kind, target in rels.values():
            parts.setdefault(kind.rsplit("/", 1)[-1], target)
        return sheets, date1904[0], (parts.get("sharedStrings"), parts.get("styles"))

    def strings(self) -> list[str]:
        """The shared strings, each cut one character past the longest a cell may hold (so it is still
        seen as too long); phonetic guides (rPh) are not part of the text."""
        if self._strings is not None:
            return self._strings
        out: list[str] = []
        texts: list[str] = []
        state = {"in_t": False, "phonetic": 0, "length": 0}
        cap = self.limits.text + 1

        def start(ns: str, tag: str, attrs: dict[str, str]) -> None:
            if ns not in _MAIN:
                return
            if tag == "si":
                texts.clear()
                state["length"] = 0
            elif tag == "rPh":
                state["phonetic"] += 1
            elif tag == "t" and not state["phonetic"]:
                state["in_t"] = True

        def end(ns: str, tag: str) -> None:
            if ns not in _MAIN:
                return
            if tag == "si":
                if len(out) >= self.limits.strings:
                    raise Refused("import-too-many", what=("文本", "texts"), limit=f"{self.limits.strings:,}")
                out.append("".join(texts))
            elif tag == "rPh":
                state["phonetic"] -= 1
            elif tag == "t":
                state["in_t"] = False

        def text(data: str) -> None:
            if state["in_t"] and state["length"] < cap:
                texts.append(data[: cap - state["length"]])
                state["length"] += len(texts[-1])

        if self._strings_part is not None:
            self.parse(self._strings_part, Parser(start, end, text))
        self._strings = out
        return out

    def formats(self) -> list[Format]:
        """Whether each cell format (a cell's ``s``) shows a percent or a date."""
        if self._formats is not None:
            return self._formats
        codes: dict[int, str] = {}
        ids: list[int] = []
        where = {"xfs": False}

        def start(ns: str, tag: str, attrs: dict[str, str]) -> None:
            if ns not in _MAIN:
                return
            if tag == "numFmt":
                codes[_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
            elif tag == "cellXfs":
                where["xfs"] = True
            elif tag == "xf" and where["xfs"]:
                ids.append(_int(attrs.get("numFmtId")))

        def end(ns: str, tag: str) -> None:
            if ns in _MAIN and tag == "cellXfs":
                where["xfs"] = False

        if self._styles_part is not None:
            self.parse(self._styles_part, Parser(start, end))
        self._formats = [_format(i, codes.get(i)) for i in ids]
        return self._formats

    def rows(self, sheet: Sheet) -> Rows:
        return Rows(self, sheet)


def _int(text: str | None) -> int:
    try:
        return int(text or "0")
    except ValueError:
        return -1


def _format(number_format: int, code: str | None) -> Format:
    if code is None:
        return Format(number_format in _PERCENT_IDS, number_format in _DATE_IDS)
    shown = _NOT_FORMAT.sub("", code)
    return Format("%" in shown, re.search(r"[dmyhsDMYHS]", shown) is not None)


_TAGS = {f"{ns}}}{tag}": tag for ns in _MAIN for tag in ("row", "c", "v", "f", "t", "rPh", "mergeCell")}


class Rows:
    """A worksheet's rows in order, each as the cells it stores; after the last, ``merged`` holds its merged
    ranges as (first row, first column, last row, last column). One pass of expat over the part, a chunk at
    a time, each handler a few comparisons: the cost is linear in the cells the sheet stores."""

    def __init__(self, book: Workbook, sheet: Sheet) -> None:
        self._book, self._sheet, self._limits = book, sheet, book.limits
        self.merged: list[tuple[int, int, int, int]] = []
        self._ready: list[tuple[int, list[Cell]]] = []
        self._row: list[Cell] = []
        self._at_row = self._at_col = 0
        self._cell: list[Any] = []  # row, column, type, style, value, formula, shared formula id
        self._open = False  # inside a <c>
        self._texts: list[str] = []
        self._length = 0
        self._capture = False
        self._phonetic = 0
        self._shared: dict[str, str] = {}

    def __iter__(self) -> Iterator[tuple[int, list[Cell]]]:
        parser = expat_parser()
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        for chunk in self._book.stream(self._sheet.part):
            feed(parser, chunk)
            yield from self._ready
            self._ready.clear()
        feed(parser, b"", last=True)
        yield from self._ready

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _TAGS.get(name)
        if tag is None:
            return
        if tag == "c":
            ref = attrs.get("r")
            r, c = _where(ref, self._at_row, self._at_col + 1)
            if r != self._at_row or c <= self._at_col:
                raise bad(f"单元格 {ref} 不按顺序", f"cell {ref} is out of order", (r, c))
            self._at_col = c
            self._cell = [r, c, attrs.get("t", "n"), _int(attrs.get("s")), None, None, None]
            self._open = True
        elif tag == "row":
            number = _int(attrs["r"]) if "r" in attrs else self._at_row + 1
            if number <= self._at_row:
                raise bad(f"第 {number} 行不按顺序", f"row {number} is out of order", (max(number, 1), 1))
            self._at_row, self._at_col = number, 0
            self._row = []
        elif tag == "mergeCell":
            if len(self.merged) >= self._limits.merged:
                raise Refused("import-too-many", what=("合并单元格", "merged ranges"), limit=f"{self._limits.merged:,}")
            self.merged.append(_range(attrs.get("ref", "")))
        elif not self._open:
            return
        elif tag == "rPh":
            self._phonetic += 1
        elif tag in ("v", "f") or (tag == "t" and self._cell[2] == "inlineStr" and not self._phonetic):
            if tag == "f" and attrs.get("t") == "shared":
                self._cell[6] = attrs.get("si", "")
            self._texts = []
            self._length = 0
            self._capture = True

    def _end(self, name: str) -> None:
        tag = _TAGS.get(name)
        if tag is None:
            return
        if tag == "c":
            self._open = False
            done = self._done()
            if done.value is not None or done.formula:
                limits = self._limits
                if done.row > limits.rows or done.col > limits.cols:
                    raise Refused("import-out-of-bounds", (done.row, done.col), rows=f"{limits.rows:,}",
                                  cols=f"{limits.cols:,}")
                self._row.append(done)
        elif tag == "row":
            if self._row:
                self._ready.append((self._at_row, self._row))
        elif tag == "rPh":
            self._phonetic -= 1
        elif self._capture and tag in ("v", "f", "t"):
            self._capture = False
            text = "".join(self._texts)
            if tag == "t":
                self._cell[4] = (self._cell[4] or "") + text
            else:
                self._cell[4 if tag == "v" else 5] = text

    def _text(self, data: str) -> None:
        if self._capture:
            self._length += len(data)
            if self._length > self._limits.text:
                raise Refused("import-cell-too-long", (self._cell[0], self._cell[1]), n=f"{self._length:,}+",
                              limit=str(self._limits.text))
            self._texts.append(data)

    def _done(self) -> Cell:
        """The cell just parsed, as the value a spreadsheet shows."""
        book = self._book
        r, c, kind, style, raw, text, shared = self._cell
        formula = ""
        if text is not None:
            if shared is not None:  # a shared formula: its first cell holds the text, the others refer to it
                text = self._shared.setdefault(shared, text) if text else self._shared.get(shared, "")
            formula = "=" + text
        value: Any = None
        if raw is not None and (raw != "" or kind in ("str", "inlineStr")):
            try:
                value = _value(book, kind, raw, style)
            except (ValueError, IndexError, OverflowError):
                raise bad(f"单元格的值无法识别（{kind}）", f"a cell's value cannot be read ({kind})", (r, c)) from None
        if isinstance(value, str) and len(value) > book.limits.text:
            raise Refused("import-cell-too-long", (r, c), n=f"{len(value):,}+", limit=str(book.limits.text))
        return Cell(r, c, value, style, formula)


def _value(book: Workbook, kind: str, raw: str, style: int) -> Any:
    if kind == "s":
        index = int(raw)
        strings = book.strings()
        if not 0 <= index < len(strings):
            raise IndexError(index)
        return strings[index]
    if kind in ("str", "inlineStr", "e"):
        return raw
    if kind == "b":
        return raw.strip() in ("1", "true")
    if kind == "d":
        return dt.datetime.fromisoformat(raw.strip())
    number: int | float = int(raw) if re.fullmatch(r"\s*[-+]?\d+\s*", raw) else float(raw)
    formats = book.formats()
    if 0 <= style < len(formats) and formats[style].date:
        return _excel_date(number, book.date1904)
    return number


def _excel_date(serial: float, date1904: bool) -> dt.datetime:
    """A date serial as Excel shows it (the 1900 system counts a 29 February 1900 that never was)."""
    if date1904:
        start = dt.datetime(1904, 1, 1)
    elif serial < 60:
        start = dt.datetime(1899, 12, 31)
    else:
        start = dt.datetime(1899, 12, 30)
    return start + dt.timedelta(days=serial)


def _where(ref: str | None, row: int, col: int) -> tuple[int, int]:
    """A cell's row and column from its reference, or from its place after the one before it."""
    if ref is None:
        return row, col
    m = _CELL.fullmatch(ref)
    if m is None:
        raise bad(f"单元格引用 {ref[:20]} 无法识别", f"cell reference {ref[:20]} cannot be read", (max(row, 1), 1))
    return int(m.group(2)), column_number(m.group(1))


def _range(ref: str) -> tuple[int, int, int, int]:
    first, _, last = ref.partition(":")
    r1, c1 = _where(first, 0, 0)
    r2, c2 = _where(last or first, 0, 0)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)
