"""One set of figures: every output format of a report, and the bulletin and reminders, give the same counts,
for the hand-worked folder and for generated folders."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.compute.test_report import MINI
from tests.conftest import SHIPPED
from tracker.cli.app import app
from tracker.folder.pipeline import load_checked
from tracker.folder.root import Root
from tracker.load.progress import header, record_line

runner = CliRunner()


def generate(folder: Path, seed: int) -> None:
    """A tracking folder on the shipped list with random but valid progress for Q1–Q3 2025: entries rising
    to done, verifications and rejections, milestones, values for targets, silent pairs."""
    rng = random.Random(seed)
    for name in ("tasks.yaml", "units.yaml"):
        shutil.copy(SHIPPED / name, folder / name)
    (folder / "progress").mkdir()
    checked = load_checked(Root(folder), dt.date(2025, 10, 1), with_progress=False, use_cache=False)
    cat = checked.catalog
    assert cat is not None
    for uid in cat.units:
        items = [i for i in cat.items.values() if uid in cat.reporters(i)]
        if not items:
            continue
        lines = []
        n = 0
        for item in items:
            if rng.random() < 0.3:
                continue  # never reported
            percent = 0
            day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 60))
            task: Any = item.number if item.number is not None else item.id
            if rng.random() < 0.2:
                n += 1
                lines.append(record_line({"id": f"m{n}", "type": "milestone", "date": day.isoformat(), "task": task,
                                          "due": (day + dt.timedelta(days=rng.randrange(30, 200))).isoformat(),
                                          "milestone": "阶段目标", "percent": rng.choice([30, 50, 80])}))
            while day < dt.date(2025, 9, 30):
                percent = min(100, percent + rng.randrange(0, 40))
                status = "done" if percent == 100 else "in-progress"
                n += 1
                rec: dict[str, Any] = {"id": f"e{n}", "type": "progress", "date": day.isoformat(), "task": task,
                                       "status": status, "percent": percent}
                if item.target is not None:
                    rec["value"] = round(rng.uniform(90, 100), 1)
                lines.append(record_line(rec))
                if status == "done":
                    verdict = rng.choice(["verify", "reject", None])
                    if verdict is not None:
                        n += 1
                        review = {"id": f"r{n}", "type": verdict, "date": day.isoformat(), "task": task,
                                  "note": "核查"}
                        lines.append(record_line(review))
                    break
                day += dt.timedelta(days=rng.randrange(20, 100))
        (folder / "progress" / f"{uid}.yaml").write_text(header(uid, uid) + "".join(lines), encoding="utf-8")


@pytest.fixture(params=["mini", 1, 2])
def folder(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    if request.param == "mini":
        shutil.copytree(MINI, tmp_path / "f", ignore=shutil.ignore_patterns(".tracker-cache"))
        return tmp_path / "f", "2025-10-15"
    generate(tmp_path, request.param)
    return tmp_path, "2025-09-30"


def run(folder: Path, *args: str) -> bytes:
    result = runner.invoke(app, ["--root", str(folder), *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_every_format_gives_the_same_figures(folder: tuple[Path, str], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    root, day = folder
    data = json.loads(run(root, "report", "--as-of", day, "-f", "json"))
    overall = data["overall"]
    # the headline, word for word, in every format that shows it
    md = run(root, "report", "--as-of", day, "-f", "md").decode("utf-8")
    headline = md.split("\n")[2]
    assert f"{overall['expected']}个应报事项中已完成{overall['done']}个" in headline
    assert f"逾期{overall['overdue']}个，漏报{overall['missed_periods']}期" in headline
    assert f"红色预警{overall['red']}个、黄色预警{overall['yellow']}个、蓝色预警{overall['blue']}个" in headline
    assert headline in run(root, "report", "--as-of", day).decode("utf-8")
    assert headline in run(root, "report", "--as-of", day, "-f", "html").decode("utf-8")
    run(root, "report", "--as-of", day, "-o", str(tmp_path / "r.xlsx"))
    book = load_workbook(tmp_path / "r.xlsx")
    assert headline in [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row]

    # the by-unit rows: JSON, CSV, xlsx and Markdown agree on every count
    keys = ("expected", "done", "verified", "overdue", "red", "yellow", "blue")
    from_json = [[u["rank"], u["label"], *(u[k] for k in keys)] for u in data["by_unit"]]
    assert sum(u["red"] for u in data["by_unit"]) == overall["red"]
    assert sum(u["yellow"] for u in data["by_unit"]) == overall["yellow"]
    text = run(root, "report", "--as-of", day, "-f", "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    # columns: rank, unit, expected, done, rate, verified, verified rate, average, overdue, red, yellow, blue
    picked = [[int(r[0]), r[1], *(int(r[i]) for i in (2, 3, 5, 8, 9, 10, 11))] for r in rows[1:]]
    assert picked == from_json
    sheet = next(ws for ws in book.worksheets if ws.title == "按单位")
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    start = next(n for n, r in enumerate(values) if r[0] == "排名") + 1
    table = itertools.takewhile(lambda r: r[0] is not None, values[start:])  # the legend follows a blank row
    from_xlsx = [[r[0], r[1], r[2], r[3], r[5], r[8], r[9], r[10], r[11]] for r in table]
    assert from_xlsx == from_json

    # the bulletin and the reminders: counts from the same rows
    out = tmp_path / "n"
    runner.invoke(app, ["--root", str(root), "remind", "--as-of", day, "-o", str(out)])
    bulletin = (out / "通报.md").read_text(encoding="utf-8")
    assert headline in bulletin
    from docx import Document

    word = Document(io.BytesIO((out / "通报.docx").read_bytes()))
    assert headline in [p.text for p in word.paragraphs]
    ranking = word.tables[0]  # attachment 1: the same rows as the report's by-unit view
    assert [[c.text for c in r.cells][:4] for r in ranking.rows[1:]] == \
        [[str(u["rank"]), u["label"], str(u["expected"]), str(u["done"])] for u in data["by_unit"]]
    red = re.search(r"等(\d+)个单位有红色预警事项（逾期、漏报或时间节点逾期），共(\d+)项", bulletin)
    yellow = re.search(r"等(\d+)个单位有黄色预警事项（滞后于序时进度或长期未报送），共(\d+)项", bulletin)
    assert (int(red.group(2)) if red else 0) == overall["red"]
    assert (int(red.group(1)) if red else 0) == sum(1 for u in data["by_unit"] if u["red"])
    assert (int(yellow.group(2)) if yellow else 0) == overall["yellow"]
    by_id = {u["id"]: u for u in data["by_unit"]}
    for path in out.glob("提醒-*.md"):
        uid = path.stem.split("-", 1)[1].rsplit("-", 1)[0]
        body = path.read_text(encoding="utf-8")
        if uid in by_id:
            u = by_id[uid]
            assert f"重点工作任务{u['expected']}项，已完成{u['done']}项，完成率{u['rate']:.1f}%" in body
        else:  # a unit that carries only goals
            assert "你单位承担目标" in body and "重点工作任务0项" not in body
