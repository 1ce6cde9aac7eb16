"""tracker extend (延期申请) and tracker remind --record (the reminder register) through the CLI, on
tests/data/mini, with the answers worked out by hand in each test's docstring."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tracker.cli.app import app
from tracker.core.i18n import Lang

runner = CliRunner()


def run(folder: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--root", str(folder), *args])


def ok(folder: Path, *args: str) -> str:
    result = run(folder, *args)
    assert result.exit_code == 0, result.output
    return str(result.output)


def pair(folder: Path, item: str, unit: str, as_of: str) -> dict[str, Any]:
    data = json.loads(ok(folder, "report", "--as-of", as_of, "--format", "json"))
    found: dict[str, Any] = next(p for p in data["pairs"] if p["item"] == item and p["unit"] == unit)
    return found


def test_an_approved_extension_moves_the_deadline_and_keeps_the_original(mini: Path) -> None:
    """甲局's task 7 is due 2025-10-25. It asks on 10-10 for 11-30; the office approves on 10-12. As of 10-11
    the request is pending and the deadline unmoved; as of 10-26 the pair is not overdue (due 11-30), while
    the original deadline stays 10-25 and the request is on time."""
    ok(mini, "extend", "7", "--unit", "甲局", "--until", "2025-11-30", "--note", "设备到货延迟", "--date", "2025-10-10",
       "--by", "张三")
    before = pair(mini, "7", "a", "2025-10-11")
    assert (before["deadline"], before["extensions"][0]["decision"]) == ("2025-10-25", "pending")
    ok(mini, "extend", "7", "--unit", "a", "--approve", "--date", "2025-10-12", "--by", "办公室")
    after = pair(mini, "7", "a", "2025-10-26")
    assert after["deadline"] == "2025-11-30"
    assert after["original_deadline"] == "2025-10-25"
    assert after["overdue"] is False
    [ext] = after["extensions"]
    assert ext["requested_on"] == "2025-10-10" and ext["until"] == "2025-11-30"
    assert (ext["reason"], ext["late"], ext["decision"], ext["decided_on"]) == ("设备到货延迟", False, "approved",
                                                                                "2025-10-12")
    lines = (mini / "progress" / "a.yaml").read_text(encoding="utf-8").splitlines()
    assert '"type": "extend"' in lines[-2] and '"until": "2025-11-30"' in lines[-2]
    assert '"type": "approve"' in lines[-1] and f'"request": "{ext["id"]}"' in lines[-1]


def test_a_refused_extension_leaves_the_deadline(mini: Path) -> None:
    """乙局's task 6 is due 2025-09-30 and never reported. It asks on 09-20 for 10-31; the office refuses on
    09-25 with a reason. As of 10-15 the pair is still overdue against 09-30."""
    ok(mini, "extend", "6", "--unit", "b", "--until", "2025-10-31", "--note", "人手不足", "--date", "2025-09-20")
    path = mini / "progress" / "b.yaml"
    before = path.read_bytes()
    assert run(mini, "extend", "6", "--unit", "b", "--refuse", "--date", "2025-09-25").exit_code == 1
    assert path.read_bytes() == before  # a refusal needs its reason
    ok(mini, "extend", "6", "--unit", "b", "--refuse", "--note", "理由不充分", "--date", "2025-09-25")
    p = pair(mini, "6", "b", "2025-10-15")
    assert (p["deadline"], p["original_deadline"], p["overdue"]) == ("2025-09-30", "2025-09-30", True)
    assert [(e["decision"], e["decision_note"], e["late"]) for e in p["extensions"]] == [
        ("refused", "理由不充分", False)]
    assert "overdue" in p["reasons"]


def test_a_late_extension_is_marked_late_even_when_approved(mini: Path) -> None:
    """乙局 asks on 2025-10-05, after task 6's deadline (09-30): the request is late. Approved on 10-06 for
    10-31, the pair is no longer overdue as of 10-15, and the late request stays marked."""
    ok(mini, "extend", "6", "--unit", "b", "--until", "2025-10-31", "--note", "补报", "--date", "2025-10-05")
    ok(mini, "extend", "6", "--unit", "b", "--approve", "--date", "2025-10-06")
    p = pair(mini, "6", "b", "2025-10-15")
    assert (p["deadline"], p["overdue"]) == ("2025-10-31", False)
    assert [(e["late"], e["decision"]) for e in p["extensions"]] == [(True, "approved")]


@pytest.mark.parametrize(("args", "code"), [
    (["--approve"], 1),  # nothing to decide
    (["--until", "2025-10-20", "--note", "x"], 1),  # not after the deadline (10-25)
    (["--until", "2025-11-30"], 1),  # a request needs its reason
    (["--until", "2025-11-30", "--note", "x", "--approve"], 2),  # a request or a decision, not both
    ([], 2),
])
def test_refused_extensions_change_nothing(mini: Path, args: list[str], code: int) -> None:
    path = mini / "progress" / "a.yaml"
    before = path.read_bytes()
    result = run(mini, "extend", "7", "--unit", "a", "--date", "2025-10-10", *args)
    assert result.exit_code == code, result.output
    assert path.read_bytes() == before


def test_a_second_request_waits_for_the_first_decision(mini: Path) -> None:
    ok(mini, "extend", "7", "--unit", "a", "--until", "2025-11-30", "--note", "x", "--date", "2025-10-10")
    result = run(mini, "--lang", "en", "extend", "7", "--unit", "a", "--until", "2025-12-15", "--note", "y",
                 "--date", "2025-10-11")
    assert result.exit_code == 1
    assert "awaiting a decision" in result.output


def test_validate_refuses_a_decision_on_no_request(mini: Path) -> None:
    path = mini / "progress" / "a.yaml"
    with path.open("a", encoding="utf-8") as f:
        f.write('- {"id": "x1", "type": "approve", "date": "2025-10-12", "task": 7, "request": "nope"}\n')
    result = run(mini, "--lang", "en", "validate")
    assert result.exit_code == 1
    assert "unknown-request" in result.output and "a.yaml:" in result.output


def remind(folder: Path, day: str) -> str:
    return ok(folder, "remind", "--as-of", day, "--record", "--number", f"测〔2025〕{day[-2:]}号", "--by", "办公室",
              "-o", str(folder / f"notices-{day}"))


def reminder_lines(folder: Path, unit: str) -> list[dict[str, Any]]:
    text = (folder / "progress" / f"{unit}.yaml").read_text(encoding="utf-8")
    return [json.loads(line[2:]) for line in text.splitlines() if '"type": "reminder"' in line]


def test_remind_record_keeps_what_was_issued(mini: Path) -> None:
    """As of 2025-10-01, 乙局 lags on tasks 2 (three quarters missed), 6 (overdue), 4 (behind pace and silent)
    and goal G1 (silent since 09-01, 30 days): one reminder record in its own file names them, with the notice
    number and the reply date a week on."""
    remind(mini, "2025-10-01")
    [rec] = reminder_lines(mini, "b")
    assert rec["date"] == "2025-10-01" and rec["reply_by"] == "2025-10-08" and rec["number"] == "测〔2025〕01号"
    assert sorted(map(str, rec["items"])) == ["2", "4", "6", "G1"]
    assert rec["by"] == "办公室"
    assert len(reminder_lines(mini, "a")) == 1
    assert run(mini, "validate").exit_code == 0


def test_three_reminders_with_and_without_progress_between(mini: Path) -> None:
    """Reminders on 10-01, 10-08 and 10-15 (escalate_after 2). 乙局 records nothing on task 6: as of 10-01 it
    was reminded once (red only for being overdue); as of 10-08 twice with nothing since the first, so it is
    red with reminded:2; as of 10-15, reminded:3. 甲局 records task 5 on 10-05, after the first reminder: the
    reminders are counted (3) but it never escalates."""
    remind(mini, "2025-10-01")
    ok(mini, "record", "5", "--unit", "a", "--status", "in-progress", "--percent", "45", "--date", "2025-10-05")
    remind(mini, "2025-10-08")
    remind(mini, "2025-10-15")
    first = pair(mini, "6", "b", "2025-10-01")
    assert len(first["reminders"]) == 1 and not any(r.startswith("reminded") for r in first["reasons"])
    assert "reminded:2" in pair(mini, "6", "b", "2025-10-08")["reasons"]
    now = pair(mini, "6", "b", "2025-10-15")
    assert "reminded:3" in now["reasons"] and now["level"] == "red"
    assert [r["date"] for r in now["reminders"]] == ["2025-10-01", "2025-10-08", "2025-10-15"]
    a5 = pair(mini, "5", "a", "2025-10-15")
    assert len(a5["reminders"]) == 3
    assert not any(r.startswith("reminded") for r in a5["reasons"])


def test_the_escalation_threshold_is_a_setting(mini: Path) -> None:
    """With ``escalate_after: 3`` two reminders without progress are not enough."""
    tasks = mini / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("  silent_days: 30\n",
                                                                "  silent_days: 30\n  escalate_after: 3\n"),
                     encoding="utf-8")
    remind(mini, "2025-10-01")
    remind(mini, "2025-10-08")
    assert not any(r.startswith("reminded") for r in pair(mini, "4", "b", "2025-10-08")["reasons"])
    remind(mini, "2025-10-15")
    assert "reminded:3" in pair(mini, "4", "b", "2025-10-15")["reasons"]


def test_a_unit_may_not_write_the_office_records(mini: Path) -> None:
    """check-authors: a reminder or an extension decision added by a unit's maintainer is refused, while its
    own request passes."""
    from tracker.check.authors import change, check_commit
    from tracker.load.catalog import load_catalog

    units = mini / "units.yaml"
    text = units.read_text(encoding="utf-8")
    for short, kind, who in (("办公室", "office", "办公室 <o@x>"), ("甲局", "bureau", "甲 <a@x>")):
        head = f"    short: {short}\n    kind: {kind}\n"
        text = text.replace(head, f"{head}    maintainers: [{who}]\n")
    units.write_text(text, encoding="utf-8")
    cat = load_catalog(mini / "tasks.yaml", units).catalog
    assert cat is not None
    request = '- {"id": "r1", "type": "extend", "date": "2025-10-10", "task": 7, "until": "2025-11-30", "note": "x"}'
    approve = '- {"id": "r2", "type": "approve", "date": "2025-10-11", "task": 7, "request": "r1"}'
    reminder = '- {"id": "r3", "type": "reminder", "date": "2025-10-11", "items": [7]}'
    base = b"unit: a\nentries:\n"

    def adding(line: str):  # type: ignore[no-untyped-def]
        return [change("progress/a.yaml", [base], base + line.encode("utf-8") + b"\n")]

    assert check_commit(cat, "c1", "甲", "a@x", adding(request), None) == []
    for line in (approve, reminder):
        found = check_commit(cat, "c2", "甲", "a@x", adding(line), None)
        assert len(found) == 1 and "office" in found[0].reason.text(Lang.EN)
        assert check_commit(cat, "c3", "办公室", "o@x", adding(line), None) == []


def test_reports_and_the_bulletin_count_extensions_and_reminders(mini: Path) -> None:
    """Reminders on 10-01, 10-08 and 10-15; 甲局 records task 5 on 10-05 and has task 7 extended (asked 10-10,
    approved 10-12). As of 10-15, by hand: 甲局 got 3 reminders, one extended item, and one escalated item
    (task 2: nothing since 08-01); 乙局 got 3 reminders and three escalated tasks (2, 4 and 6, never
    touched since); its goal G1 is counted apart; 专委会 (task 3, never reported) one. Overall 5 escalated. The
    bulletin names the units and the extension, each unit's tasks and goals together (乙局: tasks 2, 4, 6 and goal
    G1), as its reminder counts them."""
    remind(mini, "2025-10-01")
    ok(mini, "record", "5", "--unit", "a", "--status", "in-progress", "--percent", "45", "--date", "2025-10-05")
    remind(mini, "2025-10-08")
    ok(mini, "extend", "7", "--unit", "a", "--until", "2025-11-30", "--note", "设备到货延迟", "--date", "2025-10-10")
    ok(mini, "extend", "7", "--unit", "a", "--approve", "--date", "2025-10-12")
    remind(mini, "2025-10-15")
    data = json.loads(ok(mini, "report", "--as-of", "2025-10-15", "--format", "json"))
    units = {r["id"]: r for r in data["by_unit"]}
    assert [units["a"][k] for k in ("extended", "late_requests", "reminders", "escalated")] == [1, 0, 3, 1]
    assert [units["b"][k] for k in ("extended", "late_requests", "reminders", "escalated")] == [0, 0, 3, 3]
    assert [units["solo"][k] for k in ("extended", "reminders", "escalated")] == [0, 3, 1]
    assert data["overall"]["escalated"] == 5 and data["overall"]["extended"] == 1
    table = ok(mini, "report", "--as-of", "2025-10-15", "--format", "md")
    header = next(line for line in table.splitlines() if line.startswith("|"))
    assert "已延期" in header and "提醒次数" in header and "提醒无进展" in header
    ok(mini, "remind", "--as-of", "2025-10-15", "-o", str(mini / "out"))
    bulletin = (mini / "out" / "通报.md").read_text(encoding="utf-8")
    assert "经批准延期1项：甲局1项" in bulletin
    assert "经2次以上提醒仍无进展的单位：" in bulletin and "甲局（1项）" in bulletin and "乙局（4项）" in bulletin \
        and "专委会（1项）" in bulletin
    assert "已批准延期至2025-11-30（原截止2025-10-25）" in bulletin  # the attachment of extended items


def test_the_same_reminder_is_registered_once(mini: Path) -> None:
    remind(mini, "2025-10-01")
    before = (mini / "progress" / "b.yaml").read_bytes()
    result = run(mini, "--lang", "en", "remind", "--as-of", "2025-10-01", "--record", "--number", "测〔2025〕01号",
                 "-o", str(mini / "again"))
    assert result.exit_code == 0, result.output
    assert "already registered" in result.output
    assert (mini / "progress" / "b.yaml").read_bytes() == before


def test_a_reminder_says_how_often_the_unit_was_reminded(mini: Path) -> None:
    """乙局 was reminded on 10-01 and 10-08 with nothing recorded since: the notice of 10-15 says so, and that
    its four items (tasks 2, 4, 6 and goal G1) escalated; the notice of 10-08, registered with its reminder,
    counts itself among the two."""
    remind(mini, "2025-10-01")
    remind(mini, "2025-10-08")
    ok(mini, "remind", "--as-of", "2025-10-15", "-o", str(mini / "n"))
    text = (mini / "n" / "提醒-乙局.md").read_text(encoding="utf-8")
    assert "此前已向你单位发出提醒2次。4项经2次以上提醒仍无进展，已列为红色预警。" in text
    first = (mini / "notices-2025-10-01" / "提醒-乙局.md").read_text(encoding="utf-8")
    assert "此前已向你单位发出提醒" not in first
    # the notice of 10-08 was registered with its own reminder, which the escalation counts: it says so
    second = (mini / "notices-2025-10-08" / "提醒-乙局.md").read_text(encoding="utf-8")
    assert "此前已向你单位发出提醒1次。连同本次，4项已经2次以上提醒仍无进展，已列为红色预警。" in second


def test_the_page_and_the_workbook_list_extended_items(mini: Path, tmp_path: Path) -> None:
    """An approved and a refused extension: both pairs are listed under 延期事项 in the workbook and on the page,
    with the decision in words; without extensions there is no such sheet."""
    import openpyxl

    ok(mini, "report", "--as-of", "2025-10-15", "-o", str(tmp_path / "before.xlsx"))
    assert "延期事项" not in openpyxl.load_workbook(tmp_path / "before.xlsx").sheetnames
    ok(mini, "extend", "7", "--unit", "a", "--until", "2025-11-30", "--note", "设备到货延迟", "--date", "2025-10-10")
    ok(mini, "extend", "7", "--unit", "a", "--approve", "--date", "2025-10-12")
    ok(mini, "extend", "6", "--unit", "b", "--until", "2025-10-31", "--note", "补报", "--date", "2025-10-05")
    ok(mini, "extend", "6", "--unit", "b", "--refuse", "--note", "理由不充分", "--date", "2025-10-06")
    ok(mini, "report", "--as-of", "2025-10-15", "-o", str(tmp_path / "r.xlsx"))
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["延期事项"]
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "已批准延期至2025-11-30（原截止2025-10-25）" in cells
    assert "延期申请不予批准：理由不充分（逾期后申请）" in cells
    ok(mini, "report", "--as-of", "2025-10-15", "-o", str(tmp_path / "r.html"))
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "延期事项" in html and "已批准延期至2025-11-30（原截止2025-10-25）" in html


def test_show_and_status_say_where_an_extension_stands(mini: Path) -> None:
    ok(mini, "extend", "7", "--unit", "a", "--until", "2025-11-30", "--note", "设备到货延迟", "--date", "2025-10-10")
    assert "申请延期至2025-11-30，待审批" in ok(mini, "show", "7", "--as-of", "2025-10-11")
    ok(mini, "extend", "7", "--unit", "a", "--approve", "--date", "2025-10-12")
    status = ok(mini, "status", "--unit", "a", "--as-of", "2025-10-15", "--format", "md")
    assert status.startswith("# 甲局工作进度\n")  # the unit named once, not on every row
    line = next(row for row in status.splitlines() if row.startswith("| 7 "))
    assert "2025-11-30" in line and "已批准延期至2025-11-30（原截止2025-10-25）" in line


def test_the_english_bulletin_says_the_same(mini: Path) -> None:
    remind(mini, "2025-10-01")
    remind(mini, "2025-10-08")
    ok(mini, "extend", "7", "--unit", "a", "--until", "2025-11-30", "--note", "late parts", "--date", "2025-10-10")
    ok(mini, "extend", "7", "--unit", "a", "--approve", "--date", "2025-10-12")
    ok(mini, "--lang", "en", "remind", "--as-of", "2025-10-15", "-o", str(mini / "en"))
    text = (mini / "en" / "bulletin.md").read_text(encoding="utf-8")
    assert "1 item(s) extended with the office's approval: 甲局 1." in text
    assert "Units reminded 2 times or more without progress: " in text and "乙局 (4 item(s))" in text
    assert "extended to 2025-11-30 (was due 2025-10-25)" in text


def test_task_44_due_at_records_until_can_be_extended_and_lists_mark_it(folder: Path) -> None:
    """Task 44 runs to 2026-12-31, which is also records_until: an extension to 2027-03-31 was refused as out
    of the period. Now it is accepted; once approved, overdue and status show the moved deadline marked
    已延期 with the original one."""
    ok(folder, "extend", "44", "--unit", "市应急局", "--until", "2027-03-31", "--note", "培训推迟", "--date",
       "2026-06-01")
    ok(folder, "extend", "44", "--unit", "市应急局", "--approve", "--date", "2026-06-05")
    due = ok(folder, "overdue", "--as-of", "2027-03-25", "--unit", "市应急局", "-f", "md")
    row = next(line for line in due.splitlines() if line.startswith("| 市应急局 | 44 "))
    assert "截止日期（已延期，原截止2026-12-31）" in row and "2027-03-31" in row
    listed = json.loads(ok(folder, "overdue", "--as-of", "2027-03-25", "--unit", "市应急局", "-f", "json"))
    assert ("44", "2027-03-31") in {(d["item"], d["date"]) for d in listed if d["kind"] == "due_soon"}
    status = ok(folder, "status", "--unit", "市应急局", "--as-of", "2026-12-20", "-f", "md")
    row = next(line for line in status.splitlines() if line.startswith("| 44 "))
    assert "2027-03-31（已延期，原截止2026-12-31）" in row
    assert run(folder, "validate").exit_code == 0
