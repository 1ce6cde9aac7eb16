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
from typing import Any, NamedTuple

from tracker.core.escape import csv_cell, json_text, terminal
from tracker.core.escape import markdown as markdown_text
from tracker.core.formats import Fmt
from tracker.core.i18n import Lang, label
from tracker.core.problems import Problem
from tracker.render.layout import BAR_WIDTH, MIN_LONG, NUMERIC, cjk, fit, header_lines, width_of, wrap
from tracker.views.palette import tone
from tracker.views.tables import Cell, JSONText, Table

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(percent: float, width: int = BAR_WIDTH) -> str:
    """A text bar for a percent in eighths of a cell, rounded half up like the figures themselves; a rate above
    0 always shows a sliver, and a rate short of 100 never a full bar (9% of ten cells is ▊, not nothing)."""
    from fractions import Fraction

    share = max(Fraction(0), min(Fraction(repr(percent)), Fraction(100))) / 100
    eighths = int(share * width * 8 + Fraction(1, 2))
    if share > 0:
        eighths = max(eighths, 1)
    if share < 1:
        eighths = min(eighths, width * 8 - 1)
    full, part = divmod(eighths, 8)
    return ("█" * full + (_EIGHTHS[part] if part else "")).ljust(width, "░") if full < width else "█" * width


def cell_text(value: Cell, kind: str, *, bars: bool) -> str:
    """A cell as people read it: percents with one decimal and a % sign, bars where asked."""
    if value is None:
        return ""
    if kind == "delta" and isinstance(value, (int, float)):
        return f"{value:+.1f}"
    if kind in ("pct", "bar") and isinstance(value, (int, float)):
        text = f"{value:.1f}%"
        return f"{bar(value)} {text}" if kind == "bar" and bars else text
    return str(value)


def cell_texts(table: Table, bars: bool, escape: Callable[[str], str] = terminal) -> list[list[str]]:
    """Every cell as text, made inert for where it is shown (``escape``: a function of tracker.core.escape)."""
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


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(width - width_of(text), 0)
    return gap + text if right else text + gap


class Grid(NamedTuple):
    """A table laid out in lines: the title (when it has one), the header and its rule, each row's lines with
    its style, and the headers of the optional columns left out."""

    title: str
    header: list[str]
    rows: list[tuple[list[str], str]]
    omitted: list[str]


def grid(table: Table, width: int | None, *, box: bool, color: bool = False) -> Grid:
    """``table`` laid out in ``width`` cells (``None``: at full width, for a file or a pipe), in box-drawing
    characters (``box``) or in the plain style of a terminal, rows coloured by warning level when ``color``.
    A cell wraps inside its column as ``layout`` allows, never cut; free text that cannot keep a readable width
    goes under its row, each part after its header."""
    texts = cell_texts(table, bars=False)
    shape = fit(table, texts, None if width is None else width - 4 if box else width, 3 if box else 2, loose=not box)
    sep = " " * shape.gap
    cols, widths = shape.columns, shape.widths
    kinds = [table.kind(i) for i in cols]
    right = [k in NUMERIC for k in kinds]

    def cells(row: list[str], values: list[Cell] | None) -> list[list[str]]:
        out = []
        for i, w, kind in zip(cols, widths, kinds, strict=True):
            text = row[i]
            if kind == "bar" and shape.bar and values is not None and isinstance(values[i], (int, float)):
                text = f"{bar(float(values[i] or 0), shape.bar)} {text}"
            out.append([text] if kind in NUMERIC else
                       wrap(text, w, "long" if i in shape.loose else kind))
        return out

    def lines(parts: list[list[str]], style: str) -> list[str]:
        height = max((len(p) for p in parts), default=1)
        out = []
        for n in range(height):
            padded = [_pad(p[n] if n < len(p) else "", w, r) for p, w, r in zip(parts, widths, right, strict=True)]
            if box:
                if style:
                    padded = [style + part + _RESET for part in padded]
                out.append("│ " + " │ ".join(padded) + " │")
            else:
                text = sep.join(padded).rstrip()
                out.append(style + text + _RESET if style and text else text)
        return out

    total = sum(widths) + (3 * len(widths) + 1 if box else shape.gap * (len(widths) - 1))
    head_parts = [header_lines(terminal(table.headers[i]), w) for i, w in zip(cols, widths, strict=True)]
    header = lines(head_parts, _BOLD if color else "")
    if box:
        header = ["┏" + "┳".join("━" * (w + 2) for w in widths) + "┓",
                  *(line.replace("│", "┃") for line in header),
                  "┡" + "╇".join("━" * (w + 2) for w in widths) + "┩"]
    else:
        header.append(sep.join("─" * w for w in widths))
    styles = table.styles or [""] * len(texts)
    rows: list[tuple[list[str], str]] = []
    indent = (widths[0] + (3 if box else shape.gap)) if shape.below and len(widths) > 1 else 2
    previous = None
    by_unit = not box and bool(cols) and cols[0] == 0 and table.headers[0] in (label("unit", Lang.ZH),
                                                                               label("unit", Lang.EN))
    for row, values, style in zip(texts, table.rows, styles, strict=False):
        ansi = tone(style).ansi if color else ""
        shown = row
        if by_unit and row[0] == previous:
            shown = ["", *row[1:]]  # at a terminal, a run of rows of one unit names it once
        previous = row[0]
        out = lines(cells(shown, values), ansi)
        for n, col in enumerate(shape.below):
            if not row[col]:
                continue
            colon = "：" if any(cjk(ch) for ch in table.headers[col]) else ": "
            text = row[col] if n == 0 else f"{table.headers[col]}{colon}{row[col]}"
            room = max((width or total) - indent - (2 if box else 0), MIN_LONG) if not box else \
                max(total - indent - 2, MIN_LONG)
            for line in wrap(text, room, "long"):
                out.append(_detail(line, indent, total, box, ansi))
        rows.append((out, style))
    if box and rows:
        rows[-1] = (rows[-1][0] + ["└" + "┴".join("─" * (w + 2) for w in widths) + "┘"], rows[-1][1])
    elif box:
        header.append("└" + "┴".join("─" * (w + 2) for w in widths) + "┘")
    title = terminal(table.title) if table.title else ""
    return Grid(title, header, rows, [table.headers[i] for i in shape.omitted])


