"""Lower levels: ``tracker levels fetch``, ``status`` and ``return`` (``levels``, the group of them)."""

from typing import Annotated

import typer

from tracker.cli import options as o
from tracker.cli.base import group
from tracker.cli.output import Output
from tracker.cli.run import run_of
from tracker.cli.writes import writes


def fetch(ctx: typer.Context, accept_rewrite: Annotated[bool, typer.Option("--accept-rewrite")] = False) -> None:
    """levels fetch: every lower level fetched and its commit locked (a rewritten history, with
    --accept-rewrite)."""
    from tracker.actions.levels import fetch as fetched

    run = run_of(ctx)
    fetched(run.scope(), accept_rewrite=accept_rewrite)


@writes("listing")
def status(ctx: typer.Context, format: o.Format = None, output: o.Output = None) -> None:
    """levels status: which lower levels' locked commits are behind their sources."""
    from tracker.actions.levels import status as listed

    run = run_of(ctx)
    out = Output.of(run, "listing", format, output)
    out.show(listed(run.scope(), run.lang))


@writes("notice")
def upward(ctx: typer.Context, as_of: o.AsOf = None, format: o.Format = None, output: o.Output = None,
           allow_errors: o.AllowErrors = False) -> None:
    """levels return: the upward return, every lower level counted in."""
    from tracker.actions.levels import upward as returned

    run = run_of(ctx)
    out = Output.of(run, "notice", format, output)
    out.show(returned(run.scope(), run.lang, run.today(as_of, "--as-of"), allow_errors=allow_errors))


levels = group()
levels.command("fetch")(fetch)
levels.command("status")(status)
levels.command("return")(upward)
