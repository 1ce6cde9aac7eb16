"""New records, built in one place from their schema (``check.records.FIELDS``).

Every command that writes a record (record, plan, verify, withdraw, extend, the reminder register, import)
builds it here, so a record can only be made of the fields its type has; the store then checks it with the
same rules as a file's records. Values are as a file holds them: dates in ISO form, a task by its number
(a goal by its id), empty values left out when the line is written (``load.progress.record_line``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from tracker.check.records import FIELDS
from tracker.core.i18n import Msg
from tracker.core.model import Item, Status
from tracker.load.inputs import number

Value = str | int | float | list[str] | list[int | str] | None


def record(kind: str, **fields: Value) -> dict[str, object]:
    """A new record of type ``kind``: every field its schema requires (but the id, which the store draws),
    and none it does not know; a None value is left out. A wrong field is a mistake in the code, not in what
    was typed: it raises ValueError."""
    required, optional = FIELDS[kind]
    given = {k: v for k, v in fields.items() if v is not None}
    unknown = sorted(set(given) - required - optional)
    missing = sorted(required - set(given) - {"id", "type"})
    if unknown or missing:
        raise ValueError(f"a {kind} record: unknown fields {unknown}, missing {missing}")
    return {"type": kind, **given}


def task_ref(item: Item) -> int | str:
    """An item as a record names it: a task by its number, a goal by its id (G2)."""
    return item.number or item.id


def progress(item: Item, st: Status, percent: str | None, value: str | None, note: str | None,
             evidence: Sequence[str], day: dt.date, by: str | None) -> tuple[dict[str, object], list[Msg]]:
    """A progress record from what was typed, with plain numbers, and the notices about what was read
    differently (``８０％`` as 80). Done means 100 and not started 0 when no percent is given. A number that
    is none raises BadInput."""
    notices: list[Msg | None] = []
    read_percent: int | float | None = None
    if percent is not None:
        read_percent, notice = number(percent, "percent")
        notices.append(notice)
    elif st in (Status.DONE, Status.NOT_STARTED):
        read_percent = 100 if st is Status.DONE else 0
    read_value: int | float | None = None
    if value is not None:
        read_value, notice = number(value, "value")
        notices.append(notice)
    values = record("progress", date=day.isoformat(), task=task_ref(item), status=st.value, percent=read_percent,
                    value=read_value, note=note or "", evidence=list(evidence), by=by or None)
    return values, [n for n in notices if n]
