"""The one path from a tracking folder's files to checked values: load, check, cache, for any source (the
working tree, a git revision, a lower level's mirror: see ``source``), with problems as sorted values.

Progress files are read one at a time (``progress_from``; ``iter_progress`` for the working tree), through
the cache unless told otherwise, so a caller that keeps only what it needs from each file holds one file's
records at a time. Below this module sit what it uses: the cache (``cache``), the worker processes
(``workers``), which run this module's ``check_file`` on a cold folder, and file io.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tracker.check.checked import Progress
from tracker.compute.state import PairState
from tracker.core.model import Catalog
from tracker.core.problems import START, Problem, problem
from tracker.folder import workers
from tracker.folder.enough import dated_of, enough_of
from tracker.folder.root import CARRIED, PROGRESS, TASKS, UNITS, Root, catalog_hash, folder_problems, progress_paths
from tracker.folder.source import FolderSource, Source, stem
from tracker.load.progress import TooLarge, read_file, read_progress

if TYPE_CHECKING:
    from tracker.check.records import check_progress
    from tracker.folder.cache import ProgressCache
    from tracker.folder.stamps import Stamp, Stamps

__all__ = ["Checked", "PairsAsOf", "Tick", "check_file", "iter_progress", "list_from", "load_checked", "load_list",
           "pairs_as_of", "progress_from",
           # what could be imported from here before the sources moved out (see ``__getattr__``)
           "READERS", "catalog_hash", "check_progress", "progress_paths"]

READERS = FolderSource.READERS


def __getattr__(name: str) -> object:
    """``check_progress``, importable from here as before, imported only when asked: a report read from the
    cache imports none of the rules."""
    if name == "check_progress":
        from tracker.check.records import check_progress

        return check_progress
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
                                  tick=tick, states_from=min((as_of, *also)), states_until=max((as_of, *also))):
            errors.extend(p for p in prog.problems if p.level == "error")
            yield prog

    states = stream_pairs_at(cat, counted(), [as_of, *also], unit=unit)
    return PairsAsOf(states, errors)


def load_list(root: Root, *, use_cache: bool = True) -> tuple[Catalog | None, list[Problem]]:
    """The task list and units with their problems, from the cache when both files are unchanged (which
    also spares importing the YAML parser)."""
    return list_from(FolderSource(root), use_cache=use_cache)


def list_from(source: Source, *, use_cache: bool = True) -> tuple[Catalog | None, list[Problem]]:
    """``load_list`` of any source: tasks.yaml and units.yaml (and carried.yaml, when there is one) loaded and
    cross-checked, through the cache of the source's folder when it keeps one."""
    from tracker.folder import cache

    use_cache = use_cache and source.cache_at is not None
    try:
        content = source.list_key() if use_cache else ""
    except OSError:
        content = ""
    if content and source.cache_at is not None:
        hit = cache.read_catalog(source.cache_at, content)
        if hit is not None:
            return hit
    from tracker.check.catalog import check_catalog
    from tracker.load.catalog import load_catalog_bytes

    tasks, units, carried = source.shown(TASKS), source.shown(UNITS), source.shown(CARRIED)
    try:
        loaded = load_catalog_bytes(source.read(TASKS), tasks, source.read(UNITS), units, source.read(CARRIED),
                                    carried)
    except TooLarge as exc:
        return None, [exc.problem(source.shown(exc.path))]
    problems = list(loaded.problems)
    if loaded.catalog is not None:
        problems += check_catalog(loaded.catalog, tasks, units, carried)
        if content and source.cache_at is not None:
            cache.write_catalog(source.cache_at, content, loaded.catalog, problems)
    return loaded.catalog, problems


Tick = Callable[[int, int], None]  # told (files read, files in all) as reading goes on, for a progress bar


def iter_progress(root: Root, cat: Catalog, today: dt.date, *, use_cache: bool = True,
                  only: Iterable[str] | None = None, states_from: dt.date | None = None,
                  states_until: dt.date | None = None, tick: Tick | None = None) -> Iterator[Progress]:
    """Each progress file checked, one at a time (only the files of the units in ``only``, when given).
    ``states_from``: the caller only computes pair states as of this date or later, so a file whose records
    all date from before it may come with only the records those states need (``state.enough``); with
    ``states_until`` too, only as of dates up to that one, so any file may (``enough.dated_of``)."""
    return progress_from(FolderSource(root), cat, today, use_cache=use_cache, only=only, states_from=states_from,
                         states_until=states_until, tick=tick)


