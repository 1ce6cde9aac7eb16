"""The vocabulary in words and tables: each kind of finding and each warning level as an official reads it,
its count (task items and goal items apart) and the rows it counts. Every headline, section, sheet and
notice takes its words and numbers from here, so a title's count is the number of rows under it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tracker.compute import kinds
from tracker.compute.kinds import Finding
from tracker.compute.report import Report, Tally
from tracker.compute.state import PairState
from tracker.core.i18n import Lang, label
from tracker.core.model import Catalog
from tracker.views.tables import Cell, Table, status_table, unit_label


def term(name: str, lang: Lang) -> str:
    """The word of a kind (``overdue`` …) or a warning level (``red`` …): 逾期未完成, 红色预警."""
    return label(f"term.{name}", lang)


def counted(name: str, n: int, lang: Lang) -> str:
    """A count in its words: 逾期未完成3项, 漏报2期, 节点滞后1个, 红色预警4项."""
    return label(f"term.{name}.n", lang).format(n=n)


def title(name: str, counts: dict[str, int], lang: Lang, carried: bool = False) -> str:
    """A section's title with its counts, task items and goal items apart (and, with ``carried``, the items carried
    over from last year): 漏报（任务89期，目标0期）."""
    key = "term.title.carried" if carried else "term.title"
    return label(key, lang).format(term=term(name, lang), tasks=counts.get("task", 0), goals=counts.get("goal", 0),
                                   carried=counts.get("carried", 0), unit=label(f"term.{name}.unit", lang))


def _by_group(groups: Sequence[str]) -> dict[str, int]:
    return {g: sum(1 for x in groups if x == g) for g in kinds.GROUPS}


def kinds_text(t: Tally, lang: Lang) -> str:
    """The kinds of a tally in words, in the vocabulary's order: 逾期未完成0项，漏报89期，节点滞后74个，逾期完成0项."""
    sep = label("term.sep", lang)
    return sep.join(counted(k, t.kind(k), lang) for k in kinds.KINDS)


def levels_text(t: Tally, lang: Lang) -> str:
    """The warnings of a tally in words: 红色预警89项、黄色预警463项、蓝色预警0项."""
    sep = label("term.levels.sep", lang)
    return sep.join(counted(k, t.kind(k), lang) for k in kinds.LEVELS)


def _situation(f: Finding, lang: Lang) -> str:
    if f.kind == kinds.DUE_SOON:
        return label("due.today", lang) if f.days == 0 else label("due.soon", lang).format(n=-f.days)
    return label(f"situation.{f.kind}", lang).format(n=f.days)


def _what(f: Finding, lang: Lang) -> str:
    """What the row is about: the deadline (with the original one when an extension moved it), the period or the
    milestone."""
    colon = "：" if lang is Lang.ZH else ": "
    if f.kind == "missed_periods":
        return label("due.period", lang) + colon + f.what
    if f.what:
        return label("due.milestone", lang) + colon + f.what
    word = label("due.deadline", lang)
    original = f.pair.original_deadline
    return word + (label("due.extended", lang).format(original=original.isoformat()) if original else "")


def findings_table(cat: Catalog, found: Sequence[Finding], lang: Lang, name: str = "",
                   errors: dict[str, int] | None = None) -> Table:
    """The findings, one a row, each with its kind (the word; ``kind`` in JSON), whether it is a task's or a goal's,
    and what it is about; a done item (逾期完成) shows that it is done."""
    headers = [label(k, lang) for k in ("kind", "unit", "id", "text", "due.what", "due_date", "situation", "status",
                                        "percent")]
    rows: list[list[Cell]] = []
    records: list[dict[str, Any]] = []
    for f in found:
        p = f.pair
        rows.append([term(f.kind, lang), unit_label(cat, p.unit, lang, errors), p.item, cat.items[p.item].text,
                     _what(f, lang), f.date.isoformat(), _situation(f, lang), label(f"status.{p.status.value}", lang),
                     p.percent])
        records.append({"kind": f.kind, "item_kind": f.group, "unit": p.unit, "item": p.item,
                        "date": f.date.isoformat(), "days": f.days, "what": f.what, "status": p.status.value,
                        "percent": p.percent})
    styles = ["" if f.kind == "done_late" else "blue" if f.kind == kinds.DUE_SOON else "red" for f in found]
    kinds_ = ["text", "text", "text", "long", "long", "text", "text", "text", "pct"]
    return Table(headers, rows, records, styles, kinds_, name, drop=(8,))


