"""Fuzzing the reading of returns: workbooks made from a real form by openpyxl, with random fills, copies of the
form (visible, hidden, very hidden) and ``_meta`` pointing anywhere, values far away, merged cells, hidden rows
and columns, and header rows moved, renamed, doubled or cut. Seeded and bounded in time
(TRACKER_FUZZ_CASES, TRACKER_FUZZ_SECONDS for a longer run).

What holds: reading and checking never raise; a workbook that must be refused is (the form hidden, a header
twice, a value out of bounds); and whatever is read is exactly what a person sees on the visible form, as
computed here from openpyxl's own model of the workbook (an independent reading: the reader parses the saved
XML itself).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from tests.conftest import SHIPPED
from tracker.check.sheet import check_sheet
from tracker.cli.app import app
from tracker.core.i18n import Lang, label
from tracker.load import sheet as reader
from tracker.load.catalog import load_catalog
from tracker.load.form import COLUMNS, HEADER_ROW, INPUTS, META_SHEET, header_keys, list_hash

CASES = int(os.environ.get("TRACKER_FUZZ_CASES", "80"))
SECONDS = float(os.environ.get("TRACKER_FUZZ_SECONDS", "20"))
TODAY = dt.date(2025, 10, 1)
INPUT_COLS = [COLUMNS.index(k) + 1 for k in INPUTS]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Any, str]:
    folder = tmp_path_factory.mktemp("fuzz-folder")
    for name in ("tasks.yaml", "units.yaml"):
        shutil.copy(SHIPPED / name, folder / name)
    (folder / "progress").mkdir()
    out = folder / "form.xlsx"
    result = CliRunner().invoke(app, ["--root", str(folder), "template", "--unit", "emergency", "--as-of",
                                      "2025-09-30", "-o", str(out)])
    assert result.exit_code == 0, result.output
    cat = load_catalog(folder / "tasks.yaml", folder / "units.yaml").catalog
    return out.read_bytes(), cat, list_hash((folder / "tasks.yaml").read_bytes())


# ---------------------------------------------------------------- what a person sees

def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def seen(ws: Any) -> dict[tuple[int, int], Any]:
    """The values a spreadsheet shows on ``ws``: covered cells of a merged range show nothing, and a range one
    column wide shows its top value on every row (the form's documented reading of a merge)."""
    grid = {at: c.value for at, c in ws._cells.items() if not isinstance(c, MergedCell) and c.value is not None}
    for merged in ws.merged_cells.ranges:
        top = grid.get((merged.min_row, merged.min_col))
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if (r, c) != (merged.min_row, merged.min_col):
                    grid.pop((r, c), None)
                    if merged.min_col == merged.max_col and top is not None and _text(top):
                        grid[(r, c)] = top
    return grid


def expected(ws: Any) -> tuple[str, dict[int, dict[str, Any]]]:
    """("refuse", {}) when the form must be refused, ("read", rows) with the rows it must read, or ("any", {})
    when refusing and reading are both right (a column missing, nothing that looks like a header)."""
    grid = seen(ws)
    if any(v is not None and (r > reader.MAX_ROW or c > reader.MAX_COL) for (r, c), v in grid.items()):
        return "refuse", {}
    known = header_keys()
    for r in range(1, reader.HEADER_ROWS + 1):
        found = [(known[n], c) for (row, c), v in sorted(grid.items())
                 if row == r and (n := _text(v).replace(" ", "").lower()) in known]
        keys = [k for k, _ in found]
        if "id" in keys and "status" in keys:
            if len(set(keys)) != len(keys):
                return "refuse", {}
            columns = {k: c for k, c in found if k in reader.READ}
            if any(k not in columns for k in reader.READ):
                return "any", {}
            rows: dict[int, dict[str, Any]] = {}
            for row in sorted({row for row, _ in grid if row > r}):
                cells = {k: grid.get((row, c)) for k, c in columns.items()}
                if any(_text(cells[k]) for k in INPUTS):
                    rows[row] = cells
            return "read", rows
    return "any", {}


# ---------------------------------------------------------------- making a workbook

def data_rows(ws: Any) -> list[int]:
    return [r for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, 1).value is not None]


