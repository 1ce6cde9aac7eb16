"""The list commands: a new folder from a published list (``init --from``), a published list into an existing
folder (``tasks import``), and last year's unfinished pairs carried into this year's folder (``carry-over``).

Each returns what it did, or a refusal made of problems (``core/codes.py``); a refused command has written
nothing. Written files are checked by the loaders before anything is written.
"""

from __future__ import annotations

import datetime as dt
import os
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from tracker.check.catalog import check_catalog
from tracker.compute.carry import CarriedItem, carried_items, unfinished
from tracker.compute.state import PairState
from tracker.core.model import Catalog, Item, Unit
from tracker.core.problems import START, Problem, problem
from tracker.folder.files import atomic_write
from tracker.folder.root import CARRIED, TASKS, UNITS, NoRoot, Root, find_root
from tracker.load.catalog import load_catalog_bytes
from tracker.load.published import Imported, Options, read_list
from tracker.load.published.source import Finding
from tracker.render.listfile import NEW_UNITS_COMMENT, carried_yaml, tasks_yaml, unit_lines, units_yaml

SCHEMAS = "schemas"


class Refusal(NamedTuple):
    """Why a command wrote nothing: problems of the folder, and problems found in the published list."""

    problems: tuple[Problem, ...] = ()
    findings: tuple[Finding, ...] = ()


class ListImport(NamedTuple):
    """A published list imported: the list, the files written (none on a dry run) and the warnings of the files
    as written (those ``tracker validate`` will show)."""

    imported: Imported
    written: tuple[Path, ...]
    warnings: tuple[Problem, ...]


class CarryOver(NamedTuple):
    """What carry-over did: the items carried (all of them, those already there included), how many were new,
    the units copied from last year's units.yaml, the date the states were taken, and the files written (none
    when nothing changed)."""

    items: tuple[CarriedItem, ...]
    added: int
    units: tuple[str, ...]
    as_of: dt.date
    written: tuple[Path, ...]
    warnings: tuple[Problem, ...]


def _directory(units: Path | None, default: bytes, name: str) -> tuple[bytes, dict[str, Unit]] | Refusal:
    data = default
    if units is not None:
        try:
            data = units.read_bytes()
        except OSError as exc:
            return Refusal((problem(str(units), START, "list-unreadable", reason=exc.strerror or str(exc)),))
    loaded = load_catalog_bytes(_EMPTY_TASKS, "-", data, str(units or name))
    errors = [p for p in loaded.problems if p.level == "error"]
    if errors or loaded.catalog is None:
        return Refusal(tuple(errors))
    return data, loaded.catalog.units


_EMPTY_TASKS = (b"plan: {title: x, document: x, issuer: x, office: x, issued: 2000-01-01, year: 2000, "
                b"start: 2000-01-01, end: 2000-12-31, deadline: 2000-12-31, records_until: 2000-12-31}\n"
                b"goals: []\nactions: []\n")


def _build(source: Path, directory: bytes, units: dict[str, Unit], campaign_end: dt.date | None
           ) -> tuple[Imported, bytes, bytes, Catalog, list[Problem]] | Refusal:
    imp = read_list(source, Options(units, campaign_end))
    if imp.errors:
        return Refusal(findings=imp.findings)
    tasks = tasks_yaml(imp, source.name, f"{SCHEMAS}/tasks.schema.json").encode("utf-8")
    written_units = units_yaml(directory, imp.units, imp.new, NEW_UNITS_COMMENT, f"{SCHEMAS}/units.schema.json")
    loaded = load_catalog_bytes(tasks, TASKS, written_units, UNITS)
    problems = loaded.problems + (check_catalog(loaded.catalog, TASKS, UNITS) if loaded.catalog else [])
    if loaded.catalog is None or any(p.level == "error" for p in problems):
        return Refusal(tuple(p for p in problems if p.level == "error"), imp.findings)
    return imp, tasks, written_units, loaded.catalog, problems


