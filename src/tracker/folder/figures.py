"""A lower level's figures (``compute.rollup.LevelFigures``) at its locked commit, kept so that a roll-up counts
a level it has counted before without reading its records again: a warm roll-up then costs about one small
file per level, however many entries each level holds.

A level's figures come out of its files at the commit (its list, units, carried items and progress files),
the day they are counted as of, the day of the run (a record dated after it is an error), the rules
(``registry.digest``), the cache's format and this file's layout, and the tool's version: each is in an
entry's key, and an entry is used only when every one matches and its payload has its checksum. Nothing of
the levels above is in them (how a level's items map upward is applied when they are counted), so a city
whose own list changes counts the same figures of its districts. The list's cache key is kept too, and the
list itself read from the level's catalog cache (``cache.read_catalog``), which checks it in its turn, and so
are the level's own levels.yaml and lock, which say what is below it. Anything missing, damaged or from other
rules is ignored and the level read again; JSON runs no code when read.

The entries live in the level's cache folder (``cache.cache_dir`` of its mirror: the user's own, out of
git's reach), one file per commit and day counted as of, written atomically; the oldest go when more than
``KEPT`` are there.

A folder's own levels.yaml is kept read the same way (``levels.json`` in its cache folder, keyed by the file's
content hash and the rules), so a warm roll-up parses no YAML.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from fractions import Fraction
from pathlib import Path
from typing import Any, NamedTuple

from tracker import __version__
from tracker.check import registry
from tracker.compute.report import Tally
from tracker.compute.rollup import ItemFigures, LevelFigures, Mapped, MappedList, Note, Seed
from tracker.compute.state import Level
from tracker.core.problems import Pos, Problem
from tracker.folder.cache import FORMAT, content_hash
from tracker.folder.files import atomic_write, clean_stale_in
from tracker.load.levels import Declared, LevelDecl

LAYOUT = 1  # this file's layout, raised by hand when it changes (the cache's FORMAT is in the key as well)
KEPT = 32  # entries kept per level: the days a roll-up was counted as of, at the commits locked lately


class Kept(NamedTuple):
    """A level's figures as kept: what counting reads of its list, the figures, and its own levels.yaml as
    read and its lock's bytes (None where the commit has none), which say what is below it."""

    items: MappedList
    figures: LevelFigures
    levels: Declared
    lock: bytes | None


def figures_path(where: Path, commit: str, as_of: dt.date) -> Path:
    name = hashlib.blake2b(f"{commit}\0{as_of.isoformat()}".encode(), digest_size=12).hexdigest()
    return where / f"figures-{name}.json"


def _key(commit: str, as_of: dt.date, today: dt.date) -> dict[str, Any]:
    return {"cache": "tracker-level-figures", "layout": LAYOUT, "format": FORMAT, "rules": registry.digest(),
            "tool": __version__, "commit": commit, "as_of": as_of.isoformat(), "today": today.isoformat()}


def read_figures(where: Path, commit: str, as_of: dt.date, today: dt.date) -> Kept | None:
    """The figures kept for the level at ``commit`` as of ``as_of``, counted on ``today`` under these rules,
    when an intact entry holds them; else None (read the level again)."""
    try:
        data = _read(figures_path(where, commit, as_of), _key(commit, as_of, today))
        if data is None:
            return None
        listed = MappedList({str(r[0]): Mapped(str(r[1]), None if r[2] is None else str(r[2]),
                                               Pos(int(r[3]), int(r[4]))) for r in data["list"]})
        items = tuple(_item(r) for r in data["items"])
        if any(f.item not in listed.items for f in items):
            return None
        first = data["first_error"]
        figures = LevelFigures(items, Level(data["worst"]), int(data["errors"]),
                               None if first is None else Problem.decode(first))
        return Kept(listed, figures, _declared(data["levels"]), _bytes(data["lock"]))
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def write_figures(where: Path, commit: str, as_of: dt.date, today: dt.date, kept: Kept) -> None:
    """Keep a level's figures (a failed write only costs reading the level again next time)."""
    f = kept.figures
    payload = {"list": [[i, m.kind, m.maps_to, m.pos.line, m.pos.col] for i, m in kept.items.items.items()],
               "worst": int(f.worst), "errors": f.errors,
               "first_error": None if f.first_error is None else f.first_error.encode(),
               "items": [_encode_item(i) for i in f.items],
               "levels": _encode_declared(kept.levels), "lock": _text(kept.lock)}
    with contextlib.suppress(OSError, TypeError, ValueError):
        _store(figures_path(where, commit, as_of), _key(commit, as_of, today), payload)
        _prune(where)
    clean_stale_in(where)


