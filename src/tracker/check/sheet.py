"""Checking a filled return: whose it is, whether it was made from today's task list, and each row by the
same rules as ``tracker record`` (``inputs`` reads what was typed, ``rules.check_record`` judges it), every
problem filed at its cell. Problems are values; nothing is written here.

A return is bound to its unit and its form. Its unit is the one its hidden ``_meta`` names and its visible
title shows, and both must agree (and agree with ``--unit``); the importer must be one of that unit's
maintainers or the office's, when units.yaml names any (git identities, as ``check-authors`` reads them;
the office may import for every unit). Each row's 编号 and 任务内容 must be one item of the list, so a locked
编号 typed over cannot move a row to another task.

Each row gets a fingerprint (``source``) from its unit, task and what it says, so the store can skip rows it
already holds: importing the same sheet again adds nothing, while a row changed since is a new record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any, NamedTuple

from tracker.check.authors import identity_matches
from tracker.check.build import progress
from tracker.check.records import check_record
from tracker.core.escape import xlsx_text
from tracker.core.i18n import Lang, both, label
from tracker.core.model import Catalog, Status
from tracker.core.problems import Collector, Pos, Problem, shown
from tracker.load.form import FORM, INPUTS, STATUS_CHOICES, VERSION
from tracker.load.inputs import BadInput, date, number, status
from tracker.load.progress import RawRecord
from tracker.load.sheet import NO_POS, RawCell, RawRow, RawSheet

_EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's (and WPS's, LibreOffice's) 1900 date system
_SPLIT = re.compile(r"[;；\n\r]+")
_FIELD = {"id": "task", "status": "status", "percent": "percent", "value": "value", "note": "note",
          "evidence": "evidence", "date": "date"}


class CheckedSheet(NamedTuple):
    """A return's unit and its rows as records ready to append, or the problems that stop it."""

    unit: str | None
    batch: list[dict[str, object]]
    problems: list[Problem]


def check_sheet(cat: Catalog, sheet: RawSheet, digest: str, unit: str | None, today: dt.date, by: str,
                lang: Lang, importer: tuple[str, str]) -> CheckedSheet:
    """``digest`` is the current task list's hash; ``unit`` the one asked for on the command line (needed for
    a CSV, which carries no metadata; for a workbook it must match the workbook's own); ``importer`` the git
    identity (name, email) taking the return in; ``by`` the name its records carry."""
    if sheet.problems:
        return CheckedSheet(None, [], sheet.problems)
    whole = Collector(sheet.file)
    owner = _owner(cat, sheet, digest, unit, whole)
    if owner is not None and not _may_import(cat, owner, importer, whole):
        owner = None
    if owner is None:
        return CheckedSheet(None, [], whole.problems)
    out = Collector(sheet.where)
    batch = [values for row in sheet.rows
             if (values := _row(cat, owner, row, today, by, out, lang, _made(sheet.meta))) is not None]
    return CheckedSheet(owner, batch, out.problems)


def _owner(cat: Catalog, sheet: RawSheet, digest: str, unit: str | None, out: Collector) -> str | None:
    """The unit the rows belong to, or None with the reason filed."""
    meta = sheet.meta
    if meta is None:
        if unit is None:
            out.add(NO_POS, "import-csv-unit")
        return unit
    if meta.get("form") != FORM:
        out.add(NO_POS, "import-bad-meta", what=f"form={shown(meta.get('form'))}")
        return None
    try:
        version = int(meta.get("version", ""))
    except ValueError:
        out.add(NO_POS, "import-bad-meta", what=f"version={shown(meta.get('version'))}")
        return None
    if version > VERSION:
        out.add(NO_POS, "import-new-version", found=str(version), known=str(VERSION))
        return None
    owner = meta.get("unit", "")
    if owner not in cat.units:
        out.add(NO_POS, "import-unknown-unit", unit=shown(owner))
        return None
    titles = {_plain(label("form.title", lang).format(unit=cat.units[owner].short)) for lang in Lang}
    if _plain(sheet.title) not in titles:
        out.add(NO_POS, "import-title-unit", title=shown(sheet.title), unit=cat.units[owner].short)
        return None
    if unit is not None and unit != owner:
        out.add(NO_POS, "import-wrong-unit", found=cat.units[owner].short, wanted=cat.units[unit].short)
        return None
    if meta.get("list_hash") != digest:
        out.add(NO_POS, "import-old-list", found=meta.get("list_hash") or "?", current=digest)
        return None
    return owner


