"""Assumption distributions, validation and overrides (synthetic inputs)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from transplant_audit.errors import ConfigError, DataError
from transplant_audit.estimate.assumptions import (
    REQUIRED,
    apply_overrides,
    assumptions_from_frame,
    make_assumption,
    read_overrides,
)

from .synthetic import assumptions_frame


def rec(**kw):
    base = {
        "name": "occupancy_rate",
        "distribution": "uniform",
        "low": 0.8,
        "mode": None,
        "high": 1.2,
        "unit": "fraction",
    }
    base.update(kw)
    return base


def test_uniform_quantiles_exact():
    a = make_assumption(rec())
    assert np.allclose(a.ppf(np.array([0.0, 0.25, 0.5, 1.0])), [0.8, 0.9, 1.0, 1.2], atol=1e-9)


def test_lognormal_low_high_are_5th_and_95th_percentiles():
    a = make_assumption(
        rec(
            name="price_per_transplant_cny", distribution="lognormal", low=1e5, high=4e5, unit="CNY"
        )
    )
    lo, med, hi = a.ppf(np.array([0.05, 0.5, 0.95]))
    assert lo == pytest.approx(1e5, rel=1e-9)
    assert hi == pytest.approx(4e5, rel=1e-9)
    assert med == pytest.approx(2e5, rel=1e-9)  # geometric mean


def test_pert_mean_matches_formula():
    a = make_assumption(rec(distribution="pert", low=0.8, mode=1.0, high=1.4))
    draws = a.sample(np.random.default_rng(1), 50_000)
    assert draws.mean() == pytest.approx((0.8 + 4 * 1.0 + 1.4) / 6, abs=4e-3)
    assert draws.min() >= 0.8 and draws.max() <= 1.4


def test_triangular_and_integer_uniform():
    t = make_assumption(rec(distribution="triangular", low=0.8, mode=0.8, high=1.2))
    assert t.ppf(0.5) == pytest.approx(1.2 - 0.4 * math.sqrt(0.5))
    w = make_assumption(
        {
            "name": "carry_window_years",
            "distribution": "integer_uniform",
            "low": 0,
            "high": 3,
            "unit": "years",
        }
    )
    d = w.sample(np.random.default_rng(2), 40_000)
    assert set(np.unique(d)) == {0.0, 1.0, 2.0, 3.0}
    assert np.allclose(np.bincount(d.astype(int)) / len(d), 0.25, atol=0.01)


def test_fixed_takes_mode_or_low():
    assert make_assumption(rec(distribution="fixed", low=None, mode=0.9, high=None)).median == 0.9
    assert make_assumption(rec(distribution="fixed", low=0.7, mode=None, high=None)).median == 0.7


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        (
            {"name": "length_of_stay_days_kidney", "unit": "days", "low": -3, "high": 20},
            "low",
            "above 0",
        ),
        ({"low": 0.0, "high": 1.2}, "low", "above 0"),
        ({"low": 1.3, "high": 1.2}, "low", "above high"),
        ({"distribution": "gamma"}, "distribution", "unknown distribution"),
        ({"distribution": "pert", "mode": 2.0}, "mode", "outside"),
        (
            {
                "distribution": "lognormal",
                "name": "price_per_transplant_cny",
                "unit": "CNY",
                "low": 0,
            },
            "low",
            "needs low > 0",
        ),
        ({"high": "lots"}, "high", "must be a number"),
        ({"unit": "percent"}, "unit", "unit must be 'fraction'"),
        ({"name": "capacity_utilisation", "high": 1.5}, "high", "impossible"),
    ],
)
def test_impossible_distributions_are_refused(changes, field, words):
    with pytest.raises(DataError) as err:
        make_assumption(rec(**changes), file="assumptions.csv", row=7)
    e = err.value
    assert e.file == "assumptions.csv" and e.row == 7 and e.field == field
    assert words in str(e)


def test_duplicate_names_refused():
    frame = assumptions_frame()
    frame = pd.concat([frame, frame.iloc[[0]]], ignore_index=True)
    with pytest.raises(DataError, match="defined twice"):
        assumptions_from_frame(frame)


def test_override_unknown_name_refused_and_known_applied():
    base = assumptions_from_frame(assumptions_frame())
    with pytest.raises(ConfigError, match="unknown assumption 'ocupancy_rate'"):
        apply_overrides(base, {"ocupancy_rate": {"low": 1}}, file="my.yaml")
    out = apply_overrides(
        base, {"occupancy_rate": {"distribution": "uniform", "low": 0.9, "high": 1.1}}
    )
    assert out["occupancy_rate"].describe() == "uniform(0.9, 1.1) fraction"
    assert out["occupancy_rate"].origin == "overrides"
    with pytest.raises(DataError, match="above 0"):
        apply_overrides(base, {"occupancy_rate": {"distribution": "uniform", "low": -1, "high": 1}})


def test_read_overrides_yaml_and_csv(tmp_path: Path):
    y = tmp_path / "o.yaml"
    y.write_text("occupancy_rate: {distribution: uniform, low: 0.9, high: 1.1}\n", encoding="utf-8")
    assert read_overrides(y) == {
        "occupancy_rate": {"distribution": "uniform", "low": 0.9, "high": 1.1}
    }
    c = tmp_path / "o.csv"
    c.write_text("name,distribution,low,high\noccupancy_rate,uniform,0.9,1.1\n", encoding="utf-8")
    assert read_overrides(c) == {
        "occupancy_rate": {"distribution": "uniform", "low": "0.9", "high": "1.1"}
    }
    with pytest.raises(ConfigError, match="must be .yaml"):
        (tmp_path / "o.txt").write_text("x", encoding="utf-8")
        read_overrides(tmp_path / "o.txt")
    with pytest.raises(ConfigError, match="not found"):
        read_overrides(tmp_path / "missing.yaml")


def test_curated_assumptions_are_complete_valid_and_sourced(repo_root: Path):
    """data-src/assumptions.csv: every required name, valid, every URL with a source row."""
    cur = pd.read_csv(repo_root / "data-src" / "assumptions.csv", dtype=str, keep_default_na=False)
    assert set(REQUIRED) <= set(cur["name"])
    parsed = assumptions_from_frame(
        cur.rename(columns={"source_urls": "source_ids"}), file="assumptions.csv"
    )
    assert all(a.justification and len(a.justification) > 40 for a in parsed.values())
    urls = set()
    for s in cur["source_urls"]:
        urls |= {u.strip() for u in s.split(";") if u.strip()}
    known = set(pd.read_csv(repo_root / "data" / "sources.csv", dtype=str)["url"])
    extra = repo_root / "data-src" / "extra_sources.csv"
    if extra.is_file():
        known |= set(pd.read_csv(extra, dtype=str)["url"])
    assert urls and urls <= known, sorted(urls - known)
