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
# For those who use the pre-commit tool (https://pre-commit.com, not needed by tracker): runs `tracker validate`
# before every commit once `pip install pre-commit && pre-commit install` was run. `tracker init --git` installs
# a plain git hook doing the same, without the tool.
repos:
  - repo: local
    hooks:
      - id: tracker-validate
        name: tracker validate
        entry: tracker validate
        language: system
        pass_filenames: false
        files: ^(tasks\\.yaml|units\\.yaml|carried\\.yaml|progress/.*\\.yaml)$
"""


class AlreadyThere(Exception):
    """The folder already holds tracking files; init never overwrites."""

    def __init__(self, folder: Path, present: list[str]) -> None:
        super().__init__(f"{folder} already has {', '.join(present)}")
        self.folder, self.present = folder, present


def editor_files() -> dict[str, bytes]:
    """The JSON Schemas of the folder's files (schemas/), and the editor settings that give each file its schema
    (.vscode/settings.json), as the package carries them."""
    data = resources.files("tracker") / "data" / "schemas"
    files = {f"schemas/{p.name}": p.read_bytes() for p in data.iterdir() if p.name.endswith(".schema.json")}
    files[".vscode/settings.json"] = (data / "vscode-settings.json").read_bytes()
    return dict(sorted(files.items()))


def _files(tasks: bytes | None = None, units: bytes | None = None) -> dict[str, bytes]:
    data = resources.files("tracker") / "data"
    return {
        "tasks.yaml": tasks if tasks is not None else (data / "tasks.yaml").read_bytes(),
        "units.yaml": units if units is not None else (data / "units.yaml").read_bytes(),
        ".gitattributes": GITATTRIBUTES.encode(),
        ".gitignore": GITIGNORE.encode(),
        ".pre-commit-config.yaml": PRE_COMMIT.encode(),
        "progress/.gitkeep": b"",
        **editor_files(),
    }


def present(folder: Path) -> list[str]:
    """The files of a tracking folder ``folder`` already holds (those init writes, and carried.yaml)."""
    return [name for name in [*_files(b"", b""), "carried.yaml"] if (folder / name).exists()]


def init_folder(folder: Path, tasks: bytes | None = None, units: bytes | None = None) -> list[Path]:
    """Write the files of a new tracking folder (the shipped list, or ``tasks`` and ``units`` when given); refuse
    before writing anything if one exists."""
    files = _files(tasks, units)
    found = present(folder)
    if found:
        raise AlreadyThere(folder, found)
    written = []
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written


def hook_script(folder_from_top: str, python: str) -> bytes:
    """A plain git pre-commit hook (a POSIX shell script) running ``tracker validate`` on the tracking folder at
    ``folder_from_top`` (its path from the repository's top, "" for the top), with the Python that installed it,
    else the ``tracker`` on the PATH."""
    import shlex

    where = shlex.quote(folder_from_top or ".")
    exe = shlex.quote(python)
    return f"""#!/bin/sh
# Written by `tracker init`: checks the tracking folder with `tracker validate` before every commit, and stops
# the commit when it finds errors. To commit once without the check: git commit --no-verify.
cd "$(git rev-parse --show-toplevel)" && cd {where} || exit 1
if [ -x {exe} ]; then exec {exe} -m tracker validate; fi
exec tracker validate
""".encode()