def _store(path: Path, key: dict[str, Any], payload: dict[str, Any]) -> None:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    head = {**key, "checksum": content_hash(body)}
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps(head).encode("utf-8") + b"\n" + body, durable=False)


def _read(path: Path, key: dict[str, Any]) -> Any:
    """An entry's payload, decoded, when its head is ``key`` and its checksum holds; else None."""
    head_bytes, _, body = path.read_bytes().partition(b"\n")
    head = json.loads(head_bytes)
    if {k: head.get(k) for k in key} != key or head["checksum"] != content_hash(body):
        return None
    return json.loads(body)


def _levels_key(data: bytes) -> dict[str, Any]:
    return {"cache": "tracker-levels-file", "layout": LAYOUT, "format": FORMAT, "rules": registry.digest(),
            "tool": __version__, "content": content_hash(data)}


def read_levels_file(where: Path, data: bytes) -> Declared | None:
    """levels.yaml as last read from exactly these bytes, under these rules (its problems included); else None."""
    try:
        found = _read(where / "levels.json", _levels_key(data))
        return None if found is None else _declared(found)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def write_levels_file(where: Path, data: bytes, found: Declared) -> None:
    with contextlib.suppress(OSError, TypeError, ValueError):
        _store(where / "levels.json", _levels_key(data), _encode_declared(found))
    clean_stale_in(where)


def _encode_declared(found: Declared) -> dict[str, Any]:
    return {"levels": [[d.name, d.source, d.ref, d.pos.line, d.pos.col] for d in found.levels],
            "problems": [p.encode() for p in found.problems]}


def _declared(data: dict[str, Any]) -> Declared:
    levels = [LevelDecl(str(r[0]), str(r[1]), None if r[2] is None else str(r[2]), Pos(int(r[3]), int(r[4])))
              for r in data["levels"]]
    return Declared(levels, [Problem.decode(p) for p in data["problems"]])


def _prune(where: Path) -> None:
    """Only the ``KEPT`` newest entries stay: a level counted as of many days, or locked at many commits,
    does not fill the disk."""
    entries = sorted(where.glob("figures-*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEPT:]:
        with contextlib.suppress(OSError):
            old.unlink()


_EXACT = Tally._fields.index("percent_sum")  # the one count that may be a fraction


def _number(x: int | Fraction) -> list[int]:
    q = Fraction(x)
    return [q.numerator, q.denominator]


def _exact(x: list[int]) -> int | Fraction:
    num, den = int(x[0]), int(x[1])
    return num if den == 1 else Fraction(num, den)


def _note(n: Note) -> list[str]:
    return [n.date, n.where, n.text, n.kind, n.due]


def _seed(r: list[Any]) -> Seed:
    if len(r) != 1 + len(Note._fields):
        raise ValueError("note")
    return Seed(r[0], Note._make(r[1:]))


def _encode_item(i: ItemFigures) -> list[Any]:
    counts = [*i.tally[:_EXACT], _number(i.tally.percent_sum), *i.tally[_EXACT + 1:]]
    return [i.item, counts, sorted(i.reminders), sorted(i.unanswered), int(i.worst),
            [[s.seq, *_note(s.note)] for s in i.problems], [[s.seq, *_note(s.note)] for s in i.steps],
            list(i.missed)]


def _item(r: list[Any]) -> ItemFigures:
    counts = r[1]
    if len(counts) != len(Tally._fields):
        raise ValueError("counts")
    tally = Tally._make([*counts[:_EXACT], _exact(counts[_EXACT]), *counts[_EXACT + 1:]])
    return ItemFigures(r[0], tally, frozenset(r[2]), frozenset(r[3]), Level(r[4]), tuple(map(_seed, r[5])),
                       tuple(map(_seed, r[6])), (r[7][0], r[7][1]))


def _text(data: bytes | None) -> str | None:
    return None if data is None else data.hex()


def _bytes(text: str | None) -> bytes | None:
    return None if text is None else bytes.fromhex(text)
