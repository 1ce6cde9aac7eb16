"""Reading the tracking folder out of git: file versions at a revision (through ``sources.GitSource``, as the
pipeline reads any folder), who added each record, and what each commit of a range changed. All git access
goes through gitio; this module shapes what it returns."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from tracker.check.authors import Change, Signature, Violation, allowed_signers, change, check_commit, new_errors
from tracker.core.dates import CST, today_cst
from tracker.core.i18n import Msg
from tracker.core.model import Catalog
from tracker.core.problems import Pos, Problem, problem
from tracker.folder.pipeline import Tick, list_from, progress_from
from tracker.folder.root import PROGRESS, TASKS, UNITS, Root, progress_paths
from tracker.folder.source import FolderSource, progress_bytes
from tracker.git import run as gitio
from tracker.git.sources import GitSource
from tracker.load.catalog import load_catalog_bytes as load_catalog_bytes  # importable from here as before
from tracker.load.levels import LEVELS_FILE, load_levels_bytes
from tracker.load.progress import MAX_BYTES, TooLarge, read_file, read_progress


@dataclass(frozen=True)
class Repo:
    """A tracking folder inside a git repository: ``prefix`` is its path from the repository's top."""

    root: Root
    top: Path
    prefix: str

    @classmethod
    def of(cls, root: Root) -> Repo:
        top = gitio.toplevel(root.path)
        rel = root.path.resolve().relative_to(top.resolve()).as_posix()
        return cls(root, top, "" if rel == "." else rel + "/")

    def inside(self, git_path: str) -> str | None:
        """A repository path as a path of the tracking folder, or None when it lies outside."""
        return git_path[len(self.prefix):] if git_path.startswith(self.prefix) else None


def working_side(repo: Repo) -> dict[str, bytes]:
    """The progress files as the working tree holds them, by path."""
    return progress_bytes(FolderSource(repo.root))


def revision_side(repo: Repo, rev: str) -> dict[str, bytes]:
    """The progress files as revision ``rev`` holds them, by path (a file git will not give is left out)."""
    with GitSource.at_revision(repo.top, rev, repo.prefix) as source:
        out: dict[str, bytes] = {}
        for rel in source.progress():
            data = source.read(rel)
            if data is not None:
                out[rel] = data
        return out


@dataclass(frozen=True)
class Edit:
    """A commit that changed a record's line after the record was written (records are append-only: an edit is
    what `diff` and check-authors flag loudly, and `log` marks)."""

    commit: str
    author: str
    committed: dt.datetime


@dataclass(frozen=True)
class Added:
    """One record in a working-tree progress file, the commit that first added it (None: uncommitted), and
    every commit that edited its line since."""

    path: str
    values: dict[str, Any]
    commit: str | None
    author: str
    committed: dt.datetime | None
    edits: tuple[Edit, ...] = ()


_ID = re.compile(rb'"id": "([^"\\]*)"')


def _written(repo: Repo, rel: str) -> tuple[dict[str, Edit], dict[str, list[Edit]]]:
    """By record id (as the tool writes it), the commit that first added it, and the later commits that
    removed its line and added it back changed (edits), from the file's history."""
    first: dict[str, Edit] = {}
    edits: dict[str, list[Edit]] = {}
    try:
        patches = gitio.file_patches(repo.top, repo.prefix + rel)
    except gitio.GitError:
        return first, edits
    for p in patches:
        who = Edit(p.commit, f"{p.author_name} <{p.author_email}>", dt.datetime.fromtimestamp(p.author_time, CST))
        removed = {m.group(1): line for line in p.removed if (m := _ID.search(line))}
        for line in p.added:
            m = _ID.search(line)
            if m is None:
                continue
            rid = m.group(1).decode("utf-8", "replace")
            if m.group(1) in removed and removed[m.group(1)] != line and rid in first:
                edits.setdefault(rid, []).append(who)
            first.setdefault(rid, who)
    return first, edits


