"""The unit a file's records count for."""

from __future__ import annotations

from tests.check.rules import CAT, TODAY
from tracker.check.checked import Progress
from tracker.check.context import FileCheck
from tracker.check.rules.units import opens
from tracker.core.problems import Collector
from tracker.load.progress import read_progress


def opened(text: str, file_unit: str) -> tuple[bool, FileCheck]:
    raw = read_progress(text.encode(), f"progress/{file_unit}.yaml")
    f = FileCheck(CAT, raw, file_unit, TODAY, Collector(raw.path), Progress(raw.path, raw.unit))
    return opens(f), f


def test_a_file_counts_for_the_unit_it_names_when_its_name_says_so() -> None:
    ok, f = opened("unit: emergency\nentries:\n", "emergency")
    assert ok and f.unit == "emergency" and f.out.problems == []
    for text, name, code in (("unit: emergency\nentries:\n", "fire-rescue", "wrong-file"),
                             ("unit: nobody\nentries:\n", "nobody", "unknown-unit"),
                             ("entries:\n", "emergency", "no-unit")):
        ok, f = opened(text, name)
        assert not ok and f.progress.unit is None and [p.code for p in f.out.problems] == [code]


def test_an_unsafe_name_is_said_and_an_unreadable_file_stops_there() -> None:
    ok, f = opened("unit: emergency\nentries:\n", "Emergency Office")
    assert [p.code for p in f.out.problems] == ["unsafe-file-name", "wrong-file"] and not ok
    ok, f = opened("unit: emergency\n\x00", "emergency")
    assert not ok and not f.raw.readable and f.progress.unit is None
    assert [p.code for p in f.out.problems] == []  # the reader's own problem is the raw file's
