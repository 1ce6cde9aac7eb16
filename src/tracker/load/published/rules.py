"""The extraction rules: how a published cell's words become units, groups, a deadline, a cadence and a target.

Each rule is a pure function over the published text and says what it could not decide (``Doubt``) instead of
guessing; the assembler turns each doubt into a problem at the cell's place, for the office to confirm. The rules,
as docs/data-format.md states them:

- 责任单位: the cell splits at 、，,；; outside brackets; "X牵头"/"牵头单位：X" marks the lead, "配合" a supporting
  unit; a part "A等B" names A and then B, and makes the list open (more units may be meant), as does a final 等; a
  part that names no unit but is several known names run together is those names (a doubt: no separator); generic
  tails (有关部门, 相关单位 …) name nobody; any other name is a new unit (a doubt).
- deadlines: "N月底前" is that month's last day, "N月N日前" that day, "YYYY年N月N日前" that date; "年底前", "年内"
  are the plan's own deadline (nothing is written); "三年内" is the campaign's end (a doubt); different dates in one
  text decide nothing (a doubt).
- cadences: 每月/月调度 monthly, 每季度 quarterly, 每半年 half-yearly, 每年 yearly; a period inside brackets that
  speak of 高危 is the high-risk sectors' cadence; daily and weekly duties (日管控, 周排查, 每周) are tracked monthly
  (a doubt); "定期" with no period sets none (a doubt); two periods outside brackets decide nothing (a doubt).
- targets: "<名称>率(达到|达|为|不低于)N%" is {metric: 名称率, value: N, unit: "%"}; the name is the two characters
  before 率 unless they only say the result (到位, 完成, 合格 …), then it runs back to the nearest 的, 、 or ，; two
  rates in one text decide nothing (a doubt).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from typing import NamedTuple

from tracker.core.model import Cadence, Period, Target, Unit, UnitKind

NUMERALS = "一二三四五六七八九十"


class Doubt(NamedTuple):
    """Something a rule could not decide with certainty: a problem code and its arguments."""

    code: str
    args: tuple[tuple[str, str], ...] = ()


def doubt(code: str, **args: str) -> Doubt:
    """A doubt of a registered problem code (``core/codes.py``)."""
    return Doubt(code, tuple(args.items()))


# ---------------------------------------------------------------- numbering


class Numbered(NamedTuple):
    number: int | None
    text: str


_ARABIC = re.compile(r"\s*(\d{1,4})\s*[.．、]\s*")
_BRACKETED = re.compile(r"\s*[（(]\s*([一二三四五六七八九十]{1,3}|\d{1,3})\s*[)）]\s*")
_ACTION = re.compile(r"\s*([一二三四五六七八九十]{1,3})\s*[、.．]\s*(\S.*)")


def chinese_number(text: str) -> int | None:
    """一 … 九十九 as a number; None for anything else."""
    if not text or any(c not in NUMERALS for c in text):
        return None
    if text == "十":
        return 10
    if "十" not in text:
        return NUMERALS.index(text) + 1 if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    high = 1 if not tens else NUMERALS.index(tens) + 1 if len(tens) == 1 and tens != "十" else None
    low = 0 if not ones else NUMERALS.index(ones) + 1 if len(ones) == 1 and ones != "十" else None
    return None if high is None or low is None else high * 10 + low


def numbered(text: str) -> Numbered:
    """A cell's leading number typed as text: "12." "12、" "（三）" "(3)"; the rest is the published text."""
    m = _ARABIC.match(text) or _BRACKETED.match(text)
    if m is None:
        return Numbered(None, text.strip())
    word = m.group(1)
    return Numbered(int(word) if word.isdigit() else chinese_number(word), text[m.end():].strip())


def action_heading(text: str) -> tuple[str, int, str] | None:
    """"一、主体责任提升行动" -> ("一", 1, "主体责任提升行动"); None when the text is no such heading."""
    m = _ACTION.fullmatch(text.strip())
    if m is None:
        return None
    n = chinese_number(m.group(1))
    return None if n is None else (m.group(1), n, m.group(2).strip())


# ---------------------------------------------------------------- units

_SEPARATORS = set("、，,；;/／")
_OPEN = {"(": ")", "（": "）", "【": "】", "[": "]"}
_GENERIC = ("有关部门", "相关部门", "有关单位", "相关单位", "各有关单位", "各相关单位", "有关方面", "单位", "部门")
_LEAD = re.compile(r"^(?:牵头单位|牵头)[:：]?|(?:[（(]牵头[)）]|牵头)$")
_HELP = re.compile(r"^(?:配合单位|责任单位|配合)[:：]?|(?:[（(]配合[)）]|配合)$")


