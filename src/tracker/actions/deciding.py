"""The office's decisions: verifying or rejecting a unit's "done" (销号), withdrawing a record, and deadline
extensions (a unit's request, the office's approval or refusal). Each is a record appended to the unit's file;
who may make it, and whether there is anything to decide, is judged before anything is written."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

from tracker.actions import lookup
from tracker.actions.scope import Scope, acting_for, append, catalog, office_only, pairs
from tracker.core.i18n import both
from tracker.core.model import Catalog
from tracker.core.problems import problem
from tracker.core.refusal import NOWHERE, refused

if TYPE_CHECKING:
    from tracker.compute.state import PairState
    from tracker.folder.store import Written


def _pair(scope: Scope, cat: Catalog, item: str, unit: str, day: dt.date) -> PairState | None:
    return next((p for p in pairs(scope, cat, day, unit).pairs if p.item == item), None)


def verify(scope: Scope, task: str, unit: str, day: dt.date, *, reject: bool = False, note: str = "",
           by: str | None = None) -> Written:
    """The office's close (销号) of a unit's "done" as of ``day``, or its rejection with a reason; the store
    binds it to the pair's latest record, the claim judged. Refused when there is no claim to judge: none
    recorded, the latest record no "done", or the last one rejected with none since
    (``decision-without-claim``, as ``tracker validate`` says of such a decision in a file)."""
    from tracker.check.build import record, task_ref

    cat = catalog(scope)
    verdict = "reject" if reject else "verify"
    office_only(scope, cat, verdict)
    item = lookup.item(cat, task)
    uid = lookup.unit_id(cat, unit)
    pair = _pair(scope, cat, item.id, uid, day)
    if pair is None or not pair.done:
        why = both("decision.no-claim")
        if pair is not None and pair.rejected is not None:  # rejected, and not claimed since
            zh, en = both("decision.claim-rejected")
            when = {"date": pair.rejected.date.isoformat(), "line": pair.rejected.line}
            why = (zh.format(**when), en.format(**when))
        elif pair is not None and pair.latest is not None:  # the record it would decide is no "done"
            zh, en = both("decision.not-done")
            named = {"id": pair.latest.id, "line": pair.latest.line}
            why = (zh.format(**named), en.format(**named))
        raise refused(problem("", NOWHERE, "decision-without-claim", task=item.id, why=why,
                              verdict=both(f"decision.{verdict}")))
    values = record(verdict, date=day.isoformat(), task=task_ref(item), note=note, by=by or None)
    return append(scope, cat, uid, [values]).written[0]


class Withdrawn(NamedTuple):
    """A withdrawal written, and the record it withdraws (as the file holds it)."""

    written: Written
    target: dict[str, Any]


def withdraw(scope: Scope, record_id: str, note: str, day: dt.date, *, by: str | None = None,
             unit: str | None = None) -> Withdrawn:
    """The office's correction: a record withdrawing the one with id ``record_id``, appended to the file that
    holds it (records are never edited or deleted). Refused when no file holds the id, or when two do and
    ``unit`` does not say whose record it is."""
    from tracker.check.build import record
    from tracker.folder.ids import holding

    cat = catalog(scope)
    office_only(scope, cat, "withdraw")
    uid = lookup.unit_id(cat, unit) if unit is not None else None
    found = holding(scope.root, record_id, None if uid is None else [uid])
    if not found:
        raise refused(problem("", NOWHERE, "unknown-record", id=record_id))
    if len(found) > 1:
        raise refused(problem("", NOWHERE, "record-ambiguous", id=record_id,
                              files="、".join(scope.root.rel(path) for path, _ in found)))
    path, target = found[0]
    values = record("withdraw", date=day.isoformat(), withdraws=record_id, note=note,
                    task=target.values.get("task"), by=by or None)
    return Withdrawn(append(scope, cat, path.stem, [values]).written[0], dict(target.values))


def extend(scope: Scope, task: str, unit: str, day: dt.date, *, until: dt.date | None = None,
           approve: bool = False, note: str = "", by: str | None = None) -> Written:
    """A deadline extension (延期申请): with ``until``, the unit's request for that later deadline; else the
    office's decision on the open request, approving it (``approve``) or refusing it. A unit has one request
    open on a task at a time; a decision needs one open."""
    from tracker.check.build import record, task_ref

    cat = catalog(scope)
    item = lookup.item(cat, task)
    uid = lookup.unit_id(cat, unit)
    if until is None:
        office_only(scope, cat, "approve" if approve else "refuse")
    else:
        acting_for(scope, cat, uid, "request")
    pair = _pair(scope, cat, item.id, uid, max(day, scope.today))  # the request open now, whatever the day given
    pending = [x for x in pair.extensions if x.verdict == "pending"] if pair is not None else []
    if until is not None:
        if pending:
            raise refused(problem("", NOWHERE, "extension-pending", id=pending[-1].request.id,
                                  until=str(pending[-1].request.until)))
        values = record("extend", date=day.isoformat(), task=task_ref(item), until=until.isoformat(), note=note,
                        by=by or None)
    elif not pending:
        raise refused(problem("", NOWHERE, "no-open-request", unit=cat.units[uid].short, task=item.id,
                              date=day.isoformat()))
    else:
        values = record("approve" if approve else "refuse", date=day.isoformat(), task=task_ref(item),
                        request=pending[-1].request.id, note=note, by=by or None)
    return append(scope, cat, uid, [values]).written[0]
