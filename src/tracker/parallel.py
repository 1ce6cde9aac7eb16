"""Checking many progress files at once, one worker process per core: what a cold report spends its time on.

A report with nothing cached (the first one in a clone, or the first after tasks.yaml or units.yaml changed,
which makes every cached entry stale) must read and check every record ever written; that is Python work, so
it goes as fast as the cores working on it. Each worker reads one file, checks it, and hands back the file's
entries for the cache's packs, encoded (the whole file's, and the few records a report as of today needs):
the parent process only writes those bytes into the packs and decodes what the report reads, as a report
with a warm cache does. Results come back in the order of the files, as the packs keep them, and only a few
files ahead of the one the parent is at, so memory stays at a few files' worth whatever the history.

Workers are forked where the system can (Linux, macOS), which costs a few milliseconds and no pickling of
the task list; elsewhere they are spawned, each importing the checker and receiving the task list once.
Nothing here is used for a handful of small files, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import datetime as dt
import operator
import os
from collections import deque
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from tracker.model import Catalog

MIN_BYTES = 4 << 20  # below this, the files are checked in the calling process
AHEAD = 3  # files handed to each worker before the parent has taken the first result


class Encoded(NamedTuple):
    """One file as a worker checked it: its content hash, its cache entries (the whole file's and the enough
    records'), and the date of its latest record (ISO, or None when it has none)."""

    content: str
    whole: bytes
    enough: bytes
    latest: str | None


class Unreadable(NamedTuple):
    """A file the worker could not read, with the system's reason."""

    reason: str


class WorkerDied(RuntimeError):
    """A worker process ended without handing back its file (killed, or out of memory)."""


def workers() -> int:
    """How many workers: TRACKER_WORKERS when set to a whole number (1 checks in this process), else the cores
    this process may run on."""
    given = os.environ.get("TRACKER_WORKERS", "").strip()
    if given.isdigit() and int(given) > 0:
        return int(given)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1


def worth_it(paths: list[Path]) -> bool:
    """Whether checking ``paths`` in workers pays for starting them: more than one core, and enough to read."""
    if workers() < 2 or len(paths) < 2:
        return False
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            continue
        if total >= MIN_BYTES:
            return True
    return False


def checked(paths: list[Path], rels: list[str], cat: Catalog, today: dt.date
            ) -> Generator[Encoded | Unreadable, None, None]:
    """Each file of ``paths`` checked in a worker, in order (``rels``: their paths relative to the root). A
    worker that dies (killed, out of memory) fails the run with BrokenProcessPool rather than hanging it."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    method = os.environ.get("TRACKER_START_METHOD") or (
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    count = min(workers(), len(paths))
    pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context(method), initializer=_start,
                               initargs=(cat, today))
    pending: deque[Future[Encoded | Unreadable]] = deque()
    jobs = iter(zip(paths, rels, strict=True))
    try:
        for path, rel in jobs:
            pending.append(pool.submit(_check, str(path), rel))
            if len(pending) >= count * AHEAD:
                break
        while pending:
            try:
                result = pending.popleft().result()
            except BrokenProcessPool as exc:
                raise WorkerDied(str(exc)) from exc
            for path, rel in jobs:  # keep the workers busy: one more file for the one taken
                pending.append(pool.submit(_check, str(path), rel))
                break
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------- in the worker

_given: dict[str, Any] = {}
_TASK_DATE_LINE = operator.attrgetter("task", "date", "line")


def _start(cat: Catalog, today: dt.date) -> None:
    _given["cat"], _given["today"] = cat, today


def _check(path: str, rel: str) -> Encoded | Unreadable:
    from tracker import cache
    from tracker.progress import read_progress
    from tracker.rules import check_progress
    from tracker.validate import enough_of

    cat: Catalog = _given["cat"]
    today: dt.date = _given["today"]
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return Unreadable(exc.strerror or str(exc))
    content = cache.content_hash(data)
    prog = check_progress(cat, read_progress(data, rel), Path(path).stem, today)
    prog.entries.sort(key=_TASK_DATE_LINE)  # once, for both entries and for finding the enough records
    prog.in_order = True
    latest = prog.latest()
    return Encoded(content, cache.encode_entry(rel, content, today, prog),
                   cache.encode_entry(rel, content, today, enough_of(cat, prog)),
                   None if latest is None else latest.isoformat())
