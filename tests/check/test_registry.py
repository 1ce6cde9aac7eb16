"""The registry of record rules: each row declares what its module files, the schema comes from the rows,
the runner calls the hooks in the rows' order, and the cache is keyed by the rows, so a rule added through
the registry is never served results cached before it."""

from __future__ import annotations

import ast
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.core.test_codes import CODE
from tracker.check import records, registry
from tracker.check.registry import RULES, Rule, Shape
from tracker.core.codes import CODES, Code
from tracker.folder import cache
from tracker.folder.pipeline import load_checked
from tracker.folder.root import Root

CHECK = REPO / "src" / "tracker" / "check"
TODAY = dt.date(2025, 10, 15)


def literal_codes(path: Path) -> set[str]:
    """The registered codes a module names as string literals (each filed where it stands: the rules pass a
    code to ``out.add``, ``out.warn`` or ``c.bad`` as written)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in CODES:
            found.add(node.value)
    return found


def module_path(rule: Rule) -> Path:
    return REPO / "src" / Path(*rule.where.split(".")).with_suffix(".py")


def test_every_rule_declares_exactly_the_codes_its_module_files() -> None:
    for rule in RULES:
        assert set(rule.codes) == literal_codes(module_path(rule)), rule.name
        assert len(set(rule.codes)) == len(rule.codes), rule.name


def test_the_runner_and_what_rules_are_handed_file_no_code_of_their_own() -> None:
    """Every code a record can get is some rule's: the runner only calls them."""
    for name in ("records.py", "context.py", "quick.py", "checked.py", "registry.py"):
        codes = literal_codes(CHECK / name)
        assert codes == set() or name == "registry.py", name  # the registry names them, in its rows


def test_every_module_under_rules_has_a_row_and_every_row_a_module() -> None:
    modules = {p.stem for p in (CHECK / "rules").glob("*.py") if p.name != "__init__.py"}
    assert {r.name for r in RULES} == modules
    assert all(CODE.fullmatch(c) and c in CODES for r in RULES for c in r.codes)


def test_a_rule_reads_only_fields_some_record_type_has() -> None:
    schema = {f for required, optional in registry.fields().values() for f in required | optional}
    for rule in RULES:
        assert set(rule.fields) <= schema, rule.name


def test_the_schema_is_the_rows() -> None:
    """``records.FIELDS`` (which the CLI builds records from) is the types the rules make, in their order."""
    assert records.TYPES == ("progress", "milestone", "verify", "reject", "withdraw", "extend", "approve", "refuse",
                             "reminder", "reply")
    assert records.FIELDS["reject"] == ({"id", "type", "date", "task", "note"}, {"decides", "digest", "by"})
    assert list(records.FIELDS) == list(records.TYPES)


def test_the_runner_calls_the_hooks_in_the_rows_order() -> None:
    staged = records.staged()
    assert [h.__module__.rsplit(".", 1)[1] for h in staged.checks] == [
        "withdrawals", "extensions", "replies", "trends", "deadlines", "claims", "replacements"]
    assert [h.__module__.rsplit(".", 1)[1] for h in staged.reads] == ["fields", "dates"]
    assert staged.makers["verify"][0].__module__ == "tracker.check.rules.decisions"


def test_two_rules_making_one_type_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "RULES", (*RULES, Rule("milestones", (), types=(Shape("verify", ("id",)),))))
    with pytest.raises(ValueError, match="verify"):
        records.staged()


def test_the_digest_follows_codes_levels_fields_types_and_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    base = registry.digest_of(RULES)
    first, *rest = RULES
    changed = [
        (first._replace(codes=first.codes[:-1]), *rest),
        (first._replace(fields=("task",)), *rest),
        (first._replace(version=2), *rest),
        (first._replace(types=(Shape("x", ("id",)),)), *rest),
        (*rest, first),  # the order is when hooks run
    ]
    assert len({base, *(registry.digest_of(rules) for rules in changed)}) == len(changed) + 1
    monkeypatch.setitem(CODES, first.codes[0], CODES[first.codes[0]]._replace(level="warning"))
    assert registry.digest_of(RULES) != base


def test_the_digest_is_the_same_in_every_process() -> None:
    """What keys the cache is made of the rows alone: another process (another run) computes the same."""
    other = subprocess.run([sys.executable, "-c", "from tracker.check import registry; print(registry.digest())"],
                           capture_output=True, text=True, check=True).stdout.strip()
    assert other == registry.digest() and len(other) == 24


def test_a_rule_added_through_the_registry_is_never_served_results_cached_before_it(
        mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One new module (tests/check/throwaway_rule.py) and one row: the cache key changes, the files are checked
    again, and the new rule's warning is there, cached or not."""
    from tests.check import throwaway_rule

    root = Root(mini)
    before = load_checked(root, TODAY)  # checks every file and caches them
    assert not any(p.code == throwaway_rule.CODE for p in before.problems)
    key = registry.digest()
    pack = next(cache.cache_dir(mini).glob("progress-*.pack"))
    assert json.loads(pack.read_bytes().partition(b"\n")[0])["rules"] == key

    monkeypatch.setitem(CODES, throwaway_rule.CODE, Code("warning", "任务 {task} 恰好过半", "task {task} is half way",
                                                         "", "", "测试用规则。", "A rule for a test."))
    row = Rule("throwaway", (throwaway_rule.CODE,), ("percent",), module=throwaway_rule.__name__)
    monkeypatch.setattr(registry, "RULES", (*RULES, row))
    assert registry.digest() != key
    after = load_checked(root, TODAY)
    found = [(p.path, p.line) for p in after.problems if p.code == throwaway_rule.CODE]
    assert found == [("progress/a.yaml", 6)]  # a4: task 2 at 50 percent
    assert json.loads(pack.read_bytes().partition(b"\n")[0])["rules"] == registry.digest()
    assert load_checked(root, TODAY).problems == after.problems == load_checked(root, TODAY, use_cache=False).problems

    # and the key is what keeps the old results out: under the old key, the cache serves them
    monkeypatch.setattr(registry, "RULES", RULES)
    load_checked(root, TODAY)
    monkeypatch.setattr(registry, "RULES", (*RULES, row))
    monkeypatch.setattr(registry, "digest", lambda: key)
    assert not any(p.code == throwaway_rule.CODE for p in load_checked(root, TODAY).problems)


def test_every_field_a_record_type_names_is_described_once_and_nothing_else_is() -> None:
    named = {f for req, opt in registry.fields().values() for f in (*req, *opt)}
    listed = [f.name for f in registry.VALUES]
    assert len(listed) == len(set(listed)) and set(listed) == named
    assert list(registry.described()) == [n for n in listed if n in named]


def test_a_type_naming_a_field_without_a_description_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    row = Rule("milestones", (), types=(Shape("inspect", ("id", "type", "date", "inspector")),))
    with pytest.raises(KeyError, match="inspector"):
        registry.described((*RULES, row))
