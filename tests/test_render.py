"""Tables align Chinese text by display width, in the terminal and in Markdown."""

from __future__ import annotations

from wcwidth import wcswidth

from tracker.formats import Fmt
from tracker.render import render_table
from tracker.views import Table

TABLE = Table(["编号", "单位", "说明"], [["1", "市应急局", "ok"], ["22", "鄂州市消防救援局", "完成一季度检查"],
                                        ["G3", "x", "mixed 中文 text"]], [])


def widths(text: str) -> set[int]:
    return {wcswidth(line) for line in text.splitlines() if line}


def test_markdown_columns_line_up_in_display_width() -> None:
    text = render_table(TABLE, Fmt.MD)
    assert len(widths(text)) == 1
    bars = [[wcswidth(line[: i]) for i, ch in enumerate(line) if ch == "|"] for line in text.splitlines()]
    assert all(b == bars[0] for b in bars)


def test_terminal_table_columns_line_up_in_display_width() -> None:
    text = render_table(TABLE, Fmt.TABLE, width=100)
    assert len(widths(text)) == 1
    assert "鄂州市消防救援局" in text


def test_markdown_escapes_pipes() -> None:
    table = Table(["a"], [["x|y"]], [])
    assert "x\\|y" in render_table(table, Fmt.MD)
