"""All wording the office reads, in one place: Chinese by default, English with --lang en."""

from __future__ import annotations

from enum import Enum


class Lang(str, Enum):
    ZH = "zh"
    EN = "en"


_LABELS: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "id": ("编号", "ID"),
    "action": ("行动", "Action"),
    "work": ("重点工作", "Key work"),
    "text": ("年度量化目标任务", "Task"),
    "responsible": ("责任单位", "Responsible units"),
    "reporters": ("应报送单位", "Expected reporters"),
    "deadline": ("截止日期", "Deadline"),
    "cadence": ("频次", "Cadence"),
    "target": ("目标", "Target"),
    "notes": ("说明", "Notes"),
    "kind": ("类别", "Kind"),
    "name": ("名称", "Name"),
    "short": ("简称", "Short name"),
    "aliases": ("别名", "Aliases"),
    "members": ("成员单位", "Members"),
    "items": ("任务数", "Items"),
    "goal": ("目标", "Goal"),
    "open_list": ("（名单未列全）", " (list is open)"),
    "ambiguous": ("名称存疑", "Ambiguous"),
    "high_risk": ("高危行业", "high-risk sectors"),
    "period.monthly": ("每月", "monthly"),
    "period.quarterly": ("每季度", "quarterly"),
    "period.half-yearly": ("每半年", "half-yearly"),
    "period.yearly": ("每年", "yearly"),
    "kind.office": ("办公室", "office"),
    "kind.bureau": ("市直部门", "bureau"),
    "kind.district": ("区", "district"),
    "kind.committee": ("专委会", "committee"),
    "kind.organization": ("群团组织", "organization"),
    "kind.group": ("集合", "group"),
    "kind.task": ("任务", "task"),
    "kind.overall": ("总体目标", "overall goal"),
    "kind.stage": ("阶段性目标", "stage goal"),
}


def label(key: str, lang: Lang = Lang.ZH) -> str:
    zh, en = _LABELS[key]
    return zh if lang is Lang.ZH else en
