"""A notice as a Word document (.docx) laid out as a 公文 (GB/T 9704-2012), so the office can print and send it
without retyping: A4, margins 37/28/26/35 mm (top/left/right/bottom), 22 lines a page; title in 方正小标宋简体
二号, body in 仿宋_GB2312 三号, 一级标题 黑体; page numbers "— 1 —" at the foot, odd pages right, even left.
East Asian font names are set (``w:eastAsia``) because Word and WPS choose Chinese fonts by them. Tables are
sized to their content, repeat their header row on each page, and never break a number or a date.
Imported only by ``tracker remind``."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from typing import Any

from tracker.core.escape import docx_text
from tracker.core.i18n import Lang, label
from tracker.render.text import cell_text
from tracker.render.workbook import stable_zip
from tracker.views.palette import tone

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
PAGE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
TABLE_PT = 12  # 小四: tables in attachments
PAGE_PT = 14  # 四号
LINE_TWIPS = 579  # exact line pitch: 225 mm type area / 22 lines = 28.95 pt
MARGINS_MM = (37, 28, 26, 35)  # top, left (订口), right, bottom
A4_MM = (210, 297)
RED = "C00000"
_CELL_PAD_PT = 14.0  # left and right cell margins of Word's default table (10.8 pt), and some room


def _mm_pt(mm: float) -> float:
    return mm * 72 / 25.4


def text_width(text: str, size: float) -> float:
    """Printed width in points: full-width characters take ``size``, the rest half of it."""
    longest = max((sum(size if unicodedata.east_asian_width(c) in "WF" else size / 2 for c in line)
                   for line in text.split("\n")), default=0.0)
    return longest


def column_widths(headers: list[str], rows: list[list[str]], kinds: list[str], room: float,
                  size: float = TABLE_PT) -> list[float]:
    """Widths in points that fit ``room``: every column as wide as its longest cell; when that is too wide,
    only text columns give way (never below four characters), so numbers, dates and ids stay on one line."""
    natural = [max([text_width(h, size) for h in headers[i].split("\n")] +
                   [text_width(r[i], size) for r in rows]) + _CELL_PAD_PT for i in range(len(headers))]
    natural = [max(w, 2 * size + _CELL_PAD_PT) for w in natural]  # a header of two characters at least
    fixed = [k != "text" for k in kinds]
    excess = sum(natural) - room
    if excess <= 0:
        return natural
    flexible = [i for i in range(len(natural)) if not fixed[i]]
    floor = 4 * size + _CELL_PAD_PT
    widths = list(natural)
    while excess > 0.5 and flexible:
        widest = max(flexible, key=lambda i: widths[i])
        if widths[widest] <= floor:
            break
        cut = min(excess, widths[widest] - floor, max(widths[widest] - sorted(widths[i] for i in flexible)[-2]
                                                      if len(flexible) > 1 else excess, size))
        widths[widest] -= cut
        excess -= cut
    return widths


def notice_docx(notice: Any, stamp: dt.datetime, *, wide: bool = False) -> bytes:
    """A notice or bulletin as a 公文. ``wide``: the body on A4 landscape, for a document whose own tables
    are wide (the upward return)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.created = doc.core_properties.modified = stamp
    doc.core_properties.last_printed = stamp
    doc.core_properties.author = doc.core_properties.last_modified_by = "tracker"
    doc.core_properties.title = docx_text(notice.title)
    normal = doc.styles["Normal"]
    _fonts(normal, BODY_FONT, BODY_PT)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    _exact(normal.paragraph_format)
    doc.settings.odd_and_even_pages_header_footer = True

    section = doc.sections[0]
    _page(section, landscape=wide)
    if wide:
        section.orientation = WD_ORIENT.LANDSCAPE
    _footers(section)
    room = _mm_pt((A4_MM[1] if wide else A4_MM[0]) - MARGINS_MM[1] - MARGINS_MM[2])  # the type area's width

    if notice.issuer:  # 发文机关标志: red, centred, as large as fits one line
        size = min(26.0, int(_mm_pt(A4_MM[0] - MARGINS_MM[1] - MARGINS_MM[2]) / max(len(notice.issuer), 1)))
        mark = _para(doc, notice.issuer, TITLE_FONT, size, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED)
        mark.paragraph_format.line_spacing = None
        mark.paragraph_format.space_before = Pt(0)
    if notice.number:  # 发文字号, centred under the mark
        _para(doc, notice.number, BODY_FONT, BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    if notice.issuer or notice.number:
        _red_rule(_para(doc, "", BODY_FONT, BODY_PT))
        _para(doc, "", BODY_FONT, BODY_PT)
    _para(doc, notice.title, TITLE_FONT, TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "", BODY_FONT, BODY_PT)
    if notice.addressee:
        _para(doc, notice.addressee, BODY_FONT, BODY_PT)
    for block in notice.blocks:
        if block.kind == "heading":
            _para(doc, block.text, HEADING_FONT, BODY_PT, indent=True)
        elif block.kind == "table" and block.table is not None:
            _table(doc, block.table, room, notice)
        else:
            _para(doc, block.text, BODY_FONT, BODY_PT, indent=True)
    if notice.attachments:  # 附件说明: after the body, one blank line, indented two characters
        _para(doc, "", BODY_FONT, BODY_PT)
        lead = label("notice.attachments", notice.lang) + ("：" if notice.lang is Lang.ZH else ": ")
        for n, attachment in enumerate(notice.attachments, 1):
            gap = "" if notice.lang is Lang.ZH else " "
            text = f"{n}.{gap}{attachment.title}" if len(notice.attachments) > 1 else attachment.title
            p = _para(doc, (lead if n == 1 else "") + text, BODY_FONT, BODY_PT, indent=True)
            if n > 1:
                p.paragraph_format.first_line_indent = Pt(2 * BODY_PT + text_width(lead, BODY_PT))
    _para(doc, "", BODY_FONT, BODY_PT)  # 正文（或附件说明）下空一行编排署名 (no seal)
    signer = _para(doc, notice.issuer, BODY_FONT, BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT)
    signer.paragraph_format.right_indent = Pt(2 * BODY_PT)
    dated = _para(doc, notice.date, BODY_FONT, BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT)
    # 成文日期 starts two characters right of the signature's first character
    dated.paragraph_format.right_indent = Pt(max(2 * BODY_PT + text_width(notice.issuer, BODY_PT) - 2 * BODY_PT
                                                 - text_width(notice.date, BODY_PT), 0))
    if notice.contact:  # 附注: the line under the date, two characters in, in brackets
        _para(doc, notice.contact, BODY_FONT, BODY_PT, indent=True)

    for n, attachment in enumerate(notice.attachments, 1):
        room_portrait = _mm_pt(A4_MM[0] - MARGINS_MM[1] - MARGINS_MM[2])
        texts = _cells(attachment.table)
        wide = sum(column_widths(attachment.table.headers, texts, _kinds(attachment.table), 10_000)) > room_portrait
        if wide:
            from docx.enum.section import WD_SECTION

            part = doc.add_section(WD_SECTION.NEW_PAGE)
            _page(part, landscape=True)
            part.orientation = WD_ORIENT.LANDSCAPE
        else:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        room = _mm_pt(A4_MM[1] - MARGINS_MM[1] - MARGINS_MM[2]) if wide else room_portrait
        tag = label("notice.attachment.n", notice.lang).format(n=n if len(notice.attachments) > 1 else "")
        _para(doc, tag.strip(), HEADING_FONT, BODY_PT)
        _para(doc, "", BODY_FONT, BODY_PT)
        _para(doc, attachment.title, TITLE_FONT, TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
        _para(doc, "", BODY_FONT, BODY_PT)
        _table(doc, attachment.table, room, notice)
    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), stamp)


