"""Writes that never lose anything: concurrent records, a record killed mid-write, git diffs and merges."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli.app import app
from tracker.core.dates import today_cst
from tracker.core.model import Catalog
from tracker.folder.root import Root
from tracker.folder.store import Refused, append_records
from tracker.load.catalog import load_catalog
from tracker.load.progress import read_progress

runner = CliRunner()
ENV = {**os.environ, "GIT_AUTHOR_NAME": "测试员", "GIT_AUTHOR_EMAIL": "t@example.org",
       "GIT_COMMITTER_NAME": "测试员", "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1",
       "HOME": "/nonexistent-home-for-tests"}

WORKER = textwrap.dedent("""
    import signal
    import sys
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C as at a terminal, even when started
                                                              # in the background, where SIGINT is ignored
    from pathlib import Path
    from tracker.load.catalog import load_catalog
    from tracker.core.dates import today_cst
    from tracker.folder.root import Root
    from tracker.folder.store import append_record

    root = Root(Path(sys.argv[1]))
    cat = load_catalog(root.tasks, root.units).catalog
    count = int(sys.argv[2])
    for i in range(count):
        append_record(root, cat, "emergency", {"type": "progress", "date": "2025-09-01", "task": 15,
                      "status": "in-progress", "percent": 50, "note": f"{sys.argv[3]} 第{i}条", "by": "w"},
                      today_cst())
