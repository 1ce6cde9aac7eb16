"""Each problem kind of the YAML layer, with its exact line and column."""

from __future__ import annotations

import pytest

from tracker.core.problems import Collector
from tracker.load.yamltree import MapNode, ScalarNode, SeqNode, load_bytes


def load(text: str | bytes):  # type: ignore[no-untyped-def]
    out = Collector("f.yaml")
    data = text.encode("utf-8") if isinstance(text, str) else text
    return load_bytes(data, out), [(p.line, p.col, p.code) for p in out.problems]


def test_positions_are_one_based_for_keys_and_values() -> None:
    node, problems = load("a: 1\nb:\n  - x\n  - {c: 中文}\n")
    assert problems == []
    assert isinstance(node, MapNode)
    assert node.key_pos["b"].line == 2 and node.key_pos["b"].col == 1
    seq = node.items["b"]
    assert isinstance(seq, SeqNode)
    assert (seq.items[0].pos.line, seq.items[0].pos.col) == (3, 5)
    inner = seq.items[1]
    assert isinstance(inner, MapNode)
    assert (inner.items["c"].pos.line, inner.items["c"].pos.col) == (4, 9)


def test_syntax_error_points_at_the_problem() -> None:
    node, problems = load("a: 1\nb: [1, 2\nc: 3\n")
    assert node is None
    assert problems[0][2] == "syntax"
    assert problems[0][:2] == (2, 4)  # where the bracket that is never closed opens


def test_duplicate_key_reported_and_first_kept() -> None:
    node, problems = load("id: 1\ntext: a\nid: 2\n")
    assert problems == [(3, 1, "duplicate-key")]
    assert isinstance(node, MapNode)
    first = node.items["id"]
    assert isinstance(first, ScalarNode) and first.value == 1


@pytest.mark.parametrize(
    ("text", "col"),
    [("flag: no\n", 7), ("flag: On\n", 7), ("time: 12:30\n", 7), ("code: 0123\n", 7), ("hex: 0x1F\n", 6)],
)
def test_yaml11_values_are_flagged_and_kept_as_text(text: str, col: int) -> None:
    node, problems = load(text)
    assert problems == [(1, col, "yaml11-value")]
    assert isinstance(node, MapNode)
    value = next(iter(node.items.values()))
    assert isinstance(value, ScalarNode) and isinstance(value.value, str)


def test_quoted_yaml11_words_are_fine() -> None:
    node, problems = load('flag: "no"\ntime: "12:30"\n')
    assert problems == []


def test_anchor_and_alias_are_refused() -> None:
    _, problems = load("a: &x 1\nb: *x\n")
    assert problems == [(1, 4, "anchor"), (2, 4, "alias")]


def test_tag_is_refused() -> None:
    _, problems = load("a: !!python/name:os.system x\n")
    assert [p[2] for p in problems] == ["tag"]


def test_invalid_utf8_points_at_the_byte() -> None:
    node, problems = load("a: 1\nb: 中".encode() + b"\xff\n")
    assert node is None
    assert problems == [(2, 5, "encoding")]


def test_gbk_file_is_reported_not_crashed() -> None:
    _, problems = load("名称: 应急局\n".encode("gbk"))
    assert problems[0][2] == "encoding"


@pytest.mark.parametrize("space", ["\u00a0", "\u3000", "\u2003"])
def test_a_space_that_is_not_one_in_indentation_is_reported_at_its_own_line(space: str) -> None:
    """A no-break or full-width space indenting a line: YAML reads it as text and its parser names the next
    line; the problem stands where the character does."""
    _, problems = load(f"a:\n  b: 1\n{space} c: 2\n  d: 3\n")
    assert problems == [(3, 1, "space-indent")]
    _, problems = load(f"a:\n  b: 1\n {space}c: 2\n  d: 3\n")
    assert problems == [(3, 2, "space-indent")]


def test_a_full_width_space_opening_a_paragraph_is_text() -> None:
    node, problems = load("note: |\n  \u3000\u3000第一段。\n  \u3000\u3000第二段。\n")
    assert problems == []
    assert isinstance(node, MapNode) and node.items["note"].value == "\u3000\u3000第一段。\n\u3000\u3000第二段。\n"


def test_tab_in_indentation() -> None:
    node, problems = load("a:\n\t- 1\n")
    assert node is None
    assert problems == [(2, 1, "tab")]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "\ufeff"])
def test_empty_file(text: str) -> None:
    node, problems = load(text)
    assert node is None
    assert problems == [(1, 1, "empty-file")]


def test_bom_and_crlf_are_accepted() -> None:
    node, problems = load(b"\xef\xbb\xbfa: 1\r\nb: \xe4\xb8\xad\r\n")
    assert problems == []
    assert isinstance(node, MapNode)
    b = node.items["b"]
    assert isinstance(b, ScalarNode) and b.value == "中" and b.pos.line == 2


def test_conflict_markers_are_found_on_their_lines() -> None:
    _, problems = load("a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> other\n")
    assert [(line, code) for line, _, code in problems] == [
        (2, "conflict-marker"), (4, "conflict-marker"), (6, "conflict-marker")]


def test_second_document_is_flagged() -> None:
    _, problems = load("a: 1\n---\nb: 2\n")
    assert problems == [(2, 1, "multi-document")]


def test_control_character_is_a_problem_with_position() -> None:
    node, problems = load("a: 1\nb: x\x07\n")
    assert node is None
    assert problems[0][:2] == (2, 5)


def test_deep_nesting_does_not_crash() -> None:
    node, problems = load("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert node is not None or problems
