"""Report data: pure functions from checked records to the figures the office reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from tracker.model import Catalog
from tracker.rules import Progress
from tracker.state import PairState, Records, all_pairs, index_records


def collect(progress: Iterable[Progress]) -> dict[tuple[str, str], Records]:
    """Every unit's checked records, grouped by (item, unit)."""
    files = list(progress)
    return index_records((e for p in files for e in p.entries), (m for p in files for m in p.milestones),
                         (r for p in files for r in p.reviews))


def unit_pairs(cat: Catalog, records: dict[tuple[str, str], Records], as_of: dt.date,
               unit: str | None = None) -> list[PairState]:
    """The pairs one unit (or every unit) must report on, ordered by unit as in units.yaml, then item."""
    pairs = all_pairs(cat, records, as_of)
    order = {u: i for i, u in enumerate(cat.units)}
    chosen = [p for p in pairs if unit is None or p.unit == unit]
    return sorted(chosen, key=lambda p: order.get(p.unit, len(order)))
