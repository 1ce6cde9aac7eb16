"""What `tracker record` needs to know of a progress file it appends to, without reading its records.

Checking a new record against its file takes only a little of the file: whether the file has errors (then
nothing is written), the ids and import fingerprints it holds, and, for each item, its latest entry (for
the "percent falls" and "reopened" warnings), its last decision or "done" (for a back-dated or repeated
decision), and the milestones (what a new milestone may replace).
The derived cache keeps this state by the file's content hash; a record checks its new lines against it
and stores the state of the file it wrote, so appending to a file of fifty thousand entries costs about
what appending to a short one does. A file changed by anything else is checked in full, as before.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from tracker.model import Entry, Milestone, Review, Status
from tracker.problems import Problem
from tracker.progress import RawFile
from tracker.rules import Named, Progress, Record


class Words(NamedTuple):
    """A set of texts kept as one block of bytes, a JSON string a line: asking whether it holds a text is one
    search of the bytes, and adding one is appending a line, so a record into a file of fifty thousand ids
    neither decodes nor re-encodes them."""

    blob: bytes = b"\n"

    @staticmethod
    def _line(text: str) -> bytes:
        return json.dumps(text, ensure_ascii=False).encode("utf-8") + b"\n"  # never a raw newline inside

    @classmethod
    def of(cls, texts: Iterable[str]) -> Words:
        return cls(b"\n" + b"".join(map(cls._line, texts)))

    def has(self, text: object) -> bool:
        return isinstance(text, str) and b"\n" + self._line(text) in self.blob

    def plus(self, texts: Iterable[str]) -> Words:
        return Words(self.blob + b"".join(self._line(t) for t in dict.fromkeys(texts) if not self.has(t)))


class FileState(NamedTuple):
    """One progress file's checked state, as far as appending records to it depends on it."""

    errors: tuple[Problem, ...]  # a file with any error is never written to
    ids: Words
    sources: Words  # imported rows' fingerprints (``source``)
    last: Mapping[str, Entry]  # each item's latest entry, by date then line
    decided: Mapping[str, tuple[int, dt.date, str]]  # each item's last decision or "done": (line, date, kind)
    latest: dt.date | None  # the latest date any record carries (the cache's freshness rule needs it)
    today_sensitive: bool  # the checks found a record dated in the future: true only on the day checked
    newlines: int  # how many the file's bytes hold: the line a new record lands on, without counting them
    milestones: Mapping[str, Named]  # the milestones that count, by id, each with the line replacing it (0: none)


def _later(a: Entry | None, b: Entry) -> bool:
    return a is None or (b.date, b.line) >= (a.date, a.line)


def state_of(prog: Progress, raw: RawFile, data: bytes) -> FileState:
    """The state of a file just checked in full (``data``: its bytes)."""
    last: dict[str, Entry] = {}
    for e in prog.entries:
        if _later(last.get(e.task), e):
            last[e.task] = e
    decided: dict[str, tuple[int, dt.date, str]] = {}
    marks = [(r.task, (r.line, r.date, r.verdict)) for r in prog.reviews]
    marks += [(e.task, (e.line, e.date, "done")) for e in prog.entries if e.status is Status.DONE]
    for task, mark in marks:
        if task not in decided or mark > decided[task]:
            decided[task] = mark
    milestones: dict[str, Named] = {}
    for m in sorted(prog.milestones, key=lambda m: m.line):
        milestones[m.id] = Named("milestone", m.task, m.line)
        _replace(milestones, m)
    sources = {r.values["source"] for r in raw.records if isinstance(r.values.get("source"), str)}
    dates = [*(e.date for e in prog.entries), *(m.date for m in prog.milestones), *(r.date for r in prog.reviews)]
    return FileState(tuple(p for p in prog.problems if p.level == "error"), Words.of(prog.ids()),
                     Words.of(sources), last, decided, max(dates) if dates else None,
                     any(p.code == "future-date" for p in prog.problems), data.count(b"\n"), milestones)


def appended(state: FileState, records: list[tuple[Record, str | None]], added: bytes) -> FileState:
    """The state after ``records`` (each with its ``source``, if any), already given their lines, were
    appended to a file in ``state`` as the bytes ``added``. Records that cannot change the file's errors only
    (see ``store``)."""
    last, decided, milestones = dict(state.last), dict(state.decided), dict(state.milestones)
    latest = state.latest
    for rec, _ in records:
        if isinstance(rec, Entry):
            if _later(last.get(rec.task), rec):
                last[rec.task] = rec
            if rec.status is Status.DONE:
                decided[rec.task] = (rec.line, rec.date, "done")
        elif isinstance(rec, Review):
            decided[rec.task] = (rec.line, rec.date, rec.verdict)
        else:
            assert isinstance(rec, Milestone)
            milestones[rec.id] = Named("milestone", rec.task, rec.line)
            _replace(milestones, rec)
        latest = rec.date if latest is None else max(latest, rec.date)
    return state._replace(ids=state.ids.plus(r.id for r, _ in records),
                          sources=state.sources.plus(s for _, s in records if s is not None), last=last,
                          decided=decided, milestones=milestones, latest=latest,
                          newlines=state.newlines + added.count(b"\n"))


def _replace(milestones: dict[str, Named], m: Milestone) -> None:
    """Mark the milestone ``m`` replaces as replaced (the first replacement counts: a second is an error)."""
    old = milestones.get(m.replaces) if m.replaces is not None else None
    if old is not None and m.replaces is not None and not old.replaced_by:
        milestones[m.replaces] = old._replace(replaced_by=m.line)
