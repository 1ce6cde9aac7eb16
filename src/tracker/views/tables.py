"""Catalog -> plain report data for the listing commands (tasks, units, show). No formatting here."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from fractions import Fraction
from json.encoder import encode_basestring
from typing import Any, NamedTuple

from tracker.compute.state import Level, PairState
from tracker.core.i18n import Lang, label, reason
from tracker.core.model import Cadence, Catalog, Item, Target, Unit
from tracker.views.palette import LEVEL_NAME, LEVEL_STYLE

Cell = str | int | float | None


class JSONText(str):
    """Text that is already JSON: ``to_json`` writes it as it stands (as a list item or a top-level value)."""


class Table(NamedTuple):
    """Rows ready for any renderer; ``records`` is the richer JSON form of the same rows.

    ``kinds`` tells renderers how to show each column: "text" (names, ids, dates, lists: a narrow terminal
    breaks a list only after its separators), "long" (free text, which wraps anywhere but inside a word or a
    number), "int", "pct" (a percent, kept as a number so spreadsheets get numeric cells), "bar" (a percent
    drawn as a bar where the format allows), "delta" (a change in points) or "figure" (a figure written as
    text, 95.9% / 100%: never broken)."""

    headers: list[str]
    rows: list[list[Cell]]
    records: list[Any]
    styles: list[str] | None = None  # per row: "red", "yellow", "blue" or "" (warning colours)
    kinds: list[str] | None = None
    title: str = ""
    drop: tuple[int, ...] = ()  # columns a narrow terminal may leave out, the first first


    def kind(self, col: int) -> str:
        return self.kinds[col] if self.kinds else "text"


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def date_columns(table: Table) -> list[bool]:
    """Which text columns hold only ISO dates (or nothing): spreadsheets store them as dates, pages and
    documents never break them across lines."""
    out = []
    for i in range(len(table.headers)):
        values = [v for v in (r[i] for r in table.rows) if v not in (None, "")]
        out.append(table.kind(i) == "text" and bool(values)
                   and all(isinstance(v, str) and _ISO_DATE.fullmatch(v) is not None for v in values))
    return out


def cadence_text(c: Cadence | None, lang: Lang) -> str:
    if c is None:
        return ""
    text = label(f"period.{c.every.value}", lang)
    if c.high_risk is not None:
        text += f"（{label('high_risk', lang)}{label(f'period.{c.high_risk.value}', lang)}）"
    return text


def target_text(t: Target | None) -> str:
    if t is None:
        return ""
    return f"{t.metric} {t.value:g}{t.unit}"


def unit_names(cat: Catalog, ids: tuple[str, ...]) -> str:
    return "、".join(cat.units[u].short if u in cat.units else u for u in ids)


def item_record(cat: Catalog, item: Item) -> dict[str, Any]:
    """The stable JSON form of one item (documented in docs/data-format.md)."""
    work = cat.works.get(item.work) if item.work is not None else None
    action = cat.actions.get(item.action) if item.action is not None else None
    return {
        "id": item.id,
        "kind": item.kind,
        "text": item.text,
        "action": None if action is None else {"id": action.id, "numeral": action.numeral,
                                               "title": action.title},
        "work": None if work is None else {"id": work.id, "title": work.title},
        "responsible": item.responsible,
        "units": list(item.units),
        "groups": list(item.groups),
        "open": item.open,
        "reporters": list(cat.reporters(item)),
        "deadline": item.deadline.isoformat(),
        "cadence": None if item.cadence is None else {
            "every": item.cadence.every.value,
            "high_risk": None if item.cadence.high_risk is None else item.cadence.high_risk.value},
        "target": None if item.target is None else {
            "metric": item.target.metric, "value": item.target.value, "unit": item.target.unit},
        "notes": list(item.notes),
        "lead": item.lead,
    } | ({} if item.origin is None else {"origin": origin_record(item)})


def origin_record(item: Item) -> dict[str, Any]:
    """Where a carried item comes from, and each unit's state when it was carried."""
    o = item.origin
    assert o is not None
    return {"folder": o.folder, "year": o.year, "item": o.item, "as_of": o.as_of.isoformat(), "action": o.action,
            "work": o.work, "pairs": [{"unit": p.unit, "status": p.status.value, "percent": p.percent,
                                       "date": None if p.date is None else p.date.isoformat(),
                                       "record": p.record or None} for p in o.pairs]}


