"""The registry of problem codes: each code's level, its message and hint in Chinese and English, and one line
of documentation. Checks file a code and its arguments; words are chosen here, in the reader's language, only
when a problem is shown. ``docs/problems.md`` is generated from this table (``tracker explain --all``), and a
test holds every code the checks can file to an entry here.

Message templates are ``str.format`` strings over the problem's arguments. An argument is either text shown as
the check gave it (user values already quoted, as JSON writes them) or a (zh, en) pair, shown in the reader's
language; ``i18n.word`` gives the pairs of the tool's own vocabulary.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Level = Literal["error", "warning"]


class Code(NamedTuple):
    level: Level
    zh: str
    en: str
    hint_zh: str
    hint_en: str
    doc_zh: str
    doc_en: str


def _e(zh: str, en: str, hint_zh: str, hint_en: str, doc_zh: str, doc_en: str) -> Code:
    return Code("error", zh, en, hint_zh, hint_en, doc_zh, doc_en)


def _w(zh: str, en: str, hint_zh: str, hint_en: str, doc_zh: str, doc_en: str) -> Code:
    return Code("warning", zh, en, hint_zh, hint_en, doc_zh, doc_en)


CODES: dict[str, Code] = {
    # ------------------------------------------------------------ reading a file
    "no-file": _e("文件不存在或无法读取", "file not found or not readable",
                  "用 `tracker init` 建立跟踪目录，或用 --root 指定目录",
                  "run `tracker init` to create a tracking folder, or pass --root",
                  "tasks.yaml 或 units.yaml 不存在。", "tasks.yaml or units.yaml is missing."),
    "unreadable": _e("无法读取文件：{reason}", "cannot read the file: {reason}",
                     "检查文件权限", "check the file's permissions",
                     "进度文件存在但无法读取。", "A progress file exists but cannot be read."),
    "encoding": _e("不是有效的 UTF-8 编码（字节 0x{byte}）", "not valid UTF-8 (byte 0x{byte})",
                   "请将文件另存为 UTF-8；旧编辑器保存的 GBK/GB2312 文件须先转换",
                   "save the file as UTF-8; GBK/GB2312 files from older editors must be converted",
                   "文件不是 UTF-8 文本（常见于 GBK 编码的文件）。", "The file is not UTF-8 text (often a GBK file)."),
    "bad-character": _e("文件中有不允许的字符 {char}", "character {char} is not allowed in the file",
                        "删除控制字符，将文件保存为纯 UTF-8 文本",
                        "remove control characters; save the file as plain UTF-8 text",
                        "文件含有 YAML 不允许的控制字符（如 NUL）。", "The file holds a control character YAML forbids."),
    "conflict-marker": _e("文件中遗留了 git 冲突标记 {marker}", "git conflict marker {marker} left in the file",
                          "解决合并冲突：保留双方的记录，删除标记行",
                          "resolve the merge: keep both sides' entries, delete the marker lines",
                          "合并冲突没有解决完。", "A git merge conflict was left unresolved."),
    "tab": _e("缩进中有制表符（Tab）", "tab character in indentation", "只用空格缩进", "indent with spaces only",
              "YAML 的缩进不能用 Tab。", "YAML indentation must not use tabs."),
    "empty-file": _e("文件是空的", "the file is empty", "文件至少要有顶层的映射",
                     "a file must hold at least its top-level mapping",
                     "文件为空或只有注释。", "The file is empty or holds only comments."),
    "syntax": _e("YAML 语法错误：{kind}", "YAML syntax: {kind}", "{hint}", "{hint}",
                 "文件不是合法的 YAML；位置指向出错处（未闭合的引号指向它开始的地方）。",
                 "The file is not valid YAML; the position points at the fault (an unclosed quote: where it opens)."),
    "multi-document": _e("文件中有多个 YAML 文档", "more than one YAML document",
                         "删除 `---` 行及其后的所有内容", "remove the `---` line and everything after it",
                         "一个文件只能有一个 YAML 文档。", "A file holds exactly one YAML document."),
    "yaml11-value": _e("{raw} 会被 YAML 1.1 工具读成{as}", "{raw} is read as {as} by YAML 1.1 tools",
                       "如果指的是文字，请加引号：{quoted}", "quote it if you mean the text: {quoted}",
                       "no、off、12:30、0123 这类值在不同工具里含义不同。",
                       "Values such as no, off, 12:30 or 0123 mean different things to different tools."),
    "alias": _e("此处不允许使用别名 *{name}", "alias *{name} is not allowed here", "把值完整写出",
                "write the value out in full", "不允许 YAML 别名（*name）。", "YAML aliases (*name) are refused."),
    "anchor": _e("此处不允许使用锚点 &{name}", "anchor &{name} is not allowed here", "删除锚点", "remove the anchor",
                 "不允许 YAML 锚点（&name）。", "YAML anchors (&name) are refused."),
    "tag": _e("此处不允许使用标签 {tag}", "tag {tag} is not allowed here", "删除标签，写普通的值",
              "remove the tag; write plain values", "不允许 YAML 标签（!!str 等）。", "YAML tags (!!str …) are refused."),
    "bad-key": _e("键必须是普通的词", "a key must be a plain word", "写成 `名称: 值`", "write `name: value`",
                  "映射的键不是普通文字。", "A mapping key is not plain text."),
    "duplicate-key": _e("键 {key} 重复（第一次出现在第 {first} 行）", "duplicate key {key} (first at line {first})",
                        "删除其中一个；YAML 会悄悄只保留最后一个",
                        "remove one of the two; YAML keeps only the last one silently",
                        "同一映射中键重复。", "A key appears twice in one mapping."),
    # ------------------------------------------------------------ fields
    "wrong-type": _e("{subject}{field}应为{expected}，实际是{found}{raw}",
                     "{subject}{field}: expected {expected}, found {found}{raw}", "{hint}", "{hint}",
                     "值的类型不对（例如数字写成了文字）。", "A value of the wrong type (a number written as text …)."),
    "unknown-field": _e("{subject}中有未知字段 {field}", "unknown field {field} in {subject}",
                        "可用的字段：{allowed}", "allowed: {allowed}",
                        "不认识的字段（常见于拼写错误）。", "A field the tool does not know (often a typo)."),
    "missing-field": _e("{subject}缺少字段 {field}", "{subject} has no {field}", "加上 {field}: …",
                        "add {field}: …", "缺少必填字段。", "A required field is missing."),
    "empty-value": _e("{field} 是空的", "{field} is empty", "填写 {field}", "write the {field}",
                      "必填的文字为空。", "A required text is empty."),
    "out-of-range": _e("{field} 为 {value}，超出范围 {low}–{high}", "{field} {value} is outside {low}–{high}",
                       "", "", "数值超出允许范围（如进度不在 0–100）。", "A number out of its range (a percent not in 0–100)."),
    "bad-date": _e("{field} 应为日期 YYYY-MM-DD，实际是 {found}", "{field} must be a date YYYY-MM-DD, found {found}",
                   "例如 2025-09-30", "e.g. 2025-09-30",
                   "日期写法不对；文件中只接受 2025-09-30 这样的 ISO 日期。",
                   "A date not written as an ISO date such as 2025-09-30."),
    "bad-value": _e("未知的{subject} {found}", "unknown {subject} {found}", "可选：{allowed}", "one of: {allowed}",
                    "取值不在可选范围内（状态、记录类型、单位类别、周期等）。",
                    "A value outside its allowed choices (status, record type, unit kind, period …)."),
    # ------------------------------------------------------------ tasks.yaml and units.yaml
    "duplicate-id": _e("{subject}编号 {id} 重复（第一次在第 {first} 行）",
                       "{subject} id {id} is used twice (first at line {first})", "每个编号只能用一次",
                       "give each one its own id", "编号重复：单位、任务或记录的编号必须唯一。",
                       "An id used twice: units, tasks and records each need their own."),
    "unsafe-id": _e("单位编号 {id} 不能安全地用作文件名", "unit id {id} is not safe as a file name",
                    "只用小写英文字母、数字和 '-'，如 fire-rescue",
                    "use lower-case ASCII letters, digits and '-', e.g. fire-rescue",
                    "单位编号也是进度文件名，只能用安全字符。", "A unit id is also a file name and must be safe."),
    "unknown-unit": _e("{subject}提到未知单位 {unit}", "{subject} names unknown unit {unit}",
                       "先在 units.yaml 中添加该单位", "add it to units.yaml first",
                       "引用了 units.yaml 中没有的单位。", "A unit that units.yaml does not list."),
    "nested-group": _e("集合 {group} 把集合 {member} 列为成员", "group {group} lists group {member} as a member",
                       "直接列出成员单位", "list the member units themselves",
                       "集合的成员不能是集合。", "A group's member is itself a group."),
    "bad-period": _e("计划须满足 start ≤ end ≤ records_until", "the plan needs start <= end <= records_until",
                     "检查这三个日期", "check the three dates", "计划的起止日期顺序不对。", "The plan's dates are out of order."),
    "wrong-list": _e("{unit} 是{is}，却列在 {field} 下", "{unit} is {is}, listed under {field}",
                     "把它移到 {other}", "move it to {other}",
                     "单个单位和集合放错了列表。", "A unit listed among groups, or a group among units."),
    "not-in-text": _w("{subject}公布的责任单位中没有 {unit}", "{subject}'s published 责任单位 does not name {unit}",
                      "请对照公布的原文核对", "check the reference against the published text",
                      "引用的单位不在公布的责任单位原文中。", "A referenced unit is not in the published text."),
    "ambiguous-unit": _w("{subject}{unit} 名称存疑：{why}", "{subject}{unit} is ambiguous: {why}",
                         "请市安防办确认具体指哪个单位", "the office should confirm who is meant (see units.yaml)",
                         "单位名称在机构改革后可能指不同单位。", "A unit name that may mean more than one unit."),
    "no-reporter": _e("{subject}没有责任单位", "{subject} has no responsible unit", "列出单位或集合",
                      "list units or groups", "任务没有任何应报送单位。", "An item nobody must report on."),
    "duplicate-text": _w("{subject}的内容与{other}相同", "{subject} has the same text as {other}",
                         "原文如此；请核对各自指哪些单位（保留原文）",
                         "published so; check which units each one means (kept as published)",
                         "两项任务文字相同（原文如此）。", "Two items with the same text (as published)."),
    "duplicate-title": _w("行动{numeral}与行动{other}标题相同：{title}",
                          "action {numeral} has the same title as action {other}: {title}",
                          "原文如此；以编号区分", "published so; actions are told apart by their number",
                          "两个行动标题相同（原文如此）。", "Two actions with the same title (as published)."),
    "ambiguous-name": _e("名称 {name} 同时属于 {units}", "the name {name} belongs to units {units}",
                         "每个名称只能属于一个单位", "give each name to one unit only",
                         "同一个名称指向多个单位。", "One name given to several units."),
    # ------------------------------------------------------------ progress files
    "no-unit": _e("进度文件没有写明单位", "the progress file names no unit", "在文件开头加上 `unit: <单位编号>`",
                  "add `unit: <unit id>` at the top", "进度文件缺少 unit。", "A progress file without `unit:`."),
    "wrong-file": _e("单位 {unit} 的记录写在了 {file} 的文件中", "unit {unit} in the file of {file}",
                     "把这些记录移到 progress/{unit}.yaml", "move these records to progress/{unit}.yaml",
                     "单位的记录只计入它自己的文件。", "A unit's records count only from its own file."),
    "unsafe-file-name": _e("{name} 不是安全的单位编号", "{name} is not a safe unit id",
                           "文件名应为 progress/<单位编号>.yaml，如 progress/fire-rescue.yaml",
                           "name the file progress/<unit id>.yaml, e.g. progress/fire-rescue.yaml",
                           "进度文件名不是安全的单位编号。", "A progress file name that is not a safe unit id."),
    "unknown-task": _e("tasks.yaml 中没有任务 {task}", "no task {task} in tasks.yaml", "任务编号为 1–60，目标为 G0–G5",
                       "tasks are numbered 1–60, goals G0–G5", "记录指向不存在的任务。", "A record for a task the list lacks."),
    "not-responsible": _e("{unit} 不是任务 {task} 的责任单位", "{unit} is not responsible for task {task}",
                          "任务 {task} 的报送单位：{units}", "task {task} is reported by: {units}",
                          "单位为不属于自己的任务报送。", "A unit reporting on a task that is not its own."),
    "out-of-period": _e("{field} {date} 不在计划期内（{start} 至 {end}）",
                        "{field} {date} is outside the plan's period ({start} to {end})", "检查年份", "check the year",
                        "日期不在计划的时间范围内。", "A date outside the plan's period."),
    "future-date": _e("{field} {date} 在未来（今天是 {today}）", "{field} {date} is in the future (today is {today})",
                      "记录已发生的事；将来要做的用 `tracker plan`",
                      "record what has happened; plan what will with `tracker plan`",
                      "进度日期晚于今天。", "A progress date after today."),
    "missing-percent": _e("{status}的记录需要填写进度", "a {status} entry needs a percent", "加上 \"percent\": 0–100",
                          "add \"percent\": 0–100", "推进中或受阻的记录必须写进度。",
                          "An in-progress or blocked entry without a percent."),
    "done-below-100": _e("状态为已完成，进度却是 {percent}", "status done with percent {percent}",
                         "已完成即 100；否则请记为推进中并填写实际进度",
                         "done means 100; record in-progress with the real percent instead",
                         "已完成的记录进度必须是 100。", "A done entry below 100%."),
    "blocked-without-note": _e("受阻的记录必须在说明中写明原因", "a blocked entry must say why in its note",
                               "加上 \"note\": \"…\"", "add \"note\": \"…\"",
                               "受阻必须说明原因。", "A blocked entry without a reason."),
    "no-target": _e("任务 {task} 没有量化目标，不能报送数值", "task {task} has no quantified target to report a value against",
                    "把数字写在说明中", "put the figure in the note instead",
                    "为没有量化目标的任务报送了数值。", "A value for an item without a quantified target."),
    "due-before-date": _e("节点日期 {due} 早于制定日期 {date}", "due {due} is before the milestone was planned ({date})",
                          "", "", "时间节点的到期日早于制定日。", "A milestone due before it was planned."),
    "unknown-id": _e("时间节点替换的记录 {id} 不存在", "milestone replaces unknown record {id}", "", "",
                     "replaces 指向不存在的记录。", "A milestone that replaces a record the file lacks."),
    "percent-falls": _w("任务 {task}：进度从 {before}（{before_date}）降到 {after}（{after_date}）",
                        "task {task}: percent falls from {before} ({before_date}) to {after} ({after_date})",
                        "如果是纠正错误，请在说明中写明", "if this corrects an error, say so in the note",
                        "进度比上一次低。", "A percent lower than the previous entry's."),
    "reopened": _w("任务 {task}：{before_date} 已完成，{after_date} 又记为{status}",
                   "task {task}: done on {before_date}, then {status} on {after_date}",
                   "如确需重新打开，请在说明中写明原因", "if the item really reopened, say why in the note",
                   "已完成的事项又被记为未完成。", "A done item recorded as not done again."),
    "milestone-late": _w("时间节点 {due} 晚于任务截止日期 {deadline}",
                         "milestone due {due} is after the task's deadline {deadline}",
                         "时间节点应在截止日期之前", "a milestone should fall before the deadline",
                         "时间节点定在截止日期之后。", "A milestone planned after the item's deadline."),
    "non-iso-date": _e("{field} {found} 不是 ISO 日期写法", "{field} {found} is not written as an ISO date",
                       "写成 {iso}", "write {iso}", "文件中的日期须写成 2025-07-01，而非 2025-7-1。",
                       "Dates in files are written 2025-07-01, not 2025-7-1."),
}


def level_of(code: str) -> Level:
    return CODES[code].level
