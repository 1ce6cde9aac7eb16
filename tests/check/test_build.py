"""New records are built from their schema: only the fields their type has, checked by the file's rules."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import SHIPPED
from tracker.check.build import progress, record, task_ref
from tracker.check.records import check_record, new_record
from tracker.core.model import Catalog, Status
from tracker.core.problems import Collector
from tracker.load.catalog import load_catalog
from tracker.load.inputs import BadInput
from tracker.load.progress import record_line


@pytest.fixture(scope="module")
def cat() -> Catalog:
    loaded = load_catalog(SHIPPED / "tasks.yaml", SHIPPED / "units.yaml").catalog
    assert loaded is not None
    return loaded


def test_a_record_has_only_the_fields_of_its_type() -> None:
    built = record("verify", date="2025-09-01", task=15, note="", by=None)
    assert built == {"type": "verify", "date": "2025-09-01", "task": 15, "note": ""}
    with pytest.raises(ValueError, match="unknown fields \\['until'\\]"):
        record("verify", date="2025-09-01", task=15, until="2025-12-31")
    with pytest.raises(ValueError, match="missing \\['withdraws'\\]"):
        record("withdraw", date="2025-09-01", note="x")


def test_a_built_record_passes_the_rules_a_file_s_record_meets(cat: Catalog) -> None:
    day = dt.date(2025, 9, 1)
    values = record("milestone", date=day.isoformat(), task=task_ref(cat.items["15"]), due="2025-10-01",
                    milestone="过半", percent=50, replaces=None, by="张三")
    out = Collector("progress/emergency.yaml")
    checked = check_record(cat, "emergency", new_record({"id": "m1", **values}), day, out)
    assert checked is not None and out.problems == []
    assert record_line(values) == ('- {"type": "milestone", "date": "2025-09-01", "task": 15, "percent": 50, "due": '
                                   '"2025-10-01", "milestone": "过半", "by": "张三"}\n')


def test_progress_reads_what_was_typed_and_says_what_it_read_differently(cat: Catalog) -> None:
    values, notices = progress(cat.items["G2"], Status.IN_PROGRESS, "８０％", "９６.５", None, [], dt.date(2025, 9, 1),
                               "")
    assert (values["task"], values["percent"], values["value"]) == ("G2", 80, 96.5) and "by" not in values
    assert [n.key for n in notices] == ["input.read-as", "input.read-as"]
    done, said = progress(cat.items["15"], Status.DONE, None, None, "完成", ["a.pdf"], dt.date(2025, 9, 1), "x")
    assert (done["percent"], done["evidence"], done["by"], said) == (100, ["a.pdf"], "x", [])
    with pytest.raises(BadInput):
        progress(cat.items["15"], Status.IN_PROGRESS, "很多", None, None, [], dt.date(2025, 9, 1), None)
