"""tracker report / overdue / verify / remind through the CLI, on tests/data/mini; golden files pin the text
formats, the HTML is opened in a headless browser, the workbook and the Word files are read back."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import golden
from tracker.cli.app import app

runner = CliRunner()
AS_OF = ["--as-of", "2025-10-15"]


def run(folder: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--root", str(folder), *args])


@pytest.mark.parametrize(("fmt", "by", "name"), [
    ("table", "unit", "report-unit.txt"), ("md", "action", "report-action.md"), ("csv", "task", "report-task.csv"),
    ("md", "goal", "report-goal.md"), ("json", "", "report.json")])
def test_text_formats_golden(mini: Path, fmt: str, by: str, name: str) -> None:
    result = run(mini, "report", *AS_OF, *(["--by", by] if by else []), "--format", fmt)
    assert result.exit_code == 0, result.output
    golden(name, result.stdout_bytes.decode("utf-8"))


def test_english_labels(mini: Path) -> None:
    result = run(mini, "--lang", "en", "report", *AS_OF, "--format", "md")
    assert "Rank |" in result.stdout and "Completion" in result.stdout and "排名" not in result.stdout
    assert "As of 2025-10-15. Tasks: 1 of 8 expected items done" in result.stdout
    assert "; 1 overdue, 4 missed period(s), 1 late milestone(s), 1 done late; warnings: 4 red, 2 yellow" \
        in result.stdout
    assert "Goals: 0 of 1 expected items done" in result.stdout  # apart, never summed with the tasks


def test_by_applies_to_every_format_or_is_refused(mini: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    refused = run(mini, "report", *AS_OF, "--by", "task", "-f", "json")
    assert refused.exit_code == 2 and "--by" in refused.output
    assert run(mini, "report", *AS_OF, "--by", "action", "-o", str(tmp_path / "r.xlsx")).exit_code == 0
    assert load_workbook(tmp_path / "r.xlsx").sheetnames[1] == "按行动"
    assert run(mini, "report", *AS_OF, "--by", "goal", "-o", str(tmp_path / "r.html")).exit_code == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.index("<h2>目标完成情况</h2>") < html.index("<h2>按单位</h2>")


def test_json_schema(mini: Path) -> None:
    data = json.loads(run(mini, "report", *AS_OF, "-f", "json").stdout)
    assert data["schema"] == "tracker-report/1" and data["as_of"] == "2025-10-15"
    assert data["overall"]["rate"] == 12.5 and data["overall"]["average_percent"] == 36.0
    assert [u["id"] for u in data["by_unit"]] == ["a", "b", "solo"]
    assert {"item", "unit", "status", "percent", "level", "reasons"} <= set(data["pairs"][0])


def test_format_inferred_from_output_and_written_atomically(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "r.csv"
    result = run(mini, "report", *AS_OF, "-o", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith("\ufeff排名,单位".encode())
    assert b"\r\n1,\xe7\x94\xb2\xe5\xb1\x80,4,1,25.0," in data  # numbers stay numbers: 1,甲局,4,1,25.0
    bad = run(mini, "report", *AS_OF, "-o", str(tmp_path / "r.pdf"))
    assert bad.exit_code == 2 and "判断格式" in bad.output


def test_same_as_of_same_bytes(mini: Path, tmp_path: Path) -> None:
    import time

    for ext in ("html", "xlsx", "json"):
        a, b = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
        run(mini, "report", *AS_OF, "-o", str(a))
        time.sleep(1.1)  # writers that stamp the time of saving would differ now
        run(mini, "report", *AS_OF, "-o", str(b))
        assert a.read_bytes() == b.read_bytes(), ext


def test_xlsx_read_back(mini: Path, tmp_path: Path) -> None:
    """Rates as fractions in percent format, dates as dates (the overview's as-of date too), a title row with
    the as-of date, an autofilter and a frozen header on every table; each sheet on A4 fitted to the width
    only (never below 9 pt), the header and page numbers on every page, text wrapped."""
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    assert run(mini, "report", *AS_OF, "-o", str(out)).exit_code == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["概览", "按单位", "按行动", "按任务", "目标完成情况", "各单位目标",
                             "逾期未完成（任务1项，目标0项）", "漏报（任务4期，目标0期）",
                             "节点滞后（任务1个，目标0个）", "逾期完成（任务1项，目标0项）",
                             "红色预警（任务4项，目标0项）", "黄色预警（任务2项，目标1项）",
                             "蓝色预警（任务1项，目标0项）"]
    for ws in wb.worksheets[6:]:  # each list counts its rows in its name, tasks and goals apart
        rows = [r for r in ws.iter_rows(min_row=3, values_only=True) if r[0] and r[0] != "预警颜色" and r[1]]
        tasks, goals = (int(n) for n in re.findall(r"(\d+)", ws.title))
        ids = [str(r[1]) for r in rows]
        assert (sum(not i.startswith("G") for i in ids), sum(i.startswith("G") for i in ids)) == (tasks, goals)
    units = wb["按单位"]
    assert units["A1"].value == "测试清单推进情况 截至2025-10-15 — 按单位"
    assert [c.value for c in units[2]][:5] == ["排名", "单位", "应报事项", "已完成", "完成率"]
    assert [c.value for c in units[3]][:6] == [1, "甲局", 4, 1, 0.25, 1]
    assert units["E3"].number_format == "0.0%"
    assert [c.value for c in wb["按行动"][4]][:4] == ["二、第二行动", 4, 0, 0.0]
    missed = wb["漏报（任务4期，目标0期）"]
    assert missed["E3"].value == dt.datetime(2025, 6, 30) and missed["E3"].number_format == "yyyy-mm-dd"
    assert wb["概览"]["B2"].value == dt.datetime(2025, 10, 15) and wb["概览"]["B2"].number_format == "yyyy-mm-dd"
    for ws in wb.worksheets:
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.oddFooter.center.text == "&P / &N"
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    for ws in wb.worksheets[1:]:
        assert ws.freeze_panes == "A3" and ws.auto_filter.ref.startswith("A2:"), ws.title
        assert ws.print_title_rows == "$2:$2"
        assert all(ws.cell(3, c).alignment.wrap_text for c in range(1, ws.max_column + 1))
    warnings = wb["黄色预警（任务2项，目标1项）"]
    assert warnings.page_setup.orientation == "landscape" and wb["按单位"].page_setup.orientation == "portrait"
    column_a = [c.value for c in units["A"]]
    assert "预警颜色" in column_a  # the legend under a coloured table
    assert units.cell(column_a.index("预警颜色") + 2, 2).value.startswith("红色")


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(_chromium() is None, reason="no headless Chromium on this machine")
def test_html_opens_in_a_headless_browser(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert run(mini, "report", *AS_OF, "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html
    chromium = _chromium()
    assert chromium is not None
    done = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                           "--no-first-run", "--disable-background-networking", "--disable-component-update",
                           "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
                           out.as_uri()], capture_output=True, text=True, timeout=120, check=False)
    dom = done.stdout
    assert "测试清单推进情况" in dom, done.stderr[-2000:]
    assert dom.count('class="bar"') == 2 + 3  # one bar per action and per unit
    assert "按单位" in dom and "逾期未完成（任务1项，目标0项）" in dom and "甲局" in dom
    shot = tmp_path / "r.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile2'}",
                    f"--screenshot={shot}", "--window-size=1200,900", out.as_uri()],
                   capture_output=True, timeout=120, check=False)
    assert shot.exists() and shot.stat().st_size > 10_000


def test_a_unit_s_report_keeps_its_rank_among_all(mini: Path) -> None:
    """``report --unit`` read only the unit's file and ranked it first among itself: 专委会 is 2nd of 3."""
    whole = {r["id"]: r["rank"] for r in json.loads(run(mini, "report", *AS_OF, "-f", "json").stdout)["by_unit"]}
    for name, uid in (("专委会", "solo"), ("乙局", "b"), ("甲局", "a")):
        rows = json.loads(run(mini, "report", *AS_OF, "--unit", name, "-f", "json").stdout)["by_unit"]
        assert [(r["id"], r["rank"]) for r in rows] == [(uid, whole[uid])]
    md = run(mini, "report", *AS_OF, "--unit", "专委会", "-f", "md").stdout
    assert re.search(r"^\|\s+2 \| 专委会", md, re.M)


def test_overdue_by_unit(mini: Path) -> None:
    result = run(mini, "overdue", *AS_OF, "--within", "14", "-f", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    kinds = ["overdue", "missed_periods", "late_milestones", "done_late", "due_soon"]
    assert [r["kind"] for r in rows] == sorted((r["kind"] for r in rows), key=kinds.index)  # grouped by kind
    for kind in kinds:
        units = [r["unit"] for r in rows if r["kind"] == kind]
        assert units == sorted(units, key=["office", "a", "b", "grp", "solo"].index)
    assert {"kind": "overdue", "item_kind": "task", "unit": "b", "item": "6", "date": "2025-09-30", "days": 15,
            "what": "", "status": "not-started", "percent": 0.0} in rows
    assert {"kind": "done_late", "item_kind": "task", "unit": "a", "item": "1", "date": "2025-06-30", "days": 5,
            "what": "", "status": "done", "percent": 100.0} in rows  # a done item, listed only as done late
    assert any(r["kind"] == "due_soon" and r["item"] == "7" and r["days"] == -10 for r in rows)  # 10 days ahead
    narrow = json.loads(run(mini, "overdue", *AS_OF, "--within", "5", "-f", "json").stdout)
    assert not any(r["item"] == "7" for r in narrow)


def test_verify_and_reject(mini: Path) -> None:
    path = mini / "progress" / "a.yaml"
    result = run(mini, "verify", "5", "--unit", "a", "--date", "2025-10-15")
    assert result.exit_code == 1 and "所判定的记录 a6（第 8 行）不是“已完成”" in result.output
    run(mini, "record", "7", "--unit", "a", "--status", "done", "--date", "2025-10-12", "--by", "甲")
    before = path.read_bytes()
    assert run(mini, "verify", "7", "--unit", "甲局", "--reject", "--date", "2025-10-13").exit_code == 1
    assert path.read_bytes() == before  # a rejection needs its reason
    assert run(mini, "verify", "7", "--unit", "a", "--reject", "--note", "缺少佐证", "--date", "2025-10-13",
               "--by", "办公室").exit_code == 0
    rows = json.loads(run(mini, "status", "--unit", "a", *AS_OF, "-f", "json").stdout)
    assert next(r for r in rows if r["item"] == "7")["status"] == "in-progress"
    run(mini, "record", "7", "--unit", "a", "--status", "done", "--date", "2025-10-14", "--by", "甲")
    assert run(mini, "verify", "7", "--unit", "a", "--date", "2025-10-15", "--by", "办公室").exit_code == 0
    data = json.loads(run(mini, "report", *AS_OF, "-f", "json").stdout)
    assert (data["overall"]["done"], data["overall"]["verified"]) == (2, 2)
    before = path.read_bytes()
    result = run(mini, "verify", "7", "--unit", "a", "--reject", "--note", "补", "--date", "2025-10-14",
                 "--by", "办公室")
    assert result.exit_code == 1 and "decision-predates" in result.output and path.read_bytes() == before


def test_verify_refuses_to_repeat_the_last_decision(mini: Path) -> None:
    path = mini / "progress" / "a.yaml"
    run(mini, "record", "7", "--unit", "a", "--status", "done", "--date", "2025-10-12", "--by", "甲")
    assert run(mini, "verify", "7", "--unit", "a", "--date", "2025-10-13", "--by", "办公室").exit_code == 0
    line = len(path.read_text(encoding="utf-8").splitlines())
    before = path.read_bytes()
    again = run(mini, "verify", "7", "--unit", "a", "--date", "2025-10-14", "--by", "办公室")
    assert again.exit_code == 1 and path.read_bytes() == before
    assert f"任务 7：该记录已于 2025-10-13 销号（第 {line} 行）" in again.output
    assert "不改变任何结果" in again.output and "没有写入任何内容" in again.output
    assert run(mini, "verify", "7", "--unit", "a", "--reject", "--note", "复查不合格", "--date", "2025-10-14",
               "--by", "办公室").exit_code == 0  # the office changing its mind
    before = path.read_bytes()
    for more in ((), ("--reject", "--note", "仍不合格")):
        twice = run(mini, "--lang", "en", "verify", "7", "--unit", "a", *more, "--date", "2025-10-15")
        assert twice.exit_code == 1 and path.read_bytes() == before
        assert f"task 7 was rejected on 2025-10-14 (line {line + 1}) and no done was recorded since" in twice.output


def test_remind_writes_notices_and_bulletin(mini: Path, tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "notices"
    result = run(mini, "remind", *AS_OF, "-o", str(out))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["提醒-甲局.docx", "提醒-甲局.md", "提醒-乙局.docx", "提醒-乙局.md",
                            "提醒-专委会.docx", "提醒-专委会.md", "通报.docx", "通报.md"])  # by the units' names
    golden("remind-a.md", (out / "提醒-甲局.md").read_text(encoding="utf-8"))
    golden("bulletin.md", (out / "通报.md").read_text(encoding="utf-8"))
    doc = Document(io.BytesIO((out / "通报.docx").read_bytes()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "关于安全生产治本攻坚三年行动\n重点工作任务推进情况的通报" in text  # broken between words
    assert "重点工作任务：甲局、乙局等2个单位有红色预警事项（逾期未完成、漏报、节点滞后或多次提醒仍无进展），共4项" \
        in text
    assert doc.tables[0].rows[1].cells[1].text == "甲局"


def _docx(path: Path):  # type: ignore[no-untyped-def]
    from docx import Document

    return Document(io.BytesIO(path.read_bytes()))


def test_remind_docx_is_a_gongwen(mini: Path, tmp_path: Path) -> None:
    """GB/T 9704: A4, margins 37/28/26/35 mm, 22 lines a page, the fonts by their East Asian names, the
    issuer, the number, the date without padding, page numbers as a PAGE field between dashes."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    out = tmp_path / "n"
    assert run(mini, "remind", "--as-of", "2025-09-05", "--number", "测试〔2025〕3号", "-o", str(out)).exit_code == 0
    doc = _docx(out / "通报.docx")
    first = doc.sections[0]
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (first.top_margin, first.left_margin, first.right_margin, first.bottom_margin)] \
        == [37, 28, 26, 35]
    assert doc.styles["Normal"].paragraph_format.line_spacing.pt == pytest.approx(28.95)
    paras = [p for p in doc.paragraphs if p.text]

    def east(p):  # type: ignore[no-untyped-def]
        return p.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia"))

    assert paras[0].text == "测试办公室" and east(paras[0]) == "方正小标宋简体"
    assert paras[1].text == "测试〔2025〕3号"
    title = next(p for p in paras if p.text == "关于安全生产治本攻坚三年行动\n重点工作任务推进情况的通报")
    assert east(title) == "方正小标宋简体" and title.runs[0].font.size.pt == 22
    heading = next(p for p in paras if p.text == "一、总体情况")
    assert east(heading) == "黑体"
    body = next(p for p in paras if p.text.startswith("为推动"))
    assert east(body) == "仿宋_GB2312" and (body.runs[0].font.size or doc.styles["Normal"].font.size).pt == 16
    assert "2025年9月5日" in [p.text for p in paras]  # 成文日期: no padding
    assert not any("联系人" in p.text for p in paras)  # not configured: left out
    footer = first.footer.paragraphs[0]
    assert footer.text == "— 1 —" and " PAGE " in footer._p.xml
    assert first.even_page_footer.paragraphs[0].text == "— 1 —" and doc.settings.odd_and_even_pages_header_footer
    # the attachment: header row repeated, widths sized to content, numbers and dates never wrapped
    ranking = doc.tables[0]
    assert ranking.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    widths = [c.width for c in ranking.columns]
    assert len(set(widths)) > 2 and sum(widths) <= Mm(297 - 28 - 26)
    rank_cell = ranking.rows[1].cells[0]._tc
    assert rank_cell.tcPr.find(qn("w:noWrap")) is not None
    reminder = _docx(out / "提醒-甲局.docx")  # a 函 (信函格式): the mark and the number in the first page's header
    head = reminder.sections[0]
    assert head.different_first_page_header_footer
    assert [p.text for p in head.first_page_header.paragraphs] == ["测试办公室", "测试〔2025〕3号"]
    assert "甲局全称：" in {p.text for p in reminder.paragraphs}
    filed = tmp_path / "filed"
    assert run(mini, "remind", "--as-of", "2025-09-05", "--format-style", "file", "-o", str(filed)).exit_code == 0
    as_file = _docx(filed / "提醒-甲局.docx")
    assert not as_file.sections[0].different_first_page_header_footer
    assert as_file.paragraphs[0].text == "测试办公室" and "印发" in (filed / "提醒-甲局.md").read_text(encoding="utf-8")
    assert run(mini, "remind", "--format-style", "memo", "-o", str(filed)).exit_code == 2


def test_remind_number_and_contact_from_the_plan(mini: Path, tmp_path: Path) -> None:
    tasks = mini / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace(
        "  records_until: 2026-12-31\n",
        "  records_until: 2026-12-31\n  document_number: 测试〔2025〕9号\n  contact: 张三\n  phone: 0711-1234567\n",
        1), encoding="utf-8")
    out = tmp_path / "n"
    assert run(mini, "remind", *AS_OF, "-o", str(out)).exit_code == 0
    texts = [p.text for p in _docx(out / "通报.docx").paragraphs]
    assert "测试〔2025〕9号" in texts and "（联系人：张三；联系电话：0711-1234567）" in texts
    md = (out / "提醒-甲局.md").read_text(encoding="utf-8")
    assert "测试〔2025〕9号" in md and "（联系人：张三；联系电话：0711-1234567）" in md
    out2 = tmp_path / "m"
    assert run(mini, "remind", *AS_OF, "--number", "测试〔2025〕10号", "-o", str(out2)).exit_code == 0
    assert "测试〔2025〕10号" in [p.text for p in _docx(out2 / "通报.docx").paragraphs]


def test_a_unit_with_only_goals_is_told_what_it_carries(tmp_path: Path) -> None:
    """A district reports only on goals, through a group: its reminder counts those, never "0项"."""
    from tests.conftest import SHIPPED

    shutil.copy(SHIPPED / "tasks.yaml", tmp_path / "tasks.yaml")
    shutil.copy(SHIPPED / "units.yaml", tmp_path / "units.yaml")
    (tmp_path / "progress").mkdir()
    out = tmp_path / "n"
    assert run(tmp_path, "remind", "--as-of", "2025-09-30", "--unit", "echeng", "-o", str(out)).exit_code == 0
    text = (out / "提醒-鄂城区.md").read_text(encoding="utf-8")
    assert "你单位承担目标2项，已完成0项" in text and "0项重点工作任务" not in text


def test_remind_says_the_number_is_missing_and_prints_the_cc(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "n"
    result = run(mini, "remind", *AS_OF, "--cc", "市政府办公室、市应急局", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "未给出发文字号：公文中留有空白的〔　〕号，签发时填写" in result.stderr
    assert "抄送：市政府办公室，市应急局。" in [p.text for t in _docx(out / "通报.docx").tables
                                              for r in t.rows for p in r.cells[0].paragraphs]
    assert "抄送：市政府办公室，市应急局。" in (out / "提醒-甲局.md").read_text(encoding="utf-8")
    numbered = run(mini, "--lang", "en", "remind", *AS_OF, "--number", "测试〔2025〕1号", "-o", str(tmp_path / "m"))
    assert numbered.exit_code == 0 and "document number" not in numbered.stderr
    assert "Copy to" not in (tmp_path / "m" / "bulletin.md").read_text(encoding="utf-8")


def test_remind_one_unit(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "n"
    assert run(mini, "remind", *AS_OF, "--unit", "乙局", "-o", str(out)).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["提醒-乙局.docx", "提醒-乙局.md", "通报.docx", "通报.md"]


def test_since_says_what_changed(mini: Path, tmp_path: Path) -> None:
    """By hand, from 2025-09-01 to 10-15: 乙局's done on 09-01 was rejected (rate 33.3 → 0), its task 6 fell
    overdue on 10-01 and turned red; 甲局's task 5 milestone fell overdue on 09-30 (red)."""
    data = json.loads(run(mini, "report", *AS_OF, "--since", "2025-09-01", "-f", "json").stdout)
    assert data["changes"] == {"since": "2025-09-01", "overall": {"rate": -12.5, "newly_done": 0,
                                                                  "newly_overdue": 1, "newly_red": 2}}
    units = {u["id"]: u["change"] for u in data["by_unit"]}
    assert units["b"] == {"rate": -33.3, "newly_done": 0, "newly_overdue": 1, "newly_red": 1}
    assert units["a"]["newly_red"] == 1 and units["solo"]["newly_red"] == 0
    md = run(mini, "report", *AS_OF, "--since", "2025-09-01", "--by", "task", "-f", "md").stdout
    assert "完成率较2025-09-01" in md and "较2025年9月1日，新完成0项，完成率变化-12.5个百分点，新增逾期未完成1项" in md
    assert "change" not in json.loads(run(mini, "report", *AS_OF, "-f", "json").stdout)["by_unit"][0]
    out = tmp_path / "n"
    assert run(mini, "remind", *AS_OF, "--since", "2025-09-01", "-o", str(out)).exit_code == 0
    reminder = (out / "提醒-乙局.md").read_text(encoding="utf-8")
    assert "较2025年9月1日，你单位新完成0项，新增逾期未完成1项，新增红色预警1项。" in reminder
    assert "新增红色预警2项" in (out / "通报.md").read_text(encoding="utf-8")
    bad = run(mini, "report", *AS_OF, "--since", "2025-10-15")
    assert bad.exit_code == 2 and "--since" in bad.output


def test_html_scales_groups_and_prints(mini: Path, tmp_path: Path) -> None:
    import re

    from tracker.render.page import nice_top

    assert [nice_top(v) for v in ([1.2, 9.4], [0.0], [25.0], [26.0], [100.0])] == [10.0, 10.0, 25.0, 50.0, 100.0]
    out = tmp_path / "r.html"
    assert run(mini, "report", *AS_OF, "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    # the trend: one point per month end of the plan before the as-of date, then the as-of date
    points = re.search(r'class="trend"[^>]*points="([^"]*)"', html)
    assert points is not None and len(points.group(1).split()) == 10
    assert ">09-30<" in html and ">10-15<" in html
    # the unit chart's axis ends at 25% for a best rate of 25%: 甲局's bar fills the width, not a quarter
    assert re.search(r'<rect class="bar" x="260" y="\d+" width="560.0"', html)
    assert html.count('class="stack"') == 2 + 2 + 1  # 甲局 red+blue, 乙局 red+yellow, 专委会 yellow
    # the warning list is grouped by unit and folded; dates never wrap; wide tables print landscape
    assert "<summary>甲局（2）</summary>" in html and '<td class="d">2025-06-30</td>' in html
    assert "@page wide{size:A4 landscape" in html and '<section class="wide">' in html
    assert "预警颜色" in html and "红色：逾期未完成、漏报、节点滞后或多次提醒仍无进展" in html


def test_english_notices_say_everything_in_english(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "n"
    assert run(mini, "--lang", "en", "remind", *AS_OF, "-o", str(out)).exit_code == 0
    md = (out / "bulletin.md").read_text(encoding="utf-8")
    assert "Attachments: 1. Units ranked by the completion of their tasks" in md and "Attachment 3" in md
    texts = "\n".join(p.text for p in _docx(out / "bulletin.docx").paragraphs)
    assert "Attachments: 1. Units ranked by the completion of their tasks" in texts and "Warning colours: " in texts
    assert "附件" not in texts and "预警颜色" not in texts and "2025-10-15" in texts
