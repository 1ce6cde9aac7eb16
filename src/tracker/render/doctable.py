"""Tables in a 公文 (tracker.render.document), made for reading on paper: as wide as the type area, the task
column taking what the short columns leave, ids, numbers and dates never broken, the header row repeated
on every page, and long rows free to run on to the next page rather than leaving half a page empty.
Warning rows are shaded from the one palette, with the legend under the table."""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from tracker.core.escape import docx_text
from tracker.core.i18n import Lang, label
from tracker.render.docfonts import BODY, HEADING, set_fonts
from tracker.render.docxml import element, off_grid, set_child, twips
from tracker.render.text import cell_text
from tracker.views.palette import tone

PAD_PT = 11.0  # left and right cell margins together (5.4 pt each, Word's default)
LEADING = 1.2  # a table line's height over its font size
SHORT_CHARS = 7  # without a long column to make room for, a text column is held to this many characters


def text_width(text: str, size: float) -> float:
    """Printed width in points of the longest line: full-width characters take ``size``, the rest 0.6 of it
    (Times New Roman's digits take half; the serif faces standing in for it elsewhere up to 0.6)."""
    return max((sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in line)
                for line in text.split("\n")), default=0.0)


def kinds(table: Any) -> list[str]:
    """How a column may wrap: "fixed" (ids, numbers, dates: never broken), "long" (the task or note: takes
    the width) or "text"."""
    out = []
    for i in range(len(table.headers)):
        values = [str(r[i]) for r in table.rows if r[i] not in (None, "")]
        short = all(len(v) <= 12 and not any(unicodedata.east_asian_width(c) in "WF" for c in v) for v in values)
        if table.kind(i) in ("int", "pct", "bar") or short:
            out.append("fixed")
        else:
            out.append("long" if table.kind(i) == "long" else "text")
    return out


def cells(table: Any) -> list[list[str]]:
    return [[cell_text(v, table.kind(i), bars=False) for i, v in enumerate(row)] for row in table.rows]


def column_widths(headers: list[str], rows: list[list[str]], kinds: list[str], room: float, size: float) -> list[float]:
    """Widths in points filling ``room``: fixed columns as wide as their longest cell (a header of two
    characters at least); the long columns share what the others leave, by their length, and the other
    text columns take the width (4–12 characters) that makes the table shortest. Without a long column the
    text columns share the room."""
    natural = [max([text_width(h, size) for h in headers[i].split("\n")] +
                   [text_width(r[i], size) for r in rows]) + PAD_PT for i in range(len(headers))]
    natural = [max(w, 2 * size + PAD_PT) for w in natural]
    head = [max(text_width(h, size) for h in headers[i].split("\n")) + PAD_PT for i in range(len(headers))]
    long = [i for i, k in enumerate(kinds) if k == "long"]
    text = [i for i, k in enumerate(kinds) if k == "text"]

    def widths_at(chars: int) -> list[float]:
        out = [w if k == "fixed" else min(w, max(chars * size + PAD_PT, head[i]))
               for i, (w, k) in enumerate(zip(natural, kinds, strict=True))]
        share = long or text
        rest = max(room - sum(w for i, w in enumerate(out) if i not in share), 4 * size + PAD_PT)
        total = sum(natural[i] for i in share) or 1.0
        for i in share:
            out[i] = rest * natural[i] / total if long else min(natural[i], rest * natural[i] / total)
        return out

    if not (long and text):
        chosen = widths_at(SHORT_CHARS)
    else:
        chosen = min((widths_at(c) for c in range(4, 13)), key=lambda w: lines_needed(headers, rows, w, size))
    return _narrowed(chosen, headers, rows, kinds, room, size)


