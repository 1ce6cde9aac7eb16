"""``json``: every figure for another program, keys stable (``tracker-report/1``, ``tracker-score/1`` …)."""

from __future__ import annotations

from tracker.core.formats import Options
from tracker.render.text import problems_json, to_json
from tracker.views.documents import Found, Listing, Published, Reviewed, Scored, Shown


def listing(doc: Listing, o: Options) -> bytes:
    return to_json(doc.table.records).encode("utf-8")


def show(doc: Shown, o: Options) -> bytes:
    return to_json(doc.record).encode("utf-8")


def report(doc: Published, o: Options) -> bytes:
    from tracker.views.report import report_json

    return to_json(report_json(doc.report)).encode("utf-8")


def levels(doc: Published, o: Options) -> bytes:
    """The report's JSON with a ``levels`` member: the roll-up's figures by level, task, action and goal."""
    from tracker.render.levels import rolled
    from tracker.views.levels import level_actions_view, level_tasks_view, levels_view
    from tracker.views.report import report_json

    cat, rollup, lang = doc.cat, rolled(doc), o.lang
    data = report_json(doc.report)
    data["levels"] = {"overall": rollup.overall.as_dict(),
                      "levels": levels_view(rollup, lang).records[:-1],
                      "by_task": level_tasks_view(cat, rollup, lang).records,
                      "by_action": level_actions_view(cat, rollup, lang).records,
                      "by_goal": level_tasks_view(cat, rollup, lang, goals=True).records,
                      "unmapped": [p.as_dict(lang) for p in rollup.unmapped]}
    return to_json(data).encode("utf-8")


def scores(doc: Scored, o: Options) -> bytes:
    """The ranked table's records, with the rule they were scored by."""
    from tracker.render.publish import rule_json, scores_parts

    data = {"schema": "tracker-score/1", "as_of": doc.report.as_of.isoformat(), "title": doc.report.title,
            "rule": rule_json(doc), "units": scores_parts(doc, o.lang)[0].records}
    return to_json(data).encode("utf-8")


def diff(doc: Reviewed, o: Options) -> bytes:
    return to_json(doc.record).encode("utf-8")


def problems(doc: Found, o: Options) -> bytes:
    return problems_json(doc.problems, o.lang).encode("utf-8")
