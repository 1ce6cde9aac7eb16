"""Lower levels over real temporary git repositories: a province above a city above two districts.

Each district and the city are tracking folders in their own repositories; the city declares the districts
in levels.yaml and commits levels.lock.json; the province declares the city. Progress is recorded through the CLI.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tracker.cli.app import app
from tracker.load.levels import load_levels_bytes, read_lock

runner = CliRunner()
AS_OF = "2025-09-30"


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "office", "GIT_AUTHOR_EMAIL": "office@example.org",
           "GIT_COMMITTER_NAME": "office", "GIT_COMMITTER_EMAIL": "office@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def run(folder: Path, *args: str) -> Any:
    return runner.invoke(app, ["--root", str(folder), *args])


def commit(repo: Path, message: str = "update") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)
    return git(repo, "rev-parse", "HEAD").strip()


def folder(path: Path) -> Path:
    """A tracking folder as `tracker init` sets one up (its .gitignore included), in its own repository."""
    result = runner.invoke(app, ["init", str(path)])
    assert result.exit_code == 0, result.output
    git(path, "init", "-q", "-b", "main")
    return path


def record(root: Path, task: str, status: str, percent: int, note: str = "", date: str = "2025-09-01") -> None:
    args = ["record", task, "--unit", "emergency", "--status", status, "--percent", str(percent), "--date", date]
    result = run(root, *args, *(["--note", note] if note else []))
    assert result.exit_code == 0, result.output


@pytest.fixture
def tree(tmp_path: Path) -> dict[str, Path]:
    """Two districts (华容区 maps its task 60 to the city's task 59), the city with its lock committed, and
    the province declaring the city."""
    echeng, huarong = folder(tmp_path / "echeng"), folder(tmp_path / "huarong")
    record(echeng, "15", "in-progress", 50, "完成一半")
    record(echeng, "17", "blocked", 20, "场地未落实")
    commit(echeng)
    tasks = huarong / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("          - id: 60\n",
                                                               "          - id: 60\n            maps_to: 59\n"),
                     encoding="utf-8")
    result = run(huarong, "record", "60", "--unit", "safety-office", "--status", "done", "--percent", "100",
                 "--date", "2025-09-03")
    assert result.exit_code == 0, result.output
    record(huarong, "15", "done", 100, date="2025-09-03")
    commit(huarong)
    city = folder(tmp_path / "city")
    (city / "levels.yaml").write_text("levels:\n  - name: 鄂城区\n    source: ../echeng\n"
                                      "  - name: 华容区\n    source: ../huarong\n    ref: main\n", encoding="utf-8")
    result = run(city, "levels", "fetch")
    assert result.exit_code == 0, result.output
    commit(city)
    province = folder(tmp_path / "province")
    (province / "levels.yaml").write_text("levels:\n  - name: 鄂州市\n    source: ../city\n", encoding="utf-8")
    return {"echeng": echeng, "huarong": huarong, "city": city, "province": province}


def levels_json(root: Path, *args: str) -> dict[str, Any]:
    result = run(root, "report", "--levels", "--as-of", AS_OF, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)["levels"]
    return data


def row(data: dict[str, Any], *path: str) -> dict[str, Any]:
    return next(r for r in data["levels"] if r["level"] == list(path))


def test_fetch_writes_a_lock_of_each_levels_commit(tree: dict[str, Path]) -> None:
    locks, problems = read_lock((tree["city"] / "levels.lock.json").read_bytes())
    assert problems == []
    assert locks["鄂城区"].commit == git(tree["echeng"], "rev-parse", "HEAD").strip()
    assert locks["华容区"].commit == git(tree["huarong"], "rev-parse", "HEAD").strip()
    assert locks["华容区"].ref == "main"
    # the mirrors are ignored by git: the city's commit holds the lock, not the copies
    assert "levels.lock.json" in git(tree["city"], "ls-files")
    assert ".tracker-levels" not in git(tree["city"], "ls-files")


def test_report_rolls_up_each_level_by_its_own_figures(tree: dict[str, Path]) -> None:
    data = levels_json(tree["city"])
    echeng, huarong, own = row(data, "鄂城区"), row(data, "华容区"), row(data)
    assert echeng["commit"] == git(tree["echeng"], "rev-parse", "HEAD").strip()
    assert echeng["state"] == "ok" and echeng["done"] == 0
    assert huarong["done"] == 2  # its task 15 and its own task 60
    assert own["done"] == 0
    overall = data["overall"]
    assert overall["expected"] == own["expected"] + echeng["expected"] + huarong["expected"]
    assert overall["done"] == 2


def test_a_mapped_task_counts_towards_the_upper_task_it_names(tree: dict[str, Path]) -> None:
    by_task = levels_json(tree["city"])["by_task"]
    huarong_59 = next(r for r in by_task if r["id"] == "59" and r["level"] == ["华容区"])
    assert huarong_59["done"] == 1  # 华容区's task 60, mapped to 59
    assert not [r for r in by_task if r["id"] == "60" and r["level"] == ["华容区"]]
    echeng_60 = next(r for r in by_task if r["id"] == "60" and r["level"] == ["鄂城区"])
    assert echeng_60["done"] == 0  # ids match by default


def test_a_level_moving_ahead_is_behind_until_fetched(tree: dict[str, Path]) -> None:
    city, echeng = tree["city"], tree["echeng"]
    record(echeng, "15", "done", 100, date="2025-09-20")
    commit(echeng)
    status = run(city, "levels", "status", "--format", "json")
    assert status.exit_code == 0, status.output
    by_name = {r["level"]: r for r in json.loads(status.stdout)}
    assert by_name["鄂城区"]["behind"] == 1 and by_name["华容区"]["behind"] == 0
    assert row(levels_json(city), "鄂城区")["done"] == 0  # still read at the locked commit
    assert run(city, "levels", "fetch").exit_code == 0
    assert row(levels_json(city), "鄂城区")["done"] == 1
    assert git(city, "diff", "--name-only") == "levels.lock.json\n"  # the office commits the move


def test_a_level_with_errors_is_shown_never_dropped(tree: dict[str, Path]) -> None:
    """A level with errors in a progress file is locked, counted for the rest and named; one whose list fails
    validation is not locked at that commit: its lock stays where its list was valid, and fetch says why."""
    city, echeng, huarong = tree["city"], tree["echeng"], tree["huarong"]
    with (echeng / "progress" / "emergency.yaml").open("a", encoding="utf-8") as f:
        f.write('- {"id": "20250910-aaaaaa", "type": "progress", "date": "2025-09-10", "task": 15, '
                '"status": "in-progress", "percent": 150}\n')
    commit(echeng)
    valid = read_lock((city / "levels.lock.json").read_bytes())[0]["华容区"].commit
    (huarong / "tasks.yaml").write_text("plan: [broken\n", encoding="utf-8")
    broken = commit(huarong)
    fetched = run(city, "levels", "fetch")
    assert fetched.exit_code == 1
    assert f"华容区：{broken[:12]} 的清单校验未通过，不予锁定" in fetched.output and "tasks.yaml:1:" in fetched.output
    assert f"华容区：锁定仍为 {valid[:12]}" in fetched.output
    locks = read_lock((city / "levels.lock.json").read_bytes())[0]
    assert locks["华容区"].commit == valid and locks["鄂城区"].commit == git(echeng, "rev-parse", "HEAD").strip()
    data = levels_json(city)
    echeng_row, huarong_row = row(data, "鄂城区"), row(data, "华容区")
    assert echeng_row["state"] == "errors" and echeng_row["errors"] == 1
    assert echeng_row["first_error"]["path"] == "progress/emergency.yaml"
    assert echeng_row["expected"] > 0  # its valid records still count
    assert huarong_row["state"] == "ok" and huarong_row["commit"] == valid


def test_levels_roll_up_recursively(tree: dict[str, Path]) -> None:
    province = tree["province"]
    assert run(province, "levels", "fetch").exit_code == 0
    data = levels_json(province)
    assert [r["level"] for r in data["levels"]] == [[], ["鄂州市"], ["鄂州市", "鄂城区"], ["鄂州市", "华容区"]]
    assert row(data, "鄂州市", "华容区")["done"] == 2
    assert data["overall"]["expected"] == sum(r["expected"] for r in data["levels"])
    by_task = levels_json(province)["by_task"]
    assert next(r for r in by_task if r["id"] == "59" and r["level"] == ["鄂州市", "华容区"])["done"] == 1


def test_unlocked_level_is_named(tree: dict[str, Path]) -> None:
    data = levels_json(tree["province"])  # nothing fetched at the province yet
    assert row(data, "鄂州市")["state"] == "not-locked"


def test_the_return_carries_problems_and_next_steps(tree: dict[str, Path]) -> None:
    city = tree["city"]
    out = city / "上报.md"
    result = run(city, "levels", "return", "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "鄂城区·市应急局：场地未落实" in text  # key problem of task 17
    assert "鄂城区·市应急局：完成一半" in text  # next step of task 15
    cells = [c.strip() for c in next(line for line in text.splitlines() if line.startswith("| 15 ")).split("|")]
    own = json.loads(run(city, "report", "--as-of", AS_OF, "--format", "json").stdout)
    own_15 = next(r for r in own["by_task"] if r["id"] == "15")
    assert cells[3:6] == [str(3 * own_15["expected"]), "1", "2.8%"]  # three levels alike; 华容区 done (1/36)
    from docx import Document
    from openpyxl import load_workbook

    xlsx, docx = city / "上报.xlsx", city / "上报.docx"
    for path in (xlsx, docx):
        assert run(city, "levels", "return", "--as-of", AS_OF, "-o", str(path)).exit_code == 0
    book = load_workbook(xlsx)
    sheet_text = [str(c.value) for ws in book.worksheets for r in ws.iter_rows() for c in r if c.value is not None]
    problem = next(c for c in sheet_text if c.startswith("鄂城区·市应急局：场地未落实"))
    assert "漏报" in problem  # task 17 is monthly: its missed periods are a key problem too
    from docx.enum.section import WD_ORIENT

    document = Document(str(docx))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE  # room for the columns
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert problem in cells and "华容区" in cells


def test_a_ref_that_looks_like_an_option_is_refused() -> None:
    found = load_levels_bytes(b"levels:\n  - name: x\n    source: ../x\n    ref: --upload-pack=touch\n")
    assert found.levels == []
    assert [(p.code, p.line, p.col) for p in found.problems] == [("level-option-like", 4, 10)]


def test_levels_yaml_errors_stop_the_command(tree: dict[str, Path]) -> None:
    city = tree["city"]
    (city / "levels.yaml").write_text("levels:\n  - name: 鄂城区\n    source: -oops\n", encoding="utf-8")
    result = run(city, "levels", "fetch")
    assert result.exit_code == 1
    assert "levels.yaml:3:13" in result.output and "level-option-like" in result.output


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "html", "xlsx"])
def test_every_format_shows_the_levels(tree: dict[str, Path], fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{ {'table': 'txt'}.get(fmt, fmt) }"
    result = run(tree["city"], "report", "--levels", "--as-of", AS_OF, "--by", "task", "-o", str(out))
    assert result.exit_code == 0, result.output
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(out)
        levels = book["各级完成情况"]
        cells = [[c.value for c in r] for r in levels.iter_rows()]
        text = "\n".join(" ".join(str(v) for v in r if v is not None) for r in cells)
    else:
        text = out.read_text(encoding="utf-8-sig")
    commit_id = git(tree["huarong"], "rev-parse", "HEAD").strip()[:12]
    assert "华容区" in text and "鄂城区" in text
    if fmt != "csv":  # CSV holds one table: by task, each task's figures per level
        assert commit_id in text  # reports name the commits they used
    assert ("合计（本级及下级" in text) or fmt == "csv"


def test_maps_to_survives_the_catalog_cache(tree: dict[str, Path]) -> None:
    huarong = tree["huarong"]
    for _ in range(2):  # the second run reads the cached catalog
        result = run(huarong, "show", "60", "--format", "json")
        assert result.exit_code == 0, result.output
    from tracker.folder import cache
    from tracker.folder.root import Root, catalog_hash

    hit = cache.read_catalog(cache.cache_dir(huarong, huarong / ".git"), catalog_hash(Root(huarong)))
    assert hit is not None and hit[0].items["60"].maps_to == "59" and hit[0].items["59"].maps_to is None


def test_a_warm_roll_up_reads_the_levels_cache_and_says_the_same(tree: dict[str, Path]) -> None:
    city = tree["city"]
    cold = run(city, "--no-cache", "report", "--levels", "--as-of", AS_OF, "-f", "json").stdout
    first = run(city, "report", "--levels", "--as-of", AS_OF, "-f", "json").stdout
    from tracker.folder.cache import cache_dir, mirrors_dir

    mirrors = [m for m in mirrors_dir(city, city / ".git").iterdir() if m.is_dir()]
    packs = [p for m in mirrors for p in cache_dir(m, m).glob("progress-*.pack")]
    assert len(packs) >= 2  # one level's checked files at least in each mirror
    warm = run(city, "report", "--levels", "--as-of", AS_OF, "-f", "json").stdout
    assert cold == first == warm


def test_a_district_returns_its_own_figures_naming_the_upper_tasks(tree: dict[str, Path]) -> None:
    result = run(tree["huarong"], "levels", "return", "--as-of", AS_OF)  # no levels.yaml: its own figures
    assert result.exit_code == 0, result.output
    assert "上级任务" in result.stdout
    cells = [c.strip() for c in next(line for line in result.stdout.splitlines() if line.startswith("| 60 "))
             .split("|")]
    assert cells[2] == "59" and cells[5] == "1"


def test_a_damaged_lock_stops_the_report_and_fetch_writes_it_again(tree: dict[str, Path]) -> None:
    city = tree["city"]
    (city / "levels.lock.json").write_text('{"levels": [\n  {"name": "鄂城区",\n', encoding="utf-8")
    result = run(city, "report", "--levels", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "levels.lock.json:3:1" in result.output and "level-bad-lock" in result.output
    assert run(city, "levels", "fetch").exit_code == 0
    assert row(levels_json(city), "鄂城区")["state"] == "ok"


def test_a_task_mapped_to_nothing_is_named_and_still_counted(tree: dict[str, Path]) -> None:
    city, huarong = tree["city"], tree["huarong"]
    tasks = huarong / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("maps_to: 59", "maps_to: 99"), encoding="utf-8")
    commit(huarong)
    assert run(city, "levels", "fetch").exit_code == 0
    result = run(city, "report", "--levels", "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    assert "1个下级任务没有对应的上级任务" in result.stderr
    data = json.loads(result.stdout)["levels"]
    [unmapped] = data["unmapped"]
    assert unmapped["code"] == "level-unmapped" and unmapped["path"] == "华容区/tasks.yaml"
    line = tasks.read_text(encoding="utf-8").splitlines().index("          - id: 60") + 1
    assert unmapped["line"] == line
    assert row(data, "华容区")["done"] == 2  # still in its level's own figures
    huarong_rows = {r["id"]: r for r in data["by_task"] if r["level"] == ["华容区"]}
    assert "60" not in huarong_rows and huarong_rows["59"]["done"] == 0  # in no upper task's figures


def test_validate_checks_levels_yaml_with_positions(tree: dict[str, Path]) -> None:
    city = tree["city"]
    (city / "levels.yaml").write_text("levels:\n  - name: 鄂城区\n    source: ../echeng\n    branch: main\n"
                                      "  - name: 鄂城区\n    source: ../huarong\n", encoding="utf-8")
    result = run(city, "validate", "--lang", "en")
    assert result.exit_code == 1
    assert "levels.yaml:4:5: error unknown-field" in result.output
    assert "levels.yaml:5:11: error level-duplicate" in result.output
    assert run(tree["echeng"], "validate").exit_code == 0  # no levels.yaml: nothing to check


def test_a_ref_naming_a_refspec_is_refused(tree: dict[str, Path]) -> None:
    city = tree["city"]
    (city / "levels.yaml").write_text("levels:\n  - name: 鄂城区\n    source: ../echeng\n"
                                      "    ref: main:refs/heads/x\n", encoding="utf-8")
    result = run(city, "levels", "fetch")
    assert result.exit_code == 1 and "is not a branch or tag name" in result.output


def test_the_action_view_sums_each_levels_tasks_per_action(tree: dict[str, Path]) -> None:
    city = tree["city"]
    data = levels_json(city)
    tasks = {(r["id"], tuple(r["level"] or ())): r for r in data["by_task"] if not r.get("total")}
    own = json.loads(run(city, "tasks", "--format", "json").stdout)
    action_of = {t["id"]: str(t["action"]["id"]) for t in own if t["action"]}
    for r in data["by_action"]:
        if r.get("total"):
            continue
        mine = [t for (tid, path), t in tasks.items() if path == tuple(r["level"]) and action_of.get(tid) == r["id"]]
        assert r["expected"] == sum(t["expected"] for t in mine) and r["done"] == sum(t["done"] for t in mine)
    huarong = next(r for r in data["by_action"] if r["id"] == action_of["15"] and r["level"] == ["华容区"])
    assert huarong["done"] >= 1
    text = run(city, "report", "--levels", "--as-of", AS_OF, "--by", "action", "-f", "md").stdout
    assert "## 各行动分级完成情况" in text


def test_report_levels_without_levels_yaml_says_so(tree: dict[str, Path]) -> None:
    result = run(tree["echeng"], "report", "--levels", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "没有声明下级" in result.output and "levels.yaml" in result.output


def test_an_unreachable_level_leaves_the_lock_as_it_was(tree: dict[str, Path]) -> None:
    city = tree["city"]
    before = (city / "levels.lock.json").read_bytes()
    with (city / "levels.yaml").open("a", encoding="utf-8") as f:
        f.write("  - name: 梁子湖区\n    source: ../liangzihu\n")
    result = run(city, "levels", "fetch")
    assert result.exit_code == 1
    assert "梁子湖区" in result.output and "liangzihu' does not appear to be a git repository" in result.output
    assert (city / "levels.lock.json").read_bytes() == before
    status = json.loads(run(city, "levels", "status", "--format", "json").stdout)
    assert [r["level"] for r in status if r["error"]] == ["梁子湖区"]


# ---------------------------------------------------------------- the module itself, on the same repositories

def test_a_source_is_placed_relative_to_the_folder_that_declares_it(tmp_path: Path) -> None:
    from tracker.git.levels import resolve_source

    assert resolve_source("../echeng", str(tmp_path / "city")) == str((tmp_path / "echeng").resolve())
    assert resolve_source(str(tmp_path / "x"), "https://example.org/city.git") == str((tmp_path / "x").resolve())
    assert resolve_source("https://example.org/d.git", str(tmp_path)) == "https://example.org/d.git"
    assert resolve_source("git@example.org:d.git", str(tmp_path)) == "git@example.org:d.git"
    assert resolve_source("../d", "https://example.org/city.git") is None  # relative to a URL: nowhere to put it


def test_a_level_is_read_at_its_commit_through_the_cache_beside_its_mirror(tree: dict[str, Path],
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from tracker.folder import pipeline
    from tracker.folder.root import Root
    from tracker.git.levels import lock_of, mirror_dir, read_level, resolve_source

    city = Root(tree["city"], tree["city"] / ".git")
    locked = lock_of(city)[0]["鄂城区"]
    mirror = mirror_dir(city, str(resolve_source(locked.source, str(city.path))))
    day = dt.date(2025, 9, 30)
    parsed: list[str] = []
    real = pipeline.read_progress
    monkeypatch.setattr(pipeline, "read_progress", lambda data, rel: parsed.append(rel) or real(data, rel))
    cold = read_level(mirror, locked.commit, day, day)
    assert cold.state == "ok" and cold.catalog is not None and parsed == ["progress/emergency.yaml"]
    assert {(p.item, p.unit) for p in cold.pairs if p.percent} == {("15", "emergency"), ("17", "emergency")}
    parsed.clear()
    warm = read_level(mirror, locked.commit, day, day)
    assert parsed == [] and warm.pairs == cold.pairs and warm.problems == cold.problems
    assert read_level(mirror, locked.commit, day, day, use_cache=False).pairs == cold.pairs
    assert parsed == ["progress/emergency.yaml"]


def test_walk_gives_every_level_below_depth_first(tree: dict[str, Path]) -> None:
    import datetime as dt

    from tracker.folder.pipeline import load_list
    from tracker.folder.root import Root
    from tracker.git.levels import walk

    result = run(tree["province"], "levels", "fetch")
    assert result.exit_code == 0, result.output
    province = Root(tree["province"], tree["province"] / ".git")
    top, _ = load_list(province)
    assert top is not None
    day = dt.date(2025, 9, 30)
    levels = list(walk(province, top, day, day))
    assert [(lv.path, lv.state) for lv in levels] == [(("鄂州市",), "ok"), (("鄂州市", "鄂城区"), "ok"),
                                                      (("鄂州市", "华容区"), "ok")]
    assert [len(lv.uppers) for lv in levels] == [1, 2, 2]


def test_the_return_in_english_as_a_workbook_is_written(tree: dict[str, Path], tmp_path: Path) -> None:
    """The English title has a ':' (Progress return: …), which a sheet's name cannot hold: it is cleaned, not
    an internal error."""
    from openpyxl import load_workbook

    out = tmp_path / "return.xlsx"
    result = runner.invoke(app, ["--lang", "en", "--root", str(tree["city"]), "levels", "return", "--as-of", AS_OF,
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert load_workbook(out).sheetnames[0].startswith("Progress return：")


def test_a_district_progress_file_past_the_limit_is_named_not_read(tree: dict[str, Path]) -> None:
    """A district commits a progress file larger than a progress file may be: the city's roll-up names it
    (too-large, at the file) from git's listing, without reading the blob, and counts the rest."""
    from tracker.load.progress import MAX_BYTES

    big = tree["huarong"] / "progress" / "fire-rescue.yaml"
    with big.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    commit(tree["huarong"], "a file of zeros")
    city = tree["city"]
    assert run(city, "levels", "fetch").exit_code == 0
    data = levels_json(city, "--allow-errors")
    huarong = row(data, "华容区")
    assert huarong["state"] == "errors" and huarong["errors"] == 1
    assert (huarong["first_error"]["path"], huarong["first_error"]["code"]) == ("progress/fire-rescue.yaml",
                                                                               "too-large")
    assert huarong["done"] == 2  # its other files still count


# ---------------------------------------------------------------- levels by identity, mirrors out of reach

def _plant_mirror_with_hook(city: Path, source: Path, marker: Path) -> None:
    """What older versions kept in the folder, committed with a hook that runs when a ref moves."""
    import hashlib

    resolved = str(source.resolve())
    mirror = city / ".tracker-levels" / hashlib.blake2b(resolved.encode("utf-8"), digest_size=8).hexdigest()
    git(city, "init", "-q", "--bare", str(mirror))
    hook = mirror / "hooks" / "reference-transaction"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n", encoding="utf-8")
    hook.chmod(0o755)
    git(city, "add", "-f", ".tracker-levels")
    commit(city, "a mirror, committed")


def test_a_committed_mirror_runs_no_code_and_is_refused_by_name(tree: dict[str, Path], tmp_path: Path) -> None:
    """A force-added .tracker-levels/ with a reference-transaction hook used to run it at the next fetch that
    moved the level. Mirrors now live in .git/, the committed one is never used, and every levels command and
    validate name it as an error."""
    city, echeng = tree["city"], tree["echeng"]
    marker = tmp_path / "ran"
    _plant_mirror_with_hook(city, echeng, marker)
    record(echeng, "15", "done", 100, date="2025-09-20")
    commit(echeng)
    for args in (("levels", "fetch"), ("report", "--levels", "--as-of", AS_OF), ("validate",)):
        result = run(city, *args)
        assert result.exit_code == 1, args
        assert "level-mirror-committed" in result.output and ".tracker-levels/" in result.output
    assert not marker.exists()
    git(city, "rm", "-rq", "--cached", ".tracker-levels")
    git(city, "commit", "-qm", "mirror out")
    assert run(city, "levels", "fetch").exit_code == 0
    assert not marker.exists()


def test_no_hook_runs_in_a_mirror_whatever_it_holds(tree: dict[str, Path], tmp_path: Path) -> None:
    """git runs every mirror operation with hooks off: a hook found in a mirror (put there by anyone who could
    write the git directory) runs nothing when a fetch moves the level."""
    from tracker.folder.cache import mirrors_dir

    city, echeng = tree["city"], tree["echeng"]
    marker = tmp_path / "ran"
    for mirror in mirrors_dir(city, city / ".git").iterdir():
        hook = mirror / "hooks" / "reference-transaction"
        hook.write_text(f"#!/bin/sh\ntouch {marker}\n", encoding="utf-8")
        hook.chmod(0o755)
    record(echeng, "15", "done", 100, date="2025-09-20")
    commit(echeng)
    assert run(city, "levels", "fetch").exit_code == 0
    assert row(levels_json(city), "鄂城区")["done"] == 1 and not marker.exists()


def test_a_district_declaring_another_level_again_adds_nothing(tree: dict[str, Path]) -> None:
    """鄂城区 declares 华容区 again in its own levels.yaml, under names spaced and written otherwise: the
    repository 华容区 is counted once, where the city declares it; the repeats are shown as the same level,
    not counted, and the headline says so. They used to raise the city's total twice over."""
    city, echeng, huarong = tree["city"], tree["echeng"], tree["huarong"]
    before = levels_json(city)["overall"]["expected"]
    tip = git(huarong, "rev-parse", "HEAD").strip()
    names = ["华容区", "华容", "華容區"]
    (echeng / "levels.yaml").write_text("levels:\n" + "".join(
        f"  - name: {n}\n    source: ../huarong{'/.' * k}\n" for k, n in enumerate(names)), encoding="utf-8")
    rows = ",\n".join(f'  {{"name": "{n}", "source": "../huarong{"/." * k}", "ref": null, "commit": "{tip}"}}'
                      for k, n in enumerate(names))
    (echeng / "levels.lock.json").write_text('{"levels": [\n' + rows + "\n]}\n", encoding="utf-8")
    commit(echeng, "declares 华容区 again")
    assert run(city, "levels", "fetch").exit_code == 0
    data = levels_json(city)
    assert data["overall"]["expected"] == before
    for n in names:
        dup = row(data, "鄂城区", n)
        assert dup["state"] == "duplicate" and dup["same_as"] == ["华容区"] and "expected" not in dup
    md = run(city, "report", "--levels", "--as-of", AS_OF, "--format", "md").stdout
    assert "计入本级及2个下级（鄂城区、华容区）" in md and "未计入3个：鄂城区/华容区（与华容区是同一个下级" in md


def test_a_name_given_twice_however_spaced_is_refused() -> None:
    found = load_levels_bytes("levels:\n  - name: 华容区\n    source: ../a\n  - name: '华容区 '\n    source: ../b\n"
                              "  - name: 华容区\u3000\n    source: ../c\n".encode("utf-8"))
    assert [d.name for d in found.levels] == ["华容区"]
    assert [(p.code, p.line) for p in found.problems] == [("level-duplicate", 4), ("level-duplicate", 6)]


def test_a_rewritten_history_does_not_move_the_lock(tree: dict[str, Path]) -> None:
    """华容区 amends its locked commit, dropping a done record: fetch says its history was rewritten, shows the
    record that went, and keeps the lock; the mirror still holds the locked commit, so the roll-up is as
    before. It used to move silently, done going from 2 to 1."""
    city, huarong = tree["city"], tree["huarong"]
    locked = read_lock((city / "levels.lock.json").read_bytes())[0]["华容区"].commit
    path = huarong / "progress" / "emergency.yaml"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if '"task": 15' not in line), encoding="utf-8")
    git(huarong, "commit", "-qa", "--amend", "--no-edit")
    git(huarong, "reflog", "expire", "--expire=now", "--all")
    git(huarong, "gc", "-q", "--prune=now")
    result = run(city, "levels", "fetch")
    assert result.exit_code == 1
    assert "华容区：来源的历史被改写" in result.output and locked[:12] in result.output
    assert "删除（！）" in result.output and "tracker levels fetch --accept-rewrite" in result.output
    assert read_lock((city / "levels.lock.json").read_bytes())[0]["华容区"].commit == locked
    assert row(levels_json(city), "华容区")["done"] == 2


