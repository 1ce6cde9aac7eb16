"""Usage errors (an unknown option, a missing value, a bad choice …) said in the reader's language.

click says what is wrong with a command line in English; here each of its errors is put into words by its
kind, from the exception's class and attributes (the option named, the value given, the choices), never by
reading click's English. The parameter types below are click's own with one difference: a value they refuse
raises ``Invalid``, which keeps the value and why it was refused. ``fail`` ends a run with a message and a
hint; ``words`` is what ``Usage.show`` prints.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoSuchOption,
    UsageError,
)
from typer._click.types import IntParamType, IntRange
from typer._types import TyperChoice
from typer.models import TyperPath

from tracker.core.i18n import Lang, label

EXIT_USAGE = 2


def complain(lang: Lang, message: str, hint: str = "") -> None:
    """``tracker: message`` and the hint on stderr, made inert for the terminal."""
    from tracker.core.escape import terminal

    typer.echo(terminal(f"tracker: {message}"), err=True)
    if hint:
        typer.echo(terminal("    " + label("hint", lang).format(hint=hint)), err=True)


def fail(lang: Lang, message: str, code: int = EXIT_USAGE, hint: str = "") -> NoReturn:
    """End the run with ``code``, saying why (``complain``)."""
    complain(lang, message, hint)
    raise typer.Exit(code)


# ------------------------------------------------------------------ the kinds of usage errors click lacks


class NoSuchCommand(UsageError):
    """A command name no command has; ``possibilities`` are the close ones."""

    def __init__(self, name: str, possibilities: Sequence[str], ctx: Any) -> None:
        super().__init__(f"No such command {name!r}.", ctx)
        self.name, self.possibilities = name, list(possibilities)


class MissingCommand(UsageError):
    def __init__(self, ctx: Any) -> None:
        super().__init__("Missing command.", ctx)


class ExtraArguments(UsageError):
    def __init__(self, args: Sequence[str], ctx: Any) -> None:
        super().__init__(f"Got unexpected extra argument(s) ({' '.join(args)})", ctx)
        self.args_given = list(args)


class Invalid(BadParameter):
    """A value a parameter's type refused, and why: ``not-one-of`` (its ``choices``), ``not-integer``,
    ``range`` (its ``range``), ``is-a-file``, ``is-a-folder``."""

    def __init__(self, why: str, value: Any, message: str, ctx: Any = None, param: Any = None,
                 **more: Any) -> None:
        super().__init__(message, ctx=ctx, param=param)
        self.why, self.value, self.more = why, value, more


# ------------------------------------------------------------------ click's types, refusing with Invalid


class OneOf(TyperChoice[str]):
    """One of ``choices``, as typed (case matters)."""

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        try:
            return str(super().convert(value, param, ctx))
        except BadParameter as exc:
            raise Invalid("not-one-of", value, exc.message, ctx, param, choices=list(self.choices)) from None


def _whole(refused: BadParameter, value: Any, ctx: Any, param: Any, bounds: str | None) -> Invalid:
    """Why a whole number was refused: not one, or (``bounds``) not within them."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return Invalid("not-integer", value, refused.message, ctx, param)
    return Invalid("range", number, refused.message, ctx, param, range=bounds)


class Whole(IntParamType):
    """A whole number."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return super().convert(value, param, ctx)
        except BadParameter as exc:
            raise _whole(exc, value, ctx, param, None) from None


class WholeIn(IntRange):
    """A whole number within ``min`` and ``max``."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return super().convert(value, param, ctx)
        except BadParameter as exc:
            raise _whole(exc, value, ctx, param, self._describe_range()) from None


