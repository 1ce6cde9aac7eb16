"""The spreadsheet return: ``tracker template`` and ``tracker import``."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli import options as o
from tracker.cli.output import write
from tracker.cli.run import run_of
from tracker.cli.usage import file


def template(ctx: typer.Context, unit: o.Unit = None, all_units: Annotated[bool, typer.Option("--all")] = False,
             as_of: o.AsOf = None, output: o.Output = None) -> None:
    """template: a unit's return (or every unit's, into a folder) as an Excel/WPS workbook."""
    from tracker.actions.returns import template as forms
    from tracker.core.formats import FORMATS, Options
    from tracker.render.formats import render

    run = run_of(ctx)
    if all_units == (unit is not None):
        run.fail(run.t("form.unit-or-all"), hint="--unit 市应急局 -o 填报表.xlsx | --all -o 填报表/")
    if not all_units and output is not None and output.suffix.lower() != ".xlsx":
        run.fail(run.t("form.not-xlsx", path=output), hint=run.t("form.not-xlsx.hint"))
    if all_units and output is not None and output.suffix.lower() in (".xlsx", ".csv", ".xls"):
        run.fail(run.t("form.all-folder", path=output), hint=run.t("form.all-folder.hint"))
    day = run.today(as_of, "--as-of")
    xlsx = FORMATS["xlsx"]
    for name, form in forms(run.scope(), run.lang, day, unit=unit):
        if all_units:
            path = (output or Path(f"{run.t('form.sheet')}-{day.isoformat()}")) / name
        else:
            path = output or Path(name)
        write(run, render(xlsx, "form", form, Options(run.lang)), path, binary=True)


def import_(ctx: typer.Context, files: Annotated[list[Path], typer.Argument(click_type=file())],
            unit: o.Unit = None, by: o.By = None, dry_run: Annotated[bool, typer.Option("--dry-run")] = False) -> None:
    """import: filled returns taken in, all or nothing."""
    from tracker.actions.returns import take_in

    run = run_of(ctx)
    take_in(run.scope(), run.lang, files, unit=unit, by=by, dry_run=dry_run)
