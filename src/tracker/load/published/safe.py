"""Reading a file someone sent without trusting it: only a regular file, never more than ``MAX_BYTES``; a Word or
Excel file (a zip archive) through ``load.package``, as a return's workbook is read: each part within
``MAX_PART`` unpacked however small the archive claims it is, checked before it is opened, and no XML part that
declares a DTD (the way to an entity bomb), wherever the declaration stands. A FIFO or a device is refused
before it is read, so nothing waits on it."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from tracker.core.codes import CODES
from tracker.core.i18n import Lang
from tracker.core.problems import Problem
from tracker.load import package

MAX_BYTES = 16 * 1024 * 1024  # a published list is a few hundred kilobytes, a scanned one a few megabytes
MAX_PART = 16 * 1024 * 1024  # the largest part of a Word or Excel file read, unpacked (a list's is well under 1 MB)
_MB = 1024 * 1024


class Refused(NamedTuple):
    """Why a file was not read: a problem code and its arguments."""

    code: str
    args: tuple[tuple[str, str | tuple[str, str]], ...] = ()


def doubt(code: str, **args: str | tuple[str, str]) -> Refused:
    """A refusal of a registered problem code (``core/codes.py``)."""
    return Refused(code, tuple(args.items()))


def read_file(path: Path) -> bytes | Refused:
    """The file's bytes, or why not: it is no regular file, too large, or cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        return doubt("list-unreadable", reason=exc.strerror or str(exc))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return doubt("list-not-file")
        if info.st_size > MAX_BYTES:
            return doubt("list-too-large", limit=f"{MAX_BYTES // _MB} MB")
        with os.fdopen(fd, "rb", closefd=True) as f:
            fd = -1
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        return doubt("list-unreadable", reason=exc.strerror or str(exc))
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > MAX_BYTES:  # the file grew while it was read
        return doubt("list-too-large", limit=f"{MAX_BYTES // _MB} MB")
    return data


def opened(data: bytes) -> package.Package:
    """A Word or Excel file's parts, each to be read within ``MAX_PART``; ``package.Refused`` when the archive
    cannot be opened."""
    return package.Package(data, MAX_PART)


def refused(exc: package.Refused) -> Refused:
    """What the package reader refused, said as a list's problem: a part too large unpacked is a file too large,
    anything else a file that cannot be read, with the reader's words for why."""
    if exc.code == "import-part-size":
        part = exc.args_.get("part", "")
        return doubt("list-too-large", limit=(f"{MAX_PART // _MB} MB（{part} 解压后）",
                                               f"{MAX_PART // _MB} MB ({part} unpacked)"))
    if exc.code in ("import-bad-workbook", "import-unreadable"):
        return doubt("list-unreadable", reason=exc.args_.get("what", exc.args_.get("error", "")))
    said = Problem("", 0, 0, CODES[exc.code].level, exc.code, tuple(exc.args_.items()))
    return doubt("list-unreadable", reason=(said.message(Lang.ZH), said.message(Lang.EN)))
