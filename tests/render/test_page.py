"""The HTML page printed: its tables keep short columns whole and wrap the task text; pages are numbered."""

from __future__ import annotations

import re

from tests.conftest import published


def test_html_tables_keep_short_columns_whole_and_number_printed_pages(example) -> None:  # type: ignore[no-untyped-def]
    cat, report = example
    html = published("html", cat, report).decode("utf-8")
    assert "@bottom-center{content:counter(page)" in html and "thead{display:table-header-group}" in html
    warnings = html[html.index("黄色预警（任务"):]
    first_row = re.search(r"<tbody><tr[^>]*>(.*?)</tr>", warnings).group(1)  # type: ignore[union-attr]
    classes = re.findall(r'<td class="(\w)">', first_row)
    assert classes[0] in ("s", "m") and "l" in classes  # the unit is not squeezed to a character; the task wraps
    assert "td.d,td.s{white-space:nowrap}" in html
