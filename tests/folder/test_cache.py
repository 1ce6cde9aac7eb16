"""The derived cache never changes a report: stale, corrupted, truncated, foreign or other-version caches
are rebuilt, a change within the same second is seen, and errors are reported every time."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import tracker.folder.pipeline
import tracker.folder.store
from tracker.check.records import Progress
from tracker.cli.app import app
from tracker.folder import cache
from tracker.folder.pipeline import iter_progress, load_checked
from tracker.folder.root import Root

runner = CliRunner()
REPORT = ["report", "--as-of", "2025-10-15", "-f", "json"]


def report(folder: Path, *extra: str) -> str:
    result = runner.invoke(app, ["--root", str(folder), *REPORT, *extra])  # global options after the command too
    assert result.exit_code == 0, result.output
    return result.stdout


def pack_path(folder: Path, rel: str) -> Path:
    """The pack holding ``rel``'s entry."""
    return cache.cache_dir(folder) / cache.pack_name(cache.shard_of(rel))


def pack_files(folder: Path) -> list[Path]:
    return sorted(cache.cache_dir(folder).glob("*.pack"))


def pack(folder: Path) -> tuple[dict[str, object], list[tuple[dict[str, Any], bytes]]]:
    """The packs' header and all their entries, (metadata, payload) per progress file, ordered by path."""
    heads, entries = [], []
    for path in pack_files(folder):
        head, *lines = path.read_bytes().split(b"\n")
        assert lines[-1] == b""
        heads.append(json.loads(head))
        entries += [(json.loads(m), body) for m, body in zip(lines[:-1:2], lines[1:-1:2], strict=True)]
    assert heads and all(h == heads[0] for h in heads)
    return heads[0], sorted(entries, key=lambda e: e[0]["path"])


def write_pack(path: Path, head: dict[str, object], entries: list[tuple[dict[str, Any], bytes]]) -> None:
    data = json.dumps(head).encode() + b"\n" + b"".join(json.dumps(m).encode() + b"\n" + b + b"\n" for m, b in entries)
    path.write_bytes(data)


def entry_bytes(folder: Path, rel: str) -> bytes:
    """One progress file's entry exactly as stored."""
    _, *lines = pack_path(folder, rel).read_bytes().split(b"\n")
    for meta, body in zip(lines[:-1:2], lines[1:-1:2], strict=True):
        if json.loads(meta)["path"] == rel:
            return meta + b"\n" + body + b"\n"
    raise AssertionError(f"no entry for {rel}")


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in pack_files(folder)}


A, B = "progress/a.yaml", "progress/b.yaml"


def test_warm_report_equals_full_parse(mini: Path) -> None:
    cold = report(mini)
    head, entries = pack(mini)
    assert head["cache"] == "tracker-progress" and head["catalog"] == tracker.folder.root.catalog_hash(Root(mini))
    assert [m["path"] for m, _ in entries] == [A, B]
    assert {p.name for p in pack_files(mini)} == {cache.pack_name(cache.shard_of(r)) for r in (A, B)}
    assert report(mini) == cold == report(mini, "--no-cache")
    assert (cache.cache_dir(mini) / ".gitignore").read_text().strip().endswith("*")
    assert [p.name for p in cache.cache_dir(mini).iterdir()] != []
    assert not list(cache.cache_dir(mini).glob("*.tmp"))


def test_an_unchanged_folder_does_not_rewrite_a_pack(mini: Path) -> None:
    report(mini)
    before = stamps(mini)
    report(mini)
    assert stamps(mini) == before


def test_a_cache_folder_deleted_between_runs_is_made_again(mini: Path) -> None:
    cold = report(mini)
    shutil.rmtree(cache.cache_dir(mini))
    assert report(mini) == cold
    assert len(pack(mini)[1]) == 2 and (cache.cache_dir(mini) / ".gitignore").exists()


def test_a_cache_that_cannot_be_written_changes_nothing(mini: Path) -> None:
    cache.cache_dir(mini).parent.mkdir(parents=True, exist_ok=True)
    cache.cache_dir(mini).write_text("not a folder", encoding="utf-8")
    assert report(mini) == report(mini, "--no-cache")
    assert cache.cache_dir(mini).read_text(encoding="utf-8") == "not a folder"


