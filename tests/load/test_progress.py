"""Reading progress files: the fast path and the YAML path agree, and problems carry positions."""

from __future__ import annotations

import json

from tracker.load.progress import header, read_progress, record_line

ENTRY = {"id": "20250901-aaaaaa", "type": "progress", "date": "2025-09-01", "task": 15, "status": "in-progress",
         "percent": 40, "note": "第一季度检查：完成, \"引号\"\n第二行", "evidence": ["a.pdf"], "by": "张三"}


def text_of(*records: dict[str, object]) -> str:
    return header("emergency", "鄂州市应急管理局") + "".join(record_line(r) for r in records)


def test_record_line_is_one_line_in_fixed_order() -> None:
    line = record_line({"by": "x", "task": 3, "id": "i", "type": "progress", "note": "", "evidence": []})
    assert line == '- {"id": "i", "type": "progress", "task": 3, "by": "x"}\n'
    assert line.count("\n") == 1


def test_fast_and_yaml_paths_read_the_same_records() -> None:
    text = text_of(ENTRY, {**ENTRY, "id": "20250902-bbbbbb", "percent": 50.5})
    fast = read_progress(text.encode(), "p.yaml")
    assert fast.records[0].line_text is not None  # read by the fast path
    slow = read_progress(("# hand edit\n" + text.replace("unit: emergency", "unit: 'emergency'")).encode(),
                         "p.yaml")
    assert slow.records[0].value_pos is not None  # read by the YAML path
    assert [r.values for r in fast.records] == [r.values for r in slow.records]
    assert fast.records[0].values == ENTRY
    assert fast.unit == slow.unit == "emergency"
    assert [r.pos.line for r in fast.records] == [6, 7]


def test_fast_path_positions_point_at_values() -> None:
    raw = read_progress(text_of(ENTRY).encode(), "p.yaml")
    line = text_of(ENTRY).splitlines()[5]
    pos = raw.records[0].at("percent")
    assert pos.line == 6 and line[pos.col - 1:].startswith("40,")


def test_hand_written_yaml_records_are_read() -> None:
    text = "unit: emergency\nentries:\n  - id: x1\n    type: progress\n    date: 2025-09-01\n    task: 15\n" \
           "    status: done\n"
    raw = read_progress(text.encode(), "p.yaml")
    assert raw.problems == []
    assert raw.records[0].values["status"] == "done"
    assert raw.records[0].at("status").line == 7


def test_duplicate_key_in_a_json_line_is_not_silently_dropped() -> None:
    text = text_of(ENTRY).replace('"percent": 40', '"percent": 40, "percent": 90')
    raw = read_progress(text.encode(), "p.yaml")
    assert [(p.line, p.code) for p in raw.problems] == [(6, "duplicate-key")]


def test_crlf_and_bom_take_the_fast_path() -> None:
    text = "\ufeff" + text_of(ENTRY).replace("\n", "\r\n")
    raw = read_progress(text.encode(), "p.yaml")
    assert raw.problems == [] and raw.records[0].line_text is not None
    assert raw.records[0].values["note"] == ENTRY["note"]


def test_broken_line_is_reported_with_position() -> None:
    text = text_of(ENTRY) + '- {"id": "x", "type": \n'
    raw = read_progress(text.encode(), "p.yaml")
    assert raw.problems and raw.problems[0].code == "syntax" and raw.problems[0].line >= 7


def test_values_survive_json_round_trip() -> None:
    raw = read_progress(text_of(ENTRY).encode(), "p.yaml")
    assert json.loads(record_line(raw.records[0].values)[2:]) == ENTRY


def test_a_line_with_anything_after_its_object_is_read_as_yaml() -> None:
    line = record_line(ENTRY).rstrip("\n")
    for tail in ("  ", "  # 补记", " "):
        raw = read_progress((text_of() + line + tail + "\n").encode(), "p.yaml")
        assert raw.records[0].value_pos is not None, repr(tail)  # the YAML path, with positions
        assert raw.records[0].values == ENTRY and raw.problems == []
    raw = read_progress((text_of() + line + ' {"id": "x"}\n').encode(), "p.yaml")
    assert raw.records == [] and raw.problems[0].code == "syntax" and raw.problems[0].line == 6


