"""Report data -> text in the formats an office uses. The only module that imports tabulate or wcwidth.

Renderers never recompute: they receive finished tables. Each format is one small function in FORMATS;
the binary and page formats (xlsx, html, docx) live in ``render_files``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any

from tracker.escape import csv_cell, json_text, terminal
from tracker.escape import markdown as markdown_text
from tracker.formats import Fmt
from tracker.palette import tone
from tracker.problems import Problem
from tracker.views import Cell, JSONText, Table

BAR_WIDTH = 10


def bar(percent: float, width: int = BAR_WIDTH) -> str:
    """A text bar for a percent: full blocks, rounded down like the rates themselves."""
    filled = int(max(0.0, min(percent, 100.0)) * width // 100)
    return "█" * filled + "░" * (width - filled)


def cell_text(value: Cell, kind: str, *, bars: bool) -> str:
    """A cell as people read it: percents with one decimal and a % sign, bars where asked."""
    if value is None:
        return ""
    if kind in ("pct", "bar") and isinstance(value, (int, float)):
        text = f"{value:.1f}%"
        return f"{bar(value)} {text}" if kind == "bar" and bars else text
    return str(value)


def _texts(table: Table, bars: bool, escape: Callable[[str], str] = terminal) -> list[list[str]]:
    """Every cell as text, made inert for where it is shown (``escape``: a function of tracker.escape)."""
    return [[escape(cell_text(v, table.kind(i), bars=bars)) for i, v in enumerate(row)] for row in table.rows]


def to_json(data: Any) -> str:
    """Stable JSON: UTF-8 text (not \\u escapes), keys in the order the data gives them, one list item or
    top-level key per line. Each line is encoded by json's C encoder (an indented dump is pure Python and
    many times slower on large reports), and the pieces are joined once: a province's report is megabytes,
    and every intermediate copy of it is memory the process has to fault in."""
    out: list[str] = []
    _json_block(data, "", out)
    out.append("\n")
    return json_text("".join(out))


def _encoder() -> Callable[[Any], str]:
    """One C encoder for the whole run: ``json.dumps`` and ``JSONEncoder.encode`` build a new one per call,
    which costs as much as encoding a pair's line. Same output as ``json.dumps(v, ensure_ascii=False)``."""
    from json import encoder

    plain = json.JSONEncoder(ensure_ascii=False)
    c_make = getattr(encoder, "c_make_encoder", None)
    try:
        make = c_make(None, plain.default, encoder.encode_basestring, None, plain.key_separator,  # type: ignore[misc]
                      plain.item_separator, False, False, True)
    except TypeError:  # pragma: no cover - no C speedups (None is not callable), or another signature
        return plain.encode
    return lambda value: "".join(make(value, 0))


_ENCODE = _encoder()


def _json_block(data: Any, indent: str, out: list[str]) -> None:
    inner = indent + "  "
    if isinstance(data, dict) and data and indent == "":
        out.append("{")
        sep = "\n"
        for k, v in data.items():
            out += (sep, inner, _ENCODE(k), ": ")
            _json_block(v, inner, out)
            sep = ",\n"
        out += ("\n", indent, "}")
    elif isinstance(data, list) and data:
        out.append("[")
        sep = "\n" + inner
        for v in data:
            out += (sep, v if type(v) is JSONText else _ENCODE(v))
            sep = ",\n" + inner
        out += ("\n", indent, "]")
    else:
        out.append(data if type(data) is JSONText else _ENCODE(data))


_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"
_MIN_FOLD = 6  # the narrowest a folded column gets


def _width_of(text: str) -> int:
    """Display width in a terminal: CJK characters take two cells."""
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)  # control characters: count them as one cell each


