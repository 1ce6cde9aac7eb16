"""Reminders and their register: one record per reminded unit, never twice for the same day and number."""

from __future__ import annotations

from pathlib import Path

from tests.actions.conftest import DAY, Said, scope_of
from tracker.actions.reminding import register, remind, safe_name
from tracker.core.i18n import Lang


def test_a_unit_s_name_is_never_a_path() -> None:
    assert safe_name("../../x") == "_.._x" and safe_name(' a:b* ') == "a_b_" and safe_name("..") == "unit"


def test_the_notices_and_the_register_kept_once(mini: Path, said: Said) -> None:
    scope = scope_of(mini, said)
    drafted = remind(scope, Lang.ZH, DAY)
    assert [stem for stem, _ in drafted.notices] == ["提醒-甲局", "提醒-乙局", "提醒-专委会", "通报"]
    first = register(scope, drafted, "测〔2025〕1号", "办公室")
    assert first.refused == [] and len(first.issued) == 3
    lines = (mini / "progress" / "b.yaml").read_text(encoding="utf-8").splitlines()
    assert '"type": "reminder"' in lines[-1] and '"number": "测〔2025〕1号"' in lines[-1]
    before = (mini / "progress" / "b.yaml").read_bytes()
    assert register(scope, remind(scope, Lang.ZH, DAY), "测〔2025〕1号", "办公室") == (frozenset(), [])
    assert (mini / "progress" / "b.yaml").read_bytes() == before
    assert sum("already registered" in t for t in said.texts()) == 3
    only = remind(scope, Lang.ZH, DAY, unit="乙局")
    assert [stem for stem, _ in only.notices] == ["提醒-乙局", "通报"]
