"""What every command and group of the app is made of: help in the reader's language, click's usage errors
said by kind (``usage``), and an action's refusal shown as the reader reads it, with its exit code.

Exit codes: 0 fine, 1 problems found or input refused, 2 usage or I/O error (also a refusal of what the
command line names, ``USAGE_CODES``), 3 internal error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

import typer
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandFunctionType

from tracker.cli.run import EXIT_PROBLEMS, Run, lang_of, run_of
from tracker.cli.usage import EXIT_USAGE, ExtraArguments, MissingCommand, NoSuchCommand, Usage, close, complain

USAGE_CODES = frozenset({"unknown-action"})  # refusals of what the command line names that are usage errors


def _help_page(command: Any, ctx: Any, formatter: Any) -> None:
    """A command's help in this run's language, every word from i18n (see ``cli.help``)."""
    from tracker.cli.help import page

    formatter.write(page(command, ctx, run_of(ctx).lang, formatter.width))


def show_refusal(run: Run, exc: Any) -> int:
    """An action's refusal (``core.refusal.Refused``) on stderr, as its problems read: the reasons under its
    message, a file's listing then its message, or a spreadsheet's cells then its message; its exit code."""
    from tracker.render.text import problems_text, refusal_text, sheet_problems_text

    code = EXIT_USAGE if any(p.code in USAGE_CODES for p in exc.problems) else EXIT_PROBLEMS
    lang = run.lang
    if exc.shown == "refusal" and exc.msg is not None:
        typer.echo(refusal_text(exc.msg.text(lang), exc.problems, lang), err=True, nl=False)
        return code
    if exc.shown == "listing":
        typer.echo(problems_text(exc.problems, lang), err=True, nl=False)
    elif exc.shown == "cells":
        typer.echo(sheet_problems_text(exc.problems, lang), err=True, nl=False)
    else:
        for p in exc.problems:
            complain(lang, p.message(lang), p.hint(lang))
    if exc.msg is not None:
        complain(lang, exc.msg.text(lang))
    return code


def refused(run: Run, exc: Any) -> NoReturn:
    raise typer.Exit(show_refusal(run, exc))


def _failed(run: Run, exc: Exception) -> None:
    """What an action's failure means for the reader, if it is one the command line knows (else it goes on up,
    an internal error)."""
    from tracker.core.refusal import CannotWrite, Refused
    from tracker.load.inputs import BadInput

    if isinstance(exc, Refused):
        refused(run, exc)
    if isinstance(exc, BadInput):  # what was typed for a record is no date, no number, no status …
        run.fail(exc.msg.text(run.lang), EXIT_PROBLEMS)
    if isinstance(exc, CannotWrite):
        run.fail(run.t("cli.cannot-write", path=exc.path, reason=exc.reason))
    from tracker.actions.reviewing import NoRepository
    from tracker.git.run import GitError

    if isinstance(exc, NoRepository):
        run.fail(run.t("cli.git", error=exc), hint=run.t("cli.hint.git"))
    if isinstance(exc, GitError):
        run.fail(run.t("cli.git", error=exc))


class _Command(TyperCommand):
    """A command whose help is in the reader's language, whose extra arguments are a usage error of their own
    kind, and whose action's refusals are shown to the reader."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _help_page(self, ctx, formatter)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        allowed, ctx.allow_extra_args = ctx.allow_extra_args, True
        try:
            rest = super().parse_args(ctx, args)
        except UsageError as exc:  # click's parser raises some without the context: the command's options
            exc.ctx = exc.ctx or ctx
            raise
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            raise ExtraArguments(rest, ctx)
        return rest

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, UsageError):
            raise
        except Exception as exc:
            _failed(run_of(ctx), exc)
            raise