def init_from(folder: Path, source: Path, *, units: Path | None = None,
              campaign_end: dt.date | None = None) -> ListImport | Refusal:
    """A new tracking folder whose tasks.yaml is the published list ``source`` (its units resolved through
    ``units``, else the shipped units.yaml)."""
    from tracker.folder.setup import AlreadyThere, init_folder

    present = [n for n in (TASKS, UNITS, CARRIED) if (folder / n).exists()]
    if present:
        return Refusal((problem(str(folder), START, "folder-exists", files=", ".join(present)),))
    default = (resources.files("tracker") / "data" / UNITS).read_bytes()
    directory = _directory(units, default, UNITS)
    if isinstance(directory, Refusal):
        return directory
    built = _build(source, *directory, campaign_end)
    if isinstance(built, Refusal):
        return built
    imp, tasks, written_units, _, problems = built
    try:
        written = init_folder(folder, tasks, written_units)
    except AlreadyThere as exc:
        return Refusal((problem(str(folder), START, "folder-exists", files=", ".join(exc.present)),))
    return ListImport(imp, tuple(written), tuple(p for p in problems if p.level == "warning"))


def import_tasks(root: Root, source: Path, today: dt.date, *, units: Path | None = None,
                 campaign_end: dt.date | None = None, dry_run: bool = False) -> ListImport | Refusal:
    """The published list ``source`` as the folder's tasks.yaml (units resolved through ``units``, else the
    folder's own units.yaml, new ones appended to it), for the office to review with ``git diff`` and commit.
    Refused when a progress record would no longer be valid under it."""
    try:
        own = root.units.read_bytes()
    except OSError as exc:
        return Refusal((problem(UNITS, START, "list-unreadable", reason=exc.strerror or str(exc)),))
    directory = _directory(units, own, UNITS)
    if isinstance(directory, Refusal):
        return directory
    built = _build(source, own if units is None else directory[0], directory[1], campaign_end)
    if isinstance(built, Refusal):
        return built
    imp, tasks, written_units, cat, problems = built
    broken = _records_broken(root, cat, today)
    if broken:
        return Refusal(tuple(broken), imp.findings)
    if dry_run:
        return ListImport(imp, (), tuple(p for p in problems if p.level == "warning"))
    atomic_write(root.units, written_units)
    atomic_write(root.tasks, tasks)
    return ListImport(imp, (root.tasks, root.units), tuple(p for p in problems if p.level == "warning"))


def _records_broken(root: Root, cat: Catalog, today: dt.date) -> list[Problem]:
    """The errors every progress file of the folder would have under the new list."""
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
        return [problem(TASKS, START, "list-breaks-records", n=str(len(out)),
                        files="、".join(sorted({p.path for p in out})))] + out[:20]
    return []


# ---------------------------------------------------------------- carry-over


