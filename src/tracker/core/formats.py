"""The output formats, one row each: its name, the file suffixes that name it, whether it is binary, and the
documents it can render, each by a function of its renderer module named after the document.

A command writes one document (a listing, the report, the scores …) in the format asked for with
``--format``, else the one ``-o``'s suffix names, else the document's default. The renderer module of a
format is imported only when a document is rendered in it, so naming formats costs nothing at start-up.
Adding a format is one module with a function per document it renders, ``name(doc, options) -> bytes``, and
one row here (or ``register`` at run time); the command line, its help and its refusals follow the table.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import NamedTuple

from tracker.core.i18n import Lang

# Each document a command writes, with the format it gets when neither --format nor -o's suffix names one.
DOCUMENTS: dict[str, str] = {
    "listing": "table",  # tasks, units, status, overdue, log, levels status: one table
    "show": "table",  # one task: its text, then each unit's state
    "report": "table",  # the report (tracker report)
    "levels": "table",  # the report with its lower levels (tracker report --levels)
    "scores": "table",  # the assessment (tracker score)
    "diff": "table",  # what a change did (tracker diff)
    "problems": "text",  # what validate found
    "notice": "md",  # a 公文: a reminder, the bulletin, the upward return (tracker levels return)
    "form": "xlsx",  # a unit's return to fill in (tracker template)
    "imported": "text",  # a published list read, with the points to confirm (tracker init --from, tasks import)
}

# The frames a 公文 is laid out in (GB/T 9704-2012), for --format-style: "file", the 文件格式 (the 发文机关标志 35 mm
# down the type area, a red line under the 发文字号); "letter", the 信函格式 of a 函 (the 发文机关标志 30 mm from the
# page's top edge between red double lines, no page number on the first page, a 版记 of 抄送 alone).
FRAMES = ("file", "letter")


class Format(NamedTuple):
    """One output format. ``module`` holds one function per document in ``documents`` (named after it), and
    a ``draw_<document>`` function for each document in ``draws``: how it is drawn at a terminal instead
    (colour, fitted to the screen). ``needs`` names what the format shows beyond a document's usual data
    (``trend``: the completion rate at each month end, drawn by the HTML page)."""

    name: str
    suffixes: tuple[str, ...]
    binary: bool
    module: str
    documents: tuple[str, ...]
    draws: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()


class Options(NamedTuple):
    """How a renderer lays a document out: in which language, tables fitted to ``width`` cells, and whether
    text tables may carry colour (only for a terminal)."""

    lang: Lang = Lang.ZH
    width: int | None = None
    color: bool = False


_ALL_TEXT = ("listing", "show", "report", "levels", "scores")
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("table", (".txt",), False, "tracker.render.formats.table", (*_ALL_TEXT, "diff"),
           draws=("listing", "show", "report", "levels", "scores", "diff")),
    Format("text", (".txt",), False, "tracker.render.formats.text", ("problems", "imported")),
    Format("md", (".md", ".markdown"), False, "tracker.render.formats.md", (*_ALL_TEXT, "diff", "notice")),
    Format("csv", (".csv",), False, "tracker.render.formats.csv", _ALL_TEXT),
    Format("json", (".json",), False, "tracker.render.formats.json", (*_ALL_TEXT, "diff", "problems", "imported")),
    Format("html", (".html", ".htm"), False, "tracker.render.formats.html", ("report", "levels"), needs=("trend",)),
    Format("xlsx", (".xlsx",), True, "tracker.render.formats.xlsx", ("report", "levels", "scores", "notice", "form")),
    Format("docx", (".docx",), True, "tracker.render.formats.docx", ("notice",)),
)}


def register(fmt: Format) -> None:
    """Add a format (or replace the one of that name) for the rest of the run."""
    FORMATS[fmt.name] = fmt


def unregister(name: str) -> None:
    FORMATS.pop(name, None)


def formats_of(document: str) -> list[Format]:
    """The formats that render ``document``, in the table's order."""
    return [f for f in FORMATS.values() if document in f.documents]


def named(document: str, name: str) -> Format | None:
    """The format called ``name`` (any case) if it renders ``document``."""
    fmt = FORMATS.get(name.lower())
    return fmt if fmt is not None and document in fmt.documents else None


def by_suffix(document: str, path: Path) -> Format | None:
    """The format ``path``'s suffix names among those that render ``document``."""
    suffix = path.suffix.lower()
    return next((f for f in formats_of(document) if suffix in f.suffixes), None)


def default(document: str) -> Format:
    return FORMATS[DOCUMENTS[document]]


class Fmt(str, Enum):
    """The four ways ``render.text`` lays a table out as text."""

    TABLE = "table"
    MD = "md"
    CSV = "csv"
    JSON = "json"
