"""A published list's cells -> its goals, actions, key works and tasks, each extraction by the stated rules
(``rules``), and every doubt a problem at its place.

Two front ends give one sequence of steps: a table's rows (Word, Excel), whose columns say what each cell is, and a
text's lines, whose columns are lost, so each line says what it is by its form:

- "目标" opens the goals, "总体目标" the overall goal (its text is the next line not numbered), "阶段性目标" the
  stage goals (numbered lines); "一、…" opens an action; a numbered line ("12.…") is a task (a stage goal among
  the goals); the line after a task or goal is its 责任单位; other lines before a task are its key work's title,
  joined when the page split it over several lines; lines after the last task that lead to none (a page's
  footer) are left out, and said so.
- A heading repeated for the action already open (a scrape repeats merged cells) opens nothing; a note says so.
- Numbers: a task keeps its published number; a missing one, or one that does not follow the one before, is a
  problem (the position's number is used where the published one is missing or taken).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

from tracker.core.model import Cadence, Plan, Target, Unit
from tracker.load.published import rules
from tracker.load.published.source import (
    CONTENT,
    DEADLINE,
    NUMBER,
    RESPONSIBLE,
    TASK,
    WORK,
    Cell,
    Finding,
    Findings,
    Place,
    Source,
)


class ListItem(NamedTuple):
    id: str
    kind: str  # "task", "overall", "stage"
    text: str
    responsible: str
    units: tuple[str, ...]
    groups: tuple[str, ...]
    open: bool
    lead: str | None
    deadline: dt.date | None  # None: the plan's
    cadence: Cadence | None
    target: Target | None
    notes: tuple[str, ...]
    place: Place


class ListWork(NamedTuple):
    id: int
    title: str
    target: Target | None
    notes: tuple[str, ...]
    tasks: tuple[ListItem, ...]
    place: Place


class ListAction(NamedTuple):
    id: int
    numeral: str
    title: str
    notes: tuple[str, ...]
    works: tuple[ListWork, ...]
    place: Place


class Imported(NamedTuple):
    """A published list as read: its plan, goals and actions, every unit it needs (the directory's and the new
    ones, ``new`` naming the latter) and the problems to confirm."""

    file: str
    kind: str
    plan: Plan
    goals: tuple[ListItem, ...]
    actions: tuple[ListAction, ...]
    units: dict[str, Unit]
    new: tuple[str, ...]
    findings: tuple[Finding, ...]

    def tasks(self) -> list[ListItem]:
        return [t for a in self.actions for w in a.works for t in w.tasks]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]


class Options(NamedTuple):
    directory: dict[str, Unit]
    campaign_end: dt.date | None = None  # what 三年内 runs to; default: the end of the year after the list's


# ---------------------------------------------------------------- steps


class _Step(NamedTuple):
    kind: str  # "goals", "overall", "stage", "action", "work", "item", "ignored"
    text: str
    place: Place
    number: int | None = None
    numeral: str = ""
    responsible: Cell | None = None
    deadline: Cell | None = None
    lines: int = 1


_MARKERS = {"目标": "goals", "总体目标": "overall", "阶段性目标": "stage"}


def _from_lines(cells: list[Cell]) -> Iterator[_Step]:
    """A text's lines (one cell a line, columns unknown) -> steps."""
    i, overall_open = 0, False
    title: list[Cell] = []

    def is_structure(c: Cell) -> bool:
        return c.text in _MARKERS or rules.action_heading(c.text) is not None \
            or rules.numbered(c.text).number is not None

    while i < len(cells):
        cell = cells[i]
        nxt = cells[i + 1] if i + 1 < len(cells) and not is_structure(cells[i + 1]) else None
        heading = rules.action_heading(cell.text)
        number = rules.numbered(cell.text)
        if cell.text in _MARKERS:
            overall_open = cell.text == "总体目标"
            yield _Step(_MARKERS[cell.text], cell.text, cell.place)
        elif heading is not None:
            overall_open = False
            yield _Step("action", heading[2], cell.place, heading[1], heading[0])
        elif number.number is not None or overall_open:
            if title:
                yield _Step("work", "".join(c.text for c in title), title[0].place, lines=len(title))
                title = []
            overall_open = False
            yield _Step("item", number.text, cell.place, number.number, responsible=nxt)
            i += 2 if nxt is not None else 1
            continue
        else:
            title.append(cell)
        i += 1
    if title:
        yield _Step("ignored", "\n".join(c.text for c in title), title[0].place, lines=len(title))


