"""Lower levels (districts under the city, cities under the province): fetching and locking them, which have
moved, the report with them rolled up, and the upward return (上报)."""

from __future__ import annotations

import datetime as dt

from tracker.actions.scope import Scope, catalog, pairs
from tracker.compute.report import Report
from tracker.compute.rollup import Rollup
from tracker.core.i18n import Lang, Msg
from tracker.core.model import Catalog
from tracker.core.problems import problem
from tracker.core.refusal import NOWHERE, CannotWrite, Refused, refused
from tracker.load.levels import Declared
from tracker.views.documents import Listing, Noticed


def declared(scope: Scope, *, required: bool = True, lock: bool = True) -> Declared:
    """levels.yaml (and, with ``lock``, the lock file), checked: their warnings are said, their errors refused,
    and so is a folder that declares no level when one is ``required``."""
    from tracker.git.levels import declared as read_declared
    from tracker.git.levels import lock_of
    from tracker.load.levels import LEVELS_FILE

    found = read_declared(scope.root, use_cache=scope.use_cache)
    if found.levels and lock:
        found = found._replace(problems=found.problems + lock_of(scope.root)[1])
    errors = [p for p in found.problems if p.level == "error"]
    if errors:
        raise Refused(Msg.of("refused.levels-errors", n=str(len(errors))), found.problems, shown="listing")
    if found.problems:
        scope.warn(found.problems)
    if not found.levels and required:
        raise refused(problem("", NOWHERE, "no-levels", file=str(scope.root.path / LEVELS_FILE)))
    return found


def rollup(scope: Scope, cat: Catalog, data: Report, *, required: bool = True) -> Rollup:
    """The folder's report with every lower level read at its locked commit; lower tasks that map to no task
    of this list are said (counted only in their level's row and in the overall)."""
    from tracker.compute.rollup import roll_up
    from tracker.git.levels import walk

    declared(scope, required=required)
    rolled = roll_up(cat, data, walk(scope.root, cat, data.as_of, scope.today, use_cache=scope.use_cache))
    if rolled.unmapped:
        first = rolled.unmapped[0]
        where = f"{first.path}:{first.line}:{first.col} "
        scope.say(Msg.of("cli.levels.unmapped", n=str(len(rolled.unmapped)),
                         first=(where + first.message(Lang.ZH), where + first.message(Lang.EN))))
    return rolled


def fetch(scope: Scope, *, accept_rewrite: bool = False) -> int:
    """Fetch every lower level into its mirror (out of git's reach) and pin its commit in levels.lock.json; how
    many are locked. Each level that moved is said, and each that could not move (unreachable, its list failing
    validation, its history rewritten: with the records that changed), which keeps its lock while the others
    move; the lock file is written either way, and the run then refused (``levels-not-fetched``).
    ``accept_rewrite``: a rewritten history is taken, the lock remembering the commit it replaces."""
    from tracker.folder.files import atomic_write
    from tracker.git.levels import fetch as fetch_levels
    from tracker.git.levels import lock_of
    from tracker.load.levels import LOCK_FILE, lock_bytes
    from tracker.views.levels import fetch_said

    found = declared(scope, lock=False)  # a damaged lock is written again
    before, _ = lock_of(scope.root)
    got = fetch_levels(scope.root, found.levels, accept_rewrite=accept_rewrite, today=scope.today)
    said, kept = fetch_said(got, before)
    for msg in said:
        scope.say(msg)
    path = scope.root.path / LOCK_FILE
    try:
        atomic_write(path, lock_bytes(got.locks))
    except OSError as exc:
        raise CannotWrite(path, exc.strerror or str(exc)) from None
    scope.say(Msg.of("cli.levels.locked", path=LOCK_FILE, n=str(len(got.locks))))
    if kept:
        raise refused(problem("", NOWHERE, "levels-not-fetched", n=str(kept)))
    return len(got.locks)


def status(scope: Scope, lang: Lang) -> Listing:
    """Each lower level's locked commit against what its source names now."""
    from tracker.git.levels import lock_of
    from tracker.git.levels import status as level_status
    from tracker.views.levels import status_view

    found = declared(scope)
    locks, _ = lock_of(scope.root)
    return Listing(status_view(level_status(scope.root, found.levels, locks), lang))


def upward(scope: Scope, lang: Lang, day: dt.date, *, allow_errors: bool = False) -> Noticed:
    """The upward return as of ``day``: per task, completion with every lower level counted in, overdue, key
    problems and next steps. A folder without levels returns its own figures."""
    from tracker.compute.report import build_report
    from tracker.render.levels import return_notice

    cat = catalog(scope)
    loaded = pairs(scope, cat, day, allow_errors=allow_errors)
    data = build_report(cat, loaded.pairs, day, errors=loaded.units_with_errors)
    rolled = rollup(scope, cat, data, required=False)
    return Noticed(return_notice(cat, data, rolled, lang), dt.datetime.combine(day, dt.time(0, 0)), wide=True)
