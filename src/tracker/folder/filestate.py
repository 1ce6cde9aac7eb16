"""What `tracker record` needs to know of a progress file it appends to, without reading its records.

Checking a new record against its file takes only a little of the file: whether the file has errors (then
nothing is written), the ids and import fingerprints it holds, and, for each item, its latest entry (for
the "percent falls" and "reopened" warnings) and the milestones (what a new milestone may replace). A
decision is judged with the whole file: it names the record it decides.
The derived cache keeps this state by the file's content hash; a record checks its new lines against it
and stores the state of the file it wrote, so appending to a file of fifty thousand entries costs about
what appending to a short one does. A file changed by anything else is checked in full, as before.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from tracker.check.checked import Named, Progress, Record
from tracker.core.model import Entry, Milestone
from tracker.core.problems import Problem
from tracker.load.progress import RawFile


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
    ids: Words  # only the ids not written as the tool writes them (see ``TakenIds``): usually none
    sources: Words  # imported rows' fingerprints (``source``)
    last: Mapping[str, Entry]  # each item's latest entry, by date then line
    latest: dt.date | None  # the latest date any record carries (the cache's freshness rule needs it)
    today_sensitive: bool  # the checks found a record dated in the future: true only on the day checked
    newlines: int  # how many the file's bytes hold: the line a new record lands on, without counting them
    milestones: Mapping[str, Named]  # the milestones that count, by id, each with the line replacing it (0: none)


def _plain(rid: str) -> bool:
    """Whether ``rid`` is written as it is, with nothing escaped (so ``TakenIds`` finds it in the bytes)."""
    return '"' not in rid and "\\" not in rid and rid.isprintable()


class TakenIds:
    """The ids a file's records hold, asked of the bytes a record reads anyway: every id the tool writes
    stands in them as ``"id": "<id>"``; the few written otherwise (YAML by hand, escaped) are the state's
    ``ids``. A few questions are each one search of the bytes (a millisecond or so at fifty thousand
    records); a batch asking more collects every id once. Keeping every id in the state instead cost reading
    and writing a megabyte with each record."""

    SEARCHES = 4

    def __init__(self, state: FileState, data: bytes, absent: Iterable[str] = ()) -> None:
        self._state, self._data = state, data
        self._absent = set(absent)  # already known not to stand in the bytes (``unwritten``)
        self._asked = 0
        self._all: set[str] | None = None

    def __contains__(self, rid: str) -> bool:
        if self._state.ids.has(rid):
            return True
        if rid in self._absent:
            return False
        if self._all is None:
            self._asked += 1
            if self._asked <= self.SEARCHES:
                return _written_in(self._data, rid)
            self._all = {m.decode("utf-8", "replace") for m in _WRITTEN_ID.findall(self._data)}
        return rid in self._all


def unwritten(data: bytes, draw: Callable[[], str], count: int) -> list[str]:
    """``count`` ids from ``draw``, none of them written as an id in ``data`` (nor twice): drawn while the
    bytes are hashed in another thread, before the file's state (which the few odd ids need) is known."""
    found: list[str] = []
    while len(found) < count:
        rid = draw()
        if rid not in found and not _written_in(data, rid):
            found.append(rid)
    return found


_WRITTEN_ID = re.compile(rb'"id": "([^"\\]*)"')


def _written_in(data: bytes, rid: str) -> bool:
    """Whether ``data`` holds ``rid`` as the tool writes an id."""
    return _as_written(rid).encode("utf-8") in data


def _as_written(rid: str) -> str:
    """How the tool writes a record's id in its line."""
    return '"id": ' + json.dumps(rid, ensure_ascii=False)


def _later(a: Entry | None, b: Entry) -> bool:
    return a is None or (b.date, b.line) >= (a.date, a.line)


def state_of(prog: Progress, raw: RawFile, data: bytes) -> FileState:
    """The state of a file just checked in full (``data``: its bytes)."""
    last: dict[str, Entry] = {}
    for e in prog.entries:
        if _later(last.get(e.task), e):
            last[e.task] = e
    milestones: dict[str, Named] = {}
    for m in sorted(prog.milestones, key=lambda m: m.line):
        milestones[m.id] = Named("milestone", m.task, m.line)
        _replace(milestones, m)
    sources = {r.values["source"] for r in raw.records if isinstance(r.values.get("source"), str)}
    odd = [rid for r in raw.records if isinstance(rid := r.values.get("id"), str)  # every record's, withdrawn too
           and not (r.line_text is not None and _as_written(rid) in r.line_text and _plain(rid))]
    dates = [*(e.date for e in prog.entries), *(m.date for m in prog.milestones), *(r.date for r in prog.reviews)]
    return FileState(tuple(p for p in prog.problems if p.level == "error"), Words.of(odd),
                     Words.of(sources), last, max(dates) if dates else None,
                     any(p.code == "future-date" for p in prog.problems), data.count(b"\n"), milestones)


def appended(state: FileState, records: list[tuple[Record, str | None]], added: bytes) -> FileState:
    """The state after ``records`` (each with its ``source``, if any), already given their lines, were
    appended to a file in ``state`` as the bytes ``added``: entries and milestones, which cannot change the
    file's errors (see ``store``)."""
    last, milestones = dict(state.last), dict(state.milestones)
    latest = state.latest
    for rec, _ in records:
        if isinstance(rec, Entry):
            if _later(last.get(rec.task), rec):
                last[rec.task] = rec
        else:
            assert isinstance(rec, Milestone)
            milestones[rec.id] = Named("milestone", rec.task, rec.line)
            _replace(milestones, rec)
        latest = rec.date if latest is None else max(latest, rec.date)
    return state._replace(ids=state.ids.plus(r.id for r, _ in records if not _plain(r.id)),
                          sources=state.sources.plus(s for _, s in records if s is not None), last=last,
                          milestones=milestones, latest=latest,
                          newlines=state.newlines + added.count(b"\n"))


def _replace(milestones: dict[str, Named], m: Milestone) -> None:
    """Mark the milestone ``m`` replaces as replaced (the first replacement counts: a second is an error)."""
    old = milestones.get(m.replaces) if m.replaces is not None else None
    if old is not None and m.replaces is not None and not old.replaced_by:
        milestones[m.replaces] = old._replace(replaced_by=m.line)
