"""The JSON form of a pair: the fast encoding is byte for byte what json.dumps writes of the record."""

from __future__ import annotations

import datetime as dt
import json

from tests.compute.test_report import states
from tracker.compute.state import PairState
from tracker.core.model import Entry, Status
from tracker.views.tables import pair_json, pair_record


def every_pair() -> list[PairState]:
    """Every pair of the hand-checked folder at dates through the year: done, late, verified, rejected,
    missed periods, milestones met and overdue, values against targets, silent and near."""
    out: list[PairState] = []
    day = dt.date(2025, 1, 1)
    while day <= dt.date(2026, 2, 1):
        out += states(day)[1]
        day += dt.timedelta(days=9)
    return out


def test_pair_json_is_json_dumps_of_pair_record() -> None:
    pairs = every_pair()
    assert any(p.milestones for p in pairs) and any(p.value is not None for p in pairs)
    assert any(p.missed for p in pairs) and any(p.verified for p in pairs) and any(p.latest is None for p in pairs)
    for p in pairs:
        assert pair_json(p) == json.dumps(pair_record(p), ensure_ascii=False)


def test_pair_json_escapes_text_and_writes_numbers_as_json_does() -> None:
    base = next(p for p in every_pair() if p.latest is not None)
    assert base.latest is not None
    notes = ['引号"与反斜杠\\', "第一行\n第二行\t制表", "控制\x01字符", "", "emoji 🚒 and \u2028"]
    numbers = [0.0, 33.3, 1e-07, 1e20, 12345678.9, 100.0]
    for note, number in zip(notes * 2, numbers + numbers[:4], strict=True):
        latest: Entry = base.latest._replace(note=note)
        p = base._replace(latest=latest, percent=number, value=number, status=Status.BLOCKED,
                          reasons=("missed:2", "silent"))
        assert pair_json(p) == json.dumps(pair_record(p), ensure_ascii=False)
        assert json.loads(pair_json(p))["latest_note"] == note
