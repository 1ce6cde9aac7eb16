"""Where a tracking folder's files come from: the working tree here, a git revision or a lower level's mirror
(``git.sources``). Each gives the same things, so one path loads, checks and caches them all (``pipeline``):
the bytes of tasks.yaml, units.yaml and the progress files, and identities a cache can key them by.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from tracker.folder.root import PROGRESS, Root, catalog_hash, progress_paths
from tracker.load.progress import TooLarge, read_file

if TYPE_CHECKING:
    from tracker.folder.stamps import Stamp


class Stored(NamedTuple):
    """One progress file as a source holds it."""

    rel: str  # its path in the folder, as messages and the cache name it: progress/<unit>.yaml
    content: str  # the identity of its bytes, which the cache keys its entry by ("" when not asked for)
    read: Callable[[], bytes] | None  # its bytes (OSError when they cannot be read); None: not wanted
    unread: bool = False  # ``content`` is the hash of the bytes last read, the file's stat unchanged since
    # (``stamps``): whoever reads the bytes hashes them again, since they may have changed since the stat


class Source(Protocol):
    """A tracking folder's files, wherever they are."""

    @property
    def cache_at(self) -> Path | None:
        """The folder of the derived cache that holds what was checked of these files (None: none is kept)."""

    def read(self, name: str) -> bytes | None:
        """A file of the folder by its path in it (tasks.yaml, units.yaml, carried.yaml, levels.yaml); None when
        absent or unreadable; TooLarge (its ``path`` the name asked) past a progress file's limit."""

    def shown(self, name: str) -> str:
        """How problems name that file."""

    def list_key(self) -> str:
        """The identity of tasks.yaml, units.yaml and carried.yaml together, which every checked file depends
        on. Raises OSError when they cannot be read."""

    def progress(self) -> list[str]:
        """The progress files' paths, in the order the cache's packs keep their entries."""

    def files(self, rels: list[str], wanted: set[str] | None, keyed: bool) -> Iterator[Stored]:
        """Each of the progress files ``rels`` (as ``progress`` gives them), in order: those of the units in
        ``wanted`` (all when None) with their bytes, the others with none; with their identities when
        ``keyed``."""

    def on_disk(self, rels: list[str]) -> list[Path] | None:
        """The files as paths a worker process can read itself; None when only this process can read them."""


def stem(rel: str) -> str:
    """The unit a progress file's path names: progress/<unit>.yaml."""
    return rel.rpartition("/")[2].removesuffix(".yaml")


def progress_bytes(source: Source) -> dict[str, bytes]:
    """Every progress file's bytes, by path (an unreadable one raises OSError)."""
    return {f.rel: f.read() for f in source.files(source.progress(), None, False) if f.read is not None}


class FolderSource:
    """A tracking folder's working tree. Progress files are read and hashed a few ahead, in threads."""

    READERS = 2  # threads reading and hashing ahead, each every other file

    def __init__(self, root: Root) -> None:
        self.root = root

    @property
    def cache_at(self) -> Path:
        from tracker.folder.cache import cache_dir

        return cache_dir(self.root.path, self.root.git_dir)

    def read(self, name: str) -> bytes | None:
        try:
            return read_file(self.root.path / name)
        except TooLarge as exc:
            exc.path = name
            raise
        except OSError:
            return None

    def shown(self, name: str) -> str:
        return self.root.rel(self.root.path / name)

    def list_key(self) -> str:
        return catalog_hash(self.root)

    def progress(self) -> list[str]:
        return [f"{PROGRESS}/{p.name}" for p in progress_paths(self.root)]  # as root.rel gives them, unresolved

    def on_disk(self, rels: list[str]) -> list[Path]:
        return [self.root.path / rel for rel in rels]

    def files(self, rels: list[str], wanted: set[str] | None, keyed: bool) -> Iterator[Stored]:
        """With ``keyed``, a file whose stat is unchanged since its bytes were hashed (``stamps``) is not read:
        it comes with the hash it had then, and its bytes are read only if asked for."""
        from tracker.folder.stamps import Stamps, stamp

        paths = self.on_disk(rels)
        stamps = Stamps(self.cache_at) if keyed else None
        known: dict[int, str] = {}
        before: dict[int, Stamp | None] = {}
        if stamps is not None:
            for n, path in enumerate(paths):
                if wanted is None or path.stem in wanted:
                    before[n] = stamp(path)
                    found = stamps.content(rels[n], before[n])
                    if found is not None:
                        known[n] = found
        unread = [p for n, p in enumerate(paths) if n not in known]
        reading = _read_ahead(unread, wanted, keyed, self.READERS)
        try:
            for n, (rel, path) in enumerate(zip(rels, paths, strict=True)):
                if n in known:
                    yield Stored(rel, known[n], _reading(path), unread=True)
                    continue
                _, data, content, after = next(reading)
                if data is None:
                    yield Stored(rel, "", None)
                elif isinstance(data, OSError):
                    yield Stored(rel, "", _raising(data))
                else:
                    if stamps is not None:
                        stamps.saw(rel, before.get(n), after, content)
                    yield Stored(rel, content, _holding(data))
        finally:
            reading.close()
        if stamps is not None:
            stamps.close(rels)


def _reading(path: Path) -> Callable[[], bytes]:
    return lambda: read_file(path)


def _holding(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _raising(exc: OSError) -> Callable[[], bytes]:
    def read() -> bytes:
        raise exc

    return read


def _read_ahead(paths: list[Path], wanted: set[str] | None, hashing: bool, readers: int
                ) -> Generator[tuple[Path, bytes | OSError | None, str, Stamp | None], None, None]:
    """Each file's bytes (None for a file not wanted; the error for one that cannot be read), content hash
    and, when hashing, its stamp just after it was read, read and hashed a few files ahead by ``readers``
    threads, each taking every other file, and handed over in order. Reading and SHA-256 release the
    interpreter's lock, so the hashing of the files that changed runs on every core beside the decoding and
    the pair states."""
    import queue
    import threading

    from tracker.folder.cache import content_hash
    from tracker.folder.stamps import Stamp, stamp

    Item = tuple[Path, bytes | OSError | None, str, Stamp | None] | BaseException
    lanes: list[queue.Queue[Item]] = [queue.Queue(maxsize=2) for _ in range(readers)]
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
            for path in paths[first::readers]:
                if stop.is_set():
                    return
                if wanted is not None and path.stem not in wanted:
                    put(lane, (path, None, "", None))
                    continue
                try:
                    data = read_file(path)
                except OSError as exc:
                    put(lane, (path, exc, "", None))
                    continue
                put(lane, (path, data, content_hash(data), stamp(path)) if hashing else (path, data, "", None))
        except BaseException as exc:  # handed to the reader, which raises it
            put(lane, exc)

    threads = [threading.Thread(target=work, args=(n,), name=f"tracker-read-ahead-{n}", daemon=True)
               for n in range(min(readers, len(paths)))]
    for thread in threads:
        thread.start()
    try:
        for n in range(len(paths)):
            item = lanes[n % readers].get()
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        for thread in threads:
            thread.join()
