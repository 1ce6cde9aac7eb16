"""Reminder notices (催办提醒) for lagging units and one bulletin (通报) ranking the units, as structured
公文 (GB/T 9704): 发文机关标志, 发文字号, title (broken into lines by meaning), 主送机关, a short body, 附件说明,
署名, 成文日期, contact, the full lists as attachments, and 版记 (抄送, 印发机关 and 印发日期; a letter's, 抄送
alone).
render.document and render.text turn the same structure into Word and Markdown.

A reminder is read in two pages: the items to act on first (red: overdue, a period missed, a milestone
overdue, reminded without progress) with their reasons; the rest counted, and listed in the attachment, or,
when they are few, in the body (a unit with nothing red reads one page).
The office is never sent a reminder by itself: its own lagging items make an internal list instead. A
collective (市安全生产各专业委员会) is addressed by its name and called 各专委会, never 你单位. Chinese text in
a document uses full-width punctuation, whatever the list's copy of the published text used.

Every count comes from the report data (``Report``) in the vocabulary's words (``compute.kinds``), task items
and goal items apart: the bulletin's red and yellow counts are the by-unit tallies, so they add up to the
headline's, and a reminder's counts are its unit's rows in the bulletin, task for task and goal for goal."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from tracker.compute import kinds
from tracker.compute.kinds import GROUPS
from tracker.compute.ladder import reply_by
from tracker.compute.report import Report, Row, tally
from tracker.compute.state import Level, PairState
from tracker.core.dates import date_text
from tracker.core.i18n import Lang, label
from tracker.core.i18n import reason as reason_text
from tracker.core.model import Catalog, LadderStep, UnitKind
from tracker.views.report import goals_by_unit_view, step_name, summary, unit_view
from tracker.views.tables import Table, status_table
from tracker.views.titles import break_title, list_words

TOP_UNITS = 5  # the bulletin's body names the units ranked this high or better
INLINE_MAX = 3  # a reminder lists this few yellow items in its body: an attachment page would be most of it
_RED = kinds.REASONS["red"]


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "para", "table"
    text: str = ""
    table: Table | None = None


@dataclass(frozen=True)
class Attachment:
    """A full list that would swell the body: printed after the document, each on a new page. With
    ``groups``, the list is printed as those parts, each under its heading (二级标题), instead of ``table``."""

    title: str
    table: Table
    groups: tuple[tuple[str, Table], ...] = ()


@dataclass(frozen=True)
class Notice:
    stem: str  # file name without extension
    title: str
    blocks: tuple[Block, ...]
    issuer: str = ""  # 发文机关标志, 署名 and 印发机关; empty: no 版头, 署名 or 版记 (a plain document)
    number: str = ""  # 发文字号; empty: a blank 〔　〕号 is left for the office to fill at sign-off
    addressee: str = ""  # 主送机关, ending in a full-width colon
    date: str = ""  # 成文日期 and 印发日期 as the standard writes them: 2025年9月30日
    contact: str = ""  # 联系人 and 电话; empty: left out
    attachments: tuple[Attachment, ...] = ()
    legend: tuple[tuple[str, str], ...] = ()  # (style, meaning) of the colours its tables use
    lang: Lang = Lang.ZH
    title_lines: tuple[str, ...] = ()  # the title broken by meaning; empty: one line
    cc: str = ""  # 抄送机关 as the 版记 prints them ("市应急局，市消防救援局"); empty: no 抄送 line
    letter: bool = False  # laid out in the 信函格式 of a 函 (core.formats.FRAMES), else the 文件格式

    @property
    def colophon(self) -> bool:
        """Whether it has a 版记: a 公文 does; a letter's is its 抄送 alone, so without one it has none."""
        return bool(self.issuer) and (bool(self.cc) or not self.letter)

    @property
    def shown_number(self) -> str:
        """The 发文字号 as printed: the number, or the blank 〔　〕号 the office fills at sign-off."""
        return self.number or (label("notice.number.blank", self.lang) if self.issuer else "")


_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_CJK_CHAR = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


