"""Who may change what: a unit's progress file belongs to its maintainers and to the office; records are
append-only, byte for byte, so editing, removing, reordering or duplicating an existing line, or putting a new
one above it, is a violation whoever does it (the office corrects with a withdrawal record instead); a change
that gives a progress file an error it did not have is one too (validate would fail on it); tasks.yaml,
units.yaml and every other file (a script, a planted cache, settings such as .gitattributes) are the office's.
Pure: commits and file contents come in, violations go out.

Git author identities are whatever the committer typed, so they can be forged; ``require_signed`` adds the
one check that cannot be forged without the signing key: a good signature on every commit that matters.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import NamedTuple

from tracker.core.i18n import Msg
from tracker.core.model import Catalog
from tracker.core.problems import Problem

_EMAIL = re.compile(r"<([^>]+)>")
# a unit requests an extension; only the office decides, reminds and withdraws
OFFICE_ONLY = ("verify", "reject", "approve", "refuse", "reminder", "withdraw")


@dataclass(frozen=True)
class Violation:
    commit: str
    author: str
    path: str
    reason: Msg  # put into words in the reader's language when shown


@dataclass(frozen=True)
class Change:
    """One commit's effect on one file: the lines it added and the lines it removed."""

    path: str  # relative to the tracking folder; "/" + the repository path for a file outside it
    added: frozenset[str]
    removed: frozenset[str]
    touched: bool = True  # the commit's version differs from every parent's (a merge may just take one side)
    reordered: bool = False  # lines some parent had are no longer in that parent's order
    duplicated: frozenset[str] = frozenset()  # lines the commit holds more often than any parent did
    types: frozenset[str] = frozenset()  # the record types of the records the commit added, as the loader reads them
    appended: bool = True  # every parent's bytes stand whole in the commit's, only followed by new ones
    errors: tuple[Problem, ...] = ()  # errors the file has after the commit that no parent's version had


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
    """What a commit (with one or more parents) did to a file, judged against every parent. A line is added
    when no parent had it, and removed when any parent had it and the commit dropped it: a union merge
    keeps every line of both sides, so it passes, while a merge that drops a record does not. Lines a
    parent had must keep that parent's order, and no line may appear more often than in any parent."""
    now_lines = _content_lines(after)
    now = set(now_lines)
    old_lists = [_content_lines(b) for b in before] or [[]]
    olds = [set(lines) for lines in old_lists]
    had_any = set().union(*olds)
    reordered = any(not _in_order([line for line in old if line in now], now_lines) for old in old_lists)
    counts = Counter(now_lines)
    most = Counter[str]()
    for old in old_lists:
        most |= Counter(old)
    duplicated = frozenset(line for line, n in counts.items() if n > max(most[line], 1))
    added = frozenset(now - had_any)
    return Change(path, added, frozenset(had_any - now), all(after != b for b in before), reordered, duplicated,
                  _added_types(path, after, added), appended(before, after))


def appended(before: list[bytes | None], after: bytes | None) -> bool:
    """Whether the commit only appended to the file, per parent: with one parent, its bytes are a prefix of
    the commit's; with several, the commit starts with what they share and holds each parent's own additions
    since, whole and at a line's start (a union merge appends one side's lines after the other's). A line
    inserted above an existing one, or any byte of one changed, is not appending, whatever the lines say."""
    if after is None:
        return all(b is None for b in before)
    parents = [b or b"" for b in before] or [b""]
    if len(parents) == 1:
        return after.startswith(parents[0])
    shared = parents[0][:len(os.path.commonprefix(parents))]
    if any(len(p) > len(shared) for p in parents):
        shared = shared[:shared.rfind(b"\n") + 1]  # what they share, to the end of its last whole line
    if not after.startswith(shared):
        return False
    rest = after[len(shared):]
    return all(_holds_whole(rest, p[len(shared):]) for p in parents)


