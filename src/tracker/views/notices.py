"""Reminder notices (催办提醒) for lagging units and one bulletin (通报) ranking the units, as structured
公文 (GB/T 9704): 发文机关标志, 文号, title, 主送机关, a short body, 附件说明, 落款, 成文日期, contact, and the
full lists as attachments. render_docx and render turn the same structure into Word and Markdown.

Every count comes from the report data (``Report``): the bulletin's red and yellow counts are the by-unit
tallies, so they add up to the headline's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tracker.compute.report import Report, Row
from tracker.compute.state import Level, PairState
from tracker.core.dates import date_text
from tracker.core.i18n import Lang, label
from tracker.core.model import Catalog
from tracker.views.report import summary, unit_view
from tracker.views.tables import Table, status_table

REPLY_DAYS = 7
BODY_ROWS = 10  # at most this many red items in a reminder's body; the attachment lists them all
TOP_UNITS = 5  # the bulletin's body names the units ranked this high or better
_RED = ("overdue", "missed", "milestone-overdue", "reminded")


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "para", "table"
    text: str = ""
    table: Table | None = None


@dataclass(frozen=True)
class Attachment:
    """A full list that would swell the body: printed after the document, each on a new page."""

    title: str
    table: Table


@dataclass(frozen=True)
class Notice:
    stem: str  # file name without extension
    title: str
    blocks: tuple[Block, ...]
    issuer: str = ""  # 发文机关标志 and 署名
    number: str = ""  # 发文字号; empty: left out
    addressee: str = ""  # 主送机关, ending in a full-width colon
    date: str = ""  # 成文日期 as the standard writes it: 2025年9月30日
    contact: str = ""  # 联系人 and 电话; empty: left out
    attachments: tuple[Attachment, ...] = ()
    legend: tuple[tuple[str, str], ...] = ()  # (style, meaning) of the colours its tables use
    lang: Lang = Lang.ZH


def _sections(pairs: list[PairState]) -> dict[str, list[PairState]]:
    out: dict[str, list[PairState]] = {"overdue": [], "behind": [], "silent": []}
    for p in pairs:
        codes = {r.partition(":")[0] for r in p.reasons}
        if codes & set(_RED):
            out["overdue"].append(p)
        elif "behind-pace" in codes:
            out["behind"].append(p)
        elif "silent" in codes:
            out["silent"].append(p)
    return out


def lagging(report: Report) -> dict[str, list[PairState]]:
    """Units with red or yellow pairs, and those pairs, in report order."""
    out: dict[str, list[PairState]] = {}
    for p in report.pairs:
        if p.level >= 2:
            out.setdefault(p.unit, []).append(p)
    return out


def _row(rows: list[Row] | tuple[Row, ...], unit: str) -> Row | None:
    return next((r for r in rows if r.key == unit), None)


def _load(report: Report, unit: str, lang: Lang) -> str:
    """What the unit carries, from the report's rows: its tasks and, apart, its goals (a district may carry
    only goals, through a group)."""
    parts = []
    for key, row in (("notice.load.tasks", _row(report.by_unit, unit)),
                     ("notice.load.goals", _row(report.goals_by_unit, unit))):
        if row is not None:
            t = row.tally
            parts.append(label(key, lang).format(expected=t.expected, done=t.done, rate=f"{t.rate:.1f}",
                                                 average=f"{t.average:.1f}"))
    return label("notice.load.sep", lang).join(parts) if parts else label("notice.load.none", lang)


def reminder(cat: Catalog, report: Report, unit: str, pairs: list[PairState], lang: Lang, number: str = "") -> Notice:
    u = cat.units[unit]
    parts = _sections(pairs)
    blocks = [Block("para", label("notice.opening", lang).format(
        plan=cat.plan.title, date=date_text(report.as_of, lang is Lang.ZH), load=_load(report, unit, lang)))]
    if report.errors.get(unit):  # --allow-errors: the unit is told its own figures are incomplete
        blocks.insert(0, Block("para", label("notice.errors", lang).format(n=report.errors[unit])))
    earlier = {r.id for p in report.pairs if p.unit == unit for r in p.reminders}
    if earlier:
        escalated = sum(1 for p in pairs if any(r.startswith("reminded:") for r in p.reasons))
        blocks.append(Block("para", label("notice.reminded", lang).format(n=len(earlier)) + (label(
            "notice.escalated", lang).format(m=escalated, times=cat.thresholds.escalate_after) if escalated else "")))
    change = report.changes.by["unit"].get(unit) if report.changes is not None else None
    if report.changes is not None and change is not None:
        blocks.append(Block("para", label("since.unit", lang).format(
            date=date_text(report.changes.since, lang is Lang.ZH), done=change.newly_done, overdue=change.newly_overdue,
            red=change.newly_red)))
    numerals = "一二三四五六"
    heads = [label(f"notice.section.{k}", lang) for k in ("overdue", "behind")]
    if lang is Lang.ZH:
        heads = [f"{n}、{h}" for n, h in zip(numerals, heads, strict=False)]
    red = parts["overdue"]
    blocks.append(Block("heading", heads[0]))
    if red:
        blocks.append(Block("para", label("notice.red", lang).format(n=len(red))))
        blocks.append(Block("table", table=_pair_table(cat, red[:BODY_ROWS], lang, brief=True)))
        if len(red) > BODY_ROWS:
            blocks.append(Block("para", label("notice.more", lang).format(n=len(red) - BODY_ROWS)))
    else:
        blocks.append(Block("para", label("notice.red.none", lang)))
    blocks.append(Block("heading", heads[1]))
    if parts["behind"] or parts["silent"]:
        blocks.append(Block("para", label("notice.yellow", lang).format(
            behind=len(parts["behind"]), silent=len(parts["silent"]), days=cat.thresholds.silent_days)))
    else:
        blocks.append(Block("para", label("notice.red.none", lang)))
    reply = report.as_of + dt.timedelta(days=REPLY_DAYS)
    blocks.append(Block("para", label("notice.request", lang).format(reply=date_text(reply, lang is Lang.ZH),
                                                                       office=_office(cat))))
    ordered = parts["overdue"] + parts["behind"] + parts["silent"]
    attachment = Attachment(label("notice.attachment", lang).format(unit=u.short),
                            _pair_table(cat, ordered, lang, brief=False))
    return Notice(label("notice.file", lang).format(unit=f"{unit}-{u.short}" if lang is Lang.ZH else unit),
                  label("notice.title", lang), tuple(blocks), cat.plan.issuer, number or cat.plan.document_number,
                  f"{u.name}：" if lang is Lang.ZH else f"To {u.name}:", date_text(report.as_of, lang is Lang.ZH),
                  _contact(cat, lang), (attachment,), tuple(_legend(cat, lang)), lang)


def _pair_table(cat: Catalog, pairs: list[PairState], lang: Lang, *, brief: bool) -> Table:
    """The unit's items; the unit column is left out (the notice is addressed to it). ``brief``: the body's
    table keeps only id, task, percent and warning."""
    full = status_table(cat, pairs, lang)
    keep = [1, 2, 4, 7] if brief else [1, 2, 3, 4, 5, 6, 7, 8]
    return Table([full.headers[i] for i in keep], [[r[i] for i in keep] for r in full.rows], full.records,
                 full.styles, [full.kind(i) for i in keep])


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


def bulletin(cat: Catalog, report: Report, lang: Lang, number: str = "", scores: list[Any] | None = None) -> Notice:
    """The bulletin; with ``scores`` (``compute.scoring``), it names the best-scored units and attaches the scores."""
    blocks = [Block("para", label("bulletin.opening", lang).format(plan=cat.plan.title, office=_office(cat)))]
    heads = [label(f"bulletin.section.{k}", lang) for k in ("overall", "ranking", "problems", "next")]
    if lang is Lang.ZH:
        heads = [f"{n}、{h}" for n, h in zip("一二三四", heads, strict=True)]
    blocks += [Block("heading", heads[0]), Block("para", summary(report, lang)), Block("heading", heads[1])]
    if report.by_unit:
        blocks.append(Block("para", label("bulletin.top", lang).format(top=_top(report.by_unit, lang))))
    blocks.append(Block("heading", heads[2]))
    found = False
    for key in ("red", "yellow"):
        counts = [(r, getattr(r.tally, key)) for r in report.by_unit]
        rows = [r for r, n in counts if n]
        if rows:
            found = True
            blocks.append(Block("para", label(f"bulletin.problem.{key}", lang).format(
                units=_names(rows, lang), n=len(rows), count=sum(n for _, n in counts))))
    if not found:
        blocks.append(Block("para", label("bulletin.problem.none", lang)))
    blocks += _follow_up(cat, report, lang)
    if scores:
        sep = "、" if lang is Lang.ZH else "; "
        top = sep.join(label("bulletin.score.unit", lang).format(rank=s.rank, unit=s.label, score=f"{s.total:g}")
                       for s in scores if s.rank <= TOP_UNITS)
        blocks.append(Block("para", label("bulletin.score", lang).format(top=top)))
    blocks += [Block("heading", heads[3]), Block("para", label("bulletin.next", lang).format(office=_office(cat)))]
    tasks = {r.key for r in report.by_task}
    order = {u: n for n, u in enumerate(cat.units)}
    red = sorted((p for p in report.pairs if p.level is Level.RED and p.item in tasks),
                 key=lambda p: order.get(p.unit, 0))
    attachments = [Attachment(label("bulletin.attachment.ranking", lang), unit_view(report, lang))]
    if red:
        attachments.append(Attachment(label("bulletin.attachment.red", lang), _red_table(cat, red, lang)))
    extended = [p for p in report.pairs if p.extensions and p.item in tasks]
    if extended:
        extended.sort(key=lambda p: order.get(p.unit, 0))
        attachments.append(Attachment(label("bulletin.attachment.extended", lang),
                                      _red_table(cat, extended, lang, keep=(0, 1, 2, 6, 8))))
    if scores:
        from tracker.views.tables import score_table

        attachments.append(Attachment(label("bulletin.attachment.score", lang), score_table(scores, lang, brief=True)))
    return Notice(label("bulletin.file", lang), label("bulletin.title", lang), tuple(blocks), cat.plan.issuer,
                  number or cat.plan.document_number, label("bulletin.addressee", lang),
                  date_text(report.as_of, lang is Lang.ZH), _contact(cat, lang), tuple(attachments),
                  tuple(_legend(cat, lang)), lang)


def _follow_up(cat: Catalog, report: Report, lang: Lang) -> list[Block]:
    """The bulletin's word on extensions approved (counted per unit) and on units reminded repeatedly without
    progress (each with how many of its items escalated)."""
    sep = "、" if lang is Lang.ZH else "; "
    out: list[Block] = []
    rows = [r for r in report.by_unit if r.tally.extended]
    if rows:
        units = sep.join(label("bulletin.extended.unit", lang).format(unit=r.label, n=r.tally.extended) for r in rows)
        out.append(Block("para", label("bulletin.extended", lang).format(
            n=sum(r.tally.extended for r in rows), units=units)))
    rows = [r for r in report.by_unit if r.tally.escalated]
    if rows:
        units = sep.join(label("bulletin.escalated.unit", lang).format(unit=r.label, n=r.tally.escalated)
                         for r in rows)
        out.append(Block("para", label("bulletin.escalated", lang).format(times=cat.thresholds.escalate_after,
                                                                          units=units)))
    return out


def _red_table(cat: Catalog, pairs: list[PairState], lang: Lang,
               keep: tuple[int, ...] = (0, 1, 2, 4, 5, 7)) -> Table:
    full = status_table(cat, pairs, lang)
    return Table([full.headers[i] for i in keep], [[r[i] for i in keep] for r in full.rows], full.records,
                 full.styles, [full.kind(i) for i in keep])


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


def reminded_items(report: Report, unit: str | None = None) -> dict[str, list[str]]:
    """What each reminder issued as of the report's date lists (its attachment's items, in its order): what
    ``tracker remind --record`` keeps in the reminder register."""
    out: dict[str, list[str]] = {}
    for u, pairs in lagging(report).items():
        if unit is None or u == unit:
            parts = _sections(pairs)
            out[u] = [p.item for p in parts["overdue"] + parts["behind"] + parts["silent"]]
    return {u: items for u, items in out.items() if items}


def all_notices(cat: Catalog, report: Report, lang: Lang, unit: str | None = None,
                number: str = "", scores: list[Any] | None = None) -> list[Notice]:
    """A reminder per lagging unit (or just ``unit``), then the bulletin; ``number`` is the 文号 of each."""
    late = lagging(report)
    chosen = [u for u in cat.units if u in late and (unit is None or u == unit)]
    return [reminder(cat, report, u, late[u], lang, number) for u in chosen] + \
        [bulletin(cat, report, lang, number, scores)]
