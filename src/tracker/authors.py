"""Who may change what: a unit's progress file belongs to its maintainers and to the office; records are
append-only, so editing or removing an existing line is the office's alone; tasks.yaml and units.yaml are
the office's. Pure: commits and file contents come in, violations go out.

Git author identities are whatever the committer typed, so they can be forged; ``require_signed`` adds the
one check that cannot be forged without the signing key: a good signature on every commit that matters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from tracker.model import Catalog

_EMAIL = re.compile(r"<([^>]+)>")
_TYPE = re.compile(r'"type"\s*:\s*"([a-z-]+)"')
OFFICE_ONLY = ("approve", "refuse", "reminder")  # a unit requests an extension; only the office decides and reminds


@dataclass(frozen=True)
class Violation:
    commit: str
    author: str
    path: str
    reason: str


@dataclass(frozen=True)
class Change:
    """One commit's effect on one file: the lines it added and the lines it removed."""

    path: str
    added: frozenset[str]
    removed: frozenset[str]


def identity_matches(author_name: str, author_email: str, maintainer: str) -> bool:
    """A maintainer entry ("Name <email>", "email" or "Name") against a commit's author."""
    m = _EMAIL.search(maintainer)
    email = (m.group(1) if m else maintainer if "@" in maintainer and not maintainer.startswith("@") else "")
    if email:
        return email.strip().lower() == author_email.strip().lower()
    return maintainer.strip() == author_name.strip()


def _content_lines(data: bytes | None) -> list[str]:
    if data is None:
        return []
    return [line.rstrip("\r") for line in data.decode("utf-8", "replace").split("\n") if line.strip()]


def change(path: str, before: list[bytes | None], after: bytes | None) -> Change:
    """What a commit (with one or more parents) did to a file. For a merge, a line is added when no parent
    had it, and removed when every parent had it and the merge dropped it: what a union merge combines
    is not counted against the person who merged."""
    now = set(_content_lines(after))
    olds = [set(_content_lines(b)) for b in before] or [set()]
    had_any = set().union(*olds)
    had_all = set.intersection(*olds)
    return Change(path, frozenset(now - had_any), frozenset(had_all - now))


def check_commit(cat: Catalog, commit: str, author_name: str, author_email: str, changes: list[Change],
                 signature: str | None, progress_dir: str = "progress") -> list[Violation]:
    """The violations of one commit. ``signature`` is git's %G? letter when signatures are required."""
    author = f"{author_name} <{author_email}>"
    office = cat.units.get(cat.plan.office)
    office_ids = office.maintainers if office else ()

    def allowed(ids: tuple[str, ...]) -> bool:
        return any(identity_matches(author_name, author_email, m) for m in ids)

    is_office = allowed(office_ids)
    out: list[Violation] = []
    add: Callable[[str, str], None] = lambda path, why: out.append(Violation(commit, author, path, why))  # noqa: E731
    for ch in changes:
        if not ch.added and not ch.removed:
            continue
        p = PurePosixPath(ch.path)
        if str(p.parent) == progress_dir and p.suffix == ".yaml":
            unit = cat.units.get(p.stem)
            owners = unit.maintainers if unit else ()
            if not is_office and not allowed(owners):
                who = "、".join(owners) if owners else "none listed"
                add(ch.path, f"the author is not a maintainer of unit {p.stem!r} (maintainers: {who}) "
                             "nor of the office")
            decided = sorted({m.group(1) for line in ch.added if (m := _TYPE.search(line))} & set(OFFICE_ONLY))
            if decided and not is_office:
                add(ch.path, f"added {', '.join(decided)} record(s); extension decisions and reminders are the "
                             "office's alone")
            if ch.removed and not is_office:
                add(ch.path, f"edited or removed {len(ch.removed)} existing line(s); progress records are "
                             "append-only and only the office may change them")
        elif ch.path in ("tasks.yaml", "units.yaml") and not is_office:
            add(ch.path, "only the office's maintainers may change the task list and the units")
    guarded = [ch.path for ch in changes if (ch.added or ch.removed) and _guarded(ch.path, progress_dir)]
    if signature is not None and signature != "G" and guarded:
        add(guarded[0], f"the commit has no good signature (git reports {signature!r}; G means good)")
    return out


def _guarded(path: str, progress_dir: str) -> bool:
    p = PurePosixPath(path)
    return (str(p.parent) == progress_dir and p.suffix == ".yaml") or path in ("tasks.yaml", "units.yaml")
