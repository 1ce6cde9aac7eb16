"""A checked file cut to what pair states as of a late date need: what a report as of today reads.

A pair's state as of D needs only its latest entries and what judges them (``compute.state.enough``); the
cache keeps this cut beside the whole file's entry, and a record updates it without reading the file.
"""

from __future__ import annotations

import datetime as dt

from tracker.check.checked import Progress
from tracker.compute.state import enough, index_records
from tracker.core.model import Catalog
from tracker.folder.cache import TASK_DATE_LINE


def enough_of(cat: Catalog, prog: Progress) -> Progress:
    """A checked file with only the records pair states as of its latest record or later need, and its errors:
    a report as of today reads a few records per pair rather than the whole history, and stops on errors
    only (the warnings are validate's, which reads whole files; a long file can hold hundreds of them)."""
    kept = Progress(prog.path, prog.unit, milestones=prog.milestones, reviews=prog.reviews,
                    problems=[p for p in prog.problems if p.level == "error"], extensions=prog.extensions,
                    reminders=prog.reminders)
    for (task, _), recs in index_records(prog.entries, prog.milestones, prog.reviews, presorted=prog.in_order,
                                         extensions=prog.extensions, reminders=prog.reminders).items():
        item = cat.items.get(task)
        kept.entries.extend(recs.entries if item is None else enough(cat, item, recs).entries)
    kept.in_order = True  # by task then date and line, as the cache keeps them and index_records gives them
    kept.entries.sort(key=TASK_DATE_LINE)
    return kept


def dated_of(cat: Catalog, prog: Progress, first: dt.date, last: dt.date) -> Progress:
    """A checked file cut to what pair states as of any day from ``first`` to ``last`` need: each pair's
    enough records (``state.enough``) of the entries dated before ``first``, and its entries dated from
    ``first`` to ``last``; with the file's other records (a state as of a day looks only at those dated by
    then) and its errors. A state as of a day D in the span reads the entries up to D of this: the enough
    records of those before ``first``, which give the state as of any later day, and every entry after them.
    What a report as of a past month reads, rather than the whole history."""
    kept = Progress(prog.path, prog.unit, milestones=prog.milestones, reviews=prog.reviews,
                    problems=[p for p in prog.problems if p.level == "error"], extensions=prog.extensions,
                    reminders=prog.reminders)
    for (task, _), recs in index_records(prog.entries, prog.milestones, prog.reviews, presorted=prog.in_order,
                                         extensions=prog.extensions, reminders=prog.reminders).items():
        cut = [e for e in recs.entries if e.date < first]
        item = cat.items.get(task)
        before = recs._replace(entries=tuple(cut))
        kept.entries.extend(before.entries if item is None else enough(cat, item, before).entries)
        kept.entries.extend(e for e in recs.entries[len(cut):] if e.date <= last)
    kept.in_order = True
    kept.entries.sort(key=TASK_DATE_LINE)
    return kept
