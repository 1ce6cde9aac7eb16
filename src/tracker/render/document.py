"""A notice as a Word document (.docx) laid out as a 公文 (GB/T 9704-2012), ready to sign and send.

The page: A4, margins 37/28/26/35 mm (top/left/right/bottom), 22 lines (``w:docGrid``) of 28 characters
(the body condensed by a quarter point; tracker.render.docxml.grid says why not the grid's ``charSpace``).
The 版头 (文件格式): the 发文机关标志 in red 35 mm below the top of the type area, the 发文字号 two lines under
it (a blank 〔　〕号 when the number is not known yet), a red line 4 mm under that, two blank lines, then the
title in 二号 小标宋, broken into lines by meaning. A letter's 版头 (信函格式, ``Notice.letter``) stands in the
first page's own header and footer instead (_letterhead). The body in 三号 仿宋, 一级标题 in 黑体; the 署名 centred
over the 成文日期, which stands four characters from the right edge (the 用印 layout); 附注 under it.
Attachments each begin on a new page, landscape when their table reads better so, with the page number
still where a portrait page has it (turned, at the binding edge's foot). The 版记 (抄送, 印发机关 and 印发日期
between its thick and thin lines; a letter's is its 抄送 alone, without lines) sits at the foot of the last
page. Page numbers "— 1 —" in 四号 宋体, odd pages right, even left, but for a letter's first page. Fonts:
tracker.render.docfonts.

A document without an issuer (the office's internal list, the upward return) has no 版头, 署名 or 版记.
Imported only by the commands that write documents."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from typing import Any

from tracker.core.escape import docx_text
from tracker.core.i18n import Lang, label
from tracker.render import docxml
from tracker.render.docfonts import BODY, HEADING, KAI, PAGE, TITLE, document_language, set_fonts
from tracker.render.doctable import LEADING, add_table, cells, column_widths, kinds, lines_needed, text_width
from tracker.render.workbook import stable_zip

BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
MARK_PT = 26  # 一号: the 发文机关标志, narrowed to fit one line
PAGE_PT = 14  # 四号: page numbers and the 版记
TABLE_PT = 10.5  # 五号: a table, in the body or an attachment
SMALL_PT = 9.0  # 小五: an attachment's table when it saves a page
LINES, CHARS = 22, 28
A4_MM = (210, 297)
MARGINS_MM = (37, 28, 26, 35)  # top, left (订口), right, bottom
TYPE_MM = (A4_MM[0] - MARGINS_MM[1] - MARGINS_MM[2], A4_MM[1] - MARGINS_MM[0] - MARGINS_MM[3])  # 156 × 225
LINE_TWIPS = 579  # 225 mm / 22 lines = 28.95 pt
CONDENSE_TWIPS = -5  # the body's characters 0.25 pt closer: 28 of 15.75 pt fill the 156 mm (442.2 pt) line
CHAR_PT = BODY_PT + CONDENSE_TWIPS / 20
MARK_GAP_MM = 35  # from the top of the type area to the top of the 发文机关标志
RULE_GAP_MM = 4  # from the 发文字号 to the red line under it
LETTER_MARK_MM = 30  # 信函格式: from the page's top edge to the top of the 发文机关标志
LETTER_FOOT_MM = 20  # 信函格式: from the page's bottom edge to the lower red double line
LETTER_LINE_MM = 170  # 信函格式: the length of the red double lines, centred on the page
FOOTER_MM = MARGINS_MM[3] - 7 - 6  # the page number's top 7 mm under the type area, its 6 mm line above this
HEADER_MM = 15  # from the page's top edge to its header's
RED = "C00000"
THICK, THIN = 8, 6  # the 版记's lines in eighths of a point: 0.35 mm and 0.25 mm


def notice_docx(notice: Any, stamp: dt.datetime, *, wide: bool = False) -> bytes:
    """A notice, bulletin or list as a document. ``wide``: the whole body on A4 landscape, for a document
    whose own tables are wide (the upward return)."""
    from docx import Document

    doc = Document()
    _properties(doc, notice, stamp)
    document_language(doc)
    _normal(doc)
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    _page(section, landscape=wide, turned=False)
    formal = bool(notice.issuer)
    letter = formal and notice.letter
    _footers(section, letter=letter)
    room = docxml.mm_pt(TYPE_MM[1] if wide else TYPE_MM[0])
    if letter:
        _letterhead(doc, section, notice)
    elif formal:
        _masthead(doc, notice)
    _title(doc, notice.title_lines or (notice.title,), formal)
    if notice.addressee:
        _para(doc, notice.addressee, BODY)
    for block in notice.blocks:
        if block.kind == "heading":
            _para(doc, block.text, HEADING, indent=2)
        elif block.kind == "table" and block.table is not None:
            add_table(doc, block.table, room, TABLE_PT, notice.legend, notice.lang)
        else:
            _para(doc, block.text, BODY, indent=2)
    tail = len(doc.element.body)
    if notice.attachments:
        _attachment_note(doc, notice)
    if formal:
        _signature(doc, notice)
        _keep_together(doc, tail)
    if notice.contact:  # 附注: the line under the date, two characters in, in brackets
        _para(doc, notice.contact, BODY, indent=2)
    landscape_last = False
    for n, attachment in enumerate(notice.attachments, 1):
        landscape_last = _attachment(doc, notice, n, attachment)
    if notice.colophon:
        _colophon(doc, notice, new_page=landscape_last)
    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), stamp)


def _properties(doc: Any, notice: Any, stamp: dt.datetime) -> None:
    """The file's properties name the document and the office that issues it, not the library."""
    props = doc.core_properties
    props.created = props.modified = props.last_printed = stamp
    props.author = props.last_modified_by = notice.issuer or "tracker"
    props.title = docx_text(notice.title)
    props.subject = props.keywords = props.category = ""
    props.comments = ""
    props.language = "zh-CN" if notice.lang is Lang.ZH else "en-US"
    props.revision = 1
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = _app_xml(notice.issuer)
    for rid, rel in list(doc.part.package.rels.items()):  # the template's thumbnail shows another document
        if rel.reltype.endswith("/thumbnail"):
            del doc.part.package.rels[rid]