def _detail(line: str, indent: int, total: int, box: bool, ansi: str) -> str:
    """One line of free text under its row, indented past the row's first column."""
    text = ansi + line + _RESET if ansi else line
    if not box:
        return " " * indent + text
    return "│" + " " * (indent - 1) + text + " " * max(total - indent - 1 - width_of(line), 0) + "│"


def grid_text(g: Grid, centre: bool) -> str:
    """A grid's lines as text, the title centred over the table (``centre``) or standing at its left."""
    body = [*g.header, *(line for lines, _ in g.rows for line in lines)]
    if g.title:
        plain = re.compile(r"\x1b\[[0-9;]*m")  # compiled only where a title is centred
        total = max((width_of(plain.sub("", line)) for line in body), default=0)
        gap = max(total - width_of(g.title), 0) // 2 if centre else 0
        body.insert(0, " " * gap + g.title)
    return "\n".join(body) + "\n"


def _box_table(table: Table, width: int | None, color: bool) -> str:
    """A table in box-drawing characters, columns aligned by display width: at full width for a file or a pipe
    (``width`` None), else fitted to it, wrapping where ``layout`` allows."""
    return grid_text(grid(table, width, box=True, color=color), centre=True)


def _markdown(table: Table) -> str:
    from tabulate import tabulate

    rows = cell_texts(table, bars=False, escape=markdown_text)
    align = ["right" if table.kind(i) in NUMERIC else "left"
             for i in range(len(table.headers))]
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


def render_listing(doc: Any, fmt: Fmt, width: int | None = None, color: bool = False, none: str = "") -> str:
    """A listing (``views.documents.Listing``) as a text table or Markdown: its heading and lines, then its parts,
    each under its title (``none`` under an empty one), or its one table."""
    md = fmt is Fmt.MD
    out = []
    if doc.heading:
        out.append(f"# {markdown_text(doc.heading)}\n" if md else terminal(doc.heading) + "\n")
    out += [(markdown_text(line) if md else terminal(line)) + "\n" for line in doc.lines]
    if not doc.sections:
        return "\n".join(out) + ("\n" if out else "") + render_table(doc.table, fmt, width, color)
    for part in doc.sections:
        untitled = part._replace(title="")
        head = "" if not part.title else f"## {markdown_text(part.title)}\n\n" if md else terminal(part.title) + "\n"
        body = (none + "\n") if not part.rows else render_table(untitled, fmt, width, color)
        out.append(head + body)
    return "\n".join(out)


def render_report_text(heading: str, summary: str, table: Table, fmt: Fmt, width: int | None = None,
                       color: bool = False) -> str:
    """A report's chosen view with its heading and summary line, for the terminal and Markdown."""
    if fmt is Fmt.MD:
        return f"# {heading}\n\n{summary}\n\n## {table.title}\n\n" + _markdown(table)
    return f"{heading}\n{summary}\n\n" + _box_table(table, width, color)


