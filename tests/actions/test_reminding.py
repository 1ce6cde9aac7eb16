"""Reminders and their register: one record per reminded unit, never twice for the same day and number."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_only_the_office_registers_reminders_and_nothing_is_written_otherwise(tmp_path: Path) -> None:
    from tests.git.test_review import OFFICE, ZHANG, git, make_repo
    from tracker.core.refusal import Refused

    repo = make_repo(tmp_path)
    git(repo, "config", "user.name", ZHANG[0])
    git(repo, "config", "user.email", ZHANG[1])
    scope = scope_of(repo)
    drafted = remind(scope, Lang.ZH, DAY)
    with pytest.raises(Refused) as exc:
        register(scope, drafted, "测〔2025〕2号")
    assert exc.value.problems[0].code == "not-office" and "提醒" in exc.value.problems[0].message()
    assert not list((repo / "progress").glob("*.yaml"))
    git(repo, "config", "user.name", OFFICE[0])
    git(repo, "config", "user.email", OFFICE[1])
    assert register(scope, drafted, "测〔2025〕2号").issued


def test_what_the_register_wrote_is_said_after_every_unit_s_file_is_written(mini: Path) -> None:
    written: list[int] = []

    class Gone(Said):  # a reader gone away (| head): the first word said fails
        def append(self, msg: object) -> None:
            written.append(sum(f.read_text(encoding="utf-8").count('"reminder"')
                               for f in (mini / "progress").glob("*")))
            raise BrokenPipeError

    scope = scope_of(mini, Gone())
    drafted = remind(scope_of(mini), Lang.ZH, DAY)
    with pytest.raises(BrokenPipeError):
        register(scope, drafted, "测〔2025〕3号", "办公室")
    assert written == [3]  # all three units' reminders were in their files before anything was said
