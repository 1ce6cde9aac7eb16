"""The common case, checked without ceremony: a well-formed progress record becomes its Entry at once.

Most records in a long history are plain progress entries with nothing wrong; the rules' modules (with their
messages) are for the rest. ``QuickCheck`` must give exactly what they give whenever it gives anything: tests
hold the two equal over random records, every rule included.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from tracker.check.context import finite
from tracker.check.registry import fields
from tracker.core.model import Catalog, Entry, Item, Status
from tracker.load.inputs import STATUS_WORDS
from tracker.load.progress import RawRecord

_PROGRESS_KEYS = frozenset(set.union(*fields()["progress"]))


class QuickCheck:
    """The common case, checked without ceremony: a progress record with nothing wrong becomes its Entry;
    anything unusual gives None, and ``check_record`` then applies every rule with its messages (equal
    results either way). One checker serves a whole file: what repeats from record to record (a date, a
    task, a status word) is judged once, which is most of the cost of a cold report over a long history."""

    __slots__ = ("_cat", "_unit", "_today", "_days", "_ints", "_texts", "_words")

    def __init__(self, cat: Catalog, unit: str, today: dt.date) -> None:
        self._cat, self._unit, self._today = cat, unit, today
        self._days: dict[str, dt.date | None] = {}
        self._ints: dict[Any, Item | None] = {}  # a task written as a number (15) and as text ("15") are
        self._texts: dict[Any, Item | None] = {}  # kept apart: the text is stripped and upper-cased
        self._words: dict[str, Status | None] = {}

    def __call__(self, v: dict[str, Any], line: int) -> Entry | None:
        if v.get("type") != "progress" or not _PROGRESS_KEYS.issuperset(v) or len(v) < 5:
            return None
        rid, day, task, word = v.get("id"), v.get("date"), v.get("task"), v.get("status")
        if type(rid) is not str or not rid or type(day) is not str or type(word) is not str:
            return None
        date = self._days.get(day, _UNSEEN)
        if date is _UNSEEN:
            date = self._days[day] = self._date(day)
        kind = type(task)
        memo: dict[Any, Item | None] | None = self._ints if kind is int else self._texts if kind is str else None
        if memo is None:
            return None
        item = memo.get(task, _UNSEEN)
        if item is _UNSEEN:
            item = memo[task] = self._item(task)
        status = self._words.get(word, _UNSEEN)
        if status is _UNSEEN:
            status = self._words[word] = STATUS_WORDS.get(word.strip().lower())
        if date is None or item is None or status is None:
            return None
        percent = v.get("percent")
        if percent is None:
            if "percent" in v or status not in (Status.DONE, Status.NOT_STARTED):
                return None
            percent = 100.0 if status is Status.DONE else 0.0
        elif type(percent) not in (int, float) or not 0 <= percent <= 100 or (status is Status.DONE and percent < 100):
            return None
        value = v.get("value")
        if value is not None and (type(value) not in (int, float) or not finite(value) or item.target is None):
            return None
        note, by, evidence = v.get("note", ""), v.get("by", ""), v.get("evidence", [])
        if note is None:
            note = ""
        if by is None:
            by = ""
        if type(note) is not str or type(by) is not str or (status is Status.BLOCKED and not note.strip()):
            return None
        if type(v.get("source", "")) is not str:
            return None
        if type(evidence) is str:
            evidence = [evidence]
        elif type(evidence) is not list:
            return None
        for one in evidence:  # usually one file, or none
            if type(one) is not str:
                return None
        return _ENTRY((rid, self._unit, item.id, date, status, float(percent),
                       None if value is None else float(value), note, tuple(evidence), by, line))

    def _date(self, day: str) -> dt.date | None:
        plan = self._cat.plan
        return _day(day, plan.start, plan.records_until, self._today)

    def _item(self, task: Any) -> Item | None:
        item = self._cat.items.get(str(task).strip().upper())
        return item if item is not None and self._cat.reports_on(self._unit, item) else None


@functools.lru_cache(maxsize=4096)
def _day(day: str, start: dt.date, until: dt.date, today: dt.date) -> dt.date | None:
    """A record's date when it is one (YYYY-MM-DD, within the plan's records, not after today), else None.
    Kept across files: a worker checks hundreds, whose records fall on the same few hundred days."""
    if len(day) != 10 or day[4] != "-":
        return None
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        return None
    # fromisoformat also reads a week date (2025-W10-1): only YYYY-MM-DD is one here
    return date if date.isoformat() == day and start <= date <= until and date <= today else None


_UNSEEN: Any = object()
_ENTRY = functools.partial(tuple.__new__, Entry)  # skips the named tuple's Python-level __new__


def quick_progress(cat: Catalog, unit: str, rec: RawRecord, today: dt.date) -> Entry | None:
    """``QuickCheck`` for one record."""
    return QuickCheck(cat, unit, today)(rec.values, rec.pos.line)
