"""Overrides that would give inf or nan are refused (issue 10, hole 8); SYNTHETIC files.

On the old main ``high: .inf`` and ``high: 1e308`` were accepted and a lognormal
with ``low: 1e-300, high: 1e300`` printed ``nan`` with exit 0.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from transplant_audit.cli import app
from transplant_audit.errors import DataError
from transplant_audit.estimate.assumptions import make_assumption

runner = CliRunner()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ("{distribution: uniform, low: 1, high: .inf}", "high"),
        ("{distribution: uniform, low: 1, high: 1e308}", "high"),
        ("{distribution: uniform, low: -.inf, high: 3}", "low"),
        ("{distribution: fixed, mode: .nan}", "mode"),
        ("{distribution: lognormal, low: 1e-300, high: 1e300}", "high"),
        ("{distribution: lognormal, low: 1e-12, high: 1e12}", "high"),
    ],
    ids=["inf", "1e308", "minus-inf", "nan", "lognormal-1e300", "lognormal-wide-tails"],
)
def test_non_finite_override_is_refused_naming_the_field(
    tmp_path: Path, fields: str, field: str
) -> None:
    path = tmp_path / "o.yaml"
    path.write_text(f"length_of_stay_days_kidney: {fields}\n", encoding="utf-8")
    args = ["estimate", "--draws", "10", "--no-sensitivity", "--assumptions", str(path)]
    result = runner.invoke(app, [*args, "--home", str(tmp_path / "h")])
    exc = result.exception
    assert isinstance(exc, DataError), result.output
    assert exc.exit_code == 2 and exc.field == field
    assert "o.yaml" in str(exc) and "length_of_stay_days_kidney" in str(exc)
    assert "nan" not in result.stdout


@pytest.mark.parametrize("text", ["nan", "inf", "-Infinity"])
def test_csv_text_nan_and_inf_are_refused(text: str) -> None:
    rec = {"name": "x", "distribution": "uniform", "low": "1", "high": text, "unit": "days"}
    with pytest.raises(DataError, match="finite"):
        make_assumption(rec, file="o.csv", row=2)


def test_a_reasonable_lognormal_is_accepted() -> None:
    a = make_assumption(
        {"name": "x", "distribution": "lognormal", "low": 5, "high": 40, "unit": "days"}
    )
    assert 5 < a.median < 40
