"""The report's two caches (chart PNGs in pdf.py, the Vega bundle in html.py) are written
through the project's one atomic writer (``fileerrors.write_bytes_atomic``): a write that
fails leaves nothing in the cache directory, neither a half-written file nor a temp file,
and the report goes on (a cache is only a cache). The PNG and the bundle here are
SYNTHETIC stand-ins for what vl-convert renders."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import vl_convert

from transplant_audit.report import html as html_mod
from transplant_audit.report import pdf as pdf_mod

SPEC = {"data": {"values": [{"x": 1}]}, "mark": "point"}
FAKE_PNG = pdf_mod._PNG_START + b"\0" * 20_000 + pdf_mod._PNG_END
FAKE_BUNDLE = "/* synthetic vega bundle */" + "x" * 200_000


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory, and vl-convert replaced by synthetic output."""
    monkeypatch.setenv("TRANSPLANT_AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(vl_convert, "vegalite_to_png", lambda spec, scale=1: FAKE_PNG)
    monkeypatch.setattr(vl_convert, "javascript_bundle", lambda *a, **k: FAKE_BUNDLE)
    html_mod.vega_bundle.cache_clear()
    yield tmp_path / "cache"
    html_mod.vega_bundle.cache_clear()


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _fail_rename(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src: object, dst: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", refuse)


def test_chart_png_cache_is_written_whole(cache: Path) -> None:
    assert pdf_mod.chart_png(SPEC) == FAKE_PNG
    (only,) = [p for p in cache.rglob("*") if p.is_file()]
    assert only == pdf_mod._png_cache_path(SPEC, vl_convert.__version__)
    assert only.read_bytes() == FAKE_PNG


def test_vega_bundle_cache_is_written_whole(cache: Path) -> None:
    bundle = html_mod.vega_bundle()
    assert "synthetic vega bundle" in bundle
    (only,) = [p for p in cache.rglob("*") if p.is_file()]
    assert only == html_mod._bundle_cache_path()
    assert only.read_text("utf-8") == FAKE_BUNDLE + html_mod._BUNDLE_END


def test_a_failed_chart_cache_write_leaves_nothing(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_rename(monkeypatch)
    assert pdf_mod.chart_png(SPEC) == FAKE_PNG  # the chart itself is still given
    assert _files(cache) == []


def test_a_failed_bundle_cache_write_leaves_nothing(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_rename(monkeypatch)
    assert "synthetic vega bundle" in html_mod.vega_bundle()
    assert _files(cache) == []


_PARTIAL_WRITE = textwrap.dedent(
    """
    import resource, signal, sys
    import vl_convert
    from transplant_audit.report import html as html_mod, pdf as pdf_mod
    png = pdf_mod._PNG_START + b"\\0" * 20_000 + pdf_mod._PNG_END
    vl_convert.vegalite_to_png = lambda spec, scale=1: png
    vl_convert.javascript_bundle = lambda *a, **k: "/* synthetic */" + "x" * 200_000
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-large write fails (EFBIG) instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
    assert pdf_mod.chart_png({"mark": "point"}) == png
    assert "synthetic" in html_mod.vega_bundle()
    print("ok")
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_write_cut_off_part_way_leaves_nothing(tmp_path: Path) -> None:
    """A write that stops after 4 KiB (as on a full disk): in a fresh process limited to
    4 KiB files, both caches are skipped and leave no file at all."""
    env = {**os.environ, "TRANSPLANT_AUDIT_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "-c", _PARTIAL_WRITE],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr
    cache = tmp_path / "cache"
    assert not cache.exists() or _files(cache) == []


def test_write_cache_atomic_says_whether_it_kept_the_file(tmp_path: Path) -> None:
    from transplant_audit.fileerrors import write_cache_atomic

    assert write_cache_atomic(tmp_path / "a" / "b.bin", b"kept") is True
    assert (tmp_path / "a" / "b.bin").read_bytes() == b"kept"
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    assert write_cache_atomic(blocker / "under-a-file.bin", b"lost") is False
    assert write_cache_atomic(tmp_path / "a", b"a directory") is False
    assert _files(tmp_path) == ["a/b.bin", "file"]