""")


def entries(folder: Path) -> list[dict[str, object]]:
    raw = read_progress((folder / "progress" / "emergency.yaml").read_bytes(), "p")
    assert raw.problems == [] and raw.readable
    return [r.values for r in raw.records]


def validate_ok(folder: Path) -> None:
    result = runner.invoke(app, ["--root", str(folder), "validate"])
    assert result.exit_code == 0, result.output


def test_four_processes_recording_250_each_all_land(folder: Path) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(folder), "250", f"w{n}"]) for n in range(4)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0, 0, 0]
    found = entries(folder)
    assert len(found) == 1000
    assert len({e["id"] for e in found}) == 1000
    for n in range(4):
        assert sorted(int(str(e["note"]).split("第")[1][:-1]) for e in found if str(e["note"]).startswith(f"w{n} ")) \
            == list(range(250))
    validate_ok(folder)


def test_concurrent_cli_processes_all_land(folder: Path) -> None:
    cmd = [sys.executable, "-m", "tracker", "--root", str(folder), "record", "15", "--unit", "emergency",
           "--status", "in-progress", "--percent", "10", "--date", "2025-09-01", "--by", "x", "--note"]
    procs = [subprocess.Popen([*cmd, f"p{n}-{i}"]) for n in range(4) for i in range(3)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    assert len(entries(folder)) == 12


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_a_killed_record_leaves_the_old_file_or_the_new_one(folder: Path, sig: signal.Signals) -> None:
    path = folder / "progress" / "emergency.yaml"
    rng = random.Random(7)
    proc = subprocess.Popen([sys.executable, "-c", WORKER, str(folder), "5", "seed"])
    assert proc.wait(timeout=60) == 0
    for _ in range(8):
        before = path.read_bytes()
        proc = subprocess.Popen([sys.executable, "-c", WORKER, str(folder), "100000", "kill"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.4 + rng.random() * 0.6)
        proc.send_signal(sig)
        proc.wait(timeout=60)
        after = path.read_bytes()
        assert after.startswith(before)
        assert after.endswith(b"}\n")
        entries(folder)  # parses cleanly: no half-written line
    validate_ok(folder)


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=ENV, capture_output=True, text=True, check=True)
    return done.stdout


def record(folder: Path, note: str, task: str = "15") -> None:
    result = runner.invoke(app, ["--root", str(folder), "record", task, "--unit", "emergency", "--status",
                                 "in-progress", "--percent", "50", "--date", today_cst().isoformat()
                                 if today_cst().year <= 2026 else "2026-12-31", "--note", note, "--by", "t"])
    assert result.exit_code == 0, result.output


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    office = tmp_path / "office"
    assert runner.invoke(app, ["init", str(office)]).exit_code == 0
    git(office, "init", "-q", "-b", "main")
    record(office, "首条")
    git(office, "add", "-A")
    git(office, "commit", "-qm", "init")
    return office


def test_git_diff_after_record_shows_only_added_lines(repo: Path) -> None:
    record(repo, "第二条\n含换行")
    record(repo, "第三条")
    diff = git(repo, "diff", "--unified=0", "--", "progress/emergency.yaml").splitlines()
    changes = [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(changes) == 2 and all(line.startswith("+") for line in changes)
    assert git(repo, "diff", "--numstat").split() == ["2", "0", "progress/emergency.yaml"]


def test_union_merge_of_two_clones_keeps_every_entry(repo: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    git(tmp_path, "clone", "-q", str(repo), str(a))
    git(tmp_path, "clone", "-q", str(repo), str(b))
    shared_first, shared_last = "第一行：季度检查", "最后一行：已归档"
    for clone, tag in ((a, "甲"), (b, "乙")):
        record(clone, f"{shared_first}\n{tag}单位的中间行\n{shared_last}")
        record(clone, f"{shared_first}\n{tag}的第二条\n{shared_last}")
        git(clone, "commit", "-qam", f"progress from {tag}")
    git(b, "pull", "-q", "--no-rebase", "--no-edit", str(a), "main")
    assert "<<<<<<<" not in (b / "progress" / "emergency.yaml").read_text(encoding="utf-8")
    found = entries(b)
    notes = [str(e["note"]) for e in found]
    assert len(found) == 5
    for tag, second in (("甲", "甲的第二条"), ("乙", "乙的第二条")):
        assert f"{shared_first}\n{tag}单位的中间行\n{shared_last}" in notes
        assert f"{shared_first}\n{second}\n{shared_last}" in notes
    validate_ok(b)


# Several records under one lock: what tracker import writes.

BATCH_DAY = dt.date(2025, 10, 1)


def batch_entry(task: int | str, percent: int, source: str | None = None, **more: object) -> dict[str, object]:
    values: dict[str, object] = {"type": "progress", "date": "2025-09-01", "task": task, "status": "in-progress",
                                 "percent": percent, "by": "张三", **more}
    if source is not None:
        values["source"] = source
    return values


@pytest.fixture
def cat(folder: Path) -> Catalog:
    loaded = load_catalog(folder / "tasks.yaml", folder / "units.yaml").catalog
    assert loaded is not None
    return loaded


def batch_lines(folder: Path) -> list[dict[str, object]]:
    text = (folder / "progress" / "emergency.yaml").read_text(encoding="utf-8")
    return [json.loads(line[2:]) for line in text.splitlines() if line.startswith("- {")]


def test_batch_is_appended_in_order(folder: Path, cat: Catalog) -> None:
    batch = [batch_entry(15, 10), batch_entry("G2", 20, value=96.5)]
    done = append_records(Root(folder), cat, "emergency", batch, BATCH_DAY)
    assert len(done.written) == 2 and done.skipped == 0
    got = batch_lines(folder)
    assert [(r["task"], r["percent"]) for r in got] == [(15, 10), ("G2", 20)]
    assert len({r["id"] for r in got}) == 2


def test_one_bad_record_refuses_the_whole_batch(folder: Path, cat: Catalog) -> None:
    append_records(Root(folder), cat, "emergency", [batch_entry(15, 10)], BATCH_DAY)
    before = (folder / "progress" / "emergency.yaml").read_bytes()
    with pytest.raises(Refused) as exc:
        batch = [batch_entry(15, 20), batch_entry(15, 120), batch_entry(19, 5)]
        append_records(Root(folder), cat, "emergency", batch, BATCH_DAY)
    assert {p.code for p in exc.value.problems} == {"out-of-range", "not-responsible"}
    assert (folder / "progress" / "emergency.yaml").read_bytes() == before
    # the replacement begun while the batch was checked is gone with it
    assert sorted(p.name for p in (folder / "progress").iterdir()) == ["emergency.yaml", "emergency.yaml.lock"]


def test_sources_already_in_the_file_are_skipped(folder: Path, cat: Catalog) -> None:
    batch = [batch_entry(15, 10, "import:aaa"), batch_entry(17, 30, "import:bbb"), batch_entry(17, 30, "import:bbb")]
    first = append_records(Root(folder), cat, "emergency", batch, BATCH_DAY)
    assert (len(first.written), first.skipped) == (2, 1)
    before = (folder / "progress" / "emergency.yaml").read_bytes()
    again = append_records(Root(folder), cat, "emergency", batch, BATCH_DAY)
    assert (len(again.written), again.skipped) == (0, 3)
    assert (folder / "progress" / "emergency.yaml").read_bytes() == before
    assert [r["source"] for r in batch_lines(folder)] == ["import:aaa", "import:bbb"]


def test_dry_run_checks_but_writes_nothing(folder: Path, cat: Catalog) -> None:
    done = append_records(Root(folder), cat, "emergency", [batch_entry(15, 10)], BATCH_DAY, dry_run=True)
    assert len(done.written) == 1
    assert not (folder / "progress" / "emergency.yaml").exists()
    with pytest.raises(Refused):
        append_records(Root(folder), cat, "emergency", [batch_entry(15, 101)], BATCH_DAY, dry_run=True)


# A record checks its lines against the file's stored state, not the whole file.

def progress_of(task: int | str, percent: int, day: str, status: str = "in-progress",
                **more: object) -> dict[str, object]:
    return {"type": "progress", "date": day, "task": task, "status": status, "percent": percent, "by": "张三",
            **more}


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records whose file the next appends read in full (the records they check are not read from a file)."""
    import tracker.folder.store

    parsed: list[str] = []
    real = tracker.folder.store.read_progress
    monkeypatch.setattr(tracker.folder.store, "read_progress", lambda data, rel: parsed.append(rel) or real(data, rel))
    return parsed


