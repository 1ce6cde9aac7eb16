"""Report -> tables for every output format. Wording comes from i18n; numbers stay numbers."""

from __future__ import annotations

from typing import Any

from tracker.compute import kinds
from tracker.compute.report import Report, Row, Tally, TargetFigure
from tracker.compute.state import PairState
from tracker.core.dates import date_text
from tracker.core.i18n import Lang, label
from tracker.core.model import Catalog, LadderStep
from tracker.views import findings
from tracker.views.palette import LEVEL_NAME, LEVEL_STYLE
from tracker.views.tables import Table, pair_json, status_table

VIEWS = ("unit", "task", "action", "goal")
_TALLY_KEYS = ("expected", "done", "rate", "verified_count", "verified_rate", "average", *kinds.KINDS, *kinds.LEVELS)
_TALLY_KINDS = ["int", "int", "bar", "int", "pct", "pct", *["int"] * (len(kinds.KINDS) + len(kinds.LEVELS))]
# what a narrow terminal leaves out first, by position among the tally's columns: the verified count and rate,
# the blue and yellow counts, done late, late milestones, missed periods, the average, overdue (where --since
# adds its columns); the rank, the name, the expected and done counts, the rate and the red count stay
_TALLY_DROP = (3, 4, 12, 11, 9, 8, 7, 5, 6)


def _tally_cells(t: Tally) -> list[Any]:
    return [t.expected, t.done, t.rate, t.verified, t.verified_rate, t.average,
            *(t.kind(k) for k in kinds.KINDS), *(t.kind(k) for k in kinds.LEVELS)]


def _drop(before: int, *more: int) -> tuple[int, ...]:
    """The tally's optional columns in a table where ``before`` columns precede them, then ``more``."""
    return tuple(before + i for i in _TALLY_DROP) + more


_FOLLOW_KEYS = ("extended", "late_requests", "reminders", "escalated", "unanswered")


def _follow_headers(report: Report, lang: Lang) -> tuple[list[str], list[str]]:
    """Extension and reminder columns, shown once any extension or reminder counts in the report."""
    if not (report.overall.follow_up or report.goals_overall.follow_up):
        return [], []
    return [label(k, lang) for k in _FOLLOW_KEYS], ["int"] * len(_FOLLOW_KEYS)


def _follow_drop(report: Report, before: int) -> tuple[int, ...]:
    """What a narrow terminal leaves out first in a by-unit table, the follow-up columns (at ``before``) among the
    tally's: the extensions before the blue count, the reminders before the yellow, escalated and unanswered
    reminders before the missed periods, so the red reasons a reminder names stay longest."""
    tally = _drop(2)
    if not (report.overall.follow_up or report.goals_overall.follow_up):
        return tally
    extended, late, reminders, escalated, unanswered = (before + i for i in range(len(_FOLLOW_KEYS)))
    verified, rate, blue, yellow, done_late, late_milestones, missed, average, overdue = tally
    return (verified, rate, extended, late, blue, reminders, yellow, done_late, escalated, late_milestones,
            unanswered, missed, average, overdue)


def _follow_cells(report: Report, t: Tally) -> list[Any]:
    if not (report.overall.follow_up or report.goals_overall.follow_up):
        return []
    return [t.extended, t.late_requests, t.reminders, t.escalated, t.unanswered]


def step_name(ladder: tuple[LadderStep, ...], step: int, lang: Lang) -> str:
    """A step of the chasing ladder by its name: the office's (tasks.yaml ``ladder:``), else the tool's four
    (提醒, 督办, 专函督办, 约谈); "" for step 0 (never reminded)."""
    if step <= 0:
        return ""
    if ladder:
        return ladder[min(step, len(ladder)) - 1].name
    return label(f"ladder.{min(step, 4)}", lang)


