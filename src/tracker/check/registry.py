"""The registry of the rules for progress records: one row per rule, each saying what its module files.

A rule is a module under ``check/rules/``; its row here declares the problem codes it files (their level and
words live in ``core.codes``, the one home of both), the record fields it reads, the record types it makes
with their required and optional fields (the schema: ``FIELDS`` is these rows), and a version. The runner
(``records``) reads the rows, not the modules, to decide what runs when:

- ``opens(f)``: once per file, before its records; False: none of them counts (the file's unit);
- ``reads(c)``: every record of a known type, before it is made (its shape, id, date), in the rows' order;
- ``make(c)``: every record of a type the row lists, made into its value, or None with problems filed;
- ``made(f, c, record)``: every record made, in file order (what a later record may refer back to);
- ``check(f)``: once per file after its records, in the rows' order (what only the whole file shows).

What each field holds (for the JSON Schema editors read) is declared once here too, in ``VALUES``.

A module defines the hooks it needs, nothing more. The cache keys every checked file by ``digest()``, made
from the rows (codes, their levels, fields, types, versions): a new rule, a code added to one or a level
changed reaches no report through results cached before. A rule whose findings change with the same codes
and fields raises its ``version``. The modules are imported only when records are checked, so a report read
from the cache imports none of them.
"""

from __future__ import annotations

import hashlib
import json
from typing import NamedTuple

from tracker.core.codes import CODES
from tracker.load.shapes import Field


class Shape(NamedTuple):
    """A record type a rule makes, with the fields such a record must and may have."""

    type: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()


class Rule(NamedTuple):
    """One rule as the runner and the cache know it."""

    name: str  # its module: tracker.check.rules.<name>, unless ``module`` says otherwise
    codes: tuple[str, ...]  # every problem code its module files
    fields: tuple[str, ...] = ()  # the record fields it reads, besides those of the types it makes
    types: tuple[Shape, ...] = ()  # the record types it makes (``make``)
    version: int = 1  # raised when what it files changes while its codes and fields stay the same
    module: str = ""

    @property
    def where(self) -> str:
        return self.module or f"tracker.check.rules.{self.name}"


RULES: tuple[Rule, ...] = (
    # what every record and file carries
    Rule("units", ("unsafe-file-name", "no-unit", "unknown-unit", "wrong-file")),
    Rule("fields", ("missing-field", "bad-value", "unknown-field", "wrong-type", "out-of-range", "duplicate-id"),
         ("type", "id")),
    Rule("dates", ("bad-date", "non-iso-date", "out-of-period", "future-date"), ("date",)),
    Rule("tasks", ("unknown-task", "not-responsible"), ("task",), version=2),  # 2: the unit by its name only
    # decisions bind the record they decide, by its id and a digest of its content
    Rule("binding", ("decision-unbound", "decision-digest"), ("decides", "request", "withdraws", "digest")),
    # what each type of record is made of
    Rule("progress", ("bad-value", "missing-percent", "empty-value", "done-below-100", "blocked-without-note",
                      "no-target"),
         types=(Shape("progress", ("id", "type", "date", "task", "status"),
                      ("percent", "value", "note", "evidence", "by", "source")),)),
    Rule("milestones", ("due-before-date",),
         types=(Shape("milestone", ("id", "type", "date", "task", "due", "milestone"),
                      ("percent", "note", "by", "replaces")),)),
    Rule("decisions", (), types=(Shape("verify", ("id", "type", "date", "task"), ("decides", "digest", "note", "by")),
                                 Shape("reject", ("id", "type", "date", "task", "note"), ("decides", "digest", "by")))),
    Rule("withdrawals", ("unknown-withdrawn", "withdrawn-twice", "bad-withdraw"),
         types=(Shape("withdraw", ("id", "type", "date", "withdraws", "note"), ("digest", "task", "by")),)),
    # deadline extensions (延期申请): a unit's request, the office's decision naming it
    Rule("extensions", ("extension-not-later", "unknown-request", "decision-before-request", "request-decided",
                        "extension-pending", "request-predates", "out-of-period"),
         types=(Shape("extend", ("id", "type", "date", "task", "until", "note"), ("by",)),
                Shape("approve", ("id", "type", "date", "task", "request"), ("digest", "note", "by")),
                Shape("refuse", ("id", "type", "date", "task", "request", "note"), ("digest", "by")))),
    # the reminder register: what the office reminded the unit of
    Rule("reminders", ("reply-before-date",),
         types=(Shape("reminder", ("id", "type", "date", "items"), ("number", "reply_by", "note", "by")),)),
    # the unit's reply to a reminder (签收/回复), which keeps it on its step of the chasing ladder
    Rule("replies", ("unknown-reminder", "reply-before-reminder"),
         types=(Shape("reply", ("id", "type", "date", "reminder", "note"), ("evidence", "by")),)),
    # what only the whole file shows
    Rule("trends", ("percent-falls", "reopened"), ("task", "date", "status", "percent")),
    Rule("deadlines", ("milestone-late",), ("task", "due")),
    Rule("claims", ("unknown-decided", "decided-withdrawn", "decision-predates", "decided-again",
                    "decision-without-claim"), ("task", "date", "status", "type", "decides", "withdraws"), version=3),
    Rule("replacements", ("unknown-id", "bad-replaces", "replaced-twice"), ("replaces", "task", "type")),
)


