"""Writing progress files without ever losing a byte: lock, re-read, check, append, atomic replace.

Every write holds an exclusive lock on ``<file>.lock`` (a separate file, so the data file itself can be
replaced), re-reads the file under the lock, refuses to touch a file that already has errors, and writes
the old bytes plus one new line to a temporary file that replaces the old one in a single rename. A crash or
Ctrl-C at any point leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tracker.check.records import (
    Progress,
    Record,
    check_progress,
    check_record,
    falls_from,
    late_milestones,
    new_record,
    replacement_problem,
)
from tracker.check.rules import binding
from tracker.core.i18n import Msg
from tracker.core.model import Catalog, Entry, Milestone
from tracker.core.problems import START, Collector, Problem, problem
from tracker.core.refusal import Refused as Refused  # callers catch it from here too
from tracker.folder import refresh
from tracker.folder.files import Replacement, atomic_write, locked
from tracker.folder.filestate import FileState, TakenIds, appended, state_of, unwritten
from tracker.folder.root import PROGRESS, Root, catalog_hash
from tracker.load.progress import TooLarge, header, read_file, read_progress, record_line


@dataclass(frozen=True)
class Written:
    """A record written, and what `validate` warns about it (a percent falling, a done item reopened …)."""

    record: Record
    path: Path
    line: str
    warnings: tuple[Problem, ...] = ()
    source: str | None = None  # an imported row's fingerprint


def new_id(date: dt.date) -> str:
    """A record id unique without coordination between clones: the date and 24 random bits."""
    return f"{date:%Y%m%d}-{os.urandom(3).hex()}"


def _links(root: Root, path: Path, lock: Path) -> list[Problem]:
    """Symbolic links where a record would be written: never followed, never replaced."""
    rel = f"{PROGRESS}/{path.name}"  # as named, not resolved: a link's target may lie anywhere
    return [problem(shown, START, "symlink", file=shown)
            for shown, p in ((PROGRESS + "/", root.progress), (rel, path), (rel + ".lock", lock)) if p.is_symlink()]


def append_record(root: Root, cat: Catalog, unit: str, values: dict[str, Any], today: dt.date, *,
                  use_cache: bool = True) -> Written:
    """Check ``values`` as a record of ``unit`` and append it to the unit's file, or raise Refused."""
    return append_records(root, cat, unit, [values], today, use_cache=use_cache).written[0]


@dataclass(frozen=True)
class Appended:
    path: Path
    written: list[Written]
    skipped: int  # records whose ``source`` (an imported row's fingerprint) the file already holds


def append_records(root: Root, cat: Catalog, unit: str, batch: list[dict[str, Any]], today: dt.date, *,
                   dry_run: bool = False, use_cache: bool = True) -> Appended:
    """Check every record of ``batch`` and append them all to the unit's file in one atomic replace, or raise
    Refused having written nothing. A record whose ``source`` (an imported row's fingerprint) is already in
    the file or earlier in the batch is skipped, so importing the same sheet twice adds nothing.
    ``dry_run`` does everything but the write. The file's checked state comes from the derived cache when it
    holds one for the file's exact bytes (see ``filestate``), else from checking the whole file."""
    path = root.progress_file(unit)
    rel = root.rel(path)
    lock = path.with_name(path.name + ".lock")
    links = _links(root, path, lock)
    if links:
        raise Refused(Msg.of("refused.symlink"), links)
    try:
        with locked(lock):
            return _append_locked(root, cat, unit, batch, today, path, lock, dry_run, use_cache)
    except OSError as exc:
        if exc.filename is None or Path(exc.filename) != lock:
            raise
        # a link planted between the check and the lock (O_NOFOLLOW refuses it), or no permission
        raise Refused(Msg.of("refused.cannot-lock", path=rel + ".lock", reason=exc.strerror or ""), []) from None


def _append_locked(root: Root, cat: Catalog, unit: str, batch: list[dict[str, Any]], today: dt.date, path: Path,
                   lock: Path, dry_run: bool, use_cache: bool) -> Appended:
    links = _links(root, path, lock)  # again under the lock: a link planted meanwhile is refused too
    if links:
        raise Refused(Msg.of("refused.symlink"), links)
    try:
        old = read_file(path) if path.exists() else None
    except TooLarge as exc:
        raise Refused(Msg.of("refused.file-has-errors", path=root.rel(path)), [exc.problem(root.rel(path))]) from None
    if old is None or dry_run:
        return _append_read(root, cat, unit, batch, today, path, old, None, dry_run, use_cache)
    # The old bytes are copied into the file's replacement while the new records are checked; the
    # replacement is renamed over the file only once they all pass (else removed: the file stays as it was).
    try:
        early = Replacement(path)
    except OSError:  # a folder that cannot be written: the records are still checked, and refused first
        return _append_read(root, cat, unit, batch, today, path, old, None, dry_run, use_cache)
    copying = _Meanwhile(lambda: early.write(old, settle=True))
    try:
        return _append_read(root, cat, unit, batch, today, path, old, (early, copying), dry_run, use_cache)
    finally:  # refused, failed or nothing to write: the replacement goes (once renamed, nothing is left of it)
        with contextlib.suppress(OSError):
            copying.wait()
        early.abandon()