def test_warm_report_parses_nothing_and_a_record_parses_one_file(mini: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    report(mini)
    parsed: list[str] = []
    real = tracker.folder.pipeline.read_progress
    monkeypatch.setattr(tracker.folder.pipeline, "read_progress",
                        lambda data, rel: parsed.append(rel) or real(data, rel))
    monkeypatch.setattr(tracker.folder.store, "read_progress", lambda data, rel: parsed.append(rel) or real(data, rel))
    report(mini)
    assert parsed == []
    result = runner.invoke(app, ["--root", str(mini), "record", "7", "--unit", "a", "--status", "done",
                                 "--date", "2025-10-14", "--by", "x"])
    assert result.exit_code == 0, result.output
    after = report(mini)  # the record checked the file (it had no stored state) and stored what reports need
    assert parsed == ["progress/a.yaml"]
    assert after == report(mini, "--no-cache")


def test_after_a_record_the_other_entries_are_copied_as_they_were(mini: Path) -> None:
    report(mini)
    b_before, a_before, before = entry_bytes(mini, B), entry_bytes(mini, A), stamps(mini)
    result = runner.invoke(app, ["--root", str(mini), "record", "7", "--unit", "a", "--status", "done",
                                 "--date", "2025-10-14", "--by", "x"])
    assert result.exit_code == 0, result.output
    report(mini)
    assert entry_bytes(mini, B) == b_before
    assert entry_bytes(mini, A) != a_before
    after = stamps(mini)  # only the pack holding a.yaml was written again
    assert [name for name in after if after[name] != before[name]] == [pack_path(mini, A).name]


def test_a_report_on_one_unit_keeps_the_other_entries(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report(mini)
    result = runner.invoke(app, ["--root", str(mini), "record", "7", "--unit", "a", "--status", "done",
                                 "--date", "2025-10-14", "--by", "x"])
    assert result.exit_code == 0, result.output
    narrowed = runner.invoke(app, ["--root", str(mini), *REPORT, "--unit", "a"])  # reads a.yaml only
    assert narrowed.exit_code == 0, narrowed.output  # and b.yaml's entry must survive the rewrite
    assert [m["path"] for m, _ in pack(mini)[1]] == [A, B]
    parsed: list[str] = []
    real = tracker.folder.pipeline.read_progress
    monkeypatch.setattr(tracker.folder.pipeline, "read_progress",
                        lambda data, rel: parsed.append(rel) or real(data, rel))
    warm = report(mini)
    assert parsed == []
    assert warm == report(mini, "--no-cache")


def test_a_deleted_progress_file_leaves_the_pack(mini: Path) -> None:
    report(mini)
    (mini / "progress" / "a.yaml").unlink()
    assert report(mini) == report(mini, "--no-cache")
    assert [m["path"] for m, _ in pack(mini)[1]] == [B]


def test_a_reader_that_stops_part_way_leaves_the_old_pack(mini: Path) -> None:
    report(mini)
    before = {p.name: p.read_bytes() for p in pack_files(mini)}
    (mini / "progress" / "b.yaml").write_bytes((mini / "progress" / "b.yaml").read_bytes() + b"\n")
    root = Root(mini)
    cat = load_checked(root, dt.date(2025, 10, 15), with_progress=False).catalog
    assert cat is not None
    files = iter_progress(root, cat, dt.date(2025, 10, 15))
    next(files)
    files.close()
    assert {p.name: p.read_bytes() for p in pack_files(mini)} == before
    assert not list(cache.cache_dir(mini).glob("*.tmp"))


def test_change_within_the_same_second_and_size_is_seen(mini: Path) -> None:
    report(mini)
    path = mini / "progress" / "b.yaml"
    stat = path.stat()
    data = path.read_bytes()
    changed = data.replace(b'"percent": 90, "value": 96.5', b'"percent": 90, "value": 91.5')
    assert len(changed) == len(data) and changed != data
    path.write_bytes(changed)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    warm = json.loads(report(mini))
    assert next(r for r in warm["by_goal"] if r["id"] == "G1")["target"]["mean"] == 91.5
    assert report(mini) == report(mini, "--no-cache")


def split(path: Path) -> tuple[dict[str, object], bytes]:
    head, _, payload = path.read_bytes().partition(b"\n")
    return json.loads(head), payload


def join(path: Path, head: dict[str, object], payload: bytes) -> None:
    path.write_bytes(json.dumps(head).encode() + b"\n" + payload)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other-version", "other-list", "foreign",
                                    "altered", "wrong-shape", "bad-size", "bad-metadata", "misplaced"])
