"""Units, items and actions as people name them, or refused with the closest names."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.actions.conftest import scope_of
from tracker.actions import lookup
from tracker.actions.scope import catalog
from tracker.core.i18n import Lang
from tracker.core.refusal import Refused


def test_a_unit_by_any_of_its_names(folder: Path) -> None:
    cat = catalog(scope_of(folder))
    assert {lookup.unit_id(cat, n) for n in ("市市场监督管理局", "market-regulation", "市市场监管局")} == \
        {"market-regulation"}
    with pytest.raises(Refused) as exc:
        lookup.unit_id(cat, "市应急")
    [p] = exc.value.problems
    assert p.code == "no-such-unit" and "市应急局" in p.hint() and p.message(Lang.EN) == 'unknown unit "市应急"'


def test_an_item_as_typed_or_the_closest_ids(folder: Path) -> None:
    cat = catalog(scope_of(folder))
    assert lookup.item(cat, "#015").id == "15" and lookup.item(cat, "g2").id == "G2"
    with pytest.raises(Refused) as exc:
        lookup.item(cat, "61")
    [p] = exc.value.problems
    assert p.code == "unknown-task" and p.message() == 'tasks.yaml 中没有任务 "61"'  # validate's words


def test_an_action_the_list_lacks_is_refused_with_the_range(folder: Path) -> None:
    cat = catalog(scope_of(folder))
    assert lookup.action(cat, 10) == 10 and lookup.action(cat, None) is None
    with pytest.raises(Refused) as exc:
        lookup.action(cat, 11)
    assert exc.value.problems[0].hint() == "行动编号为 1–10"
