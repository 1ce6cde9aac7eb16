"""One test module per rule module of ``tracker.check.rules``, each calling the rule's own functions with a
record or a file being checked, built here as the runner builds them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.check.test_records import CAT, TODAY, check
from tracker.check.context import RecordCheck
from tracker.check.records import staged
from tracker.check.rules import dates, fields
from tracker.core.problems import Collector, Pos
from tracker.load.progress import RawRecord

__all__ = ["CAT", "TODAY", "check", "made_by", "record", "where"]


def record(values: dict[str, Any], unit: str = "emergency") -> RecordCheck:
    """A record as the runner hands it to a rule: each field at a column of its own (10, 20, …) on line 6."""
    at = {key: Pos(6, 10 * n) for n, key in enumerate(values, 1)}
    c = RecordCheck(CAT, unit, RawRecord(values, Pos(6, 3), value_pos=at), TODAY, Collector("progress/x.yaml"))
    kind = values.get("type")
    if isinstance(kind, str) and kind in staged().makers:
        c.kind, c.shape = kind, staged().makers[kind][1]
    return c


def where(c: RecordCheck | Collector) -> list[tuple[int, int, str]]:
    out = c.out if isinstance(c, RecordCheck) else c
    return [(p.line, p.col, p.code) for p in out.problems]


def made_by(make: Callable[[RecordCheck], Any], values: dict[str, Any]) -> tuple[Any, RecordCheck]:
    """A record made by a rule's ``make`` after what every record carries was read, as the runner does it."""
    c = record(values)
    fields.reads(c)
    dates.reads(c)
    return make(c), c
