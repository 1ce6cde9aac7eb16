"""carried.yaml: the items carried over from last year's list (上年结转), kept apart from tasks.yaml, which stays a
faithful copy of what was published. ``tracker carry-over`` writes it; each item names its origin (its id there,
``2025#15``) and each unit carried with its status and percent when it was carried, which its state starts
from. A carried item is reported by exactly those units.
"""

from __future__ import annotations

import datetime as dt
import re

from tracker.core.model import CarriedPair, Item, Origin, Plan, Status
from tracker.core.problems import Collector, Pos
from tracker.load.fields import Reader
from tracker.load.parts import cadence as _cadence
from tracker.load.parts import notes as _notes
from tracker.load.parts import target as _target
from tracker.load.shapes import keys
from tracker.load.yamltree import MapNode, Node, load_bytes

CARRIED_FILE = "carried.yaml"
CARRIED_ID = re.compile(r"(\d{4})#([0-9A-Za-z]+)")
_STARTS = ("not-started", "in-progress", "blocked")


def load_carried_bytes(data: bytes, out: Collector, plan: Plan) -> list[Item]:
    """carried.yaml's bytes -> the carried items (kind "carried"), problems filed in ``out``."""
    r = Reader(out)
    root = r.mapping(load_bytes(data, out), "carried-file")
    if root is None or not r.keys(root, *keys("carried-file"), "carried-file"):
        return []
    folder, year, as_of = r.text(root, "from"), r.integer(root, "year", minimum=2000), r.date(root, "as_of")
    if folder is None or year is None or as_of is None:
        return []
    items = []
    for node in r.seq(root.items.get("carried"), "carried"):
        item = _item(node, r, plan, folder, year, as_of)
        if item is not None:
            items.append(item)
    return items


def _item(node: Node, r: Reader, plan: Plan, folder: str, year: int, as_of: dt.date) -> Item | None:
    m = r.mapping(node, "carried-item")
    if m is None or not r.keys(m, *keys("carried-item"), "carried-item"):
        return None
    iid, text, responsible = r.text(m, "id"), r.text(m, "text"), r.text(m, "responsible")
    if iid is not None and (not (found := CARRIED_ID.fullmatch(iid)) or int(found.group(1)) != year):
        r.out.add(m.items["id"].pos, "bad-value", subject=("结转事项编号", "carried item id"), found=f'"{iid}"',
                  allowed=f"{year}#<编号>")
        iid = None
    pairs: list[CarriedPair] = []
    refs: list[tuple[str, Pos]] = []
    for pnode in r.seq(m.items.get("pairs"), "pairs"):
        pair = _pair(pnode, r)
        if pair is not None:
            pairs.append(pair[0])
            refs.append((pair[0].unit, pair[1]))
    if iid is None or text is None or responsible is None:
        return None
    origin = Origin(folder, year, iid.partition("#")[2], as_of, tuple(pairs),
                    r.text(m, "action", required=False) or "", r.text(m, "work", required=False) or "")
    return Item(id=iid, kind="carried", text=text, responsible=responsible, units=(), groups=(),
                deadline=r.date(m, "deadline") or plan.deadline, cadence=_cadence(m.items.get("cadence"), r),
                target=_target(m.items.get("target"), r), expect=tuple(p.unit for p in pairs), notes=_notes(m, r),
                pos=m.pos, refs=tuple(refs), origin=origin)


def _pair(node: Node, r: Reader) -> tuple[CarriedPair, Pos] | None:
    m = r.mapping(node, "carried-pair")
    if not isinstance(m, MapNode) or not r.keys(m, *keys("carried-pair"), "carried-pair"):
        return None
    unit, status, percent = r.text(m, "unit"), r.text(m, "status"), r.number(m, "percent")
    if status is not None and status not in _STARTS:
        r.out.add(m.items["status"].pos, "bad-value", subject=("结转状态", "carried status"), found=f'"{status}"',
                  allowed=", ".join(_STARTS))
        status = None
    if percent is not None and not 0 <= percent <= 100:
        r.out.add(m.items["percent"].pos, "out-of-range", field="percent", value=f"{percent:g}", low="0", high="100")
        percent = None
    if unit is None or status is None or percent is None:
        return None
    return CarriedPair(unit, Status(status), percent, r.date(m, "date"), r.text(m, "record", required=False) or ""), \
        m.items["unit"].pos
