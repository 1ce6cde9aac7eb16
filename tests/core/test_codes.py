"""The registry of problem codes: every code a check can file is registered, documented in both languages,
and docs/problems.md is what the registry generates."""

from __future__ import annotations

import ast
import re

from tests.conftest import REPO
from tracker.core.codes import CODES
from tracker.core.i18n import Lang
from tracker.core.problems import Pos, Problem, problem
from tracker.render.text import codes_markdown

SRC = REPO / "src" / "tracker"
CODE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def filed_codes() -> dict[str, str]:
    """Every string literal passed as the code of a problem: ``out.add(pos, "code", …)``, ``c.bad(key, "code",
    …)``, ``out.warn(…)``, ``problem(path, pos, "code", …)`` and a return's refusal raised as ``_Stop("code", …)``
    or ``Refused("code", …)``, with where it stands."""
    found: dict[str, str] = {}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            at = {"add": 1, "warn": 1, "bad": 1, "_failed": 1, "problem": 2, "doubt": 0, "_Stop": 0,
                  "Refused": 0}.get(name)
            if at is not None and len(node.args) > at and isinstance(node.args[at], ast.Constant) \
                    and isinstance(node.args[at].value, str) and CODE.fullmatch(node.args[at].value):
                found[node.args[at].value] = f"{path.name}:{node.lineno}"
    return found


def test_every_code_the_checks_file_is_registered_and_every_registered_code_is_filed() -> None:
    filed = filed_codes()
    assert len(filed) > 40  # the scan finds the checks
    assert {c: where for c, where in filed.items() if c not in CODES} == {}
    assert sorted(set(CODES) - set(filed)) == []


def test_every_code_has_words_in_both_languages_and_a_doc_line() -> None:
    for code, c in CODES.items():
        assert c.level in ("error", "warning")
        assert c.zh and c.en and c.doc_zh and c.doc_en, code
        assert bool(c.hint_zh) == bool(c.hint_en), code


def test_docs_problems_md_is_generated_from_the_registry() -> None:
    assert (REPO / "docs" / "problems.md").read_text(encoding="utf-8") == codes_markdown()
    for code in CODES:
        assert f"## `{code}`" in codes_markdown()


def test_a_problem_reads_in_either_language_and_survives_the_cache_encoding() -> None:
    p = problem("progress/a.yaml", Pos(3, 7), "percent-falls", task="15",
                before="60", before_date="2025-06-28", after="50", after_date="2025-09-26")
    assert p.level == "warning"
    assert p.message() == "任务 15：进度从 60（2025-06-28）降到 50（2025-09-26）"
    assert p.message(Lang.EN) == "task 15: percent falls from 60 (2025-06-28) to 50 (2025-09-26)"
    assert Problem.decode(p.encode()) == p
    pair = problem("x", Pos(1, 1), "bad-value", subject=("状态", "status"),
                   found='"finished"', allowed="a, b")
    assert Problem.decode(pair.encode()) == pair and "未知的状态" in pair.message()


def test_messages_never_show_python_values() -> None:
    from tests.load.test_faithful import catalog
    from tracker.check.records import check_progress
    from tracker.load.progress import read_progress

    data = ('unit: emergency\nentries:\n- {"id": "x", "type": null, "date": "2025-01-02", "task": 15}\n'
            '- {"id": "y", "type": "progress", "date": "2025-01-02", "task": 15, "status": "done", "note": true}\n')
    import datetime as dt

    prog = check_progress(catalog(), read_progress(data.encode(), "progress/emergency.yaml"), "emergency",
                          dt.date(2025, 10, 1))
    words = " ".join(p.message(lang) + p.hint(lang) for p in prog.problems for lang in Lang)
    assert prog.problems and "None" not in words and "True" not in words
    assert "null" in words


def test_tracker_explain_prints_a_code_in_the_chosen_language() -> None:
    from typer.testing import CliRunner

    from tracker.cli.app import app

    runner = CliRunner()
    zh = runner.invoke(app, ["explain", "tab"])
    en = runner.invoke(app, ["explain", "tab", "--lang", "en"])
    assert zh.exit_code == en.exit_code == 0
    assert "缩进" in zh.stdout and "tabs" in en.stdout
    wrong = runner.invoke(app, ["explain", "bad-dat"])
    assert wrong.exit_code == 1 and '"bad-date"' in wrong.output
