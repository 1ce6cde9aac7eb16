"""init never overwrites; explain knows every code, and the closest ones to a wrong one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.actions.setup import explain, init
from tracker.core.codes import CODES
from tracker.core.i18n import Lang, Msg
from tracker.core.refusal import Refused


def test_init_says_each_file_it_writes_and_refuses_a_folder_already_set_up(tmp_path: Path) -> None:
    said: list[Msg] = []
    written = init(tmp_path / "f", say=said.append)
    assert (tmp_path / "f" / "tasks.yaml") in written and len(said) == len(written)
    before = (tmp_path / "f" / "tasks.yaml").read_bytes()
    with pytest.raises(Refused) as exc:
        init(tmp_path / "f")
    assert exc.value.problems[0].code == "already-set-up" and "tasks.yaml" in exc.value.problems[0].message()
    assert (tmp_path / "f" / "tasks.yaml").read_bytes() == before


def test_explain_gives_the_registry_s_entry_or_the_closest_codes() -> None:
    assert explain("tab") is CODES["tab"]
    with pytest.raises(Refused) as exc:
        explain("bad-dat")
    assert exc.value.problems[0].hint(Lang.EN).startswith('did you mean "bad-date" or ')


def _git_env(monkeypatch: pytest.MonkeyPatch, home: Path, *, identity: bool) -> None:
    home.mkdir(parents=True, exist_ok=True)
    config = home / "gitconfig"
    config.write_text("[user]\n\tuseConfigOnly = true\n" + ("\tname = 办公室\n\temail = office@example.org\n"
                                                           if identity else ""), encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for key in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(key, raising=False)


def test_init_git_makes_the_first_commit_and_a_plain_hook_that_runs_validate(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The reported case: init made no first commit, and the promised check before each commit was only a
    .pre-commit-config.yaml for a tool tracker does not install. Now init --git commits, and a plain git hook
    stops a commit that brings an error."""
    import subprocess

    _git_env(monkeypatch, tmp_path / "home", identity=True)
    said: list[Msg] = []
    folder = tmp_path / "f"
    init(folder, git=True, say=said.append)
    texts = [m.text(Lang.ZH) for m in said]
    assert any(t.startswith("已提交第一个版本") for t in texts) and any("已安装提交前检查" in t for t in texts)

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True)

    assert git("log", "--format=%s").stdout.strip() == "建立跟踪目录（tracker init）"
    assert git("status", "--porcelain").stdout == ""
    (folder / "progress" / "emergency.yaml").write_text(
        'unit: emergency\nentries:\n- {"id": "x1", "type": "progress", "date": "2025-9-1", "task": 15, '
        '"status": "done"}\n', encoding="utf-8")
    git("add", ".")
    refused = git("commit", "-m", "a bad date")
    assert refused.returncode != 0 and "non-iso-date" in refused.stdout + refused.stderr
    assert git("log", "--format=%s").stdout.count("\n") == 1  # nothing committed


def test_init_git_without_an_identity_says_exactly_what_to_run(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _git_env(monkeypatch, tmp_path / "home", identity=False)
    said: list[Msg] = []
    init(tmp_path / "f", git=True, say=said.append)
    failed = next(m.text(Lang.ZH) for m in said if m.key == "cli.first-commit-failed")
    assert "git config user.name" in failed and f"git -C {tmp_path / 'f'} commit -m" in failed


def test_init_git_writes_no_hook_into_a_hooks_folder_the_settings_share(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A core.hooksPath in the user's settings names a hooks folder other repositories use too: init leaves it
    alone and says what line to add there."""
    _git_env(monkeypatch, tmp_path / "home", identity=True)
    config = tmp_path / "home" / "gitconfig"
    shared = tmp_path / "shared-hooks"
    config.write_text(config.read_text(encoding="utf-8") + f"[core]\n\thooksPath = {shared}\n", encoding="utf-8")
    said: list[Msg] = []
    init(tmp_path / "f", git=True, say=said.append)
    assert not (shared / "pre-commit").exists()
    assert any(m.key == "cli.hook-shared" and str(shared) in m.text(Lang.ZH) for m in said)