def _holds_whole(text: bytes, block: bytes) -> bool:
    """Whether ``block`` (empty, or lines) stands in ``text`` whole, starting a line."""
    at = text.find(block)
    while at >= 0:
        if at == 0 or text[at - 1:at] == b"\n":
            return True
        at = text.find(block, at + 1)
    return False


def new_errors(cat: Catalog, path: str, before: list[bytes | None], after: bytes | None,
               today: dt.date) -> tuple[Problem, ...]:
    """The errors a progress file has after a commit that none of its parents' versions had (compared by
    code, line and message: records are only appended, so an old record keeps its line): what
    `tracker validate` would newly fail on, had the commit been taken."""
    from tracker.check.records import check_progress
    from tracker.load.progress import read_progress

    unit = PurePosixPath(path).stem

    def errors(data: bytes | None) -> set[tuple[str, int, str]]:
        if data is None:
            return set()
        found = check_progress(cat, read_progress(data, path), unit, today).problems
        return {(p.code, p.line, p.message()) for p in found if p.level == "error"}

    if after is None:
        return ()
    now = check_progress(cat, read_progress(after, path), unit, today).problems
    if not any(p.level == "error" for p in now):
        return ()
    had = set().union(*(errors(b) for b in before)) if before else set()
    return tuple(p for p in now if p.level == "error" and (p.code, p.line, p.message()) not in had)


def _added_types(path: str, after: bytes | None, added: frozenset[str]) -> frozenset[str]:
    """The types of the records any of whose lines the commit added, read by the loader itself, so no way of
    writing a record (an escape such as ``"withdr\\u0061w"``, a record over several lines) hides its type."""
    if after is None or not added or not path.endswith(".yaml"):
        return frozenset()
    from tracker.load.progress import read_progress

    lines = after.decode("utf-8", "replace").split("\n")
    raw = read_progress(after, path).records
    starts = [r.pos.line for r in raw]
    out = set()
    for n, rec in enumerate(raw):
        end = starts[n + 1] - 1 if n + 1 < len(starts) else len(lines)
        if any(line.rstrip("\r") in added for line in lines[rec.pos.line - 1:end]):
            out.add(str(rec.values.get("type")))
    return frozenset(out)


def _in_order(kept: list[str], now: list[str]) -> bool:
    """Whether ``kept`` is a subsequence of ``now``: the old lines still there, in their old order."""
    rest = iter(now)
    return all(line in rest for line in kept)


class Signature(NamedTuple):
    """A commit's signature as git verified it (see ``gitio.Commit``)."""

    letter: str  # %G?: G good, anything else is no good signature
    key: str = ""  # %GF
    primary: str = ""  # %GP
    signer: str = ""  # %GS


def signing_keys(cat: Catalog, author_name: str, author_email: str) -> set[str]:
    """The fingerprints of the keys units.yaml lists for the maintainer entries the author matches."""
    from tracker.core.identities import key_fingerprint

    found = {key_fingerprint(key) for unit in cat.units.values() for who, key in unit.keys
             if identity_matches(author_name, author_email, who)}
    return {f for f in found if f is not None}


def signed_by_author(cat: Catalog, author_name: str, author_email: str, sig: Signature) -> bool:
    """Whether a good signature is the author's own: made with a key units.yaml lists for the maintainer the
    author is, or (SSH) one the checking machine's allowed-signers file maps to the author's own email. An
    OpenPGP key's user id says whatever its owner typed, so only its listed fingerprint counts."""
    keys = signing_keys(cat, author_name, author_email)
    if sig.key and (sig.key in keys or sig.primary in keys):
        return True
    return sig.key.startswith("SHA256:") and bool(sig.signer) and \
        sig.signer.strip().lower() == author_email.strip().lower()


