"""Tables align Chinese text by display width, in the terminal and in Markdown."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from wcwidth import wcswidth

from tracker.core.formats import Fmt
from tracker.render.text import render_table, to_json
from tracker.views.tables import Table

TABLE = Table(["编号", "单位", "说明"], [["1", "市应急局", "ok"], ["22", "鄂州市消防救援局", "完成一季度检查"],
                                        ["G3", "x", "mixed 中文 text"]], [])


def widths(text: str) -> set[int]:
    return {wcswidth(line) for line in text.splitlines() if line}


def test_markdown_columns_line_up_in_display_width() -> None:
    text = render_table(TABLE, Fmt.MD)
    assert len(widths(text)) == 1
    bars = [[wcswidth(line[: i]) for i, ch in enumerate(line) if ch == "|"] for line in text.splitlines()]
    assert all(b == bars[0] for b in bars)


def test_terminal_table_columns_line_up_in_display_width() -> None:
    text = render_table(TABLE, Fmt.TABLE, width=100)
    assert len(widths(text)) == 1
    assert "鄂州市消防救援局" in text


def test_markdown_escapes_pipes() -> None:
    table = Table(["a"], [["x|y"]], [])
    assert "x\\|y" in render_table(table, Fmt.MD)


def test_json_is_what_json_dumps_gives_one_item_per_line() -> None:
    data = {"schema": "s", "text": "引号\"、反斜杠\\、换行\n", "numbers": [1, 2.5, -0.0, 10**20, None, True],
            "rows": [{"a": [], "b": {}, "c": "中文"}, {"a": [1, {"x": None}]}], "empty": [], "nested": {"k": [1]}}
    text = to_json(data)
    assert json.loads(text) == data
    lines = text.splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert '  "text": "引号\\"、反斜杠\\\\、换行\\n",' in lines  # UTF-8 kept, escapes as json.dumps writes them
    assert '    {"a": [1, {"x": null}]}' in lines
    for value in data["rows"]:
        assert "    " + json.dumps(value, ensure_ascii=False) in text


def test_json_refuses_what_json_cannot_encode() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        to_json({"when": dt.date(2025, 1, 1)})


def test_a_table_fitted_to_a_width_wraps_long_text_in_its_cell_and_cuts_nothing() -> None:
    long = "各地区各部门要深入开展安全生产治本攻坚三年行动，聚焦重点行业领域，排查整治重大事故隐患" * 2
    table = Table(["编号", "内容", "进度"], [["1", long, 40.0], ["22", "短", 100.0]], [], kinds=["text", "long", "pct"])
    text = render_table(table, Fmt.TABLE, width=60)
    assert max(widths(text)) <= 60
    inside = [line.split("│")[2].strip() for line in text.splitlines() if line.startswith("│")]
    assert "".join(inside).replace("短", "") == long and "…" not in text  # wrapped, whole
    assert "  40.0% │" in text and " 100.0% │" in text  # percents right-aligned
    assert long in render_table(table, Fmt.MD) and long in render_table(table, Fmt.CSV)  # files keep it whole


def test_a_table_for_a_file_is_never_fitted() -> None:
    names = [f"第{n}个很长很长的单位名称" for n in range(3)]
    table = Table(["单位", *(f"第{n}列" for n in range(20))], [[name, *range(20)] for name in names], [],
                  kinds=["text", *["int"] * 20], drop=tuple(range(1, 21)))
    text = render_table(table, Fmt.TABLE)  # width None: a file or a pipe
    assert all(f"第{n}列" in text for n in range(20)) and all(name in text for name in names)
    assert len(widths(text)) == 1 and max(widths(text)) > 120


def test_text_breaks_only_where_it_may() -> None:
    from tracker.render.layout import wrap

    headline = ("截至2025年9月30日，重点工作任务应报675项，已完成99项，完成率14.7%（已销号53项，销号率7.9%），"
                "平均进度51.3%")
    for width in range(16, 80):
        lines = wrap(headline, width, "phrases")
        assert "".join(lines) == headline and all(max(widths(line)) <= width for line in lines)
        for figure in ("14.7%", "675", "2025年9月30日", "7.9%", "51.3%"):  # never inside a figure
            assert any(figure in line for line in lines), (width, figure, lines)
    names = "市应急局、市自然资源和城乡建设局、鄂州银保监分局（名称存疑）"
    assert wrap(names, 24, "text") == ["市应急局、", "市自然资源和城乡建设局、", "鄂州银保监分局", "（名称存疑）"]
    assert wrap("报送期：2025-01-01–2025-03-31", 22, "long") == ["报送期：", "2025-01-01–2025-03-31"]
    quoted = "推进“案例教育法”、安全宣传“五进”、敲门行动和安全生产月等活动"
    for width in range(8, 40):  # an opening quote never ends a line, a closing one never starts one
        lines = wrap(quoted, width, "long")
        assert "".join(lines) == quoted and not any(line.endswith("“") or line.startswith("”") for line in lines)


def test_terminal_table_colours_warning_rows_only_when_asked() -> None:
    table = Table(["单位", "预警"], [["甲局", "红"], ["乙局", "无"]], [], styles=["red", ""])
    plain = render_table(table, Fmt.TABLE, width=80)
    coloured = render_table(table, Fmt.TABLE, width=80, color=True)
    assert "\x1b[" not in plain
    red_line = next(line for line in coloured.splitlines() if "甲局" in line)
    other = next(line for line in coloured.splitlines() if "乙局" in line)
    assert "\x1b[1;31m甲局" in red_line and "\x1b[" not in other
    assert [line for line in coloured.replace("\x1b[1;31m", "").replace("\x1b[1m", "").replace("\x1b[0m", "")
            .splitlines()] == plain.splitlines()
