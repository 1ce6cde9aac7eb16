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
from tracker.views.palette import tone
from tracker.views.tables import Cell, JSONText, Table

BAR_WIDTH = 10


def bar(percent: float, width: int = BAR_WIDTH) -> str:
    """A text bar for a percent: full blocks, rounded down like the rates themselves."""
    filled = int(max(0.0, min(percent, 100.0)) * width // 100)
    return "█" * filled + "░" * (width - filled)


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
_NARROWEST = 8  # a shortened column keeps at least this many cells (or its header's width)
_FIXED = 16  # text no wider than this is shortened only when nothing else fits (names, ids, dates)
_READABLE = 24  # free text keeps this many cells where leaving out optional columns makes room


def _width_of(text: str) -> int:
    """Display width in a terminal: CJK characters take two cells."""
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)  # control characters: count them as one cell each


def clip(text: str, width: int) -> str:
    """``text`` on one line in at most ``width`` cells, ending in "…" when it had to be cut."""
    from wcwidth import wcwidth

    text = text.replace("\n", " ")
    if _width_of(text) <= width:
        return text
    out, used = "", 0
    for ch in text:
        w = max(wcwidth(ch), 0)
        if used + w > width - 1:
            break
        out, used = out + ch, used + w
    return out + "…"


def _fold(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` cells (``tracker show`` prints texts whole): after the last
    space that fits when there is one, else between any two characters (Chinese has no spaces to break at)."""
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


class Fitted(NamedTuple):
    """How a table fits a width: the columns kept (by index), each one's width, and whether percents are
    drawn as bars."""

    columns: list[int]
    widths: list[int]
    bars: bool


def fit(table: Table, width: int, per_column: int, fixed: int = 0) -> Fitted:
    """Fit a table to ``width`` cells, each column costing ``per_column`` cells of rules and padding beyond its
    text. Every row stays one line: first bars become plain percents; then the table's optional columns are
    left out, in its own order, until free text can keep a readable width (``_READABLE``); then free text is
    shortened with an ellipsis (never below its header or ``_NARROWEST``); as a last resort, so is every other
    text column."""
    n = len(table.headers)
    for bars in (True, False):
        texts = cell_texts(table, bars=bars)
        natural = [max([_width_of(table.headers[i])] + [_width_of(r[i].replace("\n", " ")) for r in texts])
                   for i in range(n)]
        if sum(natural) + per_column * n + fixed <= width or not bars or "bar" not in (table.kinds or []):
            break
    header = [_width_of(h) for h in table.headers]
    text = [table.kind(i) in ("text", "long") for i in range(n)]
    shrinks = [text[i] and natural[i] > _FIXED for i in range(n)]
    least = [max(header[i], min(natural[i], _NARROWEST)) if shrinks[i] else natural[i] for i in range(n)]
    readable = [min(natural[i], max(least[i], _READABLE)) if shrinks[i] else natural[i] for i in range(n)]

    def cost(widths: list[int], cols: list[int]) -> int:
        return sum(widths[i] for i in cols) + per_column * len(cols) + fixed

    kept = list(range(n))
    for col in table.drop:
        if cost(readable, kept) <= width:
            break
        kept.remove(col)
    if cost(least, kept) > width:  # still too wide: names and dates may be shortened too
        least = [max(min(header[i], _NARROWEST), min(natural[i], 4)) if text[i] else least[i] for i in range(n)]
    widths = {i: least[i] for i in kept}
    room = width - cost(least, kept)
    while room > 0:  # share the room fairly: widen the narrowest shortened column, a cell at a time
        short = min((i for i in kept if widths[i] < natural[i]), key=lambda i: widths[i], default=None)
        if short is None:
            break
        widths[short] += 1
        room -= 1
    return Fitted(kept, [widths[i] for i in kept], bars)


def _box_table(table: Table, width: int | None, color: bool) -> str:
    """A table for a file or a pipe in box-drawing characters, columns aligned by display width, one line a
    row, fitted to ``width`` (default 120). At a terminal, render_terminal draws the same table with rich."""
    shape = fit(table, width or 120, 3, 1)
    texts = cell_texts(table, bars=shape.bars)
    widths = shape.widths
    right = [table.kind(i) in ("int", "pct", "bar", "delta") for i in shape.columns]

    def rule(left: str, fill: str, mid: str, end: str) -> str:
        return left + mid.join(fill * (w + 2) for w in widths) + end

    def line(cells: list[str], bar: str, style: str) -> str:
        parts = [_pad(clip(cells[i], w), w, r) for i, w, r in zip(shape.columns, widths, right, strict=True)]
        if style:
            parts = [style + part + _RESET for part in parts]
        return bar + " " + f" {bar} ".join(parts) + " " + bar

    body = [rule("┏", "━", "┳", "┓"), line(table.headers, "┃", _BOLD if color else ""), rule("┡", "━", "╇", "┩")]
    styles = table.styles or [""] * len(texts)
    for row, style in zip(texts, styles, strict=False):
        body.append(line(row, "│", tone(style).ansi if color else ""))
    body.append(rule("└", "─", "┴", "┘"))
    if table.title:
        total = sum(widths) + 3 * len(widths) + 1
        gap = max(total - _width_of(table.title), 0)
        body.insert(0, " " * (gap // 2) + terminal(table.title))
    return "\n".join(body) + "\n"


def _markdown(table: Table) -> str:
    from tabulate import tabulate

    rows = cell_texts(table, bars=False, escape=markdown_text)
    align = ["right" if table.kind(i) in ("int", "pct", "bar", "delta") else "left"
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
    """A two-column label/value block (``tracker show``), labels aligned by display width and values
    folded to fit ``width`` (default 100)."""
    label_width = max((_width_of(k) for k, _ in pairs), default=0)
    room = max((width or 100) - label_width - 2, _NARROWEST)
    out = []
    for k, v in pairs:
        for n, line in enumerate(_fold(terminal(v), room)):
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
    rows differ in colour), then the 版记: 抄送, 印发机关 and 印发日期."""
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
    if notice.issuer:  # 版记: 抄送, then 印发机关 and 印发日期
        printed = label("notice.printed", lang).format(date=notice.date)
        cc = [markdown_text(label("notice.cc", lang).format(cc=notice.cc)) + "  "] if notice.cc else []
        out += ["---", "", *cc, f"{markdown_text(notice.issuer)}　　{printed}", ""]
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