def tasks_table(cat: Catalog, items: list[Item], lang: Lang) -> Table:
    headers = [label(k, lang) for k in ("id", "action", "text", "responsible", "deadline", "cadence",
                                        "target")]
    rows: list[list[Cell]] = []
    for item in items:
        action = cat.actions[item.action].numeral if item.action is not None else label(f"kind.{item.kind}",
                                                                                         lang)
        named = (item.expect or ()) if item.kind == "carried" else item.units + item.groups  # carried: its units
        units = unit_names(cat, named) + (label("open_list", lang) if item.open else "")
        rows.append([item.id, action, item.text, units, item.deadline.isoformat(),
                     cadence_text(item.cadence, lang), target_text(item.target)])
    return Table(headers, rows, [item_record(cat, i) for i in items],
                 kinds=["text", "text", "long", "text", "text", "text", "text"])


def unit_record(cat: Catalog, unit: Unit) -> dict[str, Any]:
    return {
        "id": unit.id,
        "name": unit.name,
        "short": unit.short,
        "kind": unit.kind.value,
        "aliases": list(unit.aliases),
        "members": list(unit.members),
        "open": unit.open,
        "ambiguous": unit.ambiguous,
        "maintainers": list(unit.maintainers),
        "items": [i.id for i in cat.items_of(unit.id)],
    }


def units_table(cat: Catalog, lang: Lang) -> Table:
    """Every unit by the names people use, with its progress file (named by the unit's id, which is what a
    maintainer needs to know of it)."""
    headers = [label(k, lang) for k in ("short", "name", "kind", "aliases", "members", "items", "progress_file")]
    rows: list[list[Cell]] = []
    records = []
    for unit in cat.units.values():
        record = unit_record(cat, unit)
        records.append(record)
        flag = f"（{label('ambiguous', lang)}）" if unit.ambiguous else ""
        rows.append([unit.short + flag, unit.name, label(f"kind.{unit.kind.value}", lang), "、".join(unit.aliases),
                     "、".join(unit.members), len(record["items"]), f"progress/{unit.id}.yaml"])
    return Table(headers, rows, records, kinds=["text", "long", "text", "text", "text", "int", "text"], drop=(6,))


def show_lines(cat: Catalog, item: Item, lang: Lang) -> list[tuple[str, str]]:
    """(label, value) pairs for ``tracker show``."""
    rec = item_record(cat, item)
    lines = [(label("id", lang), item.id), (label("kind", lang), label(f"kind.{item.kind}", lang)),
             (label("text", lang), item.text)]
    if rec["action"]:
        lines.append((label("action", lang), f"{rec['action']['numeral']}、{rec['action']['title']}"))
    if rec["work"]:
        lines.append((label("work", lang), rec["work"]["title"]))
    if item.origin is not None:
        o = item.origin
        lines.append((label("origin", lang), label("origin.text", lang).format(
            year=o.year, item=o.item, folder=o.folder, as_of=o.as_of.isoformat())))
        if o.action:
            lines.append((label("action", lang), o.action))
        if o.work:
            lines.append((label("work", lang), o.work))
    lines.append((label("responsible", lang), item.responsible))
    lines.append((label("reporters", lang), unit_names(cat, cat.reporters(item))))
    if item.lead:
        lines.append((label("lead", lang), unit_names(cat, (item.lead,))))
    lines.append((label("deadline", lang), item.deadline.isoformat()))
    if item.cadence:
        lines.append((label("cadence", lang), cadence_text(item.cadence, lang)))
    if item.target:
        lines.append((label("target", lang), target_text(item.target)))
    for note in item.notes:
        lines.append((label("notes", lang), note))
    return lines




