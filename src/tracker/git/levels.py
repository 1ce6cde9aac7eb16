"""Lower levels (the districts under the city, the cities under the province): declared in ``levels.yaml``,
pinned in ``levels.lock.json``, read out of git at their pinned commits.

Loading only. Each level is read with the same loaders and checks as a folder's own report, on bytes git
gives at the locked commit (``sources.GitSource``, read by ``folder.pipeline`` as the working tree is), so a
level's figures follow its own rules and deadlines; the roll-up's counting is ``rollup.py``'s. All git calls
go through ``gitio``, with hooks off and only the transports a source may name.

Levels are known by identity, never by what a lower level declares: names are compared as ``level_key``
writes them (a name given twice is refused), and a repository reached twice in the tree (one district
declaring another, or the folder itself) is read once, the second place shown as the same level and not
counted. The mirrors live out of git's reach (``folder.cache.mirrors_dir``) and keep every commit a lock ever
named; a lock moves only forward along a level's history, unless the office accepts a rewrite, and only to a
commit whose list passes validation.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tracker.check.checked import Progress
from tracker.compute.rollup import COUNTED, Items, LoadedLevel, figures_of, mapped_list
from tracker.core.model import Catalog
from tracker.core.problems import START as START  # importable from here as before
from tracker.core.problems import Problem, shown
from tracker.core.problems import problem as problem  # importable from here as before
from tracker.folder.cache import cache_dir, mirrors_dir
from tracker.folder.figures import Kept, read_figures, read_levels_file, write_figures, write_levels_file
from tracker.folder.pipeline import list_from, progress_from
from tracker.folder.root import Root
from tracker.git import run as gitio
from tracker.git.sources import GitSource
from tracker.load.levels import (
    LEVELS_FILE,
    LOCK_FILE,
    Declared,
    LevelDecl,
    Locked,
    level_key,
    load_levels_bytes,
    read_lock,
)
from tracker.load.progress import TooLarge

if TYPE_CHECKING:
    from tracker.compute.review import Diff

MIRRORS = ".tracker-levels"  # where mirrors were kept in the folder before; one committed there is refused
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


def identity(resolved: str) -> str:
    """One repository however its source is written: a path as the system resolves it (links followed), a URL
    with its scheme and host in one case and without a trailing ``/`` or ``.git``."""
    if not _URL.match(resolved):
        return "path:" + os.path.normcase(os.path.realpath(resolved))
    head, sep, rest = resolved.partition("://")
    if sep:
        host, _, where = rest.partition("/")
        return f"url:{head.lower()}://{host.lower()}/{where.rstrip('/').removesuffix('.git')}"
    return "url:" + resolved.rstrip("/").removesuffix(".git")


def mirror_dir(root: Root, resolved: str) -> Path:
    """The bare repository holding one source's commits, out of git's reach (``mirrors_dir``)."""
    return mirrors_dir(root.path, root.git_dir) / hashlib.blake2b(resolved.encode("utf-8"), digest_size=8).hexdigest()


def declared(root: Root, *, use_cache: bool = False) -> Declared:
    """levels.yaml, with a committed ``.tracker-levels/`` (mirrors older versions kept in the folder, which a
    clone brings along with their hooks) refused and named: never read, and an error until removed. With
    ``use_cache``, as last read from the same bytes (``figures.read_levels_file``), so a roll-up parses no YAML."""
    path = root.path / LEVELS_FILE
    data = path.read_bytes() if path.is_file() else None
    where = cache_dir(root.path, root.git_dir) if use_cache and data else None
    found = read_levels_file(where, data) if where is not None and data else None
    if found is None:
        found = load_levels_bytes(data)
        if where is not None and data:
            write_levels_file(where, data, found)
    if (root.path / MIRRORS).exists():
        committed = gitio.tracked(root.path, MIRRORS)
        if committed:
            found = found._replace(problems=[*found.problems, problem(
                MIRRORS + "/", START, "level-mirror-committed", file=shown(committed[0]), n=str(len(committed)))])
    return found


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


class Refusal(NamedTuple):
    """A level whose lock did not move: its list fails validation at the fetched commit (``why``: the first
    error), or its history was rewritten (``changed``: what the records' diff says) and the office did not
    accept it. ``old`` and ``new`` are the locked and the fetched commits."""

    name: str
    kind: str  # "invalid" or "rewritten"
    old: str | None
    new: str
    why: Problem | None = None
    changed: Diff | None = None
    accepted: bool = False
    catalog: Catalog | None = None  # the level's list at the new commit (for the records' words)


class Fetched(NamedTuple):
    locks: list[Locked]  # every level's lock as it now stands: moved, or kept where it could not move
    failures: list[tuple[str, str]]  # (level, git's message): unreachable, its lock kept as it was
    refusals: list[Refusal]  # rewritten or invalid: its lock kept as it was, unless a rewrite was accepted


def fetch(root: Root, levels: list[LevelDecl], *, accept_rewrite: bool = False, today: dt.date | None = None
          ) -> Fetched:
    """Fetch every level's ref into its mirror and pin the commit; the levels below a level are fetched at the
    commits that level's own lock names, so the whole chain is reproducible from this folder's lock. A level
    that cannot be fetched keeps its lock (the others move); one whose list fails validation at the fetched
    commit keeps it too; one whose fetched commit does not descend from the locked one (its history was
    rewritten: a record dropped or changed) keeps it unless ``accept_rewrite``, and then the lock remembers
    the commit it replaces. Every commit locked stays in the mirror."""
    before, _ = lock_of(root)
    day = today or dt.date.today()
    locks: list[Locked] = []
    failures: list[tuple[str, str]] = []
    refusals: list[Refusal] = []
    for decl in levels:
        old = before.get(level_key(decl.name))
        if old is not None and old.source != decl.source:
            old = None  # another source: a level of its own, not this lock's history
        resolved = resolve_source(decl.source, str(root.path))
        if resolved is None:
            failures.append((decl.name, decl.source))
            locks += [old] if old is not None else []
            continue
        mirror = mirror_dir(root, resolved)
        try:
            commit = gitio.mirror_fetch(mirror, resolved, decl.ref)
            refused = _refusal(decl.name, mirror, resolved, old, commit, day)
            if refused is not None and (refused.kind == "invalid" or not accept_rewrite):
                refusals.append(refused)
                locks += [old] if old is not None else []
                continue
            replaced: tuple[str, ...] = old.replaced if old is not None else ()
            if refused is not None and old is not None:
                refusals.append(refused._replace(accepted=True))
                replaced = (*replaced, old.commit)
            gitio.keep(mirror, commit)
            _pin_below(root, resolved, commit, 1, failures, decl.name)
        except gitio.GitError as exc:
            failures.append((decl.name, str(exc)))
            locks += [old] if old is not None else []
            continue
        locks.append(Locked(decl.name, decl.source, decl.ref, commit, replaced))
    return Fetched(locks, failures, refusals)


def _refusal(name: str, mirror: Path, resolved: str, old: Locked | None, commit: str,
             today: dt.date) -> Refusal | None:
    """Why the lock may not move to ``commit``, if it may not: its list fails validation, or it does not descend
    from the commit locked now (which the mirror keeps, or is fetched by its id: a source that dropped it
    rewrote its history)."""
    with GitSource(mirror, commit) as source:
        cat, problems = list_from(source, use_cache=False)
        try:
            problems = [*problems, *load_levels_bytes(source.read(LEVELS_FILE)).problems]
        except TooLarge as exc:
            problems.append(exc.problem())
    errors = [p for p in problems if p.level == "error"]
    if cat is None or errors:
        return Refusal(name, "invalid", old.commit if old else None, commit, errors[0] if errors else None)
    if old is None or old.commit == commit:
        return None
    with contextlib.suppress(gitio.GitError):
        gitio.fetch_commit(mirror, resolved, old.commit)
    if gitio.mirror_has(mirror, old.commit) and gitio.is_ancestor(mirror, old.commit, commit):
        return None
    return Refusal(name, "rewritten", old.commit, commit, changed=_changed(mirror, old.commit, commit, cat, today),
                   catalog=cat)


def _changed(mirror: Path, old: str, new: str, cat: Catalog, today: dt.date) -> Diff | None:
    """The records a rewrite changed, as ``tracker diff`` says it (None when the old commit is gone)."""
    from tracker.compute.review import diff_progress  # only a fetch needs it: not imported for every roll-up

    if not gitio.mirror_has(mirror, old):
        return None

    def files(commit: str) -> dict[str, bytes]:
        with GitSource(mirror, commit) as source:
            return {rel: data for rel in source.progress() if (data := _readable(source, rel)) is not None}

    return diff_progress(cat, files(old), files(new), today, today)


def _readable(source: GitSource, rel: str) -> bytes | None:
    try:
        return source.read(rel)
    except TooLarge:
        return None


def _pin_below(root: Root, source: str, commit: str, depth: int, failures: list[tuple[str, str]],
               where: str) -> None:
    if depth >= MAX_DEPTH:
        return
    mirror = mirror_dir(root, source)
    lower, _ = load_levels_bytes(_shown(mirror, commit, LEVELS_FILE))
    locks, _ = read_lock(_shown(mirror, commit, LOCK_FILE))
    for decl in lower:
        pinned = locks.get(level_key(decl.name))
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
        pinned = locks.get(level_key(decl.name))
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
    holds one level's records at a time. A repository met a second time (the folder's own, or one already
    walked) is given as ``duplicate``, naming where it was counted, and nothing below it is walked again."""
    levels = declared(root, use_cache=use_cache)
    locks, _ = lock_of(root)
    first: dict[str, tuple[str, ...]] = {identity(str(root.path)): ()}
    with contextlib.suppress(gitio.GitError):
        first.setdefault(identity(str(gitio.toplevel(root.path))), ())
    yield from _walk(root, str(root.path), levels.levels, locks, (), (top,), as_of, today, first, {}, use_cache)


def _walk(root: Root, base: str, levels: list[LevelDecl], locks: dict[str, Locked], path: tuple[str, ...],
          uppers: tuple[Items, ...], as_of: dt.date, today: dt.date, first: dict[str, tuple[str, ...]],
          commits: dict[str, tuple[str, ...]], use_cache: bool) -> Iterator[LoadedLevel]:
    found = []
    for decl in levels:  # each repository claimed by the shallowest place that names it, before any goes deeper
        here = (*path, decl.name)
        pinned = locks.get(level_key(decl.name))
        resolved = resolve_source(decl.source, base)
        if pinned is not None and pinned.source == decl.source and resolved is not None:
            first.setdefault(identity(resolved), here)
            commits.setdefault(pinned.commit, here)
        found.append((decl, here, pinned, resolved))
    for decl, here, pinned, resolved in found:
        if pinned is None or pinned.source != decl.source:
            yield LoadedLevel(here, decl.source, None, "not-locked", None, [], [], uppers)
            continue
        mirror = mirror_dir(root, resolved) if resolved is not None else None
        if mirror is None or resolved is None or not (gitio.kept(mirror, pinned.commit)
                                                          or gitio.mirror_has(mirror, pinned.commit)):
            yield LoadedLevel(here, decl.source, pinned.commit, "not-fetched", None, [], [], uppers)
            continue
        same = first[identity(resolved)]
        if same == here:
            same = commits[pinned.commit]
        if same != here or len(here) > MAX_DEPTH:
            yield LoadedLevel(here, decl.source, pinned.commit, "duplicate", None, [], [], uppers, same)
            continue
        loaded, below, below_lock = counted_level(mirror, pinned.commit, as_of, today, use_cache=use_cache)
        catalog, state = loaded.catalog, loaded.state
        yield loaded._replace(path=here, source=decl.source, uppers=uppers)
        del loaded  # the caller has taken its figures: hold no level's records while reading the next
        if catalog is None or state == "invalid":  # its own levels are as uncounted as it is
            continue
        lower = below.levels
        lower_locks, _ = read_lock(below_lock)
        yield from _walk(root, resolved, lower, lower_locks, here, (*uppers, catalog), as_of, today, first,
                         commits, use_cache)


def counted_level(mirror: Path, commit: str, as_of: dt.date, today: dt.date, *, use_cache: bool = True
                  ) -> tuple[LoadedLevel, Declared, bytes | None]:
    """A level at ``commit`` reduced to its figures, with its own levels.yaml and lock (what is below it): kept
    beside its mirror (``folder.figures``) and taken from there while the commit, the days and the rules are
    the same, so a warm roll-up reads one small file per level, not the level's records. A level whose list
    does not load is read every time (it has no figures)."""
    where = cache_dir(mirror, mirror)  # a mirror is its git directory
    kept = read_figures(where, commit, as_of, today) if use_cache else None
    if kept is not None:
        state = "errors" if kept.figures.errors else "ok"
        return (LoadedLevel((), "", commit, state, kept.items, [], [], (), figures=kept.figures), kept.levels,
                kept.lock)
    with GitSource(mirror, commit, cache_at=where) as source:
        loaded = _read_level(source, commit, as_of, today, use_cache)
        cat = loaded.catalog
        if not isinstance(cat, Catalog) or loaded.state not in COUNTED:
            return loaded, Declared([], []), None
        figures = figures_of(cat, loaded.pairs, loaded.problems)
        kept = Kept(mapped_list(cat), figures, load_levels_bytes(_readable(source, LEVELS_FILE)),
                    _readable(source, LOCK_FILE))
    if use_cache:
        write_figures(where, commit, as_of, today, kept)
    return loaded._replace(pairs=[], problems=[], figures=figures), kept.levels, kept.lock


def read_level(mirror: Path, commit: str, as_of: dt.date, today: dt.date, *, use_cache: bool = True) -> LoadedLevel:
    """A tracking folder (at its repository's top) as it was at ``commit``: the same loading, checks and cache
    as the folder's own report (``pipeline``), on the bytes git holds. Checked files are cached beside the
    mirror, keyed by git's blob ids, so a level read again parses no file twice."""
    with GitSource(mirror, commit, cache_at=cache_dir(mirror, mirror)) as source:  # a mirror is its git directory
        return _read_level(source, commit, as_of, today, use_cache)


def _read_level(source: GitSource, commit: str, as_of: dt.date, today: dt.date, use_cache: bool) -> LoadedLevel:
    from tracker.compute.report import stream_pairs

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