def _ordered(cat: Catalog, found: Sequence[Finding]) -> list[Finding]:
    """Task items first, then goal items, then the carried ones; within each, by unit as units.yaml lists them,
    then by date."""
    units = {u: n for n, u in enumerate(cat.units)}
    items = {i: n for n, i in enumerate(cat.items)}
    return sorted(found, key=lambda f: (kinds.GROUPS.index(f.group), units.get(f.pair.unit, 0), f.date,
                                        items.get(f.pair.item, 0)))


def has_carried(cat: Catalog) -> bool:
    return any(i.kind == "carried" for i in cat.items.values())


def kind_tables(cat: Catalog, found: Sequence[Finding], lang: Lang, names: Sequence[str] = kinds.KINDS,
                errors: dict[str, int] | None = None) -> list[Table]:
    """One table per kind, titled with its counts (tasks, goals and carried items apart), the kind's column left
    out (the title says it): the report's sections and ``tracker overdue``'s parts."""
    out = []
    for name in names:
        rows = _ordered(cat, [f for f in found if f.kind == name])
        head = title(name, _by_group([f.group for f in rows]), lang, has_carried(cat))
        out.append(_without_first(findings_table(cat, rows, lang, head, errors)))
    return out


def _without_first(t: Table) -> Table:
    return Table(t.headers[1:], [r[1:] for r in t.rows], t.records, t.styles, (t.kinds or [])[1:], t.title,
                 tuple(i - 1 for i in t.drop if i > 0))


def level_tables(cat: Catalog, report: Report, lang: Lang) -> list[Table]:
    """One table per warning level, titled with its counts (tasks, goals and carried items apart): the pairs at that
    level, task items first, each with its reasons."""
    units = {u: n for n, u in enumerate(cat.units)}
    items = {i: n for n, i in enumerate(cat.items)}

    def key(p: PairState) -> tuple[int, int, int]:
        return kinds.GROUPS.index(report.group(p)), units.get(p.unit, 0), items.get(p.item, 0)

    out = []
    for level in kinds.LEVELS:
        pairs = sorted(report.warned(level), key=key)
        base = status_table(cat, pairs, lang, report.errors)
        head = title(level, _by_group([report.group(p) for p in pairs]), lang, has_carried(cat))
        out.append(Table(base.headers, base.rows, base.records, base.styles, base.kinds, head, base.drop))
    return out


def sections(cat: Catalog, report: Report, lang: Lang) -> list[Table]:
    """The report's lists: each kind's findings, then each warning level's pairs."""
    return kind_tables(cat, report.findings, lang, errors=report.errors) + level_tables(cat, report, lang)


def _counts_text(found: Sequence[Finding], group: str, lang: Lang) -> str:
    sep = label("term.sep", lang)
    return sep.join(counted(k, sum(f.kind == k and f.group == group for f in found), lang) for k in kinds.KINDS)


def overdue_parts(cat: Catalog, pairs: Sequence[PairState], as_of: Any, within: int, lang: Lang,
                  errors: dict[str, int] | None = None) -> tuple[Table, str, tuple[str, ...], tuple[Table, ...]]:
    """``tracker overdue``: every finding as of ``as_of``, a section per kind (its title counting its rows, task
    items and goal items apart), then what falls due within ``within`` days; and all of them as one table with a
    kind column, for csv and json. Returns (the table, the heading, the lines under it, the sections)."""
    from tracker.core.dates import date_text

    groups = {i.id: kinds.group(i) for i in cat.items.values()}
    found = kinds.all_findings(pairs, as_of, groups)
    soon = [f for p in pairs for f in kinds.due_soon(p, as_of, within, groups[p.item])]
    names = (*kinds.KINDS, kinds.DUE_SOON)
    everything = found + soon
    carried = label("overdue.summary.carried", lang).format(carried=_counts_text(found, "carried", lang)) \
        if has_carried(cat) else ""
    summary = label("overdue.summary", lang).format(
        tasks=_counts_text(found, "task", lang), goals=_counts_text(found, "goal", lang), carried=carried,
        soon=label("overdue.soon", lang).format(days=within, n=len(soon)))
    lines = (label("report.as_of", lang).format(date=date_text(as_of, lang is Lang.ZH)), summary)
    ordered = [f for name in names for f in _ordered(cat, [g for g in everything if g.kind == name])]
    return (findings_table(cat, ordered, lang, errors=errors), label("overdue.title", lang), lines,
            tuple(kind_tables(cat, everything, lang, names, errors)))