def _app_xml(company: str) -> bytes:
    from xml.sax.saxutils import escape

    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxml'
            'formats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/'
            'officeDocument/2006/docPropsVTypes"><Application>tracker</Application><DocSecurity>0</DocSecurity>'
            f"<ScaleCrop>false</ScaleCrop><Company>{escape(docx_text(company))}</Company>"
            "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            "<HyperlinksChanged>false</HyperlinksChanged></Properties>").encode()


def _normal(doc: Any) -> None:
    """Body text: 三号 仿宋 on the page's line grid, 28 characters a line, no space between paragraphs, every
    line of the 22 used (no widow control)."""
    from docx.shared import Pt

    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    set_fonts(normal.element.get_or_add_rPr(), BODY)
    docxml.set_child(normal.element.get_or_add_rPr(), "w:spacing", val=str(CONDENSE_TWIPS))
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False
    _exact(fmt, LINE_TWIPS / 20)


def _exact(fmt: Any, pt: float) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(pt)


def _para(doc: Any, text: str, font: str, *, size: float = BODY_PT, align: Any = None, indent: float = 0,
          color: str | None = None) -> Any:
    """A paragraph of one run; ``indent`` first-line characters of the grid."""
    from docx.shared import Pt, RGBColor

    para = doc.add_paragraph()
    if align is not None:
        para.alignment = align
    if indent:
        docxml.indent_chars(para._p.get_or_add_pPr(), indent, CHAR_PT)
    if text:
        run = para.add_run(docx_text(text))
        if size != BODY_PT:
            run.font.size = Pt(size)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
        set_fonts(run._r.get_or_add_rPr(), font)
    return para


def _blank(doc: Any, n: int = 1) -> None:
    for _ in range(n):
        doc.add_paragraph()


