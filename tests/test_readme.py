"""The README is executed: every example it marks as run (an HTML comment ``<!-- run: in=DIR setup=NAME -->``
before a fenced block of ``$ command`` lines and their output) is run as written, in a shell, in a fresh copy
of the example folder, and its output compared with the README's, so no statement of it can drift from the
tool. ``TRACKER_UPDATE_README=1 pytest tests/test_readme.py`` writes the output the tool gives back into the
README instead (review the diff), the way sqlite-utils keeps its documentation true."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, SHIPPED
from tracker.cli.app import app

README = REPO / "README.md"
BLOCK = re.compile(r"<!-- run:(?P<params>[^>]*)-->\n```(?P<lang>\w*)\n(?P<body>.*?)```", re.S)
WHEN = "2025-09-30T18:00:00+08:00"
OFFICE = ("办公室", "office@example.org")
ZHANG = ("张三", "zhangsan@example.org")
WANG = ("王五", "wangwu@example.org")
runner = CliRunner()


class Example(NamedTuple):
    """One marked block: where it runs, how it is set up, its commands each with the output the README shows."""

    start: int
    end: int
    cwd: str
    setup: str
    steps: list[tuple[str, str]]


def examples(text: str) -> list[Example]:
    out = []
    for m in BLOCK.finditer(text):
        params = dict(p.split("=", 1) for p in m.group("params").split())
        steps: list[tuple[str, str]] = []
        for line in m.group("body").splitlines(keepends=True):
            if line.startswith("$ "):
                steps.append((line[2:].rstrip("\n"), ""))
            elif steps:
                steps[-1] = (steps[-1][0], steps[-1][1] + line)
        out.append(Example(m.start("body"), m.end("body"), params.get("in", "."), params.get("setup", ""), steps))
    return out


def environment(home: Path, who: tuple[str, str] = OFFICE) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "TRACKER_", "COLUMNS", "FORCE_COLOR", "NO_COLOR"))}
    env.update({"PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}", "HOME": str(home),
                "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": who[0], "GIT_AUTHOR_EMAIL": who[1],
                "GIT_COMMITTER_NAME": who[0], "GIT_COMMITTER_EMAIL": who[1], "GIT_AUTHOR_DATE": WHEN,
                "GIT_COMMITTER_DATE": WHEN, "LC_ALL": "C.UTF-8"})
    return env


def git(cwd: Path, *args: str, who: tuple[str, str] = OFFICE) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=environment(cwd.parent, who), check=True, capture_output=True)


def commit(cwd: Path, message: str, who: tuple[str, str] = OFFICE) -> None:
    git(cwd, "add", "-A", who=who)
    git(cwd, "commit", "-qm", message, who=who)


def entry(folder: Path, unit: str, rid: str, task: str, date: str, status: str, percent: int, note: str = "",
          by: str = "填报员", **more: object) -> None:
    """One progress entry with a fixed id, written as ``tracker record`` writes it (its ids are random, and the
    commits that hold them must come out the same every run)."""
    from tracker.load.progress import header, record_line

    path = folder / "progress" / f"{unit}.yaml"
    text = path.read_text(encoding="utf-8") if path.exists() else header(unit, unit)
    path.write_text(text + record_line({"id": rid, "type": "progress", "date": date, "task": task, "status": status,
                                        "percent": percent, **more, "note": note, "by": by}), encoding="utf-8")


def tracker(folder: Path, *args: str) -> None:
    result = runner.invoke(app, ["--root", str(folder), *args])
    assert result.exit_code == 0, result.output


def fresh(folder: Path, maintainers: bool = False) -> Path:
    """A tracking folder on the published list with no progress yet, in its own git repository."""
    folder.mkdir(parents=True)
    for name in ("tasks.yaml", "units.yaml"):
        shutil.copy(SHIPPED / name, folder / name)
    (folder / "progress").mkdir()
    (folder / "progress" / ".gitkeep").write_text("", encoding="utf-8")
    if maintainers:
        units = (folder / "units.yaml").read_text(encoding="utf-8")
        for short, who in (("市安防办", OFFICE), ("市应急局", ZHANG)):
            line = f"    short: {short}\n"
            units = units.replace(line, f"{line}    maintainers: [{who[0]} <{who[1]}>]\n")
        (folder / "units.yaml").write_text(units, encoding="utf-8")
    git(folder, "init", "-q", "-b", "main")
    commit(folder, "清单")
    return folder


def setup_returns(root: Path) -> None:
    """市应急局's filled returns in 回执/: four rows, 17 done at 90 and 38 blocked without a reason; then the
    same return corrected."""
    from openpyxl import load_workbook

    from tracker.load.form import COLUMNS, HEADER_ROW

    folder = root / "examples" / "2025"
    (folder / "回执").mkdir()
    blank = folder / "回执" / "空白.xlsx"
    tracker(folder, "template", "--unit", "市应急局", "--as-of", "2025-09-30", "-o", str(blank))
    rows = {"15": {"status": "推进中", "percent": 75, "note": "三季度带队检查3次", "date": "2025-09-26"},
            "G2": {"status": "推进中", "percent": 70, "value": 96.5, "note": "查处率96.5%", "date": "2025-09-26"},
            "17": {"status": "已完成", "percent": 90, "date": "2025-09-28"},
            "38": {"status": "受阻", "percent": 20, "date": "2025-09-20"}}
    for name, fixed in (("填报表-市应急局.xlsx", False), ("填报表-市应急局（更正）.xlsx", True)):
        wb = load_workbook(blank)
        ws = wb.worksheets[0]
        where = {str(ws.cell(r, 1).value): r for r in range(HEADER_ROW + 1, ws.max_row + 1)}
        for task, cells in rows.items():
            values = dict(cells)
            if fixed and task == "17":
                values["percent"] = 100
            if fixed and task == "38":
                values["note"] = "演练场地未落实，已协调10月初完成"
            for key, value in values.items():
                ws.cell(where[task], COLUMNS.index(key) + 1).value = value
        wb.save(folder / "回执" / name)
    blank.unlink()


def setup_broken(root: Path) -> None:
    """Three errors typed by hand into 市应急局's file: a tab, a date not in ISO form, done at 90%."""
    path = root / "examples" / "2025" / "progress" / "emergency.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = "\t" + lines[5]
    lines[8] = re.sub(r'"date": "[^"]*"', '"date": "2025-9-30"', lines[8], count=1)
    lines[8] = re.sub(r'"status": "[^"]*", "percent": \d+', '"status": "done", "percent": 90', lines[8], count=1)
    path.write_text("".join(lines), encoding="utf-8")