def test_damaged_cache_is_rebuilt(mini: Path, damage: str) -> None:
    expected = report(mini, "--no-cache")
    report(mini)
    path = pack_path(mini, A)
    head, entries = pack(mini)
    (a, a_body), (b, b_body) = entries
    if damage == "garbage":
        path.write_bytes(b"\x00\xffnot json at all")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:-40])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "other-version":
        write_pack(path, {**head, "tool": "0.0.0-old"}, [(a, a_body)])
    elif damage == "other-list":
        write_pack(path, {**head, "catalog": "0" * 40}, [(a, a_body)])
    elif damage == "foreign":  # another file's entry in this file's place, as from another folder
        write_pack(path, head, [({**b, "path": A}, b_body)])
    elif damage == "altered":  # the payload changed after writing: its checksum no longer matches
        write_pack(path, head, [(a, a_body.replace(b'"in-progress"', b'"done"', 1))])
    elif damage == "wrong-shape":  # well-formed JSON with the right checksum, but not the shape a cache has
        data = json.loads(a_body)
        data["entries"]["id"] = data["entries"]["id"][:-1]
        body = json.dumps(data).encode()
        write_pack(path, head, [({**a, "size": len(body), "checksum": cache.content_hash(body)}, body)])
    elif damage == "bad-size":  # the entry's size no longer ends at a line's end
        write_pack(path, head, [({**a, "size": a["size"] + 7}, a_body + b"\n" * 7)])
    elif damage == "bad-metadata":  # the entry's metadata line no longer JSON: its path's quotes gone
        a_line = json.dumps(A).encode()
        data = path.read_bytes()
        at = data.index(a_line, data.index(b"\n"))  # the first mention after the header: the metadata line's
        broken = data[:at] + A.encode() + data[at + len(a_line):]
        assert broken != data
        path.write_bytes(broken)
    else:  # another file's entry, in the wrong pack and out of order, ahead of this file's
        write_pack(path, head, [({**b, "path": "progress/z.yaml"}, b_body), (a, a_body)])
    assert report(mini) == expected
    new_head, new_entries = pack(mini)
    assert new_head == head and [m["path"] for m, _ in new_entries] == [A, B]
    assert report(mini) == expected


def test_a_changed_task_list_invalidates_the_cache(mini: Path) -> None:
    report(mini)
    units = mini / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("members: [a, b]", "members: [b]"), encoding="utf-8")
    result = runner.invoke(app, ["--root", str(mini), "validate"])
    assert "progress/a.yaml:5:" in result.output and "not-responsible" in result.output  # a left task 2
    assert report(mini, "--allow-errors") == report(mini, "--no-cache", "--allow-errors")


def test_errors_are_cached_with_the_data(mini: Path) -> None:
    path = mini / "progress" / "a.yaml"
    path.write_text(path.read_text(encoding="utf-8") + '- {"id": "bad", "type": "progress", "date": "2025-09-01", '
                    '"task": 4, "status": "done", "percent": 100}\n', encoding="utf-8")
    first = runner.invoke(app, ["--root", str(mini), "validate"])
    second = runner.invoke(app, ["--root", str(mini), "validate"])
    assert first.exit_code == second.exit_code == 1
    assert "progress/a.yaml:10:" in first.output and first.output == second.output
    assert b"not-responsible" in entry_bytes(mini, A)


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
    content = cache.content_hash(path.read_bytes())
    catalog = tracker.folder.root.catalog_hash(root)

    def cached_on(day: dt.date) -> object:
        store = cache.ProgressCache(cache.cache_dir(mini), catalog, day)
        found = store.get("progress/a.yaml", content)
        store.abandon()
        return found

    later = cached_on(dt.date(2025, 8, 20))
    assert isinstance(later, Progress) and [m.id for m in later.milestones] == ["a5"]
    assert cached_on(dt.date(2025, 7, 1)) is None  # a day before its latest record: rebuilt


def test_any_progress_file_name_is_stored(mini: Path) -> None:
    odd = mini / "progress" / "b 名单 \"引号\".yaml"
    shutil.move(mini / "progress" / "b.yaml", odd)
    first = runner.invoke(app, ["--root", str(mini), "validate"])
    second = runner.invoke(app, ["--root", str(mini), "validate"])
    assert first.output == second.output and "unsafe-file-name" in first.output
    assert [m["path"] for m, _ in pack(mini)[1]] == [A, f"progress/{odd.name}"]


