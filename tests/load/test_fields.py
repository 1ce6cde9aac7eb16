"""Typed reading of a YAML file's nodes: each reader gives a value or files a problem at the node's place."""

from __future__ import annotations

import datetime as dt

from tracker.core.problems import Collector
from tracker.load.fields import Reader
from tracker.load.yamltree import MapNode, load_bytes

TEXT = """\
name: 消防救援支队
number: 110
count: 3
negative: -2
ratio: 96.5
flag: true
when: 2025-09-30
wrong_when: soon
ids: [a, b, '', 7]
one: x
nothing:
"""


def reader() -> tuple[Reader, MapNode, Collector]:
    out = Collector("units.yaml")
    root = load_bytes(TEXT.encode(), out)
    r = Reader(out)
    m = r.mapping(root, "units-file")
    assert m is not None and out.problems == []
    return r, m, out


def codes(out: Collector) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.code) for p in out.problems]


def test_each_reader_gives_its_type() -> None:
    r, m, out = reader()
    assert r.text(m, "name") == "消防救援支队" and r.text(m, "number") == "110"  # a number used as a name
    assert r.integer(m, "count") == 3 and r.number(m, "ratio") == 96.5 and r.boolean(m, "flag") is True
    assert r.date(m, "when") == dt.date(2025, 9, 30)
    assert r.text(m, "absent") is None and r.seq(m.items.get("nothing"), "nothing") == []
    assert out.problems == []


def test_a_value_of_the_wrong_type_is_a_problem_at_the_value() -> None:
    r, m, out = reader()
    assert r.integer(m, "ratio") is None and r.boolean(m, "count") is None and r.number(m, "name") is None
    assert r.integer(m, "negative", minimum=0) is None and r.date(m, "wrong_when") is None
    assert r.seq(m.items.get("one"), "one") == [] and r.mapping(m.items["ids"], "unit") is None
    assert codes(out) == [(5, 8, "wrong-type"), (3, 8, "wrong-type"), (1, 7, "wrong-type"), (4, 11, "out-of-range"),
                          (8, 13, "bad-date"), (10, 6, "wrong-type"), (9, 6, "wrong-type")]
    assert out.problems[0].message() == '"ratio"应为整数，实际是数字 96.5'  # what it is, quoted as written


def test_keys_unknown_or_missing_and_lists_of_words() -> None:
    r, m, out = reader()
    assert r.keys(m, ["name", "title"], ["number", "count", "negative", "ratio", "flag", "when", "wrong_when",
                                         "ids", "one", "nothing"], "unit") is False
    assert codes(out) == [(1, 1, "missing-field")]
    assert [(text, tuple(pos)) for text, pos in r.texts(m, "ids")] == [("a", (9, 7)), ("b", (9, 10))]
    assert codes(out)[1:] == [(9, 13, "wrong-type"), (9, 17, "wrong-type")]  # '' and 7 are no words
    out.problems.clear()
    r.keys(m, ["name"], [], "unit")
    unknown = [p for p in out.problems if p.code == "unknown-field"]
    assert len(unknown) == 10 and (unknown[0].line, unknown[0].col) == (2, 1)


def test_an_empty_required_text_is_empty_and_an_optional_one_is_kept() -> None:
    out = Collector("x")
    r = Reader(out)
    m = r.mapping(load_bytes(b"a: ''\nb: '  '\n", out), "units-file")
    assert m is not None
    assert r.text(m, "a") is None and r.text(m, "b", required=False) == "  "
    assert codes(out) == [(1, 4, "empty-value")]