def warning_text(p: PairState, lang: Lang) -> str:
    """The pair's warning level and its reasons in the reader's words: 黄色：滞后于序时进度、久未报送."""
    if p.level is Level.NONE:
        return ""
    colon, sep = ("：", "、") if lang is Lang.ZH else (": ", ", ")
    return label(f"level.{int(p.level)}", lang) + colon + sep.join(reason(r, lang) for r in p.reasons)




def _milestone_records(p: PairState) -> list[dict[str, Any]]:
    return [{"id": m.milestone.id, "due": m.milestone.due.isoformat(), "text": m.milestone.text, "met": m.met,
             "overdue": m.overdue} for m in p.milestones]


def extension_records(p: PairState) -> list[dict[str, Any]]:
    """Each extension request of the pair with the office's decision: what the JSON's ``extensions`` holds."""
    out = []
    for x in p.extensions:
        r, d = x.request, x.decision
        out.append({"id": r.id, "requested_on": r.date.isoformat(),
                    "until": None if r.until is None else r.until.isoformat(), "reason": r.note, "late": x.late,
                    "decision": x.verdict, "decided_on": None if d is None else d.date.isoformat(),
                    "decision_note": "" if d is None else d.note})
    return out


def reminder_records(p: PairState) -> list[dict[str, Any]]:
    """The reminders the pair was listed in, oldest first: what the JSON's ``reminders`` holds."""
    return [{"id": r.id, "date": r.date.isoformat(), "number": r.number,
             "reply_by": None if r.reply_by is None else r.reply_by.isoformat(),
             "replied": None if r.replied is None else r.replied.isoformat()} for r in p.reminders]


def pair_record(p: PairState) -> dict[str, Any]:
    """The stable JSON form of one pair's state. Written for speed: a province's JSON report holds one per
    expected pair, and most of them have no milestones and no missed periods."""
    latest = p.latest
    return {
        "item": p.item,
        "unit": p.unit,
        "status": p.status._value_,
        "percent": p.percent,
        "value": p.value,
        "latest_date": None if latest is None else latest.date.isoformat(),
        "latest_note": "" if latest is None else latest.note,
        "verified": p.verified,
        "deadline": p.deadline.isoformat(),
        "original_deadline": (p.original_deadline or p.deadline).isoformat(),
        "extensions": extension_records(p),
        "reminders": reminder_records(p),
        "next_due": None if (due := p.next_due) is None else due.isoformat(),
        "overdue": p.overdue,
        "done_late": p.done_late,
        "missed_periods": [o.end.isoformat() for o in p.occurrences if not o.met] if p.occurrences else [],
        "milestones": _milestone_records(p),
        "level": LEVEL_NAME[p.level],
        "reasons": list(p.reasons),
    }


_JSON_WORD = {True: "true", False: "false", None: "null"}


class _Memo(dict[Any, str]):
    """JSON text of values met before: a report repeats the same ids, dates and reasons thousands of times,
    and a dict lookup is cheaper than encoding again."""

    def __init__(self, encode: Callable[[Any], str]) -> None:
        super().__init__()
        self.encode = encode

    def __missing__(self, key: Any) -> str:
        text = self[key] = self.encode(key)
        return text


_TEXT = _Memo(encode_basestring)  # ids, statuses and reasons; never notes, which rarely repeat
_DATE = _Memo(lambda d: "null" if d is None else f'"{d.isoformat()}"')


def _json_number(x: float | None) -> str:
    if x is None:
        return "null"
    return float.__repr__(x) if type(x) is float and math.isfinite(x) else json.dumps(x)


