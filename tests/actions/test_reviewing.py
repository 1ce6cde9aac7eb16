"""Review in git: the revisions a diff compares, what a change did, and each record's history filtered."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.actions.conftest import DAY, scope_of
from tests.git.test_review import commit, make_repo, record
from tracker.actions.reviewing import NoRepository, diff, log, revisions
from tracker.core.i18n import Lang


def test_the_revisions_a_diff_compares() -> None:
    assert revisions(None, None) == ("HEAD", None)
    assert revisions("main..HEAD", None) == ("main", "HEAD")
    assert revisions("main...", None) == ("main", "HEAD")
    assert revisions("v1", "v2") == ("v1", "v2")


def test_a_folder_outside_git_has_no_history(mini: Path) -> None:
    with pytest.raises(NoRepository):
        log(scope_of(mini), Lang.ZH)


def test_a_change_fails_when_it_edits_a_record_and_the_log_filters_by_unit_task_and_date(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    record(repo, "15", "emergency", "2025-05-01", "30")
    record(repo, "17", "emergency", "2025-06-01", "40")
    commit(repo, "two records")
    assert not diff(scope_of(repo), Lang.EN, DAY).fails
    path = repo / "progress" / "emergency.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"percent": 30', '"percent": 35'), encoding="utf-8")
    changed = diff(scope_of(repo), Lang.EN, DAY)
    assert changed.fails and changed.record["changes"][0]["kind"] == "edited"
    rows = log(scope_of(repo), Lang.EN, task="17").table.records
    assert [r["record"]["task"] for r in rows] == [17]
    assert len(log(scope_of(repo), Lang.EN, unit="市应急局").table.records) == 2
    import datetime as dt

    assert [r["record"]["date"] for r in log(scope_of(repo), Lang.EN, since=dt.date(2025, 5, 15)).table.records] \
        == ["2025-06-01"]
