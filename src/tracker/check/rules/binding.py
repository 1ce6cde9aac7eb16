"""Decisions bind what they decide. A verification or rejection names the progress record it decides
(``decides``), an extension decision its request (``request``), a withdrawal the record it withdraws
(``withdraws``); each carries a ``digest`` of that record's content, written by the tool with the decision. A
record written later, or inserted above the decision, is another record: it cannot take the decision's place,
and one that takes the named record's id (a record inserted above it with the same id is read in its stead)
does not match the digest, so the decision then decides nothing.

A verification or rejection written before decisions named their record decides nothing either (a warning):
it meant "the last done written before me", which a record inserted above it would become.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from tracker.check.checked import Progress, Record
from tracker.check.context import FileCheck, RecordCheck
from tracker.core.i18n import both
from tracker.core.problems import shown
from tracker.load.progress import RawFile

# each decision's type, and the field naming the record it decides
NAMES = {"verify": "decides", "reject": "decides", "approve": "request", "refuse": "request", "withdraw": "withdraws"}


def digest(values: Mapping[str, Any]) -> str:
    """A record's content as a decision binds it: the SHA-256 of its fields and values as one canonical JSON
    text (keys sorted), 32 hex digits. Any change to the record, however it is written, changes it."""
    text = json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def made(f: FileCheck, c: RecordCheck, record: Record) -> None:
    """A decision's digest must be that of the record it names, as read here; else it decides nothing."""
    key = NAMES.get(c.kind)
    if key is None:
        return
    if key == "decides" and not c.rec.values.get("decides"):
        f.out.warn(c.rec.pos, "decision-unbound", task=str(getattr(record, "task", "")),
                   verdict=both(f"decision.{c.kind}"))
        f.void.add(record.id)
        return
    if "digest" not in c.rec.values:
        return  # bound by the id alone (an id is unique in a file: a second record with it is an error)
    named = c.rec.values.get(key)
    target = f.raw_of(named) if isinstance(named, str) else None
    if target is None or target.pos.line >= c.rec.pos.line:
        return  # no such record before it: the decision's own rule says so
    given = c.rec.values.get("digest")
    if given != digest(target.values):
        f.out.add(c.rec.at("digest"), "decision-digest", id=shown(named), line=str(target.pos.line))
        f.void.add(record.id)


def bind(values: dict[str, Any], checked: Progress, raw: RawFile) -> dict[str, Any]:
    """A new decision with its binding written in (what the tool does with every decision it writes): a
    verification or rejection naming none decides its item's latest progress record dated on or before it
    (the pair's state the office looked at: its claim), and every decision gets the digest of the record it
    names. ``checked``
    and ``raw`` are the file it is appended to, as checked and as read. Values it cannot bind are returned as
    they are, for the rules to refuse."""
    kind = values.get("type")
    key = NAMES.get(kind) if isinstance(kind, str) else None
    if key is None:
        return values
    out = dict(values)
    if key == "decides" and not out.get("decides"):
        task, day = str(out.get("task", "")).strip().upper(), str(out.get("date", ""))
        latest = max((e for e in checked.entries if e.task == task and e.date.isoformat() <= day),
                     key=lambda e: (e.date, e.line), default=None)
        if latest is None:
            return out
        out["decides"] = latest.id  # a record that is no "done" is named too: the rules then say why
    named = out.get(key)
    target = next((r for r in raw.records if r.values.get("id") == named), None)
    if target is not None and "digest" not in out:
        out["digest"] = digest(target.values)
    return out
