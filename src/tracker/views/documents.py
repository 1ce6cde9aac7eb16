"""The documents a command writes, as the format table (``core.formats``) names them: what an action returns
and a renderer receives, one type per document. Each holds finished data (tables in the reader's words,
the report's figures); a renderer lays it out, never recomputes it. Plain classes with slots: every command
imports this module, and a named tuple costs more to define than the command takes to check its options;
frozen all the same."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # types only: a document is imported by every command, its parts only where they are made
    from tracker.compute.report import Report
    from tracker.compute.rollup import Rollup
    from tracker.core.model import Catalog
    from tracker.core.problems import Problem
    from tracker.load.published import Imported
    from tracker.views.notices import Notice
    from tracker.views.review import DiffParts
    from tracker.views.tables import Table


class _Document:
    """Set once, when made: a renderer reads a document, never changes it."""

    __slots__ = ()

    def _set(self, **parts: Any) -> None:
        for name, value in parts.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")


class Listing(_Document):
    """``listing``: one table (tasks, units, status, overdue, log, the levels' status), and the colours'
    legend a terminal shows under it; ``apart``, rows of the same columns listed apart under their own title
    (the items carried over from last year, after this year's tasks). A listing may have a heading and lines
    under it (the as-of date, the counts), and ``parts``: the same rows in titled sections (by kind, by unit),
    which the text formats show in place of ``table``; csv and json keep the one table, whose columns say
    what the sections' titles say."""

    __slots__ = ("table", "legend", "apart", "heading", "lines", "parts")
    table: Table
    legend: list[tuple[str, str]] | None
    apart: Table | None
    heading: str
    lines: tuple[str, ...]
    parts: tuple[Table, ...]

    def __init__(self, table: Table, legend: list[tuple[str, str]] | None = None, apart: Table | None = None, *,
                 heading: str = "", lines: tuple[str, ...] = (), parts: tuple[Table, ...] = ()) -> None:
        self._set(table=table, legend=legend, apart=apart, heading=heading, lines=lines, parts=parts)

    @property
    def sections(self) -> tuple[Table, ...]:
        """What the text formats show: the parts, else the table (untitled) and what is listed apart."""
        if self.parts:
            return self.parts
        return (self.table._replace(title=""), self.apart) if self.apart is not None else ()


class Shown(_Document):
    """``show``: one item's text as label/value lines, each expected unit's state, and all of it as JSON; for an
    item carried over from last year, its units' record there (``history``, titled by its ``title``)."""

    __slots__ = ("lines", "table", "record", "history")
    lines: list[tuple[str, str]]
    table: Table
    record: dict[str, Any]
    history: Table | None

    def __init__(self, lines: list[tuple[str, str]], table: Table, record: dict[str, Any],
                 history: Table | None = None) -> None:
        self._set(lines=lines, table=table, record=record, history=history)


class Published(_Document):
    """``report`` (and ``levels``, with the lower levels rolled up): the report as of a date, its rows by
    ``by`` (task, unit, action or goal) where a format shows one view."""

    __slots__ = ("cat", "report", "by", "rollup")
    cat: Catalog
    report: Report
    by: str
    rollup: Rollup | None

    def __init__(self, cat: Catalog, report: Report, by: str = "unit", rollup: Rollup | None = None) -> None:
        self._set(cat=cat, report=report, by=by, rollup=rollup)


class Scored(_Document):
    """``scores``: the assessment, each unit's score with its breakdown (``compute.scoring``)."""

    __slots__ = ("cat", "report", "scores")
    cat: Catalog
    report: Report
    scores: list[Any]

    def __init__(self, cat: Catalog, report: Report, scores: list[Any]) -> None:
        self._set(cat=cat, report=report, scores=scores)


class Reviewed(_Document):
    """``diff``: what a change did, in words (``parts``) and as JSON (``record``); ``fails`` when it edited or
    deleted records, or brought new errors."""

    __slots__ = ("parts", "record", "fails")
    parts: DiffParts
    record: dict[str, Any]
    fails: bool

    def __init__(self, parts: DiffParts, record: dict[str, Any], fails: bool) -> None:
        self._set(parts=parts, record=record, fails=fails)


class ListRead(_Document):
    """``imported``: a published list as read (``load.published.Imported``: its counts and every point to
    confirm at its place in the source), and the files written from it (none on a dry run)."""

    __slots__ = ("imported", "written")
    imported: Imported
    written: tuple[str, ...]

    def __init__(self, imported: Imported, written: tuple[str, ...] = ()) -> None:
        self._set(imported=imported, written=written)


class Found(_Document):
    """``problems``: what ``tracker validate`` found."""

    __slots__ = ("problems",)
    problems: list[Problem]

    def __init__(self, problems: list[Problem]) -> None:
        self._set(problems=problems)


class Noticed(_Document):
    """``notice``: a 公文 (a reminder, the bulletin, the upward return), dated ``stamp``; ``wide`` for one whose
    tables need a landscape page."""

    __slots__ = ("notice", "stamp", "wide")
    notice: Notice
    stamp: dt.datetime
    wide: bool

    def __init__(self, notice: Notice, stamp: dt.datetime, wide: bool = False) -> None:
        self._set(notice=notice, stamp=stamp, wide=wide)
