"""Lower levels (the districts under the city, the cities under the province): declared in ``levels.yaml``,
pinned in ``levels.lock.json``, read out of git at their pinned commits.

Loading only. Each level is read with the same loaders and checks as a folder's own report, on bytes git
gives at the locked commit (``sources.GitSource``, read by ``folder.pipeline`` as the working tree is), so a
level's figures follow its own rules and deadlines; the roll-up's counting is ``rollup.py``'s. All git calls
go through ``gitio``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from tracker.check.checked import Progress
from tracker.compute.rollup import LoadedLevel
from tracker.core.model import Catalog
from tracker.core.problems import START as START  # importable from here as before
from tracker.core.problems import Problem
from tracker.core.problems import problem as problem  # importable from here as before
from tracker.folder.cache import cache_dir
from tracker.folder.pipeline import list_from, progress_from
from tracker.folder.root import Root
from tracker.git import run as gitio
from tracker.git.sources import GitSource
from tracker.load.levels import LEVELS_FILE, LOCK_FILE, Declared, LevelDecl, Locked, load_levels_bytes, read_lock
from tracker.load.progress import TooLarge

MIRRORS = ".tracker-levels"
MAX_DEPTH = 8  # province → city → district is three; a deeper chain is a loop in someone's levels.yaml

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^[\w.-]+@[\w.-]+:")


def resolve_source(source: str, base: str) -> str | None:
    """Where git finds a level: a URL as written; a path relative to the folder that declares it (``base``:
    that folder's own path, or its source when it is itself a lower level). None when it cannot be placed."""
    if _URL.match(source):
        return source
    if Path(source).is_absolute():
        return str(Path(source).resolve())
    if _URL.match(base):
        return None
    return str((Path(base) / source).resolve())


def mirror_dir(root: Root, resolved: str) -> Path:
    """The bare repository under .tracker-levels/ holding one source's commits."""
    return root.path / MIRRORS / hashlib.blake2b(resolved.encode("utf-8"), digest_size=8).hexdigest()


def _prepare(root: Root) -> None:
    folder = root.path / MIRRORS
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# copies of the lower levels' repositories (tracker levels fetch): never commit\n*\n",
                          encoding="utf-8")


def declared(root: Root) -> Declared:
    path = root.path / LEVELS_FILE
    return load_levels_bytes(path.read_bytes() if path.is_file() else None)


def lock_of(root: Root) -> tuple[dict[str, Locked], list[Problem]]:
    path = root.path / LOCK_FILE
    return read_lock(path.read_bytes() if path.is_file() else None)


def level_problems(root: Root) -> list[Problem]:
    """levels.yaml's and the lock file's problems, for ``tracker validate`` (none when neither exists)."""
    found = declared(root)
    return found.problems + (lock_of(root)[1] if found.levels else [])


def _shown(mirror: Path, commit: str, name: str) -> bytes | None:
    """A level's levels.yaml or lock at a commit; none when it is absent or too large to read (the level's own
    reading then names it)."""
    try:
        return gitio.show(mirror, commit, name)
    except TooLarge:
        return None


class Fetched(NamedTuple):
    locks: list[Locked]
    failures: list[tuple[str, str]]  # (level, git's message)


def fetch(root: Root, levels: list[LevelDecl]) -> Fetched:
    """Fetch every level's ref into its mirror and pin the commit; the levels below a level are fetched at the
    commits that level's own lock names, so the whole chain is reproducible from this folder's lock."""
    _prepare(root)
    locks: list[Locked] = []
    failures: list[tuple[str, str]] = []
    for decl in levels:
        resolved = resolve_source(decl.source, str(root.path))
        if resolved is None:
            failures.append((decl.name, decl.source))
            continue
        try:
            commit = gitio.mirror_fetch(mirror_dir(root, resolved), resolved, decl.ref)
            _pin_below(root, resolved, commit, 1, failures, decl.name)
        except gitio.GitError as exc:
            failures.append((decl.name, str(exc)))
            continue
        locks.append(Locked(decl.name, decl.source, decl.ref, commit))
    return Fetched(locks, failures)


def _pin_below(root: Root, source: str, commit: str, depth: int, failures: list[tuple[str, str]],
               where: str) -> None:
    if depth >= MAX_DEPTH:
        return
    mirror = mirror_dir(root, source)
    lower, _ = load_levels_bytes(_shown(mirror, commit, LEVELS_FILE))
    locks, _ = read_lock(_shown(mirror, commit, LOCK_FILE))
    for decl in lower:
        pinned = locks.get(decl.name)
        resolved = resolve_source(decl.source, source)
        name = f"{where}/{decl.name}"
        if pinned is None or resolved is None:
            continue  # shown as not locked or not found by the report
        try:
            gitio.fetch_commit(mirror_dir(root, resolved), resolved, pinned.commit)
            _pin_below(root, resolved, pinned.commit, depth + 1, failures, name)
        except gitio.GitError as exc:
            failures.append((name, str(exc)))


