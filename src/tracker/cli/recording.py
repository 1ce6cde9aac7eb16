"""A unit's records: ``tracker record`` (progress) and ``tracker plan`` (a milestone)."""

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli import options as o
from tracker.cli.run import EXIT_PROBLEMS, Run, run_of

if TYPE_CHECKING:
    from tracker.actions.scope import Scope
    from tracker.folder.store import Written


def said(run: Run, scope: "Scope", written: "Written", done: str, **more: str) -> None:
    """A record written: what ``validate`` would warn about it, then where it went (``done``: the label,
    given ``more`` of its words), then, in a git folder, how to commit it."""
    from tracker.actions.recording import commit_hint

    for warning in written.warnings:
        from tracker.render.text import problem_line  # only where there is one: a table renderer's imports

        run.say(problem_line(warning, run.lang))
    run.say(run.t(done, id=written.record.id, path=scope.root.rel(written.path), **more))
    hint = commit_hint(scope, written)
    if hint is not None:
        run.notice(hint)


def record(ctx: typer.Context, task: o.Task, unit: o.Unit = None, status: Annotated[str | None, typer.Option()] = None,
           percent: Annotated[str | None, typer.Option()] = None, value: Annotated[str | None, typer.Option()] = None,
           note: o.Note = None, evidence: Annotated[list[str] | None, typer.Option()] = None, date: o.Date = None,
           by: o.By = None) -> None:
    """record: a unit's progress on a task, asked for what is missing at a terminal."""
    from tracker.actions.recording import record as write
    from tracker.cli.prompt import Asker

    run = run_of(ctx)
    scope = run.scope()
    written = write(scope, Asker(run), task, unit=unit, status=status, percent=percent, value=value, note=note,
                    evidence=evidence or [], date=date, by=by)
    said(run, scope, written, "cli.recorded", **what_recorded(run, scope, written))


def what_recorded(run: Run, scope: "Scope", written: "Written") -> dict[str, str]:
    """A progress record in the words of its confirmation: the unit, the task, the status, the percent and the
    date, so a record made through prompts is seen as it was written."""
    from tracker.actions.scope import catalog
    from tracker.core.model import Entry

    entry = written.record
    assert isinstance(entry, Entry)
    unit = catalog(scope).units.get(entry.unit)
    return {"unit": unit.short if unit is not None else entry.unit, "task": entry.task,
            "status": run.t(f"status.{entry.status.value}"), "percent": f"{entry.percent:g}",
            "date": entry.date.isoformat()}


def plan(ctx: typer.Context, task: o.Task, unit: o.Unit = None, due: Annotated[str | None, typer.Option()] = None,
         milestone: Annotated[str | None, typer.Option()] = None,
         percent: Annotated[str | None, typer.Option()] = None,
         replaces: Annotated[str | None, typer.Option()] = None, date: o.Date = None, by: o.By = None) -> None:
    """plan: a milestone in a unit's timetable for a task."""
    from tracker.actions.recording import plan as write
    from tracker.cli.prompt import Asker

    run = run_of(ctx)
    set_on, due_day = run.day(date, "--date", EXIT_PROBLEMS), run.day(due, "--due", EXIT_PROBLEMS)
    scope = run.scope()
    written = write(scope, Asker(run), task, unit=unit, due=due_day, milestone=milestone, percent=percent,
                    replaces=replaces, date=set_on, by=by)
    said(run, scope, written, "cli.planned")
