"""All wording the office reads, in one place: Chinese by default, English with --lang en."""

from __future__ import annotations

from enum import Enum


class Lang(str, Enum):
    ZH = "zh"
    EN = "en"


_LABELS: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "id": ("编号", "ID"),
    "action": ("行动", "Action"),
    "work": ("重点工作", "Key work"),
    "text": ("年度量化目标任务", "Task"),
    "responsible": ("责任单位", "Responsible units"),
    "reporters": ("应报送单位", "Expected reporters"),
    "deadline": ("截止日期", "Deadline"),
    "cadence": ("频次", "Cadence"),
    "target": ("目标", "Target"),
    "notes": ("说明", "Notes"),
    "kind": ("类别", "Kind"),
    "name": ("名称", "Name"),
    "short": ("简称", "Short name"),
    "aliases": ("别名", "Aliases"),
    "members": ("成员单位", "Members"),
    "items": ("任务数", "Items"),
    "goal": ("目标内容", "Goal"),
    "open_list": ("（名单未列全）", " (list is open)"),
    "ambiguous": ("名称存疑", "Ambiguous"),
    "high_risk": ("高危行业", "high-risk sectors"),
    "period.monthly": ("每月", "monthly"),
    "period.quarterly": ("每季度", "quarterly"),
    "period.half-yearly": ("每半年", "half-yearly"),
    "period.yearly": ("每年", "yearly"),
    "kind.office": ("办公室", "office"),
    "kind.bureau": ("市直部门", "bureau"),
    "kind.district": ("区", "district"),
    "kind.committee": ("专委会", "committee"),
    "kind.organization": ("群团组织", "organization"),
    "kind.group": ("集合", "group"),
    "kind.task": ("任务", "task"),
    "kind.overall": ("总体目标", "overall goal"),
    "kind.stage": ("阶段性目标", "stage goal"),
    "unit": ("单位", "Unit"),
    "status": ("状态", "Status"),
    "percent": ("进度", "Percent"),
    "value": ("数值", "Value"),
    "latest": ("最近报送", "Last entry"),
    "next_due": ("下一节点", "Next due"),
    "warning": ("预警", "Warning"),
    "note": ("最新情况", "Latest note"),
    "status.not-started": ("未启动", "not started"),
    "status.in-progress": ("推进中", "in progress"),
    "status.done": ("已完成", "done"),
    "status.blocked": ("受阻", "blocked"),
    "verified": ("已销号", "verified"),
    "rejected": ("退回", "rejected"),
    "level.0": ("", ""),
    "level.1": ("蓝色", "blue"),
    "level.2": ("黄色", "yellow"),
    "level.3": ("红色", "red"),
    "reason.overdue": ("已逾期", "overdue"),
    "reason.missed": ("漏报{n}期", "missed {n} period(s)"),
    "reason.milestone-overdue": ("时间节点逾期", "milestone overdue"),
    "reason.behind-pace": ("滞后于序时进度", "behind pace"),
    "reason.silent": ("久未报送", "silent"),
    "reason.deadline-near": ("临近截止", "deadline near"),
    "reason.milestone-near": ("时间节点临近", "milestone near"),
    "rank": ("排名", "Rank"),
    "expected": ("应报事项", "Expected"),
    "done": ("已完成", "Done"),
    "rate": ("完成率", "Completion"),
    "verified_count": ("已销号", "Verified"),
    "verified_rate": ("销号率", "Verified rate"),
    "average": ("平均进度", "Average %"),
    "overdue": ("逾期", "Overdue"),
    "red": ("红色", "Red"),
    "yellow": ("黄色", "Yellow"),
    "blue": ("蓝色", "Blue"),
    "units_count": ("应报单位", "Units"),
    "metric": ("指标", "Metric"),
    "actual_vs_target": ("实际 / 目标", "Actual / target"),
    "reported": ("已报单位", "Reported"),
    "lowest": ("最低值", "Lowest"),
    "situation": ("情况", "Situation"),
    "view.unit": ("按单位", "By unit"),
    "view.task": ("按任务", "By task"),
    "view.action": ("按行动", "By action"),
    "view.goal": ("目标完成情况", "Goals and targets"),
    "view.overdue": ("逾期事项", "Overdue items"),
    "view.warnings": ("预警事项", "Warnings"),
    "view.summary": ("概览", "Summary"),
    "report.title": ("{title}推进情况", "Progress of {title}"),
    "report.as_of": ("截至{date}", "As of {date}"),
    "report.summary": (
        "截至{date}，{expected}个应报事项中已完成{done}个，完成率{rate}%（已销号{verified}个，销号率{verified_rate}%），"
        "平均进度{average}%；逾期{overdue}个，漏报{missed}期；红色预警{red}个、黄色预警{yellow}个、蓝色预警{blue}个。",
        "As of {date}: {done} of {expected} expected items done, {rate}% (verified {verified}, {verified_rate}%), "
        "average progress {average}%; {overdue} overdue, {missed} missed period(s); warnings: {red} red, "
        "{yellow} yellow, {blue} blue."),
    "chart.action": ("各行动完成率", "Completion by action"),
    "chart.unit": ("各单位完成率", "Completion by unit"),
    "chart.levels": ("预警分布", "Warning levels"),
    "none": ("无", "none"),
    "due_date": ("日期", "Date"),
    "due.deadline": ("截止日期", "deadline"),
    "due.milestone": ("时间节点", "milestone"),
    "due.period": ("周期任务", "period"),
    "due.overdue": ("逾期{n}天", "{n} day(s) overdue"),
    "due.today": ("今天到期", "due today"),
    "due.soon": ("{n}天后到期", "due in {n} day(s)"),
    "due.what": ("事项", "What"),
    "notice.title": ("关于加快推进安全生产治本攻坚三年行动重点工作任务的提醒",
                     "Reminder: key tasks of the three-year work-safety campaign"),
    "notice.opening": (
        "根据《{plan}》，截至{date}，你单位承担的{expected}项重点工作任务中，已完成{done}项，完成率{rate}%，"
        "平均进度{average}%。经调度，以下事项存在逾期、进度滞后或长期未报送等情况，现予提醒。",
        "Under the {plan}, as of {date} your unit has completed {done} of its {expected} items ({rate}%), "
        "average progress {average}%. The items below are overdue, behind pace or unreported."),
    "notice.section.overdue": ("逾期及漏报事项", "Overdue or missed items"),
    "notice.section.behind": ("进度滞后事项", "Items behind pace"),
    "notice.section.silent": ("长期未报送进度事项", "Items without a report for too long"),
    "notice.request": (
        "请对照任务清单，逐项分析原因，明确整改措施和完成时限，列出时间表，一项一项抓紧落实，并于{reply}前将有关情况"
        "报{office}。做到今年工作今年毕，决不允许出现倒挂欠账。",
        "Please analyse each item, set out corrective measures with a timetable, and report to {office} by "
        "{reply}. This year's work must be finished this year."),
    "bulletin.title": ("关于安全生产治本攻坚三年行动重点工作任务推进情况的通报",
                       "Bulletin on the progress of the key tasks of the three-year work-safety campaign"),
    "bulletin.addressee": ("各区(开发区、经济区)，市安全生产各专业委员会，市安防委各成员单位：",
                           "To the districts, the professional committees and the member units:"),
    "bulletin.opening": ("为推动《{plan}》落实落地，{office}对各单位工作推进情况进行了调度，现将有关情况通报如下。",
                         "{office} has reviewed how each unit is carrying out the {plan}; the results follow."),
    "bulletin.section.overall": ("总体情况", "Overall"),
    "bulletin.section.ranking": ("各单位推进情况", "Units ranked by completion"),
    "bulletin.section.problems": ("存在的问题", "Problems"),
    "bulletin.section.next": ("下一步要求", "Next steps"),
    "bulletin.problem.overdue": ("{units}等{n}个单位存在逾期事项，共{count}项。",
                                 "{n} unit(s) have overdue items ({count} in all): {units}."),
    "bulletin.problem.behind": ("{units}等{n}个单位存在进度滞后或长期未报送事项，共{count}项。",
                                "{n} unit(s) are behind pace or silent ({count} items): {units}."),
    "bulletin.problem.none": ("各单位均按进度推进，未发现逾期或滞后事项。", "No unit is overdue or behind pace."),
    "bulletin.next": (
        "各单位要对照任务清单，对逾期和滞后事项逐项分析、限期整改，按时报送进度和佐证材料。{office}将持续调度检查，"
        "对整改不力的单位予以通报。",
        "Every unit must put overdue and lagging items right by a set date and report progress with evidence on "
        "time. {office} will keep checking and will name units that do not."),
    "notice.file": ("提醒-{unit}", "reminder-{unit}"),
    "bulletin.file": ("通报", "bulletin"),
    "change": ("变更", "Change"),
    "record_type": ("类型", "Type"),
    "content": ("内容", "Content"),
    "level_change": ("预警变化", "Warning before → after"),
    "change.added": ("新增", "added"),
    "change.edited": ("修改（！）", "EDITED (!)"),
    "change.deleted": ("删除（！）", "DELETED (!)"),
    "type.progress": ("进度", "progress"),
    "type.milestone": ("时间节点", "milestone"),
    "type.verify": ("销号", "verified"),
    "type.reject": ("退回", "rejected"),
    "diff.title": ("进度变更", "Progress changes"),
    "diff.summary": ("新增{added}条，修改{edited}条，删除{deleted}条；新问题{problems}个。",
                     "{added} added, {edited} edited, {deleted} deleted; {problems} new problem(s)."),
    "diff.loud": ("注意：进度记录只能追加，已有记录被修改或删除，须由市安防办核实。",
                  "Attention: progress records are append-only; existing records were edited or deleted and "
                  "the office must check why."),
    "diff.problems": ("本次变更带来的问题", "Problems this change introduces"),
    "diff.none": ("没有进度变更。", "No progress changes."),
    "entry_date": ("记录日期", "Entry date"),
    "by": ("填报人", "Recorded by"),
    "commit": ("提交", "Commit"),
    "author": ("提交人", "Author"),
    "committed": ("提交时间", "Committed"),
    "uncommitted": ("未提交", "uncommitted"),
    # the colour legend (palette.legend)
    "legend.title": ("预警颜色", "Warning colours"),
    "legend.red": ("红色：已逾期、漏报或时间节点逾期", "red: overdue, a period missed or a milestone overdue"),
    "legend.yellow": ("黄色：滞后于序时进度，或{silent}天以上未报送",
                      "yellow: behind the expected pace, or no report for {silent} days or more"),
    "legend.blue": ("蓝色：截止日期或时间节点在{near}天内", "blue: a deadline or milestone within {near} days"),
    # trust boundaries: git arguments, record order, withdrawals, output files
    "cli.rev-option": ("修订版本不能以“-”开头：{rev}", "a revision or range cannot begin with '-': {rev}"),
    "cli.rev-option.hint": ("请给出分支、标签或提交编号，如 origin/main..HEAD；未写入任何文件",
                            "give a branch, tag or commit, e.g. origin/main..HEAD; nothing was written"),
    "change.moved": ("顺序变动（！）", "MOVED (!)"),
    "change.duplicated": ("重复（！）", "DUPLICATED (!)"),
    "diff.summary.order": ("另有{moved}条记录顺序变动，{duplicated}条记录重复。",
                           " Also {moved} record(s) moved out of order and {duplicated} duplicated."),
    "type.withdraw": ("撤回", "withdrawal"),
    "withdraws": ("撤回记录", "withdraws"),
    "cli.withdraw.not-office": ("只有市安防办可以撤回记录；当前 git 身份为 {who}",
                                "only the office may withdraw a record; the git identity here is {who}"),
    "cli.withdraw.not-office.hint": ("市安防办的维护人：{office}；未写入任何内容",
                                     "the office's maintainers: {office}; nothing was written"),
    "cli.withdraw.unknown": ("没有编号为 {id} 的记录", "no record with id {id}"),
    "cli.withdraw.unknown.hint": ("记录编号见 `tracker log -f json`；未写入任何内容",
                                  "record ids are listed by `tracker log -f json`; nothing was written"),
    "cli.output-symlink": ("{path} 是符号链接，不会写入或替换", "{path} is a symbolic link; it is neither written "
                           "through nor replaced"),
    "cli.output-symlink.hint": ("请写到链接指向的文件，或换一个文件名；未写入任何内容",
                                "write to the file it points to, or choose another name; nothing was written"),
}


def label(key: str, lang: Lang = Lang.ZH) -> str:
    zh, en = _LABELS[key]
    return zh if lang is Lang.ZH else en


def reason(code: str, lang: Lang = Lang.ZH) -> str:
    """A warning reason code (``missed:2``) in words."""
    name, _, n = code.partition(":")
    return label(f"reason.{name}", lang).format(n=n)
