"""Roll-up -> tables: the levels' own figures, each upper task's figures per level, the upward return, and
the levels' status. Wording from i18n; numbers stay numbers, so every renderer shows them unchanged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tracker.compute.report import Tally
from tracker.compute.review import RecordChange
from tracker.compute.rollup import ItemNotes, LevelRow, Note, Rollup, add
from tracker.compute.state import Level
from tracker.core.dates import date_text
from tracker.core.i18n import Lang, Msg, label
from tracker.core.model import Catalog
from tracker.core.problems import Problem
from tracker.git.levels import Fetched, LevelStatus
from tracker.load.levels import Locked
from tracker.views.palette import LEVEL_NAME, LEVEL_STYLE
from tracker.views.report import _TALLY_KEYS, _TALLY_KINDS, _tally_cells
from tracker.views.tables import Table


def level_name(path: tuple[str, ...], lang: Lang) -> str:
    return "/".join(path) if path else label("level.own", lang)


def state_text(row: LevelRow, lang: Lang) -> str:
    text = label(f"level.state.{row.state}", lang).format(n=row.errors, same=level_name(row.same_as, lang))
    if row.first_error is not None:
        text += "：" + _where(row.first_error, lang)
    return text


def uncounted(rollup: Rollup, lang: Lang) -> list[tuple[str, str]]:
    """Each level left out of the figures, by name, with why in a few words (its state)."""
    return [(level_name(r.path, lang), label(f"level.state.{r.state}", lang).format(
        n=r.errors, same=level_name(r.same_as, lang))) for r in rollup.levels[1:] if not r.counted]


def _where(p: Problem, lang: Lang) -> str:
    return f"{p.path}:{p.line}:{p.col} {p.message(lang)}"


def short(commit: str | None) -> str:
    return commit[:12] if commit else ""


def levels_view(rollup: Rollup, lang: Lang) -> Table:
    """One row per level with its own figures, then the overall that counts every pair once."""
    headers = [label("level.level", lang), label("level.commit", lang), label("level.state", lang)] + \
        [label(k, lang) for k in _TALLY_KEYS]
    rows: list[list[Any]] = []
    records: list[Any] = []
    styles: list[str] = []
    for r in rollup.levels:
        figures = r.counted
        rows.append([level_name(r.path, lang), short(r.commit), state_text(r, lang),
                     *(_tally_cells(r.tally) if figures else [None] * len(_TALLY_KEYS))])
        records.append(level_record(r, lang))
        styles.append(LEVEL_STYLE[r.level] if figures else "red")
    left_out = len(uncounted(rollup, lang))
    overall = label("level.overall", lang) + (label("level.overall.left-out", lang).format(n=left_out)
                                              if left_out else "")
    rows.append([overall, "", "", *_tally_cells(rollup.overall)])
    records.append({"level": None, "overall": True, **rollup.overall.as_dict()})
    styles.append("")
    return Table(headers, rows, records, styles, ["text", "text", "long", *_TALLY_KINDS], label("level.view", lang),
                 drop=(7, 8, 12, 11, 1))


def level_record(r: LevelRow, lang: Lang) -> dict[str, Any]:
    return {"level": list(r.path), "source": r.source or None, "commit": r.commit, "state": r.state,
            "counted": r.counted, "errors": r.errors,
            "first_error": None if r.first_error is None else r.first_error.as_dict(lang),
            **({"same_as": list(r.same_as)} if r.state == "duplicate" else {}),
            "warning": LEVEL_NAME[r.level], **(r.tally.as_dict() if r.counted else {})}


def level_tasks_view(cat: Catalog, rollup: Rollup, lang: Lang, *, goals: bool = False) -> Table:
    """Per upper task (or goal): each level's figures mapped to it, then the item's total."""
    headers = [label("id", lang), label("level.level", lang), label("goal" if goals else "text", lang)] + \
        [label(k, lang) for k in _TALLY_KEYS]
    rows: list[list[Any]] = []
    records: list[Any] = []
    styles: list[str] = []
    for item_id, item in cat.items.items():
        parts = rollup.by_item.get(item_id)
        if not parts or item.kind not in (("overall", "stage") if goals else ("task",)):  # carried: no goal
            continue
        _rows_of(item_id, item.text, parts, rollup.item_level.get(item_id, Level.NONE), lang, rows, records, styles)
    return Table(headers, rows, records, styles, ["text", "text", "long", *_TALLY_KINDS],
                 label("level.goals-view" if goals else "level.tasks-view", lang), drop=(6, 7, 11, 12, 10, 2))


def level_actions_view(cat: Catalog, rollup: Rollup, lang: Lang) -> Table:
    """Per action of the upper list: each level's figures over the tasks mapped into it, then the total."""
    headers = [label("id", lang), label("level.level", lang), label("action", lang)] + \
        [label(k, lang) for k in _TALLY_KEYS]
    rows: list[list[Any]] = []
    records: list[Any] = []
    styles: list[str] = []
    for action in cat.actions.values():
        per_level: dict[tuple[str, ...], Tally] = {}
        worst = Level.NONE
        for item in cat.items.values():
            if item.action != action.id or item.kind != "task":
                continue
            for path, t in rollup.by_item.get(item.id, []):
                per_level[path] = add(per_level.get(path, Tally()), t)
            worst = max(worst, rollup.item_level.get(item.id, Level.NONE))
        if per_level:
            _rows_of(str(action.id), f"{action.numeral}、{action.title}", list(per_level.items()), worst, lang, rows,
                     records, styles)
    return Table(headers, rows, records, styles, ["text", "text", "long", *_TALLY_KINDS],
                 label("level.actions-view", lang), drop=(6, 7, 11, 12, 10, 2))


