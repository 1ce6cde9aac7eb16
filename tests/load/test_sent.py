"""A file someone sent is read only when it is a regular file within the limit, and never waited on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tracker.load.sent import NotRead, read_sent


def why(path: Path, limit: int = 1000) -> tuple[str, dict[str, object]]:
    with pytest.raises(NotRead) as exc:
        read_sent(path, limit)
    return exc.value.why, exc.value.args_


def test_only_a_regular_file_within_the_limit_is_read(tmp_path: Path) -> None:
    small = tmp_path / "list.txt"
    small.write_bytes(b"x" * 1000)
    assert read_sent(small, 1000) == b"x" * 1000
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(1001)  # sparse: refused by its size, before a byte is read
    assert why(big) == ("too-large", {"size": "1,001", "limit": "1,000"})
    assert why(tmp_path) == ("not-file", {"kind": ("文件夹", "a folder")})
    assert why(tmp_path / "none.txt")[0] == "unreadable"


def test_a_fifo_or_a_device_is_refused_without_waiting_or_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "list.docx"
    os.mkfifo(fifo)  # no writer: opening it to read would wait for ever
    assert why(fifo) == ("not-file", {"kind": ("命名管道", "a FIFO")})
    assert why(Path("/dev/zero")) == ("not-file", {"kind": ("设备", "a device")})  # endless, were it read
