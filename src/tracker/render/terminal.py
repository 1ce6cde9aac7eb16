"""What a person sees at a terminal, drawn by rich: colour by warning level, a legend for the colours, tables
fitted to the terminal's width one line a row. The only module that imports rich, and only when stdout is a
terminal (or FORCE_COLOR asks for colour), so pipes and files stay light."""

from __future__ import annotations

from typing import Any

from tracker.render.text import cell_texts, fit
from tracker.views.palette import tone
from tracker.views.tables import Table

_PER_COLUMN = 2  # rich's padding of one cell each side, no vertical rules, none at the table's edges


def console(width: int | None = None, file: Any = None) -> Any:
    """A console on stdout; rich itself honours NO_COLOR, FORCE_COLOR and the terminal's width."""
    from rich.console import Console

    return Console(width=width, file=file, highlight=False, soft_wrap=False, emoji=False, markup=False)


def table_renderable(table: Table, width: int) -> Any:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    shape = fit(table, width, _PER_COLUMN, -2)
    out = RichTable(title=table.title or None, box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1, 0, 0),
                    pad_edge=False, header_style="bold", title_style="bold", expand=False)
    for i, w in zip(shape.columns, shape.widths, strict=True):
        numeric = table.kind(i) in ("int", "pct", "bar", "delta")
        out.add_column(Text(table.headers[i]), width=w, no_wrap=True, overflow="ellipsis",
                       justify="right" if numeric else "left")
    styles = table.styles or [""] * len(table.rows)
    for row, style in zip(cell_texts(table, bars=shape.bars), styles, strict=False):
        out.add_row(*(Text(row[i].replace("\n", " ")) for i in shape.columns), style=tone(style).rich or None)
    return out


def legend_renderable(legend: list[tuple[str, str]], width: int) -> Any:
    from rich.text import Text

    from tracker.render.text import clip

    text = Text()
    for n, (style, words) in enumerate(legend):
        if n:
            text.append("\n")
        text.append("■ ", style=tone(style).rich)
        text.append(clip(words, width - 2))
    return text


def print_table(table: Table, legend: list[tuple[str, str]] | None = None, *, file: Any = None,
                width: int | None = None) -> None:
    c = console(width, file)
    c.print(table_renderable(table, c.width))
    if legend and table.styles and any(table.styles):
        c.print(legend_renderable(legend, c.width))


def print_report(cat: Any, report: Any, options: Any, *, file: Any = None, width: int | None = None) -> None:
    """``tracker report`` at a terminal: title, the summary sentence, the chosen view and the legend."""
    from rich.text import Text

    from tracker.views.palette import legend
    from tracker.views.report import summary, title, view

    c = console(width, file)
    c.print(Text(title(report, options.lang), style="bold"))
    c.print(Text(summary(report, options.lang)))
    c.print()
    shown = view(report, options.by, options.lang)
    c.print(table_renderable(shown, c.width))
    if shown.styles and any(shown.styles):
        c.print(legend_renderable(legend(cat.thresholds, options.lang), c.width))


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
