"""The lower levels as the office declares and pins them: ``levels.yaml`` (each level's name, source and ref)
and ``levels.lock.json`` (the commit each level was read at), read with the position of every problem.
Fetching and reading the levels themselves is ``git.levels``'s.
"""

from __future__ import annotations

import json
import unicodedata
from typing import NamedTuple

from tracker.core.problems import START, Collector, Pos, Problem, problem, shown

LEVELS_FILE = "levels.yaml"
LOCK_FILE = "levels.lock.json"


def level_key(name: str) -> str:
    """A level's name as levels are told apart: full-width forms as their plain ones, runs of white space as
    one space, none at either end, letters in one case. "华容区", "华容区 " and "华容区　" are one level."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


class LevelDecl(NamedTuple):
    """One lower level as levels.yaml declares it."""

    name: str
    source: str
    ref: str | None
    pos: Pos


class Declared(NamedTuple):
    levels: list[LevelDecl]
    problems: list[Problem]


def load_levels_bytes(data: bytes | None, path: str = LEVELS_FILE) -> Declared:
    """levels.yaml's bytes -> the lower levels and every problem, with positions. No file: no levels."""
    if data is None:
        return Declared([], [])
    from tracker.load import schema
    from tracker.load.fields import Reader  # with the YAML parser: only where levels.yaml is read
    from tracker.load.shapes import keys
    from tracker.load.yamltree import load_bytes

    out = Collector(path)
    r = Reader(out)
    settings = schema.read(r, load_bytes(data, out), "levels-file")
    found: list[LevelDecl] = []
    if settings is None:
        return Declared(found, out.problems)
    first: dict[str, int] = {}
    for node in r.seq(settings.get("levels"), "levels"):
        m = r.mapping(node, "level")
        if m is None:
            continue
        values = schema.read(r, m, "level") or {}
        if any(k not in m.items for k in keys("level")[0]):
            continue
        name, source, ref = values.get("name"), values.get("source"), values.get("ref")
        bad = False
        for key, value in (("name", name), ("source", source), ("ref", ref)):
            if value is not None and (value.startswith("-") or any(c in value for c in "\0\n\r")):
                out.add(m.items[key].pos, "level-option-like", field=key, value=shown(value))
                bad = True
        if name is not None and ("/" in name or name in (".", "..")):
            out.add(m.items["name"].pos, "level-bad-name", value=shown(name))
            bad = True
        if name is None or source is None or bad:
            continue
        key = level_key(name)
        if key in first:  # the same level declared again, however its name is spaced or written
            out.add(m.items["name"].pos, "level-duplicate", name=shown(name), first=str(first[key]))
            continue
        first[key] = m.pos.line
        found.append(LevelDecl(name, source, ref, m.pos))
    return Declared(found, out.problems)


class Locked(NamedTuple):
    """A level pinned: the commit its source's ref named when the office last fetched, and the commits it was
    locked at before a rewrite of its history the office accepted (``tracker levels fetch --accept-rewrite``),
    oldest first: the lock's log, so that every roll-up published can be rebuilt."""

    name: str
    source: str
    ref: str | None
    commit: str
    replaced: tuple[str, ...] = ()


def read_lock(data: bytes | None, path: str = LOCK_FILE) -> tuple[dict[str, Locked], list[Problem]]:
    """levels.lock.json -> the pinned commit of each level, by its name's ``level_key``. No file: nothing
    pinned yet."""
    if data is None:
        return {}, []
    try:
        doc = json.loads(data.decode("utf-8"))
        rows = doc["levels"]
        out = {}
        for row in rows:
            commit = str(row["commit"])
            replaced = tuple(str(c) for c in row.get("replaced") or ())
            for one in (commit, *replaced):
                if not is_commit_id(one):
                    raise ValueError(f"{one!r} is not a commit id")
            out[level_key(str(row["name"]))] = Locked(str(row["name"]), str(row["source"]),
                                                      None if row.get("ref") is None else str(row["ref"]), commit,
                                                      replaced)
        return out, []
    except json.JSONDecodeError as exc:
        return {}, [problem(path, Pos(exc.lineno, exc.colno), "level-bad-lock", reason=exc.msg)]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return {}, [problem(path, START, "level-bad-lock", reason=str(exc))]


def lock_bytes(entries: list[Locked]) -> bytes:
    """The lock file as the office commits it: stable JSON, one level per line, so `git diff` shows a move."""
    lines = [json.dumps({"name": e.name, "source": e.source, "ref": e.ref, "commit": e.commit,
                         **({"replaced": list(e.replaced)} if e.replaced else {})}, ensure_ascii=False)
             for e in entries]
    return ("{\"levels\": [\n" + ",\n".join("  " + line for line in lines) + "\n]}\n").encode("utf-8")


def is_commit_id(text: str) -> bool:
    return len(text) == 40 and all(c in "0123456789abcdef" for c in text)
