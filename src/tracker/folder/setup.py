"""``tracker init``: lay out a new tracking folder from the copy of the list the package carries."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

GITATTRIBUTES = """\
# Progress files hold one record per line, each with its own id: union merging keeps both sides' lines.
progress/*.yaml merge=union
# One line ending everywhere, so diffs stay clean between Windows and Linux.
*.yaml text eol=lf
"""

GITIGNORE = """\
# tracker's lock and temporary files, and its cache
*.lock
*.tmp
.tracker-cache/
"""

PRE_COMMIT = """\
# Runs `tracker validate` before every commit (https://pre-commit.com). Install with: pre-commit install
repos:
  - repo: local
    hooks:
      - id: tracker-validate
        name: tracker validate
        entry: tracker validate
        language: system
        pass_filenames: false
        files: ^(tasks\\.yaml|units\\.yaml|progress/.*\\.yaml)$
"""


class AlreadyThere(Exception):
    """The folder already holds tracking files; init never overwrites."""

    def __init__(self, folder: Path, present: list[str]) -> None:
        super().__init__(f"{folder} already has {', '.join(present)}")
        self.folder, self.present = folder, present


def init_folder(folder: Path) -> list[Path]:
    """Write the files of a new tracking folder; refuse before writing anything if one exists."""
    data = resources.files("tracker") / "data"
    files = {
        "tasks.yaml": (data / "tasks.yaml").read_bytes(),
        "units.yaml": (data / "units.yaml").read_bytes(),
        ".gitattributes": GITATTRIBUTES.encode(),
        ".gitignore": GITIGNORE.encode(),
        ".pre-commit-config.yaml": PRE_COMMIT.encode(),
        "progress/.gitkeep": b"",
    }
    present = [name for name in files if (folder / name).exists()]
    if present:
        raise AlreadyThere(folder, present)
    written = []
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written
