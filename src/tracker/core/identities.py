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


# A signing key as units.yaml lists it for a maintainer: an SSH public key ("ssh-ed25519 AAAA… [comment]"),
# the SHA-256 fingerprint of one ("SHA256:" and 43 base64 characters, as ssh-keygen -l and git print it), or an
# OpenPGP fingerprint (40 hex digits, spaces allowed, as gpg --fingerprint prints it).
_SSH_TYPES = ("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
              "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com")
_SSH_FINGERPRINT = re.compile(r"SHA256:[A-Za-z0-9+/]{43}")
_PGP_FINGERPRINT = re.compile(r"[0-9A-Fa-f]{40}")


def ssh_public_key(text: str) -> tuple[str, str] | None:
    """An SSH public key's type and its key (base64), when ``text`` is one; None otherwise."""
    import base64
    import binascii

    parts = text.split()
    if len(parts) < 2 or parts[0] not in _SSH_TYPES:
        return None
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        return None
    return (parts[0], parts[1]) if blob[4:4 + len(parts[0])] == parts[0].encode("ascii") else None


def key_fingerprint(text: str) -> str | None:
    """The fingerprint git reports for a signature made with the key ``text`` names (``%GF``), or None when
    ``text`` is no signing key: ``SHA256:…`` for an SSH key, 40 upper-case hex digits for an OpenPGP one."""
    import base64
    import hashlib

    text = text.strip()
    ssh = ssh_public_key(text)
    if ssh is not None:
        digest = hashlib.sha256(base64.b64decode(ssh[1])).digest()
        return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")
    if _SSH_FINGERPRINT.fullmatch(text):
        return text
    plain = "".join(text.split())
    return plain.upper() if _PGP_FINGERPRINT.fullmatch(plain) else None
