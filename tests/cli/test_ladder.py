"""Reminders by the calendar, the unit's reply and the chasing ladder, through the CLI on tests/data/mini (the
office has no maintainers there). Each test's docstring works its answer out by hand.

On mini as of 2025-10-01, 甲局 (a) and 乙局 (b) lag on tasks with no entry since before 10-01, and 专委会
(solo) on task 3; the reply period is 7 days."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from tests.cli.test_extend import ok, run
from tracker.core.i18n import Lang


def report(folder: Path, day: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(folder, "report", "--as-of", day, "-f", "json"))
    return data


def remind(folder: Path, day: str, number: str, out: Path, *more: str) -> str:
    return ok(folder, "remind", "--as-of", day, "--number", number, "--record", "-o", str(out), *more)


def escalated(data: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(p["unit"], p["item"], r) for p in data["pairs"] for r in p["reasons"] if r.startswith("reminded:")}


def test_two_notices_on_one_day_escalate_nothing_and_a_second_after_the_reply_period_does(mini: Path,
                                                                                             tmp_path: Path) -> None:
    """The reported case: remind --record twice on 10-01 (numbers 1 and 2) made every listed pair reminded:2,
    red. Reminders count for escalation only on days at least reply_days (7) apart: the two of 10-01 are one,
    so nothing escalates; one more on 10-08 (7 days on) makes two, and pairs with no entry since 10-01 are
    red with reminded:2."""
    remind(mini, "2025-10-01", "测〔2025〕1号", tmp_path / "n1")
    remind(mini, "2025-10-01", "测〔2025〕2号", tmp_path / "n2")
    assert escalated(report(mini, "2025-10-07")) == set()
    remind(mini, "2025-10-08", "测〔2025〕3号", tmp_path / "n3")
    found = escalated(report(mini, "2025-10-08"))
    assert found and {r for _, _, r in found} == {"reminded:2"}
    assert ("b", "6", "reminded:2") in found


def test_the_bulletin_written_with_record_counts_the_reminders_it_records(mini: Path, tmp_path: Path) -> None:
    """The reported case: the bulletin written by the run that records a reminder was computed before it
    counted (通报 said 红色4, report right after said 7). Reminded on 10-01, then again with --record on 10-08:
    the pairs this second reminder escalates are red in the bulletin it goes out with, as in the report after."""
    remind(mini, "2025-10-01", "测〔2025〕1号", tmp_path / "n1")
    before = report(mini, "2025-10-08")["overall"]["red"]
    remind(mini, "2025-10-08", "测〔2025〕2号", tmp_path / "n2")
    after = report(mini, "2025-10-08")["overall"]
    assert after["red"] > before
    bulletin = (tmp_path / "n2" / "通报.md").read_text(encoding="utf-8")
    assert f"红色预警{after['red']}项" in bulletin
    reminder = (tmp_path / "n2" / "提醒-乙局.md").read_text(encoding="utf-8")
    assert "此前已向你单位发出提醒1次" in reminder  # the notice does not count itself as sent before


def test_a_reply_in_time_keeps_the_step_and_none_moves_the_unit_up_the_ladder(mini: Path, tmp_path: Path) -> None:
    """Reminded on 10-01 (reply by 10-08). 甲局 replies on 10-05; 乙局 and 专委会 do not. As of 10-09: 甲局
    stays at 提醒, 乙局 is at 督办, and its next notice is a 督办通知 saying why; the report's by-unit table shows
    each unit's step, and the bulletin names the units moved up."""
    remind(mini, "2025-10-01", "测〔2025〕1号", tmp_path / "n1")
    said = ok(mini, "reply", "测〔2025〕1号", "--unit", "甲局", "--note", "已逐项整改", "--evidence", "整改报告.pdf",
              "--date", "2025-10-05")
    assert "已记录甲局对 测〔2025〕1号（2025-10-01的提醒）的回复" in said
    data = report(mini, "2025-10-09")
    steps = {r["id"]: (r["ladder_step"], r["unanswered"]) for r in data["by_unit"]}
    assert steps["a"] == (1, 0) and steps["b"] == (2, 1)
    table = ok(mini, "report", "--as-of", "2025-10-09", "-f", "md")
    assert re.search(r"\| 乙局 .*\| 督办 +\|", table) and re.search(r"\| 甲局 .*\| 提醒 +\|", table)
    ok(mini, "remind", "--as-of", "2025-10-09", "-o", str(tmp_path / "n2"))
    b = (tmp_path / "n2" / "提醒-乙局.md").read_text(encoding="utf-8")
    assert "# 关于督办安全生产治本攻坚三年行动重点工作任务的通知" in b
    assert "你单位未在回复期限内回复2025年10月1日的提醒（测〔2025〕1号），现按催办程序列为督办。" in b
    assert "现予督办。" in b and "现予提醒" not in b
    a = (tmp_path / "n2" / "提醒-甲局.md").read_text(encoding="utf-8")
    assert "# 关于加快推进安全生产治本攻坚三年行动重点工作任务的提醒" in a and "列为" not in a and "现予提醒。" in a
    bulletin = (tmp_path / "n2" / "通报.md").read_text(encoding="utf-8")
    assert "未按期回复提醒、已升级催办的单位：乙局（1次未回复，督办）" in bulletin
    assert "甲局（" not in bulletin.split("未按期回复提醒")[1].split("\n")[0]


