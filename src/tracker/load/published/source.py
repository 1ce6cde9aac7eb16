"""What every reader of a published list hands on: the cells of the list in reading order, each with its place in
the source, and the problems found on the way, each at its place (``清单.docx:表1:第7行:责任单位``).

Places are not line and column: a Word table has tables, rows and columns, a sheet has cells, a scraped web page
has lines. A place keeps what its source has and says it in the reader's language.
"""

from __future__ import annotations

from typing import NamedTuple

from tracker.core.codes import CODES
from tracker.core.i18n import Lang
from tracker.core.problems import Arg, Problem

# the columns of a published list, by what they hold (their headers vary: see ``columns``)
CONTENT, WORK, TASK, RESPONSIBLE, NUMBER, DEADLINE = "content", "work", "task", "responsible", "number", "deadline"
COLUMN_WORDS = {CONTENT: ("内容", "content"), WORK: ("重点工作", "key work"), TASK: ("年度量化目标任务", "task"),
                RESPONSIBLE: ("责任单位", "responsible"), NUMBER: ("序号", "number"),
                DEADLINE: ("完成时限", "deadline")}


class Place(NamedTuple):
    """Where something stands in a source: a file, and a table and row (Word), a sheet and row (Excel) or a
    line (text), and the column by what it holds."""

    file: str
    table: str = ""  # "表1" in a document, the sheet's name in a workbook, "" in text
    row: int = 0  # the table's row, the sheet's row or the text's line; 0: the whole file
    column: str = ""  # CONTENT, WORK, … or "" for a whole row or line
    line: bool = False  # ``row`` is a line of text

    def text(self, lang: Lang = Lang.ZH) -> str:
        zh = lang is Lang.ZH
        parts = [self.file]
        if self.table:
            parts.append(self.table if not self.table.startswith("表") or zh else f"table {self.table[1:]}")
        if self.row:
            word = ("第{n}行" if zh else "line {n}") if self.line else ("第{n}行" if zh else "row {n}")
            parts.append(word.format(n=self.row))
        if self.column:
            parts.append(COLUMN_WORDS[self.column][0 if zh else 1])
        return ":".join(parts)

    def at(self, column: str) -> Place:
        return self._replace(column=column)


class Finding(NamedTuple):
    """A problem found while importing a list, at its place in the source."""

    place: Place
    problem: Problem

    @property
    def level(self) -> str:
        return self.problem.level

    @property
    def code(self) -> str:
        return self.problem.code


class Findings:
    """Collects findings; the registry (``core/codes.py``), not the caller, decides each code's level."""

    def __init__(self) -> None:
        self.items: list[Finding] = []

    def add(self, place: Place, code: str, **args: Arg) -> None:
        """A finding at ``place``, which its problem names too (``place``, in both languages), so the problem
        reads where it stands wherever it is shown."""
        said = tuple((k, v) for k, v in args.items() if v != "") + (("place", (place.text(Lang.ZH),
                                                                              place.text(Lang.EN))),)
        self.items.append(Finding(place, Problem(place.file, place.row, 0, CODES[code].level, code, said)))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.items if f.level == "error"]


class Cell(NamedTuple):
    """One cell of the list as published: its text (paragraphs joined by line breaks), its place, and whether it
    continues a cell merged down from the row above (its text is then that cell's)."""

    text: str
    place: Place
    merged: bool = False
    numbers: tuple[int | None, ...] = ()  # the number Word's automatic numbering gives each line, if any


class Row(NamedTuple):
    """A row of the list's table, its cells by column; text sources give one cell a line, ``column`` unknown."""

    cells: dict[str, Cell]
    place: Place


class Source(NamedTuple):
    """A published list as read: the lines before the table (title, notice, issuer, date), its rows (a table's)
    or its lines (a text's), and the problems of reading it."""

    file: str
    kind: str  # "docx", "xlsx" or "text"
    preamble: list[Cell]
    rows: list[Row]
    findings: Findings
    after: list[Cell] = []  # lines after the table (a web page's footer, a notice's signature)
