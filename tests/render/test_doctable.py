"""The widths and line counts of a document's tables (tracker.render.doctable)."""

from __future__ import annotations

from tracker.render.doctable import PAD_PT, column_widths, lines_needed, text_width


def test_a_cell_exactly_as_wide_as_its_text_holds_it_on_one_line() -> None:
    words = "滞后于序时进度"
    exact = text_width(words, 10.5) + PAD_PT
    assert lines_needed(["原因"], [[words]], [exact], 10.5) == 2  # the header's line and the row's
    assert lines_needed(["原因"], [[words]], [exact - 1], 10.5) == 3


def test_a_reasons_column_gets_the_width_that_keeps_its_words_whole() -> None:
    headers = ["编号", "年度量化目标任务", "进度", "预警原因"]
    rows = [["G0", "2025年底前有效遏制重大事故隐患增量", "13.0%", "滞后于序时进度"]]
    widths = column_widths(headers, rows, ["fixed", "long", "fixed", "text"], 442.2, 10.5)
    assert widths[3] >= text_width("滞后于序时进度", 10.5) + PAD_PT
    assert lines_needed(headers, rows, widths, 10.5) == 2
