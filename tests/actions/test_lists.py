"""The list actions: a folder from the fictional 2026 list (Word), the 2025 list into a folder, and carry-over from
examples/2025 into the 2026 folder: exactly the unfinished pairs of the 2025 report as of the last day of its plan,
each starting from its last state, idempotent; a carried item's link followed back to last year's folder."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
from pathlib import Path

import pytest

from tests.actions.conftest import Said, scope_of
from tests.conftest import REPO, golden
from tracker.actions.listing import show, tasks
from tracker.actions.lists import CarryOver, carry_over, import_tasks, init_from
from tracker.actions.reporting import report_at
from tracker.core.i18n import Lang, Msg
from tracker.core.model import Status
from tracker.core.refusal import Refused
from tracker.render.listfile import import_report

TODAY = dt.date(2026, 3, 1)


def list_2026(tmp: Path) -> Path:
    spec = importlib.util.spec_from_file_location("make_2026_list", REPO / "examples" / "make_2026_list.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path: Path = module.build(tmp / "示例-2026年重点工作清单.docx")
    return path


def folder_2026(tmp: Path) -> Path:
    init_from(tmp / "2026", list_2026(tmp), campaign_end=dt.date(2026, 12, 31))
    return tmp / "2026"


def folder_2025(tmp: Path) -> Path:
    old = tmp / "2025"
    shutil.copytree(REPO / "examples" / "2025", old, ignore=shutil.ignore_patterns(".tracker-cache"))
    return old


def test_the_fictional_2026_list_imports_from_word_with_its_problems_listed(tmp_path: Path) -> None:
    said: list[Msg] = []
    done = init_from(tmp_path / "2026", list_2026(tmp_path), campaign_end=dt.date(2026, 12, 31), say=said.append)
    assert [f.code for f in done.imported.findings] == [
        "list-unit-run-together", "list-cadence-unstated", "list-unit-new", "list-cadence-finer",
        "list-deadline-campaign"]
    assert str(tmp_path / "2026" / "tasks.yaml") in done.written
    assert [m.key for m in said] == ["cli.created"] * len(done.written)
    assert (tmp_path / "2026" / "schemas" / "tasks.schema.json").is_file()
    assert (tmp_path / "2026" / ".vscode" / "settings.json").is_file()
    text = (tmp_path / "2026" / "tasks.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schemas/tasks.schema.json\n")
    units = (tmp_path / "2026" / "units.yaml").read_text(encoding="utf-8")
    assert "  - id: new-1\n    name: 市数据局\n" in units
    listed = tasks(scope_of(tmp_path / "2026", today=TODAY), Lang.ZH)
    assert [r[0] for r in listed.table.rows] == [str(n) for n in range(1, 8)] and listed.apart is None


def test_a_folder_set_up_is_refused_before_the_list_is_read(tmp_path: Path) -> None:
    (tmp_path / "2026").mkdir()
    (tmp_path / "2026" / "carried.yaml").write_text("carried: []\n", encoding="utf-8")
    with pytest.raises(Refused) as exc:
        init_from(tmp_path / "2026", tmp_path / "no such list.docx")
    assert [p.code for p in exc.value.problems] == ["already-set-up"]
    assert "tracker tasks import" in exc.value.problems[0].hint(Lang.EN)
    assert [p.name for p in (tmp_path / "2026").iterdir()] == ["carried.yaml"]


def test_a_list_with_errors_is_refused_with_each_at_its_place_and_nothing_is_written(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("今天开会\n", encoding="utf-8")
    with pytest.raises(Refused) as exc:
        init_from(tmp_path / "f", notes)
    assert [p.code for p in exc.value.problems] == ["list-no-table"] and exc.value.msg is not None
    assert exc.value.msg.text(Lang.EN) == "the list has 1 error(s); nothing written"
    assert dict(exc.value.problems[0].args)["place"] == ("notes.txt", "notes.txt")
    assert not (tmp_path / "f").exists()


def test_the_import_report_in_both_languages() -> None:
    from tests.load.test_faithful import catalog
    from tracker.load.published import Options, read_list

    imp = read_list(REPO / "docs" / "source" / "2025-07-23-reminder.txt", Options(catalog().units))
    golden("import-2025-zh.txt", import_report(imp, Lang.ZH))
    golden("import-2025-en.txt", import_report(imp, Lang.EN))


def test_a_list_that_would_break_records_is_refused_and_nothing_changes(tmp_path: Path, said: Said) -> None:
    folder = folder_2025(tmp_path)
    before = (folder / "tasks.yaml").read_bytes()
    with pytest.raises(Refused) as exc:
        import_tasks(scope_of(folder, said, TODAY), list_2026(tmp_path))
    assert exc.value.problems[0].code == "list-breaks-records" and exc.value.msg == Msg.of("list.refused-records")
    assert (folder / "tasks.yaml").read_bytes() == before
    dry = import_tasks(scope_of(folder, said, TODAY), REPO / "docs" / "source" / "2025-07-23-reminder.txt",
                       campaign_end=dt.date(2026, 12, 31), dry_run=True)
    assert dry.written == () and (folder / "tasks.yaml").read_bytes() == before
    same = import_tasks(scope_of(folder, said, TODAY), REPO / "docs" / "source" / "2025-07-23-reminder.txt",
                        campaign_end=dt.date(2026, 12, 31))
    assert same.written == ("tasks.yaml", "units.yaml") and (folder / "tasks.yaml").read_bytes() != before


def test_carry_over_brings_exactly_the_unfinished_pairs_and_again_changes_nothing(tmp_path: Path,
                                                                                  said: Said) -> None:
    new, old = folder_2026(tmp_path), folder_2025(tmp_path)
    year_end = dt.date(2025, 12, 31)
    last = report_at(scope_of(old, today=TODAY), _catalog(old), year_end)
    tasks_2025 = {r.key for r in last.by_task}
    unfinished = {(p.item, p.unit): p for p in last.pairs if p.item in tasks_2025 and p.status is not Status.DONE}
    done = carry_over(scope_of(new, said, TODAY), old)
    assert isinstance(done, CarryOver) and done.as_of == year_end and done.folder == "../2025"
    carried = {(c.item, p.unit): p for c in done.items for p in c.pairs}
    assert set(carried) == set(unfinished) and done.added == len(done.items) > 0
    for key, pair in carried.items():
        assert (pair.status, pair.percent) == (unfinished[key].status, unfinished[key].percent)
    assert said.texts()[-1] == "wrote carried.yaml"
    text = (new / "carried.yaml").read_bytes()
    again = carry_over(scope_of(new, said, TODAY), old)
    assert again.written == () and again.added == 0
    assert said.texts()[-1] == "carried.yaml is up to date; nothing changed."
    assert (new / "carried.yaml").read_bytes() == text
    assert (new / "tasks.yaml").read_text(encoding="utf-8").count("2025#") == 0  # the published list stays as it is
    with pytest.raises(Refused) as other:
        carry_over(scope_of(new, said, TODAY), old, as_of=dt.date(2025, 9, 30))
    assert [p.code for p in other.value.problems] == ["carry-mismatch"]
    with pytest.raises(Refused) as late:
        carry_over(scope_of(new, said, TODAY), old, as_of=dt.date(2026, 1, 1))
    assert [p.code for p in late.value.problems] == ["carry-after-start"]
    with pytest.raises(Refused) as itself:
        carry_over(scope_of(new, said, TODAY), new)
    assert [p.code for p in itself.value.problems] == ["carry-no-folder"]
    assert (new / "carried.yaml").read_bytes() == text


def _catalog(folder: Path):  # type: ignore[no-untyped-def]
    from tracker.actions.scope import catalog

    return catalog(scope_of(folder, today=TODAY))


def test_a_carried_item_starts_from_its_state_is_listed_apart_and_show_follows_it(tmp_path: Path,
                                                                                 said: Said) -> None:
    new, old = folder_2026(tmp_path), folder_2025(tmp_path)
    carry_over(scope_of(new, today=TODAY), old)
    shown = show(scope_of(new, said, TODAY), Lang.EN, "2025#15", TODAY)
    assert shown.record["kind"] == "carried" and shown.record["origin"]["item"] == "15"
    starts = {p["unit"]: p for p in shown.record["origin"]["pairs"]}
    assert {s["unit"]: (s["status"], s["percent"]) for s in shown.record["states"]} == {
        u: (p["status"], p["percent"]) for u, p in starts.items()}
    assert shown.history is not None and shown.history.title == "Last year's record (../2025)"
    assert {h["unit"] for h in shown.record["history"]} == set(starts)
    listed = tasks(scope_of(new, today=TODAY), Lang.EN)
    assert listed.apart is not None and listed.apart.title == "Carried over from last year"
    assert [r[0] for r in listed.table.rows] == [str(n) for n in range(1, 8)]
    assert all(r[0].startswith("2025#") and r[1] == "carried over" for r in listed.apart.rows)
    assert tasks(scope_of(new, today=TODAY), Lang.EN, action=1).apart is None  # no action of this year's
    shutil.rmtree(old)  # the link broken: the item is shown, and the notice says why last year's is missing
    gone = show(scope_of(new, said, TODAY), Lang.EN, "2025#15", TODAY)
    assert gone.history is None and gone.record["history"] is None
    assert said.texts()[-1].startswith("last year's folder ../2025 cannot be read: ")
