"""A 公文 title broken into lines by meaning, from the list's own words (no dictionary)."""

from __future__ import annotations

import itertools

from tracker.views.titles import TITLE_PER_LINE, break_title, list_words

# phrases in the manner of the list: the words recur across them, the joins between them do not
LIST = ["鄂州市安全生产治本攻坚三年行动2025年重点工作清单",
        "关于安全生产治本攻坚三年行动2025年下半年重点工作任务的提醒",
        "落实安全生产重点工作", "推进治本攻坚", "三年行动方案", "重点工作任务", "推进情况"]
WORDS = list_words(LIST)


def test_a_word_of_the_list_recurs_a_join_between_words_does_not() -> None:
    assert {"安全生产", "治本攻坚", "三年行动", "重点工作"} <= WORDS
    assert "行动重点" not in WORDS and "动重" not in WORDS  # only ever split by "2025年"
    assert "清单" not in WORDS  # once in the list


def test_long_titles_break_between_words_in_a_trapezoid() -> None:
    reminder = break_title("关于加快推进安全生产治本攻坚三年行动重点工作任务的提醒", WORDS)
    assert reminder == ("关于加快推进安全生产治本攻坚三年行动", "重点工作任务的提醒")
    bulletin = break_title("关于安全生产治本攻坚三年行动重点工作任务推进情况的通报", WORDS)
    assert bulletin == ("关于安全生产治本攻坚三年行动", "重点工作任务推进情况的通报")
    for lines in (reminder, bulletin):
        assert _cut(lines) == [], lines
        assert all(len(line) <= TITLE_PER_LINE for line in lines)


def _cut(lines: tuple[str, ...]) -> list[str]:
    """The words of the list that a break between ``lines`` runs through."""
    joined = "".join(lines)
    ends = list(itertools.accumulate(len(line) for line in lines))[:-1]
    return [joined[s:s + n] for e in ends for n in (2, 3, 4) for s in range(max(0, e - n + 1), e)
            if joined[s:s + n] in WORDS]


def test_three_lines_make_a_diamond_or_a_trapezoid_never_an_hourglass() -> None:
    title = "关于进一步加强安全生产治本攻坚三年行动重点工作任务推进落实和重大事故隐患排查整治情况的通报"
    lines = break_title(title, WORDS)
    assert "".join(lines) == title and len(lines) == 3 and _cut(lines) == []
    widths = [len(line) for line in lines]
    middle_longest = widths[1] >= max(widths[0], widths[2])
    monotone = widths == sorted(widths) or widths == sorted(widths, reverse=True)
    assert middle_longest or monotone, lines


def test_short_titles_function_words_and_english_stay_whole() -> None:
    assert break_title("关于重点工作的提醒", WORDS) == ("关于重点工作的提醒",)
    english = "Reminder: key tasks of the three-year work-safety campaign and their progress as of today"
    assert break_title(english, WORDS) == (english,)  # Word wraps English at its spaces
    # nothing known about the text: it still breaks, never leaving 的 to start a line or 关于 to end one
    lines = break_title("关于" + "甲乙丙丁戊己庚辛壬癸" * 2 + "的子丑寅卯辰", frozenset())
    assert not any(line.startswith("的") or line.endswith("关于") for line in lines)
    assert all(len(line) <= TITLE_PER_LINE for line in lines)


def test_digits_take_half_a_character() -> None:
    title = "关于安全生产治本攻坚三年行动2025年下半年重点工作任务的提醒"
    lines = break_title(title, WORDS)
    assert lines == ("关于安全生产治本攻坚三年行动", "2025年下半年重点工作任务的提醒")  # 18 wide, not 20
