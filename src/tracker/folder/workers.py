"""Checking many progress files at once, one worker process per core: what a cold report spends its time on.

A report with nothing cached (the first one in a clone, or the first after tasks.yaml or units.yaml changed,
which makes every cached entry stale) must read and check every record ever written; that is Python work, so
it goes as fast as the cores working on it. Each worker runs the caller's function on one file at a time (the
pipeline's: read it, check it, and hand back the file's entries for the cache's packs, encoded), with values
given to every worker once at its start (the task list, today); this module knows nothing of checking.
Results come back in the order of the files, as the packs keep them, and only a few files ahead of the one
the parent is at, so memory stays at a few files' worth whatever the history.

Workers are forked on Linux, which costs a few milliseconds and no pickling of the task list, before any
other thread of the parent runs (the progress bar starts after); elsewhere they start as the system does
(spawned: each imports the checker and receives the task list once), and only for more to read, since
that start costs more. A worker writes nothing to the terminal and ends when its parent has ended, so
``tracker report | less`` sees the end of the report whatever happens to the parent. TRACKER_WORKERS sets
how many (1: none, the files are checked in the calling process); by default, the idle cores (``workers``),
and none below MIN_BYTES of progress files.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

MIN_BYTES = 4 << 20  # below this, the files are checked in the calling process (forked workers)
MIN_BYTES_SPAWNED = 16 << 20  # the same where workers are spawned, each importing the checker
MOST = 16  # workers at most: past this the parent, writing the packs, is the slower side (Windows allows 61)
AHEAD = 3  # files handed to each worker before the parent has taken the first result


WAIT = 0.25  # seconds between looks at the workers while a result is awaited


class WorkerDied(RuntimeError):
    """A worker process ended without handing back its file (killed, or out of memory)."""


class WorkerStopped(WorkerDied):
    """A worker process was stopped (SIGSTOP, a debugger, ^Z sent to it alone): its file would never come back,
    and the run ends rather than wait for ever."""

    def __init__(self, pid: int) -> None:
        super().__init__(f"worker {pid} is stopped")
        self.pid = pid


def workers() -> int:
    """How many workers: TRACKER_WORKERS when set to a whole number from 1 (1 checks in this process), else
    the cores this process may run on that are idle (``idle``); never more than MOST. Fewer than two means
    none: the files are checked in this process.

    Measured on two cores (benchmarks/RESULTS.md): idle, two workers halve a cold report of a million
    entries; busy with other work (a load average of two or more), they made it a sixth to a third slower than
    one process at every size, since the workers and the parent then take turns on the same cores. So the cores
    counted are the idle ones, as measured when the report starts."""
    given = os.environ.get("TRACKER_WORKERS", "").strip()
    if given.isdigit() and int(given) > 0:
        return min(int(given), MOST)
    try:
        cores = frozenset(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        cores = frozenset(range(os.cpu_count() or 1))
    return max(1, min(len(cores), idle(cores), MOST))


SAMPLE = 0.05  # seconds over which the cores' idle time is measured, once a run, before workers start
_idle: dict[frozenset[int], int] = {}


def idle(cores: frozenset[int]) -> int:
    """How many of ``cores`` (numbered as the system numbers them) other work leaves idle, to the nearest whole
    core: measured over SAMPLE seconds where the system counts each core's idle time (Linux's /proc/stat),
    else their number less the load average over the last minute; all of them where the system keeps neither
    (Windows). Measured once a run. The load average trails by a minute: a machine whose other work has just
    ended still looks busy to it, and a cold report would then go without the workers that halve it; and it
    counts the whole machine, where the cores this process may run on can be few and busy."""
    if cores not in _idle:
        measured = _idle_now(SAMPLE, cores)
        if measured is None:
            try:
                measured = len(cores) - os.getloadavg()[0] * len(cores) / (os.cpu_count() or len(cores))
            except (AttributeError, OSError):
                measured = len(cores)
        _idle[cores] = max(0, min(len(cores), int(measured + 0.5)))
    return _idle[cores]


def cpu_times(cores: frozenset[int]) -> tuple[int, int]:
    """The time ``cores`` have spent, and spent idle or waiting on a disk, since the system started (their
    ``cpuN`` lines of /proc/stat, in ticks: user … steal, guest time being within user)."""
    total = spare = 0
    with open("/proc/stat", encoding="ascii") as f:
        for line in f:
            name, _, rest = line.partition(" ")
            if name.startswith("cpu") and name[3:].isdigit() and int(name[3:]) in cores:
                fields = [int(x) for x in rest.split()]
                total += sum(fields[:8])
                spare += fields[3] + fields[4]
    return total, spare


def _idle_now(window: float, cores: frozenset[int]) -> float | None:
    """How many of ``cores`` were idle, on average, over the next ``window`` seconds; None where the system
    does not count it (no /proc/stat, or none of them in it)."""
    import time

    try:
        total, spare = cpu_times(cores)
        time.sleep(window)
        total2, spare2 = cpu_times(cores)
    except (OSError, ValueError, IndexError):
        return None
    if total2 <= total:
        return None
    return len(cores) * (spare2 - spare) / (total2 - total)


def start_method() -> str:
    """fork on Linux; the system's default elsewhere (fork is unsafe on macOS, absent on Windows).
    TRACKER_START_METHOD, when it names a method this system has, overrides (the tests use it)."""
    import multiprocessing

    given = os.environ.get("TRACKER_START_METHOD", "").strip()
    if given in multiprocessing.get_all_start_methods():
        return given
    return "fork" if sys.platform.startswith("linux") else multiprocessing.get_context().get_start_method()


def worth_it(paths: list[Path]) -> bool:
    """Whether checking ``paths`` in workers pays for starting them: enough to read, and more than one idle core
    (asked only then: measuring them takes SAMPLE seconds)."""
    least = MIN_BYTES if start_method() == "fork" else MIN_BYTES_SPAWNED
    return len(paths) >= 2 and large(paths, least) and workers() >= 2


def large(paths: list[Path], least: int | None = None) -> bool:
    """Whether ``paths`` hold ``least`` bytes or more (MIN_BYTES unless given; files that cannot be read count for
    nothing)."""
    least = MIN_BYTES if least is None else least
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            continue
        if total >= least:
            return True
    return False


Result = TypeVar("Result")


class Checking(Generic[Result]):
    """``work(path, rel, enough, *shared)`` for each file of ``paths`` in a worker (``rels``: their paths
    relative to the root), read back in order by iterating. ``work`` must be a module's function (a spawned
    worker imports it by name); ``shared`` is handed to each worker once. The workers start here, when this
    is made: before the caller starts any thread (a progress bar). ``close`` ends them, whatever was read; a
    worker that dies (killed, out of memory) ends the reading with WorkerDied, and one that is stopped with
    WorkerStopped, rather than hanging it."""

    def __init__(self, paths: list[Path], rels: list[str], work: Callable[..., Result], shared: tuple[Any, ...], *,
                 enough: bool) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self._count = min(workers(), len(paths))
        self._jobs = iter(zip(paths, rels, strict=True))
        self._enough = enough
        self._pending: deque[Future[Result]] = deque()
        self._pool: ProcessPoolExecutor = ProcessPoolExecutor(
            self._count, mp_context=multiprocessing.get_context(start_method()), initializer=_start,
            initargs=(work, shared))
        try:
            for _ in range(self._count * AHEAD):
                if not self._submit():
                    break
        except BaseException:
            self.close()
            raise

    def _submit(self) -> bool:
        """Hand the next file to the workers; False when there is none left."""
        from concurrent.futures.process import BrokenProcessPool

        for path, rel in self._jobs:
            try:
                self._pending.append(self._pool.submit(_check, str(path), rel, self._enough))
            except BrokenProcessPool as exc:
                raise WorkerDied(str(exc)) from exc
            return True
        return False

    def __iter__(self) -> Iterator[Result]:
        from concurrent.futures import TimeoutError as Waited
        from concurrent.futures.process import BrokenProcessPool

        while self._pending:
            future = self._pending.popleft()
            while True:
                try:
                    result = future.result(timeout=WAIT)
                    break
                except BrokenProcessPool as exc:
                    raise WorkerDied(str(exc)) from exc
                except Waited:  # a worker still busy, or one that will never answer: look
                    stopped = self._stopped()
                    if stopped:
                        raise WorkerStopped(stopped[0]) from None
            self._submit()  # keep the workers busy: one more file for the one taken
            yield result

    def _stopped(self) -> list[int]:
        """The process ids of the workers that are stopped."""
        processes = getattr(self._pool, "_processes", None) or {}
        return [pid for pid in list(processes) if _is_stopped(pid)]

    def close(self) -> None:
        """End the workers. A stopped one would never read its order to end, so it is killed first (a process
        of this one's own, by its id)."""
        import signal

        for pid in self._stopped():
            try:
                os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
            except OSError:
                continue
        self._pool.shutdown(wait=True, cancel_futures=True)


def _is_stopped(pid: int) -> bool:
    """Whether the child ``pid`` is stopped: its state in /proc on Linux, else what ``waitid`` says without
    reaping it; False where neither can tell."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rpartition(b")")[2].split()[:1] in ([b"T"], [b"t"])
    except OSError:
        pass
    waitid = getattr(os, "waitid", None)
    if waitid is None:
        return False
    try:
        found = waitid(os.P_PID, pid, os.WSTOPPED | os.WNOHANG | os.WNOWAIT)
    except (OSError, AttributeError):
        return False
    return found is not None


# ---------------------------------------------------------------- in the worker

_given: dict[str, Any] = {}


def _start(work: Callable[..., Any], shared: tuple[Any, ...]) -> None:
    """A worker's start: the caller's function and what it shares with every file; no terminal (a reader of
    the parent's output must see its end when the parent's ends); and an end of its own as soon as the parent
    is gone, however it went."""
    import gc
    import threading

    gc.disable()  # as in the parent (cli.main): a spawned worker would otherwise rescan its records again and again
    keep_freed_memory()
    _given["work"], _given["shared"] = work, shared
    quiet = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        os.dup2(quiet, fd)
    os.close(quiet)
    threading.Thread(target=_watch, args=(os.getppid(),), name="tracker-parent-watch", daemon=True).start()


TOP_PAD = 16 << 20  # what glibc keeps at the top of the heap when it is freed (M_TOP_PAD)
MMAP_AT = 32 << 20  # from this size glibc maps a block by itself instead of taking it from the heap (its largest)


def keep_freed_memory() -> None:
    """Ask glibc to keep freed memory for the next file, in a process about to check many (a worker, or the one
    process of a cold report with none). It frees a file's text, records and entries (some 13 MB at 5,000
    records) before it reads the next. By its own settings glibc handed the freed top of the heap back to the
    system, and mapped and unmapped each large string by itself, and the next file faulted all of it in again:
    a tenth of a cold report's processor time went to the kernel. So: keep TOP_PAD at the top, and take blocks
    below MMAP_AT from the heap (setting the first alone stops glibc from raising its mapping size as it goes,
    which made a report with ``--no-cache`` fault more, not less). Measured at a million entries in workers,
    page faults from 380,000 to 110,000 and the kernel's time from 1.0 s to 0.45 s; over 40 files in one process
    with ``--no-cache``, faults from 86,000 to 30,000; the peak the same within 2 MB. Nothing where the C library
    is not glibc, or cannot be asked."""
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (ImportError, OSError, AttributeError, TypeError):  # no ctypes; Windows (no name); musl or macOS
        return
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    mallopt(-3, MMAP_AT)  # M_MMAP_THRESHOLD
    mallopt(-2, TOP_PAD)  # M_TOP_PAD


def _watch(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _check(path: str, rel: str, enough: bool) -> Any:
    """One file, in a worker: the caller's function, with what it shares."""
    return _given["work"](path, rel, enough, *_given["shared"])