WARM = """
import sys
from tracker.cli.app import app
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
    assert (cache.cache_dir(mini) / "catalog.json").exists()
    assert out.read_text(encoding="utf-8") == report(mini, "--no-cache")


def test_damaged_catalog_cache_is_rebuilt(mini: Path) -> None:
    expected = report(mini, "--no-cache")
    report(mini)
    path = cache.cache_dir(mini) / "catalog.json"
    head, payload = split(path)
    join(path, head, payload.replace("甲局".encode(), "丙局".encode()))
    assert report(mini) == expected
    path.write_bytes(b"{")
    assert report(mini) == expected


def test_records_out_of_date_order_give_the_same_report_warm_and_cold(mini: Path) -> None:
    path = mini / "progress" / "a.yaml"
    head, *records = path.read_text(encoding="utf-8").split("\n- ")
    shuffled = [r.rstrip("\n") for r in reversed(records) if '"type": "verify"' not in r]
    shuffled += [r.rstrip("\n") for r in records if '"type": "verify"' in r]  # a decision after what it decides
    path.write_text("\n- ".join([head, *shuffled]) + "\n", encoding="utf-8")
    cold = report(mini, "--no-cache")
    assert json.loads(cold)["overall"]["done"] == 1
    report(mini)
    assert report(mini) == cold


def test_extensions_reminders_scoring_and_leads_come_back_from_the_cache(mini: Path) -> None:
    """Every record type a report needs is in the pack: a warm report with an extension request, its approval
    and a reminder equals the one parsed in full; the catalog's scoring rule and lead come back too."""
    with (mini / "progress" / "a.yaml").open("a", encoding="utf-8") as f:
        f.write('- {"id": "x1", "type": "extend", "date": "2025-10-10", "task": 7, "until": "2025-11-30", '
                '"note": "延迟"}\n'
                '- {"id": "x2", "type": "approve", "date": "2025-10-12", "task": 7, "request": "x1"}\n'
                '- {"id": "x3", "type": "reminder", "date": "2025-10-01", "items": [2, 5], "number": "1号", '
                '"reply_by": "2025-10-08"}\n'
                '- {"id": "x4", "type": "reminder", "date": "2025-10-08", "items": [2]}\n')
    tasks = mini / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("goals:\n", "scoring: {red: -5}\ngoals:\n", 1)
                     .replace("          - id: 2\n", "          - id: 2\n            lead: a\n", 1), encoding="utf-8")
    cold = report(mini)
    warm = report(mini)
    assert warm == cold == report(mini, "--no-cache")
    data = json.loads(warm)
    a7 = next(p for p in data["pairs"] if p["item"] == "7" and p["unit"] == "a")
    a2 = next(p for p in data["pairs"] if p["item"] == "2" and p["unit"] == "a")
    assert a7["deadline"] == "2025-11-30" and "reminded:2" in a2["reasons"]
    assert next(r for r in data["by_task"] if r["id"] == "2")["lead"] == "a"
    score = ["score", "--as-of", "2025-10-15", "-f", "json"]
    runs = [runner.invoke(app, ["--root", str(mini), *score, *extra]).stdout for extra in ((), ("--no-cache",))]
    assert runs[0] == runs[1] and json.loads(runs[0])["rule"]["red"] == -5


