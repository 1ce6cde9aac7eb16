"""A checked file cut to what pair states as of a late date need: what a report as of today reads.

A pair's state as of D needs only its latest entries and what judges them (``compute.state.enough``); the
cache keeps this cut beside the whole file's entry, and a record updates it without reading the file.
"""

from __future__ import annotations

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