def _chase_cells(report: Report, unit: str, lang: Lang) -> list[Any]:
    """The unit's step on the chasing ladder, in the by-unit view once reminders count."""
    if not (report.overall.follow_up or report.goals_overall.follow_up):
        return []
    found = report.chases.get(unit)
    return [step_name(report.ladder, found.step, lang) if found is not None else ""]


def _styles(rows: list[Row]) -> list[str]:
    return [LEVEL_STYLE[r.level] for r in rows]


def errors_note(report: Report, lang: Lang) -> str:
    """Said first wherever figures are shown while progress files have errors (``--allow-errors``)."""
    if not report.errors:
        return ""
    names = "、".join(report.error_names.values())
    return label("report.errors", lang).format(units=names, n=report.error_count)


def tally_sentence(what: str, t: Tally, lang: Lang) -> str:
    """One sentence of the headline: a tally's rates, then its kinds and warnings in the vocabulary's words."""
    return label("report.summary.part", lang).format(
        what=label(f"report.summary.{what}", lang), expected=t.expected, done=t.done, rate=f"{t.rate:.1f}",
        verified=t.verified, verified_rate=f"{t.verified_rate:.1f}", average=f"{t.average:.1f}",
        kinds=findings.kinds_text(t, lang), levels=findings.levels_text(t, lang))


def summary(report: Report, lang: Lang) -> str:
    """The headline: the date, the tasks' figures, then the goals' apart, then the items carried over from last
    year apart; with --since, what changed since then follows it."""
    note = errors_note(report, lang)
    parts = [tally_sentence("tasks", report.overall, lang)]
    if report.goals_overall.expected:
        parts.append(tally_sentence("goals", report.goals_overall, lang))
    text = (note + "\n" if note else "") + label("report.summary.date", lang).format(
        date=date_text(report.as_of, lang is Lang.ZH)) + label("report.summary.sep", lang).join(parts)
    if report.by_carried:  # last year's items, in their own sentence, not in this year's rates
        text += label("report.summary.sep", lang) + tally_sentence("carried", report.carried_overall, lang) + \
            label("report.carried", lang).format(items=len(report.by_carried))
    if report.changes is not None:
        c = report.changes.overall
        text += label("since.summary", lang).format(date=date_text(report.changes.since, lang is Lang.ZH),
                                                    done=c.newly_done,
                                                    rate=f"{c.rate:+.1f}", overdue=c.newly_overdue, red=c.newly_red)
    return text


def title(report: Report, lang: Lang) -> str:
    return label("report.title", lang).format(title=report.title)


def _row_record(row: Row) -> dict[str, Any]:
    rec: dict[str, Any] = {"id": row.key, "label": row.label, "level": LEVEL_NAME[row.level]}
    if row.rank:
        rec = {"rank": row.rank, **rec}
    rec.update(row.tally.as_dict())
    if row.target is not None:
        rec["target"] = target_record(row.target)
    return rec


def target_record(t: TargetFigure) -> dict[str, Any]:
    """A target's figures, with the exact sum of the values beside their mean (mean = sum / reported)."""
    return {"metric": t.metric, "target": t.target, "unit": t.unit, "reported": t.reported,
            "expected": t.expected, "sum": float(t.total) if t.total != int(t.total) else int(t.total),
            "mean": t.mean, "lowest": t.lowest}


def actual_text(t: TargetFigure | None, lang: Lang) -> str:
    """Actual against target, the actual with one decimal as every figure (95.0% / 100%)."""
    if t is None:
        return ""
    actual = "—" if t.mean is None else f"{t.mean:.1f}{t.unit}"
    return f"{actual} / {t.target:g}{t.unit}"


def _change_headers(report: Report, lang: Lang) -> tuple[list[str], list[str]]:
    """The --since columns: rate change in points, then pairs newly done, overdue and red."""
    if report.changes is None:
        return [], []
    since = report.changes.since.isoformat()  # a column header: ISO, as the table's dates are
    return ([label(f"since.{k}", lang).format(date=since) for k in ("rate", "done", "overdue", "red")],
            ["delta", "int", "int", "int"])


