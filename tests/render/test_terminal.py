"""What a person sees at a terminal: every view fits 80 and 120 columns with names, ids, dates, figures and
reasons whole (free text wraps in its cell or under its row), bars at every width, headlines broken between
phrases; a file or a pipe gets the whole table whatever stderr is. Checked through a pseudo-terminal, as a
person runs the tool, and on the renderer's own output."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from wcwidth import wcswidth

from tests.compute.test_report import MINI
from tests.conftest import REPO
from tests.terminal_session import in_terminal
from tracker.compute.report import build_report
from tracker.core.i18n import Lang
from tracker.folder.pipeline import load_checked, pairs_as_of
from tracker.folder.root import Root
from tracker.render.publish import Options
from tracker.render.terminal import print_report, print_table
from tracker.views.palette import legend
from tracker.views.report import VIEWS, view
from tracker.views.tables import Table, status_table

AS_OF = dt.date(2025, 9, 30)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
EXAMPLE = REPO / "examples" / "2025"
BARS = set("█▏▎▍▌▋▊▉")


def loaded(root: Path):  # type: ignore[no-untyped-def]
    cat = load_checked(Root(root), AS_OF, with_progress=False).catalog
    assert cat is not None
    return cat, pairs_as_of(Root(root), cat, AS_OF, AS_OF, use_cache=False).pairs


@pytest.fixture(scope="module", params=["mini", "example"])
def data(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    return loaded(MINI if request.param == "mini" else EXAMPLE)


def shown(table: Table, width: int, lang: Lang = Lang.ZH) -> str:
    out = io.StringIO()
    print_table(table, legend(load_checked(Root(MINI), AS_OF, with_progress=False).catalog.thresholds, lang),
                file=out, width=width, lang=lang)
    return ANSI.sub("", out.getvalue())


def whole(value: object, text: str) -> bool:
    """``value`` stands on one line of ``text`` (in the table, or in the line its row's free text moved to)."""
    return any(str(value) in line for line in text.splitlines())


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("lang", list(Lang))
def test_every_view_fits_the_terminal_and_cuts_nothing_a_person_checks(data, width: int, lang: Lang) -> None:  # type: ignore[no-untyped-def]
    cat, pairs = data
    report = build_report(cat, pairs, AS_OF)
    for table in [*(view(report, by, lang) for by in VIEWS), status_table(cat, pairs, lang)]:
        text = shown(table, width, lang)
        assert max(wcswidth(line) for line in text.splitlines()) <= width, table.title
        assert "…" not in text
        said = re.search(r"(?:此宽度下未显示：|Left out at this width: )(.*?)(?:（| \()", text.replace("\n", ""))
        left_out = said.group(1).split("、" if lang is Lang.ZH else ", ") if said else []
        for row in table.rows:
            for header, value, kind in zip(table.headers, row, table.kinds or [], strict=False):
                if header in left_out or kind in ("int", "pct", "figure"):
                    continue  # a column left out is said to be; figures are checked below
                if kind == "text" and value and not re.search(r"[、（,(]", str(value)):
                    for word in str(value).split(" "):  # a name, an id, a date: on one line (words at spaces)
                        assert whole(word, text), (table.title, value)
        if table.headers[0] in ("排名", "Rank"):
            kept = [n for n, h in enumerate(table.headers) if any(h in line for line in text.splitlines()[:3])]
            for row in table.rows:  # the rank, the name and the figures of each row on one line
                assert any(str(row[1]) in line and f"{row[4]:.1f}%" in line for line in text.splitlines()), row
            assert kept


def test_a_narrow_terminal_leaves_out_optional_columns_and_says_which(data) -> None:  # type: ignore[no-untyped-def]
    cat, pairs = data
    unit = view(build_report(cat, pairs, AS_OF), "unit", Lang.ZH)
    wide, narrow = shown(unit, 200), shown(unit, 80)
    assert "已销号" in wide and "此宽度下未显示" not in wide
    assert "此宽度下未显示：已销号" in narrow
    for row in unit.rows:  # every unit's name whole at 80 columns
        assert whole(row[1], narrow), row[1]


@pytest.mark.parametrize("width", [60, 80, 100, 120, 160])
def test_bars_draw_at_every_width(data, width: int) -> None:  # type: ignore[no-untyped-def]
    cat, pairs = data
    unit = view(build_report(cat, pairs, AS_OF), "unit", Lang.ZH)
    text = shown(unit, width)
    for row in unit.rows:
        line = next(line for line in text.splitlines() if str(row[1]) in line)
        assert (set(line) & BARS) if float(row[4]) > 0 else "░" in line, (width, line)


def test_colour_and_legend_follow_the_warning_levels(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    table = Table(["单位", "预警"], [["甲局", "红"], ["乙局", "无"]], [], styles=["red", ""])
    from tracker.core.model import Thresholds

    out = io.StringIO()
    print_table(table, legend(Thresholds(), Lang.ZH), file=out, width=80)
    text = out.getvalue()
    red = next(line for line in text.splitlines() if "甲局" in line)
    other = next(line for line in text.splitlines() if "乙局" in line)
    assert "\x1b[" in red and "\x1b[" not in other
    assert "红色：逾期未完成" in ANSI.sub("", text)  # the legend says what red means


def test_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = io.StringIO()
    print_table(Table(["单位"], [["甲局"]], [], styles=["red"]), file=out, width=80)
    assert "\x1b[" not in out.getvalue() and "甲局" in out.getvalue()


def test_the_report_at_a_terminal_has_title_headline_table_and_legend() -> None:
    cat, pairs = loaded(MINI)
    out = io.StringIO()
    print_report(cat, build_report(cat, pairs, AS_OF), Options("unit", Lang.ZH), file=out, width=80)
    text = out.getvalue()
    assert text.splitlines()[0] == "测试清单推进情况" and "截至2025年9月30日" in text
    assert "按单位" in text and "黄色：滞后于序时进度" in text
    assert max(wcswidth(line) for line in text.splitlines()) <= 80


@pytest.mark.parametrize("width", [80, 120])
def test_every_command_in_a_real_terminal(width: int) -> None:
    """Through a pseudo-terminal: each view fits, names and figures whole, the headline never broken inside a
    figure, status with its title and date and the unit named once."""
    root = ["--root", str(EXAMPLE)]
    day = ["--as-of", "2025-09-30"]
    cat, pairs = loaded(EXAMPLE)
    names = [u.short for u in cat.units.values()]
    for args in (["report", *day], ["report", *day, "--by", "task"], ["report", *day, "--by", "action"],
                 ["report", *day, "--by", "goal"], ["report", *day, "--since", "2025-06-30"],
                 ["status", "--unit", "市应急局", *day], ["show", "10", *day], ["overdue", *day], ["units"],
                 ["tasks"], ["score", *day]):
        text = in_terminal([*root, *args], width)
        lines = text.splitlines()
        assert max(wcswidth(line) for line in lines) <= width, (args, max(lines, key=wcswidth))
        assert "…" not in text, args
        if args[0] == "report" and "--by" not in args:
            ranked = [n for n in names if any(n in line for line in lines)]
            assert len(ranked) >= 18, args  # every unit of the ranking, named whole
            figures = re.findall(r"\d+(?:\.\d+)?%?", "".join(lines[1:8]))
            assert figures[:4] == ["2025", "9", "30", "675"], figures  # the headline's figures, none broken
        if args[0] == "status":
            assert lines[0] == "市应急局工作进度" and lines[1] == "截至2025年9月30日"
            assert sum("市应急局" in line for line in lines) == 1  # named once, not on every row
        if args[0] == "units":
            assert all(any(n in line for line in lines) for n in names)
    joined = "".join(in_terminal([*root, "report", *day], width).splitlines()[1:8])
    assert "完成率14.7%（已销号53项，销号率7.9%）" in joined  # wrapped between phrases, read back whole


def test_a_file_or_a_pipe_gets_the_whole_table_whatever_stderr_is(tmp_path: Path) -> None:
    """``tracker report > r.txt`` in an 80-column terminal: stderr is the terminal, stdout a file."""
    out = tmp_path / "r.txt"
    in_terminal(["--root", str(EXAMPLE), "report", "--as-of", "2025-09-30"], 80, stdout=out)
    text = out.read_text(encoding="utf-8")
    assert all(h in text for h in ("已销号", "销号率", "黄色", "蓝色", "逾期完成", "市自然资源和城乡建设局"))
    assert max(wcswidth(line) for line in text.splitlines()) > 80 and "此宽度下未显示" not in text


def test_a_progress_bar_only_for_long_work() -> None:
    from tracker.render.terminal import ProgressBar

    with ProgressBar("读取") as short:
        for n in range(1, 6):
            short.tick(n, 5)
        assert short.bar is None  # five files: no bar
    with ProgressBar("读取") as long:
        long.tick(1, 200)
        assert long.bar is not None and long.bar.tasks[0].total == 200
        long.tick(150, 200)
        assert long.bar.tasks[0].completed == 150


def test_the_cli_shows_no_bar_where_nobody_watches(tmp_path: Path) -> None:
    """In a pipe the report imports no rich at all, so --format json stays light."""
    import subprocess
    import sys

    code = ("import sys, tracker.cli.app as c; sys.argv = ['tracker', '--root', sys.argv[1], '--no-cache', 'report', "
            "'-f', 'json', '--as-of', '2025-10-15']\ntry:\n    c.app()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write(' '.join(m for m in sys.modules if m.startswith('rich')))")
    done = subprocess.run([sys.executable, "-c", code, str(MINI)], capture_output=True, text=True, timeout=60)
    assert done.stdout.startswith("{") and done.stderr.strip() == ""


@pytest.mark.parametrize("width", [80, 120])
def test_log_diff_and_the_levels_in_a_real_terminal(tmp_path: Path, width: int) -> None:
    """The review's and the levels' views fit too: commits, identities, dates and a warning's change whole."""
    from tests.test_readme import setup_levels, setup_review

    setup_review(tmp_path)
    setup_levels(tmp_path)
    office, city = str(tmp_path / "office"), str(tmp_path / "city")
    runs = {"log": in_terminal(["--root", office, "log", "--unit", "市应急局"], width),
            "diff": in_terminal(["--root", office, "diff", "main", "review", "--as-of", "2025-09-30"], width)}
    assert "已是最新" not in in_terminal(["--root", city, "levels", "status"], width)  # not fetched yet
    in_terminal(["--root", city, "levels", "fetch"], width)
    runs["levels"] = in_terminal(["--root", city, "levels", "status"], width)
    runs["roll-up"] = in_terminal(["--root", city, "report", "--levels", "--as-of", "2025-09-30"], width)
    for name, text in runs.items():
        lines = text.splitlines()
        assert max(wcswidth(line) for line in lines) <= width, (name, max(lines, key=wcswidth))
        assert "…" not in text, name
    for needle in ("<wangwu@example.org>", "<zhangsan@example.org>", "2025-06-28"):
        assert whole(needle, runs["log"]), needle
    assert whole("红色 → 红色", runs["diff"]) and whole("percent: 50 → 60", runs["diff"])
    assert sum("已是最新" in line for line in runs["levels"].splitlines()) == 2
