"""The official YAML test suite as hostile input: every case, given as tasks.yaml, units.yaml or a progress
file, ends in loaded data or in problems that carry a position; the invalid cases always end in a problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import REPO, SHIPPED
from tracker.check.records import check_progress
from tracker.load.catalog import load_catalog_bytes
from tracker.load.progress import read_progress

SUITE = REPO.parent / "shared" / "data" / "yaml-test-suite"
CASES = sorted(SUITE.rglob("in.yaml")) if SUITE.is_dir() else []

pytestmark = pytest.mark.skipif(not CASES, reason="yaml-test-suite corpus not found beside the checkout")


def _case_id(path: Path) -> str:
    return path.parent.relative_to(SUITE).as_posix()


@pytest.fixture(scope="module")
def shipped() -> tuple[bytes, bytes]:
    return (SHIPPED / "tasks.yaml").read_bytes(), (SHIPPED / "units.yaml").read_bytes()


def test_corpus_is_complete() -> None:
    assert len(CASES) == 402
    assert sum((c.parent / "error").exists() for c in CASES) >= 94


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_case_as_every_file(case: Path, shipped: tuple[bytes, bytes]) -> None:
    data = case.read_bytes()
    invalid = (case.parent / "error").exists()
    tasks, units = shipped
    for loaded in (load_catalog_bytes(data, "tasks.yaml", units, "units.yaml"),
                   load_catalog_bytes(tasks, "tasks.yaml", data, "units.yaml")):
        for p in loaded.problems:
            assert p.line >= 1 and p.col >= 1
        assert loaded.catalog is not None or loaded.problems
        if invalid:
            assert any(p.level == "error" for p in loaded.problems)
    cat = load_catalog_bytes(tasks, "tasks.yaml", units, "units.yaml").catalog
    assert cat is not None
    progress = check_progress(cat, read_progress(data, "progress/emergency.yaml"), "emergency", dt.date(2026, 1, 1))
    for p in progress.problems:
        assert p.line >= 1 and p.col >= 1
    assert progress.unit is not None or progress.problems
    if invalid:
        assert any(p.level == "error" for p in progress.problems)
