"""The Chinese official fonts of a 公文, named so that the document renders as one wherever it is opened.

GB/T 9704 names 方正小标宋简体 (title), 仿宋_GB2312 (body), 黑体 (一级标题) and 楷体_GB2312 (二级标题), the fonts
of an office PC. Each run names its font as the East Asian font (``w:eastAsia``, with ``w:hint``) and the
text's language as zh-CN; what a reader without the font sees then depends on the program:

- Word looks the missing font up in the document's font table (``word/fontTable.xml``). It tries the one
  ``w:altName`` (a single name of at most 31 characters: Word does not split a list, [MS-OI29500] 2.1.262),
  then matches panose, character set and family against the fonts it has. Each GB font's entry therefore
  names the Windows font next in its chain (仿宋_GB2312 → 仿宋) and carries the panose and GB2312 character
  set of the font after it (宋体, 黑体), so Word ends on a font of the same kind.
- WPS maps the GB names itself.
- LibreOffice reads none of the font table's substitution data (writerfilter's FontTable.cxx skips
  altName, panose and family) and asks the platform by name and language; on Linux fontconfig chooses,
  and it knows nothing of these names: every one of them falls to the default sans face. The language
  zh-CN makes that the simplified Chinese face (Noto Sans CJK SC, not JP); the kind of face (宋, 仿宋 and 楷
  serif, 黑 sans) comes from ``docs/fonts/65-gongwen.conf``, which gives fontconfig the same chains.

The theme names the same fonts for simplified Chinese (``script="Hans"``), so text typed into the document
later gets them too; the document's default language and theme language are zh-CN.
"""

from __future__ import annotations

from typing import Any, NamedTuple

LATIN = "Times New Roman"  # digits and Latin letters in every run, as offices set them


class Face(NamedTuple):
    """A font of the font table: its name, the next font of its chain, and what Word matches it by."""

    name: str
    alt: str
    panose: str
    family: str  # "roman" (serif), "swiss" (sans), "modern" (fixed pitch)
    pitch: str
    sig: tuple[str, str, str, str, str, str]  # Unicode ranges and code pages (usb0–3, csb0–1)


_GB2312 = ("00000001", "080E0000", "00000010", "00000000", "00040000", "00000000")
_SIMSUN = ("00000003", "288F0000", "00000016", "00000000", "00040001", "00000000")
_CJK_SC = ("30000003", "2BDF3C10", "00000016", "00000000", "002E0107", "00000000")
_SONG, _FANG, _HEI = "02010600030101010101", "02010609060101010101", "02010609060101010101"

TITLE = "方正小标宋简体"
BODY = "仿宋_GB2312"
HEADING = "黑体"
KAI = "楷体_GB2312"
PAGE = "宋体"

FACES: tuple[Face, ...] = (
    Face(TITLE, "华文中宋", _SONG, "roman", "variable", _GB2312),
    Face("华文中宋", "宋体", _SONG, "roman", "variable", _SIMSUN),
    Face(BODY, "仿宋", _FANG, "modern", "fixed", _GB2312),
    Face("仿宋", "FangSong", _FANG, "modern", "fixed", _SIMSUN),
    Face(KAI, "楷体", _FANG, "modern", "fixed", _GB2312),
    Face("楷体", "KaiTi", _FANG, "modern", "fixed", _SIMSUN),
    Face(HEADING, "SimHei", _HEI, "modern", "fixed", _SIMSUN),
    Face(PAGE, "SimSun", _SONG, "auto", "variable", _SIMSUN),
    Face("Noto Serif CJK SC", "Source Han Serif SC", "02020400000000000000", "roman", "variable", _CJK_SC),
    Face("Noto Sans CJK SC", "Source Han Sans SC", "020B0500000000000000", "swiss", "variable", _CJK_SC),
    Face(LATIN, "", "02020603050405020304", "roman", "variable",
         ("E0002AFF", "C0007841", "00000009", "00000000", "000001FF", "00000000")),
)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def set_fonts(rpr: Any, east: str) -> None:
    """The fonts of a run's or style's properties (``w:rPr``): Latin in Times New Roman, Chinese in ``east``
    (no theme font, which Word would take instead), the text zh-CN."""
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for key in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(key), None)
    for key, value in (("w:ascii", LATIN), ("w:hAnsi", LATIN), ("w:eastAsia", east), ("w:cs", LATIN),
                       ("w:hint", "eastAsia")):
        fonts.set(qn(key), value)
    _language(rpr)


def _language(rpr: Any) -> None:
    from tracker.render.docxml import set_child

    set_child(rpr, "w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")


def font_table() -> bytes:
    """``word/fontTable.xml``: every font the document names and each one's fallback."""
    from xml.sax.saxutils import quoteattr

    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{_W}">']
    for f in FACES:
        alt = f"<w:altName w:val={quoteattr(f.alt)}/>" if f.alt else ""
        charset = "00" if f.name == LATIN else "86"
        usb0, usb1, usb2, usb3, csb0, csb1 = f.sig
        out.append(f"<w:font w:name={quoteattr(f.name)}>{alt}<w:panose1 w:val=\"{f.panose}\"/>"
                   f"<w:charset w:val=\"{charset}\"/><w:family w:val=\"{f.family}\"/><w:pitch w:val=\"{f.pitch}\"/>"
                   f"<w:sig w:usb0=\"{usb0}\" w:usb1=\"{usb1}\" w:usb2=\"{usb2}\" w:usb3=\"{usb3}\" "
                   f"w:csb0=\"{csb0}\" w:csb1=\"{csb1}\"/></w:font>")
    out.append("</w:fonts>")
    return "".join(out).encode("utf-8")


def theme(data: bytes) -> bytes:
    """The theme with the GB fonts for simplified Chinese: headings 黑体, body 仿宋_GB2312."""
    import re

    def fonts(name: str) -> Any:
        def sub(m: re.Match[bytes]) -> bytes:
            block = re.sub(rb'<a:font script="Hans" typeface="[^"]*"/>',
                           f'<a:font script="Hans" typeface="{name}"/>'.encode(), m.group(0))
            return re.sub(rb'<a:latin typeface="[^"]*"/>', f'<a:latin typeface="{LATIN}"/>'.encode(), block)
        return sub

    data = re.sub(rb"<a:majorFont>.*?</a:majorFont>", fonts(HEADING), data, flags=re.S)
    return re.sub(rb"<a:minorFont>.*?</a:minorFont>", fonts(BODY), data, flags=re.S)


def document_language(doc: Any) -> None:
    """Default fonts and language of every style zh-CN (the template's say en-US and Japanese), and the
    theme's language for East Asian text zh-CN."""
    from docx.oxml.ns import qn

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, BODY)
    lang = doc.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    for part in doc.part.package.iter_parts():
        name = str(part.partname)
        if name == "/word/fontTable.xml":
            part._blob = font_table()
        elif name == "/word/theme/theme1.xml":
            part._blob = theme(part.blob)
