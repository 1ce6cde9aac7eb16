"""Which progress files are unchanged since their bytes were last hashed, known from their stat as git's index
knows it, so a warm report reads only the cache and the files that changed.

The cache keeps, in ``stamps.json`` in its folder, each progress file's size, modification and change times
in nanoseconds and inode, as they stood just before its bytes were read and hashed (and still stood just
after), with the hash and the time of that reading. A file whose stat is the same now is taken to hold the
same bytes, and its hash is used without reading it.

Equal stats can hide a change made too soon after them: a filesystem whose times step by a second (or two),
or a clock tick coarser than a nanosecond, gives a file written twice within one step the same times. So, as
git's "racily clean" rule does, a file whose modification or change time is not older than the reading it was
hashed at, nor than this file's own writing (the filesystem's clock, where it differs from this machine's),
by RACY_NS, is hashed again, and stays so until a reading made later than that. ``stamps.json`` is trusted
only whole: a damaged, truncated or foreign one is ignored and every file hashed, as before.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from tracker.folder import cache

NAME = "stamps.json"
RACY_NS = 2_000_000_000  # FAT steps by two seconds; most filesystems by a nanosecond or a clock tick


class Stamp(NamedTuple):
    """What a file's stat says of its bytes, as git's index keeps it (the device is left out, as git does by
    default: a network filesystem may number it anew at every mount)."""

    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int


def stamp(path: Path) -> Stamp | None:
    """The file's stamp now; None when it cannot be stat'ed (reading it will say why)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return Stamp(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


class _Known(NamedTuple):
    stamp: Stamp
    read_at: int  # time.time_ns() just before the bytes were read
    content: str


class Stamps:
    """The stamps of one folder's progress files: ``content`` gives a file's hash when its stamp says it is
    unchanged; ``saw`` records a file just read and hashed; ``close`` stores what changed."""

    def __init__(self, where: Path) -> None:
        self._path = where / NAME
        self._known: dict[str, _Known] = {}
        self._written = 0  # the stored file's modification time: the filesystem's clock at its writing
        self._changed = False
        self.now = time.time_ns()  # the time readings made in this run are recorded at (taken before any)
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError, IndexError):
            self._load()

    def _head(self) -> dict[str, Any]:
        return {"cache": "tracker-stamps", "format": cache.FORMAT}

    def _load(self) -> None:
        with open(self._path, "rb") as f:
            written = os.fstat(f.fileno()).st_mtime_ns
            head_bytes, _, body = f.read().partition(b"\n")
        head = json.loads(head_bytes)
        if {k: head.get(k) for k in self._head()} != self._head() or head["checksum"] != cache.content_hash(body):
            return
        known = {}
        for rel, row in json.loads(body).items():
            size, mtime, ctime, ino, read_at, content = row
            known[str(rel)] = _Known(Stamp(int(size), int(mtime), int(ctime), int(ino)), int(read_at), str(content))
        self._known, self._written = known, written

    def content(self, rel: str, now: Stamp | None) -> str | None:
        """The hash of ``rel``'s bytes when its stamp ``now`` is the one recorded, and not racy; else None."""
        known = self._known.get(rel)
        if now is None or known is None or known.stamp != now:
            return None
        if max(now.mtime_ns, now.ctime_ns) + RACY_NS > min(known.read_at, self._written):
            return None  # changed too close to the reading for equal times to prove equal bytes
        return known.content

    def saw(self, rel: str, before: Stamp | None, after: Stamp | None, content: str) -> None:
        """``rel`` was read with the stamp ``before`` and ``after`` it and its bytes hashed to ``content``:
        recorded when nothing changed it while it was read."""
        if before is None or before != after:
            self._changed |= self._known.pop(rel, None) is not None
            return
        known = _Known(before, self.now, content)
        if self._known.get(rel) != known:
            self._known[rel] = known
            self._changed = True

    def close(self, rels: Iterable[str]) -> None:
        """Store the stamps, when any changed, of the files ``rels`` (those of the folder now)."""
        present = set(rels)
        for rel in [r for r in self._known if r not in present]:
            del self._known[rel]
            self._changed = True
        if not self._changed:
            return
        body = json.dumps({rel: [*k.stamp, k.read_at, k.content] for rel, k in self._known.items()},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        head = {**self._head(), "checksum": cache.content_hash(body)}
        with contextlib.suppress(OSError):
            cache.store(self._path, json.dumps(head).encode("utf-8") + b"\n" + body)
        self._changed = False
