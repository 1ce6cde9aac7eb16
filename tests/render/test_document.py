"""The 公文 read back from its XML: page and grid, the 版头's places, the title's lines, the 署名 and 成文日期,
the 版记, landscape attachments, fonts with their East Asian names and language, the font table, theme and
properties. Made from the example folder as of 2025-09-30."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile

import pytest
from lxml import etree

from tracker.render.document import notice_docx
from tracker.views.notices import Notice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
STAMP = dt.datetime(2025, 9, 30)
GB = {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"}


def parts(notice: Notice) -> dict[str, etree._Element]:
    data = zipfile.ZipFile(io.BytesIO(notice_docx(notice, STAMP)))
    return {name: etree.fromstring(data.read(name)) for name in data.namelist() if name.endswith(".xml")}


def paras(doc: etree._Element) -> list[etree._Element]:
    return doc.findall(f"{W}body/{W}p")


def text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def attr(el: etree._Element | None, path: str, name: str) -> str | None:
    found = el.find(path, NS) if el is not None else None
    return None if found is None else found.get(f"{W}{name}")


@pytest.fixture(scope="module")
def reminder(notices):  # type: ignore[no-untyped-def]
    notice = next(n for n in notices if n.stem == "提醒-市交通运输局")
    assert notice.letter  # a reminder is a 函; here laid out as a 文件, the letter's frame is tested apart
    notice = dataclasses.replace(notice, letter=False)
    return notice, parts(dataclasses.replace(notice, cc="市人民政府办公室，市应急管理局"))


def test_the_page_and_its_grid(reminder) -> None:  # type: ignore[no-untyped-def]
    _, xml = reminder
    doc, styles = xml["word/document.xml"], xml["word/styles.xml"]
    sect = doc.find(f"{W}body/{W}sectPr")
    assert (attr(sect, "w:pgSz", "w"), attr(sect, "w:pgSz", "h")) == ("11906", "16838")
    margins = [int(attr(sect, "w:pgMar", k) or 0) for k in ("top", "left", "right", "bottom")]
    assert [round(m / 1440 * 25.4) for m in margins] == [37, 28, 26, 35]
    assert attr(sect, "w:docGrid", "type") == "lines" and attr(sect, "w:docGrid", "linePitch") == "579"
    normal = styles.find(".//w:style[@w:styleId='Normal']", NS)
    # 28 characters of 三号 condensed by a quarter point fill the 156 mm line, 29 do not
    size = int(attr(normal, "w:rPr/w:sz", "val") or 0) / 2
    condensed = int(attr(normal, "w:rPr/w:spacing", "val") or 0) / 20
    line = 156 / 25.4 * 72
    assert 28 * (size + condensed) <= line < 29 * (size + condensed)
    assert attr(normal, "w:pPr/w:spacing", "line") == "579" and attr(normal, "w:pPr/w:spacing", "lineRule") == "exact"


def test_the_masthead_number_rule_and_title_in_their_places(reminder) -> None:  # type: ignore[no-untyped-def]
    notice, xml = reminder
    ps = paras(xml["word/document.xml"])
    mark = ps[0]
    assert text(mark) == "鄂州市安全生产和防灾减灾救灾委员会办公室"
    assert round(int(attr(mark, "w:pPr/w:spacing", "before") or 0) / 1440 * 25.4) == 35  # under the type area's top
    assert attr(mark, "w:r/w:rPr/w:color", "val") == "C00000" and attr(mark, "w:r/w:rPr/w:rFonts", "eastAsia") == \
        "方正小标宋简体"
    assert [text(p) for p in ps[1:3]] == ["", ""]  # 下空二行
    number = ps[3]
    assert text(number) == "鄂安防办〔2025〕示例1号" and attr(number, "w:pPr/w:jc", "val") == "center"
    assert attr(number, "w:pPr/w:pBdr/w:bottom", "color") == "C00000"  # the red line under it
    assert [text(p) for p in ps[4:6]] == ["", ""]  # two blank lines before the title
    title = ps[6]
    runs = title.findall(f"{W}r")
    assert [text(r) for r in runs] == list(notice.title_lines)
    assert notice.title_lines == ("关于加快推进安全生产治本攻坚三年行动", "重点工作任务的提醒")
    assert runs[0].find(f"{W}br") is not None and attr(runs[0], "w:rPr/w:sz", "val") == "44"
    assert text(ps[7]) == "" and text(ps[8]) == notice.addressee == "鄂州市交通运输局："


def test_no_number_keeps_the_place_of_one(notices) -> None:  # type: ignore[no-untyped-def]
    notice = dataclasses.replace(next(n for n in notices if n.stem.startswith("提醒-")), number="", letter=False)
    number = paras(parts(notice)["word/document.xml"])[3]
    assert text(number) == notice.shown_number and "〔" in text(number) and "2025" not in text(number)
    header = next(x for name, x in parts(dataclasses.replace(notice, letter=True)).items() if "header" in name
                  and text(x))
    assert text(header).endswith(notice.shown_number)  # a letter's number, in its first page's header


def letterhead(notice: Notice) -> tuple[etree._Element, etree._Element, etree._Element]:
    """The document, the first page's header and its footer, found through the section's references."""
    data = zipfile.ZipFile(io.BytesIO(notice_docx(notice, STAMP)))
    rels = etree.fromstring(data.read("word/_rels/document.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    doc = etree.fromstring(data.read("word/document.xml"))
    sect = doc.find(f"{W}body/{W}sectPr")
    r = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    first = {ref.tag[len(W):]: etree.fromstring(data.read("word/" + target[ref.get(r)]))
             for ref in sect if ref.get(f"{W}type") == "first"}
    return doc, first["headerReference"], first["footerReference"]


def test_a_letter_has_the_frame_of_a_han(notices) -> None:  # type: ignore[no-untyped-def]
    """信函格式 (GB/T 9704 10.1): the mark 30 mm from the page's top edge over a red double line, thick above
    thin, 170 mm long; the number flush right under it; a thin-above-thick line 20 mm from the bottom edge; no
    page number on the first page; the body begins with two blank lines, then the title."""
    notice = next(n for n in notices if n.stem == "提醒-市交通运输局")
    doc, head, foot = letterhead(notice)
    sect = doc.find(f"{W}body/{W}sectPr")
    assert sect.find(f"{W}titlePg") is not None
    mm = lambda twips: round(int(twips) / 1440 * 25.4)  # noqa: E731
    mark, number = head.findall(f"{W}p")
    above = int(attr(mark, "w:pPr/w:spacing", "before") or 0)
    assert mm(int(attr(sect, "w:pgMar", "header") or 0) + above) == 30 and mm(attr(sect, "w:pgMar", "footer")) == 20
    assert text(mark) == notice.issuer and attr(mark, "w:r/w:rPr/w:color", "val") == "C00000"
    line = mark.find("w:pPr/w:pBdr/w:bottom", NS)
    assert (line.get(f"{W}val"), line.get(f"{W}color")) == ("thickThinSmallGap", "C00000")
    reach = -int(attr(mark, "w:pPr/w:ind", "left") or 0) / 1440 * 25.4
    assert 156 + 2 * reach == pytest.approx(170, abs=0.1)
    assert text(number) == "鄂安防办〔2025〕示例1号" and attr(number, "w:pPr/w:jc", "val") == "right"
    lower = foot.find(f"{W}p/{W}pPr/{W}pBdr/{W}bottom")
    assert lower is not None and lower.get(f"{W}val") == "thinThickSmallGap"
    assert not list(foot.iter(f"{W}instrText"))  # no page number on the first page
    ps = paras(doc)
    assert [text(p) for p in ps[:2]] == ["", ""] and [text(r) for r in ps[2].findall(f"{W}r")] == \
        list(notice.title_lines)
    assert notice.issuer not in [text(p) for p in ps[:2]]  # the mark is in the header, not the body


def test_a_letters_colophon_is_its_cc_alone(notices) -> None:  # type: ignore[no-untyped-def]
    """GB/T 9704 10.2: a letter's 版记 has no 印发机关, 印发日期 or lines; without 抄送 there is none."""
    notice = next(n for n in notices if n.stem == "提醒-市交通运输局")
    doc, _, _ = letterhead(dataclasses.replace(notice, cc="市人民政府办公室"))
    last = doc.findall(f"{W}body/{W}tbl")[-1]
    assert [text(r) for r in last.findall(f"{W}tr")] == ["抄送：市人民政府办公室。"]
    assert {e.get(f"{W}val") for e in last.find("w:tblPr/w:tblBorders", NS)} == {"nil"}
    doc, _, _ = letterhead(notice)
    assert not any("印发" in text(t) for t in doc.findall(f"{W}body/{W}tbl"))


