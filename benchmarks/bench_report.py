"""Benchmark: `tracker report` against merely parsing the same YAML, at several sizes, from one run.

Generates a province-sized tracking folder (many units, years of weekly entries), then times, each in a
fresh process with its peak memory, the fastest of --repeat rounds in which every measurement runs in turn
(fewer once a measurement's runs pass a minute, so the slowest run once):

- cold report: `tracker report` with the cache cleared (every file parsed and checked);
- warm report: `tracker report` again, reading the cache;
- after record: one `tracker record` into one unit's file, then `tracker report`;
- bare CSafeLoader: `yaml.load(..., Loader=CSafeLoader)` of the same progress files, nothing else;
- json floor: `json.loads` of the same entries, written as one JSON array per unit.

With ``--levels N``, also a roll-up (``tracker report --levels``) of N lower folders of ``--level-size`` entries
each, every folder its own git repository: the roll-up cold (every level's cache cleared) and warm, against
the sum of the warm reports of its levels, measured one by one.

Usage:
    python benchmarks/bench_report.py                    # 10k and 100k entries
    python benchmarks/bench_report.py --sizes 10000 --levels 20 --level-size 50000   # and the roll-up
    python benchmarks/bench_report.py --sizes 10000,100000,1000000 --record benchmarks/RESULTS.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "src" / "tracker" / "data"
AS_OF = "2026-11-20"
STATUSES = ("in-progress", "in-progress", "in-progress", "blocked", "done")


# The `tracker` command as an office runs it: the script pip installs beside this Python.
_SCRIPT = Path(sys.executable).with_name("tracker.exe" if os.name == "nt" else "tracker")
TRACKER = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "tracker"]
BUDGET = 60.0  # seconds one measurement may spend on repetitions before it stops at fewer


@dataclass
class Run:
    seconds: float
    peak_mb: float
    runs: int = 1


def measure(args: list[str], cwd: Path | None = None) -> Run:
    """Run a command in a fresh process; its wall time and peak resident memory."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{err[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)


class Step(NamedTuple):
    args: list[str]
    before: Callable[[], object] | None = None  # resets the state before each run


def interleaved(steps: dict[str, Step], repeat: int) -> dict[str, Run]:
    """Every measurement run in turn, round after round, ``repeat`` rounds; the fastest run of each is kept,
    with the highest peak memory seen. On a shared virtual machine one run can be slowed by a third by its
    neighbours and the machine's speed drifts over minutes: the fastest run is the least disturbed, and
    taking the measurements in turn exposes all of them to the same drift, which is what makes their ratios
    fair. A measurement stops repeating once its runs took BUDGET seconds (so the slowest run once)."""
    runs: dict[str, list[Run]] = {name: [] for name in steps}
    for _ in range(repeat):
        for name, step in steps.items():
            if runs[name] and sum(r.seconds for r in runs[name]) >= BUDGET:
                continue
            if step.before is not None:
                step.before()
            runs[name].append(measure(step.args))
    return {name: Run(min(r.seconds for r in rs), max(r.peak_mb for r in rs), len(rs)) for name, rs in runs.items()}


