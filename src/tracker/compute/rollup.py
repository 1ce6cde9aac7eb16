"""The roll-up: the folder's own figures and every lower level's, each computed by its own list, rules and
deadlines, then counted together. Pure: levels come in already loaded (``levels.walk``) and each level's
pairs are reduced to counts as soon as it is read, so memory follows the largest level, not the total.

A lower task counts towards the upper task its ``maps_to`` names, else the upper task with the same id;
chains map step by step (district → city → province). Every lower pair is counted once in the overall,
mapped or not; an unmapped task is still in its level's own row and is named as a warning. Items carried over
from last year (``carried.yaml``) are kept apart here as in each level's report: counted nowhere, mapped to
nothing (a district's 2025#15 is not the city's).

A level is first reduced to its ``LevelFigures`` (per item of its own list: the counts, the worst level, the few
notes a return shows), which depend on nothing above it: the mapping upward is applied when the figures are
counted, so figures computed once at a locked commit can be kept and counted again (``folder.figures``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple, Protocol

from tracker.compute.report import Report, Tally, tally
from tracker.compute.state import Level, PairState
from tracker.core.model import Catalog, Status
from tracker.core.problems import Pos, Problem, problem, shown


class Listed(Protocol):
    """What counting a level reads of an item of its list (``Item`` has it, and so has ``Mapped``)."""

    @property
    def kind(self) -> str: ...

    @property
    def maps_to(self) -> str | None: ...

    @property
    def pos(self) -> Pos: ...


class Items(Protocol):
    """What counting a level, or mapping the levels below onto it, reads of its list: the items, in the list's
    order (a ``Catalog``, or a ``MappedList`` kept with the level's figures)."""

    @property
    def items(self) -> Mapping[str, Listed]: ...


class Mapped(NamedTuple):
    """An item as a level's kept figures carry it: what counting and mapping read of it."""

    kind: str
    maps_to: str | None
    pos: Pos


class MappedList(NamedTuple):
    """A level's list as its kept figures carry it (``Items``): its items alone, in the list's order."""

    items: dict[str, Mapped]


def mapped_list(cat: Items) -> MappedList:
    """What counting and mapping read of a list, to be kept with a level's figures."""
    return MappedList({i: Mapped(item.kind, item.maps_to, item.pos) for i, item in cat.items.items()})


class LoadedLevel(NamedTuple):
    """One lower level read at its pinned commit. ``state``: "ok", "errors" (figures given, some files
    have errors), "invalid" (its list does not load: no figures), "not-locked", "not-fetched", "duplicate"
    (a repository already counted at ``same_as``, the folder itself being ()).
    ``uppers`` are the catalogs above it, the top folder's first, for mapping its tasks upward."""

    path: tuple[str, ...]
    source: str
    commit: str | None
    state: str
    catalog: Items | None  # a Catalog, or only its items when ``figures`` were kept
    pairs: list[PairState]
    problems: list[Problem]
    uppers: tuple[Items, ...]
    same_as: tuple[str, ...] = ()
    figures: LevelFigures | None = None  # its pairs already reduced (then ``pairs`` and ``problems`` are empty)


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


class Seed(NamedTuple):
    """A note as a level keeps it: ``note.where`` is the unit alone (the level's path is put before it when the
    level is counted) and ``seq`` is its pair's place among the level's pairs, which breaks ties between notes
    of the same date and unit as the pairs' order does."""

    seq: int
    note: Note


class ItemFigures(NamedTuple):
    """One item's pairs in one level, reduced to what the roll-up counts of them. The reminders' ids are kept,
    not only counted, since a reminder listing pairs of two items that map to one upper item counts once."""

    item: str
    tally: Tally
    reminders: frozenset[str]
    unanswered: frozenset[str]
    worst: Level
    problems: tuple[Seed, ...]  # the few a return can show, latest first
    steps: tuple[Seed, ...]  # the few a return can show, earliest first
    missed: tuple[int, int]  # 漏报: periods, over how many pairs


class LevelFigures(NamedTuple):
    """What the roll-up takes of one level: its items' figures (carried items left out, in the order their
    first pair comes), the worst level of all its pairs, and its errors. Nothing here depends on the levels
    above, so the figures of a level at a locked commit, as of a day, stay what they are."""

    items: tuple[ItemFigures, ...]
    worst: Level
    errors: int
    first_error: Problem | None


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


def map_up(item_id: str, lower: Items, upper: Items) -> str | None:
    """The upper list's item a lower item counts towards, or None."""
    item = lower.items.get(item_id)
    target = item.maps_to if item is not None and item.maps_to else item_id
    return target if target in upper.items else None


def _chain(item_id: str, cat: Items, uppers: tuple[Items, ...]) -> str | None:
    current: str | None = item_id
    lower = cat
    for upper in reversed(uppers):
        if current is None:
            return None
        current = map_up(current, lower, upper)
        lower = upper
    return current


def _notes_of(p: PairState, unit: str) -> tuple[list[Note], list[Note], int]:
    """What one pair adds to its item's notes: key problems, next steps, and periods missed (漏报)."""
    problems: list[Note] = []
    steps: list[Note] = []
    latest = p.latest
    if p.status is Status.BLOCKED and latest is not None:
        problems.append(Note(latest.date.isoformat(), unit, latest.note, "blocked"))
    elif p.overdue and not p.done:
        problems.append(Note(p.deadline.isoformat(), unit, "", "overdue"))
    missed = sum(1 for o in p.occurrences if not o.met) if p.occurrences else 0
    late = [m.milestone for m in p.milestones if m.overdue] if p.milestones else []
    if late:  # 节点滞后: a milestone of the unit's own timetable passed unmet
        m = max(late, key=lambda m: m.due)
        problems.append(Note(m.due.isoformat(), unit, m.text, "milestone", m.due.isoformat()))
    if not p.done:
        open_ms = [m.milestone for m in p.milestones if not m.met]
        if open_ms:
            m = min(open_ms, key=lambda m: m.due)
            steps.append(Note(m.due.isoformat(), unit, m.text))
        elif latest is not None and latest.note and p.status is Status.IN_PROGRESS:
            steps.append(Note(latest.date.isoformat(), unit, latest.note))
    return problems, steps, missed


def _first(seeds: list[Seed], latest_first: bool) -> tuple[Seed, ...]:
    """The few notes a return can show: by date and unit, ties in the pairs' order."""
    return tuple(sorted(seeds, key=lambda s: (s.note.date, s.note.where), reverse=latest_first)[:NOTES_KEPT])


def _item_figures(item_id: str, pairs: list[tuple[int, PairState]], cat: Catalog) -> ItemFigures:
    problems: list[Seed] = []
    steps: list[Seed] = []
    periods = missing = 0
    for seq, p in pairs:
        unit = cat.units[p.unit].short if p.unit in cat.units else p.unit
        found, next_steps, missed = _notes_of(p, unit)
        problems += [Seed(seq, n) for n in found]
        steps += [Seed(seq, n) for n in next_steps]
        periods, missing = periods + missed, missing + (missed > 0)
    states = [p for _, p in pairs]
    return ItemFigures(item_id, tally(states), frozenset(r.id for p in states for r in p.reminders),
                       frozenset(u for p in states for u in p.unanswered), max(p.level for p in states),
                       _first(problems, True), _first(steps, False), (periods, missing))


def figures_of(cat: Catalog, pairs: list[PairState], problems: list[Problem]) -> LevelFigures:
    """A level's pairs (as ``stream_pairs`` gives them) and problems reduced to its figures."""
    by_item: dict[str, list[tuple[int, PairState]]] = {}
    for seq, p in enumerate(pairs):
        if cat.items[p.item].kind != "carried":  # last year's, kept apart: its own level's business
            by_item.setdefault(p.item, []).append((seq, p))
    errors = [p for p in problems if p.level == "error"]
    return LevelFigures(tuple(_item_figures(i, ps, cat) for i, ps in by_item.items()),
                        max((p.level for p in pairs), default=Level.NONE), len(errors), errors[0] if errors else None)


def combined(parts: list[ItemFigures]) -> Tally:
    """Items' figures counted together as ``tally`` counts their pairs: each reminder once."""
    if len(parts) == 1:
        return parts[0].tally
    if not parts:
        return Tally()
    total = Tally._make(map(sum, zip(*(f.tally for f in parts), strict=True)))
    return total._replace(reminders=len(frozenset().union(*(f.reminders for f in parts))),
                          unanswered=len(frozenset().union(*(f.unanswered for f in parts))))


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

    def take(self, path: tuple[str, ...], cat: Items, uppers: tuple[Items, ...], figures: LevelFigures) -> Tally:
        """Count one level's figures into the per-item figures; return the level's own task tally."""
        mapped: dict[str, list[ItemFigures]] = {}
        missing: set[str] = set()
        where = "/".join(path)
        for part in figures.items:
            top_id = _chain(part.item, cat, uppers) if uppers else part.item
            if top_id is None:
                missing.add(part.item)
            else:
                mapped.setdefault(top_id, []).append(part)
        for top_id, parts in mapped.items():
            self.by_item[top_id].append((path, combined(parts)))
            worst = max(f.worst for f in parts)
            self.item_level[top_id] = max(self.item_level.get(top_id, Level.NONE), worst)
            self._notes(top_id, where, parts)
        for item_id in sorted(missing, key=list(cat.items).index):
            item = cat.items[item_id]
            self.unmapped.append(problem(f"{where}/tasks.yaml", item.pos, "level-unmapped", level=shown(where),
                                         task=item_id, target=shown(item.maps_to or item_id)))
        own = combined([f for f in figures.items if cat.items[f.item].kind == "task"])
        self.overall = add(self.overall, own)
        return own

    def _keep(self, notes: dict[str, list[Note]], top_id: str, note: Note, latest_first: bool) -> None:
        """Add a note, keeping only the few a return shows, so notes do not grow with the levels' size."""
        kept = notes.setdefault(top_id, [])
        kept.append(note)
        if len(kept) > 4 * NOTES_KEPT:
            kept.sort(key=lambda n: (n.date, n.where), reverse=latest_first)
            del kept[NOTES_KEPT:]

    def _notes(self, top_id: str, where: str, parts: list[ItemFigures]) -> None:
        """The notes of one level's items mapped to ``top_id``, taken in the order of their pairs (as if each
        pair were counted in turn), each named by its level and unit."""
        for notes, seeds, latest_first in ((self.problems, [s for f in parts for s in f.problems], True),
                                           (self.steps, [s for f in parts for s in f.steps], False)):
            # one item's seeds are in order already, ties in the pairs' order; several items' are merged
            for seed in sorted(seeds, key=lambda s: s.seq) if len(parts) > 1 else seeds:
                who = f"{where}·{seed.note.where}" if where else seed.note.where
                self._keep(notes, top_id, seed.note._replace(where=who), latest_first)
        periods = sum(f.missed[0] for f in parts)
        if periods:  # 漏报: periods that ended without a report, counted over the task's pairs
            before, pairs = self.missed.get(top_id, (0, 0))
            self.missed[top_id] = (before + periods, pairs + sum(f.missed[1] for f in parts))

    def notes(self) -> dict[str, ItemNotes]:
        def kept(notes: list[Note], latest_first: bool) -> tuple[Note, ...]:
            return tuple(sorted(notes, key=lambda n: (n.date, n.where), reverse=latest_first)[:NOTES_KEPT])

        ids = set(self.problems) | set(self.steps) | set(self.missed)
        return {i: ItemNotes(kept(self.problems.get(i, []), True), kept(self.steps.get(i, []), False),
                             self.missed.get(i, (0, 0))) for i in ids}


def roll_up(top: Catalog, own: Report, levels: Iterable[LoadedLevel]) -> Rollup:
    """The folder's own report and its lower levels, counted together."""
    acc = _Acc(top)
    mine = figures_of(top, own.pairs, [])
    own_tally = acc.take(OWN, top, (), mine)
    acc.levels.append(LevelRow(OWN, "", None, "errors" if own.errors else "ok", own_tally, mine.worst,
                               own.error_count, None))
    for lv in levels:
        if lv.catalog is None or lv.state not in COUNTED:
            errors = [p for p in lv.problems if p.level == "error"]
            acc.levels.append(LevelRow(lv.path, lv.source, lv.commit, lv.state, Tally(), Level.NONE, len(errors),
                                       errors[0] if errors else None, lv.same_as))
            continue
        figures = lv.figures
        if figures is None:
            if not isinstance(lv.catalog, Catalog):
                raise TypeError("a level's pairs come with its whole list")
            figures = figures_of(lv.catalog, lv.pairs, lv.problems)
        t = acc.take(lv.path, lv.catalog, lv.uppers, figures)
        acc.levels.append(LevelRow(lv.path, lv.source, lv.commit, lv.state, t, figures.worst, figures.errors,
                                   figures.first_error))
        del lv, figures  # before the next level is read: memory follows the largest level
    by_item = {k: v for k, v in acc.by_item.items() if v}
    return Rollup(acc.levels, by_item, acc.item_level, acc.overall, acc.notes(), acc.unmapped)
