"""The return form (填报表) as a file layout: its columns, the hidden metadata sheet and where the rows start.

One definition serves both directions: ``tracker template`` writes a form by it, ``tracker import`` reads one
back by the same column keys, so a column cannot be written under one name and looked for under another.
"""

from __future__ import annotations

import hashlib

from tracker.core.i18n import Lang, label

FORM = "tracker-return"  # what the metadata's ``form`` says, so a stray workbook is told apart


VERSION = 1  # bump when the columns or the metadata change meaning


# Column keys in sheet order; each header is label(f"form.col.{key}").
READ_ONLY = ("id", "text", "deadline", "cadence", "target", "status_now", "percent_now", "latest")


INPUTS = ("status", "percent", "value", "note", "evidence", "date")


COLUMNS = READ_ONLY + INPUTS


STATUS_CHOICES = ("未启动", "推进中", "已完成", "受阻")  # the dropdown: the words units use


META_SHEET = "_meta"


HEADER_ROW = 3  # rows 1–2: title and the unit's line; data from row 4


def list_hash(tasks_yaml: bytes) -> str:
    """The task list's fingerprint: a sheet made from another version of tasks.yaml is refused, since its
    rows may name tasks whose wording, deadline or target changed. Line endings do not count."""
    return hashlib.sha256(tasks_yaml.replace(b"\r\n", b"\n")).hexdigest()[:16]


def headers(lang: Lang) -> tuple[str, ...]:
    return tuple(label(f"form.col.{key}", lang) for key in COLUMNS)


def header_keys() -> dict[str, str]:
    """Header text (either language, spaces ignored) -> column key, for reading a form back."""
    return {label(f"form.col.{key}", lang).replace(" ", "").lower(): key for key in COLUMNS for lang in Lang}