def test_a_multi_line_record_is_read_alone_and_the_rest_stays_fast() -> None:
    hand = ("- id: 20250903-cccccc\n  type: progress\n  date: 2025-09-03\n\n  # 手工补记\n  task: 15\n"
            "  status: done\n")
    text = text_of(ENTRY) + hand + record_line({**ENTRY, "id": "20250904-dddddd"})
    raw = read_progress(text.encode(), "p.yaml")
    assert raw.problems == []
    assert [r.pos.line for r in raw.records] == [6, 7, 14]
    assert raw.records[0].line_text is not None and raw.records[2].line_text is not None  # not the YAML path
    assert raw.records[1].values == {"id": "20250903-cccccc", "type": "progress", "date": "2025-09-03",
                                     "task": 15, "status": "done"}
    assert raw.records[1].at("status") == (13, 11) and raw.records[1].at("id") == (7, 7)
    whole = read_progress(("# hand edit\n" + text).replace("unit: emergency", "unit: 'emergency'").encode(),
                          "p.yaml")
    assert [r.values for r in whole.records] == [r.values for r in raw.records]


def test_a_broken_multi_line_record_costs_only_itself() -> None:
    text = text_of(ENTRY) + '- {"id": "x",\n   "type": [\n' + record_line({**ENTRY, "id": "20250904-dddddd"})
    raw = read_progress(text.encode(), "p.yaml")
    assert [r.values["id"] for r in raw.records] == [ENTRY["id"], "20250904-dddddd"]
    assert [p.code for p in raw.problems] == ["syntax"] and raw.problems[0].line == 8
    flow = text_of(ENTRY) + '- {"id": "y", "type": "progress",\n   "task": 15}\n'
    raw = read_progress(flow.encode(), "p.yaml")
    assert raw.problems == [] and raw.records[1].values == {"id": "y", "type": "progress", "task": 15}
    assert raw.records[1].at("task") == (8, 12)


def test_an_indented_multi_line_record_with_a_comment_at_the_margin() -> None:
    text = ("unit: emergency\nentries:\n  - id: x1\n    type: progress\n# 补记\n    date: 2025-09-01\n"
            "    task: 15\n    status: done\n" + record_line({**ENTRY, "id": "x2"}).replace("- {", "  - {"))
    raw = read_progress(text.encode(), "p.yaml")
    assert raw.problems == []
    assert [r.values["id"] for r in raw.records] == ["x1", "x2"]
    assert raw.records[0].at("status") == (8, 13) and raw.records[1].pos.line == 9


def _lines_read(text: str) -> tuple[list[tuple[object, ...]], list[tuple[int, int, str]]]:
    """What the line-by-line reading (or the YAML one) makes of a file: records and problems."""
    from tracker.core.problems import Collector
    from tracker.load.progress import _fast, _slow

    raw = _fast(text, "p.yaml", Collector("p.yaml")) or _slow(text, "p.yaml", Collector("p.yaml"))
    return ([(r.values, r.pos, r.line_text, r.value_pos) for r in raw.records],
            [(p.line, p.col, p.code) for p in raw.problems])


