"""A signature is its author's: with --require-signed, each commit touching tracking files must be signed with a
key units.yaml lists for the maintainer its author is (or, for SSH, one the checking machine's allowed-signers
file maps to the author's email); the office's acts need an office key. Real keys, made in a temporary folder
with ssh-keygen and gpg; skipped where either is missing."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.git.test_review import OFFICE, ZHANG, git, make_repo, tracker

EXTEND = ["extend", "15", "--unit", "emergency", "--until", "2026-03-31", "--note", "设备延迟", "--date",
          "2025-10-10", "--by", "张三"]


def _units_with_keys(repo: Path, office_key: str, zhang_key: str) -> None:
    units = repo / "units.yaml"
    text = units.read_text(encoding="utf-8")
    text = text.replace("    maintainers: [办公室 <office@example.org>]\n",
                        "    maintainers: [办公室 <office@example.org>]\n    signing_keys:\n"
                        f"      - {{maintainer: 办公室 <office@example.org>, key: \"{office_key}\"}}\n")
    text = text.replace("    maintainers: [张三 <zs@example.org>]\n",
                        "    maintainers: [张三 <zs@example.org>]\n    signing_keys:\n"
                        f"      - {{maintainer: 张三 <zs@example.org>, key: \"{zhang_key}\"}}\n")
    units.write_text(text, encoding="utf-8")


def signed(repo: Path, message: str, who: tuple[str, str], *how: str) -> str:
    """Commit everything as ``who``, signed as ``how`` says (git -c options naming the format and the key)."""
    git(repo, "add", "-A", who=who)
    git(repo, *how, "commit", "-S", "-qm", message, who=who)
    return git(repo, "rev-parse", "HEAD").strip()


def scenario(repo: Path, zhang: tuple[str, ...], office: tuple[str, ...], verify: tuple[str, ...] = ()) -> None:
    """张三 commits his own request, signed with his key: fine. The office's approval signed with the office's
    key: fine. An approval authored as the office but signed with 张三's key (he approves his own request):
    refused, though git calls the signature good. An unsigned commit: refused."""
    git(repo, "config", "user.name", OFFICE[0])
    git(repo, "config", "user.email", OFFICE[1])
    base = git(repo, "rev-parse", "HEAD").strip()
    assert tracker(repo, *EXTEND).exit_code == 0
    signed(repo, "request", ZHANG, *zhang)
    result = tracker(repo, "check-authors", f"{base}..HEAD", "--require-signed")
    assert result.exit_code == 0, result.output
    request = git(repo, "rev-parse", "HEAD").strip()

    assert tracker(repo, "extend", "15", "--unit", "emergency", "--approve", "--date", "2025-10-11").exit_code == 0
    forged = signed(repo, "approved (by 张三's key)", OFFICE, *zhang)
    assert git(repo, *verify, "log", "-1", "--format=%G?").strip() == "G"  # good, for git: just not the office's
    result = tracker(repo, "check-authors", f"{request}..HEAD", "--require-signed")
    assert result.exit_code == 1
    assert forged[:10] in result.stdout and "不是 办公室 <office@example.org> 的签名密钥" in result.stdout

    git(repo, "reset", "-q", "--hard", request)
    assert tracker(repo, "extend", "15", "--unit", "emergency", "--approve", "--date", "2025-10-11").exit_code == 0
    signed(repo, "approved by the office", OFFICE, *office)
    result = tracker(repo, "check-authors", f"{request}..HEAD", "--require-signed")
    assert result.exit_code == 0, result.output
    assert tracker(repo, "record", "17", "--unit", "emergency", "--status", "in-progress", "--percent", "10",
                   "--date", "2025-10-12", "--by", "张三").exit_code == 0
    git(repo, "add", "-A", who=ZHANG)
    git(repo, "commit", "-qm", "unsigned", who=ZHANG)
    result = tracker(repo, "check-authors", "HEAD~1..HEAD", "--require-signed")
    assert result.exit_code == 1 and "没有有效签名" in result.stdout


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen is not installed")
def ssh_keys(tmp_path: Path) -> dict[str, Path]:
    """张三's and the office's SSH keys, made with ssh-keygen: each name's private key file."""
    keys = tmp_path / "keys"
    keys.mkdir()
    for name in ("zhang", "office"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(keys / name)],
                       check=True, capture_output=True)
    return {name: keys / name for name in ("zhang", "office")}


