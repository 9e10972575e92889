"""Chart PNGs are kept by the digest of their spec (issue 18 item 9), so an unchanged chart is
read back instead of rendered; a damaged file is rendered again; the cache stays bounded."""

from __future__ import annotations

from pathlib import Path

import pytest
import vl_convert

from transplant_audit.report import pdf as pdf_mod

SPEC = {
    "data": {"values": [{"x": 1, "y": 2}, {"x": 2, "y": 3}]},
    "mark": "point",
    "encoding": {
        "x": {"field": "x", "type": "quantitative"},
        "y": {"field": "y", "type": "quantitative"},
    },
}


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRANSPLANT_AUDIT_CACHE_DIR", str(tmp_path))
    return tmp_path / "charts"


def test_an_unchanged_chart_is_read_back_not_rendered(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = pdf_mod.chart_png(SPEC)
    assert first.startswith(b"\x89PNG") and len(list(cache.glob("*.png"))) == 1

    def refuse(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("rendered again although the spec did not change")

    monkeypatch.setattr(vl_convert, "vegalite_to_png", refuse)
    assert pdf_mod.chart_png(dict(SPEC)) == first


def test_a_changed_spec_or_a_damaged_file_is_rendered(cache: Path) -> None:
    first = pdf_mod.chart_png(SPEC)
    changed = {**SPEC, "mark": "line"}
    assert pdf_mod.chart_png(changed) != first
    assert len(list(cache.glob("*.png"))) == 2
    path = pdf_mod._png_cache_path(SPEC, vl_convert.__version__)
    path.write_bytes(first[: len(first) // 2])  # truncated: no IEND chunk
    assert pdf_mod.chart_png(SPEC) == first
    assert path.read_bytes() == first


def test_render_pngs_keeps_the_cache_bounded(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.mkdir(parents=True)
    for i in range(5):
        (cache / f"old{i}.png").write_bytes(b"x")
    monkeypatch.setattr(pdf_mod, "MAX_CACHED_PNGS", 3)
    fig = pdf_mod.Figure(name="f", title="t", spec=SPEC, data=None, alt="a", caption=[])
    (png,) = pdf_mod.render_pngs([fig])
    assert isinstance(png, bytes)
    kept = list(cache.glob("*.png"))
    assert len(kept) == 3
    assert pdf_mod._png_cache_path(SPEC, vl_convert.__version__) in kept  # just used: kept