def fill(ws: Any, rng: random.Random, decoy: bool = False) -> None:
    for r in rng.sample(data_rows(ws), rng.randint(0, 5)):
        if decoy or rng.random() < 0.2:
            ws.cell(r, 9).value, ws.cell(r, 10).value = "已完成", 100
        else:
            ws.cell(r, 9).value, ws.cell(r, 10).value = "推进中", rng.randint(1, 99)
        if rng.random() < 0.5:
            ws.cell(r, 12).value = rng.choice(["带队检查", "已整改 3 处", "进展顺利\u202e", "第二批"])
        ws.cell(r, 14).value = f"2025-09-{rng.randint(1, 30):02d}"


def free_ranges(taken: list[tuple[int, int, int, int]], r1: int, c1: int, r2: int, c2: int) -> bool:
    return all(r2 < a or r1 > c or c2 < b or c1 > d for a, b, c, d in taken)


def mutate(wb: Workbook, rng: random.Random) -> None:
    form = wb.worksheets[0]
    wb.security = None  # the structure lock: a hostile sender removes it first
    fill(form, rng)
    for _ in range(rng.choice([0, 0, 1, 2])):  # copies of the form, filled otherwise, in any state
        copy = wb.copy_worksheet(form)
        copy.title = f"副本{rng.randint(0, 999)}"
        fill(copy, rng, decoy=True)
        copy.sheet_state = rng.choice(["visible", "hidden", "veryHidden"])
    if rng.random() < 0.1:
        wb.create_sheet(f"空{rng.randint(0, 99)}").sheet_state = rng.choice(["visible", "hidden"])
    meta = wb[META_SHEET]
    if rng.random() < 0.3:
        name = rng.choice([*wb.sheetnames, "不存在"])
        next(r for r in meta.iter_rows() if r[0].value == "sheet")[1].value = name
    if rng.random() < 0.15:
        form.sheet_state = rng.choice(["hidden", "veryHidden"])
        if wb.active is not None and wb.active.title == form.title:
            visible = [i for i, ws in enumerate(wb.worksheets) if ws.sheet_state == "visible"]
            if visible:
                wb.active = visible[0]
    rows = data_rows(form)
    if rng.random() < 0.3:  # a value far away: within the bounds, or beyond them
        far = rng.choice([(rng.randint(100, 5000), rng.randint(20, 200)),
                          (reader.MAX_ROW + rng.randint(1, 948_576), rng.randint(1, 16384)),
                          (rng.randint(1, 500), reader.MAX_COL + rng.randint(1, 16_000))])
        form.cell(*far).value = rng.choice(["x", 7, "推进中"])
    if rng.random() < 0.2:  # styled but empty, far away
        form.cell(rng.randint(1, 1_048_576), rng.randint(1, 16384)).number_format = "0%"
    taken: list[tuple[int, int, int, int]] = [(1, 1, 1, 14), (2, 1, 2, 14)]
    for _ in range(rng.choice([0, 0, 1, 3])):  # merged ranges in the rows, never overlapping
        r1 = rng.choice(rows[:-3])
        c1 = rng.choice([1, 2, *INPUT_COLS])
        r2 = r1 + rng.choice([0, 1, 2])
        c2 = c1 + rng.choice([0, 0, 1])
        if (r1, c1) != (r2, c2) and free_ranges(taken, r1, c1, r2, c2):
            form.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
            taken.append((r1, c1, r2, c2))
    if rng.random() < 0.1 and free_ranges(taken, HEADER_ROW, 9, HEADER_ROW, 10):
        form.merge_cells(start_row=HEADER_ROW, start_column=9, end_row=HEADER_ROW, end_column=10)
    head = [form.cell(HEADER_ROW, c) for c in range(1, len(COLUMNS) + 1)]
    if rng.random() < 0.2:  # two columns swapped, headers and all
        a, b = rng.sample(range(1, len(COLUMNS) + 1), 2)
        for r in range(1, rows[-1] + 1):
            x, y = form.cell(r, a), form.cell(r, b)
            if not isinstance(x, MergedCell) and not isinstance(y, MergedCell):
                x.value, y.value = y.value, x.value
    if rng.random() < 0.2:  # headers in English
        for cell, key in zip(head, COLUMNS, strict=True):
            if not isinstance(cell, MergedCell) and _text(cell.value) == label(f"form.col.{key}", Lang.ZH):
                cell.value = label(f"form.col.{key}", Lang.EN)
    if rng.random() < 0.15:  # a header again, in an extra column, perhaps hidden
        extra = len(COLUMNS) + rng.randint(1, 5)
        for r, value in ((HEADER_ROW, rng.choice([label(f"form.col.{k}", Lang.ZH) for k in COLUMNS])),
                         (rng.choice(rows), "已完成")):
            if not isinstance(form.cell(r, extra), MergedCell):
                form.cell(r, extra).value = value
        form.column_dimensions[get_column_letter(extra)].hidden = rng.random() < 0.7
    if rng.random() < 0.1:  # a header cut
        cell = rng.choice(head)
        if not isinstance(cell, MergedCell):
            cell.value = None
    for _ in range(rng.choice([0, 1, 2])):
        form.row_dimensions[rng.choice(rows)].hidden = True
        form.column_dimensions[get_column_letter(rng.randint(1, 20))].hidden = True