def _masthead(doc: Any, notice: Any) -> None:
    """The 版头 (文件格式): the 发文机关标志 35 mm below the top of the type area, red, centred, narrowed to one
    line; two lines under it the 发文字号 (or its blank), and 4 mm under that the red line across the type
    area; then two blank lines before the title."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    mark = _mark(doc, notice.issuer)
    mark.paragraph_format.space_before = Pt(docxml.mm_pt(MARK_GAP_MM))
    _blank(doc, 2)
    number = _para(doc, notice.shown_number, BODY, align=WD_ALIGN_PARAGRAPH.CENTER)
    # the line sits 4 mm under the number's characters, which stand in the lower part of their line
    docxml.rule(number._p.get_or_add_pPr(), "bottom", 12, RED,
                space_pt=max(0, round(docxml.mm_pt(RULE_GAP_MM) - (LINE_TWIPS / 20 - BODY_PT) / 2)))
    _blank(doc, 2)


def _mark(where: Any, issuer: str) -> Any:
    """The 发文机关标志: red, centred, in the title's face, narrowed (字符缩放) to the type area's width."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    mark = _para(where, issuer, TITLE, size=MARK_PT, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED)
    _exact(mark.paragraph_format, MARK_PT * 1.15)
    docxml.off_grid(mark._p.get_or_add_pPr())
    width = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in issuer) * MARK_PT
    scale = min(100, int(docxml.mm_pt(TYPE_MM[0]) / max(width, 1) * 100))
    if scale < 100:  # the mark keeps its height and narrows to the type area's width
        for run in mark.runs:
            docxml.set_child(run._r.get_or_add_rPr(), "w:w", val=str(max(scale, 50)))
    return mark


def _letterhead(doc: Any, section: Any, notice: Any) -> None:
    """The 版头 (信函格式, GB/T 9704 10.1), in the first page's own header and footer: the 发文机关标志 30 mm
    from the page's top edge; 4 mm under it a red double line, thick above thin, 170 mm long; under that, at
    seven eighths of a 三号 character, the 发文字号 flush with the type area's right edge; a red double line,
    thin above thick, 20 mm from the page's bottom edge; no page number on that page. The body (two blank
    lines, then the title) begins under the header, which pushes it down."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    section.different_first_page_header_footer = True
    head = section.first_page_header
    head.is_linked_to_previous = False
    for p in list(head.paragraphs):
        p._p.getparent().remove(p._p)
    mark = _mark(head, notice.issuer)
    # placed by its own space from the header's top, which stands where every page's does: a header distance
    # of 30 mm would be the section's, and the other pages' empty header could push their text down
    mark.paragraph_format.space_before = Mm(LETTER_MARK_MM - HEADER_MM)
    out = -docxml.mm_pt((LETTER_LINE_MM - TYPE_MM[0]) / 2)  # the lines reach 7 mm past the type area
    mark.paragraph_format.left_indent = mark.paragraph_format.right_indent = Pt(out)
    descent = MARK_PT * 0.15  # under the characters, within their exact line
    gap = max(0, round(docxml.mm_pt(RULE_GAP_MM) - descent))
    docxml.rule(mark._p.get_or_add_pPr(), "bottom", 18, RED, space_pt=gap, style="thickThinSmallGap")
    number = _para(head, notice.shown_number, BODY, align=WD_ALIGN_PARAGRAPH.RIGHT)
    # its characters stand low in their line: their top comes 7/8 of their height under the double line
    number.paragraph_format.space_before = Pt(round(BODY_PT * 7 / 8 - (LINE_TWIPS / 20 - BODY_PT) * 0.75, 1))
    docxml.off_grid(number._p.get_or_add_pPr())
    foot = section.first_page_footer
    foot.is_linked_to_previous = False
    line = foot.paragraphs[0] if foot.paragraphs else foot.add_paragraph()
    _exact(line.paragraph_format, 1)
    docxml.off_grid(line._p.get_or_add_pPr())
    line.paragraph_format.left_indent = line.paragraph_format.right_indent = Pt(out)
    docxml.rule(line._p.get_or_add_pPr(), "bottom", 18, RED, style="thinThickSmallGap")
    _blank(doc, 2)


def _title(doc: Any, lines: tuple[str, ...], formal: bool) -> None:
    """The title in 二号 小标宋, centred, its lines as broken by meaning; a blank line follows."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    para = _para(doc, "", TITLE, align=WD_ALIGN_PARAGRAPH.CENTER)
    docxml.off_grid(para._p.get_or_add_pPr())
    _exact(para.paragraph_format, LINE_TWIPS / 20 * (1.2 if formal else 1.0))
    from docx.shared import Pt

    for n, line in enumerate(lines):
        run = para.add_run(docx_text(line))
        run.font.size = Pt(TITLE_PT)
        set_fonts(run._r.get_or_add_rPr(), TITLE)
        if n < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)
    _blank(doc)