def full_width(text: str) -> str:
    """Chinese text with full-width punctuation (GB/T 15834): a half-width comma, semicolon, colon, question
    or exclamation mark or parenthesis next to a Chinese character becomes its full-width form; between
    digits (1,000, 12:30) or in Latin text it stays."""
    out = list(text)
    for i, ch in enumerate(text):
        if ch not in _HALF:
            continue
        before, after = text[i - 1:i], text[i + 1:i + 2]
        if ch in ",:" and before.isdigit() and after.isdigit():
            continue
        if _CJK_CHAR.match(before or " ") or _CJK_CHAR.match(after or " ") or (ch == ")" and "（" in out[:i]):
            out[i] = _HALF[ch]
    return "".join(out)


def _zh(text: str, lang: Lang) -> str:
    return full_width(text) if lang is Lang.ZH else text


def _zh_cell(value: Any, lang: Lang) -> Any:
    return _zh(value, lang) if isinstance(value, str) else value


def _words(cat: Catalog) -> frozenset[str]:
    """The list's own words, for breaking titles (tracker.views.titles)."""
    return list_words([cat.plan.title, cat.plan.document, *(a.title for a in cat.actions.values()),
                       *(w.title for w in cat.works.values()), *(i.text for i in cat.items.values()),
                       *(u.name for u in cat.units.values())])


def _you(cat: Catalog, unit: str, lang: Lang) -> str:
    """How a reminder calls its addressee: 你单位, or for a collective 各专委会 (its short name with 各 for 市)."""
    u = cat.units[unit]
    if u.kind is not UnitKind.GROUP:
        return label("notice.you", lang)
    name = u.short if u.short.startswith("各") else "各" + u.short.removeprefix("市")
    return name if lang is Lang.ZH else label("notice.you.group", lang).format(name=u.short)


def _cc(text: str, lang: Lang) -> str:
    """抄送机关 as GB/T 9704 lists them: separated by commas, whatever the separator typed."""
    names = [n.strip() for n in re.split(r"[,，、;；\n]+", text) if n.strip()]
    return label("notice.cc.sep", lang).join(_zh(n, lang) for n in names)


def _sections(pairs: list[PairState]) -> dict[str, list[PairState]]:
    """A unit's lagging pairs by what the notice says of them: red, yellow for being behind the pace, yellow for
    being silent (a pair both behind and silent counts as behind)."""
    out: dict[str, list[PairState]] = {"overdue": [], "behind": [], "silent": []}
    for p in pairs:
        if p.level is Level.RED:
            out["overdue"].append(p)
        elif p.level is Level.YELLOW:
            out["behind" if "behind-pace" in p.reasons else "silent"].append(p)
    return out


def lagging(report: Report) -> dict[str, list[PairState]]:
    """Units with red or yellow pairs, and those pairs: task items first, then goal items, then the items carried
    over from last year, each in report order."""
    out: dict[str, list[PairState]] = {}
    for group in GROUPS:
        for p in report.pairs:
            if p.level >= Level.YELLOW and report.group(p) == group:
                out.setdefault(p.unit, []).append(p)
    return out


def _carried_rows(cat: Catalog, report: Report) -> list[Row]:
    """Each unit's row over its carried pairs (上年结转), in units' order: counted apart like the goals."""
    per_unit: dict[str, list[PairState]] = {}
    for p in report.pairs:
        if report.group(p) == "carried":
            per_unit.setdefault(p.unit, []).append(p)
    return [Row(u, cat.units[u].short if u in cat.units else u, tally(ps), max(p.level for p in ps))
            for u, ps in per_unit.items()]


def _groups(cat: Catalog, report: Report) -> list[tuple[str, str, list[Row]]]:
    """(group, its word in a notice, each unit's row of it): the bulletin's rows, and the carried items' apart."""
    out = [("task", "tasks", list(report.by_unit)), ("goal", "goals", list(report.goals_by_unit))]
    return out + ([("carried", "carried", _carried_rows(cat, report))] if report.by_carried else [])


def _split(cat: Catalog, report: Report, unit: str, pairs: list[PairState], lang: Lang) -> str:
    """How many of ``pairs`` are task items, goal items and carried ones, naming only the kinds the unit carries:
    重点工作任务3项、目标1项."""
    parts = []
    for group, what, rows in _groups(cat, report):
        if _row(rows, unit) is not None:
            n = sum(report.group(p) == group for p in pairs)
            parts.append(label("notice.split", lang).format(what=label(f"notice.{what}", lang), n=n))
    return label("notice.split.sep", lang).join(parts)


