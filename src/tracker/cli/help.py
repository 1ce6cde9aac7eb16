"""The command line's help (``--help``) in the run's language.

click would print the English docstrings and ``help=`` texts of cli.py; here every word of the help comes from
i18n (``help.*`` labels), laid out as click lays it out (usage, text, arguments, options, commands) but measured
in display cells, so that Chinese lines are as wide as the terminal and break between characters, never inside
an English word. Light on purpose: ``tracker --help`` imports nothing heavy (unicodedata, not wcwidth).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from tracker.core.i18n import Lang, label

_NAME_COLUMN = 30  # a longer option name goes on a line of its own, its help below it (as click does)
_CLOSING = set("，。、；：！？）」』》〕】,.;:!?)]}%")  # never at the start of a line
_OPENING = set("（「『《〔【([{")  # never at the end of a line


def cells(text: str) -> int:
    """Display width in a terminal: Chinese characters and full-width forms take two cells."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def _tokens(text: str) -> list[str]:
    """``text`` cut where a line may break: at spaces (kept as tokens of their own) and around each wide
    character; an English word, a path or an option name stays one token, and punctuation stays with the
    word it belongs to."""
    tokens: list[str] = []
    for ch in text:
        wide = cells(ch) == 2
        prev = tokens[-1] if tokens else ""
        if ch == " ":
            tokens.append(ch)
        elif prev and prev != " " and (ch in _CLOSING or prev[-1] in _OPENING or not wide and cells(prev[-1]) == 1):
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return tokens


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells (a single word wider than that is cut)."""
    lines: list[str] = []
    for para in text.split("\n"):
        line, gap = "", False
        for token in _tokens(para):
            if token == " ":
                gap = bool(line)
                continue
            joined = line + (" " if gap else "") + token
            if line and cells(joined) > width:
                lines.append(line)
                joined = token
            while cells(joined) > width:  # a word longer than a line
                cut = _fit(joined, width)
                lines.append(joined[:cut])
                joined = joined[cut:]
            line, gap = joined, False
        lines.append(line)
    return lines


def _fit(text: str, width: int) -> int:
    """How many characters of ``text`` fit in ``width`` cells (at least one)."""
    used = 0
    for n, ch in enumerate(text):
        used += cells(ch)
        if used > width:
            return max(n, 1)
    return len(text)


def clip(text: str, width: int) -> str:
    """``text`` on one line in at most ``width`` cells, ending in "…" when cut: after a whole word or between
    two Chinese characters, never through a word or a character's two cells."""
    if cells(text) <= width:
        return text
    out = ""
    for token in _tokens(text):
        if cells(out + token) > width - 1:
            break
        out += token
    out = out or text[:_fit(text, width - 1)]
    return out.rstrip(" ,;:，；：、") + "…"


def summary(text: str, width: int) -> str:
    """The first sentence of a command's help, as the list of commands shows it."""
    first = re.split(r"(?<=。)|(?<=\.)\s", text, maxsplit=1)[0].strip()
    return clip(first, width)


def _key(path: tuple[str, ...]) -> str:
    return "help." + (".".join(path) if path else "app")


def param_id(param: Any) -> str:
    """An option by its long name without the dashes (``--as-of`` → ``as-of``), an argument by its name."""
    longs = [o[2:] for o in param.opts if o.startswith("--")]
    return longs[0] if longs and param.param_type_name == "option" else str(param.name).replace("_", "-")


def command_help(path: tuple[str, ...], lang: Lang) -> str:
    """What a command does (``path``: the command's names below ``tracker``, empty for the app itself)."""
    return label(_key(path), lang)


def param_help(path: tuple[str, ...], param: Any, lang: Lang, document: str | None = None) -> str:
    """An option's or argument's help: the command's own words, else the words every command shares. The help
    of ``--format`` names the formats of the command's ``document`` from the table of formats."""
    try:
        text = label(f"{_key(path)}.{param_id(param)}", lang)
    except KeyError:
        text = label(f"help.common.{param_id(param)}", lang)
    if document is not None and param_id(param) == "format":
        from tracker.core.formats import DOCUMENTS, formats_of

        names = [f.name for f in formats_of(document)]
        listed = label("help.word.list", lang).join(names[:-1]) + label("help.word.or", lang) + names[-1] \
            if len(names) > 1 else "".join(names)
        text = text.format(formats=listed, default=DOCUMENTS[document])
    return text


def arg_name(param: Any, lang: Lang) -> str:
    """An argument as the help and the usage errors name it (任务 / task)."""
    return label(f"help.arg.{param_id(param)}", lang) + ("..." if param.nargs != 1 else "")


