"""The proof on the real list: the 2025 list imported from the published text, from a Word table and from a sheet
(both made here from the shipped copy, in the layouts offices use) gives the shipped tasks.yaml field for field
(text, 责任单位, units, groups, open, reporters, deadline, cadence, target; notes are the office's own words), and
every point the import could not decide is listed: the same nine each time from the text. And a file that is
not a list, or a hostile one, is refused with its problem, never a hang or a traceback."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, SHIPPED
from tests.load.test_faithful import catalog
from tracker.check.catalog import check_catalog
from tracker.core.i18n import Lang
from tracker.core.model import Catalog
from tracker.load.catalog import load_catalog_bytes
from tracker.load.published import Imported, Options, read_list, read_source, safe
from tracker.render.listfile import tasks_yaml, units_yaml
from tracker.views.tables import item_record

SOURCE = REPO / "docs" / "source" / "2025-07-23-reminder.txt"
# the points the import of the published text lists for the office to confirm (README, "Starting from a
# published list"): records_until, task 1's 《, 17's daily and weekly duties, 35's names run together, 41's and
# 58's reorganised names, 44's 三年内, 48's 定期, and the page's footer
CONFIRM_2025 = ["list-plan-assumed", "list-unbalanced", "list-cadence-finer", "list-unit-run-together",
                "list-unit-ambiguous", "list-deadline-campaign", "list-cadence-unstated", "list-unit-ambiguous",
                "list-ignored-text"]


def written(imp: Imported) -> Catalog:
    tasks = tasks_yaml(imp, "x").encode("utf-8")
    units = units_yaml((SHIPPED / "units.yaml").read_bytes(), imp.units, imp.new, "new")
    loaded = load_catalog_bytes(tasks, "tasks.yaml", units, "units.yaml")
    assert loaded.problems == [] and loaded.catalog is not None
    return loaded.catalog


def differences(imp: Imported) -> list[tuple[str, str]]:
    """(item, field) where the import's tasks.yaml differs from the shipped one, notes aside."""
    shipped, mine = catalog(), written(imp)
    assert list(mine.items) == list(shipped.items)
    out = []
    for iid, item in shipped.items.items():
        a, b = item_record(shipped, item), item_record(mine, mine.items[iid])
        out += [(iid, k) for k in a if k != "notes" and a[k] != b[k]]
    for wid, work in shipped.works.items():
        if (work.title, work.target, work.action) != (mine.works[wid].title, mine.works[wid].target,
                                                      mine.works[wid].action):
            out.append((f"work {wid}", "title"))
    out += [(f"action {a}", "title") for a, act in shipped.actions.items()
            if (act.numeral, act.title) != (mine.actions[a].numeral, mine.actions[a].title)]
    return out


def test_the_published_text_gives_the_shipped_list_and_lists_nine_points_to_confirm() -> None:
    imp = read_list(SOURCE, Options(catalog().units))
    assert differences(imp) == []
    assert [f.code for f in imp.findings] == CONFIRM_2025
    assert imp.plan.document == catalog().plan.document and imp.plan.issued == catalog().plan.issued
    assert imp.plan.office == "safety-office" and imp.plan.records_until == catalog().plan.records_until
    places = [f.place.text() for f in imp.findings]
    assert "2025-07-23-reminder.txt:第307行:责任单位" in places  # task 35's cell, as the page has it
    notes = {t.id: t.notes for t in imp.tasks()}
    assert notes["35"] == catalog().items["35"].notes and notes["1"] == catalog().items["1"].notes
    assert notes["44"] == catalog().items["44"].notes
    action4 = next(a for a in imp.actions if a.id == 4)
    assert action4.notes == catalog().actions[4].notes  # the repeated heading, at its line
    def said(cat: Catalog) -> list[tuple[str, str]]:
        return [(p.code, p.message()) for p in check_catalog(cat, "tasks.yaml", "units.yaml")]

    assert said(written(imp)) == said(catalog())


def _rows(cat: Catalog, number: str, deadline: bool) -> list[tuple[str, str, str, str, str, str]]:
    """The list as a table's rows: (内容, 重点工作, 序号, 任务, 责任单位, 完成时限)."""
    rows = []
    for g in cat.goals():
        kind = "总体目标" if g.kind == "overall" else "阶段性目标"
        typed = "" if g.kind == "overall" else f"{g.id[1:]}."
        rows.append(("目标", kind, "", typed + g.text, g.responsible, ""))
    for a in cat.actions.values():
        for wid in a.works:
            w = cat.works[wid]
            for iid in w.items:
                t = cat.items[iid]
                due = "三年内" if deadline and t.id == "44" else ""
                cell = t.text if number != "text" else f"{t.id}.{t.text}"
                rows.append((f"{a.numeral}、{a.title}", w.title, t.id if number == "column" else "", cell,
                             t.responsible, due))
    return rows


