"""The parts of an item that tasks.yaml and carried.yaml share: a cadence, a target, notes."""

from __future__ import annotations

from tracker.core.i18n import word
from tracker.core.model import Cadence, Period, Target
from tracker.core.problems import did_you_mean, shown
from tracker.load.fields import Reader
from tracker.load.shapes import keys
from tracker.load.yamltree import MapNode, Node


def period(m: MapNode, key: str, r: Reader) -> Period | None:
    text = r.text(m, key)
    if text is None:
        return None
    try:
        return Period(text)
    except ValueError:
        choices = [p.value for p in Period]
        r.out.add(m.items[key].pos, "bad-value", subject=word("period"), found=shown(text),
                  allowed=", ".join(choices), suggest=did_you_mean(text, choices))
        return None


def cadence(node: Node | None, r: Reader) -> Cadence | None:
    m = r.mapping(node, "cadence")
    if m is None or not r.keys(m, *keys("cadence"), "cadence"):
        return None
    every = period(m, "every", r)
    return None if every is None else Cadence(every, period(m, "high_risk", r))


def target(node: Node | None, r: Reader) -> Target | None:
    m = r.mapping(node, "target")
    if m is None or not r.keys(m, *keys("target"), "target"):
        return None
    metric, value = r.text(m, "metric"), r.number(m, "value")
    if metric is None or value is None:
        return None
    return Target(metric, value, r.text(m, "unit") or "%")


def notes(m: MapNode, r: Reader) -> tuple[str, ...]:
    return tuple(w for w, _ in r.texts(m, "notes"))
