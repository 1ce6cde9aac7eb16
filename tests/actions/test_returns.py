"""The return: one form per unit that reports on something; filled forms taken in all or nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.actions.conftest import DAY, Said, scope_of
from tracker.actions.returns import take_in, template
from tracker.core.i18n import Lang
from tracker.core.refusal import Refused
from tracker.load.form import headers


def test_a_form_for_each_unit_that_reports_named_by_its_short_name(mini: Path) -> None:
    forms = template(scope_of(mini), Lang.ZH, DAY)
    assert [f.name for f in forms] == ["填报表-甲局.xlsx", "填报表-乙局.xlsx", "填报表-专委会.xlsx"]
    assert {row.cells[0] for row in forms[0].form.rows} == {"1", "2", "5", "7"}
    with pytest.raises(Refused) as exc:
        template(scope_of(mini), Lang.EN, DAY, unit="grp")  # a collective name reports through its members
    assert exc.value.problems[0].code == "nothing-to-return"


def csv(path: Path, *rows: str) -> Path:
    path.write_text("\n".join([",".join(headers(Lang.ZH)), *rows]) + "\n", encoding="utf-8-sig")
    return path


def text(folder: Path, task: str) -> str:
    """A task's 任务内容 as its row carries it, quoted for a CSV cell."""
    from tracker.load.catalog import load_catalog

    cat = load_catalog(folder / "tasks.yaml", folder / "units.yaml").catalog
    assert cat is not None
    return '"' + cat.items[task].text.replace('"', '""') + '"'


def test_one_bad_row_in_any_file_takes_nothing_in(folder: Path, tmp_path: Path, said: Said) -> None:
    good = csv(tmp_path / "good.csv", f"15,{text(folder, '15')},,,,,,,推进中,60,,,,2025-09-01")
    bad = csv(tmp_path / "bad.csv", f"17,{text(folder, '17')},,,,,,,推进中,120,,,,2025-09-01")
    scope = scope_of(folder, said, today=dt.date(2025, 10, 1))
    with pytest.raises(Refused) as exc:
        take_in(scope, Lang.ZH, [good, bad], unit="emergency", by="x")
    assert exc.value.shown == "cells" and [p.code for p in exc.value.problems] == ["out-of-range"]
    assert not (folder / "progress" / "emergency.yaml").exists() and said == []
    done = take_in(scope, Lang.ZH, [good], unit="emergency", by="x", dry_run=True)
    assert len(done[0].written) == 1 and not (folder / "progress" / "emergency.yaml").exists()
    take_in(scope, Lang.ZH, [good], unit="emergency", by="x")
    again = take_in(scope, Lang.ZH, [good], unit="emergency", by="x")
    assert (len(again[0].written), again[0].skipped) == (0, 1)
    assert said.texts()[-1] == "progress/emergency.yaml: 0 added, 1 already imported and skipped"