def make_docx(path: Path, number: str = "text", deadline: bool = False) -> Path:
    """The list as offices lay it out in Word: 内容 and 重点工作 merged down their rows; numbers typed as text,
    in a 序号 column, or Word's automatic numbering (``number``); a 完成时限 column when ``deadline``."""
    import docx

    cat = catalog()
    rows = _rows(cat, number, deadline)
    doc = docx.Document()
    doc.add_paragraph(cat.plan.document)
    doc.add_paragraph(f"信息来源:{cat.plan.issuer} 日期:{cat.plan.issued.isoformat()}")
    doc.add_paragraph(cat.plan.title)
    header = ["内容", "重点工作", *(["序号"] if number == "column" else []), "年度量化目标任务", "责任单位",
              *(["完成时限"] if deadline else [])]
    table = doc.add_table(rows=len(rows) + 1, cols=len(header))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for r, (content, work, num, task, resp, due) in enumerate(rows, 1):
        values = [content, work, *([num] if number == "column" else []), task, resp, *([due] if deadline else [])]
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            if c == header.index("年度量化目标任务") and number == "auto" and content != "目标":
                cell.paragraphs[0].style = doc.styles["List Number"]
                cell.paragraphs[0].add_run(value)
            elif c > 1 or r == 1 or rows[r - 2][c] != value:
                cell.text = value
    for c in (0, 1):  # merge each run of equal cells down the column, as offices do
        top = 1
        for r in range(2, len(rows) + 2):
            if r == len(rows) + 1 or rows[r - 1][c] != rows[top - 1][c]:
                if r - 1 > top:
                    table.cell(top, c).merge(table.cell(r - 1, c)).text = rows[top - 1][c]
                top = r
    doc.save(str(path))
    return path


def make_xlsx(path: Path, merged: bool) -> Path:
    """The list as a sheet: a title row, the header, then one row a task; 内容 and 重点工作 merged down their rows
    (``merged``) or repeated in every row."""
    from openpyxl import Workbook

    cat = catalog()
    rows = _rows(cat, "text", False)
    book = Workbook()
    sheet = book.active
    sheet.append([cat.plan.title])
    sheet.append(["内容", "重点工作", "年度量化目标任务", "责任单位"])
    for content, work, _, task, resp, _ in rows:
        sheet.append([content, work, task, resp])
    if merged:
        for c in (1, 2):
            top = 3
            for r in range(4, len(rows) + 4):
                if r == len(rows) + 3 or sheet.cell(r, c).value != sheet.cell(top, c).value:
                    if r - 1 > top:
                        sheet.merge_cells(start_row=top, start_column=c, end_row=r - 1, end_column=c)
                    top = r
    book.save(str(path))
    return path


@pytest.mark.parametrize("number", ["text", "column", "auto"])
def test_the_list_as_a_word_table_imports_to_the_same_list(tmp_path: Path, number: str) -> None:
    imp = read_list(make_docx(tmp_path / "清单.docx", number), Options(catalog().units))
    assert imp.kind == "docx" and differences(imp) == []
    assert [f.code for f in imp.findings if f.code != "list-unit-ambiguous"] == [
        "list-plan-assumed", "list-unbalanced", "list-cadence-finer", "list-unit-run-together",
        "list-deadline-campaign", "list-cadence-unstated"]
    run_together = next(f for f in imp.findings if f.code == "list-unit-run-together")
    assert run_together.place.text() == "清单.docx:表1:第42行:责任单位"  # the header, six goals, then task 35


def test_a_deadline_column_sets_the_deadline(tmp_path: Path) -> None:
    imp = read_list(make_docx(tmp_path / "清单.docx", "text", deadline=True), Options(catalog().units))
    assert differences(imp) == []
    campaign = next(f for f in imp.findings if f.code == "list-deadline-campaign")
    assert campaign.place.column == "deadline"


@pytest.mark.parametrize("merged", [True, False])
def test_the_list_as_a_sheet_imports_to_the_same_list(tmp_path: Path, merged: bool) -> None:
    imp = read_list(make_xlsx(tmp_path / "清单.xlsx", merged), Options(catalog().units))
    assert imp.kind == "xlsx" and differences(imp) == []
    assert imp.plan.title == catalog().plan.title


