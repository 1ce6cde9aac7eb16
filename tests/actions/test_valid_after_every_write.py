"""A property of every command that writes: random sequences of records, milestones, verifications and
rejections, withdrawals, extension requests and decisions, reminders and replies, played on tests/data/mini;
after each one accepted, `tracker validate` finds no error (with the cache and without); each one refused left
every file as it was."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.actions.conftest import DAY, scope_of
from tracker.actions import deciding, recording, reminding
from tracker.actions.checking import validate
from tracker.actions.scope import Scope
from tracker.core.i18n import Lang
from tracker.core.refusal import Refused
from tracker.load.inputs import BadInput

PAIRS = (("1", "甲局"), ("2", "甲局"), ("5", "甲局"), ("7", "甲局"), ("2", "乙局"), ("4", "乙局"), ("6", "乙局"),
         ("G1", "乙局"), ("3", "专委会"))  # who reports on what in mini; a pair outside them now and then
UNITS = ("甲局", "乙局", "专委会")
TASKS = ("1", "2", "3", "4", "5", "6", "7", "G1")


def never_ask(option: str, prompt: str, read: Callable[[str], Any], choices: tuple[str, str] = ("", ""),
              default: str | None = None) -> Any:
    if default is not None:
        return read(default)
    raise Refused(None, [])  # everything is given: a missing option is this test's slip, refused like any


def ids(folder: Path) -> list[str]:
    out = []
    for path in sorted((folder / "progress").glob("*.yaml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("- {"):
                out.append(json.loads(line[2:])["id"])
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "progress").glob("*.yaml"))}


def day(rng: random.Random) -> dt.date:
    return dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange((DAY - dt.date(2025, 1, 1)).days + 1))


def command(rng: random.Random, scope: Scope, folder: Path) -> tuple[str, Callable[[], object]]:
    """One command, chosen and filled at random (often in ways the rules refuse)."""
    task, unit = rng.choice(PAIRS) if rng.random() < 0.9 else (rng.choice(TASKS), rng.choice(UNITS))
    when = day(rng)
    kind = rng.choice(["record", "record", "record", "plan", "verify", "reject", "withdraw", "request", "approve",
                       "refuse", "remind", "reply", "reply"])
    if kind == "record":
        status = rng.choice(["推进中", "已完成", "受阻", "未启动"])
        percent = rng.choice([None, "0", "40", "40", "80", "80", "100", "150"])
        return kind, lambda: recording.record(scope, never_ask, task, unit=unit, status=status, percent=percent,
                                              note=rng.choice(["", "原因"]), date=when.isoformat(), by="x")
    if kind == "plan":
        due = when + dt.timedelta(days=rng.randrange(-5, 90))
        old = rng.choice([None, *ids(folder)[-5:]])
        return kind, lambda: recording.plan(scope, never_ask, task, unit=unit, due=due, milestone="节点",
                                            percent=rng.choice([None, "50"]), replaces=old, date=when, by="x")
    if kind in ("verify", "reject"):
        on = rng.choice([when, DAY])  # often today: a claim as it stands now
        return kind, lambda: deciding.verify(scope, task, unit, on, reject=kind == "reject", note="理由", by="o")
    if kind == "withdraw":
        known = ids(folder)
        target = rng.choice(known) if known else "none"
        return kind, lambda: deciding.withdraw(scope, target, "更正", when, by="o")
    if kind == "request":
        until = dt.date(2025, 12, 31) + dt.timedelta(days=rng.randrange(-60, 120))
        return kind, lambda: deciding.extend(scope, task, unit, when, until=until, note="理由", by="x")
    if kind in ("approve", "refuse"):
        return kind, lambda: deciding.extend(scope, task, unit, when, approve=kind == "approve", note="理由", by="o")
    number = f"测〔2025〕{rng.randrange(1, 3)}号"
    if kind == "remind":
        def remind() -> object:
            drafted = reminding.remind(scope, Lang.ZH, when)
            done = reminding.register(scope, drafted, number, "o")
            if done.refused:
                raise done.refused[0]
            return done
        return kind, remind
    return kind, lambda: reminding.reply(scope, number, unit, "已办", when, by="x")


def test_validate_is_clean_after_every_accepted_command(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import REPO

    accepted: dict[str, int] = {}
    for seed in range(6):
        rng = random.Random(seed)
        folder = tmp_path / f"mini-{seed}"
        shutil.copytree(REPO / "tests" / "data" / "mini", folder)
        scope = scope_of(folder)
        for step in range(70):
            kind, run = command(rng, scope, folder)
            before = snapshot(folder)
            try:
                run()
            except (Refused, BadInput):
                assert snapshot(folder) == before, f"seed {seed} step {step}: a refused {kind} changed a file"
                continue
            accepted[kind] = accepted.get(kind, 0) + 1
            for use_cache in (True, False):
                errors = [p for p in validate(scope._replace(use_cache=use_cache)).problems if p.level == "error"]
                assert errors == [], (f"seed {seed} step {step}: {kind} accepted, then "
                                      f"{[(p.path, p.line, p.code) for p in errors]}")
    assert set(accepted) == {"record", "plan", "verify", "reject", "withdraw", "request", "approve", "refuse",
                             "remind", "reply"}, accepted  # every kind of command was accepted