def _from_rows(source: Source) -> Iterator[_Step]:
    """A table's rows (columns known) -> steps."""
    for row in source.rows:
        content, work, task = row.cells.get(CONTENT), row.cells.get(WORK), row.cells.get(TASK)
        for cell in (content, work):
            if cell is None or cell.merged or not cell.text:
                continue
            text = cell.text.replace("\n", "")
            heading = rules.action_heading(text)
            if text in _MARKERS:
                yield _Step(_MARKERS[text], text, cell.place)
            elif heading is not None:
                yield _Step("action", heading[2], cell.place, heading[1], heading[0])
            elif cell is work:
                yield _Step("work", text, cell.place, lines=cell.text.count("\n") + 1)
            else:
                yield _Step("ignored", text, cell.place)
        if task is None or not task.text or task.merged:
            continue
        resp, due, num = row.cells.get(RESPONSIBLE), row.cells.get(DEADLINE), row.cells.get(NUMBER)
        typed = None if num is None or not num.text.strip() else int(num.text.strip()) if num.text.strip().isdigit() \
            else rules.numbered(num.text).number
        for n, (text, number) in enumerate(_split_cell(task)):
            yield _Step("item", text, task.place, number if number is not None or n else typed, responsible=resp,
                        deadline=due)


def _split_cell(cell: Cell) -> list[tuple[str, int | None]]:
    """A task cell's tasks: each line numbered (typed or automatic) starts one; other lines continue it."""
    out: list[tuple[str, int | None]] = []
    for n, line in enumerate(cell.text.split("\n")):
        auto = cell.numbers[n] if n < len(cell.numbers) else None
        typed = rules.numbered(line)
        number = typed.number if typed.number is not None else auto
        if number is not None or not out:
            out.append((typed.text, number))
        else:
            out[-1] = (out[-1][0] + line.strip(), out[-1][1])
    return out


# ---------------------------------------------------------------- the list


