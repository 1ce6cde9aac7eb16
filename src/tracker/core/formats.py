"""Output format names, kept apart so the CLI can name them without importing any renderer."""

from __future__ import annotations

from enum import Enum


class Fmt(str, Enum):
    """Formats of the listing commands."""

    TABLE = "table"
    MD = "md"
    CSV = "csv"
    JSON = "json"


class ReportFmt(str, Enum):
    """Formats of ``tracker report``."""

    TABLE = "table"
    MD = "md"
    CSV = "csv"
    JSON = "json"
    HTML = "html"
    XLSX = "xlsx"
