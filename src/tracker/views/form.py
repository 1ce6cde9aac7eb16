"""A unit's return form (填报表) filled with its items: the rows and words a renderer needs, laid out by the
form's definition (``load.form``). Rows come from report data (each pair's state as of a date); nothing is
recomputed here.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from tracker.compute.state import PairState
from tracker.core.i18n import Lang, label
from tracker.core.model import Catalog
from tracker.load.form import FORM, STATUS_CHOICES, VERSION, headers
from tracker.views.tables import cadence_text, target_text


class FormRow(NamedTuple):
    """One item of the unit: what it is, where it stands, and whether it takes a value."""

    cells: tuple[str | float | None, ...]  # the read-only columns, in READ_ONLY order
    has_target: bool


class Form(NamedTuple):
    """Everything a renderer needs for one unit's workbook."""

    unit: str
    title: str
    subtitle: str
    sheet: str
    headers: tuple[str, ...]
    rows: tuple[FormRow, ...]
    meta: tuple[tuple[str, str], ...]
    instructions_title: str
    instructions: tuple[str, ...]
    as_of: dt.date


def build_form(cat: Catalog, unit: str, pairs: list[PairState], as_of: dt.date, digest: str,
               lang: Lang) -> Form:
    """The form for ``unit`` from its pairs' states as of ``as_of`` (``pairs`` may hold other units')."""
    rows = []
    for p in pairs:
        if p.unit != unit:
            continue
        item = cat.items[p.item]
        latest = "" if p.latest is None else p.latest.date.isoformat()
        cells = (item.id, item.text, item.deadline.isoformat(), cadence_text(item.cadence, lang),
                 target_text(item.target), label(f"status.{p.status.value}", lang), p.percent, latest)
        rows.append(FormRow(cells, item.target is not None))
    u = cat.units[unit]
    meta = (("form", FORM), ("version", str(VERSION)), ("unit", unit), ("unit_name", u.name),
            ("list_hash", digest), ("as_of", as_of.isoformat()), ("sheet", label("form.sheet", lang)))
    return Form(unit, label("form.title", lang).format(unit=u.short),
                label("form.subtitle", lang).format(unit=u.name, date=as_of.isoformat(), n=len(rows)),
                label("form.sheet", lang), headers(lang), tuple(rows), meta, label("form.help.sheet", lang),
                tuple(label(f"form.help.{i}", lang).format(choices="、".join(STATUS_CHOICES))
                      for i in range(1, 9)),
                as_of)
