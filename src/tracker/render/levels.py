"""The report with its lower levels, and the upward return (上报) as a document.

The folder's own report is rendered as the report's formats render it; the levels add their tables after it
(text, Markdown, HTML, workbook), take the place of the chosen view (CSV: one table per file) or add a
``levels`` member (JSON). The format modules (``render.formats``) use what is here.
"""

from __future__ import annotations

from tracker.compute.report import Report
from tracker.compute.rollup import Rollup
from tracker.core.dates import date_text
from tracker.core.formats import Fmt
from tracker.core.formats import Options as Layout
from tracker.core.i18n import Lang, label
from tracker.core.model import Catalog
from tracker.render.publish import report_text
from tracker.render.text import render_table
from tracker.views.documents import Published
from tracker.views.levels import level_actions_view, level_tasks_view, levels_view, return_view, rollup_summary
from tracker.views.notices import Block, Notice
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


def rolled(doc: Published) -> Rollup:
    assert doc.rollup is not None, "a report with its levels"
    return doc.rollup


def levels_text(doc: Published, o: Layout, fmt: Fmt) -> str:
    """The report as text or Markdown, then the levels' summary and their tables."""
    lang, rollup = o.lang, rolled(doc)
    parts = [report_text(doc, o, fmt), rollup_summary(rollup, lang) + "\n"]
    for table in level_tables(doc.cat, rollup, doc.by, lang):
        parts.append(f"## {table.title}\n\n" + render_table(table, Fmt.MD) if fmt is Fmt.MD
                     else render_table(table, Fmt.TABLE, o.width, o.color))
    return "\n".join(parts)


def return_notice(cat: Catalog, report: Report, rollup: Rollup, lang: Lang) -> Notice:
    """The upward return: what the office sends the level above, from the same figures as the report."""
    date = date_text(report.as_of, lang is Lang.ZH)  # in running text and the 成文日期: 2025年10月15日
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
