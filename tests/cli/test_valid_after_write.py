"""Every accepted write keeps the folder valid: a record, plan, withdrawal, extension, reply or decision is
written only when `tracker validate` would accept the file after it. The cases found by an independent
recomputation of the README's rules, each refused at the terminal with the file left as it was."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_extend import ok, run


def last_id(folder: Path, unit: str = "a") -> str:
    line = (folder / "progress" / f"{unit}.yaml").read_text(encoding="utf-8").splitlines()[-1]
    return str(json.loads(line[2:])["id"])


def refused_unchanged(folder: Path, *args: str) -> str:
    path = folder / "progress" / "a.yaml"
    before = path.read_bytes()
    result = run(folder, *args)
    assert result.exit_code == 1, result.output
    assert path.read_bytes() == before
    assert run(folder, "validate").exit_code == 0
    return str(result.output)


def test_withdrawing_an_approved_request_is_refused_naming_the_approval(mini: Path) -> None:
    """The reported case: the request withdrawn after its approval left the approval naming nothing
    (`unknown-request`), and every later record into the file refused until a hand edit. Now the withdrawal
    is refused; withdrawn in order (the approval, then the request) both go in and the file stays valid."""
    ok(mini, "extend", "5", "--unit", "甲局", "--until", "2026-02-28", "--note", "r", "--date", "2025-12-01")
    request = last_id(mini)
    ok(mini, "extend", "5", "--unit", "甲局", "--approve", "--date", "2025-12-02")
    approval = last_id(mini)
    said = refused_unchanged(mini, "withdraw", request, "--note", "撤回", "--date", "2025-12-03")
    lines = (mini / "progress" / "a.yaml").read_text(encoding="utf-8").count("\n")
    assert f"已有的记录（第 {lines} 行）会出现以下错误" in said and "先撤回以它为依据的记录" in said
    assert f"progress/a.yaml:{lines}:3: 错误 unknown-request" in said  # at the approval, the file's last line
    ok(mini, "withdraw", approval, "--note", "审批有误", "--date", "2025-12-03")
    ok(mini, "withdraw", request, "--note", "申请撤回", "--date", "2025-12-03")
    assert run(mini, "validate").exit_code == 0
    ok(mini, "record", "5", "--unit", "甲局", "--status", "推进中", "--percent", "60", "--date", "2025-12-04")


def test_withdrawing_a_back_dated_done_a_later_verification_judged_waits_for_the_verification(mini: Path) -> None:
    """The reported case: 甲局 records task 5 done on 09-20, then a done back-dated to 09-01, which the office
    verifies on 09-05; withdrawing the 09-01 done turned the verification into `decision-predates`, an error
    in the file. A verification names the record it decides, so withdrawing that record would leave it judging
    nothing (`decided-withdrawn`): refused, naming the verification's line. Withdrawn after the verification,
    the done goes, the file stays valid, and the pair, done on 09-20, is not 销号."""
    ok(mini, "record", "5", "--unit", "甲局", "--status", "完成", "--date", "2025-09-20")
    ok(mini, "record", "5", "--unit", "甲局", "--status", "完成", "--date", "2025-09-01")
    back_dated = last_id(mini)
    ok(mini, "verify", "5", "--unit", "甲局", "--date", "2025-09-05")
    verification = last_id(mini)
    said = refused_unchanged(mini, "withdraw", back_dated, "--note", "录错", "--date", "2025-10-01")
    assert "decided-withdrawn" in said and "先撤回这条销号" in said
    ok(mini, "withdraw", verification, "--note", "随所判定的记录撤回", "--date", "2025-10-01")
    ok(mini, "withdraw", back_dated, "--note", "录错", "--date", "2025-10-01")
    assert run(mini, "validate", "--format", "json").exit_code == 0
    rows = json.loads(run(mini, "status", "--unit", "甲局", "--as-of", "2025-10-15", "-f", "json").stdout)
    assert next((p["status"], p["verified"]) for p in rows if p["item"] == "5") == ("done", False)


def test_a_back_dated_request_while_another_is_open_is_refused(mini: Path) -> None:
    """Rule 13: one request waits for its decision. A request dated 07-07 is open; one back-dated to 06-15 was
    accepted (as of 06-15 nothing was open); now it is refused, and so is one dated before the decision on the
    last request."""
    ok(mini, "extend", "5", "--unit", "甲局", "--until", "2026-02-28", "--note", "r", "--date", "2025-07-07")
    said = refused_unchanged(mini, "extend", "5", "--unit", "甲局", "--until", "2026-03-31", "--note", "r2",
                             "--date", "2025-06-15")
    assert "已有待审批的延期申请" in said
    ok(mini, "extend", "5", "--unit", "甲局", "--refuse", "--note", "理由不足", "--date", "2025-07-10")
    said = refused_unchanged(mini, "extend", "5", "--unit", "甲局", "--until", "2026-03-31", "--note", "r2",
                             "--date", "2025-07-08")
    assert "早于此前一次申请的审批日期 2025-07-10" in said
    ok(mini, "extend", "5", "--unit", "甲局", "--until", "2026-03-31", "--note", "r2", "--date", "2025-07-11")


def test_a_second_withdrawal_and_a_withdrawal_of_a_withdrawal_are_refused(mini: Path) -> None:
    ok(mini, "record", "5", "--unit", "甲局", "--status", "推进中", "--percent", "55", "--date", "2025-09-20")
    wrong = last_id(mini)
    said = ok(mini, "withdraw", wrong, "--note", "录错", "--date", "2025-09-21")
    withdrawal = last_id(mini)
    assert f"已撤回记录 {wrong}（进度，任务 5：推进中 55% (2025-09-20)）；撤回记录 {withdrawal} 写入" in said
    assert "已被撤回" in refused_unchanged(mini, "withdraw", wrong, "--note", "再撤", "--date", "2025-09-22")
    assert "本身是撤回记录" in refused_unchanged(mini, "withdraw", withdrawal, "--note", "撤回撤回",
                                          "--date", "2025-09-22")
