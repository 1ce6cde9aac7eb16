"""Reading a file someone sent without trusting it, as a return is read: only a regular file, never more than
``MAX_BYTES`` (``load.sent``); a Word or Excel file (a zip archive) through ``load.package``: each part within
``MAX_PART`` unpacked however small the archive claims it is, checked before it is opened, and no XML part that
declares a DTD (the way to an entity bomb), wherever the declaration stands. A FIFO or a device is refused
before it is read, so nothing waits on it."""

from __future__ import annotations

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
    """The file's bytes, or why not: it is no regular file, too large, or cannot be read (``load.sent``, as a
    return is read)."""
    from tracker.load.sent import NotRead, read_sent

    try:
        return read_sent(path, MAX_BYTES)
    except NotRead as exc:
        if exc.why == "not-file":
            return doubt("list-not-file")
        if exc.why == "too-large":
            return doubt("list-too-large", limit=f"{MAX_BYTES // _MB} MB")
        return doubt("list-unreadable", reason=exc.args_.get("error", ""))


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
