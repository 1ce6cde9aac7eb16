"""What a maintainer entry in units.yaml may be: a git identity ``Name <email>`` (or a bare email), or a
platform handle ``@handle`` / ``@org/team``. Nothing else, so an entry can never carry a line break, a
comment (``#``) or a second owner into a CODEOWNERS file, nor a control character into a terminal."""

from __future__ import annotations

import re

_EMAIL = r"[A-Za-z0-9._%+'=-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?"
_BAD = r"<>#@\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"  # and controls, bidi
_NAME = rf"[^\s{_BAD}](?:[^{_BAD}]*[^\s{_BAD}])?"
_HANDLE = r"@[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?(?:/[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)?"
IDENTITY = re.compile(rf"(?:{_NAME} <{_EMAIL}>|{_EMAIL}|{_HANDLE})")


def valid_identity(entry: str) -> bool:
    """Whether a maintainer entry is one of the forms above, exactly (no space around it, no control
    characters, no whitespace inside a handle or an email, no ``#``)."""
    return IDENTITY.fullmatch(entry) is not None
