"""Whether the office's decisions on an item follow its claims: a decision dated before the decision or
"done" it overrides does not count (an error: decisions apply in date order, so a back-dated rejection would
silently cancel a verification already given); one repeating the last decision, or judging no claim, changes
nothing (a warning)."""

from __future__ import annotations

import datetime as dt

from tracker.check.context import FileCheck
from tracker.core.i18n import both
from tracker.core.model import Entry, Review, Status
from tracker.core.problems import Collector, Pos

Mark = tuple[int, dt.date, str]  # the last decision or "done" on an item: (line, date, kind)


def check(f: FileCheck) -> None:
    p = f.progress
    p.reviews = [r for r in p.reviews if not _judged_out(p.entries, p.reviews, r, f.out)]


def _judged_out(entries: list[Entry], reviews: list[Review], review: Review, out: Collector) -> bool:
    """Whether the office's decision does not count: dated before the record it overrides, the last decision or
    "done" on the same item written before it (an error). A decision repeating the one before it, or judging
    no claim, is said too (a warning: it changes nothing)."""
    last = _last_mark(entries, reviews, review)
    if overrides_later(last, review, out):
        return True
    if not repeats(last, review, out):
        without_claim(last, review, out)
    return False


def without_claim(last: Mark | None, review: Review, out: Collector) -> bool:
    """Whether the decision judges no claim: no "done" was recorded before it, or the last one was rejected
    and none came since (a verification then verifies nothing). A warning filed in ``out``; the terminal's
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


def _last_mark(entries: list[Entry], reviews: list[Review], review: Review) -> Mark | None:
    """The last decision, or the last "done", on the review's item written before it, as (line, date, kind)."""
    def before(line: int) -> bool:  # a record not yet written (line 0) comes after the whole file
        return review.line == 0 or line < review.line

    earlier = [(r.line, r.date, r.verdict) for r in reviews if r.task == review.task and before(r.line)]
    earlier += [(e.line, e.date, "done") for e in entries
                if e.task == review.task and e.status is Status.DONE and before(e.line)]
    return max(earlier) if earlier else None


def repeats(last: Mark | None, review: Review, out: Collector) -> bool:
    """Whether the decision repeats the last decision on its item with no "done" recorded since (a verification
    of a claim already verified, a rejection of one already rejected): a warning filed in ``out``, since the
    second one changes nothing. ``last`` as for ``overrides_later``."""
    if last is None or last[2] != review.verdict:
        return False
    line, date, kind = last
    out.warn(Pos(review.line, 3), "decided-again", task=review.task, verdict=both(f"decision.{kind}"),
             date=date.isoformat(), line=str(line))
    return True


def overrides_later(last: Mark | None, review: Review, out: Collector) -> bool:
    """Whether ``review`` is dated before ``last``, the last decision or "done" on its item written before it, as
    (line, date, kind): what a record appended to a file whose state is known needs, without its records."""
    if last is None:
        return False
    line, date, kind = last
    if review.date >= date:
        return False
    out.add(Pos(review.line, 3), "decision-predates", task=review.task, verdict=both(f"decision.{review.verdict}"),
            date=review.date.isoformat(), overridden=both(f"decision.{kind}"), overridden_date=date.isoformat(),
            overridden_line=str(line))
    return True
