"""The list itself: ``tracker tasks import`` (a published list into this folder) and ``tracker carry-over``
(last year's unfinished pairs into this year's folder); ``tasks``, the group that lists the tasks (``tracker
tasks``, ``cli.listing``) and takes a published list in."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli import listing
from tracker.cli import options as o
from tracker.cli.base import group
from tracker.cli.output import Output
from tracker.cli.run import run_of
from tracker.cli.usage import file, folder
from tracker.cli.writes import writes


@writes("imported")
def import_(ctx: typer.Context, source: Annotated[Path, typer.Argument(click_type=file())], units: o.Directory = None,
            campaign_end: o.CampaignEnd = None, dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
            format: o.Format = None, output: o.Output = None) -> None:
    """tasks import: a published list as this folder's tasks.yaml, a change to review."""
    from tracker.actions.lists import import_tasks

    run = run_of(ctx)
    out = Output.of(run, "imported", format, output)
    done = import_tasks(run.scope(), source, units=units, campaign_end=run.day(campaign_end, "--campaign-end"),
                        dry_run=dry_run)
    out.show(done)
    for path in done.written:  # after the report, where the reader ends up
        run.say(run.t("list.written", path=path))
    run.say(run.t("list.review" if done.written else "list.dry-run"))


def carry_over(ctx: typer.Context, source: Annotated[Path, typer.Option("--from", click_type=folder())],
               as_of: o.AsOf = None, dry_run: Annotated[bool, typer.Option("--dry-run")] = False) -> None:
    """carry-over: last year's unfinished pairs into carried.yaml."""
    from tracker.actions.lists import carry_over as carry

    run = run_of(ctx)
    carry(run.scope(), source, as_of=run.day(as_of, "--as-of"), dry_run=dry_run)


tasks = group(invoke_without_command=True, no_args_is_help=False)
tasks.callback()(listing.tasks)
tasks.command("import")(import_)
