"""The rules every progress record must meet, run over a file or one record. ``tracker record`` and ``tracker
validate`` share them, so an entry refused at the terminal is refused in a file, with the same words.

This is the runner: the rules are the modules ``check.registry`` lists, and the runner decides what runs
when. A file: ``opens`` (its unit), then each record in file order (an id used before: not read; a plain
progress record: ``QuickCheck``; any other: ``reads``, then the ``make`` of the rule making its type, then
``made``), then ``check``. The names other modules import from here stay here; the rules themselves live in
``check.rules``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, cast

from tracker.check import registry
from tracker.check.checked import Named, Progress, Record, Withdrawal
from tracker.check.context import FileCheck, RecordCheck, field_word, finite
from tracker.check.quick import QuickCheck
from tracker.check.quick import quick_progress as _quick_progress
from tracker.check.registry import Rule, Shape
from tracker.check.rules import dates, fields, progress, tasks
from tracker.check.rules.claims import overrides_later, repeats, without_claim
from tracker.check.rules.deadlines import late_milestones
from tracker.check.rules.extensions import extension_problems
from tracker.check.rules.replacements import replacement_problem
from tracker.check.rules.trends import falls_from
from tracker.core.dates import parse_date
from tracker.core.i18n import both, word
from tracker.core.model import SAFE_ID, Catalog, Entry, Extension, Item, Milestone, Reminder, Review, Status
from tracker.core.problems import Arg, Collector, Pos, Problem, did_you_mean, shown
from tracker.load.inputs import STATUS_CHOICES, STATUS_WORDS
from tracker.load.progress import FIELD_ORDER, RawFile, RawRecord

__all__ = [
    "FIELDS", "TYPES", "Named", "Progress", "QuickCheck", "Record", "Withdrawal", "check_given", "check_progress",
    "check_record", "extension_problems", "falls_from", "field_word", "finite", "late_milestones", "new_record",
    "overrides_later", "repeats", "replacement_problem", "without_claim",
    # what could be imported from here before the rules moved out (their homes are core and load)
    "FIELD_ORDER", "SAFE_ID", "STATUS_CHOICES", "STATUS_WORDS", "Arg", "Entry", "Extension", "Item", "Milestone",
    "Reminder", "Review", "Status", "both", "did_you_mean", "parse_date", "shown", "word",
]

TYPES = registry.types()
FIELDS = registry.fields()

Opens = Callable[[FileCheck], bool]
Reads = Callable[[RecordCheck], None]
Make = Callable[[RecordCheck], Record | None]
Made = Callable[[FileCheck, RecordCheck, Record], None]
Check = Callable[[FileCheck], None]


class Staged(NamedTuple):
    """The rules' hooks, by when the runner calls them (each in the registry's order)."""

    opens: tuple[Opens, ...]
    reads: tuple[Reads, ...]
    makers: dict[str, tuple[Make, Shape]]
    made: tuple[Made, ...]
    checks: tuple[Check, ...]
    types: tuple[str, ...]


def staged() -> Staged:
    """The hooks of the rules the registry lists now (their modules imported the first time)."""
    rules = registry.RULES
    if _staged_for[0] is not rules:
        _staged_for[:] = [rules, _stage(rules)]
    return cast(Staged, _staged_for[1])


_staged_for: list[Any] = [None, None]


def _stage(rules: tuple[Rule, ...]) -> Staged:
    modules = [(rule, importlib.import_module(rule.where)) for rule in rules]

    def hooks(name: str) -> tuple[Any, ...]:
        return tuple(getattr(m, name) for _, m in modules if hasattr(m, name))

    makers: dict[str, tuple[Make, Shape]] = {}
    for rule, module in modules:
        for shape in rule.types:
            if shape.type in makers:
                raise ValueError(f"two rules make records of type {shape.type!r}")
            makers[shape.type] = (module.make, shape)
    return Staged(hooks("opens"), hooks("reads"), makers, hooks("made"), hooks("check"), registry.types(rules))


def check_record(cat: Catalog, unit: str, rec: RawRecord, today: dt.date, out: Collector, *,
                 quick: bool = True, beyond: Mapping[str, dt.date] | None = None) -> Record | None:
    """One raw record -> a checked Entry, Milestone or Review, or None with problems filed in ``out``.
    ``beyond``: the items of the file whose deadline an approved extension moved past records_until, with the
    last date their records may carry."""
    fast = _quick_progress(cat, unit, rec, today) if quick else None
    if fast is not None:
        return fast
    return _full(RecordCheck(cat, unit, rec, today, out, beyond), staged())


def _full(c: RecordCheck, rules: Staged) -> Record | None:
    """Every rule for one record: what every record carries, then what its type is made of."""
    kind = c.rec.values.get("type")
    maker = rules.makers.get(kind) if isinstance(kind, str) else None
    if maker is None:
        fields.unknown_type(c, rules.types)
        return None
    c.kind, c.shape = cast(str, kind), maker[1]
    for read in rules.reads:
        read(c)
    return maker[0](c)


def check_progress(cat: Catalog, raw: RawFile, file_unit: str, today: dt.date) -> Progress:
    """A read progress file -> checked records, with what only the whole file shows."""
    out = Collector(raw.path)
    out.problems.extend(raw.problems)
    result = Progress(raw.path, raw.unit)
    f = FileCheck(cat, raw, file_unit, today, out, result)
    rules = staged()
    if not all(opens(f) for opens in rules.opens):
        result.problems = out.problems
        return result
    unit, seen, made = f.unit, f.seen, rules.made
    quick = QuickCheck(cat, unit, today)
    entries = result.entries
    for rec in raw.records:
        rid = rec.values.get("id")
        line = rec.pos[0]
        if isinstance(rid, str):
            if rid in seen:
                fields.duplicate(out, rec, rid, seen[rid])
                continue
            seen[rid] = line
        entry = quick(rec.values, line)
        if entry is not None:
            entries.append(entry)
            continue
        c = RecordCheck(cat, unit, rec, today, out, f.beyond)
        checked = _full(c, rules)
        if checked is not None:
            for hook in made:
                hook(f, c, checked)
            result.file(checked)
    f.made = dataclasses.replace(result)  # the lists as made: a rule below may replace one, never change it
    for check in rules.checks:
        check(f)
    result.problems = out.problems
    return result


def check_given(cat: Catalog, unit: str | None, values: dict[str, Any], today: dt.date,
                beyond: Mapping[str, dt.date] | None = None) -> list[Problem]:
    """What the rules can judge of a record before all of it is known (the options given on the command line,
    before anything is asked): whether the unit reports on the task, the date, the percent's range, whether the
    item takes a value. The same checks, with the same words, as when the whole record is checked."""
    out = Collector("")
    c = RecordCheck(cat, unit or "", new_record(values), today, out, beyond)
    if unit is not None:
        tasks.task(c)
    if "date" in values:
        dates.date(c, "date", not_future=True)
    percent = fields.number(c, "percent") if "percent" in values else None
    if percent is not None:
        fields.in_range(c, "percent", percent)
    item = cat.items.get(str(values.get("task", "")).upper())
    if "value" in values and item is not None:
        progress.has_target(c, item)
    return out.problems


def new_record(values: dict[str, Any]) -> RawRecord:
    """A record typed at the terminal, to be checked by the same rules as a file's."""
    return RawRecord(values, Pos(0, 0))