def _append_read(root: Root, cat: Catalog, unit: str, batch: list[dict[str, Any]], today: dt.date, path: Path,
                 old: bytes | None, early: tuple[Replacement, _Meanwhile] | None, dry_run: bool,
                 use_cache: bool) -> Appended:
    """``append_records`` once the file's bytes (``old``, None for a new file) are read, its replacement
    being written (``early``) when there are any."""
    rel = root.rel(path)
    catalog = _catalog_key(root) if use_cache else ""
    digest = None
    fresh: list[str] = []
    if catalog and old is not None:
        from tracker.folder import cache

        hashed: list[hashlib._Hash] = []
        hashing = _Meanwhile(lambda: hashed.append(cache.hasher(old)))  # SHA-256 lets go of the interpreter
        wanted = min(TakenIds.SEARCHES, sum(1 for values in batch if not values.get("id")))
        fresh = unwritten(old, lambda: new_id(today), wanted)  # a search of the bytes, meanwhile
        hashing.wait()
        digest = hashed[0]
    state, whole = (None, None) if old is None else _state(root, cat, unit, rel, old, today, catalog, digest)
    if state is not None and state.errors:
        raise Refused(Msg.of("refused.file-has-errors", path=rel), list(state.errors))
    ids: set[str] = set()  # besides the file's
    taken = None if state is None or old is None else TakenIds(state, old, fresh)
    drawn = iter(fresh)
    sources: set[str] = set()
    out = Collector(rel)
    written: list[Written] = []
    skipped = 0
    elsewhere = False  # whether a new record names one the state does not describe: judged with the whole file
    late = _beyond(cat, unit, rel, old, whole, today, batch)
    for values in batch:
        source = values.get("source")
        if isinstance(source, str) and (source in sources or (state is not None and state.sources.has(source))):
            skipped += 1
            continue
        values = dict(values)
        while not values.get("id") or values["id"] in ids or (taken is not None and values["id"] in taken):
            values["id"] = next(drawn, None) or new_id(today)
        ids.add(values["id"])
        if values.get("type") in binding.NAMES:  # bound to the record it decides, as the file then stands
            values = _bound(cat, unit, rel, old, written, today, whole, values)
        record = check_record(cat, unit, new_record(values), today, out, beyond=late)
        if isinstance(record, Milestone) and record.replaces is not None:
            target = state.milestones.get(record.replaces) if state is not None else None
            if target is None:  # no milestone that counts: an unknown id, a record of another type, a withdrawn
                elsewhere = True  # milestone, one of this batch; rare, and judged (and named) by the whole file
            elif not replacement_problem(record, target, out):
                record = None
        if record is not None:
            written.append(Written(record, path, record_line(values),
                                   source=source if isinstance(source, str) else None))
            if isinstance(source, str):
                sources.add(source)
    if any(p.level == "error" for p in out.problems):
        raise Refused(Msg.of("refused.record"), out.problems)
    if not written:
        return Appended(path, written, skipped)
    lines = "".join(w.line for w in written)
    if old is None:
        unit_obj = cat.units[unit]
        tail = (header(unit, f"{unit_obj.name}（{unit_obj.short}）") + lines).encode("utf-8")
    else:
        tail = (b"" if old.endswith(b"\n") or not old else b"\n") + lines.encode("utf-8")
    new_bytes = _Joined(old or b"", tail)  # the file as it will be, joined only where the whole is read
    if elsewhere or any(_whole_file(w.record) for w in written):
        data = new_bytes()
        # What only the whole file shows (the record a decision names, a withdrawal's target, the request an
        # extension decision names), and what a record does to the records before it (a withdrawn request leaves
        # its approval naming nothing): the old file had no error, so any error now is the new records', and
        # they are not written.
        new = check_progress(cat, read_progress(data, rel), unit, today)
        first = data.count(b"\n", 0, len(data) - 1) + 2 - len(written)
        errors = [p for p in new.problems if p.level == "error"]
        broken = sorted({p.line for p in errors if p.line < first})
        if broken:
            raise Refused(Msg.of("refused.breaks-file", path=rel, lines="、".join(map(str, broken))), errors)
        if errors:
            raise Refused(Msg.of("refused.record"), errors)
        idle = [p for p in new.problems if p.line >= first and p.code in _IDLE]
        if idle:  # a decision that would change nothing is not written
            raise Refused(Msg.of("refused.decided-again"), idle)
    if dry_run:
        return Appended(path, written, skipped)
    was = None if digest is None else digest.hexdigest()
    written, after, checked = _with_warnings(cat, unit, new_bytes, tail, rel, today, written, state)
    if checked is None and whole is not None:  # the old file was checked whole: so is the new one
        checked = _grown(whole, written)

    def store_derived() -> None:
        """The file's new state and what the next report needs. Every cache entry is keyed by the new bytes'
        hash, so one stored for a write that then fails is never used."""
        if not catalog:
            return
        from tracker.folder import cache

        nonlocal digest
        if digest is None:
            digest = cache.hasher(new_bytes())
        else:
            digest.update(tail)  # the old bytes are hashed once
        cache.write_state(cache.cache_dir(root.path, root.git_dir), rel, digest.hexdigest(), catalog, today, unit,
                          after)
        with contextlib.suppress(OSError):  # derived data: the record is written either way
            refresh.store_checked(root, cat, today, catalog, rel, was, digest.hexdigest(), checked,
                          [w.record for w in written], [p for w in written for p in w.warnings])

    # The file is written here, under the lock, while another thread brings the derived cache up to date;
    # neither outlives the lock (a Ctrl-C waits for them, see _Meanwhile.wait).
    caching = _Meanwhile(store_derived, "tracker-cache")
    try:
        if early is None:
            atomic_write(path, new_bytes())
        else:
            replacement, copying = early
            copying.wait()
            replacement.finish(tail)
    except BaseException:
        with contextlib.suppress(Exception, KeyboardInterrupt):
            caching.wait()
        raise
    try:
        caching.wait()
    except KeyboardInterrupt:
        raise InterruptedAfterWriting from None  # too late to stop the record: say so
    return Appended(path, written, skipped)


