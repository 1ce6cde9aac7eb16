"""Benchmark: `tracker report` against merely parsing the same YAML, at several sizes, from one run.

Generates a province-sized tracking folder (many units, years of weekly entries), then times, each in a
fresh process with its peak memory, the fastest of --repeat rounds in which every measurement runs in turn
(fewer once a measurement's runs pass a minute, so the slowest run once):

- cold report: `tracker report` with the cache cleared where the report keeps it (``cache_dir``; the script
  stops when it is not there after a report, or still there after clearing), every file parsed and checked,
  in one worker process per core, and the same in one process (TRACKER_WORKERS=1); and, in a run of its own,
  the memory of the cold report's processes together;
- warm report: `tracker report` again, reading the cache; and as of an earlier date (a past month's end, as a
  monthly bulletin asks), warm for that date too, and the first such report after a warm one (which makes
  the dated packs it reads afterwards);
- after record: one `tracker record` into one unit's file, then `tracker report`;
- bare CSafeLoader: `yaml.load(..., Loader=CSafeLoader)` of the same progress files, nothing else;
- json floor: `json.loads` of the same entries, written as one JSON array per unit;

and, beside the sizes (the same units and items at every size, so the warm reports compare like for like):

- record latency: `tracker record` into one unit's file of 100, 10,000 and 50,000 entries, and the report
  that follows it; at 50,000 also into a file holding one hand-written record over several lines;
- the real units: the shipped task list and units, 100,000 entries spread over the units as they report:
  the warm report, and the report after one record into the largest file, against the shipped-data report.

With ``--levels N``, also a roll-up (``tracker report --levels``) of N lower folders of ``--level-size`` entries
each, every folder its own git repository: the roll-up cold (every level's cache cleared) and warm, against
the sum of the warm reports of its levels, measured one by one.

Last, every target of the speed work as a ratio of two figures of the run, with whether it holds.

Usage:
    python benchmarks/bench_report.py                    # 10k and 100k entries
    python benchmarks/bench_report.py --sizes 10000 --levels 20 --level-size 50000   # and the roll-up
    python benchmarks/bench_report.py --sizes 10000,100000,1000000 --record benchmarks/RESULTS.md
    python benchmarks/bench_report.py --sizes 10000 --skip-yaml --only-record   # the record latencies alone
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
EARLIER = "2025-12-31"  # a past month's end: a monthly bulletin's date, well inside the history
WARM_EARLIER = f"warm report as of {EARLIER}"
STATUSES = ("in-progress", "in-progress", "in-progress", "blocked", "done")


# The `tracker` command as an office runs it: the script pip installs beside this Python.
_SCRIPT = Path(sys.executable).with_name("tracker.exe" if os.name == "nt" else "tracker")
TRACKER = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "tracker"]
BUDGET = 60.0  # seconds one measurement may spend on repetitions before it stops at fewer
EVERY_PROCESS = "cold report, all its processes (PSS)"


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


def tree_memory(args: list[str]) -> Run:
    """Run a command once, untimed, sampling every 20 ms the memory of it and the processes it starts (a cold
    report checks the files in worker processes): the peak of their proportional set sizes added together,
    in which a page a forked worker still shares with its parent counts once, not once per process. ``runs``
    holds the most processes seen at once."""
    def tree(pid: int) -> list[int]:
        found = [pid]
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as f:
                    for child in f.read().split():
                        found += tree(int(child))
        except OSError:
            pass
        return found

    def pss(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
                return next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
        except OSError:
            return 0

    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = most = 0
    while proc.poll() is None:
        pids = tree(proc.pid)
        most = max(most, len(pids))
        peak = max(peak, sum(pss(p) for p in pids))
        time.sleep(0.02)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode})")
    return Run(time.perf_counter() - start, peak / 1024, most)


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
    from tracker.load.progress import header, record_line

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


HAND = """- id: 20250301-hand01
  type: progress
  date: 2025-03-01
  task: 15
  status: in-progress
  percent: 1
  note: 手工补记，多行书写
