"""``json``: every figure for another program, keys stable (``tracker-report/1``, ``tracker-score/1`` …)."""

from __future__ import annotations

from tracker.core.formats import Options
from tracker.render.text import problems_json, to_json
from tracker.views.documents import Found, Listing, ListRead, Published, Reviewed, Scored, Shown


def listing(doc: Listing, o: Options) -> bytes:
    """The records; those listed apart follow, each saying what it is (a carried item's kind and origin)."""
    return to_json(doc.table.records + (doc.apart.records if doc.apart is not None else [])).encode("utf-8")


def show(doc: Shown, o: Options) -> bytes:
    return to_json(doc.record).encode("utf-8")


def report(doc: Published, o: Options) -> bytes:
    from tracker.views.report import report_json

    return to_json(report_json(doc.cat, doc.report)).encode("utf-8")


def levels(doc: Published, o: Options) -> bytes:
    """The report's JSON with a ``levels`` member: the roll-up's figures by level, task, action and goal."""
    from tracker.render.levels import rolled
    from tracker.views.levels import level_actions_view, level_tasks_view, levels_view
    from tracker.views.report import report_json

    cat, rollup, lang = doc.cat, rolled(doc), o.lang
    data = report_json(doc.cat, doc.report)
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


def imported(doc: ListRead, o: Options) -> bytes:
    """What the import read, the points to confirm (each with its place in the source), and the files written."""
    from tracker.render.text import where

    imp = doc.imported
    used = {u for t in (*imp.goals, *imp.tasks()) for u in (*t.units, *t.groups)}
    data = {"schema": "tracker-import/1", "file": imp.file, "form": imp.kind, "goals": len(imp.goals),
            "actions": len(imp.actions), "works": sum(len(a.works) for a in imp.actions), "tasks": len(imp.tasks()),
            "units": len(used), "new_units": list(imp.new),
            "confirm": [{**f.problem.as_dict(o.lang), "place": where(f.problem, o.lang)}
                        for f in imp.findings if f.level != "error"],
            "written": list(doc.written)}
    return to_json(data).encode("utf-8")
