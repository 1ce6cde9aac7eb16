"""An Office Open XML package (an .xlsx workbook, a .docx document) read as hostile data, within a limit fixed
before anything is unpacked.

Every reader of a file someone sent (a return, a published list) opens it here: each part's unpacked size is
checked against the limit before the part is opened, and the zip reader stops at the size it declared; the
XML is parsed by expat a chunk at a time, with no document type declaration allowed, wherever it stands (no
entity can expand, none can point outside). What cannot be read is a ``Refused`` with its problem code, so
each reader says it in its own words.
"""

from __future__ import annotations

import io
import posixpath
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
CHUNK = 1 << 16


class Refused(Exception):
    """Why a package is not read: a problem code, its arguments and the cell it concerns (row, column;
    (0, 0) for the whole file)."""

    def __init__(self, code: str, at: tuple[int, int] = (0, 0), **args: str | tuple[str, str]) -> None:
        super().__init__(code)
        self.code, self.at, self.args_ = code, at, args


def bad(what_zh: str, what_en: str, at: tuple[int, int] = (0, 0)) -> Refused:
    """A package whose content is not what its format says (``what``: in both languages)."""
    return Refused("import-bad-workbook", at, what=(what_zh, what_en))


def split(name: str) -> tuple[str, str]:
    """expat's "namespace}local" -> (namespace, local)."""
    ns, _, local = name.rpartition("}")
    return ns, local


def expat_parser() -> Any:
    """An expat parser that reports names as "namespace}local" and refuses any document type declaration."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True

    def doctype(*_: object) -> None:
        raise bad("含有文档类型声明（DTD）", "it holds a document type declaration (DTD)")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    return parser


def feed(parser: Any, data: bytes, last: bool = False) -> None:
    from xml.parsers import expat

    try:
        parser.Parse(data, last)
    except expat.ExpatError as exc:
        raise bad(f"XML 无法解析（{expat.errors.messages[exc.code]}，第 {exc.lineno} 行）",
                  f"its XML cannot be parsed ({expat.errors.messages[exc.code]}, line {exc.lineno})") from None


class Parser:
    """expat over one small part, its handlers given each element's namespace and local name."""

    def __init__(self, start: Callable[[str, str, dict[str, str]], None], end: Callable[[str, str], None],
                 text: Callable[[str], None] | None = None) -> None:
        self._p = expat_parser()
        self._p.StartElementHandler = lambda name, attrs: start(*split(name), attrs)
        self._p.EndElementHandler = lambda name: end(*split(name))
        if text is not None:
            self._p.CharacterDataHandler = text

    def feed(self, data: bytes, last: bool = False) -> None:
        feed(self._p, data, last)


class Package:
    """The parts of one package, each read when asked for and only within ``part_limit`` bytes unpacked."""

    def __init__(self, data: bytes, part_limit: int) -> None:
        import zipfile

        self.part_limit = part_limit
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise Refused("import-unreadable", error=str(exc)) from None
        self.names = set(self._zip.namelist())

    def stream(self, part: str) -> Iterator[bytes]:
        """A part's bytes, chunk by chunk, once its declared size is known to be within the limit."""
        import zipfile

        try:
            info = self._zip.getinfo(part)
        except KeyError:
            raise bad(f"缺少 {part}", f"{part} is missing") from None
        if info.file_size > self.part_limit:
            raise Refused("import-part-size", part=part, size=f"{info.file_size:,}", limit=f"{self.part_limit:,}")
        try:
            with self._zip.open(info) as f:
                while chunk := f.read(CHUNK):
                    yield chunk
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
            # a damaged or truncated entry, an unknown compression, an encrypted entry (RuntimeError)
            raise bad(f"{part} 无法解压（{exc}）", f"{part} cannot be unpacked ({exc})") from None

    def parse(self, part: str, parser: Parser) -> None:
        for chunk in self.stream(part):
            parser.feed(chunk)
        parser.feed(b"", last=True)

    def relations(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships: id -> (type, target part)."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        found: dict[str, tuple[str, str]] = {}
        if rels not in self.names:
            return found

        def start(ns: str, tag: str, attrs: dict[str, str]) -> None:
            if ns == PACKAGE and tag == "Relationship" and attrs.get("TargetMode") != "External":
                target = attrs.get("Target", "")
                where = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                found[attrs.get("Id", "")] = (attrs.get("Type", ""), posixpath.normpath(where))

        self.parse(rels, Parser(start, lambda ns, tag: None))
        return found

    def office_document(self, default: str) -> str:
        """The main part the package's relationships name (``default`` when they name none)."""
        for kind, target in self.relations("").values():
            if kind.endswith("/officeDocument"):
                return target
        return default

    def tree(self, part: str) -> ET.Element:
        """A small part (a Word document's body, its numbering) as an element tree, read a chunk at a time
        within the limit, by ElementTree's own expat parser (in C) with a document type declaration refused
        where it begins, before any entity in it is declared: the cost linear in the part."""
        import xml.etree.ElementTree as ET

        class Refusing(ET.TreeBuilder):
            def doctype(self, name: str, pubid: str, system: str) -> None:
                raise bad("含有文档类型声明（DTD）", "it holds a document type declaration (DTD)")

        parser = ET.XMLParser(target=Refusing())
        try:
            for chunk in self.stream(part):
                parser.feed(chunk)
            return parser.close()
        except ET.ParseError as exc:
            line = exc.position[0]
            raise bad(f"{part} 的 XML 无法解析（第 {line} 行）",
                      f"the XML of {part} cannot be parsed (line {line})") from None