def allowed_signers(cats: list[Catalog]) -> str:
    """An allowed-signers file (ssh-keygen's format) of the SSH public keys units.yaml lists, each under its
    maintainer's email (or handle): what git checks SSH signatures against, so that a listed key's
    signature verifies as good. Which author a key may sign for is ``signed_by_author``'s, by fingerprint."""
    from tracker.core.identities import ssh_public_key

    lines: dict[str, None] = {}
    for cat in cats:
        for unit in cat.units.values():
            for who, key in unit.keys:
                ssh = ssh_public_key(key)
                if ssh is None:
                    continue
                m = _EMAIL.search(who)
                principal = m.group(1) if m else who
                lines[f'{"".join(principal.split())} namespaces="git" {ssh[0]} {ssh[1]}\n'] = None
    return "".join(lines)


def check_commit(cat: Catalog, commit: str, author_name: str, author_email: str, changes: list[Change],
                 signature: Signature | None, progress_dir: str = "progress") -> list[Violation]:
    """The violations of one commit. ``signature`` is its signature when signatures are required: a good
    one, made with a key of the author's own (units.yaml's, or the allowed-signers file's)."""
    author = f"{author_name} <{author_email}>"
    office = cat.units.get(cat.plan.office)
    office_ids = office.maintainers if office else ()

    def allowed(ids: tuple[str, ...]) -> bool:
        return any(identity_matches(author_name, author_email, m) for m in ids)

    is_office = allowed(office_ids)
    out: list[Violation] = []
    def flag(path: str, key: str, **args: str) -> None:
        out.append(Violation(commit, author, path, Msg.of(f"violation.{key}", **args)))

    for ch in changes:
        if ch.errors:  # whoever the author: validate would fail on the result
            shown = "; ".join(f"{p.path}:{p.line}:{p.col} {p.code}" for p in ch.errors[:3])
            flag(ch.path, "new-errors", n=str(len(ch.errors)), problems=shown)
        if not is_office and ch.touched and not _guarded(ch.path, progress_dir):
            flag(ch.path, "other-file")
            continue
        if not ch.added and not ch.removed and not ch.reordered and not ch.duplicated and ch.appended \
                and not ch.errors:
            continue
        p = PurePosixPath(ch.path)
        if str(p.parent) == progress_dir and p.suffix == ".yaml":
            unit = cat.units.get(p.stem)
            owners = unit.maintainers if unit else ()
            if not is_office and not allowed(owners):
                who = "、".join(owners) if owners else "—"
                flag(ch.path, "not-maintainer", unit=unit.short if unit else p.stem, maintainers=who)
            office_only = sorted(ch.types & set(OFFICE_ONLY))
            if office_only and not is_office:
                flag(ch.path, "office-only", types=", ".join(office_only))
            if ch.removed:
                flag(ch.path, "removed", n=str(len(ch.removed)))
            if ch.reordered:
                flag(ch.path, "reordered")
            if ch.duplicated:
                flag(ch.path, "duplicated", n=str(len(ch.duplicated)))
            if not ch.appended and not (ch.removed or ch.reordered or ch.duplicated):
                flag(ch.path, "not-appended")
        elif ch.path in ("tasks.yaml", "units.yaml") and not is_office and ch.touched:  # not a merge taking a side
            flag(ch.path, "list")
    guarded = [ch.path for ch in changes if (ch.added or ch.removed or not ch.appended)
               and _guarded(ch.path, progress_dir)]
    if signature is not None and guarded:
        if signature.letter != "G":
            flag(guarded[0], "unsigned", letter=signature.letter)
        elif not signed_by_author(cat, author_name, author_email, signature):
            flag(guarded[0], "signed-by-other", fingerprint=signature.key, author=author)
    return out


def _guarded(path: str, progress_dir: str) -> bool:
    """A progress file, tasks.yaml or units.yaml: the files whose changes are judged line by line."""
    p = PurePosixPath(path)
    return (str(p.parent) == progress_dir and p.suffix == ".yaml") or path in ("tasks.yaml", "units.yaml")
