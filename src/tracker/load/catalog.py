"""Load tasks.yaml and units.yaml into a Catalog, collecting every problem on the way.

Loading never stops at the first problem: a bad task is reported and skipped, the rest still load, so one
``tracker validate`` run shows everything that needs fixing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from tracker.core.i18n import word
from tracker.core.model import (
    SAFE_ID,
    Action,
    Catalog,
    Item,
    KeyWork,
    LadderStep,
    Plan,
    Scoring,
    Thresholds,
    Unit,
    UnitKind,
    build_name_index,
)
from tracker.core.problems import Collector, Pos, Problem, did_you_mean, shown
from tracker.load import schema
from tracker.load.fields import Reader
from tracker.load.parts import cadence as _cadence
from tracker.load.parts import notes as _notes
from tracker.load.parts import target as _target
from tracker.load.shapes import keys
from tracker.load.yamltree import MapNode, Node, load_bytes

GOAL_ID = re.compile(r"G\d+")

PLAN_FIELDS = keys("plan")[0]
PLAN_NOTICE_FIELDS = ("document_number", "contact", "phone", "cc")  # optional: what notices print when set
ITEM_REQUIRED, ITEM_OPTIONAL = keys("task")


@dataclass(frozen=True)
class Loaded:
    """A catalog (None when the files are too broken to use) and every problem found."""

    catalog: Catalog | None
    problems: list[Problem]


def load_catalog(tasks_path: Path, units_path: Path, carried_path: Path | None = None) -> Loaded:
    """Read both files (and carried.yaml, when there is one) from disk; I/O failures become problems too."""
    carried = _read(carried_path) if carried_path is not None and carried_path.is_file() else None
    return load_catalog_bytes(_read(tasks_path), str(tasks_path), _read(units_path), str(units_path),
                              carried, str(carried_path))


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def load_catalog_bytes(tasks: bytes | None, tasks_name: str, units: bytes | None, units_name: str,
                       carried: bytes | None = None, carried_name: str = "carried.yaml") -> Loaded:
    """Both files' bytes (and carried.yaml's, when there is one) -> catalog. ``None`` bytes mean the file could
    not be read (carried.yaml: there is none)."""
    uo, to = Collector(units_name), Collector(tasks_name)
    loaded_units = _load_units(units, uo)
    loaded_tasks = _load_tasks(tasks, to)
    problems = uo.problems + to.problems
    if loaded_units is None or loaded_tasks is None:
        return Loaded(None, problems)
    unit_map, trust_root = loaded_units
    plan, thresholds, items, works, actions, scoring, ladder = loaded_tasks
    if carried is not None:
        from tracker.load.carried import load_carried_bytes

        co = Collector(carried_name)
        for item in load_carried_bytes(carried, co, plan):
            if item.id in items:
                co.add(item.pos, "duplicate-id", subject=("结转事项", "carried item "), id=item.id,
                       first=str(items[item.id].pos.line))
                continue
            items[item.id] = item
        problems += co.problems
    catalog = Catalog(plan, thresholds, items, works, actions, unit_map, build_name_index(unit_map), scoring,
                      ladder, trust_root)
    return Loaded(catalog, problems)


def _missing(out: Collector) -> None:
    out.add(Pos(1, 1), "no-file")


# ---------------------------------------------------------------- units.yaml

UNIT_REQUIRED, UNIT_OPTIONAL = keys("unit")


def _open(data: bytes | None, out: Collector, name: str, required: tuple[str, ...],
          optional: tuple[str, ...]) -> tuple[Reader, MapNode] | None:
    """A file's top-level mapping, its keys checked; None (with the problems filed) when there is none."""
    if data is None:
        _missing(out)
        return None
    r = Reader(out)
    root = r.mapping(load_bytes(data, out), name)
    if root is None:
        return None
    r.keys(root, required, optional, name)
    return r, root