def _counts(cat: Catalog, report: Report, unit: str, lang: Lang) -> str:
    """The unit's red and yellow counts, tasks, goals and carried items apart, as its rows in the bulletin give
    them."""
    parts = []
    for _, what, rows in _groups(cat, report):
        row = _row(rows, unit)
        if row is not None:
            parts.append(label("notice.counts", lang).format(what=label(f"notice.{what}", lang), red=row.tally.red,
                                                             yellow=row.tally.yellow))
    return label("notice.counts.sep", lang).join(parts)


def _row(rows: list[Row] | tuple[Row, ...], unit: str) -> Row | None:
    return next((r for r in rows if r.key == unit), None)


def _load(cat: Catalog, report: Report, unit: str, lang: Lang) -> str:
    """What the unit carries, from the report's rows: its tasks and, apart, its goals (a district may carry
    only goals, through a group)."""
    parts = []
    for _, what, rows in _groups(cat, report):
        key, row = f"notice.load.{what}", _row(rows, unit)
        if row is not None:
            t = row.tally
            parts.append(label(key, lang).format(expected=t.expected, done=t.done, rate=f"{t.rate:.1f}",
                                                 average=f"{t.average:.1f}"))
    return label("notice.load.sep", lang).join(parts) if parts else label("notice.load.none", lang)


def ladder_title(ladder: tuple[LadderStep, ...], step: int, lang: Lang) -> str:
    """The title of a notice at ``step`` of the chasing ladder: the office's (tasks.yaml ``ladder:``), one made
    from the step's name where it gives none, else the tool's (提醒, 督办通知, 督办函, 约谈通知)."""
    if ladder:
        chosen = ladder[min(max(step, 1), len(ladder)) - 1]
        return chosen.title or label("ladder.title.named", lang).format(name=chosen.name)
    return label("notice.title" if step <= 1 else f"ladder.title.{min(step, 4)}", lang)


def reply_date(cat: Catalog, day: dt.date) -> dt.date:
    """The date a reminder issued on ``day`` asks a reply by: ``reply_days`` on, at most records_until (one
    rule for the notice and the register)."""
    return reply_by(day, cat.thresholds.reply_days, cat.plan.records_until)


def _ladder_up(cat: Catalog, report: Report, unit: str, you: str, lang: Lang) -> list[Block]:
    """Why this notice is a step up the ladder: the reminders left without a reply by their date."""
    found = report.chases.get(unit)
    if found is None or found.step <= 1 or not found.unanswered:
        return []
    zh = lang is Lang.ZH
    which = label("notice.ladder.sep", lang).join(
        label("notice.ladder.which", lang).format(date=date_text(r.date, zh),
                                                  number=r.number or label("notice.ladder.no-number", lang))
        for r in found.unanswered)
    step = step_name(report.ladder, found.step, lang)
    text = label("notice.ladder.up", lang).format(you=you, which=which, step=step)
    chosen = report.ladder[min(found.step, len(report.ladder)) - 1] if report.ladder else None
    return [Block("para", text + (chosen.text if chosen is not None and chosen.text else ""))]


