"""WordprocessingML pieces python-docx has no call for, used by the 公文 layout (tracker.render.document):
paragraph rules, the character grid, fields, floating tables and a page number turned on its side.

Measures are in points unless a name says otherwise; Word's own units are twips (1/20 pt), eighths of a
point for rules and EMU (1/12700 pt) for drawings."""

from __future__ import annotations

from typing import Any

EMU_PT = 12700
_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')


def twips(pt: float) -> str:
    return str(round(pt * 20))


def mm_pt(mm: float) -> float:
    return mm * 72 / 25.4


def element(tag: str, **attrs: str) -> Any:
    """A ``w:`` element with ``w:`` attributes (keyword ``val`` for ``w:val``)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


_ORDER = {  # the schema's order of the children Word insists on (ECMA-376 part 1, 17.3 and 17.4)
    "pPr": ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
            "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
            "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
            "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"),
    "rPr": ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
            "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
            "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
            "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"),
    "tblPr": ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
              "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
              "tblCaption", "tblDescription"),
    "tcPr": ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
             "textDirection", "tcFitText", "vAlign", "hideMark"),
}


def set_child(parent: Any, tag: str, **attrs: str) -> Any:
    """Replace ``parent``'s ``tag`` child by a new one with ``attrs``, in the place the schema gives it."""
    from docx.oxml.ns import qn

    old = parent.find(qn(tag))
    if old is not None:
        parent.remove(old)
    el = element(tag, **attrs)
    order = _ORDER.get(parent.tag.rpartition("}")[2])
    if order is None:
        parent.append(el)
        return el
    rank = order.index(tag.partition(":")[2])
    for n, child in enumerate(parent):
        name = child.tag.rpartition("}")[2]
        if name in order and order.index(name) > rank:
            parent.insert(n, el)
            return el
    parent.append(el)
    return el


def rule(ppr: Any, edge: str, size_eighths: int, color: str, space_pt: int = 0, style: str = "single") -> None:
    """A line along a paragraph's ``edge`` ("top" or "bottom"), as wide as the paragraph; ``style`` a double
    line's: "thickThinSmallGap" (thick above thin), "thinThickSmallGap" (thin above thick)."""
    from docx.oxml.ns import qn

    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = set_child(ppr, "w:pBdr")
    borders.append(element(f"w:{edge}", val=style, sz=str(size_eighths), space=str(space_pt), color=color))


def grid(sect: Any, line_twips: int) -> None:
    """The page's line grid (``w:docGrid type="lines"``): 22 lines. The 28 characters of a line come from
    the body's character spacing instead of the grid's ``charSpace``: LibreOffice gives every character
    wider than a grid cell two cells (16 pt characters on a 15.79 pt pitch: 14 a line), while condensed
    characters make 28 a line in Word, WPS and LibreOffice alike."""
    set_child(sect, "w:docGrid", type="lines", linePitch=str(line_twips))


def off_grid(ppr: Any) -> None:
    """Let a paragraph keep its own line pitch: on the page's grid a title's, a table's or the 版记's lines
    would each be pushed to a whole grid line, or two."""
    set_child(ppr, "w:snapToGrid", val="0")


def indent_chars(ppr: Any, first_chars: float, char_pt: float) -> None:
    """A first-line indent in characters (Word's ``firstLineChars``) and the same in twips for readers
    that ignore the former."""
    from docx.oxml.ns import qn

    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = set_child(ppr, "w:ind")
    ind.set(qn("w:firstLineChars"), str(round(first_chars * 100)))
    ind.set(qn("w:firstLine"), twips(first_chars * char_pt))


def field(para: Any, code: str, shown: str, font: Any) -> None:
    """A field (``PAGE``) in ``para``: begin, code, separator, the value shown until updated, end; ``font``
    styles each run."""
    def run_with(child: Any) -> None:
        run = para.add_run()
        font(run)
        run._r.append(child)

    run_with(element("w:fldChar", fldCharType="begin"))
    instr = element("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {code} "
    run_with(instr)
    run_with(element("w:fldChar", fldCharType="separate"))
    font(para.add_run(shown))
    run_with(element("w:fldChar", fldCharType="end"))


def float_at_foot(table: Any, left_pt: float) -> None:
    """Float a table to the foot of the type area on the page where it falls (the 版记's place): its last
    line on the type area's lower edge, its left edge ``left_pt`` from the page's, nothing beside it.
    Placed from the page's edge rather than the margin's: LibreOffice floats a table as wide as the type
    area only then (otherwise it keeps it in the text where it stands)."""
    tblpr = table._tbl.tblPr
    set_child(tblpr, "w:tblpPr", leftFromText="0", rightFromText="0", topFromText="0", bottomFromText="0",
              vertAnchor="margin", horzAnchor="page", tblpX=twips(left_pt), tblpYSpec="bottom")
    set_child(tblpr, "w:tblOverlap", val="never")


def turned_box(para: Any, x_pt: float, y_pt: float, width_pt: float, length_pt: float, ident: int,
               content: str) -> None:
    """A text box placed on the page at (``x_pt``, ``y_pt``), ``width_pt`` across and ``length_pt`` down,
    whose text runs top to bottom (turned 90° clockwise): a landscape page's number where a portrait page
    has it. ``content`` is the box's paragraphs (``w:p`` XML, without namespace declarations)."""
    from docx.oxml import parse_xml

    cx, cy = round(width_pt * EMU_PT), round(length_pt * EMU_PT)
    xml = (
        f'<w:r {_NS}><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{251658240 + ident}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{round(x_pt * EMU_PT)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{round(y_pt * EMU_PT)}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{ident}" name="page-number-{ident}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f'<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>'
        '<wps:bodyPr rot="0" vert="vert" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr" '
        'anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
        "</w:drawing></w:r>")
    para._p.append(parse_xml(xml))