def setup_review(root: Path) -> None:
    """A repository whose main branch holds 张三's second-quarter entry; on branch review 张三 recorded the third
    quarter and 王五 then changed the old entry's percent."""
    repo = fresh(root / "office", maintainers=True)
    entry(repo, "emergency", "e1", "15", "2025-06-28", "in-progress", 50, "二季度带队检查3次", "张三")
    commit(repo, "二季度", ZHANG)
    git(repo, "checkout", "-qb", "review")
    entry(repo, "emergency", "e2", "15", "2025-09-26", "in-progress", 75, "三季度带队检查3次", "张三")
    entry(repo, "emergency", "e3", "G2", "2025-09-26", "in-progress", 70, "查处率96.5%", "张三", value=96.5)
    commit(repo, "三季度", ZHANG)
    path = repo / "progress" / "emergency.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"percent": 50', '"percent": 60', 1), encoding="utf-8")
    commit(repo, "改", WANG)


def setup_levels(root: Path) -> None:
    """The city's folder with its levels.yaml, and two districts beside it: 鄂城区 recorded tasks 15 and 17,
    华容区 finished 15; 鄂城区's branch 十月 finishes 15, for the README to merge when the story says so."""
    city = fresh(root / "city")
    (city / "levels.yaml").write_text("levels:\n  - name: 鄂城区\n    source: ../echeng\n  - name: 华容区\n"
                                      "    source: ../huarong\n    ref: main\n", encoding="utf-8")
    echeng = fresh(root / "echeng")
    entry(echeng, "emergency", "e1", "15", "2025-09-20", "in-progress", 60, "三季度带队检查2次", "鄂城区填报员")
    entry(echeng, "emergency", "e2", "17", "2025-09-21", "blocked", 20, "演练场地未落实", "鄂城区填报员")
    commit(echeng, "三季度")
    git(echeng, "checkout", "-qb", "十月")
    entry(echeng, "emergency", "e3", "15", "2025-09-29", "done", 100, "全年检查已完成", "鄂城区填报员")
    commit(echeng, "完成15")
    git(echeng, "checkout", "-q", "main")
    huarong = fresh(root / "huarong")
    entry(huarong, "emergency", "e1", "15", "2025-09-25", "done", 100, "全年检查已完成", "华容区填报员")
    commit(huarong, "三季度")