def _load_units(data: bytes | None, out: Collector) -> tuple[dict[str, Unit], str] | None:
    """The units, and the trust root of check-authors (units.yaml's ``trust_root``, "" when not set)."""
    if data is None:
        _missing(out)
        return None
    r = Reader(out)
    settings = schema.read(r, load_bytes(data, out), "units-file")
    if settings is None:
        return None
    units: dict[str, Unit] = {}
    for node in r.seq(settings.get("units"), "units"):
        unit = _unit(node, r)
        if unit is None:
            continue
        if unit.id in units:
            out.add(unit.pos, "duplicate-id", subject=word("unit-id"), id=shown(unit.id),
                    first=str(units[unit.id].pos.line))
            continue
        units[unit.id] = unit
    for unit in units.values():
        for member in unit.members:
            if member not in units:
                out.add(unit.pos, "unknown-unit", subject=(f"集合 {shown(unit.id)} ", f"group {shown(unit.id)}"),
                        unit=shown(member), suggest=did_you_mean(member, units))
            elif units[member].members:
                out.add(unit.pos, "nested-group", group=shown(unit.id), member=shown(member))
    return units, settings.get("trust_root", "")


def _unit(node: Node, r: Reader) -> Unit | None:
    m = r.mapping(node, "unit")
    if m is None:
        return None
    values = schema.read(r, m, "unit", own=("maintainers",)) or {}
    if any(k not in m.items for k in UNIT_REQUIRED):
        return None
    uid, name, short, kind = (values.get(k) for k in ("id", "name", "short", "kind"))
    if uid is not None and not SAFE_ID.fullmatch(uid):
        r.out.add(m.items["id"].pos, "unsafe-id", id=shown(uid))
        uid = None
    kind_value = None
    if kind is not None:
        try:
            kind_value = UnitKind(kind)
        except ValueError:
            choices = [k.value for k in UnitKind]
            r.out.add(m.items["kind"].pos, "bad-value", subject=word("unit-kind"), found=shown(kind),
                      allowed=", ".join(choices), suggest=did_you_mean(kind, choices))
    if uid is None or name is None or short is None or kind_value is None:
        return None
    return Unit(
        id=uid, name=name, short=short, kind=kind_value,
        aliases=values.get("aliases", ()),
        members=values.get("members", ()),
        open=bool(values.get("open")),
        ambiguous=values.get("ambiguous"),
        maintainers=(maintainers := _maintainers(m, r) if "maintainers" in values else ()),
        pos=m.pos,
        keys=_keys(m, r, maintainers),
    )


def _keys(m: MapNode, r: Reader, maintainers: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The unit's ``signing_keys``: each a maintainer of the unit and a key (an SSH public key or fingerprint,
    an OpenPGP fingerprint). One naming no maintainer of the unit, or no key, is a problem at its position
    and left out: ``check-authors --require-signed`` takes only the keys listed for the commit's author."""
    from tracker.core.identities import key_fingerprint

    kept = []
    for node in r.seq(m.items.get("signing_keys"), "signing_keys"):
        entry = r.mapping(node, "signing-key")
        if entry is None or not r.keys(entry, *keys("signing-key"), "signing-key"):
            continue
        who, key = r.text(entry, "maintainer"), r.text(entry, "key")
        if who is not None and who not in maintainers:
            r.out.add(entry.items["maintainer"].pos, "key-unknown-maintainer", maintainer=shown(who))
        elif key is not None and key_fingerprint(key) is None:
            r.out.add(entry.items["key"].pos, "bad-signing-key", key=shown(key[:40] + ("…" if len(key) > 40 else "")))
        elif who is not None and key is not None:
            kept.append((who, key.strip()))
    return tuple(kept)


def _maintainers(m: MapNode, r: Reader) -> tuple[str, ...]:
    """The unit's maintainers; an entry that is not ``Name <email>``, an email or ``@handle``/``@org/team``
    is a problem at its own position and left out, so it never reaches check-authors or CODEOWNERS."""
    from tracker.core.identities import valid_identity

    kept = []
    for entry, pos in r.texts(m, "maintainers"):
        if valid_identity(entry):
            kept.append(entry)
        else:
            r.out.add(pos, "bad-identity", entry=shown(entry))
    return tuple(kept)


# ---------------------------------------------------------------- tasks.yaml