def _narrowed(widths: list[float], headers: list[str], rows: list[list[str]], kinds: list[str], room: float,
              size: float) -> list[float]:
    """Widths that overflow ``room`` brought within it by the headers of the fixed columns: a header wider than
    its figures wraps (应报/事项), the figures never do, each column keeping two characters."""
    over = sum(widths) - room
    if over <= 0:
        return widths
    out = list(widths)
    content = [max([text_width(r[i], size) for r in rows], default=0.0) + PAD_PT for i in range(len(headers))]
    for i in sorted((i for i, k in enumerate(kinds) if k == "fixed"), key=lambda i: content[i] - out[i]):
        cut = min(out[i] - max(content[i], 2 * size + PAD_PT), over)
        if cut > 0:
            out[i] -= cut
            over -= cut
    return out


def lines_needed(headers: list[str], rows: list[list[str]], widths: list[float], size: float) -> int:
    """How many printed lines the table takes, each row as tall as its tallest cell: for choosing widths,
    and between portrait and landscape."""
    def height(values: list[str]) -> int:  # a cell exactly as wide as its text holds it on one line
        return max(max(1, math.ceil(text_width(v, size) / max(w - PAD_PT, 1.0) - 1e-6))
                   for v, w in zip(values, widths, strict=True))
    return height(headers) + sum(height(r) for r in rows)


def add_table(doc: Any, t: Any, room: float, size: float, legend: tuple[tuple[str, str], ...], lang: Lang) -> None:
    """``t`` as a Word table ``room`` points wide in ``size`` point type."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    texts, ks = cells(t), kinds(t)
    widths = column_widths(t.headers, texts, ks, room, size)
    table = doc.add_table(rows=1 + len(texts), cols=len(t.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tblpr = table._tbl.tblPr
    set_child(tblpr, "w:tblLayout", type="fixed")
    set_child(tblpr, "w:tblW", w=twips(sum(widths)), type="dxa")
    for col, width in zip(table.columns, widths, strict=True):
        col.width = Pt(width)
    styles = t.styles or [""] * len(texts)
    right = [t.kind(i) in ("int", "pct", "bar") for i in range(len(t.headers))]
    for r, row in enumerate(table.rows):
        if r == 0:
            row._tr.get_or_add_trPr().append(element("w:tblHeader"))
        values = t.headers if r == 0 else texts[r - 1]
        fill = "" if r == 0 else tone(styles[r - 1]).fill[2:]
        for i, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = Pt(widths[i])
            tcpr = cell._tc.get_or_add_tcPr()
            if ks[i] == "fixed" and r > 0:  # a header may wrap; the figures under it never do
                set_child(tcpr, "w:noWrap")
            if fill:
                set_child(tcpr, "w:shd", val="clear", color="auto", fill=fill)
            para = cell.paragraphs[0]
            fmt = para.paragraph_format
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(round(size * LEADING, 1))
            fmt.first_line_indent = Pt(0)
            off_grid(para._p.get_or_add_pPr())
            if r == 0:
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif right[i]:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = para.add_run(docx_text(value))
            run.font.size = Pt(size)
            set_fonts(run._r.get_or_add_rPr(), HEADING if r == 0 else BODY)
            set_child(run._r.get_or_add_rPr(), "w:spacing", val="0")  # the body's condensing is for its own size
    if legend and len({s for s in styles if s}) > 1:  # one colour throughout: the heading already says which
        _legend(doc, legend, size, lang)


def _legend(doc: Any, legend: tuple[tuple[str, str], ...], size: float, lang: Lang) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    para = doc.add_paragraph()
    fmt = para.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(round(size * LEADING * 1.2, 1))
    fmt.first_line_indent = Pt(0)
    off_grid(para._p.get_or_add_pPr())
    colon = "：" if lang is Lang.ZH else ": "
    parts: list[tuple[str, str | None]] = [(label("legend.title", lang) + colon, None)]
    for style, meaning in legend:
        parts += [("■", tone(style).hex.lstrip("#").upper()), (meaning + "  ", None)]
    for text, color in parts:
        run = para.add_run(text)
        run.font.size = Pt(size)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
        set_fonts(run._r.get_or_add_rPr(), BODY)
