"""What the report's formats share: the options of the report drawn at a terminal, its text with heading and
summary, the assessment's table with its heading, and the date a document is stamped with."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

from tracker.core.dates import date_text
from tracker.core.formats import Fmt
from tracker.core.formats import Options as Layout
from tracker.core.i18n import Lang, label
from tracker.render.text import render_report_text

if TYPE_CHECKING:  # the report's parts are imported where a report is rendered, not with every format
    from tracker.compute.report import Report
    from tracker.views.documents import Published, Scored
    from tracker.views.tables import Table


class Options(NamedTuple):
    """The report at a terminal (``render.terminal.print_report``): its view, language, width and colour."""

    by: str
    lang: Lang
    width: int | None = None
    color: bool = False


def stamp(report: Report) -> dt.datetime:
    """A document's date and time: midnight of the day reported on, so the same report gives the same bytes."""
    return dt.datetime.combine(report.as_of, dt.time(0, 0))


def report_text(doc: Published, o: Layout, fmt: Fmt) -> str:
    """The report's chosen view with its heading and summary line, as a text table or Markdown."""
    from tracker.views.report import summary, title, view

    lang = o.lang
    return render_report_text(title(doc.report, lang), summary(doc.report, lang), view(doc.report, doc.by, lang),
                              fmt, o.width, o.color)


def scores_parts(doc: Scored, lang: Lang) -> tuple[Table, str, str]:
    """The assessment's table, its heading and its summary line."""
    from tracker.views.report import errors_note
    from tracker.views.tables import score_table

    table = score_table(doc.scores, lang, errors=doc.report.errors)
    heading = label("score.title", lang).format(title=doc.report.title)
    rule = doc.cat.scoring
    line = label("score.summary", lang).format(date=date_text(doc.report.as_of, lang is Lang.ZH), base=f"{rule.base:g}",
                                               n=len(doc.scores))
    note = errors_note(doc.report, lang)
    return table, heading, (note + "\n" + line) if note else line


def scores_text(doc: Scored, o: Layout, fmt: Fmt) -> str:
    """The assessment as a text table or Markdown, never coloured: its rows carry no warning levels."""
    table, heading, line = scores_parts(doc, o.lang)
    return render_report_text(heading, line, table, fmt, o.width, False)


def rule_json(doc: Scored) -> dict[str, Any]:
    rule = doc.cat.scoring
    return {**{k: v for k, v in rule._asdict().items() if k != "action_weights"},
            "action_weights": {str(a): w for a, w in rule.action_weights}}
