"""The office's figures: ``tracker report`` and ``tracker score``."""

from typing import Annotated

import typer

from tracker.cli import options as o
from tracker.cli.output import Output
from tracker.cli.run import run_of
from tracker.cli.usage import OneOf
from tracker.cli.writes import writes

VIEWS = ("task", "unit", "action", "goal", "carried")


@writes("report")
def report(ctx: typer.Context, as_of: o.AsOf = None,
           by: Annotated[str | None, typer.Option("--by", click_type=OneOf(VIEWS))] = None,
           unit: o.Unit = None, action: o.Action = None, format: o.Format = None, output: o.Output = None,
           since: o.Since = None, allow_errors: o.AllowErrors = False,
           levels: Annotated[bool, typer.Option("--levels")] = False) -> None:
    """report: completion rates and warnings as of a date, by task, unit, action, goal or carried item."""
    from tracker.actions.reporting import report as reported

    run = run_of(ctx)
    out = Output.of(run, "levels" if levels else "report", format, output)
    if by is not None and out.format.name == "json":
        run.fail(run.t("cli.by_json"), hint=run.t("cli.by_json.hint"))
    day = run.today(as_of, "--as-of")
    then = run.day(since, "--since")
    if then is not None and then >= day:
        run.fail(run.t("cli.since_after", since=then, day=day))
    out.show(reported(run.scope(), day, by=by or "unit", since=then, unit=unit, action=action, levels=levels,
                      trend="trend" in out.format.needs, allow_errors=allow_errors))


@writes("scores")
def score(ctx: typer.Context, as_of: o.AsOf = None, format: o.Format = None, output: o.Output = None,
          allow_errors: o.AllowErrors = False) -> None:
    """score: each unit's assessment score, ranked, with its breakdown."""
    from tracker.actions.reporting import scores

    run = run_of(ctx)
    out = Output.of(run, "scores", format, output)
    out.show(scores(run.scope(), run.today(as_of, "--as-of"), allow_errors=allow_errors))
