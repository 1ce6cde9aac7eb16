"""The listings: ``tracker tasks``, ``units``, ``show``, ``status`` and ``overdue``."""

from typing import Annotated

import typer

from tracker.cli import options as o
from tracker.cli.output import Output
from tracker.cli.run import run_of
from tracker.cli.usage import WholeIn
from tracker.cli.writes import writes


@writes("listing")
def tasks(ctx: typer.Context, action: o.Action = None, unit: o.Unit = None,
          goals: Annotated[bool, typer.Option()] = False, format: o.Format = None, output: o.Output = None) -> None:
    """tasks: the task list (and goals), of one action or one unit; the group of tasks import."""
    from tracker.actions.listing import tasks as listed

    if ctx.invoked_subcommand is not None:
        return
    run = run_of(ctx)
    out = Output.of(run, "listing", format, output)
    out.show(listed(run.scope(), run.lang, action=action, unit=unit, goals=goals))


@writes("listing")
def units(ctx: typer.Context, format: o.Format = None, output: o.Output = None) -> None:
    """units: every unit and collective name."""
    from tracker.actions.listing import units as listed

    run = run_of(ctx)
    out = Output.of(run, "listing", format, output)
    out.show(listed(run.scope(), run.lang))


@writes("show")
def show(ctx: typer.Context, task: o.Task, as_of: o.AsOf = None, format: o.Format = None, output: o.Output = None,
         allow_errors: o.AllowErrors = False) -> None:
    """show: one task in full, with each expected unit's state."""
    from tracker.actions.listing import show as shown

    run = run_of(ctx)
    out = Output.of(run, "show", format, output)
    out.show(shown(run.scope(), run.lang, task, run.today(as_of, "--as-of"), allow_errors=allow_errors))


@writes("listing")
def status(ctx: typer.Context, unit: o.Unit = None, as_of: o.AsOf = None, format: o.Format = None,
           output: o.Output = None, allow_errors: o.AllowErrors = False) -> None:
    """status: a unit's own view of its tasks."""
    from tracker.actions.listing import status as listed

    run = run_of(ctx)
    out = Output.of(run, "listing", format, output)
    out.show(listed(run.scope(), run.lang, run.today(as_of, "--as-of"), unit=unit, allow_errors=allow_errors))


@writes("listing")
def overdue(ctx: typer.Context, as_of: o.AsOf = None,
            within: Annotated[int, typer.Option(click_type=WholeIn(min=0))] = 14, unit: o.Unit = None,
            format: o.Format = None, output: o.Output = None, allow_errors: o.AllowErrors = False) -> None:
    """overdue: what is overdue and what falls due soon, by unit."""
    from tracker.actions.listing import overdue as listed

    run = run_of(ctx)
    out = Output.of(run, "listing", format, output)
    out.show(listed(run.scope(), run.lang, run.today(as_of, "--as-of"), within, unit=unit,
                    allow_errors=allow_errors))
