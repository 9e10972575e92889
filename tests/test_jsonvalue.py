"""jsonvalue.plain: the one rule for JSON-safe values (strict JSON has no NaN or Infinity)."""

from __future__ import annotations

import dataclasses
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


@dataclasses.dataclass
class _Point:
    """SYNTHETIC: a dataclass value inside a result's details or a chart spec."""

    x: float
    when: dt.date


def test_arrays_frames_dataclasses_become_json() -> None:
    frame = pd.DataFrame({"a": [1, 2], "b": [0.5, np.nan]})
    out = plain(
        {
            "arr": np.array([1.0, np.nan, np.inf]),
            "bools": np.array([True, False]),
            "series": pd.Series([3, 4]),
            "frame": frame,
            "point": _Point(np.float32(1.5), dt.date(2015, 6, 1)),
            "f64": np.float64(0.1),
        }
    )
    assert out == {
        "arr": [1.0, None, None],
        "bools": [True, False],
        "series": [3, 4],
        "frame": [{"a": 1, "b": 0.5}, {"a": 2, "b": None}],
        "point": {"x": 1.5, "when": "2015-06-01"},
        "f64": 0.1,
    }
    assert type(out["f64"]) is float and type(out["bools"][0]) is bool
    json.dumps(out, allow_nan=False)  # strict JSON


def test_forensic_details_follow_the_one_rule() -> None:
    """``forensics --json --details`` used its own cleaner, which let np.bool_, dates and
    dataclasses through (json.dumps then wrote "True" as text or raised). SYNTHETIC result."""
    from transplant_audit.forensics.results import TestResult

    r = TestResult(
        "s",
        "t",
        np.float32(2.0),
        np.float64(np.nan),
        True,
        "v.",
        details={
            "ok": np.bool_(True),
            "at": pd.Timestamp("2015-01-01"),
            "p": _Point(np.inf, dt.date(2015, 1, 2)),
        },
    )
    rec = r.to_record(with_details=True)
    assert rec["statistic"] == 2.0 and rec["p_value"] is None
    assert rec["details"] == {
        "ok": True,
        "at": "2015-01-01T00:00:00",
        "p": {"x": None, "when": "2015-01-02"},
    }
    json.dumps(rec, allow_nan=False)


def test_report_chart_spec_with_nan_writes_null() -> None:
    """The report's chart spec writer raised on NaN, arrays and dates; now they follow
    ``plain``. SYNTHETIC spec."""
    from transplant_audit.report.html import _spec_json
    from transplant_audit.report.model import Figure

    spec = {
        "data": {"values": [{"y": np.nan, "x": np.int64(3), "d": dt.date(2015, 1, 1)}]},
        "scale": {"domain": np.array([0.0, np.inf])},
        "mark": "</script>",
    }
    f = Figure(name="n", title="t", spec=spec, data=pd.DataFrame(), alt="a")
    text = str(_spec_json(f))
    assert "<\\/script>" in text and "</" not in text
    assert json.loads(text) == {
        "data": {"values": [{"y": None, "x": 3, "d": "2015-01-01"}]},
        "scale": {"domain": [0.0, None]},
        "mark": "</script>",
    }
