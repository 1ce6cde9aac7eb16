"""``tracker init``: a new tracking folder."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli import prompt
from tracker.cli.run import run_of
from tracker.cli.usage import folder


def init(ctx: typer.Context, directory: Annotated[Path, typer.Argument(click_type=folder())] = Path("."),
         git: Annotated[bool | None, typer.Option("--git/--no-git")] = None) -> None:
    """init: the shipped list, progress/, git settings and a hook, and with --git a repository."""
    from tracker.actions.setup import init as set_up

    run = run_of(ctx)
    if git is None:
        git = prompt.interactive() and typer.confirm(run.t("prompt.git"), default=True, err=True)
    set_up(directory, git=git, say=run.notice)
    run.say(run.t("cli.next-steps", units=directory / "units.yaml"))
