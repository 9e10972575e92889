"""Property tests of the report's pure formatting helpers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from transplant_audit.report.fmt import cjk_runs, rounded, year_of


@given(st.text())
def test_cjk_runs_reassemble_the_text(text: str) -> None:
    runs = cjk_runs(text)
    assert "".join(chunk for chunk, _ in runs) == text
    assert all(chunk for chunk, _ in runs)
    # neighbouring runs alternate between CJK and not
    assert all(a[1] != b[1] for a, b in zip(runs, runs[1:], strict=False))


@given(st.floats(min_value=1, max_value=1e9, allow_nan=False))
def test_rounded_keeps_three_significant_digits(x: float) -> None:
    shown = float(rounded(x).replace(",", ""))
    assert abs(shown - x) <= 0.005 * x + 0.5
    if x >= 100:  # below 100 the figure is a whole number (at most 2 digits anyway)
        assert len(rounded(x).replace(",", "").rstrip("0")) <= 3


def test_year_of_partial_dates() -> None:
    assert year_of("2016") == 2016
    assert year_of("2016-05") == 2016
    assert year_of("2016-05-16") == 2016
    assert year_of("") is None and year_of(None) is None and year_of("about 2016") is None
