"""The one module that runs git. Everything else asks it, never the shell.

Every call passes arguments as a list (no shell), reads bytes, and turns git's failures into GitError with
git's own message, so the CLI can print one line instead of a traceback. Revisions, ranges and paths come
from the command line or from the repository, so they are data: each reaches git after ``--end-of-options``
(or ``--``), and one that begins with ``-`` is refused before git sees it, so no argument can become an
option such as ``--output=FILE``.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from tracker.load.levels import is_commit_id
from tracker.load.progress import MAX_BYTES, TooLarge


class GitError(Exception):
    """git is missing, the folder is not a repository, or a revision does not exist."""


# Settings every git this module runs is given: no hook runs (a repository's own hooks, or a hooks path its
# config names, would run code at a fetch or an update of a ref), no file-system monitor (a program the
# repository's config could name), and paths written as they are.
SAFE = ("-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "core.quotepath=off")


# What a mirror operation adds, since it talks to another repository: only the transports a level's source may
# name (a path, git, http(s), ssh; never ext::, which runs a command), no submodule fetched, never a prompt
# for a password that nobody would answer (one unreachable level must not hold up the others).
MIRROR = ("-c", "protocol.allow=never", "-c", "protocol.file.allow=always", "-c", "protocol.git.allow=always",
          "-c", "protocol.http.allow=always", "-c", "protocol.https.allow=always", "-c", "protocol.ssh.allow=always",
          "-c", "fetch.recurseSubmodules=false", "-c", "submodule.recurse=false")


def _mirror_env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.pop("GIT_ALLOW_PROTOCOL", None)  # the protocols above decide, not a setting left in the environment
    env["GIT_TERMINAL_PROMPT"] = "0"
    return env


def _run(cwd: Path, *args: str, check: bool = True, env: dict[str, str] | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *SAFE, *args], cwd=cwd, capture_output=True, check=False, timeout=300,
                              env=env, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise GitError("git is not installed" if cwd.is_dir() else f"{cwd}: no such folder") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git failed: {exc}") from None
    if check and done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        said = [line for line in lines if line.startswith(("fatal:", "error:"))]  # the cause, not the advice after it
        raise GitError(said[0] if said else lines[-1] if lines else f"git {args[0]} failed")
    return done.stdout


def init_repository(folder: Path) -> None:
    """Make ``folder`` a git repository (``git init``; harmless where it is one already)."""
    _run(folder, "init", "-q")


def hook_path(folder: Path, name: str) -> tuple[Path, bool]:
    """Where git looks for the hook ``name`` of the repository holding ``folder``, and whether that is the
    repository's own hooks folder (False: a ``core.hooksPath`` the user's or the repository's settings name,
    which other repositories may share). The settings are read, never run."""
    scopes = _run(folder, "config", "--show-scope", "--get-all", "core.hooksPath", check=False).decode(
        "utf-8", "replace").splitlines()
    named = [line.partition("\t")[2] for line in scopes if not line.startswith("command")]
    if named and named[-1]:
        where = Path(named[-1]).expanduser()
        return (where if where.is_absolute() else toplevel(folder) / where) / name, False
    common = Path(_run(folder, "rev-parse", "--git-common-dir").decode("utf-8").strip())
    return (common if common.is_absolute() else folder / common) / "hooks" / name, True


def commit_all(folder: Path, message: str) -> str:
    """Commit everything in ``folder`` (added first), no hook run (as no git tracker runs runs one); the new
    commit's id."""
    _run(folder, "add", "--", ".")
    _run(folder, "commit", "-q", "-m", message)
    return _run(folder, "rev-parse", "HEAD").decode().strip()


def data_arg(value: str) -> str:
    """A revision, range or path as git must read it: never as an option."""
    if value.startswith("-"):
        raise GitError(f"refused {value!r}: a revision or path cannot begin with '-'")
    return value


