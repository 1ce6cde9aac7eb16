"""The notices' structure on the example folder as of 2025-09-30: who is addressed and how, what a reminder
lists first, full-width punctuation, the 发文字号's blank and the 抄送."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from tracker.core.i18n import Lang
from tracker.views.notices import Notice, all_notices, full_width, lagging, reminded_items, reminder

AS_OF = dt.date(2025, 9, 30)
_HALF = re.compile(r"[\u3400-\u9fff][,;:?!()]|[,;:?!()][\u3400-\u9fff]")


def _texts(n: Notice) -> list[str]:
    cells = [str(c) for t in [b.table for b in n.blocks if b.table] + [a.table for a in n.attachments]
             for row in t.rows for c in row]
    return [n.title, n.addressee, *(b.text for b in n.blocks), *(a.title for a in n.attachments), *cells]


def test_full_width_punctuation_in_chinese_text_only() -> None:
    assert full_width("各区(开发区、经济区)") == "各区（开发区、经济区）"
    assert full_width("落实工作机制,建立自查自纠档案;按月调度:") == "落实工作机制，建立自查自纠档案；按月调度："
    assert full_width("1,000 项，12:30 开会，3.5%") == "1,000 项，12:30 开会，3.5%"
    assert full_width("see (a, b): done") == "see (a, b): done"


def test_the_office_is_sent_no_reminder_its_own_items_make_an_internal_list(example, notices) -> None:  # type: ignore[no-untyped-def]
    cat, report = example
    office = cat.units[cat.plan.office]
    assert not any(n.addressee.startswith(office.name) for n in notices)
    internal = [n for n in notices if n.stem.startswith("内部清单")]
    assert [n.stem for n in internal] == ["内部清单-市安防办"]
    assert not internal[0].issuer and not internal[0].shown_number  # no 版头, 署名 or 版记: not a 公文
    listed = {row[0] for b in internal[0].blocks if b.table for row in b.table.rows}
    own = {p.item for p in report.pairs if p.unit == cat.plan.office and p.level >= 2}
    assert listed == {cat.items[i].id for i in own} and own
    assert cat.plan.office not in reminded_items(report, office=cat.plan.office)
    assert cat.plan.office in reminded_items(report)


def test_a_collective_is_addressed_by_its_name_and_never_as_your_unit(notices) -> None:  # type: ignore[no-untyped-def]
    committees = next(n for n in notices if n.stem == "提醒-市专委会")
    assert committees.addressee == "市安全生产各专业委员会："
    body = "".join(b.text for b in committees.blocks)
    assert "各专委会承担" in body and "你单位" not in body
    bureau = next(n for n in notices if n.stem == "提醒-市交通运输局")
    assert "你单位承担" in "".join(b.text for b in bureau.blocks)


def test_documents_use_full_width_punctuation(notices) -> None:  # type: ignore[no-untyped-def]
    bulletin = notices[-1]
    assert bulletin.addressee.startswith("各区（开发区、经济区），")
    for n in notices:
        assert [t for t in _texts(n) if _HALF.search(t)] == [], n.stem


def test_a_reminder_lists_its_red_items_with_their_red_reasons_and_attaches_the_rest(example, notices) -> None:  # type: ignore[no-untyped-def]
    cat, report = example
    transport = next(n for n in notices if n.stem == "提醒-市交通运输局")
    table = next(b.table for b in transport.blocks if b.table)
    red = sorted((p for p in report.pairs if p.unit == "transport" and p.level == 3), key=report.is_goal)
    assert [row[0] for row in table.rows] == [cat.items[p.item].id for p in red]  # task items first, then goals
    assert table.headers[-1] == "预警原因"
    red_reason = r"逾期未完成|漏报\d+期|节点滞后|提醒\d+次仍无进展"
    assert all(re.fullmatch(rf"({red_reason})(、({red_reason}))*", str(row[-1])) for row in table.rows)
    assert any(p.reasons[-1] in ("behind-pace", "silent") for p in red)  # left out: not what makes it red
    yellow = [p for p in report.pairs if p.unit == "transport" and p.level == 2]
    (attachment,) = transport.attachments
    assert sorted(row[0] for _, t in attachment.groups for row in t.rows) == sorted(cat.items[p.item].id
                                                                                    for p in yellow)
    heads = [h for h, _ in attachment.groups]
    assert heads[0].startswith("（一）") and all(re.search(r"（\d+项）$", h) for h in heads)
    assert sum(int(re.search(r"（(\d+)项）$", h).group(1)) for h in heads) == len(yellow)  # type: ignore[union-attr]


def test_a_unit_with_nothing_red_and_few_items_reads_them_in_the_body(notices) -> None:  # type: ignore[no-untyped-def]
    echeng = next(n for n in notices if n.stem == "提醒-鄂城区")
    assert "优先办理" not in "".join(b.text for b in echeng.blocks)
    assert "你单位目标中红色预警0项、黄色预警2项" in echeng.blocks[0].text  # a district carries goals only
    (table,) = [b.table for b in echeng.blocks if b.table is not None]
    assert [row[0] for row in table.rows] == ["G0", "G1"] and table.headers[-1] == "预警原因"
    assert all(row[-1] == "滞后于序时进度" for row in table.rows)  # each with its reasons
    assert echeng.attachments == () and "附件" not in "".join(b.text for b in echeng.blocks)
    assert any(b.text == "以下黄色预警事项（目标2项）请抓紧推进：" for b in echeng.blocks)
    transport = next(n for n in notices if n.stem == "提醒-市交通运输局")
    assert any(b.text.startswith("另有黄色预警事项") for b in transport.blocks)  # besides the red ones
    assert len(transport.attachments) == 1  # too many to read in the body


def test_the_yellow_sentence_counts_only_the_reasons_the_items_have(example) -> None:  # type: ignore[no-untyped-def]
    from tracker.views.notices import INLINE_MAX

    cat, report = example
    unit = next(u for u, x in cat.units.items() if x.short == "鄂城区")
    pairs = lagging(report)[unit] * (INLINE_MAX + 1)  # more than the body lists: counted, and attached
    notice = reminder(cat, report, unit, pairs, Lang.ZH)
    rest = [b.text for b in notice.blocks if "序时进度" in b.text]
    assert rest == [f"黄色预警事项（目标{len(pairs)}项）中，滞后于序时进度{len(pairs)}项，清单见附件。"]  # no "0项"
    assert len(notice.attachments) == 1


def test_no_number_leaves_a_blank_to_fill_and_the_cc_comes_from_the_plan_or_the_option(example) -> None:  # type: ignore[no-untyped-def]
    cat, report = example
    plain = dataclasses.replace(cat, plan=cat.plan._replace(document_number="", cc="市人民政府办公室、市应急管理局"))
    first = all_notices(plain, report, Lang.ZH)[1]
    assert first.number == "" and re.fullmatch(r"\u3000+〔\u3000+〕\u3000+号", first.shown_number)
    assert first.cc == "市人民政府办公室，市应急管理局"
    given = all_notices(plain, report, Lang.ZH, number="鄂安防办〔2025〕12号", cc="市委办公室")[-1]
    assert given.shown_number == "鄂安防办〔2025〕12号" and given.cc == "市委办公室"
    assert all_notices(cat, report, Lang.ZH)[1].cc == ""


def test_titles_are_broken_by_the_lists_words(notices) -> None:  # type: ignore[no-untyped-def]
    reminder, bulletin = notices[1], notices[-1]
    assert reminder.title_lines == ("关于加快推进安全生产治本攻坚三年行动", "重点工作任务的提醒")
    assert bulletin.title_lines == ("关于安全生产治本攻坚三年行动", "重点工作任务推进情况的通报")


def test_the_yellow_counts_are_the_reasons_the_attachment_lists(notices) -> None:  # type: ignore[no-untyped-def]
    """The reported case: "30天以上未报送进度0项" above items marked 久未报送 (an item both behind pace and silent
    was counted only as behind). Each count is now of the items the attachment lists with that reason."""
    import re

    checked = 0
    for n in notices:
        groups = [head for a in n.attachments for head, _ in a.groups]
        if not groups or n.stem.startswith("内部清单"):
            continue
        counts = {"滞后于序时进度": 0, "久未报送": 0}
        for head in groups:
            size = int(re.search(r"（(\d+)项）$", head).group(1))  # type: ignore[union-attr]
            for reason in counts:
                counts[reason] += size if reason in head else 0
        text = next(b.text for b in n.blocks if "清单见附件" in b.text)
        behind = re.search(r"滞后于序时进度(\d+)项", text)
        silent = re.search(r"天以上未报送进度(\d+)项", text)
        assert (int(behind.group(1)) if behind else 0) == counts["滞后于序时进度"], text
        assert (int(silent.group(1)) if silent else 0) == counts["久未报送"], text
        checked += counts["久未报送"] > 0
    assert checked  # some reminder of the example lists silent items
