"""The bundled package is validated once per content (cache keyed by digest)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from transplant_audit.errors import DataError
from transplant_audit.evidence import load, package


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRANSPLANT_AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_second_read_skips_validation_and_gives_the_same_evidence(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load.read_bundled()
    assert len(list((cache / "validated").iterdir())) == 1

    def refuse(*args: object, **kwargs: object) -> list:
        raise AssertionError("validated again although the package did not change")

    monkeypatch.setattr(package, "validate_package", refuse)
    second = load.read_bundled()
    assert second.digest == first.digest
    assert second.observations.equals(first.observations)


def test_a_changed_package_is_validated_again(
    cache: Path, tmp_path: Path, bundled_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "data"
    shutil.copytree(bundled_dir, copy)
    monkeypatch.setattr(load, "bundled_package_dir", lambda: copy)
    load.read_bundled()
    key_before = load.validation_key(copy)
    hospitals = copy / "hospitals.csv"
    lines = hospitals.read_text("utf-8").splitlines(keepends=True)
    hospitals.write_text("".join(lines[:1] + [lines[1].replace(",", ",,", 1)] + lines[2:]), "utf-8")
    assert load.validation_key(copy) != key_before
    with pytest.raises(DataError) as caught:
        load.read_bundled()
    assert "hospitals.csv" in str(caught.value)


def test_help_does_not_import_pandas_or_scipy() -> None:
    import subprocess

    code = (
        "import sys, transplant_audit.cli;"
        "print(sorted(m for m in ('pandas','scipy','numpy','sqlalchemy','altair','frictionless')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
