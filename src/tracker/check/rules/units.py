"""The unit a progress file's records count for: the one it names, which must be the one its name says."""

from __future__ import annotations

from tracker.check.context import FileCheck
from tracker.core.model import SAFE_ID
from tracker.core.problems import Pos, did_you_mean, shown


def opens(f: FileCheck) -> bool:
    """Whether the file's records are read, and for which unit (``f.unit``); a unit's records count only
    from its own file."""
    raw, out = f.raw, f.out
    if not SAFE_ID.fullmatch(f.file_unit):
        out.add(Pos(1, 1), "unsafe-file-name", name=shown(f.file_unit))
    if not raw.readable:
        return False
    unit = raw.unit
    if unit is None:
        if not any(p.code == "no-unit" for p in out.problems):
            out.add(Pos(1, 1), "no-unit")
    elif unit not in f.cat.units:
        out.add(raw.unit_pos, "unknown-unit", subject=("进度文件", "the progress file"), unit=shown(unit),
                suggest=did_you_mean(unit, f.cat.units))
        unit = None
    elif unit != f.file_unit:
        out.add(raw.unit_pos, "wrong-file", unit=unit, file=f.file_unit)
        unit = None  # a unit's records count only from its own file
    if unit is None:
        f.progress.unit = None
        return False
    f.unit = unit
    return True