class InterruptedAfterWriting(KeyboardInterrupt):
    """Ctrl-C came once the records were in the file (while the derived cache was being brought up to date):
    the run stops, but the records stand."""


class _Meanwhile:
    """``job`` run in a thread of its own (writing, fsync and SHA-256 release the interpreter's lock)."""

    def __init__(self, job: Callable[[], object], name: str = "tracker-write") -> None:
        import _thread
        import threading

        self._failed: BaseException | None = None
        self._job = job
        self._running = _thread.allocate_lock()  # held while the job runs
        self._running.acquire()
        with _interrupts_held():  # Thread.start waits on an Event, which a Ctrl-C can leave locked for good
            threading.Thread(target=self._run, name=name).start()

    def _run(self) -> None:
        try:
            self._job()
        except BaseException as exc:  # handed to the waiter
            self._failed = exc
        finally:
            self._running.release()

    def wait(self) -> None:
        """Return once the job has ended, raising what it raised. A Ctrl-C meanwhile is held back until then
        (and raised after): a caller interrupted here must never leave a write going on behind it, past the
        lock it holds."""
        with _interrupts_held():
            self._running.acquire()
            self._running.release()
            if self._failed is not None:
                raise self._failed


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold back Ctrl-C for the block, and deliver it after (an exception from the block wins). The waits of
    the threading module are not safe to interrupt; in any thread but the main one, nothing is held."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and callable(previous):
        previous(signal.SIGINT, None)  # Python's own handler raises KeyboardInterrupt


def extended_items(root: Root, cat: Catalog, unit: str, today: dt.date) -> dict[str, dt.date]:
    """The items of ``unit``'s file whose deadline an approved extension moved past records_until, with the
    last date their records may carry (read from the whole file: needed only for a date past records_until)."""
    path = root.progress_file(unit)
    try:
        data = read_file(path) if path.exists() and not path.is_symlink() else None
    except OSError:  # unreadable or too large: the record is refused there, as any would be
        data = None
    return _beyond(cat, unit, root.rel(path), data, None, today, [{"date": "9999-12-31"}]) or {}


def _beyond(cat: Catalog, unit: str, rel: str, old: bytes | None, whole: Progress | None, today: dt.date,
            batch: list[dict[str, Any]]) -> dict[str, dt.date] | None:
    """For records dated past records_until (rare: after the campaign, on an item whose deadline an approved
    extension moved), the items of the file allowed so, and how far: from the whole old file."""
    end = cat.plan.records_until.isoformat()
    if old is None or not any(str(values.get("date", "")) > end for values in batch):
        return None
    from tracker.check.rules.extensions import beyond

    prog = whole if whole is not None else check_progress(cat, read_progress(old, rel), unit, today)
    return beyond(cat.plan.records_until, prog.extensions)


def _whole_file(record: Record) -> bool:
    """Whether a new record is judged with the whole file: a decision (it names the record it decides), a
    withdrawal, an extension's request, a reminder (the state a record keeps covers progress and milestones
    only)."""
    return not isinstance(record, (Entry, Milestone))