def reminder(cat: Catalog, report: Report, unit: str, pairs: list[PairState], lang: Lang, number: str = "",
             cc: str = "", issued: frozenset[str] = frozenset(), letter: bool = True) -> Notice:
    """A unit's reminder at its step of the chasing ladder: what to act on first with its reasons, the rest
    counted and attached, or listed in the body when there are INLINE_MAX or fewer; ``letter``: laid out as a
    函 (信函格式). ``issued``: the ids of the reminders this notice itself was registered
    under (--record), which are not among those sent before it."""
    u = cat.units[unit]
    you = _you(cat, unit, lang)
    parts = _sections(pairs)
    found = report.chases.get(unit)
    act = step_name(report.ladder, found.step if found is not None else 1, lang)
    blocks = [Block("para", label("notice.opening", lang).format(
        plan=cat.plan.title, date=date_text(report.as_of, lang is Lang.ZH), load=_load(cat, report, unit, lang),
        you=you, counts=_counts(cat, report, unit, lang), act=act))]
    if report.errors.get(unit):  # --allow-errors: the unit is told its own figures are incomplete
        blocks.insert(0, Block("para", label("notice.errors", lang).format(n=report.errors[unit], you=you)))
    blocks += _ladder_up(cat, report, unit, you, lang)
    mine = {r.id for p in report.pairs if p.unit == unit for r in p.reminders}
    earlier = mine - issued
    if earlier:  # the escalation counts this notice's own reminder when it was registered with it
        escalated = sum(1 for p in pairs if any(r.startswith("reminded:") for r in p.reasons))
        said = "notice.escalated.now" if mine & issued else "notice.escalated"
        blocks.append(Block("para", label("notice.reminded", lang).format(n=len(earlier), you=you) + (label(
            said, lang).format(m=escalated, times=cat.thresholds.escalate_after) if escalated else "")))
    change = report.changes.by["unit"].get(unit) if report.changes is not None else None
    if report.changes is not None and change is not None:
        blocks.append(Block("para", label("since.unit", lang).format(
            date=date_text(report.changes.since, lang is Lang.ZH), done=change.newly_done, overdue=change.newly_overdue,
            red=change.newly_red, you=you)))
    red = parts["overdue"]
    if red:  # what to act on first, each with its reasons: the body's only table
        blocks += [Block("para", label("notice.red", lang).format(split=_split(cat, report, unit, red, lang))),
                   Block("table", table=_pair_table(cat, red, lang, brief=True))]
    rest = parts["behind"] + parts["silent"]
    inline = len(rest) <= INLINE_MAX
    if rest and inline:  # listed in the body, with their reasons
        key = "notice.yellow.listed.more" if red else "notice.yellow.listed"
        blocks += [Block("para", label(key, lang).format(split=_split(cat, report, unit, rest, lang))),
                   Block("table", table=_pair_table(cat, rest, lang, brief=False))]
    elif rest:  # each reason counted over the items the attachment lists with it, so the words match the list
        blocks.append(Block("para", _yellow(cat, rest, lang, more=bool(red),
                                            split=_split(cat, report, unit, rest, lang))))
    reply = reply_date(cat, report.as_of)
    blocks.append(Block("para", label("notice.request", lang).format(reply=date_text(reply, lang is Lang.ZH),
                                                                       office=_office(cat))))
    attachments = (Attachment(_zh(label("notice.attachment", lang).format(unit=u.short), lang),
                              _pair_table(cat, rest, lang, brief=False), _by_reasons(cat, rest, lang)),) \
        if rest and not inline else ()
    title = ladder_title(report.ladder, found.step if found is not None else 1, lang)
    return Notice(label("notice.file", lang).format(unit=u.short),
                  title, tuple(_zh_block(b, lang) for b in blocks), cat.plan.issuer, number or cat.plan.document_number,
                  _zh(f"{u.name}：" if lang is Lang.ZH else f"To {u.name}:", lang),
                  date_text(report.as_of, lang is Lang.ZH), _contact(cat, lang), attachments,
                  tuple(_legend(cat, lang)), lang, break_title(title, _words(cat)) if lang is Lang.ZH else (),
                  _cc(cc or cat.plan.cc, lang), letter)


def _yellow(cat: Catalog, rest: list[PairState], lang: Lang, *, more: bool, split: str) -> str:
    """The items behind pace or silent (``split``: how many are task items, goal items …), counted by the
    reasons the attachment lists with them: an item with both is counted under each, and how many have both is
    said; a reason none has is left unsaid."""
    behind = sum(1 for p in rest if "behind-pace" in p.reasons)
    silent = sum(1 for p in rest if "silent" in p.reasons)
    parts = ([label("notice.yellow.behind", lang).format(n=behind)] if behind else []) + \
        ([label("notice.yellow.silent", lang).format(n=silent, days=cat.thresholds.silent_days)] if silent else [])
    both = behind + silent - len(rest)
    return label("notice.yellow.more" if more else "notice.yellow", lang).format(
        split=split, parts=label("notice.yellow.sep", lang).join(parts),
        both=label("notice.yellow.both", lang).format(n=both) if both else "")


def internal_list(cat: Catalog, report: Report, unit: str, pairs: list[PairState], lang: Lang) -> Notice:
    """The office's own lagging items: a working list for itself, not a 公文 it would send to itself."""
    u = cat.units[unit]
    parts = _sections(pairs)
    ordered = parts["overdue"] + parts["behind"] + parts["silent"]
    opening = label("notice.internal.opening", lang).format(
        date=date_text(report.as_of, lang is Lang.ZH), load=_load(cat, report, unit, lang),
        counts=_counts(cat, report, unit, lang))
    title = label("notice.internal.title", lang).format(unit=u.short)
    table = _pair_table(cat, ordered, lang, brief=False)
    return Notice(label("notice.internal.file", lang).format(unit=u.short),
                  title, (Block("para", _zh(opening, lang)), Block("table", table=table)),
                  date=date_text(report.as_of, lang is Lang.ZH), legend=tuple(_legend(cat, lang)), lang=lang,
                  title_lines=break_title(title, _words(cat)) if lang is Lang.ZH else ())