"""


def in_child(fn: Callable[..., str], *args: object) -> str:
    """``fn(*args)`` in a fresh process: a measured command's peak memory (ru_maxrss) starts from its parent's
    at the fork, so the data generated here must not swell this process."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return str(pool.apply(fn, args))


def remove(folder: Path) -> None:
    """A generated folder gone, and its cache with it: outside a repository the cache is the user's
    (``~/.cache/tracker/``), where a million entries' would otherwise stay once the folder is gone."""
    from tracker.folder.cache import cache_dir
    from tracker.git.run import git_dir

    shutil.rmtree(cache_dir(folder, git_dir(folder)), ignore_errors=True)
    shutil.rmtree(folder)


def _runner(args: list[str]) -> Callable[[], object]:
    return lambda: measure(args)


def generate_file(folder: Path, entries: int, hand: bool = False) -> str:
    """A tracking folder whose one generated unit has ``entries`` entries, with one hand-written record over
    several lines in the middle of the file when ``hand``; the unit's id."""
    (unit,) = generate(folder, entries, 1)
    shutil.rmtree(folder.parent / (folder.name + "-json"))
    if hand:
        path = folder / "progress" / f"{unit}.yaml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        middle = len(lines) // 2
        path.write_text("".join(lines[:middle]) + HAND + "".join(lines[middle:]), encoding="utf-8")
    return unit


def bench_record(workdir: Path, repeat: int) -> dict[str, dict[str, Run]]:
    """`tracker record` into one file of each size, and the report after it (the folder has one unit, so the
    report is of that file; its other costs are the same at every size)."""
    out: dict[str, dict[str, Run]] = {}
    for entries, hand in ((100, False), (10_000, False), (50_000, False), (50_000, True)):
        folder = workdir / f"file-{entries}{'-hand' if hand else ''}"
        unit = in_child(generate_file, folder, entries, hand)
        tracker = [*TRACKER, "--root", str(folder)]
        record = [*tracker, "record", "15", "--unit", unit, "--status", "in-progress", "--percent", "99",
                  "--date", AS_OF, "--by", "bench"]
        report = [*tracker, "report", "--as-of", AS_OF, "--format", "json", "-o", str(workdir / "out.json")]
        measure(record)  # the first record into a file checks it whole and stores its state
        measure(report)
        steps = {"record": Step(record), "report after record": Step(report, _runner(record))}
        name = f"{entries:,} entries" + (", one hand-written record" if hand else "")
        print(f"  file of {name}", file=sys.stderr)
        out[name] = interleaved(steps, repeat)
        remove(folder)
    return out


