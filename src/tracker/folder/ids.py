"""Record ids across the folder: each file checks its own ids, and this, what no one file shows — an id that
two units' files both hold. A report is not affected (a record counts in its own file only), but
``tracker withdraw ID`` could not tell which record is meant; it then asks for ``--unit``.

Ids are found in the bytes as the tool writes them (``"id": "…"``), one search of each file, so ``validate``
pays no parse for it; a record whose id was typed otherwise by hand is found by ``holding``, which parses the
few files whose bytes hold the id at all.
"""

from __future__ import annotations

import re
from pathlib import Path

from tracker.core.problems import Pos, Problem, problem
from tracker.folder.root import Root, progress_paths
from tracker.load.progress import RawRecord, read_file, read_progress

_WRITTEN_ID = re.compile(rb'"id": "([^"\\]*)"')


def _read(path: Path) -> bytes | None:
    """A progress file's bytes within the size limit; None for one unreadable or too large (validate names it)."""
    try:
        return read_file(path)
    except OSError:
        return None


def id_problems(root: Root) -> list[Problem]:
    """The warning ``id-in-two-files`` at each record whose id an earlier file (in path order) holds too."""
    first: dict[bytes, tuple[str, int]] = {}
    out: list[Problem] = []
    for path in progress_paths(root):
        data = _read(path)
        if data is None:
            continue
        rel = root.rel(path)
        mine: dict[bytes, int] = {}
        for m in _WRITTEN_ID.finditer(data):
            mine.setdefault(m.group(1), m.start())
        for rid, start in mine.items():
            line = data.count(b"\n", 0, start) + 1
            if rid in first:
                other, at = first[rid]
                out.append(problem(rel, Pos(line, start - data.rfind(b"\n", 0, start)), "id-in-two-files",
                                   id=rid.decode("utf-8", "replace"), other=f"{other}:{at}"))
            else:
                first[rid] = (rel, line)
    return out


def holding(root: Root, record_id: str, units: list[str] | None = None) -> list[tuple[Path, RawRecord]]:
    """Every progress file holding a record with id ``record_id`` (only the files of ``units`` when given),
    with that record as read: the files whose bytes hold the id are parsed, and only when none does (an id
    typed by hand with escapes) every file."""
    paths = [p for p in progress_paths(root) if units is None or p.stem in units]
    needle = record_id.encode("utf-8")
    found = _holding(root, record_id, paths, needle)
    return found or _holding(root, record_id, paths, None)


def _holding(root: Root, record_id: str, paths: list[Path], needle: bytes | None) -> list[tuple[Path, RawRecord]]:
    out: list[tuple[Path, RawRecord]] = []
    for path in paths:
        data = _read(path)
        if data is None or (needle is not None and needle not in data):
            continue
        raw = read_progress(data, root.rel(path))
        record = next((r for r in raw.records if r.values.get("id") == record_id), None)
        if record is not None:
            out.append((path, record))
    return out
