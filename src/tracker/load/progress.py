"""progress/<unit-id>.yaml: its layout, how a line is written, and how a file is read back.

Layout: a short header, ``unit: <id>``, ``entries:``, then one record per line, each a JSON object that is
also a YAML flow mapping, appended at the end:

    - {"id": "20250805-3fa9c1", "type": "progress", "date": "2025-08-05", "task": 15, ...}

One record per line, each with a unique id, is what makes git's ``merge=union`` safe: union merging keeps
every line of both sides, and no record can be glued to another or lose a line it shares with one.

Reading has two paths with one result. The fast path reads each record line with ``json.loads``; a record
it does not recognise (hand-typed YAML, over one line or several, broken text) goes to the YAML parser on
its own, so a hand edit costs its own lines only. Only a file whose layout itself is unusual (a changed
header, other keys) goes down the YAML path whole, which reports problems with positions.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, NamedTuple

from tracker.core.i18n import word
from tracker.core.problems import Collector, Pos, Problem, problem, shown
from tracker.load.encoding import decode

FIELD_ORDER = ("id", "type", "date", "task", "status", "percent", "value", "due", "milestone", "replaces",
               "verdict", "until", "request", "items", "number", "reply_by", "withdraws", "decides", "digest", "note",
               "evidence", "by")


class RawRecord(NamedTuple):
    """One record as read, before it is checked: its values and where each stands."""

    values: dict[str, Any]
    pos: Pos
    line_text: str | None = None
    value_pos: dict[str, Pos] | None = None

    def at(self, key: str) -> Pos:
        """Position of ``key``'s value, for messages."""
        if self.value_pos is not None:
            return self.value_pos.get(key, self.pos)
        if self.line_text is not None:
            i = self.line_text.find(f'"{key}":')
            if i >= 0:
                j = i + len(key) + 3
                while j < len(self.line_text) and self.line_text[j] == " ":
                    j += 1
                return Pos(self.pos.line, j + 1)
        return self.pos


_RAW = functools.partial(tuple.__new__, RawRecord)  # skips the named tuples' Python-level __new__
_POS = functools.partial(tuple.__new__, Pos)


