"""Series input: validation errors, conflicts, gaps, differencing. All data synthetic."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transplant_audit.errors import DataError
from transplant_audit.forensics.series import (
    accumulate,
    difference,
    gaps,
    read_series_csv,
    series_from_mapping,
    series_variants,
    validate_series,
)


def test_fewer_than_four_points_is_refused() -> None:
    with pytest.raises(DataError) as err:
        series_from_mapping("s", {2010: 1, 2011: 2, 2012: 3})
    assert err.value.code == "too-few-points"
    assert "at least 4" in err.value.reason


@pytest.mark.parametrize(
    ("text", "code", "row", "field"),
    [
        ("year,value\n2010,5\n2011,-3\n2012,7\n2013,9\n", "negative-count", 3, "value"),
        ("year,value\n2010,5\n2011,6\n2012,7.5\n2013,9\n", "non-integer-count", 4, "value"),
        ("year,value\n2010,5\n2011,6\n2011,7\n2013,9\n", "duplicate-year", 4, "year"),
        ("year,value\n2010,5\n20x1,6\n2012,7\n2013,9\n", "bad-year", 3, "year"),
        ("year,value\n2010,5\n2011,abc\n2012,7\n2013,9\n", "bad-number", 3, "value"),
        ("year,count\n2010,5\n", "missing-column", None, "value"),
    ],
)
def test_bad_csv_names_file_row_field(tmp_path, text, code, row, field) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(DataError) as err:
        read_series_csv(path)
    e = err.value
    assert e.code == code
    assert e.file == str(path)
    assert e.row == row
    assert e.field == field
    assert str(path) in str(e)


def test_non_integer_allowed_when_not_counts() -> None:
    frame = pd.DataFrame({"year": [2010, 2011, 2012, 2013], "value": [1.5, 2.5, 3.5, 4.5]})
    out = validate_series(frame, counts=False)
    assert out["value"].tolist() == [1.5, 2.5, 3.5, 4.5]


def test_csv_with_thousands_separator_and_unsorted_years(tmp_path) -> None:
    path = tmp_path / "s.csv"
    path.write_text('year,value\n2012,"1,200"\n2010,100\n2011,500\n2014,2000\n')
    sd = read_series_csv(path)
    assert sd.years.tolist() == [2010, 2011, 2012, 2014]
    assert sd.values.tolist() == [100, 500, 1200, 2000]
    assert sd.gaps() == [2013]


def test_difference_rejects_gaps_and_falls() -> None:
    with pytest.raises(DataError) as err:
        difference(pd.DataFrame({"year": [2010, 2012], "value": [1, 5]}))
    assert err.value.code == "gap"
    with pytest.raises(DataError) as err:
        difference(pd.DataFrame({"year": [2010, 2011, 2012], "value": [1, 5, 4]}))
    assert err.value.code == "falling-cumulative"


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=15),
    st.integers(min_value=0, max_value=1000),
)
def test_accumulate_then_difference_round_trips(increments, start) -> None:
    annual = pd.DataFrame({"year": range(2000, 2000 + len(increments)), "value": increments})
    cum = accumulate(annual, start=start)
    with_start = pd.concat([pd.DataFrame({"year": [1999], "value": [start]}), cum])
    back = difference(with_start)
    assert back["value"].tolist() == increments
    assert gaps(back) == []


def test_conflicts_each_stop_source(synthetic_evidence) -> None:
    off = synthetic_evidence.official_series
    each = series_variants(off, "national_deceased_donors", rule="each")
    assert len(each) == 4
    assert {tuple(sorted(v.choice.items())) for v in each} == {
        ((2010, 40.0), (2017, 4740.0)),
        ((2010, 40.0), (2017, 4753.0)),
        ((2010, 63.0), (2017, 4740.0)),
        ((2010, 63.0), (2017, 4753.0)),
    }
    assert all(len(v.conflicts) == 2 for v in each)
    # the partial-year 2016 row is left out and said so
    assert all(any("part of a year" in e for e in v.excluded) for v in each)
    assert all(v.frame.loc[v.frame.year == 2016, "value"].item() == 3590 for v in each)
    with pytest.raises(DataError) as err:
        series_variants(off, "national_deceased_donors", rule="stop")
    assert err.value.code == "conflict"
    assert "2010" in str(err.value) and "2017" in str(err.value)
    chosen = series_variants(
        off,
        "national_deceased_donors",
        rule="source",
        prefer_sources=["src_3333333333", "src_2222222222"],
    )
    assert len(chosen) == 1
    assert chosen[0].choice == {2010: 63.0, 2017: 4753.0}
    with pytest.raises(DataError):
        series_variants(
            off, "national_deceased_donors", rule="source", prefer_sources=["src_3333333333"]
        )


def test_unknown_series_lists_known(synthetic_evidence) -> None:
    with pytest.raises(DataError) as err:
        series_variants(synthetic_evidence.official_series, "nope")
    assert "national_deceased_donors" in err.value.reason