def test_signature_centred_over_a_date_four_characters_from_the_edge(reminder) -> None:  # type: ignore[no-untyped-def]
    notice, xml = reminder
    ps = paras(xml["word/document.xml"])
    at = next(i for i, p in enumerate(ps) if text(p) == notice.date)
    signer, dated = ps[at - 1], ps[at]
    assert text(signer) == notice.issuer
    assert attr(dated, "w:pPr/w:jc", "val") == "right"
    four = int(attr(dated, "w:pPr/w:ind", "right") or 0) / 20
    assert four == pytest.approx(4 * 15.75, abs=0.1)
    # the signature is longer than room allows to centre it on the date: it reaches the right edge
    assert int(attr(signer, "w:pPr/w:ind", "right") or 0) == 0
    short = dataclasses.replace(notice, issuer="测试办")
    ps = paras(parts(short)["word/document.xml"])
    at = next(i for i, p in enumerate(ps) if text(p) == notice.date)
    centre = int(attr(ps[at - 1], "w:pPr/w:ind", "right") or 0) / 20
    assert centre == pytest.approx(4 * 15.75 + (6.5 - 3) / 2 * 15.75, abs=0.1)  # 2025年9月30日: 6½ characters


def test_the_colophon_at_the_foot_of_the_last_page(reminder) -> None:  # type: ignore[no-untyped-def]
    notice, xml = reminder
    doc = xml["word/document.xml"]
    last = doc.findall(f"{W}body/{W}tbl")[-1]
    pos = last.find("w:tblPr/w:tblpPr", NS)
    assert pos is not None and pos.get(f"{W}tblpYSpec") == "bottom" and pos.get(f"{W}vertAnchor") == "margin"
    rows = [text(r) for r in last.findall(f"{W}tr")]
    assert rows == ["抄送：市人民政府办公室，市应急管理局。",
                    "鄂州市安全生产和防灾减灾救灾委员会办公室2025年9月30日印发"]
    borders = last.find("w:tblPr/w:tblBorders", NS)
    sizes = {e.tag[len(W):]: (e.get(f"{W}val"), e.get(f"{W}sz")) for e in borders}
    assert sizes["top"] == sizes["bottom"] == ("single", "8") and sizes["insideH"] == ("single", "6")
    assert sizes["left"][0] == sizes["right"][0] == "nil"
    assert last.getnext() is not None and last.getnext().tag == f"{W}p"  # the paragraph a floating table needs
    printed = last.findall(f"{W}tr")[-1]
    # a long office name and the date close up to stay on one line; a short name leaves them as they are
    assert int(attr(printed, ".//w:r/w:rPr/w:spacing", "val") or 0) < 0
    assert attr(printed, ".//w:pPr/w:autoSpaceDN", "val") == "0"
    short = parts(dataclasses.replace(notice, issuer="测试办"))["word/document.xml"].findall(f"{W}body/{W}tbl")[-1]
    assert attr(short.findall(f"{W}tr")[-1], ".//w:r/w:rPr/w:spacing", "val") is None
    # the 版记 follows the attachment, which follows the body
    body = [text(p) for p in paras(doc)]
    assert body.index("附件") > body.index(notice.date)


