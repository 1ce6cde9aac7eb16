"""The report as of a date, compared with an earlier one and with its trend, from one reading of the files: the
same figures as reports built one date at a time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.actions.conftest import DAY, scope_of
from tracker.actions.reporting import report, report_at, scores
from tracker.actions.scope import catalog
from tracker.core.refusal import Refused


def test_the_comparison_and_the_trend_are_those_of_reports_built_one_date_at_a_time(mini: Path) -> None:
    scope = scope_of(mini)
    cat = catalog(scope)
    then = dt.date(2025, 8, 15)
    data = report_at(scope, cat, DAY, since=then, trend=True)
    alone, earlier = report_at(scope, cat, DAY), report_at(scope, cat, then)
    assert data.overall == alone.overall and data.changes is not None
    from tracker.compute.report import compare

    assert data.changes == compare(cat, alone, earlier)
    ends = [d for d, _ in data.trend]
    assert ends[0] == dt.date(2025, 1, 31) and ends[-2] == dt.date(2025, 9, 30) and ends[-1] == DAY
    assert [rate for _, rate in data.trend] == [report_at(scope, cat, d).overall.rate for d in ends]
    assert report_at(scope, cat, DAY).trend == ()  # only when asked: the page draws it


def test_a_report_of_one_unit_or_action_and_its_refusals(mini: Path) -> None:
    scope = scope_of(mini)
    one = report(scope, DAY, unit="甲局", by="task")
    assert one.by == "task" and {p.unit for p in one.report.pairs} == {"a"} and one.rollup is None
    assert {r.key for r in report(scope, DAY, action=2).report.by_action} == {"2"}
    with pytest.raises(Refused) as exc:
        report(scope, DAY, action=9)
    assert exc.value.problems[0].code == "unknown-action"
    with pytest.raises(Refused) as exc:
        report(scope, DAY, levels=True)  # no levels.yaml here
    assert exc.value.problems[0].code == "no-levels"


def test_the_scores_rank_every_unit_of_the_report(mini: Path) -> None:
    scored = scores(scope_of(mini), DAY)
    assert {s.unit for s in scored.scores} == {r.key for r in scored.report.by_unit}
    assert [s.rank for s in scored.scores] == sorted(s.rank for s in scored.scores)