def _attachment_note(doc: Any, notice: Any) -> None:
    """附件说明: one blank line under the body, two characters in; several attachments numbered, a second
    name aligned under the first."""
    _blank(doc)
    lead = label("notice.attachments", notice.lang) + ("：" if notice.lang is Lang.ZH else ": ")
    several = len(notice.attachments) > 1
    gap = "" if notice.lang is Lang.ZH else " "
    for n, attachment in enumerate(notice.attachments, 1):
        text = f"{n}.{gap}{attachment.title}" if several else attachment.title
        p = _para(doc, (lead if n == 1 else "") + text, BODY, indent=2)
        if n > 1:  # aligned under the first attachment's name
            lead_chars = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in lead)
            docxml.indent_chars(p._p.get_or_add_pPr(), 2 + lead_chars, CHAR_PT)


def _keep_together(doc: Any, start: int) -> None:
    """The 署名 never stands on a page alone: the text's last paragraph, the 附件说明 and the signature keep with
    the date (GB/T 9704 7.3.5.4: the room left must hold them, or lines move to make it)."""
    body = list(doc.element.body)
    first = start - 1 if start and body[start - 1].tag.endswith("}p") else start
    kept = [el for el in body[first:] if el.tag.endswith("}p")]
    for p in kept[:-1]:  # all but the date
        docxml.set_child(p.get_or_add_pPr(), "w:keepNext")


