"""A report as one self-contained HTML page: inline CSS and SVG charts, no scripts, no fonts or files fetched
from anywhere, so it opens the same on an offline office machine as anywhere else."""

from __future__ import annotations

from html import escape

from tracker.palette import tone
from tracker.render import cell_text
from tracker.views import Table

_CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC",sans-serif;
margin:2em auto;max-width:1100px;color:#222;line-height:1.5;padding:0 1em}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}
.summary{background:#f6f7f9;border-left:4px solid #2f7ed8;padding:.6em 1em}
table{border-collapse:collapse;width:100%;font-size:.9em}th,td{border:1px solid #ddd;padding:3px 6px}
th{background:#f0f2f5;text-align:left}td.n{text-align:right;white-space:nowrap}
tr.red td:first-child{border-left:4px solid #d9363e}tr.yellow td:first-child{border-left:4px solid #e6a700}
tr.blue td:first-child{border-left:4px solid #2f7ed8}
.levels{display:flex;gap:1em}.level{padding:.5em 1em;border-radius:4px;color:#fff;min-width:6em}
svg text{font-size:12px}
@media print{h2{page-break-after:avoid}}
"""


def bar_chart(title: str, bars: list[tuple[str, float, str]]) -> str:
    """Horizontal bars: (label, percent 0–100, level colour key)."""
    row_h, label_w, bar_w = 22, 260, 560
    height = row_h * len(bars) + 10
    parts = [f'<figure><figcaption>{escape(title)}</figcaption>',
             f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + bar_w + 70}" '
             f'height="{height}" aria-label="{escape(title)}">']
    for i, (name, pct, level) in enumerate(bars):
        y = i * row_h + 4
        width = bar_w * max(0.0, min(pct, 100.0)) / 100
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(name[:20])}</text>'
                     f'<rect x="{label_w}" y="{y}" width="{bar_w}" height="16" fill="#eef0f3"/>'
                     f'<rect class="bar" x="{label_w}" y="{y}" width="{width:.1f}" height="16" '
                     f'fill="{tone(level).hex}"/>'
                     f'<text x="{label_w + bar_w + 6}" y="{y + 14}">{pct:.1f}%</text>')
    parts.append("</svg></figure>")
    return "".join(parts)


def levels_block(title: str, counts: list[tuple[str, int, str]]) -> str:
    boxes = "".join(f'<div class="level" style="background:{tone(key).hex}">{escape(name)}<br>'
                    f'<b>{count}</b></div>' for name, count, key in counts)
    return f'<h2>{escape(title)}</h2><div class="levels">{boxes}</div>'


def table_html(table: Table) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in table.headers)
    styles = table.styles or [""] * len(table.rows)
    body = []
    for row, style in zip(table.rows, styles, strict=False):
        cells = []
        for i, value in enumerate(row):
            kind = table.kind(i)
            cls = ' class="n"' if kind in ("int", "pct", "bar", "delta") else ""
            cells.append(f"<td{cls}>{escape(cell_text(value, kind, bars=False))}</td>")
        body.append(f'<tr class="{style}">' + "".join(cells) + "</tr>")
    return f"<h2>{escape(table.title)}</h2><table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def page(heading: str, subtitle: str, summary: str, charts: list[str], tables: list[Table]) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(heading)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(heading)}</h1><p>{escape(subtitle)}</p><p class=\"summary\">{escape(summary)}</p>"
        + "".join(charts) + "".join(table_html(t) for t in tables) + "</body></html>\n"
    )
