"""What a person sees at a terminal: tables fitted to the terminal's width (``render.layout``: nothing a person
checks is cut; free text wraps, optional columns are left out and said so), headlines wrapped between their
phrases, colour by warning level with a legend for the colours. Only the progress bar on stderr is drawn by rich,
and only when there is long work to show."""

from __future__ import annotations

import os
import sys
from typing import Any

from tracker.core.escape import terminal
from tracker.core.i18n import Lang, label
from tracker.render.layout import wrap
from tracker.render.text import _BOLD, _RESET, Grid, grid, grid_text
from tracker.views.palette import tone
from tracker.views.tables import Table


def colour(file: Any = None) -> bool:
    """Colour for a person: never with NO_COLOR, always with FORCE_COLOR, else only when writing to a terminal."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = file if file is not None else sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def columns(file: Any = None) -> int:
    """The terminal's width: the one stdout is shown in, else COLUMNS, else 80."""
    import shutil

    stream = file if file is not None else sys.stdout
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, AttributeError, ValueError):
        return shutil.get_terminal_size((80, 24)).columns


def lines_of(text: str, width: int, bold: bool = False) -> str:
    """A headline or a line of words, wrapped between its phrases, never inside a figure; a control character in
    it (a title, a level's name) shown escaped."""
    out = [line for para in terminal(text).split("\n") for line in wrap(para, width, "phrases")]
    return "\n".join(_BOLD + line + _RESET if bold and line else line for line in out) + "\n"


def legend_text(legend: list[tuple[str, str]], width: int, color: bool) -> str:
    out = []
    for style, words in legend:
        mark = tone(style).ansi + "■" + _RESET if color and tone(style).ansi else "■"
        for n, line in enumerate(wrap(terminal(words), max(width - 2, 8), "phrases")):
            out.append((mark if n == 0 else " ") + " " + line)
    return "\n".join(out) + "\n"


def omitted_text(g: Grid, width: int, lang: Lang) -> str:
    if not g.omitted:
        return ""
    return lines_of(label("terminal.omitted", lang).format(columns=label("term.levels.sep", lang).join(g.omitted)),
                    width)


def table_text(table: Table, width: int, color: bool, lang: Lang = Lang.ZH,
               legend: list[tuple[str, str]] | None = None) -> str:
    """A table as a terminal shows it: its title, the table fitted to ``width``, what was left out, the legend of
    its colours."""
    g = grid(table._replace(title=""), width, box=False, color=color)
    text = (lines_of(table.title, width, bold=color) if table.title else "") + grid_text(g, centre=False)
    text += omitted_text(g, width, lang)
    if legend and table.styles and any(table.styles):
        text += legend_text(legend, width, color)
    return text


def print_table(table: Table, legend: list[tuple[str, str]] | None = None, *, file: Any = None,
                width: int | None = None, lang: Lang = Lang.ZH) -> None:
    out = file if file is not None else sys.stdout
    out.write(table_text(table, width or columns(file), colour(file), lang, legend))
    out.flush()


def print_report(cat: Any, report: Any, options: Any, *, file: Any = None, width: int | None = None) -> None:
    """``tracker report`` at a terminal: title, the headline, the chosen view and the legend."""
    from tracker.views.palette import legend
    from tracker.views.report import summary, title, view

    out = file if file is not None else sys.stdout
    room = width or options.width or columns(file)
    color = colour(file)
    text = lines_of(title(report, options.lang), room, bold=color) + lines_of(summary(report, options.lang), room)
    text += "\n" + table_text(view(report, options.by, options.lang), room, color, options.lang,
                              legend(cat.thresholds, options.lang))
    out.write(text)
    out.flush()


def print_listing(doc: Any, options: Any, none: str = "", *, file: Any = None, width: int | None = None) -> None:
    """A listing at a terminal: its heading and lines, then its parts under their titles, or its one table."""
    out = file if file is not None else sys.stdout
    room = width or options.width or columns(file)
    color = colour(file)
    text = lines_of(doc.heading, room, bold=color) if doc.heading else ""
    text += "".join(lines_of(line, room) for line in doc.lines)
    if doc.heading or doc.lines:
        text += "\n"
    if not doc.sections:
        text += table_text(doc.table, room, color, options.lang, doc.legend)
    else:
        for n, part in enumerate(doc.sections):
            text += ("\n" if n else "") + (table_text(part, room, color, options.lang) if part.rows else
                                           lines_of(part.title, room, bold=color) + none + "\n")
        if doc.legend and any(any(p.styles or []) for p in doc.sections):
            text += "\n" + legend_text(doc.legend, room, color)
    out.write(text)
    out.flush()


class ProgressBar:
    """A transient bar on stderr, shown only when there are at least ``_MANY`` steps to take: a report over a
    province's files, or a long history. ``tick(done, total)`` moves it."""

    _MANY = 20

    def __init__(self, what: str) -> None:
        self.what = what
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> ProgressBar:
        return self

    def tick(self, done: int, total: int) -> None:
        if self.bar is None:
            if total < self._MANY:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.what, total=total)
        self.bar.update(self.task, completed=done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
