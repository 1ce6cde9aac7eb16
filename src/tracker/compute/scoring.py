"""The assessment score (考核) of each unit: pure functions from a report's pairs and tasks.yaml's ``scoring:``
rule to a ranked list with every point's origin, so an official can check any score by hand.

A unit's score is ``base`` plus, for each thing counted over its task pairs (goals are not scored, as they
are not ranked), the thing's points times the weight of the pair's action (1 unless ``action_weights`` says
otherwise). Sums are exact; totals are shown rounded half up to 0.1, and units equal on the shown total share
a rank (1, 2, 2, 4), listed in units.yaml order.
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

from tracker.compute import kinds
from tracker.compute.report import Report, exact, ranks, tenth
from tracker.compute.state import Level, PairState
from tracker.core.model import SCORE_KEYS, Catalog, Status


class ScorePart(NamedTuple):
    """One line of a unit's breakdown: how many (``number``), weighted by action (``weighted``), times the
    points of one (``points``), gives ``subtotal``."""

    key: str
    number: int
    weighted: Fraction
    points: float
    subtotal: Fraction


class UnitScore(NamedTuple):
    unit: str
    label: str
    base: float
    parts: tuple[ScorePart, ...]
    rank: int = 0

    @property
    def exact_total(self) -> Fraction:
        return Fraction(exact(self.base)) + sum((p.subtotal for p in self.parts), Fraction(0))

    @property
    def total(self) -> float:
        """As shown: rounded half up to 0.1, as every figure of the report is."""
        return tenth(self.exact_total)


def counts(p: PairState) -> dict[str, int]:
    """What one pair counts for, by scoring key: the kinds as the report counts them (``compute.kinds``)."""
    done = p.status is Status.DONE
    _, missed, _, done_late = kinds.counts(p)
    return {
        "done_on_time": int(done and not done_late),
        "done_late": done_late,
        "red": int(p.level is Level.RED),
        "yellow": int(p.level is Level.YELLOW),
        "missed_period": missed,
        "escalated": int(p.level is Level.RED and any(r.startswith("reminded:") for r in p.reasons)),
        "late_request": sum(x.late for x in p.extensions),
    }


def scores(cat: Catalog, report: Report) -> list[UnitScore]:
    """Every unit of the report's by-unit view, scored and ranked best first."""
    rule = cat.scoring
    tasks = {r.key for r in report.by_task}
    per_unit: dict[str, list[PairState]] = {}
    for p in report.pairs:
        if p.item in tasks:
            per_unit.setdefault(p.unit, []).append(p)
    out: list[UnitScore] = []
    for row in report.by_unit:
        n = dict.fromkeys(SCORE_KEYS, 0)
        weighted = dict.fromkeys(SCORE_KEYS, Fraction(0))
        for p in per_unit.get(row.key, []):
            weight = Fraction(exact(rule.weight(cat.items[p.item].action)))
            for key, c in counts(p).items():
                n[key] += c
                weighted[key] += weight * c
        parts = tuple(ScorePart(k, n[k], weighted[k], rule.points(k), weighted[k] * exact(rule.points(k)))
                      for k in SCORE_KEYS)
        out.append(UnitScore(row.key, row.label, rule.base, parts))
    order = {u: i for i, u in enumerate(cat.units)}
    out.sort(key=lambda s: (-s.total, order.get(s.unit, 0)))
    return [s._replace(rank=r) for s, r in zip(out, ranks([s.total for s in out]), strict=True)]
