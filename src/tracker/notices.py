"""Reminder notices (催办提醒) for lagging units and one bulletin (通报) ranking the units, as structured
documents; render_docx and render turn the same structure into Word and Markdown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tracker.i18n import Lang, label
from tracker.model import Catalog
from tracker.report import Report
from tracker.reportviews import unit_view
from tracker.state import PairState
from tracker.views import Table, status_table

REPLY_DAYS = 7
_RED = ("overdue", "missed", "milestone-overdue")


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "para", "table", "sign"
    text: str = ""
    table: Table | None = None


@dataclass(frozen=True)
class Notice:
    stem: str  # file name without extension
    title: str
    blocks: tuple[Block, ...]


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


def _in_unit_order(cat: Catalog, units: dict[str, list[PairState]]) -> dict[str, list[PairState]]:
    return {u: units[u] for u in cat.units if u in units}


def reminder(cat: Catalog, report: Report, unit: str, pairs: list[PairState], lang: Lang) -> Notice:
    u = cat.units[unit]
    row = next((r for r in report.by_unit if r.key == unit), None)
    t = row.tally if row else None
    blocks = [Block("para", f"{u.name}：" if lang is Lang.ZH else f"To {u.name}:")]
    blocks.append(Block("para", label("notice.opening", lang).format(
        plan=cat.plan.title, date=report.as_of.isoformat(), expected=t.expected if t else 0,
        done=t.done if t else 0, rate=f"{t.rate:.1f}" if t else "0.0", average=f"{t.average:.1f}" if t else "0.0")))
    numerals = "一二三四五六"
    n = 0
    for key, chosen in _sections(pairs).items():
        if chosen:
            heading = label(f"notice.section.{key}", lang)
            blocks.append(Block("heading", f"{numerals[n]}、{heading}" if lang is Lang.ZH else heading))
            blocks.append(Block("table", table=_pair_table(cat, chosen, lang)))
            n += 1
    reply = report.as_of + dt.timedelta(days=REPLY_DAYS)
    blocks.append(Block("para", label("notice.request", lang).format(reply=_date_text(reply, lang),
                                                                       office=_office(cat))))
    blocks.append(_sign(cat, report, lang))
    return Notice(label("notice.file", lang).format(unit=f"{unit}-{u.short}" if lang is Lang.ZH else unit),
                  label("notice.title", lang), tuple(blocks))


def _pair_table(cat: Catalog, pairs: list[PairState], lang: Lang) -> Table:
    full = status_table(cat, pairs, lang)
    keep = [1, 2, 3, 4, 5, 6, 7, 8]  # everything but the unit column: the notice is addressed to it
    return Table([full.headers[i] for i in keep], [[r[i] for i in keep] for r in full.rows], full.records,
                 full.styles, [full.kind(i) for i in keep])


def bulletin(cat: Catalog, report: Report, lang: Lang) -> Notice:
    blocks = [Block("para", label("bulletin.addressee", lang)),
              Block("para", label("bulletin.opening", lang).format(plan=cat.plan.title, office=_office(cat)))]
    from tracker.reportviews import summary

    heads = [label(f"bulletin.section.{k}", lang) for k in ("overall", "ranking", "problems", "next")]
    if lang is Lang.ZH:
        heads = [f"{n}、{h}" for n, h in zip("一二三四", heads, strict=True)]
    blocks += [Block("heading", heads[0]), Block("para", summary(report, lang)),
               Block("heading", heads[1]), Block("table", table=unit_view(report, lang)),
               Block("heading", heads[2])]
    sections: dict[str, dict[str, int]] = {"overdue": {}, "behind": {}}
    for unit, pairs in _in_unit_order(cat, lagging(report)).items():
        parts = _sections(pairs)
        if parts["overdue"]:
            sections["overdue"][unit] = len(parts["overdue"])
        if parts["behind"] or parts["silent"]:
            sections["behind"][unit] = len(parts["behind"]) + len(parts["silent"])
    sep = "、" if lang is Lang.ZH else ", "
    for key, units in sections.items():
        if units:
            names = sep.join(cat.units[u].short for u in units)
            blocks.append(Block("para", label(f"bulletin.problem.{key}", lang).format(
                units=names, n=len(units), count=sum(units.values()))))
    if not any(sections.values()):
        blocks.append(Block("para", label("bulletin.problem.none", lang)))
    blocks += [Block("heading", heads[3]), Block("para", label("bulletin.next", lang).format(office=_office(cat))),
               _sign(cat, report, lang)]
    return Notice(label("bulletin.file", lang), label("bulletin.title", lang), tuple(blocks))


def _office(cat: Catalog) -> str:
    office = cat.units.get(cat.plan.office)
    return office.short if office else cat.plan.issuer


def _sign(cat: Catalog, report: Report, lang: Lang) -> Block:
    return Block("sign", f"{cat.plan.issuer}\n{_date_text(report.as_of, lang)}")


def _date_text(day: dt.date, lang: Lang) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang is Lang.ZH else day.isoformat()


def all_notices(cat: Catalog, report: Report, lang: Lang, unit: str | None = None) -> list[Notice]:
    """A reminder per lagging unit (or just ``unit``), then the bulletin."""
    late = lagging(report)
    chosen = [u for u in cat.units if u in late and (unit is None or u == unit)]
    return [reminder(cat, report, u, late[u], lang) for u in chosen] + [bulletin(cat, report, lang)]