def progress_from(source: Source, cat: Catalog, today: dt.date, *, use_cache: bool = True,
                  only: Iterable[str] | None = None, states_from: dt.date | None = None,
                  states_until: dt.date | None = None, tick: Tick | None = None) -> Generator[Progress, None, None]:
    """``iter_progress`` of any source: each file read from the cache of the source's folder when it holds
    the file's exact bytes, else checked (in worker processes when there is much to check and the workers can
    read the files themselves) and cached. Stopping part-way leaves the cache as it was."""
    wanted = None if only is None else set(only)
    yield from _each_progress(source, cat, today, use_cache and source.cache_at is not None, wanted,
                              states_from, tick, states_until)


def check_file(cat: Catalog, rel: str, data: bytes, today: dt.date) -> Progress:
    """One progress file's bytes, read and checked: every file goes this way, in this process or a worker."""
    from tracker.check.records import check_progress

    return check_progress(cat, read_progress(data, rel), stem(rel), today)


class Encoded(NamedTuple):
    """One file as a worker checked it: its content hash, its cache entries (the whole file's and, when asked,
    the enough records'), the date of its latest record (ISO, or None when it has none), and its stamps just
    before and after it was read (``stamps``)."""

    content: str
    whole: bytes
    enough: bytes
    latest: str | None
    before: Stamp | None = None
    after: Stamp | None = None


class Unreadable(NamedTuple):
    """A file the worker could not read, with the system's reason (or its size, when it was too large)."""

    reason: str
    size: int = -1


def _check_encoded(path: str, rel: str, enough: bool, cat: Catalog, today: dt.date) -> Encoded | Unreadable:
    """What a worker does with one file: read it, check it, and encode its cache entries."""
    from tracker.folder import cache
    from tracker.folder.stamps import stamp

    before = stamp(Path(path))
    try:
        data = read_file(path)
    except TooLarge as exc:
        return Unreadable("", exc.size)
    except OSError as exc:
        return Unreadable(exc.strerror or str(exc))
    content = cache.content_hash(data)
    prog = check_file(cat, rel, data, today)
    prog.entries.sort(key=cache.TASK_DATE_LINE)  # once, for both entries and for finding the enough records
    prog.in_order = True
    latest = prog.latest()
    return Encoded(content, cache.encode_entry(rel, content, today, prog),
                   cache.encode_entry(rel, content, today, enough_of(cat, prog)) if enough else b"",
                   None if latest is None else latest.isoformat(), before, stamp(Path(path)))


def _in_parallel(cat: Catalog, today: dt.date, rels: list[str], todo: list[Path], pack: ProgressCache | None,
                 few: ProgressCache | None, states_from: dt.date | None, tick: Tick | None,
                 stamps: Stamps | None) -> Iterator[Progress]:
    """``_each_progress`` with nothing cached: the files of ``todo`` are checked in worker processes, which
    hand back their cache entries encoded; this process stores them and decodes what the caller reads (the
    few records a report as of ``states_from`` needs, when that is on or after the file's latest record)."""
    from tracker.folder import cache

    wanted = {p.name for p in todo}
    until = None if states_from is None else states_from.isoformat()
    checking: workers.Checking[Encoded | Unreadable] = workers.Checking(
        todo, [f"{PROGRESS}/{p.name}" for p in todo], _check_encoded, (cat, today),
        enough=few is not None or until is not None)
    results = iter(checking)
    try:
        with _packs_kept(pack, few) as kept:
            for n, rel in enumerate(rels, 1):
                if tick is not None:
                    tick(n, len(rels))
                if rel.rpartition("/")[2] not in wanted:
                    for p in kept:
                        p.skip(rel)
                    continue
                got = next(results)
                if isinstance(got, Unreadable):
                    yield _failed(rel, TooLarge(rel, got.size) if got.size >= 0 else OSError(got.reason))
                    continue
                if stamps is not None:
                    stamps.saw(rel, got.before, got.after, got.content)
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


