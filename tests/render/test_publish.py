"""One set of figures: every output a person or a program reads — the terminal at 80 and 120 columns (through a
pseudo-terminal), Markdown, CSV, JSON, HTML, the workbook, ``tracker overdue``, ``tracker status``, the
reminders and the bulletin — gives every count of every kind (逾期未完成, 漏报, 节点滞后, 逾期完成 and the three
warnings), per unit, for task items and goal items apart, equal to the others and to the rows it lists. For the
hand-worked folder, the example folder and generated folders, at several dates."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import itertools
import json
import random
import re
import shutil
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from wcwidth import wcswidth

from tests.compute.test_report import MINI
from tests.conftest import REPO, SHIPPED
from tests.terminal_session import in_terminal
from tracker.cli.app import app
from tracker.compute.report import percent
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


CASES = [("mini", "2025-10-15"), ("example", "2025-03-31"), ("example", "2025-09-30"), ("example", "2026-01-15"),
         (1, "2025-06-30"), (2, "2025-09-30"), ("next-year", "2026-03-01")]
GROUPS = {"task": "重点工作任务", "goal": "目标", "carried": "上年结转事项"}
KIND_WORDS = {"overdue": "逾期未完成", "missed_periods": "漏报", "late_milestones": "节点滞后", "done_late": "逾期完成",
              "red": "红色预警", "yellow": "黄色预警", "blue": "蓝色预警"}
KINDS = ("overdue", "missed_periods", "late_milestones", "done_late")
LEVELS = ("red", "yellow", "blue")
COLUMN = {"overdue": "逾期未完成", "missed_periods": "漏报", "late_milestones": "节点滞后", "done_late": "逾期完成",
          "red": "红色", "yellow": "黄色", "blue": "蓝色"}
SENTENCE = (r"{what}应报(\d+)项，已完成(\d+)项，完成率([\d.]+)%（已销号(\d+)项，销号率([\d.]+)%），平均进度([\d.]+)%；"
            r"逾期未完成(\d+)项，漏报(\d+)期，节点滞后(\d+)个，逾期完成(\d+)项；红色预警(\d+)项、黄色预警(\d+)项、蓝色预警(\d+)项。")


@pytest.fixture(params=CASES, ids=[f"{f}@{d}" for f, d in CASES])
def folder(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    which, day = request.param
    if which == "next-year":  # the 2026 folder with the example's unfinished 2025 pairs carried over
        from tests.test_readme import setup_next_year

        (tmp_path / "examples").mkdir()
        shutil.copytree(REPO / "examples" / "2025", tmp_path / "examples" / "2025",
                        ignore=shutil.ignore_patterns(".tracker-cache"))
        setup_next_year(tmp_path)
        run(tmp_path / "work" / "2026", "carry-over", "--from", str(tmp_path / "work" / "2025"))
        return tmp_path / "work" / "2026", day
    if which in ("mini", "example"):
        source = MINI if which == "mini" else REPO / "examples" / "2025"
        shutil.copytree(source, tmp_path / "f", ignore=shutil.ignore_patterns(".tracker-cache"))
        return tmp_path / "f", day
    generate(tmp_path, which)
    return tmp_path, day


def run(folder: Path, *args: str) -> bytes:
    result = runner.invoke(app, ["--root", str(folder), *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def headline(text: str) -> dict[str, tuple[float, ...]]:
    """The figures of the headline's sentences, the tasks', the goals' and the carried items', wherever it
    stands."""
    flat = text.replace("\n", "")
    out = {}
    for what, word in GROUPS.items():
        found = re.search(SENTENCE.format(what=word), flat)
        if found:
            out[what] = tuple(float(g) for g in found.groups())
    return out


def from_tally(t: dict[str, Any]) -> tuple[float, ...]:
    return (t["expected"], t["done"], t["rate"], t["verified"], t["verified_rate"], t["average_percent"],
            *(t[k] for k in KINDS), *(t[k] for k in LEVELS))


def test_every_output_counts_every_kind_alike(folder: tuple[Path, str], tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    root, day = folder
    data = json.loads(run(root, "report", "--as-of", day, "-f", "json"))
    overall, goals = data["overall"], data["goals_overall"]
    tallies = {"task": overall, "goal": goals, **({"carried": data["carried_overall"]} if "carried_overall" in data
                                                  else {})}
    expect = {g: from_tally(t) for g, t in tallies.items() if t["expected"]}
    carried = "carried" in tallies

    def group_of(item: str) -> str:
        return "goal" if item.startswith("G") else "carried" if "#" in item else "task"

    # JSON: each count is the number of findings of its kind, and of pairs at each warning level
    findings = data["findings"]
    for group, tally in tallies.items():
        pairs = [p for p in data["pairs"] if group_of(p["item"]) == group]
        rows = data[{"task": "by_unit", "goal": "goals_by_unit"}[group]] if group != "carried" else []
        for kind in KINDS:
            assert tally[kind] == sum(f["kind"] == kind and f["item_kind"] == group for f in findings), (group, kind)
            for row in rows:
                assert row[kind] == sum(f["kind"] == kind and f["item_kind"] == group and f["unit"] == row["id"]
                                        for f in findings), (row["id"], kind)
        for level in LEVELS:
            assert tally[level] == sum(p["level"] == level for p in pairs)
            assert not rows or tally[level] == sum(row[level] for row in rows)
        assert tally["expected"] == len(pairs) and (not rows or tally["expected"] == sum(r["expected"] for r in rows))
    for row in (*data["by_unit"], *data["goals_by_unit"]):  # every rate recomputable from the counts beside it
        assert row["rate"] == percent(row["done"], row["expected"])
        assert row["average_percent"] == percent(Fraction(str(row["percent_sum"])) / 100, row["expected"])
    reporters = {p["unit"] for p in data["pairs"] if group_of(p["item"]) != "carried"}
    assert reporters == {r["id"] for r in (*data["by_unit"], *data["goals_by_unit"])}  # nobody left out

    # the headline, in Markdown, at a terminal of 80 and 120 columns, in the page and the workbook
    md = run(root, "report", "--as-of", day, "-f", "md").decode("utf-8")
    assert headline(md) == expect
    for width in (80, 120):
        screen = in_terminal(["--root", str(root), "report", "--as-of", day], width)
        assert headline(screen) == expect, width
        assert max(wcswidth(line) for line in screen.splitlines()) <= width
        for row in data["by_unit"]:  # each unit's rank, name and rate on one line
            assert any(re.match(rf"\s*{row['rank']}\s+{re.escape(row['label'])}\s", line)
                       and f"{row['rate']:.1f}%" in line for line in screen.splitlines()), (width, row["label"])
    page = run(root, "report", "--as-of", day, "-f", "html").decode("utf-8")
    assert headline(html.unescape(page)) == expect
    run(root, "report", "--as-of", day, "-o", str(tmp_path / "r.xlsx"))
    book = load_workbook(tmp_path / "r.xlsx")
    assert headline(" ".join(str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row)) == expect

    # the by-unit rows, tasks and goals apart: CSV, the workbook and the bulletin's attachments agree with JSON
    def picked(headers: list[str], rows: list[list[Any]]) -> list[list[Any]]:
        at = [headers.index(h) for h in ("排名", "单位", "应报事项", "已完成", *(COLUMN[k] for k in (*KINDS, *LEVELS)))]
        return [[int(float(r[i])) if n != 1 else str(r[i]) for n, i in enumerate(at)] for r in rows]

    def wanted(key: str) -> list[list[Any]]:
        return [[r["rank"], r["label"], r["expected"], r["done"], *(r[k] for k in (*KINDS, *LEVELS))]
                for r in data[key]]

    rows = list(csv.reader(io.StringIO(run(root, "report", "--as-of", day, "-f", "csv").decode("utf-8-sig"))))
    assert picked(rows[0], rows[1:]) == wanted("by_unit")
    for sheet, key in (("按单位", "by_unit"), ("各单位目标", "goals_by_unit")):
        if not data[key]:
            continue
        values = [list(r) for r in book[sheet].iter_rows(min_row=2, values_only=True)]
        body = list(itertools.takewhile(lambda r: r[0] is not None, values[1:]))
        assert picked([str(h) for h in values[0]], body) == wanted(key)

    # the lists: every section, sheet and part counts its rows, each group apart, as the headline does
    def count(kind: str, group: str) -> int:
        return int(tallies[group][kind]) if group in tallies else 0

    def counts(kind: str) -> tuple[int, ...]:
        return tuple(count(kind, g) for g in tallies)

    tail = r"(?:，上年结转(\d+)\w)?" if carried else ""
    listed_as = rf"（任务(\d+)\w，目标(\d+)\w{tail}）"

    def numbers(found: tuple[str, ...]) -> tuple[int, ...]:
        return tuple(int(n) for n in found if n != "")

    titles = {t[0]: numbers(t[1:]) for t in re.findall(
        rf"<h2>(逾期未完成|漏报|节点滞后|逾期完成|红色预警|黄色预警|蓝色预警){listed_as}</h2>", page)}
    assert titles == {KIND_WORDS[k]: counts(k) for k in (*KINDS, *LEVELS)}
    for section in re.findall(rf'<section class="wide"><h2>[^<]*{listed_as}</h2>(.*?)</section>', page, re.S):
        assert section[-1].count("<tr class=") == sum(numbers(section[:-1]))
    for ws in book.worksheets:
        got = re.fullmatch(rf"(\w+){listed_as}", ws.title)
        if got:
            kind = next(k for k, w in KIND_WORDS.items() if w == got.group(1))
            assert numbers(got.groups()[1:]) == counts(kind), ws.title
            ids = [str(r[1]) for r in ws.iter_rows(min_row=3, values_only=True) if r[1] is not None and r[0]]
            ids = [i for i in ids if i in {p["item"] for p in data["pairs"]}]
            assert len(ids) == sum(counts(kind)), ws.title
    due = json.loads(run(root, "overdue", "--as-of", day, "-f", "json"))
    for kind in KINDS:
        for group in tallies:
            assert sum(r["kind"] == kind and r["item_kind"] == group for r in due) == count(kind, group)
    listing = run(root, "overdue", "--as-of", day, "-f", "md").decode("utf-8")
    for kind in KINDS:
        assert f"## {KIND_WORDS[kind]}（任务{count(kind, 'task')}" in listing
        assert f"目标{count(kind, 'goal')}" in listing

    # each unit's own view, the reminders and the bulletin: the rows above, task for task and goal for goal
    names = {r["id"]: r["label"] for r in (*data["by_unit"], *data["goals_by_unit"])}
    by_unit = {r["id"]: r for r in data["by_unit"]}
    by_goals = {r["id"]: r for r in data["goals_by_unit"]}
    by_carried: dict[str, dict[str, int]] = {}  # no table ranks the carried items: count their pairs per unit
    for p in data["pairs"]:
        if group_of(p["item"]) == "carried":
            row = by_carried.setdefault(p["unit"], {"red": 0, "yellow": 0})
            row["red"] += p["level"] == "red"
            row["yellow"] += p["level"] == "yellow"
    for uid in list(names)[:3]:
        own = headline(run(root, "status", "--unit", uid, "--as-of", day, "-f", "md").decode("utf-8"))
        assert own.get("task", ())[6:] == (from_tally(by_unit[uid])[6:] if uid in by_unit else ())
        assert own.get("goal", ())[6:] == (from_tally(by_goals[uid])[6:] if uid in by_goals else ())
    out = tmp_path / "n"
    run(root, "remind", "--as-of", day, "-o", str(out))
    office = next(u for u, n in names.items() if (out / f"内部清单-{n}.md").exists()) if \
        any((out / f"内部清单-{n}.md").exists() for n in names.values()) else None
    for uid, name in names.items():
        path = out / (f"内部清单-{name}.md" if uid == office else f"提醒-{name}.md")
        rows_of = [(GROUPS[g], rows[uid]) for g, rows in (("task", by_unit), ("goal", by_goals),
                                                           ("carried", by_carried)) if uid in rows]
        if not any(r["red"] or r["yellow"] for _, r in rows_of):
            assert not path.exists(), path.name
            continue
        text = path.read_text(encoding="utf-8")
        for what, row in rows_of:
            assert f"{what}中红色预警{row['red']}项、黄色预警{row['yellow']}项" in text, (name, what)
        red_rows = sum(r["red"] for _, r in rows_of)
        if red_rows and uid != office:
            table = text.split("立即整改：")[1].split("\n\n")[1]
            assert len(table.splitlines()) - 2 == red_rows, name
    bulletin = (out / "通报.md").read_text(encoding="utf-8")
    assert headline(bulletin) == expect
    for group, rows in (("task", data["by_unit"]), ("goal", data["goals_by_unit"]),
                        ("carried", list(by_carried.values()) if carried else [])):
        for level, word in (("red", "红色"), ("yellow", "黄色")):
            said = re.search(rf"{GROUPS[group]}：[^。]*等(\d+)个单位有{word}预警事项（[^）]*），共(\d+)项", bulletin)
            found = (int(said.group(1)), int(said.group(2))) if said else (0, 0)
            assert found == (sum(1 for r in rows if r[level]), count(level, group)), (group, level)
    red_title = re.search(rf"## 红色预警事项清单{listed_as}", bulletin)
    assert (numbers(red_title.groups()) if red_title else ()) == \
        (counts("red") if any(counts("red")) else ())
    word = Document(io.BytesIO((out / "通报.docx").read_bytes()))
    assert [[c.text for c in r.cells][:4] for r in word.tables[0].rows[1:]] == \
        [[str(u["rank"]), u["label"], str(u["expected"]), str(u["done"])] for u in data["by_unit"]]
    if data["goals_by_unit"]:  # the districts, which report only on goals, ranked apart
        assert [[c.text for c in r.cells][:4] for r in word.tables[1].rows[1:]] == \
            [[str(u["rank"]), u["label"], str(u["expected"]), str(u["done"])] for u in data["goals_by_unit"]]
    shown = {c.text for t in word.tables[:2] for r in t.rows[1:] for c in r.cells[1:2]}
    assert set(names.values()) <= shown  # every unit asked to report stands in the bulletin
