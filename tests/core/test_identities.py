"""Maintainer identities are validated where they are written, and CODEOWNERS stays one owner line per file
whatever units.yaml holds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli.app import app
from tracker.load.catalog import load_catalog
from tracker.render.codeowners import Platform, codeowners

runner = CliRunner()
HOSTILE = ['"@u\\n* @attacker"', '"@u #x"', '"@ u"', '"张三"', '"a\\e[2J <a@b.org>"', '"x <a@b.org> # y"',
           '"@u\\u202e"', '"a\\u202e <a@b.org>"']


def with_maintainers(folder: Path, entries: str) -> None:
    units = folder / "units.yaml"
    text = units.read_text(encoding="utf-8")
    units.write_text(text.replace("    short: 市应急局\n", f"    short: 市应急局\n    maintainers: [{entries}]\n", 1),
                     encoding="utf-8")


@pytest.mark.parametrize("entry", HOSTILE)
def test_a_bad_maintainer_is_a_problem_at_its_position(folder: Path, entry: str) -> None:
    with_maintainers(folder, f'"@ok", {entry}')
    result = runner.invoke(app, ["--root", str(folder), "validate", "-f", "json"])
    assert result.exit_code == 1
    problems = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "bad-identity"]
    assert len(problems) == 1
    line, text = next((n, text) for n, text in
                      enumerate((folder / "units.yaml").read_text(encoding="utf-8").splitlines(), 1)
                      if "maintainers: [" in text and "@ok" in text)
    assert (problems[0]["path"], problems[0]["line"], problems[0]["col"]) == ("units.yaml", line,
                                                                             text.index(entry) + 1)


def test_good_identities_pass(folder: Path) -> None:
    with_maintainers(folder, '"@lisi", "@org/team-a", 张三 <zs@example.org>, Zhang San <zs@example.org>, '
                             "zs@example.org")
    result = runner.invoke(app, ["--root", str(folder), "validate", "-f", "json"])
    assert not [p for p in json.loads(result.stdout)["problems"] if p["code"] == "bad-identity"]


@pytest.mark.parametrize("platform", list(Platform))
def test_codeowners_is_line_safe_by_construction(folder: Path, platform: Platform) -> None:
    with_maintainers(folder, '"@lisi"')
    loaded = load_catalog(folder / "tasks.yaml", folder / "units.yaml")
    cat = loaded.catalog
    assert cat is not None
    evil = ("@u\n* @attacker", "@u #x", "x <a@b.org>\r\n/tasks.yaml @evil", "@lisi")
    cat.units["emergency"] = cat.units["emergency"]._replace(maintainers=evil)
    text = codeowners(cat, platform, "sub dir/\n* @x/")
    rules = [re.split(r"(?<!\\) ", line) for line in text.split("\n")[:-1] if not line.startswith("#")]
    assert all(owner in ("@lisi", "office@example.org") for _, *owners in rules for owner in owners)
    mine = [rule for rule in rules if "emergency" in rule[0]]
    assert len(mine) == 1 and mine[0][1:] == ["@lisi"] and mine[0][0].count("sub\\ dir/\\n*\\ @x/") == 1
    assert "\r" not in text


@pytest.mark.parametrize(("entry", "valid"), [
    ("张三 <zhang@example.org>", True), ("zhang@example.org", True), ("@fire-rescue", True), ("@ezhou/office", True),
    ("Zhang San <zhang@example.org>", True),
    (" zhang@example.org", False), ("@fire rescue", False), ("张三 <zhang@example.org> # x", False),
    ("张三\n<zhang@example.org>", False), ("@org/team/sub", False), ("张三", False), ("<zhang@example.org>", False),
    ("a\u202e <a@b.org>", False), ("@", False), ("", False),
])
def test_a_maintainer_is_a_git_identity_or_a_handle_and_nothing_else(entry: str, valid: bool) -> None:
    from tracker.core.identities import valid_identity

    assert valid_identity(entry) is valid
