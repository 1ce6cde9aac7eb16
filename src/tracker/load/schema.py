"""The settings of the folder's files, read by one piece of code against their declared fields (``shapes``).

``tasks.yaml``'s ``warnings:``, ``scoring:`` and each step of ``ladder:``, ``units.yaml``'s own keys and each
unit's, and ``levels.yaml`` with each level: ``read`` reads a mapping against its shape's fields (the same
declaration the JSON Schemas come from). A key the shape does not have is the problem ``unknown-field`` at the
key, with the closest key as a suggestion and the shape's keys listed; a value of the wrong kind is
``wrong-type`` at the value; a number outside its range is ``out-of-range``; a missing required key is
``missing-field``. None of them stops the rest: each key read well is returned, so one run of ``tracker
validate`` reports every problem, and a configuration error is a problem, never a crash.
"""

from __future__ import annotations

from typing import Any

from tracker.core.i18n import word
from tracker.core.problems import shown
from tracker.load.fields import Reader
from tracker.load.shapes import SHAPES, Field, keys
from tracker.load.yamltree import MapNode, Node, ScalarNode

# the shapes read here, each named in messages by the vocabulary's word.<shape>
SETTINGS = ("warnings", "scoring", "ladder-step", "units-file", "unit", "levels-file", "level")


def read(r: Reader, node: Node | None, shape: str, own: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """The keys of ``shape`` that ``node`` holds with values of the right kind, by name; None when ``node`` is
    no mapping (the problem filed) or absent. Nested mappings, lists of them, weights and the keys ``own``
    (read by the caller, with its own words) come back as their nodes; ids and choices as their text, for
    the caller to judge. A required key that is missing is filed and left out."""
    m = r.mapping(node, shape)
    if m is None:
        return None
    r.keys(m, *keys(shape), shape)
    out: dict[str, Any] = {}
    for f in SHAPES[shape]:
        if f.name in m.items:
            value = m.items[f.name] if f.name in own else _value(r, m, f)
            if value is not None:
                out[f.name] = value
    return out


def _value(r: Reader, m: MapNode, f: Field) -> Any:
    node = m.items[f.name]
    kind = f.kind
    if kind in ("integer", "number"):
        value: float | None = r.integer(m, f.name) if kind == "integer" else r.number(m, f.name)
        if value is not None and ((f.low is not None and value < f.low) or (f.high is not None and value > f.high)):
            r.out.add(node.pos, "out-of-range", field=f.name, value=f"{value:g}",
                      low="−∞" if f.low is None else f"{f.low:g}", high="∞" if f.high is None else f"{f.high:g}")
            return None
        return value
    if kind == "date":
        return r.date(m, f.name)
    if kind == "boolean":
        return r.boolean(m, f.name)
    if kind in ("texts", "ids"):
        return tuple(w for w, _ in r.texts(m, f.name))
    if kind == "commit":
        text = r.text(m, f.name)
        if text is not None and not (len(text) == 40 and all(c in "0123456789abcdef" for c in text.lower())):
            r.out.add(node.pos, "bad-value", subject=word("commit-id"), found=shown(node.raw if isinstance(
                node, ScalarNode) else "…"), allowed=word("commit-id.allowed"))
            return None
        return None if text is None else text.lower()
    if kind in ("mapping", "mappings", "weights"):
        return node  # the caller's own code reads it
    return r.text(m, f.name)  # text, and ids or choices the caller judges in its own words


def number_map(r: Reader, node: Node, what: str) -> list[tuple[str, float, Any]]:
    """A mapping of keys to numbers (``action_weights``): each (key, number, the key's position) read well."""
    m = r.mapping(node, what)
    out: list[tuple[str, float, Any]] = []
    for key, vnode in (m.items.items() if m is not None else ()):
        assert m is not None
        value = r.number(m, key)
        if value is not None:
            out.append((key, value, m.key_pos.get(key, vnode.pos)))
    return out
