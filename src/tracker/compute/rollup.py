"""The roll-up: the folder's own figures and every lower level's, each computed by its own list, rules and
deadlines, then counted together. Pure: levels come in already loaded (``levels.walk``) and each level's
pairs are reduced to counts as soon as it is read, so memory follows the largest level, not the total.

A lower task counts towards the upper task its ``maps_to`` names, else the upper task with the same id;
chains map step by step (district → city → province). Every lower pair is counted once in the overall,
mapped or not; an unmapped task is still in its level's own row and is named as a warning. Items carried over
from last year (``carried.yaml``) are kept apart here as in each level's report: counted nowhere, mapped to
nothing (a district's 2025#15 is not the city's).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from tracker.compute.report import Report, Tally, tally
from tracker.compute.state import Level, PairState
from tracker.core.model import Catalog, Status
from tracker.core.problems import Problem, problem, shown


class LoadedLevel(NamedTuple):
    """One lower level read at its pinned commit. ``state``: "ok", "errors" (figures given, some files
    have errors), "invalid" (its list does not load: no figures), "not-locked", "not-fetched", "duplicate"
    (a repository already counted at ``same_as``, the folder itself being ()).
    ``uppers`` are the catalogs above it, the top folder's first, for mapping its tasks upward."""

    path: tuple[str, ...]
    source: str
    commit: str | None
    state: str
    catalog: Catalog | None
    pairs: list[PairState]
    problems: list[Problem]
    uppers: tuple[Catalog, ...]
    same_as: tuple[str, ...] = ()


COUNTED = ("ok", "errors")  # the states whose figures count; every other level is shown, with why not


OWN: tuple[str, ...] = ()  # the folder itself, as a level path
NOTES_KEPT = 3  # key problems and next steps kept per task for the return


def add(a: Tally, b: Tally) -> Tally:
    """Two tallies counted together: every count of a Tally is a sum over its pairs."""
    return Tally._make(x + y for x, y in zip(a, b, strict=True))


class LevelRow(NamedTuple):
    """One level's own figures (its task pairs, as its own report counts them)."""

    path: tuple[str, ...]
    source: str
    commit: str | None
    state: str  # as LoadedLevel.state
    tally: Tally
    level: Level
    errors: int
    first_error: Problem | None
    same_as: tuple[str, ...] = ()

    @property
    def counted(self) -> bool:
        return self.state in COUNTED


class Note(NamedTuple):
    date: str
    where: str  # level and unit, as a reader names them
    text: str
    kind: str = ""  # a key problem's kind: "blocked", "overdue", "milestone" (text: the milestone)
    due: str = ""  # a missed milestone's due date


class ItemNotes(NamedTuple):
    problems: tuple[Note, ...] = ()
    steps: tuple[Note, ...] = ()
    missed: tuple[int, int] = (0, 0)  # 漏报: how many periods, over how many pairs (often many: said as a count)


class Rollup(NamedTuple):
    levels: list[LevelRow]
    by_item: dict[str, list[tuple[tuple[str, ...], Tally]]]  # top item id -> (level path, its mapped figures)
    item_level: dict[str, Level]
    overall: Tally  # the folder's and every lower level's task pairs, each once
    notes: dict[str, ItemNotes]
    unmapped: list[Problem]

    def item_total(self, item_id: str) -> Tally:
        total = Tally()
        for _, t in self.by_item.get(item_id, []):
            total = add(total, t)
        return total


def map_up(item_id: str, lower: Catalog, upper: Catalog) -> str | None:
    """The upper list's item a lower item counts towards, or None."""
    item = lower.items.get(item_id)
    target = item.maps_to if item is not None and item.maps_to else item_id
    return target if target in upper.items else None


def _chain(item_id: str, cat: Catalog, uppers: tuple[Catalog, ...]) -> str | None:
    current: str | None = item_id
    lower = cat
    for upper in reversed(uppers):
        if current is None:
            return None
        current = map_up(current, lower, upper)
        lower = upper
    return current