def _rows_of(key: str, text: str, parts: list[tuple[tuple[str, ...], Tally]], worst: Level, lang: Lang,
             rows: list[list[Any]], records: list[Any], styles: list[str]) -> None:
    """One row per level, then (when there are several) the total row, coloured by the worst pair."""
    for path, t in parts:
        rows.append([key, level_name(path, lang), text, *_tally_cells(t)])
        records.append({"id": key, "level": list(path), **t.as_dict()})
        styles.append("")
    if len(parts) > 1:
        total = Tally()
        for _, t in parts:
            total = add(total, t)
        rows.append([key, label("level.total", lang), text, *_tally_cells(total)])
        records.append({"id": key, "level": None, "total": True, **total.as_dict()})
        styles.append(LEVEL_STYLE[worst])


def _notes_text(notes: tuple[Note, ...], lang: Lang, overdue: str, missed: tuple[int, int] = (0, 0)) -> str:
    """Key problems and next steps in the office's words: a blocked item's reason, 逾期未完成, 节点滞后 with the
    milestone, or a next step's note, each unit's said once; then the periods missed (漏报), counted over the
    task's units, as they are often many."""
    def said(n: Note) -> str:
        if n.kind == "milestone":
            due = date_text(dt.date.fromisoformat(n.due), lang is Lang.ZH) if n.due else ""
            return label("level.milestone-note", lang).format(text=n.text, date=due)
        return n.text or overdue

    by_where: dict[str, list[str]] = {}
    for n in notes:
        by_where.setdefault(n.where, []).append(said(n))
    parts = [f"{where}：{'，'.join(texts)}" for where, texts in by_where.items()]
    if missed[0]:
        parts.append(label("level.missed-note", lang).format(n=missed[0], units=missed[1]))
    return "；".join(parts)


def return_view(cat: Catalog, rollup: Rollup, lang: Lang) -> Table:
    """The upward return: per task of the folder's list, its completion with every lower level counted in,
    what is overdue, the key problems and the next steps from the latest notes."""
    headers = [label(k, lang) for k in ("id", "level.maps-to", "text", "expected", "done", "rate", "overdue",
                                        "level.problems", "level.steps")]
    rows: list[list[Any]] = []
    records: list[Any] = []
    styles: list[str] = []
    overdue_word = label("level.overdue-note", lang)
    for item_id, item in cat.items.items():
        if item.kind != "task" or item_id not in rollup.by_item:
            continue
        t: Tally = rollup.item_total(item_id)
        notes = rollup.notes.get(item_id, ItemNotes())
        problems = _notes_text(notes.problems, lang, overdue_word, notes.missed)
        steps = _notes_text(notes.steps, lang, overdue_word)
        rows.append([item_id, item.maps_to or "", item.text, t.expected, t.done, t.rate, t.overdue, problems, steps])
        records.append({"id": item_id, "maps_to": item.maps_to, **t.as_dict(), "problems": problems,
                        "next_steps": steps})
        styles.append(LEVEL_STYLE[rollup.item_level.get(item_id, Level.NONE)])
    kinds = ["text", "text", "long", "int", "int", "bar", "int", "long", "long"]
    if not any(item.maps_to for item in cat.items.values()):  # the top of the chain: no upper task to name
        headers, kinds = headers[:1] + headers[2:], kinds[:1] + kinds[2:]
        rows = [r[:1] + r[2:] for r in rows]
    return Table(headers, rows, records, styles, kinds, label("level.return-view", lang))