def _row(path: tuple[str, ...], param: Any, ctx: Any, lang: Lang, document: str | None) -> tuple[str, str, str]:
    """An option's or argument's line of the help: its name (with click's type words, ``<str>``, said in the
    reader's language; choices stay), its help, and click's bracket after it (``[env var: X; default: Y;
    required]``) in the reader's words."""
    record = param.get_help_record(ctx) or ("", "")
    if param.param_type_name == "argument":
        name = arg_name(param, lang)
    else:
        name = re.sub(r"<([a-z ]+)>", lambda m: _type_word(m, lang), record[0])
    rest = record[1][len(param.help or ""):].strip()
    if not (rest.startswith("[") and rest.endswith("]")):
        return name, param_help(path, param, lang, document), ""
    words = []
    for item in rest[1:-1].split("; "):
        if item == "required":
            words.append(label("help.word.required", lang))
        elif item.startswith(("default: ", "env var: ")):
            what, _, value = item.partition(": ")
            words.append(label(f"help.word.{what.replace(' ', '-')}", lang).format(value))
        else:
            words.append(item)  # a range (x>=0) reads the same in both languages
    return name, param_help(path, param, lang, document), "[" + label("help.word.and", lang).join(words) + "]"


def _type_word(m: re.Match[str], lang: Lang) -> str:
    try:
        return f"<{label('help.type.' + m.group(1).replace(' ', '-'), lang)}>"
    except KeyError:
        return m.group(0)


def _rows(rows: list[tuple[str, str, str]], width: int) -> list[str]:
    """Two columns as click's ``write_dl`` draws them, folded by display width; the bracket after a help text
    (``[默认：14]``) is kept whole, on the text's last line when it fits there."""
    first = min(max(cells(name) for name, _, _ in rows), _NAME_COLUMN)
    room = max(width - first - 4, 10)
    out: list[str] = []
    for name, text, extra in rows:
        lines = wrap(text, room) if text else [""]
        if extra and cells(lines[-1] + "  " + extra) <= room:
            lines[-1] = (lines[-1] + "  " + extra).strip()
        elif extra:
            lines += wrap(extra, room)
        if cells(name) <= first:
            out.append(("  " + name + " " * (first - cells(name)) + "  " + lines[0]).rstrip())
            lines = lines[1:]
        else:
            out.append("  " + name)
        out += [" " * (first + 4) + line for line in lines]
    return out


def _usage(command: Any, ctx: Any, lang: Lang) -> str:
    pieces = [label("help.word.options-metavar", lang)] if command.options_metavar else []
    for param in command.get_params(ctx):
        if param.param_type_name == "argument":
            name = arg_name(param, lang)
            pieces.append(name if param.required else f"[{name}]")
    if getattr(command, "commands", None) is not None:  # optional where the group does something alone
        metavar = label("help.word.command-metavar", lang)
        pieces.append(f"[{metavar}]" if getattr(command, "invoke_without_command", False) else metavar)
    return f"{label('help.word.usage', lang)}{ctx.command_path} {' '.join(pieces)}"


def command_path(ctx: Any) -> tuple[str, ...]:
    """The names of a command below ``tracker`` (``("levels", "fetch")``), whatever the program is called."""
    names: list[str] = []
    while ctx.parent is not None:
        names.insert(0, ctx.info_name)
        ctx = ctx.parent
    return tuple(names)


def page(command: Any, ctx: Any, lang: Lang, width: int) -> str:
    """The whole help of a command (or of the app, or of a group of commands) at ``width`` cells."""
    from tracker.cli.writes import document_of

    path = command_path(ctx)
    lines = wrap(_usage(command, ctx, lang), width)
    lines += [""] + ["  " + line for line in wrap(command_help(path, lang), width - 2)]
    sections: dict[str, list[tuple[str, str, str]]] = {"arguments": [], "options": []}
    for param in command.get_params(ctx):
        if not param.hidden:
            kind = "arguments" if param.param_type_name == "argument" else "options"
            sections[kind].append(_row(path, param, ctx, lang, document_of(command)))
    for title, rows in sections.items():
        if rows:
            lines += ["", label(f"help.word.{title}", lang)] + _rows(rows, width)
    made = getattr(command, "commands", {})  # a command not yet made (``base._Commands.lazy``) is not hidden
    visible = [name for name in command.list_commands(ctx) if not getattr(made.get(name), "hidden", False)] \
        if hasattr(command, "list_commands") else []
    if visible:
        first = min(max(cells(name) for name in visible), _NAME_COLUMN)
        room = width - first - 4
        lines += ["", label("help.word.commands", lang)]
        lines += _rows([(name, summary(command_help((*path, name), lang), room), "") for name in visible], width)
    return "\n".join(lines) + "\n"
