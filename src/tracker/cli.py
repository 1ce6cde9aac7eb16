"""The command line. Glue only: parse options, call one core function, render, choose the exit code.

Exit codes: 0 fine, 1 problems found (or refused input), 2 usage or I/O error.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from tracker.i18n import Lang
from tracker.render import Fmt

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="tracker: the work-safety key task list (鄂州市安全生产治本攻坚三年行动重点工作清单) and its progress.",
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class ProblemFmt(str, Enum):
    TEXT = "text"
    JSON = "json"


@dataclass
class Options:
    root: Path | None
    lang: Lang


def _fail(message: str, code: int = EXIT_USAGE, hint: str = "") -> NoReturn:
    typer.echo(f"tracker: {message}", err=True)
    if hint:
        typer.echo(f"    hint: {hint}", err=True)
    raise typer.Exit(code)


def _opts(ctx: typer.Context) -> Options:
    obj = ctx.find_root().obj
    assert isinstance(obj, Options)
    return obj


def _root(ctx: typer.Context):  # type: ignore[no-untyped-def]
    from tracker.repo import NoRoot, find_root

    try:
        return find_root(explicit=_opts(ctx).root)
    except NoRoot as exc:
        _fail(str(exc), hint="run tracker inside a tracking folder, pass --root DIR, or create one with "
                             "`tracker init`")


def _catalog(ctx: typer.Context):  # type: ignore[no-untyped-def]
    """Load and check the catalog; stop with the problems when it has errors."""
    from tracker.render import problems_text
    from tracker.validate import load_checked

    checked = load_checked(_root(ctx))
    if checked.catalog is None or checked.errors:
        typer.echo(problems_text(checked.errors), err=True, nl=False)
        _fail("the task list has errors; fix them first (see `tracker validate`)", EXIT_PROBLEMS)
    return checked.catalog


def _emit(text: str) -> None:
    sys.stdout.write(text)


def _width() -> int | None:
    return None if sys.stdout.isatty() else 200


@app.callback()
def _main(
    ctx: typer.Context,
    root: Annotated[Path | None, typer.Option(help="Tracking folder (default: found from here upward).",
                                                 file_okay=False)] = None,
    lang: Annotated[Lang, typer.Option(help="Language of labels and notices.")] = Lang.ZH,
) -> None:
    """Global options."""
    ctx.obj = Options(root, lang)


@app.command()
def validate(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option(help="Fail on warnings too.")] = False,
    format: Annotated[ProblemFmt, typer.Option("--format", "-f", case_sensitive=False)] = ProblemFmt.TEXT,
) -> None:
    """Check tasks.yaml, units.yaml and every progress file; print each problem with file:line:col."""
    from tracker.problems import has_errors
    from tracker.render import problems_json, problems_text
    from tracker.validate import load_checked

    checked = load_checked(_root(ctx))
    _emit(problems_json(checked.problems) if format is ProblemFmt.JSON else problems_text(checked.problems))
    raise typer.Exit(EXIT_PROBLEMS if has_errors(checked.problems, strict) else EXIT_OK)


@app.command()
def tasks(
    ctx: typer.Context,
    action: Annotated[int | None, typer.Option(help="Only this action (1–10).")] = None,
    unit: Annotated[str | None, typer.Option(help="Only tasks this unit reports on (id, name or alias).")]
    = None,
    goals: Annotated[bool, typer.Option(help="Include the overall and stage goals.")] = False,
    format: Annotated[Fmt, typer.Option("--format", "-f", case_sensitive=False)] = Fmt.TABLE,
) -> None:
    """List the tasks with their action, responsible units, deadline, cadence and target."""
    from tracker.render import render_table
    from tracker.views import tasks_table

    cat = _catalog(ctx)
    if action is not None and action not in cat.actions:
        _fail(f"no action {action}", hint=f"actions are 1–{len(cat.actions)}")
    items = [i for i in cat.items.values() if goals or i.kind == "task"]
    if action is not None:
        items = [i for i in items if i.action == action]
    if unit is not None:
        uid = _unit_id(cat, unit)
        items = [i for i in items if uid in cat.reporters(i) or uid in i.units + i.groups]
    _emit(render_table(tasks_table(cat, items, _opts(ctx).lang), format, _width(), sys.stdout.isatty()))


@app.command()
def units(
    ctx: typer.Context,
    format: Annotated[Fmt, typer.Option("--format", "-f", case_sensitive=False)] = Fmt.TABLE,
) -> None:
    """List every responsible unit and collective name, with aliases, members and task count."""
    from tracker.render import render_table
    from tracker.views import units_table

    cat = _catalog(ctx)
    _emit(render_table(units_table(cat, _opts(ctx).lang), format, _width(), sys.stdout.isatty()))


@app.command()
def show(
    ctx: typer.Context,
    task: Annotated[str, typer.Argument(help="Task number (1–60) or goal id (G0–G5).")],
    format: Annotated[Fmt, typer.Option("--format", "-f", case_sensitive=False)] = Fmt.TABLE,
) -> None:
    """All that is known of one task: text, action, key work, units, deadline, cadence, target, notes."""
    from tracker.render import render_pairs, to_json
    from tracker.views import item_record, show_lines

    cat = _catalog(ctx)
    item = cat.items.get(_item_id(cat, task))
    assert item is not None
    if format is Fmt.JSON:
        _emit(to_json(item_record(cat, item)))
    else:
        _emit(render_pairs(show_lines(cat, item, _opts(ctx).lang), _width()))


def _item_id(cat, text: str) -> str:  # type: ignore[no-untyped-def]
    from tracker.problems import did_you_mean

    key = text.strip().upper().lstrip("#")
    if key.isdigit():
        key = str(int(key))
    if key not in cat.items:
        _fail(f"no task {text!r}", EXIT_PROBLEMS,
              did_you_mean(key, cat.items) or "tasks are numbered 1–60, goals G0–G5")
    return key


def _unit_id(cat, name: str) -> str:  # type: ignore[no-untyped-def]
    from tracker.problems import did_you_mean

    ids = cat.lookup_unit(name)
    if len(ids) == 1:
        return str(ids[0])
    if len(ids) > 1:
        _fail(f"{name!r} may mean {', '.join(ids)}", EXIT_PROBLEMS, "use the unit id")
    names = [n for u in cat.units.values() for n in u.names()]
    _fail(f"unknown unit {name!r}", EXIT_PROBLEMS, did_you_mean(name, names) or "see `tracker units`")


def main() -> None:
    """Console entry point: no Python traceback reaches the user unless TRACKER_DEBUG is set."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("tracker: interrupted; nothing was changed", err=True)
        raise SystemExit(130) from None
    except Exception as exc:  # noqa: BLE001 - last line of defence
        if os.environ.get("TRACKER_DEBUG"):
            raise
        typer.echo(f"tracker: internal error: {type(exc).__name__}: {exc}", err=True)
        typer.echo("    hint: please report this; set TRACKER_DEBUG=1 to see the details", err=True)
        raise SystemExit(3) from None
