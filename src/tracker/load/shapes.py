"""The fields of the office's files, declared once: which keys each mapping of tasks.yaml, units.yaml,
carried.yaml and levels.yaml has, which are required, what each holds and what it means. (A progress record's
fields are the rule registry's, ``check.registry``, which declares them with this ``Field``.)

The loaders take their key lists from here (so a key the loader accepts is a key the schema names), and the JSON
Schemas editors read (``render/schema``) are generated from here, so the two cannot drift.
"""

from __future__ import annotations

from typing import NamedTuple


class Field(NamedTuple):
    name: str
    kind: str  # text, integer, number, boolean, date, texts, ids, mapping, mappings, task-id, goal-id, enum, …
    required: bool = False
    doc: str = ""
    shape: str = ""  # the nested mapping's shape (kind mapping or mappings)
    choices: tuple[str, ...] = ()  # kind enum (and period)
    low: float | None = None
    high: float | None = None


PERIODS = ("monthly", "quarterly", "half-yearly", "yearly")
UNIT_KINDS = ("office", "bureau", "district", "committee", "organization", "group")

_ITEM = (
    Field("text", "text", True, "the published wording, verbatim"),
    Field("responsible", "text", True, "the published 责任单位 cell, verbatim"),
    Field("units", "ids", False, "the named units in the cell (unit ids)"),
    Field("groups", "ids", False, "the collective names in the cell (各区, 专委会, 成员单位)"),
    Field("open", "boolean", False, "the cell ends its list with 等: more units may be meant"),
    Field("deadline", "date", False, "only where the text states another deadline than the plan's"),
    Field("cadence", "mapping", False, "a recurring duty", "cadence"),
    Field("target", "mapping", False, "a quantified target stated by the text", "target"),
    Field("expect", "ids", False, "set by the office: exactly who must report"),
    Field("notes", "texts", False, "data-quality notes"),
    Field("lead", "text", False, "set by the office: the lead unit (牵头), one of the reporters"),
    Field("maps_to", "text", False, "a lower level's task: the upper list's task it counts towards"),
)