class _Builder:
    def __init__(self, source: Source, options: Options, plan: Plan) -> None:
        self.source, self.plan = source, plan
        self.findings = Findings()
        self.directory = rules.Directory(options.directory)
        self.campaign_end = options.campaign_end or dt.date(plan.year + 1, 12, 31)
        self.goals: list[ListItem] = []
        self.actions: list[tuple[_Step, list[str], list[tuple[_Step, list[str], list[ListItem]]]]] = []
        self.section = ""
        self.last_responsible: Cell | None = None
        self.next_task = 1

    def step(self, s: _Step) -> None:
        if s.kind in ("goals", "overall", "stage"):
            self.section = s.kind
        elif s.kind == "action":
            self.section = "actions"
            if self.actions and (self.actions[-1][0].numeral, self.actions[-1][0].text) == (s.numeral, s.text):
                if s.place.line:
                    self.actions[-1][1].append(f"网页抓取文本中本行动标题重复出现（第{s.place.row}行），只算一个行动。")
                return
            self.actions.append((s, [], []))
        elif s.kind == "work":
            if not self.actions:
                self.findings.add(s.place, "list-ignored-text", text=s.text)
                return
            notes = []
            if s.lines > 1:
                notes.append(f"{'网页抓取文本' if s.place.line else '原表'}中本标题断为{_count(s.lines)}行，已连写。")
            self.actions[-1][2].append((s, notes, []))
        elif s.kind == "ignored":
            self.findings.add(s.place, "list-ignored-text", text=s.text.replace("\n", " / "))
        else:
            self.item(s)

    def item(self, s: _Step) -> None:
        resp = s.responsible
        if resp is None or not resp.text:
            if self.last_responsible is None:
                self.findings.add(s.place.at(RESPONSIBLE), "list-responsible-missing", inherited="")
                resp = Cell("", s.place.at(RESPONSIBLE))
            else:
                self.findings.add(s.place.at(RESPONSIBLE), "list-responsible-missing",
                                  inherited=self.last_responsible.text)
                resp = self.last_responsible
        self.last_responsible = resp
        if self.section in ("goals", "overall", "stage"):
            kind = "overall" if self.section == "overall" or (self.section == "goals" and s.number is None) \
                else "stage"
            if kind == "overall":
                gid = "G0"
            else:
                stage = sum(g.kind == "stage" for g in self.goals) + 1
                gid = f"G{s.number if s.number is not None else stage}"
                if s.number is None:
                    self.findings.add(s.place.at(TASK), "list-number-missing", used=gid)
            if any(g.id == gid for g in self.goals):
                self.findings.add(s.place.at(TASK), "list-number-unexpected", found=gid, used="")
                return
            self.goals.append(self._item(gid, kind, s, resp))
            return
        if not self.actions:
            self.findings.add(s.place, "list-ignored-text", text=s.text)
            return
        works = self.actions[-1][2]
        if not works:
            title = self.actions[-1][0]
            self.findings.add(title.place.at(WORK), "list-work-missing", action=title.numeral)
            works.append((_Step("work", title.text, title.place), [], []))
        number = s.number
        taken = {t.id for a in self.actions for w in a[2] for t in w[2]}
        if number is None:
            self.findings.add(s.place.at(TASK), "list-number-missing", used=str(self.next_task))
            number = self.next_task
        elif number != self.next_task or str(number) in taken:
            used = str(number) if str(number) not in taken else str(self.next_task)
            self.findings.add(s.place.at(TASK), "list-number-unexpected", found=str(number), used=used)
            number = int(used)
        self.next_task = number + 1
        works[-1][2].append(self._item(str(number), "task", s, resp))

    def _item(self, iid: str, kind: str, s: _Step, resp: Cell) -> ListItem:
        at = s.place.at(TASK)
        notes: list[str] = []
        found = rules.responsible(resp.text, self.directory)
        for d in found.doubts:
            self.findings.add(resp.place.at(RESPONSIBLE), d.code, **dict(d.args))
            if d.code == "list-unit-run-together":
                notes.append(f"原文责任单位“{dict(d.args)['text']}”{_count(len(dict(d.args)['names'].split('、')))}"
                             "个名称之间缺少分隔符，照录。")
        due_text = s.deadline.text if s.deadline is not None and s.deadline.text else s.text
        due_place = s.deadline.place.at(DEADLINE) if s.deadline is not None and s.deadline.text else at
        due = rules.deadline(due_text, self.plan.year, self.plan.deadline, self.campaign_end)
        if s.deadline is not None and s.deadline.text and not due.words and due.date is None:
            iso = _iso(s.deadline.text)
            if iso is None:
                self.findings.add(due_place, "list-deadline-unclear", words=s.deadline.text)
            due = due._replace(date=None if iso == self.plan.deadline else iso)
        for d in due.doubts:
            self.findings.add(due_place, d.code, **dict(d.args))
            if d.code == "list-deadline-campaign":
                notes.append(f"原文“三年内”完成，截止日期按三年行动结束日 {self.campaign_end.isoformat()} 计。")
        cad = rules.cadence(s.text)
        for d in cad.doubts:
            self.findings.add(at, d.code, **dict(d.args))
        if cad.cadence is None and cad.words:
            notes.append(f"“{cad.words[0]}”未写明周期，未设频次。")
        elif cad.words:
            notes.append(f"“{'、'.join(cad.words)}”由单位自行落实，按每月跟踪一次。")
        tgt = rules.target(s.text)
        for d in tgt.doubts:
            self.findings.add(at, d.code, **dict(d.args))
        for fragment, mark, name in rules.unbalanced(s.text):
            self.findings.add(at, "list-unbalanced", text=fragment, mark=mark)
            side = "左" if mark in "》”）)" else "右"
            other = "右" if side == "左" else "左"
            notes.append(f"原文“{fragment}”只有{side}{name}，缺{other}{name}“{mark}”，照录。")
        return ListItem(iid, kind, s.text, resp.text, found.units, found.groups, found.open, found.lead, due.date,
                        cad.cadence, tgt.target, tuple(notes), at)

    def result(self) -> tuple[list[ListItem], list[ListAction]]:
        actions: list[ListAction] = []
        work_id = 0
        for step, notes, works in self.actions:
            built: list[ListWork] = []
            for wstep, wnotes, tasks in works:
                if not tasks:
                    self.findings.add(wstep.place, "list-ignored-text", text=wstep.text)
                    continue
                work_id += 1
                tgt = rules.target(wstep.text)
                extra = (f"本项为原表“重点工作”栏内容，兼含量化目标：{tgt.clause}。",) if tgt.target else ()
                built.append(ListWork(work_id, wstep.text, tgt.target, (*wnotes, *extra), tuple(tasks), wstep.place))
            if built:
                actions.append(ListAction(step.number or 0, step.numeral, step.text, tuple(notes), tuple(built),
                                          step.place))
        _same_titles(actions)
        return self.goals, _with_duplicates(actions)


def _same_titles(actions: list[ListAction]) -> None:
    notes = [[f"标题与行动{b.numeral}相同（“{a.title}”），照录。" for b in actions if b is not a and b.title == a.title]
             for a in actions]
    for i, more in enumerate(notes):
        actions[i] = actions[i]._replace(notes=(*actions[i].notes, *more))