def test_tables_run_on_across_pages_with_their_header_row_repeated(reminder) -> None:  # type: ignore[no-untyped-def]
    _, xml = reminder
    tables = xml["word/document.xml"].findall(f"{W}body/{W}tbl")[:-1]
    assert len(tables) >= 2
    for t in tables:
        rows = t.findall(f"{W}tr")
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
        assert not t.findall(".//w:cantSplit", NS)
        widths = [int(c.get(f"{W}w")) for c in t.findall("w:tblGrid/w:gridCol", NS)]
        assert sum(widths) == pytest.approx(8844, abs=10)  # the type area's width
        assert widths[1] == max(widths)  # the task column takes it


def test_every_run_names_a_gb_font_for_chinese_and_says_zh_cn(reminder) -> None:  # type: ignore[no-untyped-def]
    _, xml = reminder
    for name in ("word/document.xml", *(n for n in xml if n.startswith("word/footer"))):
        for run in xml[name].iter(f"{W}r"):
            if not run.findall(f"{W}t"):
                continue
            assert attr(run, "w:rPr/w:rFonts", "eastAsia") in GB, (name, etree.tostring(run)[:200])
            assert attr(run, "w:rPr/w:lang", "eastAsia") == "zh-CN"
    heading_fonts = {attr(r, "w:rPr/w:rFonts", "eastAsia") for r in xml["word/document.xml"].iter(f"{W}r")}
    assert {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"} <= heading_fonts
    defaults = xml["word/styles.xml"].find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults.find("w:lang", NS).get(f"{W}eastAsia") == "zh-CN"
    assert attr(defaults, "w:rFonts", "eastAsiaTheme") is None  # a theme font would win over the GB name
    assert xml["word/settings.xml"].find("w:themeFontLang", NS).get(f"{W}eastAsia") == "zh-CN"


def test_the_font_table_chains_each_gb_font_to_one_every_reader_has(reminder) -> None:  # type: ignore[no-untyped-def]
    _, xml = reminder
    fonts = {f.get(f"{W}name"): f for f in xml["word/fontTable.xml"].findall("w:font", NS)}
    chain = {name: attr(f, "w:altName", "val") for name, f in fonts.items()}
    assert chain["方正小标宋简体"] == "华文中宋" and chain["华文中宋"] == "宋体"
    assert chain["仿宋_GB2312"] == "仿宋" and chain["楷体_GB2312"] == "楷体" and chain["黑体"] == "SimHei"
    assert {"Noto Serif CJK SC", "Noto Sans CJK SC"} <= set(fonts)
    assert not any(name.startswith("ＭＳ") for name in fonts)  # the template's Japanese fonts are gone
    for name in GB:
        assert attr(fonts[name], "w:charset", "val") == "86" and attr(fonts[name], "w:panose1", "val")
        assert len(chain[name] or "") <= 31  # Word reads no more of an altName
    assert attr(fonts["仿宋_GB2312"], "w:panose1", "val") == attr(fonts["仿宋"], "w:panose1", "val")
    assert attr(fonts["黑体"], "w:family", "val") != attr(fonts["宋体"], "w:family", "val")
    theme = next(v for k, v in xml.items() if k.startswith("word/theme/"))
    hans = {e.getparent().tag.rpartition("}")[2]: e.get("typeface")
            for e in theme.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}font")
            if e.get("script") == "Hans"}
    assert hans == {"majorFont": "黑体", "minorFont": "仿宋_GB2312"}


