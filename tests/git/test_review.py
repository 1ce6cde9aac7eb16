"""Review in git, on real temporary repositories: diff, log, check-authors and codeowners."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SHIPPED, golden
from tracker.cli.app import app

runner = CliRunner()
OFFICE = ("办公室", "office@example.org")
ZHANG = ("张三", "zs@example.org")  # maintainer of emergency
WANG = ("王五", "ww@example.org")  # nobody's maintainer


def git(cwd: Path, *args: str, who: tuple[str, str] = OFFICE) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": who[0], "GIT_AUTHOR_EMAIL": who[1], "GIT_COMMITTER_NAME": who[0],
           "GIT_COMMITTER_EMAIL": who[1], "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(cwd)}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def tracker(repo: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--root", str(repo), *args])


def record(repo: Path, task: str, unit: str, date: str, percent: str, note: str = "") -> None:
    result = tracker(repo, "record", task, "--unit", unit, "--status", "in-progress", "--percent", percent,
                     "--date", date, "--note", note, "--by", "填报员")
    assert result.exit_code == 0, result.output


def commit(repo: Path, message: str, who: tuple[str, str] = OFFICE) -> str:
    git(repo, "add", "-A", who=who)
    git(repo, "commit", "-qm", message, who=who)
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def make_repo(tmp_path: Path) -> Path:
    """A git repository holding a tracking folder whose office, 市应急局 and 市消防救援局 have maintainers."""
    office = tmp_path / "office"
    assert runner.invoke(app, ["init", str(office)]).exit_code == 0
    units = (SHIPPED / "units.yaml").read_text(encoding="utf-8")
    office_line = "    maintainers: [办公室 <office@example.org>]\n"
    units = units.replace("    short: 市安防办\n", "    short: 市安防办\n" + office_line)
    units = units.replace("    short: 市应急局\n", "    short: 市应急局\n    maintainers: [张三 <zs@example.org>]\n")
    units = units.replace("    short: 市消防救援局\n",
                          "    short: 市消防救援局\n    maintainers: [\"@lisi\", 李四 <ls@example.org>]\n")
    (office / "units.yaml").write_text(units, encoding="utf-8")
    git(office, "init", "-q", "-b", "main")
    commit(office, "set up")
    return office


def test_diff_across_several_commits(repo: Path) -> None:
    start = git(repo, "rev-parse", "HEAD").strip()
    record(repo, "15", "emergency", "2025-03-20", "30", "一季度检查")
    commit(repo, "q1", ZHANG)
    record(repo, "15", "emergency", "2025-08-20", "60", "三季度检查")
    record(repo, "G2", "fire-rescue", "2025-08-21", "50")
    commit(repo, "q3", ZHANG)
    result = tracker(repo, "diff", f"{start}..HEAD", "--as-of", "2025-09-30", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(c["kind"], c["unit"], c["task"], c["after"]["percent"]) for c in data["changes"]] == [
        ("added", "emergency", "15", 30), ("added", "emergency", "15", 60), ("added", "fire-rescue", "G2", 50)]
    levels = {(lv["unit"], lv["task"]): lv for lv in data["levels"]}
    assert levels[("emergency", "15")]["before"] == "red" and levels[("emergency", "15")]["percent_after"] == 60
    md = tracker(repo, "diff", start, "HEAD", "--as-of", "2025-09-30", "-f", "md").stdout
    assert md.startswith(f"## tracker diff {start}..HEAD")
    assert "新增3条" in md and "| 市应急局     | 15     | 新增" in md and "三季度检查" in md


def test_diff_of_the_working_tree_flags_edits_and_deletions(repo: Path) -> None:
    record(repo, "15", "emergency", "2025-03-20", "30")
    record(repo, "16", "emergency", "2025-03-21", "10")
    commit(repo, "two entries", ZHANG)
    path = repo / "progress" / "emergency.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-2]) + lines[-2].replace('"percent": 30', '"percent": 80'), encoding="utf-8")
    result = tracker(repo, "diff")
    assert result.exit_code == 1
    assert "修改（！）" in result.stdout and "percent: 30 → 80" in result.stdout
    assert "删除（！）" in result.stdout and "只能追加" in result.stdout


def test_diff_shows_problems_the_change_brings(repo: Path) -> None:
    record(repo, "15", "emergency", "2025-03-20", "30")
    commit(repo, "entry", ZHANG)
    path = repo / "progress" / "emergency.yaml"
    path.write_text(path.read_text(encoding="utf-8") + '- {"id": "x1", "type": "progress", "date": "2025-04-01", '
                    '"task": 19, "status": "done", "percent": 100}\n', encoding="utf-8")
    result = tracker(repo, "diff")
    assert result.exit_code == 1
    assert "progress/emergency.yaml:7:" in result.stdout and "not-responsible" in result.stdout


def test_a_problem_already_there_is_not_new(repo: Path) -> None:
    """A committed record with a warning (percent-falls): ``diff HEAD HEAD`` says nothing at all, and a later
    change elsewhere in the file, moving the record's line, brings no new problem: a problem is matched by its
    code and its record, never by its line."""
    record(repo, "15", "emergency", "2025-03-20", "60")
    record(repo, "15", "emergency", "2025-04-20", "40")  # falls from 60: a warning, committed
    commit(repo, "entries", ZHANG)
    same = tracker(repo, "diff", "HEAD", "HEAD", "--as-of", "2025-09-30", "-f", "json")
    assert same.exit_code == 0, same.output
    data = json.loads(same.stdout)
    assert data["changes"] == [] and data["levels"] == [] and data["problems"] == []
    assert [p["code"] for p in data["existing_problems"]] == ["percent-falls"]
    md = tracker(repo, "diff", "HEAD", "HEAD", "-f", "md").stdout
    assert "新问题0个（原有问题1个，未列出）" in md and "本次变更带来的问题" not in md
    path = repo / "progress" / "emergency.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    comment = [n for n, line in enumerate(lines) if line.startswith("#")][-1]
    path.write_text("".join(lines[:comment + 1]) + "# 市应急局 2025\n" + "".join(lines[comment + 1:]), encoding="utf-8")
    record(repo, "16", "emergency", "2025-05-01", "10")
    moved = json.loads(tracker(repo, "diff", "HEAD", "--as-of", "2025-09-30", "-f", "json").stdout)
    assert [c["kind"] for c in moved["changes"]] == ["added"] and moved["problems"] == []
    record(repo, "16", "emergency", "2025-05-02", "5")  # a new fall: new, and said
    fell = json.loads(tracker(repo, "diff", "HEAD", "--as-of", "2025-09-30", "-f", "json").stdout)
    assert [p["code"] for p in fell["problems"]] == ["percent-falls"] and len(fell["existing_problems"]) == 1


def test_log_names_commit_and_author(repo: Path) -> None:
    record(repo, "15", "emergency", "2025-03-20", "30", "一季度")
    sha = commit(repo, "q1", ZHANG)
    record(repo, "15", "emergency", "2025-08-20", "60", "三季度")
    rows = json.loads(tracker(repo, "log", "--unit", "市应急局", "-f", "json").stdout)
    assert [(r["record"]["note"], r["commit"], r["author"]) for r in rows] == [
        ("一季度", sha, "张三 <zs@example.org>"), ("三季度", None, "")]
    assert json.loads(tracker(repo, "log", "--since", "2025-06-01", "-f", "json").stdout)[0]["record"]["note"] \
        == "三季度"
    assert tracker(repo, "log", "--task", "16", "-f", "json").stdout.strip() == "[]"


def check(repo: Path, rev_range: str, *extra: str):  # type: ignore[no-untyped-def]
    return tracker(repo, "check-authors", rev_range, *extra)


def test_maintainer_and_office_commits_pass(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    record(repo, "15", "emergency", "2025-03-20", "30")
    commit(repo, "by the unit's maintainer", ZHANG)
    record(repo, "15", "fire-rescue", "2025-03-20", "30")
    commit(repo, "by the office", OFFICE)
    result = check(repo, f"{base}..HEAD")
    assert result.exit_code == 0, result.output
    assert "检查了 2 个提交，发现 0 处违规" in result.output
    assert "可以伪造" in result.output


def test_non_maintainer_commit_is_refused(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    record(repo, "15", "emergency", "2025-03-20", "30")
    sha = commit(repo, "by someone else", WANG)
    result = check(repo, f"{base}..HEAD")
    assert result.exit_code == 1
    assert f"{sha[:10]} 王五 <ww@example.org>: progress/emergency.yaml: 提交人既不是市应急局的维护人" \
        in result.output


def test_edit_of_an_old_entry_is_refused_even_from_the_office(repo: Path) -> None:
    record(repo, "15", "emergency", "2025-03-20", "30")
    base = commit(repo, "entry", ZHANG)
    path = repo / "progress" / "emergency.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"percent": 30', '"percent": 90'), encoding="utf-8")
    commit(repo, "rewrite history", ZHANG)
    result = check(repo, f"{base}..HEAD")
    assert result.exit_code == 1 and "只能追加" in result.output
    git(repo, "reset", "-q", "--hard", base)
    path.write_text(path.read_text(encoding="utf-8").replace('"percent": 30', '"percent": 90'), encoding="utf-8")
    commit(repo, "office correction", OFFICE)
    result = check(repo, f"{base}..HEAD")
    assert result.exit_code == 1 and "tracker withdraw" in result.output


def test_changing_the_task_list_is_the_offices(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    tasks = repo / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("silent_days: 30", "silent_days: 60"), encoding="utf-8")
    commit(repo, "relax", ZHANG)
    result = check(repo, f"{base}..HEAD")
    assert result.exit_code == 1 and "tasks.yaml: 只有市安防办" in result.output


def test_union_merge_commit_is_judged_by_what_it_adds(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-q", "-b", "fire")
    record(repo, "15", "fire-rescue", "2025-03-20", "30")
    commit(repo, "fire entry", ("李四", "ls@example.org"))
    git(repo, "checkout", "-q", "main")
    record(repo, "15", "emergency", "2025-03-20", "40")
    commit(repo, "emergency entry", ZHANG)
    git(repo, "merge", "-q", "--no-ff", "--no-edit", "fire", who=ZHANG)  # merged by a unit maintainer
    assert len(git(repo, "log", "-1", "--format=%P").split()) == 2
    result = check(repo, f"{base}..HEAD")
    assert result.exit_code == 0, result.output
    assert "检查了 3 个提交" in result.output


def test_evil_merge_that_drops_a_line_is_refused(repo: Path) -> None:
    record(repo, "15", "emergency", "2025-03-20", "30")
    base = commit(repo, "entry", ZHANG)
    git(repo, "checkout", "-q", "-b", "side")
    record(repo, "16", "emergency", "2025-03-21", "10")
    commit(repo, "side entry", ZHANG)
    git(repo, "checkout", "-q", "main")
    record(repo, "17", "emergency", "2025-03-22", "10")
    commit(repo, "main entry", ZHANG)
    git(repo, "merge", "-q", "--no-commit", "side", who=ZHANG)
    path = repo / "progress" / "emergency.yaml"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if '"task": 15' not in line), encoding="utf-8")
    commit(repo, "merge that drops the first entry", ZHANG)
    result = check(repo, f"{base}..HEAD")
    assert result.exit_code == 1 and "删除了 1 行已有记录" in result.output


def test_require_signed(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    record(repo, "15", "emergency", "2025-03-20", "30")
    commit(repo, "unsigned", ZHANG)
    result = check(repo, f"{base}..HEAD", "--require-signed")
    assert result.exit_code == 1 and "没有有效签名" in result.output and "可以伪造" not in result.output


def test_bad_range_is_a_clear_error(repo: Path) -> None:
    result = check(repo, "nosuchbranch..HEAD")
    assert result.exit_code == 2 and result.output.startswith("tracker: git：")


@pytest.mark.parametrize("platform", ["github", "gitlab", "gitea"])
def test_codeowners_golden(repo: Path, platform: str) -> None:
    result = tracker(repo, "codeowners", "--platform", platform)
    assert result.exit_code == 0, result.output
    golden(f"CODEOWNERS-{platform}", result.stdout)


def test_codeowners_to_file(repo: Path) -> None:
    out = repo / ".github" / "CODEOWNERS"
    assert tracker(repo, "codeowners", "-o", str(out)).exit_code == 0
    assert "/progress/emergency.yaml zs@example.org office@example.org" in out.read_text(encoding="utf-8")


def test_diff_markdown_lists_new_problems(repo: Path) -> None:
    record(repo, "15", "emergency", "2025-03-20", "30")
    commit(repo, "entry", ZHANG)
    path = repo / "progress" / "emergency.yaml"
    path.write_text(path.read_text(encoding="utf-8") + '- {"id": "x1", "type": "progress", "date": "2025-04-01", '
                    '"task": 19, "status": "done", "percent": 100}\n', encoding="utf-8")
    md = tracker(repo, "diff", "-f", "md").stdout
    assert "### 本次变更带来的问题" in md
    line = next(x for x in md.splitlines() if x.startswith("- `progress/emergency.yaml:7:"))
    assert line.count("`") == 2 and "— 提示：任务 19 的报送单位：市安防办" in line


def test_extensions_show_in_diff_and_log_and_only_the_office_decides(repo: Path) -> None:
    """张三 (市应急局's maintainer) asks for an extension of task 15: his commit passes check-authors, and diff
    and log show the request with its date. An approval he commits himself is refused; the office's passes."""
    base = git(repo, "rev-parse", "HEAD").strip()
    result = tracker(repo, "extend", "15", "--unit", "emergency", "--until", "2026-03-31", "--note", "检查延后",
                     "--date", "2025-11-20")
    assert result.exit_code == 0, result.output
    diff = tracker(repo, "diff", "--as-of", "2025-11-21", "-f", "md").stdout
    assert "延期申请" in diff and "延期至2026-03-31" in diff and "检查延后" in diff
    request = commit(repo, "request", ZHANG)
    assert check(repo, f"{base}..{request}").exit_code == 0
    rows = json.loads(tracker(repo, "log", "--task", "15", "-f", "json").stdout)
    assert [(r["record"]["type"], r["commit"]) for r in rows] == [("extend", request)]
    refused = tracker(repo, "extend", "15", "--unit", "emergency", "--approve", "--date", "2025-11-22")
    assert refused.exit_code == 1 and "只有市安防办可以批准延期" in refused.output
    git(repo, "config", "user.name", OFFICE[0])
    git(repo, "config", "user.email", OFFICE[1])
    assert tracker(repo, "extend", "15", "--unit", "emergency", "--approve", "--date", "2025-11-22").exit_code == 0
    approval = commit(repo, "approve", ZHANG)  # but committed by the unit's maintainer
    found = check(repo, f"{request}..{approval}")
    assert found.exit_code == 1 and "approve" in found.output
    git(repo, "reset", "-q", "--soft", request)
    office = commit(repo, "approve")
    assert check(repo, f"{request}..{office}").exit_code == 0


def test_only_the_office_may_verify_or_reject_at_the_terminal_and_in_check_authors(repo: Path) -> None:
    record(repo, "15", "emergency", "2025-03-20", "30")
    done = tracker(repo, "record", "15", "--unit", "emergency", "--status", "done", "--date", "2025-03-21")
    assert done.exit_code == 0, done.output
    base = commit(repo, "done", ZHANG)
    git(repo, "config", "user.name", ZHANG[0])
    git(repo, "config", "user.email", ZHANG[1])
    path = repo / "progress" / "emergency.yaml"
    before = path.read_bytes()
    refused = tracker(repo, "verify", "15", "--unit", "emergency", "--date", "2025-03-22")
    assert refused.exit_code == 1 and "只有市安防办可以销号" in refused.output and path.read_bytes() == before
    assert tracker(repo, "verify", "15", "--unit", "emergency", "--reject").exit_code == 1  # no reason given
    path.write_bytes(before + b'- {"id": "v1", "type": "verify", "date": "2025-03-22", "task": 15}\n')
    forged = commit(repo, "self-verified", ZHANG)
    found = check(repo, f"{base}..{forged}")
    assert found.exit_code == 1 and "verify" in found.output


def test_a_progress_file_past_the_limit_is_a_violation_not_read(repo: Path) -> None:
    from tracker.load.progress import MAX_BYTES

    start = git(repo, "rev-parse", "HEAD").strip()
    with (repo / "progress" / "emergency.yaml").open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    commit(repo, "zeros", ZHANG)
    result = check(repo, f"{start}..HEAD")
    assert result.exit_code == 1
    assert "progress/emergency.yaml" in result.stdout and str(MAX_BYTES) in result.stdout
