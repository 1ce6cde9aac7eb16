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
    "unit": ("单位", "Unit"),
    "status": ("状态", "Status"),
    "percent": ("进度", "Percent"),
    "value": ("数值", "Value"),
    "latest": ("最近报送", "Last entry"),
    "next_due": ("下一节点", "Next due"),
    "warning": ("预警", "Warning"),
    "note": ("最新情况", "Latest note"),
    "status.not-started": ("未启动", "not started"),
    "status.in-progress": ("推进中", "in progress"),
    "status.done": ("已完成", "done"),
    "status.blocked": ("受阻", "blocked"),
    "verified": ("已销号", "verified"),
    "rejected": ("退回", "rejected"),
    "level.0": ("", ""),
    "level.1": ("蓝色", "blue"),
    "level.2": ("黄色", "yellow"),
    "level.3": ("红色", "red"),
    "reason.overdue": ("已逾期", "overdue"),
    "reason.missed": ("漏报{n}期", "missed {n} period(s)"),
    "reason.milestone-overdue": ("时间节点逾期", "milestone overdue"),
    "reason.behind-pace": ("滞后于序时进度", "behind pace"),
    "reason.silent": ("久未报送", "silent"),
    "reason.deadline-near": ("临近截止", "deadline near"),
    "reason.milestone-near": ("时间节点临近", "milestone near"),
}


def label(key: str, lang: Lang = Lang.ZH) -> str:
    zh, en = _LABELS[key]
    return zh if lang is Lang.ZH else en


def reason(code: str, lang: Lang = Lang.ZH) -> str:
    """A warning reason code (``missed:2``) in words."""
    name, _, n = code.partition(":")
    return label(f"reason.{name}", lang).format(n=n)