class Place(TyperPath):
    """A path that must be a folder (``file_okay=False``) or a file (``dir_okay=False``) when it exists."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return super().convert(value, param, ctx)
        except BadParameter as exc:
            why = "is-a-folder" if os.path.isdir(value) else "is-a-file" if os.path.isfile(value) else ""
            if not why:
                raise
            raise Invalid(why, value, exc.message, ctx, param) from None


def folder() -> Place:
    return Place(file_okay=False)


def file() -> Place:
    return Place(dir_okay=False)


# ------------------------------------------------------------------ in words


def _option(param: Any) -> str:
    """An option as the messages name it: its first long name (``--format``, never ``'--format' / '-f'``)."""
    longs = [str(o) for o in param.opts if o.startswith("--")]
    return (longs or [str(o) for o in param.opts])[0]


def _named(param: Any, lang: Lang) -> str:
    """A parameter as the help names it: an option by its long name, an argument in words (任务 / task)."""
    if param.param_type_name == "argument":
        from tracker.cli.help import arg_name

        return arg_name(param, lang)
    return _option(param)


def _detail(exc: Invalid, lang: Lang) -> str:
    if exc.why == "not-one-of":
        return label("usage.not-one-of", lang).format(repr(exc.value), ", ".join(map(repr, exc.more["choices"])))
    if exc.why == "range":
        return label("usage.range", lang).format(exc.value, exc.more["range"])
    if exc.why == "not-integer":
        return label("usage.not-integer", lang).format(repr(exc.value))
    return label(f"usage.{exc.why}", lang).format(exc.value, "")


def _flag(ctx: Any, name: str) -> bool:
    """Whether the option called ``name`` takes no value (a flag)."""
    command = ctx.command if ctx is not None else None
    for param in getattr(command, "params", []):
        if name in (*param.opts, *param.secondary_opts):
            return bool(getattr(param, "is_flag", False) or getattr(param, "count", False))
    return False


def words(exc: UsageError, lang: Lang) -> str:
    """What is wrong with the command line, in ``lang``, by the kind of click's error."""
    def say(key: str, first: str, rest: str = "") -> str:
        return label(key, lang).format(first, rest)

    if isinstance(exc, NoSuchOption):
        more = label("usage.possible", lang).format(", ".join(sorted(exc.possibilities))) if exc.possibilities else ""
        return say("usage.no-option", exc.option_name, more)
    if isinstance(exc, NoSuchCommand):
        more = ", ".join(repr(p) for p in exc.possibilities)
        return say("usage.no-command", exc.name, label("usage.did-you-mean", lang).format(more) if more else "")
    if isinstance(exc, MissingCommand):
        return say("usage.missing-command", "")
    if isinstance(exc, ExtraArguments):
        return say("usage.extra", " ".join(exc.args_given))
    if isinstance(exc, MissingParameter) and exc.param is not None:
        kind = "argument" if exc.param.param_type_name == "argument" else "option"
        return say(f"usage.missing-{kind}", _named(exc.param, lang))
    if isinstance(exc, Invalid) and exc.param is not None:
        return say("usage.invalid", _named(exc.param, lang), _detail(exc, lang))
    if isinstance(exc, BadParameter) and exc.param is not None:  # a type of click's own: its words as they are
        return say("usage.invalid", _named(exc.param, lang), exc.message)
    if isinstance(exc, BadOptionUsage):
        return say("usage.no-value" if _flag(exc.ctx, exc.option_name) else "usage.needs-value", exc.option_name)
    return exc.format_message()


def close(name: str, names: Sequence[str]) -> list[str]:
    """The names close to a mistyped one, as typer suggests them."""
    return difflib.get_close_matches(name, list(names))


class Usage(UsageError):
    """A usage error of click's, shown in the reader's language with where to look instead of the whole usage
    text; the language is the run's (the root context's ``obj``), read from the command line."""

    def __init__(self, exc: UsageError, lang: Lang) -> None:
        super().__init__(exc.format_message(), exc.ctx)
        self.error, self.lang = exc, lang
        self.command = exc.ctx.command_path if exc.ctx is not None else "tracker"

    def show(self, file: Any = None) -> None:
        from tracker.core.escape import terminal

        typer.echo(terminal(f"tracker: {words(self.error, self.lang)}"), err=True)
        typer.echo("    " + label("hint", self.lang).format(hint=label("usage.help", self.lang).format(
            command=self.command)), err=True)
