"""Where a command's document goes, and in which format: stdout or ``-o FILE``, drawn for a person at a
terminal or written as the format's bytes, tables fitted to the width they are read at.

The format is the one ``--format`` names, else the one ``-o``'s suffix names, else the document's default
(``core.formats``); a format the document has none of is refused before anything is read. A file is replaced
atomically, so a failed run leaves an older one intact.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from tracker.cli.run import Run
from tracker.cli.usage import Invalid, OneOf
from tracker.cli.writes import document_of
from tracker.core.formats import FORMATS, Format, Options, by_suffix, default, formats_of, named


class FormatName(OneOf):
    """``--format``: the name of a format that renders the command's document, any case."""

    def __init__(self) -> None:
        super().__init__([], case_sensitive=False)

    def _names(self, ctx: Any) -> list[str]:
        document = document_of(ctx.command) if ctx is not None else None
        return [f.name for f in formats_of(document)] if document else []

    def get_metavar(self, param: Any, ctx: Any) -> str:
        return "<format>"  # the help says which: they are many, and the table may gain some

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        names = self._names(ctx)
        if str(value).lower() not in names:
            raise Invalid("not-one-of", value, f"{value!r} is not one of {names}", ctx, param, choices=names)
        return str(value).lower()


def width() -> int | None:
    """The width output is laid out in: the terminal's when stdout is one (a table fitted to it); None for a file
    or a pipe, which gets every table at full width, whatever stderr is."""
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size((120, 24)).columns
    return None


def drawn() -> bool:
    """Draw for a person: stdout is a terminal, or FORCE_COLOR asks for colour anyway (NO_COLOR is rich's)."""
    return sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR"))


class Output:
    """A command's document in its format, to stdout or to ``path``."""

    def __init__(self, run: Run, document: str, fmt: Format, path: Path | None) -> None:
        self.run, self.document, self.format, self.path = run, document, fmt, path

    @classmethod
    def of(cls, run: Run, document: str, name: str | None, path: Path | None) -> Output:
        """The output ``--format name`` and ``-o path`` ask for (``name`` already one of the document's
        formats); refused (exit 2) when ``path``'s suffix names no format the document has."""
        if name is not None:
            fmt = named(document, name)
            assert fmt is not None, "checked by FormatName"
            return cls(run, document, fmt, path)
        if path is None:
            return cls(run, document, default(document), None)
        fmt = by_suffix(document, path)
        if fmt is None:
            own = formats_of(document)
            suffixes = " ".join(s for f in own for s in f.suffixes)
            elsewhere = next((f for f in FORMATS.values() if path.suffix.lower() in f.suffixes), None)
            if elsewhere is not None:  # a format, but not one of this document's
                run.fail(run.t("cli.not-this-format", path=path, format=elsewhere.name,
                               choices=", ".join(f.name for f in own)))
            run.fail(run.t("cli.no-format", path=path), hint=run.t("cli.hint.format", suffixes=suffixes))
        return cls(run, document, fmt, path)

    def options(self) -> Options:
        return Options(self.run.lang, width(), self.path is None and sys.stdout.isatty())

    def show(self, doc: Any) -> None:
        """``doc`` drawn at the terminal when it is read there and the format draws it, else written."""
        if self.path is None and self.document in self.format.draws and drawn():
            from tracker.render.formats import draw

            draw(self.format, self.document, doc, self.options())
            return
        from tracker.render.formats import render

        self.write(render(self.format, self.document, doc, self.options()))

    def write(self, data: bytes) -> None:
        write(self.run, data, self.path, binary=self.format.binary)


def write(run: Run, data: bytes, path: Path | None, *, binary: bool = False) -> None:
    """To ``path`` or to stdout. A regular file (or a new one) is replaced atomically, so a failed run leaves an
    older one intact; a device or a FIFO (``-o /dev/null``) is written through, never replaced by a renamed
    file; a symbolic link is refused rather than replaced or followed. Binary data is never sent to a
    terminal."""
    if path is None:
        if binary and sys.stdout.isatty():
            run.fail(run.t("cli.binary"))
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    import stat

    from tracker.folder.files import atomic_write

    try:
        mode = os.lstat(path).st_mode
    except OSError:
        mode = None
    if mode is not None and stat.S_ISLNK(mode):
        run.fail(run.t("cli.output-symlink", path=path), hint=run.t("cli.output-symlink.hint"))
    try:
        if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            with open(path, "wb") as stream:  # a device, a FIFO: what it is stays as it is
                stream.write(data)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, data)
    except OSError as exc:
        run.fail(run.t("cli.cannot-write", path=path, reason=exc.strerror))
    run.say(run.t("cli.wrote", path=path))