_Tasks = tuple[Plan, Thresholds, dict[str, Item], dict[int, KeyWork], dict[int, Action], Scoring,
               tuple[LadderStep, ...]]


def _load_tasks(data: bytes | None, out: Collector) -> _Tasks | None:
    opened = _open(data, out, "tasks-file", *keys("tasks-file"))
    if opened is None:
        return None
    r, root = opened
    parsed_plan = _plan(root.items.get("plan"), r)
    plan = parsed_plan or _FALLBACK_PLAN  # keep reading the tasks, so one run reports every problem
    thresholds = _thresholds(root.items.get("warnings"), r)
    items: dict[str, Item] = {}

    def add(item: Item | None) -> None:
        if item is None:
            return
        if item.id in items:
            r.out.add(item.pos, "duplicate-id", subject=word(item.kind if item.kind == "task" else "goal"),
                      id=item.id, first=str(items[item.id].pos.line))
            return
        items[item.id] = item

    for node in r.seq(root.items.get("goals"), "goals"):
        add(_item(node, r, plan, goal=True))
    works: dict[int, KeyWork] = {}
    actions: dict[int, Action] = {}
    for anode in r.seq(root.items.get("actions"), "actions"):
        am = r.mapping(anode, "action")
        if am is None or not r.keys(am, *keys("action"), "action"):
            continue
        aid, numeral, title = r.integer(am, "id", minimum=1), r.text(am, "numeral"), r.text(am, "title")
        if aid is None or numeral is None or title is None:
            continue
        if aid in actions:
            r.out.add(am.pos, "duplicate-id", subject=word("action"), id=str(aid), first=str(actions[aid].pos.line))
            continue
        work_ids: list[int] = []
        for wnode in r.seq(am.items.get("works"), "works"):
            work = _work(wnode, r, aid, plan, add)
            if work is None:
                continue
            if work.id in works:
                r.out.add(work.pos, "duplicate-id", subject=word("work"), id=str(work.id),
                          first=str(works[work.id].pos.line))
                continue
            works[work.id] = work
            work_ids.append(work.id)
        actions[aid] = Action(aid, numeral, title, tuple(work_ids), _notes(am, r), am.pos)
    if parsed_plan is None:
        return None
    return (plan, thresholds, items, works, actions, _scoring(root.items.get("scoring"), r, actions),
            _ladder(root.items.get("ladder"), r))


_FALLBACK_PLAN = Plan("", "", "", "", dt.date(2000, 1, 1), 2000, dt.date(2000, 1, 1), dt.date(2000, 12, 31),
                      dt.date(2000, 12, 31), dt.date(2000, 12, 31))


def _plan(node: Node | None, r: Reader) -> Plan | None:
    m = r.mapping(node, "plan")
    if m is None or not r.keys(m, *keys("plan"), "plan"):
        return None
    title, document, issuer, office = (r.text(m, k) for k in ("title", "document", "issuer", "office"))
    year = r.integer(m, "year", minimum=2000)
    issued, start, end, deadline, until = (r.date(m, k) for k in ("issued", "start", "end", "deadline",
                                                                  "records_until"))
    if None in (title, document, issuer, office, year, issued, start, end, deadline, until):
        return None
    assert title and document and issuer and office and year and issued and start and end and deadline
    assert until
    if not start <= end <= until:
        r.out.add(m.pos, "bad-period")
        return None
    extra = [(r.text(m, k, required=False) or "").strip() for k in PLAN_NOTICE_FIELDS]
    return Plan(title, document, issuer, office, issued, year, start, end, deadline, until, _notes(m, r), *extra)


def _thresholds(node: Node | None, r: Reader) -> Thresholds:
    """The warning thresholds; a value in error keeps its default, so one run reports every problem."""
    values = schema.read(r, node, "warnings") if node is not None else None
    return Thresholds()._replace(**(values or {}))


