"""A list published as a Word table (.docx): the document's XML read directly, cell by cell.

What Word tables hold and how it is read: a cell merged down several rows (``vMerge``) gives its text to each
row it spans, marked as merged; a cell spanning columns (``gridSpan``) stands in each column it covers; several
paragraphs in a cell are kept as lines; numbering typed as text stays in the text, automatic numbering (a
paragraph's or its style's ``numPr``) is counted the way Word counts it, per list and level; deleted text of
tracked changes is left out, inserted text kept. The paragraphs before the list's table are its preamble
(title, notice); later tables with the same header continue the list.

The document is read through ``load.package``, as a workbook is: the body, its numbering and its styles, each
within its limit unpacked, parsed by expat with no DTD anywhere. A table (or tables) past ``MAX_ROWS`` rows
is refused, never cut short.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from tracker.load.package import Package
from tracker.load.package import Refused as Unread
from tracker.load.published.safe import opened, refused
from tracker.load.published.source import Cell, Findings, Place, Row, Source
from tracker.load.published.tables import header_columns

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_ROWS = 5000


class _Para(NamedTuple):
    text: str
    number: int | None


class _Numbering:
    """Word's automatic numbering: each (list, level) counts its paragraphs from its start value."""

    def __init__(self, numbering: ET.Element | None, styles: ET.Element | None) -> None:
        self.starts: dict[tuple[str, int], int] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        self.counts: dict[tuple[str, int], int] = {}
        if numbering is not None:
            root = numbering
            abstract = {a.get(f"{W}abstractNumId", ""): a for a in root.iter(f"{W}abstractNum")}
            for num in root.iter(f"{W}num"):
                nid = num.get(f"{W}numId", "")
                ref = num.find(f"{W}abstractNumId")
                a = abstract.get(ref.get(f"{W}val", "") if ref is not None else "")
                for lvl in a.iter(f"{W}lvl") if a is not None else ():
                    start = lvl.find(f"{W}start")
                    self.starts[(nid, _int(lvl.get(f"{W}ilvl"), 0))] = _int(start.get(f"{W}val"), 1) \
                        if start is not None else 1
                for over in num.iter(f"{W}lvlOverride"):
                    so = over.find(f"{W}startOverride")
                    if so is not None:
                        self.starts[(nid, _int(over.get(f"{W}ilvl"), 0))] = _int(so.get(f"{W}val"), 1)
        if styles is not None:
            root = styles
            for style in root.iter(f"{W}style"):
                found = _num_pr(style.find(f"{W}pPr"))
                if found is not None:
                    self.style_num[style.get(f"{W}styleId", "")] = found

    def number(self, p: ET.Element) -> int | None:
        ppr = p.find(f"{W}pPr")
        found = _num_pr(ppr)
        if found is None and ppr is not None:
            style = ppr.find(f"{W}pStyle")
            found = self.style_num.get(style.get(f"{W}val", "")) if style is not None else None
        if found is None or found[0] == "0":
            return None
        nid, level = found
        n = self.counts.get((nid, level), self.starts.get((nid, level), 1) - 1) + 1
        self.counts[(nid, level)] = n
        for key in [k for k in self.counts if k[0] == nid and k[1] > level]:
            del self.counts[key]  # a deeper level starts again under each new item
        return n


def _int(text: str | None, default: int) -> int:
    """A number Word wrote (a level, a start, a span); ``default`` for one that is none."""
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _num_pr(ppr: ET.Element | None) -> tuple[str, int] | None:
    num = ppr.find(f"{W}numPr") if ppr is not None else None
    if num is None:
        return None
    nid, ilvl = num.find(f"{W}numId"), num.find(f"{W}ilvl")
    if nid is None:
        return None
    return nid.get(f"{W}val", "0"), _int(ilvl.get(f"{W}val"), 0) if ilvl is not None else 0


def _para(p: ET.Element, numbering: _Numbering) -> _Para:
    parts = []
    for node in p.iter():
        if node.tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif node.tag in (f"{W}tab",):
            parts.append(" ")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return _Para("".join(parts), numbering.number(p))