def ssh_signing(key: Path) -> tuple[str, ...]:
    return ("-c", "gpg.format=ssh", "-c", f"user.signingkey={key}")


def test_ssh_signatures_are_checked_against_the_authors_own_key(tmp_path: Path) -> None:
    keys = ssh_keys(tmp_path)
    repo = make_repo(tmp_path)
    public = {name: key.with_suffix(".pub").read_text(encoding="utf-8").strip() for name, key in keys.items()}
    _units_with_keys(repo, public["office"], public["zhang"])
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "keys")
    assert tracker(repo, "validate").exit_code == 0
    both = tmp_path / "allowed_signers"  # what git would need to call either signature good
    both.write_text("".join(f"{n}@example.org {public[n]}\n" for n in ("zhang", "office")), encoding="utf-8")
    scenario(repo, ssh_signing(keys["zhang"]), ssh_signing(keys["office"]),
             ("-c", f"gpg.ssh.allowedSignersFile={both}"))


def test_a_key_listed_for_no_maintainer_or_no_key_at_all_is_refused(folder: Path) -> None:
    units = folder / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace(
        "    short: 市应急局\n", "    short: 市应急局\n    maintainers: [张三 <zs@example.org>]\n    signing_keys:\n"
        "      - {maintainer: 李四 <ls@example.org>, key: SHA256:" + "A" * 43 + "}\n"
        "      - {maintainer: 张三 <zs@example.org>, key: not a key}\n"), encoding="utf-8")
    result = tracker(folder, "validate")
    assert result.exit_code == 1
    assert "key-unknown-maintainer" in result.output and "bad-signing-key" in result.output


@pytest.fixture
def gnupg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A keyring of its own, in a short path (gpg-agent's socket must fit), its agent ended afterwards."""
    import tempfile

    home = Path(tempfile.mkdtemp(prefix="g", dir="/tmp" if Path("/tmp").is_dir() else None))
    home.chmod(0o700)
    monkeypatch.setenv("GNUPGHOME", str(home))
    yield home
    subprocess.run(["gpgconf", "--homedir", str(home), "--kill", "gpg-agent"], capture_output=True, check=False)
    shutil.rmtree(home, ignore_errors=True)


@pytest.mark.skipif(shutil.which("gpg") is None or shutil.which("gpgconf") is None, reason="gpg is not installed")
def test_openpgp_signatures_are_checked_against_the_authors_listed_fingerprint(tmp_path: Path, gnupg: Path) -> None:
    fingerprints = {}
    for name, uid in (("zhang", "张三 <zs@example.org>"), ("office", "办公室 <office@example.org>")):
        subprocess.run(["gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key", uid,
                        "ed25519", "sign", "never"], check=True, capture_output=True)
        listing = subprocess.run(["gpg", "--with-colons", "--list-secret-keys", uid], check=True,
                                 capture_output=True, text=True).stdout
        fingerprints[name] = next(line.split(":")[9] for line in listing.splitlines() if line.startswith("fpr:"))
    repo = make_repo(tmp_path)
    spaced = " ".join(fingerprints["zhang"][n:n + 4] for n in range(0, 40, 4))  # as gpg --fingerprint shows it
    _units_with_keys(repo, fingerprints["office"], spaced)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "keys")

    def how(name: str) -> tuple[str, ...]:
        return ("-c", "gpg.format=openpgp", "-c", f"user.signingkey={fingerprints[name]}")

    scenario(repo, how("zhang"), how("office"))


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen is not installed")
def test_an_allowed_signers_file_maps_ssh_keys_to_identities(tmp_path: Path) -> None:
    """Without keys in units.yaml, the checking machine's allowed-signers file (gpg.ssh.allowedSignersFile)
    says whose each SSH key is: the principal it names must be the author's email."""
    keys = ssh_keys(tmp_path)
    repo = make_repo(tmp_path)
    signers = tmp_path / "allowed_signers"
    signers.write_text("".join(f"{email} {keys[name].with_suffix('.pub').read_text(encoding='utf-8').strip()}\n"
                               for name, email in (("zhang", ZHANG[1]), ("office", OFFICE[1]))), encoding="utf-8")
    git(repo, "config", "gpg.ssh.allowedSignersFile", str(signers))
    scenario(repo, ssh_signing(keys["zhang"]), ssh_signing(keys["office"]))