class Directory:
    """Unit names as an office writes them: id, full name, short name and aliases of a units.yaml, and each full
    name with its city written as 市 (鄂州市应急管理局 -> 市应急管理局), which lists use as much as the short name.
    A name it does not know becomes a new unit (``new-1`` …) the first time it is met, so that later cells
    naming it again find it."""

    def __init__(self, units: dict[str, Unit]) -> None:
        self.units = dict(units)
        self.names: dict[str, str] = {}
        self.new: list[str] = []  # ids of the units made for names the directory did not know
        for unit in units.values():
            self._index(unit)

    def _index(self, unit: Unit) -> None:
        for name in (*unit.names()[1:], *_city_dropped(unit.name)):
            self.names.setdefault(name, unit.id)

    def find(self, name: str) -> Unit | None:
        uid = self.names.get(name)
        return None if uid is None else self.units[uid]

    def add_new(self, name: str) -> Unit:
        unit = Unit(new_unit_id(self.units), name, name, new_unit_kind(name), ambiguous=NEW_UNIT_NOTE)
        self.units[unit.id] = unit
        self.new.append(unit.id)
        self._index(unit)
        return unit

    def run_together(self, text: str) -> list[Unit] | None:
        """``text`` read as known names written one after another with nothing between (the longest name first
        at each step), or None when it is not."""
        found: list[Unit] = []
        rest = text
        while rest:
            for size in range(len(rest), 1, -1):
                unit = self.find(rest[:size])
                if unit is not None:
                    found.append(unit)
                    rest = rest[size:]
                    break
            else:
                return None
        return found if len(found) > 1 else None


NEW_UNIT_NOTE = "清单中新出现的名称，单位目录中没有；编号、全称和类别待确认。"


def _city_dropped(name: str) -> list[str]:
    m = re.match(r"^[\u4e00-\u9fff]{2,4}市(?=[\u4e00-\u9fff]{2})", name)
    return ["市" + name[m.end():]] if m else []


class Responsible(NamedTuple):
    """A 责任单位 cell read: the named units and the collective names, in the cell's order, whether the list is
    open, the lead unit (牵头) when exactly one is marked, and the doubts."""

    units: tuple[str, ...]
    groups: tuple[str, ...]
    open: bool
    lead: str | None
    doubts: tuple[Doubt, ...]


def split_parts(cell: str) -> list[str]:
    """The cell's parts: split at the separators that stand outside brackets."""
    parts: list[str] = []
    depth: list[str] = []
    current = ""
    for ch in cell:
        if ch in _OPEN:
            depth.append(_OPEN[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        if ch in _SEPARATORS and not depth:
            parts.append(current)
            current = ""
            continue
        current += ch
    parts.append(current)
    return [p.strip().rstrip("。.") for p in parts if p.strip().rstrip("。.")]


def responsible(cell: str, directory: Directory) -> Responsible:
    """The rule for a 责任单位 cell (the module's docstring states it)."""
    units: dict[str, None] = {}
    groups: dict[str, None] = {}
    leads: list[str] = []
    doubts: list[Doubt] = []
    is_open = False

    def take(name: str, lead: bool) -> None:
        unit = directory.find(name)
        if unit is None:
            several = directory.run_together(name)
            if several is not None:
                doubts.append(doubt("list-unit-run-together", text=name,
                                       names="、".join(u.short for u in several)))
                for one in several:
                    take(one.short, lead=False)
                return
            unit = directory.add_new(name)
            doubts.append(doubt("list-unit-new", name=name, id=unit.id, kind=unit.kind.value))
        elif unit.ambiguous and unit.id not in directory.new:
            doubts.append(doubt("list-unit-ambiguous", name=name, why=unit.ambiguous))
        (groups if unit.kind is UnitKind.GROUP else units)[unit.id] = None
        if lead:
            leads.append(unit.id)

    for raw in split_parts(cell):
        part = raw
        lead = bool(_LEAD.search(part))
        part = _HELP.sub("", _LEAD.sub("", part)).strip()
        if not part:
            continue
        if directory.find(part) is None and "等" in part:
            head, _, tail = part.rpartition("等")
            is_open = True
            if head:
                take(head, lead)
            if tail and tail not in _GENERIC:
                take(tail, False)
            continue
        take(part, lead)
    lead_id = leads[0] if len(leads) == 1 else None
    if len(leads) > 1:
        doubts.append(doubt("list-lead-several", names="、".join(directory.units[u].short for u in leads)))
    return Responsible(tuple(units), tuple(groups), is_open, lead_id, tuple(doubts))


def new_unit_kind(name: str) -> UnitKind:
    """What a name new to the directory most likely stands for, by how it ends (the office confirms it)."""
    if name.startswith("各") or name.endswith(("成员单位", "有关部门", "相关部门", "专委会", "专业委员会")):
        return UnitKind.GROUP
    if name.endswith(("区", "县", "开发区", "经济区", "街道", "乡镇")):
        return UnitKind.DISTRICT
    if name.endswith(("工会", "团市委", "妇联", "联合会", "协会", "学会")):
        return UnitKind.ORGANIZATION
    return UnitKind.BUREAU


def new_unit_id(taken: Iterable[str]) -> str:
    """The first ``new-N`` id not taken: an ASCII id the office may change before any progress is recorded."""
    used = set(taken)
    n = 1
    while f"new-{n}" in used:
        n += 1
    return f"new-{n}"


# ---------------------------------------------------------------- deadlines

_MONTH_END = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:底|末)(?:前|之前)?")
_DAY = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:前|之前)")
_YEAR_END = re.compile(r"(\d{4})年底前?|(?<![一二三四五六七八九十两几\d])(?:年底前?|年末前?|年内)")
_QUARTER = re.compile(r"(?:(\d{4})年)?第?([一二三四1-4])季度(?:末|底)(?:前)?")
_CAMPAIGN = "三年内"


