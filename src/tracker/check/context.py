"""What a rule is handed: the record being checked (``RecordCheck``) or the whole file (``FileCheck``).

Problems are filed at the record's own positions, through the check, so a rule says only which field is wrong
and with which code; whether the record is then made is the check's ``ok``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tracker.check.checked import Progress, Withdrawal
from tracker.core.i18n import both
from tracker.core.model import Catalog
from tracker.core.problems import Arg, Collector
from tracker.load.progress import RawFile, RawRecord

if TYPE_CHECKING:
    from tracker.check.registry import Shape


class RecordCheck:
    """One record being checked. The rules reading every record set ``rid`` and ``date`` before the rule
    making its type is called; ``shape`` is its type's row of the schema."""

    __slots__ = ("cat", "unit", "rec", "today", "out", "ok", "kind", "rid", "date", "shape", "beyond")

    def __init__(self, cat: Catalog, unit: str, rec: RawRecord, today: dt.date, out: Collector,
                 beyond: Mapping[str, dt.date] | None = None) -> None:
        self.cat, self.unit, self.rec, self.today, self.out = cat, unit, rec, today, out
        self.beyond = beyond  # by item: the last date its records may carry, past records_until (see dates)
        self.ok = True
        self.kind = ""
        self.rid = ""
        self.date: dt.date | None = None
        self.shape: Shape | None = None

    def bad(self, key: str, code: str, **args: Arg) -> None:
        """File ``code`` at the value of ``key``; the record is then not made."""
        self.out.add(self.rec.at(key), code, **args)
        self.ok = False

    def unit_name(self) -> str:
        """The unit as people name it (its short name; its id only when the list has no such unit)."""
        unit = self.cat.units.get(self.unit)
        return unit.short if unit else self.unit


@dataclass
class FileCheck:
    """One progress file being checked: its records so far (``progress``: what counts; rules may drop what
    does not), and what the rules keep while reading it."""

    cat: Catalog
    raw: RawFile
    file_unit: str  # the unit the file's name says
    today: dt.date
    out: Collector
    progress: Progress
    unit: str = ""  # the unit its records count for, once ``opens`` has said so
    seen: dict[str, int] = field(default_factory=dict)  # every id met, with the line of its first record
    withdrawn: dict[str, Withdrawal] = field(default_factory=dict)  # by the id each withdraws
    withdrawals: set[str] = field(default_factory=set)  # the id of every withdrawal met, in effect or not
    beyond: dict[str, dt.date] = field(default_factory=dict)  # by item: a deadline approved past records_until
    made: Progress | None = None  # every record made, withdrawn or not (set before the ``check`` rules run)
    void: set[str] = field(default_factory=set)  # decisions whose binding fails: they decide nothing
    raws: dict[str, RawRecord] | None = None  # each id's record as read (the first), once a rule asks

    def raw_of(self, rid: str) -> RawRecord | None:
        """The record read under ``rid`` (the first: a later one with the same id is not read)."""
        if self.raws is None:
            self.raws = {}
            for rec in self.raw.records:
                key = rec.values.get("id")
                if isinstance(key, str) and key not in self.raws:
                    self.raws[key] = rec
        return self.raws.get(rid)


def field_word(key: str) -> str | tuple[str, str]:
    """A record's field as a message names it: in words where the vocabulary has them (进度, 日期 …)."""
    try:
        return both(f"field.{key}")
    except KeyError:
        return key


def finite(value: float) -> bool:
    """A number a report can compute with: not NaN nor infinite, nor an integer past what a float holds
    (JSON reads 1 followed by 400 zeros as an int, which math.isfinite cannot even convert)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False
