"""A notice as a Word document (.docx), in the plain layout of an office document: centred title,
headings, tables with a header row, sign-off aligned right. Imported only by ``tracker remind``."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from tracker.escape import docx_text
from tracker.render import cell_text
from tracker.render_xlsx import stable_zip


def notice_docx(notice: Any, stamp: dt.datetime) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.created = doc.core_properties.modified = stamp
    doc.core_properties.last_printed = stamp
    doc.core_properties.author = doc.core_properties.last_modified_by = "tracker"
    doc.core_properties.title = docx_text(notice.title)
    normal = doc.styles["Normal"]
    normal.font.name = "SimSun"
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(docx_text(notice.title))
    run.bold = True
    run.font.size = Pt(16)
    for block in notice.blocks:
        if block.kind == "heading":
            para = doc.add_paragraph()
            para.add_run(docx_text(block.text)).bold = True
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
                    cells[i].text = docx_text(cell_text(value, t.kind(i), bars=False))
        elif block.kind == "sign":
            for line in block.text.split("\n"):
                para = doc.add_paragraph(docx_text(line))
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            para = doc.add_paragraph(docx_text(block.text))
            para.paragraph_format.first_line_indent = Pt(24) if not block.text.endswith("：") else None
    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), stamp)
