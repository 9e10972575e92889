"""File modes: an output the user asks for follows the umask; a secret is 0600 whatever it is.

Reports, CSV, JSON, charts, exports, exhibits, public keys and aggregate packages are
files the user made, to be shared or not as the umask says (0644 under umask 022).
Signing keys and pseudonym keys stay 0600 (their directory 0700) under any umask.
The umask is set in the test process and inherited by the command it runs; root may read
any file but ``stat`` still reports the mode. The store starts empty (no real figures).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_process import cli_env, run_cli

SECRET_MODE = 0o600


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture()
def umask() -> Iterator[object]:
    """Call ``umask(value)`` to set the process umask; the old one comes back after."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


def _cli(home: Path, *args: str) -> None:
    env = cli_env()
    env.pop("TRANSPLANT_AUDIT_REGISTRY_KEY_FILE", None)
    r = run_cli(*args, "--home", str(home), env=env)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize(("mask", "file_mode", "dir_mode"), [(0o022, 0o644, 0o755),
                                                            (0o077, 0o600, 0o700),
                                                            (0o002, 0o664, 0o775)])  # fmt: skip
def test_outputs_follow_the_umask(
    tmp_path: Path, umask: object, mask: int, file_mode: int, dir_mode: int
) -> None:
    """On main (before this change) every atomically written file was 0600 and exported,
    aggregated or exhibited directories 0700, whatever the umask."""
    umask(mask)  # type: ignore[operator]
    home = tmp_path / "home"
    _cli(home, "coverage", "--json", str(tmp_path / "coverage.json"))
    _cli(home, "donorpool", "--json", str(tmp_path / "donorpool.json"))
    _cli(home, "manifest", "--out", str(tmp_path / "m.json"),
         "--public-key-out", str(tmp_path / "k.pem"))  # fmt: skip
    _cli(home, "export", str(tmp_path / "pkg"))
    _cli(home, "registry", "aggregates", "--out", str(tmp_path / "agg"))
    for name in ("coverage.json", "donorpool.json", "m.json", "k.pem"):
        assert _mode(tmp_path / name) == file_mode, name
    for name in ("pkg", "agg"):
        assert _mode(tmp_path / name) == dir_mode, name
        files = list((tmp_path / name).iterdir())
        assert files and all(_mode(f) == file_mode for f in files), name
    key = home / "keys" / "manifest_ed25519.pem"
    assert _mode(key) == SECRET_MODE
    assert _mode(key.parent) == 0o700


def test_estimate_json_and_csv_follow_the_umask(tmp_path: Path, umask: object) -> None:
    umask(0o022)  # type: ignore[operator]
    _cli(tmp_path / "home", "estimate", "--draws", "200", "--no-sensitivity",
         "--json", str(tmp_path / "e.json"), "--csv", str(tmp_path / "csv"))  # fmt: skip
    assert _mode(tmp_path / "e.json") == 0o644
    files = list((tmp_path / "csv").glob("*.csv"))
    assert files and all(_mode(f) == 0o644 for f in files)


@pytest.mark.parametrize("mask", [0o000, 0o022, 0o277])
def test_secrets_are_0600_whatever_the_umask(tmp_path: Path, umask: object, mask: int) -> None:
    """Both writers of secrets: the manifest signing key (and its directory) and the
    registry pseudonym key. Under umask 0277 the registry key was created 0400 on main
    (open's 0600 less the umask), and the keys directory followed the umask."""
    from transplant_audit.capture.manifest import KEY_FILE, _load_or_create_key
    from transplant_audit.fileerrors import write_bytes_atomic
    from transplant_audit.registry.keyfile import load_or_create_key

    umask(mask)  # type: ignore[operator]
    _load_or_create_key(tmp_path / "home")
    key = tmp_path / "home" / KEY_FILE
    assert _mode(key) == SECRET_MODE
    assert _mode(key.parent) == 0o700  # under umask 0277 mkdir alone gave 0500
    reg = tmp_path / "reg" / "registry.key"
    assert len(load_or_create_key(reg)) == 32
    assert _mode(reg) == SECRET_MODE
    write_bytes_atomic(tmp_path / "s.bin", b"x", secret=True)
    assert _mode(tmp_path / "s.bin") == SECRET_MODE


@pytest.mark.parametrize("mask", [0o000, 0o022, 0o077])
def test_the_atomic_writers_follow_the_umask(tmp_path: Path, umask: object, mask: int) -> None:
    from transplant_audit.capture.exhibit import write_exhibit
    from transplant_audit.fileerrors import temp_dir_beside, write_bytes_atomic

    umask(mask)  # type: ignore[operator]
    write_bytes_atomic(tmp_path / "a.txt", b"x")
    assert _mode(tmp_path / "a.txt") == 0o666 & ~mask
    out = write_exhibit({"a.txt": b"x", "sub/b.txt": b"y"}, tmp_path / "exhibit")
    assert _mode(out) == 0o777 & ~mask
    assert _mode(out / "sub" / "b.txt") == 0o666 & ~mask
    tmp = temp_dir_beside(tmp_path / "x")
    assert _mode(tmp) == 0o777 & ~mask and tmp.name.startswith(".x.tmp-")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".a.txt")) == []
