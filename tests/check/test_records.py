"""The rules for progress records, as ``tracker validate`` applies them to files, with positions."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from tests.load.test_faithful import catalog
from tracker.check.records import Progress, check_progress
from tracker.core.i18n import Lang
from tracker.core.model import Catalog, Entry, Milestone, Status
from tracker.load.progress import header, read_progress, record_line

TODAY = dt.date(2025, 10, 15)
CAT: Catalog = catalog()


def entry(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": kw.pop("id", "e1"), "type": "progress", "date": "2025-09-01", "task": 15,
                            "status": "in-progress", "percent": 40}
    base.update(kw)
    return {k: v for k, v in base.items() if v is not None}


def check(*records: dict[str, Any], unit: str = "emergency", file_unit: str | None = None,
          text: str | None = None) -> Progress:
    if text is None:
        text = header(unit, "x") + "".join(record_line(r) for r in records)
    return check_progress(CAT, read_progress(text.encode(), f"progress/{file_unit or unit}.yaml"),
                          file_unit or unit, TODAY)


def codes(prog: Progress) -> list[tuple[int, str]]:
    return [(p.line, p.code) for p in prog.problems]


def test_valid_entries_and_milestones() -> None:
    prog = check(entry(), entry(id="e2", status="已完成", percent=None, date="2025-10-01"),
                 {"id": "m1", "type": "milestone", "date": "2025-09-01", "task": 15, "due": "2025-12-20",
                  "milestone": "完成四季度检查", "percent": 100})
    assert prog.problems == []
    assert isinstance(prog.entries[1], Entry) and prog.entries[1].status is Status.DONE
    assert prog.entries[1].percent == 100
    assert isinstance(prog.milestones[0], Milestone) and prog.milestones[0].due == dt.date(2025, 12, 20)


@pytest.mark.parametrize(("record", "code", "key"), [
    (entry(task=61), "unknown-task", "task"),
    (entry(task=19), "not-responsible", "task"),
    (entry(percent=101), "out-of-range", "percent"),
    (entry(percent=-1), "out-of-range", "percent"),
    (entry(status="done", percent=90), "done-below-100", "percent"),
    (entry(value="96.5%"), "wrong-type", "value"),
    (entry(percent="８０"), "wrong-type", "percent"),
    (entry(value=96.5), "no-target", "value"),
    (entry(status="blocked"), "blocked-without-note", "note"),
    (entry(date="2025-10-16"), "future-date", "date"),
    (entry(date="2024-12-31"), "out-of-period", "date"),
    (entry(date="2025-02-30"), "bad-date", "date"),
    (entry(status="finished"), "bad-value", "status"),
    (entry(stauts="done"), "unknown-field", "stauts"),
    (entry(source=5), "wrong-type", "source"),
    (entry(status=None), "missing-field", "status"),
    (entry(status="in-progress", percent=None), "missing-percent", "percent"),
])
def test_each_rule_points_at_its_value(record: dict[str, Any], code: str, key: str) -> None:
    text = header("emergency", "x") + record_line(record)
    prog = check(text=text)
    assert codes(prog) == [(6, code)]
    line = text.splitlines()[5]
    col = prog.problems[0].col
    expected = json.dumps(record[key], ensure_ascii=False) if key in record else "{"
    assert line[col - 1:].startswith(expected[:3])
    assert prog.entries == []


def test_unknown_task_suggests_close_ids() -> None:
    prog = check(entry(task="16x"))
    assert 'did you mean "16"' in prog.problems[0].hint(Lang.EN)
    assert '你是不是要写 "16"' in prog.problems[0].hint()


def test_not_responsible_names_who_is() -> None:
    prog = check(entry(task=19))
    assert "市安防办" in prog.problems[0].hint()


def test_value_against_a_target_is_accepted() -> None:
    prog = check(entry(task="G2", value=96.5))
    assert prog.problems == [] and prog.entries[0].value == 96.5


def test_whole_file_checks() -> None:
    prog = check(entry(), entry(date="2025-09-02"))
    assert codes(prog) == [(7, "duplicate-id")]
    prog = check(entry(percent=60), entry(id="e2", date="2025-09-10", percent=30))
    assert [(p.line, p.code, p.level) for p in prog.problems] == [(7, "percent-falls", "warning")]


def test_file_of_another_unit_and_unknown_unit() -> None:
    assert codes(check(entry(), unit="emergency", file_unit="fire-rescue"))[0] == (4, "wrong-file")
    assert codes(check(entry(), unit="nobody"))[0] == (4, "unknown-unit")


def test_file_without_unit() -> None:
    prog = check(text='entries:\n- {"id": "e1"}\n')
    assert ("no-unit" in [p.code for p in prog.problems])


def test_unsafe_file_name() -> None:
    prog = check(entry(), file_unit="Fire Rescue")
    assert "unsafe-file-name" in [p.code for p in prog.problems]


def test_conflict_markers_left_by_a_merge() -> None:
    text = header("emergency", "x") + "<<<<<<< HEAD\n" + record_line(entry()) + "=======\n" + \
        record_line(entry(id="e2")) + ">>>>>>> theirs\n"
    prog = check(text=text)
    assert codes(prog) == [(6, "conflict-marker"), (8, "conflict-marker"), (10, "conflict-marker")]


def test_milestone_due_before_planning() -> None:
    prog = check({"id": "m1", "type": "milestone", "date": "2025-09-01", "task": 15, "due": "2025-08-01",
                  "milestone": "x"})
    assert codes(prog) == [(6, "due-before-date")]


def test_milestone_replacing_unknown_id() -> None:
    prog = check({"id": "m1", "type": "milestone", "date": "2025-09-01", "task": 15, "due": "2025-10-01",
                  "milestone": "x", "replaces": "zzz"})
    assert codes(prog) == [(6, "unknown-id")]


def milestone(mid: str, task: int | str = 15, **kw: Any) -> dict[str, Any]:
    return {"id": mid, "type": "milestone", "date": "2025-09-01", "task": task, "due": "2025-10-01",
            "milestone": "x", **kw}


@pytest.mark.parametrize(("records", "expected", "said"), [
    ([entry(), milestone("m1", replaces="e1")], [(7, "bad-replaces")],
     'replaces "e1", the progress record of line 6 (task 15), which is not an earlier milestone of this unit\'s task'),
    ([entry(status="done", percent=100), {"id": "v1", "type": "verify", "date": "2025-09-02", "task": 15,
                                          "decides": "e1"},
      milestone("m1", replaces="v1")], [(8, "bad-replaces")], "the verified record of line 7 (task 15)"),
    ([milestone("m1", task=17), milestone("m2", replaces="m1")], [(7, "bad-replaces")],
     "the milestone record of line 6 (task 17)"),
    ([milestone("m1", replaces="m2"), milestone("m2")], [(6, "bad-replaces")], "of line 7 (task 15)"),
    ([milestone("m1", replaces="m1")], [(6, "bad-replaces")], "of line 6 (task 15)"),
    ([{"id": "r1", "type": "reminder", "date": "2025-09-01", "items": [15]}, milestone("m1", replaces="r1")],
     [(7, "bad-replaces")], "the reminder record of line 6 (task —)"),
    ([milestone("m1"), milestone("m2", replaces="m1"), milestone("m3", replaces="m1")], [(8, "replaced-twice")],
     'milestone "m1" was already replaced by the milestone of line 7'),
])
def test_a_milestone_replaces_only_an_earlier_milestone_of_its_item_once(
        records: list[dict[str, Any]], expected: list[tuple[int, str]], said: str) -> None:
    prog = check(*records)
    assert codes(prog) == expected
    assert said in prog.problems[0].message(Lang.EN)
    assert prog.problems[0].col == 3


def test_a_milestone_moved_again_and_after_a_withdrawal() -> None:
    moved = [milestone("m1"), milestone("m2", replaces="m1"), milestone("m3", replaces="m2")]
    assert check(*moved).problems == []
    withdraw = {"id": "w1", "type": "withdraw", "date": "2025-09-02", "withdraws": "m2", "note": "录错"}
    # the replacement withdrawn, the first milestone may be replaced again; a withdrawn one may still be named
    assert check(milestone("m1"), milestone("m2", replaces="m1"), withdraw, milestone("m3", replaces="m1"),
                 milestone("m4", replaces="m2")).problems == []
    message = check(milestone("m1"), milestone("m2", task=17, replaces="m1")).problems[0].message()
    assert message == "时间节点替换的 \"m1\" 是第 6 行的时间节点记录（任务 15），不是本单位任务 17 更早的时间节点"


def test_the_quick_path_agrees_with_every_rule() -> None:
    """check_record takes well-formed progress records by a quick path; on any record, with or without it,
    the result and the problems must be the same."""
    import random

    from tracker.check.records import _quick_progress, check_record
    from tracker.core.problems import Collector, Pos
    from tracker.load.progress import RawRecord

    rng = random.Random(3)
    choices: dict[str, list[Any]] = {
        "id": ["e1", "", 7, None], "type": ["progress", "milestone", "bogus"],
        "date": ["2025-09-01", "2025-9-1", "2025-10-16", "2024-12-31", "2025-02-30", 20250901, "2025-W36-1"],
        "task": [15, "15", " g2 ", "G2", 19, 61, True, 15.0], "status": ["in-progress", "已完成", "DONE ", "blocked",
                                                                      "not-started", "finished", 1],
        "percent": [40, 100, 100.0, 0, -1, 101, "80", True, None, float("nan")],
        "value": [96.5, 100, "96%", None, True], "note": ["已部署", "", " ", None, 3],
        "evidence": [["a.pdf"], "a.pdf", [], [1], None], "by": ["张三", "", None, 5], "stauts": ["done"]}
    agree = quick_hits = 0
    for _ in range(3000):
        values = {k: (rng.choice(v) if rng.random() < 0.25 else v[0]) for k, v in choices.items()
                  if rng.random() < (0.1 if k == "stauts" else 0.9)}
        rec = RawRecord(values, Pos(6, 3), line_text=None, value_pos={k: Pos(6, 9) for k in values})
        a, b = Collector("p"), Collector("p")
        fast = check_record(CAT, "emergency", rec, TODAY, a)
        full = check_record(CAT, "emergency", rec, TODAY, b, quick=False)
        assert fast == full and a.problems == b.problems, values
        agree += 1
        quick_hits += _quick_progress(CAT, "emergency", rec, TODAY) is not None
    assert agree == 3000 and quick_hits > 30


def test_a_number_past_what_a_float_holds_is_a_problem_not_a_crash() -> None:
    huge = 10 ** 400
    prog = check(entry(percent=huge), entry(id="e2", task="G2", value=huge), entry(id="e3", task="G2", value=-huge))
    assert [code for _, code in codes(prog)] == ["wrong-type"] * 3 and prog.entries == []


def test_a_week_date_is_no_date() -> None:
    """fromisoformat reads 2025-W36-1 as a Monday; a record's date is YYYY-MM-DD, by either path."""
    prog = check(entry(date="2025-W36-1"))
    assert codes(prog) == [(6, "bad-date")] and prog.entries == []


