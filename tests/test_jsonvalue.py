"""jsonvalue.plain: the one rule for JSON-safe values (strict JSON has no NaN or Infinity)."""

from __future__ import annotations

import datetime as dt
import json
import math

import numpy as np
import pandas as pd
import pytest

from transplant_audit.jsonvalue import plain


@pytest.mark.parametrize(
    "missing",
    [math.nan, math.inf, -math.inf, np.float32("inf"), np.float64("-inf"), np.nan, pd.NA, pd.NaT],
)
def test_missing_and_non_finite_numbers_become_null(missing: object) -> None:
    assert plain(missing) is None
    assert json.dumps(plain({"x": [missing]}), allow_nan=False) == '{"x": [null]}'


def test_numpy_and_pandas_scalars_become_python_ones() -> None:
    out = plain({"i": np.int64(7), "f": np.float32(0.5), "b": np.bool_(True), 3: (1, "a")})
    assert out == {"i": 7, "f": 0.5, "b": True, "3": [1, "a"]}
    assert type(out["i"]) is int and type(out["b"]) is bool
    assert plain(pd.Timestamp("2015-06-01")) == "2015-06-01T00:00:00"
    assert plain(dt.date(2015, 6, 1)) == "2015-06-01"
    assert plain(np.datetime64("NaT")) is None


def test_estimate_json_survives_an_infinite_ratio(monkeypatch: pytest.MonkeyPatch) -> None:
    """The old estimate cleaner let +inf through, and ``json.dumps(allow_nan=False)`` then
    crashed ``estimate --json``; the shared rule writes null. SYNTHETIC evidence and ratio."""
    from estimate.synthetic import claim, hospital, make_evidence, obs
    from transplant_audit.estimate import estimate

    ev = make_evidence(
        [hospital("a")],
        [obs("a", "transplant_beds", 50, as_of="2010")],
        claims=[claim("clm_x", "transplants_performed", 500)],
    )
    result = estimate(ev, draws=20, years="2009-2010")
    comp = result.comparison().assign(ratio_p95=np.inf)
    assert len(comp) > 0
    monkeypatch.setattr(type(result), "comparison", lambda self: comp)
    data = result.to_dict(with_sensitivity=False)
    text = json.dumps(data, allow_nan=False)  # what ``estimate --json`` writes
    assert all(r["ratio_p95"] is None for r in json.loads(text)["comparison"])