def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "清单.txt"
    os.mkfifo(fifo)
    assert [f.code for f in read_source(fifo).findings.items] == ["list-not-file"]


def test_a_file_too_large_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safe, "MAX_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    assert [f.code for f in read_source(big).findings.items] == ["list-too-large"]


def test_a_zip_bomb_and_a_dtd_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safe, "MAX_PART", 10_000)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<a>" + b" " * 1_000_000 + b"</a>")
    too_large = read_source(bomb).findings.items
    assert [f.code for f in too_large] == ["list-too-large"] and "word/document.xml" in too_large[0].problem.message()
    entities = tmp_path / "lol.docx"
    with zipfile.ZipFile(entities, "w") as z:
        z.writestr("word/document.xml", b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>')
    found = read_source(entities).findings.items
    assert [f.code for f in found] == ["list-unreadable"] and "DTD" in found[0].problem.message()
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("word/document.xml", b"<a>\n<b></a>")
    found = read_source(broken).findings.items
    assert [f.code for f in found] == ["list-unreadable"]
    assert "the XML of word/document.xml cannot be parsed (line 2)" in found[0].problem.message(Lang.EN)


def test_a_dtd_after_a_long_comment_and_in_any_part_is_refused(tmp_path: Path) -> None:
    """The declaration may follow comments of any length; the numbering part is read as warily as the body."""
    for part in ("word/document.xml", "word/numbering.xml"):
        path = tmp_path / "lol.docx"
        make_docx(path)
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        parts[part] = (b'<?xml version="1.0"?><!--' + b" " * 10_000 + b'--><!DOCTYPE a [<!ENTITY x "xx">]>'
                       + parts[part].split(b"?>", 1)[-1])
        with zipfile.ZipFile(path, "w") as z:
            for name, data in parts.items():
                z.writestr(name, data)
        found = read_source(path).findings.items
        assert [f.code for f in found] == ["list-unreadable"] and "DTD" in found[0].problem.message(), part


def test_a_sheet_part_too_large_or_with_a_dtd_is_refused_before_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_xlsx(tmp_path / "清单.xlsx", merged=True)
    with zipfile.ZipFile(path) as z:
        sizes = {n: z.getinfo(n).file_size for n in z.namelist()}
    monkeypatch.setattr(safe, "MAX_PART", max(sizes.values()) - 1)
    found = read_source(path).findings.items
    assert [f.code for f in found] == ["list-too-large"]
    assert max(sizes, key=lambda n: sizes[n]) in found[0].problem.message(Lang.EN)
    monkeypatch.undo()
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/"))
    parts[sheet] = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx">]>' + parts[sheet].split(b"?>", 1)[-1]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    found = read_source(path).findings.items
    assert [f.code for f in found] == ["list-unreadable"] and "DTD" in found[0].problem.message()


def test_rows_past_the_limit_refuse_the_list_never_cut_it_short(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.load.published import docx, xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 40)
    monkeypatch.setattr(docx, "MAX_ROWS", 40)
    for path in (make_xlsx(tmp_path / "清单.xlsx", merged=False), make_docx(tmp_path / "清单.docx")):
        imp = read_list(path, Options(catalog().units))
        assert [f.code for f in imp.errors] == ["list-too-large"], path
        assert "40" in imp.errors[0].problem.message()


def test_numbers_word_wrote_wrong_are_read_as_their_defaults(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "清单.docx", "auto")
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/numbering.xml"] = parts["word/numbering.xml"].replace(b'w:ilvl="0"', b'w:ilvl="x"')
    parts["word/document.xml"] = parts["word/document.xml"].replace(b'<w:gridSpan w:val="', b'<w:gridSpan w:val="z', 1)
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    imp = read_list(path, Options(catalog().units))
    assert imp.errors == [] and len(imp.tasks()) == 60


def test_other_files_are_refused_with_what_to_do(tmp_path: Path) -> None:
    old = tmp_path / "清单.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    assert [f.code for f in read_source(old).findings.items] == ["list-format"]
    text = tmp_path / "notes.txt"
    text.write_text("今天开会\n", encoding="utf-8")
    assert [f.code for f in read_list(text, Options(catalog().units)).errors] == ["list-no-table"]
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(SOURCE.read_text(encoding="utf-8").encode("gb18030"))
    imp = read_list(gbk, Options(catalog().units))
    assert imp.findings[0].code == "list-encoding" and differences(imp) == []