def generate_real(folder: Path, entries: int, seed: int = 2) -> str:
    """The shipped task list and units, with ``entries`` weekly entries spread over the units in proportion
    to the items each reports on; the id of the unit with the largest file."""
    sys.path.insert(0, str(REPO / "src"))
    from tracker.load.catalog import load_catalog
    from tracker.load.progress import header, record_line

    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for name in ("tasks.yaml", "units.yaml"):
        shutil.copy(SHIPPED / name, folder / name)
    cat = load_catalog(folder / "tasks.yaml", folder / "units.yaml").catalog
    assert cat is not None
    items_of: dict[str, list[str]] = {}
    for item in cat.items.values():
        for unit in cat.reporters(item):
            if unit in cat.units:
                items_of.setdefault(unit, []).append(item.id)
    total = sum(len(v) for v in items_of.values())
    start = dt.date(2025, 1, 6)
    weeks = (dt.date.fromisoformat(AS_OF) - dt.timedelta(days=7) - start).days // 7
    (folder / "progress").mkdir()
    sizes = {}
    for unit, tasks in items_of.items():
        count = entries * len(tasks) // total
        lines: list[str] = []
        percent: dict[str, int] = {}
        for i in range(count):
            task = tasks[i % len(tasks)]
            week = min(weeks, i * weeks // max(count, 1))
            day = start + dt.timedelta(days=7 * week + rng.randrange(5))
            pct = percent[task] = min(99, percent.get(task, 0) + rng.randrange(0, 3))
            rec = {"id": f"{day:%Y%m%d}-{rng.getrandbits(24):06x}", "type": "progress", "date": day.isoformat(),
                   "task": int(task) if task.isdigit() else task, "status": "in-progress", "percent": pct,
                   "note": f"第{week + 1}周：开展专项检查{rng.randrange(1, 40)}次", "by": "填报员"}
            lines.append(record_line(rec))
        (folder / "progress" / f"{unit}.yaml").write_text(header(unit, cat.units[unit].name) + "".join(lines),
                                                           encoding="utf-8")
        sizes[unit] = count
    return max(sizes, key=lambda u: sizes[u])


def bench_real(workdir: Path, entries: int, repeat: int) -> dict[str, Run]:
    """The warm report with the real units, and the report after one record into the largest file."""
    folder = workdir / "real"
    unit = in_child(generate_real, folder, entries)
    cat_task = in_child(_a_task_of, folder, unit)
    tracker = [*TRACKER, "--root", str(folder)]
    report = [*tracker, "report", "--as-of", AS_OF, "--format", "json", "-o", str(workdir / "out.json")]
    record = [*tracker, "record", cat_task, "--unit", unit, "--status", "in-progress", "--percent", "99",
              "--date", AS_OF, "--by", "bench"]
    measure(report)
    measure(record)
    measure(report)
    print(f"  the real units, {entries:,} entries (largest file: {unit})", file=sys.stderr)
    runs = interleaved({"warm report": Step(report), "report after one record": Step(report, _runner(record))},
                       repeat)
    remove(folder)
    return runs


def _generated(folder: Path, entries: int, units: int) -> str:
    return ",".join(generate(folder, entries, units))


def _a_task_of(folder: Path, unit: str) -> str:
    sys.path.insert(0, str(REPO / "src"))
    from tracker.load.catalog import load_catalog

    cat = load_catalog(folder / "tasks.yaml", folder / "units.yaml").catalog
    assert cat is not None
    return next(i.id for i in cat.items.values() if unit in cat.reporters(i))


# Candidates for the derived store a report as of today reads (each timed in a fresh process, after a warm
# report filled the cache). Both check every progress file by its content hash, as the cache must.

CANDIDATE_PACKS = """
import datetime as dt, sys
from pathlib import Path
from tracker.folder import cache
from tracker.check.records import Progress
from tracker.folder.root import PROGRESS, Root, catalog_hash, progress_paths
from tracker.git.run import git_dir
root = Root(Path(sys.argv[1]))
few = cache.ProgressCache(cache.cache_dir(root.path, git_dir(root.path)), catalog_hash(root), dt.date.today(),
                          enough=True)
n = 0
for path in progress_paths(root):
    rel = f"{PROGRESS}/{path.name}"
    got = few.get_until(rel, cache.content_hash(path.read_bytes()), dt.date.fromisoformat(sys.argv[2]))
    assert isinstance(got, Progress), rel
    n += len(got.entries)
few.close()
"""

SQLITE_BUILD = """
import datetime as dt, sqlite3, sys
from pathlib import Path
from tracker.folder import cache
from tracker.folder.pipeline import iter_progress, load_list
from tracker.folder.root import PROGRESS, Root, progress_paths
root = Root(Path(sys.argv[1]))
cat, _ = load_list(root)
db = sqlite3.connect(sys.argv[2])
db.execute("create table files (path text primary key, content text)")
db.execute("create table entries (path text, task text, date text, line int, id text, status text, "
           "percent real, value real, note text, evidence text, by text)")
for path, prog in zip(progress_paths(root), iter_progress(root, cat, dt.date.today())):
    rel = f"{PROGRESS}/{path.name}"
    db.execute("insert into files values (?, ?)", (rel, cache.content_hash(path.read_bytes())))
    db.executemany("insert into entries values (?,?,?,?,?,?,?,?,?,?,?)",
                   [(rel, e.task, e.date.isoformat(), e.line, e.id, e.status.value, e.percent, e.value, e.note,
                     "\\n".join(e.evidence), e.by) for e in prog.entries])
db.execute("create index pair_date on entries (path, task, date, line)")
db.commit()
"""

SQLITE_READ = """
import datetime as dt, sqlite3, sys
from pathlib import Path
from tracker.folder import cache
from tracker.core.model import Entry, Status
from tracker.folder.root import PROGRESS, Root, progress_paths
root = Root(Path(sys.argv[1]))
db = sqlite3.connect(sys.argv[2])
query = ("select task, date, line, id, status, percent, value, note, evidence, by from (select *, row_number() "
         "over (partition by task order by date desc, line desc) as n from entries where path = ? and date <= ?) "
         "where n = 1")
n = 0
for path in progress_paths(root):
    rel = f"{PROGRESS}/{path.name}"
    (stored,) = db.execute("select content from files where path = ?", (rel,)).fetchone()
    assert stored == cache.content_hash(path.read_bytes())
    rows = db.execute(query, (rel, sys.argv[3])).fetchall()
    got = [Entry(r[3], path.stem, r[0], dt.date.fromisoformat(r[1]), Status(r[4]), r[5], r[6], r[7],
                 tuple(r[8].split("\\n")) if r[8] else (), r[9], r[2]) for r in rows]
    n += len(got)
"""


def bench_candidates(workdir: Path, size: int, units: int, repeat: int) -> dict[str, Run]:
    """Reading, for every pair, what a report as of today needs: from the enough packs (what a warm report
    reads), and from an sqlite3 table of every record indexed by pair and date (the latest entry per pair
    only, which is less than a report needs: a floor for that candidate)."""
    folder = workdir / f"candidates-{size}"
    in_child(_generated, folder, size, units)
    shutil.rmtree(folder.parent / (folder.name + "-json"))
    measure([*TRACKER, "--root", str(folder), "report", "--as-of", AS_OF, "-f", "json", "-o", str(workdir / "o.json")])
    db = workdir / f"candidates-{size}.sqlite"
    measure([sys.executable, "-c", SQLITE_BUILD, str(folder), str(db)])
    print(f"  store candidates at {size:,} entries", file=sys.stderr)
    runs = interleaved({"enough packs": Step([sys.executable, "-c", CANDIDATE_PACKS, str(folder), AS_OF]),
                        "sqlite3, latest entry per pair": Step([sys.executable, "-c", SQLITE_READ, str(folder),
                                                                str(db), AS_OF])}, repeat)
    remove(folder)
    db.unlink()
    return runs


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
    ids = [f"unit-{n:04d}" for n in range(units)]
    assert in_child(_generated, folder, size, units) == ",".join(ids)
    print(f"  generated {size:,} entries in {units} unit files ({time.perf_counter() - t:.1f} s)", file=sys.stderr)
    py = sys.executable
    tracker = [*TRACKER, "--root", str(folder)]
    report = [*tracker, "report", "--as-of", AS_OF, "--format", "json", "-o", str(workdir / "out.json")]
    from tracker.folder.cache import cache_dir
    from tracker.git.run import git_dir

    cache = cache_dir(folder, git_dir(folder))  # where the report keeps it: git's own directory, else the user's
    earlier = [*tracker, "report", "--as-of", EARLIER, "--format", "json", "-o", str(workdir / "earlier.json")]
    stale = [True]  # the cache was cleared since the report as of the earlier date last ran

    def clear_cache() -> None:
        """A cold run: the cache the report reads, wherever it is, gone, and seen to be gone."""
        shutil.rmtree(cache, ignore_errors=True)
        if cache.exists():
            raise SystemExit(f"the cache at {cache} could not be cleared")
        stale[0] = True

    def warm_earlier() -> None:
        """The report as of the earlier date, warm: run once untimed after the cache was cleared."""
        if stale[0]:
            measure(earlier)
            stale[0] = False

    def record_one() -> None:
        measure([*tracker, "record", "15", "--unit", ids[0], "--status", "in-progress", "--percent", "99",
                 "--date", AS_OF, "--by", "bench"])

    measure(report)
    if not (cache / "catalog.json").is_file():  # so what clear_cache removes is what the report reads
        raise SystemExit(f"the report keeps its cache elsewhere than {cache}")
    steps = {"cold report": Step(report, clear_cache), "warm report": Step(report)}  # warm: right after a cold
    steps[WARM_EARLIER] = Step(earlier, warm_earlier)

    def clear_dated() -> None:
        """The first report as of the earlier date: the dated packs, which it makes, gone."""
        shutil.rmtree(cache / "dated", ignore_errors=True)
        if (cache / "dated").exists():
            raise SystemExit(f"the dated packs at {cache / 'dated'} could not be cleared")
        stale[0] = True

    steps[f"first report as of {EARLIER} (dated packs made)"] = Step(earlier, clear_dated)
    steps["cold report in one process"] = Step(["env", "TRACKER_WORKERS=1", *report], clear_cache)
    if not skip_yaml:
        steps["bare CSafeLoader"] = Step([py, "-c", YAML_LOAD, str(folder / "progress"), "gc"])
    steps["json.loads floor"] = Step([py, "-c", JSON_LOAD, str(json_dir)])
    steps["report after one record"] = Step(report, record_one)
    runs = interleaved(steps, repeat)
    if os.path.exists("/proc/self/smaps_rollup"):
        clear_cache()
        runs[EVERY_PROCESS] = tree_memory(report)
    remove(folder)
    shutil.rmtree(json_dir)
    return runs


def git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def bench_levels(count: int, size: int, units: int, workdir: Path, repeat: int) -> dict[str, Run]:
    """A city (its own repository, the shipped list, no records of its own) over ``count`` districts of
    ``size`` entries: the roll-up cold (every cache it reads cleared, and checked gone) and warm, the city's
    own warm report (what a warm roll-up is measured against), and each district's own warm report (their
    sum is what counting the levels would cost were nothing kept of them)."""
    city = workdir / "city"
    city.mkdir()
    shutil.copy(SHIPPED / "tasks.yaml", city / "tasks.yaml")
    shutil.copy(SHIPPED / "units.yaml", city / "units.yaml")
    (city / "progress").mkdir()
    git(city, "init", "-q", "-b", "main")  # the mirrors and caches in its git directory, as an office has them
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
    own = [*TRACKER, "--root", str(city), "report", "--as-of", AS_OF, "--format", "json", "-o",
           str(workdir / "city.json")]

    from tracker.folder.cache import cache_dir, mirrors_dir
    from tracker.git.run import git_dir

    home = git_dir(city)
    mirrors = [m for m in mirrors_dir(city, home).iterdir() if (m / "HEAD").is_file()]
    if home is None or len(mirrors) != count or not all(m.is_relative_to(home) for m in mirrors):
        raise SystemExit(f"the levels are not mirrored in the city's git directory: {mirrors}")
    caches = [cache_dir(city, home), *(cache_dir(m, m) for m in mirrors)]  # the city's, each level's

    def clear() -> None:
        """A cold roll-up: the city's cache and every level's (checked files, list, kept figures) gone; the
        mirrors stay, since fetching is not what is measured."""
        for cache in caches:
            shutil.rmtree(cache, ignore_errors=True)
        if any(c.exists() for c in caches):
            raise SystemExit(f"a cache survived clearing: {[c for c in caches if c.exists()]}")

    clear()
    measure(rollup)
    states = {r["state"] for r in json.loads((workdir / "rollup.json").read_text("utf-8"))["levels"]["levels"]}
    if states != {"ok"}:
        raise SystemExit(f"the roll-up did not read every level: {states}")
    kept = [c for c in caches[1:] if (c / "catalog.json").is_file() and list(c.glob("figures-*.json"))]
    if len(kept) != count:
        raise SystemExit(f"the roll-up's caches are not where the report keeps them: {caches}")

    measure(own)
    runs = interleaved({"roll-up cold": Step(rollup, clear), "roll-up warm": Step(rollup),
                        "the city's own warm report": Step(own)}, repeat)
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
    target = 2.0  # a warm roll-up of 17 levels × 20,000 entries ÷ the city's own warm report (issue 26)
    lines = ["| roll-up | measurement | best time (s) | runs | peak memory (MB) | ratio |",
             "|---|---|---:|---:|---:|---|"]
    own = runs["the city's own warm report"]
    levels = runs["sum of the levels' warm reports"]
    for name, run in runs.items():
        ratio = ""
        if name == "roll-up warm":
            times = run.seconds / own.seconds
            ratio = (f"{times:.2f}× the city's own warm report (target ≤ {target:g}: "
                     f"{'met' if times <= target else 'not met'}); "
                     f"{run.seconds / levels.seconds:.2f}× the sum of the levels' warm reports")
        elif name == "roll-up cold":
            ratio = f"{run.seconds / levels.seconds:.2f}× the sum of the levels' warm reports"
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


def table(results: dict[int, dict[str, Run]], shipped: dict[str, Run], records: dict[str, dict[str, Run]],
          real: dict[str, Run] | None, real_size: int) -> str:
    lines = ["| entries | measurement | best time (s) | runs | peak memory (MB) | ratio |",
             "|---:|---|---:|---:|---:|---|"]
    smallest = next(iter(results.values()), {}).get("warm report")
    for size, runs in results.items():
        yaml_s = runs.get("bare CSafeLoader")
        floor = runs["json.loads floor"]
        for name, run in runs.items():
            ratio = ""
            if name == EVERY_PROCESS:
                most = f"up to {run.runs} processes at once" if run.runs > 1 else "1 process"
                lines.append(f"| {size:,} | {name} | | | {run.peak_mb:.0f} | {most}, sampled every 20 ms in a run "
                             "of its own |")
                continue
            if name == "cold report" and yaml_s:
                ratio = f"{run.seconds / yaml_s.seconds:.2f}× bare CSafeLoader; "
            if name in ("cold report", "cold report in one process", "warm report", "report after one record"):
                ratio += f"{run.seconds / floor.seconds:.2f}× json.loads floor"
            if name.endswith(f"as of {EARLIER}") or name.startswith(f"first report as of {EARLIER}"):
                ratio = f"{run.seconds / runs['warm report'].seconds:.2f}× the warm report as of {AS_OF}"
            if name == "warm report" and smallest is not None:
                ratio += f"; {run.seconds / smallest.seconds:.2f}× the warm report at {min(results):,}"
            lines.append(f"| {size:,} | {name} | {run.seconds:.2f} | {run.runs} | {run.peak_mb:.0f} | {ratio} |")
    base = records.get("100 entries")
    plain = records.get("50,000 entries")
    for name, runs in records.items():
        for what, run in runs.items():
            ratio = ""
            if base is not None:
                ratio = f"{run.seconds / base[what].seconds:.2f}× into 100 entries"
            if "hand-written" in name and plain is not None:
                ratio += f"; {run.seconds / plain[what].seconds:.2f}× the all-one-line file"
            lines.append(f"| one file of {name} | {what} | {run.seconds:.3f} | {run.runs} | {run.peak_mb:.0f} | "
                         f"{ratio} |")
    shipped_json = shipped.get("`tracker report --format json`")
    for name, run in (real or {}).items():
        ratio = f"{run.seconds / shipped_json.seconds:.2f}× the shipped-data report (json)" if shipped_json else ""
        lines.append(f"| real units, {real_size:,} | {name} | {run.seconds:.2f} | {run.runs} | {run.peak_mb:.0f} | "
                     f"{ratio} |")
    for name, run in shipped.items():
        lines.append(f"| shipped data | {name}, start-up included | {run.seconds:.3f} | {run.runs} | "
                     f"{run.peak_mb:.0f} | |")
    return "\n".join(lines) + "\n"


def targets(results: dict[int, dict[str, Run]]) -> str:
    """Every target of the speed work as a ratio of two figures of this run, with whether it holds."""
    if not results:
        return ""
    small, large = min(results), max(results)
    lines = ["| target | measured | holds |", "|---|---|---|"]

    def row(what: str, top: Run, bottom: Run, most: float, names: str) -> None:
        ratio = top.seconds / bottom.seconds
        lines.append(f"| {what} ≤ {most} | {ratio:.2f}× ({top.seconds:.2f} s against {bottom.seconds:.2f} s: "
                     f"{names}) | {'yes' if ratio <= most else 'no'} |")

    warm = "warm report"
    if large != small:
        row(f"warm at {large:,} ÷ warm at {small:,} (the same pairs)", results[large][warm], results[small][warm],
            1.15, "warm reports")
    row(f"as of {EARLIER} ÷ as of {AS_OF}, warm, at {large:,}", results[large][WARM_EARLIER], results[large][warm],
        1.3, "warm reports")
    for size, runs in results.items():
        row(f"default workers ÷ one process, cold, at {size:,}", runs["cold report"],
            runs["cold report in one process"], 1.05, "cold reports")
    row(f"cold at {large:,} ÷ json.loads of every entry", results[large]["cold report"],
        results[large]["json.loads floor"], 3, "cold report, json.loads floor")
    peak = max(run.peak_mb for run in results[large].values())
    lines.append(f"| peak memory at {large:,} ≤ 100 MB | {peak:.0f} MB (the highest of every measurement at this "
                 f"size, the cold report's processes together included) | {'yes' if peak <= 100 else 'no'} |")
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
    parser.add_argument("--real", type=int, default=100_000, help="entries for the real units' folder (0: skip)")
    parser.add_argument("--only-record", action="store_true", help="only the record latencies and the real units")
    parser.add_argument("--skip-record", action="store_true", help="skip the record latencies")
    parser.add_argument("--candidates", type=int, default=0,
                        help="only compare the derived-store candidates, at this many entries")
    args = parser.parse_args()
    sizes = [] if args.only_record else [int(s) for s in args.sizes.split(",") if s]
    results: dict[int, dict[str, Run]] = {}
    compile_tracker()
    if args.candidates:
        with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
            runs = bench_candidates(Path(tmp), args.candidates, args.units, args.repeat)
        print("| entries | candidate | best time (s) | runs | peak memory (MB) |\n|---:|---|---:|---:|---:|")
        for name, run in runs.items():
            print(f"| {args.candidates:,} | {name} | {run.seconds:.3f} | {run.runs} | {run.peak_mb:.0f} |")
        return
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        for size in sizes:
            print(f"size {size:,}", file=sys.stderr)
            results[size] = bench(size, args.units, Path(tmp), args.skip_yaml, args.repeat)
        if not args.skip_record:
            print("record latency", file=sys.stderr)
        records = {} if args.skip_record else bench_record(Path(tmp), args.repeat)
        real = bench_real(Path(tmp), args.real, args.repeat) if args.real else None
        rolled = bench_levels(args.levels, args.level_size, args.units, Path(tmp), args.repeat) if args.levels \
            else None
    out = table(results, shipped_report(), records, real, args.real)
    if results:
        out += "\nTargets, each a ratio of two figures above:\n\n" + targets(results)
    if rolled is not None:
        out += "\n" + levels_table(args.levels, args.level_size, rolled)
    print(out)
    if args.record:
        levels = f" --levels {args.levels} --level-size {args.level_size}" if args.levels else ""
        command = f"python benchmarks/bench_report.py --sizes {args.sizes}{levels} --repeat {args.repeat}"
        args.record.write_text(recorded("Benchmark figures", command, args.repeat) + out, encoding="utf-8")


def recorded(title: str, command: str, repeat: int) -> str:
    """The heading of a recorded run: when, by which command, on what, and how each figure was taken."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (f"# {title}\n\nRecorded {stamp} by `{command}` on {os.cpu_count()} cores, Python "
            f"{sys.version.split()[0]}. Every figure comes from this one run of the script. Each measurement is a "
            f"fresh process, run in turn with the others of its size for up to {repeat} rounds (fewer once its "
            f"runs took {BUDGET:.0f} s); its time is the fastest of its runs, its memory the highest.\n\n")


if __name__ == "__main__":
    main()
