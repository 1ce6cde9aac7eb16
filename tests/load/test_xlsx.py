"""The streaming workbook reader on a workbook written by hand, as Excel, WPS and LibreOffice write theirs:
shared strings with rich text and phonetic guides, number formats that show dates and percents, the 1904 date
system, booleans, errors, formulas with and without their values, shared formulas, a strict-namespace prefix."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from tracker.load.xlsx import Limits, Refused, Workbook

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
LIMITS = Limits(1 << 20, 1000, 50, 100, 1000, 100)


def book(sheet: str, strings: str = "", date1904: bool = False, state: str = "visible") -> bytes:
    parts = {
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="r1" Type="{REL}/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<x:workbook xmlns:x="{MAIN}" xmlns:r="{REL}"><x:workbookPr date1904="{int(date1904)}"/>'
                           f'<x:sheets><x:sheet name="表" sheetId="1" r:id="rId1"/><x:sheet name="图" sheetId="2" '
                           f'r:id="rId9"/><x:sheet name="藏" sheetId="3" state="{state}" r:id="rId1"/></x:sheets>'
                           '</x:workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}">'
                                      f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/s.xml"/>'
                                      f'<Relationship Id="rId9" Type="{REL}/chartsheet" Target="/xl/c.xml"/>'
                                      f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="strings.xml"/>'
                                      f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>'
                                      '</Relationships>',
        "xl/styles.xml": f'<styleSheet xmlns="{MAIN}"><numFmts count="2"><numFmt numFmtId="164" '
                         'formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" '
                         'formatCode="0.0%;[Red]-0.0%"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>'
                         '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/>'
                         '<xf numFmtId="9"/><xf numFmtId="49"/></cellXfs></styleSheet>',
        "xl/strings.xml": f'<sst xmlns="{MAIN}">{strings}</sst>',
        "xl/worksheets/s.xml": f'<worksheet xmlns="{MAIN}"><sheetData>{sheet}</sheetData></worksheet>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return buf.getvalue()


def cells(data: bytes, limits: Limits = LIMITS) -> dict[str, object]:
    wb = Workbook(data, limits)
    out: dict[str, object] = {}
    for _, row in wb.rows(wb.sheets[0]):
        for c in row:
            out[f"{c.row},{c.col}"] = (c.value, c.formula) if c.formula else c.value
    return out


def test_values_as_a_spreadsheet_shows_them() -> None:
    strings = ('<si><t>推进中</t></si>'
               '<si><r><rPr><b/></rPr><t>带队</t></r><r><t xml:space="preserve">检查 </t></r></si>'
               '<si><t>东京</t><rPh sb="0" eb="2"><t>とうきょう</t></rPh></si>')
    sheet = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
             '<c r="D1" s="1"><v>45930</v></c><c r="E1" s="2"><v>0.8</v></c><c r="F1" t="b"><v>1</v></c>'
             '<c r="G1" t="e"><v>#N/A</v></c><c r="H1"><v>96.5</v></c><c r="I1"><v>12</v></c></row>'
             '<row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3"><f>NOW()</f></c>'
             '<c r="C3" t="str"><f t="shared" ref="C3:D3" si="0">A1&amp;"x"</f><v>推进中x</v></c>'
             '<c r="D3"><f t="shared" si="0"/></c><c r="E3" t="inlineStr"><is><t>行内</t></is></c>'
             '<c r="F3" s="5"/><c r="G3" t="d"><v>2025-09-30T00:00:00</v></c></row>')
    got = cells(book(sheet, strings))
    assert got == {"1,1": "推进中", "1,2": "带队检查 ", "1,3": "东京", "1,4": dt.datetime(2025, 9, 30), "1,5": 0.8,
                   "1,6": True, "1,7": "#N/A", "1,8": 96.5, "1,9": 12, "3,1": (2, "=1+1"), "3,2": (None, "=NOW()"),
                   "3,3": ("推进中x", '=A1&"x"'), "3,4": (None, '=A1&"x"'), "3,5": "行内",
                   "3,7": dt.datetime(2025, 9, 30)}
    wb = Workbook(book(sheet, strings), LIMITS)
    assert [(s.name, s.state) for s in wb.sheets] == [("表", "visible"), ("藏", "visible")]  # the chart sheet: none
    assert [(f.percent, f.date) for f in wb.formats()] == [(False, False), (False, True), (True, False),
                                                           (False, True), (True, False), (False, False)]


def test_the_1904_date_system_and_the_day_1900_never_had() -> None:
    sheet = '<row r="1"><c r="A1" s="3"><v>0</v></c><c r="B1" s="3"><v>59</v></c><c r="C1" s="3"><v>61</v></c></row>'
    assert cells(book(sheet, date1904=True))["1,1"] == dt.datetime(1904, 1, 1)
    got = cells(book(sheet))
    assert (got["1,2"], got["1,3"]) == (dt.datetime(1900, 2, 28), dt.datetime(1900, 3, 1))


@pytest.mark.parametrize(("sheet", "strings", "code", "at"), [
    ('<row r="1"><c r="A1" t="s"><v>5</v></c></row>', "<si><t>a</t></si>", "import-bad-workbook", (1, 1)),
    ('<row r="1"><c r="A1"><v>x</v></c></row>', "", "import-bad-workbook", (1, 1)),
    ('<row r="2"><c r="B2"><v>1</v></c><c r="A2"><v>1</v></c></row>', "", "import-bad-workbook", (2, 1)),
    ('<row r="1"><c r="A2"><v>1</v></c></row>', "", "import-bad-workbook", (2, 1)),
    ('<row r="1"><c r="a1"><v>1</v></c></row>', "", "import-bad-workbook", (1, 1)),
    ('<row r="1001"><c r="A1001"><v>1</v></c></row>', "", "import-out-of-bounds", (1001, 1)),
    ('<row r="1"><c r="AY1"><v>1</v></c></row>', "", "import-out-of-bounds", (1, 51)),
    ('<row r="1"><c r="A1" t="inlineStr"><is><t>' + "x" * 101 + "</t></is></c></row>", "", "import-cell-too-long",
     (1, 1)),
    ('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', "<si><t>" + "x" * 101 + "</t></si>", "import-cell-too-long",
     (1, 1)),
    ('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', "<si><t>x</t></si>" * 1001, "import-too-many", (0, 0)),
])
def test_what_cannot_be_read_is_refused_at_its_cell(sheet: str, strings: str, code: str,
                                                   at: tuple[int, int]) -> None:
    with pytest.raises(Refused) as refused:
        cells(book(sheet, strings))
    assert (refused.value.code, refused.value.at) == (code, at)


def test_empty_cells_beyond_the_bounds_cost_nothing_and_say_nothing() -> None:
    sheet = '<row r="1048576" s="2" customFormat="1"><c r="XFD1048576" s="2"/></row>'
    assert cells(book(sheet)) == {}


def test_a_part_is_refused_by_its_declared_size_before_it_is_unpacked() -> None:
    data = book('<row r="1"><c r="A1"><v>1</v></c></row>')
    with pytest.raises(Refused) as refused:
        cells(data, LIMITS._replace(part=100))
    assert refused.value.code == "import-part-size"