def _change_cells(report: Report, view: str, key: str) -> list[Any]:
    if report.changes is None:
        return []
    c = report.changes.by[view].get(key)
    return [] if c is None else [c.rate, c.newly_done, c.newly_overdue, c.newly_red]


def _with_change(report: Report, view: str, row: Row, rec: dict[str, Any]) -> dict[str, Any]:
    if report.changes is not None and row.key in report.changes.by[view]:
        rec["change"] = report.changes.by[view][row.key].as_dict()
    return rec


def unit_view(report: Report, lang: Lang) -> Table:
    extra, extra_kinds = _change_headers(report, lang)
    follow, follow_kinds = _follow_headers(report, lang)
    chase = [label("ladder.step", lang)] if follow else []
    headers = [label("rank", lang), label("unit", lang)] + [label(k, lang) for k in _TALLY_KEYS] + extra + follow + \
        chase
    mark = label("data_errors", lang)
    rows = [[r.rank, r.label + (mark if report.errors.get(r.key) else ""), *_tally_cells(r.tally),
             *_change_cells(report, "unit", r.key), *_follow_cells(report, r.tally),
             *_chase_cells(report, r.key, lang)] for r in report.by_unit]
    records = [_with_change(report, "unit", r, _unit_record(report, r)) for r in report.by_unit]
    return Table(headers, rows, records, _styles(report.by_unit),
                 ["int", "text", *_TALLY_KINDS, *extra_kinds, *follow_kinds, *["text"] * len(chase)],
                 label("view.unit", lang), drop=_follow_drop(report, 2 + len(_TALLY_KEYS) + len(extra)))


def goals_by_unit_view(report: Report, lang: Lang) -> Table:
    """Each unit's goal items, ranked apart from the tasks (the districts report only on goals), with the
    unit's step on the chasing ladder as the by-unit view has it."""
    follow, follow_kinds = _follow_headers(report, lang)
    chase = [label("ladder.step", lang)] if follow else []
    headers = [label("rank", lang), label("unit", lang)] + [label(k, lang) for k in _TALLY_KEYS] + follow + chase
    mark = label("data_errors", lang)
    rows = [[r.rank, r.label + (mark if report.errors.get(r.key) else ""), *_tally_cells(r.tally),
             *_follow_cells(report, r.tally), *_chase_cells(report, r.key, lang)] for r in report.goals_by_unit]
    return Table(headers, rows, [_unit_record(report, r) for r in report.goals_by_unit],
                 _styles(list(report.goals_by_unit)),
                 ["int", "text", *_TALLY_KINDS, *follow_kinds, *["text"] * len(chase)],
                 label("view.goals_by_unit", lang), drop=_follow_drop(report, 2 + len(_TALLY_KEYS)))


def _unit_record(report: Report, r: Row) -> dict[str, Any]:
    found = report.chases.get(r.key)
    return {**_row_record(r), "errors": report.errors.get(r.key, 0),
            "ladder_step": found.step if found is not None else 0}


def _task_record(r: Row) -> dict[str, Any]:
    lead = r.lead
    return {**_row_record(r), "lead": None if lead is None else lead.unit,
            "lead_status": None if lead is None else lead.status.value}


def _lead_cells(report: Report, r: Row, lang: Lang) -> list[Any]:
    """The lead unit and its status, in tables where some task names a lead (none in the published list)."""
    if not any(row.lead is not None for row in report.by_task):
        return []
    if r.lead is None:
        return ["", ""]
    return [report.unit_names.get(r.lead.unit, r.lead.unit), label(f"status.{r.lead.status.value}", lang)]


