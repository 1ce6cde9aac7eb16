"""Revisions and ranges from the command line are data: git never reads one as an option."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.git.test_review import make_repo, record, tracker
from tracker.git import run as gitio


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


ATTACKS = ["--output={out}", "-n0", "--author=nobody", "--output={out}..HEAD", "HEAD..--output={out}"]


@pytest.mark.parametrize("attack", ATTACKS)
def test_check_authors_refuses_an_option_as_range_and_writes_nothing(repo: Path, tmp_path: Path,
                                                                     attack: str) -> None:
    out = tmp_path / "planted.txt"
    result = tracker(repo, "check-authors", "--", attack.format(out=out))
    assert result.exit_code == 2, result.output
    assert "cannot begin with '-'" in result.output or "不能以“-”开头" in result.output
    assert "检查了" not in result.output
    assert not out.exists()
    assert "Traceback" not in result.output


@pytest.mark.parametrize("attack", ATTACKS)
def test_diff_refuses_an_option_as_revision_and_writes_nothing(repo: Path, tmp_path: Path, attack: str) -> None:
    out = tmp_path / "planted.txt"
    result = tracker(repo, "diff", "--", attack.format(out=out))
    assert result.exit_code == 2, result.output
    assert not out.exists()
    result = tracker(repo, "diff", "HEAD", "--", attack.format(out=out))
    assert result.exit_code == 2, result.output
    assert not out.exists()


def test_gitio_refuses_options_itself(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "planted.txt"
    for call in (lambda: gitio.commits(repo, f"--output={out}"), lambda: gitio.resolve(repo, f"--output={out}"),
                 lambda: gitio.files_at(repo, f"--output={out}", "progress"),
                 lambda: gitio.changed_files(repo, "HEAD", f"--output={out}"),
                 lambda: gitio.show(repo, f"--output={out}", "tasks.yaml")):
        with pytest.raises(gitio.GitError):
            call()
    assert not out.exists()


def test_ordinary_ranges_still_work(repo: Path) -> None:
    record(repo, "15", "emergency", "2025-06-01", "50")
    assert tracker(repo, "check-authors", "HEAD").exit_code == 0
    assert tracker(repo, "diff", "HEAD").exit_code == 0


def test_where_git_could_find_no_repository_it_is_not_started(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside any repository the answer is git's (none), without a git process; a ``.git`` or a bare
    repository's layout above the folder, or GIT_DIR, and git is asked as before."""
    import subprocess

    for name in ("GIT_DIR", "GIT_COMMON_DIR", "GIT_WORK_TREE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_SSL_CAINFO", "/etc/ssl/certs/ca-certificates.crt")  # names no repository
    plain = tmp_path / "plain" / "folder"
    plain.mkdir(parents=True)
    repo = make_repo(tmp_path / "repo")
    (repo / "sub").mkdir()
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    (bare / "folder").mkdir()
    asked: list[Path] = []
    real = subprocess.run

    def counted(args: list[str], **kwargs: Any) -> Any:
        asked.append(kwargs["cwd"])
        return real(args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counted)
    assert gitio.git_dir(plain) is None and asked == []  # what git says there, without git
    assert gitio.git_dir(repo / "sub") == (repo / ".git").resolve() and asked == [repo / "sub"]
    assert gitio.git_dir(bare / "folder") == bare.resolve() and asked[-1] == bare / "folder"  # git finds it too
    monkeypatch.setenv("GIT_DIR", str(repo / ".git"))
    assert gitio.git_dir(plain) == (repo / ".git").resolve() and asked[-1] == plain
