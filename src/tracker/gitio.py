"""The one module that runs git. Everything else asks it, never the shell.

Every call passes arguments as a list (no shell), reads bytes, and turns git's failures into GitError with
git's own message, so the CLI can print one line instead of a traceback. Revisions, ranges and paths come
from the command line or from the repository, so they are data: each reaches git after ``--end-of-options``
(or ``--``), and one that begins with ``-`` is refused before git sees it, so no argument can become an
option such as ``--output=FILE``.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """git is missing, the folder is not a repository, or a revision does not exist."""


def _run(cwd: Path, *args: str, check: bool = True) -> bytes:
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True,
                              check=False, timeout=300)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git failed: {exc}") from None
    if check and done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def init_repository(folder: Path) -> None:
    """Make ``folder`` a git repository (``git init``; harmless where it is one already)."""
    _run(folder, "init", "-q")


def data_arg(value: str) -> str:
    """A revision, range or path as git must read it: never as an option."""
    if value.startswith("-"):
        raise GitError(f"refused {value!r}: a revision or path cannot begin with '-'")
    return value


def user_name(cwd: Path) -> str | None:
    """git's user.name for this folder, when git and the setting exist."""
    try:
        out = _run(cwd, "config", "user.name", check=False).decode("utf-8", "replace").strip()
    except GitError:
        return None
    return out or None


def user_email(cwd: Path) -> str | None:
    """git's user.email for this folder, when git and the setting exist."""
    try:
        out = _run(cwd, "config", "user.email", check=False).decode("utf-8", "replace").strip()
    except GitError:
        return None
    return out or None


def toplevel(cwd: Path) -> Path:
    return Path(_run(cwd, "rev-parse", "--show-toplevel").decode("utf-8").strip())


def resolve(cwd: Path, rev: str) -> str:
    """A revision's full commit id."""
    return _run(cwd, "rev-parse", "--verify", "--quiet", "--end-of-options",
                f"{data_arg(rev)}^{{commit}}").decode().strip()


def show(cwd: Path, rev: str, path: str) -> bytes | None:
    """A file's bytes at a revision (``path`` relative to the repository's top), None if absent there."""
    done = subprocess.run(["git", "cat-file", "blob", "--end-of-options", f"{data_arg(rev)}:{path}"], cwd=cwd,
                          capture_output=True, check=False)
    return done.stdout if done.returncode == 0 else None


def files_at(cwd: Path, rev: str, folder: str) -> list[str]:
    """Paths of the files under ``folder`` at a revision, relative to the repository's top."""
    out = _run(cwd, "ls-tree", "-r", "--name-only", "--end-of-options", data_arg(rev), "--", folder)
    return [line for line in out.decode("utf-8").splitlines() if line]


@dataclass(frozen=True)
class Commit:
    id: str
    parents: tuple[str, ...]
    author_name: str
    author_email: str
    date: str
    subject: str
    signature: str  # git's %G? letter: G good, B bad, U good but untrusted, N none, …


def commits(cwd: Path, rev_range: str) -> list[Commit]:
    """The commits of a range (``A..B``, or one revision and its ancestors), oldest first."""
    fmt = "%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%s%x1f%G?%x1e"
    out = _run(cwd, "log", "--reverse", f"--format={fmt}", "--end-of-options", data_arg(rev_range),
               "--").decode("utf-8", "replace")
    result = []
    for chunk in out.split("\x1e"):
        chunk = chunk.strip("\n")
        if not chunk:
            continue
        cid, parents, name, email, date, subject, sig = chunk.split("\x1f")
        result.append(Commit(cid, tuple(parents.split()), name, email, date, subject, sig))
    return result


def changed_files(cwd: Path, commit: str, parent: str | None) -> list[str]:
    """Files a commit changed against one parent (or that a root commit added)."""
    args = ["diff", "--name-only", "--no-renames", "--end-of-options", data_arg(parent), data_arg(commit), "--"] \
        if parent else ["show", "--name-only", "--format=", "--end-of-options", data_arg(commit), "--"]
    return [line for line in _run(cwd, *args).decode("utf-8").splitlines() if line]


@dataclass(frozen=True)
class BlameLine:
    line: int
    commit: str
    author_name: str
    author_email: str
    author_time: int


def blame(cwd: Path, path: str) -> list[BlameLine]:
    """Who added each line of a working-tree file (uncommitted lines have commit 000…)."""
    out = _run(cwd, "blame", "--line-porcelain", "--", path).decode("utf-8", "replace")
    result: list[BlameLine] = []
    info: dict[str, str] = {}
    commit, final = "", 0
    for row in out.splitlines():
        if row.startswith("\t"):
            result.append(BlameLine(final, commit, info.get("author", ""), info.get("author-mail", "").strip("<>"),
                                    int(info.get("author-time", "0"))))
            info = {}
            continue
        head, _, rest = row.partition(" ")
        if len(head) == 40 and all(c in "0123456789abcdef" for c in head):
            commit, final = head, int(rest.split()[1])
        else:
            info[head] = rest
    return result
