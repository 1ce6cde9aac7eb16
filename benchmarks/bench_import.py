"""Benchmark: `tracker import` of a spreadsheet return at several sizes, against openpyxl merely reading the same
workbook, from one run.

Makes 市应急局's return with `tracker template` (the shipped task list and units), then fills N rows of it
(the unit's 63 items over and over, each row dated and worded differently, as a year of weekly returns put
together would be) and saves the same rows as a CSV. Then times, each in a fresh process with its peak memory,
the fastest of --repeat rounds in which every measurement of a size runs in turn:

- import, dry run: `tracker import --dry-run` of the workbook (read, every row checked by the record rules,
  checked against the unit's file; nothing written);
- import: the same into an empty progress file (written);
- import again: the same workbook once more (every row already there, skipped);
- CSV, dry run: the same rows as a .csv;
- openpyxl floor: openpyxl in read-only mode iterating the workbook's values, nothing else;

and, beside the sizes, the refusal of a workbook with one value at XFD1048576 (16 KB) and of a .csv whose one
cell holds 200 KB: both a problem at their cell (exit 1), neither a memory error.

Ratios compare each size with the smallest (linear reading: 10× the rows in about 10× the time) and with the
openpyxl floor. Figures are printed (and, with --record, written to a Markdown file), never asserted.

Usage:
    python benchmarks/bench_import.py                          # 2,000 and 20,000 rows
    python benchmarks/bench_import.py --sizes 2000,20000,60000 --record benchmarks/RESULTS-import.md
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_report import BUDGET, REPO, SHIPPED, TRACKER, Run, Step, compile_tracker, in_child, interleaved, recorded

FLOOR = ("import sys\nfrom openpyxl import load_workbook\nwb = load_workbook(sys.argv[1], read_only=True)\n"
         "n = sum(1 for ws in wb.worksheets for row in ws.iter_rows(values_only=True))\n")


def folder_at(where: Path) -> Path:
    """A tracking folder with the shipped task list and units and an empty progress/."""
    where.mkdir(parents=True)
    for name in ("tasks.yaml", "units.yaml"):
        shutil.copy(SHIPPED / name, where / name)
    (where / "progress").mkdir()
    return where


def tracker(folder: Path, *args: str) -> None:
    done = subprocess.run([*TRACKER, "--root", str(folder), *args], capture_output=True)
    if done.returncode != 0:
        raise SystemExit(f"tracker {' '.join(args)} failed ({done.returncode}):\n{done.stderr.decode()[-2000:]}")


def make_return(folder: Path, rows: int, out: Path) -> str:
    """市应急局's return with ``rows`` filled rows, as a workbook (``out``) and as a CSV beside it. Run in a
    process of its own (``in_child``): a measured command's peak memory starts from its parent's."""
    sys.path.insert(0, str(REPO / "src"))
    from openpyxl import load_workbook

    from tracker.load.form import COLUMNS, HEADER_ROW

    tracker(folder, "template", "--unit", "emergency", "--as-of", "2025-09-30", "-o", str(out))
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    items = [[ws.cell(r, c).value for c in range(1, len(COLUMNS) + 1)]
             for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, 1).value is not None]
    col = {key: COLUMNS.index(key) + 1 for key in COLUMNS}
    start = dt.date(2025, 1, 6)
    lines = [[ws.cell(HEADER_ROW, c).value for c in range(1, len(COLUMNS) + 1)]]
    for i in range(rows):
        r = HEADER_ROW + 1 + i
        item = items[i % len(items)]
        for c, value in enumerate(item[:8], 1):
            ws.cell(r, c).value = value
        ws.cell(r, col["status"]).value = "推进中"
        ws.cell(r, col["percent"]).value = 1 + i * 98 // max(rows - 1, 1)
        ws.cell(r, col["note"]).value = f"第{i // len(items) + 1}周：开展专项检查{i % 40 + 1}次"
        ws.cell(r, col["evidence"]).value = f"检查记录-{i}.pdf"
        ws.cell(r, col["date"]).value = (start + dt.timedelta(days=i * 260 // max(rows, 1))).isoformat()
        lines.append([ws.cell(r, c).value for c in range(1, len(COLUMNS) + 1)])
    wb.save(out)
    with out.with_suffix(".csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(lines)
    return str(out)


def far_cell(folder: Path, out: Path) -> str:
    """A return with one value at XFD1048576 (in a process of its own, as ``make_return``)."""
    from openpyxl import load_workbook

    tracker(folder, "template", "--unit", "emergency", "--as-of", "2025-09-30", "-o", str(out))
    wb = load_workbook(out)
    wb.worksheets[0]["XFD1048576"] = "x"
    wb.save(out)
    return str(out)


def refusals(workdir: Path, repeat: int) -> dict[str, Run]:
    """A far cell and a huge CSV cell, each refused at its cell: `tracker import` must exit 1 (not 3)."""
    folder = folder_at(workdir / "refusals")
    far = Path(in_child(far_cell, folder, folder / "far.xlsx"))
    huge = folder / "huge.csv"
    huge.write_text("编号,本次状态\n15," + "x" * 200_000 + "\n", encoding="utf-8")

    def refused(path: Path) -> list[str]:  # exit 0 only when tracker exits 1, as a refusal does
        import shlex

        line = " ".join(shlex.quote(a) for a in [*TRACKER, "--root", str(folder), "import", "--unit", "emergency",
                                                 str(path)])
        return ["sh", "-c", f"{line} 2>/dev/null; test $? -eq 1"]

    steps = {f"refused: one value at XFD1048576 ({far.stat().st_size // 1024} KB)": Step(refused(far)),
             "refused: a CSV cell of 200 KB": Step(refused(huge))}
    return interleaved(steps, repeat)


def bench(size: int, workdir: Path, repeat: int) -> dict[str, Run]:
    folder = folder_at(workdir / f"import-{size}")
    t = time.perf_counter()
    book = Path(in_child(make_return, folder, size, workdir / f"return-{size}.xlsx"))
    print(f"  made a return of {size:,} rows ({book.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - t:.1f} s)",
          file=sys.stderr)
    target = folder / "progress" / "emergency.yaml"
    importing = [*TRACKER, "--root", str(folder), "import", str(book)]
    # each round runs these in turn: "import again" finds the rows "import" just wrote
    def empty() -> None:
        target.unlink(missing_ok=True)

    steps = {
        "import, dry run": Step([*TRACKER, "--root", str(folder), "import", "--dry-run", str(book)], empty),
        "import": Step(importing, empty),
        "import again": Step(importing),
        "CSV, dry run": Step([*TRACKER, "--root", str(folder), "import", "--dry-run", "--unit", "emergency",
                              str(book.with_suffix(".csv"))], empty),
        "openpyxl floor": Step([sys.executable, "-c", FLOOR, str(book)]),
    }
    return interleaved(steps, repeat)


def table(results: dict[int, dict[str, Run]], refused: dict[str, Run]) -> str:
    lines = ["| rows | measurement | best time (s) | runs | peak memory (MB) | ratio |",
             "|---:|---|---:|---:|---:|---|"]
    smallest = min(results)
    for size, runs in results.items():
        floor = runs["openpyxl floor"]
        for name, run in runs.items():
            ratio = ""
            if name != "openpyxl floor":
                ratio = f"{run.seconds / floor.seconds:.2f}× openpyxl floor; {run.seconds / size * 1e6:.0f} µs a row"
            if size != smallest:
                ratio += (f"; {run.seconds / results[smallest][name].seconds:.2f}× the time at {smallest:,} rows "
                          f"({size / smallest:.0f}× the rows)")
            lines.append(f"| {size:,} | {name} | {run.seconds:.2f} | {run.runs} | {run.peak_mb:.0f} | "
                         f"{ratio.lstrip('; ')} |")
    for name, run in refused.items():
        lines.append(f"| | {name} | {run.seconds:.2f} | {run.runs} | {run.peak_mb:.0f} | exit 1, a problem at the "
                     "cell |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2000,20000", help="filled rows, comma-separated")
    parser.add_argument("--repeat", type=int, default=5,
                        help=f"rounds of runs, the fastest of each measurement kept (fewer once its runs took "
                             f"{BUDGET:.0f} s)")
    parser.add_argument("--record", type=Path, help="also write the table to this Markdown file")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    compile_tracker()
    results: dict[int, dict[str, Run]] = {}
    with tempfile.TemporaryDirectory(prefix="tracker-bench-import-") as tmp:
        for size in sizes:
            print(f"size {size:,}", file=sys.stderr)
            results[size] = bench(size, Path(tmp), args.repeat)
        print("refusals", file=sys.stderr)
        refused = refusals(Path(tmp), args.repeat)
    out = table(results, refused)
    print(out)
    if args.record:
        command = f"python benchmarks/bench_import.py --sizes {args.sizes} --repeat {args.repeat}"
        args.record.write_text(recorded("Import benchmark figures", command, args.repeat) + out, encoding="utf-8")

if __name__ == "__main__":
    main()