def warnings_of(folder: Path, cat: Catalog, batch: list[dict[str, object]], *,
                use_cache: bool) -> list[tuple[int, str, object]]:
    done = append_records(Root(folder), cat, "emergency", batch, BATCH_DAY, use_cache=use_cache)
    return [(p.line, p.code, p.args) for w in done.written for p in w.warnings]


def test_a_record_is_checked_against_the_stored_state_with_the_same_warnings(
        folder: Path, cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(folder, plain)
    steps = [[progress_of(15, 40, "2025-09-01"), progress_of(17, 100, "2025-09-02", "done")],
             [progress_of(15, 30, "2025-09-03")],  # falls
             [progress_of(17, 90, "2025-09-04"), progress_of(15, 35, "2025-09-04")],  # reopened, then rises
             [progress_of(15, 20, "2025-09-02")]]  # dated before the item's latest: the whole file is checked
    parsed = no_parsing(monkeypatch)
    for n, batch in enumerate(steps):
        expected = warnings_of(plain, cat, batch, use_cache=False)
        parsed.clear()
        assert warnings_of(folder, cat, batch, use_cache=True) == expected
        assert [code for _, code, _ in expected] == [[], ["percent-falls"], ["reopened"], ["percent-falls"]][n]
        # the new file is checked once written, the back-dated entry's file in full; the others not at all
        assert len(parsed) == [1, 0, 0, 1][n]
    assert len(entries(folder)) == len(entries(plain)) == 6
    validate_ok(folder)


def test_a_record_into_a_file_with_a_stored_state_reads_no_record(folder: Path, cat: Catalog,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    append_records(Root(folder), cat, "emergency", [progress_of(15, 40, "2025-09-01")], BATCH_DAY)
    parsed = no_parsing(monkeypatch)
    first = append_records(Root(folder), cat, "emergency", [progress_of(15, 50, "2025-09-02", source="s1")],
                           BATCH_DAY)
    again = append_records(Root(folder), cat, "emergency", [progress_of(15, 50, "2025-09-02", source="s1")],
                           BATCH_DAY)
    assert (len(first.written), again.skipped) == (1, 1)  # the fingerprint came from the stored state
    assert parsed == []


def test_a_file_changed_behind_the_stores_back_is_checked_in_full(folder: Path, cat: Catalog) -> None:
    append_records(Root(folder), cat, "emergency", [progress_of(15, 40, "2025-09-01")], BATCH_DAY)
    path = folder / "progress" / "emergency.yaml"
    with path.open("a", encoding="utf-8") as f:
        f.write('- {"id": "hand-1", "type": "progress", "date": "2025-09-02", "task": 15, "percent": 50}\n')
    before = path.read_bytes()
    with pytest.raises(Refused) as exc:
        append_records(Root(folder), cat, "emergency", [progress_of(15, 60, "2025-09-03")], BATCH_DAY)
    assert [p.code for p in exc.value.problems] == ["missing-field"]
    assert path.read_bytes() == before


def plan_of(mid: str | None, task: int = 15, **more: object) -> dict[str, object]:
    values: dict[str, object] = {"type": "milestone", "date": "2025-09-05", "task": task, "due": "2025-10-20",
                                 "milestone": "节点", "by": "张三", **more}
    if mid is not None:
        values["id"] = mid
    return values


def refusal(folder: Path, cat: Catalog, values: dict[str, object], *, use_cache: bool) -> list[tuple[str, str]]:
    """What refusing ``values`` says, in English; the file must be left as it was."""
    from tracker.core.i18n import Lang

    path = folder / "progress" / "emergency.yaml"
    before = path.read_bytes()
    with pytest.raises(Refused) as exc:
        append_records(Root(folder), cat, "emergency", [values], BATCH_DAY, use_cache=use_cache)
    assert path.read_bytes() == before
    return [(p.code, p.message(Lang.EN)) for p in exc.value.problems]


def test_what_a_milestone_replaces_is_judged_from_the_stored_state_as_from_the_whole_file(
        folder: Path, cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(folder, plain)
    setup = [progress_of(15, 40, "2025-09-01", id="e1"), plan_of("m1"), plan_of("m17", task=17),
             plan_of("m2", replaces="m1")]
    for where, cached in ((plain, False), (folder, True)):
        append_records(Root(where), cat, "emergency", setup, BATCH_DAY, use_cache=cached)
    parsed = no_parsing(monkeypatch)
    for values, code, reads in [(plan_of(None, replaces="zzz"), "unknown-id", 1),  # the whole file says so
                                (plan_of(None, replaces="m17"), "bad-replaces", 0),
                                (plan_of(None, replaces="m1"), "replaced-twice", 0),
                                (plan_of(None, replaces="e1"), "bad-replaces", 1)]:  # and names the record
        expected = refusal(plain, cat, values, use_cache=False)
        parsed.clear()
        assert refusal(folder, cat, values, use_cache=True) == expected
        assert [c for c, _ in expected] == [code] and len(parsed) == reads
    assert "the progress record of line" in expected[0][1]
    parsed.clear()  # a replacement the state knows to be right is written without reading the file
    for where, cached in ((plain, False), (folder, True)):
        append_records(Root(where), cat, "emergency", [plan_of("m3", replaces="m2")], BATCH_DAY, use_cache=cached)
    assert parsed == ["progress/emergency.yaml"]  # the plain folder's only
    assert refusal(folder, cat, plan_of(None, replaces="m2"), use_cache=True)[0][0] == "replaced-twice"
    assert (folder / "progress" / "emergency.yaml").read_bytes() == (plain / "progress" / "emergency.yaml").read_bytes()
    validate_ok(folder)


def test_a_decision_that_changes_nothing_is_refused_with_or_without_the_cache(
        folder: Path, cat: Catalog, tmp_path: Path) -> None:
    """A decision is judged with the whole file (it names the record it decides): one repeating the last
    decision on its record, or judging a record that is no claim, is refused the same way whether the file's
    state is cached or not, and nothing is written."""
    plain = tmp_path / "plain"
    shutil.copytree(folder, plain)
    setup = [progress_of(15, 100, "2025-09-01", "done"), {"type": "verify", "date": "2025-09-02", "task": 15},
             progress_of(17, 100, "2025-09-01", "done"), {"type": "reject", "date": "2025-09-02", "task": 17,
                                                          "note": "佐证不全"},
             progress_of(17, 90, "2025-09-03")]
    for where, cached in ((plain, False), (folder, True)):
        append_records(Root(where), cat, "emergency", [dict(v, id=f"r{n}") for n, v in enumerate(setup)], BATCH_DAY,
                       use_cache=cached)
    for values, code in (({"type": "verify", "date": "2025-09-05", "task": 15}, "decided-again"),
                         ({"type": "reject", "date": "2025-09-05", "task": 17, "note": "仍不全"},
                          "decision-without-claim")):
        expected = refusal(plain, cat, values, use_cache=False)
        assert refusal(folder, cat, values, use_cache=True) == expected
        assert [c for c, _ in expected] == [code]
        if code == "decided-again":
            assert "already given a verification on 2025-09-02 (line 7)" in expected[0][1]
    # the office changing its mind is a decision of its own
    done = append_records(Root(folder), cat, "emergency", [{"type": "reject", "date": "2025-09-05", "task": 15,
                                                            "note": "复查不合格"}], BATCH_DAY)
    assert len(done.written) == 1
    validate_ok(folder)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "altered"])
def test_a_damaged_stored_state_is_not_trusted(folder: Path, cat: Catalog, damage: str) -> None:
    from tracker.folder import cache

    append_records(Root(folder), cat, "emergency", [progress_of(17, 100, "2025-09-01", "done")], BATCH_DAY)
    state = cache.state_path(cache.cache_dir(folder), "progress/emergency.yaml")
    data = state.read_bytes()
    state.write_bytes({"garbage": b"\x00not json", "truncated": data[:-9],
                       "altered": data.replace(b'"done"', b'"blocked"')}[damage])
    got = warnings_of(folder, cat, [progress_of(17, 90, "2025-09-02")], use_cache=True)
    assert [code for _, code, _ in got] == ["reopened"]  # the item's "done", read again from the file
    assert cache.read_state(cache.cache_dir(folder), "progress/emergency.yaml",
                            cache.content_hash((folder / "progress" / "emergency.yaml").read_bytes()),
                            tracker_catalog_hash(folder), BATCH_DAY) is not None  # stored again, whole


def tracker_catalog_hash(folder: Path) -> str:
    from tracker.folder.root import catalog_hash

    return catalog_hash(Root(folder))


@pytest.mark.parametrize("stored", [False, True], ids=["checked whole", "from the stored state"])
def test_a_new_id_is_never_one_the_file_holds(folder: Path, cat: Catalog, monkeypatch: pytest.MonkeyPatch,
                                              stored: bool) -> None:
    """Whatever record holds it (a withdrawn one, the withdrawal itself, one written by hand with its id
    escaped), an id in the file is never drawn again for a new record."""
    import tracker.folder.store

    path = folder / "progress" / "emergency.yaml"
    append_records(Root(folder), cat, "emergency", [progress_of(15, 40, "2025-09-01")], BATCH_DAY)
    first = batch_lines(folder)[0]["id"]
    hand = ('- {"id": "\\u0068and-1", "type": "progress", "date": "2025-09-02", "task": 15, '
            '"status": "in-progress", "percent": 45}\n'
            '- {"id": "w-1", "type": "withdraw", "date": "2025-09-03", "withdraws": "hand-1", "note": "填错"}\n')
    path.write_bytes(path.read_bytes() + hand.encode("utf-8"))
    if stored:  # a record through the whole-file check stores the state the next one starts from
        append_records(Root(folder), cat, "emergency", [progress_of(17, 10, "2025-09-04")], BATCH_DAY)
    drawn = iter([first, "hand-1", "w-1", "20251001-fresh1", "20251001-fresh2"])
    monkeypatch.setattr(tracker.folder.store, "new_id", lambda today: next(drawn))
    done = append_records(Root(folder), cat, "emergency", [progress_of(15, 50, "2025-09-05")], BATCH_DAY)
    assert [w.record.id for w in done.written] == ["20251001-fresh1"]
    # a batch asking more than a few times collects the file's ids at once, with the same answers
    drawn = iter(["20251001-fresh1", first, "hand-1", "20251001-fresh2", "w-1", first, "20251001-fresh1",
                  "20251001-fresh3", "w-1", "20251001-fresh4"])
    batch = [progress_of(15, 55 + n, "2025-09-06") for n in range(3)]
    done = append_records(Root(folder), cat, "emergency", batch, BATCH_DAY)
    assert [w.record.id for w in done.written] == ["20251001-fresh2", "20251001-fresh3", "20251001-fresh4"]
    validate_ok(folder)


def test_a_write_that_fails_while_the_cache_is_updated_leaves_the_file_and_the_reports(
        folder: Path, cat: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is written beside the cache's update; when the write fails, the record fails, the file is as
    it was, and what the cache stored for the bytes never written is never used."""
    import errno

    import tracker.folder.store

    append_records(Root(folder), cat, "emergency", [progress_of(15, 40, "2025-09-01")], BATCH_DAY)
    report = ["--root", str(folder), "report", "--as-of", "2025-10-01", "-f", "json"]
    before = (folder / "progress" / "emergency.yaml").read_bytes()
    real = tracker.folder.store.Replacement.commit

    def full_disk(self: tracker.folder.store.Replacement) -> None:
        if self.path.suffix == ".yaml":
            raise OSError(errno.ENOSPC, "No space left on device", str(self.path))
        real(self)

    monkeypatch.setattr(tracker.folder.store.Replacement, "commit", full_disk)
    with pytest.raises(OSError):
        append_records(Root(folder), cat, "emergency", [progress_of(15, 90, "2025-09-05")], BATCH_DAY)
    monkeypatch.undo()
    assert (folder / "progress" / "emergency.yaml").read_bytes() == before
    assert sorted(p.name for p in (folder / "progress").iterdir()) == ["emergency.yaml", "emergency.yaml.lock"]
    warm = runner.invoke(app, report)
    assert warm.exit_code == 0 and warm.stdout == runner.invoke(app, [*report, "--no-cache"]).stdout
    done = append_records(Root(folder), cat, "emergency", [progress_of(15, 60, "2025-09-06")], BATCH_DAY)
    assert [e["percent"] for e in batch_lines(folder)] == [40, 60] and len(done.written) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="plays Ctrl-C with a signal to itself")
@pytest.mark.parametrize("new_file", [True, False], ids=["new file", "existing file"])
def test_ctrl_c_while_the_cache_is_updated_leaves_nothing_running_and_says_the_record_stands(
        folder: Path, cat: Catalog, monkeypatch: pytest.MonkeyPatch, new_file: bool) -> None:
    """A record's derived cache is brought up to date in a thread: a Ctrl-C then waits for it (nothing goes
    on writing once the lock is released, so no later record can be overwritten) and says the record stands."""
    import threading

    import tracker.folder.refresh
    import tracker.folder.store

    if not new_file:
        append_records(Root(folder), cat, "emergency", [progress_of(15, 40, "2025-09-01")], BATCH_DAY)
    real = tracker.folder.refresh.store_checked
    finished: list[bool] = []

    def slow(*args: object, **kwargs: object) -> None:
        time.sleep(0.6)
        real(*args, **kwargs)  # type: ignore[arg-type]
        finished.append(True)

    monkeypatch.setattr(tracker.folder.refresh, "store_checked", slow)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # as at a terminal, not a background job
    ctrl_c = threading.Timer(0.2, lambda: os.kill(os.getpid(), signal.SIGINT))
    ctrl_c.start()
    try:
        with pytest.raises(tracker.folder.store.InterruptedAfterWriting):
            append_records(Root(folder), cat, "emergency", [progress_of(15, 50, "2025-09-02")], BATCH_DAY)
            time.sleep(1)  # not reached when the Ctrl-C came in time, as it should
    finally:
        ctrl_c.cancel()
        signal.signal(signal.SIGINT, previous)
    assert finished == [True]  # the cache's thread had ended when the interrupt was let through
    monkeypatch.undo()
    append_records(Root(folder), cat, "emergency", [progress_of(15, 60, "2025-09-03")], BATCH_DAY)
    assert [e["percent"] for e in batch_lines(folder)] == ([] if new_file else [40]) + [50, 60]
    validate_ok(folder)
