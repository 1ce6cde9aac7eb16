"""The table of formats: one row a format, one renderer a document, imported only when used; adding a format
is a module and a row, and every command follows the table."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli.app import app
from tracker.core import formats
from tracker.core.formats import DOCUMENTS, FORMATS, Format, Options
from tracker.views.documents import Published

runner = CliRunner()


def report(doc: Published, o: Options) -> bytes:
    """The throwaway format's one renderer: the report's units as tab-separated values."""
    rows = [["unit", "rate"]] + [[r.label, f"{r.tally.rate:.1f}"] for r in doc.report.by_unit]
    return "".join("\t".join(row) + "\n" for row in rows).encode("utf-8")


@pytest.fixture
def tsv() -> Iterator[Format]:
    """A format added for one test through the table, as a newcomer adds one: this module is its renderer."""
    row = Format("tsv", (".tsv",), False, __name__, ("report",))
    formats.register(row)
    yield row
    formats.unregister("tsv")


def test_a_format_added_to_the_table_is_written_by_the_command_line(mini: Path, tmp_path: Path, tsv: Format) -> None:
    asked = runner.invoke(app, ["--root", str(mini), "report", "--as-of", "2025-10-15", "-f", "TSV"])
    assert asked.exit_code == 0, asked.output
    assert asked.stdout.splitlines() == ["unit\trate", "甲局\t25.0", "乙局\t0.0", "专委会\t0.0"]
    out = tmp_path / "r.tsv"
    by_name = runner.invoke(app, ["--root", str(mini), "report", "--as-of", "2025-10-15", "-o", str(out)])
    assert by_name.exit_code == 0 and out.read_text(encoding="utf-8") == asked.stdout  # -o's suffix names it
    help_page = runner.invoke(app, ["report", "--help", "--lang", "en"]).output
    assert "html, xlsx or tsv" in help_page  # the help lists it
    refused = runner.invoke(app, ["--root", str(mini), "score", "-f", "tsv"])  # it renders no scores
    assert refused.exit_code == 2 and "'tsv' 不是可选值（'table', 'md', 'csv', 'json', 'xlsx'）" in refused.output


def test_every_row_s_module_renders_each_document_it_names_and_draws_what_it_draws() -> None:
    for fmt in FORMATS.values():
        module = importlib.import_module(fmt.module)
        assert fmt.documents and set(fmt.documents) <= set(DOCUMENTS), fmt.name
        for document in fmt.documents:
            assert callable(getattr(module, document)), (fmt.name, document)
        for document in fmt.draws:
            assert callable(getattr(module, f"draw_{document}")), (fmt.name, document)
    for document, default in DOCUMENTS.items():
        assert document in FORMATS[default].documents, document


def test_a_document_s_format_by_name_or_suffix() -> None:
    assert formats.named("problems", "TEXT") is FORMATS["text"] and formats.named("report", "text") is None
    assert formats.by_suffix("report", Path("r.TXT")) is FORMATS["table"]
    assert formats.by_suffix("problems", Path("p.txt")) is FORMATS["text"]
    assert formats.by_suffix("notice", Path("r.markdown")) is FORMATS["md"]
    assert formats.by_suffix("listing", Path("x.docx")) is None


def test_naming_the_formats_imports_no_renderer() -> None:
    code = ("import sys, tracker.cli.app, tracker.core.formats as f\n"
            "f.formats_of('report'); f.by_suffix('report', __import__('pathlib').Path('x.html'))\n"
            "print(' '.join(m for m in sys.modules if m.startswith('tracker.render')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.split() == [], done.stdout


@pytest.mark.parametrize(("args", "words"), [
    (["diff", "-f", "csv"], "--format 的值无效：'csv' 不是可选值（'table', 'md', 'json'）"),
    (["score", "-o", "s.html"], "s.html：这个命令不输出 html（可选：table, md, csv, json, xlsx）"),
    (["levels", "return", "-f", "csv"], "--format 的值无效：'csv' 不是可选值（'md', 'xlsx', 'docx'）"),
    (["report", "-o", "r.pdf"], "无法从 r.pdf 判断格式"),
])
def test_a_command_refuses_a_format_it_cannot_write_before_anything_is_read(tmp_path: Path, args: list[str],
                                                                            words: str) -> None:
    result = runner.invoke(app, ["--root", str(tmp_path), *args])  # not even a tracking folder
    assert result.exit_code == 2 and result.output.startswith(f"tracker: {words}"), result.output
