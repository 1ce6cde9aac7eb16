"""tracker score (考核) on tests/data/mini as of 2025-10-15, with scores worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tracker.cli.app import app

runner = CliRunner()
RULE = """scoring:
  base: 60
  done_on_time: 5
  done_late: 3
  red: -2
  yellow: -1
  missed_period: -0.5
  escalated: -4
  late_request: -1
  action_weights: {2: 1.5}
"""


def with_rule(folder: Path, rule: str) -> None:
    tasks = folder / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("goals:\n", rule + "goals:\n", 1), encoding="utf-8")


def score_json(folder: Path) -> dict[str, dict[str, object]]:
    result = runner.invoke(app, ["--root", str(folder), "score", "--as-of", "2025-10-15", "--format", "json"])
    assert result.exit_code == 0, result.output
    return {u["unit"]: u for u in json.loads(result.output)["units"]}


def test_a_score_computed_by_hand(mini: Path) -> None:
    """Action 2 (tasks 4–7) weighs 1.5. 甲局: task 1 done late (+3); red on task 2 (weight 1) and task 5 (1.5),
    2.5 × −2 = −5; one missed period on task 2, −0.5: 60 + 3 − 5 − 0.5 = 57.5. 乙局: red on tasks 2 (1) and 6
    (1.5), −5; yellow on task 4 (1.5), −1.5; three missed periods on task 2, −1.5: 52. 专委会: yellow on task 3,
    59. Ranks: 专委会 1, 甲局 2, 乙局 3."""
    with_rule(mini, RULE)
    units = score_json(mini)
    assert {u: (s["rank"], s["total"]) for u, s in units.items()} == {"solo": (1, 59), "a": (2, 57.5),
                                                                      "b": (3, 52)}
    parts = {p["key"]: (p["count"], p["weighted"], p["subtotal"]) for p in units["a"]["parts"]}  # type: ignore[attr-defined]
    assert parts["red"] == (2, 2.5, -5.0) and parts["done_late"] == (1, 1.0, 3.0)
    assert parts["missed_period"] == (1, 1.0, -0.5) and parts["done_on_time"] == (0, 0.0, 0.0)
    md = runner.invoke(app, ["--root", str(mini), "score", "--as-of", "2025-10-15", "--format", "md"]).output
    assert "红色预警2.5×-2=-5" in md and "逾期完成1×3=3" in md


def test_ties_share_a_rank(mini: Path) -> None:
    """Only yellow (−1) and done late (+1) count, from 0: 甲局 1; 乙局 and 专委会 −1 each share rank 2, in
    units.yaml order."""
    with_rule(mini, "scoring:\n  base: 0\n  done_on_time: 0\n  done_late: 1\n  red: 0\n  yellow: -1\n"
                    "  missed_period: 0\n")
    result = runner.invoke(app, ["--root", str(mini), "score", "--as-of", "2025-10-15", "--format", "json"])
    ranked = [(u["unit"], u["rank"], u["total"]) for u in json.loads(result.output)["units"]]
    assert ranked == [("a", 1, 1), ("b", 2, -1), ("solo", 2, -1)]


def test_the_defaults_apply_without_a_scoring_section(mini: Path) -> None:
    """Defaults (README): base 100, done on time +2, late +1, red −2, yellow −1, missed period −1. 甲局:
    100 + 1 − 4 − 1 = 96."""
    assert score_json(mini)["a"]["total"] == 96


def test_a_bad_rule_is_refused_with_positions(mini: Path) -> None:
    with_rule(mini, "scoring:\n  red: lots\n  action_weights: {9: 2, 1: -1}\n")
    result = runner.invoke(app, ["--root", str(mini), "--lang", "en", "validate"])
    assert result.exit_code == 1
    text = result.output
    line = 1 + (mini / "tasks.yaml").read_text(encoding="utf-8").splitlines().index("scoring:")
    assert f"tasks.yaml:{line + 1}:8: error wrong-type" in text
    assert f"tasks.yaml:{line + 2}:20: error scoring-unknown-action" in text
    assert "out-of-range" in text


def test_score_writes_a_workbook(mini: Path, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "考核.xlsx"
    result = runner.invoke(app, ["--root", str(mini), "score", "--as-of", "2025-10-15", "-o", str(out)])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).worksheets[-1]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert any(row[:3] == [2, "甲局", 96] for row in values)


def test_the_bulletin_can_include_the_scores(mini: Path, tmp_path: Path) -> None:
    with_rule(mini, RULE)
    out = tmp_path / "out"
    result = runner.invoke(app, ["--root", str(mini), "remind", "--as-of", "2025-10-15", "--score", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = (out / "通报.md").read_text(encoding="utf-8")
    assert "第1名专委会（59分）、第2名甲局（57.5分）、第3名乙局（52分）" in text
    assert "考核得分" in text and "计分明细" in text
    plain = runner.invoke(app, ["--root", str(mini), "remind", "--as-of", "2025-10-15", "-o", str(tmp_path / "p")])
    assert plain.exit_code == 0 and "计分明细" not in (tmp_path / "p" / "通报.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the module itself, on the report's data

def test_scores_add_up_weighted_points_and_equal_totals_share_a_rank() -> None:
    import dataclasses
    import datetime as dt
    from fractions import Fraction

    from tests.compute.test_report import load
    from tracker.compute.report import build_report, stream_pairs
    from tracker.compute.scoring import counts, scores
    from tracker.core.model import Scoring

    cat, progress = load()
    day = dt.date(2025, 10, 15)
    cat = dataclasses.replace(cat, scoring=Scoring(base=60, done_late=3, red=-2, yellow=-1, missed_period=-0.5,
                                                   action_weights=((2, 1.5),)))
    report = build_report(cat, stream_pairs(cat, progress, day), day)
    ranked = scores(cat, report)
    by_unit = {s.unit: s for s in ranked}
    assert by_unit["a"].total == 57.5 and by_unit["b"].total == 52  # as tracker score gives (worked by hand above)
    for s in ranked:
        assert s.exact_total == Fraction(60) + sum((p.weighted * Fraction(p.points) for p in s.parts), Fraction(0))
    assert [s.total for s in ranked] == sorted((s.total for s in ranked), reverse=True)
    totals = [s.total for s in ranked]
    assert all(s.rank == totals.index(s.total) + 1 for s in ranked)  # 1, 2, 2, 4
    late = next(p for p in report.pairs if (p.item, p.unit) == ("1", "a"))
    assert counts(late)["done_late"] == 1 and counts(late)["done_on_time"] == 0


def test_a_total_is_shown_rounded_half_up_to_a_tenth_like_every_figure() -> None:
    from fractions import Fraction

    from tracker.compute.scoring import ScorePart, UnitScore

    part = ScorePart("red", 1, Fraction(1, 3), -1.0, Fraction(-1, 3))
    assert UnitScore("a", "甲", 100.0, (part,)).total == 99.7  # 99.666… shown as 99.7, as an official rounds it
    part = ScorePart("red", 1, Fraction(1, 4), -1.0, Fraction(-1, 4))
    assert UnitScore("a", "甲", 100.0, (part,)).total == 99.8  # 99.75 exactly: half up
