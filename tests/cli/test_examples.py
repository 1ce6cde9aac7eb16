"""The example folder: every file says it is fictional, and it passes validation (the README's examples run
on it: tests/test_readme.py)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import REPO
from tracker.cli.app import app

EXAMPLE = REPO / "examples" / "2025"
MARK = "示例数据（非真实填报）"
runner = CliRunner()


def test_every_example_file_is_marked() -> None:
    files = [p for p in EXAMPLE.rglob("*") if p.is_file() and ".tracker-cache" not in p.parts
             and p.suffix != ".lock"]  # the cache and lock files are not committed (.gitignore)
    assert len(files) > 20  # tasks, units, a README and a progress file per reporting unit
    unmarked = [p for p in files if MARK not in p.read_text(encoding="utf-8").split("\n", 2)[0]]
    assert unmarked == []


def test_the_example_is_valid(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "2025"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".tracker-cache"))
    result = runner.invoke(app, ["--root", str(folder), "validate"])
    assert result.exit_code == 0 and "0 个错误" in result.output
