"""check-authors' trust root: the commit that first names the maintainers, recorded once in units.yaml
(``trust_root``). Before it no permission was written down, so nothing there is judged and a folder's set-up
passes; after it every commit is judged as before, and moving the root is itself a violation."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import SHIPPED
from tests.git.test_review import OFFICE, WANG, ZHANG, commit, git, record, tracker
from tracker.cli.app import app

runner = CliRunner()


def named(units: str) -> str:
    office = "    maintainers: [办公室 <office@example.org>]\n"
    units = units.replace("    short: 市安防办\n", "    short: 市安防办\n" + office)
    return units.replace("    short: 市应急局\n", "    short: 市应急局\n    maintainers: [张三 <zs@example.org>]\n")


def set_up(tmp_path: Path) -> tuple[Path, str]:
    """A folder set up by the office, a unit's first record, then the commit naming the maintainers."""
    folder = tmp_path / "office"
    assert runner.invoke(app, ["init", str(folder), "--no-git"]).exit_code == 0
    git(folder, "init", "-q", "-b", "main")
    commit(folder, "set up")
    record(folder, "15", "emergency", "2025-03-20", "30")
    commit(folder, "first record", ZHANG)
    units = folder / "units.yaml"
    units.write_text(named((SHIPPED / "units.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    return folder, commit(folder, "maintainers named")


def test_the_set_up_fails_without_a_root_and_the_hint_names_the_commit(tmp_path: Path) -> None:
    """The reported case: the office's own commit that first adds maintainers, and every earlier commit
    ("（维护人：—）"), failed, and nothing said how a folder gets past its set-up."""
    folder, first = set_up(tmp_path)
    result = tracker(folder, "check-authors", "HEAD")
    assert result.exit_code == 1 and "维护人：—" in result.output
    assert f'trust_root: "{first}"' in result.output


def test_commits_at_or_before_the_root_are_not_judged_and_later_ones_are(tmp_path: Path) -> None:
    folder, first = set_up(tmp_path)
    units = folder / "units.yaml"
    units.write_text(f'trust_root: "{first}"\n' + units.read_text(encoding="utf-8"), encoding="utf-8")
    commit(folder, "the trust root")
    result = tracker(folder, "check-authors", "HEAD")
    assert result.exit_code == 0, result.output
    assert "检查了 1 个提交，发现 0 处违规" in result.output
    assert f"另有 3 个提交在信任起点 {first[:10]}" in result.output
    good = git(folder, "rev-parse", "HEAD").strip()
    record(folder, "15", "emergency", "2025-04-20", "40")
    commit(folder, "someone else", WANG)
    result = tracker(folder, "check-authors", "HEAD")
    assert result.exit_code == 1 and "既不是市应急局的维护人" in result.output
    assert "请由该单位的维护人提交" in result.output and "tracker withdraw" not in result.output
    git(folder, "reset", "-q", "--hard", good)
    units.write_text(units.read_text(encoding="utf-8").replace(first, good), encoding="utf-8")
    commit(folder, "the root moved")
    result = tracker(folder, "check-authors", f"{good}..HEAD")
    assert result.exit_code == 1 and "改动了 units.yaml 中已设定的 trust_root" in result.output


def test_a_root_the_repository_lacks_is_said(tmp_path: Path) -> None:
    folder, _ = set_up(tmp_path)
    units = folder / "units.yaml"
    units.write_text(f"trust_root: \"{'ab' * 20}\"\n" + units.read_text(encoding="utf-8"), encoding="utf-8")
    result = tracker(folder, "check-authors", "HEAD")
    assert result.exit_code == 1 and "不是本仓库中的提交" in result.output


_ = OFFICE  # the set-up's author (commit's default)
