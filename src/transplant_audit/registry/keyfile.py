"""The pseudonym key: a file outside the database, named by TRANSPLANT_AUDIT_REGISTRY_KEY_FILE.

Created on first start with 32 random bytes (hex) and permissions 0600. Losing it ends
duplicate detection across the loss (docs/registry.md: back it up apart from the database).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from transplant_audit.errors import ConfigError
from transplant_audit.fileerrors import create_bytes_exclusive
from transplant_audit.paths import home_dir

KEY_ENV = "TRANSPLANT_AUDIT_REGISTRY_KEY_FILE"
KEY_BYTES = 32


def key_path(home: str | os.PathLike[str] | None = None) -> Path:
    """``$TRANSPLANT_AUDIT_REGISTRY_KEY_FILE``, else ``registry.key`` in the home directory."""
    env = os.environ.get(KEY_ENV)
    return Path(env).expanduser() if env else home_dir(home) / "registry.key"


def load_or_create_key(path: Path) -> bytes:
    """The key in ``path``, creating it (0600, exclusively, never half-written) when it
    does not exist."""
    if not path.exists():
        # whole or not at all (0o600 whatever the umask); a key another worker created
        # meanwhile is kept and read below
        data = (secrets.token_hex(KEY_BYTES) + "\n").encode("ascii")
        create_bytes_exclusive(path, data, secret=True)
    if path.stat().st_mode & 0o077:
        raise ConfigError(f"{path}: the registry key file must not be readable by others "
                          "(chmod 600 it)")  # fmt: skip
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except ValueError as exc:
        raise ConfigError(f"{path}: the registry key file is not hex") from exc
    if len(key) < KEY_BYTES:
        raise ConfigError(f"{path}: the registry key is shorter than {KEY_BYTES} bytes")
    return key
