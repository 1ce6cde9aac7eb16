"""The return form (填报表) a unit fills in a spreadsheet: its columns, its metadata and its rows.

One definition serves both directions: ``tracker template`` renders it, ``tracker import`` reads it back by
the same column keys, so a column cannot be written under one name and looked for under another.
Rows come from report data (each pair's state as of a date); nothing is recomputed here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import NamedTuple

from tracker.compute.state import PairState
from tracker.core.i18n import Lang, label
from tracker.core.model import Catalog
from tracker.views.tables import cadence_text, target_text

FORM = "tracker-return"  # what the metadata's ``form`` says, so a stray workbook is told apart
VERSION = 1  # bump when the columns or the metadata change meaning

# Column keys in sheet order; each header is label(f"form.col.{key}").
READ_ONLY = ("id", "text", "deadline", "cadence", "target", "status_now", "percent_now", "latest")
INPUTS = ("status", "percent", "value", "note", "evidence", "date")
COLUMNS = READ_ONLY + INPUTS
STATUS_CHOICES = ("未启动", "推进中", "已完成", "受阻")  # the dropdown: the words units use

META_SHEET = "_meta"
HEADER_ROW = 3  # rows 1–2: title and the unit's line; data from row 4


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


def list_hash(tasks_yaml: bytes) -> str:
    """The task list's fingerprint: a sheet made from another version of tasks.yaml is refused, since its
    rows may name tasks whose wording, deadline or target changed. Line endings do not count."""
    return hashlib.sha256(tasks_yaml.replace(b"\r\n", b"\n")).hexdigest()[:16]


def headers(lang: Lang) -> tuple[str, ...]:
    return tuple(label(f"form.col.{key}", lang) for key in COLUMNS)


def header_keys() -> dict[str, str]:
    """Header text (either language, spaces ignored) -> column key, for reading a form back."""
    return {label(f"form.col.{key}", lang).replace(" ", "").lower(): key for key in COLUMNS for lang in Lang}


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
