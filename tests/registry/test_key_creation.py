"""The registry pseudonym key is created whole or not at all (review r7).

On main (379807c) the key file was created empty (``os.open`` with ``O_EXCL``) and then
written: a write that failed (a full disk, an interrupted run) left an empty
``registry.key`` behind, and every later registry command stopped on "the registry key is
shorter than 32 bytes" until someone deleted it; a second worker starting at the same
moment could read the empty file the same way. No real data: the key is random bytes.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from pathlib import Path

import pytest

from transplant_audit.errors import TransplantAuditError
from transplant_audit.registry.keyfile import KEY_BYTES, load_or_create_key


class _FullDisk(io.RawIOBase):
    """A writable file whose every write fails as on a full disk."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def writable(self) -> bool:
        return True

    def write(self, b: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def close(self) -> None:
        if not self.closed:
            os.close(self._fd)
        super().close()


def test_a_failed_first_write_leaves_no_key_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = tmp_path / "home" / "registry.key"
    with monkeypatch.context() as m:
        m.setattr(os, "fdopen", lambda fd, *a, **k: _FullDisk(fd))
        with pytest.raises((OSError, TransplantAuditError)):
            load_or_create_key(key)
    assert not key.exists()
    assert [p.name for p in key.parent.iterdir()] == []  # no temp file either
    # the next run creates a whole key, 0600
    assert len(load_or_create_key(key)) == KEY_BYTES
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_a_key_created_meanwhile_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers: another worker's key lands after this one saw no key and while it makes
    its own; the stored key is kept and returned, never replaced (an atomic replace would
    leave pseudonyms made with the other key unmatchable)."""
    from transplant_audit.registry import keyfile

    key = tmp_path / "registry.key"
    other = "ab" * KEY_BYTES
    token_hex = keyfile.secrets.token_hex

    def racing_token_hex(n: int) -> str:
        key.write_text(other + "\n", encoding="ascii")  # the other worker, first
        key.chmod(0o600)
        return token_hex(n)

    monkeypatch.setattr(keyfile.secrets, "token_hex", racing_token_hex)
    assert load_or_create_key(key) == bytes.fromhex(other)
    assert key.read_text(encoding="ascii") == other + "\n"
    assert [p.name for p in tmp_path.iterdir()] == ["registry.key"]  # no temp file left
