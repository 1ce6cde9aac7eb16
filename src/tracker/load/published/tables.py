"""What Word tables and spreadsheets share: finding the list's header row and which column holds what.

A header names its columns in words offices use: 序号 (or 编号), 内容 (or 类别, 行动), 重点工作, 年度量化目标任务 (or
目标任务, 工作任务, 任务), 责任单位 (or 牵头单位, 责任部门), 完成时限 (or 时限, 完成时间). The list's header is the
first row naming at least a task column and a responsible column.
"""

from __future__ import annotations

import re

from tracker.load.published.source import CONTENT, DEADLINE, NUMBER, RESPONSIBLE, TASK, WORK

_WORDS = (  # checked in this order: 重点工作 before 任务, 目标任务 before 内容
    (NUMBER, ("序号", "编号")),
    (RESPONSIBLE, ("责任单位", "牵头单位", "责任部门", "责任主体")),
    (DEADLINE, ("完成时限", "时限", "完成时间", "截止时间")),
    (WORK, ("重点工作",)),
    (TASK, ("年度量化目标任务", "目标任务", "工作任务", "任务")),
    (CONTENT, ("内容", "类别", "行动")),
)


def column_of(header: str) -> str | None:
    text = re.sub(r"\s+", "", header)
    for key, words in _WORDS:
        if any(w in text for w in words):
            return key
    return None


def header_columns(cells: list[str]) -> dict[int, str] | None:
    """Which column (by index) holds what, when ``cells`` is the list's header row; else None."""
    found: dict[int, str] = {}
    for i, text in enumerate(cells):
        key = column_of(text) if text else None
        if key is not None and key not in found.values():
            found[i] = key
    keys = set(found.values())
    return found if TASK in keys and RESPONSIBLE in keys else None
