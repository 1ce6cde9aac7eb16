"""Which document a command writes (``core.formats.DOCUMENTS``): marked on the command, read back by its
``--format`` (the formats it takes) and by its help (the formats it lists)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def writes(document: str) -> Callable[[F], F]:
    """Mark a command as writing ``document``: its ``--format`` takes (and its help lists) the formats that
    render it."""
    def mark(command: F) -> F:
        setattr(command, "document", document)  # noqa: B010 - read back from click's command by ``document_of``
        return command
    return mark


def document_of(command: Any) -> str | None:
    """The document a click command writes (its callback keeps what ``writes`` marked)."""
    return getattr(getattr(command, "callback", None), "document", None)
