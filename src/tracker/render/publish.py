"""Report -> the bytes of one output format. Formats are a table of name -> function over one Report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.compute.report import Report
from tracker.core.formats import Fmt, ReportFmt
from tracker.core.i18n import Lang, label
from tracker.core.model import Catalog
from tracker.render.text import render_report_text, render_table, to_json
from tracker.views.palette import LEVEL_STYLE, legend
from tracker.views.report import all_views, report_json, summary, title, view

SUFFIXES = {".md": ReportFmt.MD, ".markdown": ReportFmt.MD, ".csv": ReportFmt.CSV, ".json": ReportFmt.JSON,
            ".html": ReportFmt.HTML, ".htm": ReportFmt.HTML, ".xlsx": ReportFmt.XLSX, ".txt": ReportFmt.TABLE}


def infer_format(fmt: ReportFmt | None, output: Path | None) -> ReportFmt | None:
    """The format asked for, else the one ``-o``'s extension names, else the terminal table.
    None when the extension names no format."""
    if fmt is not None:
        return fmt
    if output is None:
        return ReportFmt.TABLE
    return SUFFIXES.get(output.suffix.lower())


@dataclass(frozen=True)
class Options:
    by: str
    lang: Lang
    width: int | None = None
    color: bool = False


def _stamp(report: Report) -> dt.datetime:
    return dt.datetime.combine(report.as_of, dt.time(0, 0))


def _text(cat: Catalog, report: Report, o: Options, fmt: Fmt) -> bytes:
    table = view(report, o.by, o.lang)
    heading = title(report, o.lang)
    return render_report_text(heading, summary(report, o.lang), table, fmt, o.width, o.color).encode("utf-8")


def _html(cat: Catalog, report: Report, o: Options) -> bytes:
    from tracker.render.page import bar_chart, grouped_html, legend_html, page, stacked_chart, table_html, trend_chart

    colours = legend(cat.thresholds, o.lang)
    key = legend_html(colours, label("legend.title", o.lang))
    charts = [
        trend_chart(label("chart.trend", o.lang), [(d.isoformat()[5:], rate) for d, rate in report.trend]),
        bar_chart(label("chart.action", o.lang),
                  [(r.label, r.tally.rate, LEVEL_STYLE[r.level]) for r in report.by_action],
                  label("chart.unit.note", o.lang), key),
        bar_chart(label("chart.unit", o.lang), [(r.label, r.tally.rate, LEVEL_STYLE[r.level]) for r in report.by_unit],
                  label("chart.unit.note", o.lang), key),
        stacked_chart(label("chart.levels", o.lang),
                      [(r.label, [(r.tally.red, "red"), (r.tally.yellow, "yellow"), (r.tally.blue, "blue")])
                       for r in report.by_unit], colours),
    ]
    views = all_views(cat, report, o.lang, o.by)
    sections = [table_html(t, key) for t in views[:-2]] + [grouped_html(t, 0, key, open_up_to=5) for t in views[-2:]]
    as_of = label("report.as_of", o.lang).format(date=report.as_of.isoformat())
    return page(title(report, o.lang), as_of, summary(report, o.lang), charts, sections).encode("utf-8")


def _xlsx(cat: Catalog, report: Report, o: Options) -> bytes:
    from tracker.render.workbook import workbook

    head = [(label("view.summary", o.lang), label("view.summary", o.lang)),
            (label("report.as_of", o.lang).format(date=""), report.as_of.isoformat()),
            (label("view.summary", o.lang), summary(report, o.lang))]
    heading = f"{title(report, o.lang)} {label('report.as_of', o.lang).format(date=report.as_of.isoformat())}"
    return workbook(head, all_views(cat, report, o.lang, o.by), _stamp(report), heading=heading,
                    legend=legend(cat.thresholds, o.lang), legend_title=label("legend.title", o.lang))


PRODUCERS: dict[ReportFmt, Callable[[Catalog, Report, Options], bytes]] = {
    ReportFmt.TABLE: lambda c, r, o: _text(c, r, o, Fmt.TABLE),
    ReportFmt.MD: lambda c, r, o: _text(c, r, o, Fmt.MD),
    ReportFmt.CSV: lambda c, r, o: render_table(view(r, o.by, o.lang), Fmt.CSV).encode("utf-8"),
    ReportFmt.JSON: lambda c, r, o: to_json(report_json(r)).encode("utf-8"),
    ReportFmt.HTML: _html,
    ReportFmt.XLSX: _xlsx,
}


def produce(cat: Catalog, report: Report, fmt: ReportFmt, options: Options) -> bytes:
    return PRODUCERS[fmt](cat, report, options)


def produce_scores(cat: Catalog, report: Report, scores: list[Any], fmt: ReportFmt, o: Options) -> bytes:
    """``tracker score`` in one format: the ranked table with every point's breakdown; JSON adds the rule."""
    from tracker.views.tables import score_table

    table = score_table(scores, o.lang)
    heading = label("score.title", o.lang).format(title=report.title)
    rule = cat.scoring
    line = label("score.summary", o.lang).format(date=report.as_of.isoformat(), base=f"{rule.base:g}", n=len(scores))
    if fmt is ReportFmt.JSON:
        data = {"schema": "tracker-score/1", "as_of": report.as_of.isoformat(), "title": report.title,
                "rule": {**{k: v for k, v in rule._asdict().items() if k != "action_weights"},
                         "action_weights": {str(a): w for a, w in rule.action_weights}},
                "units": table.records}
        return to_json(data).encode("utf-8")
    if fmt is ReportFmt.CSV:
        return render_table(table, Fmt.CSV).encode("utf-8")
    if fmt is ReportFmt.XLSX:
        from tracker.render.workbook import workbook

        head = [(label("view.summary", o.lang), line)]
        return workbook(head, [table], _stamp(report), heading=f"{heading} {report.as_of.isoformat()}")
    return render_report_text(heading, line, table, Fmt.MD if fmt is ReportFmt.MD else Fmt.TABLE, o.width,
                              o.color).encode("utf-8")