def _scoring(node: Node | None, r: Reader, actions: dict[int, Action]) -> Scoring:
    """The assessment rule; each point value a number, each weighted action one of the list's, weights not
    negative. A value in error keeps its default, so one run reports every problem."""
    values = schema.read(r, node, "scoring") if node is not None else None
    if values is None:
        return Scoring()
    weights: list[tuple[int, float]] = []
    given = values.pop("action_weights", None)
    values.pop("notes", None)
    for key, weight, at in (schema.number_map(r, given, "action_weights") if given is not None else ()):
        if not key.isdigit() or int(key) not in actions:
            r.out.add(at, "scoring-unknown-action", action=shown(key))
        elif weight < 0:
            r.out.add(at, "out-of-range", field=key, value=f"{weight:g}", low="0", high="∞")
        else:
            weights.append((int(key), weight))
    return Scoring()._replace(**values, action_weights=tuple(weights))


def _ladder(node: Node | None, r: Reader) -> tuple[LadderStep, ...]:
    """The office's chasing ladder (催办梯次), each step's name with its notices' title and sentence; empty
    (the tool's four steps) when not set. A step in error is left out, and the rest still read."""
    steps: list[LadderStep] = []
    for step in r.seq(node, "ladder"):
        values = schema.read(r, step, "ladder-step")
        if values is not None and values.get("name"):
            steps.append(LadderStep(values["name"].strip(), (values.get("title") or "").strip(),
                                    (values.get("text") or "").strip()))
    return tuple(steps)


def _work(node: Node, r: Reader, action: int, plan: Plan, add: object) -> KeyWork | None:
    m = r.mapping(node, "work")
    if m is None or not r.keys(m, *keys("work"), "work"):
        return None
    wid, title = r.integer(m, "id", minimum=1), r.text(m, "title")
    ids: list[str] = []
    for tnode in r.seq(m.items.get("tasks"), "tasks"):
        item = _item(tnode, r, plan, goal=False, action=action, work=wid)
        if item is not None:
            ids.append(item.id)
        add(item)  # type: ignore[operator]
    if wid is None or title is None:
        return None
    return KeyWork(wid, title, action, tuple(ids), _target(m.items.get("target"), r), _notes(m, r), m.pos)


def _item(node: Node, r: Reader, plan: Plan, *, goal: bool, action: int | None = None,
          work: int | None = None) -> Item | None:
    what = "goal" if goal else "task"
    m = r.mapping(node, what)
    if m is None or not r.keys(m, *keys(what), what):
        return None
    if goal:
        raw_id = r.text(m, "id")
        if raw_id is not None and not GOAL_ID.fullmatch(raw_id):
            r.out.add(m.items["id"].pos, "bad-value", subject=word("goal-id"), found=shown(raw_id), allowed="G0, G1, …")
            raw_id = None
        kind = r.text(m, "kind") or "stage"
        if kind not in ("overall", "stage"):
            r.out.add(m.items["kind"].pos, "bad-value", subject=word("goal-kind"), found=shown(kind),
                      allowed="overall, stage")
            return None
    else:
        number = r.integer(m, "id", minimum=1)
        raw_id = None if number is None else str(number)
        kind = "task"
    text, responsible = r.text(m, "text"), r.text(m, "responsible")
    deadline = r.date(m, "deadline") or plan.deadline
    if raw_id is None or text is None or responsible is None:
        return None
    expect = r.texts(m, "expect") if "expect" in m.items else None
    units, groups = r.texts(m, "units"), r.texts(m, "groups")
    lead = r.text(m, "lead", required=False) if "lead" in m.items else None
    leads = [(lead, m.items["lead"].pos)] if lead else []
    return Item(
        id=raw_id, kind=kind, text=text, responsible=responsible,
        units=tuple(w for w, _ in units),
        groups=tuple(w for w, _ in groups),
        deadline=deadline,
        open=bool(r.boolean(m, "open")),
        action=action, work=work,
        cadence=_cadence(m.items.get("cadence"), r),
        target=_target(m.items.get("target"), r),
        expect=None if expect is None else tuple(w for w, _ in expect),
        notes=_notes(m, r),
        pos=m.pos,
        refs=tuple(units + groups + (expect or []) + leads),
        lead=lead or None,
        maps_to=r.text(m, "maps_to"),
    )