class Deadline(NamedTuple):
    date: dt.date | None  # None: the plan's own deadline
    words: str  # the phrase that set it ("" when none did)
    doubts: tuple[Doubt, ...] = ()


def _last_day(year: int, month: int) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def deadline(text: str, year: int, plan_deadline: dt.date, campaign_end: dt.date) -> Deadline:
    """The rule for deadlines stated in words (the module's docstring states it)."""
    found: list[tuple[dt.date, str]] = []
    doubts: list[Doubt] = []
    for m in _DAY.finditer(text):
        try:
            found.append((dt.date(int(m.group(1) or year), int(m.group(2)), int(m.group(3))), m.group()))
        except ValueError:
            doubts.append(doubt("list-deadline-unclear", words=m.group()))
    for m in _MONTH_END.finditer(text):
        day = _last_day(int(m.group(1) or year), int(m.group(2)))
        if day is None:
            doubts.append(doubt("list-deadline-unclear", words=m.group()))
        else:
            found.append((day, m.group()))
    for m in _QUARTER.finditer(text):
        q = "一二三四".find(m.group(2)) + 1 if not m.group(2).isdigit() else int(m.group(2))
        day = _last_day(int(m.group(1) or year), q * 3)
        if day is not None:
            found.append((day, m.group()))
    for m in _YEAR_END.finditer(text):
        found.append((dt.date(int(m.group(1) or year), 12, 31), m.group()))
    if _CAMPAIGN in text:
        found.append((campaign_end, _CAMPAIGN))
        doubts.append(doubt("list-deadline-campaign", date=campaign_end.isoformat()))
    dates = {d for d, _ in found}
    if len(dates) > 1:
        words = "、".join(dict.fromkeys(w for _, w in found))
        return Deadline(None, "", (*doubts, doubt("list-deadline-unclear", words=words)))
    if not found:
        return Deadline(None, "", tuple(doubts))
    date, words = found[0]
    return Deadline(None if date == plan_deadline else date, words, tuple(doubts))


# ---------------------------------------------------------------- cadences

_PERIODS = (  # the words of each period, finest first; "finer" is tracked monthly
    ("finer", ("每日", "每天", "日管控", "每周", "周排查", "每星期")),
    (Period.MONTHLY.value, ("每月", "每个月", "按月", "月调度", "逐月")),
    (Period.QUARTERLY.value, ("每季度", "每季", "按季度", "季度调度")),
    (Period.HALF_YEARLY.value, ("每半年", "半年一次")),
    (Period.YEARLY.value, ("每年", "每年度", "一年一次")),
)
_BRACKETS = re.compile(r"[（(]([^（）()]*)[)）]")


class CadenceFound(NamedTuple):
    cadence: Cadence | None
    doubts: tuple[Doubt, ...] = ()
    words: tuple[str, ...] = ()  # the words that set it, for the note


