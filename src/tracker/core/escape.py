"""User text made inert for each place it is shown: one function per output context.

Notes, names and evidence are typed by whoever can commit a progress file, so in every output they are data:
a terminal must not run an escape sequence, a Markdown viewer must not draw a link or run HTML, a
spreadsheet must not evaluate a formula, and a format that cannot hold a character must show it rather
than fail. JSON escapes what it must by itself.
"""

from __future__ import annotations

import re

# C0 controls except newline (tables fold on it), DEL, C1 controls, and the bidirectional overrides and
# isolates that reorder what a reader sees (U+202A–202E, U+2066–2069), with the marks U+200E, U+200F, U+061C.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_DOC = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|~&])")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _visible(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: str) -> str:
    """Text for a terminal: control characters, escape sequences and bidi overrides shown as ``\\x1b`` or
    ``\\u202e`` instead of acting on the terminal. Newlines stay (tables fold on them)."""
    return _UNSAFE.sub(_visible, text)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def html_text(text: str) -> str:
    """Text for an HTML page: markup made inert (``html.escape``), and controls and bidi overrides shown as at
    the terminal (``\\x1b``, ``\\u202e``): a browser draws no escape sequence, but an override would reorder
    what the reader sees, and a control is never what the writer meant to show."""
    from html import escape

    return escape(terminal(text))


def json_text(text: str) -> str:
    """JSON as printed: the characters JSON leaves as they are but a terminal acts on (DEL, C1 controls,
    bidi overrides) written as ``\\u009b`` escapes, which decode to the same text. They can only stand
    inside strings, where such an escape is valid; C0 controls JSON escapes by itself."""
    if _JSON_UNSAFE.search(text) is None:
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def markdown(text: str) -> str:
    """Text for a Markdown table cell or paragraph: every character that could start emphasis, a link, an
    image, raw HTML, an entity (``&#x202e;``), a heading or a table column is backslash-escaped, so ``<script>`` and
    ``[x](javascript:…)`` are shown as written; line breaks become spaces; controls as for the terminal."""
    return terminal(_MARKDOWN.sub(r"\\\1", text).replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


def formula_safe(text: str) -> str:
    """A spreadsheet cell's text that no spreadsheet reads as a formula: a leading ``'`` when it starts
    with ``= + - @``, a tab or a carriage return (the OWASP rule for CSV injection)."""
    return "'" + text if text.startswith(_FORMULA) else text


def csv_cell(value: str | int | float | None) -> str | int | float:
    """A CSV cell: numbers stay numbers, text is formula-safe, and control characters are shown escaped as
    for the terminal (a CSV is as often printed as opened, and no spreadsheet wants them)."""
    if value is None:
        return ""
    return terminal(formula_safe(value)) if isinstance(value, str) else value


def xlsx_text(text: str) -> str:
    """Text for an xlsx cell: formula-safe, and the control characters the file format cannot hold (which
    openpyxl refuses with IllegalCharacterError) shown as ``\\x07``."""
    return formula_safe(_UNSAFE_DOC.sub(_visible, text))


def docx_text(text: str) -> str:
    """Text for a Word document: the control characters XML cannot hold, and bidi overrides, shown
    escaped; tabs and line breaks stay."""
    return _UNSAFE_DOC.sub(_visible, text)
