"""An output directory under a file is one cannot-write line for every command that writes
a directory through ``temp_dir_beside`` (exhibit and report raised a bare
NotADirectoryError before the parent's creation moved into it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from transplant_audit import error_codes as codes
from transplant_audit.capture.exhibit import write_exhibit
from transplant_audit.errors import DataError
from transplant_audit.fileerrors import temp_dir_beside


@pytest.fixture
def under_a_file(tmp_path: Path) -> Path:
    (tmp_path / "plain").write_text("not a directory\n", encoding="utf-8")
    return tmp_path / "plain" / "sub" / "out"


def test_temp_dir_beside_makes_the_parent(tmp_path: Path) -> None:
    tmp = temp_dir_beside(tmp_path / "a" / "b" / "out")
    assert tmp.is_dir() and tmp.parent == tmp_path / "a" / "b"


def test_temp_dir_beside_under_a_file_is_cannot_write(under_a_file: Path) -> None:
    with pytest.raises(DataError) as err:
        temp_dir_beside(under_a_file)
    assert err.value.code == codes.CannotWrite.code
    assert str(under_a_file) in str(err.value)


def test_exhibit_under_a_file_is_cannot_write(under_a_file: Path) -> None:
    with pytest.raises(DataError) as err:
        write_exhibit({"a.txt": b"x"}, under_a_file)
    assert err.value.code == codes.CannotWrite.code
    assert not list(under_a_file.parent.parent.parent.glob(".out.*"))
