"""What a reader of the file should look at twice: a percent lower than the one before it, and a done item
recorded as not done again (each said at the later entry, as a warning)."""

from __future__ import annotations

import operator

from tracker.check.context import FileCheck
from tracker.core.i18n import both
from tracker.core.model import Entry, Status
from tracker.core.problems import Collector, Pos

_DATE_LINE = operator.attrgetter("date", "line")


def check(f: FileCheck) -> None:
    last: dict[str, Entry] = {}
    done = Status.DONE
    for e in sorted(f.progress.entries, key=_DATE_LINE):
        before = last.get(e.task)
        # most entries warn of nothing: judged here without a call, said by falls_from when one does
        if before is not None and (e.percent < before.percent or (before.status is done and e.status is not done)):
            falls_from(before, e, f.out)
        last[e.task] = e


def falls_from(before: Entry | None, e: Entry, out: Collector) -> None:
    """The warning for entry ``e`` given the entry on its item just before it by date (then line), if any."""
    if before is not None and before.status is Status.DONE and e.status is not Status.DONE:
        out.warn(Pos(e.line, 3), "reopened", task=e.task, before_date=before.date.isoformat(),
                 after_date=e.date.isoformat(), status=both(f"status.{e.status.value}"))
    elif before is not None and e.percent < before.percent:
        out.warn(Pos(e.line, 3), "percent-falls", task=e.task, before=f"{before.percent:g}",
                 before_date=before.date.isoformat(), after=f"{e.percent:g}", after_date=e.date.isoformat())