def test_a_late_reply_is_recorded_and_said_late(mini: Path, tmp_path: Path) -> None:
    remind(mini, "2025-10-01", "测〔2025〕1号", tmp_path / "n1")
    said = ok(mini, "reply", "测〔2025〕1号", "--unit", "乙局", "--note", "已整改", "--date", "2025-10-12")
    assert "回复期限是 2025-10-08，这条回复已逾期" in said
    assert {r["id"]: r["ladder_step"] for r in report(mini, "2025-10-12")["by_unit"]}["b"] == 2
    result = run(mini, "reply", "测〔2025〕9号", "--unit", "乙局", "--note", "x", "--date", "2025-10-12")
    assert result.exit_code == 1 and "乙局没有文号（或编号）为 测〔2025〕9号 的提醒" in result.output
    assert "测〔2025〕1号" in result.output  # the hint names the unit's reminders


def test_the_office_words_its_own_ladder(mini: Path, tmp_path: Path) -> None:
    """tasks.yaml's ladder: gives each step's name and the title its notices carry (and a sentence)."""
    tasks = mini / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8") + (
        "ladder:\n  - name: 提醒\n  - name: 督办\n    title: 关于对滞后事项进行督办的通知\n"
        "    text: 请主要负责同志亲自过问。\n  - name: 约谈\n"), encoding="utf-8")
    assert run(mini, "validate").exit_code == 0
    remind(mini, "2025-10-01", "测〔2025〕1号", tmp_path / "n1")
    ok(mini, "remind", "--as-of", "2025-10-09", "-o", str(tmp_path / "n2"))
    b = (tmp_path / "n2" / "提醒-乙局.md").read_text(encoding="utf-8")
    assert "# 关于对滞后事项进行督办的通知" in b and "现按催办程序列为督办。请主要负责同志亲自过问。" in b


def test_the_campaigns_last_week_can_be_reminded(mini: Path, tmp_path: Path) -> None:
    """The reported case: reminders in the last week could not be registered (reply_by past records_until) but
    the notices were written anyway. The reply-by date is now capped at records_until, in the register and in
    the notice alike."""
    tasks = mini / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8").replace("2026-12-31", "2025-10-20")  # records_until: the campaign's
    tasks.write_text(text.replace("2025-12-31", "2025-10-20").replace("2025-10-25", "2025-10-20"),  # last week
                     encoding="utf-8")
    said = remind(mini, "2025-10-15", "测〔2025〕1号", tmp_path / "n")
    assert "2025-10-20前回复" in said
    assert "于2025年10月20日前将有关情况报" in (tmp_path / "n" / "提醒-乙局.md").read_text(encoding="utf-8")
    assert run(mini, "validate").exit_code == 0


def test_no_notice_is_written_while_the_register_refuses(mini: Path, tmp_path: Path) -> None:
    """乙局's file has an error (a tab): with --allow-errors the notices could be drafted, but its reminder
    cannot be registered. Then nothing is registered for any unit and no notice is written."""
    path = mini / "progress" / "b.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('- {"id": "b1"', '\t- {"id": "b1"'), encoding="utf-8")
    a_before = (mini / "progress" / "a.yaml").read_bytes()
    out = tmp_path / "n"
    result = run(mini, "remind", "--as-of", "2025-10-01", "--record", "--allow-errors", "-o", str(out))
    assert result.exit_code == 1 and "未登记任何提醒，也未写出任何通知" in result.output
    assert not out.exists() and (mini / "progress" / "a.yaml").read_bytes() == a_before


