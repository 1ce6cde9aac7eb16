"""What `tracker record` keeps of a file it appends to: its errors, its odd ids and import fingerprints as
blocks of bytes, each item's latest entry and last decision, and its milestones, kept up to date by
``appended`` as ``state_of`` would find them in the grown file."""

from __future__ import annotations

from typing import Any

from tests.check.test_records import CAT, TODAY, entry
from tracker.check.records import check_progress
from tracker.folder.filestate import TakenIds, Words, appended, state_of, unwritten
from tracker.load.progress import header, read_progress, record_line


def read(*records: dict[str, Any], extra: str = "") -> tuple[bytes, Any]:
    data = (header("emergency", "x") + "".join(record_line(r) for r in records) + extra).encode()
    raw = read_progress(data, "progress/emergency.yaml")
    return data, state_of(check_progress(CAT, raw, "emergency", TODAY), raw, data)


def test_words_are_searched_and_grown_as_bytes() -> None:
    words = Words.of(["a", 'say "hi"', "行\n"])
    assert words.has("a") and words.has('say "hi"') and words.has("行\n")
    assert not words.has("b") and not words.has("") and not words.has(3)
    grown = words.plus(["b", "a", "b"])
    assert grown.has("b") and grown.blob.count(b'"b"') == 1 and grown.blob.count(b'"a"') == 1
    assert Words().has("a") is False


def test_the_state_of_a_file_is_what_a_new_record_is_judged_against() -> None:
    done = entry(id="d", status="done", percent=100, date="2025-09-10", source="row-7")
    verify = {"id": "v", "type": "verify", "date": "2025-09-12", "task": 15, "decides": "d"}
    m1 = {"id": "m1", "type": "milestone", "date": "2025-09-01", "task": 15, "due": "2025-11-01", "milestone": "a"}
    m2 = {**m1, "id": "m2", "replaces": "m1"}
    odd = '- {"id":"tight", "type": "progress", "date": "2025-09-02", "task": 15, "status": "in-progress", ' \
          '"percent": 10}\n'
    data, state = read(entry(), done, verify, m1, m2, entry(id="bad", task=61), extra=odd)
    assert [p.code for p in state.errors] == ["unknown-task"]
    assert state.sources.has("row-7") and not state.sources.has("d")
    assert state.ids.has("tight") and not state.ids.has("e1")  # written as the tool writes ids: found in the bytes
    assert state.last["15"].id == "d"
    assert state.milestones["m1"].replaced_by == state.milestones["m2"].line != 0
    assert state.newlines == data.count(b"\n") and state.today_sensitive is False
    assert str(state.latest) == "2025-09-12"


def test_appending_gives_the_state_the_grown_file_has() -> None:
    first = entry(date="2025-09-01")
    data, state = read(first)
    later = entry(id="e2", date="2025-09-20", status="done", percent=100)
    m = {"id": "m", "type": "milestone", "date": "2025-09-21", "task": 15, "due": "2025-11-01", "milestone": "a"}
    tail = (record_line(later) + record_line(m)).encode()
    grown_data, grown = read(first, later, m)
    raw = read_progress(grown_data, "progress/emergency.yaml")
    records = [r for r in check_progress(CAT, raw, "emergency", TODAY).entries if r.id == "e2"]
    records += check_progress(CAT, raw, "emergency", TODAY).milestones
    assert appended(state, [(r, None) for r in records], tail) == grown


def test_ids_are_found_in_the_bytes_then_all_at_once() -> None:
    data, state = read(entry(id="a1"), entry(id="a2", date="2025-09-02"))
    taken = TakenIds(state, data, absent=["zz"])
    assert "a1" in taken and "zz" not in taken and "a3" not in taken
    for n in range(TakenIds.SEARCHES + 2):  # past the searches, every id is collected once
        assert (f"a{n}" in taken) is (n in (1, 2))
    drawn = iter(["a1", "a1", "n1", "n1", "n2"])
    assert unwritten(data, lambda: next(drawn), 2) == ["n1", "n2"]