def _zh_block(block: Block, lang: Lang) -> Block:
    return Block(block.kind, _zh(block.text, lang), block.table)


def _by_reasons(cat: Catalog, pairs: list[PairState], lang: Lang) -> tuple[tuple[str, Table], ...]:
    """The items grouped by their reasons, each group under a heading that names them and counts its items:
    the reasons are read once, and the task column gets their width."""
    groups: dict[tuple[str, ...], list[PairState]] = {}
    for p in pairs:
        groups.setdefault(p.reasons, []).append(p)
    out = []
    for n, (reasons, members) in enumerate(groups.items()):
        words = label("notice.reasons.sep", lang).join(reason_text(r, lang) for r in reasons)
        head = label("notice.group", lang).format(n=len(members), reasons=words)
        if lang is Lang.ZH:
            head = f"（{_NUMERALS[n % len(_NUMERALS)]}）{head}"
        table = _pair_table(cat, members, lang, brief=False)
        keep = range(len(table.headers) - 1)
        out.append((head, Table([table.headers[i] for i in keep], [[r[i] for i in keep] for r in table.rows],
                                table.records, table.styles, [table.kind(i) for i in keep])))
    return tuple(out)


_NUMERALS = "一二三四五六七八九十"


def _pair_table(cat: Catalog, pairs: list[PairState], lang: Lang, *, brief: bool) -> Table:
    """The unit's items with the reasons of their warnings; the unit column is left out (the notice is addressed
    to it). ``brief`` (the body's table of red items): id, task, percent and the reasons that make each red;
    else also the last report's date, and every reason. The task column is the one that takes the width."""
    full = status_table(cat, pairs, lang)
    keep = [1, 2, 4] if brief else [1, 2, 4, 5]
    sep = label("notice.reasons.sep", lang)
    reasons = [sep.join(reason_text(r, lang) for r in p.reasons if not brief or r.partition(":")[0] in _RED)
               for p in pairs]
    headers = [full.headers[i] for i in keep] + [label("notice.reasons", lang)]
    rows = [[_zh_cell(r[i], lang) for i in keep] + [why]
            for r, why in zip(full.rows, reasons, strict=True)]
    return Table(headers, rows, full.records, full.styles, [full.kind(i) for i in keep] + ["text"])


def _top(rows: list[Row], lang: Lang) -> str:
    """The units ranked ``TOP_UNITS`` or better, by rank; a large tie is counted, not listed."""
    sep = "、" if lang is Lang.ZH else "; "
    groups: dict[int, list[Row]] = {}
    for r in rows:
        if r.rank <= TOP_UNITS:
            groups.setdefault(r.rank, []).append(r)
    out = []
    for rank, tied in groups.items():
        rate = f"{tied[0].tally.rate:.1f}"
        if len(tied) > 3:
            out.append(label("bulletin.top.tie", lang).format(rank=rank, n=len(tied), rate=rate))
        else:
            out += [label("bulletin.top.unit", lang).format(rank=rank, unit=r.label, rate=rate) for r in tied]
    return sep.join(out)


def _names(rows: list[Row], lang: Lang) -> str:
    """At most ``TOP_UNITS`` names; the count that follows them (等N个单位) gives the rest."""
    sep = "、" if lang is Lang.ZH else ", "
    return sep.join(r.label for r in rows[:TOP_UNITS])


