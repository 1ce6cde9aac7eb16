"""Review in git: what a change did to the progress files (``diff``), each record's history (``log``), whether
each commit's author may change what it changed (``check-authors``), and the CODEOWNERS file that makes the
hosting platform enforce it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.actions import lookup
from tracker.actions.scope import Scope, catalog
from tracker.core.i18n import Lang, Msg, label
from tracker.core.problems import problem
from tracker.core.refusal import NOWHERE, Refused, refused
from tracker.views.documents import Listing, Reviewed

if TYPE_CHECKING:
    from tracker.git.history import Judged, Repo


class NoRepository(Exception):
    """The tracking folder is not inside a git repository (git's own words say why)."""


def repo(scope: Scope) -> Repo:
    from tracker.git.history import Repo
    from tracker.git.run import GitError

    try:
        return Repo.of(scope.root)
    except GitError as exc:
        raise NoRepository(str(exc)) from None


def revisions(a: str | None, b: str | None) -> tuple[str, str | None]:
    """``A..B`` (or ``A...B``) or ``A B``, or ``A`` against the working tree (None), or HEAD against it."""
    if a is not None and ".." in a and b is None:
        left, _, right = a.partition("...") if "..." in a else a.partition("..")
        return left or "HEAD", right or "HEAD"
    return a or "HEAD", b


def diff(scope: Scope, lang: Lang, day: dt.date, rev_a: str | None = None, rev_b: str | None = None) -> Reviewed:
    """What changed in the progress files between two revisions (see ``revisions``), warning levels judged as
    of ``day``; it fails when records were edited or deleted, or the change brings new errors."""
    from tracker.compute.review import diff_progress
    from tracker.git.history import revision_side, working_side
    from tracker.load.progress import TooLarge
    from tracker.views.review import diff_json, diff_parts

    where = repo(scope)
    cat = catalog(scope)
    left, right = revisions(rev_a, rev_b)
    try:
        before = revision_side(where, left)
        after = working_side(where) if right is None else revision_side(where, right)
    except TooLarge as exc:  # a side's file past the limit: named, never read
        raise Refused(None, [exc.problem(scope.root.rel(Path(exc.path)) if Path(exc.path).is_absolute()
                                         else exc.path)], shown="listing") from None
    result = diff_progress(cat, before, after, day, scope.today)
    heading = f"tracker diff {left}..{right or label('uncommitted', lang)}"
    fails = bool(result.loud) or any(p.level == "error" for p in result.new_problems)
    return Reviewed(diff_parts(cat, result, heading, lang), diff_json(result, left, right or "working tree"), fails)


def log(scope: Scope, lang: Lang, *, unit: str | None = None, task: str | None = None,
        since: dt.date | None = None) -> Listing:
    """Every record with the commit, author and time that added it (only ``unit``'s, ``task``'s, or those dated
    on or after ``since``), by date, then by when it was committed (uncommitted last)."""
    from tracker.git.history import record_history
    from tracker.views.review import log_table

    where = repo(scope)
    cat = catalog(scope)
    uid = lookup.unit_id(cat, unit) if unit is not None else None
    tid = lookup.item(cat, task).id if task is not None else None
    day = since.isoformat() if since is not None else ""
    with scope.progress("progress.history") as tick:
        added = list(record_history(where, tick))
    rows = [a for a in added
            if (uid is None or a.path == f"progress/{uid}.yaml")
            and (tid is None or str(a.values.get("task", "")).upper() == tid)
            and str(a.values.get("date", "")) >= day]
    rows.sort(key=lambda a: (str(a.values.get("date", "")), a.committed.isoformat() if a.committed else "~"))
    return Listing(log_table(cat, rows, lang))


def check_authors(scope: Scope, rev_range: str, *, require_signed: bool = False) -> Judged:
    """Each commit of ``rev_range`` after the trust root that changed a unit's progress file by an author who is
    neither that unit's maintainer nor the office's, edited or removed records without being the office, or
    changed the task list (and, with ``require_signed``, each such commit without a good signature)."""
    from tracker.git.history import check_range
    from tracker.git.run import GitError, resolve

    where = repo(scope)
    cat = catalog(scope)
    if cat.trust_root:
        try:
            resolve(where.top, cat.trust_root)
        except GitError:
            raise refused(problem("units.yaml", NOWHERE, "trust-root-unknown", commit=cat.trust_root)) from None
    with scope.progress("progress.commits") as tick:
        return check_range(where, rev_range, cat, require_signed, tick)


def codeowners(scope: Scope, platform: str) -> str:
    """A CODEOWNERS file for ``platform`` from units.yaml's maintainers, paths from the repository's top (from
    the folder when it is in none); a list without maintainers is said to name only the office."""
    from tracker.git.run import GitError
    from tracker.render.codeowners import Platform
    from tracker.render.codeowners import codeowners as make

    cat = catalog(scope)
    try:
        prefix = repo(scope).prefix
    except (NoRepository, GitError):
        prefix = ""  # not in a repository: paths from the tracking folder
    if not any(u.maintainers for u in cat.units.values()):
        scope.say(Msg.of("cli.no-maintainers"))
    return make(cat, Platform(platform), prefix)
