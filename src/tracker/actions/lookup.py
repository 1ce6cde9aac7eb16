"""Units, items and actions as people name them on the command line, found in the task list or refused with
the closest names as a hint."""

from __future__ import annotations

from tracker.core.model import Catalog, Item
from tracker.core.problems import did_you_mean, problem, shown
from tracker.core.refusal import NOWHERE, refused


def unit_id(cat: Catalog, name: str) -> str:
    """The unit called ``name`` (its id, name, short name or an alias); refused when none or several are."""
    ids = cat.lookup_unit(name)
    if len(ids) == 1:
        return str(ids[0])
    if len(ids) > 1:
        raise refused(problem("", NOWHERE, "unit-ambiguous", name=shown(name), ids=", ".join(ids)))
    names = [n for u in cat.units.values() for n in u.names()]
    raise refused(problem("", NOWHERE, "no-such-unit", name=shown(name), suggest=did_you_mean(name.strip(), names)))


def item(cat: Catalog, text: str) -> Item:
    """The task (15, #15, 015) or goal (g2, G2) named ``text``; refused, with the closest ids, when none is."""
    key = text.strip().upper().lstrip("#")
    if key.isdigit():
        key = str(int(key))
    if key not in cat.items:
        raise refused(problem("", NOWHERE, "unknown-task", task=shown(text), suggest=did_you_mean(key, cat.items)))
    return cat.items[key]


def action(cat: Catalog, number: int | None) -> int | None:
    """An action's number, when the list has that action."""
    if number is not None and number not in cat.actions:
        raise refused(problem("", NOWHERE, "unknown-action", n=str(number), max=str(len(cat.actions))))
    return number
