"""Problems are values: every check returns them, only the CLI decides what they mean for the exit code.

A problem carries its code and arguments, not words: the words come from the registry (``codes.py``) in the
reader's language when it is shown, so the same cached problem reads in Chinese or English alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, NamedTuple

from tracker.core.codes import CODES, Level
from tracker.core.i18n import Lang

Arg = str | tuple[str, str]  # shown as it stands, or (zh, en)


class Pos(NamedTuple):
    """A 1-based line and column (in characters) in a file."""

    line: int
    col: int


START = Pos(1, 1)


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


class Problem(NamedTuple):
    """One finding about one place in one file."""

    path: str
    line: int
    col: int
    level: Level
    code: str
    args: tuple[tuple[str, Arg], ...] = ()

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)

    def _words(self, lang: Lang) -> _Blank:
        zh = lang is Lang.ZH
        return _Blank({k: (v[0] if zh else v[1]) if isinstance(v, tuple) else v for k, v in self.args})

    def message(self, lang: Lang = Lang.ZH) -> str:
        code = CODES[self.code]
        return (code.zh if lang is Lang.ZH else code.en).format_map(self._words(lang))

    def hint(self, lang: Lang = Lang.ZH) -> str:
        """How to fix it: a "did you mean" when the check found close words, else the registry's hint."""
        words = self._words(lang)
        if words["suggest"]:
            return words["suggest"]
        code = CODES[self.code]
        return (code.hint_zh if lang is Lang.ZH else code.hint_en).format_map(words)

    def as_dict(self, lang: Lang = Lang.ZH) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "col": self.col, "level": self.level, "code": self.code,
                "message": self.message(lang), "hint": self.hint(lang)}

    def encode(self) -> list[Any]:
        """As the cache stores it (JSON): arguments as [name, text] or [name, [zh, en]]."""
        return [self.path, self.line, self.col, self.level, self.code, [[k, v] for k, v in self.args]]

    @classmethod
    def decode(cls, data: list[Any]) -> Problem:
        """``encode`` undone: a file's warnings are decoded again with each record into it, so this is lean."""
        path, line, col, level, code, args = data
        if code not in CODES:
            raise ValueError(code)
        return tuple.__new__(cls, (path, line, col, level, code,
                                   tuple([(k, tuple(v) if type(v) is list else v) for k, v in args])))


def problem(path: str, pos: Pos, code: str, **args: Arg) -> Problem:
    """A problem of a registered code, at its registered level."""
    return Problem(path, pos.line, pos.col, CODES[code].level, code,
                   tuple((k, v) for k, v in args.items() if v != ""))


def has_errors(problems: Iterable[Problem], strict: bool = False) -> bool:
    """True when the problems should fail a run: any error, or any warning under --strict."""
    return any(p.level == "error" or strict for p in problems)


def shown(value: object) -> str:
    """A value from a file as the message quotes it: as JSON writes it (never Python's None or True)."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return json.dumps(str(value), ensure_ascii=False)


def close_words(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    import difflib  # only on the error path

    return difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> Arg:
    """A short "did you mean" hint in both languages, or "" when nothing is close."""
    close = close_words(word, choices, n)
    if not close:
        return ""
    quoted = [shown(c) for c in close]
    return ("你是不是要写 " + " 或 ".join(quoted) + "？", "did you mean " + " or ".join(quoted) + "?")


class Collector:
    """Accumulates problems for one file; checks call it instead of raising."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, pos: Pos, code: str, **args: Arg) -> None:
        self.problems.append(problem(self.path, pos, code, **args))

    warn = add  # the registry, not the caller, decides a code's level
