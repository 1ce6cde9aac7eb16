"""The one colour map: how each warning level looks in every format, and the legend that says what it means.

Tables carry a style word per row ("red", "yellow", "blue" or "" for none); every renderer looks the word up
here, so the terminal, HTML, xlsx and docx cannot disagree about a colour or its meaning.
"""

from __future__ import annotations

from typing import NamedTuple

from tracker.compute.state import Level
from tracker.core.i18n import Lang, label
from tracker.core.model import Thresholds


class Tone(NamedTuple):
    """One level's look: ``hex`` for text and charts, ``fill`` a light ARGB shade for spreadsheet and
    document cells, ``ansi`` for the terminal, ``rich`` for rich's styles."""

    style: str
    hex: str
    fill: str
    ansi: str
    rich: str


TONES: dict[str, Tone] = {
    "red": Tone("red", "#d9363e", "FFF4CCCC", "\x1b[1;31m", "bold red"),
    "yellow": Tone("yellow", "#e6a700", "FFFFF2CC", "\x1b[33m", "yellow"),
    "blue": Tone("blue", "#2f7ed8", "FFDDEBF7", "\x1b[36m", "cyan"),
    "": Tone("", "#3a9a5b", "", "", ""),
}

LEVEL_STYLE: dict[Level, str] = {Level.NONE: "", Level.BLUE: "blue", Level.YELLOW: "yellow", Level.RED: "red"}
LEVEL_NAME: dict[Level, str] = {level: LEVEL_STYLE[level] or "none" for level in Level}  # as JSON names it


def tone(style: str) -> Tone:
    """The look of a row style; unknown or empty styles look like "no warning"."""
    return TONES.get(style, TONES[""])


def legend(thresholds: Thresholds, lang: Lang) -> list[tuple[str, str]]:
    """(style, what the colour means) for every warning colour, worst first, with the thresholds in force."""
    return [(style, label(f"legend.{style}", lang).format(near=thresholds.near_days, silent=thresholds.silent_days))
            for style in ("red", "yellow", "blue")]