def _may_import(cat: Catalog, unit: str, importer: tuple[str, str], out: Collector) -> bool:
    """Whether the importer may take in the unit's return: one of its maintainers or the office's. When
    units.yaml names neither, there is no one to compare with (``check-authors`` is then the only guard)."""
    office = cat.units.get(cat.plan.office)
    listed = (*(office.maintainers if office else ()), *cat.units[unit].maintainers)
    if not listed or any(identity_matches(*importer, m) for m in listed):
        return True
    name, email = importer
    out.add(NO_POS, "import-not-maintainer", who=f"{name or '?'} <{email or '?'}>", unit=cat.units[unit].short,
            office=office.short if office else "—", maintainers="、".join(listed))
    return False


def _plain(text: str) -> str:
    """Text as compared with the list: without any white space (a line break Excel added, a space typed)."""
    return "".join(text.split())


def _text(cell: RawCell | None) -> str:
    if cell is None or cell.value is None:
        return ""
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _number_text(cell: RawCell) -> str:
    """A numeric cell as the text ``inputs.number`` reads; a cell shown as a percent holds 0.8 for 80%."""
    value = cell.value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        if cell.percent_format:
            value = round(value * 100, 9)
        return repr(int(value)) if float(value).is_integer() else repr(float(value))
    return _text(cell)


def _date(cell: RawCell) -> dt.date | None:
    """A date typed as text (2025-09-30, 2025/9/30, 2025.9.30, 2025年9月30日) or stored as an Excel date."""
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # an Excel serial day, shown as a date or not
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        return None
    try:
        return date(_text(cell))
    except BadInput:
        return None


def _row(cat: Catalog, unit: str, row: RawRow, today: dt.date, by: str, out: Collector,
         lang: Lang, made: str = "") -> dict[str, object] | None:
    """One filled row as a checked progress record (with its fingerprint), or None with problems filed."""
    cells = row.cells
    before = len(out.problems)

    def bad(key: str, code: str, **args: str | tuple[str, str]) -> None:
        out.add(cells[key].pos, code, **args)

    for key in ("id", *INPUTS):
        cell = cells[key]
        if cell.formula and cell.value is None:
            bad(key, "import-formula", formula=cell.formula)
    task = _text(cells["id"]).upper()
    item = cat.items.get(task)
    if item is None:
        bad("id", "import-unknown-task", task=shown(task))
    elif _plain(_text(cells["text"])) not in (_plain(item.text), _plain(xlsx_text(item.text))):
        bad("id", "import-task-text", task=shown(task))
    st: Status | None = None
    word = _text(cells["status"])
    if not word:
        bad("status", "import-no-status")
    else:
        try:
            st = status(word)
        except BadInput:
            bad("status", "import-bad-status", text=shown(word), choices="、".join(STATUS_CHOICES))
    numbers: dict[str, str | None] = {}
    for key in ("percent", "value"):
        text = _number_text(cells[key])
        numbers[key] = text or None
        if text:
            try:
                number(text, key)
            except BadInput:
                # a stand-in, so the rules can still judge the rest of the row (its own cell is flagged)
                numbers[key] = "0" if key == "percent" else None
                bad(key, "import-bad-number", column=both(f"form.col.{key}"), text=shown(text))
    day = today
    if _text(cells["date"]):
        parsed = _date(cells["date"])
        if parsed is None:
            bad("date", "import-bad-date", text=shown(_text(cells["date"])))
        else:
            day = parsed
    if item is None or st is None:
        return None
    flagged = {p[1:3] for p in out.problems[before:]}  # cells already found bad: the rules need not repeat it
    note = _text(cells["note"])
    evidence = [e.strip() for e in _SPLIT.split(_text(cells["evidence"])) if e.strip()]
    values, _ = progress(item, st, numbers["percent"], numbers["value"], note, evidence, day, by)
    values["source"] = _fingerprint(unit, values, _text(cells["date"]) != "", made)
    positions = {field: cells[key].pos for key, field in _FIELD.items()}
    record = RawRecord({"id": "import", **values}, Pos(row.row, cells["id"].pos.col), value_pos=positions)
    rules = Collector(out.path)
    checked = check_record(cat, unit, record, today, rules, quick=False)
    out.problems += [p for p in rules.problems if p[1:3] not in flagged]
    return None if checked is None or flagged else values


def _made(meta: dict[str, str] | None) -> str:
    """Which return a row came from: the date its form was made for (a CSV has none)."""
    return "" if meta is None else meta.get("as_of", "")


def _fingerprint(unit: str, values: dict[str, Any], dated: bool, made: str) -> str:
    """What a row says, hashed: the same row imported again has the same one. A row without a date counts by
    its content and the return it came from (the as-of date its form was made for): imported again the next
    day it is not new, while the same words in next month's return are a new report."""
    said = [unit, values["task"], values["status"], values.get("percent"), values.get("value"),
            values.get("note", ""), values.get("evidence", []), values["date"] if dated else "", made]
    digest = hashlib.sha256(json.dumps(said, ensure_ascii=False).encode("utf-8")).hexdigest()
    return f"sheet:{digest[:16]}"