def test_the_whole_file_reading_takes_only_what_it_reads_the_same() -> None:
    """A file in the tool's exact layout is read as one JSON array; anything that reading could get wrong (a
    key written twice however it is spaced, records run together across lines, nesting, trailing blanks)
    sends the file line by line, and either way the records and problems are the same."""
    from tracker.load.progress import _whole

    plain = text_of(ENTRY, {**ENTRY, "id": "20250902-bbbbbb", "percent": 50.5, "note": "复查：已整改"})
    assert _whole(text_of(ENTRY, {**ENTRY, "id": "b"}), "p.yaml") is not None
    assert _whole(text_of(ENTRY).replace("\n", "\r\n"), "p.yaml") is not None
    assert _whole(text_of(), "p.yaml") is not None
    first = record_line(ENTRY).rstrip("\n")
    variants = {
        "plain": plain,
        "brackets in a note": text_of(ENTRY, {**ENTRY, "id": "b", "note": "括号[已整改]{注}"}),
        "twice, spaced": text_of(ENTRY) + first[:-1] + ', "percent" : 90}\n',
        "twice, tight": text_of(ENTRY) + first[:-1] + ', "percent":90}\n',
        "twice, escaped": text_of(ENTRY) + first[:-1] + ', "\\u0070ercent": 90}\n',
        "run together": text_of() + '- {"a": [1\n- {"b": 2}]}\n- {"c": 1}, {"d": 2}\n',
        "nested": text_of(ENTRY) + '- {"id": "n", "evidence": [["a"]]}\n- {"id": "m", "note": {"x": [1]}}\n',
        "trailing blank": text_of(ENTRY) + first + "  \n",
        "tab": text_of(ENTRY) + first.replace(", ", ",\t", 1) + "\n",
        "blank line": text_of(ENTRY) + "\n" + first + "\n",
        "comment": text_of(ENTRY) + "# 补记\n" + first + "\n",
        "no final newline": text_of(ENTRY) + first,
        "bare cr": text_of(ENTRY).replace("\n", "\r", 1),
        "colon in a note": text_of({**ENTRY, "note": 'a\\": b'}),
        "constant": text_of(ENTRY) + first.replace('"percent": 40', '"percent": NaN') + "\n",
        "hand-written": text_of(ENTRY) + "- id: x\n  type: progress\n",
    }
    for name, text in variants.items():
        raw = read_progress(text.encode(), "p.yaml")
        got = ([(r.values, r.pos, r.line_text, r.value_pos) for r in raw.records],
               [(p.line, p.col, p.code) for p in raw.problems])
        assert got == _lines_read(text.replace("\r\n", "\n") if name == "plain" else text), name
        whole = _whole(text, "p.yaml")
        assert (whole is not None) == (name in ("plain", "no final newline")), name


def test_whole_reading_agrees_with_the_line_by_line_one_on_mutated_files() -> None:
    """Files in the tool's layout with a few adversarial insertions (quotes, escapes, brackets, CR, BOM, key
    repeats, NaN, huge numbers, a second ``entries:``): whenever ``_whole`` takes one, ``_fast`` (or ``_slow``)
    gives the same unit, records, values, positions, line texts and problems. (Held at 180,000 cases in the
    review: no difference.)"""
    import json
    import random

    from tracker.core.problems import Collector
    from tracker.load.progress import _fast, _slow, _whole

    rng = random.Random(11)
    head = "# 进度记录\n# c\nunit: emergency\nentries:\n"
    base = ['- {"id": "a1", "type": "progress", "date": "2025-09-01", "task": 15, "status": "done", '
            '"evidence": ["x.pdf", "y"]}',
            '- {"id": "a2", "type": "progress", "date": "2025-09-02", "task": "15", "status": "in-progress", '
            '"percent": 40.5, "note": "n"}',
            '- {"id": "a3", "type": "withdraw", "date": "2025-09-03", "withdraws": "a2", "note": "x"}']
    tokens = ['"', "\\", '\\"', "\\u0061", "\\u0022", "{", "}", "[", "]", ":", '": ', '":', " :", ",", "\t", "\r",
              "\r\n", "\n", " ", '"id": "a1"', ', "id": "z"', ', "\\u0069d": "z"', "NaN", "Infinity", "-0", "1e400",
              "1" * 30, "\ufeff", "\u2028", "\x85", "- {", "}\n- {", "entries:\n", "unit: x\n", "#", "[[1]]",
              '{"a": 1}', ', "k": [1, 2]', ', "k": {"a": 1}', "\\n", "\x00"]

    def key(raw: object) -> object:
        return None if raw is None else (
            raw.unit, tuple(raw.unit_pos), raw.readable, [tuple(p) for p in raw.problems],  # type: ignore[attr-defined]
            [(json.dumps(r.values, sort_keys=True, default=str), tuple(r.pos), r.line_text)
             for r in raw.records])  # type: ignore[attr-defined]

    taken = 0
    for _ in range(4000):
        text = head + "\n".join(rng.choice(base) for _ in range(rng.randint(0, 4)))
        text += "\n" if rng.random() < 0.8 else ""
        if rng.random() < 0.3:
            text = text.replace("\n", "\r\n")
        for _ in range(rng.randint(0, 3)):
            at, tok = rng.randint(0, len(text)), rng.choice(tokens)
            text = text[:at] + tok + text[at + (rng.randint(1, 4) if rng.random() < 0.3 else 0):]
        whole = _whole(text, "p.yaml")
        if whole is None:
            continue
        taken += 1
        other = _fast(text, "p.yaml", Collector("p.yaml")) or _slow(text, "p.yaml", Collector("p.yaml"))
        assert key(whole) == key(other), repr(text)
    assert taken > 400


