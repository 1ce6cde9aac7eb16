"""All wording the office reads, in one place: Chinese by default, English with --lang en."""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


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
        "根据《{plan}》，截至{date}，你单位承担{load}。经调度，你单位有以下事项存在逾期、漏报、进度滞后或长期未报送等情况，"
        "现予提醒。",
        "Under the {plan}, as of {date} your unit carries {load}. The items below are overdue, missed, behind "
        "pace or unreported."),
    "notice.section.overdue": ("红色预警事项", "Red warnings"),
    "notice.section.behind": ("黄色预警事项", "Yellow warnings"),
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
    "bulletin.problem.red": ("{units}等{n}个单位有红色预警事项（逾期、漏报或时间节点逾期），共{count}项，清单见附件2。",
                             "{n} unit(s) have red warnings (overdue, a period missed or a milestone overdue), "
                             "{count} in all, listed in attachment 2: {units}."),
    "bulletin.problem.yellow": ("{units}等{n}个单位有黄色预警事项（滞后于序时进度或长期未报送），共{count}项。",
                                "{n} unit(s) have yellow warnings (behind pace or silent), {count} in all: "
                                "{units}."),
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
    # the vocabulary of problem messages (codes.py), as i18n.word gives it
    "word.mapping": ("映射", "a mapping"),
    "word.list": ("列表", "a list"),
    "word.text": ("文字", "text"),
    "word.integer": ("整数", "a whole number"),
    "word.number": ("数字", "a number"),
    "word.boolean": ("true 或 false", "true or false"),
    "word.null": ("空值", "nothing (null)"),
    "word.the-text": ("文字", "the text"),
    "word.the-number": ("数字", "the number"),
    "word.the-boolean": ("布尔值", "the boolean"),
    "word.units-file": ("units.yaml", "units.yaml"),
    "word.tasks-file": ("tasks.yaml", "tasks.yaml"),
    "word.plan": ("计划（plan）", "the plan"),
    "word.warnings": ("预警设置（warnings）", "warnings"),
    "word.unit": ("单位", "a unit"),
    "word.unit-id": ("单位", "unit"),
    "word.task": ("任务", "a task"),
    "word.goal": ("目标", "a goal"),
    "word.goal-id": ("目标编号", "goal id"),
    "word.goal-kind": ("目标类别", "goal kind"),
    "word.action": ("行动", "an action"),
    "word.work": ("重点工作", "a key work"),
    "word.cadence": ("频次（cadence）", "cadence"),
    "word.target": ("量化目标（target）", "target"),
    "word.file": ("文件", "the file"),
    "word.progress-file": ("进度文件", "a progress file"),
    "word.record": ("记录", "a record"),
    "word.status": ("状态", "status"),
    "word.record-type": ("记录类型", "record type"),
    "word.unit-kind": ("单位类别", "unit kind"),
    "word.period": ("周期", "period"),
    "word.single-unit": ("单个单位", "a single unit"),
    "word.group": ("集合", "a group"),
    "word.as-boolean": ("布尔值", "a boolean"),
    "word.as-number": ("数字（六十进制、八进制或十六进制）", "a number (base 60, octal or hex)"),
    "word.yaml.unclosed-quote": ("引号没有闭合", "a quoted value is not closed"),
    "word.yaml.unclosed-bracket": ("括号没有闭合", "a bracket is not closed"),
    "word.yaml.colon-in-value": ("此处不能出现映射值（值中含有 ': '）", "mapping values are not allowed here"),
    "word.yaml.missing-colon": ("缺少 ':'", "could not find the expected ':'"),
    "word.yaml.bad-token": ("有不能作为开头的字符", "a character that cannot start any token"),
    "word.yaml.bad-indent": ("缩进不对", "the indentation is wrong"),
    "word.yaml.truncated": ("文件意外结束（最后一行不完整）", "the file ends unexpectedly (the last line is cut off)"),
    "word.yaml.other": ("无法读取", "cannot read this YAML"),
    "word.hint.colon": ("值中含有 ': ' 时必须加引号", "a value containing ': ' must be quoted"),
    "word.hint.quote": ("在这一行把引号补齐", "close the quote on this line"),
    "word.hint.bracket": ("在这一行把括号补齐", "close the bracket on this line"),
    "word.hint.mapping-line": ("映射的每一行都要写成 `键: 值`；检查缩进", "each line of a mapping needs `key: value`; "
                               "check the indentation"),
    "word.hint.special": ("以 @ ` % | 等特殊字符开头的值要加引号", "quote values that start with special characters "
                          "such as @ ` % |"),
    "word.hint.check": ("检查这个位置附近的缩进和引号", "check the indentation and quoting around this position"),
    "word.hint.record-line": ("一条记录写一行：- {\"id\": …}", "one record per line: - {\"id\": …}"),
    "word.hint.progress-mapping": ("进度文件应是含 `unit:` 和 `entries:` 的映射",
                                   "a progress file must be a mapping with `unit:` and `entries:`"),
    "word.hint.list": ("每项写成 `- 项` 一行，或 `[a, b]`", "write items as `- item` lines or `[a, b]`"),
    "word.hint.quote-value": ("给值加引号", "quote the value"),
    "word.hint.digits": ("只写数字，如 80（不带 % 号，不用全角数字）", "write digits only, e.g. 80 (no % sign, no "
                         "full-width digits)"),
    "word.hint.unit-id": ("写成如 `unit: emergency`", "write e.g. `unit: emergency`"),
    "word.hint.evidence": ("写成 \"evidence\": [\"a.pdf\"]", "write \"evidence\": [\"a.pdf\"]"),
    "word.hint.whole-number": ("写一个整数", "write a whole number"),
    "data_errors": ("数据有误", "data errors"),
    "report.errors": ("注意：{units}的进度文件有 {n} 个错误，出错的记录未计入，以下数字不完整。",
                      "Attention: the progress files of {units} have {n} error(s); records with errors are left "
                      "out and the figures below are incomplete."),
    "rejected_because": ("退回（{date}）：{reason}", "rejected ({date}): {reason}"),
    "verdict": ("审核", "Office's check"),
    "view.units_of_item": ("各单位进展", "Each unit's state"),
    # the command line: errors, refusals, prompts and what a command says it did
    "hint": ("提示：{hint}", "hint: {hint}"),
    "level.word.error": ("错误", "error"),
    "level.word.warning": ("警告", "warning"),
    "problems.count": ("{errors} 个错误，{warnings} 个警告", "{errors} error(s), {warnings} warning(s)"),
    "field.percent": ("进度", "percent"),
    "field.value": ("数值", "value"),
    "input.not-number": ("{what}必须是数字，而不是 {text}", "{what} must be a number, not {text}"),
    "input.read-as": ("已将{what} {text} 读作 {value}", "read {what} {text} as {value}"),
    "input.bad-status": ("未知状态 {text}；可选：{choices}", "unknown status {text}; one of {choices}"),
    "input.bad-date": ("{text} 不是日期；可写成 2025-09-30、2025/9/30、2025.9.30 或 2025年9月30日",
                       "{text} is not a date; write 2025-09-30, 2025/9/30, 2025.9.30 or 2025年9月30日"),
    "cli.no-root": ("在 {path} 及其上级目录中没有找到 tasks.yaml", "no tasks.yaml in {path} or any folder above it"),
    "cli.no-root-here": ("{path} 中没有 tasks.yaml", "{path}: no tasks.yaml here"),
    "cli.hint.no-root": ("请在跟踪目录中运行，或用 --root 目录 指定，或用 `tracker init` 新建",
                         "run tracker inside a tracking folder, pass --root DIR, or create one with `tracker init`"),
    "cli.list-errors": ("任务清单有错误，请先修正（见 `tracker validate`）",
                        "the task list has errors; fix them first (see `tracker validate`)"),
    "cli.data-errors": ("{files} 有 {n} 个错误：报表会漏掉这些记录，因此不予输出",
                        "{n} error(s) in {files}: the figures would leave those records out, so none are given"),
    "cli.hint.data-errors": ("用 `tracker validate` 查看并修正；确需先看数据时加 --allow-errors（输出会标明数据有误）",
                             "see and fix them with `tracker validate`; to see the figures anyway, pass "
                             "--allow-errors (every output then says the data has errors)"),
    "cli.data-errors-allowed": ("注意：{files} 有 {n} 个错误，出错的记录未计入（--allow-errors）",
                                "warning: {n} error(s) in {files}; records with errors are left out "
                                "(--allow-errors)"),
    "cli.no-action": ("没有行动 {n}", "no action {n}"),
    "cli.hint.actions": ("行动编号为 1–{max}", "actions are 1–{max}"),
    "cli.no-task": ("没有任务 {task}", "no task {task}"),
    "cli.hint.tasks": ("任务编号为 1–60，目标为 G0–G5", "tasks are numbered 1–60, goals G0–G5"),
    "cli.unit-ambiguous": ("{name} 可能指 {ids}", "{name} may mean {ids}"),
    "cli.hint.unit-id": ("请用单位编号", "use the unit id"),
    "cli.unknown-unit": ("未知单位 {name}", "unknown unit {name}"),
    "cli.hint.units": ("见 `tracker units`", "see `tracker units`"),
    "cli.binary": ("这种格式是二进制的，请用 -o 文件名 写入文件", "this format is binary; write it to a file with -o FILE"),
    "cli.no-format": ("无法从 {path} 判断格式", "cannot tell the format from {path}"),
    "cli.hint.format": ("用 --format 指定，或使用 .md .csv .json .html .xlsx 扩展名",
                        "pass --format, or use .md .csv .json .html .xlsx"),
    "cli.bad-choice": ("{option}：{value} 不是可选值（{choices}）", "{option}: {value} is not one of {choices}"),
    "cli.cannot-write": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "cli.wrote": ("已写入 {path}", "wrote {path}"),
    "cli.bad-option": ("{option}：{message}", "{option}: {message}"),
    "cli.verify-nothing": ("截至 {date}，{unit}在任务 {task} 上没有“已完成”可供核验",
                           "{unit} has no 'done' on task {task} to check as of {date}"),
    "cli.hint.verify": ("单位先报送已完成，市安防办再核验或退回", "a unit records done first; the office then verifies or "
                        "rejects it"),
    "cli.git": ("git：{error}", "git: {error}"),
    "cli.hint.git": ("请在包含跟踪目录的 git 仓库中运行", "run inside a git repository holding the tracking folder"),
    "cli.checked": ("检查了 {commits} 个提交，发现 {violations} 处违规", "{commits} commit(s) checked, {violations} "
                    "violation(s)"),
    "cli.forgeable": ("注意：git 的作者姓名和邮箱可以伪造；--require-signed 还要求每个改动跟踪文件的提交都有有效签名",
                      "note: git author names and emails can be forged; --require-signed also demands a good "
                      "signature on every commit that changes tracking files"),
    "cli.already-there": ("{folder} 中已有 {files}", "{folder} already has {files}"),
    "cli.hint.nothing-changed": ("没有做任何改动", "nothing was changed"),
    "cli.created": ("已创建 {path}", "created {path}"),
    "cli.internal": ("内部错误：{error}", "internal error: {error}"),
    "cli.hint.internal": ("请报告此问题；设置 TRACKER_DEBUG=1 可查看详情", "please report this; set TRACKER_DEBUG=1 to "
                          "see the details"),
    "cli.interrupted": ("已中断，没有做任何改动", "interrupted; nothing was changed"),
    "cli.missing-option": ("缺少 --{option}", "missing --{option}"),
    "cli.hint.missing-option": ("请加上 --{option}，或在终端中运行以便逐项询问",
                                "pass --{option}, or run at a terminal to be asked"),
    "cli.choose": ("请从以下选择：{choices}", "choose one of: {choices}"),
    "cli.notice": ("说明：{text}", "note: {text}"),
    "cli.recorded": ("已记录 {id}，写入 {path}", "recorded {id} in {path}"),
    "cli.planned": ("已添加时间节点 {id}，写入 {path}", "planned {id} in {path}"),
    "cli.verified": ("已销号 {id}，写入 {path}", "verified {id} in {path}"),
    "cli.rejected": ("已退回 {id}，写入 {path}", "rejected {id} in {path}"),
    "cli.refused": ("这条记录未被接受，没有写入任何内容", "the entry was refused; nothing was written"),
    "cli.file-has-errors": ("{path} 已有错误，没有写入任何内容（请先修正）",
                            "{path} already has errors; nothing was written (fix it first)"),
    "cli.note-required": ("受阻的记录须写明原因", "a blocked entry must say why"),
    "cli.unknown-code": ("没有问题代码 {code}", "no problem code {code}"),
    "cli.hint.explain": ("`tracker explain --all` 列出所有代码", "`tracker explain --all` lists every code"),
    "cli.explain.message": ("消息：{message}", "message: {message}"),
    "cli.no-maintainers": ("注意：units.yaml 中没有任何单位填写维护人（maintainers），生成的 CODEOWNERS 只能指定市安防办",
                           "note: no unit in units.yaml lists maintainers, so CODEOWNERS can name the office only"),
    "cli.created-git": ("已在 {path} 建立 git 仓库", "made {path} a git repository"),
    "cli.next-steps": ("下一步：在 {units} 中为每个单位填写维护人（maintainers: [姓名 <邮箱>]），"
                       "再用 `tracker record` 填报进度、`tracker report` 查看报表。",
                       "next: list each unit's maintainers in {units} (maintainers: [Name <email>]), then record "
                       "progress with `tracker record` and see the report with `tracker report`."),
    "prompt.git": ("是否同时建立 git 仓库？", "Make the folder a git repository too?"),
    "prompt.unit": ("单位（{choices}）", "unit ({choices})"),
    "prompt.status": ("状态（{choices}）", "status ({choices})"),
    "prompt.percent": ("进度（0–100）", "percent (0–100)"),
    "prompt.note": ("说明", "note"),
    "prompt.note-blocked": ("受阻原因（必填）", "why it is blocked (required)"),
    "prompt.due": ("到期日", "due date"),
    "prompt.milestone": ("节点内容", "what will be done by then"),
    "prompt.retry": ("{message}，请重新输入", "{message}; try again"),
    # the colour legend (palette.legend)
    "decision.verify": ("销号", "verification"),
    "decision.reject": ("退回", "rejection"),
    "decision.done": ("“已完成”", "done"),
    "legend.title": ("预警颜色", "Warning colours"),
    "legend.red": ("红色：已逾期、漏报或时间节点逾期", "red: overdue, a period missed or a milestone overdue"),
    "legend.yellow": ("黄色：滞后于序时进度，或{silent}天以上未报送",
                      "yellow: behind the expected pace, or no report for {silent} days or more"),
    "legend.blue": ("蓝色：截止日期或时间节点在{near}天内", "blue: a deadline or milestone within {near} days"),
    # the spreadsheet return: tracker template and tracker import
    "form.sheet": ("填报表", "Return"),
    "form.title": ("安全生产治本攻坚三年行动重点工作进度填报表（{unit}）",
                   "Progress return of {unit}: key work-safety tasks"),
    "form.subtitle": ("填报单位：{unit}    现状截至：{date}    共{n}项",
                      "Unit: {unit}    State as of {date}    {n} item(s)"),
    "form.col.id": ("编号", "ID"),
    "form.col.text": ("任务内容", "Task"),
    "form.col.deadline": ("截止日期", "Deadline"),
    "form.col.cadence": ("频次", "Cadence"),
    "form.col.target": ("目标", "Target"),
    "form.col.status_now": ("当前状态", "Current status"),
    "form.col.percent_now": ("当前进度(%)", "Current %"),
    "form.col.latest": ("最近报送", "Last entry"),
    "form.col.status": ("本次状态", "New status"),
    "form.col.percent": ("本次进度(%)", "New %"),
    "form.col.value": ("数值", "Value"),
    "form.col.note": ("情况说明", "Note"),
    "form.col.evidence": ("佐证材料", "Evidence"),
    "form.col.date": ("进展日期", "Date"),
    "form.unit-or-all": ("请用 --unit 指定单位，或用 --all 为每个单位各生成一份", "pass either --unit U or --all"),
    "form.no-items": ("{unit}没有应报送的事项（集合名称由其成员单位分别报送）",
                      "{unit} reports on no item (a collective name reports through its members)"),
    "form.help.sheet": ("填报说明", "Instructions"),
    "form.help.1": ("1. 本表由 tracker template 生成，只填写本单位有新进展的事项；没有新进展的行请留空，导入时跳过。",
                    "1. Made by tracker template. Fill in only the items with new progress; rows left empty are "
                    "skipped."),
    "form.help.2": ("2. 灰色列（编号至最近报送）为任务清单和当前进度，已锁定，请勿修改；请勿增删行、列或工作表。",
                    "2. The grey columns (ID to Last entry) are the list and the current state; they are locked. "
                    "Do not add or delete rows, columns or sheets."),
    "form.help.3": ("3. 本次状态：从下拉列表中选择 {choices}。", "3. New status: choose one of {choices}."),
    "form.help.4": ("4. 本次进度：填写0至100的整数，不带百分号；已完成即100，受阻须在情况说明中写明原因。",
                    "4. New %: a whole number from 0 to 100; done means 100; a blocked item must say why in "
                    "the note."),
    "form.help.5": ("5. 数值：仅有量化目标的事项填写（如查处率96.5），其余事项该列已锁定。",
                    "5. Value: only for items with a quantified target (e.g. 96.5); locked for the others."),
    "form.help.6": ("6. 佐证材料：填写文件名或链接，多个用分号或换行分隔。",
                    "6. Evidence: file names or links, separated by semicolons or line breaks."),
    "form.help.7": ("7. 进展日期：写成2025-09-30或2025年9月30日；不填则按导入当天计。日期不能晚于导入当天。",
                    "7. Date: e.g. 2025-09-30; empty means the day of import. It cannot be in the future."),
    "form.help.8": ("8. 填好后保存为xlsx（WPS、Excel均可）报市安防办，由市安防办导入；同一表格重复导入不会重复记录。",
                    "8. Save as xlsx (WPS or Excel) and send it to the office, which imports it; importing the "
                    "same sheet twice records nothing twice."),
    "import.refused": ("共{n}个问题，未导入任何记录", "{n} problem(s); nothing was imported"),
    "import.added": ("{path}：新增{added}条，跳过{skipped}条已导入的记录", "{path}: {added} added, {skipped} already "
                     "imported and skipped"),
    "import.dry-run": ("（试运行，未写入）", "(dry run: nothing written)"),
    "import.nothing": ("{file}：没有填写的行", "{file}: no filled rows"),
    # notices and bulletins as 公文 (GB/T 9704): parts, attachments, ranking, contact
    "notice.load.tasks": ("重点工作任务{expected}项，已完成{done}项，完成率{rate}%，平均进度{average}%",
                          "{expected} task(s), {done} done ({rate}%), average progress {average}%"),
    "notice.load.goals": ("目标{expected}项，已完成{done}项，平均进度{average}%",
                          "{expected} goal(s), {done} done, average progress {average}%"),
    "notice.load.sep": ("；", "; "),
    "notice.load.none": ("的事项均已完成", "no open items"),
    "notice.red": ("以下{n}项已逾期、漏报或时间节点逾期，请立即整改：", "These {n} item(s) are overdue or missed:"),
    "notice.red.none": ("无。", "None."),
    "notice.more": ("另有{n}项，见附件。", "{n} more in the attachment."),
    "notice.yellow": ("滞后于序时进度{behind}项，{days}天以上未报送进度{silent}项，清单见附件。",
                      "{behind} item(s) behind the expected pace and {silent} without a report for {days} days or "
                      "more; the attachment lists them."),
    "notice.attachment": ("{unit}预警事项清单", "Warnings of {unit}"),
    "notice.attachments": ("附件", "Attachments"),
    "notice.attachment.n": ("附件{n}", "Attachment {n}"),
    "notice.contact": ("联系人：{name}", "Contact: {name}"),
    "notice.phone": ("联系电话：{phone}", "Telephone: {phone}"),
    "notice.contact.wrap": ("（{text}）", "({text})"),
    "bulletin.top": ("按完成率排名（完成率相同的比较平均进度，两者均相同的并列），前列单位为：{top}。全部排名见附件1。",
                     "Ranked by completion rate (then average progress; equal on both share a rank), the leading "
                     "units are: {top}. Attachment 1 gives the full ranking."),
    "bulletin.top.unit": ("第{rank}名{unit}（{rate}%）", "{rank}. {unit} ({rate}%)"),
    "bulletin.top.tie": ("{n}个单位并列第{rank}名（{rate}%）", "{n} units tied at rank {rank} ({rate}%)"),
    "bulletin.attachment.ranking": ("各单位推进情况排名表", "Units ranked by completion"),
    "bulletin.attachment.red": ("红色预警事项清单", "Items with a red warning"),
    # change since an earlier date (--since)
    "since.rate": ("完成率较{date}", "Rate change since {date}"),
    "since.done": ("新完成", "Newly done"),
    "since.overdue": ("新逾期", "Newly overdue"),
    "since.red": ("新红色", "Newly red"),
    "since.summary": ("较{date}，新完成{done}项，完成率变化{rate}个百分点，新逾期{overdue}项，新增红色预警{red}项。",
                      "Since {date}: {done} newly done, completion rate {rate} points, {overdue} newly overdue, "
                      "{red} newly red."),
    "since.unit": ("较{date}，你单位新完成{done}项，新逾期{overdue}项，新增红色预警{red}项。",
                   "Since {date}, your unit has {done} newly done, {overdue} newly overdue and {red} newly red "
                   "item(s)."),
    # the HTML page's charts
    "chart.trend": ("各月末完成率", "Completion rate at each month end"),
    "chart.unit.note": ("柱的颜色为其中最高的预警等级，绿色为无预警。",
                        "A bar's colour is the worst warning level in it; green: no warning."),
    "cli.since_after": ("--since {since} 须早于 --as-of {day}", "--since {since} must be before --as-of {day}"),
    "cli.by_json": ("--by 不适用于 json：json 已包含全部视图（by_unit、by_task、by_action、by_goal）",
                    "--by does not apply to json: json holds every view (by_unit, by_task, by_action, by_goal)"),
    "cli.by_json.hint": ("去掉 --by，或改用 --format md/csv/table", "leave out --by, or use --format md, csv or table"),
    # the office's follow-up: extensions (延期申请), the reminder register, scoring (考核), lead units (牵头)
    "reason.reminded": ("提醒{n}次仍无进展", "reminded {n} times without progress"),
    "cli.extend-usage": ("请给出 --until（单位申请延期）、--approve 或 --refuse（市安防办审批）之一",
                         "give one of --until (a unit's request), --approve or --refuse (the office's decision)"),
    "cli.extend-pending": ("已有待审批的延期申请 {id}（至 {until}），请等待审批",
                           "extension request {id} (to {until}) is still awaiting a decision"),
    "cli.hint.extend-pending": ("由市安防办用 --approve 或 --refuse 审批后再申请",
                                "the office decides it with --approve or --refuse first"),
    "cli.extend-none": ("截至 {date}，{unit}在任务 {task} 上没有待审批的延期申请",
                        "as of {date}, {unit} has no extension request awaiting a decision on task {task}"),
    "cli.hint.extend-none": ("单位先用 tracker extend TASK --unit U --until D --note 理由 申请",
                             "the unit asks first: tracker extend TASK --unit U --until D --note REASON"),
    "cli.extend-requested": ("已提交延期申请 {id}，写入 {path}", "extension requested ({id}) in {path}"),
    "cli.extend-approved": ("已批准延期 {id}，写入 {path}", "extension approved ({id}) in {path}"),
    "cli.extend-refused": ("已不予延期 {id}，写入 {path}", "extension refused ({id}) in {path}"),
    "cli.reminder-recorded": ("已登记对{unit}的提醒（{n}项），写入 {path}",
                              "reminder to {unit} registered ({n} item(s)) in {path}"),
}


