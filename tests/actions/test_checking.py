"""validate: the folder's problems, the levels' files' too."""

from __future__ import annotations

from pathlib import Path

from tests.actions.conftest import scope_of
from tracker.actions.checking import validate


def test_validate_finds_the_levels_files_problems_with_the_rest(mini: Path) -> None:
    assert validate(scope_of(mini)).problems == []
    (mini / "levels.yaml").write_text("levels:\n  - name: a/b\n    source: x\n", encoding="utf-8")
    assert [p.code for p in validate(scope_of(mini)).problems] == ["level-bad-name"]
