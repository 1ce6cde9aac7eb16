"""Reminders (提醒) to lagging units and the bulletin (通报) ranking them, and the register of the reminders
issued: one ``reminder`` record in each reminded unit's own file."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from tracker.actions import lookup
from tracker.actions.reporting import report_at
from tracker.actions.scope import Scope, append, catalog, who
from tracker.compute.report import Report
from tracker.core.i18n import Lang, Msg
from tracker.core.model import Catalog
from tracker.core.refusal import Refused
from tracker.views.documents import Noticed


class Reminders(NamedTuple):
    """The notices to write, each under a file name of its own (``stem``), and what they were drawn from."""

    cat: Catalog
    report: Report
    unit: str | None
    notices: list[tuple[str, Noticed]]


def safe_name(name: str) -> str:
    """A unit's name as a file name on every system: a name is user text, never a path."""
    return "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in name).strip(" .") or "unit"


def remind(scope: Scope, lang: Lang, day: dt.date, *, unit: str | None = None, since: dt.date | None = None,
           number: str = "", with_score: bool = False, cc: str = "", allow_errors: bool = False) -> Reminders:
    """A reminder for each lagging unit (only ``unit``'s when given) and the bulletin covering all, as of
    ``day``; with ``since``, what changed since then (较上期); with ``with_score``, the best-scored units named
    and the scores attached; ``cc``, the 抄送机关 of the 版记 (default: the plan's). With no 发文字号 known,
    the documents keep its place blank, and that is said."""
    from tracker.compute.scoring import scores
    from tracker.views.notices import all_notices

    cat = catalog(scope)
    uid = lookup.unit_id(cat, unit) if unit is not None else None
    data = report_at(scope, cat, day, since=since, allow_errors=allow_errors)
    stamp = dt.datetime.combine(day, dt.time(0, 0))
    ranked = scores(cat, data) if with_score else None
    if not (number.strip() or cat.plan.document_number):
        scope.say(Msg.of("notice.number.missing"))
    drafted = all_notices(cat, data, lang, uid, number.strip(), ranked, cc.strip())
    return Reminders(cat, data, uid, [(safe_name(n.stem), Noticed(n, stamp)) for n in drafted])


def register(scope: Scope, reminders: Reminders, number: str, by: str | None = None) -> list[Refused]:
    """Append one ``reminder`` record per reminded unit to its own file, each under its lock; a unit already
    registered as reminded that day under the same number is not registered twice. A unit's refusal leaves its
    file untouched and the others go on: the refusals come back."""
    from tracker.check.build import record
    from tracker.views.notices import REPLY_DAYS, reminded_items

    cat, data = reminders.cat, reminders.report
    number = number.strip() or cat.plan.document_number
    made = who(scope, by)
    reply = data.as_of + dt.timedelta(days=REPLY_DAYS)
    issued = {(p.unit, r.number) for p in data.pairs for r in p.reminders if r.date == data.as_of}
    due = reminded_items(data, reminders.unit, cat.plan.office)
    failed: list[Refused] = []
    for uid in (u for u in cat.units if u in due):
        items = due[uid]
        if (uid, number) in issued:
            scope.say(Msg.of("cli.reminder-already", unit=cat.units[uid].short, date=data.as_of.isoformat()))
            continue
        values = record("reminder", date=data.as_of.isoformat(), items=[cat.items[i].number or i for i in items],
                        number=number, reply_by=reply.isoformat(), by=made)
        try:
            done = append(scope, cat, uid, [values])
        except Refused as exc:
            failed.append(exc)
            continue
        scope.say(Msg.of("cli.reminder-recorded", unit=cat.units[uid].short, n=str(len(items)),
                         path=scope.root.rel(done.path)))
    return failed
