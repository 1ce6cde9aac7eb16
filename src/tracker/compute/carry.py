"""Carry-over (上年结转): which (item, unit) pairs of last year's list were not done, and how each goes on.

The rule: every task pair whose status as of the date carried is not done (a claim the office rejected is not
done; a done claim not yet verified is done, and the office verifies it in last year's folder) is carried, with
its status and percent then and the date and id of its last entry. Goals are the year's own and are not carried.
An item whose own deadline runs past last year's plan (三年内) keeps that deadline; the others take the new plan's.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from tracker.compute.state import PairState
from tracker.core.model import Cadence, CarriedPair, Catalog, Status, Target


class CarriedItem(NamedTuple):
    id: str  # 2025#15
    item: str  # 15
    text: str
    responsible: str
    action: str
    work: str
    deadline: dt.date | None  # its own, where it runs on
    cadence: Cadence | None
    target: Target | None
    notes: tuple[str, ...]
    pairs: tuple[CarriedPair, ...]


def unfinished(cat: Catalog, pairs: list[PairState]) -> list[PairState]:
    """The task pairs not done, in the list's order, then units.yaml's."""
    order = {iid: n for n, iid in enumerate(cat.items)}
    units = {u: n for n, u in enumerate(cat.units)}
    return sorted((p for p in pairs if cat.items[p.item].kind == "task" and p.status is not Status.DONE),
                  key=lambda p: (order[p.item], units.get(p.unit, len(units))))


def carried_items(cat: Catalog, pairs: list[PairState], deadline: dt.date) -> list[CarriedItem]:
    """Last year's unfinished pairs, grouped by item, as carry-over writes them; ``deadline`` is this year's plan's
    (an item's own deadline is written only where it differs)."""
    by_item: dict[str, list[CarriedPair]] = {}
    for p in unfinished(cat, pairs):
        latest = p.latest
        by_item.setdefault(p.item, []).append(CarriedPair(
            p.unit, p.status, p.percent, None if latest is None else latest.date, "" if latest is None else latest.id))
    out = []
    for iid, carried in by_item.items():
        item = cat.items[iid]
        action = cat.actions.get(item.action) if item.action is not None else None
        work = cat.works.get(item.work) if item.work is not None else None
        out.append(CarriedItem(
            f"{cat.plan.year}#{iid}", iid, item.text, item.responsible,
            f"{action.numeral}、{action.title}" if action else "", work.title if work else "",
            item.deadline if cat.plan.end < item.deadline != deadline else None, item.cadence, item.target, item.notes,
            tuple(carried)))
    return out
