"""A cache path that cannot even be looked at (review rv9): ``stat`` fails with an error
other than "not there" (a directory the user may not search gives EACCES; a name longer
than the file system allows gives ENAMETOOLONG, which the test can make as any user). The
chart and the bundle are still given, as when the old code's ``except OSError`` caught it,
and ``write_bytes_atomic`` says so in one ``cannot-write`` line, not a bare OSError.
The PNG and the bundle are SYNTHETIC stand-ins for what vl-convert renders."""

from __future__ import annotations

from pathlib import Path

import pytest
import vl_convert

from transplant_audit.errors import DataError
from transplant_audit.fileerrors import write_bytes_atomic, write_cache_atomic
from transplant_audit.report import html as html_mod
from transplant_audit.report import pdf as pdf_mod

FAKE_PNG = pdf_mod._PNG_START + b"\0" * 2_000 + pdf_mod._PNG_END
FAKE_BUNDLE = "/* synthetic vega bundle */"
TOO_LONG = "n" * 300  # past NAME_MAX (255) of every common file system


def test_write_cache_atomic_swallows_an_unstatable_path(tmp_path: Path) -> None:
    assert write_cache_atomic(tmp_path / TOO_LONG / "chart.png", b"x") is False
    assert list(tmp_path.iterdir()) == []


def test_write_bytes_atomic_names_an_unstatable_path(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="nnnn"):
        write_bytes_atomic(tmp_path / TOO_LONG, b"x")


def test_report_caches_under_an_unstatable_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSPLANT_AUDIT_CACHE_DIR", str(tmp_path / TOO_LONG))
    monkeypatch.setattr(vl_convert, "vegalite_to_png", lambda spec, scale=1: FAKE_PNG)
    monkeypatch.setattr(vl_convert, "javascript_bundle", lambda *a, **k: FAKE_BUNDLE)
    html_mod.vega_bundle.cache_clear()
    try:
        assert pdf_mod.chart_png({"mark": "point"}) == FAKE_PNG
        assert "synthetic vega bundle" in html_mod.vega_bundle()
    finally:
        html_mod.vega_bundle.cache_clear()
