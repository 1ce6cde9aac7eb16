"""Cross-checks over a loaded catalog: what no single field shows, and the source's own slips as warnings."""

from __future__ import annotations

from tracker.model import Catalog, Item, UnitKind
from tracker.problems import Collector, Pos, Problem, did_you_mean

_TRAILING = "。.;；,， "


def check_catalog(cat: Catalog, tasks_path: str, units_path: str) -> list[Problem]:
    t, u = Collector(tasks_path), Collector(units_path)
    if cat.plan.office not in cat.units:
        t.add(Pos(1, 1), "unknown-unit", f"plan.office {cat.plan.office!r} is not in units.yaml",
              did_you_mean(cat.plan.office, cat.units))
    for item in cat.items.values():
        _check_refs(cat, item, t)
        if not cat.plan.start <= item.deadline <= cat.plan.records_until:
            t.add(item.pos, "bad-date", f"deadline {item.deadline} of {_label(item)} is outside the plan "
                  f"({cat.plan.start} to {cat.plan.records_until})", "check the year")
    _duplicate_texts(cat, t)
    _duplicate_titles(cat, t)
    _ambiguous_names(cat, u)
    return t.problems + u.problems


def _label(item: Item) -> str:
    return f"task {item.id}" if item.kind == "task" else f"goal {item.id}"


def _check_refs(cat: Catalog, item: Item, out: Collector) -> None:
    group_refs = set(item.groups)
    for ref, pos in item.refs:
        unit = cat.units.get(ref)
        if unit is None:
            out.add(pos, "unknown-unit", f"{_label(item)} names unknown unit {ref!r}",
                    did_you_mean(ref, cat.units) or "add it to units.yaml first")
            continue
        if ref in group_refs and unit.kind is not UnitKind.GROUP:
            out.add(pos, "wrong-list", f"{ref!r} is a single unit, listed under groups", "move it to units")
        elif ref in item.units and unit.kind is UnitKind.GROUP:
            out.add(pos, "wrong-list", f"{ref!r} is a group, listed under units", "move it to groups")
        if (ref in item.units or ref in group_refs) and not any(n in item.responsible for n in unit.names()[1:]):
            out.warn(pos, "not-in-text", f"{_label(item)}'s published 责任单位 does not name {unit.short!r}",
                     "check the reference against the published text")
        if unit.ambiguous:
            out.warn(pos, "ambiguous-unit", f"{_label(item)} names {unit.short!r}, which is ambiguous: "
                     f"{unit.ambiguous}", "the office should confirm who is meant (see units.yaml)")
    if not cat.reporters(item):
        out.add(item.pos, "no-reporter", f"{_label(item)} has no responsible unit", "list units or groups")


def _norm(text: str) -> str:
    return text.strip().rstrip(_TRAILING)


def _duplicate_texts(cat: Catalog, out: Collector) -> None:
    seen: dict[str, Item] = {}
    for item in cat.items.values():
        key = _norm(item.text)
        first = seen.setdefault(key, item)
        if first is not item:
            out.warn(item.pos, "duplicate-text", f"{_label(item)} has the same text as {_label(first)}",
                     "published so; check which units each one means (kept as published)")


def _duplicate_titles(cat: Catalog, out: Collector) -> None:
    seen: dict[str, int] = {}
    for action in cat.actions.values():
        first = seen.setdefault(action.title, action.id)
        if first != action.id:
            out.warn(action.pos, "duplicate-title",
                     f"action {action.numeral} has the same title as action {cat.actions[first].numeral}: "
                     f"{action.title}", "published so; actions are told apart by their number")


def _ambiguous_names(cat: Catalog, out: Collector) -> None:
    owners: dict[str, list[str]] = {}
    for unit in cat.units.values():
        for name in set(unit.names()):
            owners.setdefault(name, []).append(unit.id)
        if unit.ambiguous:
            out.warn(unit.pos, "ambiguous-unit", f"{unit.short} is ambiguous: {unit.ambiguous}",
                     "confirm with the office, then set the real unit")
    for name, ids in owners.items():
        if len(ids) > 1:
            unit = cat.units[ids[1]]
            out.add(unit.pos, "ambiguous-name", f"the name {name!r} belongs to units {', '.join(ids)}",
                    "give each name to one unit only")