def task_view(report: Report, lang: Lang) -> Table:
    extra, extra_kinds = _change_headers(report, lang)
    follow, follow_kinds = _follow_headers(report, lang)
    lead = [label("lead", lang), label("lead_status", lang)] if any(r.lead for r in report.by_task) else []
    headers = [label("id", lang), label("text", lang)] + [label(k, lang) for k in _TALLY_KEYS] + \
        [label("actual_vs_target", lang)] + extra + follow + lead
    rows = [[r.key, r.label, *_tally_cells(r.tally), actual_text(r.target, lang), *_change_cells(report, "task", r.key),
             *_follow_cells(report, r.tally), *_lead_cells(report, r, lang)] for r in report.by_task]
    return Table(headers, rows, [_with_change(report, "task", r, _task_record(r)) for r in report.by_task],
                 _styles(report.by_task), ["text", "long", *_TALLY_KINDS, "figure", *extra_kinds, *follow_kinds,
                                           *["text"] * len(lead)],
                 label("view.task", lang), drop=_drop(2, 2 + len(_TALLY_KEYS)))


def carried_view(report: Report, lang: Lang) -> Table:
    """The items carried over from last year (上年结转), apart from this year's list, each by its id there (2025#15);
    a narrow terminal leaves out what the by-task view leaves out, in the same order."""
    headers = [label("id", lang), label("text", lang)] + [label(k, lang) for k in _TALLY_KEYS]
    rows = [[r.key, r.label, *_tally_cells(r.tally)] for r in report.by_carried]
    return Table(headers, rows, [_task_record(r) for r in report.by_carried], _styles(report.by_carried),
                 ["text", "long", *_TALLY_KINDS], label("view.carried", lang), drop=_drop(2, 2))


def action_view(report: Report, lang: Lang) -> Table:
    extra, extra_kinds = _change_headers(report, lang)
    headers = [label("action", lang)] + [label(k, lang) for k in _TALLY_KEYS] + extra
    rows = [[r.label, *_tally_cells(r.tally), *_change_cells(report, "action", r.key)] for r in report.by_action]
    return Table(headers, rows, [_with_change(report, "action", r, _row_record(r)) for r in report.by_action],
                 _styles(report.by_action), ["text", *_TALLY_KINDS, *extra_kinds], label("view.action", lang),
                 drop=_drop(1))


def goal_view(report: Report, lang: Lang) -> Table:
    headers = [label(k, lang) for k in ("id", "goal", "metric", "actual_vs_target", "reported", "lowest",
                                        "expected", "done", "rate")]
    rows: list[list[Any]] = []
    for r in report.by_goal:
        t = r.target
        rows.append([r.key, r.label, t.metric if t else "", actual_text(t, lang),
                     f"{t.reported}/{t.expected}" if t else "", t.lowest if t else None,
                     r.tally.expected, r.tally.done, r.tally.rate])
    return Table(headers, rows, [_row_record(r) for r in report.by_goal], _styles(report.by_goal),
                 ["text", "long", "text", "figure", "figure", "pct", "int", "int", "bar"], label("view.goal", lang),
                 drop=(5, 4, 6))


def _pairs_view(cat: Catalog, pairs: list[PairState], lang: Lang, name: str) -> Table:
    order = {u: i for i, u in enumerate(cat.units)}
    ordered = sorted(pairs, key=lambda p: (order.get(p.unit, 0), _item_order(cat, p.item)))
    base = status_table(cat, ordered, lang)
    return Table(base.headers, base.rows, base.records, base.styles, base.kinds, name)


def _item_order(cat: Catalog, item_id: str) -> int:
    return list(cat.items).index(item_id)


def view(report: Report, by: str, lang: Lang) -> Table:
    return {"unit": unit_view, "task": task_view, "action": action_view, "goal": goal_view,
            "carried": carried_view}[by](report, lang)