def form_sheet(wb: Workbook) -> Any:
    """The sheet the rules say is the form: the one _meta names if it exists, else the first visible one;
    None when that sheet is hidden (or none is visible)."""
    name = next(r[1].value for r in wb[META_SHEET].iter_rows() if r[0].value == "sheet")
    if name in wb.sheetnames:
        ws = wb[name]
        return ws if ws.sheet_state == "visible" else None
    return next((ws for ws in wb.worksheets if ws.sheet_state == "visible" and ws.title != META_SHEET), None)


def test_imported_is_exactly_what_is_visible_or_refused(made: tuple[bytes, Any, str], tmp_path: Path) -> None:
    base, cat, digest = made
    stop = time.monotonic() + SECONDS
    outcomes = {"read": 0, "imported": 0, "refused": 0}
    for seed in range(CASES):
        if time.monotonic() > stop and seed >= 10:
            break
        rng = random.Random(seed)
        wb = load_workbook(io.BytesIO(base))
        mutate(wb, rng)
        ws = form_sheet(wb)
        want, rows = ("refuse", {}) if ws is None else expected(ws)
        path = tmp_path / f"case-{seed}.xlsx"
        wb.save(path)
        try:
            sheet = reader.read_sheet(path, str(path), Lang.ZH)
            checked = check_sheet(cat, sheet, digest, None, TODAY, "fuzz", Lang.ZH, ("", ""))
        except Exception as exc:  # noqa: BLE001 - the property is "never a crash": name the case that broke it
            pytest.fail(f"seed {seed}: {type(exc).__name__}: {exc}")
        if want == "refuse":
            assert sheet.problems, f"seed {seed}: must be refused, read {len(sheet.rows)} rows"
        elif not sheet.problems:
            got = {r.row: {k: c.value for k, c in r.cells.items()} for r in sheet.rows}
            if want == "read":
                assert got == rows, f"seed {seed}: read differs from what is visible"
            outcomes["read"] += 1
        if checked.problems:
            assert checked.batch == [] or checked.unit is not None, f"seed {seed}"
            outcomes["refused"] += 1
        else:
            assert not sheet.problems and want == "read", f"seed {seed}: imported, yet {want}"
            tasks = sorted(str(v["task"]) for v in checked.batch)
            assert tasks == sorted(_text(r["id"]) for r in rows.values()), f"seed {seed}"
            outcomes["imported"] += 1
        path.unlink()
    total = sum(outcomes[k] for k in ("imported", "refused"))
    assert total >= 10
    assert outcomes["imported"] >= total // 5, outcomes  # not a reader that refuses everything
    assert outcomes["refused"] >= total // 10, outcomes  # and the fuzz reaches the refusals