def test_one_checker_for_a_whole_file_agrees_with_every_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """check_progress judges the dates, tasks and status words a file repeats once; over a file of records
    that repeat them in every spelling, its result is the one every rule gives record by record."""
    import random

    from tracker.check import records as rules

    rng = random.Random(5)
    values = {"date": ["2025-09-01", "2025-9-1", "2025-10-16", "2025-W36-1", "2025-09-02"],
              "task": [15, "15", " 15", "g2", "G2", 19, True, 15.0, "61"],
              "status": ["in-progress", "已完成", "done", "DONE ", "blocked", "进行中"],
              "percent": [40, 100, 55.5, 101], "value": [None, 96.5], "note": ["已部署", ""]}
    records = []
    for n in range(400):
        rec = {"id": f"e{n % 390}", "type": "progress", **{k: rng.choice(v) for k, v in values.items()}}
        records.append({k: v for k, v in rec.items() if v is not None})
    quick = check(*records)
    monkeypatch.setattr(rules.QuickCheck, "__call__", lambda self, v, line: None)
    slow = check(*records)
    assert quick.entries == slow.entries and quick.problems == slow.problems
    assert 20 < len(quick.entries) < 400 and any(p.code == "duplicate-id" for p in quick.problems)


def test_a_decision_with_no_claim_to_judge_is_said() -> None:
    """A verification of a record that is no "done", or of a "done" already rejected, changes nothing; one
    naming no earlier progress record of its item does not count at all."""
    done = entry(status="done", percent=100, date="2025-09-01")
    early = {"id": "v0", "type": "verify", "date": "2025-08-20", "task": 15, "decides": "e0"}
    assert codes(check(early)) == [(6, "unknown-decided")]
    assert codes(check(entry(), {**early, "decides": "e1", "date": "2025-09-02"})) == [(7, "decision-without-claim")]
    assert codes(check(done, entry(id="e2", task=17, status="done", percent=100),
                       {**early, "decides": "e2", "date": "2025-09-02"})) == [(8, "unknown-decided")]
    assert codes(check({**early, "decides": "e1"}, done)) == [(6, "unknown-decided")]  # named before it stands
    reject = {"id": "r1", "type": "reject", "date": "2025-09-05", "task": 15, "note": "补充材料", "decides": "e1"}
    verify = {"id": "v1", "type": "verify", "date": "2025-09-10", "task": 15, "decides": "e1"}
    prog = check(done, reject, verify)
    assert codes(prog) == [(8, "decision-without-claim")]
    assert "2025-09-05" in prog.problems[0].message() and "line 7" in prog.problems[0].message(Lang.EN)
    again = entry(id="e2", status="done", percent=100, date="2025-09-08")
    assert check(done, reject, again, {**verify, "decides": "e2"}).problems == []  # a new claim, decided itself


def test_a_decision_dated_before_the_one_it_overrides_is_refused() -> None:
    """A back-dated rejection would otherwise silently cancel the verification written before it."""
    done = entry(status="done", percent=100, date="2025-09-01")
    verify = {"id": "v1", "type": "verify", "date": "2025-09-10", "task": 15, "note": "材料齐全", "decides": "e1"}
    reject = {"id": "r1", "type": "reject", "date": "2025-09-05", "task": 15, "note": "补充材料", "decides": "e1"}
    prog = check(done, verify, reject)
    assert codes(prog) == [(8, "decision-predates")]
    assert "2025-09-10, line 7" in prog.problems[0].message(Lang.EN)
    assert "（2025-09-10，第 7 行）" in prog.problems[0].message()
    assert [r.id for r in prog.reviews] == ["v1"]  # the refused decision does not count
    # a decision before the claim it judges, written after it
    early = {"id": "v2", "type": "verify", "date": "2025-08-20", "task": 15, "decides": "e1"}
    assert codes(check(done, early)) == [(7, "decision-predates")]
    # in date order, on the same day, or on another task: fine
    later = {"id": "r2", "type": "reject", "date": "2025-09-10", "task": 15, "note": "补充材料", "decides": "e1"}
    assert check(done, verify, later).problems == []


def decision(rid: str, verdict: str, day: str, decides: str = "e1") -> dict[str, Any]:
    return {"id": rid, "type": verdict, "date": day, "task": 15, "note": "理由", "decides": decides}


def test_a_decision_repeating_the_last_one_with_no_done_between_is_a_warning() -> None:
    done = entry(status="done", percent=100, date="2025-09-01")
    twice = check(done, decision("v1", "verify", "2025-09-10"), decision("v2", "verify", "2025-09-12"))
    assert [(p.line, p.code, p.level) for p in twice.problems] == [(8, "decided-again", "warning")]
    assert twice.problems[0].message(Lang.EN) == ("task 15: the record was already given a verification on "
                                                 "2025-09-10 (line 7); this verification changes nothing")
    assert twice.problems[0].message() == "任务 15：该记录已于 2025-09-10 销号（第 7 行），这次销号不改变任何结果"
    assert [r.id for r in twice.reviews] == ["v1", "v2"]  # a warning: both count, and change nothing
    # a second rejection, with the unit's work (but no new done) between
    again = check(done, decision("r1", "reject", "2025-09-10"), entry(id="e2", percent=95, date="2025-09-11"),
                  decision("r2", "reject", "2025-09-12"))
    assert codes(again) == [(8, "reopened"), (9, "decided-again")]
    assert "已于 2025-09-10 退回（第 7 行）" in again.problems[1].message()
    # a new done decided, a changed verdict, another item: each a decision of its own
    done_again = entry(id="e3", status="done", percent=100, date="2025-09-11")
    assert check(done, decision("v1", "verify", "2025-09-10"), done_again,
                 decision("v2", "verify", "2025-09-12", "e3")).problems == []
    assert check(done, decision("v1", "verify", "2025-09-10"), decision("r1", "reject", "2025-09-12")).problems == []
    assert check(done, entry(id="e4", task=17, status="done", percent=100), decision("v1", "verify", "2025-09-10"),
                 {**decision("v2", "verify", "2025-09-10", "e4"), "task": 17}).problems == []


REQUEST = {"id": "x1", "type": "extend", "date": "2025-10-10", "task": 15, "until": "2026-03-31", "note": "延后"}


