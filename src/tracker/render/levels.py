"""Report with its lower levels -> the bytes of one format, and the upward return (上报) as a document.

The folder's own report is rendered as ``publish`` renders it; the levels add their tables after it (text,
Markdown, HTML, workbook), take the place of the chosen view (CSV: one table per file) or add a ``levels``
member (JSON). The renderers are the report's own, unchanged.
"""

from __future__ import annotations

import datetime as dt

from tracker.compute.report import Report
from tracker.compute.rollup import Rollup
from tracker.core.formats import Fmt, ReportFmt
from tracker.core.i18n import Lang, label
from tracker.core.model import Catalog
from tracker.render.publish import Options, produce
from tracker.render.text import render_table, to_json
from tracker.views.levels import level_actions_view, level_tasks_view, levels_view, return_view, rollup_summary
from tracker.views.notices import Block, Notice
from tracker.views.report import all_views, report_json, summary, title
from tracker.views.tables import Table


def level_tables(cat: Catalog, rollup: Rollup, by: str, lang: Lang) -> list[Table]:
    """The levels' own rows, then (by task) each task's figures per level."""
    tables = [levels_view(rollup, lang)]
    if by == "task":
        tables.append(level_tasks_view(cat, rollup, lang))
    elif by == "goal":
        tables.append(level_tasks_view(cat, rollup, lang, goals=True))
    elif by == "action":
        tables.append(level_actions_view(cat, rollup, lang))
    return tables


def produce_levels(cat: Catalog, report: Report, rollup: Rollup, fmt: ReportFmt, o: Options) -> bytes:
    lang = o.lang
    if fmt is ReportFmt.CSV:
        tables = level_tables(cat, rollup, o.by, lang)
        return render_table(tables[-1], Fmt.CSV).encode("utf-8")
    if fmt is ReportFmt.JSON:
        data = report_json(report)
        data["levels"] = {"overall": rollup.overall.as_dict(),
                          "levels": levels_view(rollup, lang).records[:-1],
                          "by_task": level_tasks_view(cat, rollup, lang).records,
                          "by_action": level_actions_view(cat, rollup, lang).records,
                          "by_goal": level_tasks_view(cat, rollup, lang, goals=True).records,
                          "unmapped": [p.as_dict(lang) for p in rollup.unmapped]}
        return to_json(data).encode("utf-8")
    if fmt is ReportFmt.XLSX:
        from tracker.render.workbook import workbook

        head = [(label("view.summary", lang), label("view.summary", lang)),
                (label("report.as_of", lang).format(date=""), report.as_of.isoformat()),
                (label("view.summary", lang), summary(report, lang)),
                (label("level.view", lang), rollup_summary(rollup, lang))]
        tables = all_views(cat, report, lang) + [levels_view(rollup, lang), level_actions_view(cat, rollup, lang),
                                                 level_tasks_view(cat, rollup, lang)]
        return workbook(head, tables, dt.datetime.combine(report.as_of, dt.time(0, 0)))
    if fmt is ReportFmt.HTML:
        from tracker.render.page import bar_chart, legend_html, page, table_html
        from tracker.views.levels import level_name
        from tracker.views.palette import LEVEL_STYLE, legend

        as_of = label("report.as_of", lang).format(date=report.as_of.isoformat())
        chart = bar_chart(label("level.view", lang), [(level_name(r.path, lang), r.tally.rate, LEVEL_STYLE[r.level])
                                                      for r in rollup.levels if r.state in ("ok", "errors")])
        tables = [levels_view(rollup, lang), level_actions_view(cat, rollup, lang),
                  level_tasks_view(cat, rollup, lang)] + all_views(cat, report, lang)
        key = legend_html(legend(cat.thresholds, lang), label("legend.title", lang))
        return page(title(report, lang), as_of, summary(report, lang) + "\n" + rollup_summary(rollup, lang), [chart],
                    [table_html(t, key) for t in tables]).encode("utf-8")
    own = produce(cat, report, fmt, o).decode("utf-8")
    text_fmt = Fmt.MD if fmt is ReportFmt.MD else Fmt.TABLE
    parts = [own, rollup_summary(rollup, lang) + "\n"]
    for table in level_tables(cat, rollup, o.by, lang):
        parts.append(f"## {table.title}\n\n" + render_table(table, Fmt.MD) if text_fmt is Fmt.MD
                     else render_table(table, Fmt.TABLE, o.width, o.color))
    return "\n".join(parts).encode("utf-8")


def return_notice(cat: Catalog, report: Report, rollup: Rollup, lang: Lang) -> Notice:
    """The upward return: what the office sends the level above, from the same figures as the report."""
    date = report.as_of.isoformat()
    office = cat.units[cat.plan.office].name if cat.plan.office in cat.units else cat.plan.office
    levels = levels_view(rollup, lang)
    blocks = (
        Block("para", label("return.opening", lang).format(plan=cat.plan.title, date=date)),
        Block("heading", label("return.head.levels", lang)),
        Block("para", rollup_summary(rollup, lang)),
        Block("table", table=Table(levels.headers[:6] + levels.headers[9:10], [r[:6] + r[9:10] for r in levels.rows],
                                   levels.records, levels.styles, (levels.kinds or [])[:6] + (levels.kinds or [])[9:10],
                                   levels.title)),
        Block("heading", label("return.head.tasks", lang)),
        Block("table", table=return_view(cat, rollup, lang)),
        Block("sign", f"{office}\n{date}"),
    )
    return Notice(label("return.stem", lang), label("return.title", lang).format(plan=cat.plan.title), blocks)
