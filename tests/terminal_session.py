"""The command line run as a person runs it: in a pseudo-terminal of a given size, so the tool sees a terminal
on stdout (and, unless told otherwise, on stderr) exactly as it would in a real one."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def in_terminal(args: list[str], columns: int, *, rows: int = 50, stdout: Path | None = None,
                env: dict[str, str] | None = None, timeout: float = 120) -> str:
    """What ``tracker ARGS`` shows in a terminal ``columns`` wide (colour off unless ``env`` asks for it). With
    ``stdout``, standard output goes to that file while stderr stays the terminal (``tracker … > file``)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "FORCE_COLOR")}
    environment.update({"NO_COLOR": "1", "TERM": "xterm-256color"}, **(env or {}))
    out_file = open(stdout, "wb") if stdout is not None else None  # noqa: SIM115 - closed below
    try:
        proc = subprocess.Popen([sys.executable, "-m", "tracker", *args], stdin=slave,
                                stdout=out_file if out_file is not None else slave, stderr=slave,
                                env=environment, close_fds=True)
        os.close(slave)
        chunks: list[bytes] = []
        while True:
            ready, _, _ = select.select([master], [], [], timeout)
            if not ready:
                proc.kill()
                raise TimeoutError(" ".join(args))
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed: the command ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout)
    finally:
        os.close(master)
        if out_file is not None:
            out_file.close()
    text = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return _screen(text)


def _screen(text: str) -> str:
    """The text as it stays on the screen: a line redrawn after a carriage return or erased (``ESC[2K``) keeps only
    what was written last, a cursor moved up (``ESC[1A``, how a transient progress bar takes itself away) goes
    back to the line before; other escape sequences are dropped."""
    lines: list[str] = []
    current = ""
    for part in re.split(r"(\r|\n|\x1b\[1A|\x1b\[2K)", text):
        if part == "\n":
            lines.append(current)
            current = ""
        elif part in ("\r", "\x1b[2K"):
            current = ""
        elif part == "\x1b[1A":
            current = lines.pop() if lines else ""
        else:
            current += ANSI.sub("", part)
    lines.append(current)
    return "\n".join(lines)