def _periods_in(text: str) -> list[tuple[str, str]]:
    out = []
    for period, words in _PERIODS:
        for w in words:
            if w in text:
                out.append((period, w))
    return out


def cadence(text: str) -> CadenceFound:
    """The rule for cadences (the module's docstring states it)."""
    high = [p for seg in _BRACKETS.findall(text) if "高危" in seg for p in _periods_in(seg)]
    outside = _periods_in(_BRACKETS.sub(lambda m: "" if "高危" in m.group(1) else m.group(), text))
    doubts: list[Doubt] = []
    if not outside and not high:
        if "定期" in text:
            at = text.index("定期")
            phrase = "定期" + "".join(re.findall(r"[\u4e00-\u9fff]", text[at + 2:at + 4]))
            return CadenceFound(None, (doubt("list-cadence-unstated", words=phrase),), (phrase,))
        return CadenceFound(None)
    finer = [w for p, w in outside if p == "finer"]
    kinds = {p for p, _ in outside if p != "finer"}
    if finer:
        doubts.append(doubt("list-cadence-finer", words="、".join(finer)))
        if not kinds:
            kinds.add(Period.MONTHLY.value)
    if len(kinds) > 1 or (not kinds and outside):
        words = "、".join(w for _, w in outside)
        return CadenceFound(None, (*doubts, doubt("list-cadence-unclear", words=words)))
    high_kinds = {p if p != "finer" else Period.MONTHLY.value for p, _ in high}
    if len(high_kinds) > 1:
        doubts.append(doubt("list-cadence-unclear", words="、".join(w for _, w in high)))
        high_kinds = set()
    if not kinds:  # only the high-risk sectors' cadence is stated
        doubts.append(doubt("list-cadence-unclear", words="、".join(w for _, w in high)))
        return CadenceFound(None, tuple(doubts))
    every = Period(kinds.pop())
    return CadenceFound(Cadence(every, Period(high_kinds.pop()) if high_kinds else None), tuple(doubts),
                        tuple(finer))


# ---------------------------------------------------------------- targets

_RATE = re.compile(r"([\u4e00-\u9fff“”]{1,16}?)率\s*(?:达到|达|为|保持|不低于|≥|>=)?\s*(\d{1,3}(?:\.\d+)?)\s*[%％]")
_RESULT_WORDS = ("到位", "完成", "合格", "达标", "办结", "整改", "落实", "执行", "通过")
_BOUNDARY = "的、，,；;“”对和及与"


class TargetFound(NamedTuple):
    target: Target | None
    clause: str = ""  # the words that state it, from the start of their clause to the %
    doubts: tuple[Doubt, ...] = ()


def _metric(before: str) -> str:
    core = before[-2:]
    if core not in _RESULT_WORDS or len(before) <= 2:
        return core + "率"
    start = len(before) - 2
    while start > 0 and before[start - 1] not in _BOUNDARY and len(before) - start < 8:
        start -= 1
    return before[start:] + "率"


def target(text: str) -> TargetFound:
    """The rule for quantified targets (the module's docstring states it)."""
    found = list(_RATE.finditer(text))
    if not found:
        return TargetFound(None)
    if len({(m.group(1)[-2:], m.group(2)) for m in found}) > 1:
        return TargetFound(None, "", (doubt("list-target-several", words="、".join(m.group() for m in found)),))
    m = found[0]
    start = max(text.rfind(c, 0, m.start()) for c in ",，;；。") + 1
    return TargetFound(Target(_metric(m.group(1).rstrip("“”")), float(m.group(2)), "%"), text[start:m.end()].strip())


# ---------------------------------------------------------------- slips kept as published

_PAIRS = (("《", "》", "书名号"), ("“", "”", "引号"), ("（", "）", "括号"), ("(", ")", "括号"))


def unbalanced(text: str) -> list[tuple[str, str, str]]:
    """Each bracket or quote the text opens and never closes (or closes and never opened): (the fragment from the
    mark to the end of the text, the mark missing, its name)."""
    out = []
    for left, right, name in _PAIRS:
        depth, first = 0, -1
        for i, ch in enumerate(text):
            if ch == left:
                if depth == 0:
                    first = i
                depth += 1
            elif ch == right:
                depth -= 1
                if depth < 0:
                    out.append((text[: i + 1], left, name))
                    depth = 0
        if depth > 0:
            out.append((text[first:], right, name))
    return out