def identity(cwd: Path) -> tuple[str, str]:
    """git's (user.name, user.email) for this folder, each "" when unset (or git missing), in one call."""
    try:
        out = _run(cwd, "config", "--get-regexp", r"^user\.(name|email)$", check=False)
    except GitError:
        return "", ""
    found: dict[str, str] = {}
    for line in out.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(" ")
        found[key] = value.strip()  # git lists the broadest scope first: the last one listed wins
    return found.get("user.name", ""), found.get("user.email", "")


def git_dir(cwd: Path) -> Path | None:
    """The git directory git itself names for ``cwd`` (a worktree's own included), or None where git finds no
    repository it will use: none above, a ``.git`` that is no repository, one owned by someone else (git's
    safe.directory), or no git at all. Where git could find none, git is not started (``_findable``)."""
    if not _findable(cwd):
        return None
    try:
        out = _run(cwd, "rev-parse", "--absolute-git-dir", check=False).decode("utf-8", "surrogateescape").strip()
    except GitError:
        return None
    return Path(out) if out and Path(out).is_absolute() else None


def _findable(cwd: Path) -> bool:
    """Whether git could find a repository for ``cwd``: a ``.git`` (folder, file or link) at or above it, or a
    folder there that holds what a bare repository holds (HEAD, objects/, refs/), or a setting in the
    environment that names a repository (GIT_DIR, which git obeys before it looks, and its kin). Where none is
    there, git would answer that there is no repository: a folder outside any repository (a unit's new folder,
    a test's) then records without starting git at all."""
    import os

    if any(os.environ.get(name) for name in ("GIT_DIR", "GIT_COMMON_DIR", "GIT_WORK_TREE")):
        return True
    try:
        here = cwd.resolve()
    except OSError:
        return True  # let git say what is wrong
    for folder in (here, *here.parents):
        if os.path.lexists(folder / ".git") or (
                (folder / "HEAD").is_file() and (folder / "objects").is_dir() and (folder / "refs").is_dir()):
            return True
    return False


def toplevel(cwd: Path) -> Path:
    return Path(_run(cwd, "rev-parse", "--show-toplevel").decode("utf-8").strip())


def resolve(cwd: Path, rev: str) -> str:
    """A revision's full commit id."""
    return _run(cwd, "rev-parse", "--verify", "--quiet", "--end-of-options",
                f"{data_arg(rev)}^{{commit}}").decode().strip()


def ancestry(cwd: Path, commit: str) -> set[str]:
    """A commit and every commit before it (``git rev-list``)."""
    return set(_run(cwd, "rev-list", "--end-of-options", data_arg(commit), "--").decode().split())


