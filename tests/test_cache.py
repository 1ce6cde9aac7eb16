"""The derived cache never changes a report: stale, corrupted, truncated, foreign or other-version caches
are rebuilt, a change within the same second is seen, and errors are reported every time."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tracker.validate
from tracker import cache
from tracker.cli import app
from tracker.repo import Root
from tracker.validate import iter_progress, load_checked

from .test_report import MINI

runner = CliRunner()
REPORT = ["report", "--as-of", "2025-10-15", "-f", "json"]


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


def report(folder: Path, *extra: str) -> str:
    result = runner.invoke(app, ["--root", str(folder), *extra, *REPORT])
    assert result.exit_code == 0, result.output
    return result.stdout


def cache_files(folder: Path) -> list[Path]:
    """The progress files' caches (the task list's own cache is catalog.json)."""
    return sorted(p for p in (folder / ".tracker-cache").glob("*.json") if p.name != "catalog.json")


def test_warm_report_equals_full_parse(mini: Path) -> None:
    cold = report(mini)
    assert len(cache_files(mini)) == 2
    assert report(mini) == cold == report(mini, "--no-cache")
    assert (mini / ".tracker-cache" / ".gitignore").read_text().strip().endswith("*")


def test_a_cache_folder_deleted_between_runs_is_made_again(mini: Path) -> None:
    cold = report(mini)
    shutil.rmtree(mini / ".tracker-cache")
    assert report(mini) == cold
    assert len(cache_files(mini)) == 2 and (mini / ".tracker-cache" / ".gitignore").exists()


def test_warm_report_parses_nothing_and_a_record_parses_one_file(mini: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    report(mini)
    parsed: list[str] = []
    real = tracker.validate.read_progress
    monkeypatch.setattr(tracker.validate, "read_progress", lambda data, rel: parsed.append(rel) or real(data, rel))
    report(mini)
    assert parsed == []
    result = runner.invoke(app, ["--root", str(mini), "record", "7", "--unit", "a", "--status", "done",
                                 "--date", "2025-10-14", "--by", "x"])
    assert result.exit_code == 0, result.output
    after = report(mini)
    assert parsed == ["progress/a.yaml"]
    assert after == report(mini, "--no-cache")


def test_change_within_the_same_second_and_size_is_seen(mini: Path) -> None:
    report(mini)
    path = mini / "progress" / "b.yaml"
    stat = path.stat()
    data = path.read_bytes()
    changed = data.replace(b'"value": 96.5', b'"value": 91.5')
    assert len(changed) == len(data) and changed != data
    path.write_bytes(changed)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    warm = json.loads(report(mini))
    assert next(r for r in warm["by_goal"] if r["id"] == "4")["target"]["mean"] == 91.5
    assert report(mini) == report(mini, "--no-cache")


def split(path: Path) -> tuple[dict[str, object], bytes]:
    head, _, payload = path.read_bytes().partition(b"\n")
    return json.loads(head), payload


def join(path: Path, head: dict[str, object], payload: bytes) -> None:
    path.write_bytes(json.dumps(head).encode() + b"\n" + payload)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other-version", "foreign", "altered",
                                    "wrong-shape"])
def test_damaged_cache_is_rebuilt(mini: Path, damage: str) -> None:
    expected = report(mini, "--no-cache")
    report(mini)
    a, b = cache_files(mini)
    head, payload = split(a)
    if damage == "garbage":
        a.write_bytes(b"\x00\xffnot json at all")
    elif damage == "truncated":
        a.write_bytes(a.read_bytes()[: len(a.read_bytes()) - 40])
    elif damage == "empty":
        a.write_bytes(b"")
    elif damage == "other-version":
        join(a, {**head, "tool": "0.0.0-old"}, payload)
    elif damage == "foreign":
        shutil.copy(b, a)  # another file's cache in this file's place
    elif damage == "altered":  # the payload changed after writing: its checksum no longer matches
        join(a, head, payload.replace(b'"in-progress"', b'"done"', 1))
    else:  # well-formed JSON with the right checksum, but not the shape a cache has
        data = json.loads(payload)
        data["entries"]["id"] = data["entries"]["id"][:-1]
        body = json.dumps(data).encode()
        join(a, {**head, "checksum": cache.content_hash(body)}, body)
    assert report(mini) == expected
    assert split(a)[0]["tool"] != "0.0.0-old"
    assert report(mini) == expected


def test_a_changed_task_list_invalidates_the_cache(mini: Path) -> None:
    report(mini)
    units = mini / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("members: [a, b]", "members: [b]"), encoding="utf-8")
    result = runner.invoke(app, ["--root", str(mini), "validate"])
    assert "progress/a.yaml:5:" in result.output and "not-responsible" in result.output  # a left task 2
    assert report(mini) == report(mini, "--no-cache")


def test_errors_are_cached_with_the_data(mini: Path) -> None:
    path = mini / "progress" / "a.yaml"
    path.write_text(path.read_text(encoding="utf-8") + '- {"id": "bad", "type": "progress", "date": "2025-09-01", '
                    '"task": 4, "status": "done", "percent": 100}\n', encoding="utf-8")
    first = runner.invoke(app, ["--root", str(mini), "validate"])
    second = runner.invoke(app, ["--root", str(mini), "validate"])
    assert first.exit_code == second.exit_code == 1
    assert "progress/a.yaml:10:" in first.output and first.output == second.output
    assert any(b"not-responsible" in f.read_bytes() for f in cache_files(mini))


def test_a_result_that_depended_on_today_is_not_reused_the_next_day(mini: Path) -> None:
    root = Root(mini)
    cat = load_checked(root, dt.date(2025, 10, 15), with_progress=False).catalog
    assert cat is not None
    day1, day2 = dt.date(2025, 10, 9), dt.date(2025, 10, 15)
    first = {p.path: p for p in iter_progress(root, cat, day1)}
    assert any(p.code == "future-date" for p in first["progress/a.yaml"].problems)  # a7 is dated 10-10
    again = {p.path: p for p in iter_progress(root, cat, day2)}
    assert not any(p.code == "future-date" for p in again["progress/a.yaml"].problems)


def test_a_cache_is_reused_on_later_days_before_a_milestone_falls_due(mini: Path) -> None:
    """A milestone's due date lies ahead by design; it must not make the cache look like it came from the
    future (only record dates count), or every report would parse every file with a timetable again."""
    root = Root(mini)
    cat = load_checked(root, dt.date(2025, 8, 1), with_progress=False).catalog
    assert cat is not None
    path = mini / "progress" / "a.yaml"
    keep = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
            if '"date": "2025-09' not in line and '"date": "2025-10' not in line]
    path.write_text("".join(keep), encoding="utf-8")  # records up to 2025-08, milestone a5 due 2025-09-30
    list(iter_progress(root, cat, dt.date(2025, 8, 1)))
    data = path.read_bytes()
    where = cache.cache_path(mini, "progress/a.yaml")
    args = ("progress/a.yaml", cache.content_hash(data), tracker.validate.catalog_hash(root))
    later = cache.read(where, *args, dt.date(2025, 8, 20))
    assert later is not None and [m.id for m in later.milestones] == ["a5"]
    assert cache.read(where, *args, dt.date(2025, 7, 1)) is None  # a day before its latest record: rebuilt


def test_cache_file_names_are_safe_for_any_progress_file_name(tmp_path: Path) -> None:
    path = cache.cache_path(tmp_path, "progress/../../etc/passwd.yaml")
    assert path.parent == tmp_path / ".tracker-cache" and path.suffix == ".json"


WARM = """
import sys
from tracker.cli import app
sys.argv = ["tracker", "--root", sys.argv[1], "report", "--as-of", "2025-10-15", "-f", "json", "-o", sys.argv[2]]
try:
    app()  # the command itself (main() would end the process before the check below)
except SystemExit:
    pass
print("yaml" in sys.modules)
"""


def test_a_warm_report_does_not_even_import_the_yaml_parser(mini: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "r.json"
    runs = [subprocess.run([sys.executable, "-c", WARM, str(mini), str(out)], capture_output=True, text=True,
                           check=True).stdout.split() for _ in range(2)]
    assert runs == [["True"], ["False"]]
    assert (mini / ".tracker-cache" / "catalog.json").exists()
    assert out.read_text(encoding="utf-8") == report(mini, "--no-cache")


def test_damaged_catalog_cache_is_rebuilt(mini: Path) -> None:
    expected = report(mini, "--no-cache")
    report(mini)
    path = mini / ".tracker-cache" / "catalog.json"
    head, payload = split(path)
    join(path, head, payload.replace("甲局".encode(), "丙局".encode()))
    assert report(mini) == expected
    path.write_bytes(b"{")
    assert report(mini) == expected
