"""Typed reading of node trees: each reader returns a value or None, and files a problem when it must.

One reader serves every file kind, so "wrong type", "unknown field" and "missing field" read the same
everywhere and always point at the key or the value that is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from tracker.dates import parse_date
from tracker.problems import Collector, Pos, did_you_mean
from tracker.yamltree import MapNode, Node, ScalarNode, SeqNode

_TYPE_NAMES = {MapNode: "a mapping", SeqNode: "a list", ScalarNode: "a single value"}


def describe(node: Node) -> str:
    if isinstance(node, ScalarNode):
        if node.value is None:
            return "nothing (null)"
        if isinstance(node.value, bool):
            return f"the boolean {node.raw!r}"
        if isinstance(node.value, (int, float)):
            return f"the number {node.raw}"
        return f"the text {node.raw!r}"
    return _TYPE_NAMES[type(node)]


class Reader:
    """Reads fields out of mappings, collecting problems for one file."""

    def __init__(self, out: Collector) -> None:
        self.out = out

    def wrong(self, node: Node, expected: str, hint: str = "") -> None:
        self.out.add(node.pos, "wrong-type", f"expected {expected}, found {describe(node)}", hint)

    def mapping(self, node: Node | None, what: str) -> MapNode | None:
        if node is None:
            return None
        if not isinstance(node, MapNode):
            self.wrong(node, f"a mapping ({what})")
            return None
        return node

    def seq(self, node: Node | None, what: str) -> list[Node]:
        if node is None:
            return []
        if isinstance(node, ScalarNode) and node.value is None:
            return []
        if not isinstance(node, SeqNode):
            self.wrong(node, f"a list ({what})", "write items as `- item` lines or `[a, b]`")
            return []
        return node.items

    def keys(self, m: MapNode, required: Iterable[str], optional: Iterable[str], what: str) -> bool:
        """Report unknown and missing keys; True when every required key is present."""
        req, opt = list(required), list(optional)
        allowed = req + opt
        for key, pos in m.key_pos.items():
            if key not in allowed:
                hint = did_you_mean(key, allowed) or "allowed: " + ", ".join(allowed)
                self.out.add(pos, "unknown-field", f"unknown field {key!r} in {what}", hint)
        ok = True
        for key in req:
            if key not in m.items:
                self.out.add(m.pos, "missing-field", f"{what} has no {key!r}", f"add `{key}: …`")
                ok = False
        return ok

    def text(self, m: MapNode, key: str, *, required: bool = True) -> str | None:
        node = m.items.get(key)
        if node is None:
            return None
        if isinstance(node, ScalarNode) and isinstance(node.value, str):
            if required and not node.value.strip():
                self.out.add(node.pos, "empty-value", f"{key!r} is empty", f"write the {key}")
                return None
            return node.value
        if isinstance(node, ScalarNode) and node.value is not None and not isinstance(node.value, bool):
            return node.raw  # a number used as text, e.g. a name "110"; keep it as written
        self.wrong(node, f"text for {key!r}", f'quote the value: {key}: "…"')
        return None

    def integer(self, m: MapNode, key: str, *, minimum: int | None = None) -> int | None:
        node = m.items.get(key)
        if node is None:
            return None
        if isinstance(node, ScalarNode) and type(node.value) is int:
            if minimum is not None and node.value < minimum:
                self.out.add(node.pos, "out-of-range", f"{key!r} must be at least {minimum}")
                return None
            return node.value
        self.wrong(node, f"a whole number for {key!r}")
        return None

    def number(self, m: MapNode, key: str) -> float | None:
        node = m.items.get(key)
        if node is None:
            return None
        if isinstance(node, ScalarNode) and type(node.value) in (int, float):
            return float(node.value)  # type: ignore[arg-type]
        self.wrong(node, f"a number for {key!r}")
        return None

    def boolean(self, m: MapNode, key: str) -> bool | None:
        node = m.items.get(key)
        if node is None:
            return None
        if isinstance(node, ScalarNode) and isinstance(node.value, bool):
            return node.value
        self.wrong(node, f"true or false for {key!r}")
        return None

    def date(self, m: MapNode, key: str) -> dt.date | None:
        node = m.items.get(key)
        if node is None:
            return None
        return self.date_of(node, key)

    def date_of(self, node: Node, key: str) -> dt.date | None:
        if isinstance(node, ScalarNode) and isinstance(node.value, str):
            parsed = parse_date(node.value)
            if parsed is not None:
                return parsed
        self.out.add(node.pos, "bad-date", f"{key!r} must be a date YYYY-MM-DD, found {describe(node)}",
                     "write e.g. 2025-12-31")
        return None

    def texts(self, m: MapNode, key: str) -> list[tuple[str, Pos]]:
        """A list of words, each with its position (for ids that refer elsewhere)."""
        out: list[tuple[str, Pos]] = []
        for item in self.seq(m.items.get(key), key):
            if isinstance(item, ScalarNode) and isinstance(item.value, str) and item.value:
                out.append((item.value, item.pos))
            else:
                self.wrong(item, f"a word in {key!r}")
        return out