def record_history(repo: Repo, tick: Tick | None = None) -> Iterator[Added]:
    paths = progress_paths(repo.root)
    for n, path in enumerate(paths, 1):
        if tick is not None:
            tick(n, len(paths))
        rel = repo.root.rel(path)
        try:
            raw = read_progress(read_file(path), rel)
        except OSError:  # too large, or gone: validate and report name it; the history has nothing to show
            continue
        try:
            lines = {b.line: b for b in gitio.blame(repo.top, repo.prefix + rel)}
        except gitio.GitError:
            lines = {}
        first, edits = _written(repo, rel)
        for rec in raw.records:
            b = lines.get(rec.pos.line)
            committed = b is not None and set(b.commit) != {"0"}
            rid = rec.values.get("id")
            origin = first.get(rid) if isinstance(rid, str) and committed else None
            changed = tuple(edits.get(rid, ())) if isinstance(rid, str) else ()
            if origin is not None:  # the commit that wrote the record, not the one that last touched its line
                yield Added(rel, rec.values, origin.commit, origin.author, origin.committed, changed)
                continue
            yield Added(rel, rec.values, b.commit if b and committed else None,
                        f"{b.author_name} <{b.author_email}>" if b and committed else "",
                        dt.datetime.fromtimestamp(b.author_time, CST) if b and committed else None, changed)


@contextlib.contextmanager
def _signers_file(repo: Repo, cat: Catalog | None) -> Iterator[Path | None]:
    """An allowed-signers file for git to check SSH signatures against while the range is read: the SSH keys
    units.yaml lists, with the lines of the file the checking machine configures (when it does); None when
    units.yaml lists no SSH key (git uses the configured file, if any). Removed afterwards."""
    listed = allowed_signers([cat]) if cat is not None else ""
    if not listed:
        yield None
        return
    configured = gitio.setting_path(repo.top, "gpg.ssh.allowedSignersFile")
    own = ""
    if configured is not None:
        with contextlib.suppress(OSError):
            own = configured.read_text(encoding="utf-8", errors="replace")
    with tempfile.TemporaryDirectory(prefix="tracker-signers-") as folder:
        path = Path(folder) / "allowed_signers"
        path.write_text(listed + own + ("\n" if own and not own.endswith("\n") else ""), encoding="utf-8")
        yield path


def _folder_errors(repo: Repo, commit: str, today: dt.date) -> set[tuple[str, str, int, int, str]]:
    """The errors ``tracker validate`` finds in the folder as ``commit`` holds it: its list and units, its
    levels.yaml and every progress file, as (path, code, line, column, message)."""
    found: list[Problem] = []
    with GitSource(repo.top, commit, repo.prefix) as source:
        cat, problems = list_from(source, use_cache=False)
        found += problems
        with contextlib.suppress(TooLarge):
            found += load_levels_bytes(source.read(LEVELS_FILE)).problems
        if cat is not None:
            with contextlib.closing(progress_from(source, cat, today, use_cache=False)) as files:
                for prog in files:
                    found += prog.problems
    return {(p.path, p.code, p.line, p.col, p.message()) for p in found if p.level == "error"}


def _progress_file(rel: str) -> bool:
    head, _, name = rel.rpartition("/")
    return head == PROGRESS and name.endswith(".yaml")


def _catalog_at(repo: Repo, commit: str, cache: dict[str, Catalog | None]) -> Catalog | None:
    """The task list and units as ``commit`` holds them (None when it lacks either file or they do not load),
    loaded once per version of the two files."""
    with GitSource(repo.top, commit, repo.prefix) as source:
        if TASKS not in source.listed or UNITS not in source.listed:
            return None
        key = source.list_key()
        if key not in cache:
            cache[key] = list_from(source, use_cache=False)[0]
        return cache[key]


class Judged(NamedTuple):
    """What check-authors found over a range: the commits judged, the violations, the commits not judged for
    lying at or before the trust root, and, when none is set and some commit was judged by a units.yaml that
    names no maintainers, the first commit of the range that names them (what the trust root would be)."""

    commits: int
    violations: list[Violation]
    before_root: int = 0
    first_named: str = ""
    root: str = ""


