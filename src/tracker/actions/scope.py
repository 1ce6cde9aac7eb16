"""Where an action works, and what every action that reads the folder shares: the task list and the pairs'
states, each refused (not given short) when their files have errors, and the one way a record is written.

A ``Scope`` is what the command line hands an action besides its own arguments: the tracking folder, today
(China time, read once per run), whether the derived cache may be used, where to say what the action did or
noticed along the way, and a progress bar for long reading (both do nothing unless the caller gives them).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, NamedTuple

from tracker.core.i18n import Msg, both
from tracker.core.model import Catalog
from tracker.core.problems import Problem, problem
from tracker.core.refusal import NOWHERE, Refused, refused

if TYPE_CHECKING:
    from tracker.folder.pipeline import PairsAsOf
    from tracker.folder.root import Root
    from tracker.folder.store import Appended

Tick = Callable[[int, int], None]
Progress = Callable[[str], AbstractContextManager[Tick | None]]  # a label key -> a bar, ticked (done, total)


@contextlib.contextmanager
def _no_bar(what: str) -> Iterator[Tick | None]:
    yield None


def _silent(said: object) -> None:
    pass


class Scope(NamedTuple):
    """The folder an action works on, and how it reports on the way: ``say`` a notice (in words chosen when
    shown), ``warn`` of a file's problems that stop nothing (listed as ``tracker validate`` lists them), and
    ``progress``, a bar for long reading, by the label key of what is being done."""

    root: Root
    today: dt.date
    use_cache: bool = True
    say: Callable[[Msg], None] = _silent
    warn: Callable[[list[Problem]], None] = _silent
    progress: Progress = _no_bar


_last: list[tuple[Scope, Catalog]] = []  # the catalog of the scope last asked: a command asks it again


def catalog(scope: Scope) -> Catalog:
    """tasks.yaml and units.yaml, loaded and cross-checked; refused with their errors when they have any. Read
    once per scope (a command's run), however often its parts ask."""
    if _last and _last[0][0] is scope:
        return _last[0][1]
    from tracker.folder.pipeline import load_checked

    checked = load_checked(scope.root, scope.today, with_progress=False, use_cache=scope.use_cache)
    if checked.catalog is None or checked.errors:
        raise Refused(Msg.of("refused.list-errors"), checked.errors, shown="listing")
    _last[:] = [(scope, checked.catalog)]
    return checked.catalog


def pairs(scope: Scope, cat: Catalog, day: dt.date, unit: str | None = None, *, allow_errors: bool = False,
          also: tuple[dt.date, ...] = ()) -> PairsAsOf:
    """Every expected pair's state as of ``day`` (and of each day in ``also``, in one reading of the files),
    with the errors of the progress files read. Figures that leave records out are never given silently: with
    errors they are refused, naming the files, unless ``allow_errors``, and then said to leave them out."""
    from tracker.folder.pipeline import pairs_as_of

    with scope.progress("progress.reading") as tick:
        loaded = pairs_as_of(scope.root, cat, scope.today, day, unit=unit, use_cache=scope.use_cache, also=also,
                             tick=tick)
    if loaded.errors:
        files = "、".join(sorted({p.path for p in loaded.errors}))
        if not allow_errors:
            raise refused(problem("", NOWHERE, "progress-errors", n=str(len(loaded.errors)), files=files))
        scope.say(Msg.of("cli.data-errors-allowed", n=str(len(loaded.errors)), files=files))
    return loaded


def who(scope: Scope, by: str | None) -> str:
    """Who makes a record: as given, else git's user.name here, else the login name."""
    if by:
        return by
    import getpass

    return identity(scope)[0] or getpass.getuser()


def identity(scope: Scope) -> tuple[str, str]:
    """Git's identity here, (user.name, user.email), each "" when unset: whom units.yaml's maintainers name."""
    from tracker.git.run import identity as configured

    return configured(scope.root.path)


def office_only(scope: Scope, cat: Catalog, what: str) -> None:
    """Refuse, before anything is written, a record only the office may make (``what``: a verification, a
    rejection, a withdrawal, an extension decision, a reminder in the register) when git's identity here is
    not one of the office's maintainers. Git identities can be forged: check-authors and signatures are the
    guard that counts; this one catches slips."""
    from tracker.check.authors import identity_matches

    office = cat.units.get(cat.plan.office)
    if office is None or not office.maintainers:
        return
    name, email = identity(scope)
    if not any(identity_matches(name, email, m) for m in office.maintainers):
        raise refused(problem("", NOWHERE, "not-office", what=both(f"decision.{what}"), who=f"{name} <{email}>",
                              office="、".join(office.maintainers)))


def acting_for(scope: Scope, cat: Catalog, unit: str, what: str) -> None:
    """Refuse a unit's own record (``what``: record, plan, request, reply) when git's identity here is a
    maintainer of another unit and neither of this one nor of the office; the office may act for any unit,
    and is told it does. An identity units.yaml does not name is let through: check-authors judges the
    commit. Git identities can be forged: this catches slips, check-authors and signatures are the guard."""
    from tracker.check.authors import identity_matches

    if not any(u.maintainers for u in cat.units.values()):
        return  # nobody is named: nobody acts for another (and git is not asked)
    name, email = identity(scope)
    if not (name or email):
        return

    def mine(ids: tuple[str, ...]) -> bool:
        return any(identity_matches(name, email, m) for m in ids)

    target = cat.units[unit]
    if mine(target.maintainers):
        return
    office = cat.units.get(cat.plan.office)
    if office is not None and mine(office.maintainers):
        if unit != office.id:
            scope.say(Msg.of("cli.acting-as-office", office=office.short, unit=target.short))
        return
    others = [u.short for u in cat.units.values() if u.id != unit and mine(u.maintainers)]
    if others:
        raise refused(problem("", NOWHERE, "not-your-unit", who=f"{name} <{email}>", mine="、".join(others),
                              unit=target.short, what=both(f"acting.{what}"),
                              maintainers="、".join(target.maintainers) or "—"))


def append(scope: Scope, cat: Catalog, unit: str, batch: list[dict[str, Any]], *, dry_run: bool = False) -> Appended:
    """Check and append records to ``unit``'s file, each made by ``who`` unless it says; refused whole, with
    the rules' problems, having written nothing. What ``validate`` would warn about a new record comes back
    with it (``Written.warnings``)."""
    from tracker.folder.store import append_records

    made = who(scope, None) if any(not values.get("by") for values in batch) else ""
    batch = [values if values.get("by") else {**values, "by": made} for values in batch]
    return append_records(scope.root, cat, unit, batch, scope.today, dry_run=dry_run, use_cache=scope.use_cache)
