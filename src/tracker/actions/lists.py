"""The list itself: a new folder from a published list (``init --from``), a published list into an existing folder
(``tasks import``), last year's unfinished pairs carried into this year's folder (``carry-over``), and a carried
item's link followed back to last year's folder (``show``).

Each returns what it did, or raises a refusal made of problems of the registry (``core/codes.py``); a refused
command has written nothing. What would be written is loaded and checked before anything is.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tracker.actions.scope import Scope, catalog
from tracker.core.i18n import Lang, Msg
from tracker.core.model import Catalog, Item, Unit
from tracker.core.problems import START, Problem, problem
from tracker.core.refusal import NOWHERE, CannotWrite, Refused, refused
from tracker.folder.root import CARRIED, TASKS, UNITS, NoRoot, Root, find_root
from tracker.views.documents import ListRead

if TYPE_CHECKING:
    from tracker.compute.carry import CarriedItem
    from tracker.compute.state import PairState
    from tracker.load.published import Imported

SCHEMAS = "schemas"


class CarryOver(NamedTuple):
    """What carry-over did: the items carried (all of them, those already there included), how many were new,
    the units copied from last year's units.yaml, the folder carried from (relative to this one) and the date
    its states were taken, and the files written (none when nothing changed or on a dry run)."""

    items: tuple[CarriedItem, ...]
    added: int
    units: tuple[str, ...]
    folder: str
    as_of: dt.date
    written: tuple[Path, ...]


def _directory(units: Path | None, default: bytes, name: str) -> tuple[bytes, dict[str, Unit]]:
    """The unit directory names resolve through (``units``, else ``default``), read and checked."""
    from tracker.load.catalog import load_catalog_bytes

    data = default
    if units is not None:
        try:
            data = units.read_bytes()
        except OSError as exc:
            raise refused(problem(str(units), NOWHERE, "list-unreadable", reason=exc.strerror or str(exc))) from None
    shown = str(units or name)
    loaded = load_catalog_bytes(_EMPTY_TASKS, "-", data, shown)
    errors = [p for p in loaded.problems if p.level == "error"]
    if errors or loaded.catalog is None:
        raise Refused(Msg.of("refused.units-errors", path=shown), errors, shown="listing")
    return data, loaded.catalog.units


_EMPTY_TASKS = (b"plan: {title: x, document: x, issuer: x, office: x, issued: 2000-01-01, year: 2000, "
                b"start: 2000-01-01, end: 2000-12-31, deadline: 2000-12-31, records_until: 2000-12-31}\n"
                b"goals: []\nactions: []\n")


class _Built(NamedTuple):
    imported: Imported
    tasks: bytes
    units: bytes
    catalog: Catalog


def _build(source: Path, directory: bytes, units: dict[str, Unit], campaign_end: dt.date | None) -> _Built:
    """The published list read, written as tasks.yaml and units.yaml, and those loaded and checked as
    ``tracker validate`` would; refused with the list's errors, or the written files', before anything is
    written."""
    from tracker.check.catalog import check_catalog
    from tracker.load.catalog import load_catalog_bytes
    from tracker.load.published import Options, read_list
    from tracker.render.listfile import NEW_UNITS_COMMENT, tasks_yaml, units_yaml

    imp = read_list(source, Options(units, campaign_end))
    if imp.errors:
        raise Refused(Msg.of("list.refused", n=str(len(imp.errors))), [f.problem for f in imp.errors])
    tasks = tasks_yaml(imp, source.name, f"{SCHEMAS}/tasks.schema.json").encode("utf-8")
    written_units = units_yaml(directory, imp.units, imp.new, NEW_UNITS_COMMENT, f"{SCHEMAS}/units.schema.json")
    loaded = load_catalog_bytes(tasks, TASKS, written_units, UNITS)
    problems = loaded.problems + (check_catalog(loaded.catalog, TASKS, UNITS) if loaded.catalog else [])
    errors = [p for p in problems if p.level == "error"]
    if loaded.catalog is None or errors:
        raise Refused(Msg.of("list.refused", n=str(len(errors))), errors)
    return _Built(imp, tasks, written_units, loaded.catalog)


def init_from(directory: Path, source: Path, *, units: Path | None = None, campaign_end: dt.date | None = None,
              git: bool = False, say: Callable[[Msg], None] = lambda msg: None) -> ListRead:
    """A new tracking folder whose tasks.yaml is the published list ``source`` (its units resolved through
    ``units``, else the shipped units.yaml), laid out as ``tracker init`` lays one out. Refused where a
    tracking folder already is, before the list is read."""
    from tracker.actions.setup import init, refuse_set_up

    refuse_set_up(directory)
    default = (resources.files("tracker") / "data" / UNITS).read_bytes()
    built = _build(source, *_directory(units, default, UNITS), campaign_end)
    written = init(directory, git=git, say=say, tasks=built.tasks, units=built.units)
    return ListRead(built.imported, tuple(str(p) for p in written))


def import_tasks(scope: Scope, source: Path, *, units: Path | None = None, campaign_end: dt.date | None = None,
                 dry_run: bool = False) -> ListRead:
    """The published list ``source`` as the folder's tasks.yaml (units resolved through ``units``, else the
    folder's own units.yaml, new ones appended to it), for the office to review with ``git diff`` and commit;
    with ``dry_run``, checked all the same and nothing written. Refused when a progress record would no longer
    be valid under it."""
    from tracker.folder.files import atomic_write

    root = scope.root
    try:
        own = root.units.read_bytes()
    except OSError as exc:
        raise refused(problem(UNITS, NOWHERE, "list-unreadable", reason=exc.strerror or str(exc))) from None
    directory, known = _directory(units, own, UNITS)
    built = _build(source, own if units is None else directory, known, campaign_end)
    broken = _records_broken(root, built.catalog, scope.today)
    if broken:
        raise Refused(Msg.of("list.refused-records"), broken)
    if dry_run:
        return ListRead(built.imported)
    try:
        atomic_write(root.units, built.units)
        atomic_write(root.tasks, built.tasks)
    except OSError as exc:
        raise CannotWrite(exc.filename, exc.strerror or str(exc)) from None
    return ListRead(built.imported, (root.rel(root.tasks), root.rel(root.units)))


def _records_broken(root: Root, cat: Catalog, today: dt.date) -> list[Problem]:
    """The errors every progress file of the folder would have under the new list: their count and files, then
    the first of them."""
    from tracker.check.records import check_progress
    from tracker.folder.root import progress_paths
    from tracker.load.progress import read_progress

    out: list[Problem] = []
    for path in progress_paths(root):
        rel = f"progress/{path.name}"
        try:
            data = path.read_bytes()
        except OSError:
            continue
        checked = check_progress(cat, read_progress(data, rel), path.stem, today)
        out += [p for p in checked.problems if p.level == "error"]
    if out:
        return [problem(TASKS, NOWHERE, "list-breaks-records", n=str(len(out)),
                        files="、".join(sorted({p.path for p in out})))] + out[:20]
    return []


# ---------------------------------------------------------------- carry-over


def _last_year(scope: Scope, old: Path) -> Scope:
    """Last year's folder, as a scope of its own (its cache, the same notices)."""
    try:
        old_root = find_root(explicit=old)
    except NoRoot:
        raise refused(problem("", NOWHERE, "carry-no-folder", folder=str(old))) from None
    if old_root.path == scope.root.path:
        raise refused(problem("", NOWHERE, "carry-no-folder", folder=str(old)))
    return scope._replace(root=old_root)


