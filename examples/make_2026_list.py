"""Generate examples/2026-list/示例-2026年重点工作清单.docx: a small fictional key-work list (示例数据（虚构）) laid out
as offices publish theirs in Word, to show `tracker init --from` and `tracker carry-over` (README, "Starting from a
published list" and "Next year"). Nothing in it was published by anyone.

It has what real lists have: the 内容 and 重点工作 cells merged down their rows, a key-work title over two
paragraphs, tasks numbered by Word's automatic numbering, a 完成时限 column, and the slips the import must list
for the office to confirm (a new unit name, two names run together, 定期 with no period, 三年内).

    python examples/make_2026_list.py        # rewrites the .docx
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

MARK = "示例数据（虚构）：本清单为演示用的虚构清单，不是任何单位公布的文件。"
OUT = Path(__file__).resolve().parent / "2026-list" / "示例-2026年重点工作清单.docx"

GOALS = [
    ("总体目标", None, "2026年底前重大事故隐患动态清零，生产安全事故总量持续下降",
     "各区(开发区、经济区),市安全生产各专业委员会,市安防委相关成员单位", ""),
    ("阶段性目标", "1.", "对发现的安全生产违法行为查处率达到100%", "市安全生产各专业委员会,市安防委相关成员单位", ""),
]
ACTIONS = [
    ("一、主体责任提升行动", [
        (["全面落实企业安全生产", "主体责任"], [
            ("推动规上企业全员安全生产责任清单全覆盖。", "市应急局牵头，市经信局、市市场监管局配合", "6月底前"),
            ("企业主要负责人每季度带队开展1次检查(高危行业领域每月至少1次)。",
             "市安全生产各专业委员会,市安防委相关成员单位", ""),
        ]),
        (["加强安全生产信用管理"], [
            ("对失信企业定期通报曝光。", "市发改委市应急局", ""),
        ]),
    ]),
    ("二、重大事故隐患动态清零行动", [
        (["完善隐患排查治理机制"], [
            ("建立重大事故隐患数据库，隐患整改率达到100%。", "市应急局等市安防委有关成员单位", ""),
            ("落实“日管控、周排查、月调度”机制。", "市数据局", ""),
        ]),
    ]),
    ("三、基层执法能力提升行动", [
        (["强化执法队伍培训"], [
            ("三年内对全市安全监管执法人员轮训一遍。", "市应急局、各区(开发区、经济区)", ""),
            ("每年至少组织一次执法练兵(高危行业每半年至少一次)。", "市消防救援局", "2026年9月30日前"),
        ]),
    ]),
]
HEADER = ("内容", "重点工作", "年度量化目标任务", "责任单位", "完成时限")


def build(path: Path = OUT) -> Path:
    """Write the fictional list as a Word document; returns its path."""
    import docx

    doc = docx.Document()
    for text in (MARK, "关于印发2026年重点工作清单的通知（示例）",
                 "信息来源:鄂州市安全生产和防灾减灾救灾委员会办公室 日期:2026-01-20",
                 "鄂州市安全生产治本攻坚三年行动2026年重点工作清单（示例）"):
        doc.add_paragraph(text)
    rows = len(GOALS) + sum(len(tasks) for _, works in ACTIONS for _, tasks in works)
    table = doc.add_table(rows=rows + 1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    r = 1
    goal_rows = []
    for work, number, text, units, due in GOALS:
        cells = table.rows[r].cells
        cells[0].text = "目标" if r == 1 else ""
        cells[1].text = work
        cells[2].text = (number or "") + text
        cells[3].text, cells[4].text = units, due
        goal_rows.append(r)
        r += 1
    _merge(table, 0, goal_rows[0], goal_rows[-1])
    for heading, works in ACTIONS:
        first = r
        for title, tasks in works:
            top = r
            for text, units, due in tasks:
                cells = table.rows[r].cells
                cells[2].text = ""
                cells[2].paragraphs[0].style = doc.styles["List Number"]
                cells[2].paragraphs[0].add_run(text)
                cells[3].text, cells[4].text = units, due
                r += 1
            cell = table.cell(top, 1)
            cell.text = title[0]
            for more in title[1:]:
                cell.add_paragraph(more)
            _merge(table, 1, top, r - 1)
        table.cell(first, 0).text = heading
        _merge(table, 0, first, r - 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def _merge(table: Any, col: int, top: int, bottom: int) -> None:
    if bottom > top:
        text = table.cell(top, col).text
        merged = table.cell(top, col).merge(table.cell(bottom, col))
        for p in merged.paragraphs[1:]:  # merging joins the cells' paragraphs; the empty ones go
            if not p.text:
                p._element.getparent().remove(p._element)
        if merged.text != text:
            merged.text = text


if __name__ == "__main__":
    print(build())
