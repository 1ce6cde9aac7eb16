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