def _failed(rel: str, exc: OSError) -> Progress:
    """A progress file that could not be read, or was too large to be (``too-large``), with its problem."""
    if isinstance(exc, TooLarge):
        failed = Progress(rel, None)
        failed.problems.append(exc.problem(rel))
        return failed
    return _unreadable(rel, exc.strerror or str(exc))


def _unreadable(rel: str, reason: str) -> Progress:
    """A progress file that could not be read, with its problem."""
    failed = Progress(rel, None)
    failed.problems.append(problem(rel, START, "unreadable", reason=reason))
    return failed


def months(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The first day of ``first``'s month and the last of ``last``'s: the span of a dated pack."""
    following = dt.date(last.year + last.month // 12, last.month % 12 + 1, 1)
    return first.replace(day=1), following - dt.timedelta(days=1)


def _each_progress(source: Source, cat: Catalog, today: dt.date, use_cache: bool, wanted: set[str] | None,
                   states_from: dt.date | None = None, tick: Tick | None = None,
                   states_until: dt.date | None = None) -> Iterator[Progress]:
    from tracker.folder import cache

    folder = source.cache_at
    catalog = source.list_key() if use_cache else ""
    rels = source.progress()
    pack = cache.ProgressCache(folder, catalog, today) if use_cache and folder is not None else None
    few = cache.ProgressCache(folder, catalog, today, enough=True) \
        if pack is not None and folder is not None and states_from else None
    todo = rels if wanted is None else [r for r in rels if stem(r) in wanted]
    paths = source.on_disk(todo)
    if paths is not None and (pack is None or pack.cold()):  # nothing cached: every file is checked
        if workers.worth_it(paths):
            from tracker.folder.stamps import Stamps

            stamps = Stamps(folder) if pack is not None and folder is not None else None
            yield from _in_parallel(cat, today, rels, paths, pack, few, states_from, tick, stamps)
            if stamps is not None:
                stamps.close(rels)
            return
        if workers.large(paths):
            workers.keep_freed_memory()  # checked here, one after another, as a worker would
    span = months(states_from, states_until) if states_from is not None and states_until is not None else None
    if span is not None and span[0] <= cat.plan.start:
        span = None  # from the plan's start (the trend): the span's records are the whole file's
    dated = cache.ProgressCache(folder, catalog, today, span=span) \
        if few is not None and folder is not None and span is not None else None
    with _packs_kept(pack, few, dated) as kept:
        for n, stored in enumerate(source.files(rels, wanted, pack is not None), 1):
            if tick is not None:
                tick(n, len(rels))
            rel, content = stored.rel, stored.content
            if stored.read is None:
                for p in kept:
                    p.skip(rel)
                continue
            if pack is None:
                try:
                    data = stored.read()
                except OSError as exc:
                    yield _failed(rel, exc)
                    continue
                yield check_file(cat, rel, data, today)
                continue
            part: Progress | None = None
            if few is not None:
                assert states_from is not None
                reduced = few.get_until(rel, content, states_from)
                if dated is not None:
                    if isinstance(reduced, cache.Later):  # a record after the day asked: what the span needs
                        part = dated.get(rel, content)
                        if part is not None and pack.keep(rel):
                            yield part  # the whole file's entry stays as it was, not even decoded
                            continue
                    else:
                        dated.skip(rel)
                if isinstance(reduced, Progress) and pack.keep(rel):
                    yield reduced  # the whole file's entry stays as it was, not even decoded
                    continue
            cached = pack.get(rel, content)
            if cached is None:
                try:
                    data = stored.read()
                except OSError as exc:
                    yield _failed(rel, exc)
                    continue
                if stored.unread:  # the hash came from the file's stat: these bytes are what is checked
                    content = cache.content_hash(data)
                cached = check_file(cat, rel, data, today)
                pack.put(rel, content, cached)
            if few is not None and reduced is None:
                few.put(rel, content, enough_of(cat, cached))
            if dated is not None and span is not None and isinstance(reduced, cache.Later) and part is None:
                dated.put(rel, content, dated_of(cat, cached, *span))
            yield cached
