"""A unit's own records: progress (``tracker record``) and milestones (``tracker plan``).

Everything given is checked before anything is asked; what is missing is asked through ``Ask`` (at a
terminal) and checked as it is typed; a refused record changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from tracker.actions import lookup
from tracker.actions.scope import Scope, acting_for, append, catalog
from tracker.core.i18n import Lang, Msg
from tracker.core.model import Catalog, Item
from tracker.core.refusal import Refused

if TYPE_CHECKING:
    from tracker.folder.store import Written

T = TypeVar("T")


class Ask(Protocol):
    """Asks for a missing option (``option``, as ``--option``) with the prompt labelled ``prompt`` (its
    ``choices`` in Chinese and English), until ``read`` accepts an answer: ``read`` returns the value or raises
    BadInput (or Refused) saying why not. Without a terminal, a missing option is refused, unless it has a
    ``default``, which is then taken (at a terminal, an empty answer takes it)."""

    def __call__(self, option: str, prompt: str, read: Callable[[str], T],
                 choices: tuple[str, str] = ("", ""), default: str | None = None) -> T: ...


def _unit(cat: Catalog, item: Item, unit: str | None, ask: Ask) -> str:
    """The unit named, or asked for by the names people use (the short names of those who report on the item)."""
    if unit is not None:
        return lookup.unit_id(cat, unit)
    names = "、".join(cat.units[u].short if u in cat.units else u for u in cat.reporters(item))
    return ask("unit", "prompt.unit", lambda text: lookup.unit_id(cat, text), (names, names))


def _percent(text: str) -> str:
    """A percent typed at a prompt: a number within 0–100, or it is said and asked again."""
    from tracker.load.inputs import BadInput, number

    value = number(text, "percent")[0]
    if not 0 <= value <= 100:
        raise BadInput(Msg.of("input.percent-range", value=f"{value:g}"))
    return text


def _notices(scope: Scope, notices: Sequence[Msg | None]) -> None:
    """Say what was read differently from how it was typed (``８０％`` read as 80)."""
    for notice in notices:
        if notice:
            scope.say(Msg.of("cli.notice", text=(notice.text(Lang.ZH), notice.text(Lang.EN))))


def _given(scope: Scope, cat: Catalog, item: Item, unit: str | None, given: dict[str, Any]) -> None:
    """Refuse, before anything is asked, what the rules can judge of the options given alone (a date past
    records_until with the unit's extensions, which may allow it)."""
    from tracker.check.records import check_given

    beyond = None
    if unit is not None and str(given.get("date", "")) > cat.plan.records_until.isoformat():
        from tracker.folder.store import extended_items

        beyond = extended_items(scope.root, cat, unit, scope.today)
    early = check_given(cat, unit, given, scope.today, beyond)
    if early:
        raise Refused(Msg.of("refused.record"), early)


def record(scope: Scope, ask: Ask, task: str, *, unit: str | None = None, status: str | None = None,
           percent: str | None = None, value: str | None = None, note: str | None = None,
           evidence: Sequence[str] = (), date: str | None = None, by: str | None = None) -> Written:
    """A unit's progress on a task, as typed (``８０％``, ``推进中``, ``2025/7/30`` …). A status is always asked
    for when missing; a percent when the task is in progress or blocked; a note when blocked."""
    from tracker.check.build import progress, task_ref
    from tracker.core.model import Status
    from tracker.load.inputs import STATUS_CHOICES, number
    from tracker.load.inputs import date as read_date
    from tracker.load.inputs import status as read_status

    cat = catalog(scope)
    item = lookup.item(cat, task)
    uid = lookup.unit_id(cat, unit) if unit is not None else None
    st = read_status(status) if status is not None else None  # every option's form first, then the rules
    given: dict[str, object] = {"task": task_ref(item)}
    for text, what in ((percent, "percent"), (value, "value")):
        if text is not None:
            given[what] = number(text, what)[0]
    day = read_date(date) if date is not None else None
    if day is not None:
        given["date"] = day.isoformat()
    _given(scope, cat, item, uid, given)
    if uid is not None:
        acting_for(scope, cat, uid, "record")
    else:
        uid = _unit(cat, item, None, ask)
        acting_for(scope, cat, uid, "record")
    if st is None:
        st = ask("status", "prompt.status", read_status, STATUS_CHOICES)
    if percent is None and st in (Status.IN_PROGRESS, Status.BLOCKED):
        percent = ask("percent", "prompt.percent", _percent)
    if (note is None or not note.strip()) and st is Status.BLOCKED:
        note = ask("note", "prompt.note-blocked", str)
    if day is None:  # at a terminal the date is asked, today offered; in a script it is today
        day = ask("date", "prompt.date", read_date, default=scope.today.isoformat())
    values, notices = progress(item, st, percent, value, note, evidence, day, by)
    _notices(scope, notices)
    return append(scope, cat, uid, [values]).written[0]


def commit_hint(scope: Scope, written: Written) -> Msg | None:
    """How to commit a record just written, when the folder is in a git repository (None otherwise): the
    file's path as git takes it from where the command runs, or with -C when that is outside the folder."""
    import os
    import shlex

    top = _repository_top(scope.root.path)
    if top is None:
        return None
    here = Path.cwd().resolve()
    message = shlex.quote(f"{written.path.stem}: {written.record.id}")
    if here == top.resolve() or top.resolve() in here.parents:
        path = shlex.quote(os.path.relpath(written.path, here))
        return Msg.of("cli.commit-hint", command=f"git add {path} && git commit -m {message}")
    folder = shlex.quote(str(scope.root.path))
    path = shlex.quote(scope.root.rel(written.path))
    return Msg.of("cli.commit-hint", command=f"git -C {folder} add {path} && git -C {folder} commit -m {message}")


def plan(scope: Scope, ask: Ask, task: str, *, unit: str | None = None, due: dt.date | None = None,
         milestone: str | None = None, percent: str | None = None, replaces: str | None = None,
         date: dt.date | None = None, by: str | None = None) -> Written:
    """A milestone in a unit's timetable (时间表) for a task: what will be done by ``due``; ``replaces`` names
    the earlier milestone of the same task it moves."""
    from tracker.check.build import record as build
    from tracker.check.build import task_ref
    from tracker.load.inputs import date as read_date
    from tracker.load.inputs import number

    cat = catalog(scope)
    item = lookup.item(cat, task)
    uid = lookup.unit_id(cat, unit) if unit is not None else None
    target, notice = number(percent, "percent") if percent is not None else (None, None)
    _notices(scope, [notice])
    uid = uid or _unit(cat, item, None, ask)
    acting_for(scope, cat, uid, "plan")
    due = due or ask("due", "prompt.due", read_date)
    text = milestone if milestone is not None else ask("milestone", "prompt.milestone", str)
    values = build("milestone", date=(date or scope.today).isoformat(), task=task_ref(item), due=due.isoformat(),
                   milestone=text, percent=target, replaces=replaces or None, by=by or None)
    return append(scope, cat, uid, [values]).written[0]


def _repository_top(folder: Path) -> Path | None:
    """The top of the git repository holding ``folder`` (where ``.git`` is), found as git finds it, without
    running git: a record's confirmation should not cost a process."""
    here = folder.resolve()
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return candidate
    return None
