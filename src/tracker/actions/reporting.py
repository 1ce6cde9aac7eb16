"""The office's report and the assessment: figures as of a date, compared with an earlier one, with the trend
of the completion rate, with the lower levels rolled up."""

from __future__ import annotations

import datetime as dt

from tracker.actions import lookup
from tracker.actions.scope import Scope, catalog, pairs
from tracker.compute.report import Report
from tracker.core.model import Catalog
from tracker.views.documents import Published, Scored


def report_at(scope: Scope, cat: Catalog, day: dt.date, *, since: dt.date | None = None, unit: str | None = None,
              action: int | None = None, trend: bool = False, allow_errors: bool = False) -> Report:
    """The report as of ``day``; with ``since``, what changed since that earlier date (newly done, rates,
    newly overdue or red); with ``trend``, the completion rate at each month end of the plan up to ``day``.
    One reading of the files for every date: every unit's, also for one ``unit``'s rows, whose rank is its
    place among all."""
    from tracker.compute.report import build_report, compare, month_ends

    ends = month_ends(cat.plan.start, min(day, cat.plan.end)) if trend else []
    loaded = pairs(scope, cat, day, allow_errors=allow_errors, also=(*([since] if since else []), *ends))
    states = loaded.states
    data = build_report(cat, states[0], day, unit=unit, action=action, errors=loaded.units_with_errors)
    if since is not None:
        data = data._replace(changes=compare(cat, data, build_report(cat, states[1], since, unit=unit,
                                                                     action=action)))
    if ends:
        rates = [build_report(cat, s, d, unit=unit, action=action).overall.rate
                 for d, s in zip(ends, states[-len(ends):], strict=True)]
        data = data._replace(trend=tuple(zip(ends, rates, strict=True)))
    return data


def report(scope: Scope, day: dt.date, *, by: str = "unit", since: dt.date | None = None, unit: str | None = None,
           action: int | None = None, trend: bool = False, levels: bool = False,
           allow_errors: bool = False) -> Published:
    """The report as of ``day`` (only ``unit``'s or ``action``'s rows when given), shown by ``by``; with
    ``levels``, every lower level of levels.yaml rolled up at its locked commit."""
    cat = catalog(scope)
    lookup.action(cat, action)
    uid = lookup.unit_id(cat, unit) if unit is not None else None
    data = report_at(scope, cat, day, since=since, unit=uid, action=action, trend=trend, allow_errors=allow_errors)
    if not levels:
        return Published(cat, data, by)
    from tracker.actions.levels import rollup

    return Published(cat, data, by, rollup(scope, cat, data))


def scores(scope: Scope, day: dt.date, *, allow_errors: bool = False) -> Scored:
    """Each unit's score as of ``day`` by the rule of tasks.yaml's scoring: section, ranked, with every
    point's breakdown."""
    from tracker.compute.scoring import scores as scored

    cat = catalog(scope)
    data = report_at(scope, cat, day, allow_errors=allow_errors)
    return Scored(cat, data, scored(cat, data))
