"""A cold report checks the files in worker processes: the same report and the same cache, byte for byte, as
checking them one after another in one process, whichever way the workers are started."""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO
from tracker.cli.app import app
from tracker.folder import cache
from tracker.folder import workers as parallel

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
    class Counted(parallel.Checking):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            used.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "MIN_BYTES_SPAWNED", 0)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "Checking", Counted)


def in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_BYTES", 1 << 62)
    monkeypatch.setattr(parallel, "MIN_BYTES_SPAWNED", 1 << 62)


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


def _die(path: str, rel: str, enough: bool) -> None:
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


def test_workers_only_on_idle_cores(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On two cores busy with other work, workers took turns with the parent and cost more than they saved:
    the default counts only the idle cores, and one idle core is no reason to start any."""
    monkeypatch.delenv("TRACKER_WORKERS", raising=False)
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "MIN_BYTES_SPAWNED", 0)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    paths = sorted((office / "progress").glob("*.yaml"))
    monkeypatch.setattr(parallel, "SAMPLE", 0.0)
    for busy, expected in ((0.2, 4), (1.4, 3), (2.6, 1), (3.2, 1), (4.0, 1)):  # cores' worth of other work
        ticks = iter([(1000, 500), (1000 + 400, 500 + round(400 * (4 - busy) / 4))])
        monkeypatch.setattr(parallel, "cpu_times", lambda cores, ticks=ticks: next(ticks))
        monkeypatch.setattr(parallel, "_idle", {})
        assert parallel.workers() == expected, busy
        assert parallel.worth_it(paths) is (expected >= 2), busy  # measured once a run: the same again
    monkeypatch.setenv("TRACKER_WORKERS", "3")  # said outright: as many, however busy
    assert parallel.workers() == 3 and parallel.worth_it(paths)
    monkeypatch.delenv("TRACKER_WORKERS")

    def unreadable(cores: frozenset[int]) -> tuple[int, int]:
        raise OSError("no /proc/stat")

    monkeypatch.setattr(parallel, "cpu_times", unreadable)  # elsewhere: the load average over the last minute
    for load, expected in ((0.2, 4), (1.4, 3), (2.6, 1), (9.0, 1)):
        monkeypatch.setattr(os, "getloadavg", lambda load=load: (load, load, load))
        monkeypatch.setattr(parallel, "_idle", {})
        assert parallel.workers() == expected, load
    monkeypatch.delattr(os, "getloadavg")  # no load average kept (Windows): every core counts
    monkeypatch.setattr(parallel, "_idle", {})
    assert parallel.workers() == 4


@pytest.mark.skipif(not Path("/proc/stat").exists(), reason="Linux's /proc/stat")
def test_the_idle_cores_are_measured_now() -> None:
    """A busy core, at work in this very process while the sample is taken, is not counted idle."""
    import threading

    stop = threading.Event()
    cores = frozenset(os.sched_getaffinity(0))

    def busy() -> None:
        while not stop.is_set():
            pass

    spin = threading.Thread(target=busy)
    spin.start()
    try:
        measured = parallel._idle_now(0.2, cores)
    finally:
        stop.set()
        spin.join()
    assert measured is not None and measured <= len(cores) - 0.5


def test_only_the_cores_this_process_may_run_on_are_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pinned to two busy cores of a quiet machine, a report has no idle core: /proc/stat's lines for those
    cores are read, not the machine's total."""
    stat = tmp_path / "stat"
    busy, quiet = "cpu{n} 90 0 10 0 0 0 0 0 0 0\n", "cpu{n} 0 0 0 100 0 0 0 0 0 0\n"
    stat.write_text("cpu  180 0 20 6200 0 0 0 0 0 0\n" + busy.format(n=0) + busy.format(n=1)
                    + "".join(quiet.format(n=n) for n in range(2, 64)), encoding="ascii")
    real_open = open
    monkeypatch.setattr("builtins.open", lambda path, *a, **k: real_open(stat if path == "/proc/stat" else path,
                                                                          *a, **k))
    assert parallel.cpu_times(frozenset({0, 1})) == (200, 0)
    assert parallel.cpu_times(frozenset({2, 3})) == (200, 200)
    assert parallel.cpu_times(frozenset({5, 99})) == (100, 100)  # a core the file does not list counts nothing


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="fork only")
def test_no_other_thread_is_alive_when_the_workers_are_forked(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A lock held by another thread at a fork stays held in the child: the workers are forked before the
    progress bar (rich's refresh thread) starts."""
    import datetime as dt
    import threading

    from tracker.folder.pipeline import iter_progress, load_list
    from tracker.folder.root import Root
    from tracker.render.terminal import ProgressBar

    monkeypatch.setenv("TRACKER_START_METHOD", "fork")
    in_workers(monkeypatch, [])
    seen: list[list[str]] = []
    armed = [True]
    os.register_at_fork(before=lambda: armed[0] and seen.append([t.name for t in threading.enumerate()]))
    root = Root(office)
    cat, _ = load_list(root, use_cache=False)
    assert cat is not None
    bar = ProgressBar("reading")
    try:
        progs = list(iter_progress(root, cat, dt.date(2025, 10, 1), use_cache=False, tick=bar.tick))
    finally:
        bar.__exit__(None, None, None)
        armed[0] = False
    assert progs and seen, "the workers were not forked"
    assert all(names == ["MainThread"] for names in seen), seen


_REAL_CHECK = parallel._check


def _third_dies(path: str, rel: str, enough: bool) -> object:
    if Path(path).name == sorted(p.name for p in Path(path).parent.glob("*.yaml"))[2]:
        time.sleep(0.3)
        os._exit(9)  # killed while the parent is still busy with the first file
    return _REAL_CHECK(path, rel, enough)


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="fork only")
def test_a_worker_dying_while_the_parent_is_busy_is_worker_died(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether the death shows when a result is taken or when the next file is handed over."""
    import datetime as dt

    from tracker.folder.pipeline import iter_progress, load_list
    from tracker.folder.root import Root

    monkeypatch.setenv("TRACKER_START_METHOD", "fork")
    in_workers(monkeypatch, [])
    monkeypatch.setattr(parallel, "_check", _third_dies)
    root = Root(office)
    cat, _ = load_list(root, use_cache=False)
    assert cat is not None
    with pytest.raises(parallel.WorkerDied):
        for n, _prog in enumerate(iter_progress(root, cat, dt.date(2025, 10, 1), use_cache=False)):
            if n == 0:
                time.sleep(1.0)  # the report's own work on the first file


def test_never_more_workers_than_windows_allows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_WORKERS", "64")
    assert 2 <= parallel.workers() <= 61
    monkeypatch.setenv("TRACKER_WORKERS", "0")
    assert parallel.workers() >= 1
    monkeypatch.setenv("TRACKER_START_METHOD", "nonsense")
    assert parallel.start_method() in __import__("multiprocessing").get_all_start_methods()


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="Linux: looks the workers up in /proc")
def test_workers_do_not_outlive_a_process_that_ends_with_the_reading_unfinished(office: Path,
                                                                                tmp_path: Path) -> None:
    """The CLI ends with os._exit: workers of a reading left unfinished end on their own, and hold no end of
    the parent's output (a reader of `tracker report | less` sees its end)."""
    import subprocess
    import sys

    script = f"""
import datetime as dt, os
from pathlib import Path
from tracker.folder import workers as parallel
from tracker.folder.root import Root
from tracker.folder.pipeline import iter_progress, load_list
parallel.MIN_BYTES = 0
parallel.workers = lambda: 2
root = Root(Path({str(office)!r}))
cat, _ = load_list(root, use_cache=False)
reading = iter_progress(root, cat, dt.date(2025, 10, 1), use_cache=False)
next(reading)
Path({str(tmp_path / "kids")!r}).write_text(open(f"/proc/{{os.getpid()}}/task/{{os.getpid()}}/children").read())
print("report")
os._exit(0)
"""
    env = {**os.environ, "TRACKER_START_METHOD": "fork"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0 and done.stdout == "report\n"  # the pipe ended with the parent
    kids = [int(k) for k in (tmp_path / "kids").read_text().split()]
    assert kids
    time.sleep(2)
    left = [k for k in kids if Path(f"/proc/{k}").exists()
            and "Z" not in Path(f"/proc/{k}/stat").read_text().split(")")[-1].split()[0]]
    for k in left:
        os.kill(k, signal.SIGKILL)
    assert not left, f"workers {left} still running 2 s after their parent ended"


def test_a_note_with_a_lone_surrogate_escape_is_the_same_problem_in_workers(office: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = office / "progress" / "emergency.yaml"
    path.write_text(path.read_text(encoding="utf-8") + '- {"id": "s1", "type": "progress", "date": "2025-09-01", '
                    '"task": 15, "status": "in-progress", "percent": 10, "note": "\\ud800"}\n', encoding="utf-8")
    in_one_process(monkeypatch)
    alone = runner.invoke(app, ["--root", str(office), "--no-cache", "validate"])
    monkeypatch.undo()
    in_workers(monkeypatch, [])
    workers = runner.invoke(app, ["--root", str(office), "--no-cache", "validate"])
    assert workers.exception is None or isinstance(workers.exception, SystemExit)
    assert (workers.exit_code, workers.stdout) == (alone.exit_code, alone.stdout)
    assert alone.exit_code == 1 and "lone-surrogate" in alone.stdout


def _third_stops(path: str, rel: str, enough: bool) -> object:
    if Path(path).name == sorted(p.name for p in Path(path).parent.glob("*.yaml"))[2]:
        os.kill(os.getpid(), signal.SIGSTOP)  # stopped, as SIGSTOP or a debugger would: never answers
    return _REAL_CHECK(path, rel, enough)


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP") or not hasattr(signal, "alarm"), reason="POSIX signals")
def test_a_stopped_worker_is_noticed_and_not_waited_for(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker stopped with SIGSTOP holds its file for ever: the parent notices within a moment, ends the
    run with WorkerStopped (the entry point says so) and leaves no worker behind. It used to wait for ever."""
    import datetime as dt

    from tracker.folder.pipeline import iter_progress, load_list
    from tracker.folder.root import Root

    in_workers(monkeypatch, [])
    monkeypatch.setattr(parallel, "_check", _third_stops)
    root = Root(office)
    cat, _ = load_list(root, use_cache=False)
    assert cat is not None

    def waited_too_long(signum: int, frame: object) -> None:
        raise AssertionError("still waiting for the stopped worker")

    before = signal.signal(signal.SIGALRM, waited_too_long)
    signal.alarm(30)
    started = time.monotonic()
    try:
        with pytest.raises(parallel.WorkerStopped) as stopped:
            list(iter_progress(root, cat, dt.date(2025, 10, 1), use_cache=False))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)
    assert time.monotonic() - started < 10
    with pytest.raises(ProcessLookupError):
        for _ in range(50):  # killed by the run's end, then reaped
            os.kill(stopped.value.pid, 0)
            time.sleep(0.1)


def test_a_small_folder_does_not_wait_to_measure_the_cores(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Measuring the idle cores takes SAMPLE seconds: a folder below MIN_BYTES never pays them."""
    monkeypatch.delenv("TRACKER_WORKERS", raising=False)
    monkeypatch.setattr(parallel, "_idle", {})

    def measured(cores: frozenset[int]) -> tuple[int, int]:
        raise AssertionError("the cores were measured")

    monkeypatch.setattr(parallel, "cpu_times", measured)
    assert not parallel.worth_it(sorted((office / "progress").glob("*.yaml")))
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "MIN_BYTES_SPAWNED", 0)
    with pytest.raises(AssertionError, match="measured"):
        parallel.worth_it(sorted((office / "progress").glob("*.yaml")))


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="fork only")
def test_a_process_about_to_check_many_files_keeps_freed_memory(office: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    """Workers, and the one process of a cold report over a large folder, ask the C library to keep the top of
    the heap when it is freed; a warm report, or a small folder, does not ask."""
    asked = tmp_path / "asked"

    def keep() -> None:  # in a forked worker too: it leaves a mark where the test can see it
        with open(asked, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")

    monkeypatch.setattr(parallel, "keep_freed_memory", keep)
    in_workers(monkeypatch, [])
    monkeypatch.setenv("TRACKER_START_METHOD", "fork")
    assert run(office, *TODAY_REPORT)[0] == 0
    pids = set(asked.read_text(encoding="utf-8").split())
    assert len(pids) == 2 and str(os.getpid()) not in pids  # the two workers, not this process
    asked.unlink()
    assert run(office, *TODAY_REPORT)[0] == 0  # warm: nothing checked
    assert not asked.exists()
    monkeypatch.setattr(parallel, "workers", lambda: 1)  # as TRACKER_WORKERS=1, or cores busy with other work
    assert run(office, "--no-cache", *TODAY_REPORT)[0] == 0  # every file checked here
    assert asked.read_text(encoding="utf-8").split() == [str(os.getpid())]
    asked.unlink()
    monkeypatch.setattr(parallel, "MIN_BYTES", 1 << 62)
    assert run(office, "--no-cache", *TODAY_REPORT)[0] == 0
    assert not asked.exists()


def test_keeping_freed_memory_is_asked_of_glibc_and_harmless_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """glibc is asked to map only blocks of 32 MB or more by themselves and to keep 16 MB at the top of the heap;
    where there is no C library to ask (Windows), none with mallopt (musl, macOS) or no ctypes, nothing is
    asked and nothing raised."""
    import builtins
    import ctypes

    calls: list[tuple[int, int]] = []

    class Function:
        """A C function as ctypes finds it: its argument and result types are set on it."""

        def __call__(self, option: int, value: int) -> int:
            calls.append((option, value))
            return 1

    class Glibc:
        def __init__(self, name: object) -> None:
            assert name is None  # the C library the interpreter runs on
            self.mallopt = Function()

    monkeypatch.setattr(ctypes, "CDLL", Glibc)
    parallel.keep_freed_memory()
    assert calls == [(-3, 32 << 20), (-2, 16 << 20)]  # M_MMAP_THRESHOLD, M_TOP_PAD

    class NoMallopt:
        def __init__(self, name: object) -> None:
            pass

    def windows(name: object) -> object:
        raise TypeError("argument of type 'NoneType' is not iterable")  # CDLL(None) where names are searched

    real_import = builtins.__import__

    def no_ctypes(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "ctypes":
            raise ImportError("No module named '_ctypes'")
        return real_import(name, *args, **kwargs)

    for cdll in (NoMallopt, windows):
        monkeypatch.setattr(ctypes, "CDLL", cdll)
        parallel.keep_freed_memory()
    monkeypatch.setattr(ctypes, "CDLL", Glibc)
    monkeypatch.setattr(builtins, "__import__", no_ctypes)
    parallel.keep_freed_memory()
    monkeypatch.setattr(builtins, "__import__", real_import)
    assert len(calls) == 2  # none of the three asked anything, none raised