class LevelStatus(NamedTuple):
    name: str
    source: str
    locked: str | None
    tip: str | None
    behind: int | None  # commits the source's ref has beyond the lock, when the mirror can count them
    error: str


def status(root: Root, levels: list[LevelDecl], locks: dict[str, Locked]) -> list[LevelStatus]:
    """Each level's pinned commit against what its source's ref names now."""
    out: list[LevelStatus] = []
    for decl in levels:
        pinned = locks.get(decl.name)
        locked = pinned.commit if pinned is not None and pinned.source == decl.source else None
        resolved = resolve_source(decl.source, str(root.path))
        if resolved is None:
            out.append(LevelStatus(decl.name, decl.source, locked, None, None, decl.source))
            continue
        try:
            tip = gitio.remote_tip(resolved, decl.ref, root.path)
        except gitio.GitError as exc:
            out.append(LevelStatus(decl.name, decl.source, locked, None, None, str(exc)))
            continue
        behind = None
        if locked is not None and tip != locked:
            mirror = mirror_dir(root, resolved)
            if not gitio.mirror_has(mirror, tip):
                with contextlib.suppress(gitio.GitError):  # then the lag is not counted, only shown as moved
                    gitio.fetch_commit(mirror, resolved, tip)
            behind = gitio.count_between(mirror, locked, tip)
        out.append(LevelStatus(decl.name, decl.source, locked, tip, 0 if tip == locked else behind, ""))
    return out


def walk(root: Root, top: Catalog, as_of: dt.date, today: dt.date, *, use_cache: bool = True) -> Iterator[LoadedLevel]:
    """Every level below the folder, depth first, one at a time: a caller keeping only each level's figures
    holds one level's records at a time."""
    levels = declared(root)
    locks, _ = lock_of(root)
    yield from _walk(root, str(root.path), levels.levels, locks, (), (top,), as_of, today, set(), use_cache)


def _walk(root: Root, base: str, levels: list[LevelDecl], locks: dict[str, Locked], path: tuple[str, ...],
          uppers: tuple[Catalog, ...], as_of: dt.date, today: dt.date,
          seen: set[tuple[str, str]], use_cache: bool) -> Iterator[LoadedLevel]:
    for decl in levels:
        here = (*path, decl.name)
        pinned = locks.get(decl.name)
        resolved = resolve_source(decl.source, base)
        if pinned is None or pinned.source != decl.source:
            yield LoadedLevel(here, decl.source, None, "not-locked", None, [], [], uppers)
            continue
        mirror = mirror_dir(root, resolved) if resolved is not None else None
        if mirror is None or resolved is None or not gitio.mirror_has(mirror, pinned.commit):
            yield LoadedLevel(here, decl.source, pinned.commit, "not-fetched", None, [], [], uppers)
            continue
        loaded = read_level(mirror, pinned.commit, as_of, today, use_cache=use_cache)
        catalog = loaded.catalog
        yield loaded._replace(path=here, source=decl.source, uppers=uppers)
        del loaded  # the caller has taken its figures: hold no level's records while reading the next
        key = (resolved, pinned.commit)
        if catalog is None or len(here) >= MAX_DEPTH or key in seen:
            continue
        lower, _ = load_levels_bytes(_shown(mirror, pinned.commit, LEVELS_FILE))
        lower_locks, _ = read_lock(_shown(mirror, pinned.commit, LOCK_FILE))
        yield from _walk(root, resolved, lower, lower_locks, here, (*uppers, catalog), as_of, today,
                         seen | {key}, use_cache)


def read_level(mirror: Path, commit: str, as_of: dt.date, today: dt.date, *, use_cache: bool = True) -> LoadedLevel:
    """A tracking folder (at its repository's top) as it was at ``commit``: the same loading, checks and cache
    as the folder's own report (``pipeline``), on the bytes git holds. Checked files are cached beside the
    mirror, keyed by git's blob ids, so a warm roll-up reads no file twice and costs about the warm reports of
    its levels."""
    from tracker.compute.report import stream_pairs

    with GitSource(mirror, commit, cache_at=cache_dir(mirror, mirror)) as source:  # a mirror is its git directory
        cat, problems = list_from(source, use_cache=use_cache)
        try:
            problems = [*problems, *load_levels_bytes(source.read(LEVELS_FILE)).problems]
        except TooLarge as exc:
            problems.append(exc.problem())
        if cat is None or any(p.level == "error" for p in problems):
            return LoadedLevel((), "", commit, "invalid", cat, [], problems, ())

        def counted(files: Iterator[Progress]) -> Iterator[Progress]:
            for prog in files:
                problems.extend(prog.problems)
                yield prog

        with contextlib.closing(progress_from(source, cat, today, use_cache=use_cache)) as files:
            pairs = stream_pairs(cat, counted(files), as_of)
    state = "errors" if any(p.level == "error" for p in problems) else "ok"
    return LoadedLevel((), "", commit, state, cat, pairs, problems, ())
