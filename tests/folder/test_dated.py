"""A report as of a past day (a month's bulletin, ``--since``, the trend) reads the dated packs: the enough
records of what came before the month and the month's entries, not the whole history; and says what the whole
history says, however the cache stands."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli.app import app
from tracker.folder import cache
from tracker.folder.pipeline import load_list
from tracker.folder.root import Root
from tracker.load.progress import header, record_line

runner = CliRunner()
UNIT = "emergency"
PAST = ["--as-of", "2025-06-30"]


def run(folder: Path, *args: str) -> str:
    result = runner.invoke(app, ["--root", str(folder), "report", "-f", "json", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def history(folder: Path) -> Path:
    """A year of weekly entries on every item the emergency office reports on, with runs of "done"."""
    cat, _ = load_list(Root(folder), use_cache=False)
    assert cat is not None
    items = [i.id for i in cat.items.values() if UNIT in cat.reporters(i)][:12]
    rng = random.Random(7)
    lines, n = [], 0
    for week in range(50):
        day = dt.date(2025, 1, 6) + dt.timedelta(days=7 * week)
        for item in items:
            n += 1
            done = rng.random() < 0.1
            lines.append(record_line({"id": f"r{n}", "type": "progress", "date": day.isoformat(),
                                      "task": int(item) if item.isdigit() else item,
                                      "status": "done" if done else "in-progress",
                                      "percent": 100 if done else min(99, week * 2), "by": "甲"}))
    (folder / "progress" / f"{UNIT}.yaml").write_text(header(UNIT, "应急管理局") + "".join(lines), encoding="utf-8")
    return folder


def decoded(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many entries each cache entry decoded in a run holds."""
    sizes: list[int] = []
    real = cache._progress

    def counted(rel: str, unit: str | None, data: dict[str, object]) -> object:
        prog = real(rel, unit, data)  # type: ignore[arg-type]
        sizes.append(len(prog.entries))
        return prog

    monkeypatch.setattr(cache, "_progress", counted)
    return sizes


def test_a_past_report_reads_the_month_not_the_history(history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = run(history, *PAST, "--no-cache")
    assert run(history, *PAST) == expected  # cold: the whole file checked
    assert run(history, *PAST) == expected  # the whole file's entry read, the month's made
    assert any((cache.cache_dir(history) / cache.DATED).glob("2025-06_2025-06/*.pack"))
    sizes = decoded(monkeypatch)
    assert run(history, *PAST) == expected
    whole = 50 * 12
    assert sizes and max(sizes) < whole / 3, sizes  # a few records per pair and June's entries


@pytest.mark.parametrize("args", [["--as-of", "2025-03-31"], ["--as-of", "2025-08-15", "--since", "2025-07-01"],
                                  ["--as-of", "2025-09-30", "-f", "html"], ["--as-of", "2025-12-31"]])
def test_past_reports_say_what_the_whole_history_says(history: Path, args: list[str]) -> None:
    expected = run(history, *args, "--no-cache")
    for _ in range(3):
        assert run(history, *args) == expected


def test_a_record_after_the_month_leaves_its_report_as_it_was(history: Path) -> None:
    run(history, *PAST)
    run(history, *PAST)
    result = runner.invoke(app, ["--root", str(history), "record", "15", "--unit", UNIT, "--status", "done",
                                 "--percent", "100", "--date", "2025-06-20", "--by", "甲"])
    assert result.exit_code == 0, result.output
    expected = run(history, *PAST, "--no-cache")
    pair = next(p for p in json.loads(expected)["pairs"] if p["unit"] == UNIT and p["item"] == "15")
    assert pair["status"] == "done"  # the record, dated inside the month, counts
    assert run(history, *PAST) == expected == run(history, *PAST)


def test_a_dated_pack_of_another_format_is_not_read(history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = run(history, *PAST, "--no-cache")
    run(history, *PAST)
    run(history, *PAST)
    (pack,) = (cache.cache_dir(history) / cache.DATED).glob("*/*.pack")
    head, _, rest = pack.read_bytes().partition(b"\n")
    older = {**json.loads(head), "format": cache.FORMAT - 1}
    pack.write_bytes(json.dumps(older).encode() + b"\n" + rest)
    sizes = decoded(monkeypatch)
    assert run(history, *PAST) == expected
    assert max(sizes) == 50 * 12  # the whole file's entry, the month's made again
    assert json.loads(pack.read_bytes().partition(b"\n")[0])["format"] == cache.FORMAT


def test_a_dated_pack_moved_to_another_span_s_folder_is_not_read(history: Path) -> None:
    june, september = ["--as-of", "2025-06-30"], ["--as-of", "2025-09-30"]
    expected = run(history, *september, "--no-cache")
    for args in (june, june, september, september):
        run(history, *args)
    dated = cache.cache_dir(history) / cache.DATED
    for pack in (dated / "2025-06_2025-06").glob("*.pack"):
        (dated / "2025-09_2025-09" / pack.name).write_bytes(pack.read_bytes())
    assert run(history, *september) == expected


def test_a_cache_checked_on_a_later_day_than_today_is_not_trusted() -> None:
    """A clock set back past the day an entry was checked: a record it held may now be dated in the future."""
    meta = {"checked_on": "2025-10-15", "today_sensitive": False, "latest": "2025-10-10"}
    assert cache._fresh(meta, "2025-10-15") and cache._fresh(meta, "2025-10-20")
    assert not cache._fresh(meta, "2025-10-12")


def test_only_the_last_spans_used_are_kept(history: Path) -> None:
    for month in range(1, 12):
        last = (dt.date(2025 + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
        run(history, "--as-of", last)
        run(history, "--as-of", last)
    kept = sorted(p.name for p in (cache.cache_dir(history) / cache.DATED).iterdir())
    assert len(kept) == cache.SPANS and kept[-1] == "2025-11_2025-11"


def test_the_trend_from_the_plans_start_keeps_no_copy_of_the_history(history: Path) -> None:
    """The trend's span starts with the plan: its records would be the whole file's, kept twice."""
    for _ in range(2):
        run(history, "--as-of", "2025-09-30", "-f", "html")
    dated = cache.cache_dir(history) / cache.DATED
    assert not dated.exists() or not any(dated.glob("*/*.pack"))
