"""Lower levels: a folder that declares none is refused where levels are needed, and returns its own figures
upward; levels.yaml's warnings are said, its errors refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.actions.conftest import DAY, Said, scope_of
from tracker.actions.levels import declared, status, upward
from tracker.core.i18n import Lang
from tracker.core.refusal import Refused


def test_no_levels_is_refused_where_they_are_needed_and_the_return_is_the_folder_s_own(mini: Path) -> None:
    with pytest.raises(Refused) as exc:
        status(scope_of(mini), Lang.ZH)
    assert exc.value.problems[0].code == "no-levels" and "levels.yaml" in exc.value.problems[0].message()
    doc = upward(scope_of(mini), Lang.EN, DAY)
    assert doc.wide and doc.stamp.date() == DAY and doc.notice.blocks


def test_levels_yaml_with_errors_is_refused_with_them_listed(mini: Path, said: Said) -> None:
    (mini / "levels.yaml").write_text("levels:\n  - name: a\n    source: x\n  - name: a\n    source: z\n",
                                      encoding="utf-8")
    with pytest.raises(Refused) as exc:
        declared(scope_of(mini, said), lock=False)
    assert exc.value.shown == "listing" and [p.code for p in exc.value.problems] == ["level-duplicate"]
