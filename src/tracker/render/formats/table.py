"""``table``: text tables in box-drawing characters, fitted to a width; at a terminal, drawn by rich instead
(``draw_*``: colour by warning level, fitted to the screen, a legend under the colours)."""

from __future__ import annotations

import sys

from tracker.core.escape import terminal
from tracker.core.formats import Fmt, Options
from tracker.render.publish import Options as Drawn
from tracker.render.publish import report_text, scores_text
from tracker.render.text import render_diff, render_pairs, render_table
from tracker.views.documents import Listing, Published, Reviewed, Scored, Shown


def listing(doc: Listing, o: Options) -> bytes:
    text = render_table(doc.table, Fmt.TABLE, o.width, o.color)
    if doc.apart is not None:
        text += "\n" + terminal(doc.apart.title) + "\n" + render_table(doc.apart, Fmt.TABLE, o.width, o.color)
    return text.encode("utf-8")


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
    from tracker.render.terminal import print_table

    print_table(doc.table, doc.legend)
    if doc.apart is not None:  # its title drawn over it
        sys.stdout.write("\n")
        sys.stdout.flush()
        print_table(doc.apart, doc.legend)


def draw_show(doc: Shown, o: Options) -> None:
    from tracker.render.terminal import print_table

    sys.stdout.write(render_pairs(doc.lines, o.width) + "\n")
    print_table(doc.table)
    if doc.history is not None:  # its title drawn over it
        sys.stdout.write("\n")
        sys.stdout.flush()
        print_table(doc.history)


def draw_report(doc: Published, o: Options) -> None:
    from tracker.render.terminal import print_report

    print_report(doc.cat, doc.report, Drawn(doc.by, o.lang, o.width))


def draw_levels(doc: Published, o: Options) -> None:
    from tracker.render.levels import level_tables, rolled
    from tracker.render.terminal import print_report, print_table
    from tracker.views.levels import rollup_summary

    print_report(doc.cat, doc.report, Drawn(doc.by, o.lang, o.width))
    sys.stdout.write("\n" + rollup_summary(rolled(doc), o.lang) + "\n")
    for table in level_tables(doc.cat, rolled(doc), doc.by, o.lang):
        print_table(table)