def _fold(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` cells: after the last space that fits when there is
    one, else between any two characters (Chinese text has no spaces to break at)."""
    from wcwidth import wcwidth

    out: list[str] = []
    for para in text.split("\n"):
        line, used = "", 0
        for ch in para:
            w = max(wcwidth(ch), 0)
            if used + w > width and line:
                space = line.rfind(" ")
                if ch == " ":
                    out.append(line)
                    line, used = "", 0
                    continue
                if space > 0:
                    out.append(line[:space])
                    line = line[space + 1:]
                else:
                    out.append(line)
                    line = ""
                used = _width_of(line)
            line, used = line + ch, used + w
        out.append(line)
    return out


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(width - _width_of(text), 0)
    return gap + text if right else text + gap


def _box_table(table: Table, width: int | None, color: bool) -> str:
    """A table for the terminal in box-drawing characters, columns aligned by display width, long cells
    folded to fit ``width`` (default 120). Drawn here rather than by rich, whose layout engine took longer
    than the rest of a report on the shipped data."""
    texts = _texts(table, bars=True)  # escaped for the terminal
    n = len(table.headers)
    right = [table.kind(i) in ("int", "pct") for i in range(n)]
    foldable = [table.kind(i) == "text" for i in range(n)]
    widths = [max([_width_of(line) for cell in [table.headers[i], *(row[i] for row in texts)]
                   for line in cell.split("\n")]) for i in range(n)]
    excess = sum(widths) + 3 * n + 1 - (width or 120)
    while excess > 0:  # narrow the widest foldable column, one cell at a time
        widest = max((i for i in range(n) if foldable[i] and widths[i] > _MIN_FOLD), key=lambda i: widths[i],
                     default=None)
        if widest is None:
            break
        widths[widest] -= 1
        excess -= 1

    def rule(left: str, fill: str, mid: str, end: str) -> str:
        return left + mid.join(fill * (w + 2) for w in widths) + end

    def lines(cells: list[str], bar: str, style: str) -> list[str]:
        folded = [_fold(c, w) if fold else c.split("\n") for c, w, fold in zip(cells, widths, foldable, strict=True)]
        out = []
        for k in range(max(len(f) for f in folded)):
            parts = [_pad(f[k] if k < len(f) else "", w, r) for f, w, r in zip(folded, widths, right, strict=True)]
            if style:
                parts = [style + part + _RESET for part in parts]
            out.append(bar + " " + f" {bar} ".join(parts) + " " + bar)
        return out

    body = [rule("┏", "━", "┳", "┓"), *lines(table.headers, "┃", _BOLD if color else ""),
            rule("┡", "━", "╇", "┩")]
    styles = table.styles or [""] * len(texts)
    for row, style in zip(texts, styles, strict=False):
        body += lines(row, "│", tone(style).ansi if color else "")
    body.append(rule("└", "─", "┴", "┘"))
    if table.title:
        total = sum(widths) + 3 * n + 1
        gap = max(total - _width_of(table.title), 0)
        body.insert(0, " " * (gap // 2) + terminal(table.title))
    return "\n".join(body) + "\n"


def _markdown(table: Table) -> str:
    from tabulate import tabulate

    rows = _texts(table, bars=False, escape=markdown_text)
    align = ["right" if table.kind(i) in ("int", "pct", "bar") else "left" for i in range(len(table.headers))]
    return tabulate(rows, headers=table.headers, tablefmt="pipe", disable_numparse=True, colalign=align) + "\n"


def _csv(table: Table) -> str:
    """CSV with a UTF-8 BOM so that Excel and WPS open Chinese text correctly; numbers stay numbers."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([csv_cell(v) for v in row])
    return "\ufeff" + buf.getvalue()


FORMATS: dict[Fmt, Callable[[Table, int | None, bool], str]] = {
    Fmt.TABLE: _box_table,
    Fmt.MD: lambda t, w, c: _markdown(t),
    Fmt.CSV: lambda t, w, c: _csv(t),
    Fmt.JSON: lambda t, w, c: to_json(t.records),
}


def render_table(table: Table, fmt: Fmt, width: int | None = None, color: bool = False) -> str:
    return FORMATS[fmt](table, width, color)


def render_report_text(heading: str, summary: str, table: Table, fmt: Fmt, width: int | None = None,
                       color: bool = False) -> str:
    """A report's chosen view with its heading and summary line, for the terminal and Markdown."""
    if fmt is Fmt.MD:
        return f"# {heading}\n\n{summary}\n\n## {table.title}\n\n" + _markdown(table)
    return f"{heading}\n{summary}\n\n" + _box_table(table, width, color)


def render_diff(parts: Any, markdown: bool, width: int | None = None, color: bool = False) -> str:
    """``tracker diff`` for the terminal, or as Markdown for a pull-request comment
    (``parts`` is a reviewviews.DiffParts)."""
    sep = "\n\n" if markdown else "\n"
    text = (f"## {markdown_text(parts.heading)}\n\n" if markdown else "") + sep.join(parts.summary) + "\n\n"
    if parts.table is None:
        text += parts.empty + "\n"
    else:
        text += _markdown(parts.table) if markdown else _box_table(parts.table, width, color)
    if parts.problems:
        text += ("\n### " if markdown else "\n") + parts.problems_heading + "\n\n"
        lines = [problem_line(p) for p in parts.problems]
        if markdown:
            lines = [f"- {_code_span(main)}" + (f" — hint: {markdown_text(hint)}" if hint else "")
                     for main, _, hint in (line.partition("\n    hint: ") for line in lines)]
        text += "\n".join(lines) + "\n"
    return text


def _code_span(text: str) -> str:
    """``text`` as a Markdown code span whatever backticks it holds (a fence longer than any run inside)."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render_pairs(pairs: list[tuple[str, str]], width: int | None = None) -> str:
    """A two-column label/value block (``tracker show``), labels aligned by display width and values
    folded to fit ``width`` (default 100)."""
    label_width = max((_width_of(k) for k, _ in pairs), default=0)
    room = max((width or 100) - label_width - 2, _MIN_FOLD)
    out = []
    for k, v in pairs:
        for n, line in enumerate(_fold(terminal(v), room)):
            out.append(((_pad(k, label_width, False) if n == 0 else " " * label_width) + "  " + line).rstrip())
    return "\n".join(out) + "\n"


def problem_line(p: Problem) -> str:
    """``path:line:col: level code: message`` and, on the next line, the hint."""
    text = f"{p.path}:{p.line}:{p.col}: {p.level} {p.code}: {p.message}"
    if p.hint:
        text += f"\n    hint: {p.hint}"
    return terminal(text)


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
    return terminal("\n".join(lines) + "\n")


def problems_json(problems: list[Problem]) -> str:
    return to_json({
        "errors": sum(p.level == "error" for p in problems),
        "warnings": sum(p.level == "warning" for p in problems),
        "problems": [p.as_dict() for p in problems],
    })


def notice_markdown(notice: Any) -> str:
    """A notice (tracker.notices.Notice) as Markdown: title, paragraphs, tables, sign-off on the right."""
    out = [f"# {markdown_text(notice.title)}", ""]
    for block in notice.blocks:
        if block.kind == "heading":
            out += [f"## {markdown_text(block.text)}", ""]
        elif block.kind == "table" and block.table is not None:
            out += [_markdown(block.table).rstrip("\n"), ""]
        elif block.kind == "sign":
            out += [markdown_text(line) + "  " for line in block.text.split("\n")] + [""]
        else:
            out += [markdown_text(block.text), ""]
    return "\n".join(out).rstrip("\n") + "\n"
