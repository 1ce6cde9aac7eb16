"""A derived cache of checked progress files, so a report with unchanged files parses nothing.

The cache lives where git cannot carry it (see ``cache_dir``): inside the repository's git directory when
the folder is in a repository, else in the user's cache directory. It is never inside the tracking folder,
so a pack that someone rewrote (with a matching checksum, which only catches accidents) and committed cannot
reach another clone's report: a ``.tracker-cache/`` in the folder is never read.

The checked progress files are kept in sixteen pack files, ``progress-00.pack`` to ``progress-0f.pack``,
each progress file in the one its path hashes to.
A pack is a header line naming the cache format, the tool's version and the task list's hash, then one
entry per progress file in the order the files are read, each a line of metadata (the file's path, a hash of
its bytes, the payload's size and checksum) and a line of payload (the checked records and the problems
found, as JSON). A few packs rather than one file per progress file: creating hundreds of small files cost
more than everything else a cold report does; and not a single pack, so that a record copies a sixteenth.

An entry is used only when everything it was derived from is unchanged: the progress file's bytes (so a
change within the same second is seen), the task list and units, the format, the rules (``registry.digest``)
and the version; and when its
payload still has its checksum. A result that depended on today's date (a record dated in the future) is
used only on the day it was made, and none is used on a day before its latest record. Anything else
(missing, truncated, damaged, stale, from another version or another folder) is ignored and rebuilt from
the file. JSON runs no code when read, unlike pickle.

A pack is read in step with the progress files, one entry at a time, and a new one is written (to a
temporary file, then renamed over the old) only when one of its entries changed: the unchanged entries are
copied as bytes, so a report after one ``tracker record`` parses and encodes one file.

The payload is columnar, with repeated dates, task ids, names and evidence lists stored once, and entries
grouped by task and sorted by date: building a million records from it is a handful of C-level maps rather
than a Python loop, which is what keeps a warm report close to the cost of merely decoding the JSON.

Two more kinds of derived file, under the same rules (keyed by the file's content hash and the task list's,
checksummed, never trusted otherwise):

- ``enough/progress-XX.pack``: packs of the same format holding, per progress file, only the records from
  which every pair's state comes out the same as of the file's latest record or later (``state.enough``).
  With them, the file's errors (not its warnings, which only validate reads, from the whole files).
  A report as of today reads these, so its cost follows the pairs, not the history (the benchmark
  measures them against an sqlite3 table of every record indexed by pair and date: see RESULTS.md).
- ``state-<hash of the path>.json``: what `tracker record` needs of a file it appends to (``filestate``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import operator
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

import orjson

from tracker import __version__
from tracker.check import registry
from tracker.check.checked import Named, Progress
from tracker.core.model import (
    Action,
    Cadence,
    CarriedPair,
    Catalog,
    Entry,
    Extension,
    Item,
    KeyWork,
    LadderStep,
    Milestone,
    Origin,
    Period,
    Plan,
    Reminder,
    Review,
    Scoring,
    Status,
    Target,
    Thresholds,
    Unit,
    UnitKind,
    build_name_index,
)
from tracker.core.problems import Pos, Problem
from tracker.folder.files import atomic_write, clean_stale, clean_stale_in

if TYPE_CHECKING:
    from tracker.folder.filestate import FileState

# The cache's format: FORMAT, the layout of its files and of what is derived here (the enough records, a file's
# state), raised by hand when either changes; and the rules' digest (``check.registry``), which changes by
# itself with any rule, its codes or their levels. Every file of the cache is keyed by both.
FORMAT = 19  # 19: the dated packs (what a report as of a past span needs), stamps.json (``stamps``)
# 18: the catalog keeps the ladder and the trust root, a reminder the date of its reply; 17: a review keeps
# the record it decides, a file's state no last decision per item, a unit its signing keys; 16: a cached
# task list's items carry their origin (carried.yaml, its own column), and the task list's hash covers
# carried.yaml; 15: a decision without a claim is worded as `tracker verify` refuses one (its cached arguments
# differ); 14: the rules' digest keys the cache too; 13: the enough packs keep a file's errors, not its warnings;
# 11: a file state keeps only the ids not written as the tool writes them; 10: what a report needs per pair
DIRNAME = "tracker-cache"  # the folder's name inside the git directory
LEVELS_DIRNAME = "tracker-levels"  # the lower levels' mirrors' (see ``mirrors_dir``)
SHARDS = 16
DATED = "dated"  # the folder, in the cache's, of the packs of what a report as of a past span needs
SPANS = 8  # span folders kept (see ``_spans_kept``)
_STATUS = {s.value: s for s in Status}
_ENTRY = functools.partial(tuple.__new__, Entry)
_COLUMNS = ("id", "task", "date", "status", "percent", "value", "note", "evidence", "by", "line")


def cache_dir(folder: Path, git_dir: Path | None = None) -> Path:
    """Where the cache of a tracking folder lives: ``<git dir>/tracker-cache/<hash>`` when git itself says the
    folder is in a repository (``git_dir``: what ``git rev-parse --absolute-git-dir`` answered there, a
    worktree's own git directory included) and that git directory is the user's own; else
    ``$XDG_CACHE_HOME/tracker/<hash>`` (default ``~/.cache``). ``<hash>`` is a hash of the folder's path, so
    two folders never share entries. A ``.git`` that git does not recognise (a plain folder a colleague made
    above the tracking folder, a ``.git`` file pointing anywhere) or one owned by someone else never holds it:
    whoever can write there could forge the report."""
    folder = folder.resolve()
    key = hashlib.sha256(os.fsencode(folder)).hexdigest()[:24]
    if git_dir is not None and _own(git_dir) and _own(git_dir / DIRNAME, absent_ok=True):
        return git_dir / DIRNAME / key
    return _user_cache() / "tracker" / key


def mirrors_dir(folder: Path, git_dir: Path | None = None) -> Path:
    """Where the lower levels' mirrors of a tracking folder live: out of git's reach like the cache, in
    ``<git dir>/tracker-levels/<hash>`` (``git_dir`` as for ``cache_dir``) or ``$XDG_CACHE_HOME/tracker/levels/
    <hash>``; never in the folder, where a committed mirror (and its hooks) would come with a clone."""
    folder = folder.resolve()
    key = hashlib.sha256(os.fsencode(folder)).hexdigest()[:24]
    if git_dir is not None and _own(git_dir) and _own(git_dir / LEVELS_DIRNAME, absent_ok=True):
        return git_dir / LEVELS_DIRNAME / key
    return _user_cache() / "tracker" / "levels" / key


def _user_cache() -> Path:
    home = os.environ.get("XDG_CACHE_HOME") or ""
    return Path(home) if os.path.isabs(home) else Path.home() / ".cache"


def _own(path: Path, absent_ok: bool = False) -> bool:
    """Whether ``path`` is a folder of this user's own, not a link to one (where ownership has a meaning)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return absent_ok
    except OSError:
        return False
    uid = getattr(os, "geteuid", None)
    return stat.S_ISDIR(st.st_mode) and (uid is None or st.st_uid == uid())


def _fresh(meta: dict[str, Any], today: str) -> bool:
    """False when the future-date check could come out differently ``today`` (an ISO date): a record dated after
    it, or a clock set back before the day the entry was checked (a withdrawal then dated in the future, say)."""
    if meta["checked_on"] == today:
        return True
    if today < meta["checked_on"]:
        return False
    return not meta["today_sensitive"] and not (meta["latest"] and today < meta["latest"])


def content_hash(data: bytes) -> str:
    """A file's or a payload's identity. SHA-256, which processors accelerate: a warm report hashes every
    progress file and every payload it reads (half a gigabyte at a million entries), and BLAKE2b took three
    times as long here."""
    return hasher(data).hexdigest()


def hasher(data: bytes) -> hashlib._Hash:
    """``content_hash`` as a hash object, to which appended bytes can be added without hashing the rest again."""
    return hashlib.sha256(data)


def _progress(rel: str, unit: str | None, data: dict[str, Any]) -> Progress:
    dates = [dt.date.fromisoformat(d) for d in data["dates"]]
    tasks, names, evidence = data["tasks"], data["names"], [tuple(e) for e in data["evidence"]]
    cols = data["entries"]
    n = len(cols["id"])
    if any(len(cols[c]) != n for c in _COLUMNS):
        raise ValueError("columns of unequal length")
    prog = Progress(rel, unit)
    prog.entries = list(map(_ENTRY, zip(
        cols["id"], [unit] * n, map(tasks.__getitem__, cols["task"]), map(dates.__getitem__, cols["date"]),
        map(_STATUS.__getitem__, cols["status"]), cols["percent"], cols["value"], cols["note"],
        map(evidence.__getitem__, cols["evidence"]), map(names.__getitem__, cols["by"]), cols["line"], strict=True)))
    prog.milestones = [Milestone(r[0], unit or "", r[1], dates[r[2]], dates[r[3]], r[4], r[5], r[6], r[7], r[8])
                       for r in data["milestones"]]
    prog.reviews = [Review(r[0], unit or "", r[1], dates[r[2]], r[3], r[4], r[5], r[6], r[7]) for r in data["reviews"]]
    prog.extensions = [Extension(r[0], unit or "", r[1], _d(r[2]), r[3], None if r[4] is None else _d(r[4]), r[5],
                                 r[6], r[7], r[8]) for r in data["extensions"]]
    prog.reminders = [Reminder(r[0], unit or "", _d(r[1]), tuple(r[2]), r[3], None if r[4] is None else _d(r[4]),
                               r[5], r[6], None if r[7] is None else _d(r[7])) for r in data["reminders"]]
    prog.problems = [Problem.decode(p) for p in data["problems"]]
    prog.in_order = True  # as _entry wrote them
    return prog


def _intern(values: list[Any]) -> tuple[list[Any], list[int]]:
    """Distinct values in first-seen order, and each value's position among them."""
    distinct = list(dict.fromkeys(values))
    where = {v: n for n, v in enumerate(distinct)}
    return distinct, list(map(where.__getitem__, values))


_STATUS_TEXT = {s: s.value for s in Status}


TASK_DATE_LINE = operator.attrgetter("task", "date", "line")  # the order a file's entries are kept in


def encode_entry(rel: str, content: str, today: dt.date, prog: Progress) -> bytes:
    """One progress file's entry in the pack: its metadata line and its payload line. Columns are cut out of
    the records by ``zip`` rather than field by field: on a cold run this is done for every file."""
    entries = prog.entries if prog.in_order else sorted(prog.entries, key=TASK_DATE_LINE)
    ids, _, tasks, days, states, percents, values, notes, evidence, by, lines = (
        zip(*entries, strict=True) if entries else ((),) * len(Entry._fields))
    ms, rs = prog.milestones, prog.reviews
    dates, at = _intern([*days, *(m.date for m in ms), *(m.due for m in ms), *(r.date for r in rs)])
    task_names, task_at = _intern(list(tasks))
    names, by_at = _intern(list(by))
    evidence_lists, evidence_at = _intern(list(evidence))  # mostly none, or the same few files
    n, k = len(entries), len(ms)
    latest = prog.latest()
    payload = {
        "entries": {"id": ids, "task": task_at, "date": at[:n], "status": list(map(_STATUS_TEXT.__getitem__, states)),
                    "percent": percents, "value": values, "note": notes, "evidence": evidence_at, "by": by_at,
                    "line": lines},
        "milestones": [[m.id, m.task, at[n + i], at[n + k + i], m.text, m.by, m.replaces, m.percent, m.line]
                       for i, m in enumerate(ms)],
        "reviews": [[r.id, r.task, at[n + 2 * k + i], r.verdict, r.note, r.by, r.line, r.decides]
                    for i, r in enumerate(rs)],
        "extensions": [[x.id, x.task, x.date.isoformat(), x.kind, None if x.until is None else x.until.isoformat(),
                        x.request, x.note, x.by, x.line] for x in prog.extensions],
        "reminders": [[r.id, r.date.isoformat(), list(r.items), r.number,
                       None if r.reply_by is None else r.reply_by.isoformat(), r.by, r.line,
                       None if r.replied is None else r.replied.isoformat()] for r in prog.reminders],
        "problems": [p.encode() for p in prog.problems],
        "dates": [d.isoformat() for d in dates], "tasks": task_names, "names": names, "evidence": evidence_lists,
    }
    body = compact(payload)
    meta = {
        "path": rel,
        "content": content,
        "size": len(body),
        "checksum": content_hash(body),
        "checked_on": today.isoformat(),
        "today_sensitive": any(p.code == "future-date" for p in prog.problems),
        "latest": None if latest is None else latest.isoformat(),
        "unit": prog.unit,
    }
    return compact(meta) + b"\n" + body + b"\n"


def compact(value: Any) -> bytes:
    """JSON as the cache writes it: compact, UTF-8, keys in the order given. orjson, which encodes a file's
    columns about fifteen times as fast as ``json.dumps`` (a cold report encodes every file's twice, and spent
    a sixth of its time there); ``json`` for what orjson refuses (an integer beyond 64 bits), with the same
    meaning: both are read back by ``json.loads``."""
    try:
        return orjson.dumps(value)
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_entry(rel: str, entry: bytes) -> Progress:
    """The checked file an entry made by ``encode_entry`` holds (one this process has just been handed)."""
    head, _, body = entry.partition(b"\n")
    return _progress(rel, json.loads(head)["unit"], json.loads(body))


class Later(NamedTuple):
    """A cached entry left undecoded: the file has a record dated after the day asked (``latest``)."""

    latest: str


class _Old(NamedTuple):
    """An entry of the old pack, located but not yet decoded."""

    meta: dict[str, Any]
    start: int  # where its metadata line begins
    body: int  # where its payload begins
    end: int  # just after its payload's newline


class _Pack:
    """One pack file, read and rewritten in step with the progress files it holds (see ProgressCache)."""

    def __init__(self, where: Path, name: str, catalog: str, today: dt.date, kind: str) -> None:
        self._dir = where
        self._path = self._dir / name
        self._failed = False  # the new pack could not be written: stop trying for this run
        self._head = {"cache": kind, "format": FORMAT, "rules": registry.digest(), "tool": __version__,
                      "catalog": catalog}
        self._day, self._today = today, today.isoformat()
        self._old: BinaryIO | None = None
        self._at = 0  # where the next old entry begins
        self._limit = 0  # where the readable old entries end
        self._kept: list[tuple[int, int]] = []  # old entries to copy, until the new pack is opened
        self._out: BinaryIO | None = None
        self._tmp: Path | None = None
        self._changed = False
        self._open_old()

    def _open_old(self) -> None:
        try:
            self._old = open(self._path, "rb")  # noqa: SIM115 - closed in close() or abandon()
            first = self._old.readline()
            head = json.loads(first) if first.endswith(b"\n") else None
            size = os.fstat(self._old.fileno()).st_size
        except (OSError, ValueError):  # missing, unreadable or damaged
            head = None
        if head != self._head:  # another format, version or task list: every entry is stale
            self._changed = self._path.exists()
            self._drop_old()
        else:
            self._at, self._limit = len(first), size

    def usable(self) -> bool:
        """Whether the old pack is of this format, version and task list, with entries in it."""
        return self._old is not None and self._at < self._limit

    def _drop_old(self) -> None:
        if self._old is not None:
            self._old.close()
            self._old = None

    def _next(self) -> _Old | None:
        """The old entry at the reading position; None at the end, or from a damaged entry on."""
        old = self._old
        if old is None or self._at >= self._limit:
            return None
        try:
            old.seek(self._at)
            line = old.readline()
            meta = json.loads(line) if line.endswith(b"\n") else None
            if isinstance(meta, dict) and isinstance(meta.get("path"), str):
                body = self._at + len(line)
                end = body + int(meta["size"]) + 1
                if body < end <= self._limit and self._read(end - 1, end) == b"\n":
                    return _Old(meta, self._at, body, end)
        except (OSError, ValueError, KeyError, TypeError):
            pass
        self._limit = self._at  # damaged: nothing from here on can be located (what came before still can)
        self._changed = True
        return None

    def _find(self, rel: str) -> _Old | None:
        """The old entry of ``rel``, passing (and dropping) entries of files that are no longer there."""
        while (old := self._next()) is not None and old.meta["path"] < rel:
            self._at = old.end
            self._changed = True
        if old is None or old.meta["path"] != rel:
            return None
        self._at = old.end
        return old

    def get(self, rel: str, content: str, until: str | None = None, *, keep: bool = True) -> Progress | Later | None:
        """The cached result for this exact file content, or None when there is no usable one. With ``until``
        (an ISO date), a usable entry with a record dated after it is kept without being decoded: Later.
        Without ``keep``, the entry is taken out (to be replaced by ``put``)."""
        old = self._find(rel)
        if old is None:
            return None
        meta = old.meta
        try:
            if meta["content"] == content and self._fresh(meta):
                if until is not None and meta["latest"] is not None and meta["latest"] > until:
                    self._keep(old.start, old.end)
                    return Later(meta["latest"])
                payload = self._read(old.body, old.end - 1)
                if meta["checksum"] == content_hash(payload):  # else truncated or altered after writing
                    prog = _progress(rel, meta["unit"], json.loads(payload))
                    if keep:
                        self._keep(old.start, old.end)
                    else:
                        self._changed = True
                    return prog
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            pass  # damaged or foreign: rebuilt from the file
        self._changed = True
        return None

    def _fresh(self, meta: dict[str, Any]) -> bool:
        return _fresh(meta, self._today)

    def put(self, rel: str, content: str, prog: Progress) -> None:
        """Store a file just checked (after ``get`` found nothing usable for it)."""
        self._write(encode_entry(rel, content, self._day, prog))

    def put_encoded(self, rel: str, entry: bytes) -> None:
        """``put`` of an entry already encoded (by ``encode_entry``, in a worker process)."""
        self._find(rel)
        self._write(entry)

    def skip(self, rel: str) -> None:
        """A file this run does not read: its entry, if any, is kept as it is."""
        old = self._find(rel)
        if old is not None:
            self._keep(old.start, old.end)

    def keep(self, rel: str) -> bool:
        """A file this run read from elsewhere: its entry is kept as it is, not decoded, even when it is for
        older bytes of the file (``get`` checks that before trusting it, so a stale entry costs only the
        rebuild it would have cost anyway); False when there is none, or one that does not end as a payload
        does (then ``put`` one)."""
        old = self._find(rel)
        try:
            framed = old is not None and self._read(old.end - 2, old.end) == b"}\n"
        except (OSError, ValueError):
            framed = False
        if old is None or not framed:
            self._changed = True
            return False
        self._keep(old.start, old.end)
        return True

    def _keep(self, start: int, end: int) -> None:
        if self._out is not None:
            try:
                self._copy(start, end)
            except (OSError, ValueError):
                self._give_up()
        elif self._kept and self._kept[-1][1] == start:
            self._kept[-1] = (self._kept[-1][0], end)
        else:
            self._kept.append((start, end))

    def _read(self, start: int, end: int) -> bytes:
        assert self._old is not None
        self._old.seek(start)
        data = self._old.read(end - start)
        if len(data) != end - start:
            raise ValueError("the pack is shorter than its entries")
        return data

    def _copy(self, start: int, end: int) -> None:
        assert self._out is not None
        step = 1 << 22  # copy in slices, so memory stays small even for a long run of unchanged entries
        for at in range(start, end, step):
            self._out.write(self._read(at, min(at + step, end)))

    def _write(self, data: bytes) -> None:
        self._changed = True
        try:
            if self._out is None and not self._failed:
                self._start_new()
            if self._out is not None:
                self._out.write(data)
        except (OSError, ValueError):  # ValueError: the old pack shrank under us while entries were copied
            self._give_up()

    def _start_new(self) -> None:
        _prepare(self._dir)
        clean_stale(self._path)  # what a run killed while writing this pack left behind
        self._tmp = self._dir / f".{self._path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
        self._out = open(self._tmp, "xb")  # noqa: SIM115 - closed in close() or _give_up()
        self._out.write(json.dumps(self._head).encode("utf-8") + b"\n")
        for start, end in self._kept:
            self._copy(start, end)
        self._kept = []

    def _give_up(self) -> None:
        """The new pack cannot be written (a full disk, a read-only folder): go on without a cache."""
        self._failed = True
        if self._out is not None:
            with contextlib.suppress(OSError):
                self._out.close()
            self._out = None
        if self._tmp is not None:
            with contextlib.suppress(OSError):
                self._tmp.unlink()

    def close(self) -> None:
        """Store the new pack when anything changed: an entry rebuilt, added or dropped."""
        if self._next() is not None:  # entries of files that are no longer there
            self._changed = True
        try:
            if self._changed and self._out is None and not self._failed:
                self._start_new()
            if self._out is not None and self._tmp is not None:
                self._out.close()
                self._out = None
                self._drop_old()  # closed before the rename, which Windows needs
                os.replace(self._tmp, self._path)
        except (OSError, ValueError):
            self._give_up()
        self._drop_old()

    def abandon(self) -> None:
        """Leave the old pack as it was (the files were not all read, so the new one would lack some)."""
        self._give_up()
        self._drop_old()


class ProgressCache:
    """The cached progress files of one folder, spread over SHARDS pack files by a hash of each file's path,
    so that after one ``tracker record`` only a sixteenth of the cache is copied into a new pack.

    Call ``get`` (and ``put`` after a miss) or ``skip`` for each progress file in the order of their paths
    as strings, then ``close`` to store what changed, or ``abandon`` to leave the old packs as they were.
    Nothing here raises on a damaged or missing pack, or on a cache that cannot be written."""

    def __init__(self, where: Path, catalog: str, today: dt.date, *, enough: bool = False,
                 span: tuple[dt.date, dt.date] | None = None) -> None:
        self._catalog, self._today = catalog, today
        # ``where``: the cache's folder (``cache_dir``). ``enough``: the packs of what a report as of a file's
        # latest record or later needs (see ``state.enough``), kept apart in a folder of their own; ``span``
        # (the first and last day of whole months): those of what a report as of any day in it needs
        # (``enough.dated_of``), in a folder per span, the SPANS last used kept
        if span is not None:
            self._dir = where / DATED / f"{span[0]:%Y-%m}_{span[1]:%Y-%m}"
            _spans_kept(self._dir)
        else:
            self._dir = where / "enough" if enough else where
        # the span is in the packs' head as in their folder's name: a pack moved to another span's is not read
        self._kind = f"tracker-dated {span[0]:%Y-%m}_{span[1]:%Y-%m}" if span is not None \
            else "tracker-enough" if enough else "tracker-progress"
        self._packs: dict[int, _Pack] = {}

    def _pack(self, rel: str) -> _Pack:
        shard = shard_of(rel)
        found = self._packs.get(shard)
        if found is None:
            found = self._packs[shard] = _Pack(self._dir, pack_name(shard), self._catalog, self._today, self._kind)
        return found

    def get(self, rel: str, content: str) -> Progress | None:
        """The cached result for this exact file content, or None when there is no usable one."""
        found = self._pack(rel).get(rel, content)
        assert not isinstance(found, Later)
        return found

    def get_until(self, rel: str, content: str, until: dt.date) -> Progress | Later | None:
        """``get``, but an entry of a file with a record dated after ``until`` is kept undecoded: Later."""
        return self._pack(rel).get(rel, content, until.isoformat())

    def take(self, rel: str, content: str) -> Progress | None:
        """``get``, the entry taken out of the pack (whatever it holds), to be replaced by ``put``."""
        found = self._pack(rel).get(rel, content, keep=False)
        assert not isinstance(found, Later)
        return found

    def put(self, rel: str, content: str, prog: Progress) -> None:
        """Store a file just checked (after ``get`` found nothing usable for it)."""
        self._pack(rel).put(rel, content, prog)

    def put_encoded(self, rel: str, entry: bytes) -> None:
        """``put`` of an entry already encoded by ``encode_entry``."""
        self._pack(rel).put_encoded(rel, entry)

    def skip(self, rel: str) -> None:
        """A file this run does not read: its entry, if any, is kept as it is."""
        self._pack(rel).skip(rel)

    def cold(self) -> bool:
        """Whether no pack holds anything usable for this task list, format and version: every file is to be
        checked (the first report, or the first after tasks.yaml or units.yaml changed)."""
        for shard in range(SHARDS):
            if shard not in self._packs:
                self._packs[shard] = _Pack(self._dir, pack_name(shard), self._catalog, self._today, self._kind)
            if self._packs[shard].usable():
                return False
        return True

    def keep(self, rel: str) -> bool:
        """A file this run read from elsewhere (see ``_Pack.keep``)."""
        return self._pack(rel).keep(rel)

    def close(self) -> None:
        """Store every pack in which anything changed; a pack none of whose files is left is emptied."""
        for shard in range(SHARDS):
            if shard not in self._packs and (self._dir / pack_name(shard)).exists():
                self._packs[shard] = _Pack(self._dir, pack_name(shard), self._catalog, self._today, self._kind)
        for pack in self._packs.values():
            pack.close()

    def abandon(self) -> None:
        for pack in self._packs.values():
            pack.abandon()


def _spans_kept(used: Path) -> None:
    """Mark the span folder ``used`` as the latest used, and remove all but the SPANS latest used: each
    span a report asks for (a month's bulletin, a ``--since``) has its own, and most are asked for once."""
    with contextlib.suppress(OSError):
        if not used.parent.is_dir():
            return
        if used.is_dir():
            os.utime(used)
        others = sorted((p for p in used.parent.iterdir() if p.is_dir() and p != used),
                        key=lambda p: p.stat().st_mtime_ns, reverse=True)
        import shutil

        for old in others[SPANS - 1:]:
            shutil.rmtree(old, ignore_errors=True)


def shard_of(rel: str) -> int:
    """The pack a progress file's entry lives in: the same on every machine and every run."""
    return hashlib.blake2b(rel.encode("utf-8"), digest_size=1).digest()[0] % SHARDS


def pack_name(shard: int) -> str:
    return f"progress-{shard:02x}.pack"


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
                tuple((name, _pos(p)) for name, p in r[15]), r[16], r[17], _origin(r[18]))


