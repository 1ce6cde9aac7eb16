"""Widths in a terminal: the blocks a table is written in are measured without wcwidth, as wcwidth measures
them (that a report then never imports it: tests/cli/test_app.py)."""

from __future__ import annotations

import random

from wcwidth import wcswidth, wcwidth

from tracker.render.layout import _WIDTHS, _cut, width_of


def test_every_code_point_of_the_known_blocks_has_wcwidths_width() -> None:
    for lo, hi, width in _WIDTHS:
        assert all(wcwidth(chr(code)) == width for code in range(lo, hi + 1)), hex(lo)


def test_text_of_the_known_blocks_and_any_other_is_as_wide_as_wcwidth_says() -> None:
    rng = random.Random(7)
    known = [chr(c) for lo, hi, _ in _WIDTHS for c in range(lo, hi + 1)]
    others = ["\u0301", "\u200d", "\ufe0f", "👍", "👩‍👩‍👧", "é", "\x1b[31m", "\t", "ｱ", "한"]
    for _ in range(2000):
        text = "".join(rng.choice(known) for _ in range(rng.randint(0, 12)))
        if rng.random() < 0.3:
            text += rng.choice(others) + rng.choice(known)
        expected = wcswidth(text)
        assert width_of(text) == (expected if expected >= 0 else len(text)), repr(text)
    assert width_of("市应急局：完成率 14.7%（已销号）") == 32 and width_of("👍") == 2 and width_of("e\u0301") == 1


def test_a_word_is_cut_where_its_cells_run_out() -> None:
    assert _cut("市应急局abc", 5) == 2 and _cut("ab👍cd", 3) == 2 and _cut("a\u0301bc", 2) == 3

