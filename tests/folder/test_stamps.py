"""A warm report knows an unchanged progress file by its stat, as git's index does, and reads only the files
that changed; a file changed too close to its last reading for its times to tell, or a damaged stamps file,
is never trusted."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tracker.folder.source
from tracker.cli.app import app
from tracker.folder import cache, stamps

runner = CliRunner()
REPORT = ["report", "--as-of", "2025-10-15", "-f", "json"]
A = "progress/a.yaml"


def report(folder: Path) -> dict[str, object]:
    result = runner.invoke(app, ["--root", str(folder), *REPORT])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def percent(out: dict[str, object], unit: str, item: str) -> float:
    return next(float(p["percent"]) for p in out["pairs"] if p["unit"] == unit and p["item"] == item)  # type: ignore[attr-defined, index]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The progress files a run reads, by name."""
    seen: list[str] = []
    real = tracker.folder.source.read_file

    def counted(path: Path) -> bytes:
        if Path(path).parent.name == "progress":
            seen.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(tracker.folder.source, "read_file", counted)
    return seen


def aged(folder: Path, *names: str) -> None:
    """The progress files ``names`` (all by default) last modified an hour ago."""
    for path in [folder / "progress" / n for n in names] or (folder / "progress").glob("*.yaml"):
        old = path.stat().st_mtime_ns - 3600 * 10**9
        os.utime(path, ns=(old, old))


def test_a_warm_report_reads_only_the_files_whose_stat_changed(mini: Path, reads: list[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stamps, "RACY_NS", 0)  # the files' change times are this second's (utime sets them)
    aged(mini)
    cold = report(mini)
    assert sorted(reads) == ["a.yaml", "b.yaml"]
    reads.clear()
    assert report(mini) == cold and reads == []  # the cache and the stamps only
    path = mini / "progress" / "a.yaml"
    path.write_bytes(path.read_bytes().replace(b'"percent": 98', b'"percent": 70'))
    aged(mini, "a.yaml")
    changed = report(mini)
    assert reads == ["a.yaml"] and percent(changed, "a", "7") == 70.0


def test_a_file_changed_within_the_racy_window_is_hashed_again(mini: Path, reads: list[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A filesystem whose times step by a second gives a file written twice within one step the same stat:
    a file whose times are not older than its last reading by RACY_NS is read and hashed again."""
    path = mini / "progress" / "a.yaml"
    first = report(mini)
    recorded = stamps.stamp(path)
    assert recorded is not None and percent(first, "a", "7") == 98.0
    data = path.read_bytes().replace(b'"percent": 98', b'"percent": 70')
    assert len(data) == recorded.size
    path.write_bytes(data)  # same size; and its stat, as such a filesystem would give it, the same:
    real = stamps.stamp
    monkeypatch.setattr(stamps, "stamp", lambda p: recorded if Path(p) == path else real(p))
    reads.clear()
    assert percent(report(mini), "a", "7") == 70.0 and "a.yaml" in reads
    # what the rule guards against: the same stat, once older than the reading, is trusted without a look
    monkeypatch.setattr(stamps, "RACY_NS", -10**12)
    path.write_bytes(data.replace(b'"percent": 70', b'"percent": 60'))
    reads.clear()
    assert percent(report(mini), "a", "7") == 70.0 and "a.yaml" not in reads


def test_a_damaged_or_foreign_stamps_file_is_not_trusted(mini: Path, reads: list[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stamps, "RACY_NS", 0)
    aged(mini)
    report(mini)
    where = cache.cache_dir(mini) / stamps.NAME
    head, _, body = where.read_bytes().partition(b"\n")
    table = json.loads(body)
    table[A][-1] = "0" * 64  # another content hash, without the checksum made anew
    for damaged in (head + b"\n" + json.dumps(table).encode(), head + b"\n" + body[:-5], b"", b"\x00" * 40,
                    json.dumps({**json.loads(head), "format": cache.FORMAT - 1}).encode() + b"\n" + body):
        where.write_bytes(damaged)
        reads.clear()
        report(mini)
        assert sorted(reads) == ["a.yaml", "b.yaml"], damaged[:60]
    reads.clear()
    report(mini)
    assert reads == []  # and written anew, whole


def test_a_cold_report_in_workers_records_the_stamps_too(mini: Path, reads: list[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers read the files of a cold report: their stamps come back with what they checked, so the
    warm report that follows reads none."""
    from tracker.folder import workers as parallel

    used: list[int] = []

    class Counted(parallel.Checking):  # type: ignore[type-arg]
        def __init__(self, *args: object, **kwargs: object) -> None:
            used.append(1)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stamps, "RACY_NS", 0)
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "MIN_BYTES_SPAWNED", 0)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "Checking", Counted)
    monkeypatch.setenv("TRACKER_START_METHOD", "fork" if hasattr(os, "fork") else "spawn")
    aged(mini)
    cold = report(mini)
    assert used == [1] and reads == []  # the workers read them
    assert report(mini) == cold and reads == []