def carry_over(scope: Scope, old: Path, *, as_of: dt.date | None = None, dry_run: bool = False) -> CarryOver:
    """Last year's unfinished pairs (as of ``as_of``, else the end of last year's plan) into carried.yaml, units
    they need copied from last year's units.yaml. Items already carried stay as they are, so running it again
    changes nothing."""
    from tracker.actions.scope import pairs
    from tracker.check.catalog import check_catalog
    from tracker.compute.carry import carried_items
    from tracker.folder.files import atomic_write
    from tracker.load.catalog import load_catalog_bytes
    from tracker.render.listfile import carried_yaml, unit_lines

    root = scope.root
    before = _last_year(scope, old)
    old_cat = catalog(before)
    cat = catalog(scope)
    day = as_of or min(old_cat.plan.end, scope.today)
    if day >= cat.plan.start:
        raise refused(problem("", NOWHERE, "carry-after-start", as_of=day.isoformat(),
                              start=cat.plan.start.isoformat()))
    folder = Path(os.path.relpath(before.root.path, root.path)).as_posix()
    existing = [i for i in cat.items.values() if i.origin is not None]
    first = existing[0].origin if existing else None
    if first is not None and (first.as_of, first.folder) != (day, folder):
        raise refused(problem("", NOWHERE, "carry-mismatch", folder=first.folder, as_of=first.as_of.isoformat()))
    carried = carried_items(old_cat, pairs(before, old_cat, day).pairs, cat.plan.deadline)
    have = {i.id for i in existing}
    items = _as_carried(existing, cat.plan.deadline) + [c for c in carried if c.id not in have]
    needed = list(dict.fromkeys(p.unit for c in items for p in c.pairs))
    missing = [u for u in needed if u not in cat.units and u in old_cat.units]
    text = carried_yaml(folder, old_cat.plan.year, day, items, f"{SCHEMAS}/carried.schema.json").encode("utf-8")
    units_bytes = root.units.read_bytes()
    if missing:
        note = f"上年结转：来自 {folder}/units.yaml"
        more = [line for n, u in enumerate(missing)
                for line in unit_lines(old_cat.units[u]._replace(members=()), "" if n else note)]
        units_bytes = units_bytes.rstrip(b"\n") + b"\n\n" + ("\n".join(more) + "\n").encode("utf-8")
    check = load_catalog_bytes(root.tasks.read_bytes(), TASKS, units_bytes, UNITS, text, CARRIED)
    found = check.problems + (check_catalog(check.catalog, TASKS, UNITS, CARRIED) if check.catalog else [])
    errors = [p for p in found if p.level == "error"]
    if check.catalog is None or errors:
        raise Refused(Msg.of("carry.refused"), errors, shown="listing")
    if missing:
        scope.warn([problem(UNITS, START, "carry-unit-added", unit=u, folder=folder) for u in missing])
    same = root.carried.is_file() and root.carried.read_bytes() == text and not missing
    written: list[Path] = []
    if not dry_run and not same:
        try:
            if missing:
                atomic_write(root.units, units_bytes)
                written.append(root.units)
            atomic_write(root.carried, text)
            written.append(root.carried)
        except OSError as exc:
            raise CannotWrite(exc.filename, exc.strerror or str(exc)) from None
    done = CarryOver(tuple(items), len(items) - len(existing), tuple(missing), folder, day, tuple(written))
    scope.say(Msg.of("carry.summary", folder=folder, as_of=day.isoformat(), items=str(len(items)),
                     pairs=str(sum(len(i.pairs) for i in items)), added=str(done.added)))
    for path in written:
        scope.say(Msg.of("list.written", path=root.rel(path)))
    if not written:
        scope.say(Msg.of("list.dry-run" if dry_run else "carry.unchanged"))
    return done