def bulletin(cat: Catalog, report: Report, lang: Lang, number: str = "", scores: list[Any] | None = None,
             cc: str = "") -> Notice:
    """The bulletin; with ``scores`` (``compute.scoring``), it names the best-scored units and attaches the scores.
    Task items and goal items are ranked and counted apart, so every unit asked to report (the districts, which
    report only on goals, included) stands in its tables; the items carried over from last year are counted
    apart too."""
    tasks = {r.key for r in report.by_task}
    order = {u: n for n, u in enumerate(cat.units)}
    groups = _groups(cat, report)
    red = {g: sorted((p for p in report.pairs if p.level is Level.RED and report.group(p) == g),
                     key=lambda p: order.get(p.unit, 0)) for g, _, _ in groups}
    reds = [p for g, _, _ in groups for p in red[g]]
    extended = sorted((p for p in report.pairs if p.extensions and p.item in tasks), key=lambda p: order.get(p.unit, 0))
    attachments = [Attachment(label("bulletin.attachment.ranking", lang), unit_view(report, lang))]
    if report.goals_by_unit:
        attachments.append(Attachment(label("bulletin.attachment.goals", lang), goals_by_unit_view(report, lang)))
    red_at = len(attachments) + 1
    if reds:
        key = "bulletin.attachment.red.carried" if report.by_carried else "bulletin.attachment.red"
        head = label(key, lang).format(tasks=len(red["task"]), goals=len(red["goal"]),
                                       carried=len(red.get("carried", [])))
        attachments.append(Attachment(head, _red_table(cat, reds, lang)))
    if extended:
        attachments.append(Attachment(label("bulletin.attachment.extended", lang),
                                      _red_table(cat, extended, lang, keep=(0, 1, 2, 6, 8))))
    if scores:
        from tracker.views.tables import score_table

        attachments.append(Attachment(label("bulletin.attachment.score", lang), score_table(scores, lang, brief=True)))

    blocks = [Block("para", label("bulletin.opening", lang).format(plan=cat.plan.title, office=_office(cat)))]
    heads = [label(f"bulletin.section.{k}", lang) for k in ("overall", "ranking", "problems", "next")]
    if lang is Lang.ZH:
        heads = [f"{n}、{h}" for n, h in zip("一二三四", heads, strict=True)]
    blocks += [Block("heading", heads[0]), Block("para", summary(report, lang)), Block("heading", heads[1])]
    if report.by_unit:
        blocks.append(Block("para", label("bulletin.top", lang).format(top=_top(report.by_unit, lang), n=1)))
    if report.goals_by_unit:
        blocks.append(Block("para", label("bulletin.top.goals", lang).format(top=_top(list(report.goals_by_unit), lang),
                                                                             n=2)))
    blocks.append(Block("heading", heads[2]))
    found = False
    for key in ("red", "yellow"):
        for _, what, rows in groups:
            counts = [(r, getattr(r.tally, key)) for r in rows]
            named = [r for r, n in counts if n]
            if named:
                found = True
                blocks.append(Block("para", label(f"bulletin.problem.{key}", lang).format(
                    what=label(f"report.summary.{what}", lang), units=_names(named, lang), n=len(named),
                    count=sum(n for _, n in counts))))
    if reds:
        blocks.append(Block("para", label("bulletin.problem.list", lang).format(n=red_at)))
    if not found:
        blocks.append(Block("para", label("bulletin.problem.none", lang)))
    blocks += _follow_up(cat, report, lang)
    if scores:
        sep = "、" if lang is Lang.ZH else "; "
        top = sep.join(label("bulletin.score.unit", lang).format(rank=s.rank, unit=s.label, score=f"{s.total:g}")
                       for s in scores if s.rank <= TOP_UNITS)
        blocks.append(Block("para", label("bulletin.score", lang).format(top=top)))
    blocks += [Block("heading", heads[3]), Block("para", label("bulletin.next", lang).format(office=_office(cat)))]
    title = label("bulletin.title", lang)
    return Notice(label("bulletin.file", lang), title, tuple(_zh_block(b, lang) for b in blocks), cat.plan.issuer,
                  number or cat.plan.document_number, _zh(label("bulletin.addressee", lang), lang),
                  date_text(report.as_of, lang is Lang.ZH), _contact(cat, lang), tuple(attachments),
                  tuple(_legend(cat, lang)), lang, break_title(title, _words(cat)) if lang is Lang.ZH else (),
                  _cc(cc or cat.plan.cc, lang))