def _kinds(table: Any) -> list[str]:
    """How a column may wrap: ids, numbers and dates are "fixed" (never broken), the rest "text"."""
    out = []
    for i in range(len(table.headers)):
        values = [str(r[i]) for r in table.rows if r[i] not in (None, "")]
        short = all(len(v) <= 12 and not any(unicodedata.east_asian_width(c) in "WF" for c in v) for v in values)
        out.append("fixed" if table.kind(i) in ("int", "pct", "bar") or short else "text")
    return out


def _cells(table: Any) -> list[list[str]]:
    return [[cell_text(v, table.kind(i), bars=False) for i, v in enumerate(row)] for row in table.rows]


def _fonts(target: Any, east: str, size: float, *, bold: bool = False, color: str | None = None) -> None:
    """Latin and East Asian font of a style or run; Word and WPS pick Chinese glyphs by ``w:eastAsia``."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    target.font.name = LATIN_FONT
    target.font.size = Pt(size)
    target.font.bold = bold
    if color:
        target.font.color.rgb = RGBColor.from_string(color)
    rpr = target.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east)
    fonts.set(qn("w:hint"), "eastAsia")


def _exact(fmt: Any, twips: int = LINE_TWIPS) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Twips

    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(twips)


def _off_grid(para: Any) -> None:
    """Let a table's or a title's lines keep their own pitch: on the page's 22-line grid they would snap to it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    para._p.get_or_add_pPr().append(snap)