def check_range(repo: Repo, rev_range: str, current: Catalog, require_signed: bool,
                tick: Tick | None = None) -> Judged:
    """Every commit of the range against the permissions in force before it (its first parent's units.yaml,
    or the current one where that cannot be read). Commits at or before the trust root (units.yaml's
    ``trust_root``: the commit that first names the maintainers) are not judged: before it no permission was
    written down to judge by. A commit moving a trust root once set is a violation whoever makes it. ``tick``
    is told how far it has gone, for a progress bar over a long history."""
    cache: dict[str, Catalog | None] = {}
    found: list[Violation] = []
    today = today_cst()
    with _signers_file(repo, current if require_signed else None) as signers:
        commits = gitio.commits(repo.top, rev_range, signers)
    root = current.trust_root
    before_root = gitio.ancestry(repo.top, root) if root else set()
    judged = 0
    unnamed = False  # some commit was judged by a units.yaml naming no maintainer
    for n, c in enumerate(commits, 1):
        if tick is not None:
            tick(n, len(commits))
        if c.id in before_root:
            continue
        judged += 1
        parents = list(c.parents)
        bases: list[str | None] = [*parents] or [None]
        paths: list[str] = []
        for parent in bases:
            paths += [p for p in gitio.changed_files(repo.top, c.id, parent) if p not in paths]
        changes: list[Change] = []
        for path in paths:
            rel = repo.inside(path)
            if rel is None:
                rel = "/" + path  # outside the tracking folder: never a progress file's path
            try:
                before: list[bytes | None] = [gitio.show(repo.top, p, path) for p in parents] if parents else [None]
                after = gitio.show(repo.top, c.id, path)
                made = change(rel, before, after)
                if _progress_file(rel) and (made.added or not made.appended):  # the checks, run on the result
                    cat_after = _catalog_at(repo, c.id, cache) or current
                    made = dataclasses.replace(made, errors=new_errors(cat_after, rel, before, after, today))
                changes.append(made)
            except TooLarge as exc:
                found.append(Violation(c.id, f"{c.author_name} <{c.author_email}>", rel,
                                       Msg.of("violation.too-large", size=str(exc.size), limit=str(MAX_BYTES))))
        lists = [n for n, ch in enumerate(changes) if ch.path in (TASKS, UNITS, LEVELS_FILE) and ch.touched]
        if lists:  # the list, the units or the levels changed: validate's every check, before and after
            newly = _folder_errors(repo, c.id, today) - set().union(*(_folder_errors(repo, p, today) for p in parents))
            if newly:
                shown = sorted(newly, key=lambda e: (e[0], e[2]))
                changes[lists[0]] = dataclasses.replace(changes[lists[0]], errors=tuple(
                    problem(path, Pos(line, col), code) for path, code, line, col, _ in shown))
        cat = (_catalog_at(repo, parents[0], cache) if parents else None) or current
        unnamed = unnamed or not any(u.maintainers for u in cat.units.values())
        found += check_commit(cat, c.id, c.author_name, c.author_email, changes,
                              Signature(c.signature, c.key, c.primary, c.signer) if require_signed else None)
        if parents and UNITS in {repo.inside(p) for p in paths}:
            now = _catalog_at(repo, c.id, cache)
            if cat.trust_root and now is not None and now.trust_root != cat.trust_root:
                found.append(Violation(c.id, f"{c.author_name} <{c.author_email}>", UNITS,
                                       Msg.of("violation.trust-root-moved", old=cat.trust_root[:10],
                                              new=(now.trust_root or "—")[:10])))
    first = ""
    if unnamed and found and not root:
        first = next((c.id for c in commits if (cat_c := _catalog_at(repo, c.id, cache)) is not None
                      and any(u.maintainers for u in cat_c.units.values())), "")
    return Judged(judged, found, len(commits) - judged, first, root)