def _follow_up(cat: Catalog, report: Report, lang: Lang) -> list[Block]:
    """The bulletin's word on extensions approved (counted per unit), on units moved up the chasing ladder and
    on units reminded repeatedly without progress (each with how many of its items escalated). Every unit is
    named once, tasks and goals counted together as its reminder counts them, so a district that holds goals
    only is named as well."""
    sep = "、" if lang is Lang.ZH else "; "
    names: dict[str, str] = {}
    extended: dict[str, int] = {}
    escalated: dict[str, int] = {}
    for r in (*report.by_unit, *report.goals_by_unit):
        names.setdefault(r.key, r.label)
        extended[r.key] = extended.get(r.key, 0) + r.tally.extended
        escalated[r.key] = escalated.get(r.key, 0) + r.tally.escalated
    out: list[Block] = []
    if any(extended.values()):
        units = sep.join(label("bulletin.extended.unit", lang).format(unit=names[k], n=n)
                         for k, n in extended.items() if n)
        out.append(Block("para", label("bulletin.extended", lang).format(n=sum(extended.values()), units=units)))
    up = [(k, report.chases[k]) for k in names if k in report.chases and report.chases[k].step > 1]
    if up:
        units = sep.join(label("bulletin.ladder.unit", lang).format(
            unit=names[k], step=step_name(report.ladder, c.step, lang), n=len(c.unanswered)) for k, c in up)
        out.append(Block("para", label("bulletin.ladder", lang).format(units=units)))
    if any(escalated.values()):
        units = sep.join(label("bulletin.escalated.unit", lang).format(unit=names[k], n=n)
                         for k, n in escalated.items() if n)
        out.append(Block("para", label("bulletin.escalated", lang).format(times=cat.thresholds.escalate_after,
                                                                          units=units)))
    return out


def _red_table(cat: Catalog, pairs: list[PairState], lang: Lang,
               keep: tuple[int, ...] = (0, 1, 2, 4, 5, 7)) -> Table:
    full = status_table(cat, pairs, lang)
    return Table([full.headers[i] for i in keep],
                 [[_zh_cell(r[i], lang) for i in keep] for r in full.rows],
                 full.records, full.styles, [full.kind(i) for i in keep])


def _legend(cat: Catalog, lang: Lang) -> list[tuple[str, str]]:
    from tracker.views.palette import legend

    return legend(cat.thresholds, lang)


def _contact(cat: Catalog, lang: Lang) -> str:
    plan = cat.plan
    if not plan.contact and not plan.phone:
        return ""
    parts = ([label("notice.contact", lang).format(name=plan.contact)] if plan.contact else []) + \
        ([label("notice.phone", lang).format(phone=plan.phone)] if plan.phone else [])
    return label("notice.contact.wrap", lang).format(text=label("notice.load.sep", lang).join(parts))


def _office(cat: Catalog) -> str:
    office = cat.units.get(cat.plan.office)
    return office.short if office else cat.plan.issuer


def reminded_items(report: Report, unit: str | None = None, office: str = "") -> dict[str, list[str]]:
    """What each reminder issued as of the report's date lists (its body's items, then its attachment's): what
    ``tracker remind --record`` keeps in the reminder register. The ``office`` sends none to itself."""
    out: dict[str, list[str]] = {}
    for u, pairs in lagging(report).items():
        if (unit is None or u == unit) and u != office:
            parts = _sections(pairs)
            out[u] = [p.item for p in parts["overdue"] + parts["behind"] + parts["silent"]]
    return {u: items for u, items in out.items() if items}


def all_notices(cat: Catalog, report: Report, lang: Lang, unit: str | None = None,
                number: str = "", scores: list[Any] | None = None, cc: str = "",
                issued: frozenset[str] = frozenset(), frame: str | None = None) -> list[Notice]:
    """A reminder per lagging unit (or just ``unit``), then the bulletin; ``number`` is the 文号 of each and
    ``cc`` the 抄送机关 (default: the plan's). The office's own lagging items make an internal list, not a
    reminder to itself. ``issued``: the reminders registered for these very notices (--record), which the
    report counts and the reminders do not call earlier ones. ``frame`` (core.formats.FRAMES) lays them all
    out alike; by default a reminder is a 函 in the 信函格式, whose smaller 版头 moves the title up about five
    of the page's 22 lines, and the bulletin a 文件 in the 文件格式."""
    late = lagging(report)
    chosen = [u for u in cat.units if u in late and (unit is None or u == unit)]
    notices = [internal_list(cat, report, u, late[u], lang) if u == cat.plan.office
               else reminder(cat, report, u, late[u], lang, number, cc, issued, letter=frame != "file")
               for u in chosen]
    return notices + [replace(bulletin(cat, report, lang, number, scores, cc), letter=frame == "letter")]
