"""A tracking folder as git holds it at a commit is read by the same load → check → cache path as the
working tree: the same catalog, the same checked files, and a cache keyed by blob ids."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tracker.check.checked import Progress
from tracker.folder import pipeline
from tracker.folder.cache import TASK_DATE_LINE
from tracker.folder.root import Root
from tracker.folder.source import FolderSource, progress_bytes
from tracker.git import run as gitio
from tracker.git.sources import GitSource

TODAY = dt.date(2025, 10, 15)


def same(prog: Progress) -> tuple[object, ...]:
    """A checked file as it compares whether read from the cache (entries by task, date, line) or not."""
    return (prog.path, prog.unit, sorted(prog.entries, key=TASK_DATE_LINE), prog.milestones, prog.reviews,
            prog.extensions, prog.reminders, prog.problems)


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "office", "GIT_AUTHOR_EMAIL": "office@example.org",
           "GIT_COMMITTER_NAME": "office", "GIT_COMMITTER_EMAIL": "office@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(tmp_path: Path, mini: Path) -> Path:
    """A repository whose folder office/ holds the mini folder, committed, with a file beside it."""
    top = tmp_path / "repo"
    top.mkdir()
    shutil.copytree(mini, top / "office")
    (top / "README.md").write_text("not the folder\n", encoding="utf-8")
    git(top, "init", "-q")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "list")
    return top


def test_a_commit_gives_the_files_the_working_tree_gives(repo: Path) -> None:
    tree = FolderSource(Root(repo / "office"))
    with GitSource.at_revision(repo, "HEAD", "office/") as source:
        assert source.cache_at is None
        assert source.progress() == tree.progress() == ["progress/a.yaml", "progress/b.yaml"]
        assert source.read("tasks.yaml") == tree.read("tasks.yaml")
        assert source.read("README.md") is None and source.read("levels.yaml") is None
        assert progress_bytes(source) == progress_bytes(tree)
        stored = list(source.files(source.progress(), {"a"}, True))
        assert stored[0].content == gitio.tree(repo, source.commit)["office/progress/a.yaml"][0]  # the blob id
        assert stored[1].read is None


def test_a_commit_is_loaded_and_checked_as_the_working_tree_is(repo: Path) -> None:
    root = Root(repo / "office")
    with GitSource.at_revision(repo, "HEAD", "office/") as source:
        cat, problems = pipeline.list_from(source)
        assert cat is not None and (cat, problems) == pipeline.load_list(root, use_cache=False)
        from_git = list(pipeline.progress_from(source, cat, TODAY))
    assert from_git == list(pipeline.iter_progress(root, cat, TODAY, use_cache=False))
    assert [p.path for p in from_git] == ["progress/a.yaml", "progress/b.yaml"] and from_git[0].entries


def test_a_cached_file_is_known_by_its_blob_id_without_reading_it(repo: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    where = tmp_path / "mirror-cache"
    commit = gitio.resolve(repo, "HEAD")
    with GitSource(repo, commit, "office/", cache_at=where) as source:
        cat, _ = pipeline.list_from(source)
        assert cat is not None
        cold = list(pipeline.progress_from(source, cat, TODAY))
    read: list[str] = []
    real = GitSource.read
    monkeypatch.setattr(GitSource, "read", lambda self, name: read.append(name) or real(self, name))
    with GitSource(repo, commit, "office/", cache_at=where) as source:
        assert pipeline.list_from(source)[0] == cat
        assert [same(p) for p in pipeline.progress_from(source, cat, TODAY)] == [same(p) for p in cold]
    assert read == []  # neither the list nor a progress file: both came from the cache by their blob ids


def test_a_blob_git_will_not_give_is_a_problem_of_its_file(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with GitSource.at_revision(repo, "HEAD", "office/") as source:
        cat, _ = pipeline.list_from(source)
        assert cat is not None
        monkeypatch.setattr(gitio.BlobReader, "read", lambda self, blob: None)
        progs = list(pipeline.progress_from(source, cat, TODAY))
    assert [(p.path, [(q.code, q.args) for q in p.problems]) for p in progs] == [
        ("progress/a.yaml", [("unreadable", (("reason", "git"),))]),
        ("progress/b.yaml", [("unreadable", (("reason", "git"),))])]


def test_an_older_revision_gives_the_files_as_they_were(repo: Path) -> None:
    first = gitio.resolve(repo, "HEAD")
    b = repo / "office" / "progress" / "b.yaml"
    b.write_text(b.read_text(encoding="utf-8").replace("\n- ", "\n- ", 1) + "# later\n", encoding="utf-8")
    (repo / "office" / "progress" / "c.yaml").write_text("unit: c\nentries:\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "more")
    with GitSource(repo, first, "office/") as old, GitSource.at_revision(repo, "HEAD", "office/") as new:
        assert old.progress() == ["progress/a.yaml", "progress/b.yaml"]
        assert new.progress() == ["progress/a.yaml", "progress/b.yaml", "progress/c.yaml"]
        assert new.read("progress/b.yaml") == b.read_bytes() != old.read("progress/b.yaml")
        assert new.list_key() == old.list_key()  # the list did not change


def test_a_commit_s_items_carried_over_are_read_and_key_its_list(repo: Path) -> None:
    """carried.yaml is part of the list at a commit as in the working tree, and of what its cache is keyed by."""
    from tests.folder.test_cache import CARRIED

    with GitSource.at_revision(repo, "HEAD", "office/") as before:
        key = before.list_key()
    (repo / "office" / "carried.yaml").write_text(CARRIED, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "carried over")
    with GitSource.at_revision(repo, "HEAD", "office/") as source:
        cat, problems = pipeline.list_from(source)
        assert problems == [] and cat is not None and cat.items["2024#3"].kind == "carried"
        assert source.list_key() != key
    tree, _ = pipeline.load_list(Root(repo / "office"), use_cache=False)
    assert tree is not None and tree.items["2024#3"] == cat.items["2024#3"]
