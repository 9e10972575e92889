"""Two runs creating the manifest signing key at once keep one key (review r7).

On main (379807c) the key was written with an atomic *replace*: a run that generated its
key while another run's key landed first replaced that key, so the other run's manifest
was signed with a key no longer stored (its signature could not be checked against the
stored public key). The key here is a fresh random test key, no real data.
"""

from __future__ import annotations

from pathlib import Path

import pytest


def test_a_key_written_meanwhile_is_kept_and_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from transplant_audit.capture import manifest

    home = tmp_path / "home"
    path = home / manifest.KEY_FILE
    other = Ed25519PrivateKey.generate()
    other_pem = other.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    generate = Ed25519PrivateKey.generate

    def racing_generate() -> Ed25519PrivateKey:
        """The other run finishes writing its key while this one makes its own."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(other_pem)
        return generate()

    monkeypatch.setattr(Ed25519PrivateKey, "generate", staticmethod(racing_generate))
    key = manifest._load_or_create_key(home)
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    assert path.read_bytes() == other_pem  # the first key stored is kept
    assert key.public_key().public_bytes(*raw) == other.public_key().public_bytes(*raw)
