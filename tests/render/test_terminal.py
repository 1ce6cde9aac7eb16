"""What a person sees at a terminal: every view of every report fits 80 and 120 columns one line a row, through
rich at a terminal and as plain text in a pipe; colours only where asked, with a legend."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from wcwidth import wcswidth

from tests.compute.test_report import MINI
from tests.conftest import SHIPPED
from tracker.compute.report import build_report
from tracker.core.formats import Fmt
from tracker.core.i18n import Lang
from tracker.folder.pipeline import load_checked, pairs_as_of
from tracker.folder.root import Root
from tracker.render.publish import Options
from tracker.render.terminal import print_report, print_table
from tracker.render.text import render_table
from tracker.views.palette import legend
from tracker.views.report import VIEWS, view
from tracker.views.tables import Table, due_table, status_table

AS_OF = dt.date(2025, 9, 30)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def loaded(root: Path):  # type: ignore[no-untyped-def]
    cat = load_checked(Root(root), AS_OF, with_progress=False).catalog
    assert cat is not None
    return cat, pairs_as_of(Root(root), cat, AS_OF, AS_OF, use_cache=False).pairs


@pytest.fixture(scope="module", params=["mini", "shipped"])
def data(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    if request.param == "mini":
        return loaded(MINI)
    root = tmp_path_factory.mktemp("shipped")
    for name in ("tasks.yaml", "units.yaml"):
        (root / name).write_bytes((SHIPPED / name).read_bytes())
    (root / "progress").mkdir()
    return loaded(root)


def tables(cat, pairs, lang: Lang) -> list[Table]:  # type: ignore[no-untyped-def]
    from tracker.compute.report import due_list

    report = build_report(cat, pairs, AS_OF)
    return [*(view(report, by, lang) for by in VIEWS), status_table(cat, pairs, lang),
            due_table(cat, due_list(pairs, AS_OF, 14), lang)]


def rich_lines(table: Table, width: int, legend_rows=None) -> list[str]:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    print_table(table, legend_rows, file=out, width=width)
    return out.getvalue().splitlines()


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("lang", list(Lang))
def test_every_view_fits_the_terminal_one_line_a_row(data, width: int, lang: Lang) -> None:  # type: ignore[no-untyped-def]
    cat, pairs = data
    for table in tables(cat, pairs, lang):
        lines = rich_lines(table, width)
        assert max(wcswidth(line) for line in lines) <= width, table.title
        # title (when there is one), header, rule, then exactly one line per row
        assert len(lines) == (1 if table.title else 0) + 2 + len(table.rows), table.title
        plain = render_table(table, Fmt.TABLE, width)
        assert max(wcswidth(line) for line in plain.splitlines()) <= width, table.title
        assert plain.count("\n") == (1 if table.title else 0) + 4 + len(table.rows)


def test_a_narrow_terminal_leaves_out_optional_columns_before_it_cuts_names(data) -> None:  # type: ignore[no-untyped-def]
    cat, pairs = data
    unit = view(build_report(cat, pairs, AS_OF), "unit", Lang.ZH)
    wide, narrow = rich_lines(unit, 160), rich_lines(unit, 80)
    assert "已销号" in wide[1] and "已销号" not in narrow[1]
    for row in unit.rows:  # every unit's name whole at 80 columns
        assert any(str(row[1]) in line for line in narrow), row[1]


def test_colour_and_legend_follow_the_warning_levels(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    table = Table(["单位", "预警"], [["甲局", "红"], ["乙局", "无"]], [], styles=["red", ""])
    from tracker.core.model import Thresholds

    rows = legend(Thresholds(), Lang.ZH)
    out = io.StringIO()
    print_table(table, rows, file=out, width=80)
    text = out.getvalue()
    red = next(line for line in text.splitlines() if "甲局" in line)
    other = next(line for line in text.splitlines() if "乙局" in line)
    assert "\x1b[" in red and "\x1b[" not in ANSI.sub("", other) and not ANSI.search(other.split("乙局")[0])
    assert "红色：已逾期" in ANSI.sub("", text)  # the legend says what red means


def test_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    table = Table(["单位"], [["甲局"]], [], styles=["red"])
    out = io.StringIO()
    print_table(table, file=out, width=80)
    assert "\x1b[" not in out.getvalue() and "甲局" in out.getvalue()


def test_the_report_at_a_terminal_has_title_summary_table_and_legend() -> None:
    cat, pairs = loaded(MINI)
    out = io.StringIO()
    print_report(cat, build_report(cat, pairs, AS_OF), Options("unit", Lang.ZH), file=out, width=80)
    text = out.getvalue()
    assert text.splitlines()[0] == "测试清单推进情况" and "截至2025年9月30日" in text
    assert "按单位" in text and "黄色：滞后于序时进度" in text
    assert max(wcswidth(line) for line in text.splitlines()) <= 80


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
