"""``tracker validate`` and ``tracker explain``: what is wrong in the folder, and what a problem code means."""

from typing import Annotated

import typer

from tracker.cli import options as o
from tracker.cli.output import Output, write
from tracker.cli.run import EXIT_OK, EXIT_PROBLEMS, run_of
from tracker.cli.writes import writes


@writes("problems")
def validate(ctx: typer.Context, strict: Annotated[bool, typer.Option()] = False, format: o.Format = None,
             output: o.Output = None) -> None:
    """validate: every problem of the folder; exit 1 on an error (on a warning too with --strict)."""
    from tracker.actions.checking import validate as check
    from tracker.core.problems import has_errors

    run = run_of(ctx)
    out = Output.of(run, "problems", format, output)
    found = check(run.scope())
    out.show(found)
    raise typer.Exit(EXIT_PROBLEMS if has_errors(found.problems, strict) else EXIT_OK)


def explain(ctx: typer.Context, code: Annotated[str | None, typer.Argument()] = None,
            all_codes: Annotated[bool, typer.Option("--all")] = False) -> None:
    """explain: one problem code's level, documentation, message and hint; every code with --all."""
    from tracker.actions.setup import explain as look_up
    from tracker.render.text import code_text, codes_markdown

    run = run_of(ctx)
    if all_codes or code is None:
        write(run, codes_markdown().encode("utf-8"), None)
        return
    write(run, code_text(code, look_up(code), run.lang).encode("utf-8"), None)