class _Acc:
    """What the roll-up keeps while levels stream past."""

    def __init__(self, top: Catalog) -> None:
        self.top = top
        self.levels: list[LevelRow] = []
        self.by_item: dict[str, list[tuple[tuple[str, ...], Tally]]] = {i: [] for i in top.items}
        self.item_level: dict[str, Level] = {}
        self.overall = Tally()
        self.problems: dict[str, list[Note]] = {}
        self.steps: dict[str, list[Note]] = {}
        self.missed: dict[str, tuple[int, int]] = {}
        self.unmapped: list[Problem] = []

    def take(self, path: tuple[str, ...], cat: Catalog, uppers: tuple[Catalog, ...],
             pairs: list[PairState]) -> Tally:
        """Count one level's pairs into the per-item figures; return the level's own task tally."""
        mapped: dict[str, list[PairState]] = {}
        tasks: list[PairState] = []
        missing: set[str] = set()
        where = "/".join(path)
        for p in pairs:
            item = cat.items[p.item]
            if item.kind == "carried":  # last year's, kept apart: its own level's business, mapped to nothing
                continue
            if item.kind == "task":
                tasks.append(p)
            top_id = _chain(p.item, cat, uppers) if uppers else p.item
            if top_id is None:
                missing.add(p.item)
                continue
            mapped.setdefault(top_id, []).append(p)
            self._note(top_id, where, cat, p)
        for top_id, ps in mapped.items():
            t = tally(ps)
            self.by_item[top_id].append((path, t))
            worst = max((p.level for p in ps), default=Level.NONE)
            self.item_level[top_id] = max(self.item_level.get(top_id, Level.NONE), worst)
        for item_id in sorted(missing, key=list(cat.items).index):
            item = cat.items[item_id]
            self.unmapped.append(problem(f"{where}/tasks.yaml", item.pos, "level-unmapped", level=shown(where),
                                         task=item_id, target=shown(item.maps_to or item_id)))
        own = tally(tasks)
        self.overall = add(self.overall, own)
        return own

    def _keep(self, notes: dict[str, list[Note]], top_id: str, note: Note, latest_first: bool) -> None:
        """Add a note, keeping only the few a return shows, so notes do not grow with the levels' size."""
        kept = notes.setdefault(top_id, [])
        kept.append(note)
        if len(kept) > 4 * NOTES_KEPT:
            kept.sort(key=lambda n: (n.date, n.where), reverse=latest_first)
            del kept[NOTES_KEPT:]

    def _note(self, top_id: str, where: str, cat: Catalog, p: PairState) -> None:
        unit = cat.units[p.unit].short if p.unit in cat.units else p.unit
        who = f"{where}·{unit}" if where else unit
        latest = p.latest
        if p.status is Status.BLOCKED and latest is not None:
            self._keep(self.problems, top_id, Note(latest.date.isoformat(), who, latest.note, "blocked"), True)
        elif p.overdue and not p.done:
            self._keep(self.problems, top_id, Note(p.deadline.isoformat(), who, "", "overdue"), True)
        missed = sum(1 for o in p.occurrences if not o.met) if p.occurrences else 0
        if missed:  # 漏报: periods that ended without a report, counted over the task's pairs
            periods, pairs = self.missed.get(top_id, (0, 0))
            self.missed[top_id] = (periods + missed, pairs + 1)
        late = [m.milestone for m in p.milestones if m.overdue] if p.milestones else []
        if late:  # 节点滞后: a milestone of the unit's own timetable passed unmet
            m = max(late, key=lambda m: m.due)
            self._keep(self.problems, top_id, Note(m.due.isoformat(), who, m.text, "milestone", m.due.isoformat()),
                       True)
        if p.done:
            return
        open_ms = [m.milestone for m in p.milestones if not m.met]
        if open_ms:
            m = min(open_ms, key=lambda m: m.due)
            self._keep(self.steps, top_id, Note(m.due.isoformat(), who, m.text), False)
        elif latest is not None and latest.note and p.status is Status.IN_PROGRESS:
            self._keep(self.steps, top_id, Note(latest.date.isoformat(), who, latest.note), False)

    def notes(self) -> dict[str, ItemNotes]:
        def kept(notes: list[Note], latest_first: bool) -> tuple[Note, ...]:
            return tuple(sorted(notes, key=lambda n: (n.date, n.where), reverse=latest_first)[:NOTES_KEPT])

        ids = set(self.problems) | set(self.steps) | set(self.missed)
        return {i: ItemNotes(kept(self.problems.get(i, []), True), kept(self.steps.get(i, []), False),
                             self.missed.get(i, (0, 0))) for i in ids}


def roll_up(top: Catalog, own: Report, levels: Iterable[LoadedLevel]) -> Rollup:
    """The folder's own report and its lower levels, counted together."""
    acc = _Acc(top)
    own_tally = acc.take(OWN, top, (), own.pairs)
    acc.levels.append(LevelRow(OWN, "", None, "errors" if own.errors else "ok", own_tally,
                               max((p.level for p in own.pairs), default=Level.NONE), own.error_count, None))
    for lv in levels:
        errors = [p for p in lv.problems if p.level == "error"]
        if lv.catalog is None or lv.state not in COUNTED:
            acc.levels.append(LevelRow(lv.path, lv.source, lv.commit, lv.state, Tally(), Level.NONE, len(errors),
                                       errors[0] if errors else None, lv.same_as))
            continue
        t = acc.take(lv.path, lv.catalog, lv.uppers, lv.pairs)
        acc.levels.append(LevelRow(lv.path, lv.source, lv.commit, lv.state, t,
                                   max((p.level for p in lv.pairs), default=Level.NONE), len(errors),
                                   errors[0] if errors else None))
        del lv, errors  # before the next level is read: memory follows the largest level
    by_item = {k: v for k, v in acc.by_item.items() if v}
    return Rollup(acc.levels, by_item, acc.item_level, acc.overall, acc.notes(), acc.unmapped)