def _as_carried(items: list[Item], deadline: dt.date) -> list[CarriedItem]:
    """Items already in carried.yaml, as carry-over writes them (so they are written back as they were)."""
    from tracker.compute.carry import CarriedItem

    out = []
    for i in items:
        o = i.origin
        assert o is not None
        own = i.deadline if i.deadline != deadline else None
        out.append(CarriedItem(i.id, o.item, i.text, i.responsible, o.action, o.work, own, i.cadence, i.target,
                               i.notes, o.pairs))
    return out


class History(NamedTuple):
    """A carried item's record in last year's folder: that folder's catalog and the carried units' states there
    as of the date carried."""

    folder: str
    catalog: Catalog
    pairs: tuple[PairState, ...]


def history(scope: Scope, item: Item) -> History | None:
    """A carried item's link followed to last year's folder (``show``): its units' states there as of the date
    carried; None, with a notice saying why, when that folder cannot be read."""
    from tracker.actions.scope import pairs

    o = item.origin
    if o is None:
        return None
    try:
        before = _last_year(scope, scope.root.path / o.folder)
        cat = catalog(before)
        if o.item not in cat.items:
            raise refused(problem("", NOWHERE, "unknown-task", task=o.item))
        units = {p.unit for p in o.pairs}
        states = pairs(before, cat, o.as_of).pairs
    except Refused as exc:
        scope.say(Msg.of("origin.missing", folder=o.folder, reason=_why(exc)))
        return None
    return History(o.folder, cat, tuple(p for p in states if p.item == o.item and p.unit in units))


def _why(exc: Refused) -> tuple[str, str]:
    """A refusal in a few words of each language: its message, then its first problems."""
    def said(lang: Lang) -> str:
        parts = ([exc.msg.text(lang)] if exc.msg is not None else []) + [p.message(lang) for p in exc.problems[:3]]
        return ("；" if lang is Lang.ZH else "; ").join(parts)

    return said(Lang.ZH), said(Lang.EN)