_IDLE = ("decided-again", "decision-without-claim", "decision-unbound")  # what a decision that changes nothing says


def _bound(cat: Catalog, unit: str, rel: str, old: bytes | None, written: list[Written], today: dt.date,
           whole: Progress | None, values: dict[str, Any]) -> dict[str, Any]:
    """A decision with its binding written in (``binding.bind``): the record it decides and the digest of that
    record's content, from the file as it stands under the lock with the batch's records before it."""
    unit_obj = cat.units[unit]
    data = (old if old is not None else header(unit, f"{unit_obj.name}（{unit_obj.short}）").encode("utf-8"))
    if written:
        data += (b"" if data.endswith(b"\n") or not data else b"\n") + "".join(w.line for w in written).encode("utf-8")
    raw = read_progress(data, rel)
    checked = whole if whole is not None and not written else check_progress(cat, raw, unit, today)
    return binding.bind(values, checked, raw)


def _catalog_key(root: Root) -> str:
    """What a file's checked state depends on besides the file (the task list and units); "" when unreadable."""

    try:
        return catalog_hash(root)
    except OSError:
        return ""


def _state(root: Root, cat: Catalog, unit: str, rel: str, data: bytes, today: dt.date, catalog: str,
           digest: hashlib._Hash | None) -> tuple[FileState, Progress | None]:
    """The checked state of the file holding ``data`` (hashed by ``digest``): from the cache when it knows
    these exact bytes, else from checking the whole file (a file changed behind the cache's back, or never
    recorded into), which is then returned too."""
    if catalog and digest is not None:
        from tracker.folder import cache

        known = cache.read_state(cache.cache_dir(root.path, root.git_dir), rel, digest.hexdigest(), catalog, today)
        if known is not None:
            return known, None
    raw = read_progress(data, rel)
    checked = check_progress(cat, raw, unit, today)
    return state_of(checked, raw, data), checked


def _grown(old: Progress, written: list[Written]) -> Progress:
    """The whole file checked, from the old file checked and the records appended (with their lines and
    warnings): what checking the new file gives when the new records' warnings needed no second look."""
    grown = Progress(old.path, old.unit, list(old.entries), list(old.milestones), list(old.reviews),
                     list(old.extensions), list(old.reminders),
                     problems=[*old.problems, *(p for w in written for p in w.warnings)])
    for w in written:
        grown.file(w.record)
    return grown


class _Joined:
    """A file's old bytes and the bytes appended, joined into one (twelve megabytes at fifty thousand records)
    only when something reads the whole, and then once."""

    def __init__(self, old: bytes, tail: bytes) -> None:
        self._old, self._tail = old, tail
        self._whole: bytes | None = None

    def __call__(self) -> bytes:
        if self._whole is None:
            self._whole = self._old + self._tail
        return self._whole


def _with_warnings(cat: Catalog, unit: str, new_bytes: _Joined, tail: bytes, rel: str, today: dt.date,
                   written: list[Written], before: FileState | None
                   ) -> tuple[list[Written], FileState, Progress | None]:
    """The records written (given their lines), each with what `validate` warns about it in the file as it
    now stands, the file's new state, and the whole file checked when it had to be. The warnings about a new
    record depend only on its item's entries before it: from the old file's state, unless a new entry is
    dated before its item's latest (what only the whole file shows),
    when the whole file is checked again."""
    if before is not None:  # the line of the first new record, without counting the old file's lines
        first = before.newlines + tail.count(b"\n", 0, len(tail) - 1) + 2 - len(written)
    else:
        data = new_bytes()
        first = data.count(b"\n", 0, len(data) - 1) + 2 - len(written)
    written = [replace(w, record=w.record._replace(line=first + n)) for n, w in enumerate(written)]
    placed = [w.record for w in written]
    out = Collector(rel)
    if before is not None:
        last = dict(before.last)
        for rec in placed:
            if isinstance(rec, Entry):
                prev = last.get(rec.task)
                if prev is not None and rec.date < prev.date:
                    break
                falls_from(prev, rec, out)
                last[rec.task] = rec
            elif isinstance(rec, Milestone):
                late_milestones(cat, [rec], out)
            elif _whole_file(rec):
                break
        else:
            after = appended(before, [(r, w.source) for r, w in zip(placed, written, strict=True)], tail)
            return [replace(w, warnings=tuple(p for p in out.problems if p.line == first + n))
                    for n, w in enumerate(written)], after, None
    data = new_bytes()
    raw = read_progress(data, rel)
    checked = check_progress(cat, raw, unit, today)
    return [replace(w, warnings=tuple(p for p in checked.problems if p.line == first + n and p.level == "warning"))
            for n, w in enumerate(written)], state_of(checked, raw, data), checked
