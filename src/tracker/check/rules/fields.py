"""A record's shape and plain values: its type, the fields its type has, its id (once per file), texts
and numbers of the right type, and a number within its range."""

from __future__ import annotations

from collections.abc import Sequence

from tracker.check.context import RecordCheck, field_word, finite
from tracker.core.i18n import word
from tracker.core.problems import Collector, did_you_mean, shown
from tracker.load.progress import FIELD_ORDER, RawRecord


def reads(c: RecordCheck) -> None:
    """Every record: no field its type lacks, every field its type needs, and an id."""
    assert c.shape is not None
    required, optional = c.shape.required, c.shape.optional
    allowed = sorted({*required, *optional})
    for key in c.rec.values:
        if key not in required and key not in optional:
            c.bad(key, "unknown-field", subject=word("record"), field=shown(key), allowed=", ".join(allowed),
                  suggest=did_you_mean(key, allowed))
    for key in sorted(set(required) - set(c.rec.values), key=FIELD_ORDER.index):
        c.bad(key, "missing-field", subject=word("record"), field=shown(key))
    c.rid = text(c, "id", required=True)


def unknown_type(c: RecordCheck, types: Sequence[str]) -> None:
    """A record whose type no rule makes (or that has none)."""
    if "type" not in c.rec.values:
        c.bad("type", "missing-field", subject=word("record"), field=shown("type"))
    else:
        kind = c.rec.values.get("type")
        c.bad("type", "bad-value", subject=word("record-type"), found=shown(kind), allowed=", ".join(types),
              suggest=did_you_mean(str(kind), types))


def duplicate(out: Collector, rec: RawRecord, rid: str, first: int) -> None:
    """A record whose id an earlier record of the file has: it is not read."""
    out.add(rec.at("id"), "duplicate-id", subject=word("record"), id=shown(rid), first=str(first))


def wrong(c: RecordCheck, key: str, expected: str, hint: str = "") -> None:
    value = c.rec.values.get(key)
    found = word("null") if value is None else word("the-number") if isinstance(value, (int, float)) \
        and not isinstance(value, bool) else word("list") if isinstance(value, list) \
        else word("mapping") if isinstance(value, dict) else word("the-text")
    raw = "" if value is None or isinstance(value, (list, dict)) else " " + shown(value)
    c.bad(key, "wrong-type", field=shown(key), expected=word(expected), found=found, raw=raw,
          hint=word(f"hint.{hint}") if hint else "")


def text(c: RecordCheck, key: str, required: bool = False) -> str:
    value = c.rec.values.get(key)
    if value is None or value == "":
        if required:
            c.bad(key, "missing-field", subject=word("record"), field=shown(key))
        return ""
    if not isinstance(value, str):
        wrong(c, key, "text", "quote-value")
        return ""
    return value


def note(c: RecordCheck) -> str:
    """The note, where a record's type needs one: a missing note is reported once, as a missing field; an
    empty one here."""
    assert c.shape is not None
    return text(c, "note", required="note" in c.shape.required and "note" in c.rec.values)


def number(c: RecordCheck, key: str) -> float | None:
    value = c.rec.values.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not finite(value):
        wrong(c, key, "number", "digits")
        return None
    return float(value)


def in_range(c: RecordCheck, key: str, value: float, low: float = 0, high: float = 100) -> bool:
    """Whether ``value`` lies within low–high (a percent, by default), filing the problem when not."""
    if low <= value <= high:
        return True
    c.bad(key, "out-of-range", field=field_word(key), value=f"{value:g}", low=f"{low:g}", high=f"{high:g}")
    return False