SHAPES: dict[str, tuple[Field, ...]] = {
    "tasks-file": (
        Field("plan", "mapping", True, "the plan the list belongs to", "plan"),
        Field("warnings", "mapping", False, "when warnings turn blue, yellow and red", "warnings"),
        Field("scoring", "mapping", False, "the assessment rule of tracker score", "scoring"),
        Field("ladder", "mappings", False, "the chasing ladder (催办梯次): the steps a unit climbs when reminders go "
              "unanswered; default 提醒, 督办, 专函督办, 约谈", "ladder-step"),
        Field("goals", "mappings", True, "总体目标 G0 and 阶段性目标 G1–", "goal"),
        Field("actions", "mappings", True, "the actions (行动), each with its key works", "action"),
    ),
    "plan": (
        Field("title", "text", True, "the list's title as published"),
        Field("document", "text", True, "the notice the list is attached to"),
        Field("issuer", "text", True, "who issued it"),
        Field("office", "text", True, "the unit id of the office that runs the tracking"),
        Field("issued", "date", True, "the issue date"),
        Field("year", "integer", True, "the year the list covers", low=2000),
        Field("start", "date", True, "the plan's first day"),
        Field("end", "date", True, "the plan's last day"),
        Field("deadline", "date", True, "the deadline of every item that does not state its own"),
        Field("records_until", "date", True, "the last date a progress entry may carry"),
        Field("notes", "texts", False, "data-quality notes about the document"),
        Field("document_number", "text", False, "the 发文字号 printed on notices and bulletins"),
        Field("contact", "text", False, "the 联系人 printed at the foot of notices"),
        Field("phone", "text", False, "the 联系电话 beside the contact"),
        Field("cc", "text", False, "the 抄送机关 printed in the 版记 of notices and bulletins (names separated by "
              "commas or 、)"),
    ),
    "warnings": (
        Field("near_days", "integer", False, "blue: a deadline is this many days away or fewer", low=0),
        Field("silent_days", "integer", False, "yellow: no entry for this many days", low=1),
        Field("escalate_after", "integer", False, "red: reminded this many times (at least reply_days apart) with "
              "no entry since", low=1),
        Field("reply_days", "integer", False, "a reminder's reply is due this many days on (at most records_until); "
              "reminders count towards escalation only this far apart", low=1),
    ),
    "ladder-step": (
        Field("name", "text", True, "the step as reports and notices name it (督办)"),
        Field("title", "text", False, "the title of a notice at this step"),
        Field("text", "text", False, "a sentence a notice at this step adds"),
    ),
    "scoring": (
        Field("base", "number", False, "every unit's start"),
        Field("done_on_time", "number", False, "points for each pair done by its deadline"),
        Field("done_late", "number", False, "points for each pair done after it"),
        Field("red", "number", False, "points for each red pair"),
        Field("yellow", "number", False, "points for each yellow pair"),
        Field("missed_period", "number", False, "points for each missed period"),
        Field("escalated", "number", False, "points for each pair reminded repeatedly without progress"),
        Field("late_request", "number", False, "points for each extension requested after the deadline"),
        Field("action_weights", "weights", False, "{action number: weight}; not negative"),
        Field("notes", "text", False, "text"),
    ),
    "goal": (Field("id", "goal-id", True, "G0, G1, …"),
             Field("kind", "enum", False, "overall or stage", choices=("overall", "stage")), *_ITEM),
    "task": (Field("id", "integer", True, "the published number", low=1), *_ITEM),
    "action": (
        Field("id", "integer", True, "the action's number", low=1),
        Field("numeral", "text", True, "一 … 十 as published"),
        Field("title", "text", True, "as published"),
        Field("works", "mappings", True, "the key-work groups (重点工作)", "work"),
        Field("notes", "texts", False, "data-quality notes"),
    ),
    "work": (
        Field("id", "integer", True, "numbered across the list", low=1),
        Field("title", "text", True, "as published"),
        Field("tasks", "mappings", True, "the tasks of the group", "task"),
        Field("target", "mapping", False, "where the key-work cell states one", "target"),
        Field("notes", "texts", False, "data-quality notes"),
    ),
    "cadence": (
        Field("every", "enum", True, "the period", choices=PERIODS),
        Field("high_risk", "enum", False, "the period for high-risk sectors", choices=PERIODS),
    ),
    "target": (
        Field("metric", "text", True, "名称, e.g. 查处率"),
        Field("value", "number", True, "the figure to reach"),
        Field("unit", "text", False, "default %"),
    ),
    "units-file": (Field("units", "mappings", True, "every responsible unit and collective name", "unit"),
                   Field("trust_root", "commit", False, "the commit that first names the maintainers: check-authors "
                         "judges only the commits after it; set once")),
    "unit": (
        Field("id", "unit-id", True, "stable ASCII id; names the progress file. Never rename it"),
        Field("name", "text", True, "the full Chinese name"),
        Field("short", "text", True, "the name the list uses"),
        Field("kind", "enum", True, "what the unit is", choices=UNIT_KINDS),
        Field("aliases", "texts", False, "every other spelling the list uses"),
        Field("members", "ids", False, "groups only: who the group stands for"),
        Field("open", "boolean", False, "the members listed are not all of them"),
        Field("ambiguous", "text", False, "the source's name is ambiguous; says why"),
        Field("maintainers", "texts", False, "who may change the unit's progress file (git identities, handles)"),
        Field("signing_keys", "mappings", False, "the keys each maintainer signs commits with", "signing-key"),
        Field("note", "text", False, "free text"),
    ),
    "signing-key": (
        Field("maintainer", "text", True, "an entry of the unit's maintainers, written the same"),
        Field("key", "text", True, "an SSH public key or its SHA256: fingerprint, or an OpenPGP fingerprint"),
    ),
    "levels-file": (Field("levels", "mappings", True, "the lower levels", "level"),),
    "level": (
        Field("name", "text", True, "the level's name, unique; no /"),
        Field("source", "text", True, "a local path or a git URL"),
        Field("ref", "text", False, "a branch or tag to follow"),
    ),
    "carried-file": (
        Field("from", "text", True, "the previous year's folder, relative to this one"),
        Field("year", "integer", True, "the year of the previous list", low=2000),
        Field("as_of", "date", True, "the date the states were taken"),
        Field("carried", "mappings", True, "the items carried over (上年结转)", "carried-item"),
    ),
    "carried-item": (
        Field("id", "carried-id", True, "the year and the item's id there: 2025#15"),
        Field("text", "text", True, "the item's published wording, verbatim"),
        Field("responsible", "text", True, "its published 责任单位 cell, verbatim"),
        Field("action", "text", False, "its action, as the previous list names it"),
        Field("work", "text", False, "its key work, as the previous list names it"),
        Field("deadline", "date", False, "its own deadline, where it runs on into this year"),
        Field("cadence", "mapping", False, "a recurring duty", "cadence"),
        Field("target", "mapping", False, "a quantified target", "target"),
        Field("notes", "texts", False, "notes"),
        Field("pairs", "mappings", True, "each unit carried, with its state when carried", "carried-pair"),
    ),
    "carried-pair": (
        Field("unit", "text", True, "the unit id"),
        Field("status", "enum", True, "its status when carried", choices=("not-started", "in-progress", "blocked")),
        Field("percent", "number", True, "its percent when carried", low=0, high=100),
        Field("date", "date", False, "the date of its last entry last year"),
        Field("record", "text", False, "that entry's id in the previous folder's progress file"),
    ),
}


def keys(shape: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The required and the optional keys of a shape, as the loaders check them."""
    fields = SHAPES[shape]
    return tuple(f.name for f in fields if f.required), tuple(f.name for f in fields if not f.required)

