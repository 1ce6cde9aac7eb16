"""Review in git: ``tracker diff``, ``log``, ``check-authors`` and ``codeowners``."""

from typing import Annotated

import typer

from tracker.cli import options as o
from tracker.cli.output import Output, write
from tracker.cli.run import EXIT_OK, EXIT_PROBLEMS, Run, run_of
from tracker.cli.usage import OneOf
from tracker.cli.writes import writes

PLATFORMS = ("github", "gitlab", "gitea")


def _data(run: Run, *revs: str | None) -> None:
    """Revisions from the command line are data: one that git could read as an option is refused."""
    for rev in revs:
        if rev is not None and any(part.startswith("-") for part in rev.replace("...", "..").split("..")):
            run.fail(run.t("cli.rev-option", rev=rev), hint=run.t("cli.rev-option.hint"))


@writes("diff")
def diff(ctx: typer.Context, rev_a: Annotated[str | None, typer.Argument()] = None,
         rev_b: Annotated[str | None, typer.Argument()] = None, as_of: o.AsOf = None, format: o.Format = None,
         output: o.Output = None) -> None:
    """diff: what a change did to the progress files; exit 1 when it edits or deletes records or adds errors."""
    from tracker.actions.reviewing import diff as changed

    run = run_of(ctx)
    out = Output.of(run, "diff", format, output)
    _data(run, rev_a, rev_b)
    done = changed(run.scope(), run.lang, run.today(as_of, "--as-of"), rev_a, rev_b)
    out.show(done)
    raise typer.Exit(EXIT_PROBLEMS if done.fails else EXIT_OK)


@writes("listing")
def log(ctx: typer.Context, unit: o.Unit = None, task: Annotated[str | None, typer.Option()] = None,
        since: Annotated[str | None, typer.Option()] = None, format: o.Format = None,
        output: o.Output = None) -> None:
    """log: every record with the commit, author and time that added it."""
    from tracker.actions.reviewing import log as history

    run = run_of(ctx)
    out = Output.of(run, "listing", format, output)
    out.show(history(run.scope(), run.lang, unit=unit, task=task, since=run.day(since, "--since")))


def check_authors(ctx: typer.Context, rev_range: Annotated[str, typer.Argument()],
                  require_signed: Annotated[bool, typer.Option()] = False) -> None:
    """check-authors: each commit of a range that changed what its author may not; exit 1 when there is one."""
    from tracker.actions.reviewing import check_authors as checked

    run = run_of(ctx)
    _data(run, rev_range)
    found = checked(run.scope(), rev_range, require_signed=require_signed)
    from tracker.core.escape import terminal

    for v in found.violations:
        typer.echo(terminal(f"{v.commit[:10]} {v.author}: {v.path}: {v.reason.text(run.lang)}"))
    typer.echo(run.t("cli.checked", commits=found.commits, violations=len(found.violations)))
    if found.before_root:
        typer.echo(run.t("cli.before-root", n=found.before_root, root=found.root[:10]))
    if found.first_named:
        run.say(run.t("cli.hint.trust-root", commit=found.first_named[:10], full=found.first_named))
    if not require_signed:
        run.say(run.t("cli.forgeable"))
    raise typer.Exit(EXIT_PROBLEMS if found.violations else EXIT_OK)


def codeowners(ctx: typer.Context, platform: Annotated[str, typer.Option(click_type=OneOf(PLATFORMS))] = "github",
               output: o.Output = None) -> None:
    """codeowners: a CODEOWNERS file from units.yaml's maintainers."""
    from tracker.actions.reviewing import codeowners as made

    run = run_of(ctx)
    write(run, made(run.scope(), platform).encode("utf-8"), output)
