"""A lower level's figures kept at its locked commit (``folder.figures``): taken again without reading the level
while its commit, the day counted as of, the day of the run and the rules are the same; equal to the figures
read afresh; never taken from an entry that is damaged or made under anything else."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.git.test_levels import commit, record, run, tree  # noqa: F401 (tree: the fixture)
from tracker.compute.rollup import LevelFigures, figures_of
from tracker.folder.root import Root

TODAY = dt.date(2026, 1, 5)
DAYS = (dt.date(2025, 8, 31), dt.date(2025, 9, 30), dt.date(2025, 12, 31))


def level(city: Path, name: str = "鄂城区") -> tuple[Path, str]:
    """The level's mirror and the commit the city's lock names."""
    from tracker.git.levels import lock_of, mirror_dir, resolve_source

    root = Root(city, city / ".git")
    locked = lock_of(root)[0][name]
    return mirror_dir(root, str(resolve_source(locked.source, str(city)))), locked.commit


def afresh(mirror: Path, commit_id: str, as_of: dt.date, today: dt.date = TODAY) -> LevelFigures:
    """The level's figures read again from its files, no cache at all."""
    from tracker.git.levels import read_level

    lv = read_level(mirror, commit_id, as_of, today, use_cache=False)
    assert lv.catalog is not None
    return figures_of(lv.catalog, lv.pairs, lv.problems)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The commits a level was read at (its files loaded and checked), one per reading."""
    from tracker.git import levels

    seen: list[str] = []
    real = levels._read_level

    def spy(source: object, commit_id: str, *args: object) -> object:
        seen.append(commit_id)
        return real(source, commit_id, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(levels, "_read_level", spy)
    return seen


def counted(mirror: Path, commit_id: str, as_of: dt.date, today: dt.date = TODAY) -> LevelFigures:
    from tracker.git.levels import counted_level

    lv, _, _ = counted_level(mirror, commit_id, as_of, today)
    assert lv.figures is not None and lv.pairs == [] and lv.state == "ok"
    return lv.figures


def test_kept_figures_equal_the_figures_read_afresh_as_of_every_day(tree: dict[str, Path],  # noqa: F811
                                                                    reads: list[str]) -> None:
    mirror, at = level(tree["city"])
    seen = []
    for day in DAYS:
        first = counted(mirror, at, day)
        assert reads == [at]
        again = counted(mirror, at, day)
        assert reads == [at], "the second count read the level again"
        assert again == first == afresh(mirror, at, day)
        reads.clear()
        seen.append(again)
    assert len(set(seen)) == len(DAYS)  # the days' figures differ: each day is its own entry
    assert any(f.problems for figures in seen for f in figures.items)  # notes are kept too (a blocked task)
    from tracker.compute.rollup import mapped_list
    from tracker.git import run as gitio
    from tracker.git.levels import counted_level, read_level
    from tracker.load.levels import load_levels_bytes

    warm, below, lock = counted_level(mirror, at, DAYS[0], TODAY)
    listed = read_level(mirror, at, DAYS[0], TODAY).catalog
    assert listed is not None and warm.catalog == mapped_list(listed)  # what mapping upward reads of its list
    assert below == load_levels_bytes(gitio.show(mirror, at, "levels.yaml"))
    assert lock == gitio.show(mirror, at, "levels.lock.json")
    reads.clear()
    for day, figures in zip(DAYS, seen, strict=True):  # every day's entry stays beside the others
        assert counted(mirror, at, day) == figures
    assert reads == []


def test_another_commit_misses_and_the_old_one_still_counts_as_it_was(tree: dict[str, Path],  # noqa: F811
                                                                      reads: list[str]) -> None:
    mirror, old = level(tree["city"])
    day = DAYS[1]
    before = counted(mirror, old, day)
    record(tree["echeng"], "15", "done", 100, date="2025-09-20")
    commit(tree["echeng"])
    assert run(tree["city"], "levels", "fetch").exit_code == 0
    _, new = level(tree["city"])
    assert new != old
    reads.clear()
    after = counted(mirror, new, day)
    assert reads == [new] and after == afresh(mirror, new, day) and after != before
    reads.clear()
    assert counted(mirror, old, day) == before and reads == []


def test_other_rules_another_day_of_the_run_or_another_format_miss(tree: dict[str, Path],  # noqa: F811
                                                                   reads: list[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Each changed alone, after the entry was made again under the usual ones (one entry per commit and
    day counted as of: the last count's)."""
    from tracker.check import registry
    from tracker.folder import figures
    from tracker.git.levels import read_level

    mirror, at = level(tree["city"])
    day = DAYS[1]
    kept = counted(mirror, at, day)

    def missed() -> bool:
        reads.clear()
        counted(mirror, at, day)
        return reads == [at]

    assert not missed()
    assert counted(mirror, at, day, TODAY + dt.timedelta(days=1)) == kept and missed()
    assert not missed()
    with monkeypatch.context() as m:
        m.setattr(figures, "LAYOUT", figures.LAYOUT + 1)
        assert missed()
    assert missed() and not missed()
    digest = registry.digest()
    monkeypatch.setattr(registry, "digest", lambda: "other" + digest)
    read_level(mirror, at, day, TODAY)  # the level's list in its cache again, under the other rules
    assert missed()


def damage_payload(path: Path) -> None:
    """A payload still well formed, whose figures changed (a disk error, a careless edit)."""
    head, _, body = path.read_bytes().partition(b"\n")
    assert b'"errors":0,' in body
    path.write_bytes(head + b"\n" + body.replace(b'"errors":0,', b'"errors":7,', 1))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-40])