def test_one_unreachable_level_does_not_hold_up_the_others(tree: dict[str, Path]) -> None:
    city, echeng = tree["city"], tree["echeng"]
    record(echeng, "15", "done", 100, date="2025-09-20")
    moved = commit(echeng)
    with (city / "levels.yaml").open("a", encoding="utf-8") as f:
        f.write("  - name: 梁子湖区\n    source: ../liangzihu\n")
    result = run(city, "levels", "fetch")
    assert result.exit_code == 1 and "梁子湖区" in result.output
    locks = read_lock((city / "levels.lock.json").read_bytes())[0]
    assert locks["鄂城区"].commit == moved and "梁子湖区" not in locks
    data = levels_json(city)
    assert row(data, "鄂城区")["done"] == 1
    assert row(data, "梁子湖区")["counted"] is False
    summary = run(city, "report", "--levels", "--as-of", AS_OF, "--format", "md").stdout
    assert "未计入1个：梁子湖区（未锁定" in summary and "，另有1个下级未计入" in summary


def test_an_accepted_rewrite_keeps_both_commits_and_the_old_roll_up_rebuilds(tree: dict[str, Path]) -> None:
    """--accept-rewrite moves the lock after showing what changed; the lock's log keeps the commit it
    replaces, and the mirror keeps it, so the roll-up published at the old lock rebuilds byte for byte even
    though the district's repository no longer holds it."""
    city, huarong = tree["city"], tree["huarong"]
    published = run(city, "report", "--levels", "--as-of", AS_OF, "-f", "json").stdout
    old_lock = (city / "levels.lock.json").read_bytes()
    locked = read_lock(old_lock)[0]["华容区"].commit
    path = huarong / "progress" / "emergency.yaml"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if '"task": 15' not in line), encoding="utf-8")
    git(huarong, "commit", "-qa", "--amend", "--no-edit")  # the locked commit, amended away
    git(huarong, "reflog", "expire", "--expire=now", "--all")
    git(huarong, "gc", "-q", "--prune=now")
    assert subprocess.run(["git", "cat-file", "-e", locked], cwd=huarong).returncode != 0  # gone from the source
    accepted = run(city, "levels", "fetch", "--accept-rewrite")
    assert accepted.exit_code == 0, accepted.output
    assert "已接受改写的历史" in accepted.output and "删除（！）" in accepted.output
    lock = read_lock((city / "levels.lock.json").read_bytes())[0]["华容区"]
    assert lock.commit == git(huarong, "rev-parse", "HEAD").strip() and lock.replaced == (locked,)
    assert '"replaced": ["' + locked + '"]' in (city / "levels.lock.json").read_text(encoding="utf-8")
    assert row(levels_json(city), "华容区")["done"] == 1
    (city / "levels.lock.json").write_bytes(old_lock)  # the lock as it was published
    assert run(city, "report", "--levels", "--as-of", AS_OF, "-f", "json").stdout == published