def _origin(o: list[Any] | None) -> Origin | None:
    if o is None:
        return None
    pairs = tuple(CarriedPair(p[0], Status(p[1]), float(p[2]), None if p[3] is None else _d(p[3]), p[4]) for p in o[4])
    return Origin(o[0], o[1], o[2], _d(o[3]), pairs, o[5], o[6])


def read_catalog(where: Path, content: str) -> tuple[Catalog, list[Problem]] | None:
    """The task list and units as last loaded and checked, when both files are byte for byte the same
    (``where``: the cache's folder)."""
    try:
        head_bytes, _, payload = (where / "catalog.json").read_bytes().partition(b"\n")
        head = json.loads(head_bytes)
        key = {"cache": "tracker-catalog", "format": FORMAT, "rules": registry.digest(), "tool": __version__,
               "content": content}
        if {k: head.get(k) for k in key} != key or head["checksum"] != content_hash(payload):
            return None
        data = json.loads(payload)
        p = data["plan"]
        plan = Plan(p[0], p[1], p[2], p[3], _d(p[4]), p[5], _d(p[6]), _d(p[7]), _d(p[8]), _d(p[9]), tuple(p[10]),
                    *p[11:])
        items = {r[0]: _item(r) for r in data["items"]}
        works = {r[0]: KeyWork(r[0], r[1], r[2], tuple(r[3]), _target(r[4]), tuple(r[5]), _pos(r[6]))
                 for r in data["works"]}
        actions = {r[0]: Action(r[0], r[1], r[2], tuple(r[3]), tuple(r[4]), _pos(r[5])) for r in data["actions"]}
        units = {r[0]: Unit(r[0], r[1], r[2], UnitKind(r[3]), tuple(r[4]), tuple(r[5]), r[6], r[7], tuple(r[8]),
                            _pos(r[9]), tuple((str(k[0]), str(k[1])) for k in r[10])) for r in data["units"]}
        thresholds = Thresholds(*data["thresholds"])
        problems = [Problem.decode(q) for q in data["problems"]]
        sc = data["scoring"]
        scoring = Scoring._make([*sc[:-1], tuple((int(a), float(w)) for a, w in sc[-1])])
        ladder = tuple(LadderStep(*step) for step in data["ladder"])
        return Catalog(plan, thresholds, items, works, actions, units, build_name_index(units), scoring, ladder,
                       str(data["trust_root"])), problems
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def write_catalog(where: Path, content: str, cat: Catalog, problems: list[Problem]) -> None:
    def encode(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    payload = {"plan": cat.plan, "thresholds": cat.thresholds, "items": list(cat.items.values()),
               "works": list(cat.works.values()), "actions": list(cat.actions.values()),
               "units": list(cat.units.values()), "scoring": cat.scoring, "ladder": list(cat.ladder),
               "trust_root": cat.trust_root, "problems": [p.encode() for p in problems]}
    with contextlib.suppress(OSError, TypeError):
        body = json.dumps(payload, ensure_ascii=False, default=encode, separators=(",", ":")).encode("utf-8")
        head = {"cache": "tracker-catalog", "format": FORMAT, "rules": registry.digest(), "tool": __version__,
                "content": content,
                "checksum": content_hash(body)}
        store(where / "catalog.json", json.dumps(head).encode("utf-8") + b"\n" + body)


# ---------------------------------------------------------------- a progress file's state for `record`

def state_path(where: Path, rel: str) -> Path:
    """The file holding the state `tracker record` keeps of one progress file (see ``filestate``)."""
    return where / f"state-{hashlib.blake2b(rel.encode('utf-8'), digest_size=8).hexdigest()}.json"


def _state_head(rel: str, content: str, catalog: str) -> dict[str, Any]:
    return {"cache": "tracker-file-state", "format": FORMAT, "rules": registry.digest(), "tool": __version__,
            "catalog": catalog, "path": rel, "content": content}


def read_state(where: Path, rel: str, content: str, catalog: str, today: dt.date) -> FileState | None:
    """The state of the progress file ``rel`` whose bytes hash to ``content``, when one was stored for exactly
    those bytes and that task list, is intact and still holds today; else None (the file is checked in full).
    Its ids and fingerprints stay blocks of bytes (see ``filestate.Words``)."""
    from tracker.folder.filestate import FileState, Words

    try:
        head_bytes, _, body = state_path(where, rel).read_bytes().partition(b"\n")
        head = json.loads(head_bytes)
        key = _state_head(rel, content, catalog)
        if {k: head.get(k) for k in key} != key or head["checksum"] != content_hash(body) \
                or not _fresh(head, today.isoformat()):
            return None
        size, ids_size, sources_size = (int(n) for n in head["sizes"])
        if size + ids_size + sources_size != len(body):
            return None
        data = json.loads(body[:size])
        ids, sources = body[size:size + ids_size], body[size + ids_size:]
        if not (ids.startswith(b"\n") and ids.endswith(b"\n") and sources.startswith(b"\n")
                and sources.endswith(b"\n")):
            return None
        unit = data["unit"]
        last = {t: Entry("", unit, t, _d(r[0]), _STATUS[r[2]], float(r[3]), line=int(r[1]))
                for t, r in data["last"].items()}
        milestones = {i: Named("milestone", str(r[0]), int(r[1]), int(r[2])) for i, r in data["milestones"].items()}
        return FileState(tuple(Problem.decode(p) for p in data["errors"]), Words(ids), Words(sources), last,
                         None if head["latest"] is None else _d(head["latest"]),
                         bool(head["today_sensitive"]), int(data["newlines"]), milestones)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def write_state(where: Path, rel: str, content: str, catalog: str, today: dt.date, unit: str,
                state: FileState) -> None:
    """Store the state of the progress file ``rel`` as it now stands (bytes hashing to ``content``)."""
    payload = {"unit": unit, "errors": [p.encode() for p in state.errors], "newlines": state.newlines,
               "last": {t: [e.date.isoformat(), e.line, e.status.value, e.percent] for t, e in state.last.items()},
               "milestones": {i: [m.task, m.line, m.replaced_by] for i, m in state.milestones.items()}}
    with contextlib.suppress(OSError, TypeError, ValueError):
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        body = data + state.ids.blob + state.sources.blob
        head = {**_state_head(rel, content, catalog), "checksum": content_hash(body),
                "sizes": [len(data), len(state.ids.blob), len(state.sources.blob)],
                "checked_on": today.isoformat(), "today_sensitive": state.today_sensitive,
                "latest": None if state.latest is None else state.latest.isoformat()}
        store(state_path(where, rel), json.dumps(head, ensure_ascii=False).encode("utf-8") + b"\n" + body)
    clean_stale_in(where)  # what writes killed part-way left behind, whichever pack they were


def _prepare(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        atomic_write(ignore, b"# tracker's derived cache: safe to delete, never commit\n*\n", durable=False)


def store(path: Path, data: bytes) -> None:
    """Write a cache file atomically (a temporary file renamed over the old one); it is also trusted only when
    its payload matches the checksum in its header, so a damaged one only costs a rebuild."""
    _prepare(path.parent)
    atomic_write(path, data, durable=False)
