"""The app: its global options, its commands (each in the module of its group) and the entry point ``main``.

A command parses its options, calls one action (``tracker.actions``), renders what it returns and chooses the
exit code; the classes it is made of (``base``) say usage errors and refusals in the reader's language.
Start-up stays light: a command imports what it needs when it runs.
"""

import gc
import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from tracker.cli.base import app as make_app
from tracker.cli.run import Run, lang_of
from tracker.cli.usage import OneOf, folder
from tracker.core.i18n import Lang, label

# Every command, in the order the help lists them: its name → where it is (its module is imported only when a
# run asks for that command). The two groups are made in the module of their commands.
COMMANDS: dict[str, str] = {name: f"tracker.cli.{where}" for name, where in (
    ("validate", "checking:validate"), ("units", "listing:units"), ("show", "listing:show"),
    ("record", "recording:record"), ("plan", "recording:plan"), ("status", "listing:status"),
    ("report", "reporting:report"), ("overdue", "listing:overdue"), ("verify", "deciding:verify"),
    ("withdraw", "deciding:withdraw"), ("score", "reporting:score"), ("extend", "deciding:extend"),
    ("remind", "reminding:remind"), ("reply", "reminding:reply"), ("diff", "reviewing:diff"), ("log", "reviewing:log"),
    ("check-authors", "reviewing:check_authors"), ("codeowners", "reviewing:codeowners"),
    ("explain", "checking:explain"), ("init", "setup:init"), ("carry-over", "lists:carry_over"),
    ("template", "returns:template"), ("import", "returns:import_"),
    ("tasks", "lists:tasks"),  # tracker tasks lists the tasks; tracker tasks import takes a published list in
    ("levels", "levels:levels"),
)}

app = make_app(COMMANDS)


@app.callback()
def _main(
    ctx: typer.Context,
    root: Annotated[Path | None, typer.Option(click_type=folder())] = None,
    lang: Annotated[str, typer.Option(envvar="TRACKER_LANG", click_type=OneOf([x.value for x in Lang]))] = "zh",
    no_cache: Annotated[bool, typer.Option("--no-cache")] = False,
) -> None:
    """The global options: the folder, the language, whether the derived cache is used."""
    ctx.obj = Run(Lang(lang), root, not no_cache)


def main() -> None:
    """Console entry point: no Python traceback reaches the user unless TRACKER_DEBUG is set."""
    # One command per process, building many objects and almost no reference cycles: the cycle collector
    # would only rescan them again and again while a large folder loads (its cost grows with the data).
    gc.disable()
    _leave(_run())


def _run() -> int | str | None:
    """Run the command; its exit status (or a message, as SystemExit carries them)."""
    lang = lang_of(sys.argv[1:])
    try:
        app()
    except SystemExit as exc:
        return exc.code
    except KeyboardInterrupt as exc:
        from tracker.folder.store import InterruptedAfterWriting

        late = isinstance(exc, InterruptedAfterWriting)
        typer.echo("tracker: " + label("cli.interrupted-after-write" if late else "cli.interrupted", lang), err=True)
        return 130
    except Exception as exc:  # noqa: BLE001 - last line of defence
        from tracker.folder.workers import WorkerDied, WorkerStopped  # not imported by a run that never fails

        if isinstance(exc, WorkerDied):
            typer.echo("tracker: " + (label("cli.worker-stopped", lang).format(pid=exc.pid)
                                      if isinstance(exc, WorkerStopped) else label("cli.worker-died", lang)), err=True)
            typer.echo("    " + label("hint", lang).format(hint=label("cli.hint.worker-died", lang)), err=True)
            return 3
        if os.environ.get("TRACKER_DEBUG"):
            raise
        from tracker.core.escape import terminal

        typer.echo(terminal("tracker: " + label("cli.internal", lang).format(error=f"{type(exc).__name__}: {exc}")),
                   err=True)
        typer.echo("    " + label("hint", lang).format(hint=label("cli.hint.internal", lang)), err=True)
        return 3
    return 0


def _leave(code: int | str | None) -> NoReturn:
    """Flush what was printed and end the process without tearing the interpreter down. Freeing a large
    report's objects one by one costs a third of a warm report over 10,000 entries, and there is nothing left
    to close: every command writes and closes its files itself. (mypy leaves the same way.)"""
    if isinstance(code, str):
        from tracker.core.escape import terminal

        sys.stderr.write(terminal(code) + "\n")
        code = 1
    status = code or 0
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`tracker report | head`): as Python's own exit does
            status = status or 120
    os._exit(status)
