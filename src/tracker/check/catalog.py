"""Cross-checks over a loaded catalog: what no single field shows, and the source's own slips as warnings."""

from __future__ import annotations

from tracker.core.i18n import both, word
from tracker.core.model import Catalog, Item, UnitKind
from tracker.core.problems import Collector, Pos, Problem, did_you_mean, shown

_TRAILING = "。.;；,， "


def check_catalog(cat: Catalog, tasks_path: str, units_path: str, carried_path: str = "carried.yaml") -> list[Problem]:
    t, u, c = Collector(tasks_path), Collector(units_path), Collector(carried_path)
    if cat.plan.office not in cat.units:
        t.add(Pos(1, 1), "unknown-unit", subject=("plan.office ", "plan.office"), unit=shown(cat.plan.office),
              suggest=did_you_mean(cat.plan.office, cat.units))
    for item in cat.items.values():
        out = c if item.kind == "carried" else t
        _check_refs(cat, item, out)
        if not cat.plan.start <= item.deadline <= cat.plan.records_until:
            out.add(item.pos, "out-of-period", field=_deadline_of(item), date=item.deadline.isoformat(),
                  start=cat.plan.start.isoformat(), end=cat.plan.records_until.isoformat())
    _duplicate_texts(cat, t)
    _duplicate_titles(cat, t)
    _ambiguous_names(cat, u)
    return t.problems + u.problems + c.problems


def _deadline_of(item: Item) -> tuple[str, str]:
    """The field a period problem names, in both languages: 完成时限（任务44）, deadline (task 44)."""
    zh, en = both("field.deadline")
    return f"{zh}（{_label(item)[0]}）", f"{en} ({_label(item)[1]})"


def _label(item: Item) -> tuple[str, str]:
    if item.kind == "carried":
        return f"上年结转事项{item.id}", f"carried item {item.id}"
    return (f"任务{item.id}", f"task {item.id}") if item.kind == "task" else (f"目标{item.id}", f"goal {item.id}")


def _check_refs(cat: Catalog, item: Item, out: Collector) -> None:
    group_refs = set(item.groups)
    for ref, pos in item.refs:
        unit = cat.units.get(ref)
        if unit is None:
            out.add(pos, "unknown-unit", subject=_label(item), unit=shown(ref),
                    suggest=did_you_mean(ref, cat.units))
            continue
        if ref in group_refs and unit.kind is not UnitKind.GROUP:
            out.add(pos, "wrong-list", unit=shown(ref), **{"is": word("single-unit")}, field="groups", other="units")
        elif ref in item.units and unit.kind is UnitKind.GROUP:
            out.add(pos, "wrong-list", unit=shown(ref), **{"is": word("group")}, field="units", other="groups")
        if (ref in item.units or ref in group_refs) and not any(n in item.responsible for n in unit.names()[1:]):
            out.warn(pos, "not-in-text", subject=_label(item), unit=unit.short)
        if unit.ambiguous:
            zh, en = _label(item)
            out.warn(pos, "ambiguous-unit", subject=(f"{zh}所列的", f"{en} names "), unit=unit.short,
                     why=unit.ambiguous)
    if not cat.reporters(item):
        out.add(item.pos, "no-reporter", subject=_label(item))
    if item.lead is not None and item.lead in cat.units and item.lead not in cat.reporters(item):
        out.add(item.refs[-1][1], "lead-not-reporter", unit=shown(item.lead), task=item.id)


def _norm(text: str) -> str:
    return text.strip().rstrip(_TRAILING)


def _duplicate_texts(cat: Catalog, out: Collector) -> None:
    seen: dict[str, Item] = {}
    for item in cat.items.values():
        key = _norm(item.text)
        first = seen.setdefault(key, item)
        if first is not item:
            out.warn(item.pos, "duplicate-text", subject=_label(item), other=_label(first))


def _duplicate_titles(cat: Catalog, out: Collector) -> None:
    seen: dict[str, int] = {}
    for action in cat.actions.values():
        first = seen.setdefault(action.title, action.id)
        if first != action.id:
            out.warn(action.pos, "duplicate-title", numeral=action.numeral, other=cat.actions[first].numeral,
                     title=action.title)


def _ambiguous_names(cat: Catalog, out: Collector) -> None:
    owners: dict[str, list[str]] = {}
    for unit in cat.units.values():
        for name in set(unit.names()):
            owners.setdefault(name, []).append(unit.id)
        if unit.ambiguous:
            out.warn(unit.pos, "ambiguous-unit", unit=unit.short, why=unit.ambiguous)
    for name, ids in owners.items():
        if len(ids) > 1:
            unit = cat.units[ids[1]]
            out.add(unit.pos, "ambiguous-name", name=shown(name), units=", ".join(ids))