def test_a_kept_commit_is_known_from_the_mirrors_refs_and_git_is_asked_otherwise(tree: dict[str, Path]) -> None:
    """A roll-up sees that a mirror keeps a locked commit from its refs, loose or packed, without running git
    for every level; refs that do not show it leave the question to git."""
    import datetime as dt

    from tracker.folder.pipeline import load_list
    from tracker.folder.root import Root
    from tracker.git import run as gitio
    from tracker.git.levels import lock_of, mirror_dir, resolve_source, walk

    city = Root(tree["city"], tree["city"] / ".git")
    locked = lock_of(city)[0]["鄂城区"]
    mirror = mirror_dir(city, str(resolve_source(locked.source, str(city.path))))
    assert gitio.kept(mirror, locked.commit) and not gitio.kept(mirror, "0" * 40)
    git(mirror, "pack-refs", "--all")
    assert not (mirror / "refs" / "tracker" / "locked" / locked.commit).exists()
    assert gitio.kept(mirror, locked.commit)
    git(mirror, "update-ref", "-d", f"refs/tracker/locked/{locked.commit}")
    assert not gitio.kept(mirror, locked.commit)
    top, _ = load_list(city)
    assert top is not None
    day = dt.date(2025, 9, 30)
    assert [(lv.path, lv.state) for lv in walk(city, top, day, day)] == [(("鄂城区",), "ok"), (("华容区",), "ok")]
