"""The listings: the task list, the units, one task in full, a unit's own view, what is overdue or due soon."""

from __future__ import annotations

import datetime as dt

from tracker.actions import lookup
from tracker.actions.scope import Scope, catalog, pairs
from tracker.core.i18n import Lang
from tracker.views.documents import Listing, Shown


def tasks(scope: Scope, lang: Lang, *, action: int | None = None, unit: str | None = None,
          goals: bool = False) -> Listing:
    """The tasks (and with ``goals`` the goals), of one action, or those a unit reports on or is named in; the
    items carried over from last year apart (they belong to no action of this year's)."""
    from tracker.core.i18n import label
    from tracker.views.tables import tasks_table

    cat = catalog(scope)
    lookup.action(cat, action)
    items = [i for i in cat.items.values() if i.kind == "task" or goals and i.kind != "carried"]
    carried = [i for i in cat.carried() if action is None]  # last year's items belong to none of this year's actions
    if action is not None:
        items = [i for i in items if i.action == action]
    if unit is not None:
        uid = lookup.unit_id(cat, unit)
        items = [i for i in items if uid in cat.reporters(i) or uid in i.units + i.groups]
        carried = [i for i in carried if uid in cat.reporters(i) or uid in i.units + i.groups]
    apart = tasks_table(cat, carried, lang)._replace(title=label("view.carried", lang)) if carried else None
    return Listing(tasks_table(cat, items, lang), apart=apart)


def units(scope: Scope, lang: Lang) -> Listing:
    from tracker.views.tables import units_table

    return Listing(units_table(catalog(scope), lang))


def show(scope: Scope, lang: Lang, task: str, day: dt.date, *, allow_errors: bool = False) -> Shown:
    """One item's text and details, and each expected unit's state as of ``day``, in the list's order; for an
    item carried over from last year, its units' record in last year's folder as of the day it was carried."""
    from tracker.views.tables import item_record, pair_record, show_lines, show_units_table

    cat = catalog(scope)
    item = lookup.item(cat, task)
    order = {u: n for n, u in enumerate(cat.reporters(item))}
    loaded = pairs(scope, cat, day, allow_errors=allow_errors)
    states = sorted((p for p in loaded.pairs if p.item == item.id), key=lambda p: order[p.unit])
    errors = loaded.units_with_errors
    record = {**item_record(cat, item), "states": [{**pair_record(p), "errors": errors.get(p.unit, 0)} for p in states]}
    history = None
    if item.origin is not None:  # carried over: its link followed to last year's folder
        from tracker.actions.lists import history as last_year
        from tracker.core.i18n import label

        before = last_year(scope, item)
        record["history"] = None if before is None else [pair_record(p) for p in before.pairs]
        if before is not None:
            history = show_units_table(before.catalog, list(before.pairs), lang)._replace(
                title=label("origin.history", lang).format(folder=before.folder))
    return Shown(show_lines(cat, item, lang), show_units_table(cat, states, lang, errors), record, history)


def status(scope: Scope, lang: Lang, day: dt.date, *, unit: str | None = None, allow_errors: bool = False) -> Listing:
    """Each pair's latest status, next date and warning (a unit's own, with ``unit``), with the colours' legend:
    under a heading naming the unit and the date, its figures counted as the report counts them, and, for the
    text formats, one part per unit that does not repeat the unit's name on every row."""
    from tracker.views.palette import legend
    from tracker.views.report import status_parts

    cat = catalog(scope)
    uid = lookup.unit_id(cat, unit) if unit is not None else None
    loaded = pairs(scope, cat, day, uid, allow_errors=allow_errors)
    table, heading, lines, parts = status_parts(cat, loaded.pairs, day, lang, uid, loaded.units_with_errors)
    return Listing(table, legend(cat.thresholds, lang), heading=heading, lines=lines, parts=parts)


def overdue(scope: Scope, lang: Lang, day: dt.date, within: int, *, unit: str | None = None,
            allow_errors: bool = False) -> Listing:
    """Every finding as of ``day`` by kind (逾期未完成, 漏报, 节点滞后, 逾期完成: ``compute.kinds``), and what falls due
    within ``within`` days."""
    from tracker.views.findings import overdue_parts
    from tracker.views.palette import legend

    cat = catalog(scope)
    uid = lookup.unit_id(cat, unit) if unit is not None else None
    loaded = pairs(scope, cat, day, uid, allow_errors=allow_errors)
    table, heading, lines, parts = overdue_parts(cat, loaded.pairs, day, within, lang, loaded.units_with_errors)
    colours = [row for row in legend(cat.thresholds, lang) if row[0] in ("red", "blue")]  # the colours it uses
    return Listing(table, colours, heading=heading, lines=lines, parts=parts)
