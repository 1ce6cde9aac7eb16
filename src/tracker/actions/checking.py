"""``tracker validate``: every problem of the task list, the units, each progress file and the levels' files."""

from __future__ import annotations

from tracker.actions.scope import Scope
from tracker.views.documents import Found


def validate(scope: Scope) -> Found:
    from tracker.core.problems import Problem
    from tracker.folder.ids import id_problems
    from tracker.folder.pipeline import load_checked
    from tracker.git.levels import level_problems

    checked = load_checked(scope.root, scope.today, use_cache=scope.use_cache)
    across = id_problems(scope.root) if checked.catalog is not None else []
    return Found(sorted(checked.problems + across, key=Problem.sort_key) + level_problems(scope.root))
