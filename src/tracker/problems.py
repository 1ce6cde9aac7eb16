"""Problems are values: every check returns them, only the CLI decides what they mean for the exit code."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

Level = Literal["error", "warning"]


class Pos(NamedTuple):
    """A 1-based line and column in a file."""

    line: int
    col: int


START = Pos(1, 1)


class Problem(NamedTuple):
    """One finding about one place in one file."""

    path: str
    line: int
    col: int
    level: Level
    code: str
    message: str
    hint: str = ""

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "level": self.level,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


def has_errors(problems: Iterable[Problem], strict: bool = False) -> bool:
    """True when the problems should fail a run: any error, or any warning under --strict."""
    return any(p.level == "error" or strict for p in problems)


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> str:
    """A short 'did you mean' hint, or '' when nothing is close."""
    import difflib  # only on the error path

    close = difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)
    if not close:
        return ""
    return "did you mean " + " or ".join(repr(c) for c in close) + "?"


class Collector:
    """Accumulates problems for one file; checks call it instead of raising."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, pos: Pos, code: str, message: str, hint: str = "", level: Level = "error") -> None:
        self.problems.append(Problem(self.path, pos.line, pos.col, level, code, message, hint))

    def warn(self, pos: Pos, code: str, message: str, hint: str = "") -> None:
        self.add(pos, code, message, hint, level="warning")
