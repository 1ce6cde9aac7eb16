"""Files in and around a tracking folder: symbolic links are refused, never followed; deep nesting is a
problem at file:line; unknown files are reported; stale temporary files are cleaned; ``-o`` never replaces a
device, a FIFO or a link."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli.app import app

runner = CliRunner()
RECORD = ["record", "15", "--unit", "emergency", "--status", "in-progress", "--percent", "50",
          "--date", "2025-06-01", "--by", "填报员"]


def run(folder: Path, *args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["--root", str(folder), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def problems(folder: Path) -> list[dict[str, object]]:
    return json.loads(run(folder, "validate", "-f", "json").stdout)["problems"]  # type: ignore[no-any-return]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    where = tmp_path / "outside"
    where.mkdir()
    return where


def test_a_symlinked_progress_file_is_neither_written_nor_read(folder: Path, outside: Path) -> None:
    assert run(folder, *RECORD).exit_code == 0
    target = outside / "emergency.yaml"
    target.write_bytes((folder / "progress" / "emergency.yaml").read_bytes())
    (folder / "progress" / "emergency.yaml").unlink()
    (folder / "progress" / "emergency.yaml").symlink_to(target)
    before = target.read_bytes()
    result = run(folder, *RECORD)
    assert result.exit_code == 1 and "符号链接" in result.output
    assert target.read_bytes() == before and (folder / "progress" / "emergency.yaml").is_symlink()
    found = [p for p in problems(folder) if p["code"] == "symlink"]
    assert [(p["path"], p["line"], p["level"]) for p in found] == [("progress/emergency.yaml", 1, "error")]
    status = json.loads(run(folder, "status", "--unit", "emergency", "--as-of", "2025-07-01", "-f", "json").stdout)
    assert all(row["percent"] == 0 for row in status)  # the linked file's record is not read


def test_a_symlinked_lock_file_is_not_followed(folder: Path, outside: Path) -> None:
    planted = outside / "created-by-tracker"
    (folder / "progress" / "emergency.yaml.lock").symlink_to(planted)
    result = run(folder, *RECORD)
    assert result.exit_code == 1 and "符号链接" in result.output
    assert not planted.exists() and not (folder / "progress" / "emergency.yaml").exists()


def test_a_symlinked_progress_folder_is_refused(folder: Path, outside: Path) -> None:
    (folder / "progress").rmdir()
    (folder / "progress").symlink_to(outside, target_is_directory=True)
    result = run(folder, *RECORD)
    assert result.exit_code == 1 and "符号链接" in result.output
    assert list(outside.iterdir()) == []
    assert [(p["path"], p["code"]) for p in problems(folder) if p["level"] == "error"] == [("progress", "symlink")]


@pytest.mark.parametrize("depth", [500, 1000, 100_000])
@pytest.mark.parametrize("layout", ["json", "yaml"])
def test_deep_nesting_is_a_problem_at_its_line(folder: Path, layout: str, depth: int) -> None:
    deep = "[" * depth + "]" * depth
    if layout == "json":
        body = ('- {"id": "a", "type": "progress", "date": "2025-06-01", "task": 15, "status": "in-progress", '
                f'"percent": 5, "note": {deep}}}\n')
    else:
        body = f"- id: a\n  note: {deep}\n"
    (folder / "progress" / "emergency.yaml").write_text(f"unit: emergency\nentries:\n{body}", encoding="utf-8")
    found = [p for p in problems(folder) if p["level"] == "error"]
    assert [(p["path"], p["line"]) for p in found] == [("progress/emergency.yaml", 3 if layout == "json" else 4)]
    assert found[0]["code"] == ("too-deep" if depth < 1000 else "syntax")  # libyaml stops at 1,000 itself
    result = run(folder, "report", "--as-of", "2025-07-01", "-f", "json")
    assert result.exit_code == 1 and "progress/emergency.yaml 有 1 个错误" in result.output  # no figures without it
    allowed = run(folder, "report", "--as-of", "2025-07-01", "-f", "json", "--allow-errors")
    assert allowed.exit_code == 0 and '"errors": 1' in allowed.stdout


def test_unknown_files_in_progress_are_reported(folder: Path) -> None:
    for name in ("x.yml", "x.txt", "emergency.yaml.lock", ".gitkeep"):
        (folder / "progress" / name).write_text("unit: emergency\n", encoding="utf-8")
    (folder / "progress" / "sub").mkdir()
    result = run(folder, "validate")
    assert result.exit_code == 0  # warnings
    found = sorted((p["path"], p["level"]) for p in problems(folder) if p["code"] == "unknown-file")
    assert found == [("progress/sub", "warning"), ("progress/x.txt", "warning"), ("progress/x.yml", "warning")]
    assert run(folder, "validate", "--strict").exit_code == 1


def test_stale_temporary_files_are_cleaned_by_the_next_write(folder: Path) -> None:
    stale = folder / "progress" / ".emergency.yaml.999999999.0badf00d.tmp"  # above any pid: a killed process's
    live = folder / "progress" / f".emergency.yaml.{os.getppid()}.0badf00d.tmp"  # a running writer's
    stale.write_text("half a write", encoding="utf-8")
    live.write_text("being written", encoding="utf-8")
    assert not [p for p in problems(folder) if p["code"] == "unknown-file"]
    assert run(folder, *RECORD).exit_code == 0
    assert not stale.exists() and live.exists()


def test_output_onto_a_fifo_writes_through_it(folder: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run(folder, "report", "--as-of", "2025-07-01", "-f", "csv", "-o", str(fifo))
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].startswith("\ufeff".encode())


def test_output_onto_dev_null_leaves_the_device(folder: Path) -> None:
    if not Path("/dev/null").exists():  # pragma: no cover
        pytest.skip("no /dev/null")
    result = run(folder, "report", "--as-of", "2025-07-01", "-o", "/dev/null", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_output_onto_a_symlink_is_refused(folder: Path, outside: Path) -> None:
    target = outside / "report.csv"
    target.write_text("old", encoding="utf-8")
    link = folder / "report.csv"
    link.symlink_to(target)
    result = run(folder, "report", "--as-of", "2025-07-01", "-o", str(link))
    assert result.exit_code == 2 and "符号链接" in result.output
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "old"


def test_output_onto_a_regular_file_is_atomic_and_keeps_no_temporary(folder: Path) -> None:
    out = folder / "r.csv"
    out.write_text("old", encoding="utf-8")
    assert run(folder, "report", "--as-of", "2025-07-01", "-o", str(out)).exit_code == 0
    assert out.read_bytes().startswith("\ufeff".encode())
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_cache_write_cleans_the_stale_temporary_files_of_its_pack(folder: Path) -> None:
    from tracker.folder import cache

    assert run(folder, *RECORD).exit_code == 0
    where = cache.cache_dir(folder)
    pack = cache.pack_name(cache.shard_of("progress/emergency.yaml"))
    stale = where / f".{pack}.999999999.0badf00d.tmp"
    where.mkdir(parents=True, exist_ok=True)
    stale.write_text("half a pack", encoding="utf-8")
    assert run(folder, *RECORD[:6], "--percent", "60", *RECORD[8:]).exit_code == 0  # the file changed
    assert run(folder, "report", "--as-of", "2025-07-01").exit_code == 0
    assert not stale.exists()


# ---------------------------------------------------------------- the module itself, without the CLI

def test_atomic_write_replaces_the_file_whole_and_keeps_its_permissions(tmp_path: Path) -> None:
    from tracker.folder.files import atomic_write

    target = tmp_path / "f.yaml"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, b"new bytes", durable=False)
    assert target.read_bytes() == b"new bytes"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]  # no temporary left


def test_an_abandoned_replacement_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    from tracker.folder.files import Replacement

    target = tmp_path / "f.yaml"
    target.write_bytes(b"old")
    new = Replacement(target)
    new.write(b"half of it", settle=True)
    assert new.tmp.exists() and target.read_bytes() == b"old"
    new.abandon()
    assert not new.tmp.exists() and target.read_bytes() == b"old"
    again = Replacement(target)
    again.write(b"first ")
    again.finish(b"second")
    assert target.read_bytes() == b"first second"


def test_only_the_temporaries_of_dead_writers_are_cleaned(tmp_path: Path) -> None:
    from tracker.folder.files import clean_stale, clean_stale_in

    target = tmp_path / "f.yaml"
    dead = _dead_pid()
    stale = tmp_path / f".f.yaml.{dead}.0a0b0c0d.tmp"
    live = tmp_path / f".f.yaml.{os.getppid()}.0a0b0c0d.tmp"  # a process that is running: its rename is to come
    own = tmp_path / f".f.yaml.{os.getpid()}.0a0b0c0d.tmp"
    other = tmp_path / f".g.yaml.{dead}.0a0b0c0d.tmp"
    for p in (stale, live, own, other):
        p.write_bytes(b"x")
    clean_stale(target)
    assert not stale.exists() and live.exists() and own.exists() and other.exists()
    clean_stale_in(tmp_path)
    assert not other.exists() and live.exists() and own.exists()


def _dead_pid() -> int:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    return int(done.stdout)


def test_a_lock_is_held_by_one_holder_at_a_time(tmp_path: Path) -> None:
    from tracker.folder.files import locked

    lock = tmp_path / "sub" / "f.yaml.lock"
    order: list[str] = []
    entered = threading.Event()

    def second() -> None:
        entered.wait()
        with locked(lock):  # a second open file description: waits for the first holder
            order.append("second")

    thread = threading.Thread(target=second)
    thread.start()
    with locked(lock):
        entered.set()
        thread.join(0.3)
        order.append("first")
    thread.join()
    assert order == ["first", "second"] and lock.exists()


@pytest.mark.parametrize("workers", ["1", "4"])
def test_a_progress_file_of_gigabytes_is_a_problem_naming_it(folder: Path, workers: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A 1.2 GB progress file (sparse: no disk is spent) is the error too-large at its name, found before any
    byte is read, in one process or in workers; a record into it is refused the same way. It used to be an
    internal error without the file's name."""
    monkeypatch.setenv("TRACKER_WORKERS", workers)
    run(folder, *RECORD)
    big = folder / "progress" / "fire-rescue.yaml"
    with big.open("wb") as f:
        f.truncate(1_200_000_000)
    found = problems(folder)
    assert [(p["path"], p["code"]) for p in found if p["level"] == "error"] == [
        ("progress/fire-rescue.yaml", "too-large")]
    report = run(folder, "report", "--as-of", "2025-06-30")
    assert report.exit_code == 1 and "progress/fire-rescue.yaml" in report.output
    refused = run(folder, "record", "15", "--unit", "fire-rescue", "--status", "in-progress", "--percent", "5",
                  "--date", "2025-06-01")
    assert refused.exit_code == 1 and "too-large" in refused.output and "progress/fire-rescue.yaml" in refused.output
    assert big.stat().st_size == 1_200_000_000
