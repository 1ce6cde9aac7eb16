"""Diff and history -> tables for the terminal, Markdown (a pull-request comment) and JSON."""

from __future__ import annotations

from typing import Any, NamedTuple

from tracker.compute.review import Diff, RecordChange
from tracker.core.i18n import Lang, label
from tracker.core.model import Catalog
from tracker.core.problems import Problem, shown
from tracker.git.history import Added
from tracker.views.palette import LEVEL_NAME, LEVEL_STYLE
from tracker.views.tables import Cell, Table

_SKIP = ("id", "type", "task", "by")


def describe(values: dict[str, Any], lang: Lang) -> str:
    """A record in a few words: 推进中 60% 数值 96.5 (2025-09-05) 说明…"""
    kind = values.get("type")
    if kind == "withdraw":
        note = str(values.get("note", "")).replace("\n", " / ")
        return f"{label('withdraws', lang)} {values.get('withdraws', '')} ({values.get('date', '')}) {note}".strip()
    if kind == "milestone":
        pct = f" {values['percent']:g}%" if isinstance(values.get("percent"), (int, float)) else ""
        return f"{values.get('due', '')} {values.get('milestone', '')}{pct}".strip()
    parts = []
    if kind == "extend" and values.get("until"):
        parts.append(label("describe.until", lang).format(until=values["until"]))
    if kind in ("approve", "refuse") and values.get("request"):
        parts.append(label("describe.request", lang).format(id=values["request"]))
    if kind == "reply" and values.get("reminder"):
        parts.append(label("describe.reply", lang).format(id=values["reminder"]))
    if kind == "reminder":
        items = values.get("items")
        parts.append(label("describe.items", lang).format(
            items="、".join(map(str, items)) if isinstance(items, list) else items,
            number=values.get("number") or "—", reply=values.get("reply_by") or "—"))
    status = values.get("status")
    if isinstance(status, str):
        key = f"status.{status}"
        try:
            parts.append(label(key, lang))
        except KeyError:
            parts.append(status)
    if isinstance(values.get("percent"), (int, float)):
        parts.append(f"{values['percent']:g}%")
    if values.get("value") is not None:
        parts.append(f"{label('value', lang)} {values['value']}")
    if values.get("date"):
        parts.append(f"({values['date']})")
    if values.get("note"):
        parts.append(str(values["note"]).replace("\n", " / "))
    return " ".join(parts)


