"""Official figures of very different sizes each get their own panel and scale (issue 18, 3)."""

from __future__ import annotations

import pandas as pd

from transplant_audit.report import charts


def test_official_series_are_small_multiples_with_independent_scales() -> None:
    # SYNTHETIC: one series a thousand times larger than the other.
    df = pd.DataFrame(
        {
            "year": [2015, 2016, 2017] * 2,
            "series": ["big"] * 3 + ["small"] * 3,
            "value": [1_000_000.0, 1_200_000.0, 1_500_000.0, 100.0, 120.0, 150.0],
        }
    )
    spec = charts.official_lines(df, "synthetic")
    assert spec["facet"]["field"] == "series"
    assert spec["resolve"]["scale"]["y"] == "independent"
    import vl_convert

    svg = vl_convert.vegalite_to_svg(spec)
    # each panel labels its own axis: the small series' values are readable
    assert "150" in svg or "140" in svg
    assert "1.5M" in svg or "1.4M" in svg
