"""Cross-checks: references, and the published list's own slips surfaced as warnings."""

from __future__ import annotations

from tests.load.test_catalog import TASKS, UNITS, line_of
from tracker.check.catalog import check_catalog
from tracker.load.catalog import load_catalog_bytes


def check(tasks: str = TASKS, units: str = UNITS) -> list[tuple[str, int, int, str, str]]:
    loaded = load_catalog_bytes(tasks.encode(), "tasks.yaml", units.encode(), "units.yaml")
    assert loaded.catalog is not None
    return [(p.path, p.line, p.col, p.level, p.code)
            for p in check_catalog(loaded.catalog, "tasks.yaml", "units.yaml")]


def test_shipped_data_has_only_the_known_warnings() -> None:
    found = check()
    assert {p[3] for p in found} == {"warning"}
    assert sorted({p[4] for p in found}) == ["ambiguous-unit", "duplicate-text", "duplicate-title"]
    assert ("tasks.yaml", line_of(TASKS, "- id: 27"), 13, "warning", "duplicate-text") in found
    assert ("tasks.yaml", line_of(TASKS, "numeral: 九") - 1, 5, "warning", "duplicate-title") in found
    assert any(p[4] == "ambiguous-unit" and p[0] == "units.yaml" for p in found)


def test_unknown_unit_reference_points_at_the_word() -> None:
    text = TASKS.replace("units: [agriculture, transport]", "units: [agriculture, transprot]")
    found = check(tasks=text)
    assert ("tasks.yaml", line_of(text, "transprot"), 34, "error", "unknown-unit") in found


def test_group_in_units_list_is_flagged() -> None:
    text = TASKS.replace("units: [agriculture, transport]", "units: [agriculture, districts]")
    found = check(tasks=text)
    assert any(p[4] == "wrong-list" for p in found)


def test_reference_not_named_by_published_text_is_flagged() -> None:
    text = TASKS.replace("units: [agriculture, transport]", "units: [agriculture, emergency]")
    found = check(tasks=text)
    assert ("tasks.yaml", line_of(text, "units: [agriculture, emergency]"), 34, "warning", "not-in-text") in found


def test_same_name_for_two_units_is_an_error() -> None:
    text = UNITS.replace("    short: 市文旅局", "    short: 市经信局")
    found = check(units=text)
    assert any(p[4] == "ambiguous-name" and p[3] == "error" for p in found)


def test_a_deadline_out_of_the_period_is_named_in_the_reader_s_language() -> None:
    from tracker.core.i18n import Lang

    text = TASKS.replace("deadline: 2026-12-31\n            notes:", "deadline: 2027-03-31\n            notes:")
    loaded = load_catalog_bytes(text.encode(), "tasks.yaml", UNITS.encode(), "units.yaml")
    assert loaded.catalog is not None
    [p] = [p for p in check_catalog(loaded.catalog, "tasks.yaml", "units.yaml") if p.code == "out-of-period"]
    assert p.message(Lang.ZH).startswith("完成时限（任务44） 2027-03-31") and "deadline" not in p.message(Lang.ZH)
    assert p.message(Lang.EN).startswith("deadline (task 44) 2027-03-31")
