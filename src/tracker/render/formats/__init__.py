"""One module per output format, with one function per document it renders (``report``, ``listing`` …),
``(doc, options) -> bytes``; the table of formats (``core.formats``) names them, and ``render.output``
imports a format's module only when a document is rendered in it.

Imports: render's own modules, views and everything below.
"""

from __future__ import annotations

import importlib
from typing import Any

from tracker.core.formats import Format, Options


def render(fmt: Format, document: str, doc: Any, o: Options) -> bytes:
    """``doc`` (a ``document``, see ``views.documents``) in format ``fmt``, as the bytes of a file."""
    out = getattr(importlib.import_module(fmt.module), document)(doc, o)
    assert isinstance(out, bytes), f"{fmt.module}.{document} returns bytes"
    return out


def draw(fmt: Format, document: str, doc: Any, o: Options) -> None:
    """``doc`` drawn at the terminal on stdout, as ``fmt`` draws it there (``fmt.draws``)."""
    getattr(importlib.import_module(fmt.module), f"draw_{document}")(doc, o)
