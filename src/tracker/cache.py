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


class _Table:
    """Distinct values, each stored once and referred to by position."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.index: dict[Any, int] = {}

    def __call__(self, value: Any) -> int:
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.values)
            self.values.append(value)
        return found


def write(path: Path, rel: str, content: str, catalog: str, today: dt.date, prog: Progress) -> None:
    """Store a checked file; a cache that cannot be written is simply not written."""
    dates, tasks, names = _Table(), _Table(), _Table()
    entries = sorted(prog.entries, key=lambda e: (e.task, e.date, e.line))
    payload = {
        "entries": {
            "id": [e.id for e in entries], "task": [tasks(e.task) for e in entries],
            "date": [dates(e.date.isoformat()) for e in entries], "status": [e.status.value for e in entries],
            "percent": [e.percent for e in entries], "value": [e.value for e in entries],
            "note": [e.note for e in entries], "evidence": [list(e.evidence) for e in entries],
            "by": [names(e.by) for e in entries], "line": [e.line for e in entries]},
        "milestones": [[m.id, m.task, dates(m.date.isoformat()), dates(m.due.isoformat()), m.text, m.by, m.replaces,
                        m.percent, m.line] for m in prog.milestones],
        "reviews": [[r.id, r.task, dates(r.date.isoformat()), r.verdict, r.note, r.by, r.line] for r in prog.reviews],
        "problems": [[p.path, p.line, p.col, p.level, p.code, p.message, p.hint] for p in prog.problems],
    }
    payload.update(dates=dates.values, tasks=tasks.values, names=names.values)
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    all_dates = [e.date for e in prog.entries] + [m.date for m in prog.milestones] + [r.date for r in prog.reviews]
    head = {
        **_key(rel, content, catalog),
        "checksum": content_hash(body),
        "checked_on": today.isoformat(),
        "today_sensitive": any(p.code == "future-date" for p in prog.problems),
        "latest": max(all_dates).isoformat() if all_dates else None,
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


def _store(path: Path, data: bytes) -> None:
    from tracker.store import atomic_write

    path.parent.mkdir(exist_ok=True)
    ignore = path.parent / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# tracker's derived cache: safe to delete, never commit\n*\n", encoding="utf-8")
    atomic_write(path, data, durable=False)  # a cache lost in a crash is rebuilt
