"""A rule made up for ``test_registry``, added the way the README says any rule is: this module, and one row
naming it in ``check.registry.RULES`` (the test adds the row, with a code registered for the test)."""

from __future__ import annotations

from tracker.check.context import FileCheck
from tracker.core.problems import Pos

CODE = "throwaway-half-way"


def check(f: FileCheck) -> None:
    """Every entry at exactly 50 percent, said once per entry."""
    for e in f.progress.entries:
        if e.percent == 50:
            f.out.warn(Pos(e.line, 3), CODE, task=e.task)
