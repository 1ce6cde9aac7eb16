"""``html``: the report as one self-contained page, with its charts (the trend of the completion rate, each
action's and unit's rate, the warning levels) and every view; tables fold by unit and task."""

from __future__ import annotations

from tracker.core.formats import Options
from tracker.core.i18n import label
from tracker.render.levels import rolled
from tracker.render.page import bar_chart, grouped_html, legend_html, page, stacked_chart, table_html, trend_chart
from tracker.views.documents import Published
from tracker.views.palette import LEVEL_STYLE, legend
from tracker.views.report import all_views, lists, summary, title


def report(doc: Published, o: Options) -> bytes:
    cat, data, lang = doc.cat, doc.report, o.lang
    colours = legend(cat.thresholds, lang)
    key = legend_html(colours, label("legend.title", lang))
    charts = [
        trend_chart(label("chart.trend", lang), [(d.isoformat()[5:], rate) for d, rate in data.trend]),
        bar_chart(label("chart.action", lang),
                  [(r.label, r.tally.rate, LEVEL_STYLE[r.level]) for r in data.by_action],
                  label("chart.unit.note", lang), key),
        bar_chart(label("chart.unit", lang), [(r.label, r.tally.rate, LEVEL_STYLE[r.level]) for r in data.by_unit],
                  label("chart.unit.note", lang), key),
        stacked_chart(label("chart.levels", lang),
                      [(r.label, [(r.tally.red, "red"), (r.tally.yellow, "yellow"), (r.tally.blue, "blue")])
                       for r in data.by_unit], colours),
    ]
    sections = [table_html(t, key) for t in all_views(cat, data, lang, doc.by)] + \
        [grouped_html(t, 0, key, open_up_to=5) for t in lists(cat, data, lang)]
    as_of = label("report.as_of", lang).format(date=data.as_of.isoformat())
    return page(title(data, lang), as_of, summary(data, lang), charts, sections).encode("utf-8")


def levels(doc: Published, o: Options) -> bytes:
    """The levels first (a chart of their rates, their tables), then the folder's own views."""
    from tracker.views.levels import level_actions_view, level_name, level_tasks_view, levels_view, rollup_summary

    cat, data, rollup, lang = doc.cat, doc.report, rolled(doc), o.lang
    as_of = label("report.as_of", lang).format(date=data.as_of.isoformat())
    chart = bar_chart(label("level.view", lang), [(level_name(r.path, lang), r.tally.rate, LEVEL_STYLE[r.level])
                                                  for r in rollup.levels if r.state in ("ok", "errors")])
    tables = [levels_view(rollup, lang), level_actions_view(cat, rollup, lang),
              level_tasks_view(cat, rollup, lang)] + all_views(cat, data, lang) + lists(cat, data, lang)
    key = legend_html(legend(cat.thresholds, lang), label("legend.title", lang))
    return page(title(data, lang), as_of, summary(data, lang) + "\n" + rollup_summary(rollup, lang), [chart],
                [table_html(t, key) for t in tables]).encode("utf-8")