def carry_over(root: Root, old: Path, today: dt.date, *, as_of: dt.date | None = None,
               dry_run: bool = False) -> CarryOver | Refusal:
    """Last year's unfinished pairs (as of ``as_of``, else the end of last year's plan) into carried.yaml.
    Items already carried stay as they are, so running it again changes nothing."""
    from tracker.folder.pipeline import load_list, pairs_as_of

    try:
        old_root = find_root(explicit=old)
    except NoRoot:
        return Refusal((problem(str(old), START, "carry-no-folder", folder=str(old)),))
    if old_root.path == root.path:
        return Refusal((problem(str(old), START, "carry-no-folder", folder=str(old)),))
    old_cat, old_problems = load_list(old_root)
    cat, problems = load_list(root)
    errors = [p._replace(path=f"{old}/{p.path}") for p in old_problems if p.level == "error"] + \
        [p for p in problems if p.level == "error"]
    if old_cat is None or cat is None or errors:
        return Refusal(tuple(errors))
    day = as_of or min(old_cat.plan.end, today)
    if day >= cat.plan.start:
        return Refusal((problem(CARRIED, START, "carry-after-start", as_of=day.isoformat(),
                                start=cat.plan.start.isoformat()),))
    loaded = pairs_as_of(old_root, old_cat, today, day)
    if loaded.errors:
        return Refusal(tuple(p._replace(path=f"{old}/{p.path}") for p in loaded.errors))
    folder = Path(os.path.relpath(old_root.path, root.path)).as_posix()
    existing = [i for i in cat.items.values() if i.origin is not None]
    if existing and (existing[0].origin is not None and (existing[0].origin.as_of, existing[0].origin.folder)
                     != (day, folder)):
        o = existing[0].origin
        return Refusal((problem(CARRIED, START, "carry-mismatch", folder=o.folder, as_of=o.as_of.isoformat()),))
    carried = carried_items(old_cat, loaded.pairs, cat.plan.deadline)
    have = {i.id for i in existing}
    kept = [c for c in _as_carried(existing, cat.plan.deadline) if c.id in have]
    new = [c for c in carried if c.id not in have]
    items = kept + new
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
    found = check.problems + (check_catalog(check.catalog, TASKS, UNITS) if check.catalog else [])
    if check.catalog is None or any(p.level == "error" for p in found):
        return Refusal(tuple(p for p in found if p.level == "error"))
    warnings = tuple(problem(UNITS, START, "carry-unit-added", unit=u, folder=folder) for u in missing)
    same = root.carried.is_file() and root.carried.read_bytes() == text and not missing
    written: list[Path] = []
    if not dry_run and not same:
        if missing:
            atomic_write(root.units, units_bytes)
            written.append(root.units)
        atomic_write(root.carried, text)
        written.append(root.carried)
    return CarryOver(tuple(items), len(new), tuple(missing), day, tuple(written), warnings)


def _as_carried(items: list[Item], deadline: dt.date) -> list[CarriedItem]:
    """Items already in carried.yaml, as carry-over writes them (so they are written back as they were)."""
    out = []
    for i in items:
        o = i.origin
        assert o is not None
        own = i.deadline if i.deadline != deadline else None
        out.append(CarriedItem(i.id, o.item, i.text, i.responsible, o.action, o.work, own, i.cadence, i.target,
                               i.notes, o.pairs))
    return out


def unfinished_pairs(old: Path, today: dt.date, as_of: dt.date) -> list[tuple[str, str]] | Refusal:
    """The (item, unit) pairs of a folder's report not done as of ``as_of``: what carry-over carries."""
    from tracker.folder.pipeline import load_list, pairs_as_of

    root = find_root(explicit=old)
    cat, problems = load_list(root)
    if cat is None:
        return Refusal(tuple(problems))
    return [(p.item, p.unit) for p in unfinished(cat, pairs_as_of(root, cat, today, as_of).pairs)]


class History(NamedTuple):
    """A carried item's record in last year's folder: that folder's catalog and the carried units' states there
    as of the date carried; or why it cannot be read."""

    folder: Path
    catalog: Catalog | None
    pairs: tuple[PairState, ...]
    reason: str = ""


def carried_history(root: Root, item_id: str, today: dt.date) -> History | None:
    """Follow a carried item's link to last year's folder (``show``): its units' states there."""
    from tracker.folder.pipeline import load_list, pairs_as_of

    cat, _ = load_list(root)
    item = cat.items.get(item_id) if cat is not None else None
    if item is None or item.origin is None:
        return None
    o = item.origin
    folder = (root.path / o.folder).resolve()
    try:
        old_root = find_root(explicit=folder)
    except NoRoot as exc:
        return History(folder, None, (), str(exc))
    old_cat, problems = load_list(old_root)
    if old_cat is None or o.item not in old_cat.items:
        return History(folder, None, (), "; ".join(p.message() for p in problems[:3]) or o.item)
    units = {p.unit for p in o.pairs}
    states = pairs_as_of(old_root, old_cat, today, o.as_of).pairs
    pairs = tuple(p for p in states if p.item == o.item and p.unit in units)
    return History(folder, old_cat, pairs)