def pair_json(p: PairState) -> JSONText:
    """``pair_record(p)`` as ``json.dumps(..., ensure_ascii=False)`` writes it, without building the dict
    first: a province's JSON report holds one per expected pair, and this is three times faster. A test
    holds the two to the same bytes for every pair of several reports."""
    latest = p.latest
    missed = ", ".join([_DATE[o.end] for o in p.occurrences if not o.met]) if p.occurrences else ""
    milestones = json.dumps(_milestone_records(p), ensure_ascii=False) if p.milestones else "[]"
    note = '""' if latest is None else encode_basestring(latest.note)
    extensions = json.dumps(extension_records(p), ensure_ascii=False) if p.extensions else "[]"
    reminders = json.dumps(reminder_records(p), ensure_ascii=False) if p.reminders else "[]"
    return JSONText(
        f'{{"item": {_TEXT[p.item]}, "unit": {_TEXT[p.unit]}, "status": {_TEXT[p.status._value_]}, '
        f'"percent": {_json_number(p.percent)}, "value": {_json_number(p.value)}, '
        f'"latest_date": {"null" if latest is None else _DATE[latest.date]}, "latest_note": {note}, '
        f'"verified": {_JSON_WORD[p.verified]}, "deadline": {_DATE[p.deadline]}, '
        f'"original_deadline": {_DATE[p.original_deadline or p.deadline]}, "extensions": {extensions}, '
        f'"reminders": {reminders}, '
        f'"next_due": {_DATE[p.next_due]}, "overdue": {_JSON_WORD[p.overdue]}, '
        f'"done_late": {_JSON_WORD[p.done_late]}, "missed_periods": [{missed}], '
        f'"milestones": {milestones}, "level": "{LEVEL_NAME[p.level]}", '
        f'"reasons": [{", ".join(map(_TEXT.__getitem__, p.reasons))}]}}')


def status_table(cat: Catalog, pairs: list[PairState], lang: Lang, errors: dict[str, int] | None = None) -> Table:
    """Each pair's latest state; a unit whose file has errors is marked so, and a rejected claim shows the
    office's reason beside the unit's own note."""
    headers = [label(k, lang) for k in ("unit", "id", "text", "status", "percent", "latest", "next_due",
                                        "warning", "note")]
    rows: list[list[Cell]] = []
    for p in pairs:
        item = cat.items[p.item]
        status = label(f"status.{p.status.value}", lang)
        if p.verified:
            status += f"（{label('verified', lang)}）"
        elif p.rejected is not None:
            status += f"（{label('rejected', lang)}）"
        rows.append([unit_label(cat, p.unit, lang, errors), item.id, item.text, status, p.percent,
                     "" if p.latest is None else p.latest.date.isoformat(),
                     due_text(p, lang), warning_text(p, lang), note_text(p, lang)])
    kinds = ["text", "text", "long", "text", "pct", "text", "text", "text", "long"]
    return Table(headers, rows, [pair_record(p) for p in pairs], [LEVEL_STYLE[p.level] for p in pairs], kinds,
                 drop=(5,))


def extended_mark(p: PairState, lang: Lang) -> str:
    """（已延期，原截止2025-12-31） after a deadline an approved extension moved; "" for any other."""
    if p.original_deadline is None:
        return ""
    return label("due.extended", lang).format(original=p.original_deadline.isoformat())


def due_text(p: PairState, lang: Lang) -> str:
    """The pair's next date, marked 已延期 with the original deadline when it is a moved deadline."""
    if p.next_due is None:
        return ""
    return p.next_due.isoformat() + (extended_mark(p, lang) if p.next_due == p.deadline else "")


def unit_label(cat: Catalog, unit: str, lang: Lang, errors: dict[str, int] | None) -> str:
    """A unit's short name, marked 数据有误 when its progress file has errors."""
    name = cat.units[unit].short if unit in cat.units else unit
    return name + label("data_errors", lang) if errors and errors.get(unit) else name


def note_text(p: PairState, lang: Lang) -> str:
    """The latest note, after the office's reason when it rejected the claim."""
    note = "" if p.latest is None else p.latest.note
    if p.extensions:
        note = "；".join(filter(None, [extension_text(p, lang), note]))
    if p.rejected is not None and not p.done:
        reason = label("rejected_because", lang).format(reason=p.rejected.note, date=p.rejected.date.isoformat())
        return f"{reason}；{note}" if note else reason
    return note


def extension_text(p: PairState, lang: Lang) -> str:
    """The pair's latest extension request and its fate, in a few words (延期至…，原…)."""
    if not p.extensions:
        return ""
    x = p.extensions[-1]
    until = "" if x.request.until is None else x.request.until.isoformat()
    text = label(f"extension.{x.verdict}", lang).format(
        until=until, original=(p.original_deadline or p.deadline).isoformat(),
        reason=x.decision.note if x.decision is not None else x.request.note)
    return text + (label("extension.late", lang) if any(e.late for e in p.extensions) else "")


