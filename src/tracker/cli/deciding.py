"""The office's decisions: ``tracker verify``, ``withdraw`` and ``extend``."""

from typing import Annotated

import typer

from tracker.cli import options as o
from tracker.cli.recording import said
from tracker.cli.run import EXIT_PROBLEMS, run_of

Required = Annotated[str, typer.Option()]


def verify(ctx: typer.Context, task: o.Task, unit: Required,
           reject: Annotated[bool, typer.Option("--reject")] = False, note: o.Note = None, date: o.Date = None,
           by: o.By = None) -> None:
    """verify: the office's close of a unit's "done", or its rejection with a reason."""
    from tracker.actions.deciding import verify as decide

    run = run_of(ctx)
    if reject and not (note or "").strip():
        run.fail(run.t("cli.reject-needs-note"), EXIT_PROBLEMS)
    day = run.today(date, "--date", EXIT_PROBLEMS)
    scope = run.scope()
    written = decide(scope, task, unit, day, reject=reject, note=note or "", by=by)
    said(run, scope, written, "cli.rejected" if reject else "cli.verified")


def withdraw(ctx: typer.Context, record_id: Annotated[str, typer.Argument()], note: Required, date: o.Date = None,
             by: o.By = None, unit: o.Unit = None) -> None:
    """withdraw: the office's correction, a record withdrawing an earlier one."""
    from tracker.actions.deciding import withdraw as decide
    from tracker.views.review import describe, record_type

    run = run_of(ctx)
    scope = run.scope()
    done = decide(scope, record_id, note, run.today(date, "--date", EXIT_PROBLEMS), by=by, unit=unit)
    target = done.target
    key = "cli.withdrew.what" if target.get("task") is not None else "cli.withdrew.what-no-task"
    what = run.t(key, kind=record_type(target, run.lang), task=target.get("task"), text=describe(target, run.lang))
    said(run, scope, done.written, "cli.withdrew", target=record_id, what=what)


def extend(ctx: typer.Context, task: o.Task, unit: Required, until: Annotated[str | None, typer.Option()] = None,
           approve: Annotated[bool, typer.Option("--approve")] = False,
           refuse: Annotated[bool, typer.Option("--refuse")] = False, note: o.Note = None, date: o.Date = None,
           by: o.By = None) -> None:
    """extend: a unit's request for a later deadline, or the office's approval or refusal of it."""
    from tracker.actions.deciding import extend as decide

    run = run_of(ctx)
    if sum((until is not None, approve, refuse)) != 1:
        run.fail(run.t("cli.extend-usage"))
    day = run.today(date, "--date", EXIT_PROBLEMS)
    later = run.day(until, "--until", EXIT_PROBLEMS)
    scope = run.scope()
    written = decide(scope, task, unit, day, until=later, approve=approve, note=note or "", by=by)
    done = "cli.extend-requested" if later else "cli.extend-approved" if approve else "cli.extend-refused"
    said(run, scope, written, done)
