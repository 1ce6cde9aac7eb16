"""``text``: what ``tracker validate`` found, one problem a line (``file:line:col: level code: message``); a
published list as read, with each point to confirm at its place in the source."""

from __future__ import annotations

from tracker.core.formats import Options
from tracker.render.text import problems_text
from tracker.views.documents import Found, ListRead


def problems(doc: Found, o: Options) -> bytes:
    return problems_text(doc.problems, o.lang).encode("utf-8")


def imported(doc: ListRead, o: Options) -> bytes:
    from tracker.render.listfile import import_report

    return import_report(doc.imported, o.lang).encode("utf-8")