def show(cwd: Path, rev: str, path: str) -> bytes | None:
    """A file's bytes at a revision (``path`` relative to the repository's top), None if absent there. Read only
    up to a progress file's limit: a larger one raises TooLarge (a blob of gigabytes is never held)."""
    try:
        proc = subprocess.Popen(["git", *SAFE, "cat-file", "blob", "--end-of-options", f"{data_arg(rev)}:{path}"],
                                cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except OSError as exc:
        raise GitError(f"git failed: {exc}") from None
    assert proc.stdout is not None
    with proc:
        data = proc.stdout.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            proc.kill()
            raise TooLarge(path, len(data))
    return data if proc.returncode == 0 else None


def files_at(cwd: Path, rev: str, folder: str) -> list[str]:
    """Paths of the files under ``folder`` at a revision, relative to the repository's top."""
    out = _run(cwd, "ls-tree", "-r", "--name-only", "--end-of-options", data_arg(rev), "--", folder)
    return [line for line in out.decode("utf-8").splitlines() if line]


@dataclass(frozen=True)
class Commit:
    id: str
    parents: tuple[str, ...]
    author_name: str
    author_email: str
    date: str
    subject: str
    signature: str  # git's %G? letter: G good, B bad, U good but untrusted, N none, …
    key: str = ""  # %GF: the fingerprint of the key that signed (SHA256:… for an SSH key)
    primary: str = ""  # %GP: the OpenPGP primary key's fingerprint, when a subkey signed
    signer: str = ""  # %GS: an SSH signature's principal, as the allowed-signers file names it (OpenPGP: the
    # key's own user id, which its owner chose)


def commits(cwd: Path, rev_range: str, allowed_signers: Path | None = None) -> list[Commit]:
    """The commits of a range (``A..B``, or one revision and its ancestors), oldest first, each with its
    signature as git verifies it (``allowed_signers``: the file of SSH keys and principals git checks SSH
    signatures against, in place of the one configured)."""
    fmt = "%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%s%x1f%G?%x1f%GF%x1f%GP%x1f%GS%x1e"
    given = ("-c", f"gpg.ssh.allowedSignersFile={allowed_signers}") if allowed_signers is not None else ()
    out = _run(cwd, *given, "log", "--reverse", f"--format={fmt}", "--end-of-options", data_arg(rev_range),
               "--").decode("utf-8", "replace")
    result = []
    for chunk in out.split("\x1e"):
        chunk = chunk.strip("\n")
        if not chunk:
            continue
        cid, parents, name, email, date, subject, sig, key, primary, signer = chunk.split("\x1f")
        result.append(Commit(cid, tuple(parents.split()), name, email, date, subject, sig, key, primary, signer))
    return result


def setting_path(cwd: Path, key: str) -> Path | None:
    """A setting naming a file (``git config --path``), as this folder's git sees it; None when unset."""
    try:
        out = _run(cwd, "config", "--path", key, check=False).decode("utf-8", "surrogateescape").strip()
    except GitError:
        return None
    return Path(out) if out else None


def changed_files(cwd: Path, commit: str, parent: str | None) -> list[str]:
    """Files a commit changed against one parent (or that a root commit added)."""
    args = ["diff", "--name-only", "--no-renames", "--end-of-options", data_arg(parent), data_arg(commit), "--"] \
        if parent else ["show", "--name-only", "--format=", "--end-of-options", data_arg(commit), "--"]
    return [line for line in _run(cwd, *args).decode("utf-8").splitlines() if line]


@dataclass(frozen=True)
class Patch:
    """One commit's change to one file: who made it, when, and the lines it removed and added."""

    commit: str
    author_name: str
    author_email: str
    author_time: int
    removed: list[bytes]
    added: list[bytes]


def file_patches(cwd: Path, path: str) -> list[Patch]:
    """Every commit that changed the file ``path`` (relative to the repository's top), oldest first, with the
    lines it removed and added (merges, whose lines come from their parents, are left out)."""
    out = _run(cwd, "log", "--reverse", "--no-merges", "--no-renames", "--no-color", "--unified=0", "-p",
               "--format=%x1e%H%x1f%an%x1f%ae%x1f%at", "--", path)
    found: list[Patch] = []
    for chunk in out.split(b"\x1e")[1:]:
        head, _, body = chunk.partition(b"\n")
        commit, name, email, time = head.decode("utf-8", "replace").split("\x1f")
        removed, added = [], []
        for line in body.split(b"\n"):
            if line.startswith(b"-") and not line.startswith(b"--- "):
                removed.append(line[1:])
            elif line.startswith(b"+") and not line.startswith(b"+++ "):
                added.append(line[1:])
        found.append(Patch(commit, name, email, int(time or 0), removed, added))
    return found


@dataclass(frozen=True)
class BlameLine:
    line: int
    commit: str
    author_name: str
    author_email: str
    author_time: int


def blame(cwd: Path, path: str) -> list[BlameLine]:
    """Who added each line of a working-tree file (uncommitted lines have commit 000…)."""
    out = _run(cwd, "blame", "--line-porcelain", "--", path).decode("utf-8", "replace")
    result: list[BlameLine] = []
    info: dict[str, str] = {}
    commit, final = "", 0
    for row in out.splitlines():
        if row.startswith("\t"):
            result.append(BlameLine(final, commit, info.get("author", ""), info.get("author-mail", "").strip("<>"),
                                    int(info.get("author-time", "0"))))
            info = {}
            continue
        head, _, rest = row.partition(" ")
        if len(head) == 40 and all(c in "0123456789abcdef" for c in head):
            commit, final = head, int(rest.split()[1])
        else:
            info[head] = rest
    return result


# ---------------------------------------------------------------- lower levels' mirrors

def _plain_word(text: str) -> None:
    """A source or ref given to git must never be read as an option, whatever the file says."""
    if not text or text.startswith("-") or any(c in text for c in "\0\n\r"):
        raise GitError(f"refused {text!r}: it could be read as an option")


def mirror_fetch(mirror: Path, source: str, ref: str | None) -> str:
    """Fetch ``ref`` (default: the source's HEAD) of ``source`` into the bare repository ``mirror`` (made when
    absent) and return the commit it names."""
    _plain_word(source)
    if ref is not None:
        _plain_word(ref)
        if any(c in ref for c in ": \t^~?*[\\") or ".." in ref:
            raise GitError(f"{ref!r} is not a branch or tag name")
    _bare(mirror)
    _run(mirror, *MIRROR, "fetch", "-q", "--no-tags", "--force", "--end-of-options", source,
         f"+{ref or 'HEAD'}:refs/tracker/fetched", env=_mirror_env())
    return resolve(mirror, "refs/tracker/fetched")


def _bare(mirror: Path) -> None:
    """Make ``mirror`` a bare repository of this user's own, unless it is one already."""
    if not (mirror / "HEAD").is_file():
        mirror.mkdir(parents=True, exist_ok=True)
        _run(mirror, "init", "-q", "--bare")


def keep(mirror: Path, commit: str, why: str = "locked") -> None:
    """Keep ``commit`` in the mirror for good, under a ref of its own (``refs/tracker/<why>/<commit>``): what a
    lock named once stays, whatever its source's history does later, so a past roll-up can be rebuilt."""
    if not is_commit_id(commit):
        raise GitError(f"{commit!r} is not a commit id")
    _run(mirror, "update-ref", f"refs/tracker/{why}/{commit}", commit)


def kept(mirror: Path, commit: str) -> bool:
    """Whether ``keep`` kept ``commit`` in the mirror, read from the mirror's refs without running git (a
    roll-up asks it of every level): a loose ref naming it, or its line in packed-refs. False only says the refs
    do not show it (``mirror_has`` asks git)."""
    if not is_commit_id(commit) or not (mirror / "HEAD").is_file():
        return False
    whys = ("locked", "pinned")
    for why in whys:
        try:
            if (mirror / "refs" / "tracker" / why / commit).read_bytes().strip() == commit.encode():
                return True
        except OSError:
            pass
    try:
        packed = (mirror / "packed-refs").read_bytes()
    except OSError:
        return False
    return any(f"{commit} refs/tracker/{why}/{commit}\n".encode() in packed for why in whys)


def is_ancestor(mirror: Path, old: str, new: str) -> bool:
    """Whether ``new`` descends from ``old`` (both in the mirror): the lock would move forward along the
    level's history, not to a history rewritten."""
    if not (is_commit_id(old) and is_commit_id(new)):
        return False
    proc = subprocess.run(["git", *SAFE, "merge-base", "--is-ancestor", old, new], cwd=mirror, capture_output=True,
                          check=False, timeout=300, stdin=subprocess.DEVNULL)
    return proc.returncode == 0


def tracked(cwd: Path, path: str) -> list[str]:
    """The files git tracks under ``path`` (relative to ``cwd``); none outside a repository."""
    try:
        out = _run(cwd, "ls-files", "-z", "--", data_arg(path), check=False)
    except GitError:
        return []
    return [name for name in out.decode("utf-8", "replace").split("\0") if name]


def mirror_has(mirror: Path, commit: str) -> bool:
    """The mirror holds this commit (a 40-digit id)."""
    if not is_commit_id(commit) or not (mirror / "HEAD").is_file():
        return False
    return bool(_run(mirror, "cat-file", "-t", commit, check=False).strip() == b"commit")


def fetch_commit(mirror: Path, source: str, commit: str) -> None:
    """Fetch one commit by id (pinned by a lower level's own lock file), unless the mirror has it."""
    _plain_word(source)
    if not is_commit_id(commit):
        raise GitError(f"{commit!r} is not a commit id")
    if mirror_has(mirror, commit):
        return
    _bare(mirror)
    _run(mirror, *MIRROR, "fetch", "-q", "--no-tags", "--end-of-options", source, commit, env=_mirror_env())
    keep(mirror, commit, "pinned")


def remote_tip(source: str, ref: str | None, cwd: Path) -> str:
    """The commit ``ref`` (default HEAD) names at the source now, without fetching it."""
    _plain_word(source)
    if ref is not None:
        _plain_word(ref)
    want = ref or "HEAD"
    out = _run(cwd, *MIRROR, "ls-remote", "--end-of-options", source, want, env=_mirror_env()).decode("utf-8",
                                                                                                      "replace")
    found: dict[str, str] = {}
    for line in out.splitlines():
        commit, _, name = line.partition("\t")
        if is_commit_id(commit):
            found[name] = commit
    for name in (f"refs/tags/{want}^{{}}", want, f"refs/heads/{want}", f"refs/tags/{want}"):
        if name in found:
            return found[name]
    raise GitError(f"{want} not found at {source}")


def count_between(mirror: Path, old: str, new: str) -> int | None:
    """How many commits ``new`` has that ``old`` has not (None when the mirror lacks either)."""
    if not (mirror_has(mirror, old) and mirror_has(mirror, new)):
        return None
    return int(_run(mirror, "rev-list", "--count", f"{old}..{new}").decode().strip() or 0)


def tree(cwd: Path, commit: str) -> dict[str, tuple[str, int]]:
    """Every file of a commit, path -> (blob id, size in bytes): ids are what a cache keys on without reading
    the files, sizes what says a file is too large to read before it is."""
    if not is_commit_id(commit):
        raise GitError(f"{commit!r} is not a commit id")
    out: dict[str, tuple[str, int]] = {}
    for line in _run(cwd, "ls-tree", "-r", "-l", "--full-tree", commit).decode("utf-8", "replace").splitlines():
        meta, _, path = line.partition("\t")
        parts = meta.split()
        if len(parts) == 4 and parts[1] == "blob" and parts[3].isdigit():
            out[path] = (parts[2], int(parts[3]))
    return out


class BlobReader:
    """Blobs by id through one ``git cat-file --batch`` process, so reading thousands of files costs one
    process, not one each. git flushes after every object, so requests and answers alternate."""

    def __init__(self, cwd: Path) -> None:
        self._cwd = cwd
        self._proc: subprocess.Popen[bytes] | None = None

    def read(self, blob: str) -> bytes | None:
        if not is_commit_id(blob):
            return None
        if self._proc is None:
            try:
                self._proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self._cwd, stdin=subprocess.PIPE,
                                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            except OSError as exc:
                raise GitError(f"git failed: {exc}") from None
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(blob.encode("ascii") + b"\n")
        self._proc.stdin.flush()
        header = self._proc.stdout.readline().split()
        if len(header) != 3:
            return None
        data = self._proc.stdout.read(int(header[2]))
        self._proc.stdout.read(1)
        return data

    def close(self) -> None:
        if self._proc is not None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
            self._proc.wait()
            self._proc = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