def _with_duplicates(actions: list[ListAction]) -> list[ListAction]:
    """Tasks whose texts are the same but for the final stop get a note naming each other."""
    tasks = [t for a in actions for w in a.works for t in w.tasks]
    seen: dict[str, list[str]] = {}
    for t in tasks:
        seen.setdefault(t.text.rstrip("。．.;；"), []).append(t.id)
    notes = {tid: f"与第{'、'.join(o for o in ids if o != tid)}项文字相同（标点除外），责任单位另见各项。"
             for ids in seen.values() if len(ids) > 1 for tid in ids}
    return [a._replace(works=tuple(w._replace(tasks=tuple(t._replace(notes=(*t.notes, notes[t.id]))
                                                          if t.id in notes else t for t in w.tasks))
                                   for w in a.works)) for a in actions]


def _count(n: int) -> str:
    return "两" if n == 2 else "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n)


def _iso(text: str) -> dt.date | None:
    import re

    m = re.search(r"(\d{4})[-年./](\d{1,2})[-月./](\d{1,2})", text)
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# ---------------------------------------------------------------- the plan

_DATE_WORDS = ("日期", "发布日期", "发布时间", "时间")


def read_plan(source: Source, directory: dict[str, Unit], findings: Findings) -> Plan:
    """The plan from the lines before the table: title (the last line before it), document (a line 关于…),
    issuer (信息来源: … or the directory's office), issue date (日期: … or a date written 2025年7月23日), year (the
    title's). What the source does not say is taken by a stated default, and is a problem to confirm."""
    import re

    lines = [c for c in source.preamble if c.text]
    whole = Place(source.file)
    title_cell = next((c for c in reversed(lines) if "清单" in c.text), lines[-1] if lines else None)
    title = title_cell.text if title_cell is not None else source.file.rsplit(".", 1)[0]
    if title_cell is None:
        findings.add(whole, "list-plan-assumed", field="title", value=title)
    document = next((c.text for c in lines if c.text.startswith("关于")), "")
    if not document:
        document = title
        findings.add(whole, "list-plan-assumed", field="document", value=document)
    issuer = ""
    for c in lines:
        m = re.search(r"信息来源[:：]\s*(\S+)", c.text)
        if m:
            issuer = m.group(1)
            break
    office_unit = next((u for u in directory.values() if issuer and issuer in u.names()), None)
    if office_unit is None:
        office_unit = next((u for u in directory.values() if u.kind.value == "office"), None)
        if not issuer and office_unit is not None:
            issuer = office_unit.name
            findings.add(whole, "list-plan-assumed", field="issuer", value=issuer)
    office = office_unit.id if office_unit is not None else "office"
    if office_unit is None:
        findings.add(whole, "list-plan-assumed", field="office", value=office)
    issued = None
    for c in lines:
        m = re.search(r"(?:" + "|".join(_DATE_WORDS) + r")[:：]\s*(\d{4}-\d{1,2}-\d{1,2})", c.text)
        issued = _iso(m.group(1)) if m else _iso(c.text) if re.search(r"\d{4}年\d{1,2}月\d{1,2}日", c.text) else None
        if issued is not None:
            break
    year_m = re.search(r"(\d{4})年", title)
    year = int(year_m.group(1)) if year_m else (issued.year if issued else dt.date.today().year)
    if year_m is None:
        findings.add(whole, "list-plan-assumed", field="year", value=str(year))
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if issued is None:
        issued = start
        findings.add(whole, "list-plan-assumed", field="issued", value=issued.isoformat())
    records_until = dt.date(year + 1, 12, 31)
    findings.add(whole, "list-plan-assumed", field="records_until", value=records_until.isoformat())
    return Plan(title, document, issuer, office, issued, year, start, end, end, records_until)


def assemble(source: Source, options: Options) -> Imported:
    """A source read by one of the readers -> the list, with every problem found reading and assembling it."""
    plan_findings = Findings()
    plan = read_plan(source, options.directory, plan_findings)
    b = _Builder(source, options, plan)
    if options.campaign_end is not None:
        plan = plan._replace(records_until=max(plan.end, options.campaign_end))
        plan_findings.items = [f for f in plan_findings.items if dict(f.problem.args).get("field") != "records_until"]
    steps = _from_lines([r.cells[""] for r in source.rows]) if source.kind == "text" else _from_rows(source)
    for s in steps:
        b.step(s)
    goals, actions = b.result()
    findings = [*source.findings.items, *plan_findings.items, *b.findings.items]
    if not source.findings.errors and not any(True for _ in (t for a in actions for w in a.works for t in w.tasks)):
        nothing = Findings()
        nothing.add(Place(source.file), "list-no-tasks")
        findings += nothing.items
    new = tuple(b.directory.new)
    return Imported(source.file, source.kind, plan, tuple(goals), tuple(actions), b.directory.units, new,
                    tuple(findings))
