"""The office's files as text: tasks.yaml from an imported list, units.yaml with the units it added, carried.yaml
with the pairs carried over from last year, in the layout and comment style of the shipped copies.

Every value is written out where it applies (no anchors), text that YAML could read as something else is
double-quoted, and what is written reads back through the loaders unchanged (a test holds it)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable

from tracker.compute.carry import CarriedItem
from tracker.core.i18n import Lang, label
from tracker.core.model import Cadence, Target, Unit
from tracker.load.published.assemble import Imported, ListItem

SCHEMA_LINE = "# yaml-language-server: $schema={path}\n"

_SPECIAL = re.compile(
    r"(?i:null|~|true|false|yes|no|on|off|y|n)"
    r"|[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
    r"|[-+]?0[box]?[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?"
    r"|[-+]?\.(inf|Inf|INF|nan|NaN|NAN)"
    r"|\d{4}-\d{1,2}-\d{1,2}([Tt ].*)?")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW = set(",[]{}")
_ESCAPE = {"\u2028": "\\L", "\u2029": "\\P", "\x85": "\\N", "\ufeff": "\\uFEFF"}


def scalar(value: object, *, flow: bool = False) -> str:
    """One value as YAML: numbers and booleans as they are, text plain when it reads back as the same text, else
    double-quoted (JSON's escapes are YAML's)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:g}" if value == int(value) and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _plain(text, flow):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    for ch, esc in _ESCAPE.items():
        quoted = quoted.replace(ch, esc)
    return quoted


