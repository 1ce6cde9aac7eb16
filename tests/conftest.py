"""Shared fixtures: a tracking folder in a temporary directory, seeded with the shipped data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "src" / "tracker" / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(autouse=True)
def user_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's cache directory of every test is a fresh temporary one: tests write nothing in ~/.cache."""
    where = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(where))
    return where


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A tracking folder holding the shipped tasks.yaml and units.yaml and an empty progress/."""
    for name in ("tasks.yaml", "units.yaml"):
        shutil.copy(SHIPPED / name, tmp_path / name)
    (tmp_path / "progress").mkdir()
    return tmp_path


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the hand-worked folder (tests/data/mini), without any cache a run by hand left in it."""
    shutil.copytree(REPO / "tests" / "data" / "mini", tmp_path / "mini",
                    ignore=shutil.ignore_patterns(".tracker-cache"))
    return tmp_path / "mini"


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; set TRACKER_UPDATE_GOLDEN=1 to rewrite the file."""
    import os

    path = GOLDEN / name
    if os.environ.get("TRACKER_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8", newline="")
    assert actual == path.read_bytes().decode("utf-8"), f"output differs from {path}"


@pytest.fixture(scope="session")
def example():  # type: ignore[no-untyped-def]
    """The example folder's catalog and report as of 2025-09-30, read without a cache."""
    import datetime as dt

    from tracker.compute.report import build_report
    from tracker.folder.pipeline import load_checked, pairs_as_of
    from tracker.folder.root import Root

    root, day = Root(REPO / "examples" / "2025"), dt.date(2025, 9, 30)
    cat = load_checked(root, day, with_progress=False, use_cache=False).catalog
    assert cat is not None
    return cat, build_report(cat, pairs_as_of(root, cat, day, day, use_cache=False).pairs, day)


@pytest.fixture(scope="session")
def notices(example):  # type: ignore[no-untyped-def]
    """The example's notices in Chinese: the office's internal list first, then the reminders, the bulletin last."""
    from tracker.core.i18n import Lang
    from tracker.views.notices import all_notices

    cat, report = example
    return all_notices(cat, report, Lang.ZH)


def published(fmt: str, cat: object, report: object, by: str = "unit", lang: object = None,
              rollup: object = None) -> bytes:
    """The report (with its lower levels, given ``rollup``) in format ``fmt``, as ``tracker report`` writes it."""
    from tracker.core.formats import FORMATS, Options
    from tracker.core.i18n import Lang
    from tracker.render.formats import render
    from tracker.views.documents import Published

    doc = Published(cat, report, by, rollup)  # type: ignore[arg-type]
    return render(FORMATS[fmt], "levels" if rollup is not None else "report", doc,
                  Options(lang if isinstance(lang, Lang) else Lang.ZH))
