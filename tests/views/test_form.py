"""A unit's return form as data: its items' rows from the pairs' states, the headers in the reader's language
and the metadata that ties a filled form back to its unit and its list."""

from __future__ import annotations

import datetime as dt

from tests.compute.test_report import load
from tracker.compute.report import stream_pairs
from tracker.core.i18n import Lang
from tracker.load.form import COLUMNS, FORM, READ_ONLY
from tracker.views.form import build_form

AS_OF = dt.date(2025, 10, 15)


def test_the_form_holds_the_unit_s_items_as_they_stand() -> None:
    cat, progress = load()
    pairs = stream_pairs(cat, progress, AS_OF)
    form = build_form(cat, "b", pairs, AS_OF, "abc123", Lang.ZH)
    ids = [row.cells[0] for row in form.rows]
    assert ids == [p.item for p in pairs if p.unit == "b"] and "1" not in ids  # only b's items, in the list's order
    assert all(len(row.cells) == len(READ_ONLY) for row in form.rows)
    four = next(row for row in form.rows if row.cells[0] == "4")
    g1 = next(row for row in form.rows if row.cells[0] == "G1")
    six = next(row for row in form.rows if row.cells[0] == "6")
    assert four.has_target and g1.has_target and not six.has_target
    assert six.cells[5] == "未启动" and six.cells[6] == 0 and six.cells[7] == ""  # nothing reported yet
    assert dict(form.meta) == {"form": FORM, "version": "1", "unit": "b", "unit_name": cat.units["b"].name,
                               "list_hash": "abc123", "as_of": "2025-10-15", "sheet": form.sheet}
    assert len(form.headers) == len(COLUMNS) and form.headers[0] == "编号"
    assert str(len(form.rows)) in form.subtitle and len(form.instructions) == 8


def test_the_form_speaks_the_reader_s_language() -> None:
    cat, progress = load()
    pairs = stream_pairs(cat, progress, AS_OF)
    zh, en = (build_form(cat, "a", pairs, AS_OF, "x", lang) for lang in (Lang.ZH, Lang.EN))
    assert en.headers[0] == "ID" and en.sheet != zh.sheet and en.title != zh.title
    assert [r.cells[:3] for r in en.rows] == [r.cells[:3] for r in zh.rows]  # the data is the same
