"""The notices of the example folder as of 2025-09-30, printed by LibreOffice (skipped where it or poppler is
missing): how many pages a unit reads, the title's lines, 28 characters a line, the 版记 at the foot of the
last page, and the headings set in another face than the body. LibreOffice finds fonts through fontconfig,
which is given the project's chains for the GB font names (docs/fonts/65-gongwen.conf), as a Linux reader
would install them."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import REPO

TOOLS = ("soffice", "pdftotext", "pdfinfo", "pdffonts")
pytestmark = pytest.mark.skipif(any(shutil.which(t) is None for t in TOOLS),
                                reason="LibreOffice or poppler-utils not installed")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from tracker.cli.app import app
    from tracker.render.document import notice_docx
    from tracker.views.notices import Block, Notice

    where = tmp_path_factory.mktemp("printed")
    shutil.copytree(REPO / "examples" / "2025", where / "folder")
    out = where / "notices"
    result = CliRunner().invoke(app, ["--root", str(where / "folder"), "remind", "--as-of", "2025-09-30",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    plain = Notice("grid", "网格", (Block("para", "一二三四五六七八九十" * 6),), issuer="测试办公室",
                   date="2025年9月30日")
    (out / "grid.docx").write_bytes(notice_docx(plain, dt.datetime(2025, 9, 30)))
    conf = where / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f'<include>{REPO / "docs" / "fonts" / "65-gongwen.conf"}</include></fontconfig>\n',
                    encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    subprocess.run(["soffice", f"-env:UserInstallation=file://{where / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(out / "pdf"), *sorted(str(p) for p in out.glob("*.docx"))],
                   env=env, check=True, capture_output=True, timeout=600)
    return out / "pdf"


def pages(pdf: Path) -> list[str]:
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                            text=True, check=True).stdout).group(1))  # type: ignore[union-attr]
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout for n in range(1, count + 1)]


def width(line: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in line if c != " ")


def test_a_unit_reads_its_reminder_in_two_pages_and_one_with_nothing_red_in_one(printed: Path) -> None:
    reminders = sorted(printed.glob("提醒-*.pdf"))
    assert len(reminders) == 21
    longest = nothing_red = 0
    for pdf in reminders:
        text = pages(pdf)
        first_attachment = next((n for n, t in enumerate(text) if t.strip().startswith("附件")), len(text))
        assert first_attachment <= 2, pdf.name  # the reminder itself, before its attachment
        assert "2025 年 9 月 30 日" in text[first_attachment - 1], pdf.name  # the 成文日期 ends it
        assert "印发" not in "".join(text), pdf.name  # a letter's 版记 has no 印发机关 and 印发日期
        said = re.sub(r"\s+", "", text[0])
        if "红色预警" in said and not re.search(r"红色预警[1-9]", said):
            assert len(text) == 1, pdf.name  # nothing red, its few items read in the body: one page
            nothing_red += 1
        longest = max(longest, len(text))
    assert longest <= 4  # two pages to read, and at most two of attached list
    assert nothing_red == 8  # the four districts, 市住建局, 市妇联, 市总工会 and 临空经济区


def test_a_letters_mark_stands_30_mm_from_the_top_edge(printed: Path) -> None:
    box = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(printed / "提醒-鄂城区.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    top = float(re.search(r'yMin="([\d.]+)"[^>]*>鄂州市安全生产', box).group(1))  # type: ignore[union-attr]
    assert top / 72 * 25.4 == pytest.approx(30, abs=1.0)
    number = float(re.search(r'yMin="([\d.]+)"[^>]*>鄂安防办', box).group(1))  # type: ignore[union-attr]
    title = float(re.search(r'yMin="([\d.]+)"[^>]*>关于加快推进', box).group(1))  # type: ignore[union-attr]
    assert 25 < (title - number) / 72 * 25.4 < 35  # the number's line, then two blank lines, then the title
    assert not re.search(r"—\s*1\s*—", pages(printed / "提醒-鄂城区.pdf")[0])  # no number on a letter's first page
    assert re.search(r"—\s*2\s*—", pages(printed / "提醒-市应急局.pdf")[1])  # the next page has its own


def test_the_title_breaks_between_words_and_lines_hold_28_characters(printed: Path) -> None:
    first = pages(printed / "提醒-市交通运输局.pdf")[0]
    lines = [line.strip() for line in first.splitlines() if line.strip()]
    at = lines.index("关于加快推进安全生产治本攻坚三年行动")
    assert lines[at + 1] == "重点工作任务的提醒"
    body = [line for line in lines[at + 3:lines.index(next(x for x in lines if x.startswith("以下红色")))]
            if not line.startswith("—")]  # the body's own lines, not its table's
    assert max(width(line) for line in body) <= 28
    grid = [line.strip() for line in pages(printed / "grid.pdf")[0].splitlines()
            if line.strip() and set(line.strip()) <= set("一二三四五六七八九十")]
    assert [width(line) for line in grid] == [26, 28, 6]  # 60 characters: 26 after the indent, 28, the rest
    bulletin = [line.strip() for line in pages(printed / "通报.pdf")[0].splitlines()]
    at = bulletin.index("关于安全生产治本攻坚三年行动")
    assert bulletin[at + 1] == "重点工作任务推进情况的通报"


def test_the_colophon_stands_at_the_foot_of_the_last_page(printed: Path) -> None:
    pdf = printed / "通报.pdf"  # a 文件: a letter's 版记 is its 抄送 alone
    count = len(pages(pdf))
    box = subprocess.run(["pdftotext", "-bbox", "-f", str(count), "-l", str(count), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', box).group(1))  # type: ignore[union-attr]
    printed_at = [float(m.group(1)) for m in re.finditer(r'yMax="([\d.]+)">[^<]*印发', box)]
    assert printed_at, "no 印发 on the last page"
    type_area_foot = height - 35 / 25.4 * 72
    assert type_area_foot - 30 < printed_at[-1] <= type_area_foot + 2


def test_headings_and_body_are_set_in_different_faces(printed: Path) -> None:
    fonts = subprocess.run(["pdffonts", str(printed / "通报.pdf")], capture_output=True, text=True,
                           check=True).stdout
    names = {line.split()[0].partition("+")[2] for line in fonts.splitlines()[2:]}
    assert any("SerifCJK" in n for n in names) and any("SansCJK" in n for n in names), names
