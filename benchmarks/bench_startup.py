"""Benchmark: start-up, the time a clerk waits for a short command, against `python -c pass`, from one run.

Times, each in a fresh process at a terminal of 120 columns (a pseudo-terminal, so that the commands lay out
and colour what they print as a person sees it), the fastest of --repeat rounds in which every measurement
runs in turn:

- python -c pass: the interpreter alone, the floor every ratio is taken against;
- import typer: the command-line library alone (with its own click), which every command pays;
- tracker --help, in Chinese and in English (``--lang en``);
- tracker report on the shipped data (examples/2025, as of 2025-09-30, the table), in Chinese and in English;
- tracker record into a fresh folder (the shipped task list and units, no progress yet, no cache: a new
  folder and a new cache directory for every run).

The tracker's own files are byte-compiled first, as `pip install` leaves an installed package (this
environment sets PYTHONDONTWRITEBYTECODE, so an editable install would otherwise compile its sources again in
every run). Figures are printed (and, with --record, written to a Markdown file), never asserted.

Usage:
    python benchmarks/bench_startup.py
    python benchmarks/bench_startup.py --repeat 30 --record benchmarks/RESULTS-startup.md
"""

from __future__ import annotations

import argparse
import fcntl
import os
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

from bench_report import REPO, TRACKER, compile_tracker, recorded

EXAMPLE = REPO / "examples" / "2025"
TARGETS = {"tracker --help": 4.0, "tracker report": 7.0, "tracker record": 7.0}


def at_terminal(args: list[str], env: dict[str, str] | None = None) -> float:
    """Run ``args`` with stdout on a pseudo-terminal of 120 columns, reading all it prints; its wall time."""
    main, side = os.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=side, stderr=subprocess.PIPE, env=env)
    os.close(side)
    while True:
        try:
            if not os.read(main, 65536):
                break
        except OSError:  # the terminal's last reader is gone
            break
    err = proc.stderr.read() if proc.stderr else b""
    code = proc.wait()
    seconds = time.perf_counter() - start
    os.close(main)
    if code != 0:
        raise SystemExit(f"{' '.join(args)} failed ({code}):\n{err.decode('utf-8', 'replace')[-2000:]}")
    return seconds


class Fresh:
    """A new tracking folder for every run of ``tracker record``: the shipped task list and units, an empty
    progress/, and a cache directory of its own (XDG_CACHE_HOME), so that nothing is left from a run before."""

    def __init__(self, workdir: Path) -> None:
        self.workdir, self.n = workdir, 0

    def __call__(self) -> tuple[list[str], dict[str, str]]:
        self.n += 1
        folder = self.workdir / f"folder-{self.n}"
        (folder / "progress").mkdir(parents=True)
        for name in ("tasks.yaml", "units.yaml"):
            shutil.copy(EXAMPLE / name, folder / name)
        env = {**os.environ, "XDG_CACHE_HOME": str(self.workdir / f"cache-{self.n}")}
        return [*TRACKER, "--root", str(folder), "record", "15", "--unit", "emergency", "--status", "in-progress",
                "--percent", "50", "--date", "2025-09-30", "--note", "开展专项检查", "--by", "张三"], env


def measurements(workdir: Path) -> dict[str, Callable[[], tuple[list[str], dict[str, str] | None]]]:
    report = [*TRACKER, "--root", str(EXAMPLE), "report", "--as-of", "2025-09-30"]

    def fixed(args: list[str]) -> Callable[[], tuple[list[str], None]]:
        return lambda: (args, None)

    return {
        "python -c pass": fixed([sys.executable, "-c", "pass"]),
        "python -c 'import typer'": fixed([sys.executable, "-c", "import typer"]),
        "tracker --help": fixed([*TRACKER, "--help"]),
        "tracker --help --lang en": fixed([*TRACKER, "--help", "--lang", "en"]),
        "tracker report": fixed(report),
        "tracker report --lang en": fixed([*report, "--lang", "en"]),
        "tracker record": Fresh(workdir),
    }


def bench(repeat: int) -> dict[str, list[float]]:
    """Every measurement in turn, ``repeat`` rounds: the machine's drift and its neighbours' load fall on all
    of them alike, which is what makes their ratios fair."""
    with tempfile.TemporaryDirectory(prefix="tracker-bench-startup-") as tmp:
        steps = measurements(Path(tmp))
        at_terminal(steps["tracker report"]()[0])  # the shipped data's cache, as an office's second report finds it
        times: dict[str, list[float]] = {name: [] for name in steps}
        for _ in range(repeat):
            for name, step in steps.items():
                args, env = step()
                times[name].append(at_terminal(args, env))
    return times


def table(times: dict[str, list[float]]) -> str:
    """Each measurement's best and median; the ratios divide bests (a run of a few tens of milliseconds is
    slowed by whatever else the machine does at that moment, so its median says more about the neighbours than
    about the command): to `python -c pass`, against the target, and to `import typer`, the floor every
    command pays before it does anything of its own."""
    floor, typer = min(times["python -c pass"]), min(times["python -c 'import typer'"])
    lines = ["| measurement | best (ms) | median (ms) | best ÷ pass | target | best ÷ import typer |",
             "|---|---:|---:|---:|---|---:|"]
    for name, runs in times.items():
        best, median = min(runs), statistics.median(runs)
        target = next((t for k, t in TARGETS.items() if name == k or name.startswith(k + " --lang")), None)
        verdict = "" if target is None else f"≤ {target:g}×: {'met' if best / floor <= target else 'not met'}"
        lines.append(f"| {name} | {best * 1e3:.1f} | {median * 1e3:.1f} | {best / floor:.2f}× | {verdict} | "
                     f"{best / typer:.2f}× |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20,
                        help="rounds of runs; the best and the median are shown, the ratios are of the bests")
    parser.add_argument("--record", type=Path, help="also write the table to this Markdown file")
    args = parser.parse_args()
    compile_tracker()
    out = table(bench(args.repeat))
    print(out)
    if args.record:
        command = f"python benchmarks/bench_startup.py --repeat {args.repeat}"
        head = recorded("Start-up benchmark figures", command, args.repeat).split("Each measurement")[0]
        head += (f"Each measurement is a fresh process at a terminal of 120 columns, run in turn with the others for "
                 f"{args.repeat} rounds; the ratios divide the best of its runs by the best of `python -c pass` "
                 f"(and of `import typer`); the tracker's files byte-compiled beforehand.\n\n")
        args.record.write_text(head + out, encoding="utf-8")


if __name__ == "__main__":
    main()
