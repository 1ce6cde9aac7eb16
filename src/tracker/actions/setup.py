"""Setting a tracking folder up (``tracker init``), and what a problem code means (``tracker explain``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tracker.core.codes import Code
from tracker.core.i18n import Msg
from tracker.core.problems import did_you_mean, problem
from tracker.core.refusal import NOWHERE, CannotWrite, Refused, refused


def init(directory: Path, *, git: bool = False, say: Callable[[Msg], None] = lambda msg: None,
         tasks: bytes | None = None, units: bytes | None = None) -> list[Path]:
    """The shipped tasks.yaml and units.yaml (or ``tasks`` and ``units``: a published list imported),
    progress/, JSON Schemas for editors, git settings and a pre-commit hook that runs ``tracker validate``, in
    ``directory`` (and, with ``git``, a git repository there); each file written is said, and returned.
    Refused where a tracking folder already is: nothing is overwritten."""
    from tracker.folder.setup import AlreadyThere, init_folder

    try:
        written = init_folder(directory, tasks, units)
    except AlreadyThere as exc:
        raise _set_up(exc.folder, exc.present) from None
    except OSError as exc:
        raise CannotWrite(exc.filename, exc.strerror or str(exc)) from None
    for path in written:
        say(Msg.of("cli.created", path=str(path)))
    if git:
        _repository(directory, say)
    return written


def refuse_set_up(directory: Path) -> None:
    """Refused where a tracking folder already is, before anything else is done."""
    from tracker.folder.setup import present

    found = present(directory)
    if found:
        raise _set_up(directory, found)


def _set_up(folder: Path, found: list[str]) -> Refused:
    return refused(problem("", NOWHERE, "already-set-up", folder=str(folder), files=", ".join(found)))


def _repository(directory: Path, say: Callable[[Msg], None]) -> None:
    """A git repository at ``directory`` (or the one it is in), a plain pre-commit hook running ``tracker
    validate`` (never over a hook already there), and the first commit; what cannot be done is said, with
    exactly what to run instead."""
    import shlex
    import sys

    from tracker.folder.files import atomic_write
    from tracker.folder.setup import hook_script
    from tracker.git.run import GitError, commit_all, hook_path, init_repository, toplevel

    init_repository(directory)
    say(Msg.of("cli.created-git", path=str(directory)))
    hook, own = hook_path(directory, "pre-commit")
    if not own:  # a hooks folder the settings name, which other repositories may share: not written into
        say(Msg.of("cli.hook-shared", path=str(hook)))
    elif hook.exists():  # never over a hook already there
        say(Msg.of("cli.hook-kept", path=str(hook)))
    else:
        top = toplevel(directory).resolve()
        inside = directory.resolve().relative_to(top).as_posix()
        hook.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(hook, hook_script("" if inside == "." else inside, sys.executable), durable=False)
        hook.chmod(0o755)
        say(Msg.of("cli.hook-written", path=str(hook)))
    message = "建立跟踪目录（tracker init）"
    try:
        commit = commit_all(directory, message)
    except GitError as exc:
        folder = shlex.quote(str(directory))
        say(Msg.of("cli.first-commit-failed", error=str(exc),
                   command=f"git -C {folder} add . && git -C {folder} commit -m {shlex.quote(message)}"))
        return
    say(Msg.of("cli.first-commit", commit=commit[:10]))


def explain(code: str) -> Code:
    """A problem code's level, words and documentation; refused, with the closest codes, when there is none."""
    from tracker.core.codes import CODES

    if code not in CODES:
        raise refused(problem("", NOWHERE, "unknown-code", name=code, suggest=did_you_mean(code, CODES)))
    return CODES[code]
