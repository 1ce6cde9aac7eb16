"""A notice as a Word document (.docx), in the plain layout of an office document: centred title,
headings, tables with a header row, sign-off aligned right. Imported only by ``tracker remind``."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from tracker.render import cell_text
from tracker.render_xlsx import stable_zip


def notice_docx(notice: Any, stamp: dt.datetime, *, wide: bool = False) -> bytes:
    """``wide``: A4 landscape, free-text columns given the room (a return with many columns)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    if wide:
        section = doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin = section.right_margin = Mm(20)
    doc.core_properties.created = doc.core_properties.modified = stamp
    doc.core_properties.last_printed = stamp
    doc.core_properties.author = doc.core_properties.last_modified_by = "tracker"
    doc.core_properties.title = notice.title
    normal = doc.styles["Normal"]
    normal.font.name = "SimSun"
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(notice.title)
    run.bold = True
    run.font.size = Pt(16)
    for block in notice.blocks:
        if block.kind == "heading":
            para = doc.add_paragraph()
            para.add_run(block.text).bold = True
        elif block.kind == "table" and block.table is not None:
            t = block.table
            table = doc.add_table(rows=1, cols=len(t.headers))
            table.style = "Table Grid"
            for cell, header in zip(table.rows[0].cells, t.headers, strict=True):
                cell.text = header
                for p in cell.paragraphs:
                    for r in p.runs:
                        r.bold = True
            for row in t.rows:
                cells = table.add_row().cells
                for i, value in enumerate(row):
                    cells[i].text = cell_text(value, t.kind(i), bars=False)
            if wide:
                _widths(table, t, Mm(257))
        elif block.kind == "sign":
            for line in block.text.split("\n"):
                para = doc.add_paragraph(line)
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            para = doc.add_paragraph(block.text)
            para.paragraph_format.first_line_indent = Pt(24) if not block.text.endswith("：") else None
    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), stamp)


def _widths(table: Any, t: Any, total: int) -> None:
    """Numbers narrow, short text a little wider, the rest of the width shared by the free-text ("long")
    columns."""
    kinds = [t.kind(i) for i in range(len(t.headers))]
    if "long" not in kinds:
        return
    fixed = {"text": total // 9, "long": 0}
    used = sum(fixed.get(k, total // 16) for k in kinds)
    room = max((total - used) // kinds.count("long"), total // 9)
    table.autofit = False
    for column, kind in zip(table.columns, kinds, strict=True):
        width = room if kind == "long" else fixed.get(kind, total // 16)
        column.width = width  # the grid, which LibreOffice and WPS follow; the cells, which Word follows
        for cell in column.cells:
            cell.width = width
