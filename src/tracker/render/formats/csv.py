"""``csv``: one table per file, with a byte-order mark so that Excel and WPS read the Chinese right."""

from __future__ import annotations

from tracker.core.formats import Fmt, Options
from tracker.render.publish import scores_parts
from tracker.render.text import render_pairs, render_table
from tracker.views.documents import Listing, Published, Scored, Shown


def listing(doc: Listing, o: Options) -> bytes:
    """One table: rows listed apart follow, each saying what it is in its own cells (上年结转)."""
    table = doc.table
    if doc.apart is not None:
        table = table._replace(rows=table.rows + doc.apart.rows, records=table.records + doc.apart.records)
    return render_table(table, Fmt.CSV).encode("utf-8")


def show(doc: Shown, o: Options) -> bytes:
    text = render_pairs(doc.lines, o.width) + "\n" + render_table(doc.table, Fmt.CSV)
    if doc.history is not None:
        text += "\n" + render_table(doc.history, Fmt.CSV)
    return text.encode("utf-8")


def report(doc: Published, o: Options) -> bytes:
    from tracker.views.report import view

    return render_table(view(doc.report, doc.by, o.lang), Fmt.CSV).encode("utf-8")


def levels(doc: Published, o: Options) -> bytes:
    """The levels' table in place of the chosen view (the last of ``level_tables``)."""
    from tracker.render.levels import level_tables, rolled

    return render_table(level_tables(doc.cat, rolled(doc), doc.by, o.lang)[-1], Fmt.CSV).encode("utf-8")


def scores(doc: Scored, o: Options) -> bytes:
    return render_table(scores_parts(doc, o.lang)[0], Fmt.CSV).encode("utf-8")
