"""The documents a command writes, as the format table (``core.formats``) names them: what an action returns
and a renderer receives, one type per document. Each holds finished data (tables in the reader's words,
the report's figures); a renderer lays it out, never recomputes it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # types only: a document is imported by every command, its parts only where they are made
    from tracker.compute.report import Report
    from tracker.compute.rollup import Rollup
    from tracker.core.model import Catalog
    from tracker.core.problems import Problem
    from tracker.views.notices import Notice
    from tracker.views.review import DiffParts
    from tracker.views.tables import Table


class Listing(NamedTuple):
    """``listing``: one table (tasks, units, status, overdue, log, the levels' status), and the colours'
    legend a terminal shows under it."""

    table: Table
    legend: list[tuple[str, str]] | None = None


class Shown(NamedTuple):
    """``show``: one item's text as label/value lines, each expected unit's state, and all of it as JSON."""

    lines: list[tuple[str, str]]
    table: Table
    record: dict[str, Any]


class Published(NamedTuple):
    """``report`` (and ``levels``, with the lower levels rolled up): the report as of a date, its rows by
    ``by`` (task, unit, action or goal) where a format shows one view."""

    cat: Catalog
    report: Report
    by: str = "unit"
    rollup: Rollup | None = None


class Scored(NamedTuple):
    """``scores``: the assessment, each unit's score with its breakdown (``compute.scoring``)."""

    cat: Catalog
    report: Report
    scores: list[Any]


class Reviewed(NamedTuple):
    """``diff``: what a change did, in words (``parts``) and as JSON (``record``); ``fails`` when it edited or
    deleted records, or brought new errors."""

    parts: DiffParts
    record: dict[str, Any]
    fails: bool


class Found(NamedTuple):
    """``problems``: what ``tracker validate`` found."""

    problems: list[Problem]


class Noticed(NamedTuple):
    """``notice``: a 公文 (a reminder, the bulletin, the upward return), dated ``stamp``; ``wide`` for one whose
    tables need a landscape page."""

    notice: Notice
    stamp: dt.datetime
    wide: bool = False
