"""``tracker remind``: the reminders and the bulletin as Markdown and Word documents, and their register."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli import options as o
from tracker.cli.base import show_refusal
from tracker.cli.output import write
from tracker.cli.run import EXIT_PROBLEMS, run_of
from tracker.cli.usage import folder


def remind(ctx: typer.Context, as_of: o.AsOf = None, unit: o.Unit = None,
           output: Annotated[Path | None, typer.Option("--output", "-o", click_type=folder())] = None,
           number: Annotated[str | None, typer.Option("--number")] = None, since: o.Since = None,
           record: Annotated[bool, typer.Option("--record")] = False, by: o.By = None,
           with_score: Annotated[bool, typer.Option("--score")] = False,
           cc: Annotated[str | None, typer.Option("--cc")] = None,
           allow_errors: o.AllowErrors = False) -> None:
    """remind: each notice in Markdown and Word, into one folder; with --record, kept in the register."""
    from tracker.actions.reminding import register
    from tracker.actions.reminding import remind as drafted
    from tracker.core.formats import FORMATS, Options
    from tracker.render.formats import render

    run = run_of(ctx)
    day = run.today(as_of, "--as-of")
    scope = run.scope()
    reminders = drafted(scope, run.lang, day, unit=unit, since=run.day(since, "--since"), number=number or "",
                        with_score=with_score, cc=cc or "", allow_errors=allow_errors)
    folder_ = output or Path(f"notices-{day.isoformat()}")
    for stem, notice in reminders.notices:
        for fmt in (FORMATS["md"], FORMATS["docx"]):
            write(run, render(fmt, "notice", notice, Options(run.lang)), folder_ / f"{stem}{fmt.suffixes[0]}",
                  binary=fmt.binary)
    if record:
        failed = register(scope, reminders, number or "", by)
        for exc in failed:
            show_refusal(run, exc)
        if failed:
            raise typer.Exit(EXIT_PROBLEMS)
