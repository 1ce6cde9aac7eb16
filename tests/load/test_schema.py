"""The settings sections read by one schema (``load.schema``): a misspelled key, a value of the wrong kind, a
number out of range, a list where a mapping belongs — each is a problem at its place with a suggestion, never
a crash; and a fuzz over every section holds `validate`, `report` and `score` to "exit 0, or 1 with a
problem", never 3."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO
from tracker.cli.app import app
from tracker.core.i18n import word
from tracker.load.catalog import load_catalog_bytes
from tracker.load.levels import load_levels_bytes
from tracker.load.schema import SETTINGS

runner = CliRunner()
MINI = REPO / "tests" / "data" / "mini"
TASKS = (MINI / "tasks.yaml").read_text(encoding="utf-8")
UNITS = (MINI / "units.yaml").read_text(encoding="utf-8")
PROBLEM = re.compile(r"^(tasks|units|levels)\.yaml:\d+:\d+: 错误 [a-z-]+: ", re.M)


def load(tasks: str = TASKS, units: str = UNITS):  # type: ignore[no-untyped-def]
    return load_catalog_bytes(tasks.encode(), "tasks.yaml", units.encode(), "units.yaml")


def test_every_section_is_named_in_both_languages() -> None:
    for shape in SETTINGS:
        zh, en = word(shape)
        assert zh and en


def test_a_misspelled_scoring_key_is_a_problem_at_the_key_with_the_allowed_keys() -> None:
    """The reported case: ``bonus: 5`` under ``scoring:`` was "内部错误：KeyError: 'word.scoring'"."""
    loaded = load(TASKS + "scoring:\n  bonus: 5\n  red: -3\n")
    assert loaded.catalog is not None and loaded.catalog.scoring.red == -3
    (p,) = loaded.problems
    assert (p.path, p.code, p.line, p.col) == ("tasks.yaml", "unknown-field", TASKS.count("\n") + 2, 3)
    assert "考核计分规则（scoring）" in p.message() and "done_on_time" in p.hint()


def test_a_close_key_is_suggested_in_every_section() -> None:
    found = load(TASKS.replace("  silent_days: 30", "  silent_day: 30"))
    assert [p.hint() for p in found.problems] == ['你是不是要写 "silent_days"？']
    found = load(units=UNITS.replace("    short: 乙局", "    shrt: 乙局"))
    assert {"unknown-field", "missing-field"} <= {p.code for p in found.problems}
    assert any(p.hint() == '你是不是要写 "short"？' for p in found.problems)
    levels = load_levels_bytes("levels:\n  - name: 区\n    sorce: ../q\n".encode())
    assert [(p.code, p.hint()) for p in levels.problems] == [("unknown-field", '你是不是要写 "source"？'),
                                                               ("missing-field", "加上 source: …")]


def test_wrong_kinds_and_ranges_are_problems_at_their_values() -> None:
    text = TASKS.replace("  silent_days: 30", "  silent_days: 0\n  reply_days: [7]\n  escalate_after: 二")
    loaded = load(text + "scoring:\n  action_weights: [1, 2]\n  red: 很多\nladder:\n  - name: 提醒\n  - 督办\n")
    assert loaded.catalog is not None
    assert sorted(p.code for p in loaded.problems) == ["out-of-range", "wrong-type", "wrong-type", "wrong-type",
                                                       "wrong-type", "wrong-type"]
    assert loaded.catalog.thresholds.silent_days == 30  # a value in error keeps its default
    assert [s.name for s in loaded.catalog.ladder] == ["提醒"]


def test_the_trust_root_is_a_commit_id() -> None:
    good = load(units="trust_root: " + "ab" * 20 + "\n" + UNITS)
    assert good.problems == [] and good.catalog is not None and good.catalog.trust_root == "ab" * 20
    bad = load(units="trust_root: HEAD~3\n" + UNITS)
    assert [(p.code, p.line, p.col) for p in bad.problems] == [("bad-value", 1, 13)]


# ---------------------------------------------------------------- the fuzz

KEYS = {
    "warnings": ["near_days", "silent_days", "escalate_after", "reply_days"],
    "scoring": ["base", "done_on_time", "red", "yellow", "late_request", "action_weights", "notes"],
    "ladder": ["name", "title", "text"],
    "unit": ["id", "name", "short", "kind", "aliases", "members", "open", "maintainers", "ambiguous"],
    "level": ["name", "source", "ref"],
}


def _scalar(rng: random.Random) -> str:
    return rng.choice(["0", "-3", "7", "1.5", "1e400", "二", "'7'", "true", "no", "~", "2025-13-40", "2025-09-30",
                       '"@x"', "12:30", "0o17", "[]", "{}", "''", '"a\\u0000b"', "'张三 <z@x.org>'", "office",
                       "ab" * 20])


def _value(rng: random.Random, depth: int = 0) -> str:
    roll = rng.random()
    if depth < 2 and roll < 0.15:
        return "[" + ", ".join(_value(rng, depth + 1) for _ in range(rng.randint(0, 3))) + "]"
    if depth < 2 and roll < 0.3:
        return "{" + ", ".join(f"{_key(rng, KEYS['scoring'])}: {_value(rng, depth + 1)}"
                               for _ in range(rng.randint(0, 2))) + "}"
    return _scalar(rng)


def _key(rng: random.Random, keys: list[str]) -> str:
    key = rng.choice(keys)
    roll = rng.random()
    if roll < 0.2 and len(key) > 2:
        i = rng.randrange(len(key) - 1)
        return key[:i] + key[i + 1:]  # a letter dropped
    if roll < 0.3:
        return rng.choice(["bonus", "1", "说明", "null"])
    return key


def _mapping(rng: random.Random, keys: list[str], indent: str) -> str:
    return "".join(f"{indent}{_key(rng, keys)}: {_value(rng)}\n" for _ in range(rng.randint(0, 4)))


def _mutate(rng: random.Random, folder: Path) -> str:
    """One section of the folder's settings made at random; returns which."""
    which = rng.choice(["warnings", "scoring", "ladder", "units-file", "unit", "levels"])
    tasks, units = TASKS, UNITS
    if which == "warnings":
        tasks = re.sub(r"warnings:\n(  .*\n)+", "", tasks) + "warnings:\n" + _mapping(rng, KEYS["warnings"], "  ")
    elif which == "scoring":
        tasks += rng.choice(["scoring:\n" + _mapping(rng, KEYS["scoring"], "  "), f"scoring: {_value(rng)}\n",
                             "scoring:\n  action_weights:\n" + _mapping(rng, ["1", "2", "9", "x"], "    ")])
    elif which == "ladder":
        steps = "".join("  - " + _mapping(rng, KEYS["ladder"], "    ").lstrip() or "  - {}\n"
                        for _ in range(rng.randint(0, 3)))
        tasks += rng.choice(["ladder:\n" + steps, f"ladder: {_value(rng)}\n"])
    elif which == "units-file":
        units = rng.choice([f"trust_root: {_value(rng)}\n", f"{_key(rng, ['units', 'trust_root'])}: 1\n"]) + units
    elif which == "unit":
        units += "  - " + _mapping(rng, KEYS["unit"], "    ").lstrip()
    else:
        (folder / "levels.yaml").write_text(rng.choice(
            ["levels:\n" + "".join("  - " + _mapping(rng, KEYS["level"], "    ").lstrip() for _ in range(2)),
             f"levels: {_value(rng)}\n", _mapping(rng, ["levels", "level"], "")]), encoding="utf-8")
    (folder / "tasks.yaml").write_text(tasks, encoding="utf-8")
    (folder / "units.yaml").write_text(units, encoding="utf-8")
    return which


@pytest.mark.parametrize("seed", range(6))
def test_no_configuration_is_a_crash(tmp_path: Path, seed: int) -> None:
    """Every section of the settings, written at random (misspelled keys, values of every kind, nesting): the
    commands that read them end with exit 0, or 1 naming a problem at file:line:col — never 3."""
    rng = random.Random(seed)
    folder = tmp_path / "f"
    for n in range(12):
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(MINI, folder, ignore=shutil.ignore_patterns(".tracker-cache"))
        which = _mutate(rng, folder)
        for command in (["validate"], ["report", "--as-of", "2025-10-15"], ["score", "--as-of", "2025-10-15"]):
            result = runner.invoke(app, ["--root", str(folder), *command])
            said = f"{which} #{n}: {command}\n{(folder / 'tasks.yaml').read_text()[-300:]}\n{result.output}"
            assert result.exit_code in (0, 1), said
            assert "内部错误" not in result.output, said
            if command == ["validate"] and result.exit_code == 1:
                assert PROBLEM.search(result.output), said
