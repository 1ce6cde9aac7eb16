"""Reading a published key-work list (重点工作清单) in the forms offices publish it: a Word table, an Excel or WPS
sheet, or the notice's text as a website shows it. One reader per form gives the list's cells with their places
(``source``); ``assemble`` applies the extraction rules (``rules``) and returns the list and the problems to
confirm. Word and Excel files are read through ``load.package``, within its limits (``safe``). Imports only core
and load: the writer of tasks.yaml is render's, the command's the actions'.
"""

from __future__ import annotations

from pathlib import Path

from tracker.load.package import Refused as Unread
from tracker.load.published.assemble import Imported, Options, assemble
from tracker.load.published.safe import Refused, opened, read_file, refused
from tracker.load.published.source import Findings, Place, Source

__all__ = ["Imported", "Options", "read_list", "read_source"]

_OLD_OFFICE = b"\xd0\xcf\x11\xe0"  # .doc, .xls and .wps files of before 2007


def read_source(path: Path, shown: str | None = None) -> Source:
    """The file's cells, by its form: its content decides (a .docx renamed .txt is still read as Word)."""
    file = shown or path.name
    data = read_file(path)
    if isinstance(data, Refused):
        return _failed(file, data)
    if data.startswith(b"PK\x03\x04"):
        try:
            names = opened(data).names
        except Unread as exc:
            return _failed(file, refused(exc))
        if "word/document.xml" in names:
            from tracker.load.published.docx import read_docx

            return read_docx(data, file)
        if "xl/workbook.xml" in names:
            from tracker.load.published.xlsx import read_xlsx

            return read_xlsx(data, file)
        return _failed(file, Refused("list-format", (("suffix", path.suffix or "zip"),)))
    if data.startswith(_OLD_OFFICE) or data.startswith(b"%PDF") or b"\0" in data[:4096]:
        return _failed(file, Refused("list-format", (("suffix", path.suffix or "?"),)))
    from tracker.load.published.text import read_text

    return read_text(data, file)


def read_list(path: Path, options: Options, shown: str | None = None) -> Imported:
    """A published list read and assembled, with every problem to confirm."""
    return assemble(read_source(path, shown), options)


def _failed(file: str, why: Refused, kind: str = "none") -> Source:
    findings = Findings()
    findings.add(Place(file), why.code, **dict(why.args))
    return Source(file, kind, [], [], findings)
