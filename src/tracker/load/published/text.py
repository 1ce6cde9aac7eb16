"""The text of a notice as a website publishes it (docs/source/2025-07-23-reminder.txt): the table's cells one a
line, blank lines between, the notice before the table and the page's footer after it.

The table starts after its header (内容, 重点工作, 年度量化目标任务, 责任单位 on lines of their own, blank lines
between); each later line is one cell, its column unknown: the assembler tells them apart by what they say.
UTF-8 is read as it is; text that is not UTF-8 is read as GB18030 (what Chinese Windows saves), with a problem
saying so.
"""

from __future__ import annotations

from tracker.load.published.source import Cell, Findings, Place, Row, Source

HEADER = ("内容", "重点工作", "年度量化目标任务", "责任单位")
MAX_LINES = 100_000


def read_text(data: bytes, file: str) -> Source:
    findings = Findings()
    text = _decode(data, file, findings)
    lines = text.splitlines()[:MAX_LINES]
    cells = [Cell(line.strip(), Place(file, row=n, line=True)) for n, line in enumerate(lines, 1)
             if line.strip(" \t\u3000\xa0")]
    start = _header_end(cells)
    if start is None:
        findings.add(Place(file), "list-no-table", columns="、".join(HEADER))
        return Source(file, "text", cells, [], findings)
    preamble = cells[: start - len(HEADER)]
    rows = [Row({"": c}, c.place) for c in cells[start:]]
    return Source(file, "text", preamble, rows, findings)


def _decode(data: bytes, file: str, findings: Findings) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        findings.add(Place(file), "list-encoding", encoding="GB18030")
        return data.decode("gb18030", errors="replace")


def _header_end(cells: list[Cell]) -> int | None:
    """The index of the first cell after the header's four lines."""
    texts = [c.text for c in cells]
    for i in range(len(texts) - len(HEADER) + 1):
        if tuple(texts[i:i + len(HEADER)]) == HEADER:
            return i + len(HEADER)
    return None
