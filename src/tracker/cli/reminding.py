"""``tracker remind``: the reminders and the bulletin as Markdown and Word documents, and their register."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli import options as o
from tracker.cli.base import show_refusal
from tracker.cli.output import write
from tracker.cli.run import EXIT_PROBLEMS, run_of
from tracker.cli.usage import OneOf, folder
from tracker.core.formats import FRAMES


def remind(ctx: typer.Context, as_of: o.AsOf = None, unit: o.Unit = None,
           output: Annotated[Path | None, typer.Option("--output", "-o", click_type=folder())] = None,
           number: Annotated[str | None, typer.Option("--number")] = None, since: o.Since = None,
           record: Annotated[bool, typer.Option("--record")] = False, by: o.By = None,
           with_score: Annotated[bool, typer.Option("--score")] = False,
           cc: Annotated[str | None, typer.Option("--cc")] = None,
           frame: Annotated[str | None, typer.Option("--format-style", click_type=OneOf(FRAMES))] = None,
           allow_errors: o.AllowErrors = False) -> None:
    """remind: each notice in Markdown and Word, into one folder; with --record, kept in the register."""
    from tracker.actions.reminding import Reminders, register
    from tracker.actions.reminding import remind as drafted
    from tracker.core.formats import FORMATS, Options
    from tracker.render.formats import render

    run = run_of(ctx)
    day = run.today(as_of, "--as-of")
    scope = run.scope()

    def draft(issued: frozenset[str] = frozenset()) -> Reminders:
        return drafted(scope, run.lang, day, unit=unit, since=run.day(since, "--since"), number=number or "",
                       with_score=with_score, cc=cc or "", allow_errors=allow_errors, issued=issued, frame=frame)

    reminders = draft()
    refused = False
    if record:  # registered first, then drafted again, so the bulletin counts the reminders it goes out with
        registered = register(scope, reminders, number or "", by)
        for exc in registered.refused:
            show_refusal(run, exc)
        refused = bool(registered.refused)
        if refused and not registered.issued:  # no notice goes out that the register does not hold
            run.fail(run.t("cli.reminders-not-written"), EXIT_PROBLEMS)
        reminders = draft(registered.issued)
    folder_ = output or Path(f"notices-{day.isoformat()}")
    for stem, notice in reminders.notices:
        for fmt in (FORMATS["md"], FORMATS["docx"]):
            write(run, render(fmt, "notice", notice, Options(run.lang)), folder_ / f"{stem}{fmt.suffixes[0]}",
                  binary=fmt.binary)
    if refused:
        raise typer.Exit(EXIT_PROBLEMS)


def reply(ctx: typer.Context, notice: Annotated[str, typer.Argument()], unit: Annotated[str, typer.Option()],
          note: Annotated[str, typer.Option()], evidence: Annotated[list[str] | None, typer.Option()] = None,
          date: o.Date = None, by: o.By = None) -> None:
    """reply: a unit's reply (签收/回复) to a reminder it received, named by the notice's number."""
    from tracker.actions.reminding import reply as answer
    from tracker.cli.recording import said

    run = run_of(ctx)
    scope = run.scope()
    day = run.today(date, "--date", EXIT_PROBLEMS)
    done = answer(scope, notice, unit, note, day, evidence=evidence or [], by=by)
    r = done.reminder
    said(run, scope, done.written, "cli.replied", unit=done.unit, number=r.number or r.id, date=r.date.isoformat())
    if done.late and r.reply_by is not None:
        run.say(run.t("cli.replied-late", reply_by=r.reply_by.isoformat()))
