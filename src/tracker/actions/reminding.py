"""Reminders (提醒) to lagging units and the bulletin (通报) ranking them, and the register of the reminders
issued: one ``reminder`` record in each reminded unit's own file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from tracker.actions import lookup
from tracker.actions.reporting import report_at
from tracker.actions.scope import Scope, acting_for, append, catalog, office_only, pairs, who
from tracker.compute.report import Report
from tracker.core.i18n import Lang, Msg
from tracker.core.model import Catalog, Reminder
from tracker.core.refusal import Refused
from tracker.views.documents import Noticed

if TYPE_CHECKING:
    from tracker.folder.store import Written


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
           number: str = "", with_score: bool = False, cc: str = "", allow_errors: bool = False,
           issued: frozenset[str] = frozenset(), frame: str | None = None) -> Reminders:
    """A reminder for each lagging unit (only ``unit``'s when given), each at the unit's step of the chasing
    ladder, and the bulletin covering all, as of ``day``; with ``since``, what changed since then (较上期); with
    ``with_score``, the best-scored units named and the scores attached; ``cc``, the 抄送机关 of the 版记
    (default: the plan's). With no 发文字号 known, the documents keep its place blank, and that is said.
    ``issued``: the reminders just registered for these notices (``register``), which the report and the
    bulletin count and the reminders do not call earlier ones. ``frame``: the 公文 frame of every notice
    (core.formats.FRAMES); by default reminders are 函 in the 信函格式 and the bulletin a 文件."""
    from tracker.compute.scoring import scores
    from tracker.views.notices import all_notices

    cat = catalog(scope)
    uid = lookup.unit_id(cat, unit) if unit is not None else None
    data = report_at(scope, cat, day, since=since, allow_errors=allow_errors)
    stamp = dt.datetime.combine(day, dt.time(0, 0))
    ranked = scores(cat, data) if with_score else None
    if not (number.strip() or cat.plan.document_number) and not issued:
        scope.say(Msg.of("notice.number.missing"))
    drafted = all_notices(cat, data, lang, uid, number.strip(), ranked, cc.strip(), issued, frame)
    return Reminders(cat, data, uid, [(safe_name(n.stem), Noticed(n, stamp)) for n in drafted])


class Registered(NamedTuple):
    """What the register did: the reminders written (their ids), or, when any unit's file refused its
    reminder, the refusals, and then nothing was written for any unit."""

    issued: frozenset[str]
    refused: list[Refused]


def register(scope: Scope, reminders: Reminders, number: str, by: str | None = None) -> Registered:
    """Append one ``reminder`` record per reminded unit to its own file, each under its lock, with the reply-by
    date the notice asks (``reply_days`` on, at most records_until). Only the office registers reminders (as
    check-authors holds). Every unit's file is checked with its reminder first; if any refuses, nothing is
    written in any, and the refusals come back (no notice should go out that the register does not hold).
    What was written is said only once all is written, so a reader that stops listening (``| head``) cannot
    leave the register half done. A unit already registered as reminded that day under the same number is not
    registered twice."""
    from tracker.check.build import record
    from tracker.views.notices import reminded_items, reply_date

    cat, data = reminders.cat, reminders.report
    office_only(scope, cat, "reminder")
    number = number.strip() or cat.plan.document_number
    made = who(scope, by)
    reply = reply_date(cat, data.as_of)
    issued = {(p.unit, r.number) for p in data.pairs for r in p.reminders if r.date == data.as_of}
    due = reminded_items(data, reminders.unit, cat.plan.office)
    batches: dict[str, dict[str, object]] = {}
    for uid in (u for u in cat.units if u in due):
        if (uid, number) in issued:
            scope.say(Msg.of("cli.reminder-already", unit=cat.units[uid].short, date=data.as_of.isoformat()))
            continue
        batches[uid] = record("reminder", date=data.as_of.isoformat(),
                              items=[cat.items[i].number or i for i in due[uid]], number=number,
                              reply_by=reply.isoformat(), by=made)
    failed: list[Refused] = []
    for uid, values in batches.items():
        try:
            append(scope, cat, uid, [values], dry_run=True)
        except Refused as exc:
            failed.append(exc)
    if failed:
        return Registered(frozenset(), failed)
    ids: set[str] = set()
    said: list[Msg] = []
    for uid, values in batches.items():
        try:
            done = append(scope, cat, uid, [values])
        except Refused as exc:  # the file changed since it was checked: said, and the rest still go in
            failed.append(exc)
            continue
        ids.add(done.written[0].record.id)
        said.append(Msg.of("cli.reminder-recorded", unit=cat.units[uid].short, n=str(len(due[uid])),
                           path=scope.root.rel(done.path), reply=reply.isoformat()))
    for msg in said:
        scope.say(msg)
    return Registered(frozenset(ids), failed)


class Replied(NamedTuple):
    """A reply written, the reminder it answers, and whether it came after the reply-by date."""

    written: Written
    reminder: Reminder
    late: bool
    unit: str  # the short name of the unit that replied


def reply(scope: Scope, notice: str, unit: str, note: str, day: dt.date, *, evidence: Sequence[str] = (),
          by: str | None = None) -> Replied:
    """A unit's reply (签收/回复) to a reminder it received, named by the notice's 文号 (or the reminder record's
    id): appended to the unit's own file, naming the reminder. Where several reminders carry the number, the
    latest one not yet answered. A reply by the reply-by date keeps the unit on its step of the ladder."""
    from tracker.check.build import record
    from tracker.core.problems import problem
    from tracker.core.refusal import NOWHERE, refused

    cat = catalog(scope)
    uid = lookup.unit_id(cat, unit)
    acting_for(scope, cat, uid, "reply")
    known = {r.id: r for p in pairs(scope, cat, max(day, scope.today), uid).pairs for r in p.reminders}
    ordered = sorted(known.values(), key=lambda r: (r.date, r.line))
    matching = [r for r in ordered if notice.strip() in (r.number, r.id)]
    if not matching:
        numbers = "、".join(dict.fromkeys(r.number or r.id for r in ordered)) or "—"
        raise refused(problem("", NOWHERE, "no-reminder", unit=cat.units[uid].short, number=notice,
                              numbers=numbers))
    chosen = next((r for r in reversed(matching) if r.replied is None), matching[-1])
    values = record("reply", date=day.isoformat(), reminder=chosen.id, note=note, evidence=list(evidence) or None,
                    by=by or None)
    written = append(scope, cat, uid, [values]).written[0]
    return Replied(written, chosen, chosen.reply_by is not None and day > chosen.reply_by, cat.units[uid].short)
