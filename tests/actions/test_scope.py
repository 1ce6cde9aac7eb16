"""The task list and the pairs' states an action reads: refused, never given short, when files have errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.actions.conftest import DAY, Said, scope_of
from tracker.actions.scope import append, catalog, pairs, who
from tracker.core.i18n import Lang
from tracker.core.refusal import Refused


def test_a_task_list_with_errors_is_refused_with_them_all(mini: Path) -> None:
    (mini / "units.yaml").write_text("units:\n  - id: x\n", encoding="utf-8")
    with pytest.raises(Refused) as exc:
        catalog(scope_of(mini))
    assert exc.value.shown == "listing" and exc.value.msg is not None
    codes = {p.code for p in exc.value.problems}
    assert "missing-field" in codes and all(p.level == "error" for p in exc.value.problems)


def test_figures_from_files_with_errors_are_refused_unless_allowed_and_then_said(mini: Path, said: Said) -> None:
    with (mini / "progress" / "a.yaml").open("a", encoding="utf-8") as f:
        f.write('- {"id": "bad", "type": "progress", "task": 2}\n')
    scope = scope_of(mini, said)
    cat = catalog(scope)
    with pytest.raises(Refused) as exc:
        pairs(scope, cat, DAY)
    [p] = exc.value.problems
    assert p.code == "progress-errors" and "progress/a.yaml" in p.message(Lang.EN)
    assert said == []
    loaded = pairs(scope, cat, DAY, allow_errors=True)
    assert loaded.units_with_errors == {"a": 2}  # no date, no status
    assert len(said) == 1 and "progress/a.yaml" in said.texts()[0] and "--allow-errors" in said.texts()[0]


def test_a_record_without_its_maker_is_made_by_who_is_at_the_keyboard(mini: Path) -> None:
    scope = scope_of(mini)
    cat = catalog(scope)
    values = {"type": "progress", "date": "2025-10-12", "task": 7, "status": "in-progress", "percent": 99}
    written = append(scope, cat, "a", [values]).written[0]
    assert written.record.by == who(scope, None) != ""
    assert append(scope, cat, "a", [{**values, "by": "甲"}]).written[0].record.by == "甲"