def label(key: str, lang: Lang = Lang.ZH) -> str:
    zh, en = _LABELS[key]
    return zh if lang is Lang.ZH else en


class Msg(NamedTuple):
    """A message as a value: a label key and its arguments, put into words only when shown. Arguments are
    text, or (zh, en) pairs chosen by the reader's language."""

    key: str
    args: tuple[tuple[str, str | tuple[str, str]], ...] = ()

    @classmethod
    def of(cls, key: str, **args: str | tuple[str, str]) -> Msg:
        return cls(key, tuple(args.items()))

    def text(self, lang: Lang = Lang.ZH) -> str:
        zh = lang is Lang.ZH
        return label(self.key, lang).format(**{k: (v[0] if zh else v[1]) if isinstance(v, tuple) else v
                                               for k, v in self.args})


def both(key: str) -> tuple[str, str]:
    """A label in both languages, for a message whose language is chosen when it is shown."""
    return _LABELS[key]


def word(key: str) -> tuple[str, str]:
    """A word of the tool's own vocabulary in both languages, for messages chosen when they are shown."""
    return _LABELS[f"word.{key}"]


def reason(code: str, lang: Lang = Lang.ZH) -> str:
    """A warning reason code (``missed:2``) in words."""
    name, _, n = code.partition(":")
    return label(f"reason.{name}", lang).format(n=n)