def render_diff(parts: Any, markdown: bool, width: int | None = None, color: bool = False, *,
                plain: bool = False) -> str:
    """``tracker diff`` as text (in the plain style of a terminal with ``plain``), or as Markdown for a
    pull-request comment (``parts`` is a views.review.DiffParts)."""
    sep = "\n\n" if markdown else "\n"
    text = (f"## {markdown_text(parts.heading)}\n\n" if markdown else "") + sep.join(parts.summary) + "\n\n"
    if parts.table is None:
        text += parts.empty + "\n"
    else:
        text += _markdown(parts.table) if markdown else \
            grid_text(grid(parts.table, width, box=not plain, color=color), centre=not plain)
    if parts.problems:
        text += ("\n### " if markdown else "\n") + parts.problems_heading + "\n\n"
        lines = [problem_line(p, parts.lang) for p in parts.problems]
        if markdown:
            lines = [f"- {_code_span(f'{p.path}:{p.line}:{p.col}')} {p.code}: {markdown_text(p.message(parts.lang))}"
                     + (" — " + label("hint", parts.lang).format(hint=markdown_text(p.hint(parts.lang)))
                        if p.hint(parts.lang) else "") for p in parts.problems]
        text += "\n".join(lines) + "\n"
    return text


def _code_span(text: str) -> str:
    """``text`` as a Markdown code span whatever backticks it holds (a fence longer than any run inside)."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render_pairs(pairs: list[tuple[str, str]], width: int | None = None) -> str:
    """A two-column label/value block (``tracker show``), labels aligned by display width and values wrapped
    to fit ``width`` (``None``: each value on one line, for a file or a pipe), never cut."""
    label_width = max((width_of(k) for k, _ in pairs), default=0)
    room = max(width - label_width - 2, MIN_LONG) if width else None
    out = []
    for k, v in pairs:
        text = terminal(v)
        for n, line in enumerate(wrap(text, room, "phrases") if room else text.split("\n")):
            out.append(((_pad(k, label_width, False) if n == 0 else " " * label_width) + "  " + line).rstrip())
    return "\n".join(out) + "\n"


def problem_line(p: Problem, lang: Lang = Lang.ZH) -> str:
    """``path:line:col: level code: message`` and, on the next line, the hint."""
    text = f"{p.path}:{p.line}:{p.col}: {label(f'level.word.{p.level}', lang)} {p.code}: {p.message(lang)}"
    hint = p.hint(lang)
    if hint:
        text += "\n    " + label("hint", lang).format(hint=hint)
    return terminal(text)


def problems_text(problems: list[Problem], lang: Lang = Lang.ZH) -> str:
    errors = sum(p.level == "error" for p in problems)
    lines = [problem_line(p, lang) for p in problems]
    lines.append(label("problems.count", lang).format(errors=errors, warnings=len(problems) - errors))
    return "\n".join(lines) + "\n"


def refusal_text(message: str, problems: list[Problem], lang: Lang = Lang.ZH) -> str:
    """Why something was refused: positions only where they point into an existing file."""
    return terminal("\n".join([f"tracker: {message}", *problem_lines(problems, lang)]) + "\n")


def where(p: Problem, lang: Lang = Lang.ZH) -> str:
    """Where a problem stands, as its reader looks for it: its place in a source that has no lines and columns
    when it names one (a published list: ``清单.docx:表1:第7行:责任单位``), else ``file:line:col`` when it points
    into a file, else ""."""
    place = dict(p.args).get("place")
    if place is not None:
        return place if isinstance(place, str) else place[0 if lang is Lang.ZH else 1]
    return f"{p.path}:{p.line}:{p.col}" if p.line else ""


def problem_lines(problems: list[Problem], lang: Lang = Lang.ZH) -> list[str]:
    """Each problem indented under what it belongs to, ``where: level code: message``, then its hint."""
    lines = []
    for p in problems:
        at = where(p, lang)
        lines.append(f"  {at + ': ' if at else ''}{label(f'level.word.{p.level}', lang)} {p.code}: {p.message(lang)}")
        hint = p.hint(lang)
        if hint:
            lines.append("    " + label("hint", lang).format(hint=hint))
    return lines


def sheet_problems_text(problems: list[Problem], lang: Lang = Lang.ZH) -> str:
    """Problems in a spreadsheet as ``FILE:sheet!C7: message``; a problem of the whole file as ``FILE: …``."""
    from tracker.load.xlsx import cell_name

    lines = []
    for p in problems:
        where = f"{p.path}!{cell_name(p.line, p.col)}" if p.line else p.path
        lines.append(f"{where}: {p.message(lang)}")
        hint = p.hint(lang)
        if hint:
            lines.append("    " + label("hint", lang).format(hint=hint))
    return terminal("\n".join(lines) + "\n") if lines else ""


def problems_json(problems: list[Problem], lang: Lang = Lang.ZH) -> str:
    return to_json({
        "errors": sum(p.level == "error" for p in problems),
        "warnings": sum(p.level == "warning" for p in problems),
        "problems": [p.as_dict(lang) for p in problems],
    })


def notice_markdown(notice: Any) -> str:
    """A notice (tracker.views.notices.Notice) as Markdown, in the 公文's order: issuer, number, title, addressee,
    body, attachment list, signature and date, contact, each attachment (with the colour legend where its
    rows differ in colour), then the 版记: 抄送, 印发机关 and 印发日期 (a letter's: 抄送 alone, if any)."""
    from tracker.core.i18n import Lang, label

    lang = notice.lang
    out = [f"**{markdown_text(notice.issuer)}**", ""] if notice.issuer else []
    if notice.shown_number:
        out += [markdown_text(notice.shown_number), ""]
    out += [f"# {markdown_text(notice.title)}", ""]
    if notice.addressee:
        out += [markdown_text(notice.addressee), ""]
    for block in notice.blocks:
        if block.kind == "heading":
            out += [f"## {markdown_text(block.text)}", ""]
        elif block.kind == "table" and block.table is not None:
            out += [_markdown(block.table).rstrip("\n"), ""]
        else:
            out += [markdown_text(block.text), ""]
    if notice.attachments:
        several = len(notice.attachments) > 1
        gap = "" if lang is Lang.ZH else " "
        names = [f"{n}.{gap}{a.title}" if several else a.title for n, a in enumerate(notice.attachments, 1)]
        colon = "：" if lang is Lang.ZH else ": "
        out += [f"{label('notice.attachments', lang)}{colon}" + "  \n".join(names), ""]
    if notice.issuer:
        out += [f"{markdown_text(notice.issuer)}  ", f"{notice.date}  ", ""]
    if notice.contact:
        out += [markdown_text(notice.contact), ""]
    for n, attachment in enumerate(notice.attachments, 1):
        tag = label("notice.attachment.n", lang).format(n=n if len(notice.attachments) > 1 else "").strip()
        out += ["---", "", tag, "", f"## {markdown_text(attachment.title)}", ""]
        for head, table in attachment.groups or (("", attachment.table),):
            out += ([f"### {markdown_text(head)}", ""] if head else []) + [_markdown(table).rstrip("\n"), ""]
        if attachment.table.styles and len({s for s in attachment.table.styles if s}) > 1:
            colon, sep = ("：", "；") if lang is Lang.ZH else (": ", "; ")
            out += [label("legend.title", lang) + colon + sep.join(text for _, text in notice.legend), ""]
    if notice.colophon:  # 版记: 抄送, then 印发机关 and 印发日期 (not in a letter)
        printed = label("notice.printed", lang).format(date=notice.date)
        cc = [markdown_text(label("notice.cc", lang).format(cc=notice.cc)) + "  "] if notice.cc else []
        out += ["---", "", *cc, *([] if notice.letter else [f"{markdown_text(notice.issuer)}　　{printed}"]), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def code_text(name: str, code: Any, lang: Lang) -> str:
    """One problem code as ``tracker explain`` prints it: its level, what it is about, its message and hint
    (``code``: its entry of the registry, ``core.codes.Code``)."""
    zh = lang is Lang.ZH
    hint = label("hint", lang).format(hint=code.hint_zh if zh else code.hint_en) if code.hint_zh else ""
    return "\n".join([f"{name} ({label(f'level.word.{code.level}', lang)})", code.doc_zh if zh else code.doc_en,
                      label("cli.explain.message", lang).format(message=code.zh if zh else code.en),
                      hint]).rstrip() + "\n"


def codes_markdown() -> str:
    """docs/problems.md: every problem code with its level, its documentation and its message and hint, in
    Chinese and English, from the registry (``tracker explain --all`` prints the same)."""
    from tracker.core.codes import CODES

    out = ["# 问题代码 / Problem codes", "",
           "`tracker validate` 和 `tracker record` 报告的每个问题都有一个代码。本页由 `src/tracker/core/codes.py` 生成"
           "（`tracker explain --all > docs/problems.md`），请勿手工编辑。",
           "",
           "Every problem `tracker validate` and `tracker record` report has a code. This page is generated from "
           "`src/tracker/core/codes.py` (`tracker explain --all > docs/problems.md`); do not edit it by hand.", ""]
    for code, c in CODES.items():
        level = label(f"level.word.{c.level}", Lang.ZH) + " / " + c.level
        out += [f"## `{code}`", "", f"- 级别 / level: {level}", f"- {c.doc_zh}", f"- {c.doc_en}",
                f"- 消息 / message: {c.zh} / {c.en}"]
        if c.hint_zh:
            out.append(f"- 提示 / hint: {c.hint_zh} / {c.hint_en}")
        out.append("")
    return "\n".join(out)
