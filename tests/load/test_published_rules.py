"""The extraction rules, each on the published wordings it is stated for and on what it must not decide."""

from __future__ import annotations

import datetime as dt

from tests.load.test_faithful import catalog
from tracker.core.model import Cadence, Period, Target
from tracker.load.published import rules

END = dt.date(2025, 12, 31)
CAMPAIGN = dt.date(2026, 12, 31)


def directory() -> rules.Directory:
    return rules.Directory(catalog().units)


def codes(found: object) -> list[str]:
    return [d.code for d in getattr(found, "doubts")]  # noqa: B009 - every result carries its doubts


def test_a_cell_of_named_units_and_a_group_after_deng_is_open() -> None:
    r = rules.responsible("市经信局、市文旅局、市消防救援局等市安防委有关成员单位", directory())
    assert (r.units, r.groups, r.open, r.doubts) == (("econ-info", "culture-tourism", "fire-rescue"),
                                                    ("member-units",), True, ())


def test_separators_inside_brackets_do_not_split_a_name() -> None:
    r = rules.responsible("各区(开发区、经济区),市安全生产各专业委员会,市安防委相关成员单位", directory())
    assert r.groups == ("districts", "committees", "member-units") and not r.open


def test_aliases_and_the_full_name_with_its_city_as_shi_resolve() -> None:
    r = rules.responsible("市20个专委会,市市场监督管理局、市应急管理局", directory())
    assert r.groups == ("committees",) and r.units == ("market-regulation", "emergency") and r.doubts == ()


def test_names_run_together_are_read_as_the_known_names_with_a_doubt() -> None:
    r = rules.responsible("市市场监管局市安防委相关成员单位", directory())
    assert (r.units, r.groups) == (("market-regulation",), ("member-units",))
    assert codes(r) == ["list-unit-run-together"]


def test_a_generic_tail_names_nobody_and_a_reorganised_name_is_a_doubt() -> None:
    r = rules.responsible("市住建局、市应急局等有关部门", directory())
    assert (r.units, r.groups, r.open) == (("housing-construction", "emergency"), (), True)
    assert codes(r) == ["list-unit-ambiguous"]


def test_a_new_name_becomes_a_new_unit_once_and_is_found_after() -> None:
    d = directory()
    first = rules.responsible("市数据局牵头，市应急局配合", d)
    again = rules.responsible("市数据局", d)
    assert first.units == ("new-1", "emergency") and first.lead == "new-1" and codes(first) == ["list-unit-new"]
    assert again.units == ("new-1",) and again.doubts == ()
    assert d.units["new-1"].ambiguous == rules.NEW_UNIT_NOTE


def test_two_leads_set_none() -> None:
    r = rules.responsible("市应急局牵头、市经信局牵头", directory())
    assert r.lead is None and codes(r) == ["list-lead-several"]


def test_deadlines_in_words() -> None:
    def due(text: str) -> dt.date | None:
        return rules.deadline(text, 2025, END, CAMPAIGN).date

    assert due("6月底前完成排查") == dt.date(2025, 6, 30)
    assert due("9月30日前建成") == dt.date(2025, 9, 30)
    assert due("2026年3月31日前") == dt.date(2026, 3, 31)
    assert due("三季度末前完成") == dt.date(2025, 9, 30)
    assert due("2025年底前有效遏制") is None and due("年内完成") is None  # the plan's own deadline
    assert due("建立工作机制") is None
    three = rules.deadline("三年内，对全市执法人员开展培训", 2025, END, CAMPAIGN)
    assert three.date == CAMPAIGN and codes(three) == ["list-deadline-campaign"]
    both = rules.deadline("6月底前启动，9月底前完成", 2025, END, CAMPAIGN)
    assert both.date is None and codes(both) == ["list-deadline-unclear"]


def test_cadences_with_the_high_risk_sectors_apart() -> None:
    assert rules.cadence("每季度带队开展1次检查(高危行业领域每月至少1次)").cadence == \
        Cadence(Period.QUARTERLY, Period.MONTHLY)
    assert rules.cadence("每年至少组织一次演练(高危行业每半年至少一次)").cadence == \
        Cadence(Period.YEARLY, Period.HALF_YEARLY)
    finer = rules.cadence("落实“日管控、周排查、月调度”工作机制")
    assert finer.cadence == Cadence(Period.MONTHLY) and codes(finer) == ["list-cadence-finer"]
    regular = rules.cadence("定期通报一批案例")
    assert regular.cadence is None and codes(regular) == ["list-cadence-unstated"] and regular.words == ("定期通报",)
    two = rules.cadence("每月调度，每季度通报")
    assert two.cadence is None and "list-cadence-unclear" in codes(two)
    assert rules.cadence("开展一次集中警示教育").cadence is None


def test_targets_name_their_rate() -> None:
    assert rules.target("对发现的安全生产违法行为查处率达到100%").target == Target("查处率", 100, "%")
    assert rules.target("行为的责任追究到位率达到100%").target == Target("责任追究到位率", 100, "%")
    assert rules.target("新招员工日常安全教育普及率达 100%。").target == Target("普及率", 100, "%")
    work = rules.target("规上企业落实“12345”要求覆盖率100%,发展一批标杆企业")
    assert work.target == Target("覆盖率", 100, "%") and work.clause == "规上企业落实“12345”要求覆盖率100%"
    assert rules.target("培训全覆盖").target is None
    assert codes(rules.target("查处率达到100%，知晓率达到95%")) == ["list-target-several"]


def test_numbers_typed_as_text_and_action_headings() -> None:
    assert rules.numbered("12.建立机制") == rules.Numbered(12, "建立机制")
    assert rules.numbered("（三）强化培训") == rules.Numbered(3, "强化培训")
    assert rules.numbered("建立机制") == rules.Numbered(None, "建立机制")
    assert rules.action_heading("十、新兴行业专项整治") == ("十", 10, "新兴行业专项整治")
    assert rules.chinese_number("二十三") == 23 and rules.action_heading("关于、提醒") is None


def test_an_open_bracket_is_kept_and_said() -> None:
    assert rules.unbalanced("建立《全员安全生产责任清单") == [("《全员安全生产责任清单", "》", "书名号")]
    assert rules.unbalanced("按照“三管三必须”(区、市)") == []