def generate(folder: Path, entries: int, units: int, seed: int = 1) -> list[str]:
    """A tracking folder with ``units`` generated member units and ``entries`` progress entries in all.

    Entries are weekly, spread over the units and over the tasks each unit reports on, dated from the plan's
    start to a week before AS_OF, with realistic notes; the one-line layout `tracker record` writes."""
    sys.path.insert(0, str(REPO / "src"))
    from tracker.progress import header, record_line

    rng = random.Random(seed)
    folder.mkdir(parents=True)
    shutil.copy(SHIPPED / "tasks.yaml", folder / "tasks.yaml")
    text = (SHIPPED / "units.yaml").read_text(encoding="utf-8")
    ids = [f"unit-{n:04d}" for n in range(units)]
    extra = "".join(f"  - id: {u}\n    name: 测试省第{n}号单位\n    short: 第{n}号单位\n    kind: bureau\n"
                    for n, u in enumerate(ids))
    marker = "    members: [emergency, econ-info,"
    text = text.replace(marker, f"    members: [{', '.join(ids)}, emergency, econ-info,")
    text = text.replace("  # Collective names.", extra + "\n  # Collective names.")
    (folder / "units.yaml").write_text(text, encoding="utf-8")
    tasks = [t for t in range(1, 61) if t not in (19, 20, 24, 58)]  # the tasks member units report on
    start = dt.date(2025, 1, 6)
    last = dt.date.fromisoformat(AS_OF) - dt.timedelta(days=7)
    weeks = (last - start).days // 7
    (folder / "progress").mkdir()
    per_unit = entries // units
    json_dir = folder.parent / (folder.name + "-json")
    json_dir.mkdir()
    for u in ids:
        lines, plain = [], []
        percent: dict[int, int] = {}
        for i in range(per_unit):
            task = tasks[i % len(tasks)]
            week = min(weeks, i * weeks // per_unit)
            day = start + dt.timedelta(days=7 * week + rng.randrange(5))
            pct = min(100, percent.get(task, 0) + rng.randrange(0, 6))
            status = "done" if pct == 100 else rng.choice(STATUSES[:4])
            percent[task] = pct
            rec = {"id": f"{day:%Y%m%d}-{rng.getrandbits(24):06x}", "type": "progress", "date": day.isoformat(),
                   "task": task, "status": status, "percent": pct,
                   "note": f"第{week + 1}周：开展专项检查{rng.randrange(1, 40)}次，整改隐患{rng.randrange(0, 25)}处",
                   "evidence": [f"检查记录-{week + 1}.pdf"], "by": "填报员"}
            if status == "blocked":
                rec["note"] += "；因资金未到位暂缓"
            lines.append(record_line(rec))
            plain.append(rec)
        (folder / "progress" / f"{u}.yaml").write_text(header(u, u) + "".join(lines), encoding="utf-8")
        (json_dir / f"{u}.json").write_text(json.dumps(plain, ensure_ascii=False), encoding="utf-8")
    return ids


YAML_LOAD = """
import gc, sys, yaml
from pathlib import Path
gc.disable() if sys.argv[2] == "nogc" else None
n = 0
for f in sorted(Path(sys.argv[1]).glob("*.yaml")):
    with open(f, "rb") as fh:
        n += len(yaml.load(fh, Loader=yaml.CSafeLoader)["entries"])
"""

JSON_LOAD = """
import json, sys
from pathlib import Path
n = 0
for f in sorted(Path(sys.argv[1]).glob("*.json")):
    n += len(json.loads(f.read_bytes()))
"""


COMPILE = """
import compileall, os, tracker
compileall.compile_dir(os.path.dirname(tracker.__file__), quiet=1)
"""


def compile_tracker() -> None:
    """Byte-compile the tracker being measured, as `pip install` does for an installed package (and as
    PyYAML's own files already are): with PYTHONDONTWRITEBYTECODE set, an editable install would otherwise
    compile its sources again in every measured run."""
    subprocess.run([sys.executable, "-c", COMPILE], check=True)


def bench(size: int, units: int, workdir: Path, skip_yaml: bool, repeat: int) -> dict[str, Run]:
    folder = workdir / f"office-{size}"
    json_dir = folder.parent / (folder.name + "-json")
    t = time.perf_counter()
    ids = generate(folder, size, units)
    print(f"  generated {size:,} entries in {units} unit files ({time.perf_counter() - t:.1f} s)", file=sys.stderr)
    py = sys.executable
    tracker = [*TRACKER, "--root", str(folder)]
    report = [*tracker, "report", "--as-of", AS_OF, "--format", "json", "-o", str(workdir / "out.json")]
    from tracker.cache import cache_dir

    cache = cache_dir(folder)  # in the git directory or the user's cache directory, never in the folder

    def clear_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def record_one() -> None:
        measure([*tracker, "record", "15", "--unit", ids[0], "--status", "in-progress", "--percent", "99",
                 "--date", AS_OF, "--by", "bench"])

    steps = {"cold report": Step(report, clear_cache), "warm report": Step(report)}  # warm: right after a cold
    if not skip_yaml:
        steps["bare CSafeLoader"] = Step([py, "-c", YAML_LOAD, str(folder / "progress"), "gc"])
    steps["json.loads floor"] = Step([py, "-c", JSON_LOAD, str(json_dir)])
    steps["report after one record"] = Step(report, record_one)
    runs = interleaved(steps, repeat)
    shutil.rmtree(folder)
    shutil.rmtree(json_dir)
    return runs


def git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def bench_levels(count: int, size: int, units: int, workdir: Path, repeat: int) -> dict[str, Run]:
    """A city over ``count`` districts of ``size`` entries: the roll-up cold and warm, and each district's
    own warm report (their sum is what a warm roll-up should cost about)."""
    city = workdir / "city"
    city.mkdir()
    shutil.copy(SHIPPED / "tasks.yaml", city / "tasks.yaml")
    shutil.copy(SHIPPED / "units.yaml", city / "units.yaml")
    (city / "progress").mkdir()
    lines = ["levels:"]
    t = time.perf_counter()
    districts = []
    for n in range(count):
        folder = workdir / f"district-{n:02d}"
        generate(folder, size, units, seed=n + 1)
        shutil.rmtree(folder.parent / (folder.name + "-json"))
        git(folder, "init", "-q", "-b", "main")
        git(folder, "add", "-A")
        git(folder, "commit", "-qm", "data")
        lines += [f"  - name: 第{n + 1}区", f"    source: ../{folder.name}"]
        districts.append(folder)
    (city / "levels.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"  generated {count} levels of {size:,} entries ({time.perf_counter() - t:.1f} s)", file=sys.stderr)
    measure([*TRACKER, "--root", str(city), "levels", "fetch"])
    rollup = [*TRACKER, "--root", str(city), "report", "--levels", "--as-of", AS_OF, "--format", "json", "-o",
              str(workdir / "rollup.json")]

    measure(rollup)
    states = {r["state"] for r in json.loads((workdir / "rollup.json").read_text("utf-8"))["levels"]["levels"]}
    if states != {"ok"}:
        raise SystemExit(f"the roll-up did not read every level: {states}")

    def clear() -> None:
        for cache in (city / ".tracker-levels").glob("*/.tracker-cache"):
            shutil.rmtree(cache)

    runs = interleaved({"roll-up cold": Step(rollup, clear), "roll-up warm": Step(rollup)}, repeat)
    total = Run(0.0, 0.0, repeat)
    for folder in districts:
        report = [*TRACKER, "--root", str(folder), "report", "--as-of", AS_OF, "--format", "json", "-o",
                  str(workdir / "level.json")]
        measure(report)  # fills the district's own cache
        one = interleaved({"warm": Step(report)}, repeat)["warm"]
        total = Run(total.seconds + one.seconds, max(total.peak_mb, one.peak_mb), min(total.runs, one.runs))
    runs["sum of the levels' warm reports"] = total
    return runs


def levels_table(count: int, size: int, runs: dict[str, Run]) -> str:
    lines = ["| roll-up | measurement | best time (s) | runs | peak memory (MB) | ratio |",
             "|---|---|---:|---:|---:|---|"]
    base = runs["sum of the levels' warm reports"]
    for name, run in runs.items():
        ratio = f"{run.seconds / base.seconds:.2f}× the sum" if name == "roll-up warm" else ""
        memory = "largest level" if name.startswith("sum") else ""
        lines.append(f"| {count} × {size:,} | {name} | {run.seconds:.2f} | {run.runs} | {run.peak_mb:.0f}"
                     f"{' (' + memory + ')' if memory else ''} | {ratio} |")
    return "\n".join(lines) + "\n"


def shipped_report() -> dict[str, Run]:
    """`tracker report` on the repository's own data, start-up included (best of five): as the office types
    it (the table by unit), and as JSON."""
    args = [*TRACKER, "--root", str(REPO), "report"]
    return interleaved({"`tracker report`": Step(args), "`tracker report --format json`": Step([*args, "-f", "json"])},
                       5)


def table(results: dict[int, dict[str, Run]], shipped: dict[str, Run]) -> str:
    lines = ["| entries | measurement | best time (s) | runs | peak memory (MB) | ratio |",
             "|---:|---|---:|---:|---:|---|"]
    for size, runs in results.items():
        yaml_s = runs.get("bare CSafeLoader")
        floor = runs["json.loads floor"]
        for name, run in runs.items():
            ratio = ""
            if name == "cold report" and yaml_s:
                ratio = f"{run.seconds / yaml_s.seconds:.2f}× bare CSafeLoader"
            elif name in ("warm report", "report after one record"):
                ratio = f"{run.seconds / floor.seconds:.2f}× json.loads floor"
            lines.append(f"| {size:,} | {name} | {run.seconds:.2f} | {run.runs} | {run.peak_mb:.0f} | {ratio} |")
    for name, run in shipped.items():
        lines.append(f"| shipped data | {name}, start-up included | {run.seconds:.3f} | {run.runs} | "
                     f"{run.peak_mb:.0f} | |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="entry counts, comma-separated")
    parser.add_argument("--units", type=int, default=200, help="unit files to spread the entries over")
    parser.add_argument("--skip-yaml", action="store_true", help="skip the (slow) bare CSafeLoader load")
    parser.add_argument("--repeat", type=int, default=5,
                        help=f"rounds of runs, the fastest of each measurement kept (fewer once its runs took "
                             f"{BUDGET:.0f} s)")
    parser.add_argument("--record", type=Path, help="also write the table to this Markdown file")
    parser.add_argument("--levels", type=int, default=0, help="also time a roll-up of this many lower folders "
                        "(20 in the scale issue; takes minutes)")
    parser.add_argument("--level-size", type=int, default=50000, help="entries in each lower folder")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    results: dict[int, dict[str, Run]] = {}
    compile_tracker()
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        for size in sizes:
            print(f"size {size:,}", file=sys.stderr)
            results[size] = bench(size, args.units, Path(tmp), args.skip_yaml, args.repeat)
        rolled = bench_levels(args.levels, args.level_size, args.units, Path(tmp), args.repeat) if args.levels \
            else None
    out = table(results, shipped_report())
    if rolled is not None:
        out += "\n" + levels_table(args.levels, args.level_size, rolled)
    print(out)
    if args.record:
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        head = (f"# Benchmark figures\n\nRecorded {stamp} by `python benchmarks/bench_report.py --sizes "
                f"{args.sizes}{f' --levels {args.levels} --level-size {args.level_size}' if args.levels else ''} "
                f"--repeat {args.repeat}` on {os.cpu_count()} cores, Python {sys.version.split()[0]}. "
                "Every figure comes from this one run of the script. Each measurement is a fresh process, run in "
                f"turn with the others of its size for up to {args.repeat} rounds (fewer once its runs took "
                f"{BUDGET:.0f} s); its time is the fastest of its runs, its memory the highest.\n\n")
        args.record.write_text(head + out, encoding="utf-8")


if __name__ == "__main__":
    main()
