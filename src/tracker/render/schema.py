"""JSON Schemas of the office's files, for editors with a YAML language server (completion, and errors as one
types), generated from the field definitions the loaders check (``load/shapes``; for a progress file the rule
registry, ``check.registry``: its record types, their required and optional fields, and what each field holds),
so the two cannot drift. ``tracker init`` writes them into a folder;
the package carries them as data (a test holds the copies to this generator)."""

from __future__ import annotations

import json
from typing import Any

from tracker.check import registry
from tracker.core.model import SAFE_ID
from tracker.load.shapes import SHAPES, Field

DRAFT = "http://json-schema.org/draft-07/schema#"
FILES = {"tasks": ("tasks-file", "tasks.yaml"), "units": ("units-file", "units.yaml"),
         "carried": ("carried-file", "carried.yaml"), "levels": ("levels-file", "levels.yaml"),
         "progress": ("", "progress/*.yaml")}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_ID = {"type": "string", "pattern": f"^{SAFE_ID.pattern}$"}


def _field(f: Field) -> dict[str, Any]:
    out: dict[str, Any]
    if f.kind == "text":
        out = {"type": ["string", "number"]}
    elif f.kind == "integer":
        out = {"type": "integer"}
    elif f.kind == "number":
        out = {"type": "number"}
    elif f.kind == "boolean":
        out = {"type": "boolean"}
    elif f.kind == "date":
        out = dict(_DATE)
    elif f.kind == "texts":
        out = {"type": ["array", "null"], "items": {"type": "string"}}
    elif f.kind == "ids":
        out = {"type": ["array", "null"], "items": dict(_ID)}
    elif f.kind == "unit-id":
        out = dict(_ID)
    elif f.kind == "commit":
        out = {"type": "string", "pattern": "^[0-9a-fA-F]{40}$"}
    elif f.kind == "goal-id":
        out = {"type": "string", "pattern": r"^G\d+$"}
    elif f.kind == "carried-id":
        out = {"type": "string", "pattern": r"^\d{4}#[0-9A-Za-z]+$"}
    elif f.kind == "enum":
        out = {"enum": list(f.choices)}
    elif f.kind == "mapping":
        out = {"$ref": f"#/definitions/{f.shape}"}
    elif f.kind == "mappings":
        out = {"type": ["array", "null"], "items": {"$ref": f"#/definitions/{f.shape}"}}
    elif f.kind == "weights":
        out = {"type": "object", "patternProperties": {r"^\d+$": {"type": "number", "minimum": 0}},
               "additionalProperties": False}
    elif f.kind == "task-ref":
        out = {"type": ["integer", "string"]}
    elif f.kind == "task-refs":
        out = {"type": "array", "items": {"type": ["integer", "string"]}, "minItems": 1}
    elif f.kind == "record-type":
        out = {"enum": list(registry.types())}
    elif f.kind == "status":
        out = {"type": "string"}
    elif f.kind == "evidence":
        out = {"type": ["string", "array", "null"], "items": {"type": "string"}}
    else:  # pragma: no cover - a kind added to shapes without a schema
        raise ValueError(f.kind)
    if f.low is not None:
        out["minimum"] = f.low
    if f.high is not None:
        out["maximum"] = f.high
    if f.doc:
        out["description"] = f.doc
    return out


def _mapping(shape: str) -> dict[str, Any]:
    fields = SHAPES[shape]
    out: dict[str, Any] = {"type": "object", "properties": {f.name: _field(f) for f in fields},
                           "additionalProperties": False}
    required = [f.name for f in fields if f.required]
    if required:
        out["required"] = required
    return out


def _shapes_under(top: str) -> list[str]:
    """The shapes a file's top shape reaches, in the order first reached."""
    seen: list[str] = []

    def walk(shape: str) -> None:
        if shape in seen:
            return
        seen.append(shape)
        for f in SHAPES[shape]:
            if f.shape:
                walk(f.shape)

    walk(top)
    return seen


def _progress() -> dict[str, Any]:
    shapes = registry.fields()
    always = sorted(set.intersection(*(req for req, _ in shapes.values())), key=list(registry.described()).index)
    record = {"type": "object", "properties": {f.name: _field(f) for f in registry.described().values()},
              "required": always, "additionalProperties": False,
              "allOf": [{"if": {"properties": {"type": {"const": kind}}, "required": ["type"]},
                         "then": {"required": sorted(req), "propertyNames": {"enum": sorted(req | opt)}}}
                        for kind, (req, opt) in shapes.items()]}
    return {"type": "object", "required": ["unit"], "additionalProperties": False,
            "properties": {"unit": {**_ID, "description": "the unit whose file this is"},
                           "entries": {"type": ["array", "null"], "items": {"$ref": "#/definitions/record"}}},
            "definitions": {"record": record}}


def schema(name: str) -> dict[str, Any]:
    """The schema of one file kind (a key of ``FILES``)."""
    top, pattern = FILES[name]
    head = {"$schema": DRAFT, "$id": f"https://tracker.invalid/schemas/{name}.schema.json",
            "title": f"tracker: {pattern}", "description": "Generated from tracker's field definitions; "
            "see docs/data-format.md."}
    if not top:
        return {**head, **_progress()}
    return {**head, **_mapping(top), "definitions": {s: _mapping(s) for s in _shapes_under(top)[1:]}}


def schema_text(name: str) -> str:
    return json.dumps(schema(name), ensure_ascii=False, indent=2) + "\n"


def editor_settings() -> str:
    """.vscode/settings.json: each file of the folder with its schema, for the YAML language server."""
    return json.dumps({"yaml.schemas": {f"./schemas/{n}.schema.json": [p] for n, (_, p) in FILES.items()}},
                      ensure_ascii=False, indent=2) + "\n"
