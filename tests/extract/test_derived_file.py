"""derived_file.write_or_check, the ending the three build tools share: --check must fail on
a shipped file that is absent or differs, and writing must leave exactly the derivation."""

from __future__ import annotations

from pathlib import Path

import pytest

from transplant_audit.extract import derived_file


def test_write_or_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "derived.json"
    assert derived_file.write_or_check(out, "{}\n", True, "0 names") == 1  # absent
    assert not out.exists()
    assert derived_file.write_or_check(out, "{}\n", False, "0 names") == 0
    assert out.read_text(encoding="utf-8") == "{}\n"
    assert derived_file.write_or_check(out, "{}\n", True, "0 names") == 0
    assert derived_file.write_or_check(out, "[]\n", True, "0 names") == 1  # differs
    assert out.read_text(encoding="utf-8") == "{}\n"  # a check writes nothing
    printed = capsys.readouterr().out
    assert "(0 names)" in printed and "up to date" in printed and "DIFFERS" in printed
