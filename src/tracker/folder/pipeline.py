"""Run every check over a tracking folder: load, cross-check, and return problems as sorted values.

Progress files are read one at a time (``iter_progress``), through the cache unless told otherwise, so a
caller that keeps only what it needs from each file holds one file's records at a time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tracker.check.records import Progress, check_progress
from tracker.compute.state import PairState
from tracker.core.model import Catalog
from tracker.core.problems import START, Problem, problem
from tracker.folder import workers
from tracker.folder.enough import enough_of
from tracker.folder.root import PROGRESS, Root, catalog_hash, folder_problems, progress_paths
from tracker.load.progress import read_progress

if TYPE_CHECKING:
    from tracker.folder.cache import ProgressCache


@dataclass(frozen=True)
class Checked:
    catalog: Catalog | None
    problems: list[Problem]
    progress: list[Progress] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]


def load_checked(root: Root, today: dt.date, *, with_progress: bool = True, use_cache: bool = True) -> Checked:
    """tasks.yaml + units.yaml, loaded and cross-checked, then every progress file against them.
    Paths in problems are relative to the root."""
    cat, problems = load_list(root, use_cache=use_cache)
    progress: list[Progress] = []
    if cat is not None and with_progress:
        progress = list(iter_progress(root, cat, today, use_cache=use_cache))
        problems = problems + [p for prog in progress for p in prog.problems] + folder_problems(root)
    return Checked(cat, sorted(problems, key=Problem.sort_key), progress)


class PairsAsOf(NamedTuple):
    """Every expected pair's state as of each date asked (the first is the report's), and the errors of the
    progress files they were read from."""

    states: list[list[PairState]]
    errors: list[Problem]

    @property
    def pairs(self) -> list[PairState]:
        return self.states[0]

    @property
    def units_with_errors(self) -> dict[str, int]:
        """How many errors each unit's file has (a file is its unit's, by name, even when it names none)."""
        out: dict[str, int] = {}
        for p in self.errors:
            unit = Path(p.path).stem
            out[unit] = out.get(unit, 0) + 1
        return out


def pairs_as_of(root: Root, cat: Catalog, today: dt.date, as_of: dt.date, *, unit: str | None = None,
                use_cache: bool = True, also: tuple[dt.date, ...] = (), tick: Tick | None = None) -> PairsAsOf:
    """Every expected pair's state as of ``as_of`` (and of each date in ``also``), reading the progress files
    once, one at a time (only ``unit``'s file when given), with the errors found on the way."""
    from tracker.compute.report import stream_pairs_at

    errors: list[Problem] = []

    def counted() -> Iterator[Progress]:
        for prog in iter_progress(root, cat, today, use_cache=use_cache, only=None if unit is None else [unit],
                                  tick=tick, states_from=min((as_of, *also))):
            errors.extend(p for p in prog.problems if p.level == "error")
            yield prog

    states = stream_pairs_at(cat, counted(), [as_of, *also], unit=unit)
    return PairsAsOf(states, errors)


def load_list(root: Root, *, use_cache: bool = True) -> tuple[Catalog | None, list[Problem]]:
    """The task list and units with their problems, from the cache when both files are unchanged (which
    also spares importing the YAML parser)."""
    from tracker.folder import cache

    try:
        content = catalog_hash(root)
    except OSError:
        content = ""
    if use_cache and content:
        hit = cache.read_catalog(root.path, content)
        if hit is not None:
            return hit
    from tracker.check.catalog import check_catalog
    from tracker.load.catalog import load_catalog

    loaded = load_catalog(root.tasks, root.units, root.carried)
    problems = [_renamed(p, root) for p in loaded.problems]
    if loaded.catalog is not None:
        problems += check_catalog(loaded.catalog, root.rel(root.tasks), root.rel(root.units))
        if use_cache and content:
            cache.write_catalog(root.path, content, loaded.catalog, problems)
    return loaded.catalog, problems


Tick = Callable[[int, int], None]  # told (files read, files in all) as reading goes on, for a progress bar


def iter_progress(root: Root, cat: Catalog, today: dt.date, *, use_cache: bool = True,
                  only: Iterable[str] | None = None, states_from: dt.date | None = None,
                  tick: Tick | None = None) -> Iterator[Progress]:
    """Each progress file checked, one at a time (only the files of the units in ``only``, when given).
    ``states_from``: the caller only computes pair states as of this date or later, so a file whose records
    all date from before it may come with only the records those states need (``state.enough``)."""
    wanted = None if only is None else set(only)
    catalog = catalog_hash(root) if use_cache else ""
    yield from _each_progress(root, cat, today, use_cache, wanted, catalog, states_from, tick)


def _in_parallel(cat: Catalog, today: dt.date, paths: list[Path], todo: list[Path], pack: ProgressCache | None,
                 few: ProgressCache | None, states_from: dt.date | None, tick: Tick | None) -> Iterator[Progress]:
    """``_each_progress`` with nothing cached: the files of ``todo`` are checked in worker processes, which
    hand back their cache entries encoded; this process stores them and decodes what the caller reads (the
    few records a report as of ``states_from`` needs, when that is on or after the file's latest record)."""
    from tracker.folder import cache

    wanted = set(todo)
    until = None if states_from is None else states_from.isoformat()
    checking = workers.Checking(todo, [f"{PROGRESS}/{p.name}" for p in todo], cat, today,
                                 enough=few is not None or until is not None)
    results = iter(checking)
    try:
        with _packs_kept(pack, few) as kept:
            for n, path in enumerate(paths, 1):
                if tick is not None:
                    tick(n, len(paths))
                rel = f"{PROGRESS}/{path.name}"
                if path not in wanted:
                    for p in kept:
                        p.skip(rel)
                    continue
                got = next(results)
                if isinstance(got, workers.Unreadable):
                    yield _unreadable(rel, got.reason)
                    continue
                if pack is not None:
                    pack.put_encoded(rel, got.whole)
                if few is not None:
                    few.put_encoded(rel, got.enough)
                small = until is not None and (got.latest is None or got.latest <= until)
                yield cache.decode_entry(rel, got.enough if small else got.whole)
    finally:
        checking.close()


@contextlib.contextmanager
def _packs_kept(*packs: ProgressCache | None) -> Iterator[list[ProgressCache]]:
    """The packs written while the files are read: stored once every file was read, abandoned (the old ones
    kept as they were) when the reading stopped part-way, a caller that stops reading included."""
    kept = [p for p in packs if p is not None]
    try:
        yield kept
    except BaseException:
        for p in kept:
            p.abandon()
        raise
    for p in kept:
        p.close()


def _unreadable(rel: str, reason: str) -> Progress:
    """A progress file that could not be read, with its problem."""
    failed = Progress(rel, None)
    failed.problems.append(problem(rel, START, "unreadable", reason=reason))
    return failed


def _each_progress(root: Root, cat: Catalog, today: dt.date, use_cache: bool, wanted: set[str] | None,
                   catalog: str, states_from: dt.date | None = None, tick: Tick | None = None
                   ) -> Iterator[Progress]:
    from tracker.folder import cache

    paths = progress_paths(root)
    pack = cache.ProgressCache(root.path, catalog, today) if use_cache else None
    few = cache.ProgressCache(root.path, catalog, today, enough=True) if use_cache and states_from else None
    todo = paths if wanted is None else [p for p in paths if p.stem in wanted]
    if (pack is None or pack.cold()) and workers.worth_it(todo):
        yield from _in_parallel(cat, today, paths, todo, pack, few, states_from, tick)
        return
    with _packs_kept(pack, few) as kept:
        for n, (path, data, content) in enumerate(_read_ahead(paths, wanted, pack is not None), 1):
            if tick is not None:
                tick(n, len(paths))
            rel = f"{PROGRESS}/{path.name}"  # as root.rel gives it, without resolving hundreds of paths
            if data is None:
                for p in kept:
                    p.skip(rel)
                continue
            if isinstance(data, OSError):
                yield _unreadable(rel, data.strerror or str(data))
                continue
            if pack is None:
                yield check_progress(cat, read_progress(data, rel), path.stem, today)
                continue
            if few is not None:
                assert states_from is not None
                reduced = few.get_until(rel, content, states_from)
                if isinstance(reduced, Progress) and pack.keep(rel):
                    yield reduced  # the whole file's entry stays as it was, not even decoded
                    continue
            cached = pack.get(rel, content)
            if cached is None:
                cached = check_progress(cat, read_progress(data, rel), path.stem, today)
                pack.put(rel, content, cached)
            if few is not None and reduced is None:
                few.put(rel, content, enough_of(cat, cached))
            yield cached


READERS = 2  # threads reading and hashing ahead, each every other file


def _read_ahead(paths: list[Path], wanted: set[str] | None, hashing: bool
                ) -> Iterator[tuple[Path, bytes | OSError | None, str]]:
    """Each file's bytes (None for a file not wanted; the error for one that cannot be read) and content
    hash, read and hashed a few files ahead by READERS threads, each taking every other file, and handed
    over in order. Reading and SHA-256 release the interpreter's lock, so the hashing of a long history (a
    quarter of a gigabyte at a million entries), which a warm report otherwise waits for, runs on every core
    beside the decoding and the pair states."""
    import queue
    import threading

    from tracker.folder import cache

    Item = tuple[Path, bytes | OSError | None, str] | BaseException
    lanes: list[queue.Queue[Item]] = [queue.Queue(maxsize=2) for _ in range(READERS)]
    stop = threading.Event()

    def put(lane: queue.Queue[Item], item: Item) -> None:
        while not stop.is_set():
            try:
                lane.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def work(first: int) -> None:
        lane = lanes[first]
        try:
            for path in paths[first::READERS]:
                if stop.is_set():
                    return
                if wanted is not None and path.stem not in wanted:
                    put(lane, (path, None, ""))
                    continue
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    put(lane, (path, exc, ""))
                    continue
                put(lane, (path, data, cache.content_hash(data) if hashing else ""))
        except BaseException as exc:  # handed to the reader, which raises it
            put(lane, exc)

    readers = [threading.Thread(target=work, args=(n,), name=f"tracker-read-ahead-{n}", daemon=True)
               for n in range(min(READERS, len(paths)))]
    for reader in readers:
        reader.start()
    try:
        for n in range(len(paths)):
            item = lanes[n % READERS].get()
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        for reader in readers:
            reader.join()




def _renamed(p: Problem, root: Root) -> Problem:
    return p._replace(path=root.rel(Path(p.path)))
