"""What moved between two reports or two data packages (issue 18, item 12). SYNTHETIC tables."""

from __future__ import annotations

import pandas as pd

from transplant_audit.report.compare import compare_tables


def test_changed_added_and_removed_figures_are_listed_one_per_row() -> None:
    old = {
        "national": pd.DataFrame(
            {"year": [2015, 2016], "scenario": ["combined"] * 2, "median": [100.0, 200.0]}
        ),
        "gone": pd.DataFrame({"x": ["a"], "v": [1.0]}),
    }
    new = {
        "national": pd.DataFrame(
            {
                "year": [2015, 2016, 2017],
                "scenario": ["combined"] * 3,
                "median": [100.0, 250.0, 300.0],
            }
        )
    }
    moved = compare_tables(old, new)
    changed = moved[moved["key"] == "year=2016 scenario=combined"].iloc[0]
    assert (changed["old"], changed["new"], changed["change"]) == (200.0, 250.0, 50.0)
    assert changed["relative"] == 0.25
    added = moved[moved["key"] == "year=2017 scenario=combined"].iloc[0]
    assert pd.isna(added["old"]) and added["new"] == 300.0
    assert "year=2015 scenario=combined" not in set(moved["key"])  # unchanged: not listed
    assert moved[moved["table"] == "gone"]["key"].iloc[0].startswith("(whole table only in the old")


def test_packages_compare_by_id_including_text_fields() -> None:
    old = {
        "observations": pd.DataFrame(
            {"id": ["o1", "o2"], "value": [5.0, 7.0], "unit": ["beds"] * 2}
        )
    }
    new = {
        "observations": pd.DataFrame(
            {"id": ["o1", "o2"], "value": [5.0, 8.0], "unit": ["beds", "staff"]}
        )
    }
    moved = compare_tables(old, new)
    pairs = set(zip(moved["key"], moved["column"], strict=True))
    assert pairs == {("id=o2", "value"), ("id=o2", "unit")}


def test_compare_option_writes_compare_csv_and_refuses_a_non_report(tmp_path) -> None:  # noqa: ANN001
    import pytest

    from transplant_audit.errors import DataError
    from transplant_audit.report.commands import print_comparison, read_report_tables

    for name, value in (("old", 100.0), ("new", 120.0)):
        (tmp_path / name / "data").mkdir(parents=True)
        pd.DataFrame({"year": [2015], "median": [value]}).to_csv(
            tmp_path / name / "data" / "national.csv", index=False
        )
    print_comparison(read_report_tables(tmp_path / "old"), tmp_path / "new" / "data", tmp_path)
    moved = pd.read_csv(tmp_path / "new" / "data" / "compare.csv")
    assert moved[["key", "old", "new"]].values.tolist() == [["year=2015", 100.0, 120.0]]
    with pytest.raises(DataError, match="no report tables"):
        read_report_tables(tmp_path / "nothing")


def test_rows_repeating_a_key_are_each_compared() -> None:
    """Two rows with the same text columns (e.g. two hospitals of the same name) are matched
    in order; a change in the second is reported, not dropped."""
    old = {"t": pd.DataFrame({"name": ["A", "A"], "beds": [100, 200]})}
    new = {"t": pd.DataFrame({"name": ["A", "A"], "beds": [100, 250]})}
    out = compare_tables(old, new)
    assert out[["key", "old", "new"]].values.tolist() == [["name=A #2", 200, 250]]
    grown = {"t": pd.DataFrame({"name": ["A", "A", "A"], "beds": [100, 200, 300]})}
    added = compare_tables(old, grown)
    assert added[["key", "old", "new"]].values.tolist() == [["name=A #3", None, 300]]
