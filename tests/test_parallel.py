"""A cold report checks the files in worker processes: the same report and the same cache, byte for byte, as
checking them one after another in one process, whichever way the workers are started."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker import cache, parallel
from tracker.cli import app

from .conftest import REPO

runner = CliRunner()
TODAY_REPORT = ["report", "--as-of", "2025-12-31", "-f", "json"]  # after every record: the enough packs
PAST_REPORT = ["report", "--as-of", "2025-07-31", "-f", "json"]  # before some: the whole files


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """The labelled example (23 units' files), with one broken file and one that is not a unit's."""
    folder = tmp_path / "office"
    shutil.copytree(REPO / "examples" / "2025", folder, ignore=shutil.ignore_patterns(".tracker-cache", "*.md"))
    broken = folder / "progress" / "transport.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + '- {"id": "x1", "type": "progress", "task": 99}\n',
                      encoding="utf-8")
    (folder / "progress" / "nobody.yaml").write_text("unit: nobody\nentries:\n", encoding="utf-8")
    return folder


def run(folder: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(folder), *args, "--allow-errors"])
    return result.exit_code, result.stdout, result.stderr


def cached(folder: Path) -> dict[str, bytes]:
    """Every pack the cache holds, by name."""
    where = cache.cache_dir(folder)
    return {str(p.relative_to(where)): p.read_bytes() for p in sorted(where.rglob("*.pack"))}


def in_workers(monkeypatch: pytest.MonkeyPatch, used: list[int]) -> None:
    """Make even a small folder worth checking in two workers (on any machine), and count the times."""
    real = parallel.checked
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "checked", lambda *a: used.append(1) or real(*a))


def in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_BYTES", 1 << 62)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_give_the_report_and_the_cache_one_process_gives(office: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  method: str) -> None:
    if method not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip(f"no {method} here")
    monkeypatch.setenv("TRACKER_START_METHOD", method)
    used: list[int] = []
    in_workers(monkeypatch, used)
    cold = [run(office, *TODAY_REPORT), run(office, *PAST_REPORT)]
    assert len(used) == 1  # the first report found nothing cached; the second read the packs it wrote
    packs = cached(office)
    assert any(name.startswith("enough/") for name in packs) and len(packs) > 2
    shutil.rmtree(cache.cache_dir(office))
    monkeypatch.undo()
    in_one_process(monkeypatch)
    alone = [run(office, *TODAY_REPORT), run(office, *PAST_REPORT)]
    assert cached(office) == packs
    assert cold == alone
    assert "transport.yaml" in alone[0][2] and "nobody.yaml" in alone[0][2]  # the errors, named


def test_without_a_cache_the_workers_give_the_same_report(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[int] = []
    in_workers(monkeypatch, used)
    ran = [run(office, "--no-cache", *TODAY_REPORT), run(office, "--no-cache", *PAST_REPORT)]
    assert len(used) == 2 and not cache.cache_dir(office).exists()
    monkeypatch.undo()
    in_one_process(monkeypatch)
    assert ran == [run(office, "--no-cache", *TODAY_REPORT), run(office, "--no-cache", *PAST_REPORT)]


def test_a_warm_cache_is_read_in_this_process(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers are for a cache with nothing usable; one changed file is checked here, as before."""
    run(office, *TODAY_REPORT)
    used: list[int] = []
    in_workers(monkeypatch, used)
    path = office / "progress" / "emergency.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# 补记\n", encoding="utf-8")
    warm = run(office, *TODAY_REPORT)
    assert used == []
    assert warm == run(office, "--no-cache", *TODAY_REPORT)[:2] + (warm[2],)


def test_validate_in_workers_reports_every_problem(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    in_one_process(monkeypatch)
    alone = runner.invoke(app, ["--root", str(office), "--no-cache", "validate"])
    used: list[int] = []
    monkeypatch.undo()
    in_workers(monkeypatch, used)
    workers = runner.invoke(app, ["--root", str(office), "validate"])
    assert used == [1]
    assert (workers.exit_code, workers.stdout, workers.stderr) == (alone.exit_code, alone.stdout, alone.stderr)
    assert alone.exit_code == 1 and "transport.yaml" in alone.stdout + alone.stderr


def _die(path: str, rel: str) -> None:
    os._exit(9)  # a worker killed part-way, as the out-of-memory killer would


def test_a_worker_that_dies_ends_the_run_with_a_message_and_no_cache(office: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("the dying worker is planted by forking")
    monkeypatch.setenv("TRACKER_START_METHOD", "fork")
    in_workers(monkeypatch, [])
    monkeypatch.setattr(parallel, "_check", _die)
    result = runner.invoke(app, ["--root", str(office), *TODAY_REPORT])
    assert isinstance(result.exception, parallel.WorkerDied)  # the entry point's message: test_cli
    assert cached(office) == {}


def test_tracker_workers_1_checks_in_this_process(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setenv("TRACKER_WORKERS", "1")
    assert not parallel.worth_it(sorted((office / "progress").glob("*.yaml")))
    monkeypatch.setenv("TRACKER_WORKERS", "3")
    assert parallel.workers() == 3 and parallel.worth_it(sorted((office / "progress").glob("*.yaml")))
