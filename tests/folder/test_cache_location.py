"""The derived cache cannot be planted: it lives where git cannot carry it, a `.tracker-cache/` committed in
the folder is never read, and check-authors refuses a non-office commit touching anything but the author's
own unit's progress file."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.git.test_review import OFFICE, WANG, ZHANG, commit, git, make_repo, record, tracker
from tracker.folder import cache

REPORT = ["report", "--as-of", "2025-07-01", "-f", "json"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def test_in_a_repository_the_cache_is_inside_the_git_directory(repo: Path, user_cache: Path) -> None:
    record(repo, "15", "emergency", "2025-06-01", "50")
    assert tracker(repo, *REPORT).exit_code == 0
    where = cache.cache_dir(repo, repo / ".git")
    assert where.parent == repo / ".git" / "tracker-cache"
    assert list(where.glob("*.pack")) and (where / "catalog.json").exists()
    assert not (repo / ".tracker-cache").exists()
    assert not any(user_cache.iterdir())
    assert git(repo, "status", "--porcelain", "--ignored").strip().splitlines() == [
        "?? progress/emergency.yaml", "!! progress/emergency.yaml.lock"]


def test_a_worktree_keeps_its_cache_in_its_own_git_directory(repo: Path, tmp_path: Path) -> None:
    git(repo, "worktree", "add", "-q", str(tmp_path / "wt"))
    wt = tmp_path / "wt"
    assert (wt / ".git").is_file()
    assert tracker(wt, *REPORT).exit_code == 0
    where = cache.cache_dir(wt, repo / ".git" / "worktrees" / "wt")
    assert where.parent == repo / ".git" / "worktrees" / "wt" / "tracker-cache"
    assert (where / "catalog.json").exists()
    assert not (wt / ".tracker-cache").exists()


def test_outside_a_repository_the_cache_is_in_the_user_cache_directory(folder: Path, user_cache: Path) -> None:
    assert tracker(folder, *REPORT).exit_code == 0
    where = cache.cache_dir(folder)
    assert where.parent == user_cache / "tracker"
    assert list(where.glob("catalog.json"))
    assert not (folder / ".tracker-cache").exists()


def _tamper(pack_dir: Path) -> None:
    """Rewrite every pack so emergency's entry says done 100%, with checksums recomputed: an attacker's pack."""
    for path in pack_dir.glob("*.pack"):
        head, *lines = path.read_bytes().split(b"\n")
        out = [head]
        for meta_line, body in zip(lines[:-1:2], lines[1:-1:2], strict=True):
            forged = body.replace(b'"in-progress"', b'"done"').replace(b"[50.0]", b"[100.0]")
            assert b"emergency" not in meta_line or b'"percent":[100.0]' in forged
            body = forged
            meta = json.loads(meta_line)
            meta["size"], meta["checksum"] = len(body), cache.content_hash(body)
            out += [json.dumps(meta).encode(), body]
        path.write_bytes(b"\n".join(out) + b"\n")


def _plant(repo: Path) -> str:
    """Record, report, then copy the real cache into ``.tracker-cache/`` in the folder with done items forged in
    it (checksums recomputed); returns the honest report."""
    record(repo, "15", "emergency", "2025-06-01", "50")
    honest = tracker(repo, *REPORT).stdout
    planted = repo / ".tracker-cache"
    planted.mkdir()
    for path in cache.cache_dir(repo, repo / ".git").iterdir():
        if path.is_file():
            (planted / path.name).write_bytes(path.read_bytes())
    _tamper(planted)
    return honest


def test_a_planted_cache_in_the_folder_changes_no_report(repo: Path) -> None:
    honest = _plant(repo)
    assert tracker(repo, *REPORT).stdout == honest
    # the same pack in the real place would have been believed: the test would catch a cache read from there
    _tamper(cache.cache_dir(repo, repo / ".git"))
    _tamper(cache.cache_dir(repo, repo / ".git") / "enough")  # what a report as of today reads
    assert tracker(repo, *REPORT).stdout != honest
    assert tracker(repo, "--no-cache", *REPORT).stdout == honest


def test_a_fresh_clone_ignores_a_committed_cache(repo: Path, tmp_path: Path) -> None:
    honest = _plant(repo)
    git(repo, "add", "-f", ".tracker-cache", "progress/emergency.yaml", who=WANG)
    git(repo, "commit", "-qm", "plant", who=WANG)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    assert tracker(clone, *REPORT).stdout == honest
    result = tracker(repo, "check-authors", "HEAD~1..HEAD")
    assert result.exit_code == 1
    assert ".tracker-cache/" in result.stdout and "只有市安防办可以改动本单位进度文件以外的文件" in result.stdout


def test_check_authors_refuses_a_maintainer_touching_any_other_file(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    record(repo, "15", "emergency", "2025-06-01", "50")
    commit(repo, "own progress", who=ZHANG)
    result = tracker(repo, "check-authors", f"{base}..HEAD")
    assert result.exit_code == 0, result.output
    (repo / "run.sh").write_text("#!/bin/sh\nrm -rf /\n", encoding="utf-8")
    commit(repo, "a script", who=ZHANG)
    result = tracker(repo, "check-authors", f"{base}..HEAD")
    assert result.exit_code == 1
    assert "run.sh: 只有市安防办可以改动本单位进度文件以外的文件" in result.stdout
    (repo / ".gitattributes").write_text("* -merge\n", encoding="utf-8")
    commit(repo, "settings", who=ZHANG)
    assert ".gitattributes" in tracker(repo, "check-authors", "HEAD~1..HEAD").stdout


def test_the_office_may_change_any_file_and_a_merge_taking_its_work_passes(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-qb", "unit")
    record(repo, "15", "emergency", "2025-06-01", "50")
    commit(repo, "progress", who=ZHANG)
    git(repo, "checkout", "-q", "main")
    (repo / "README.txt").write_text("office notes\n", encoding="utf-8")
    tasks = repo / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("silent_days: 30", "silent_days: 60"), encoding="utf-8")
    commit(repo, "office notes and a setting", who=OFFICE)
    git(repo, "checkout", "-q", "unit")
    git(repo, "merge", "-q", "--no-edit", "main", who=ZHANG)
    result = tracker(repo, "check-authors", f"{base}..HEAD")
    assert result.exit_code == 0, result.output
    assert "检查了 3 个提交" in result.stdout


def _forge_in(where: Path, folder: Path) -> str:
    """Report honestly with the cache in the user's cache directory, then copy that cache, forged, to
    ``where``: what a colleague who can write there would plant. Returns the honest report."""
    record(folder, "15", "emergency", "2025-06-01", "50")
    honest = tracker(folder, *REPORT).stdout
    real = cache.cache_dir(folder)
    assert (real / "catalog.json").exists()  # the honest cache went to the user's own directory
    planted = where / "tracker-cache" / real.name
    shutil.copytree(real, planted)
    _tamper(planted)
    _tamper(planted / "enough")
    return honest


def test_a_plain_git_folder_above_moves_no_cache(tmp_path: Path, folder: Path) -> None:
    """Outside git, a colleague's plain ``shared/.git`` folder above the tracking folder is no repository:
    the cache stays in the user's own directory and forged entries put there change no report. It used to
    move the cache into it."""
    shared = tmp_path / "shared"
    inner = shared / "office"
    (inner / "progress").mkdir(parents=True)
    for name in ("tasks.yaml", "units.yaml"):
        shutil.copy(folder / name, inner / name)
    (shared / ".git").mkdir()
    honest = _forge_in(shared / ".git", inner)
    assert tracker(inner, *REPORT).stdout == honest
    assert not any((shared / ".git" / "tracker-cache").glob("*/progress-*.pack.*"))


def test_a_git_file_pointing_elsewhere_moves_no_cache(tmp_path: Path, folder: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (folder / ".git").write_text(f"gitdir: {elsewhere}\n", encoding="utf-8")
    honest = _forge_in(elsewhere, folder)
    assert tracker(folder, *REPORT).stdout == honest


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs to give a folder away")
def test_a_repository_owned_by_someone_else_holds_no_cache(repo: Path) -> None:
    """git refuses a repository of another user (safe.directory), and so does the cache: the report is
    computed and cached in the user's own directory."""
    honest = tracker(repo, *REPORT).stdout
    for path in [repo, *repo.rglob("*")]:
        os.lchown(path, 54321, 54321)
    assert tracker(repo, *REPORT).stdout == honest
    assert cache.cache_dir(repo, repo / ".git").parent != repo / ".git" / "tracker-cache"
    assert (cache.cache_dir(repo) / "catalog.json").exists()
