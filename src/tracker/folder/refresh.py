"""The cache brought up to date after a record was written, so the report that follows reads no more of the
file than the one before it did.
"""

from __future__ import annotations

import datetime as dt

from tracker.check.checked import Progress, Record
from tracker.core.model import Catalog, Entry, Milestone, Review
from tracker.core.problems import Problem
from tracker.folder import cache
from tracker.folder.enough import enough_of
from tracker.folder.root import PROGRESS, Root, progress_paths


def store_checked(root: Root, cat: Catalog, today: dt.date, catalog: str, rel: str, was: str | None, now: str,
                  checked: Progress | None, records: list[Record], warnings: list[Problem]) -> None:
    """After ``records`` (given their lines, with their ``warnings``) were appended to ``rel``, whose bytes
    hashed to ``was`` and now hash to ``now``, store what a report as of today needs of the file, so the
    report that follows reads no more than the one before: from the whole file when it was ``checked`` (then
    the whole file is stored too), else from the cached entry of its old bytes and the new records. Nothing
    is stored when neither serves (no entry for the old bytes; a new record dated before its pair's latest,
    or a milestone or a decision on a pair whose entries were cut); the report then checks the file."""

    where = cache.cache_dir(root.path, root.git_dir)
    if checked is not None:
        _store_one(cache.ProgressCache(where, catalog, today), root, rel, checked, now)
    few = cache.ProgressCache(where, catalog, today, enough=True)
    try:
        for path in progress_paths(root):  # every file, in order: a pack drops the entries of files not seen
            other = f"{PROGRESS}/{path.name}"
            if other != rel:
                few.skip(other)
                continue
            old = few.take(rel, was or "")
            grown = enough_of(cat, checked) if checked is not None else \
                None if old is None else _grown(cat, old, records, warnings)
            if grown is not None:
                few.put(rel, now, grown)
    except BaseException:
        few.abandon()
        raise
    few.close()


def _store_one(store: cache.ProgressCache, root: Root, rel: str, checked: Progress, content: str) -> None:
    """Replace one file's entry in a cache, keeping the others as they are."""
    try:
        for path in progress_paths(root):  # every file, in order: a pack drops the entries of files not seen
            other = f"{PROGRESS}/{path.name}"
            if other == rel:
                store.take(rel, content)
                store.put(rel, content, checked)
            else:
                store.skip(other)
    except BaseException:
        store.abandon()
        raise
    store.close()


def _grown(cat: Catalog, old: Progress, records: list[Record], warnings: list[Problem]) -> Progress | None:
    """A file's enough records (``old``) with new records appended, when what they need is among them."""
    latest: dict[str, dt.date] = {}
    for e in old.entries:
        latest[e.task] = max(e.date, latest.get(e.task, e.date))
    whole = {m.task for m in old.milestones} | {r.task for r in old.reviews}
    grown = Progress(old.path, old.unit, list(old.entries), list(old.milestones), list(old.reviews),
                     list(old.extensions), list(old.reminders), problems=[*old.problems, *warnings])
    for rec in records:
        if isinstance(rec, Entry):
            if rec.date < latest.get(rec.task, rec.date):
                return None  # dated before the pair's latest: what it needs may have been cut
            latest[rec.task] = rec.date
            grown.entries.append(rec)
        elif not isinstance(rec, (Milestone, Review)):
            return None  # an extension, a reminder, a withdrawal: the whole file is stored instead
        elif rec.task not in whole and rec.task in latest:
            return None  # a milestone or a decision needs all the pair's entries, and some were cut
        elif isinstance(rec, Milestone):
            grown.milestones.append(rec)
            whole.add(rec.task)
        elif isinstance(rec, Review):
            grown.reviews.append(rec)
            whole.add(rec.task)
    return enough_of(cat, grown)
