"""What people type, made plain: dates as they are written in spreadsheets and by input methods."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.load.inputs import BadInput, date


@pytest.mark.parametrize("text", ["2025-09-30", "2025-9-30", "2025/9/30", "2025.09.30", "2025年9月30日",
                                  "２０２５年９月３０日", " 2025 年 9 月 30 日 "])
def test_dates_as_people_write_them(text: str) -> None:
    assert date(text) == dt.date(2025, 9, 30)


@pytest.mark.parametrize("text", ["2025.13.1", "2025年2月30日", "9/30/2025", "昨天", ""])
def test_what_is_not_a_date(text: str) -> None:
    with pytest.raises(BadInput):
        date(text)
