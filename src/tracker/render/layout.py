"""Text laid out in a width: where a line may break, and how a table fits a terminal.

Nothing a person checks is ever cut. Figures, ids, dates and names stay whole on one line; a list of names or
reasons breaks only after its separators (、，；：); free text (a task, a note) breaks between Chinese characters
or at spaces, never inside a number or a Latin word; a headline breaks between its phrases. A table that
does not fit a terminal first wraps its free text and its headers inside their cells and narrows its bars,
then leaves out the columns its view names as optional (saying which), then moves its free text to a line of
its own under each row. A table for a file or a pipe is never fitted: it keeps every column at full width.
"""

from __future__ import annotations

from typing import NamedTuple

from tracker.views.tables import Table

BAR_WIDTH = 10  # a bar's cells where there is room
NARROW_BAR = 4  # where there is not
MIN_LONG = 24  # free text wrapped in its cell keeps at least this many cells, else it moves under the row
NUMERIC = ("int", "pct", "bar", "delta", "figure")  # never broken: numbers, and figures as text (95.9% / 100%)
_CJK_RANGES = ((0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF))


def cjk(ch: str) -> bool:
    """A Chinese (Japanese, Korean) character or full-width sign: a line may break on either side of it. Ranges,
    not a regular expression: compiling one costs a command's start-up milliseconds."""
    code = ord(ch[0]) if ch else 0
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)
# punctuation that never starts a line (it stays with what comes before it)
_CLOSING = set("，。、；：？！）》」』】〕”’%,.;:?!)]}")
_OPENS = set("“‘（《「『【〔([{")  # punctuation that never ends a line (it stays with what follows it)
_SEPARATORS = set("、，；。！？,;–")  # and, between phrases, a colon
_OPENING = set("（《")  # a list's part may also start a line at an opening bracket: 市住建局 / （名称存疑）
_UNITS = set("年月日号时分秒项个期次天")  # counted words that stay with their number: 2025年9月30日, 675项


# Blocks in which wcwidth gives every code point the same width (tests/render/test_layout.py holds them to it),
# answered here: a table of Chinese text, box lines and bars then never imports wcwidth, whose tables cost a
# short command a tenth of its start-up. Any other character is measured by wcwidth.
_WIDTHS = ((0x20, 0x7E, 1), (0x2010, 0x2027, 1), (0x2190, 0x21FF, 1), (0x2500, 0x259F, 1), (0x3000, 0x3029, 2),
           (0x4E00, 0x9FFF, 2), (0xFF01, 0xFF60, 2))


def _known(ch: str) -> int:
    """``ch``'s width if it lies in one of ``_WIDTHS``, else -2."""
    code = ord(ch)
    return next((w for lo, hi, w in _WIDTHS if lo <= code <= hi), -2)


def width_of(text: str) -> int:
    """Display width in a terminal: CJK characters take two cells."""
    if text.isascii() and text.isprintable():
        return len(text)
    total = 0
    for ch in text:  # the two commonest blocks first: this runs for every cell of every table
        if " " <= ch <= "~":
            total += 1
        elif "\u4e00" <= ch <= "\u9fff":
            total += 2
        else:
            known = _known(ch)
            if known == -2:
                break
            total += known
    else:
        return total
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)  # control characters: count them as one cell each


def _tokens(text: str, between_cjk: bool, separators: bool, colons: bool = False) -> list[str]:
    """``text`` cut where a line may break: after a separator (``separators``), at a space (which stays at the
    end of the token before it), and between two Chinese characters (``between_cjk``); closing punctuation
    stays with what comes before it, opening punctuation with what follows it, a number with its unit
    (2025年9月30日, 675项), and a run of digits or Latin letters is never cut."""
    out: list[str] = []
    cur = ""
    for ch in text:
        if cur and ch not in _CLOSING and ch != " ":
            last = cur[-1]
            figure = (last.isdigit() and ch in _UNITS) or (last in _UNITS and ch.isdigit()) or \
                (last == " " and (ch == "→" or cur.rstrip().endswith("→")))  # 红色 → 黄色 stays on one line
            after = separators and (last in _SEPARATORS or ch in _OPENING or (colons and last in "：:"))
            breaks = (last == " " and not figure) or after or (between_cjk and not figure and (cjk(ch) or cjk(last)))
            if breaks and last not in _OPENS:
                out.append(cur)
                cur = ""
        cur += ch
    if cur:
        out.append(cur)
    return out