def show_units_table(cat: Catalog, pairs: list[PairState], lang: Lang, errors: dict[str, int] | None = None) -> Table:
    """``tracker show``: each expected unit's latest state of one item, with the office's verdict."""
    headers = [label(k, lang) for k in ("unit", "status", "percent", "latest", "verdict", "warning", "note")]
    rows: list[list[Cell]] = []
    for p in pairs:
        verdict = ""
        if p.verified:
            verdict = label("verified", lang)
        elif p.rejected is not None:
            verdict = label("rejected_because", lang).format(reason=p.rejected.note, date=p.rejected.date.isoformat())
        rows.append([unit_label(cat, p.unit, lang, errors), label(f"status.{p.status.value}", lang), p.percent,
                     "" if p.latest is None else p.latest.date.isoformat(), verdict, warning_text(p, lang),
                     "；".join(filter(None, [extension_text(p, lang), "" if p.latest is None else p.latest.note]))])
    return Table(headers, rows, [pair_record(p) for p in pairs], [LEVEL_STYLE[p.level] for p in pairs],
                 ["text", "text", "pct", "text", "long", "text", "long"], label("view.units_of_item", lang))


def _plain(x: Fraction | float) -> int | float:
    """A number for a numeric cell: whole numbers as integers (96, not 96.0)."""
    return int(x) if x == int(x) else float(x)


def _num(x: Fraction | float) -> str:
    """A score figure as an official writes it: 2, 1.5, -0.25 (exact values, no trailing zeros)."""
    f = Fraction(x) if not isinstance(x, Fraction) else x
    return str(f.numerator) if f.denominator == 1 else f"{float(f):g}"


def score_table(scores: list[Any], lang: Lang, *, brief: bool = False, errors: dict[str, int] | None = None) -> Table:
    """``tracker score``: each unit's rank, total and the points of each thing counted, with a breakdown an
    official can check by hand (count, weighted count where weights apply, × points = subtotal). ``brief``
    (a bulletin's attachment, on A4): rank, unit, score, base and the breakdown only. A unit whose progress
    file has ``errors`` (--allow-errors) is marked 数据有误, and its record counts them."""
    from tracker.core.model import SCORE_KEYS

    headers = [label(k, lang) for k in ("rank", "unit", "score.total", "score.base")] + \
        [label(f"score.{k}", lang) for k in SCORE_KEYS] + [label("score.breakdown", lang)]
    rows: list[list[Cell]] = []
    records: list[dict[str, Any]] = []
    for s in scores:
        parts = []
        for p in s.parts:
            if p.number:
                how = _num(p.weighted) if p.weighted != p.number else str(p.number)
                parts.append(label("score.part", lang).format(what=label(f"score.{p.key}", lang), n=how,
                                                               points=_num(p.points), subtotal=_num(p.subtotal)))
        name = s.label + (label("data_errors", lang) if errors and errors.get(s.unit) else "")
        rows.append([s.rank, name, _plain(s.total), _plain(s.base), *[_plain(p.subtotal) for p in s.parts],
                     label("score.sep", lang).join(parts)])
        records.append({"rank": s.rank, "unit": s.unit, "name": s.label, "errors": (errors or {}).get(s.unit, 0),
                        "total": s.total, "base": s.base,
                        "parts": [{"key": p.key, "count": p.number, "weighted": float(p.weighted),
                                   "points": p.points, "subtotal": float(p.subtotal)} for p in s.parts]})
    kinds = ["int", "text", "int", "int", *["int"] * len(SCORE_KEYS), "long"]
    if brief:
        keep = [0, 1, 2, 3, len(headers) - 1]
        return Table([headers[i] for i in keep], [[r[i] for i in keep] for r in rows], records, None,
                     [kinds[i] for i in keep], label("view.score", lang))
    return Table(headers, rows, records, None, kinds, label("view.score", lang), drop=(3, 4, 5, 6, 7, 8, 9, 10))