def test_a_lone_surrogate_escape_costs_its_record_with_a_problem() -> None:
    r"""JSON's "\ud800" reads as half a character, which no output can write: the record is dropped with the
    problem at its line; a pair of escapes is one whole character and reads as it."""
    half = record_line({**ENTRY, "id": "h1"}).replace("第二行", "\\ud800")
    pair = record_line({**ENTRY, "id": "p1"}).replace("第二行", "\\ud83d\\ude00")
    raw = read_progress((text_of(ENTRY) + half + pair).encode(), "p.yaml")
    assert [r.values["id"] for r in raw.records] == [ENTRY["id"], "p1"]
    assert raw.records[1].values["note"].endswith("\U0001f600")
    assert [(p.line, p.code) for p in raw.problems] == [(7, "lone-surrogate")]
    assert "\\ud800" in raw.problems[0].message()


def test_a_record_indented_with_no_break_spaces_is_reported_at_its_line() -> None:
    """A hand-written record whose key line is indented with U+00A0: the problem names that line, not the
    next one (as the parser alone would)."""
    text = text_of(ENTRY) + '- id: "x1"\n  type: progress\n\u00a0 date: "2025-09-02"\n  task: 15\n'
    raw = read_progress(text.encode(), "p.yaml")
    assert [(p.line, p.col, p.code) for p in raw.problems] == [(9, 1, "space-indent")]


def test_a_key_made_to_share_a_known_keys_hash_is_read_as_written() -> None:
    """A reader that finds keys by a hash alone (orjson keeps one for every key up to 64 bytes, process-wide)
    would read this milestone's made-up key, whose XXH3 hash is that of ``due``, as ``due``, or ``due`` as it
    when it came first: a district could give itself, or take from the units read after it, a date it never
    wrote. Every reading keeps each key as it is written; the made-up one is an unknown field."""
    made_up = "kph\u0309\u052a\x06"  # UTF-8 b"kph\xcc\x89\xd4\xaa\x06": the xxh3_64 of b"due"
    line = '- {{"id": "{}", "type": "milestone", "date": "2025-09-01", "task": 15, {}: "{}", "milestone": "a"}}\n'
    due = line.format("m1", '"due"', "2025-10-01")
    other = line.format("m2", json.dumps(made_up, ensure_ascii=False), "2025-12-31")
    for text in ("unit: emergency\nentries:\n" + due + other, "unit: emergency\nentries:\n" + other + due):
        records = {r.values["id"]: r.values for r in read_progress(text.encode(), "p.yaml").records}
        assert records["m1"] == {**records["m1"], "due": "2025-10-01"} and made_up not in records["m1"]
        assert records["m2"][made_up] == "2025-12-31" and "due" not in records["m2"]
