"""Bytes -> text for every file the tool reads: UTF-8, with or without a BOM; anything else is a problem
with the position of the first bad byte (GBK files from older editors are the usual case)."""

from __future__ import annotations

from tracker.core.problems import Collector, Pos


def decode(data: bytes, out: Collector) -> str | None:
    """Bytes -> text. Accepts a UTF-8 BOM; invalid UTF-8 is a problem at the first bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        out.add(Pos(line, col), "encoding", byte=f"{data[exc.start]:02x}")
        return None
