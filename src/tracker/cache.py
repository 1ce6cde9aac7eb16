"""A derived cache of checked progress files, so a report with unchanged files parses nothing.

One file per progress file under ``.tracker-cache/`` (ignored by git): a header line, then the checked
records and the problems found as JSON. A cache file is used only when everything it was derived from is
unchanged: the progress file's bytes (a content hash, so a change within the same second is seen), the task
list and units (their hash), the cache format and the tool's version; and when its own payload still has
the checksum its header gives. A result that depended on today's date (a record dated in the future) is used
only on the day it was made, and none is used on a day before its latest record. Anything else (missing,
truncated, damaged, stale, from another version or another folder) is ignored and rebuilt from the file.
JSON runs no code when read, unlike pickle.

The payload is columnar, with repeated dates, task ids and names stored once, and entries grouped by task
and sorted by date: building a million records from it is a handful of C-level maps rather than a Python
loop, which is what keeps a warm report close to the cost of merely decoding the JSON.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import operator
from pathlib import Path
from typing import Any

from tracker import __version__
from tracker.model import (
    Action,
    Cadence,
    Catalog,
    Entry,
    Item,
    KeyWork,
    Milestone,
    Period,
    Plan,
    Review,
    Status,
    Target,
    Thresholds,
    Unit,
    UnitKind,
    build_name_index,
)
from tracker.problems import Pos, Problem
from tracker.rules import Progress

FORMAT = 2
DIRNAME = ".tracker-cache"
_STATUS = {s.value: s for s in Status}
_ENTRY = functools.partial(tuple.__new__, Entry)
_COLUMNS = ("id", "task", "date", "status", "percent", "value", "note", "evidence", "by", "line")


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def cache_path(folder: Path, rel: str) -> Path:
    """The cache file of one progress file (named by a hash, so any file name is safe)."""
    return folder / DIRNAME / (hashlib.blake2b(rel.encode("utf-8"), digest_size=10).hexdigest() + ".json")


def _key(rel: str, content: str, catalog: str) -> dict[str, Any]:
    return {"cache": "tracker-progress", "format": FORMAT, "tool": __version__, "path": rel, "content": content,
            "catalog": catalog}


def read(path: Path, rel: str, content: str, catalog: str, today: dt.date) -> Progress | None:
    """The cached result for this exact file content, or None when there is no usable one."""
    try:
        raw = path.read_bytes()
        head_bytes, _, payload = raw.partition(b"\n")
        head = json.loads(head_bytes)
        key = _key(rel, content, catalog)
        if not isinstance(head, dict) or {k: head.get(k) for k in key} != key:
            return None
        if head["checksum"] != content_hash(payload):
            return None  # truncated or altered after it was written
        if head["checked_on"] != today.isoformat() and (head["today_sensitive"] or
                                                         (head["latest"] and today.isoformat() < head["latest"])):
            return None  # the future-date check could come out differently today
        return _progress(rel, head["unit"], json.loads(payload))
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None  # missing, damaged or foreign: rebuilt from the file


def _progress(rel: str, unit: str | None, data: dict[str, Any]) -> Progress:
    dates = [dt.date.fromisoformat(d) for d in data["dates"]]
    tasks, names = data["tasks"], data["names"]
    cols = data["entries"]
    n = len(cols["id"])
    if any(len(cols[c]) != n for c in _COLUMNS):
        raise ValueError("columns of unequal length")
    prog = Progress(rel, unit)
    prog.entries = list(map(_ENTRY, zip(
        cols["id"], [unit] * n, map(tasks.__getitem__, cols["task"]), map(dates.__getitem__, cols["date"]),
        map(_STATUS.__getitem__, cols["status"]), cols["percent"], cols["value"], cols["note"],
        map(tuple, cols["evidence"]), map(names.__getitem__, cols["by"]), cols["line"], strict=True)))
    prog.milestones = [Milestone(r[0], unit or "", r[1], dates[r[2]], dates[r[3]], r[4], r[5], r[6], r[7], r[8])
                       for r in data["milestones"]]
    prog.reviews = [Review(r[0], unit or "", r[1], dates[r[2]], r[3], r[4], r[5], r[6]) for r in data["reviews"]]
    prog.problems = [Problem(*p) for p in data["problems"]]
    return prog


def _intern(values: list[Any]) -> tuple[list[Any], list[int]]:
    """Distinct values in first-seen order, and each value's position among them."""
    distinct = list(dict.fromkeys(values))
    where = {v: n for n, v in enumerate(distinct)}
    return distinct, list(map(where.__getitem__, values))


_TASK_DATE_LINE = operator.attrgetter("task", "date", "line")
_STATUS_TEXT = {s: s.value for s in Status}


