"""``xlsx``: a workbook for Excel and WPS, a summary sheet first, then one sheet a view; numbers stay numbers."""

from __future__ import annotations

from tracker.core.formats import Options
from tracker.core.i18n import label
from tracker.render.levels import rolled
from tracker.render.publish import scores_parts, stamp
from tracker.render.workbook import workbook
from tracker.views.documents import Noticed, Published, Scored
from tracker.views.form import Form
from tracker.views.palette import legend
from tracker.views.report import all_views, lists, summary, title


def report(doc: Published, o: Options) -> bytes:
    cat, data, lang = doc.cat, doc.report, o.lang
    head = [(label("view.summary", lang), label("view.summary", lang)),
            (label("report.as_of", lang).format(date=""), data.as_of.isoformat()),
            (label("view.summary", lang), summary(data, lang))]
    heading = f"{title(data, lang)} {label('report.as_of', lang).format(date=data.as_of.isoformat())}"
    return workbook(head, all_views(cat, data, lang, doc.by) + lists(cat, data, lang), stamp(data), heading=heading,
                    legend=legend(cat.thresholds, lang), legend_title=label("legend.title", lang))


def levels(doc: Published, o: Options) -> bytes:
    from tracker.views.levels import level_actions_view, level_tasks_view, levels_view, rollup_summary

    cat, data, rollup, lang = doc.cat, doc.report, rolled(doc), o.lang
    head = [(label("view.summary", lang), label("view.summary", lang)),
            (label("report.as_of", lang).format(date=""), data.as_of.isoformat()),
            (label("view.summary", lang), summary(data, lang)),
            (label("level.view", lang), rollup_summary(rollup, lang))]
    tables = all_views(cat, data, lang) + lists(cat, data, lang) + [
        levels_view(rollup, lang), level_actions_view(cat, rollup, lang), level_tasks_view(cat, rollup, lang)]
    return workbook(head, tables, stamp(data))


def scores(doc: Scored, o: Options) -> bytes:
    table, heading, line = scores_parts(doc, o.lang)
    name = label("view.summary", o.lang)
    head = [(name, name), (name, line)]  # the first names the sheet, the second is its row
    return workbook(head, [table], stamp(doc.report), heading=f"{heading} {doc.report.as_of.isoformat()}")


def notice(doc: Noticed, o: Options) -> bytes:
    """A notice's tables, one sheet each, under its title."""
    title_ = doc.notice.title
    tables = [b.table for b in doc.notice.blocks if b.table is not None]
    return workbook([(title_, title_)], tables, doc.stamp)


def form(doc: Form, o: Options) -> bytes:
    """A unit's return to fill in: its items, their state, and locked, validated input columns."""
    from tracker.render.form import template_workbook

    return template_workbook(doc)