def setup_list(root: Path) -> None:
    """The fictional 2026 list as a Word table, in a folder of its own (work/)."""
    (root / "work").mkdir()
    shutil.copy(REPO / "examples" / "2026-list" / "示例-2026年重点工作清单.docx", root / "work")


def setup_notice(root: Path) -> None:
    """The 2025 notice's text beside the 2025 folder."""
    shutil.copy(REPO / "docs" / "source" / "2025-07-23-reminder.txt", root / "examples")


def setup_next_year(root: Path) -> None:
    """The 2026 folder made from the fictional list, beside a copy of the 2025 example (work/2025)."""
    setup_list(root)
    shutil.copytree(root / "examples" / "2025", root / "work" / "2025")
    made = "tracker init 2026 --from 示例-2026年重点工作清单.docx --campaign-end 2026-12-31"
    done = subprocess.run(["bash", "-c", made], cwd=root / "work", env=environment(root), capture_output=True)
    assert done.returncode == 0, done.stdout + done.stderr


SETUPS: dict[str, Callable[[Path], None]] = {"returns": setup_returns, "broken": setup_broken,
                                             "review": setup_review, "levels": setup_levels, "list": setup_list,
                                             "notice": setup_notice, "next-year": setup_next_year}


def run_example(example: Example, root: Path) -> list[tuple[str, str]]:
    """Each command of ``example`` run in a shell, in order, in a fresh sandbox: what it printed (stdout, then
    stderr, as a terminal shows them interleaved)."""
    shutil.copytree(REPO / "examples" / "2025", root / "examples" / "2025",
                    ignore=shutil.ignore_patterns(".tracker-cache"))
    if example.setup:
        SETUPS[example.setup](root)
    cwd = root / example.cwd
    out = []
    for command, _ in example.steps:
        done = subprocess.run(["bash", "-c", command], cwd=cwd, env=environment(root), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=300)
        out.append((command, done.stdout.decode("utf-8").replace("\r\n", "\n")))  # CSV's lines end in CRLF
    return out


def test_the_readme_marks_its_examples_to_run() -> None:
    found = examples(README.read_text(encoding="utf-8"))
    assert len(found) >= 6 and all(e.steps for e in found)
    assert {e.setup for e in found} >= set(SETUPS)


@pytest.mark.parametrize("n", range(len(examples(README.read_text(encoding="utf-8")))))
def test_every_example_of_the_readme_gives_the_output_it_shows(n: int, tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    example = examples(text)[n]
    actual = run_example(example, tmp_path)
    body = "".join(f"$ {command}\n{output}" for command, output in actual)
    if os.environ.get("TRACKER_UPDATE_README"):
        README.write_text(text[:example.start] + body + text[example.end:], encoding="utf-8")
        return
    for (command, shown), (_, got) in zip(example.steps, actual, strict=True):
        assert got == shown, f"README: `{command}` prints\n{got}"


def test_the_rounding_rule_s_examples_are_what_the_tool_shows() -> None:
    """Rule 3 works its rounding out by hand: each "N of M … shows X%" or "N/M = …% shows X%" it gives is what
    every figure of the report shows."""
    from tracker.compute.report import percent

    text = README.read_text(encoding="utf-8")
    rule = text[text.index("3. **Completion rate**"):text.index("4. **Claimed and verified.**")]
    worked = re.findall(r"([\d,]+)(?: of |/)([\d,]+)[^%]*?%[^0-9]*?show[sn] \**([\d.]+)%", rule)
    assert len(worked) >= 4, worked
    for part, whole, shown in worked:
        assert percent(int(part.replace(",", "")), int(whole.replace(",", ""))) == float(shown), (part, whole)
    assert "3 of 56 done is 5.357…%, shown **5.4%**" in rule
