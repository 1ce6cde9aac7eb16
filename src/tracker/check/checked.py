"""What checking gives: a progress file's records that count, by kind, with the problems found.

Kept apart from the rules, so that whatever only reads checked files (the cache, a report, a record's file
state) imports these few types and none of the rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from tracker.core.model import Entry, Extension, Milestone, Reminder, Reply, Review
from tracker.core.problems import Problem


class Withdrawal(NamedTuple):
    """The office's correction: record ``withdraws`` of the same file no longer counts. Records are never
    edited or deleted (so a union merge has nothing to resurrect); a wrong one is withdrawn by a new one."""

    id: str
    unit: str
    withdraws: str
    date: dt.date
    note: str
    by: str
    line: int


Record = Entry | Milestone | Review | Withdrawal | Extension | Reminder | Reply


@dataclass
class Progress:
    """One unit's checked progress file."""

    path: str
    unit: str | None
    entries: list[Entry] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    extensions: list[Extension] = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)  # each with the date of its first reply
    problems: list[Problem] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)  # folded into their reminders when the file is checked
    in_order: bool = False  # entries come ordered by task, date and line (as the cache keeps them)

    def file(self, record: Record) -> None:
        """Keep a checked record with its kind (a withdrawal is kept by the file's check, not here)."""
        if isinstance(record, Entry):
            self.entries.append(record)
        elif isinstance(record, Milestone):
            self.milestones.append(record)
        elif isinstance(record, Review):
            self.reviews.append(record)
        elif isinstance(record, Extension):
            self.extensions.append(record)
        elif isinstance(record, Reminder):
            self.reminders.append(record)
        elif isinstance(record, Reply):
            self.replies.append(record)

    def latest(self) -> dt.date | None:
        """The date of the file's latest record of any kind (a milestone's due date is no record's)."""
        dates = [*(e.date for e in self.entries), *(m.date for m in self.milestones), *(r.date for r in self.reviews),
                 *(x.date for x in self.extensions), *(r.date for r in self.reminders),
                 *(r.replied for r in self.reminders if r.replied is not None)]
        return max(dates) if dates else None

    def ids(self) -> set[str]:
        records: list[Record] = [*self.entries, *self.milestones, *self.reviews, *self.extensions,
                                 *self.reminders]
        return {r.id for r in records}


class Named(NamedTuple):
    """A record a milestone's ``replaces`` names: its type, item ("" when it has none) and line, and for a
    milestone the line of the milestone that already replaces it (0: none)."""

    kind: str
    task: str
    line: int
    replaced_by: int = 0