class _Commands(TyperGroup):
    """A group of commands (``tracker levels``) whose help is in the reader's language, and whose unknown or
    missing command is a usage error of its own kind.

    Its commands may be named in ``lazy`` (a command's name → ``module:function``, or ``module:function`` that
    makes a group of commands): a command is made, and its module imported, only when a run asks for it, so a
    run pays for its own command and not for the others. The help lists them all, in this order."""

    lazy: Mapping[str, str] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        return list(dict.fromkeys([*self.lazy, *self.commands]))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            self.commands[cmd_name] = _made(cmd_name, self.lazy[cmd_name])
        return self.commands.get(cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _help_page(self, ctx, formatter)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0]
        command = self.get_command(ctx, name)
        if command is None and not ctx.resilient_parsing:
            if name[:1] and not name[:1].isalnum():  # an option where a command was expected: said as such
                self.parse_args(ctx, args)
            raise NoSuchCommand(name, close(name, self.list_commands(ctx)), ctx)
        return (name if command else None), command, args[1:]

    def invoke(self, ctx: Any) -> Any:
        if not ctx._protected_args and not self.invoke_without_command:
            raise MissingCommand(ctx)
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, UsageError):
            raise
        except Exception as exc:  # the group's own callback (``tracker tasks``) refused
            _failed(run_of(ctx), exc)
            raise


def _made(name: str, where: str) -> Any:
    """The click command ``name`` of a group's ``lazy`` table, made as typer makes a registered command (or, from
    an ``App``, a registered group)."""
    import importlib

    from typer.main import get_command_from_info, get_group_from_info
    from typer.models import CommandInfo, TyperInfo

    module, _, attr = where.partition(":")
    made = getattr(importlib.import_module(module), attr)
    if isinstance(made, typer.Typer):
        return get_group_from_info(TyperInfo(made, name=name), pretty_exceptions_short=made.pretty_exceptions_short,
                                   rich_markup_mode=None, suggest_commands=made.suggest_commands)
    return get_command_from_info(CommandInfo(name, cls=_Command, callback=made), pretty_exceptions_short=True,
                                 rich_markup_mode=None)


class _Group(_Commands):
    """The app: global options are also accepted after the command (``tracker report --lang en``): they are
    moved in front of it before parsing. Nothing after a ``--`` is touched. The run begins here, its language
    read from the command line, as help is printed while click parses it; every usage error is said in it."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        run = Run(lang_of(args))
        ctx.obj = run
        for arg in args:  # bytes that are not UTF-8 reach Python as lone surrogates, which no file can hold
            bad = re.search("[\udc80-\udcff]", arg)
            if bad is not None:
                run.fail(run.t("usage.not-utf8", byte=f"{ord(bad.group()) - 0xDC00:02x}"), EXIT_USAGE,
                         run.t("usage.hint.not-utf8"))
        try:
            return super().parse_args(ctx, _hoisted(args))
        except NoArgsIsHelpError:
            raise
        except UsageError as exc:
            raise Usage(exc, run.lang) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NoArgsIsHelpError:
            raise
        except Usage:
            raise
        except UsageError as exc:
            raise Usage(exc, run_of(ctx).lang) from None


class App(typer.Typer):
    """Every command of the app prints its help in the reader's language and shows its refusals."""

    def command(self, *args: Any, cls: type[TyperCommand] | None = None, **kwargs: Any
                ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        return super().command(*args, cls=cls or _Command, **kwargs)


def group(**kwargs: Any) -> App:
    """A group of commands under the app (``tracker levels``; ``tracker tasks``, which lists when given no
    command)."""
    return App(cls=_Commands, **{"no_args_is_help": True, "rich_markup_mode": None, **kwargs})


def app(lazy: Mapping[str, str], **kwargs: Any) -> App:
    """The app, its commands named in ``lazy`` (a command's name → where it is, see ``_Commands``)."""
    commands = type("Commands", (_Group,), {"lazy": dict(lazy)})
    return App(cls=commands, add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
               rich_markup_mode=None, **kwargs)


_GLOBAL_WITH_VALUE = ("--lang", "--root")


def _hoisted(args: list[str]) -> list[str]:
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        if arg in _GLOBAL_WITH_VALUE and i + 1 < len(args):
            front += args[i:i + 2]
            i += 2
            continue
        if arg.startswith(tuple(f"{g}=" for g in _GLOBAL_WITH_VALUE)) or arg == "--no-cache":
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest
