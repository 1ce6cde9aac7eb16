"""The roll-up counts each level's pairs by the level's own list, mapped upward task by task; pure, on
levels already loaded (here: the mini folder as the top and as a district whose list maps some tasks)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from tests.compute.test_report import load, states
from tracker.compute.report import Report, build_report, stream_pairs, tally
from tracker.compute.rollup import OWN, LoadedLevel, Rollup, add, map_up, roll_up
from tracker.compute.state import PairState
from tracker.core.model import Catalog

AS_OF = dt.date(2025, 10, 15)


def lower_list(top: Catalog) -> Catalog:
    """The district's list: its task 7 counts towards the top's task 5, its task 6 towards a task the top
    lacks; the rest by their own ids."""
    items = dict(top.items)
    items["7"] = items["7"]._replace(maps_to="5")
    items["6"] = items["6"]._replace(maps_to="99")
    return dataclasses.replace(top, items=items)


def test_a_lower_task_counts_towards_the_one_it_maps_to() -> None:
    top, _ = load()
    lower = lower_list(top)
    assert map_up("7", lower, top) == "5" and map_up("1", lower, top) == "1"
    assert map_up("6", lower, top) is None and map_up("nope", lower, top) is None


def rolled() -> tuple[Catalog, Report, Rollup, list[PairState]]:
    """The mini folder with itself as a district below it (its list mapped as ``lower_list`` says) and a
    level not fetched yet."""
    top, progress = load()
    pairs = stream_pairs(top, progress, AS_OF)
    own = build_report(top, pairs, AS_OF)
    district = LoadedLevel(("district",), "../district", "c0ffee", "ok", lower_list(top), pairs, [], (top,))
    far = LoadedLevel(("far",), "../far", None, "not-fetched", None, [], [], (top,))
    return top, own, roll_up(top, own, [district, far]), pairs


def test_levels_are_counted_together_each_pair_once() -> None:
    top, _, rolled_up, pairs = rolled()

    assert [(r.path, r.state) for r in rolled_up.levels] == [(OWN, "ok"), (("district",), "ok"),
                                                              (("far",), "not-fetched")]
    tasks = [p for p in pairs if top.items[p.item].kind == "task"]
    assert rolled_up.levels[1].tally == tally(tasks) and rolled_up.levels[2].tally.expected == 0
    assert rolled_up.overall == add(tally(tasks), tally(tasks))  # every lower task pair once, mapped or not
    mapped_to_5 = dict(rolled_up.by_item["5"])[("district",)]
    assert mapped_to_5 == tally([p for p in pairs if p.item in ("5", "7")])
    assert ("district",) not in dict(rolled_up.by_item.get("6", []))
    assert [(p.code, p.path, dict(p.args)["task"]) for p in rolled_up.unmapped] == [
        ("level-unmapped", "district/tasks.yaml", "6")]
    assert rolled_up.item_total("1") == add(tally([p for p in pairs if p.item == "1"]),
                                         tally([p for p in pairs if p.item == "1"]))


def test_items_carried_over_are_kept_apart_in_the_roll_up_as_in_each_report() -> None:
    """A carried item (上年结转) is no task and no goal of the year: its pairs count in no level's figures, map to
    nothing (a district's 2024#3 is not the top's) and are not named unmapped."""
    from tracker.core.i18n import Lang
    from tracker.core.model import CarriedPair, Origin, Status
    from tracker.views.levels import level_tasks_view

    top, progress = load()
    unit = top.reporters(top.items["3"])[0]
    origin = Origin("../2024", 2024, "3", dt.date(2024, 12, 31),
                    (CarriedPair(unit, Status.IN_PROGRESS, 40.0, dt.date(2024, 12, 1), "r1"),))
    carried = top.items["3"]._replace(id="2024#3", kind="carried", action=None, work=None, expect=(unit,),
                                      origin=origin)
    top = dataclasses.replace(top, items={**top.items, carried.id: carried})
    pairs = stream_pairs(top, progress, AS_OF)
    assert [(p.unit, p.percent) for p in pairs if p.item == carried.id] == [(unit, 40.0)]
    own = build_report(top, pairs, AS_OF)
    district = LoadedLevel(("district",), "../district", "c0ffee", "ok", lower_list(top), pairs, [], (top,))
    rolled_up = roll_up(top, own, [district])
    tasks = [p for p in pairs if top.items[p.item].kind == "task"]
    assert rolled_up.overall == add(tally(tasks), tally(tasks))
    assert rolled_up.by_item.get(carried.id, []) == []
    assert not any(dict(p.args)["task"] == carried.id for p in rolled_up.unmapped)
    counted = rolled_up._replace(by_item={**rolled_up.by_item, carried.id: [(OWN, tally(pairs[:1]))]})
    for goals in (False, True):  # even were it counted, it would be shown as neither a task nor a goal
        assert carried.id not in {r["id"] for r in level_tasks_view(top, counted, Lang.EN, goals=goals).records}


def test_adding_tallies_keeps_every_count() -> None:
    """Extensions, late requests, escalations and reminders add up across levels like the rest (they used to
    be dropped from every total)."""
    from tracker.compute.report import Tally

    a = Tally(4, 1, 1, 200, 1, 0, 2, 1, 2, 0, extended=1, late_requests=1, escalated=1, reminders=2)
    b = Tally(3, 2, 0, 150, 0, 1, 0, 0, 1, 1, extended=2, late_requests=0, escalated=1, reminders=1)
    total = add(a, b)
    assert total == Tally(7, 3, 1, 350, 1, 1, 2, 1, 3, 1, extended=3, late_requests=1, escalated=2, reminders=3)


def test_a_level_not_counted_is_shown_with_why_and_adds_nothing() -> None:
    cat, pairs = states()
    report = build_report(cat, pairs, AS_OF)
    levels = [LoadedLevel(("甲",), "../a", "a" * 40, "ok", cat, pairs, [], (cat,)),
              LoadedLevel(("乙",), "../a", "a" * 40, "duplicate", None, [], [], (cat,), ("甲",)),
              LoadedLevel(("丙",), "../c", None, "not-locked", None, [], [], (cat,))]
    rolled = roll_up(cat, report, levels)
    assert [(r.path, r.counted) for r in rolled.levels] == [(OWN, True), (("甲",), True), (("乙",), False),
                                                          (("丙",), False)]
    tasks = [p for p in pairs if cat.items[p.item].kind == "task"]
    assert rolled.overall == add(tally(tasks), tally(tasks))
    assert rolled.levels[2].same_as == ("甲",)


def test_a_reminder_over_two_lower_tasks_mapped_to_one_upper_task_counts_once() -> None:
    """A level's figures are kept per item of its own list and mapped upward when counted: a reminder that
    listed a unit's pairs of the district's tasks 5 and 7 (7 maps to the top's 5) is one reminder there, as it
    is when the pairs are counted together, and two in no figure."""
    from tracker.core.model import Reminder

    top, progress = load()
    pairs = stream_pairs(top, progress, AS_OF)
    unit = next(p.unit for p in pairs if p.item == "5")
    rem = Reminder("r1", unit, AS_OF, ("5", "7"), reply_by=AS_OF)
    pairs = [p._replace(reminders=(rem,), unanswered=("r1",)) if p.unit == unit and p.item in ("5", "7") else p
             for p in pairs]
    assert sum(p.unit == unit and p.item in ("5", "7") for p in pairs) == 2
    own = build_report(top, pairs, AS_OF)
    district = LoadedLevel(("district",), "../district", "c0ffee", "ok", lower_list(top), pairs, [], (top,))
    mapped_to_5 = dict(roll_up(top, own, [district]).by_item["5"])[("district",)]
    assert mapped_to_5 == tally([p for p in pairs if p.item in ("5", "7")])
    assert (mapped_to_5.reminders, mapped_to_5.unanswered) == (1, 1)


def test_the_notes_of_mapped_tasks_are_the_ones_counting_pair_by_pair_keeps() -> None:
    """The few key problems kept per upper task come out of the items' figures as they came out of the pairs one
    by one: latest first by date, then unit, ties in the pairs' order, whichever lower item (5, or 7 mapped to
    5) a pair is of. Here 24 blocked pairs over six units and three dates, each unit's pairs of a day tied."""
    from tracker.compute.rollup import NOTES_KEPT, Note
    from tracker.core.model import Status

    top, progress = load()
    pairs = stream_pairs(top, progress, AS_OF)
    base = next(p for p in pairs if p.latest is not None)
    assert base.latest is not None
    blocked = []
    for n in range(24):
        item, unit, day = ("5", "7")[n % 2], f"u{n // 2 % 6}", AS_OF - dt.timedelta(days=n // 2 % 3)
        blocked.append(base._replace(item=item, unit=unit, status=Status.BLOCKED,
                                     latest=base.latest._replace(date=day, note=f"第{n}条")))
    own = build_report(top, pairs, AS_OF)
    district = LoadedLevel(("district",), "../district", "c0ffee", "ok", lower_list(top), blocked, [], (top,))
    notes = roll_up(top, own, [district]).notes["5"].problems
    one_by_one = [Note(p.latest.date.isoformat(), f"district·{p.unit}", p.latest.note, "blocked") for p in blocked
                  if p.latest is not None]
    expected = sorted(one_by_one, key=lambda n: (n.date, n.where), reverse=True)[:NOTES_KEPT]
    assert list(notes) == expected
    assert [n.text for n in expected] == ["第6条", "第7条", "第18条"]  # a tie of the same day and unit, over both items
