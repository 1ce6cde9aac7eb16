"""The folder read out of git: its progress files at a revision and in the working tree, who added each
record, and each commit of a range judged by the units.yaml in force before it."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.git.test_review import OFFICE, WANG, ZHANG, commit, git, make_repo, record
from tracker.folder.pipeline import load_list
from tracker.folder.root import Root
from tracker.git.history import Repo, check_range, record_history, revision_side, working_side


def test_the_progress_files_at_a_revision_and_in_the_working_tree(tmp_path: Path) -> None:
    office = make_repo(tmp_path)
    record(office, "15", "emergency", "2025-03-20", "30")
    first = commit(office, "entry", ZHANG)
    repo = Repo.of(Root(office))
    assert repo.prefix == "" and repo.inside("progress/emergency.yaml") == "progress/emergency.yaml"
    assert revision_side(repo, "HEAD") == working_side(repo) == {
        "progress/emergency.yaml": (office / "progress" / "emergency.yaml").read_bytes()}
    record(office, "15", "emergency", "2025-04-20", "40")
    assert revision_side(repo, first) != working_side(repo)  # uncommitted: only the working tree has it
    assert revision_side(repo, "HEAD~1") == {}  # the first commit held no progress file yet


def test_a_folder_below_the_repository_s_top_is_read_at_its_prefix(tmp_path: Path) -> None:
    office = make_repo(tmp_path / "made")
    record(office, "15", "emergency", "2025-03-20", "30")
    top = tmp_path / "top"
    shutil.copytree(office, top / "office", ignore=shutil.ignore_patterns(".git"))
    (top / "progress").mkdir()
    (top / "progress" / "decoy.yaml").write_text("unit: decoy\n", encoding="utf-8")  # outside the folder
    git(top, "init", "-q")
    commit(top, "the folder, one level down")
    repo = Repo.of(Root(top / "office"))
    assert repo.prefix == "office/" and repo.inside("progress/decoy.yaml") is None
    assert revision_side(repo, "HEAD") == working_side(repo) == {
        "progress/emergency.yaml": (top / "office" / "progress" / "emergency.yaml").read_bytes()}


def test_each_record_is_named_with_the_commit_that_added_it(tmp_path: Path) -> None:
    office = make_repo(tmp_path)
    record(office, "15", "emergency", "2025-03-20", "30")
    added_by = commit(office, "entry", ZHANG)
    record(office, "15", "emergency", "2025-04-20", "40")
    ticks: list[tuple[int, int]] = []
    added = list(record_history(Repo.of(Root(office)), lambda n, total: ticks.append((n, total))))
    assert [(a.values["percent"], a.commit, a.author) for a in added] == [
        (30, added_by, "张三 <zs@example.org>"), (40, None, "")]
    assert added[0].committed is not None and added[1].committed is None and ticks == [(1, 1)]


def test_each_commit_is_judged_by_the_units_before_it(tmp_path: Path) -> None:
    """王五 records for 市应急局 before the office makes him its maintainer, and again after: only the first is
    refused, though the current units.yaml names him."""
    office = make_repo(tmp_path)
    start = git(office, "rev-parse", "HEAD").strip()
    record(office, "15", "emergency", "2025-03-20", "30")
    commit(office, "by the maintainer", ZHANG)
    record(office, "15", "emergency", "2025-04-20", "40")
    early = commit(office, "by someone else", WANG)
    units = office / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("[张三 <zs@example.org>]",
                                                               "[张三 <zs@example.org>, 王五 <ww@example.org>]"),
                     encoding="utf-8")
    commit(office, "a new maintainer", OFFICE)
    record(office, "15", "emergency", "2025-05-20", "50")
    commit(office, "by the new maintainer", WANG)
    cat, _ = load_list(Root(office))
    assert cat is not None
    checked, violations, *_ = check_range(Repo.of(Root(office)), f"{start}..HEAD", cat, False)
    assert checked == 4 and [v.commit for v in violations] == [early]


def test_log_marks_a_record_edited_after_it_was_written(tmp_path: Path) -> None:
    """The reported case: after a maintainer rewrote another's record (80 → 90), log showed the original 填报人
    with the rewriting commit and no sign of the edit. The record's row keeps the commit that wrote it and
    says who edited it, in which commit."""
    import json

    from tests.git.test_review import tracker

    office = make_repo(tmp_path)
    record(office, "15", "emergency", "2025-03-20", "80")
    wrote = commit(office, "by the maintainer", ZHANG)
    path = office / "progress" / "emergency.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"percent": 80', '"percent": 90'), encoding="utf-8")
    edited = commit(office, "rewritten", WANG)
    rows = json.loads(tracker(office, "log", "--unit", "emergency", "-f", "json").stdout)
    (row,) = [r for r in rows if r["record"].get("task") == 15]
    assert row["commit"] == wrote and row["author"] == "张三 <zs@example.org>"
    assert [(e["commit"], e["author"]) for e in row["edits"]] == [(edited, "王五 <ww@example.org>")]
    table = tracker(office, "log", "--unit", "emergency", "-f", "md").stdout
    assert f"已被修改（！）：王五 <ww@example.org>，提交 {edited[:10]}".replace("<", "\\<").replace(">", "\\>") in table