@dataclass
class RawFile:
    """A progress file read as records, before checking."""

    path: str
    unit: str | None = None
    unit_pos: Pos = Pos(1, 1)
    records: list[RawRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True


def header(unit_id: str, name: str) -> str:
    return (
        f"# 进度记录：{name}\n"
        "# Written by `tracker record` and `tracker plan`: one record per line, appended at the end.\n"
        "# Do not edit or delete earlier lines; corrections are new records. See docs/data-format.md.\n"
        f"unit: {unit_id}\n"
        "entries:\n"
    )


def record_line(values: dict[str, Any]) -> str:
    """One record as one line, fields in a fixed order, empty fields left out."""
    ordered = {k: values[k] for k in FIELD_ORDER if k in values and values[k] not in (None, "", [], ())}
    ordered.update({k: v for k, v in values.items() if k not in ordered and k not in FIELD_ORDER})
    return "- " + json.dumps(ordered, ensure_ascii=False) + "\n"


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise ValueError("duplicate key")
    return out


def _no_constants(name: str) -> Any:
    raise ValueError(name)


_WHOLE = json.JSONDecoder(parse_constant=_no_constants)


def _whole(text: str, path: str) -> RawFile | None:
    """The quickest reading, of a file exactly as the tool writes it (every line after ``entries:`` one flat
    record in one JSON object): one ``json.loads`` of all its records as an array. None when anything
    differs, and the line-by-line reading (``_fast``) then gives the same records, with their problems.
    Not orjson, though it reads twice as fast: it finds a key it has seen before by a hash of it alone, so a
    key made to share that hash with ``due`` would read as ``due``, in this file and in every file after it.

    Why the records cannot run together: a JSON string holds no line break, so no value crosses a line; with
    every line break between a ``}`` and a ``- {``, and as many ``{`` as lines, no record holds a mapping, and
    with every ``[`` a value's (after ``": ``), no list holds a list or a mapping; each line then starts one
    object, which must end before the next line starts, so as many objects as lines means one whole object per
    line. A key written twice is seen by counting: with no space or tab before any colon, every key is followed
    by ``":``, so the text holds at least as many ``":`` as the objects hold keys, and more when a key repeats."""
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    at = 0 if text.startswith("entries:\n") else text.find("\nentries:\n") + 1
    if at == 0 and not text.startswith("entries:\n"):
        return None
    start = at + len("entries:\n")
    raw = _fast(text[:start], path, Collector(path))
    if raw is None or raw.problems:
        return None
    body = text[start:-1] if text.endswith("\n") else text[start:]
    if not body:
        return raw
    lines = body.split("\n")
    n = len(lines)
    if (not body.startswith("- {") or not body.endswith("}") or body.count("}\n- {") != n - 1
            or "\t" in body or " :" in body or body.count("{") != n or body.count("[") != body.count('": [')):
        return None
    try:
        values = _WHOLE.decode("".join(("[", body[2:].replace("}\n- {", "},{"), "]")))
    except (ValueError, RecursionError):
        return None
    if len(values) != n or body.count('":') != sum(map(len, values)):
        return None
    first = text.count("\n", 0, start) + 1
    # each record (values, position, line, no value positions), made without a Python call per record
    raw.records = list(map(_RAW, zip(values, map(_POS, zip(range(first, first + n), repeat(3))), lines,
                                     repeat(None))))
    return raw


def _fast(text: str, path: str, out: Collector) -> RawFile | None:
    """The quick reading of a file in the layout the tool writes; None when the layout itself is unusual. A
    record line that is not plain JSON (hand-typed YAML, a tab, a broken quote, a cut-off last line) is read on
    its own by the YAML parser: a bad line costs that record only, reported at its own line."""
    raw = RawFile(path, problems=out.problems)
    # The decoder's scanner reads the object where it starts, without copying the line or skipping blanks
    # first (decode() does both, at a cost that shows over a million lines); a line that does not end where
    # the object does is read by the YAML parser.
    scan: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder(
        object_pairs_hook=_no_duplicates, parse_constant=_no_constants).scan_once  # type: ignore[attr-defined]
    seen_entries = False
    lines = text.split("\n")
    at = 0
    while at < len(lines):
        line = lines[at]
        at += 1
        lineno = at
        if line.endswith("\r"):
            line = line[:-1]
        if line.startswith("- {") and seen_entries:
            try:
                values, end = scan(line, 2)
            except (ValueError, StopIteration, RecursionError):  # deep nesting: the YAML path reports it
                end = -1
            if end == len(line) and not (line.count("[") + line.count("{") > 2 and _nested(values)):
                raw.records.append(RawRecord(values, Pos(lineno, 3), line_text=line))
                continue
        elif not line.strip() or line.startswith("#"):
            continue
        elif line.startswith("unit: ") and raw.unit is None and not seen_entries:
            word = line[6:].strip()
            if not word.replace("-", "").isalnum() or not word.isascii():
                return None
            raw.unit, raw.unit_pos = word, Pos(lineno, 7)
            continue
        elif line == "entries:" and not seen_entries and raw.unit is not None:
            seen_entries = True
            continue
        if not seen_entries or not (line.lstrip(" \t") + " ").startswith("- "):
            return None
        # a record the tool did not write (hand-typed YAML, over several lines, or broken): its own lines only
        indent = len(line) - len(line.lstrip(" \t"))
        more = _continued(lines, at, indent)
        if more is None:
            return None
        _alone([line, *(s[:-1] if s.endswith("\r") else s for s in lines[at:at + more])], lineno, raw, out)
        at += more
    return raw if seen_entries else None


def _continued(lines: list[str], at: int, indent: int) -> int | None:
    """How many lines from ``at`` on continue a record whose dash stands at ``indent``: the lines indented
    deeper, with blank and comment lines between them. None when a continuation is indented with a tab
    where the record's own indent is (left to the whole file's YAML reading)."""
    n = last = 0
    while at + n < len(lines):
        text = lines[at + n].rstrip("\r")
        stripped = text.lstrip(" \t")
        if stripped and not stripped.startswith("#"):
            if len(text) - len(stripped) <= indent:
                break
            if "\t" in text[:indent]:
                return None
            last = n + 1
        n += 1
    return last


def _alone(block: list[str], lineno: int, raw: RawFile, out: Collector) -> None:
    """One record read alone by the YAML parser, its positions moved to where its lines stand: a record
    that is not one plain JSON line costs its own lines only, and its problems are reported there."""
    from tracker.load.fields import Reader
    from tracker.load.yamltree import MapNode, SeqNode, parse_text

    alone = Collector(out.path)
    line = block[0]
    indent = len(line) - len(line.lstrip(" \t"))
    if "\t" in line[:indent]:
        out.add(Pos(lineno, line.index("\t") + 1), "tab")
        return
    shift = lineno - 1
    inner = [b if n == 0 or b.lstrip(" \t")[:1] not in ("", "#") else "" for n, b in enumerate(block)]
    node = parse_text("\n".join(b[indent:] for b in inner) + "\n", alone)  # comments between: blank lines
    last = lineno + len(block) - 1  # the parser reports an unclosed bracket just past the record's lines
    out.problems.extend(p._replace(line=min(p.line + shift, last), col=p.col + indent) for p in alone.problems)
    if node is None:
        return
    first = node.items[0] if isinstance(node, SeqNode) and len(node.items) == 1 else None
    if not isinstance(first, MapNode):
        Reader(out).wrong(node._replace(pos=Pos(lineno, indent + 1)), "mapping", subject=word("record"),
                          hint="record-line")
        return
    raw.records.append(RawRecord(_plain(first), Pos(first.pos.line + shift, first.pos.col + indent),
                                 value_pos={k: Pos(v.pos.line + shift, v.pos.col + indent)
                                            for k, v in first.items.items()}))


def _nested(values: dict[str, Any]) -> bool:
    """Whether a record holds a list or mapping inside a list or mapping (records are flat)."""
    for v in values.values():
        inner = v.values() if isinstance(v, dict) else v if isinstance(v, list) else ()
        if any(isinstance(x, (list, dict)) for x in inner):
            return True
    return False


def _plain(node: Any) -> Any:
    from tracker.load.yamltree import ScalarNode, SeqNode

    if isinstance(node, ScalarNode):
        return node.value
    if isinstance(node, SeqNode):
        return [_plain(n) for n in node.items]
    return {k: _plain(v) for k, v in node.items.items()}


def _slow(text: str, path: str, out: Collector) -> RawFile:
    """The YAML reading, with positions, for anything the fast path does not recognise."""
    from tracker.load.fields import Reader
    from tracker.load.yamltree import MapNode, ScalarNode, SeqNode, parse_text

    raw = RawFile(path)
    root = parse_text(text, out)
    raw.problems = out.problems
    if root is None:
        raw.readable = False
        return raw
    if not isinstance(root, MapNode):
        Reader(out).wrong(root, "mapping", subject=word("progress-file"), hint="progress-mapping")
        raw.readable = False
        return raw
    for key, pos in root.key_pos.items():
        if key not in ("unit", "entries"):
            out.add(pos, "unknown-field", subject=word("progress-file"), field=shown(key), allowed="unit, entries")
    unit = root.items.get("unit")
    if unit is None:
        out.add(root.pos, "no-unit")
    elif isinstance(unit, ScalarNode) and isinstance(unit.value, str):
        raw.unit, raw.unit_pos = unit.value, unit.pos
    else:
        Reader(out).wrong(unit, "text", field="unit", hint="unit-id")
    entries = root.items.get("entries")
    if entries is None or (isinstance(entries, ScalarNode) and entries.value is None):
        return raw
    if not isinstance(entries, SeqNode):
        Reader(out).wrong(entries, "list", field="entries", hint="record-line")
        return raw
    for node in entries.items:
        if not isinstance(node, MapNode):
            Reader(out).wrong(node, "mapping", subject=word("record"), hint="record-line")
            continue
        raw.records.append(RawRecord(_plain(node), node.pos,
                                     value_pos={k: v.pos for k, v in node.items.items()}))
    return raw


MAX_BYTES = 64 << 20  # a progress file's limit: 250,000 records, twenty times the longest history a unit keeps


class TooLarge(OSError):
    """A progress file over ``MAX_BYTES``: not read (a file of gigabytes would exhaust the memory)."""

    def __init__(self, path: str, size: int) -> None:
        super().__init__(f"{path}: {size} bytes, more than the limit of {MAX_BYTES}")
        self.path, self.size = path, size

    def problem(self, shown_as: str | None = None) -> Problem:
        """The error ``too-large`` at the file (named ``shown_as``, else as the exception names it)."""
        return problem(shown_as or self.path, Pos(1, 1), "too-large", size=str(self.size), limit=str(MAX_BYTES))


def read_file(path: os.PathLike[str] | str, limit: int | None = None) -> bytes:
    """A progress file's bytes from the disk, read only up to the limit whatever its size says (a file growing
    meanwhile stops there too); TooLarge past it. ``limit``: ``MAX_BYTES`` unless given."""
    most = MAX_BYTES if limit is None else limit
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size > most:
            raise TooLarge(os.fspath(path), size)
        data = f.read(most + 1)
    if len(data) > most:
        raise TooLarge(os.fspath(path), len(data))
    return data


def read_progress(data: bytes, path: str) -> RawFile:
    """Bytes of a progress file -> its records with positions (problems only about the file's syntax)."""
    out = Collector(path)
    text = decode(data, out)
    if text is None:
        return RawFile(path, problems=out.problems, readable=False)
    raw = _whole(text, path) or _fast(text, path, Collector(path)) or _slow(text, path, out)
    if _SURROGATE_ESCAPE.search(text):
        _without_lone_surrogates(raw)
    return raw


# \ud800-\udfff in JSON or YAML: half of a character, which json and YAML read into a string that cannot be
# written as UTF-8 (a pair of them reads as one whole character). Decoded UTF-8 holds none otherwise.
_SURROGATE_ESCAPE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(raw: RawFile) -> None:
    """Drop the records holding a lone surrogate, each with the problem at its line."""
    kept = []
    for rec in raw.records:
        found = next((m for m in map(_LONE_SURROGATE.search, _texts(rec.values)) if m), None)
        if found is None:
            kept.append(rec)
        else:
            raw.problems.append(problem(raw.path, rec.pos, "lone-surrogate",
                                        escape=f"\\u{ord(found.group()):04x}"))
    raw.records = kept


def _texts(value: Any) -> list[str]:
    """Every text in a value read from a record: keys, strings, inside lists and mappings."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (*_texts(k), *_texts(v))]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []
