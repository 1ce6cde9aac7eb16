"""``tracker init``: a new tracking folder, with the shipped list or a published one imported."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli import options as o
from tracker.cli import prompt
from tracker.cli.output import Output
from tracker.cli.run import run_of
from tracker.cli.usage import folder


def init(ctx: typer.Context, directory: Annotated[Path, typer.Argument(click_type=folder())] = Path("."),
         git: Annotated[bool | None, typer.Option("--git/--no-git")] = None, source: o.ListFile = None,
         units: o.Directory = None, campaign_end: o.CampaignEnd = None) -> None:
    """init: the shipped list (or, with --from, a published one), progress/, git settings and a hook, and with
    --git a repository."""
    run = run_of(ctx)
    end = run.day(campaign_end, "--campaign-end")
    if source is None and (units is not None or end is not None):
        run.fail(run.t("cli.needs-from", option="--units" if units is not None else "--campaign-end"))
    if git is None:
        git = prompt.interactive() and typer.confirm(run.t("prompt.git"), default=True, err=True)
    if source is None:
        from tracker.actions.setup import init as set_up

        set_up(directory, git=git, say=run.notice)
    else:
        from tracker.actions.lists import init_from

        out = Output.of(run, "imported", None, None)
        out.show(init_from(directory, source, units=units, campaign_end=end, git=git, say=run.notice))
    run.say(run.t("cli.next-steps", units=directory / "units.yaml"))