def all_views(cat: Catalog, report: Report, lang: Lang, first: str = "unit") -> list[Table]:
    """The views a workbook or an HTML page shows, in reading order; ``first`` (``--by``) leads. The goals'
    ranking by unit follows the tasks' views when any unit reports on goals."""
    chosen = view(report, first, lang)
    rest = [unit_view(report, lang), action_view(report, lang), task_view(report, lang), goal_view(report, lang)]
    if report.goals_by_unit:
        rest.append(goals_by_unit_view(report, lang))
    if report.by_carried:  # last year's items carried over, apart from this year's list
        rest.append(carried_view(report, lang))
    extended = [p for p in report.pairs if p.extensions]  # listed only where some unit asked for more time
    more = [_pairs_view(cat, extended, lang, label("view.extended", lang))] if extended else []
    return [chosen, *(t for t in rest if t.title != chosen.title), *more]


def lists(cat: Catalog, report: Report, lang: Lang) -> list[Table]:
    """The lists a workbook or an HTML page shows after the views: each kind's findings, each warning level's
    pairs, every title counting its rows (``views.findings``)."""
    return findings.sections(cat, report, lang)


def report_json(cat: Catalog, report: Report) -> dict[str, Any]:
    """The documented, stable JSON schema of a report (docs/report.md)."""
    return {
        "schema": "tracker-report/1",
        "as_of": report.as_of.isoformat(),
        "title": report.title,
        "overall": {**report.overall.as_dict(), "errors": report.error_count},
        "goals_overall": report.goals_overall.as_dict(),
        "by_unit": [_with_change(report, "unit", r, _unit_record(report, r)) for r in report.by_unit],
        "by_action": [_with_change(report, "action", r, _row_record(r)) for r in report.by_action],
        "by_task": [_with_change(report, "task", r, _task_record(r)) for r in report.by_task],
        "by_goal": [_row_record(r) for r in report.by_goal],
        "goals_by_unit": [_unit_record(report, r) for r in report.goals_by_unit],
        "findings": findings.findings_table(cat, report.findings, Lang.ZH).records,
        "pairs": [pair_json(p) for p in report.pairs],  # each pair_record(p), already encoded
    } | ({} if not report.by_carried else {
        "carried_overall": report.carried_overall.as_dict(),
        "by_carried": [_task_record(r) for r in report.by_carried]}) | ({} if report.changes is None else {
        "changes": {"since": report.changes.since.isoformat(), "overall": report.changes.overall.as_dict()}})



def status_parts(cat: Catalog, pairs: list[PairState], as_of: Any, lang: Lang, unit: str | None = None,
                 errors: dict[str, int] | None = None) -> tuple[Table, str, tuple[str, ...], tuple[Table, ...]]:
    """``tracker status``: every pair's state as one table (for csv and json), and for the text formats a heading
    naming the unit (or all units), the date and the unit's figures as the report counts them (tasks, then goals
    apart), then one part per unit, its name the part's title rather than a column repeated on every row."""
    from tracker.compute.report import tally

    group = {i.id: kinds.group(i) for i in cat.items.values()}
    full = status_table(cat, pairs, lang, errors)
    name = cat.units[unit].short if unit is not None and unit in cat.units else ""
    heading = label("status.title", lang).format(unit=name) if name else label("status.title.all", lang)
    lines = [label("report.as_of", lang).format(date=date_text(as_of, lang is Lang.ZH))]
    if unit is not None:
        for what, of in (("tasks", "task"), ("goals", "goal"), ("carried", "carried")):
            own = [p for p in pairs if group[p.item] == of]
            if own:
                lines.append(tally_sentence(what, tally(own), lang))
    keep = list(range(1, len(full.headers)))
    parts = []
    for u in dict.fromkeys(p.unit for p in pairs):
        rows = [n for n, p in enumerate(pairs) if p.unit == u]
        title = "" if unit is not None else str(full.rows[rows[0]][0])
        parts.append(Table([full.headers[i] for i in keep], [[full.rows[n][i] for i in keep] for n in rows],
                           [full.records[n] for n in rows], [(full.styles or [])[n] for n in rows],
                           [full.kind(i) for i in keep], title))
    return full, heading, tuple(lines), tuple(parts)
