"""Asking for a missing option at a terminal (``tracker record`` without --status …): each answer read by the
action's own check and, when refused, said why and asked again. Without a terminal nothing is asked: a
missing option is refused."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

import typer

from tracker.cli.run import EXIT_PROBLEMS, Run

T = TypeVar("T")


def interactive() -> bool:
    """Ask only when a person is at a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


class Asker:
    """The ``actions.recording.Ask`` of a run: prompts in its language, on stderr."""

    def __init__(self, run: Run) -> None:
        self.run = run

    def __call__(self, option: str, prompt: str, read: Callable[[str], T], choices: tuple[str, str] = ("", ""),
                 default: str | None = None) -> T:
        from tracker.core.i18n import Lang
        from tracker.core.refusal import Refused
        from tracker.load.inputs import BadInput

        run = self.run
        if not interactive():
            if default is not None:
                return read(default)
            run.fail(run.t("cli.missing-option", option=option), EXIT_PROBLEMS,
                     run.t("cli.hint.missing-option", option=option))
        words = run.t(prompt, choices=choices[0] if run.lang is Lang.ZH else choices[1], default=default or "")
        while True:
            try:
                answer = str(typer.prompt(words, err=True, default=default or "", show_default=False)).strip()
            except typer.Abort:  # Ctrl-C or the end of the input at the prompt: click would say "Aborted!"
                run.fail(run.t("cli.aborted"), EXIT_PROBLEMS)
            if not answer:
                continue
            try:
                return read(answer)
            except BadInput as exc:
                run.say(run.t("prompt.retry", message=exc.msg.text(run.lang)))
            except Refused as exc:  # said as the command line says it: with its hint (the names close to it)
                first = exc.problems[0]
                hint = first.hint(run.lang)
                run.say(run.t("prompt.retry.hint" if hint else "prompt.retry", message=first.message(run.lang),
                              hint=hint))
