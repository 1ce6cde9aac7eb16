"""Reading a file someone sent without trusting it: only a regular file, never more than ``MAX_BYTES``, and of a
Word or Excel file (a zip archive) only the parts needed, each within ``MAX_PART`` however small the archive
claims it is, and never an XML part that declares a DTD (the way to an entity bomb). A FIFO or a device is
refused before it is read, so nothing waits on it."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path
from typing import NamedTuple

MAX_BYTES = 16 * 1024 * 1024  # a published list is a few hundred kilobytes, a scanned one a few megabytes
MAX_PART = 32 * 1024 * 1024  # the largest part of a Word or Excel file read, unpacked
MAX_PARTS = 2000  # members of a zip archive


class Refused(NamedTuple):
    """Why a file was not read: a problem code and its arguments."""

    code: str
    args: tuple[tuple[str, str], ...] = ()


def doubt(code: str, **args: str) -> Refused:
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
            return doubt("list-too-large", limit=f"{MAX_BYTES // (1024 * 1024)} MB")
        with os.fdopen(fd, "rb", closefd=True) as f:
            fd = -1
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        return doubt("list-unreadable", reason=exc.strerror or str(exc))
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > MAX_BYTES:  # the file grew while it was read
        return doubt("list-too-large", limit=f"{MAX_BYTES // (1024 * 1024)} MB")
    return data


class Archive:
    """A zip archive read part by part, each part within its limit."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        if len(self.zip.infolist()) > MAX_PARTS:
            raise ValueError("too many parts")

    def names(self) -> list[str]:
        return self.zip.namelist()

    def part(self, name: str) -> bytes | None:
        """A part's bytes (None when the archive has none of that name); ValueError when it is too large or
        declares a DTD."""
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            return None
        if info.file_size > MAX_PART:
            raise ValueError(f"{name} is too large")
        with self.zip.open(info) as f:
            data = f.read(MAX_PART + 1)
        if len(data) > MAX_PART:
            raise ValueError(f"{name} is too large")
        if name.endswith((".xml", ".rels")) and b"<!DOCTYPE" in data[:4096].upper().replace(b"<!doctype", b"<!DOCTYPE"):
            raise ValueError(f"{name} declares a DTD")
        return data

    def total(self) -> int:
        return sum(i.file_size for i in self.zip.infolist())
