"""A file someone sent (a return, a published list), read as hostile data: only a regular file, of at most a
limit, without ever waiting. What the name points at is looked at before it is opened (so a device is never
opened) and again once it is (so it cannot be swapped in between); the open never waits (a FIFO without a writer
would wait for ever) and the read stops at the limit, whatever the size said. Each reader says a refusal in its
own words (``NotRead.why``: not-file, too-large or unreadable)."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRead(Exception):
    """Why a file was not read: ``why`` (not-file, too-large, unreadable) and what says it: ``kind`` (in both
    languages) for a file that is not a regular one, ``size`` and ``limit`` for one too large, ``error`` (the
    system's words) for one that cannot be read."""

    def __init__(self, why: str, **args: str | tuple[str, str]) -> None:
        super().__init__(why)
        self.why, self.args_ = why, args


def kind(mode: int) -> tuple[str, str] | None:
    """What a file is when it is not a regular file, in words."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return ("命名管道", "a FIFO")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return ("设备", "a device")
    if stat.S_ISDIR(mode):
        return ("文件夹", "a folder")
    if stat.S_ISSOCK(mode):
        return ("套接字", "a socket")
    return ("特殊文件", "a special file")


def read_sent(path: Path, limit: int) -> bytes:
    """A regular file's bytes, at most ``limit`` of them; ``NotRead`` otherwise."""
    def check(st: os.stat_result) -> None:
        what = kind(st.st_mode)
        if what is not None:
            raise NotRead("not-file", kind=what)
        if st.st_size > limit:
            raise NotRead("too-large", size=f"{st.st_size:,}", limit=f"{limit:,}")

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        check(os.stat(path))
        fd = os.open(path, flags)
    except OSError as exc:
        raise NotRead("unreadable", error=exc.strerror or str(exc)) from None
    try:
        check(os.fstat(fd))
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise NotRead("unreadable", error=exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
    if total > limit:
        raise NotRead("too-large", size=f"{total:,}+", limit=f"{limit:,}")
    return b"".join(chunks)