def _signature(doc: Any, notice: Any) -> None:
    """署名 and 成文日期 laid out for the seal (GB/T 9704 7.3.5.1): the date right-aligned four characters
    from the right edge, the office's name centred over it as far as the type area allows."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    def chars(text: str) -> float:
        return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)

    _blank(doc)  # the seal's top comes within a line of the text above; name and date lie under its middle
    date_right = 4 * CHAR_PT
    signer_right = max(0.0, date_right + (chars(notice.date) - chars(notice.issuer)) / 2 * CHAR_PT)
    signer = _para(doc, notice.issuer, BODY, align=WD_ALIGN_PARAGRAPH.RIGHT)
    signer.paragraph_format.right_indent = Pt(round(signer_right, 1))
    dated = _para(doc, notice.date, BODY, align=WD_ALIGN_PARAGRAPH.RIGHT)
    dated.paragraph_format.right_indent = Pt(round(date_right, 1))


def _layout(notice: Any, attachment: Any, last: bool) -> tuple[bool, float]:
    """Landscape or not, and the type size, for an attachment's tables: tables that fit the page's width, then
    the fewest pages (a landscape last attachment costs the 版记 a portrait page of its own), then the larger
    type (五号 before 小五), then the fewer lines (names not broken), then portrait."""
    parts = attachment.groups or (("", attachment.table),)
    best: tuple[tuple[bool, float, float, int, bool], bool, float] | None = None
    for size in (TABLE_PT, SMALL_PT):
        for turned in (False, True):
            room = docxml.mm_pt(TYPE_MM[1] if turned else TYPE_MM[0])
            height = docxml.mm_pt(TYPE_MM[0] if turned else TYPE_MM[1])
            lines = 0
            overflows = False
            for _, table in parts:
                texts = cells(table)
                widths = column_widths(table.headers, texts, kinds(table), room, size)
                lines += lines_needed(table.headers, texts, widths, size)
                overflows = overflows or sum(widths) > room + 0.5
            used = lines * size * LEADING + (4 + len(attachment.groups)) * LINE_TWIPS / 20
            # a landscape last attachment costs the 版记 a portrait page of its own; a letter without 抄送 has
            # no 版记, but is charged the page too: landscape pages hold fewer rows than this counts (on the
            # example folder, two reminders went from four pages to five without the charge)
            pages = -(-used // height) + (1 if turned and last and notice.issuer else 0)
            key = (overflows, pages, -size, lines, turned)
            if best is None or key < best[0]:
                best = (key, turned, size)
    assert best is not None
    return best[1], best[2]


def _attachment(doc: Any, notice: Any, n: int, attachment: Any) -> bool:
    """An attachment on a new page: 附件N in 黑体 at the top left, its title centred on the third line, then
    its table, or its parts each under a 楷体 heading. True when on landscape pages."""
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    landscape, size = _layout(notice, attachment, n == len(notice.attachments))
    current = doc.sections[-1]
    turn = landscape or current.orientation != 0
    if turn:
        part = doc.add_section(WD_SECTION.NEW_PAGE)
        _page(part, landscape=landscape, turned=landscape)
        _footers(part, turned=landscape, index=len(doc.sections))
    several = len(notice.attachments) > 1
    tag = label("notice.attachment.n", notice.lang).format(n=n if several else "")
    _para(doc, tag.strip(), HEADING).paragraph_format.page_break_before = not turn
    _blank(doc)
    title = _para(doc, attachment.title, TITLE, size=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    docxml.off_grid(title._p.get_or_add_pPr())
    _blank(doc)
    room = docxml.mm_pt(TYPE_MM[1] if landscape else TYPE_MM[0])
    for head, table in attachment.groups or (("", attachment.table),):
        if head:
            _para(doc, head, KAI, indent=2)
        add_table(doc, table, room, size, notice.legend, notice.lang)
    return landscape


def _colophon(doc: Any, notice: Any, *, new_page: bool) -> None:
    """The 版记 at the foot of the last page: a thick line, 抄送 (when there is any), a thin line, 印发机关 one
    character in and 印发日期 one character from the right, and a thick line on the type area's lower edge.
    A letter's (信函格式) has only the 抄送, without lines (GB/T 9704 10.2). After a landscape attachment it
    has a portrait page of its own."""
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
    from docx.shared import Pt

    if new_page:
        part = doc.add_section(WD_SECTION.NEW_PAGE)
        _page(part, landscape=False, turned=False)
        _footers(part, index=len(doc.sections))
        _blank(doc)  # the page's first line, or LibreOffice floats the 版记 onto the page before
    rows = ([label("notice.cc", notice.lang).format(cc=notice.cc)] if notice.cc else []) + \
        ([] if notice.letter else [f"{notice.issuer}\t{label('notice.printed', notice.lang).format(date=notice.date)}"])
    width = docxml.mm_pt(TYPE_MM[0])
    table = doc.add_table(rows=len(rows), cols=1)
    table.autofit = False
    tblpr = table._tbl.tblPr
    docxml.set_child(tblpr, "w:tblW", w=docxml.twips(width), type="dxa")
    docxml.set_child(tblpr, "w:tblLayout", type="fixed")
    borders = docxml.set_child(tblpr, "w:tblBorders")
    lines = (0, 0) if notice.letter else (THICK, THIN)
    for edge, size in (("top", lines[0]), ("left", 0), ("bottom", lines[0]), ("right", 0), ("insideH", lines[1]),
                       ("insideV", 0)):
        borders.append(docxml.element(f"w:{edge}", val="single" if size else "nil", sz=str(size), space="0",
                                      color="000000"))
    margins = docxml.set_child(tblpr, "w:tblCellMar")
    for edge in ("left", "right"):
        margins.append(docxml.element(f"w:{edge}", w="0", type="dxa"))
    docxml.float_at_foot(table, docxml.mm_pt(MARGINS_MM[1]))
    table.columns[0].width = Pt(width)
    one = PAGE_PT
    for row, text in zip(table.rows, rows, strict=True):
        cell = row.cells[0]
        cell.width = Pt(width)
        para = cell.paragraphs[0]
        fmt = para.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_TWIPS / 20)
        docxml.off_grid(para._p.get_or_add_pPr())
        fmt.left_indent, fmt.right_indent = Pt(one), Pt(one)
        if "\t" in text:  # 印发机关 at the left, 印发日期 at the right
            fmt.tab_stops.add_tab_stop(Pt(width - one), WD_TAB_ALIGNMENT.RIGHT)
        else:  # 抄送：a second line aligned under the first name
            lead = 3 * PAGE_PT if notice.lang is Lang.ZH else 0
            fmt.left_indent, fmt.first_line_indent = Pt(one + lead), Pt(-lead)
        run = para.add_run(docx_text(text))
        run.font.size = Pt(PAGE_PT)
        set_fonts(run._r.get_or_add_rPr(), BODY)
        if "\t" in text:  # a long office name and the date close up rather than break the line
            for key in ("w:autoSpaceDE", "w:autoSpaceDN"):  # no extra space between the digits and the Chinese
                docxml.set_child(para._p.get_or_add_pPr(), key, val="0")
            excess = text_width(text.replace("\t", "　"), PAGE_PT) - (width - 3 * one)  # a character to spare
            if excess > 0:
                closer = -(-excess * 20 // len(text))
                docxml.set_child(run._r.get_or_add_rPr(), "w:spacing", val=str(-int(closer)))
    _para(doc, "", BODY)  # Word anchors a floating table to a paragraph after it


def _page(section: Any, *, landscape: bool, turned: bool) -> None:
    """A4, the 公文 margins and the grid. ``turned``: a landscape page of a portrait document, whose top lies
    along the binding edge, so the margins turn with it (top 28, right 37, bottom 26, left 35 mm)."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    width, height = (A4_MM[1], A4_MM[0]) if landscape else A4_MM
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    top, left, right, bottom = MARGINS_MM
    if turned:
        top, right, bottom, left = left, top, right, bottom
    section.top_margin, section.left_margin, section.right_margin, section.bottom_margin = \
        Mm(top), Mm(left), Mm(right), Mm(bottom)
    section.footer_distance = Mm(FOOTER_MM)
    section.different_first_page_header_footer = False  # a letter's 版头 is its first page's, not a new section's
    section.header_distance = Mm(HEADER_MM)
    docxml.grid(section._sectPr, LINE_TWIPS)


