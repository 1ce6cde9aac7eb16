"""A report as one self-contained HTML page: inline CSS and SVG charts, no scripts, no fonts or files fetched
from anywhere, so it opens the same on an offline office machine as anywhere else.

Charts are scaled to their data (a 1–9% spread fills the width rather than a tenth of it), warning levels
per unit are stacked bars, the trend shows the completion rate at each month end, long lists of pairs are
grouped by unit and folded, and the page prints on A4 (wide tables on landscape pages)."""

from __future__ import annotations

import math

from tracker.core.escape import html_text as escape  # markup inert; controls and bidi shown as at the terminal
from tracker.render.text import cell_text
from tracker.views.palette import tone
from tracker.views.tables import Table, date_columns

_CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC",sans-serif;
margin:2em auto;max-width:1100px;color:#222;line-height:1.5;padding:0 1em}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}
.summary{background:#f6f7f9;border-left:4px solid #2f7ed8;padding:.6em 1em}
table{border-collapse:collapse;width:100%;font-size:.9em}th,td{border:1px solid #ddd;padding:3px 6px}
th{background:#f0f2f5;text-align:left;white-space:nowrap}th.l{white-space:normal}
td.n{text-align:right;white-space:nowrap}td.d,td.s{white-space:nowrap}td.l{min-width:12em}td.m{min-width:6em}
thead{display:table-header-group}tr{break-inside:avoid}
tr.red td:first-child{border-left:4px solid #d9363e}tr.yellow td:first-child{border-left:4px solid #e6a700}
tr.blue td:first-child{border-left:4px solid #2f7ed8}
.legend{font-size:.9em;margin:.4em 0}.legend span{display:inline-block;margin-right:1.2em}
.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}
.levels{display:flex;gap:1em}.level{padding:.5em 1em;border-radius:4px;color:#fff;min-width:6em}
details{margin:.3em 0}summary{cursor:pointer;font-weight:bold}
figure{margin:1em 0}figcaption{font-weight:bold;margin-bottom:.3em}
svg text{font-size:12px}
@page{size:A4;margin:12mm;@bottom-center{content:counter(page) " / " counter(pages);font-size:9pt}}
@page wide{size:A4 landscape;margin:10mm}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}.wide{page:wide}
table{font-size:9pt}th,td{padding:1px 4px}svg{max-width:100%;height:auto}
details::details-content{content-visibility:visible;display:block}figure{break-inside:avoid}}
"""


def nice_top(values: list[float]) -> float:
    """The axis' end: the smallest of 1, 2, 2.5, 5 × 10ⁿ at or above the largest value (100 at most), so
    small rates spread across the chart instead of hugging its left edge."""
    top = max([v for v in values if v > 0], default=0.0)
    if top <= 0:
        return 10.0
    power = 10 ** math.floor(math.log10(top))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= top:
            return float(min(step * power, 100.0))
    return 100.0


def bar_chart(title: str, bars: list[tuple[str, float, str]], note: str = "", legend: str = "") -> str:
    """Horizontal bars: (label, percent 0–100, level colour key), on an axis scaled to the largest value,
    with gridlines and their values; ``legend`` (HTML) says what the colours mean."""
    row_h, label_w, bar_w, top_h = 22, 260, 560, 18
    scale = nice_top([b[1] for b in bars])
    height = row_h * len(bars) + top_h + 10
    parts = [f'<figure><figcaption>{escape(title)}</figcaption>{legend}',
             f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + bar_w + 70}" '
             f'height="{height}" aria-label="{escape(title)}">']
    for k in range(5):
        x = label_w + bar_w * k / 4
        parts.append(f'<line x1="{x:.1f}" y1="{top_h - 4}" x2="{x:.1f}" y2="{height - 6}" stroke="#ddd"/>'
                     f'<text x="{x:.1f}" y="{top_h - 6}" text-anchor="middle" fill="#666">'
                     f'{scale * k / 4:g}%</text>')
    for i, (name, pct, level) in enumerate(bars):
        y = i * row_h + top_h
        width = bar_w * max(0.0, min(pct, scale)) / scale
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(name[:20])}</text>'
                     f'<rect class="bar" x="{label_w}" y="{y}" width="{width:.1f}" height="16" '
                     f'fill="{tone(level).hex}"/>'
                     f'<text x="{label_w + width + 4:.1f}" y="{y + 14}">{pct:.1f}%</text>')
    parts.append("</svg>")
    if note:
        parts.append(f'<div class="legend">{escape(note)}</div>')
    parts.append("</figure>")
    return "".join(parts)


def stacked_chart(title: str, rows: list[tuple[str, list[tuple[int, str]]]], legend: list[tuple[str, str]]) -> str:
    """One bar per row, split into its counts by colour: the warning levels of each unit side by side."""
    row_h, label_w, bar_w = 22, 260, 560
    total = max((sum(n for n, _ in parts) for _, parts in rows), default=0) or 1
    height = row_h * len(rows) + 10
    out = [f'<figure><figcaption>{escape(title)}</figcaption>', legend_html(legend),
           f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + bar_w + 70}" '
           f'height="{height}" aria-label="{escape(title)}">']
    for i, (name, parts) in enumerate(rows):
        y = i * row_h + 4
        x = float(label_w)
        out.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(name[:20])}</text>')
        for n, style in parts:
            if n:
                w = bar_w * n / total
                out.append(f'<rect class="stack" x="{x:.1f}" y="{y}" width="{w:.1f}" height="16" '
                           f'fill="{tone(style).hex}"><title>{n}</title></rect>')
                x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + 14}">{"/".join(str(n) for n, _ in parts)}</text>')
    out.append("</svg></figure>")
    return "".join(out)


def trend_chart(title: str, points: list[tuple[str, float]]) -> str:
    """The completion rate at each month end: a line on an axis scaled to its largest value."""
    if not points:
        return ""
    left, width, height, top, bottom = 50, 760, 200, 16, 30
    scale = nice_top([v for _, v in points])
    step = width / max(len(points) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + i * step, top + height * (1 - min(v, scale) / scale)

    parts = [f'<figure><figcaption>{escape(title)}</figcaption>',
             f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{left + width + 40}" '
             f'height="{top + height + bottom}" aria-label="{escape(title)}">']
    for k in range(5):
        y = top + height * (1 - k / 4)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + width}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#666">{scale * k / 4:g}%</text>')
    coords = [xy(i, v) for i, (_, v) in enumerate(points)]
    parts.append('<polyline class="trend" fill="none" stroke="#2f7ed8" stroke-width="2" points="'
                 + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords) + '"/>')
    for (x, y), (name, v) in zip(coords, points, strict=True):
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#2f7ed8"/>'
                     f'<text x="{x:.1f}" y="{y - 6:.1f}" text-anchor="middle">{v:.1f}%</text>'
                     f'<text x="{x:.1f}" y="{top + height + 18}" text-anchor="middle" fill="#666">'
                     f'{escape(name)}</text>')
    parts.append("</svg></figure>")
    return "".join(parts)


def legend_html(legend: list[tuple[str, str]], title: str = "") -> str:
    items = "".join(f'<span><i style="background:{tone(style).hex}"></i>{escape(text)}</span>'
                    for style, text in legend)
    return f'<div class="legend">{escape(title)}{"：" if title else ""}{items}</div>'


def levels_block(title: str, counts: list[tuple[str, int, str]]) -> str:
    boxes = "".join(f'<div class="level" style="background:{tone(key).hex}">{escape(name)}<br>'
                    f'<b>{count}</b></div>' for name, count, key in counts)
    return f'<h2>{escape(title)}</h2><div class="levels">{boxes}</div>'


def _classes(table: Table) -> list[str]:
    """How each column prints: "n" numbers and "d" dates never wrap, nor "s" short text (unit names, ids,
    states); "l" free text wraps and takes the width, "m" text between them wraps but keeps some width."""
    import unicodedata

    dates = date_columns(table)
    out = []
    for i in range(len(table.headers)):
        kind = table.kind(i)
        if kind in ("int", "pct", "bar", "delta"):
            out.append("n")
        elif dates[i]:
            out.append("d")
        else:
            texts = (cell_text(r[i], kind, bars=False) for r in table.rows)
            widest = max((sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in t) for t in texts),
                         default=0)
            out.append("l" if kind == "long" else "s" if widest <= 16 else "m")
    return out


def _rows_html(table: Table, rows: list[int]) -> str:
    classes = _classes(table)
    styles = table.styles or [""] * len(table.rows)
    body = []
    for n in rows:
        cells = []
        for i, value in enumerate(table.rows[n]):
            cells.append(f'<td class="{classes[i]}">{escape(cell_text(value, table.kind(i), bars=False))}</td>')
        body.append(f'<tr class="{styles[n]}">' + "".join(cells) + "</tr>")
    head = "".join(f'<th class="{c}">{escape(h)}</th>' for h, c in zip(table.headers, classes, strict=True))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def table_html(table: Table, legend: str = "") -> str:
    wide = ' class="wide"' if len(table.headers) > 9 else ""
    shown = legend if table.styles and any(table.styles) else ""
    return f"<section{wide}><h2>{escape(table.title)}</h2>{shown}{_rows_html(table, list(range(len(table.rows))))}" \
        "</section>"


def grouped_html(table: Table, group_col: int, legend: str = "", open_up_to: int = 0) -> str:
    """A long list of pairs grouped by ``group_col`` (the unit), each group folded under its name and count;
    groups of at most ``open_up_to`` rows start open. The title says what the list counts."""
    groups: dict[str, list[int]] = {}
    for n, row in enumerate(table.rows):
        groups.setdefault(str(row[group_col]), []).append(n)
    shown = legend if table.styles and any(table.styles) else ""
    parts = [f'<section class="wide"><h2>{escape(table.title)}</h2>{shown}']
    for name, rows in groups.items():
        attr = " open" if len(rows) <= open_up_to else ""
        parts.append(f"<details{attr}><summary>{escape(name)}（{len(rows)}）</summary>{_rows_html(table, rows)}"
                     "</details>")
    parts.append("</section>")
    return "".join(parts)


def page(heading: str, subtitle: str, summary: str, charts: list[str], sections: list[str]) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(heading)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(heading)}</h1><p>{escape(subtitle)}</p><p class=\"summary\">{escape(summary)}</p>"
        + "".join(charts) + "".join(sections) + "</body></html>\n"
    )