# What each field of a record holds, declared once, beside the rows that name the fields: the JSON Schema of a
# progress file (``render.schema``) is made of the rows (types, required and optional fields) and of these.
# A field a row names without a line here is refused by ``described``.
VALUES: tuple[Field, ...] = (
    Field("id", "text", doc="unique within the file: the recording date and six hex digits"),
    Field("type", "record-type", doc="the record's type"),
    Field("date", "date", doc="the day the progress happened (or the milestone was planned)"),
    Field("task", "task-ref", doc="task number (15), goal id (G2) or carried item (2025#15)"),
    Field("status", "status", doc="not-started, in-progress, done, blocked (or 未启动, 推进中, 已完成, 受阻)"),
    Field("percent", "number", doc="0–100", low=0, high=100),
    Field("value", "number", doc="the figure for a quantified target"),
    Field("due", "date", doc="a milestone's due date"),
    Field("milestone", "text", doc="what will be done by then"),
    Field("replaces", "text", doc="the id of an earlier milestone this one moves"),
    Field("until", "date", doc="the later deadline an extension asks for"),
    Field("request", "text", doc="the id of the extension request decided"),
    Field("items", "task-refs", doc="the items a reminder listed"),
    Field("number", "text", doc="a reminder's 文号"),
    Field("reply_by", "date", doc="the date a reply is due"),
    Field("withdraws", "text", doc="the id of the record withdrawn"),
    Field("decides", "text", doc="the id of the progress record a verification or rejection decides"),
    Field("digest", "text", doc="a decision's digest of the record it decides: 32 hex digits of its content's SHA-256"),
    Field("reminder", "text", doc="the id of the reminder a reply answers"),
    Field("note", "text", doc="what was done, or why"),
    Field("evidence", "evidence", doc="file names or links of 佐证材料"),
    Field("by", "text", doc="who recorded it"),
    Field("source", "text", doc="an imported row's fingerprint"),
)


def described(rules: tuple[Rule, ...] | None = None) -> dict[str, Field]:
    """Every field the record types name, with what it holds, in ``VALUES``' order; KeyError for a field
    named without a line in ``VALUES``."""
    named = {f for req, opt in fields(rules).values() for f in (*req, *opt)}
    known = {f.name: f for f in VALUES}
    missing = sorted(named - set(known))
    if missing:
        raise KeyError(f"record fields without a line in VALUES: {missing}")
    return {name: f for name, f in known.items() if name in named}


def types(rules: tuple[Rule, ...] | None = None) -> tuple[str, ...]:
    """The record types, in the order the rules making them are listed (and messages list them)."""
    return tuple(s.type for r in (RULES if rules is None else rules) for s in r.types)


def fields(rules: tuple[Rule, ...] | None = None) -> dict[str, tuple[set[str], set[str]]]:
    """Each record type's required and optional fields: the schema of a record, as the rules declare it."""
    return {s.type: (set(s.required), set(s.optional)) for r in (RULES if rules is None else rules) for s in r.types}


_memo: list[tuple[tuple[Rule, ...], str]] = []


def digest() -> str:
    """What the cache keys checked files by, besides the files and the task list: the rows as they stand
    (each code with its level from ``core.codes``), so results cached under other rules are never served."""
    rules = RULES
    if not _memo or _memo[0][0] is not rules:
        _memo[:] = [(rules, digest_of(rules))]
    return _memo[0][1]


def digest_of(rules: tuple[Rule, ...]) -> str:
    rows = [[r.name, r.where, r.version, [[c, CODES[c].level] for c in r.codes], list(r.fields),
             [[s.type, list(s.required), list(s.optional)] for s in r.types]] for r in rules]
    return hashlib.blake2b(json.dumps(rows, separators=(",", ":")).encode("utf-8"), digest_size=12).hexdigest()