def other_commit(path: Path) -> None:
    """The entry of another commit put in its place (as a copy between mirrors would)."""
    head, _, body = path.read_bytes().partition(b"\n")
    text = head.decode()
    start = text.index('"commit": "') + len('"commit": "')
    path.write_bytes(text[:start].encode() + b"0" * 40 + text[start + 40:].encode() + b"\n" + body)


@pytest.mark.parametrize("damage", [damage_payload, truncate, other_commit])
def test_a_damaged_entry_is_read_again_never_trusted(tree: dict[str, Path], reads: list[str],  # noqa: F811
                                                     damage: Callable[[Path], None]) -> None:
    from tracker.folder.cache import cache_dir
    from tracker.folder.figures import figures_path

    mirror, at = level(tree["city"])
    day = DAYS[1]
    good = counted(mirror, at, day)
    path = figures_path(cache_dir(mirror, mirror), at, day)
    assert good == afresh(mirror, at, day)
    damage(path)
    reads.clear()
    assert counted(mirror, at, day) == good and reads == [at]
    reads.clear()
    assert counted(mirror, at, day) == good and reads == []  # and written again whole


def test_an_intact_entry_naming_an_item_its_list_lacks_is_not_trusted(tree: dict[str, Path],  # noqa: F811
                                                                     reads: list[str]) -> None:
    """Its checksum matches (made again over the changed payload), but the figures are of another list."""
    from tracker.folder.cache import cache_dir, content_hash
    from tracker.folder.figures import figures_path

    mirror, at = level(tree["city"])
    day = DAYS[1]
    good = counted(mirror, at, day)
    path = figures_path(cache_dir(mirror, mirror), at, day)
    head, _, body = path.read_bytes().partition(b"\n")
    forged = body.replace(b'"items":[["', b'"items":[["no-such-task', 1)
    assert forged != body
    path.write_bytes(head.replace(content_hash(body).encode(), content_hash(forged).encode()) + b"\n" + forged)
    reads.clear()
    assert counted(mirror, at, day) == good and reads == [at]


def test_no_cache_neither_reads_nor_writes_figures(tree: dict[str, Path], reads: list[str]) -> None:  # noqa: F811
    from tracker.folder.cache import cache_dir
    from tracker.git.levels import counted_level

    mirror, at = level(tree["city"])
    day = DAYS[1]
    fresh = afresh(mirror, at, day)
    reads.clear()
    for _ in range(2):
        lv, _, _ = counted_level(mirror, at, day, TODAY, use_cache=False)
        assert lv.figures == fresh
    assert reads == [at, at]
    assert not list(cache_dir(mirror, mirror).glob("figures-*.json"))


def test_a_warm_roll_up_reads_no_level_and_says_what_no_cache_says(tree: dict[str, Path],  # noqa: F811
                                                                   reads: list[str]) -> None:
    """Through the CLI, the province over the city over two districts: the second roll-up and the return read no
    level, and both say byte for byte what they say with --no-cache."""
    out = {}
    for name, extra in (("cold", ()), ("warm", ()), ("no cache", ("--no-cache",))):
        reads.clear()
        report = run(tree["province"], "levels", "fetch") if name == "cold" else None
        assert report is None or report.exit_code == 0, report.output
        rolled = run(tree["province"], *extra, "report", "--levels", "--as-of", "2025-09-30", "--format", "json")
        back = run(tree["province"], *extra, "levels", "return", "--as-of", "2025-09-30", "--format", "md")
        assert rolled.exit_code == 0 and back.exit_code == 0, rolled.output + back.output
        out[name] = (rolled.stdout, back.stdout, len(reads))
    assert out["cold"][2] == 3 and out["warm"][2] == 0 and out["no cache"][2] == 6  # city, 鄂城区, 华容区
    assert out["warm"][:2] == out["cold"][:2] == out["no cache"][:2]
    assert "场地未落实" in out["warm"][1]  # 鄂城区's blocked task, kept as a note


def test_a_folders_levels_file_is_read_once_for_its_bytes(tree: dict[str, Path],  # noqa: F811
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The province's levels.yaml (and the city's, kept with its figures) is parsed once; a warm roll-up reads
    none of them, a changed levels.yaml is read again, and a damaged entry is never trusted."""
    from tracker.folder.cache import cache_dir
    from tracker.git import levels

    parsed: list[bytes | None] = []
    real = levels.load_levels_bytes
    monkeypatch.setattr(levels, "load_levels_bytes", lambda data, *a: parsed.append(data) or real(data, *a))
    assert run(tree["province"], "levels", "fetch").exit_code == 0

    def rolled(*extra: str) -> list[list[str]]:
        parsed.clear()
        result = run(tree["province"], *extra, "report", "--levels", "--as-of", "2025-09-30", "--format", "json")
        assert result.exit_code == 0, result.output
        return [r["level"] for r in json.loads(result.stdout)["levels"]["levels"]]

    everything = [[], ["鄂州市"], ["鄂州市", "鄂城区"], ["鄂州市", "华容区"]]
    assert rolled() == everything and parsed
    assert rolled() == everything and [p for p in parsed if p] == []
    entry = cache_dir(tree["province"], tree["province"] / ".git") / "levels.json"
    entry.write_bytes(entry.read_bytes().replace(b"../city", b"../echeng"))
    assert rolled() == everything and [p for p in parsed if p] == [(tree["province"] / "levels.yaml").read_bytes()]
    (tree["province"] / "levels.yaml").write_text("levels:\n  - name: 城市\n    source: ../city\n", encoding="utf-8")
    assert rolled() == [[], ["城市"]]  # declared anew: not locked under that name
    assert rolled("--no-cache") == [[], ["城市"]] and parsed
