"""The one module that runs git. Everything else asks it, never the shell."""

from __future__ import annotations

import subprocess
from pathlib import Path


def _git(cwd: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                              check=False, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def user_name(cwd: Path) -> str | None:
    """git's user.name for this folder, when git and the setting exist."""
    out = _git(cwd, "config", "user.name")
    return out.strip() or None if out else None
