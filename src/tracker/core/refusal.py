"""A refusal: nothing was done, and why, as problems of the registry's codes (``codes.py``).

Whatever refuses (the store, an action) says why with the same codes ``tracker validate`` files, so a rule
has one wording wherever it stops something. Words are chosen only when the refusal is shown, in the
reader's language; what a refusal means for the exit code is the command line's to decide.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from tracker.core.i18n import Lang, Msg
from tracker.core.problems import Pos, Problem

Shown = Literal["refusal", "listing", "cells"]


class Refused(Exception):
    """Nothing was done. ``problems`` say why; ``msg``, when given, heads them. ``shown`` says how the
    problems read: as the reasons of a refusal (under ``msg``), as a file's listing like ``tracker validate``
    prints it (``msg`` after it), or as the cells of a spreadsheet (``FILE:sheet!C7``)."""

    def __init__(self, msg: Msg | None, problems: Sequence[Problem], *, shown: Shown = "refusal") -> None:
        super().__init__(msg.text(Lang.EN) if msg is not None else "; ".join(p.message(Lang.EN) for p in problems))
        self.msg = msg
        self.problems = list(problems)
        self.shown = shown


NOWHERE = Pos(0, 0)  # a problem of what a command was asked (an unknown unit …), not of a place in a file


def refused(*problems: Problem) -> Refused:
    """A refusal for these problems alone (file them with ``problem(path, NOWHERE, code, …)``)."""
    return Refused(None, problems)


class CannotWrite(Exception):
    """A file could not be written (``reason``: the system's words); nothing of it was left half written."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"cannot write {path}: {reason}")
        self.path, self.reason = path, reason