def test_the_properties_name_the_office(reminder) -> None:  # type: ignore[no-untyped-def]
    notice, xml = reminder
    core = etree.tostring(xml["docProps/core.xml"], encoding="unicode")
    app = etree.tostring(xml["docProps/app.xml"], encoding="unicode")
    assert f"<dc:creator>{notice.issuer}</dc:creator>" in core and "python-docx" not in core
    assert "<dc:language>zh-CN</dc:language>" in core and f"<dc:title>{notice.title}</dc:title>" in core
    assert f"<Company>{notice.issuer}</Company>" in app and "Macintosh" not in app and "Microsoft" not in app


def test_a_landscape_attachment_keeps_its_page_number_where_the_portrait_page_has_it(notices) -> None:  # type: ignore[no-untyped-def]
    bulletin = notices[-1]
    xml = parts(bulletin)
    doc = xml["word/document.xml"]
    sections = doc.findall(".//w:sectPr", NS)
    turned = [s for s in sections if attr(s, "w:pgSz", "orient") == "landscape"]
    assert turned, "the ranking's twelve columns go on landscape pages"
    for sect in turned:
        top, left = int(attr(sect, "w:pgMar", "top") or 0), int(attr(sect, "w:pgMar", "left") or 0)
        assert (round(top / 1440 * 25.4), round(left / 1440 * 25.4)) == (28, 35)  # the margins turn with the page
    assert attr(sections[-1], "w:pgSz", "orient") != "landscape"  # the 版记 on a portrait page
    boxes = [xml[n] for n in xml if n.startswith("word/footer")]
    wps = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
    turned_boxes = [b for footer in boxes for b in footer.iter(f"{wps}bodyPr")]
    assert turned_boxes and all(b.get("vert") == "vert" for b in turned_boxes)
    fields = [footer for footer in boxes if any(" PAGE " in (t.text or "") for t in footer.iter(f"{W}instrText"))]
    assert len(fields) == len(boxes)


def test_an_internal_list_has_no_masthead_signature_or_colophon(notices) -> None:  # type: ignore[no-untyped-def]
    internal = notices[0]
    doc = parts(internal)["word/document.xml"]
    texts = [text(p) for p in paras(doc)]
    assert texts[0] == internal.title and "鄂州市安全生产和防灾减灾救灾委员会办公室" not in texts
    assert not doc.findall(".//w:tblpPr", NS) and not any(t.endswith("印发") for t in texts)


def test_only_a_letters_first_page_carries_its_frame(notices) -> None:  # type: ignore[no-untyped-def]
    """A landscape attachment begins a section of its own, which would inherit the first page's 版头: it does not."""
    bulletin = dataclasses.replace(next(n for n in notices if n.stem == "通报"), letter=True)
    doc = parts(bulletin)["word/document.xml"]
    sections = doc.findall(f".//{W}sectPr")
    assert len(sections) > 1  # the bulletin's wide tables turn landscape
    flags = [s.find(f"{W}titlePg") for s in sections]
    on = [f is not None and f.get(f"{W}val") not in ("0", "false") for f in flags]
    assert on[0] and not any(on[1:])  # the body's section (the first, in the document's order) alone