def _plain(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _INDICATORS or _SPECIAL.fullmatch(text):
        return False
    if ": " in text or " #" in text or text.endswith(":") or any(ch < " " or ch in _ESCAPE or ch == "\x7f"
                                                                for ch in text):
        return False
    return not (flow and any(ch in _FLOW for ch in text))


def _ids(ids: Iterable[str]) -> str:
    return "[" + ", ".join(scalar(i, flow=True) for i in ids) + "]"


def target_text(t: Target) -> str:
    return f"{{metric: {scalar(t.metric, flow=True)}, value: {scalar(t.value)}, unit: {json.dumps(t.unit)}}}"


def cadence_text(c: Cadence) -> str:
    high = f", high_risk: {c.high_risk.value}" if c.high_risk is not None else ""
    return f"{{every: {c.every.value}{high}}}"


def _notes(notes: Iterable[str], pad: str) -> list[str]:
    notes = list(notes)
    if not notes:
        return []
    return [f"{pad}notes:", *(f"{pad}  - {scalar(n)}" for n in notes)]


def item_lines(item: ListItem, pad: str, plan_deadline: dt.date | None = None) -> list[str]:
    """One goal or task, as a list entry indented by ``pad``."""
    lines = [f"{pad}- id: {item.id}"]
    inner = pad + "  "
    if item.kind != "task":
        lines.append(f"{inner}kind: {item.kind}")
    lines += [f"{inner}text: {scalar(item.text)}", f"{inner}responsible: {scalar(item.responsible)}",
              f"{inner}units: {_ids(item.units)}", f"{inner}groups: {_ids(item.groups)}"]
    if item.open:
        lines.append(f"{inner}open: true")
    if item.lead:
        lines.append(f"{inner}lead: {scalar(item.lead)}")
    if item.deadline is not None and item.deadline != plan_deadline:
        lines.append(f"{inner}deadline: {item.deadline.isoformat()}")
    if item.cadence is not None:
        lines.append(f"{inner}cadence: {cadence_text(item.cadence)}")
    if item.target is not None:
        lines.append(f"{inner}target: {target_text(item.target)}")
    return lines + _notes(item.notes, inner)


def tasks_yaml(imp: Imported, source: str, schema: str | None = None) -> str:
    """tasks.yaml of an imported list: the shipped copy's layout, comments saying where it came from."""
    p = imp.plan
    lines = [SCHEMA_LINE.format(path=schema).rstrip("\n")] if schema else []
    lines += [f"# {p.title}：照录原文的 YAML 副本。",
              f"# Imported from {source} by tracker, which listed every problem for the office to confirm.",
              "# Every field is documented in docs/data-format.md. "
              "Published slips are kept and noted, never corrected.",
              "plan:"]
    for key in ("title", "document", "issuer", "office"):
        lines.append(f"  {key}: {scalar(getattr(p, key))}")
    lines += [f"  issued: {p.issued.isoformat()}", f"  year: {p.year}", f"  start: {p.start.isoformat()}",
              f"  end: {p.end.isoformat()}", f"  deadline: {p.deadline.isoformat()}",
              f"  records_until: {p.records_until.isoformat()}"]
    lines += _notes(p.notes, "  ")
    lines += ["warnings:", "  near_days: 14", "  silent_days: 30", "goals:" if imp.goals else "goals: []"]
    for goal in imp.goals:
        lines += item_lines(goal, "  ", p.deadline)
    lines.append("actions:")
    for a in imp.actions:
        lines += [f"  - id: {a.id}", f"    numeral: {scalar(a.numeral)}", f"    title: {scalar(a.title)}"]
        lines += _notes(a.notes, "    ")
        lines.append("    works:")
        for w in a.works:
            lines += [f"      - id: {w.id}", f"        title: {scalar(w.title)}"]
            if w.target is not None:
                lines.append(f"        target: {target_text(w.target)}")
            lines += _notes(w.notes, "        ")
            lines.append("        tasks:")
            for t in w.tasks:
                lines += item_lines(t, "          ", p.deadline)
    return "\n".join(lines) + "\n"


def unit_lines(unit: Unit, comment: str = "") -> list[str]:
    """One unit as units.yaml lists it."""
    lines = [f"  # {comment}"] if comment else []
    lines += [f"  - id: {scalar(unit.id)}", f"    name: {scalar(unit.name)}", f"    short: {scalar(unit.short)}"]
    if unit.aliases:
        lines.append(f"    aliases: {_ids(unit.aliases)}")
    lines.append(f"    kind: {unit.kind.value}")
    if unit.members or unit.kind.value == "group":
        lines.append(f"    members: {_ids(unit.members)}")
    if unit.open:
        lines.append("    open: true")
    if unit.ambiguous:
        lines.append(f"    ambiguous: {scalar(unit.ambiguous)}")
    if unit.maintainers:
        lines.append(f"    maintainers: {_ids(unit.maintainers)}")
    return lines


NEW_UNITS_COMMENT = "新单位：导入清单时单位目录中没有的名称，编号、全称和类别待市安防办确认（见 ambiguous）。"


def units_yaml(directory: bytes | None, units: dict[str, Unit], added: Iterable[str], comment: str,
               schema: str | None = None) -> bytes:
    """units.yaml: the directory's own file as it stands (its comments and layout kept), with the units ``added``
    appended under ``comment``; without a directory file, every unit written out."""
    added = [u for u in added if u in units]
    if directory is not None:
        text = directory.decode("utf-8-sig").replace("\r\n", "\n")
        if schema and not text.startswith("# yaml-language-server:"):
            text = SCHEMA_LINE.format(path=schema) + text
        if not added:
            return text.encode("utf-8")
        more = [line for n, uid in enumerate(added) for line in unit_lines(units[uid], comment if not n else "")]
        return (text.rstrip("\n") + "\n\n" + "\n".join(more) + "\n").encode("utf-8")
    lines = [SCHEMA_LINE.format(path=schema).rstrip("\n")] if schema else []
    lines += ["# 责任单位：the list's responsible units and collective names.",
              "# id: stable ASCII id, also the progress file name (progress/<id>.yaml). Never rename an id.",
              "# Every field is documented in docs/data-format.md.", "units:"]
    for uid, unit in units.items():
        lines += unit_lines(unit, comment if uid in added and uid == added[0] else "")
    return ("\n".join(lines) + "\n").encode("utf-8")


def carried_yaml(folder: str, year: int, as_of: dt.date, items: Iterable[CarriedItem],
                 schema: str | None = None) -> str:
    """carried.yaml: last year's unfinished pairs, item by item, each unit with its state when carried."""
    lines = [SCHEMA_LINE.format(path=schema).rstrip("\n")] if schema else []
    lines += ["# 上年结转事项：上一年度清单中未完成的（任务，单位），与本年公布的清单分开（tasks.yaml 仍照录原文）。",
              f"# Written by `tracker carry-over --from {scalar(folder)}`; running it again changes nothing.",
              "# Every field is documented in docs/data-format.md.",
              f"from: {scalar(folder)}", f"year: {year}", f"as_of: {as_of.isoformat()}", "carried:"]
    items = list(items)
    if not items:
        lines[-1] = "carried: []"
    for c in items:
        lines += [f"  - id: {scalar(c.id)}", f"    text: {scalar(c.text)}", f"    responsible: {scalar(c.responsible)}"]
        if c.action:
            lines.append(f"    action: {scalar(c.action)}")
        if c.work:
            lines.append(f"    work: {scalar(c.work)}")
        if c.deadline is not None:
            lines.append(f"    deadline: {c.deadline.isoformat()}")
        if c.cadence is not None:
            lines.append(f"    cadence: {cadence_text(c.cadence)}")
        if c.target is not None:
            lines.append(f"    target: {target_text(c.target)}")
        lines += _notes(c.notes, "    ")
        lines.append("    pairs:")
        for p in c.pairs:
            more = (f", date: {p.date.isoformat()}" if p.date else "") + (f", record: {scalar(p.record, flow=True)}"
                                                                          if p.record else "")
            lines.append(f"      - {{unit: {scalar(p.unit, flow=True)}, status: {p.status.value}, "
                         f"percent: {scalar(p.percent)}{more}}}")
    return "\n".join(lines) + "\n"


def import_report(imp: Imported, lang: Lang) -> str:
    """What an import read and what the office must confirm, each point at its place in the source, in the
    reader's language, inert at a terminal."""
    from tracker.core.escape import terminal
    from tracker.render.text import problem_lines

    works = sum(len(a.works) for a in imp.actions)
    used = {u for t in (*imp.goals, *imp.tasks()) for u in (*t.units, *t.groups)}
    lines = [label("list.summary", lang).format(file=imp.file, form=label(f"list.form.{imp.kind}", lang),
                                                goals=len(imp.goals), actions=len(imp.actions), works=works,
                                                tasks=len(imp.tasks()), units=len(used), new=len(imp.new))]
    confirm = [f.problem for f in imp.findings if f.level != "error"]
    lines.append(label("list.confirm", lang).format(n=len(confirm)) if confirm else label("list.nothing", lang))
    lines += problem_lines(confirm, lang)
    return terminal("\n".join(lines) + "\n")