def test_a_report_as_of_after_every_record_reads_only_what_its_pairs_need(mini: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    weekly = "".join(f'- {{"id": "w{n}", "type": "progress", "date": "{dt.date(2025, 7, 1) + dt.timedelta(weeks=n)}", '
                     f'"task": 7, "status": "in-progress", "percent": {50 + n}, "by": "甲"}}\n' for n in range(12))
    with (mini / "progress" / "a.yaml").open("a", encoding="utf-8") as f:
        f.write(weekly)
    cold = report(mini)
    decoded: list[int] = []
    real = cache._progress
    monkeypatch.setattr(cache, "_progress", lambda *a: decoded.append(len((p := real(*a)).entries)) or p)
    assert report(mini) == cold == report(mini, "--no-cache")
    assert sorted(decoded) == [2, 5]  # b's two entries; a's 5 rather than its 17 (one of 13 on item 7)
    assert list((cache.cache_dir(mini) / "enough").glob("*.pack"))
    decoded.clear()
    earlier = ["--root", str(mini), "report", "--as-of", "2025-09-01", "-f", "json"]  # before a's latest record
    warm = runner.invoke(app, earlier)
    assert warm.exit_code == 0 and warm.stdout == runner.invoke(app, [*earlier, "--no-cache"]).stdout
    assert sorted(decoded) == [2, 17]  # both whole files: each has a record after that day


def test_what_a_report_as_of_today_reads_holds_the_errors_not_the_warnings(mini: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A long file can hold hundreds of warnings that only validate reads: the enough packs leave them out."""
    falls = "".join(f'- {{"id": "f{n}", "type": "progress", "date": "2025-08-{n + 1:02d}", "task": 7, '
                    f'"status": "in-progress", "percent": {60 - n}, "by": "甲"}}\n' for n in range(5))
    with (mini / "progress" / "a.yaml").open("a", encoding="utf-8") as f:
        f.write(falls + '- {"id": "bad", "type": "progress", "date": "2025-08-09", "task": 99, "status": "done"}\n')
    assert "percent-falls" in runner.invoke(app, ["--root", str(mini), "validate"]).stdout
    cold = report(mini, "--allow-errors")
    seen: list[list[str]] = []
    real = cache._progress
    def decoded(*args: Any) -> Progress:
        prog = real(*args)
        seen.append([q.code for q in prog.problems])
        return prog

    monkeypatch.setattr(cache, "_progress", decoded)
    assert report(mini, "--allow-errors") == cold == report(mini, "--no-cache", "--allow-errors")
    assert ["unknown-task"] in seen and not any("percent-falls" in codes for codes in seen)


def test_a_damaged_enough_pack_is_rebuilt(mini: Path) -> None:
    expected = report(mini, "--no-cache")
    report(mini)
    for path in (cache.cache_dir(mini) / "enough").glob("*.pack"):
        path.write_bytes(path.read_bytes()[:-30])
    assert report(mini) == expected == report(mini)


def test_the_report_after_a_record_reads_no_progress_file(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report(mini)
    parsed: list[str] = []
    real = tracker.folder.pipeline.read_progress
    monkeypatch.setattr(tracker.folder.pipeline, "read_progress",
                        lambda data, rel: parsed.append(rel) or real(data, rel))
    steps = [["7", "--status", "in-progress", "--percent", "99", "--date", "2025-10-11"],  # checks a.yaml whole
             ["7", "--status", "done", "--date", "2025-10-14"],  # from the stored state: no file read
             ["2", "--status", "in-progress", "--percent", "60", "--date", "2025-10-12"],
             ["7", "--status", "in-progress", "--percent", "80", "--date", "2025-10-01"],  # back-dated: whole
             ["G1", "--unit", "b", "--status", "in-progress", "--percent", "95", "--date", "2025-10-13"]]
    for step in steps:
        unit = [] if "--unit" in step else ["--unit", "a"]
        result = runner.invoke(app, ["--root", str(mini), "record", *step, *unit, "--by", "x"])
        assert result.exit_code == 0, result.output
        parsed.clear()
        warm = report(mini)
        assert parsed == [], step
        assert warm == report(mini, "--no-cache")


CARRIED = """from: ../2024
year: 2024
as_of: 2024-12-31
carried:
  - id: 2024#3
    text: 上年未完成的事项
    responsible: 甲局、乙局
    pairs:
      - {unit: a, status: in-progress, percent: 40, date: 2024-12-01, record: r1}
      - {unit: b, status: blocked, percent: 10}
"""


def test_items_carried_over_come_back_from_the_cache_and_a_change_to_carried_yaml_is_seen(mini: Path) -> None:
    """The catalog's cache keeps each carried item's origin (FORMAT 16) and is keyed by carried.yaml too."""
    from tracker.folder.pipeline import load_list

    (mini / "carried.yaml").write_text(CARRIED, encoding="utf-8")
    cold, problems = load_list(Root(mini), use_cache=False)
    assert problems == [] and cold is not None and cold.items["2024#3"].origin is not None
    load_list(Root(mini))
    warm, _ = load_list(Root(mini))
    assert warm is not None and warm.items["2024#3"] == cold.items["2024#3"]
    assert warm.items["2024#3"].origin == cold.items["2024#3"].origin
    (mini / "carried.yaml").write_text(CARRIED.replace("percent: 40", "percent: 45"), encoding="utf-8")
    changed, _ = load_list(Root(mini))
    assert changed is not None and changed.items["2024#3"].origin is not None
    assert changed.items["2024#3"].origin.pairs[0].percent == 45
    (mini / "carried.yaml").unlink()
    gone, _ = load_list(Root(mini))
    assert gone is not None and "2024#3" not in gone.items


def test_an_entry_is_written_compact_and_read_back_as_written() -> None:
    """The cache's JSON (orjson's, json's for an integer beyond 64 bits, which orjson refuses): compact, UTF-8
    as it is, and read back by ``json.loads`` to the same values of the same types as ``json.dumps`` gives."""
    usual = {"id": ["20250901-aaaaaa"], "note": ["第一季度：\"引号\"\n"], "percent": (40.0, 1e16, 0.1), "line": (7, 40),
             "value": (None, -0.0), "evidence": [("a.pdf",)]}
    for value in (usual, {"number": 2**70, "note": "催办"}):
        written = cache.compact(value)
        assert written.startswith(b'{"') and b'": ' not in written and b'", "' not in written
        assert "催办".encode() in written or "第一季度".encode() in written
        again = json.loads(written)
        assert json.dumps(again) == json.dumps(json.loads(json.dumps(value)))  # 40 stays 40, 40.0 stays 40.0
