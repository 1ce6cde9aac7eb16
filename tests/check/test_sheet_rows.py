"""Checking a filled return's rows: whose it is, whether it was made from today's list, and each row by the rules of
``tracker record``, every problem at its cell; each row carries a fingerprint so importing it twice adds
nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.check.test_records import CAT, TODAY
from tracker.check.sheet import check_sheet
from tracker.core.i18n import Lang, label
from tracker.core.problems import Pos
from tracker.load.form import COLUMNS, FORM
from tracker.load.sheet import RawCell, RawRow, RawSheet

DIGEST = "0123456789abcdef"
META = {"form": FORM, "version": "1", "unit": "emergency", "list_hash": DIGEST, "as_of": "2025-10-01"}


def row(n: int, **given: Any) -> RawRow:
    cells = {}
    for c, key in enumerate(COLUMNS, 1):
        value = given.get(key)
        cell = value if isinstance(value, RawCell) else RawCell(value, Pos(n, c))
        cells[key] = cell._replace(pos=Pos(n, c))
    if cells["text"].value is None and cells["id"].value in CAT.items:  # the list's own wording, as a form holds it
        cells["text"] = cells["text"]._replace(value=CAT.items[str(cells["id"].value)].text)
    return RawRow(n, cells)


def sheet(*rows: RawRow, meta: dict[str, str] | None = META) -> RawSheet:
    unit = CAT.units.get((meta or {}).get("unit", ""))
    title = label("form.title", Lang.ZH).format(unit=unit.short) if unit is not None else ""
    return RawSheet("r.xlsx", "r.xlsx:填报", meta, list(rows), [], title if meta is not None else "")


def checked(*rows: RawRow, meta: dict[str, str] | None = META, unit: str | None = None) -> Any:
    return check_sheet(CAT, sheet(*rows, meta=meta), DIGEST, unit, TODAY, "张三", Lang.ZH, ("张三", "zs@example.org"))


def where(result: Any) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.code) for p in result.problems]


def test_a_filled_row_becomes_a_record_with_its_fingerprint() -> None:
    result = checked(row(4, id="15", status="推进中", percent=RawCell(0.8, Pos(0, 0), percent_format=True),
                         note="已部署", evidence="a.pdf；b.pdf", date=RawCell(45930, Pos(0, 0), date_format=True)))
    assert result.unit == "emergency" and result.problems == []
    [values] = result.batch
    assert (values["task"], values["status"], values["percent"], values["date"]) == (15, "in-progress", 80,
                                                                                      "2025-09-30")
    assert values["evidence"] == ["a.pdf", "b.pdf"] and values["by"] == "张三"
    again = checked(row(9, id="15", status="推进中", percent=RawCell(0.8, Pos(0, 0), percent_format=True),
                        note="已部署", evidence="a.pdf；b.pdf", date="2025-09-30"))
    assert again.batch[0]["source"] == values["source"]  # the same row, wherever it stands: the same fingerprint
    other = checked(row(4, id="15", status="推进中", percent=80, note="已部署"), meta={**META, "as_of": "2025-11-01"})
    undated = checked(row(4, id="15", status="推进中", percent=80, note="已部署"))
    assert other.batch[0]["source"] != undated.batch[0]["source"]  # undated: next month's return is a new report


def test_every_bad_cell_is_named_where_it_stands() -> None:
    result = checked(row(4, id="99", status="推进中", percent=10),
                     row(5, id="15", status="差不多"),
                     row(6, id="15", status="推进中", percent="八十"),
                     row(7, id="15", status="推进中", percent=RawCell(None, Pos(0, 0), formula="=1/0")),
                     row(8, id="15", note="只写了说明"),
                     row(9, id="15", status="推进中", percent=40, date="下周"),
                     row(10, id="19", status="推进中", percent=40))  # a task the unit does not report on
    assert where(result) == [(4, 1, "import-unknown-task"), (5, 9, "import-bad-status"), (6, 10, "import-bad-number"),
                             (7, 10, "import-formula"), (8, 9, "import-no-status"), (9, 14, "import-bad-date"),
                             (10, 1, "not-responsible")]
    assert result.batch == []


def test_the_rules_judge_the_row_as_a_record() -> None:
    result = checked(row(4, id="15", status="已完成", percent=90), row(5, id="15", status="受阻", percent=30))
    assert where(result) == [(4, 10, "done-below-100"), (5, 12, "blocked-without-note")]


def test_whose_return_it_is_and_from_which_list() -> None:
    def codes(meta: dict[str, str] | None, unit: str | None = None) -> list[str]:
        return [p.code for p in checked(row(4, id="15", status="推进中", percent=10), meta=meta, unit=unit).problems]

    assert codes(None) == ["import-csv-unit"] and codes(None, "emergency") == []
    assert codes({**META, "form": "x"}) == ["import-bad-meta"]
    assert codes({**META, "version": "v2"}) == ["import-bad-meta"]
    assert codes({**META, "version": "2"}) == ["import-new-version"]
    assert codes({**META, "unit": "nobody"}) == ["import-unknown-unit"]
    assert codes(META, "fire-rescue") == ["import-wrong-unit"]
    assert codes({**META, "list_hash": "old"}) == ["import-old-list"]
    broken = RawSheet("r.xlsx", "r.xlsx", None, [], checked(row(4), meta={**META, "form": "x"}).problems)
    assert check_sheet(CAT, broken, DIGEST, None, TODAY, "x", Lang.ZH, ("x", "")).problems == broken.problems


def test_a_date_may_be_written_as_people_write_it() -> None:
    for written in ("2025/9/30", "2025.9.30", "2025年9月30日", dt.datetime(2025, 9, 30, 8, 0), 45930.0):
        [values] = checked(row(4, id="15", status="推进中", percent=10, date=written)).batch
        assert values["date"] == "2025-09-30", written