def _fill(tokens: list[str], width: int) -> list[str]:
    """Tokens into lines of at most ``width`` cells, greedily; a token wider than a line is split between its
    characters (only a single word wider than the whole column is)."""
    lines: list[str] = []
    line = ""
    for tok in tokens:
        if line and width_of((line + tok).rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        while width_of(tok.rstrip()) > width:
            cut = _cut(tok, width)
            lines.append(tok[:cut])
            tok = tok[cut:]
        line += tok
    if line or not lines:
        lines.append(line.rstrip())
    return lines


def _cut(text: str, width: int) -> int:
    used = 0
    for n, ch in enumerate(text):
        known = _known(ch)
        if known == -2:
            from wcwidth import wcwidth

            known = wcwidth(ch)
        used += max(known, 0)
        if used > width:
            return max(n, 1)
    return len(text)


def wrap(text: str, width: int, kind: str = "long") -> list[str]:
    """``text`` in lines of at most ``width`` cells, each paragraph on its own lines: free text (``long``) breaks
    between Chinese characters and at spaces; names and lists (``text``) only after separators and at spaces;
    a headline (``phrases``) only between its phrases."""
    out: list[str] = []
    for para in text.split("\n"):
        tokens = _tokens(para, between_cjk=kind == "long", separators=kind != "long", colons=kind == "phrases")
        if kind == "phrases":  # a phrase wider than the line breaks between its characters, never in a figure
            tokens = [t for tok in tokens for t in
                      (_tokens(tok, between_cjk=True, separators=True) if width_of(tok) > width else [tok])]
        out += _fill(tokens, width)
    return out


def narrowest(text: str, kind: str) -> int:
    """The least width ``text`` can be wrapped to without cutting what must stay whole."""
    if kind in NUMERIC:
        return width_of(text)
    return max((width_of(t.rstrip()) for para in text.split("\n")
                for t in _tokens(para, between_cjk=kind == "long", separators=kind != "long")), default=0)


def header_lines(header: str, width: int) -> list[str]:
    """A header wrapped in its column, in as few lines as it needs and as even as they come (平均/进度, not
    平均进/度): between Chinese characters or at spaces."""
    tokens = _tokens(header, between_cjk=True, separators=True)
    lines = _fill(tokens, width)
    if len(lines) < 2:
        return lines
    for narrower in range(width - 1, 0, -1):  # the narrowest width that needs no more lines
        tried = _fill(tokens, narrower)
        if len(tried) > len(lines) or any(width_of(line) > narrower for line in tried):
            break
        lines = tried
    return lines


def _header_least(header: str) -> int:
    """A header keeps two Chinese characters (or its longest word) a line."""
    tokens = _tokens(header, between_cjk=True, separators=True)
    return max([min(width_of(header), 4)] + [width_of(t.rstrip()) for t in tokens if not cjk(t)])


class Fitted(NamedTuple):
    """How a table fits a width: the columns kept (by index) and each one's width, the width of its bars (0: no
    bars), the free-text columns moved under each row, the optional columns left out, the columns' gap, and the
    text columns that had to wrap as free text to fit at all (``loose``)."""

    columns: list[int]
    widths: list[int]
    bar: int
    below: list[int]
    omitted: list[int]
    gap: int
    loose: tuple[int, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.widths) + self.gap * (len(self.widths) - 1)

    @property
    def cost(self) -> tuple[int, int, int]:
        """What fitting cost, worst first: names wrapped, columns left out, free text moved under its row."""
        return len(self.loose), len(self.omitted), len(self.below)


def cell_width(text: str, kind: str, bar: int) -> int:
    """A cell's natural width: its longest line, with its bar where it has one."""
    natural = max((width_of(line) for line in text.split("\n")), default=0)
    return natural + (bar + 1 if kind == "bar" and bar else 0)


def fit(table: Table, texts: list[list[str]], width: int | None, gap: int, *, loose: bool = True) -> Fitted:
    """Fit ``table`` (its cells as ``texts``) to ``width`` cells, columns ``gap`` cells apart (one less, with
    ``loose``, where that spares leaving a column out); ``None``: every column at its natural width, bars
    included."""
    n = len(table.headers)
    if width is None:
        return Fitted(list(range(n)), [_natural(table, texts, i, BAR_WIDTH) for i in range(n)], BAR_WIDTH, [], [],
                      gap)
    for bar in (BAR_WIDTH, NARROW_BAR):
        full = [_natural(table, texts, i, bar) for i in range(n)]
        if sum(full) + gap * (n - 1) <= width:
            return Fitted(list(range(n)), full, bar, [], [], gap)
    tight = _fit(table, texts, width, gap)
    if loose and gap > 1 and tight.cost:
        closer = _fit(table, texts, width, gap - 1)
        if closer.cost < tight.cost:
            return closer
    return tight


def _natural(table: Table, texts: list[list[str]], i: int, bar: int) -> int:
    return max([width_of(table.headers[i])] + [cell_width(r[i], table.kind(i), bar) for r in texts])


def _fit(table: Table, texts: list[list[str]], width: int, gap: int) -> Fitted:
    n = len(table.headers)
    kinds = [table.kind(i) for i in range(n)]

    def least(i: int, bar: int) -> int:
        content = max([narrowest(r[i], kinds[i]) + (bar + 1 if kinds[i] == "bar" and bar else 0) for r in texts],
                      default=0)
        if kinds[i] == "long":
            content = min(max(content, MIN_LONG), _natural(table, texts, i, bar))
        return max(content, _header_least(table.headers[i]))

    def cost(widths: dict[int, int]) -> int:
        return sum(widths.values()) + gap * (len(widths) - 1)

    below: list[int] = []
    omitted: list[int] = []
    widths = {i: least(i, NARROW_BAR) for i in range(n)}
    for col in table.drop:
        if cost(widths) <= width:
            break
        if col in widths:
            del widths[col]
            omitted.append(col)
    if cost(widths) > width:  # free text moves under its row
        for col in [i for i in widths if kinds[i] == "long"]:
            del widths[col]
            below.append(col)
    loose: list[int] = []
    for col in sorted((i for i in widths if kinds[i] == "text"), key=lambda i: -widths[i]):
        if cost(widths) <= width:
            break  # the last resort: a name wraps in its cell between its characters, whole all the same
        widths[col] = max(_header_least(table.headers[col]), min(widths[col], MIN_LONG // 2))
        loose.append(col)
    for col in reversed(list(omitted)):  # room left: what was left out first comes back last
        more = {**widths, col: least(col, NARROW_BAR)}
        if cost(more) <= width:
            widths = more
            omitted.remove(col)
    room = width - cost(widths)
    bar = BAR_WIDTH if room >= BAR_WIDTH - NARROW_BAR and any(kinds[i] == "bar" for i in widths) else NARROW_BAR
    if bar == BAR_WIDTH:
        widths = {i: (w + BAR_WIDTH - NARROW_BAR if kinds[i] == "bar" else w) for i, w in widths.items()}
        room = width - cost(widths)
    goal = {i: _natural(table, texts, i, bar) for i in widths}
    # the room left widens free text first, then names (names first where they had to wrap), then headers
    for order in (("long",), ("text",), NUMERIC) if not loose else (("text",), ("long",), NUMERIC):
        while room > 0:
            short = [i for i in widths if kinds[i] in order and widths[i] < goal[i]]
            if not short:
                break
            i = min(short, key=lambda c: widths[c] / max(goal[c], 1))
            widths[i] += 1
            room -= 1
    cols = sorted(widths)
    return Fitted(cols, [widths[i] for i in cols], bar, below, omitted, gap, tuple(loose))
