"""``table``: text tables in box-drawing characters, fitted to a width; at a terminal, drawn by rich instead
(``draw_*``: colour by warning level, fitted to the screen, a legend under the colours)."""

from __future__ import annotations

import sys

from tracker.core.escape import terminal
from tracker.core.formats import Fmt, Options
from tracker.core.i18n import label
from tracker.render.publish import Options as Drawn
from tracker.render.publish import report_text, scores_text
from tracker.render.text import render_diff, render_listing, render_pairs, render_table
from tracker.views.documents import Listing, Published, Reviewed, Scored, Shown


def listing(doc: Listing, o: Options) -> bytes:
    return render_listing(doc, Fmt.TABLE, o.width, o.color, label("term.none", o.lang)).encode("utf-8")


def show(doc: Shown, o: Options) -> bytes:
    text = render_pairs(doc.lines, o.width) + "\n" + render_table(doc.table, Fmt.TABLE, o.width, o.color)
    if doc.history is not None:
        text += "\n" + terminal(doc.history.title) + "\n" + render_table(doc.history, Fmt.TABLE, o.width, o.color)
    return text.encode()


def report(doc: Published, o: Options) -> bytes:
    return report_text(doc, o, Fmt.TABLE).encode("utf-8")


def levels(doc: Published, o: Options) -> bytes:
    from tracker.render.levels import levels_text

    return levels_text(doc, o, Fmt.TABLE).encode("utf-8")


def scores(doc: Scored, o: Options) -> bytes:
    return scores_text(doc, o, Fmt.TABLE).encode("utf-8")


def diff(doc: Reviewed, o: Options) -> bytes:
    return render_diff(doc.parts, False, o.width, o.color).encode("utf-8")


def draw_listing(doc: Listing, o: Options) -> None:
    from tracker.render.terminal import print_listing

    print_listing(doc, Drawn("", o.lang, o.width), label("term.none", o.lang))


def draw_show(doc: Shown, o: Options) -> None:
    from tracker.render.terminal import columns, print_table

    sys.stdout.write(render_pairs(doc.lines, o.width or columns()) + "\n")
    print_table(doc.table, width=o.width, lang=o.lang)
    if doc.history is not None:
        sys.stdout.write("\n")
        print_table(doc.history, width=o.width, lang=o.lang)


def draw_report(doc: Published, o: Options) -> None:
    from tracker.render.terminal import print_report

    print_report(doc.cat, doc.report, Drawn(doc.by, o.lang, o.width))


def draw_levels(doc: Published, o: Options) -> None:
    from tracker.render.levels import level_tables, rolled
    from tracker.render.terminal import columns, lines_of, print_report, print_table
    from tracker.views.levels import rollup_summary

    print_report(doc.cat, doc.report, Drawn(doc.by, o.lang, o.width))
    sys.stdout.write("\n" + lines_of(rollup_summary(rolled(doc), o.lang), o.width or columns()))
    for table in level_tables(doc.cat, rolled(doc), doc.by, o.lang):
        sys.stdout.write("\n")
        print_table(table, width=o.width, lang=o.lang)


def draw_diff(doc: Reviewed, o: Options) -> None:
    from tracker.render.terminal import colour, columns

    sys.stdout.write(render_diff(doc.parts, False, o.width or columns(), colour(), plain=True))


def draw_scores(doc: Scored, o: Options) -> None:
    from tracker.render.publish import scores_parts
    from tracker.render.terminal import colour, columns, lines_of, table_text

    table, heading, line = scores_parts(doc, o.lang)
    room = o.width or columns()
    sys.stdout.write(lines_of(heading, room, bold=colour()) + lines_of(line, room) + "\n"
                     + table_text(table._replace(title=""), room, False, o.lang))
