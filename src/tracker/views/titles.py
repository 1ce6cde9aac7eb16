"""A 公文 title broken into lines by meaning (GB/T 9704-2012 7.3.1: 词意完整，排列对称，梯形或菱形), without a
dictionary: the words are the list's own.

A run of two to four Chinese characters that recurs in two or more of the list's phrases (its titles, tasks,
goals and unit names, split at punctuation and digits) is taken for a word of the list: "安全生产",
"重点工作", "三年行动". A line may end only where no such word runs across, and not next to a function
word that binds to its neighbour (a line does not end in 关于 or start with 的). Among the breaks allowed,
the one whose lines are most even wins, keeping the 梯形 (lines growing or shrinking) or 菱形 (the middle
line longest) shape. When the list says nothing about a stretch of the title, a break there is allowed but
a break at a boundary the list shows is preferred."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

TITLE_PER_LINE = 20  # 二号 (22 pt) characters across the 156 mm type area
_CJK = re.compile(r"[\u3400-\u9fff]+")
_NO_END = ("关于", "对于", "对", "和", "与", "及", "或", "暨", "把", "在", "将")  # a line never ends in these
_NO_START = "的之等和与及或暨、，。；：）》”’"  # nor starts with these
_OPENERS = "（《“‘"  # nor ends with these
_CROSSING, _UNKNOWN = 100.0, 1.0  # costs of a break inside a word of the list, and of one the list says nothing of


def list_words(texts: Iterable[str]) -> frozenset[str]:
    """The runs of 2–4 Chinese characters found in at least two of the phrases of ``texts``."""
    seen: Counter[str] = Counter()
    for text in texts:
        for phrase in _CJK.findall(text):
            grams = {phrase[i:i + n] for n in (2, 3, 4) for i in range(len(phrase) - n + 1)}
            seen.update(grams)
    return frozenset(g for g, n in seen.items() if n >= 2)


def _costs(title: str, words: frozenset[str]) -> list[float]:
    """The cost of ending a line before each position 1 … len-1 (index 0 unused)."""
    out = [0.0] * len(title)
    for p in range(1, len(title)):
        before, after = title[:p], title[p:]
        if (after[0] in _NO_START or before[-1] in _OPENERS or before.endswith(_NO_END)
                or (before[-1].isascii() and before[-1].isalnum() and after[0].isascii() and after[0].isalnum())):
            out[p] = float("inf")
            continue
        crossing = any(title[s:s + n] in words for n in (2, 3, 4) for s in range(max(0, p - n + 1), p)
                       if s + n > p and s + n <= len(title))
        ends = any(before.endswith(w) for w in _grams(before[-4:]) if w in words)
        starts = any(after.startswith(w) for w in _grams(after[:4]) if w in words)
        out[p] = _CROSSING if crossing else 0.0 if (ends and starts) else _UNKNOWN
    return out


def _grams(text: str) -> set[str]:
    return {text[i:j] for i in range(len(text)) for j in range(i + 2, len(text) + 1)}


def _shape(lengths: list[float]) -> float:
    """How far the lines are from even, and infinite for an hourglass (沙漏形): three or more lines must grow,
    shrink, or be longest in the middle."""
    if len(lengths) >= 3:
        top = lengths.index(max(lengths))
        rising = all(a <= b for a, b in zip(lengths[:top], lengths[1:top + 1], strict=True))
        falling = all(a >= b for a, b in zip(lengths[top:], lengths[top + 1:], strict=False))
        if not (rising and falling):
            return float("inf")
    return max(lengths) - min(lengths)


def _width(text: str) -> float:
    """Width in characters of the title's size: a half-width digit or letter takes half of one."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def break_title(title: str, words: frozenset[str], per_line: int = TITLE_PER_LINE) -> tuple[str, ...]:
    """``title`` in as few lines of at most ``per_line`` characters as it needs, broken by meaning."""
    if _width(title) <= per_line or not _CJK.search(title):
        return (title,)
    costs = _costs(title, words)
    lines = int(-(-_width(title) // per_line))
    best: tuple[float, tuple[int, ...]] | None = None
    while best is None and lines <= len(title) // 2:
        for cuts in itertools.combinations(range(2, len(title) - 1), lines - 1):
            bounds = (0, *cuts, len(title))
            lengths = [_width(title[a:b]) for a, b in itertools.pairwise(bounds)]
            if max(lengths) > per_line or min(lengths) < 2:
                continue
            cost = sum(costs[c] for c in cuts) + _shape(lengths)
            if cost != float("inf") and (best is None or cost < best[0]):
                best = (cost, cuts)
        lines += 1
    if best is None:  # nothing but forbidden breaks: cut at the width
        return tuple(title[i:i + per_line] for i in range(0, len(title), per_line))
    bounds = (0, *best[1], len(title))
    return tuple(title[a:b] for a, b in itertools.pairwise(bounds))