def write(path: Path, rel: str, content: str, catalog: str, today: dt.date, prog: Progress) -> None:
    """Store a checked file; a cache that cannot be written is simply not written. Columns are cut out of
    the records by ``zip`` rather than field by field: on a cold run this is done for every file."""
    entries = sorted(prog.entries, key=_TASK_DATE_LINE)
    ids, _, tasks, days, states, percents, values, notes, evidence, by, lines = (
        zip(*entries, strict=True) if entries else ((),) * len(Entry._fields))
    ms, rs = prog.milestones, prog.reviews
    dates, at = _intern([*days, *(m.date for m in ms), *(m.due for m in ms), *(r.date for r in rs)])
    task_names, task_at = _intern(list(tasks))
    names, by_at = _intern(list(by))
    n, k = len(entries), len(ms)
    recorded = [*days, *(m.date for m in ms), *(r.date for r in rs)]
    payload = {
        "entries": {"id": ids, "task": task_at, "date": at[:n], "status": list(map(_STATUS_TEXT.__getitem__, states)),
                    "percent": percents, "value": values, "note": notes, "evidence": evidence, "by": by_at,
                    "line": lines},
        "milestones": [[m.id, m.task, at[n + i], at[n + k + i], m.text, m.by, m.replaces, m.percent, m.line]
                       for i, m in enumerate(ms)],
        "reviews": [[r.id, r.task, at[n + 2 * k + i], r.verdict, r.note, r.by, r.line] for i, r in enumerate(rs)],
        "problems": [[p.path, p.line, p.col, p.level, p.code, p.message, p.hint] for p in prog.problems],
        "dates": [d.isoformat() for d in dates], "tasks": task_names, "names": names,
    }
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    head = {
        **_key(rel, content, catalog),
        "checksum": content_hash(body),
        "checked_on": today.isoformat(),
        "today_sensitive": any(p.code == "future-date" for p in prog.problems),
        "latest": max(recorded).isoformat() if recorded else None,  # a milestone's due date is no record's
        "unit": prog.unit,
    }
    with contextlib.suppress(OSError):
        _store(path, json.dumps(head, ensure_ascii=False).encode("utf-8") + b"\n" + body)


# ---------------------------------------------------------------- the task list

def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _pos(p: list[int]) -> Pos:
    return Pos(p[0], p[1])


def _target(t: list[Any] | None) -> Target | None:
    return None if t is None else Target(t[0], float(t[1]), t[2])


def _item(r: list[Any]) -> Item:
    cadence = None if r[10] is None else Cadence(Period(r[10][0]), None if r[10][1] is None else Period(r[10][1]))
    return Item(r[0], r[1], r[2], r[3], tuple(r[4]), tuple(r[5]), _d(r[6]), r[7], r[8], r[9], cadence,
                _target(r[11]), None if r[12] is None else tuple(r[12]), tuple(r[13]), _pos(r[14]),
                tuple((name, _pos(p)) for name, p in r[15]))


def read_catalog(folder: Path, content: str) -> tuple[Catalog, list[Problem]] | None:
    """The task list and units as last loaded and checked, when both files are byte for byte the same."""
    try:
        head_bytes, _, payload = (folder / DIRNAME / "catalog.json").read_bytes().partition(b"\n")
        head = json.loads(head_bytes)
        key = {"cache": "tracker-catalog", "format": FORMAT, "tool": __version__, "content": content}
        if {k: head.get(k) for k in key} != key or head["checksum"] != content_hash(payload):
            return None
        data = json.loads(payload)
        p = data["plan"]
        plan = Plan(p[0], p[1], p[2], p[3], _d(p[4]), p[5], _d(p[6]), _d(p[7]), _d(p[8]), _d(p[9]), tuple(p[10]))
        items = {r[0]: _item(r) for r in data["items"]}
        works = {r[0]: KeyWork(r[0], r[1], r[2], tuple(r[3]), _target(r[4]), tuple(r[5]), _pos(r[6]))
                 for r in data["works"]}
        actions = {r[0]: Action(r[0], r[1], r[2], tuple(r[3]), tuple(r[4]), _pos(r[5])) for r in data["actions"]}
        units = {r[0]: Unit(r[0], r[1], r[2], UnitKind(r[3]), tuple(r[4]), tuple(r[5]), r[6], r[7], tuple(r[8]),
                            _pos(r[9])) for r in data["units"]}
        thresholds = Thresholds(*data["thresholds"])
        problems = [Problem(*q) for q in data["problems"]]
        return Catalog(plan, thresholds, items, works, actions, units, build_name_index(units)), problems
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def write_catalog(folder: Path, content: str, cat: Catalog, problems: list[Problem]) -> None:
    def encode(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    payload = {"plan": cat.plan, "thresholds": cat.thresholds, "items": list(cat.items.values()),
               "works": list(cat.works.values()), "actions": list(cat.actions.values()),
               "units": list(cat.units.values()), "problems": problems}
    with contextlib.suppress(OSError, TypeError):
        body = json.dumps(payload, ensure_ascii=False, default=encode, separators=(",", ":")).encode("utf-8")
        head = {"cache": "tracker-catalog", "format": FORMAT, "tool": __version__, "content": content,
                "checksum": content_hash(body)}
        _store(folder / DIRNAME / "catalog.json", json.dumps(head).encode("utf-8") + b"\n" + body)


_PREPARED: set[Path] = set()


def _prepare(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# tracker's derived cache: safe to delete, never commit\n*\n", encoding="utf-8")
    _PREPARED.add(folder)


def _store(path: Path, data: bytes) -> None:
    """Write a cache file in place. No temporary file and rename, which cost more than the writing on a cold
    run over hundreds of files: a cache file is trusted only when its payload matches the checksum in its
    header, so a reader that finds it half written, or two runs writing it at once, only cost a rebuild."""
    if path.parent not in _PREPARED:
        _prepare(path.parent)
    try:
        path.write_bytes(data)
    except FileNotFoundError:  # the folder was deleted since this process prepared it
        _prepare(path.parent)
        path.write_bytes(data)
