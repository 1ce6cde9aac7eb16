"""A folder's working tree as a source: its files by name, its progress files in the packs' order, read ahead
in threads, and the same load → check path as any other source."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tracker.folder import pipeline
from tracker.folder.cache import cache_dir
from tracker.folder.root import Root, catalog_hash
from tracker.folder.source import FolderSource, progress_bytes, stem

TODAY = dt.date(2025, 10, 15)


def test_a_progress_file_names_its_unit() -> None:
    assert stem("progress/fire-rescue.yaml") == "fire-rescue"
    assert stem("progress/a.b.yaml") == "a.b"


def test_the_working_tree_gives_its_files_and_their_identities(mini: Path) -> None:
    source = FolderSource(Root(mini))
    assert source.cache_at == cache_dir(mini)  # outside any repository git names: the user's cache
    assert FolderSource(Root(mini, mini / "g")).cache_at == cache_dir(mini)  # a git directory that is not there
    assert source.read("tasks.yaml") == (mini / "tasks.yaml").read_bytes()
    assert source.read("levels.yaml") is None and source.shown("units.yaml") == "units.yaml"
    assert source.list_key() == catalog_hash(Root(mini))
    (mini / "progress" / "notes.txt").write_text("x", encoding="utf-8")
    rels = source.progress()
    assert rels == ["progress/a.yaml", "progress/b.yaml"]
    got = list(source.files(rels, {"b"}, True))
    assert [(s.rel, s.read is None) for s in got] == [("progress/a.yaml", True), ("progress/b.yaml", False)]
    assert got[1].read is not None and got[1].read() == (mini / "progress" / "b.yaml").read_bytes()
    assert len(got[1].content) == 64 and got[0].content == ""
    assert [s.content for s in source.files(rels, None, False)] == ["", ""]  # hashed only when asked
    assert progress_bytes(source) == {rel: (mini / rel).read_bytes() for rel in rels}


def test_a_file_that_cannot_be_read_is_a_problem_of_that_file(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.folder import source

    real = source.read_file

    def failing(path: Path) -> bytes:
        if Path(path).name == "a.yaml":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(source, "read_file", failing)
    root = Root(mini)
    cat, _ = pipeline.load_list(root)
    assert cat is not None
    for use_cache in (True, False):
        progs = list(pipeline.iter_progress(root, cat, TODAY, use_cache=use_cache))
        assert [p.path for p in progs] == ["progress/a.yaml", "progress/b.yaml"]
        assert [(p.code, p.args) for p in progs[0].problems] == [("unreadable", (("reason", "Permission denied"),))]
        assert progs[1].entries and progs[1].problems == []


def test_the_list_of_a_source_is_loaded_checked_and_cached_as_the_folder_s(mini: Path) -> None:
    root = Root(mini)
    cold = pipeline.list_from(FolderSource(root))
    assert cold == pipeline.load_list(root) == pipeline.load_list(root, use_cache=False)
    assert cold[0] is not None and cold[1] == []
    (mini / "units.yaml").write_text("units: [", encoding="utf-8")
    cat, problems = pipeline.list_from(FolderSource(root))
    assert cat is None and [(p.path, p.code) for p in problems] == [("units.yaml", "syntax")]
