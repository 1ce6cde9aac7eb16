"""The spreadsheet return (填报表) for units without git: a unit's form to fill in (``tracker template``), and
filled forms taken in (``tracker import``) all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tracker.actions import lookup
from tracker.actions.reminding import safe_name
from tracker.actions.scope import Scope, append, catalog, identity, pairs, who
from tracker.core.i18n import Lang, Msg, label
from tracker.core.problems import Problem, problem
from tracker.core.refusal import NOWHERE, Refused, refused

if TYPE_CHECKING:
    from tracker.folder.store import Appended
    from tracker.views.form import Form


class Named(NamedTuple):
    """A unit's form, and the file name it is written under (without the folder)."""

    name: str
    form: Form


def template(scope: Scope, lang: Lang, day: dt.date, *, unit: str | None = None) -> list[Named]:
    """The return of ``unit``, or of every unit that reports on something, showing each item's state as of
    ``day``; refused for a unit that reports on nothing (a collective name reports through its members)."""
    from tracker.load.form import list_hash
    from tracker.views.form import build_form

    cat = catalog(scope)
    uid = lookup.unit_id(cat, unit) if unit is not None else None
    digest = list_hash(scope.root.tasks.read_bytes())
    states = pairs(scope, cat, day, uid).pairs
    out: list[Named] = []
    for owner in [uid] if uid is not None else list(dict.fromkeys(p.unit for p in states)):
        form = build_form(cat, owner, states, day, digest, lang)
        if not form.rows:
            raise refused(problem("", NOWHERE, "nothing-to-return", unit=cat.units[owner].short))
        out.append(Named(f"{label('form.sheet', lang)}-{safe_name(cat.units[owner].short)}.xlsx", form))
    return out


def take_in(scope: Scope, lang: Lang, files: Sequence[Path], *, unit: str | None = None, by: str | None = None,
            dry_run: bool = False) -> list[Appended]:
    """Every row of every file checked with the rules of ``tracker record``, then all appended, each unit's
    rows to its own file; any problem in any file refuses them all, and nothing is written. Rows imported
    before are skipped; ``dry_run`` checks everything and writes nothing."""
    from tracker.check.sheet import check_sheet
    from tracker.load.form import list_hash
    from tracker.load.sheet import read_sheet

    cat = catalog(scope)
    uid = lookup.unit_id(cat, unit) if unit is not None else None
    digest = list_hash(scope.root.tasks.read_bytes())
    made = who(scope, by)
    importer = identity(scope)  # whom units.yaml must name as the unit's maintainer, or the office's
    problems: list[Problem] = []
    batches: dict[str, list[dict[str, object]]] = {}
    for path in files:
        checked = check_sheet(cat, read_sheet(path, str(path), lang), digest, uid, scope.today, made, lang, importer)
        problems += checked.problems
        if checked.unit is not None:
            batches.setdefault(checked.unit, []).extend(checked.batch)
        if checked.unit is not None and not checked.batch and not checked.problems:
            scope.say(Msg.of("import.nothing", file=str(path)))
    if problems:
        raise Refused(Msg.of("import.refused", n=str(len(problems))), problems, shown="cells")
    for owner, batch in batches.items():  # every unit's file checked with its rows before any is written
        append(scope, cat, owner, batch, dry_run=True)
    done = []
    for owner, batch in batches.items():
        appended = append(scope, cat, owner, batch, dry_run=dry_run)
        done.append(appended)
        scope.say(Msg.of("import.added-dry-run" if dry_run else "import.added", path=scope.root.rel(appended.path),
                         added=str(len(appended.written)), skipped=str(appended.skipped)))
    return done