def status_view(rows: list[LevelStatus], lang: Lang) -> Table:
    headers = [label(k, lang) for k in ("level.level", "level.source", "level.locked", "level.tip", "level.lock-state")]
    out: list[list[Any]] = []
    records: list[Any] = []
    styles: list[str] = []
    for s in rows:
        if s.error:
            state, style = label("level.status.unreachable", lang).format(error=s.error), "red"
        elif s.locked is None:
            state, style = label("level.status.not-locked", lang), "red"
        elif s.behind == 0:
            state, style = label("level.status.current", lang), ""
        elif s.behind is None:
            state, style = label("level.status.moved", lang), "yellow"
        else:
            state, style = label("level.status.behind", lang).format(n=s.behind), "yellow"
        out.append([s.name, s.source, short(s.locked), short(s.tip), state])
        records.append({"level": s.name, "source": s.source, "locked": s.locked, "tip": s.tip, "behind": s.behind,
                        "error": s.error or None})
        styles.append(style)
    return Table(headers, out, records, styles, ["text", "long", "text", "text", "long"], label("level.status", lang))


def rollup_summary(rollup: Rollup, lang: Lang) -> str:
    """The roll-up's headline: its figures, which levels they count, and which levels they leave out, and why."""
    t = rollup.overall
    counted = [level_name(r.path, lang) for r in rollup.levels[1:] if r.counted]
    comma = label("list.comma", lang)
    text = label("level.summary", lang).format(n=len(counted), names=comma.join(counted) or "—",
                                               expected=t.expected, done=t.done, rate=f"{t.rate:.1f}",
                                               overdue=t.overdue)
    left_out = uncounted(rollup, lang)
    if left_out:
        text += label("level.summary.left-out", lang).format(
            n=len(left_out), levels=comma.join(label("level.why", lang).format(name=name, why=why)
                                               for name, why in left_out))
    return text


def fetch_said(fetched: Fetched, before: dict[str, Locked]) -> tuple[list[Msg], int]:
    """What ``tracker levels fetch`` says, as messages in both languages, and how many levels' locks did not
    move to their source's commit: each level that could not be fetched, whose list fails validation, or whose
    history was rewritten (with each record that changed, as ``tracker diff`` names it, and whether the office
    accepted it), each lock kept, and each lock moved."""
    from tracker.load.levels import level_key

    said: list[Msg] = [Msg.of("cli.levels.failed", level=name, error=error) for name, error in fetched.failures]
    for r in fetched.refusals:
        old, new = (r.old or "—")[:12], r.new[:12]
        if r.kind == "invalid":
            said.append(Msg.of("cli.levels.invalid", level=r.name, new=new))
            if r.why is not None:
                said.append(Msg.of("cli.levels.why", where=f"{r.why.path}:{r.why.line}:{r.why.col}",
                                   code=r.why.code, message=(r.why.message(Lang.ZH), r.why.message(Lang.EN))))
            continue
        said.append(Msg.of("cli.levels.rewrite-accepted" if r.accepted else "cli.levels.rewritten", level=r.name,
                           old=old, new=new))
        if r.changed is None:
            said.append(Msg.of("cli.levels.old-gone"))
        else:
            said += [Msg.of("cli.levels.change", **{k: (_change(c, Lang.ZH)[k], _change(c, Lang.EN)[k])
                                                    for k in ("kind", "unit", "record")}, task=c.task)
                     for c in r.changed.changes if c.loud]
        if not r.accepted:
            said.append(Msg.of("cli.levels.accept-rewrite"))
    kept = {level_key(r.name) for r in fetched.refusals if not r.accepted} | \
        {level_key(name) for name, _ in fetched.failures if "/" not in name}
    for lock in fetched.locks:
        was = before.get(level_key(lock.name))
        if level_key(lock.name) in kept:
            said.append(Msg.of("cli.levels.kept", level=lock.name, old=lock.commit[:12]))
        elif was is None or was.commit != lock.commit:
            said.append(Msg.of("cli.levels.moved", level=lock.name, old=was.commit[:12] if was else "—",
                               new=lock.commit[:12]))
    return said, len(kept)


def _change(c: RecordChange, lang: Lang) -> dict[str, str]:
    from tracker.views.review import describe, record_type

    return {"kind": label(f"change.{c.kind}", lang), "unit": c.unit,
            "record": f"{record_type(c.record, lang)} {describe(c.record, lang)}"}
