"""Typed reading of node trees: each reader returns a value or None, and files a problem when it must.

One reader serves every file kind, so "wrong type", "unknown field" and "missing field" read the same
everywhere and always point at the key or the value that is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from tracker.core.dates import parse_date
from tracker.core.i18n import word
from tracker.core.problems import Arg, Collector, Pos, did_you_mean, shown
from tracker.load.yamltree import MapNode, Node, ScalarNode, SeqNode


def describe(node: Node) -> tuple[tuple[str, str], str]:
    """What a node is, as a word in both languages, and its text as the message quotes it ("" for none)."""
    if isinstance(node, MapNode):
        return word("mapping"), ""
    if isinstance(node, SeqNode):
        return word("list"), ""
    if node.value is None:
        return word("null"), ""
    if isinstance(node.value, bool):
        return word("the-boolean"), " " + node.raw
    if isinstance(node.value, (int, float)):
        return word("the-number"), " " + node.raw
    return word("the-text"), " " + shown(node.raw)


def subject(what: str) -> tuple[str, str]:
    """How a message names a mapping: the vocabulary's word, or the key itself where it has none (a word
    missing from the vocabulary must never turn a problem in a file into a crash)."""
    try:
        return word(what)
    except KeyError:
        return (what, what)


class Reader:
    """Reads fields out of mappings, collecting problems for one file."""

    def __init__(self, out: Collector) -> None:
        self.out = out

    def wrong(self, node: Node, expected: str, *, subject: Arg = "", field: str = "", hint: str = "") -> None:
        """``expected`` and ``hint`` are vocabulary words; ``field`` the key as the file names it."""
        found, raw = describe(node)
        self.out.add(node.pos, "wrong-type", subject=subject, field=shown(field) if field else "",
                     expected=word(expected), found=found, raw=raw, hint=word(f"hint.{hint}") if hint else "")

    def mapping(self, node: Node | None, what: str) -> MapNode | None:
        if node is None:
            return None
        if not isinstance(node, MapNode):
            self.wrong(node, "mapping", subject=subject(what))
            return None
        return node

    def seq(self, node: Node | None, what: str) -> list[Node]:
        if node is None:
            return []
        if isinstance(node, ScalarNode) and node.value is None:
            return []
        if not isinstance(node, SeqNode):
            self.wrong(node, "list", field=what, hint="list")
            return []
        return node.items

    def keys(self, m: MapNode, required: Iterable[str], optional: Iterable[str], what: str) -> bool:
        """Report unknown and missing keys; True when every required key is present."""
        req, opt = list(required), list(optional)
        allowed = req + opt
        for key, pos in m.key_pos.items():
            if key not in allowed:
                self.out.add(pos, "unknown-field", subject=subject(what), field=shown(key),
                             allowed=", ".join(allowed), suggest=did_you_mean(key, allowed))
        ok = True
        for key in req:
            if key not in m.items:
                self.out.add(m.pos, "missing-field", subject=subject(what), field=key)
                ok = False
        return ok

    def text(self, m: MapNode, key: str, *, required: bool = True) -> str | None:
        node = m.items.get(key)
        if node is None:
            return None
        if isinstance(node, ScalarNode) and isinstance(node.value, str):
            if required and not node.value.strip():
                self.out.add(node.pos, "empty-value", field=key)
                return None
            return node.value
        if isinstance(node, ScalarNode) and node.value is not None and not isinstance(node.value, bool):
            return node.raw  # a number used as text, e.g. a name "110"; keep it as written
        self.wrong(node, "text", field=key, hint="quote-value")
        return None

    def integer(self, m: MapNode, key: str, *, minimum: int | None = None) -> int | None:
        node = m.items.get(key)
        if node is None:
            return None
        if isinstance(node, ScalarNode) and type(node.value) is int:
            if minimum is not None and node.value < minimum:
                self.out.add(node.pos, "out-of-range", field=key, value=str(node.value), low=str(minimum),
                             high="∞")
                return None
            return node.value
        self.wrong(node, "integer", field=key, hint="whole-number")
        return None

    def number(self, m: MapNode, key: str) -> float | None:
        node = m.items.get(key)
        if node is None:
            return None
        if isinstance(node, ScalarNode) and type(node.value) in (int, float):
            return float(node.value)  # type: ignore[arg-type]
        self.wrong(node, "number", field=key, hint="digits")
        return None

    def boolean(self, m: MapNode, key: str) -> bool | None:
        node = m.items.get(key)
        if node is None:
            return None
        if isinstance(node, ScalarNode) and isinstance(node.value, bool):
            return node.value
        self.wrong(node, "boolean", field=key)
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
        found, raw = describe(node)
        self.out.add(node.pos, "bad-date", field=key, found=raw.strip() or found)
        return None

    def texts(self, m: MapNode, key: str) -> list[tuple[str, Pos]]:
        """A list of words, each with its position (for ids that refer elsewhere)."""
        out: list[tuple[str, Pos]] = []
        for item in self.seq(m.items.get(key), key):
            if isinstance(item, ScalarNode) and isinstance(item.value, str) and item.value:
                out.append((item.value, item.pos))
            else:
                self.wrong(item, "text", field=key)
        return out