def _page_runs(para: Any) -> None:
    """"— 1 —": a PAGE field between dashes in 四号 宋体."""
    from docx.shared import Pt

    def font(run: Any) -> None:
        run.font.size = Pt(PAGE_PT)
        set_fonts(run._r.get_or_add_rPr(), PAGE)

    font(para.add_run("— "))
    docxml.field(para, "PAGE", "1", font)
    font(para.add_run(" —"))


def _footers(section: Any, *, turned: bool = False, index: int = 0, letter: bool = False) -> None:
    """Page numbers: odd pages at the right, even pages at the left, one character in. On a ``turned``
    (landscape) page the number stands where the portrait page has it: along the binding edge's foot,
    turned to be read with the sheet held upright. A ``letter``'s first page has its lower red line in its
    footer, 20 mm from the edge: the footers then stand lower, and the numbers keep their place by the space
    under them."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    if letter:
        section.footer_distance = Mm(LETTER_FOOT_MM)

    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        docxml.off_grid(para._p.get_or_add_pPr())
        if turned:
            _turned_number(para, odd, 1000 + 2 * index + (0 if odd else 1))
            continue
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        if letter:
            para.paragraph_format.space_after = Mm(FOOTER_MM - LETTER_FOOT_MM)
        if odd:
            para.paragraph_format.right_indent = Pt(PAGE_PT)
        else:
            para.paragraph_format.left_indent = Pt(PAGE_PT)
        _page_runs(para)


def _turned_number(para: Any, odd: bool, ident: int) -> None:
    """The number of a landscape page, in a text box turned 90°: on the portrait sheet it is 7 mm under the
    type area, one character in from the right (odd pages) or left (even pages)."""
    pt = docxml.mm_pt
    band = PAGE_PT * 1.4  # the number's line, across the page's left margin
    x = pt(MARGINS_MM[3] - 7) - band  # the portrait page's foot is the landscape page's left edge
    length = pt(40)
    if odd:  # the portrait right edge is the landscape foot
        y, align = pt(A4_MM[0] - MARGINS_MM[2]) - PAGE_PT - length, "right"
    else:
        y, align = pt(MARGINS_MM[1]) + PAGE_PT, "left"
    fonts = (f'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{PAGE}" '
             f'w:cs="Times New Roman" w:hint="eastAsia"/><w:sz w:val="{PAGE_PT * 2}"/>'
             '<w:lang w:val="en-US" w:eastAsia="zh-CN"/>')

    def run(inner: str) -> str:
        return f"<w:r><w:rPr>{fonts}</w:rPr>{inner}</w:r>"

    content = (f'<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="{round(band * 20)}" w:lineRule="exact"/>'
               f'<w:jc w:val="{align}"/></w:pPr>' + run('<w:t xml:space="preserve">— </w:t>')
               + run('<w:fldChar w:fldCharType="begin"/>')
               + run('<w:instrText xml:space="preserve"> PAGE </w:instrText>')
               + run('<w:fldChar w:fldCharType="separate"/>') + run("<w:t>1</w:t>")
               + run('<w:fldChar w:fldCharType="end"/>') + run('<w:t xml:space="preserve"> —</w:t>') + "</w:p>")
    docxml.turned_box(para, x, y, band, length, ident, content)