@pytest.mark.parametrize(("records", "expected"), [
    ([REQUEST, {"id": "x2", "type": "approve", "date": "2025-10-09", "task": 15, "request": "x1"}],
     [(7, "decision-before-request")]),
    ([REQUEST, {"id": "x2", "type": "approve", "date": "2025-10-12", "task": 15, "request": "x1"},
      {"id": "x3", "type": "refuse", "date": "2025-10-13", "task": 15, "request": "x1", "note": "改判"}],
     [(8, "request-decided")]),
    ([REQUEST, {"id": "x2", "type": "approve", "date": "2025-10-12", "task": 17, "request": "x1"}],
     [(7, "unknown-request")]),
    ([{**REQUEST, "until": "2025-12-31"}], [(6, "extension-not-later")]),
    ([{**REQUEST, "note": ""}], [(6, "missing-field")]),
    ([{"id": "r1", "type": "reminder", "date": "2025-10-10", "items": [15, 999], "reply_by": "2025-10-01"}],
     [(6, "unknown-task"), (6, "reply-before-date")]),
    ([{"id": "r1", "type": "reminder", "date": "2025-10-10", "items": 15}], [(6, "wrong-type")]),
])
def test_extension_and_reminder_rules(records: list[dict[str, Any]], expected: list[tuple[int, str]]) -> None:
    assert codes(check(*records)) == expected


def test_extension_and_reminder_records_are_read() -> None:
    prog = check(REQUEST, {"id": "x2", "type": "refuse", "date": "2025-10-12", "task": 15, "request": "x1",
                           "note": "不予"},
                 {"id": "r1", "type": "reminder", "date": "2025-10-10", "items": [15, "G2"], "number": "1号",
                  "reply_by": "2025-10-17"})
    assert prog.problems == []
    assert [(x.kind, x.until, x.request) for x in prog.extensions] == [
        ("extend", dt.date(2026, 3, 31), ""), ("refuse", None, "x1")]
    assert [(r.items, r.number, r.reply_by) for r in prog.reminders] == [(("15", "G2"), "1号", dt.date(2025, 10, 17))]


def test_quick_check_agrees_with_the_full_rules_on_odd_values() -> None:
    """Whenever QuickCheck gives an Entry, ``check_record(quick=False)`` gives the same Entry with no problem;
    one checker serves every record, in any order, so its memos are exercised across records."""
    import random

    from tracker.check.records import QuickCheck, check_record
    from tracker.core.problems import Collector, Pos
    from tracker.load.progress import RawRecord

    unit = "emergency"
    tasks = [15, "15", " 15 ", "15 ", 15.0, True, 1, "G2", "g2", " g2", 0, "999", None, [15], 60, "60"]
    dates = ["2025-09-01", "2025-9-01", "2025-W36-1", "20250901", "2025-09-01 ", "2099-01-01", "2025-02-30",
             "2024-01-01", "2025-09-01T00:00", 20250901, None, "2025-10-01", "2025-10-02"]
    words = ["done", "Done", " done ", "in-progress", "blocked", "not-started", "进行中", "完成", "DONE", "x", "",
             None, 1]
    percents = [None, 0, 1, 1.0, 50, 99.5, 100, 100.0, 101, -1, True, False, "50", float("nan"), float("inf"), 10 ** 30]
    values = [None, 1, 1.0, 96.5, True, "1", float("nan"), -0.0]
    notes = [None, "", " ", "n", 5, ["a"]]
    evidence = [None, "", "a.pdf", [], ["a.pdf"], ["a", 1], [["a"]], {"a": 1}]
    extra = [{}, {"by": None}, {"by": 3}, {"source": None}, {"source": "s"}, {"source": 1}, {"milestone": "x"},
             {"percent": None}]
    rng = random.Random(7)

    def pick(pool: list[object], good: int) -> object:  # the first ``good`` of a pool are mostly what is met
        return rng.choice(pool[:good]) if rng.random() < 0.8 else rng.choice(pool)

    quick = QuickCheck(CAT, unit, TODAY)
    disagree = []
    accepted = 0
    for n in range(12000):
        v: dict[str, object] = {"id": rng.choice(["a", "", 1, None]) if rng.random() < 0.05 else f"r{n}",
                                "type": "progress" if rng.random() < 0.97 else "milestone",
                                "date": pick(dates, 2), "task": pick(tasks, 4), "status": pick(words, 5)}
        for key, pool, good in (("percent", percents, 7), ("value", values, 3), ("note", notes, 4),
                                ("evidence", evidence, 5)):
            if rng.random() < 0.6:
                v[key] = pick(pool, good)
        v.update(rng.choice(extra))
        v = {k: x for k, x in v.items() if not (x is None and rng.random() < 0.5)}
        got = quick(v, n + 5)
        if got is None:
            continue
        accepted += 1
        out = Collector("p")
        full = check_record(CAT, unit, RawRecord(v, Pos(n + 5, 3)), TODAY, out, quick=False)
        if full != got or out.problems:
            disagree.append((v, got, full, [p.code for p in out.problems]))
    assert accepted > 300 and not disagree, (accepted, disagree[:3])
