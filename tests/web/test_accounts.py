"""Accounts without a server: names, Argon2id hashes, roles (pure checks, no store)."""

from __future__ import annotations

import pytest

from transplant_audit.errors import ConfigError
from transplant_audit.web.accounts import Principal, hash_password, normalize_username


def test_names_are_normalised_so_look_alikes_collide() -> None:
    assert normalize_username(" Alice ") == "alice"
    assert normalize_username("ＡＬＩＣＥ") == "alice"  # full-width letters (NFKC)
    for bad in ("", "al ice", "alice\u200b", "a/b", "x" * 81):
        with pytest.raises(ConfigError):
            normalize_username(bad)


def test_passwords_are_argon2id_and_long_enough() -> None:
    h = hash_password("synthetic-password-1")
    assert h.startswith("$argon2id$") and "synthetic" not in h
    with pytest.raises(ConfigError, match="too short"):
        hash_password("short")


def test_roles_are_ordered() -> None:
    reviewer = Principal("r", "reviewer")
    assert reviewer.can("viewer") and reviewer.can("investigator") and reviewer.can("reviewer")
    assert not reviewer.can("admin")
    assert not Principal("v", "viewer").can("investigator")
