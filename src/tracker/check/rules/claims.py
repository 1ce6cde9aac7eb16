"""Whether the office's decisions judge what they name, in order. A verification or rejection decides the
progress record it names (``decides``, see ``binding``): a "done" of the same item written before it. A decision
dated before that "done", or before the last decision on it, does not count (an error: decisions apply in date
order, so a back-dated rejection would silently cancel a verification already given); one naming no earlier
record of its item, or a record withdrawn since, does not count (an error: the decision is withdrawn first,
which `tracker withdraw` asks); one repeating the last decision on its record, or judging a
record that is no claim (not a "done", or a "done" already rejected), changes nothing (a warning)."""

from __future__ import annotations

import datetime as dt

from tracker.check.context import FileCheck
from tracker.core.i18n import both
from tracker.core.model import Entry, Review, Status
from tracker.core.problems import Collector, Pos, shown

Mark = tuple[int, dt.date, str]  # what a decision overrides: the last decision on its record, or the "done" itself


def check(f: FileCheck) -> None:
    p = f.progress
    if not p.reviews:  # most files: nothing decided, nothing to index
        return
    entries = {e.id: e for e in (f.made or p).entries}  # every entry made: a withdrawn one is still named
    last: dict[str, Review] = {}  # by the record decided: the last decision on it that counts
    kept: list[Review] = []
    for review in sorted(p.reviews, key=lambda r: r.line):
        if review.id in f.void:  # no record named, or a digest naming another record (``binding``)
            continue
        gone = f.withdrawn.get(review.decides)
        if gone is not None:
            f.out.add(Pos(review.line, 3), "decided-withdrawn", task=review.task, id=shown(review.decides),
                      line=str(gone.line), verdict=both(f"decision.{review.verdict}"))
            continue
        if judge(review, entries.get(review.decides), last.get(review.decides), f.out):
            last[review.decides] = review
            kept.append(review)
    p.reviews = kept


def judge(review: Review, target: Entry | None, previous: Review | None, out: Collector) -> bool:
    """Whether ``review`` counts, given the record it names (``target``: None when the file has none by that
    id) and the last decision on that record that counts (``previous``), with its problems filed in
    ``out``. A decision not yet written (line 0) comes after the whole file."""
    if target is None or target.task != review.task or (review.line and target.line >= review.line):
        out.add(Pos(review.line, 3), "unknown-decided", task=review.task, id=shown(review.decides),
                verdict=both(f"decision.{review.verdict}"))
        return False
    if target.status is not Status.DONE:
        zh, en = both("decision.not-done")
        why = (zh.format(id=target.id, line=target.line), en.format(id=target.id, line=target.line))
        out.warn(Pos(review.line, 3), "decision-without-claim", task=review.task, why=why,
                 verdict=both(f"decision.{review.verdict}"))
        return False
    last: Mark = (previous.line, previous.date, previous.verdict) if previous else (target.line, target.date, "done")
    if overrides_later(last, review, out):
        return False
    if repeats(last, review, out):
        return True  # it stands, and changes nothing
    return not without_claim(last, review, out)


def without_claim(last: Mark | None, review: Review, out: Collector) -> bool:
    """Whether the decision judges no claim: no "done" to judge (``last`` None), or a verification of a "done"
    already rejected (a verification then verifies nothing). A warning filed in ``out``; the terminal's
    `tracker verify` refuses both. ``last`` as for ``overrides_later``."""
    if last is None:
        why = both("decision.no-claim")
    elif last[2] == "reject" and review.verdict == "verify":
        zh, en = both("decision.claim-rejected")
        why = (zh.format(date=last[1].isoformat(), line=last[0]), en.format(date=last[1].isoformat(), line=last[0]))
    else:
        return False
    out.warn(Pos(review.line, 3), "decision-without-claim", task=review.task, why=why,
             verdict=both(f"decision.{review.verdict}"))
    return True


def repeats(last: Mark | None, review: Review, out: Collector) -> bool:
    """Whether the decision repeats the last decision on its record (a verification of a claim already
    verified, a rejection of one already rejected): a warning filed in ``out``, since the second one changes
    nothing. ``last`` as for ``overrides_later``."""
    if last is None or last[2] != review.verdict:
        return False
    line, date, kind = last
    out.warn(Pos(review.line, 3), "decided-again", task=review.task, verdict=both(f"decision.{kind}"),
             date=date.isoformat(), line=str(line))
    return True


def overrides_later(last: Mark | None, review: Review, out: Collector) -> bool:
    """Whether ``review`` is dated before ``last``, what it overrides: the last decision on the record it
    decides, else that "done" itself, as (line, date, kind)."""
    if last is None:
        return False
    line, date, kind = last
    if review.date >= date:
        return False
    out.add(Pos(review.line, 3), "decision-predates", task=review.task, verdict=both(f"decision.{review.verdict}"),
            date=review.date.isoformat(), overridden=both(f"decision.{kind}"), overridden_date=date.isoformat(),
            overridden_line=str(line))
    return True
