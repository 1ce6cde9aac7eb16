"""Who acts for whom at the terminal: the maintainer of one unit may not record, plan, ask for an extension or
reply for another (refused before anything is written, naming both units); the office may, and is told it
does; an identity units.yaml does not name is let through for check-authors to judge."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_withdraw import set_identity
from tests.git.test_review import OFFICE, WANG, ZHANG, make_repo, tracker

LISI = ("李四", "ls@example.org")  # maintainer of 市消防救援局 (fire-rescue)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


@pytest.mark.parametrize("command", [
    ["record", "15", "--unit", "市消防救援局", "--status", "推进中", "--percent", "50", "--date", "2025-09-01"],
    ["plan", "15", "--unit", "市消防救援局", "--due", "2025-12-01", "--milestone", "检查", "--date", "2025-09-01"],
    ["extend", "15", "--unit", "市消防救援局", "--until", "2026-03-31", "--note", "r", "--date", "2025-09-01"],
    ["reply", "鄂安防办〔2025〕1号", "--unit", "市消防救援局", "--note", "已整改", "--date", "2025-09-01"],
])
def test_a_maintainer_of_one_unit_may_not_write_for_another(repo: Path, command: list[str]) -> None:
    """The reported case: as 市经信局's maintainer, `record 17 --unit 市应急局` succeeded, and so did
    `extend G1 --unit 乙局`; only check-authors caught it later."""
    set_identity(repo, ZHANG)
    path = repo / "progress" / "fire-rescue.yaml"
    result = tracker(repo, *command)
    assert result.exit_code == 1, result.output
    assert "张三 <zs@example.org> 是市应急局的维护人，不是市消防救援局的，不能代市消防救援局" in result.output
    assert "市消防救援局的维护人：@lisi、李四 <ls@example.org>" in result.output
    assert not path.exists()


def test_the_units_own_maintainer_the_office_and_an_unnamed_identity_may(repo: Path) -> None:
    record = ["record", "15", "--status", "推进中", "--percent", "50", "--date", "2025-09-01"]
    set_identity(repo, LISI)
    result = tracker(repo, *record, "--unit", "市消防救援局")
    assert result.exit_code == 0 and "代" not in result.output
    set_identity(repo, OFFICE)
    result = tracker(repo, *record, "--unit", "市应急局")
    assert result.exit_code == 0 and "以市安防办维护人的身份代市应急局填写" in result.output
    set_identity(repo, WANG)  # nobody's maintainer: check-authors judges the commit
    assert tracker(repo, *record, "--unit", "市应急局").exit_code == 0
