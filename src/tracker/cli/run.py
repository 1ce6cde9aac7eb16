"""One run of the command line: its global options (the folder, the language, the cache) in click's context
object, and what every command needs of them: words in the run's language, the folder, dates as typed, and
the scope an action works in.

The language travels with the run, never in a global: it is read from the command line before click parses
it (``lang_of``: help is printed while click parses, before any option's value is known), then from the
parsed ``--lang``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

import typer

from tracker.cli.usage import EXIT_USAGE, fail
from tracker.core.i18n import Lang, Msg, label

if TYPE_CHECKING:
    from tracker.actions.scope import Scope, Tick
    from tracker.core.problems import Problem
    from tracker.folder.root import Root

EXIT_OK, EXIT_PROBLEMS = 0, 1


def lang_of(args: list[str]) -> Lang:
    """The language a command line asks for (``--lang`` anywhere before a ``--``, else TRACKER_LANG), or
    Chinese; a value that is no language is left for click to refuse."""
    chosen = os.environ.get("TRACKER_LANG", "")
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            chosen = args[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    return Lang.EN if chosen == Lang.EN.value else Lang.ZH


class Run(NamedTuple):
    """This run's global options: the language of its words, the folder asked for (``--root``), whether the
    derived cache may be used."""

    lang: Lang
    root_option: Path | None = None
    cache: bool = True

    def t(self, key: str, **args: Any) -> str:
        """A message of the command line in this run's language."""
        return label(key, self.lang).format(**args)

    def fail(self, message: str, code: int = EXIT_USAGE, hint: str = "") -> NoReturn:
        fail(self.lang, message, code, hint)

    def say(self, message: str) -> None:
        """What a command did or noticed, on stderr, so that stdout stays data."""
        from tracker.core.escape import terminal

        typer.echo(terminal(message), err=True)

    def notice(self, msg: Msg) -> None:
        self.say(msg.text(self.lang))

    def warn(self, problems: list[Problem]) -> None:
        """Problems that stop nothing, listed on stderr as ``tracker validate`` lists them."""
        from tracker.render.text import problems_text

        typer.echo(problems_text(problems, self.lang), err=True, nl=False)

    def folder(self) -> Root:
        """The tracking folder: ``--root``, else the nearest one at or above the working directory; with the
        git directory git itself names for it (where its cache may live: ``folder.cache.cache_dir``)."""
        from tracker.folder.root import NoRoot, find_root
        from tracker.git.run import git_dir

        try:
            root = find_root(explicit=self.root_option)
        except NoRoot as exc:
            self.fail(self.t("cli.no-root-here" if exc.explicit else "cli.no-root", path=exc.path),
                      hint=self.t("cli.hint.no-root"))
        return root._replace(git_dir=git_dir(root.path))

    def scope(self) -> Scope:
        """Where an action works: the folder, today in China (read now), the cache, and this run's notices
        and progress bars."""
        from tracker.actions.scope import Scope
        from tracker.core import dates

        return Scope(self.folder(), dates.today_cst(), self.cache, self.notice, self.warn, self.progress)

    @contextlib.contextmanager
    def progress(self, what: str) -> Iterator[Tick | None]:
        """A progress bar on stderr for long work (``what``: its label), only where a person watches it (stderr
        is a terminal) and only once the work is long; otherwise nothing, and rich is not even imported."""
        if not sys.stderr.isatty():
            yield None
            return
        from tracker.render.terminal import ProgressBar

        with ProgressBar(self.t(what)) as bar:
            yield bar.tick

    def day(self, text: str | None, option: str, code: int = EXIT_USAGE) -> dt.date | None:
        """A date as people type it (2025-09-30, 2025/9/30, 2025年9月30日 …), None when not given; a text that
        is no date ends the run with ``code``, naming the option."""
        if text is None:
            return None
        from tracker.load.inputs import BadInput, date

        try:
            return date(text)
        except BadInput as exc:
            self.fail(self.t("cli.bad-option", option=option, message=exc.msg.text(self.lang)), code)

    def today(self, text: str | None, option: str, code: int = EXIT_USAGE) -> dt.date:
        """``day``, today (China time) when not given."""
        from tracker.core import dates

        return self.day(text, option, code) or dates.today_cst()


def run_of(ctx: typer.Context) -> Run:
    """The run a command belongs to (the root context's object, set as click begins to parse)."""
    obj = ctx.find_root().obj
    if not isinstance(obj, Run):  # a context made outside a run (a test's): the language as a run reads it
        obj = Run(lang_of([]))
    return obj