def test_bulletins_reminders_and_the_score_write_dates_in_running_text_as_chinese_dates(mini: Path,
                                                                                        tmp_path: Path) -> None:
    """Dates in running text read 2025年10月15日 (较2025年9月1日), never ISO; tables keep ISO dates."""
    ok(mini, "remind", "--as-of", "2025-10-15", "--since", "2025-09-01", "--score", "-o", str(tmp_path / "n"))
    iso = re.compile(r"\d{4}-\d{2}-\d{2}")
    for name in ("通报.md", "提醒-乙局.md"):
        text = (tmp_path / "n" / name).read_text(encoding="utf-8")
        running = [line for line in text.splitlines() if line and not line.startswith("|")]
        assert not [line for line in running if iso.search(line)], name
        assert "较2025年9月1日" in text
    score = ok(mini, "score", "--as-of", "2025-10-15", "-f", "md")
    assert "截至2025年10月15日，按tasks.yaml中的计分规则" in score


def test_at_80_columns_the_units_names_and_their_step_stand_whole(mini: Path, tmp_path: Path) -> None:
    """Once reminders count, the by-unit table has five more columns than without them, and the step (催办等级).
    At a terminal of 80 columns the units' names stand whole on one line, and the step with them."""
    from wcwidth import wcswidth

    from tests.actions.conftest import scope_of
    from tracker.actions.reporting import report as published
    from tracker.render.terminal import table_text
    from tracker.views.report import unit_view

    remind(mini, "2025-10-01", "测〔2025〕1号", tmp_path / "n1")
    doc = published(scope_of(mini), dt.date(2025, 10, 12))
    text = table_text(unit_view(doc.report, Lang.ZH), 80, False)
    lines = text.splitlines()
    assert max(wcswidth(line) for line in lines) <= 80
    for name in ("甲局", "乙局", "专委会"):  # none replied to the reminder of 10-01: each is at 督办 on 10-12
        assert any(name in line and line.rstrip().endswith("督办") for line in lines), (name, text)


def test_the_bulletin_names_districts_moved_up_the_ladder_counting_tasks_and_goals_together(
        tmp_path: Path) -> None:
    """The districts hold goals only: reminded on 10-01 and silent by 10-09, they stand at 督办 like the bureaus
    and the bulletin names them; each unit is named once, with its tasks' and goals' escalated items together,
    as its own reminder counts them; the bulletin's goals-by-unit table shows their step."""
    import shutil

    from tests.conftest import REPO

    folder = tmp_path / "f"
    shutil.copytree(REPO / "examples" / "2025", folder)
    remind(folder, "2025-10-01", "鄂安防办〔2025〕40号", tmp_path / "n1")
    ok(folder, "remind", "--as-of", "2025-10-09", "-o", str(tmp_path / "n2"))
    line = next(x for x in (tmp_path / "n2" / "通报.md").read_text(encoding="utf-8").splitlines()
                if x.startswith("未按期回复提醒"))
    assert "鄂城区（1次未回复，督办）" in line and line.count("市应急局（") == 1
    bulletin = (tmp_path / "n2" / "通报.md").read_text(encoding="utf-8")
    assert re.search(r"\| 鄂城区 .*\| 督办 +\|", bulletin)  # the goals' table shows the step as the units' does
    district = (tmp_path / "n2" / "提醒-鄂城区.md").read_text(encoding="utf-8")
    assert "现予督办。" in district
    # at 80 columns the real units' long names stand whole and the missed periods (漏报) stay: the extension
    # and reminder counts are left out before the red reasons a reminder names
    from tests.actions.conftest import scope_of
    from tracker.actions.reporting import report as published
    from tracker.render.terminal import table_text
    from tracker.views.report import unit_view

    text = table_text(unit_view(published(scope_of(folder), dt.date(2025, 10, 9)).report, Lang.ZH), 80, False)
    head = next(line for line in text.splitlines() if line.startswith("排名"))
    assert "漏报" in head and "催办等级" in head and "已延期" not in head
    assert any("市自然资源和城乡建设局" in line for line in text.splitlines()), text