def _edit(change: RecordChange) -> str:
    before, after = change.before or {}, change.after or {}
    keys = [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    return "; ".join(f"{k}: {shown(before.get(k))} → {shown(after.get(k))}" for k in keys)


def record_type(values: dict[str, Any], lang: Lang) -> str:
    """A record's type in words (进度, 销号 …)."""
    kind = str(values.get("type", ""))
    try:
        return label(f"type.{kind}", lang)
    except KeyError:
        return kind


def diff_table(cat: Catalog, diff: Diff, lang: Lang) -> Table:
    levels = {(lc.unit, lc.task): lc for lc in diff.levels}
    headers = [label(k, lang) for k in ("unit", "id", "change", "record_type", "content", "level_change")]
    rows: list[list[Cell]] = []
    styles: list[str] = []
    for ch in diff.changes:
        unit = cat.units[ch.unit].short if ch.unit in cat.units else ch.unit
        lc = levels.get((ch.unit, ch.task))
        level = ""
        if lc is not None:
            level = f"{_level_name(int(lc.before), lang)} → {_level_name(int(lc.after), lang)}"
        content = _edit(ch) if ch.kind == "edited" else describe(ch.record, lang)
        rows.append([unit, ch.task, label(f"change.{ch.kind}", lang), record_type(ch.record, lang), content, level])
        styles.append("red" if ch.loud else (LEVEL_STYLE[lc.after] if lc else ""))
    kinds = ["text", "text", "text", "text", "long", "text"]
    return Table(headers, rows, [], styles, kinds, label("diff.title", lang))


def _level_name(level: int, lang: Lang) -> str:
    return label(f"level.{level}", lang) or label("none", lang)


def diff_summary(diff: Diff, lang: Lang) -> str:
    counts = {k: sum(c.kind == k for c in diff.changes) for k in ("added", "edited", "deleted", "moved",
                                                                  "duplicated", "inserted")}
    text = label("diff.summary", lang).format(problems=len(diff.new_problems), old=len(diff.old_problems), **counts)
    if counts["moved"] or counts["duplicated"]:
        text += label("diff.summary.order", lang).format(**counts)
    if counts["inserted"]:
        text += label("diff.summary.inserted", lang).format(**counts)
    if diff.loud:
        text += "\n" + label("diff.loud", lang)
    return text


class DiffParts(NamedTuple):
    """A diff ready to render: heading, summary lines, the table (None when nothing changed), the words
    for "nothing changed", and the problems the change brings under their heading."""

    heading: str
    summary: list[str]
    table: Table | None
    empty: str
    problems_heading: str
    problems: list[Problem]
    lang: Lang = Lang.ZH


def diff_parts(cat: Catalog, diff: Diff, heading: str, lang: Lang) -> DiffParts:
    return DiffParts(heading, diff_summary(diff, lang).split("\n"),
                     diff_table(cat, diff, lang) if diff.changes else None, label("diff.none", lang),
                     label("diff.problems", lang), diff.new_problems, lang)


def diff_json(diff: Diff, rev_from: str, rev_to: str) -> dict[str, Any]:
    return {
        "from": rev_from,
        "to": rev_to,
        "changes": [{"kind": c.kind, "path": c.path, "line": c.line, "unit": c.unit, "task": c.task,
                     "before": c.before, "after": c.after} for c in diff.changes],
        "levels": [{"unit": lc.unit, "task": lc.task, "before": LEVEL_NAME[lc.before],
                    "after": LEVEL_NAME[lc.after], "status_before": lc.status_before,
                    "status_after": lc.status_after, "percent_before": lc.percent_before,
                    "percent_after": lc.percent_after} for lc in diff.levels],
        "problems": [p.as_dict() for p in diff.new_problems],
        "existing_problems": [p.as_dict() for p in diff.old_problems],
    }


def log_table(cat: Catalog, added: list[Added], lang: Lang) -> Table:
    """Each record with the commit that wrote it; a record whose line a later commit changed is marked, with
    who changed it and in which commit (a column of its own, once any record was edited)."""
    edited = any(a.edits for a in added)
    headers = [label(k, lang) for k in ("entry_date", "unit", "id", "record_type", "content", "by", "commit",
                                        "author", "committed")] + ([label("log.edited", lang)] if edited else [])
    rows: list[list[Cell]] = []
    records = []
    for a in added:
        v = a.values
        unit = a.path.rsplit("/", 1)[-1].removesuffix(".yaml")
        row: list[Cell] = [str(v.get("date", "")), cat.units[unit].short if unit in cat.units else unit,
                           str(v.get("task", "")), record_type(v, lang), describe(v, lang), str(v.get("by", "")),
                           a.commit[:10] if a.commit else label("uncommitted", lang), a.author,
                           a.committed.strftime("%Y-%m-%d %H:%M") if a.committed else ""]
        if edited:
            row.append(label("log.edit.sep", lang).join(label("log.edit", lang).format(
                author=e.author, commit=e.commit[:10], time=e.committed.strftime("%Y-%m-%d %H:%M")) for e in a.edits))
        rows.append(row)
        records.append({"record": v, "unit": unit, "path": a.path, "commit": a.commit, "author": a.author,
                        "committed": a.committed.isoformat() if a.committed else None,
                        "edits": [{"commit": e.commit, "author": e.author, "committed": e.committed.isoformat()}
                                  for e in a.edits]})
    kinds = ["text", "text", "text", "text", "long", "text", "text", "text", "text"] + (["long"] if edited else [])
    return Table(headers, rows, records, ["red" if a.edits else "" for a in added] if edited else None, kinds,
                 drop=(5,))
