"""A derived cache of checked progress files, so a report with unchanged files parses nothing.

One JSON file per progress file under ``.tracker-cache/`` (ignored by git), holding the checked records and
the problems found. An entry is used only when everything it was derived from is unchanged: the file's
bytes (a content hash, so a change within the same second is seen), the task list and units (their hash),
the cache format and the tool's version. A result that depended on today's date (a record dated in the
future) is used only on the day it was made, and none is used on a day before its latest record. Anything
else (missing, truncated, damaged, stale, from another version or another folder) is ignored and rebuilt
from the file. JSON runs no code when read, unlike pickle.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from tracker import __version__
from tracker.model import Entry, Milestone, Review, Status
from tracker.problems import Problem
from tracker.rules import Progress

FORMAT = 1
DIRNAME = ".tracker-cache"
_STATUS = {s.value: s for s in Status}
_date = dt.date.fromisoformat


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
        data = json.loads(path.read_bytes())
        if not isinstance(data, dict) or {k: data.get(k) for k in _key(rel, content, catalog)} != \
                _key(rel, content, catalog):
            return None
        if data["checked_on"] != today.isoformat() and (data["today_sensitive"] or
                                                         (data["latest"] and today.isoformat() < data["latest"])):
            return None  # the future-date check could come out differently today
        unit = data["unit"]
        prog = Progress(rel, unit)
        new, status = tuple.__new__, _STATUS  # the hot loop of a warm report: build the tuples directly
        prog.entries = [new(Entry, (r[0], unit, r[1], _date(r[2]), status[r[3]], r[4], r[5], r[6], tuple(r[7]), r[8],
                                    r[9])) for r in data["entries"]]
        prog.milestones = [Milestone(r[0], unit, r[1], _date(r[2]), _date(r[3]), r[4], r[5], r[6], r[7], r[8])
                           for r in data["milestones"]]
        prog.reviews = [Review(r[0], unit, r[1], _date(r[2]), r[3], r[4], r[5], r[6]) for r in data["reviews"]]
        prog.problems = [Problem(*p) for p in data["problems"]]
        return prog
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None  # missing, truncated, damaged or foreign: rebuilt from the file


def write(path: Path, rel: str, content: str, catalog: str, today: dt.date, prog: Progress) -> None:
    """Store a checked file; a cache that cannot be written is simply not written."""
    dates = [e.date for e in prog.entries] + [m.date for m in prog.milestones] + [r.date for r in prog.reviews]
    data = {
        **_key(rel, content, catalog),
        "checked_on": today.isoformat(),
        "today_sensitive": any(p.code == "future-date" for p in prog.problems),
        "latest": max(dates).isoformat() if dates else None,
        "unit": prog.unit,
        "entries": [[e.id, e.task, e.date.isoformat(), e.status.value, e.percent, e.value, e.note, list(e.evidence),
                     e.by, e.line] for e in prog.entries],
        "milestones": [[m.id, m.task, m.date.isoformat(), m.due.isoformat(), m.text, m.by, m.replaces, m.percent,
                        m.line] for m in prog.milestones],
        "reviews": [[r.id, r.task, r.date.isoformat(), r.verdict, r.note, r.by, r.line] for r in prog.reviews],
        "problems": [[p.path, p.line, p.col, p.level, p.code, p.message, p.hint] for p in prog.problems],
    }
    with contextlib.suppress(OSError):
        from tracker.store import atomic_write

        path.parent.mkdir(exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# tracker's derived cache: safe to delete, never commit\n*\n", encoding="utf-8")
        atomic_write(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
