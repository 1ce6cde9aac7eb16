"""Whose a return is: the unit its hidden metadata names and its visible title shows, taken in only by that
unit's maintainers or the office's (when units.yaml names any)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.conftest import SHIPPED
from tracker.check.sheet import check_sheet
from tracker.core.i18n import Lang, label
from tracker.core.problems import Pos
from tracker.load.catalog import load_catalog
from tracker.load.form import FORM, VERSION
from tracker.load.sheet import RawCell, RawRow, RawSheet

DIGEST = "0123456789abcdef"
OFFICE = ("办公室", "office@example.org")
ZHANG = ("张三", "zs@example.org")
LI = ("李四", "ls@example.org")


def catalog(maintainers: dict[str, tuple[str, ...]] | None = None) -> Any:
    cat = load_catalog(SHIPPED / "tasks.yaml", SHIPPED / "units.yaml").catalog
    assert cat is not None
    for unit, who in (maintainers or {}).items():
        cat.units[unit] = cat.units[unit]._replace(maintainers=who)
    return cat


def sheet(cat: Any, unit: str = "emergency", title: str | None = None, text: str | None = None) -> RawSheet:
    """A return of ``unit`` with task 15 filled in (its 任务内容 the list's unless ``text``)."""
    meta = {"form": FORM, "version": str(VERSION), "unit": unit, "list_hash": DIGEST, "as_of": "2025-09-30"}
    cells = {"id": "15", "text": cat.items["15"].text if text is None else text, "status": "推进中", "percent": 30,
             "value": None, "note": "", "evidence": "", "date": "2025-09-01"}
    row = RawRow(4, {k: RawCell(v, Pos(4, n)) for n, (k, v) in enumerate(cells.items(), 1)})
    shown = label("form.title", Lang.ZH).format(unit=cat.units[unit].short) if title is None else title
    return RawSheet("r.xlsx", "r.xlsx:填报表", meta, [row], [], shown)


def check(cat: Any, raw: RawSheet, importer: tuple[str, str] = ("", ""), unit: str | None = None) -> Any:
    return check_sheet(cat, raw, DIGEST, unit, dt.date(2025, 10, 1), "张三", Lang.ZH, importer)


def codes(checked: Any) -> list[str]:
    return [p.code for p in checked.problems]


def test_a_return_of_its_title_and_meta_is_taken_in() -> None:
    cat = catalog()
    checked = check(cat, sheet(cat))
    assert codes(checked) == [] and checked.unit == "emergency" and len(checked.batch) == 1


@pytest.mark.parametrize("title", [
    "Progress return of 市应急局: key work-safety tasks",  # made with --lang en
    " 安全生产治本攻坚三年行动重点工作进度填报表\n（市应急局） ",  # a line break Excel kept, spaces typed
])
def test_the_title_is_read_in_either_language_white_space_aside(title: str) -> None:
    cat = catalog()
    assert codes(check(cat, sheet(cat, title=title))) == []


@pytest.mark.parametrize("title", ["安全生产治本攻坚三年行动重点工作进度填报表（市消防救援局）", "", "填报表"])
def test_a_title_that_does_not_name_the_meta_unit_is_refused(title: str) -> None:
    cat = catalog()
    checked = check(cat, sheet(cat, title=title))
    assert codes(checked) == ["import-title-unit"] and checked.batch == [] and checked.unit is None


def test_a_row_whose_text_is_another_tasks_is_refused() -> None:
    cat = catalog()
    checked = check(cat, sheet(cat, text=cat.items["16"].text))
    assert codes(checked) == ["import-task-text"] and checked.batch == []
    assert (checked.problems[0].line, checked.problems[0].col) == (4, 1)  # at the 编号
    spaced = cat.items["15"].text.replace("，", "，\n ")
    assert codes(check(cat, sheet(cat, text=spaced))) == []


@pytest.mark.parametrize(("importer", "unit", "taken"), [
    (OFFICE, "emergency", True),
    (OFFICE, "fire-rescue", True),  # the office takes in every unit's return
    (ZHANG, "emergency", True),
    (ZHANG, "fire-rescue", False),
    (LI, "emergency", False),
    (("", ""), "emergency", False),  # no git identity at all
    (("张三", "other@example.org"), "emergency", False),  # the email is what counts when the entry has one
])
def test_the_importer_must_maintain_the_unit_or_the_office(importer: tuple[str, str], unit: str,
                                                           taken: bool) -> None:
    cat = catalog({"safety-office": ("办公室 <office@example.org>",), "emergency": ("张三 <zs@example.org>",),
                   "fire-rescue": ("李四 <ls@example.org>",)})
    checked = check(cat, sheet(cat, unit), importer)
    assert (codes(checked) == []) is taken
    if not taken:
        assert codes(checked) == ["import-not-maintainer"] and checked.batch == []
        words = checked.problems[0].message(Lang.ZH)
        assert cat.units[unit].short in words and "市安防办" in words


def test_with_no_maintainers_named_anyone_may_import_and_a_csv_is_bound_too() -> None:
    cat = catalog()
    assert codes(check(cat, sheet(cat), LI)) == []
    listed = catalog({"emergency": ("张三 <zs@example.org>",)})
    csv = sheet(listed)._replace(meta=None, title="")  # a CSV: no metadata, no title; --unit names the unit
    assert codes(check(listed, csv, LI, unit="emergency")) == ["import-not-maintainer"]
    assert codes(check(listed, csv, ZHANG, unit="emergency")) == []
