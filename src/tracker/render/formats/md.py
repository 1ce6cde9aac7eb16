"""``md``: Markdown, for a wiki, a pull-request comment or a 公文 drafted as text."""

from __future__ import annotations

from tracker.core.escape import markdown as markdown_text
from tracker.core.formats import Fmt, Options
from tracker.core.i18n import label
from tracker.render.publish import report_text, scores_text
from tracker.render.text import notice_markdown, render_diff, render_listing, render_pairs, render_table
from tracker.views.documents import Listing, Noticed, Published, Reviewed, Scored, Shown


def listing(doc: Listing, o: Options) -> bytes:
    return render_listing(doc, Fmt.MD, none=label("term.none", o.lang)).encode("utf-8")


def show(doc: Shown, o: Options) -> bytes:
    text = render_pairs(doc.lines, o.width) + "\n" + render_table(doc.table, Fmt.MD)
    if doc.history is not None:
        text += f"\n## {markdown_text(doc.history.title)}\n\n" + render_table(doc.history, Fmt.MD)
    return text.encode("utf-8")


def report(doc: Published, o: Options) -> bytes:
    return report_text(doc, o, Fmt.MD).encode("utf-8")


def levels(doc: Published, o: Options) -> bytes:
    from tracker.render.levels import levels_text

    return levels_text(doc, o, Fmt.MD).encode("utf-8")


def scores(doc: Scored, o: Options) -> bytes:
    return scores_text(doc, o, Fmt.MD).encode("utf-8")


def diff(doc: Reviewed, o: Options) -> bytes:
    return render_diff(doc.parts, True, o.width, o.color).encode("utf-8")


def notice(doc: Noticed, o: Options) -> bytes:
    return notice_markdown(doc.notice).encode("utf-8")
