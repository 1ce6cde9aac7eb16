"""``text``: what ``tracker validate`` found, one problem a line (``file:line:col: level code: message``)."""

from __future__ import annotations

from tracker.core.formats import Options
from tracker.render.text import problems_text
from tracker.views.documents import Found


def problems(doc: Found, o: Options) -> bytes:
    return problems_text(doc.problems, o.lang).encode("utf-8")