def _para(doc: Any, text: str, font: str, size: float, *, align: Any = None, indent: bool = False,
          color: str | None = None) -> Any:
    from docx.shared import Pt

    para = doc.add_paragraph()
    if align is not None:
        para.alignment = align
    if indent:
        para.paragraph_format.first_line_indent = Pt(2 * size)
    if text:
        _fonts(para.add_run(docx_text(text)), font, size, color=color)
    if size > BODY_PT:  # a title's 二号 needs more than the body's pitch
        _exact(para.paragraph_format, int(size * 20 * 1.45))
    return para


def _red_rule(para: Any) -> None:
    """The red separator line (版头中的分隔线) under the 发文字号."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = para._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "1"), ("w:color", RED)):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)


def _page(section: Any, *, landscape: bool) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    width, height = A4_MM if not landscape else (A4_MM[1], A4_MM[0])
    section.page_width, section.page_height = Mm(width), Mm(height)
    top, left, right, bottom = MARGINS_MM
    section.top_margin, section.left_margin, section.right_margin, section.bottom_margin = \
        Mm(top), Mm(left), Mm(right), Mm(bottom)
    section.footer_distance = Mm(28 - 7)  # the page number sits 7 mm below the type area, within the margin
    section.header_distance = Mm(15)
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_TWIPS))


def _footers(section: Any) -> None:
    """"— 1 —" in 四号 宋体: a PAGE field between dashes; odd pages right, even pages left, one character in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer,
                                                                      WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        para.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            para.paragraph_format.right_indent = Pt(PAGE_PT)
        else:
            para.paragraph_format.left_indent = Pt(PAGE_PT)
        _fonts(para.add_run("— "), PAGE_FONT, PAGE_PT)
        _page_field(para)
        _fonts(para.add_run(" —"), PAGE_FONT, PAGE_PT)


def _page_field(para: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(child: Any) -> None:
        run = para.add_run()
        _fonts(run, PAGE_FONT, PAGE_PT)
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    shown = para.add_run("1")
    _fonts(shown, PAGE_FONT, PAGE_PT)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _table(doc: Any, t: Any, room: float, notice: Any) -> None:
    """A table sized to its content within ``room`` points: fixed layout, header row repeated on each page,
    rows never split across pages, ids, numbers and dates kept on one line; warning rows shaded by the one
    palette, with the legend under the table."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    texts = _cells(t)
    kinds = _kinds(t)
    widths = column_widths(t.headers, texts, kinds, room)
    table = doc.add_table(rows=1 + len(texts), cols=len(t.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    for col, width in zip(table.columns, widths, strict=True):
        col.width = Pt(width)
    styles = t.styles or [""] * len(texts)
    right = [t.kind(i) in ("int", "pct", "bar") for i in range(len(t.headers))]
    for r, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if r == 0:
            trpr.append(OxmlElement("w:tblHeader"))
        values = t.headers if r == 0 else texts[r - 1]
        fill = "" if r == 0 else tone(styles[r - 1]).fill[2:]
        for i, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = Pt(widths[i])
            tcpr = cell._tc.get_or_add_tcPr()
            if kinds[i] != "text":
                tcpr.append(OxmlElement("w:noWrap"))
            if fill:
                shade = OxmlElement("w:shd")
                for key, val in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
                    shade.set(qn(key), val)
                tcpr.append(shade)
            para = cell.paragraphs[0]
            _exact(para.paragraph_format, TABLE_PT * 25)  # 15 pt rows: the body's 22-line pitch would waste paper
            _off_grid(para)
            para.paragraph_format.first_line_indent = Pt(0)
            if r == 0:
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif right[i]:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = para.add_run(docx_text(value))
            _fonts(run, HEADING_FONT if r == 0 else BODY_FONT, TABLE_PT)
    if notice.legend and any(styles):
        para = doc.add_paragraph()
        _exact(para.paragraph_format, TABLE_PT * 25)
        _off_grid(para)
        colon = "：" if notice.lang is Lang.ZH else ": "
        _fonts(para.add_run(label("legend.title", notice.lang) + colon), BODY_FONT, TABLE_PT)
        for style, meaning in notice.legend:
            _fonts(para.add_run("■"), BODY_FONT, TABLE_PT, color=tone(style).hex.lstrip("#").upper())
            _fonts(para.add_run(meaning + "  "), BODY_FONT, TABLE_PT)
