"""A tracking folder as git holds it at a commit: a revision of the folder's own repository (``tracker diff``,
``check-authors``) or a lower level at its locked commit in its mirror (``levels``). Read through
``folder.pipeline`` like the working tree, with git's blob ids as the files' identities, so a cached file is
recognised without reading it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

from tracker.folder.root import CARRIED, PROGRESS, TASKS, UNITS
from tracker.folder.source import Stored, stem
from tracker.git import run as gitio
from tracker.load.progress import MAX_BYTES, TooLarge


class GitSource:
    """The folder at ``prefix`` (from the repository's top; "" for the top) of the repository at ``cwd``, as
    commit ``commit`` holds it. Its files are listed once and read through one ``git cat-file --batch``
    process, so reading thousands of files costs one process, not one each; close it (or use ``with``).
    ``cache_at``: the folder whose derived cache keeps what was checked of it (None: none)."""

    def __init__(self, cwd: Path, commit: str, prefix: str = "", *, cache_at: Path | None = None) -> None:
        self.cwd, self.commit, self.prefix = cwd, commit, prefix
        self._cache_at = cache_at
        self._files: dict[str, str] | None = None  # path in the folder -> blob id
        self._sizes: dict[str, int] = {}
        self._blobs = gitio.BlobReader(cwd)

    @classmethod
    def at_revision(cls, top: Path, rev: str, prefix: str = "") -> GitSource:
        """The folder as revision ``rev`` (any name git resolves) of the repository at ``top`` holds it."""
        return cls(top, gitio.resolve(top, rev), prefix)

    @property
    def cache_at(self) -> Path | None:
        return self._cache_at

    @property
    def listed(self) -> dict[str, str]:
        """Every file of the folder at the commit, by its path in the folder, with its blob id."""
        if self._files is None:
            cut = len(self.prefix)
            found = {path[cut:]: entry for path, entry in gitio.tree(self.cwd, self.commit).items()
                     if path.startswith(self.prefix)}
            self._files = {path: blob for path, (blob, _) in found.items()}
            self._sizes = {path: size for path, (_, size) in found.items()}
        return self._files

    def read(self, name: str) -> bytes | None:
        """A file's bytes at the commit; TooLarge, unread, past a progress file's limit."""
        blob = self.listed.get(name)
        if blob is None:
            return None
        size = self._sizes.get(name, 0)
        if size > MAX_BYTES:
            raise TooLarge(name, size)
        return self._blobs.read(blob)

    def shown(self, name: str) -> str:
        return name

    def list_key(self) -> str:
        files = self.listed
        key = f"{files.get(TASKS)}\0{files.get(UNITS)}\0{files.get(CARRIED)}"
        return hashlib.blake2b(key.encode(), digest_size=20).hexdigest()

    def progress(self) -> list[str]:
        return sorted(p for p in self.listed if p.startswith(f"{PROGRESS}/") and p.endswith(".yaml")
                      and p.count("/") == 1)

    def files(self, rels: list[str], wanted: set[str] | None, keyed: bool) -> Iterator[Stored]:
        for rel in rels:
            if wanted is not None and stem(rel) not in wanted:
                yield Stored(rel, "", None)
            else:
                yield Stored(rel, self.listed[rel], self._reader(rel))

    def on_disk(self, rels: list[str]) -> None:
        return None

    def _reader(self, rel: str) -> Callable[[], bytes]:
        def read() -> bytes:
            data = self.read(rel)
            if data is None:
                raise OSError("git")  # the blob is listed but git would not give it
            return data

        return read

    def close(self) -> None:
        self._blobs.close()

    def __enter__(self) -> GitSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
