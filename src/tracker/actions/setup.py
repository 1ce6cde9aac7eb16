"""Setting a tracking folder up (``tracker init``), and what a problem code means (``tracker explain``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tracker.core.codes import Code
from tracker.core.i18n import Msg
from tracker.core.problems import did_you_mean, problem
from tracker.core.refusal import NOWHERE, CannotWrite, refused


def init(directory: Path, *, git: bool = False, say: Callable[[Msg], None] = lambda msg: None) -> list[Path]:
    """The shipped tasks.yaml and units.yaml, progress/, git settings and a pre-commit hook that runs
    ``tracker validate``, in ``directory`` (and, with ``git``, a git repository there); each file written is
    said, and returned. Refused where a tracking folder already is: nothing is overwritten."""
    from tracker.folder.setup import AlreadyThere, init_folder

    try:
        written = init_folder(directory)
    except AlreadyThere as exc:
        raise refused(problem("", NOWHERE, "already-set-up", folder=str(exc.folder),
                              files=", ".join(exc.present))) from None
    except OSError as exc:
        raise CannotWrite(exc.filename, exc.strerror or str(exc)) from None
    for path in written:
        say(Msg.of("cli.created", path=str(path)))
    if git:
        from tracker.git.run import init_repository

        init_repository(directory)
        say(Msg.of("cli.created-git", path=str(directory)))
    return written


def explain(code: str) -> Code:
    """A problem code's level, words and documentation; refused, with the closest codes, when there is none."""
    from tracker.core.codes import CODES

    if code not in CODES:
        raise refused(problem("", NOWHERE, "unknown-code", name=code, suggest=did_you_mean(code, CODES)))
    return CODES[code]
