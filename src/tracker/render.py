"""Report data -> text in the formats an office uses. The only module that imports rich or tabulate.

Renderers never recompute: they receive finished rows. Each format is one small function in FORMATS.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from enum import Enum
from typing import Any

from tracker.problems import Problem
from tracker.views import Table


class Fmt(str, Enum):
    TABLE = "table"
    MD = "md"
    CSV = "csv"
    JSON = "json"


def to_json(data: Any) -> str:
    """Stable JSON: UTF-8 text (not \\u escapes), keys in the order the data gives them."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _rich_table(table: Table, width: int | None, color: bool) -> str:
    from rich.console import Console
    from rich.table import Table as RichTable

    rt = RichTable(show_lines=False, header_style="bold" if color else "")
    for h in table.headers:
        rt.add_column(h, overflow="fold")
    styles = table.styles or [""] * len(table.rows)
    for row, style in zip(table.rows, styles, strict=False):
        rt.add_row(*row, style=style if color and style else None)
    buf = io.StringIO()
    console = Console(file=buf, width=width or 120, color_system="auto" if color else None,
                      force_terminal=color, legacy_windows=False)
    console.print(rt)
    return buf.getvalue()


def _markdown(table: Table) -> str:
    from tabulate import tabulate

    rows = [[cell.replace("|", "\\|").replace("\n", " ") for cell in row] for row in table.rows]
    return tabulate(rows, headers=table.headers, tablefmt="pipe", disable_numparse=True) + "\n"


def _csv(table: Table) -> str:
    """CSV with a UTF-8 BOM so that Excel and WPS open Chinese text correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    return "\ufeff" + buf.getvalue()


FORMATS: dict[Fmt, Callable[[Table, int | None, bool], str]] = {
    Fmt.TABLE: _rich_table,
    Fmt.MD: lambda t, w, c: _markdown(t),
    Fmt.CSV: lambda t, w, c: _csv(t),
    Fmt.JSON: lambda t, w, c: to_json(t.records),
}


def render_table(table: Table, fmt: Fmt, width: int | None = None, color: bool = False) -> str:
    return FORMATS[fmt](table, width, color)


def render_pairs(pairs: list[tuple[str, str]], width: int | None = None) -> str:
    """A two-column label/value block (``tracker show``), labels aligned by display width."""
    from rich.console import Console
    from rich.table import Table as RichTable

    rt = RichTable(show_header=False, box=None, padding=(0, 2, 0, 0))
    rt.add_column(style="bold", no_wrap=True)
    rt.add_column(overflow="fold")
    for k, v in pairs:
        rt.add_row(k, v)
    buf = io.StringIO()
    Console(file=buf, width=width or 100, color_system=None).print(rt)
    return "".join(line.rstrip() + "\n" for line in buf.getvalue().splitlines())


def problem_line(p: Problem) -> str:
    """``path:line:col: level code: message`` and, on the next line, the hint."""
    text = f"{p.path}:{p.line}:{p.col}: {p.level} {p.code}: {p.message}"
    if p.hint:
        text += f"\n    hint: {p.hint}"
    return text


def problems_text(problems: list[Problem]) -> str:
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    lines = [problem_line(p) for p in problems]
    lines.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(lines) + "\n"


def refusal_text(message: str, problems: list[Problem]) -> str:
    """Why a record was refused: positions only where they point into an existing file."""
    lines = [f"tracker: {message}"]
    for p in problems:
        where = f"{p.path}:{p.line}:{p.col}: " if p.line else ""
        lines.append(f"  {where}{p.level} {p.code}: {p.message}")
        if p.hint:
            lines.append(f"    hint: {p.hint}")
    return "\n".join(lines) + "\n"


def problems_json(problems: list[Problem]) -> str:
    return to_json({
        "errors": sum(p.level == "error" for p in problems),
        "warnings": sum(p.level == "warning" for p in problems),
        "problems": [p.as_dict() for p in problems],
    })
