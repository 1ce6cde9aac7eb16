"""``tracker init`` lays out a new folder from the list the package carries, and never overwrites one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SHIPPED
from tracker.folder.setup import AlreadyThere, init_folder, present


def test_a_new_folder_gets_the_list_the_settings_and_an_empty_progress_folder(tmp_path: Path) -> None:
    written = init_folder(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == [
        ".gitattributes", ".gitignore", ".pre-commit-config.yaml", ".vscode/settings.json", "progress/.gitkeep",
        "schemas/carried.schema.json", "schemas/levels.schema.json", "schemas/progress.schema.json",
        "schemas/tasks.schema.json", "schemas/units.schema.json", "tasks.yaml", "units.yaml"]
    assert (tmp_path / "tasks.yaml").read_bytes() == (SHIPPED / "tasks.yaml").read_bytes()
    assert "progress/*.yaml merge=union" in (tmp_path / ".gitattributes").read_text(encoding="utf-8")
    hook = (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "tracker validate" in hook
    files = re.compile(re.search(r"files: (.+)", hook).group(1))  # type: ignore[union-attr]
    assert all(files.match(n) for n in ("tasks.yaml", "units.yaml", "carried.yaml", "progress/emergency.yaml"))


def test_a_folder_with_last_year_s_items_carried_is_a_tracking_folder_too(tmp_path: Path) -> None:
    (tmp_path / "carried.yaml").write_text("carried: []\n", encoding="utf-8")
    assert present(tmp_path) == ["carried.yaml"]
    with pytest.raises(AlreadyThere):
        init_folder(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["carried.yaml"]


def test_a_folder_that_holds_any_of_them_is_left_untouched(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("mine\n", encoding="utf-8")
    with pytest.raises(AlreadyThere) as refused:
        init_folder(tmp_path)
    assert refused.value.present == [".gitignore"]
    assert [p.name for p in tmp_path.iterdir()] == [".gitignore"]
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "mine\n"
