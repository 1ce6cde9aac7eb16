"""What a change did to the progress files, in plain words: new records, edited, deleted, moved or
duplicated ones (which an append-only sequence of records should never see), warning levels before and
after, and problems the change brings. Each file's records are compared in order, not as a set: swapping
two records of the same day changes which one counts.

Pure: both sides come in as {path: bytes}; gitio fetches them, the CLI decides what to do with the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from tracker.check.records import Progress, check_progress
from tracker.compute.report import collect
from tracker.compute.state import Level, Records, pair_state
from tracker.core.model import Catalog
from tracker.core.problems import Problem
from tracker.load.progress import RawFile, read_progress


@dataclass(frozen=True)
class RecordChange:
    kind: str  # "added", "inserted" (above a record the old file had), "edited", "deleted", "moved" (out of its old
    # order), "duplicated"
    path: str
    unit: str
    task: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    line: int

    @property
    def loud(self) -> bool:
        return self.kind != "added"

    @property
    def record(self) -> dict[str, Any]:
        return self.after if self.after is not None else self.before or {}


@dataclass(frozen=True)
class LevelChange:
    unit: str
    task: str
    before: Level
    after: Level
    status_before: str
    status_after: str
    percent_before: float
    percent_after: float


@dataclass
class Diff:
    changes: list[RecordChange] = field(default_factory=list)
    levels: list[LevelChange] = field(default_factory=list)
    new_problems: list[Problem] = field(default_factory=list)
    old_problems: list[Problem] = field(default_factory=list)  # already there before the change (原有问题)
    other_files: list[str] = field(default_factory=list)

    @property
    def loud(self) -> list[RecordChange]:
        return [c for c in self.changes if c.loud]


def _by_id(raw: RawFile) -> dict[str, tuple[dict[str, Any], int]]:
    out: dict[str, tuple[dict[str, Any], int]] = {}
    for rec in raw.records:
        rid = rec.values.get("id")
        if isinstance(rid, str) and rid not in out:
            out[rid] = (rec.values, rec.pos.line)
    return out


def _ids(raw: RawFile) -> list[str]:
    return [rid for rec in raw.records if isinstance(rid := rec.values.get("id"), str)]


def _moved(old: list[str], new: list[str]) -> set[str]:
    """Ids of records kept from ``old`` that left their old order in ``new``: all but a longest run of them
    that is still in order (the fewest moves that explain the change)."""
    import bisect

    where = {rid: n for n, rid in reversed(list(enumerate(old)))}
    seq = [(where[rid], rid) for rid in dict.fromkeys(new) if rid in where]
    tails: list[int] = []  # index in seq ending the best increasing run of each length
    ends: list[int] = []  # the old position at each of those ends, for bisection
    back: list[int] = []
    for i, (pos, _) in enumerate(seq):
        k = bisect.bisect_left(ends, pos)
        back.append(tails[k - 1] if k else -1)
        if k == len(tails):
            tails.append(i)
            ends.append(pos)
        else:
            tails[k], ends[k] = i, pos
    keep: set[str] = set()
    i = tails[-1] if tails else -1
    while i >= 0:
        keep.add(seq[i][1])
        i = back[i]
    return {rid for _, rid in seq} - keep


def _task(values: dict[str, Any]) -> str:
    return str(values.get("task", "")).upper()


def diff_progress(cat: Catalog, before: dict[str, bytes], after: dict[str, bytes], as_of: dt.date,
                  today: dt.date) -> Diff:
    """Compare two versions of the progress files (paths relative to the tracking folder)."""
    result = Diff()
    checked_a: list[Progress] = []
    checked_b: list[Progress] = []
    known: set[tuple[Any, ...]] = set()
    keys_b: dict[int, tuple[Any, ...]] = {}
    for path in sorted(set(before) | set(after)):
        unit = PurePosixPath(path).stem
        raw_a = read_progress(before[path], path) if path in before else RawFile(path)
        raw_b = read_progress(after[path], path) if path in after else RawFile(path)
        a, b = _by_id(raw_a), _by_id(raw_b)
        last_kept = max((line for rid, (_, line) in b.items() if rid in a), default=0)
        for rid, (values, line) in b.items():
            if rid not in a:  # appended after every record the old file had, or inserted above one of them
                kind = "inserted" if line < last_kept else "added"
                result.changes.append(RecordChange(kind, path, unit, _task(values), None, values, line))
            elif a[rid][0] != values:
                result.changes.append(RecordChange("edited", path, unit, _task(values), a[rid][0], values, line))
        for rid, (values, line) in a.items():
            if rid not in b:
                result.changes.append(RecordChange("deleted", path, unit, _task(values), values, None, line))
        for rid in sorted(_moved(_ids(raw_a), _ids(raw_b)), key=lambda r: b[r][1]):
            values, line = b[rid]
            result.changes.append(RecordChange("moved", path, unit, _task(values), a[rid][0], values, line))
        seen_ids: set[str] = set()
        for rec in raw_b.records:
            same = rec.values.get("id")
            if isinstance(same, str) and same in seen_ids:
                result.changes.append(RecordChange("duplicated", path, unit, _task(rec.values), None, rec.values,
                                                   rec.pos.line))
            elif isinstance(same, str):
                seen_ids.add(same)
        if path in before:
            checked_a.append(check_progress(cat, raw_a, unit, today))
            known.update(_problem_key(p, raw_a) for p in checked_a[-1].problems)
        if path in after:
            checked_b.append(check_progress(cat, raw_b, unit, today))
            keys_b.update((id(p), _problem_key(p, raw_b)) for p in checked_b[-1].problems)
    for prog in checked_b:
        for p in prog.problems:
            (result.old_problems if keys_b[id(p)] in known else result.new_problems).append(p)
    result.levels = _levels(cat, checked_a, checked_b, result.changes, as_of)
    return result


def _problem_key(p: Problem, raw: RawFile) -> tuple[Any, ...]:
    """What makes a problem the same one in two versions of a file: its code and words, and the record it is
    about (by its id, else by its content), wherever that record now stands; never its line."""
    record: Any = None
    for rec in raw.records:
        if rec.pos.line > p.line:
            break
        record = rec
    if record is not None:
        rid = record.values.get("id")
        record = rid if isinstance(rid, str) else repr(sorted(record.values.items(), key=lambda kv: kv[0]))
    return p.path, p.code, p.args, record


def _levels(cat: Catalog, a: list[Progress], b: list[Progress], changes: list[RecordChange],
            as_of: dt.date) -> list[LevelChange]:
    recs_a, recs_b = collect(a), collect(b)
    empty = Records()
    out = []
    for unit, task in dict.fromkeys((c.unit, c.task) for c in changes):
        item = cat.items.get(task)
        if item is None or not cat.reports_on(unit, item):
            continue
        pa = pair_state(cat, item, unit, recs_a.get((task, unit), empty), as_of)
        pb = pair_state(cat, item, unit, recs_b.get((task, unit), empty), as_of)
        out.append(LevelChange(unit, task, pa.level, pb.level, pa.status.value, pb.status.value, pa.percent,
                               pb.percent))
    return out
