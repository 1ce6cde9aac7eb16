"""YAML text -> a tree of nodes that remember where they stood.

PyYAML's own loaders drop positions, keep the last of two duplicate keys silently, expand aliases and
read YAML 1.1 surprises (``no`` -> False, ``12:30`` -> 750). We walk the parser's events instead and build
our own tree, reporting each of those as a problem with its line and column. Nothing here raises on bad
input: the worst input gives ``None`` and at least one problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from tracker.core.i18n import word
from tracker.core.problems import START, Collector, Pos, shown
from tracker.load.encoding import decode

Scalar = str | int | float | bool | None


class ScalarNode(NamedTuple):
    value: Scalar
    pos: Pos
    raw: str
    plain: bool


class MapNode(NamedTuple):
    items: dict[str, Node]
    key_pos: dict[str, Pos]
    pos: Pos


class SeqNode(NamedTuple):
    items: list[Node]
    pos: Pos


Node = ScalarNode | MapNode | SeqNode

_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML11_BOOL = {"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N"}
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+")
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")
_YAML11_INT = re.compile(r"[-+]?(0[0-7_]+|0b[01_]+|0x[0-9a-fA-F_]+|[1-9][0-9_]*_[0-9_]*)")
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})( |$)", re.MULTILINE)


@dataclass
class _State:
    out: Collector
    anchors_seen: set[str] = field(default_factory=set)


def _pos(mark: Any) -> Pos:
    if mark is None:
        return START
    return Pos(mark.line + 1, mark.column + 1)


def _pre_checks(text: str, out: Collector) -> bool:
    """Checks the parser reports badly or not at all. Returns False when parsing is pointless."""
    ok = True
    for m in _CONFLICT.finditer(text):
        out.add(Pos(text.count("\n", 0, m.start()) + 1, 1), "conflict-marker", marker=m.group(1))
        ok = False
    for lineno, row in enumerate(text.splitlines(), 1):
        indent = len(row) - len(row.lstrip(" \t"))
        tab = row.find("\t", 0, indent)
        if tab >= 0:
            out.add(Pos(lineno, tab + 1), "tab")
            ok = False
    if not any(s.strip() and not s.lstrip().startswith("#") for s in text.splitlines()):
        out.add(START, "empty-file")
        ok = False
    return ok


# What looks like a space but is none to YAML: no-break spaces (U+00A0, U+202F), the ideographic (full-width)
# space an input method types (U+3000), the typographic spaces U+2000–U+200A, U+205F, and a byte-order mark.
_ODD_SPACES = "\u00a0\u202f\u3000\u205f\ufeff" + "".join(map(chr, range(0x2000, 0x200B)))
_LEADING = re.compile(f"[ \t{_ODD_SPACES}]*")


def _space_indent(text: str, line: int) -> Pos | None:
    """Where a line the parser stopped at (``line``, 1-based), or the line before it, is indented with a
    character that only looks like a space: YAML reads it as text, and its parser then names the line after.
    Asked only once the parser has failed, so such a character inside a text (a paragraph's 　　) is content."""
    rows = text.splitlines()
    for n in (line - 1, line):
        if 1 <= n <= len(rows):
            lead = _LEADING.match(rows[n - 1])
            for col, ch in enumerate(lead.group(0) if lead else "", 1):
                if ch in _ODD_SPACES:
                    return Pos(n, col)
    return None


def _resolve_plain(raw: str, pos: Pos, out: Collector) -> Scalar:
    if raw in _NULL:
        return None
    if raw in _BOOL:
        return _BOOL[raw]
    if raw in _YAML11_BOOL:
        out.add(pos, "yaml11-value", raw=raw, quoted=f'"{raw}"', **{"as": word("as-boolean")})
        return raw
    if _INT.fullmatch(raw):
        return int(raw)
    if _FLOAT.fullmatch(raw):
        return float(raw)
    if _SEXAGESIMAL.fullmatch(raw) or _YAML11_INT.fullmatch(raw):
        out.add(pos, "yaml11-value", raw=raw, quoted=f'"{raw}"', **{"as": word("as-number")})
        return raw
    return raw


MAX_DEPTH = 64  # far deeper than any record; 1,000 nested brackets would exhaust Python's stack


class _TooDeep(Exception):
    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos


def _build(events: Iterator[yaml.Event], first: yaml.Event, st: _State, depth: int = 0) -> Node:
    ev = first
    pos = _pos(ev.start_mark)
    if depth > MAX_DEPTH:
        raise _TooDeep(pos)
    if isinstance(ev, yaml.AliasEvent):
        st.out.add(pos, "alias", name=str(ev.anchor))
        return ScalarNode(None, pos, "", False)
    anchor = getattr(ev, "anchor", None)
    if anchor:
        st.out.add(pos, "anchor", name=anchor)
    tag = getattr(ev, "tag", None)
    if tag and tag != "!" and not (isinstance(ev, yaml.ScalarEvent) and ev.implicit[0]):
        st.out.add(pos, "tag", tag=tag)
    if isinstance(ev, yaml.ScalarEvent):
        plain = not ev.style and bool(ev.implicit[0])
        value: Scalar = _resolve_plain(ev.value, pos, st.out) if plain else ev.value
        return ScalarNode(value, pos, ev.value, plain)
    if isinstance(ev, yaml.SequenceStartEvent):
        items: list[Node] = []
        for nxt in events:
            if isinstance(nxt, yaml.SequenceEndEvent):
                break
            items.append(_build(events, nxt, st, depth + 1))
        return SeqNode(items, pos)
    if isinstance(ev, yaml.MappingStartEvent):
        mapping: dict[str, Node] = {}
        key_pos: dict[str, Pos] = {}
        for nxt in events:
            if isinstance(nxt, yaml.MappingEndEvent):
                break
            key = _build(events, nxt, st, depth + 1)
            value_node = _build(events, next(events), st, depth + 1)
            if not isinstance(key, ScalarNode) or key.value is None:
                st.out.add(key.pos, "bad-key")
                continue
            name = key.raw
            if name in mapping:
                first_at = key_pos[name]
                st.out.add(key.pos, "duplicate-key", key=shown(name), first=str(first_at.line))
                continue
            mapping[name] = value_node
            key_pos[name] = key.pos
        return MapNode(mapping, key_pos, pos)
    raise ValueError(f"unexpected YAML event {ev!r}")  # pragma: no cover - parser guarantees structure


def parse_text(text: str, out: Collector) -> Node | None:
    """Text -> root node, or None when the text cannot be read as one YAML document."""
    if not _pre_checks(text, out):
        return None
    st = _State(out)
    root: Node | None = None
    try:
        events = iter(yaml.parse(text, Loader=_LOADER))
        for ev in events:
            if isinstance(ev, yaml.DocumentStartEvent):
                if root is not None:
                    out.add(_pos(ev.start_mark), "multi-document")
                    return root
                root = _build(events, next(events), st)
    except _TooDeep as exc:
        out.add(exc.pos, "too-deep", limit=str(MAX_DEPTH))
        return None
    except yaml.MarkedYAMLError as exc:
        kind, hint = _syntax_kind(exc.problem or "", exc.context or "")
        opened = kind in ("unclosed-quote", "unclosed-bracket") and exc.context_mark is not None
        mark = exc.context_mark if opened else exc.problem_mark or exc.context_mark
        where = _char_pos(text, mark)
        odd = _space_indent(text, where.line)
        if odd is not None:
            out.add(odd, "space-indent", char=f"U+{ord(text.splitlines()[odd.line - 1][odd.col - 1]):04X}")
            return None
        out.add(where, "syntax", kind=word(f"yaml.{kind}"), hint=word(f"hint.{hint}"))
        return None
    except yaml.reader.ReaderError as exc:
        at = _first_forbidden(text)
        before = text[:at]
        pos = Pos(before.count("\n") + 1, at - before.rfind("\n"))
        out.add(pos, "bad-character", char=f"U+{ord(text[at]) if at < len(text) else exc.character:04X}")
        return None
    except (yaml.YAMLError, RecursionError, ValueError):
        out.add(START, "syntax", kind=word("yaml.other"), hint=word("hint.check"))
        return None
    return root


def load_bytes(data: bytes, out: Collector) -> Node | None:
    """Bytes of a file -> root node (with problems collected in ``out``)."""
    text = decode(data, out)
    if text is None:
        return None
    return parse_text(text, out)


def _syntax_kind(problem: str, context: str) -> tuple[str, str]:
    """PyYAML's English reason -> a word of ours (``word.yaml.*``) and a hint (``word.hint.*``)."""
    if "quoted scalar" in context:
        return "unclosed-quote", "quote"
    if "flow mapping" in context or "flow sequence" in context or "flow collection" in context:
        return "unclosed-bracket", "bracket"
    if "mapping values are not allowed" in problem:
        return "colon-in-value", "colon"
    if "could not find expected ':'" in problem:
        return "missing-colon", "mapping-line"
    if "cannot start any token" in problem:
        return "bad-token", "special"
    if "end of stream" in problem:
        return "truncated", "check"
    if "indentation" in problem or "expected <block end>" in problem:
        return "bad-indent", "mapping-line"
    return "other", "check"


def _char_pos(text: str, mark: Any) -> Pos:
    """A mark as a line and a column counted in characters. The C parser counts its marks in bytes on some
    builds, which puts every position after Chinese text too far right; the line's own text decides."""
    if mark is None:
        return START
    line = mark.line
    rows = text.split("\n")
    if line >= len(rows):
        return Pos(len(rows), len(rows[-1]) + 1) if rows else START
    row = rows[line]
    col = mark.column
    if col > len(row):  # a byte count: convert
        col = len(row.encode("utf-8")[:col].decode("utf-8", "ignore"))
    return Pos(line + 1, col + 1)


_FORBIDDEN = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def _first_forbidden(text: str) -> int:
    """Where the first character YAML refuses stands, counted in characters."""
    m = _FORBIDDEN.search(text)
    return m.start() if m else len(text)


_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