def read_docx(data: bytes, file: str) -> Source:
    findings = Findings()
    try:
        doc = opened(data)
        body_part = doc.office_document("word/document.xml")
        parts = {kind.rsplit("/", 1)[-1]: target for kind, target in doc.relations(body_part).values()}
        numbering = _Numbering(_tree(doc, parts.get("numbering")), _tree(doc, parts.get("styles")))
        root = doc.tree(body_part)
    except Unread as exc:
        why = refused(exc)
        findings.add(Place(file), why.code, **dict(why.args))
        return Source(file, "docx", [], [], findings)
    body = root.find(f"{W}body")
    preamble: list[Cell] = []
    after: list[Cell] = []
    rows: list[Row] = []
    header: list[str] | None = None
    tables = 0
    for node in list(body) if body is not None else []:
        if node.tag == f"{W}p":
            para = _para(node, numbering)
            if para.text.strip():
                (after if header is not None else preamble).append(Cell(para.text.strip(), Place(file)))
        elif node.tag == f"{W}tbl":
            tables += 1
            if sum(1 for _ in node.iter(f"{W}tr")) > MAX_ROWS:
                findings.add(Place(file, f"表{tables}"), "list-too-large", limit=(f"{MAX_ROWS} 行", f"{MAX_ROWS} rows"))
                continue
            grid = _grid(node, numbering)
            found = None
            for n, cells in enumerate(grid[:5]):
                columns = header_columns([c[0] for c in cells])
                if columns is not None:
                    found = (n, columns)
                    break
            if found is None:
                findings.add(Place(file, f"表{tables}"), "list-ignored-table")
                continue
            texts = [c[0] for c in grid[found[0]]]
            if header is not None and texts != header:
                findings.add(Place(file, f"表{tables}"), "list-ignored-table")
                continue
            header = texts
            after.clear()
            for r, cells in enumerate(grid[found[0] + 1:], found[0] + 2):
                if len(rows) >= MAX_ROWS:
                    findings.add(Place(file, f"表{tables}"), "list-too-large",
                                 limit=(f"{MAX_ROWS} 行", f"{MAX_ROWS} rows"))
                    break
                place = Place(file, f"表{tables}", r)
                row = {key: Cell(cells[i][0], place.at(key), cells[i][1], cells[i][2])
                       for i, key in found[1].items() if i < len(cells)}
                if any(c.text for c in row.values()):
                    rows.append(Row(row, place))
    if header is None and not findings.errors:
        findings.add(Place(file), "list-no-table", columns="内容、重点工作、年度量化目标任务、责任单位")
    return Source(file, "docx", preamble, rows, findings, after)


def _tree(doc: Package, part: str | None) -> ET.Element | None:
    """A part the body's relationships name, as a tree (None when there is none)."""
    return doc.tree(part) if part is not None and part in doc.names else None


_Grid = tuple[str, bool, tuple[int | None, ...]]


def _grid(tbl: ET.Element, numbering: _Numbering) -> list[list[_Grid]]:
    """The table as rows of grid cells: (text, merged from above, automatic number of each line)."""
    out: list[list[_Grid]] = []
    for tr in tbl.iter(f"{W}tr"):
        row: list[_Grid] = []
        for tc in tr.findall(f"{W}tc"):
            tcpr = tc.find(f"{W}tcPr")
            span_el = tcpr.find(f"{W}gridSpan") if tcpr is not None else None
            span = max(1, min(_int(span_el.get(f"{W}val"), 1), 64)) if span_el is not None else 1
            vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
            paras = [_para(p, numbering) for p in tc.findall(f"{W}p")]
            text = "\n".join(p.text.strip() for p in paras if p.text.strip())
            number = tuple(p.number for p in paras if p.text.strip())
            merged = vmerge is not None and vmerge.get(f"{W}val", "continue") != "restart"
            if merged:
                col = len(row)
                above: _Grid = out[-1][col] if out and col < len(out[-1]) else ("", False, ())
                text, number = above[0], above[2]
            for _ in range(span):
                row.append((text, merged, number))
        out.append(row)
    return out
