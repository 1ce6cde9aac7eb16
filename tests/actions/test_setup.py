"""init never overwrites; explain knows every code, and the closest ones to a wrong one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.actions.setup import explain, init
from tracker.core.codes import CODES
from tracker.core.i18n import Lang, Msg
from tracker.core.refusal import Refused


def test_init_says_each_file_it_writes_and_refuses_a_folder_already_set_up(tmp_path: Path) -> None:
    said: list[Msg] = []
    written = init(tmp_path / "f", say=said.append)
    assert (tmp_path / "f" / "tasks.yaml") in written and len(said) == len(written)
    before = (tmp_path / "f" / "tasks.yaml").read_bytes()
    with pytest.raises(Refused) as exc:
        init(tmp_path / "f")
    assert exc.value.problems[0].code == "already-set-up" and "tasks.yaml" in exc.value.problems[0].message()
    assert (tmp_path / "f" / "tasks.yaml").read_bytes() == before


def test_explain_gives_the_registry_s_entry_or_the_closest_codes() -> None:
    assert explain("tab") is CODES["tab"]
    with pytest.raises(Refused) as exc:
        explain("bad-dat")
    assert exc.value.problems[0].hint(Lang.EN).startswith('did you mean "bad-date" or ')
