"""What the actions' tests share: a scope over a folder, with what the action said kept to be looked at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tracker.actions.scope import Scope
from tracker.folder.root import Root

DAY = dt.date(2025, 10, 15)  # tests/data/mini is judged as of this day


class Said(list[Any]):
    """Everything an action said (notices as Msg, warnings as lists of problems), in order."""

    def texts(self) -> list[str]:
        from tracker.core.i18n import Lang

        return [m.text(Lang.EN) for m in self if hasattr(m, "text")]


@pytest.fixture
def said() -> Said:
    return Said()


def scope_of(folder: Path, said: Said | None = None, today: dt.date = DAY) -> Scope:
    out = said if said is not None else Said()
    return Scope(Root(folder.resolve()), today, say=out.append, warn=out.append)
