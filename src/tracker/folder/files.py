"""Files written so that nothing is ever half-written or lost: an exclusive lock beside a file, a
replacement renamed over it in one step, and the temporary files a killed write left behind cleaned up.

Everything that writes to disk goes through here: progress files, the cache, ``-o`` outputs, the levels'
lock. Knows nothing of what the bytes mean.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing) for the duration of the block. A symbolic
    link there is never followed (OSError), so a planted link cannot make tracker create a file elsewhere."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0),
                 0o666)
    with open(fd, "a+b") as handle:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt
            import time

            while True:
                try:
                    msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    time.sleep(0.05)
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` in one rename, keeping the old file's permissions. ``durable`` also
    waits for the disk (fsync), which a derived file that can be rebuilt does not need."""
    new = Replacement(path, durable=durable)
    try:
        new.write(data)
        new.commit()
    except BaseException:
        new.abandon()
        raise


class Replacement:
    """A file's next content, written to a temporary file beside it (``.<name>.<pid>.<hex>.tmp``) and renamed
    over it by ``commit``; ``abandon`` removes it, leaving the file as it was. Writing may begin before the
    whole content is known: a record copies the old bytes while it is still checking the new ones."""

    def __init__(self, path: Path, *, durable: bool = True) -> None:
        self.path, self.durable = path, durable
        try:
            self.mode: int | None = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            self.mode = None
        clean_stale(path)
        self.tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")  # tempfile: slow import
        fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        self._handle: BinaryIO | None = os.fdopen(fd, "wb")

    def write(self, data: bytes, *, settle: bool = False) -> None:
        """Write ``data``; with ``settle``, also send it to the disk now (when durable), so that the commit's
        wait for the disk covers only what is written after it."""
        assert self._handle is not None
        self._handle.write(data)
        if settle and self.durable:
            self._handle.flush()
            getattr(os, "fdatasync", os.fsync)(self._handle.fileno())

    def finish(self, data: bytes) -> None:
        """Write the last of the content and commit it."""
        self.write(data)
        self.commit()

    def commit(self) -> None:
        handle, self._handle = self._handle, None
        assert handle is not None
        with handle:
            handle.flush()
            if self.durable:
                os.fsync(handle.fileno())
        mode = self.mode
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(self.tmp, mode)
        os.replace(self.tmp, self.path)
        if self.durable and sys.platform != "win32":
            with contextlib.suppress(OSError):
                dir_fd = os.open(self.path.parent, os.O_RDONLY)
                try:
                    os.fsync(dir_fd)
                finally:
                    os.close(dir_fd)

    def abandon(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
            self._handle = None
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.tmp)


def clean_stale(path: Path) -> None:
    """Remove the temporary files that writes of ``path`` killed part-way left behind: those whose process
    is gone. A live writer's file is left alone (its rename is still to come)."""
    prefix = f".{path.name}."
    try:
        names = [n for n in os.listdir(path.parent) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        pid_text = name[len(prefix):-4].split(".")[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid() or _alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            os.unlink(path.parent / name)


def clean_stale_in(folder: Path) -> None:
    """``clean_stale`` for every file of ``folder`` at once (the cache's packs and states)."""
    try:
        names = [n for n in os.listdir(folder) if n.startswith(".") and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        parts = name[1:-4].rsplit(".", 2)
        if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) != os.getpid() and not _alive(int(parts[1])):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def _alive(pid: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - no cheap probe there; leave the file
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True
