"""Bytes become text only as UTF-8 (a BOM allowed); anything else is a problem at the first bad byte."""

from __future__ import annotations

from tracker.core.problems import Collector
from tracker.load.encoding import decode


def test_utf8_with_or_without_a_bom_is_text() -> None:
    out = Collector("f.yaml")
    assert decode("任务: 1\n".encode(), out) == "任务: 1\n"
    assert decode(b"\xef\xbb\xbfunit: a\n", out) == "unit: a\n"
    assert out.problems == []


def test_gbk_is_a_problem_at_the_line_and_column_of_its_first_bad_byte() -> None:
    out = Collector("progress/a.yaml")
    data = "unit: a\nnote: 完成".encode("gbk")
    assert decode(data, out) is None
    [p] = out.problems
    assert (p.path, p.line, p.col, p.code) == ("progress/a.yaml", 2, 7, "encoding")
    assert dict(p.args) == {"byte": f"{data[14]:02x}"}


def test_the_column_counts_characters_before_the_bad_byte() -> None:
    out = Collector("x")
    decode("ab任务".encode() + b"\xff", out)
    assert (out.problems[0].line, out.problems[0].col) == (1, 5)
