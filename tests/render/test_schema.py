"""The JSON Schemas editors read: the package's copies are what the generator makes from the field definitions the
loaders check, and the shipped, example and imported folders' files are valid under them (a small validator of the
subset the generator writes: type, enum, const, pattern, minimum, maximum, minItems, required, properties,
additionalProperties, patternProperties, items, propertyNames, $ref, allOf, if/then)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, SHIPPED
from tracker.load.shapes import SHAPES, keys
from tracker.render.schema import FILES, editor_settings, schema, schema_text

_TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "array": list, "object": dict,
          "null": type(None)}


def _is(value: Any, kind: str) -> bool:
    if kind in ("integer", "number") and isinstance(value, bool):
        return False
    return isinstance(value, _TYPES[kind])


def errors(value: Any, s: dict[str, Any], root: dict[str, Any], at: str = "$") -> list[str]:
    if "$ref" in s:
        return errors(value, root["definitions"][s["$ref"].rsplit("/", 1)[1]], root, at)
    out: list[str] = []
    kinds = s.get("type")
    if kinds is not None and not any(_is(value, k) for k in ([kinds] if isinstance(kinds, str) else kinds)):
        return [f"{at}: {value!r} is not {kinds}"]
    if "enum" in s and value not in s["enum"]:
        out.append(f"{at}: {value!r} not in {s['enum']}")
    if "const" in s and value != s["const"]:
        out.append(f"{at}: {value!r} is not {s['const']!r}")
    if isinstance(value, str) and "pattern" in s and not re.search(s["pattern"], value):
        out.append(f"{at}: {value!r} does not match {s['pattern']}")
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number and ("minimum" in s and value < s["minimum"] or "maximum" in s and value > s["maximum"]):
        out.append(f"{at}: {value} out of range")
    if isinstance(value, list):
        if len(value) < s.get("minItems", 0):
            out.append(f"{at}: too few items")
        for n, item in enumerate(value):
            out += errors(item, s.get("items", {}), root, f"{at}[{n}]")
    if isinstance(value, dict):
        out += [f"{at}: {k} is required" for k in s.get("required", []) if k not in value]
        for k, v in value.items():
            if k in s.get("properties", {}):
                out += errors(v, s["properties"][k], root, f"{at}.{k}")
            elif any(re.search(p, k) for p in s.get("patternProperties", {})):
                p = next(p for p in s["patternProperties"] if re.search(p, k))
                out += errors(v, s["patternProperties"][p], root, f"{at}.{k}")
            elif s.get("additionalProperties", True) is False:
                out.append(f"{at}: unknown key {k}")
            if "propertyNames" in s:
                out += errors(k, s["propertyNames"], root, f"{at}.{k} (name)")
    for part in s.get("allOf", []):
        if "if" in part:
            if not errors(value, part["if"], root, at):
                out += errors(value, part["then"], root, at)
        else:
            out += errors(value, part, root, at)
    return out


def plain(node: Any) -> Any:
    """YAML as a language server reads it (YAML 1.2: a date is text)."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, dt.date):
        return node.isoformat()
    return node


def check_folder(folder: Path) -> list[str]:
    out = []
    for name, (_, pattern) in FILES.items():
        s = schema(name)
        for path in sorted(folder.glob(pattern)):
            out += [f"{path.name}: {e}" for e in errors(plain(yaml.safe_load(path.read_text(encoding="utf-8"))), s, s)]
    return out


def test_the_package_carries_what_the_generator_makes() -> None:
    data = SHIPPED / "schemas"
    assert sorted(p.name for p in data.iterdir()) == sorted([f"{n}.schema.json" for n in FILES] +
                                                            ["vscode-settings.json"])
    for name in FILES:
        assert (data / f"{name}.schema.json").read_text(encoding="utf-8") == schema_text(name), name
    assert (data / "vscode-settings.json").read_text(encoding="utf-8") == editor_settings()


def test_each_mapping_names_the_keys_the_loader_checks() -> None:
    for name, (top, _) in FILES.items():
        if not top:
            continue
        s = schema(name)
        for shape in [top, *s["definitions"]]:
            body = s if shape == top else s["definitions"][shape]
            required, optional = keys(shape)
            assert body.get("required", []) == list(required) and set(body["properties"]) == {*required, *optional}
    assert set(SHAPES) >= {"plan", "task", "goal", "unit", "level", "carried-item"}


@pytest.mark.parametrize("folder", [SHIPPED, REPO / "examples" / "2025", REPO / "tests" / "data" / "mini"])
def test_the_shipped_and_example_folders_are_valid(folder: Path) -> None:
    assert check_folder(folder) == []


def test_a_wrong_file_is_caught_where_it_is_wrong(tmp_path: Path) -> None:
    (tmp_path / "units.yaml").write_text("units:\n  - {id: Bad Id, name: x, short: x, kind: bureau, colour: red}\n",
                                         encoding="utf-8")
    (tmp_path / "progress").mkdir()
    (tmp_path / "progress" / "x.yaml").write_text(
        'unit: x\nentries:\n- {"id": "a", "type": "progress", "date": "2025-01-02", "task": 1, "percent": 5}\n'
        '- {"id": "b", "type": "verify", "date": "2025-01-02", "task": 1, "status": "done"}\n', encoding="utf-8")
    found = check_folder(tmp_path)
    assert any("id" in e and "does not match" in e for e in found)
    assert any("unknown key colour" in e for e in found)
    assert any("status is required" in e for e in found)  # a progress record needs its status
    assert any("status (name)" in e for e in found)  # and a verification has none
    assert json.loads(editor_settings())["yaml.schemas"]["./schemas/progress.schema.json"] == ["progress/*.yaml"]


def test_a_progress_file_s_schema_is_the_rule_registry_s(monkeypatch: pytest.MonkeyPatch) -> None:
    """One source: the record types, their fields and what each holds come from check.registry; a type added
    there is in the schema, with its fields, and nothing else declares them."""
    from tracker.check import registry
    from tracker.check.registry import RULES, Rule, Shape

    s = schema("progress")
    record = s["definitions"]["record"]
    assert set(record["properties"]) == {f for req, opt in registry.fields().values() for f in (*req, *opt)}
    assert record["properties"]["type"]["enum"] == list(registry.types())
    assert {p["if"]["properties"]["type"]["const"] for p in record["allOf"]} == set(registry.types())
    row = Rule("throwaway", (), types=(Shape("inspect", ("id", "type", "date", "task", "note")),))
    monkeypatch.setattr(registry, "RULES", (*RULES, row))
    changed = schema("progress")["definitions"]["record"]
    assert "inspect" in changed["properties"]["type"]["enum"]
    assert {"if": {"properties": {"type": {"const": "inspect"}}, "required": ["type"]},
            "then": {"required": ["date", "id", "note", "task", "type"],
                     "propertyNames": {"enum": ["date", "id", "note", "task", "type"]}}} in changed["allOf"]
